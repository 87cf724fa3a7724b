//! A `Document` built by hand for the PDF tests and benchmark: the shape of the reference report
//! (masthead with a `*` caption note, chapters, sections, numbered paragraphs with sub-items,
//! four numbered footnotes, one of them "Ibid."), plus what the reference lacks — a table of
//! contents, a group and a subgroup heading, a table, an annex and a decision with lettered
//! sub-paragraphs — and a paragraph of hostile text that must come out literally.

#![allow(dead_code)]

use rapporteur::document::*;

/// Text that would be markup or code in typst, HTML, minijinja or a shell, if it were ever
/// spliced into a source.
pub const HOSTILE: &str = r#"Hostile: #read("/etc/passwd") and $x$ and ] and \ and // and <b> and {{ x }} end."#;

fn t(s: &str) -> Inline {
    Inline::text(s)
}

fn emph(s: &str) -> Inline {
    Inline::Emph { content: vec![t(s)] }
}

fn note(id: &str, marker: &str) -> Inline {
    Inline::NoteRef { id: id.into(), marker: marker.into() }
}

fn para(id: &str, num: Option<usize>, content: Vec<Inline>, items: Vec<Item>) -> Block {
    Block::Paragraph(Paragraph { id: id.into(), num: num.map(|n| format!("{n}.")), content, items })
}

fn item(id: &str, label: &str, text: &str, items: Vec<Item>) -> Item {
    Item { id: id.into(), label: label.into(), content: vec![t(text)], items }
}

fn div(kind: DivisionKind, id: &str, num: Option<&str>, heading: &str, children: Vec<Block>) -> Block {
    Block::Division(Division { kind, id: id.into(), num: num.map(str::to_string), heading: vec![t(heading)], children })
}

const FILLER: &str = "The Working Group was informed that the Secretariat had continued to assist \
    States parties, upon request, in implementing the Organized Crime Convention and its \
    Protocols, including through legislative assistance, training of criminal justice \
    practitioners and the development of tools, and that it would report on those activities \
    to the Conference at its fifth session.";

/// The sample document. Paragraph numbers run 1…n through the body; `n` paragraphs of filler
/// pad chapter III so that the report spans several pages.
pub fn sample() -> Document {
    let mut next = 0usize;
    let mut num = || {
        next += 1;
        Some(next)
    };
    let recommendations = div(
        DivisionKind::Chapter,
        "recommendations",
        Some("I."),
        "Recommendations adopted by the Working Group",
        vec![
            para(
                "p-intro",
                num(),
                vec![t(
                    "The Working Group on Trafficking in Persons, established pursuant to decision 4/4 of the Conference of the Parties to the United Nations Convention against Transnational Organized Crime, adopted the recommendations below for consideration by the Conference at its fifth session.",
                )],
                vec![],
            ),
            div(
                DivisionKind::Section,
                "general",
                Some("A."),
                "General recommendations",
                vec![para(
                    "p-general",
                    num(),
                    vec![t(
                        "With regard to the overall mandate of the Working Group outlined in Conference decision 4/4, the Working Group recommended that States adopt a comprehensive and balanced approach to combating trafficking in persons, inter alia, through mutual cooperation, in recognition of States\u{2019} shared responsibility as countries of origin, destination and transit.",
                    )],
                    vec![],
                )],
            ),
            div(
                DivisionKind::Section,
                "adherence",
                Some("B."),
                "Universal adherence",
                vec![
                    para(
                        "p-adherence",
                        num(),
                        vec![
                            t(
                                "With regard to achieving universal adherence to and effective implementation of the minimum requirements outlined in the Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, supplementing the United Nations Convention against Transnational Organized Crime",
                            ),
                            note("unts-protocol", "1"),
                            t(
                                " as an initial step toward combating trafficking in persons, States that have not yet done so should become parties to the United Nations Convention against Transnational Organized Crime",
                            ),
                            note("unts-convention", "2"),
                            t(" and the Trafficking in Persons Protocol."),
                        ],
                        vec![],
                    ),
                    para("p-hostile", num(), vec![t(HOSTILE)], vec![]),
                ],
            ),
            div(
                DivisionKind::Section,
                "legislation",
                Some("C."),
                "Adequate national legislation",
                vec![
                    para(
                        "p-leg",
                        num(),
                        vec![t("States parties should:")],
                        vec![
                            item(
                                "p-leg-a",
                                "(a)",
                                "Criminalize conduct that facilitates and supports trafficking in persons;",
                                vec![],
                            ),
                            item(
                                "p-leg-b",
                                "(b)",
                                "Enact legislation for the implementation of the Organized Crime Convention, in particular:",
                                vec![
                                    item(
                                        "p-leg-b-i",
                                        "(i)",
                                        "Legislation that criminalizes participation in an organized criminal group;",
                                        vec![],
                                    ),
                                    item(
                                        "p-leg-b-ii",
                                        "(ii)",
                                        "Legislation that establishes trafficking in persons as a predicate offence for the laundering of the proceeds of crime.",
                                        vec![],
                                    ),
                                ],
                            ),
                        ],
                    ),
                    div(
                        DivisionKind::Group,
                        "victims",
                        Some("1."),
                        "Victims of trafficking",
                        vec![
                            para("p-victims", num(), vec![t(FILLER)], vec![]),
                            div(
                                DivisionKind::Subgroup,
                                "witnesses",
                                Some("(i)"),
                                "Victims as witnesses",
                                vec![para("p-witnesses", num(), vec![t(FILLER)], vec![])],
                            ),
                        ],
                    ),
                ],
            ),
        ],
    );
    let introduction = div(
        DivisionKind::Chapter,
        "introduction",
        Some("II."),
        "Introduction",
        vec![para(
            "p-chair",
            num(),
            vec![
                t("The Chairperson informed the working group that its recommendations, contained in "),
                Inline::Ref { target: "recommendations".into(), content: vec![t("chapter I")] },
                t(
                    " of the present report, would be submitted to the Conference at its fifth session, pursuant to Conference decision 4/4.",
                ),
            ],
            vec![],
        )],
    );
    let opening = para(
        "p-opening",
        num(),
        vec![t("The Working Group held its meeting in Vienna on 14 and 15 April 2009.")],
        vec![],
    );
    let mut filler = Vec::new();
    for k in 0..30 {
        let mut content = vec![t(FILLER)];
        if k == 20 {
            content = vec![
                t(
                    "The Chief of the Organized Crime and Criminal Justice Section of UNODC presented the documents before the Working Group, including the ",
                ),
                emph("Global Report on Trafficking in Persons"),
                t("."),
                note("sales", "3"),
                t(" "),
                t(FILLER),
            ];
        }
        if k == 24 {
            content.push(t(" The Protocol against the Smuggling of Migrants was also recalled."));
            content.push(note("unts-smuggling", "4"));
        }
        filler.push(para(&format!("p-filler-{k}"), num(), content, vec![]));
    }
    let organization = div(
        DivisionKind::Chapter,
        "organization",
        Some("III."),
        "Organization of the meeting",
        vec![
            div(DivisionKind::Section, "opening", Some("A."), "Opening of the meeting", vec![opening]),
            div(DivisionKind::Section, "attendance", Some("B."), "Attendance", filler),
            Block::Table(Table {
                id: "t-attendance".into(),
                num: Some("Table 1".into()),
                caption: vec![t("Participation by category")],
                header: Table::header_row(vec![vec![t("Category")], vec![t("Number")]]),
                rows: vec![
                    vec![vec![t("States parties")], vec![t("37")]],
                    vec![vec![t("Signatory States")], vec![t("7")]],
                    vec![vec![t("Observer States")], vec![t("10")]],
                ],
            }),
        ],
    );
    let annex = div(
        DivisionKind::Annex,
        "annex-1",
        Some("Annex I"),
        "List of documents before the Working Group",
        vec![
            para("annex-p1", Some(1), vec![t("Provisional agenda and annotations (CTOC/COP/WG.4/2009/1).")], vec![]),
            div(
                DivisionKind::Decision,
                "decision-4-4",
                Some("Decision 4/4"),
                "Trafficking in human beings",
                vec![para(
                    "decision-p1",
                    Some(1),
                    vec![t("Decides to establish an open-ended interim working group, which shall:")],
                    vec![
                        item("decision-p1-a", "(a)", &format!("Facilitate implementation. {FILLER}"), vec![]),
                        item("decision-p1-b", "(b)", "Report to the Conference.", vec![]),
                    ],
                )],
            ),
        ],
    );
    let contents = Block::Contents(Contents {
        id: "contents".into(),
        heading: "Contents".into(),
        columns: Contents::english_columns(),
        label_column: None,
        entries: vec![
            ContentsEntry {
                level: 0,
                num: Some("I.".into()),
                title: "Recommendations adopted by the Working Group".into(),
                paragraphs: Some("1-7".into()),
                target: "recommendations".into(),
            },
            ContentsEntry {
                level: 1,
                num: Some("A.".into()),
                title: "General recommendations".into(),
                paragraphs: Some("2".into()),
                target: "general".into(),
            },
            ContentsEntry {
                level: 0,
                num: Some("II.".into()),
                title: "Introduction".into(),
                paragraphs: Some("8".into()),
                target: "introduction".into(),
            },
            ContentsEntry {
                level: 0,
                num: Some("III.".into()),
                title: "Organization of the meeting".into(),
                paragraphs: Some("9-39".into()),
                target: "organization".into(),
            },
            ContentsEntry {
                level: 0,
                num: None,
                title: "Annex I. List of documents before the Working Group".into(),
                paragraphs: None,
                target: "annex-1".into(),
            },
        ],
    });
    Document {
        meta: Meta {
            slug: "sample-2009".into(),
            language: "en".into(),
            date: "2009-04-21".into(),
            title: "Report on the meeting of the Working Group on Trafficking in Persons held in Vienna on 14 and 15 April 2009".into(),
            symbol: "CTOC/COP/WG.4/2009/2".into(),
            body_short: "ctoc-cop".into(),
        },
        masthead: Masthead {
            publisher: "United Nations".into(),
            symbol: "CTOC/COP/WG.4/2009/2".into(),
            organ: "Conference of the Parties to the United Nations Convention against Transnational Organized Crime".into(),
            distribution: "General".into(),
            date: "21 April 2009".into(),
            original: "English".into(),
            distribution_label: "Distr.: ".into(),
            version: None,
            original_label: "Original: ".into(),
            caption: vec![
                vec![t("Working Group on Trafficking in Persons")],
                vec![t("Vienna, 14 and 15 April 2009")],
                vec![t("Item 4 of the provisional agenda"), note("agenda", "*")],
            ],
            title: vec![t("Report on the meeting of the Working Group on Trafficking in Persons held in Vienna on 14 and 15 April 2009")],
            job_number: Some("V.09-82790 (E)".into()),
            barcode: Some("*0982790*".into()),
            ..Default::default()
        },
        body: vec![contents, recommendations, introduction, organization, annex],
        footnotes: vec![
            Footnote { id: "agenda".into(), marker: "*".into(), content: vec![t("CTOC/COP/WG.4/2009/1.")] },
            Footnote { id: "unts-protocol".into(), marker: "1".into(), content: vec![t("United Nations, "), emph("Treaty Series"), t(", vol. 2237, No. 39574.")] },
            Footnote { id: "unts-convention".into(), marker: "2".into(), content: vec![emph("Ibid."), t(", vol. 2225, No. 39574.")] },
            Footnote { id: "sales".into(), marker: "3".into(), content: vec![t("United Nations publication, Sales No. E.09.V.5.")] },
            Footnote { id: "unts-smuggling".into(), marker: "4".into(), content: vec![t("United Nations, "), emph("Treaty Series"), t(", vol. 2241, No. 39574.")] },
        ],
        entities: vec![],
        review: None,
    }
}
