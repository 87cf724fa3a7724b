//! A session received from someone else, a crash mid-build, a huge or malformed input (issue 12):
//! reads confined to the session folder, characters no output can carry, glyphs the fonts lack,
//! limits, all-or-nothing output, and data that would print nonsense — each refused with a clear,
//! positioned message.

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rapporteur::build::compile;
use rapporteur::cli::SKELETON;
use rapporteur::diag::{Diagnostic, Diagnostics};

fn rapporteur() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
}

/// A session folder holding `yaml` as session.yaml.
fn session(yaml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("session.yaml"), yaml).unwrap();
    dir
}

fn skeleton_with(from: &str, to: &str) -> String {
    assert!(SKELETON.contains(from), "the skeleton has `{from}`");
    SKELETON.replacen(from, to, 1)
}

fn line_of(yaml: &str, needle: &str) -> usize {
    yaml.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("`{needle}` not in the YAML")) + 1
}

/// The errors of compiling the session in `dir`, run in a thread so that a read that never ends
/// (a fifo, /dev/zero) fails the test instead of hanging it.
fn errors_within(dir: &Path, seconds: u64) -> Diagnostics {
    let dir = dir.to_path_buf();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(compile(&dir).err());
    });
    match rx.recv_timeout(Duration::from_secs(seconds)) {
        Ok(Some(diags)) => diags,
        Ok(None) => panic!("the session compiled"),
        Err(_) => panic!("compiling did not end within {seconds} s"),
    }
}

/// The one error whose message contains `needle`.
fn the_error(diags: &Diagnostics, needle: &str) -> Diagnostic {
    let found: Vec<&Diagnostic> = diags.errors().filter(|d| d.message.contains(needle)).collect();
    assert_eq!(found.len(), 1, "one error with `{needle}`, got:\n{diags}");
    found[0].clone()
}

/// The one error with `needle` in `yaml`, which must point at `line` of session.yaml.
fn expect_error(yaml: &str, needle: &str, line: usize) -> Diagnostic {
    let dir = session(yaml);
    let diags = errors_within(dir.path(), 60);
    let d = the_error(&diags, needle);
    let loc = d.location.clone().unwrap_or_else(|| panic!("`{d}` has no location"));
    assert_eq!(loc.file, dir.path().join("session.yaml"));
    assert_eq!(loc.line, line, "{d}");
    assert!(d.hint.is_some(), "`{d}` has a hint");
    d
}

// ---- 1. Reads confined to the session folder -------------------------------------------------

/// A file outside any session, with a secret in it.
fn outside_secret() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.txt");
    std::fs::write(&path, "SECRET-FROM-OUTSIDE").unwrap();
    (dir, path)
}

#[test]
fn a_template_linked_outside_the_session_is_refused_by_name() {
    let (_outside, secret) = outside_secret();
    let dir = session(SKELETON);
    std::fs::create_dir_all(dir.path().join("templates/attendance")).unwrap();
    let link = dir.path().join("templates/attendance/states_parties.j2");
    symlink(&secret, &link).unwrap();
    let diags = errors_within(dir.path(), 60);
    let d = the_error(&diags, "outside the session folder");
    assert!(d.message.contains("states_parties.j2"), "names the link: {d}");
    assert!(!format!("{diags}").contains("SECRET-FROM-OUTSIDE"));
}

#[test]
fn a_layout_linked_outside_the_session_is_refused() {
    let (_outside, secret) = outside_secret();
    let dir = session(SKELETON);
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    symlink(&secret, dir.path().join("templates/report.typ")).unwrap();
    let d = the_error(&errors_within(dir.path(), 60), "outside the session folder");
    assert!(d.message.contains("report.typ"), "{d}");
}

#[test]
fn a_templates_folder_linked_outside_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outside.path().join("attendance")).unwrap();
    std::fs::write(outside.path().join("attendance/states_parties.j2"), "SECRET-FROM-OUTSIDE").unwrap();
    let dir = session(SKELETON);
    symlink(outside.path(), dir.path().join("templates")).unwrap();
    let d = the_error(&errors_within(dir.path(), 60), "symbolic link");
    assert!(d.message.contains("templates"), "{d}");
}

#[test]
fn an_include_linked_outside_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let part = outside.path().join("part.yaml");
    std::fs::write(&part, "footnotes:\n  decision: { text: SECRET-FROM-OUTSIDE }\n").unwrap();
    let yaml =
        skeleton_with("footnotes:\n  decision: { text: \"See Conference decision 4/4.\" }\n", "include: [part.yaml]\n");
    let dir = session(&yaml);
    symlink(&part, dir.path().join("part.yaml")).unwrap();
    let d = the_error(&errors_within(dir.path(), 60), "outside the session folder");
    assert!(d.message.contains("part.yaml"), "{d}");
}

#[test]
fn a_link_that_stays_inside_the_session_is_read() {
    let dir = session(SKELETON);
    std::fs::create_dir_all(dir.path().join("templates/attendance")).unwrap();
    std::fs::write(dir.path().join("shared.j2"), "Own words about the States parties.").unwrap();
    symlink(dir.path().join("shared.j2"), dir.path().join("templates/attendance/states_parties.j2")).unwrap();
    let compiled = compile(dir.path()).unwrap_or_else(|d| panic!("{d}"));
    let json = serde_json::to_string(&compiled.document).unwrap();
    assert!(json.contains("Own words about"), "the linked template was used");
}

#[test]
fn a_device_or_fifo_is_not_read() {
    // /dev/zero inside the folder's reach: a fifo stands in for it (a device cannot be made
    // without privileges); both are "not a regular file", checked before any read.
    let yaml =
        skeleton_with("footnotes:\n  decision: { text: \"See Conference decision 4/4.\" }\n", "include: [pipe.yaml]\n");
    let dir = session(&yaml);
    let fifo = dir.path().join("pipe.yaml");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let d = the_error(&errors_within(dir.path(), 20), "not a regular file");
    assert!(d.message.contains("pipe.yaml"), "{d}");
}

#[test]
fn a_session_file_over_the_cap_is_refused() {
    let yaml = format!("{SKELETON}\n# {}\n", "x".repeat(17 * 1024 * 1024));
    let dir = session(&yaml);
    let d = the_error(&errors_within(dir.path(), 60), "bytes");
    assert!(d.message.contains("session.yaml") && d.message.contains("the most"), "{d}");
}

// ---- 2. Text the formats can carry --------------------------------------------------------------

#[test]
fn a_control_character_is_refused_with_its_position() {
    let yaml = skeleton_with("{ text: \"See Conference decision 4/4.\" }", "{ text: \"See a\\0b.\" }");
    let d = expect_error(&yaml, "U+0000", line_of(&yaml, "See a\\0b"));
    assert!(d.message.contains("character 6"), "{d}");
    for (escape, code) in [("\\v", "U+000B"), ("\\e", "U+001B"), ("\\x85", "U+0085"), ("\\uFFFF", "U+FFFF")] {
        let yaml = skeleton_with("Consider the first matter;", &format!("\"Consider{escape} the first matter;\""));
        expect_error(&yaml, code, line_of(&yaml, "Consider"));
    }
}

#[test]
fn a_glyph_the_fonts_lack_is_found_with_its_position() {
    let yaml = skeleton_with("Consider the second matter.", "Consider the matter of 会议.");
    let d = expect_error(&yaml, "not in the fonts of the `en` version", line_of(&yaml, "会议"));
    assert!(d.message.contains("U+4F1A") && d.message.contains("character 24"), "{d}");
    let yaml = skeleton_with("Consider the second matter.", "Consider the second matter 😀.");
    expect_error(&yaml, "U+1F600", line_of(&yaml, "😀"));
    // Latin, Greek and Cyrillic are in the fonts.
    let yaml = skeleton_with("Consider the second matter.", "Consider Ærøskøbing, Αθήνα and Москва.");
    compile(session(&yaml).path()).unwrap_or_else(|d| panic!("{d}"));
}

#[test]
fn messages_never_send_raw_control_characters_to_the_terminal() {
    let yaml =
        skeleton_with("states_parties: [Algeria, Austria, Brazil]", "states_parties: [Algeria, \"Aus\\e[31mtria\\a\"]");
    let dir = session(&yaml);
    let out = rapporteur().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stderr.iter().any(|b| *b == 0x1b || *b == 0x07), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("\\u{1b}") || stderr.contains("U+001B"), "{stderr}");
}

// ---- 3. Limits ----------------------------------------------------------------------------------

#[test]
fn too_many_citations_in_one_paragraph() {
    let refs: String = (0..101).map(|i| format!("[^n{i}]")).collect();
    let notes: String = (0..101).map(|i| format!("  n{i}: {{ text: Note {i}. }}\n")).collect();
    let yaml = skeleton_with(
        "The Working Group adopted the recommendations below.[^decision]",
        &format!("Below.{refs}[^decision]"),
    );
    let yaml = skeleton_with_in(&yaml, "footnotes:\n", &format!("footnotes:\n{notes}"));
    expect_error(&yaml, "footnote references in one text", line_of(&yaml, "Below."));
}

#[test]
fn too_many_footnotes() {
    let n = rapporteur::safety::limits::FOOTNOTES + 1;
    let notes: String = (0..n).map(|i| format!("  n{i}: {{ text: Note {i}. }}\n")).collect();
    let yaml = skeleton_with("footnotes:\n", &format!("footnotes:\n{notes}"));
    // A block mapping is located at its first key, the line after `footnotes:`.
    expect_error(&yaml, "footnotes; the most a report may have is", line_of(&yaml, "footnotes:") + 1);
}

fn skeleton_with_in(yaml: &str, from: &str, to: &str) -> String {
    assert!(yaml.contains(from));
    yaml.replacen(from, to, 1)
}

/// Runs the binary with a deadline; `None` when it had to be killed.
fn run_with_deadline(cmd: &mut Command, seconds: u64) -> Option<std::process::Output> {
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(seconds) {
        if child.try_wait().unwrap().is_some() {
            return Some(child.wait_with_output().unwrap());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[test]
fn import_refuses_a_device_before_reading() {
    let out = tempfile::tempdir().unwrap();
    let result = run_with_deadline(
        rapporteur().args(["import", "/dev/zero", "--from", "text", "-o"]).arg(out.path().join("s")),
        20,
    )
    .expect("import /dev/zero must stop at once");
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("not a regular file"), "{stderr}");
}

#[test]
fn import_refuses_a_file_over_the_cap_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    // Sparse: large on paper, nothing on disk.
    std::fs::File::create(&big).unwrap().set_len(rapporteur::safety::limits::IMPORT_BYTES + 1).unwrap();
    let out = rapporteur()
        .args(["import"])
        .arg(&big)
        .args(["--from", "text", "-o"])
        .arg(dir.path().join("s"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the most an import may read"), "{stderr}");
    assert!(!dir.path().join("s/session.yaml").exists());
}

// ---- 4. Safe, atomic output ---------------------------------------------------------------------

fn build(session: &Path, out: &Path, formats: &str) -> std::process::Output {
    rapporteur().arg("build").arg(session).args(["--format", formats, "-o"]).arg(out).output().unwrap()
}

#[test]
fn stale_temporary_files_are_cleaned_up() {
    let dir = session(SKELETON);
    let out = tempfile::tempdir().unwrap();
    let stale = out.path().join(".rapporteur-Ab12Cd.tmp");
    std::fs::write(&stale, "left by a killed build").unwrap();
    let result = build(dir.path(), out.path(), "text");
    assert_eq!(result.status.code(), Some(0), "{}", String::from_utf8_lossy(&result.stderr));
    assert!(!stale.exists(), "the stale temporary file is removed");
    let names: Vec<String> =
        std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "no temporary file is left: {names:?}");
}

#[test]
fn a_failed_rename_leaves_every_previous_output_as_it_was() {
    let dir = session(SKELETON);
    let out = tempfile::tempdir().unwrap();
    let slug = dir.path().file_name().unwrap().to_string_lossy().into_owned();
    let txt = out.path().join(format!("{slug}.txt"));
    let html = out.path().join(format!("{slug}.html"));
    std::fs::write(&txt, "OLD TEXT").unwrap();
    // The AKN output cannot be renamed into place: a folder that is not empty stands there.
    let blocker = out.path().join(format!("{slug}.xml"));
    std::fs::create_dir_all(blocker.join("inside")).unwrap();
    let result = build(dir.path(), out.path(), "text,html,akn");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!stderr.contains("os error"), "no internals in the message: {stderr}");
    assert_eq!(std::fs::read_to_string(&txt).unwrap(), "OLD TEXT", "the text output was put back");
    assert!(!html.exists(), "the HTML output, new in this build, was removed");
    let names: Vec<String> =
        std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "no temporary file is left: {names:?}");
}

#[test]
fn two_builds_into_one_folder_do_not_interleave() {
    let dir = session(SKELETON);
    let out = tempfile::tempdir().unwrap();
    // Another build holds the folder: this one waits for it.
    let held = std::fs::File::open(out.path()).unwrap();
    held.lock().unwrap();
    let mut child = rapporteur()
        .arg("build")
        .arg(dir.path())
        .args(["--format", "text", "-o"])
        .arg(out.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let written = std::fs::read_dir(out.path()).unwrap().count();
    assert_eq!(written, 0, "nothing written while the folder is locked");
    assert!(child.try_wait().unwrap().is_none(), "the build waits for the lock");
    held.unlock().unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);
}

#[test]
fn an_output_path_in_the_way_is_said_in_words() {
    let dir = session(SKELETON);
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let result = build(dir.path(), &file, "text");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("os error"), "{stderr}");
    assert!(stderr.contains("a-file"), "{stderr}");
}

// ---- 5. Data the checks let through -----------------------------------------------------------

#[test]
fn a_meeting_without_dates() {
    let yaml = skeleton_with("dates: [2010-01-27, 2010-01-28, 2010-01-29]", "dates: []");
    expect_error(&yaml, "no dates", line_of(&yaml, "dates: []"));
}

#[test]
fn a_date_listed_twice() {
    let yaml = skeleton_with("dates: [2010-01-27, 2010-01-28, 2010-01-29]", "dates: [2010-01-27, 2010-01-27]");
    expect_error(&yaml, "listed twice", line_of(&yaml, "dates: [2010-01-27, 2010-01-27]"));
}

#[test]
fn a_recorded_vote_whose_totals_contradict_its_lists() {
    let decision = "      - decision:\n          id: d1\n          kind: decision\n          number: \"1/1\"\n          title: A decision\n          operative: [\"*Decides* to act;\"]\n          vote:\n            recorded: true\n            in_favour: 3\n            against: 0\n            abstaining: 0\n            states: { in_favour: [Algeria, Austria], against: [], abstaining: [] }\n";
    let yaml = skeleton_with(
        "      - The recommendations are contained in",
        &format!("{decision}      - The recommendations are contained in"),
    );
    let d = expect_error(&yaml, "records 3 in favour but lists 2", line_of(&yaml, "in_favour: 3"));
    assert!(d.message.contains("States"), "{d}");
}

#[test]
fn an_entity_without_a_name() {
    let yaml = skeleton_with("Consider the second matter.", "Consider {org:x|}.");
    expect_error(&yaml, "no name", line_of(&yaml, "{org:x|}"));
}

#[test]
fn a_range_that_runs_backwards() {
    let yaml = skeleton_with("(see {para:first-recommendation})", "(see {chapters:discussion..recommendations})");
    let d = expect_error(&yaml, "does not run forwards", line_of(&yaml, "{chapters:discussion..recommendations}"));
    assert!(d.message.contains("III") && d.message.contains("I)"), "{d}");
}

#[test]
fn a_report_without_chapters() {
    let start = SKELETON.find("\nchapters:\n").unwrap() + 1;
    let end = SKELETON.find("\nfootnotes:\n").unwrap() + 1;
    let yaml = format!("{}chapters: []\n\n{}", &SKELETON[..start], &SKELETON[end..]);
    expect_error(&yaml, "no chapters", line_of(&yaml, "chapters: []"));
}

#[test]
fn an_empty_table_row() {
    let table = "      - table: { caption: Replies, header: [Region, Replies], rows: [[Africa, \"12\"], []] }\n";
    let yaml = skeleton_with(
        "      - The recommendations are contained in",
        &format!("{table}      - The recommendations are contained in"),
    );
    expect_error(&yaml, "an empty table row", line_of(&yaml, "rows: [[Africa"));
}
