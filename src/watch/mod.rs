//! `rapporteur watch SESSION`: the drafting loop. Every save in the session folder rebuilds the
//! report — the outputs written as `build` writes them, all or nothing — and a preview served on
//! `http://127.0.0.1:PORT` (loopback only, see `server`) shows the HTML and the PDF and reloads
//! itself when a build succeeds. When the data has errors the page lists them with file, line,
//! column and hint, and the last good output stays on screen and on disk.
//!
//! The process stays up between builds, so what a build prepares once is kept: the fonts and
//! typst's standard library (parsed once per process), and typst's memoized results (the parsed
//! layout template, laid-out paragraphs, shaped text), which `pdf::keep_memoized_results` keeps
//! across builds — an edit re-typesets what it changed, not the whole report.
//!
//! File events come from `notify`; a save usually arrives as a burst (write, close, rename). The
//! event that ends it (the file closed after writing, or renamed into place) starts the build at
//! once, with the rest of its burst; a burst without such an event is built when the folder has
//! been quiet for `QUIET`. Either way one save gives one build.

mod server;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::build::compile_issued;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::writers::{Format, WriteOptions};

pub use server::Server;

/// How long the session folder must be quiet before a build starts when no event marks the end of
/// a save (see `completes_save`): long enough to gather the events of one save (an editor's
/// write, close and rename come within a millisecond or two), short enough not to be felt.
pub const QUIET: Duration = Duration::from_millis(10);

/// How many builds typst's memoized results outlive in watch mode: an edit and its undo both
/// find the report's other paragraphs laid out.
#[cfg(feature = "pdf")]
const KEEP_BUILDS: usize = 4;

/// What to build and where (the options of `build`).
#[derive(Debug, Clone)]
pub struct Options {
    /// The session folder.
    pub session: PathBuf,
    /// The output folder (default: `out/<slug>/`, as `build`).
    pub output: Option<PathBuf>,
    /// The formats written to disk; the preview's HTML and PDF are made in any case.
    pub formats: Vec<Format>,
    pub no_pdf_standards: bool,
}

/// One document of the last good build, as the preview serves it.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The file stem (`ctoc-cop-wg4-2009`, or a part's symbol as a slug).
    pub stem: String,
    pub html: Arc<Vec<u8>>,
    pub pdf: Arc<Vec<u8>>,
}

/// A diagnostic as the page shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Shown {
    pub severity: &'static str,
    /// `file:line:column` (or the file alone, or nothing, as the diagnostic has it).
    pub place: String,
    pub message: String,
    pub hint: Option<String>,
    /// The whole diagnostic as the terminal prints it: header, source line, caret, hint.
    pub rendered: String,
}

/// Where the loop stands, shared with the server.
#[derive(Debug, Default)]
pub struct Status {
    /// Builds attempted so far (the page asks for news after the one it has seen).
    pub build: u64,
    /// The last build that succeeded (0: none yet); its documents are `documents`.
    pub good: u64,
    pub documents: Vec<Preview>,
    /// The errors of the last build, if it failed (the documents are then older).
    pub errors: Vec<Shown>,
    pub warnings: Vec<Shown>,
    /// The files the last good build wrote.
    pub written: Vec<PathBuf>,
    /// How long the last build took, in milliseconds.
    pub millis: u64,
}

/// The status and a signal for those waiting on the next build.
#[derive(Debug, Default)]
pub struct Shared {
    pub status: Mutex<Status>,
    pub changed: Condvar,
}

impl Shared {
    /// The status after the build numbered `after`, waiting up to `timeout` for it.
    pub fn wait_after(&self, after: u64, timeout: Duration) -> std::sync::MutexGuard<'_, Status> {
        let guard = self.status.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) =
            self.changed.wait_timeout_while(guard, timeout, |s| s.build <= after).unwrap_or_else(|e| e.into_inner());
        guard
    }
}

/// The outcome of one build.
pub enum Outcome {
    /// Written: the files, the preview's documents, the warnings.
    Built { written: Vec<PathBuf>, documents: Vec<Preview>, warnings: Diagnostics },
    /// Nothing written: the errors (and warnings found with them).
    Failed(Diagnostics),
}

/// The watch loop's builder: builds the session and publishes the outcome to `shared`.
pub struct Builder {
    pub options: Options,
    pub shared: Arc<Shared>,
}

impl Builder {
    pub fn new(options: Options) -> Builder {
        #[cfg(feature = "pdf")]
        crate::writers::pdf::keep_memoized_results(KEEP_BUILDS);
        Builder { options, shared: Arc::new(Shared::default()) }
    }

    /// Builds once, publishes the outcome, and returns it with the time it took.
    pub fn rebuild(&self) -> (Outcome, Duration) {
        let start = Instant::now();
        let outcome = build(&self.options);
        let took = start.elapsed();
        let mut status = self.shared.status.lock().unwrap_or_else(|e| e.into_inner());
        status.build += 1;
        status.millis = took.as_millis() as u64;
        match &outcome {
            Outcome::Built { written, documents, warnings } => {
                status.good = status.build;
                status.documents = documents.clone();
                status.written = written.clone();
                status.errors.clear();
                status.warnings = warnings.0.iter().map(shown).collect();
            }
            Outcome::Failed(diags) => {
                status.errors = diags.errors().map(shown).collect();
                status.warnings = diags.0.iter().filter(|d| d.severity != Severity::Error).map(shown).collect();
            }
        }
        drop(status);
        self.shared.changed.notify_all();
        (outcome, took)
    }

    /// Watches the session folder and rebuilds after every change, until the watcher fails.
    /// `on_build` hears of each build (the command prints it).
    pub fn watch(&self, mut on_build: impl FnMut(&Outcome, Duration)) -> Result<(), String> {
        let (tx, rx) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx).map_err(|e| format!("cannot watch files: {e}"))?;
        use notify::Watcher;
        watcher
            .watch(&self.options.session, notify::RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", self.options.session.display()))?;
        // Our own outputs, when they are written inside the session folder, are not edits.
        let output = std::fs::canonicalize(self.output_dir()).ok();
        let relevant = |event: &notify::Result<notify::Event>| match event {
            Ok(event) => is_edit(&event.kind) && event.paths.iter().any(|p| !is_ours(p, output.as_deref())),
            Err(_) => true,
        };
        let (outcome, took) = self.rebuild();
        on_build(&outcome, took);
        loop {
            // Block until an edit, then until a file's save is complete or the folder is quiet.
            let first = match rx.recv() {
                Ok(event) if relevant(&event) => event,
                Ok(_) => continue,
                Err(_) => return Err("the file watcher stopped".into()),
            };
            let mut complete = completes_save(&first);
            while !complete {
                match rx.recv_timeout(QUIET) {
                    Ok(event) => complete = relevant(&event) && completes_save(&event),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return Err("the file watcher stopped".into()),
                }
            }
            // The events already queued with the one that completed the save are part of it.
            while rx.try_recv().is_ok() {}
            let (outcome, took) = self.rebuild();
            on_build(&outcome, took);
        }
    }

    /// The folder outputs go to (as `build` names it; before the first build, from the folder).
    pub fn output_dir(&self) -> PathBuf {
        self.options.output.clone().unwrap_or_else(|| {
            let status = self.shared.status.lock().unwrap_or_else(|e| e.into_inner());
            match status.written.first().and_then(|p| p.parent()) {
                Some(dir) => dir.to_path_buf(),
                None => Path::new("out").join(folder_name(&self.options.session)),
            }
        })
    }
}

/// Whether a file event can change the report: content written, a file created, renamed or
/// removed. Reading a file (ours, while building) and metadata changes are not edits, nor is the
/// summary of a rename (`Both`) that comes after its own `From` and `To` events — possibly after
/// the build they started.
fn is_edit(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_) | ModifyKind::Name(RenameMode::Both)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        _ => false,
    }
}

/// Whether the event ends the save of a file the user edits: the file closed after writing (an
/// editor that writes in place) or a new version renamed over it (one that writes a temporary
/// file first). The build then starts at once rather than after the quiet window: that window
/// only gathers the events of a save whose end no event marks. A hidden file (`.x.swp`,
/// `.chapters.yaml.saving`) or a backup (`x~`) is an editor's own, not the end of a save.
fn completes_save(event: &notify::Result<notify::Event>) -> bool {
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
    let Ok(event) = event else { return false };
    let closing = matches!(
        event.kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) | EventKind::Modify(ModifyKind::Name(RenameMode::To))
    );
    closing
        && event.paths.last().and_then(|p| p.file_name()).is_some_and(|name| {
            let name = name.to_string_lossy();
            !name.starts_with('.') && !name.ends_with('~')
        })
}

/// Whether `path` is one of our outputs or their temporary files (in the output folder).
fn is_ours(path: &Path, output: Option<&Path>) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.starts_with(".rapporteur-") || output.is_some_and(|out| path.starts_with(out))
}

/// The session folder's own name (`build` names the output folder of a report in parts so).
fn folder_name(session: &Path) -> String {
    std::fs::canonicalize(session)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "session".into())
}

/// Loads, checks and assembles the session, renders every format asked for plus the preview's
/// HTML and PDF, and writes the formats asked for (as `build` does: all or nothing, into
/// `out/<slug>/` unless told otherwise). The PDF, the longest to make, is typeset on a thread of
/// its own while the other formats are written.
pub fn build(options: &Options) -> Outcome {
    let issued = match compile_issued(&options.session) {
        Ok(issued) => issued,
        Err(diags) => return Outcome::Failed(diags),
    };
    let dir = options.output.clone().unwrap_or_else(|| match issued.len() {
        2.. => Path::new("out").join(folder_name(&options.session)),
        _ => Path::new("out").join(&issued[0].document.meta.slug),
    });
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut documents = Vec::new();
    for compiled in &issued {
        let opts = WriteOptions { templates: compiled.templates.clone(), no_pdf_standards: options.no_pdf_standards };
        let stem = compiled.document.meta.slug.clone();
        let mut wanted: Vec<Format> = options.formats.clone();
        for f in [Format::Html, Format::Pdf] {
            if !wanted.contains(&f) {
                wanted.push(f);
            }
        }
        let (pdf, others) = std::thread::scope(|scope| {
            let pdf = scope.spawn(|| Format::Pdf.write(&compiled.document, &opts));
            let others: Vec<(Format, Result<Vec<u8>, Diagnostics>)> = wanted
                .iter()
                .filter(|f| **f != Format::Pdf)
                .map(|f| (*f, f.write(&compiled.document, &opts)))
                .collect();
            (pdf.join(), others)
        });
        let pdf = pdf.unwrap_or_else(|_| Err(Diagnostic::error("the PDF writer failed unexpectedly").into()));
        let mut rendered = Vec::new();
        for (format, result) in std::iter::once((Format::Pdf, pdf)).chain(others) {
            match result {
                Ok(bytes) => rendered.push((format, bytes)),
                Err(mut diags) => {
                    diags.push(Diagnostic::error(format!(
                        "the {} output of {stem} failed; nothing was written",
                        format.name()
                    )));
                    return Outcome::Failed(diags);
                }
            }
        }
        let take = |format: Format| rendered.iter().find(|(f, _)| *f == format).map(|(_, b)| b.clone());
        documents.push(Preview {
            stem: stem.clone(),
            html: Arc::new(take(Format::Html).unwrap_or_default()),
            pdf: Arc::new(take(Format::Pdf).unwrap_or_default()),
        });
        // In the order `--format` gives, as `build` writes them.
        for format in &options.formats {
            if let Some(bytes) = take(*format) {
                files.push((dir.join(format!("{stem}.{}", format.extension())), bytes));
            }
        }
    }
    if let Err(message) = crate::cli::write_all(&dir, &files) {
        return Outcome::Failed(
            Diagnostic::error(format!("{}; nothing was written", crate::safety::printable(&message)))
                .with_hint("the previous outputs, if any, are as they were")
                .into(),
        );
    }
    let warnings = issued.into_iter().next().map(|c| c.warnings).unwrap_or_default();
    Outcome::Built { written: files.into_iter().map(|(p, _)| p).collect(), documents, warnings }
}

/// A diagnostic for the page.
fn shown(d: &Diagnostic) -> Shown {
    let place = match &d.location {
        Some(l) => format!("{}:{}:{}", l.file.display(), l.line, l.column),
        None => String::new(),
    };
    Shown {
        severity: if d.severity == Severity::Error { "error" } else { "warning" },
        place: crate::safety::printable(&place).into_owned(),
        message: crate::safety::printable(&d.message).into_owned(),
        hint: d.hint.as_deref().map(|h| crate::safety::printable(h).into_owned()),
        rendered: crate::safety::printable(&crate::cli::render(d)).into_owned(),
    }
}

/// `rapporteur watch`: serves the preview, builds, and rebuilds on every change until stopped.
pub fn run(options: Options, port: u16) -> i32 {
    let builder = Builder::new(options);
    let server = match Server::start(port, builder.shared.clone()) {
        Ok(s) => s,
        Err(message) => {
            eprintln!("error: {message}");
            return 1;
        }
    };
    println!("{}", server.url());
    eprintln!("preview at {} (Ctrl-C stops); watching {}", server.url(), builder.options.session.display());
    let result = builder.watch(|outcome, took| match outcome {
        Outcome::Built { written, warnings, .. } => {
            crate::cli::report(warnings);
            let n = warnings.0.len();
            eprintln!(
                "built in {} ms: {} file{} written, {n} warning{}",
                took.as_millis(),
                written.len(),
                if written.len() == 1 { "" } else { "s" },
                if n == 1 { "" } else { "s" }
            );
        }
        Outcome::Failed(diags) => {
            crate::cli::report(diags);
            eprintln!("not built: the data has errors; the last good outputs are kept");
        }
    });
    match result {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("error: {message}");
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, AccessMode, DataChange, ModifyKind, RenameMode};
    use notify::{Event, EventKind};

    fn event(kind: EventKind, name: &str) -> notify::Result<Event> {
        Ok(Event::new(kind).add_path(PathBuf::from("/s").join(name)))
    }

    #[test]
    fn the_end_of_a_save_starts_the_build_and_nothing_else_does() {
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        let written = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        // Written in place, then closed; or written aside, then renamed over the file.
        assert!(completes_save(&event(closed, "chapters.yaml")));
        assert!(completes_save(&event(renamed, "chapters.yaml")));
        // Halfway through a save, or an editor's own files.
        assert!(!completes_save(&event(written, "chapters.yaml")));
        assert!(!completes_save(&event(closed, ".chapters.yaml.saving")));
        assert!(!completes_save(&event(renamed, ".chapters.yaml.swp")));
        assert!(!completes_save(&event(closed, "chapters.yaml~")));
        assert!(!completes_save(&Err(notify::Error::generic("lost"))));
        // A rename's summary follows its `From` and `To`: not an edit of its own.
        assert!(!is_edit(&EventKind::Modify(ModifyKind::Name(RenameMode::Both))));
        assert!(is_edit(&renamed) && is_edit(&written) && is_edit(&closed));
    }
}
