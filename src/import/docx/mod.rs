//! Reads a Word document (DOCX) into a `Document`: ours (as `crate::writers::docx` writes it),
//! the same file saved again by Word or LibreOffice, and Word originals in the United Nations
//! styles — the New York family (`HCh`, `H1`, `H23`, `H4`, `H56`, `SingleTxt`, `Footnote Text`)
//! and the Geneva one (`_ H _Ch_G`, `_ H_1_G`, `_ Single Txt_G`…).
//!
//! `word` reads the package's XML into paragraphs whose style says their role; this module
//! reads the structure the house style gives them: the masthead (a table in ours, lines in
//! others), headings by level with their labels ("I.", "A.", "1.", "Annex I", "Decision 4/4",
//! "Rule 1"), numbered paragraphs (typed "12.<tab>" or numbered by Word from `w:numPr`),
//! sub-items by style or by label, real footnotes (`word/footnotes.xml`) with their marks,
//! tables, and the table of contents. The hidden bookmarks our writer puts around every
//! paragraph (`crate::writers::docx::anchors`) give back the ids of the data, so that a report
//! goes to Word and back keeping its identities.
//!
//! Nothing is dropped silently: a paragraph that has no place is kept as an unnumbered
//! paragraph with a warning. Bad input is an error, never a panic: a file that is not a ZIP
//! package, a part that is not well-formed XML, parts larger than `MAX_PART`.

mod word;

use std::collections::HashMap;
use std::io::{Cursor, Read as _};

use crate::diag::{Diagnostic, Diagnostics};
use crate::document::{
    Addendum, Block, Contents, ContentsEntry, Division, DivisionKind, Document, Footnote, HeaderCell, Inline, Item,
    Masthead, MastheadStyle, Meta, OfficialRecords, Paragraph, Table, plain_text,
};
use crate::import::title_case;
use crate::writers::docx::anchors::{AnchorKind, Decoded, bookmark_name, decode};
use word::{El, Para, Piece, Role};

/// The largest part read (uncompressed): a report's document.xml is a few megabytes.
const MAX_PART: u64 = 256 << 20;

/// Reads the DOCX `bytes` into a `Document` whose `meta.slug` is `slug`, with warnings for what
/// could not be placed.
pub fn read(bytes: &[u8], slug: &str) -> Result<(Document, Vec<Diagnostic>), Diagnostics> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        Diagnostics::from(
            Diagnostic::error(format!("not a DOCX file: {e}"))
                .with_hint("a .docx file is a ZIP package; save the document from Word as \"Word Document (*.docx)\""),
        )
    })?;
    let document = part(&mut zip, "word/document.xml")?.ok_or_else(|| {
        Diagnostics::from(
            Diagnostic::error("the package has no word/document.xml").with_hint("this is not a Word document"),
        )
    })?;
    let tree = |xml: Option<String>, name: &str| -> Result<Option<El>, Diagnostics> {
        xml.map(|x| word::parse(&x, name)).transpose()
    };
    let body_tree = word::parse(&document, "word/document.xml")?;
    let styles_tree = tree(part(&mut zip, "word/styles.xml")?, "word/styles.xml")?;
    let numbering_tree = tree(part(&mut zip, "word/numbering.xml")?, "word/numbering.xml")?;
    let notes_tree = tree(part(&mut zip, "word/footnotes.xml")?, "word/footnotes.xml")?;
    let core_tree = tree(part(&mut zip, "docProps/core.xml")?, "docProps/core.xml")?;
    let mut footer_trees = Vec::new();
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    let mut footer_names: Vec<&String> =
        names.iter().filter(|n| n.starts_with("word/footer") && n.ends_with(".xml")).collect();
    footer_names.sort();
    for name in footer_names {
        if let Some(t) = tree(part(&mut zip, name)?, name)? {
            footer_trees.push(t);
        }
    }

    let styles = word::Styles::read(styles_tree.as_ref());
    let mut numbering = word::Numbering::read(numbering_tree.as_ref());
    let mut reader = word::Reader { styles: &styles, numbering: &mut numbering };
    let body = body_tree.find("body").ok_or_else(|| {
        Diagnostics::from(Diagnostic::error("word/document.xml has no w:body").with_hint("this is not a Word document"))
    })?;
    let items = reader.items(body);
    let mut notes = HashMap::new();
    if let Some(root) = notes_tree.as_ref().and_then(|t| t.child("footnotes")) {
        for note in root.elements().filter(|e| e.name == "footnote") {
            if note.attr("type").is_some_and(|t| t != "normal") {
                continue;
            }
            let Some(id) = note.attr("id") else { continue };
            let paras: Vec<Para> = reader
                .items(note)
                .into_iter()
                .flat_map(|i| match i {
                    word::Item::Para(p) => vec![p],
                    word::Item::Table(rows) => rows.into_iter().flatten().flatten().collect(),
                })
                .collect();
            notes.insert(id.to_string(), paras);
        }
    }
    let mut footer_paras = Vec::new();
    for t in &footer_trees {
        if let Some(ftr) = t.child("ftr") {
            for i in reader.items(ftr) {
                if let word::Item::Para(p) = i {
                    footer_paras.push(p);
                }
            }
        }
    }

    let mut shaper =
        Shaper { notes: &notes, warnings: Vec::new(), cited: Vec::new(), auto: 0, derived: HashMap::new() };
    let (masthead, rest) = shaper.masthead(&items, &footer_paras);
    let mut body = shaper.body(rest);
    // Officers by office: one unnumbered paragraph a line in the file, one list in the model.
    crate::import::officers::gather(&mut body);
    let footnotes = shaper.footnotes();
    let language = core_tree
        .as_ref()
        .and_then(|c| c.find("language"))
        .map(|l| l.text().trim().to_string())
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| "en".into());
    let date = crate::session::date::parse_long_date(&masthead.date)
        .map(|d| d.iso())
        .or_else(|| {
            let created = core_tree.as_ref()?.find("created")?.text();
            let day = created.get(..10)?.to_string();
            crate::session::Date::parse(&day).ok().map(|d| d.iso())
        })
        .unwrap_or_default();
    let mut masthead = masthead;
    // An Official Records volume prints neither the date nor the original language.
    if masthead.date.is_empty()
        && let Ok(d) = crate::session::Date::parse(&date)
    {
        masthead.date = d.long();
    }
    if masthead.original.is_empty() {
        masthead.original = "English".into();
    }
    let meta = Meta {
        slug: slug.to_string(),
        language,
        date,
        title: plain_text(&masthead.title),
        symbol: masthead.symbol.clone(),
        body_short: crate::assemble::body_from_symbol(&masthead.symbol),
    };
    let document = Document { meta, masthead, body, footnotes, entities: Vec::new(), review: None };
    Ok((document, shaper.warnings))
}

/// Leaves empty every id the assembler would derive again from the same data (a chapter's from
/// its title, a paragraph's from its division and first words, a sub-item's from its label…),
/// so that the imported session writes only the ids its author gave.
pub fn forget_derived_ids(doc: &mut Document) {
    fn words(inlines: &[Inline]) -> String {
        slug(&plain_text(inlines).split_whitespace().take(6).collect::<Vec<_>>().join(" "))
    }
    fn items(list: &mut [Item], parent: &str) {
        for it in list {
            let own = it.id.clone();
            if it.id == format!("{parent}-{}", it.label.trim_matches(['(', ')', '.'])) {
                it.id.clear();
            }
            items(&mut it.items, &own);
        }
    }
    fn blocks(list: &mut [Block], parent: &str, kind: Option<DivisionKind>, rules: &mut u32) {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for b in list {
            match b {
                Block::Division(d) => {
                    let own = d.id.clone();
                    let title = slug(&plain_text(&d.heading));
                    let derived = match d.kind {
                        DivisionKind::Chapter => title,
                        DivisionKind::Annex => format!("annex-{title}"),
                        DivisionKind::Rule => {
                            *rules += 1;
                            format!("{parent}-rule-{rules}")
                        }
                        // A decision's id is kept: the session names it (`vote_on:` points to it).
                        DivisionKind::Decision => String::new(),
                        _ => format!("{parent}-{title}"),
                    };
                    if d.id == derived {
                        d.id.clear();
                    }
                    if d.kind == DivisionKind::Annex {
                        *rules = 0;
                    }
                    blocks(&mut d.children, &own, Some(d.kind), rules);
                }
                Block::Paragraph(p) => {
                    let own = p.id.clone();
                    let base = format!("{parent}-{}", words(&p.content));
                    // Paragraphs of a quoted decision are not counted apart (`number_list`).
                    let n = if kind == Some(DivisionKind::Decision) {
                        1
                    } else {
                        let n = seen.entry(base.clone()).or_insert(0);
                        *n += 1;
                        *n
                    };
                    let derived = if n == 1 { base } else { format!("{base}-{n}") };
                    if p.id == derived {
                        p.id.clear();
                    }
                    items(&mut p.items, &own);
                }
                // The first list of officers takes the id `officers` unless given one.
                Block::Officers(o) if o.id == "officers" => o.id.clear(),
                Block::Table(_) | Block::Contents(_) | Block::Officers(_) => {}
            }
        }
    }
    let mut rules = 0;
    blocks(&mut doc.body, "", None, &mut rules);
}

/// A paragraph numbered "5 bis." (inserted into a draft) keeps its number in its text and is
/// imported unnumbered, as the text importer does: the session format says "inserted" together
/// with the paragraph's negotiation status, which the printed note does not give back whole.
pub fn unnumber_inserted(blocks: &mut [Block]) {
    for b in blocks {
        match b {
            Block::Division(d) => unnumber_inserted(&mut d.children),
            Block::Paragraph(p) => {
                if let Some(num) = p.num.take_if(|n| !n.trim_end_matches('.').chars().all(|c| c.is_ascii_digit())) {
                    p.content.insert(0, Inline::text(format!("{num} ")));
                    p.content = merge_text(std::mem::take(&mut p.content));
                }
            }
            Block::Table(_) | Block::Contents(_) | Block::Officers(_) => {}
        }
    }
}

/// One part of the package as text; `None` when the package has no such part.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, Diagnostics> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(Diagnostic::error(format!("cannot read {name} from the package: {e}"))
                .with_hint("the file may be damaged; open it in Word or LibreOffice and save it again")
                .into());
        }
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART + 1).read_to_end(&mut bytes).map_err(|e| {
        Diagnostics::from(
            Diagnostic::error(format!("cannot read {name} from the package: {e}"))
                .with_hint("the file may be damaged; open it in Word or LibreOffice and save it again"),
        )
    })?;
    if bytes.len() as u64 > MAX_PART {
        return Err(Diagnostic::error(format!("{name} is larger than {} MB uncompressed", MAX_PART >> 20))
            .with_hint("this is not a report (or a ZIP bomb)")
            .into());
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        Diagnostics::from(
            Diagnostic::error(format!("{name} is not UTF-8")).with_hint("Word writes its XML parts in UTF-8"),
        )
    })?;
    Ok(Some(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text)))
}

/// Turns paragraphs into the report's structure.
struct Shaper<'a> {
    /// Word's footnote id → the note's paragraphs.
    notes: &'a HashMap<String, Vec<Para>>,
    warnings: Vec<Diagnostic>,
    /// The footnotes cited, in order: (id in the document, marker, Word's id).
    cited: Vec<(String, String, String)>,
    /// How many notes Word has numbered itself so far.
    auto: usize,
    /// How often each derived id has been given (to keep them unique).
    derived: HashMap<String, usize>,
}

/// A division being filled, and how deep it stands.
struct Open {
    rank: u8,
    division: Division,
    /// For a quoted decision: the last number of its own paragraphs.
    decision_last: u32,
}

impl Shaper<'_> {
    // ----- masthead -----

    /// The masthead from the paragraphs before the body, and the items that follow it.
    fn masthead<'i>(&mut self, items: &'i [word::Item], footer: &[Para]) -> (Masthead, &'i [word::Item]) {
        let mut m = Masthead::default();
        let mut distr = Vec::new();
        let mut subtitles = Vec::new();
        let mut used = 0;
        for (i, item) in items.iter().enumerate() {
            let paras: Vec<&Para> = match item {
                word::Item::Para(p) => vec![p],
                word::Item::Table(rows) => {
                    // The masthead table holds the top line and the distribution block.
                    let cells: Vec<&Para> = rows.iter().flatten().flatten().collect();
                    if !cells.iter().any(|p| matches!(p.role, Role::Publisher | Role::Symbol | Role::Organ)) {
                        break;
                    }
                    cells
                }
            };
            let mut stop = false;
            for p in paras {
                match p.role {
                    Role::Publisher => m.publisher = p.plain().trim().to_string(),
                    Role::Symbol => {
                        m.symbol = p.plain().trim().to_string();
                        m.symbol_note = self.inlines(&only_notes(p));
                    }
                    Role::Organ => m.organ = p.plain().trim().to_string(),
                    Role::OfficialRecords => {
                        let lines: Vec<String> = p.plain().split('\n').map(|l| l.trim().to_string()).collect();
                        if let [organ, label, session, supplement] = lines.as_slice() {
                            m.organ = organ.clone();
                            m.official_records = Some(OfficialRecords {
                                organ: organ.clone(),
                                label: label.clone(),
                                session: session.clone(),
                                supplement: supplement.clone(),
                            });
                        } else {
                            self.warn(format!("an Official Records block of {} lines, kept as caption", lines.len()));
                            m.caption.extend(lines.into_iter().map(|l| vec![Inline::text(l)]));
                        }
                    }
                    Role::Distribution => distr.push(p.plain().trim().to_string()),
                    Role::Caption => {
                        let line = self.inlines(&p.pieces);
                        m.caption.push(line);
                    }
                    Role::Title => m.title = self.inlines(&p.pieces),
                    Role::Subtitle => subtitles.push(p),
                    Role::Furniture | Role::JobNumber | Role::Barcode => {}
                    _ if p.is_blank() && p.bookmarks.iter().all(|b| decode(b).is_none()) => {}
                    _ => stop = true,
                }
                if stop {
                    break;
                }
            }
            if stop {
                break;
            }
            used = i + 1;
        }
        if m.symbol.is_empty() {
            // Not our masthead: read what a Word original prints before its first heading.
            return self.plain_masthead(items, footer, m);
        }
        self.distribution(&mut m, &distr);
        self.subtitles(&mut m, &subtitles);
        for p in footer {
            match p.role {
                Role::JobNumber if m.job_number.is_none() => m.job_number = Some(p.plain().trim().to_string()),
                Role::Barcode if m.barcode.is_none() => m.barcode = Some(p.plain().trim().to_string()),
                _ => {}
            }
        }
        (m, &items[used..])
    }

    /// "Distr.: General", the date, "Original: English" — or, in the capitals style, "Distr.",
    /// "GENERAL", the date, "ORIGINAL: ENGLISH".
    fn distribution(&mut self, m: &mut Masthead, lines: &[String]) {
        let lines: Vec<&str> = lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            if let Some(d) = line.strip_prefix("Distr.:") {
                m.distribution = d.trim().to_string();
            } else if line == "Distr." {
                m.style = MastheadStyle::Capitals;
                if let Some(next) = lines.get(i + 1) {
                    m.distribution = title_case(next);
                    i += 1;
                }
            } else if let Some(o) = line.strip_prefix("Original:") {
                m.original = o.trim().to_string();
            } else if let Some(o) = line.strip_prefix("ORIGINAL:") {
                m.style = MastheadStyle::Capitals;
                m.original = title_case(o.trim());
            } else if m.date.is_empty() && crate::session::date::parse_long_date(line).is_some() {
                m.date = line.to_string();
            } else {
                self.warn(format!("masthead line `{line}` not understood; kept in the caption"));
                m.caption.push(vec![Inline::text(line)]);
            }
            i += 1;
        }
    }

    /// The lines under the title: "Addendum" and its part, "Rapporteur: …".
    fn subtitles(&mut self, m: &mut Masthead, paras: &[&Para]) {
        let mut after_addendum = false;
        for p in paras {
            let text = p.plain();
            let text = text.trim();
            if text == "Addendum" {
                m.addendum = Some(Addendum { label: text.to_string(), part: Vec::new() });
                after_addendum = true;
                continue;
            }
            if let Some(rest) = text.strip_prefix("Rapporteur:") {
                let mut inl = self.inlines(&p.pieces);
                strip_prefix_inlines(&mut inl, "Rapporteur:");
                trim_start_inlines(&mut inl);
                let _ = rest;
                m.rapporteur = Some(inl);
                continue;
            }
            match (&mut m.addendum, after_addendum) {
                (Some(a), true) if a.part.is_empty() => a.part = self.inlines(&p.pieces),
                _ => {
                    self.warn(format!("line under the title `{text}` not understood; kept in the caption"));
                    let line = self.inlines(&p.pieces);
                    m.caption.push(line);
                }
            }
        }
    }

    /// A Word original's first page without our masthead styles: the lines before the first
    /// heading or numbered paragraph, read by what they say.
    fn plain_masthead<'i>(
        &mut self,
        items: &'i [word::Item],
        footer: &[Para],
        mut m: Masthead,
    ) -> (Masthead, &'i [word::Item]) {
        let mut lines: Vec<&Para> = Vec::new();
        let mut used = 0;
        for (i, item) in items.iter().enumerate() {
            match item {
                word::Item::Para(p) => {
                    // The body starts at the first labelled heading ("I.<tab>Introduction") or
                    // numbered paragraph; an unlabelled heading before it is the title, which
                    // Word originals set in a heading style.
                    let text = p.plain();
                    let labelled = split_label(&text).is_some() || text.trim_start().starts_with("Annex");
                    if (matches!(p.role, Role::Heading(_)) && labelled)
                        || p.role == Role::DecisionHeading
                        || p.auto_label.is_some()
                        || split_label(&text).is_some_and(|(l, _)| is_paragraph_number(l))
                    {
                        break;
                    }
                    lines.push(p);
                }
                word::Item::Table(rows) => lines.extend(rows.iter().flatten().flatten()),
            }
            used = i + 1;
        }
        let mut distr = Vec::new();
        let mut rest: Vec<&Para> = Vec::new();
        for p in lines {
            for line in p.plain().split('\n') {
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                if m.symbol.is_empty() && looks_like_symbol(line) {
                    m.symbol = line.to_string();
                } else if line.starts_with("Distr.")
                    || line.starts_with("Original:")
                    || line.starts_with("ORIGINAL:")
                    || (m.date.is_empty() && crate::session::date::parse_long_date(line).is_some())
                    || (distr.last().is_some_and(|l: &String| l == "Distr.") && line.chars().all(|c| c.is_uppercase()))
                {
                    distr.push(line.to_string());
                } else if line == "United Nations" || line == "UNITED NATIONS" {
                    m.publisher = line.to_string();
                } else {
                    rest.push(p);
                    break;
                }
            }
        }
        self.distribution(&mut m, &distr);
        // The rest: the organ, the caption, the title (the last line, or the one in the
        // `Title` style) and what stands under it.
        let mut rest_lines: Vec<(Role, Vec<Inline>, String)> = Vec::new();
        for p in rest {
            let text = p.plain().trim().to_string();
            if text.is_empty() {
                continue;
            }
            let inl = self.inlines(&p.pieces);
            rest_lines.push((p.role, inl, text));
        }
        let title_at = rest_lines
            .iter()
            .position(|(r, _, _)| *r == Role::Title)
            .or_else(|| rest_lines.iter().position(|(_, _, t)| t == "Draft report" || t.starts_with("Report of")))
            .or_else(|| rest_lines.iter().position(|(r, _, _)| matches!(r, Role::Heading(_))))
            .or_else(|| rest_lines.len().checked_sub(1));
        if let Some(at) = title_at {
            for (i, (_, inl, text)) in rest_lines.iter().enumerate() {
                if i == 0 && at > 0 {
                    m.organ = text.clone();
                } else if i < at {
                    m.caption.push(inl.clone());
                } else if i == at {
                    m.title = inl.clone();
                } else if let Some(name) = text.strip_prefix("Rapporteur:") {
                    m.rapporteur = Some(vec![Inline::text(name.trim())]);
                } else if text == "Addendum" {
                    m.addendum = Some(Addendum { label: text.clone(), part: Vec::new() });
                } else if let Some(a) = m.addendum.as_mut().filter(|a| a.part.is_empty()) {
                    a.part = inl.clone();
                } else {
                    self.warn(format!("line under the title `{text}` not understood; kept in the caption"));
                    m.caption.push(inl.clone());
                }
            }
        }
        if m.symbol.is_empty() {
            self.warn("no document symbol found on the first page".to_string());
        }
        for p in footer {
            let text = p.plain();
            let text = text.trim();
            if m.job_number.is_none() && looks_like_job_number(text) {
                m.job_number = Some(text.to_string());
            }
        }
        (m, &items[used..])
    }

    // ----- body -----

    fn body(&mut self, items: &[word::Item]) -> Vec<Block> {
        let mut top: Vec<Block> = Vec::new();
        let mut stack: Vec<Open> = Vec::new();
        // The last number of a paragraph outside any quoted decision.
        let mut report_last: u32 = 0;
        let mut pending_caption: Option<(Option<String>, Vec<Inline>)> = None;
        let mut tables = 0;
        let mut i = 0;
        while i < items.len() {
            match &items[i] {
                word::Item::Table(rows) => {
                    let caption = pending_caption.take();
                    tables += 1;
                    let table = self.table(rows, caption, tables);
                    push_block(&mut stack, &mut top, Block::Table(table));
                }
                word::Item::Para(p) => match p.role {
                    Role::ContentsHeading => {
                        // The contents table follows (then a page break).
                        let heading = p.plain().trim().to_string();
                        let mut entries = Vec::new();
                        if let Some(word::Item::Table(rows)) = items.get(i + 1) {
                            entries = self.contents_entries(rows);
                            i += 1;
                        }
                        top.push(Block::Contents(Contents {
                            id: "contents".into(),
                            heading,
                            columns: Contents::english_columns(),
                            label_column: None,
                            entries,
                        }));
                    }
                    Role::TableCaption => {
                        let text = p.plain();
                        let (num, caption) = match text.split_once('\n') {
                            Some((num, _)) => {
                                let mut inl = self.inlines(&p.pieces);
                                strip_prefix_inlines(&mut inl, num);
                                trim_start_inlines(&mut inl);
                                (Some(num.trim().to_string()), inl)
                            }
                            None if text.trim().starts_with("Table ") && !text.trim().contains(' ') => {
                                (Some(text.trim().to_string()), Vec::new())
                            }
                            None => (None, self.inlines(&p.pieces)),
                        };
                        pending_caption = Some((num, caption));
                    }
                    Role::Heading(level) => {
                        let division = self.heading(p, level, false, &stack);
                        open(&mut stack, &mut top, division);
                    }
                    Role::DecisionHeading => {
                        let division = self.heading(p, 1, true, &stack);
                        open(&mut stack, &mut top, division);
                    }
                    Role::SubItem(depth) | Role::DecisionItem(depth) => {
                        let item = self.item(p);
                        if !attach_item(&mut stack, &mut top, item.clone(), depth as usize) {
                            self.warn(format!(
                                "sub-item `{}` stands before any paragraph; kept as a paragraph",
                                item.label
                            ));
                            let para = Paragraph {
                                id: item.id,
                                num: None,
                                content: [vec![Inline::text(format!("{} ", item.label))], item.content].concat(),
                                items: item.items,
                            };
                            push_block(&mut stack, &mut top, Block::Paragraph(para));
                        }
                    }
                    Role::FootnoteText
                    | Role::Furniture
                    | Role::JobNumber
                    | Role::Barcode
                    | Role::Toc(_)
                    | Role::ContentsColumnHead => {}
                    _ => {
                        if p.is_blank() && !p.bookmarks.iter().any(|b| decode(b).is_some()) {
                            i += 1;
                            continue;
                        }
                        // A typed sub-item ("(a)<tab>…") in body style belongs to the paragraph before.
                        let text = p.plain();
                        if p.auto_label.is_none()
                            && let Some((label, _)) = split_label(&text)
                            && let Some(depth) = item_depth(label, last_item_label(&stack, &top))
                        {
                            let item = self.item(p);
                            if attach_item(&mut stack, &mut top, item, depth) {
                                i += 1;
                                continue;
                            }
                        }
                        let mut para = self.paragraph(p);
                        // Inside a quoted decision, a number that continues the report's count
                        // (not the decision's) ends the decision.
                        let n = para.num.as_deref().and_then(|n| n.trim_end_matches('.').parse::<u32>().ok());
                        // Our own paragraphs say it by their id: a decision's paragraphs have
                        // ids under the decision's.
                        if let Some(top_open) = stack.last_mut()
                            && top_open.division.kind == DivisionKind::Decision
                        {
                            let inside = (!para.id.is_empty())
                                .then(|| para.id.starts_with(&format!("{}-", top_open.division.id)));
                            match (inside, n) {
                                (Some(true), Some(n)) => top_open.decision_last = n,
                                (Some(true), None) => {}
                                (Some(false), _) => {
                                    close_top(&mut stack, &mut top);
                                    if let Some(n) = n {
                                        report_last = n;
                                    }
                                }
                                (None, Some(n)) if n == top_open.decision_last + 1 => top_open.decision_last = n,
                                (None, Some(n)) if n == report_last + 1 => {
                                    close_top(&mut stack, &mut top);
                                    report_last = n;
                                }
                                (None, _) => {}
                            }
                        } else if let Some(n) = n {
                            report_last = n;
                        }
                        if para.id.is_empty() {
                            para.id = self.derive_id(&stack, p, &para);
                        }
                        push_block(&mut stack, &mut top, Block::Paragraph(para));
                    }
                },
            }
            i += 1;
        }
        while !stack.is_empty() {
            close_top(&mut stack, &mut top);
        }
        self.resolve_contents(&mut top);
        top
    }

    /// A heading: its kind from its level and label, its label, its title.
    fn heading(&mut self, p: &Para, level: u8, decision: bool, stack: &[Open]) -> Division {
        let text = p.plain();
        let mut inl = self.inlines(&p.pieces);
        // "Annex I" / "Decision 4/4" / "Rule 1" stand on a line of their own above the title;
        // other labels are followed by a tab.
        let (num, kind) = if let Some((first, _)) = text.split_once('\n') {
            let first = first.trim().to_string();
            strip_prefix_inlines(&mut inl, &first);
            let kind = if decision {
                DivisionKind::Decision
            } else if first.starts_with("Annex") {
                DivisionKind::Annex
            } else if first.starts_with("Rule ") {
                DivisionKind::Rule
            } else if ["Decision", "Resolution", "Draft"].iter().any(|w| first.starts_with(w)) {
                DivisionKind::Decision
            } else {
                level_kind(level)
            };
            (Some(first), kind)
        } else if let Some((label, _)) = split_label(&text) {
            let label = label.to_string();
            strip_prefix_inlines(&mut inl, &label);
            let kind = if decision { DivisionKind::Decision } else { level_kind(level) };
            (Some(label), kind)
        } else if decision && let Some(label) = label_cited_alone(&inl) {
            // "Intersessional decision 1¹": a label cited by a note, no title (our writers print
            // the note after the label on its line).
            inl.retain(|i| matches!(i, Inline::NoteRef { .. }));
            (Some(label), DivisionKind::Decision)
        } else {
            let kind = if decision {
                DivisionKind::Decision
            } else if level == 0 && text.trim() == "Annex" {
                DivisionKind::Annex
            } else {
                level_kind(level)
            };
            (None, kind)
        };
        trim_start_inlines(&mut inl);
        let (num, inl) = if kind == DivisionKind::Annex && num.is_none() && plain_text(&inl).trim() == "Annex" {
            (Some("Annex".to_string()), Vec::new())
        } else {
            (num, inl)
        };
        // The ids the assembler derives when the data gives none (`assemble::plan`).
        let title = slug(&plain_text(&inl));
        // The division it will stand in (those of its rank and deeper close before it).
        let parent = stack
            .iter()
            .rev()
            .find(|o| o.rank < rank(kind) && o.division.kind != DivisionKind::Decision)
            .map(|o| o.division.id.clone())
            .unwrap_or_default();
        let candidates = match kind {
            DivisionKind::Chapter => vec![title.clone()],
            DivisionKind::Annex => vec![format!("annex-{title}")],
            DivisionKind::Rule => {
                vec![format!("{parent}-rule-{}", num.as_deref().unwrap_or_default().trim_start_matches("Rule ").trim())]
            }
            DivisionKind::Decision => vec![slug(num.as_deref().unwrap_or(&title)), title.clone()],
            _ => vec![format!("{parent}-{title}"), title.clone()],
        };
        let id = self.resolve_id(p, candidates);
        Division { kind, id, num, heading: inl, children: Vec::new() }
    }

    fn paragraph(&mut self, p: &Para) -> Paragraph {
        let text = p.plain();
        let mut content = self.inlines(&p.pieces);
        let num = if let Some(label) = &p.auto_label {
            trim_start_inlines(&mut content);
            Some(label.clone())
        } else if let Some((label, _)) = split_label(&text).filter(|(l, _)| is_paragraph_number(l)) {
            let label = label.to_string();
            strip_prefix_inlines(&mut content, &label);
            trim_start_inlines(&mut content);
            Some(label)
        } else {
            None
        };
        let id = self.anchor_id(p).unwrap_or_default();
        Paragraph { id, num, content, items: Vec::new() }
    }

    /// The id of a paragraph or heading: spelled by our bookmark, or the candidate whose
    /// bookmark name is the hashed one in the file, or else the first candidate (made unique).
    fn resolve_id(&mut self, p: &Para, candidates: Vec<String>) -> String {
        if let Some(id) = self.anchor_id(p) {
            return id;
        }
        for b in &p.bookmarks {
            if let Some(Decoded::Hashed(AnchorKind::Body)) = decode(b)
                && let Some(c) = candidates.iter().find(|c| bookmark_name(AnchorKind::Body, c) == *b)
            {
                let c = c.clone();
                *self.derived.entry(c.clone()).or_insert(0) += 1;
                return c;
            }
        }
        let first = candidates.into_iter().next().unwrap_or_default();
        self.unique(first)
    }

    fn item(&mut self, p: &Para) -> Item {
        let text = p.plain();
        let mut content = self.inlines(&p.pieces);
        let label = match p.auto_label.clone() {
            Some(l) => {
                trim_start_inlines(&mut content);
                l
            }
            None => match split_label(&text) {
                Some((label, _)) => {
                    let label = label.to_string();
                    strip_prefix_inlines(&mut content, &label);
                    trim_start_inlines(&mut content);
                    label
                }
                None => String::new(),
            },
        };
        let id = self.anchor_id(p).unwrap_or_default();
        Item { id, label, content, items: Vec::new() }
    }

    fn table(&mut self, rows: &[Vec<word::Cell>], caption: Option<(Option<String>, Vec<Inline>)>, n: usize) -> Table {
        let mut header: Vec<Vec<HeaderCell>> = Vec::new();
        let mut body = Vec::new();
        // Vertical merges open in the header: grid column → (row, cell) of the heading.
        let mut open: HashMap<usize, (usize, usize)> = HashMap::new();
        for row in rows {
            let is_head = body.is_empty() && row.iter().flatten().any(|p| p.role == Role::TableHead);
            if !is_head {
                body.push(row.iter().map(|cell| self.cell(cell)).collect());
                continue;
            }
            // The header's rows: a cell spanning grid columns (`w:gridSpan`) is one heading; a
            // cell continuing a vertical merge adds a row to the heading it continues.
            let r = header.len();
            let mut cells = Vec::new();
            let mut col = 0;
            for cell in row {
                match (cell.merge, open.get(&col)) {
                    (Some(word::Merge::Continue), Some(&(hr, hc))) => header[hr][hc].rows += 1,
                    (merge, _) => {
                        if merge == Some(word::Merge::Restart) {
                            open.insert(col, (r, cells.len()));
                        } else {
                            open.remove(&col);
                        }
                        cells.push(HeaderCell::spanning(self.cell(cell), cell.span, 1));
                    }
                }
                col += cell.span;
            }
            header.push(cells);
        }
        let (num, caption) = caption.unwrap_or((None, Vec::new()));
        Table { id: format!("table-{n}"), num, caption, header, rows: body }
    }

    fn cell(&mut self, paras: &[Para]) -> Vec<Inline> {
        let mut out = Vec::new();
        for (i, p) in paras.iter().enumerate() {
            if i > 0 && !p.is_blank() {
                out.push(Inline::text("\n"));
            }
            if !p.is_blank() {
                out.extend(self.inlines(&p.pieces));
            }
        }
        merge_text(out)
    }

    fn contents_entries(&mut self, rows: &[Vec<word::Cell>]) -> Vec<ContentsEntry> {
        let mut out = Vec::new();
        for row in rows {
            let Some(first) = row.first().and_then(|c| c.first()) else { continue };
            let Role::Toc(level) = first.role else { continue };
            let text = first.plain();
            let parts: Vec<&str> = text.split('\t').map(str::trim).filter(|s| !s.is_empty()).collect();
            let (num, title) = match parts.as_slice() {
                [num, title, ..] => (Some(num.to_string()), title.to_string()),
                [title] => (None, title.to_string()),
                [] => continue,
            };
            let paragraphs = row
                .get(1)
                .map(|c| c.iter().map(|p| p.plain()).collect::<String>().trim().to_string())
                .filter(|s| !s.is_empty());
            out.push(ContentsEntry { level, num, title, paragraphs, target: String::new() });
        }
        out
    }

    /// Points each contents entry at its division (by label and title), taking both from it.
    fn resolve_contents(&mut self, blocks: &mut [Block]) {
        let mut divisions: Vec<(Option<String>, String, String)> = Vec::new();
        fn walk(blocks: &[Block], out: &mut Vec<(Option<String>, String, String)>) {
            for b in blocks {
                if let Block::Division(d) = b {
                    out.push((d.num.clone(), plain_text(&d.heading), d.id.clone()));
                    walk(&d.children, out);
                }
            }
        }
        walk(blocks, &mut divisions);
        for b in blocks.iter_mut() {
            let Block::Contents(c) = b else { continue };
            for e in &mut c.entries {
                let found = divisions.iter().find(|(num, title, _)| {
                    (num == &e.num && *title == e.title)
                        || num.as_ref().is_some_and(|n| e.num.is_none() && e.title == format!("{n}. {title}"))
                        // An Official Records volume lists "I." for the heading "Chapter I".
                        || (*title == e.title
                            && num.as_deref().zip(e.num.as_deref()).is_some_and(|(n, listed)| {
                                n.rsplit(' ').next() == Some(listed.trim_end_matches('.')) && n.contains(' ')
                            }))
                });
                match found {
                    Some((num, title, id)) => {
                        e.num = num.clone();
                        e.title = title.clone();
                        e.target = id.clone();
                    }
                    None => {
                        let what = e.title.clone();
                        self.warn(format!("contents entry `{what}` points to no heading"));
                        e.target = slug(&e.title);
                    }
                }
            }
        }
    }

    /// An id for a paragraph without one: from its division and first words.
    fn derive_id(&mut self, stack: &[Open], source: &Para, p: &Paragraph) -> String {
        let parent = stack.last().map(|o| o.division.id.clone()).unwrap_or_else(|| "body".into());
        let words: String = plain_text(&p.content).split_whitespace().take(6).collect::<Vec<_>>().join(" ");
        let base = format!("{parent}-{}", slug(&words));
        if let Some(id) = self.anchor_id(source) {
            return id;
        }
        // The assembler numbers a repeated derived id `-2`, `-3`… (a hashed bookmark agrees or
        // not; the id is the same either way).
        self.unique(base)
    }

    fn unique(&mut self, base: String) -> String {
        let base = if base.is_empty() { "untitled".to_string() } else { base };
        let n = self.derived.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 { base } else { format!("{base}-{n}") }
    }

    /// The id our writer's hidden bookmark gives a paragraph (`_p_…`), when it can be read back.
    fn anchor_id(&mut self, p: &Para) -> Option<String> {
        p.bookmarks.iter().find_map(|b| match decode(b) {
            Some(Decoded::Id(AnchorKind::Body, id)) => {
                *self.derived.entry(id.clone()).or_insert(0) += 1;
                Some(id)
            }
            _ => None,
        })
    }

    // ----- inlines and notes -----

    /// Inline content of `pieces`: italic and bold runs, tabs and line breaks as text, footnote
    /// references cited (their notes read when the document is finished).
    fn inlines(&mut self, pieces: &[Piece]) -> Vec<Inline> {
        let mut out: Vec<Inline> = Vec::new();
        for piece in pieces {
            match piece {
                Piece::Text { text, italic, bold, .. } => {
                    let mut inl = Inline::text(text);
                    if *italic {
                        inl = Inline::Emph { content: vec![inl] };
                    }
                    if *bold {
                        inl = Inline::Strong { content: vec![inl] };
                    }
                    out.push(inl);
                }
                Piece::Tab => out.push(Inline::text("\t")),
                Piece::Break => out.push(Inline::text("\n")),
                Piece::Note { word_id, custom } => {
                    let marker = match custom {
                        Some(mark) => mark.clone(),
                        None => {
                            self.auto += 1;
                            self.auto.to_string()
                        }
                    };
                    let id = self.note_id(word_id);
                    self.cited.push((id.clone(), marker.clone(), word_id.clone()));
                    out.push(Inline::NoteRef { id, marker });
                }
            }
        }
        merge_text(out)
    }

    /// A footnote's id: from our bookmark in it (`_n_…`), else from Word's id.
    fn note_id(&self, word_id: &str) -> String {
        let from_anchor = self.notes.get(word_id).and_then(|paras| {
            paras.iter().flat_map(|p| &p.bookmarks).find_map(|b| match decode(b) {
                Some(Decoded::Id(AnchorKind::Note, id)) => Some(id),
                _ => None,
            })
        });
        // Markers repeat (lettered notes restart in each table and annex); Word's id does not.
        from_anchor.unwrap_or_else(|| format!("note-{word_id}"))
    }

    /// The notes cited, in order of citation, their text without the mark Word prints.
    fn footnotes(&mut self) -> Vec<Footnote> {
        let cited = std::mem::take(&mut self.cited);
        let mut out: Vec<Footnote> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        // Citations inside notes are not notes again (our writer prints their mark as text).
        for (id, marker, word_id) in cited {
            if !seen.insert(id.clone()) {
                continue;
            }
            let Some(paras) = self.notes.get(&word_id) else {
                self.warn(format!("footnote {marker} is cited but word/footnotes.xml does not hold it"));
                out.push(Footnote { id, marker, content: Vec::new() });
                continue;
            };
            let mut content = Vec::new();
            for (i, p) in paras.iter().enumerate() {
                let mut pieces = p.pieces.clone();
                if i == 0 {
                    strip_note_mark(&mut pieces, &marker);
                }
                if i > 0 {
                    content.push(Inline::text("\n"));
                }
                // A note cited inside a note: its mark as plain text.
                for piece in &pieces {
                    if let Piece::Note { custom: Some(mark), .. } = piece {
                        content.push(Inline::text(mark));
                    }
                }
                let pieces: Vec<Piece> = pieces.into_iter().filter(|p| !matches!(p, Piece::Note { .. })).collect();
                let before = self.cited.len();
                content.extend(self.inlines(&pieces));
                self.cited.truncate(before);
            }
            out.push(Footnote { id, marker, content: merge_text(content) });
        }
        out
    }

    fn warn(&mut self, message: String) {
        self.warnings.push(Diagnostic::warning(message).with_hint("check the imported session against the document"));
    }
}

/// Drops the mark at the start of a note's first paragraph (the custom mark as text, Word's own
/// number is a `w:footnoteRef` already left out) and the tab or space after it.
fn strip_note_mark(pieces: &mut Vec<Piece>, marker: &str) {
    // Leading tabs and spaces.
    let trim = |pieces: &mut Vec<Piece>| {
        while let Some(first) = pieces.first_mut() {
            match first {
                Piece::Tab => {
                    pieces.remove(0);
                }
                Piece::Text { text, .. } if text.trim_start().is_empty() => {
                    pieces.remove(0);
                }
                Piece::Text { text, .. } => {
                    *text = text.trim_start().to_string();
                    break;
                }
                _ => break,
            }
        }
    };
    trim(pieces);
    // The mark in the note's mark style (LibreOffice writes a custom mark there, then ours
    // again after the tab).
    while matches!(pieces.first(), Some(Piece::Text { mark: true, .. })) {
        pieces.remove(0);
        trim(pieces);
    }
    if let Some(Piece::Text { text, .. }) = pieces.first_mut()
        && let Some(rest) = text.strip_prefix(marker)
        && (rest.is_empty() || rest.starts_with([' ', '\t']))
        && !marker.is_empty()
    {
        *text = rest.to_string();
        if text.is_empty() {
            pieces.remove(0);
        }
        trim(pieces);
    }
}

/// Footnote references alone (the symbol's reissue note).
fn only_notes(p: &Para) -> Vec<Piece> {
    p.pieces.iter().filter(|x| matches!(x, Piece::Note { .. })).cloned().collect()
}

/// Consecutive plain texts joined.
fn merge_text(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for inl in inlines {
        match (out.last_mut(), inl) {
            (Some(Inline::Text { text: a }), Inline::Text { text: b }) => a.push_str(&b),
            (Some(Inline::Emph { content: a }), Inline::Emph { content: b }) => {
                a.extend(b);
                let merged = merge_text(std::mem::take(a));
                *a = merged;
            }
            (Some(Inline::Strong { content: a }), Inline::Strong { content: b }) => {
                a.extend(b);
                let merged = merge_text(std::mem::take(a));
                *a = merged;
            }
            (_, inl) => out.push(inl),
        }
    }
    out.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
    out
}

/// Removes `prefix` from the start of the inlines' text (a label printed before the content).
fn strip_prefix_inlines(inlines: &mut Vec<Inline>, prefix: &str) {
    let mut rest = prefix;
    while !rest.is_empty() {
        let Some(first) = inlines.first_mut() else { return };
        let text = match first {
            Inline::Text { text } => text,
            Inline::Emph { content } | Inline::Strong { content } => {
                let inner = plain_text(content);
                let take = common_prefix(&inner, rest);
                strip_prefix_inlines(content, &rest[..take]);
                rest = &rest[take..];
                if content.is_empty() || plain_text(content).is_empty() {
                    inlines.remove(0);
                }
                if take == 0 {
                    return;
                }
                continue;
            }
            _ => return,
        };
        let take = common_prefix(text, rest);
        if take == 0 {
            return;
        }
        text.replace_range(..take, "");
        rest = &rest[take..];
        if text.is_empty() {
            inlines.remove(0);
        }
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .take_while(|((_, x), y)| x == y)
        .map(|((i, x), _)| i + x.len_utf8())
        .last()
        .unwrap_or(0)
}

/// Drops the tabs, line breaks and spaces that separate a label from the content.
fn trim_start_inlines(inlines: &mut Vec<Inline>) {
    while let Some(first) = inlines.first_mut() {
        match first {
            Inline::Text { text } => {
                let trimmed = text.trim_start_matches([' ', '\t', '\n']).to_string();
                if trimmed.is_empty() {
                    inlines.remove(0);
                } else {
                    *text = trimmed;
                    return;
                }
            }
            Inline::Emph { content } | Inline::Strong { content } => {
                trim_start_inlines(content);
                if content.is_empty() {
                    inlines.remove(0);
                } else {
                    return;
                }
            }
            _ => return,
        }
    }
}

/// "12.\tText" → ("12.", "Text"); a label is short and has no space-free run longer than a
/// label's ("Annex II" has its own line, not a tab).
fn split_label(text: &str) -> Option<(&str, &str)> {
    let (label, rest) = text.split_once('\t')?;
    let label = label.trim();
    (!label.is_empty() && label.chars().count() <= 12 && !label.contains('\n')).then_some((label, rest))
}

/// "12.", "12 bis.", "3ter." — the number of a paragraph.
fn is_paragraph_number(label: &str) -> bool {
    let Some(body) = label.strip_suffix('.') else { return false };
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && body[digits..].trim().chars().all(|c| c.is_ascii_lowercase())
}

/// The depth of an item label ("(a)" 1, "(i)" 2, "a." 3, "i." 4), given the label of the item
/// before (an "(i)" after "(h)" is a letter).
fn item_depth(label: &str, previous: Option<&str>) -> Option<usize> {
    let roman = |s: &str| !s.is_empty() && s.chars().all(|c| "ivxlc".contains(c));
    let letters = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase());
    if let Some(inner) = label.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
        if roman(inner) && !(inner.len() == 1 && previous.is_some_and(|p| p == "(h)" || p == "(u)" || p == "(w)")) {
            return Some(2);
        }
        return letters(inner).then_some(1);
    }
    let inner = label.strip_suffix('.')?;
    if roman(inner) && !(inner.len() == 1 && previous.is_some_and(|p| p == "h." || p == "u." || p == "w.")) {
        return Some(4);
    }
    letters(inner).then_some(3)
}

fn level_kind(level: u8) -> DivisionKind {
    match level {
        0 => DivisionKind::Chapter,
        1 => DivisionKind::Section,
        2 => DivisionKind::Group,
        _ => DivisionKind::Subgroup,
    }
}

/// How deep a division stands: a heading closes those at its rank and deeper.
fn rank(kind: DivisionKind) -> u8 {
    match kind {
        DivisionKind::Chapter | DivisionKind::Annex => 0,
        DivisionKind::Section => 1,
        DivisionKind::Group | DivisionKind::Rule => 2,
        DivisionKind::Subgroup => 3,
        // A quoted decision holds no headings: any heading ends it.
        DivisionKind::Decision => 9,
    }
}

fn open(stack: &mut Vec<Open>, top: &mut Vec<Block>, division: Division) {
    let r = rank(division.kind);
    // A rule may stand directly under an annex's paragraphs or a section.
    while stack.last().is_some_and(|o| o.rank >= r || o.division.kind == DivisionKind::Decision) {
        close_top(stack, top);
    }
    stack.push(Open { rank: r, division, decision_last: 0 });
}

fn close_top(stack: &mut Vec<Open>, top: &mut Vec<Block>) {
    if let Some(o) = stack.pop() {
        push_block(stack, top, Block::Division(o.division));
    }
}

fn push_block(stack: &mut [Open], top: &mut Vec<Block>, block: Block) {
    match stack.last_mut() {
        Some(o) => o.division.children.push(block),
        None => top.push(block),
    }
}

/// The last block a sub-item can belong to (the last paragraph of the innermost division).
fn last_paragraph<'a>(stack: &'a mut [Open], top: &'a mut [Block]) -> Option<&'a mut Paragraph> {
    let blocks = match stack.last_mut() {
        Some(o) => &mut o.division.children,
        None => return top.last_mut().and_then(|b| if let Block::Paragraph(p) = b { Some(p) } else { None }),
    };
    blocks.last_mut().and_then(|b| if let Block::Paragraph(p) = b { Some(p) } else { None })
}

fn last_item_label<'a>(stack: &'a [Open], top: &'a [Block]) -> Option<&'a str> {
    let blocks = match stack.last() {
        Some(o) => &o.division.children,
        None => top,
    };
    let Some(Block::Paragraph(p)) = blocks.last() else { return None };
    let mut items = &p.items;
    let mut label = None;
    while let Some(last) = items.last() {
        label = Some(last.label.as_str());
        items = &last.items;
    }
    label
}

/// Puts a sub-item under the last paragraph, at `depth` (1 directly under it); false when there
/// is no paragraph to take it.
fn attach_item(stack: &mut [Open], top: &mut [Block], mut item: Item, depth: usize) -> bool {
    let Some(p) = last_paragraph(stack, top) else { return false };
    if item.id.is_empty() {
        item.id = format!("{}-{}", p.id, item.label.trim_matches(['(', ')', '.']));
    }
    let mut list = &mut p.items;
    for _ in 1..depth {
        if list.is_empty() {
            break;
        }
        let last = list.len() - 1;
        list = &mut list[last].items;
    }
    list.push(item);
    true
}

/// A document symbol: capitals and digits in components separated by `/`, e.g. `A/80/15`.
fn looks_like_symbol(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or_default();
    first.contains('/')
        && first.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && first.chars().all(|c| c.is_ascii_alphanumeric() || "/.-".contains(c))
}

/// "V.09-82790 (E)", "25-07156 (E)".
fn looks_like_job_number(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or_default();
    line.contains("(E)") && first.chars().filter(char::is_ascii_digit).count() >= 5
}

fn slug(s: &str) -> String {
    crate::generate::slug(s)
}

/// The label of a decision heading that is a label and note citations alone: "Intersessional
/// decision 1" followed by notes, the words before the number ending in "decision" or
/// "resolution".
fn label_cited_alone(inl: &[Inline]) -> Option<String> {
    let split = inl.iter().position(|i| matches!(i, Inline::NoteRef { .. }))?;
    if !inl[split..].iter().all(|i| matches!(i, Inline::NoteRef { .. })) {
        return None;
    }
    let label = plain_text(&inl[..split]).trim().to_string();
    let (words, number) = label.rsplit_once(' ')?;
    let kind = words.rsplit(' ').next()?.to_lowercase();
    let numbered = number.chars().next().is_some_and(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
    (numbered && (kind == "decision" || kind == "resolution")).then_some(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(split_label("12.\tThe text"), Some(("12.", "The text")));
        assert!(is_paragraph_number("12."));
        assert!(is_paragraph_number("12 bis."));
        assert!(!is_paragraph_number("(a)"));
        assert!(!is_paragraph_number("A."));
        assert_eq!(item_depth("(a)", None), Some(1));
        assert_eq!(item_depth("(i)", Some("(a)")), Some(2));
        assert_eq!(item_depth("(i)", Some("(h)")), Some(1));
        assert_eq!(item_depth("a.", None), Some(3));
        assert_eq!(item_depth("12.", None), None);
    }

    #[test]
    fn a_decision_label_cited_by_a_note_alone_is_its_label() {
        let note = Inline::NoteRef { id: "n".into(), marker: "a".into() };
        let heading = |text: &str| vec![Inline::text(text), note.clone()];
        assert_eq!(label_cited_alone(&heading("Intersessional decision 3")), Some("Intersessional decision 3".into()));
        assert_eq!(label_cited_alone(&heading("Decision 6/CMA.4")), Some("Decision 6/CMA.4".into()));
        // A title cited by a note is a title, and a label without a note is read elsewhere.
        assert_eq!(label_cited_alone(&heading("Intersessional structure of the Treaty")), None);
        assert_eq!(label_cited_alone(&[Inline::text("Intersessional decision 3")]), None);
        assert_eq!(label_cited_alone(&[note.clone(), Inline::text("Decision 3")]), None);
    }

    #[test]
    fn prefixes_come_off_across_runs() {
        let mut inl = vec![Inline::text("Decision"), Inline::text(" 4/4\nTitle")];
        inl = merge_text(inl);
        strip_prefix_inlines(&mut inl, "Decision 4/4");
        trim_start_inlines(&mut inl);
        assert_eq!(inl, vec![Inline::text("Title")]);
    }

    #[test]
    fn not_a_docx_is_an_error() {
        assert!(read(b"not a zip", "x").is_err());
    }
}
