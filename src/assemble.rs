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
    Block, Division, DivisionKind, Document, Entity, EntityKind, Footnote, Inline, Item, Masthead, Meta, Paragraph,
};
use crate::generate::{Generator, roman, slug};
use crate::markup::{self, EntityMark, RefKind, Span};
use crate::session::date::caption_range;
use crate::session::load::SourceMap;
use crate::session::{AgendaItem, FootnoteDef, ItemDef, ParagraphDef, Session};
use crate::templates::Templates;

/// What the assembler produced: the document (when there were no errors) and all diagnostics.
pub struct Assembled {
    pub document: Option<Document>,
    pub diagnostics: Diagnostics,
}

pub fn assemble(session: &Session, slug_name: &str, sources: &SourceMap, templates: &Templates) -> Assembled {
    let mut a = Assembler {
        session,
        sources,
        generator: Generator::new(templates),
        diags: Diagnostics::new(),
        targets: HashMap::new(),
        plan: Vec::new(),
        citations: Vec::new(),
        cited: HashMap::new(),
        next_note: 1,
        entities: BTreeMap::new(),
    };
    a.number();
    let masthead = a.masthead();
    let body = a.body();
    let footnotes = a.footnotes();
    for officer in &session.officers {
        let name = role_name(&officer.role);
        a.entities.insert(officer.role.clone(), Entity { id: officer.role.clone(), kind: EntityKind::Role, name });
    }
    let diagnostics = a.diags;
    if diagnostics.has_errors() {
        return Assembled { document: None, diagnostics };
    }
    let meta = Meta {
        slug: slug_name.to_string(),
        language: session.language.clone(),
        date: session.date.map(|d| d.iso()).unwrap_or_default(),
        title: crate::document::plain_text(&masthead.title),
        symbol: session.symbol.clone(),
        body_short: session.body.clone().unwrap_or_else(|| body_from_symbol(&session.symbol)),
    };
    let document = Document { meta, masthead, body, footnotes, entities: a.entities.into_values().collect() };
    Assembled { document: Some(document), diagnostics }
}

/// "chair" → "Chair", "vice-chair" → "Vice-Chair".
fn role_name(role: &str) -> String {
    role.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("-")
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TargetKind {
    Chapter,
    Section,
    Group,
    Paragraph,
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
    plan: Vec<(String, Planned)>,
    citations: Vec<Citation>,
    /// Footnote id → data path of its first citation.
    cited: HashMap<String, String>,
    next_note: u32,
    entities: BTreeMap<String, Entity>,
}

impl Assembler<'_> {
    fn error(&mut self, path: &str, message: impl Into<String>, hint: impl Into<String>) {
        let location = self.sources.locate(path);
        self.diags.push(Diagnostic::error(message).at(location).with_hint(hint));
    }

    fn warn(&mut self, path: &str, message: impl Into<String>, hint: impl Into<String>) {
        let location = self.sources.locate(path);
        self.diags.push(Diagnostic::warning(message).at(location).with_hint(hint));
    }

    // ----- pass 1: numbers and ids -----

    fn number(&mut self) {
        let mut para = 0u32;
        let mut ids: HashMap<String, String> = HashMap::new();
        let session = self.session;
        for (ci, chapter) in session.chapters.iter().enumerate() {
            let cpath = format!("chapters[{ci}]");
            let cid = chapter.id.clone().unwrap_or_else(|| slug(&chapter.title));
            let label = roman(ci as u32 + 1);
            self.claim(&mut ids, &cid, &cpath, TargetKind::Chapter, &label);
            self.plan.push((cpath.clone(), Planned { id: cid.clone(), num: Some(format!("{label}.")) }));
            self.number_paragraphs(&mut ids, &mut para, &cid, &cpath, &chapter.paragraphs);
            for (si, section) in chapter.sections.iter().enumerate() {
                let spath = format!("{cpath}.sections[{si}]");
                let sid = section.id.clone().unwrap_or_else(|| format!("{cid}-{}", slug(&section.title)));
                let label = letter(si);
                self.claim(&mut ids, &sid, &spath, TargetKind::Section, &label);
                self.plan.push((spath.clone(), Planned { id: sid.clone(), num: Some(format!("{label}.")) }));
                self.number_paragraphs(&mut ids, &mut para, &sid, &spath, &section.paragraphs);
                for (gi, group) in section.groups.iter().enumerate() {
                    let gpath = format!("{spath}.groups[{gi}]");
                    let gid = group.id.clone().unwrap_or_else(|| format!("{sid}-{}", slug(&group.title)));
                    let label = (gi + 1).to_string();
                    self.claim(&mut ids, &gid, &gpath, TargetKind::Group, &label);
                    self.plan.push((gpath.clone(), Planned { id: gid.clone(), num: Some(format!("{label}.")) }));
                    self.number_paragraphs(&mut ids, &mut para, &gid, &gpath, &group.paragraphs);
                }
            }
        }
    }

    fn number_paragraphs(
        &mut self,
        ids: &mut HashMap<String, String>,
        counter: &mut u32,
        parent: &str,
        parent_path: &str,
        paragraphs: &[ParagraphDef],
    ) {
        let mut derived: HashMap<String, u32> = HashMap::new();
        for (pi, p) in paragraphs.iter().enumerate() {
            let path = format!("{parent_path}.paragraphs[{pi}]");
            let id = match &p.id {
                Some(id) => id.clone(),
                None => {
                    let base = derive_paragraph_id(parent, p);
                    let n = derived.entry(base.clone()).or_insert(0);
                    *n += 1;
                    if *n == 1 { base } else { format!("{base}-{n}") }
                }
            };
            let num = p.numbered.then(|| {
                *counter += 1;
                counter.to_string()
            });
            let label = num.clone().unwrap_or_default();
            self.claim(ids, &id, &path, TargetKind::Paragraph, &label);
            self.plan.push((path, Planned { id, num: num.map(|n| format!("{n}.")) }));
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
        self.targets.insert(id.to_string(), Target { kind, label: label.to_string() });
    }

    fn planned(&self, path: &str) -> Planned {
        self.plan
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, planned)| planned.clone())
            .unwrap_or(Planned { id: slug(path), num: None })
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
        Masthead {
            publisher: "United Nations".into(),
            symbol: s.symbol.clone(),
            organ: s.organ.clone(),
            distribution: s.distribution.clone(),
            date: s.date.map(|d| d.long()).unwrap_or_default(),
            original: s.original.clone(),
            caption,
            title,
            job_number: s.job_number.clone(),
            barcode: s.job_number.as_deref().and_then(barcode),
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
            if chapter.sections.len() == 1 {
                self.warn(
                    &format!("{cpath}.sections"),
                    "this chapter has a section A but no section B",
                    "house style: if there is an A there must be a B; drop the section heading or add another",
                );
            }
            for (si, section) in chapter.sections.iter().enumerate() {
                let spath = format!("{cpath}.sections[{si}]");
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
                children.push(Block::Division(Division {
                    kind: DivisionKind::Section,
                    id: splanned.id,
                    num: splanned.num,
                    heading,
                    children: schildren,
                }));
            }
            blocks.push(Block::Division(Division {
                kind: DivisionKind::Chapter,
                id: planned.id,
                num: planned.num,
                heading,
                children,
            }));
        }
        blocks
    }

    fn paragraphs(&mut self, parent_path: &str, defs: &[ParagraphDef]) -> Vec<Block> {
        let mut out = Vec::new();
        for (pi, def) in defs.iter().enumerate() {
            let path = format!("{parent_path}.paragraphs[{pi}]");
            let planned = self.planned(&path);
            let (content, mut items) = match (&def.text, &def.template) {
                (Some(text), None) => (self.markup(text, &format!("{path}.text"), Zone::Body), Vec::new()),
                (None, Some(name)) => self.generated(name, def.item.as_deref(), &path),
                (Some(_), Some(_)) => {
                    self.error(&path, "a paragraph has either `text` or `template`, not both", "keep one of them");
                    (Vec::new(), Vec::new())
                }
                (None, None) => {
                    self.error(
                        &path,
                        "a paragraph needs `text` or `template`",
                        "write the text, or name a template such as `attendance/states_parties`",
                    );
                    (Vec::new(), Vec::new())
                }
            };
            items.extend(self.items(&def.items, &planned.id, &path, 0));
            out.push(Block::Paragraph(Paragraph { id: planned.id, num: planned.num, content, items }));
        }
        out
    }

    fn items(&mut self, defs: &[ItemDef], parent_id: &str, parent_path: &str, depth: usize) -> Vec<Item> {
        defs.iter()
            .enumerate()
            .map(|(i, def)| {
                let path = format!("{parent_path}.items[{i}]");
                let label = item_label(depth, i);
                let id =
                    def.id.clone().unwrap_or_else(|| format!("{parent_id}-{}", label.trim_matches(['(', ')', '.'])));
                let content = self.markup(&def.text, &format!("{path}.text"), Zone::Body);
                let items = self.items(&def.items, &id, &path, depth + 1);
                Item { id, label, content, items }
            })
            .collect()
    }

    /// A paragraph written by a template, and (for the agenda) its items.
    fn generated(&mut self, name: &str, item: Option<&str>, path: &str) -> (Vec<Inline>, Vec<Item>) {
        let context = match self.context(name, item, path) {
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
        let items = if name == "agenda" { self.agenda_items(path) } else { Vec::new() };
        (content, items)
    }

    /// The data a template sees.
    fn context(&mut self, name: &str, item: Option<&str>, path: &str) -> Option<Value> {
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
        let chair = s.officers.iter().find(|o| o.role == "chair");
        let mut statement = None;
        let mut groups: Vec<Group> = Vec::new();
        let mut item_ctx = None;
        if name == "statements" {
            let Some(item_id) = item else {
                self.error(
                    path,
                    "the `statements` template needs `item:`",
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
            statement = Some(st);
            for other in &st.others {
                let (capacity, preposition) = match other.capacity.as_str() {
                    "observer" => ("observer", "for"),
                    _ => ("representative", "of"),
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
        if name == "officers/chair" && chair.is_none() {
            self.error(&format!("{path}.template"), "no officer with `role: chair`", "add the chair under `officers:`");
            return None;
        }
        if name == "agenda" && s.agenda.is_none() {
            self.error(&format!("{path}.template"), "there is no `agenda:`", "add the agenda as adopted");
            return None;
        }
        Some(minijinja::context! {
            meeting => Value::from_serialize(&meeting),
            attendance => Value::from_serialize(&s.attendance),
            agenda => Value::from_serialize(&s.agenda),
            officers => Value::from_serialize(&s.officers),
            chair => Value::from_serialize(chair),
            statement => Value::from_serialize(statement),
            others => Value::from_serialize(&groups),
            item => item_ctx,
            symbol => &s.symbol,
        })
    }

    /// The agenda as items: "1. Organizational matters:", "(a) Opening of the meeting;"…
    fn agenda_items(&mut self, path: &str) -> Vec<Item> {
        let Some(agenda) = &self.session.agenda else { return Vec::new() };
        agenda
            .items
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
        let mut content = self.markup(&item.title, &format!("{path}.template"), Zone::Body);
        content.push(Inline::text(end));
        Item { id: format!("agenda-{}", item.id), label, content, items: Vec::new() }
    }

    /// Parses markup at a data path and resolves it.
    fn markup(&mut self, text: &str, path: &str, zone: Zone) -> Vec<Inline> {
        match markup::parse(text) {
            Ok(spans) => self.resolve(&spans, path, zone),
            Err(e) => {
                let mut location = self.sources.locate(path);
                let single_line = !text.contains('\n');
                if let Some(loc) = location.as_mut().filter(|_| single_line && !path.ends_with(".template")) {
                    // Point into the text when the scalar sits on one line.
                    loc.column += e.offset;
                }
                let excerpt: String = text.chars().skip(e.offset).take(24).collect();
                self.diags
                    .push(Diagnostic::error(format!("{} (at `{excerpt}`)", e.message)).at(location).with_hint(e.hint));
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
                Span::Note(id) => self.cite(id, path, zone),
                Span::Ref { kind, first, last } => self.reference(*kind, first, last.as_deref(), path),
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

    fn cite(&mut self, id: &str, path: &str, zone: Zone) -> Inline {
        if zone == Zone::Footnote {
            self.error(path, format!("a footnote cannot cite footnote `{id}`"), "footnotes do not nest");
            return Inline::text("");
        }
        if !self.session.footnotes.contains_key(id) {
            let hint = match nearest(id, self.session.footnotes.keys().map(String::as_str)) {
                Some(n) => format!("did you mean `[^{n}]`? footnotes are defined under `footnotes:`"),
                None => "define it under `footnotes:`".to_string(),
            };
            self.error(path, format!("unknown footnote `{id}`"), hint);
            return Inline::text("");
        }
        if let Some(first) = self.cited.get(id) {
            let at = self.sources.locate(first).map(|l| format!(" (first at line {})", l.line)).unwrap_or_default();
            self.error(
                path,
                format!("footnote `{id}` is cited twice{at}"),
                "each footnote is cited once; define a second footnote for a second citation",
            );
            return Inline::text("");
        }
        self.cited.insert(id.to_string(), path.to_string());
        let marker = if zone == Zone::Cover {
            "*".repeat(self.citations.iter().filter(|c| c.marker.starts_with('*')).count() + 1)
        } else {
            let n = self.next_note;
            self.next_note += 1;
            n.to_string()
        };
        self.citations.push(Citation { id: id.to_string(), marker: marker.clone() });
        Inline::NoteRef { id: id.to_string(), marker }
    }

    fn reference(&mut self, kind: RefKind, first: &str, last: Option<&str>, path: &str) -> Inline {
        let want = match kind {
            RefKind::Chapter | RefKind::Chapters => TargetKind::Chapter,
            RefKind::Section => TargetKind::Section,
            RefKind::Para | RefKind::Paras => TargetKind::Paragraph,
        };
        let ranged = matches!(kind, RefKind::Chapters | RefKind::Paras);
        let (first, last) = match (ranged, last) {
            (true, Some(l)) => (first.to_string(), Some(l.to_string())),
            (true, None) => match self.split_range(first, want) {
                Some((a, b)) => (a, Some(b)),
                None => {
                    self.error(
                        path,
                        format!("`{first}` is not a range of two known ids"),
                        "write `{chapters:first..last}` with ids of this report",
                    );
                    return Inline::text(first);
                }
            },
            (false, _) => (first.to_string(), None),
        };
        let mut labels = Vec::new();
        for id in std::iter::once(&first).chain(last.as_ref()) {
            match self.targets.get(id) {
                Some(t) if t.kind == want => labels.push(t.label.clone()),
                Some(t) => {
                    let (found, wanted) = (format!("{:?}", t.kind).to_lowercase(), format!("{want:?}").to_lowercase());
                    self.error(
                        path,
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
                    self.error(path, format!("unknown cross-reference target `{id}`"), hint);
                    return Inline::text(id);
                }
            }
        }
        let noun = match want {
            TargetKind::Chapter => "chapter",
            TargetKind::Section => "section",
            TargetKind::Group => "group",
            TargetKind::Paragraph => "paragraph",
        };
        let text = match labels.as_slice() {
            [one] => format!("{noun} {one}"),
            [a, b] => format!("{noun}s {a}-{b}"),
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
    let basis = match (&p.text, &p.template) {
        (Some(text), _) => text.split_whitespace().take(6).collect::<Vec<_>>().join(" "),
        (None, Some(t)) => format!("{t} {}", p.item.as_deref().unwrap_or_default()),
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
    let same_kind = previous.is_some_and(|p| p.cite == def.cite);
    match def.cite.as_deref() {
        Some("unts") => {
            let (Some(vol), Some(no)) = (def.vol, def.no.as_deref()) else {
                return Err((
                    "a Treaty Series citation needs `vol` and `no`".into(),
                    "e.g. `{cite: unts, vol: 2237, no: \"39574\"}`".into(),
                ));
            };
            if same_kind {
                let p = previous.expect("same_kind implies previous");
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
        Some("sales") => {
            let Some(no) = def.no.as_deref() else {
                return Err(("a Sales number citation needs `no`".into(), "e.g. `{cite: sales, no: E.09.V.5}`".into()));
            };
            if same_kind && previous.is_some_and(|p| p.no == def.no) {
                return Ok(vec![ibid()]);
            }
            Ok(vec![Inline::text(format!("United Nations publication, Sales No. {no}."))])
        }
        other => Err((
            format!("unknown citation kind `{}`", other.unwrap_or_default()),
            "use `unts` (Treaty Series) or `sales` (United Nations publication), or write `text:`".into(),
        )),
    }
}

/// The candidate closest to `word` by edit distance, if reasonably close.
pub fn nearest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (levenshtein(&word.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb { prev } else { 1 + prev.min(row[j]).min(row[j + 1]) };
            prev = cur;
        }
    }
    row[b.len()]
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
    fn barcodes() {
        assert_eq!(barcode("V.09-82790 (E)").as_deref(), Some("*0982790*"));
    }

    #[test]
    fn ibid_decided_by_previous_footnote() {
        let unts =
            |vol, no: &str| FootnoteDef { cite: Some("unts".into()), vol: Some(vol), no: Some(no.into()), text: None };
        let sales = FootnoteDef { cite: Some("sales".into()), no: Some("E.09.V.5".into()), ..Default::default() };
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
        assert!(citation(&FootnoteDef { cite: Some("unts".into()), ..Default::default() }, None).is_err());
    }

    #[test]
    fn nearest_names() {
        assert_eq!(nearest("recomendations", ["recommendations", "introduction"].into_iter()), Some("recommendations"));
        assert_eq!(nearest("zzz", ["recommendations"].into_iter()), None);
    }
}
