#!/usr/bin/env bash
# Regenerates fonts/NotoSerifCJKsc-{Regular,Bold}-subset.otf: the Simplified Chinese faces of
# Noto Serif CJK (Debian package fonts-noto-cjk, /usr/share/fonts/opentype/noto/*.ttc, face 2 = SC)
# cut down with fontTools' pyftsubset (Debian package fonttools) to the characters a report needs:
# every character of GB 2312 (6,763 hanzi, the punctuation, full-width forms, kana, Greek and
# Cyrillic it encodes), CJK symbols and punctuation (U+3000-303F), the full-width and half-width
# forms (U+FF00-FFEF), general punctuation (U+2010-2027, U+2030-205E) and ASCII, keeping
# pyftsubset's default OpenType features plus the CJK ones (vert, vrt2, locl, halt, palt, chws,
# vchw). The whole collection is ~26 MB per weight; each subset is ~4.8 MB (the 6,763 hanzi
# outlines are most of it).
#
#   apt-get install fonts-noto-cjk fonttools && bash fonts/subset-cjk.sh
set -euo pipefail
cd "$(dirname "$0")"
src=/usr/share/fonts/opentype/noto
chars=$(mktemp)
trap 'rm -f "$chars"' EXIT
/usr/bin/python3 - "$chars" <<'PY'
import sys
out = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            out.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
for lo, hi in [(0x3000, 0x303F), (0xFF00, 0xFFEF), (0x2010, 0x2027), (0x2030, 0x205E), (0x20, 0x7E)]:
    out.update(chr(c) for c in range(lo, hi + 1))
open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(out)))
PY
for weight in Regular Bold; do
  pyftsubset "$src/NotoSerifCJK-$weight.ttc" --font-number=2 --text-file="$chars" \
    --layout-features+=vert,vrt2,locl,halt,palt,chws,vchw --name-IDs='*' --name-languages='*' --notdef-outline \
    --output-file="NotoSerifCJKsc-$weight-subset.otf"
done
ls -l NotoSerifCJKsc-*-subset.otf
