//! The second half of `from_document`: in the document read as session data (every paragraph
//! written as narrative, `Read`), the standard sentences become structured data.
//!
//! Each recognizer reads one kind of sentence — the meeting's dates, the chair or the election of
//! officers, the agenda, each attendance list, the statements under an agenda item, the
//! documentation, a vote on a decision quoted further on — and takes the data out of it, giving
//! the paragraph the matching `template:` in place. The recognizers are lenient on purpose:
//! whether the template really prints those words is decided afterwards by `verify`, which
//! assembles the session with the program's own templates and puts every paragraph that comes out
//! different back as it was read. So the imported session always rebuilds the text it came from,
//! and the wording lives in one place (the templates). A sentence whose data was taken but whose
//! wording differs (the reference's ¶36 says "Trafficking Protocol" where the others say
//! "Trafficking in Persons Protocol") keeps its words and is reported.
//!
//! Tables, decisions and annexes pass through as read; an annex with the shape of a generated
//! one (the documents table, the provisional agenda) becomes `generate:` again, with its data.

use std::collections::HashMap;

use crate::diag::Diagnostic;
use crate::import::from_document::{Place, Printed, Read, printed_label};
use crate::import::{UsedIds, parse_date_span, slug, unique, warn_at};
use crate::sentences::{Import, Items, Parser, Reads, SENTENCES};
use crate::session::{
    Agenda, AgendaItem, Annex, Attendance, Capacity, DocumentRef, ItemDef, Officer, OfficerRole, OtherSpeaker,
    ParagraphDef, ParagraphKind, Session, Statements, Vote, VoteStates,
};

/// The header of the generated documents table (`generate: documents`).
const DOCUMENTS_HEADER: [&str; 3] = ["Document symbol", "Agenda item", "Title or description"];

/// What an annex opens with when it has the shape of a generated one.
pub(crate) enum GeneratedShape<'a> {
    /// The documents table: its rows (symbol, agenda item number, title), in markup.
    Documents(&'a [Vec<String>]),
    /// The provisional agenda: a bare list numbered "1.", "2."…
    ProvisionalAgenda(&'a [ItemDef]),
}

/// The generated shape an annex opens with, if any.
pub(crate) fn generated_shape(annex: &Annex) -> Option<GeneratedShape<'_>> {
    let first = annex.paragraphs.first()?;
    match &first.kind {
        ParagraphKind::Table(t)
            if t.header.is_plain()
                && (t.header.texts().iter().eq(DOCUMENTS_HEADER.iter())
                    // A version's own headings ("Cote du document", "Point de l’ordre du jour"…).
                    || crate::lang::Lang::ALL
                        .iter()
                        .any(|l| t.header.texts().iter().eq(l.documents_header().iter())))
                && t.rows.iter().all(|r| r.len() == 3) =>
        {
            Some(GeneratedShape::Documents(&t.rows))
        }
        ParagraphKind::Text { text, items }
            if !first.numbered && text.is_empty() && items.first().is_some_and(|i| printed_label(i, 0, 0) == "1.") =>
        {
            Some(GeneratedShape::ProvisionalAgenda(items))
        }
        _ => None,
    }
}

/// Recognises the standard sentences of the chapters and the generated annexes, then keeps only
/// what the templates print word for word (`verify`).
pub(crate) fn recognize(read: Read, warnings: &mut Vec<Diagnostic>) -> Session {
    let Read { mut session, printed, keep_ids } = read;
    let places = Place::all(&session);
    let mut cx = Cx {
        short: find_short(&places, &printed),
        venue: session.meeting.venue.clone(),
        dates: session.meeting.dates.clone(),
        year: session.date.map(|d| d.year).or_else(|| session.meeting.dates.first().map(|d| d.year)),
        agenda: None,
        attendance: Attendance::default(),
        officers: Vec::new(),
        statements: Vec::new(),
        documents: Vec::new(),
        decisions: decisions_of(&session, &places),
        votes: Vec::new(),
        keep_ids,
        // Agenda item ids live apart from chapter and paragraph ids (the report prints them as
        // `agenda-<id>`), so they only need to be unique among themselves.
        used_ids: UsedIds::default(),
    };
    // Each numbered written paragraph, in reading order, may be a standard sentence: it is
    // rewritten in place, and what it was is kept for `verify`.
    let mut recognized = HashMap::new();
    for &place in &places {
        let Some(p) = printed.get(&place).filter(|p| p.num.is_some()) else { continue };
        let def = place.get_mut(&mut session);
        let ParagraphKind::Text { items, .. } = &def.kind else { continue };
        let written = Written { plain: &p.plain, items, num: p.num.as_deref(), line: p.line };
        let Some((template, item)) = cx.recognize(&written, warnings) else { continue };
        let reads = crate::sentences::find(&template).map_or(Reads::Session, |s| s.reads);
        let kind = if reads == Reads::Decision {
            ParagraphKind::Template { name: template, item: None, vote_on: item }
        } else {
            ParagraphKind::Template { name: template, item, vote_on: None }
        };
        let generated = ParagraphDef { id: def.id.clone(), numbered: true, kind, negotiation: Default::default() };
        recognized.insert(place, (std::mem::replace(def, generated), p.clone()));
    }
    attach_votes(&mut session, &places, &cx.votes);
    let next_agenda = cx.annexes(&mut session.annexes, warnings);
    if session.symbol.is_empty() {
        warnings
            .push(Diagnostic::warning("the text gives no document symbol").with_hint("add `symbol:` to session.yaml"));
    }
    session.meeting.short = cx.short.clone().filter(|s| *s != session.meeting.name);
    session.meeting.venue = cx.venue;
    session.meeting.dates = cx.dates;
    session.agenda = cx.agenda;
    session.officers = cx.officers;
    session.attendance = cx.attendance;
    session.statements = cx.statements;
    session.documents = cx.documents;
    session.next_agenda = next_agenda;
    crate::import::verify::keep_verified(&mut session, &places, &recognized, warnings);
    session
}

/// A written paragraph as the recognisers read it: its words without marks, its items (labels
/// as printed by `printed_label`), and its number and line for warnings.
struct Written<'a> {
    plain: &'a str,
    items: &'a [ItemDef],
    num: Option<&'a str>,
    line: usize,
}

/// An item of a provisional agenda: title without its final punctuation, id from the eId.
fn next_item(it: &ItemDef, used: &mut UsedIds, keep_ids: bool) -> AgendaItem {
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

/// The decisions quoted in the chapters: ("resolution 9/1", id).
fn decisions_of(session: &Session, places: &[Place]) -> Vec<(String, String)> {
    places
        .iter()
        .filter_map(|place| place.get(session).decision())
        .filter_map(|d| Some((format!("{} {}", d.kind, d.number), d.id.clone()?)))
        .collect()
}

/// Puts each vote into the decision it was taken on.
fn attach_votes(session: &mut Session, places: &[Place], votes: &[(String, Vote)]) {
    for place in places {
        if let Some(d) = place.get_mut(session).decision_mut()
            && let Some((_, v)) = votes.iter().find(|(id, _)| Some(id) == d.id.as_ref())
        {
            d.vote = Some(v.clone());
        }
    }
}

/// How the text calls the meeting ("Working Group"): from the dates sentence, the agenda
/// sentence or the chair sentence, else none.
fn find_short(places: &[Place], printed: &HashMap<Place, Printed>) -> Option<String> {
    let all: Vec<&str> = places.iter().filter_map(|p| printed.get(p)).map(|p| p.plain.as_str()).collect();
    // The sentences that name the meeting by its short name, surest first: the dates sentence
    // (ending in a span of days), the chair, the election of officers, the agenda.
    for t in &all {
        if let Some(rest) = t.strip_prefix("The ")
            && let Some((short, rest)) = rest.split_once(" held its ")
            && let Some(rest) = rest.strip_suffix('.')
            && let Some((_, span)) = rest.rsplit_once(" on ").or_else(|| rest.rsplit_once(" from "))
            && (parse_date_span(span).is_some() || parse_date_span(&format!("from {span}")).is_some())
        {
            return Some(short.to_string());
        }
    }
    for t in &all {
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
}

impl Cx {
    /// The annexes with the shape of a generated one (see `generated_shape`) are made
    /// `generate:` again, with their data, when the data fits; returns the provisional agenda.
    fn annexes(&mut self, annexes: &mut [Annex], w: &mut Vec<Diagnostic>) -> Option<Agenda> {
        let mut next_agenda = None;
        for annex in annexes {
            match generated_shape(annex) {
                Some(GeneratedShape::Documents(rows)) => {
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
                        .map(|r| DocumentRef {
                            symbol: r[0].replace('\\', ""),
                            title: r[2].clone(),
                            item: item_of(&r[1]),
                        })
                        .collect();
                    // Every printed item number must name an item of the agenda read as data (a
                    // version whose agenda stayed narrative keeps its table, numbers and all).
                    let items_resolve = rows.iter().zip(&docs).all(|(r, d)| r[1].trim().is_empty() || d.item.is_some());
                    if !items_resolve {
                        w.push(Diagnostic::warning(format!(
                            "annex \"{}\" lists documents by agenda items that are not data here; its table is kept as written",
                            annex.title
                        )));
                    } else if self.documents.is_empty()
                        || self.documents.iter().map(|d| &d.symbol).eq(docs.iter().map(|d| &d.symbol))
                    {
                        self.documents = docs;
                        annex.generate = Some("documents".into());
                        annex.paragraphs.remove(0);
                    } else {
                        w.push(Diagnostic::warning(format!(
                            "annex \"{}\" lists other documents than the documentation paragraph; its table is kept as written",
                            annex.title
                        )));
                    }
                }
                Some(GeneratedShape::ProvisionalAgenda(items)) => {
                    let mut used = UsedIds::default();
                    let list: Vec<AgendaItem> =
                        items.iter().map(|it| next_item(it, &mut used, self.keep_ids)).collect();
                    let numbered =
                        items.iter().enumerate().all(|(i, it)| printed_label(it, 0, i) == format!("{}.", i + 1));
                    if next_agenda.is_none() && numbered {
                        next_agenda = Some(Agenda { adopted: None, adopted_at_meeting: None, items: list });
                        annex.generate = Some("provisional_agenda".into());
                        annex.paragraphs.remove(0);
                    } else {
                        w.push(Diagnostic::warning(format!(
                            "annex \"{}\" looks like a provisional agenda but cannot be one; kept as a written list",
                            annex.title
                        )));
                    }
                }
                None => {}
            }
        }
        next_agenda
    }

    /// The template (and agenda item) that prints this paragraph word for word, if any.
    fn recognize(&mut self, p: &Written, w: &mut Vec<Diagnostic>) -> Option<(String, Option<String>)> {
        let t = p.plain;
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
                Import::Parser(Parser::Agenda) => self.agenda(p).map(|name| (name, None)),
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
                // A State elected to the office.
                None if crate::registry::is_state_name(who) => (String::new(), Some(who.to_string())),
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
    fn documents_sentence(&mut self, p: &Written) -> Option<String> {
        let t = p.plain;
        if !self.documents.is_empty()
            || t.strip_prefix("The ")?.strip_prefix(self.short())? != " had before it the following documents:"
        {
            return None;
        }
        let mut documents = Vec::new();
        for it in p.items {
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
    fn vote_sentence(&mut self, p: &Written) -> Option<String> {
        let t = p.plain;
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
            for (i, it) in p.items.iter().enumerate() {
                let list = it.text.strip_suffix('.')?;
                let names = if list == "None" { Vec::new() } else { split_list(list, true) };
                match printed_label(it, 0, i).as_str() {
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
    fn agenda(&mut self, p: &Written) -> Option<String> {
        if self.agenda.is_some() {
            return None;
        }
        let t = p.plain;
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
            if printed_label(it, 0, i) != format!("{}.", i + 1) {
                return None;
            }
            items.push(self.agenda_item(it, 0, i)?);
        }
        let agenda = Agenda { adopted, adopted_at_meeting: None, items };
        self.agenda = Some(agenda);
        Some("agenda".into())
    }

    /// An item of the adopted agenda at `depth` (0: "1.", 1: "(a)"), the `index`-th of its list.
    fn agenda_item(&mut self, it: &ItemDef, depth: usize, index: usize) -> Option<AgendaItem> {
        let title = it.text.trim_end_matches([':', ';', '.']).to_string();
        if title.contains(['*', '[', '{', '\\']) || (depth == 0 && !printed_label(it, depth, index).ends_with('.')) {
            return None;
        }
        let mut sub = Vec::new();
        for (i, s) in it.items.iter().enumerate() {
            if i >= 26 || printed_label(s, depth + 1, i) != format!("({})", (b'a' + i as u8) as char) {
                return None;
            }
            sub.push(self.agenda_item(s, depth + 1, i)?);
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
    fn attendance_sentence(&mut self, t: &str, p: &Written, w: &mut Vec<Diagnostic>) -> Option<String> {
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
                            p.num.unwrap_or("?")
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
