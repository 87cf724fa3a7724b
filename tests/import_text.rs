//! Importing the reference report from its text: structure, footnotes, structured data, the
//! YAML, and malformed texts.

mod common;

use std::path::PathBuf;

use rapporteur::import::{import_text, to_yaml};
use rapporteur::session::{ParagraphDef, Session};

fn reference() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/ctoc-cop-wg4-2009-2.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("the reference text is missing at {} ({e}); ../shared must stand next to the repository", path.display())
    })
}

fn paragraphs(s: &Session) -> Vec<&ParagraphDef> {
    let mut out = Vec::new();
    for c in &s.chapters {
        out.extend(c.paragraphs.iter());
        for sec in &c.sections {
            out.extend(sec.paragraphs.iter());
            for g in &sec.groups {
                out.extend(g.paragraphs.iter());
            }
        }
    }
    out
}

#[test]
fn reference_structure() {
    let (s, warnings) = import_text(&reference()).unwrap();
    // Masthead.
    assert_eq!(
        s.organ,
        "Conference of the Parties to the United Nations Convention against Transnational Organized Crime"
    );
    assert_eq!(s.printed_distribution().name(), "General");
    assert_eq!(s.date.unwrap().iso(), "2009-04-21");
    assert_eq!(s.original, "English");
    assert_eq!(s.meeting.name, "Working Group on Trafficking in Persons");
    assert_eq!(s.meeting.short.as_deref(), Some("Working Group"));
    assert_eq!(s.meeting.venue, "Vienna");
    assert_eq!(s.meeting.dates.iter().map(|d| d.iso()).collect::<Vec<_>>(), ["2009-04-14", "2009-04-15"]);
    assert!(s.title.starts_with("Report on the meeting of the Working Group"));

    // Chapters I-VI; sections A-Q in chapter I, A-C in chapter III.
    assert_eq!(s.chapters.len(), 6);
    assert_eq!(s.chapters[0].sections.len(), 17);
    assert_eq!(s.chapters[0].sections[8].title, "Victim protection and assistance", "section I. is a section");
    assert_eq!(s.chapters[2].sections.len(), 3);
    let paras = paragraphs(&s);
    assert_eq!(paras.len(), 56);
    assert!(paras.iter().all(|p| p.numbered));

    // Paragraphs cut by page breaks are joined back.
    let p4 = paras[3].text().unwrap();
    assert!(p4.contains("may have in becoming parties to the Trafficking in Persons Protocol, the Conference"), "{p4}");
    let p26 = paras[25].text().unwrap();
    assert!(p26.contains("of the Organized Crime Convention, and rule 2"), "{p26}");
    let p13c = &paras[12].items()[2].text;
    assert!(p13c.ends_with("Such support may include the right to stay temporarily or, in appropriate cases, permanently in the territory where they are identified;"));
    let p43 = paras[42].text().unwrap();
    assert!(p43.contains("a new initiative for the development of a model law"));
    let p47 = paras[46].text().unwrap();
    assert!(p47.contains("Mention was made of a conference"));

    // Sub-items, with and without the "- " artefact.
    assert_eq!(paras[5].items().len(), 2);
    assert_eq!(paras[12].items().len(), 8);
    assert_eq!(paras[17].items().len(), 3);
    assert_eq!(paras[23].items().len(), 3);
    assert_eq!(paras[47].items().len(), 10);
    assert!(paras[17].items()[1].text.contains("*Global Report on Trafficking in Persons*"));

    // Footnotes: four, all structured citations, attached where their markers were.
    assert_eq!(s.footnotes.len(), 4);
    let cites: Vec<(&str, Option<u32>, &str)> =
        s.footnotes.values().map(|f| (f.cite.map(|c| c.key()).unwrap(), f.vol, f.no.as_deref().unwrap())).collect();
    assert_eq!(
        cites,
        [
            ("sales", None, "E.09.V.5"),
            ("unts", Some(2225), "39574"),
            ("unts", Some(2237), "39574"),
            ("unts", Some(2349), "42146")
        ]
    );
    assert!(paras[2].text().unwrap().contains("Organized Crime[^unts-2237] as an initial step"));
    assert!(paras[2].text().unwrap().contains("Organized Crime[^unts-2225] and the"));
    assert!(p43.contains("against Corruption,[^unts-2349] and"));
    assert!(paras[46].text().unwrap().contains("Parliamentarians*;[^sales-e-09-v-5] the"));

    // Cross-references to chapters of the present report.
    assert!(
        paras[28]
            .text()
            .unwrap()
            .contains("contained in {chapter:recommendations-adopted-working} of the present report")
    );
    assert!(paras[28].text().unwrap().contains("and {chapters:introduction..other-matters} of the present report"));

    // Standard sentences became data.
    let template = |i: usize| paras[i - 1].template();
    assert_eq!(template(30), Some("meeting/dates"));
    assert_eq!(template(31), Some("officers/chair"));
    assert_eq!(template(34), Some("agenda"));
    assert_eq!(template(35), Some("attendance/states_parties"));
    assert_eq!(template(36), None, "¶36 says \"Trafficking Protocol\": its words are kept");
    for (i, t) in [
        (37, "attendance/signatories"),
        (38, "attendance/observer_states"),
        (39, "attendance/un_entities"),
        (40, "attendance/intergovernmental_organizations"),
        (41, "attendance/permanent_observers"),
        (49, "statements"),
        (54, "statements"),
    ] {
        assert_eq!(template(i), Some(t), "paragraph {i}");
    }
    assert_eq!(s.officers.len(), 1);
    assert_eq!(s.officers[0].name, "Dominika Krois");
    assert_eq!(s.officers[0].state.as_deref(), Some("Poland"));
    assert_eq!(s.officers[0].title.as_deref(), Some("Vice-President of the Conference"));
    let agenda = s.agenda.as_ref().unwrap();
    assert_eq!(agenda.adopted.unwrap().iso(), "2009-04-14");
    assert_eq!(agenda.items.len(), 4);
    assert_eq!(agenda.items[0].items.len(), 2);
    assert_eq!(agenda.items[0].title, "Organizational matters");
    let a = &s.attendance;
    assert_eq!(a.instrument.as_deref(), Some("Trafficking in Persons Protocol"));
    assert_eq!(a.states_parties.len(), 40);
    assert_eq!(a.states_parties.first().map(String::as_str), Some("Algeria"));
    assert!(a.states_parties.contains(&"United Kingdom of Great Britain and Northern Ireland".to_string()));
    assert_eq!(a.regional_organizations, ["European Community"]);
    assert_eq!(a.signatories.len(), 7);
    assert!(a.signatories.contains(&"Czech Republic".to_string()));
    assert_eq!(a.observer_states.len(), 10);
    assert_eq!(a.un_entities.len(), 3);
    assert_eq!(
        a.un_entities[2],
        "European Institute for Crime Prevention and Control, affiliated with the United Nations"
    );
    assert_eq!(a.intergovernmental_organizations.len(), 10);
    assert_eq!(a.permanent_observers.len(), 2);
    assert_eq!(s.statements.len(), 2);
    assert_eq!(s.statements[0].item, agenda.items[1].id);
    assert_eq!(s.statements[0].states.len(), 30);
    assert_eq!(s.statements[0].others.len(), 3);
    assert!(!s.statements[0].by_representatives);
    assert_eq!(s.statements[1].item, agenda.items[2].id);
    assert!(s.statements[1].by_representatives);
    assert_eq!(s.statements[1].states.len(), 28);
    assert_eq!(s.statements[1].others.len(), 1);
    assert_eq!(paras[48].item(), Some(agenda.items[1].id.as_str()));

    // Only two things to report: ¶36's wording and the missing symbol; no line left unplaced.
    let messages: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 2, "{messages:#?}");
    assert!(messages[0].contains("<input>:210:1: warning:") && messages[0].contains("Trafficking Protocol"));
    assert!(messages[1].contains("symbol"));
}

#[test]
fn yaml_reads_back_the_same() {
    let (s, _) = import_text(&reference()).unwrap();
    let yaml = to_yaml(&s);
    let back: Session = serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    assert_eq!(back, s);
    assert!(yaml.contains("\n          # ¶35, written from the data by templates/attendance/states_parties.j2\n"));
    assert!(yaml.contains("\n  unts-2237: { cite: unts, vol: 2237, no: '39574' }\n"));
    assert_eq!(to_yaml(&s), yaml, "same session, same YAML");
}

#[test]
fn paragraphs_out_of_order_are_reported() {
    let text = reference().replace("\n5. With regard to the adoption", "\n7. With regard to the adoption");
    let (s, warnings) = import_text(&text).unwrap();
    assert_eq!(paragraphs(&s).len(), 56, "nothing is dropped");
    let w: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        w.iter().any(|m| m.contains("<input>:41:1:") && m.contains("paragraph 7 follows paragraph 4 (expected 5)")),
        "{w:#?}"
    );
    assert!(w.iter().any(|m| m.contains("paragraph 6 follows paragraph 7")), "{w:#?}");
}

#[test]
fn unplaceable_lines_are_reported_not_dropped() {
    let text = reference().replace(
        "\n5. With regard to the adoption",
        "\nA stray line that belongs nowhere.\n\n5. With regard to the adoption",
    );
    let (s, warnings) = import_text(&text).unwrap();
    let w: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    // ¶4 ends with a full stop and the stray line starts in upper case: it cannot continue ¶4.
    assert!(w.iter().any(|m| m.contains("<input>:41:1:") && m.contains("line not placed")), "{w:#?}");
    assert!(paragraphs(&s).iter().any(|p| !p.numbered && p.text() == Some("A stray line that belongs nowhere.")));
}

#[test]
fn footnote_without_marker_and_marker_without_footnote() {
    let text = reference().replace("² *Ibid.*, vol. 2225, No. 39574.", "").replace("Crime¹ as", "Crime⁹ as");
    let (_, warnings) = import_text(&text).unwrap();
    let w: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    assert!(w.iter().any(|m| m.contains("marker ²") && m.contains("no footnote line")), "{w:#?}");
    assert!(w.iter().any(|m| m.contains("marker ⁹")), "{w:#?}");
    assert!(w.iter().any(|m| m.contains("footnote 1 is cited nowhere")), "{w:#?}");
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    for text in ["", "\n\n\n", "just some words", "\u{0}\u{1}\u{2}", "I.", "12", "¹²³", "(a) item\n1. x", "1. \n- (\n¹"]
    {
        let _ = import_text(text);
    }
    let err = import_text("no report here").unwrap_err();
    assert!(err.to_string().contains("no chapter"));
}

/// A small deterministic generator for the fuzz test below.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[test]
fn mangled_reports_never_panic() {
    let reference = reference();
    let lines: Vec<&str> = reference.lines().collect();
    let odd = [
        "*",
        "* ",
        "(",
        "()",
        "(a)",
        "- (",
        "I.",
        "I. ",
        "Z. x",
        "999999. x",
        "¹",
        "¹²³⁴⁵⁶⁷⁸⁹⁰ x",
        "1. x:",
        "\\",
        "{",
        "[^",
        "Distr.:",
        "Original:",
        "1 January 0000",
        "V.09-8",
        "*0*",
    ];
    let mut rng = Lcg(7);
    for _ in 0..300 {
        let mut l: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        for _ in 0..1 + rng.next(8) {
            let at = rng.next(l.len());
            match rng.next(5) {
                0 => {
                    l.remove(at);
                }
                1 => {
                    let b = rng.next(l.len());
                    l.swap(at, b);
                }
                2 => l.insert(at, odd[rng.next(odd.len())].to_string()),
                3 => {
                    let s = &l[at];
                    let cut = rng.next(s.len() + 1);
                    let cut = (0..=cut).rev().find(|c| s.is_char_boundary(*c)).unwrap_or(0);
                    l[at] = s[..cut].to_string();
                }
                _ => l[at] = format!("{}{}", odd[rng.next(odd.len())], l[at]),
            }
        }
        let text = l.join("\n");
        if let Ok((s, _)) = import_text(&text) {
            // Whatever came in, the YAML reads back as the same session.
            let yaml = to_yaml(&s);
            let back: Session = serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
            assert_eq!(back, s);
        }
    }
}

#[test]
fn groups_nested_items_and_a_cover_note() {
    let text = "\
United Nations CTOC/COP/2010/3

Conference of the Parties

Distr.: Limited
3 February 2010

Original: English

Fifth session
Vienna, 18-22 October 2010
Item 2 of the provisional agenda*

Draft report

* CTOC/COP/2010/1.

I. Recommendations

A. General

1. Victims of trafficking

1. States should act:

(a) Now, in particular:

(i) Soon;

(ii) Later;

(b) Then.

2. Witnesses

2. States should protect witnesses,¹ as the

¹ United Nations, *Treaty
Series*, vol. 2225, No. 39574.

Convention says.
";
    let (s, warnings) = import_text(text).unwrap();
    assert_eq!(s.symbol, "CTOC/COP/2010/3");
    assert_eq!(s.printed_distribution().name(), "Limited");
    assert_eq!(s.organ, "Conference of the Parties");
    assert_eq!(s.meeting.name, "Fifth session", "the first caption line is taken as the name");
    assert_eq!(s.meeting.dates.len(), 5);
    assert_eq!(s.meeting.caption_item.as_deref(), Some("Item 2 of the provisional agenda[^note-star]"));
    assert_eq!(s.footnotes["note-star"].text.as_deref(), Some("CTOC/COP/2010/1."));
    let sec = &s.chapters[0].sections[0];
    assert_eq!(sec.groups.len(), 2, "{warnings:#?}");
    assert_eq!(sec.groups[0].title, "Victims of trafficking");
    let p = &sec.groups[0].paragraphs[0];
    assert_eq!(p.items().len(), 2);
    assert_eq!(p.items()[0].items.len(), 2, "(i) and (ii) under (a)");
    assert_eq!(
        sec.groups[1].paragraphs[0].text(),
        Some("States should protect witnesses,[^unts-2225] as the Convention says.")
    );
    assert_eq!(s.footnotes["unts-2225"].vol, Some(2225), "a footnote wrapped over two lines is joined");
    assert!(warnings.iter().all(|w| !w.to_string().contains("not placed")), "{warnings:#?}");
}

#[test]
fn byte_order_mark_and_crlf_are_read_like_plain_text() {
    let plain = import_text(&reference()).unwrap().0;
    let windows = format!("\u{feff}{}", reference().replace('\n', "\r\n"));
    assert_eq!(import_text(&windows).unwrap().0, plain);
}

/// A bureau listed by office comes back from our text as `officers:` data and
/// `officers: by_office`, and the imported session rebuilds the same text.
#[test]
fn officers_by_office_round_trip_through_our_text() {
    use rapporteur::writers::{Format, WriteOptions};
    let text_of = |doc: &rapporteur::document::Document| {
        String::from_utf8(Format::Text.write(doc, &WriteOptions::default()).unwrap()).unwrap()
    };
    let built = rapporteur::build::compile(&common::officers_fixture()).unwrap().document;
    let written = String::from_utf8(Format::Text.write(&built, &WriteOptions::default()).unwrap()).unwrap();
    let (session, warnings) = import_text(&written).unwrap();
    let unplaced: Vec<String> = warnings.iter().map(|w| w.to_string()).filter(|w| w.contains("not placed")).collect();
    assert!(unplaced.is_empty(), "{unplaced:#?}");
    common::assert_bureau_back(&session, "text");
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("session.yaml"), to_yaml(&session)).unwrap();
    let again = rapporteur::build::compile(tmp.path()).unwrap_or_else(|d| panic!("{d}")).document;
    // The whole text: the draft's title "Draft report" and its "Rapporteur: …" line under it
    // come back too.
    assert_eq!(text_of(&again), text_of(&built), "the text differs after the round trip");
    assert!(again.masthead.rapporteur.is_some(), "the rapporteur is data again");
}

/// An annex numbered as printed (`numbering: roman`: parts "I.", "II.", letters under them)
/// comes back from our text with that numbering: its "II." is a part of the annex, not a new
/// chapter of the report, and its "A." a group of the part.
#[test]
fn an_annex_numbered_as_printed_round_trips_through_our_text() {
    use rapporteur::writers::{Format, WriteOptions};
    let yaml = r#"
symbol: A/AC.182/2025/1
date: 2025-02-21
organ: General Assembly
meeting: {name: Special Committee, venue: New York, dates: [2025-02-18]}
title: Report of the Special Committee
chapters:
  - title: Introduction
    paragraphs: [The Special Committee met in New York.]
annexes:
  - title: Working paper
    numbering: roman
    sections:
      - title: Objectives
        paragraphs: [Create a space for a legal discussion.]
      - title: Background
        groups:
          - {title: Earlier reports, paragraphs: [As noted in earlier reports, delegations expressed interest.]}
          - {title: Informal meetings, paragraphs: [The subject was discussed at an informal meeting.]}
  - title: Rules
    sections:
      - {title: Scope, paragraphs: [These rules apply.]}
"#;
    let tmp = tempfile::tempdir().unwrap();
    let first = tmp.path().join("first");
    std::fs::create_dir_all(&first).unwrap();
    std::fs::write(first.join("session.yaml"), yaml).unwrap();
    let text_of = |dir: &std::path::Path| {
        let doc = rapporteur::build::compile(dir).unwrap_or_else(|d| panic!("{d}")).document;
        String::from_utf8(Format::Text.write(&doc, &WriteOptions::default()).unwrap()).unwrap()
    };
    let written = text_of(&first);
    assert!(written.contains("\nII. Background\n\nA. Earlier reports\n"), "{written}");
    let (session, warnings) = import_text(&written).unwrap();
    assert!(warnings.is_empty(), "{warnings:#?}");
    assert_eq!(session.chapters.len(), 1, "no chapter made of an annex part");
    let numbering: Vec<_> = session.annexes.iter().map(|a| a.numbering).collect();
    use rapporteur::session::AnnexNumbering::{Letters, Roman};
    assert_eq!(numbering, [Roman, Letters]);
    assert_eq!(session.annexes[0].sections[1].groups.len(), 2);
    let again = tmp.path().join("again");
    std::fs::create_dir_all(&again).unwrap();
    std::fs::write(again.join("session.yaml"), to_yaml(&session)).unwrap();
    assert_eq!(text_of(&again), written, "the text differs after the round trip");
}

/// The first pages of real reports (`tests/fixtures/shapes/`) come back whole from our text: the
/// pre-2000 capitals ("Distr." / "GENERAL", "ORIGINAL: ENGLISH"), a treaty meeting's masthead
/// with its symbol's reissue note `*`, a draft's title with "Rapporteur: …" under it, an Official
/// Records volume, a bureau listed by office, an addendum of decisions with its part and a draft
/// decision quoted after a report paragraph.
#[test]
fn the_shapes_of_real_first_pages_round_trip_through_our_text() {
    use rapporteur::writers::{Format, WriteOptions};
    let text_of = |doc: &rapporteur::document::Document| {
        String::from_utf8(Format::Text.write(doc, &WriteOptions::default()).unwrap()).unwrap()
    };
    for name in ["capitals", "treaty-meeting", "draft-report", "official-records", "officers", "addendum"] {
        let fixture = common::root().join("tests/fixtures/shapes").join(name);
        let built = rapporteur::build::compile(&fixture).unwrap_or_else(|d| panic!("{name}: {d}")).document;
        let (session, warnings) = import_text(&text_of(&built)).unwrap_or_else(|d| panic!("{name}: {d}"));
        assert!(warnings.is_empty(), "{name}: {warnings:#?}");
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("session.yaml"), to_yaml(&session)).unwrap();
        let again = rapporteur::build::compile(tmp.path()).unwrap_or_else(|d| panic!("{name} imported: {d}")).document;
        assert_eq!(text_of(&again), text_of(&built), "{name}: the text differs after the round trip");
        assert_eq!(again.masthead.style, built.masthead.style, "{name}");
        assert_eq!(again.masthead.symbol_note.is_empty(), built.masthead.symbol_note.is_empty(), "{name}");
    }
}
