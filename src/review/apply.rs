//! Applying an accepted text change to the session data: the paragraph's text is found by its
//! id (the assembler's id → data path map), the words that changed are located in the
//! paragraph's markup (so footnote marks, emphasis and cross-references elsewhere in it stay),
//! and only that scalar of the YAML source is rewritten — every other byte of the file,
//! comments and layout included, stays as it was.
//!
//! Safety: the edited file is parsed again and must hold exactly the new text at that path;
//! the caller then loads and builds the whole session before keeping the edit.

use saphyr_parser::{Event, Parser, ScalarStyle};

/// A scalar of a YAML file: its value, style and byte range in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar {
    pub value: String,
    pub style: ScalarStyle,
    pub start: usize,
    pub end: usize,
}

/// What stands at a data path: a scalar, a mapping (with its keys) or a sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Scalar(Scalar),
    Mapping(Vec<String>),
    Sequence,
}

enum Frame {
    Seq { path: String, next: usize },
    Map { path: String, key: Option<String>, keys: Vec<String> },
}

/// The node at `path` (`chapters[0].sections[1].paragraphs[2].text`) in `source`.
pub fn find(source: &str, path: &str) -> Option<Node> {
    // Char index → byte offset (saphyr counts characters).
    let offsets: Vec<usize> = source.char_indices().map(|(i, _)| i).chain([source.len()]).collect();
    let byte = |i: usize| offsets.get(i).copied().unwrap_or(source.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut target_is_container: Option<bool> = None;
    for result in Parser::new_from_str(source) {
        let Ok((event, span)) = result else { return None };
        let value_path = |stack: &mut Vec<Frame>, scalar: Option<&str>| -> Option<String> {
            match stack.last_mut() {
                None => Some(String::new()),
                Some(Frame::Seq { path, next }) => {
                    let p = format!("{path}[{next}]");
                    *next += 1;
                    Some(p)
                }
                Some(Frame::Map { path, key, keys }) => match key.take() {
                    Some(k) => Some(if path.is_empty() { k } else { format!("{path}.{k}") }),
                    None => {
                        let k = scalar.unwrap_or_default().to_string();
                        keys.push(k.clone());
                        *key = Some(k);
                        None
                    }
                },
            }
        };
        match event {
            Event::Scalar(value, style, ..) => {
                let here = value_path(&mut stack, Some(&value));
                if here.as_deref() == Some(path) {
                    let mut start = byte(span.start.index());
                    let end = match style {
                        ScalarStyle::Literal | ScalarStyle::Folded => {
                            // The span may begin at the content: the value starts at its indicator.
                            start = source[..(start + 1).min(source.len())].rfind(['>', '|']).unwrap_or(start);
                            block_end(source, start)
                        }
                        _ => byte(span.end.index()),
                    };
                    return Some(Node::Scalar(Scalar { value: value.into_owned(), style, start, end }));
                }
            }
            Event::Alias(_) => {
                let here = value_path(&mut stack, None);
                if here.as_deref() == Some(path) {
                    return None;
                }
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                let p = value_path(&mut stack, None).unwrap_or_default();
                let seq = matches!(event, Event::SequenceStart(..));
                if p == path {
                    target_is_container = Some(seq);
                }
                stack.push(if seq {
                    Frame::Seq { path: p, next: 0 }
                } else {
                    Frame::Map { path: p, key: None, keys: Vec::new() }
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let done = stack.pop();
                match (done, target_is_container) {
                    (Some(Frame::Map { path: p, keys, .. }), Some(false)) if p == path => {
                        return Some(Node::Mapping(keys));
                    }
                    (Some(Frame::Seq { path: p, .. }), Some(true)) if p == path => return Some(Node::Sequence),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    None
}

/// The end of a block scalar whose indicator (`>-`, `|`) is at `start`: the end of its last
/// non-blank content line.
fn block_end(source: &str, start: usize) -> usize {
    let line_end = source[start..].find('\n').map_or(source.len(), |i| start + i);
    let mut end = line_end;
    let mut indent: Option<usize> = None;
    let mut at = line_end;
    while at < source.len() {
        let next = at + 1;
        let stop = source[next..].find('\n').map_or(source.len(), |i| next + i);
        let line = &source[next..stop];
        if line.trim().is_empty() {
            at = stop;
            continue;
        }
        let this = line.len() - line.trim_start_matches(' ').len();
        let content_indent = *indent.get_or_insert(this);
        if this < content_indent || content_indent == 0 {
            break;
        }
        end = stop;
        at = stop;
    }
    end
}

/// The indentation of the first content line of a block scalar at `start`.
fn block_indent(source: &str, start: usize) -> Option<usize> {
    let first = start + source[start..].find('\n')? + 1;
    source[first..].lines().find(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start_matches(' ').len())
}

/// `value` written where `old` stood: a folded block (`>-`) at the same indentation when the
/// old one was a block and the text folds cleanly, otherwise a double-quoted scalar.
pub fn render_scalar(source: &str, old: &Scalar, value: &str) -> String {
    let foldable = !value.is_empty()
        && !value.contains(['\n', '\t', '\r'])
        && !value.contains("  ")
        && !value.starts_with(' ')
        && !value.ends_with(' ')
        && value.chars().all(|c| !c.is_control());
    if matches!(old.style, ScalarStyle::Folded | ScalarStyle::Literal)
        && foldable
        && let Some(indent) = block_indent(source, old.start)
    {
        let pad = " ".repeat(indent);
        let width = 100usize.saturating_sub(indent).max(40);
        let mut out = String::from(">-");
        let mut line = String::new();
        for word in value.split(' ') {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                out.push('\n');
                out.push_str(&pad);
                out.push_str(&line);
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push('\n');
        out.push_str(&pad);
        out.push_str(&line);
        return out;
    }
    super::suggestions::quote(value)
}

/// The source with the scalar at `path` replaced by `value`; checked by parsing it again.
pub fn replace_scalar(source: &str, path: &str, value: &str) -> Result<String, String> {
    let Some(Node::Scalar(old)) = find(source, path) else {
        return Err(format!("no text at `{path}`"));
    };
    let mut out = String::with_capacity(source.len() + value.len());
    out.push_str(&source[..old.start]);
    out.push_str(&render_scalar(source, &old, value));
    out.push_str(&source[old.end..]);
    match find(&out, path) {
        Some(Node::Scalar(new)) if new.value == value => Ok(out),
        _ => Err(format!("rewriting `{path}` would not give the proposed text back; the file was left as it was")),
    }
}

/// Words and the spaces between them, as the diff sees them.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut space = None;
    for (i, c) in s.char_indices() {
        let is_space = c.is_whitespace();
        if space.is_some_and(|sp| sp != is_space) {
            out.push(&s[start..i]);
            start = i;
        }
        space = Some(is_space);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// The changed stretches between `old` and `new`: (old token range, new token range).
fn hunks(old: &[&str], new: &[&str]) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    // Common prefix and suffix first, then an LCS over the middle (bounded: paragraphs are short;
    // beyond the bound the whole middle is one change).
    let mut pre = 0;
    while pre < old.len() && pre < new.len() && old[pre] == new[pre] {
        pre += 1;
    }
    let mut suf = 0;
    while suf < old.len() - pre && suf < new.len() - pre && old[old.len() - 1 - suf] == new[new.len() - 1 - suf] {
        suf += 1;
    }
    let (a, b) = (&old[pre..old.len() - suf], &new[pre..new.len() - suf]);
    if a.is_empty() && b.is_empty() {
        return Vec::new();
    }
    if a.len() * b.len() > 4_000_000 {
        return vec![(pre..pre + a.len(), pre..pre + b.len())];
    }
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            if let Some((oi, oj)) = open.take() {
                out.push((pre + oi..pre + i, pre + oj..pre + j));
            }
            i += 1;
            j += 1;
        } else {
            open.get_or_insert((i, j));
            if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
                j += 1;
            } else {
                i += 1;
            }
        }
    }
    if let Some((oi, oj)) = open {
        out.push((pre + oi..pre + a.len(), pre + oj..pre + b.len()));
    }
    out
}

/// Applies the change `quoted` → `proposed` (plain text as the DOCX showed it) to `markup`, the
/// paragraph's text in the data. Each changed stretch is found in the markup with as much
/// surrounding text as makes it unique; a stretch that cannot be found (it crosses emphasis, a
/// footnote mark or a cross-reference) is an error naming it.
pub fn apply_change(markup: &str, quoted: &str, proposed: &str) -> Result<String, String> {
    let old = tokens(quoted);
    let new = tokens(proposed);
    let mut text = markup.to_string();
    let changes = hunks(&old, &new);
    if changes.is_empty() {
        return Err("the proposed text is the same as the quoted text".into());
    }
    for (o, n) in changes {
        let mut done = false;
        for context in 0..=8usize {
            let left = o.start.saturating_sub(context);
            let right = (o.end + context).min(old.len());
            let needle: String = old[left..right].concat();
            if needle.is_empty() || (context == 0 && o.is_empty()) {
                continue;
            }
            let hits = text.match_indices(&needle).count();
            if hits == 0 {
                break;
            }
            if hits > 1 {
                if left == 0 && right == old.len() {
                    break;
                }
                continue;
            }
            let replacement: String =
                [old[left..o.start].concat(), new[n.clone()].concat(), old[o.end..right].concat()].concat();
            text = text.replacen(&needle, &replacement, 1);
            done = true;
            break;
        }
        if !done {
            let was: String = old[o.clone()].concat();
            let now: String = new[n].concat();
            return Err(format!(
                "cannot find where “{was}” → “{now}” goes in the paragraph's text (it may cross a footnote mark, emphasis or a cross-reference)"
            ));
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_changes_keep_the_markup_around_them() {
        let markup = "The *Protocol*[^unts] was opened by the Chair on {para:x}.";
        let got = apply_change(
            markup,
            "The Protocol1 was opened by the Chair on paragraph 3.",
            "The Protocol1 was declared open by the Chair on paragraph 3.",
        )
        .unwrap();
        assert_eq!(got, "The *Protocol*[^unts] was declared open by the Chair on {para:x}.");
        // An insertion with no deleted words is placed by its neighbours.
        let got = apply_change("a b c", "a b c", "a b new c").unwrap();
        assert_eq!(got, "a b new c");
        assert_eq!(apply_change("*a b*", "a b", "a c").unwrap(), "*a c*");
        // A change across emphasis cannot be placed: an error, not a guess.
        assert!(apply_change("a *b* c", "a b c", "z c").is_err());
    }

    #[test]
    fn repeated_words_are_placed_by_context() {
        let got = apply_change("the cat and the dog", "the cat and the dog", "the cat and a dog").unwrap();
        assert_eq!(got, "the cat and a dog");
    }

    const SRC: &str = "# a comment\nchapters:\n  - id: one\n    paragraphs:\n      # note\n      - id: p1\n        text: >-\n          The session was\n          opened by the Chair.\n\n      - Plain text here.\n      - id: p3\n        text: \"quoted: yes\"\n    after: 1 # keep\n";

    #[test]
    fn finds_scalars_and_mappings() {
        let Some(Node::Scalar(s)) = find(SRC, "chapters[0].paragraphs[0].text") else { panic!() };
        assert_eq!(s.value, "The session was opened by the Chair.");
        assert!(SRC[s.start..s.end].starts_with(">-") && SRC[s.start..s.end].ends_with("Chair."));
        assert_eq!(find(SRC, "chapters[0].paragraphs[0]"), Some(Node::Mapping(vec!["id".into(), "text".into()])));
        let Some(Node::Scalar(s)) = find(SRC, "chapters[0].paragraphs[1]") else { panic!() };
        assert_eq!(&SRC[s.start..s.end], "Plain text here.");
        let Some(Node::Scalar(s)) = find(SRC, "chapters[0].paragraphs[2].text") else { panic!() };
        assert_eq!(&SRC[s.start..s.end], "\"quoted: yes\"");
    }

    #[test]
    fn replacing_touches_only_that_scalar() {
        let out = replace_scalar(SRC, "chapters[0].paragraphs[0].text", "The session was declared open by the Chair.")
            .unwrap();
        assert_eq!(
            out,
            SRC.replace("opened by the Chair.", "declared open by the Chair.")
                .replace("The session was\n          declared", "The session was declared")
        );
        let out = replace_scalar(SRC, "chapters[0].paragraphs[1]", "Plain: text # here").unwrap();
        assert!(out.contains("      - \"Plain: text # here\"\n"));
        assert!(out.starts_with("# a comment\n") && out.ends_with("    after: 1 # keep\n"));
        let out = replace_scalar(SRC, "chapters[0].paragraphs[2].text", "x").unwrap();
        assert!(out.contains("text: \"x\"\n    after"));
    }
}
