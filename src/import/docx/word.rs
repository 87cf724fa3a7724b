//! WordprocessingML read into what the report needs: paragraphs with their style's role, their
//! runs (text with italic and bold, tabs, line breaks, footnote references with their marks),
//! the hidden bookmarks that carry our ids, and the number Word would print from `w:numPr`;
//! tables as rows of cells of such paragraphs.
//!
//! Only what a report uses is read. Tracked insertions are read as text and tracked deletions
//! left out (the text as it stands), field codes are skipped and their results kept, and
//! content controls, hyperlinks and smart tags are read through.

use std::collections::HashMap;

use quick_xml::Reader as XmlReader;
use quick_xml::events::Event;

use crate::diag::{Diagnostic, Diagnostics};

/// Deeper than this is not a report.
const MAX_DEPTH: usize = 200;

/// A parsed element: local name, attributes by local name, children.
#[derive(Debug, Clone, Default)]
pub struct El {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone)]
pub enum Node {
    El(El),
    Text(String),
}

impl El {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    pub fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|n| if let Node::El(e) = n { Some(e) } else { None })
    }
    pub fn child(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }
    /// The first descendant with this name.
    pub fn find(&self, name: &str) -> Option<&El> {
        self.elements().find_map(|e| if e.name == name { Some(e) } else { e.find(name) })
    }
    /// The text of every text node inside.
    pub fn text(&self) -> String {
        let mut s = String::new();
        fn walk(e: &El, s: &mut String) {
            for n in &e.children {
                match n {
                    Node::Text(t) => s.push_str(t),
                    Node::El(c) => walk(c, s),
                }
            }
        }
        walk(self, &mut s);
        s
    }
    /// An on/off property (`w:b`, `w:i`): present and not `0`/`false`/`off`.
    fn on(&self, name: &str) -> Option<bool> {
        self.child(name).map(|e| !matches!(e.attr("val"), Some("0" | "false" | "off" | "none")))
    }
}

fn local(name: &[u8]) -> String {
    let s = String::from_utf8_lossy(name);
    match s.rsplit_once(':') {
        Some((_, l)) => l.to_string(),
        None => s.into_owned(),
    }
}

/// Parses one part into a tree (namespaces dropped: WordprocessingML's local names are unique
/// enough for what is read). A DTD, unknown entities, excessive depth and truncation are errors.
pub fn parse(xml: &str, part: &str) -> Result<El, Diagnostics> {
    let mut reader = XmlReader::from_str(xml);
    reader.config_mut().trim_text(false);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<El> = vec![El { name: "#document".into(), ..Default::default() }];
    let bad = |what: String| -> Diagnostics {
        Diagnostic::error(format!("{part}: {what}")).with_hint("the file is not a well-formed Word document").into()
    };
    loop {
        let pos = reader.buffer_position();
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if stack.len() > MAX_DEPTH {
                    return Err(bad(format!("elements nested deeper than {MAX_DEPTH} (at byte {pos})")));
                }
                stack.push(element(&e));
            }
            Ok(Event::Empty(e)) => {
                let el = element(&e);
                if let Some(top) = stack.last_mut() {
                    top.children.push(Node::El(el));
                }
            }
            Ok(Event::End(_)) => {
                let done = stack.pop().ok_or_else(|| bad("unbalanced end tag".into()))?;
                match stack.last_mut() {
                    Some(top) => top.children.push(Node::El(done)),
                    None => return Err(bad("unbalanced end tag".into())),
                }
            }
            Ok(Event::Text(t)) => {
                let text = t.decode().map_err(|e| bad(format!("{e} (at byte {pos})")))?;
                push_tree_text(&mut stack, &text);
            }
            Ok(Event::CData(t)) => {
                let text = String::from_utf8_lossy(&t).into_owned();
                push_tree_text(&mut stack, &text);
            }
            Ok(Event::GeneralRef(r)) => {
                let name = r.decode().map_err(|e| bad(format!("{e} (at byte {pos})")))?;
                let text = if let Some(c) = r.resolve_char_ref().ok().flatten() {
                    c.to_string()
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                    s.to_string()
                } else {
                    return Err(bad(format!("unknown entity `&{name};` (at byte {pos})")));
                };
                push_tree_text(&mut stack, &text);
            }
            Ok(Event::DocType(_)) => return Err(bad("a DOCTYPE is not allowed in a Word document".into())),
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(bad(format!("{e} (at byte {pos})"))),
        }
    }
    if stack.len() != 1 {
        return Err(bad("the part ends inside an element (truncated?)".into()));
    }
    Ok(stack.pop().unwrap_or_default())
}

fn push_tree_text(stack: &mut [El], text: &str) {
    if let Some(top) = stack.last_mut() {
        match top.children.last_mut() {
            Some(Node::Text(t)) => t.push_str(text),
            _ => top.children.push(Node::Text(text.to_string())),
        }
    }
}

fn element(e: &quick_xml::events::BytesStart<'_>) -> El {
    let attrs = e
        .attributes()
        .flatten()
        .map(|a| {
            let value = a.unescape_value().map(|v| v.into_owned()).unwrap_or_default();
            (local(a.key.as_ref()), value)
        })
        .collect();
    El { name: local(e.name().as_ref()), attrs, children: Vec::new() }
}

// ---------------------------------------------------------------------------------------------
// Styles.

/// What a paragraph style stands for in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A heading at outline level 0 (HCh) … 4 (H56).
    Heading(u8),
    /// The heading of a quoted decision or resolution.
    DecisionHeading,
    /// Body text (SingleTxt, Normal).
    Body,
    /// A sub-item at depth 1 ((a)) … 4.
    SubItem(u8),
    /// A lettered sub-paragraph of a decision at depth 1 …
    DecisionItem(u8),
    FootnoteText,
    Publisher,
    Symbol,
    Organ,
    Distribution,
    Caption,
    Title,
    Subtitle,
    OfficialRecords,
    JobNumber,
    Barcode,
    ContentsHeading,
    ContentsColumnHead,
    /// A contents entry at level 0 … 2.
    Toc(u8),
    TableCaption,
    TableHead,
    TableText,
    /// Running heads and feet.
    Furniture,
}

/// A style name or id reduced to lower-case letters and digits: "_ H _Ch_G" → "hchg",
/// "SingleTxt Sub-item 1" → "singletxtsubitem1".
fn key(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

/// The role a style name (or id) says, in our styles and the UN's New York and Geneva families.
fn role_of(name: &str) -> Option<Role> {
    let k = key(name);
    // The Geneva family ends its names in "G" ("_ H_1_G", "_ Single Txt_G").
    let k = match k.strip_suffix('g') {
        Some(base) if base.starts_with('h') || base == "singletxt" => base.to_string(),
        _ => k,
    };
    let digit = |prefix: &str| -> Option<u8> { k.strip_prefix(prefix)?.parse::<u8>().ok() };
    Some(match k.as_str() {
        "hch" | "heading1" | "hchapter" => Role::Heading(0),
        "h1" | "heading2" => Role::Heading(1),
        "h23" | "heading3" => Role::Heading(2),
        "h4" | "heading4" => Role::Heading(3),
        "h56" | "heading5" | "heading6" => Role::Heading(4),
        "singletxt" | "normal" | "bodytext" | "textbody" | "default" | "standard" => Role::Body,
        "footnotetext" => Role::FootnoteText,
        "mastheadun" | "mastheadunitednations" => Role::Publisher,
        "mastheadsymbol" => Role::Symbol,
        "mastheadorgan" => Role::Organ,
        "mastheaddistr" | "mastheaddistribution" => Role::Distribution,
        "mastheadcaption" => Role::Caption,
        "title" => Role::Title,
        "mastheadsubtitle" | "mastheadrapporteur" => Role::Subtitle,
        "officialrecords" => Role::OfficialRecords,
        "jobnumber" => Role::JobNumber,
        "barcode" => Role::Barcode,
        "contentsheading" => Role::ContentsHeading,
        "tochead" | "contentscolumnhead" => Role::ContentsColumnHead,
        "tablecaption" => Role::TableCaption,
        "tablehead" => Role::TableHead,
        "tabletext" => Role::TableText,
        "header" | "footer" => Role::Furniture,
        _ => {
            if digit("decisionheading").is_some() || digit("h1decision").is_some() {
                Role::DecisionHeading
            } else if let Some(n) = digit("subitem").or_else(|| digit("singletxtsubitem")) {
                Role::SubItem(n.max(1))
            } else if let Some(n) = digit("decisionitem").or_else(|| digit("singletxtdecisionsubparagraph")) {
                Role::DecisionItem(n.max(1))
            } else if let Some(n) = digit("toc").or_else(|| digit("contents")) {
                Role::Toc(n.saturating_sub(1).min(2))
            } else {
                return None;
            }
        }
    })
}

/// The styles of the document: each paragraph style's role (by name, then id, then the style it
/// is based on), and the numbering a style carries.
#[derive(Debug, Default)]
pub struct Styles {
    roles: HashMap<String, Role>,
    /// Numbering (`numId`, `ilvl`) given in a style.
    numbering: HashMap<String, (String, u32)>,
    /// The outline level a style gives.
    outline: HashMap<String, u8>,
}

impl Styles {
    pub fn read(styles: Option<&El>) -> Styles {
        let mut out = Styles::default();
        let Some(root) = styles.and_then(|s| s.child("styles")) else { return out };
        let mut based: HashMap<String, String> = HashMap::new();
        for st in root.elements().filter(|e| e.name == "style") {
            let Some(id) = st.attr("styleId") else { continue };
            let name = st.child("name").and_then(|n| n.attr("val")).unwrap_or(id);
            if let Some(role) = role_of(name).or_else(|| role_of(id)) {
                out.roles.insert(id.to_string(), role);
            }
            if let Some(b) = st.child("basedOn").and_then(|b| b.attr("val")) {
                based.insert(id.to_string(), b.to_string());
            }
            if let Some(ppr) = st.child("pPr") {
                if let Some(num) = num_pr(ppr) {
                    out.numbering.insert(id.to_string(), num);
                }
                if let Some(l) = ppr.child("outlineLvl").and_then(|o| o.attr("val")).and_then(|v| v.parse().ok()) {
                    out.outline.insert(id.to_string(), l);
                }
            }
        }
        // A style of unknown name takes the role of the style it is based on.
        let ids: Vec<String> = based.keys().cloned().collect();
        for id in ids {
            if out.roles.contains_key(&id) {
                continue;
            }
            let mut at = id.clone();
            for _ in 0..16 {
                let Some(parent) = based.get(&at) else { break };
                if let Some(role) = out.roles.get(parent).copied() {
                    // A heading by outline level is still a heading; otherwise the parent's role.
                    out.roles.insert(id.clone(), role);
                    break;
                }
                at = parent.clone();
            }
        }
        out
    }

    /// The role of a paragraph of style `id` with outline level `outline` (a paragraph's own
    /// level wins over its style's); body text when nothing says otherwise.
    pub fn role(&self, id: Option<&str>, outline: Option<u8>) -> Role {
        let role = id.and_then(|id| self.roles.get(id).copied().or_else(|| role_of(id)));
        let outline = outline.or_else(|| id.and_then(|id| self.outline.get(id).copied()));
        match (role, outline) {
            (Some(Role::DecisionHeading), _) => Role::DecisionHeading,
            (Some(r @ Role::Heading(_)), _) => r,
            (Some(r), _) if r != Role::Body => r,
            (_, Some(l)) if l < 9 => Role::Heading(l.min(4)),
            (r, _) => r.unwrap_or(Role::Body),
        }
    }
}

/// `w:numPr` of a paragraph's properties: (`numId`, `ilvl`).
fn num_pr(ppr: &El) -> Option<(String, u32)> {
    let np = ppr.child("numPr")?;
    let id = np.child("numId")?.attr("val")?.to_string();
    let level = np.child("ilvl").and_then(|l| l.attr("val")).and_then(|v| v.parse().ok()).unwrap_or(0);
    Some((id, level))
}

// ---------------------------------------------------------------------------------------------
// Numbering (`word/numbering.xml`).

#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// The numbering definitions, and the counters as the document is read in order.
#[derive(Debug, Default)]
pub struct Numbering {
    /// numId → its abstract definition's levels (with overrides applied).
    levels: HashMap<String, Vec<Level>>,
    /// abstractNumId → counters, shared by the numIds that use it (as Word counts).
    abstract_of: HashMap<String, String>,
    counters: HashMap<String, [u32; 9]>,
}

impl Numbering {
    pub fn read(numbering: Option<&El>) -> Numbering {
        let mut out = Numbering::default();
        let Some(root) = numbering.and_then(|n| n.child("numbering")) else { return out };
        let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
        for a in root.elements().filter(|e| e.name == "abstractNum") {
            let Some(id) = a.attr("abstractNumId") else { continue };
            let mut levels = vec![Level::default(); 9];
            for l in a.elements().filter(|e| e.name == "lvl") {
                let Some(i) = l.attr("ilvl").and_then(|v| v.parse::<usize>().ok()).filter(|i| *i < 9) else { continue };
                levels[i] = Level {
                    format: l.child("numFmt").and_then(|f| f.attr("val")).unwrap_or("decimal").to_string(),
                    text: l.child("lvlText").and_then(|f| f.attr("val")).unwrap_or("").to_string(),
                    start: l.child("start").and_then(|f| f.attr("val")).and_then(|v| v.parse().ok()).unwrap_or(1),
                };
            }
            abstracts.insert(id.to_string(), levels);
        }
        for n in root.elements().filter(|e| e.name == "num") {
            let (Some(id), Some(abs)) = (n.attr("numId"), n.child("abstractNumId").and_then(|a| a.attr("val"))) else {
                continue;
            };
            let mut levels = abstracts.get(abs).cloned().unwrap_or_default();
            for o in n.elements().filter(|e| e.name == "lvlOverride") {
                let Some(i) = o.attr("ilvl").and_then(|v| v.parse::<usize>().ok()).filter(|i| *i < levels.len()) else {
                    continue;
                };
                if let Some(s) = o.child("startOverride").and_then(|s| s.attr("val")).and_then(|v| v.parse().ok()) {
                    levels[i].start = s;
                }
            }
            out.levels.insert(id.to_string(), levels);
            out.abstract_of.insert(id.to_string(), abs.to_string());
        }
        out
    }

    /// The label Word prints for the next paragraph numbered (`num_id`, `level`), counting it.
    pub fn next(&mut self, num_id: &str, level: u32) -> Option<String> {
        let levels = self.levels.get(num_id)?;
        let level = (level as usize).min(8);
        let def = levels.get(level)?;
        if def.format == "none" || def.format == "bullet" {
            return None;
        }
        let key = self.abstract_of.get(num_id).cloned().unwrap_or_default();
        let counters = self.counters.entry(key).or_insert([0; 9]);
        counters[level] = if counters[level] == 0 { def.start } else { counters[level] + 1 };
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        let mut label = def.text.clone();
        for (i, l) in levels.iter().enumerate().take(level + 1) {
            let n = if counters[i] == 0 { l.start } else { counters[i] };
            label = label.replace(&format!("%{}", i + 1), &format_number(n, &l.format));
        }
        (!label.trim().is_empty()).then_some(label)
    }
}

fn format_number(n: u32, format: &str) -> String {
    let letters = |upper: bool| {
        let i = (n.max(1) - 1) as usize;
        let c = (b'a' + (i % 26) as u8) as char;
        let s = c.to_string().repeat(i / 26 + 1);
        if upper { s.to_uppercase() } else { s }
    };
    match format {
        "lowerLetter" => letters(false),
        "upperLetter" => letters(true),
        "lowerRoman" => crate::generate::roman(n).to_lowercase(),
        "upperRoman" => crate::generate::roman(n),
        _ => n.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Paragraphs and runs.

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// `mark`: set in a footnote's mark style or raised (the mark a note prints at its start).
    Text {
        text: String,
        italic: bool,
        bold: bool,
        mark: bool,
    },
    Tab,
    Break,
    /// A footnote reference: Word's id, and the mark printed when it is not Word's number.
    Note {
        word_id: String,
        custom: Option<String>,
    },
}

/// A paragraph of the document.
#[derive(Debug, Clone)]
pub struct Para {
    pub role: Role,
    pub pieces: Vec<Piece>,
    /// Names of the bookmarks that start in it.
    pub bookmarks: Vec<String>,
    /// The label Word numbers it with (`w:numPr`), when it has one.
    pub auto_label: Option<String>,
    /// Whether it starts a new page (a page break before or inside it).
    pub page_break: bool,
}

impl Para {
    /// The text without notes, tabs as `\t` and breaks as `\n`.
    pub fn plain(&self) -> String {
        let mut s = String::new();
        for p in &self.pieces {
            match p {
                Piece::Text { text, .. } => s.push_str(text),
                Piece::Tab => s.push('\t'),
                Piece::Break => s.push('\n'),
                Piece::Note { .. } => {}
            }
        }
        s
    }

    pub fn is_blank(&self) -> bool {
        self.pieces.iter().all(|p| match p {
            Piece::Text { text, .. } => text.trim().is_empty(),
            Piece::Tab | Piece::Break => true,
            Piece::Note { .. } => false,
        })
    }
}

/// A cell of a table: its paragraphs (nested tables are read as their paragraphs), and how it
/// spans the grid. It reads as its paragraphs (`Deref`, `IntoIterator`).
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub paras: Vec<Para>,
    /// The grid columns it covers (`w:gridSpan`; 1 without).
    pub span: usize,
    /// Its place in a vertical merge (`w:vMerge`): it starts one, or continues the one above.
    pub merge: Option<Merge>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    Restart,
    Continue,
}

impl std::ops::Deref for Cell {
    type Target = Vec<Para>;
    fn deref(&self) -> &Vec<Para> {
        &self.paras
    }
}

impl IntoIterator for Cell {
    type Item = Para;
    type IntoIter = std::vec::IntoIter<Para>;
    fn into_iter(self) -> Self::IntoIter {
        self.paras.into_iter()
    }
}

impl<'a> IntoIterator for &'a Cell {
    type Item = &'a Para;
    type IntoIter = std::slice::Iter<'a, Para>;
    fn into_iter(self) -> Self::IntoIter {
        self.paras.iter()
    }
}

/// An element of the body.
#[derive(Debug, Clone)]
pub enum Item {
    Para(Para),
    Table(Vec<Vec<Cell>>),
}

/// Reads paragraphs and tables, counting `w:numPr` numbers in document order.
pub struct Reader<'a> {
    pub styles: &'a Styles,
    pub numbering: &'a mut Numbering,
}

#[derive(Default, Clone, Copy)]
struct RunFmt {
    italic: bool,
    bold: bool,
    mark: bool,
}

impl Reader<'_> {
    /// The children of `w:body` (or of a header, footer or footnote) in order.
    pub fn items(&mut self, container: &El) -> Vec<Item> {
        let mut out = Vec::new();
        for e in container.elements() {
            match e.name.as_str() {
                "p" => out.push(Item::Para(self.para(e))),
                "tbl" => {
                    let mut rows = Vec::new();
                    for tr in e.elements().filter(|r| r.name == "tr") {
                        let mut cells = Vec::new();
                        for tc in tr.elements().filter(|c| c.name == "tc") {
                            let tcpr = tc.child("tcPr");
                            let span = tcpr
                                .and_then(|p| p.child("gridSpan"))
                                .and_then(|g| g.attr("val"))
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(1usize)
                                .max(1);
                            // `w:vMerge` without a value (or `continue`) continues the merge.
                            let merge = tcpr.and_then(|p| p.child("vMerge")).map(|m| match m.attr("val") {
                                Some("restart") => Merge::Restart,
                                _ => Merge::Continue,
                            });
                            let mut cell = Vec::new();
                            for item in self.items(tc) {
                                match item {
                                    Item::Para(p) => cell.push(p),
                                    Item::Table(rows) => {
                                        cell.extend(rows.into_iter().flatten().flatten());
                                    }
                                }
                            }
                            cells.push(Cell { paras: cell, span, merge });
                        }
                        rows.push(cells);
                    }
                    out.push(Item::Table(rows));
                }
                // Content controls and custom XML hold paragraphs.
                "sdt" => {
                    if let Some(content) = e.child("sdtContent") {
                        out.extend(self.items(content));
                    }
                }
                "customXml" | "ins" | "moveTo" => out.extend(self.items(e)),
                _ => {}
            }
        }
        out
    }

    pub fn para(&mut self, p: &El) -> Para {
        let ppr = p.child("pPr");
        let style = ppr.and_then(|pr| pr.child("pStyle")).and_then(|s| s.attr("val"));
        let outline =
            ppr.and_then(|pr| pr.child("outlineLvl")).and_then(|o| o.attr("val")).and_then(|v| v.parse().ok());
        let role = self.styles.role(style, outline);
        let numbering = ppr.and_then(num_pr).or_else(|| style.and_then(|s| self.styles.numbering.get(s).cloned()));
        // numId 0 switches numbering off.
        let auto_label = numbering.filter(|(id, _)| id != "0").and_then(|(id, level)| self.numbering.next(&id, level));
        let page_break = ppr.and_then(|pr| pr.on("pageBreakBefore")).unwrap_or(false);
        let mut para = Para { role, pieces: Vec::new(), bookmarks: Vec::new(), auto_label, page_break };
        let mut field = Vec::new();
        self.content(p, &mut para, &mut field);
        para
    }

    /// Runs and what holds runs, in order. `field` is the stack of open fields: true while
    /// their code is being read (skipped), false once their result is.
    fn content(&mut self, e: &El, para: &mut Para, field: &mut Vec<bool>) {
        for c in e.elements() {
            match c.name.as_str() {
                "r" => self.run(c, para, field),
                "bookmarkStart" => {
                    if let Some(name) = c.attr("name") {
                        para.bookmarks.push(name.to_string());
                    }
                }
                "hyperlink" | "smartTag" | "ins" | "moveTo" | "customXml" | "fldSimple" | "dir" | "bdo" => {
                    self.content(c, para, field)
                }
                "sdt" => {
                    if let Some(content) = c.child("sdtContent") {
                        self.content(content, para, field);
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, r: &El, para: &mut Para, field: &mut Vec<bool>) {
        let rpr = r.child("rPr");
        let style = rpr.and_then(|p| p.child("rStyle")).and_then(|s| s.attr("val")).map(key).unwrap_or_default();
        let raised = rpr.and_then(|p| p.child("vertAlign")).and_then(|v| v.attr("val")) == Some("superscript");
        let fmt = RunFmt {
            italic: rpr.and_then(|p| p.on("i")).unwrap_or(false),
            bold: rpr.and_then(|p| p.on("b")).unwrap_or(false),
            mark: raised || (style.starts_with("footnote") && !style.contains("text")),
        };
        let mut pending_custom: Option<usize> = None;
        for c in r.elements() {
            let in_code = field.last().copied().unwrap_or(false);
            match c.name.as_str() {
                "fldChar" => match c.attr("fldCharType") {
                    Some("begin") => field.push(true),
                    Some("separate") => {
                        if let Some(top) = field.last_mut() {
                            *top = false;
                        }
                    }
                    Some("end") => {
                        field.pop();
                    }
                    _ => {}
                },
                _ if in_code => {}
                "t" => {
                    let text = c.text();
                    if let Some(i) = pending_custom.take()
                        && let Some(Piece::Note { custom, .. }) = para.pieces.get_mut(i)
                    {
                        *custom = Some(text);
                        continue;
                    }
                    push_text(para, &text, fmt);
                }
                "tab" | "ptab" => para.pieces.push(Piece::Tab),
                "br" | "cr" => {
                    if c.attr("type") == Some("page") {
                        para.page_break = true;
                    } else {
                        para.pieces.push(Piece::Break);
                    }
                }
                "noBreakHyphen" => push_text(para, "\u{2011}", fmt),
                "sym" => {
                    if let Some(ch) =
                        c.attr("char").and_then(|v| u32::from_str_radix(v, 16).ok()).and_then(char::from_u32)
                    {
                        push_text(para, &ch.to_string(), fmt);
                    }
                }
                "footnoteReference" => {
                    let word_id = c.attr("id").unwrap_or_default().to_string();
                    let custom = c.on_attr("customMarkFollows");
                    para.pieces.push(Piece::Note { word_id, custom: None });
                    if custom {
                        pending_custom = Some(para.pieces.len() - 1);
                    }
                }
                _ => {}
            }
        }
    }
}

impl El {
    fn on_attr(&self, name: &str) -> bool {
        matches!(self.attr(name), Some("1" | "true" | "on"))
    }
}

fn push_text(para: &mut Para, text: &str, fmt: RunFmt) {
    if text.is_empty() {
        return;
    }
    if let Some(Piece::Text { text: last, italic, bold, mark }) = para.pieces.last_mut()
        && *italic == fmt.italic
        && *bold == fmt.bold
        && *mark == fmt.mark
    {
        last.push_str(text);
        return;
    }
    para.pieces.push(Piece::Text { text: text.to_string(), italic: fmt.italic, bold: fmt.bold, mark: fmt.mark });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_names_of_both_families_and_ours() {
        assert_eq!(role_of("_ H _Ch_G"), Some(Role::Heading(0)));
        assert_eq!(role_of("_ H_1_G"), Some(Role::Heading(1)));
        assert_eq!(role_of("_ H_2/3_G"), Some(Role::Heading(2)));
        assert_eq!(role_of("_ Single Txt_G"), Some(Role::Body));
        assert_eq!(role_of("SingleTxt"), Some(Role::Body));
        assert_eq!(role_of("HCh"), Some(Role::Heading(0)));
        assert_eq!(role_of("H23"), Some(Role::Heading(2)));
        assert_eq!(role_of("Footnote Text"), Some(Role::FootnoteText));
        assert_eq!(role_of("SingleTxt Sub-item 2"), Some(Role::SubItem(2)));
        assert_eq!(role_of("H1 Decision 3"), Some(Role::DecisionHeading));
        assert_eq!(role_of("toc 2"), Some(Role::Toc(1)));
        assert_eq!(role_of("Something else"), None);
    }

    #[test]
    fn numbering_counts_like_word() {
        let xml = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
            </w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
        let tree = parse(xml, "numbering").unwrap();
        let mut n = Numbering::read(Some(&tree));
        assert_eq!(n.next("3", 0).as_deref(), Some("1."));
        assert_eq!(n.next("3", 1).as_deref(), Some("(a)"));
        assert_eq!(n.next("3", 1).as_deref(), Some("(b)"));
        assert_eq!(n.next("3", 0).as_deref(), Some("2."));
        assert_eq!(n.next("3", 1).as_deref(), Some("(a)"));
        assert_eq!(n.next("9", 0), None);
    }

    #[test]
    fn bad_xml_is_an_error_not_a_panic() {
        assert!(parse("<a><b></a>", "x").is_err());
        assert!(parse("<a>", "x").is_err());
        assert!(parse("<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>", "x").is_err());
    }
}
