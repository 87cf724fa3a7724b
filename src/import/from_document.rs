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
//! Line numbers for warnings travel beside the document, by block id (`Origin::lines`).

use std::collections::{BTreeMap, HashMap};

use crate::diag::Diagnostic;
use crate::document::{Block, Division, DivisionKind, Document, EntityKind, Inline, Item, Paragraph, Table};
use crate::import::{UsedIds, citation, escape_markup, footnote_id, parse_date_span, parse_long_date, unique, warn_at};
use crate::session::{Date, DecisionDef, DecisionKind, FootnoteDef, ParagraphDef, ParagraphKind, Session, TableDef};

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
    let draft = Reading::new(doc, origin, &mut warnings).draft();
    let mut session = crate::import::recognize::build(draft, &mut warnings);
    // Officers listed by office (`crate::import::officers`) are data; the list's place is an
    // `officers: by_office` paragraph (see `paragraphs`).
    for officer in crate::import::officers::officers_of(&doc.body) {
        if !session.officers.iter().any(|o| o.role == officer.role && o.name == officer.name) {
            session.officers.push(officer);
        }
    }
    // Annexes whose parts are printed "I.", "II." keep that numbering (`import::numbering`).
    crate::import::numbering::annex_numbering(doc, &mut session);
    (session, warnings)
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

/// A decision's own annex as session data: written paragraphs, rules and sections, kept as
/// narrative (no generated shapes: those are the report's).
fn annex_def(a: &DraftAnnex, keep_ids: bool) -> crate::session::Annex {
    let para = |p: &DraftParagraph| match &p.special {
        Some(special) => special.clone(),
        None => ParagraphDef {
            id: if keep_ids { p.id.clone() } else { None },
            numbered: p.num.is_some(),
            negotiation: Default::default(),
            kind: ParagraphKind::Text { text: p.text.clone(), items: DraftItem::defs(&p.items, keep_ids, 0) },
        },
    };
    let rule = |r: &DraftRule| crate::session::Rule {
        id: r.id.clone(),
        title: r.title.clone(),
        paragraphs: r.paragraphs.iter().map(para).collect(),
    };
    crate::session::Annex {
        id: a.id.clone(),
        title: a.title.clone(),
        generate: None,
        // Set from the printed labels after the session is built (`import::numbering`).
        numbering: Default::default(),
        paragraphs: a.paragraphs.iter().map(para).collect(),
        rules: a.rules.iter().map(rule).collect(),
        sections: a
            .sections
            .iter()
            .map(|s| crate::session::Section {
                id: s.id.clone(),
                title: s.title.clone(),
                paragraphs: s.paragraphs.iter().map(para).collect(),
                rules: s.rules.iter().map(rule).collect(),
                groups: s
                    .groups
                    .iter()
                    .map(|g| crate::session::Group {
                        id: g.id.clone(),
                        title: g.title.clone(),
                        paragraphs: g.paragraphs.iter().map(para).collect(),
                    })
                    .collect(),
            })
            .collect(),
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
// The document as the recognisers read it

/// The report as headings and paragraphs of markup, the form the sentence recognisers
/// (`recognize`) and their proof (`verify`) work on. Built only here, from a `Document`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Draft {
    pub symbol: String,
    pub distribution: Option<String>,
    pub date: Option<Date>,
    pub original: Option<String>,
    pub language: Option<String>,
    pub organ: String,
    pub body: Option<String>,
    pub job_number: Option<String>,
    pub meeting_name: String,
    pub meeting_session: Option<String>,
    pub venue: String,
    pub dates: Vec<Date>,
    /// Caption lines that are neither the name, the session, nor "Venue, dates".
    pub caption_item: Option<String>,
    /// "Agenda item 15" and its title in the caption.
    pub agenda_item: Option<crate::session::CaptionAgendaItem>,
    /// The first page's variants (publisher, capitals, Official Records, rapporteur, part,
    /// reissue note).
    pub masthead: crate::session::MastheadDef,
    /// The title, in markup.
    pub title: String,
    pub chapters: Vec<DraftChapter>,
    pub footnotes: BTreeMap<String, FootnoteDef>,
    /// A table of contents stood before chapter I.
    pub contents: bool,
    pub annexes: Vec<DraftAnnex>,
    /// Keep every id (see `Origin::keep_ids`).
    pub keep_ids: bool,
}

/// An annex: written (`paragraphs`, `sections`), or recognised as generated from the data.
#[derive(Debug, Clone, Default)]
pub(crate) struct DraftAnnex {
    pub id: Option<String>,
    pub title: String,
    pub paragraphs: Vec<DraftParagraph>,
    /// Rules of procedure ("Rule 1" over its title).
    pub rules: Vec<DraftRule>,
    pub sections: Vec<DraftSection>,
    /// `documents`: the rows of the generated table (symbol, agenda item number, title markup).
    pub document_rows: Option<Vec<(String, String, String)>>,
    /// `provisional_agenda`: the items of the generated list.
    pub agenda_items: Option<Vec<DraftItem>>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct DraftChapter {
    pub id: Option<String>,
    pub title: String,
    pub paragraphs: Vec<DraftParagraph>,
    pub sections: Vec<DraftSection>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct DraftSection {
    pub id: Option<String>,
    pub title: String,
    pub paragraphs: Vec<DraftParagraph>,
    pub rules: Vec<DraftRule>,
    pub groups: Vec<DraftGroup>,
}

/// A rule of procedure: its title and paragraphs (numbered inside it).
#[derive(Debug, Clone, Default)]
pub(crate) struct DraftRule {
    pub id: Option<String>,
    pub title: String,
    pub paragraphs: Vec<DraftParagraph>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct DraftGroup {
    pub id: Option<String>,
    pub title: String,
    pub paragraphs: Vec<DraftParagraph>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct DraftParagraph {
    pub id: Option<String>,
    /// The number as printed ("12"), if numbered.
    pub num: Option<String>,
    /// Inline markup.
    pub text: String,
    /// The same without entity marks and cross-reference markup, for recognizing generated
    /// sentences; `None` when it is `text`.
    pub plain: Option<String>,
    pub items: Vec<DraftItem>,
    /// Where it started (0 when unknown).
    pub line: usize,
    /// A table or a decision standing in the place of a paragraph, read whole.
    pub special: Option<ParagraphDef>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct DraftItem {
    pub id: Option<String>,
    pub label: String,
    pub text: String,
    pub items: Vec<DraftItem>,
}

impl DraftItem {
    /// The items of a narrative list as session data: the printed label is written only where
    /// it is not the one the report would print there ("(a)", "(i)"… by depth), so that a
    /// numbered list ("1.", "2." with "(a)" under them) comes back as printed.
    pub(crate) fn defs(items: &[DraftItem], keep_ids: bool, depth: usize) -> Vec<crate::session::ItemDef> {
        items
            .iter()
            .enumerate()
            .map(|(i, it)| crate::session::ItemDef {
                id: if keep_ids { it.id.clone() } else { None },
                label: (!it.label.is_empty() && it.label != crate::assemble::item_label(depth, i))
                    .then(|| it.label.clone()),
                text: it.text.clone(),
                items: DraftItem::defs(&it.items, keep_ids, depth + 1),
                ..Default::default()
            })
            .collect()
    }
}

struct Reading<'a> {
    doc: &'a Document,
    origin: &'a Origin,
    printer: Printer,
    warnings: &'a mut Vec<Diagnostic>,
    /// Reading an annex: its rules of procedure are gathered in `annex_rules`.
    in_annex: bool,
    annex_rules: Vec<DraftRule>,
}

impl<'a> Reading<'a> {
    fn new(doc: &'a Document, origin: &'a Origin, warnings: &'a mut Vec<Diagnostic>) -> Self {
        Reading { doc, origin, printer: Printer::new(doc), warnings, in_annex: false, annex_rules: Vec::new() }
    }

    fn id(&self, id: &str) -> Option<String> {
        (self.origin.keep_ids && !id.is_empty()).then(|| id.to_string())
    }

    fn line(&self, id: &str) -> usize {
        self.origin.lines.get(id).copied().unwrap_or(0)
    }

    fn draft(mut self) -> Draft {
        let doc = self.doc;
        let mut draft = Draft { keep_ids: self.origin.keep_ids, ..Default::default() };
        self.footnotes(&mut draft);
        self.masthead(&mut draft);
        // An addendum of decisions: each decision standing on its own is followed by its own
        // annexes ("Annex I" again after the next decision), which stay with it.
        let mut after_decision = false;
        for b in &doc.body {
            match b {
                Block::Contents(_) => draft.contents = true,
                Block::Division(d) if d.kind == DivisionKind::Annex => {
                    let annex = self.annex(d);
                    let decision = draft
                        .chapters
                        .last_mut()
                        .and_then(|c| c.paragraphs.last_mut())
                        .and_then(|p| p.special.as_mut())
                        .and_then(|s| match &mut s.kind {
                            ParagraphKind::Decision(d) => Some(d),
                            _ => None,
                        })
                        .filter(|_| after_decision && annex.document_rows.is_none() && annex.agenda_items.is_none());
                    match decision {
                        Some(decision) => decision.annexes.push(annex_def(&annex, self.origin.keep_ids)),
                        None => draft.annexes.push(annex),
                    }
                }
                Block::Division(d) if matches!(d.kind, DivisionKind::Chapter | DivisionKind::Section) => {
                    after_decision = false;
                    let ch = self.chapter(d);
                    draft.chapters.push(ch);
                }
                // Paragraphs, tables and decisions before any chapter: an untitled chapter holds
                // them.
                other => {
                    after_decision = matches!(other, Block::Division(d) if d.kind == DivisionKind::Decision);
                    if draft.chapters.is_empty() {
                        draft.chapters.push(DraftChapter::default());
                        self.warnings
                            .push(Diagnostic::warning("paragraphs outside any chapter; put into an untitled chapter"));
                    }
                    let ch = draft.chapters.last_mut().expect("a chapter");
                    let mut sections = Vec::new();
                    self.blocks(std::slice::from_ref(other), &mut ch.paragraphs, &mut sections);
                    let ch = draft.chapters.last_mut().expect("a chapter");
                    ch.sections.extend(sections);
                }
            }
        }
        draft
    }

    /// The footnotes as definitions (structured citations where the text is one), renamed from
    /// their content when ids are not kept.
    fn footnotes(&mut self, draft: &mut Draft) {
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
            draft.footnotes.insert(id, def);
        }
        self.printer.note_ids = renames;
    }

    fn masthead(&mut self, draft: &mut Draft) {
        let (m, meta) = (&self.doc.masthead, &self.doc.meta);
        draft.symbol = if m.symbol.is_empty() { meta.symbol.clone() } else { m.symbol.clone() };
        draft.distribution = Some(m.distribution.clone()).filter(|d| !d.is_empty());
        draft.date = Date::parse(&meta.date).ok().or_else(|| parse_long_date(m.date.trim()));
        draft.original = Some(m.original.clone()).filter(|o| !o.is_empty());
        draft.language = Some(meta.language.clone()).filter(|l| !l.is_empty());
        draft.organ = m.organ.clone();
        // A reader sets the body only when the file names it (AKN's FRBRuri); else the session
        // derives it from the symbol.
        draft.body = Some(meta.body_short.clone()).filter(|b| !b.is_empty());
        draft.job_number = m.job_number.clone();
        draft.title = self.printer.markup(&m.title).trim().to_string();
        self.masthead_variants(draft);
        let mut agenda_title_next = false;
        for (i, line) in m.caption.iter().enumerate() {
            let plain = crate::document::plain_text(line);
            let plain = plain.trim();
            if agenda_title_next {
                agenda_title_next = false;
                if let Some(item) = draft.agenda_item.as_mut() {
                    item.title = Some(self.printer.markup(line).trim().to_string());
                    continue;
                }
            }
            if let Some(number) = plain.strip_prefix("Agenda item ").filter(|n| n.len() <= 12) {
                draft.agenda_item =
                    Some(crate::session::CaptionAgendaItem { number: number.trim().to_string(), title: None });
                agenda_title_next = true;
            } else if let Some((venue, span)) = plain.split_once(", ")
                && let Some(days) = parse_date_span(span)
                && draft.dates.is_empty()
            {
                draft.venue = venue.to_string();
                draft.dates = days;
            } else if i == 0 {
                draft.meeting_name = plain.to_string();
            } else if plain.starts_with("Item ") || plain.starts_with("Items ") {
                draft.caption_item = Some(self.printer.markup(line).trim().to_string());
            } else if draft.meeting_session.is_none() && plain.to_lowercase().ends_with("session") {
                draft.meeting_session = Some(plain.to_string());
            } else {
                let n = self.line(&format!("masthead.caption.{i}"));
                self.warnings.push(warn_at(n, format!("masthead line not understood, kept nowhere: `{plain}`")));
            }
        }
    }

    /// What the first page prints besides the usual masthead, as `masthead:` data; the reissue
    /// note leaves the footnotes for `masthead.reissued`.
    fn masthead_variants(&mut self, draft: &mut Draft) {
        let m = &self.doc.masthead;
        let v = &mut draft.masthead;
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
                if let Some(def) = draft.footnotes.remove(&renamed) {
                    v.reissued = def.text;
                }
            }
        }
    }

    fn chapter(&mut self, d: &Division) -> DraftChapter {
        let mut ch = DraftChapter { id: non_empty(&d.id), title: self.heading(d), ..Default::default() };
        let mut sections = Vec::new();
        self.blocks(&d.children, &mut ch.paragraphs, &mut sections);
        ch.sections = sections;
        ch
    }

    fn heading(&self, d: &Division) -> String {
        self.printer.markup(&d.heading).trim().to_string()
    }

    /// A rule of procedure and its paragraphs.
    fn rule(&mut self, d: &Division) -> DraftRule {
        let mut rule = DraftRule { id: self.id(&d.id), title: self.heading(d), ..Default::default() };
        self.paragraphs(&d.children, &mut rule.paragraphs);
        rule
    }

    /// The blocks of a chapter (or annex): paragraphs, tables, decisions, and sections.
    fn blocks(&mut self, blocks: &[Block], paragraphs: &mut Vec<DraftParagraph>, sections: &mut Vec<DraftSection>) {
        for b in blocks {
            match b {
                // Rules directly under an annex are gathered by `annex`; here (a chapter) a rule
                // keeps its heading as a paragraph (see `paragraphs`).
                Block::Division(r) if r.kind == DivisionKind::Rule && self.in_annex => {
                    let rule = self.rule(r);
                    self.annex_rules.push(rule);
                }
                Block::Division(d) if matches!(d.kind, DivisionKind::Section | DivisionKind::Group) => {
                    let mut s = DraftSection { id: non_empty(&d.id), title: self.heading(d), ..Default::default() };
                    for c in &d.children {
                        match c {
                            Block::Division(r) if r.kind == DivisionKind::Rule => {
                                let rule = self.rule(r);
                                s.rules.push(rule);
                            }
                            Block::Division(g) if matches!(g.kind, DivisionKind::Group | DivisionKind::Subgroup) => {
                                let mut group =
                                    DraftGroup { id: non_empty(&g.id), title: self.heading(g), ..Default::default() };
                                self.paragraphs(&g.children, &mut group.paragraphs);
                                s.groups.push(group);
                            }
                            other => {
                                let target = match s.groups.last_mut() {
                                    Some(g) => &mut g.paragraphs,
                                    None => &mut s.paragraphs,
                                };
                                let mut list = Vec::new();
                                self.paragraphs(std::slice::from_ref(other), &mut list);
                                target.extend(list);
                            }
                        }
                    }
                    sections.push(s);
                }
                other => {
                    let target = match sections.last_mut() {
                        // A paragraph after a section belongs to that section in the session.
                        Some(s) => &mut s.paragraphs,
                        None => &mut *paragraphs,
                    };
                    let mut list = Vec::new();
                    self.paragraphs(std::slice::from_ref(other), &mut list);
                    target.extend(list);
                }
            }
        }
    }

    /// Paragraphs, tables and decisions; a heading found where only those can stand is kept
    /// as an unnumbered paragraph in bold, with its contents after it.
    fn paragraphs(&mut self, blocks: &[Block], out: &mut Vec<DraftParagraph>) {
        for b in blocks {
            match b {
                Block::Paragraph(p) => out.push(self.paragraph(p)),
                Block::Table(t) => out.push(self.table(t)),
                // A list of officers by office: the officers are data (`session_from_document`).
                Block::Officers(o) => out.push(DraftParagraph {
                    id: self.id(&o.id),
                    special: Some(ParagraphDef {
                        id: self.id(&o.id),
                        ..ParagraphDef::new(ParagraphKind::Officers(crate::session::OfficerListing::ByOffice))
                    }),
                    line: self.line(&o.id),
                    ..Default::default()
                }),
                Block::Division(d) if d.kind == DivisionKind::Decision => out.push(self.decision(d)),
                Block::Division(d) => {
                    let label = d.num.as_deref().map(|n| format!("{} ", escape_markup(n))).unwrap_or_default();
                    let heading = self.heading(d);
                    if !heading.is_empty() || !label.is_empty() {
                        let text = format!("{label}{heading}");
                        out.push(DraftParagraph { text, line: self.line(&d.id), ..Default::default() });
                    }
                    self.paragraphs(&d.children, out);
                }
                Block::Contents(_) => {}
            }
        }
    }

    fn paragraph(&self, p: &Paragraph) -> DraftParagraph {
        DraftParagraph {
            id: self.id(&p.id),
            num: p.num.as_deref().map(|n| n.trim().trim_end_matches('.').to_string()),
            text: self.printer.markup(&p.content).trim().to_string(),
            plain: Some(self.printer.plain(&p.content).trim().to_string()),
            items: p.items.iter().map(|i| self.item(i)).collect(),
            line: self.line(&p.id),
            special: None,
        }
    }

    fn item(&self, it: &Item) -> DraftItem {
        DraftItem {
            id: self.id(&it.id),
            label: it.label.clone(),
            text: self.printer.markup(&it.content).trim().to_string(),
            items: it.items.iter().map(|i| self.item(i)).collect(),
        }
    }

    fn table(&self, t: &Table) -> DraftParagraph {
        let cell = |c: &[Inline]| self.printer.markup(c).trim().to_string();
        let def = TableDef {
            id: self.id(&t.id),
            caption: cell(&t.caption),
            header: t.header.iter().map(|c| cell(c)).collect(),
            rows: t.rows.iter().map(|r| r.iter().map(|c| cell(c)).collect()).collect(),
        };
        DraftParagraph {
            id: self.id(&t.id),
            special: Some(ParagraphDef::new(ParagraphKind::Table(def))),
            line: self.line(&t.id),
            ..Default::default()
        }
    }

    /// A decision quoted in full: "Resolution 9/1" (its kind and number), its title, the
    /// unnumbered preambular paragraphs and the numbered operative ones.
    fn decision(&mut self, d: &Division) -> DraftParagraph {
        let label = d.num.clone().unwrap_or_default();
        // "Draft decision 9/1", "Draft resolution", or no label (a text under its title alone).
        let (draft, label) = match label.trim().strip_prefix("Draft ") {
            Some(rest) => (true, rest.trim().to_string()),
            None => (false, label.trim().to_string()),
        };
        let (kind_word, number) = match label.split_once(' ') {
            Some((k, n)) => (k, n),
            None if DecisionKind::from_key(&label.to_lowercase()).is_some() => (label.as_str(), ""),
            None => ("decision", label.as_str()),
        };
        let kind = DecisionKind::from_key(&kind_word.to_lowercase()).unwrap_or_default();
        let keep_ids = self.origin.keep_ids;
        let def = |p: &DraftParagraph, numbered: bool| ParagraphDef {
            id: p.id.clone(),
            numbered,
            negotiation: Default::default(),
            kind: ParagraphKind::Text { text: p.text.clone(), items: DraftItem::defs(&p.items, keep_ids, 0) },
        };
        let mut preamble = Vec::new();
        let mut operative = Vec::new();
        let mut inner = Vec::new();
        self.paragraphs(&d.children, &mut inner);
        for p in &inner {
            if p.special.is_some() {
                // A table inside a decision has no place of its own: its cells stay as text.
                let text = p
                    .special
                    .as_ref()
                    .and_then(|s| s.table())
                    .map(|t| {
                        std::iter::once(&t.caption)
                            .chain(&t.header)
                            .chain(t.rows.iter().flatten())
                            .filter(|c| !c.is_empty())
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .unwrap_or_default();
                let q = DraftParagraph { text, ..Default::default() };
                if operative.is_empty() {
                    preamble.push(def(&q, true))
                } else {
                    operative.push(def(&q, true))
                }
                continue;
            }
            if p.num.is_some() || !operative.is_empty() {
                operative.push(def(p, p.num.is_some()));
            } else {
                // Preambular paragraphs are never numbered; `numbered` is left at its default.
                preamble.push(def(p, true));
            }
        }
        let title = self.heading(d);
        let derived = crate::assemble::decision_id(&DecisionDef {
            kind,
            draft,
            number: number.to_string(),
            title: title.clone(),
            ..Default::default()
        });
        let id = self.id(&d.id).or(Some(derived));
        let decision = DecisionDef {
            id,
            kind,
            draft,
            number: number.to_string(),
            title: self.heading(d),
            preamble,
            operative,
            vote: None,
            annexes: Vec::new(),
        };
        DraftParagraph {
            special: Some(ParagraphDef::new(ParagraphKind::Decision(decision))),
            line: self.line(&d.id),
            ..Default::default()
        }
    }

    /// An annex; one that opens with the shape of a generated one (the documents table, the
    /// provisional agenda as a bare numbered list) gives that data back.
    fn annex(&mut self, d: &Division) -> DraftAnnex {
        let mut annex = DraftAnnex { id: self.id(&d.id), title: self.heading(d), ..Default::default() };
        let mut children: &[Block] = &d.children;
        match children.first() {
            Some(Block::Table(t))
                if t.header.iter().map(|c| crate::document::plain_text(c)).eq([
                    "Document symbol",
                    "Agenda item",
                    "Title or description",
                ]) && t.rows.iter().all(|r| r.len() == 3) =>
            {
                let cell = |c: &[Inline]| self.printer.markup(c).trim().to_string();
                annex.document_rows = Some(t.rows.iter().map(|r| (cell(&r[0]), cell(&r[1]), cell(&r[2]))).collect());
                children = &children[1..];
            }
            Some(Block::Paragraph(p))
                if p.num.is_none() && p.content.is_empty() && p.items.first().is_some_and(|i| i.label == "1.") =>
            {
                annex.agenda_items = Some(p.items.iter().map(|i| self.item(i)).collect());
                children = &children[1..];
            }
            _ => {}
        }
        let mut sections = Vec::new();
        self.in_annex = true;
        self.blocks(children, &mut annex.paragraphs, &mut sections);
        self.in_annex = false;
        annex.rules = std::mem::take(&mut self.annex_rules);
        annex.sections = sections;
        annex
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
