//! The whole pipeline for one session folder: load → check → assemble. The CLI and the tests
//! call this; writers then turn the `Document` into bytes.

use std::path::Path;

use crate::assemble::assemble;
use crate::check::check;
use crate::diag::{Diagnostic, Diagnostics};
use crate::document::Document;
use crate::session::load::{Loaded, load};
use crate::templates::Templates;

/// A session compiled to its `Document`, with the warnings found on the way.
#[derive(Debug)]
pub struct Compiled {
    pub document: Document,
    pub warnings: Diagnostics,
    pub templates: Templates,
}

/// Loads, checks and assembles the session in `dir`. Errors (and the warnings found with them)
/// come back as `Err`.
pub fn compile(dir: &Path) -> Result<Compiled, Diagnostics> {
    let loaded = load(dir)?;
    compile_loaded(&loaded)
}

/// Loads, checks and assembles the session in `dir` as it is issued: one document, or one per
/// part when the session is issued in parts (`parts:`). The whole report is compiled first, so
/// that every check of the data runs once and its warnings are reported once; each part is then
/// assembled on its own (its own symbol, its own numbering) and only its errors are added — e.g.
/// a cross-reference to a chapter that stands in another part.
pub fn compile_issued(dir: &Path) -> Result<Vec<Compiled>, Diagnostics> {
    compile_issued_loaded(&load(dir)?)
}

/// `compile_issued` for an already loaded session (a batch build keeps the `Loaded` for the
/// hashes of the files it read).
pub fn compile_issued_loaded(loaded: &Loaded) -> Result<Vec<Compiled>, Diagnostics> {
    let whole = compile_loaded(loaded)?;
    if loaded.session.parts.is_empty() {
        return Ok(vec![whole]);
    }
    let mut errors = part_selection_errors(loaded);
    let mut parts = Vec::new();
    let last = loaded.session.parts.len() - 1;
    for (index, part) in loaded.session.parts.iter().enumerate() {
        let mut one = loaded.clone();
        let session = &mut one.session;
        session.symbol = part.symbol.clone();
        session.parts.clear();
        let carried = |c: &crate::session::Chapter| c.id.as_ref().is_some_and(|id| part.chapters.contains(id));
        // Chapters keep the numbers they have in the whole report; paragraphs and footnotes are
        // numbered afresh in each document.
        session.chapter_numbers =
            (1..).zip(&loaded.session.chapters).filter(|(_, c)| carried(c)).map(|(n, _)| n).collect();
        session.chapters.retain(carried);
        let carries_annexes = part.annexes || (index == last && !loaded.session.parts.iter().any(|p| p.annexes));
        if !carries_annexes {
            session.annexes.clear();
        }
        // The contents page belongs to the first document.
        session.contents &= index == 0;
        one.slug = crate::generate::slug(&part.symbol);
        match compile_loaded(&one) {
            Ok(compiled) => parts.push(Compiled { warnings: Diagnostics::new(), ..compiled }),
            Err(diags) => errors.extend(Diagnostics(
                diags
                    .errors()
                    .map(|d| {
                        let mut d = d.clone();
                        d.message = format!("in part {}: {}", part.symbol, d.message);
                        d
                    })
                    .collect(),
            )),
        }
    }
    if errors.has_errors() {
        let mut all = whole.warnings;
        all.extend(errors);
        return Err(all);
    }
    if let Some(first) = parts.first_mut() {
        first.warnings = whole.warnings;
    }
    Ok(parts)
}

/// Every chapter in exactly one part, every part's chapters known by id.
fn part_selection_errors(loaded: &Loaded) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let session = &loaded.session;
    let at = |path: String| loaded.sources.locate(&path);
    for (i, part) in session.parts.iter().enumerate() {
        if part.chapters.is_empty() {
            diags.push(
                Diagnostic::error(format!("part {} carries no chapter", part.symbol))
                    .at(at(format!("parts[{i}]")))
                    .with_hint("list the ids of its chapters: `chapters: [recommendations, introduction]`"),
            );
        }
        for (j, id) in part.chapters.iter().enumerate() {
            if !session.chapters.iter().any(|c| c.id.as_deref() == Some(id.as_str())) {
                let ids: Vec<&str> = session.chapters.iter().filter_map(|c| c.id.as_deref()).collect();
                diags.push(
                    Diagnostic::error(format!("part {} names chapter `{id}`, which is not a chapter id", part.symbol))
                        .at(at(format!("parts[{i}].chapters[{j}]")))
                        .with_hint(format!("the chapters with ids are: {}", ids.join(", "))),
                );
            }
        }
    }
    for (c, chapter) in session.chapters.iter().enumerate() {
        let carried =
            session.parts.iter().filter(|p| chapter.id.as_ref().is_some_and(|id| p.chapters.contains(id))).count();
        if carried != 1 {
            let what = if carried == 0 { "is in no part" } else { "is in more than one part" };
            let hint = if chapter.id.is_none() {
                "give the chapter an `id:` and list it under exactly one part"
            } else {
                "list its id under exactly one part's `chapters:`"
            };
            diags.push(
                Diagnostic::error(format!("chapter “{}” {what}", chapter.title))
                    .at(at(format!("chapters[{c}]")))
                    .with_hint(hint),
            );
        }
    }
    diags
}

/// Checks and assembles an already loaded session.
pub fn compile_loaded(loaded: &Loaded) -> Result<Compiled, Diagnostics> {
    let mut diags = check(&loaded.session, &loaded.sources, &loaded.override_names());
    // Informal State names are printed as the official names of the day (see `Session`).
    let printed = crate::check::with_official_names(&loaded.session);
    let session = printed.as_ref().unwrap_or(&loaded.session);
    let assembled = assemble(session, &loaded.slug, &loaded.sources, &loaded.templates);
    diags.extend(assembled.diagnostics);
    match assembled.document {
        Some(document) if !diags.has_errors() => {
            Ok(Compiled { document, warnings: diags, templates: loaded.templates.clone() })
        }
        _ => Err(diags),
    }
}
