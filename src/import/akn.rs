//! Reads Akoma Ntoso 3.0 into a `Draft`: ours (as `crate::writers::akn` writes it) and other
//! producers' reasonable documents (`debateReport`, `doc`, `report`… with `chapter`/`section`/
//! `hcontainer`/`paragraph`, `blockList/item`, `authorialNote`, `ref`, `i`, `b`).
//!
//! Safety first: a DOCTYPE (and with it every entity declaration, the "billion laughs" bomb) is
//! refused before anything is expanded, as are unknown entities, documents nested deeper than
//! `MAX_DEPTH`, a root in another namespace and truncated XML. All of these are errors, never
//! panics.
//!
//! eIds come back as the session's ids (the writer made them from the ids), so a session that
//! goes to AKN and back keeps its identities. Inline elements become inline markup: `i` → `*…*`,
//! `b` → `**…**`, `authorialNote` → `[^eId]` (with a structured citation when the note is one),
//! `ref` → `{chapter:…}`/`{para:…}`…, `organization`/`person`/`role` → `{org:id|Name}`….

use std::collections::{BTreeMap, HashMap};

use quick_xml::Reader;
use quick_xml::events::Event;

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
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<El> = vec![El { name: "#document".into(), ..Default::default() }];
    loop {
        let pos = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
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
                stack.push(element(&e, xml, pos)?);
            }
            Event::End(_) => {
                let el = stack.pop().expect("an open element");
                stack.last_mut().expect("the document").children.push(Node::El(el));
            }
            Event::Empty(e) => {
                let el = element(&e, xml, pos)?;
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

pub fn read(xml: &str) -> Result<(Draft, Vec<Diagnostic>), Diagnostics> {
    let root = parse(xml)?;
    if root.name != "akomaNtoso" {
        return Err(err(
            format!("the root element is <{}>, not <akomaNtoso>", root.name),
            "this is not an Akoma Ntoso document",
        ));
    }
    let ns_attr = root.attrs.iter().find(|(k, _)| k == "xmlns" || k.starts_with("xmlns:")).map(|(_, v)| v.as_str());
    if ns_attr != Some(NAMESPACE) {
        return Err(err(
            format!("the document is in namespace `{}`, not Akoma Ntoso 3.0", ns_attr.unwrap_or("(none)")),
            &format!("Akoma Ntoso 3.0 documents use xmlns=\"{NAMESPACE}\""),
        ));
    }
    let Some(doc) = root.elements().find(|e| e.child("meta").is_some()) else {
        return Err(err("no document with <meta> under <akomaNtoso>", "expected <debateReport> or <doc>"));
    };
    let mut r = AknReader::new(doc);
    let mut draft = Draft { keep_ids: true, ..Default::default() };
    r.meta(doc, &mut draft);
    r.front(doc, &mut draft);
    match doc.child("mainBody").or_else(|| doc.child("debateBody")).or_else(|| doc.child("body")) {
        Some(body) => r.body(body, &mut draft),
        None => r.warnings.push(Diagnostic::warning("the document has no mainBody; no chapters imported")),
    }
    for name in ["conclusions", "attachments", "components"] {
        if doc.child(name).is_some() {
            r.warnings.push(Diagnostic::warning(format!(
                "<{name}> is not imported (the session format has no place for it)"
            )));
        }
    }
    draft.footnotes = std::mem::take(&mut r.footnotes);
    Ok((draft, r.warnings))
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
        AknReader { warnings: Vec::new(), footnotes: BTreeMap::new(), kinds, nums, entity_ids }
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
            if let Some(n) = work.child("FRBRnumber") {
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
            for p in el.elements() {
                if p.attr("class") == Some("caption") {
                    caption.push(p);
                    continue;
                }
                self.front_fields(p, draft);
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
                self.warnings.push(Diagnostic::warning(format!("caption line not understood: `{plain}`")));
            }
        }
    }

    fn front_fields(&mut self, el: &El, draft: &mut Draft) {
        for e in el.elements() {
            match (e.name.as_str(), e.attr("name")) {
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
                _ => self.front_fields(e, draft),
            }
        }
    }

    fn body(&mut self, body: &El, draft: &mut Draft) {
        for e in body.elements() {
            match e.name.as_str() {
                "paragraph" => {
                    // Paragraphs before any chapter: an untitled chapter holds them.
                    if draft.chapters.is_empty() {
                        draft.chapters.push(DraftChapter::default());
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
                        draft.chapters.push(DraftChapter::default());
                    }
                    let p = self.special(e);
                    draft.chapters.last_mut().expect("a chapter").paragraphs.push(p);
                }
                _ if is_hier(&e.name) => {
                    let ch = self.chapter(e);
                    draft.chapters.push(ch);
                }
                _ => self.skipped(e),
            }
        }
    }

    fn skipped(&mut self, e: &El) {
        let what = e.attr("name").map(|n| format!("{} \"{n}\"", e.name)).unwrap_or_else(|| e.name.clone());
        let text = e.text();
        let short: String = text.trim().chars().take(60).collect();
        self.warnings.push(Diagnostic::warning(format!(
            "<{what}> is not imported (the session format has no place for it): `{short}…`"
        )));
    }

    /// Text in an element the session format has no place for (`p` straight in a chapter, a
    /// `speech`…): its `p`s (and `from`) become unnumbered paragraphs, reported; nothing is lost.
    fn salvage(&mut self, e: &El, out: &mut Vec<DraftParagraph>) {
        fn collect<'a>(e: &'a El, found: &mut Vec<&'a El>) {
            if matches!(e.name.as_str(), "p" | "from") {
                found.push(e);
                return;
            }
            if e.name == "authorialNote" {
                return;
            }
            for c in e.elements() {
                collect(c, found);
            }
        }
        let mut found = Vec::new();
        collect(e, &mut found);
        if found.is_empty() {
            self.skipped(e);
            return;
        }
        if e.name != "p" {
            self.warnings.push(Diagnostic::warning(format!(
                "<{}> read as {} unnumbered paragraph{}",
                e.name,
                found.len(),
                if found.len() == 1 { "" } else { "s" }
            )));
        }
        for p in found {
            let (text, plain) = self.inlines(p);
            out.push(DraftParagraph { text, plain: Some(plain), ..Default::default() });
        }
    }

    fn heading(&mut self, e: &El) -> String {
        e.child("heading").map(|h| self.inlines(h).0).unwrap_or_default()
    }

    fn chapter(&mut self, e: &El) -> DraftChapter {
        let mut ch =
            DraftChapter { id: e.attr("eId").map(str::to_string), title: self.heading(e), ..Default::default() };
        for c in e.elements() {
            match c.name.as_str() {
                "num" | "heading" | "subheading" => {}
                "paragraph" => {
                    let p = self.paragraph(c);
                    ch.paragraphs.push(p);
                }
                "content" | "intro" | "wrapUp" => self.loose_blocks(c, &mut ch.paragraphs),
                "hcontainer" if matches!(c.attr("name"), Some("decision" | "table")) => {
                    let p = self.special(c);
                    ch.paragraphs.push(p);
                }
                "hcontainer" if matches!(c.attr("name"), Some("annex" | "contents")) => self.skipped(c),
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
        let mut s =
            DraftSection { id: e.attr("eId").map(str::to_string), title: self.heading(e), ..Default::default() };
        for c in e.elements() {
            match c.name.as_str() {
                "num" | "heading" | "subheading" => {}
                "paragraph" => {
                    let p = self.paragraph(c);
                    s.paragraphs.push(p);
                }
                "content" | "intro" | "wrapUp" => self.loose_blocks(c, &mut s.paragraphs),
                "hcontainer" if matches!(c.attr("name"), Some("decision" | "table")) => {
                    let p = self.special(c);
                    s.paragraphs.push(p);
                }
                "hcontainer" if matches!(c.attr("name"), Some("annex" | "contents")) => self.skipped(c),
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
        let mut g = DraftGroup { id: e.attr("eId").map(str::to_string), title: self.heading(e), ..Default::default() };
        self.group_children(e, &mut g);
        g
    }

    /// Everything under a group, deeper levels flattened into it (reported).
    fn group_children(&mut self, e: &El, g: &mut DraftGroup) {
        for c in e.elements() {
            match c.name.as_str() {
                "num" | "heading" | "subheading" => {}
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
                        "<{n}> below group level: its heading is dropped and its paragraphs go to the group"
                    )));
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
                self.skipped(p);
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
                "blockList" => p.items.extend(self.items(b)),
                "intro" | "listIntroduction" => {
                    let (t, pl) = self.inlines(b);
                    texts.push(t);
                    plains.push(pl);
                }
                _ => self.skipped(b),
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
            if it.name != "item" {
                if it.name != "listIntroduction" && it.name != "listWrapUp" {
                    self.skipped(it);
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
                    "blockList" => item.items.extend(self.items(b)),
                    _ => self.skipped(b),
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
        for n in &e.children {
            match n {
                Node::Text(t) => {
                    // Whitespace between block elements in indented XML is not text.
                    let t = if t.trim().is_empty() && t.contains('\n') { " " } else { t.as_str() };
                    let t = collapse_ws(t);
                    markup.push_str(&escape_markup(&t));
                    plain.push_str(&escape_markup(&t));
                }
                Node::El(c) => self.inline_el(c, markup, plain, depth),
            }
        }
    }

    fn inline_el(&mut self, c: &El, markup: &mut String, plain: &mut String, depth: usize) {
        let wrap = |this: &mut Self, mark: &str, markup: &mut String, plain: &mut String| {
            let (mut m, mut p) = (String::new(), String::new());
            this.inline_nodes(c, &mut m, &mut p, depth);
            for (out, inner) in [(markup, m), (plain, p)] {
                out.push_str(mark);
                out.push_str(&inner);
                out.push_str(mark);
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

fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_space = false;
    for c in s.chars() {
        if c == '\n' || c == '\r' || c == '\t' {
            if !prev_space {
                out.push(' ');
            }
            prev_space = true;
        } else {
            prev_space = c == ' ';
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
