//! One test per error and warning of `rapporteur check`: each writes a small session (the
//! skeleton `rapporteur new` writes, with one fault put in), and asserts the diagnostic's
//! severity, file, line and message.

use std::path::Path;

use rapporteur::build::compile;
use rapporteur::cli::SKELETON;
use rapporteur::diag::{Diagnostic, Diagnostics, Severity};

/// Writes `yaml` as a session into a temporary folder.
fn session(yaml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("session.yaml"), yaml).expect("write");
    dir
}

/// The skeleton with `from` replaced by `to` (which must occur).
fn skeleton_with(from: &str, to: &str) -> String {
    assert!(SKELETON.contains(from), "the skeleton has `{from}`");
    SKELETON.replacen(from, to, 1)
}

/// The 1-based line of the first occurrence of `needle`.
fn line_of(yaml: &str, needle: &str) -> usize {
    yaml.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("`{needle}` not in the YAML")) + 1
}

fn diagnostics(yaml: &str) -> (Diagnostics, tempfile::TempDir) {
    let dir = session(yaml);
    let diags = match compile(dir.path()) {
        Ok(c) => c.warnings,
        Err(d) => d,
    };
    (diags, dir)
}

/// Finds the one diagnostic whose message contains `needle` and checks where it points.
fn expect(yaml: &str, severity: Severity, needle: &str, line: usize) -> Diagnostic {
    let (diags, dir) = diagnostics(yaml);
    let found: Vec<&Diagnostic> = diags.0.iter().filter(|d| d.message.contains(needle)).collect();
    assert_eq!(found.len(), 1, "one diagnostic with `{needle}`, got:\n{diags}");
    let d = found[0].clone();
    assert_eq!(d.severity, severity, "{d}");
    let loc = d.location.clone().unwrap_or_else(|| panic!("`{d}` has no location"));
    assert_eq!(loc.file, dir.path().join("session.yaml"));
    assert_eq!(loc.line, line, "{d}");
    assert!(d.hint.is_some(), "`{d}` has a hint");
    d
}

/// The skeleton with its placeholders replaced, as an officer would fill it in.
fn filled_skeleton() -> String {
    SKELETON
        .replace("A. Chairperson", "Maria Example")
        .replace("Consider the first matter", "Ratify the Protocol")
        .replace("Consider the second matter", "Train their officers")
}

#[test]
fn the_skeleton_is_clean() {
    let dir = session(&filled_skeleton());
    let compiled = compile(dir.path()).unwrap_or_else(|d| panic!("the skeleton must compile:\n{d}"));
    assert!(compiled.warnings.is_empty(), "{}", compiled.warnings);
}

#[test]
fn skeleton_placeholders_left_are_warned_at_their_characters() {
    let d =
        expect(SKELETON, Severity::Warning, "`A. Chairperson` is a placeholder", line_of(SKELETON, "A. Chairperson"));
    let line = SKELETON.lines().nth(line_of(SKELETON, "A. Chairperson") - 1).unwrap();
    assert_eq!(d.location.unwrap().column, line.find("A. Chairperson").unwrap() + 1);
    let yaml = filled_skeleton().replace("Train their officers", "Train their officers (TODO which ones)");
    expect(&yaml, Severity::Warning, "`TODO` is a placeholder", line_of(&yaml, "(TODO"));
    // Only the placeholders are left in the fresh skeleton.
    let (diags, _dir) = diagnostics(SKELETON);
    assert!(diags.0.iter().all(|d| d.message.contains("placeholder")), "{diags}");
}

#[test]
fn agenda_title_with_its_own_punctuation_prints_it_once() {
    let yaml = filled_skeleton().replace("title: Opening of the meeting }", "title: Opening of the meeting; }");
    let d = expect(&yaml, Severity::Warning, "ends with its own `;`", line_of(&yaml, "meeting; }"));
    let line = yaml.lines().nth(line_of(&yaml, "meeting; }") - 1).unwrap();
    assert_eq!(d.location.unwrap().column, line.find("; }").unwrap() + 1, "at the `;` itself");
    let dir = session(&yaml);
    let document = compile(dir.path()).expect("compiles").document;
    let options = rapporteur::writers::WriteOptions::default();
    let text = String::from_utf8(rapporteur::writers::text::write(&document, &options).expect("writes")).unwrap();
    assert!(text.contains("Opening of the meeting;"), "{text}");
    assert!(!text.contains(";;"), "{text}");
}

#[test]
fn agenda_adopted_outside_the_meeting() {
    let yaml = filled_skeleton().replace("adopted: 2010-01-27", "adopted: 2010-02-03");
    expect(&yaml, Severity::Error, "outside the meeting's dates", line_of(&yaml, "adopted: 2010-02-03"));
}

#[test]
fn date_of_issue_before_the_meeting() {
    let yaml = filled_skeleton().replace("date: 2010-02-05", "date: 2010-01-20");
    expect(&yaml, Severity::Error, "is before the meeting began", line_of(&yaml, "date: 2010-01-20"));
}

#[test]
fn title_naming_another_month() {
    let yaml = filled_skeleton().replace("27 to 29 January 2010", "27 to 29 February 2010");
    let d = expect(&yaml, Severity::Error, "the title names February 2010", line_of(&yaml, "February 2010"));
    let line = yaml.lines().nth(line_of(&yaml, "February 2010") - 1).unwrap();
    assert_eq!(d.location.unwrap().column, line.find("February").unwrap() + 1);
}

#[test]
fn malformed_yaml() {
    let yaml = skeleton_with("original: English", "original: [English");
    let (diags, _dir) = diagnostics(&yaml);
    let d = diags.errors().next().expect("an error");
    assert!(d.location.as_ref().is_some_and(|l| l.line >= line_of(&yaml, "original: [English")), "{d}");
}

#[test]
fn unknown_field_is_an_error() {
    let yaml = skeleton_with("original: English", "orignal: English");
    let d = expect(&yaml, Severity::Error, "orignal", line_of(&yaml, "orignal"));
    assert!(d.message.contains("is not a field of the session — did you mean `original`?"), "{d}");
}

#[test]
fn unknown_agenda_item_in_statements() {
    let yaml = skeleton_with("  - item: substance", "  - item: substanse");
    let d = expect(&yaml, Severity::Error, "unknown agenda item `substanse`", line_of(&yaml, "item: substanse"));
    assert!(d.hint.unwrap().contains("substance"));
}

#[test]
fn duplicate_agenda_item_id() {
    let yaml = skeleton_with("{ id: report, title", "{ id: substance, title");
    let last = yaml.lines().enumerate().filter(|(_, l)| l.contains("{ id: substance, title")).last().unwrap().0 + 1;
    expect(&yaml, Severity::Error, "duplicate agenda item id `substance`", last);
}

#[test]
fn unknown_footnote() {
    let yaml = skeleton_with("below.[^decision]", "below.[^decisoin]");
    let d = expect(&yaml, Severity::Error, "unknown footnote `decisoin`", line_of(&yaml, "[^decisoin]"));
    assert!(d.hint.unwrap().contains("[^decision]"));
}

#[test]
fn unknown_cross_reference_target() {
    let yaml = skeleton_with("{chapter:recommendations} of", "{chapter:recomendations} of");
    let d = expect(
        &yaml,
        Severity::Error,
        "unknown cross-reference target `recomendations`",
        line_of(&yaml, "recomendations"),
    );
    assert!(d.hint.unwrap().contains("recommendations"));
}

#[test]
fn duplicate_id() {
    // The third chapter takes the id of a paragraph of the first.
    let yaml = skeleton_with("  - id: discussion", "  - id: first-recommendation");
    let last = yaml.lines().enumerate().filter(|(_, l)| l.contains("id: first-recommendation")).last().unwrap().0 + 1;
    expect(&yaml, Severity::Error, "duplicate id `first-recommendation`", last);
}

#[test]
fn participant_listed_twice() {
    let yaml = skeleton_with("observer_states: [China]", "observer_states: [China, Brazil]");
    expect(&yaml, Severity::Error, "`Brazil` is listed twice", line_of(&yaml, "observer_states: [China, Brazil]"));
}

#[test]
fn markup_that_does_not_parse() {
    let yaml = skeleton_with("Consider the first matter;", "Consider the *first matter;");
    let d = expect(&yaml, Severity::Error, "unclosed `*`", line_of(&yaml, "*first matter"));
    let col = d.location.unwrap().column;
    let line = yaml.lines().nth(line_of(&yaml, "*first matter") - 1).unwrap();
    assert_eq!(line.chars().nth(col - 1), Some('*'), "the column points at the asterisk");
}

#[test]
fn unknown_state_name_suggests_the_nearest() {
    let yaml =
        skeleton_with("states_parties: [Algeria, Austria, Brazil]", "states_parties: [Algeria, Austria, Brazill]");
    let d = expect(&yaml, Severity::Error, "`Brazill` is not a State", line_of(&yaml, "Brazill"));
    assert!(d.hint.unwrap().contains("`Brazil`"));
}

#[test]
fn state_name_not_valid_on_the_meeting_date() {
    // The skeleton's meeting is in 2010: Czechia was then the Czech Republic.
    let yaml = skeleton_with("observer_states: [China]", "observer_states: [China, Czechia]");
    let d = expect(&yaml, Severity::Error, "`Czechia` was not the name", line_of(&yaml, "Czechia"));
    assert!(d.hint.unwrap().contains("Czech Republic"));
    // And a 2026 meeting must say Czechia.
    let yaml = skeleton_with("observer_states: [China]", "observer_states: [China, Czech Republic]")
        .replace("dates: [2010-01-27, 2010-01-28, 2010-01-29]", "dates: [2026-03-02]");
    let d = expect(&yaml, Severity::Error, "`Czech Republic` was not the name", line_of(&yaml, "Czech Republic"));
    assert!(d.hint.unwrap().contains("Czechia"));
}

#[test]
fn speaker_not_recorded_as_attending() {
    let yaml = skeleton_with("states: [Algeria, Brazil, China]", "states: [Algeria, Brazil, China, Egypt]");
    expect(
        &yaml,
        Severity::Warning,
        "`Egypt` made a statement but is not recorded as attending",
        line_of(&yaml, "Egypt"),
    );
    assert!(compile(session(&yaml).path()).is_ok(), "a warning does not stop the build");
}

#[test]
fn states_out_of_alphabetical_order() {
    let yaml =
        skeleton_with("states_parties: [Algeria, Austria, Brazil]", "states_parties: [Austria, Algeria, Brazil]");
    expect(&yaml, Severity::Warning, "`Algeria` is out of alphabetical order", line_of(&yaml, "[Austria, Algeria"));
}

#[test]
fn section_a_without_b() {
    let yaml = skeleton_with(
        "      - title: Opening of the meeting\n        paragraphs:\n          - template: meeting/dates\n          - template: officers/chair\n      - title: Adoption of the agenda\n        paragraphs:\n          - template: agenda\n",
        "",
    );
    expect(&yaml, Severity::Warning, "section A but no section B", line_of(&yaml, "- title: Attendance"));
}

#[test]
fn footnote_never_cited() {
    let yaml = format!("{SKELETON}  spare: {{ text: \"Never cited.\" }}\n");
    expect(&yaml, Severity::Warning, "footnote `spare` is defined but never cited", line_of(&yaml, "spare:"));
}

#[test]
fn footnote_cited_twice() {
    let yaml = skeleton_with("Consider the second matter.", "Consider the second matter.[^decision]");
    expect(&yaml, Severity::Error, "footnote `decision` is cited twice", line_of(&yaml, "second matter.[^decision]"));
}

#[test]
fn missing_folder_is_a_clear_error() {
    let err = compile(Path::new("/nonexistent/session")).unwrap_err();
    assert!(err.0[0].message.contains("is not a folder"), "{err}");
}

#[test]
fn bad_input_gives_errors_never_panics() {
    let deep = format!("chapters: {}{}\n", "[".repeat(5000), "]".repeat(5000));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("binary", (0u8..=255).cycle().take(600).collect()),
        ("deep nesting", deep.into_bytes()),
        ("tab indentation", b"symbol: X\n\ttitle: Y\n".to_vec()),
        ("aliases", b"symbol: &a X\ntitle: *a\nchapters: *a\n".to_vec()),
        ("wrong types", b"symbol: [1, 2]\ndate: 12\nchapters: {a: b}\n".to_vec()),
    ];
    for (name, bytes) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("session.yaml"), &bytes).unwrap();
        let result = std::panic::catch_unwind(|| compile(dir.path()));
        let diags = match result {
            Ok(Err(d)) => d,
            Ok(Ok(_)) => panic!("{name}: accepted"),
            Err(_) => panic!("{name}: panicked"),
        };
        assert!(diags.has_errors(), "{name}");
        for d in diags.errors() {
            assert!(d.hint.is_some(), "{name}: `{d}` has a hint");
        }
    }
    // A required key that is missing is reported at the top of session.yaml.
    let (diags, dir) = diagnostics("title: Only a title\n");
    let missing = diags.0.iter().find(|d| d.message.contains("`symbol` is missing")).expect("symbol missing");
    let loc = missing.location.clone().expect("located");
    assert_eq!((loc.file, loc.line), (dir.path().join("session.yaml"), 1));
}

#[test]
fn consecutive_chapters_are_joined_by_and() {
    let yaml = filled_skeleton().replace(
        "(see {para:first-recommendation}).",
        "(see {para:first-recommendation}); see also {chapters:recommendations..organization}.",
    );
    let dir = session(&yaml);
    let document = compile(dir.path()).unwrap_or_else(|d| panic!("{d}")).document;
    let options = rapporteur::writers::WriteOptions::default();
    let text = String::from_utf8(rapporteur::writers::text::write(&document, &options).expect("writes")).unwrap();
    assert!(text.contains("see also chapters I and II."), "{text}");
}

/// The report built from `yaml` as plain text (which must compile).
fn text_of(yaml: &str) -> String {
    let dir = session(yaml);
    let document = compile(dir.path()).unwrap_or_else(|d| panic!("{d}")).document;
    let options = rapporteur::writers::WriteOptions::default();
    String::from_utf8(rapporteur::writers::text::write(&document, &options).expect("writes")).unwrap()
}

#[test]
fn agenda_adopted_at_a_recorded_meeting() {
    let yaml = filled_skeleton().replace(
        "agenda:\n  adopted: 2010-01-27\n",
        "meetings:\n  - { number: 1, date: 2010-01-27, time: morning }\n  - { number: 2, date: 2010-01-27, time: afternoon }\nagenda:\n  adopted_at_meeting: 1\n",
    );
    let text = text_of(&yaml);
    assert!(
        text.contains("At its 1st meeting, on 27 January 2010, the Working Group adopted the following agenda:"),
        "{text}"
    );

    let unknown = yaml.replace("adopted_at_meeting: 1", "adopted_at_meeting: 3");
    expect(&unknown, Severity::Error, "no meeting 3 is recorded", line_of(&unknown, "adopted_at_meeting: 3"));
    let off_days = yaml.replace("{ number: 2, date: 2010-01-27", "{ number: 2, date: 2010-01-30");
    expect(
        &off_days,
        Severity::Error,
        "the 2nd meeting is dated 30 January 2010",
        line_of(&off_days, "date: 2010-01-30"),
    );
    let disagree = yaml.replace("adopted_at_meeting: 1", "adopted_at_meeting: 1\n  adopted: 2010-01-28");
    expect(
        &disagree,
        Severity::Error,
        "but its meeting 1 was on 27 January 2010",
        line_of(&disagree, "adopted: 2010-01-28"),
    );
}

#[test]
fn articles_of_organizations_come_from_the_registry_and_the_session() {
    let yaml = filled_skeleton().replace("- { as: observer, of: African Union }", "- { as: observer, of: Saferworld }");
    let text = text_of(&yaml);
    assert!(text.contains("The observer for Saferworld also made a statement."), "{text}");
    let text = text_of(&filled_skeleton());
    assert!(text.contains("The observer for the African Union also made a statement."), "{text}");
    // The session's own `articles:` wins over the registry.
    let yaml = format!("{}\narticles:\n  African Union: none\n", filled_skeleton());
    assert!(text_of(&yaml).contains("The observer for African Union also made a statement."));
    let bad = format!("{}\narticles:\n  African Union: a\n", filled_skeleton());
    let (diags, _dir) = diagnostics(&bad);
    let d = diags.errors().next().unwrap_or_else(|| panic!("an error: {diags}"));
    assert_eq!(d.message, "`a` is not a valid article for `African Union`", "{d}");
    assert_eq!(d.location.as_ref().map(|l| l.line), Some(line_of(&bad, "African Union: a")), "{d}");
    assert!(d.hint.as_deref().is_some_and(|h| h.contains("`the`, `none`")), "{d}");
}

#[test]
fn observer_states_in_the_not_parties_wording() {
    let yaml = filled_skeleton().replace(
        "  observer_states: [China]\n",
        "  observer_states: [China]\n  observer_states_wording: not_parties\n",
    );
    let text = text_of(&yaml);
    assert!(
        text.contains(
            "The following State not party to the Trafficking in Persons Protocol was represented by an observer: China."
        ),
        "{text}"
    );
    let without = yaml.replace("  instrument: Trafficking in Persons Protocol\n", "");
    expect(
        &without,
        Severity::Error,
        "`not_parties` names the instrument",
        line_of(&without, "observer_states_wording"),
    );
}

#[test]
fn an_officer_needs_a_name_or_a_state() {
    let yaml = filled_skeleton().replace("name: Maria Example, state: Austria, ", "");
    assert!(!yaml.contains("Maria Example"), "the officer lost both");
    expect(&yaml, Severity::Error, "neither a `name` nor a `state`", line_of(&yaml, "role: chair"));
    // A State holding the office is an officer: the registry names it as on the meeting date.
    let state_only = filled_skeleton().replace("name: Maria Example, ", "");
    let (diags, _dir) = diagnostics(&state_only);
    assert!(!diags.0.iter().any(|d| d.message.contains("neither")), "{diags}");
}
