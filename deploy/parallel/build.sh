#!/bin/bash
# An archive rebuilt by N processes on one host with GNU parallel: process I builds slice I of N
# (`--shard I/N`), all into one output root, each writing its own manifest.shard-I-of-N.json;
# the manifests are then merged into OUT/manifest.json.
#
#   deploy/parallel/build.sh [SESSIONS [OUT [N [BUILD OPTIONS…]]]]   (defaults: sessions out <CPUs>)
#   e.g. deploy/parallel/build.sh sessions out 4 --format pdf,docx
#
# One `rapporteur build SESSIONS` process already uses every core (rayon); separate processes
# are for when one should not hold the whole archive's work (memory caps, killing one slice).
# Each process then runs one worker thread. Needs GNU parallel (Debian: `apt-get install parallel`).
set -euo pipefail
SESSIONS=${1:-sessions}
OUT=${2:-out}
N=${3:-$(nproc)}
shift $(($# < 3 ? $# : 3))

status=0
RAYON_NUM_THREADS=1 parallel --will-cite --quote --jobs "$N" --line-buffer --tagstring 'shard {}' \
  rapporteur build "$SESSIONS" --shard "{}/$N" -o "$OUT" "$@" ::: $(seq 0 $((N - 1))) || status=$?

files=()
for ((i = 0; i < N; i++)); do
  files+=("$OUT/manifest.shard-$i-of-$N.json")
done
rapporteur manifest merge "${files[@]}" -o "$OUT/manifest.json"
# parallel's status is the number of failed slices (sessions with errors are listed above).
exit "$status"
