//! A draft issued in parts (`parts:`): each part a document of its own, with its own symbol on the
//! masthead and its own paragraph numbers, built from one session — and the data checks that keep
//! every chapter in exactly one part.

mod common;
use common::copy_dir;

use std::path::Path;
use std::process::Command;

fn rapporteur() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
}

/// The reference session as the L.1 draft, issued as L.1 (chapters I-III) and L.1/Add.1 (the rest).
fn draft_in_parts(dir: &Path, parts: &str) {
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/ctoc-cop-wg4-2009"), dir);
    let file = dir.join("session.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replace(
        "symbol: CTOC/COP/WG.4/2009/2\ndistribution: General\n",
        &format!("symbol: CTOC/COP/WG.4/2009/L.1\nstage: draft\n{parts}"),
    );
    std::fs::write(&file, text).unwrap();
    // Cross-references between parts are not resolved yet (each part is numbered on its own):
    // the chapters' references to each other are written out as plain words here.
    let chapters = dir.join("chapters.yaml");
    let text = std::fs::read_to_string(&chapters).unwrap();
    let text = text
        .replace("{chapter:recommendations}", "chapter I")
        .replace("{chapters:introduction-other-matters}", "chapters II to VI");
    std::fs::write(&chapters, text).unwrap();
}

const TWO_PARTS: &str = "parts:
  - symbol: CTOC/COP/WG.4/2009/L.1
    chapters: [recommendations, introduction, organization]
  - symbol: CTOC/COP/WG.4/2009/L.1/Add.1
    chapters: [promoting-implementation, improving-coordination, other-matters]
";

#[test]
fn each_part_is_a_document_with_its_own_symbol_and_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let session = tmp.path().join("draft");
    draft_in_parts(&session, TWO_PARTS);
    let out = tmp.path().join("out");
    let run = rapporteur().args(["build", "--format", "text,pdf"]).arg(&session).arg("-o").arg(&out).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let l1 = std::fs::read_to_string(out.join("ctoc-cop-wg-4-2009-l-1.txt")).unwrap();
    let add1 = std::fs::read_to_string(out.join("ctoc-cop-wg-4-2009-l-1-add-1.txt")).unwrap();
    assert!(l1.contains("CTOC/COP/WG.4/2009/L.1") && !l1.contains("L.1/Add.1"), "{}", &l1[..400]);
    assert!(add1.contains("CTOC/COP/WG.4/2009/L.1/Add.1"), "{}", &add1[..400]);
    assert!(l1.contains("Distr.: Limited") && add1.contains("Distr.: Limited"));
    // L.1 has chapter I (the recommendations); the addendum numbers its paragraphs from 1.
    assert!(l1.contains("Recommendations adopted by the Working Group"));
    assert!(!add1.contains("Recommendations adopted by the Working Group"));
    assert!(add1.lines().any(|l| l.starts_with("1.")), "the addendum numbers its paragraphs from 1");
    // Chapters keep their number in the whole report: the addendum opens with chapter IV.
    assert!(add1.lines().any(|l| l.trim_start().starts_with("IV.")), "the addendum's first chapter is IV");
    assert!(!add1.lines().any(|l| l.trim_start().starts_with("I.")), "no chapter I in the addendum");
    // Both PDFs exist and carry their own symbol.
    for (stem, symbol) in [("ctoc-cop-wg-4-2009-l-1", "L.1"), ("ctoc-cop-wg-4-2009-l-1-add-1", "L.1/Add.1")] {
        let pdf = out.join(format!("{stem}.pdf"));
        let text = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext (poppler-utils)");
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains(&format!("CTOC/COP/WG.4/2009/{symbol}")), "{stem}: {}", &text[..300.min(text.len())]);
    }
}

#[test]
fn a_chapter_in_no_part_or_an_unknown_id_is_an_error_with_its_position() {
    let tmp = tempfile::tempdir().unwrap();
    let session = tmp.path().join("draft");
    draft_in_parts(
        &session,
        "parts:
  - symbol: CTOC/COP/WG.4/2009/L.1
    chapters: [recommendations, introductoin, organization]
  - symbol: CTOC/COP/WG.4/2009/L.1/Add.1
    chapters: [promoting-implementation, improving-coordination]
",
    );
    let run = rapporteur().arg("check").arg(&session).output().unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    let text = std::fs::read_to_string(session.join("session.yaml")).unwrap();
    let line = text.lines().position(|l| l.contains("introductoin")).unwrap() + 1;
    let column = text.lines().nth(line - 1).unwrap().find("introductoin").unwrap() + 1;
    assert!(
        stderr.contains(&format!(
            "session.yaml:{line}:{column}: error: part CTOC/COP/WG.4/2009/L.1 names chapter `introductoin`"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("chapter “Introduction” is in no part"), "{stderr}");
    assert!(stderr.contains("chapter “Other matters” is in no part"), "{stderr}");
}
