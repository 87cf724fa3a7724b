#!/usr/bin/env bash
# Runs every test of rapporteur, installing first what the tests need (the tools that read our
# outputs as real consumers do: poppler-utils for PDF text and fonts, libxml2-utils for the Akoma
# Ntoso and OOXML schemas, LibreOffice, its Python bridge and pandoc for DOCX), then the lints CI
# enforces.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v xmllint >/dev/null || need+=(libxml2-utils)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
# pandoc reads our DOCX back as a second, independent reader (tests/docx_readers.rs).
command -v pandoc >/dev/null || need+=(pandoc)
# LibreOffice renders the DOCX's Times New Roman with the metric-compatible Liberation Serif.
[ -e /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || need+=(fonts-liberation2)
# LibreOffice renders the Arabic DOCX (tests/scripts.rs) with a font that has Arabic: Amiri, the
# face the PDF embeds.
[ -e /usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Regular.ttf ] || need+=(fonts-hosny-amiri)
# `rapporteur diff` is judged by LibreOffice accepting and rejecting its tracked changes through
# UNO (tests/support/lo_redlines.py); git is needed to read an old version out of history.
/usr/bin/python3 -c 'import uno' 2>/dev/null || need+=(python3-uno)
command -v git >/dev/null || need+=(git)
# `rapporteur watch` is judged in a real browser: headless Chromium (tests/watch.rs).
command -v chromium >/dev/null || need+=(chromium)
# deploy/parallel/build.sh is run by tests/batch.rs; the deploy scripts are linted with shellcheck.
command -v parallel >/dev/null || need+=(parallel)
command -v shellcheck >/dev/null || need+=(shellcheck)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The session schema is judged by an independent validator (tests/schema.rs).
# (A Debian system Python refuses a plain `pip install`: then into the user's site, on PATH.)
if ! command -v check-jsonschema >/dev/null; then
  python3 -m pip install -q check-jsonschema 2>/dev/null ||
    python3 -m pip install -q --user --break-system-packages check-jsonschema
  export PATH="$HOME/.local/bin:$PATH"
fi

cargo fmt --check
cargo clippy --all-targets -- -D warnings
shellcheck deploy/parallel/*.sh deploy/slurm/*.sh deploy/slurm/*.sbatch
cargo test --all-targets
