//! Plain text writer, in the shape of the reference extraction: masthead lines, the title, then
//! one element per line with blank lines between — `I. Title`, `A. Title`, `12. text` (a whole
//! paragraph on one line), `(a) text` for each sub-item, `*italics*`, footnote markers as
//! superscript numerals right after the text, and each footnote as a line of its own after the
//! paragraph that cites it. A table is its caption, then one line per row, cells separated by
//! " | "; a header of several rows or with spanning headings gives every column a cell in each
//! of its rows (`<` and `^` where a heading runs on from the left or from above) and a line of
//! `---` cells under it (`spanned_header`), so that `import::text` reads the spans back.

use crate::diag::Diagnostics;
use crate::document::{Block, DivisionKind, Document, Inline, Item, Paragraph, Table};
use crate::writers::WriteOptions;

pub fn write(doc: &Document, _opts: &WriteOptions) -> Result<Vec<u8>, Diagnostics> {
    let mut w = TextWriter { doc, lines: Vec::new(), pending_notes: Vec::new() };
    w.masthead();
    w.blocks(&doc.body);
    w.flush_notes();
    let mut out = w.lines.join("\n\n");
    out.push('\n');
    Ok(out.into_bytes())
}

struct TextWriter<'a> {
    doc: &'a Document,
    /// Elements; joined with blank lines.
    lines: Vec<String>,
    /// Footnotes cited since the last paragraph ended, printed after it.
    pending_notes: Vec<String>,
}

impl TextWriter<'_> {
    fn masthead(&mut self) {
        let m = &self.doc.masthead;
        let mut head = Vec::new();
        // A publisher other than the United Nations (a treaty meeting's name) is printed; the
        // usual one ("United Nations", "Nations Unies"… in the version's language) is not, as in
        // the reference extraction.
        let usual = crate::lang::Lang::parse(&self.doc.meta.language).map_or("United Nations", |l| l.publisher());
        let usual = [usual, "United Nations", "UNITED NATIONS"];
        if !m.publisher.is_empty() && !usual.contains(&m.publisher.as_str()) && m.publisher != usual[0].to_uppercase() {
            head.push(m.publisher.clone());
        }
        head.push(m.organ.clone());
        for line in &m.caption {
            head.push(self.inlines(line));
        }
        head.extend(m.distribution_lines().into_iter().filter(|l| !l.is_empty()));
        if let Some(or) = &m.official_records {
            head.extend(or.lines().iter().skip(1).map(|l| l.to_string()));
            // The volume's date stands over the report, not in a distribution block.
            head.extend(Some(m.date.clone()).filter(|d| !d.is_empty()));
        }
        let symbol_note = self.inlines(&m.symbol_note);
        head.push(format!("{}{symbol_note}", m.symbol));
        self.lines.extend(head);
        let title = self.inlines(&m.title);
        self.lines.push(title);
        for line in m.subtitle_lines() {
            let line = self.inlines(&line);
            self.lines.push(line);
        }
        self.flush_notes();
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Division(d) => {
                    let heading = self.inlines(&d.heading);
                    // Annexes and quoted decisions print their label on a line of its own.
                    match (d.kind, &d.num) {
                        (_, Some(num)) if d.heading_only_cites() => self.lines.push(format!("{num}{heading}")),
                        (DivisionKind::Annex | DivisionKind::Decision | DivisionKind::Rule, Some(num)) => {
                            self.lines.push(num.clone());
                            self.lines.push(heading);
                        }
                        _ => self.lines.push(labelled(d.num.as_deref(), &heading)),
                    }
                    self.flush_notes();
                    self.blocks(&d.children);
                }
                Block::Paragraph(p) => self.paragraph(p),
                Block::Table(t) => {
                    let mut caption = self.inlines(&t.caption);
                    if let Some(num) = &t.num {
                        caption = format!("{num}\n{caption}");
                    }
                    self.lines.push(caption);
                    let mut rows = Vec::new();
                    let plain = t.header.len() <= 1 && t.header_cells().all(|c| c.is_single());
                    if plain {
                        // A header of one row of single headings: its line, over the rows.
                        for row in t.header.iter().filter(|r| !r.is_empty()) {
                            let header: Vec<String> = row.iter().map(|c| self.inlines(&c.content)).collect();
                            rows.push(header.join(" | "));
                        }
                    } else {
                        rows.extend(self.spanned_header(t));
                    }
                    for row in &t.rows {
                        let cells: Vec<String> = row.iter().map(|c| self.inlines(c)).collect();
                        rows.push(cells.join(" | "));
                    }
                    self.lines.push(rows.join("\n"));
                    self.flush_notes();
                }
                Block::Officers(o) => {
                    // Indented as a report prints its bureau: the office, then each holder
                    // further in, all on lines of their own, unnumbered.
                    let mut lines = Vec::new();
                    for office in &o.offices {
                        lines.push(format!("{OFFICE_INDENT}{}", office.label));
                        for holder in &office.holders {
                            let name = self.inlines(holder);
                            lines.push(format!("{HOLDER_INDENT}{name}"));
                        }
                    }
                    self.lines.push(lines.join("\n"));
                    self.flush_notes();
                }
                Block::Contents(c) => {
                    let mut lines = vec![c.heading.clone()];
                    for e in &c.entries {
                        let mut line =
                            format!("{}{}", "  ".repeat(e.level as usize), labelled(e.num.as_deref(), &e.title));
                        if let Some(paras) = &e.paragraphs {
                            line.push('\t');
                            line.push_str(paras);
                        }
                        lines.push(line);
                    }
                    self.lines.push(lines.join("\n"));
                }
            }
        }
    }

    /// A header of several rows, or with headings spanning: one line per header row with a
    /// cell for every column — the heading where it starts, `<` where the heading to its left
    /// runs on, `^` where the one above runs down — and a line of `---` cells under the header,
    /// as the text importer reads it back (`import::text`).
    fn spanned_header(&mut self, t: &Table) -> Vec<String> {
        let grid = t.header_grid();
        let width = t.width();
        let mut lines = Vec::new();
        for r in 0..t.header.len() {
            let cells: Vec<String> = (0..width)
                .map(|c| match grid.at(r, c) {
                    Some(((or, oc), true)) => self.inlines(&t.header[or][oc].content),
                    Some(((or, _), false)) if or == r => SPAN_LEFT.to_string(),
                    Some(_) => SPAN_UP.to_string(),
                    // A column no heading covers (`check` refuses it): an empty heading.
                    None => String::new(),
                })
                .collect();
            lines.push(cells.join(" | "));
        }
        lines.push(vec![HEADER_RULE; width].join(" | "));
        lines
    }

    fn paragraph(&mut self, p: &Paragraph) {
        let text = self.inlines(&p.content);
        // A paragraph that is only a list (a provisional agenda) has no line of its own.
        if !(text.is_empty() && p.num.is_none()) {
            self.lines.push(labelled(p.num.as_deref(), &text));
        }
        self.items(&p.items);
        self.flush_notes();
    }

    fn items(&mut self, items: &[Item]) {
        for item in items {
            let text = self.inlines(&item.content);
            self.lines.push(format!("{} {text}", item.label));
            self.items(&item.items);
        }
    }

    fn flush_notes(&mut self) {
        self.lines.append(&mut self.pending_notes);
    }

    /// Renders inline content, queueing the footnotes it cites.
    fn inlines(&mut self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        for inline in inlines {
            match inline {
                Inline::Text { text } => out.push_str(text),
                Inline::Emph { content } => {
                    out.push('*');
                    out.push_str(&self.inlines(content));
                    out.push('*');
                }
                Inline::Strong { content } => {
                    out.push_str("**");
                    out.push_str(&self.inlines(content));
                    out.push_str("**");
                }
                Inline::NoteRef { id, marker } => {
                    out.push_str(&superscript(marker));
                    if let Some(note) = self.doc.footnote(id) {
                        let body = self.inlines(&note.content);
                        self.pending_notes.push(format!("{} {body}", superscript(marker)));
                    }
                }
                Inline::Ref { content, .. } | Inline::Entity { content, .. } => out.push_str(&self.inlines(content)),
                Inline::Bracketed { content } => {
                    out.push('[');
                    out.push_str(&self.inlines(content));
                    out.push(']');
                }
                // A marked copy (`rapporteur diff`), in wdiff's notation.
                Inline::Inserted { content } => {
                    out.push_str("{+");
                    out.push_str(&self.inlines(content));
                    out.push_str("+}");
                }
                Inline::Deleted { content } => {
                    out.push_str("[-");
                    out.push_str(&self.inlines(content));
                    out.push_str("-]");
                }
            }
        }
        out
    }
}

/// How far a list of officers sets in its offices ("Chair:") and their holders.
pub const OFFICE_INDENT: &str = "      ";
pub const HOLDER_INDENT: &str = "          ";

fn labelled(label: Option<&str>, text: &str) -> String {
    match label {
        Some(label) => format!("{label} {text}"),
        None => text.to_string(),
    }
}

/// In a table's header of several rows: the cell is the heading to its left, run on.
pub const SPAN_LEFT: &str = "<";
/// In a table's header of several rows: the cell is the heading above it, run down.
pub const SPAN_UP: &str = "^";
/// The cells of the line under a header of several rows.
pub const HEADER_RULE: &str = "---";

/// A footnote marker in Unicode superscript: "12" → "¹²", "a" → "ᵃ"; "*" stays "*".
pub fn superscript(marker: &str) -> String {
    marker
        .chars()
        .map(|c| match c {
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            '9' => '⁹',
            'a'..='z' => SUPERSCRIPT_LETTERS[(c as u8 - b'a') as usize],
            other => other,
        })
        .collect()
}

/// Modifier letters a–z ("q" has none in Unicode; the plain letter stands in).
pub const SUPERSCRIPT_LETTERS: [char; 26] = [
    'ᵃ', 'ᵇ', 'ᶜ', 'ᵈ', 'ᵉ', 'ᶠ', 'ᵍ', 'ʰ', 'ⁱ', 'ʲ', 'ᵏ', 'ˡ', 'ᵐ', 'ⁿ', 'ᵒ', 'ᵖ', 'q', 'ʳ', 'ˢ', 'ᵗ', 'ᵘ', 'ᵛ', 'ʷ',
    'ˣ', 'ʸ', 'ᶻ',
];

#[cfg(test)]
mod tests {
    use super::superscript;

    #[test]
    fn superscript_markers() {
        assert_eq!(superscript("12"), "¹²");
        assert_eq!(superscript("a"), "ᵃ");
        assert_eq!(superscript("*"), "*");
    }
}
