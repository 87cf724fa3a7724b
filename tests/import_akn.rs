//! Importing Akoma Ntoso: our own output comes back with its ids, footnotes and references;
//! malformed, hostile and foreign documents give clear errors, never a panic.

mod akn_common;
mod common;

use rapporteur::import::{import_akn, to_yaml};
use rapporteur::session::Session;
use rapporteur::writers::{Format, WriteOptions};

fn sample_xml() -> String {
    String::from_utf8(Format::Akn.write(&akn_common::sample(), &WriteOptions::default()).unwrap()).unwrap()
}

#[test]
fn own_output_comes_back() {
    let (s, warnings) = import_akn(&sample_xml()).unwrap();
    assert_eq!(s.symbol, "CTOC/COP/WG.4/2009/2");
    assert_eq!(s.body.as_deref(), Some("ctoc-cop"));
    assert_eq!(s.date.unwrap().iso(), "2009-04-21");
    assert_eq!(s.language, "en");
    assert_eq!(s.organ, "Conference of the Parties");
    assert_eq!(s.printed_distribution().name(), "General");
    assert_eq!(s.original, "English");
    assert_eq!(s.job_number.as_deref(), Some("V.09-82790 (E)"));
    assert_eq!(s.meeting.name, "Working Group on Trafficking in Persons");
    assert_eq!(s.meeting.venue, "Vienna");
    assert_eq!(s.meeting.dates.len(), 2);
    assert_eq!(s.meeting.caption_item.as_deref(), Some("Item 2 of the provisional agenda[^agenda]"));
    assert_eq!(s.title, "Report on the meeting of the *Working Group*");

    let ch = &s.chapters[0];
    assert_eq!(ch.id.as_deref(), Some("recommendations"));
    let p1 = ch.paragraphs[0].text().unwrap();
    assert_eq!(ch.paragraphs[0].id.as_deref(), Some("adopted"));
    assert!(p1.contains("chaired by {person:krois|Dominika Krois} ({org:poland|Poland}), {role:chair|Chair}"), "{p1}");
    assert!(p1.contains("the Convention,[^unts-convention] see {para:functions} and"), "{p1}");
    let sec = &ch.sections[0];
    assert_eq!(sec.id.as_deref(), Some("general"));
    let group = &sec.groups[0];
    assert_eq!(group.id.as_deref(), Some("victims"));
    let p2 = &group.paragraphs[0];
    assert_eq!(p2.items()[0].id.as_deref(), Some("functions-a"));
    assert_eq!(p2.items()[0].text, "Facilitate implementation < & > of the Protocol;");
    assert_eq!(p2.items()[0].items[0].text, "Including \"experts\";");

    let f = &s.footnotes["unts-convention"];
    assert_eq!((f.cite.map(|c| c.key()), f.vol, f.no.as_deref()), (Some("unts"), Some(2225), Some("39574")));
    assert_eq!(s.footnotes["agenda"].text.as_deref(), Some("CTOC/COP/WG.4/2009/1."));

    // The annex comes back with its table and paragraphs; the table of contents as a flag.
    assert!(warnings.is_empty(), "{warnings:#?}");
    assert!(s.contents);
    let annex = &s.annexes[0];
    assert_eq!((annex.id.as_deref(), annex.title.as_str()), (Some("annex-1"), "List of documents"));
    let table = annex.paragraphs[0].table().unwrap();
    assert_eq!(table.header.texts(), ["Symbol", "Title"]);
    assert_eq!(table.rows[0], ["CTOC/COP/WG.4/2009/1", "Agenda[^tbl-note]"]);
    assert_eq!(annex.paragraphs[1].text(), Some("**Bold**"));
    assert_eq!(annex.paragraphs[3].id.as_deref(), Some("_3_odd_id"));

    let yaml = to_yaml(&s);
    let back: Session = serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    assert_eq!(back, s);
}

fn error_of(xml: &str) -> String {
    match import_akn(xml) {
        Ok(_) => panic!("accepted:\n{xml}"),
        Err(d) => {
            assert!(d.has_errors());
            d.to_string()
        }
    }
}

#[test]
fn truncated_xml_is_refused() {
    let xml = sample_xml();
    for cut in [xml.len() / 3, xml.len() / 2, xml.len() - 20] {
        let mut at = cut;
        while !xml.is_char_boundary(at) {
            at -= 1;
        }
        let e = error_of(&xml[..at]);
        assert!(e.contains("truncated") || e.contains("not well-formed"), "{e}");
    }
}

#[test]
fn doctype_and_entity_bomb_are_refused() {
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><debateReport><meta/><mainBody><paragraph eId="p"><content><p>&lol3;</p></content></paragraph></mainBody></debateReport></akomaNtoso>"#;
    let e = error_of(bomb);
    assert!(e.contains("DOCTYPE") && e.contains("billion laughs"), "{e}");
    // An undeclared entity without a DOCTYPE is refused too.
    let e = error_of(
        r#"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc><meta/><mainBody><p>&lol;</p></mainBody></doc></akomaNtoso>"#,
    );
    assert!(e.contains("unknown entity"), "{e}");
}

#[test]
fn wrong_namespace_is_refused() {
    let xml = sample_xml().replace("http://docs.oasis-open.org/legaldocml/ns/akn/3.0", "http://www.akomantoso.org/2.0");
    let e = error_of(&xml);
    assert!(e.contains("namespace") && e.contains("akomantoso.org/2.0"), "{e}");
    // No namespace at all (SayIt-style exports): the version cannot be told, and the hint says
    // how to declare it.
    let e = error_of("<akomaNtoso><debate><meta/><debateBody/></debate></akomaNtoso>");
    assert!(e.contains("no namespace") && e.contains("<akomaNtoso xmlns="), "{e}");
    let e = error_of("<html><body/></html>");
    assert!(e.contains("not <akomaNtoso>"), "{e}");
    let e = error_of("");
    assert!(e.contains("no XML element"), "{e}");
}

#[test]
fn deep_nesting_is_refused() {
    let mut xml = String::from(r#"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">"#);
    for _ in 0..10_000 {
        xml.push_str("<b>");
    }
    let e = error_of(&xml);
    assert!(e.contains("nested"), "{e}");
}

#[test]
fn foreign_document_is_read() {
    // Another producer: prefixed namespace, `doc`, indentation, `section` at the top, no eIds on
    // items, a note without eId.
    let xml = r##"<?xml version="1.0"?>
<an:akomaNtoso xmlns:an="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <an:doc name="report">
    <an:meta>
      <an:identification source="#x">
        <an:FRBRWork><an:FRBRthis value="/akn/un/doc/report/2010-01-29/A-1/!main"/><an:FRBRuri value="/akn/un/doc/report/2010-01-29/A-1"/><an:FRBRdate date="2010-01-29" name="x"/><an:FRBRauthor href="#x"/><an:FRBRcountry value="un"/></an:FRBRWork>
      </an:identification>
    </an:meta>
    <an:preface><an:p><an:docNumber>A/1</an:docNumber></an:p><an:p><an:docTitle>A title</an:docTitle></an:p></an:preface>
    <an:mainBody>
      <an:section eId="sec_1">
        <an:num>I.</an:num>
        <an:heading>Introduction</an:heading>
        <an:paragraph eId="sec_1__para_1">
          <an:num>1.</an:num>
          <an:content>
            <an:p>Text with a note<an:authorialNote marker="1"><an:p>United Nations, <an:i>Treaty Series</an:i>, vol. 1, No. 2.</an:p></an:authorialNote> and more.</an:p>
          </an:content>
        </an:paragraph>
        <an:speech by="#x"><an:from>The Chair</an:from><an:p>Thanks.</an:p></an:speech>
      </an:section>
    </an:mainBody>
  </an:doc>
</an:akomaNtoso>"##;
    let (s, warnings) = import_akn(xml).unwrap();
    assert!(warnings.iter().any(|w| w.message.contains("<speech> has no place")), "{warnings:#?}");
    assert_eq!(s.symbol, "A/1");
    assert_eq!(s.title, "A title");
    assert_eq!(s.date.unwrap().iso(), "2010-01-29");
    // Another producer's preface is kept whole as narrative (a date as printed, a session line…
    // would otherwise be lost), and its own division numbers stay in the titles.
    let preface: Vec<&str> = s.chapters[0].paragraphs.iter().map(|p| p.text().unwrap()).collect();
    assert_eq!((s.chapters[0].title.as_str(), preface), ("Preface", vec!["A/1", "A title"]));
    let ch = &s.chapters[1];
    assert_eq!(ch.title, "I. Introduction");
    assert_eq!(ch.paragraphs[0].text(), Some("Text with a note[^note-1] and more."));
    assert!(ch.paragraphs[0].numbered, "numbered 1 as the report numbers it");
    assert_eq!(s.footnotes["note-1"].vol, Some(1));
    // A speech has no place in the session format: its text is kept as unnumbered paragraphs.
    let texts: Vec<(&str, bool)> = ch.paragraphs.iter().map(|p| (p.text().unwrap(), p.numbered)).collect();
    assert_eq!(texts[1..], [("The Chair", false), ("Thanks.", false)]);
}

#[test]
fn garbage_never_panics() {
    let xml = sample_xml();
    // Every prefix of our own output (a cheap fuzz for the reader), and some odd inputs.
    for at in (0..xml.len()).step_by(97) {
        if xml.is_char_boundary(at) {
            let _ = import_akn(&xml[..at]);
        }
    }
    for odd in ["<", "<a", "<a>", "</a>", "<a></b>", "<?xml?>", "<!-- -->", "\u{0}", "<a b='&#xD800;'/>", "<a>&#0;</a>"]
    {
        let _ = import_akn(odd);
    }
}

#[test]
fn mangled_xml_never_panics() {
    let xml = sample_xml();
    let bytes = xml.as_bytes();
    let pieces = ["<", ">", "&", "&amp;", "\"", "</p>", "<p>", "<!DOCTYPE x>", "<![CDATA[x]]>", "&#0;", "\u{0}", "é"];
    let mut state = 11u64;
    let mut next = |n: usize| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % n.max(1)
    };
    for _ in 0..400 {
        let mut m = bytes.to_vec();
        for _ in 0..1 + next(4) {
            let at = next(m.len());
            match next(3) {
                0 => {
                    let end = (at + next(40)).min(m.len());
                    m.drain(at..end);
                }
                1 => {
                    let p = pieces[next(pieces.len())].as_bytes();
                    m.splice(at..at, p.iter().copied());
                }
                _ => m[at] = b"<>&\"'/=ab "[next(10)],
            }
        }
        if let Ok(s) = String::from_utf8(m)
            && let Ok((session, _)) = import_akn(&s)
        {
            let yaml = to_yaml(&session);
            let back: Session = serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
            if back != session {
                let (a, b) = (format!("{back:?}"), format!("{session:?}"));
                let at = a.bytes().zip(b.bytes()).position(|(x, y)| x != y).unwrap_or(0);
                panic!(
                    "YAML reads back differently at …{}… vs …{}…\n{yaml}",
                    &a[at.saturating_sub(150)..(at + 150).min(a.len())],
                    &b[at.saturating_sub(150)..(at + 150).min(b.len())]
                );
            }
        }
    }
}

#[test]
fn byte_order_mark_is_accepted() {
    let plain = import_akn(&sample_xml()).unwrap().0;
    assert_eq!(import_akn(&format!("\u{feff}{}", sample_xml())).unwrap().0, plain);
}

/// A speech that names its speaker only in `by` (no `<from>`), as SayIt-style exports and
/// parliamentary systems write them, keeps the speaker: the name the reference shows stands
/// first, as `<from>` would print it. The title comes from `FRBRalias name="title"` (Laws.Africa,
/// Indigo) when there is no docTitle.
#[test]
fn speakers_named_only_in_by_are_kept() {
    let xml = r##"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
<debate name="hansard"><meta>
<identification source="#x"><FRBRWork><FRBRthis value="/akn/za/debate/hansard/2009-05-26/!main"/>
  <FRBRuri value="/akn/za/debate/hansard/2009-05-26"/><FRBRalias value="Pan-African Parliament Hansard" name="title"/>
  <FRBRdate date="2009-05-26" name="Generation"/><FRBRauthor href="#pap"/><FRBRcountry value="za"/></FRBRWork></identification>
<references source="#x">
  <TLCPerson eId="speaker" href="/ontology/person/speaker" showAs="TUAN SPEAKER"/>
</references></meta>
<debateBody><debateSection eId="s1"><heading>15 July 2020</heading>
  <speech by="#speaker"><p>Good morning.</p></speech>
  <speech by="#unknown-member"><p>Question 29.</p></speech>
  <speech by="#speaker"><from>The Speaker:</from><p>Order.</p></speech>
</debateSection></debateBody></debate></akomaNtoso>"##;
    let (s, _) = import_akn(xml).unwrap();
    assert_eq!(s.title, "Pan-African Parliament Hansard");
    let texts: Vec<&str> = s.chapters[0].paragraphs.iter().filter_map(|p| p.text()).collect();
    assert_eq!(texts, ["TUAN SPEAKER:", "Good morning.", "unknown-member:", "Question 29.", "The Speaker:", "Order."]);
}

/// A bureau listed by office comes back from our Akoma Ntoso as `officers:` data and
/// `officers: by_office`, and the imported session rebuilds the same text.
#[test]
fn officers_by_office_round_trip_through_our_akn() {
    use rapporteur::writers::{Format, WriteOptions};
    let text_of = |doc: &rapporteur::document::Document| {
        String::from_utf8(Format::Text.write(doc, &WriteOptions::default()).unwrap()).unwrap()
    };
    let built = rapporteur::build::compile(&common::officers_fixture()).unwrap().document;
    let written = String::from_utf8(Format::Akn.write(&built, &WriteOptions::default()).unwrap()).unwrap();
    let (session, warnings) = import_akn(&written).unwrap();
    let unplaced: Vec<String> = warnings.iter().map(|w| w.to_string()).filter(|w| w.contains("not placed")).collect();
    assert!(unplaced.is_empty(), "{unplaced:#?}");
    common::assert_bureau_back(&session, "Akoma Ntoso");
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("session.yaml"), to_yaml(&session)).unwrap();
    let again = rapporteur::build::compile(tmp.path()).unwrap_or_else(|d| panic!("{d}")).document;
    assert_eq!(text_of(&again), text_of(&built), "the text differs after the round trip");
}

/// Header rows of `th` with their spans come back as header rows; a header the session could not
/// hold (a row wider than the table) keeps its words as the first rows of the body.
#[test]
fn header_rows_and_their_spans() {
    let xml = sample_xml();
    let head = "<tr><th><p>Symbol</p></th><th><p>Title</p></th></tr>";
    assert!(xml.contains(head), "the sample's header row");
    let spanned = xml.replace(
        head,
        "<tr><th colspan=\"2\"><p>Document</p></th></tr><tr><th><p>Symbol</p></th><th><p>Title</p></th></tr>",
    );
    let (s, _) = import_akn(&spanned).unwrap();
    let table = s.annexes[0].paragraphs[0].table().unwrap();
    assert_eq!(table.header.rows.len(), 2);
    assert_eq!((table.header.rows[0][0].text.as_str(), table.header.rows[0][0].columns), ("Document", 2));
    assert_eq!(table.header.rows[1].iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["Symbol", "Title"]);
    let irregular = xml.replace(
        head,
        "<tr><th colspan=\"3\"><p>Document</p></th></tr><tr><th><p>Symbol</p></th><th><p>Title</p></th></tr>",
    );
    let (s, _) = import_akn(&irregular).unwrap();
    let table = s.annexes[0].paragraphs[0].table().unwrap();
    assert!(table.header.is_empty());
    assert_eq!(table.rows[0], ["Document"]);
    assert_eq!(table.rows[1], ["Symbol", "Title"]);
}
