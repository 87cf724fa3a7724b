//! From lines to a `Document`, by the house style's layout rather than by any one report:
//!
//! - the body's type size and left margin are measured (the most common size and the most common
//!   left edge of lines in that size);
//! - page furniture is set aside (`furniture`), and so is the footnote zone: the lines under the
//!   separator (a row of underscores or a short rule) — a footnote starts with its marker (raised,
//!   or alone before a tab), other lines continue the note before, across pages;
//! - the masthead is everything on page 1 above the title (the first line in large type at the
//!   body's margin): symbol, "Distr.:", date of issue, "Original:", the organ (large type, left),
//!   and the caption lines;
//! - a heading is a line in bold or in large type: "I." / "Chapter I" (chapter), "A." (section),
//!   "1." in bold (group), "Annex I", "Decision 6/CMA.4" / "Resolution 1/1"; an unnumbered
//!   heading is a section (a chapter when no chapter is open); a heading right under a label
//!   heading is its title;
//! - a number "12." at the margin before a tab opens paragraph 12; a label further in ("1.",
//!   "(a)", "(i)", "a.", "•") opens an item, nested by how far in it stands;
//! - any other line continues the paragraph or item above unless a wider gap or an indented
//!   first line says a new (unnumbered) paragraph starts; a paragraph cut by a page break goes on;
//! - "Contents" opens a table of contents (entries with leaders and page numbers), kept as a
//!   `Contents` block (the writers generate it again);
//! - raised markers in the text become `NoteRef`s to the footnote with that marker, in order.

use std::collections::{BTreeMap, HashMap};

use super::extract::{Pages, Rule};
use super::furniture::{self, Furniture};
use super::layout::{self, Line, Span};
use crate::document::{
    Block, Contents, Division, DivisionKind, Document, Footnote, HeaderCell, Inline, Item, Masthead, Meta, Paragraph,
    Table,
};
use crate::import::{is_addendum_label, title_case};
use crate::lang::Lang;
use crate::lang::typography::is_cjk;

/// What the reader made of the PDF.
#[derive(Debug, Clone)]
pub struct Reading {
    pub document: Document,
    /// Block id → `page * 1000 + line` (1-based) where it starts.
    pub lines: HashMap<String, usize>,
    /// Warnings: where (`page * 1000 + line`) and what.
    pub notes: Vec<(usize, String)>,
    /// Every line of text (without its raised markers), in page order, with what it was taken
    /// for; `page * 1000 + line` first.
    pub classified: Vec<(usize, Class, String)>,
}

/// What a line of the PDF was taken for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    Furniture(Furniture),
    /// The footnote separator (a row of underscores).
    Separator,
    Masthead,
    Title,
    Contents,
    Heading,
    Body,
    /// A row (or a line of a row) of a table.
    Table,
    Footnote,
}

impl Reading {
    /// How many lines were set aside as page furniture, by kind.
    pub fn furniture(&self) -> BTreeMap<&'static str, usize> {
        let mut out = BTreeMap::new();
        for (_, class, _) in &self.classified {
            match class {
                Class::Furniture(f) => *out.entry(f.name()).or_default() += 1,
                Class::Separator => *out.entry("footnote separator").or_default() += 1,
                _ => {}
            }
        }
        out
    }
}

/// Lines of the document with their page geometry.
struct Ctx {
    body_size: f64,
    margin: f64,
    /// The right edge of the text column (where justified lines end).
    right: f64,
}

fn round_half(x: f64) -> i64 {
    (x * 2.0).round() as i64
}

/// The most frequent value (by weight) of a key.
fn mode<I: Iterator<Item = (i64, usize)>>(items: I) -> Option<i64> {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for (k, w) in items {
        *counts.entry(k).or_default() += w;
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(k, _)| k)
}

fn chars(line: &Line) -> usize {
    line.spans().map(|s| s.text.chars().filter(|c| !c.is_whitespace()).count()).sum()
}

pub fn read(pages: &Pages) -> Reading {
    let mut all: Vec<Line> = Vec::new();
    for (i, page) in pages.pages.iter().enumerate() {
        all.extend(layout::lines(i, page, &pages.fonts));
    }
    let body_size = mode(all.iter().map(|l| (round_half(l.size), chars(l)))).map_or(10.0, |s| s as f64 / 2.0);
    let is_body_size = |l: &Line| (l.size - body_size).abs() < 0.6;
    let margin = mode(all.iter().filter(|l| is_body_size(l)).map(|l| (l.x0().round() as i64, 1))).unwrap_or(72) as f64;
    let right = mode(all.iter().filter(|l| is_body_size(l) && chars(l) > 40).map(|l| (l.x1().round() as i64, 1)))
        .map_or(f64::INFINITY, |r| r as f64);
    let ctx = Ctx { body_size, margin, right };
    let (symbol, symbol_starred) = find_symbol(&all, pages);

    // 1. Furniture and footnote zones.
    let mut class: Vec<Option<Class>> = vec![None; all.len()];
    let mut line_ref = vec![0usize; all.len()];
    let mut index_on_page = 0;
    for i in 0..all.len() {
        index_on_page = if i > 0 && all[i - 1].page == all[i].page { index_on_page + 1 } else { 1 };
        line_ref[i] = (all[i].page + 1) * 1000 + index_on_page;
        let page = &pages.pages[all[i].page];
        let in_band = all[i].y < 0.12 * page.height || all[i].y > 0.88 * page.height;
        if let Some(kinds) = furniture::classify(&all[i], in_band, &symbol) {
            class[i] = Some(Class::Furniture(kinds[0]));
        }
    }
    let starts_with_marker = |i: usize| all[i].spans().find(|s| !s.text.trim().is_empty()).is_some_and(|s| s.sup);
    // Notes gathered at the end (a page printed from HTML): from the page where they start, only
    // notes follow; each later page starts with a note's marker.
    // For each page, whether every page after it holds notes alone: small type only, each page
    // opening with a note's marker (worked out once: the rules below ask it for many rules).
    let only_notes_after: Vec<bool> = {
        let page_count = pages.pages.len();
        let mut notes_only = vec![true; page_count];
        let mut first_seen = vec![false; page_count];
        for i in (0..all.len()).filter(|&i| class[i].is_none()) {
            let q = all[i].page;
            if all[i].size >= body_size - 0.6 || (!first_seen[q] && !starts_with_marker(i)) {
                notes_only[q] = false;
            }
            first_seen[q] = true;
        }
        let mut after = vec![true; page_count];
        for q in (0..page_count.saturating_sub(1)).rev() {
            after[q] = after[q + 1] && notes_only[q + 1];
        }
        after
    };
    let mut endnotes_from: Option<usize> = None;
    let mut notes_on_page_before = false;
    for p in 0..pages.pages.len() {
        let on_page: Vec<usize> = (0..all.len()).filter(|&i| all[i].page == p && class[i].is_none()).collect();
        if endnotes_from.is_some() {
            for &i in &on_page {
                class[i] = Some(Class::Footnote);
            }
            continue;
        }
        let separator = on_page.iter().copied().find(|&i| is_separator_text(&all[i].text()));
        let later_pages_are_notes = || only_notes_after.get(p) == Some(&true);
        let mut at_end = false;
        // The rule at the foot of the page, nothing under it, the notes on the pages after.
        let page = &pages.pages[p];
        if separator.is_none()
            && p + 1 < pages.pages.len()
            && page.rules.iter().any(|r| {
                r.x1 - r.x0 < 0.45 * page.width
                    && (r.x0 - margin).abs() < 3.0
                    && r.y > 0.45 * page.height
                    && on_page.iter().all(|&i| all[i].y < r.y)
                    && on_page.iter().any(|&i| all[i].y > r.y - 4.0 * body_size)
            })
            && later_pages_are_notes()
        {
            endnotes_from = Some(p);
        }
        let separator_y = separator.map(|i| all[i].y).or_else(|| {
            // A drawn rule, short, in the lower half, with smaller type under it. Notes printed
            // at the end may stand higher: there the first line under the rule starts with a
            // raised marker and only notes follow.
            let page = &pages.pages[p];
            let first_under_is_marker =
                |y: f64| on_page.iter().find(|&&i| all[i].y > y).is_some_and(|&i| starts_with_marker(i));
            // The first line under a separator opens a note ("¹ See …", "1<tab>See …"): a short
            // rule of a table in small type (a cell's) does not.
            // (Or it goes on with a note of the page before.)
            let opens_a_note = |y: f64| {
                notes_on_page_before
                    || on_page
                        .iter()
                        .find(|&&i| all[i].y > y)
                        .is_some_and(|&i| footnote_start(&all[i], &ctx, None).0.is_some())
            };
            let y = page
                .rules
                .iter()
                .filter(|r| {
                    r.x1 - r.x0 < 0.45 * page.width
                        && opens_a_note(r.y)
                        && (r.y > 0.45 * page.height
                            || (first_under_is_marker(r.y) && (r.y > 0.12 * page.height || later_pages_are_notes())))
                })
                .filter(|r| {
                    on_page.iter().any(|&i| all[i].y > r.y && all[i].size < body_size - 0.6)
                        && on_page.iter().filter(|&&i| all[i].y > r.y).all(|&i| all[i].size < body_size - 0.6)
                })
                .map(|r| r.y)
                .next()?;
            at_end = first_under_is_marker(y) && later_pages_are_notes();
            Some(y)
        });
        if at_end && p + 1 < pages.pages.len() {
            endnotes_from.get_or_insert(p);
        }
        if let Some(i) = separator {
            class[i] = Some(Class::Separator);
        }
        notes_on_page_before = separator_y.is_some();
        if let Some(y) = separator_y {
            for &i in &on_page {
                if all[i].y > y + 0.5 && class[i].is_none() {
                    class[i] = Some(Class::Footnote);
                }
            }
        }
    }
    // Notes gathered at the end: from the first note line on, nothing but notes and furniture.
    let endnotes = class.iter().position(|c| matches!(c, Some(Class::Footnote))).is_some_and(|first| {
        class[first..].iter().all(|c| matches!(c, Some(Class::Footnote | Class::Separator | Class::Furniture(_))))
    });
    // Vertical text, one furniture line per page that has it.
    let mut classified: Vec<(usize, Class, String)> = Vec::new();

    // 2. Footnotes.
    let mut footnotes: Vec<(Footnote, usize)> = Vec::new();
    for i in 0..all.len() {
        if class[i] != Some(Class::Footnote) {
            continue;
        }
        let line = &all[i];
        let previous = footnotes.last().map(|(n, _): &(Footnote, usize)| n.marker.clone());
        let (marker, rest) = footnote_start(line, &ctx, previous.as_deref());
        match marker {
            Some(marker) => {
                let id = format!("n{}", footnotes.len() + 1);
                let mut content = inlines(&rest);
                // The mark printed twice ("ᵃ  ᵃReplies…", as LibreOffice sets a Word note with
                // a custom mark): the copy that opens the text is not part of it.
                if matches!(content.first(), Some(Inline::NoteRef { marker: m, .. }) if *m == marker) {
                    content.remove(0);
                }
                footnotes.push((Footnote { id, marker, content }, line.page));
            }
            None => match footnotes.last_mut() {
                Some((note, _)) => append(&mut note.content, &inlines(&rest)),
                None => class[i] = None,
            },
        }
    }

    // 3. Masthead and title (page 1).
    // The publisher stays empty until the page names one (the usual one is then implied).
    let mut masthead = Masthead { publisher: String::new(), symbol: symbol.clone(), ..Masthead::default() };
    // The version's language, as its masthead names it (English unless it says otherwise).
    let mut language: Option<Lang> = None;
    // "TPNW/MSP/2025/11/Rev.1*": the symbol cites the cover-page note (a reissue).
    if symbol_starred {
        masthead.symbol_note = vec![Inline::NoteRef { id: "@0".into(), marker: "*".into() }];
    }
    for i in 0..all.len() {
        if all[i].page == 0
            && matches!(class[i], Some(Class::Furniture(Furniture::JobNumber)))
            && masthead.job_number.is_none()
        {
            masthead.job_number = furniture::job_number(&all[i].segments[0].text());
        }
    }
    let first_page: Vec<usize> = (0..all.len()).filter(|&i| all[i].page == 0 && class[i].is_none()).collect();
    let has_distr = first_page.iter().any(|&i| all[i].text().contains("Distr"));
    // The title is set in large type, indented from the masthead's left edge (where the organ
    // stands).
    let left = first_page.iter().map(|&i| all[i].x0()).fold(f64::INFINITY, f64::min);
    let large: Vec<usize> = first_page
        .iter()
        .copied()
        .filter(|&i| all[i].size >= 1.1 * body_size && !is_contents_word(&all[i].text()))
        .collect();
    let title_candidates: Vec<usize> =
        large.iter().copied().filter(|&i| !has_distr || all[i].x0() >= left + 15.0).collect();
    let title_start = if has_distr {
        // Under the masthead's blocks: after the "Distr." and "Original" lines.
        let after = first_page
            .iter()
            .filter(|&&i| {
                let t = all[i].text();
                t.contains("Distr") || t.contains("Original")
            })
            .map(|&i| all[i].y)
            .fold(0.0, f64::max);
        // Word and typst indent the title from the organ; a page printed from HTML by a browser
        // may set it at the margin: then the first large line under those blocks is the title.
        title_candidates
            .iter()
            .copied()
            .find(|&i| all[i].y > after)
            .or_else(|| large.iter().copied().find(|&i| all[i].y > after))
    } else {
        title_candidates.iter().copied().max_by(|&a, &b| all[a].size.total_cmp(&all[b].size).then(b.cmp(&a)))
    };
    let mut body_start = 0;
    if let Some(t) = title_start {
        let mut end = t;
        while let Some(&next) = first_page.iter().find(|&&j| j > end) {
            let (a, b) = (&all[end], &all[next]);
            if (a.size - b.size).abs() < 0.6 && b.y - a.y < 1.8 * a.size && a.bold() == b.bold() {
                end = next;
            } else {
                break;
            }
        }
        let mut title = Vec::new();
        for &i in first_page.iter().filter(|&&i| i >= t && i <= end) {
            append(&mut title, &inlines(&all[i].spans().cloned().collect::<Vec<_>>()));
            class[i] = Some(Class::Title);
        }
        masthead.title = strip_strong(title);
        body_start = end + 1;
        // "Geneva, 17 January 2025" set under the title: a caption line too. A draft report's
        // "Rapporteur: …" and an addendum's "Addendum" with the part it carries ("Part two: …",
        // over as many lines as it takes, in one style) stand there too.
        let mut under_title = Vec::new();
        while let Some(&next) = first_page.iter().find(|&&j| j >= body_start) {
            let line = &all[next];
            let text = line.text();
            let has_year = names_a_year(&text);
            let near = line.y - all[body_start - 1].y < 3.5 * line.size;
            if let Some(name) =
                text.trim().strip_prefix("Rapporteur:").filter(|_| near && masthead.rapporteur.is_none())
            {
                let mut content = inlines(&line.spans().cloned().collect::<Vec<_>>());
                strip_words(&mut content, text.trim().len() - name.len());
                let content = trim_start(content);
                // A line set wholly in bold (ours) is the line's style; a name in bold inside it
                // (the surname, as L.1 prints it) is the text's own.
                let content = match content.as_slice() {
                    [Inline::Strong { .. }] => strip_strong(content),
                    _ => content,
                };
                masthead.rapporteur = Some(content);
                class[next] = Some(Class::Masthead);
                body_start = next + 1;
                continue;
            }
            if near && masthead.addendum.is_none() && is_addendum_label(text.trim()) {
                let mut addendum = crate::document::Addendum { label: text.trim().to_string(), part: Vec::new() };
                class[next] = Some(Class::Masthead);
                body_start = next + 1;
                // The part: the lines in the label's style right under it.
                let mut previous = next;
                while let Some(&more) = first_page.iter().find(|&&j| j >= body_start) {
                    let (a, b) = (&all[previous], &all[more]);
                    let gap = if previous == next { 3.5 } else { 1.8 };
                    if (a.size - b.size).abs() < 0.6 && a.bold() == b.bold() && b.y - a.y < gap * b.size {
                        let content = strip_strong(inlines(&b.spans().cloned().collect::<Vec<_>>()));
                        if !addendum.part.is_empty() {
                            push_text(&mut addendum.part, " ");
                        }
                        append(&mut addendum.part, &trim_start(content));
                        class[more] = Some(Class::Masthead);
                        body_start = more + 1;
                        previous = more;
                    } else {
                        break;
                    }
                }
                masthead.addendum = Some(addendum);
                continue;
            }
            if line.segments.len() == 1
                && !line.bold()
                && has_year
                && text.contains(", ")
                && text.chars().count() < 80
                && line.y - all[body_start - 1].y < 3.0 * line.size
            {
                under_title.push(trim_start(inlines(&line.spans().cloned().collect::<Vec<_>>())));
                class[next] = Some(Class::Masthead);
                body_start = next + 1;
            } else {
                break;
            }
        }
        // Without a "Distr." block (an Official Records cover), the whole first page around the
        // title is the masthead: organ, series, supplement number.
        // The cover ends where the body starts on the same page (a page printed from HTML goes
        // on): at "Contents", "Chapter I" or a numbered paragraph.
        let cover_end = first_page
            .iter()
            .copied()
            .filter(|&i| i > end)
            .find(|&i| {
                let text = all[i].text();
                let first = text.split_whitespace().next().unwrap_or_default();
                is_contents_word(&text)
                    || text.starts_with("Chapter ")
                    || (first.ends_with('.')
                        && first.len() > 1
                        && first[..first.len() - 1].bytes().all(|b| b.is_ascii_digit()))
            })
            .unwrap_or(first_page.last().map_or(0, |&l| l + 1));
        let masthead_lines: Vec<usize> =
            first_page.iter().copied().filter(|&i| i < t || (!has_distr && i > end && i < cover_end)).collect();
        if !has_distr {
            body_start = cover_end.max(body_start);
        }
        language = read_masthead(&all, &masthead_lines, &mut masthead, &ctx).or(language);
        masthead.caption.extend(under_title);
        for i in masthead_lines {
            class[i] = Some(Class::Masthead);
        }
        if masthead.official_records.is_some() {
            body_start = official_records_front_matter(&all, &mut class, body_start, &mut masthead);
        }
    }

    // 4. Body.
    let mut builder = Builder {
        ctx: &ctx,
        body: vec![],
        stack: vec![],
        paragraph: None,
        items: vec![],
        last: None,
        last_end: 0.0,
        heading: None,
        contents_seen: false,
        unnumbered_levels: vec![],
        chapter_size: None,
        decision_size: None,
        roman_shift: None,
        outline: None,
        annex_size: None,
        table_caption: None,
    };
    let mut in_contents = false;
    let mut contents_page = 0;
    // The first entry of the contents: the body starts where its heading is printed again (on
    // the contents' own page, as a page printed from HTML goes on).
    let mut first_entry: Option<String> = None;
    // Notes set under a table (see `TableNote`), and whether the lines so far are a table and
    // its notes (the note the last line began or went on with).
    let mut table_notes: Vec<TableNote> = Vec::new();
    let mut under_table: Option<Option<usize>> = None;
    for i in body_start..all.len() {
        if class[i].is_some() {
            continue;
        }
        let line = &all[i];
        let text = line.text();
        if let Some(last_note) = under_table {
            if let Some((marker, rest)) = table_note_start(line, &ctx) {
                let id = format!("n{}", footnotes.len() + 1);
                footnotes.push((Footnote { id: id.clone(), marker, content: trim_start(inlines(&rest)) }, line.page));
                builder.table_note(&id);
                table_notes.push(TableNote { id, line_ref: line_ref[i], lines: vec![i] });
                under_table = Some(Some(table_notes.len() - 1));
                continue;
            }
            // A note's next line: in its type, right under it.
            if let Some(k) = last_note
                && let Some(&previous) = table_notes[k].lines.last()
                && all[previous].page == line.page
                && (line.size - all[previous].size).abs() < 0.3
                && line.y - all[previous].y < 1.6 * line.size
                && let Some((note, _)) = footnotes.iter_mut().find(|(n, _)| n.id == table_notes[k].id)
            {
                append(&mut note.content, &inlines(&line.spans().cloned().collect::<Vec<_>>()));
                table_notes[k].lines.push(i);
                continue;
            }
        }
        under_table = None;
        if is_contents_word(&text) {
            in_contents = true;
            contents_page = line.page;
            builder.contents(line_ref[i]);
            class[i] = Some(Class::Contents);
            continue;
        }
        if in_contents {
            // The contents run on while lines have leaders, page numbers or stand on its pages.
            let leader = has_leader(&text);
            // The contents go on over the page when the new page's first lines have leaders.
            let goes_on = line.page == contents_page + 1
                && (i..all.len())
                    .filter(|&j| all[j].page == line.page && class[j].is_none())
                    .take(8)
                    .any(|j| has_leader(&all[j].text()));
            let entry = contents_entry_title(&text);
            let again = first_entry.as_deref().is_some_and(|first| first == entry);
            if (line.page == contents_page && !again) || leader || goes_on {
                if first_entry.is_none() && !entry.is_empty() && !is_contents_column_heading(&text) {
                    first_entry = Some(entry);
                }
                contents_page = line.page;
                class[i] = Some(Class::Contents);
                continue;
            }
            in_contents = false;
        }
        let rules = &pages.pages[all[i].page].rules;
        if let Some(end) =
            ruled_table_at(&all, &class, i, &ctx, rules).or_else(|| table_at(&all, &class, i, &ctx, rules))
        {
            let lines: Vec<usize> = (i..end).filter(|&j| class[j].is_none()).collect();
            let rows: Vec<&Line> = lines.iter().map(|&j| &all[j]).collect();
            let (table, header_lines) = table(&rows, &pages.pages[all[i].page].rules);
            let repeated = builder.table(table, line_ref[i]);
            for (k, &j) in lines.iter().enumerate() {
                class[j] = Some(if repeated && k < header_lines {
                    Class::Furniture(Furniture::RepeatedHeader)
                } else {
                    Class::Table
                });
            }
            under_table = Some(None);
            continue;
        }
        let heading = builder.is_heading(line);
        class[i] = Some(if heading { Class::Heading } else { Class::Body });
        builder.line(line, heading, line_ref[i]);
    }
    let mut body = builder.finish();
    // The notes in page order, so that a marker cites the note printed nearest after it (a
    // table's notes under it come before the notes of the next table, on the next page).
    footnotes.sort_by_key(|(_, page)| *page);

    // 5. Footnote references: each raised marker cites the next note with that marker.
    let mut used = vec![false; footnotes.len()];
    let mut notes = Vec::new();
    if title_start.is_none() && !all.is_empty() {
        notes.push((
            1000,
            "no title found on page 1 (a line in large type under the masthead): the masthead is not \
             read, its lines are kept as the body's first lines; give `symbol`, `date`, `organ` and \
             `title` in session.yaml"
                .to_string(),
        ));
    }
    // The masthead first: the caption's agenda note ("*") is the first note of the report.
    // The symbol's note first (its line is the page's first), then the title and the caption.
    let mut head = vec![Block::Paragraph(Paragraph {
        id: String::new(),
        num: None,
        content: std::mem::take(&mut masthead.title),
        items: std::iter::once(std::mem::take(&mut masthead.symbol_note))
            .chain(masthead.caption.drain(..))
            .map(|content| Item { id: String::new(), label: String::new(), content, items: vec![] })
            .collect(),
    })];
    cite(&mut head, &mut footnotes, &mut used, endnotes);
    if let Some(Block::Paragraph(p)) = head.pop() {
        masthead.title = p.content;
        let mut items = p.items.into_iter().map(|i| i.content);
        masthead.symbol_note = items.next().unwrap_or_default();
        masthead.caption = items.collect();
    }
    cite(&mut body, &mut footnotes, &mut used, endnotes);
    // A table's note that its table cites is its footnote; one that nothing cites stays where
    // it was printed, as a paragraph "a Text".
    let mut kept: HashMap<String, Vec<Inline>> = HashMap::new();
    for note in &table_notes {
        let Some(k) = footnotes.iter().position(|(n, _)| n.id == note.id) else { continue };
        if used[k] {
            for &j in &note.lines {
                class[j] = Some(Class::Footnote);
            }
            kept.insert(note.id.clone(), Vec::new());
        } else {
            let (n, _) = footnotes.remove(k);
            used.remove(k);
            let mut content = vec![Inline::text(format!("{} ", n.marker))];
            content.extend(without_placeholders(n.content));
            kept.insert(note.id.clone(), content);
            for &j in &note.lines {
                class[j] = Some(Class::Body);
            }
        }
    }
    place_table_notes(&mut body, &table_notes, &mut kept);
    let mut document_notes = Vec::new();
    let footnotes: Vec<(Footnote, usize)> = footnotes
        .into_iter()
        .map(|(mut n, p)| {
            n.content = without_placeholders(n.content);
            (n, p)
        })
        .collect();
    masthead.title = without_placeholders(std::mem::take(&mut masthead.title));
    masthead.symbol_note = without_placeholders(std::mem::take(&mut masthead.symbol_note));
    masthead.caption = std::mem::take(&mut masthead.caption).into_iter().map(without_placeholders).collect();
    for ((note, page), used) in footnotes.into_iter().zip(&used) {
        if *used {
            document_notes.push(note);
        } else {
            notes.push((
                (page + 1) * 1000,
                format!(
                    "footnote {} on page {} is cited nowhere in the text; kept as a paragraph",
                    note.marker,
                    page + 1
                ),
            ));
            let mut content = vec![Inline::text(format!("{} ", note.marker))];
            content.extend(note.content);
            body.push(Block::Paragraph(Paragraph { id: String::new(), num: None, content, items: vec![] }));
        }
    }
    for (i, line) in all.iter().enumerate() {
        let c = class[i].unwrap_or(Class::Body);
        classified.push((line_ref[i], c, line.text_without_markers()));
    }
    for (p, page) in pages.pages.iter().enumerate() {
        if !page.vertical.trim().is_empty() {
            classified.push(((p + 1) * 1000, Class::Furniture(Furniture::Vertical), page.vertical.clone()));
        }
    }
    notes.extend(builder_notes(&classified));

    let date_iso = parse_date(&masthead.date).unwrap_or_default();
    // A version in another language: its spacing before punctuation, as its writers print it
    // (French narrow no-break spaces, which the PDF's text gives back as plain spaces).
    let (mut body, mut document_notes) = (body, document_notes);
    if let Some(lang) = language.filter(|l| *l != Lang::En) {
        let mut retype = |inlines: &mut Vec<Inline>| retype_inlines(inlines, lang);
        for_each_inline_list(&mut body, &mut retype);
        for note in &mut document_notes {
            retype(&mut note.content);
        }
    }
    let document = Document {
        meta: Meta {
            slug: String::new(),
            language: language.unwrap_or(Lang::En).code().into(),
            date: date_iso,
            title: crate::document::plain_text(&masthead.title),
            symbol: masthead.symbol.clone(),
            body_short: String::new(),
        },
        masthead,
        body,
        footnotes: document_notes,
        entities: vec![],
        review: None,
    };
    let mut lines = HashMap::new();
    collect_lines(&document.body, &mut lines);
    Reading { document, lines, notes, classified }
}

/// The text of `inlines` with the punctuation spacing of `lang` (`lang::typography`).
fn retype_inlines(inlines: &mut [Inline], lang: Lang) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => *text = crate::lang::typography::spaces_given_back(lang, text),
            other => retype_inlines(other.children_mut(), lang),
        }
    }
}

/// Calls `f` on every run of inline content in `blocks`: headings, paragraphs, items, tables.
fn for_each_inline_list(blocks: &mut [Block], f: &mut impl FnMut(&mut Vec<Inline>)) {
    fn items(list: &mut [Item], f: &mut impl FnMut(&mut Vec<Inline>)) {
        for item in list {
            f(&mut item.content);
            items(&mut item.items, f);
        }
    }
    for block in blocks {
        match block {
            Block::Division(d) => {
                f(&mut d.heading);
                for_each_inline_list(&mut d.children, f);
            }
            Block::Paragraph(p) => {
                f(&mut p.content);
                items(&mut p.items, f);
            }
            Block::Table(t) => {
                f(&mut t.caption);
                for cell in t.header.iter_mut().flatten() {
                    f(&mut cell.content);
                }
                for cell in t.rows.iter_mut().flatten() {
                    f(cell);
                }
            }
            Block::Contents(_) | Block::Officers(_) => {}
        }
    }
}

fn builder_notes(_classified: &[(usize, Class, String)]) -> Vec<(usize, String)> {
    Vec::new()
}

fn is_separator_text(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() >= 5 && t.chars().all(|c| c == '_')
}

fn is_contents_word(text: &str) -> bool {
    matches!(text.trim(), "Contents" | "CONTENTS" | "Table of contents")
        || Lang::ALL.iter().any(|l| l.contents() == text.trim())
}

/// An entry of the contents as its heading reads in the body: without leaders and without the
/// paragraph and page numbers after them ("I.\tIntroduction . . . 1–2\t3" → "I. Introduction").
fn contents_entry_title(text: &str) -> String {
    let cut = [". .", "....", "…"].iter().filter_map(|l| text.find(l)).min().unwrap_or(text.len());
    let mut words: Vec<&str> = text[..cut].split_whitespace().collect();
    while words.last().is_some_and(|w| w.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | '.'))) {
        words.pop();
    }
    // "Chapter I Introduction" in the body is "I. Introduction" in the contents.
    if words.first() == Some(&"Chapter") && words.len() > 2 {
        return format!("{}. {}", words[1], words[2..].join(" "));
    }
    words.join(" ")
}

/// "Page", "Paragraphs  Page": the column headings of the contents.
fn is_contents_column_heading(text: &str) -> bool {
    text.split_whitespace().all(|w| matches!(w, "Page" | "Paragraphs" | "Pages"))
}

/// Whether a line names a year ("Vienna, 14 and 15 April 2009"): a caption's place and dates.
fn names_a_year(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit()).any(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
}

fn has_leader(text: &str) -> bool {
    text.contains(". . .") || text.contains("....") || text.contains("…")
}

/// The symbol: on page 1, a word like `A/80/33` or `TPNW/MSP/2025/11/Rev.1` in the top part;
/// and whether a `*` follows it (the cover-page note it cites: a reissue).
fn find_symbol(all: &[Line], pages: &Pages) -> (String, bool) {
    let height = pages.pages.first().map_or(842.0, |p| p.height);
    for line in all.iter().filter(|l| l.page == 0 && l.y < 0.3 * height) {
        let texts: Vec<String> = line.segments.iter().map(|s| s.text()).collect();
        for (k, t) in texts.iter().enumerate() {
            let core = t.trim().trim_end_matches('*').trim_end();
            if is_symbol(core) {
                let starred = t.trim().ends_with('*') || texts.get(k + 1).is_some_and(|n| n.trim() == "*");
                return (core.to_string(), starred);
            }
        }
    }
    (String::new(), false)
}

pub fn is_symbol(t: &str) -> bool {
    let t = t.trim();
    // "A/80/15 (Part I)", "A/79/10 (Vol. II)": a symbol and a part in brackets.
    let t = match t.split_once(" (") {
        Some((base, part)) if part.ends_with(')') && !part.contains('(') => base,
        _ => t,
    };
    let first = t.split('/').next().unwrap_or_default();
    t.contains('/')
        && !t.contains(' ')
        && t.len() >= 5
        && first.len() <= 6
        && !first.is_empty()
        && first.chars().all(|c| c.is_ascii_uppercase())
        && t.chars().all(|c| c.is_ascii_alphanumeric() || "/.-()".contains(c))
}

/// The footnote's marker and its text, when `line` starts a footnote.
/// `previous`: the marker of the footnote before, so that a marker set at full size and
/// followed by a space only ("4 United Nations publication…") is still read as the next one.
fn footnote_start(line: &Line, ctx: &Ctx, previous: Option<&str>) -> (Option<String>, Vec<Span>) {
    let mut spans: Vec<Span> = line.spans().cloned().collect();
    let Some(first) = spans.iter().position(|s| !s.text.trim().is_empty()) else {
        return (None, spans);
    };
    let s = &spans[first];
    let marker = s.text.trim();
    let short_marker = marker.chars().count() <= 3
        && marker.chars().all(|c| c.is_ascii_alphanumeric() || c == '*')
        && (s.sup || line.segments.len() > 1 && line.segments[0].text() == marker);
    if short_marker && (s.sup || line.x0() < ctx.margin - 2.0) {
        let mut rest = spans[first + 1..].to_vec();
        if let Some(r) = rest.first_mut() {
            r.text = r.text.trim_start().to_string();
        }
        return (Some(marker.to_string()), rest);
    }
    let word = s.text.trim_start().split(' ').next().unwrap_or_default().to_string();
    let next = previous.and_then(|p| p.parse::<u32>().ok()).map(|n| (n + 1).to_string());
    // "* The list of …": a note marked with asterisks, set at full size before a space.
    let asterisks = (1..=3).contains(&word.len()) && word.chars().all(|c| c == '*');
    if next.as_deref() == Some(word.as_str()) || asterisks {
        let head = &mut spans[first];
        head.text = head.text.trim_start()[word.len()..].trim_start().to_string();
        return (Some(word), spans[first..].to_vec());
    }
    (None, spans)
}

/// Inlines from spans: bold as `Strong`, italic as `Emph`, raised markers as placeholders
/// (`NoteRef` with an empty id, resolved by `cite`).
fn inlines(spans: &[Span]) -> Vec<Inline> {
    let mut out = Vec::new();
    for s in spans {
        if s.sup {
            let marker = s.text.trim();
            if !marker.is_empty() {
                if s.text.starts_with(' ') {
                    push_text(&mut out, " ");
                }
                out.push(Inline::NoteRef { id: String::new(), marker: marker.to_string() });
                if s.text.ends_with(' ') {
                    push_text(&mut out, " ");
                }
            }
            continue;
        }
        let lead = s.text.len() - s.text.trim_start().len();
        let core = s.text.trim();
        if lead > 0 {
            push_text(&mut out, " ");
        }
        if core.is_empty() {
            continue;
        }
        let trail = s.text.trim_end().len() < s.text.len();
        let text = vec![Inline::text(core)];
        let styled = match (s.bold, s.italic) {
            (true, true) => vec![Inline::Strong { content: vec![Inline::Emph { content: text }] }],
            (true, false) => vec![Inline::Strong { content: text }],
            (false, true) => vec![Inline::Emph { content: text }],
            (false, false) => text,
        };
        append_raw(&mut out, styled);
        if trail {
            push_text(&mut out, " ");
        }
    }
    out
}

fn push_text(out: &mut Vec<Inline>, text: &str) {
    append_raw(out, vec![Inline::text(text)]);
}

/// Appends, merging neighbours of the same kind.
fn append_raw(out: &mut Vec<Inline>, more: Vec<Inline>) {
    for inline in more {
        match (out.last_mut(), inline) {
            (Some(Inline::Text { text: a }), Inline::Text { text: b }) => {
                if !(a.ends_with(' ') && b == " ") {
                    a.push_str(&b);
                }
            }
            (Some(Inline::Strong { content: a }), Inline::Strong { content: b }) => append_raw(a, b),
            (Some(Inline::Emph { content: a }), Inline::Emph { content: b }) => append_raw(a, b),
            (_, inline) => out.push(inline),
        }
    }
}

/// Appends the next line's inlines: a space between, none after a hyphen that ends a word.
fn append(out: &mut Vec<Inline>, more: &[Inline]) {
    if more.is_empty() {
        return;
    }
    let before = crate::document::plain_text(out);
    let after = crate::document::plain_text(more);
    // A line that ends in a hyphen after a letter ("Under-Secretary-", "co-") goes on with the
    // next word without a space (the hyphen is the word's own: reports are not hyphenated).
    let trimmed = before.trim_end();
    let hyphen = trimmed.ends_with('-') && trimmed.chars().rev().nth(1).is_some_and(char::is_alphabetic);
    // A range broken after its dash ("articles 11–" / "19").
    let range = trimmed.ends_with('–')
        && trimmed.chars().rev().nth(1).is_some_and(|c| c.is_ascii_digit())
        && after.trim_start().starts_with(|c: char| c.is_ascii_digit());
    // An address broken after one of its "/", "-", "." (as LibreOffice and browsers break long
    // URLs) goes on without a space too.
    let last_word = trimmed.rsplit(char::is_whitespace).next().unwrap_or_default();
    let address = (last_word.contains("://") || last_word.starts_with("www."))
        && last_word.ends_with(['/', '-', '.', '_', '=', '?', '&', '#'])
        && after.trim_start().starts_with(|c: char| c.is_ascii_alphanumeric());
    if hyphen || address || range {
        trim_end(out);
        let mut rest = trim_start(more.to_vec());
        // Spanish sets a compound's hyphen again at the start of the next line ("non-" /
        // "-governmental", as the RAE asks): one hyphen in the word.
        if after.trim_start().starts_with('-')
            && !after.trim_start().starts_with("--")
            && let Some(Inline::Text { text }) = rest.first_mut()
        {
            text.remove(0);
        }
        append_raw(out, rest);
        return;
    }
    // Chinese lines go on without a space (its words are not spaced), and so does a symbol broken
    // after one of its slashes ("CTOC/COP/" / "WG.4/2016/2").
    let unspaced = trimmed.chars().last().is_some_and(|c| is_cjk(c) || c == '/')
        || after.trim_start().chars().next().is_some_and(is_cjk);
    if !before.is_empty() && !before.ends_with(' ') && !after.starts_with(' ') && !unspaced {
        // Italics running over the line break stay one run: the space goes inside.
        match (out.last_mut(), more.first()) {
            (Some(Inline::Emph { content }), Some(Inline::Emph { .. }))
            | (Some(Inline::Strong { content }), Some(Inline::Strong { .. })) => push_text(content, " "),
            _ => push_text(out, " "),
        }
    }
    append_raw(out, more.to_vec());
}

/// A heading's own words without the bold that makes it one.
fn strip_strong(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out = Vec::new();
    for i in inlines {
        match i {
            Inline::Strong { content } => append_raw(&mut out, strip_strong(content)),
            other => append_raw(&mut out, vec![other]),
        }
    }
    while let Some(Inline::Text { text }) = out.last_mut() {
        let trimmed = text.trim_end().to_string();
        if trimmed.is_empty() {
            out.pop();
        } else {
            *text = trimmed;
            break;
        }
    }
    if let Some(Inline::Text { text }) = out.first_mut() {
        *text = text.trim_start().to_string();
    }
    out
}

/// Reads the masthead's lines into `masthead`; returns the version's language where the block
/// names one other than English ("Distr. générale", "Français", "Russian").
fn read_masthead(all: &[Line], lines: &[usize], masthead: &mut Masthead, ctx: &Ctx) -> Option<Lang> {
    let mut language: Option<Lang> = None;
    let mut organ: Vec<String> = Vec::new();
    let mut organ_size: Option<f64> = None;
    let mut caption: Vec<(Vec<Inline>, bool)> = Vec::new();
    // Where each caption entry starts (its first line's baseline), and the lowest line of the
    // right-hand block ("Distr.", date, "Original:").
    let mut caption_y: Vec<f64> = Vec::new();
    let mut right_block_bottom = f64::NEG_INFINITY;
    let mut last_caption_x1 = f64::NEG_INFINITY;
    // The pre-2000 style prints "Distr." over the distribution in capitals ("GENERAL").
    let mut distribution_next = false;
    for &i in lines {
        let line = &all[i];
        for segment in &line.segments {
            let text = segment.text();
            let t = text.trim();
            if t.is_empty() || t.trim_end_matches('*').trim_end() == masthead.symbol || t == "*" {
                continue;
            }
            // The distribution stands in the right-hand column, under "Distr." (not "GENERAL
            // ASSEMBLY" on the left, which LibreOffice may set level with it).
            let right = segment.x0 >= 0.5 * 595.0;
            if right {
                right_block_bottom = right_block_bottom.max(line.y);
            }
            if right && std::mem::take(&mut distribution_next) && t.chars().all(|c| c.is_ascii_uppercase()) {
                masthead.distribution = title_case(t);
            } else if let Some((lang, english)) = Lang::read_distribution(t).filter(|(l, _)| *l != Lang::En) {
                // "Distr. générale": a French or Spanish version's block.
                masthead.distribution = english.to_string();
                language.get_or_insert(lang);
            } else if let Some((lang, of)) = Lang::read_original(t).filter(|(l, _)| *l != Lang::En) {
                masthead.original = of.english_name().to_string();
                masthead.original_label = lang.original_label().to_string();
                language.get_or_insert(lang);
            } else if let Some(lang) = Lang::read_version_line(t).filter(|_| right) {
                // "Français", "Russian": the version's language, over "Original:".
                masthead.version = Some(t.to_string());
                language = Some(lang);
            } else if t == "Distr." {
                masthead.style = crate::document::MastheadStyle::Capitals;
                distribution_next = true;
            } else if let Some(o) = t.strip_prefix("ORIGINAL:") {
                masthead.style = crate::document::MastheadStyle::Capitals;
                masthead.original = title_case(o.trim());
            } else if let Some(d) = t.strip_prefix("Distr.:").or_else(|| t.strip_prefix("Distr.")) {
                masthead.distribution = title_case(d.trim());
            } else if let Some(o) = t.strip_prefix("Original:") {
                masthead.original = o.trim().to_string();
            } else if parse_date(t).is_some() && masthead.date.is_empty() && segment.x0 > 0.5 * 595.0 {
                masthead.date = t.to_string();
            } else if t == "United Nations" || t == "UNITED NATIONS" || Lang::ALL.iter().any(|l| l.publisher() == t) {
                masthead.publisher = t.to_string();
            } else if segment.spans.iter().any(|s| s.size > 1.15 * ctx.body_size)
                && caption.is_empty()
                && organ_size.is_none_or(|size| (size - line.size).abs() < 0.6)
            {
                organ_size = Some(line.size);
                organ.push(t.to_string());
            } else {
                let content = strip_strong(inlines(&segment.spans));
                // A caption line that runs over: the next line starts in lower case, or the line
                // before stopped on a word that cannot end a name ("Special Committee on the
                // Charter of the" / "United Nations and on …"), in the same style.
                let lower = t.chars().next().is_some_and(char::is_lowercase);
                // Or the line before was full: this line's first word would not have fitted
                // after it in the text column (its width taken in proportion to the letters).
                let first_word = t.split_whitespace().next().unwrap_or_default().chars().count() as f64;
                let word_width = (segment.x1 - segment.x0) * first_word / t.chars().count().max(1) as f64;
                // A caption line of its own kind (the session, the place and dates, the agenda
                // item) starts a line of its own all the same.
                let own_line =
                    t.ends_with("session") || t.starts_with("Item ") || t.starts_with("Agenda item") || names_a_year(t);
                let full = !own_line && last_caption_x1 + 0.25 * line.size + word_width > ctx.right;
                let runs_on = |last: &[Inline], bold: bool| {
                    let last = crate::document::plain_text(last);
                    let word = last.split_whitespace().last().unwrap_or_default();
                    bold == line.bold()
                        && (full
                            || matches!(word, "the" | "of" | "and" | "on" | "to" | "for" | "in" | "at" | "by" | "with"))
                };
                last_caption_x1 = segment.x1;
                match caption.last_mut() {
                    Some((last, bold)) if lower || runs_on(last, *bold) => {
                        push_text(last, " ");
                        append(last, &content)
                    }
                    _ => {
                        caption.push((content, line.bold()));
                        caption_y.push(line.y);
                    }
                }
            }
        }
    }
    masthead.organ = organ.join(" ");
    // An Official Records cover: the organ, "Official Records", the session, the supplement.
    let plain: Vec<String> = caption.iter().map(|(c, _)| crate::document::plain_text(c).trim().to_string()).collect();
    if let Some(at) = plain.iter().position(|l| l.eq_ignore_ascii_case("Official Records")) {
        let session = plain.iter().skip(at + 1).find(|l| l.to_lowercase().ends_with("session")).cloned();
        let supplement = plain.iter().skip(at + 1).find(|l| l.starts_with("Supplement No")).cloned();
        if let (Some(session), Some(supplement)) = (session, supplement) {
            // On a title page that prints the meeting's caption above the volume (ours), the
            // organ is the line over "Official Records", after the caption.
            if masthead.organ.is_empty() && at > 0 {
                masthead.organ = plain[at - 1].clone();
                caption.remove(at - 1);
            }
            let mut taken = vec![plain[at].clone(), session.clone(), supplement.clone()];
            // The date of the report set on the cover's left, alone on its line (a page
            // printed from HTML), when no date stands in the right-hand column.
            if masthead.date.is_empty()
                && let Some(date) = plain.iter().skip(at + 1).find(|l| parse_date(l).is_some())
            {
                masthead.date = date.clone();
                taken.push(date.clone());
            }
            caption.retain(|(c, _)| !taken.contains(&crate::document::plain_text(c).trim().to_string()));
            masthead.official_records = Some(crate::document::OfficialRecords {
                organ: masthead.organ.clone(),
                label: plain[at].clone(),
                session,
                supplement,
            });
            // The volume's block stands where the distribution block would.
            masthead.distribution.clear();
        }
    }
    // No organ in large type (a page printed from HTML sets it in the body's size): the lines
    // level with the right-hand block, before the caption under it, are the organ.
    if masthead.organ.is_empty() && masthead.official_records.is_none() && !masthead.distribution.is_empty() {
        let beside = caption_y.iter().take_while(|&&y| y <= right_block_bottom + 1.0).count();
        if beside > 0 {
            let organ: Vec<String> =
                caption.drain(..beside).map(|(c, _)| crate::document::plain_text(&c).trim().to_string()).collect();
            masthead.organ = organ.join(" ");
        }
    }
    masthead.caption = caption.into_iter().map(|(c, _)| c).collect();
    language
}

/// Drops the first `n` bytes of words (a printed label such as "Rapporteur:") from inline
/// content, through its styling.
fn strip_words(content: &mut Vec<Inline>, mut n: usize) {
    while n > 0 && !content.is_empty() {
        let first = &mut content[0];
        match first {
            Inline::Text { text } => {
                let t = text.trim_start();
                if t.len() <= n {
                    n -= t.len();
                    content.remove(0);
                } else {
                    *text = t[n..].to_string();
                    return;
                }
            }
            Inline::Emph { content: inner } | Inline::Strong { content: inner } => {
                let len = crate::document::plain_text(inner).trim().len();
                if len <= n {
                    n -= len;
                    content.remove(0);
                } else {
                    strip_words(inner, n);
                    return;
                }
            }
            _ => return,
        }
    }
}

/// An Official Records volume: after the cover come the title page (the cover's lines again
/// with the imprint "United Nations • New York, 2025"), the page with the publisher's note on
/// document symbols and the ISSN, and the date of the report over its contents. Up to the
/// contents (or the first heading), the cover's own lines are the masthead again, a lone date
/// is the report's date, and the rest is the series' standing front matter, set aside and
/// counted like page furniture. Returns where the body starts.
fn official_records_front_matter(
    all: &[Line],
    class: &mut [Option<Class>],
    from: usize,
    masthead: &mut Masthead,
) -> usize {
    let Some(end) = (from..all.len())
        .take_while(|&i| all[i].page <= 5)
        .find(|&i| class[i].is_none() && (is_contents_word(&all[i].text()) || all[i].text().starts_with("Chapter ")))
    else {
        return from;
    };
    let mut cover: Vec<String> = vec![masthead.symbol.clone(), masthead.organ.clone()];
    if let Some(or) = &masthead.official_records {
        cover.extend(or.lines().iter().map(|l| l.to_string()));
    }
    let title = crate::document::plain_text(&masthead.title);
    let title_words: Vec<&str> = title.split_whitespace().collect();
    for i in from..end {
        if class[i].is_some() {
            continue;
        }
        let line = &all[i];
        let segments: Vec<String> = line.segments.iter().map(|s| s.text().trim().to_string()).collect();
        let words: Vec<&str> = segments.iter().flat_map(|s| s.split_whitespace()).collect();
        let in_title = !words.is_empty() && title_words.windows(words.len()).any(|w| w == words.as_slice());
        if segments.iter().all(|s| cover.contains(s)) || in_title {
            class[i] = Some(Class::Masthead);
        } else if masthead.date.is_empty() && segments.len() == 1 && parse_date(&segments[0]).is_some() {
            masthead.date = segments[0].clone();
            class[i] = Some(Class::Masthead);
        } else {
            class[i] = Some(Class::Furniture(Furniture::FrontMatter));
        }
    }
    end
}

/// "6 May 2025" (or "6 MAY 2025", as the pre-2000 capitals print it) → "2025-05-06": the
/// session's own reader of printed dates, with the month's case forgiven.
fn parse_date(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let english = match words.as_slice() {
        [d, m, y] => crate::session::date::parse_long_date(&format!("{d} {} {y}", title_case(m))),
        _ => None,
    };
    // "6 mai 2025", "6 de mayo de 2025", "6 мая 2025 года": a version's own date.
    english
        .or_else(|| Lang::ALL.into_iter().find_map(|lang| crate::lang::dates::parse_long(lang, text)))
        .filter(|date| (1900..=2100).contains(&date.year))
        .map(|date| date.iso())
}

/// A label that opens a paragraph or an item, as printed.
fn label_kind(text: &str) -> Option<LabelKind> {
    let t = text.trim();
    if t.is_empty() || t.len() > 8 {
        return None;
    }
    if let Some(n) = t.strip_suffix('.') {
        if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
            return Some(LabelKind::Number);
        }
        if n.len() == 1 && n.bytes().all(|b| b.is_ascii_lowercase()) {
            return Some(LabelKind::Other);
        }
        if !n.is_empty() && n.chars().all(|c| "ivxl".contains(c)) {
            return Some(LabelKind::Other);
        }
        if n.len() == 1 && n.bytes().all(|b| b.is_ascii_uppercase()) {
            return Some(LabelKind::Letter);
        }
        if !n.is_empty() && n.chars().all(|c| "IVXLC".contains(c)) {
            return Some(LabelKind::Roman);
        }
    }
    // "(a)", "(iv)", "(12)", "(A)", "(IV)" — not an acronym in brackets, "(UNODC)", that a line
    // of text happens to open with.
    if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')'))
        && !inner.is_empty()
        && inner.len() <= 5
        && inner.chars().all(|c| c.is_ascii_alphanumeric())
        && (inner.len() == 1
            || !inner.chars().any(|c| c.is_ascii_uppercase())
            || inner.chars().all(|c| "IVXLC".contains(c)))
    {
        return Some(LabelKind::Other);
    }
    // "a)", "ii)": the French and Spanish versions' sub-item labels.
    if let Some(inner) = t.strip_suffix(')')
        && !inner.is_empty()
        && inner.len() <= 4
        && inner.chars().all(|c| c.is_ascii_lowercase())
    {
        return Some(LabelKind::Other);
    }
    if matches!(t, "•" | "-" | "–" | "—" | "" | "o" | "▪" | "■") {
        return Some(LabelKind::Other);
    }
    // A version's own forms: the Arabic "1 -", "(أ)", "'1'".
    if Lang::read_paragraph_number(t).is_some() {
        return Some(LabelKind::Number);
    }
    if Lang::read_item_label(t).is_some() {
        return Some(LabelKind::Other);
    }
    None
}

/// A heading that opens with a version's own word for a label ("Annexe I", "Résolution 9/1",
/// "Projet de décision", "Tableau 1", "Article 1"), its own form of a label ("第9/1号决议") or its
/// own heading number ("一.", "أولاً-", "ألف-"), with the English label instead, so that one
/// reading serves the six versions (the session prints each version's label again).
fn english_label_words(text: &str) -> std::borrow::Cow<'_, str> {
    match foreign_label(text) {
        Some((len, english)) => format!("{english}{}", &text[len..]).into(),
        None => text.into(),
    }
}

/// The length in bytes of the version's label a heading opens with and the English one it
/// stands for ("Annexe" → "Annex", "第9/1号决议" → "Resolution 9/1", "一." → "I."), where it
/// opens with one.
fn foreign_label(text: &str) -> Option<(usize, String)> {
    use crate::session::DecisionKind::{Decision, Resolution};
    if let Some(found) = Lang::read_decision_label(text).or_else(|| Lang::read_heading_number(text)) {
        return Some(found);
    }
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let word_of =
            |printed: Option<String>| printed.map(|p| p.trim_end_matches(" X").trim_end_matches('X').to_string());
        let pairs = [
            (word_of(lang.decision_label(Decision, true, "")), "Draft decision"),
            (word_of(lang.decision_label(Resolution, true, "")), "Draft resolution"),
            (word_of(lang.decision_label(Decision, false, "X")), "Decision"),
            (word_of(lang.decision_label(Resolution, false, "X")), "Resolution"),
            (Some(lang.annex().to_string()), "Annex"),
            (Some(lang.table().to_string()), "Table"),
            (Some(lang.rule("X").trim_end_matches('X').trim().to_string()), "Rule"),
        ];
        for (word, english) in pairs {
            let Some(word) = word.filter(|w| !w.is_empty()) else { continue };
            if let Some(rest) = text.strip_prefix(word.as_str())
                && (rest.is_empty() || rest.starts_with(' '))
            {
                return Some((word.len(), english.to_string()));
            }
        }
    }
    None
}

/// A label as the heading printed it: "Annexe I" for the label read as "Annex I", "一." for
/// "I.".
fn printed_label(heading: &str, label: &str) -> String {
    let heading = heading.trim();
    match foreign_label(heading) {
        Some((len, english)) if label.starts_with(english.as_str()) => {
            format!("{}{}", &heading[..len], &label[english.len()..])
        }
        _ => label.to_string(),
    }
}

/// "In favour:", "Against:", "Abstaining:": a label of one or two words ending in a colon.
fn is_colon_label(text: &str) -> bool {
    let t = text.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    t.ends_with(':')
        && (1..=2).contains(&words.len())
        && t.chars().next().is_some_and(char::is_uppercase)
        && t.chars().filter(|c| *c != ':' && *c != ' ').all(char::is_alphabetic)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelKind {
    Number,
    Letter,
    Roman,
    Other,
}

/// An open division while the body is read.
struct Open {
    division: Division,
    /// How high it stands (`level_of`, or a quoted decision's annex's own level).
    level: u8,
    /// Its heading came from its label line alone; the next heading is its title.
    awaiting_title: bool,
}

struct Builder<'c> {
    ctx: &'c Ctx,
    body: Vec<Block>,
    stack: Vec<Open>,
    paragraph: Option<Paragraph>,
    /// Open items: (x of the label, item), outermost first.
    items: Vec<(f64, Item)>,
    /// The last line read: page, baseline, left edge of its text, was a label line.
    last: Option<(usize, f64, f64, f64)>,
    /// Where the last line read ended (its right edge).
    last_end: f64,
    /// The heading being read (lines of one heading).
    heading: Option<(Vec<Inline>, String, f64, f64, usize, bool)>,
    contents_seen: bool,
    /// The level each style of unnumbered heading was given (type size, bold).
    unnumbered_levels: Vec<((i64, bool), DivisionKind)>,
    /// The type size of the report's first numbered chapter heading.
    chapter_size: Option<f64>,
    /// The type size of the report's first annex heading.
    annex_size: Option<f64>,
    /// The type size of the first decision heading that stood outside any annex.
    decision_size: Option<f64>,
    /// A roman list set flush under a lettered item: where its labels stand, and where it is
    /// taken to stand (`item_x`).
    roman_shift: Option<(f64, f64)>,
    /// Inside an outline quoted in an annex (`outline_entry`): the value of its last roman label.
    outline: Option<u32>,
    /// "Table 1" and the caption under it, waiting for their table.
    table_caption: Option<(String, Vec<Inline>)>,
}

impl<'c> Builder<'c> {
    /// Stands a table's note (footnote `id`) where it was printed, until it is known whether the
    /// table cites it (`place_table_notes`).
    fn table_note(&mut self, id: &str) {
        self.flush_heading();
        self.close_paragraph();
        let content = Vec::new();
        self.push_block(Block::Paragraph(Paragraph {
            id: format!("table-note:{id}"),
            num: None,
            content,
            items: vec![],
        }));
    }

    /// Adds a table; `true` when it continued the table before and its header, repeated on
    /// the new page, was set aside.
    fn table(&mut self, mut table: Table, line_ref: usize) -> bool {
        self.flush_heading();
        self.close_paragraph();
        if let Some((num, caption)) = self.table_caption.take() {
            table.num = Some(num);
            table.caption = caption;
        }
        // A table continued on the next page (its header repeated, or none) is one table.
        let container = match self.stack.last_mut() {
            Some(open) => &mut open.division.children,
            None => &mut self.body,
        };
        if let Some(Block::Table(previous)) = container.last_mut()
            && header_width(previous) == header_width(&table).max(table.rows.first().map_or(0, Vec::len))
            && (table.header.is_empty() || table.header == previous.header)
        {
            previous.rows.extend(table.rows);
            return !table.header.is_empty();
        }
        self.push_block(Block::Table(Table { id: format!("line-{line_ref}"), ..table }));
        false
    }

    fn contents(&mut self, _line: usize) {
        self.flush_heading();
        self.close_paragraph();
        if !self.contents_seen {
            self.contents_seen = true;
            // The contents stand at the top of the body, whatever heading came before.
            while let Some(open) = self.stack.pop() {
                self.push_block(Block::Division(open.division));
            }
            self.push_block(Block::Contents(Contents {
                id: "contents".into(),
                heading: "Contents".into(),
                columns: Contents::english_columns(),
                label_column: None,
                entries: vec![],
            }));
        }
    }

    fn is_heading(&self, line: &Line) -> bool {
        let first = line.segments.first().map(|s| s.text()).unwrap_or_default();
        let large = line.size >= 1.12 * self.ctx.body_size;
        let bold = line.bold();
        if !(large || bold) {
            return false;
        }
        // A bold numbered paragraph is still a paragraph when its text is not bold.
        if label_kind(&first) == Some(LabelKind::Number) && !large && line.segments.len() > 1 {
            return line.segments[1..].iter().all(|s| s.spans.iter().all(|sp| sp.bold || sp.text.trim().is_empty()));
        }
        // Long bold runs of body text (a bold sentence) are not headings: headings are short.
        large || line.text().chars().count() < 120
    }

    fn line(&mut self, line: &Line, heading: bool, line_ref: usize) {
        if heading {
            self.heading_line(line, line_ref);
            return;
        }
        self.flush_heading();
        // "Table 1" over a table: its number; the heading under it is its caption.
        let whole = line.text();
        if is_table_number(&whole) && self.table_caption.is_none() {
            self.close_paragraph();
            self.table_caption = Some((whole.trim().to_string(), vec![]));
            self.last = None;
            return;
        }
        self.pending_table_caption_as_text();
        let mut first = line.segments[0].text();
        let indented = line.x0() > self.ctx.margin + 3.0;
        let mut kind = if line.segments.len() > 1 {
            label_kind(&first).or_else(|| (indented && is_colon_label(&first)).then_some(LabelKind::Other))
        } else {
            None
        };
        let mut text_x = if kind.is_some() { line.segments[1].x0 } else { line.x0() };
        let mut spans: Vec<Span> = if kind.is_some() {
            line.segments[1..].iter().flat_map(|s| s.spans.iter().cloned()).collect()
        } else {
            line.spans().cloned().collect()
        };
        // A label set off by a space only ("(iii) Complementarity", "Abstaining: The former…"
        // after "Against:"), in an indented line.
        let after_colon_label = self.items.last().is_some_and(|(_, i)| is_colon_label(&i.label));
        // "100. University of Bradford": a number grown too wide for its tab stop, set off by a
        // space only, where it continues the numbered paragraphs before it ("99.").
        let next_number = self.paragraph.as_ref().and(self.last_paragraph_number()).map(|n| format!("{}.", n + 1));
        // A recorded vote's label set against the names ("赞成：阿尔及利亚、…", Chinese), or the
        // first word.
        let vote_label = Lang::read_vote_label(&first).filter(|_| indented).map(|len| &first[..len]);
        if kind.is_none()
            && (indented || next_number.as_deref().is_some_and(|n| first.split_whitespace().next() == Some(n)))
            && let Some(word) = vote_label.or_else(|| first.split_whitespace().next())
            && let Some(k) = label_kind(word)
                .filter(|k| *k != LabelKind::Letter && *k != LabelKind::Roman)
                .or_else(|| (after_colon_label && is_colon_label(word)).then_some(LabelKind::Other))
                .or_else(|| vote_label.is_some().then_some(LabelKind::Other))
            && spans.first().is_some_and(|s| s.text.trim_start().starts_with(word))
            // A number alone on its line is the end of the line before ("… in accordance with
            // rule" / "45."), not a label.
            && first.trim().len() > word.len()
        {
            let word = word.to_string();
            let head = &mut spans[0];
            head.text = head.text.trim_start()[word.len()..].to_string();
            kind = Some(k);
            first = word;
            text_x = line.x0() + 24.0;
        }
        // A paragraph number in a version's own form ("1 -") is the number "1." it stands for.
        if let Some(n) = Lang::read_paragraph_number(&first).filter(|_| kind == Some(LabelKind::Number)) {
            first = format!("{n}.");
        }
        let mut content = on_page(trim_start(inlines(&spans)), line.page);
        // A raised letter that opens a line is the label of a note set under a table ("a Name
        // of the cooperative approach …"), not a citation.
        if let Some(Inline::NoteRef { marker, .. }) = content.first()
            && marker.chars().all(|c| c.is_ascii_lowercase())
        {
            content[0] = Inline::text(format!("{marker} "));
        }
        let at_margin = (line.x0() - self.ctx.margin).abs() < 3.0;
        // A quoted decision set in a report's annex indents its operative paragraphs' numbers
        // like its preamble's first lines ("     1.   Decides …"): a number that continues the
        // decision's own count is its next operative paragraph, not a sub-item.
        let operative = kind == Some(LabelKind::Number) && self.continues_quoted_decision(&first);
        match kind {
            Some(LabelKind::Number) if at_margin || operative => {
                self.close_paragraph();
                self.end_decision_unless_it_continues(&first);
                self.paragraph = Some(Paragraph {
                    id: format!("line-{line_ref}"),
                    num: Some(first.clone()),
                    content,
                    items: vec![],
                });
            }
            Some(_) => {
                // A lettered entry of an outline set in body type stands under its roman one.
                let x = if self.outline.is_some() && self.paragraph.is_some() {
                    OUTLINE_X + 10.0
                } else {
                    self.item_x(line.x0(), &first)
                };
                if self.paragraph.is_none() {
                    self.paragraph =
                        Some(Paragraph { id: format!("line-{line_ref}"), num: None, content: vec![], items: vec![] });
                }
                self.close_items_from(x);
                self.items.push((x, Item { id: String::new(), label: first.clone(), content, items: vec![] }));
            }
            None => {
                let continues = self.continues(line);
                if continues && let Some(paragraph) = self.paragraph.as_mut() {
                    match self.items.last_mut() {
                        Some((_, item)) => append(&mut item.content, &content),
                        None => append(&mut paragraph.content, &content),
                    }
                } else {
                    self.close_paragraph();
                    self.open_quoted_text_under_its_title(&content);
                    self.paragraph =
                        Some(Paragraph { id: format!("line-{line_ref}"), num: None, content, items: vec![] });
                }
            }
        }
        self.last = Some((line.page, line.y, text_x, line.size));
        self.last_end = line.x1();
    }

    /// The line goes on with the paragraph or item above.
    fn continues(&self, line: &Line) -> bool {
        let Some((page, y, text_x, size)) = self.last else { return false };
        // "5 bis. [Text]" after paragraph 5, its label set off by a space only (LibreOffice
        // lays the label past the tab stop): a paragraph inserted after it.
        let text = line.text();
        let mut words = text.split_whitespace();
        if let (Some(n), Some(Some(n0))) = (words.next(), self.paragraph.as_ref().map(|_| self.last_paragraph_number()))
            && n.parse::<u32>().ok() == Some(n0)
            && words.next().is_some_and(|w| matches!(w, "bis." | "ter." | "quater."))
        {
            return false;
        }
        let indented = line.x0() > text_x + 5.0;
        if page != line.page {
            // Over a page break too, a line that stopped short ended its paragraph ("South
            // Africa" at the foot of a page of names, one a paragraph).
            return !indented && !self.broken_before(line);
        }
        let gap = line.y - y;
        gap > 0.0 && gap <= 1.45 * size.max(line.size) && !indented && !self.broken_before(line)
    }

    /// The line before ended where this line's first word would have fitted: the break was made
    /// by hand (a name under "Vice-Chairs:", one a line), not by the line filling up.
    fn broken_before(&self, line: &Line) -> bool {
        let text = line.text();
        let Some(word) = text.split_whitespace().next() else { return false };
        let letters = text.chars().filter(|c| !c.is_whitespace()).count().max(1) as f64;
        let advance = (line.x1() - line.x0()) / (letters + text.split_whitespace().count() as f64 * 0.5);
        let needed = (word.chars().count() as f64 + 1.0) * advance;
        // Only a line that stopped short of 60 % of the column: a longer one may belong to a
        // narrower column (a table's cell) whose edge is not the page's.
        let short = self.ctx.margin + 0.6 * (self.ctx.right - self.ctx.margin);
        self.ctx.right.is_finite() && self.last_end < short && self.last_end + needed + 0.5 * line.size < self.ctx.right
    }

    /// An outline quoted in an annex (the parts of a report to be written: "I. Introduction and
    /// summary" with "A. Introduction"… under it, set as headings inside a part "I." of the
    /// annex): a roman label that starts again at "I." while a roman part is open opens the
    /// outline; its roman and lettered entries are a list with their printed labels, until a
    /// roman label that does not go on from the outline's (the annex's next part) or any other
    /// heading. Returns whether the heading was taken as an entry.
    fn outline_entry(&mut self, num: Option<&str>, heading: &[Inline]) -> bool {
        let roman_value = |n: &str| crate::generate::from_roman(n.strip_suffix('.')?);
        let value = num.and_then(roman_value);
        let letter =
            num.is_some_and(|n| n.len() == 2 && n.ends_with('.') && n.starts_with(|c: char| c.is_ascii_uppercase()));
        let in_roman_part = self.stack.iter().any(|o| {
            o.division.kind == DivisionKind::Section && o.division.num.as_deref().and_then(roman_value).is_some()
        }) && self.stack.iter().any(|o| o.division.kind == DivisionKind::Annex);
        let depth = match (value, self.outline) {
            (Some(1), None) if in_roman_part => {
                self.close_paragraph();
                1
            }
            (Some(v), Some(last)) if v == last + 1 => 1,
            (_, Some(_)) if letter => 2,
            (_, Some(_)) => {
                // The outline ends: its list is a paragraph of the part it stands in.
                self.outline = None;
                self.close_paragraph();
                return false;
            }
            _ => return false,
        };
        if let Some(v) = value.filter(|_| depth == 1) {
            self.outline = Some(v);
        }
        if self.paragraph.is_none() {
            self.paragraph = Some(Paragraph { id: String::new(), num: None, content: vec![], items: vec![] });
        }
        let x = if depth == 1 { OUTLINE_X } else { OUTLINE_X + 10.0 };
        self.close_items_from(x);
        let label = num.unwrap_or_default().to_string();
        self.items.push((x, Item { id: String::new(), label, content: heading.to_vec(), items: vec![] }));
        self.last = None;
        true
    }

    /// Where an item stands for nesting. Mostly where its label is set; but "(i)" after "(c)" at
    /// the same indent (a list of sub-items set flush with its parent's text, as in a quoted
    /// decision's annex) opens a roman list under "(c)", and its "(ii)", "(iii)" stay there —
    /// while "(i)" after "(h)" is the next letter.
    fn item_x(&mut self, x: f64, label: &str) -> f64 {
        let letter = |l: &str| {
            l.strip_prefix('(')
                .and_then(|l| l.strip_suffix(')'))
                .is_some_and(|l| l.len() == 1 && l.chars().all(|c| c.is_ascii_lowercase()))
        };
        let roman = |l: &str| {
            l.strip_prefix('(')
                .and_then(|l| l.strip_suffix(')'))
                .is_some_and(|l| !l.is_empty() && l.chars().all(|c| "ivxlc".contains(c)))
        };
        let Some((top_x, top)) = self.items.last() else {
            self.roman_shift = None;
            return x;
        };
        if label == "(i)" && letter(&top.label) && top.label != "(h)" && x <= top_x + 2.0 {
            let shifted = top_x + 12.0;
            self.roman_shift = Some((x, shifted));
            return shifted;
        }
        match self.roman_shift {
            Some((set_at, shifted)) if roman(label) && roman(&top.label) && (x - set_at).abs() < 2.0 => shifted,
            _ => x,
        }
    }

    fn close_items_from(&mut self, x: f64) {
        while let Some((ix, _)) = self.items.last() {
            if *ix >= x - 2.0 {
                let (_, item) = self.items.pop().expect("checked");
                self.attach_item(item);
            } else {
                break;
            }
        }
    }

    fn attach_item(&mut self, item: Item) {
        match self.items.last_mut() {
            Some((_, parent)) => parent.items.push(item),
            None => {
                if let Some(p) = self.paragraph.as_mut() {
                    p.items.push(item)
                }
            }
        }
    }

    fn close_paragraph(&mut self) {
        self.close_items_from(f64::NEG_INFINITY);
        if let Some(p) = self.paragraph.take() {
            self.push_block(Block::Paragraph(p));
        }
        self.last = None;
    }

    fn push_block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(open) => {
                open.awaiting_title = false;
                open.division.children.push(block)
            }
            None => self.body.push(block),
        }
    }

    fn heading_line(&mut self, line: &Line, line_ref: usize) {
        // An outline's entries are set as headings but make one list (`outline_entry`).
        if self.outline.is_none() {
            self.close_paragraph();
        }
        let text = line.text();
        // "Table 1" set in bold like a heading (as LibreOffice lays out a Word table's number):
        // the table's number all the same; the heading under it is its caption.
        if is_table_number(&text) && self.table_caption.is_none() {
            self.flush_heading();
            self.pending_table_caption_as_text();
            self.table_caption = Some((text.trim().to_string(), vec![]));
            self.last = None;
            return;
        }
        let content = on_page(strip_strong(inlines(&line.spans().cloned().collect::<Vec<_>>())), line.page);
        // A heading's next line in its style continues it; so does the first line of the next
        // page when nothing came between (a browser may break a heading over two pages).
        if let Some((inl, txt, y, size, page, bold)) = self.heading.as_mut()
            && ((*page == line.page && line.y - *y < 1.6 * *size) || line.page == *page + 1)
            && (line.size - *size).abs() < 0.6
            && *bold == line.bold()
            && !starts_numbered_heading(&text)
            // "Annex" or "Decision 6/CMA.4" alone: a label, whose title is the next line.
            && !matches!(heading_parts(txt.trim()), (Some(_), Some(_), rest) if rest.is_empty())
        {
            append(inl, &content);
            txt.push(' ');
            txt.push_str(&text);
            (*y, *page) = (line.y, line.page);
            return;
        }
        self.flush_heading();
        self.heading = Some((content, text, line.y, line.size, line.page, line.bold()));
        let _ = line_ref;
    }

    /// A "Table N" that no table followed is a paragraph after all.
    fn pending_table_caption_as_text(&mut self) {
        if let Some((num, caption)) = self.table_caption.take() {
            let mut content = vec![Inline::text(num)];
            if !caption.is_empty() {
                append(&mut content, &caption);
            }
            self.push_block(Block::Paragraph(Paragraph { id: String::new(), num: None, content, items: vec![] }));
        }
    }

    fn flush_heading(&mut self) {
        let Some((content, text, _, size, page, bold)) = self.heading.take() else { return };
        if let Some((_, caption)) = self.table_caption.as_mut() {
            if caption.is_empty() {
                *caption = content;
                return;
            }
            self.pending_table_caption_as_text();
        }
        // A note marker set in superscript after a label ("Intersessional decision 2¹") is not
        // part of the label: read the label from the words without the markers.
        let text = match content.iter().any(|i| matches!(i, Inline::NoteRef { .. })) {
            true => crate::document::plain_text(
                &content.iter().filter(|i| !matches!(i, Inline::NoteRef { .. })).cloned().collect::<Vec<_>>(),
            ),
            false => text,
        };
        let text = text.replace('\t', " ");
        let text = text.trim();
        // A heading right under a label heading ("Annex I", "Decision 6/CMA.4") is its title.
        if let Some(open) = self.stack.last_mut()
            && open.awaiting_title
        {
            // The label line's note ("Annex I*") goes after the title.
            let notes: Vec<Inline> =
                open.division.heading.drain(..).filter(|i| matches!(i, Inline::NoteRef { .. })).collect();
            open.division.heading = trailing_asterisks_cite(content, page);
            open.division.heading.extend(notes);
            open.awaiting_title = false;
            return;
        }
        let (mut kind, num, rest) = heading_parts(text);
        // "I.", "V.", "X.", "C.", "L." are chapters in chapter type, sections in section type.
        if kind == Some(DivisionKind::Section)
            && num.as_deref().is_some_and(|n| matches!(n, "I." | "V." | "X." | "L." | "C."))
            && size >= 1.3 * self.ctx.body_size
        {
            kind = Some(DivisionKind::Chapter);
        }
        let mut heading = match &num {
            Some(n) => strip_label(content, &printed_label(text, n)),
            None => content,
        };
        // "Annex I*", "Attendance*": asterisks glued to the end of a heading cite a note set
        // with an asterisk.
        heading = trailing_asterisks_cite(heading, page);
        if self.outline_entry(num.as_deref(), &heading) {
            return;
        }
        let awaiting = heading.iter().all(|i| matches!(i, Inline::NoteRef { .. }))
            || crate::document::plain_text(&heading).trim().is_empty();
        let kind = kind.unwrap_or_else(|| if rest.is_empty() { DivisionKind::Section } else { self.unnumbered_kind() });
        let kind = if num.is_none() {
            // Unnumbered headings in one style stand at one level.
            let style = (round_half(size), bold);
            match self.unnumbered_levels.iter().find(|(s, _)| *s == style) {
                Some((_, k))
                    if self.stack.iter().any(|o| level_of(o.division.kind) < level_of(*k))
                        || *k == DivisionKind::Chapter =>
                {
                    *k
                }
                _ => {
                    let k = self.unnumbered_kind_for(kind);
                    self.unnumbered_levels.retain(|(s, _)| *s != style);
                    self.unnumbered_levels.push((style, k));
                    k
                }
            }
        } else {
            kind
        };
        // Inside an annex or a quoted decision, its chapters are sections, and so on down.
        // Inside an annex, its chapters are sections, and so on down; inside a quoted decision
        // too, unless the heading is set like the report's own chapters (then it ends the
        // decision).
        let in_annex = self.stack.iter().any(|o| o.division.kind == DivisionKind::Annex);
        let in_decision = self.stack.iter().any(|o| o.division.kind == DivisionKind::Decision);
        let report_chapter = self.chapter_size.is_some_and(|c| size >= c - 0.5);
        let kind = match kind {
            DivisionKind::Chapter if num.is_some() && (in_annex || (in_decision && !report_chapter)) => {
                DivisionKind::Section
            }
            k => k,
        };
        // A decision that stands on its own (an addendum of decisions, not one quoted in a
        // section) runs to the next decision or annex: its numbered headings are its parts.
        let decision_alone =
            self.stack.iter().rposition(|o| o.division.kind == DivisionKind::Decision).is_some_and(|at| {
                !self.stack[..at]
                    .iter()
                    .any(|o| matches!(o.division.kind, DivisionKind::Chapter | DivisionKind::Section))
            });
        let kind = match kind {
            DivisionKind::Chapter | DivisionKind::Section if decision_alone && num.is_some() && !report_chapter => {
                DivisionKind::Group
            }
            k => k,
        };
        // The report's chapters: a chapter heading outside any annex or quoted decision.
        if kind == DivisionKind::Chapter && !in_annex && !in_decision && self.chapter_size.is_none() && num.is_some() {
            self.chapter_size = Some(size);
        }
        // An "Annex" set smaller than the report's annex headings, inside an annex, is the annex
        // of a text the annex quotes (a draft resolution's annex): a part of it, not the
        // report's next annex.
        // A decision quoted in the annex is open (not the annex of a decision standing alone).
        let in_quoted_decision = in_annex
            && self
                .stack
                .iter()
                .rev()
                .take_while(|o| o.division.kind != DivisionKind::Annex || o.level != 0)
                .any(|o| o.division.kind == DivisionKind::Decision);
        let kind = match (kind, self.annex_size) {
            (DivisionKind::Annex, None) if !in_annex => {
                self.annex_size = Some(size);
                kind
            }
            (DivisionKind::Annex, Some(first)) if in_annex && size < first - 0.5 && !in_quoted_decision => {
                DivisionKind::Section
            }
            _ => kind,
        };
        // Inside a quoted decision's annex, its headings stand under the annex: a lettered part
        // is a group, not the report's next section.
        let in_decision_annex = self.stack.iter().any(|o| o.level == DECISION_ANNEX_LEVEL);
        let kind = match kind {
            DivisionKind::Section | DivisionKind::Chapter if in_decision_annex => DivisionKind::Group,
            DivisionKind::Group if in_decision_annex => DivisionKind::Subgroup,
            k => k,
        };
        // Such a quoted annex keeps its printed label ("Annex I") as its heading: a section's
        // number is the report's own letter.
        let (num, heading, awaiting) = match num {
            Some(n) if kind == DivisionKind::Section && n.starts_with("Annex") => {
                let mut labelled = vec![Inline::text(n)];
                if !awaiting {
                    push_text(&mut labelled, " ");
                    append(&mut labelled, &heading);
                }
                (None, labelled, false)
            }
            n => (n, heading, awaiting),
        };
        // Decisions adopted one after another, each with its annexes (a UNFCCC addendum): a
        // decision heading set like the first one, which stood outside any annex, ends the annex
        // before it rather than standing inside it.
        if kind == DivisionKind::Decision && num.is_some() {
            match self.decision_size {
                None if !in_annex && !in_decision => self.decision_size = Some(size),
                Some(first) if in_annex && (size - first).abs() < 0.5 => {
                    while let Some(open) = self.stack.pop() {
                        let annex = open.division.kind == DivisionKind::Annex;
                        self.push_block(Block::Division(open.division));
                        if annex && !self.stack.iter().any(|o| o.division.kind == DivisionKind::Annex) {
                            break;
                        }
                    }
                }
                _ => {}
            }
        }
        // The annex of a decision quoted in an annex ("Annex I" to intersessional decision 3):
        // under the decision, closed by the decision's next annex or by the next decision.
        // Set in smaller type than the report's annexes, or with a label that does not go on from
        // the report's annex it stands in ("Annex" after "Annex II", as a page laid out by
        // LibreOffice sets both alike).
        let annex_value = |n: Option<&str>| n?.split_whitespace().nth(1).and_then(crate::generate::from_roman);
        let open_annex = self.stack.iter().find(|o| o.division.kind == DivisionKind::Annex && o.level == 0);
        let goes_on = open_annex
            .and_then(|o| annex_value(o.division.num.as_deref()))
            .is_some_and(|open| annex_value(num.as_deref()) == Some(open + 1));
        let new_level = match kind {
            DivisionKind::Annex
                if in_quoted_decision && (self.annex_size.is_some_and(|first| size < first - 0.5) || !goes_on) =>
            {
                DECISION_ANNEX_LEVEL
            }
            k => level_of(k),
        };
        while let Some(open) = self.stack.last() {
            if open.level >= new_level {
                let closed = self.stack.pop().expect("checked");
                self.push_block(Block::Division(closed.division));
            } else {
                break;
            }
        }
        // No id: the session derives chapter and section ids from the headings.
        let id = String::new();
        self.stack.push(Open {
            division: Division { kind, id, num, heading, children: vec![] },
            level: new_level,
            awaiting_title: awaiting,
        });
    }

    fn unnumbered_kind(&self) -> DivisionKind {
        self.unnumbered_kind_for(DivisionKind::Section)
    }

    /// An unnumbered heading: a chapter when none is open, else one level under the innermost.
    fn unnumbered_kind_for(&self, _kind: DivisionKind) -> DivisionKind {
        match self.stack.last().map(|o| o.division.kind) {
            None => DivisionKind::Chapter,
            Some(DivisionKind::Chapter | DivisionKind::Annex) => DivisionKind::Section,
            Some(DivisionKind::Decision | DivisionKind::Rule) => DivisionKind::Group,
            Some(DivisionKind::Section) => DivisionKind::Group,
            Some(DivisionKind::Group | DivisionKind::Subgroup) => DivisionKind::Subgroup,
        }
    }

    /// A resolution or decision quoted under its title alone (a proposal in an annex: "The
    /// General Assembly," in italics under an unnumbered heading, then its preamble and its
    /// operative paragraphs): the heading just opened is the quoted text's, and what follows is
    /// its text, up to the next heading of its level or above.
    fn open_quoted_text_under_its_title(&mut self, first_line: &[Inline]) {
        if !opens_a_quoted_text(first_line) {
            return;
        }
        let in_annex = self.stack.iter().any(|o| o.division.kind == DivisionKind::Annex);
        let Some(open) = self.stack.last_mut() else { return };
        let fresh = open.division.num.is_none() && open.division.children.is_empty() && !open.awaiting_title;
        if in_annex
            && fresh
            && matches!(open.division.kind, DivisionKind::Section | DivisionKind::Group | DivisionKind::Subgroup)
        {
            open.division.kind = DivisionKind::Decision;
            open.level = open.level.min(level_of(DivisionKind::Decision));
        }
    }

    /// The number of the paragraph being read, if it is numbered.
    fn last_paragraph_number(&self) -> Option<u32> {
        self.paragraph.as_ref()?.num.as_deref()?.trim_end_matches('.').parse().ok()
    }

    /// Whether `label` ("3.") is the next operative number of the quoted decision open here,
    /// with no paragraph numbered otherwise between (the first is "1.").
    fn continues_quoted_decision(&self, label: &str) -> bool {
        let Some(open) = self.stack.last() else { return false };
        if open.division.kind != DivisionKind::Decision {
            return false;
        }
        let number = |p: &Paragraph| p.num.as_deref().and_then(|n| n.trim_end_matches('.').parse::<u32>().ok());
        let in_progress = self.paragraph.as_ref().and_then(number);
        let last = in_progress.or_else(|| {
            open.division.children.iter().rev().find_map(|b| match b {
                Block::Paragraph(p) => number(p),
                _ => None,
            })
        });
        let expected = last.map_or(1, |n| n + 1);
        label.trim_end_matches('.').parse::<u32>().ok() == Some(expected)
    }

    /// A quoted decision numbers its operative paragraphs 1, 2, 3…: a numbered paragraph that
    /// does not continue them ("1." again, the report's "6.") is the report's, after the decision.
    fn end_decision_unless_it_continues(&mut self, label: &str) {
        let Some(open) = self.stack.last() else { return };
        if open.division.kind != DivisionKind::Decision {
            return;
        }
        let last = open.division.children.iter().rev().find_map(|b| match b {
            Block::Paragraph(p) => p.num.as_deref().and_then(|n| n.trim_end_matches('.').parse::<u32>().ok()),
            _ => None,
        });
        let number = label.trim_end_matches('.').parse::<u32>().ok();
        if let (Some(last), Some(number)) = (last, number)
            && number != last + 1
        {
            let closed = self.stack.pop().expect("checked");
            self.push_block(Block::Division(closed.division));
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush_heading();
        self.close_paragraph();
        self.pending_table_caption_as_text();
        while let Some(open) = self.stack.pop() {
            self.push_block(Block::Division(open.division));
        }
        self.body
    }
}

/// How high a division stands: a heading closes every open division at its level or below. A
/// quoted decision stands under the section that quotes it and ends at the next section.
fn level_of(kind: DivisionKind) -> u8 {
    match kind {
        DivisionKind::Chapter | DivisionKind::Annex => 0,
        DivisionKind::Section => 4,
        DivisionKind::Decision | DivisionKind::Rule => 6,
        DivisionKind::Group => 8,
        DivisionKind::Subgroup => 10,
    }
}

/// "*The General Assembly*,", "*The Meeting of States Parties,*": the organ that speaks in a
/// resolution or decision, in italics, on a line of its own before the preamble.
fn opens_a_quoted_text(content: &[Inline]) -> bool {
    let text = crate::document::plain_text(content);
    let text = text.trim();
    let words = text.split_whitespace().count();
    matches!(content.first(), Some(Inline::Emph { .. }))
        && text.starts_with("The ")
        && text.ends_with(',')
        && (3..=20).contains(&words)
        && !text[..text.len() - 1].contains([',', '.', ';', ':'])
}

/// Where an outline's entries stand for nesting (`outline_entry`): beyond any page's text.
const OUTLINE_X: f64 = 10_000.0;

/// The level of a quoted decision's own annex: under the decision, over its groups.
const DECISION_ANNEX_LEVEL: u8 = 7;

fn starts_numbered_heading(text: &str) -> bool {
    let (kind, num, _) = heading_parts(text);
    kind.is_some() && num.is_some()
}

/// The kind, label and rest of a heading's text.
fn heading_parts(text: &str) -> (Option<DivisionKind>, Option<String>, String) {
    let english = english_label_words(text.trim());
    let text = english.as_ref();
    // "VIII.Adoption": a label set so wide that no space is left before the words.
    let spaced;
    let text = match text.split_once('.') {
        Some((label, rest))
            if !label.is_empty()
                && label.len() <= 5
                && label.chars().all(|c| "IVXLC".contains(c) || c.is_ascii_digit())
                && rest.chars().next().is_some_and(char::is_uppercase) =>
        {
            spaced = format!("{label}. {rest}");
            spaced.as_str()
        }
        _ => text,
    };
    let (first, rest) = text.split_once(' ').unwrap_or((text, ""));
    let rest = rest.trim().to_string();
    // "Draft decision", "Draft resolution 9/1": a draft quoted in full, over its title.
    if first == "Draft"
        && let Some((kind_word, tail)) =
            ["decision", "resolution"].iter().find_map(|w| rest.strip_prefix(w).map(|t| (*w, t.trim())))
    {
        let (n, after) = tail.split_once(' ').unwrap_or((tail, ""));
        // "Draft resolution 9/1", "Draft decision I", "Draft resolution A" — not the first word of
        // the title set on the same line ("Draft decision Venue of …").
        let numbered = n.chars().next().is_some_and(|c| c.is_ascii_digit())
            || (!n.is_empty() && n.chars().all(|c| "IVXLC".contains(c)))
            || (n.len() == 1 && n.chars().all(|c| c.is_ascii_uppercase()));
        let (label, after) =
            if numbered { (format!("Draft {kind_word} {n}"), after) } else { (format!("Draft {kind_word}"), tail) };
        return (Some(DivisionKind::Decision), Some(label), after.trim().to_string());
    }
    // "Intersessional decision 5", "Special resolution 2": a decision called by a word of its
    // own before its kind, over its number (its title, if any, follows on the next line).
    if first.chars().next().is_some_and(char::is_uppercase)
        && let Some((kind_word, tail)) =
            ["decision ", "resolution "].iter().find_map(|w| rest.strip_prefix(w).map(|t| (w.trim(), t.trim())))
    {
        let (n, after) = tail.split_once(' ').unwrap_or((tail, ""));
        if n.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return (Some(DivisionKind::Decision), Some(format!("{first} {kind_word} {n}")), after.trim().to_string());
        }
    }
    for (word, kind) in [
        ("Chapter", DivisionKind::Chapter),
        ("CHAPTER", DivisionKind::Chapter),
        ("Annex", DivisionKind::Annex),
        ("ANNEX", DivisionKind::Annex),
        ("Decision", DivisionKind::Decision),
        ("Resolution", DivisionKind::Decision),
        // Rules of procedure: "Rule 1" over its title ("Scope").
        ("Rule", DivisionKind::Rule),
    ] {
        if first == word {
            let (n, tail) = rest.split_once(' ').unwrap_or((rest.as_str(), ""));
            let numberish =
                !n.is_empty() && n.chars().next().is_some_and(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
            if kind == DivisionKind::Chapter && numberish {
                return (Some(kind), Some(format!("{n}.")), tail.trim().to_string());
            }
            if kind == DivisionKind::Annex {
                if rest.is_empty() {
                    return (Some(kind), Some(word.to_string()), String::new());
                }
                let n = n.trim_end_matches('*');
                if n.chars().all(|c| "IVXLC".contains(c)) {
                    return (Some(kind), Some(format!("{word} {n}")), tail.trim().to_string());
                }
            }
            if kind == DivisionKind::Rule && !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) {
                return (Some(kind), Some(format!("{word} {n}")), tail.trim().to_string());
            }
            if kind == DivisionKind::Decision && numberish {
                // "Decision 585 (S-XXXIII)", "Decision 6/CMA.4".
                let mut label = n.to_string();
                let mut tail = tail.trim();
                if tail.starts_with('(')
                    && let Some(end) = tail.find(')')
                {
                    label = format!("{label} {}", &tail[..=end]);
                    tail = tail[end + 1..].trim();
                }
                return (Some(kind), Some(format!("{word} {label}")), tail.to_string());
            }
        }
    }
    match label_kind(first) {
        Some(LabelKind::Roman) => (Some(DivisionKind::Chapter), Some(first.to_string()), rest),
        Some(LabelKind::Letter) => (Some(DivisionKind::Section), Some(first.to_string()), rest),
        Some(LabelKind::Number) => (Some(DivisionKind::Group), Some(first.to_string()), rest),
        _ => (None, None, text.to_string()),
    }
}

/// The heading's inlines without its printed label.
fn strip_label(content: Vec<Inline>, num: &str) -> Vec<Inline> {
    let plain = crate::document::plain_text(&content);
    let mut words: Vec<&str> = num.split_whitespace().collect();
    // "Chapter I" printed, "I." kept: the word goes too.
    let lead = plain.split_whitespace().next().unwrap_or_default();
    if matches!(lead, "Chapter" | "CHAPTER") && !words.contains(&lead) {
        words.insert(0, lead);
    }
    let mut rest = plain.as_str();
    for w in &words {
        let w = w.trim_end_matches('.');
        let r = rest.trim_start();
        if let Some(r) = r.strip_prefix(w) {
            rest = r.strip_prefix('.').unwrap_or(r);
        }
    }
    drop_chars(content, plain.len() - rest.len())
}

/// The inlines without their first `n` bytes of plain text.
fn drop_chars(content: Vec<Inline>, mut n: usize) -> Vec<Inline> {
    let mut out = Vec::new();
    for inline in content {
        if n == 0 {
            out.push(inline);
            continue;
        }
        match inline {
            Inline::Text { text } => {
                if text.len() <= n {
                    n -= text.len();
                } else {
                    let cut = (n..=text.len()).find(|&c| text.is_char_boundary(c)).unwrap_or(text.len());
                    out.push(Inline::text(text[cut..].trim_start()));
                    n = 0;
                }
            }
            Inline::Strong { content } => {
                let len = crate::document::plain_text(&content).len();
                if len <= n {
                    n -= len;
                } else {
                    out.push(Inline::Strong { content: drop_chars(content, n) });
                    n = 0;
                }
            }
            Inline::Emph { content } => {
                let len = crate::document::plain_text(&content).len();
                if len <= n {
                    n -= len;
                } else {
                    out.push(Inline::Emph { content: drop_chars(content, n) });
                    n = 0;
                }
            }
            other => out.push(other),
        }
    }
    strip_strong(out)
}

/// Asterisks at the end of a heading (glued to its last word, or all there is after its
/// label) as a citation of the note marked with them.
fn trailing_asterisks_cite(mut heading: Vec<Inline>, page: usize) -> Vec<Inline> {
    fn last_text(inlines: &mut [Inline]) -> Option<&mut String> {
        match inlines.last_mut()? {
            Inline::Text { text } => Some(text),
            Inline::Strong { content } | Inline::Emph { content } => last_text(content),
            _ => None,
        }
    }
    let Some(text) = last_text(&mut heading) else { return heading };
    let core = text.trim_end();
    let stars = core.len() - core.trim_end_matches('*').len();
    if !(1..=3).contains(&stars) {
        return heading;
    }
    let cut = core.len() - stars;
    text.truncate(cut);
    let marker = "*".repeat(stars);
    heading.push(Inline::NoteRef { id: format!("@{page}"), marker });
    heading
}

/// Placeholders for raised markers (`NoteRef` without an id) learn the page they stand on
/// (`@3`), so that `cite` can tell a note cited again on its page from the next one.
fn on_page(mut content: Vec<Inline>, page: usize) -> Vec<Inline> {
    for inline in &mut content {
        match inline {
            Inline::NoteRef { id, .. } if id.is_empty() => *id = format!("@{page}"),
            Inline::Strong { content } | Inline::Emph { content } => *content = on_page(std::mem::take(content), page),
            _ => {}
        }
    }
    content
}

/// A note set under a table in the table's smaller type ("a Name of the cooperative approach
/// …"), on the table's page, whichever page the table started on: read as a footnote (`id` in
/// the footnotes) that the table's markers cite, a paragraph with the id `table-note:ID`
/// standing in the body where it was printed until `cite` has run.
struct TableNote {
    id: String,
    line_ref: usize,
    lines: Vec<usize>,
}

/// A line that opens a table's note: in type smaller than the body's, a raised letter ("a",
/// "bb") and the note's text. Its marker and the rest.
fn table_note_start(line: &Line, ctx: &Ctx) -> Option<(String, Vec<Span>)> {
    if line.size >= ctx.body_size - 0.3 {
        return None;
    }
    let spans: Vec<Span> = line.spans().cloned().collect();
    let first = spans.iter().position(|s| !s.text.trim().is_empty())?;
    let marker = spans[first].text.trim();
    let letters = (1..=2).contains(&marker.chars().count()) && marker.chars().all(|c| c.is_ascii_lowercase());
    if !spans[first].sup || !letters || first + 1 == spans.len() {
        return None;
    }
    Some((marker.to_string(), spans[first + 1..].to_vec()))
}

/// The paragraphs standing for a table's notes: gone when the note is a footnote (`kept` holds
/// no content for it), their text when it is not.
fn place_table_notes(blocks: &mut Vec<Block>, notes: &[TableNote], kept: &mut HashMap<String, Vec<Inline>>) {
    blocks.retain_mut(|block| match block {
        Block::Paragraph(p) => match p.id.strip_prefix("table-note:").map(str::to_string) {
            Some(id) => {
                let content = kept.remove(&id).unwrap_or_default();
                let line_ref = notes.iter().find(|n| n.id == id).map_or(0, |n| n.line_ref);
                p.id = format!("line-{line_ref}");
                p.content = content;
                !p.content.is_empty()
            }
            None => true,
        },
        Block::Division(d) => {
            place_table_notes(&mut d.children, notes, kept);
            true
        }
        _ => true,
    });
}

/// Resolves raised markers to footnotes: each cites the first unused note with its marker printed
/// on its page or the next, or the page before, or else (notes printed at the end) on a later
/// page (a marker with no such note stays text). A marker that cites again a note printed on its
/// own page (three decisions adopted the same way, each marked "1" for the one note on the page)
/// cites a copy of that note: in a session each note is cited once.
fn cite(blocks: &mut [Block], notes: &mut Vec<(Footnote, usize)>, used: &mut Vec<bool>, endnotes: bool) {
    fn inl(content: &mut Vec<Inline>, notes: &mut Vec<(Footnote, usize)>, used: &mut Vec<bool>, endnotes: bool) {
        let mut out = Vec::new();
        for mut inline in std::mem::take(content) {
            match &mut inline {
                Inline::NoteRef { id, marker } if id.is_empty() || id.starts_with('@') => {
                    let page: Option<usize> = id.strip_prefix('@').and_then(|p| p.parse().ok());
                    // A note is printed on its citation's page, or the next when it runs over.
                    let near = |q: usize| page.is_none_or(|p| q == p || q == p + 1);
                    // Or, failing both, on the page before: typst keeps a note where it placed it
                    // when the caption citing it moves on to the next page with its table.
                    let before = |q: usize| page.is_some_and(|p| q + 1 == p);
                    let find = |on: &dyn Fn(usize) -> bool| {
                        (0..notes.len()).find(|&k| !used[k] && notes[k].0.marker == *marker && on(notes[k].1))
                    };
                    // Letters mark a table's own notes, each table its own series: never copied.
                    let series = marker.chars().all(|c| c.is_ascii_digit() || c == '*');
                    // Notes printed at the end (a page printed from HTML by a browser): a
                    // numbered marker with no note near it cites the first unused one printed
                    // later.
                    let later = |q: usize| endnotes && page.is_some_and(|p| q > p + 1);
                    let next = find(&near).or_else(|| find(&before)).or_else(|| find(&later));
                    let again = page.filter(|_| series).and_then(|p| {
                        let later = next.is_none();
                        let on_page =
                            notes.iter().enumerate().rposition(|(k, (n, q))| used[k] && n.marker == *marker && *q == p);
                        on_page.filter(|_| later)
                    });
                    if let Some(k) = again {
                        let copy = Footnote { id: format!("n{}", notes.len() + 1), ..notes[k].0.clone() };
                        *id = copy.id.clone();
                        let page = notes[k].1;
                        notes.push((copy, page));
                        used.push(true);
                        out.push(inline);
                        continue;
                    }
                    match next.map(|k| (k, &notes[k].0)) {
                        Some((k, n)) => {
                            used[k] = true;
                            *id = n.id.clone();
                        }
                        None => {
                            // A raised character that cites nothing stays text.
                            append_raw(&mut out, vec![Inline::text(marker.clone())]);
                            continue;
                        }
                    }
                }
                Inline::Strong { content } | Inline::Emph { content } => inl(content, notes, used, endnotes),
                _ => {}
            }
            out.push(inline);
        }
        *content = out;
    }
    fn items(list: &mut [Item], notes: &mut Vec<(Footnote, usize)>, used: &mut Vec<bool>, endnotes: bool) {
        for item in list {
            inl(&mut item.content, notes, used, endnotes);
            items(&mut item.items, notes, used, endnotes);
        }
    }
    for block in blocks {
        match block {
            Block::Paragraph(p) => {
                inl(&mut p.content, notes, used, endnotes);
                items(&mut p.items, notes, used, endnotes);
            }
            Block::Division(d) => {
                inl(&mut d.heading, notes, used, endnotes);
                cite(&mut d.children, notes, used, endnotes);
            }
            Block::Table(t) => {
                inl(&mut t.caption, notes, used, endnotes);
                for cell in t.header.iter_mut().flatten().map(|c| &mut c.content).chain(t.rows.iter_mut().flatten()) {
                    inl(cell, notes, used, endnotes);
                }
            }
            Block::Contents(_) | Block::Officers(_) => {}
        }
    }
}

/// Raised characters that cite nothing (inside a footnote, in the masthead) as plain text.
fn without_placeholders(content: Vec<Inline>) -> Vec<Inline> {
    let mut out = Vec::new();
    for inline in content {
        match inline {
            Inline::NoteRef { id, marker } if id.is_empty() => append_raw(&mut out, vec![Inline::text(marker)]),
            Inline::Strong { content } => out.push(Inline::Strong { content: without_placeholders(content) }),
            Inline::Emph { content } => out.push(Inline::Emph { content: without_placeholders(content) }),
            other => out.push(other),
        }
    }
    out
}

/// The inlines without leading white space.
fn trim_start(mut content: Vec<Inline>) -> Vec<Inline> {
    while let Some(Inline::Text { text }) = content.first_mut() {
        let trimmed = text.trim_start().to_string();
        if trimmed.is_empty() {
            content.remove(0);
        } else {
            *text = trimmed;
            break;
        }
    }
    content
}

/// A table starts at line `start` when it and the lines after it, on one page, set their text
/// in columns: at least three lines of two or more segments whose segments start at the same
/// places (two or more column edges besides the left one, shared by most of them). Justified
/// text, whose wide word gaps also split lines into segments, never lines up that way. Returns
/// the end (exclusive) of the table's lines.
fn table_at(all: &[Line], class: &[Option<Class>], start: usize, ctx: &Ctx, rules: &[Rule]) -> Option<usize> {
    // A line of two segments whose first is a label ("(a)", "1.", "In favour:" before the
    // States of a vote, set off by a tab) is an item, not a table's row.
    let multi = |l: &Line| {
        let first = l.segments[0].text();
        l.segments.len() >= 2
            && !(l.segments.len() == 2 && (label_kind(&first).is_some() || is_colon_label(&first)))
            && !is_justified_line(l)
    };
    if !multi(&all[start]) {
        // A heading set alone over the table's columns ("ITMO" over "Unique identifier" and
        // "Metric and quantity"): in the table's smaller type, the table's next line under it.
        let next = start + 1;
        let small = |l: &Line| l.size < ctx.body_size - 0.6;
        let over = next < all.len()
            && class[next].is_none()
            && all[next].page == all[start].page
            && small(&all[start])
            && (all[next].size - all[start].size).abs() < 0.3
            && all[next].y - all[start].y < 1.6 * all[start].size
            && multi(&all[next]);
        return if over { table_at(all, class, next, ctx, rules) } else { None };
    }
    let page = all[start].page;
    let mut end = start;
    let mut last_y = all[start].y;
    let mut rows: Vec<usize> = Vec::new();
    while end < all.len() && all[end].page == page {
        if class[end].is_some() {
            end += 1;
            continue;
        }
        let l = &all[end];
        if l.y - last_y > 3.0 * l.size.max(ctx.body_size * 0.8) || l.size > ctx.body_size + 0.6 {
            break;
        }
        if !multi(l) && !rows.is_empty() && !starts_at_column(l, &rows, all) {
            break;
        }
        rows.push(end);
        last_y = l.y;
        end += 1;
    }
    let multis: Vec<usize> = rows.iter().copied().filter(|&r| multi(&all[r])).collect();
    if multis.len() < 3 {
        return None;
    }
    let lines: Vec<&Line> = multis.iter().map(|&r| &all[r]).collect();
    // Inner column edges (left edges, or right edges of right-aligned figures) shared by at
    // least 60 % of the multi-segment lines.
    let shared_by =
        |edges: Vec<(f64, usize)>| edges.iter().skip(1).filter(|(_, n)| *n * 10 >= multis.len() * 6).count();
    let columns = columns(&lines);
    let shared = shared_by(columns.clone()).max(shared_by(right_edges(&lines, ctx)));
    let same_shape = lines.iter().all(|l| l.segments.len() == lines[0].segments.len());
    if shared < 2 && !(shared >= 1 && (same_shape || (columns.len() == 2 && multis.len() >= 4))) {
        return None;
    }
    // Trailing single-segment lines that are not in a column belong to what follows; those set
    // in a column after the first continue the last row's cell ("Background paper on" /
    // "international cooperation").
    let last_multi = rows.iter().rposition(|&r| multi(&all[r]))?;
    let first_column = columns.first().map_or(f64::NEG_INFINITY, |c| c.0);
    let in_later_column = |l: &Line| {
        (l.x0() - first_column).abs() >= 4.0
            && lines.iter().any(|m| m.segments.iter().skip(1).any(|s| (s.x0 - l.x0()).abs() < 3.0))
    };
    let continued =
        rows[last_multi + 1..].iter().take_while(|&&r| class[r].is_none() && in_later_column(&all[r])).count();
    Some(body_under_small_head(all, class, start, rows[last_multi + continued] + 1, ctx, rules))
}

/// A table whose header of several lines, in a type smaller than the body's, is a grid of ruled
/// cells that `ruled_header` reads (a table continued from the page before, whose header has
/// lines of one heading each, so that `table_at` does not see columns in them): its end.
fn ruled_table_at(all: &[Line], class: &[Option<Class>], start: usize, ctx: &Ctx, rules: &[Rule]) -> Option<usize> {
    let first = &all[start];
    if first.size >= ctx.body_size - 0.6 || rules.is_empty() {
        return None;
    }
    let mut head = vec![start];
    let mut j = start + 1;
    while j < all.len() && all[j].page == first.page {
        if class[j].is_some() {
            j += 1;
            continue;
        }
        let (l, last) = (&all[j], &all[*head.last()?]);
        // A header row's rule between two lines opens a wider gap (a row as tall as its
        // neighbour's three lines, its one line at the foot).
        let ruled = !cell_rules(rules, last.y, l.y - 0.5 * first.size).is_empty();
        let gap = if ruled { 3.0 } else { 1.6 };
        if (l.size - first.size).abs() >= 0.3 || l.y - last.y > gap * first.size {
            break;
        }
        head.push(j);
        j += 1;
    }
    let end = body_under_small_head(all, class, start, j, ctx, rules);
    if head.len() < 2 || end == j {
        return None;
    }
    let lines: Vec<&Line> = (start..end).filter(|&k| class[k].is_none()).map(|k| &all[k]).collect();
    let k = head.len();
    let widest = lines[..k].iter().max_by_key(|l| l.segments.len())?;
    let columns = columns_of(std::iter::once(widest).chain(&lines[k..]));
    let column_of = |x0: f64, x1: f64| column_at(&columns, x0, x1);
    ruled_header(&lines[..k], lines[k].y, rules, &columns, &column_of).map(|_| end)
}

/// Where a table ends whose lines so far are all in a type smaller than the body's (a header
/// of several lines, FCCC/PA/CMA/2022/10/Add.2 annex VII): its body rows, in body type, follow
/// while each line lies within the width of the headings (a cell centred in its column does not
/// start where its heading does) and no wide gap opens. A heading's cell ruled above it is as
/// wide as its rule: a wider entry under a short heading ("NDC and OIMP" under "Purposes for")
/// lies within it.
fn body_under_small_head(
    all: &[Line],
    class: &[Option<Class>],
    start: usize,
    end: usize,
    ctx: &Ctx,
    rules: &[Rule],
) -> usize {
    let head: Vec<&Line> = (start..end).filter(|&j| class[j].is_none()).map(|j| &all[j]).collect();
    let size = all[start].size;
    if size >= ctx.body_size - 0.6 || head.iter().any(|l| (l.size - size).abs() >= 0.3) {
        return end;
    }
    let (top, bottom) = (all[start].y - 2.0 * size, head.last().map_or(0.0, |l| l.y));
    let cells = cell_rules(rules, top, bottom);
    let within = |l: &Line| {
        l.segments.iter().all(|s| {
            head.iter().any(|h| h.segments.iter().any(|hs| s.x0 >= hs.x0 - 8.0 && s.x1 <= hs.x1 + 8.0))
                || cells.iter().any(|&(x0, x1)| s.x0 >= x0 - 1.0 && s.x1 <= x1 + 1.0)
        })
    };
    let (mut out, mut last_y) = (end, head.last().map_or(0.0, |l| l.y));
    let mut j = end;
    while j < all.len() && all[j].page == all[start].page {
        if class[j].is_some() {
            j += 1;
            continue;
        }
        let l = &all[j];
        if l.size < size + 0.5 || l.size > ctx.body_size + 0.6 || l.y - last_y > 2.5 * l.size || !within(l) {
            break;
        }
        last_y = l.y;
        j += 1;
        out = j;
    }
    out
}

/// The rules between heights `top` and `bottom` drawn cell by cell: each beside another at its
/// height (a rule across the whole table, over or under its header, is no cell's). Their spans.
fn cell_rules(rules: &[Rule], top: f64, bottom: f64) -> Vec<(f64, f64)> {
    let within: Vec<&Rule> = rules.iter().filter(|r| r.y > top && r.y < bottom).collect();
    within
        .iter()
        .filter(|r| within.iter().any(|o| !std::ptr::eq(*o, **r) && (o.y - r.y).abs() < 1.2))
        .map(|r| (r.x0, r.x1))
        .collect()
}

/// A line of justified text whose spaces were stretched as wide as tabs (Russian's long words
/// leave few spaces to a line): three or more gaps between its words, all about as wide (a
/// table's columns are not evenly spaced). A hanging label's gap does not count.
fn is_justified_line(line: &Line) -> bool {
    let segments = match line.segments.first() {
        Some(first) if label_kind(&first.text()).is_some() => &line.segments[1..],
        _ => &line.segments[..],
    };
    let gaps: Vec<f64> = segments.windows(2).map(|w| w[1].x0 - w[0].x1).collect();
    let (min, max) = gaps.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &g| (a.min(g), b.max(g)));
    gaps.len() >= 3 && max - min <= 0.2 * line.size
}

fn starts_at_column(line: &Line, rows: &[usize], all: &[Line]) -> bool {
    rows.iter().any(|&r| all[r].segments.iter().any(|s| (s.x0 - line.x0()).abs() < 3.0))
}

/// Column left edges (rounded) and how many lines have a segment starting there.
fn columns(lines: &[&Line]) -> Vec<(f64, usize)> {
    let mut edges: Vec<(f64, usize)> = Vec::new();
    for l in lines {
        for s in &l.segments {
            match edges.iter_mut().find(|(x, _)| (x - s.x0).abs() < 4.0) {
                Some((_, n)) => *n += 1,
                None => edges.push((s.x0, 1)),
            }
        }
    }
    edges.retain(|(_, n)| *n >= 2);
    edges.sort_by(|a, b| a.0.total_cmp(&b.0));
    edges
}

/// Right edges of the segments after the first, and how many lines have one there. A long
/// segment ending at the text block's right edge is the end of a justified line (Russian words
/// stretch its spaces into gaps as wide as a tab), not a right-aligned column.
fn right_edges(lines: &[&Line], ctx: &Ctx) -> Vec<(f64, usize)> {
    let mut edges: Vec<(f64, usize)> = vec![(f64::NEG_INFINITY, 0)];
    let width = ctx.right - ctx.margin;
    let justified =
        |s: &layout::Segment| ctx.right.is_finite() && (s.x1 - ctx.right).abs() < 3.0 && s.x1 - s.x0 > 0.3 * width;
    for l in lines {
        for s in l.segments.iter().skip(1).filter(|s| !justified(s)) {
            match edges.iter_mut().find(|(x, _)| (x - s.x1).abs() < 3.0) {
                Some((_, n)) => *n += 1,
                None => edges.push((s.x1, 1)),
            }
        }
    }
    edges
}

/// The table's rows: each line a row, its segments in the column they overlap (columns are the
/// spans where segments of the rows overlap: left-aligned, right-aligned or centred alike); a
/// line with nothing in the first column continues the row above (cells of several lines).
fn table(lines: &[&Line], rules: &[Rule]) -> (Table, usize) {
    // A header of several rows in smaller type, ruled cell by cell (see `ruled_header`): its
    // columns are those of its lowest headings and of the body; the headings above them span.
    // Any other table: the columns of all its lines.
    let ruled = smaller_head(lines).and_then(|k| {
        let widest = lines[..k].iter().max_by_key(|l| l.segments.len())?;
        let columns = columns_of(std::iter::once(widest).chain(&lines[k..]));
        let column_of = |x0: f64, x1: f64| column_at(&columns, x0, x1);
        ruled_header(&lines[..k], lines[k].y, rules, &columns, &column_of).map(|h| (h, k, columns))
    });
    let columns = match &ruled {
        Some((_, _, columns)) => columns.clone(),
        None => columns_of(lines.iter()),
    };
    let column_of = |x0: f64, x1: f64| column_at(&columns, x0, x1);
    let ruled = ruled.map(|(h, k, _)| (h, k));
    let body_start = ruled.as_ref().map_or(0, |(_, k)| *k);
    let mut rows: Vec<Vec<Vec<Inline>>> = Vec::new();
    let mut first_row_lines = 0;
    let mut last_y = f64::NEG_INFINITY;
    for l in &lines[body_start..] {
        let mut cells = vec![Vec::new(); columns.len()];
        for s in &l.segments {
            let c = column_of(s.x0, s.x1);
            append(&mut cells[c], &on_page(trim_start(inlines(&s.spans)), l.page));
        }
        // "OIMP*": a note marked with an asterisk, cited from a cell.
        let cells: Vec<Vec<Inline>> = cells.into_iter().map(|c| trailing_asterisks_cite(c, l.page)).collect();
        // At the line spacing of a cell's lines (about 1.2 times the type); rows stand further
        // apart ("OIMP" over "NDC and OIMP", 1.45 apart, are two rows).
        let continues = cells[0].is_empty() && !rows.is_empty() && l.y - last_y < 1.35 * l.size;
        match rows.last_mut() {
            Some(row) if continues => {
                for (cell, more) in row.iter_mut().zip(cells) {
                    append(cell, &more);
                }
            }
            _ => rows.push(cells),
        }
        if rows.len() == 1 {
            first_row_lines += 1;
        }
        last_y = l.y;
    }
    if let Some((header, k)) = ruled {
        return (Table { id: String::new(), num: None, caption: vec![], header, rows }, k);
    }
    // The first row is a header when it is set apart: in italics or bold, or over a rule.
    let styled = lines.first().is_some_and(|l| l.italic() || l.bold());
    // Its italics or bold are the header's style, not the words'.
    let header = if rows.len() > 1 && styled {
        Table::header_row(rows.remove(0).into_iter().map(without_style).collect())
    } else {
        Vec::new()
    };
    let header_lines = if header.is_empty() { 0 } else { first_row_lines };
    (Table { id: String::new(), num: None, caption: vec![], header, rows }, header_lines)
}

/// The spans where the segments of `lines` overlap, left to right (one spanning everything when
/// there is none).
fn columns_of<'a>(lines: impl Iterator<Item = &'a &'a Line>) -> Vec<(f64, f64)> {
    let mut spans: Vec<(f64, f64)> = lines.flat_map(|l| l.segments.iter().map(|s| (s.x0, s.x1))).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut columns: Vec<(f64, f64)> = Vec::new();
    for (x0, x1) in spans {
        match columns.last_mut() {
            Some(c) if x0 <= c.1 + 1.0 => c.1 = c.1.max(x1),
            _ => columns.push((x0, x1)),
        }
    }
    if columns.is_empty() {
        columns.push((0.0, f64::INFINITY));
    }
    columns
}

/// The column a segment's middle falls in (the first when none).
fn column_at(columns: &[(f64, f64)], x0: f64, x1: f64) -> usize {
    let mid = (x0 + x1) / 2.0;
    columns.iter().position(|c| mid >= c.0 - 1.0 && mid <= c.1 + 1.0).unwrap_or(0)
}

/// The number of leading lines set in a smaller type than the line under them (at least two,
/// with body lines after them): a header of several lines over the table's rows.
fn smaller_head(lines: &[&Line]) -> Option<usize> {
    let size = lines.first()?.size;
    let k = lines.iter().position(|l| l.size > size + 0.5)?;
    (k >= 2 && lines[..k].iter().all(|l| (l.size - size).abs() < 0.3)).then_some(k)
}

/// The header of a table drawn as a grid, its heading rows read from the rules that border
/// their cells (FCCC/PA/CMA/2022/10/Add.2, annex VII): each distinct height of rule segments
/// above the header's lines opens a header row, each segment there is the top of a cell, and
/// that cell covers the columns whose middles lie under the segment ("Unique identifier" over
/// the four identifier columns). A column no segment tops continues the cell above it (a
/// heading over several rows, its words at the foot of the cell). `None` unless the grid is
/// whole: every line in a row, every row as wide as the columns, some heading spanning.
fn ruled_header(
    head: &[&Line],
    body_y: f64,
    rules: &[Rule],
    columns: &[(f64, f64)],
    column_of: &dyn Fn(f64, f64) -> usize,
) -> Option<Vec<Vec<HeaderCell>>> {
    let size = head[0].size;
    let (top, bottom) = (head[0].y - 2.0 * size, head[head.len() - 1].y);
    // The heights of the rules above the header's lines and among them, each with its segments.
    let mut levels: Vec<(f64, Vec<(f64, f64)>)> = Vec::new();
    let mut sorted: Vec<&Rule> = rules.iter().filter(|r| r.y > top && r.y < bottom).collect();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    for r in sorted {
        match levels.last_mut() {
            Some((y, segs)) if r.y - *y < 1.2 => segs.push((r.x0, r.x1)),
            _ => levels.push((r.y, vec![(r.x0, r.x1)])),
        }
    }
    // A level opens a row only when lines stand under it before the next one.
    fn row_of(levels: &[(f64, Vec<(f64, f64)>)], y: f64, size: f64) -> Option<usize> {
        levels.iter().rposition(|(ly, _)| *ly < y - size * 0.5)
    }
    let levels: Vec<(f64, Vec<(f64, f64)>)> = (0..levels.len())
        .filter(|&i| head.iter().any(|l| row_of(&levels, l.y, size) == Some(i)))
        .map(|i| levels[i].clone())
        .collect();
    if levels.len() < 2 || head.iter().any(|l| row_of(&levels, l.y, size).is_none()) || body_y <= bottom {
        return None;
    }
    let mid = |c: usize| (columns[c].0 + columns[c].1) / 2.0;
    // A heading centred over several columns may fall between two: the nearest one.
    let nearest = |s: &layout::Segment| {
        let m = (s.x0 + s.x1) / 2.0;
        let distance = |c: &(f64, f64)| {
            if m < c.0 {
                c.0 - m
            } else if m > c.1 {
                m - c.1
            } else {
                0.0
            }
        };
        (0..columns.len())
            .min_by(|&a, &b| distance(&columns[a]).total_cmp(&distance(&columns[b])))
            .unwrap_or_else(|| column_of(s.x0, s.x1))
    };
    let mut header: Vec<Vec<HeaderCell>> = Vec::new();
    // Each cell's top rule and first column, row by row (beside `header`).
    let mut tops: Vec<Vec<(f64, f64, usize)>> = Vec::new();
    // For each column, the cell covering it so far: (row, cell).
    let mut owner: Vec<Option<(usize, usize)>> = vec![None; columns.len()];
    for (r, (_, segs)) in levels.iter().enumerate() {
        let mut row: Vec<HeaderCell> = Vec::new();
        let mut row_tops = Vec::new();
        let mut c = 0;
        while c < columns.len() {
            let seg = segs.iter().find(|(x0, x1)| mid(c) >= x0 - 1.0 && mid(c) <= x1 + 1.0);
            match (seg, owner[c]) {
                (None, Some((or, oc))) => {
                    // Continued from above (its rows counted once).
                    if header[or][oc].rows == r - or {
                        header[or][oc].rows += 1;
                    }
                    while c < columns.len() && owner[c] == Some((or, oc)) {
                        c += 1;
                    }
                }
                (Some(&(x0, x1)), _) => {
                    let span = (c..columns.len()).take_while(|&k| mid(k) >= x0 - 1.0 && mid(k) <= x1 + 1.0).count();
                    for o in owner.iter_mut().skip(c).take(span) {
                        *o = Some((r, row.len()));
                    }
                    row.push(HeaderCell::spanning(Vec::new(), span, 1));
                    row_tops.push((x0, x1, c));
                    c += span;
                }
                (None, None) => return None,
            }
        }
        header.push(row);
        tops.push(row_tops);
    }
    // Which (row, column) words stand in.
    let worded: Vec<(usize, usize)> = head
        .iter()
        .flat_map(|l| l.segments.iter().map(move |s| (l, s)))
        .filter_map(|(l, s)| Some((row_of(&levels, l.y, size)?, nearest(s))))
        .collect();
    merge_ruled_cells(&mut header, &tops, &worded);
    // The words, each segment into the cell over its column in its row.
    for l in head {
        let r = row_of(&levels, l.y, size)?;
        for s in &l.segments {
            let c = nearest(s);
            let grid = crate::document::header_grid(
                &header.iter().map(|row| row.iter().map(|h| (h.columns, h.rows)).collect()).collect::<Vec<_>>(),
            );
            let ((or, oc), _) = grid.at(r, c)?;
            let words = without_style(on_page(trim_start(inlines(&s.spans)), l.page));
            let cell = &mut header[or][oc].content;
            if !cell.is_empty() {
                cell.push(Inline::text(" "));
            }
            append(cell, &words);
        }
    }
    let spans = header.iter().flatten().any(|h| h.columns > 1);
    let table =
        Table { id: String::new(), num: None, caption: vec![], header, rows: vec![vec![Vec::new(); columns.len()]] };
    (spans && table.header_is_regular()).then_some(table.header)
}

/// A heading over several columns whose rules are drawn cell by cell (the rule over
/// "Authorization" in four pieces, one over each of the four columns whose rule closes it
/// below): in a row above the last, a run of cells closed at the next rule (no heading runs
/// down through them) whose top rules meet end to end, one of them with words and the others
/// empty, is one cell over the run's columns. A run with words in two cells stays as drawn.
fn merge_ruled_cells(header: &mut [Vec<HeaderCell>], tops: &[Vec<(f64, f64, usize)>], worded: &[(usize, usize)]) {
    let rows = header.len();
    for r in 0..rows.saturating_sub(1) {
        let cells = &header[r];
        let has_words = |k: usize| (tops[r][k].2..tops[r][k].2 + cells[k].columns).any(|c| worded.contains(&(r, c)));
        // Runs of cells, as [first, last] indices in the row.
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for k in 0..cells.len() {
            let joins = k > 0
                && cells[k].rows == 1
                && cells[k - 1].rows == 1
                && tops[r][k - 1].2 + cells[k - 1].columns == tops[r][k].2
                && (tops[r][k].0 - tops[r][k - 1].1).abs() < 2.0;
            match runs.last_mut() {
                Some(run) if joins => run.1 = k,
                _ => runs.push((k, k)),
            }
        }
        let mut merged: Vec<HeaderCell> = Vec::new();
        for (a, b) in runs {
            let worded_cells: Vec<usize> = (a..=b).filter(|&k| has_words(k)).collect();
            if b > a && worded_cells.len() == 1 && cells[a..=b].iter().all(|c| c.content.is_empty()) {
                let columns = cells[a..=b].iter().map(|c| c.columns).sum();
                merged.push(HeaderCell::spanning(Vec::new(), columns, 1));
            } else {
                merged.extend(cells[a..=b].iter().cloned());
            }
        }
        header[r] = merged;
    }
}

/// How many columns a table's header covers (its first row's, spans counted).
fn header_width(t: &Table) -> usize {
    t.header_grid().widths.first().copied().unwrap_or(0)
}

/// Block id → line, from the provisional ids `line-PAGE*1000+N` the reader gives paragraphs and
/// tables (the step to a session drops them and keeps the line for its warnings).
fn collect_lines(blocks: &[Block], out: &mut HashMap<String, usize>) {
    for block in blocks {
        let id = match block {
            Block::Paragraph(p) => &p.id,
            Block::Table(t) => &t.id,
            Block::Division(d) => {
                collect_lines(&d.children, out);
                continue;
            }
            Block::Officers(o) => &o.id,
            Block::Contents(_) => continue,
        };
        if let Some(line) = id.strip_prefix("line-").and_then(|n| n.parse().ok()) {
            out.insert(id.clone(), line);
        }
    }
}

/// The inlines without trailing white space (inside the last text, or the last wrapper's).
fn trim_end(content: &mut Vec<Inline>) {
    while let Some(last) = content.last_mut() {
        match last {
            Inline::Text { text } => {
                let trimmed = text.trim_end().len();
                text.truncate(trimmed);
                if text.is_empty() {
                    content.pop();
                    continue;
                }
            }
            Inline::Strong { content: inner } | Inline::Emph { content: inner } => trim_end(inner),
            _ => {}
        }
        break;
    }
}

/// "Table 1", "Table 12:", "Table A.1".
fn is_table_number(text: &str) -> bool {
    let t = english_label_words(text.trim());
    let t = t.trim_end_matches(':');
    t.strip_prefix("Table ")
        .is_some_and(|n| !n.is_empty() && n.len() <= 6 && !n.contains(' ') && n.chars().any(|c| c.is_ascii_digit()))
}

/// The inlines without emphasis and bold (kept: everything else).
fn without_style(content: Vec<Inline>) -> Vec<Inline> {
    let mut out = Vec::new();
    for inline in content {
        match inline {
            Inline::Emph { content } | Inline::Strong { content } => append_raw(&mut out, without_style(content)),
            other => append_raw(&mut out, vec![other]),
        }
    }
    out
}
