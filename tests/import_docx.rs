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
