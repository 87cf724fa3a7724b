//! `rapporteur import FILE.pdf --from pdf` end to end on our own sessions: their PDFs import
//! back to sessions that build the same text. (The five reports the United Nations issued are
//! imported, checked and built in `tests/import_pdf.rs`.)

mod common;

use std::path::Path;

/// Our own sessions, and an Official Records volume (its title page, the date over the report,
/// rules of procedure in an annex): build the PDF, import it, build the text again: the same text.
#[test]
fn our_sessions_round_trip_through_their_pdf() {
    for (folder, slug) in [
        ("sessions", "ctoc-cop-wg4-2009"),
        ("sessions", "ctoc-cop-wg4-2016"),
        ("sessions", "ctoc-cop-2018"),
        ("tests/fixtures/shapes", "official-records"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let session = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder).join(slug);
        let session = session.to_str().unwrap();
        common::succeeded(
            &common::rapporteur_in(&["build", session, "--format", "text,pdf", "-o", "first"], dir),
            "build",
        );
        let pdf_file = format!("first/{slug}.pdf");
        common::succeeded(
            &common::rapporteur_in(&["import", &pdf_file, "--from", "pdf", "-o", "s"], dir),
            &format!("{slug}: import"),
        );
        common::succeeded(
            &common::rapporteur_in(&["build", "s", "--format", "text", "-o", "second"], dir),
            &format!("{slug}: build"),
        );
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
