//! Maps data paths (`attendance.states_parties[3]`, `chapters[0].sections[2].title`) to the line
//! and column where that value stands in the YAML source.
//!
//! serde gives us typed data without positions; the checks need positions to point at the
//! offending name or text. Rather than wrapping every field in a span type, we read the same
//! source once more as a YAML event stream and record where every mapping value and sequence
//! element starts. The checks then ask by path.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

/// Where each value of one YAML file starts: path → (line, column), both counted from 1.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    positions: HashMap<String, (usize, usize)>,
}

/// One open container while walking the event stream.
enum Frame {
    /// A sequence and the index of its next element.
    Seq { path: String, next: usize },
    /// A mapping; `key` is the key whose value comes next (None: a key comes next).
    Map { path: String, key: Option<String> },
}

impl Locator {
    /// Walks the YAML source. A source that does not parse gives an empty locator (serde reports
    /// the syntax error with its own position).
    pub fn new(source: &str) -> Locator {
        let mut positions = HashMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        for result in Parser::new_from_str(source) {
            let Ok((event, span)) = result else { break };
            let at = (span.start.line(), span.start.col() + 1);
            match event {
                Event::Scalar(value, style, ..) => {
                    // For a quoted scalar, point at its first character, not at the quote.
                    let quoted = matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted);
                    if let Some(path) = value_path(&mut stack, Some(&value)) {
                        positions.entry(path).or_insert((at.0, at.1 + usize::from(quoted)));
                    }
                }
                Event::Alias(_) => {
                    if let Some(path) = value_path(&mut stack, None) {
                        positions.entry(path).or_insert(at);
                    }
                }
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    let path = value_path(&mut stack, None).unwrap_or_default();
                    positions.entry(path.clone()).or_insert(at);
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
        Locator { positions }
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
    }
}
