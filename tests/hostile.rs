//! User text is data: a session whose text looks like typst, XML, HTML, Jinja or Markdown code
//! comes out literally in every format, end to end from the YAML.

use std::io::Read;

use rapporteur::build::compile;
use rapporteur::writers::{Format, WriteOptions};

const HOSTILE: &str = r#"#read("/etc/passwd") $x$ ] \ // <b> {{ x }} <w:p> ]]> & &amp; 'q' "dq""#;

fn hostile_session() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let quoted = HOSTILE.replace('\\', "\\\\").replace('"', "\\\"");
    let yaml = format!(
        r#"symbol: X/2020/1
date: 2020-01-10
organ: An organ
meeting: {{ name: A meeting, venue: Vienna, dates: [2020-01-08] }}
title: "Title {quoted}"
chapters:
  - id: one
    title: "Heading {quoted}"
    paragraphs:
      - "Body {quoted}[^n]"
      - text: "Lead:"
        items: ["Item {quoted}"]
footnotes:
  n: {{ text: "Note {quoted}" }}
"#
    );
    std::fs::write(dir.path().join("session.yaml"), yaml).unwrap();
    dir
}

fn build(format: Format) -> Vec<u8> {
    let dir = hostile_session();
    let compiled = compile(dir.path()).unwrap_or_else(|d| panic!("{d}"));
    let opts = WriteOptions { templates: compiled.templates.clone(), ..Default::default() };
    format.write(&compiled.document, &opts).unwrap_or_else(|d| panic!("{}: {d}", format.name()))
}

#[test]
fn text_and_model_keep_it_literally() {
    let text = String::from_utf8(build(Format::Text)).unwrap();
    for place in ["Title", "Heading", "Body", "Item", "Note"] {
        assert!(text.contains(&format!("{place} {HOSTILE}")), "{place} in:\n{text}");
    }
}

#[test]
fn html_escapes_it() {
    let html = String::from_utf8(build(Format::Html)).unwrap();
    assert!(html.contains("&lt;b&gt;") && html.contains("&lt;w:p&gt;") && html.contains("&amp;amp;"));
    assert!(!html.contains("<b>") && !html.contains("<w:p>"), "no raw markup from the data");
}

#[test]
fn akn_escapes_it_and_stays_well_formed() {
    let xml = String::from_utf8(build(Format::Akn)).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Text(t)) => text.push_str(&t.decode().unwrap()),
            Ok(quick_xml::events::Event::GeneralRef(r)) => {
                let name = r.decode().unwrap();
                text.push_str(match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                });
            }
            Ok(_) => {}
            Err(e) => panic!("not well-formed: {e}"),
        }
    }
    assert!(text.contains(HOSTILE), "{text}");
}

#[test]
fn docx_keeps_it_as_text() {
    let bytes = build(Format::Docx);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut document = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut document).unwrap();
    assert!(document.contains("&lt;w:p&gt;") && document.contains("]]&gt;"), "escaped in the XML");
    assert!(!document.contains("<w:p>]]"), "the data did not become markup");
}

#[test]
fn pdf_prints_it() {
    let bytes = build(Format::Pdf);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    for piece in [r#"#read("/etc/passwd")"#, "$x$", "<b>", "{{ x }}", "<w:p>", "]]>", "&amp;", "//", "\\"] {
        assert!(text.contains(piece), "`{piece}` missing from:\n{text}");
    }
}
