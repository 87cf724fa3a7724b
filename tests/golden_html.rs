//! Golden file for the HTML writer: the reference session (`sessions/ctoc-cop-wg4-2009`) built as
//! HTML must equal `tests/golden/ctoc-cop-wg4-2009.html` byte for byte. After an intended change,
//! regenerate with `UPDATE_GOLDEN=1 cargo test --test golden_html` and review the diff.

use std::path::PathBuf;

use rapporteur::build::compile;
use rapporteur::writers::{Format, WriteOptions};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build_html() -> Vec<u8> {
    let session = root().join("sessions/ctoc-cop-wg4-2009");
    let compiled = compile(&session).unwrap_or_else(|d| panic!("the reference session must compile:\n{d}"));
    let opts = WriteOptions { templates: compiled.templates.clone(), ..WriteOptions::default() };
    Format::Html.write(&compiled.document, &opts).expect("the HTML writer succeeds")
}

#[test]
fn reference_session_html_matches_golden() {
    let built = build_html();
    let golden = root().join("tests/golden/ctoc-cop-wg4-2009.html");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, &built).unwrap();
        return;
    }
    let expected =
        std::fs::read(&golden).unwrap_or_else(|e| panic!("{}: {e} (create it with UPDATE_GOLDEN=1)", golden.display()));
    if built != expected {
        let (b, e) = (String::from_utf8_lossy(&built), String::from_utf8_lossy(&expected));
        let line =
            b.lines().zip(e.lines()).position(|(x, y)| x != y).map_or(b.lines().count().min(e.lines().count()), |i| i);
        panic!(
            "HTML differs from {} at line {}:\n  built:  {:?}\n  golden: {:?}\n(regenerate with UPDATE_GOLDEN=1 if intended)",
            golden.display(),
            line + 1,
            b.lines().nth(line),
            e.lines().nth(line)
        );
    }
}

#[test]
fn reference_session_html_is_deterministic_and_complete() {
    let (a, b) = (build_html(), build_html());
    assert_eq!(a, b, "two builds in one process differ");
    let html = String::from_utf8(a).unwrap();
    // 56 numbered paragraphs, each with an id; 4 footnotes linked both ways.
    let paras = html.matches("<p class=\"para\" id=\"").count();
    assert!(paras >= 56, "{paras} paragraphs");
    for n in 1..=56 {
        assert!(html.contains(&format!("<span class=\"num\">{n}.</span> ")), "paragraph {n}");
    }
    assert_eq!(html.matches("role=\"doc-noteref\"").count(), 4);
    assert_eq!(html.matches("role=\"doc-backlink\"").count(), 4);
    assert!(html.contains("Czech Republic") && !html.contains("Czechia"));
}
