//! The second half of `from_document`: from the document read as headings and paragraphs of
//! markup (its `Draft`) to a `Session`, where the standard sentences become structured data.
//!
//! Each recognizer reads one kind of sentence — the meeting's dates, the chair or the election of
//! officers, the agenda, each attendance list, the statements under an agenda item, the
//! documentation, a vote on a decision quoted further on — and takes the data out of it, giving
//! the paragraph the matching `template:`. The recognizers are lenient on purpose: whether the
//! template really prints those words is decided afterwards by `verify`, which assembles the
//! session with the program's own templates and sends every paragraph that comes out different
//! back to narrative. So the imported session always rebuilds the text it came from, and the
//! wording lives in one place (the templates). A sentence whose data was taken but whose wording
//! differs (the reference's ¶36 says "Trafficking Protocol" where the others say "Trafficking in
//! Persons Protocol") keeps its words and is reported.
//!
//! Tables, decisions and annexes read whole by the AKN reader pass through; an annex with the
//! shape of a generated one (the documents table, the provisional agenda) becomes `generate:`
//! again, with its data.

use crate::diag::Diagnostic;
use crate::import::from_document::{Draft, DraftChapter, DraftGroup, DraftItem, DraftParagraph, DraftSection};
use crate::import::{UsedIds, parse_date_span, slug, unique, warn_at};
use crate::sentences::{Import, Items, Parser, Reads, SENTENCES};
use crate::session::{
    Agenda, AgendaItem, Annex, Attendance, Capacity, Chapter, Distribution, DocumentRef, Group, Meeting, Officer,
    OfficerRole, OtherSpeaker, ParagraphDef, ParagraphKind, Section, Session, Stage, Statements, SymbolParts, Vote,
    VoteStates,
};

pub(crate) fn build(draft: Draft, warnings: &mut Vec<Diagnostic>) -> Session {
    let mut cx = Cx {
        short: find_short(&draft),
        venue: draft.venue.clone(),
        dates: draft.dates.clone(),
        year: draft.date.map(|d| d.year).or_else(|| draft.dates.first().map(|d| d.year)),
        agenda: None,
        attendance: Attendance::default(),
        officers: Vec::new(),
        statements: Vec::new(),
        documents: Vec::new(),
        decisions: decisions_of(&draft),
        votes: Vec::new(),
        keep_ids: draft.keep_ids,
        // Agenda item ids live apart from chapter and paragraph ids (the report prints them as
        // `agenda-<id>`), so they only need to be unique among themselves.
        used_ids: UsedIds::default(),
        drafts: Vec::new(),
    };
    let mut chapters: Vec<Chapter> = draft.chapters.iter().map(|c| cx.chapter(c, warnings)).collect();
    attach_votes(&mut chapters, &cx.votes);
    let (annexes, next_agenda) = cx.annexes(&draft.annexes, warnings);
    if draft.symbol.is_empty() {
        warnings
            .push(Diagnostic::warning("the text gives no document symbol").with_hint("add `symbol:` to session.yaml"));
    }
    let name = draft.meeting_name.clone();
    let short = cx.short.clone().filter(|s| *s != name);
    let keep_ids = draft.keep_ids;
    let drafts = std::mem::take(&mut cx.drafts);
    // A limited (`L.`) symbol is a draft.
    let stage = match SymbolParts::parse(&draft.symbol) {
        Ok(parts) if parts.limited.is_some() => Stage::Draft,
        _ => Stage::Final,
    };
    let mut session = Session {
        include: Vec::new(),
        stage,
        symbol: draft.symbol,
        // Written out even when it is the default, as the issued document prints it.
        distribution: Some(draft.distribution.as_deref().and_then(Distribution::parse).unwrap_or(match stage {
            Stage::Draft => Distribution::Limited,
            Stage::Final => Distribution::General,
        })),
        date: draft.date,
        original: draft.original.unwrap_or_else(|| "English".into()),
        language: draft.language.unwrap_or_else(|| "en".into()),
        organ: draft.organ,
        body: draft.body,
        meeting: Meeting {
            name,
            short,
            session: draft.meeting_session,
            venue: cx.venue.clone(),
            dates: cx.dates.clone(),
            caption_item: draft.caption_item,
            agenda_item: draft.agenda_item,
        },
        title: draft.title,
        job_number: draft.job_number,
        masthead: draft.masthead,
        agenda: cx.agenda,
        officers: cx.officers,
        attendance: cx.attendance,
        statements: cx.statements,
        meetings: Vec::new(),
        articles: Default::default(),
        printed_names: Default::default(),
        chapters,
        parts: Vec::new(),
        chapter_numbers: Vec::new(),
        footnotes: draft.footnotes,
        documents: cx.documents,
        contents: draft.contents,
        // A past report is a record: its State names stay as it printed them.
        keep_names_as_recorded: true,
        annexes,
        next_agenda,
    };
    crate::import::verify::keep_verified(&mut session, &drafts, keep_ids, warnings);
    session
}

/// An item of a provisional agenda: title without its final punctuation, id from the eId.
fn next_item(it: &DraftItem, used: &mut UsedIds, keep_ids: bool) -> AgendaItem {
    let title = it.text.trim_end_matches([':', ';', '.']).to_string();
    let given = if keep_ids {
        it.id.as_deref().and_then(|i| i.strip_prefix("next-agenda-").or_else(|| i.strip_prefix("agenda-")))
    } else {
        None
    };
    let id = match given {
        Some(id) if !used.contains(id) => {
            used.insert(id.to_string());
            id.to_string()
        }
        _ => unique(&slug(&title, 3), used),
    };
    AgendaItem { id, title, items: it.items.iter().map(|s| next_item(s, used, keep_ids)).collect() }
}

/// The decisions quoted in the draft: ("resolution 9/1", id).
fn decisions_of(draft: &Draft) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut add = |ps: &[DraftParagraph]| {
        for p in ps {
            if let Some(d) = p.special.as_ref().and_then(|s| s.decision())
                && let Some(id) = d.id.clone().or_else(|| p.id.clone())
            {
                out.push((format!("{} {}", d.kind, d.number), id));
            }
        }
    };
    for c in &draft.chapters {
        add(&c.paragraphs);
        for s in &c.sections {
            add(&s.paragraphs);
            for g in &s.groups {
                add(&g.paragraphs);
            }
        }
    }
    out
}

/// Puts each vote into the decision it was taken on.
fn attach_votes(chapters: &mut [Chapter], votes: &[(String, Vote)]) {
    let put = |ps: &mut [ParagraphDef]| {
        for p in ps {
            if let Some(d) = p.decision_mut()
                && let Some((_, v)) = votes.iter().find(|(id, _)| Some(id) == d.id.as_ref())
            {
                d.vote = Some(v.clone());
            }
        }
    };
    for c in chapters {
        put(&mut c.paragraphs);
        for s in &mut c.sections {
            put(&mut s.paragraphs);
            for g in &mut s.groups {
                put(&mut g.paragraphs);
            }
        }
    }
}

/// How the text calls the meeting ("Working Group"): from the dates sentence, the agenda
/// sentence or the chair sentence, else none.
fn find_short(draft: &Draft) -> Option<String> {
    let mut all = Vec::new();
    for ch in &draft.chapters {
        all.extend(ch.paragraphs.iter());
        for s in &ch.sections {
            all.extend(s.paragraphs.iter());
            for g in &s.groups {
                all.extend(g.paragraphs.iter());
            }
        }
    }
    // The sentences that name the meeting by its short name, surest first: the dates sentence
    // (ending in a span of days), the chair, the election of officers, the agenda.
    let text = |p: &&DraftParagraph| p.plain.clone().unwrap_or_else(|| p.text.clone());
    for p in &all {
        let t = text(p);
        if let Some(rest) = t.strip_prefix("The ")
            && let Some((short, rest)) = rest.split_once(" held its ")
            && let Some(rest) = rest.strip_suffix('.')
            && let Some((_, span)) = rest.rsplit_once(" on ").or_else(|| rest.rsplit_once(" from "))
            && (parse_date_span(span).is_some() || parse_date_span(&format!("from {span}")).is_some())
        {
            return Some(short.to_string());
        }
    }
    for p in &all {
        let t = text(p);
        if let Some(rest) = t.strip_prefix("The meeting of the ")
            && let Some((short, _)) = rest.split_once(" was chaired by ")
        {
            return Some(short.to_string());
        }
        if let Some(rest) = t.strip_prefix("At its first meeting")
            && let Some((_, rest)) = rest.split_once(", the ")
            && let Some((short, _)) = rest.split_once(" elected ")
        {
            return Some(short.to_string());
        }
        if let Some(lead) = t.strip_suffix(" adopted the following agenda:") {
            let short = lead.split_once(", the ").map(|(_, s)| s).or_else(|| lead.strip_prefix("The "));
            if let Some(short) = short {
                return Some(short.to_string());
            }
        }
    }
    None
}

struct Cx {
    short: Option<String>,
    venue: String,
    dates: Vec<crate::session::Date>,
    year: Option<i32>,
    agenda: Option<Agenda>,
    attendance: Attendance,
    officers: Vec<Officer>,
    statements: Vec<Statements>,
    documents: Vec<DocumentRef>,
    /// "resolution 9/1" → the decision's id, for the vote sentences.
    decisions: Vec<(String, String)>,
    /// Votes read from the vote sentences, by decision id; put into the decisions at the end.
    votes: Vec<(String, Vote)>,
    keep_ids: bool,
    used_ids: UsedIds,
    /// The draft behind each paragraph given a template, in reading order (see `verify`).
    drafts: Vec<Option<DraftParagraph>>,
}

impl Cx {
    fn chapter(&mut self, c: &DraftChapter, w: &mut Vec<Diagnostic>) -> Chapter {
        Chapter {
            id: c.id.clone(),
            title: c.title.clone(),
            paragraphs: c.paragraphs.iter().map(|p| self.paragraph(p, w)).collect(),
            sections: c.sections.iter().map(|s| self.section(s, w)).collect(),
        }
    }

    /// The annexes; a generated one is recognised by its shape (see `akn::annex`) and made
    /// `generate:` again, with its data.
    fn annexes(
        &mut self,
        annexes: &[crate::import::from_document::DraftAnnex],
        w: &mut Vec<Diagnostic>,
    ) -> (Vec<Annex>, Option<Agenda>) {
        let mut out = Vec::new();
        let mut next_agenda = None;
        for a in annexes {
            let mut annex = Annex { id: a.id.clone(), title: a.title.clone(), ..Default::default() };
            if let Some(rows) = &a.document_rows {
                // Documents: the data from the rows, the agenda item from its number.
                let agenda = self.agenda.as_ref().map(|a| a.items.clone()).unwrap_or_default();
                let item_of = |num: &str| -> Option<String> {
                    for (i, it) in agenda.iter().enumerate() {
                        if num == (i + 1).to_string() {
                            return Some(it.id.clone());
                        }
                        for (j, sub) in it.items.iter().enumerate() {
                            if num == format!("{} ({})", i + 1, (b'a' + (j % 26) as u8) as char) {
                                return Some(sub.id.clone());
                            }
                        }
                    }
                    None
                };
                let docs: Vec<DocumentRef> = rows
                    .iter()
                    .map(|(symbol, item, title)| DocumentRef {
                        symbol: symbol.replace('\\', ""),
                        title: title.clone(),
                        item: item_of(item),
                    })
                    .collect();
                if self.documents.is_empty()
                    || self.documents.iter().map(|d| &d.symbol).eq(docs.iter().map(|d| &d.symbol))
                {
                    self.documents = docs;
                    annex.generate = Some("documents".into());
                } else {
                    w.push(Diagnostic::warning(format!(
                        "annex \"{}\" lists other documents than the documentation paragraph; its table is kept as written",
                        a.title
                    )));
                    annex.paragraphs.push(ParagraphDef::new(ParagraphKind::Table(crate::session::TableDef {
                        id: a.id.as_ref().map(|id| format!("{id}-table")),
                        caption: String::new(),
                        header: ["Document symbol", "Agenda item", "Title or description"].map(String::from).to_vec(),
                        rows: rows.iter().map(|(a, b, c)| vec![a.clone(), b.clone(), c.clone()]).collect(),
                    })));
                }
            }
            if let Some(items) = &a.agenda_items {
                let mut used = UsedIds::default();
                let list: Vec<AgendaItem> = items.iter().map(|it| next_item(it, &mut used, self.keep_ids)).collect();
                let numbered = items.iter().enumerate().all(|(i, it)| it.label == format!("{}.", i + 1));
                if next_agenda.is_none() && numbered {
                    next_agenda = Some(Agenda { adopted: None, adopted_at_meeting: None, items: list });
                    annex.generate = Some("provisional_agenda".into());
                } else {
                    w.push(Diagnostic::warning(format!(
                        "annex \"{}\" looks like a provisional agenda but cannot be one; kept as a written list",
                        a.title
                    )));
                    annex.paragraphs.push(ParagraphDef {
                        id: None,
                        numbered: false,
                        negotiation: Default::default(),
                        kind: ParagraphKind::Text {
                            text: String::new(),
                            items: DraftItem::defs(items, self.keep_ids, 0),
                        },
                    });
                }
            }
            annex.paragraphs.extend(a.paragraphs.iter().map(|p| self.narrative(p)));
            annex.rules = a.rules.iter().map(|r| self.rule(r)).collect();
            annex.sections = a
                .sections
                .iter()
                .map(|s| Section {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    paragraphs: s.paragraphs.iter().map(|p| self.narrative(p)).collect(),
                    rules: s.rules.iter().map(|r| self.rule(r)).collect(),
                    groups: s
                        .groups
                        .iter()
                        .map(|g| Group {
                            id: g.id.clone(),
                            title: g.title.clone(),
                            paragraphs: g.paragraphs.iter().map(|p| self.narrative(p)).collect(),
                        })
                        .collect(),
                })
                .collect();
            out.push(annex);
        }
        (out, next_agenda)
    }

    /// A rule of procedure as written.
    fn rule(&self, r: &crate::import::from_document::DraftRule) -> crate::session::Rule {
        crate::session::Rule {
            id: r.id.clone(),
            title: r.title.clone(),
            paragraphs: r.paragraphs.iter().map(|p| self.narrative(p)).collect(),
        }
    }

    /// A paragraph as written (annexes are not searched for standard sentences).
    fn narrative(&self, p: &DraftParagraph) -> ParagraphDef {
        let id = if self.keep_ids { p.id.clone() } else { None };
        if let Some(special) = &p.special {
            return special.clone();
        }
        ParagraphDef {
            id,
            numbered: p.num.is_some(),
            negotiation: Default::default(),
            kind: ParagraphKind::Text { text: p.text.clone(), items: DraftItem::defs(&p.items, self.keep_ids, 0) },
        }
    }

    fn section(&mut self, s: &DraftSection, w: &mut Vec<Diagnostic>) -> Section {
        Section {
            id: s.id.clone(),
            title: s.title.clone(),
            paragraphs: s.paragraphs.iter().map(|p| self.paragraph(p, w)).collect(),
            rules: s.rules.iter().map(|r| self.rule(r)).collect(),
            groups: s.groups.iter().map(|g| self.group(g, w)).collect(),
        }
    }

    fn group(&mut self, g: &DraftGroup, w: &mut Vec<Diagnostic>) -> Group {
        Group {
            id: g.id.clone(),
            title: g.title.clone(),
            paragraphs: g.paragraphs.iter().map(|p| self.paragraph(p, w)).collect(),
        }
    }

    fn paragraph(&mut self, p: &DraftParagraph, w: &mut Vec<Diagnostic>) -> ParagraphDef {
        let id = if self.keep_ids { p.id.clone() } else { None };
        if let Some(special) = &p.special {
            // A table or a decision carries its id inside.
            self.drafts.push(None);
            return special.clone();
        }
        let numbered = p.num.is_some();
        if numbered && let Some((template, item)) = self.recognize(p, w) {
            self.drafts.push(Some(p.clone()));
            let reads = crate::sentences::find(&template).map_or(Reads::Session, |s| s.reads);
            let kind = if reads == Reads::Decision {
                ParagraphKind::Template { name: template, item: None, vote_on: item }
            } else {
                ParagraphKind::Template { name: template, item, vote_on: None }
            };
            return ParagraphDef { id, numbered, kind, negotiation: Default::default() };
        }
        self.drafts.push(None);
        ParagraphDef {
            id,
            numbered,
            negotiation: Default::default(),
            kind: ParagraphKind::Text { text: p.text.clone(), items: DraftItem::defs(&p.items, self.keep_ids, 0) },
        }
    }

    /// The template (and agenda item) that prints this paragraph word for word, if any.
    fn recognize(&mut self, p: &DraftParagraph, w: &mut Vec<Diagnostic>) -> Option<(String, Option<String>)> {
        let t = p.plain.as_deref().unwrap_or(&p.text);
        // Text with markup in it (italics, notes, references, escapes) is never generated.
        if t.contains(['*', '[', '{', '\\']) {
            return None;
        }
        // The sentences and the order they are tried in are those of `crate::sentences`.
        let mut attendance_tried = false;
        for sentence in SENTENCES {
            // Only a sentence that lists items can print a paragraph with items (and the other
            // way round); a vote lists the States only when it was recorded.
            let lists_items = sentence.items != Items::None;
            if sentence.items != Items::Vote && lists_items == p.items.is_empty() {
                continue;
            }
            let found = match sentence.import {
                Import::Parser(Parser::Vote) => {
                    self.vote_sentence(p).map(|decision| (sentence.name.to_string(), Some(decision)))
                }
                Import::Parser(Parser::Agenda) => self.agenda(p, w).map(|name| (name, None)),
                Import::Parser(Parser::Documents) => self.documents_sentence(p).map(|name| (name, None)),
                Import::Parser(Parser::Dates) => self.dates_sentence(t).map(|name| (name, None)),
                Import::Parser(Parser::Chair) => self.chair(t).map(|name| (name, None)),
                Import::Parser(Parser::Elected) => self.elected(t).map(|name| (name, None)),
                Import::Parser(Parser::Statements) => self.statements_sentence(t),
                // One pass over every attendance sentence, which names the one it found (only
                // once: a failed pass may have warned).
                Import::Parser(Parser::Attendance) | Import::AttendanceList { .. } => {
                    if std::mem::replace(&mut attendance_tried, true) {
                        continue;
                    }
                    self.attendance_sentence(t, p, w).map(|name| (name, None))
                }
            };
            if found.is_some() {
                return found;
            }
        }
        None
    }

    fn short(&self) -> &str {
        self.short.as_deref().unwrap_or("")
    }

    /// "The Working Group held its meeting in Vienna on 14 and 15 April 2009." (or "its seventh
    /// session … from 20 to 24 June 2016").
    fn dates_sentence(&mut self, t: &str) -> Option<String> {
        let rest = t.strip_prefix("The ")?.strip_prefix(self.short())?.strip_prefix(" held its ")?;
        let (_what, rest) = rest.split_once(" in ")?;
        let rest = rest.strip_suffix('.')?;
        let (venue, span) = rest.rsplit_once(" on ").or_else(|| rest.rsplit_once(" from "))?;
        let days = parse_date_span(span).or_else(|| parse_date_span(&format!("from {span}")))?;
        if !self.venue.is_empty() && self.venue != venue {
            return None;
        }
        if !self.dates.is_empty() && (self.dates.first() != days.first() || self.dates.last() != days.last()) {
            return None;
        }
        if self.dates.is_empty() {
            self.dates = days;
        }
        self.venue = venue.to_string();
        Some("meeting/dates".to_string())
    }

    /// "The meeting of the Working Group was chaired by Dominika Krois (Poland), Vice-President of
    /// the Conference."
    fn chair(&mut self, t: &str) -> Option<String> {
        if self.officers.iter().any(|o| o.role == OfficerRole::Chair) {
            return None;
        }
        let rest =
            t.strip_prefix("The meeting of the ")?.strip_prefix(self.short())?.strip_prefix(" was chaired by ")?;
        let rest = rest.strip_suffix('.')?;
        let (name, state, title) = if let Some((name, after)) = rest.split_once(" (") {
            let (state, after) = after.split_once(')')?;
            let title = after.strip_prefix(", ").map(str::to_string);
            if title.is_none() && !after.is_empty() {
                return None;
            }
            (name.to_string(), Some(state.to_string()), title)
        } else if let Some((name, title)) = rest.split_once(", ") {
            (name.to_string(), None, Some(title.to_string()))
        } else {
            (rest.to_string(), None, None)
        };
        let officer = Officer { role: OfficerRole::Chair, name, state, title };
        self.officers.push(officer);
        Some("officers/chair".into())
    }

    /// "At its first meeting, on 20 June, the Working Group elected A (State) as Chair and B
    /// (State) as Rapporteur."
    fn elected(&mut self, t: &str) -> Option<String> {
        if !self.officers.is_empty() {
            return None;
        }
        let rest = t.strip_prefix("At its first meeting")?;
        let rest = match rest.strip_prefix(", on ") {
            Some(r) => r.split_once(", the ")?.1,
            None => rest.strip_prefix(", the ")?,
        };
        let mut rest = rest.strip_prefix(self.short())?.strip_prefix(" elected ")?.strip_suffix('.')?;
        let mut officers = Vec::new();
        loop {
            let (who, after) = rest.split_once(" as ")?;
            let end = [after.find(", "), after.find(" and ")].into_iter().flatten().min().unwrap_or(after.len());
            let role = &after[..end];
            let (name, state) = match who.rsplit_once(" (") {
                Some((name, state)) => (name.to_string(), Some(state.strip_suffix(')')?.to_string())),
                None => (who.to_string(), None),
            };
            // A role the format does not know leaves the sentence as written.
            let role = OfficerRole::from_key(&role.to_lowercase())?;
            officers.push(Officer { role, name, state, title: None });
            rest = &after[end..];
            if rest.is_empty() {
                break;
            }
            rest = rest.strip_prefix(", ").or_else(|| rest.strip_prefix(" and "))?;
        }
        self.officers = officers;
        Some("officers/elected".into())
    }

    /// "The Working Group had before it the following documents:" and "(a) Title (SYMBOL);"…
    fn documents_sentence(&mut self, p: &DraftParagraph) -> Option<String> {
        let t = p.plain.as_deref().unwrap_or(&p.text);
        if !self.documents.is_empty()
            || t.strip_prefix("The ")?.strip_prefix(self.short())? != " had before it the following documents:"
        {
            return None;
        }
        let mut documents = Vec::new();
        for it in &p.items {
            let text = it.text.strip_suffix([';', '.'])?;
            let (title, symbol) = text.rsplit_once(" (")?;
            let symbol = symbol.strip_suffix(')')?;
            documents.push(DocumentRef { symbol: symbol.replace('\\', ""), title: title.to_string(), item: None });
        }
        self.documents = documents;
        Some("documents".into())
    }

    /// "The Conference adopted resolution 9/1 by a recorded vote of 25 to 3, with 4 abstentions.
    /// The voting was as follows:" with "In favour: …", "Against: …", "Abstaining: …" → the vote
    /// of that decision (quoted further on). Returns the decision's id.
    fn vote_sentence(&mut self, p: &DraftParagraph) -> Option<String> {
        let t = p.plain.as_deref().unwrap_or(&p.text);
        let rest = t.strip_prefix("The ")?.strip_prefix(self.short())?.strip_prefix(" adopted ")?;
        let (which, rest) = rest.split_once(" by a ")?;
        let id = self.decisions.iter().find(|(k, _)| k == which).map(|(_, id)| id.clone())?;
        let (recorded, rest) = match rest.strip_prefix("recorded ") {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let rest = rest.strip_prefix("vote of ")?;
        let (counts, tail) = rest.split_once('.')?;
        let (in_favour, rest) = counts.split_once(" to ")?;
        let (against, abstaining) = match rest.split_once(", with ") {
            Some((a, abst)) => (a, abst.split(' ').next()?.parse().ok()?),
            None => (rest, 0),
        };
        let mut vote = Vote {
            recorded,
            in_favour: in_favour.parse().ok()?,
            against: against.parse().ok()?,
            abstaining,
            states: None,
        };
        if recorded && tail.trim() == "The voting was as follows:" {
            let mut states = VoteStates::default();
            for it in &p.items {
                let list = it.text.strip_suffix('.')?;
                let names = if list == "None" { Vec::new() } else { split_list(list, true) };
                match it.label.as_str() {
                    "In favour:" => states.in_favour = names,
                    "Against:" => states.against = names,
                    "Abstaining:" => states.abstaining = names,
                    _ => return None,
                }
            }
            vote.states = Some(states);
        } else if !tail.trim().is_empty() || !p.items.is_empty() {
            return None;
        }
        self.votes.push((id.clone(), vote));
        Some(id)
    }

    /// "On 14 April, the Working Group adopted the following agenda:" and its items.
    fn agenda(&mut self, p: &DraftParagraph, _w: &mut Vec<Diagnostic>) -> Option<String> {
        if self.agenda.is_some() {
            return None;
        }
        let t = p.plain.as_deref().unwrap_or(&p.text);
        let lead = t.strip_suffix(" adopted the following agenda:")?;
        let adopted = if let Some(rest) = lead.strip_prefix("On ") {
            let (day_month, who) = rest.split_once(", the ")?;
            if who != self.short() {
                return None;
            }
            let year = self.year?;
            Some(crate::import::parse_long_date(&format!("{day_month} {year}"))?)
        } else {
            if lead.strip_prefix("The ")? != self.short() {
                return None;
            }
            None
        };
        let mut items = Vec::new();
        for (i, it) in p.items.iter().enumerate() {
            if it.label != format!("{}.", i + 1) {
                return None;
            }
            items.push(self.agenda_item(it, true)?);
        }
        let agenda = Agenda { adopted, adopted_at_meeting: None, items };
        self.agenda = Some(agenda);
        Some("agenda".into())
    }

    fn agenda_item(&mut self, it: &DraftItem, top: bool) -> Option<AgendaItem> {
        let title = it.text.trim_end_matches([':', ';', '.']).to_string();
        if title.contains(['*', '[', '{', '\\']) || (top && !it.label.ends_with('.')) {
            return None;
        }
        let mut sub = Vec::new();
        for (i, s) in it.items.iter().enumerate() {
            if i >= 26 || s.label != format!("({})", (b'a' + i as u8) as char) {
                return None;
            }
            sub.push(self.agenda_item(s, false)?);
        }
        // Our own AKN carries the agenda item ids in the list items' eIds (`agenda-<id>`).
        let given = if self.keep_ids { it.id.as_deref().and_then(|i| i.strip_prefix("agenda-")) } else { None };
        let id = match given {
            Some(id) if !self.used_ids.contains(id) => {
                self.used_ids.insert(id.to_string());
                id.to_string()
            }
            _ => unique(&slug(&title, 3), &mut self.used_ids),
        };
        Some(AgendaItem { id, title, items: sub })
    }

    /// The attendance sentences, singular or plural, with or without the instrument, the
    /// network of institutes or the session ("…were represented at the seventh session of…").
    fn attendance_sentence(&mut self, t: &str, p: &DraftParagraph, w: &mut Vec<Diagnostic>) -> Option<String> {
        let mut instrument_seen: Option<String> = None;
        let mut template = None;
        // The attendance lists, their openings and fields, are declared in `crate::sentences`.
        for sentence in SENTENCES {
            let Import::AttendanceList { openings, list: field, states } = sentence.import else { continue };
            let name = &sentence.name;
            let Some(rest) = openings.iter().find_map(|p| t.strip_prefix(p)) else { continue };
            let (head, list) = rest.split_once(": ")?;
            let list = list.strip_suffix('.')?;
            let head_end = head.find(" were ").or_else(|| head.find(" was "))?;
            let qualifier = &head[..head_end];
            if let Some(instr) = qualifier.strip_prefix(" to the ") {
                instrument_seen = Some(instr.to_string());
            } else if let Some(net) = qualifier.strip_prefix(" and institutes of the ") {
                self.attendance.un_network = Some(net.to_string());
            } else if !qualifier.is_empty() {
                return None;
            }
            let target = field(&mut self.attendance);
            if !target.is_empty() {
                return None;
            }
            *target = split_list(list, states);
            template = Some(*name);
            break;
        }
        if template.is_none() {
            if let Some(list) = t
                .strip_suffix(", entities maintaining permanent observer offices, were represented.")
                .or_else(|| t.strip_suffix(", an entity maintaining a permanent observer office, was represented."))
            {
                if !self.attendance.permanent_observers.is_empty() {
                    return None;
                }
                self.attendance.permanent_observers = split_the_list(list)?;
                template = Some("attendance/permanent_observers");
            } else if let Some((list, rest)) = t
                .split_once(", a regional economic integration organization that is party to the ")
                .or_else(|| t.split_once(", regional economic integration organizations that are parties to the "))
            {
                let instr = rest
                    .strip_suffix(", was represented at the meeting.")
                    .or_else(|| rest.strip_suffix(", were represented at the meeting."))?;
                if !self.attendance.regional_organizations.is_empty() {
                    return None;
                }
                self.attendance.regional_organizations = split_the_list(list)?;
                instrument_seen = Some(instr.to_string());
                template = Some("attendance/regional_organizations");
            }
        }
        let template = template?;
        if let Some(instr) = instrument_seen {
            match &self.attendance.instrument {
                None => self.attendance.instrument = Some(instr),
                Some(known) if *known != instr => {
                    w.push(warn_at(
                        p.line,
                        format!(
                            "paragraph {} names the instrument \"{instr}\" where the others say \"{known}\"; its list is imported, its words are kept as written",
                            p.num.as_deref().unwrap_or("?")
                        ),
                    ));
                    return None;
                }
                Some(_) => {}
            }
        }
        Some(template.into())
    }

    /// "Under item 2 of the agenda, the Working Group heard statements from the following States:
    /// …. Statements were also made by …."
    fn statements_sentence(&mut self, t: &str) -> Option<(String, Option<String>)> {
        let rest = t.strip_prefix("Under item ")?;
        let (num, rest) = rest.split_once(" of the agenda, the ")?;
        let num: usize = num.parse().ok()?;
        let item_id = self.agenda.as_ref()?.items.get(num.checked_sub(1)?)?.id.clone();
        if self.statements.iter().any(|s| s.item == item_id) {
            return None;
        }
        let rest = rest.strip_prefix(self.short())?.strip_prefix(" heard statements from ")?;
        let (by_representatives, rest) = match rest.strip_prefix("the representatives of ") {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let rest = rest.strip_prefix("the following States: ")?;
        // The States list ends at the first ". " followed by "Statements"/"The "; else at the end.
        let (list, others_text) = match rest.find(". Statements were also made by ").or_else(|| rest.find(". The ")) {
            Some(i) => (&rest[..i], Some(&rest[i + 2..])),
            None => (rest.strip_suffix('.')?, None),
        };
        let states = split_list(list, true);
        let mut others = Vec::new();
        if let Some(o) = others_text {
            if let Some(r) = o.strip_prefix("The ") {
                let r = r.strip_suffix(" also made a statement.")?;
                let (cap, prep, org) = capacity(r)?;
                let org = org.strip_prefix("the ")?;
                others.push(OtherSpeaker { capacity: cap, of: org.into() });
                let _ = prep;
            } else {
                let r = o.strip_prefix("Statements were also made by ")?.strip_suffix('.')?;
                for g in r.split(" and by ") {
                    let (cap, _prep, list) = capacity(g.strip_prefix("the ").unwrap_or(g))?;
                    for name in split_the_list(list)? {
                        others.push(OtherSpeaker { capacity: cap, of: name });
                    }
                }
            }
        }
        self.statements.push(Statements { item: item_id.clone(), states, by_representatives, others });
        Some(("statements".into(), Some(item_id)))
    }
}

/// "representative of X", "representatives of X", "observer for X", "observers for X" →
/// (capacity, preposition, X).
fn capacity(s: &str) -> Option<(Capacity, &'static str, &str)> {
    for (cap, prep) in [(Capacity::Representative, "of"), (Capacity::Observer, "for")] {
        for form in [format!("{cap}s {prep} "), format!("{cap} {prep} ")] {
            if let Some(r) = s.strip_prefix(form.as_str()) {
                return Some((cap, prep, r));
            }
        }
    }
    None
}

// Lists of names are read back by the parsers that live beside their printer.
use crate::generate::{split_list, split_the_list};
