//! Builds the docx-rs document from the `Document`: masthead, body, footnotes, headers and
//! footers, page setup. Every paragraph gets a style and a paragraph id counted here (docx-rs's
//! own ids come from a thread-local counter), every footnote an id counted here (docx-rs's
//! `Footnote::new()` draws from a process-wide counter), so that the output depends on the
//! `Document` alone.

use docx_rs::{
    BorderType, BreakType, Docx, FieldCharType, Footer, Footnote, Header, InstrNUMPAGES, InstrPAGE, InstrPAGEREF,
    InstrText, PageMargin, Paragraph, Run, Table, TableBorder, TableBorderPosition, TableCell, TableCellBorder,
    TableCellBorderPosition, TableCellBorders, TableCellMargins, TableLayoutType, TableRow, VAlignType, VMergeType,
    WidthType, XMLDocx,
};

use std::collections::BTreeMap;

use super::anchors::{AnchorKind, Anchors};
use super::redline::{self, Track};
use super::styles::{self, id};
use crate::diag::{Diagnostic, Diagnostics};
use crate::document::{Block, Contents, Division, DivisionKind, Document, Inline, Item, Paragraph as Para, plain_text};

/// A footnote as written: its id in `word/footnotes.xml`, the `Document`'s marker, and whether
/// Word's own number (`w:footnoteRef`) prints that marker or a custom mark is needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub word_id: usize,
    pub marker: String,
    pub auto: bool,
}

pub struct Built {
    pub xml: XMLDocx,
    pub notes: Vec<Note>,
}

pub fn build(doc: &Document) -> Result<Built, Diagnostics> {
    let bookmarks = contents_targets(&doc.body);
    let mut b = Builder {
        doc,
        para_seq: 0,
        notes: Vec::new(),
        auto_count: 0,
        errors: Diagnostics::new(),
        anchors: Anchors::new(bookmarks.len()),
        bookmarks,
        depth: 0,
        in_decision: false,
    };

    let mut docx = Docx::new()
        .page_size(styles::PAGE_WIDTH, styles::PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(styles::MARGIN_TOP)
                .bottom(styles::MARGIN_BOTTOM)
                .left(styles::MARGIN_SIDE)
                .right(styles::MARGIN_SIDE)
                .header(styles::HEADER_DISTANCE)
                .footer(styles::FOOTER_DISTANCE)
                .gutter(0),
        )
        .default_fonts(
            docx_rs::RunFonts::new().ascii(styles::FONT).hi_ansi(styles::FONT).cs(styles::FONT).east_asia(styles::FONT),
        )
        .default_size(20);
    for style in styles::all() {
        docx = docx.add_style(style);
    }

    // Page furniture. Odd pages (the default header) carry the symbol on the right, even pages
    // on the left; page 1 has the masthead instead and the job number at the foot.
    let symbol = &doc.masthead.symbol;
    let odd_header = Header::new().add_paragraph(
        b.para(id::HEADER).align(docx_rs::AlignmentType::Right).add_run(Run::new().add_text(clean(symbol))),
    );
    let even_header = Header::new().add_paragraph(
        b.para(id::HEADER).align(docx_rs::AlignmentType::Left).add_run(Run::new().add_text(clean(symbol))),
    );
    let first_header = Header::new().add_paragraph(b.para(id::NORMAL));
    // From page 2 on, the footer carries the page counter "2/27" on the outer side and the job
    // number on the inner side.
    let job = doc.masthead.job_number.as_deref().map(clean);
    let job_run = |job: &String| Run::new().add_text(job.clone()).disable_bold();
    let mut odd = b.para(id::FOOTER);
    if let Some(job) = &job {
        odd = odd.add_run(job_run(job));
    }
    let odd_footer = Footer::new().add_paragraph(page_counter(odd.add_run(Run::new().add_tab())));
    let mut even = page_counter(b.para(id::FOOTER));
    if let Some(job) = &job {
        even = even.add_run(Run::new().add_tab()).add_run(job_run(job));
    }
    let even_footer = Footer::new().add_paragraph(even);
    let mut first_footer = Footer::new();
    match &doc.masthead.job_number {
        Some(job) => {
            first_footer = first_footer.add_paragraph(b.para(id::JOB_NUMBER).add_run(Run::new().add_text(clean(job))));
            if let Some(code) = &doc.masthead.barcode {
                first_footer =
                    first_footer.add_paragraph(b.para(id::BARCODE).add_run(Run::new().add_text(clean(code))));
            }
        }
        None => first_footer = first_footer.add_paragraph(b.para(id::NORMAL)),
    }
    docx = docx
        .header(odd_header)
        .even_header(even_header)
        .first_header(first_header)
        .footer(odd_footer)
        .even_footer(even_footer)
        .first_footer(first_footer)
        .title_pg();

    let mut children = Vec::new();
    b.masthead(&mut children);
    b.blocks(&doc.body, &mut children);
    // Word wants a paragraph after a table at the end of the body.
    if matches!(children.last(), Some(Child::Table(_))) {
        let p = b.para(id::NORMAL);
        push_para(&mut children, p);
    }
    for child in children {
        docx = match child {
            Child::Paragraph(p) => docx.add_paragraph(*p),
            Child::Table(t) => docx.add_table(*t),
        };
    }
    if b.errors.has_errors() {
        return Err(b.errors);
    }
    Ok(Built { xml: docx.build(), notes: b.notes })
}

enum Child {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

fn push_para(out: &mut Vec<Child>, p: Paragraph) {
    out.push(Child::Paragraph(Box::new(p)));
}

#[derive(Debug, Clone, Copy, Default)]
struct Fmt {
    italic: bool,
    bold: bool,
    /// In a marked copy: how the text is tracked (see `redline`).
    track: Option<Track>,
}

impl Fmt {
    fn apply(self, mut run: Run) -> Run {
        if self.italic {
            run = run.italic();
        }
        if self.bold {
            run = run.bold();
        }
        redline::mark_run(run, self.track)
    }

    fn tracked(track: Option<Track>) -> Fmt {
        Fmt { track, ..Fmt::default() }
    }
}

struct Builder<'a> {
    doc: &'a Document,
    para_seq: u32,
    notes: Vec<Note>,
    /// How many footnotes Word has numbered itself so far.
    auto_count: usize,
    errors: Diagnostics,
    /// The bookmark ("rp1", "rp2"…) of each division a table of contents points to, so its page
    /// number can be a `PAGEREF` field.
    bookmarks: BTreeMap<String, (usize, String)>,
    /// How deep the division being written is (1 for a chapter): its headings' outline level.
    depth: usize,
    /// Inside a decision or resolution: its sub-paragraphs are laid out as numbered paragraphs.
    in_decision: bool,
    /// The hidden bookmark of every paragraph's id (`anchors`), for review round trips.
    anchors: Anchors,
}

/// Bookmarks for the divisions that contents entries point to, numbered in entry order.
fn contents_targets(blocks: &[Block]) -> BTreeMap<String, (usize, String)> {
    let mut out = BTreeMap::new();
    for block in blocks {
        if let Block::Contents(c) = block {
            for e in &c.entries {
                let n = out.len() + 1;
                out.entry(e.target.clone()).or_insert((n, format!("rp{n}")));
            }
        }
    }
    out
}

impl Builder<'_> {
    /// A new paragraph with the next paragraph id and the given style.
    fn para(&mut self, style: &str) -> Paragraph {
        self.para_seq += 1;
        Paragraph::new().id(format!("{:08X}", self.para_seq)).style(style)
    }

    /// An Official Records volume opens with a title page, as the PDF does (A/80/33 as issued):
    /// the symbol at the top right, the publisher, the title, the caption, and the volume in the
    /// lower half; the report starts on the next page under its date. The paragraphs keep the
    /// masthead's styles, which is how the DOCX reader finds them again.
    fn official_records_title_page(&mut self, or: &crate::document::OfficialRecords, out: &mut Vec<Child>) {
        let m = &self.doc.masthead;
        let symbol = self
            .para(id::MASTHEAD_SYMBOL)
            .align(docx_rs::AlignmentType::Right)
            .add_run(Run::new().size(18).bold().add_text(clean(&m.symbol)));
        let symbol = self.add_inlines(symbol, &m.symbol_note, Fmt::default());
        push_para(out, symbol);
        let publisher = self
            .para(id::MASTHEAD_UN)
            .line_spacing(docx_rs::LineSpacing::new().before(1600).after(600))
            .add_run(Run::new().size(24).bold().add_text(clean(&m.publisher)));
        push_para(out, publisher);
        let title = self.para(id::TITLE).indent(Some(0), None, Some(styles::FULL_WIDTH / 4), None);
        let title = self.add_inlines(title, &m.title, Fmt::default());
        push_para(out, title);
        for line in &m.caption {
            let p = self.para(id::MASTHEAD_CAPTION);
            let p = self.add_inlines(p, line, Fmt::default());
            push_para(out, p);
        }
        for line in m.addendum_lines() {
            let p = self.para(id::MASTHEAD_SUBTITLE);
            let p = self.add_inlines(p, &line, Fmt::default());
            push_para(out, p);
        }
        if let Some(line) = m.rapporteur_line_styled() {
            let p = self.para(id::MASTHEAD_RAPPORTEUR);
            let p = self.add_inlines(p, &line, Fmt::default());
            push_para(out, p);
        }
        let mut volume = self.para(id::OFFICIAL_RECORDS).line_spacing(docx_rs::LineSpacing::new().before(3600));
        for (i, line) in or.lines().iter().enumerate() {
            let run = if i == 0 {
                Run::new()
            } else {
                volume = volume.add_run(Run::new().add_break(BreakType::TextWrapping));
                Run::new().size(20)
            };
            volume = volume.add_run(run.add_text(clean(line)));
        }
        push_para(out, volume);
        let page_break = self.para(id::NORMAL).add_run(Run::new().add_break(BreakType::Page));
        push_para(out, page_break);
        if !m.date.is_empty() {
            let date = self
                .para(id::MASTHEAD_DISTR)
                .align(docx_rs::AlignmentType::Right)
                .add_run(Run::new().add_text(clean(&m.date)));
            push_para(out, date);
        }
    }

    fn masthead(&mut self, out: &mut Vec<Child>) {
        let m = &self.doc.masthead;
        if let Some(or) = &m.official_records {
            return self.official_records_title_page(or, out);
        }
        // Three grid columns: "United Nations" | the symbol over the rest; the organ over the
        // first two | distribution, date and original language in the last 50 mm.
        let right = styles::DISTR_WIDTH;
        let col =
            [(styles::FULL_WIDTH - right) / 2, styles::FULL_WIDTH - right - (styles::FULL_WIDTH - right) / 2, right];
        let rule = |size: usize| {
            TableCellBorder::new(TableCellBorderPosition::Bottom).border_type(BorderType::Single).size(size)
        };
        let cell = |width: i32, span: usize, border: usize| {
            let mut c = TableCell::new()
                .width(width as usize, WidthType::Dxa)
                .vertical_align(VAlignType::Bottom)
                .set_borders(TableCellBorders::with_empty().set(rule(border)));
            if span > 1 {
                c = c.grid_span(span);
            }
            c
        };

        // Top line: "United Nations" and the symbol, its first component larger.
        let publisher = self.para(id::MASTHEAD_UN).add_run(Run::new().add_text(clean(&m.publisher)));
        let mut symbol = self.para(id::MASTHEAD_SYMBOL);
        let (first, rest) = match m.symbol.find('/') {
            Some(i) => m.symbol.split_at(i),
            None => (m.symbol.as_str(), ""),
        };
        symbol = symbol.add_run(Run::new().size(40).add_text(clean(first)));
        if !rest.is_empty() {
            symbol = symbol.add_run(Run::new().add_text(clean(rest)));
        }
        symbol = self.add_inlines(symbol, &m.symbol_note, Fmt::default());
        let row1 = TableRow::new(vec![
            cell(col[0], 1, 4).add_paragraph(publisher),
            cell(col[1] + col[2], 2, 4).add_paragraph(symbol),
        ]);

        // Second block: the organ; distribution, date and original language on the right.
        let organ = self
            .para(id::MASTHEAD_ORGAN)
            .indent(None, None, Some(styles::ORGAN_GUTTER), None)
            .add_run(Run::new().add_text(clean(&m.organ)));
        let mut distr = cell(col[2], 1, 12).vertical_align(VAlignType::Top);
        let mut lines = m.distribution_lines();
        if lines.is_empty() {
            // A cell holds at least one paragraph.
            lines.push(String::new());
        }
        for line in lines {
            let mut p = self.para(id::MASTHEAD_DISTR);
            if !line.is_empty() {
                p = p.add_run(Run::new().add_text(clean(&line)));
            }
            distr = distr.add_paragraph(p);
        }
        // The bottom margin leaves a little air above the heavy rule.
        let row2 = TableRow::new(vec![
            cell(col[0] + col[1], 2, 12).vertical_align(VAlignType::Top).add_paragraph(organ),
            distr,
        ]);

        let table = Table::without_borders(vec![row1, row2])
            .set_grid(col.iter().map(|w| *w as usize).collect())
            .width(styles::FULL_WIDTH as usize, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .margins(TableCellMargins::new().margin(0, 0, 60, 0));
        out.push(Child::Table(Box::new(table)));

        // Under the rule: the meeting caption in bold, then the title.
        for (i, line) in m.caption.iter().enumerate() {
            let mut p = self.para(id::MASTHEAD_CAPTION);
            if i == 0 {
                p = p.line_spacing(docx_rs::LineSpacing::new().before(120));
            }
            p = self.add_inlines(p, line, Fmt::default());
            push_para(out, p);
        }
        let title = self.para(id::TITLE);
        let title = self.add_inlines(title, &m.title, Fmt::default());
        push_para(out, title);
        for line in m.addendum_lines() {
            let p = self.para(id::MASTHEAD_SUBTITLE);
            let p = self.add_inlines(p, &line, Fmt::default());
            push_para(out, p);
        }
        if let Some(line) = m.rapporteur_line_styled() {
            let p = self.para(id::MASTHEAD_RAPPORTEUR);
            let p = self.add_inlines(p, &line, Fmt::default());
            push_para(out, p);
        }
    }

    fn blocks(&mut self, blocks: &[Block], out: &mut Vec<Child>) {
        for block in blocks {
            match block {
                Block::Division(d) => self.division(d, out),
                Block::Paragraph(p) => self.paragraph(p, out),
                Block::Table(t) => self.table(t, out),
                Block::Officers(o) => self.officers(o, out),
                Block::Contents(c) => self.contents(c, out),
            }
        }
    }

    fn division(&mut self, d: &Division, out: &mut Vec<Child>) {
        let style = match d.kind {
            DivisionKind::Chapter | DivisionKind::Annex => id::HCH,
            DivisionKind::Section | DivisionKind::Decision => id::H1,
            DivisionKind::Group | DivisionKind::Rule => id::H23,
            DivisionKind::Subgroup => id::H4,
        };
        // A decision's heading looks like H1 whatever its depth; its style says its level.
        let decision_style = id::decision_heading(self.depth);
        let style = if d.kind == DivisionKind::Decision { decision_style.as_str() } else { style };
        let mut p = self.para(style);
        // The outline level of the heading is its depth in the document; the style says the
        // usual one (a decision quoted inside a section sits one level deeper than H1 says).
        self.depth += 1;
        let level = self.depth.saturating_sub(1);
        if id::outline_level(style) != Some(level) {
            p = p.outline_lvl(level.min(8));
        }
        match (&d.num, d.kind) {
            // "Annex I" / "Decision 4/4" stand on a line of their own above the title.
            (Some(num), DivisionKind::Annex | DivisionKind::Decision | DivisionKind::Rule) => {
                // An annex starts a page and stands out in the heading column, as in the PDF.
                let annex = d.kind == DivisionKind::Annex;
                let left = if annex { styles::BODY_INDENT - styles::HEADING_HANG } else { styles::BODY_INDENT };
                p = p.page_break_before(annex);
                p = p
                    .indent(Some(left), Some(docx_rs::SpecialIndentType::FirstLine(0)), Some(styles::BODY_INDENT), None)
                    .add_run(Run::new().add_text(clean(num)));
                // A heading of note citations alone follows the label on its line.
                if !d.heading_only_cites() {
                    p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
                }
            }
            (Some(num), _) => {
                for run in redline::label_runs(self.doc, &d.id, num, clean) {
                    p = p.add_run(run);
                }
            }
            (None, _) => {
                p = p.indent(
                    Some(styles::BODY_INDENT),
                    Some(docx_rs::SpecialIndentType::FirstLine(0)),
                    Some(styles::BODY_INDENT),
                    None,
                );
            }
        }
        if let Some((n, name)) = self.bookmarks.get(&d.id) {
            p = p.add_bookmark_start(*n, name.clone());
        }
        p = self.add_inlines(p, &d.heading, Fmt::tracked(redline::block_track(self.doc, &d.id)));
        if let Some((n, _)) = self.bookmarks.get(&d.id) {
            p = p.add_bookmark_end(*n);
        }
        p = self.anchors.wrap(p, AnchorKind::Body, &d.id);
        push_para(out, redline::mark_paragraph(p, self.doc, &d.id));
        let in_decision = self.in_decision;
        self.in_decision |= d.kind == DivisionKind::Decision;
        self.blocks(&d.children, out);
        self.in_decision = in_decision;
        self.depth -= 1;
    }

    fn paragraph(&mut self, para: &Para, out: &mut Vec<Child>) {
        let mut p = self.para(id::SINGLE_TXT);
        if let Some(num) = &para.num {
            for run in redline::label_runs(self.doc, &para.id, num, clean) {
                p = p.add_run(run);
            }
        }
        // A lead-in ("5. States parties should:") stays on the page of its first item.
        p = p.keep_next(!para.items.is_empty());
        p = self.add_inlines(p, &para.content, Fmt::tracked(redline::block_track(self.doc, &para.id)));
        p = self.anchors.wrap(p, AnchorKind::Body, &para.id);
        push_para(out, redline::mark_paragraph(p, self.doc, &para.id));
        self.items(&para.items, 1, out);
    }

    /// Officers by office: each office and each holder a body paragraph of its own, unnumbered,
    /// the office where the paragraph numbers stand and its holders in at the paragraphs' text,
    /// as the reports print them (direct indentation, so that the style sheet stays the usual one).
    fn officers(&mut self, o: &crate::document::Officers, out: &mut Vec<Child>) {
        let set_in = |p: Paragraph, left: i32| {
            p.indent(Some(left), Some(docx_rs::SpecialIndentType::FirstLine(0)), Some(styles::BODY_INDENT), None)
        };
        let track = Fmt::tracked(redline::block_track(self.doc, &o.id));
        for (i, office) in o.offices.iter().enumerate() {
            let mut p = set_in(self.para(id::SINGLE_TXT), styles::BODY_INDENT).keep_next(true);
            p = p.add_run(Run::new().add_text(clean(&office.label)));
            if i == 0 {
                p = self.anchors.wrap(p, AnchorKind::Body, &o.id);
            }
            push_para(out, p);
            for (h, holder) in office.holders.iter().enumerate() {
                let p = set_in(self.para(id::SINGLE_TXT), styles::BODY_INDENT + styles::LABEL_STEP)
                    .keep_next(h + 1 < office.holders.len());
                let p = self.add_inlines(p, holder, track);
                push_para(out, p);
            }
        }
    }

    fn items(&mut self, items: &[Item], depth: usize, out: &mut Vec<Child>) {
        for item in items {
            if self.in_decision {
                let mut p = self.para(&id::decision_item(depth));
                if depth > styles::SUB_ITEM_LEVELS {
                    p = styles::decision_item_layout(p, depth);
                }
                p = p.keep_next(!item.items.is_empty());
                p = p.add_run(Run::new().add_text(clean(&item.label))).add_run(Run::new().add_tab());
                p = self.add_inlines(p, &item.content, Fmt::default());
                push_para(out, p);
                self.items(&item.items, depth + 1, out);
                continue;
            }
            let mut p = self.para(&id::sub_item(depth));
            if depth > styles::SUB_ITEM_LEVELS {
                let left = styles::item_indent(depth);
                p = p
                    .indent(
                        Some(left),
                        Some(docx_rs::SpecialIndentType::Hanging(styles::ITEM_STEP)),
                        Some(styles::BODY_INDENT),
                        None,
                    )
                    .add_tab(docx_rs::Tab::new().val(docx_rs::TabValueType::Left).pos(left as usize));
            }
            p = p.keep_next(!item.items.is_empty());
            for run in redline::label_runs(self.doc, &item.id, &item.label, clean) {
                p = p.add_run(run);
            }
            p = self.add_inlines(p, &item.content, Fmt::tracked(redline::block_track(self.doc, &item.id)));
            p = self.anchors.wrap(p, AnchorKind::Body, &item.id);
            push_para(out, redline::mark_paragraph(p, self.doc, &item.id));
            self.items(&item.items, depth + 1, out);
        }
    }

    fn table(&mut self, t: &crate::document::Table, out: &mut Vec<Child>) {
        let mut caption = self.para(id::TABLE_CAPTION);
        if let Some(num) = &t.num {
            caption = caption.add_run(Run::new().add_text(clean(num)));
            if !t.caption.is_empty() {
                caption = caption.add_run(Run::new().add_break(BreakType::TextWrapping));
            }
        }
        caption = self.add_inlines(caption, &t.caption, Fmt::default());
        push_para(out, caption);

        let columns = t.width();
        if columns == 0 {
            return;
        }
        let width = styles::BODY_WIDTH / columns as i32;
        // Text columns are left-aligned, columns of figures right-aligned (their heads too).
        let figures: Vec<bool> = (0..columns).map(|i| is_figure_column(&t.rows, i)).collect();
        let mut rows = Vec::new();
        let rule = || {
            TableCellBorders::with_empty()
                .set(TableCellBorder::new(TableCellBorderPosition::Bottom).border_type(BorderType::Single).size(4))
        };
        // The header, row by row over the grid: a heading over several columns is one cell
        // (`w:gridSpan`), one over several rows starts a vertical merge (`w:vMerge restart`)
        // that the cell under it in each following row continues. Each header row is marked
        // `w:tblHeader` afterwards (see `package::header_rows`), from its style.
        let grid = t.header_grid();
        for r in 0..t.header.len() {
            let mut cells = Vec::new();
            let mut c = 0;
            while c < columns {
                let Some(((owner_row, owner_cell), starts)) = grid.at(r, c) else {
                    // Left open by the data (a row narrower than the table): an empty cell.
                    let p = self.para(id::TABLE_HEAD);
                    cells.push(
                        TableCell::new().width(width as usize, WidthType::Dxa).add_paragraph(p).set_borders(rule()),
                    );
                    c += 1;
                    continue;
                };
                let head = &t.header[owner_row][owner_cell];
                let span = head.columns.max(1).min(columns - c);
                let mut p = self.para(id::TABLE_HEAD);
                if figures[c..c + span].iter().all(|f| *f) {
                    p = p.align(docx_rs::AlignmentType::Right);
                }
                if starts {
                    p = self.add_inlines(p, &head.content, Fmt::default());
                }
                let mut cell =
                    TableCell::new().width(width as usize * span, WidthType::Dxa).add_paragraph(p).set_borders(rule());
                if span > 1 {
                    cell = cell.grid_span(span);
                }
                if head.rows > 1 {
                    cell = cell.vertical_merge(if owner_row == r { VMergeType::Restart } else { VMergeType::Continue });
                }
                cells.push(cell);
                c += span;
            }
            rows.push(TableRow::new(cells));
        }
        for r in &t.rows {
            let mut row = Vec::new();
            for (i, &figure) in figures.iter().enumerate() {
                let mut p = self.para(id::TABLE_TEXT);
                if figure {
                    p = p.align(docx_rs::AlignmentType::Right);
                }
                if let Some(content) = r.get(i) {
                    p = self.add_inlines(p, content, Fmt::default());
                }
                row.push(TableCell::new().width(width as usize, WidthType::Dxa).add_paragraph(p));
            }
            rows.push(TableRow::new(row));
        }
        let rule = |pos| TableBorder::new(pos).border_type(BorderType::Single).size(4);
        let table = Table::without_borders(rows)
            .set_grid(vec![width as usize; columns])
            .width((width * columns as i32) as usize, WidthType::Dxa)
            .indent(styles::BODY_INDENT)
            .layout(TableLayoutType::Fixed)
            .set_border(rule(TableBorderPosition::Top))
            .set_border(rule(TableBorderPosition::Bottom));
        out.push(Child::Table(Box::new(table)));
    }

    /// The table of contents as the PDF lays it out: a borderless table of three columns — the
    /// entry (number hanging in a 10 mm column, each level 10 mm further in, dots to the end),
    /// the paragraphs (22 mm) and the page (12 mm, a `PAGEREF` field to the heading's
    /// bookmark) — then a page break: the body starts on a page of its own.
    fn contents(&mut self, c: &Contents, out: &mut Vec<Child>) {
        let heading = self.para(id::CONTENTS_HEADING).add_run(Run::new().add_text(clean(&c.heading)));
        push_para(out, heading);
        let (paras_w, page_w) = (styles::CONTENTS_PARAS, styles::CONTENTS_PAGE);
        let title_w = styles::BODY_WIDTH - paras_w - page_w;
        let cell = |w: i32| TableCell::new().width(w as usize, WidthType::Dxa).vertical_align(VAlignType::Bottom);
        let right = |p: Paragraph| p.align(docx_rs::AlignmentType::Right);
        let mut label_head = self.para(id::TOC_HEAD);
        if let Some(label) = &c.label_column {
            label_head = label_head.add_run(Run::new().add_text(clean(label)));
        }
        let mut rows = vec![TableRow::new(vec![
            cell(title_w).add_paragraph(label_head),
            cell(paras_w)
                .add_paragraph(right(self.para(id::TOC_HEAD)).add_run(Run::new().add_text(clean(&c.columns[0])))),
            cell(page_w)
                .add_paragraph(right(self.para(id::TOC_HEAD)).add_run(Run::new().add_text(clean(&c.columns[1])))),
        ])];
        for e in &c.entries {
            let level = e.level.min(2) as i32;
            let left = styles::LABEL_STEP * (level + 1);
            let mut p = self
                .para(&id::toc(e.level))
                .indent(Some(left), Some(docx_rs::SpecialIndentType::Hanging(styles::LABEL_STEP)), Some(0), None)
                .add_tab(docx_rs::Tab::new().val(docx_rs::TabValueType::Left).pos(left as usize))
                .add_tab(
                    docx_rs::Tab::new()
                        .val(docx_rs::TabValueType::Right)
                        .leader(docx_rs::TabLeaderType::Dot)
                        .pos(title_w as usize),
                );
            // A long label ("Annex II") does not fit the number column: it leads the title.
            let title = match &e.num {
                Some(num) if num.chars().count() > 5 => format!("{num}. {}", e.title),
                Some(num) => {
                    p = p.add_run(Run::new().add_text(clean(num)));
                    e.title.clone()
                }
                None => e.title.clone(),
            };
            p = p
                .add_run(Run::new().add_tab())
                .add_run(Run::new().add_text(clean(&title)))
                .add_run(Run::new().add_tab());
            let mut paras = right(self.para(&id::toc(e.level)));
            if let Some(range) = &e.paragraphs {
                paras = paras.add_run(Run::new().add_text(clean(range)));
            }
            let mut page = right(self.para(&id::toc(e.level)));
            if let Some((_, name)) = self.bookmarks.get(&e.target) {
                page = page_reference(page, name);
            }
            rows.push(TableRow::new(vec![
                cell(title_w).add_paragraph(p),
                cell(paras_w).add_paragraph(paras),
                cell(page_w).add_paragraph(page),
            ]));
        }
        let table = Table::without_borders(rows)
            .set_grid(vec![title_w as usize, paras_w as usize, page_w as usize])
            .width(styles::BODY_WIDTH as usize, WidthType::Dxa)
            .indent(styles::BODY_INDENT)
            .layout(TableLayoutType::Fixed)
            .margins(TableCellMargins::new().margin(0, 0, 0, 0));
        out.push(Child::Table(Box::new(table)));
        let br = self.para(id::NORMAL).add_run(Run::new().add_break(BreakType::Page));
        push_para(out, br);
    }

    fn add_inlines(&mut self, mut p: Paragraph, inlines: &[Inline], fmt: Fmt) -> Paragraph {
        let mut runs = Vec::new();
        self.runs(inlines, fmt, false, &mut runs);
        for run in runs {
            p = p.add_run(run);
        }
        p
    }

    /// The runs of `inlines`. Inside a footnote (`in_note`) a footnote reference cannot be a
    /// footnote again and is printed as its superscript marker.
    fn runs(&mut self, inlines: &[Inline], fmt: Fmt, in_note: bool, out: &mut Vec<Run>) {
        for inline in inlines {
            match inline {
                Inline::Text { text } => push_text(out, text, fmt),
                Inline::Emph { content } => self.runs(content, Fmt { italic: true, ..fmt }, in_note, out),
                Inline::Strong { content } => self.runs(content, Fmt { bold: true, ..fmt }, in_note, out),
                Inline::Ref { content, .. } | Inline::Entity { content, .. } => self.runs(content, fmt, in_note, out),
                Inline::Bracketed { content } => {
                    push_text(out, "[", fmt);
                    self.runs(content, fmt, in_note, out);
                    push_text(out, "]", fmt);
                }
                Inline::Inserted { content } => {
                    self.runs(content, Fmt { track: Some(Track::Ins), ..fmt }, in_note, out)
                }
                Inline::Deleted { content } => self.runs(content, Fmt { track: Some(Track::Del), ..fmt }, in_note, out),
                Inline::NoteRef { id, marker } => {
                    if in_note {
                        out.push(Run::new().style(id::FOOTNOTE_REFERENCE).add_text(clean(marker)));
                        continue;
                    }
                    let Some(note) = self.doc.footnote(id) else {
                        self.errors.push(
                            Diagnostic::error(format!("footnote `{id}` is cited but not defined"))
                                .with_hint("every `[^id]` needs an entry under `footnotes:`"),
                        );
                        continue;
                    };
                    let word_id = self.notes.len() + 1;
                    let auto = *marker == (self.auto_count + 1).to_string();
                    if auto {
                        self.auto_count += 1;
                    }
                    self.notes.push(Note { word_id, marker: marker.clone(), auto });
                    // The mark inside the note; `package` turns it into `w:footnoteRef` when
                    // Word's own number prints the marker.
                    let mut p = self
                        .para(id::FOOTNOTE_TEXT)
                        .add_run(Run::new().style(id::FOOTNOTE_REFERENCE).add_text(clean(marker)))
                        .add_run(Run::new().add_tab());
                    let mut body = Vec::new();
                    self.runs(&note.content, Fmt::default(), true, &mut body);
                    for run in body {
                        p = p.add_run(run);
                    }
                    p = self.anchors.wrap(p, AnchorKind::Note, id);
                    let footnote = Footnote { id: word_id, content: vec![p] };
                    out.push(redline::mark_run(Run::new().add_footnote_reference(footnote), fmt.track));
                }
            }
        }
    }
}

/// A `PAGEREF` field to `bookmark`, marked dirty so that Word computes it when it opens the
/// file (LibreOffice computes it anyway).
fn page_reference(p: Paragraph, bookmark: &str) -> Paragraph {
    p.add_run(Run::new().add_field_char(FieldCharType::Begin, true))
        .add_run(Run::new().add_instr_text(InstrText::PAGEREF(InstrPAGEREF::new(bookmark))))
        .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(Run::new().add_text(""))
        .add_run(Run::new().add_field_char(FieldCharType::End, false))
}

/// A column of figures: at least one body cell holds a number ("21", "1 234", "12.5%", "(3)"),
/// and every other one a number or is empty or a dash. (The PDF template decides alike.)
fn is_figure_column(rows: &[Vec<Vec<Inline>>], column: usize) -> bool {
    let mut figures = 0;
    for row in rows {
        let text = row.get(column).map(|c| plain_text(c)).unwrap_or_default();
        let text = text.trim();
        if text.is_empty() || matches!(text, "-" | "\u{2013}" | "\u{2014}" | "..." | "\u{2026}") {
            continue;
        }
        let figure = text.chars().any(|c| c.is_ascii_digit())
            && text.chars().all(|c| {
                c.is_ascii_digit() || c.is_whitespace() || ".,%+-()\u{2212}\u{2013}\u{a0}\u{202f}".contains(c)
            });
        if !figure {
            return false;
        }
        figures += 1;
    }
    figures > 0
}

/// The page counter "2/27": a PAGE and a NUMPAGES field (their cached results are replaced by
/// every reader).
fn page_counter(p: Paragraph) -> Paragraph {
    let field = |p: Paragraph, instr: InstrText| {
        p.add_run(Run::new().add_field_char(FieldCharType::Begin, false))
            .add_run(Run::new().add_instr_text(instr))
            .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
            .add_run(Run::new().add_text("1"))
            .add_run(Run::new().add_field_char(FieldCharType::End, false))
    };
    let p = field(p, InstrText::PAGE(InstrPAGE::new()));
    let p = p.add_run(Run::new().add_text("/"));
    field(p, InstrText::NUMPAGES(InstrNUMPAGES::new()))
}

/// Text runs for `text`, with tabs and line breaks as elements and characters that XML cannot
/// hold replaced (see the module documentation).
fn push_text(out: &mut Vec<Run>, text: &str, fmt: Fmt) {
    let mut buf = String::new();
    let flush = |buf: &mut String, out: &mut Vec<Run>| {
        if !buf.is_empty() {
            out.push(fmt.apply(Run::new().add_text(std::mem::take(buf))));
        }
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' => {
                flush(&mut buf, out);
                out.push(fmt.apply(Run::new().add_tab()));
            }
            '\n' | '\r' | '\u{b}' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                flush(&mut buf, out);
                out.push(fmt.apply(Run::new().add_break(BreakType::TextWrapping)));
            }
            c => buf.push(xml_char(c)),
        }
    }
    flush(&mut buf, out);
}

/// `c`, or U+FFFD where XML 1.0 cannot hold `c`.
fn xml_char(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' => c,
        '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
        c => c,
    }
}

/// Text for places that take a single run (labels, masthead lines): controls replaced.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' | '\u{b}' => ' ',
            c => xml_char(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{clean, xml_char};

    #[test]
    fn control_characters_are_replaced() {
        assert_eq!(clean("a\u{1}b\u{b}c\td"), "a\u{fffd}b c d");
        assert_eq!(xml_char('\u{ffff}'), '\u{fffd}');
        assert_eq!(xml_char('é'), 'é');
    }
}
