//! The five reports the United Nations issued (`../shared/un-reports/`), imported, then laid out
//! again by other producers and read back: our DOCX of each printed to PDF by LibreOffice, and
//! our HTML of each printed to PDF by headless Chromium. Real content (treaty decisions, an
//! Official Records volume, a draft report, a board report, an addendum of decisions with wide
//! tables) in page layouts the PDF reader was never shown: the nearest this project can come to
//! "other real reports" without a network. Each relaid PDF must import to a session that passes
//! `check` and builds a text with the same numbered paragraphs in the same order, the same
//! labels (annexes, decisions), the same notes and at least 99.5 % of the words.

mod common;

use std::collections::HashMap;
use std::path::Path;

/// What must survive a new layout: the numbered paragraphs' numbers in order, the label lines
/// ("Annex II", "Decision 6/CMA.4"), the count of note lines, and the words.
struct Shape {
    numbers: Vec<String>,
    labels: Vec<String>,
    notes: usize,
    words: HashMap<String, usize>,
}

fn shape(text: &str) -> Shape {
    let numbers = text
        .lines()
        .filter_map(|l| l.split_once(". ").map(|(n, _)| n))
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string)
        .collect();
    let labels = text
        .lines()
        .filter(|l| {
            l.chars().count() < 40
                && ["Annex", "Decision ", "Resolution ", "Intersessional decision"].iter().any(|w| l.starts_with(w))
        })
        .map(str::to_string)
        .collect();
    // The text writer sets a note as its raised marker, a space and the note's text.
    let raised = |c: char| "⁰¹²³⁴⁵⁶⁷⁸⁹*ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ".contains(c);
    let notes =
        text.lines().filter(|l| l.split_once(' ').is_some_and(|(m, _)| !m.is_empty() && m.chars().all(raised))).count();
    Shape { numbers, labels, notes, words: common::words(text) }
}

/// Imports `pdf` (under `dir`) into `out`, checks it and returns its text as built.
fn read_back(dir: &Path, pdf: &str, out: &str) -> String {
    common::succeeded(&common::rapporteur_in(&["import", pdf, "--from", "pdf", "-o", out], dir), pdf);
    let check = common::succeeded(&common::rapporteur_in(&["check", out], dir), &format!("{out}: check"));
    assert!(check.contains("no errors"), "{out}: {check}");
    let built = format!("built-{out}");
    common::succeeded(&common::rapporteur_in(&["build", out, "--format", "text", "-o", &built], dir), out);
    std::fs::read_to_string(dir.join(built).join(format!("{out}.txt"))).unwrap()
}

/// Compares the text built from a relaid PDF with the text built from the first import;
/// `notes_lost`: notes the relaid PDF is known to lose (see the call).
fn assert_same_shape(what: &str, first: &str, again: &str, notes_lost: usize) {
    let (a, b) = (shape(first), shape(again));
    assert_eq!(a.numbers, b.numbers, "{what}: the numbered paragraphs");
    assert_eq!(a.labels, b.labels, "{what}: the annexes' and decisions' labels");
    assert_eq!(a.notes, b.notes + notes_lost, "{what}: the notes");
    let total: usize = a.words.values().sum();
    let held: usize = a.words.iter().map(|(w, n)| (*n).min(b.words.get(w).copied().unwrap_or(0))).sum();
    let share = held as f64 / total as f64;
    eprintln!("{what}: {held}/{total} words ({share:.4})");
    assert!(share >= 0.995, "{what}: {held}/{total} words ({share:.4})");
}

#[test]
fn un_reports_laid_out_again_by_libreoffice_and_chromium_read_back() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let reports = [
        "TPNW_MSP_2025_11_Rev.1_EN",
        "A_80_33_EN",
        "A_AC.182_2025_L.1_EN",
        "A_80_15_Part_I_EN",
        "FCCC_PA_CMA_2022_10_Add.2_EN",
    ];
    let mut docx = Vec::new();
    for name in reports {
        let pdf = common::un_report(&format!("{name}.pdf"));
        common::succeeded(
            &common::rapporteur_in(&["import", pdf.to_str().unwrap(), "--from", "pdf", "-o", name], dir),
            &format!("{name}: import"),
        );
        common::succeeded(
            &common::rapporteur_in(&["build", name, "--format", "text,docx,html", "-o", "first"], dir),
            &format!("{name}: build"),
        );
        docx.push(dir.join(format!("first/{name}.docx")));
    }
    common::soffice_convert("pdf", &docx, &dir.join("lo"), &dir.join("lo-profile"));
    for name in reports {
        let first = std::fs::read_to_string(dir.join(format!("first/{name}.txt"))).unwrap();
        let again = read_back(dir, &format!("lo/{name}.pdf"), &format!("lo-{name}"));
        // FCCC: LibreOffice prints the notes of annex VII's tables pages after the table that
        // cites them; five such notes are not matched to their markers (kept as paragraphs,
        // with a warning).
        let lost = if name.starts_with("FCCC") { 5 } else { 0 };
        assert_same_shape(&format!("{name} (LibreOffice)"), &first, &again, lost);
        // Chromium scales a page to fit the widest table: FCCC's annex VII (14 columns) prints
        // the whole document smaller, a layout outside house style altogether.
        if name.starts_with("FCCC") {
            continue;
        }
        std::fs::create_dir_all(dir.join("chromium")).unwrap();
        let (html, pdf) = (dir.join(format!("first/{name}.html")), dir.join(format!("chromium/{name}.pdf")));
        common::chromium_print_to_pdf(&html, &pdf, &dir.join("chromium-profile"));
        let again = read_back(dir, &format!("chromium/{name}.pdf"), &format!("chromium-{name}"));
        assert_same_shape(&format!("{name} (Chromium)"), &first, &again, 0);
    }
}
