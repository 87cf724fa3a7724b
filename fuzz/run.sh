#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60), one after the other, starting from the
# committed seeds (fuzz/seeds/TARGET: our sessions, text and AKN outputs, the reference text and
# ../shared/akn-corpus) plus what earlier runs found (fuzz/corpus/TARGET, not committed).
#   fuzz/run.sh 600            # ten minutes per target
#   fuzz/run.sh 60 markup      # one target
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). No sanitizer: the crate
# has no `unsafe` code, so AddressSanitizer would only slow the runs; libFuzzer still catches
# panics, timeouts (-timeout) and runaway memory (-rss_limit_mb). A crash is saved under
# fuzz/artifacts/TARGET/ and should become a regression test in tests/.
# The last lines of each log (fuzz/logs/TARGET.log) give executions, time and crashes.
set -uo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(session markup import_text import_akn review_docx import_pdf import_docx xliff translations)
mkdir -p logs
for t in "${targets[@]}"; do
  cargo +nightly fuzz build --sanitizer none "$t" || exit 1
done
# PDF and Word seeds are whole files (40-100 KB): their inputs may be that long.
max_len() { case $1 in import_pdf|import_docx) echo 262144 ;; *) echo 65536 ;; esac; }
bin=target/$(rustc -vV | sed -n 's/^host: //p')/release
status=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  echo "== $t: ${seconds}s"
  # The binary itself, built above: sources edited meanwhile do not change a run under way.
  "$bin/$t" "corpus/$t" "seeds/$t" \
    -artifact_prefix="artifacts/$t/" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len="$(max_len "$t")" \
    -print_final_stats=1 >"logs/$t.log" 2>&1
  rc=$?
  runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "logs/$t.log" | tail -1)
  crashes=$(ls "artifacts/$t" 2>/dev/null | grep -c -E '^(crash|timeout|oom|leak)-' || true)
  echo "$t: rc $rc; ${runs:-no summary (see logs/$t.log)}; artifacts: $crashes"
  [ $rc -eq 0 ] || status=1
done
exit $status
