//! Printed labels and numbers survive import: a narrative list numbered "1.", "2." with "(a)"
//! under its items comes back with those labels (not relabelled "(a)", "(i)"), a numbered line
//! with " | " in it keeps its number, and an Akoma Ntoso `statement` (a resolution) becomes the
//! session's `decision:` paragraph. Each goes import → YAML → load → build and is compared with
//! the text it came from.

use rapporteur::build::compile;
use rapporteur::import::{import_akn, import_text, to_yaml};
use rapporteur::session::Session;
use rapporteur::writers::{Format, WriteOptions};

/// Writes the session as an imported folder would hold it, loads and builds it, and returns
/// its YAML and the built report as plain text (whitespace collapsed).
fn rebuild(session: &Session) -> (String, String) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    std::fs::create_dir(&dir).unwrap();
    let yaml = to_yaml(session);
    std::fs::write(dir.join("session.yaml"), &yaml).unwrap();
    let compiled = compile(&dir).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    let text = String::from_utf8(Format::Text.write(&compiled.document, &WriteOptions::default()).unwrap()).unwrap();
    (yaml, text.split_whitespace().collect::<Vec<_>>().join(" "))
}

const HEAD: &str = "\
United Nations CTOC/COP/WG.4/2009/2

Conference of the Parties

Distr.: General
21 April 2009

Original: English

Working Group on Trafficking in Persons
Vienna, 14 and 15 April 2009

Report

I. Recommendations

";

#[test]
fn a_numbered_narrative_list_keeps_its_labels() {
    let text = format!(
        "{HEAD}1. The Working Group recommended the following:

1. That States should act:

(a) Now;

(b) Later;

2. That States should report.

2. The Working Group also noted:

(a) One thing;

(b) Another.
"
    );
    let (session, warnings) = import_text(&text).unwrap();
    let items = session.chapters[0].paragraphs[0].items();
    assert_eq!(items.len(), 2, "{warnings:#?}");
    assert_eq!(items[0].label.as_deref(), Some("1."));
    assert_eq!(items[0].items[0].label.as_deref(), Some("(a)"), "(a) under a numbered item is not the default (i)");
    assert_eq!(items[1].label.as_deref(), Some("2."));
    // Default labels are not written: the second list takes the report's own (a), (b).
    assert!(session.chapters[0].paragraphs[1].items().iter().all(|i| i.label.is_none()));
    let (yaml, built) = rebuild(&session);
    assert!(yaml.contains("label:"), "{yaml}");
    for want in [
        "1. The Working Group recommended the following: 1. That States should act: (a) Now; (b) Later; 2. That States should report.",
        "2. The Working Group also noted: (a) One thing; (b) Another.",
    ] {
        assert!(built.contains(want), "`{want}` not in\n{built}\n{yaml}");
    }
    // The labels load back as written.
    let back: Session = serde_saphyr::from_str(&yaml).unwrap();
    assert_eq!(back.chapters[0].paragraphs[0].items()[0].items[0].label.as_deref(), Some("(a)"));
}

#[test]
fn akn_list_labels_survive() {
    let xml = r##"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="report"><meta><identification source="#a"><FRBRWork><FRBRuri value="/akn/xx/doc/2020-01-02"/><FRBRdate date="2020-01-02" name="x"/><FRBRauthor href="#org"/></FRBRWork></identification><references source="#a"><TLCOrganization eId="org" href="/o/org" showAs="The Organ"/></references></meta><preface><p><docNumber>X/1</docNumber></p><p><docTitle>A report</docTitle></p></preface><mainBody><chapter eId="c1"><heading>Chapter</heading><paragraph eId="p1"><num>1.</num><content><p>It decided:</p><blockList><item eId="i1"><num>a)</num><p>first;</p></item><item eId="i2"><num>b)</num><p>second.</p></item></blockList></content></paragraph></chapter></mainBody></doc></akomaNtoso>"##;
    let (session, _) = import_akn(xml).unwrap();
    let (yaml, built) = rebuild(&session);
    assert!(built.contains("It decided: a) first; b) second."), "{built}\n{yaml}");
}

#[test]
fn a_numbered_line_with_a_bar_keeps_its_number() {
    let text = format!("{HEAD}1. First paragraph.\n\n2. The vote was yes | no | abstaining.\n\n3. Third paragraph.\n");
    let (session, warnings) = import_text(&text).unwrap();
    let ps = &session.chapters[0].paragraphs;
    assert_eq!(ps.len(), 3, "{warnings:#?}");
    assert!(ps.iter().all(|p| p.numbered), "{ps:#?}");
    assert_eq!(ps[1].text(), Some(r"The vote was yes \| no \| abstaining."));
    let (_, built) = rebuild(&session);
    assert!(built.contains("2. The vote was yes | no | abstaining. 3. Third paragraph."), "{built}");
}

#[test]
fn an_akn_statement_is_a_decision() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/akn-corpus/itu-pp18-resolution-2.akn4un.xml");
    let Ok(xml) = std::fs::read_to_string(path) else {
        panic!("the AKN corpus is missing: {path}");
    };
    let (session, warnings) = import_akn(&xml).unwrap();
    let decisions: Vec<_> = session.chapters.iter().flat_map(|c| &c.paragraphs).filter_map(|p| p.decision()).collect();
    assert_eq!(decisions.len(), 1, "{warnings:#?}");
    let d = decisions[0];
    assert_eq!(d.kind, rapporteur::session::DecisionKind::Resolution);
    assert!(d.preamble.len() >= 20, "the formula and the recitals: {}", d.preamble.len());
    // Its operative paragraphs restart their numbers under each heading ("resolves 1-9",
    // "instructs the ITU Council 1-3") and the first of each is unnumbered in the file: the
    // printed numbers stay in the text, so the paragraphs are written unnumbered, after the
    // preamble, in order.
    let texts: Vec<&str> = d.preamble.iter().chain(&d.operative).filter_map(|p| p.text()).collect();
    let resolves = texts.iter().position(|t| *t == "*resolves*").expect("the heading of the operative part");
    assert!(texts[resolves + 2].starts_with("2. that WTPF"), "{texts:#?}");
    assert!(
        !warnings.iter().any(|w| w.message.contains("<preamble>") || w.message.contains("<recitals>")),
        "the preamble has a place now: {warnings:#?}"
    );
    let (_, built) = rebuild(&session);
    assert!(built.contains("b) the WSIS+10 statement"), "a recital keeps its printed label: {built}");
}
