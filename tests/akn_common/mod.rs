//! Shared by the Akoma Ntoso tests: a hand-built `Document` using every kind of block and
//! inline, and xmllint validation against the OASIS schema.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

use rapporteur::document::*;

fn t(s: &str) -> Inline {
    Inline::text(s)
}

fn para(id: &str, num: &str, content: Vec<Inline>) -> Block {
    Block::Paragraph(Paragraph { id: id.into(), num: Some(num.into()), content, items: vec![] })
}

pub fn sample() -> Document {
    let intro = Paragraph {
        id: "functions".into(),
        num: Some("2.".into()),
        content: vec![t("The Working Group had the following functions:")],
        items: vec![
            Item {
                id: "functions-a".into(),
                label: "(a)".into(),
                content: vec![t("Facilitate implementation < & > of the Protocol;")],
                items: vec![Item {
                    id: "functions-a-i".into(),
                    label: "(i)".into(),
                    content: vec![t("Including \"experts\";")],
                    items: vec![],
                }],
            },
            Item {
                id: "functions-b".into(),
                label: "(b)".into(),
                content: vec![t("Make recommendations.")],
                items: vec![],
            },
        ],
    };
    Document {
        meta: Meta {
            slug: "ctoc-cop-wg4-2009".into(),
            language: "en".into(),
            date: "2009-04-21".into(),
            title: "Report on the meeting".into(),
            symbol: "CTOC/COP/WG.4/2009/2".into(),
            body_short: "ctoc-cop".into(),
        },
        masthead: Masthead {
            publisher: "United Nations".into(),
            symbol: "CTOC/COP/WG.4/2009/2".into(),
            organ: "Conference of the Parties".into(),
            distribution: "General".into(),
            date: "21 April 2009".into(),
            original: "English".into(),
            distribution_label: "Distr.: ".into(),
            version: None,
            original_label: "Original: ".into(),
            caption: vec![
                vec![t("Working Group on Trafficking in Persons")],
                vec![t("Vienna, 14 and 15 April 2009")],
                vec![
                    t("Item 2 of the provisional agenda"),
                    Inline::NoteRef { id: "agenda".into(), marker: "*".into() },
                ],
            ],
            title: vec![t("Report on the meeting of the "), Inline::Emph { content: vec![t("Working Group")] }],
            job_number: Some("V.09-82790 (E)".into()),
            barcode: Some("*0982790*".into()),
            ..Default::default()
        },
        body: vec![
            Block::Contents(Contents {
                id: "contents".into(),
                heading: "Contents".into(),
                columns: Contents::english_columns(),
                label_column: None,
                entries: vec![ContentsEntry {
                    level: 0,
                    num: Some("I.".into()),
                    title: "Recommendations".into(),
                    paragraphs: Some("1-2".into()),
                    target: "recommendations".into(),
                }],
            }),
            Block::Division(Division {
                kind: DivisionKind::Chapter,
                id: "recommendations".into(),
                num: Some("I.".into()),
                heading: vec![t("Recommendations adopted by the Working Group")],
                children: vec![
                    para(
                        "adopted",
                        "1.",
                        vec![
                            t("The Working Group, chaired by "),
                            Inline::Entity { refers_to: "krois".into(), content: vec![t("Dominika Krois")] },
                            t(" ("),
                            Inline::Entity { refers_to: "poland".into(), content: vec![t("Poland")] },
                            t("), "),
                            Inline::Entity { refers_to: "chair".into(), content: vec![t("Chair")] },
                            t(", adopted the Convention,"),
                            Inline::NoteRef { id: "unts-convention".into(), marker: "1".into() },
                            t(" see "),
                            Inline::Ref { target: "functions".into(), content: vec![t("paragraph 2")] },
                            t(" and "),
                            Inline::Ref { target: "annex-1".into(), content: vec![t("annex I")] },
                            t("."),
                        ],
                    ),
                    Block::Division(Division {
                        kind: DivisionKind::Section,
                        id: "general".into(),
                        num: Some("A.".into()),
                        heading: vec![t("General recommendations")],
                        children: vec![Block::Division(Division {
                            kind: DivisionKind::Group,
                            id: "victims".into(),
                            num: Some("1.".into()),
                            heading: vec![t("Victims")],
                            children: vec![Block::Paragraph(intro)],
                        })],
                    }),
                ],
            }),
            Block::Division(Division {
                kind: DivisionKind::Annex,
                id: "annex-1".into(),
                num: Some("Annex I".into()),
                heading: vec![t("List of documents")],
                children: vec![
                    Block::Table(Table {
                        id: "documents".into(),
                        num: Some("Table 1".into()),
                        caption: vec![t("Documents")],
                        header: Table::header_row(vec![vec![t("Symbol")], vec![t("Title")]]),
                        rows: vec![vec![
                            vec![t("CTOC/COP/WG.4/2009/1")],
                            vec![t("Agenda"), Inline::NoteRef { id: "tbl-note".into(), marker: "a".into() }],
                        ]],
                    }),
                    para("annex-para", "1.", vec![Inline::Strong { content: vec![t("Bold")] }]),
                    // A paragraph whose id collides with a footnote's and one that is not an NCName.
                    para("agenda", "2.", vec![t("Same id as a footnote.")]),
                    para("3 odd id", "3.", vec![t("Odd id.")]),
                    // A paragraph whose id is also an entity's: the paragraph keeps the plain eId.
                    para("poland", "4.", vec![t("Same id as an entity.")]),
                ],
            }),
        ],
        footnotes: vec![
            Footnote { id: "agenda".into(), marker: "*".into(), content: vec![t("CTOC/COP/WG.4/2009/1.")] },
            Footnote {
                id: "unts-convention".into(),
                marker: "1".into(),
                content: vec![
                    t("United Nations, "),
                    Inline::Emph { content: vec![t("Treaty Series")] },
                    t(", vol. 2225, No. 39574."),
                ],
            },
            Footnote { id: "tbl-note".into(), marker: "a".into(), content: vec![t("Provisional.")] },
        ],
        entities: vec![
            Entity { id: "chair".into(), kind: EntityKind::Role, name: "Chair".into() },
            Entity { id: "krois".into(), kind: EntityKind::Person, name: "Dominika Krois".into() },
            Entity { id: "poland".into(), kind: EntityKind::Organization, name: "Poland".into() },
        ],
        review: None,
    }
}

/// The OASIS schema; tests run from a clone whose `shared/` folder stands next to the repository.
pub fn schema() -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/akn/akomantoso30.xsd");
    assert!(
        path.is_file(),
        "the Akoma Ntoso schema is missing at {} (expected ../shared next to the repository)",
        path.display()
    );
    path
}

/// Runs xmllint against the schema; panics with its output when the file does not validate.
pub fn validate(xml: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.xml");
    std::fs::write(&file, xml).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schema())
        .arg(&file)
        .output()
        .expect("xmllint is not installed (apt-get install -y libxml2-utils)");
    assert!(
        out.status.success(),
        "xmllint rejected the Akoma Ntoso:\n{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(xml)
    );
}
