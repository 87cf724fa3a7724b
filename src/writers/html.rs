//! HTML writer: one self-contained, semantic page (no scripts, no external files).
//!
//! - `<header class="masthead">`: publisher and symbol, the organ, "Distr.: General", the date,
//!   "Original: English", the meeting caption and the title (`<h1>`, the only one of the page).
//! - one `<section id="…">` per division, with a heading one level below its parent's (chapters
//!   `<h2>`, sections `<h3>`, groups `<h4>`…); the label ("I.", "A.") in a `<span class="num">`.
//! - numbered paragraphs `<p class="para" id="…">` with the number in `<span class="num">`;
//!   sub-items as nested `<ol class="items">`/`<li id="…">` showing the model's labels ("(a)",
//!   "(i)") — the list style is off, so the browser numbers nothing.
//! - footnotes at the end of the page, `<ol class="footnotes">`: the marker in the text links to
//!   its note (`#fn-ID`), the note's marker links back to the citation (`#fnref-ID`).
//! - cross-references are links to the id of their target.
//! - an inline stylesheet for the screen and for print (A4, Times-metric serif, 10 pt).
//!
//! All user text goes through [`escape`]; ids come from the model and are escaped too. The
//! output depends only on the `Document`.

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::diag::Diagnostics;
use crate::document::{
    Block, Change, Contents, Division, DivisionKind, Document, HeaderCell, Inline, Item, MastheadStyle, Officers,
    Paragraph, Table,
};
use crate::writers::WriteOptions;

pub fn write(doc: &Document, _opts: &WriteOptions) -> Result<Vec<u8>, Diagnostics> {
    let mut w = HtmlWriter { doc, out: String::new(), targets: HashSet::new(), cited: HashSet::new() };
    collect_targets(&doc.body, &mut w.targets);
    w.page();
    Ok(w.out.into_bytes())
}

struct HtmlWriter<'a> {
    doc: &'a Document,
    out: String,
    /// Ids of the elements that carry one, so that cross-references link only to what exists.
    targets: HashSet<String>,
    /// Footnote ids in the order their citations were written (each once).
    cited: HashSet<String>,
}

impl HtmlWriter<'_> {
    fn page(&mut self) {
        let doc = self.doc;
        let lang = if doc.meta.language.is_empty() { "en" } else { &doc.meta.language };
        let title = match (doc.meta.symbol.is_empty(), doc.meta.title.is_empty()) {
            (false, false) => format!("{} \u{2014} {}", doc.meta.symbol, doc.meta.title),
            (false, true) => doc.meta.symbol.clone(),
            _ => doc.meta.title.clone(),
        };
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>\n{STYLE}{}{}</style>\n</head>\n<body>\n",
            escape(lang),
            escape(&title),
            if doc.review.is_some() { REVIEW_STYLE } else { "" },
            // Only a report that lists officers by office carries their style (the pages of
            // every other report stay as they were).
            if doc.has_officers() { OFFICERS_STYLE } else { "" }
        );
        self.masthead();
        self.legend();
        self.out.push_str("<main>\n");
        self.blocks(&doc.body, 2);
        self.out.push_str("</main>\n");
        self.footnotes();
        self.job_footer();
        self.out.push_str("</body>\n</html>\n");
    }

    fn masthead(&mut self) {
        let m = &self.doc.masthead;
        self.out.push_str("<header class=\"masthead\">\n<div class=\"topline\">");
        let _ = write!(self.out, "<span class=\"publisher\">{}</span>", escape(&m.publisher));
        // UN style: the symbol's first component is set larger.
        let symbol = match m.symbol.split_once('/') {
            Some((series, rest)) => {
                format!("<span class=\"series\">{}</span>/{}", escape(series), escape(rest))
            }
            None => format!("<span class=\"series\">{}</span>", escape(&m.symbol)),
        };
        let symbol_note = self.inlines(&m.symbol_note);
        let _ = writeln!(self.out, "<span class=\"symbol\">{symbol}{symbol_note}</span></div>");
        if let Some(or) = &m.official_records {
            // An Official Records volume: no distribution block, the volume named instead.
            self.out.push_str("<div class=\"official-records\">\n");
            for line in or.lines() {
                let _ = writeln!(self.out, "<p>{}</p>", escape(line));
            }
            self.out.push_str("</div>\n");
            // The volume's date stands over the report, not in a distribution block.
            if !m.date.is_empty() {
                let date = self.date_line();
                let _ = writeln!(self.out, "{date}");
            }
        } else {
            self.out.push_str("<div class=\"second\">\n");
            let _ = writeln!(self.out, "<p class=\"organ\">{}</p>", escape(&m.organ));
            self.out.push_str("<div class=\"distribution\">\n");
            match m.style {
                MastheadStyle::Standard => {
                    let _ = writeln!(self.out, "<p>{}{}</p>", escape(&m.distribution_label), escape(&m.distribution));
                    let date = self.date_line();
                    let _ = writeln!(self.out, "{date}");
                    if let Some(version) = &m.version {
                        let _ = writeln!(self.out, "<p class=\"version\">{}</p>", escape(version));
                    }
                    let _ = writeln!(
                        self.out,
                        "<p class=\"original\">{}{}</p>",
                        escape(&m.original_label),
                        escape(&m.original)
                    );
                }
                MastheadStyle::Capitals => {
                    let lines = m.distribution_lines();
                    for line in lines.iter().filter(|l| !l.is_empty()) {
                        if *line == m.date {
                            let date = self.date_line();
                            let _ = writeln!(self.out, "{date}");
                        } else {
                            let _ = writeln!(self.out, "<p>{}</p>", escape(line));
                        }
                    }
                }
            }
            self.out.push_str("</div>\n</div>\n");
        }
        if !m.caption.is_empty() {
            self.out.push_str("<div class=\"caption\">\n");
            for line in &m.caption {
                let text = self.inlines(line);
                let _ = writeln!(self.out, "<p>{text}</p>");
            }
            self.out.push_str("</div>\n");
        }
        let title = self.inlines(&m.title);
        let _ = writeln!(self.out, "<h1 class=\"title\">{title}</h1>");
        for line in m.addendum_lines() {
            let text = self.inlines(&line);
            let _ = writeln!(self.out, "<p class=\"subtitle\">{text}</p>");
        }
        if let Some(line) = m.rapporteur_line_styled() {
            let text = self.inlines(&line);
            let _ = writeln!(self.out, "<p class=\"subtitle rapporteur\">{text}</p>");
        }
        self.out.push_str("</header>\n");
    }

    /// The date of issue, machine-readable where the document has one.
    fn date_line(&self) -> String {
        let m = &self.doc.masthead;
        if self.doc.meta.date.is_empty() {
            format!("<p>{}</p>", escape(&m.date))
        } else {
            format!("<p><time datetime=\"{}\">{}</time></p>", escape(&self.doc.meta.date), escape(&m.date))
        }
    }

    fn blocks(&mut self, blocks: &[Block], level: usize) {
        for block in blocks {
            match block {
                Block::Division(d) => self.division(d, level),
                Block::Paragraph(p) => self.paragraph(p),
                Block::Table(t) => self.table(t),
                Block::Officers(o) => self.officers(o),
                Block::Contents(c) => self.contents(c, level),
            }
        }
    }

    fn division(&mut self, d: &Division, level: usize) {
        let h = level.min(6);
        let class = kind_class(d.kind);
        let heading = self.inlines(&d.heading);
        let rev = self.revision_class(&d.id);
        let _ = write!(self.out, "<section id=\"{}\" class=\"{class}\">\n<h{h}{rev}>", escape(&d.id));
        match &d.num {
            // A heading of note citations alone follows the label on its line (inside the label,
            // which may stand on a line of its own).
            Some(num) if d.heading_only_cites() => {
                let _ = write!(self.out, "<span class=\"num\">{}{heading}</span>", escape(num));
            }
            Some(num) => {
                let _ = write!(self.out, "<span class=\"num\">{}</span> {heading}", escape(num));
            }
            None => self.out.push_str(&heading),
        }
        let _ = writeln!(self.out, "</h{h}>");
        self.blocks(&d.children, level + 1);
        self.out.push_str("</section>\n");
    }

    fn paragraph(&mut self, p: &Paragraph) {
        let text = self.inlines(&p.content);
        let rev = self.revision_classes(&p.id).map(|c| format!(" {c}")).unwrap_or_default();
        let _ = write!(self.out, "<p class=\"para{rev}\" id=\"{}\">", escape(&p.id));
        if let Some(num) = &p.num {
            let _ = write!(self.out, "<span class=\"num\">{}</span> ", escape(num));
        }
        let _ = writeln!(self.out, "{text}</p>");
        self.items(&p.items);
    }

    fn items(&mut self, items: &[Item]) {
        if items.is_empty() {
            return;
        }
        self.out.push_str("<ol class=\"items\">\n");
        for item in items {
            let text = self.inlines(&item.content);
            let rev = self.revision_class(&item.id);
            let _ = write!(
                self.out,
                "<li id=\"{}\"{rev}><span class=\"label\">{}</span> {text}",
                escape(&item.id),
                escape(&item.label)
            );
            if item.items.is_empty() {
                self.out.push_str("</li>\n");
            } else {
                self.out.push('\n');
                self.items(&item.items);
                self.out.push_str("</li>\n");
            }
        }
        self.out.push_str("</ol>\n");
    }

    /// Officers by office: a description list, the office as the term, each holder a
    /// description of it.
    fn officers(&mut self, o: &Officers) {
        let rev = self.revision_classes(&o.id).map(|c| format!(" {c}")).unwrap_or_default();
        let _ = writeln!(self.out, "<dl class=\"officers{rev}\" id=\"{}\">", escape(&o.id));
        for office in &o.offices {
            let _ = writeln!(self.out, "<dt>{}</dt>", escape(&office.label));
            for holder in &office.holders {
                let name = self.inlines(holder);
                let _ = writeln!(self.out, "<dd>{name}</dd>");
            }
        }
        self.out.push_str("</dl>\n");
    }

    fn table(&mut self, t: &Table) {
        let _ = writeln!(self.out, "<table id=\"{}\">", escape(&t.id));
        let caption = self.inlines(&t.caption);
        if t.num.is_some() || !caption.is_empty() {
            self.out.push_str("<caption>");
            if let Some(num) = &t.num {
                let _ = write!(self.out, "<span class=\"num\">{}</span> ", escape(num));
            }
            let _ = writeln!(self.out, "{caption}</caption>");
        }
        if t.header.len() == 1 {
            self.out.push_str("<thead><tr>");
            self.header_cells(&t.header[0]);
            self.out.push_str("</tr></thead>\n");
        } else if !t.header.is_empty() {
            // Several rows: one line each.
            self.out.push_str("<thead>\n");
            for row in &t.header {
                self.out.push_str("<tr>");
                self.header_cells(row);
                self.out.push_str("</tr>\n");
            }
            self.out.push_str("</thead>\n");
        }
        self.out.push_str("<tbody>\n");
        for row in &t.rows {
            self.out.push_str("<tr>");
            for cell in row {
                let text = self.inlines(cell);
                let _ = write!(self.out, "<td>{text}</td>");
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody>\n</table>\n");
    }

    /// A row of column headings. A heading over several columns keeps `scope="col"`: the
    /// table algorithm applies it to every column it spans (`colgroup` would ask for `<colgroup>`
    /// elements the table does not have).
    fn header_cells(&mut self, row: &[HeaderCell]) {
        for cell in row {
            let text = self.inlines(&cell.content);
            let _ = write!(self.out, "<th scope=\"col\"");
            if cell.columns > 1 {
                let _ = write!(self.out, " colspan=\"{}\"", cell.columns);
            }
            if cell.rows > 1 {
                let _ = write!(self.out, " rowspan=\"{}\"", cell.rows);
            }
            let _ = write!(self.out, ">{text}</th>");
        }
    }

    fn contents(&mut self, c: &Contents, level: usize) {
        let h = level.min(6);
        let _ = writeln!(
            self.out,
            "<nav id=\"{}\" class=\"contents\">\n<h{h}>{}</h{h}>\n<ol>",
            escape(&c.id),
            escape(&c.heading)
        );
        for e in &c.entries {
            let mut label = String::new();
            if let Some(num) = &e.num {
                let _ = write!(label, "<span class=\"num\">{}</span> ", escape(num));
            }
            label.push_str(&escape(&e.title));
            let linked = if self.targets.contains(&e.target) {
                format!("<a href=\"#{}\">{label}</a>", escape(&e.target))
            } else {
                label
            };
            let paras = match &e.paragraphs {
                Some(p) => format!(" <span class=\"paras\">{}</span>", escape(p)),
                None => String::new(),
            };
            let _ = writeln!(self.out, "<li class=\"level-{}\">{linked}{paras}</li>", e.level);
        }
        self.out.push_str("</ol>\n</nav>\n");
    }

    fn footnotes(&mut self) {
        if self.doc.footnotes.is_empty() {
            return;
        }
        // Screen readers announce the notes and the way back in the report's language.
        let [notes_label, back_label] =
            crate::lang::Lang::parse(&self.doc.meta.language).unwrap_or(crate::lang::Lang::En).note_labels();
        let _ = writeln!(
            self.out,
            "<section class=\"footnotes\" role=\"doc-endnotes\" aria-label=\"{notes_label}\">\n<ol>"
        );
        for note in &self.doc.footnotes {
            let text = self.inlines(&note.content);
            let marker = escape(&note.marker);
            let id = escape(&note.id);
            let back = if self.cited.contains(&note.id) {
                format!("<a href=\"#fnref-{id}\" role=\"doc-backlink\" aria-label=\"{back_label}\">{marker}</a>")
            } else {
                marker
            };
            let _ = writeln!(self.out, "<li id=\"fn-{id}\"><span class=\"marker\">{back}</span> {text}</li>");
        }
        self.out.push_str("</ol>\n</section>\n");
    }

    fn job_footer(&mut self) {
        let m = &self.doc.masthead;
        if m.job_number.is_none() && m.barcode.is_none() {
            return;
        }
        self.out.push_str("<footer class=\"job\">\n");
        if let Some(job) = &m.job_number {
            let _ = writeln!(self.out, "<p class=\"job-number\">{}</p>", escape(job));
        }
        if let Some(code) = &m.barcode {
            let _ = writeln!(self.out, "<p class=\"barcode\">{}</p>", escape(code));
        }
        self.out.push_str("</footer>\n");
    }

    /// Renders running text, recording the footnotes it cites.
    fn inlines(&mut self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        for inline in inlines {
            match inline {
                Inline::Text { text } => out.push_str(&escape(text)),
                Inline::Emph { content } => {
                    let inner = self.inlines(content);
                    let _ = write!(out, "<em>{inner}</em>");
                }
                Inline::Strong { content } => {
                    let inner = self.inlines(content);
                    let _ = write!(out, "<strong>{inner}</strong>");
                }
                Inline::NoteRef { id, marker } => {
                    let marker = escape(marker);
                    if self.doc.footnote(id).is_some() && !self.cited.contains(id) {
                        self.cited.insert(id.clone());
                        let id = escape(id);
                        let _ = write!(
                            out,
                            "<sup class=\"noteref\"><a href=\"#fn-{id}\" id=\"fnref-{id}\" \
                             role=\"doc-noteref\">{marker}</a></sup>"
                        );
                    } else if self.doc.footnote(id).is_some() {
                        // Cited again (the model says this does not happen): link, no second id.
                        let _ = write!(out, "<sup class=\"noteref\"><a href=\"#fn-{}\">{marker}</a></sup>", escape(id));
                    } else {
                        let _ = write!(out, "<sup class=\"noteref\">{marker}</sup>");
                    }
                }
                Inline::Ref { target, content } => {
                    let inner = self.inlines(content);
                    if self.targets.contains(target) {
                        let _ = write!(out, "<a class=\"ref\" href=\"#{}\">{inner}</a>", escape(target));
                    } else {
                        out.push_str(&inner);
                    }
                }
                Inline::Entity { content, .. } => {
                    let inner = self.inlines(content);
                    out.push_str(&inner);
                }
                Inline::Bracketed { content } => {
                    let inner = self.inlines(content);
                    let _ = write!(out, "<span class=\"bracketed\">[{inner}]</span>");
                }
                Inline::Inserted { content } => {
                    let inner = self.inlines(content);
                    let _ = write!(out, "<ins>{inner}</ins>");
                }
                Inline::Deleted { content } => {
                    let inner = self.inlines(content);
                    let _ = write!(out, "<del>{inner}</del>");
                }
            }
        }
        out
    }
}

impl HtmlWriter<'_> {
    /// In a marked copy: ` class="rev rev-<change>"` for a block that changed (a renumbered
    /// one is not marked: its number is simply the new one).
    fn revision_class(&self, id: &str) -> String {
        self.revision_classes(id).map(|c| format!(" class=\"{c}\"")).unwrap_or_default()
    }

    /// `rev rev-<change>`, or `None` where nothing is to be marked.
    fn revision_classes(&self, id: &str) -> Option<String> {
        match self.doc.revision(id).map(|r| r.change) {
            None | Some(Change::Renumbered) => None,
            Some(change) => Some(format!("rev rev-{}", change_name(change))),
        }
    }

    /// In a marked copy: what the marks mean, and against which version.
    fn legend(&mut self) {
        let Some(review) = &self.doc.review else { return };
        let _ = writeln!(
            self.out,
            "<aside class=\"legend\" aria-label=\"How the changes are marked\">\n<p><strong>Marked copy.</strong> \
             Changes from {} ({}, {}).</p>\n<p><ins>Inserted text is underlined</ins>; <del>deleted text is struck \
             through</del>; a moved paragraph is <span class=\"rev-moved_to\">double-underlined where it now \
             stands</span> and <span class=\"rev-moved_from\">double-struck where it stood</span>. A bar in the \
             margin marks every changed paragraph. Paragraph numbers are those of this version.</p>\n</aside>",
            escape(&review.against),
            escape(&review.author),
            escape(&review.date)
        );
    }
}

fn change_name(change: Change) -> &'static str {
    match change {
        Change::Inserted => "inserted",
        Change::Deleted => "deleted",
        Change::MovedFrom => "moved_from",
        Change::MovedTo => "moved_to",
        Change::Changed => "changed",
        Change::Renumbered => "renumbered",
    }
}

/// The ids of divisions, paragraphs, items, tables and contents (cross-reference targets).
fn collect_targets(blocks: &[Block], out: &mut HashSet<String>) {
    fn items(list: &[Item], out: &mut HashSet<String>) {
        for item in list {
            out.insert(item.id.clone());
            items(&item.items, out);
        }
    }
    for block in blocks {
        match block {
            Block::Division(d) => {
                out.insert(d.id.clone());
                collect_targets(&d.children, out);
            }
            Block::Paragraph(p) => {
                out.insert(p.id.clone());
                items(&p.items, out);
            }
            Block::Table(t) => {
                out.insert(t.id.clone());
            }
            Block::Officers(o) => {
                out.insert(o.id.clone());
            }
            Block::Contents(c) => {
                out.insert(c.id.clone());
            }
        }
    }
}

fn kind_class(kind: DivisionKind) -> &'static str {
    match kind {
        DivisionKind::Chapter => "chapter",
        DivisionKind::Section => "section",
        DivisionKind::Group => "group",
        DivisionKind::Subgroup => "subgroup",
        DivisionKind::Annex => "annex",
        DivisionKind::Decision => "decision",
        DivisionKind::Rule => "rule",
    }
}

/// Escapes text for HTML element content and (double- or single-quoted) attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Control characters and non-characters are not allowed in HTML (`check` refuses them first).
    for c in crate::safety::xml_safe(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// Added to the stylesheet of a marked copy (`rapporteur diff`): insertions underlined,
/// deletions struck through, moves doubled, a bar in the margin — never colour alone.
/// A list of officers by office: the offices set in under the paragraph, the holders further in.
const OFFICERS_STYLE: &str = "dl.officers { margin: 0 0 6pt 12mm; }\ndl.officers dd { margin: 0 0 0 10mm; }\n";

const REVIEW_STYLE: &str = r#"ins, .rev-inserted, .rev-inserted * { text-decoration: underline; }
del, .rev-deleted, .rev-deleted * { text-decoration: line-through; }
.rev-moved_to, .rev-moved_to * { text-decoration: underline double; }
.rev-moved_from, .rev-moved_from * { text-decoration: line-through double; }
.rev { border-left: 2pt solid #000; padding-left: 6pt; margin-left: -8pt; }
.legend { border: 0.5pt solid #000; padding: 2pt 8pt; margin: 0 0 12pt; font-size: 10pt; }
"#;

/// The page's stylesheet: screen first, then print (A4, UN body text measures).
const STYLE: &str = r#"body { font-family: "Liberation Serif", "Times New Roman", Times, serif; font-size: 12pt;
  line-height: 1.35; max-width: 42em; margin: 2em auto; padding: 0 1em; color: #000; background: #fff; }
.masthead .topline { display: flex; justify-content: space-between; align-items: baseline;
  border-bottom: 0.5pt solid #000; padding-bottom: 2pt; }
.masthead .publisher { font-size: 14pt; }
.masthead .symbol { font-size: 10pt; }
.masthead .symbol .series { font-size: 20pt; }
.masthead .second { display: flex; justify-content: space-between; gap: 2em;
  border-bottom: 1.5pt solid #000; padding: 4pt 0; }
.masthead .organ { font-weight: bold; margin: 0; max-width: 60%; }
.masthead .distribution p { margin: 0; }
.masthead .distribution .original { margin-top: 1em; }
.masthead .caption { font-weight: bold; margin-top: 6pt; }
.masthead .caption p { margin: 0; }
.masthead .official-records p { margin: 0; font-weight: bold; }
.masthead .subtitle { font-weight: bold; margin: 0.5em 0 0 0; }
.masthead .subtitle.rapporteur { font-weight: normal; }
/* "Rule 1", "Annex I", "Decision 6/CMA.4": the label on a line of its own over the title. */
:is(.rule, .annex, .decision) > :is(h1, h2, h3, h4, h5, h6) > .num { display: block; }
h1.title { font-size: 17pt; line-height: 20pt; margin: 12pt 0 18pt; }
h2, h3, h4 { font-weight: bold; line-height: 1.2; margin: 16pt 0 8pt; }
h2 { font-size: 1.4em; } h3 { font-size: 1.2em; } h4 { font-size: 1em; }
h5, h6 { font-size: 1em; font-style: italic; font-weight: normal; }
/* A decision, and an annex of a decision, is headed in 12 pt bold at any depth, as the PDF prints
   it; an annex or a rule deep in the report in bold. */
:is(.decision, .decision .annex) > :is(h2, h3, h4, h5, h6) { font-size: 1.2em; font-style: normal; font-weight: bold; }
:is(.annex, .rule) > :is(h5, h6) { font-style: normal; font-weight: bold; }
h2 .num, h3 .num, h4 .num, h5 .num { display: inline-block; min-width: 2.5em; }
p.para { text-align: justify; margin: 0 0 6pt; }
p.para .num { display: inline-block; min-width: 10mm; }
ol.items { list-style: none; margin: 0 0 6pt; padding-left: 8mm; }
ol.items li { text-align: justify; margin-bottom: 3pt; }
ol.items .label { display: inline-block; min-width: 8mm; }
sup.noteref { line-height: 0; }
a { color: inherit; }
.footnotes { border-top: 0.5pt solid #000; width: 100%; margin-top: 2em; font-size: 9pt; }
.footnotes ol { list-style: none; padding: 0; }
.footnotes .marker { display: inline-block; min-width: 1.5em; vertical-align: super; font-size: 75%; }
table { border-collapse: collapse; margin: 6pt 0; }
table > caption { text-align: left; font-weight: bold; margin-bottom: 6pt; }
table > caption .num { display: block; font-weight: normal; }
th, td { border-top: 0.5pt solid #000; border-bottom: 0.5pt solid #000; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { vertical-align: bottom; }
nav.contents ol { list-style: none; padding: 0; }
nav.contents .level-1 { padding-left: 2em; } nav.contents .level-2 { padding-left: 4em; }
nav.contents .paras { float: right; }
footer.job { margin-top: 2em; font-size: 10pt; }
footer.job p { margin: 0; }
@media print {
  @page { size: A4; margin: 20mm 20mm 25mm 40mm; }
  body { font-size: 10pt; line-height: 12pt; max-width: none; margin: 0; padding: 0; }
  h1.title { page-break-after: avoid; }
  h2, h3, h4, h5 { page-break-after: avoid; break-after: avoid; break-inside: avoid; }
  p.para, ol.items li { orphans: 2; widows: 2; }
  a { text-decoration: none; }
  .footnotes { font-size: 9pt; border-top: 0; }
  .footnotes::before { content: ""; display: block; width: 28mm; border-top: 0.5pt solid #000; }
  /* Tables in 9 pt, as the PDF sets them. */
  table { font-size: 9pt; line-height: 11pt; }
}
"#;
