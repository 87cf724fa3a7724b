//! The whole pipeline for one session folder: load → check → assemble. The CLI and the tests
//! call this; writers then turn the `Document` into bytes.

use std::path::Path;

use crate::assemble::assemble;
use crate::check::check;
use crate::diag::Diagnostics;
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
