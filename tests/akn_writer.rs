//! The Akoma Ntoso writer on a hand-built `Document` that uses every kind of block and inline:
//! the output validates against the OASIS schema (xmllint), eIds come from the stable ids, and the
//! same document gives the same bytes.

mod akn_common;

use akn_common::{sample, validate};
use rapporteur::writers::{Format, WriteOptions};

#[test]
fn sample_validates() {
    let xml = Format::Akn.write(&sample(), &WriteOptions::default()).unwrap();
    validate(&xml);
}

#[test]
fn sample_structure() {
    let xml = String::from_utf8(Format::Akn.write(&sample(), &WriteOptions::default()).unwrap()).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?><akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><debateReport name=\"meetingReport\">"));
    assert!(
        xml.contains(
            "<FRBRuri value=\"/akn/un/debateReport/meetingReport/ctoc-cop/2009-04-21/CTOC-COP-WG.4-2009-2\"/>"
        )
    );
    assert!(xml.contains("showAs=\"CTOC/COP/WG.4/2009/2\""));
    assert!(xml.contains("<FRBRlanguage language=\"eng\"/>"));
    assert!(xml.contains(
        "<chapter eId=\"recommendations\"><num>I.</num><heading>Recommendations adopted by the Working Group</heading>"
    ));
    assert!(xml.contains("<hcontainer eId=\"victims\" name=\"group\"><num>1.</num>"));
    assert!(xml.contains("<item eId=\"functions-a\"><num>(a)</num><p>Facilitate implementation &lt; &amp; &gt; of the Protocol;</p><blockList eId=\"functions-a-list\"><item eId=\"functions-a-i\">"));
    assert!(xml.contains("<person refersTo=\"#krois\">Dominika Krois</person>"));
    assert!(xml.contains("<organization refersTo=\"#poland-2\">Poland</organization>"));
    assert!(xml.contains("<TLCOrganization eId=\"poland-2\""));
    assert!(xml.contains("<paragraph eId=\"poland\">"));
    assert!(xml.contains("<role refersTo=\"#chair\">Chair</role>"));
    assert!(xml.contains("<TLCPerson eId=\"krois\""));
    assert!(xml.contains("<ref href=\"#functions\">paragraph 2</ref>"));
    assert!(xml.contains("<ref href=\"#annex-1\">annex I</ref>"));
    assert!(xml.contains("adopted the Convention,<authorialNote eId=\"unts-convention\" marker=\"1\" placement=\"bottom\"><p>United Nations, <i>Treaty Series</i>, vol. 2225, No. 39574.</p></authorialNote> see"));
    // The footnote "agenda" is met first (caption), so the paragraph with the same id gets a suffix.
    assert!(xml.contains("<authorialNote eId=\"agenda\" marker=\"*\""));
    assert!(xml.contains("<paragraph eId=\"agenda-2\">"));
    assert!(xml.contains("<paragraph eId=\"_3_odd_id\">"));
    assert!(xml.contains("<docNumber>CTOC/COP/WG.4/2009/2</docNumber>"));
    assert!(xml.contains("<inline name=\"distribution\">General</inline>"));
    assert!(xml.contains("<docDate date=\"2009-04-21\">21 April 2009</docDate>"));
    assert!(!xml.contains("\n<"), "no indentation inside the document");
}

#[test]
fn same_document_same_bytes() {
    let a = Format::Akn.write(&sample(), &WriteOptions::default()).unwrap();
    let b = Format::Akn.write(&sample(), &WriteOptions::default()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn format_is_listed() {
    assert_eq!(Format::parse("akn"), Some(Format::Akn));
    assert_eq!(Format::Akn.extension(), "xml");
}

#[test]
fn sparse_document_validates() {
    use rapporteur::document::*;
    let mut doc = sample();
    doc.masthead.caption.clear();
    doc.masthead.title.clear();
    doc.masthead.job_number = None;
    doc.masthead.barcode = None;
    doc.entities.clear();
    doc.footnotes.clear();
    doc.meta.symbol.clear();
    doc.meta.body_short.clear();
    doc.meta.language = "fr".into();
    doc.body = vec![
        Block::Division(Division {
            kind: DivisionKind::Chapter,
            id: "empty".into(),
            num: None,
            heading: vec![],
            children: vec![],
        }),
        Block::Contents(Contents {
            id: "toc".into(),
            heading: "Contents".into(),
            columns: Contents::english_columns(),
            label_column: None,
            entries: vec![],
        }),
        Block::Division(Division {
            kind: DivisionKind::Decision,
            id: "decision-4-4".into(),
            num: Some("Decision 4/4".into()),
            heading: vec![Inline::text("Trafficking in persons")],
            children: vec![
                Block::Paragraph(Paragraph { id: "d1".into(), num: None, content: vec![], items: vec![] }),
                Block::Table(Table { id: "t".into(), num: None, caption: vec![], header: vec![], rows: vec![] }),
                Block::Division(Division {
                    kind: DivisionKind::Subgroup,
                    id: "sub".into(),
                    num: Some("(i)".into()),
                    heading: vec![Inline::text("Sub")],
                    children: vec![],
                }),
            ],
        }),
    ];
    let xml = Format::Akn.write(&doc, &WriteOptions::default()).unwrap();
    validate(&xml);
    let s = String::from_utf8(xml).unwrap();
    assert!(s.contains("<FRBRuri value=\"/akn/un/debateReport/meetingReport/un/2009-04-21/report\"/>"), "{s}");
    assert!(s.contains("<FRBRlanguage language=\"fra\"/>"));
}
