//! `rapporteur watch`: the time from saving a one-paragraph edit of the reference report to the
//! new PDF on disk, with the watch loop running as the command runs it (file events from
//! `notify`, the quiet window, load, check, assemble, every format rendered, the PDF typeset with
//! typst's memoized results kept from the builds before, the files written atomically).
//!
//! `cargo bench --bench watch` (optimized), or `cargo bench --profile dev --bench watch`; a
//! number after `--` sets the edits (default 21). Under `cargo test --all-targets` (no `--bench`
//! argument) it makes two edits, as a smoke test.
//!
//! Printed: for the default formats (all five) and for `--format pdf`, the median and minimum of
//! save → PDF on disk (what the user waits for) and of the rebuild alone (from the end of the
//! quiet window), then the same rebuild with typst's cache emptied after every build, as
//! `rapporteur build` runs it — the gain of keeping the process warm.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rapporteur::watch::{Builder, Options, Outcome};
use rapporteur::writers::Format;

/// The paragraph edited: the first of chapter I.
const PARAGRAPH: &str = "adopted the recommendations below for consideration by the Conference at its fifth";

fn copy_session(to: &Path) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/ctoc-cop-wg4-2009");
    let session = to.join("ctoc-cop-wg4-2009");
    let mut pending = vec![(from, session.clone())];
    while let Some((from, to)) = pending.pop() {
        std::fs::create_dir_all(&to).expect("create");
        for entry in std::fs::read_dir(&from).expect("read") {
            let entry = entry.expect("entry");
            if entry.file_type().expect("type").is_dir() {
                pending.push((entry.path(), to.join(entry.file_name())));
            } else {
                std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
            }
        }
    }
    session
}

/// Saves `chapters.yaml` with edit number `n` of the paragraph (as editors save: a new file
/// renamed over the old).
fn edit(session: &Path, original: &str, n: usize) {
    let text = original.replacen(
        PARAGRAPH,
        &format!("adopted, in edit {n}, the recommendations below for consideration by the Conference at its fifth"),
        1,
    );
    assert_ne!(text, original, "the paragraph to edit is in chapters.yaml");
    let path = session.join("chapters.yaml");
    let tmp = session.join(".chapters.yaml.saving");
    std::fs::write(&tmp, text).expect("write");
    std::fs::rename(&tmp, path).expect("rename");
}

/// Prints the median, minimum and maximum; returns the median in ms.
fn stats(label: &str, mut times: Vec<Duration>) -> f64 {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    times.sort();
    println!(
        "{label}: {} edits: median {:.1} ms (min {:.1}, max {:.1})",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
    ms(times[times.len() / 2])
}

/// Runs the watch loop on a copy of the reference session and makes `edits` edits.
/// The temporary folder is returned, to live until the end: its watcher runs on.
fn watched(formats: &[Format], edits: usize, label: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let session = copy_session(dir.path());
    let original = std::fs::read_to_string(session.join("chapters.yaml")).expect("read");
    let options = Options {
        session: session.clone(),
        output: Some(dir.path().join("out")),
        formats: formats.to_vec(),
        no_pdf_standards: false,
    };
    let builder = Arc::new(Builder::new(options));
    let shared = builder.shared.clone();
    let rebuilds = Arc::new(std::sync::Mutex::new(Vec::new()));
    {
        let (builder, rebuilds) = (builder.clone(), rebuilds.clone());
        std::thread::spawn(move || {
            let _ = builder.watch(|outcome, took| {
                if let Outcome::Built { .. } = outcome {
                    rebuilds.lock().expect("lock").push(took);
                }
            });
        });
    }
    // The first build (cold).
    let first = shared.wait_after(0, Duration::from_secs(60)).millis;
    println!("{label}: first build (cold) {first} ms");
    let pdf = dir.path().join("out/ctoc-cop-wg4-2009.pdf");
    let mut to_disk = Vec::new();
    for n in 1..=edits {
        let before = shared.status.lock().expect("lock").build;
        let modified = std::fs::metadata(&pdf).and_then(|m| m.modified()).ok();
        let start = Instant::now();
        edit(&session, &original, n);
        let status = shared.wait_after(before, Duration::from_secs(60));
        let took = start.elapsed();
        assert_eq!(status.build, before + 1, "one build per save");
        assert!(status.errors.is_empty(), "{:?}", status.errors);
        drop(status);
        assert_ne!(std::fs::metadata(&pdf).and_then(|m| m.modified()).ok(), modified, "a new PDF on disk");
        to_disk.push(took);
        // Let the machine settle between edits, as between keystrokes and saves.
        std::thread::sleep(Duration::from_millis(50));
    }
    let median = stats(&format!("{label}: save → new PDF on disk"), to_disk);
    let verdict = if median <= 30.0 { "met" } else { "MISSED" };
    println!("  {label}: save → new PDF on disk, median {median:.1} ms   (target ≤ 30 ms: {verdict})");
    let rebuilds: Vec<Duration> = rebuilds.lock().expect("lock").iter().skip(1).copied().collect();
    stats(&format!("{label}: rebuild alone (from the build's start)"), rebuilds);
    dir
}

/// The same rebuilds without the watch loop's warm cache, as separate `build`s would run them.
fn cold(edits: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let session = copy_session(dir.path());
    let original = std::fs::read_to_string(session.join("chapters.yaml")).expect("read");
    let options = Options {
        session: session.clone(),
        output: Some(dir.path().join("out")),
        formats: vec![Format::Pdf],
        no_pdf_standards: false,
    };
    let builder = Builder::new(options);
    rapporteur::writers::pdf::keep_memoized_results(0);
    let mut times = Vec::new();
    for n in 0..=edits {
        edit(&session, &original, n);
        let (_, took) = builder.rebuild();
        if n > 0 {
            times.push(took);
        }
    }
    let _ = stats("--format pdf, typst's cache emptied after each build (as `build`): rebuild", times);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let benching = args.iter().any(|a| a == "--bench");
    let edits = if benching { args.iter().find_map(|a| a.parse().ok()).unwrap_or(21).max(1) } else { 2 };
    println!(
        "watch: sessions/ctoc-cop-wg4-2009, one paragraph of chapter I edited and saved (target: ≤ 30 ms to the new PDF on disk)"
    );
    let _all = watched(Format::ALL, edits, "all formats");
    let _pdf = watched(&[Format::Pdf], edits, "--format pdf");
    cold(edits);
}
