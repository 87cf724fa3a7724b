//! The command line as a user meets it: exit codes, messages, atomic outputs, `new`.

mod common;
use common::copy_dir;

use std::path::Path;
use std::process::Command;

fn rapporteur() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
}

#[test]
fn check_the_reference_exits_0_with_its_warnings() {
    let out = rapporteur()
        .args(["check", "sessions/ctoc-cop-wg4-2009"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("`Australia` made a statement but is not recorded as attending"), "{stderr}");
    assert!(stderr.contains("out of alphabetical order"), "{stderr}");
    assert!(stderr.contains("no errors"), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    let out = rapporteur().args(["build"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = rapporteur().args(["build", "x", "--format", "odt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown format `odt`"));
    let out = rapporteur().args(["--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("build"));
}

#[test]
fn a_failed_build_leaves_the_previous_outputs_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let session = tmp.path().join("s");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/ctoc-cop-wg4-2009"), &session);
    let out_dir = tmp.path().join("out");
    let build =
        || rapporteur().args(["build"]).arg(&session).args(["--format", "text", "-o"]).arg(&out_dir).output().unwrap();
    let first = build();
    assert_eq!(first.status.code(), Some(0), "{}", String::from_utf8_lossy(&first.stderr));
    let written = out_dir.join("s.txt");
    let before = std::fs::read(&written).unwrap();

    // Break the data: a State that did not exist under that name in 2009.
    let attendance = session.join("attendance.yaml");
    let text = std::fs::read_to_string(&attendance).unwrap().replacen("- Burundi", "- Czechia", 1);
    std::fs::write(&attendance, text).unwrap();
    let second = build();
    assert_eq!(second.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(stderr.contains("attendance.yaml:") && stderr.contains("Czechia"), "{stderr}");
    assert_eq!(std::fs::read(&written).unwrap(), before, "the previous output is untouched");
    let leftovers: Vec<_> = std::fs::read_dir(&out_dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary files are left: {leftovers:?}");
}

#[test]
fn new_writes_a_skeleton_that_checks_clean_and_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    let out = rapporteur().args(["new", "my-meeting", "--dir"]).arg(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let folder = tmp.path().join("my-meeting");
    let check = rapporteur().arg("check").arg(&folder).output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stderr));
    let again = rapporteur().args(["new", "my-meeting", "--dir"]).arg(tmp.path()).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let bad = rapporteur().args(["new", "My Meeting"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn errors_show_file_line_column_source_and_hint() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("session.yaml"), "symbol: X\ntitel: Y\n").unwrap();
    let out = rapporteur().arg("check").arg(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("session.yaml:2:1: error:"), "{stderr}");
    assert!(stderr.contains("titel"), "{stderr}");
    assert!(stderr.contains("2 | titel: Y"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
}

#[test]
fn two_processes_write_the_same_bytes_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for run in ["a", "b"] {
        let dir = tmp.path().join(run);
        let out = rapporteur()
            .args(["build", "sessions/ctoc-cop-wg4-2016", "-o"])
            .arg(&dir)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        outputs.push(
            files.iter().map(|f| (f.file_name().unwrap().to_owned(), std::fs::read(f).unwrap())).collect::<Vec<_>>(),
        );
    }
    assert_eq!(outputs[0].len(), rapporteur::writers::Format::ALL.len(), "one file per format");
    for ((name, a), (_, b)) in outputs[0].iter().zip(&outputs[1]) {
        assert!(a == b, "{name:?} differs between two runs");
    }
}

/// Outputs are created as any file the user makes is (0666 less the umask): a report is for
/// others to read, not a private temporary file (0600).
#[cfg(unix)]
#[test]
fn outputs_have_the_permissions_of_an_ordinary_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let out = rapporteur()
        .args(["build", "sessions/ctoc-cop-wg4-2016", "--format", "text,html", "-o"])
        .arg(tmp.path())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    // What this process's umask gives an ordinary new file, for comparison.
    let ordinary = tmp.path().join("ordinary");
    std::fs::write(&ordinary, b"").unwrap();
    let expected = std::fs::metadata(&ordinary).unwrap().permissions().mode() & 0o777;
    for ext in ["txt", "html"] {
        let file = tmp.path().join(format!("ctoc-cop-wg4-2016.{ext}"));
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, expected, "{} has mode {mode:o}, an ordinary new file {expected:o}", file.display());
    }
}
