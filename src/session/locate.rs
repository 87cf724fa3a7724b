//! Maps data paths (`attendance.states_parties[3]`, `chapters[0].sections[2].title`) to the line
//! and column where that value stands in the YAML source — and, inside a text, where one of
//! its characters stands.
//!
//! serde gives us typed data without positions; the checks need positions to point at the
//! offending name or text. Rather than wrapping every field in a span type, we read the same
//! source once more as a YAML event stream and record where every key, mapping value and
//! sequence element starts. The checks then ask by path.
//!
//! Markup errors are found at a character offset into a scalar's *value*, which is not the
//! source: a folded (`>-`) or literal (`|`) block drops its indentation and folds its lines, a
//! quoted scalar has escapes. `Locator::find_in` walks the source of that scalar alongside its
//! value to find the character's own line and column.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

/// Where each value of one YAML file starts: path → (line, column), both counted from 1.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    positions: HashMap<String, (usize, usize)>,
    /// Every scalar value, by path, with what is needed to find its characters.
    scalars: HashMap<String, ScalarAt>,
    /// Every key and value in document order: (line, column) → its path, for naming the place
    /// of a position that serde reports.
    nodes: Vec<((usize, usize), String)>,
    /// The source, to walk a scalar's characters.
    source: String,
}

/// Where a scalar's source begins, and what it reads as.
#[derive(Debug, Clone)]
struct ScalarAt {
    /// Character index, line (from 1) and column (from 1) of its first source character (the
    /// opening quote, or the text itself — for a block scalar, its first line of text).
    index: usize,
    line: usize,
    column: usize,
    style: ScalarStyle,
    value: String,
}

/// One open container while walking the event stream.
enum Frame {
    /// A sequence and the index of its next element.
    Seq { path: String, next: usize },
    /// A mapping; `key` is the key whose value comes next (None: a key comes next).
    Map { path: String, key: Option<String> },
}

impl Locator {
    /// Walks the YAML source. A source that does not parse gives the positions up to the error
    /// (serde reports the syntax error with its own position).
    pub fn new(source: &str) -> Locator {
        let mut loc = Locator { source: source.to_string(), ..Locator::default() };
        let mut stack: Vec<Frame> = Vec::new();
        for result in Parser::new_from_str(source) {
            let Ok((event, span)) = result else { break };
            let at = (span.start.line(), span.start.col() + 1);
            match event {
                Event::Scalar(value, style, ..) => {
                    // For a quoted scalar, point at its first character, not at the quote.
                    let quoted = matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted);
                    let shown = (at.0, at.1 + usize::from(quoted));
                    match value_path(&mut stack, Some(&value)) {
                        Some(path) => {
                            loc.nodes.push((shown, path.clone()));
                            loc.scalars.entry(path.clone()).or_insert(ScalarAt {
                                index: span.start.index(),
                                line: at.0,
                                column: at.1,
                                style,
                                value: value.into_owned(),
                            });
                            loc.positions.entry(path).or_insert(shown);
                        }
                        None => {
                            // A key: its position names the value that follows.
                            if let Some(path) = pending_key_path(&stack) {
                                loc.nodes.push((shown, path));
                            }
                        }
                    }
                }
                Event::Alias(_) => {
                    if let Some(path) = value_path(&mut stack, None) {
                        loc.nodes.push((at, path.clone()));
                        loc.positions.entry(path).or_insert(at);
                    }
                }
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    let path = value_path(&mut stack, None).unwrap_or_default();
                    loc.nodes.push((at, path.clone()));
                    loc.positions.entry(path.clone()).or_insert(at);
                    stack.push(if matches!(event, Event::SequenceStart(..)) {
                        Frame::Seq { path, next: 0 }
                    } else {
                        Frame::Map { path, key: None }
                    });
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        loc
    }

    /// The line and column of the value at `path`, or of its nearest located ancestor.
    pub fn find(&self, path: &str) -> Option<(usize, usize)> {
        let mut path = path;
        loop {
            if let Some(pos) = self.positions.get(path) {
                return Some(*pos);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }

    /// The line and column of the value at exactly `path`.
    pub fn find_exact(&self, path: &str) -> Option<(usize, usize)> {
        self.positions.get(path).copied()
    }

    /// The line and column of the character at `offset` (counted in characters) of the text at
    /// `path` — or of its nearest located ancestor when that is a text (a paragraph written as
    /// a plain string is located at `paragraphs[2]`, and its text asked for as
    /// `paragraphs[2].text`).
    pub fn find_in(&self, path: &str, offset: usize) -> Option<(usize, usize)> {
        let mut p = path;
        loop {
            if let Some(scalar) = self.scalars.get(p) {
                return Some(self.walk(scalar, offset));
            }
            if self.positions.contains_key(p) {
                return self.find(p);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }

    /// Every scalar value with its path, in no particular order.
    pub fn scalars(&self) -> impl Iterator<Item = (&str, &str)> {
        self.scalars.iter().map(|(path, s)| (path.as_str(), s.value.as_str()))
    }

    /// The text of the scalar at exactly `path`.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.scalars.get(path).map(|s| s.value.as_str())
    }

    /// The path of the key or value that starts at, or last before, a position.
    pub fn path_at(&self, line: usize, column: usize) -> Option<&str> {
        self.nodes.iter().rev().find(|(pos, _)| *pos <= (line, column)).map(|(_, path)| path.as_str())
    }

    /// Walks a scalar's source alongside its value up to the value's character `offset`.
    fn walk(&self, s: &ScalarAt, offset: usize) -> (usize, usize) {
        let mut src = self.source.chars().skip(s.index).peekable();
        let (mut line, mut column) = (s.line, s.column);
        fn step(c: char, line: &mut usize, column: &mut usize) {
            if c == '\n' {
                *line += 1;
                *column = 1;
            } else {
                *column += 1;
            }
        }
        // Past the opening quote (a block scalar's span starts at its first line of text).
        if matches!(s.style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted)
            && let Some(c) = src.next()
        {
            step(c, &mut line, &mut column);
        }
        let double = matches!(s.style, ScalarStyle::DoubleQuoted);
        let single = matches!(s.style, ScalarStyle::SingleQuoted);
        for (k, want) in s.value.chars().enumerate() {
            // Find the source character that gives the value's character `want`; everything
            // skipped on the way is indentation, a folded line break or a quote's escape.
            loop {
                let Some(&c) = src.peek() else { return (line, column) };
                let here = (line, column);
                if double && c == '\\' {
                    src.next();
                    step(c, &mut line, &mut column);
                    let Some(&e) = src.peek() else { return here };
                    if e == '\n' {
                        // An escaped line break gives nothing.
                        continue;
                    }
                    let len = match e {
                        'x' => 3,
                        'u' => 5,
                        'U' => 9,
                        _ => 1,
                    };
                    for _ in 0..len {
                        if let Some(c) = src.next() {
                            step(c, &mut line, &mut column);
                        }
                    }
                    if k == offset {
                        return here;
                    }
                    break;
                }
                src.next();
                step(c, &mut line, &mut column);
                let gives = c == want
                    || (want.is_whitespace() && c.is_whitespace())
                    || (single && c == '\'' && want == '\'' && src.peek() == Some(&'\''));
                if gives {
                    if single && c == '\'' && src.peek() == Some(&'\'') {
                        src.next();
                        column += 1;
                    }
                    if k == offset {
                        return here;
                    }
                    break;
                }
            }
        }
        (line, column)
    }
}

/// The path of the value whose key was just read.
fn pending_key_path(stack: &[Frame]) -> Option<String> {
    match stack.last() {
        Some(Frame::Map { path, key: Some(k) }) => {
            Some(if path.is_empty() { k.clone() } else { format!("{path}.{k}") })
        }
        _ => None,
    }
}

/// Called for each node: returns the path of the node if it is a value, or None if it is a
/// mapping key (which is then remembered). `scalar` is the node's text when it is a scalar.
fn value_path(stack: &mut [Frame], scalar: Option<&str>) -> Option<String> {
    match stack.last_mut() {
        None => Some(String::new()),
        Some(Frame::Seq { path, next }) => {
            let p = format!("{path}[{next}]");
            *next += 1;
            Some(p)
        }
        Some(Frame::Map { path, key }) => match key.take() {
            Some(k) => Some(if path.is_empty() { k } else { format!("{path}.{k}") }),
            None => {
                // A key. Complex (non-scalar) keys do not occur in session files.
                *key = Some(scalar.unwrap_or_default().to_string());
                None
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::Locator;

    #[test]
    fn finds_nested_values() {
        let src = "symbol: X\nattendance:\n  states_parties:\n    - Algeria\n    - Argentina\nchapters:\n  - title: A\n    paragraphs: [one, two]\n";
        let loc = Locator::new(src);
        assert_eq!(loc.find("symbol"), Some((1, 9)));
        assert_eq!(loc.find("attendance.states_parties[1]"), Some((5, 7)));
        assert_eq!(loc.find("chapters[0].title"), Some((7, 12)));
        assert_eq!(loc.find("chapters[0].paragraphs[1]"), Some((8, 23)));
        // Unknown leaf: nearest ancestor.
        assert_eq!(loc.find("chapters[0].paragraphs[1].text"), Some((8, 23)));
        assert_eq!(loc.path_at(7, 5), Some("chapters[0].title"));
        assert_eq!(loc.path_at(5, 9), Some("attendance.states_parties[1]"));
    }

    /// The position of `needle`'s first character in `src` (line and column from 1).
    fn spot(src: &str, needle: &str) -> (usize, usize) {
        let at = src.find(needle).expect("needle");
        let line = src[..at].matches('\n').count() + 1;
        let column = src[..at].rsplit('\n').next().unwrap_or_default().chars().count() + 1;
        (line, column)
    }

    /// Checks that the value's character where `needle` starts is found where it stands.
    fn check(src: &str, path: &str, needle: &str) {
        let loc = Locator::new(src);
        let value = &loc.scalars[path].value;
        let offset = value[..value.find(needle).expect("in value")].chars().count();
        assert_eq!(loc.find_in(path, offset), Some(spot(src, needle)), "{needle} in {value:?}");
    }

    #[test]
    fn characters_inside_block_scalars() {
        let folded =
            "p:\n  - >-\n    The Working Group\n    recommended that\n\n    States [^modular-tools\n    should.\n";
        check(folded, "p[0]", "[^modular-tools");
        check(folded, "p[0]", "should");
        let literal = "t: |\n  One line\n    indented {para:x}\n  last é [^n]\n";
        check(literal, "t", "{para:x}");
        check(literal, "t", "[^n]");
        let plain = "t: A plain text\n  that goes on [^n] here\n";
        check(plain, "t", "[^n]");
    }

    #[test]
    fn characters_inside_quoted_scalars() {
        let double = "t: \"Tab\\there \\\"q\\\" \\u00e9 and\n  more [^n]\"\n";
        check(double, "t", "[^n]");
        let single = "t: 'It''s a text, folded\n  with [^n]'\n";
        check(single, "t", "[^n]");
    }
}
