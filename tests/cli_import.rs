//! `rapporteur import` as a user meets it: text → session → AKN → session → the same AKN;
//! warnings with the input's file and line; refusals that leave nothing written.

use std::process::{Command, Output};

fn rapporteur(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur")).args(args).current_dir(dir).output().unwrap()
}

fn reference() -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference/ctoc-cop-wg4-2009-2.txt")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn text_then_akn_then_akn_again() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let reference = reference();
    let out =
        rapporteur(&["import", &reference, "--from", "text", "-o", "s/ctoc", "--symbol", "CTOC/COP/WG.4/2009/2"], dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains(&format!("{reference}:210:1: warning: paragraph 36")), "{stderr}");
    // Like a session `new` makes: the first line names the schema, written beside the folder.
    let yaml = std::fs::read_to_string(dir.join("s/ctoc/session.yaml")).unwrap();
    assert_eq!(yaml.lines().next(), Some("# yaml-language-server: $schema=../session.schema.json"));
    assert_eq!(
        std::fs::read_to_string(dir.join("s/session.schema.json")).unwrap(),
        rapporteur::schema::session_schema_text()
    );
    assert!(String::from_utf8_lossy(&out.stdout).lines().any(|l| l.ends_with("session.schema.json")));

    let out = rapporteur(&["build", "s/ctoc", "-f", "akn", "-o", "out1"], dir);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = rapporteur(&["import", "out1/ctoc.xml", "--from", "akn", "-o", "s/ctoc"], dir);
    assert_eq!(out.status.code(), Some(1), "an existing session is not replaced without --force");
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    let out = rapporteur(&["import", "out1/ctoc.xml", "--from", "akn", "-o", "s/ctoc", "--force"], dir);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = rapporteur(&["build", "s/ctoc", "-f", "akn", "-o", "out2"], dir);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(dir.join("out1/ctoc.xml")).unwrap(), std::fs::read(dir.join("out2/ctoc.xml")).unwrap());
}

#[test]
fn hostile_xml_is_refused_and_nothing_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("bomb.xml"), "<!DOCTYPE a [<!ENTITY b \"c\">]><a>&b;</a>").unwrap();
    let out = rapporteur(&["import", "bomb.xml", "--from", "akn", "-o", "s/x"], dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("DOCTYPE"));
    assert!(!dir.join("s/x").exists());
    let out = rapporteur(&["import", "missing.txt", "--from", "text", "-o", "s/y"], dir);
    assert_eq!(out.status.code(), Some(1));
    let out = rapporteur(&["import", "bomb.xml", "--from", "rtf", "-o", "s/y"], dir);
    assert_eq!(out.status.code(), Some(2), "an unknown --from is a usage error");
}
