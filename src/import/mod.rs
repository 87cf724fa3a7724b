//! Importers: past reports back into session data.
//!
//! Every reader — Akoma Ntoso XML (`akn`), plain text in the reference extraction's shape
//! (`text`), and the PDF and DOCX readers — produces the `Document` the writers use: divisions,
//! numbered paragraphs, items with their printed labels, footnotes cited where they stand,
//! tables, decisions, annexes and the masthead. One step, `from_document`, turns that document
//! into a `Session`: the standard sentences (dates, chair, agenda, attendance, statements) become
//! structured data with `template:` paragraphs — only when the template prints the very same
//! words, which `verify` checks by assembling the session (`recognize` reads them) — and
//! everything else stays narrative. `yaml` writes the `Session` the way a person would have
//! written it.
//!
//! Importers never panic on bad input: what cannot be read is an error `Diagnostic`, what cannot
//! be placed is a warning with its line number.

pub mod akn;
pub mod docx;
pub mod folder;
pub mod from_document;
pub mod numbering;
pub mod officers;
pub mod pdf;
pub mod recognize;
pub mod text;
pub mod verify;
pub mod yaml;

use std::path::PathBuf;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::session::{CiteKind, FootnoteDef, Session};

pub use from_document::{Origin, Printer, session_from_document};

pub use yaml::to_yaml;

/// Reads Akoma Ntoso 3.0 (ours, or another producer's `debateReport`/`doc`) into a session.
/// Warnings (what was not understood) come with the session; errors instead of it.
pub fn import_akn(xml: &str) -> Result<(Session, Vec<Diagnostic>), Diagnostics> {
    let xml = xml.strip_prefix('\u{feff}').unwrap_or(xml);
    let (xml, dropped) = without_uncarriable(xml);
    let (mut document, origin, mut warnings) = akn::read(&xml)?;
    officers::gather(&mut document.body);
    warnings.extend(dropped);
    let (session, more) = session_from_document(&document, &origin);
    warnings.extend(more);
    Ok((session, warnings))
}

/// Reads a report given as plain text in the reference extraction's shape into a session.
/// Every line that could not be placed is reported as a warning with its line number.
pub fn import_text(text: &str) -> Result<(Session, Vec<Diagnostic>), Diagnostics> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (text, dropped) = without_uncarriable(text);
    let (mut document, origin, mut warnings) = text::read(&text)?;
    officers::gather(&mut document.body);
    warnings.extend(dropped);
    let (session, more) = session_from_document(&document, &origin);
    warnings.extend(more);
    Ok((session, warnings))
}

/// Reads a report's PDF as issued into a session. Besides the warnings, says what was set
/// aside as page furniture ("page furniture set aside (lines): bar code: 1, …").
pub fn import_pdf(bytes: &[u8]) -> Result<(Session, Vec<Diagnostic>, String), Diagnostics> {
    let reading = pdf::read(bytes)?;
    let mut warnings = pdf::warnings(&reading);
    let origin = Origin { keep_ids: false, lines: reading.lines.clone() };
    let (session, more) = session_from_document(&reading.document, &origin);
    warnings.extend(more);
    Ok((session, warnings, pdf::furniture_summary(&reading)))
}

/// Reads a Word document — ours, the same saved again by Word or LibreOffice, or an original in
/// the UN styles — into a session. The ids our DOCX carries come back; those the session would
/// derive anyway are left out of it.
pub fn import_docx(bytes: &[u8]) -> Result<(Session, Vec<Diagnostic>), Diagnostics> {
    let (mut document, mut warnings) = docx::read(bytes, "")?;
    docx::forget_derived_ids(&mut document);
    docx::unnumber_inserted(&mut document.body);
    // The session derives the body from the symbol, as the file did.
    document.meta.body_short.clear();
    let origin = Origin { keep_ids: true, lines: Default::default() };
    let (session, more) = session_from_document(&document, &origin);
    warnings.extend(more);
    Ok((session, warnings))
}

/// Characters no output can carry and a session may not hold: C0 controls other than tab and
/// line ends, DEL and the C1 controls, and the Unicode non-characters (U+FDD0–U+FDEF and the
/// last two code points of every plane, such as U+FFFE and U+FFFF).
pub fn uncarriable(c: char) -> bool {
    let n = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || (0xFDD0..=0xFDEF).contains(&n) || (n & 0xFFFE) == 0xFFFE
}

/// The input without uncarriable characters (raw, or as XML character references), with one
/// warning saying how many were dropped and where the first stood.
fn without_uncarriable(input: &str) -> (std::borrow::Cow<'_, str>, Option<Diagnostic>) {
    let reference = |s: &str| -> Option<usize> {
        // `&#xFFFE;` / `&#65535;`: the reference's length when it names an uncarriable char.
        let body = s.strip_prefix("&#")?;
        let end = body.find(';')?;
        let (digits, radix) = match body[..end].strip_prefix(['x', 'X']) {
            Some(h) => (h, 16),
            None => (&body[..end], 10),
        };
        let c = u32::from_str_radix(digits, radix).ok().and_then(char::from_u32)?;
        uncarriable(c).then_some(end + 3)
    };
    if !input.chars().any(uncarriable) && !input.contains("&#") {
        return (std::borrow::Cow::Borrowed(input), None);
    }
    let mut out = String::with_capacity(input.len());
    let (mut dropped, mut first_line) = (0usize, 0usize);
    let mut line = 1;
    let mut rest = input;
    while let Some(c) = rest.chars().next() {
        let skip = if uncarriable(c) {
            Some(c.len_utf8())
        } else if c == '&' {
            reference(rest)
        } else {
            None
        };
        match skip {
            Some(n) => {
                dropped += 1;
                if first_line == 0 {
                    first_line = line;
                }
                rest = &rest[n..];
            }
            None => {
                if c == '\n' {
                    line += 1;
                }
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if dropped == 0 {
        return (std::borrow::Cow::Borrowed(input), None);
    }
    let warning = warn_at(
        first_line,
        format!(
            "{dropped} control or non-character code point{} (such as U+FFFE) dropped: no report can print {}",
            if dropped == 1 { "" } else { "s" },
            if dropped == 1 { "it" } else { "them" }
        ),
    );
    (std::borrow::Cow::Owned(out), Some(warning))
}

/// A slug for ids: lower-case ASCII words joined by `-`, at most `max_words` words.
pub fn slug(text: &str, max_words: usize) -> String {
    let mut words = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            cur.push(c.to_ascii_lowercase());
        } else if !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    const SMALL: &[&str] = &["the", "of", "a", "an", "and", "in", "on", "to", "for", "by", "with", "at"];
    let significant: Vec<&String> = words.iter().filter(|w| !SMALL.contains(&w.as_str())).collect();
    let chosen: Vec<&str> = if significant.is_empty() {
        words.iter().map(String::as_str).take(max_words).collect()
    } else {
        significant.into_iter().map(String::as_str).take(max_words).collect()
    };
    chosen.join("-")
}

/// Ids given so far, and for each base the next suffix worth trying, so that making many ids
/// from one base (a long report whose notes or headings share their words) stays linear.
#[derive(Debug, Default)]
pub struct UsedIds {
    ids: std::collections::HashSet<String>,
    next: std::collections::HashMap<String, usize>,
}

impl UsedIds {
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    pub fn insert(&mut self, id: String) -> bool {
        self.ids.insert(id)
    }
}

impl Extend<String> for UsedIds {
    fn extend<I: IntoIterator<Item = String>>(&mut self, ids: I) {
        self.ids.extend(ids);
    }
}

/// Makes `base` unique among `used` by appending `-2`, `-3`… (the smallest free suffix: ids are
/// only ever added, so the suffixes below the one remembered for `base` are all taken).
pub fn unique(base: &str, used: &mut UsedIds) -> String {
    let base = if base.is_empty() { "x" } else { base };
    if used.insert(base.to_string()) {
        return base.to_string();
    }
    let mut n = used.next.get(base).copied().unwrap_or(2);
    let mut candidate = format!("{base}-{n}");
    while used.contains(&candidate) {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    used.next.insert(base.to_string(), n + 1);
    used.insert(candidate.clone());
    candidate
}

/// Escapes plain text for inline markup (as `crate::markup` reads it), keeping nothing special:
/// the markup's own escaper, which its parser reads back.
pub use crate::markup::escape as escape_markup;

/// A structured citation, if the footnote text is one: the parser lives beside its printer.
pub use crate::assemble::read_citation as citation;

/// "Addendum", "Addendum 2": the line under an addendum's title.
pub(crate) fn is_addendum_label(text: &str) -> bool {
    let mut words = text.split_whitespace();
    matches!(words.next(), Some("Addendum" | "ADDENDUM"))
        && words.next().is_none_or(|n| n.chars().all(|c| c.is_ascii_digit()))
        && words.next().is_none()
}

/// A word printed in capitals (the pre-2000 style), as a title: "GENERAL" → "General",
/// "ENGLISH" → "English".
pub(crate) fn title_case(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The id a footnote gets from its content: `unts-2237`, `sales-e-09-v-5`, else `note-<marker>`.
pub fn footnote_id(def: &FootnoteDef, marker: &str) -> String {
    match def.cite {
        Some(CiteKind::Unts) => format!("unts-{}", def.vol.unwrap_or(0)),
        Some(CiteKind::Sales) => format!("sales-{}", slug(def.no.as_deref().unwrap_or(""), 8)),
        None => format!("note-{}", slug(marker, 2).if_empty("star")),
    }
}

trait IfEmpty {
    fn if_empty(self, other: &str) -> String;
}
impl IfEmpty for String {
    fn if_empty(self, other: &str) -> String {
        if self.is_empty() { other.to_string() } else { self }
    }
}

// Dates as reports print them are read by the session's date module, which the session
// loader's hints use too.
pub use crate::session::date::{month_number, next_day, parse_date_span, parse_long_date};

/// The file name importers put in locations; the CLI replaces it with the path it read.
pub const INPUT: &str = "<input>";

/// A warning at a line of the input (none when `line` is 0).
pub(crate) fn warn_at(line: usize, message: impl Into<String>) -> Diagnostic {
    let location = (line > 0).then(|| Location { file: PathBuf::from(INPUT), line, column: 1 });
    Diagnostic::warning(message).at(location)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Date;

    #[test]
    fn citations() {
        let c = citation("United Nations, *Treaty Series*, vol. 2237, No. 39574.").unwrap();
        assert_eq!((c.cite, c.vol, c.no.as_deref()), (Some(CiteKind::Unts), Some(2237), Some("39574")));
        assert_eq!(citation("*Ibid.*, vol. 2225, No. 39574.").unwrap().vol, Some(2225));
        assert_eq!(citation("Ibid., vol. 2349, No. 42146.").unwrap().no.as_deref(), Some("42146"));
        let s = citation("United Nations publication, Sales No. E.09.V.5.").unwrap();
        assert_eq!((s.cite, s.no.as_deref()), (Some(CiteKind::Sales), Some("E.09.V.5")));
        assert!(citation("See the report of the Secretary-General.").is_none());
        assert_eq!(footnote_id(&s, "4"), "sales-e-09-v-5");
    }

    #[test]
    fn spans() {
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(parse_date_span("14 and 15 April 2009").unwrap(), vec![d("2009-04-14"), d("2009-04-15")]);
        assert_eq!(parse_date_span("27-29 January 2010").unwrap().len(), 3);
        assert_eq!(parse_date_span("from 30 November to 2 December 2010").unwrap().len(), 3);
        assert_eq!(parse_date_span("21 April 2009").unwrap(), vec![d("2009-04-21")]);
        assert!(parse_date_span("sometime in April").is_none());
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Recommendations adopted by the Working Group", 3), "recommendations-adopted-working");
        assert_eq!(slug("Other matters", 3), "other-matters");
    }
}
