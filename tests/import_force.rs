//! `import --force` replaces exactly what an earlier import wrote, says so, and refuses —
//! writing nothing — when the folder holds files no import wrote (a `templates/` folder would
//! silently rewrite the new report).

use std::path::Path;
use std::process::{Command, Output};

fn rapporteur(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur")).args(args).current_dir(dir).output().unwrap()
}

const XML: &str = r##"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="report"><meta><identification source="#a"><FRBRWork><FRBRuri value="/akn/xx/doc/2020-01-02"/><FRBRdate date="2020-01-02" name="x"/><FRBRauthor href="#org"/></FRBRWork></identification><references source="#a"><TLCOrganization eId="org" href="/o/org" showAs="The Organ"/></references></meta><preface><p><docNumber>X/1</docNumber></p><p><docTitle>Title</docTitle></p></preface><mainBody><chapter eId="c"><heading>One</heading><paragraph eId="p"><num>1.</num><content><p>Text.</p></content></paragraph></chapter></mainBody></doc></akomaNtoso>"##;

#[test]
fn force_replaces_the_import_and_refuses_foreign_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("a.xml"), XML).unwrap();
    let out = rapporteur(&["import", "a.xml", "--from", "akn", "-o", "s"], dir);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.join("s/.imported").is_file());
    assert_eq!(rapporteur(&["check", "s"], dir).status.code(), Some(0), "the manifest does not disturb loading");

    // Again with --force: replaced, and said so.
    let out = rapporteur(&["import", "a.xml", "--from", "akn", "-o", "s", "--force"], dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("replaced s/session.yaml"), "{stderr}");

    // A templates/ folder nobody imported: refused, nothing touched.
    std::fs::create_dir(dir.join("s/templates")).unwrap();
    std::fs::write(dir.join("s/templates/title.j2"), "x").unwrap();
    let before = std::fs::read(dir.join("s/session.yaml")).unwrap();
    let out = rapporteur(&["import", "a.xml", "--from", "akn", "-o", "s", "--force"], dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("files the import did not write: templates/title.j2"), "{stderr}");
    assert_eq!(std::fs::read(dir.join("s/session.yaml")).unwrap(), before);
    assert!(dir.join("s/templates/title.j2").is_file());

    // A hand-written session.yaml (no import header, no manifest) is not replaced either.
    std::fs::create_dir(dir.join("t")).unwrap();
    std::fs::write(dir.join("t/session.yaml"), "symbol: X/2\n").unwrap();
    let out = rapporteur(&["import", "a.xml", "--from", "akn", "-o", "t", "--force"], dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("session.yaml"));
    assert_eq!(std::fs::read_to_string(dir.join("t/session.yaml")).unwrap(), "symbol: X/2\n");
}
