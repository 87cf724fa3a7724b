//! The slips a newcomer makes (issue 9), each written into the skeleton `rapporteur new` writes:
//! every test asserts the message a person reads and the exact line and column of the offending
//! characters themselves — a key, a word, a `[^note]` three lines into a folded paragraph.

use rapporteur::build::compile;
use rapporteur::cli::SKELETON;
use rapporteur::diag::{Diagnostic, Diagnostics, Severity};

/// The skeleton with `from` replaced by `to` (which must occur).
fn skeleton_with(from: &str, to: &str) -> String {
    assert!(SKELETON.contains(from), "the skeleton has `{from}`");
    SKELETON.replacen(from, to, 1)
}

/// Line and column (from 1) of the `nth` occurrence (from 0) of `needle` in `yaml`.
fn spot(yaml: &str, needle: &str, nth: usize) -> (usize, usize) {
    let at = yaml.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("`{needle}` #{nth} not in the YAML")).0;
    let line = yaml[..at].matches('\n').count() + 1;
    let column = yaml[..at].rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    (line, column)
}

fn diagnostics(yaml: &str) -> (Diagnostics, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("session.yaml"), yaml).expect("write");
    let diags = match compile(dir.path()) {
        Ok(c) => c.warnings,
        Err(d) => d,
    };
    (diags, dir)
}

/// The one diagnostic whose message contains `message`: checks its severity and that it stands
/// at the `nth` occurrence of `at` in the YAML. Returns it for further checks.
fn expect_at(yaml: &str, severity: Severity, message: &str, at: &str, nth: usize) -> Diagnostic {
    let (diags, dir) = diagnostics(yaml);
    let found: Vec<&Diagnostic> = diags.0.iter().filter(|d| d.message.contains(message)).collect();
    assert_eq!(found.len(), 1, "one diagnostic with `{message}`, got:\n{diags}");
    let d = found[0].clone();
    assert_eq!(d.severity, severity, "{d}");
    let loc = d.location.clone().unwrap_or_else(|| panic!("`{d}` has no location"));
    assert_eq!(loc.file, dir.path().join("session.yaml"));
    assert_eq!((loc.line, loc.column), spot(yaml, at, nth), "{d}");
    assert!(d.hint.is_some(), "`{d}` has a hint");
    d
}

fn error_at(yaml: &str, message: &str, at: &str) -> Diagnostic {
    expect_at(yaml, Severity::Error, message, at, 0)
}

// ----- Part 1: a typed format that names the wrong field -----------------------------------

#[test]
fn txt_for_text() {
    let yaml = skeleton_with("        text: \"States parties should:\"", "        txt: \"States parties should:\"");
    error_at(&yaml, "`txt` is not a field of a paragraph — did you mean `text`?", "txt:");
}

#[test]
fn item_for_items() {
    let yaml = skeleton_with(
        "        items:\n          - Consider the first",
        "        item:\n          - Consider the first",
    );
    let d = error_at(&yaml, "`item` is not a field of a text paragraph — did you mean `items`?", "item:\n");
    assert!(d.hint.unwrap().contains("sub-items"));
}

#[test]
fn item_as_a_list_before_the_text() {
    // `item:` read before the paragraph says what it is: the list itself gives the slip away.
    let yaml = skeleton_with(
        "      - id: first-recommendation\n        text: \"States parties should:\"\n        items:",
        "      - id: first-recommendation\n        item:",
    );
    error_at(&yaml, "`item` names one agenda item — did you mean `items`?", "item:\n");
}

#[test]
fn unquoted_colon_in_a_paragraph_string() {
    let yaml = skeleton_with(
        "      - The Working Group adopted the recommendations below.[^decision]",
        "      - The Working Group recommended: more cooperation.[^decision]",
    );
    let d = error_at(&yaml, "was read as a key `The Working Group recommended` because of the `: `", "The Working");
    assert!(d.hint.unwrap().contains("quotes"));
}

#[test]
fn unquoted_colon_in_a_text_field() {
    let yaml =
        skeleton_with("        text: \"States parties should:\"", "        text: States parties should: consider");
    let d = error_at(&yaml, "this text contains `: `, so YAML does not read it as text", ": consider");
    assert_eq!(d.hint.unwrap(), "put it in quotes: `text: \"States parties should: consider\"`");
}

#[test]
fn misspelt_top_level_key() {
    let yaml = skeleton_with("original: English", "orignal: English");
    let d = error_at(&yaml, "`orignal` is not a field of the session — did you mean `original`?", "orignal");
    assert!(d.hint.unwrap().contains("`original`"));
}

#[test]
fn misspelt_nested_key() {
    let yaml = skeleton_with("  venue: Vienna", "  venu: Vienna");
    error_at(&yaml, "`venu` is not a field of `meeting` — did you mean `venue`?", "venu:");
    let yaml = skeleton_with("  - id: recommendations\n    title:", "  - id: recommendations\n    titel:");
    error_at(&yaml, "`titel` is not a field of a chapter — did you mean `title`?", "titel:");
}

#[test]
fn misspelt_sub_item_key() {
    let yaml = skeleton_with("          - Consider the first matter;", "          - txt: Consider the first matter;");
    error_at(&yaml, "`txt` is not a field of a sub-item — did you mean `text`?", "txt:");
}

#[test]
fn a_paragraph_with_two_kinds() {
    let yaml = skeleton_with(
        "      - id: first-recommendation\n        text: \"States parties should:\"",
        "      - table: {caption: Replies, rows: [[a]]}\n        text: \"States parties should:\"",
    );
    error_at(&yaml, "this paragraph has both `table` and `text`: a paragraph has one kind", "text: \"States");
}

#[test]
fn a_template_paragraph_with_items() {
    let yaml =
        skeleton_with("          - template: agenda\n", "          - template: agenda\n            items: [a]\n");
    error_at(&yaml, "`items` is not a field of a template paragraph", "items: [a]");
}

#[test]
fn a_paragraph_without_a_kind() {
    let yaml = skeleton_with("          - template: agenda\n", "          - id: the-agenda\n");
    let (diags, _dir) = diagnostics(&yaml);
    let d = diags.errors().next().expect("an error");
    assert_eq!(d.message, "this paragraph has no `text`, `template`, `table`, `decision` or `officers`");
    assert_eq!(d.location.as_ref().map(|l| l.line), Some(spot(&yaml, "id: the-agenda", 0).0), "{d}");
}

#[test]
fn officer_role_is_a_closed_set() {
    let yaml = skeleton_with("{ role: chair,", "{ role: chiar,");
    let d = error_at(&yaml, "`chiar` is not a valid `role` — did you mean `chair`?", "chiar");
    assert!(d.hint.unwrap().contains("`vice-chair`"));
}

#[test]
fn speaker_capacity_is_a_closed_set() {
    let yaml = skeleton_with("{ as: observer,", "{ as: observor,");
    let d = error_at(&yaml, "`observor` is not a valid `as` — did you mean `observer`?", "observor");
    assert_eq!(d.hint.unwrap(), "expected one of `representative`, `observer`");
}

#[test]
fn decision_kind_is_a_closed_set() {
    let yaml = skeleton_with(
        "          - template: agenda\n",
        "          - decision:\n              kind: decisoin\n              number: \"1/1\"\n              title: A title\n",
    );
    let d = error_at(&yaml, "`decisoin` is not a valid `kind` — did you mean `decision`?", "decisoin");
    assert_eq!(d.hint.unwrap(), "expected one of `decision`, `resolution`");
}

#[test]
fn footnote_cite_is_a_closed_set() {
    let yaml = skeleton_with(
        "decision: { text: \"See Conference decision 4/4.\" }",
        "decision: { cite: untz, vol: 1, no: \"2\" }",
    );
    error_at(&yaml, "`untz` is not a valid `cite` — did you mean `unts`?", "untz");
}

#[test]
fn dates_written_as_prose() {
    let yaml = skeleton_with("  dates: [2010-01-27, 2010-01-28, 2010-01-29]", "  dates: 8-9 June 2026");
    let d = error_at(&yaml, "`dates` must be a list", "8-9 June");
    assert_eq!(d.hint.unwrap(), "write one YYYY-MM-DD date per day: `dates: [2026-06-08, 2026-06-09]`");
}

#[test]
fn a_date_written_as_prose() {
    let yaml = skeleton_with("date: 2010-02-05", "date: 5 February 2010");
    error_at(&yaml, "`5 February 2010` is not a date of the form YYYY-MM-DD: write `2010-02-05`", "5 February");
}

#[test]
fn bad_indentation() {
    let yaml = skeleton_with("  short: Working Group", " short: Working Group");
    let (diags, _dir) = diagnostics(&yaml);
    let d = diags.errors().next().expect("an error");
    assert!(!d.message.contains("did not find expected"), "the scanner's words are not shown: {d}");
    assert!(d.hint.as_deref().is_some_and(|h| h.contains("indentation")), "{d}");
    assert_eq!(d.location.as_ref().map(|l| l.line), Some(spot(&yaml, " short:", 0).0), "{d}");
}

#[test]
fn a_paragraph_beginning_with_markup() {
    let yaml = skeleton_with(
        "      - The Working Group adopted the recommendations below.[^decision]",
        "      - [^decision] The Working Group adopted the recommendations below.",
    );
    let d = error_at(&yaml, "this paragraph was read as a list `[…]`", "[^decision] The");
    assert!(d.hint.unwrap().contains("must be quoted"));
}

// ----- Part 2: exact positions inside texts and lists ---------------------------------------

/// The skeleton's first paragraph as a folded block of several lines, with `third` as its
/// third line.
fn folded_paragraph(third: &str) -> String {
    skeleton_with(
        "      - The Working Group adopted the recommendations below.[^decision]",
        &format!(
            "      - >-\n        The Working Group adopted\n        the recommendations below,\n        {third}\n        and welcomed them.[^decision]"
        ),
    )
}

#[test]
fn unknown_footnote_inside_a_folded_paragraph() {
    let yaml = folded_paragraph("which the [^secretariat] had drafted,");
    error_at(&yaml, "unknown footnote `secretariat`", "[^secretariat]");
}

#[test]
fn unknown_cross_reference_inside_a_folded_paragraph() {
    let yaml = folded_paragraph("as {para:first-recomendation} says,");
    error_at(&yaml, "unknown cross-reference target `first-recomendation`", "{para:first-recomendation}");
}

#[test]
fn malformed_footnote_three_lines_down() {
    let yaml = folded_paragraph("the [^modular-tools and the rest,");
    error_at(&yaml, "a footnote reference must be `[^id]`", "[^modular-tools");
}

#[test]
fn unknown_footnote_inside_a_literal_block() {
    let yaml = skeleton_with(
        "      - The Working Group adopted the recommendations below.[^decision]",
        "      - text: |\n          The Working Group adopted\n            the recommendations [^decisions]\n          below.[^decision]",
    );
    error_at(&yaml, "unknown footnote `decisions`", "[^decisions]");
}

#[test]
fn unknown_footnote_inside_a_quoted_text() {
    let yaml = skeleton_with(
        "      - The Working Group adopted the recommendations below.[^decision]",
        "      - \"The \\\"Working Group\\\" adopted\n        the recommendations [^decisions] below.[^decision]\"",
    );
    error_at(&yaml, "unknown footnote `decisions`", "[^decisions]");
}

#[test]
fn a_state_listed_twice_points_at_the_second() {
    let yaml = skeleton_with(
        "  states_parties: [Algeria, Austria, Brazil]",
        "  states_parties:\n    - Algeria\n    - Austria\n    - Brazil\n    - Austria",
    );
    // `Austria` #0 is the chair's State; #1 and #2 are in the list.
    let d = expect_at(&yaml, Severity::Error, "`Austria` is listed twice", "Austria", 2);
    let (line, column) = spot(&yaml, "Austria", 1);
    assert!(d.message.contains(&format!("first at session.yaml:{line}:{column}")), "{d}");
}

#[test]
fn a_state_listed_twice_in_a_flow_list() {
    let yaml = skeleton_with("observer_states: [China]", "observer_states: [China, Brazil]");
    // `Brazil` #0 is in the States parties' list; the duplicate is #1.
    expect_at(&yaml, Severity::Error, "`Brazil` is listed twice", "Brazil", 1);
}

#[test]
fn a_name_out_of_order_points_at_itself() {
    let yaml = skeleton_with(
        "  states_parties: [Algeria, Austria, Brazil]",
        "  states_parties:\n    - Austria\n    - Brazil\n    - Algeria",
    );
    expect_at(&yaml, Severity::Warning, "`Algeria` is out of alphabetical order", "Algeria", 0);
}

// ----- Part 4: issuance ---------------------------------------------------------------------

/// The skeleton with `USA` among the observer States.
fn with_usa() -> String {
    skeleton_with("observer_states: [China]", "observer_states: [China, USA]")
}

fn printed(yaml: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("session.yaml"), yaml).expect("write");
    let compiled = compile(dir.path()).unwrap_or_else(|d| panic!("compiles:\n{d}"));
    serde_json::to_string(&compiled.document).expect("JSON")
}

#[test]
fn an_informal_name_is_printed_as_the_official_name() {
    let yaml = with_usa();
    let d = expect_at(&yaml, Severity::Warning, "`USA` is an informal name", "USA", 0);
    assert_eq!(d.hint.unwrap(), "the report prints `United States of America`; write it so in the data");
    let json = printed(&yaml);
    assert!(json.contains("United States of America"), "{json}");
    assert!(!json.contains("USA"), "{json}");
}

#[test]
fn keep_names_as_recorded_prints_them_as_written() {
    let yaml = format!("keep_names_as_recorded: true\n{}", with_usa());
    let json = printed(&yaml);
    assert!(json.contains("USA") && !json.contains("United States of America"), "{json}");
}

#[test]
fn a_name_never_official_is_an_error() {
    let yaml = skeleton_with("observer_states: [China]", "observer_states: [China, Macedonia]")
        .replace("dates: [2010-01-27, 2010-01-28, 2010-01-29]", "dates: [2026-06-08, 2026-06-09]");
    let d = error_at(&yaml, "`Macedonia` was never the United Nations name of a State", "Macedonia");
    assert_eq!(d.hint.unwrap(), "on 8 June 2026 the State's name is `North Macedonia`");
}

#[test]
fn strict_turns_warnings_into_errors_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("session.yaml"), with_usa()).expect("write");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_rapporteur")).args(args).arg(dir.path()).output().unwrap()
    };
    assert_eq!(run(&["check"]).status.code(), Some(0), "a warning alone passes");
    let strict = run(&["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&strict.stderr);
    assert!(stderr.contains("error: `USA` is an informal name"), "{stderr}");
    let out = dir.path().join("out");
    let build = std::process::Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["build", "--strict", "--format", "text", "-o"])
        .arg(&out)
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(build.status.code(), Some(1), "{}", String::from_utf8_lossy(&build.stderr));
    assert!(!out.exists(), "nothing written under --strict");
}

// ----- More YAML-level slips, said for people -----------------------------------------------

#[test]
fn a_missing_colon_after_a_key() {
    let yaml = skeleton_with("  venue: Vienna", "  venue Vienna");
    let d = error_at(&yaml, "`venue Vienna` is not a `key: value` pair", "venue Vienna");
    assert_eq!(d.hint.unwrap(), "is a `:` missing after the key? `venue: Vienna`");
}

#[test]
fn a_text_running_on_without_indentation() {
    let yaml = skeleton_with(
        "        text: \"States parties should:\"",
        "        text: States parties should\n        consider this",
    );
    let d = error_at(&yaml, "this line goes on with the text of `text` above", "consider this");
    assert!(d.hint.unwrap().contains("`text: >-`"));
}

#[test]
fn an_unclosed_list_points_at_its_bracket() {
    let yaml =
        skeleton_with("  dates: [2010-01-27, 2010-01-28, 2010-01-29]", "  dates: [2010-01-27, 2010-01-28, 2010-01-29");
    error_at(&yaml, "the `[` opened here is not closed", "[2010-01-27");
}

#[test]
fn an_unclosed_quote_points_at_its_opening() {
    let yaml = skeleton_with("        text: \"States parties should:\"", "        text: \"States parties should:");
    error_at(&yaml, "the text quoted with `\"` here is not closed on its line", "\"States parties");
}

// ----- Part 3: a generated sentence without its data ---------------------------------------

#[test]
fn template_without_its_attendance_data() {
    // The skeleton records no permanent observers: the sentence on them has nothing to say.
    let yaml = skeleton_with(
        "          - template: attendance/observer_states",
        "          - template: attendance/observer_states\n          - template: attendance/permanent_observers",
    );
    let d = error_at(
        &yaml,
        "`template: attendance/permanent_observers` needs `attendance.permanent_observers`",
        "attendance/permanent_observers",
    );
    assert!(d.hint.unwrap().contains("permanent_observers: ["), "the hint shows an example");
    let (diags, _dir) = diagnostics(&yaml);
    assert!(!diags.0.iter().any(|d| d.message.contains("undefined") || d.message.contains(".j2")), "{diags}");
}

#[test]
fn chair_sentence_without_a_chair() {
    let yaml = skeleton_with("role: chair", "role: rapporteur");
    error_at(&yaml, "`template: officers/chair` needs `officers` with `role: chair`", "officers/chair");
}

#[test]
fn every_attendance_sentence_without_its_list() {
    // Each attendance sentence of the table whose list the skeleton leaves out, added after the
    // observer States: the error names the list, at the new paragraph's template name.
    let mut tried = 0;
    for sentence in rapporteur::sentences::SENTENCES {
        let Some(need) = sentence.needs.first() else { continue };
        let Some(key) = need.field.strip_prefix("attendance.") else { continue };
        if SKELETON.contains(&format!("  {key}:")) {
            continue;
        }
        let yaml = skeleton_with(
            "          - template: attendance/observer_states",
            &format!("          - template: attendance/observer_states\n          - template: {}", sentence.name),
        );
        let d = error_at(
            &yaml,
            &format!("`template: {}` needs `{}`", sentence.name, need.field),
            &format!("{}\n", sentence.name),
        );
        assert!(d.hint.unwrap().contains(need.example));
        tried += 1;
    }
    assert!(tried >= 4, "the skeleton leaves out most attendance lists ({tried} tried)");
}

#[test]
fn a_session_template_reading_an_unknown_field_is_an_error() {
    // Strict undefined: a misspelt field in a session's own template is reported, not printed
    // as nothing.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("session.yaml"), SKELETON).expect("write");
    std::fs::create_dir_all(dir.path().join("templates/meeting")).expect("mkdir");
    std::fs::write(dir.path().join("templates/meeting/dates.j2"), "The {{ meeting.shrot }} met.").expect("write");
    let diags = compile(dir.path()).expect_err("an unknown field");
    let d = diags.0.iter().find(|d| d.message.contains("undefined")).unwrap_or_else(|| panic!("{diags}"));
    assert_eq!(d.severity, Severity::Error);
    let loc = d.location.clone().expect("a location");
    assert_eq!((loc.line, loc.column), spot(SKELETON, "meeting/dates", 0), "{d}");
}

/// The format reads YAML 1.2 booleans: `contents: yes` is refused where it is written, with
/// the words to write; "Yes" and "No" are words in a table's headings.
#[test]
fn yes_is_a_word_and_a_switch_is_true_or_false() {
    let yaml = skeleton_with("symbol: CTOC/COP/WG.4/2010/2 ", "contents: yes\nsymbol: CTOC/COP/WG.4/2010/2 ");
    let d = error_at(&yaml, "`contents` must be `true` or `false`", "yes\n");
    assert!(d.hint.unwrap().contains("contents: true"));
    let yaml = skeleton_with(
        "symbol: CTOC/COP/WG.4/2010/2 ",
        "annexes:\n  - title: Replies\n    paragraphs:\n      - table: {caption: Replies, header: [State, Yes, No], rows: [[Chile, \"1\", \"0\"]]}\nsymbol: CTOC/COP/WG.4/2010/2 ",
    );
    let (diags, _dir) = diagnostics(&yaml);
    assert!(diags.0.iter().all(|d| d.severity != Severity::Error), "{diags}");
}
