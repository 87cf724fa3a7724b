//! Template sources: the defaults compiled into the binary, and a session's own overrides.
//!
//! A template is named by its path under `templates/` (e.g. `attendance/states_parties.j2`,
//! `report.typ`). A session overrides one by placing a file at the same path under its own
//! `templates/` folder; the loader reads those files (IO stays in the loader) and hands them in
//! here, so the renderers and writers stay pure.

use std::collections::BTreeMap;

/// The defaults, compiled in. Add a line here when adding a file under `templates/`.
const BUILTIN: &[(&str, &str)] = &[
    ("agenda.j2", include_str!("../templates/agenda.j2")),
    ("statements.j2", include_str!("../templates/statements.j2")),
    ("vote.j2", include_str!("../templates/vote.j2")),
    ("documents.j2", include_str!("../templates/documents.j2")),
    ("officers/elected.j2", include_str!("../templates/officers/elected.j2")),
    ("meeting/dates.j2", include_str!("../templates/meeting/dates.j2")),
    ("officers/chair.j2", include_str!("../templates/officers/chair.j2")),
    ("attendance/states_parties.j2", include_str!("../templates/attendance/states_parties.j2")),
    ("attendance/regional_organizations.j2", include_str!("../templates/attendance/regional_organizations.j2")),
    ("attendance/signatories.j2", include_str!("../templates/attendance/signatories.j2")),
    ("attendance/observer_states.j2", include_str!("../templates/attendance/observer_states.j2")),
    ("attendance/un_entities.j2", include_str!("../templates/attendance/un_entities.j2")),
    (
        "attendance/intergovernmental_organizations.j2",
        include_str!("../templates/attendance/intergovernmental_organizations.j2"),
    ),
    ("attendance/permanent_observers.j2", include_str!("../templates/attendance/permanent_observers.j2")),
    ("attendance/ngos.j2", include_str!("../templates/attendance/ngos.j2")),
    // The PDF layout (typst), read by `writers::pdf`.
    ("report.typ", include_str!("../templates/report.typ")),
];

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
        self.overrides
            .get(name)
            .map(String::as_str)
            .or_else(|| BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, s)| *s))
    }

    /// Whether `name` is a template the program knows (so an override can be checked).
    pub fn is_builtin(name: &str) -> bool {
        BUILTIN.iter().any(|(n, _)| *n == name)
    }

    /// The names of the session's own templates.
    pub fn override_names(&self) -> impl Iterator<Item = &str> {
        self.overrides.keys().map(String::as_str)
    }

    /// The names of all compiled-in templates.
    pub fn builtin_names() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|(n, _)| *n)
    }
}
