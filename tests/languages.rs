//! The six language versions of the reference report (issue 15): each builds in every format,
//! and its text holds the generated paragraphs in its language — the names of States as the
//! source table gives them, dates, citations, cross-references and the masthead's words.

mod akn_common;
mod common;

use std::process::Command;

use rapporteur::build::{Compiled, compile_in};
use rapporteur::lang::Lang;
use rapporteur::registry;
use rapporteur::session::Date;
use rapporteur::writers::{Format, WriteOptions};

/// Names of States in the six languages, copied from the source of `src/registry/state_names.tsv`
/// (the UNTERM short names of the OCHA Countries & Territories Taxonomy, hdx-python-country
/// 4.2.5, columns English/Arabic/Chinese/French/Russian/Spanish Short) — all of them States the
/// reference report names. Columns: en, ar, zh, fr, ru, es.
const SOURCE_TABLE: &[[&str; 6]] = &[
    ["Algeria", "الجزائر", "阿尔及利亚", "Algérie", "Алжир", "Argelia"],
    ["Argentina", "الأرجنتين", "阿根廷", "Argentine", "Аргентина", "Argentina"],
    ["Austria", "النمسا", "奥地利", "Autriche", "Австрия", "Austria"],
    ["Belarus", "بيلاروس", "白俄罗斯", "Bélarus", "Беларусь", "Belarús"],
    ["Canada", "كندا", "加拿大", "Canada", "Канада", "Canadá"],
    ["Chile", "شيلي", "智利", "Chili", "Чили", "Chile"],
    ["Colombia", "كولومبيا", "哥伦比亚", "Colombie", "Колумбия", "Colombia"],
    ["Croatia", "كرواتيا", "克罗地亚", "Croatie", "Хорватия", "Croacia"],
    [
        "Dominican Republic",
        "الجمهورية الدومينيكية",
        "多米尼加共和国",
        "République dominicaine",
        "Доминиканская Республика",
        "República Dominicana",
    ],
    ["Egypt", "مصر", "埃及", "Égypte", "Египет", "Egipto"],
    ["Germany", "ألمانيا", "德国", "Allemagne", "Германия", "Alemania"],
    ["Mexico", "المكسيك", "墨西哥", "Mexique", "Мексика", "México"],
    ["Norway", "النرويج", "挪威", "Norvège", "Норвегия", "Noruega"],
    [
        "Russian Federation",
        "الاتحاد الروسي",
        "俄罗斯联邦",
        "Fédération de Russie",
        "Российская Федерация",
        "Federación de Rusia",
    ],
    [
        "Saudi Arabia",
        "المملكة العربية السعودية",
        "沙特阿拉伯",
        "Arabie saoudite",
        "Саудовская Аравия",
        "Arabia Saudita",
    ],
    ["Spain", "إسبانيا", "西班牙", "Espagne", "Испания", "España"],
    ["Switzerland", "سويسرا", "瑞士", "Suisse", "Швейцария", "Suiza"],
    [
        "United States of America",
        "الولايات المتحدة الأمريكية",
        "美利坚合众国",
        "États-Unis d'Amérique",
        "Соединенные Штаты Америки",
        "Estados Unidos de América",
    ],
    [
        "Venezuela (Bolivarian Republic of)",
        "فنزويلا (جمهورية - البوليفارية)",
        "委内瑞拉玻利瓦尔共和国",
        "Venezuela (République bolivarienne du)",
        "Венесуэла (Боливарианская Республика)",
        "Venezuela (República Bolivariana de)",
    ],
    ["Zimbabwe", "زمبابوي", "津巴布韦", "Zimbabwe", "Зимбабве", "Zimbabwe"],
    ["China", "الصين", "中国", "Chine", "Китай", "China"],
    ["Japan", "اليابان", "日本", "Japon", "Япония", "Japón"],
    [
        "Iran (Islamic Republic of)",
        "إيران (جمهورية - الإسلامية)",
        "伊朗伊斯兰共和国",
        "Iran (République islamique d')",
        "Иран (Исламская Республика)",
        "Irán (República Islámica del)",
    ],
    [
        "United Kingdom of Great Britain and Northern Ireland",
        "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية",
        "大不列颠及北爱尔兰联合王国",
        "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
        "Соединенное Королевство Великобритании и Северной Ирландии",
        "Reino Unido de Gran Bretaña e Irlanda del Norte",
    ],
];

/// The same table's column for `lang`.
fn column(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Ar => 1,
        Lang::Zh => 2,
        Lang::Fr => 3,
        Lang::Ru => 4,
        Lang::Es => 5,
    }
}

fn version(lang: Lang) -> Compiled {
    compile_in(&common::reference_session(), lang).unwrap_or_else(|d| panic!("{lang:?} must compile:\n{d}"))
}

fn write(compiled: &Compiled, format: Format) -> Vec<u8> {
    let opts = WriteOptions { templates: compiled.templates.clone(), ..Default::default() };
    format.write(&compiled.document, &opts).unwrap_or_else(|d| panic!("{}:\n{d}", format.name()))
}

fn text(lang: Lang) -> String {
    String::from_utf8(write(&version(lang), Format::parse("text").unwrap())).unwrap()
}

/// The numbered paragraph of `text` that starts with `opening` ("12. …", in Arabic "12 - …").
fn paragraph<'a>(text: &'a str, opening: &str) -> &'a str {
    text.lines()
        .find(|l| {
            let number = l.trim_start_matches(|c: char| c.is_ascii_digit());
            number.len() < l.len()
                && [". ", " - "]
                    .iter()
                    .any(|sep| number.strip_prefix(sep).is_some_and(|rest| rest.starts_with(opening)))
        })
        .unwrap_or_else(|| panic!("no paragraph starts with {opening:?}"))
}

#[test]
fn the_registry_gives_the_names_of_the_source_table() {
    let on = Date::parse("2009-04-14").unwrap();
    assert!(SOURCE_TABLE.len() >= 15);
    for row in SOURCE_TABLE {
        for lang in Lang::ALL {
            let expected = row[column(lang)];
            if lang == Lang::En {
                assert!(matches!(registry::lookup(expected, on), registry::Lookup::Valid { .. }), "{expected}");
            } else {
                assert_eq!(registry::name_in(row[0], lang, on), Some(expected), "{} in {lang:?}", row[0]);
            }
        }
    }
}

#[test]
fn every_version_names_the_states_in_its_language_as_of_the_meeting() {
    for lang in Lang::ALL {
        let text = text(lang);
        for row in SOURCE_TABLE {
            let name = row[column(lang)];
            // The original keeps "United Kingdom" in ¶49 as recorded, but names the State in
            // full in ¶35: every version holds the full name somewhere.
            assert!(text.contains(name), "{lang:?}: {name} ({}) is missing", row[0]);
        }
        // 2009: the names of the day, not today's.
        let (then, now) = match lang {
            Lang::En => ("Czech Republic", "Czechia"),
            Lang::Fr => ("République tchèque", "Tchéquie"),
            Lang::Es => ("República Checa", "Chequia"),
            Lang::Ru => ("Чешская Республика", "Чехия"),
            Lang::Zh => ("捷克共和国", "捷克、"),
            Lang::Ar => ("الجمهورية التشيكية", "تشيكيا"),
        };
        assert!(text.contains(then) && !text.contains(now), "{lang:?}: {then} / {now}");
        let turkey = ["Turkey", "تركيا", "土耳其", "Turquie", "Турция", "Turquía"][column(lang)];
        assert!(text.contains(turkey), "{lang:?}: {turkey}");
        assert!(!text.contains("Türkiye"), "{lang:?}");
        let cape_verde = ["Cape Verde", "الرأس الأخضر", "佛得角", "Cap-Vert", "Кабо-Верде", "Cabo Verde"][column(lang)];
        assert!(text.contains(cape_verde), "{lang:?}: {cape_verde}");
    }
}

/// What each version must print: the masthead, the dates of the meeting (caption and ¶30), the
/// structured citations (footnotes 1, 2 and 4), a cross-reference and a generated sentence.
fn expected(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &[
            "Vienna, 14 and 15 April 2009",
            "Distr.: General",
            "Original: English",
            "The Working Group held its meeting in Vienna on 14 and 15 April 2009.",
            "United Nations, *Treaty Series*, vol. 2237, No. 39574.",
            "*Ibid.*, vol. 2225, No. 39574.",
            "United Nations publication, Sales No. E.09.V.5.",
            "contained in chapter I of the present report",
            "On 14 April, the Working Group adopted the following agenda:",
        ],
        Lang::Fr => &[
            "Vienne, 14 et 15 avril 2009",
            "Distr. générale\n\n21 avril 2009\n\nFrançais\n\nOriginal\u{202F}: anglais",
            "Le Working Group a tenu sa réunion à Vienne les 14 et 15 avril 2009.",
            "Nations Unies, *Recueil des Traités*, vol. 2237, no 39574.",
            "*Ibid.*, vol. 2225, no 39574.",
            "Publication des Nations Unies, numéro de vente\u{202F}: F.09.V.5.",
            "contained in chapitre I of the present report",
            "chapitres II à VI",
            "Le 14 avril, le Working Group a adopté l'ordre du jour suivant\u{202F}:",
            "La réunion du Working Group a été présidée par Dominika Krois (Pologne), Vice-President of the Conference.",
        ],
        Lang::Es => &[
            "Viena, 14 y 15 de abril de 2009",
            "Distr. general\n\n21 de abril de 2009\n\nEspañol\n\nOriginal: inglés",
            "El Working Group celebró su reunión en Viena los días 14 y 15 de abril de 2009.",
            "Naciones Unidas, *Treaty Series*, vol. 2237, núm. 39574.",
            "*Ibid.*, vol. 2225, núm. 39574.",
            "Publicación de las Naciones Unidas, núm. de venta: S.09.V.5.",
            "contained in capítulo I of the present report",
            "El 14 de abril, el Working Group aprobó el siguiente programa:",
        ],
        Lang::Ru => &[
            "Вена, 14 и 15 апреля 2009 года",
            "Distr.: General\n\n21 April 2009\n\nRussian\n\nOriginal: English",
            "Совещание (Working Group) состоялось в городе Вена 14 и 15 апреля 2009 года.",
            "United Nations, *Treaty Series*, vol. 2237, No. 39574.",
            "Там же, vol. 2225, No. 39574.",
            "Издание Организации Объединенных Наций, в продаже под № R.09.V.5.",
            "contained in глава I of the present report",
            "14 апреля была утверждена следующая повестка дня:",
            "Председатель совещания — Dominika Krois (Польша), Vice-President of the Conference.",
        ],
        Lang::Zh => &[
            "维也纳，2009年4月14日和15日",
            "Distr.: General\n\n21 April 2009\n\nChinese\n\nOriginal: English",
            "Working Group于2009年4月14日和15日在维也纳举行会议。",
            "联合国，《条约汇编》，第2237卷，第39574号。",
            "同上，第2225卷，第39574号。",
            "联合国出版物，出售品编号：C.09.V.5。",
            "contained in 第一章 of the present report",
            "Working Group于4月14日通过了以下议程：",
        ],
        Lang::Ar => &[
            "فيينا، 14 و15 نيسان/أبريل 2009",
            "Distr.: General\n\n21 April 2009\n\nArabic\n\nOriginal: English",
            "عقد Working Group اجتماعه في فيينا يومي 14 و15 نيسان/أبريل 2009.",
            "الأمم المتحدة، مجموعة المعاهدات، المجلد 2237، الرقم 39574.",
            "المرجع نفسه، المجلد 2225، الرقم 39574.",
            "منشورات الأمم المتحدة، رقم المبيع A.09.V.5.",
            "contained in الفصل الأول of the present report",
            "وفي 14 نيسان/أبريل، أقرّ Working Group جدول الأعمال التالي:",
        ],
    }
}

#[test]
fn every_version_prints_its_dates_citations_and_masthead() {
    for lang in Lang::ALL {
        let text = text(lang);
        for want in expected(lang) {
            assert!(text.contains(want), "{lang:?}: missing {want:?}");
        }
        // Digits are 0-9 in every version, Arabic included (no ٠-٩).
        assert!(!text.chars().any(|c| ('\u{0660}'..='\u{0669}').contains(&c)), "{lang:?}");
    }
}

#[test]
fn lists_of_states_follow_each_languages_order() {
    let fr = text(Lang::Fr);
    let parties = paragraph(&fr, "Les États parties au ");
    assert!(parties.contains(": Algérie, Allemagne, Arabie saoudite, Argentine, Autriche"), "{parties}");
    // Accents ignored: É sorts as E.
    assert!(parties.contains("Égypte, El Salvador, Espagne, États-Unis d'Amérique, Fédération de Russie"), "{parties}");
    let es = text(Lang::Es);
    let parties = paragraph(&es, "Estuvieron representados en la reunión");
    assert!(parties.contains(": Alemania, Arabia Saudita, Argelia, Argentina, Austria"), "{parties}");
    let ru = text(Lang::Ru);
    let parties = paragraph(&ru, "На совещании были представлены следующие государства-участники");
    assert!(parties.contains(": Австрия, Алжир, Аргентина, Беларусь, Бельгия"), "{parties}");
    let ar = text(Lang::Ar);
    let parties = paragraph(&ar, "وكانت الدول التالية الأطراف");
    // The article ال is not counted: "الاتحاد الروسي" (ittiḥād) first, then "الأرجنتين" (arjantīn).
    assert!(parties.contains(": الاتحاد الروسي، الأرجنتين، إسبانيا، ألمانيا"), "{parties}");
    let zh = text(Lang::Zh);
    // Chinese keeps the order of the English original.
    let parties = paragraph(&zh, "下列");
    assert!(parties.contains("：阿尔及利亚、阿根廷、奥地利、白俄罗斯"), "{parties}");
    // ¶38 as recorded in English ("Qatar, Iran (Islamic Republic of)") is re-sorted in French.
    let observers = paragraph(&fr, "Les États ci-après étaient également représentés");
    assert!(observers.contains("Iran (République islamique d'), Maroc, Pakistan, Qatar"), "{observers}");
}

#[test]
fn every_version_builds_in_every_format() {
    for lang in Lang::ALL {
        let compiled = version(lang);
        assert_eq!(compiled.document.meta.language, lang.code());
        for format in Format::ALL {
            let bytes = write(&compiled, *format);
            assert!(!bytes.is_empty(), "{lang:?} {}", format.name());
            if format.name() == "akn" {
                akn_common::validate(&bytes);
            }
        }
    }
}

/// The PDF of every version, read back by poppler: its fonts all embedded (`pdffonts`), and its
/// text (`pdftotext`, in logical order for Arabic) holding the publisher, the meeting's dates and
/// the names of States of the source table in its language.
#[test]
fn the_pdf_of_each_version_holds_its_generated_text() {
    for lang in Lang::ALL {
        let pdf = write(&version(lang), Format::parse("pdf").unwrap());
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), &pdf).unwrap();
        let fonts = Command::new("pdffonts").arg(file.path()).output().expect("pdffonts (poppler-utils)");
        let fonts = String::from_utf8_lossy(&fonts.stdout).into_owned();
        for line in fonts.lines().skip(2) {
            assert_eq!(line.split_whitespace().rev().nth(4), Some("yes"), "{lang:?}: a font is not embedded: {line}");
        }
        let out = Command::new("pdftotext").arg(file.path()).arg("-").output().expect("pdftotext (poppler-utils)");
        assert!(out.status.success());
        let raw = String::from_utf8_lossy(&out.stdout);
        // Chinese breaks lines between any two characters, and pdftotext sets directional marks
        // around Arabic runs (and splits a word where the font kerns): those two are compared
        // without white space and marks.
        let squeezed = matches!(lang, Lang::Zh | Lang::Ar);
        let text = if squeezed { squeeze(&raw) } else { raw.split_whitespace().collect::<Vec<_>>().join(" ") };
        let (publisher, caption): (&str, &[&str]) = match lang {
            Lang::En => ("United Nations", &["14 and 15 April 2009"]),
            Lang::Fr => ("Nations Unies", &["14 et 15 avril 2009"]),
            Lang::Es => ("Naciones Unidas", &["14 y 15 de abril de 2009"]),
            Lang::Ru => ("Организация Объединенных Наций", &["14 и 15 апреля 2009 года"]),
            Lang::Zh => ("联合国", &["维也纳，2009年4月14日和15日"]),
            // Figures inside Arabic runs come out of pdftotext in visual order: the words only.
            Lang::Ar => ("الأمم المتحدة", &["فيينا", "نيسان", "أبريل"]),
        };
        let wanted = |s: &str| if squeezed { squeeze(s) } else { s.to_string() };
        assert!(text.contains(&wanted(publisher)), "{lang:?}: {publisher}");
        for piece in caption {
            assert!(text.contains(&wanted(piece)), "{lang:?}: {piece}");
        }
        for row in SOURCE_TABLE.iter().take(8) {
            let name = row[column(lang)];
            assert!(text.contains(&wanted(name)), "{lang:?}: {name}");
        }
    }
}

#[test]
fn the_command_line_writes_one_set_of_files_per_language() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["build", "--format", "text", "--lang", "en,fr,zh", "-o"])
        .arg(dir.path())
        .arg(common::reference_session())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["ctoc-cop-wg4-2009-fr.txt", "ctoc-cop-wg4-2009-zh.txt", "ctoc-cop-wg4-2009.txt"]);
    // The original is what a build without `--lang` writes.
    let golden = std::fs::read(common::root().join("tests/golden/ctoc-cop-wg4-2009.txt")).unwrap();
    assert_eq!(std::fs::read(dir.path().join("ctoc-cop-wg4-2009.txt")).unwrap(), golden);
    let bad = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["build", "--lang", "de"])
        .arg(common::reference_session())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown language `de`"));
}

/// Every character each version prints is in the embedded fonts of its language (Liberation
/// Serif; Amiri for Arabic, Noto Serif CJK SC for Chinese, see `fonts::families`), the narrow
/// no-break space of French typography included: no glyph falls back to a box.
#[test]
fn no_version_needs_a_glyph_its_fonts_lack() {
    for lang in Lang::ALL.iter().copied() {
        let text = text(lang);
        let missing: std::collections::BTreeSet<char> =
            text.chars().filter(|c| *c != '\n' && !rapporteur::safety::printable_by_fonts(*c, lang.code())).collect();
        assert!(missing.is_empty(), "{lang:?}: the fonts lack {missing:?}");
    }
}

/// The text without white space and without the directional marks pdftotext puts around runs
/// (U+202A–202E, U+2066–2069, U+200E–200F).
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
        })
        .collect()
}

#[test]
fn the_generated_list_of_documents_is_headed_in_each_language() {
    // The 2016 session has a `documents` annex: its table's column headings are generated.
    let session = common::root().join("sessions/ctoc-cop-wg4-2016");
    for lang in Lang::ALL {
        let compiled = compile_in(&session, lang).unwrap_or_else(|d| panic!("{lang:?}:\n{d}"));
        let text = String::from_utf8(write(&compiled, Format::parse("text").unwrap())).unwrap();
        let expected = lang.documents_header().join(" | ");
        assert!(text.contains(&expected), "{lang:?}: no `{expected}` in\n{text}");
    }
    assert_eq!(Lang::Fr.documents_header()[1], "Point de l’ordre du jour");
    assert_eq!(Lang::Es.documents_header()[0], "Signatura del documento");
}

/// The text of `dir` built in `lang`, with no-break spaces as spaces.
fn text_of(dir: &std::path::Path, lang: Lang) -> String {
    let compiled = compile_in(dir, lang).unwrap_or_else(|d| panic!("{} in {lang:?}:\n{d}", dir.display()));
    String::from_utf8(write(&compiled, Format::parse("text").unwrap())).unwrap().replace(['\u{a0}', '\u{202f}'], " ")
}

/// Every fixed word the assembler puts in a report — the labels of quoted resolutions and
/// decisions, the headings of the list of participants, the masthead's Official Records lines,
/// agenda-item caption and addendum line, the numbers of rules of procedure, sub-item labels —
/// comes out in the version's language, and none of the English ones is left in another.
#[test]
fn every_fixed_word_of_the_generated_parts_is_in_the_version_language() {
    let root = common::root();
    let shapes = root.join("tests/fixtures/shapes");
    // (session folder, [en, ar, zh, fr, ru, es] strings each version must hold)
    let cases: &[(std::path::PathBuf, [&[&str]; 6])] = &[
        (
            root.join("sessions/ctoc-cop-2018"),
            [
                &[
                    "Resolution 9/1",
                    "Decision 9/1",
                    "A. States parties to the Convention",
                    "D. Intergovernmental organizations",
                ],
                &["القرار 9/1", "المقرر 9/1", "الدول الأطراف في Convention", "المنظمات الحكومية الدولية"],
                &["第9/1号决议", "第9/1号决定", "《Convention》缔约国", "政府间组织"],
                &[
                    "Résolution 9/1",
                    "Décision 9/1",
                    "A. États parties au Convention",
                    "D. Organisations intergouvernementales",
                ],
                &[
                    "Резолюция 9/1",
                    "Решение 9/1",
                    "A. Государства-участники (Convention)",
                    "D. Межправительственные организации",
                ],
                &[
                    "Resolución 9/1",
                    "Decisión 9/1",
                    "A. Estados partes en el Convention",
                    "D. Organizaciones intergubernamentales",
                ],
            ],
        ),
        (
            shapes.join("official-records"),
            [
                &["Official Records", "Supplement No. 33", "Rule 1"],
                &["الوثائق الرسمية", "الملحق رقم 33", "المادة 1"],
                &["正式记录", "补编第33号", "第1条"],
                &["Documents officiels", "Supplément no 33", "Article 1"],
                &["Официальные отчеты", "Дополнение № 33", "Правило 1"],
                &["Documentos Oficiales", "Suplemento núm. 33", "Artículo 1"],
            ],
        ),
        (
            shapes.join("treaty-meeting"),
            [
                &["Agenda item 15"],
                &["البند 15 من جدول الأعمال"],
                &["议程项目15"],
                &["Point 15 de l’ordre du jour"],
                &["Пункт 15 повестки дня"],
                &["Tema 15 del programa"],
            ],
        ),
        (shapes.join("addendum"), [&["Addendum"], &["إضافة"], &["增编"], &["Additif"], &["Добавление"], &["Adición"]]),
        (
            shapes.join("draft-report"),
            [
                &["Rapporteur: Ms. Eliza **Grisle**"],
                &["المقرر: Ms. Eliza **Grisle**"],
                &["报告员：Ms. Eliza **Grisle**"],
                &["Rapporteur : Ms. Eliza **Grisle**"],
                &["Докладчик: Ms. Eliza **Grisle**"],
                &["Relator: Ms. Eliza **Grisle**"],
            ],
        ),
        (
            common::reference_session(),
            [
                &["(a) Criminalize conduct"],
                &["(أ) Criminalize conduct", "1 - The Working Group on Trafficking"],
                &["(a) Criminalize conduct"],
                &["a) Criminalize conduct"],
                &["(a) Criminalize conduct"],
                &["a) Criminalize conduct"],
            ],
        ),
    ];
    for (dir, expected) in cases {
        for (lang, wanted) in [Lang::En, Lang::Ar, Lang::Zh, Lang::Fr, Lang::Ru, Lang::Es].into_iter().zip(expected) {
            let text = text_of(dir, lang);
            for w in *wanted {
                assert!(text.contains(w), "{} in {lang:?}: no {w:?} in\n{text}", dir.display());
            }
            // The English forms are gone (where the language does not write them the same).
            for w in expected[0].iter().filter(|w| !wanted.contains(w)) {
                assert!(!text.contains(w), "{} in {lang:?}: English {w:?} left in\n{text}", dir.display());
            }
        }
    }
}

/// The headings of the table of contents' columns are set in the PDF and the DOCX in the
/// version's language (read back by poppler and from the DOCX's own XML).
#[test]
fn the_contents_columns_are_headed_in_each_language() {
    let session = common::root().join("sessions/ctoc-cop-wg4-2016");
    for (lang, [paragraphs, page]) in [(Lang::Fr, ["Paragraphes", "Page"]), (Lang::Es, ["Párrafos", "Página"])] {
        let compiled = compile_in(&session, lang).unwrap_or_else(|d| panic!("{lang:?}:\n{d}"));
        let pdf = write(&compiled, Format::parse("pdf").unwrap());
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), &pdf).unwrap();
        let out = Command::new("pdftotext").arg(file.path()).arg("-").output().expect("pdftotext (poppler-utils)");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains(paragraphs) && text.contains(page) && !text.contains("Paragraphs"),
            "{lang:?} PDF:\n{text}"
        );
        let docx = write(&compiled, Format::parse("docx").unwrap());
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
        assert!(xml.contains(&format!(">{paragraphs}<")) && !xml.contains(">Paragraphs<"), "{lang:?} DOCX");
    }
}
