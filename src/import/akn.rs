//! Reads Akoma Ntoso 3.0 into a `Draft`: ours (as `crate::writers::akn` writes it) and other
//! producers' meeting records — `debateReport`, `debate` (debate sections, speeches, narrative,
//! votes), `statement` (preface, preamble with recitals, operative paragraphs), `doc`, and a
//! `documentCollection` through its components.
//!
//! The root's namespace is resolved from its own declarations (`NsReader`); earlier versions
//! (AKN 2.0, the 3.0 drafts) and document types outside the genre (`act`, `bill`, `judgment`…)
//! are refused with an error naming what was found.
//!
//! Nothing is dropped: an element with no place in the session format keeps its text as
//! unnumbered narrative paragraphs (reported once per element kind); another producer's preface
//! is kept whole, its division numbers stay in the titles, paragraph numbers the report would
//! print differently stay in the text; eIds that collide are renamed with a warning. The masthead
//! is filled from what the file has (docTitle, docNumber, docDate/FRBRdate, FRBRauthor,
//! docStatus…), with a warning for each field guessed or left empty.
//!
//! Safety first: a DOCTYPE (and with it every entity declaration, the "billion laughs" bomb) is
//! refused before anything is expanded, as are unknown entities, documents nested deeper than
//! `MAX_DEPTH`, and truncated XML. All of these are errors, never panics.
//!
//! eIds come back as the session's ids (the writer made them from the ids), so a session that
//! goes to AKN and back keeps its identities. Inline elements become inline markup: `i` → `*…*`,
//! `b` → `**…**`, `authorialNote` and `noteRef` → `[^id]` (with a structured citation when the
//! note is one), `ref` → `{chapter:…}`/`{para:…}`…, `organization`/`person`/`role` →
//! `{org:id|Name}`….

use std::collections::{BTreeMap, HashMap};

use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

use crate::diag::{Diagnostic, Diagnostics};
use crate::import::{
    Draft, DraftAnnex, DraftChapter, DraftGroup, DraftItem, DraftParagraph, DraftSection, citation, escape_markup,
    parse_date_span,
};
use crate::session::{Date, DecisionDef, DecisionKind, FootnoteDef, ParagraphDef, ParagraphKind, TableDef};
use crate::writers::akn::NAMESPACE;

/// Deeper than this is not a report.
const MAX_DEPTH: usize = 200;

/// A parsed element (local name, attributes, children).
#[derive(Debug, Clone, Default)]
struct El {
    name: String,
    /// The namespace the element's name resolves to, if any.
    namespace: Option<String>,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

#[derive(Debug, Clone)]
enum Node {
    El(El),
    Text(String),
}

impl El {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|n| if let Node::El(e) = n { Some(e) } else { None })
    }
    fn child(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }
    /// All text inside, without markup.
    fn text(&self) -> String {
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
fn parse(xml: &str) -> Result<El, Diagnostics> {
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

pub fn read(xml: &str) -> Result<(Draft, Vec<Diagnostic>), Diagnostics> {
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
        let found = version_of(&namespace)
            .map(|v| format!("written in {v} (namespace `{namespace}`)"))
            .unwrap_or_else(|| format!("in namespace `{namespace}`, not Akoma Ntoso"));
        let also = if out_of_genre {
            format!(", and it is a <{doc_type}>, which is not a meeting record")
        } else {
            String::new()
        };
        return Err(err(
            format!("the document is {found}{also}; only the final Akoma Ntoso 3.0 is read"),
            &format!(
                "Akoma Ntoso 3.0 documents use xmlns=\"{NAMESPACE}\"; convert earlier versions and drafts to it first"
            ),
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
    let mut draft = Draft { keep_ids: true, ..Default::default() };
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
    draft.footnotes = std::mem::take(&mut r.footnotes);
    Ok((draft, r.warnings))
}

/// Gives every paragraph of another producer's document that has no eId an explicit, unique
/// id: ids derived from a paragraph's first words could collide ("1.2." and "1.2"), and a
/// collision stops the build.
fn name_paragraphs(draft: &mut Draft) {
    use crate::import::{slug, unique};
    let mut used = crate::import::UsedIds::default();
    let mut parts: Vec<(String, &mut Vec<DraftParagraph>)> = Vec::new();
    for ch in &mut draft.chapters {
        let id = ch.id.clone().unwrap_or_default();
        used.insert(id.clone());
        parts.push((id, &mut ch.paragraphs));
        for s in &mut ch.sections {
            let id = s.id.clone().unwrap_or_default();
            used.insert(id.clone());
            parts.push((id, &mut s.paragraphs));
            for g in &mut s.groups {
                let id = g.id.clone().unwrap_or_default();
                used.insert(id.clone());
                parts.push((id, &mut g.paragraphs));
            }
        }
    }
    for (_, ps) in &parts {
        used.extend(ps.iter().filter_map(|p| p.id.clone()));
    }
    for (parent, ps) in parts {
        for p in ps.iter_mut().filter(|p| p.id.is_none() && p.special.is_none()) {
            let words = slug(&p.text, 4);
            let base = if words.is_empty() { format!("{parent}-p") } else { format!("{parent}-{words}") };
            p.id = Some(unique(&base, &mut used));
        }
    }
}

/// Another producer's paragraph numbers, when the report would not print the same ones (gaps,
/// "1bis", numbering restarting per division): the paragraphs are written unnumbered with
/// their printed number in front, so that no number is lost or changed.
fn keep_printed_numbers(draft: &mut Draft, warnings: &mut Vec<Diagnostic>) {
    let mut all: Vec<&mut DraftParagraph> = Vec::new();
    for ch in &mut draft.chapters {
        all.extend(ch.paragraphs.iter_mut());
        for s in &mut ch.sections {
            all.extend(s.paragraphs.iter_mut());
            for g in &mut s.groups {
                all.extend(g.paragraphs.iter_mut());
            }
        }
    }
    let numbered: Vec<&mut DraftParagraph> = all.into_iter().filter(|p| p.num.is_some()).collect();
    let same = numbered.iter().enumerate().all(|(i, p)| p.num.as_deref() == Some(&(i + 1).to_string()));
    if same {
        return;
    }
    let n = numbered.len();
    for p in numbered {
        let num = p.num.take().unwrap_or_default();
        p.text = format!("{}. {}", escape_markup(&num), p.text);
        if let Some(plain) = &mut p.plain {
            *plain = format!("{}. {plain}", escape_markup(&num));
        }
    }
    warnings.push(Diagnostic::warning(format!(
        "the {n} numbered paragraphs are not numbered 1, 2, 3… through the document: written unnumbered with their printed numbers"
    )));
}

/// Chapters, sections and groups without an eId get one from their title (or `part`): the
/// session derives ids from titles, and an untitled narrative chapter would have none.
fn name_untitled(draft: &mut Draft) {
    use crate::import::{slug, unique};
    let mut used = crate::import::UsedIds::default();
    for ch in &draft.chapters {
        used.extend(ch.id.clone());
        for s in &ch.sections {
            used.extend(s.id.clone());
            used.extend(s.groups.iter().filter_map(|g| g.id.clone()));
        }
    }
    let mut name = |id: &mut Option<String>, title: &str| {
        if id.is_none() {
            let base = slug(title, 3);
            *id = Some(unique(if base.is_empty() { "part" } else { &base }, &mut used));
        }
    };
    for ch in &mut draft.chapters {
        name(&mut ch.id, &ch.title);
        for s in &mut ch.sections {
            name(&mut s.id, &s.title);
            for g in &mut s.groups {
                name(&mut g.id, &g.title);
            }
        }
    }
}

/// Gives every element whose eId was already used a new one (`<eId>-2`…), with one warning per
/// renamed id: other producers' files may repeat eIds, and a session's ids must be unique.
fn rename_duplicate_ids(root: &mut El, warnings: &mut Vec<Diagnostic>) {
    fn all_ids(e: &El, seen: &mut crate::import::UsedIds) {
        if let Some(id) = e.attr("eId") {
            seen.insert(id.to_string());
        }
        for c in e.elements() {
            all_ids(c, seen);
        }
    }
    fn walk(
        e: &mut El,
        first: &mut std::collections::HashSet<String>,
        used: &mut crate::import::UsedIds,
        warnings: &mut Vec<Diagnostic>,
    ) {
        if e.name == "meta" {
            return;
        }
        let becomes_an_id = is_hier(&e.name) || matches!(e.name.as_str(), "paragraph" | "item" | "authorialNote");
        if let Some((_, id)) = e.attrs.iter_mut().find(|(k, _)| k == "eId").filter(|_| becomes_an_id)
            && !first.insert(id.clone())
        {
            let new = crate::import::unique(id, used);
            warnings.push(Diagnostic::warning(format!(
                "eId `{id}` is used more than once; this <{}> is renamed `{new}`",
                e.name
            )));
            *id = new;
        }
        for c in e.children.iter_mut() {
            if let Node::El(c) = c {
                walk(c, first, used, warnings);
            }
        }
    }
    let mut used = crate::import::UsedIds::default();
    all_ids(root, &mut used);
    walk(root, &mut std::collections::HashSet::new(), &mut used, warnings);
}

struct AknReader {
    warnings: Vec<Diagnostic>,
    footnotes: BTreeMap<String, FootnoteDef>,
    /// eId → element name, for the kind of cross-references.
    kinds: HashMap<String, String>,
    /// (element name, num as printed without the final ".") → eId, for ranges such as
    /// "chapters II-VI".
    nums: HashMap<(String, String), String>,
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
    /// The inline element being read touches a word on either side (see `inline_nodes`).
    glued: bool,
}

impl AknReader {
    fn new(doc: &El) -> Self {
        let mut kinds = HashMap::new();
        let mut nums = HashMap::new();
        fn walk(e: &El, kinds: &mut HashMap<String, String>, nums: &mut HashMap<(String, String), String>) {
            if let Some(id) = e.attr("eId") {
                let kind = if e.name == "hcontainer" { e.attr("name").unwrap_or("hcontainer") } else { &e.name };
                kinds.insert(id.to_string(), kind.to_string());
                if let Some(num) = e.child("num") {
                    let n = num.text().trim().trim_end_matches('.').to_string();
                    nums.entry((e.name.clone(), n)).or_insert_with(|| id.to_string());
                }
            }
            for c in e.elements() {
                walk(c, kinds, nums);
            }
        }
        walk(doc, &mut kinds, &mut nums);
        let mut entity_ids = HashMap::new();
        if let Some(refs) = doc.child("meta").and_then(|m| m.child("references")) {
            for tlc in refs.elements() {
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
            footnotes: BTreeMap::new(),
            kinds,
            nums,
            entity_ids,
            salvaged: BTreeMap::new(),
            notes,
            foreign,
            glued: false,
        }
    }

    /// One document: its masthead (the first document only), preface, preamble, body and what
    /// follows the body, in order. Text with no place of its own becomes narrative.
    fn document(&mut self, doc: &El, draft: &mut Draft, first: bool) {
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

    /// A `documentCollection`: its `doc` (and other in-genre) components are read in order,
    /// the first giving the masthead; other components (a `bill`…) are reported and their text
    /// kept as narrative, so that nothing is lost.
    fn collection(&mut self, coll: &El, outside: Option<&El>, draft: &mut Draft) {
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

    fn component_first(&mut self, comp: &El, draft: &mut Draft, first: &mut bool) {
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
                for c in d.elements().filter(|c| !matches!(c.name.as_str(), "meta" | "coverPage" | "preface")) {
                    self.document_part(c, draft);
                }
            } else {
                self.document(d, draft, false);
            }
        }
    }

    fn document_part(&mut self, c: &El, draft: &mut Draft) {
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
    fn component(&mut self, comp: &El, draft: &mut Draft) {
        let mut first = false;
        self.component_first(comp, draft, &mut first);
    }

    /// Text that stands outside the body (a preamble, conclusions, a preface's other lines):
    /// an untitled chapter of unnumbered narrative paragraphs, its heading kept if it has one.
    fn narrative_chapter(&mut self, e: &El, draft: &mut Draft) {
        let mut paragraphs = Vec::new();
        self.salvage(e, &mut paragraphs);
        if !paragraphs.is_empty() {
            draft.chapters.push(DraftChapter { title: self.untitled(e), paragraphs, ..Default::default() });
        }
    }

    /// The title of a chapter made for text outside any chapter: in another producer's
    /// document the element's heading, or its kind in words ("Preamble", "Main body"), since a
    /// chapter prints a heading; in ours none (our writer puts no text there).
    fn untitled(&mut self, e: &El) -> String {
        if !self.foreign {
            return String::new();
        }
        if let Some(h) = e.child("heading") {
            let t = self.inlines(h).0;
            if !t.trim().is_empty() {
                return t.trim().to_string();
            }
        }
        humanize(&e.name)
    }

    /// Fills the masthead fields a build needs from what the file has, and warns for each one
    /// it had to guess or leave empty.
    fn fill_masthead(&mut self, doc: &El, draft: &mut Draft) {
        let meta = doc.find("meta");
        let work = meta.and_then(|m| m.find("FRBRWork"));
        if draft.title.is_empty() {
            let long_title = doc.find("longTitle").map(|t| self.inlines(t).0.trim().to_string());
            let name = work.and_then(|w| w.child("FRBRname")).and_then(|n| n.attr("value")).map(str::to_string);
            match long_title.filter(|t| !t.is_empty()).or(name) {
                Some(t) => {
                    self.warnings.push(Diagnostic::warning(format!("no <docTitle>: the title is taken as `{t}`")));
                    draft.title = t;
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

    fn meta(&mut self, doc: &El, draft: &mut Draft) {
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
    fn front(&mut self, doc: &El, draft: &mut Draft) {
        let mut caption = Vec::new();
        for part in ["coverPage", "preface"] {
            let Some(el) = doc.child(part) else { continue };
            let mut leftovers = Vec::new();
            for p in el.elements() {
                if p.attr("class") == Some("caption") {
                    caption.push(p);
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
                draft.chapters.push(DraftChapter { title: self.untitled(el), paragraphs, ..Default::default() });
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
                draft.caption_item = Some(self.inlines(p).0);
            } else if draft.meeting_session.is_none() && plain.to_lowercase().ends_with("session") {
                draft.meeting_session = Some(plain);
            } else {
                self.warnings.push(Diagnostic::warning(format!(
                    "caption line not understood: `{plain}`; kept as narrative at the start"
                )));
                let mut paragraphs = Vec::new();
                self.salvage_quiet(p, &mut paragraphs);
                draft.chapters.insert(0, DraftChapter { title: self.untitled(p), paragraphs, ..Default::default() });
            }
        }
    }

    /// The masthead fields in a preface line; `taken` gets the text of each field read.
    fn front_fields(&mut self, el: &El, draft: &mut Draft, taken: &mut Vec<String>) {
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
                ("docTitle", _) => draft.title = self.inlines(e).0,
                ("inline", Some("distribution")) => draft.distribution = Some(e.text().trim().to_string()),
                ("inline", Some("originalLanguage")) => draft.original = Some(e.text().trim().to_string()),
                ("inline", Some("jobNumber")) => draft.job_number = Some(e.text().trim().to_string()),
                _ => self.front_fields(e, draft, taken),
            }
        }
    }

    fn body(&mut self, body: &El, draft: &mut Draft) {
        for e in body.elements() {
            match e.name.as_str() {
                "paragraph" => {
                    // Paragraphs before any chapter: an untitled chapter holds them.
                    if draft.chapters.is_empty() {
                        draft.chapters.push(DraftChapter { title: self.untitled(body), ..Default::default() });
                        self.warnings
                            .push(Diagnostic::warning("paragraphs outside any chapter; put into an untitled chapter"));
                    }
                    let p = self.paragraph(e);
                    draft.chapters.last_mut().expect("a chapter").paragraphs.push(p);
                }
                // Generated again from the headings.
                "hcontainer" if matches!(e.attr("name"), Some("contents")) => draft.contents = true,
                "hcontainer" if matches!(e.attr("name"), Some("annex")) => {
                    let annex = self.annex(e);
                    draft.annexes.push(annex);
                }
                "hcontainer" if matches!(e.attr("name"), Some("decision" | "table")) => {
                    if draft.chapters.is_empty() {
                        draft.chapters.push(DraftChapter { title: self.untitled(body), ..Default::default() });
                    }
                    let p = self.special(e);
                    draft.chapters.last_mut().expect("a chapter").paragraphs.push(p);
                }
                _ if is_hier(&e.name) => {
                    let ch = self.chapter(e);
                    draft.chapters.push(ch);
                }
                _ => {
                    let mut paragraphs = Vec::new();
                    self.salvage(e, &mut paragraphs);
                    match draft.chapters.last_mut() {
                        Some(ch) if ch.sections.is_empty() => ch.paragraphs.extend(paragraphs),
                        _ if paragraphs.is_empty() => {}
                        _ => draft.chapters.push(DraftChapter {
                            title: self.untitled(e),
                            paragraphs,
                            ..Default::default()
                        }),
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
    fn salvage(&mut self, e: &El, out: &mut Vec<DraftParagraph>) {
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
        for p in found {
            let (text, plain) = self.inlines(p);
            if text.trim().is_empty() {
                continue;
            }
            out.push(DraftParagraph { text: text.trim().to_string(), plain: Some(plain), ..Default::default() });
        }
    }

    /// `salvage` without counting the element as having no place (its container has one).
    fn salvage_quiet(&mut self, e: &El, out: &mut Vec<DraftParagraph>) {
        let before = self.salvaged.clone();
        self.salvage(e, out);
        self.salvaged = before;
    }

    /// A chapter's, section's or group's title: its heading; in another producer's document
    /// with its own number ("Article 3", "Part A") in front, since the report numbers its
    /// divisions its own way and the printed number must not be lost.
    fn title(&mut self, e: &El) -> String {
        let heading = self.heading(e);
        match e.child("num").filter(|_| self.foreign).map(|n| self.inlines(n).0.trim().to_string()) {
            Some(num) if !num.is_empty() && heading.is_empty() => num,
            Some(num) if !num.is_empty() => format!("{num} {heading}"),
            _ if heading.trim().is_empty() && self.foreign => {
                // A heading must print something: the division's name, or its kind.
                match e.attr("name").filter(|n| !n.is_empty()) {
                    Some(n) => humanize(n),
                    None => self.untitled(e),
                }
            }
            _ => heading,
        }
    }

    fn heading(&mut self, e: &El) -> String {
        e.child("heading").map(|h| self.inlines(h).0).unwrap_or_default()
    }

    fn chapter(&mut self, e: &El) -> DraftChapter {
        let mut ch = DraftChapter { id: e.attr("eId").map(str::to_string), title: self.title(e), ..Default::default() };
        for c in e.elements() {
            match c.name.as_str() {
                "num" | "heading" => {}
                "subheading" => self.salvage_quiet(c, &mut ch.paragraphs),
                "paragraph" => {
                    let p = self.paragraph(c);
                    ch.paragraphs.push(p);
                }
                "content" | "intro" | "wrapUp" => self.loose_blocks(c, &mut ch.paragraphs),
                "hcontainer" if matches!(c.attr("name"), Some("decision" | "table")) => {
                    let p = self.special(c);
                    ch.paragraphs.push(p);
                }
                "hcontainer" if matches!(c.attr("name"), Some("annex" | "contents")) => {
                    self.salvage(c, &mut ch.paragraphs)
                }
                n if is_hier(n) => {
                    let s = self.section(c);
                    ch.sections.push(s);
                }
                _ => self.salvage(c, &mut ch.paragraphs),
            }
        }
        ch
    }

    fn section(&mut self, e: &El) -> DraftSection {
        let mut s = DraftSection { id: e.attr("eId").map(str::to_string), title: self.title(e), ..Default::default() };
        for c in e.elements() {
            match c.name.as_str() {
                "num" | "heading" => {}
                "subheading" => self.salvage_quiet(c, &mut s.paragraphs),
                "paragraph" => {
                    let p = self.paragraph(c);
                    s.paragraphs.push(p);
                }
                "content" | "intro" | "wrapUp" => self.loose_blocks(c, &mut s.paragraphs),
                "hcontainer" if matches!(c.attr("name"), Some("decision" | "table")) => {
                    let p = self.special(c);
                    s.paragraphs.push(p);
                }
                "hcontainer" if matches!(c.attr("name"), Some("annex" | "contents")) => {
                    self.salvage(c, &mut s.paragraphs)
                }
                n if is_hier(n) => {
                    let g = self.group(c);
                    s.groups.push(g);
                }
                _ => self.salvage(c, &mut s.paragraphs),
            }
        }
        s
    }

    fn group(&mut self, e: &El) -> DraftGroup {
        let mut g = DraftGroup { id: e.attr("eId").map(str::to_string), title: self.title(e), ..Default::default() };
        self.group_children(e, &mut g);
        g
    }

    /// Everything under a group, deeper levels flattened into it (reported).
    fn group_children(&mut self, e: &El, g: &mut DraftGroup) {
        for c in e.elements() {
            match c.name.as_str() {
                "num" | "heading" => {}
                "subheading" => self.salvage_quiet(c, &mut g.paragraphs),
                "paragraph" => {
                    let p = self.paragraph(c);
                    g.paragraphs.push(p);
                }
                "content" | "intro" | "wrapUp" => self.loose_blocks(c, &mut g.paragraphs),
                "hcontainer" if matches!(c.attr("name"), Some("decision" | "table")) => {
                    let p = self.special(c);
                    g.paragraphs.push(p);
                }
                n if is_hier(n) => {
                    self.warnings.push(Diagnostic::warning(format!(
                        "<{n}> below group level: its heading becomes a paragraph and its paragraphs go to the group"
                    )));
                    let title = self.title(c);
                    if !title.is_empty() {
                        g.paragraphs.push(DraftParagraph { text: title, ..Default::default() });
                    }
                    self.group_children(c, g);
                }
                _ => self.salvage(c, &mut g.paragraphs),
            }
        }
    }

    /// A table or a decision, read whole into the paragraph definition that stands for it.
    fn special(&mut self, e: &El) -> DraftParagraph {
        let id = e.attr("eId").map(str::to_string);
        let def = if e.attr("name") == Some("table") {
            let caption = self.heading(e);
            let mut header = Vec::new();
            let mut rows = Vec::new();
            if let Some(table) = e.child("content").and_then(|c| c.child("table")) {
                for tr in table.elements().filter(|t| t.name == "tr") {
                    let cells: Vec<&El> = tr.elements().filter(|c| c.name == "th" || c.name == "td").collect();
                    let texts: Vec<String> = cells.iter().map(|c| self.cell(c)).collect();
                    if cells.iter().all(|c| c.name == "th") && rows.is_empty() && header.is_empty() {
                        header = texts;
                    } else {
                        rows.push(texts);
                    }
                }
            }
            ParagraphDef::new(ParagraphKind::Table(TableDef { id: id.clone(), caption, header, rows }))
        } else {
            // "Resolution 9/1" / "Decision 4/4": kind and number from the label.
            let num = e.child("num").map(|n| n.text()).unwrap_or_default();
            let (kind, number) = num.trim().split_once(' ').unwrap_or(("decision", num.trim()));
            let title = self.heading(e);
            let (mut preamble, mut operative) = (Vec::new(), Vec::new());
            for c in e.elements().filter(|c| c.name == "paragraph") {
                let p = self.paragraph(c);
                // Preambular paragraphs are the unnumbered ones; `numbered` keeps its default.
                let def = ParagraphDef {
                    id: p.id.clone(),
                    numbered: true,
                    negotiation: Default::default(),
                    kind: ParagraphKind::Text {
                        text: p.text.clone(),
                        items: p.items.iter().map(|i| i.to_def(true)).collect(),
                    },
                };
                if p.num.is_some() { operative.push(def) } else { preamble.push(def) }
            }
            ParagraphDef::new(ParagraphKind::Decision(DecisionDef {
                id: id.clone(),
                kind: DecisionKind::from_key(&kind.to_lowercase()).unwrap_or_default(),
                draft: false,
                number: number.to_string(),
                title,
                preamble,
                operative,
                vote: None,
            }))
        };
        DraftParagraph { id, special: Some(def), ..Default::default() }
    }

    /// A table cell's text (its `p`s joined).
    fn cell(&mut self, c: &El) -> String {
        let parts: Vec<String> = c.elements().filter(|p| p.name == "p").map(|p| self.inlines(p).0).collect();
        if parts.is_empty() { self.inlines(c).0 } else { parts.join(" ") }
    }

    /// An annex: recognised as generated (the documents table, the provisional agenda) or read
    /// as written paragraphs and sections.
    fn annex(&mut self, e: &El) -> DraftAnnex {
        let mut annex =
            DraftAnnex { id: e.attr("eId").map(str::to_string), title: self.heading(e), ..Default::default() };
        let mut body: Vec<&El> = e.elements().filter(|c| !matches!(c.name.as_str(), "num" | "heading")).collect();
        // Generated content comes first; written paragraphs and sections may follow it.
        if let Some(first) = body.first().copied() {
            // The generated list of documents: a table with these three columns.
            if first.name == "hcontainer" && first.attr("name") == Some("table") {
                let special = self.special(first);
                if let Some(t) = special.special.as_ref().and_then(|d| d.table())
                    && t.header == ["Document symbol", "Agenda item", "Title or description"]
                    && t.rows.iter().all(|r| r.len() == 3)
                {
                    annex.document_rows =
                        Some(t.rows.iter().map(|r| (r[0].clone(), r[1].clone(), r[2].clone())).collect());
                    body.remove(0);
                }
            // The generated provisional agenda: a paragraph that is only a numbered list.
            } else if first.name == "paragraph" {
                let p = self.paragraph(first);
                if p.num.is_none() && p.text.is_empty() && p.items.first().is_some_and(|i| i.label == "1.") {
                    annex.agenda_items = Some(p.items);
                    body.remove(0);
                }
            }
        }
        for c in body {
            match c.name.as_str() {
                "paragraph" => {
                    let p = self.paragraph(c);
                    annex.paragraphs.push(p);
                }
                "hcontainer" if matches!(c.attr("name"), Some("decision" | "table")) => {
                    let p = self.special(c);
                    annex.paragraphs.push(p);
                }
                "section" => {
                    let s = self.section(c);
                    annex.sections.push(s);
                }
                _ => self.salvage(c, &mut annex.paragraphs),
            }
        }
        annex
    }

    /// `<p>`s straight in a container: unnumbered paragraphs.
    fn loose_blocks(&mut self, e: &El, out: &mut Vec<DraftParagraph>) {
        for p in e.elements() {
            if p.name == "p" {
                let (text, plain) = self.inlines(p);
                out.push(DraftParagraph { text, plain: Some(plain), ..Default::default() });
            } else {
                self.salvage(p, out);
            }
        }
    }

    fn paragraph(&mut self, e: &El) -> DraftParagraph {
        let mut p = DraftParagraph {
            id: e.attr("eId").map(str::to_string),
            num: e.child("num").map(|n| n.text().trim().trim_end_matches('.').to_string()),
            ..Default::default()
        };
        let mut texts = Vec::new();
        let mut plains = Vec::new();
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
                "p" => {
                    let (t, pl) = self.inlines(b);
                    texts.push(t);
                    plains.push(pl);
                }
                "blockList" | "list" => p.items.extend(self.items(b)),
                _ => {
                    // `intro`, `listIntroduction`, a `table`, a `block`…: their text, joined.
                    if !matches!(b.name.as_str(), "intro" | "listIntroduction" | "wrapUp" | "listWrapUp") {
                        self.note_salvaged(b);
                    }
                    let mut found = Vec::new();
                    self.salvage_quiet(b, &mut found);
                    for f in found {
                        texts.push(f.text);
                        plains.push(f.plain.unwrap_or_default());
                    }
                }
            }
        }
        if texts.len() > 1 {
            self.warnings.push(Diagnostic::warning(format!(
                "paragraph {} has {} text blocks; joined into one",
                p.id.as_deref().unwrap_or("?"),
                texts.len()
            )));
        }
        p.text = texts.join(" ");
        p.plain = Some(plains.join(" "));
        p
    }

    fn items(&mut self, list: &El) -> Vec<DraftItem> {
        let mut out = Vec::new();
        for it in list.elements() {
            if !matches!(it.name.as_str(), "item" | "point" | "indent" | "alinea") {
                // An introduction or wrap-up of the list, or anything else: an item of its own.
                let mut found = Vec::new();
                self.salvage_quiet(it, &mut found);
                for f in found {
                    out.push(DraftItem { text: f.text, ..Default::default() });
                }
                continue;
            }
            let mut item = DraftItem {
                id: it.attr("eId").map(str::to_string),
                label: it.child("num").map(|n| n.text().trim().to_string()).unwrap_or_default(),
                ..Default::default()
            };
            let mut texts = Vec::new();
            for b in it.elements() {
                match b.name.as_str() {
                    "num" | "heading" => {}
                    "p" => texts.push(self.inlines(b).0),
                    "blockList" | "list" => item.items.extend(self.items(b)),
                    _ => {
                        let mut found = Vec::new();
                        self.salvage_quiet(b, &mut found);
                        texts.extend(found.into_iter().map(|f| f.text));
                    }
                }
            }
            item.text = texts.join(" ");
            out.push(item);
        }
        out
    }

    /// Inline content as (markup, plain text without entity marks or references markup).
    fn inlines(&mut self, e: &El) -> (String, String) {
        let mut markup = String::new();
        let mut plain = String::new();
        self.inline_nodes(e, &mut markup, &mut plain, 0);
        (markup, plain)
    }

    fn inline_nodes(&mut self, e: &El, markup: &mut String, plain: &mut String, depth: usize) {
        for (i, n) in e.children.iter().enumerate() {
            match n {
                Node::Text(t) => {
                    // Whitespace between block elements in indented XML is not text.
                    let t = if t.trim().is_empty() && t.contains('\n') { " " } else { t.as_str() };
                    let t = collapse_ws(t);
                    markup.push_str(&escape_markup(&t));
                    plain.push_str(&escape_markup(&t));
                }
                Node::El(c) => {
                    // Emphasis glued to a word ("<b>managemen</b>t") cannot be marked: the
                    // markup only closes `**` at a word's end. The text is kept, unmarked.
                    let next_glued =
                        matches!(e.children.get(i + 1), Some(Node::Text(t)) if t.starts_with(char::is_alphanumeric));
                    self.glued = next_glued || markup.ends_with(char::is_alphanumeric);
                    self.inline_el(c, markup, plain, depth)
                }
            }
        }
    }

    fn inline_el(&mut self, c: &El, markup: &mut String, plain: &mut String, depth: usize) {
        let glued = std::mem::take(&mut self.glued);
        let wrap = |this: &mut Self, mark: &str, markup: &mut String, plain: &mut String| {
            let (mut m, mut p) = (String::new(), String::new());
            this.inline_nodes(c, &mut m, &mut p, depth);
            // Spaces inside the element go outside the marks (`** a **` is not bold), and an
            // element with no text gets none.
            for (out, inner) in [(markup, m), (plain, p)] {
                let core = inner.trim();
                if core.is_empty() || glued {
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
        };
        match c.name.as_str() {
            "i" => wrap(self, "*", markup, plain),
            "b" => wrap(self, "**", markup, plain),
            "authorialNote" | "note" => {
                let id =
                    c.attr("eId").map(str::to_string).unwrap_or_else(|| format!("note-{}", self.footnotes.len() + 1));
                let mut text = String::new();
                let mut ignored = String::new();
                if depth < 4 {
                    for p in c.elements() {
                        if !text.is_empty() {
                            text.push(' ');
                        }
                        self.inline_nodes(p, &mut text, &mut ignored, depth + 1);
                    }
                }
                let def = citation(&text).unwrap_or(FootnoteDef { text: Some(text), ..Default::default() });
                self.footnotes.insert(id.clone(), def);
                let mark = format!("[^{id}]");
                markup.push_str(&mark);
                plain.push_str(&mark);
            }
            "noteRef" => {
                let target = c.attr("href").unwrap_or("").trim_start_matches('#').to_string();
                match self.notes.get(&target).cloned() {
                    Some(note) if depth < 4 => {
                        let mut text = String::new();
                        let mut ignored = String::new();
                        for p in note.elements() {
                            if !text.is_empty() {
                                text.push(' ');
                            }
                            self.inline_nodes(p, &mut text, &mut ignored, depth + 1);
                        }
                        if note.elements().next().is_none() {
                            self.inline_nodes(&note, &mut text, &mut ignored, depth + 1);
                        }
                        let id = crate::import::slug(&target, 4);
                        let id = if id.is_empty() { format!("note-{}", self.footnotes.len() + 1) } else { id };
                        let def = FootnoteDef { text: Some(text.trim().to_string()), ..Default::default() };
                        self.footnotes.insert(id.clone(), def);
                        let mark = format!("[^{id}]");
                        markup.push_str(&mark);
                        plain.push_str(&mark);
                    }
                    _ => self.inline_nodes(c, markup, plain, depth),
                }
            }
            "ref" => {
                let (mut m, mut p) = (String::new(), String::new());
                self.inline_nodes(c, &mut m, &mut p, depth);
                let target = c.attr("href").and_then(|h| h.strip_prefix('#')).unwrap_or("");
                match self.reference(target, &c.text()) {
                    Some(r) => markup.push_str(&r),
                    None => markup.push_str(&m),
                }
                plain.push_str(&p);
            }
            "organization" | "person" | "role" | "location" => {
                let (mut m, mut p) = (String::new(), String::new());
                self.inline_nodes(c, &mut m, &mut p, depth);
                let kind = match c.name.as_str() {
                    "person" => "person",
                    "role" => "role",
                    _ => "org",
                };
                match c.attr("refersTo").and_then(|r| r.strip_prefix('#')) {
                    Some(id) if !id.is_empty() && !m.contains(['{', '[', '*']) => {
                        let id = self.entity_ids.get(id).map(String::as_str).unwrap_or(id);
                        markup.push_str(&format!("{{{kind}:{id}|{m}}}"));
                    }
                    _ => markup.push_str(&m),
                }
                plain.push_str(&p);
            }
            _ => self.inline_nodes(c, markup, plain, depth),
        }
    }

    /// `{chapter:id}`, `{chapters:a..b}`, `{section:id}`, `{para:id}`, `{paras:a..b}` for a `ref`.
    fn reference(&self, target: &str, shown: &str) -> Option<String> {
        let kind = self.kinds.get(target)?.as_str();
        let shown = shown.trim();
        let (single, plural, element) = match kind {
            "chapter" => ("chapter", "chapters", "chapter"),
            "section" => ("section", "sections", "section"),
            "paragraph" => ("para", "paras", "paragraph"),
            "annex" => return Some(format!("{{annex:{target}}}")),
            _ => return None,
        };
        let plural_word = match element {
            "paragraph" => "paragraphs ",
            "chapter" => "chapters ",
            _ => "sections ",
        };
        if let Some(range) = shown.strip_prefix(plural_word) {
            let (_, last) = range.split_once(['-', '–'])?;
            let last_id = self.nums.get(&(element.to_string(), last.trim().to_string()))?;
            return Some(format!("{{{plural}:{target}..{last_id}}}"));
        }
        Some(format!("{{{single}:{target}}}"))
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
