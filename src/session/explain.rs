//! What is wrong with a session file that does not read, said for the person who wrote it.
//!
//! serde-saphyr reports in its own terms ("unknown field", "expected sequence start") and the
//! YAML scanner in the grammar's ("simple key expect ':'", "did not find expected key"). This
//! module turns each into a `Diagnostic`: what is wrong in the words of the session format, at
//! the file, line and column of the offending key or value, with an example of the right form.
//! It names the place from a `Locator` of the same text ("a field of `meeting`", "a chapter"),
//! and suggests the nearest valid key or word.

use std::path::Path;

use serde_saphyr::Error;

use crate::diag::{Diagnostic, Location};
use crate::session::locate::Locator;
use crate::session::paragraph::{HINT_SEPARATOR, SHAPE_ERROR, did_you_mean};

/// The diagnostic for a file at `path` whose `source` failed to deserialize with `error`.
pub fn diagnostic(path: &Path, source: &str, error: &Error) -> Diagnostic {
    let error = error.without_snippet();
    let locator = Locator::new(source);
    let at = error.location().filter(|l| l.line() > 0).map(|l| (l.line() as usize, l.column().max(1) as usize));
    let located =
        |pos: Option<(usize, usize)>| pos.map(|(line, column)| Location { file: path.to_path_buf(), line, column });
    let node = at.and_then(|(l, c)| locator.path_at(l, c)).unwrap_or_default();
    let (message, hint, pos) = match error {
        Error::SerdeInvalidValue { unexpected, expected, .. } if unexpected.as_str() == SHAPE_ERROR => {
            let (message, hint) = expected.split_once(HINT_SEPARATOR).unwrap_or((expected.as_str(), ""));
            (message.to_string(), hint.to_string(), at)
        }
        Error::SerdeUnknownField { field, expected, .. } => {
            let (message, hint) = unknown_field(field, &noun(parent(node)), expected);
            (message, hint, at)
        }
        Error::SerdeUnknownVariant { variant, expected, .. } => {
            // A map keyed by names (`articles: {Saferworld: none}`) names what its value is.
            let key = match node.strip_prefix("articles.") {
                Some(name) => format!("article for `{name}`"),
                None => format!("`{}`", last_key(node)),
            };
            let list = quoted_list(expected);
            let message = match did_you_mean(variant, expected.iter().copied()) {
                Some(near) => format!("`{variant}` is not a valid {key} — did you mean `{near}`?"),
                None => format!("`{variant}` is not a valid {key}"),
            };
            // Point at the word itself rather than at its key.
            let pos = locator.find_exact(node).or(at);
            (message, format!("expected one of {list}"), pos)
        }
        Error::SerdeMissingField { field, .. } => {
            let what = noun(node);
            (format!("{what} needs `{field}`"), example(field).unwrap_or_else(|| format!("add `{field}: …`")), at)
        }
        Error::SerdeInvalidType { unexpected, expected, .. }
        | Error::SerdeInvalidValue { unexpected, expected, .. } => {
            let key = last_key(node);
            let message = format!("`{key}` must be {}, not {unexpected}", plain_expected(expected));
            (message, example(key).unwrap_or_else(|| "see the data format in README.md".into()), at)
        }
        Error::Unexpected { expected, .. } => {
            let key = last_key(node);
            let wanted = match *expected {
                "sequence start" => "a list",
                "mapping start" => "a mapping of `key: value` pairs",
                "string scalar" | "scalar" => "a single value",
                other => other,
            };
            let message = format!("`{key}` must be {wanted}");
            let hint = match locator.text(node).and_then(crate::session::date::parse_date_span) {
                // `dates: 8-9 June 2026`: say it back in the form the file needs.
                Some(days) if key == "dates" => {
                    let iso: Vec<String> = days.iter().map(|d| d.iso()).collect();
                    format!("write one YYYY-MM-DD date per day: `dates: [{}]`", iso.join(", "))
                }
                _ => example(key).unwrap_or_else(|| "see the data format in README.md".into()),
            };
            (message, hint, at)
        }
        Error::DuplicateMappingKey { key, .. } => {
            let key = key.clone().unwrap_or_default();
            (format!("`{key}` is given twice here"), "keep one of them".into(), at)
        }
        Error::Message { msg, .. } => {
            let key = last_key(node);
            let hint = example(key).unwrap_or_else(|| "see the data format in README.md".into());
            (msg.clone(), hint, at)
        }
        Error::ExternalMessage { msg, .. } => {
            let (message, hint, culprit) = syntax(msg, source, at);
            (message, hint, culprit.or(at))
        }
        other => {
            let message = other.to_string();
            let first = message.lines().next().unwrap_or_default();
            let first = first.split(" at line ").next().unwrap_or(first).trim_start_matches("error: ");
            // `contents: yes`: the format reads YAML 1.2 booleans only (`safety::yaml_options`).
            if first.starts_with("invalid boolean") {
                let key = last_key(node);
                return Diagnostic::error(format!("`{key}` must be `true` or `false`")).at(located(at)).with_hint(
                    format!("write `{key}: true` or `{key}: false` (`yes`, `no`, `on`, `off` are words here)"),
                );
            }
            (
                first.to_string(),
                "see the data format in README.md, or `rapporteur new` for a commented example".into(),
                at,
            )
        }
    };
    let mut d = Diagnostic::error(message).at(located(pos));
    if !hint.is_empty() {
        d = d.with_hint(hint);
    }
    d
}

/// "`orignal` is not a field of the session — did you mean `original`?"
fn unknown_field(field: &str, what: &str, expected: &[&str]) -> (String, String) {
    if field.contains(' ') {
        return (
            format!("this text was read as a key `{field}` because of the `: ` after it"),
            format!("put the whole text in quotes: `\"{field}: …\"`"),
        );
    }
    let list = quoted_list(expected);
    match did_you_mean(field, expected.iter().copied()) {
        Some(near) => (
            format!("`{field}` is not a field of {what} — did you mean `{near}`?"),
            format!("the fields of {what} are {list}"),
        ),
        None => (format!("`{field}` is not a field of {what}"), format!("the fields of {what} are {list}")),
    }
}

fn quoted_list(words: &[&str]) -> String {
    words.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", ")
}

/// serde's "a sequence" / "a string" / "u32" in the words of the format.
fn plain_expected(expected: &str) -> String {
    match expected {
        "a sequence" => "a list".into(),
        "a string" => "a text".into(),
        "a boolean" => "`true` or `false`".into(),
        e if e.starts_with("u32") || e.starts_with("u64") || e.starts_with("i32") => "a whole number".into(),
        e if e.starts_with("struct ") || e.starts_with("map") => "a mapping of `key: value` pairs".into(),
        other => other.into(),
    }
}

/// The path of the mapping that holds the node at `path`.
fn parent(path: &str) -> &str {
    match path.rfind(['.', '[']) {
        Some(cut) if path[cut..].starts_with('.') => &path[..cut],
        Some(cut) => &path[..cut],
        None => "",
    }
}

/// The last key of a path: `meeting.dates[1]` → `dates`.
fn last_key(path: &str) -> &str {
    let trimmed = path.trim_end_matches(|c: char| c == ']' || c.is_ascii_digit()).trim_end_matches('[');
    trimmed.rsplit('.').next().unwrap_or(trimmed)
}

/// What the mapping at `path` is, in words: "the session", "`meeting`", "a chapter".
pub fn noun(path: &str) -> String {
    if path.is_empty() {
        return "the session".into();
    }
    if path.ends_with(']') {
        let list = last_key(path);
        let under_agenda = path.starts_with("agenda") || path.starts_with("next_agenda");
        return match list {
            "chapters" => "a chapter",
            "sections" => "a section",
            "groups" => "a group",
            "annexes" => "an annex",
            "paragraphs" | "preamble" | "operative" => "a paragraph",
            "items" if under_agenda => "an agenda item",
            "items" => "a sub-item",
            "officers" => "an officer",
            "statements" => "a `statements` entry",
            "others" => "a speaker under `others`",
            "documents" => "a document",
            _ => return format!("an entry of `{list}`"),
        }
        .into();
    }
    if parent(path) == "footnotes" {
        return "a footnote".into();
    }
    match last_key(path) {
        "table" => "a table".into(),
        "decision" => "a decision".into(),
        "vote" => "a vote".into(),
        "states" if path.ends_with("vote.states") => "`vote.states`".into(),
        key => format!("`{key}`"),
    }
}

/// The right form of a key's value, for hints.
fn example(key: &str) -> Option<String> {
    let e = match key {
        "dates" => "one YYYY-MM-DD date per day, e.g. `dates: [2026-06-08, 2026-06-09]`",
        "date" => "a date as YYYY-MM-DD, e.g. `date: 2026-06-12`",
        "adopted" => "a date as YYYY-MM-DD, e.g. `adopted: 2026-06-08`",
        "states_parties"
        | "signatories"
        | "observer_states"
        | "regional_organizations"
        | "un_entities"
        | "intergovernmental_organizations"
        | "permanent_observers"
        | "ngos"
        | "states"
        | "in_favour"
        | "against"
        | "abstaining" => "a list of names, e.g. `[Algeria, Austria]`, or one `- Name` per line",
        "include" => "a list of sibling files, e.g. `include: [attendance.yaml]`",
        "meeting" => "`meeting:` with `name`, `venue` and `dates: [YYYY-MM-DD, …]` under it",
        "agenda" | "next_agenda" => {
            "`agenda:` with `items:` under it, each `- {id: opening, title: Opening of the meeting}`"
        }
        "officers" => "a list, e.g. `officers: [{role: chair, name: A. Chairperson, state: Austria}]`",
        "attendance" => "`attendance:` with lists such as `states_parties: [Algeria, Austria]` under it",
        "statements" => "a list, e.g. `- {item: substance, states: [Algeria, Brazil]}`",
        "chapters" => "a list of chapters, each `- title: …` with `paragraphs:` under it",
        "sections" | "groups" => "a list, each `- title: …` with `paragraphs:` under it",
        "paragraphs" | "preamble" | "operative" => "a list: one `- …` per paragraph",
        "items" => "a list: one `- …` per item",
        "numbered" => "`numbered: false` for an unnumbered paragraph",
        "contents" | "recorded" | "by_representatives" => "`true` or `false`",
        "vol" => "a number, e.g. `vol: 2237`",
        "header" => {
            "a list of column headings, e.g. `header: [Region, Replies]`, or of rows of them, e.g. `header: [[{text: Identifier, columns: 2}], [First, Last]]`"
        }
        "rows" => "a list of rows, each a list of cells, e.g. `rows: [[Africa, \"21\"], [Europe, \"40\"]]`",
        "footnotes" => "footnotes by id, e.g. `footnotes: {decision: {text: See decision 4/4.}}`",
        "role" => {
            "one of `chair`, `vice-chair`, `rapporteur`, `vice-chair-cum-rapporteur`, `president`, `vice-president`"
        }
        "kind" => "`decision` or `resolution`",
        "as" => "`representative` or `observer`",
        "cite" => "`unts` (with `vol` and `no`) or `sales` (with `no`)",
        "title" | "name" | "text" | "symbol" | "organ" | "venue" | "caption" => {
            "a text; quote it if it contains `: ` or begins with `[`, `{`, `*`, `&` or `!`"
        }
        _ => return None,
    };
    Some(e.to_string())
}

/// The YAML scanner's complaint, said in terms of what a person most likely typed.
/// Returns the message, the hint, and the position of the cause when it is not where the
/// scanner noticed the problem (an unclosed quote or bracket lines above).
fn syntax(raw: &str, source: &str, at: Option<(usize, usize)>) -> (String, String, Option<(usize, usize)>) {
    let raw = raw.trim_start_matches("error: ");
    if let Some(at) = at {
        match unclosed(source, at) {
            Some(Unclosed::Quote(pos, q)) => {
                return (
                    format!("the text quoted with `{q}` here is not closed on its line"),
                    format!("end it with `{q}`; as it is, the text runs on to the next `{q}` (line {})", at.0),
                    Some(pos),
                );
            }
            Some(Unclosed::Bracket(pos, b)) => {
                let close = if b == '[' { ']' } else { '}' };
                return (
                    format!("the `{b}` opened here is not closed"),
                    format!("close it with `{close}`; quote an entry that contains `,`, `[`, `]`, `{{`, `}}` or `: `"),
                    Some(pos),
                );
            }
            None => {}
        }
    }
    let (message, hint) = syntax_here(raw, source, at);
    (message, hint, None)
}

/// Every key of the format, to tell `venue Vienna` (a missing `:`) from text that runs on.
const KEYS: &[&str] = &[
    "include",
    "symbol",
    "distribution",
    "date",
    "original",
    "language",
    "organ",
    "body",
    "meeting",
    "title",
    "job_number",
    "agenda",
    "officers",
    "attendance",
    "statements",
    "contents",
    "keep_names_as_recorded",
    "meetings",
    "observer_states_wording",
    "articles",
    "adopted_at_meeting",
    "number",
    "time",
    "chapters",
    "annexes",
    "documents",
    "next_agenda",
    "footnotes",
    "name",
    "short",
    "session",
    "venue",
    "dates",
    "caption_item",
    "adopted",
    "items",
    "id",
    "role",
    "state",
    "instrument",
    "states_parties",
    "regional_organizations",
    "signatories",
    "observer_states",
    "un_entities",
    "un_network",
    "intergovernmental_organizations",
    "permanent_observers",
    "ngos",
    "item",
    "states",
    "by_representatives",
    "others",
    "as",
    "of",
    "paragraphs",
    "sections",
    "groups",
    "generate",
    "text",
    "template",
    "table",
    "decision",
    "numbered",
    "vote_on",
    "caption",
    "header",
    "rows",
    "kind",
    "number",
    "label",
    "preamble",
    "operative",
    "vote",
    "recorded",
    "in_favour",
    "against",
    "abstaining",
    "cite",
    "vol",
    "no",
];

/// A quote or bracket opened on a line above the scanner's error and still open there (or, for
/// a quote, closed only on the error's line).
enum Unclosed {
    Quote((usize, usize), char),
    Bracket((usize, usize), char),
}

/// Scans the source up to `at`, tracking quoted texts and inline lists the way YAML opens them
/// (at the start of a value), to find the one a person left open.
fn unclosed(source: &str, at: (usize, usize)) -> Option<Unclosed> {
    let mut quote: Option<((usize, usize), char)> = None;
    let mut last_quote: Option<((usize, usize), char, usize)> = None; // opened at, char, closing line
    let mut brackets: Vec<((usize, usize), char)> = Vec::new();
    for (i, text) in source.lines().enumerate().take(at.0) {
        let line = i + 1;
        let chars: Vec<char> = text.chars().collect();
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k];
            let column = k + 1;
            if (line, column) >= at {
                break;
            }
            if let Some((_, q)) = quote {
                if q == '"' && c == '\\' {
                    k += 2;
                    continue;
                }
                if c == q {
                    if q == '\'' && chars.get(k + 1) == Some(&'\'') {
                        k += 2;
                        continue;
                    }
                    let (opened, q) = quote.take().unwrap_or(((line, column), c));
                    last_quote = Some((opened, q, line));
                }
                k += 1;
                continue;
            }
            let before = chars[..k].iter().rev().find(|c| **c != ' ').copied();
            let value_start = matches!(before, None | Some(':' | '-' | '[' | '{' | ','));
            match c {
                '#' if k == 0 || chars[k - 1] == ' ' => break,
                '"' | '\'' if value_start => quote = Some(((line, column), c)),
                '[' | '{' if value_start || !brackets.is_empty() => brackets.push(((line, column), c)),
                ']' | '}' if !brackets.is_empty() => {
                    brackets.pop();
                }
                _ => {}
            }
            k += 1;
        }
    }
    if let Some((pos, q)) = quote
        && pos.0 < at.0
    {
        return Some(Unclosed::Quote(pos, q));
    }
    if let Some((pos, q, closed_on)) = last_quote
        && pos.0 < at.0
        && closed_on == at.0
    {
        return Some(Unclosed::Quote(pos, q));
    }
    match brackets.first() {
        Some(&(pos, b)) if pos.0 < at.0 => Some(Unclosed::Bracket(pos, b)),
        _ => None,
    }
}

fn syntax_here(raw: &str, source: &str, at: Option<(usize, usize)>) -> (String, String) {
    let line_of = |n: usize| source.lines().nth(n.saturating_sub(1)).unwrap_or_default();
    let here = at.map(|(l, _)| line_of(l)).unwrap_or_default();
    // The scanner often notices a problem on the line after the one that caused it.
    let before = at
        .map(|(l, _)| (1..l).rev().map(line_of).find(|t| !t.trim().is_empty() && !t.trim_start().starts_with('#')))
        .unwrap_or_default()
        .unwrap_or_default();
    let culprit = [here, before].into_iter().find(|l| needs_quotes(l).is_some());
    if let Some(line) = culprit
        && let Some((lead, value, why)) = needs_quotes(line)
    {
        let quoted = format!("{lead}\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""));
        return (
            format!("this text {why}, so YAML does not read it as text"),
            format!("put it in quotes: `{}`", quoted.trim_start()),
        );
    }
    if raw.contains("tab") {
        return ("a tab is used for indentation here".into(), "indent with spaces only".into());
    }
    if raw.contains("quoted scalar") && (raw.contains("end of stream") || raw.contains("document indicator")) {
        return ("a quoted text is never closed".into(), "end it with the same quote it began with".into());
    }
    if raw.contains("did not find expected '-' indicator") {
        return (
            "this line does not line up with the list above it".into(),
            "each `- ` of a list starts at the same column; check the indentation".into(),
        );
    }
    if raw.contains("flow sequence") || raw.contains("flow mapping") || raw.contains("misplaced bracket") {
        return (
            "a list in `[…]` or a mapping in `{…}` is not closed properly here".into(),
            "separate entries with `, ` and close the bracket; quote an entry that contains `,`, `[`, `]`, `{`, `}` or `: `"
                .into(),
        );
    }
    let body = here.trim_start().trim_start_matches("- ");
    let indent = |l: &str| l.len() - l.trim_start().len();
    // `text: States parties should` and, on the next line at the key's indentation, more text.
    if let Some((key, value)) = before.trim_start().trim_start_matches("- ").split_once(": ")
        && !body.contains(": ")
        && !value.trim().is_empty()
        && !value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*'])
        && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        && indent(here)
            <= indent(before) + (before.trim_start().len() - before.trim_start().trim_start_matches("- ").len())
        && !KEYS.contains(&body.split(' ').next().unwrap_or_default())
    {
        return (
            format!("this line goes on with the text of `{key}` above, but is not indented further than `{key}`"),
            format!(
                "indent it further, or write the text as a folded block: `{key}: >-` and the text on the lines below"
            ),
        );
    }
    if let Some((word, rest)) = body.split_once(' ')
        && !body.contains(':')
        && KEYS.contains(&word)
        && (raw.contains("expected key") || raw.contains("simple key"))
    {
        return (
            format!("`{}` is not a `key: value` pair", body.trim_end()),
            format!("is a `:` missing after the key? `{word}: {}`", rest.trim()),
        );
    }
    if raw.contains("did not find expected key") || raw.contains("simple key") || raw.contains("mapping values") {
        return (
            "this line does not fit the structure around it".into(),
            "check its indentation against the line above; a text that goes on to the next line must be indented further than its key (or written as a folded block, `text: >-`); a text that contains `: ` must be quoted"
                .into(),
        );
    }
    (
        format!("the YAML cannot be read here ({raw})"),
        "see the data format in README.md, or `rapporteur new` for a commented example".into(),
    )
}

/// For a line whose unquoted value YAML cannot read as text: the part before the value, the
/// value, and why it needs quotes.
fn needs_quotes(line: &str) -> Option<(&str, &str, &'static str)> {
    let body = line.trim_start();
    let mut lead_len = line.len() - body.len();
    let mut rest = body;
    if let Some(r) = rest.strip_prefix("- ") {
        lead_len += 2;
        rest = r;
    }
    // A `key: ` in front of the value (a key is one word).
    if let Some((key, value)) = rest.split_once(": ")
        && !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        lead_len += key.len() + 2;
        rest = value;
    }
    // A comment after the value is not part of it.
    let value = rest.split(" #").next().unwrap_or(rest).trim_end();
    if value.starts_with(['"', '\'', '|', '>', '#']) || value.is_empty() {
        return None;
    }
    let markup_brace = value.strip_prefix('{').is_some_and(|r| {
        let word = r.split(':').next().unwrap_or_default();
        !word.is_empty()
            && word.chars().all(|c| c.is_ascii_lowercase())
            && r[word.len()..].starts_with(':')
            && !r[word.len() + 1..].starts_with(' ')
    });
    let why = if value.starts_with("[^") || markup_brace {
        "begins with markup"
    } else if value.starts_with(['[', '{']) {
        // A list or mapping written inline: not a text.
        return None;
    } else if value.contains(": ") {
        "contains `: `"
    } else if value.starts_with(['*', '&', '!', '%', '@', '`']) {
        "begins with a character YAML reserves"
    } else {
        return None;
    };
    Some((&line[..lead_len], value, why))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nouns() {
        assert_eq!(noun(""), "the session");
        assert_eq!(noun("meeting"), "`meeting`");
        assert_eq!(noun("chapters[0]"), "a chapter");
        assert_eq!(noun("agenda.items[1].items[0]"), "an agenda item");
        assert_eq!(noun("footnotes.unts"), "a footnote");
        assert_eq!(parent("chapters[0].title"), "chapters[0]");
        assert_eq!(last_key("meeting.dates[1]"), "dates");
    }

    #[test]
    fn quoting() {
        let (lead, value, why) = needs_quotes("        text: States parties should: consider").unwrap();
        assert_eq!((lead, value, why), ("        text: ", "States parties should: consider", "contains `: `"));
        assert_eq!(needs_quotes("  - [^a] Some text").map(|q| q.2), Some("begins with markup"));
        assert!(needs_quotes("  dates: [2026-06-08, 2026-06-09]").is_none());
        assert!(needs_quotes("  text: \"a: b\"").is_none());
    }
}
