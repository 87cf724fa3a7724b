//! The manifest of a batch build (`<output root>/manifest.json`): for every session, the SHA-256
//! of every file its build read, the tool that built it, the options, and the SHA-256 and size of
//! every output. A rebuild compares a session's files with its entry and skips it when nothing
//! changed; a rebuilt session's outputs are compared with the recorded ones, so the build says
//! exactly which reports changed.
//!
//! The JSON is deterministic: every object's keys are sorted (maps are `BTreeMap`s, struct fields
//! are declared in alphabetical order) and nothing depends on the clock, the machine or the
//! order sessions were built in. Shards of one build each write their slice; `merge` unites
//! them into what a single run would have written.
//!
//! This module reads and writes nothing itself: the CLI hands it text and writes what it returns.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diag::{Diagnostic, Diagnostics, Location};

/// What `format` says in a manifest this version writes and reads.
pub const FORMAT: &str = "rapporteur-manifest/1";
/// The manifest's file name in the output root.
pub const FILE: &str = "manifest.json";

/// A whole manifest. Field order is alphabetical, so the JSON's keys are sorted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    /// By session slug (the session folder's name, which is also its output folder's).
    pub sessions: BTreeMap<String, Entry>,
}

impl Default for Manifest {
    fn default() -> Self {
        Manifest { format: FORMAT.into(), sessions: BTreeMap::new() }
    }
}

/// One session's record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Path relative to the session folder → SHA-256 (hex) of its bytes.
    pub inputs: BTreeMap<String, String>,
    pub options: Options,
    /// File name in the session's output folder → its hash and size.
    pub outputs: BTreeMap<String, Output>,
    pub tool: Tool,
}

/// The options that change what a build writes (or whether it writes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Format names, in the order of `Format::ALL`.
    pub formats: Vec<String>,
    pub pdf_standards: bool,
    pub strict: bool,
    /// The language versions built (`--lang`), in the order given; empty: the original only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Output {
    pub bytes: u64,
    pub sha256: String,
}

/// The program that built a session: its version, the SHA-256 of everything compiled into it
/// that shapes a report (the default templates, the registries of names, the fonts), and the
/// SHA-256 of the source it was compiled from (`build.rs`), so that a program with a changed
/// template or changed code rebuilds every session even under the same version number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    pub builtin: String,
    /// Empty in a manifest written before the source was recorded: such entries differ from
    /// every program's, so their sessions are rebuilt once.
    #[serde(default)]
    pub source: String,
    pub version: String,
}

impl Tool {
    /// This program.
    pub fn current() -> Tool {
        let mut hasher = Sha256::new();
        let mut names: Vec<&str> = crate::templates::Templates::builtin_names().collect();
        names.sort_unstable();
        let defaults = crate::templates::Templates::default();
        for name in names {
            // Name and source, each closed by a NUL, so that no two lists hash alike.
            hasher.update(name.as_bytes());
            hasher.update([0]);
            hasher.update(defaults.source(name).unwrap_or_default().as_bytes());
            hasher.update([0]);
        }
        hasher.update(crate::registry::DATA.as_bytes());
        hasher.update([0]);
        hasher.update(crate::registry::NAMES.as_bytes());
        hasher.update([0]);
        hasher.update(crate::registry::organizations::DATA.as_bytes());
        for font in crate::fonts::font_files() {
            hasher.update([0]);
            hasher.update(font);
        }
        Tool {
            builtin: hex(&hasher.finalize()),
            source: env!("RAPPORTEUR_SOURCE").into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

/// The SHA-256 of `bytes`, in lower-case hex (what `sha256sum` prints).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

impl Manifest {
    /// Reads a manifest from its text; `path` is where errors point.
    pub fn parse(path: &Path, text: &str) -> Result<Manifest, Diagnostics> {
        let hint = "a manifest is written by `rapporteur build`; delete it (or build with --force) to start afresh";
        let manifest: Manifest = serde_json::from_str(text).map_err(|e| {
            Diagnostic::error(format!("{} is not a build manifest: {e}", path.display()))
                .at(Some(Location { file: path.to_path_buf(), line: e.line().max(1), column: e.column().max(1) }))
                .with_hint(hint)
        })?;
        if manifest.format != FORMAT {
            return Err(Diagnostic::error(format!(
                "{} is a manifest of format `{}`; this program reads `{FORMAT}`",
                path.display(),
                manifest.format
            ))
            .with_hint(hint)
            .into());
        }
        Ok(manifest)
    }

    /// The JSON text: keys sorted, two-space indents, a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a manifest is plain data");
        text.push('\n');
        text
    }

    /// Unites manifests (the shards of one build). A session in more than one must have the same
    /// entry in each: two shards that built one session differently are an error, not a choice.
    pub fn merge(parts: &[(&Path, Manifest)]) -> Result<Manifest, Diagnostics> {
        let mut out = Manifest::default();
        let mut from: BTreeMap<String, &Path> = BTreeMap::new();
        let mut diags = Diagnostics::new();
        for (path, manifest) in parts {
            for (slug, entry) in &manifest.sessions {
                match out.sessions.get(slug) {
                    Some(known) if known != entry => diags.push(
                        Diagnostic::error(format!(
                            "session `{slug}` has different entries in {} and {}",
                            from[slug].display(),
                            path.display()
                        ))
                        .with_hint("merge the manifests of one build (its shards), which each hold their own sessions"),
                    ),
                    Some(_) => {}
                    None => {
                        out.sessions.insert(slug.clone(), entry.clone());
                        from.insert(slug.clone(), path);
                    }
                }
            }
        }
        if diags.is_empty() { Ok(out) } else { Err(diags) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(output_hash: &str) -> Entry {
        Entry {
            inputs: BTreeMap::from([("session.yaml".into(), sha256_hex(b"symbol: X\n"))]),
            options: Options {
                formats: vec!["text".into()],
                pdf_standards: true,
                strict: false,
                languages: Vec::new(),
            },
            outputs: BTreeMap::from([("x.txt".into(), Output { bytes: 3, sha256: output_hash.into() })]),
            tool: Tool::current(),
        }
    }

    #[test]
    fn sha256_is_the_standard_one() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn json_keys_are_sorted_at_every_level_and_the_text_round_trips() {
        let manifest = Manifest { format: FORMAT.into(), sessions: BTreeMap::from([("b".into(), entry("1"))]) };
        let text = manifest.to_json();
        fn sorted(v: &serde_json::Value) -> bool {
            match v {
                serde_json::Value::Object(m) => {
                    let keys: Vec<&String> = m.keys().collect();
                    keys.windows(2).all(|w| w[0] < w[1]) && m.values().all(sorted)
                }
                serde_json::Value::Array(a) => a.iter().all(sorted),
                _ => true,
            }
        }
        // Keys in the order they stand in the text (not as a map would re-sort them).
        let order: Vec<&str> = text.lines().filter_map(|l| l.trim().split('"').nth(1)).collect();
        let top: Vec<&str> = order.iter().copied().filter(|k| ["format", "sessions"].contains(k)).collect();
        assert_eq!(top, ["format", "sessions"]);
        let entry_keys: Vec<&str> =
            order.iter().copied().filter(|k| ["inputs", "options", "outputs", "tool"].contains(k)).collect();
        assert_eq!(entry_keys, ["inputs", "options", "outputs", "tool"]);
        assert!(sorted(&serde_json::from_str(&text).unwrap()));
        assert_eq!(Manifest::parse(Path::new("m.json"), &text).unwrap(), manifest);
    }

    #[test]
    fn the_program_is_known_by_its_source_too() {
        let tool = Tool::current();
        assert!(tool.source.len() == 64 && tool.source.bytes().all(|b| b.is_ascii_hexdigit()), "{}", tool.source);
        // An entry written before the source was recorded still reads, and is not this program's:
        // its session is rebuilt.
        let older: Tool =
            serde_json::from_value(serde_json::json!({"builtin": tool.builtin, "version": tool.version})).unwrap();
        assert_ne!(older, tool);
        assert_eq!(Tool { source: tool.source.clone(), ..older }, tool);
    }

    #[test]
    fn merge_unites_and_refuses_disagreement() {
        let a = Manifest { format: FORMAT.into(), sessions: BTreeMap::from([("a".into(), entry("1"))]) };
        let b = Manifest { format: FORMAT.into(), sessions: BTreeMap::from([("b".into(), entry("2"))]) };
        let merged = Manifest::merge(&[(Path::new("a.json"), a.clone()), (Path::new("b.json"), b)]).unwrap();
        assert_eq!(merged.sessions.keys().collect::<Vec<_>>(), ["a", "b"]);
        let other = Manifest { format: FORMAT.into(), sessions: BTreeMap::from([("a".into(), entry("3"))]) };
        let err = Manifest::merge(&[(Path::new("a.json"), a), (Path::new("c.json"), other)]).unwrap_err();
        assert!(err.to_string().contains("session `a` has different entries in a.json and c.json"), "{err}");
    }

    #[test]
    fn a_broken_manifest_is_reported_with_its_position() {
        let err = Manifest::parse(Path::new("out/manifest.json"), "{\n  \"format\": 3\n}").unwrap_err();
        let d = &err.0[0];
        assert_eq!(d.location.as_ref().map(|l| (l.line, l.file.clone())), Some((2, "out/manifest.json".into())));
        let err = Manifest::parse(Path::new("m.json"), "{\"format\": \"other/9\", \"sessions\": {}}").unwrap_err();
        assert!(err.to_string().contains("format `other/9`"), "{err}");
    }
}
