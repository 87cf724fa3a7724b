//! Akoma Ntoso written by other producers (`../shared/akn-corpus/`): every file in the genre
//! imports with no word lost — every word of the source (outside `meta`) appears, in order, in
//! the text the imported session builds, and every footnote's words in it too — loads, checks
//! and builds; earlier versions and other document types are refused with errors that say why.
//! Small hand-made documents exercise the same constructs written differently.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use quick_xml::Reader;
use quick_xml::events::Event;

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/akn-corpus").join(name)
}

fn rapporteur(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur")).args(args).current_dir(dir).output().unwrap()
}

/// Lower-case words without punctuation ("Distr.:" → "distr").
fn words(text: &str) -> Vec<String> {
    // Footnote markers (¹) are not part of words.
    text.split(|c: char| !(c.is_alphabetic() || c.is_ascii_digit()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Elements inside running text: no word boundary at their edges ("on<ref>Article" is one
/// word as the source prints it).
const INLINE: &[&str] = &[
    "i",
    "b",
    "u",
    "sup",
    "sub",
    "span",
    "ref",
    "mref",
    "rref",
    "inline",
    "term",
    "def",
    "abbr",
    "date",
    "docDate",
    "docTitle",
    "docNumber",
    "docStatus",
    "docProponent",
    "docStage",
    "docType",
    "docPurpose",
    "docketNumber",
    "person",
    "organization",
    "role",
    "location",
    "quantity",
    "fillIn",
    "concept",
    "entity",
    "object",
    "event",
    "process",
    "noteRef",
    "marker",
    "placeholder",
    "session",
    "shortTitle",
    "legislature",
    "a",
    "signature",
    "judge",
    "party",
    "lawyer",
    "neutralCitation",
    "courtType",
    "omissis",
    "new",
    "old",
    "eol",
    "remark",
    "from",
];

/// The source's words outside `meta`, in order, and each authorial note's words apart (the
/// report prints notes at the foot, not where they are anchored).
fn source_words(xml: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let (mut body, mut notes) = (String::new(), Vec::<String>::new());
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if !INLINE.contains(&name.as_str()) {
                    body.push(' ');
                    if let Some(n) = notes.last_mut() {
                        n.push(' ');
                    }
                }
                if name == "authorialNote" && !stack.iter().any(|n| n == "meta") {
                    notes.push(String::new());
                }
                stack.push(name);
            }
            Event::End(_) => {
                if let Some(name) = stack.pop()
                    && !INLINE.contains(&name.as_str())
                {
                    body.push(' ');
                    if let Some(n) = notes.last_mut() {
                        n.push(' ');
                    }
                }
            }
            Event::Text(t) => {
                if stack.iter().any(|n| n == "meta") {
                    continue;
                }
                let t = t.decode().unwrap();
                let out =
                    if stack.iter().any(|n| n == "authorialNote") { notes.last_mut().unwrap() } else { &mut body };
                out.push_str(&t);
            }
            Event::GeneralRef(r) => {
                if stack.iter().any(|n| n == "meta") {
                    continue;
                }
                let c = r.resolve_char_ref().unwrap().map(String::from).unwrap_or_else(|| {
                    quick_xml::escape::resolve_predefined_entity(&r.decode().unwrap()).unwrap().to_string()
                });
                let out =
                    if stack.iter().any(|n| n == "authorialNote") { notes.last_mut().unwrap() } else { &mut body };
                out.push_str(&c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (words(&body), notes.iter().map(|n| words(n)).collect())
}

/// The first source word not found, in order, in `built` (with its neighbourhood), if any.
fn first_lost(source: &[String], built: &[String]) -> Option<String> {
    let mut at = 0;
    for (i, w) in source.iter().enumerate() {
        match built[at..].iter().position(|b| b == w) {
            Some(j) => at += j + 1,
            None => {
                let from = i.saturating_sub(5);
                return Some(format!("`{w}` (word {i}, after: {})", source[from..i].join(" ")));
            }
        }
    }
    None
}

/// Imports `file` into a fresh folder, checks it, builds every format and returns the
/// warnings of the import and the built text.
fn import_and_build(xml: &str, name: &str) -> (String, String) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join(name), xml).unwrap();
    let out = rapporteur(&["import", name, "--from", "akn", "-o", "s/imported"], dir);
    let warnings = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{name}: {warnings}");
    let out = rapporteur(&["check", "s/imported"], dir);
    assert_eq!(out.status.code(), Some(0), "{name}: check: {}", String::from_utf8_lossy(&out.stderr));
    let out = rapporteur(&["build", "s/imported", "-o", "out"], dir);
    assert_eq!(out.status.code(), Some(0), "{name}: build: {}", String::from_utf8_lossy(&out.stderr));
    for ext in ["txt", "html", "pdf", "docx", "xml"] {
        assert!(dir.join(format!("out/imported.{ext}")).is_file(), "{name}: no .{ext} built");
    }
    (warnings, std::fs::read_to_string(dir.join("out/imported.txt")).unwrap())
}

fn no_word_lost(xml: &str, name: &str, built: &str) {
    let (body, notes) = source_words(xml);
    let built = words(built);
    if let Some(lost) = first_lost(&body, &built) {
        panic!("{name}: a word of the source is lost: {lost}");
    }
    for note in notes {
        if let Some(lost) = first_lost(&note, &built) {
            panic!("{name}: a word of a note is lost: {lost}");
        }
    }
}

fn read(name: &str) -> String {
    std::fs::read_to_string(corpus(name)).unwrap()
}

#[test]
fn final_namespace_files_in_the_genre_import_whole_and_build() {
    for (name, expect) in [
        ("oasis-ke-debate-bungeni-2011-06-10.xml", "<speech> has no place"),
        ("oasis-eu-com-2013-619-collection.xml", "component <bill>"),
        ("itu-pp18-resolution-2.akn4un.xml", "eId `para_2` is used more than once"),
    ] {
        let xml = read(name);
        let (warnings, built) = import_and_build(&xml, name);
        assert!(warnings.contains(expect), "{name}: no warning `{expect}`:\n{warnings}");
        no_word_lost(&xml, name, &built);
    }
}

#[test]
fn a_file_without_masthead_loads_and_keeps_every_word() {
    // Laws.Africa's fixture has no docTitle, docDate or docProponent: it loads, and `check`
    // names exactly the masthead fields that are missing, each of which the import reported.
    let name = "lawsafrica-bluebell-cbd-debatereport.xml";
    let xml = read(name);
    let (session, warnings) = rapporteur::import::import_akn(&xml).unwrap();
    let messages: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    for field in ["`title` left empty", "`date` left empty", "`organ` left empty"] {
        assert!(messages.iter().any(|m| m.contains(field)), "{field}: {messages:#?}");
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("session.yaml"), rapporteur::import::to_yaml(&session)).unwrap();
    let loaded = rapporteur::session::load::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.session, session);
    // Fill in what the file lacks and it builds, every word in place.
    let mut s = session;
    s.date = Some(rapporteur::session::Date::parse("2014-10-17").unwrap());
    s.organ = "Conference of the Parties".into();
    s.title = "Decisions".into();
    s.meeting.name = "Conference of the Parties".into();
    s.meeting.venue = "Pyeongchang".into();
    s.meeting.dates = vec![s.date.unwrap()];
    std::fs::write(dir.join("session.yaml"), rapporteur::import::to_yaml(&s)).unwrap();
    let out = rapporteur(&["build", "s", "-f", "text", "-o", "out"], tmp.path());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    no_word_lost(&xml, name, &std::fs::read_to_string(tmp.path().join("out/s.txt")).unwrap());
}

fn refusal(xml: &str) -> String {
    match rapporteur::import::import_akn(xml) {
        Ok(_) => panic!("accepted"),
        Err(d) => d.to_string(),
    }
}

#[test]
fn earlier_versions_and_other_document_types_are_refused_by_name() {
    let m = refusal(&read("bungeni-order-of-day-2008-03-19.akn20.xml"));
    assert!(m.contains("Akoma Ntoso 2.0"), "{m}");
    let m = refusal(&read("un-ecosoc-cnd-draft-resolution-2012.akn20.xml"));
    assert!(m.contains("Akoma Ntoso 2.0") && m.contains("<bill>"), "{m}");
    let m = refusal(&read("oasis-za-judgment-2008-11-26.wd17.xml"));
    assert!(m.contains("3.0 draft WD17") && m.contains("<judgment>"), "{m}");
    // The AKN namespace declared, but not the root's own.
    let other = format!(r#"<akomaNtoso xmlns="urn:other" xmlns:a="{NS}"><a:doc><a:meta/></a:doc></akomaNtoso>"#);
    let m = refusal(&other);
    assert!(m.contains("in namespace `urn:other`, not Akoma Ntoso"), "{m}");
    // Final namespace, but not a meeting record.
    let act = r#"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><meta/><body/></act></akomaNtoso>"#;
    let m = refusal(act);
    assert!(m.contains("<act>") && m.contains("not a meeting record"), "{m}");
}

const NS: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

#[test]
fn hand_made_documents_with_prefixes_debates_and_statements() {
    // A prefixed root with xsi and a vendor namespace declared first; a debate with a speech,
    // a question, a vote count and a note in meta/notes; nothing else.
    let debate = format!(
        r##"<?xml version="1.0"?>
<x:akomaNtoso xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:v="urn:vendor" xmlns:x="{NS}" xsi:schemaLocation="{NS} akn.xsd">
  <x:debate name="minutes">
    <x:meta><x:identification source="#a"><x:FRBRWork><x:FRBRuri value="/akn/xx/debate/2020-05-04"/><x:FRBRdate date="2020-05-04" name="x"/><x:FRBRauthor href="#council"/></x:FRBRWork></x:identification>
      <x:references source="#a"><x:TLCOrganization eId="council" href="/o/council" showAs="Town Council"/></x:references>
      <x:notes source="#a"><x:note eId="n1"><x:p>Quorum checked by the clerk.</x:p></x:note></x:notes></x:meta>
    <x:preface><x:p><x:docTitle>Minutes of the sitting</x:docTitle> held on <x:docDate date="2020-05-04">Monday 4 May</x:docDate></x:p><x:p><x:docNumber>TC/2020/7</x:docNumber></x:p></x:preface>
    <x:debateBody>
      <x:debateSection name="opening" eId="open"><x:heading>Opening</x:heading>
        <x:speech by="#mayor"><x:from>The Mayor</x:from><x:p>I declare the sitting open.<x:noteRef href="#n1"/></x:p></x:speech>
        <x:narrative>Members rose for a minute of silence.</x:narrative>
      </x:debateSection>
      <x:debateSection name="votes" eId="votes"><x:heading>Votes</x:heading>
        <x:voting><x:p>Ayes: <x:quantity normalized="12">twelve</x:quantity>; Noes: <x:quantity normalized="3">three</x:quantity></x:p></x:voting>
        <x:scene>Laughter | applause *</x:scene>
      </x:debateSection>
    </x:debateBody>
  </x:debate>
</x:akomaNtoso>"##
    );
    let (warnings, built) = import_and_build(&debate, "minutes.xml");
    assert!(warnings.contains("<speech> has no place"), "{warnings}");
    assert!(built.contains("Quorum checked by the clerk."), "{built}");
    assert!(built.contains("Laughter | applause *"), "{built}");
    no_word_lost(&debate, "minutes.xml", &built);

    // A statement: preamble with recitals, operative paragraphs numbered from 3 (not 1), a
    // duplicated eId, an authorialNote, a table in a paragraph.
    let statement = format!(
        r##"<akomaNtoso xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <statement name="decision">
    <meta><identification source="#a"><FRBRWork><FRBRuri value="/akn/un/statement/decision/2021/4"/><FRBRdate date="2021-03-01" name="adoption"/><FRBRauthor href="#assembly"/><FRBRnumber value="4/2"/></FRBRWork></identification>
      <references source="#a"><TLCOrganization eId="assembly" href="/o/assembly" showAs="Assembly of States"/></references></meta>
    <preface><p><docStatus>Distr.: LIMITED</docStatus></p><longTitle><p>Decision 4/2: Budget {{for}} 2022</p></longTitle></preface>
    <preamble><recitals><recital eId="r1"><p><i>Recalling</i> its decision 3/1,<authorialNote eId="fn1" marker="1"><p>See A/76/1, para. 3.</p></authorialNote></p></recital><recital eId="r1"><p><i>Noting</i> the report: "a | b",</p></recital></recitals></preamble>
    <mainBody>
      <hcontainer name="operative" eId="op"><paragraph eId="p3"><num>3.</num><content><p>Approves the budget;</p><table><tr><th><p>Item</p></th><th><p>Amount</p></th></tr><tr><td><p>Staff</p></td><td><p>1,000</p></td></tr></table></content></paragraph>
      <paragraph eId="p3"><num>4.</num><content><p>Requests a report [annual] at 5 \ 6.</p></content></paragraph></hcontainer>
    </mainBody>
  </statement>
</akomaNtoso>"##
    );
    let (session, _) = rapporteur::import::import_akn(&statement).unwrap();
    assert_eq!(session.distribution, Some(rapporteur::session::Distribution::Limited), "from docStatus");
    let (warnings, built) = import_and_build(&statement, "decision.xml");
    assert!(warnings.contains("eId `p3` is used more than once"), "{warnings}");
    assert!(warnings.contains("`4/2`"), "the symbol is taken from FRBRnumber: {warnings}");
    assert!(built.contains("See A/76/1, para. 3."), "{built}");
    assert!(built.contains("3. Approves the budget;"), "{built}");
    no_word_lost(&statement, "decision.xml", &built);
}
