//! Articles of organizations: whether running text says "the African Union" or bare
//! "INTERPOL", "Saferworld". House style follows each body's own usage, so it is data — a small
//! registry of United Nations entities and intergovernmental organizations
//! (`src/registry/organizations.tsv`, compiled in) that a session overrides or extends with its
//! own `articles:` map — and not a rule applied to every name.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub(crate) const DATA: &str = include_str!("organizations.tsv");

/// Whether a name takes "the" in running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Article {
    The,
    None,
}

fn registry() -> &'static BTreeMap<&'static str, Article> {
    static REGISTRY: OnceLock<BTreeMap<&'static str, Article>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        DATA.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let (name, article) = l.split_once('\t').unwrap_or((l, "the"));
                (name, if article.trim() == "none" { Article::None } else { Article::The })
            })
            .collect()
    })
}

/// The article of `name`: the session's own `articles:` first, then the registry, then the
/// rule for names neither lists (see the TSV's header).
pub fn article(name: &str, session: &BTreeMap<String, Article>) -> Article {
    if let Some(a) = session.get(name).or_else(|| registry().get(name)) {
        return *a;
    }
    const OWN_ARTICLE: &[&str] = &["The ", "the ", "La ", "Le ", "Les ", "El ", "Los ", "Las ", "Die ", "Der "];
    if OWN_ARTICLE.iter().any(|a| name.starts_with(a)) || !name.trim().contains(' ') {
        Article::None
    } else {
        Article::The
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_from_the_registry_the_rule_and_the_session() {
        let none = BTreeMap::new();
        assert_eq!(article("African Union", &none), Article::The);
        assert_eq!(article("International Organization for Migration", &none), Article::The);
        assert_eq!(article("Transparency International", &none), Article::None);
        assert_eq!(article("INTERPOL", &none), Article::None);
        assert_eq!(article("Saferworld", &none), Article::None, "one word: no article");
        assert_eq!(article("La Strada International", &none), Article::None, "its own article");
        assert_eq!(article("Arab Parliament", &none), Article::The, "several words: the");
        let session =
            BTreeMap::from([("Arab Parliament".to_string(), Article::None), ("Saferworld".to_string(), Article::The)]);
        assert_eq!(article("Arab Parliament", &session), Article::None);
        assert_eq!(article("Saferworld", &session), Article::The, "the session overrides the registry");
    }

    #[test]
    fn every_row_is_well_formed() {
        for line in DATA.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(cols.len() == 2 && matches!(cols[1], "the" | "none"), "bad row `{line}`");
        }
    }
}
