//! PDF writer: the report typeset by typst 0.15, embedded as a library.
//!
//! The layout is the typst template `report.typ` (compiled in from `templates/`, overridable by
//! a session). The `Document` reaches it as JSON through the `World` (see `world`), so user text
//! is data and never typst source. The fonts are Liberation Serif, compiled into the binary; the
//! PDF is tagged and, unless `WriteOptions::no_pdf_standards` is set, conforms to PDF/A-2b and
//! PDF/UA-1. Its creation date is the document's date (midnight UTC), so the same `Document`
//! always gives the same bytes.
//!
//! Every typst error or warning becomes an error `Diagnostic`: the house template compiles
//! without warnings, and a warning (above all "unknown font family", which would otherwise fall
//! back silently to another font) means the output is not what was asked for.

mod world;

use std::path::Path;

use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst::{World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::document::Document;
use crate::writers::WriteOptions;

use world::ReportWorld;

/// The name of the layout template among the templates.
pub const TEMPLATE: &str = "report.typ";

/// How many builds typst's memoized results outlive (0: each build starts cold and leaves
/// nothing behind). See `keep_memoized_results`.
static KEEP_BUILDS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Keeps typst's memoized results (parsed template, laid-out paragraphs, shaped text) used in
/// the last `builds` builds of this process: `rapporteur watch` rebuilds the same report again
/// and again, and a warm cache re-typesets only what an edit changed.
pub fn keep_memoized_results(builds: usize) {
    KEEP_BUILDS.store(builds, std::sync::atomic::Ordering::Relaxed);
}

/// Never empties typst's memoization caches: for a process that ends after its build
/// (`rapporteur build SESSION`), where emptying them is work for nothing — dropping every
/// memoized frame took 5–10 ms after each PDF, and the process's exit frees it all at once.
pub fn leave_memoized_results_to_exit() {
    KEEP_BUILDS.store(usize::MAX, std::sync::atomic::Ordering::Relaxed);
}

pub fn write(doc: &Document, opts: &WriteOptions) -> Result<Vec<u8>, Diagnostics> {
    let template = opts.templates.source(TEMPLATE).ok_or_else(|| {
        Diagnostic::error(format!("the PDF layout template `{TEMPLATE}` is missing"))
            .with_hint("the default is compiled in; check the session's template overrides")
    })?;
    let date = parse_date(&doc.meta.date).ok_or_else(|| {
        Diagnostic::error(format!("the document date `{}` is not a date", doc.meta.date))
            .with_hint("write it as YYYY-MM-DD, e.g. 2009-04-21")
    })?;
    let json =
        serde_json::to_string(doc).map_err(|e| Diagnostic::error(format!("cannot serialize the document: {e}")))?;
    // Characters the fonts lack but the PDF can still say (see `safety::pdf_substitute`). The JSON
    // holds them as raw UTF-8 (serde_json escapes only controls, quotes and backslashes), so a
    // replacement on its text cannot break its syntax.
    let json = crate::safety::pdf_substitutes(&json).into_owned().into_bytes();

    // Where diagnostics point: the repository's template, or the session's own override.
    let overridden = opts.templates.override_names().any(|n| n == TEMPLATE);
    let template_path =
        if overridden { Path::new("<session>/templates") } else { Path::new("templates") }.join(TEMPLATE);
    let world = ReportWorld::new(template, json, &doc.meta.language, Some(date));
    let warned = typst::compile::<PagedDocument>(&world);
    let mut diags = Diagnostics::new();
    for w in &warned.warnings {
        diags.push(convert(&world, &template_path, w, true));
    }
    let paged = match warned.output {
        Ok(paged) if diags.is_empty() => paged,
        Ok(_) => return Err(diags),
        Err(errors) => {
            for e in &errors {
                diags.push(convert(&world, &template_path, e, false));
            }
            return Err(diags);
        }
    };
    // typst prints a character no font has as the first font's .notdef glyph (an empty box) and
    // says nothing: `check` refuses such text first, and this is the writer's own guarantee.
    let missing = notdef_glyphs(&paged);
    if !missing.is_empty() {
        let shown: Vec<String> = missing.iter().take(10).map(|(c, text)| format!("`{c}` in “{text}”")).collect();
        return Err(Diagnostic::error(format!(
            "the PDF would print {} character(s) as empty boxes (no font has them): {}",
            missing.len(),
            shown.join(", ")
        ))
        .with_hint(format!(
            "the `{}` version is set in {}; write the text without them (`rapporteur check` shows where they are)",
            doc.meta.language,
            crate::fonts::family_names(&doc.meta.language)
        ))
        .into());
    }

    let standards = if opts.no_pdf_standards {
        PdfStandards::default()
    } else {
        PdfStandards::new(&[PdfStandard::A_2b, PdfStandard::Ua_1])
            .map_err(|e| Diagnostic::error(format!("PDF standards: {}", e.message())))?
    };
    let options = PdfOptions {
        ident: Smart::Custom(format!("{} {}", doc.meta.slug, doc.meta.symbol)),
        creator: Smart::Custom(Some(format!("rapporteur {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(date)),
        standards,
        ..PdfOptions::default()
    };
    let result = typst_pdf::pdf(&paged, &options);
    // Keep the memoization caches from growing across builds in a long process; `watch` keeps the
    // results of the last few builds so that an edit re-typesets only what it changed.
    let keep = KEEP_BUILDS.load(std::sync::atomic::Ordering::Relaxed);
    if keep != usize::MAX {
        typst::comemo::evict(keep);
    }
    result.map_err(|errors| Diagnostics(errors.iter().map(|e| convert(&world, &template_path, e, false)).collect()))
}

/// Every character typst set as glyph 0 (.notdef) in the laid-out pages, with the run of text it
/// stands in, once each.
pub fn notdef_glyphs(paged: &PagedDocument) -> Vec<(String, String)> {
    use typst::layout::{Frame, FrameItem};
    fn walk(frame: &Frame, out: &mut Vec<(String, String)>) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => walk(&group.frame, out),
                FrameItem::Text(text) => {
                    for glyph in text.glyphs.iter().filter(|g| g.id == 0) {
                        let range = usize::from(glyph.range.start)..usize::from(glyph.range.end);
                        let c = text.text.get(range).unwrap_or("?").to_string();
                        if !out.iter().any(|(seen, _)| *seen == c) {
                            out.push((c, text.text.chars().take(60).collect()));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for page in paged.pages() {
        walk(&page.frame, &mut out);
    }
    out
}

/// `YYYY-MM-DD` → midnight UTC of that day.
fn parse_date(s: &str) -> Option<Datetime> {
    let mut parts = s.splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    Datetime::from_ymd_hms(year, month, day, 0, 0, 0)
}

/// A typst diagnostic as ours: the message, its hints, the place in the template if it has one.
/// `warning` says it was a typst warning (reported as an error all the same).
fn convert(world: &ReportWorld, template_path: &Path, d: &SourceDiagnostic, warning: bool) -> Diagnostic {
    let mut message = d.message.to_string();
    if warning || d.severity == TypstSeverity::Warning {
        message = format!("typst warning treated as an error: {message}");
    }
    let mut out = Diagnostic::error(message);
    let location = d.span.id().filter(|id| world.is_main(*id)).and_then(|id| {
        let range = world.range(d.span)?;
        let source = world.source(id).ok()?;
        let (line, column) = source.lines().byte_to_line_column(range.start)?;
        Some(Location { file: template_path.to_path_buf(), line: line + 1, column: column + 1 })
    });
    out = out.at(location);
    let mut hints: Vec<String> = d.hints.iter().map(|h| h.v.to_string()).collect();
    if d.message.contains("unknown font family") {
        hints.push("only the bundled Liberation Serif is available; use `Liberation Serif`".into());
    }
    if !hints.is_empty() {
        out = out.with_hint(hints.join("; "));
    }
    out
}
