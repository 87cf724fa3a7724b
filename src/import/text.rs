//! Reads a past report given as plain text in the reference extraction's shape
//! (`../shared/reference/ctoc-cop-wg4-2009-2.txt`) into a `Document`, which
//! `from_document` turns into session data.
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
//!   their markers are the same numerals in the text, which become `NoteRef`s;
//! - a line that starts with none of these continues the paragraph or item before it when that
//!   one is unfinished (no final `.`, `;`, `:`) or when the line starts in lower case — that is
//!   how a paragraph cut by a page break is joined back. Any other line is kept as an unnumbered
//!   paragraph and reported.
//!
//! A table is "Table N", its caption, then its rows, cells separated by " | "; the first row
//! is the header, or, when a line of `---` cells follows some rows, those rows are the header's,
//! with `<` and `^` in a cell where a heading runs on from the left or from above (as the text
//! writer prints a header of several rows or with spanning headings).
//!
//! Paired `*…*` are italics (the extraction's mark, as ours); a lone `*` is text. Lines are read
//! as raw text first; `Inlines` turns each finished text into inline content (italics, note
//! references, "chapter I of the present report" as a cross-reference) at the end, when every
//! footnote and chapter is known.

use std::collections::{HashMap, HashSet};

use crate::diag::{Diagnostic, Diagnostics};
use crate::document::{
    Block, Contents, Division, DivisionKind, Document, Footnote, HeaderCell, Inline, Item, Masthead, Meta, Paragraph,
    Table, plain_text,
};
use crate::import::title_case;
use crate::import::{Origin, UsedIds, parse_date_span, parse_long_date, slug, unique, warn_at};
use crate::writers::text::{HEADER_RULE, SPAN_LEFT, SPAN_UP};

/// Reads the text into a document, with where each block started (`Origin::lines`).
pub fn read(text: &str) -> Result<(Document, Origin, Vec<Diagnostic>), Diagnostics> {
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
    let masthead_lines: Vec<(usize, &str)> =
        lines[..body_start].iter().enumerate().filter(|(i, _)| !skip.contains(i)).map(|(i, l)| (i + 1, *l)).collect();
    let mut origin = Origin::default();
    let (head, notes) = masthead(&masthead_lines, &mut origin, &mut warnings);
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
    let doc = reader.finish(head, contents.is_some(), &mut origin, &mut warnings);
    Ok((doc, origin, warnings))
}

fn is_body_start(line: &str) -> bool {
    line.strip_prefix("I. ").is_some_and(|r| !r.trim().is_empty())
        || line.starts_with("1. ")
        || matches!(shape(line), Shape::Chapter { label: "I", .. })
}

// ---------------------------------------------------------------------------------------------
// Masthead

/// The masthead as read: its fields, and the title and caption lines as raw text.
#[derive(Default)]
struct Head {
    symbol: String,
    distribution: String,
    date: Option<crate::session::Date>,
    original: String,
    organ: String,
    job_number: Option<String>,
    caption: Vec<String>,
    title: String,
    /// An Official Records volume: "Official Records", the session, "Supplement No. N".
    official_records: Option<(String, Option<String>, Option<String>)>,
    /// Under the title: a draft's "Rapporteur: …" (the name), an addendum's label and part.
    rapporteur: Option<String>,
    addendum: Option<(String, Option<String>)>,
    /// The pre-2000 style: "Distr." over "GENERAL", "ORIGINAL: ENGLISH".
    capitals: bool,
    /// The symbol carries the cover-page note ("TPNW/MSP/2025/11/Rev.1*": reissued).
    symbol_note: bool,
}

/// Reads the masthead; returns it with the footnotes found among its lines (the cover-page `*`
/// note) as (marker, text, line). Caption lines are located in `origin`.
fn masthead(
    lines: &[(usize, &str)],
    origin: &mut Origin,
    warnings: &mut Vec<Diagnostic>,
) -> (Head, Vec<(String, String, usize)>) {
    let mut head = Head::default();
    // Groups of consecutive non-blank lines, with their line numbers.
    let mut groups: Vec<Vec<(usize, String)>> = Vec::new();
    let mut current = Vec::new();
    let mut notes = Vec::new();
    for (n, l) in lines {
        let t = l.trim();
        if let Shape::Footnote { marker, text } = shape(t) {
            notes.push((marker, text.to_string(), *n));
            continue;
        }
        if t.is_empty() {
            if !current.is_empty() {
                groups.push(std::mem::take(&mut current));
            }
        } else {
            current.push((*n, t.to_string()));
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    // The title is the last group, but for the lines the text writer prints under it (a draft's
    // "Rapporteur: …", an addendum's "Addendum" and its part); everything after "Original:" and
    // before it is the caption.
    let joined = |g: &[(usize, String)]| g.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" ");
    let is_addendum = crate::import::is_addendum_label;
    let mut title_group = groups.pop().unwrap_or_default();
    loop {
        let t = joined(&title_group);
        if let Some(name) = t.strip_prefix("Rapporteur:").filter(|_| head.rapporteur.is_none()) {
            head.rapporteur = Some(name.trim().to_string());
        } else if head.addendum.is_none() && is_addendum(&t) {
            head.addendum = Some((t, None));
        } else if head.addendum.is_none() && groups.last().is_some_and(|g| is_addendum(&joined(g))) {
            let label = groups.pop().map(|g| joined(&g)).unwrap_or_default();
            head.addendum = Some((label, Some(t)));
        } else {
            break;
        }
        title_group = groups.pop().unwrap_or_default();
    }
    head.title = title_group.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" ");
    if head.title.is_empty() {
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
                head.symbol = rest.to_string();
            }
        } else if is_symbol(t.trim_end_matches('*')) && head.symbol.is_empty() {
            head.symbol = t.trim_end_matches('*').to_string();
            head.symbol_note = t.ends_with('*');
        } else if let Some(d) = t.strip_prefix("Distr.:") {
            head.distribution = d.trim().to_string();
        } else if t == "Distr." && head.distribution.is_empty() {
            head.capitals = true;
        } else if head.capitals && head.distribution.is_empty() && t.chars().all(|c| c.is_ascii_uppercase()) {
            head.distribution = title_case(t);
        } else if let Some(o) = t.strip_prefix("Original:") {
            head.original = o.trim().to_string();
        } else if let Some(o) = t.strip_prefix("ORIGINAL:") {
            head.capitals = true;
            head.original = title_case(o.trim());
        } else if t == "Official Records" && head.official_records.is_none() {
            head.official_records = Some((t.to_string(), None, None));
        } else if let Some((_, session @ None, _)) = head.official_records.as_mut()
            && t.to_lowercase().ends_with(" session")
        {
            *session = Some(t.to_string());
        } else if let Some((_, _, supplement @ None)) = head.official_records.as_mut()
            && t.starts_with("Supplement No.")
        {
            *supplement = Some(t.to_string());
        } else if head.date.is_none()
            && (!head.distribution.is_empty() || head.official_records.is_some())
            && parse_long_date(t).is_some()
        {
            head.date = parse_long_date(t);
        } else if is_job_number(t) {
            head.job_number = Some(t.split("  ").next().unwrap_or(t).to_string());
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
        Some((_, organ)) => head.organ = organ,
        None => warnings.push(Diagnostic::warning("no organ line found in the masthead")),
    }
    for (i, (n, line)) in others.enumerate() {
        origin.lines.insert(format!("masthead.caption.{i}"), n);
        head.caption.push(line);
    }
    // "Official Records" without its session and supplement is not a volume: its lines are
    // caption lines after all.
    if let Some((label, session, supplement)) = head.official_records.take() {
        if session.is_some() && supplement.is_some() {
            head.official_records = Some((label, session, supplement));
        } else {
            head.caption.extend([Some(label), session, supplement].into_iter().flatten());
        }
    }
    let dated = |line: &String| line.split_once(", ").is_some_and(|(_, span)| parse_date_span(span).is_some());
    if !head.caption.iter().any(dated) {
        warnings.push(Diagnostic::warning("the meeting caption has no \"Venue, dates\" line"));
    }
    (head, notes)
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

/// Reads the body line by line into divisions whose texts are still raw (one `Inline::Text`
/// each); `finish` turns them into inline content.
#[derive(Default)]
struct BodyReader {
    chapters: Vec<Division>,
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
    annexes: Vec<Division>,
    /// Paragraphs now go into the last annex.
    in_annex: bool,
    /// "Annex II" stood alone: the next line is its title.
    annex_title_pending: bool,
    /// "Table N" stood alone: the next line is its caption.
    table_caption_pending: bool,
    /// The decision being read, if any.
    decision: Option<OpenDecision>,
    /// Where each block started, by a provisional id (`line-<n>`), and whether a block has it.
    lines: Vec<usize>,
    /// Inside a list of officers by office ("Chair:", then a name a line).
    in_officers: bool,
    /// The parts "I.", "II." read in the current annex (an annex numbered as the text it
    /// quotes: its parts are sections, the letters under them groups).
    annex_parts: usize,
}

/// A decision quoted in full, while its lines are read.
#[derive(Default)]
struct OpenDecision {
    label: String,
    title: String,
    title_pending: bool,
    /// Preambular paragraphs (unnumbered), then operative ones (numbered).
    paragraphs: Vec<Block>,
    operative: usize,
    line: usize,
}

/// A block's raw text: its single `Inline::Text`, made when missing.
fn raw(content: &mut Vec<Inline>) -> &mut String {
    if !matches!(content.as_slice(), [Inline::Text { .. }]) {
        *content = vec![Inline::text("")];
    }
    match &mut content[0] {
        Inline::Text { text } => text,
        _ => unreachable!("made a text above"),
    }
}

fn raw_text(content: &[Inline]) -> &str {
    match content {
        [Inline::Text { text }] => text,
        _ => "",
    }
}

fn division(kind: DivisionKind, num: Option<String>, title: &str) -> Division {
    Division { kind, id: String::new(), num, heading: vec![Inline::text(title)], children: Vec::new() }
}

fn paragraph(n: usize, num: Option<String>, text: &str) -> Block {
    Block::Paragraph(Paragraph { id: line_id(n), num, content: vec![Inline::text(text)], items: Vec::new() })
}

fn item(label: &str, text: &str) -> Item {
    Item { id: String::new(), label: label.to_string(), content: vec![Inline::text(text)], items: Vec::new() }
}

/// The provisional id of a block that starts at line `n` (ids are not kept from text).
fn line_id(n: usize) -> String {
    format!("line-{n}")
}

/// The last section among `blocks`.
fn last_section(blocks: &mut [Block]) -> Option<&mut Division> {
    blocks.iter_mut().rev().find_map(|b| match b {
        Block::Division(d) if d.kind == DivisionKind::Section => Some(d),
        _ => None,
    })
}

fn last_group(blocks: &mut [Block]) -> Option<&mut Division> {
    match blocks.last_mut() {
        Some(Block::Division(d)) if d.kind == DivisionKind::Group => Some(d),
        _ => None,
    }
}

impl BodyReader {
    fn chapter(&mut self) -> &mut Division {
        if self.chapters.is_empty() {
            self.chapters.push(division(DivisionKind::Chapter, None, ""));
        }
        self.chapters.last_mut().expect("a chapter")
    }

    /// The blocks of the current chapter or annex (where sections go).
    fn top(&mut self) -> &mut Vec<Block> {
        if self.in_annex && !self.annexes.is_empty() {
            return &mut self.annexes.last_mut().expect("an annex").children;
        }
        &mut self.chapter().children
    }

    /// The list paragraphs go into now.
    // `if let Some(d) = self.decision.as_mut() { return … }` is refused by today's borrow checker
    // (a conditional return of a borrow); the check-then-expect form is what it accepts.
    #[allow(clippy::unnecessary_unwrap)]
    fn paragraphs(&mut self) -> &mut Vec<Block> {
        if self.decision.is_some() {
            return &mut self.decision.as_mut().expect("a decision").paragraphs;
        }
        let (in_section, in_group) = (self.in_section, self.in_group);
        let top = self.top();
        if !in_section || last_section(top).is_none() {
            return top;
        }
        let section = last_section(top).expect("a section");
        if in_group && last_group(&mut section.children).is_some() {
            return &mut last_group(&mut section.children).expect("a group").children;
        }
        &mut section.children
    }

    /// Ends the decision being read: it stands where it began, as a division of its own.
    fn close_decision(&mut self) {
        let Some(d) = self.decision.take() else { return };
        let mut decision = division(DivisionKind::Decision, Some(d.label), &d.title);
        decision.id = line_id(d.line);
        decision.children = d.paragraphs;
        self.lines.push(d.line);
        self.paragraphs().push(Block::Division(decision));
        self.last = Some(Last::Heading);
    }

    /// The table being read: the last element, if it is a table.
    fn current_table(&mut self) -> Option<&mut Table> {
        match self.paragraphs().last_mut()? {
            Block::Table(t) => Some(t),
            _ => None,
        }
    }

    fn current_paragraph(&mut self) -> Option<&mut Paragraph> {
        match self.paragraphs().last_mut()? {
            Block::Paragraph(p) => Some(p),
            _ => None,
        }
    }

    fn push_paragraph(&mut self, n: usize, num: Option<String>, text: &str) {
        self.lines.push(n);
        self.paragraphs().push(paragraph(n, num, text));
        self.last = Some(Last::Paragraph);
    }

    fn line(&mut self, n: usize, raw_line: &str, warnings: &mut Vec<Diagnostic>) {
        let line = raw_line.trim();
        if line.is_empty() {
            return;
        }
        let after_note = std::mem::take(&mut self.after_note);
        let shape = shape(line);
        // A list of officers by office: an office's label, then its holders, each on a line
        // of its own — kept as unnumbered paragraphs, which `crate::import::officers` gathers.
        let in_officers = std::mem::take(&mut self.in_officers);
        if let Shape::Other(text) = shape
            && self.decision.is_none()
            && (crate::import::officers::office(text).is_some() || (in_officers && !text.ends_with('.')))
        {
            self.push_paragraph(n, None, text);
            self.in_officers = true;
            return;
        }
        if std::mem::take(&mut self.annex_title_pending)
            && let Shape::Other(title) = shape
            && let Some(annex) = self.annexes.last_mut()
        {
            annex.heading = vec![Inline::text(title)];
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
                        d.title = text.to_string();
                        return;
                    }
                    // Preambular paragraphs end in commas: each line is one, unless it goes on
                    // in lower case.
                    if d.operative == 0 && !text.starts_with(|c: char| c.is_lowercase()) {
                        self.push_paragraph(n, None, text);
                        return;
                    }
                }
                // Numbering that starts again at 1 after the decision's own is the report's: the
                // decision has ended.
                Shape::Numbered { num: 1, .. } if self.decision.as_ref().is_some_and(|d| d.operative > 0) => {
                    self.close_decision()
                }
                Shape::Numbered { num, text } => {
                    let d = self.decision.as_mut().expect("a decision");
                    d.operative += 1;
                    let expected = d.operative;
                    if num as usize != expected {
                        warnings.push(warn_at(n, format!("operative paragraph {num} where {expected} was expected")));
                    }
                    self.push_paragraph(n, Some(format!("{num}.")), text);
                    return;
                }
                _ => {}
            }
        }
        if std::mem::take(&mut self.table_caption_pending)
            && let Shape::Other(caption) = shape
            && let Some(t) = self.current_table()
        {
            t.caption = vec![Inline::text(caption)];
            return;
        }
        match shape {
            Shape::Decision { kind, number } => {
                self.decision = Some(OpenDecision {
                    label: format!("{kind} {number}").trim_end().to_string(),
                    title_pending: true,
                    line: n,
                    ..Default::default()
                });
                self.last = Some(Last::Heading);
            }
            Shape::VoteItem { label, text } => match self.current_paragraph() {
                Some(p) if p.items.iter().all(|i| !i.label.starts_with('(')) => {
                    p.items.push(item(label, text));
                    self.last = Some(Last::Item(0));
                }
                _ => self.other(n, &format!("{label} {text}"), after_note, warnings),
            },
            Shape::Table => {
                self.lines.push(n);
                // "Table 1": the table is numbered (the number itself is the report's to give).
                let num = Some("Table".to_string());
                let table = Table { id: line_id(n), num, caption: Vec::new(), header: Vec::new(), rows: Vec::new() };
                self.paragraphs().push(Block::Table(table));
                self.table_caption_pending = true;
                self.last = Some(Last::Heading);
            }
            Shape::Row(row) => {
                // An empty first or last cell: the line, trimmed, starts "| " or ends " |".
                let lead = if row.starts_with("| ") { " " } else { "" };
                let trail = if row.ends_with(" |") { " " } else { "" };
                let row_cells = format!("{lead}{row}{trail}");
                let cells: Vec<Vec<Inline>> = row_cells.split(" | ").map(|c| vec![Inline::text(c.trim())]).collect();
                let starts_table = self.in_annex && matches!(self.last, Some(Last::Heading));
                let header_rule = cells.iter().all(|c| plain_text(c) == HEADER_RULE);
                match self.current_table() {
                    Some(t) if t.header.is_empty() && t.rows.is_empty() => t.header = Table::header_row(cells),
                    // The line under a header of several rows: the lines so far are its rows.
                    Some(t) if header_rule && t.header.len() == 1 => {
                        let mut grid: Vec<Vec<String>> =
                            vec![t.header[0].iter().map(|c| plain_text(&c.content)).collect()];
                        grid.extend(t.rows.iter().map(|r| r.iter().map(|c| plain_text(c)).collect()));
                        match spanned_header(&grid) {
                            Some(header) => {
                                t.header = header;
                                t.rows.clear();
                            }
                            None => warnings.push(warn_at(
                                n,
                                "the header's `<` and `^` do not make rectangular headings; its lines are kept as rows",
                            )),
                        }
                    }
                    Some(t) => t.rows.push(cells),
                    // A " | " in running text is text, not a table.
                    None if !starts_table => self.not_a_row(n, row, after_note, warnings),
                    None => {
                        // A table without number or caption (the generated list of documents).
                        self.lines.push(n);
                        let table = Table {
                            id: line_id(n),
                            num: None,
                            caption: Vec::new(),
                            header: Table::header_row(cells),
                            rows: Vec::new(),
                        };
                        self.paragraphs().push(Block::Table(table));
                        self.last = Some(Last::Heading);
                    }
                }
            }
            Shape::Annex { title } => {
                // Annexes number their paragraphs (and letter their notes) afresh.
                let number = roman(self.annexes.len() + 1);
                self.annexes.push(division(DivisionKind::Annex, Some(format!("Annex {number}")), title.unwrap_or("")));
                self.annex_title_pending = title.is_none();
                self.in_annex = true;
                self.annex_parts = 0;
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
            // An annex's parts printed "I.", "II.": sections of the annex, not report chapters.
            // ("I." opens them only as the annex's first heading; "I." after "H." is section I.)
            Shape::Chapter { label, title } | Shape::Section { label, title }
                if self.in_annex
                    && label == roman(self.annex_parts + 1)
                    && (self.annex_parts > 0 || self.section_count == 0) =>
            {
                self.annex_parts += 1;
                self.section(n, &letter(self.section_count + 1), title, warnings);
                if let Some(Block::Division(d)) = self.top().last_mut() {
                    d.num = Some(format!("{label}."));
                }
            }
            // "A.", "B." under such a part: its groups.
            Shape::Chapter { label, title } | Shape::Section { label, title }
                if self.in_annex && self.annex_parts > 0 && label.len() == 1 && self.in_section =>
            {
                self.group_count += 1;
                self.in_group = true;
                if let Some(s) = last_section(self.top()) {
                    s.children.push(Block::Division(division(DivisionKind::Group, Some(format!("{label}.")), title)));
                }
                self.last = Some(Last::Heading);
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

    /// A line with " | " that is no table row: a numbered paragraph or an item keeps its
    /// number or label; anything else is text.
    fn not_a_row(&mut self, n: usize, line: &str, after_note: bool, warnings: &mut Vec<Diagnostic>) {
        match shape_without_rows(line) {
            Shape::Numbered { num, text } => self.numbered(n, num, text, warnings),
            Shape::Item { label, text } => self.item(n, label, text, warnings),
            _ => self.other(n, line, after_note, warnings),
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
        self.chapters.push(division(DivisionKind::Chapter, Some(format!("{label}.")), title));
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
        self.top().push(Block::Division(division(DivisionKind::Section, Some(format!("{label}.")), title)));
        self.last = Some(Last::Heading);
    }

    fn numbered(&mut self, n: usize, num: u32, text: &str, warnings: &mut Vec<Diagnostic>) {
        let expected = self.last_para.map_or(1, |p| p + 1);
        let in_list = matches!(self.last, Some(Last::Item(_)));
        if (num != expected || in_list) && matches!(self.last, Some(Last::Paragraph | Last::Item(_))) {
            // "1. Organizational matters:" under "…adopted the following agenda:". A number that
            // is also the next paragraph's is an item while the list goes on: the item before
            // it (or its last sub-item) ends in ";", "," or ":".
            if let Some(p) = self.current_paragraph() {
                let numeric_items = p.items.iter().filter(|i| i.label.ends_with('.')).count();
                let opens_list = raw_text(&p.content).trim_end().ends_with(':');
                let goes_on = p.items.last().is_some_and(|last| {
                    let deepest = last.items.last().unwrap_or(last);
                    raw_text(&deepest.content).trim_end().ends_with([';', ',', ':'])
                });
                if (num != expected || goes_on)
                    && opens_list
                    && numeric_items + 1 == num as usize
                    && numeric_items == p.items.len()
                {
                    p.items.push(item(&format!("{num}."), text));
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
            if let Some(s) = last_section(self.top()) {
                s.children.push(Block::Division(division(DivisionKind::Group, Some(format!("{num}.")), text)));
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
        self.push_paragraph(n, Some(format!("{num}.")), text);
    }

    fn item(&mut self, n: usize, label: &str, text: &str, warnings: &mut Vec<Diagnostic>) {
        let inner = &label[1..label.len() - 1];
        let Some(p) = self.current_paragraph() else {
            warnings
                .push(warn_at(n, format!("sub-item {label} outside any paragraph; kept as an unnumbered paragraph")));
            self.push_paragraph(n, None, &format!("{label} {text}"));
            return;
        };
        let last_top = p.items.last().map(|i| i.label.clone());
        let next_letter = match &last_top {
            None => "a".to_string(),
            Some(l) if l.starts_with('(') && l.len() == 3 => ((l.as_bytes()[1] + 1) as char).to_string(),
            Some(_) => String::new(),
        };
        let nested_under_numbered = last_top.as_deref().is_some_and(|l| l.ends_with('.'));
        let nested_roman = !nested_under_numbered
            && inner != next_letter
            && crate::assemble::parse_item_label(label).iter().any(|(depth, _)| *depth == 1)
            && last_top.is_some();
        if nested_under_numbered || nested_roman {
            let parent = p.items.last_mut().expect("a top-level item");
            parent.items.push(item(label, text));
            self.last = Some(Last::Item(1));
        } else {
            if inner != next_letter && !next_letter.is_empty() {
                warnings.push(warn_at(n, format!("sub-item {label} where ({next_letter}) was expected")));
            }
            p.items.push(item(label, text));
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
        let lower_start = text.starts_with(|c: char| c.is_lowercase());
        // In an annex, unnumbered paragraphs are the rule (lists of names, say): a line in upper
        // case after a heading or after another unnumbered paragraph is one of them.
        let unnumbered_before = matches!(self.last, Some(Last::Heading))
            || (matches!(self.last, Some(Last::Paragraph))
                && self.current_paragraph().is_some_and(|p| p.num.is_none()));
        if self.in_annex && self.decision.is_none() && !lower_start && unnumbered_before {
            self.push_paragraph(n, None, text);
            return;
        }
        let last = self.last;
        let target: Option<&mut String> = match last {
            Some(Last::Paragraph) => self.current_paragraph().map(|p| raw(&mut p.content)),
            Some(Last::Item(depth)) => self.current_paragraph().and_then(|p| {
                let top = p.items.last_mut()?;
                if depth == 0 { Some(raw(&mut top.content)) } else { top.items.last_mut().map(|i| raw(&mut i.content)) }
            }),
            _ => None,
        };
        if let Some(target) = target
            && (unfinished(target) || lower_start)
        {
            target.push(' ');
            target.push_str(text);
            return;
        }
        warnings.push(
            warn_at(
                n,
                format!("line not placed (no paragraph number, and nothing unfinished before it): `{}`", shorten(text)),
            )
            .with_hint("kept as an unnumbered paragraph; join it to its paragraph or give it a number"),
        );
        self.push_paragraph(n, None, text);
    }

    /// The document: ids for the divisions (from their titles), footnotes attached to their
    /// markers, raw texts turned into inline content.
    fn finish(mut self, head: Head, contents: bool, origin: &mut Origin, warnings: &mut Vec<Diagnostic>) -> Document {
        self.close_decision();
        for n in &self.lines {
            origin.lines.insert(line_id(*n), *n);
        }
        // Ids for chapters, sections and groups, from their titles.
        let mut used = UsedIds::default();
        fn name(blocks: &mut [Block], used: &mut UsedIds) {
            for b in blocks {
                if let Block::Division(d) = b
                    && matches!(d.kind, DivisionKind::Section | DivisionKind::Group)
                {
                    d.id = unique(&slug(raw_text(&d.heading), 3), used);
                    name(&mut d.children, used);
                }
            }
        }
        for ch in &mut self.chapters {
            ch.id = unique(&slug(raw_text(&ch.heading), 3), &mut used);
            name(&mut ch.children, &mut used);
        }
        // Footnotes, each with a provisional id; a marker may stand for several notes (lettered
        // notes start again at "a" in each table and annex): each citation takes the first unused
        // note with its marker at or after it.
        let mut by_marker: Notes = HashMap::new();
        let mut footnotes = Vec::new();
        for (i, (marker, text, n)) in self.notes.iter().enumerate() {
            let id = format!("note-line-{n}-{i}");
            by_marker.entry(marker.clone()).or_default().push((*n, id.clone(), marker.clone()));
            footnotes.push(Footnote {
                id,
                marker: marker.clone(),
                content: emphasis(text, &mut |t| vec![Inline::text(t)]),
            });
        }
        let chapters: Vec<(String, String)> = self
            .chapters
            .iter()
            .map(|c| (c.num.as_deref().unwrap_or("").trim_end_matches('.').to_string(), c.id.clone()))
            .collect();
        let mut cx = Inlines { notes: by_marker, cited: HashSet::new(), chapters, warnings };
        let title = cx.inlines(&head.title, 0, false);
        let symbol_note: Vec<Inline> = if head.symbol_note { cx.star_note().into_iter().collect() } else { Vec::new() };
        let rapporteur = head.rapporteur.as_deref().map(|r| cx.inlines(r, 0, false));
        let addendum = head.addendum.as_ref().map(|(label, part)| crate::document::Addendum {
            label: label.clone(),
            part: part.as_deref().map(|p| cx.inlines(p, 0, false)).unwrap_or_default(),
        });
        let caption: Vec<Vec<Inline>> =
            std::iter::once(vec![Inline::text(head.caption.first().cloned().unwrap_or_default())])
                .filter(|_| !head.caption.is_empty())
                .chain(head.caption.iter().skip(1).map(|line| cx.caption_line(line)))
                .collect();
        let mut body = Vec::new();
        if contents {
            body.push(Block::Contents(Contents {
                id: "contents".into(),
                heading: "Contents".into(),
                columns: Contents::english_columns(),
                label_column: None,
                entries: Vec::new(),
            }));
        }
        for mut ch in std::mem::take(&mut self.chapters).into_iter().chain(std::mem::take(&mut self.annexes)) {
            cx.division(&mut ch, origin);
            body.push(Block::Division(ch));
        }
        for ((marker, _, n), note) in self.notes.iter().zip(&footnotes) {
            if !cx.cited.contains(&note.id) {
                cx.warnings.push(warn_at(*n, format!("footnote {marker} is cited nowhere in the text; kept")));
            }
        }
        let date = head.date;
        // The volume's lines, when all three were found (else they stay caption lines).
        let official_records = match head.official_records.clone() {
            Some((label, Some(session), Some(supplement))) => {
                Some(crate::document::OfficialRecords { organ: head.organ.clone(), label, session, supplement })
            }
            _ => None,
        };
        Document {
            meta: Meta {
                slug: String::new(),
                language: String::new(),
                date: date.map(|d| d.iso()).unwrap_or_default(),
                title: crate::document::plain_text(&title),
                symbol: head.symbol.clone(),
                body_short: String::new(),
            },
            masthead: Masthead {
                publisher: "United Nations".into(),
                symbol: head.symbol,
                organ: head.organ,
                distribution: head.distribution,
                date: date.map(|d| d.long()).unwrap_or_default(),
                original: head.original,
                caption,
                title,
                job_number: head.job_number,
                barcode: None,
                official_records,
                rapporteur,
                addendum,
                symbol_note,
                style: if head.capitals {
                    crate::document::MastheadStyle::Capitals
                } else {
                    crate::document::MastheadStyle::Standard
                },
                ..Masthead::default()
            },
            body,
            footnotes,
            entities: Vec::new(),
            review: None,
        }
    }
}

/// Footnote marker → the notes with that marker: (line of the note, id, marker), in order.
type Notes = HashMap<String, Vec<(usize, String, String)>>;

/// Turns raw texts into inline content once every note and chapter is known.
struct Inlines<'w> {
    notes: Notes,
    cited: HashSet<String>,
    /// (chapter label "II", id), for "chapter II of the present report".
    chapters: Vec<(String, String)>,
    warnings: &'w mut Vec<Diagnostic>,
}

impl Inlines<'_> {
    fn division(&mut self, d: &mut Division, origin: &Origin) {
        let line = origin.lines.get(&d.id).copied().unwrap_or(0);
        d.heading = self.inlines(raw_text(&d.heading), line, false);
        for b in &mut d.children {
            match b {
                Block::Division(inner) => self.division(inner, origin),
                Block::Paragraph(p) => {
                    let line = origin.lines.get(&p.id).copied().unwrap_or(line);
                    p.content = self.inlines(raw_text(&p.content), line, true);
                    self.items(&mut p.items, line);
                }
                Block::Table(t) => {
                    let line = origin.lines.get(&t.id).copied().unwrap_or(line);
                    t.caption = self.inlines(raw_text(&t.caption), line, false);
                    for cell in t.header.iter_mut().flatten().map(|c| &mut c.content).chain(t.rows.iter_mut().flatten())
                    {
                        *cell = self.inlines(raw_text(cell), line, false);
                    }
                }
                Block::Contents(_) | Block::Officers(_) => {}
            }
        }
    }

    fn items(&mut self, items: &mut [Item], line: usize) {
        for it in items {
            it.content = self.inlines(raw_text(&it.content), line, true);
            self.items(&mut it.items, line);
        }
    }

    /// "Item 2 of the provisional agenda*": the `*` is the cover-page note's marker.
    fn caption_line(&mut self, line: &str) -> Vec<Inline> {
        if let Some(head) = line.strip_suffix('*')
            && let Some(note) = self.star_note()
        {
            let mut out = self.inlines(head, 0, false);
            out.push(note);
            return out;
        }
        self.inlines(line, 0, false)
    }

    /// A reference to the cover-page note marked `*` (on a caption line or on the symbol).
    fn star_note(&mut self) -> Option<Inline> {
        let (_, id, marker) = self.notes.get("*").and_then(|v| v.first()).cloned()?;
        self.cited.insert(id.clone());
        Some(Inline::NoteRef { id, marker })
    }

    /// Italics, note references and (in running text) references to chapters.
    fn inlines(&mut self, text: &str, line: usize, refs: bool) -> Vec<Inline> {
        emphasis(text, &mut |segment| self.notes_and_refs(segment, line, refs))
    }

    /// Superscript numerals become references to their notes.
    fn notes_and_refs(&mut self, text: &str, line: usize, refs: bool) -> Vec<Inline> {
        let mut out = Vec::new();
        let mut plain = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let Some(first) = superscript_digit(c) else {
                plain.push(c);
                continue;
            };
            let mut marker = String::from(first);
            let mut raw = String::from(c);
            while let Some(&d) = chars.peek() {
                let Some(digit) = superscript_digit(d) else { break };
                marker.push(digit);
                raw.push(d);
                chars.next();
            }
            let candidates = self.notes.get(&marker).map(Vec::as_slice).unwrap_or_default();
            // The notes of one marker are in line order: start at the first one at or after this
            // line instead of scanning from the top (a long text has thousands of note "1"s).
            let from = candidates.partition_point(|(l, _, _)| *l < line);
            let cited = &self.cited;
            let chosen = candidates[from..]
                .iter()
                .find(|(_, id, _)| !cited.contains(id))
                .or_else(|| candidates.iter().find(|(_, id, _)| !cited.contains(id)))
                .or_else(|| candidates.iter().find(|(l, _, _)| *l >= line))
                .or(candidates.last())
                .cloned();
            match chosen {
                Some((_, id, marker)) => {
                    self.cited.insert(id.clone());
                    self.flush(&mut plain, refs, &mut out);
                    out.push(Inline::NoteRef { id, marker });
                }
                None => {
                    self.warnings
                        .push(warn_at(line, format!("footnote marker {raw} has no footnote line; kept as text")));
                    plain.push_str(&raw);
                }
            }
        }
        self.flush(&mut plain, refs, &mut out);
        out
    }

    fn flush(&self, plain: &mut String, refs: bool, out: &mut Vec<Inline>) {
        if plain.is_empty() {
            return;
        }
        let text = std::mem::take(plain);
        if refs {
            out.extend(chapter_refs(&text, &self.chapters));
        } else {
            out.push(Inline::text(text));
        }
    }
}

/// Paired `**` as bold (as the text writer prints it), then paired `*` as italics inside and
/// between; `inner` makes the inline content of each stretch.
fn emphasis(text: &str, inner: &mut dyn FnMut(&str) -> Vec<Inline>) -> Vec<Inline> {
    // A run of "**" is a mark when it touches a word on one side ("**Note**", not "a ** b"); in
    // a run of three, bold and italics meet: "***word" opens bold then italics, "word***" closes
    // italics then bold.
    let bytes = text.as_bytes();
    let mut marks = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'*' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] == b'*' {
            i += 1;
        }
        let before = text[..start].chars().next_back();
        let after = text[i..].chars().next();
        if before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace) {
            continue;
        }
        let closing = before.is_some_and(|c| !c.is_whitespace());
        match i - start {
            2 => marks.push(start),
            3 => marks.push(if closing { start + 1 } else { start }),
            _ => {}
        }
    }
    if marks.len() < 2 || marks.len() % 2 == 1 {
        return italics(text, inner);
    }
    let mut out = Vec::new();
    let mut at = 0;
    for pair in marks.chunks(2) {
        let (open, close) = (pair[0], pair[1]);
        if open > at {
            out.extend(italics(&text[at..open], inner));
        }
        out.push(Inline::Strong { content: italics(&text[open + 2..close], inner) });
        at = close + 2;
    }
    if at < text.len() {
        out.extend(italics(&text[at..], inner));
    }
    out
}

/// Paired `*` as italics: a `*` is a mark only when it can be one — not standing alone between
/// spaces ("5 * 3"), and paired with another; otherwise every `*` is text. `inner` makes the
/// inline content of each stretch.
fn italics(text: &str, inner: &mut dyn FnMut(&str) -> Vec<Inline>) -> Vec<Inline> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // Alone: its run of stars stands between spaces ("5 * 3", "5 ** 3").
    let lone = |i: usize| {
        let (mut first, mut last) = (i, i);
        while first > 0 && chars[first - 1].1 == '*' {
            first -= 1;
        }
        while last + 1 < chars.len() && chars[last + 1].1 == '*' {
            last += 1;
        }
        let before = first.checked_sub(1).map(|j| chars[j].1);
        let after = chars.get(last + 1).map(|c| c.1);
        before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace)
    };
    let marks: Vec<usize> = (0..chars.len()).filter(|&i| chars[i].1 == '*' && !lone(i)).map(|i| chars[i].0).collect();
    if marks.is_empty() || marks.len() % 2 == 1 {
        return inner(text);
    }
    let mut out = Vec::new();
    let mut at = 0;
    for pair in marks.chunks(2) {
        let (open, close) = (pair[0], pair[1]);
        if open > at {
            out.extend(inner(&text[at..open]));
        }
        let content = inner(&text[open + 1..close]);
        out.push(Inline::Emph { content });
        at = close + 1;
    }
    if at < text.len() {
        out.extend(inner(&text[at..]));
    }
    out
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
    crate::generate::from_roman(s).map(|n| n as usize)
}

fn letter(n: usize) -> String {
    if (1..=26).contains(&n) { ((b'A' + (n - 1) as u8) as char).to_string() } else { String::new() }
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
    shape_with(line, true)
}

/// The header of several rows the text writer prints (`writers::text::spanned_header`): a cell
/// for every column in each row, `<` where the heading to the left runs on, `^` where the one
/// above runs down. `None` unless every heading covers a rectangle and every row starts one.
fn spanned_header(grid: &[Vec<String>]) -> Option<Vec<Vec<HeaderCell>>> {
    let width = grid.first()?.len();
    if grid.iter().any(|r| r.len() != width) {
        return None;
    }
    // Each position's heading, as the position where it starts.
    let mut owner = vec![vec![(0usize, 0usize); width]; grid.len()];
    for (r, row) in grid.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            owner[r][c] = match cell.trim() {
                SPAN_LEFT if c > 0 => owner[r][c - 1],
                SPAN_UP if r > 0 => owner[r - 1][c],
                _ => (r, c),
            };
        }
    }
    let mut header = vec![Vec::new(); grid.len()];
    for (r, row) in grid.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if owner[r][c] != (r, c) {
                continue;
            }
            let columns = (c..width).take_while(|&k| owner[r][k] == (r, c)).count();
            let rows = (r..grid.len()).take_while(|&k| owner[k][c] == (r, c)).count();
            let covered = owner.iter().flatten().filter(|&&o| o == (r, c)).count();
            let whole = (r..r + rows).all(|k| (c..c + columns).all(|j| owner[k][j] == (r, c)));
            if !whole || covered != rows * columns {
                return None;
            }
            header[r].push(HeaderCell::spanning(vec![Inline::text(cell.trim())], columns, rows));
        }
    }
    header.iter().all(|row| !row.is_empty()).then_some(header)
}

/// The shape of a line that is not a table row although it has " | " in it.
fn shape_without_rows(line: &str) -> Shape<'_> {
    shape_with(line, false)
}

fn shape_with(line: &str, rows: bool) -> Shape<'_> {
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
    // "Draft decision", "Draft resolution 9/1": a draft quoted in full follows.
    for kind in ["Draft decision", "Draft resolution"] {
        if let Some(number) = line.strip_prefix(kind)
            && (number.is_empty() || number.starts_with(' ') && !number.trim().contains(' '))
        {
            return Shape::Decision { kind, number: number.trim() };
        }
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
    if rows && line.contains(" | ") {
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
    // An Official Records chapter: "Chapter IV Peaceful settlement of disputes" (a heading: no
    // final full stop, unlike a sentence that starts "Chapter IV contains…").
    if let Some(rest) = line.strip_prefix("Chapter ")
        && let Some((label, title)) = rest.split_once(' ')
        && from_roman(label).is_some()
        && !title.trim().is_empty()
        && !title.ends_with('.')
        && line.len() < 200
    {
        return Shape::Chapter { label, title: title.trim() };
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

/// "chapter I of the present report" → a reference to chapter I (its words kept as the
/// reference's content); "chapters II-VI of the present report" → a reference to the range.
fn chapter_refs(text: &str, chapters: &[(String, String)]) -> Vec<Inline> {
    const TAIL: &str = " of the present report";
    let id = |r: &str| chapters.iter().find(|(label, id)| label == r && !id.is_empty()).map(|(_, id)| id.clone());
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(pos) = rest.find("chapter") {
        plain.push_str(&rest[..pos]);
        let after = &rest[pos..];
        let (plural, body) = if let Some(b) = after.strip_prefix("chapters ") {
            (true, b)
        } else if let Some(b) = after.strip_prefix("chapter ") {
            (false, b)
        } else {
            plain.push_str("chapter");
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
        let target = if !tail_ok {
            None
        } else if plural {
            label
                .split_once(['-', '\u{2013}'])
                .or_else(|| label.split_once(" and "))
                .and_then(|(a, b)| id(b).and(id(a)))
        } else {
            id(label)
        };
        let word = if plural { "chapters " } else { "chapter " };
        match target {
            Some(target) => {
                if !plain.is_empty() {
                    out.push(Inline::text(std::mem::take(&mut plain)));
                }
                out.push(Inline::Ref { target, content: vec![Inline::text(format!("{word}{label}"))] });
                rest = &body[label_len..];
            }
            None => {
                plain.push_str(word);
                rest = body;
            }
        }
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        out.push(Inline::text(plain));
    }
    out
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 60 { format!("{}…", s.chars().take(60).collect::<String>()) } else { s.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A header of several rows: "<" runs a heading on to the right, "^" down; headings that
    /// would not be rectangles, rows of different widths or a row without a heading of its own
    /// are no header.
    #[test]
    fn spanned_headers() {
        let grid = |rows: &[&str]| -> Vec<Vec<String>> {
            rows.iter().map(|r| r.split(" | ").map(str::to_string).collect()).collect()
        };
        let spans = |h: Vec<Vec<HeaderCell>>| -> Vec<Vec<(String, usize, usize)>> {
            h.iter().map(|r| r.iter().map(|c| (plain_text(&c.content), c.columns, c.rows)).collect()).collect()
        };
        let h = spanned_header(&grid(&["A | B | < | C", "^ | ^ | ^ | D", "^ | E | F | ^"])).unwrap();
        assert_eq!(
            spans(h),
            vec![
                vec![("A".into(), 1, 3), ("B".into(), 2, 2), ("C".into(), 1, 1)],
                vec![("D".into(), 1, 2)],
                vec![("E".into(), 1, 1), ("F".into(), 1, 1)],
            ]
        );
        // "B" over two columns in the first row and one in the second: no rectangle.
        assert!(spanned_header(&grid(&["A | B | <", "^ | ^ | C"])).is_none());
        assert!(spanned_header(&grid(&["A | B", "C"])).is_none());
        assert!(spanned_header(&grid(&["A | B", "^ | ^"])).is_none());
    }

    /// Bold and italics as the text writer prints them come back as marks; a lone `*` or `**`
    /// between spaces is text.
    #[test]
    fn bold_and_italics() {
        let read = |t: &str| emphasis(t, &mut |s| vec![Inline::text(s)]);
        assert_eq!(
            read("The **Bureau** met *today*."),
            vec![
                Inline::text("The "),
                Inline::Strong { content: vec![Inline::text("Bureau")] },
                Inline::text(" met "),
                Inline::Emph { content: vec![Inline::text("today")] },
                Inline::text("."),
            ]
        );
        assert_eq!(
            read("**Further revised *version***"),
            vec![Inline::Strong {
                content: vec![
                    Inline::text("Further revised "),
                    Inline::Emph { content: vec![Inline::text("version")] }
                ]
            }]
        );
        assert_eq!(read("5 ** 3 and 2 * 4"), vec![Inline::text("5 ** 3 and 2 * 4")]);
    }

    #[test]
    fn shapes() {
        assert!(matches!(shape("¹ United Nations"), Shape::Footnote { .. }));
        assert!(matches!(shape("IV. Consideration"), Shape::Chapter { label: "IV", .. }));
        assert!(matches!(shape("Chapter IV Peaceful settlement"), Shape::Chapter { label: "IV", .. }));
        assert!(!matches!(shape("Chapter IV contains the recommendations."), Shape::Chapter { .. }));
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
        let ids: Vec<(String, String)> =
            [("I", "a"), ("II", "b"), ("III", "c")].iter().map(|(l, i)| (l.to_string(), i.to_string())).collect();
        let r = |t: &str, c: &str| Inline::Ref { target: t.into(), content: vec![Inline::text(c)] };
        assert_eq!(
            chapter_refs("in chapter I of the present report and chapters II-III of the present report", &ids),
            vec![
                Inline::text("in "),
                r("a", "chapter I"),
                Inline::text(" of the present report and "),
                r("b", "chapters II-III"),
                Inline::text(" of the present report")
            ]
        );
        assert_eq!(
            chapter_refs("chapter IX of the present report", &ids),
            vec![Inline::text("chapter IX of the present report")]
        );
        assert_eq!(chapter_refs("chapters II and III of the present report", &ids)[0], r("b", "chapters II and III"));
        assert_eq!(chapter_refs("chapters II and others", &ids), vec![Inline::text("chapters II and others")]);
    }

    /// Italics are paired marks; a lone or unpaired `*` is text.
    #[test]
    fn emphasis_marks() {
        let plain = &mut |t: &str| vec![Inline::text(t)];
        assert_eq!(
            emphasis("a *b* c", plain),
            vec![Inline::text("a "), Inline::Emph { content: vec![Inline::text("b")] }, Inline::text(" c")]
        );
        assert_eq!(emphasis("5 * 3", plain), vec![Inline::text("5 * 3")]);
        assert_eq!(emphasis("a *b c", plain), vec![Inline::text("a *b c")]);
    }
}
