//! The command line: raw arguments → validated options → the library. Exit codes: 0 success
//! (warnings allowed), 1 the data or a build has errors, 2 usage errors (clap's own).
//!
//! This module and `session::load` are the only ones that touch the filesystem. Outputs are
//! rendered in memory first and then written atomically (a temporary file renamed into place),
//! so a failed build leaves the previous files untouched.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::build::{compile, compile_issued, compile_issued_in};
use crate::diag::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::safety::printable;
use crate::writers::{Format, WriteOptions};

#[derive(Parser)]
#[command(
    name = "rapporteur",
    version,
    about = "Compile the record of a meeting into its official report (UN house style)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a new session folder with a commented skeleton.
    New {
        /// The session's name, e.g. `ctoc-cop-wg4-2010` (letters, digits and hyphens).
        slug: String,
        /// Where to create it.
        #[arg(long, default_value = "sessions")]
        dir: PathBuf,
    },
    /// Check a session and print its errors and warnings.
    Check {
        /// The session folder, e.g. `sessions/ctoc-cop-wg4-2009`.
        session: PathBuf,
        /// Treat every warning as an error (a report meant for issuance).
        #[arg(long)]
        strict: bool,
    },
    /// Build a session's report, or many sessions' (a folder of sessions, several folders,
    /// `--list FILE`) in parallel, skipping those the output root's manifest shows unchanged.
    Build(crate::batch::BuildArgs),
    /// The manifest of batch builds: `merge` unites the manifests of a build's shards.
    #[command(subcommand)]
    Manifest(crate::batch::ManifestCommand),
    /// Compare two versions of a report: Word tracked changes, marked PDF/HTML/text copies, the
    /// list of changes and the concordance of paragraph numbers (also printed).
    Diff {
        /// The earlier version: a session folder, or `git:REV:PATH` (e.g. `git:HEAD~1:sessions/x`).
        old: String,
        /// The newer version, in the same forms.
        new: String,
        /// Output folder (default: `out/<slug>-diff/`).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Marked copies to write, comma-separated: docx, pdf, html, text (default: all four).
        #[arg(long, short, value_delimiter = ',')]
        format: Vec<String>,
        /// Who the tracked changes are attributed to.
        #[arg(long, default_value = "rapporteur")]
        author: String,
    },
    /// Import a past report (Akoma Ntoso XML, plain text in the reference shape, the PDF as
    /// issued, or a Word document) as a session.
    Import {
        /// The file to read.
        file: PathBuf,
        /// What the file holds.
        #[arg(long, value_enum)]
        from: ImportFrom,
        /// The session folder to write, e.g. `sessions/ctoc-cop-wg4-2009`.
        #[arg(long, short)]
        output: PathBuf,
        /// The document symbol, when the file does not give it (text extractions often lack it).
        #[arg(long)]
        symbol: Option<String>,
        /// Replace an existing session.yaml in that folder.
        #[arg(long)]
        force: bool,
    },
    /// Comments and tracked changes from a reviewed DOCX: import, list, accept, reject.
    #[command(subcommand)]
    Review(ReviewCommand),
    /// Rebuild on every save and show the report in a browser: a preview on
    /// http://127.0.0.1:PORT that reloads itself, with the errors of a failed build.
    Watch {
        /// The session folder, e.g. `sessions/ctoc-cop-wg4-2009`.
        session: PathBuf,
        /// The preview's port on 127.0.0.1 (0: any free port; the URL is printed).
        #[arg(long, default_value_t = 7341)]
        port: u16,
        /// Output formats written on every build, comma-separated (default: all).
        #[arg(long, short, value_delimiter = ',')]
        format: Vec<String>,
        /// Output folder (default: `out/<slug>/`).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// PDF only: do not declare PDF/A-2b and PDF/UA-1.
        #[arg(long)]
        no_pdf_standards: bool,
    },
    /// Print the JSON Schema of the session format (editors complete and check session files
    /// with it; the repository ships it as schema/session.schema.json).
    Schema,
    /// Exchange the narrative text with translators as XLIFF 2.0 (kept in
    /// `<session>/translations/<lang>.yaml`).
    #[command(subcommand)]
    Xliff(XliffCommand),
}

#[derive(Subcommand)]
enum XliffCommand {
    /// Write the title, headings, paragraphs, sub-items, footnotes and names (organizations,
    /// agenda items, documents…) to translate, one unit each, with the translations already
    /// kept as targets.
    Export {
        /// The session folder.
        session: PathBuf,
        /// The language to translate into (BCP 47), e.g. `fr`.
        #[arg(long)]
        lang: String,
        /// The file to write (default: `out/<slug>/<slug>-<lang>.xlf`).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Read a translated XLIFF file into `<session>/translations/<lang>.yaml` (its target
    /// language); translations it lacks are kept as they were.
    Import {
        /// The session folder.
        session: PathBuf,
        /// The translated XLIFF 2.0 file.
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum ReviewCommand {
    /// Read the comments and tracked changes of a DOCX into `<session>/review/*.yaml`.
    Import {
        /// The reviewed DOCX (one we wrote, annotated in Word or LibreOffice).
        file: PathBuf,
        /// The session folder it was built from.
        #[arg(long)]
        session: PathBuf,
    },
    /// List the suggestions, with the paragraph numbers printed now.
    List {
        /// The session folder.
        session: PathBuf,
    },
    /// Accept a suggestion: a change goes into the data, a comment is marked accepted.
    Accept {
        /// The session folder.
        session: PathBuf,
        /// The suggestion's id (see `review list`).
        id: String,
    },
    /// Reject a suggestion (the decision is recorded; the data is not touched).
    Reject {
        /// The session folder.
        session: PathBuf,
        /// The suggestion's id (see `review list`).
        id: String,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ImportFrom {
    /// Akoma Ntoso 3.0 XML.
    Akn,
    /// Plain text in the shape of ../shared/reference/ (masthead, headings, numbered paragraphs).
    Text,
    /// A report's PDF as the United Nations issued it (read with its layout: masthead, headings,
    /// numbered paragraphs, footnotes; page furniture is set aside and counted).
    Pdf,
    /// A Word document (.docx): ours, re-saved by Word or LibreOffice, or an original in the UN
    /// styles (HCh, H1, SingleTxt, Footnote Text…; the Geneva "_ H _Ch_G" family).
    Docx,
}

/// Runs the command line and returns the exit code.
pub fn run() -> i32 {
    let cli = Cli::parse();
    match cli.command {
        Command::New { slug, dir } => new_session(&slug, &dir),
        Command::Check { session, strict } => match compile_issued(&session).map(|mut parts| parts.swap_remove(0)) {
            Ok(compiled) if strict && !compiled.warnings.is_empty() => {
                report(&compiled.warnings.as_errors());
                let n = compiled.warnings.0.len();
                eprintln!("{}: {n} error{} under --strict", session.display(), if n == 1 { "" } else { "s" });
                1
            }
            Ok(compiled) => {
                report(&compiled.warnings);
                let n = compiled.warnings.0.len();
                eprintln!("{}: no errors, {n} warning{}", session.display(), if n == 1 { "" } else { "s" });
                0
            }
            Err(diags) => {
                report(&diags);
                1
            }
        },
        Command::Build(args) => crate::batch::command(args),
        Command::Manifest(command) => crate::batch::manifest_command(command),
        Command::Import { file, from, output, symbol, force } => import(&file, from, &output, symbol, force),
        Command::Diff { old, new, output, format, author } => {
            let formats = match parse_formats(&format) {
                Ok(_) if format.is_empty() => crate::review::FORMATS.to_vec(),
                Ok(f) if f.iter().all(|f| crate::review::FORMATS.contains(f)) => f,
                Ok(_) | Err(_) => {
                    eprintln!("error: `diff` writes the formats docx, pdf, html, text");
                    return 2;
                }
            };
            diff(&old, &new, output, &formats, &author)
        }
        Command::Review(command) => review(command),
        Command::Xliff(command) => xliff(command),
        Command::Watch { session, port, format, output, no_pdf_standards } => match parse_formats(&format) {
            Ok(formats) => {
                crate::watch::run(crate::watch::Options { session, output, formats, no_pdf_standards }, port)
            }
            Err(message) => {
                eprintln!("error: {message}");
                2
            }
        },
        Command::Schema => {
            print!("{}", crate::schema::session_schema_text());
            0
        }
    }
}

/// `rapporteur xliff export|import` (see `crate::translate::xliff`).
fn xliff(command: XliffCommand) -> i32 {
    use crate::translate::{self, xliff};
    let fail = |diags: Diagnostics| {
        report(&diags);
        1
    };
    match command {
        XliffCommand::Export { session, lang, output } => {
            let loaded = match crate::session::load::load(&session) {
                Ok(l) => l,
                Err(diags) => return fail(diags),
            };
            let xml = match xliff::export(&loaded, &lang) {
                Ok(x) => x,
                Err(diags) => return fail(diags),
            };
            let path = output
                .unwrap_or_else(|| Path::new("out").join(&loaded.slug).join(format!("{}-{lang}.xlf", loaded.slug)));
            let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            if let Err(message) = write_all(dir, &[(path.clone(), xml.into_bytes())]) {
                eprintln!("error: {}; nothing was written", printable(&message));
                return 1;
            }
            println!("{}", printable(&path.display().to_string()));
            0
        }
        XliffCommand::Import { session, file } => {
            let loaded = match crate::session::load::load(&session) {
                Ok(l) => l,
                Err(diags) => return fail(diags),
            };
            let text = match read_import(&file)
                .and_then(|b| String::from_utf8(b).map_err(|_| format!("{} is not UTF-8 text", file.display())))
            {
                Ok(t) => t,
                Err(message) => {
                    eprintln!("error: {}", printable(&message));
                    return 1;
                }
            };
            let imported = match xliff::import(&text, &file.display().to_string()) {
                Ok(i) => i,
                Err(diags) => return fail(diags),
            };
            let lang = imported.lang.clone();
            if !lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                eprintln!("error: `{}` is not a language tag", printable(&lang));
                return 1;
            }
            let mut entries = match translate::read(&loaded, &lang) {
                Ok(f) => f.map(|f| f.entries).unwrap_or_default(),
                Err(diags) => return fail(diags),
            };
            let count = imported.entries.len();
            entries.extend(imported.entries);
            let units = translate::units(&loaded);
            let known: std::collections::HashSet<&str> = units.iter().map(|u| u.id.as_str()).collect();
            for id in entries.keys().filter(|id| !known.contains(id.as_str())) {
                eprintln!("warning: `{}` is no text of the original; kept at the end of the file", printable(id));
            }
            let yaml = translate::to_yaml(&lang, &units, &entries);
            let dir = session.join("translations");
            // The session's own folder only: never written through a link planted in its place.
            if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
                eprintln!(
                    "error: {} is a symbolic link; nothing was written\n  hint: make `translations` a real folder",
                    printable(&dir.display().to_string())
                );
                return 1;
            }
            let path = dir.join(format!("{lang}.yaml"));
            if let Err(message) = write_all(&dir, &[(path.clone(), yaml.into_bytes())]) {
                eprintln!("error: {}; nothing was written", printable(&message));
                return 1;
            }
            println!("{}", printable(&path.display().to_string()));
            eprintln!(
                "{count} translation{} imported, {} unit{} without one in the file; next: `rapporteur check {}`",
                if count == 1 { "" } else { "s" },
                imported.untranslated,
                if imported.untranslated == 1 { "" } else { "s" },
                session.display()
            );
            0
        }
    }
}

/// `rapporteur review …` (see `crate::review`).
fn review(command: ReviewCommand) -> i32 {
    use crate::review::commands::{self, Decision};
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let result = match command {
        ReviewCommand::Import { file, session } => commands::import(&file, &session).map(|done| {
            for s in &done.added {
                let text = one_line(s.comment.as_deref().or(s.proposed.as_deref()).unwrap_or_default());
                match (&s.paragraph, s.anchor) {
                    (Some(p), crate::review::suggestions::Anchoring::Parent) => eprintln!(
                        "warning: {}: its paragraph is gone or unmarked; anchored to the enclosing `{p}` (quoted: “{}”)",
                        s.id,
                        one_line(&s.quoted)
                    ),
                    (None, _) => eprintln!(
                        "warning: {}: no paragraph found; kept unanchored with its quoted text “{}”: {text}",
                        s.id,
                        one_line(&s.quoted)
                    ),
                    _ => {}
                }
            }
            for path in &done.files {
                println!("{}", path.display());
            }
            eprintln!(
                "{} suggestion{} imported, {} already there; next: `rapporteur review list {}`",
                done.added.len(),
                if done.added.len() == 1 { "" } else { "s" },
                done.present,
                session.display()
            );
        }),
        ReviewCommand::List { session } => commands::list(&session).map(|(rows, problems)| {
            for p in problems {
                eprintln!("warning: {p}");
            }
            for r in &rows {
                let s = &r.suggestion;
                let text = match (&s.comment, &s.proposed) {
                    (Some(c), _) => format!("“{}” on “{}”", one_line(c), one_line(&s.quoted)),
                    (None, Some(p)) => format!("“{}” → “{}”", one_line(&s.quoted), one_line(p)),
                    (None, None) => one_line(&s.quoted),
                };
                let kind = serde_json::to_value(s.kind).ok().and_then(|v| v.as_str().map(String::from));
                let status = serde_json::to_value(s.status).ok().and_then(|v| v.as_str().map(String::from));
                println!(
                    "{}\t{} [{}]\t{}\t{} ({})\t{}",
                    s.id,
                    r.printed,
                    s.paragraph.as_deref().unwrap_or("-"),
                    s.author,
                    kind.unwrap_or_default(),
                    status.unwrap_or_default(),
                    text
                );
            }
            eprintln!("{} suggestion{}", rows.len(), if rows.len() == 1 { "" } else { "s" });
        }),
        ReviewCommand::Accept { session, id } | ReviewCommand::Reject { session, id } if id.is_empty() => {
            eprintln!("error: no suggestion id given; `rapporteur review list {}` shows them", session.display());
            return 2;
        }
        ReviewCommand::Accept { session, id } => commands::decide(&session, &id, Decision::Accept).map(|d| {
            if let Some(file) = d.edited {
                println!("{}", file.display());
            }
            eprintln!("{id}: accepted");
        }),
        ReviewCommand::Reject { session, id } => {
            commands::decide(&session, &id, Decision::Reject).map(|_| eprintln!("{id}: rejected"))
        }
    };
    match result {
        Ok(()) => 0,
        Err(diags) => {
            report(&diags);
            1
        }
    }
}

/// Compiles both versions, compares them, prints the summary and writes the marked copies, the
/// summary (`changes.txt`) and the concordance (`concordance.tsv`). Nothing is written unless
/// every output could be made.
fn diff(old: &str, new: &str, output: Option<PathBuf>, formats: &[Format], author: &str) -> i32 {
    let mut compiled = Vec::new();
    for spec in [old, new] {
        let source = match crate::review::source::resolve(spec) {
            Ok(s) => s,
            Err(message) => {
                eprintln!("error: {message}");
                return 1;
            }
        };
        match compile(&source.dir) {
            Ok(c) => compiled.push((c, source.label.clone())),
            Err(diags) => {
                report(&diags);
                eprintln!("error: {spec} has errors; nothing was compared");
                return 1;
            }
        }
    }
    let ((new_c, _), (old_c, old_label)) = (compiled.pop().expect("two"), compiled.pop().expect("two"));
    let against = format!("{} ({old_label})", old_c.document.masthead.symbol);
    let cmp = crate::review::diff::compare(&old_c.document, &new_c.document, author, &against);
    let opts = WriteOptions { templates: new_c.templates.clone(), no_pdf_standards: false };
    let rendered = match crate::review::render(&cmp, formats, &opts) {
        Ok(r) => r,
        Err(diags) => {
            report(&diags);
            eprintln!("error: a marked copy failed; nothing was written");
            return 1;
        }
    };
    let summary = crate::review::report::summary(&cmp, &against);
    print!("{summary}{}", crate::review::report::renumbering(&cmp));
    let slug = &new_c.document.meta.slug;
    let dir = output.unwrap_or_else(|| Path::new("out").join(format!("{slug}-diff")));
    let files = rendered.into_iter().map(|(suffix, bytes)| (format!("{slug}{suffix}"), bytes)).chain([
        ("changes.txt".to_string(), summary.into_bytes()),
        ("concordance.tsv".to_string(), crate::review::report::concordance(&cmp).into_bytes()),
    ]);
    for (name, bytes) in files {
        let path = dir.join(name);
        if let Err(e) = write_atomically(&path, &bytes) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return 1;
        }
        println!("{}", path.display());
    }
    0
}

/// Reads `file`, imports it, and writes `<output>/session.yaml` (atomically). Warnings point at
/// the lines of the input; errors leave nothing written.
fn import(file: &Path, from: ImportFrom, output: &Path, symbol: Option<String>, force: bool) -> i32 {
    let target = output.join("session.yaml");
    if target.exists() && !force {
        eprintln!(
            "error: {} already exists; nothing was written\n  hint: choose another folder, or pass --force to replace it",
            target.display()
        );
        return 1;
    }
    // --force replaces only what an earlier import wrote; anything else in the folder stops it.
    let replaced = match force.then(|| crate::import::folder::replaceable(output)).transpose() {
        Ok(files) => files.unwrap_or_default(),
        Err(message) => {
            eprintln!("{}", printable(&message));
            return 1;
        }
    };
    let bytes = match read_import(file) {
        Ok(b) => b,
        Err(message) => {
            eprintln!("error: {}", printable(&message));
            return 1;
        }
    };
    let result = match from {
        // A PDF is bytes; it also says what it set aside as page furniture.
        ImportFrom::Pdf => crate::import::import_pdf(&bytes).map(|(session, warnings, furniture)| {
            eprintln!("{furniture}");
            (session, warnings)
        }),
        ImportFrom::Docx => crate::import::import_docx(&bytes),
        ImportFrom::Akn | ImportFrom::Text => {
            let Ok(text) = String::from_utf8(bytes) else {
                eprintln!(
                    "error: {} is not UTF-8 text\n  hint: convert it first (e.g. `iconv -t UTF-8`)",
                    file.display()
                );
                return 1;
            };
            match from {
                ImportFrom::Akn => crate::import::import_akn(&text),
                _ => crate::import::import_text(&text),
            }
        }
    };
    let in_file = |mut d: Diagnostic| {
        if let Some(loc) = d.location.as_mut().filter(|l| l.file == Path::new(crate::import::INPUT)) {
            loc.file = file.to_path_buf();
        }
        d
    };
    let (mut session, mut warnings) = match result {
        Ok(r) => r,
        Err(diags) => {
            report(&Diagnostics(diags.0.into_iter().map(in_file).collect()));
            eprintln!("error: {} could not be imported; nothing was written", file.display());
            return 1;
        }
    };
    if let Some(symbol) = symbol {
        session.symbol = symbol;
        // The importer's "no symbol" warning no longer holds.
        warnings.retain(|w| !w.message.contains("no document symbol"));
    }
    let n = warnings.len();
    report(&Diagnostics(warnings.into_iter().map(in_file).collect()));
    let manifest = output.join(crate::import::folder::MANIFEST);
    for old in replaced.iter().filter(|f| **f != target && **f != manifest) {
        match std::fs::remove_file(old) {
            Ok(()) => eprintln!("removed {} (written by an earlier import)", old.display()),
            Err(e) => eprintln!("warning: cannot remove {}: {}", old.display(), printable(&e.to_string())),
        }
    }
    // The first line points editors at the schema beside the session folder, as in a session
    // `rapporteur new` makes (see `new_session`).
    let yaml = format!("{SCHEMA_LINE}\n{}", crate::import::to_yaml(&session));
    if let Err(e) = write_atomically(&target, yaml.as_bytes())
        .and_then(|()| write_atomically(&manifest, crate::import::folder::manifest().as_bytes()))
    {
        eprintln!("error: cannot write {}: {}; nothing was written", target.display(), printable(&e.to_string()));
        return 1;
    }
    if replaced.contains(&target) {
        eprintln!("replaced {} (written by an earlier import)", target.display());
    }
    println!("{}", target.display());
    // The folder exists now: its real parent is where `../session.schema.json` points.
    if let Some(dir) = std::fs::canonicalize(output).ok().and_then(|o| o.parent().map(Path::to_path_buf)) {
        match schema_beside(&dir) {
            Ok(Some(schema)) => println!("{}", schema.display()),
            Ok(None) => {}
            Err(e) => {
                eprintln!("warning: cannot write {}: {}", dir.join(SCHEMA_FILE).display(), printable(&e.to_string()))
            }
        }
    }
    eprintln!(
        "imported with {n} warning{}; next: `rapporteur check {}`",
        if n == 1 { "" } else { "s" },
        output.display()
    );
    0
}

/// The bytes of a file to import: a regular file of at most `limits::IMPORT_BYTES`, checked
/// before reading (`/dev/zero` or a fifo would otherwise be read without end).
fn read_import(file: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let cannot = |e: std::io::Error| format!("cannot read {}: {}", file.display(), crate::safety::io_reason(&e));
    // Looked at before opening too: opening a fifo waits for a writer.
    let not_regular = || format!("{} is not a regular file\n  hint: import a report saved as a file", file.display());
    if !std::fs::metadata(file).map_err(cannot)?.is_file() {
        return Err(not_regular());
    }
    let handle = std::fs::File::open(file).map_err(cannot)?;
    let meta = handle.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    let cap = crate::safety::limits::IMPORT_BYTES;
    if meta.len() > cap {
        return Err(format!(
            "{} is {} bytes; the most an import may read is {cap}\n  hint: see \"Limits\" in README.md",
            file.display(),
            meta.len()
        ));
    }
    let mut bytes = Vec::new();
    handle.take(cap + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > cap {
        return Err(format!("{} grew past {cap} bytes while read", file.display()));
    }
    Ok(bytes)
}

pub(crate) fn parse_formats(names: &[String]) -> Result<Vec<Format>, String> {
    if names.is_empty() {
        return Ok(Format::ALL.to_vec());
    }
    let mut out = Vec::new();
    for name in names {
        let format = Format::parse(name.trim()).ok_or_else(|| {
            let known: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            format!("unknown format `{name}`; the formats are {}", known.join(", "))
        })?;
        if !out.contains(&format) {
            out.push(format);
        }
    }
    Ok(out)
}

/// The languages of `--lang`, each once, in the order given.
pub(crate) fn parse_langs(codes: &[String]) -> Result<Vec<Lang>, String> {
    let mut out = Vec::new();
    for code in codes {
        let lang = Lang::parse(code).filter(|l| l.code() == code.trim().to_ascii_lowercase()).ok_or_else(|| {
            let known: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
            format!("unknown language `{code}`; the languages are {}", known.join(", "))
        })?;
        if !out.contains(&lang) {
            out.push(lang);
        }
    }
    Ok(out)
}

/// Builds one session into `output` (default `out/<slug>/`), in each language of `langs`.
pub(crate) fn build(
    session: &Path,
    formats: &[Format],
    langs: &[Lang],
    output: Option<PathBuf>,
    no_pdf_standards: bool,
    strict: bool,
) -> i32 {
    // The process ends after this build: typst's caches are left for the exit to free.
    #[cfg(feature = "pdf")]
    crate::writers::pdf::leave_memoized_results_to_exit();
    // Per language version: one document, or one per part of a report issued in parts (`parts:`).
    let versions = match compile_issued_in(session, langs) {
        Ok(v) => v,
        Err(diags) => {
            report(&diags);
            return 1;
        }
    };
    let issued = &versions[0].1;
    let warnings = &crate::build::warnings_of(&versions);
    if strict && !warnings.is_empty() {
        report(&warnings.as_errors());
        eprintln!("error: --strict allows no warnings; nothing was written");
        return 1;
    }
    report(warnings);
    // The folder is named after the session; a part's files after its symbol.
    let dir = output.unwrap_or_else(|| {
        let folder = session.canonicalize().ok().and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
        match (issued.len(), folder) {
            (2.., Some(folder)) => Path::new("out").join(folder),
            _ => Path::new("out").join(&issued[0].document.meta.slug),
        }
    });
    let files: Vec<(PathBuf, Vec<u8>)> = match crate::batch::render(&versions, formats, no_pdf_standards) {
        Ok(files) => files.into_iter().map(|(name, bytes)| (dir.join(name), bytes)).collect(),
        Err(failure) => {
            report(&failure.diagnostics);
            eprintln!("error: the {} output of {} failed; nothing was written", failure.format.name(), failure.stem);
            return 1;
        }
    };
    if let Err(message) = write_all(&dir, &files) {
        eprintln!(
            "error: {}; nothing was written\n  hint: the previous outputs, if any, are as they were",
            printable(&message)
        );
        return 1;
    }
    for (path, _) in &files {
        println!("{}", printable(&path.display().to_string()));
    }
    0
}

/// The prefix and suffix of our temporary files in an output folder: whatever bears them when a
/// build holds the folder's lock was left by a build that was killed, and is removed.
const TEMP_PREFIX: &str = ".rapporteur-";
const TEMP_SUFFIX: &str = ".tmp";

/// Writes every file of one build into `dir`, all or nothing: each is written to a temporary file
/// created exclusively in `dir` (`O_EXCL`, so a planted symbolic link is never followed), then all
/// are renamed into place together. The files they replace are kept aside (hard links) until every
/// rename has succeeded; if one fails, those already replaced are put back and the new ones that
/// replaced nothing are removed. A lock on the folder keeps two builds from interleaving.
pub fn write_all(dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<(), String> {
    let at = |what: &str, path: &Path, e: std::io::Error| {
        format!("cannot {what} {}: {}", path.display(), crate::safety::io_reason(&e))
    };
    std::fs::create_dir_all(dir).map_err(|e| at("create the folder", dir, e))?;
    // flock on the folder itself: no lock file to plant a link on, released when the process ends.
    let lock = std::fs::File::open(dir).map_err(|e| at("open the folder", dir, e))?;
    lock.lock().map_err(|e| at("lock the folder", dir, e))?;
    remove_stale_temporaries(dir);

    let mut staged = Vec::new();
    for (path, bytes) in files {
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
        // A report is for others to read: created as any file is (0666 less the umask), not with
        // the 0600 that temporary files get by default.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let mut tmp = builder.tempfile_in(dir).map_err(|e| at("create a temporary file in", dir, e))?;
        tmp.write_all(bytes).and_then(|()| tmp.as_file().sync_all()).map_err(|e| at("write", tmp.path(), e))?;
        staged.push((path, tmp.into_temp_path()));
    }

    // The previous outputs, kept aside under temporary names until all renames have succeeded.
    let mut kept: Vec<(&PathBuf, Option<tempfile::TempPath>)> = Vec::new();
    let mut failure = None;
    for (path, tmp) in staged {
        let previous = if path.is_file() {
            match tempfile::Builder::new()
                .prefix(TEMP_PREFIX)
                .suffix(TEMP_SUFFIX)
                .make_in(dir, |aside| std::fs::hard_link(path, aside))
            {
                Ok(aside) => Some(aside.into_temp_path()),
                Err(e) => {
                    failure = Some(at("keep aside", path, e));
                    break;
                }
            }
        } else {
            None
        };
        if let Err(e) = tmp.persist(path) {
            failure = Some(at("write", path, e.error));
            break;
        }
        kept.push((path, previous));
    }
    if let Some(message) = failure {
        for (path, previous) in kept {
            let restored = match previous {
                Some(aside) => aside.persist(path).map_err(|e| e.error),
                None => std::fs::remove_file(path),
            };
            if let Err(e) = restored {
                eprintln!("error: {}", printable(&at("restore", path, e)));
            }
        }
        return Err(message);
    }
    // Dropping the `TempPath`s of the files kept aside removes them.
    drop(kept);
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Removes the temporary files a killed build left in `dir` (called with the folder locked, so
/// none of them belongs to a running build).
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX);
        if ours && entry.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes one file atomically (see `write_all`).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    write_all(dir, &[(path.to_path_buf(), bytes.to_vec())]).map_err(std::io::Error::other)
}

/// Prints diagnostics to stderr, with the source line and a caret under the column.
pub fn report(diags: &Diagnostics) {
    for d in &diags.0 {
        eprintln!("{}", printable(&render(d)));
    }
}

/// `file:line:col: error: message`, the source line with a caret, and the hint.
pub fn render(d: &Diagnostic) -> String {
    let mut out = String::new();
    let head = Diagnostic { hint: None, ..d.clone() };
    out.push_str(&head.to_string());
    if let Some(loc) = &d.location
        && std::fs::metadata(&loc.file).is_ok_and(|m| m.is_file() && m.len() <= crate::safety::limits::FILE_BYTES)
        && let Ok(text) = std::fs::read_to_string(&loc.file)
        && let Some(line) = text.lines().nth(loc.line.saturating_sub(1))
    {
        let number = loc.line.to_string();
        let pad = " ".repeat(number.len());
        // A very long line is shown as a window around the column.
        let chars: Vec<char> = line.chars().collect();
        let column = loc.column.saturating_sub(1).min(chars.len());
        let (start, end) = (column.saturating_sub(60), (column + 60).min(chars.len()));
        let shown: String = chars[start..end].iter().collect();
        let (before, after) = (if start > 0 { "…" } else { "" }, if end < chars.len() { "…" } else { "" });
        let caret_pad: String = before
            .chars()
            .map(|_| ' ')
            .chain(chars[start..column].iter().map(|&c| if c == '\t' { '\t' } else { ' ' }))
            .collect();
        out.push_str(&format!("\n{pad} |\n{number} | {before}{shown}{after}\n{pad} | {caret_pad}^"));
    }
    if let Some(hint) = &d.hint {
        out.push_str(&format!("\n  hint: {hint}"));
    }
    out
}

fn new_session(slug: &str, dir: &Path) -> i32 {
    if slug.is_empty() || !slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        eprintln!(
            "error: `{slug}` is not a session name\n  hint: use lower-case letters, digits and hyphens, e.g. `ctoc-cop-wg4-2010`"
        );
        return 2;
    }
    let folder = dir.join(slug);
    if folder.exists() {
        eprintln!(
            "error: {} already exists; nothing was written\n  hint: choose another name, or edit the existing session",
            folder.display()
        );
        return 1;
    }
    let path = folder.join("session.yaml");
    // The skeleton's first line points editors at `../session.schema.json`: the schema of this
    // very version of rapporteur, kept beside the sessions (refreshed by every `new`), so that
    // completion works offline and matches the program that reads the file.
    match write_atomically(&path, SKELETON.as_bytes()).and_then(|()| schema_beside(dir)) {
        Ok(written) => {
            println!("{}", path.display());
            if let Some(schema) = written {
                println!("{}", schema.display());
            }
            eprintln!("next: edit it, then `rapporteur check {}`", folder.display());
            0
        }
        Err(e) => {
            eprintln!("error: {}", printable(&e.to_string()));
            1
        }
    }
}

/// The schema file `rapporteur new` and `rapporteur import` write beside the session folders
/// (see `new_session`).
pub const SCHEMA_FILE: &str = "session.schema.json";

/// The first line of a session file they write: editors find the schema beside its folder.
pub const SCHEMA_LINE: &str = "# yaml-language-server: $schema=../session.schema.json";

/// Writes this program's schema as `dir/session.schema.json` unless it is there already, current;
/// the path when it was written.
fn schema_beside(dir: &Path) -> std::io::Result<Option<PathBuf>> {
    let schema = dir.join(SCHEMA_FILE);
    let text = crate::schema::session_schema_text();
    if std::fs::read_to_string(&schema).is_ok_and(|t| t == text) {
        return Ok(None);
    }
    write_atomically(&schema, text.as_bytes()).map(|()| Some(schema))
}

/// What `rapporteur new` writes: a valid session that shows every part of the format.
pub const SKELETON: &str = include_str!("../templates/skeleton/session.yaml");
