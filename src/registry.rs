//! Interim registry (replaced by the full one on the `registry` branch).
use crate::session::Date;

pub enum Lookup {
    Valid { canonical_id: String },
    Alias { official: String },
    NotYet { official_on_date: String },
    NoLonger { official_on_date: String },
    Unknown { suggestion: Option<String> },
}

pub fn lookup(name: &str, _on: Date) -> Lookup {
    Lookup::Valid { canonical_id: crate::generate::slug(name) }
}

pub fn sort_key(name: &str) -> String {
    name.to_lowercase()
}
