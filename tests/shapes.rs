//! The numbering rules of the report shapes beyond the reference (issue "other shapes"), checked
//! on the model the assembler builds for the sessions written to show them.

mod common;

use rapporteur::build::compile;
use rapporteur::document::{Block, Division, DivisionKind, Document, Inline, Paragraph};

fn document(slug: &str) -> Document {
    compile(&common::root().join("sessions").join(slug)).unwrap_or_else(|d| panic!("{slug}:\n{d}")).document
}

fn division<'a>(blocks: &'a [Block], id: &str) -> &'a Division {
    fn find<'a>(blocks: &'a [Block], id: &str) -> Option<&'a Division> {
        blocks.iter().find_map(|b| match b {
            Block::Division(d) if d.id == id => Some(d),
            Block::Division(d) => find(&d.children, id),
            _ => None,
        })
    }
    find(blocks, id).unwrap_or_else(|| panic!("no division `{id}`"))
}

fn paragraphs(blocks: &[Block]) -> Vec<&Paragraph> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => out.push(p),
            Block::Division(d) if d.kind != DivisionKind::Decision => out.extend(paragraphs(&d.children)),
            _ => {}
        }
    }
    out
}

fn note_markers(inlines: &[Inline], out: &mut Vec<String>) {
    for i in inlines {
        match i {
            Inline::NoteRef { marker, .. } => out.push(marker.clone()),
            other => note_markers(other.children(), out),
        }
    }
}

#[test]
fn paragraphs_run_straight_through_group_headings() {
    let doc = document("ctoc-cop-wg4-2016");
    let recommendations = division(&doc.body, "recommendations");
    let section = division(&recommendations.children, "victims");
    let groups: Vec<&Division> =
        section.children.iter().filter_map(|b| if let Block::Division(d) = b { Some(d) } else { None }).collect();
    assert_eq!(groups.iter().map(|g| g.num.as_deref().unwrap()).collect::<Vec<_>>(), ["1.", "2."]);
    let nums: Vec<&str> = paragraphs(&recommendations.children).iter().filter_map(|p| p.num.as_deref()).collect();
    assert_eq!(nums, ["3.", "4.", "5.", "6.", "7.", "8."], "one count through sections and groups");
    // Sub-sub-items are (i), (ii).
    let p5 = paragraphs(&recommendations.children).into_iter().find(|p| p.num.as_deref() == Some("5.")).unwrap();
    assert_eq!(p5.items[0].label, "(a)");
    assert_eq!(p5.items[0].items.iter().map(|i| i.label.as_str()).collect::<Vec<_>>(), ["(i)", "(ii)"]);
}

#[test]
fn annex_paragraphs_restart_and_their_footnotes_are_lettered() {
    let doc = document("ctoc-cop-2018");
    let annex = division(&doc.body, "statistics");
    assert_eq!(annex.num.as_deref(), Some("Annex II"));
    let nums: Vec<&str> = paragraphs(&annex.children).iter().filter_map(|p| p.num.as_deref()).collect();
    assert_eq!(nums, ["1.", "2."], "annex paragraphs are numbered on their own");
    let mut markers = Vec::new();
    for p in paragraphs(&annex.children) {
        note_markers(&p.content, &mut markers);
    }
    for b in &annex.children {
        if let Block::Table(t) = b {
            for cell in t.rows.iter().flatten() {
                note_markers(cell, &mut markers);
            }
        }
    }
    assert_eq!(markers, ["a", "b"], "lettered, continuing through the annex's table");
    // The body's footnotes are numbered, and the decisions' operative paragraphs count on their own.
    let body_markers: Vec<&str> = doc.footnotes.iter().map(|f| f.marker.as_str()).collect();
    assert_eq!(body_markers, ["1", "2", "a", "b"]);
    let resolution = division(&doc.body, "resolution-9-1");
    assert_eq!(resolution.num.as_deref(), Some("Resolution 9/1"));
    let inner: Vec<&str> = resolution
        .children
        .iter()
        .filter_map(|b| if let Block::Paragraph(p) = b { Some(p.num.as_deref().unwrap_or("-")) } else { None })
        .collect();
    assert_eq!(inner, ["-", "-", "1.", "2."], "preamble unnumbered, operative 1, 2");
    let intro = division(&doc.body, "introduction");
    assert_eq!(paragraphs(&intro.children)[0].num.as_deref(), Some("3."), "quoted decisions take no report numbers");
}

#[test]
fn table_footnotes_in_the_body_are_lettered_and_the_cover_note_is_an_asterisk() {
    let doc = document("ctoc-cop-wg4-2016");
    let markers: Vec<(&str, &str)> = doc.footnotes.iter().map(|f| (f.id.as_str(), f.marker.as_str())).collect();
    assert_eq!(
        markers,
        [
            ("provisional-agenda", "*"),
            ("decision-4-4", "1"),
            ("unts-protocol", "2"),
            ("unts-convention", "3"),
            ("table-source", "a"),
            ("table-partial", "b"),
            ("website", "a"),
        ]
    );
    let caption = &doc.masthead.caption;
    assert_eq!(caption.len(), 4, "name, session, place and dates, agenda item");
    assert!(matches!(caption[3].last(), Some(Inline::NoteRef { marker, .. }) if marker == "*"));
    assert_eq!(rapporteur::document::plain_text(&caption[2]), "Vienna, 20-24 June 2016");
}

#[test]
fn contents_list_chapters_sections_and_annexes_with_paragraph_ranges() {
    let doc = document("ctoc-cop-wg4-2016");
    let Some(Block::Contents(contents)) = doc.body.first() else { panic!("contents first") };
    let line =
        |target: &str| contents.entries.iter().find(|e| e.target == target).unwrap_or_else(|| panic!("{target}"));
    assert_eq!(line("recommendations").paragraphs.as_deref(), Some("3-8"));
    assert_eq!(line("victims").paragraphs.as_deref(), Some("4-6"));
    assert_eq!(line("victims").level, 1);
    assert_eq!(line("other-matters").paragraphs.as_deref(), Some("25"));
    assert_eq!(line("documents-annex").num.as_deref(), Some("Annex II"));
    assert_eq!(contents.entries.iter().filter(|e| e.level == 0).count(), 11, "nine chapters and two annexes");
}

#[test]
fn generated_parts_of_the_other_shapes() {
    let text = |slug: &str| {
        let doc = document(slug);
        String::from_utf8(rapporteur::writers::Format::Text.write(&doc, &Default::default()).unwrap()).unwrap()
    };
    let t2016 = text("ctoc-cop-wg4-2016");
    assert!(t2016.contains("elected Maria Ordzhonikidze (Austria) as Chair and Kwame Mensah (Ghana) as Rapporteur."));
    assert!(t2016.contains("(a) Annotated provisional agenda (CTOC/COP/WG.4/2016/1);"));
    assert!(t2016.contains("CTOC/COP/WG.4/2016/2 | 2 | Background paper on the protection of victims"));
    assert!(t2016.contains("2. Non-punishment of victims of trafficking in persons."), "provisional agenda annex");
    assert!(t2016.contains("set out in chapter II, section A."));
    assert!(
        t2016.contains("Statements were also made by observers for the Council of Europe and La Strada International."),
        "several speakers of one capacity are all named"
    );
    let t2018 = text("ctoc-cop-2018");
    assert!(t2018.contains(
        "adopted resolution 9/1 by a recorded vote of 5 to 1, with 1 abstention. The voting was as follows:"
    ));
    assert!(t2018.contains("Against: Turkey."));
    assert!(t2018.contains("A. States parties to the Convention\n\nAlgeria\n\nEswatini"), "list of participants");
}

#[test]
fn cross_references_print_the_final_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = r#"
symbol: X/2020/1
date: 2020-01-10
organ: An organ
meeting: { name: A meeting, venue: Vienna, dates: [2020-01-08] }
title: A report
chapters:
  - id: one
    title: One
    paragraphs:
      - id: p1
        text: "See {chapter:two}, {chapters:one-three}, {chapters:two..three}, {section:two-b}, {para:p3}, {paras:p2-p3}, {annex:only} and {annex:only}."
      - id: p2
        text: Two.
  - id: two
    title: Two
    sections:
      - { id: two-a, title: A, paragraphs: [ { id: p3, text: Three. } ] }
      - { id: two-b, title: B, paragraphs: [ Four. ] }
  - id: three
    title: Three
    paragraphs: [ Five. ]
annexes:
  - { id: only, title: The only annex, paragraphs: [ Annexed. ] }
"#;
    std::fs::write(dir.path().join("session.yaml"), yaml).unwrap();
    let doc = compile(dir.path()).unwrap_or_else(|d| panic!("{d}")).document;
    let first = &doc.paragraphs()[0];
    assert_eq!(
        rapporteur::document::plain_text(&first.content),
        // House style: "and" for two consecutive numbers, an en dash for longer ranges.
        "See chapter II, chapters I\u{2013}III, chapters II and III, chapter II, section B, paragraph 3, paragraphs 2 and 3, annex and annex."
    );
    let single_annex = division(&doc.body, "only");
    assert_eq!(single_annex.num.as_deref(), Some("Annex"), "a lone annex is not numbered");
}
