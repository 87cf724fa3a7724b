//! The DOCX writer, checked by reading the package back (zip + quick-xml) and by converting it
//! with LibreOffice (`soffice`, package libreoffice-writer-nogui) and reading the PDF with
//! `pdftotext` (poppler-utils). Tests that need those tools fail, loudly, when they are missing.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::Command;

mod common;
mod support {
    pub mod ooxml;
}

use quick_xml::events::Event;
use rapporteur::document::{
    Block, Division, DivisionKind, Document, Footnote, Inline, Item, Masthead, Meta, Paragraph, Table,
};
use rapporteur::writers::{Format, WriteOptions};

// ---------------------------------------------------------------------------------------------
// A sample report built by hand (the shape the assembler produces).

fn t(s: &str) -> Inline {
    Inline::text(s)
}

fn em(s: &str) -> Inline {
    Inline::Emph { content: vec![t(s)] }
}

fn note(id: &str, marker: &str) -> Inline {
    Inline::NoteRef { id: id.into(), marker: marker.into() }
}

fn para(n: usize, content: Vec<Inline>) -> Block {
    Block::Paragraph(Paragraph { id: format!("p{n}"), num: Some(format!("{n}.")), content, items: vec![] })
}

fn filler(n: usize) -> String {
    format!(
        "Paragraph {n} text: the Working Group considered the implementation of the Protocol and the \
         measures taken by States parties to prevent and combat trafficking in persons, to protect and \
         assist the victims of such trafficking and to promote cooperation among States parties."
    )
}

/// A report with a cover-page footnote "*", numbered footnotes, a lettered table footnote,
/// sub-items two levels deep, italics, bold and (optionally) hostile text.
fn sample(hostile: bool) -> Document {
    let mut footnotes =
        vec![Footnote { id: "agenda".into(), marker: "*".into(), content: vec![t("CTOC/COP/WG.4/2009/1.")] }];
    let mut recs = Vec::new();
    let mut n = 0;
    let mut next = || {
        n += 1;
        n
    };
    recs.push(para(
        next(),
        vec![
            t("With regard to universal adherence to the Protocol, supplementing the Convention"),
            note("unts-protocol", "1"),
            t(" as an initial step, States should become parties to the Convention."),
            note("unts-convention", "2"),
        ],
    ));
    footnotes.push(Footnote {
        id: "unts-protocol".into(),
        marker: "1".into(),
        content: vec![t("United Nations, "), em("Treaty Series"), t(", vol. 2237, No. 39574.")],
    });
    footnotes.push(Footnote {
        id: "unts-convention".into(),
        marker: "2".into(),
        content: vec![em("Ibid."), t(", vol. 2225, No. 39574.")],
    });
    recs.push(Block::Paragraph(Paragraph {
        id: "p-items".into(),
        num: Some(format!("{}.", next())),
        content: vec![t("States parties should:")],
        items: vec![
            Item {
                id: "a".into(),
                label: "(a)".into(),
                content: vec![t("Criminalize conduct that facilitates trafficking in persons;")],
                items: vec![Item {
                    id: "a-i".into(),
                    label: "(i)".into(),
                    content: vec![t("Including "), Inline::Strong { content: vec![t("participation")] }, t(";")],
                    items: vec![],
                }],
            },
            Item {
                id: "b".into(),
                label: "(b)".into(),
                content: vec![t("Enact legislation for the implementation of the Convention.")],
                items: vec![],
            },
        ],
    }));
    if hostile {
        recs.push(para(next(), vec![t(HOSTILE)]));
    }
    let mut sections = vec![Block::Division(Division {
        kind: DivisionKind::Section,
        id: "general".into(),
        num: Some("A.".into()),
        heading: vec![t("General recommendations")],
        children: recs,
    })];
    // Enough text for several pages, with footnotes cited late on later pages.
    let mut long = Vec::new();
    for i in 0..30 {
        let k = next();
        let mut content = vec![t(&filler(k))];
        if i == 12 || i == 25 {
            let marker = if i == 12 { "3" } else { "4" };
            content.push(t(&format!(" See the note on point {marker}.")));
            content.push(note(&format!("late{marker}"), marker));
            content.push(t(" The Secretariat should step up its assistance."));
            footnotes.push(Footnote {
                id: format!("late{marker}"),
                marker: marker.into(),
                content: vec![t(&format!("Late footnote {marker}: United Nations publication, Sales No. E.09.V.5."))],
            });
        }
        long.push(para(k, content));
    }
    long.push(Block::Table(Table {
        id: "t1".into(),
        num: Some("Table 1".into()),
        caption: vec![t("Ratifications by region")],
        header: Table::header_row(vec![vec![t("Region")], vec![t("Parties")]]),
        rows: vec![vec![vec![t("Africa"), note("tbl-a", "a")], vec![t("40")]], vec![vec![t("Europe")], vec![t("45")]]],
    }));
    footnotes.push(Footnote {
        id: "tbl-a".into(),
        marker: "a".into(),
        content: vec![t("Table note a: as of April 2009.")],
    });
    sections.push(Block::Division(Division {
        kind: DivisionKind::Section,
        id: "training".into(),
        num: Some("B.".into()),
        heading: vec![t("Training")],
        children: vec![Block::Division(Division {
            kind: DivisionKind::Group,
            id: "victims".into(),
            num: Some("1.".into()),
            heading: vec![t("Victims of trafficking")],
            children: long,
        })],
    }));
    let k = next();
    let body = vec![
        Block::Division(Division {
            kind: DivisionKind::Chapter,
            id: "recommendations".into(),
            num: Some("I.".into()),
            heading: vec![t("Recommendations adopted by the Working Group")],
            children: sections,
        }),
        Block::Division(Division {
            kind: DivisionKind::Chapter,
            id: "organization".into(),
            num: Some("II.".into()),
            heading: vec![t("Organization of the meeting")],
            children: vec![para(k, vec![t("The meeting was opened by the Chairperson.")])],
        }),
        Block::Division(Division {
            kind: DivisionKind::Annex,
            id: "annex-1".into(),
            num: Some("Annex I".into()),
            heading: vec![t("List of documents before the Working Group")],
            children: vec![Block::Paragraph(Paragraph {
                id: "annex-p".into(),
                num: None,
                content: vec![t("An unnumbered annex paragraph citing a lettered note."), note("annex-b", "b")],
                items: vec![],
            })],
        }),
    ];
    footnotes.push(Footnote {
        id: "annex-b".into(),
        marker: "b".into(),
        content: vec![t("Annex note b: available from the Secretariat.")],
    });
    Document {
        meta: Meta {
            slug: "sample".into(),
            language: "en".into(),
            date: "2009-04-21".into(),
            title: "Report on the meeting of the Working Group on Trafficking in Persons".into(),
            symbol: "CTOC/COP/WG.4/2009/2".into(),
            body_short: "ctoc-cop".into(),
        },
        masthead: Masthead {
            publisher: "United Nations".into(),
            symbol: "CTOC/COP/WG.4/2009/2".into(),
            organ: "Conference of the Parties to the United Nations Convention against Transnational Organized Crime"
                .into(),
            distribution: "General".into(),
            date: "21 April 2009".into(),
            original: "English".into(),
            distribution_label: "Distr.: ".into(),
            version: None,
            original_label: "Original: ".into(),
            caption: vec![
                vec![t("Working Group on Trafficking in Persons")],
                vec![t("Vienna, 14 and 15 April 2009")],
                vec![t("Item 2 of the provisional agenda"), note("agenda", "*")],
            ],
            title: vec![t("Report on the meeting of the Working Group on Trafficking in Persons")],
            job_number: Some("V.09-82790 (E)".into()),
            barcode: Some("*0982790*".into()),
            ..Default::default()
        },
        body,
        footnotes,
        entities: vec![],
        review: None,
    }
}

const HOSTILE: &str = "Hostile <w:p><w:r><w:t>x</w:t></w:r></w:p> ]]> & &amp; \"q\" 'a' ctl\u{1}ctl vt\u{b}vt end";

fn write(doc: &Document) -> Vec<u8> {
    match Format::Docx.write(doc, &WriteOptions::default()) {
        Ok(bytes) => bytes,
        Err(e) => panic!("docx writer failed:\n{e}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Reading the package back.

fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap_or_else(|e| panic!("{} is not UTF-8: {e}", f.name()));
        // Every part must be well-formed XML.
        check_well_formed(f.name(), &s);
        out.insert(f.name().to_string(), s);
    }
    out
}

fn check_well_formed(name: &str, xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Text(t)) => {
                t.decode().unwrap_or_else(|e| panic!("{name}: bad text: {e}"));
            }
            Ok(_) => {}
            Err(e) => panic!("{name} is not well-formed at {}: {e}", reader.buffer_position()),
        }
    }
    assert!(
        !xml.chars().any(|c| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}' || c == '\u{ffff}'),
        "{name} holds a character XML 1.0 forbids"
    );
}

/// One paragraph of a part: its style (if any) and its text (`w:t`, tabs as '\t').
#[derive(Debug)]
struct Para {
    style: Option<String>,
    text: String,
}

fn attr(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| a.unescape_value().unwrap().into_owned())
}

/// The paragraphs of `xml` in order; inside `w:footnote`, grouped by footnote id.
fn paragraphs(xml: &str) -> Vec<(Option<String>, Para)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut note: Option<String> = None;
    let mut cur: Option<Para> = None;
    let mut in_t = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"w:footnoteRef" => {
                let _ = e;
                if let Some(p) = cur.as_mut() {
                    p.text.push('#');
                }
            }
            Event::Start(e) => match e.name().as_ref() {
                b"w:footnote" => note = attr(&e, b"w:id"),
                b"w:p" => cur = Some(Para { style: None, text: String::new() }),
                b"w:t" => in_t = true,
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                b"w:pStyle" => {
                    if let Some(p) = cur.as_mut() {
                        p.style = attr(&e, b"w:val");
                    }
                }
                b"w:tab" => {
                    if let Some(p) = cur.as_mut() {
                        p.text.push('\t');
                    }
                }
                b"w:br" => {
                    if let Some(p) = cur.as_mut() {
                        p.text.push('\n');
                    }
                }
                b"w:p" => out.push((note.clone(), Para { style: None, text: String::new() })),
                _ => {}
            },
            Event::Text(x) if in_t => {
                if let Some(p) = cur.as_mut() {
                    p.text.push_str(&x.decode().unwrap());
                }
            }
            Event::GeneralRef(r) if in_t => {
                if let Some(p) = cur.as_mut() {
                    let name = r.decode().unwrap();
                    p.text.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => panic!("unexpected entity {other}"),
                    });
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:p" => out.push((note.clone(), cur.take().unwrap())),
                b"w:t" => in_t = false,
                b"w:footnote" => note = None,
                _ => {}
            },
            _ => {}
        }
    }
    out
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[test]
fn parts_footnotes_styles_headers_properties() {
    let doc = sample(false);
    let p = parts(&write(&doc));

    // Footnotes: separators, then one note per footnote with its text, Word's own number where
    // the marker is the next number, a custom mark otherwise.
    let notes = &p["word/footnotes.xml"];
    assert!(notes.contains(r#"w:type="separator" w:id="-1""#));
    assert!(notes.contains(r#"w:type="continuationSeparator" w:id="0""#));
    let mut by_note: BTreeMap<i32, String> = BTreeMap::new();
    for (id, para) in paragraphs(notes) {
        let id: i32 = id.expect("paragraph outside a footnote").parse().unwrap();
        if id > 0 {
            assert_eq!(para.style.as_deref(), Some("FootnoteText"));
        }
        by_note.entry(id).or_default().push_str(&para.text);
    }
    let expected: Vec<(&str, String)> =
        doc.footnotes.iter().map(|f| (f.marker.as_str(), rapporteur::document::plain_text(&f.content))).collect();
    // The order of appearance: "*" (masthead), 1, 2, 3, 4, then "a" (table) and "b" (annex).
    let order = ["*", "1", "2", "3", "4", "a", "b"];
    let real: Vec<&String> = by_note.iter().filter(|(id, _)| **id > 0).map(|(_, s)| s).collect();
    assert_eq!(real.len(), doc.footnotes.len());
    for (i, marker) in order.iter().enumerate() {
        let (_, text) = expected.iter().find(|(m, _)| m == marker).unwrap();
        let mark = if marker.parse::<u32>().is_ok() { "#".to_string() } else { marker.to_string() };
        assert_eq!(real[i], &format!("{mark}\t{text}"), "footnote {marker}");
    }
    let document = &p["word/document.xml"];
    assert_eq!(count(document, "<w:footnoteReference "), 7);
    assert_eq!(count(document, "w:customMarkFollows=\"1\""), 3);
    assert!(
        document
            .contains(r#"<w:footnoteReference w:customMarkFollows="1" w:id="1" /><w:t xml:space="preserve">*</w:t>"#)
    );
    assert_eq!(count(notes, "<w:footnoteRef />"), 4);

    // Every paragraph of the body is styled; numbers are text followed by a tab.
    let body = paragraphs(document);
    for (_, para) in &body {
        assert!(para.style.is_some(), "unstyled paragraph {:?}", para.text);
    }
    let styled = |style: &str| -> Vec<&str> {
        body.iter().filter(|(_, p)| p.style.as_deref() == Some(style)).map(|(_, p)| p.text.as_str()).collect()
    };
    assert_eq!(
        styled("HCh"),
        [
            "I.\tRecommendations adopted by the Working Group",
            "II.\tOrganization of the meeting",
            "Annex I\nList of documents before the Working Group"
        ]
    );
    assert_eq!(styled("H1"), ["A.\tGeneral recommendations", "B.\tTraining"]);
    assert_eq!(styled("H23"), ["1.\tVictims of trafficking"]);
    assert_eq!(
        styled("SubItem1"),
        [
            "(a)\tCriminalize conduct that facilitates trafficking in persons;",
            "(b)\tEnact legislation for the implementation of the Convention."
        ]
    );
    assert_eq!(styled("SubItem2"), ["(i)\tIncluding participation;"]);
    let numbered: Vec<&str> =
        styled("SingleTxt").into_iter().filter(|t| t.starts_with(|c: char| c.is_ascii_digit())).collect();
    assert_eq!(numbered.len(), 33);
    assert_eq!(styled("SingleTxt").len(), 34, "and one unnumbered paragraph");
    for (i, text) in numbered.iter().enumerate() {
        assert!(text.starts_with(&format!("{}.\t", i + 1)), "paragraph {}: {text}", i + 1);
    }
    assert_eq!(styled("MastheadCaption").len(), 3);
    assert_eq!(styled("Title"), ["Report on the meeting of the Working Group on Trafficking in Persons"]);
    assert!(document.contains("<w:titlePg />"));
    assert_eq!(count(document, "<w:pageBreakBefore"), 1, "the annex starts a page");
    assert!(!document.contains("w:numPr"), "numbers must be text, not Word numbering");

    // Styles: the New York names, Footnote Reference superscript, Times New Roman.
    let styles = &p["word/styles.xml"];
    for name in ["HCh", "H1", "H23", "H4", "H56", "SingleTxt", "Footnote Text", "Footnote Reference", "Normal"] {
        assert!(styles.contains(&format!(r#"<w:name w:val="{name}" />"#)), "style {name}");
    }
    assert!(
        styles.contains(r#"w:styleId="FootnoteReference""#)
            && styles.contains(r#"<w:vertAlign w:val="superscript" />"#)
    );
    assert!(styles.contains("Times New Roman"));
    assert!(styles.contains(r#"<w:lang w:val="en""#));

    // Headers: the symbol on the outer side of odd and even pages, none on page 1.
    let headers: Vec<&String> = p.iter().filter(|(k, _)| k.starts_with("word/header")).map(|(_, v)| v).collect();
    assert_eq!(headers.len(), 3);
    assert_eq!(headers.iter().filter(|h| h.contains("CTOC/COP/WG.4/2009/2")).count(), 2);
    assert!(headers.iter().any(|h| h.contains("CTOC/COP/WG.4/2009/2") && h.contains(r#"<w:jc w:val="right" />"#)));
    assert!(headers.iter().any(|h| h.contains("CTOC/COP/WG.4/2009/2") && h.contains(r#"<w:jc w:val="left" />"#)));
    let footers: Vec<&String> = p.iter().filter(|(k, _)| k.starts_with("word/footer")).map(|(_, v)| v).collect();
    // Page 2 on: "PAGE/NUMPAGES" on the outer side, the job number on the inner side.
    let running: Vec<&&String> = footers.iter().filter(|f| f.contains(">PAGE<")).collect();
    assert_eq!(running.len(), 2);
    for f in &running {
        assert!(f.contains(">NUMPAGES<") && f.contains(">/<") && f.contains("V.09-82790 (E)"), "{f}");
        assert!(!f.contains("*0982790*"), "the bar code is on page 1 only");
    }
    let page = |f: &str| f.find(">PAGE<").unwrap();
    let job = |f: &str| f.find("V.09-82790").unwrap();
    assert_eq!(running.iter().filter(|f| page(f) < job(f)).count(), 1, "even pages: the counter first");
    assert_eq!(running.iter().filter(|f| page(f) > job(f)).count(), 1, "odd pages: the job number first");
    assert!(footers.iter().any(|f| f.contains("V.09-82790 (E)") && f.contains("*0982790*")));
    let rels = &p["word/_rels/document.xml.rels"];
    assert!(rels.contains("footnotes.xml"));
    assert!(document.contains(r#"w:type="even""#) && document.contains(r#"w:type="first""#));
    assert!(p["word/settings.xml"].contains("<w:evenAndOddHeaders />"));
    assert!(p["[Content_Types].xml"].contains("/word/footnotes.xml"));

    // Page: A4.
    assert!(document.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "A4");

    // Core properties from the session, never the clock.
    let core = &p["docProps/core.xml"];
    assert!(core.contains("<dc:title>Report on the meeting of the Working Group on Trafficking in Persons</dc:title>"));
    assert!(core.contains("<dc:subject>CTOC/COP/WG.4/2009/2</dc:subject>"));
    assert!(core.contains("<dc:language>en</dc:language>"));
    assert!(core.contains(">2009-04-21T00:00:00Z</dcterms:created>"));
    assert!(core.contains(">2009-04-21T00:00:00Z</dcterms:modified>"));

    // Zip entries: the document's date, no wall clock.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(write(&doc))).unwrap();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        let time = f.last_modified().unwrap();
        assert_eq!((time.year(), time.month(), time.day()), (2009, 4, 21), "{}", f.name());
    }
}

/// Word reads property containers as schema sequences: a few orders it insists on, checked in
/// every WordprocessingML part.
#[test]
fn parts_follow_the_schema_order() {
    let p = parts(&write(&sample(true)));
    for (name, xml) in p.iter().filter(|(k, _)| k.starts_with("word/") && !k.contains("_rels")) {
        // Children names per element, in order.
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut stack: Vec<(String, Vec<String>)> = Vec::new();
        let check = |parent: &str, kids: &[String]| {
            let pos = |n: &str| kids.iter().position(|k| k == n);
            let before = |a: &str, b: &str| match (pos(a), pos(b)) {
                (Some(x), Some(y)) => x < y,
                _ => true,
            };
            match parent {
                "w:pPr" => {
                    assert!(pos("w:pStyle").is_none_or(|i| i == 0), "{name}: pStyle not first in pPr: {kids:?}");
                    assert!(pos("w:rPr").is_none_or(|i| i == kids.len() - 1), "{name}: rPr not last in pPr: {kids:?}");
                    assert!(before("w:keepNext", "w:tabs") && before("w:tabs", "w:spacing"), "{name}: {kids:?}");
                    assert!(before("w:spacing", "w:ind") && before("w:ind", "w:jc"), "{name}: {kids:?}");
                }
                "w:rPr" => {
                    assert!(pos("w:rStyle").is_none_or(|i| i == 0), "{name}: rStyle not first: {kids:?}");
                    assert!(
                        before("w:rFonts", "w:b") && before("w:b", "w:i") && before("w:i", "w:sz"),
                        "{name}: {kids:?}"
                    );
                    assert!(before("w:sz", "w:vertAlign") && before("w:vertAlign", "w:lang"), "{name}: {kids:?}");
                }
                "w:style" => {
                    assert_eq!(kids.first().map(String::as_str), Some("w:name"), "{name}: {kids:?}");
                    assert!(before("w:basedOn", "w:next") && before("w:next", "w:qFormat"), "{name}: {kids:?}");
                    assert!(before("w:qFormat", "w:pPr") && before("w:pPr", "w:rPr"), "{name}: {kids:?}");
                }
                "w:tcPr" => assert!(before("w:tcW", "w:gridSpan") && before("w:gridSpan", "w:tcBorders")),
                "w:tblPr" => assert!(before("w:tblW", "w:tblInd") && before("w:tblBorders", "w:tblLayout")),
                "w:p" => assert!(pos("w:pPr").is_none_or(|i| i == 0)),
                "w:r" => assert!(pos("w:rPr").is_none_or(|i| i == 0)),
                _ => {}
            }
        };
        loop {
            match reader.read_event().unwrap() {
                Event::Eof => break,
                Event::Start(e) => {
                    let n = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                    if let Some(top) = stack.last_mut() {
                        top.1.push(n.clone());
                    }
                    stack.push((n, Vec::new()));
                }
                Event::Empty(e) => {
                    let n = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                    assert!(!(n == "w:gridCol" && attr(&e, b"w:type").is_some()), "{name}: gridCol has no type");
                    if let Some(top) = stack.last_mut() {
                        top.1.push(n);
                    }
                }
                Event::End(_) => {
                    let (n, kids) = stack.pop().unwrap();
                    check(&n, &kids);
                }
                _ => {}
            }
        }
    }
    // One definition per style, `Normal` the default paragraph style.
    let styles = &p["word/styles.xml"];
    let mut ids: Vec<&str> = styles.split("w:styleId=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate style ids");
    assert!(styles.contains(r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal">"#));
}

/// Sparse and odd documents: nothing panics, every part stays well-formed.
#[test]
fn sparse_and_odd_documents() {
    let mut bare = sample(false);
    bare.body.clear();
    bare.footnotes.clear();
    bare.masthead.caption.clear();
    bare.masthead.title.clear();
    bare.masthead.symbol = "NOSLASH".into();
    bare.masthead.job_number = None;
    bare.masthead.barcode = None;
    support::ooxml::validate("a bare document", &write(&bare));
    let p = parts(&write(&bare));
    assert!(!p["word/settings.xml"].contains("footnotePr"));
    assert!(!p["word/_rels/document.xml.rels"].contains("footnotes.xml"));

    // Deep items, a ragged table, an empty table, an unnumbered heading.
    let mut odd = sample(false);
    fn nest(depth: usize) -> Vec<Item> {
        if depth == 0 {
            return vec![];
        }
        vec![Item {
            id: format!("i{depth}"),
            label: format!("({depth})"),
            content: vec![t("deep")],
            items: nest(depth - 1),
        }]
    }
    odd.body.push(Block::Division(Division {
        kind: DivisionKind::Section,
        id: "unnumbered".into(),
        num: None,
        heading: vec![t("An unnumbered heading")],
        children: vec![
            Block::Paragraph(Paragraph { id: "deep".into(), num: Some("99.".into()), content: vec![], items: nest(7) }),
            Block::Table(Table {
                id: "ragged".into(),
                num: None,
                caption: vec![],
                header: vec![],
                rows: vec![vec![vec![t("one")]], vec![vec![t("a")], vec![t("b")], vec![t("c")]]],
            }),
            Block::Table(Table {
                id: "empty".into(),
                num: None,
                caption: vec![t("Empty")],
                header: vec![],
                rows: vec![],
            }),
        ],
    }));
    support::ooxml::validate("deep items and odd tables", &write(&odd));
    let p = parts(&write(&odd));
    let document = &p["word/document.xml"];
    assert!(!document.contains("</w:tbl><w:sectPr"), "a paragraph ends the body");
    let body = paragraphs(document);
    assert!(body.iter().any(|(_, p)| p.style.as_deref() == Some("SubItem4") && p.text == "(4)\tdeep"));
    assert_eq!(body.iter().filter(|(_, p)| p.text.ends_with("\tdeep")).count(), 7);

    // A date that is not a date is an error, not a panic.
    let mut bad = sample(false);
    bad.meta.date = "21 April 2009".into();
    let err = Format::Docx.write(&bad, &WriteOptions::default()).unwrap_err();
    assert!(err.to_string().contains("21 April 2009"), "{err}");
}

#[test]
fn same_bytes_in_one_process() {
    let doc = sample(false);
    let first = write(&doc);
    // Disturb docx-rs's global and thread-local counters between the builds.
    let _ = docx_rs_counters_disturbed();
    let _ = write(&sample(true));
    let second = write(&doc);
    assert!(first == second, "two builds in one process differ");
    // And on another thread (docx-rs's paragraph ids are thread-local).
    let third = std::thread::spawn(move || write(&sample(false))).join().unwrap();
    assert!(first == third, "a build on another thread differs");
}

fn docx_rs_counters_disturbed() -> usize {
    // Building a document through the writer again bumps every counter docx-rs keeps.
    let mut n = 0;
    for _ in 0..3 {
        n += write(&sample(true)).len();
    }
    n
}

/// The child half of `same_bytes_in_two_processes`: writes the sample when asked to.
#[test]
fn child_writes_sample() {
    if let Ok(path) = std::env::var("RAPPORTEUR_DOCX_CHILD_OUT") {
        std::fs::write(path, write(&sample(true))).unwrap();
    }
}

#[test]
fn same_bytes_in_two_processes() {
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for i in 0..2 {
        let out = dir.path().join(format!("child{i}.docx"));
        // Re-run this very test binary, running only the child test.
        let status = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "child_writes_sample", "--test-threads", "1"])
            .env("RAPPORTEUR_DOCX_CHILD_OUT", &out)
            .status()
            .unwrap();
        assert!(status.success());
        outputs.push(std::fs::read(&out).expect("the child wrote the file"));
    }
    assert!(outputs[0] == outputs[1], "two processes wrote different bytes");
    assert!(outputs[0] == write(&sample(true)), "this process and the children differ");
}

/// Every part of the test documents validates against the OOXML schemas (see also
/// `tests/docx_readers.rs` for the sessions).
#[test]
fn test_documents_are_schema_valid() {
    support::ooxml::validate("the sample", &write(&sample(false)));
    support::ooxml::validate("the hostile sample", &write(&sample(true)));
}

#[test]
fn hostile_text_is_written_literally() {
    let p = parts(&write(&sample(true)));
    let body = paragraphs(&p["word/document.xml"]);
    let hostile = body.iter().find(|(_, p)| p.text.contains("Hostile")).expect("the hostile paragraph");
    assert_eq!(
        hostile.1.text,
        "3.\tHostile <w:p><w:r><w:t>x</w:t></w:r></w:p> ]]> & &amp; \"q\" 'a' ctl\u{fffd}ctl vt\nvt end"
    );
    // The text did not become markup: one paragraph more than without it, no stray runs.
    let plain = paragraphs(&parts(&write(&sample(false)))["word/document.xml"]);
    assert_eq!(body.len(), plain.len() + 1);
}

// ---------------------------------------------------------------------------------------------
// LibreOffice.

fn require(tool: &str) {
    let found = Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().map(|o| o.status.success());
    assert!(
        found.unwrap_or(false),
        "`{tool}` is missing: install it (apt-get install -y libreoffice-writer-nogui poppler-utils); \
         the README's test command does"
    );
}

/// Converts a DOCX with LibreOffice and returns the text of each page of the PDF, whitespace
/// collapsed.
fn libreoffice_pages(docx: &[u8], dir: &Path) -> Vec<String> {
    libreoffice_pages_raw(docx, dir).iter().map(|p| normalize(p)).collect()
}

/// Converts a DOCX with LibreOffice and returns the text of each page of the PDF as pdftotext
/// prints it.
fn libreoffice_pages_raw(docx: &[u8], dir: &Path) -> Vec<String> {
    require("soffice");
    require("pdftotext");
    let input = dir.join("report.docx");
    std::fs::write(&input, docx).unwrap();
    // A private profile: parallel runs must not share (and lock) one.
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let out = Command::new("soffice")
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(&input)
        .output()
        .unwrap();
    let pdf = dir.join("report.pdf");
    assert!(
        out.status.success() && pdf.exists(),
        "soffice failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // -layout: lines in visual order (the raw order can put a justified line's last word first).
    let text = Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output().unwrap();
    assert!(text.status.success(), "pdftotext failed");
    // For looking at: RAPPORTEUR_KEEP_PDF=/tmp/dir keeps each test's PDF and DOCX there.
    if let Ok(keep) = std::env::var("RAPPORTEUR_KEEP_PDF") {
        let name = std::thread::current().name().unwrap_or("docx").replace("::", "-");
        let keep = Path::new(&keep).join(name);
        std::fs::copy(&pdf, keep.with_extension("pdf")).unwrap();
        std::fs::copy(&input, keep.with_extension("docx")).unwrap();
    }
    let text = String::from_utf8(text.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Whitespace collapsed to single spaces.
fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && !c.is_control() && *c != '\u{fffd}').collect()
}

/// Checks that LibreOffice's rendering of `doc` holds every heading, paragraph and footnote, each
/// footnote on the page that cites it.
fn check_rendering(doc: &Document, pages: &[String]) {
    // Compared without whitespace (pdftotext spaces superscripts and font fallbacks its own way)
    // and without control characters, which the writer replaces by U+FFFD.
    let pages: Vec<String> = pages.iter().map(|p| squash(p)).collect();
    let all = pages.concat();
    let mut checked = 0;
    fn walk(blocks: &[Block], f: &mut dyn FnMut(&str)) {
        for b in blocks {
            match b {
                Block::Division(d) => {
                    f(&rapporteur::document::plain_text(&d.heading));
                    walk(&d.children, f);
                }
                Block::Paragraph(p) => {
                    f(&rapporteur::document::plain_text(&p.content));
                    fn items(list: &[Item], f: &mut dyn FnMut(&str)) {
                        for i in list {
                            f(&rapporteur::document::plain_text(&i.content));
                            items(&i.items, f);
                        }
                    }
                    items(&p.items, f);
                }
                _ => {}
            }
        }
    }
    let mut missing = Vec::new();
    walk(&doc.body, &mut |text| {
        // Paragraphs may be split across pages; compare their first and last words.
        let words: Vec<&str> = text.split_whitespace().collect();
        let head = squash(&words.iter().take(6).copied().collect::<Vec<_>>().join(" "));
        let tail = squash(&words.iter().rev().take(4).rev().copied().collect::<Vec<_>>().join(" "));
        checked += 1;
        if !all.contains(&head) || !all.contains(&tail) {
            missing.push(text.to_string());
        }
    });
    assert!(missing.is_empty(), "missing from the LibreOffice rendering: {missing:#?}");
    assert!(checked > 0);

    // Each footnote: its text on the page where the words just before its reference stand.
    fn refs(blocks: &[Block], out: &mut Vec<(String, String)>) {
        fn inl(inlines: &[Inline], before: &mut String, out: &mut Vec<(String, String)>) {
            for i in inlines {
                match i {
                    Inline::Text { text } => before.push_str(text),
                    Inline::NoteRef { id, .. } => out.push((id.clone(), before.clone())),
                    other => inl(other.children(), before, out),
                }
            }
        }
        for b in blocks {
            match b {
                Block::Division(d) => {
                    inl(&d.heading, &mut String::new(), out);
                    refs(&d.children, out);
                }
                Block::Paragraph(p) => inl(&p.content, &mut String::new(), out),
                Block::Table(t) => {
                    for row in &t.rows {
                        for cell in row {
                            inl(cell, &mut String::new(), out);
                        }
                    }
                }
                Block::Officers(o) => {
                    for holder in o.offices.iter().flat_map(|office| &office.holders) {
                        inl(holder, &mut String::new(), out);
                    }
                }
                Block::Contents(_) => {}
            }
        }
    }
    let mut cites = Vec::new();
    for line in &doc.masthead.caption {
        let mut before = String::new();
        for i in line {
            match i {
                Inline::Text { text } => before.push_str(text),
                Inline::NoteRef { id, .. } => cites.push((id.clone(), before.clone())),
                _ => {}
            }
        }
    }
    refs(&doc.body, &mut cites);
    assert_eq!(cites.len(), doc.footnotes.len(), "every footnote is cited once");
    for (id, before) in cites {
        let note = doc.footnote(&id).unwrap();
        // (pdftotext reads a note's mark apart from its text, so the text alone is looked for.)
        let text = squash(&rapporteur::document::plain_text(&note.content));
        let words: Vec<&str> = before.split_whitespace().collect();
        // The citing word with the marker right after it (pdftotext prints it inline); one word
        // only, as the words before it may stand on the previous page.
        let context = squash(words.last().copied().unwrap_or(""));
        let cited = format!("{context}{}", squash(&note.marker));
        let note_page = pages.iter().position(|p| p.contains(&text));
        let Some(note_page) = note_page else { panic!("footnote {id} ({text}) not found in the rendering") };
        assert!(
            pages[note_page].contains(&cited),
            "footnote {id} is on page {} but its reference (`{cited}`) is not",
            note_page + 1
        );
    }
}

#[test]
fn libreoffice_renders_everything() {
    let doc = sample(true);
    let dir = tempfile::tempdir().unwrap();
    let pages = libreoffice_pages(&write(&doc), dir.path());
    assert!(pages.len() >= 3, "expected several pages, got {}", pages.len());
    check_rendering(&doc, &pages);
    let all = pages.join(" ");
    // Masthead, running header (page 2 on), first-page footer.
    for s in ["United Nations", "CTOC/COP/WG.4/2009/2", "Distr.: General", "21 April 2009", "Original: English"] {
        assert!(pages[0].contains(s), "page 1 lacks {s}");
    }
    assert!(pages[0].contains("V.09-82790 (E)"));
    assert!(pages[1].contains("CTOC/COP/WG.4/2009/2"), "page 2 has the symbol in its header");
    // Page 2 on: the counter "2/N" and the job number in the footer; the bar code on page 1 only.
    assert!(pages[1].contains(&format!("2/{}", pages.len())), "page 2 has the counter: {}", pages[1]);
    assert!(pages[1].contains("V.09-82790"), "page 2 has the job number in its footer");
    assert!(!pages[1].contains("*0982790*"), "the bar code is on page 1 only");
    // Hostile text came through literally.
    assert!(all.contains("Hostile <w:p><w:r><w:t>x</w:t></w:r></w:p> ]]> & &amp; \"q\" 'a'"), "{all}");
}

/// LibreOffice opens a table whose headings span columns and rows (`w:gridSpan`, `w:vMerge`,
/// `tests/fixtures/shapes/tables`) and prints each heading once, over the columns it spans:
/// "Unique identifier" on the line above "First" and "Last", and starting left of them.
#[test]
fn libreoffice_lays_out_headings_over_several_columns() {
    let doc = rapporteur::build::compile(&common::root().join("tests/fixtures/shapes/tables"))
        .unwrap_or_else(|d| panic!("the tables fixture must compile:\n{d}"))
        .document;
    let dir = tempfile::tempdir().unwrap();
    let pages = libreoffice_pages_raw(&write(&doc), dir.path());
    let all = pages.join("\n");
    for heading in ["Unique identifier", "Metric and quantity", "Reported year", "Article 6"] {
        assert_eq!(all.matches(heading).count(), 1, "{heading} once in:\n{all}");
    }
    let lines: Vec<&str> = all.lines().collect();
    let unique = lines.iter().position(|l| l.contains("Unique identifier")).unwrap();
    let first = lines.iter().position(|l| l.contains("First")).unwrap();
    assert!(first > unique, "the identifiers stand under their heading:\n{all}");
    let column = |line: &str, word: &str| line.find(word).unwrap();
    assert!(column(lines[first], "First") <= column(lines[unique], "Unique") + 2, "{all}");
    assert!(column(lines[first], "Last") > column(lines[unique], "Unique"), "{all}");
}

// ---------------------------------------------------------------------------------------------
// The reference session.

fn reference() -> (Document, Vec<u8>, String) {
    let compiled = rapporteur::build::compile(&common::reference_session())
        .unwrap_or_else(|d| panic!("the reference session must compile:\n{d}"));
    let doc = compiled.document;
    let docx = write(&doc);
    let text = String::from_utf8(Format::Text.write(&doc, &WriteOptions::default()).unwrap()).unwrap();
    (doc, docx, text)
}

#[test]
fn reference_session_parts() {
    let (doc, docx, _) = reference();
    let p = parts(&docx);
    assert_eq!(doc.footnotes.len(), 4);
    let mut notes: BTreeMap<i32, String> = BTreeMap::new();
    for (id, para) in paragraphs(&p["word/footnotes.xml"]) {
        let id: i32 = id.unwrap().parse().unwrap();
        if id > 0 {
            notes.entry(id).or_default().push_str(&para.text);
        }
    }
    let texts: Vec<String> =
        doc.footnotes.iter().map(|f| format!("#\t{}", rapporteur::document::plain_text(&f.content))).collect();
    assert_eq!(notes.into_values().collect::<Vec<_>>(), texts);
    let document = &p["word/document.xml"];
    assert_eq!(count(document, "<w:footnoteReference "), 4);
    assert_eq!(count(document, "customMarkFollows"), 0, "the report's notes are numbered 1-4");
    let body = paragraphs(document);
    assert!(body.iter().all(|(_, p)| p.style.is_some()), "every paragraph is styled");
    let numbered: Vec<&Para> =
        body.iter().map(|(_, p)| p).filter(|p| p.style.as_deref() == Some("SingleTxt")).collect();
    assert_eq!(numbered.len(), 56);
    for (i, para) in numbered.iter().enumerate() {
        assert!(para.text.starts_with(&format!("{}.\t", i + 1)), "paragraph {}: {}", i + 1, para.text);
    }
    assert!(p.iter().any(|(k, v)| k.starts_with("word/header") && v.contains(&doc.masthead.symbol)));
    let core = &p["docProps/core.xml"];
    assert!(core.contains(&format!("<dc:subject>{}</dc:subject>", doc.meta.symbol)));
    assert!(core.contains(&format!(">{}T00:00:00Z</dcterms:created>", doc.meta.date)));
    assert!(core.contains("<dc:title>Report on the meeting of the Working Group on Trafficking in Persons"));
    assert!(docx == write(&doc), "two builds differ");
}

/// The LibreOffice rendering of the reference DOCX says what the text writer says: every
/// heading, paragraph, sub-item and footnote of the text writer's output, in order, and each
/// footnote at the foot of the page that cites it.
#[test]
fn reference_session_renders_like_the_text_writer() {
    let (doc, docx, text) = reference();
    let dir = tempfile::tempdir().unwrap();
    let raw_pages = libreoffice_pages_raw(&docx, dir.path());
    let pages: Vec<String> = raw_pages.iter().map(|p| normalize(p)).collect();
    check_rendering(&doc, &pages);

    // The body as one stream: page furniture, footnote marks and footnote texts taken out.
    let notes: Vec<String> =
        doc.footnotes.iter().map(|f| squash(&rapporteur::document::plain_text(&f.content))).collect();
    let mut body = String::new();
    for page in &raw_pages {
        let mut kept = String::new();
        for line in page.lines() {
            let l = line.trim();
            // The running footer: the page counter "2/11" and the job number.
            let job = doc.masthead.job_number.as_deref().unwrap_or("\u{0}");
            let footer = l.replace(job, "");
            let furniture = l == doc.masthead.symbol
                || footer.trim().chars().all(|c| c.is_ascii_digit() || c == '*' || c == '/')
                || Some(l) == doc.masthead.barcode.as_deref();
            if !furniture {
                kept.push_str(l);
                kept.push(' ');
            }
        }
        let mut kept = squash(&kept).replace('*', "");
        for n in &notes {
            kept = kept.replace(&n.replace('*', ""), "");
        }
        body.push_str(&kept);
    }

    let expected = common::elements(&text);
    let count = |k: common::Kind| expected.iter().filter(|e| e.kind == k).count();
    assert_eq!(count(common::Kind::Paragraph), 56);
    assert_eq!(count(common::Kind::Footnote), 4);
    assert!(count(common::Kind::Chapter) >= 3 && count(common::Kind::Section) >= 10);
    let all_raw = squash(&raw_pages.concat()).replace('*', "");
    let mut at = 0;
    for e in &expected {
        let label = match e.kind {
            common::Kind::Chapter | common::Kind::Section => format!("{}.", e.label),
            common::Kind::Paragraph => format!("{}.", e.label),
            common::Kind::Item => e.label.clone(),
            common::Kind::Footnote => String::new(),
        };
        let want = squash(&superscript_to_ascii(&format!("{label} {}", e.text))).replace('*', "");
        if e.kind == common::Kind::Footnote {
            assert!(all_raw.contains(&want), "footnote {} missing: {want}", e.label);
            continue;
        }
        match body[at..].find(&want) {
            Some(i) => at += i + want.len(),
            None => panic!(
                "{:?} {} missing or out of order in the LibreOffice rendering:\n  want: {want}\n  near: {}",
                e.kind,
                e.label,
                body[at..].chars().take(300).collect::<String>()
            ),
        }
    }
}

fn superscript_to_ascii(s: &str) -> String {
    s.chars()
        .map(|c| match "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|d| d == c) {
            Some(i) => char::from(b'0' + i as u8),
            None => c,
        })
        .collect()
}

/// A report with a table of contents (`sessions/ctoc-cop-wg4-2016`): the page column is a
/// `PAGEREF` field to a bookmark on each heading, and in LibreOffice's rendering it gives the
/// page the heading stands on.
#[test]
fn contents_page_numbers_are_the_headings_pages() {
    let compiled = rapporteur::build::compile(&common::root().join("sessions/ctoc-cop-wg4-2016"))
        .unwrap_or_else(|d| panic!("the 2016 session must compile:\n{d}"));
    let doc = compiled.document;
    let Some(Block::Contents(contents)) = doc.body.iter().find(|b| matches!(b, Block::Contents(_))) else {
        panic!("the 2016 report has a table of contents");
    };
    let docx = write(&doc);
    let p = parts(&docx);
    let document = &p["word/document.xml"];
    assert_eq!(count(document, "PAGEREF"), contents.entries.len());
    // The contents' bookmarks (`rp1`…); the hidden paragraph anchors (`_p_…`) come on top.
    assert_eq!(count(document, r#" w:name="rp"#), contents.entries.len());

    let dir = tempfile::tempdir().unwrap();
    let pages = libreoffice_pages_raw(&docx, dir.path());
    let mut checked = 0;
    for e in contents.entries.iter().filter(|e| e.num.as_ref().is_some_and(|n| n.len() <= 5)) {
        // The contents line: "IV.  Protection of victims ........  18-19   3".
        let line = pages[0]
            .lines()
            .find(|l| l.contains(&format!("{}.", e.title)) || l.contains(&format!("{} .", e.title)))
            .unwrap_or_else(|| panic!("contents line for {:?} not found", e.title));
        let page: usize = line.split_whitespace().last().unwrap().parse().expect("a page number");
        let heading = squash(&format!("{} {}", e.num.as_deref().unwrap(), e.title));
        let found = pages.iter().skip(1).position(|p| squash(p).contains(&heading)).map(|i| i + 2);
        assert_eq!(
            found,
            Some(page),
            "{} {} is on page {found:?}, the contents say {page}",
            e.num.as_deref().unwrap(),
            e.title
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} entries checked");
}

/// The text of a piece of WordprocessingML: what its `w:t` elements hold.
fn run_text(xml: &str) -> String {
    let mut out = String::new();
    for piece in xml.split("<w:t").skip(1) {
        // `<w:t>` or `<w:t xml:space="preserve">`, not `<w:tab/>`, `<w:tc>`, `<w:tbl>`…
        let Some(rest) =
            piece.strip_prefix('>').or_else(|| piece.strip_prefix(' ').and_then(|r| r.split_once('>').map(|x| x.1)))
        else {
            continue;
        };
        out.push_str(rest.split("</w:t>").next().unwrap_or_default());
    }
    out
}

/// The chunks of `xml` between `<open` and `</close>`.
fn chunks<'a>(xml: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    xml.split(open).skip(1).map(|c| c.split(close).next().unwrap_or_default()).collect()
}

/// A lead-in ("States parties should:") keeps with its first item in Word too (`w:keepNext`).
#[test]
fn lead_ins_keep_with_their_first_item() {
    let (_, docx, _) = reference();
    let document = &parts(&docx)["word/document.xml"];
    let paragraphs = chunks(document, "<w:p ", "</w:p>");
    let lead_ins: Vec<&&str> = paragraphs.iter().filter(|p| run_text(p).ends_with("States parties should:")).collect();
    assert!(lead_ins.len() >= 3, "the reference has several lead-ins: {}", lead_ins.len());
    for p in lead_ins {
        assert!(p.contains("<w:keepNext"), "lead-in without keepNext: {}", run_text(p));
    }
    // An ordinary paragraph (no items) does not hold the next one.
    let plain = paragraphs.iter().find(|p| run_text(p).contains("With regard to training, States parties")).unwrap();
    assert!(!plain.contains("<w:keepNext"), "{}", run_text(plain));
}

/// Table columns of text are left-aligned, columns of figures right-aligned (their heads too).
#[test]
fn table_figures_right_text_left() {
    let doc = rapporteur::build::compile(&common::root().join("sessions/ctoc-cop-wg4-2016")).unwrap().document;
    let document = &parts(&write(&doc))["word/document.xml"];
    let cells: Vec<&str> = chunks(document, "<w:tc", "</w:tc>");
    let cell = |text: &str| *cells.iter().find(|c| run_text(c) == text).unwrap_or_else(|| panic!("no cell {text:?}"));
    let right = |c: &str| c.contains(r#"<w:jc w:val="right""#);
    for figure in ["12", "28", "Replies"] {
        assert!(right(cell(figure)), "{figure:?} should be right-aligned");
    }
    for text in ["Africa", "Europe", "Region"] {
        assert!(!right(cell(text)), "{text:?} should be left-aligned");
    }
}
