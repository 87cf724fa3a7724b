//! Speed against the targets of issue 14, on this project's machine (2 cores), every figure
//! printed next to its target:
//!
//! 1. where the PDF's time goes, in one process: start-up (parsing the fonts, building typst's
//!    standard library) and typst's own timings of one build (evaluating the layout template,
//!    layout, then the export: conversion, tagging, PDF/A, font subsetting);
//! 2. whole processes of the `rapporteur` binary: the reference report in all five formats
//!    against `pandoc` converting the same report (Markdown with footnotes) to DOCX alone, pair by
//!    pair (target ≤ 0.5×); the reference's PDF alone (target ≤ 50 ms);
//! 3. a synthetic archive of reference-sized sessions (default 1,000), every format, built by one
//!    `rapporteur build DIR` (target ≤ 40 s wall, peak memory ≤ 400 MB), then built again with
//!    nothing changed (target ≤ 2 s).
//!
//! `cargo bench --bench archive` (optimized: the figures the README quotes), or
//! `cargo bench --profile dev --bench archive` (no optimized build, slower figures).
//! Numbers after `--`: runs of each whole-process measurement (default 11), then the archive's
//! sessions (default 1000): `cargo bench --bench archive -- 11 1000`.
//! Under `cargo test --all-targets` (no `--bench`) it runs once on 4 sessions, as a smoke test.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use rapporteur::build::compile;
use rapporteur::document::{Block, Document, Inline, Item};
use rapporteur::writers::{WriteOptions, pdf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let benching = args.iter().any(|a| a == "--bench");
    let numbers: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let (runs, sessions) = if benching {
        (numbers.first().copied().unwrap_or(11).max(1), numbers.get(1).copied().unwrap_or(1000).max(1))
    } else {
        (1, 4)
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let reference = root.join("sessions/ctoc-cop-wg4-2009");
    let exe = Path::new(env!("CARGO_BIN_EXE_rapporteur"));
    println!("benches/archive.rs: {} build, {runs} runs, archive of {sessions} sessions", profile_name());

    println!("\n1. The PDF in one process (reference report)");
    in_process(&reference);

    println!("\n2. Whole processes (median of {runs})");
    whole_processes(exe, &reference, runs);

    println!("\n3. A synthetic archive of {sessions} reference-sized sessions, all formats");
    archive(exe, &reference, sessions);
}

fn profile_name() -> &'static str {
    if cfg!(debug_assertions) { "unoptimized (dev profile)" } else { "optimized" }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// `label: value unit (target …: met|MISSED)`.
fn against(label: &str, value: f64, unit: &str, target: f64) {
    let verdict = if value <= target { "met" } else { "MISSED" };
    println!("  {label}: {value:.2} {unit}   (target ≤ {target} {unit}: {verdict})");
}

fn in_process(reference: &Path) {
    use typst::LibraryExt;
    let start = Instant::now();
    let fonts: Vec<typst::text::Font> = rapporteur::fonts::font_files()
        .flat_map(|data| typst::text::Font::iter(typst::foundations::Bytes::new(data)))
        .collect();
    let _book = typst::text::FontBook::from_fonts(&fonts);
    println!("  start-up: parsing the fonts and their book: {:.1} ms", ms(start.elapsed()));
    let start = Instant::now();
    let _library = typst::Library::default();
    println!("  start-up: building typst's standard library: {:.1} ms", ms(start.elapsed()));

    let start = Instant::now();
    let compiled = compile(reference).unwrap_or_else(|d| panic!("{d}"));
    println!("  load, check, assemble: {:.1} ms", ms(start.elapsed()));
    let opts = WriteOptions { templates: compiled.templates.clone(), ..WriteOptions::default() };
    let start = Instant::now();
    pdf::write(&compiled.document, &opts).unwrap_or_else(|d| panic!("{d}"));
    println!("  first PDF in this process (cold: fonts, library, caches): {:.1} ms", ms(start.elapsed()));

    // typst's own timing scopes over a warm build, inclusive times of the outermost scope of
    // each name.
    typst_timing::enable();
    let start = Instant::now();
    let bytes = pdf::write(&compiled.document, &opts).unwrap_or_else(|d| panic!("{d}"));
    let total = start.elapsed();
    typst_timing::disable();
    let mut json = Vec::new();
    typst_timing::export_json(&mut json, |_| (String::new(), 0)).expect("timings");
    let scopes = scope_totals(&json);
    println!("  warm PDF build: {:.1} ms, {} bytes; typst's timings (inclusive):", ms(total), bytes.len());
    for name in [
        "compile",
        "eval",
        "realize",
        "layout document",
        "check stabilized",
        "pdf",
        "convert document",
        "handle page",
        "handle text",
        "finish export",
    ] {
        if let Some((d, n)) = scopes.get(name) {
            println!("    {name:<18} {:>7.1} ms  ({n} time{})", ms(*d), if *n == 1 { "" } else { "s" });
        }
    }
    for (label, opts) in [
        ("with PDF/A-2b and PDF/UA-1 (default)", opts.clone()),
        ("without the standards (--no-pdf-standards)", WriteOptions { no_pdf_standards: true, ..opts.clone() }),
    ] {
        let times: Vec<Duration> = (0..5)
            .map(|_| {
                let start = Instant::now();
                pdf::write(&compiled.document, &opts).unwrap_or_else(|d| panic!("{d}"));
                start.elapsed()
            })
            .collect();
        println!("  warm PDF, {label}: median {:.1} ms", ms(median(times)));
    }
}

/// Inclusive time and count per scope name, counting only a scope not nested in one of the
/// same name (recursion would count twice).
fn scope_totals(json: &[u8]) -> BTreeMap<String, (Duration, usize)> {
    let events: Vec<serde_json::Value> = serde_json::from_slice(json).expect("timing JSON");
    let mut open: BTreeMap<(u64, String), (f64, usize)> = BTreeMap::new();
    let mut out: BTreeMap<String, (Duration, usize)> = BTreeMap::new();
    for e in events {
        let (Some(name), Some(ph), Some(ts), Some(tid)) =
            (e["name"].as_str(), e["ph"].as_str(), e["ts"].as_f64(), e["tid"].as_u64())
        else {
            continue;
        };
        let key = (tid, name.to_string());
        match ph {
            "B" => {
                let slot = open.entry(key).or_insert((ts, 0));
                slot.1 += 1;
                if slot.1 == 1 {
                    slot.0 = ts;
                }
            }
            "E" => {
                if let Some(slot) = open.get_mut(&key) {
                    slot.1 -= 1;
                    if slot.1 == 0 {
                        let total = out.entry(name.to_string()).or_default();
                        total.0 += Duration::from_secs_f64((ts - slot.0) / 1e6);
                        total.1 += 1;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Runs `command` to its end (output discarded); its wall time and its CPU time (user + system,
/// from `wait4`). Other processes on the machine lengthen the wall time but hardly the CPU time,
/// so the CPU time is printed beside it: on a busy machine it is the fairer figure.
fn run(command: &mut Command) -> (Duration, Duration) {
    command.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped());
    let (wall, _, cpu) = timed_with_peak_memory(command);
    (wall, cpu)
}

fn whole_processes(exe: &Path, reference: &Path, runs: usize) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (bare, bare_cpu): (Vec<Duration>, Vec<Duration>) =
        (0..runs).map(|_| run(Command::new(exe).arg("--version"))).unzip();
    println!(
        "  start-up alone (`rapporteur --version`): {:.1} ms (CPU {:.1} ms)",
        ms(median(bare)),
        ms(median(bare_cpu))
    );

    let (pdf, pdf_cpu): (Vec<Duration>, Vec<Duration>) = (0..runs)
        .map(|_| run(Command::new(exe).arg("build").arg(reference).args(["--format", "pdf", "-o"]).arg(&out)))
        .unzip();
    let fastest = pdf.iter().min().copied().unwrap_or_default();
    println!(
        "  reference PDF alone, whole process: CPU (user + system) median {:.1} ms, wall min {:.1} ms",
        ms(median(pdf_cpu)),
        ms(fastest)
    );
    against("reference PDF alone, whole process, wall (median)", ms(median(pdf)), "ms", 50.0);

    let markdown = tmp.path().join("reference.md");
    let compiled = compile(reference).unwrap_or_else(|d| panic!("{d}"));
    std::fs::write(&markdown, to_markdown(&compiled.document)).unwrap();
    let docx = tmp.path().join("reference.docx");
    let pandoc_ok = Command::new("pandoc").arg("--version").output().is_ok_and(|o| o.status.success());
    if !pandoc_ok {
        println!("  pandoc is not installed (`apt-get install pandoc`): the ratio to pandoc is not measured");
    }
    let mut ours = Vec::new();
    let mut ours_cpu = Vec::new();
    let mut theirs = Vec::new();
    let mut theirs_cpu = Vec::new();
    let mut ratios = Vec::new();
    for _ in 0..runs {
        let (a, a_cpu) = run(Command::new(exe).arg("build").arg(reference).arg("-o").arg(&out));
        ours.push(a);
        ours_cpu.push(a_cpu);
        if pandoc_ok {
            let (b, b_cpu) = run(Command::new("pandoc").arg(&markdown).arg("-o").arg(&docx));
            theirs.push(b);
            theirs_cpu.push(b_cpu);
            ratios.push(a.as_secs_f64() / b.as_secs_f64());
        }
    }
    println!(
        "  reference, all five formats, whole process: median {:.1} ms (CPU {:.1} ms)",
        ms(median(ours)),
        ms(median(ours_cpu))
    );
    if pandoc_ok {
        println!(
            "  pandoc, the same report (Markdown with footnotes) to DOCX: median {:.1} ms (CPU {:.1} ms)",
            ms(median(theirs)),
            ms(median(theirs_cpu))
        );
        ratios.sort_by(f64::total_cmp);
        against("ratio, all five formats / pandoc DOCX, pair by pair (median)", ratios[ratios.len() / 2], "×", 0.5);
    }
}

fn archive(exe: &Path, reference: &Path, n: usize) {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("sessions");
    for i in 0..n {
        synthetic_session(reference, &sessions.join(format!("archive-{i:05}")), i);
    }
    let out = tmp.path().join("out");
    let build = || {
        let mut command = Command::new(exe);
        command.arg("build").arg(&sessions).arg("-o").arg(&out);
        command.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped());
        timed_with_peak_memory(&mut command)
    };
    let (first, peak, cpu) = build();
    let per = first.as_secs_f64() * 1000.0 / n as f64;
    println!(
        "  first run: {:.1} s wall, {per:.1} ms a session; CPU (user + system) {:.1} s, {:.1} ms a session",
        first.as_secs_f64(),
        cpu.as_secs_f64(),
        cpu.as_secs_f64() * 1000.0 / n as f64
    );
    let scaled = first.as_secs_f64() * 1000.0 / n as f64;
    if n != 1000 {
        println!("  (the target is for 1,000 sessions: {:.1} s at this rate)", scaled);
    }
    against("1,000 sessions, all formats, wall", scaled, "s", 40.0);
    against("peak memory of the build process", peak, "MB", 400.0);
    let (second, _, _) = build();
    against("second run, nothing changed, wall", second.as_secs_f64(), "s", 2.0);
}

/// Runs `command` to its end; its wall time, its peak resident memory in MB and its CPU time
/// (user + system), the last two from `wait4`.
// The child is reaped by `wait4` (which gives its own peak memory), not by `Child::wait`.
#[allow(clippy::zombie_processes)]
fn timed_with_peak_memory(command: &mut Command) -> (Duration, f64, Duration) {
    let start = Instant::now();
    let mut child = command.spawn().expect("the build runs");
    let stderr = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut s) = stderr {
            let _ = std::io::Read::read_to_string(&mut s, &mut text);
        }
        text
    });
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, writing into the two locals.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    let stderr = reader.join().unwrap_or_default();
    assert!(pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "{command:?} failed:\n{stderr}");
    let time = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    (elapsed, usage.ru_maxrss as f64 / 1024.0, time(usage.ru_utime) + time(usage.ru_stime))
}

/// A copy of the reference session that is no copy as typst sees it: its own symbol, and a word
/// of its own in every paragraph of the chapters (so nothing is laid out twice across sessions).
fn synthetic_session(reference: &Path, to: &Path, i: usize) {
    copy_dir(reference, to);
    let session = to.join("session.yaml");
    let text = std::fs::read_to_string(&session).unwrap().replace("WG.4/2009/2", &format!("WG.4/2009/{}", i + 2));
    std::fs::write(&session, text).unwrap();
    let chapters = to.join("chapters.yaml");
    let text = std::fs::read_to_string(&chapters).unwrap();
    let tag = format!("(archive {i})");
    // The first line of every folded text block (`text: >-`) starts with this session's word.
    let mut varied = String::new();
    let mut opens_block = false;
    for line in text.lines() {
        if opens_block && !line.trim().is_empty() {
            let indent = line.len() - line.trim_start().len();
            varied.push_str(&format!("{}{tag} {}\n", &line[..indent], line.trim_start()));
        } else {
            varied.push_str(line);
            varied.push('\n');
        }
        opens_block = line.trim_end().ends_with(">-");
    }
    std::fs::write(&chapters, varied).unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target: PathBuf = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The report as Markdown with footnotes (pandoc's `[^n]`), for pandoc to convert to DOCX.
fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    let m = &doc.masthead;
    out.push_str(&format!("{}  \n{}\n\n", m.publisher, m.symbol));
    out.push_str(&format!("{}\n\nDistr.: {}  \n{}  \nOriginal: {}\n\n", m.organ, m.distribution, m.date, m.original));
    for line in &m.caption {
        out.push_str(&format!("**{}**  \n", inlines(line)));
    }
    out.push_str(&format!("\n# {}\n\n", inlines(&m.title)));
    blocks(&doc.body, 2, &mut out);
    for note in &doc.footnotes {
        out.push_str(&format!("[^{}]: {}\n\n", note_label(&note.marker), inlines(&note.content)));
    }
    out
}

fn note_label(marker: &str) -> String {
    if marker == "*" { "star".into() } else { marker.to_string() }
}

fn blocks(list: &[Block], level: usize, out: &mut String) {
    for block in list {
        match block {
            Block::Division(d) => {
                let num = d.num.as_deref().map(|n| format!("{n} ")).unwrap_or_default();
                out.push_str(&format!("{} {num}{}\n\n", "#".repeat(level.min(6)), inlines(&d.heading)));
                blocks(&d.children, level + 1, out);
            }
            Block::Paragraph(p) => {
                // "12\." so that Markdown keeps the number as text, not a list of its own.
                let num = p.num.as_deref().map(|n| format!("{}\t", n.replace('.', "\\."))).unwrap_or_default();
                out.push_str(&format!("{num}{}\n\n", inlines(&p.content)));
                items(&p.items, 1, out);
            }
            Block::Table(t) => {
                out.push_str(&format!("{}\n\n", inlines(&t.caption)));
                let row = |cells: &[Vec<Inline>]| {
                    format!("| {} |\n", cells.iter().map(|c| inlines(c)).collect::<Vec<_>>().join(" | "))
                };
                // A pipe table has one header row: the headings of several rows stand in it side by side.
                let head: Vec<Vec<Inline>> = t.header_cells().map(|c| c.content.clone()).collect();
                out.push_str(&row(&head));
                out.push_str(&format!("|{}\n", "---|".repeat(head.len().max(1))));
                for r in &t.rows {
                    out.push_str(&row(r));
                }
                out.push('\n');
            }
            Block::Officers(o) => {
                for office in &o.offices {
                    out.push_str(&format!("{}\n\n", office.label));
                    for h in &office.holders {
                        out.push_str(&format!("> {}\n\n", inlines(h)));
                    }
                }
            }
            Block::Contents(c) => {
                out.push_str(&format!("**{}**\n\n", c.heading));
                for e in &c.entries {
                    out.push_str(&format!("{} {}  \n", e.num.as_deref().unwrap_or(""), escape(&e.title)));
                }
                out.push('\n');
            }
        }
    }
}

fn items(list: &[Item], depth: usize, out: &mut String) {
    for item in list {
        out.push_str(&format!("{}{} {}\n\n", "> ".repeat(depth), escape(&item.label), inlines(&item.content)));
        items(&item.items, depth + 1, out);
    }
}

fn inlines(list: &[Inline]) -> String {
    let mut out = String::new();
    for inline in list {
        match inline {
            Inline::Text { text } => out.push_str(&escape(text)),
            Inline::Emph { content } => out.push_str(&format!("*{}*", inlines(content))),
            Inline::Strong { content } => out.push_str(&format!("**{}**", inlines(content))),
            Inline::NoteRef { marker, .. } => out.push_str(&format!("[^{}]", note_label(marker))),
            Inline::Bracketed { content } => out.push_str(&format!("\\[{}\\]", inlines(content))),
            Inline::Deleted { .. } => {}
            other => out.push_str(&inlines(other.children())),
        }
    }
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '#' | '|' | '$' | '^' | '~' | '@') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
