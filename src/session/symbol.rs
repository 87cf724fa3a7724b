//! The stage of a document and what its symbol says about it.
//!
//! A session keeps its document symbol as the one string people read and cite
//! (`symbol: CTOC/COP/WG.4/2009/L.1/Add.1`): that string is what the masthead, the running heads
//! and Akoma Ntoso's FRBR identifiers print, so they cannot disagree. [`SymbolParts::parse`] reads
//! it into its parts — the base (`CTOC/COP/WG.4/2009`) and the special components of UN practice
//! (`L.N` for a limited draft, `Rev.N`, `Add.N`, `Corr.N`) — and says what is wrong with a
//! malformed one, so that a draft's `L.` is data rather than free text.
//!
//! [`Stage`] says whether the session is the report as issued (`final`, the default) or a draft
//! under negotiation (`draft`); a draft is a limited document unless the session says otherwise
//! ([`Distribution`]).

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Where a document stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The report as issued (the default).
    #[default]
    Final,
    /// A draft under negotiation, issued as a limited (`L.`) document.
    Draft,
}

impl Stage {
    pub fn is_final(&self) -> bool {
        *self == Stage::Final
    }
}

/// Who a document is distributed to: the closed set of the UN masthead ("Distr.: General").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Distribution {
    General,
    Limited,
    Restricted,
}

impl Distribution {
    pub const ALL: [Distribution; 3] = [Distribution::General, Distribution::Limited, Distribution::Restricted];

    /// The word as the masthead prints it: "General", "Limited", "Restricted".
    pub fn name(self) -> &'static str {
        match self {
            Distribution::General => "General",
            Distribution::Limited => "Limited",
            Distribution::Restricted => "Restricted",
        }
    }

    /// Reads a distribution in any case ("limited", "LIMITED" → `Limited`).
    pub fn parse(s: &str) -> Option<Distribution> {
        Distribution::ALL.into_iter().find(|d| d.name().eq_ignore_ascii_case(s.trim()))
    }
}

impl fmt::Display for Distribution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Distribution {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// What `Distribution::parse` reads: the three words in any case, spaces around allowed. Editors
/// offer the words as printed; the pattern accepts every spelling the loader does.
impl JsonSchema for Distribution {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Distribution".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = Distribution::ALL.iter().map(|d| d.name()).collect();
        // JSON Schema patterns have no case-insensitive flag: `[Gg][Ee]…`.
        let any_case = |name: &str| -> String {
            name.chars().map(|c| format!("[{}{}]", c.to_ascii_uppercase(), c.to_ascii_lowercase())).collect()
        };
        let words: Vec<String> = names.iter().map(|n| any_case(n)).collect();
        schemars::json_schema!({
            "description": "Who the document is distributed to, as the masthead prints it (\"Distr.: General\"); any case.",
            "anyOf": [
                { "enum": names },
                { "type": "string", "pattern": format!("^\\s*(?:{})\\s*$", words.join("|")) },
            ],
        })
    }
}

impl<'de> Deserialize<'de> for Distribution {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Distribution::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown distribution `{s}`: the distribution is one of General, Limited, Restricted"
            ))
        })
    }
}

/// A document symbol read into its parts: `CTOC/COP/WG.4/2009/L.1/Add.1` is the base
/// `CTOC/COP/WG.4/2009` with `limited: 1` and `addendum: 1`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SymbolParts {
    /// Everything before the first special component.
    pub base: String,
    /// `L.N`: a limited document (a draft report, a draft resolution).
    pub limited: Option<u32>,
    /// `Rev.N`: a revision replacing the earlier text.
    pub revision: Option<u32>,
    /// `Add.N`: an addendum (e.g. a further part of a draft report).
    pub addendum: Option<u32>,
    /// `Corr.N`: a corrigendum.
    pub corrigendum: Option<u32>,
}

/// What is wrong with a symbol, and how to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SymbolError {
    pub message: String,
    pub hint: String,
}

/// The special components, in the order UN symbols carry them.
const SPECIAL: [&str; 4] = ["L", "Rev", "Add", "Corr"];

impl SymbolParts {
    /// Reads `symbol`. An empty symbol has an empty base and no special components.
    pub fn parse(symbol: &str) -> Result<SymbolParts, SymbolError> {
        let mut parts = SymbolParts::default();
        let mut base = Vec::new();
        // The rank (in SPECIAL) of the last special component read.
        let mut last: Option<usize> = None;
        for component in symbol.split('/') {
            let special = special_component(component)?;
            match (special, last) {
                (None, None) => base.push(component),
                (None, Some(l)) => {
                    return Err(SymbolError {
                        message: format!(
                            "`{component}` follows `{}` in the symbol `{symbol}`",
                            SPECIAL[l].to_string() + "."
                        ),
                        hint: "the special components (L.N, Rev.N, Add.N, Corr.N) end a symbol, e.g. \
                               CTOC/COP/WG.4/2009/L.1/Add.1"
                            .into(),
                    });
                }
                (Some((rank, n)), _) => {
                    if let Some(l) = last
                        && rank <= l
                    {
                        return Err(SymbolError {
                            message: format!("`{component}` is out of place in the symbol `{symbol}`"),
                            hint: "the special components come in the order L.N, Rev.N, Add.N, Corr.N, each at \
                                   most once"
                                .into(),
                        });
                    }
                    last = Some(rank);
                    *parts.slot(rank) = Some(n);
                }
            }
        }
        parts.base = base.join("/");
        Ok(parts)
    }

    fn slot(&mut self, rank: usize) -> &mut Option<u32> {
        match rank {
            0 => &mut self.limited,
            1 => &mut self.revision,
            2 => &mut self.addendum,
            _ => &mut self.corrigendum,
        }
    }

    /// The symbol as printed: the base and the special components in order.
    pub fn compose(&self) -> String {
        let mut out = self.base.clone();
        for (rank, name) in SPECIAL.iter().enumerate() {
            let n = match rank {
                0 => self.limited,
                1 => self.revision,
                2 => self.addendum,
                _ => self.corrigendum,
            };
            if let Some(n) = n {
                if !out.is_empty() {
                    out.push('/');
                }
                out.push_str(&format!("{name}.{n}"));
            }
        }
        out
    }
}

/// `Some((rank, n))` for a special component (`Rev.2` → `(1, 2)`), `None` for an ordinary one;
/// an error for one that is almost special (`rev.2`, `Rev2`, `Rev.0`, `L.x`).
fn special_component(component: &str) -> Result<Option<(usize, u32)>, SymbolError> {
    let (name, number) = match component.split_once('.') {
        Some((name, number)) => (name, Some(number)),
        None => (component, None),
    };
    // "Rev2" → ("Rev", "2").
    let (name, number) = match number {
        Some(n) => (name, n.to_string()),
        None => {
            let letters = component.trim_end_matches(|c: char| c.is_ascii_digit());
            if letters.len() < component.len() {
                (letters, component[letters.len()..].to_string())
            } else {
                (name, String::new())
            }
        }
    };
    let Some(rank) = SPECIAL.iter().position(|s| s.eq_ignore_ascii_case(name)) else {
        return Ok(None);
    };
    // "WG.4" and the like are ordinary; only L, Rev, Add and Corr (any case) are looked at.
    let proper = SPECIAL[rank];
    let n = number.parse::<u32>().ok().filter(|n| *n > 0);
    let well_formed = name == proper && component.contains('.') && n.is_some();
    if well_formed {
        return Ok(n.map(|n| (rank, n)));
    }
    let example = format!("{proper}.{}", n.unwrap_or(1));
    Err(SymbolError {
        message: format!("the symbol component `{component}` is not written as UN symbols write it"),
        hint: format!("write `{example}`: `{proper}.` followed by a number from 1"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_read_into_parts_and_back() {
        let p = SymbolParts::parse("CTOC/COP/WG.4/2009/L.1/Add.1").unwrap();
        assert_eq!(p.base, "CTOC/COP/WG.4/2009");
        assert_eq!((p.limited, p.revision, p.addendum, p.corrigendum), (Some(1), None, Some(1), None));
        assert_eq!(p.compose(), "CTOC/COP/WG.4/2009/L.1/Add.1");
        let p = SymbolParts::parse("CTOC/COP/WG.4/2009/2").unwrap();
        assert_eq!((p.base.as_str(), p.limited), ("CTOC/COP/WG.4/2009/2", None));
        assert_eq!(SymbolParts::parse("A/64/5/Add.1/Corr.2").unwrap().corrigendum, Some(2));
        assert_eq!(SymbolParts::parse("").unwrap(), SymbolParts::default());
    }

    #[test]
    fn malformed_symbols_are_explained() {
        for (bad, hint) in [
            ("CTOC/COP/WG.4/2009/l.1", "`L.1`"),
            ("CTOC/COP/WG.4/2009/L1", "`L.1`"),
            ("CTOC/COP/WG.4/2009/Rev.0", "`Rev.1`"),
            ("CTOC/COP/WG.4/2009/ADD.2", "`Add.2`"),
        ] {
            let e = SymbolParts::parse(bad).unwrap_err();
            assert!(e.hint.contains(hint), "{bad}: {e:?}");
        }
        assert!(SymbolParts::parse("X/Rev.1/L.1").unwrap_err().hint.contains("order"));
        assert!(SymbolParts::parse("X/L.1/3").unwrap_err().message.contains("follows"));
    }

    #[test]
    fn distribution_is_a_closed_set_read_in_any_case() {
        assert_eq!(Distribution::parse("limited"), Some(Distribution::Limited));
        assert_eq!(Distribution::parse("RESTRICTED"), Some(Distribution::Restricted));
        assert_eq!(Distribution::parse("public"), None);
    }
}
