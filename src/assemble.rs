//! The assembler: session data in, `Document` out. The only place that numbers anything.
//!
//! Two passes. The first walks the structure and decides every number — chapters I, II…;
//! sections A, B…; group headings 1., 2. (per section); paragraphs 1…n straight through the
//! report — and every stable id (given in the data, or derived from it). The second builds the
//! blocks: it renders generated paragraphs, parses the inline markup, resolves
//! cross-references to the numbers of the first pass, gives footnotes their markers in order of
//! appearance ("*" on the cover, 1, 2… in the body) and writes structured citations, deciding
//! "Ibid.". Problems found on the way are diagnostics located in the source.
//!
//! One child module per job: `plan` (pass 1: numbers and ids), `blocks` (pass 2: divisions,
//! paragraphs, items, tables, decisions), `references` (cross-references and the wording of
//! ranges), `notes` (inline markup, footnotes, markers, citations, "Ibid."), `sentences`
//! (generated paragraphs rendered through `crate::sentences`), `annexes` (generated annexes) and
//! `negotiation` (proposals, amendments and what became of them).

use std::collections::{BTreeMap, HashMap};

use minijinja::Value;
use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::document::{
    Addendum, Block, Contents, ContentsEntry, Division, DivisionKind, Document, Entity, EntityKind, Footnote,
    HeaderCell, Inline, Item, Masthead, MastheadStyle, Meta, Office, Officers, OfficialRecords, Paragraph, Table,
};
use crate::generate::{Generator, roman, slug};
use crate::lang::{Lang, Version};
use crate::markup::{self, EntityMark, RefKind, Span};
use crate::sentences::{Items, Reads};
use crate::session::date::caption_range;
use crate::session::load::SourceMap;
use crate::session::{
    AgendaItem, AnnexNumbering, Capacity, CiteKind, DecisionDef, FootnoteDef, ItemDef, OfficerRole, ParagraphDef,
    Section, Session, Stage, SymbolParts, TableDef,
};
use crate::templates::Templates;

mod annexes;
mod blocks;
mod negotiation;
mod notes;
pub use notes::read_citation;
mod plan;
pub(crate) use plan::decision_id;
mod references;
mod sentences;

/// What the assembler produced: the document (when there were no errors) and all diagnostics.
pub struct Assembled {
    pub document: Option<Document>,
    pub diagnostics: Diagnostics,
    /// Id → data path (`chapters[1].sections[0].paragraphs[2]`) of every chapter, section,
    /// group, annex, table, decision, paragraph and sub-item written in the data, so that a
    /// review suggestion anchored to an id can find the text to edit.
    pub paths: BTreeMap<String, String>,
}

/// Assembles the session's original: its own language (`crate::lang::Version::original_of`).
pub fn assemble(session: &Session, slug_name: &str, sources: &SourceMap, templates: &Templates) -> Assembled {
    assemble_in(session, slug_name, sources, templates, Version::original_of(session))
}

/// Assembles the version of the session in one language: every generated word, date, name of a
/// State, citation and cross-reference in that language (`crate::lang`); the session's own text
/// as given (a translated session gives it translated, see `crate::build`).
pub fn assemble_in(
    session: &Session,
    slug_name: &str,
    sources: &SourceMap,
    templates: &Templates,
    version: Version,
) -> Assembled {
    let mut a = Assembler::new(session, sources, templates, version);
    a.number();
    let masthead = a.masthead();
    let body = a.body();
    let footnotes = a.footnotes();
    for officer in &session.officers {
        let name = if version.lang == Lang::En { officer.role.printed() } else { version.lang.role(officer.role) };
        let (id, name) = (officer.role.key().to_string(), name.to_string());
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
        // The original keeps the session's own tag (what it has always printed); a translated
        // version is tagged with its language, which the writers read to choose direction
        // and fonts.
        language: if version.is_original { session.language.clone() } else { version.lang.code().to_string() },
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
pub(crate) fn body_from_symbol(symbol: &str) -> String {
    let parts: Vec<String> = symbol.split('/').take(2).map(slug).filter(|s| !s.is_empty()).collect();
    if parts.is_empty() { "un".into() } else { parts.join("-") }
}

/// The id of the reissue note (`masthead.reissued`) among the footnotes. Not a valid id in
/// the data (ids under `footnotes:` cannot hold `:`), so it never clashes with one.
pub const REISSUE_NOTE: &str = "masthead:reissued";

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
    Rule,
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
    /// Restarting in each rule of procedure.
    Rule,
}

/// The counters of the first pass.
#[derive(Default)]
struct Numbers {
    ids: HashMap<String, String>,
    report: u32,
    annex: u32,
    decision: u32,
    rule: u32,
    /// Rules of procedure, numbered straight through an annex.
    rules: u32,
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
            Counter::Rule => &mut self.rule,
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
            Counter::Rule => self.rule,
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
    /// The language version being built.
    version: Version,
    sources: &'a SourceMap,
    generator: Generator,
    diags: Diagnostics,
    targets: HashMap<String, Target>,
    /// Numbers and ids of chapters, sections, groups and paragraphs, keyed by data path.
    plan: HashMap<String, Planned>,
    citations: Vec<Citation>,
    /// The report's numbered paragraphs by data path (for the table of contents).
    report_paragraphs: Vec<(String, u32)>,
    /// Chapter id → its number as a list prints it ("I."), for the contents of an Official
    /// Records volume, whose headings say "Chapter I".
    chapter_labels: HashMap<String, String>,
    /// Inside an annex or a table, footnotes are lettered: the index of the next letter.
    lettered: Option<usize>,
    /// Footnote id → data path of its first citation.
    cited: HashMap<String, String>,
    next_note: u32,
    entities: BTreeMap<String, Entity>,
    /// Sub-item id → data path (the plan holds the rest).
    item_paths: BTreeMap<String, String>,
}

impl<'a> Assembler<'a> {
    /// An assembler for `session`, with nothing planned yet.
    fn new(session: &'a Session, sources: &'a SourceMap, templates: &Templates, version: Version) -> Self {
        let on = session.meeting.dates.first().copied().or(session.date);
        Assembler {
            session,
            version,
            sources,
            generator: Generator::in_version(templates, version, on)
                .with_articles(session.articles.clone())
                .with_names(session.printed_names.clone()),
            diags: Diagnostics::new(),
            targets: HashMap::new(),
            plan: HashMap::new(),
            citations: Vec::new(),
            report_paragraphs: Vec::new(),
            chapter_labels: HashMap::new(),
            lettered: None,
            cited: HashMap::new(),
            next_note: 1,
            entities: BTreeMap::new(),
            item_paths: BTreeMap::new(),
        }
    }
}

impl Assembler<'_> {
    /// The language of the version being built.
    fn lang(&self) -> Lang {
        self.version.lang
    }

    /// The date on which names of States are taken: the meeting's first day, else the date of
    /// issue (as `check` does).
    fn names_date(&self) -> Option<crate::session::Date> {
        self.session.meeting.dates.first().copied().or(self.session.date)
    }

    /// A State's name as this version prints it (as written in the original, and when the
    /// registry does not know it).
    fn state_name(&self, name: &str) -> String {
        match (self.lang(), self.names_date()) {
            (Lang::En, _) => name.to_string(),
            (lang, on) => on
                .and_then(|on| crate::registry::name_in(name, lang, on))
                .or_else(|| self.session.printed_names.get(name).map(String::as_str))
                .unwrap_or(name)
                .to_string(),
        }
    }

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

    // ----- pass 2: blocks -----
}

/// Where a piece of markup stands, which decides footnote markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Cover,
    Body,
    Footnote,
}

/// The label the report prints for the `index`-th item at `depth`: "(a)", "(i)", "a.", "i.".
pub(crate) fn item_label(depth: usize, index: usize) -> String {
    let n = index as u32 + 1;
    match depth % 4 {
        0 => format!("({})", letters(index)),
        1 => format!("({})", roman(n).to_lowercase()),
        2 => format!("{}.", letters(index)),
        _ => format!("{}.", roman(n).to_lowercase()),
    }
}

/// Every (depth 0-3, as `item_label` cycles; place) whose label `item_label` prints as `label`:
/// none for another label ("1.", "a)"), two for one that reads both ways ("(i)" is the first
/// roman label and the ninth letter; the reader of a list decides by what comes before it).
pub(crate) fn parse_item_label(label: &str) -> Vec<(usize, usize)> {
    let inner = label
        .strip_prefix('(')
        .and_then(|l| l.strip_suffix(')'))
        .or_else(|| label.strip_suffix('.'))
        .filter(|i| !i.is_empty() && i.chars().all(|c| c.is_ascii_lowercase()));
    let Some(inner) = inner else { return Vec::new() };
    let first = inner.chars().next().unwrap_or('a');
    let letters_index =
        inner.chars().all(|c| c == first).then(|| (first as u8 - b'a') as usize + 26 * (inner.len() - 1));
    let roman_index = (0..4000).find(|&i| roman(i as u32 + 1).to_lowercase() == inner);
    let mut out = Vec::new();
    for depth in 0..4 {
        let index = if depth % 2 == 0 { letters_index } else { roman_index };
        if let Some(index) = index
            && item_label(depth, index) == label
        {
            out.push((depth, index));
        }
    }
    out
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
        list.iter().filter_map(|p| p.decision()).find(|d| plan::decision_id(d) == id)
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

#[cfg(test)]
mod tests {
    use super::blocks::barcode;
    use super::notes::citation;
    use super::references::{label_value, range_wording};
    use super::*;

    #[test]
    fn labels() {
        // Every label printed is read back to its depth and place.
        for depth in 0..4 {
            for index in 0..60 {
                assert!(parse_item_label(&item_label(depth, index)).contains(&(depth, index)), "{depth} {index}");
            }
        }
        assert_eq!(parse_item_label("1."), vec![]);
        assert_eq!(parse_item_label("(i)"), vec![(0, 8), (1, 0)]);
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
        let en = Lang::En;
        assert_eq!(text(citation(&a, None, en).unwrap()), "United Nations, *Treaty Series*, vol. 2237, No. 39574.");
        assert_eq!(text(citation(&b, Some(&a), en).unwrap()), "*Ibid.*, vol. 2225, No. 39574.");
        assert_eq!(text(citation(&b, Some(&b), en).unwrap()), "*Ibid.*");
        assert_eq!(
            text(citation(&a, Some(&sales), en).unwrap()),
            "United Nations, *Treaty Series*, vol. 2237, No. 39574."
        );
        assert_eq!(text(citation(&sales, Some(&a), en).unwrap()), "United Nations publication, Sales No. E.09.V.5.");
        assert!(citation(&FootnoteDef { cite: Some(CiteKind::Unts), ..Default::default() }, None, en).is_err());
        // The importer's parser reads every printed form back to the same data.
        for (def, previous) in [(&a, None), (&b, Some(&a)), (&sales, None), (&a, Some(&sales))] {
            assert_eq!(read_citation(&text(citation(def, previous, en).unwrap())).as_ref(), Some(def));
        }
        // The other languages (the forms of `crate::lang::Lang::citation_words`).
        assert_eq!(
            text(citation(&a, None, Lang::Fr).unwrap()),
            "Nations Unies, *Recueil des Traités*, vol. 2237, no 39574."
        );
        assert_eq!(text(citation(&b, Some(&a), Lang::Fr).unwrap()), "*Ibid.*, vol. 2225, no 39574.");
        assert_eq!(text(citation(&b, Some(&a), Lang::Es).unwrap()), "*Ibid.*, vol. 2225, núm. 39574.");
        assert_eq!(text(citation(&b, Some(&a), Lang::Ru).unwrap()), "Там же, vol. 2225, No. 39574.");
        assert_eq!(text(citation(&a, None, Lang::Zh).unwrap()), "联合国，《条约汇编》，第2237卷，第39574号。");
        assert_eq!(text(citation(&b, Some(&a), Lang::Zh).unwrap()), "同上，第2225卷，第39574号。");
        assert_eq!(text(citation(&b, Some(&b), Lang::Ar).unwrap()), "المرجع نفسه.");
        assert_eq!(
            text(citation(&sales, None, Lang::Es).unwrap()),
            "Publicación de las Naciones Unidas, núm. de venta: S.09.V.5."
        );
        // The importer's parser reads every printed form back to the same citation.
        for (def, prev) in [(&a, None), (&b, Some(&a)), (&sales, Some(&a))] {
            let parsed = crate::import::citation(&text(citation(def, prev, en).unwrap())).expect("a citation");
            assert_eq!((parsed.cite, parsed.vol, parsed.no.as_deref()), (def.cite, def.vol, def.no.as_deref()));
        }
    }

    #[test]
    fn nearest_names() {
        assert_eq!(nearest("recomendations", ["recommendations", "introduction"].into_iter()), Some("recommendations"));
        assert_eq!(nearest("zzz", ["recommendations"].into_iter()), None);
    }
}
