//! The whole pipeline for one session folder: load → check → assemble. The CLI and the tests
//! call this; writers then turn the `Document` into bytes.

use std::borrow::Cow;
use std::path::Path;

use crate::assemble::assemble_in;
use crate::check::check;
use crate::diag::{Diagnostic, Diagnostics};
use crate::document::Document;
use crate::lang::{Lang, Version};
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

/// Loads, checks and assembles the version of the session in `dir` in `lang`.
pub fn compile_in(dir: &Path, lang: Lang) -> Result<Compiled, Diagnostics> {
    let loaded = load(dir)?;
    let version = Version::of(&loaded.session, lang);
    let (translated, warnings) = translated(&loaded, version)?;
    compile_loaded_in(&translated, version).map(|c| with_warnings_first(warnings, c))
}

/// Loads, checks and assembles the session in `dir` as it is issued: one document, or one per
/// part when the session is issued in parts (`parts:`). The whole report is compiled first, so
/// that every check of the data runs once and its warnings are reported once; each part is then
/// assembled on its own (its own symbol, its own numbering) and only its errors are added — e.g.
/// a cross-reference to a chapter that stands in another part.
pub fn compile_issued(dir: &Path) -> Result<Vec<Compiled>, Diagnostics> {
    let loaded = load(dir)?;
    compile_issued_loaded(&loaded, Version::original_of(&loaded.session))
}

/// [`compile_issued`] for each language of `langs` (the original when `langs` is empty), each
/// with its version: `(version, documents)`. A translated version is written from the session's
/// translations (`translated`); their warnings (untranslated and stale units) come first among
/// its warnings.
pub fn compile_issued_in(dir: &Path, langs: &[Lang]) -> Result<Vec<(Version, Vec<Compiled>)>, Diagnostics> {
    compile_versions(&load(dir)?, langs)
}

/// [`compile_issued_in`] for an already loaded session (a batch build keeps the `Loaded` for
/// the hashes of the files it read).
pub fn compile_versions(loaded: &Loaded, langs: &[Lang]) -> Result<Vec<(Version, Vec<Compiled>)>, Diagnostics> {
    let versions: Vec<Version> = if langs.is_empty() {
        vec![Version::original_of(&loaded.session)]
    } else {
        langs.iter().map(|l| Version::of(&loaded.session, *l)).collect()
    };
    let mut out = Vec::new();
    for version in versions {
        let (translated, warnings) = translated(loaded, version)?;
        let mut issued = match compile_issued_loaded(&translated, version) {
            Ok(issued) => issued,
            Err(diags) => {
                let mut all = warnings;
                all.extend(diags);
                return Err(all);
            }
        };
        if let Some(first) = issued.first_mut() {
            let mut all = warnings;
            all.extend(std::mem::take(&mut first.warnings));
            first.warnings = all;
        }
        out.push((version, issued));
    }
    Ok(out)
}

/// `compiled` with `warnings` (about the translation) before its own.
fn with_warnings_first(mut warnings: Diagnostics, mut compiled: Compiled) -> Compiled {
    warnings.extend(std::mem::take(&mut compiled.warnings));
    compiled.warnings = warnings;
    compiled
}

/// [`compile_issued`] on a session already loaded (and perhaps translated), in `version`.
pub fn compile_issued_loaded(loaded: &Loaded, version: Version) -> Result<Vec<Compiled>, Diagnostics> {
    let whole = compile_loaded_in(loaded, version)?;
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
        match compile_loaded_in(&one, version) {
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

/// The session a language version is written from: the original's data with its free text
/// (narrative paragraphs, headings, footnotes, the title, names the session writes itself)
/// replaced by their translations into `version.lang`, and warnings about translations that are
/// missing or stale (errors: what cannot be applied).
///
/// The translations are those kept in `translations/<lang>.yaml`, applied by stable id
/// (`crate::translate::apply`, which also pins every unit's id so cross-references hold, and sets
/// the session's language to the version's, so that `check` looks for glyphs in its fonts).
/// Everything generated from data — masthead words, dates, names of States, lists, citations,
/// cross-references — is already in the version's language (`crate::lang`,
/// `crate::assemble::assemble_in`) and needs no translation. Text without a translation is
/// printed as written in the original, with a warning; the original itself is never touched
/// (same bytes).
pub fn translated(loaded: &Loaded, version: Version) -> Result<(Cow<'_, Loaded>, Diagnostics), Diagnostics> {
    if version.is_original {
        return Ok((Cow::Borrowed(loaded), Diagnostics::new()));
    }
    let done = crate::translate::apply(loaded, version.lang.code())?;
    Ok((Cow::Owned(done.loaded), done.warnings))
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

/// Checks and assembles an already loaded session (its original).
pub fn compile_loaded(loaded: &Loaded) -> Result<Compiled, Diagnostics> {
    compile_loaded_in(loaded, Version::original_of(&loaded.session))
}

/// Checks and assembles one language version of an already loaded session.
pub fn compile_loaded_in(loaded: &Loaded, version: Version) -> Result<Compiled, Diagnostics> {
    let mut diags = check(&loaded.session, &loaded.sources, &loaded.override_names());
    // Informal State names are printed as the official names of the day (see `Session`).
    let printed = crate::check::with_official_names(&loaded.session);
    let session = printed.as_ref().unwrap_or(&loaded.session);
    let assembled = assemble_in(session, &loaded.slug, &loaded.sources, &loaded.templates, version);
    diags.extend(assembled.diagnostics);
    match assembled.document {
        Some(document) if !diags.has_errors() => {
            Ok(Compiled { document, warnings: diags, templates: loaded.templates.clone() })
        }
        _ => Err(diags),
    }
}

/// The warnings of a build in several language versions, each once: the data's warnings are the
/// same in every version; each translated version adds its own (untranslated and stale units).
pub fn warnings_of(versions: &[(Version, Vec<Compiled>)]) -> Diagnostics {
    let mut all = Diagnostics::new();
    for d in versions.iter().flat_map(|(_, docs)| docs.iter().flat_map(|c| c.warnings.0.iter())) {
        if !all.0.contains(d) {
            all.push(d.clone());
        }
    }
    all
}
