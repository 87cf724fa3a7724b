//! The assembler: session data in, `Document` out. The only place that numbers anything.
//!
//! Two passes. The first walks the structure and decides every number — chapters I, II…;
//! sections A, B…; group headings 1., 2. (per section); paragraphs 1…n straight through the
//! report — and every stable id (given in the data, or derived from it). The second builds the
//! blocks: it renders generated paragraphs, parses the inline markup, resolves
//! cross-references to the numbers of the first pass, gives footnotes their markers in order of
//! appearance ("*" on the cover, 1, 2… in the body) and writes structured citations, deciding
//! "Ibid.". Problems found on the way are diagnostics located in the source.

use std::collections::{BTreeMap, HashMap};

use minijinja::Value;
use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::document::{
    Block, Contents, ContentsEntry, Division, DivisionKind, Document, Entity, EntityKind, Footnote, Inline, Item,
    Masthead, Meta, Paragraph, Table,
};
use crate::generate::{Generator, roman, slug};
use crate::markup::{self, EntityMark, RefKind, Span};
use crate::sentences::{Items, Reads};
use crate::session::date::caption_range;
use crate::session::load::SourceMap;
use crate::session::{
    AgendaItem, Capacity, CiteKind, DecisionDef, FootnoteDef, ItemDef, OfficerRole, ParagraphDef, Section, Session,
    Stage, SymbolParts, TableDef,
};
use crate::templates::Templates;

mod negotiation;

/// What the assembler produced: the document (when there were no errors) and all diagnostics.
pub struct Assembled {
    pub document: Option<Document>,
    pub diagnostics: Diagnostics,
    /// Id → data path (`chapters[1].sections[0].paragraphs[2]`) of every chapter, section,
    /// group, annex, table, decision, paragraph and sub-item written in the data, so that a
    /// review suggestion anchored to an id can find the text to edit.
    pub paths: BTreeMap<String, String>,
}

pub fn assemble(session: &Session, slug_name: &str, sources: &SourceMap, templates: &Templates) -> Assembled {
    let mut a = Assembler {
        session,
        sources,
        generator: Generator::new(templates).with_articles(session.articles.clone()),
        diags: Diagnostics::new(),
        targets: HashMap::new(),
        plan: HashMap::new(),
        citations: Vec::new(),
        report_paragraphs: Vec::new(),
        lettered: None,
        cited: HashMap::new(),
        next_note: 1,
        entities: BTreeMap::new(),
        item_paths: BTreeMap::new(),
    };
    a.number();
    let masthead = a.masthead();
    let body = a.body();
    let footnotes = a.footnotes();
    for officer in &session.officers {
        let (id, name) = (officer.role.key().to_string(), officer.role.printed().to_string());
        a.entities.insert(id.clone(), Entity { id, kind: EntityKind::Role, name });
    }
    let mut paths: BTreeMap<String, String> = a.plan.iter().map(|(path, p)| (p.id.clone(), path.clone())).collect();
    paths.append(&mut a.item_paths);
    let diagnostics = a.diags;
    if diagnostics.has_errors() {
        return Assembled { document: None, diagnostics, paths };
    }
    let meta = Meta {
        slug: slug_name.to_string(),
        language: session.language.clone(),
        date: session.date.map(|d| d.iso()).unwrap_or_default(),
        title: crate::document::plain_text(&masthead.title),
        symbol: session.symbol.clone(),
        body_short: session.body.clone().unwrap_or_else(|| body_from_symbol(&session.symbol)),
    };
    let document =
        Document { meta, masthead, body, footnotes, entities: a.entities.into_values().collect(), review: None };
    Assembled { document: Some(document), diagnostics, paths }
}

/// `CTOC/COP/WG.4/2009/2` → `ctoc-cop`.
fn body_from_symbol(symbol: &str) -> String {
    let parts: Vec<String> = symbol.split('/').take(2).map(slug).filter(|s| !s.is_empty()).collect();
    if parts.is_empty() { "un".into() } else { parts.join("-") }
}

/// What a cross-reference can point at.
#[derive(Debug, Clone)]
struct Target {
    kind: TargetKind,
    /// The number without punctuation: "I", "A", "12".
    label: String,
    /// For a section: the chapter it stands in ("chapter II"), so references say
    /// "chapter II, section A".
    within: Option<String>,
    /// Order of registration (document order): a range must run forwards.
    order: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TargetKind {
    Chapter,
    Section,
    Group,
    Paragraph,
    Annex,
    Table,
    Decision,
}

/// Which paragraph counter a list of paragraphs draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counter {
    /// 1…n straight through the chapters.
    Report,
    /// Restarting in each annex.
    Annex,
    /// Restarting in each quoted decision.
    Decision,
}

/// The counters of the first pass.
#[derive(Default)]
struct Numbers {
    ids: HashMap<String, String>,
    report: u32,
    annex: u32,
    decision: u32,
    tables: u32,
    /// The report's numbered paragraphs by data path, for the table of contents.
    report_paragraphs: Vec<(String, u32)>,
    /// How many paragraphs have been inserted (*bis*, *ter*…) after the last number given.
    inserted: u32,
}

impl Numbers {
    fn next(&mut self, counter: Counter) -> u32 {
        let n = match counter {
            Counter::Report => &mut self.report,
            Counter::Annex => &mut self.annex,
            Counter::Decision => &mut self.decision,
        };
        *n += 1;
        self.inserted = 0;
        *n
    }

    /// The last number given by `counter`.
    fn current(&self, counter: Counter) -> u32 {
        match counter {
            Counter::Report => self.report,
            Counter::Annex => self.annex,
            Counter::Decision => self.decision,
        }
    }
}

/// A numbered unit decided by the first pass, in reading order.
#[derive(Debug, Clone)]
struct Planned {
    id: String,
    /// "I.", "A.", "1.", "12." or None.
    num: Option<String>,
}

/// Where a footnote was cited: in order of appearance.
struct Citation {
    id: String,
    marker: String,
}

struct Assembler<'a> {
    session: &'a Session,
    sources: &'a SourceMap,
    generator: Generator,
    diags: Diagnostics,
    targets: HashMap<String, Target>,
    /// Numbers and ids of chapters, sections, groups and paragraphs, keyed by data path.
    plan: HashMap<String, Planned>,
    citations: Vec<Citation>,
    /// The report's numbered paragraphs by data path (for the table of contents).
    report_paragraphs: Vec<(String, u32)>,
    /// Inside an annex or a table, footnotes are lettered: the index of the next letter.
    lettered: Option<usize>,
    /// Footnote id → data path of its first citation.
    cited: HashMap<String, String>,
    next_note: u32,
    entities: BTreeMap<String, Entity>,
    /// Sub-item id → data path (the plan holds the rest).
    item_paths: BTreeMap<String, String>,
}

impl Assembler<'_> {
    fn error(&mut self, path: &str, message: impl Into<String>, hint: impl Into<String>) {
        let location = self.sources.locate(path);
        self.diags.push(Diagnostic::error(message).at(location).with_hint(hint));
    }

    /// An error about the characters at `offset` of the text at `path` (a footnote or
    /// cross-reference in it); generated text is located at its template.
    fn error_in(&mut self, path: &str, offset: usize, message: impl Into<String>, hint: impl Into<String>) {
        let location =
            if path.ends_with(".template") { self.sources.locate(path) } else { self.sources.locate_in(path, offset) };
        self.diags.push(Diagnostic::error(message).at(location).with_hint(hint));
    }

    fn warn(&mut self, path: &str, message: impl Into<String>, hint: impl Into<String>) {
        let location = self.sources.locate(path);
        self.diags.push(Diagnostic::warning(message).at(location).with_hint(hint));
    }

    // ----- pass 1: numbers and ids -----

    fn number(&mut self) {
        let mut numbers = Numbers::default();
        let session = self.session;
        for (ci, chapter) in session.chapters.iter().enumerate() {
            let cpath = format!("chapters[{ci}]");
            let cid = chapter.id.clone().unwrap_or_else(|| slug(&chapter.title));
            let label = roman(session.chapter_numbers.get(ci).copied().unwrap_or(ci as u32 + 1));
            self.claim(&mut numbers.ids, &cid, &cpath, TargetKind::Chapter, &label);
            self.plan.insert(cpath.clone(), Planned { id: cid.clone(), num: Some(format!("{label}.")) });
            self.number_paragraphs(&mut numbers, Counter::Report, &cid, &cpath, &chapter.paragraphs);
            self.number_sections(&mut numbers, Counter::Report, &cid, &cpath, &chapter.sections);
        }
        let single = session.annexes.len() == 1;
        for (ai, annex) in session.annexes.iter().enumerate() {
            let apath = format!("annexes[{ai}]");
            let aid = annex.id.clone().unwrap_or_else(|| format!("annex-{}", slug(&annex.title)));
            let label = if single { String::new() } else { roman(ai as u32 + 1) };
            self.claim(&mut numbers.ids, &aid, &apath, TargetKind::Annex, &label);
            let num = if single { "Annex".to_string() } else { format!("Annex {label}") };
            self.plan.insert(apath.clone(), Planned { id: aid.clone(), num: Some(num) });
            // Annex paragraphs are numbered on their own.
            numbers.annex = 0;
            self.number_paragraphs(&mut numbers, Counter::Annex, &aid, &apath, &annex.paragraphs);
            self.number_sections(&mut numbers, Counter::Annex, &aid, &apath, &annex.sections);
        }
        self.report_paragraphs = numbers.report_paragraphs;
    }

    fn number_sections(
        &mut self,
        numbers: &mut Numbers,
        counter: Counter,
        parent: &str,
        parent_path: &str,
        sections: &[Section],
    ) {
        for (si, section) in sections.iter().enumerate() {
            let spath = format!("{parent_path}.sections[{si}]");
            let sid = section.id.clone().unwrap_or_else(|| format!("{parent}-{}", slug(&section.title)));
            let label = letter(si);
            self.claim(&mut numbers.ids, &sid, &spath, TargetKind::Section, &label);
            let within = self
                .targets
                .get(parent)
                .filter(|t| t.kind == TargetKind::Chapter)
                .map(|t| format!("chapter {}", t.label));
            if let Some(t) = self.targets.get_mut(&sid) {
                t.within = within;
            }
            self.plan.insert(spath.clone(), Planned { id: sid.clone(), num: Some(format!("{label}.")) });
            self.number_paragraphs(numbers, counter, &sid, &spath, &section.paragraphs);
            for (gi, group) in section.groups.iter().enumerate() {
                let gpath = format!("{spath}.groups[{gi}]");
                let gid = group.id.clone().unwrap_or_else(|| format!("{sid}-{}", slug(&group.title)));
                let label = (gi + 1).to_string();
                self.claim(&mut numbers.ids, &gid, &gpath, TargetKind::Group, &label);
                self.plan.insert(gpath.clone(), Planned { id: gid.clone(), num: Some(format!("{label}.")) });
                self.number_paragraphs(numbers, counter, &gid, &gpath, &group.paragraphs);
            }
        }
    }

    fn number_paragraphs(
        &mut self,
        numbers: &mut Numbers,
        counter: Counter,
        parent: &str,
        parent_path: &str,
        paragraphs: &[ParagraphDef],
    ) {
        let mut derived: HashMap<String, u32> = HashMap::new();
        for (pi, p) in paragraphs.iter().enumerate() {
            let path = format!("{parent_path}.paragraphs[{pi}]");
            if let Some(table) = p.table() {
                numbers.tables += 1;
                let id = table.id.clone().unwrap_or_else(|| format!("table-{}", numbers.tables));
                self.claim(&mut numbers.ids, &id, &path, TargetKind::Table, &numbers.tables.to_string());
                self.plan.insert(path, Planned { id, num: Some(format!("Table {}", numbers.tables)) });
                continue;
            }
            if let Some(decision) = p.decision() {
                let kind = decision.kind.printed();
                let id = decision.id.clone().unwrap_or_else(|| slug(&format!("{} {}", decision.kind, decision.number)));
                self.claim(&mut numbers.ids, &id, &path, TargetKind::Decision, &decision.number);
                self.plan
                    .insert(path.clone(), Planned { id: id.clone(), num: Some(format!("{kind} {}", decision.number)) });
                let dpath = format!("{path}.decision");
                let preamble: Vec<ParagraphDef> =
                    decision.preamble.iter().map(|p| ParagraphDef { numbered: false, ..p.clone() }).collect();
                numbers.decision = 0;
                self.number_list(numbers, Counter::Decision, &id, &format!("{dpath}.preamble"), &preamble);
                self.number_list(numbers, Counter::Decision, &id, &format!("{dpath}.operative"), &decision.operative);
                continue;
            }
            let id = match &p.id {
                Some(id) => id.clone(),
                None => {
                    let base = derive_paragraph_id(parent, p);
                    let n = derived.entry(base.clone()).or_insert(0);
                    *n += 1;
                    if *n == 1 { base } else { format!("{base}-{n}") }
                }
            };
            if self.dropped(p) {
                continue;
            }
            let num = p.numbered.then(|| self.paragraph_label(numbers, counter, p));
            if let (Some(n), Counter::Report) = (num.as_deref().and_then(|n| n.parse().ok()), counter) {
                numbers.report_paragraphs.push((path.clone(), n));
            }
            let label = num.clone().unwrap_or_default();
            self.claim(&mut numbers.ids, &id, &path, TargetKind::Paragraph, &label);
            self.plan.insert(path, Planned { id, num: num.map(|n| format!("{n}.")) });
        }
    }

    /// Numbers a list of paragraphs whose paths are `{list_path}[i]` (inside a decision).
    fn number_list(
        &mut self,
        numbers: &mut Numbers,
        counter: Counter,
        parent: &str,
        list_path: &str,
        list: &[ParagraphDef],
    ) {
        for (i, p) in list.iter().enumerate() {
            let path = format!("{list_path}[{i}]");
            let id =
                p.id.clone()
                    .unwrap_or_else(|| format!("{parent}-{}", derive_paragraph_id("", p).trim_start_matches('-')));
            let num = p.numbered.then(|| numbers.next(counter));
            self.claim(&mut numbers.ids, &id, &path, TargetKind::Paragraph, "");
            self.plan.insert(path, Planned { id, num: num.map(|n| format!("{n}.")) });
        }
    }

    /// Registers an id, reporting a duplicate.
    fn claim(&mut self, ids: &mut HashMap<String, String>, id: &str, path: &str, kind: TargetKind, label: &str) {
        if let Some(first) = ids.get(id) {
            let first_at =
                self.sources.locate(first).map(|l| format!(" (first at {}:{})", l.line, l.column)).unwrap_or_default();
            self.error(
                &format!("{path}.id"),
                format!("duplicate id `{id}`{first_at}"),
                "ids must be unique across the report",
            );
            return;
        }
        if !id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) || id.is_empty() {
            self.error(
                &format!("{path}.id"),
                format!("`{id}` is not a valid id"),
                "use letters, digits, `-`, `_` and `.`",
            );
        }
        ids.insert(id.to_string(), path.to_string());
        let order = self.targets.len();
        self.targets.insert(id.to_string(), Target { kind, label: label.to_string(), within: None, order });
    }

    fn planned(&self, path: &str) -> Planned {
        self.plan.get(path).cloned().unwrap_or(Planned { id: slug(path), num: None })
    }

    // ----- pass 2: blocks -----

    fn masthead(&mut self) -> Masthead {
        let s = self.session;
        let mut caption = Vec::new();
        if !s.meeting.name.is_empty() {
            caption.push(vec![Inline::text(&s.meeting.name)]);
        }
        if let Some(session_name) = &s.meeting.session {
            caption.push(vec![Inline::text(session_name)]);
        }
        let dates = caption_range(&s.meeting.dates);
        let place = match (s.meeting.venue.is_empty(), dates.is_empty()) {
            (false, false) => format!("{}, {dates}", s.meeting.venue),
            (false, true) => s.meeting.venue.clone(),
            (true, _) => dates,
        };
        if !place.is_empty() {
            caption.push(vec![Inline::text(place)]);
        }
        if let Some(item) = &s.meeting.caption_item {
            let line = self.markup(item, "meeting.caption_item", Zone::Cover);
            caption.push(line);
        }
        let title = self.markup(&s.title, "title", Zone::Body);
        self.check_symbol();
        Masthead {
            publisher: "United Nations".into(),
            symbol: s.symbol.clone(),
            organ: s.organ.clone(),
            distribution: s.printed_distribution().name().to_string(),
            date: s.date.map(|d| d.long()).unwrap_or_default(),
            original: s.original.clone(),
            caption,
            title,
            job_number: s.job_number.clone(),
            barcode: s.job_number.as_deref().and_then(barcode),
        }
    }

    /// The symbol read into its parts (`L.N`, `Rev.N`, `Add.N`, `Corr.N`), and agreeing with the
    /// stage: a draft is issued as a limited (`L.`) document.
    fn check_symbol(&mut self) {
        let s = self.session;
        match SymbolParts::parse(&s.symbol) {
            Err(e) => self.error("symbol", e.message, e.hint),
            Ok(parts) => match (s.stage, parts.limited) {
                (Stage::Draft, None) if !s.symbol.is_empty() => self.warn(
                    "symbol",
                    format!("this draft's symbol `{}` has no `L.` component", s.symbol),
                    format!("a draft report is issued as a limited document, e.g. `{}/L.1`", parts.base),
                ),
                (Stage::Final, Some(_)) => self.warn(
                    "symbol",
                    format!("the symbol `{}` is a limited (`L.`) document, but the session's stage is final", s.symbol),
                    "add `stage: draft` for a draft, or give the symbol of the issued report",
                ),
                _ => {}
            },
        }
    }

    fn body(&mut self) -> Vec<Block> {
        let session = self.session;
        let mut blocks = Vec::new();
        for (ci, chapter) in session.chapters.iter().enumerate() {
            let cpath = format!("chapters[{ci}]");
            let planned = self.planned(&cpath);
            let heading = self.markup(&chapter.title, &format!("{cpath}.title"), Zone::Body);
            let mut children = self.paragraphs(&cpath, &chapter.paragraphs);
            children.extend(self.sections(&cpath, &chapter.sections));
            blocks.push(Block::Division(Division {
                kind: DivisionKind::Chapter,
                id: planned.id,
                num: planned.num,
                heading,
                children,
            }));
        }
        for (ai, annex) in session.annexes.iter().enumerate() {
            let apath = format!("annexes[{ai}]");
            let planned = self.planned(&apath);
            // Footnotes in an annex are lettered, starting again at "a".
            self.lettered = Some(0);
            let heading = self.markup(&annex.title, &format!("{apath}.title"), Zone::Body);
            let mut children = match annex.generate.as_deref() {
                None => Vec::new(),
                Some(kind) => self.generated_annex(kind, &planned.id, &apath),
            };
            children.extend(self.paragraphs(&apath, &annex.paragraphs));
            children.extend(self.sections(&apath, &annex.sections));
            self.lettered = None;
            blocks.push(Block::Division(Division {
                kind: DivisionKind::Annex,
                id: planned.id,
                num: planned.num,
                heading,
                children,
            }));
        }
        if session.contents {
            blocks.insert(0, Block::Contents(self.contents(&blocks)));
        }
        blocks
    }

    /// Sections (with their group headings) under a chapter or an annex.
    fn sections(&mut self, parent_path: &str, sections: &[Section]) -> Vec<Block> {
        if sections.len() == 1 {
            self.warn(
                &format!("{parent_path}.sections"),
                "this chapter has a section A but no section B",
                "house style: if there is an A there must be a B; drop the section heading or add another",
            );
        }
        let mut out = Vec::new();
        for (si, section) in sections.iter().enumerate() {
            let spath = format!("{parent_path}.sections[{si}]");
            let splanned = self.planned(&spath);
            let heading = self.markup(&section.title, &format!("{spath}.title"), Zone::Body);
            let mut schildren = self.paragraphs(&spath, &section.paragraphs);
            for (gi, group) in section.groups.iter().enumerate() {
                let gpath = format!("{spath}.groups[{gi}]");
                let gplanned = self.planned(&gpath);
                let heading = self.markup(&group.title, &format!("{gpath}.title"), Zone::Body);
                let gchildren = self.paragraphs(&gpath, &group.paragraphs);
                schildren.push(Block::Division(Division {
                    kind: DivisionKind::Group,
                    id: gplanned.id,
                    num: gplanned.num,
                    heading,
                    children: gchildren,
                }));
            }
            out.push(Block::Division(Division {
                kind: DivisionKind::Section,
                id: splanned.id,
                num: splanned.num,
                heading,
                children: schildren,
            }));
        }
        out
    }

    /// The table of contents: chapters, sections and annexes with their paragraph ranges.
    fn contents(&self, blocks: &[Block]) -> Contents {
        let mut entries = Vec::new();
        let paths: HashMap<&str, &str> = self.plan.iter().map(|(path, p)| (p.id.as_str(), path.as_str())).collect();
        for block in blocks {
            let Block::Division(d) = block else { continue };
            let mut push = |d: &Division, level: u8| {
                let path = paths.get(d.id.as_str()).copied().unwrap_or_default();
                let prefix = format!("{path}.");
                let nums: Vec<u32> =
                    self.report_paragraphs.iter().filter(|(p, _)| p.starts_with(&prefix)).map(|(_, n)| *n).collect();
                let paragraphs = match (nums.iter().min(), nums.iter().max()) {
                    (Some(a), Some(b)) if a == b => Some(a.to_string()),
                    (Some(a), Some(b)) => Some(format!("{a}-{b}")),
                    _ => None,
                };
                entries.push(ContentsEntry {
                    level,
                    num: d.num.clone(),
                    title: crate::document::plain_text(&d.heading),
                    paragraphs,
                    target: d.id.clone(),
                });
            };
            push(d, 0);
            if d.kind == DivisionKind::Chapter {
                for child in &d.children {
                    if let Block::Division(s) = child
                        && s.kind == DivisionKind::Section
                    {
                        push(s, 1);
                    }
                }
            }
        }
        Contents { id: "contents".into(), heading: "Contents".into(), entries }
    }

    fn paragraphs(&mut self, parent_path: &str, defs: &[ParagraphDef]) -> Vec<Block> {
        let mut out = Vec::new();
        for (pi, def) in defs.iter().enumerate() {
            let path = format!("{parent_path}.paragraphs[{pi}]");
            if self.dropped(def) {
                continue;
            }
            let planned = self.planned(&path);
            if let Some(table) = def.table() {
                out.push(Block::Table(self.table(table, planned, &path)));
                continue;
            }
            if let Some(decision) = def.decision() {
                out.push(Block::Division(self.decision(decision, planned, &path)));
                continue;
            }
            out.push(Block::Paragraph(self.paragraph(def, planned, &path)));
        }
        out
    }

    fn paragraph(&mut self, def: &ParagraphDef, planned: Planned, path: &str) -> Paragraph {
        // Tables and decisions are blocks of their own (see `paragraphs`).
        let (content, mut items) = match (def.text(), def.template()) {
            (Some(text), _) => {
                let content = self.markup(text, &format!("{path}.text"), Zone::Body);
                (self.negotiated(def, path, content), Vec::new())
            }
            (None, Some(name)) => self.generated(name, def, path),
            (None, None) => (Vec::new(), Vec::new()),
        };
        items.extend(self.items(def.items(), &planned.id, path, 0));
        Paragraph { id: planned.id, num: planned.num, content, items }
    }

    /// A table; footnotes cited in it are lettered.
    fn table(&mut self, def: &TableDef, planned: Planned, path: &str) -> Table {
        // A table in the body letters its notes afresh; in an annex it continues the annex's
        // letters, so that no two notes on a page share a letter.
        let outer = self.lettered;
        if outer.is_none() {
            self.lettered = Some(0);
        }
        let caption = self.markup(&def.caption, &format!("{path}.table.caption"), Zone::Body);
        let header = def
            .header
            .iter()
            .enumerate()
            .map(|(i, h)| self.markup(h, &format!("{path}.table.header[{i}]"), Zone::Body))
            .collect();
        let rows = def
            .rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .enumerate()
                    .map(|(c, cell)| self.markup(cell, &format!("{path}.table.rows[{r}][{c}]"), Zone::Body))
                    .collect()
            })
            .collect();
        self.lettered = outer;
        Table { id: planned.id, num: planned.num, caption, header, rows }
    }

    /// A decision or resolution quoted in full: preamble unnumbered, operative paragraphs 1., 2.
    fn decision(&mut self, def: &DecisionDef, planned: Planned, path: &str) -> Division {
        let heading = self.markup(&def.title, &format!("{path}.decision.title"), Zone::Body);
        let mut children = Vec::new();
        for (list, defs) in [("preamble", &def.preamble), ("operative", &def.operative)] {
            for (i, p) in defs.iter().enumerate() {
                let ppath = format!("{path}.decision.{list}[{i}]");
                let pplanned = self.planned(&ppath);
                children.push(Block::Paragraph(self.paragraph(p, pplanned, &ppath)));
            }
        }
        Division { kind: DivisionKind::Decision, id: planned.id, num: planned.num, heading, children }
    }

    /// The content of an annex generated from the data.
    fn generated_annex(&mut self, kind: &str, annex_id: &str, path: &str) -> Vec<Block> {
        let s = self.session;
        match kind {
            "provisional_agenda" => {
                let Some(agenda) = &s.next_agenda else {
                    self.error(
                        &format!("{path}.generate"),
                        "there is no `next_agenda:`",
                        "add the provisional agenda of the next session under `next_agenda:`",
                    );
                    return Vec::new();
                };
                let items = self.agenda_list(&agenda.items, &format!("{path}.generate"));
                vec![Block::Paragraph(Paragraph {
                    id: format!("{annex_id}-items"),
                    num: None,
                    content: Vec::new(),
                    items,
                })]
            }
            "documents" => {
                let agenda = s.agenda.as_ref().map(|a| a.items.as_slice()).unwrap_or_default();
                let rows = s
                    .documents
                    .iter()
                    .map(|d| {
                        let item = d.item.as_deref().and_then(|id| agenda_number(agenda, id)).unwrap_or_default();
                        vec![
                            vec![Inline::text(&d.symbol)],
                            vec![Inline::text(item)],
                            self.markup(&d.title, "documents", Zone::Body),
                        ]
                    })
                    .collect();
                let header =
                    ["Document symbol", "Agenda item", "Title or description"].map(|h| vec![Inline::text(h)]).to_vec();
                vec![Block::Table(Table {
                    id: format!("{annex_id}-table"),
                    num: None,
                    caption: Vec::new(),
                    header,
                    rows,
                })]
            }
            "participants" => {
                let a = &s.attendance;
                let instrument = a.instrument.as_deref().map(|i| format!(" to the {i}")).unwrap_or_default();
                let groups: [(String, &Vec<String>); 8] = [
                    (format!("States parties{instrument}"), &a.states_parties),
                    ("Regional economic integration organizations".into(), &a.regional_organizations),
                    (format!("Signatory States{instrument}"), &a.signatories),
                    ("Other States represented by observers".into(), &a.observer_states),
                    ("United Nations entities and institutes".into(), &a.un_entities),
                    ("Intergovernmental organizations".into(), &a.intergovernmental_organizations),
                    ("Entities maintaining permanent observer offices".into(), &a.permanent_observers),
                    ("Non-governmental organizations".into(), &a.ngos),
                ];
                let present: Vec<_> = groups.into_iter().filter(|(_, names)| !names.is_empty()).collect();
                present
                    .iter()
                    .enumerate()
                    .map(|(i, (title, names))| {
                        let id = format!("{annex_id}-{}", slug(title));
                        let children = names
                            .iter()
                            .map(|n| {
                                Block::Paragraph(Paragraph {
                                    id: format!("{id}-{}", slug(n)),
                                    num: None,
                                    content: vec![Inline::Entity {
                                        refers_to: slug(n),
                                        content: vec![Inline::text(n)],
                                    }],
                                    items: Vec::new(),
                                })
                            })
                            .collect();
                        for n in names.iter() {
                            self.entities.entry(slug(n)).or_insert_with(|| Entity {
                                id: slug(n),
                                kind: EntityKind::Organization,
                                name: n.clone(),
                            });
                        }
                        Block::Division(Division {
                            kind: DivisionKind::Section,
                            id,
                            num: Some(format!("{}.", letter(i))),
                            heading: vec![Inline::text(title)],
                            children,
                        })
                    })
                    .collect()
            }
            "adoption_record" => self.adoption_record(annex_id),
            other => {
                self.error(
                    &format!("{path}.generate"),
                    format!("unknown generated annex `{other}`"),
                    "use `provisional_agenda`, `documents`, `participants` or `adoption_record`",
                );
                Vec::new()
            }
        }
    }

    fn items(&mut self, defs: &[ItemDef], parent_id: &str, parent_path: &str, depth: usize) -> Vec<Item> {
        // A sub-item deleted in negotiation is left out of a final report, and the labels close up.
        let dropped = |def: &ItemDef| !self.is_draft() && def.status == Some(crate::session::Status::Deleted);
        defs.iter()
            .enumerate()
            .filter(|(_, def)| !dropped(def))
            .collect::<Vec<_>>()
            .into_iter()
            .enumerate()
            .map(|(shown, (i, def))| {
                let path = format!("{parent_path}.items[{i}]");
                let label = item_label(depth, shown);
                // A derived id follows the item's place in the data, not its label, so that it
                // stays the same when a deleted item before it closes the labels up.
                let id = def
                    .id
                    .clone()
                    .unwrap_or_else(|| format!("{parent_id}-{}", item_label(depth, i).trim_matches(['(', ')', '.'])));
                let content = self.markup(&def.text, &format!("{path}.text"), Zone::Body);
                let content = self.negotiated_item(def, &path, content);
                let items = self.items(&def.items, &id, &path, depth + 1);
                self.item_paths.entry(id.clone()).or_insert(path);
                Item { id, label, content, items }
            })
            .collect()
    }

    /// A paragraph written by a template, and (for the agenda) its items.
    fn generated(&mut self, name: &str, def: &ParagraphDef, path: &str) -> (Vec<Inline>, Vec<Item>) {
        // A session's own template (not in the table) lists no items and is checked by rendering.
        let sentence = crate::sentences::find(name);
        if let Some(need) = sentence.and_then(|s| s.missing(self.session)) {
            self.error(
                &format!("{path}.template"),
                format!("`template: {name}` needs `{}`", need.field),
                format!("give it in the session, e.g. `{}`", need.example),
            );
            return (Vec::new(), Vec::new());
        }
        let context = match self.context(name, def, path) {
            Some(c) => c,
            None => return (Vec::new(), Vec::new()),
        };
        let text = match self.generator.render(name, &context) {
            Ok(t) => t,
            Err(message) => {
                self.error(
                    &format!("{path}.template"),
                    message,
                    "templates are listed in README.md; a session can add its own under templates/",
                );
                return (Vec::new(), Vec::new());
            }
        };
        let content = self.markup(&text, &format!("{path}.template"), Zone::Body);
        let items = match sentence.map_or(Items::None, |s| s.items) {
            Items::Agenda => {
                let agenda = self.session.agenda.as_ref().map(|a| a.items.as_slice()).unwrap_or_default();
                self.agenda_list(agenda, path)
            }
            Items::Documents => self.document_items(path),
            Items::Vote => self.vote_items(def),
            Items::None => Vec::new(),
        };
        (content, items)
    }

    /// "(a) Provisional agenda and annotations (CTOC/COP/WG.4/2016/1);"
    fn document_items(&mut self, path: &str) -> Vec<Item> {
        let docs = &self.session.documents;
        docs.iter()
            .enumerate()
            .map(|(i, d)| {
                let end = if i + 1 == docs.len() { "." } else { ";" };
                let mut content = self.markup(&d.title, &format!("{path}.template"), Zone::Body);
                content.push(Inline::text(format!(" ({}){end}", d.symbol)));
                Item {
                    id: format!("document-{}", slug(&d.symbol)),
                    label: item_label(0, i),
                    content,
                    items: Vec::new(),
                }
            })
            .collect()
    }

    /// For a recorded vote: "In favour: …", "Against: …", "Abstaining: …".
    fn vote_items(&mut self, def: &ParagraphDef) -> Vec<Item> {
        let Some(vote) = def.vote_on().and_then(|id| find_decision(self.session, id)).and_then(|d| d.vote.as_ref())
        else {
            return Vec::new();
        };
        let Some(states) = vote.states.as_ref().filter(|_| vote.recorded) else { return Vec::new() };
        let mut items = Vec::new();
        for (key, label, names) in [
            ("in-favour", "In favour", &states.in_favour),
            ("against", "Against", &states.against),
            ("abstaining", "Abstaining", &states.abstaining),
        ] {
            let list = if names.is_empty() { "None".to_string() } else { crate::generate::join_list(names) };
            items.push(Item {
                id: format!("{}-{key}", def.vote_on().unwrap_or("vote")),
                label: format!("{label}:"),
                content: vec![Inline::text(format!("{list}."))],
                items: Vec::new(),
            });
        }
        items
    }

    /// The data a template sees.
    fn context(&mut self, name: &str, def: &ParagraphDef, path: &str) -> Option<Value> {
        let item = def.item();
        let s = self.session;
        #[derive(Serialize)]
        struct MeetingCtx<'a> {
            name: &'a str,
            short: &'a str,
            venue: &'a str,
            dates: Vec<String>,
            session: Option<&'a str>,
        }
        #[derive(Serialize)]
        struct Group {
            capacity: String,
            preposition: &'static str,
            names: Vec<String>,
        }
        let meeting = MeetingCtx {
            name: &s.meeting.name,
            short: s.meeting.short.as_deref().unwrap_or(&s.meeting.name),
            venue: &s.meeting.venue,
            dates: s.meeting.dates.iter().map(|d| d.iso()).collect(),
            session: s.meeting.session.as_deref(),
        };
        let chair = s.officers.iter().find(|o| o.role == OfficerRole::Chair);
        let mut statement = None;
        let mut groups: Vec<Group> = Vec::new();
        let mut item_ctx = None;
        let reads = crate::sentences::find(name).map_or(Reads::Session, |s| s.reads);
        if reads == Reads::AgendaItem {
            let Some(item_id) = item else {
                self.error(
                    path,
                    format!("the `{name}` template needs `item:`"),
                    "name the agenda item, e.g. `item: promote`",
                );
                return None;
            };
            let Some(st) = s.statements.iter().find(|st| st.item == item_id) else {
                self.error(
                    &format!("{path}.item"),
                    format!("no statements are recorded for item `{item_id}`"),
                    "add them under `statements:`",
                );
                return None;
            };
            statement = Some(minijinja::context! {
                item => &st.item,
                states => &st.states,
                by_representatives => st.by_representatives,
            });
            for other in &st.others {
                let (capacity, preposition) = match other.capacity {
                    Capacity::Observer => ("observer", "for"),
                    Capacity::Representative => ("representative", "of"),
                };
                match groups.iter_mut().find(|g| g.capacity == capacity) {
                    Some(g) => g.names.push(other.of.clone()),
                    None => {
                        groups.push(Group { capacity: capacity.into(), preposition, names: vec![other.of.clone()] })
                    }
                }
            }
            match agenda_number(s.agenda.as_ref().map(|a| a.items.as_slice()).unwrap_or_default(), item_id) {
                Some(number) => item_ctx = Some(minijinja::context! { id => item_id, number => number }),
                None => {
                    self.error(
                        &format!("{path}.item"),
                        format!("`{item_id}` is not an agenda item"),
                        "use the `id` of an item under `agenda:`",
                    );
                    return None;
                }
            }
        }
        let mut decision_ctx = None;
        if reads == Reads::Decision {
            let Some(id) = def.vote_on() else {
                self.error(
                    path,
                    format!("the `{name}` template needs `vote_on:`"),
                    "name the decision or resolution voted on by its id",
                );
                return None;
            };
            let Some(decision) = find_decision(s, id) else {
                self.error(
                    &format!("{path}.vote_on"),
                    format!("no decision or resolution has the id `{id}`"),
                    "give the decision an `id:` and use it here",
                );
                return None;
            };
            if decision.vote.is_none() {
                self.error(
                    &format!("{path}.vote_on"),
                    format!("`{id}` records no vote"),
                    "add `vote: {in_favour: …, against: …, abstaining: …}` to it",
                );
                return None;
            }
            decision_ctx = Some(decision_context(decision));
        }
        // Templates run with strict undefined: every field a template may test is given here,
        // as none or empty when the session leaves it out (the session types skip them when
        // serialized).
        Some(minijinja::context! {
            meeting => Value::from_serialize(&meeting),
            attendance => attendance_context(&s.attendance),
            agenda => s.agenda.as_ref().map(agenda_context),
            officers => s.officers.iter().map(officer_context).collect::<Vec<_>>(),
            chair => chair.map(officer_context),
            statement => statement,
            others => Value::from_serialize(&groups),
            item => item_ctx,
            symbol => &s.symbol,
            decision => decision_ctx,
            documents => Value::from_serialize(&s.documents),
            meetings => Value::from_serialize(&s.meetings),
        })
    }

    /// An agenda as items: "1. Organizational matters:", "(a) Opening of the meeting;"…
    fn agenda_list(&mut self, agenda: &[AgendaItem], path: &str) -> Vec<Item> {
        agenda
            .iter()
            .enumerate()
            .map(|(i, top)| {
                let subs: Vec<Item> = top
                    .items
                    .iter()
                    .enumerate()
                    .map(|(j, sub)| {
                        let end = if j + 1 == top.items.len() { "." } else { ";" };
                        self.agenda_item(sub, item_label(0, j), end, path)
                    })
                    .collect();
                let end = if subs.is_empty() { "." } else { ":" };
                let mut item = self.agenda_item(top, format!("{}.", i + 1), end, path);
                item.items = subs;
                item
            })
            .collect()
    }

    fn agenda_item(&mut self, item: &AgendaItem, label: String, end: &str, path: &str) -> Item {
        let title = crate::session::agenda_title(&item.title);
        let mut content = self.markup(title, &format!("{path}.template"), Zone::Body);
        content.push(Inline::text(end));
        let prefix = if path.contains(".generate") { "next-agenda" } else { "agenda" };
        Item { id: format!("{prefix}-{}", item.id), label, content, items: Vec::new() }
    }

    /// Parses markup at a data path and resolves it.
    fn markup(&mut self, text: &str, path: &str, zone: Zone) -> Vec<Inline> {
        match markup::parse(text) {
            Ok(spans) => self.resolve(&spans, path, zone),
            Err(e) => {
                let excerpt: String = text.chars().skip(e.offset).take(24).collect();
                self.error_in(path, e.offset, format!("{} (at `{excerpt}`)", e.message), e.hint);
                Vec::new()
            }
        }
    }

    fn resolve(&mut self, spans: &[Span], path: &str, zone: Zone) -> Vec<Inline> {
        spans
            .iter()
            .map(|span| match span {
                Span::Text(t) => Inline::text(t),
                Span::Emph(inner) => Inline::Emph { content: self.resolve(inner, path, zone) },
                Span::Strong(inner) => Inline::Strong { content: self.resolve(inner, path, zone) },
                Span::Note { id, at } => self.cite(id, path, *at, zone),
                Span::Bracketed { content, at } => self.bracketed(content, path, *at, zone),
                Span::Ref { kind, first, last, at } => self.reference(*kind, first, last.as_deref(), path, *at),
                Span::Entity { kind, id, text } => {
                    let kind = match kind {
                        EntityMark::Org => EntityKind::Organization,
                        EntityMark::Person => EntityKind::Person,
                        EntityMark::Role => EntityKind::Role,
                    };
                    self.entities.entry(id.clone()).or_insert_with(|| Entity {
                        id: id.clone(),
                        kind,
                        name: text.clone(),
                    });
                    Inline::Entity { refers_to: id.clone(), content: vec![Inline::text(text)] }
                }
            })
            .collect()
    }

    fn cite(&mut self, id: &str, path: &str, at: usize, zone: Zone) -> Inline {
        if zone == Zone::Footnote {
            self.error_in(path, at, format!("a footnote cannot cite footnote `{id}`"), "footnotes do not nest");
            return Inline::text("");
        }
        if !self.session.footnotes.contains_key(id) {
            let hint = match nearest(id, self.session.footnotes.keys().map(String::as_str)) {
                Some(n) => format!("did you mean `[^{n}]`? footnotes are defined under `footnotes:`"),
                None => "define it under `footnotes:`".to_string(),
            };
            self.error_in(path, at, format!("unknown footnote `{id}`"), hint);
            return Inline::text("");
        }
        if let Some(first) = self.cited.get(id) {
            let first_at =
                self.sources.locate(first).map(|l| format!(" (first at line {})", l.line)).unwrap_or_default();
            self.error_in(
                path,
                at,
                format!("footnote `{id}` is cited twice{first_at}"),
                "each footnote is cited once; define a second footnote for a second citation",
            );
            return Inline::text("");
        }
        self.cited.insert(id.to_string(), path.to_string());
        let marker = if zone == Zone::Cover {
            "*".repeat(self.citations.iter().filter(|c| c.marker.starts_with('*')).count() + 1)
        } else if let Some(next) = self.lettered.as_mut() {
            *next += 1;
            letters(*next - 1)
        } else {
            let n = self.next_note;
            self.next_note += 1;
            n.to_string()
        };
        self.citations.push(Citation { id: id.to_string(), marker: marker.clone() });
        Inline::NoteRef { id: id.to_string(), marker }
    }

    fn reference(&mut self, kind: RefKind, first: &str, last: Option<&str>, path: &str, at: usize) -> Inline {
        let want = match kind {
            RefKind::Chapter | RefKind::Chapters => TargetKind::Chapter,
            RefKind::Section => TargetKind::Section,
            RefKind::Para | RefKind::Paras => TargetKind::Paragraph,
            RefKind::Annex => TargetKind::Annex,
        };
        let ranged = matches!(kind, RefKind::Chapters | RefKind::Paras);
        let (first, last) = match (ranged, last) {
            (true, Some(l)) => (first.to_string(), Some(l.to_string())),
            (true, None) => match self.split_range(first, want) {
                Some((a, b)) => (a, Some(b)),
                None => {
                    self.error_in(
                        path,
                        at,
                        format!("`{first}` is not a range of two known ids"),
                        "write `{chapters:first..last}` with ids of this report",
                    );
                    return Inline::text(first);
                }
            },
            (false, _) => (first.to_string(), None),
        };
        let mut labels = Vec::new();
        let mut within = None;
        let mut orders = Vec::new();
        for id in std::iter::once(&first).chain(last.as_ref()) {
            match self.targets.get(id) {
                Some(t) if t.kind == want => {
                    labels.push(t.label.clone());
                    within = t.within.clone();
                    orders.push(t.order);
                }
                Some(t) => {
                    let (found, wanted) = (format!("{:?}", t.kind).to_lowercase(), format!("{want:?}").to_lowercase());
                    self.error_in(
                        path,
                        at,
                        format!("`{id}` is a {found}, not a {wanted}"),
                        format!("use `{{{found}:{id}}}`").replace("paragraph:", "para:"),
                    );
                    return Inline::text(id);
                }
                None => {
                    let hint = match nearest(id, self.targets.keys().map(String::as_str)) {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => "give the chapter, section or paragraph an `id:`".into(),
                    };
                    self.error_in(path, at, format!("unknown cross-reference target `{id}`"), hint);
                    return Inline::text(id);
                }
            }
        }
        let noun = match want {
            TargetKind::Chapter => "chapter",
            TargetKind::Section => "section",
            TargetKind::Group => "group",
            TargetKind::Paragraph => "paragraph",
            TargetKind::Annex => "annex",
            TargetKind::Table => "table",
            TargetKind::Decision => "decision",
        };
        if let ([a, b], [from, to]) = (orders.as_slice(), labels.as_slice())
            && a >= b
        {
            let last = last.unwrap_or_default();
            self.error(
                path,
                format!("the range from `{first}` ({from}) to `{last}` ({to}) does not run forwards"),
                format!("name the first one first, e.g. `{{{noun}s:{last}..{first}}}`, or refer to one with `{{{noun}:{first}}}`")
                    .replace("paragraphs:", "paras:")
                    .replace("paragraph:", "para:"),
            );
            return Inline::text(format!("{noun}s {from}-{to}"));
        }
        let text = match labels.as_slice() {
            [one] if one.is_empty() => noun.to_string(),
            [one] if within.is_some() => format!("{}, {noun} {one}", within.unwrap_or_default()),
            [one] => format!("{noun} {one}"),
            [a, b] => format!("{noun}s {}", range_wording(a, b)),
            _ => String::new(),
        };
        Inline::Ref { target: first, content: vec![Inline::text(text)] }
    }

    /// Splits `a-b-c` at the hyphen where both sides are ids of the wanted kind.
    fn split_range(&self, body: &str, want: TargetKind) -> Option<(String, String)> {
        body.match_indices('-').map(|(i, _)| (&body[..i], &body[i + 1..])).find_map(|(a, b)| {
            let ok = |id: &str| self.targets.get(id).is_some_and(|t| t.kind == want);
            (ok(a) && ok(b)).then(|| (a.to_string(), b.to_string()))
        })
    }

    /// The footnotes in order of citation, with citations written and "Ibid." decided.
    fn footnotes(&mut self) -> Vec<Footnote> {
        let citations = std::mem::take(&mut self.citations);
        let mut out = Vec::new();
        let mut previous: Option<&FootnoteDef> = None;
        for c in &citations {
            let Some(def) = self.session.footnotes.get(&c.id) else { continue };
            let path = format!("footnotes.{}", c.id);
            let content = match (&def.text, &def.cite) {
                (Some(text), None) => self.markup(text, &format!("{path}.text"), Zone::Footnote),
                (None, Some(_)) => match citation(def, previous) {
                    Ok(inlines) => inlines,
                    Err((message, hint)) => {
                        self.error(&path, message, hint);
                        Vec::new()
                    }
                },
                _ => {
                    self.error(
                        &path,
                        "a footnote has either `text` or `cite`",
                        "write `text: …`, or `cite: unts` with `vol` and `no`, or `cite: sales` with `no`",
                    );
                    Vec::new()
                }
            };
            previous = Some(def);
            out.push(Footnote { id: c.id.clone(), marker: c.marker.clone(), content });
        }
        let unused: Vec<String> =
            self.session.footnotes.keys().filter(|k| !self.cited.contains_key(*k)).cloned().collect();
        for id in unused {
            self.warn(
                &format!("footnotes.{id}"),
                format!("footnote `{id}` is defined but never cited"),
                format!("cite it as `[^{id}]` or remove it"),
            );
        }
        self.citations = citations;
        out
    }
}

/// Where a piece of markup stands, which decides footnote markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Cover,
    Body,
    Footnote,
}

/// "(a)", "(i)", "a.", "i." by depth.
/// The labels of a cross-referenced range as house style prints them: "II and III",
/// "2 and 3" for two consecutive numbers, "II–VI", "4–8" with an en dash for longer ranges.
/// Source: the United Nations Editorial Manual (ranges of numbers take an en dash; two
/// consecutive numbers are joined by "and"), as in the reports in `../shared/un-reports/`
/// (e.g. FCCC/PA/CMA/2022/10/Add.2, "paragraphs 18–22"; TPNW/MSP/2025/11, "paragraphs 3 and 4").
fn range_wording(first: &str, last: &str) -> String {
    match (label_value(first), label_value(last)) {
        (Some(a), Some(b)) if b == a + 1 => format!("{first} and {last}"),
        _ => format!("{first}\u{2013}{last}"),
    }
}

/// The number a label stands for: "4" → 4, "IX" → 9 (chapters are numbered in roman numerals).
fn label_value(label: &str) -> Option<u32> {
    if let Ok(n) = label.parse() {
        return Some(n);
    }
    let digit = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let values: Vec<u32> = label.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|next| next > v) { total -= *v as i64 } else { total += *v as i64 }
    }
    u32::try_from(total).ok().filter(|n| *n > 0 && crate::generate::roman(*n) == label)
}

fn item_label(depth: usize, index: usize) -> String {
    let n = index as u32 + 1;
    match depth % 4 {
        0 => format!("({})", letters(index)),
        1 => format!("({})", roman(n).to_lowercase()),
        2 => format!("{}.", letters(index)),
        _ => format!("{}.", roman(n).to_lowercase()),
    }
}

/// 0 → "a", 25 → "z", 26 → "aa".
fn letters(index: usize) -> String {
    let letter = (b'a' + (index % 26) as u8) as char;
    letter.to_string().repeat(index / 26 + 1)
}

/// 0 → "A".
fn letter(index: usize) -> String {
    letters(index).to_uppercase()
}

/// The number of an agenda item as the report cites it: "2", or "1 (a)" for a sub-item.
fn agenda_number(items: &[AgendaItem], id: &str) -> Option<String> {
    for (i, item) in items.iter().enumerate() {
        if item.id == id {
            return Some((i + 1).to_string());
        }
        for (j, sub) in item.items.iter().enumerate() {
            if sub.id == id {
                return Some(format!("{} ({})", i + 1, letters(j)));
            }
        }
    }
    None
}

/// An id for a paragraph that has none, from its parent and the first words of its text (or
/// its template), so that it survives renumbering.
fn derive_paragraph_id(parent: &str, p: &ParagraphDef) -> String {
    let basis = match (p.text(), p.template()) {
        (Some(text), _) => text.split_whitespace().take(6).collect::<Vec<_>>().join(" "),
        (None, Some(t)) => format!("{t} {}", p.item().unwrap_or_default()),
        _ => "paragraph".into(),
    };
    format!("{parent}-{}", slug(&basis))
}

/// "V.09-82790 (E)" → "*0982790*".
fn barcode(job: &str) -> Option<String> {
    let core = job.split_whitespace().next()?;
    let digits: String =
        core.split_once('.').map(|(_, rest)| rest).unwrap_or(core).chars().filter(char::is_ascii_digit).collect();
    (!digits.is_empty()).then(|| format!("*{digits}*"))
}

/// Writes a structured citation, as "Ibid." when the previous footnote has the same source.
fn citation(def: &FootnoteDef, previous: Option<&FootnoteDef>) -> Result<Vec<Inline>, (String, String)> {
    let ibid = || Inline::Emph { content: vec![Inline::text("Ibid.")] };
    // The immediately preceding footnote, when it cites the same kind of source.
    let same_kind = previous.filter(|p| p.cite == def.cite);
    match def.cite {
        Some(CiteKind::Unts) => {
            let (Some(vol), Some(no)) = (def.vol, def.no.as_deref()) else {
                return Err((
                    "a Treaty Series citation needs `vol` and `no`".into(),
                    "e.g. `{cite: unts, vol: 2237, no: \"39574\"}`".into(),
                ));
            };
            if let Some(p) = same_kind {
                if p.vol == def.vol && p.no == def.no {
                    return Ok(vec![ibid()]);
                }
                return Ok(vec![ibid(), Inline::text(format!(", vol. {vol}, No. {no}."))]);
            }
            Ok(vec![
                Inline::text("United Nations, "),
                Inline::Emph { content: vec![Inline::text("Treaty Series")] },
                Inline::text(format!(", vol. {vol}, No. {no}.")),
            ])
        }
        Some(CiteKind::Sales) => {
            let Some(no) = def.no.as_deref() else {
                return Err(("a Sales number citation needs `no`".into(), "e.g. `{cite: sales, no: E.09.V.5}`".into()));
            };
            if same_kind.is_some_and(|p| p.no == def.no) {
                return Ok(vec![ibid()]);
            }
            Ok(vec![Inline::text(format!("United Nations publication, Sales No. {no}."))])
        }
        None => Err((
            "a footnote has either `text` or `cite`".into(),
            "use `unts` (Treaty Series) or `sales` (United Nations publication), or write `text:`".into(),
        )),
    }
}

/// The candidate closest to `word` by edit distance, if reasonably close.
pub fn nearest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (crate::registry::levenshtein(&word.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

/// The decision or resolution with this id (given, or derived as `decision-9-1`).
fn find_decision<'a>(session: &'a Session, id: &str) -> Option<&'a DecisionDef> {
    fn in_list<'a>(list: &'a [ParagraphDef], id: &str) -> Option<&'a DecisionDef> {
        list.iter().filter_map(|p| p.decision()).find(|d| {
            d.id.as_deref().map(str::to_string).unwrap_or_else(|| slug(&format!("{} {}", d.kind, d.number))) == id
        })
    }
    fn in_sections<'a>(sections: &'a [Section], id: &str) -> Option<&'a DecisionDef> {
        sections.iter().find_map(|s| {
            in_list(&s.paragraphs, id).or_else(|| s.groups.iter().find_map(|g| in_list(&g.paragraphs, id)))
        })
    }
    session.chapters.iter().find_map(|c| in_list(&c.paragraphs, id).or_else(|| in_sections(&c.sections, id))).or_else(
        || session.annexes.iter().find_map(|a| in_list(&a.paragraphs, id).or_else(|| in_sections(&a.sections, id))),
    )
}

/// `attendance` as a template sees it: every category, empty when the session has none.
fn attendance_context(a: &crate::session::Attendance) -> Value {
    minijinja::context! {
        instrument => &a.instrument,
        states_parties => &a.states_parties,
        regional_organizations => &a.regional_organizations,
        signatories => &a.signatories,
        observer_states => &a.observer_states,
        observer_states_wording => a.observer_states_wording,
        un_entities => &a.un_entities,
        un_network => &a.un_network,
        intergovernmental_organizations => &a.intergovernmental_organizations,
        permanent_observers => &a.permanent_observers,
        ngos => &a.ngos,
    }
}

/// `agenda` as a template sees it, with its optional dates as none.
fn agenda_context(a: &crate::session::Agenda) -> Value {
    minijinja::context! {
        adopted => &a.adopted,
        adopted_at_meeting => a.adopted_at_meeting,
        items => &a.items,
    }
}

/// An officer as a template sees it, with `state` and `title` as none when not given.
fn officer_context(o: &crate::session::Officer) -> Value {
    minijinja::context! { role => o.role, name => &o.name, state => &o.state, title => &o.title }
}

/// The decision voted on, with its vote's optional parts as none or false.
fn decision_context(d: &crate::session::DecisionDef) -> Value {
    let vote = d.vote.as_ref().map(|v| {
        minijinja::context! {
            recorded => v.recorded,
            in_favour => v.in_favour,
            against => v.against,
            abstaining => v.abstaining,
            states => &v.states,
        }
    });
    minijinja::context! { id => &d.id, kind => d.kind, number => &d.number, title => &d.title, vote => vote }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(item_label(0, 0), "(a)");
        assert_eq!(item_label(1, 3), "(iv)");
        assert_eq!(item_label(2, 1), "b.");
        assert_eq!(item_label(3, 8), "ix.");
        assert_eq!(letter(16), "Q");
        assert_eq!(letters(26), "aa");
    }

    #[test]
    fn ranges_in_house_style() {
        assert_eq!(range_wording("I", "II"), "I and II");
        assert_eq!(range_wording("2", "3"), "2 and 3");
        assert_eq!(range_wording("IX", "X"), "IX and X");
        assert_eq!(range_wording("2", "5"), "2\u{2013}5");
        assert_eq!(range_wording("II", "VI"), "II\u{2013}VI");
        assert_eq!(label_value("XIV"), Some(14));
        assert_eq!(label_value("IIII"), None);
    }

    #[test]
    fn barcodes() {
        assert_eq!(barcode("V.09-82790 (E)").as_deref(), Some("*0982790*"));
    }

    #[test]
    fn ibid_decided_by_previous_footnote() {
        let unts =
            |vol, no: &str| FootnoteDef { cite: Some(CiteKind::Unts), vol: Some(vol), no: Some(no.into()), text: None };
        let sales = FootnoteDef { cite: Some(CiteKind::Sales), no: Some("E.09.V.5".into()), ..Default::default() };
        let a = unts(2237, "39574");
        let b = unts(2225, "39574");
        let text = |v: Vec<Inline>| {
            v.iter()
                .map(|i| match i {
                    Inline::Emph { content } => format!("*{}*", crate::document::plain_text(content)),
                    other => crate::document::plain_text(std::slice::from_ref(other)),
                })
                .collect::<String>()
        };
        assert_eq!(text(citation(&a, None).unwrap()), "United Nations, *Treaty Series*, vol. 2237, No. 39574.");
        assert_eq!(text(citation(&b, Some(&a)).unwrap()), "*Ibid.*, vol. 2225, No. 39574.");
        assert_eq!(text(citation(&b, Some(&b)).unwrap()), "*Ibid.*");
        assert_eq!(text(citation(&a, Some(&sales)).unwrap()), "United Nations, *Treaty Series*, vol. 2237, No. 39574.");
        assert_eq!(text(citation(&sales, Some(&a)).unwrap()), "United Nations publication, Sales No. E.09.V.5.");
        assert!(citation(&FootnoteDef { cite: Some(CiteKind::Unts), ..Default::default() }, None).is_err());
    }

    #[test]
    fn nearest_names() {
        assert_eq!(nearest("recomendations", ["recommendations", "introduction"].into_iter()), Some("recommendations"));
        assert_eq!(nearest("zzz", ["recommendations"].into_iter()), None);
    }
}
