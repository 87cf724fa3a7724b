//! Akoma Ntoso 3.0 writer: one `<debateReport name="meetingReport">` in the shape the UN's AKN4UN
//! guidelines give meeting reports.
//!
//! - `meta/identification`: FRBR Work / Expression / Manifestation with AKN4UN-style IRIs
//!   (`/akn/un/debateReport/meetingReport/<body>/<date>/<symbol with / as ->`), the symbol as
//!   `FRBRnumber showAs`, the language (ISO 639-2, as AKN wants it).
//! - `meta/references`: a `TLC*` element for every entity of the document, plus the author
//!   (`#un`) and the source of the markup (`#rapporteur`).
//! - `coverPage`: the masthead (`docAuthority`, `docNumber`, `docProponent`,
//!   `inline name="distribution"`, `docDate`, `inline name="originalLanguage"`, the job number);
//!   `preface`: the meeting caption and the `docTitle`.
//! - `mainBody`: chapters, sections and `hcontainer`s (groups, subgroups, annexes, decisions,
//!   tables, contents) holding `paragraph`s with literal `num`, `heading`, `content/p`; sub-items
//!   are `blockList/item`; footnotes are `authorialNote marker placement="bottom"` where they are
//!   cited; cross-references are `ref href="#eId"`; entities are `organization`/`person`/`role`
//!   with `refersTo`.
//!
//! `eId`s are the stable ids of the model made into NCNames and unique, so they do not move when a
//! draft renumbers. The XML is written without indentation: whitespace would change mixed content.

use std::collections::{HashMap, HashSet};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::diag::{Diagnostic, Diagnostics};
use crate::document::{
    Block, Contents, Division, DivisionKind, Document, EntityKind, Inline, Item, MastheadStyle, Officers, Paragraph,
    Table,
};
use crate::safety::xml_safe;
use crate::writers::WriteOptions;

/// The Akoma Ntoso 3.0 namespace.
pub const NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// `eId` of the organization that authors every UN report.
pub const AUTHOR_EID: &str = "un";
/// `eId` of the markup's source (this program).
pub const SOURCE_EID: &str = "rapporteur";

pub fn write(doc: &Document, _opts: &WriteOptions) -> Result<Vec<u8>, Diagnostics> {
    let eids = target_eids(doc);
    let mut w = AknWriter { doc, out: Writer::new(Vec::new()), eids, next: 0, depth: 0 };
    w.document().map_err(|e| Diagnostics::from(Diagnostic::error(format!("cannot write Akoma Ntoso: {e}"))))?;
    let mut bytes = w.out.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

/// Makes an NCName out of an id: ASCII letters, digits, `.`, `-` and `_` are kept, anything else
/// becomes `_`, and a name that does not start with a letter or `_` gets a `_` in front.
pub fn ncname(id: &str) -> String {
    let mut s: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' }).collect();
    if !s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        s.insert(0, '_');
    }
    s
}

/// Hands out unique `eId`s in document order: the NCName of the id, or with `-2`, `-3`… appended
/// when it is taken. Run twice over the same document it gives the same answers.
#[derive(Default)]
struct EidAllocator {
    used: HashSet<String>,
}

impl EidAllocator {
    fn alloc(&mut self, id: &str) -> String {
        let base = ncname(id);
        let mut candidate = base.clone();
        let mut n = 2;
        while self.used.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(candidate.clone());
        candidate
    }
}

/// Everything that gets an `eId`, in the order the writer meets it, as (namespace, id). The
/// namespaces keep a footnote and a paragraph with the same id apart.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Space {
    Entity,
    Body,
    Note,
}

/// The map from (namespace, stable id) to `eId`, by a dry run of the allocator in writing order
/// (needed for references that point forward).
fn target_eids(doc: &Document) -> Eids {
    let mut order: Vec<(Space, String)> = Vec::new();
    fn inl(inlines: &[Inline], order: &mut Vec<(Space, String)>, doc: &Document, depth: usize) {
        for i in inlines {
            match i {
                Inline::NoteRef { id, .. } => {
                    order.push((Space::Note, id.clone()));
                    if depth < 4
                        && let Some(n) = doc.footnote(id)
                    {
                        inl(&n.content, order, doc, depth + 1);
                    }
                }
                other => inl(other.children(), order, doc, depth),
            }
        }
    }
    inl(&doc.masthead.symbol_note, &mut order, doc, 0);
    for line in &doc.masthead.caption {
        inl(line, &mut order, doc, 0);
    }
    inl(&doc.masthead.title, &mut order, doc, 0);
    for line in doc.masthead.subtitle_lines() {
        inl(&line, &mut order, doc, 0);
    }
    fn items(list: &[Item], owner: &str, order: &mut Vec<(Space, String)>, doc: &Document) {
        if list.is_empty() {
            return;
        }
        order.push((Space::Body, format!("{owner}-list")));
        for it in list {
            order.push((Space::Body, it.id.clone()));
            inl(&it.content, order, doc, 0);
            items(&it.items, &it.id, order, doc);
        }
    }
    fn blocks(bs: &[Block], order: &mut Vec<(Space, String)>, doc: &Document) {
        for b in bs {
            match b {
                Block::Division(d) => {
                    order.push((Space::Body, d.id.clone()));
                    inl(&d.heading, order, doc, 0);
                    blocks(&d.children, order, doc);
                }
                Block::Paragraph(p) => {
                    order.push((Space::Body, p.id.clone()));
                    inl(&p.content, order, doc, 0);
                    items(&p.items, &p.id, order, doc);
                }
                Block::Table(t) => {
                    order.push((Space::Body, t.id.clone()));
                    inl(&t.caption, order, doc, 0);
                    for c in t.header_cells() {
                        inl(&c.content, order, doc, 0);
                    }
                    for r in &t.rows {
                        for c in r {
                            inl(c, order, doc, 0);
                        }
                    }
                }
                Block::Officers(o) => {
                    order.push((Space::Body, o.id.clone()));
                    order.push((Space::Body, format!("{}-list", o.id)));
                    for office in &o.offices {
                        order.push((Space::Body, office_eid(&o.id, &office.role)));
                        for h in &office.holders {
                            inl(h, order, doc, 0);
                        }
                    }
                }
                Block::Contents(c) => order.push((Space::Body, c.id.clone())),
            }
        }
    }
    blocks(&doc.body, &mut order, doc);
    // Entities last: the body's eIds are the ones references and diffs hang on, so they get
    // the plain names when an entity and a paragraph share an id.
    for e in &doc.entities {
        order.push((Space::Entity, e.id.clone()));
    }

    let mut alloc = EidAllocator::default();
    alloc.used.insert(AUTHOR_EID.into());
    alloc.used.insert(SOURCE_EID.into());
    let mut eids = Eids::default();
    for key in order {
        let eid = alloc.alloc(&key.1);
        eids.first.entry(key.clone()).or_insert_with(|| eid.clone());
        eids.sequence.push((key.0, key.1, eid));
    }
    eids
}

/// The eIds decided before writing: by (namespace, id) for references (the first holder of an
/// id), and in writing order for the elements themselves.
#[derive(Default)]
struct Eids {
    first: HashMap<(Space, String), String>,
    sequence: Vec<(Space, String, String)>,
}

/// AKN wants ISO 639-2 (three letters) in `FRBRlanguage` and in the IRIs.
pub fn iso639_2(lang: &str) -> String {
    let primary = lang.split(['-', '_']).next().unwrap_or(lang).to_ascii_lowercase();
    match primary.as_str() {
        "en" => "eng",
        "fr" => "fra",
        "es" => "spa",
        "ru" => "rus",
        "ar" => "ara",
        "zh" => "zho",
        "de" => "deu",
        "pt" => "por",
        "it" => "ita",
        "" => "und",
        other => return other.to_string(),
    }
    .to_string()
}

/// The Work IRI: `/akn/un/debateReport/meetingReport/<body>/<date>/<symbol with / as ->`.
pub fn work_iri(doc: &Document) -> String {
    let body = if doc.meta.body_short.is_empty() { "un".to_string() } else { iri_component(&doc.meta.body_short) };
    let symbol = iri_component(&doc.meta.symbol.replace('/', "-"));
    let symbol = if symbol.is_empty() { "report".to_string() } else { symbol };
    format!("/akn/un/debateReport/meetingReport/{body}/{}/{symbol}", doc.meta.date)
}

/// The id an office of a list of officers takes in the eId space ("officers-vice-chair").
fn office_eid(list: &str, role: &str) -> String {
    format!("{list}-{role}")
}

fn iri_component(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' }).collect()
}

type XmlResult = std::io::Result<()>;

/// A start tag whose attribute values hold only characters XML can carry.
fn element<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
    let mut el = BytesStart::new(name);
    for (key, value) in attrs {
        el.push_attribute((*key, xml_safe(value).as_ref()));
    }
    el
}

struct AknWriter<'a> {
    doc: &'a Document,
    out: Writer<Vec<u8>>,
    eids: Eids,
    /// The next element of `eids.sequence` (the writer meets elements in the same order).
    next: usize,
    /// Footnote nesting depth (a footnote citing a footnote is written, a loop is not).
    depth: usize,
}

impl AknWriter<'_> {
    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> XmlResult {
        self.out.write_event(Event::Start(element(name, attrs)))
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> XmlResult {
        self.out.write_event(Event::Empty(element(name, attrs)))
    }

    fn end(&mut self, name: &str) -> XmlResult {
        self.out.write_event(Event::End(BytesEnd::new(name)))
    }

    fn text(&mut self, text: &str) -> XmlResult {
        if text.is_empty() {
            return Ok(());
        }
        // quick-xml escapes markup but passes control characters through; XML 1.0 cannot hold
        // them (`check` refuses them first — this keeps the output well-formed regardless).
        self.out.write_event(Event::Text(BytesText::new(&xml_safe(text))))
    }

    /// `<name>text</name>`.
    fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> XmlResult {
        self.start(name, attrs)?;
        self.text(text)?;
        self.end(name)
    }

    /// The eId of the next element with an id, as the dry run decided it.
    fn eid(&mut self, space: Space, id: &str) -> String {
        match self.eids.sequence.get(self.next) {
            Some((sp, i, eid)) if *sp == space && i == id => {
                self.next += 1;
                eid.clone()
            }
            // Not reached while the dry run walks as the writer does; an NCName all the same.
            _ => ncname(id),
        }
    }

    fn document(&mut self) -> XmlResult {
        self.out.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        self.start("akomaNtoso", &[("xmlns", NAMESPACE)])?;
        self.start("debateReport", &[("name", "meetingReport")])?;
        self.meta()?;
        self.cover_page()?;
        self.preface()?;
        self.start("mainBody", &[])?;
        let doc = self.doc;
        self.blocks(&doc.body)?;
        self.end("mainBody")?;
        self.end("debateReport")?;
        self.end("akomaNtoso")
    }

    fn meta(&mut self) -> XmlResult {
        let doc = self.doc;
        let work = work_iri(doc);
        let lang = iso639_2(&doc.meta.language);
        let expr = format!("{work}/{lang}@");
        let date = doc.meta.date.as_str();
        let author = format!("#{AUTHOR_EID}");
        let source = format!("#{SOURCE_EID}");
        self.start("meta", &[])?;
        self.start("identification", &[("source", &source)])?;

        self.start("FRBRWork", &[])?;
        self.empty("FRBRthis", &[("value", &format!("{work}/!main"))])?;
        self.empty("FRBRuri", &[("value", &work)])?;
        self.empty("FRBRdate", &[("date", date), ("name", "issued")])?;
        self.empty("FRBRauthor", &[("href", &author)])?;
        self.empty("FRBRcountry", &[("value", "un")])?;
        self.empty(
            "FRBRnumber",
            &[("value", &iri_component(&doc.meta.symbol.replace('/', "-"))), ("showAs", &doc.meta.symbol)],
        )?;
        self.empty("FRBRname", &[("value", "meetingReport")])?;
        self.end("FRBRWork")?;

        self.start("FRBRExpression", &[])?;
        self.empty("FRBRthis", &[("value", &format!("{expr}/!main"))])?;
        self.empty("FRBRuri", &[("value", &expr)])?;
        self.empty("FRBRdate", &[("date", date), ("name", "issued")])?;
        self.empty("FRBRauthor", &[("href", &author)])?;
        self.empty("FRBRlanguage", &[("language", &lang)])?;
        self.end("FRBRExpression")?;

        self.start("FRBRManifestation", &[])?;
        self.empty("FRBRthis", &[("value", &format!("{expr}/!main.xml"))])?;
        self.empty("FRBRuri", &[("value", &format!("{expr}.akn"))])?;
        self.empty("FRBRdate", &[("date", date), ("name", "generated")])?;
        self.empty("FRBRauthor", &[("href", &source)])?;
        self.end("FRBRManifestation")?;
        self.end("identification")?;

        self.start("references", &[("source", &source)])?;
        self.empty(
            "TLCOrganization",
            &[("eId", AUTHOR_EID), ("href", "/akn/ontology/organizations/un"), ("showAs", "United Nations")],
        )?;
        self.empty(
            "TLCOrganization",
            &[("eId", SOURCE_EID), ("href", "/akn/ontology/organizations/rapporteur"), ("showAs", "rapporteur")],
        )?;
        for e in &doc.entities {
            let eid = self.target(Space::Entity, &e.id);
            let (element, class) = match e.kind {
                EntityKind::Organization => ("TLCOrganization", "organizations"),
                EntityKind::Person => ("TLCPerson", "persons"),
                EntityKind::Role => ("TLCRole", "roles"),
            };
            let href = format!("/akn/ontology/{class}/un/{}", iri_component(&e.id));
            self.empty(element, &[("eId", &eid), ("href", &href), ("showAs", &e.name)])?;
        }
        self.end("references")?;
        self.end("meta")
    }

    fn cover_page(&mut self) -> XmlResult {
        let doc = self.doc;
        let m = &doc.masthead;
        self.start("coverPage", &[])?;
        self.start("p", &[])?;
        self.leaf("docAuthority", &[], &m.publisher)?;
        self.end("p")?;
        self.start("p", &[])?;
        self.leaf("docNumber", &[], &m.symbol)?;
        // A reissue note cited on the symbol.
        self.inlines(&m.symbol_note)?;
        self.end("p")?;
        self.start("p", &[])?;
        self.leaf("docProponent", &[], &m.organ)?;
        self.end("p")?;
        if let Some(or) = &m.official_records {
            // An Official Records volume: no distribution, the volume named instead.
            for (name, value) in
                [("officialRecords", &or.label), ("session", &or.session), ("supplement", &or.supplement)]
            {
                self.start("p", &[])?;
                self.leaf("inline", &[("name", name)], value)?;
                self.end("p")?;
            }
            self.start("p", &[])?;
            self.leaf("docDate", &[("date", &doc.meta.date)], &m.date)?;
            self.end("p")?;
        } else {
            let capitals = m.style == MastheadStyle::Capitals;
            self.start("p", &[])?;
            self.text(if capitals { "Distr. " } else { &m.distribution_label })?;
            let distribution = if capitals { m.distribution.to_uppercase() } else { m.distribution.clone() };
            self.leaf("inline", &[("name", "distribution")], &distribution)?;
            self.end("p")?;
            self.start("p", &[])?;
            self.leaf("docDate", &[("date", &doc.meta.date)], &m.date)?;
            self.end("p")?;
            if let Some(version) = &m.version {
                self.start("p", &[])?;
                self.leaf("inline", &[("name", "languageVersion")], version)?;
                self.end("p")?;
            }
            self.start("p", &[])?;
            self.text(if capitals { "ORIGINAL: " } else { &m.original_label })?;
            let original = if capitals { m.original.to_uppercase() } else { m.original.clone() };
            self.leaf("inline", &[("name", "originalLanguage")], &original)?;
            self.end("p")?;
        }
        if let Some(job) = &m.job_number {
            self.start("p", &[])?;
            self.leaf("inline", &[("name", "jobNumber")], job)?;
            if let Some(code) = &m.barcode {
                self.text(" ")?;
                self.leaf("inline", &[("name", "barcode")], code)?;
            }
            self.end("p")?;
        }
        self.end("coverPage")
    }

    fn preface(&mut self) -> XmlResult {
        let doc = self.doc;
        let m = &doc.masthead;
        self.start("preface", &[])?;
        for line in &m.caption {
            self.start("p", &[("class", "caption")])?;
            self.inlines(line)?;
            self.end("p")?;
        }
        self.start("p", &[])?;
        self.start("docTitle", &[])?;
        self.inlines(&m.title)?;
        self.end("docTitle")?;
        self.end("p")?;
        if let Some(a) = &m.addendum {
            self.start("p", &[("class", "addendum")])?;
            self.leaf("inline", &[("name", "addendum")], &a.label)?;
            self.end("p")?;
            if !a.part.is_empty() {
                self.start("p", &[("class", "part")])?;
                self.inlines(&a.part)?;
                self.end("p")?;
            }
        }
        if let Some(name) = &m.rapporteur {
            self.start("p", &[("class", "rapporteur")])?;
            self.text(&m.rapporteur_label)?;
            self.start("inline", &[("name", "rapporteur")])?;
            self.inlines(name)?;
            self.end("inline")?;
            self.end("p")?;
        }
        self.end("preface")
    }

    fn blocks(&mut self, blocks: &[Block]) -> XmlResult {
        for b in blocks {
            match b {
                Block::Division(d) => self.division(d)?,
                Block::Paragraph(p) => self.paragraph(p)?,
                Block::Table(t) => self.table(t)?,
                Block::Officers(o) => self.officers(o)?,
                Block::Contents(c) => self.contents(c)?,
            }
        }
        Ok(())
    }

    fn division(&mut self, d: &Division) -> XmlResult {
        let (element, name) = match d.kind {
            DivisionKind::Chapter => ("chapter", None),
            DivisionKind::Section => ("section", None),
            DivisionKind::Group => ("hcontainer", Some("group")),
            DivisionKind::Subgroup => ("hcontainer", Some("subgroup")),
            DivisionKind::Annex => ("hcontainer", Some("annex")),
            DivisionKind::Decision => ("hcontainer", Some("decision")),
            DivisionKind::Rule => ("rule", None),
        };
        let eid = self.eid(Space::Body, &d.id);
        let mut attrs = vec![("eId", eid.as_str())];
        if let Some(n) = name {
            attrs.push(("name", n));
        }
        self.start(element, &attrs)?;
        if let Some(num) = &d.num {
            self.leaf("num", &[], num)?;
        }
        if !d.heading.is_empty() {
            self.start("heading", &[])?;
            self.inlines(&d.heading)?;
            self.end("heading")?;
        }
        self.blocks(&d.children)?;
        self.end(element)
    }

    fn paragraph(&mut self, p: &Paragraph) -> XmlResult {
        let eid = self.eid(Space::Body, &p.id);
        self.start("paragraph", &[("eId", &eid)])?;
        if let Some(num) = &p.num {
            self.leaf("num", &[], num)?;
        }
        self.start("content", &[])?;
        self.start("p", &[])?;
        self.inlines(&p.content)?;
        self.end("p")?;
        self.items(&p.items, &p.id)?;
        self.end("content")?;
        self.end("paragraph")
    }

    fn items(&mut self, items: &[Item], owner: &str) -> XmlResult {
        if items.is_empty() {
            return Ok(());
        }
        let eid = self.eid(Space::Body, &format!("{owner}-list"));
        self.start("blockList", &[("eId", &eid)])?;
        for it in items {
            let eid = self.eid(Space::Body, &it.id);
            self.start("item", &[("eId", &eid)])?;
            self.leaf("num", &[], &it.label)?;
            self.start("p", &[])?;
            self.inlines(&it.content)?;
            self.end("p")?;
            self.items(&it.items, &it.id)?;
            self.end("item")?;
        }
        self.end("blockList")
    }

    /// Officers by office: a container named `officers` holding a list, one item per office,
    /// its label ("Vice-Chairs:") as the item's number and each holder a `<p>` of its own.
    fn officers(&mut self, o: &Officers) -> XmlResult {
        let eid = self.eid(Space::Body, &o.id);
        self.start("hcontainer", &[("eId", &eid), ("name", "officers")])?;
        self.start("content", &[])?;
        let list = self.eid(Space::Body, &format!("{}-list", o.id));
        self.start("blockList", &[("eId", &list), ("class", "officers")])?;
        for office in &o.offices {
            let eid = self.eid(Space::Body, &office_eid(&o.id, &office.role));
            self.start("item", &[("eId", &eid), ("class", &office.role)])?;
            self.leaf("num", &[], &office.label)?;
            for holder in &office.holders {
                self.start("p", &[])?;
                self.inlines(holder)?;
                self.end("p")?;
            }
            self.end("item")?;
        }
        self.end("blockList")?;
        self.end("content")?;
        self.end("hcontainer")
    }

    fn table(&mut self, t: &Table) -> XmlResult {
        let eid = self.eid(Space::Body, &t.id);
        self.start("hcontainer", &[("eId", &eid), ("name", "table")])?;
        if let Some(num) = &t.num {
            self.leaf("num", &[], num)?;
        }
        if !t.caption.is_empty() {
            self.start("heading", &[])?;
            self.inlines(&t.caption)?;
            self.end("heading")?;
        }
        self.start("content", &[])?;
        if t.header.is_empty() && t.rows.is_empty() {
            // A table needs a row; an empty one is an empty paragraph.
            self.empty("p", &[])?;
        } else {
            self.start("table", &[])?;
            for row in &t.header {
                self.start("tr", &[])?;
                for c in row {
                    let (columns, rows) = (c.columns.to_string(), c.rows.to_string());
                    let mut attrs = Vec::new();
                    if c.columns > 1 {
                        attrs.push(("colspan", columns.as_str()));
                    }
                    if c.rows > 1 {
                        attrs.push(("rowspan", rows.as_str()));
                    }
                    self.cell_with("th", &attrs, &c.content)?;
                }
                self.end("tr")?;
            }
            for row in &t.rows {
                self.start("tr", &[])?;
                for c in row {
                    self.cell("td", c)?;
                }
                self.end("tr")?;
            }
            self.end("table")?;
        }
        self.end("content")?;
        self.end("hcontainer")
    }

    fn cell(&mut self, name: &str, content: &[Inline]) -> XmlResult {
        self.cell_with(name, &[], content)
    }

    fn cell_with(&mut self, name: &str, attrs: &[(&str, &str)], content: &[Inline]) -> XmlResult {
        self.start(name, attrs)?;
        self.start("p", &[])?;
        self.inlines(content)?;
        self.end("p")?;
        self.end(name)
    }

    fn contents(&mut self, c: &Contents) -> XmlResult {
        let eid = self.eid(Space::Body, &c.id);
        self.start("hcontainer", &[("eId", &eid), ("name", "contents")])?;
        self.start("heading", &[])?;
        self.text(&c.heading)?;
        self.end("heading")?;
        self.start("content", &[])?;
        if c.entries.is_empty() {
            self.empty("p", &[])?;
        } else {
            self.start("toc", &[])?;
            for e in &c.entries {
                let href = format!("#{}", self.target(Space::Body, &e.target));
                let level = e.level.to_string();
                self.start("tocItem", &[("href", &href), ("level", &level)])?;
                if let Some(num) = &e.num {
                    self.leaf("inline", &[("name", "num")], num)?;
                    self.text(" ")?;
                }
                self.leaf("inline", &[("name", "title")], &e.title)?;
                if let Some(paras) = &e.paragraphs {
                    self.text(" ")?;
                    self.leaf("inline", &[("name", "paragraphs")], paras)?;
                }
                self.end("tocItem")?;
            }
            self.end("toc")?;
        }
        self.end("content")?;
        self.end("hcontainer")
    }

    fn target(&self, space: Space, id: &str) -> String {
        self.eids.first.get(&(space, id.to_string())).cloned().unwrap_or_else(|| ncname(id))
    }

    fn inlines(&mut self, inlines: &[Inline]) -> XmlResult {
        for i in inlines {
            match i {
                Inline::Text { text } => self.text(text)?,
                Inline::Emph { content } => {
                    self.start("i", &[])?;
                    self.inlines(content)?;
                    self.end("i")?;
                }
                Inline::Strong { content } => {
                    self.start("b", &[])?;
                    self.inlines(content)?;
                    self.end("b")?;
                }
                // A draft's bracketed text keeps its brackets as text: they are part of the
                // wording under negotiation, as the printed draft shows it.
                Inline::Bracketed { content } => {
                    self.text("[")?;
                    self.inlines(content)?;
                    self.text("]")?;
                }
                // A marked copy: Akoma Ntoso's own elements for inserted and deleted text.
                Inline::Inserted { content } => {
                    self.start("ins", &[])?;
                    self.inlines(content)?;
                    self.end("ins")?;
                }
                Inline::Deleted { content } => {
                    self.start("del", &[])?;
                    self.inlines(content)?;
                    self.end("del")?;
                }
                Inline::Ref { target, content } => {
                    let href = format!("#{}", self.target(Space::Body, target));
                    self.start("ref", &[("href", &href)])?;
                    self.inlines(content)?;
                    self.end("ref")?;
                }
                Inline::Entity { refers_to, content } => {
                    let element = match self.doc.entities.iter().find(|e| &e.id == refers_to).map(|e| e.kind) {
                        Some(EntityKind::Person) => "person",
                        Some(EntityKind::Role) => "role",
                        _ => "organization",
                    };
                    let href = format!("#{}", self.target(Space::Entity, refers_to));
                    self.start(element, &[("refersTo", &href)])?;
                    self.inlines(content)?;
                    self.end(element)?;
                }
                Inline::NoteRef { id, marker } => {
                    let eid = self.eid(Space::Note, id);
                    self.start("authorialNote", &[("eId", &eid), ("marker", marker), ("placement", "bottom")])?;
                    self.start("p", &[])?;
                    let doc = self.doc;
                    if self.depth < 4
                        && let Some(note) = doc.footnote(id)
                    {
                        self.depth += 1;
                        self.inlines(&note.content)?;
                        self.depth -= 1;
                    }
                    self.end("p")?;
                    self.end("authorialNote")?;
                }
            }
        }
        Ok(())
    }
}
