//! Golden files: every session under `sessions/` built to the model (JSON, the "middle" golden)
//! and to every text-like format, compared with `tests/golden/<slug>.<ext>`. After an intended
//! change, regenerate them with `UPDATE_GOLDEN=1 cargo test --test golden` and review the diff.

mod common;

use rapporteur::build::{compile, compile_in};
use rapporteur::lang::Lang;
use rapporteur::writers::{Format, WriteOptions};

/// Formats whose output is text and stable enough to keep as golden files.
const GOLDEN_FORMATS: &[&str] = &["text", "html", "akn"];

fn check_golden(name: &str, actual: &[u8]) {
    let path = common::root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; create it with UPDATE_GOLDEN=1 cargo test --test golden", path.display()));
    if expected != actual {
        let (e, a) = (String::from_utf8_lossy(&expected), String::from_utf8_lossy(actual));
        let first =
            e.lines().zip(a.lines()).position(|(x, y)| x != y).unwrap_or(e.lines().count().min(a.lines().count()));
        panic!(
            "{name} differs from its golden file at line {}:\n  golden: {:?}\n  built:  {:?}\n(UPDATE_GOLDEN=1 to accept)",
            first + 1,
            e.lines().nth(first),
            a.lines().nth(first)
        );
    }
}

#[test]
fn every_session_matches_its_golden_files() {
    let mut sessions: Vec<_> = std::fs::read_dir(common::root().join("sessions"))
        .expect("sessions/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("session.yaml").exists())
        .collect();
    sessions.sort();
    assert!(!sessions.is_empty());
    for dir in sessions {
        let slug = dir.file_name().unwrap().to_string_lossy().into_owned();
        let compiled = compile(&dir).unwrap_or_else(|d| panic!("{slug} must compile:\n{d}"));
        let json = serde_json::to_string_pretty(&compiled.document).expect("JSON") + "\n";
        check_golden(&format!("{slug}.json"), json.as_bytes());
        let opts = WriteOptions { templates: compiled.templates.clone(), ..Default::default() };
        for name in GOLDEN_FORMATS {
            let Some(format) = Format::parse(name) else { continue };
            let bytes = format.write(&compiled.document, &opts).unwrap_or_else(|d| panic!("{slug} as {name}:\n{d}"));
            check_golden(&format!("{slug}.{}", format.extension()), &bytes);
        }
    }
}

/// The text of the reference report in each language other than its own (English, whose golden
/// file is above): `tests/golden/<slug>-<lang>.txt`.
#[test]
fn the_reference_report_in_each_language_matches_its_golden_text() {
    let dir = common::reference_session();
    let slug = dir.file_name().unwrap().to_string_lossy().into_owned();
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let compiled = compile_in(&dir, lang).unwrap_or_else(|d| panic!("{slug} in {lang:?}:\n{d}"));
        let opts = WriteOptions { templates: compiled.templates.clone(), ..Default::default() };
        let text = Format::parse("text").unwrap().write(&compiled.document, &opts).expect("text");
        check_golden(&format!("{slug}-{}.txt", lang.code()), &text);
    }
}

#[test]
fn every_session_builds_in_every_format() {
    for entry in std::fs::read_dir(common::root().join("sessions")).expect("sessions/") {
        let dir = entry.expect("entry").path();
        if !dir.join("session.yaml").exists() {
            continue;
        }
        let compiled = compile(&dir).unwrap_or_else(|d| panic!("{}:\n{d}", dir.display()));
        let opts = WriteOptions { templates: compiled.templates.clone(), ..Default::default() };
        for format in Format::ALL {
            let bytes = format
                .write(&compiled.document, &opts)
                .unwrap_or_else(|d| panic!("{} as {}:\n{d}", dir.display(), format.name()));
            assert!(!bytes.is_empty());
        }
    }
}
