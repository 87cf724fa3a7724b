//! Reads Akoma Ntoso 3.0 into a `Document` (which `from_document` turns into session data):
//! ours (as `crate::writers::akn` writes it) and other producers' meeting records —
//! `debateReport`, `debate` (debate sections, speeches, narrative, votes), `statement` (preface,
//! preamble with recitals, operative paragraphs: a resolution or decision quoted whole), `doc`,
//! and a `documentCollection` through its components.
//!
//! The root's namespace is resolved from its own declarations (`NsReader`); earlier versions
//! (AKN 2.0, the 3.0 drafts) and document types outside the genre (`act`, `bill`, `judgment`…)
//! are refused with an error naming what was found.
//!
//! Nothing is dropped: an element with no place in the session format keeps its text as
//! unnumbered narrative paragraphs (reported once per element kind); another producer's preface
//! is kept whole, its division numbers stay in the headings, paragraph numbers the report would
//! print differently stay in the text; eIds that collide are renamed with a warning. The masthead
//! is filled from what the file has (docTitle, docNumber, docDate/FRBRdate, FRBRauthor,
//! docStatus…), with a warning for each field guessed or left empty.
//!
//! Safety first: a DOCTYPE (and with it every entity declaration, the "billion laughs" bomb) is
//! refused before anything is expanded, as are unknown entities, documents nested deeper than
//! `MAX_DEPTH`, and truncated XML. All of these are errors, never panics.
//!
//! eIds come back as the document's ids (the writer made them from the session's ids), so a
//! session that goes to AKN and back keeps its identities. Inline elements become inlines: `i`
//! emphasis, `b` strong, `authorialNote` and `noteRef` footnotes, `ref` cross-references,
//! `organization`/`person`/`role` entities.

use std::collections::{BTreeMap, HashMap};

use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

use crate::diag::{Diagnostic, Diagnostics};
use crate::document::{
    Block, Contents, Division, DivisionKind, Document, Entity, EntityKind, Footnote, HeaderCell, Inline, Item,
    Masthead, Meta, Office, Officers, Paragraph, Table, plain_text,
};
use crate::import::{Origin, parse_date_span};
use crate::session::Date;
use crate::writers::akn::NAMESPACE;

/// Deeper than this is not a report.
const MAX_DEPTH: usize = 200;

/// A parsed element (local name, attributes, children).
#[derive(Debug, Clone, Default)]
pub(crate) struct El {
    pub(crate) name: String,
    /// The namespace the element's name resolves to, if any.
    pub(crate) namespace: Option<String>,
    pub(crate) attrs: Vec<(String, String)>,
    pub(crate) children: Vec<Node>,
}

#[derive(Debug, Clone)]
pub(crate) enum Node {
    El(El),
    Text(String),
}

impl El {
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    pub(crate) fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|n| if let Node::El(e) = n { Some(e) } else { None })
    }
    pub(crate) fn child(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }
    /// All text inside, without markup.
    pub(crate) fn text(&self) -> String {
        let mut s = String::new();
        fn walk(e: &El, s: &mut String) {
            for n in &e.children {
                match n {
                    Node::Text(t) => s.push_str(t),
                    Node::El(c) if c.name == "authorialNote" => {}
                    Node::El(c) => walk(c, s),
                }
            }
        }
        walk(self, &mut s);
        s
    }
    /// The first descendant with this name.
    fn find(&self, name: &str) -> Option<&El> {
        for e in self.elements() {
            if e.name == name {
                return Some(e);
            }
            if let Some(f) = e.find(name) {
                return Some(f);
            }
        }
        None
    }
}

fn local(name: &[u8]) -> String {
    let s = String::from_utf8_lossy(name);
    match s.rsplit_once(':') {
        Some((_, l)) => l.to_string(),
        None => s.into_owned(),
    }
}

fn err(message: impl Into<String>, hint: &str) -> Diagnostics {
    Diagnostic::error(message).with_hint(hint).into()
}

/// Line and column of a byte offset.
fn line_col(xml: &str, pos: usize) -> String {
    let pos = pos.min(xml.len());
    let before = &xml.as_bytes()[..pos];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let col = pos - before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1) + 1;
    format!("line {line}, column {col}")
}

/// Parses the XML into a tree, refusing DTDs, unknown entities, excessive depth and truncation.
pub(crate) fn parse(xml: &str) -> Result<El, Diagnostics> {
    // Names are resolved against their namespace declarations, so that the root's namespace
    // is its own (not whichever `xmlns:…` happens to come first).
    let mut reader = NsReader::from_str(xml);
    reader.config_mut().trim_text(false);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<El> = vec![El { name: "#document".into(), ..Default::default() }];
    loop {
        let pos = reader.buffer_position() as usize;
        let resolved = reader.read_resolved_event().map(|(ns, event)| {
            let namespace = match ns {
                ResolveResult::Bound(ns) => Some(String::from_utf8_lossy(ns.as_ref()).into_owned()),
                ResolveResult::Unbound | ResolveResult::Unknown(_) => None,
            };
            (namespace, event)
        });
        let (namespace, event) = resolved.map_err(|e| {
            err(
                format!("the XML is not well-formed at {}: {e}", line_col(xml, reader.error_position() as usize)),
                "the file may be truncated or damaged; check it with `xmllint --noout FILE`",
            )
        })?;
        match event {
            Event::DocType(_) => {
                return Err(err(
                    format!("the XML has a DOCTYPE ({}); refused", line_col(xml, pos)),
                    "Akoma Ntoso needs no DTD, and entity declarations can expand without bound (\"billion laughs\"); remove the DOCTYPE",
                ));
            }
            Event::Start(e) => {
                if stack.len() > MAX_DEPTH {
                    return Err(err(
                        format!("elements nested more than {MAX_DEPTH} deep ({})", line_col(xml, pos)),
                        "this is not a report",
                    ));
                }
                stack.push(El { namespace, ..element(&e, xml, pos)? });
            }
            Event::End(_) => {
                let el = stack.pop().expect("an open element");
                stack.last_mut().expect("the document").children.push(Node::El(el));
            }
            Event::Empty(e) => {
                let el = El { namespace, ..element(&e, xml, pos)? };
                stack.last_mut().expect("the document").children.push(Node::El(el));
            }
            Event::Text(t) => {
                let s = t
                    .decode()
                    .map_err(|e| err(format!("bad text at {}: {e}", line_col(xml, pos)), "the file must be UTF-8"))?;
                push_text(stack.last_mut().expect("the document"), &s);
            }
            Event::CData(t) => {
                let s = String::from_utf8_lossy(&t).into_owned();
                push_text(stack.last_mut().expect("the document"), &s);
            }
            Event::GeneralRef(r) => {
                let name = r
                    .decode()
                    .map_err(|e| err(format!("bad entity at {}: {e}", line_col(xml, pos)), "the file must be UTF-8"))?;
                let text = if let Some(c) = r.resolve_char_ref().ok().flatten() {
                    c.to_string()
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                    s.to_string()
                } else {
                    return Err(err(
                        format!("unknown entity `&{name};` at {}", line_col(xml, pos)),
                        "only the five XML entities (&amp; &lt; &gt; &quot; &apos;) and character references are allowed",
                    ));
                };
                push_text(stack.last_mut().expect("the document"), &text);
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if stack.len() > 1 {
        let open = stack.last().map(|e| e.name.clone()).unwrap_or_default();
        return Err(err(
            format!("the XML ends before <{open}> is closed: the file is truncated"),
            "get the whole file again",
        ));
    }
    let doc = stack.pop().expect("the document");
    doc.elements().next().cloned().ok_or_else(|| err("the file holds no XML element", "is this the right file?"))
}

fn element(e: &quick_xml::events::BytesStart<'_>, xml: &str, pos: usize) -> Result<El, Diagnostics> {
    let mut el = El { name: local(e.name().as_ref()), ..Default::default() };
    for a in e.attributes() {
        let a = a.map_err(|e| err(format!("bad attribute at {}: {e}", line_col(xml, pos)), "check the XML"))?;
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let value = a.unescape_value().map_err(|e| {
            err(format!("bad attribute value at {}: {e}", line_col(xml, pos)), "only the five XML entities are allowed")
        })?;
        el.attrs.push((key, value.into_owned()));
    }
    Ok(el)
}

fn push_text(el: &mut El, s: &str) {
    if let Some(Node::Text(t)) = el.children.last_mut() {
        t.push_str(s);
    } else {
        el.children.push(Node::Text(s.to_string()));
    }
}

/// The Akoma Ntoso versions other than the final 3.0, by namespace, as people name them.
fn version_of(namespace: &str) -> Option<String> {
    const DRAFTS: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0/";
    if let Some(v) = namespace.strip_prefix("http://www.akomantoso.org/") {
        return Some(format!("Akoma Ntoso {}", v.trim_end_matches('/')));
    }
    if let Some(draft) = namespace.strip_prefix(DRAFTS) {
        return Some(format!("the Akoma Ntoso 3.0 draft {}", draft.trim_end_matches('/')));
    }
    None
}

/// The document types this importer reads: the records of meetings and what they adopt.
const IN_GENRE: &[&str] = &["debateReport", "debate", "statement", "doc", "documentCollection"];

/// Reads the XML into a document; its ids are the file's eIds, to be kept (`Origin::keep_ids`).
pub fn read(xml: &str) -> Result<(Document, Origin, Vec<Diagnostic>), Diagnostics> {
    let mut root = parse(xml)?;
    if root.name != "akomaNtoso" {
        return Err(err(
            format!("the root element is <{}>, not <akomaNtoso>", root.name),
            "this is not an Akoma Ntoso document",
        ));
    }
    // The root's own namespace, whatever else it declares (`xmlns:xsi` for a schema
    // location, vendors' namespaces…).
    let namespace = root.namespace.clone().unwrap_or_else(|| "(none)".into());
    let doc_type = root.elements().next().map(|e| e.name.clone()).unwrap_or_default();
    let out_of_genre = !doc_type.is_empty() && !IN_GENRE.contains(&doc_type.as_str());
    if namespace != NAMESPACE {
        let found = match (root.namespace.as_deref(), version_of(&namespace)) {
            // SayIt-style exports write no namespace at all: the version cannot be told.
            (None, _) => "in no namespace, so its Akoma Ntoso version cannot be told".to_string(),
            (_, Some(v)) => format!("written in {v} (namespace `{namespace}`)"),
            (_, None) => format!("in namespace `{namespace}`, not Akoma Ntoso"),
        };
        let also = if out_of_genre {
            format!(", and it is a <{doc_type}>, which is not a meeting record")
        } else {
            String::new()
        };
        return Err(err(
            format!("the document is {found}{also}; only the final Akoma Ntoso 3.0 is read"),
            &if root.namespace.is_none() {
                format!(
                    "if it is Akoma Ntoso 3.0 (its ids in `eId`, not `id`), declare it on the root: <akomaNtoso xmlns=\"{NAMESPACE}\">"
                )
            } else {
                format!(
                    "Akoma Ntoso 3.0 documents use xmlns=\"{NAMESPACE}\"; convert earlier versions and drafts to it first"
                )
            },
        ));
    }
    if out_of_genre {
        return Err(err(
            format!(
                "the document is a <{doc_type}>, which is not a meeting record; only {} are imported",
                IN_GENRE.iter().map(|t| format!("<{t}>")).collect::<Vec<_>>().join(", ")
            ),
            "acts, bills, judgments and other legal documents have no place in a meeting report",
        ));
    }
    let mut warnings = Vec::new();
    rename_duplicate_ids(&mut root, &mut warnings);
    let Some(doc) = root.elements().find(|e| IN_GENRE.contains(&e.name.as_str())) else {
        return Err(err("no document under <akomaNtoso>", "expected <debateReport>, <debate>, <statement> or <doc>"));
    };
    let mut r = AknReader::new(doc);
    r.warnings = warnings;
    let mut draft = Out::default();
    if doc.name == "documentCollection" {
        // The components may stand inside the collection or after it, under the root.
        r.collection(doc, root.child("components"), &mut draft);
    } else {
        r.document(doc, &mut draft, true);
    }
    r.fill_masthead(doc, &mut draft);
    r.report_kinds();
    name_untitled(&mut draft);
    if r.foreign {
        keep_printed_numbers(&mut draft, &mut r.warnings);
        name_paragraphs(&mut draft);
    }
    let document = draft.document(std::mem::take(&mut r.footnotes), std::mem::take(&mut r.entities));
    Ok((document, Origin { keep_ids: true, lines: HashMap::new() }, r.warnings))
}

/// What the reader gathers: the masthead's fields, and the chapters and annexes.
#[derive(Default)]
struct Out {
    symbol: String,
    distribution: Option<String>,
    date: Option<Date>,
    original: Option<String>,
    language: Option<String>,
    organ: String,
    body: Option<String>,
    job_number: Option<String>,
    meeting_name: String,
    meeting_session: Option<String>,
    venue: String,
    dates: Vec<Date>,
    caption_item: Option<Vec<Inline>>,
    title: Vec<Inline>,
    chapters: Vec<Division>,
    annexes: Vec<Division>,
    contents: bool,
    /// Our writer's masthead variants (publisher, Official Records, addendum, rapporteur): only
    /// those fields of it are used.
    variants: Masthead,
    /// Our writer's `docAuthority` (empty when the top line has nothing).
    publisher: Option<String>,
}

impl Out {
    /// The document: the masthead printed as the report prints it (the caption's "Venue,
    /// dates" line in house style, which `from_document` reads back).
    fn document(mut self, footnotes: Vec<Footnote>, entities: BTreeMap<String, Entity>) -> Document {
        if let Some(or) = self.variants.official_records.as_mut() {
            or.organ = self.organ.clone();
        }
        let mut caption = vec![vec![Inline::text(&self.meeting_name)]];
        if let Some(s) = &self.meeting_session {
            caption.push(vec![Inline::text(s)]);
        }
        if !self.dates.is_empty() {
            let dates = crate::session::date::caption_range(&self.dates);
            caption.push(vec![Inline::text(format!("{}, {dates}", self.venue))]);
        }
        caption.extend(self.caption_item);
        let mut body = Vec::new();
        if self.contents {
            body.push(Block::Contents(Contents {
                id: "contents".into(),
                heading: "Contents".into(),
                columns: Contents::english_columns(),
                label_column: None,
                entries: vec![],
            }));
        }
        body.extend(self.chapters.into_iter().chain(self.annexes).map(Block::Division));
        Document {
            meta: Meta {
                slug: String::new(),
                language: self.language.unwrap_or_default(),
                date: self.date.map(|d| d.iso()).unwrap_or_default(),
                title: plain_text(&self.title),
                symbol: self.symbol.clone(),
                body_short: self.body.unwrap_or_default(),
            },
            masthead: Masthead {
                publisher: self.publisher.unwrap_or_else(|| "United Nations".into()),
                symbol: self.symbol,
                organ: self.organ,
                distribution: self.distribution.unwrap_or_default(),
                date: self.date.map(|d| d.long()).unwrap_or_default(),
                original: self.original.unwrap_or_default(),
                caption,
                title: self.title,
                job_number: self.job_number,
                barcode: None,
                ..self.variants
            },
            body,
            footnotes,
            entities: entities.into_values().collect(),
            review: None,
        }
    }
}

/// A division with no children yet.
fn division(kind: DivisionKind, id: Option<&str>, heading: Vec<Inline>) -> Division {
    Division { kind, id: id.unwrap_or_default().to_string(), num: None, heading, children: Vec::new() }
}

/// An unnumbered paragraph of narrative.
fn narrative(content: Vec<Inline>) -> Block {
    Block::Paragraph(Paragraph { id: String::new(), num: None, content, items: Vec::new() })
}

/// Nothing to print: no text and no note.
fn blank(inlines: &[Inline]) -> bool {
    plain_text(inlines).trim().is_empty() && !has_note(inlines)
}

fn has_note(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| matches!(i, Inline::NoteRef { .. }) || has_note(i.children()))
}

/// Appends text to inline content, joining it to the text before it.
fn push_str(out: &mut Vec<Inline>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(Inline::Text { text }) = out.last_mut() {
        text.push_str(s);
    } else {
        out.push(Inline::text(s));
    }
}

/// Inline contents joined by a space.
fn join(parts: Vec<Vec<Inline>>) -> Vec<Inline> {
    let mut out = Vec::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            push_str(&mut out, " ");
        }
        for inline in part {
            match inline {
                Inline::Text { text } => push_str(&mut out, &text),
                other => out.push(other),
            }
        }
    }
    out
}

/// Without spaces at either end.
fn trimmed(mut inlines: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text { text }) = inlines.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text }) = inlines.last_mut() {
        *text = text.trim_end().to_string();
    }
    inlines.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
    inlines
}

/// The paragraphs in the chapters (and their sections and groups) of the document, not those
/// of decisions or annexes.
fn chapter_paragraphs(draft: &mut Out) -> Vec<&mut Paragraph> {
    fn walk<'a>(blocks: &'a mut [Block], out: &mut Vec<&'a mut Paragraph>) {
        for b in blocks {
            match b {
                Block::Paragraph(p) => out.push(p),
                Block::Division(d) if matches!(d.kind, DivisionKind::Section | DivisionKind::Group) => {
                    walk(&mut d.children, out)
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for ch in &mut draft.chapters {
        walk(&mut ch.children, &mut out);
    }
    out
}

/// Gives every paragraph of another producer's document that has no eId an explicit, unique
/// id: ids derived from a paragraph's first words could collide ("1.2." and "1.2"), and a
/// collision stops the build.
fn name_paragraphs(draft: &mut Out) {
    use crate::import::{slug, unique};
    let mut used = crate::import::UsedIds::default();
    fn ids(blocks: &[Block], used: &mut crate::import::UsedIds) {
        for b in blocks {
            match b {
                Block::Division(d) => {
                    used.insert(d.id.clone());
                    ids(&d.children, used);
                }
                Block::Paragraph(p) if !p.id.is_empty() => {
                    used.insert(p.id.clone());
                }
                _ => {}
            }
        }
    }
    for ch in &draft.chapters {
        used.insert(ch.id.clone());
        ids(&ch.children, &mut used);
    }
    fn name(parent: &str, blocks: &mut [Block], used: &mut crate::import::UsedIds) {
        for b in blocks {
            match b {
                Block::Division(d) if matches!(d.kind, DivisionKind::Section | DivisionKind::Group) => {
                    name(&d.id.clone(), &mut d.children, used)
                }
                Block::Paragraph(p) if p.id.is_empty() => {
                    let words = slug(&plain_text(&p.content), 4);
                    let base = if words.is_empty() { format!("{parent}-p") } else { format!("{parent}-{words}") };
                    p.id = unique(&base, used);
                }
                _ => {}
            }
        }
    }
    for ch in &mut draft.chapters {
        name(&ch.id.clone(), &mut ch.children, &mut used);
    }
}

/// Another producer's paragraph numbers, when the report would not print the same ones (gaps,
/// "1bis", numbering restarting per division): the paragraphs are written unnumbered with
/// their printed number in front, so that no number is lost or changed.
fn keep_printed_numbers(draft: &mut Out, warnings: &mut Vec<Diagnostic>) {
    let numbered: Vec<&mut Paragraph> = chapter_paragraphs(draft).into_iter().filter(|p| p.num.is_some()).collect();
    let same = numbered
        .iter()
        .enumerate()
        .all(|(i, p)| p.num.as_deref().map(|n| n.trim_end_matches('.')) == Some(&(i + 1).to_string()));
    if same {
        return;
    }
    let n = numbered.len();
    for p in numbered {
        let num = p.num.take().unwrap_or_default();
        let mut content = vec![Inline::text(format!("{}. ", num.trim_end_matches('.')))];
        content.append(&mut p.content);
        p.content = join(vec![content]);
    }
    warnings.push(Diagnostic::warning(format!(
        "the {n} numbered paragraphs are not numbered 1, 2, 3… through the document: written unnumbered with their printed numbers"
    )));
}

/// Chapters, sections and groups without an eId get one from their title (or `part`): the
/// session derives ids from titles, and an untitled narrative chapter would have none.
fn name_untitled(draft: &mut Out) {
    use crate::import::{slug, unique};
    let mut used = crate::import::UsedIds::default();
    fn collect(blocks: &[Block], used: &mut crate::import::UsedIds) {
        for b in blocks {
            if let Block::Division(d) = b
                && matches!(d.kind, DivisionKind::Section | DivisionKind::Group)
            {
                if !d.id.is_empty() {
                    used.insert(d.id.clone());
                }
                collect(&d.children, used);
            }
        }
    }
    for ch in &draft.chapters {
        if !ch.id.is_empty() {
            used.insert(ch.id.clone());
        }
        collect(&ch.children, &mut used);
    }
    fn name(d: &mut Division, used: &mut crate::import::UsedIds) {
        if d.id.is_empty() {
            let base = slug(&plain_text(&d.heading), 3);
            d.id = unique(if base.is_empty() { "part" } else { &base }, used);
        }
        for b in &mut d.children {
            if let Block::Division(inner) = b
                && matches!(inner.kind, DivisionKind::Section | DivisionKind::Group)
            {
                name(inner, used);
            }
        }
    }
    for ch in &mut draft.chapters {
        name(ch, &mut used);
    }
}

/// Gives every element whose eId was already used a new one (`<eId>-2`…): a session's ids must
/// be unique. A repeat inside one document is a fault of the file and is reported, one warning
/// per renamed id; a repeat in another component of a collection is not (each component is a
/// document of its own, whose eIds are unique only within it), so those are renamed quietly and
/// counted in one line.
fn rename_duplicate_ids(root: &mut El, warnings: &mut Vec<Diagnostic>) {
    fn all_ids(e: &El, seen: &mut crate::import::UsedIds) {
        if let Some(id) = e.attr("eId") {
            seen.insert(id.to_string());
        }
        for c in e.elements() {
            all_ids(c, seen);
        }
    }
    struct Walk<'w> {
        /// eId → the document (by order of appearance) where it was first used.
        first: HashMap<String, usize>,
        used: crate::import::UsedIds,
        documents: usize,
        across: usize,
        warnings: &'w mut Vec<Diagnostic>,
    }
    impl Walk<'_> {
        fn walk(&mut self, e: &mut El, document: usize) {
            if e.name == "meta" {
                return;
            }
            // A component document (it has its own `meta`) scopes its eIds.
            let document = if e.child("meta").is_some() {
                self.documents += 1;
                self.documents
            } else {
                document
            };
            let becomes_an_id =
                is_hier(&e.name) || matches!(e.name.as_str(), "paragraph" | "item" | "authorialNote" | "recital");
            if let Some((_, id)) = e.attrs.iter_mut().find(|(k, _)| k == "eId").filter(|_| becomes_an_id) {
                match self.first.get(id.as_str()).copied() {
                    None => {
                        self.first.insert(id.clone(), document);
                    }
                    Some(at) => {
                        let new = crate::import::unique(id, &mut self.used);
                        if at == document {
                            self.warnings.push(Diagnostic::warning(format!(
                                "eId `{id}` is used more than once; this <{}> is renamed `{new}`",
                                e.name
                            )));
                        } else {
                            self.across += 1;
                        }
                        *id = new;
                    }
                }
            }
            for c in e.children.iter_mut() {
                if let Node::El(c) = c {
                    self.walk(c, document);
                }
            }
        }
    }
    let mut used = crate::import::UsedIds::default();
    all_ids(root, &mut used);
    let mut w = Walk { first: HashMap::new(), used, documents: 0, across: 0, warnings };
    w.walk(root, 0);
    if w.across > 0 {
        let n = w.across;
        w.warnings.push(Diagnostic::warning(format!(
            "{n} eId{} of one component of the collection also used in another renamed (`<eId>-2`…), since a session's ids are unique across the whole report",
            if n == 1 { "" } else { "s" }
        )));
    }
}

struct AknReader {
    warnings: Vec<Diagnostic>,
    /// The footnotes in the order they are met.
    footnotes: Vec<Footnote>,
    /// The people, organizations and roles the text marks up, by id.
    entities: BTreeMap<String, Entity>,
    /// TLC eId → the entity's own id (the last segment of its ontology href), since eIds may
    /// carry a suffix that made them unique.
    entity_ids: HashMap<String, String>,
    /// Element kinds kept as narrative because the session format has no place for them, with
    /// how many: reported once per kind.
    salvaged: BTreeMap<String, usize>,
    /// `meta/notes` by eId, for `noteRef`.
    notes: HashMap<String, El>,
    /// Another producer's document (not `debateReport name="meetingReport"` as ours).
    foreign: bool,
    /// TLC eId (or `id`) → the name it shows, for a `speech by="#…"` that names no speaker in a
    /// `<from>`.
    speakers: HashMap<String, String>,
}

impl AknReader {
    fn new(doc: &El) -> Self {
        let mut entity_ids = HashMap::new();
        let mut speakers = HashMap::new();
        if let Some(refs) = doc.child("meta").and_then(|m| m.child("references")) {
            for tlc in refs.elements() {
                if let (Some(id), Some(name)) = (tlc.attr("eId").or(tlc.attr("id")), tlc.attr("showAs")) {
                    speakers.insert(id.to_string(), name.trim().to_string());
                }
                if let (Some(eid), Some(href)) = (tlc.attr("eId"), tlc.attr("href"))
                    && href.starts_with("/akn/ontology/")
                    && let Some(last) = href.rsplit('/').next().filter(|l| !l.is_empty())
                {
                    entity_ids.insert(eid.to_string(), last.to_string());
                }
            }
        }
        let mut notes = HashMap::new();
        fn collect_notes(e: &El, notes: &mut HashMap<String, El>) {
            for c in e.elements() {
                if c.name == "meta" || c.name == "notes" {
                    collect_notes(c, notes);
                } else if c.name == "note"
                    && let Some(id) = c.attr("eId").or(c.attr("id"))
                {
                    notes.insert(id.to_string(), c.clone());
                }
            }
        }
        collect_notes(doc, &mut notes);
        let foreign = !(doc.name == "debateReport" && doc.attr("name") == Some("meetingReport"));
        AknReader {
            warnings: Vec::new(),
            footnotes: Vec::new(),
            entities: BTreeMap::new(),
            entity_ids,
            salvaged: BTreeMap::new(),
            notes,
            foreign,
            speakers,
        }
    }

    /// One document: its masthead (the first document only), preface, preamble, body and what
    /// follows the body, in order. Text with no place of its own becomes narrative. A
    /// `statement` (a resolution or decision) is the decision it records.
    fn document(&mut self, doc: &El, draft: &mut Out, first: bool) {
        if first {
            self.meta(doc, draft);
            self.front(doc, draft);
        } else {
            for part in ["coverPage", "preface"] {
                if let Some(el) = doc.child(part) {
                    self.narrative_chapter(el, draft);
                }
            }
        }
        if doc.name == "statement" && self.statement(doc, draft) {
            return;
        }
        for c in doc.elements() {
            match c.name.as_str() {
                "meta" | "coverPage" | "preface" => {}
                "mainBody" | "debateBody" | "body" | "judgmentBody" => self.body(c, draft),
                "attachments" | "components" => {
                    for inner in c.elements() {
                        self.component(inner, draft);
                    }
                }
                _ => self.narrative_chapter(c, draft),
            }
        }
    }

    /// A `statement` whose body is a resolution or decision — a preamble of recitals and
    /// operative paragraphs — read as that decision, quoted whole in a chapter of its own:
    /// the preamble's recitals are its preambular paragraphs, the body's paragraphs its
    /// operative ones. Returns false (nothing read) when the statement has no such body.
    fn statement(&mut self, doc: &El, draft: &mut Out) -> bool {
        let Some(body) = doc.child("mainBody") else { return false };
        // Operative paragraphs, straight in the body or in containers ("resolves", "instructs").
        if body.find("paragraph").is_none() || body.elements().any(|e| e.name == "chapter" || e.name == "section") {
            return false;
        }
        // "Resolution 70/1", "Decision 4/4": the number from the document's own fields.
        let name = doc.attr("name").unwrap_or("resolution").to_lowercase();
        let kind = if name.contains("decision") { "Decision" } else { "Resolution" };
        let number = doc
            .find("docNumber")
            .map(|n| n.text().trim().to_string())
            .filter(|n| !n.is_empty())
            .or_else(|| {
                doc.find("FRBRWork")
                    .and_then(|w| w.child("FRBRnumber"))
                    .and_then(|n| n.attr("showAs").or(n.attr("value")))
                    .map(str::to_string)
            })
            .unwrap_or_default();
        let number = number
            .rsplit_once(['/', ' '])
            .filter(|_| number.contains("RES/") || number.contains("DEC/"))
            .map(|(_, n)| n.to_string())
            .unwrap_or(number);
        let title = doc
            .find("docTitle")
            .or_else(|| doc.find("longTitle"))
            .map(|t| trimmed(self.inlines(t)))
            .unwrap_or_default();
        let mut decision = Division {
            kind: DivisionKind::Decision,
            id: doc.attr("eId").unwrap_or_default().to_string(),
            num: Some(format!("{kind} {number}").trim().to_string()),
            heading: if title.is_empty() { draft.title.clone() } else { title },
            children: Vec::new(),
        };
        // The preamble's formula and recitals: unnumbered paragraphs.
        if let Some(preamble) = doc.child("preamble") {
            for part in preamble.elements() {
                if part.name != "recitals" {
                    self.salvage_quiet(part, &mut decision.children);
                    continue;
                }
                for r in part.elements() {
                    if r.name != "recital" {
                        self.salvage_quiet(r, &mut decision.children);
                        continue;
                    }
                    // A recital is one paragraph, its printed label ("b)") in front.
                    let mut texts = Vec::new();
                    for c in r.elements() {
                        match c.name.as_str() {
                            "num" | "p" => texts.push(trimmed(self.inlines(c))),
                            _ => {
                                let mut found = Vec::new();
                                self.salvage_quiet(c, &mut found);
                                texts.extend(found.into_iter().filter_map(|b| match b {
                                    Block::Paragraph(p) => Some(p.content),
                                    _ => None,
                                }));
                            }
                        }
                    }
                    let content = trimmed(join(texts));
                    if !blank(&content) {
                        decision.children.push(Block::Paragraph(Paragraph {
                            id: r.attr("eId").unwrap_or_default().to_string(),
                            num: None,
                            content,
                            items: Vec::new(),
                        }));
                    }
                }
            }
        }
        self.operative(body, &mut decision.children);
        // The chapter that holds it is named as the other parts outside a chapter are.
        let mut chapter = division(DivisionKind::Chapter, None, self.untitled(body));
        chapter.children.push(Block::Division(decision));
        draft.chapters.push(chapter);
        for c in doc.elements() {
            match c.name.as_str() {
                "meta" | "coverPage" | "preface" | "preamble" | "mainBody" => {}
                "attachments" | "components" => {
                    for inner in c.elements() {
                        self.component(inner, draft);
                    }
                }
                _ => self.narrative_chapter(c, draft),
            }
        }
        true
    }

    /// The operative part of a statement: numbered paragraphs (numbered 1, 2… inside the
    /// decision; a printed number that differs stays in front of the text), and the headings
    /// of the containers that group them ("*resolves*") as unnumbered paragraphs.
    fn operative(&mut self, e: &El, out: &mut Vec<Block>) {
        for c in e.elements() {
            match c.name.as_str() {
                "paragraph" => {
                    let mut p = self.paragraph(c);
                    let expected =
                        out.iter().filter(|b| matches!(b, Block::Paragraph(q) if q.num.is_some())).count() + 1;
                    if let Some(num) = p.num.clone()
                        && num.trim_end_matches('.') != expected.to_string()
                    {
                        let mut content = vec![Inline::text(format!("{num} "))];
                        content.append(&mut p.content);
                        p.content = join(vec![content]);
                        p.num = None;
                    }
                    out.push(Block::Paragraph(p));
                }
                "num" | "heading" | "subheading" => {
                    let content = trimmed(self.inlines(c));
                    if !blank(&content) {
                        out.push(narrative(content));
                    }
                }
                n if is_hier(n) || matches!(n, "intro" | "wrapUp" | "content") => self.operative(c, out),
                _ => self.salvage_quiet(c, out),
            }
        }
    }

    /// A `documentCollection`: its `doc` (and other in-genre) components are read in order,
    /// the first giving the masthead; other components (a `bill`…) are reported and their text
    /// kept as narrative, so that nothing is lost.
    fn collection(&mut self, coll: &El, outside: Option<&El>, draft: &mut Out) {
        self.meta(coll, draft);
        self.front(coll, draft);
        let mut first = true;
        for c in coll.elements() {
            match c.name.as_str() {
                "meta" | "coverPage" | "preface" => {}
                "collectionBody" | "components" | "attachments" => {
                    for comp in c.elements() {
                        if comp.name == "component" && comp.elements().all(|e| e.name == "documentRef") {
                            continue; // the components themselves follow in <components>
                        }
                        self.component_first(comp, draft, &mut first);
                    }
                }
                _ => self.narrative_chapter(c, draft),
            }
        }
        for comp in outside.iter().flat_map(|c| c.elements()) {
            self.component_first(comp, draft, &mut first);
        }
    }

    fn component_first(&mut self, comp: &El, draft: &mut Out, first: &mut bool) {
        let inner: Vec<&El> = if matches!(comp.name.as_str(), "component" | "attachment") {
            comp.elements().collect()
        } else {
            vec![comp]
        };
        for d in inner {
            if d.child("meta").is_none() {
                self.narrative_chapter(d, draft);
                continue;
            }
            if !IN_GENRE.contains(&d.name.as_str()) {
                self.warnings.push(Diagnostic::warning(format!(
                    "the collection's component <{}>{} is not a meeting record: refused as a component, its text is kept as narrative",
                    d.name,
                    d.attr("name").map(|n| format!(" \"{n}\"")).unwrap_or_default()
                )));
                self.narrative_chapter(d, draft);
                continue;
            }
            if *first && draft.title.is_empty() {
                self.meta(d, draft);
                self.front(d, draft);
                *first = false;
                if d.name == "statement" && self.statement(d, draft) {
                    continue;
                }
                for c in d.elements().filter(|c| !matches!(c.name.as_str(), "meta" | "coverPage" | "preface")) {
                    self.document_part(c, draft);
                }
            } else {
                self.document(d, draft, false);
            }
        }
    }

    fn document_part(&mut self, c: &El, draft: &mut Out) {
        match c.name.as_str() {
            "mainBody" | "debateBody" | "body" | "judgmentBody" => self.body(c, draft),
            "attachments" | "components" => {
                for inner in c.elements() {
                    self.component(inner, draft);
                }
            }
            _ => self.narrative_chapter(c, draft),
        }
    }

    /// An attachment or component of a document: read as a further document.
    fn component(&mut self, comp: &El, draft: &mut Out) {
        let mut first = false;
        self.component_first(comp, draft, &mut first);
    }

    /// Text that stands outside the body (a preamble, conclusions, a preface's other lines):
    /// an untitled chapter of unnumbered narrative paragraphs, its heading kept if it has one.
    fn narrative_chapter(&mut self, e: &El, draft: &mut Out) {
        let mut paragraphs = Vec::new();
        self.salvage(e, &mut paragraphs);
        if !paragraphs.is_empty() {
            let mut ch = division(DivisionKind::Chapter, None, self.untitled(e));
            ch.children = paragraphs;
            draft.chapters.push(ch);
        }
    }

    /// The title of a chapter made for text outside any chapter: in another producer's
    /// document the element's heading, or its kind in words ("Preamble", "Main body"), since a
    /// chapter prints a heading; in ours none (our writer puts no text there).
    fn untitled(&mut self, e: &El) -> Vec<Inline> {
        if !self.foreign {
            return Vec::new();
        }
        if let Some(h) = e.child("heading") {
            let t = trimmed(self.inlines(h));
            if !blank(&t) {
                return t;
            }
        }
        vec![Inline::text(humanize(&e.name))]
    }

    /// Fills the masthead fields a build needs from what the file has, and warns for each one
    /// it had to guess or leave empty.
    fn fill_masthead(&mut self, doc: &El, draft: &mut Out) {
        let meta = doc.find("meta");
        let work = meta.and_then(|m| m.find("FRBRWork"));
        if draft.title.is_empty() {
            let long_title = doc.find("longTitle").map(|t| plain_text(&trimmed(self.inlines(t))));
            // FRBRname (the OASIS examples), or FRBRalias name="title" (Laws.Africa, Indigo).
            let name = work
                .and_then(|w| {
                    w.child("FRBRname")
                        .or_else(|| w.elements().find(|e| e.name == "FRBRalias" && e.attr("name") == Some("title")))
                })
                .and_then(|n| n.attr("value"))
                .map(str::trim)
                // Editors write "Untitled" there until someone names the document.
                .filter(|n| !n.is_empty() && !n.eq_ignore_ascii_case("untitled"))
                .map(str::to_string);
            match long_title.filter(|t| !t.is_empty()).or(name) {
                Some(t) => {
                    self.warnings.push(Diagnostic::warning(format!("no <docTitle>: the title is taken as `{t}`")));
                    draft.title = vec![Inline::text(t)];
                }
                None => self.warnings.push(Diagnostic::warning("no title in the file: `title` left empty")),
            }
        }
        if draft.symbol.is_empty() {
            let number = doc.find("docketNumber").map(|n| n.text().trim().to_string()).or_else(|| {
                work.and_then(|w| w.child("FRBRnumber").or(w.child("FRBRuri")))
                    .and_then(|n| n.attr("showAs").or(n.attr("value")))
                    .map(str::to_string)
            });
            match number.filter(|n| !n.is_empty()) {
                Some(n) => {
                    self.warnings.push(Diagnostic::warning(format!("no <docNumber>: the symbol is taken as `{n}`")));
                    draft.symbol = n;
                }
                None => self.warnings.push(Diagnostic::warning("no document number in the file: `symbol` left empty")),
            }
        }
        if draft.date.is_none() {
            let d = meta
                .and_then(|m| m.find("FRBRExpression").or(work))
                .and_then(|e| e.child("FRBRdate"))
                .and_then(|d| d.attr("date"))
                .and_then(|d| Date::parse(d.get(..10).unwrap_or(d)).ok());
            match d {
                Some(d) => {
                    self.warnings.push(Diagnostic::warning(format!(
                        "no <docDate>: the date is taken from FRBRdate ({})",
                        d.iso()
                    )));
                    draft.date = Some(d);
                }
                None => self.warnings.push(Diagnostic::warning("no date in the file: `date` left empty")),
            }
        }
        if draft.organ.is_empty() {
            let author = work.and_then(|w| w.child("FRBRauthor")).and_then(|a| a.attr("href")).unwrap_or("");
            let id = author.trim_start_matches('#');
            let tlc = meta.and_then(|m| m.find("references")).and_then(|r| {
                r.elements()
                    .find(|t| t.attr("eId") == Some(id) || t.attr("id") == Some(id))
                    .and_then(|t| t.attr("showAs"))
            });
            let organ = tlc.map(str::to_string).or_else(|| {
                let last = id.rsplit('/').next().unwrap_or("");
                (!last.is_empty()).then(|| last.to_string())
            });
            match organ {
                Some(o) => {
                    self.warnings.push(Diagnostic::warning(format!(
                        "no <docProponent>: the organ is taken from FRBRauthor as `{o}`"
                    )));
                    draft.organ = o;
                }
                None => self.warnings.push(Diagnostic::warning("no organ in the file: `organ` left empty")),
            }
        }
        if draft.meeting_name.is_empty() {
            draft.meeting_name = draft.organ.clone();
            self.warnings.push(Diagnostic::warning(format!(
                "no meeting caption: the meeting's name is taken as the organ (`{}`)",
                draft.meeting_name
            )));
        }
        if draft.dates.is_empty() {
            if let Some(d) = draft.date {
                draft.dates = vec![d];
                self.warnings.push(Diagnostic::warning(format!(
                    "no meeting dates: the meeting is dated {} (the document's date)",
                    d.iso()
                )));
            } else {
                self.warnings.push(Diagnostic::warning("no meeting dates in the file: `meeting.dates` left empty"));
            }
        }
        if draft.venue.is_empty() && self.foreign {
            let venue = meta
                .and_then(|m| m.find("references"))
                .and_then(|r| r.elements().find(|t| t.name == "TLCLocation"))
                .and_then(|t| t.attr("showAs"))
                .map(str::to_string);
            match venue {
                Some(v) => {
                    self.warnings
                        .push(Diagnostic::warning(format!("no venue in a caption: taken as `{v}` (TLCLocation)")));
                    draft.venue = v;
                }
                None => self.warnings.push(Diagnostic::warning("no venue in the file: `meeting.venue` left empty")),
            }
        }
    }

    /// One warning per kind of element kept as narrative.
    fn report_kinds(&mut self) {
        for (kind, n) in std::mem::take(&mut self.salvaged) {
            self.warnings.push(Diagnostic::warning(format!(
                "<{kind}> has no place in the session format: its text is kept as narrative ({n} element{})",
                if n == 1 { "" } else { "s" }
            )));
        }
    }

    fn meta(&mut self, doc: &El, draft: &mut Out) {
        let Some(meta) = doc.child("meta") else { return };
        if let Some(work) = meta.find("FRBRWork") {
            if let Some(uri) = work.child("FRBRuri").and_then(|u| u.attr("value")) {
                let parts: Vec<&str> = uri.split('/').collect();
                // /akn/un/debateReport/meetingReport/<body>/<date>/<symbol>
                if parts.len() >= 8 && parts[1] == "akn" && parts[3] == "debateReport" {
                    draft.body = Some(parts[5].to_string());
                }
            }
            if let Some(n) = work.child("FRBRnumber").filter(|_| !self.foreign) {
                draft.symbol = n.attr("showAs").or(n.attr("value")).unwrap_or("").to_string();
            }
            if let Some(d) = work.child("FRBRdate").and_then(|d| d.attr("date")) {
                draft.date = Date::parse(d).ok();
            }
        }
        if let Some(lang) = meta.find("FRBRlanguage").and_then(|l| l.attr("language")) {
            draft.language = Some(bcp47(lang));
        }
    }

    /// coverPage and preface: the masthead.
    fn front(&mut self, doc: &El, draft: &mut Out) {
        let mut caption = Vec::new();
        for part in ["coverPage", "preface"] {
            let Some(el) = doc.child(part) else { continue };
            let mut leftovers = Vec::new();
            for p in el.elements() {
                if p.attr("class") == Some("caption") {
                    caption.push(p);
                    continue;
                }
                // Our writer's lines under the title: an addendum's part, the rapporteur.
                if !self.foreign && p.attr("class") == Some("part") {
                    let part = trimmed(self.inlines(p));
                    if let Some(a) = draft.variants.addendum.as_mut() {
                        a.part = part;
                    }
                    continue;
                }
                self.front_fields(p, draft, &mut Vec::new());
                // Another producer's preface says more than the masthead fields (a long
                // title, a session line, a date as printed…): its lines are kept as narrative,
                // so that none of its words is lost.
                if self.foreign && p.text().chars().any(char::is_alphanumeric) {
                    leftovers.push(p);
                }
            }
            if !leftovers.is_empty() {
                let mut paragraphs = Vec::new();
                for p in leftovers {
                    self.salvage_quiet(p, &mut paragraphs);
                }
                self.warnings.push(Diagnostic::warning(format!(
                    "the <{part}> says more than the masthead: {} line{} kept as narrative at the start",
                    paragraphs.len(),
                    if paragraphs.len() == 1 { "" } else { "s" }
                )));
                let mut ch = division(DivisionKind::Chapter, None, self.untitled(el));
                ch.children = paragraphs;
                draft.chapters.push(ch);
            }
        }
        for (i, p) in caption.into_iter().enumerate() {
            let plain = p.text();
            if i == 0 {
                draft.meeting_name = plain;
            } else if let Some((venue, span)) = plain.split_once(", ")
                && let Some(days) = parse_date_span(span)
            {
                draft.venue = venue.to_string();
                draft.dates = days;
            } else if plain.starts_with("Item") {
                draft.caption_item = Some(trimmed(self.inlines(p)));
            } else if draft.meeting_session.is_none() && plain.to_lowercase().ends_with("session") {
                draft.meeting_session = Some(plain);
            } else {
                self.warnings.push(Diagnostic::warning(format!(
                    "caption line not understood: `{plain}`; kept as narrative at the start"
                )));
                let mut paragraphs = Vec::new();
                self.salvage_quiet(p, &mut paragraphs);
                let mut ch = division(DivisionKind::Chapter, None, self.untitled(p));
                ch.children = paragraphs;
                draft.chapters.insert(0, ch);
            }
        }
    }

    /// The masthead fields in a preface line; `taken` gets the text of each field read.
    fn front_fields(&mut self, el: &El, draft: &mut Out, taken: &mut Vec<String>) {
        for e in el.elements() {
            let field = matches!(e.name.as_str(), "docNumber" | "docProponent" | "docDate" | "docTitle" | "docStatus")
                || matches!(e.attr("name"), Some("distribution" | "originalLanguage" | "jobNumber"));
            if field && e.name != "docNumber" || (e.name == "docNumber" && draft.symbol.is_empty()) {
                taken.push(e.text());
            }
            match (e.name.as_str(), e.attr("name")) {
                ("docStatus", _) => {
                    // "Distr.: Limited", "Distr. GENERAL"
                    let t = e.text();
                    let word = t.trim().trim_start_matches("Distr.").trim_start_matches(':').trim();
                    let mut chars = word.chars();
                    if let Some(first) = chars.next() {
                        let value: String = first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect();
                        if matches!(value.as_str(), "General" | "Limited" | "Restricted") {
                            draft.distribution = Some(value);
                        } else {
                            self.warnings.push(Diagnostic::warning(format!(
                                "<docStatus> `{}` is not a distribution (General, Limited, Restricted): `distribution` left as General",
                                t.trim()
                            )));
                        }
                    }
                }
                ("docNumber", _) => {
                    if draft.symbol.is_empty() {
                        draft.symbol = e.text().trim().to_string();
                    }
                }
                ("docProponent", _) => draft.organ = e.text().trim().to_string(),
                ("docDate", _) => {
                    if let Some(d) = e.attr("date").and_then(|d| Date::parse(d).ok()) {
                        draft.date = Some(d);
                    }
                }
                ("docTitle", _) => draft.title = self.inlines(e),
                ("inline", Some(name @ ("distribution" | "originalLanguage"))) => {
                    let mut value = e.text().trim().to_string();
                    // Our writer's pre-2000 masthead prints them in capitals ("GENERAL").
                    if !self.foreign && value.len() > 1 && value.chars().all(|c| !c.is_lowercase()) {
                        draft.variants.style = crate::document::MastheadStyle::Capitals;
                        let lower = value.to_lowercase();
                        let mut chars = lower.chars();
                        value = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
                    }
                    if name == "distribution" {
                        draft.distribution = Some(value);
                    } else {
                        draft.original = Some(value);
                    }
                }
                ("inline", Some("jobNumber")) => draft.job_number = Some(e.text().trim().to_string()),
                ("docAuthority", _) if !self.foreign => draft.publisher = Some(e.text().trim().to_string()),
                ("inline", Some(name @ ("officialRecords" | "session" | "supplement"))) if !self.foreign => {
                    let or = draft.variants.official_records.get_or_insert_with(|| crate::document::OfficialRecords {
                        organ: String::new(),
                        label: String::new(),
                        session: String::new(),
                        supplement: String::new(),
                    });
                    let value = e.text().trim().to_string();
                    match name {
                        "officialRecords" => or.label = value,
                        "session" => or.session = value,
                        _ => or.supplement = value,
                    }
                }
                ("inline", Some("addendum")) if !self.foreign => {
                    draft.variants.addendum =
                        Some(crate::document::Addendum { label: e.text().trim().to_string(), part: Vec::new() })
                }
                ("inline", Some("rapporteur")) if !self.foreign => {
                    draft.variants.rapporteur = Some(trimmed(self.inlines(e)))
                }
                _ => self.front_fields(e, draft, taken),
            }
        }
    }

    fn body(&mut self, body: &El, draft: &mut Out) {
        for e in body.elements() {
            match e.name.as_str() {
                "paragraph" => {
                    // Paragraphs before any chapter: an untitled chapter holds them.
                    if draft.chapters.is_empty() {
                        draft.chapters.push(division(DivisionKind::Chapter, None, self.untitled(body)));
                        self.warnings
                            .push(Diagnostic::warning("paragraphs outside any chapter; put into an untitled chapter"));
                    }
                    let p = self.paragraph(e);
                    draft.chapters.last_mut().expect("a chapter").children.push(Block::Paragraph(p));
                }
                // Generated again from the headings.
                "hcontainer" if matches!(e.attr("name"), Some("contents")) => draft.contents = true,
                "hcontainer" if matches!(e.attr("name"), Some("annex")) => {
                    let annex = self.annex(e);
                    draft.annexes.push(annex);
                }
                "hcontainer" if matches!(e.attr("name"), Some("decision" | "table" | "officers")) => {
                    if draft.chapters.is_empty() {
                        draft.chapters.push(division(DivisionKind::Chapter, None, self.untitled(body)));
                    }
                    let b = self.special(e);
                    draft.chapters.last_mut().expect("a chapter").children.push(b);
                }
                _ if is_hier(&e.name) => {
                    let ch = self.division(e, DivisionKind::Chapter);
                    draft.chapters.push(ch);
                }
                _ => {
                    let mut paragraphs = Vec::new();
                    self.salvage(e, &mut paragraphs);
                    let has_sections = |ch: &Division| {
                        ch.children.iter().any(|b| matches!(b, Block::Division(d) if d.kind == DivisionKind::Section))
                    };
                    match draft.chapters.last_mut() {
                        Some(ch) if !has_sections(ch) => ch.children.extend(paragraphs),
                        _ if paragraphs.is_empty() => {}
                        _ => {
                            let mut ch = division(DivisionKind::Chapter, None, self.untitled(e));
                            ch.children = paragraphs;
                            draft.chapters.push(ch);
                        }
                    }
                }
            }
        }
    }

    /// Counts an element kind kept as narrative (reported once per kind by `report_kinds`).
    fn note_salvaged(&mut self, e: &El) {
        let what = e.attr("name").map(|n| format!("{} name=\"{n}\"", e.name)).unwrap_or_else(|| e.name.clone());
        *self.salvaged.entry(what).or_default() += 1;
    }

    /// Text in an element the session format has no place for (a `speech`, `narrative`,
    /// `recitals`, `conclusions`…): every block of text in it — an element holding text of its
    /// own (`p`, `from`, `num`, `heading`…) — becomes an unnumbered paragraph, in order; nothing
    /// is lost. The kind is reported once.
    fn salvage(&mut self, e: &El, out: &mut Vec<Block>) {
        fn has_own_text(e: &El) -> bool {
            e.children.iter().any(|n| matches!(n, Node::Text(t) if !t.trim().is_empty()))
        }
        fn collect<'a>(e: &'a El, found: &mut Vec<&'a El>) {
            if e.name == "authorialNote" || e.name == "meta" {
                return;
            }
            if has_own_text(e) || (e.name == "p" && e.elements().next().is_some()) {
                found.push(e);
                return;
            }
            for c in e.elements() {
                collect(c, found);
            }
        }
        let mut found = Vec::new();
        collect(e, &mut found);
        if found.is_empty() && !e.text().trim().is_empty() {
            found.push(e);
        }
        if found.is_empty() && e.find("authorialNote").is_none() {
            return;
        }
        if e.name != "p" {
            self.note_salvaged(e);
        }
        // A speech (question, answer…) that says who spoke only in `by`: the speaker's name
        // stands first, as a `<from>` would print it.
        if let Some(by) = e.attr("by").filter(|_| e.child("from").is_none()) {
            let id = by.trim().trim_start_matches('#');
            let name = self.speakers.get(id).cloned().unwrap_or_else(|| id.to_string());
            if !name.is_empty() {
                out.push(narrative(vec![Inline::text(format!("{name}:"))]));
            }
        }
        for p in found {
            let content = trimmed(self.inlines(p));
            if blank(&content) {
                continue;
            }
            out.push(narrative(content));
        }
    }

    /// `salvage` without counting the element as having no place (its container has one).
    fn salvage_quiet(&mut self, e: &El, out: &mut Vec<Block>) {
        let before = self.salvaged.clone();
        self.salvage(e, out);
        self.salvaged = before;
    }

    /// A chapter's, section's or group's heading; in another producer's document with its own
    /// number ("Article 3", "Part A") in front, since the report numbers its divisions its own
    /// way and the printed number must not be lost.
    fn title(&mut self, e: &El) -> Vec<Inline> {
        let heading = self.heading(e);
        let num = e.child("num").filter(|_| self.foreign).map(|n| trimmed(self.inlines(n)));
        match num {
            Some(num) if !blank(&num) && blank(&heading) => num,
            Some(num) if !blank(&num) => join(vec![num, heading]),
            _ if blank(&heading) && self.foreign => {
                // A heading must print something: the division's name, or its kind.
                match e.attr("name").filter(|n| !n.is_empty()) {
                    Some(n) => vec![Inline::text(humanize(n))],
                    None => self.untitled(e),
                }
            }
            _ => heading,
        }
    }

    fn heading(&mut self, e: &El) -> Vec<Inline> {
        e.child("heading").map(|h| trimmed(self.inlines(h))).unwrap_or_default()
    }

    /// A chapter (or a section, or a group): its paragraphs, tables, decisions and the
    /// divisions under it. Below group level the report has no headings: a deeper division's
    /// heading becomes a paragraph and its paragraphs go to the group (reported).
    fn division(&mut self, e: &El, kind: DivisionKind) -> Division {
        let mut d = division(kind, e.attr("eId"), self.title(e));
        // Our own writer prints the label the assembler gave; kept for references to ranges.
        if !self.foreign {
            d.num = e.child("num").map(|n| n.text().trim().to_string()).filter(|n| !n.is_empty());
        }
        let mut children = Vec::new();
        self.division_children(e, kind, &mut children);
        d.children = children;
        d
    }

    fn division_children(&mut self, e: &El, kind: DivisionKind, out: &mut Vec<Block>) {
        for c in e.elements() {
            match c.name.as_str() {
                "num" | "heading" => {}
                "subheading" => self.salvage_quiet(c, out),
                "paragraph" => out.push(Block::Paragraph(self.paragraph(c))),
                "content" | "intro" | "wrapUp" => self.loose_blocks(c, out),
                "hcontainer" if matches!(c.attr("name"), Some("decision" | "table" | "officers")) => {
                    out.push(self.special(c))
                }
                // A rule of procedure, as our writer writes it.
                "rule" if !self.foreign => out.push(Block::Division(self.division(c, DivisionKind::Rule))),
                "hcontainer" if kind != DivisionKind::Group && matches!(c.attr("name"), Some("annex" | "contents")) => {
                    self.salvage(c, out)
                }
                n if is_hier(n) && kind == DivisionKind::Chapter => {
                    out.push(Block::Division(self.division(c, DivisionKind::Section)))
                }
                n if is_hier(n) && kind == DivisionKind::Section => {
                    out.push(Block::Division(self.division(c, DivisionKind::Group)))
                }
                n if is_hier(n) => {
                    self.warnings.push(Diagnostic::warning(format!(
                        "<{n}> below group level: its heading becomes a paragraph and its paragraphs go to the group"
                    )));
                    let title = self.title(c);
                    if !blank(&title) {
                        out.push(narrative(title));
                    }
                    self.division_children(c, kind, out);
                }
                _ => self.salvage(c, out),
            }
        }
    }

    /// A table or a decision, read whole.
    fn special(&mut self, e: &El) -> Block {
        let id = e.attr("eId").unwrap_or_default().to_string();
        if e.attr("name") == Some("table") {
            let caption = self.heading(e);
            let mut header = Vec::new();
            let mut rows = Vec::new();
            if let Some(table) = e.child("content").and_then(|c| c.child("table")) {
                // The header: the rows of `th` cells before the first other row, with their
                // spans (`colspan`, `rowspan`; a span that is not a number counts 1).
                let span = |c: &El, name: &str| c.attr(name).and_then(|v| v.trim().parse().ok()).unwrap_or(1).max(1);
                for tr in table.elements().filter(|t| t.name == "tr") {
                    let cells: Vec<&El> = tr.elements().filter(|c| c.name == "th" || c.name == "td").collect();
                    if !cells.is_empty() && cells.iter().all(|c| c.name == "th") && rows.is_empty() {
                        let row = cells
                            .iter()
                            .map(|c| HeaderCell::spanning(self.cell(c), span(c, "colspan"), span(c, "rowspan")))
                            .collect();
                        header.push(row);
                    } else {
                        rows.push(cells.iter().map(|c| self.cell(c)).collect());
                    }
                }
            }
            // "Table 1" as printed, where the file gives it (a table printed without one has none).
            let num = e.child("num").map(|n| n.text().trim().to_string()).filter(|n| !n.is_empty());
            return Block::Table(Table { id, num, caption, header, rows });
        }
        if e.attr("name") == Some("officers") {
            return Block::Officers(self.officers(e, id));
        }
        // "Resolution 9/1" / "Decision 4/4": the label; its paragraphs, preambular (unnumbered)
        // then operative (numbered).
        let mut d = Division {
            kind: DivisionKind::Decision,
            id,
            num: e.child("num").map(|n| n.text().trim().to_string()),
            heading: self.heading(e),
            children: Vec::new(),
        };
        for c in e.elements().filter(|c| c.name == "paragraph") {
            d.children.push(Block::Paragraph(self.paragraph(c)));
        }
        Block::Division(d)
    }

    /// Officers by office, as our writer writes them: a list whose items are the offices (the
    /// label as `num`, the role as `class`), each holder a `p`.
    fn officers(&mut self, e: &El, id: String) -> Officers {
        let mut offices = Vec::new();
        let items = e.child("content").and_then(|c| c.child("blockList")).into_iter().flat_map(|l| l.elements());
        for item in items.filter(|i| i.name == "item") {
            let label = item.child("num").map(|n| n.text().trim().to_string()).unwrap_or_default();
            let role = item
                .attr("class")
                .and_then(crate::session::OfficerRole::from_key)
                .or_else(|| crate::import::officers::office(&label));
            let Some(role) = role else {
                self.warnings.push(Diagnostic::warning(format!("office `{label}` not understood; left out")));
                continue;
            };
            let holders = item.elements().filter(|p| p.name == "p").map(|p| trimmed(self.inlines(p))).collect();
            offices.push(Office { role: role.key().to_string(), label, holders });
        }
        Officers { id, offices }
    }

    /// A table cell's text (its `p`s joined).
    fn cell(&mut self, c: &El) -> Vec<Inline> {
        let parts: Vec<Vec<Inline>> = c.elements().filter(|p| p.name == "p").map(|p| self.inlines(p)).collect();
        trimmed(if parts.is_empty() { self.inlines(c) } else { join(parts) })
    }

    /// An annex: its paragraphs, tables, decisions and sections (a generated one is recognised
    /// by its shape when the document becomes a session).
    fn annex(&mut self, e: &El) -> Division {
        let mut annex = division(DivisionKind::Annex, e.attr("eId"), self.heading(e));
        annex.num = e.child("num").map(|n| n.text().trim().to_string());
        for c in e.elements().filter(|c| !matches!(c.name.as_str(), "num" | "heading")) {
            match c.name.as_str() {
                "paragraph" => {
                    let p = self.paragraph(c);
                    annex.children.push(Block::Paragraph(p));
                }
                "hcontainer" if matches!(c.attr("name"), Some("decision" | "table" | "officers")) => {
                    let b = self.special(c);
                    annex.children.push(b);
                }
                "section" => {
                    let s = self.division(c, DivisionKind::Section);
                    annex.children.push(Block::Division(s));
                }
                "rule" if !self.foreign => {
                    let r = self.division(c, DivisionKind::Rule);
                    annex.children.push(Block::Division(r));
                }
                _ => self.salvage(c, &mut annex.children),
            }
        }
        annex
    }

    /// `<p>`s straight in a container: unnumbered paragraphs.
    fn loose_blocks(&mut self, e: &El, out: &mut Vec<Block>) {
        for p in e.elements() {
            if p.name == "p" {
                let content = trimmed(self.inlines(p));
                out.push(narrative(content));
            } else {
                self.salvage(p, out);
            }
        }
    }

    fn paragraph(&mut self, e: &El) -> Paragraph {
        let mut p = Paragraph {
            id: e.attr("eId").unwrap_or_default().to_string(),
            num: e.child("num").map(|n| format!("{}.", n.text().trim().trim_end_matches('.'))),
            content: Vec::new(),
            items: Vec::new(),
        };
        let mut texts = Vec::new();
        let mut blocks: Vec<&El> = Vec::new();
        if let Some(content) = e.child("content") {
            blocks.extend(content.elements());
        }
        for c in e.elements() {
            if !matches!(c.name.as_str(), "num" | "heading" | "subheading" | "content") {
                blocks.push(c);
            }
        }
        for b in blocks {
            match b.name.as_str() {
                "p" => texts.push(self.inlines(b)),
                "blockList" | "list" => p.items.extend(self.items(b)),
                _ => {
                    // `intro`, `listIntroduction`, a `table`, a `block`…: their text, joined.
                    if !matches!(b.name.as_str(), "intro" | "listIntroduction" | "wrapUp" | "listWrapUp") {
                        self.note_salvaged(b);
                    }
                    let mut found = Vec::new();
                    self.salvage_quiet(b, &mut found);
                    for f in found {
                        if let Block::Paragraph(f) = f {
                            texts.push(f.content);
                        }
                    }
                }
            }
        }
        if texts.len() > 1 {
            self.warnings.push(Diagnostic::warning(format!(
                "paragraph {} has {} text blocks; joined into one",
                if p.id.is_empty() { "?" } else { p.id.as_str() },
                texts.len()
            )));
        }
        p.content = trimmed(join(texts));
        p
    }

    fn items(&mut self, list: &El) -> Vec<Item> {
        let mut out = Vec::new();
        for it in list.elements() {
            if !matches!(it.name.as_str(), "item" | "point" | "indent" | "alinea") {
                // An introduction or wrap-up of the list, or anything else: an item of its own.
                let mut found = Vec::new();
                self.salvage_quiet(it, &mut found);
                for f in found {
                    if let Block::Paragraph(f) = f {
                        out.push(Item {
                            id: String::new(),
                            label: String::new(),
                            content: f.content,
                            items: Vec::new(),
                        });
                    }
                }
                continue;
            }
            let mut item = Item {
                id: it.attr("eId").unwrap_or_default().to_string(),
                label: it.child("num").map(|n| n.text().trim().to_string()).unwrap_or_default(),
                content: Vec::new(),
                items: Vec::new(),
            };
            let mut texts = Vec::new();
            for b in it.elements() {
                match b.name.as_str() {
                    "num" | "heading" => {}
                    "p" => texts.push(self.inlines(b)),
                    "blockList" | "list" => item.items.extend(self.items(b)),
                    _ => {
                        let mut found = Vec::new();
                        self.salvage_quiet(b, &mut found);
                        for f in found {
                            if let Block::Paragraph(f) = f {
                                texts.push(f.content);
                            }
                        }
                    }
                }
            }
            item.content = trimmed(join(texts));
            out.push(item);
        }
        out
    }

    /// Inline content.
    fn inlines(&mut self, e: &El) -> Vec<Inline> {
        let mut out = Vec::new();
        self.inline_nodes(e, &mut out, 0);
        out
    }

    fn inline_nodes(&mut self, e: &El, out: &mut Vec<Inline>, depth: usize) {
        for n in &e.children {
            match n {
                Node::Text(t) => {
                    // Whitespace between block elements in indented XML is not text.
                    let t = if t.trim().is_empty() && t.contains('\n') { " " } else { t.as_str() };
                    push_str(out, &collapse_ws(t));
                }
                Node::El(c) => self.inline_el(c, out, depth),
            }
        }
    }

    /// A footnote's text: its paragraphs joined.
    fn note_content(&mut self, note: &El, depth: usize) -> Vec<Inline> {
        if depth >= 4 {
            return Vec::new();
        }
        let mut parts = Vec::new();
        for p in note.elements() {
            let mut part = Vec::new();
            self.inline_nodes(p, &mut part, depth + 1);
            parts.push(part);
        }
        if parts.is_empty() {
            let mut part = Vec::new();
            self.inline_nodes(note, &mut part, depth + 1);
            parts.push(part);
        }
        trimmed(join(parts))
    }

    fn inline_el(&mut self, c: &El, out: &mut Vec<Inline>, depth: usize) {
        let inner = |this: &mut Self| {
            let mut content = Vec::new();
            this.inline_nodes(c, &mut content, depth);
            content
        };
        match c.name.as_str() {
            "i" => {
                let content = inner(self);
                out.push(Inline::Emph { content });
            }
            "b" => {
                let content = inner(self);
                out.push(Inline::Strong { content });
            }
            "authorialNote" | "note" => {
                let id =
                    c.attr("eId").map(str::to_string).unwrap_or_else(|| format!("note-{}", self.footnotes.len() + 1));
                let content = if depth < 4 {
                    let parts: Vec<Vec<Inline>> = c
                        .elements()
                        .map(|p| {
                            let mut part = Vec::new();
                            self.inline_nodes(p, &mut part, depth + 1);
                            part
                        })
                        .collect();
                    trimmed(join(parts))
                } else {
                    Vec::new()
                };
                let marker = c.attr("marker").unwrap_or_default().to_string();
                self.footnotes.push(Footnote { id: id.clone(), marker: marker.clone(), content });
                out.push(Inline::NoteRef { id, marker });
            }
            "noteRef" => {
                let target = c.attr("href").unwrap_or("").trim_start_matches('#').to_string();
                match self.notes.get(&target).cloned() {
                    Some(note) if depth < 4 => {
                        let content = self.note_content(&note, depth);
                        let id = crate::import::slug(&target, 4);
                        let id = if id.is_empty() { format!("note-{}", self.footnotes.len() + 1) } else { id };
                        let marker = c.attr("marker").unwrap_or_default().to_string();
                        if !self.footnotes.iter().any(|f| f.id == id) {
                            self.footnotes.push(Footnote { id: id.clone(), marker: marker.clone(), content });
                        }
                        out.push(Inline::NoteRef { id, marker });
                    }
                    _ => self.inline_nodes(c, out, depth),
                }
            }
            "ref" => {
                let content = inner(self);
                match c.attr("href").and_then(|h| h.strip_prefix('#')).filter(|t| !t.is_empty()) {
                    Some(target) => out.push(Inline::Ref { target: target.to_string(), content }),
                    None => out.extend(content),
                }
            }
            "organization" | "person" | "role" | "location" => {
                let content = inner(self);
                let kind = match c.name.as_str() {
                    "person" => EntityKind::Person,
                    "role" => EntityKind::Role,
                    _ => EntityKind::Organization,
                };
                match c.attr("refersTo").and_then(|r| r.strip_prefix('#')).filter(|id| !id.is_empty()) {
                    Some(id) => {
                        let id = self.entity_ids.get(id).cloned().unwrap_or_else(|| id.to_string());
                        self.entities.entry(id.clone()).or_insert_with(|| Entity {
                            id: id.clone(),
                            kind,
                            name: plain_text(&content),
                        });
                        out.push(Inline::Entity { refers_to: id, content });
                    }
                    None => out.extend(content),
                }
            }
            _ => self.inline_nodes(c, out, depth),
        }
    }
}

fn is_hier(name: &str) -> bool {
    matches!(
        name,
        "chapter"
            | "section"
            | "part"
            | "title"
            | "book"
            | "subsection"
            | "division"
            | "subdivision"
            | "hcontainer"
            | "subchapter"
            | "subpart"
            | "subtitle"
            | "article"
            | "clause"
            | "rule"
            | "level"
            | "tome"
            | "debateSection"
    )
}

/// An element or division name in words: `coverPage` → "Cover page", `oral_statements` →
/// "Oral statements".
fn humanize(name: &str) -> String {
    let mut words = String::new();
    for (i, c) in name.chars().enumerate() {
        if i == 0 {
            words.extend(c.to_uppercase());
        } else if c.is_uppercase() {
            words.push(' ');
            words.extend(c.to_lowercase());
        } else if c == '_' || c == '-' {
            words.push(' ');
        } else {
            words.push(c);
        }
    }
    words
}

/// Runs of XML whitespace (spaces, tabs, line ends: indentation in the file) as one space.
fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_space = false;
    for c in s.chars() {
        if matches!(c, ' ' | '\n' | '\r' | '\t') {
            if !prev_space {
                out.push(' ');
            }
            prev_space = true;
        } else {
            prev_space = false;
            out.push(c);
        }
    }
    out
}

/// ISO 639-2 back to BCP 47 for the common languages.
fn bcp47(lang: &str) -> String {
    match lang {
        "eng" => "en",
        "fra" | "fre" => "fr",
        "spa" => "es",
        "rus" => "ru",
        "ara" => "ar",
        "zho" | "chi" => "zh",
        "deu" | "ger" => "de",
        "por" => "pt",
        "ita" => "it",
        other => return other.to_string(),
    }
    .to_string()
}
