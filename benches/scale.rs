//! How build time and peak memory grow with the size of a report: a generated session of N
//! paragraphs, every 50th citing a footnote of its own (N/50 footnotes; the cap is 2,000), for
//! N = 1k, 10k, 100k; each format
//! written on its own, and the text output imported back (`import --from text`). Linear growth
//! is what the limits in README.md rely on.
//!
//! `cargo bench --bench scale` (optimized), or `cargo bench --profile dev --bench scale`.
//! Sizes after `--`: `cargo bench --bench scale -- 1000,10000` (default 1000,10000,100000).
//! Each measurement runs in a child process of its own (this program again, with
//! `RAPPORTEUR_SCALE_STEP` set), so that its peak memory (`VmHWM`) is its own.
//! Under `cargo test --all-targets` (no `--bench` argument) it runs once at N = 200, as a smoke test.

use std::process::Command;
use std::time::Instant;

use rapporteur::build::compile;
use rapporteur::writers::{Format, WriteOptions};

/// A session of `n` numbered paragraphs in chapters of 100, every 50th citing its own footnote.
fn session_yaml(n: usize) -> String {
    let mut y = String::from(
        "symbol: X/2020/1\ndate: 2020-01-10\norgan: An organ\nmeeting: { name: A meeting, venue: Vienna, dates: [2020-01-08] }\ntitle: A long report\nchapters:\n",
    );
    for c in 0..n.div_ceil(100) {
        y.push_str(&format!("  - title: Chapter {c}\n    paragraphs:\n"));
        for p in c * 100..((c + 1) * 100).min(n) {
            let note = if p % 50 == 0 { format!("[^n{p}]") } else { String::new() };
            y.push_str(&format!(
                "      - \"Paragraph {p}: the Working Group took note of the information provided by the Secretariat on the matter.{note}\"\n"
            ));
        }
    }
    y.push_str("footnotes:\n");
    for p in (0..n).step_by(50) {
        y.push_str(&format!("  n{p}: {{ text: \"Footnote {p}, with a citation of a document.\" }}\n"));
    }
    y
}

/// The peak resident memory of this process so far, in MB.
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

/// One measurement, in this (child) process: prints `ms peak_mb`.
fn step(n: usize, what: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("session.yaml"), session_yaml(n)).unwrap();
    let format = Format::parse(what);
    let text = if what == "import" {
        let compiled = compile(dir.path()).unwrap_or_else(|d| panic!("{d}"));
        let opts = WriteOptions { templates: compiled.templates.clone(), ..WriteOptions::default() };
        Some(String::from_utf8(Format::Text.write(&compiled.document, &opts).unwrap()).unwrap())
    } else {
        None
    };
    let start = Instant::now();
    let size = match (format, text) {
        (_, Some(text)) => {
            let (session, _) = rapporteur::import::import_text(&text).unwrap_or_else(|d| panic!("{d}"));
            assert!(!session.chapters.is_empty());
            text.len()
        }
        (Some(format), None) => {
            let compiled = compile(dir.path()).unwrap_or_else(|d| panic!("{d}"));
            let opts = WriteOptions { templates: compiled.templates.clone(), ..WriteOptions::default() };
            format.write(&compiled.document, &opts).unwrap_or_else(|d| panic!("{d}")).len()
        }
        (None, None) => {
            compile(dir.path()).unwrap_or_else(|d| panic!("{d}"));
            0
        }
    };
    println!("{} {:.0} {size}", start.elapsed().as_millis(), peak_mb());
}

fn main() {
    if let Ok(spec) = std::env::var("RAPPORTEUR_SCALE_STEP") {
        let (n, what) = spec.split_once(':').expect("N:what");
        step(n.parse().expect("N"), what);
        return;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let benching = args.iter().any(|a| a == "--bench");
    let sizes: Vec<usize> = if benching {
        args.iter()
            .find(|a| a.chars().next().is_some_and(|c| c.is_ascii_digit()))
            .map(|a| a.split(',').filter_map(|s| s.parse().ok()).collect())
            .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
    } else {
        vec![200]
    };
    let me = std::env::current_exe().unwrap();
    let steps = ["check", "text", "html", "akn", "docx", "pdf", "import"];
    println!(
        "{:>8} {:>7} {:>10} {:>10} {:>12}   (N paragraphs, N/50 footnotes)",
        "N", "step", "time ms", "peak MB", "bytes"
    );
    for n in sizes {
        for what in steps {
            let out = Command::new(&me).env("RAPPORTEUR_SCALE_STEP", format!("{n}:{what}")).output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            let fields: Vec<&str> = stdout.split_whitespace().collect();
            if !out.status.success() || fields.len() < 3 {
                let stderr = String::from_utf8_lossy(&out.stderr);
                panic!("{n} {what}: {}\n{stderr}", out.status);
            }
            println!("{n:>8} {what:>7} {:>10} {:>10} {:>12}", fields[0], fields[1], fields[2]);
        }
    }
}
