//! Helpers shared by the integration tests: reading a report in the reference text shape back
//! into its elements, so two reports can be compared paragraph by paragraph.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The reference report given with the project (`../shared/reference/`).
pub fn reference_text() -> String {
    let path = root().join("../shared/reference/ctoc-cop-wg4-2009-2.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("the reference report {} is needed: {e}", path.display()))
}

/// Copies a session folder (recursively) so a test can edit it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

pub fn reference_session() -> PathBuf {
    root().join("sessions/ctoc-cop-wg4-2009")
}

/// One element of a report's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub kind: Kind,
    /// "I", "A", "12", "(a)", "1." …
    pub label: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Chapter,
    Section,
    Paragraph,
    Item,
    Footnote,
}

/// Splits a report in the reference shape into its elements, from the first chapter heading on:
/// joins paragraphs cut by page breaks, drops the "- " artefact in front of sub-items, and
/// takes footnote lines (starting with a superscript numeral) out as footnotes.
pub fn elements(text: &str) -> Vec<Element> {
    let mut out: Vec<Element> = Vec::new();
    let mut next_chapter = 1usize;
    let mut next_section = 0u8; // index of the next section letter in this chapter
    let mut next_para = 1usize;
    let mut started = false;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if !started {
            if line.starts_with("I. ") {
                started = true;
            } else {
                continue;
            }
        }
        let (label, rest) = split_label(line);
        if let Some(label) = label {
            if label == roman(next_chapter) {
                out.push(Element { kind: Kind::Chapter, label: label.to_string(), text: rest.to_string() });
                next_chapter += 1;
                next_section = 0;
                continue;
            }
            if label.len() == 1 && label.as_bytes()[0] == b'A' + next_section {
                out.push(Element { kind: Kind::Section, label: label.to_string(), text: rest.to_string() });
                next_section += 1;
                continue;
            }
            if label == next_para.to_string() {
                out.push(Element { kind: Kind::Paragraph, label: label.to_string(), text: rest.to_string() });
                next_para += 1;
                continue;
            }
            if label.chars().all(|c| c.is_ascii_digit()) {
                // A numbered item inside a paragraph (the agenda).
                out.push(Element { kind: Kind::Item, label: format!("{label}."), text: rest.to_string() });
                continue;
            }
        }
        let unbulleted = line.trim_start_matches("- ").trim_start();
        if let Some(close) = unbulleted.strip_prefix('(').and_then(|s| s.find(')'))
            && unbulleted[1..close + 1].chars().all(|c| c.is_ascii_lowercase())
            && close <= 5
        {
            out.push(Element {
                kind: Kind::Item,
                label: unbulleted[..close + 2].to_string(),
                text: unbulleted[close + 2..].trim().to_string(),
            });
            continue;
        }
        let first = line.chars().next().unwrap_or(' ');
        if is_superscript(first) || first == '*' && line.chars().nth(1) == Some(' ') {
            let marker: String = line.chars().take_while(|c| is_superscript(*c) || *c == '*').collect();
            let text = line[marker.len()..].trim().to_string();
            out.push(Element { kind: Kind::Footnote, label: marker, text });
            continue;
        }
        // A continuation: the rest of the last paragraph or item cut by a page break.
        if let Some(last) = out.iter_mut().rev().find(|e| matches!(e.kind, Kind::Paragraph | Kind::Item)) {
            last.text.push(' ');
            last.text.push_str(line);
        }
    }
    out
}

/// "12. Text" → (Some("12"), "Text"); "IV. Text" → (Some("IV"), "Text").
fn split_label(line: &str) -> (Option<&str>, &str) {
    match line.split_once(". ") {
        Some((label, rest))
            if !label.is_empty()
                && (label.chars().all(|c| c.is_ascii_digit())
                    || label.chars().all(|c| "IVXLC".contains(c))
                    || (label.len() == 1 && label.chars().all(|c| c.is_ascii_uppercase()))) =>
        {
            (Some(label), rest)
        }
        _ => (None, line),
    }
}

fn is_superscript(c: char) -> bool {
    "¹²³⁴⁵⁶⁷⁸⁹⁰".contains(c)
}

fn roman(n: usize) -> String {
    let table = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut n = n;
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Runs a command and returns its stdout, failing the test with its stderr.
pub fn run(cmd: &mut std::process::Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn exists(path: &Path) -> bool {
    path.exists()
}

/// A real UN report of `../shared/un-reports/` (the PDF importer's corpus).
pub fn un_report(name: &str) -> PathBuf {
    root().join("../shared/un-reports").join(name)
}

/// Letter words, lower case, with their counts: numbers and footnote markers are checked on
/// their own.
pub fn words(text: &str) -> std::collections::HashMap<String, usize> {
    let mut out = std::collections::HashMap::new();
    // Superscript letters ("instabilityᵃ", "vintageʲ": a note marker the text writer sets
    // against the word, `SUPERSCRIPT_LETTERS`) are not part of the word.
    let superscript = |c: char| {
        ('\u{1D2C}'..='\u{1DBF}').contains(&c)
            || (c != 'q' && rapporteur::writers::text::SUPERSCRIPT_LETTERS.contains(&c))
    };
    for w in text.split(|c: char| !c.is_alphabetic() || superscript(c)).filter(|w| !w.is_empty()) {
        *out.entry(w.to_lowercase()).or_default() += 1;
    }
    out
}

/// The whole text of a PDF as poppler's `pdftotext` reads it.
pub fn pdftotext_all(path: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed: tests/run.sh installs it");
    assert!(out.status.success(), "pdftotext failed on {}", path.display());
    String::from_utf8(out.stdout).unwrap()
}

/// Headless Chromium's switches for a machine without network (Debian's `chromium`, installed
/// by tests/run.sh): without the background-networking ones it keeps trying to reach Google.
pub const CHROMIUM_HEADLESS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// Prints the page `html` to `pdf` with headless Chromium (its own layout engine and PDF
/// writer: another producer of the PDFs the importer reads), with a profile under `profile`.
pub fn chromium_print_to_pdf(html: &Path, pdf: &Path, profile: &Path) {
    let out = std::process::Command::new("chromium")
        .args(CHROMIUM_HEADLESS)
        .arg("--no-pdf-header-footer")
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("run chromium (tests/run.sh installs Debian's `chromium`)");
    assert!(pdf.exists(), "chromium printed nothing for {}: {}", html.display(), String::from_utf8_lossy(&out.stderr));
}

/// Converts `files` with LibreOffice (`soffice --convert-to FORMAT`, one start for all) into
/// `outdir`, with a profile under `profile`.
pub fn soffice_convert(format: &str, files: &[PathBuf], outdir: &Path, profile: &Path) {
    let out = std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", format, "--outdir"])
        .arg(outdir)
        .args(files)
        .output()
        .expect("LibreOffice (soffice) is needed: tests/run.sh installs it");
    assert!(out.status.success(), "soffice failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// Runs the `rapporteur` binary with `args` in `dir`.
pub fn rapporteur_in(args: &[&str], dir: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_rapporteur")).args(args).current_dir(dir).output().unwrap()
}

/// The standard error of a run that must have succeeded (`what` names it in the failure).
pub fn succeeded(out: &std::process::Output, what: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{what}: {stderr}");
    stderr
}

/// The fixture whose bureau is listed by office (`officers: by_office`, after A/AC.182/2025/L.1
/// paragraph 5).
pub fn officers_fixture() -> PathBuf {
    root().join("tests/fixtures/shapes/officers")
}

/// The bureau of `officers_fixture()` as the list prints it (office order), by role, name and
/// State.
pub const BUREAU: [(&str, &str, &str); 5] = [
    ("chair", "Nathaniel Khng", "Singapore"),
    ("vice-chair", "Amanuel Giorgio", "Eritrea"),
    ("vice-chair", "Eduardo Manuel López Echevarria", "Peru"),
    ("vice-chair", "Elisa De Raes", "Belgium"),
    ("rapporteur", "Eliza Grisle", "Latvia"),
];

/// A session imported from a report of `officers_fixture()` has its bureau back as data and
/// one `officers: by_office` paragraph where the list stood (after the paragraph introducing it).
pub fn assert_bureau_back(session: &rapporteur::session::Session, what: &str) {
    let officers: Vec<(&str, &str, &str)> = session
        .officers
        .iter()
        .map(|o| (o.role.key(), o.name.as_str(), o.state.as_deref().unwrap_or_default()))
        .collect();
    assert_eq!(officers, BUREAU, "{what}: the officers as data");
    let paragraphs: Vec<&rapporteur::session::ParagraphDef> = session
        .chapters
        .iter()
        .flat_map(|c| c.paragraphs.iter().chain(c.sections.iter().flat_map(|s| s.paragraphs.iter())))
        .collect();
    let at: Vec<usize> =
        paragraphs.iter().enumerate().filter(|(_, p)| p.officers().is_some()).map(|(i, _)| i).collect();
    assert_eq!(at.len(), 1, "{what}: one `officers: by_office` paragraph");
    let before = paragraphs[at[0] - 1].text().unwrap_or_default();
    assert!(before.ends_with("the following members of its Bureau:"), "{what}: the list follows its lead-in: {before}");
}
