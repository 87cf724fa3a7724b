//! Template sources: the defaults compiled into the binary, and a session's own overrides.
//!
//! A template is named by its path under `templates/` (e.g. `attendance/states_parties.j2`,
//! `report.typ`). A session overrides one by placing a file at the same path under its own
//! `templates/` folder; the loader reads those files (IO stays in the loader) and hands them in
//! here, so the renderers and writers stay pure.

use std::collections::BTreeMap;

/// The defaults, compiled in, besides the generated sentences' templates (declared with their
/// sentence in `crate::sentences`). Add a line here when adding another file under `templates/`.
const BUILTIN: &[(&str, &str)] = &[
    // The PDF layout (typst), read by `writers::pdf`.
    ("report.typ", include_str!("../templates/report.typ")),
];

/// Every compiled-in template: (file name, source).
fn builtin() -> impl Iterator<Item = (&'static str, &'static str)> {
    let sentences = crate::sentences::SENTENCES.iter().map(|s| (s.template.file, s.template.source));
    let translated = crate::sentences::TRANSLATED.iter().flat_map(|(_, all)| all.iter().map(|b| (b.file, b.source)));
    sentences.chain(translated).chain(BUILTIN.iter().copied())
}

/// The template sources one build uses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Templates {
    overrides: BTreeMap<String, String>,
}

impl Templates {
    /// The compiled-in defaults with the given overrides (name → source) on top.
    pub fn with_overrides(overrides: BTreeMap<String, String>) -> Self {
        Templates { overrides }
    }

    /// The source of the named template: the session's own if it has one, else the default.
    pub fn source(&self, name: &str) -> Option<&str> {
        self.overrides.get(name).map(String::as_str).or_else(|| builtin().find(|(n, _)| *n == name).map(|(_, s)| s))
    }

    /// Whether `name` is a template the program knows (so an override can be checked).
    pub fn is_builtin(name: &str) -> bool {
        builtin().any(|(n, _)| n == name)
    }

    /// The names of the session's own templates.
    pub fn override_names(&self) -> impl Iterator<Item = &str> {
        self.overrides.keys().map(String::as_str)
    }

    /// The names of all compiled-in templates.
    pub fn builtin_names() -> impl Iterator<Item = &'static str> {
        builtin().map(|(n, _)| n)
    }
}
