//! The command line: raw arguments → validated options → the library. Exit codes: 0 success
//! (warnings allowed), 1 the data or a build has errors, 2 usage errors (clap's own).
//!
//! This module and `session::load` are the only ones that touch the filesystem. Outputs are
//! rendered in memory first and then written atomically (a temporary file renamed into place),
//! so a failed build leaves the previous files untouched.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::build::compile;
use crate::diag::{Diagnostic, Diagnostics};
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
    /// Build a session's report.
    Build {
        /// The session folder, e.g. `sessions/ctoc-cop-wg4-2009`.
        session: PathBuf,
        /// Output formats, comma-separated (default: all).
        #[arg(long, short, value_delimiter = ',')]
        format: Vec<String>,
        /// Output folder (default: `out/<slug>/`).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// PDF only: do not declare PDF/A-2b and PDF/UA-1.
        #[arg(long)]
        no_pdf_standards: bool,
        /// Treat every warning as an error and write nothing if there is one (issuance).
        #[arg(long)]
        strict: bool,
    },
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
    /// Import a past report (Akoma Ntoso XML, or plain text in the reference shape) as a session.
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
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ImportFrom {
    /// Akoma Ntoso 3.0 XML.
    Akn,
    /// Plain text in the shape of ../shared/reference/ (masthead, headings, numbered paragraphs).
    Text,
}

/// Runs the command line and returns the exit code.
pub fn run() -> i32 {
    let cli = Cli::parse();
    match cli.command {
        Command::New { slug, dir } => new_session(&slug, &dir),
        Command::Check { session, strict } => match compile(&session) {
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
        Command::Build { session, format, output, no_pdf_standards, strict } => {
            let formats = match parse_formats(&format) {
                Ok(f) => f,
                Err(message) => {
                    eprintln!("error: {message}");
                    return 2;
                }
            };
            build(&session, &formats, output, no_pdf_standards, strict)
        }
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
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", file.display());
            return 1;
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("error: {} is not UTF-8 text\n  hint: convert it first (e.g. `iconv -t UTF-8`)", file.display());
        return 1;
    };
    let result = match from {
        ImportFrom::Akn => crate::import::import_akn(&text),
        ImportFrom::Text => crate::import::import_text(&text),
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
    if let Err(e) = write_atomically(&target, crate::import::to_yaml(&session).as_bytes()) {
        eprintln!("error: cannot write {}: {e}", target.display());
        return 1;
    }
    println!("{}", target.display());
    eprintln!(
        "imported with {n} warning{}; next: `rapporteur check {}`",
        if n == 1 { "" } else { "s" },
        output.display()
    );
    0
}

fn parse_formats(names: &[String]) -> Result<Vec<Format>, String> {
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

fn build(session: &Path, formats: &[Format], output: Option<PathBuf>, no_pdf_standards: bool, strict: bool) -> i32 {
    let compiled = match compile(session) {
        Ok(c) => c,
        Err(diags) => {
            report(&diags);
            return 1;
        }
    };
    if strict && !compiled.warnings.is_empty() {
        report(&compiled.warnings.as_errors());
        eprintln!("error: --strict allows no warnings; nothing was written");
        return 1;
    }
    report(&compiled.warnings);
    let opts = WriteOptions { templates: compiled.templates.clone(), no_pdf_standards };
    let mut rendered = Vec::new();
    for format in formats {
        match format.write(&compiled.document, &opts) {
            Ok(bytes) => rendered.push((*format, bytes)),
            Err(diags) => {
                report(&diags);
                eprintln!("error: the {} output failed; nothing was written", format.name());
                return 1;
            }
        }
    }
    let dir = output.unwrap_or_else(|| Path::new("out").join(&compiled.document.meta.slug));
    let stem = compiled.document.meta.slug.clone();
    for (format, bytes) in rendered {
        let path = dir.join(format!("{stem}.{}", format.extension()));
        if let Err(e) = write_atomically(&path, &bytes) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return 1;
        }
        println!("{}", path.display());
    }
    0
}

/// Writes `bytes` to a temporary file beside `path`, then renames it into place.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Prints diagnostics to stderr, with the source line and a caret under the column.
pub fn report(diags: &Diagnostics) {
    for d in &diags.0 {
        eprintln!("{}", render(d));
    }
}

/// `file:line:col: error: message`, the source line with a caret, and the hint.
pub fn render(d: &Diagnostic) -> String {
    let mut out = String::new();
    let head = Diagnostic { hint: None, ..d.clone() };
    out.push_str(&head.to_string());
    if let Some(loc) = &d.location
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
    match write_atomically(&path, SKELETON.as_bytes()) {
        Ok(()) => {
            println!("{}", path.display());
            eprintln!("next: edit it, then `rapporteur check {}`", folder.display());
            0
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            1
        }
    }
}

/// What `rapporteur new` writes: a valid session that shows every part of the format.
pub const SKELETON: &str = include_str!("../templates/skeleton/session.yaml");
