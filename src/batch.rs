//! `rapporteur build` for many sessions in one run: a folder of sessions, several session folders,
//! or a list of them in a file. Sessions are built in parallel (rayon); what a build can share is
//! shared by being built once per process (the fonts, the typst library, the registries). Each
//! session's outputs are written all or nothing (`cli::write_all`), so a broken session is
//! reported and skipped and its previous outputs stay as they were.
//!
//! The manifest in the output root (`crate::manifest`) records what each session's build read
//! and wrote: a rebuild skips a session whose files, tool and options are as recorded, and says
//! which outputs of the others changed; `--dry-run` answers the same question without writing.
//! `--shard I/N` builds a stable slice of the set, for job runners that start N workers.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::build::{Compiled, compile_versions, warnings_of};
use crate::diag::{Diagnostic, Diagnostics};
use crate::lang::{Lang, Version};
use crate::manifest::{self, Entry, Manifest, Options, Output, Tool};
use crate::safety::printable;
use crate::session::load::{ENTRY, fingerprint, load};
use crate::writers::{Format, WriteOptions};

/// The arguments of `rapporteur build`.
#[derive(clap::Args)]
pub struct BuildArgs {
    /// Session folders (`sessions/ctoc-cop-wg4-2009`), or folders of sessions (`sessions/`: every
    /// sub-folder holding a session.yaml).
    #[arg(required_unless_present = "list", value_name = "SESSION")]
    pub sessions: Vec<PathBuf>,
    /// A file naming session folders, one a line (blank lines and `#` comments skipped; paths
    /// relative to the current folder).
    #[arg(long, value_name = "FILE")]
    pub list: Option<PathBuf>,
    /// Output formats, comma-separated (default: all).
    #[arg(long, short, value_delimiter = ',')]
    pub format: Vec<String>,
    /// One session: its output folder (default `out/<slug>/`). Several: the output root (default
    /// `out/`), each session in `<root>/<slug>/`, the manifest in `<root>/manifest.json`.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// PDF only: do not declare PDF/A-2b and PDF/UA-1.
    #[arg(long)]
    pub no_pdf_standards: bool,
    /// Treat every warning as an error and write nothing if there is one (issuance).
    #[arg(long)]
    pub strict: bool,
    /// Language versions, comma-separated: ar, zh, en, fr, ru, es (default: the session's own
    /// language). Each version is its own set of files: `<slug>-fr.pdf`…; the session's own
    /// language keeps the names `<slug>.pdf`…
    #[arg(long, value_delimiter = ',')]
    pub lang: Vec<String>,
    /// Several sessions: rebuild every session, even those the manifest shows unchanged.
    #[arg(long)]
    pub force: bool,
    /// Several sessions: build in memory and say which outputs would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Build only slice I of N (0 ≤ I < N), chosen by a hash of each session's folder name, so
    /// that N workers together build every session once; writes `manifest.shard-I-of-N.json`.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
}

/// `--shard I/N`: this worker's index and the number of workers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let usage = || format!("`{s}` is not a shard: write I/N with 0 ≤ I < N, e.g. 0/4 (the first of four)");
        let (i, n) = s.split_once('/').ok_or_else(usage)?;
        let (index, count): (u64, u64) =
            (i.trim().parse().map_err(|_| usage())?, n.trim().parse().map_err(|_| usage())?);
        if count == 0 || index >= count {
            return Err(usage());
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Whether the session named `slug` is in this slice. The slice depends on the name alone
    /// (the first 8 bytes of its SHA-256, modulo N), so adding or removing other sessions never
    /// moves a session to another worker, and every machine computes the same split.
    pub fn holds(&self, slug: &str) -> bool {
        slice_of(slug, self.count) == self.index
    }

    /// The manifest file this worker writes in the output root.
    pub fn manifest_name(&self) -> String {
        format!("manifest.shard-{}-of-{}.json", self.index, self.count)
    }
}

/// Which of `count` slices the session named `slug` falls in.
pub fn slice_of(slug: &str, count: u64) -> u64 {
    let hash = manifest::sha256_hex(slug.as_bytes());
    u64::from_str_radix(&hash[..16], 16).expect("hex digits") % count
}

/// One session to build: its folder and its name (the folder's name, also its output folder's).
#[derive(Debug, Clone)]
pub struct Job {
    pub slug: String,
    pub dir: PathBuf,
}

/// Runs `rapporteur build`: one session as before, or a batch.
pub fn command(args: BuildArgs) -> i32 {
    let formats = match crate::cli::parse_formats(&args.format) {
        Ok(f) => f,
        Err(message) => {
            eprintln!("error: {message}");
            return 2;
        }
    };
    let langs = match crate::cli::parse_langs(&args.lang) {
        Ok(l) => l,
        Err(message) => {
            eprintln!("error: {message}");
            return 2;
        }
    };
    let batch = args.sessions.len() != 1
        || args.list.is_some()
        || args.shard.is_some()
        || args.dry_run
        || holds_sessions(&args.sessions[0]);
    if !batch {
        return crate::cli::build(&args.sessions[0], &formats, &langs, args.output, args.no_pdf_standards, args.strict);
    }
    let jobs = match discover(&args.sessions, args.list.as_deref()) {
        Ok(jobs) => jobs,
        Err(message) => {
            eprintln!("error: {}", printable(&message));
            return 1;
        }
    };
    let settings = Settings {
        root: args.output.unwrap_or_else(|| PathBuf::from("out")),
        formats,
        langs,
        no_pdf_standards: args.no_pdf_standards,
        strict: args.strict,
        force: args.force,
        dry_run: args.dry_run,
        shard: args.shard,
    };
    run(&jobs, &settings)
}

/// A folder that is not a session but holds sessions (`sessions/`).
fn holds_sessions(path: &Path) -> bool {
    !path.join(ENTRY).exists()
        && std::fs::read_dir(path).is_ok_and(|entries| entries.flatten().any(|e| e.path().join(ENTRY).is_file()))
}

/// The sessions named on the command line and in `--list`, sorted by name. A folder that is not
/// a session stands for its sub-folders that are; a path that is neither is kept, so that its
/// build fails with the loader's own words. Two sessions of one name would write one output
/// folder: an error.
pub fn discover(paths: &[PathBuf], list: Option<&Path>) -> Result<Vec<Job>, String> {
    let mut named: Vec<PathBuf> = paths.to_vec();
    if let Some(list) = list {
        let text = std::fs::read_to_string(list)
            .map_err(|e| format!("cannot read {}: {}", list.display(), crate::safety::io_reason(&e)))?;
        named.extend(text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(PathBuf::from));
    }
    let mut jobs = Vec::new();
    for path in named {
        if holds_sessions(&path) {
            let mut found: Vec<PathBuf> = std::fs::read_dir(&path)
                .map_err(|e| format!("cannot read {}: {}", path.display(), crate::safety::io_reason(&e)))?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.join(ENTRY).is_file())
                .collect();
            found.sort();
            jobs.extend(found.into_iter().map(job));
        } else {
            jobs.push(job(path));
        }
    }
    jobs.sort_by(|a, b| a.slug.cmp(&b.slug).then_with(|| a.dir.cmp(&b.dir)));
    jobs.dedup_by(|a, b| a.dir == b.dir);
    if let Some(pair) = jobs.windows(2).find(|w| w[0].slug == w[1].slug) {
        return Err(format!(
            "{} and {} are both named `{}`: they would write the same output folder\n  hint: rename one of the folders",
            pair[0].dir.display(),
            pair[1].dir.display(),
            pair[0].slug
        ));
    }
    if jobs.is_empty() {
        return Err("no session to build\n  hint: name session folders, or a folder of them such as `sessions/`".into());
    }
    Ok(jobs)
}

fn job(dir: PathBuf) -> Job {
    // As the loader names it: the folder's own name, links and `.` resolved.
    let slug = dir
        .canonicalize()
        .ok()
        .as_deref()
        .unwrap_or(&dir)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "session".into());
    Job { slug, dir }
}

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct Settings {
    pub root: PathBuf,
    pub formats: Vec<Format>,
    /// The language versions (`--lang`); empty: the session's own language.
    pub langs: Vec<Lang>,
    pub no_pdf_standards: bool,
    pub strict: bool,
    pub force: bool,
    pub dry_run: bool,
    pub shard: Option<Shard>,
}

/// What became of one session.
#[derive(Debug, Clone, PartialEq)]
enum Status {
    /// Its files, the tool and the options are as the manifest records: not built.
    Unchanged,
    /// Built (something it depends on changed), every output identical to the recorded one.
    Same(usize),
    /// Built; these outputs differ from the recorded ones (or would, in a dry run).
    Changed(Vec<String>),
    /// Built for the first time into this root (no entry in the manifest).
    New(usize),
    /// Not built: its errors (nothing written, earlier outputs kept).
    Failed(usize),
}

struct Done {
    status: Status,
    /// How many warnings its build reported.
    warnings: usize,
    /// The session's new manifest entry (`None`: keep the previous one, if any).
    entry: Option<Entry>,
    /// Its diagnostics, rendered.
    report: String,
}

/// Builds the sessions and writes the manifest; the exit code.
pub fn run(jobs: &[Job], settings: &Settings) -> i32 {
    let root = &settings.root;
    let main_path = root.join(manifest::FILE);
    let own_path = settings.shard.map(|s| root.join(s.manifest_name())).unwrap_or_else(|| main_path.clone());
    // What was built before: the root's manifest and, for a shard, its own file over it.
    let mut previous = Manifest::default();
    let mut own_text = None;
    let mut sources = vec![&main_path];
    if own_path != main_path {
        sources.push(&own_path);
    }
    for path in sources {
        if !path.is_file() {
            continue;
        }
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: cannot read {}: {}", path.display(), crate::safety::io_reason(&e));
                return 1;
            }
        };
        match Manifest::parse(path, &text) {
            Ok(m) => previous.sessions.extend(m.sessions),
            Err(diags) if settings.force => {
                crate::cli::report(&diags);
                eprintln!("warning: {} ignored (--force rebuilds every session)", path.display());
            }
            Err(diags) => {
                crate::cli::report(&diags);
                return 1;
            }
        }
        if path == &own_path {
            own_text = Some(text);
        }
    }

    let jobs: Vec<&Job> = jobs.iter().filter(|j| settings.shard.is_none_or(|s| s.holds(&j.slug))).collect();
    let context = Context {
        tool: Tool::current(),
        options: Options {
            formats: settings.formats.iter().map(|f| f.name().to_string()).collect(),
            pdf_standards: !settings.no_pdf_standards,
            strict: settings.strict,
            languages: settings.langs.iter().map(|l| l.code().to_string()).collect(),
        },
        settings,
    };
    let reporter = Reporter::new(jobs.len(), root);
    // One plain thread per core takes the next session until none is left; rayon's pool does the
    // work inside a session (its formats, typst's layout, the PDF's compression). Not a rayon
    // loop over the sessions: a pool thread waiting inside one session's typst would steal and
    // start the next session, and so on down its stack, until every session of the archive were
    // in memory at once.
    let next = AtomicUsize::new(0);
    let finished: Mutex<Vec<Option<Done>>> = Mutex::new((0..jobs.len()).map(|_| None).collect());
    let threads = rayon::current_num_threads().clamp(1, jobs.len().max(1));
    // typst's caches are shared by the whole process: emptying them all after each PDF (as one
    // thread finishes a session) would also drop what another thread's session, still being
    // laid out, memoized in its first layout pass. Kept for as many PDFs as there are threads:
    // measured on 40 sessions, 5% less CPU for 30 MB more memory.
    #[cfg(feature = "pdf")]
    crate::writers::pdf::keep_memoized_results(threads);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let one = context.build(job, previous.sessions.get(&job.slug));
                    reporter.say(&job.slug, &one);
                    finished.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(one);
                }
            });
        }
    });
    reporter.finish();
    let done: Vec<(String, Done)> = jobs
        .iter()
        .zip(finished.into_inner().unwrap_or_else(|e| e.into_inner()))
        .filter_map(|(job, one)| Some((job.slug.clone(), one?)))
        .collect();

    // The new manifest: a shard's file holds its own slice; the root's keeps the sessions this
    // run did not name (their outputs are still there).
    let mut next = if settings.shard.is_some() { Manifest::default() } else { previous.clone() };
    for (slug, one) in &done {
        if let Some(entry) = one.entry.clone().or_else(|| previous.sessions.get(slug).cloned()) {
            next.sessions.insert(slug.clone(), entry);
        }
    }
    let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
    let mut changed_outputs = 0;
    let mut failed = Vec::new();
    for (slug, one) in &done {
        let word = match &one.status {
            Status::Unchanged => "unchanged",
            Status::Same(_) => "same",
            Status::Changed(names) => {
                changed_outputs += names.len();
                "changed"
            }
            Status::New(_) => "new",
            Status::Failed(_) => {
                failed.push(slug.as_str());
                "failed"
            }
        };
        *tally.entry(word).or_default() += 1;
    }
    let count = |w: &str| tally.get(w).copied().unwrap_or(0);
    let of_shard = settings.shard.map(|s| format!(" (shard {}/{})", s.index, s.count)).unwrap_or_default();
    println!(
        "{} session{}{of_shard}: {} new, {} changed ({changed_outputs} output{}), {} rebuilt with the same outputs, {} unchanged, {} failed",
        done.len(),
        if done.len() == 1 { "" } else { "s" },
        count("new"),
        count("changed"),
        if changed_outputs == 1 { "" } else { "s" },
        count("same"),
        count("unchanged"),
        count("failed"),
    );
    if settings.dry_run {
        println!("dry run: nothing was written");
    } else {
        let text = next.to_json();
        if own_text.as_deref() != Some(text.as_str())
            && let Err(e) = crate::cli::write_atomically(&own_path, text.as_bytes())
        {
            eprintln!("error: cannot write {}: {}", own_path.display(), printable(&e.to_string()));
            return 1;
        }
        println!("manifest: {}", printable(&own_path.display().to_string()));
    }
    if failed.is_empty() {
        0
    } else {
        eprintln!(
            "error: {} session{} failed: {}; nothing of {} was written, earlier outputs are as they were",
            failed.len(),
            if failed.len() == 1 { "" } else { "s" },
            failed.join(", "),
            if failed.len() == 1 { "it" } else { "them" }
        );
        1
    }
}

/// What every session's build shares.
struct Context<'a> {
    tool: Tool,
    options: Options,
    settings: &'a Settings,
}

impl Context<'_> {
    /// Builds one session unless its manifest entry shows nothing changed.
    fn build(&self, job: &Job, previous: Option<&Entry>) -> Done {
        let out_dir = self.settings.root.join(&job.slug);
        let on_disk = |name: &str, output: &Output| {
            std::fs::metadata(out_dir.join(name)).is_ok_and(|m| m.is_file() && m.len() == output.bytes)
        };
        if let Some(prev) = previous.filter(|_| !self.settings.force)
            && prev.tool == self.tool
            && prev.options == self.options
            && prev.outputs.iter().all(|(name, output)| on_disk(name, output))
            && fingerprint(&job.dir, prev.inputs.keys().map(String::as_str)).as_ref() == Some(&prev.inputs)
        {
            return Done { status: Status::Unchanged, warnings: 0, entry: Some(prev.clone()), report: String::new() };
        }
        let failed = |diags: &Diagnostics, report: String| {
            let errors = diags.errors().count().max(1);
            Done {
                status: Status::Failed(errors),
                warnings: 0,
                entry: None,
                report: report + &render_diagnostics(diags),
            }
        };
        let loaded = match load(&job.dir) {
            Ok(l) => l,
            Err(diags) => return failed(&diags, String::new()),
        };
        let versions = match compile_versions(&loaded, &self.settings.langs) {
            Ok(v) => v,
            Err(diags) => return failed(&diags, String::new()),
        };
        let warnings = &warnings_of(&versions);
        if self.settings.strict && !warnings.is_empty() {
            let mut diags = warnings.as_errors();
            diags.push(Diagnostic::error(format!("{}: --strict allows no warnings", job.dir.display())));
            return failed(&diags, String::new());
        }
        let report = render_diagnostics(warnings);
        let files = match render(&versions, &self.settings.formats, self.settings.no_pdf_standards) {
            Ok(files) => files,
            Err(mut failure) => {
                let what = format!("the {} output of {} failed", failure.format.name(), failure.stem);
                failure.diagnostics.push(Diagnostic::error(what));
                return failed(&failure.diagnostics, report);
            }
        };
        let outputs: BTreeMap<String, Output> = files
            .iter()
            .map(|(name, bytes)| {
                (name.clone(), Output { bytes: bytes.len() as u64, sha256: manifest::sha256_hex(bytes) })
            })
            .collect();
        let recorded = |name: &str| previous.and_then(|p| p.outputs.get(name));
        let changed: Vec<String> =
            outputs.iter().filter(|(name, o)| recorded(name) != Some(*o)).map(|(name, _)| name.clone()).collect();
        // Written: what changed, and what is missing on disk (deleted by hand since).
        let writes: Vec<(PathBuf, Vec<u8>)> = files
            .into_iter()
            .filter(|(name, _)| recorded(name) != outputs.get(name) || !on_disk(name, &outputs[name]))
            .map(|(name, bytes)| (out_dir.join(name), bytes))
            .collect();
        if !self.settings.dry_run
            && !writes.is_empty()
            && let Err(message) = crate::cli::write_all(&out_dir, &writes)
        {
            return failed(&Diagnostic::error(message).into(), report);
        }
        let status = match previous {
            None => Status::New(outputs.len()),
            Some(_) if changed.is_empty() => Status::Same(outputs.len()),
            Some(_) => Status::Changed(changed),
        };
        let entry = Entry { inputs: loaded.inputs, options: self.options.clone(), outputs, tool: self.tool.clone() };
        Done { status, warnings: warnings.0.len(), entry: (!self.settings.dry_run).then_some(entry), report }
    }
}

/// An output that could not be made.
pub struct RenderFailure {
    /// The file stem of the document (the session's, or a part's).
    pub stem: String,
    pub format: Format,
    pub diagnostics: Diagnostics,
}

/// Every format of every document of a session (one, or one per part) in every language version,
/// as (file name, bytes) in the order of the versions, the documents and `formats`. The original
/// keeps the names it always had (`<slug>.pdf`); a translation adds its language
/// (`<slug>-fr.pdf`). The outputs are made in parallel: on two cores the PDF takes one while the
/// other formats share the other.
pub fn render(
    versions: &[(Version, Vec<Compiled>)],
    formats: &[Format],
    no_pdf_standards: bool,
) -> Result<Vec<(String, Vec<u8>)>, RenderFailure> {
    let work: Vec<(String, &Compiled, Format)> = versions
        .iter()
        .flat_map(|(version, docs)| docs.iter().map(move |compiled| (version, compiled)))
        .flat_map(|(version, compiled)| {
            let slug = &compiled.document.meta.slug;
            let stem = if version.is_original { slug.clone() } else { format!("{slug}-{}", version.lang.code()) };
            formats.iter().map(move |format| (stem.clone(), compiled, *format))
        })
        .collect();
    let made: Vec<Result<(String, Vec<u8>), RenderFailure>> = work
        .par_iter()
        .map(|(stem, compiled, format)| {
            let opts = WriteOptions { templates: compiled.templates.clone(), no_pdf_standards };
            format
                .write(&compiled.document, &opts)
                .map(|bytes| (format!("{stem}.{}", format.extension()), bytes))
                .map_err(|diagnostics| RenderFailure { stem: stem.clone(), format: *format, diagnostics })
        })
        .collect();
    made.into_iter().collect()
}

/// Diagnostics as the CLI prints them (with the source line), as one block of text.
fn render_diagnostics(diags: &Diagnostics) -> String {
    diags.0.iter().map(|d| printable(&crate::cli::render(d)).into_owned() + "\n").collect()
}

/// Says what became of each session as it finishes: a progress bar on a terminal (with a line for
/// each session built or failed), one plain line per session otherwise (CI logs). Each session's
/// diagnostics come as one block, never interleaved with another's.
struct Reporter {
    bar: Option<indicatif::ProgressBar>,
    lock: Mutex<()>,
    root: PathBuf,
}

impl Reporter {
    fn new(len: usize, root: &Path) -> Reporter {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(len as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {msg}") {
                bar.set_style(style);
            }
            bar
        });
        Reporter { bar, lock: Mutex::new(()), root: root.to_path_buf() }
    }

    fn say(&self, slug: &str, done: &Done) {
        let detail = match &done.status {
            Status::Unchanged => String::new(),
            Status::Same(n) => format!(": {n} output{} rebuilt, none changed", if *n == 1 { "" } else { "s" }),
            Status::Changed(names) => {
                let paths: Vec<String> = names
                    .iter()
                    .map(|n| printable(&self.root.join(slug).join(n).display().to_string()).into_owned())
                    .collect();
                format!(": {}", paths.join(" "))
            }
            Status::New(n) => format!(": {n} output{}", if *n == 1 { "" } else { "s" }),
            Status::Failed(n) => format!(": {n} error{}", if *n == 1 { "" } else { "s" }),
        };
        let word = match done.status {
            Status::Unchanged => "unchanged",
            Status::Same(_) => "same",
            Status::Changed(_) => "changed",
            Status::New(_) => "new",
            Status::Failed(_) => "failed",
        };
        let warnings = match done.warnings {
            0 => String::new(),
            1 => " (1 warning)".into(),
            n => format!(" ({n} warnings)"),
        };
        let line = format!("{word:<9} {}{detail}{warnings}", printable(slug));
        let _one_at_a_time = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        match &self.bar {
            Some(bar) => {
                bar.suspend(|| {
                    eprint!("{}", done.report);
                    if done.status != Status::Unchanged {
                        println!("{line}");
                    }
                });
                bar.set_message(slug.to_string());
                bar.inc(1);
            }
            None => {
                eprint!("{}", done.report);
                println!("{line}");
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// `rapporteur manifest …`.
#[derive(clap::Subcommand)]
pub enum ManifestCommand {
    /// Unite the manifests of a build's shards (`manifest.shard-I-of-N.json`) into one.
    Merge {
        /// The manifests to unite.
        #[arg(required = true)]
        manifests: Vec<PathBuf>,
        /// The manifest to write (e.g. `out/manifest.json`).
        #[arg(long, short)]
        output: PathBuf,
    },
}

/// Runs `rapporteur manifest …`; the exit code.
pub fn manifest_command(command: ManifestCommand) -> i32 {
    match command {
        ManifestCommand::Merge { manifests, output } => {
            let mut parts = Vec::new();
            for path in &manifests {
                let text = match std::fs::read_to_string(path) {
                    Ok(t) => t,
                    Err(e) => {
                        eprintln!("error: cannot read {}: {}", path.display(), crate::safety::io_reason(&e));
                        return 1;
                    }
                };
                match Manifest::parse(path, &text) {
                    Ok(m) => parts.push((path.as_path(), m)),
                    Err(diags) => {
                        crate::cli::report(&diags);
                        return 1;
                    }
                }
            }
            let merged = match Manifest::merge(&parts) {
                Ok(m) => m,
                Err(diags) => {
                    crate::cli::report(&diags);
                    eprintln!("error: nothing was written");
                    return 1;
                }
            };
            if let Err(e) = crate::cli::write_atomically(&output, merged.to_json().as_bytes()) {
                eprintln!("error: cannot write {}: {}", output.display(), printable(&e.to_string()));
                return 1;
            }
            println!("{}", printable(&output.display().to_string()));
            eprintln!("{} sessions from {} manifests", merged.sessions.len(), manifests.len());
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_and_split_every_name_into_exactly_one_slice() {
        assert_eq!("1/4".parse::<Shard>(), Ok(Shard { index: 1, count: 4 }));
        for bad in ["4/4", "1/0", "x/2", "2", "-1/3"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
        let names: Vec<String> = (0..200).map(|i| format!("session-{i}")).collect();
        let shards: Vec<Shard> = (0..3).map(|index| Shard { index, count: 3 }).collect();
        for name in &names {
            assert_eq!(shards.iter().filter(|s| s.holds(name)).count(), 1, "{name}");
        }
        // Not all in one slice, and the split of a name never depends on the others.
        let sizes: Vec<usize> = shards.iter().map(|s| names.iter().filter(|n| s.holds(n)).count()).collect();
        assert!(sizes.iter().all(|&n| n > 40), "{sizes:?}");
        assert_eq!(slice_of("ctoc-cop-wg4-2009", 3), slice_of("ctoc-cop-wg4-2009", 3));
    }
}
