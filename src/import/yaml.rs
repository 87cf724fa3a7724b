//! Writes a `Session` as the YAML a person would have written: block style, the keys in the
//! order of the session format, defaults left out, long texts folded (`>-`), plain scalars wherever YAML allows them (single
//! quotes otherwise), a paragraph as a bare string when it is only text, and comments giving each
//! paragraph's number and saying which paragraphs are written from data.
//!
//! serde-saphyr 2.2 can serialize a `Session` too, and folds long text well, but it writes every
//! paragraph as a `text:` mapping, quotes dates, writes the defaults (`language: en`, an empty
//! `attendance`), indents sequences flush with their key and has no comments; an archivist reads
//! this file, so it gets its own small emitter. Its output reads back (serde-saphyr) into the
//! same `Session`; the tests check that, also on mangled inputs.

use crate::session::{AgendaItem, Annex, Chapter, FootnoteDef, ItemDef, MastheadDef, ParagraphDef, Rule, Session};

/// What every imported file starts with.
const HEADER: &str = "\
# Imported by `rapporteur import`; check it with `rapporteur check <this folder>`.
#
# - Numbers are not written here: chapters, sections, paragraphs, sub-items and footnotes are
#   numbered when the report is built. The comments \"# ¶N\" give the numbers of the imported
#   report, for orientation only.
# - `>-` lets a long text run over several lines: the lines are joined with single spaces.
# - Inline markup: *italic*; [^id] a footnote (defined under `footnotes:`); {chapter:ID},
#   {chapters:FIRST..LAST}, {section:ID}, {para:ID} cross-references; {org:ID|Name} a named
#   entity. A backslash escapes * [ ] { } ^ | and itself.
# - `template:` paragraphs are written from the data (meeting, officers, agenda, attendance,
#   statements) by the templates named; edit the data, not the sentence.";

/// Widest line the emitter aims for when it folds long texts.
const WIDTH: usize = 100;

/// The session as YAML.
pub fn to_yaml(s: &Session) -> String {
    let mut y = Yaml::default();
    for line in HEADER.lines() {
        y.line(0, line);
    }
    if !s.include.is_empty() {
        y.key(0, "include");
        for i in &s.include {
            y.item_scalar(2, i);
        }
    }
    if s.symbol.is_empty() {
        y.line(0, "# The symbol was not in the imported file: fill it in (e.g. CTOC/COP/WG.4/2009/2).");
    }
    y.scalar(0, "symbol", &s.symbol);
    if s.stage == crate::session::Stage::Draft {
        y.raw(0, "stage", "draft");
    }
    if let Some(d) = s.distribution {
        y.scalar(0, "distribution", d.name());
    }
    if let Some(d) = s.date {
        y.raw(0, "date", &d.iso());
    }
    y.scalar(0, "original", &s.original);
    if s.language != "en" {
        y.scalar(0, "language", &s.language);
    }
    y.scalar(0, "organ", &s.organ);
    if let Some(b) = &s.body {
        y.scalar(0, "body", b);
    }
    y.key(0, "meeting");
    y.scalar(2, "name", &s.meeting.name);
    if let Some(v) = &s.meeting.short {
        y.scalar(2, "short", v);
    }
    if let Some(v) = &s.meeting.session {
        y.scalar(2, "session", v);
    }
    y.scalar(2, "venue", &s.meeting.venue);
    let dates: Vec<String> = s.meeting.dates.iter().map(|d| d.iso()).collect();
    y.raw(2, "dates", &format!("[{}]", dates.join(", ")));
    if let Some(v) = &s.meeting.caption_item {
        y.scalar(2, "caption_item", v);
    }
    if let Some(item) = &s.meeting.agenda_item {
        y.key(2, "agenda_item");
        y.scalar(4, "number", &item.number);
        if let Some(t) = &item.title {
            y.scalar(4, "title", t);
        }
    }
    y.scalar(0, "title", &s.title);
    if s.keep_names_as_recorded {
        y.line(0, "# State names as the imported report printed them; remove this to print the official names.");
        y.raw(0, "keep_names_as_recorded", "true");
    }
    if let Some(j) = &s.job_number {
        y.scalar(0, "job_number", j);
    }
    masthead(&mut y, &s.masthead);

    if let Some(a) = &s.agenda {
        y.blank();
        y.key(0, "agenda");
        if let Some(d) = a.adopted {
            y.raw(2, "adopted", &d.iso());
        }
        y.key(2, "items");
        agenda_items(&mut y, 4, &a.items);
    }
    if !s.officers.is_empty() {
        y.blank();
        y.key(0, "officers");
        for o in &s.officers {
            y.item_scalar_key(2, "role", o.role.key());
            if !o.name.is_empty() {
                y.scalar(4, "name", &o.name);
            }
            if let Some(v) = &o.state {
                y.scalar(4, "state", v);
            }
            if let Some(v) = &o.title {
                y.scalar(4, "title", v);
            }
        }
    }
    let a = &s.attendance;
    if *a != Default::default() {
        y.blank();
        y.key(0, "attendance");
    }
    if let Some(i) = &a.instrument {
        y.scalar(2, "instrument", i);
    }
    let lists: [(&str, &Vec<String>); 8] = [
        ("states_parties", &a.states_parties),
        ("regional_organizations", &a.regional_organizations),
        ("signatories", &a.signatories),
        ("observer_states", &a.observer_states),
        ("un_entities", &a.un_entities),
        ("intergovernmental_organizations", &a.intergovernmental_organizations),
        ("permanent_observers", &a.permanent_observers),
        ("ngos", &a.ngos),
    ];
    for (key, list) in lists {
        if key == "intergovernmental_organizations"
            && let Some(n) = &a.un_network
        {
            y.scalar(2, "un_network", n);
        }
        if !list.is_empty() {
            y.key(2, key);
            for name in list {
                y.item_scalar(4, name);
            }
        }
    }
    if !s.statements.is_empty() {
        y.blank();
        y.key(0, "statements");
        for st in &s.statements {
            y.item_scalar_key(2, "item", &st.item);
            if st.by_representatives {
                y.raw(4, "by_representatives", "true");
            }
            if !st.states.is_empty() {
                y.key(4, "states");
                for name in &st.states {
                    y.item_scalar(6, name);
                }
            }
            if !st.others.is_empty() {
                y.key(4, "others");
                for o in &st.others {
                    y.item_scalar_key(6, "as", o.capacity.key());
                    y.scalar(8, "of", &o.of);
                }
            }
        }
    }

    if !s.documents.is_empty() {
        y.blank();
        y.key(0, "documents");
        for d in &s.documents {
            y.item_scalar_key(2, "symbol", &d.symbol);
            y.scalar(4, "title", &d.title);
            if let Some(i) = &d.item {
                y.scalar(4, "item", i);
            }
        }
    }
    if let Some(a) = &s.next_agenda {
        y.blank();
        y.line(0, "# The provisional agenda of the next session.");
        y.key(0, "next_agenda");
        if let Some(d) = a.adopted {
            y.raw(2, "adopted", &d.iso());
        }
        y.key(2, "items");
        agenda_items(&mut y, 4, &a.items);
    }
    if s.contents {
        y.blank();
        y.raw(0, "contents", "true");
    }
    y.blank();
    y.key(0, "chapters");
    let mut number = 0usize;
    for (i, ch) in s.chapters.iter().enumerate() {
        chapter(&mut y, ch, i, &mut number);
    }
    if !s.annexes.is_empty() {
        y.blank();
        y.key(0, "annexes");
        for a in &s.annexes {
            annex(&mut y, 2, a);
        }
    }
    if !s.footnotes.is_empty() {
        y.blank();
        y.key(0, "footnotes");
        for (id, f) in &s.footnotes {
            footnote(&mut y, id, f);
        }
    }
    y.out
}

/// An annex as a list entry at `indent` (the report's, or a decision's own).
fn annex(y: &mut Yaml, indent: usize, a: &Annex) {
    let mut f = Fields::new(indent);
    if let Some(id) = &a.id {
        f.scalar(y, "id", id);
    }
    f.scalar(y, "title", &a.title);
    if let Some(g) = &a.generate {
        f.scalar(y, "generate", g);
    }
    if a.numbering == crate::session::AnnexNumbering::Roman {
        f.raw(y, "numbering", "roman");
    }
    if a.numbered {
        f.raw(y, "numbered", "true");
    }
    // Annex paragraphs are numbered on their own.
    let mut own = 0usize;
    let at = indent + 2;
    paragraphs(y, at, &a.paragraphs, &mut own);
    rules(y, at, &a.rules);
    if !a.sections.is_empty() {
        y.key(at, "sections");
        for s in &a.sections {
            let mut f = Fields::new(at + 2);
            if let Some(id) = &s.id {
                f.scalar(y, "id", id);
            }
            f.scalar(y, "title", &s.title);
            paragraphs(y, at + 4, &s.paragraphs, &mut own);
            rules(y, at + 4, &s.rules);
            if !s.groups.is_empty() {
                y.key(at + 4, "groups");
                for g in &s.groups {
                    let mut f = Fields::new(at + 6);
                    if let Some(id) = &g.id {
                        f.scalar(y, "id", id);
                    }
                    f.scalar(y, "title", &g.title);
                    paragraphs(y, at + 8, &g.paragraphs, &mut own);
                }
            }
        }
    }
}

fn agenda_items(y: &mut Yaml, indent: usize, items: &[AgendaItem]) {
    for it in items {
        y.item_scalar_key(indent, "id", &it.id);
        y.scalar(indent + 2, "title", &it.title);
        if !it.items.is_empty() {
            y.key(indent + 2, "items");
            agenda_items(y, indent + 4, &it.items);
        }
    }
}

fn chapter(y: &mut Yaml, ch: &Chapter, index: usize, number: &mut usize) {
    y.blank();
    let roman = roman(index + 1);
    y.line(2, &format!("# {roman}."));
    match &ch.id {
        Some(id) => {
            y.item_scalar_key(2, "id", id);
            y.scalar(4, "title", &ch.title);
        }
        None => y.item_scalar_key(2, "title", &ch.title),
    }
    paragraphs(y, 4, &ch.paragraphs, number);
    if !ch.sections.is_empty() {
        y.key(4, "sections");
        for (si, s) in ch.sections.iter().enumerate() {
            let letter = if si < 26 { ((b'A' + si as u8) as char).to_string() } else { format!("{}", si + 1) };
            y.line(6, &format!("# {roman}.{letter}."));
            match &s.id {
                Some(id) => {
                    y.item_scalar_key(6, "id", id);
                    y.scalar(8, "title", &s.title);
                }
                None => y.item_scalar_key(6, "title", &s.title),
            }
            paragraphs(y, 8, &s.paragraphs, number);
            rules(y, 8, &s.rules);
            if !s.groups.is_empty() {
                y.key(8, "groups");
                for g in &s.groups {
                    match &g.id {
                        Some(id) => {
                            y.item_scalar_key(10, "id", id);
                            y.scalar(12, "title", &g.title);
                        }
                        None => y.item_scalar_key(10, "title", &g.title),
                    }
                    paragraphs(y, 12, &g.paragraphs, number);
                }
            }
        }
    }
}

/// The first page's variants (`masthead:`), when there are any.
fn masthead(y: &mut Yaml, m: &MastheadDef) {
    if m.is_empty() {
        return;
    }
    y.key(0, "masthead");
    if let Some(v) = &m.publisher {
        y.scalar(2, "publisher", v);
    }
    if m.style == crate::document::MastheadStyle::Capitals {
        y.raw(2, "style", "capitals");
    }
    if let Some(or) = &m.official_records {
        y.key(2, "official_records");
        y.scalar(4, "session", &or.session);
        y.scalar(4, "supplement", &or.supplement);
    }
    for (key, value) in [("rapporteur", &m.rapporteur), ("part", &m.part), ("reissued", &m.reissued)] {
        if let Some(v) = value {
            y.scalar(2, key, v);
        }
    }
}

/// Rules of procedure under `rules:`, each with its own paragraph numbers.
fn rules(y: &mut Yaml, indent: usize, list: &[Rule]) {
    if list.is_empty() {
        return;
    }
    y.key(indent, "rules");
    for (i, r) in list.iter().enumerate() {
        y.line(indent + 2, &format!("# Rule {}", i + 1));
        match &r.id {
            Some(id) => {
                y.item_scalar_key(indent + 2, "id", id);
                y.scalar(indent + 4, "title", &r.title);
            }
            None => y.item_scalar_key(indent + 2, "title", &r.title),
        }
        let mut own = 0usize;
        paragraphs(y, indent + 4, &r.paragraphs, &mut own);
    }
}

/// Roman numerals for the orientation comments.
fn roman(n: usize) -> String {
    crate::generate::roman(n as u32)
}

fn paragraphs(y: &mut Yaml, indent: usize, list: &[ParagraphDef], number: &mut usize) {
    paragraph_list(y, indent, "paragraphs", list, number);
}

/// `key:` and the paragraphs under it, each with its orientation comment.
fn paragraph_list(y: &mut Yaml, indent: usize, key: &str, list: &[ParagraphDef], number: &mut usize) {
    if list.is_empty() {
        return;
    }
    y.key(indent, key);
    let inner = indent + 2;
    for p in list {
        let numbered =
            p.numbered && p.table().is_none() && p.decision().is_none() && p.officers().is_none() && key != "preamble";
        if numbered {
            *number += 1;
        }
        let label = if key == "preamble" {
            "preambular paragraph".to_string()
        } else if numbered {
            format!("¶{number}")
        } else if p.table().is_some() {
            "a table".to_string()
        } else if p.decision().is_some() {
            "a decision quoted in full".to_string()
        } else if p.officers().is_some() {
            "the officers listed by office, from `officers:`".to_string()
        } else {
            "unnumbered".to_string()
        };
        match p.template() {
            Some(t) => y.line(inner, &format!("# {label}, written from the data by templates/{t}.j2")),
            None => y.line(inner, &format!("# {label}")),
        }
        let bare = p.id.is_none()
            && p.template().is_none()
            && p.item().is_none()
            && p.items().is_empty()
            && p.numbered
            && p.table().is_none()
            && p.decision().is_none()
            && p.officers().is_none()
            && p.vote_on().is_none()
            && !p.negotiation.inserted;
        if bare && let Some(text) = p.text() {
            y.item_scalar(inner, text);
            continue;
        }
        let mut fields = Fields::new(inner);
        if let Some(id) = &p.id {
            fields.scalar(y, "id", id);
        }
        if let Some(t) = p.template() {
            fields.scalar(y, "template", t);
        }
        if let Some(i) = p.item() {
            fields.scalar(y, "item", i);
        }
        if let Some(v) = p.vote_on() {
            fields.scalar(y, "vote_on", v);
        }
        if !p.numbered && p.table().is_none() && p.decision().is_none() && p.officers().is_none() {
            fields.raw(y, "numbered", "false");
        }
        if let Some(listing) = p.officers() {
            fields.raw(y, "officers", listing.key());
        }
        if let Some(t) = p.text() {
            fields.scalar(y, "text", t);
        }
        if p.negotiation.inserted {
            fields.raw(y, "inserted", "true");
        }
        if !p.items().is_empty() {
            let at = fields.block(y, "items");
            items(y, at, p.items());
        }
        if let Some(t) = p.table() {
            let at = fields.block(y, "table");
            if let Some(id) = &t.id {
                y.scalar(at, "id", id);
            }
            y.scalar(at, "caption", &t.caption);
            if !t.numbered {
                y.raw(at, "numbered", "false");
            }
            if !t.header.is_empty() {
                y.key(at, "header");
                if t.header.is_plain() {
                    for h in t.header.cells() {
                        y.item_scalar(at + 2, &h.text);
                    }
                } else if let [row] = t.header.rows.as_slice() {
                    for h in row {
                        y.line(at + 2, &format!("- {}", header_cell(h)));
                    }
                } else {
                    for row in &t.header.rows {
                        if row.is_empty() {
                            y.line(at + 2, "- []");
                        }
                        for (c, h) in row.iter().enumerate() {
                            let lead = if c == 0 { "- - " } else { "  - " };
                            y.line(at + 2, &format!("{lead}{}", header_cell(h)));
                        }
                    }
                }
            }
            y.key(at, "rows");
            for row in &t.rows {
                if row.is_empty() {
                    y.line(at + 2, "- []");
                    continue;
                }
                for (c, cell) in row.iter().enumerate() {
                    // A row is a list of cells: "- - a" opens it, "  - b" continues.
                    let lead = if c == 0 { "- - " } else { "  - " };
                    y.line(at + 2, &format!("{lead}{}", quote(cell)));
                }
            }
        }
        if let Some(d) = p.decision() {
            let at = fields.block(y, "decision");
            if let Some(id) = &d.id {
                y.scalar(at, "id", id);
            }
            y.scalar(at, "kind", d.kind.key());
            if d.draft {
                y.raw(at, "draft", "true");
            }
            if !d.number.is_empty() {
                y.scalar(at, "number", &d.number);
            }
            if let Some(label) = &d.label {
                y.scalar(at, "label", label);
            }
            if !d.title.is_empty() {
                y.scalar(at, "title", &d.title);
            }
            let mut own = 0usize;
            paragraph_list(y, at, "preamble", &d.preamble, &mut own);
            paragraph_list(y, at, "operative", &d.operative, &mut own);
            if !d.annexes.is_empty() {
                y.key(at, "annexes");
                for a in &d.annexes {
                    annex(y, at + 2, a);
                }
            }
            if let Some(v) = &d.vote {
                y.key(at, "vote");
                if v.recorded {
                    y.raw(at + 2, "recorded", "true");
                }
                y.raw(at + 2, "in_favour", &v.in_favour.to_string());
                y.raw(at + 2, "against", &v.against.to_string());
                y.raw(at + 2, "abstaining", &v.abstaining.to_string());
                if let Some(st) = &v.states {
                    y.key(at + 2, "states");
                    for (key, names) in
                        [("in_favour", &st.in_favour), ("against", &st.against), ("abstaining", &st.abstaining)]
                    {
                        if names.is_empty() {
                            y.raw(at + 4, key, "[]");
                        } else {
                            y.key(at + 4, key);
                            for n in names {
                                y.item_scalar(at + 6, n);
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The fields of one list entry: the first opens the entry with "- ", the others line up
/// under it.
struct Fields {
    indent: usize,
    first: bool,
}

impl Fields {
    fn new(indent: usize) -> Self {
        Fields { indent, first: true }
    }

    fn scalar(&mut self, y: &mut Yaml, key: &str, value: &str) {
        if std::mem::take(&mut self.first) {
            y.item_scalar_key(self.indent, key, value);
        } else {
            y.scalar(self.indent + 2, key, value);
        }
    }

    fn raw(&mut self, y: &mut Yaml, key: &str, value: &str) {
        if std::mem::take(&mut self.first) {
            y.line(self.indent, &format!("- {key}: {value}"));
        } else {
            y.raw(self.indent + 2, key, value);
        }
    }

    /// `key:` with a block under it; returns the block's indentation.
    fn block(&mut self, y: &mut Yaml, key: &str) -> usize {
        if std::mem::take(&mut self.first) {
            y.line(self.indent, &format!("- {key}:"));
        } else {
            y.key(self.indent + 2, key);
        }
        self.indent + 4
    }
}

/// A column heading: its text, or `{text: …, columns: …, rows: …}` when it spans (the text
/// always quoted there, where a plain `,` or `}` would end it).
fn header_cell(h: &crate::session::HeaderCell) -> String {
    if h.is_single() {
        return quote(&h.text);
    }
    let text = if h.text.chars().any(char::is_control) || h.text.is_empty() {
        quote(&h.text)
    } else {
        format!("'{}'", h.text.replace('\'', "''"))
    };
    let mut out = format!("{{text: {text}");
    if h.columns != 1 {
        out.push_str(&format!(", columns: {}", h.columns));
    }
    if h.rows != 1 {
        out.push_str(&format!(", rows: {}", h.rows));
    }
    out.push('}');
    out
}

fn items(y: &mut Yaml, indent: usize, list: &[ItemDef]) {
    for it in list {
        if it.id.is_none() && it.label.is_none() && it.items.is_empty() {
            y.item_scalar(indent, &it.text);
            continue;
        }
        match (&it.id, &it.label) {
            (Some(id), label) => {
                y.item_scalar_key(indent, "id", id);
                if let Some(label) = label {
                    y.scalar(indent + 2, "label", label);
                }
                y.scalar(indent + 2, "text", &it.text);
            }
            (None, Some(label)) => {
                y.item_scalar_key(indent, "label", label);
                y.scalar(indent + 2, "text", &it.text);
            }
            (None, None) => y.item_scalar_key(indent, "text", &it.text),
        }
        if !it.items.is_empty() {
            y.key(indent + 2, "items");
            items(y, indent + 4, &it.items);
        }
    }
}

fn footnote(y: &mut Yaml, id: &str, f: &FootnoteDef) {
    let mut parts = Vec::new();
    if let Some(c) = &f.cite {
        parts.push(format!("cite: {}", quote(c.key())));
    }
    if let Some(v) = f.vol {
        parts.push(format!("vol: {v}"));
    }
    if let Some(n) = &f.no {
        parts.push(format!("no: {}", quote(n)));
    }
    if f.text.is_none() && !parts.is_empty() {
        y.line(2, &format!("{}: {{ {} }}", quote(id), parts.join(", ")));
        return;
    }
    y.key(2, &quote(id));
    for p in parts {
        y.line(4, &p);
    }
    if let Some(t) = &f.text {
        y.scalar(4, "text", t);
    }
}

#[derive(Default)]
struct Yaml {
    out: String,
}

impl Yaml {
    fn line(&mut self, indent: usize, text: &str) {
        for _ in 0..indent {
            self.out.push(' ');
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn blank(&mut self) {
        if !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn key(&mut self, indent: usize, key: &str) {
        self.line(indent, &format!("{key}:"));
    }

    fn scalar(&mut self, indent: usize, key: &str, value: &str) {
        self.folded_or(indent, &format!("{key}: "), value);
    }

    /// A value written as is (dates, booleans, flow lists of dates).
    fn raw(&mut self, indent: usize, key: &str, value: &str) {
        self.line(indent, &format!("{key}: {value}"));
    }

    fn item_scalar(&mut self, indent: usize, value: &str) {
        self.folded_or(indent, "- ", value);
    }

    fn item_scalar_key(&mut self, indent: usize, key: &str, value: &str) {
        self.folded_or(indent, &format!("- {key}: "), value);
    }

    /// `lead` and the value on one line, or, when that is too wide and the text allows it, `lead`
    /// and `>-` with the text folded over lines of at most `WIDTH` columns.
    fn folded_or(&mut self, indent: usize, lead: &str, value: &str) {
        let one_line = format!("{lead}{}", quote(value));
        if indent + one_line.chars().count() <= WIDTH || !fold_ok(value) {
            self.line(indent, &one_line);
            return;
        }
        self.line(indent, &format!("{lead}>-"));
        // The block's lines stand under the key (or under the list item's text).
        let inner = indent + if lead.starts_with("- ") && lead.len() > 2 { 4 } else { 2 };
        let width = WIDTH.saturating_sub(inner).max(40);
        let mut line = String::new();
        for word in value.split(' ') {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                self.line(inner, &line);
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if !line.is_empty() {
            self.line(inner, &line);
        }
    }
}

/// Whether a text reads back the same from a folded block scalar broken at its spaces: one
/// line, no tabs or other control characters, no leading, trailing or doubled spaces.
fn fold_ok(s: &str) -> bool {
    !s.is_empty()
        && s.trim() == s
        && !s.contains("  ")
        && !s.chars().any(|c| c.is_control() || (c.is_whitespace() && c != ' '))
}

/// The scalar as YAML: plain when that reads back as the same string, else single-quoted, else
/// (control characters) double-quoted.
pub fn quote(s: &str) -> String {
    if plain_ok(s) {
        return s.to_string();
    }
    if !s.chars().any(|c| c.is_control()) {
        return format!("'{}'", s.replace('\'', "''"));
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    if s.trim() != s || s.chars().any(|c| c.is_control()) {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    if matches!(lower.as_str(), "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n") {
        return false;
    }
    // Anything that might read as a number or a date.
    if first.is_ascii_digit() || first == '+' || first == '.' {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{header_cell, quote};
    use crate::session::HeaderCell;

    #[test]
    fn quoting() {
        assert_eq!(quote("Vienna"), "Vienna");
        assert_eq!(quote("States' shared responsibility"), "States' shared responsibility");
        assert_eq!(quote("*Ibid.*"), "'*Ibid.*'");
        assert_eq!(quote("39574"), "'39574'");
        assert_eq!(quote("Note: this"), "'Note: this'");
        assert_eq!(quote("yes"), "'yes'");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("a\nb"), "\"a\\nb\"");
    }

    #[test]
    fn header_cells() {
        assert_eq!(header_cell(&HeaderCell::new("Party")), "Party");
        let h = HeaderCell { text: "Party's code, if any".into(), columns: 2, rows: 3 };
        assert_eq!(header_cell(&h), "{text: 'Party''s code, if any', columns: 2, rows: 3}");
        let back: crate::session::TableHeader = serde_saphyr::from_str(&format!("[{}]", header_cell(&h))).unwrap();
        assert_eq!(back.rows[0][0], h);
    }
}
