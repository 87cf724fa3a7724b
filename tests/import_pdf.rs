//! `import --from pdf` on the five reports the United Nations issued (`../shared/un-reports/`),
//! at two stages: the `Document` the PDF reader builds, written by the text writer; and, as a
//! user runs it, `rapporteur import FILE.pdf --from pdf`, `rapporteur check` (no errors) and
//! `rapporteur build --format text` on the imported session. Both texts hold at least 99.5 % of
//! the source's body words, every numbered paragraph with its number, every footnote; no page
//! furniture stands in the body.
//!
//! The source's words are `pdftotext`'s (poppler, an independent reader of the same PDF) minus
//! the words of the lines the reader set aside as page furniture or table of contents (both are
//! printed again by the writers, not kept); the set-aside lines are few per page (checked), so a
//! reader that threw text away as furniture would fail.

mod common;

use std::path::Path;

use rapporteur::document::{Block, Document, Item, plain_text};
use rapporteur::import::pdf::{self, Class, Reading};
use rapporteur::session::{OfficerRole, Session};
use rapporteur::writers::{Format, WriteOptions};

fn read(name: &str) -> (Reading, String) {
    let bytes = std::fs::read(common::un_report(name)).unwrap();
    let reading = pdf::read(&bytes).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let text = String::from_utf8(Format::Text.write(&reading.document, &WriteOptions::default()).unwrap()).unwrap();
    (reading, text)
}

struct Figures {
    held: usize,
    total: usize,
    missing: Vec<String>,
}

fn share(name: &str, reading: &Reading, text: &str) -> Figures {
    let mut source = common::words(&common::pdftotext_all(&common::un_report(name)));
    let pages = reading.classified.iter().map(|(line, _, _)| line / 1000).max().unwrap_or(1);
    let mut set_aside = 0;
    for (_, class, line) in &reading.classified {
        if matches!(class, Class::Furniture(_) | Class::Separator | Class::Contents) {
            for (w, n) in common::words(line) {
                if let Some(count) = source.get_mut(&w) {
                    *count = count.saturating_sub(n);
                }
                if !matches!(class, Class::Contents) {
                    set_aside += n;
                }
            }
        }
    }
    // Running heads, counters, job numbers: a handful of words a page, no more.
    assert!(set_aside <= 8 * pages, "{name}: {set_aside} words set aside as furniture on {pages} pages");
    // "United Nations" over the symbol is the publisher's name: the text writer does not print
    // it (the PDF and DOCX writers do).
    if !reading.document.masthead.publisher.is_empty() {
        for (w, n) in common::words(&reading.document.masthead.publisher) {
            if let Some(count) = source.get_mut(&w) {
                *count = count.saturating_sub(n);
            }
        }
    }
    let output = common::words(text);
    // A note's letter, raised against the word it marks ("approachᵃ"), is glued to the word in
    // pdftotext's text ("approacha") and stands alone before the note ("a Name/ID …"); the
    // writers print it raised, apart from the word. The source's words without those letters:
    // the glued word counts as the word where the output has the word and lacks the glued form,
    // and the letters of notes the reader found as markers are not words.
    let letters: Vec<String> = reading
        .document
        .footnotes
        .iter()
        .map(|n| n.marker.clone())
        .filter(|m| m.chars().all(|c| c.is_ascii_lowercase()))
        .collect();
    for m in &letters {
        if let Some(count) = source.get_mut(m) {
            *count = count.saturating_sub(1);
        }
    }
    let glued: Vec<(String, usize)> = source
        .iter()
        .filter_map(|(w, &n)| {
            let short = n.saturating_sub(output.get(w).copied().unwrap_or(0));
            let stem = letters.iter().find_map(|m| w.strip_suffix(m.as_str()).filter(|s| output.contains_key(*s)))?;
            (short > 0).then(|| (w.clone(), short)).filter(|_| !stem.is_empty())
        })
        .collect();
    for (w, short) in glued {
        let stem = letters.iter().find_map(|m| w.strip_suffix(m.as_str()).filter(|s| output.contains_key(*s))).unwrap();
        let stem = stem.to_string();
        *source.get_mut(&w).unwrap() -= short;
        *source.entry(stem).or_default() += short;
    }
    let total: usize = source.values().sum();
    let held: usize = source.iter().map(|(w, n)| (*n).min(output.get(w).copied().unwrap_or(0))).sum();
    let mut missing: Vec<String> = source
        .iter()
        .filter(|(w, n)| output.get(*w).copied().unwrap_or(0) < **n)
        .map(|(w, n)| format!("{w}×{}", n - output.get(w).copied().unwrap_or(0)))
        .collect();
    missing.sort();
    Figures { held, total, missing }
}

fn paragraphs(doc: &Document) -> Vec<String> {
    doc.paragraphs().iter().filter_map(|p| p.num.clone()).collect()
}

/// Numbered paragraphs "1." to "n." in order, each printed with its number in the text.
fn check_numbers(name: &str, doc: &Document, text: &str, first: usize, last: usize) {
    let nums: Vec<String> = paragraphs(doc);
    let expected: Vec<String> = (first..=last).map(|n| format!("{n}.")).collect();
    for e in &expected {
        assert!(nums.contains(e), "{name}: paragraph {e} not found; numbers read: {nums:?}");
    }
    let lines: Vec<&str> = text.lines().collect();
    for e in &expected {
        assert!(lines.iter().any(|l| l.starts_with(&format!("{e} "))), "{name}: no line of the text starts with {e}");
    }
}

/// Every footnote of the PDF is a footnote of the document, cited once, and printed.
fn check_footnotes(name: &str, reading: &Reading, text: &str, expected: usize) {
    let doc = &reading.document;
    assert_eq!(
        doc.footnotes.len(),
        expected,
        "{name}: footnotes {:?}",
        doc.footnotes.iter().map(|f| &f.marker).collect::<Vec<_>>()
    );
    let mut cited = Vec::new();
    fn walk_items(items: &[Item], out: &mut Vec<String>) {
        for i in items {
            refs(&i.content, out);
            walk_items(&i.items, out);
        }
    }
    fn refs(inlines: &[rapporteur::document::Inline], out: &mut Vec<String>) {
        for i in inlines {
            if let rapporteur::document::Inline::NoteRef { id, .. } = i {
                out.push(id.clone());
            }
            refs(i.children(), out);
        }
    }
    fn walk(blocks: &[Block], out: &mut Vec<String>) {
        for b in blocks {
            match b {
                Block::Paragraph(p) => {
                    refs(&p.content, out);
                    walk_items(&p.items, out);
                }
                Block::Division(d) => {
                    refs(&d.heading, out);
                    walk(&d.children, out);
                }
                Block::Table(t) => {
                    for cell in t.header_cells().map(|c| &c.content).chain(t.rows.iter().flatten()) {
                        refs(cell, out);
                    }
                }
                Block::Contents(_) | Block::Officers(_) => {}
            }
        }
    }
    walk(&doc.body, &mut cited);
    for note in &doc.footnotes {
        assert_eq!(cited.iter().filter(|c| **c == note.id).count(), 1, "{name}: footnote {} cited once", note.id);
        let words = plain_text(&note.content);
        let start: String = words.chars().take(40).collect();
        // The text writer marks italics with `*`.
        let unmarked = text.replace('*', "");
        assert!(unmarked.contains(start.trim()), "{name}: footnote {} ({start}) not in the text", note.marker);
    }
}

/// No line of page furniture stands in the text outside the masthead.
fn check_no_furniture(name: &str, reading: &Reading, text: &str) {
    let body = text.split_once(&plain_text(&reading.document.masthead.title)).map_or(text, |(_, b)| b);
    for line in body.lines() {
        let t = line.trim();
        assert!(!pdf::furniture::is_job_number(t), "{name}: job number in the body: {t}");
        assert!(
            !(t.starts_with('*')
                && t.ends_with('*')
                && t.len() > 4
                && t[1..t.len() - 1].chars().all(|c| c.is_ascii_digit())),
            "{name}: bar code in the body: {t}"
        );
        assert!(!t.contains("__________"), "{name}: footnote separator in the body");
        assert!(!t.eq_ignore_ascii_case("please recycle"), "{name}: \"Please recycle\" in the body");
    }
    // The page counters the reader set aside ("2/27") are nowhere in the text.
    for (_, class, line) in &reading.classified {
        if *class == Class::Furniture(pdf::furniture::Furniture::PageNumber) {
            let counter = line.split_whitespace().next().unwrap_or_default();
            if counter.contains('/') {
                assert!(!body.split_whitespace().any(|w| w == counter), "{name}: page counter {counter} in the text");
            }
        }
    }
}

/// `rapporteur import` of the PDF, `check` (no errors), `build` in every format: the built text
/// (and the built PDF's text as poppler reads it).
fn import_check_build(name: &str, dir: &Path) -> (String, String) {
    let source = common::un_report(name);
    let source = source.to_str().unwrap();
    let stderr = common::succeeded(
        &common::rapporteur_in(&["import", source, "--from", "pdf", "-o", "s"], dir),
        &format!("{name}: import"),
    );
    assert!(stderr.contains("page furniture set aside"), "{name}: the furniture is reported: {stderr}");
    let check = common::succeeded(&common::rapporteur_in(&["check", "s"], dir), &format!("{name}: check"));
    assert!(check.contains("no errors"), "{name}: check: {check}");
    common::succeeded(
        &common::rapporteur_in(&["build", "s", "--format", "text,pdf,html,docx,akn", "-o", "out"], dir),
        &format!("{name}: build"),
    );
    let mut text = None;
    let mut pdf_text = None;
    let mut formats = Vec::new();
    for entry in std::fs::read_dir(dir.join("out")).unwrap() {
        let path = entry.unwrap().path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_string();
        assert!(std::fs::metadata(&path).unwrap().len() > 0, "{name}: {} is empty", path.display());
        match ext.as_str() {
            "txt" => text = Some(std::fs::read_to_string(&path).unwrap()),
            "pdf" => pdf_text = Some(common::pdftotext_all(&path)),
            _ => {}
        }
        formats.push(ext);
    }
    formats.sort();
    assert_eq!(formats, ["docx", "html", "pdf", "txt", "xml"], "{name}: every format is built");
    (text.unwrap(), pdf_text.unwrap())
}

/// The numbered paragraphs and the footnotes of the document, in the built text.
fn check_built(name: &str, reading: &Reading, text: &str, first: usize, last: usize) {
    let lines: Vec<&str> = text.lines().collect();
    for n in first..=last {
        assert!(lines.iter().any(|l| l.starts_with(&format!("{n}. "))), "{name}: paragraph {n}. not in the built text");
    }
    // Every footnote's text is printed (the text writer sets notes after their paragraph; it
    // marks italics with `*`).
    let flat = text.replace('*', "");
    for note in &reading.document.footnotes {
        let words = plain_text(&note.content);
        let start: String = words.chars().take(40).collect();
        assert!(flat.contains(start.trim()), "{name}: footnote {} ({start}) not in the built text", note.marker);
    }
}

/// Both stages: the reader's document, then the session a user gets (whose built text is
/// returned).
fn check_all(name: &str, first: usize, last: usize, footnotes: usize) -> String {
    check_all_with_session(name, first, last, footnotes).0
}

/// [`check_all`], with the imported session as well, and the folder holding it (`s/`) and its
/// outputs (`out/`).
fn check_all_with_session(
    name: &str,
    first: usize,
    last: usize,
    footnotes: usize,
) -> (String, Session, tempfile::TempDir) {
    let (reading, text) = read(name);
    let figures = share(name, &reading, &text);
    let ratio = figures.held as f64 / figures.total as f64;
    eprintln!("{name}: {}/{} body words ({:.4}); missing {:?}", figures.held, figures.total, ratio, figures.missing);
    assert!(ratio >= 0.995, "{name}: {:.4} of the body words; missing {:?}", ratio, figures.missing);
    check_numbers(name, &reading.document, &text, first, last);
    check_footnotes(name, &reading, &text, footnotes);
    let uncited: Vec<&String> = reading.notes.iter().map(|(_, m)| m).filter(|m| m.contains("cited nowhere")).collect();
    assert!(uncited.is_empty(), "{name}: {uncited:?}");
    check_no_furniture(name, &reading, &text);

    let tmp = tempfile::tempdir().unwrap();
    let (built, built_pdf) = import_check_build(name, tmp.path());
    for (what, text) in [("text", &built), ("PDF", &built_pdf)] {
        let session = share(name, &reading, text);
        let ratio = session.held as f64 / session.total as f64;
        eprintln!(
            "{name}: the session's built {what} holds {}/{} body words ({:.4}); missing {:?}",
            session.held, session.total, ratio, session.missing
        );
        assert!(
            ratio >= 0.995,
            "{name}: session {what}: {:.4} of the body words; missing {:?}",
            ratio,
            session.missing
        );
    }
    check_built(name, &reading, &built, first, last);
    check_no_furniture(name, &reading, &built);
    let session = rapporteur::session::load::load(&tmp.path().join("s")).unwrap().session;
    (built, session, tmp)
}

/// The bureau of A/AC.182/2025 (A/80/33 and L.1, paragraph 5): "Chair:", "Vice-Chairs:",
/// "Rapporteur:" over one name a line comes back as `officers:` data, with the list standing
/// where the source prints it, and the rebuilt report prints it as the source does.
fn check_bureau(name: &str, built: &str, session: &Session) {
    let officers: Vec<(OfficerRole, &str, Option<&str>)> =
        session.officers.iter().map(|o| (o.role, o.name.as_str(), o.state.as_deref())).collect();
    assert_eq!(
        officers,
        [
            (OfficerRole::Chair, "Nathaniel Khng", Some("Singapore")),
            (OfficerRole::ViceChair, "Amanuel Giorgio", Some("Eritrea")),
            (OfficerRole::ViceChair, "Eduardo Manuel López Echevarria", Some("Peru")),
            (OfficerRole::ViceChair, "Elisa De Raes", Some("Belgium")),
            (OfficerRole::Rapporteur, "Eliza Grisle", Some("Latvia")),
        ],
        "{name}: the bureau as data"
    );
    let lists: usize = session
        .chapters
        .iter()
        .flat_map(|c| c.paragraphs.iter().chain(c.sections.iter().flat_map(|s| s.paragraphs.iter())))
        .filter(|p| p.officers().is_some())
        .count();
    assert_eq!(lists, 1, "{name}: one `officers: by_office` paragraph");
    let expected = "elected the following members of its Bureau:";
    let at = built.find(expected).unwrap_or_else(|| panic!("{name}: the lead-in of paragraph 5:\n{built}"));
    let after: Vec<&str> =
        built[at..].lines().skip(1).map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('¹')).take(8).collect();
    assert_eq!(
        after,
        [
            "Chair:",
            "Nathaniel Khng (Singapore)",
            "Vice-Chairs:",
            "Amanuel Giorgio (Eritrea)",
            "Eduardo Manuel López Echevarria (Peru)",
            "Elisa De Raes (Belgium)",
            "Rapporteur:",
            "Eliza Grisle (Latvia)",
        ],
        "{name}: the list printed as the source prints it"
    );
    assert!(built.contains("\n      Vice-Chairs:\n          Amanuel Giorgio (Eritrea)\n"), "{name}: indented");
}

#[test]
fn treaty_meeting_report() {
    let (reading, _) = read("TPNW_MSP_2025_11_Rev.1_EN.pdf");
    let m = &reading.document.masthead;
    assert_eq!(m.symbol, "TPNW/MSP/2025/11/Rev.1");
    assert_eq!((m.distribution.as_str(), m.date.as_str(), m.original.as_str()), ("General", "6 May 2025", "English"));
    assert_eq!(m.job_number.as_deref(), Some("25-07156 (E)"));
    assert!(m.organ.starts_with("Third Meeting of States Parties"), "{}", m.organ);
    assert_eq!(reading.document.meta.date, "2025-05-06");
    let f = reading.furniture();
    assert_eq!(f.get("bar code"), Some(&1), "{f:?}");
    // Pages 2 to 27 carry "N/27" and the job number (one line: counted by its first kind).
    assert!(f.get("page number").copied().unwrap_or(0) + f.get("job number").copied().unwrap_or(0) >= 26, "{f:?}");
    let first = &reading.document.footnotes[0];
    let first = plain_text(&first.content);
    assert!(first.contains("the Executive Director"), "words split by the extraction are joined: {first}");
    // 13 notes; note 1 of annex III is cited by three intersessional decisions on its page:
    // the second and third cite copies (a session cites each note once).
    let (built, session, folder) = check_all_with_session("TPNW_MSP_2025_11_Rev.1_EN.pdf", 1, 27, 15);
    // ¶6: the vice-presidencies are held by States — data the registry names, not persons.
    let officers: Vec<(&str, &str, Option<&str>)> =
        session.officers.iter().map(|o| (o.role.key(), o.name.as_str(), o.state.as_deref())).collect();
    assert_eq!(
        officers,
        [
            ("vice-president", "", Some("Austria")),
            ("vice-president", "", Some("Cambodia")),
            ("vice-president", "", Some("Kiribati"))
        ]
    );
    assert!(built.contains("Vice-Presidents:\n          Austria\n          Cambodia\n          Kiribati\n"), "{built}");
    check_intersessional_decisions(&session, &built);
    // Annex IV's list of documents: a description that runs onto a second line at the foot of
    // the page stays in its cell (and the table goes on over the page, its header repeated).
    let cells: Vec<&String> = session
        .annexes
        .iter()
        .flat_map(|a| a.paragraphs.iter().chain(a.sections.iter().flat_map(|s| &s.paragraphs)))
        .filter_map(|p| p.table())
        .flat_map(|t| t.rows.iter().flatten())
        .collect();
    assert!(
        cells.iter().any(|c| c.starts_with("Alignment and alliance") && c.ends_with("Cape Breton University")),
        "{cells:?}"
    );
    // The report numbers none of its tables, and the rebuilt one does not either.
    assert!(!built.lines().any(|l| l.starts_with("Table ")), "no table numbers added:\n{built}");
    // Our own PDF of the imported session reads back to the same decisions and annexes: a
    // decision's annex inside a report's annex is set in the decision's type, in the flow.
    let pdf = std::fs::read_dir(folder.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("the built PDF");
    common::succeeded(
        &common::rapporteur_in(&["import", pdf.to_str().unwrap(), "--from", "pdf", "-o", "again"], folder.path()),
        "TPNW: import of our PDF",
    );
    let again = rapporteur::session::load::load(&folder.path().join("again")).unwrap().session;
    let rebuilt =
        std::fs::read_to_string(folder.path().join("out").join(pdf.with_extension("txt").file_name().unwrap()))
            .unwrap();
    check_intersessional_decisions(&again, &rebuilt);
}

/// Annex III quotes five decisions taken between meetings, each headed "Intersessional decision
/// N" and cited by a note, with operative paragraphs numbered inside it; decision 3 has an annex
/// and decision 5 two. They come back as decisions with their own label and annexes, not as
/// sections whose operative paragraphs are sub-items, and the sub-items (i)–(iii) set flush under
/// "(c)" in decision 3's annex stand under it.
fn check_intersessional_decisions(session: &Session, built: &str) {
    let annex = session
        .annexes
        .iter()
        .find(|a| a.title.starts_with("Decisions adopted in the period between"))
        .expect("annex III");
    let decisions: Vec<_> = annex.paragraphs.iter().filter_map(|p| p.decision()).collect();
    let shape: Vec<(Option<&str>, &str, usize, usize)> =
        decisions.iter().map(|d| (d.label.as_deref(), d.number.as_str(), d.operative.len(), d.annexes.len())).collect();
    let label = Some("Intersessional decision");
    assert_eq!(
        shape,
        [(label, "1", 2, 0), (label, "2", 2, 0), (label, "3", 4, 1), (label, "4", 2, 0), (label, "5", 2, 2)]
    );
    // The label is cited by the decision's note (no title of its own), printed on its line.
    assert!(
        decisions.iter().all(|d| d.title.starts_with("[^")),
        "{:?}",
        decisions.iter().map(|d| &d.title).collect::<Vec<_>>()
    );
    assert!(built.contains("\nIntersessional decision 3ᶜ\n"), "the label and its marker on one line:\n{built}");
    // Decision 5's annexes: the two lists of organizations, 51 and more.
    let lists: Vec<usize> =
        decisions[4].annexes.iter().map(|a| a.paragraphs.iter().filter(|p| p.numbered).count()).collect();
    assert!(lists[0] == 51 && lists[1] > 100, "{lists:?}");
    // Decision 3's annex: "(c) … delegates:" holds (i)–(iii), then (d) and (e) follow it.
    let sponsorship = &decisions[2].annexes[0];
    // Its sole annex was printed "Annex I", and is printed so again (house style alone would
    // print "Annex").
    assert!(sponsorship.numbered && !decisions[4].annexes.iter().any(|a| a.numbered));
    assert!(built.contains("\nAnnex I\n\nThe sponsorship programme\n"), "decision 3's sole annex keeps its number");
    let specifications = sponsorship.paragraphs.iter().find(|p| !p.items().is_empty()).expect("the specifications");
    let top: Vec<usize> = specifications.items().iter().map(|i| i.items.len()).collect();
    assert_eq!(top, [0, 0, 3, 0, 0], "(a)–(e), with (i)–(iii) under (c)");
}

#[test]
fn official_records_supplement() {
    let (reading, _) = read("A_80_33_EN.pdf");
    let m = &reading.document.masthead;
    assert_eq!(m.symbol, "A/80/33");
    // The cover has no "Distr." block: the title is its largest type, the organ above the series.
    assert!(plain_text(&m.title).starts_with("Report of the Special Committee on the Charter"), "{:?}", m.title);
    assert_eq!(m.organ, "General Assembly");
    assert!(
        reading.document.body.iter().any(|b| matches!(b, Block::Contents(_))),
        "the contents are kept as a contents block"
    );
    let (built, session, _) = check_all_with_session("A_80_33_EN.pdf", 1, 98, 22);
    check_bureau("A_80_33_EN.pdf", &built, &session);
    // Annex I quotes a working paper whose parts are printed "I. Objectives", "II. Background",
    // "III. Issues for consideration": they come back numbered so (not lettered).
    let annex = &session.annexes[0];
    assert_eq!(annex.numbering, rapporteur::session::AnnexNumbering::Roman, "annex I: {}", annex.title);
    assert_eq!(
        annex.sections.iter().map(|s| s.title.as_str()).collect::<Vec<_>>()[..3],
        ["Objectives", "Background", "Issues for consideration"]
    );
    for line in ["I. Objectives", "II. Background", "III. Issues for consideration"] {
        assert!(built.contains(&format!("\n{line}\n")), "A/80/33 annex I prints {line:?}");
    }
    assert!(built.contains(
        "\n**Further revised version of the working paper submitted by Mexico, also on behalf of Brazil**\n"
    ));
    // Annex I's questions: "(i)"–"(iv)" set flush under "(a) Substantive issues: …" are its
    // sub-items, and "(b)" is the next letter after them.
    let substantive = annex.sections[2]
        .paragraphs
        .iter()
        .flat_map(|p| p.items())
        .find(|i| i.text.starts_with("**Substantive issues**"))
        .expect("(a) Substantive issues");
    assert_eq!(substantive.items.len(), 4, "{substantive:?}");
    // Annex II quotes a proposed resolution under its title alone ("The General Assembly," in
    // italics under the heading): a resolution with its preamble, three operative paragraphs
    // and its own annex (the guidelines, with paragraphs 1–23 of their own).
    let annex = session.annexes.iter().find(|a| a.title.starts_with("Obligations of Member States")).expect("annex II");
    let quoted: Vec<_> = annex
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.iter().chain(s.groups.iter().flat_map(|g| &g.paragraphs)))
        .filter_map(|p| p.decision())
        .collect();
    let shape: Vec<_> = quoted
        .iter()
        .map(|d| (d.kind, d.number.as_str(), d.preamble.len() > 10, d.operative.len(), d.annexes.len()))
        .collect();
    assert_eq!(shape, [(rapporteur::session::DecisionKind::Resolution, "", true, 3, 1)]);
    assert!(quoted[0].title.starts_with("Guidelines on ways and means"), "{}", quoted[0].title);
}

#[test]
fn draft_report_l1() {
    let (reading, _) = read("A_AC.182_2025_L.1_EN.pdf");
    assert_eq!(reading.document.masthead.distribution, "Limited");
    let (built, session, _) = check_all_with_session("A_AC.182_2025_L.1_EN.pdf", 1, 14, 13);
    check_bureau("A_AC.182_2025_L.1_EN.pdf", &built, &session);
}

#[test]
fn geneva_board_report_numbering_late() {
    // One note: "* This attendance list contains registered participants…", cited by the annex
    // title "Attendance*".
    check_all("A_80_15_Part_I_EN.pdf", 1, 40, 1);
}

#[test]
fn unfccc_addendum_of_decisions() {
    let (reading, _) = read("FCCC_PA_CMA_2022_10_Add.2_EN.pdf");
    fn decisions(blocks: &[Block]) -> Vec<String> {
        let mut out = Vec::new();
        for b in blocks {
            if let Block::Division(d) = b {
                if d.kind == rapporteur::document::DivisionKind::Decision {
                    out.push(d.num.clone().unwrap_or_default());
                }
                out.extend(decisions(&d.children));
            }
        }
        out
    }
    let found = decisions(&reading.document.body);
    let expected: Vec<String> = (6..=11).map(|n| format!("Decision {n}/CMA.4")).collect();
    assert_eq!(found, expected);
    // Annex VII, tables 2 and 3: a header of three rows read from the cells' rules. "ITMO" over
    // twelve columns (its rule runs over all three headings under it); under it "Unique identifier" over its four (first and last identifier,
    // first and last underlying unit block), "Metric and quantity" over four, "ITMO details"
    // over four; "Article 6 database record ID" and "Cooperative approach" over the three rows.
    fn tables(blocks: &[Block], out: &mut Vec<rapporteur::document::Table>) {
        for b in blocks {
            match b {
                Block::Table(t) => out.push(t.clone()),
                Block::Division(d) => tables(&d.children, out),
                _ => {}
            }
        }
    }
    let mut all = Vec::new();
    tables(&reading.document.body, &mut all);
    let first =
        |t: &rapporteur::document::Table| t.header.first().and_then(|r| r.first()).map(|h| plain_text(&h.content));
    let spanned: Vec<_> = all
        .iter()
        .filter(|t| t.header.len() == 3 && first(t).as_deref() == Some("Article 6 database record ID"))
        .collect();
    assert_eq!(spanned.len(), 2, "tables 2 and 3");
    // Table 2 continued on the next page, its header in lines of one heading each: "Actions"
    // over seven columns, "Action details" over six under it.
    let continued = all
        .iter()
        .find(|t| t.header_cells().any(|h| plain_text(&h.content).trim() == "Action details"))
        .expect("table 2 continued");
    let spans = |text: &str| {
        continued.header_cells().find(|h| plain_text(&h.content).trim() == text).map(|h| (h.columns, h.rows))
    };
    assert_eq!(spans("Actions"), Some((7, 1)));
    assert_eq!(spans("Action details"), Some((6, 1)));
    assert!(continued.header_is_regular());
    for t in &spanned {
        let cell = |r: usize, c: usize| {
            let h = &t.header[r][c];
            (plain_text(&h.content).trim().to_string(), h.columns, h.rows)
        };
        assert_eq!(cell(0, 0), ("Article 6 database record ID".to_string(), 1, 3));
        assert!(cell(0, 1).0.starts_with("Cooperative approach") && cell(0, 1).2 == 3);
        assert_eq!(cell(0, 2), ("ITMO".to_string(), 12, 1));
        assert_eq!(t.header[0].len(), 3, "no empty headings beside ITMO");
        assert_eq!(cell(1, 0), ("Unique identifier".to_string(), 4, 1));
        assert_eq!(cell(1, 1), ("Metric and quantity".to_string(), 4, 1));
        assert_eq!(cell(1, 2), ("ITMO details".to_string(), 4, 1));
        assert!(cell(2, 0).0.starts_with("First unique identifier"));
        assert!(cell(2, 1).0.starts_with("Last unique identifier"));
        assert_eq!(t.width(), 14);
        assert!(t.header_is_regular());
    }
    // The columns continued under "(Table continues)", tables 2 and 3 alike: "Authorization"
    // over the four columns its rule covers (drawn in one piece over each), read as a table
    // (table 3's on the same page, its header rows set further apart), rows one by one.
    let continued: Vec<_> =
        all.iter().filter(|t| t.header_cells().any(|h| plain_text(&h.content).trim() == "Authorization")).collect();
    assert_eq!(continued.len(), 2, "tables 2 and 3 continued");
    for t in &continued {
        let head = &t.header[0][0];
        assert_eq!((plain_text(&head.content).trim(), head.columns, head.rows), ("Authorization", 4, 1));
        assert!(t.header_is_regular());
        let purposes: Vec<String> = t.rows.iter().map(|r| plain_text(&r[2]).trim().to_string()).collect();
        assert_eq!(purposes, ["NDC", "OIMP", "NDC and OIMP"]);
    }
    // The tables' notes, set under each table (table 2's on the page after it began, in the
    // body; table 3's on its page): each marker in a heading cites its own table's note, none
    // is left as a paragraph "a Name/ID …" and no marker as a stray letter ("approacha").
    let cited = |t: &rapporteur::document::Table, heading: &str| -> String {
        let h = t.header_cells().find(|h| plain_text(&h.content).starts_with(heading)).expect(heading);
        let id = h
            .content
            .iter()
            .find_map(|i| match i {
                rapporteur::document::Inline::NoteRef { id, .. } => Some(id.clone()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{heading} cites a note: {:?}", h.content));
        let note = reading.document.footnotes.iter().find(|n| n.id == id).expect("the cited note");
        plain_text(&note.content)
    };
    assert!(cited(spanned[0], "Cooperative approach").starts_with("Name/ID of the cooperative approach"));
    assert!(cited(spanned[1], "Cooperative approach").starts_with("Name/unique identifier of the cooperative"));
    assert!(cited(continued[0], "Action date").starts_with("Date on which the action was executed"));
    assert!(cited(continued[0], "Action type").starts_with("Action type as per decision"));
    assert!(cited(continued[1], "Date of authorization").starts_with("Date of authorization by first"));
    let texts = |blocks: &[Block]| {
        let mut out = Vec::new();
        fn walk(blocks: &[Block], out: &mut Vec<String>) {
            for b in blocks {
                match b {
                    Block::Paragraph(p) => out.push(plain_text(&p.content)),
                    Block::Division(d) => walk(&d.children, out),
                    _ => {}
                }
            }
        }
        walk(blocks, &mut out);
        out
    };
    let paragraphs = texts(&reading.document.body);
    assert!(!paragraphs.iter().any(|p| p.contains("Name/ID of the cooperative")), "a table's note as text");
    assert!(!paragraphs.iter().any(|p| p.contains("Purposes for")), "table 3's continuation as text");
    // 65 numbered and lettered notes (table 2's "a" to "v", table 3's "a" to "p" among them),
    // the "*" note on each of decision 6/CMA.4's seven annexes, and "* Only in annex VII,
    // tables 1–3." cited from the cell "OIMP*".
    let (built, session, _) = check_all_with_session("FCCC_PA_CMA_2022_10_Add.2_EN.pdf", 1, 10, 73);
    assert!(!built.contains("approacha") && !built.contains("identifierb"), "table 2's note letters are notes");
    // Decision 6/CMA.4, annex III: two outlines of reports to be written, each set as headings
    // inside a part "I."/"II." of the annex and starting again at "I.": lists with their labels
    // ("I. Introduction and summary" over "A. Introduction"…), not parts of the annex.
    let annex = session
        .chapters
        .iter()
        .flat_map(|c| &c.paragraphs)
        .filter_map(|p| p.decision())
        .flat_map(|d| &d.annexes)
        .find(|a| a.title.starts_with("Outline of the Article 6"))
        .expect("annex III of decision 6/CMA.4");
    let parts: Vec<_> = annex.sections.iter().filter(|s| s.title.starts_with("Outline of")).collect();
    assert_eq!(parts.len(), 2, "the annex's two parts");
    for part in parts {
        let lists: Vec<_> = part.groups.iter().flat_map(|g| &g.paragraphs).flat_map(|p| p.items()).collect();
        let shape: Vec<(Option<&str>, usize)> = lists.iter().map(|i| (i.label.as_deref(), i.items.len())).collect();
        assert_eq!(shape, [(Some("I."), 5), (Some("II."), 3), (Some("III."), 0)], "{}", part.title);
    }
    assert!(built.contains("\nI. Introduction and summary\n\nA. Introduction\n"), "{built}");
    // Decision 6/CMA.4, annex I: parts "I.", "II.", "III." with "A.", "B." under them, as printed.
    assert!(
        built.contains("\nI. Guidance relating to the registries referred to in decision 2/CMA.3, annex, paragraph 29\n\nA. Form, functions and processes\n"),
        "annex parts numbered as printed"
    );
    assert!(built.contains("\nB. Interoperability\n") && built.contains("\nI. Guiding principles\n\n"), "{built}");
    // The decisions stand under the masthead as in the source (no chapter heading "I." over
    // them), and the table of contents lists them, as the source's does.
    assert!(!built.lines().any(|l| l.trim() == "I."), "no empty chapter heading:\n{built}");
    let contents =
        &built[built.find("Contents").expect("a table of contents")..built.find("\nDecision 6/CMA.4\n").unwrap()];
    for n in 6..=11 {
        assert!(contents.contains(&format!("Decision {n}/CMA.4 ")), "decision {n} in the contents:\n{contents}");
    }
}

/// A PDF with no masthead (plain notes printed by LibreOffice): nothing is taken for a title,
/// every line stays in the body, and the reader says so, with what to give by hand.
#[test]
fn a_pdf_without_a_title_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "Notes of the meeting\n\n1. The meeting opened.\n\n2. It closed.\n")
        .unwrap();
    common::soffice_convert("pdf", &[tmp.path().join("notes.txt")], tmp.path(), &tmp.path().join("profile"));
    let reading = pdf::read(&std::fs::read(tmp.path().join("notes.pdf")).unwrap()).unwrap();
    assert!(
        reading.notes.iter().any(|(at, n)| *at == 1000 && n.starts_with("no title found on page 1")),
        "{:?}",
        reading.notes
    );
    assert!(reading.document.masthead.title.is_empty());
    let text = String::from_utf8(Format::Text.write(&reading.document, &WriteOptions::default()).unwrap()).unwrap();
    for line in ["Notes of the meeting", "The meeting opened.", "It closed."] {
        assert!(text.contains(line), "{line:?} kept:\n{text}");
    }
}

#[test]
fn not_a_pdf_is_an_error_with_a_hint() {
    let err = pdf::read(b"hello, world").unwrap_err();
    let message = format!("{err:?}");
    assert!(message.contains("not a PDF"), "{message}");
}

#[test]
fn truncated_and_damaged_pdfs_are_errors_or_partial_never_a_panic() {
    let bytes = std::fs::read(common::un_report("A_AC.182_2025_L.1_EN.pdf")).unwrap();
    for cut in [10, 1000, bytes.len() / 3, bytes.len() / 2, bytes.len() - 100] {
        let _ = pdf::read(&bytes[..cut]);
    }
    let mut damaged = bytes.clone();
    for i in (2000..damaged.len()).step_by(997) {
        damaged[i] ^= 0x5a;
    }
    let _ = pdf::read(&damaged);
}
