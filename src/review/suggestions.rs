//! Review suggestions as stored in a session: one YAML file per suggestion under
//! `<session>/review/<id>.yaml`, written by `rapporteur review import` and updated by
//! `review accept|reject`.
//!
//! A suggestion is anchored to a paragraph id found through the hidden paragraph bookmarks
//! (`crate::writers::docx::anchors`). When that id no longer exists in the session, the nearest
//! surviving parent is taken (sub-item → paragraph → group → section → chapter) and the
//! suggestion says so (`anchor: parent`); when nothing can be found it is kept with its quoted
//! text and `anchor: none` — never dropped — and the import reports it.
//!
//! The id is a hash of what the suggestion says (kind, author, date, place, texts), so importing
//! the same file twice finds the suggestions already there and adds nothing; the file's bytes
//! depend on the DOCX alone (no import time, fields in a fixed order).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::comments::{Annotation, AnnotationKind};
use crate::document::{Block, Document, Inline, Item};
use crate::writers::docx::anchors::{self, AnchorKind, Decoded};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Comment,
    Change,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    Accepted,
    Rejected,
}

/// How the paragraph id was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchoring {
    /// The bookmark of the paragraph the annotation stands in.
    Bookmark,
    /// That paragraph is gone (or had no bookmark): the nearest surviving parent.
    Parent,
    /// Nothing found: kept with its quoted text.
    None,
}

/// One suggestion (`review/<id>.yaml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suggestion {
    pub id: String,
    pub kind: Kind,
    pub status: Status,
    pub author: String,
    pub date: String,
    /// The paragraph (heading, sub-item, footnote) id it is anchored to.
    #[serde(default)]
    pub paragraph: Option<String>,
    /// `footnote` when `paragraph` is a footnote's id.
    #[serde(default)]
    pub target: Option<String>,
    pub anchor: Anchoring,
    /// The bookmark the annotation stood in, as found in the file.
    #[serde(default)]
    pub bookmark: Option<String>,
    /// The text commented on, or the paragraph before the change.
    pub quoted: String,
    #[serde(default)]
    pub comment: Option<String>,
    /// The paragraph with the change made.
    #[serde(default)]
    pub proposed: Option<String>,
    /// The DOCX it came from (file name).
    pub source: String,
}

/// What the current session knows about its ids: bookmark name → (kind, id), and for each id
/// the label as printed now.
pub struct Ids {
    names: BTreeMap<String, (AnchorKind, String)>,
    labels: BTreeMap<(AnchorKind, String), String>,
}

impl Ids {
    pub fn of(doc: &Document) -> Ids {
        let mut ids = Ids { names: BTreeMap::new(), labels: BTreeMap::new() };
        ids.blocks(&doc.body);
        for note in &doc.footnotes {
            ids.add(AnchorKind::Note, &note.id, format!("note {}", note.marker));
        }
        ids
    }

    fn add(&mut self, kind: AnchorKind, id: &str, label: String) {
        self.names.entry(anchors::bookmark_name(kind, id)).or_insert((kind, id.to_string()));
        self.labels.entry((kind, id.to_string())).or_insert(label);
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Division(d) => {
                    let label = match &d.num {
                        Some(n) => format!("{} {}", n, crate::document::plain_text(&d.heading)),
                        None => crate::document::plain_text(&d.heading),
                    };
                    self.add(AnchorKind::Body, &d.id, short(&label));
                    self.blocks(&d.children);
                }
                Block::Paragraph(p) => {
                    let num = p.num.as_deref().unwrap_or_default().trim_end_matches('.');
                    let label = if num.is_empty() { "(unnumbered)".to_string() } else { format!("para. {num}") };
                    self.add(AnchorKind::Body, &p.id, label);
                    self.items(&p.items, num);
                }
                Block::Table(_) | Block::Contents(_) | Block::Officers(_) => {}
            }
        }
    }

    fn items(&mut self, items: &[Item], parent: &str) {
        for item in items {
            let label = format!("{parent} {}", item.label).trim().to_string();
            self.add(AnchorKind::Body, &item.id, format!("para. {label}"));
            self.items(&item.items, &label);
        }
    }

    /// The id a bookmark name stands for, if the session still has it.
    pub fn resolve(&self, name: &str) -> Option<(AnchorKind, String)> {
        if let Some(found) = self.names.get(name) {
            return Some(found.clone());
        }
        match anchors::decode(name)? {
            Decoded::Id(kind, id) if self.labels.contains_key(&(kind, id.clone())) => Some((kind, id)),
            _ => None,
        }
    }

    /// "para. 12", "para. 12 (a)", "I. Recommendations…", "note 3".
    pub fn label(&self, kind: AnchorKind, id: &str) -> Option<&str> {
        self.labels.get(&(kind, id.to_string())).map(String::as_str)
    }
}

fn short(s: &str) -> String {
    if s.chars().count() > 40 { format!("{}…", s.chars().take(39).collect::<String>()) } else { s.to_string() }
}

/// The suggestion for one annotation of `source` (a file name), anchored in the session.
pub fn suggest(a: &Annotation, ids: &Ids, doc: &Document, source: &str) -> Suggestion {
    let mut anchor = Anchoring::None;
    let mut found = None;
    if let Some(own) = &a.place.own
        && let Some(hit) = ids.resolve(own)
    {
        anchor = Anchoring::Bookmark;
        found = Some(hit);
    }
    if found.is_none()
        && let Some(hit) = a.place.parents.iter().find_map(|name| ids.resolve(name))
    {
        anchor = Anchoring::Parent;
        found = Some(hit);
    }
    // The paragraph's number label ("12.", "(a)", the footnote mark) is not its text.
    let strip = |text: &str| match &found {
        Some((kind, id)) if anchor == Anchoring::Bookmark => strip_label(text, printed_label(doc, *kind, id)),
        _ => text.to_string(),
    };
    let quoted = if a.kind == AnnotationKind::Change { strip(&a.quoted) } else { a.quoted.clone() };
    let proposed = a.proposed.as_deref().map(strip);
    let kind = match a.kind {
        AnnotationKind::Comment => Kind::Comment,
        AnnotationKind::Change => Kind::Change,
    };
    let (paragraph, target) = match &found {
        Some((AnchorKind::Note, id)) => (Some(id.clone()), Some("footnote".to_string())),
        Some((AnchorKind::Body, id)) => (Some(id.clone()), None),
        None => (None, None),
    };
    let mut s = Suggestion {
        id: String::new(),
        kind,
        status: Status::Open,
        author: a.author.clone(),
        date: a.date.clone(),
        paragraph,
        target,
        anchor,
        bookmark: a.place.own.clone(),
        quoted,
        comment: a.comment.clone(),
        proposed,
        source: source.to_string(),
    };
    s.id = stable_id(&s, &a.place.part);
    s
}

/// The label printed before a paragraph's text in the DOCX, if it has one.
fn printed_label(doc: &Document, kind: AnchorKind, id: &str) -> Option<String> {
    if kind == AnchorKind::Note {
        return doc.footnotes.iter().find(|n| n.id == id).map(|n| n.marker.clone());
    }
    fn find(blocks: &[Block], id: &str) -> Option<Option<String>> {
        for block in blocks {
            match block {
                Block::Division(d) if d.id == id => return Some(d.num.clone()),
                Block::Division(d) => {
                    if let Some(found) = find(&d.children, id) {
                        return Some(found);
                    }
                }
                Block::Paragraph(p) if p.id == id => return Some(p.num.clone()),
                Block::Paragraph(p) => {
                    if let Some(found) = find_item(&p.items, id) {
                        return Some(Some(found));
                    }
                }
                _ => {}
            }
        }
        None
    }
    fn find_item(items: &[Item], id: &str) -> Option<String> {
        items.iter().find_map(|i| if i.id == id { Some(i.label.clone()) } else { find_item(&i.items, id) })
    }
    find(&doc.body, id).flatten()
}

/// `text` without a leading `label` and the tab or break after it.
fn strip_label(text: &str, label: Option<String>) -> String {
    match label {
        Some(label) if !label.is_empty() => match text.strip_prefix(label.as_str()) {
            Some(rest) => rest.trim_start_matches(['\t', '\n', ' ']).to_string(),
            None => text.to_string(),
        },
        _ => text.to_string(),
    }
}

/// `c-` or `t-` and 12 hex digits of a 64-bit FNV-1a hash of the suggestion's content.
fn stable_id(s: &Suggestion, part: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let fields = [
        format!("{:?}", s.kind),
        s.author.clone(),
        s.date.clone(),
        part.to_string(),
        s.bookmark.clone().unwrap_or_default(),
        s.quoted.clone(),
        s.comment.clone().unwrap_or_default(),
        s.proposed.clone().unwrap_or_default(),
    ];
    for f in &fields {
        for b in f.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    let prefix = if s.kind == Kind::Comment { "c" } else { "t" };
    format!("{prefix}-{:012x}", h >> 16)
}

/// The folder of a session's suggestions.
pub fn folder(session: &Path) -> PathBuf {
    session.join("review")
}

/// The file of one suggestion.
pub fn file(session: &Path, id: &str) -> PathBuf {
    folder(session).join(format!("{id}.yaml"))
}

/// A suggestion as YAML: fields in a fixed order, strings double-quoted with escapes, so the
/// bytes depend on the content alone.
pub fn to_yaml(s: &Suggestion) -> String {
    let mut out = String::from(
        "# A review suggestion (rapporteur review import); decide with `rapporteur review accept|reject`.\n",
    );
    let mut line = |key: &str, value: String| {
        out.push_str(key);
        out.push_str(": ");
        out.push_str(&value);
        out.push('\n');
    };
    let opt = |v: &Option<String>| v.as_deref().map_or("null".to_string(), quote);
    line("id", quote(&s.id));
    line("kind", enum_name(&s.kind));
    line("status", enum_name(&s.status));
    line("author", quote(&s.author));
    line("date", quote(&s.date));
    line("paragraph", opt(&s.paragraph));
    line("target", opt(&s.target));
    line("anchor", enum_name(&s.anchor));
    line("bookmark", opt(&s.bookmark));
    line("quoted", quote(&s.quoted));
    line("comment", opt(&s.comment));
    line("proposed", opt(&s.proposed));
    line("source", quote(&s.source));
    out
}

fn enum_name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// A YAML double-quoted scalar.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Reads one suggestion file.
pub fn from_yaml(text: &str) -> Result<Suggestion, String> {
    serde_saphyr::from_str(text).map_err(|e| e.to_string().lines().next().unwrap_or_default().to_string())
}

/// Every suggestion of a session, sorted by id; unreadable files are reported, not skipped
/// silently.
pub fn read_all(session: &Path) -> (Vec<Suggestion>, Vec<String>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(folder(session)) else { return (found, problems) };
    let mut paths: Vec<PathBuf> =
        entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "yaml")).collect();
    paths.sort();
    for path in paths {
        match std::fs::read_to_string(&path).map_err(|e| e.to_string()).and_then(|t| from_yaml(&t)) {
            Ok(s) => found.push(s),
            Err(e) => problems.push(format!("{}: {e}", path.display())),
        }
    }
    (found, problems)
}

/// The plain text of inlines as the DOCX shows it (footnote marks left out).
pub fn plain(inlines: &[Inline]) -> String {
    crate::document::plain_text(inlines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Suggestion {
        Suggestion {
            id: "c-0123456789ab".into(),
            kind: Kind::Comment,
            status: Status::Open,
            author: "Poland \"PL\"".into(),
            date: "2009-04-19T09:00:00Z".into(),
            paragraph: Some("opening".into()),
            target: None,
            anchor: Anchoring::Bookmark,
            bookmark: Some("_p_opening".into()),
            quoted: "a\\b\nc\td: e # f".into(),
            comment: Some("yes: no".into()),
            proposed: None,
            source: "reviewed.docx".into(),
        }
    }

    #[test]
    fn yaml_round_trip() {
        let s = sample();
        let text = to_yaml(&s);
        assert_eq!(from_yaml(&text).unwrap(), s, "{text}");
        assert_eq!(to_yaml(&from_yaml(&text).unwrap()), text);
    }

    #[test]
    fn labels_are_stripped() {
        assert_eq!(strip_label("12.\tThe text", Some("12.".into())), "The text");
        assert_eq!(strip_label("The text", Some("12.".into())), "The text");
        assert_eq!(strip_label("(a)\tItem", Some("(a)".into())), "Item");
    }
}
