//! Translations kept with the data (issue 15, part 4), through the command line as a translator's
//! round trip goes: `rapporteur xliff export` (validated with xmllint against the XLIFF 2.0 core
//! schema, `tests/schemas/xliff/`), the targets filled in here as a translation tool would, `rapporteur
//! xliff import` into `translations/fr.yaml`, and a build in French, whose paragraphs carry the
//! translations with their footnote references and cross-references intact. Then the original
//! changes (a stale translation is reported) and a translation goes missing (reported too).

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

use rapporteur::build::compile_in;
use rapporteur::document::{Document, Inline, Paragraph, plain_text};
use rapporteur::lang::Lang;
use rapporteur::session::load::load;
use rapporteur::translate::{self, TITLE_ID, UnitKind};
use rapporteur::writers::{Format, WriteOptions};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
}

fn ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn xmllint(file: &Path) {
    let schema = common::root().join("tests/schemas/xliff/xliff_core_2.0.xsd");
    let out = Command::new("xmllint")
        .args(["--nonet", "--noout", "--schema"])
        .arg(schema)
        .arg(file)
        .output()
        .expect("xmllint (libxml2-utils) is needed");
    assert!(
        out.status.success(),
        "the XLIFF breaks the XLIFF 2.0 core schema:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// What a translation tool does: a target after every source, its text "FR·" plus the source's
/// content with the inline codes where they were (the text in between rewritten to mark it).
fn fill(xliff: &str) -> String {
    let mut out = String::new();
    let mut rest = xliff;
    while let Some(start) = rest.find("<source>") {
        let end = rest[start..].find("</source>").unwrap() + start + "</source>".len();
        out.push_str(&rest[..end]);
        let content = &rest[start + "<source>".len()..end - "</source>".len()];
        // Text outside the codes gets a marker, so the test can tell translated text apart.
        let mut target = String::from("FR·");
        let mut in_tag = false;
        for c in content.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ => {}
            }
            target.push(if !in_tag && c == 'e' { 'é' } else { c });
        }
        out.push_str(&format!("<target>{target}</target>"));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn session_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("ctoc-cop-wg4-2009");
    common::copy_dir(&common::reference_session(), &session);
    // The reference session's footnotes are all structured citations (written per language by
    // the assembler); one free-text footnote is added to translate.
    let edit = |name: &str, from: &str, to: &str| {
        let path = session.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{name}: {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit(
        "session.yaml",
        "  sales-tip-handbook: {cite: sales, no: E.09.V.5}",
        "  sales-tip-handbook: {cite: sales, no: E.09.V.5}\n  free-note: {text: \"See the *Handbook*, chapter 2.\"}",
    );
    edit("chapters.yaml", "Corruption,[^unts-uncac]", "Corruption,[^unts-uncac][^free-note]");
    (dir, session)
}

fn french(session: &Path) -> (Document, Vec<String>) {
    let c = compile_in(session, Lang::Fr).unwrap_or_else(|d| panic!("{:?}", d.0));
    (c.document, c.warnings.0.iter().map(|w| w.to_string()).collect())
}

fn paragraph(doc: &Document, has: impl Fn(&Inline) -> bool) -> &Paragraph {
    doc.paragraphs().into_iter().find(|p| p.content.iter().any(&has)).expect("a paragraph with it")
}

#[test]
fn xliff_round_trip_keeps_markers_and_references_and_reports_stale_and_missing() {
    let (dir, session) = session_copy();
    let xlf = dir.path().join("fr.xlf");
    ok(bin().args(["xliff", "export"]).arg(&session).args(["--lang", "fr", "-o"]).arg(&xlf));
    xmllint(&xlf);
    let exported = std::fs::read_to_string(&xlf).unwrap();
    assert!(exported.contains(r#"srcLang="en" trgLang="fr""#));
    // Footnote references and cross-references are placeholders the translator cannot delete.
    assert!(exported.contains(r#"disp="[^unts-tip-protocol]" canDelete="no"/>"#), "{exported}");
    assert!(exported.contains(r#"disp="{chapter:recommendations}" canDelete="no"/>"#));
    assert!(exported.contains(r#"<data id="d1">"#) && exported.contains("<originalData>"));

    // The units: one per heading, paragraph, sub-item and footnote, keyed by stable id.
    let loaded = load(&session).unwrap();
    let units = translate::units(&loaded);
    for kind in
        [UnitKind::Title, UnitKind::Name, UnitKind::Heading, UnitKind::Paragraph, UnitKind::Item, UnitKind::Footnote]
    {
        assert!(units.iter().any(|u| u.kind == kind), "{kind:?}");
    }
    assert_eq!(exported.matches("<unit ").count(), units.len());

    // Before the translation: a French build says what is untranslated (each unit, at its line),
    // and `--strict` writes nothing.
    let build = |strict: bool| {
        let mut cmd = bin();
        cmd.args(["build", "--lang", "fr,zh", "--format", "text", "-o"]).arg(dir.path().join("out")).arg(&session);
        if strict {
            cmd.arg("--strict");
        }
        cmd.output().unwrap()
    };
    let out = build(false);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("has no `fr` translation").count(), units.len(), "{stderr}");
    assert_eq!(stderr.matches("has no `zh` translation").count(), units.len(), "every version reports its own");
    let out = build(true);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error: paragraph `"));

    let filled = dir.path().join("fr-filled.xlf");
    std::fs::write(&filled, fill(&exported)).unwrap();
    xmllint(&filled);
    ok(bin().args(["xliff", "import"]).arg(&session).arg(&filled));
    let yaml = std::fs::read_to_string(session.join("translations/fr.yaml")).unwrap();
    assert!(yaml.contains("source: "), "{yaml}");
    let stderr = String::from_utf8_lossy(&build(false).stderr).into_owned();
    assert!(!stderr.contains("has no `fr` translation"), "{stderr}");
    assert!(stderr.contains("has no `zh` translation"));

    // The French build: every written paragraph in its translation, markers and references kept.
    let (doc, warnings) = french(&session);
    assert_eq!(doc.meta.language, "fr");
    let untranslated: Vec<&String> = warnings.iter().filter(|w| w.contains("translation")).collect();
    assert!(untranslated.is_empty(), "{untranslated:?}");
    assert!(plain_text(&doc.masthead.title).starts_with("FR·"), "{:?}", doc.masthead.title);
    // The names the masthead and the generated sentences print are translated too.
    assert!(doc.masthead.organ.starts_with("FR·"), "{}", doc.masthead.organ);
    let caption = plain_text(&doc.masthead.caption[0]);
    assert!(caption.starts_with("FR·"), "{caption}");
    // A generated sentence (not a translated paragraph, which starts with the marker) names the
    // meeting by its translated short name ("Le FR·Working Group a tenu…").
    assert!(
        doc.paragraphs()
            .iter()
            .map(|p| plain_text(&p.content))
            .any(|t| !t.starts_with("FR·") && t.contains("FR·Working Group")),
        "a generated sentence names the meeting by its translated name"
    );
    let cited = paragraph(&doc, |i| matches!(i, Inline::NoteRef { id, .. } if id == "unts-tip-protocol"));
    assert!(plain_text(&cited.content).starts_with("FR·"), "{:?}", cited.content);
    assert!(cited.content.iter().any(|i| matches!(i, Inline::NoteRef { id, .. } if id == "unts-untoc")));
    let referring = paragraph(&doc, |i| matches!(i, Inline::Ref { target, .. } if target == "recommendations"));
    assert!(plain_text(&referring.content).starts_with("FR·"));
    // The translated emphasis came back as emphasis.
    assert!(
        doc.paragraphs().iter().any(|p| p
            .content
            .iter()
            .any(|i| matches!(i, Inline::Emph { content } if plain_text(content).contains('é'))))
    );
    let note = doc.footnotes.iter().find(|f| f.id == "free-note").unwrap();
    assert!(plain_text(&note.content).starts_with("FR·Sé"), "{:?}", note.content);
    assert!(note.content.iter().any(|i| matches!(i, Inline::Emph { .. })));
    // Every footnote is still cited once (markers intact): the same as in English.
    let english = rapporteur::build::compile(&session).unwrap().document;
    let markers = |d: &Document| d.footnotes.iter().map(|f| (f.id.clone(), f.marker.clone())).collect::<Vec<_>>();
    assert_eq!(markers(&doc), markers(&english));
    // Exporting again carries the translations as targets, and stays valid.
    let again = dir.path().join("fr-again.xlf");
    ok(bin().args(["xliff", "export"]).arg(&session).args(["--lang", "fr", "-o"]).arg(&again));
    xmllint(&again);
    let again = std::fs::read_to_string(&again).unwrap();
    assert_eq!(again.matches("<target>").count(), units.len());
    assert!(!again.contains(r#"state="initial""#));

    // The original changes: its translation is stale (a warning at the translation).
    let chapters = session.join("chapters.yaml");
    let text = std::fs::read_to_string(&chapters).unwrap();
    assert!(text.contains("discussed thoroughly"));
    std::fs::write(&chapters, text.replacen("discussed thoroughly", "discussed at length", 1)).unwrap();
    let (_, warnings) = french(&session);
    let stale: Vec<&String> = warnings.iter().filter(|w| w.contains("is stale")).collect();
    assert_eq!(stale.len(), 1, "{warnings:?}");
    assert!(stale[0].contains("translations/fr.yaml:"), "located in the translation file: {}", stale[0]);

    // A translation goes missing: reported at the original.
    let loaded = load(&session).unwrap();
    let file = translate::read(&loaded, "fr").unwrap().unwrap();
    let mut entries = file.entries;
    entries.remove(TITLE_ID).unwrap();
    std::fs::write(
        session.join("translations/fr.yaml"),
        translate::to_yaml("fr", &translate::units(&loaded), &entries),
    )
    .unwrap();
    let (doc, warnings) = french(&session);
    let missing: Vec<&String> = warnings.iter().filter(|w| w.contains("has no `fr` translation")).collect();
    assert_eq!(missing.len(), 1, "{warnings:?}");
    assert!(missing[0].contains("session.yaml:"), "{}", missing[0]);
    assert!(!plain_text(&doc.masthead.title).starts_with("FR·"));
    // The stale one is exported for revision.
    let third = dir.path().join("fr-third.xlf");
    ok(bin().args(["xliff", "export"]).arg(&session).args(["--lang", "fr", "-o"]).arg(&third));
    xmllint(&third);
    let third = std::fs::read_to_string(&third).unwrap();
    assert!(third.contains(r#"<note category="stale">"#));
}

#[test]
fn a_translation_that_drops_a_footnote_reference_is_an_error_at_its_line() {
    let (_dir, session) = session_copy();
    let loaded = load(&session).unwrap();
    let units = translate::units(&loaded);
    let unit = units.iter().find(|u| u.text.contains("[^unts-untoc]")).unwrap();
    let mut entries = translate::Translations::new();
    entries.insert(
        unit.id.clone(),
        translate::Entry {
            source: Some(translate::fingerprint(&unit.text)),
            text: "Le Groupe de travail, sans note.".into(),
        },
    );
    std::fs::create_dir_all(session.join("translations")).unwrap();
    std::fs::write(session.join("translations/fr.yaml"), translate::to_yaml("fr", &units, &entries)).unwrap();
    let err = compile_in(&session, Lang::Fr).expect_err("an error");
    let e = err.0.iter().find(|d| d.is_error()).unwrap();
    assert!(e.message.contains("footnote references and cross-references"), "{e}");
    let at = e.location.as_ref().unwrap();
    assert!(at.file.ends_with("translations/fr.yaml") && at.line > 1, "{e}");
}

/// Every division's id in a document, in order (chapters, sections, annexes and their groups).
fn division_ids(doc: &Document) -> Vec<String> {
    fn walk(blocks: &[rapporteur::document::Block], out: &mut Vec<String>) {
        for b in blocks {
            if let rapporteur::document::Block::Division(d) = b {
                out.push(d.id.clone());
                walk(&d.children, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&doc.body, &mut out);
    out
}

/// The names the session writes once and the sentences and annexes print many times — the
/// meeting's short name, the instrument, organizations, agenda items — are translated once
/// each; French joins them to the words before with their articles ("à la Convention", "de la
/// Conférence"); the organizations keep their ids, so the French version names the same
/// entities and its divisions have the same ids as the English.
#[test]
fn names_are_translated_once_and_keep_their_ids() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("ctoc-cop-2018");
    common::copy_dir(&common::root().join("sessions/ctoc-cop-2018"), &session);
    let loaded = load(&session).unwrap();
    let units = translate::units(&loaded);
    let french = [
        ("Conference", "la Conférence"),
        ("Convention", "la Convention"),
        ("European Union", "Union européenne"),
        ("African Union", "Union africaine"),
        ("Review mechanism", "Mécanisme d'examen"),
        // Printed by the chair's sentence, which this session does not use: a unit all the same.
        ("President of the Conference", "Président de la Conférence"),
    ];
    let mut entries = translate::Translations::new();
    for (english, text) in french {
        let unit = units
            .iter()
            .find(|u| u.text == english && u.kind == UnitKind::Name)
            .unwrap_or_else(|| panic!("no unit for {english:?}: {units:#?}"));
        entries.insert(
            unit.id.clone(),
            translate::Entry { source: Some(translate::fingerprint(&unit.text)), text: text.into() },
        );
    }
    // Each name is one unit, however many places print it.
    let eu: Vec<_> = units.iter().filter(|u| u.text == "European Union").collect();
    assert_eq!(eu.len(), 1, "{eu:?}");
    std::fs::create_dir_all(session.join("translations")).unwrap();
    std::fs::write(session.join("translations/fr.yaml"), translate::to_yaml("fr", &units, &entries)).unwrap();

    let fr = compile_in(&session, Lang::Fr).unwrap_or_else(|d| panic!("{:?}", d.0));
    let text = String::from_utf8(Format::parse("text").unwrap().write(&fr.document, &WriteOptions::default()).unwrap())
        .unwrap();
    for expected in [
        "La Conférence a tenu sa ninth session à Vienne",
        "Les États parties à la Convention ci-après étaient représentés à la ninth session de la Conférence",
        "Union européenne, organisation régionale d'intégration économique partie à la Convention",
        "Union africaine",
        "2. Mécanisme d'examen.",
        "A. États parties à la Convention",
        "La Conférence a adopté la résolution 9/1",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // ("Review mechanism" stays as the heading of chapter IV: a heading is a unit of its own.)
    for english in
        ["European Union", "African Union", "Le Conference", "La Conference", "du Conference", "Resolution 9/1"]
    {
        assert!(!text.contains(english), "{english:?} is left in:\n{text}");
    }
    // The same entities and divisions as the English original.
    let en = compile_in(&session, Lang::En).unwrap_or_else(|d| panic!("{:?}", d.0));
    assert_eq!(division_ids(&fr.document), division_ids(&en.document));
    let entity = |doc: &Document, id: &str| doc.entities.iter().find(|e| e.id == id).map(|e| e.name.clone());
    assert_eq!(entity(&en.document, "european-union").as_deref(), Some("European Union"));
    assert_eq!(entity(&fr.document, "european-union").as_deref(), Some("Union européenne"));
}
