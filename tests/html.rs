//! The HTML writer on a small document built here (escaping, footnote links both ways, ids on
//! paragraphs and items, the model's labels, cross-reference links, determinism), and on the
//! reference session (its golden file is kept by `tests/golden.rs`).

use rapporteur::build::compile;
use rapporteur::document::{
    Block, Division, DivisionKind, Document, Footnote, Inline, Item, Masthead, Meta, Paragraph,
};
use rapporteur::writers::{Format, WriteOptions};

fn t(s: &str) -> Inline {
    Inline::text(s)
}

fn doc() -> Document {
    Document {
        meta: Meta {
            slug: "test".into(),
            language: "en".into(),
            date: "2009-04-21".into(),
            title: "Report <draft> & \"notes\"".into(),
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
            caption: vec![vec![t("Working Group on Trafficking in Persons")], vec![t("Vienna, 14 and 15 April 2009")]],
            title: vec![t("Report on the meeting")],
            job_number: Some("V.09-82790 (E)".into()),
            barcode: Some("*0982790*".into()),
            ..Default::default()
        },
        body: vec![Block::Division(Division {
            kind: DivisionKind::Chapter,
            id: "recommendations".into(),
            num: Some("I.".into()),
            heading: vec![t("Recommendations adopted by the Working Group")],
            children: vec![
                Block::Paragraph(Paragraph {
                    id: "intro".into(),
                    num: Some("1.".into()),
                    content: vec![
                        t("A <script>alert('x')</script> & \"quoted\" text, see the "),
                        Inline::Emph { content: vec![t("Protocol")] },
                        t("."),
                        Inline::NoteRef { id: "unts-protocol".into(), marker: "1".into() },
                    ],
                    items: vec![],
                }),
                Block::Division(Division {
                    kind: DivisionKind::Section,
                    id: "adherence".into(),
                    num: Some("A.".into()),
                    heading: vec![t("Universal adherence")],
                    children: vec![Block::Paragraph(Paragraph {
                        id: "measures".into(),
                        num: Some("2.".into()),
                        content: vec![
                            t("As stated in "),
                            Inline::Ref { target: "intro".into(), content: vec![t("paragraph 1")] },
                            t(", States should:"),
                        ],
                        items: vec![Item {
                            id: "measures-a".into(),
                            label: "(a)".into(),
                            content: vec![t("Ratify;")],
                            items: vec![Item {
                                id: "measures-a-i".into(),
                                label: "(i)".into(),
                                content: vec![t("promptly"), Inline::NoteRef { id: "ibid".into(), marker: "2".into() }],
                                items: vec![],
                            }],
                        }],
                    })],
                }),
            ],
        })],
        footnotes: vec![
            Footnote {
                id: "unts-protocol".into(),
                marker: "1".into(),
                content: vec![
                    t("United Nations, "),
                    Inline::Emph { content: vec![t("Treaty Series")] },
                    t(", vol. 2237, No. 39574."),
                ],
            },
            Footnote {
                id: "ibid".into(),
                marker: "2".into(),
                content: vec![Inline::Emph { content: vec![t("Ibid.")] }],
            },
        ],
        entities: vec![],
        review: None,
    }
}

fn html(doc: &Document) -> String {
    let bytes = Format::Html.write(doc, &WriteOptions::default()).expect("the writer succeeds");
    String::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn format_is_registered() {
    assert_eq!(Format::parse("html"), Some(Format::Html));
    assert_eq!(Format::Html.extension(), "html");
}

#[test]
fn escapes_user_text() {
    let out = html(&doc());
    assert!(!out.contains("<script>"), "{out}");
    assert!(out.contains("A &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot; text"));
    assert!(out.contains("<title>CTOC/COP/WG.4/2009/2 \u{2014} Report &lt;draft&gt; &amp; &quot;notes&quot;</title>"));
    // The only script-like thing in the page is none at all.
    assert!(!out.to_lowercase().contains("<script"));
}

#[test]
fn footnotes_link_both_ways() {
    let out = html(&doc());
    assert!(out.contains(
        "<sup class=\"noteref\"><a href=\"#fn-unts-protocol\" id=\"fnref-unts-protocol\" role=\"doc-noteref\">1</a></sup>"
    ));
    assert!(out.contains("<li id=\"fn-unts-protocol\"><span class=\"marker\"><a href=\"#fnref-unts-protocol\""));
    assert!(out.contains("<li id=\"fn-ibid\"><span class=\"marker\"><a href=\"#fnref-ibid\""));
    assert!(out.contains("United Nations, <em>Treaty Series</em>, vol. 2237, No. 39574.</li>"));
    // Notes come at the end, after the body.
    assert!(out.find("<section class=\"footnotes\"").unwrap() > out.find("</main>").unwrap());
}

#[test]
fn paragraphs_and_divisions_have_ids_and_labels() {
    let out = html(&doc());
    assert!(out.contains(
        "<section id=\"recommendations\" class=\"chapter\">\n<h2><span class=\"num\">I.</span> Recommendations"
    ));
    assert!(out.contains("<section id=\"adherence\" class=\"section\">\n<h3><span class=\"num\">A.</span> Universal"));
    assert!(out.contains("<p class=\"para\" id=\"intro\"><span class=\"num\">1.</span> A &lt;script"));
    assert!(out.contains("<p class=\"para\" id=\"measures\"><span class=\"num\">2.</span> As stated"));
    assert!(out.contains("<li id=\"measures-a\"><span class=\"label\">(a)</span> Ratify;"));
    assert!(out.contains("<li id=\"measures-a-i\"><span class=\"label\">(i)</span> promptly"));
    assert!(out.contains("<a class=\"ref\" href=\"#intro\">paragraph 1</a>"));
    assert!(out.contains("<h1 class=\"title\">Report on the meeting</h1>"));
    assert!(out.contains("<span class=\"series\">CTOC</span>/COP/WG.4/2009/2"));
    assert!(out.contains("<time datetime=\"2009-04-21\">21 April 2009</time>"));
    assert!(out.contains("@media print") && out.contains("size: A4"));
}

#[test]
fn ids_are_unique_and_output_is_deterministic() {
    let d = doc();
    let out = html(&d);
    assert_eq!(out, html(&d.clone()));
    let mut ids: Vec<&str> =
        out.match_indices(" id=\"").map(|(i, _)| &out[i + 5..][..out[i + 5..].find('"').unwrap()]).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate ids in {out}");
    // Every in-page link points at an id that exists.
    for (i, _) in out.match_indices("href=\"#") {
        let target = &out[i + 7..][..out[i + 7..].find('"').unwrap()];
        assert!(ids.contains(&target), "dangling link #{target}");
    }
}

#[test]
fn reference_session_is_complete_and_deterministic() {
    let session = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/ctoc-cop-wg4-2009");
    let compiled = compile(&session).unwrap_or_else(|d| panic!("the reference session must compile:\n{d}"));
    let opts = WriteOptions { templates: compiled.templates.clone(), ..WriteOptions::default() };
    let build = || Format::Html.write(&compiled.document, &opts).expect("the HTML writer succeeds");
    let (a, b) = (build(), build());
    assert_eq!(a, b, "two builds in one process differ");
    let out = String::from_utf8(a).unwrap();
    // 56 numbered paragraphs, each with an id; 4 footnotes linked both ways.
    for n in 1..=56 {
        assert!(out.contains(&format!("<span class=\"num\">{n}.</span> ")), "paragraph {n}");
    }
    assert!(out.matches("<p class=\"para\" id=\"").count() >= 56);
    assert_eq!(out.matches("role=\"doc-noteref\"").count(), 4);
    assert_eq!(out.matches("role=\"doc-backlink\"").count(), 4);
    // Names as they were on the meeting date.
    assert!(out.contains("Czech Republic") && !out.contains("Czechia"));
}
