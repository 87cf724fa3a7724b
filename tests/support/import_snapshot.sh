#!/usr/bin/env bash
# Imports a fixed set of inputs with one build of `rapporteur`, to compare two builds before and
# after a change to an importer (a developer's check, not run by CI):
#   tests/support/import_snapshot.sh OLD_BIN /tmp/snap-old
#   tests/support/import_snapshot.sh target/debug/rapporteur /tmp/snap-new
#   diff -r /tmp/snap-old /tmp/snap-new
# Inputs: the five UN reports of ../shared/un-reports (PDF), and our sessions built once (by the
# first binary given, into $INPUTS, default /tmp/import-snapshot-inputs) as text, AKN, DOCX, PDF.
# Each import's session folder and its log (paths made relative) go under OUTDIR.
set -u
BIN=$(realpath "$1"); OUT=$2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
INPUTS=${INPUTS:-/tmp/import-snapshot-inputs}
rm -rf "$OUT"; mkdir -p "$OUT"
for f in "$ROOT"/../shared/un-reports/*.pdf; do
  n=$(basename "$f" .pdf)
  "$BIN" import "$f" --from pdf --output "$OUT/$n" > "$OUT/$n.log" 2>&1
done
if [ ! -d "$INPUTS" ]; then
  mkdir -p "$INPUTS"
  for s in "$ROOT"/sessions/*/; do
    "$BIN" build "$s" -o "$INPUTS/$(basename "$s")" > /dev/null 2>&1
  done
fi
for d in "$INPUTS"/*/; do
  n=$(basename "$d")
  for ext in pdf docx txt xml; do
    f=$(ls "$d"/*."$ext" 2> /dev/null | head -1)
    [ -n "$f" ] || continue
    from=$ext; [ "$ext" = txt ] && from=text; [ "$ext" = xml ] && from=akn
    "$BIN" import "$f" --from "$from" --output "$OUT/$n-$ext" > "$OUT/$n-$ext.log" 2>&1
  done
done
sed -i "s#$OUT/##g" "$OUT"/*.log
