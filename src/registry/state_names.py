#!/usr/bin/env python3
"""Regenerates src/registry/state_names.tsv (the names of States in the six official languages).

Source: the OCHA "Countries & Territories Taxonomy" shipped in the PyPI package
hdx-python-country (file `hdx/location/Countries & Territories Taxonomy MVP - C&T Taxonomy.csv`),
columns "<Language> Short" (the UNTERM short names in the six languages) and "M49 <Language>"
(the UN Statistics Division's M49 names), keyed by ISO 3166-1 alpha-3.

    pip download --no-deps hdx-python-country==4.2.5 -d /tmp/hdx && cd /tmp/hdx && unzip -q *.whl
    python3 src/registry/state_names.py "/tmp/hdx/hdx/location/Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"

Former names (rows of states.tsv with an `until` date) are not in the taxonomy, which only holds
today's names: they are kept in FORMER below, written by hand from the names the UN used in each
language before the change (see the header of the generated file).
"""
import csv
import sys

LANGS = ["ar", "zh", "fr", "ru", "es"]
SHORT = {"ar": "Arabic Short", "zh": "Chinese Short", "fr": "French Short", "ru": "Russian Short", "es": "Spanish Short"}
M49 = {"ar": "M49 Arabic", "zh": "M49 Chinese", "fr": "M49 French", "ru": "M49 Russian", "es": "M49 Spanish"}

# (id, English name as in states.tsv) -> ar, zh, fr, ru, es
FORMER = {
    ("BOL", "Bolivia"): ["بوليفيا", "玻利维亚", "Bolivie", "Боливия", "Bolivia"],
    ("CPV", "Cape Verde"): ["الرأس الأخضر", "佛得角", "Cap-Vert", "Кабо-Верде", "Cabo Verde"],
    ("CZE", "Czech Republic"): ["الجمهورية التشيكية", "捷克共和国", "République tchèque", "Чешская Республика", "República Checa"],
    ("SWZ", "Swaziland"): ["سوازيلند", "斯威士兰", "Swaziland", "Свазиленд", "Swazilandia"],
    ("TUR", "Turkey"): ["تركيا", "土耳其", "Turquie", "Турция", "Turquía"],
    ("MKD", "The former Yugoslav Republic of Macedonia"): [
        "جمهورية مقدونيا اليوغوسلافية السابقة",
        "前南斯拉夫的马其顿共和国",
        "ex-République yougoslave de Macédoine",
        "бывшая югославская Республика Македония",
        "ex República Yugoslava de Macedonia",
    ],
    ("LBY", "Libyan Arab Jamahiriya"): [
        "الجماهيرية العربية الليبية", "阿拉伯利比亚民众国", "Jamahiriya arabe libyenne",
        "Ливийская Арабская Джамахирия", "Jamahiriya Árabe Libia",
    ],
    ("NLD", "Netherlands"): ["هولندا", "荷兰", "Pays-Bas", "Нидерланды", "Países Bajos"],
    ("SRB", "Yugoslavia"): ["يوغوسلافيا", "南斯拉夫", "Yougoslavie", "Югославия", "Yugoslavia"],
    ("SRB", "Serbia and Montenegro"): ["صربيا والجبل الأسود", "塞尔维亚和黑山", "Serbie-et-Monténégro", "Сербия и Черногория", "Serbia y Montenegro"],
    ("COD", "Zaire"): ["زائير", "扎伊尔", "Zaïre", "Заир", "Zaire"],
    ("PSE", "Palestine"): ["فلسطين", "巴勒斯坦", "Palestine", "Палестина", "Palestina"],
}


def main(taxonomy, states="src/registry/states.tsv", out="src/registry/state_names.tsv"):
    rows = list(csv.DictReader(open(taxonomy, encoding="utf-8")))
    by_id = {r["ISO 3166-1 Alpha 3-Codes"]: r for r in rows if r["ISO 3166-1 Alpha 3-Codes"]}
    lines = []
    for line in open(states, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        sid, kind, name, until = cols[0], cols[1], cols[2], cols[4] if len(cols) > 4 else ""
        if kind != "name":
            continue
        if until:
            names, source = FORMER[(sid, name)], "former"
        else:
            r = by_id[sid]
            if r["English Short"] == name:
                names, source = [r[SHORT[l]] for l in LANGS], "unterm"
            else:
                # The taxonomy's UNTERM column differs from the registry's English name (Nauru:
                # "Naoero"): take the M49 names, which agree with it.
                assert r["M49 English"] == name, (sid, name)
                names, source = [r[M49[l]] for l in LANGS], "m49"
            # UNTERM's inverted Arabic forms put "-" where the name goes; one row has "_".
            names = [n.replace("(مملكة _)", "(مملكة -)") for n in names]
        assert all(names), (sid, name)
        lines.append("\t".join([sid, name, *names, source]))
    with open(out, "w", encoding="utf-8") as f:
        f.write(HEADER)
        f.write("#id\ten\tar\tzh\tfr\tru\tes\tsource\n")
        for l in lines:
            f.write(l + "\n")


HEADER = """\
# The names of States in the six official languages, one row per official English name of
# states.tsv (same id, same period: a row applies when the English row it translates applies).
#
# Columns, separated by one tab: id (ISO 3166-1 alpha-3), en (the English short name exactly as
# in states.tsv), then the short name in ar, zh, fr, ru, es, then where the row comes from:
#   unterm  the UNTERM short names in the six languages, as published in the OCHA "Countries &
#           Territories Taxonomy" (columns "<Language> Short"), read from the PyPI package
#           hdx-python-country 4.2.5 (released October 2026), file
#           hdx/location/Countries & Territories Taxonomy MVP - C&T Taxonomy.csv, on 2026-12-02.
#           One fix: the Arabic "هولندا (مملكة _)" is written "هولندا (مملكة -)" as UNTERM's other
#           inverted Arabic forms are.
#   m49     the same file's "M49 <Language>" columns (the UN Statistics Division's M49 names),
#           where its UNTERM column disagrees with the English registry (Nauru: "Naoero").
#   former  a name the State bore before its current one (Czech Republic, Turkey, Swaziland...),
#           which the taxonomy no longer lists: written by hand from the names UN documents used
#           in each language before the change (République tchèque, Turquie, Swazilandia...).
#           Not checked against UNTERM's archive (which cannot be reached from here): confirm
#           before such a row decides an archival report.
#
# Regenerate with src/registry/state_names.py (its docstring says how); read by src/registry.rs.
"""

if __name__ == "__main__":
    main(*sys.argv[1:])
