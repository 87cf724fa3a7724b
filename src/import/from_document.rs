//! From a `Document` to a `Session`: the one step every importer ends with.
//!
//! A reader (plain text, Akoma Ntoso, and the PDF and DOCX readers) turns what it reads into the
//! model the writers use (`crate::document::Document`): divisions with their printed labels,
//! numbered paragraphs, items with their labels, footnotes cited by `Inline::NoteRef`, tables,
//! quoted decisions (`DivisionKind::Decision`), annexes and the masthead. This step turns that
//! model into session data:
//!
//! - the masthead's caption lines are read back (name, session, "Venue, dates", "Item N…"), by
//!   the date parser that lives with the date printer (`crate::session::date`);
//! - inline content is printed as markup (`print`): `*…*`, `**…**`, `[^id]`, `{chapter:id}`
//!   (ranges parsed back from their wording), `{org:id|Name}`, `[[…]]`, escapes;
//! - footnotes become definitions, with structured citations where the text is one;
//! - tables, decisions, annexes (a generated one recognised by its shape) and the table of
//!   contents pass through;
//! - the standard sentences become `template:` paragraphs (`recognize`), only where the program's
//!   own templates print the very same words (`verify`); everything else stays narrative.
//!
//! There is no tree in between: the document is read straight into a `Session` whose paragraphs
//! are all narrative (`Read`), with, beside it, what each written paragraph of the chapters
//! printed (its plain words, number and line, by its `Place`); `recognize` rewrites the standard
//! sentences in place and `verify` puts back any whose template prints other words. Line
//! numbers for warnings travel beside the document, by block id (`Origin::lines`).

use std::collections::HashMap;

use crate::diag::Diagnostic;
use crate::document::{Block, Division, DivisionKind, Document, EntityKind, Inline, Item, Paragraph, Table};
use crate::import::{UsedIds, citation, escape_markup, footnote_id, parse_date_span, parse_long_date, unique, warn_at};
use crate::session::{
    Annex, Chapter, Date, DecisionDef, DecisionKind, Distribution, FootnoteDef, Group, HeaderCell, ItemDef,
    ParagraphDef, ParagraphKind, Rule, Section, Session, Stage, SymbolParts, TableDef, TableHeader,
};

/// What a reader tells the step besides the document itself.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// Keep every id the document carries (paragraphs, items, tables, decisions, annexes,
    /// footnotes): an Akoma Ntoso file's eIds must come back the same. When `false`, only
    /// chapter, section and group ids are kept; footnotes are named from their content
    /// (`unts-2237`, `note-3`) and the rest is left to the session's defaults.
    pub keep_ids: bool,
    /// The 1-based line (or any position a person can find) where a block starts, by the block's
    /// id; for warnings. Caption lines are keyed `masthead.caption.<index>`.
    pub lines: HashMap<String, usize>,
}

/// Turns a document read from elsewhere into session data, with warnings for what was guessed
/// or could not be placed. Never fails: what has no place stays as narrative.
pub fn session_from_document(doc: &Document, origin: &Origin) -> (Session, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let mut folded = doc.clone();
    vote_lists_as_items(&mut folded.body);
    let doc = &folded;
    let read = Reading::new(doc, origin, &mut warnings).read();
    let mut session = crate::import::recognize::recognize(read, &mut warnings);
    // Officers listed by office (`crate::import::officers`) are data; the list's place is an
    // `officers: by_office` paragraph (see `paragraphs`).
    for officer in crate::import::officers::officers_of(&doc.body) {
        let same =
            |o: &&crate::session::Officer| o.role == officer.role && o.name == officer.name && o.state == officer.state;
        if !session.officers.iter().any(|o| same(&o)) {
            session.officers.push(officer);
        }
    }
    // Annexes whose parts are printed "I.", "II." keep that numbering (`import::numbering`).
    crate::import::numbering::annex_numbering(doc, &mut session);
    (session, warnings)
}

/// The lists of a recorded vote set as paragraphs of their own ("In favour: Algeria, …" after
/// "… The voting was as follows:", as a page printed from HTML or a Word file typed by hand sets
/// them) become the items of the paragraph that announces them, as our writers and Word's
/// hanging labels print them: then `recognize` reads the vote.
fn vote_lists_as_items(blocks: &mut Vec<Block>) {
    const LABELS: [&str; 3] = ["In favour:", "Against:", "Abstaining:"];
    let mut i = 0;
    while i < blocks.len() {
        if let Block::Division(d) = &mut blocks[i] {
            vote_lists_as_items(&mut d.children);
        }
        let announces = matches!(&blocks[i], Block::Paragraph(p)
            if p.items.is_empty() && crate::document::plain_text(&p.content).trim_end().ends_with("The voting was as follows:"));
        i += 1;
        if !announces {
            continue;
        }
        let mut items = Vec::new();
        while let Some(Block::Paragraph(q)) = blocks.get(i) {
            let Some((label, rest)) = (match (q.num.is_none() && q.items.is_empty(), q.content.first()) {
                (true, Some(Inline::Text { text })) => {
                    LABELS.iter().find_map(|l| Some((*l, text.trim_start().strip_prefix(l)?.trim_start())))
                }
                _ => None,
            }) else {
                break;
            };
            let mut content = q.content.clone();
            content[0] = Inline::text(rest);
            items.push(Item { id: q.id.clone(), label: label.to_string(), content, items: Vec::new() });
            blocks.remove(i);
        }
        if let Some(Block::Paragraph(p)) = blocks.get_mut(i - 1) {
            p.items = items;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Inline content as markup

/// Prints inline content as session markup (and as the "plain" text the sentence recognisers
/// read: the same, with references and entities reduced to their words).
pub struct Printer {
    /// Block id → what it is ("chapter", "section", "group", "paragraph", "annex", …), for
    /// cross-references.
    kinds: HashMap<String, &'static str>,
    /// (kind, label without its final ".") → id, for the last member of a range.
    nums: HashMap<(&'static str, String), String>,
    /// Entity id → its kind, for `{org:…}`, `{person:…}`, `{role:…}`.
    entities: HashMap<String, EntityKind>,
    /// Footnote ids as the document has them → as the session names them.
    note_ids: HashMap<String, String>,
}

impl Printer {
    /// A printer for the content of `doc` (footnote ids kept as they are).
    pub fn new(doc: &Document) -> Printer {
        let mut p = Printer {
            kinds: HashMap::new(),
            nums: HashMap::new(),
            entities: doc.entities.iter().map(|e| (e.id.clone(), e.kind)).collect(),
            note_ids: HashMap::new(),
        };
        p.index(&doc.body);
        p
    }

    fn index(&mut self, blocks: &[Block]) {
        for b in blocks {
            let (id, kind, num) = match b {
                Block::Division(d) => {
                    let kind = match d.kind {
                        DivisionKind::Chapter => "chapter",
                        DivisionKind::Section => "section",
                        DivisionKind::Group | DivisionKind::Subgroup => "group",
                        DivisionKind::Annex => "annex",
                        DivisionKind::Decision => "decision",
                        DivisionKind::Rule => "rule",
                    };
                    self.index(&d.children);
                    (&d.id, kind, d.num.as_deref())
                }
                Block::Paragraph(p) => (&p.id, "paragraph", p.num.as_deref()),
                Block::Table(t) => (&t.id, "table", None),
                Block::Contents(_) | Block::Officers(_) => continue,
            };
            if id.is_empty() {
                continue;
            }
            self.kinds.insert(id.clone(), kind);
            if let Some(num) = num {
                self.nums.entry((kind, num.trim().trim_end_matches('.').to_string())).or_insert_with(|| id.clone());
            }
        }
    }

    /// The content as markup.
    pub fn markup(&self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        self.push(inlines, false, &mut out);
        out
    }

    /// The content as the recognisers read it: markup without reference and entity marks.
    pub fn plain(&self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        self.push(inlines, true, &mut out);
        out
    }

    fn push(&self, inlines: &[Inline], plain: bool, out: &mut String) {
        for (i, inline) in inlines.iter().enumerate() {
            match inline {
                Inline::Text { text } => out.push_str(&escape_markup(text)),
                Inline::Emph { content } | Inline::Strong { content } | Inline::Inserted { content } => {
                    let mark = if matches!(inline, Inline::Strong { .. }) { "**" } else { "*" };
                    if matches!(inline, Inline::Inserted { .. }) {
                        self.push(content, plain, out);
                        continue;
                    }
                    let mut inner = String::new();
                    self.push(content, plain, &mut inner);
                    // A mark opens before a non-space and closes after one, at a word's end:
                    // spaces inside go outside, and emphasis glued to a word on either side
                    // ("<b>managemen</b>t") cannot be marked, so its text is kept unmarked.
                    let glued_after = inlines.get(i + 1).is_some_and(starts_alphanumeric);
                    let glued_before = out.ends_with(char::is_alphanumeric);
                    let core = inner.trim();
                    if core.is_empty() || glued_after || glued_before {
                        out.push_str(&inner);
                        continue;
                    }
                    if inner.starts_with(' ') && !out.ends_with(' ') {
                        out.push(' ');
                    }
                    out.push_str(mark);
                    out.push_str(core);
                    out.push_str(mark);
                    if inner.ends_with(' ') {
                        out.push(' ');
                    }
                }
                Inline::Deleted { .. } => {}
                Inline::NoteRef { id, .. } => {
                    let id = self.note_ids.get(id).unwrap_or(id);
                    out.push_str(&format!("[^{id}]"));
                }
                Inline::Bracketed { content } => {
                    out.push_str("[[");
                    self.push(content, plain, out);
                    out.push_str("]]");
                }
                Inline::Ref { target, content } => {
                    let words = crate::document::plain_text(content);
                    match self.reference(target, &words).filter(|_| !plain) {
                        Some(r) => out.push_str(&r),
                        None => self.push(content, plain, out),
                    }
                }
                Inline::Entity { refers_to, content } => {
                    let mut inner = String::new();
                    self.push(content, plain, &mut inner);
                    let kind = match self.entities.get(refers_to) {
                        Some(EntityKind::Person) => "person",
                        Some(EntityKind::Role) => "role",
                        Some(EntityKind::Organization) => "org",
                        None => "",
                    };
                    let simple = !inner.contains(['{', '[', '*', '\\', '|', '}']);
                    if plain || kind.is_empty() || !simple || refers_to.is_empty() {
                        out.push_str(&inner);
                    } else {
                        out.push_str(&format!("{{{kind}:{refers_to}|{inner}}}"));
                    }
                }
            }
        }
    }

    /// `{chapter:id}`, `{chapters:a..b}`, `{section:id}`, `{para:id}`, `{paras:a..b}`,
    /// `{annex:id}` for a reference to `target` printed as `words` — the parser of what
    /// `crate::assemble::references` prints ("chapters II and III", "paragraphs 12–15").
    pub fn reference(&self, target: &str, words: &str) -> Option<String> {
        let kind = *self.kinds.get(target)?;
        let (single, plural, noun) = match kind {
            "chapter" => ("chapter", "chapters", "chapters "),
            "section" => ("section", "sections", "sections "),
            "paragraph" => ("para", "paras", "paragraphs "),
            "annex" => return Some(format!("{{annex:{target}}}")),
            _ => return None,
        };
        let words = words.trim();
        if let Some(range) = words.strip_prefix(noun) {
            let (_, last) = range.split_once(['-', '\u{2013}']).or_else(|| range.split_once(" and "))?;
            let last_id = self.nums.get(&(kind, last.trim().trim_end_matches('.').to_string()))?;
            if plural == "sections" {
                return None;
            }
            return Some(format!("{{{plural}:{target}..{last_id}}}"));
        }
        Some(format!("{{{single}:{target}}}"))
    }
}

fn starts_alphanumeric(inline: &Inline) -> bool {
    match inline {
        Inline::Text { text } => text.starts_with(char::is_alphanumeric),
        Inline::NoteRef { .. } => false,
        other => other.children().first().is_some_and(starts_alphanumeric),
    }
}

// ---------------------------------------------------------------------------------------------
// Narrative items: their labels, printed and parsed in one place

/// A document's list items as session items. The printed label is written only where it is not
/// the one the report would print there ("(a)", "(i)"… by depth), so that a numbered list ("1.",
/// "2." with "(a)" under them) comes back as printed and a default one stays without labels;
/// `printed_label` is the way back.
fn item_defs(printer: &Printer, items: &[Item], keep_ids: bool, depth: usize) -> Vec<ItemDef> {
    items
        .iter()
        .enumerate()
        .map(|(i, it)| ItemDef {
            id: (keep_ids && !it.id.is_empty()).then(|| it.id.clone()),
            label: (!it.label.is_empty() && it.label != crate::assemble::item_label(depth, i))
                .then(|| it.label.clone()),
            text: printer.markup(&it.content).trim().to_string(),
            items: item_defs(printer, &it.items, keep_ids, depth + 1),
            ..Default::default()
        })
        .collect()
}

/// The label an item of a narrative list prints at `depth`, `index` (English): its own, or the
/// report's default there. The inverse of the label rule of `item_defs`.
pub(crate) fn printed_label(item: &ItemDef, depth: usize, index: usize) -> String {
    item.label.clone().unwrap_or_else(|| crate::assemble::item_label(depth, index))
}

// ---------------------------------------------------------------------------------------------
// The document read as session data

/// Where a paragraph of the chapters stands: its chapter, section and group (indexes into the
/// session's lists) and its place in that list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Place {
    pub chapter: usize,
    pub section: Option<usize>,
    pub group: Option<usize>,
    pub index: usize,
}

impl Place {
    /// Every paragraph of the chapters, in the order of the session's lists: a chapter's own
    /// paragraphs, then each section's, each followed by its groups'.
    pub(crate) fn all(session: &Session) -> Vec<Place> {
        let mut out = Vec::new();
        let mut list = |chapter, section, group, n: usize| {
            out.extend((0..n).map(|index| Place { chapter, section, group, index }));
        };
        for (c, ch) in session.chapters.iter().enumerate() {
            list(c, None, None, ch.paragraphs.len());
            for (s, sec) in ch.sections.iter().enumerate() {
                list(c, Some(s), None, sec.paragraphs.len());
                for (g, group) in sec.groups.iter().enumerate() {
                    list(c, Some(s), Some(g), group.paragraphs.len());
                }
            }
        }
        out
    }

    /// The paragraph at this place (a place from `all` of the same session).
    pub(crate) fn get(self, session: &Session) -> &ParagraphDef {
        let ch = &session.chapters[self.chapter];
        let list = match (self.section, self.group) {
            (None, _) => &ch.paragraphs,
            (Some(s), None) => &ch.sections[s].paragraphs,
            (Some(s), Some(g)) => &ch.sections[s].groups[g].paragraphs,
        };
        &list[self.index]
    }

    pub(crate) fn get_mut(self, session: &mut Session) -> &mut ParagraphDef {
        let ch = &mut session.chapters[self.chapter];
        let list = match (self.section, self.group) {
            (None, _) => &mut ch.paragraphs,
            (Some(s), None) => &mut ch.sections[s].paragraphs,
            (Some(s), Some(g)) => &mut ch.sections[s].groups[g].paragraphs,
        };
        &mut list[self.index]
    }
}

/// What the report printed for a written paragraph of the chapters, beside the markup the
/// session keeps: the sentence recognisers read its words, and warn at its number and line.
#[derive(Debug, Clone, Default)]
pub(crate) struct Printed {
    /// The words without entity marks and cross-reference markup.
    pub plain: String,
    /// The number as printed ("12"), if numbered.
    pub num: Option<String>,
    /// Where it started (0 when unknown).
    pub line: usize,
}

/// The document as session data, every paragraph written as narrative; `recognize` then turns
/// the standard sentences into data.
pub(crate) struct Read {
    pub session: Session,
    /// For each written paragraph of the chapters (not tables, decisions, or annexes' text).
    pub printed: HashMap<Place, Printed>,
    /// Keep every id (see `Origin::keep_ids`).
    pub keep_ids: bool,
}

/// Where the paragraphs being read go in the chapters, when they are a chapter's: (chapter,
/// section, group).
type At = Option<(usize, Option<usize>, Option<usize>)>;

struct Reading<'a> {
    doc: &'a Document,
    origin: &'a Origin,
    printer: Printer,
    warnings: &'a mut Vec<Diagnostic>,
    session: Session,
    printed: HashMap<Place, Printed>,
    /// Reading an annex: its rules of procedure are gathered in `annex_rules`.
    in_annex: bool,
    annex_rules: Vec<Rule>,
}

impl<'a> Reading<'a> {
    fn new(doc: &'a Document, origin: &'a Origin, warnings: &'a mut Vec<Diagnostic>) -> Self {
        Reading {
            doc,
            origin,
            printer: Printer::new(doc),
            warnings,
            session: Session::default(),
            printed: HashMap::new(),
            in_annex: false,
            annex_rules: Vec::new(),
        }
    }

    fn id(&self, id: &str) -> Option<String> {
        (self.origin.keep_ids && !id.is_empty()).then(|| id.to_string())
    }

    fn line(&self, id: &str) -> usize {
        self.origin.lines.get(id).copied().unwrap_or(0)
    }

    fn read(mut self) -> Read {
        let doc = self.doc;
        self.footnotes();
        self.masthead();
        // An addendum of decisions: each decision standing on its own is followed by its own
        // annexes ("Annex I" again after the next decision), which stay with it.
        let mut after_decision = false;
        for b in &doc.body {
            match b {
                Block::Contents(_) => self.session.contents = true,
                Block::Division(d) if d.kind == DivisionKind::Annex => {
                    let annex = self.annex(d);
                    let generated = crate::import::recognize::generated_shape(&annex).is_some();
                    let decision = self
                        .session
                        .chapters
                        .last_mut()
                        .and_then(|c| c.paragraphs.last_mut())
                        .and_then(ParagraphDef::decision_mut)
                        .filter(|_| after_decision && !generated);
                    match decision {
                        Some(decision) => push_annex(&mut decision.annexes, annex),
                        None => push_annex(&mut self.session.annexes, annex),
                    }
                }
                Block::Division(d) if matches!(d.kind, DivisionKind::Chapter | DivisionKind::Section) => {
                    after_decision = false;
                    let mut ch = Chapter { id: non_empty(&d.id), title: self.heading(d), ..Default::default() };
                    let at = self.session.chapters.len();
                    self.blocks(Some(at), &d.children, &mut ch.paragraphs, &mut ch.sections, 0);
                    self.session.chapters.push(ch);
                }
                // Paragraphs, tables and decisions before any chapter: an untitled chapter holds
                // them. Between chapters, they go to the chapter before, not to its sections.
                other => {
                    after_decision = matches!(other, Block::Division(d) if d.kind == DivisionKind::Decision);
                    let mut ch = self.session.chapters.pop().unwrap_or_else(|| {
                        self.warnings
                            .push(Diagnostic::warning("paragraphs outside any chapter; put into an untitled chapter"));
                        Chapter::default()
                    });
                    let (at, first_section) = (self.session.chapters.len(), ch.sections.len());
                    self.blocks(
                        Some(at),
                        std::slice::from_ref(other),
                        &mut ch.paragraphs,
                        &mut ch.sections,
                        first_section,
                    );
                    self.session.chapters.push(ch);
                }
            }
        }
        Read { session: self.session, printed: self.printed, keep_ids: self.origin.keep_ids }
    }

    /// The footnotes as definitions (structured citations where the text is one), renamed from
    /// their content when ids are not kept.
    fn footnotes(&mut self) {
        let mut used = UsedIds::default();
        let mut renames = HashMap::new();
        for note in &self.doc.footnotes {
            let text = self.printer.markup(&note.content);
            let def = citation(&text).unwrap_or(FootnoteDef { text: Some(text), ..Default::default() });
            let id = if self.origin.keep_ids && !note.id.is_empty() {
                used.insert(note.id.clone());
                note.id.clone()
            } else {
                unique(&footnote_id(&def, &note.marker), &mut used)
            };
            renames.insert(note.id.clone(), id.clone());
            self.session.footnotes.insert(id, def);
        }
        self.printer.note_ids = renames;
    }

    /// The first page: symbol, distribution, date, languages, organ, caption and title.
    fn masthead(&mut self) {
        let (m, meta) = (&self.doc.masthead, &self.doc.meta);
        let s = &mut self.session;
        s.symbol = if m.symbol.is_empty() { meta.symbol.clone() } else { m.symbol.clone() };
        // A limited (`L.`) symbol is a draft; the distribution is written out even when it is
        // the default, as the issued document prints it.
        s.stage = match SymbolParts::parse(&s.symbol) {
            Ok(parts) if parts.limited.is_some() => Stage::Draft,
            _ => Stage::Final,
        };
        s.distribution =
            Some(Some(m.distribution.as_str()).filter(|d| !d.is_empty()).and_then(Distribution::parse).unwrap_or(
                match s.stage {
                    Stage::Draft => Distribution::Limited,
                    Stage::Final => Distribution::General,
                },
            ));
        s.date = Date::parse(&meta.date).ok().or_else(|| parse_long_date(m.date.trim()));
        s.original = Some(m.original.clone()).filter(|o| !o.is_empty()).unwrap_or_else(|| "English".into());
        s.language = Some(meta.language.clone()).filter(|l| !l.is_empty()).unwrap_or_else(|| "en".into());
        s.organ = m.organ.clone();
        // A reader sets the body only when the file names it (AKN's FRBRuri); else the session
        // derives it from the symbol.
        s.body = Some(meta.body_short.clone()).filter(|b| !b.is_empty());
        s.job_number = m.job_number.clone();
        // A past report is a record: its State names stay as it printed them.
        s.keep_names_as_recorded = true;
        s.title = self.printer.markup(&m.title).trim().to_string();
        self.masthead_variants();
        let mut agenda_title_next = false;
        for (i, line) in m.caption.iter().enumerate() {
            let plain = crate::document::plain_text(line);
            let plain = plain.trim();
            let meeting = &mut self.session.meeting;
            if agenda_title_next {
                agenda_title_next = false;
                if let Some(item) = meeting.agenda_item.as_mut() {
                    item.title = Some(self.printer.markup(line).trim().to_string());
                    continue;
                }
            }
            if let Some(number) = plain.strip_prefix("Agenda item ").filter(|n| n.len() <= 12) {
                meeting.agenda_item =
                    Some(crate::session::CaptionAgendaItem { number: number.trim().to_string(), title: None });
                agenda_title_next = true;
            } else if let Some((venue, span)) = plain
                .split_once(", ")
                // The venue's comma in the Chinese and Arabic versions ("维也纳，2018年…").
                .or_else(|| plain.split_once('，'))
                .or_else(|| plain.split_once("، "))
                && let Some(days) = parse_date_span(span).or_else(|| {
                    // "Vienne, 15-19 octobre 2018": the caption of a version in its language.
                    let lang = crate::lang::Lang::parse(&self.doc.meta.language)?;
                    crate::lang::dates::parse_caption(lang, span)
                })
                && meeting.dates.is_empty()
            {
                meeting.venue = venue.to_string();
                meeting.dates = days;
            } else if i == 0 {
                meeting.name = plain.to_string();
            } else if plain.starts_with("Item ") || plain.starts_with("Items ") {
                meeting.caption_item = Some(self.printer.markup(line).trim().to_string());
            } else if meeting.session.is_none() && plain.to_lowercase().ends_with("session") {
                meeting.session = Some(plain.to_string());
            } else {
                let n = self.line(&format!("masthead.caption.{i}"));
                self.warnings.push(warn_at(n, format!("masthead line not understood, kept nowhere: `{plain}`")));
            }
        }
    }

    /// What the first page prints besides the usual masthead, as `masthead:` data; the reissue
    /// note leaves the footnotes for `masthead.reissued`.
    fn masthead_variants(&mut self) {
        let m = &self.doc.masthead;
        let v = &mut self.session.masthead;
        let usual =
            if m.style == crate::document::MastheadStyle::Capitals { "UNITED NATIONS" } else { "United Nations" };
        // A reader that found no top line leaves it empty: the usual one.
        if !m.publisher.is_empty() && m.publisher != usual {
            v.publisher = Some(m.publisher.clone());
        }
        v.style = m.style;
        v.official_records = m.official_records.as_ref().map(|or| crate::session::OfficialRecordsDef {
            session: or.session.clone(),
            supplement: or.supplement.trim_start_matches("Supplement No.").trim().to_string(),
        });
        v.rapporteur = m.rapporteur.as_ref().map(|r| self.printer.markup(r).trim().to_string());
        v.part =
            m.addendum.as_ref().filter(|a| !a.part.is_empty()).map(|a| self.printer.markup(&a.part).trim().to_string());
        for inline in &m.symbol_note {
            if let Inline::NoteRef { id, .. } = inline {
                let renamed = self.printer.note_ids.get(id).cloned().unwrap_or_else(|| id.clone());
                if let Some(def) = self.session.footnotes.remove(&renamed) {
                    v.reissued = def.text;
                }
            }
        }
    }

    fn heading(&self, d: &Division) -> String {
        self.printer.markup(&d.heading).trim().to_string()
    }

    /// A rule of procedure and its paragraphs.
    fn rule(&mut self, d: &Division) -> Rule {
        let mut rule = Rule { id: self.id(&d.id), title: self.heading(d), ..Default::default() };
        self.paragraphs_into(&d.children, &mut rule.paragraphs, None);
        rule
    }

    /// The blocks of a chapter (`at` says which) or of an annex (`None`): paragraphs, tables,
    /// decisions, and sections. A paragraph after a section belongs to that section in the
    /// session — unless the section was there before these blocks (`first_section`).
    fn blocks(
        &mut self,
        at: Option<usize>,
        blocks: &[Block],
        paragraphs: &mut Vec<ParagraphDef>,
        sections: &mut Vec<Section>,
        first_section: usize,
    ) {
        for b in blocks {
            match b {
                // Rules directly under an annex are gathered by `annex`; here (a chapter) a rule
                // keeps its heading as a paragraph (see `paragraphs`).
                Block::Division(r) if r.kind == DivisionKind::Rule && self.in_annex => {
                    let rule = self.rule(r);
                    self.annex_rules.push(rule);
                }
                Block::Division(d) if matches!(d.kind, DivisionKind::Section | DivisionKind::Group) => {
                    let mut s = Section { id: non_empty(&d.id), title: self.heading(d), ..Default::default() };
                    let si = sections.len();
                    for c in &d.children {
                        match c {
                            Block::Division(r) if r.kind == DivisionKind::Rule => {
                                let rule = self.rule(r);
                                s.rules.push(rule);
                            }
                            Block::Division(g) if matches!(g.kind, DivisionKind::Group | DivisionKind::Subgroup) => {
                                let mut group =
                                    Group { id: non_empty(&g.id), title: self.heading(g), ..Default::default() };
                                let gi = s.groups.len();
                                self.paragraphs_into(
                                    &g.children,
                                    &mut group.paragraphs,
                                    at.map(|c| (c, Some(si), Some(gi))),
                                );
                                s.groups.push(group);
                            }
                            other => {
                                let other = std::slice::from_ref(other);
                                match s.groups.len().checked_sub(1) {
                                    Some(gi) => {
                                        let place = at.map(|c| (c, Some(si), Some(gi)));
                                        self.paragraphs_into(other, &mut s.groups[gi].paragraphs, place)
                                    }
                                    None => {
                                        self.paragraphs_into(other, &mut s.paragraphs, at.map(|c| (c, Some(si), None)))
                                    }
                                }
                            }
                        }
                    }
                    sections.push(s);
                }
                other => {
                    let other = std::slice::from_ref(other);
                    match sections.len().checked_sub(1).filter(|&last| last >= first_section) {
                        Some(si) => {
                            self.paragraphs_into(other, &mut sections[si].paragraphs, at.map(|c| (c, Some(si), None)))
                        }
                        None => self.paragraphs_into(other, paragraphs, at.map(|c| (c, None, None))),
                    }
                }
            }
        }
    }

    /// Reads `blocks` as paragraphs onto the end of `out`, noting what was printed for each
    /// written one when `out` is a chapter's list (`at`).
    fn paragraphs_into(&mut self, blocks: &[Block], out: &mut Vec<ParagraphDef>, at: At) {
        let mut read = Vec::new();
        self.paragraphs(blocks, &mut read);
        for (def, printed) in read {
            if let (Some((chapter, section, group)), Some(printed)) = (at, printed) {
                self.printed.insert(Place { chapter, section, group, index: out.len() }, printed);
            }
            out.push(def);
        }
    }

    /// Paragraphs, tables and decisions (with what a written paragraph printed); a heading found
    /// where only those can stand is kept as an unnumbered paragraph, with its contents after it.
    fn paragraphs(&mut self, blocks: &[Block], out: &mut Vec<(ParagraphDef, Option<Printed>)>) {
        for b in blocks {
            match b {
                Block::Paragraph(p) => out.push(self.paragraph(p)),
                Block::Table(t) => out.push((self.table(t), None)),
                // A list of officers by office: the officers are data (`session_from_document`).
                Block::Officers(o) => out.push((
                    ParagraphDef {
                        id: self.id(&o.id),
                        ..ParagraphDef::new(ParagraphKind::Officers(crate::session::OfficerListing::ByOffice))
                    },
                    None,
                )),
                Block::Division(d) if d.kind == DivisionKind::Decision => out.push((self.decision(d), None)),
                Block::Division(d) => {
                    let label = d.num.as_deref().map(|n| format!("{} ", escape_markup(n))).unwrap_or_default();
                    let heading = self.heading(d);
                    if !heading.is_empty() || !label.is_empty() {
                        let text = format!("{label}{heading}");
                        let printed = Printed { plain: text.clone(), num: None, line: self.line(&d.id) };
                        let def = ParagraphDef {
                            numbered: false,
                            ..ParagraphDef::new(ParagraphKind::Text { text, items: Vec::new() })
                        };
                        out.push((def, Some(printed)));
                    }
                    self.paragraphs(&d.children, out);
                }
                Block::Contents(_) => {}
            }
        }
    }

    fn paragraph(&self, p: &Paragraph) -> (ParagraphDef, Option<Printed>) {
        let printed = Printed {
            plain: self.printer.plain(&p.content).trim().to_string(),
            num: p.num.as_deref().map(|n| n.trim().trim_end_matches('.').to_string()),
            line: self.line(&p.id),
        };
        let def = ParagraphDef {
            id: self.id(&p.id),
            numbered: printed.num.is_some(),
            negotiation: Default::default(),
            kind: ParagraphKind::Text {
                text: self.printer.markup(&p.content).trim().to_string(),
                items: item_defs(&self.printer, &p.items, self.origin.keep_ids, 0),
            },
        };
        (def, Some(printed))
    }

    fn table(&self, t: &Table) -> ParagraphDef {
        let cell = |c: &[Inline]| self.printer.markup(c).trim().to_string();
        // A header the session could not hold (rows of other widths than the table's, read from
        // a foreign file) keeps its words as the first rows of the body.
        let irregular;
        let t = if t.header_is_regular() {
            t
        } else {
            let mut rows: Vec<Vec<Vec<Inline>>> =
                t.header.iter().map(|r| r.iter().map(|c| c.content.clone()).collect()).collect();
            rows.extend(t.rows.iter().cloned());
            irregular = Table { header: Vec::new(), rows, ..t.clone() };
            &irregular
        };
        ParagraphDef::new(ParagraphKind::Table(TableDef {
            id: self.id(&t.id),
            // A table printed without "Table N" stays without.
            numbered: t.num.is_some(),
            caption: cell(&t.caption),
            header: TableHeader {
                rows: t
                    .header
                    .iter()
                    .map(|row| {
                        row.iter()
                            .map(|c| HeaderCell { text: cell(&c.content), columns: c.columns, rows: c.rows })
                            .collect()
                    })
                    .collect(),
            },
            rows: t.rows.iter().map(|r| r.iter().map(|c| cell(c)).collect()).collect(),
        }))
    }

    /// A decision quoted in full: "Resolution 9/1" (its kind and number), its title, the
    /// unnumbered preambular paragraphs and the numbered operative ones.
    fn decision(&mut self, d: &Division) -> ParagraphDef {
        let label = d.num.clone().unwrap_or_default();
        // "Draft decision 9/1", "Draft resolution", or no label (a text under its title alone).
        let (draft, label) = match label.trim().strip_prefix("Draft ") {
            Some(rest) => (true, rest.trim().to_string()),
            None => (false, label.trim().to_string()),
        };
        // "Intersessional decision 5": words before the kind's are the printed label's own.
        let words: Vec<&str> = label.split(' ').collect();
        let at = words.iter().position(|w| DecisionKind::from_key(&w.to_lowercase()).is_some());
        let (own_label, kind_word, number) = match at {
            Some(0) | None => {
                let (kind_word, number) = match label.split_once(' ') {
                    Some((k, n)) => (k, n.to_string()),
                    None if at.is_some() => (label.as_str(), String::new()),
                    None => ("decision", label.clone()),
                };
                (None, kind_word, number)
            }
            Some(at) => (Some(words[..=at].join(" ")), words[at], words[at + 1..].join(" ")),
        };
        let number = number.as_str();
        let kind = DecisionKind::from_key(&kind_word.to_lowercase()).unwrap_or_default();
        let mut preamble = Vec::new();
        let mut operative = Vec::new();
        // Its own annexes ("Annex I" to the present decision) are its `annexes`; the rest is its
        // text.
        let (own_annexes, text): (Vec<&Block>, Vec<&Block>) =
            d.children.iter().partition(|b| matches!(b, Block::Division(a) if a.kind == DivisionKind::Annex));
        let text: Vec<Block> = text.into_iter().cloned().collect();
        let mut annexes: Vec<Annex> = Vec::new();
        for b in own_annexes {
            if let Block::Division(a) = b {
                let annex = self.annex(a);
                push_annex(&mut annexes, annex);
            }
        }
        let mut read = Vec::new();
        self.paragraphs(&text, &mut read);
        // A decision quoted inside this one has no place of its own: its label and title, then
        // its paragraphs, stay as this decision's text.
        let mut inner = Vec::new();
        for (def, printed) in read {
            match def.kind {
                ParagraphKind::Decision(quoted) => {
                    let word = quoted.kind.to_string();
                    let mut label = format!("{}{}", word[..1].to_uppercase(), &word[1..]);
                    if quoted.draft {
                        label = format!("Draft {}", label.to_lowercase());
                    }
                    let head = [label, quoted.number, quoted.title].into_iter().filter(|w| !w.is_empty());
                    let text = head.collect::<Vec<_>>().join(" ");
                    let heading = ParagraphKind::Text { text, items: Vec::new() };
                    inner.push((ParagraphDef { numbered: false, ..ParagraphDef::new(heading) }, None));
                    // Its preambular paragraphs take no number here either.
                    let preamble = quoted.preamble.into_iter().map(|p| ParagraphDef { numbered: false, ..p });
                    inner.extend(preamble.chain(quoted.operative).map(|p| (p, None)));
                }
                kind => inner.push((ParagraphDef { kind, ..def }, printed)),
            }
        }
        for (mut def, _) in inner {
            // A table inside a decision has no place of its own: its cells stay as text.
            let cells = match &def.kind {
                ParagraphKind::Table(t) => Some(
                    std::iter::once(&t.caption)
                        .chain(t.header.cells().map(|c| &c.text))
                        .chain(t.rows.iter().flatten())
                        .filter(|c| !c.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                _ => None,
            };
            if let Some(text) = cells {
                let as_text = ParagraphDef::new(ParagraphKind::Text { text, items: Vec::new() });
                if operative.is_empty() {
                    preamble.push(as_text)
                } else {
                    operative.push(as_text)
                }
                continue;
            }
            if def.numbered || !operative.is_empty() {
                operative.push(def);
            } else {
                // Preambular paragraphs are never numbered; `numbered` is left at its default.
                def.numbered = true;
                preamble.push(def);
            }
        }
        // A text quoted under its title alone prints no kind; it names itself ("the annex to
        // the present resolution").
        let kind = match d.num {
            None if operative
                .iter()
                .chain(&preamble)
                .filter_map(ParagraphDef::text)
                .any(|t| t.contains("present resolution")) =>
            {
                DecisionKind::Resolution
            }
            _ => kind,
        };
        let title = self.heading(d);
        let derived = crate::assemble::decision_id(&DecisionDef {
            kind,
            draft,
            number: number.to_string(),
            label: own_label.clone(),
            title: title.clone(),
            ..Default::default()
        });
        let id = self.id(&d.id).or(Some(derived));
        ParagraphDef::new(ParagraphKind::Decision(DecisionDef {
            id,
            kind,
            draft,
            number: number.to_string(),
            label: own_label,
            title,
            preamble,
            operative,
            vote: None,
            annexes,
        }))
    }

    /// An annex, as written: an annex with the shape of a generated one (the documents table,
    /// the provisional agenda as a bare numbered list) is given back as data by `recognize`.
    fn annex(&mut self, d: &Division) -> Annex {
        // "Annex I" printed for what may be a sole annex is kept as printed (`push_annex` forgets
        // it when others follow: then every annex is numbered anyway).
        let numbered = d
            .num
            .as_deref()
            .and_then(|n| n.split_whitespace().nth(1))
            .is_some_and(|w| crate::generate::from_roman(w.trim_end_matches('.')).is_some());
        let mut annex = Annex { id: self.id(&d.id), title: self.heading(d), numbered, ..Default::default() };
        let mut sections = Vec::new();
        // A decision's annex may stand inside a report's annex: what the outer annex gathered so
        // far is kept aside and given back.
        let (was_in_annex, outer_rules) = (self.in_annex, std::mem::take(&mut self.annex_rules));
        self.in_annex = true;
        self.blocks(None, &d.children, &mut annex.paragraphs, &mut sections, 0);
        self.in_annex = was_in_annex;
        annex.rules = std::mem::replace(&mut self.annex_rules, outer_rules);
        annex.sections = sections;
        annex
    }
}

/// Adds an annex to a list of annexes. Annexes among several are numbered by house style, so
/// `numbered` (kept only for a sole annex printed "Annex I") is dropped from all of them.
fn push_annex(annexes: &mut Vec<Annex>, annex: Annex) {
    annexes.push(annex);
    if annexes.len() > 1 {
        annexes.iter_mut().for_each(|a| a.numbered = false);
    }
}

fn non_empty(id: &str) -> Option<String> {
    (!id.is_empty()).then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Entity, Footnote, Masthead, Meta};

    fn doc(body: Vec<Block>) -> Document {
        Document {
            meta: Meta {
                slug: String::new(),
                language: "en".into(),
                date: "2009-04-21".into(),
                title: String::new(),
                symbol: "CTOC/COP/WG.4/2009/2".into(),
                body_short: String::new(),
            },
            masthead: Masthead {
                publisher: "United Nations".into(),
                symbol: "CTOC/COP/WG.4/2009/2".into(),
                organ: "Conference".into(),
                distribution: "General".into(),
                date: "21 April 2009".into(),
                original: "English".into(),
                caption: vec![vec![Inline::text("Working Group")], vec![Inline::text("Vienna, 14 and 15 April 2009")]],
                title: vec![Inline::text("Report")],
                job_number: None,
                barcode: None,
                ..Masthead::default()
            },
            body,
            footnotes: vec![Footnote { id: "n1".into(), marker: "1".into(), content: vec![Inline::text("A note.")] }],
            entities: vec![Entity { id: "poland".into(), kind: EntityKind::Organization, name: "Poland".into() }],
            review: None,
        }
    }

    fn chapter(id: &str, num: &str, children: Vec<Block>) -> Block {
        Block::Division(Division {
            kind: DivisionKind::Chapter,
            id: id.into(),
            num: Some(num.into()),
            heading: vec![Inline::text(id)],
            children,
        })
    }

    fn para(id: &str, num: &str, content: Vec<Inline>) -> Block {
        Block::Paragraph(Paragraph { id: id.into(), num: Some(num.into()), content, items: Vec::new() })
    }

    /// Every kind of inline printed as markup and read back by the markup parser and the
    /// assembler gives the same words: the printer and its parser agree.
    #[test]
    fn markup_round_trip() {
        let d = doc(vec![
            chapter(
                "one",
                "I.",
                vec![para(
                    "p1",
                    "1.",
                    vec![
                        Inline::text("See "),
                        Inline::Ref { target: "two".into(), content: vec![Inline::text("chapter II")] },
                        Inline::text(" and "),
                        Inline::Ref { target: "p1".into(), content: vec![Inline::text("paragraphs 1 and 2")] },
                        Inline::text(", "),
                        Inline::Emph { content: vec![Inline::text("Ibid.")] },
                        Inline::text(" 5 * 3 [x] {y} a|b \\ ^"),
                        Inline::NoteRef { id: "n1".into(), marker: "1".into() },
                        Inline::text(" "),
                        Inline::Entity { refers_to: "poland".into(), content: vec![Inline::text("Poland")] },
                        Inline::text(" "),
                        Inline::Strong { content: vec![Inline::text("managemen")] },
                        Inline::text("t."),
                    ],
                )],
            ),
            chapter("two", "II.", vec![para("p2", "2.", vec![Inline::text("Two.")])]),
        ]);
        let printer = Printer::new(&d);
        let Block::Division(ch) = &d.body[0] else { unreachable!() };
        let Block::Paragraph(p) = &ch.children[0] else { unreachable!() };
        let markup = printer.markup(&p.content);
        assert_eq!(
            markup,
            "See {chapter:two} and {paras:p1..p2}, *Ibid.* 5 \\* 3 \\[x\\] \\{y\\} a\\|b \\\\ \\^[^n1] {org:poland|Poland} management."
        );
        let spans = crate::markup::parse(&markup).expect("the printed markup parses");
        assert!(spans.len() > 5);
        // And through the whole step: the session builds the same words.
        let (session, _) = session_from_document(&d, &Origin { keep_ids: true, ..Default::default() });
        let rebuilt = crate::assemble::assemble(
            &session,
            "t",
            &crate::session::load::SourceMap::single("<t>", ""),
            &crate::templates::Templates::default(),
        );
        let rebuilt = rebuilt.document.expect("builds");
        let Block::Division(ch) = &rebuilt.body[0] else { panic!("a chapter") };
        let Block::Paragraph(q) = &ch.children[0] else { panic!("a paragraph") };
        assert_eq!(
            crate::document::plain_text(&q.content),
            "See chapter II and paragraphs 1 and 2, Ibid. 5 * 3 [x] {y} a|b \\ ^ Poland management."
        );
    }

    fn item(label: &str, text: &str, items: Vec<Item>) -> Item {
        Item { id: String::new(), label: label.into(), content: vec![Inline::text(text)], items }
    }

    fn annex(id: &str, children: Vec<Block>) -> Block {
        Block::Division(Division {
            kind: DivisionKind::Annex,
            id: id.into(),
            num: Some("Annex".into()),
            heading: vec![Inline::text(id)],
            children,
        })
    }

    /// Labels are written into the session only where they are not the report's default, and
    /// `printed_label` gives back every label as printed: the printer and its parser agree.
    #[test]
    fn item_labels_round_trip() {
        let items = vec![
            item("1.", "One", vec![item("(a)", "One a", vec![]), item("(b)", "One b", vec![])]),
            item("2.", "Two", vec![item("(i)", "Two i", vec![item("a.", "deep", vec![])])]),
        ];
        let defaults = vec![item("(a)", "A", vec![item("(i)", "A i", vec![])]), item("(b)", "B", vec![])];
        let printer = Printer::new(&doc(Vec::new()));
        fn labels(items: &[ItemDef], depth: usize, out: &mut Vec<String>) {
            for (i, it) in items.iter().enumerate() {
                out.push(printed_label(it, depth, i));
                labels(&it.items, depth + 1, out);
            }
        }
        fn doc_labels(items: &[Item], out: &mut Vec<String>) {
            for it in items {
                out.push(it.label.clone());
                doc_labels(&it.items, out);
            }
        }
        for list in [&items, &defaults] {
            let defs = item_defs(&printer, list, false, 0);
            let (mut got, mut want) = (Vec::new(), Vec::new());
            labels(&defs, 0, &mut got);
            doc_labels(list, &mut want);
            assert_eq!(got, want);
        }
        let defs = item_defs(&printer, &defaults, false, 0);
        assert!(defs.iter().chain(&defs[0].items).all(|d| d.label.is_none()), "default labels are not written");
        let defs = item_defs(&printer, &items, false, 0);
        assert_eq!(defs[0].label.as_deref(), Some("1."));
        assert_eq!(defs[1].items[0].label, None, "(i) is the default at depth 1");
    }

    /// Annexes with the shape of a generated one become `generate:` when their data fits, and
    /// stay as written (every word, labels as printed) when it does not.
    #[test]
    fn generated_annexes_and_their_fallbacks() {
        let documents = |symbol: &str, item_number: &str| {
            Block::Table(Table {
                id: String::new(),
                num: None,
                caption: Vec::new(),
                header: Table::header_row(
                    ["Document symbol", "Agenda item", "Title or description"].map(|h| vec![Inline::text(h)]).to_vec(),
                ),
                rows: vec![vec![
                    vec![Inline::text(symbol)],
                    vec![Inline::text(item_number)],
                    vec![Inline::text("A report")],
                ]],
            })
        };
        let list = |labels: [&str; 2]| {
            Block::Paragraph(Paragraph {
                id: String::new(),
                num: None,
                content: Vec::new(),
                items: vec![item(labels[0], "Opening.", vec![]), item(labels[1], "Closing.", vec![])],
            })
        };
        let d = doc(vec![
            chapter("one", "I.", vec![para("p1", "1.", vec![Inline::text("Text.")])]),
            annex("docs", vec![documents("A/1", "")]),
            annex("other-docs", vec![documents("A/2", "")]),
            annex("agenda", vec![list(["1.", "2."])]),
            annex("not-an-agenda", vec![list(["1.", "3."])]),
            // An agenda item number that names no item of an agenda read as data (there is none
            // here): the table stays, with its numbers.
            annex("docs-by-item", vec![documents("A/1", "1")]),
        ]);
        let (session, warnings) = session_from_document(&d, &Origin::default());
        let generate: Vec<_> = session.annexes.iter().map(|a| a.generate.as_deref()).collect();
        assert_eq!(generate, [Some("documents"), None, Some("provisional_agenda"), None, None]);
        let by_item = session.annexes[4].paragraphs[0].table().expect("the table by agenda item is kept");
        assert_eq!((by_item.rows[0][1].as_str(), by_item.numbered), ("1", false), "printed without a number, kept so");
        assert_eq!(session.documents.len(), 1);
        assert_eq!(session.documents[0].symbol, "A/1");
        assert!(session.annexes[0].paragraphs.is_empty() && session.annexes[2].paragraphs.is_empty());
        let kept = session.annexes[1].paragraphs[0].table().expect("the other table is kept");
        assert_eq!(kept.rows[0][0], "A/2");
        let ParagraphKind::Text { items, .. } = &session.annexes[3].paragraphs[0].kind else { panic!("a list") };
        assert_eq!(items.iter().map(|i| i.label.as_deref()).collect::<Vec<_>>(), [Some("1."), Some("3.")]);
        assert_eq!(session.next_agenda.as_ref().map(|a| a.items.len()), Some(2));
        for annex in ["other-docs", "not-an-agenda", "docs-by-item"] {
            assert!(warnings.iter().any(|w| w.message.contains(&format!("annex \"{annex}\""))), "{warnings:?}");
        }
    }

    /// A decision quoted inside a quoted decision keeps every word, as the outer one's text.
    #[test]
    fn a_decision_inside_a_decision_keeps_its_words() {
        let decision = |id: &str, num: &str, title: &str, children: Vec<Block>| {
            Block::Division(Division {
                kind: DivisionKind::Decision,
                id: id.into(),
                num: Some(num.into()),
                heading: vec![Inline::text(title)],
                children,
            })
        };
        let unnumbered = |text: &str| {
            Block::Paragraph(Paragraph {
                id: String::new(),
                num: None,
                content: vec![Inline::text(text)],
                items: vec![],
            })
        };
        let inner = decision(
            "inner",
            "Draft resolution 1/2",
            "Quoted",
            vec![unnumbered("Recalling X,"), para("i-1", "1.", vec![Inline::text("Decides Y.")])],
        );
        let outer = decision(
            "outer",
            "Resolution 9/1",
            "Outer",
            vec![para("o-1", "1.", vec![Inline::text("Recommends the following:")]), inner],
        );
        let (session, _) = session_from_document(&doc(vec![chapter("one", "I.", vec![outer])]), &Origin::default());
        let dec = session.chapters[0].paragraphs[0].decision().expect("the outer decision");
        let texts: Vec<(&str, bool)> = dec.operative.iter().map(|p| (p.text().unwrap(), p.numbered)).collect();
        assert_eq!(
            texts,
            [
                ("Recommends the following:", true),
                ("Draft resolution 1/2 Quoted", false),
                ("Recalling X,", false),
                ("Decides Y.", true)
            ]
        );
    }

    /// A recorded vote's lists set as paragraphs of their own become the items of the paragraph
    /// that announces them; other paragraphs after it stay.
    #[test]
    fn vote_lists_set_as_paragraphs_become_items() {
        let plain = |id: &str, text: &str| {
            Block::Paragraph(Paragraph { id: id.into(), num: None, content: vec![Inline::text(text)], items: vec![] })
        };
        let mut body = vec![
            para(
                "p1",
                "1.",
                vec![Inline::text("The Conference adopted it by a recorded vote. The voting was as follows:")],
            ),
            plain("a", "In favour: Algeria, France."),
            plain("b", "Against: Turkey."),
            plain("c", "Abstaining: None."),
            plain("d", "In favour of what follows, a paragraph."),
        ];
        vote_lists_as_items(&mut body);
        assert_eq!(body.len(), 2);
        let Block::Paragraph(p) = &body[0] else { panic!() };
        let items: Vec<(&str, String)> =
            p.items.iter().map(|i| (i.label.as_str(), crate::document::plain_text(&i.content))).collect();
        assert_eq!(
            items,
            [
                ("In favour:", "Algeria, France.".into()),
                ("Against:", "Turkey.".into()),
                ("Abstaining:", "None.".into())
            ]
        );
    }

    /// A sole annex printed "Annex I" keeps its number (`numbered`); annexes among several, and a
    /// sole one printed "Annex", do not say so (house style numbers them as printed).
    #[test]
    fn a_sole_annex_printed_with_its_number() {
        let annex = |num: &str, title: &str| {
            Block::Division(Division {
                kind: DivisionKind::Annex,
                id: String::new(),
                num: Some(num.into()),
                heading: vec![Inline::text(title)],
                children: vec![para(&format!("{title}-1"), "1.", vec![Inline::text("Text.")])],
            })
        };
        let numbered = |body: Vec<Block>| {
            let (session, _) = session_from_document(&doc(body), &Origin::default());
            session.annexes.iter().map(|a| a.numbered).collect::<Vec<_>>()
        };
        let ch = || chapter("one", "I.", vec![para("p1", "1.", vec![Inline::text("Body.")])]);
        assert_eq!(numbered(vec![ch(), annex("Annex I", "List")]), [true]);
        assert_eq!(numbered(vec![ch(), annex("Annexe I", "Liste")]), [true], "in another language too");
        assert_eq!(numbered(vec![ch(), annex("Annex", "List")]), [false]);
        assert_eq!(numbered(vec![ch(), annex("Annex I", "One"), annex("Annex II", "Two")]), [false, false]);
    }

    /// A State elected to an office is read as a State, and the sentence stays generated.
    #[test]
    fn a_state_elected_to_an_office() {
        let text = "At its first meeting, on 14 April, the Working Group elected Austria as Vice-Chair.";
        let d = doc(vec![chapter("one", "I.", vec![para("p1", "1.", vec![Inline::text(text)])])]);
        let (session, warnings) = session_from_document(&d, &Origin::default());
        let officers: Vec<(&str, Option<&str>)> =
            session.officers.iter().map(|o| (o.name.as_str(), o.state.as_deref())).collect();
        assert_eq!(officers, [("", Some("Austria"))], "{warnings:?}");
        assert_eq!(session.chapters[0].paragraphs[0].template(), Some("officers/elected"), "{warnings:?}");
    }

    #[test]
    fn caption_and_decisions() {
        let decision = Block::Division(Division {
            kind: DivisionKind::Decision,
            id: "resolution-9-1".into(),
            num: Some("Resolution 9/1".into()),
            heading: vec![Inline::text("Something")],
            children: vec![
                Block::Paragraph(Paragraph {
                    id: "r-p".into(),
                    num: None,
                    content: vec![Inline::Emph { content: vec![Inline::text("Recalling")] }, Inline::text(" X,")],
                    items: vec![],
                }),
                para("r-1", "1.", vec![Inline::text("Decides.")]),
            ],
        });
        let d = doc(vec![chapter("one", "I.", vec![decision])]);
        let (session, _) = session_from_document(&d, &Origin::default());
        assert_eq!(session.meeting.venue, "Vienna");
        assert_eq!(session.meeting.dates.len(), 2);
        let dec = session.chapters[0].paragraphs[0].decision().expect("a decision");
        assert_eq!(
            (dec.kind, dec.number.as_str(), dec.preamble.len(), dec.operative.len()),
            (DecisionKind::Resolution, "9/1", 1, 1)
        );
        assert_eq!(session.footnotes.keys().next().map(String::as_str), Some("note-1"));
    }
}
