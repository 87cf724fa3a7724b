//! Typesetting the language versions in other scripts (issue 15, part 5): a small session
//! translated into Arabic and Chinese (`translations/ar.yaml`, `translations/zh.yaml`) built to
//! PDF, DOCX and Akoma Ntoso, judged by the programs that read them — `pdffonts` (every font
//! embedded), `pdftotext` (the Arabic in logical order, Chinese lines never starting with closing
//! punctuation), `xmllint` with the OOXML and Akoma Ntoso schemas, LibreOffice — and a character
//! no font has is an error, never an empty box.

use std::path::{Path, PathBuf};
use std::process::Command;

mod akn_common;
mod support {
    pub mod ooxml;
}

use rapporteur::build::{Compiled, compile_in};
use rapporteur::document::{Block, Inline};
use rapporteur::lang::Lang;
use rapporteur::translate;
use rapporteur::writers::{Format, WriteOptions};

const SESSION: &str = r#"symbol: CTOC/COP/WG.4/2009/2
date: 2009-04-21
organ: Conference of the Parties to the United Nations Convention against Transnational Organized Crime
meeting:
  name: Working Group on Trafficking in Persons
  venue: Vienna
  dates: [2009-04-14, 2009-04-15]
title: Report on the meeting of the Working Group on Trafficking in Persons
chapters:
  - id: intro
    title: Introduction
    paragraphs:
      - id: established
        text: The Working Group was established by the Conference[^decision], see {chapter:intro}.
      - id: met
        text: The Working Group *met* in Vienna.
        items: ["On the first day, on victims;", "On the second day, on prevention."]
      - id: long
        text: >-
          The Working Group discussed at length the measures that States parties had taken to
          prevent and combat trafficking in persons, to protect and assist its victims and to
          promote cooperation among States parties in order to meet those objectives.
footnotes:
  decision:
    text: See decision 4/4 of the Conference.
"#;

const ARABIC: &str = r#"doc:title:
  text: "تقرير عن اجتماع الفريق العامل المعني بالاتجار بالأشخاص"
doc:organ:
  text: "مؤتمر الأطراف في اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية"
doc:meeting.name:
  text: "الفريق العامل المعني بالاتجار بالأشخاص"
intro:
  text: "مقدمة"
established:
  text: "أنشأ مؤتمر الأطراف الفريق العامل[^decision]، انظر {chapter:intro}."
met:
  text: "اجتمع الفريق العامل *في فيينا*."
met-a:
  text: "في اليوم الأول، بشأن الضحايا؛"
met-b:
  text: "في اليوم الثاني، بشأن المنع."
long:
  text: "ناقش الفريق العامل باستفاضة التدابير التي اتخذتها الدول الأطراف لمنع الاتجار بالأشخاص ومكافحته، وحماية ضحاياه ومساعدتهم، وتعزيز التعاون بين الدول الأطراف من أجل تحقيق تلك الأهداف."
note:decision:
  text: "انظر المقرر 4/4 الصادر عن المؤتمر."
"#;

const CHINESE: &str = r#"doc:title:
  text: "贩运人口问题工作组会议报告"
doc:organ:
  text: "联合国打击跨国有组织犯罪公约缔约方会议"
doc:meeting.name:
  text: "贩运人口问题工作组"
intro:
  text: "导言"
established:
  text: "缔约方会议设立了工作组[^decision]，见{chapter:intro}。"
met:
  text: "工作组在*维也纳*举行了会议。"
met-a:
  text: "第一天，关于被害人；"
met-b:
  text: "第二天，关于预防。"
long:
  text: "工作组详细讨论了各缔约国为预防和打击贩运人口、保护和援助被害人以及促进缔约国之间的合作以实现这些目标而采取的措施。工作组还讨论了各缔约国在执行《议定书》方面取得的进展、遇到的困难和需要的技术援助，并强调了收集和分析数据的重要性。"
note:decision:
  text: "见缔约方会议第4/4号决定。"
"#;

/// A session folder with the Arabic and Chinese translations (and `extra` written over them).
fn session(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("scripts-test");
    std::fs::create_dir_all(session.join("translations")).unwrap();
    std::fs::write(session.join("session.yaml"), SESSION).unwrap();
    // Each translation made from the original as it is (its fingerprint with it).
    let loaded = rapporteur::session::load::load(&session).unwrap();
    let units = translate::units(&loaded);
    let mut files: Vec<(&str, String)> =
        vec![("translations/ar.yaml", ARABIC.into()), ("translations/zh.yaml", CHINESE.into())];
    files.extend(extra.iter().map(|(n, t)| (*n, t.to_string())));
    for (name, text) in files {
        let mut entries = translate::parse(Path::new(name), &text).unwrap();
        for unit in &units {
            if let Some(entry) = entries.get_mut(&unit.id) {
                entry.source = Some(translate::fingerprint(&unit.text));
            }
        }
        std::fs::write(session.join(name), translate::to_yaml("xx", &units, &entries)).unwrap();
    }
    dir
}

fn folder(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("scripts-test")
}

fn compiled(lang: &str) -> Compiled {
    let dir = session(&[]);
    let one = compile_in(&folder(&dir), Lang::parse(lang).unwrap()).unwrap_or_else(|d| panic!("{lang}: {:?}", d.0));
    // Every unit is translated: no warning about a missing or stale translation.
    let translation_warnings: Vec<_> =
        one.warnings.0.iter().filter(|w| w.message.contains("translation")).map(|w| w.message.clone()).collect();
    assert!(translation_warnings.is_empty(), "{lang}: {translation_warnings:?}");
    one
}

fn write(c: &Compiled, format: Format) -> Vec<u8> {
    let opts = WriteOptions { templates: c.templates.clone(), no_pdf_standards: false };
    format.write(&c.document, &opts).unwrap_or_else(|d| panic!("{format:?}: {:?}", d.0))
}

fn run(program: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(program)
        .args(args)
        .arg(file)
        .args(if program == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| panic!("`{program}` is needed (apt-get install -y poppler-utils): {e}"));
    assert!(out.status.success(), "{program} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// `pdffonts`' table: every font, and whether it is embedded.
fn fonts(pdf: &Path) -> Vec<(String, bool)> {
    run("pdffonts", &[], pdf)
        .lines()
        .skip(2)
        .map(|line| {
            let cols: Vec<&str> = line.split_whitespace().collect();
            // name type [encoding…] emb sub uni object ID: "emb" is the fifth column from the end.
            let emb = cols.len() >= 5 && cols[cols.len() - 5] == "yes";
            (cols.first().unwrap_or(&"").to_string(), emb)
        })
        .collect()
}

fn pdf_file(c: &Compiled, dir: &Path) -> PathBuf {
    let path = dir.join(format!("report-{}.pdf", c.document.meta.language));
    std::fs::write(&path, write(c, Format::Pdf)).unwrap();
    // For looking at: RAPPORTEUR_KEEP_PDF=/tmp/dir keeps each language's PDF there.
    if let Ok(keep) = std::env::var("RAPPORTEUR_KEEP_PDF") {
        std::fs::copy(&path, Path::new(&keep).join(path.file_name().unwrap())).unwrap();
    }
    path
}

/// The text without white space and without the directional marks pdftotext puts around runs
/// (U+202A–202E, U+2066–2069, U+200E–200F): what a reader searching the text compares.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
        })
        .collect()
}

#[test]
fn arabic_pdf_is_embedded_and_reads_in_logical_order() {
    let c = compiled("ar");
    assert_eq!(c.document.meta.language, "ar");
    let dir = tempfile::tempdir().unwrap();
    let pdf = pdf_file(&c, dir.path());
    let fonts = fonts(&pdf);
    assert!(fonts.iter().any(|(name, _)| name.contains("Amiri")), "{fonts:?}");
    assert!(fonts.iter().all(|(_, embedded)| *embedded), "every font embedded: {fonts:?}");
    let text = run("pdftotext", &[], &pdf);
    // Logical order: the words come out as they were written (first word first), not mirrored.
    for sentence in ["اجتمع الفريق العامل", "أنشأ مؤتمر الأطراف الفريق العامل", "انظر المقرر 4/4 الصادر عن المؤتمر"]
    {
        assert!(squeeze(&text).contains(&squeeze(sentence)), "{sentence} not in:\n{text}");
    }
    let mirrored: String = "اجتمع الفريق العامل".chars().rev().collect();
    assert!(!squeeze(&text).contains(&squeeze(&mirrored)), "visual order in:\n{text}");
    // The cross-reference and the footnote survived the translation.
    let established = c.document.paragraphs().into_iter().find(|p| p.id == "established").unwrap();
    assert!(established.content.iter().any(|i| matches!(i, Inline::NoteRef { id, .. } if id == "decision")));
    assert!(established.content.iter().any(|i| matches!(i, Inline::Ref { target, .. } if target == "intro")));
}

#[test]
fn chinese_pdf_is_embedded_and_breaks_lines_the_chinese_way() {
    let c = compiled("zh");
    let dir = tempfile::tempdir().unwrap();
    let pdf = pdf_file(&c, dir.path());
    let fonts = fonts(&pdf);
    assert!(fonts.iter().any(|(name, _)| name.contains("NotoSerifCJK")), "{fonts:?}");
    // Latin letters (the symbol, English names) in the Latin face, which has italics: an
    // emphasised English title keeps its emphasis on the page (`fonts::latin_in_latin_face`).
    assert!(fonts.iter().any(|(name, _)| name.contains("LiberationSerif")), "{fonts:?}");
    assert!(fonts.iter().all(|(_, embedded)| *embedded), "every font embedded: {fonts:?}");
    let text = run("pdftotext", &["-layout"], &pdf);
    assert!(squeeze(&text).contains("工作组在维也纳举行了会议。"), "{text}");
    // The long paragraph runs over several lines though it has no space: lines break between
    // characters, and never before closing punctuation (Chinese line-breaking rules).
    let long_lines: Vec<&str> = text.lines().filter(|l| l.contains("缔约国") || l.contains("援助")).collect();
    assert!(long_lines.len() >= 2, "the long paragraph is broken into lines:\n{text}");
    for line in text.lines() {
        let first = line.trim_start().chars().next();
        assert!(
            !first.is_some_and(|c| "，。、；：？！）》」』".contains(c)),
            "a line starts with closing punctuation: {line:?}\n{text}"
        );
    }
}

#[test]
fn a_character_no_font_has_is_an_error_not_a_box() {
    // The writer's own guarantee (check would refuse this text first): a document whose text has
    // a character none of its language's fonts has is not written.
    let mut c = compiled("ar");
    let p = c
        .document
        .body
        .iter_mut()
        .find_map(|b| match b {
            Block::Division(d) => d.children.iter_mut().find_map(|b| match b {
                Block::Paragraph(p) if p.id == "met" => Some(p),
                _ => None,
            }),
            _ => None,
        })
        .unwrap();
    p.content.push(Inline::text(" 中文 ✈"));
    let opts = WriteOptions { templates: c.templates.clone(), no_pdf_standards: false };
    let err = Format::Pdf.write(&c.document, &opts).unwrap_err();
    let message = format!("{:?}", err.0);
    assert!(message.contains("empty boxes") && message.contains('中'), "{message}");

    // And `check`: a Chinese character in the Arabic version is found with its place.
    let dir = session(&[("translations/ar.yaml", &ARABIC.replace("\"مقدمة\"", "\"مقدمة 中\""))]);
    let err = compile_in(&folder(&dir), Lang::Ar).expect_err("an error");
    let found =
        err.0.iter().find(|d| d.message.contains("not in the fonts of the `ar` version")).expect("the glyph error");
    assert!(found.hint.as_deref().is_some_and(|h| h.contains("Amiri")), "{found:?}");
    // The same text is fine in Chinese.
    assert!(compile_in(&folder(&session(&[])), Lang::Zh).is_ok());
}

#[test]
fn arabic_docx_is_right_to_left_valid_and_converts() {
    let c = compiled("ar");
    let docx = write(&c, Format::Docx);
    let parts = support::ooxml::parts(&docx);
    let document = &parts["word/document.xml"];
    assert!(document.contains("<w:bidi />"), "paragraphs right to left");
    assert!(document.contains("<w:rtl />"), "runs right to left");
    assert!(document.contains("<w:bidiVisual />"), "tables mirrored");
    assert!(parts["word/footnotes.xml"].contains("<w:rtl />"), "the footnote's text too");
    support::ooxml::validate("the Arabic DOCX", &docx);

    // LibreOffice converts it, and its PDF holds the Arabic text in logical order.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("report.docx");
    std::fs::write(&input, &docx).unwrap();
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
    let out = Command::new("soffice")
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&input)
        .output()
        .expect("soffice (libreoffice-writer-nogui) is needed");
    let pdf = dir.path().join("report.pdf");
    assert!(out.status.success() && pdf.exists(), "soffice failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = run("pdftotext", &[], &pdf);
    assert!(squeeze(&text).contains(&squeeze("اجتمع الفريق العامل")), "{text}");
    // The distribution block is in English, left to right, as in the PDF: Word and LibreOffice
    // keep "21 April 2009" in that order (a right-to-left paragraph shows "April 2009 21").
    let paragraphs: Vec<&str> = document
        .match_indices("<w:p")
        .filter(|(at, _)| matches!(document.as_bytes().get(at + 4), Some(b' ' | b'>')))
        .map(|(at, _)| &document[at..at + document[at..].find("</w:p>").unwrap()])
        .collect();
    let distribution: Vec<&&str> = paragraphs.iter().filter(|p| p.contains("w:val=\"MastheadDistr\"")).collect();
    assert!(distribution.len() >= 3, "{distribution:?}");
    for p in distribution {
        assert!(!p.contains("<w:bidi />"), "a distribution line is left to right: {p}");
    }
    assert!(text.contains("21 April 2009"), "the date in its order:\n{text}");
}

#[test]
fn akoma_ntoso_has_one_work_and_an_expression_per_language() {
    let english = compiled("en");
    let arabic = compiled("ar");
    let chinese = compiled("zh");
    let mut works = Vec::new();
    for (c, code) in [(&english, "eng"), (&arabic, "ara"), (&chinese, "zho")] {
        let xml = write(c, Format::Akn);
        akn_common::validate(&xml);
        let xml = String::from_utf8(xml).unwrap();
        assert!(xml.contains(&format!(r#"<FRBRlanguage language="{code}""#)), "{code}");
        let work = rapporteur::writers::akn::work_iri(&c.document);
        assert!(xml.contains(&format!(r#"<FRBRuri value="{work}/{code}@""#)), "{code}: expression IRI");
        works.push(work);
    }
    assert!(works.iter().all(|w| *w == works[0]), "one work: {works:?}");
    // The Arabic expression carries the Arabic text.
    let arabic_xml = String::from_utf8(write(&arabic, Format::Akn)).unwrap();
    assert!(arabic_xml.contains("اجتمع الفريق العامل"));
}
