//! The word-level diff of two runs of inline content (`similar`, patience algorithm).
//!
//! Each run is cut into atoms: a word with the white space after it, carrying the formatting
//! it stands in (italic, bold), or an indivisible piece — a footnote citation, a
//! cross-reference, a named entity. Atoms compare by what they mean, not by how they print:
//! a footnote citation by its footnote's id (its marker "3" may have become "4"), a
//! cross-reference by its target (its wording "paragraph 12" may have become "paragraph 13").
//! So renumbering never shows as a change of the text.

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::document::Inline;

/// What one atom is wrapped in, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Wrap {
    Emph,
    Strong,
    /// A draft's `[…]` (so that brackets taken off agreed text show as a change of wrapping).
    Bracketed,
}

#[derive(Debug, Clone)]
struct Atom {
    /// What equality means for this atom.
    key: String,
    wraps: Vec<Wrap>,
    /// The leaf: a `Text` (one word and its trailing space) or an indivisible inline.
    leaf: Inline,
}

impl PartialEq for Atom {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl Eq for Atom {}
impl std::hash::Hash for Atom {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}
impl PartialOrd for Atom {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Atom {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key.cmp(&other.key)
    }
}

fn atoms(inlines: &[Inline], wraps: &mut Vec<Wrap>, out: &mut Vec<Atom>) {
    let tag = |wraps: &[Wrap]| {
        wraps
            .iter()
            .map(|w| match w {
                Wrap::Emph => 'i',
                Wrap::Strong => 'b',
                Wrap::Bracketed => 'k',
            })
            .collect::<String>()
    };
    for inline in inlines {
        match inline {
            Inline::Text { text } => {
                for word in words(text) {
                    out.push(Atom {
                        key: format!("t{}:{word}", tag(wraps)),
                        wraps: wraps.clone(),
                        leaf: Inline::text(word),
                    });
                }
            }
            Inline::Emph { content } | Inline::Strong { content } | Inline::Bracketed { content } => {
                wraps.push(match inline {
                    Inline::Emph { .. } => Wrap::Emph,
                    Inline::Strong { .. } => Wrap::Strong,
                    _ => Wrap::Bracketed,
                });
                atoms(content, wraps, out);
                wraps.pop();
            }
            Inline::NoteRef { id, .. } => {
                out.push(Atom { key: format!("n:{id}"), wraps: wraps.clone(), leaf: inline.clone() })
            }
            Inline::Ref { target, .. } => {
                out.push(Atom { key: format!("r:{target}"), wraps: wraps.clone(), leaf: inline.clone() })
            }
            Inline::Entity { refers_to, content } => out.push(Atom {
                key: format!("e:{refers_to}:{}", crate::document::plain_text(content)),
                wraps: wraps.clone(),
                leaf: inline.clone(),
            }),
            // Marks of an earlier diff: compare the text they stand for.
            Inline::Inserted { content } => atoms(content, wraps, out),
            Inline::Deleted { .. } => {}
        }
    }
}

/// `text` cut into words, runs of white space and punctuation marks: "prepare, in" →
/// "prepare", ",", " ", "in". (Letters, digits and the marks inside words — hyphens,
/// apostrophes, slashes, dots of "WG.4" — make words.)
fn words(text: &str) -> Vec<&str> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Space,
        Word,
        Mark,
    }
    let class = |c: char| {
        if c.is_whitespace() {
            Class::Space
        } else if matches!(c, ',' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '"' | '“' | '”' | '‘' | '—' | '–')
        {
            Class::Mark
        } else {
            Class::Word
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut current: Option<Class> = None;
    for (i, c) in text.char_indices() {
        let k = class(c);
        // A full stop ends a word unless a letter or digit follows ("WG.4", "9.").
        let k = if c == '.' && !text[i + 1..].starts_with(|n: char| n.is_alphanumeric()) { Class::Mark } else { k };
        if current.is_some() && (current != Some(k) || k == Class::Mark) {
            out.push(&text[start..i]);
            start = i;
        }
        current = Some(k);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn is_space(atom: &Atom) -> bool {
    matches!(&atom.leaf, Inline::Text { text } if text.chars().all(char::is_whitespace))
}

/// The new text with the changes from `old` marked (`Inline::Inserted`, `Inline::Deleted`), and
/// whether there were any. Between two changes, a space that both texts share is taken into
/// the change, so that a reworded phrase reads as one deletion and one insertion.
pub fn diff(old: &[Inline], new: &[Inline]) -> (Vec<Inline>, bool) {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    atoms(old, &mut Vec::new(), &mut a);
    atoms(new, &mut Vec::new(), &mut b);
    // (kind, old atoms, new atoms): kind 0 equal, 1 changed.
    let mut segments: Vec<(bool, Vec<Atom>, Vec<Atom>)> = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, &a, &b) {
        match op {
            DiffOp::Equal { old_index, new_index, len } => {
                segments.push((false, a[old_index..old_index + len].to_vec(), b[new_index..new_index + len].to_vec()))
            }
            DiffOp::Delete { old_index, old_len, .. } => {
                segments.push((true, a[old_index..old_index + old_len].to_vec(), vec![]))
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                segments.push((true, vec![], b[new_index..new_index + new_len].to_vec()))
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => segments.push((
                true,
                a[old_index..old_index + old_len].to_vec(),
                b[new_index..new_index + new_len].to_vec(),
            )),
        }
    }
    let n = segments.len();
    for i in 1..n.saturating_sub(1) {
        if !segments[i].0 && segments[i - 1].0 && segments[i + 1].0 && segments[i].2.iter().all(is_space) {
            segments[i].0 = true;
        }
    }
    let changed = segments.iter().any(|s| s.0);
    let mut out = Vec::new();
    let (mut deleted, mut inserted): (Vec<Atom>, Vec<Atom>) = (Vec::new(), Vec::new());
    let flush = |out: &mut Vec<Inline>, deleted: &mut Vec<Atom>, inserted: &mut Vec<Atom>| {
        if !deleted.is_empty() {
            out.push(Inline::Deleted { content: build(&std::mem::take(deleted)) });
        }
        if !inserted.is_empty() {
            out.push(Inline::Inserted { content: build(&std::mem::take(inserted)) });
        }
    };
    for (is_change, old_atoms, new_atoms) in segments {
        if is_change {
            deleted.extend(old_atoms);
            inserted.extend(new_atoms);
        } else {
            flush(&mut out, &mut deleted, &mut inserted);
            out.extend(build(&new_atoms));
        }
    }
    flush(&mut out, &mut deleted, &mut inserted);
    (merge(out), changed)
}

/// Inline content from atoms: each leaf in its wrappers, neighbours merged.
fn build(atoms: &[Atom]) -> Vec<Inline> {
    let mut out = Vec::new();
    for atom in atoms {
        let mut inline = atom.leaf.clone();
        for wrap in atom.wraps.iter().rev() {
            inline = match wrap {
                Wrap::Emph => Inline::Emph { content: vec![inline] },
                Wrap::Strong => Inline::Strong { content: vec![inline] },
                Wrap::Bracketed => Inline::Bracketed { content: vec![inline] },
            };
        }
        out.push(inline);
    }
    merge(out)
}

/// Joins neighbouring texts, and neighbouring inlines of the same kind of wrapper.
pub fn merge(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for inline in inlines {
        match (out.last_mut(), inline) {
            (Some(Inline::Text { text: a }), Inline::Text { text: b }) => a.push_str(&b),
            (Some(Inline::Emph { content: a }), Inline::Emph { content: b })
            | (Some(Inline::Strong { content: a }), Inline::Strong { content: b })
            | (Some(Inline::Bracketed { content: a }), Inline::Bracketed { content: b })
            | (Some(Inline::Inserted { content: a }), Inline::Inserted { content: b })
            | (Some(Inline::Deleted { content: a }), Inline::Deleted { content: b }) => {
                let joined = merge(std::mem::take(a).into_iter().chain(b).collect());
                *a = joined;
            }
            (_, inline) => out.push(inline),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::text(s)
    }

    #[test]
    fn words_spaces_and_marks() {
        assert_eq!(
            words("prepare, in  WG.4 front-line."),
            vec!["prepare", ",", " ", "in", "  ", "WG.4", " ", "front-line", "."]
        );
        assert_eq!(words(" a"), vec![" ", "a"]);
    }

    #[test]
    fn a_reworded_phrase_is_deleted_and_inserted() {
        let (marked, changed) = diff(&[t("States should adopt measures.")], &[t("States should consider measures.")]);
        assert!(changed);
        assert_eq!(
            marked,
            vec![
                t("States should "),
                Inline::Deleted { content: vec![t("adopt")] },
                Inline::Inserted { content: vec![t("consider")] },
                t(" measures."),
            ]
        );
    }

    #[test]
    fn a_reworded_phrase_is_one_change_and_an_insertion_keeps_its_punctuation() {
        let (marked, _) = diff(&[t("the quick brown fox")], &[t("the slow red fox")]);
        assert_eq!(
            marked,
            vec![
                t("the "),
                Inline::Deleted { content: vec![t("quick brown")] },
                Inline::Inserted { content: vec![t("slow red")] },
                t(" fox"),
            ]
        );
        let (marked, _) = diff(&[t("should prepare, in")], &[t("should prepare and publish, in")]);
        assert_eq!(marked, vec![t("should prepare"), Inline::Inserted { content: vec![t(" and publish")] }, t(", in")]);
    }

    #[test]
    fn renumbered_references_and_markers_are_not_changes() {
        let old = [
            t("See "),
            Inline::Ref { target: "p".into(), content: vec![t("paragraph 12")] },
            Inline::NoteRef { id: "n".into(), marker: "3".into() },
        ];
        let new = [
            t("See "),
            Inline::Ref { target: "p".into(), content: vec![t("paragraph 13")] },
            Inline::NoteRef { id: "n".into(), marker: "4".into() },
        ];
        let (marked, changed) = diff(&old, &new);
        assert!(!changed);
        assert_eq!(marked, new.to_vec());
    }

    #[test]
    fn formatting_is_kept_around_changes() {
        let old = [Inline::Emph { content: vec![t("Treaty Series")] }];
        let new = [Inline::Emph { content: vec![t("Treaty Collection")] }];
        let (marked, _) = diff(&old, &new);
        assert_eq!(
            marked,
            vec![
                Inline::Emph { content: vec![t("Treaty ")] },
                Inline::Deleted { content: vec![Inline::Emph { content: vec![t("Series")] }] },
                Inline::Inserted { content: vec![Inline::Emph { content: vec![t("Collection")] }] },
            ]
        );
    }
}
