//! `rapporteur import FILE.pdf --from pdf` end to end, as a user runs it: a report the United
//! Nations issued (`../shared/un-reports/`) imports to a session that passes `check` and builds,
//! and the built text holds at least 99.5 % of the source's body words (pdftotext's words minus
//! the lines the importer reports as page furniture or contents), every numbered paragraph of
//! the body and every footnote; our own sessions' PDFs import back to sessions that build the
//! same text.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use rapporteur::import::pdf::{self, Class};

fn rapporteur(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur")).args(args).current_dir(dir).output().unwrap()
}

fn ok(out: &Output, what: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{what}: {stderr}");
    stderr
}

/// Imports, checks and builds one report; returns the built text.
fn import_and_build(name: &str, dir: &Path) -> String {
    let source = common::un_report(name);
    let source = source.to_str().unwrap();
    let stderr = ok(&rapporteur(&["import", source, "--from", "pdf", "-o", "s"], dir), "import");
    assert!(stderr.contains("page furniture set aside"), "{name}: the furniture is reported: {stderr}");
    let check = rapporteur(&["check", "s"], dir);
    ok(&check, &format!("{name}: check"));
    ok(&rapporteur(&["build", "s", "--format", "text", "-o", "out"], dir), &format!("{name}: build"));
    let file = std::fs::read_dir(dir.join("out")).unwrap().next().unwrap().unwrap().path();
    std::fs::read_to_string(file).unwrap()
}

fn check_report(name: &str, first: usize, last: usize, footnotes: usize) {
    let tmp = tempfile::tempdir().unwrap();
    let text = import_and_build(name, tmp.path());
    let reading = pdf::read(&std::fs::read(common::un_report(name)).unwrap()).unwrap();
    let mut source = common::words(&common::pdftotext_all(&common::un_report(name)));
    for (_, class, line) in &reading.classified {
        if matches!(class, Class::Furniture(_) | Class::Separator | Class::Contents) {
            for (w, n) in common::words(line) {
                if let Some(count) = source.get_mut(&w) {
                    *count = count.saturating_sub(n);
                }
            }
        }
    }
    let output = common::words(&text);
    let total: usize = source.values().sum();
    let held: usize = source.iter().map(|(w, n)| (*n).min(output.get(w).copied().unwrap_or(0))).sum();
    let mut missing: Vec<String> = source
        .iter()
        .filter(|(w, n)| output.get(*w).copied().unwrap_or(0) < **n)
        .map(|(w, n)| format!("{w}×{}", n - output.get(w).copied().unwrap_or(0)))
        .collect();
    missing.sort();
    let ratio = held as f64 / total as f64;
    eprintln!("{name}: session text holds {held}/{total} body words ({ratio:.4}); missing {missing:?}");
    assert!(ratio >= 0.995, "{name}: {ratio:.4}; missing {missing:?}");
    for n in first..=last {
        assert!(text.lines().any(|l| l.starts_with(&format!("{n}. "))), "{name}: paragraph {n}. not in the built text");
    }
    // Every footnote's opening words are printed (the text writer sets notes after their paragraph).
    let flat = text.replace('*', "");
    for note in &reading.document.footnotes {
        let words = rapporteur::document::plain_text(&note.content);
        let start: String = words.chars().take(30).collect();
        assert!(flat.contains(start.trim()), "{name}: footnote {} ({start}) not in the built text", note.marker);
    }
    assert_eq!(reading.document.footnotes.len(), footnotes, "{name}: footnotes");
}

// The other four reports import, but their sessions do not pass `check` yet (see
// /work/notes/pdfimport.md): the masthead shapes they use (a caption without a meeting name,
// "Agenda item 15", the Official Records cover, "Rapporteur:") and annexes without a title need
// the session format of issue 13 part 3 in the step from a document to a session.

#[test]
fn geneva_board_report_session() {
    check_report("A_80_15_Part_I_EN.pdf", 1, 40, 0);
}

/// Our own sessions: build the PDF, import it, build the text again: the same text.
#[test]
fn our_sessions_round_trip_through_their_pdf() {
    for slug in ["ctoc-cop-wg4-2009", "ctoc-cop-wg4-2016", "ctoc-cop-2018"] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let session = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions").join(slug);
        let session = session.to_str().unwrap();
        ok(&rapporteur(&["build", session, "--format", "text,pdf", "-o", "first"], dir), "build");
        let pdf_file = format!("first/{slug}.pdf");
        ok(&rapporteur(&["import", &pdf_file, "--from", "pdf", "-o", "s"], dir), &format!("{slug}: import"));
        ok(&rapporteur(&["build", "s", "--format", "text", "-o", "second"], dir), &format!("{slug}: build"));
        let first = std::fs::read_to_string(dir.join(format!("first/{slug}.txt"))).unwrap();
        let second_file = std::fs::read_dir(dir.join("second")).unwrap().next().unwrap().unwrap().path();
        let second = std::fs::read_to_string(second_file).unwrap();
        if first != second {
            let diff: Vec<String> = first
                .lines()
                .zip(second.lines())
                .filter(|(a, b)| a != b)
                .take(5)
                .map(|(a, b)| format!("- {a}\n+ {b}"))
                .collect();
            panic!("{slug}: the text differs after the PDF round trip:\n{}", diff.join("\n"));
        }
    }
}
