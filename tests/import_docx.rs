//! `--from docx`: the DOCX reader brings our own DOCX, and the same file saved by LibreOffice,
//! back to the report it was built from — judged by the text writer, which prints every label,
//! heading, paragraph, sub-item and footnote.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use rapporteur::build::compile;
use rapporteur::document::Document;
use rapporteur::writers::{Format, WriteOptions};

fn sessions() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(common::root().join("sessions"))
        .expect("sessions/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("session.yaml").exists())
        .collect();
    out.sort();
    assert!(out.len() >= 3);
    out
}

/// The endings of the ids the assembler derives for generated paragraphs (from their template's
/// name, `template: attendance/ngos` → `…-attendance-attendance-ngos`), which a reader of the
/// printed words cannot derive again.
fn generated_ids(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                if let Some(t) = line.split("template:").nth(1) {
                    let name = t.split([',', '}']).next().unwrap().trim();
                    out.push(rapporteur::generate::slug(name));
                }
            }
        }
    }
    out
}

fn write(doc: &Document, format: &str) -> Vec<u8> {
    Format::parse(format).unwrap().write(doc, &WriteOptions::default()).unwrap_or_else(|d| panic!("{format}: {d}"))
}

fn text(doc: &Document) -> String {
    String::from_utf8(write(doc, "text")).unwrap()
}

/// The first line where two texts differ, for a readable failure.
fn first_difference(a: &str, b: &str) -> String {
    let n = a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(a.lines().count().min(b.lines().count()));
    format!("line {}:\n  built:    {:?}\n  imported: {:?}", n + 1, a.lines().nth(n), b.lines().nth(n))
}

fn read_back(bytes: &[u8], slug: &str) -> Document {
    let (doc, _warnings) = rapporteur::import::docx::read(bytes, slug).unwrap_or_else(|d| panic!("{slug}: {d}"));
    doc
}

#[test]
fn our_docx_reads_back_to_the_same_report() {
    for dir in sessions() {
        let slug = dir.file_name().unwrap().to_string_lossy().into_owned();
        let built = compile(&dir).unwrap_or_else(|d| panic!("{slug}: {d}")).document;
        let docx = write(&built, "docx");
        let back = read_back(&docx, &slug);
        let (a, b) = (text(&built), text(&back));
        assert!(a == b, "{slug}: the DOCX read back prints differently at {}", first_difference(&a, &b));
        // The ids come back with it: spelled by our hidden bookmarks, or derived as the
        // assembler derives them (a generated paragraph's id, derived from its template's
        // name, stands hashed in the file and is derived from its words instead).
        let ids = |d: &Document| {
            d.paragraphs().iter().filter(|p| !p.id.contains("-template")).map(|p| p.id.clone()).collect::<Vec<_>>()
        };
        let generated = generated_ids(&dir);
        let (a, b): (Vec<String>, Vec<String>) = ids(&built)
            .into_iter()
            .zip(ids(&back))
            .filter(|(a, _)| !generated.iter().any(|g| a.contains(&format!("-{g}"))))
            .unzip();
        assert_eq!(a, b, "{slug}: paragraph ids");
        assert_eq!(
            built.footnotes.iter().map(|f| (&f.id, &f.marker)).collect::<Vec<_>>(),
            back.footnotes.iter().map(|f| (&f.id, &f.marker)).collect::<Vec<_>>(),
            "{slug}: footnotes"
        );
        assert_eq!(built.masthead.job_number, back.masthead.job_number, "{slug}: job number");
        assert_eq!(built.meta.date, back.meta.date, "{slug}: date");
    }
}

/// LibreOffice saves the DOCX again (as Word 2007 XML): styles, bookmarks and footnotes in its
/// own way. The report must still come back.
#[test]
fn a_docx_saved_by_libreoffice_reads_back_to_the_same_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = Vec::new();
    let mut built_docs = Vec::new();
    for session in sessions() {
        let slug = session.file_name().unwrap().to_string_lossy().into_owned();
        let built = compile(&session).unwrap_or_else(|d| panic!("{slug}: {d}")).document;
        let input = dir.path().join("in").join(format!("{slug}.docx"));
        std::fs::create_dir_all(input.parent().unwrap()).unwrap();
        std::fs::write(&input, write(&built, "docx")).unwrap();
        inputs.push(input);
        built_docs.push((slug, built));
    }
    let out = dir.path().join("out");
    libreoffice_resave(&inputs, &out, dir.path());
    for (slug, built) in built_docs {
        let bytes = std::fs::read(out.join(format!("{slug}.docx"))).unwrap_or_else(|e| panic!("{slug}: {e}"));
        let back = read_back(&bytes, &slug);
        let (a, b) = (text(&built), text(&back));
        assert!(a == b, "{slug}: the DOCX saved by LibreOffice prints differently at {}", first_difference(&a, &b));
    }
}

/// `soffice --headless --convert-to docx:"MS Word 2007 XML"` on every input at once (one start
/// of LibreOffice), with a profile of its own.
fn libreoffice_resave(inputs: &[PathBuf], out: &Path, work: &Path) {
    let profile = work.join("lo-profile");
    let status = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir"])
        .arg(out)
        .args(inputs)
        .output()
        .expect("LibreOffice (soffice) is needed: tests/run.sh installs it");
    assert!(status.status.success(), "soffice failed: {}", String::from_utf8_lossy(&status.stderr));
}

/// A Word original in the UN's Geneva styles, as a person types it: the masthead in a table and
/// plain lines, the title in a heading style, paragraphs numbered by Word (`w:numPr`, from the
/// style and given directly) and typed ("3.<tab>"), sub-items both ways, a real footnote with
/// Word's own number.
#[test]
fn a_word_original_in_the_geneva_styles() {
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let p = |style: &str, body: &str| format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{body}</w:p>"#);
    let r = |text: &str| format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#);
    let tab = "<w:r><w:tab/></w:r>";
    let numbered = |level: u32, body: &str| {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="SingleTxtG"/><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr>{body}</w:p>"#
        )
    };
    let cell = |paras: &str| format!("<w:tc>{paras}</w:tc>");
    let masthead = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        cell(&p("Normal", &r("United Nations"))),
        cell(&p("Normal", &r("A/AC.182/2025/L.1"))),
        cell(&p("Normal", &r("General Assembly"))),
        cell(
            &[
                p("Normal", &r("Distr.: Limited")),
                p("Normal", &r("21 February 2025")),
                p("Normal", ""),
                p("Normal", &r("Original: English"))
            ]
            .concat()
        ),
    );
    let body = [
        masthead,
        p("SingleTxtG", &r("Special Committee on the Charter of the United Nations")),
        p("SingleTxtG", &r("New York, 18–26 February 2025")),
        p("HChG", &r("Draft report")),
        p("SingleTxtG", &r("Rapporteur: Ms. Eliza Grisle (Latvia)")),
        p("HChG", &format!("{}{tab}{}", r("I."), r("Introduction"))),
        p(
            "NumberedPara",
            &format!(
                r#"{}<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>"#,
                r("The Special Committee was convened in accordance with resolution 79/125.")
            ),
        ),
        numbered(
            0,
            &format!(
                r#"{}<w:r><w:rPr><w:i/></w:rPr><w:t>Member States</w:t></w:r>{}"#,
                r("It was open to all "),
                r(".")
            ),
        ),
        numbered(1, &r("first sub-item;")),
        p("SingleTxtG", &format!("{}{tab}{}", r("3."), r("A paragraph numbered by hand."))),
        p("SingleTxtG", &format!("{}{tab}{}", r("(a)"), r("A sub-item typed by hand."))),
        p("H1G", &format!("{}{tab}{}", r("A."), r("Officers"))),
        p("SingleTxtG", &format!("{}{tab}{}", r("4."), r("The Special Committee elected its Bureau."))),
    ]
    .concat();
    let document =
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document {w}><w:body>{body}</w:body></w:document>"#);
    let style = |id: &str, name: &str, extra: &str| {
        format!(r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/>{extra}</w:style>"#)
    };
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:styles {w}>{}{}{}{}{}{}<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style></w:styles>"#,
        style("Normal", "Normal", ""),
        style("HChG", "_ H _Ch_G", ""),
        style("H1G", "_ H_1_G", ""),
        style("SingleTxtG", "_ Single Txt_G", ""),
        style(
            "NumberedPara",
            "Numbered paragraph",
            r#"<w:basedOn w:val="SingleTxtG"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>"#
        ),
        style("FootnoteText", "footnote text", ""),
    );
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering {w}><w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num></w:numbering>"#
    );
    let footnotes = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:footnotes {w}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>{}</w:p></w:footnote></w:footnotes>"#,
        r("\tSee A/36/33, para. 7.")
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, part) in [
        ("word/document.xml", document),
        ("word/styles.xml", styles),
        ("word/numbering.xml", numbering),
        ("word/footnotes.xml", footnotes),
    ] {
        zip.start_file(name, opts).unwrap();
        std::io::Write::write_all(&mut zip, part.as_bytes()).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();

    let doc = read_back(&bytes, "l1");
    let m = &doc.masthead;
    assert_eq!(
        (m.symbol.as_str(), m.organ.as_str(), m.distribution.as_str(), m.date.as_str(), m.original.as_str()),
        ("A/AC.182/2025/L.1", "General Assembly", "Limited", "21 February 2025", "English")
    );
    assert_eq!(doc.meta.date, "2025-02-21");
    let printed = text(&doc);
    let expected = "\
Special Committee on the Charter of the United Nations

New York, 18–26 February 2025

Distr.: Limited

21 February 2025

Original: English

A/AC.182/2025/L.1

Draft report

Rapporteur: Ms. Eliza Grisle (Latvia)

I. Introduction

1. The Special Committee was convened in accordance with resolution 79/125.¹

¹ See A/36/33, para. 7.

2. It was open to all *Member States*.

(a) first sub-item;

3. A paragraph numbered by hand.

(a) A sub-item typed by hand.

A. Officers

4. The Special Committee elected its Bureau.
";
    assert_eq!(printed, format!("General Assembly\n\n{expected}"));
}

/// `rapporteur import FILE.docx --from docx`, then `rapporteur check` and `rapporteur build` of
/// the imported session: the text it builds.
fn import_and_rebuild(docx: &[u8], work: &Path, name: &str) -> String {
    let bin = env!("CARGO_BIN_EXE_rapporteur");
    let file = work.join(format!("{name}.docx"));
    std::fs::write(&file, docx).unwrap();
    let session = work.join(format!("{name}-imported"));
    let out = Command::new(bin).arg("import").arg(&file).args(["--from", "docx", "-o"]).arg(&session).output().unwrap();
    assert!(out.status.success(), "{name}: import failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let out = Command::new(bin).arg("check").arg(&session).output().unwrap();
    assert!(
        out.status.success(),
        "{name}: the imported session does not pass check:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let built = work.join(format!("{name}-rebuilt"));
    let out =
        Command::new(bin).arg("build").arg(&session).args(["--format", "text", "-o"]).arg(&built).output().unwrap();
    assert!(
        out.status.success(),
        "{name}: the imported session does not build:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let txt = std::fs::read_dir(&built)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"));
    std::fs::read_to_string(txt.expect("a text file")).unwrap()
}

/// Every session, and every shape fixture, through our DOCX and back into a session: the
/// rebuilt report is the same text; and the same through LibreOffice's re-save of the DOCX.
#[test]
fn sessions_come_back_from_our_docx_and_from_libreoffice() {
    let work = tempfile::tempdir().unwrap();
    let mut dirs = sessions();
    let mut fixtures: Vec<PathBuf> =
        std::fs::read_dir(common::root().join("tests/fixtures/shapes")).unwrap().map(|e| e.unwrap().path()).collect();
    fixtures.sort();
    dirs.extend(fixtures);
    let mut inputs = Vec::new();
    let mut expected = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let built = compile(dir).unwrap_or_else(|d| panic!("{name}: {d}")).document;
        let docx = write(&built, "docx");
        let want = text(&built);
        let got = import_and_rebuild(&docx, work.path(), &name);
        assert!(
            want == got,
            "{name}: the session imported from our DOCX rebuilds differently at {}",
            first_difference(&want, &got)
        );
        let input = work.path().join("lo-in").join(format!("{name}.docx"));
        std::fs::create_dir_all(input.parent().unwrap()).unwrap();
        std::fs::write(&input, &docx).unwrap();
        inputs.push(input);
        expected.push((name, want));
    }
    let out = work.path().join("lo-out");
    libreoffice_resave(&inputs, &out, work.path());
    for (name, want) in expected {
        let docx = std::fs::read(out.join(format!("{name}.docx"))).unwrap();
        let got = import_and_rebuild(&docx, work.path(), &format!("{name}-lo"));
        assert!(
            want == got,
            "{name}: the session imported from LibreOffice's DOCX rebuilds differently at {}",
            first_difference(&want, &got)
        );
    }
}

/// A table whose headings span columns and rows (`tests/fixtures/shapes/tables`) comes back with
/// its spans from our DOCX and from LibreOffice's re-save of it (which writes the vertical merges
/// its own way: `w:vMerge w:val="continue"`, its own styles).
#[test]
fn headings_over_several_columns_and_rows_come_back_from_our_docx_and_libreoffice() {
    /// A table's header: each row's headings as (text, columns, rows).
    type Header = Vec<Vec<(String, usize, usize)>>;
    fn shapes(doc: &Document) -> Vec<Header> {
        fn walk(blocks: &[rapporteur::document::Block], out: &mut Vec<Header>) {
            for b in blocks {
                match b {
                    rapporteur::document::Block::Table(t) => out.push(
                        t.header
                            .iter()
                            .map(|row| {
                                row.iter()
                                    .map(|c| {
                                        let text = rapporteur::document::plain_text(&c.content);
                                        (text.trim().to_string(), c.columns, c.rows)
                                    })
                                    .collect()
                            })
                            .collect(),
                    ),
                    rapporteur::document::Block::Division(d) => walk(&d.children, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&doc.body, &mut out);
        out
    }
    let fixture = common::root().join("tests/fixtures/shapes/tables");
    let built = compile(&fixture).unwrap_or_else(|d| panic!("tables: {d}")).document;
    let want = shapes(&built);
    assert_eq!(want[0].len(), 3, "three header rows");
    let docx = write(&built, "docx");
    assert_eq!(shapes(&read_back(&docx, "tables")), want, "from our DOCX");
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in").join("tables.docx");
    std::fs::create_dir_all(input.parent().unwrap()).unwrap();
    std::fs::write(&input, &docx).unwrap();
    let out = dir.path().join("out");
    libreoffice_resave(&[input], &out, dir.path());
    let resaved = std::fs::read(out.join("tables.docx")).unwrap();
    assert_eq!(shapes(&read_back(&resaved, "tables")), want, "from LibreOffice's DOCX");
}
