//! Time to build the reference report's PDF in one process — load, check, assemble, typeset,
//! export — median of several runs (plain `std::time`).
//!
//! `cargo bench --bench pdf` (optimized), or without the long optimized build:
//! `cargo bench --profile dev --bench pdf` (dependencies are at opt-level 2 in `dev`).
//! A number after `--` sets the runs (default 15): `cargo bench --profile dev --bench pdf -- 31`.
//! Under `cargo test --all-targets` (no `--bench` argument) it runs once, as a smoke test.

#[path = "../tests/support/sample_doc.rs"]
mod sample_doc;

use std::path::Path;
use std::time::{Duration, Instant};

use rapporteur::build::compile;
use rapporteur::writers::{WriteOptions, pdf};

fn median(label: &str, runs: usize, mut f: impl FnMut() -> usize) {
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut size = 0;
    for _ in 0..runs {
        let start = Instant::now();
        size = f();
        times.push(start.elapsed());
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let first = times[0];
    times.sort();
    let size = if size > 0 { format!("{size} bytes; ") } else { String::new() };
    println!(
        "{label}: {size}{runs} runs: median {:.1} ms (min {:.1}, max {:.1}; the first, cold: {:.1})",
        ms(times[runs / 2]),
        ms(times[0]),
        ms(times[runs - 1]),
        ms(first)
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let benching = args.iter().any(|a| a == "--bench");
    let runs = if benching { args.iter().find_map(|a| a.parse().ok()).unwrap_or(15).max(1) } else { 1 };

    let session = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/ctoc-cop-wg4-2009");
    median("pdf: sessions/ctoc-cop-wg4-2009 (load, check, assemble, typeset, export)", runs, || {
        let compiled = compile(&session).unwrap_or_else(|d| panic!("{d}"));
        let opts = WriteOptions { templates: compiled.templates.clone(), ..WriteOptions::default() };
        pdf::write(&compiled.document, &opts).unwrap_or_else(|d| panic!("{d}")).len()
    });

    median("  of which load, check, assemble (no PDF)", runs, || {
        compile(&session).unwrap_or_else(|d| panic!("{d}"));
        0
    });

    let doc = sample_doc::sample();
    let opts = WriteOptions::default();
    median("pdf: tests/support sample document (typeset, export)", runs, || {
        pdf::write(&doc, &opts).unwrap_or_else(|d| panic!("{d}")).len()
    });
}
