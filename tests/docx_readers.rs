//! The DOCX as other programs read it: every part of every DOCX we produce validates against the
//! ISO/IEC 29500 transitional schemas (xmllint, after Markup Compatibility processing), and
//! pandoc — a second, independent reader — finds every heading at its level and every footnote. Run with `cargo test --test docx_readers` (tests/run.sh installs xmllint and
//! pandoc).

mod common;
mod support {
    pub mod ooxml;
    pub mod sample_doc;
}

use std::process::Command;

use rapporteur::build::compile;
use rapporteur::document::{Block, Document, plain_text};
use rapporteur::writers::{Format, WriteOptions};
use serde_json::Value;

const SESSIONS: [&str; 3] = ["ctoc-cop-wg4-2009", "ctoc-cop-wg4-2016", "ctoc-cop-2018"];

fn session(slug: &str) -> Document {
    compile(&common::root().join("sessions").join(slug))
        .unwrap_or_else(|d| panic!("{slug} must compile:\n{d}"))
        .document
}

fn docx(doc: &Document) -> Vec<u8> {
    Format::Docx.write(doc, &WriteOptions::default()).unwrap_or_else(|d| panic!("DOCX build failed:\n{d}"))
}

/// The documents every check runs over: the three sessions and the test documents.
fn documents() -> Vec<(String, Document)> {
    let mut out: Vec<(String, Document)> = SESSIONS.iter().map(|s| (s.to_string(), session(s))).collect();
    out.push(("the PDF tests' sample document".into(), support::sample_doc::sample()));
    let mut hostile = support::sample_doc::sample();
    hostile.masthead.title = vec![rapporteur::document::Inline::text(support::sample_doc::HOSTILE)];
    out.push(("the sample document with a hostile title".into(), hostile));
    out
}

#[test]
fn every_part_of_every_docx_is_schema_valid() {
    for (what, doc) in documents() {
        support::ooxml::validate(&what, &docx(&doc));
    }
}

/// The validator is not a rubber stamp: the faults this project once shipped are caught.
#[test]
fn the_validator_catches_what_the_schema_forbids() {
    let doc = session("ctoc-cop-wg4-2009");
    let bytes = docx(&doc);
    let parts = support::ooxml::parts(&bytes);
    let styles = &parts["word/styles.xml"];
    // The empty `w:rPr` docx-rs used to leave in every style's paragraph properties.
    let broken = styles.replacen("<w:pPr>", "<w:pPr><w:rPr />", 1);
    assert_ne!(&broken, styles);
    let rebuilt = replace_part(&bytes, "word/styles.xml", &broken);
    let caught = std::panic::catch_unwind(|| support::ooxml::validate("broken styles", &rebuilt));
    let message = caught.expect_err("an `rPr` inside a style's `pPr` must be refused");
    let message = message.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(message.contains("word/styles.xml") && message.contains("rPr"), "{message}");
}

fn replace_part(docx: &[u8], name: &str, xml: &str) -> Vec<u8> {
    use std::io::Write;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (part, text) in support::ooxml::parts(docx) {
        out.start_file(part.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(if part == name { xml.as_bytes() } else { text.as_bytes() }).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn parts_nobody_uses_are_not_written() {
    for (what, doc) in documents() {
        let parts = support::ooxml::parts(&docx(&doc));
        for unused in ["word/comments.xml", "word/commentsExtended.xml", "word/numbering.xml"] {
            assert!(!parts.contains_key(unused), "{what}: {unused} is written");
        }
        let mentioned = format!("{}{}", parts["[Content_Types].xml"], parts["word/_rels/document.xml.rels"]);
        assert!(!mentioned.contains("comments") && !mentioned.contains("numbering"), "{what}: {mentioned}");
        // Every part written has its content type; every override names a part written.
        for part in parts.keys().filter(|p| !p.ends_with(".rels") && *p != "[Content_Types].xml") {
            assert!(parts["[Content_Types].xml"].contains(&format!("PartName=\"/{part}\"")), "{what}: {part} untyped");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// pandoc

fn pandoc_json(docx: &[u8]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.docx");
    std::fs::write(&file, docx).unwrap();
    let out = Command::new("pandoc")
        .args(["-f", "docx", "-t", "json"])
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("pandoc (Debian package pandoc) is needed to read the DOCX back: {e}"));
    assert!(out.status.success(), "pandoc failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of pandoc inlines; notes are left out.
fn inline_text(inlines: &Value, out: &mut String) {
    for i in inlines.as_array().into_iter().flatten() {
        match i["t"].as_str().unwrap_or("") {
            "Str" => out.push_str(i["c"].as_str().unwrap()),
            "Space" | "SoftBreak" | "LineBreak" => out.push(' '),
            "Note" => {}
            "Link" | "Span" | "Quoted" => inline_text(&i["c"][i["c"].as_array().unwrap().len() - 2], out),
            "Emph" | "Strong" | "Underline" | "SmallCaps" | "Superscript" | "Subscript" | "Strikeout" => {
                inline_text(&i["c"], out)
            }
            "Cite" => inline_text(&i["c"][1], out),
            _ => {}
        }
    }
}

/// Every heading (level, text) and every footnote text pandoc finds, in order.
fn pandoc_structure(v: &Value) -> (Vec<(u64, String)>, Vec<String>) {
    let mut headings = Vec::new();
    let mut notes = Vec::new();
    fn walk(v: &Value, headings: &mut Vec<(u64, String)>, notes: &mut Vec<String>) {
        match v {
            Value::Object(o) => {
                match o.get("t").and_then(Value::as_str) {
                    Some("Header") => {
                        let mut text = String::new();
                        inline_text(&o["c"][2], &mut text);
                        headings.push((o["c"][0].as_u64().unwrap(), squash(&text)));
                    }
                    Some("Note") => {
                        let mut text = String::new();
                        for block in o["c"].as_array().unwrap() {
                            inline_text(&block["c"], &mut text);
                            text.push(' ');
                        }
                        notes.push(squash(&text));
                    }
                    _ => {}
                }
                for value in o.values() {
                    walk(value, headings, notes);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, headings, notes)),
            _ => {}
        }
    }
    walk(&v["blocks"], &mut headings, &mut notes);
    (headings, notes)
}

/// Every heading of the Document: its level (1 for a chapter) and its printed text.
fn document_headings(doc: &Document) -> Vec<(u64, String)> {
    fn walk(blocks: &[Block], level: u64, out: &mut Vec<(u64, String)>) {
        for b in blocks {
            if let Block::Division(d) = b {
                let heading = plain_text(&d.heading);
                let text = match &d.num {
                    Some(n) => format!("{n} {heading}"),
                    None => heading,
                };
                out.push((level, squash(&text)));
                walk(&d.children, level + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&doc.body, 1, &mut out);
    out
}

/// The texts of the footnotes in the order their markers are cited (a note cited inside
/// another note is printed as a marker there, not as a note).
fn document_notes(doc: &Document) -> Vec<String> {
    fn walk(v: &Value, doc: &Document, out: &mut Vec<String>) {
        match v {
            Value::Object(o) if o.get("type").and_then(Value::as_str) == Some("note_ref") => {
                let id = o["id"].as_str().unwrap();
                out.push(squash(&plain_text(&doc.footnote(id).expect("defined").content)));
            }
            Value::Object(o) => o.values().for_each(|x| walk(x, doc, out)),
            Value::Array(a) => a.iter().for_each(|x| walk(x, doc, out)),
            _ => {}
        }
    }
    let mut json = serde_json::to_value(doc).unwrap();
    json.as_object_mut().unwrap().remove("footnotes");
    let mut out = Vec::new();
    // The masthead comes first in the DOCX, then the body.
    walk(&json["masthead"], doc, &mut out);
    walk(&json["body"], doc, &mut out);
    out
}

#[test]
fn pandoc_finds_every_heading_at_its_level_and_every_footnote() {
    for (what, doc) in documents() {
        let v = pandoc_json(&docx(&doc));
        // (pandoc 2.17 takes a `Title` paragraph as the title only at the start of the
        // document; ours follows the masthead table, so the title is not checked here.)

        let (headings, notes) = pandoc_structure(&v);
        let expected = document_headings(&doc);
        assert!(!expected.is_empty(), "{what} has headings");
        let found: Vec<(u64, String)> = headings.iter().map(|(l, t)| (*l, t.replace('\t', " "))).collect();
        // Every heading of the Document is a heading for pandoc, at its level, in order (the
        // contents' own heading may come in addition).
        let mut rest = found.iter();
        for (level, text) in &expected {
            assert!(
                rest.any(|(l, t)| l == level && t == text),
                "{what}: pandoc does not find the heading `{text}` at level {level}; it found:\n{found:#?}"
            );
        }
        let extra: Vec<_> = found.iter().filter(|h| !expected.contains(h)).collect();
        assert!(extra.len() <= 1, "{what}: pandoc finds headings the Document does not have: {extra:?}");

        let expected_notes = document_notes(&doc);
        assert_eq!(notes.len(), expected_notes.len(), "{what}: footnotes found by pandoc: {notes:#?}");
        for (found, text) in notes.iter().zip(&expected_notes) {
            assert!(found.ends_with(text.as_str()), "{what}: footnote `{found}` is not `{text}`");
        }
    }
}
