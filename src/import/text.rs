//! Reads a past report given as plain text in the reference extraction's shape
//! (`../shared/reference/ctoc-cop-wg4-2009-2.txt`) into a `Draft`.
//!
//! What it knows about the shape:
//! - the masthead comes first: optionally "United Nations" and the symbol, the organ,
//!   "Distr.: General", the date, "Original: English", the meeting caption (name, session,
//!   "Venue, dates", "Item N of the provisional agenda"), then the title;
//! - `I. Title` opens a chapter (roman), `A. Title` a section (letter) — "I." is told apart by
//!   what comes next in each sequence; `12. text` is a numbered paragraph, `(a) text` a sub-item
//!   (with or without the `- ` that the extraction puts in front of some), `(i)` under `(a)` a
//!   sub-sub-item; `1. text` after a paragraph ending in ":" is a numbered item (agenda lists);
//! - footnotes are lines starting with a superscript numeral (or `* `), wherever the page ended;
//!   their markers are the same numerals in the text, turned into `[^id]`;
//! - a line that starts with none of these continues the paragraph or item before it when that
//!   one is unfinished (no final `.`, `;`, `:`) or when the line starts in lower case — that is
//!   how a paragraph cut by a page break is joined back. Any other line is kept as an unnumbered
//!   paragraph and reported.
//!
//! `*italics*` are kept (they are our markup too); the other markup characters are escaped.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diag::{Diagnostic, Diagnostics};
use crate::import::{
    Draft, DraftAnnex, DraftChapter, DraftItem, DraftParagraph, DraftSection, UsedIds, citation, footnote_id,
    parse_date_span, parse_long_date, slug, unique, warn_at,
};
use crate::session::{DecisionDef, DecisionKind, FootnoteDef, ItemDef, ParagraphDef, ParagraphKind, TableDef};

pub fn read(text: &str) -> Result<(Draft, Vec<Diagnostic>), Diagnostics> {
    let lines: Vec<&str> = text.lines().collect();
    let mut warnings = Vec::new();
    // A table of contents ("Contents" and the block of entries under it) is generated again:
    // it is skipped and remembered.
    let contents = lines
        .iter()
        .position(|l| l.trim() == "Contents")
        .filter(|c| lines.iter().position(|l| is_body_start(l.trim())).is_some_and(|b| b > *c));
    let mut skip = 0..0;
    if let Some(c) = contents {
        let mut end = c + 1;
        while end < lines.len() && lines[end].trim().is_empty() {
            end += 1;
        }
        while end < lines.len() && !lines[end].trim().is_empty() {
            end += 1;
        }
        skip = c..end;
    }
    let Some(body_start) = lines.iter().enumerate().position(|(i, l)| !skip.contains(&i) && is_body_start(l.trim()))
    else {
        return Err(Diagnostic::error("the text has no chapter \"I. …\" and no paragraph \"1. …\"")
            .with_hint("a report in the reference shape starts its body with `I. Title` or `1. Text`")
            .into());
    };
    let mut draft = Draft { contents: contents.is_some(), ..Default::default() };
    let masthead_lines: Vec<&str> =
        lines[..body_start].iter().enumerate().filter(|(i, _)| !skip.contains(i)).map(|(_, l)| *l).collect();
    let notes = masthead(&masthead_lines, &mut draft, &mut warnings);
    let mut reader = BodyReader { notes, ..Default::default() };
    // For each line, the number of the next numbered line after it, to tell a group heading
    // "1. Title" from paragraph 1 that follows it (one pass from the end).
    let mut next_number = vec![None; lines.len()];
    let mut seen = None;
    for (i, l) in lines.iter().enumerate().rev() {
        next_number[i] = seen;
        if let Shape::Numbered { num, .. } = shape(l.trim()) {
            seen = Some(num);
        }
    }
    for (i, raw) in lines.iter().enumerate().skip(body_start) {
        reader.next_number = next_number[i];
        reader.line(i + 1, raw, &mut warnings);
    }
    reader.finish(&mut draft, &mut warnings);
    Ok((draft, warnings))
}

fn is_body_start(line: &str) -> bool {
    line.strip_prefix("I. ").is_some_and(|r| !r.trim().is_empty()) || line.starts_with("1. ")
}

// ---------------------------------------------------------------------------------------------
// Masthead

/// Reads the masthead into `draft`; returns the footnotes found among its lines (the cover-page
/// `*` note) as (marker, text, line).
fn masthead(lines: &[&str], draft: &mut Draft, warnings: &mut Vec<Diagnostic>) -> Vec<(String, String, usize)> {
    // Groups of consecutive non-blank lines, with their line numbers.
    let mut groups: Vec<Vec<(usize, String)>> = Vec::new();
    let mut current = Vec::new();
    let mut notes = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim();
        if let Shape::Footnote { marker, text } = shape(t) {
            notes.push((marker, text.to_string(), i + 1));
            continue;
        }
        if t.is_empty() {
            if !current.is_empty() {
                groups.push(std::mem::take(&mut current));
            }
        } else {
            current.push((i + 1, t.to_string()));
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    // The title is the last group; everything after "Original:" and before it is the caption.
    let title_group = groups.pop().unwrap_or_default();
    draft.title = escape_keep_emphasis(&title_group.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" "));
    if draft.title.is_empty() {
        warnings.push(Diagnostic::warning("no title found before the first chapter"));
    }
    // The organ and the caption lines, in order: the organ comes first, whether the caption
    // stands after "Original:" (the printed page) or before "Distr.:" (our text writer).
    let mut others: Vec<(usize, String)> = Vec::new();
    for (n, t) in groups.into_iter().flatten() {
        let t = t.as_str();
        let rest = t.strip_prefix("United Nations").map(str::trim);
        if let Some(rest) = rest
            && (rest.is_empty() || is_symbol(rest))
        {
            if !rest.is_empty() {
                draft.symbol = rest.to_string();
            }
        } else if is_symbol(t) {
            draft.symbol = t.to_string();
        } else if let Some(d) = t.strip_prefix("Distr.:") {
            draft.distribution = Some(d.trim().to_string());
        } else if let Some(o) = t.strip_prefix("Original:") {
            draft.original = Some(o.trim().to_string());
        } else if draft.date.is_none() && draft.distribution.is_some() && parse_long_date(t).is_some() {
            draft.date = parse_long_date(t);
        } else if is_job_number(t) {
            draft.job_number = Some(t.split("  ").next().unwrap_or(t).to_string());
        } else if t.len() > 2
            && t.starts_with('*')
            && t.ends_with('*')
            && t[1..t.len() - 1].chars().all(|c| c.is_ascii_digit())
        {
            // The bar code text; derived from the job number.
        } else {
            others.push((n, t.to_string()));
        }
    }
    let mut others = others.into_iter();
    match others.next() {
        Some((_, organ)) => draft.organ = organ,
        None => warnings.push(Diagnostic::warning("no organ line found in the masthead")),
    }
    let caption: Vec<(usize, String)> = others.collect();
    for (i, (n, line)) in caption.iter().enumerate() {
        if i == 0 {
            draft.meeting_name = line.clone();
            continue;
        }
        if let Some((venue, span)) = line.split_once(", ")
            && let Some(days) = parse_date_span(span)
        {
            draft.venue = venue.to_string();
            draft.dates = days;
        } else if line.starts_with("Item ") || line.starts_with("Items ") {
            draft.caption_item = Some(line.clone());
        } else if line.to_lowercase().ends_with("session") && draft.meeting_session.is_none() {
            draft.meeting_session = Some(line.clone());
        } else {
            warnings.push(warn_at(*n, format!("masthead line not understood, kept nowhere: `{line}`")));
        }
    }
    if draft.dates.is_empty() {
        warnings.push(Diagnostic::warning("the meeting caption has no \"Venue, dates\" line"));
    }
    notes
}

/// `CTOC/COP/WG.4/2009/2`, `A/HRC/10/3/Add.1`.
fn is_symbol(s: &str) -> bool {
    s.contains('/')
        && !s.contains(' ')
        && s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-'))
}

/// `V.09-82790 (E)`, possibly followed by date stamps.
fn is_job_number(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 14
        && b[0].is_ascii_uppercase()
        && b[1] == b'.'
        && b[2..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..10].iter().all(u8::is_ascii_digit)
        && s[10..].starts_with(" (")
}

// ---------------------------------------------------------------------------------------------
// Body

/// Where the last text went, for continuation lines.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Last {
    Heading,
    Paragraph,
    /// The item at this depth (0 = top level) of the current paragraph.
    Item(usize),
}

#[derive(Default)]
struct BodyReader {
    chapters: Vec<DraftChapter>,
    /// Chapter and section numbers seen so far (1-based counts).
    chapter_count: usize,
    section_count: usize,
    last_para: Option<u32>,
    last: Option<Last>,
    /// Footnotes in the order their lines come: (marker, text, line).
    notes: Vec<(String, String, usize)>,
    /// Whether paragraphs now go into the last section (else into the chapter).
    in_section: bool,
    /// Numbered group headings seen in the current section, and whether one is open.
    group_count: usize,
    in_group: bool,
    /// The number of the next numbered line after the current one.
    next_number: Option<u32>,
    /// Whether the last non-blank line was a footnote.
    after_note: bool,
    annexes: Vec<DraftAnnex>,
    /// Paragraphs now go into the last annex.
    in_annex: bool,
    /// "Annex II" stood alone: the next line is its title.
    annex_title_pending: bool,
    /// "Table N" stood alone: the next line is its caption.
    table_caption_pending: bool,
    /// The decision being read, if any.
    decision: Option<OpenDecision>,
}

/// A decision quoted in full, while its lines are read.
#[derive(Default)]
struct OpenDecision {
    kind: String,
    number: String,
    title: String,
    title_pending: bool,
    preamble: Vec<DraftParagraph>,
    operative: Vec<DraftParagraph>,
    line: usize,
}

const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// The digit or letter a superscript character stands for (footnote markers: ¹ in the body, ᵃ
/// in tables and annexes).
fn superscript_digit(c: char) -> Option<char> {
    if let Some(i) = SUPERSCRIPTS.iter().position(|s| *s == c) {
        return Some((b'0' + i as u8) as char);
    }
    crate::writers::text::SUPERSCRIPT_LETTERS.iter().position(|l| *l == c && c != 'q').map(|i| (b'a' + i as u8) as char)
}

fn roman(n: usize) -> String {
    crate::generate::roman(n as u32)
}

fn from_roman(s: &str) -> Option<usize> {
    (1..=100).find(|n| roman(*n) == s)
}

fn letter(n: usize) -> String {
    if (1..=26).contains(&n) { ((b'A' + (n - 1) as u8) as char).to_string() } else { String::new() }
}

fn lower_roman_value(s: &str) -> Option<usize> {
    (1..=40).find(|n| roman(*n).to_lowercase() == s)
}

/// A line's shape.
enum Shape<'a> {
    /// "Resolution 9/1", "Decision 4/4": a decision quoted in full follows (title, preamble,
    /// operative paragraphs numbered from 1).
    Decision {
        kind: &'a str,
        number: &'a str,
    },
    /// "In favour: …", "Against: …", "Abstaining: …" under a recorded vote.
    VoteItem {
        label: &'a str,
        text: &'a str,
    },
    /// "Table 3": a table follows (caption, then rows of cells separated by " | ").
    Table,
    /// A row of a table: "cell | cell | cell".
    Row(&'a str),
    /// "Annex", "Annex II", "Annex II Title".
    Annex {
        title: Option<&'a str>,
    },
    Footnote {
        marker: String,
        text: &'a str,
    },
    Chapter {
        label: &'a str,
        title: &'a str,
    },
    Section {
        label: &'a str,
        title: &'a str,
    },
    Numbered {
        num: u32,
        text: &'a str,
    },
    Item {
        label: &'a str,
        text: &'a str,
    },
    Other(&'a str),
}

fn shape(line: &str) -> Shape<'_> {
    // Footnote: superscript numeral(s) then a space, or "* ".
    let marker: String = line.chars().map_while(superscript_digit).collect();
    if !marker.is_empty() {
        let rest = &line[line.char_indices().nth(marker.chars().count()).map_or(line.len(), |(i, _)| i)..];
        if let Some(text) = rest.strip_prefix(' ') {
            return Shape::Footnote { marker, text: text.trim() };
        }
    }
    if let Some(text) = line.strip_prefix("* ") {
        return Shape::Footnote { marker: "*".into(), text: text.trim() };
    }
    for kind in ["Resolution ", "Decision "] {
        if let Some(number) = line.strip_prefix(kind)
            && !number.is_empty()
            && number.contains('/')
            && number.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-'))
        {
            return Shape::Decision { kind: kind.trim_end(), number };
        }
    }
    for label in ["In favour: ", "Against: ", "Abstaining: "] {
        if let Some(text) = line.strip_prefix(label) {
            return Shape::VoteItem { label: label.trim_end(), text };
        }
    }
    if line.strip_prefix("Table ").is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())) {
        return Shape::Table;
    }
    if line.contains(" | ") {
        return Shape::Row(line);
    }
    if let Some(rest) = line.strip_prefix("Annex") {
        let rest = rest.trim_start();
        if rest.is_empty() {
            return Shape::Annex { title: None };
        }
        if line.as_bytes().get(5) == Some(&b' ') {
            let (label, title) = rest.split_once(' ').unwrap_or((rest, ""));
            if from_roman(label).is_some() {
                let title = title.trim();
                return Shape::Annex { title: (!title.is_empty()).then_some(title) };
            }
        }
    }
    if let Some((label, rest)) = line.split_once(". ") {
        let rest = rest.trim_start();
        if !label.is_empty() && label.chars().all(|c| c.is_ascii_digit()) && label.len() < 5 {
            if let Ok(num) = label.parse() {
                return Shape::Numbered { num, text: rest };
            }
        } else if label.len() == 1 && label.chars().all(|c| c.is_ascii_uppercase()) && !rest.is_empty() {
            return Shape::Section { label, title: rest };
        } else if from_roman(label).is_some() && !rest.is_empty() {
            return Shape::Chapter { label, title: rest };
        }
    }
    let item_line = line.strip_prefix("- ").map(str::trim_start).unwrap_or(line);
    if let Some(rest) = item_line.strip_prefix('(')
        && let Some((label, text)) = rest.split_once(") ")
        && !label.is_empty()
        && label.len() <= 5
        && label.chars().all(|c| c.is_ascii_lowercase())
    {
        return Shape::Item { label: &item_line[..label.len() + 2], text: text.trim_start() };
    }
    Shape::Other(line)
}

fn unfinished(text: &str) -> bool {
    !text.trim_end().ends_with(['.', ';', ':', '?', '!'])
}

impl BodyReader {
    fn chapter(&mut self) -> &mut DraftChapter {
        if self.chapters.is_empty() {
            self.chapters.push(DraftChapter::default());
        }
        self.chapters.last_mut().expect("a chapter")
    }

    /// The sections of the current chapter or annex.
    fn sections(&mut self) -> &mut Vec<DraftSection> {
        if self.in_annex && !self.annexes.is_empty() {
            return &mut self.annexes.last_mut().expect("an annex").sections;
        }
        &mut self.chapter().sections
    }

    /// The list paragraphs go into now.
    // `if let Some(d) = self.decision.as_mut() { return … }` is refused by today's borrow checker
    // (a conditional return of a borrow); the check-then-expect form is what it accepts.
    #[allow(clippy::unnecessary_unwrap)]
    fn paragraphs(&mut self) -> &mut Vec<DraftParagraph> {
        if self.decision.is_some() {
            let d = self.decision.as_mut().expect("a decision");
            return if d.operative.is_empty() { &mut d.preamble } else { &mut d.operative };
        }
        let (in_section, in_group) = (self.in_section, self.in_group);
        if self.in_annex && !self.annexes.is_empty() {
            let annex = self.annexes.last_mut().expect("an annex");
            if in_section && let Some(s) = annex.sections.last_mut() {
                return &mut s.paragraphs;
            }
            return &mut annex.paragraphs;
        }
        let ch = self.chapter();
        if in_section && let Some(s) = ch.sections.last_mut() {
            if in_group && let Some(g) = s.groups.last_mut() {
                return &mut g.paragraphs;
            }
            return &mut s.paragraphs;
        }
        &mut ch.paragraphs
    }

    /// Ends the decision being read: it stands where it began, as one paragraph definition.
    fn close_decision(&mut self) {
        let Some(d) = self.decision.take() else { return };
        let def = |p: &DraftParagraph, numbered: bool| ParagraphDef {
            id: None,
            numbered,
            negotiation: Default::default(),
            kind: ParagraphKind::Text {
                text: p.text.clone(),
                items: p.items.iter().map(|i| i.to_def(false)).collect(),
            },
        };
        let decision = DecisionDef {
            id: Some(crate::generate::slug(&format!("{} {}", d.kind, d.number))),
            kind: DecisionKind::from_key(&d.kind).unwrap_or_default(),
            draft: false,
            number: d.number,
            title: d.title,
            // Preambular paragraphs are never numbered; `numbered` is left at its default.
            preamble: d.preamble.iter().map(|p| def(p, true)).collect(),
            operative: d.operative.iter().map(|p| def(p, true)).collect(),
            vote: None,
        };
        let special = ParagraphDef::new(ParagraphKind::Decision(decision));
        self.paragraphs().push(DraftParagraph { special: Some(special), line: d.line, ..Default::default() });
        self.last = Some(Last::Heading);
    }

    /// The table being read: the last element, if it is a table.
    fn current_table(&mut self) -> Option<&mut TableDef> {
        self.paragraphs().last_mut()?.special.as_mut()?.table_mut()
    }

    fn current_paragraph(&mut self) -> Option<&mut DraftParagraph> {
        self.paragraphs().last_mut()
    }

    fn line(&mut self, n: usize, raw: &str, warnings: &mut Vec<Diagnostic>) {
        let line = raw.trim();
        if line.is_empty() {
            return;
        }
        let after_note = std::mem::take(&mut self.after_note);
        let shape = shape(line);
        if std::mem::take(&mut self.annex_title_pending)
            && let Shape::Other(title) = shape
            && let Some(annex) = self.annexes.last_mut()
        {
            annex.title = escape_keep_emphasis(title);
            self.last = Some(Last::Heading);
            return;
        }
        if self.decision.is_some() {
            match shape {
                Shape::Chapter { .. }
                | Shape::Section { .. }
                | Shape::Annex { .. }
                | Shape::Decision { .. }
                | Shape::Table => self.close_decision(),
                Shape::Other(text) => {
                    let d = self.decision.as_mut().expect("a decision");
                    if std::mem::take(&mut d.title_pending) {
                        d.title = escape_keep_emphasis(text);
                        return;
                    }
                    // Preambular paragraphs end in commas: each line is one, unless it goes on
                    // in lower case.
                    if d.operative.is_empty() && !text.starts_with(|c: char| c.is_lowercase()) {
                        d.preamble.push(DraftParagraph {
                            text: escape_keep_emphasis(text),
                            line: n,
                            ..Default::default()
                        });
                        self.last = Some(Last::Paragraph);
                        return;
                    }
                }
                Shape::Numbered { num, text } => {
                    let d = self.decision.as_mut().expect("a decision");
                    let expected = d.operative.len() + 1;
                    if num as usize != expected {
                        warnings.push(warn_at(n, format!("operative paragraph {num} where {expected} was expected")));
                    }
                    d.operative.push(DraftParagraph {
                        num: Some(num.to_string()),
                        text: escape_keep_emphasis(text),
                        line: n,
                        ..Default::default()
                    });
                    self.last = Some(Last::Paragraph);
                    return;
                }
                _ => {}
            }
        }
        if std::mem::take(&mut self.table_caption_pending)
            && let Shape::Other(caption) = shape
            && let Some(t) = self.current_table()
        {
            t.caption = escape_keep_emphasis(caption);
            return;
        }
        match shape {
            Shape::Decision { kind, number } => {
                self.decision = Some(OpenDecision {
                    kind: kind.to_lowercase(),
                    number: number.to_string(),
                    title_pending: true,
                    line: n,
                    ..Default::default()
                });
                self.last = Some(Last::Heading);
            }
            Shape::VoteItem { label, text } => match self.current_paragraph() {
                Some(p) if p.items.iter().all(|i| !i.label.starts_with('(')) => {
                    p.items.push(DraftItem {
                        label: label.to_string(),
                        text: escape_keep_emphasis(text),
                        ..Default::default()
                    });
                    self.last = Some(Last::Item(0));
                }
                _ => self.other(n, &format!("{label} {text}"), after_note, warnings),
            },
            Shape::Table => {
                let table = TableDef { caption: String::new(), ..Default::default() };
                let def = ParagraphDef::new(ParagraphKind::Table(table));
                self.paragraphs().push(DraftParagraph { special: Some(def), line: n, ..Default::default() });
                self.table_caption_pending = true;
                self.last = Some(Last::Heading);
            }
            Shape::Row(row) => {
                let cells: Vec<String> = row.split(" | ").map(|c| escape_keep_emphasis(c.trim())).collect();
                let starts_table = self.in_annex && matches!(self.last, Some(Last::Heading));
                match self.current_table() {
                    Some(t) if t.header.is_empty() && t.rows.is_empty() => t.header = cells,
                    Some(t) => t.rows.push(cells),
                    // A " | " in running text is text, not a table.
                    None if !starts_table => self.other(n, row, after_note, warnings),
                    None => {
                        // A table without number or caption (the generated list of documents).
                        let table = TableDef { header: cells, ..Default::default() };
                        let def = ParagraphDef::new(ParagraphKind::Table(table));
                        self.paragraphs().push(DraftParagraph { special: Some(def), line: n, ..Default::default() });
                        self.last = Some(Last::Heading);
                    }
                }
            }
            Shape::Annex { title } => {
                // Annexes number their paragraphs (and letter their notes) afresh.
                self.annexes.push(DraftAnnex {
                    title: title.map(escape_keep_emphasis).unwrap_or_default(),
                    ..Default::default()
                });
                self.annex_title_pending = title.is_none();
                self.in_annex = true;
                self.in_section = false;
                self.in_group = false;
                self.section_count = 0;
                self.group_count = 0;
                self.last_para = None;
                self.last = Some(Last::Heading);
            }
            Shape::Footnote { marker, text } => {
                self.notes.push((marker, text.to_string(), n));
                self.after_note = true;
            }
            Shape::Chapter { label, title } => {
                let expected_section = letter(self.section_count + 1);
                if self.in_section && label == expected_section && label.len() == 1 {
                    self.section(n, label, title, warnings);
                } else {
                    self.open_chapter(n, label, title, warnings);
                }
            }
            Shape::Section { label, title } => {
                let expected_chapter = roman(self.chapter_count + 1);
                let expected_section = letter(self.section_count + 1);
                if label == expected_chapter && label != expected_section {
                    self.open_chapter(n, label, title, warnings);
                } else {
                    self.section(n, label, title, warnings);
                }
            }
            Shape::Numbered { num, text } => self.numbered(n, num, text, warnings),
            Shape::Item { label, text } => self.item(n, label, text, warnings),
            Shape::Other(text) => self.other(n, text, after_note, warnings),
        }
    }

    fn open_chapter(&mut self, n: usize, label: &str, title: &str, warnings: &mut Vec<Diagnostic>) {
        if self.in_annex {
            warnings.push(warn_at(n, format!("chapter {label} after an annex; kept as a chapter (check its place)")));
            self.in_annex = false;
        }
        let expected = roman(self.chapter_count + 1);
        if label != expected {
            warnings.push(warn_at(n, format!("chapter {label} where chapter {expected} was expected")));
        }
        self.chapter_count = from_roman(label).unwrap_or(self.chapter_count + 1);
        self.section_count = 0;
        self.in_section = false;
        self.group_count = 0;
        self.in_group = false;
        self.chapters.push(DraftChapter { title: escape_keep_emphasis(title), ..Default::default() });
        self.last = Some(Last::Heading);
    }

    fn section(&mut self, n: usize, label: &str, title: &str, warnings: &mut Vec<Diagnostic>) {
        let expected = letter(self.section_count + 1);
        if label != expected {
            warnings.push(warn_at(n, format!("section {label} where section {expected} was expected")));
        }
        self.section_count = (label.as_bytes()[0] - b'A' + 1) as usize;
        self.in_section = true;
        self.group_count = 0;
        self.in_group = false;
        let title = escape_keep_emphasis(title);
        self.sections().push(DraftSection { title, ..Default::default() });
        self.last = Some(Last::Heading);
    }

    fn numbered(&mut self, n: usize, num: u32, text: &str, warnings: &mut Vec<Diagnostic>) {
        let expected = self.last_para.map_or(1, |p| p + 1);
        if num != expected && matches!(self.last, Some(Last::Paragraph | Last::Item(_))) {
            // "1. Organizational matters:" under "…adopted the following agenda:".
            if let Some(p) = self.current_paragraph() {
                let numeric_items = p.items.iter().filter(|i| i.label.ends_with('.')).count();
                let opens_list = p.text.trim_end().ends_with(':');
                if num != expected && opens_list && numeric_items + 1 == num as usize && numeric_items == p.items.len()
                {
                    p.items.push(DraftItem {
                        label: format!("{num}."),
                        text: escape_keep_emphasis(text),
                        ..Default::default()
                    });
                    self.last = Some(Last::Item(0));
                    return;
                }
            }
        }
        // "1. Victims of trafficking": a group heading inside a section — the next group number,
        // not the next paragraph number, and no final punctuation.
        if (num != expected || self.next_number == Some(expected))
            && self.in_section
            && num as usize == self.group_count + 1
            && !text.trim_end().ends_with(['.', ':', ';', ','])
            && text.chars().count() < 200
        {
            self.group_count += 1;
            self.in_group = true;
            let title = escape_keep_emphasis(text);
            if let Some(s) = self.sections().last_mut() {
                s.groups.push(crate::import::DraftGroup { title, ..Default::default() });
            }
            self.last = Some(Last::Heading);
            return;
        }
        if num != expected {
            let after = self.last_para.map_or("the start".to_string(), |p| format!("paragraph {p}"));
            warnings.push(
                warn_at(
                    n,
                    format!("paragraph {num} follows {after} (expected {expected}); kept in the order of the text"),
                )
                .with_hint("the imported session numbers paragraphs afresh: check the order"),
            );
        }
        self.last_para = Some(num);
        let para = DraftParagraph {
            num: Some(num.to_string()),
            text: escape_keep_emphasis(text),
            line: n,
            ..Default::default()
        };
        self.paragraphs().push(para);
        self.last = Some(Last::Paragraph);
    }

    fn item(&mut self, n: usize, label: &str, text: &str, warnings: &mut Vec<Diagnostic>) {
        let inner = &label[1..label.len() - 1];
        let text = escape_keep_emphasis(text);
        let Some(p) = self.current_paragraph() else {
            warnings
                .push(warn_at(n, format!("sub-item {label} outside any paragraph; kept as an unnumbered paragraph")));
            let para = DraftParagraph { text: format!("{label} {text}"), line: n, ..Default::default() };
            self.paragraphs().push(para);
            self.last = Some(Last::Paragraph);
            return;
        };
        let last_top = p.items.last().map(|i| i.label.clone());
        let next_letter = match &last_top {
            None => "a".to_string(),
            Some(l) if l.starts_with('(') && l.len() == 3 => ((l.as_bytes()[1] + 1) as char).to_string(),
            Some(_) => String::new(),
        };
        let nested_under_numbered = last_top.as_deref().is_some_and(|l| l.ends_with('.'));
        let nested_roman =
            !nested_under_numbered && inner != next_letter && lower_roman_value(inner).is_some() && last_top.is_some();
        if nested_under_numbered || nested_roman {
            let parent = p.items.last_mut().expect("a top-level item");
            parent.items.push(DraftItem { label: label.to_string(), text, ..Default::default() });
            self.last = Some(Last::Item(1));
        } else {
            if inner != next_letter && !next_letter.is_empty() {
                warnings.push(warn_at(n, format!("sub-item {label} where ({next_letter}) was expected")));
            }
            p.items.push(DraftItem { label: label.to_string(), text, ..Default::default() });
            self.last = Some(Last::Item(0));
        }
    }

    fn other(&mut self, n: usize, text: &str, after_note: bool, warnings: &mut Vec<Diagnostic>) {
        // A long footnote wraps: its unfinished last line continues on the next.
        if after_note
            && let Some(note) = self.notes.last_mut()
            && unfinished(&note.1)
        {
            note.1.push(' ');
            note.1.push_str(text);
            self.after_note = true;
            return;
        }
        let text = escape_keep_emphasis(text);
        let lower_start = text.starts_with(|c: char| c.is_lowercase());
        // In an annex, unnumbered paragraphs are the rule (lists of names, say): a line in upper
        // case after a heading or after another unnumbered paragraph is one of them.
        let unnumbered_before = matches!(self.last, Some(Last::Heading))
            || (matches!(self.last, Some(Last::Paragraph))
                && self.current_paragraph().is_some_and(|p| p.num.is_none() && p.special.is_none()));
        if self.in_annex && self.decision.is_none() && !lower_start && unnumbered_before {
            let para = DraftParagraph { text, line: n, ..Default::default() };
            self.paragraphs().push(para);
            self.last = Some(Last::Paragraph);
            return;
        }
        let last = self.last;
        let target: Option<&mut String> = match last {
            Some(Last::Paragraph) => self.current_paragraph().map(|p| &mut p.text),
            Some(Last::Item(depth)) => self.current_paragraph().and_then(|p| {
                let top = p.items.last_mut()?;
                if depth == 0 { Some(&mut top.text) } else { top.items.last_mut().map(|i| &mut i.text) }
            }),
            _ => None,
        };
        if let Some(target) = target
            && (unfinished(target) || lower_start)
        {
            target.push(' ');
            target.push_str(&text);
            return;
        }
        warnings.push(
            warn_at(
                n,
                format!(
                    "line not placed (no paragraph number, and nothing unfinished before it): `{}`",
                    shorten(&text)
                ),
            )
            .with_hint("kept as an unnumbered paragraph; join it to its paragraph or give it a number"),
        );
        let para = DraftParagraph { text, line: n, ..Default::default() };
        self.paragraphs().push(para);
        self.last = Some(Last::Paragraph);
    }

    fn finish(mut self, draft: &mut Draft, warnings: &mut Vec<Diagnostic>) {
        self.close_decision();
        // Ids for chapters and sections, from their titles.
        let mut used = UsedIds::default();
        for ch in &mut self.chapters {
            ch.id = Some(unique(&slug(&ch.title, 3), &mut used));
            for s in &mut ch.sections {
                s.id = Some(unique(&slug(&s.title, 3), &mut used));
                for g in &mut s.groups {
                    g.id = Some(unique(&slug(&g.title, 3), &mut used));
                }
            }
        }
        // Footnotes: marker -> id, with structured citations where recognised.
        // A marker may stand for several notes (lettered notes start again at "a" in each table
        // and annex): each citation takes the first unused note with its marker at or after it.
        let mut by_marker: Notes = HashMap::new();
        let mut defs: BTreeMap<String, FootnoteDef> = BTreeMap::new();
        let mut note_used = UsedIds::default();
        let mut note_ids = Vec::new();
        for (marker, text, n) in &self.notes {
            let markup = escape_keep_emphasis(text);
            let def = citation(&markup).unwrap_or(FootnoteDef { text: Some(markup), ..Default::default() });
            let id = unique(&footnote_id(&def, marker), &mut note_used);
            by_marker.entry(marker.clone()).or_default().push((*n, id.clone()));
            note_ids.push(id.clone());
            defs.insert(id, def);
        }
        // Markers in the text become [^id].
        let mut cited = HashSet::new();
        let title = std::mem::take(&mut draft.title);
        draft.title = attach_notes(&title, &by_marker, &mut cited, 0, warnings);
        if let Some(item) = draft.caption_item.take() {
            // "Item 2 of the provisional agenda*": the `*` is the cover-page note's marker.
            let item = match (item.strip_suffix('*'), by_marker.get("*").and_then(|v| v.first()).map(|(_, id)| id)) {
                (Some(head), Some(id)) => {
                    cited.insert(id.clone());
                    format!("{}[^{id}]", escape_keep_emphasis(head))
                }
                _ => escape_keep_emphasis(&item),
            };
            draft.caption_item = Some(attach_notes(&item, &by_marker, &mut cited, 0, warnings));
        }
        let chapter_ids: Vec<String> = self.chapters.iter().map(|c| c.id.clone().unwrap_or_default()).collect();
        for ch in &mut self.chapters {
            ch.title = attach_notes(&ch.title, &by_marker, &mut cited, 0, warnings);
            for p in &mut ch.paragraphs {
                fix_paragraph(p, &by_marker, &mut cited, &chapter_ids, warnings);
            }
            for s in &mut ch.sections {
                s.title = attach_notes(&s.title, &by_marker, &mut cited, 0, warnings);
                for p in &mut s.paragraphs {
                    fix_paragraph(p, &by_marker, &mut cited, &chapter_ids, warnings);
                }
                for g in &mut s.groups {
                    g.title = attach_notes(&g.title, &by_marker, &mut cited, 0, warnings);
                    for p in &mut g.paragraphs {
                        fix_paragraph(p, &by_marker, &mut cited, &chapter_ids, warnings);
                    }
                }
            }
        }
        for annex in &mut self.annexes {
            annex.title = attach_notes(&annex.title, &by_marker, &mut cited, 0, warnings);
            for p in &mut annex.paragraphs {
                fix_paragraph(p, &by_marker, &mut cited, &chapter_ids, warnings);
            }
            for s in &mut annex.sections {
                s.title = attach_notes(&s.title, &by_marker, &mut cited, 0, warnings);
                for p in &mut s.paragraphs {
                    fix_paragraph(p, &by_marker, &mut cited, &chapter_ids, warnings);
                }
            }
        }
        for ((marker, _, n), id) in self.notes.iter().zip(&note_ids) {
            if !cited.contains(id) {
                warnings.push(warn_at(*n, format!("footnote {marker} is cited nowhere in the text; kept as `{id}`")));
            }
        }
        draft.footnotes = defs;
        draft.chapters = self.chapters;
        // An annex that opens with the documents table (as `generate: documents` prints it).
        for annex in &mut self.annexes {
            let Some(t) = annex.paragraphs.first().and_then(|p| p.special.as_ref()).and_then(|s| s.table()) else {
                continue;
            };
            if t.header == ["Document symbol", "Agenda item", "Title or description"]
                && t.rows.iter().all(|r| r.len() == 3)
            {
                annex.document_rows = Some(t.rows.iter().map(|r| (r[0].clone(), r[1].clone(), r[2].clone())).collect());
                annex.paragraphs.remove(0);
            }
        }
        draft.annexes = self.annexes;
    }
}

fn fix_paragraph(
    p: &mut DraftParagraph,
    notes: &Notes,
    cited: &mut HashSet<String>,
    chapter_ids: &[String],
    warnings: &mut Vec<Diagnostic>,
) {
    if let Some(d) = p.special.as_mut().and_then(|s| s.decision_mut()) {
        fn defs(
            list: &mut [ItemDef],
            notes: &Notes,
            cited: &mut HashSet<String>,
            line: usize,
            warnings: &mut Vec<Diagnostic>,
        ) {
            for it in list {
                it.text = attach_notes(&it.text, notes, cited, line, warnings);
                defs(&mut it.items, notes, cited, line, warnings);
            }
        }
        d.title = attach_notes(&d.title, notes, cited, p.line, warnings);
        for q in d.preamble.iter_mut().chain(d.operative.iter_mut()) {
            if let ParagraphKind::Text { text, items } = &mut q.kind {
                *text = chapter_refs(&attach_notes(text, notes, cited, p.line, warnings), chapter_ids);
                defs(items, notes, cited, p.line, warnings);
            }
        }
    }
    if let Some(t) = p.special.as_mut().and_then(|s| s.table_mut()) {
        t.caption = attach_notes(&t.caption, notes, cited, p.line, warnings);
        for cell in t.header.iter_mut().chain(t.rows.iter_mut().flatten()) {
            *cell = attach_notes(cell, notes, cited, p.line, warnings);
        }
    }
    p.text = chapter_refs(&attach_notes(&p.text, notes, cited, p.line, warnings), chapter_ids);
    fn items(
        list: &mut [DraftItem],
        notes: &Notes,
        cited: &mut HashSet<String>,
        line: usize,
        chapter_ids: &[String],
        warnings: &mut Vec<Diagnostic>,
    ) {
        for it in list {
            it.text = chapter_refs(&attach_notes(&it.text, notes, cited, line, warnings), chapter_ids);
            items(&mut it.items, notes, cited, line, chapter_ids, warnings);
        }
    }
    items(&mut p.items, notes, cited, p.line, chapter_ids, warnings);
}

/// Replaces superscript numerals with `[^id]`.
/// Footnote marker → the notes with that marker: (line of the note, id), in order.
type Notes = HashMap<String, Vec<(usize, String)>>;

fn attach_notes(
    text: &str,
    notes: &Notes,
    cited: &mut HashSet<String>,
    line: usize,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if superscript_digit(c).is_some() {
            let mut marker = String::from(superscript_digit(c).unwrap_or('0'));
            let mut raw = String::from(c);
            while let Some(&d) = chars.peek() {
                let Some(digit) = superscript_digit(d) else { break };
                marker.push(digit);
                raw.push(d);
                chars.next();
            }
            let candidates = notes.get(&marker).map(Vec::as_slice).unwrap_or_default();
            // The notes of one marker are in line order: start at the first one at or after this
            // line instead of scanning from the top (a long text has thousands of note "1"s).
            let from = candidates.partition_point(|(l, _)| *l < line);
            let chosen = candidates[from..]
                .iter()
                .find(|(_, id)| !cited.contains(id))
                .or_else(|| candidates.iter().find(|(_, id)| !cited.contains(id)))
                .or_else(|| candidates.iter().find(|(l, _)| *l >= line))
                .or(candidates.last());
            match chosen {
                Some((_, id)) => {
                    cited.insert(id.clone());
                    out.push_str(&format!("[^{id}]"));
                }
                None => {
                    warnings.push(warn_at(line, format!("footnote marker {raw} has no footnote line; kept as text")));
                    out.push_str(&raw);
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// "chapter I of the present report" → "{chapter:id} of the present report"; "chapters II-VI of
/// the present report" → "{chapters:a..b} of the present report".
fn chapter_refs(text: &str, chapter_ids: &[String]) -> String {
    const TAIL: &str = " of the present report";
    let id = |r: &str| from_roman(r).and_then(|n| chapter_ids.get(n - 1)).filter(|s| !s.is_empty());
    let mut out = String::new();
    let mut rest = text;
    while let Some(pos) = rest.find("chapter") {
        out.push_str(&rest[..pos]);
        let after = &rest[pos..];
        let (plural, body) = if let Some(b) = after.strip_prefix("chapters ") {
            (true, b)
        } else if let Some(b) = after.strip_prefix("chapter ") {
            (false, b)
        } else {
            out.push_str("chapter");
            rest = &after["chapter".len()..];
            continue;
        };
        let mut label_len =
            body.find(|c: char| !(c.is_ascii_uppercase() || c == '-' || c == '\u{2013}')).unwrap_or(body.len());
        // "chapters II and III" (two consecutive chapters, as house style writes them).
        if plural && let Some(second) = body[label_len..].strip_prefix(" and ") {
            let len = second.find(|c: char| !c.is_ascii_uppercase()).unwrap_or(second.len());
            if len > 0 {
                label_len += " and ".len() + len;
            }
        }
        let label = &body[..label_len];
        let tail_ok = body[label_len..].starts_with(TAIL);
        let replaced = if !tail_ok {
            None
        } else if plural {
            label
                .split_once(['-', '\u{2013}'])
                .or_else(|| label.split_once(" and "))
                .and_then(|(a, b)| Some((id(a)?, id(b)?)))
                .map(|(a, b)| format!("{{chapters:{a}..{b}}}"))
        } else {
            id(label).map(|a| format!("{{chapter:{a}}}"))
        };
        match replaced {
            Some(r) => {
                out.push_str(&r);
                rest = &body[label_len..];
            }
            None => {
                let word = if plural { "chapters " } else { "chapter " };
                out.push_str(word);
                rest = body;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escapes markup characters except `*`, which the extraction uses for italics as we do.
/// Escapes markup characters except the `*` of emphasis: a `*` is kept as a mark only when it
/// can be one — not standing alone between spaces ("5 * 3"), and paired with another.
fn escape_keep_emphasis(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let lone = |i: usize| {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace)
    };
    let marks = (0..chars.len()).filter(|&i| chars[i] == '*' && !lone(i)).count();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let escape_star = c == '*' && (lone(i) || marks % 2 == 1);
        if matches!(c, '\\' | '[' | ']' | '{' | '}' | '^' | '|') || escape_star {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 60 { format!("{}…", s.chars().take(60).collect::<String>()) } else { s.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(matches!(shape("¹ United Nations"), Shape::Footnote { .. }));
        assert!(matches!(shape("IV. Consideration"), Shape::Chapter { label: "IV", .. }));
        assert!(matches!(shape("B. Adoption"), Shape::Section { label: "B", .. }));
        assert!(
            matches!(shape("I. Victim protection"), Shape::Section { label: "I", .. }),
            "a single letter: told apart later"
        );
        assert!(matches!(shape("12. Text"), Shape::Numbered { num: 12, .. }));
        assert!(matches!(shape("- (a) Text"), Shape::Item { label: "(a)", .. }));
        assert!(matches!(shape("(ii) Text"), Shape::Item { label: "(ii)", .. }));
        assert!(matches!(shape("parties to the Protocol"), Shape::Other(_)));
    }

    #[test]
    fn refs() {
        let ids = vec!["a".to_string(), "b".into(), "c".into()];
        assert_eq!(
            chapter_refs("in chapter I of the present report and chapters II-III of the present report", &ids),
            "in {chapter:a} of the present report and {chapters:b..c} of the present report"
        );
        assert_eq!(chapter_refs("chapter IX of the present report", &ids), "chapter IX of the present report");
        // As the builder writes ranges now: "and" for two consecutive chapters, an en dash beyond.
        assert_eq!(
            chapter_refs("chapters II and III of the present report", &ids),
            "{chapters:b..c} of the present report"
        );
        assert_eq!(
            chapter_refs("chapters I\u{2013}III of the present report", &ids),
            "{chapters:a..c} of the present report"
        );
        assert_eq!(chapter_refs("chapters II and others", &ids), "chapters II and others");
    }
}
