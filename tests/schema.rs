//! The JSON Schema of the session format (`rapporteur schema`, `schema/session.schema.json`),
//! judged by an independent validator, `check-jsonschema` (PyPI; tests/run.sh installs it), which
//! reads the YAML files directly as an editor does:
//!
//! - the shipped file is the one the types generate, and `rapporteur schema` prints it;
//! - every session file under `sessions/` (and those they include) names it on its first line
//!   and validates, and so does the skeleton `rapporteur new` writes, against the schema file
//!   `new` writes beside it;
//! - the typical slips are refused by the schema as by the loader;
//! - the schema and the loader (serde) agree, file by file, on a corpus of variants of every
//!   session: keys added, misspelt or removed, values of every YAML type put in every place.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use rapporteur::cli::SKELETON;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_rapporteur");
const SHIPPED: &str = "schema/session.schema.json";
const MODELINE: &str = "# yaml-language-server: $schema=";

/// check-jsonschema's verdict on each file: `None` valid, `Some(reason)` refused.
fn validate(schema: &Path, files: &[PathBuf]) -> BTreeMap<PathBuf, Option<String>> {
    let mut verdicts: BTreeMap<PathBuf, Option<String>> = files.iter().map(|f| (f.clone(), None)).collect();
    // In slices: one process for many files, and command lines of a sane length.
    for chunk in files.chunks(200) {
        let output = Command::new("check-jsonschema")
            .arg("--schemafile")
            .arg(schema)
            .args(["--output-format", "json"])
            .args(chunk)
            .output()
            .expect("run check-jsonschema (tests/run.sh installs it from PyPI)");
        let report: Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("check-jsonschema's report ({e}): {}", String::from_utf8_lossy(&output.stderr)));
        let problems = report["errors"].as_array().into_iter().flatten();
        let unparsed = report["parse_errors"].as_array().into_iter().flatten();
        for problem in problems.chain(unparsed) {
            let file = PathBuf::from(problem["filename"].as_str().expect("a file name"));
            let reason = format!("{} {}", problem["path"].as_str().unwrap_or(""), problem["message"]);
            let verdict = verdicts.get_mut(&file).unwrap_or_else(|| panic!("a file not asked for: {file:?}"));
            verdict.get_or_insert(reason);
        }
    }
    verdicts
}

/// The loader's verdict on one file's text (serde, as `session::load` reads every file).
fn serde_verdict(text: &str) -> Option<String> {
    serde_saphyr::from_str_with_options::<rapporteur::session::Session>(text, rapporteur::safety::yaml_options())
        .err()
        .map(|e| e.to_string())
}

fn session_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for session in std::fs::read_dir("sessions").expect("sessions/") {
        for file in std::fs::read_dir(session.expect("entry").path()).expect("a session folder") {
            let path = file.expect("entry").path();
            if path.extension().is_some_and(|e| e == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 8, "the sessions and their included files: {files:?}");
    files
}

#[test]
fn the_shipped_schema_is_the_generated_one() {
    let generated = rapporteur::schema::session_schema_text();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(SHIPPED, &generated).expect("write the schema");
    }
    let shipped = std::fs::read_to_string(SHIPPED).expect("schema/session.schema.json");
    assert!(
        shipped == generated,
        "{SHIPPED} is not what the session types generate; regenerate it: `UPDATE_SCHEMA=1 cargo test --test schema` (or `rapporteur schema > {SHIPPED}`)"
    );
    let printed = Command::new(BIN).arg("schema").output().expect("rapporteur schema");
    assert!(printed.status.success());
    assert_eq!(String::from_utf8(printed.stdout).expect("UTF-8"), generated, "`rapporteur schema` prints it");
    // A schema check-jsonschema takes as a 2020-12 schema.
    let output = Command::new("check-jsonschema").args(["--check-metaschema", SHIPPED]).output().expect("run");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
}

#[test]
fn every_session_file_names_the_schema_and_validates() {
    let files = session_files();
    let shipped = std::fs::canonicalize(SHIPPED).expect("the schema");
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read");
        let first = text.lines().next().unwrap_or_default();
        let target = first.strip_prefix(MODELINE).unwrap_or_else(|| panic!("{file:?} starts with `{MODELINE}…`"));
        let resolved = std::fs::canonicalize(file.parent().expect("a folder").join(target));
        assert_eq!(resolved.ok().as_ref(), Some(&shipped), "{file:?}: the line points at {SHIPPED}");
        assert_eq!(serde_verdict(&text), None, "{file:?} loads");
    }
    for (file, verdict) in validate(Path::new(SHIPPED), &files) {
        assert_eq!(verdict, None, "{file:?} is valid under the schema");
    }
}

#[test]
fn the_skeleton_of_new_names_a_schema_beside_it_and_validates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sessions = dir.path().join("sessions");
    let made = Command::new(BIN).args(["new", "wg-2026", "--dir"]).arg(&sessions).output().expect("new");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let skeleton = sessions.join("wg-2026/session.yaml");
    let text = std::fs::read_to_string(&skeleton).expect("the skeleton");
    assert_eq!(text, SKELETON);
    let target = text.lines().next().and_then(|l| l.strip_prefix(MODELINE)).expect("the schema line");
    let schema = sessions.join("wg-2026").join(target);
    assert_eq!(
        std::fs::read_to_string(&schema).expect("the schema `new` writes beside the sessions"),
        rapporteur::schema::session_schema_text()
    );
    assert_eq!(validate(&schema, std::slice::from_ref(&skeleton))[&skeleton], None);
    // A second `new` finds it current and leaves it alone.
    let again = Command::new(BIN).args(["new", "wg-2027", "--dir"]).arg(&sessions).output().expect("new");
    assert_eq!(String::from_utf8_lossy(&again.stdout).lines().count(), 1, "only the session file is written");
}

#[test]
fn typical_slips_are_refused_by_schema_and_loader_alike() {
    let dir = tempfile::tempdir().expect("temp dir");
    let slips = [
        (
            "txt",
            SKELETON.replacen("        text: \"States parties should:\"", "        txt: \"States parties should:\"", 1),
        ),
        ("item", SKELETON.replacen("        items:\n          - Consider", "        item:\n          - Consider", 1)),
        ("top-level", SKELETON.replacen("\norgan: ", "\norgna: ", 1)),
        ("meeting key", SKELETON.replacen("  short: Working Group", "  shrot: Working Group", 1)),
        ("footnote", SKELETON.replacen("{ text: \"See Conference", "{ txt: \"See Conference", 1)),
        ("distribution", SKELETON.replacen("distribution: General", "distribution: Public", 1)),
        ("date", SKELETON.replacen("date: 2010-02-05", "date: 2010-02-30", 1)),
        (
            "two kinds",
            SKELETON.replacen("      - template: agenda\n", "      - template: agenda\n        text: Agenda\n", 1),
        ),
    ];
    let mut files = Vec::new();
    for (name, text) in &slips {
        assert_ne!(text, SKELETON, "the slip `{name}` was made");
        assert!(serde_verdict(text).is_some(), "the loader refuses the slip `{name}`");
        let path = dir.path().join(format!("{}.yaml", name.replace(' ', "-")));
        std::fs::write(&path, text).expect("write");
        files.push(path);
    }
    let control = dir.path().join("skeleton.yaml");
    std::fs::write(&control, SKELETON).expect("write");
    files.push(control.clone());
    let verdicts = validate(Path::new(SHIPPED), &files);
    assert_eq!(verdicts[&control], None, "the skeleton itself is valid");
    for ((name, _), file) in slips.iter().zip(&files) {
        assert!(verdicts[file].is_some(), "the schema refuses the slip `{name}`");
    }
}

/// A deterministic corpus of variants of one session file: keys added, misspelt and removed on
/// mappings; values of every YAML type in place of scalars, lists and mappings; items of every
/// type added to lists.
fn variants(doc: &Value) -> Vec<(String, Value)> {
    fn paths(v: &Value, at: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
        out.push(at.clone());
        match v {
            Value::Object(m) => m.iter().for_each(|(k, c)| {
                at.push(Value::String(k.clone()));
                paths(c, at, out);
                at.pop();
            }),
            Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| {
                at.push(Value::from(i));
                paths(c, at, out);
                at.pop();
            }),
            _ => {}
        }
    }
    fn node<'a>(v: &'a mut Value, path: &[Value]) -> &'a mut Value {
        path.iter().fold(v, |v, step| match step {
            Value::String(k) => &mut v[k.as_str()],
            _ => &mut v[step.as_u64().expect("an index") as usize],
        })
    }
    let mut all = Vec::new();
    paths(doc, &mut Vec::new(), &mut all);
    let replacements = [
        Value::from(2009),
        Value::from(1.5),
        Value::Bool(true),
        Value::from("yes"),
        Value::from("2009-04-14"),
        Value::Null,
        serde_json::json!([]),
        serde_json::json!(["x"]),
        serde_json::json!({}),
        serde_json::json!({"text": "x"}),
    ];
    let mut out = Vec::new();
    // Every node for the kinds of change that tell most, spread evenly over the file.
    let stride = (all.len() / 10).max(1);
    for (n, path) in all.iter().enumerate().filter(|(n, _)| n % stride == 0) {
        let here = path.iter().map(|s| s.to_string()).collect::<Vec<_>>().join("/");
        let target = node(&mut doc.clone(), path).clone();
        match &target {
            Value::Object(map) => {
                let mut v = doc.clone();
                node(&mut v, path)["unknown_key"] = Value::from("x");
                out.push((format!("{here}: key added"), v));
                if let Some(key) = map.keys().nth(n % map.len().max(1)) {
                    let mut v = doc.clone();
                    let m = node(&mut v, path).as_object_mut().expect("a mapping");
                    let value = m.remove(key).expect("the key");
                    out.push((format!("{here}: `{key}` removed"), v.clone()));
                    let m = node(&mut v, path).as_object_mut().expect("a mapping");
                    m.insert(key[..key.len() - 1].to_string(), value);
                    out.push((format!("{here}: `{key}` misspelt"), v));
                }
            }
            Value::Array(_) => {
                for item in [Value::from("x"), Value::from(12), Value::Null, serde_json::json!({"id": "x"})] {
                    let mut v = doc.clone();
                    node(&mut v, path).as_array_mut().expect("a list").push(item.clone());
                    out.push((format!("{here}: item {item} added"), v));
                }
            }
            _ => {}
        }
        if !path.is_empty() {
            for r in &replacements {
                let mut v = doc.clone();
                *node(&mut v, path) = r.clone();
                out.push((format!("{here}: replaced by {r}"), v));
            }
        }
    }
    out
}

#[test]
fn schema_and_loader_agree_on_every_session_and_its_variants() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cases: Vec<(String, PathBuf, Option<String>)> = Vec::new();
    let mut sources: Vec<(String, String)> = session_files()
        .into_iter()
        .map(|f| (f.display().to_string(), std::fs::read_to_string(&f).expect("read")))
        .collect();
    sources.push(("skeleton".into(), SKELETON.to_string()));
    for (name, text) in &sources {
        let doc: Value = serde_saphyr::from_str(text).expect("a YAML document");
        let mut texts = vec![(format!("{name} as it is"), text.clone())];
        for (what, v) in variants(&doc) {
            texts.push((format!("{name}: {what}"), serde_saphyr::to_string(&v).expect("YAML")));
        }
        for (what, text) in texts {
            let path = dir.path().join(format!("{}.yaml", cases.len()));
            std::fs::write(&path, &text).expect("write");
            cases.push((what, path, serde_verdict(&text)));
        }
    }
    let files: Vec<PathBuf> = cases.iter().map(|(_, p, _)| p.clone()).collect();
    let verdicts = validate(Path::new(SHIPPED), &files);
    let mut disagreements = Vec::new();
    let (mut accepted, mut refused) = (0, 0);
    for (what, path, by_serde) in &cases {
        let by_schema = &verdicts[path];
        match (by_serde, by_schema) {
            (None, None) => accepted += 1,
            (Some(_), Some(_)) => refused += 1,
            _ => disagreements.push(format!(
                "{what} ({}):\n  loader: {}\n  schema: {}",
                path.display(),
                by_serde.as_deref().unwrap_or("accepts"),
                by_schema.as_deref().unwrap_or("accepts")
            )),
        }
    }
    eprintln!("{} cases: {accepted} accepted by both, {refused} refused by both", cases.len());
    assert!(accepted > 100 && refused > 100, "the corpus has both kinds: {accepted} accepted, {refused} refused");
    assert!(disagreements.is_empty(), "{} disagreements:\n{}", disagreements.len(), disagreements.join("\n"));
}
