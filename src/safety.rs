//! Checks against hostile or unlucky input that no other stage makes, run by `check`:
//!
//! - **characters no output can carry**: C0 and C1 control characters other than tab and line
//!   feed, and Unicode non-characters (U+FFFE, U+FFFF, U+FDD0…U+FDEF and their kin). XML 1.0
//!   cannot hold most of them at all and HTML forbids them, so they are refused here with their
//!   position; the XML and HTML writers replace any that reach them anyway (`xml_safe`);
//! - **glyphs the embedded fonts lack** (CJK, emoji…), found from the fonts' character maps, so the
//!   PDF never fails on them with no position;
//! - **limits** on counts (paragraphs, footnotes, items, citations in one paragraph, length of
//!   one text), each with a clear error — they bound the time and memory of a build;
//! - **data that would print nonsense**: no meeting dates, a date listed twice, a recorded vote
//!   whose totals contradict its lists of States, no chapters, an empty table row.
//!
//! It walks the session as serialized data (`serde_json::Value`), so every string is seen with
//! its data path (`chapters[0].paragraphs[3].text`) — which the source map turns into
//! file:line:column — whatever shape the session types take. It also holds the helpers that keep
//! data from harming a terminal (`printable`) and turn system errors into words (`io_reason`).

use std::borrow::Cow;

use serde_json::Value;

use crate::diag::{Diagnostic, Diagnostics};
use crate::session::Session;
use crate::session::load::SourceMap;

/// Caps on one session (README, "Limits"). Each bounds the time and memory of a build.
pub mod limits {
    /// Bytes in one file read for a session (`session.yaml`, an include, a template).
    pub const FILE_BYTES: u64 = 16 * 1024 * 1024;
    /// Bytes in a file given to `rapporteur import`.
    pub const IMPORT_BYTES: u64 = 32 * 1024 * 1024;
    /// Paragraphs (numbered or not, in chapters and annexes, counting decisions' paragraphs).
    pub const PARAGRAPHS: usize = 100_000;
    /// Footnotes defined. typst's footnote layout costs about 0.5 MB of memory per footnote
    /// (10,000 footnotes: 5.4 GB), so far fewer than paragraphs; real reports have a few hundred.
    pub const FOOTNOTES: usize = 2_000;
    /// Sub-items of one paragraph or item.
    pub const ITEMS: usize = 1_000;
    /// Footnotes cited in one paragraph (or item, heading, cell…).
    pub const CITATIONS_PER_TEXT: usize = 100;
    /// Characters in one text.
    pub const TEXT_CHARS: usize = 100_000;
    /// Values (mappings, lists, scalars) in one YAML file, and how deep they may nest.
    pub const YAML_VALUES: usize = 2_000_000;
    pub const YAML_DEPTH: usize = 64;
}

/// The YAML reader's budget, from `limits` (its own defaults would refuse a report of 100,000
/// paragraphs with their footnotes before our caps could say so in words).
pub fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        // YAML 1.2 booleans only (`true`, `false`): a column heading "Yes" or "No", a State's
        // code `NO`, stay the words they are (YAML 1.1 read `yes`/`no`/`on`/`off` as booleans,
        // and a heading read as one lost its spelling). The JSON schema says the same.
        strict_booleans: true,
        budget: serde_saphyr::budget! {
            max_nodes: limits::YAML_VALUES,
            max_events: 2 * limits::YAML_VALUES,
            max_depth: limits::YAML_DEPTH,
        },
    }
}

/// The YAML reader's message in words when its budget was breached ("budget breached: Nodes {
/// nodes: 2000001 }" names its internals); other messages as they are.
pub fn plain_yaml_message(message: &str) -> String {
    const BREACHED: &str = "budget breached: ";
    let Some(at) = message.find(BREACHED) else {
        return message.to_string();
    };
    let what = &message[at + BREACHED.len()..];
    let name = what.split([' ', '{']).next().unwrap_or_default();
    match name {
        "Nodes" | "Events" => {
            format!("the file holds more than {} values; see \"Limits\" in README.md", limits::YAML_VALUES)
        }
        "Depth" => format!("the data is nested more than {} deep", limits::YAML_DEPTH),
        "Aliases" | "Anchors" | "AliasAnchorRatio" | "RecordedAnchorEvents" | "RecordedAnchorBytes" => {
            "the file repeats too much through YAML aliases (`*name`)".into()
        }
        "ScalarBytes" | "InputBytes" => format!("the file is larger than {} bytes", limits::FILE_BYTES),
        "Documents" => "the file holds too many YAML documents (`---`); a session file is one".into(),
        _ => "the file is too large or too deeply nested to read".into(),
    }
}

/// The checks of this module on a loaded session.
pub fn check(session: &Session, sources: &SourceMap) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let Ok(value) = serde_json::to_value(session) else {
        return diags;
    };
    let mut walk = Walk { sources, diags: &mut diags, paragraphs: 0, language: &session.language };
    walk.value(&value, "", None);
    let paragraphs = walk.paragraphs;
    if paragraphs > limits::PARAGRAPHS {
        diags.push(
            Diagnostic::error(format!(
                "the report has {paragraphs} paragraphs; the most a report may have is {}",
                limits::PARAGRAPHS
            ))
            .at(sources.locate("chapters"))
            .with_hint("split the report; see \"Limits\" in README.md"),
        );
    }
    if session.footnotes.len() > limits::FOOTNOTES {
        diags.push(
            Diagnostic::error(format!(
                "the report defines {} footnotes; the most a report may have is {}",
                session.footnotes.len(),
                limits::FOOTNOTES
            ))
            .at(sources.locate("footnotes"))
            .with_hint("see \"Limits\" in README.md"),
        );
    }
    data(session, sources, &mut diags);
    diags
}

/// Keys whose strings are names and ids, never printed: their characters are not looked up in
/// the fonts (the id checks speak about them).
const NOT_PRINTED: &[&str] =
    &["id", "template", "include", "item", "vote_on", "cite", "generate", "kind", "role", "language"];

struct Walk<'a> {
    sources: &'a SourceMap,
    diags: &'a mut Diagnostics,
    paragraphs: usize,
    /// The language the report is built in: its fonts decide what is printable.
    language: &'a str,
}

impl Walk<'_> {
    fn error(&mut self, path: &str, message: String, hint: &str) {
        let at = self.sources.locate(path);
        self.diags.push(Diagnostic::error(message).at(at).with_hint(hint));
    }

    fn value(&mut self, v: &Value, path: &str, key: Option<&str>) {
        match v {
            Value::String(s) => self.string(s, path, key),
            Value::Array(list) => {
                if matches!(key, Some("paragraphs" | "preamble" | "operative")) {
                    self.paragraphs += list.len();
                }
                if key == Some("items") && list.len() > limits::ITEMS {
                    self.error(
                        path,
                        format!("{} sub-items in one list; the most is {}", list.len(), limits::ITEMS),
                        "split the paragraph; see \"Limits\" in README.md",
                    );
                }
                for (i, item) in list.iter().enumerate() {
                    self.value(item, &format!("{path}[{i}]"), key);
                }
            }
            Value::Object(map) => {
                for (k, item) in map {
                    self.string(k, path, Some("id"));
                    let child = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                    self.value(item, &child, Some(k));
                }
            }
            _ => {}
        }
    }

    fn string(&mut self, s: &str, path: &str, key: Option<&str>) {
        if let Some((index, c)) = s.chars().enumerate().find(|(_, c)| forbidden(*c).is_some()) {
            let what = forbidden(c).unwrap_or_default();
            self.error(
                path,
                format!("{} ({what}) at character {} of this text: no output format can carry it", codepoint(c), index + 1),
                "remove it (a YAML escape such as `\\0`, `\\e` or `\\x07` writes one); a new paragraph or item is written as such in the data",
            );
            return;
        }
        let chars = s.chars().count();
        if chars > limits::TEXT_CHARS {
            self.error(
                path,
                format!("a text of {chars} characters; the most one text may have is {}", limits::TEXT_CHARS),
                "split it into paragraphs; see \"Limits\" in README.md",
            );
            return;
        }
        let citations = s.matches("[^").count();
        if citations > limits::CITATIONS_PER_TEXT {
            self.error(
                path,
                format!("{citations} footnote references in one text; the most is {}", limits::CITATIONS_PER_TEXT),
                "split the paragraph; see \"Limits\" in README.md",
            );
        }
        if key.is_some_and(|k| NOT_PRINTED.contains(&k)) {
            return;
        }
        if let Some((index, c)) = s.chars().enumerate().find(|(_, c)| !printable_by_fonts(*c, self.language)) {
            let language = self.language;
            self.error(
                path,
                format!(
                    "`{c}` ({}) at character {} of this text is not in the fonts of the `{language}` version",
                    codepoint(c),
                    index + 1
                ),
                &format!(
                    "the `{language}` PDF is set in {}; write the text without it, or transliterate it",
                    crate::fonts::family_names(language)
                ),
            );
        }
    }
}

/// Why no output can carry `c`, if it cannot.
pub fn forbidden(c: char) -> Option<&'static str> {
    match c {
        '\t' | '\n' => None,
        '\u{0}'..='\u{1f}' | '\u{7f}' => Some("a control character"),
        '\u{80}'..='\u{9f}' => Some("a C1 control character"),
        '\u{fdd0}'..='\u{fdef}' => Some("a Unicode non-character"),
        c if (c as u32) & 0xfffe == 0xfffe => Some("a Unicode non-character"),
        _ => None,
    }
}

/// `U+0007`.
fn codepoint(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Characters typst never draws a glyph for (format and layout controls), so the fonts need not
/// have them.
fn ignorable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}')
}

/// Whether the PDF of a text in `language` can print `c` with the embedded fonts (itself, or its
/// substitute): see `crate::fonts::families`.
pub fn printable_by_fonts(c: char, language: &str) -> bool {
    c.is_ascii() && !c.is_ascii_control()
        || ignorable(c)
        || crate::fonts::has_glyph(c, language)
        || pdf_substitute(c).is_some()
}

/// What the PDF prints for a character the fonts lack but that has an exact equivalent they
/// have. The non-breaking hyphen (U+2011, Word's Ctrl+Shift+-, common in UN texts: "system‑wide")
/// is a hyphen-minus held to the next letter by a word joiner (U+2060): the same look, and the
/// line still never breaks there. Other formats keep the character itself.
pub fn pdf_substitute(c: char) -> Option<&'static str> {
    match c {
        '\u{2011}' => Some("-\u{2060}"),
        _ => None,
    }
}

/// `text` with every character that has a `pdf_substitute` replaced by it.
pub fn pdf_substitutes(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| pdf_substitute(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match pdf_substitute(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` with every character an XML 1.0 document (or an HTML page) cannot hold replaced by
/// U+FFFD. `check` refuses them first; this is the writers' guarantee of well-formed output.
pub fn xml_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| forbidden(c).is_some() && c != '\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if forbidden(c).is_some() && c != '\r' { '\u{fffd}' } else { c }).collect())
}

/// `text` safe to print on a terminal: control characters other than newline and tab (ESC, BEL,
/// carriage return…) shown as `\u{1b}`, so data in a message cannot drive the terminal.
pub fn printable(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c != '\n' && c != '\t' && (c.is_control() || forbidden(c).is_some());
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A system error in words, without the operating system's code ("File exists (os error 17)").
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no such file or folder".into(),
        K::PermissionDenied => "permission denied".into(),
        K::AlreadyExists => "something of that name is already there".into(),
        K::NotADirectory => "a file stands where a folder is needed".into(),
        K::IsADirectory => "a folder stands where a file is needed".into(),
        K::DirectoryNotEmpty => "a folder that is not empty stands in the way".into(),
        K::StorageFull => "the disk is full".into(),
        K::ReadOnlyFilesystem => "the file system is read-only".into(),
        K::InvalidData => "the file is not UTF-8 text".into(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_string(),
                None => text,
            }
        }
    }
}

/// Data the types accept but whose report would be wrong (issue 12, point 6).
fn data(s: &Session, sources: &SourceMap, diags: &mut Diagnostics) {
    let mut error = |path: &str, message: String, hint: &str| {
        diags.push(Diagnostic::error(message).at(sources.locate(path)).with_hint(hint));
    };
    if !s.meeting.name.is_empty() && s.meeting.dates.is_empty() {
        error(
            "meeting.dates",
            "the meeting has no dates".into(),
            "list the days it met, e.g. `dates: [2009-04-14, 2009-04-15]`",
        );
    }
    for (i, date) in s.meeting.dates.iter().enumerate() {
        if s.meeting.dates[..i].contains(date) {
            error(&format!("meeting.dates[{i}]"), format!("the date {date} is listed twice"), "list each day once");
        }
    }
    if s.chapters.is_empty() {
        error(
            "chapters",
            "the report has no chapters".into(),
            "a report has at least one chapter: `chapters: [{title: …, paragraphs: […]}]`",
        );
    }
    // Tables and votes wherever they stand (chapters, sections, groups, annexes).
    if let Ok(value) = serde_json::to_value(s) {
        let mut found = Vec::new();
        tables_and_votes(&value, "", &mut found);
        for (path, message, hint) in found {
            error(&path, message, hint);
        }
    }
}

/// Empty table rows and recorded votes contradicting their lists, anywhere in the data.
fn tables_and_votes(v: &Value, path: &str, found: &mut Vec<(String, String, &'static str)>) {
    match v {
        Value::Array(list) => {
            for (i, item) in list.iter().enumerate() {
                tables_and_votes(item, &format!("{path}[{i}]"), found);
            }
        }
        Value::Object(map) => {
            let at = |k: &str| if path.is_empty() { k.to_string() } else { format!("{path}.{k}") };
            if let Some(Value::Object(table)) = map.get("table")
                && let Some(Value::Array(rows)) = table.get("rows")
            {
                for (r, row) in rows.iter().enumerate() {
                    let empty = match row {
                        Value::Array(cells) => cells.iter().all(|c| c.as_str().is_some_and(|s| s.trim().is_empty())),
                        _ => false,
                    };
                    if empty {
                        found.push((
                            format!("{}.rows[{r}]", at("table")),
                            "an empty table row".into(),
                            "give the row its cells, or remove it",
                        ));
                    }
                }
            }
            if let Some(Value::Object(vote)) = map.get("vote")
                && let Some(Value::Object(states)) = vote.get("states")
            {
                for side in ["in_favour", "against", "abstaining"] {
                    let total = vote.get(side).and_then(Value::as_u64).unwrap_or(0);
                    let listed = states.get(side).and_then(Value::as_array).map_or(0, Vec::len) as u64;
                    if total != listed {
                        found.push((
                            format!("{}.{side}", at("vote")),
                            format!(
                                "the vote records {total} {} but lists {listed} State{}",
                                side.replace('_', " "),
                                if listed == 1 { "" } else { "s" }
                            ),
                            "the totals of a recorded vote are the numbers of States listed for each side",
                        ));
                    }
                }
            }
            for (k, item) in map {
                tables_and_votes(item, &at(k), found);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters() {
        for c in [
            '\0',
            '\u{7}',
            '\u{1b}',
            '\u{b}',
            '\r',
            '\u{7f}',
            '\u{85}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{fdd0}',
            '\u{1fffe}',
        ] {
            assert!(forbidden(c).is_some(), "{c:?}");
        }
        for c in ['a', '\t', '\n', 'é', '\u{a0}', '\u{fffd}', '€'] {
            assert!(forbidden(c).is_none(), "{c:?}");
        }
    }

    #[test]
    fn fonts_have_latin_not_cjk_or_emoji() {
        for c in ['a', 'é', 'ü', 'ß', '€', '—', '“', 'Ж', 'ω', '\u{a0}'] {
            assert!(printable_by_fonts(c, "en"), "{c:?}");
        }
        for c in ['中', '😀', '\u{1f600}'] {
            assert!(!printable_by_fonts(c, "en"), "{c:?}");
        }
        // Each language version has its own fonts.
        assert!(printable_by_fonts('中', "zh") && printable_by_fonts('ع', "ar"));
        assert!(!printable_by_fonts('😀', "zh") && !printable_by_fonts('中', "ar"));
    }

    #[test]
    fn xml_safe_and_printable() {
        assert_eq!(xml_safe("a\0b\u{ffff}c\td"), "a\u{fffd}b\u{fffd}c\td");
        assert!(matches!(xml_safe("plain"), Cow::Borrowed(_)));
        assert_eq!(printable("x\u{1b}[31my\u{7}\nz"), "x\\u{1b}[31my\\u{7}\nz");
    }

    #[test]
    fn yaml_budget_in_words() {
        let m = plain_yaml_message("budget breached: Nodes { nodes: 2000001 }");
        assert!(m.contains("more than 2000000 values") && !m.contains('{'), "{m}");
        assert_eq!(plain_yaml_message("invalid type: map"), "invalid type: map");
        let deep = format!("a: {}1{}", "[".repeat(100), "]".repeat(100));
        let e = serde_saphyr::from_str_with_options::<serde_json::Value>(&deep, yaml_options()).unwrap_err();
        let m = plain_yaml_message(&e.to_string());
        assert!(m.contains("nested more than 64"), "{m} / {e}");
    }

    #[test]
    fn io_errors_in_words() {
        let e = std::io::Error::from_raw_os_error(17);
        assert_eq!(io_reason(&e), "something of that name is already there");
    }
}
