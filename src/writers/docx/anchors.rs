//! Hidden bookmarks that tie every paragraph of a DOCX we write to its stable id, so that
//! comments and tracked changes made in Word or LibreOffice can be brought back into the data
//! (`crate::review`) by id — never by position or printed number.
//!
//! Each heading, paragraph, sub-item and footnote paragraph is enclosed in a bookmark
//! (`w:bookmarkStart` right after the paragraph properties, `w:bookmarkEnd` last). Names starting
//! with `_` are hidden in Word's bookmark list; Word allows letters, digits and `_` and at most
//! 40 characters. So a name is either
//! - `_p_` + the id with `-` written as `_`, for ids made of letters, digits and `-` that fit
//!   (reversible from the name alone: the common case, `_p_recommendations_adopted`), or
//! - `_q_` + the id's first characters (others as `_`) + `_` + a 32-bit FNV-1a hash of the id
//!   in hex: reversed by computing the names of the ids of the session being reviewed.
//!
//! Footnotes live in their own namespace (`_n_` / `_m_`), since a footnote may share an id with
//! a paragraph. Bookmark ids are counted in writing order after the table-of-contents bookmarks,
//! so the same `Document` always gives the same names and ids.

use std::collections::BTreeSet;

use docx_rs::{BookmarkEnd, BookmarkStart, Paragraph, ParagraphChild};

/// Word's limit on bookmark names.
pub const MAX_NAME: usize = 40;

/// What a bookmark encloses: the body (headings, paragraphs, sub-items) or a footnote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AnchorKind {
    Body,
    Note,
}

impl AnchorKind {
    /// The prefixes of a reversible and of a hashed name.
    fn prefixes(self) -> (&'static str, &'static str) {
        match self {
            AnchorKind::Body => ("_p_", "_q_"),
            AnchorKind::Note => ("_n_", "_m_"),
        }
    }
}

/// What a bookmark name says about the id it encloses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    /// The name spells the id.
    Id(AnchorKind, String),
    /// A hashed name: compare with `bookmark_name` of the candidate ids.
    Hashed(AnchorKind),
}

/// The bookmark name for `id` (see the module documentation).
pub fn bookmark_name(kind: AnchorKind, id: &str) -> String {
    let (plain, hashed) = kind.prefixes();
    let spellable = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if spellable && plain.len() + id.len() <= MAX_NAME {
        return format!("{plain}{}", id.replace('-', "_"));
    }
    let keep = MAX_NAME - hashed.len() - 1 - 8;
    let head: String = id.chars().take(keep).map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    format!("{hashed}{head}_{:08x}", fnv1a32(id))
}

/// Reads a name written by `bookmark_name`; `None` for any other bookmark.
pub fn decode(name: &str) -> Option<Decoded> {
    for kind in [AnchorKind::Body, AnchorKind::Note] {
        let (plain, hashed) = kind.prefixes();
        if let Some(rest) = name.strip_prefix(plain)
            && !rest.is_empty()
            && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Some(Decoded::Id(kind, rest.replace('_', "-")));
        }
        if name.starts_with(hashed) {
            return Some(Decoded::Hashed(kind));
        }
    }
    None
}

/// 32-bit FNV-1a: a fixed, dependency-free hash (names must not change between builds).
pub fn fnv1a32(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Hands out bookmark ids and names while the document is built.
pub struct Anchors {
    next_id: usize,
    used: BTreeSet<String>,
}

impl Anchors {
    /// Bookmark ids start after `taken` (the table-of-contents bookmarks use 1..=taken).
    pub fn new(taken: usize) -> Anchors {
        Anchors { next_id: taken + 1, used: BTreeSet::new() }
    }

    /// Encloses the content of `p` in the bookmark of `id`. A name already given (two things
    /// sharing an id, which `check` reports) is not repeated: the first keeps it.
    pub fn wrap(&mut self, mut p: Paragraph, kind: AnchorKind, id: &str) -> Paragraph {
        let name = bookmark_name(kind, id);
        if !self.used.insert(name.clone()) {
            return p;
        }
        let n = self.next_id;
        self.next_id += 1;
        p.children.insert(0, ParagraphChild::BookmarkStart(BookmarkStart::new(n, name)));
        p.children.push(ParagraphChild::BookmarkEnd(BookmarkEnd::new(n)));
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids_are_spelled_and_read_back() {
        let name = bookmark_name(AnchorKind::Body, "recommendations-adopted");
        assert_eq!(name, "_p_recommendations_adopted");
        assert_eq!(decode(&name), Some(Decoded::Id(AnchorKind::Body, "recommendations-adopted".into())));
        assert_eq!(
            decode(&bookmark_name(AnchorKind::Note, "unts")),
            Some(Decoded::Id(AnchorKind::Note, "unts".into()))
        );
    }

    #[test]
    fn long_or_odd_ids_are_hashed_within_word_limits() {
        for id in ["a-very-long-paragraph-identifier-that-goes-on-and-on", "with_underscore", "dotted.id"] {
            let name = bookmark_name(AnchorKind::Body, id);
            assert!(name.len() <= MAX_NAME, "{name}");
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'), "{name}");
            assert_eq!(decode(&name), Some(Decoded::Hashed(AnchorKind::Body)));
            assert_eq!(name, bookmark_name(AnchorKind::Body, id), "deterministic");
        }
        assert_ne!(bookmark_name(AnchorKind::Body, "a_b"), bookmark_name(AnchorKind::Body, "a.b"));
        assert_eq!(decode("_GoBack"), None);
        assert_eq!(decode("rp1"), None);
    }
}
