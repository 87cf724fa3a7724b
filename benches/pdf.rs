//! Time to build a report's PDF in one process, median of several runs (plain `std::time`).
//!
//! `cargo bench --bench pdf` (optimized build) or, quicker to compile,
//! `cargo run --profile dev --bench pdf` is not available for benches: use
//! `cargo bench --bench pdf -- RUNS` to choose the number of runs (default 15).

#[path = "../tests/support/sample_doc.rs"]
mod sample_doc;

use std::time::{Duration, Instant};

use rapporteur::writers::{WriteOptions, pdf};

fn main() {
    let runs: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(15);
    let doc = sample_doc::sample();
    let opts = WriteOptions::default();
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut size = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let bytes = pdf::write(&doc, &opts).unwrap_or_else(|d| panic!("{d}"));
        times.push(start.elapsed());
        size = bytes.len();
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "pdf: sample document, {size} bytes; {runs} runs: median {:.1} ms (min {:.1}, max {:.1})",
        ms(times[runs / 2]),
        ms(times[0]),
        ms(times[runs - 1])
    );
}
