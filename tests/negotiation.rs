//! A negotiated draft (issue 10, parts 2 and 5) on the example session
//! `sessions/ctoc-cop-wg4-2009-draft`: the draft prints brackets, *bis* labels and statuses in
//! text, HTML, PDF (read back with pdftotext) and DOCX (for paragraphs and sub-items); the same data as a final report fails
//! `check` at each open place and numbers straight through; an adoption record lists the oral
//! amendments.

mod common;
use common::copy_dir;

use std::path::{Path, PathBuf};
use std::process::Command;

use rapporteur::build::compile;
use rapporteur::document::Document;
use rapporteur::writers::{Format, WriteOptions};

fn draft_session() -> PathBuf {
    common::root().join("sessions/ctoc-cop-wg4-2009-draft")
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert_eq!(text.matches(from).count(), 1, "`{from}` in {}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

/// A copy of the example draft in `dir`, made final.
fn as_final(dir: &Path) -> PathBuf {
    let to = dir.join("ctoc-cop-wg4-2009-draft");
    copy_dir(&draft_session(), &to);
    edit(&to.join("session.yaml"), "stage: draft\n", "stage: final\n");
    to
}

fn numbers(doc: &Document) -> Vec<String> {
    doc.paragraphs().iter().filter_map(|p| p.num.clone()).collect()
}

#[test]
fn the_draft_prints_brackets_bis_and_statuses_in_every_format() {
    let compiled = compile(&draft_session()).unwrap();
    let doc = &compiled.document;
    let nums = numbers(doc);
    // ¶5 bis stands between ¶5 and ¶6 and shifts nothing: the reference's 56 numbers stay.
    let five = nums.iter().position(|n| n == "5.").unwrap();
    assert_eq!(&nums[five..five + 3], ["5.", "5 bis.", "6."]);
    assert!(nums.contains(&"56.".to_string()) && !nums.contains(&"57.".to_string()), "{nums:?}");

    let opts = WriteOptions { templates: compiled.templates.clone(), no_pdf_standards: false };
    let out = |f: Format| Format::write(f, doc, &opts).unwrap();

    let text = String::from_utf8(out(Format::Text)).unwrap();
    for expected in [
        "1. [*agreed ad ref., 14 April 2009*] The Working Group",
        "obstacles that States[, in particular signatories to the Trafficking in Persons Protocol,] may have",
        "5 bis. [*bracketed; proposed by Mexico, 15 April 2009*] [The Secretariat should make its model laws",
        "7. [*proposed, 15 April 2009*] [*Alt. 1 (Chair):* With regard to the definition",
        "penal proceedings.] [*Alt. 2 (Egypt):* The Secretariat should prepare issue papers",
        "(c) [*deleted; proposed by the Chair*] Consider discussing plans",
        "(d) Explore modalities",
    ] {
        assert!(text.contains(expected), "text: {expected}");
    }

    let html = String::from_utf8(out(Format::Html)).unwrap();
    assert!(html.contains("States<span class=\"bracketed\">[, in particular signatories"), "HTML brackets");
    assert!(html.contains("<span class=\"bracketed\">[<em>agreed ad ref., 14 April 2009</em>]</span>"));
    assert!(html.contains(">5 bis.<"), "HTML bis label");

    let docx = out(Format::Docx);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut body = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut body).unwrap();
    // The words of each run, joined: what Word shows.
    let shown: String = body
        .split("<w:t")
        .skip(1)
        .filter_map(|t| t.split_once('>').and_then(|(_, rest)| rest.split_once("</w:t>")).map(|(w, _)| w))
        .collect();
    assert!(shown.contains("5 bis."), "DOCX bis label");
    assert!(shown.contains("[bracketed; proposed by Mexico, 15 April 2009] [The Secretariat should make"), "DOCX");
    assert!(shown.contains("States[, in particular signatories"), "DOCX brackets");
    assert!(shown.contains("[Alt. 2 (Egypt): The Secretariat should prepare issue papers"), "DOCX alternative");

    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("draft.pdf");
    std::fs::write(&pdf, out(Format::Pdf)).unwrap();
    let o = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let printed = String::from_utf8_lossy(&o.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "[agreed ad ref., 14 April 2009] The Working Group",
        "States[, in particular signatories",
        "5 bis. [bracketed; proposed by Mexico, 15 April 2009] [The Secretariat",
        "[Alt. 1 (Chair): With regard to the definition",
    ] {
        assert!(printed.contains(expected), "PDF: {expected}");
    }
}

#[test]
fn the_same_session_as_final_fails_check_at_each_open_place() {
    let dir = tempfile::tempdir().unwrap();
    let session = as_final(dir.path());
    let err = match compile(&session) {
        Err(e) => e,
        Ok(_) => panic!("a final report with brackets does not compile"),
    };
    let errors: Vec<_> = err.0.iter().filter(|d| d.is_error()).collect();
    let at = |what: &str| {
        errors
            .iter()
            .find(|d| d.message.contains(what))
            .and_then(|d| d.location.as_ref())
            .map(|l| (l.line, l.column))
            .unwrap_or_else(|| panic!("no error about {what}: {errors:#?}"))
    };
    // The `[[` of ¶4 (after "States"): its line and column in chapters.yaml.
    let chapters = std::fs::read_to_string(session.join("chapters.yaml")).unwrap();
    let (line, column) = chapters
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("States[[").map(|c| (i + 1, l[..c].chars().count() + "States".len() + 1)))
        .unwrap();
    assert_eq!(at("bracketed text"), (line, column));
    let line_of = |needle: &str, after: &str| {
        let start = chapters.find(after).unwrap();
        chapters[..start + chapters[start..].find(needle).unwrap()].lines().count()
    };
    assert_eq!(at("still `proposed` in a final").0, line_of("status: proposed", "adherence-obstacles-checklist"));
    assert_eq!(at("still `bracketed` in a final").0, line_of("status: bracketed", "legislation-model-laws"));
    // (A list is located at its first entry.)
    assert_eq!(at("alternatives Alt. 1, Alt. 2").0, line_of("- label: Alt. 1", "definitions-issue-papers"));
    // And through the command line, as a person sees it.
    let o = Command::new(env!("CARGO_BIN_EXE_rapporteur")).arg("check").arg(&session).output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(stderr.contains(&format!("chapters.yaml:{line}:{column}: error: bracketed text")), "{stderr}");
}

#[test]
fn a_settled_final_numbers_straight_through_without_notes_and_drops_deleted_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let session = as_final(dir.path());
    let chapters = session.join("chapters.yaml");
    // Settle everything: the bracket agreed, ¶5 bis adopted, Alt. 2 chosen, ¶6 deleted.
    edit(&chapters, "States[[, in particular", "States, in particular");
    edit(&chapters, "Persons Protocol,]] may have", "Persons Protocol, may have");
    edit(
        &chapters,
        "            status: proposed\n            proposed_by: Secretariat\n",
        "            status: adopted\n",
    );
    edit(
        &chapters,
        "            status: bracketed\n            proposed_by: Mexico\n",
        "            status: adopted\n",
    );
    edit(&chapters, "            status: proposed\n            date: 2009-04-15\n", "            status: adopted\n");
    let text = std::fs::read_to_string(&chapters).unwrap();
    let start = text.find("            alternatives:\n              - label: Alt. 1").unwrap();
    let end = start + text[start..].find("in Persons Protocol.\n").unwrap() + "in Persons Protocol.\n".len();
    let settled = "            text: >-\n              The Secretariat should prepare issue papers on the key concepts of the\n              Trafficking in Persons Protocol.\n";
    std::fs::write(&chapters, format!("{}{settled}{}", &text[..start], &text[end..])).unwrap();
    edit(
        &chapters,
        "          - id: legislation-criminalize\n",
        "          - id: legislation-criminalize\n            status: deleted\n",
    );

    let compiled =
        compile(&session).unwrap_or_else(|e| panic!("{:#?}", e.0.iter().filter(|d| d.is_error()).collect::<Vec<_>>()));
    let doc = &compiled.document;
    let nums = numbers(doc);
    let straight: Vec<String> = (1..=nums.len()).map(|n| format!("{n}.")).collect();
    assert_eq!(nums, straight, "straight numbering, no bis");
    // 56 paragraphs, one inserted and one deleted.
    assert_eq!(nums.len(), 56);
    let ids: Vec<&str> = doc.paragraphs().iter().map(|p| p.id.as_str()).collect();
    assert!(!ids.contains(&"legislation-criminalize"), "the deleted paragraph is left out");
    let model_laws = doc.paragraphs().into_iter().find(|p| p.id == "legislation-model-laws").unwrap();
    assert_eq!(model_laws.num.as_deref(), Some("6."));
    let opts = WriteOptions { templates: compiled.templates.clone(), no_pdf_standards: false };
    let text = String::from_utf8(Format::write(Format::Text, doc, &opts).unwrap()).unwrap();
    assert!(!text.contains("[*"), "no status notes in a final report");
    assert!(!text.contains("bis"), "no bis labels in a final report");
    assert!(text.contains("6. The Secretariat should make its model laws"));
    assert!(text.contains("7. The Secretariat should prepare issue papers on the key concepts"));
    // The sub-item deleted in negotiation is left out, and the labels close up.
    assert!(!text.contains("Consider discussing plans"));
    assert!(text.contains("(c) Explore modalities"));
    let prevention = doc.paragraphs().into_iter().find(|p| p.id == "prevention-awareness-raising").unwrap();
    let last = &prevention.items[2];
    assert_eq!((last.label.as_str(), last.id.as_str()), ("(c)", "prevention-awareness-raising-d"), "ids stay");
}

#[test]
fn an_adoption_record_lists_the_oral_amendments() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("draft");
    copy_dir(&draft_session(), &session);
    let yaml = session.join("session.yaml");
    let mut text = std::fs::read_to_string(&yaml).unwrap();
    text.push_str("\nannexes:\n  - title: Amendments made orally at adoption\n    generate: adoption_record\n");
    std::fs::write(&yaml, text).unwrap();
    let compiled = compile(&session).unwrap_or_else(|e| panic!("{e:#?}"));
    let opts = WriteOptions { templates: compiled.templates.clone(), no_pdf_standards: false };
    let out = String::from_utf8(Format::write(Format::Text, &compiled.document, &opts).unwrap()).unwrap();
    let annex = &out[out.find("Amendments made orally at adoption").expect("the annex")..];
    for expected in ["Paragraph", "Text of the draft", "As orally amended", "Proposed by"] {
        assert!(annex.contains(expected), "{expected} in {annex}");
    }
    let row = annex.lines().find(|l| l.contains("adopt an integrated")).expect("the amendment's row");
    assert!(row.contains("adopt a comprehensive") && row.contains("Argentina"), "{row}");
    assert!(row.trim_start().starts_with('2'), "paragraph 2: {row}");
}

#[test]
fn proponents_are_states_the_chair_or_the_secretariat() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("draft");
    copy_dir(&draft_session(), &session);
    edit(&session.join("chapters.yaml"), "proposed_by: Mexico", "proposed_by: Mexicco");
    let err = match compile(&session) {
        Err(e) => e,
        Ok(_) => panic!("an unknown proponent is an error"),
    };
    let d = err.0.iter().find(|d| d.message.contains("Mexicco")).expect("named");
    assert!(d.message.contains("nor the Chair or the Secretariat"), "{d:?}");
    assert!(d.hint.as_deref().unwrap_or_default().contains("Mexico"), "{d:?}");
}
