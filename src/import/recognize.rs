//! From a `Draft` to a `Session`: the standard sentences become structured data.
//!
//! Each recognizer reads one kind of sentence (the meeting's dates, the chair, the agenda, each
//! attendance list, the statements under an agenda item), takes the data out of it, prints the
//! sentence again the way the template does, and only when the two are the same word for word
//! replaces the paragraph by a `template:` paragraph. Anything else stays narrative, so the
//! imported session always rebuilds the text it came from. A sentence whose data was taken but
//! whose wording differs (the reference's ¶36 says "Trafficking Protocol" where the others say
//! "Trafficking in Persons Protocol") keeps its words and is reported.

use std::collections::HashSet;

use crate::diag::Diagnostic;
use crate::import::{
    Draft, DraftChapter, DraftGroup, DraftItem, DraftParagraph, DraftSection, parse_date_span, slug, unique, warn_at,
};
use crate::session::date::prose_range;
use crate::session::{
    Agenda, AgendaItem, Attendance, Chapter, Group, Meeting, Officer, OtherSpeaker, ParagraphDef, Section, Session,
    Statements,
};

pub fn build(draft: Draft, warnings: &mut Vec<Diagnostic>) -> Session {
    let mut cx = Cx {
        short: find_short(&draft),
        venue: draft.venue.clone(),
        dates: draft.dates.clone(),
        year: draft.date.map(|d| d.year).or_else(|| draft.dates.first().map(|d| d.year)),
        agenda: None,
        attendance: Attendance::default(),
        officers: Vec::new(),
        statements: Vec::new(),
        keep_ids: draft.keep_ids,
        // Agenda item ids live apart from chapter and paragraph ids (the report prints them as
        // `agenda-<id>`), so they only need to be unique among themselves.
        used_ids: HashSet::new(),
    };
    let chapters: Vec<Chapter> = draft.chapters.iter().map(|c| cx.chapter(c, warnings)).collect();
    if draft.symbol.is_empty() {
        warnings
            .push(Diagnostic::warning("the text gives no document symbol").with_hint("add `symbol:` to session.yaml"));
    }
    let name = draft.meeting_name.clone();
    let short = cx.short.clone().filter(|s| *s != name);
    Session {
        include: Vec::new(),
        symbol: draft.symbol,
        distribution: draft.distribution.unwrap_or_else(|| "General".into()),
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
        },
        title: draft.title,
        job_number: draft.job_number,
        agenda: cx.agenda,
        officers: cx.officers,
        attendance: cx.attendance,
        statements: cx.statements,
        chapters,
        footnotes: draft.footnotes,
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
    for p in &all {
        let t = p.text.as_str();
        if let Some(rest) = t.strip_prefix("The ")
            && let Some((short, _)) = rest.split_once(" held its meeting in ")
        {
            return Some(short.to_string());
        }
        if let Some(rest) = t.strip_prefix("The meeting of the ")
            && let Some((short, _)) = rest.split_once(" was chaired by ")
        {
            return Some(short.to_string());
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
    keep_ids: bool,
    used_ids: HashSet<String>,
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

    fn section(&mut self, s: &DraftSection, w: &mut Vec<Diagnostic>) -> Section {
        Section {
            id: s.id.clone(),
            title: s.title.clone(),
            paragraphs: s.paragraphs.iter().map(|p| self.paragraph(p, w)).collect(),
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
        let numbered = p.num.is_some();
        if numbered && let Some((template, item)) = self.recognize(p, w) {
            return ParagraphDef { id, text: None, template: Some(template), item, items: Vec::new(), numbered };
        }
        ParagraphDef {
            id,
            text: Some(p.text.clone()),
            template: None,
            item: None,
            items: p.items.iter().map(|i| i.to_def(self.keep_ids)).collect(),
            numbered,
        }
    }

    /// The template (and agenda item) that prints this paragraph word for word, if any.
    fn recognize(&mut self, p: &DraftParagraph, w: &mut Vec<Diagnostic>) -> Option<(String, Option<String>)> {
        let t = p.plain.as_deref().unwrap_or(&p.text);
        // Text with markup in it (italics, notes, references, escapes) is never generated.
        if t.contains(['*', '[', '{', '\\']) {
            return None;
        }
        if !p.items.is_empty() {
            return self.agenda(p, w).map(|t| (t, None));
        }
        if let Some(r) = self.dates_sentence(t) {
            return Some((r, None));
        }
        if let Some(r) = self.chair(t) {
            return Some((r, None));
        }
        if let Some(r) = self.attendance_sentence(t, p, w) {
            return Some((r, None));
        }
        self.statements_sentence(t)
    }

    fn short(&self) -> &str {
        self.short.as_deref().unwrap_or("")
    }

    /// "The Working Group held its meeting in Vienna on 14 and 15 April 2009."
    fn dates_sentence(&mut self, t: &str) -> Option<String> {
        let rest = t.strip_prefix("The ")?.strip_prefix(self.short())?.strip_prefix(" held its meeting in ")?;
        let rest = rest.strip_suffix('.')?;
        let (venue, span) = rest.split_once(" on ").or_else(|| rest.split_once(" from "))?;
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
        let printed = format!("The {} held its meeting in {} {}.", self.short(), self.venue, date_span(&self.dates));
        (printed == t).then(|| "meeting/dates".to_string())
    }

    /// "The meeting of the Working Group was chaired by Dominika Krois (Poland), Vice-President of
    /// the Conference."
    fn chair(&mut self, t: &str) -> Option<String> {
        if self.officers.iter().any(|o| o.role == "chair") {
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
        let officer = Officer { role: "chair".into(), name, state, title };
        let mut printed = format!("The meeting of the {} was chaired by {}", self.short(), officer.name);
        if let Some(s) = &officer.state {
            printed.push_str(&format!(" ({s})"));
        }
        if let Some(ti) = &officer.title {
            printed.push_str(&format!(", {ti}"));
        }
        printed.push('.');
        if printed != t {
            return None;
        }
        self.officers.push(officer);
        Some("officers/chair".into())
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
        let agenda = Agenda { adopted, items };
        // Print it again: lead-in and the list with its punctuation.
        let lead_printed = match adopted {
            Some(d) => format!("On {}, the {} adopted the following agenda:", d.day_month(), self.short()),
            None => format!("The {} adopted the following agenda:", self.short()),
        };
        if lead_printed != t || !same_items(&agenda.items, &p.items) {
            return None;
        }
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

    fn attendance_sentence(&mut self, t: &str, p: &DraftParagraph, w: &mut Vec<Diagnostic>) -> Option<String> {
        let short = self.short().to_string();
        let a = &mut self.attendance;
        let mut instrument_seen: Option<String> = None;
        let (template, printed): (&str, String) = if let Some(rest) = t.strip_prefix("The following States parties") {
            let (instr, rest) = instrument(rest, &format!(" were represented at the meeting of the {short}: "))?;
            let names = split_list(rest.strip_suffix('.')?, true);
            if !a.states_parties.is_empty() {
                return None;
            }
            a.states_parties = names;
            instrument_seen = instr;
            ("attendance/states_parties", String::new())
        } else if let Some(rest) = t.strip_prefix("The following States signatories") {
            let (instr, rest) = instrument(rest, " were represented by observers: ")?;
            if !a.signatories.is_empty() {
                return None;
            }
            a.signatories = split_list(rest.strip_suffix('.')?, true);
            instrument_seen = instr;
            ("attendance/signatories", String::new())
        } else if let Some(rest) = t.strip_prefix("The following States were also represented by observers: ") {
            if !a.observer_states.is_empty() {
                return None;
            }
            a.observer_states = split_list(rest.strip_suffix('.')?, true);
            ("attendance/observer_states", String::new())
        } else if let Some(rest) = t.strip_prefix("The following United Nations entities") {
            let (network, rest) = if let Some(r) = rest.strip_prefix(" and institutes of the ") {
                let (net, r) = r.split_once(" were represented by observers: ")?;
                (Some(net.to_string()), r)
            } else {
                (None, rest.strip_prefix(" were represented by observers: ")?)
            };
            if !a.un_entities.is_empty() {
                return None;
            }
            a.un_entities = split_list(rest.strip_suffix('.')?, false);
            a.un_network = network;
            ("attendance/un_entities", String::new())
        } else if let Some(rest) =
            t.strip_prefix("The following intergovernmental organizations were represented by observers: ")
        {
            if !a.intergovernmental_organizations.is_empty() {
                return None;
            }
            a.intergovernmental_organizations = split_list(rest.strip_suffix('.')?, false);
            ("attendance/intergovernmental_organizations", String::new())
        } else if let Some(rest) =
            t.strip_prefix("The following non-governmental organizations were represented by observers: ")
        {
            if !a.ngos.is_empty() {
                return None;
            }
            a.ngos = split_list(rest.strip_suffix('.')?, false);
            ("attendance/ngos", String::new())
        } else if let Some(list) = t
            .strip_suffix(", entities maintaining permanent observer offices, were represented.")
            .or_else(|| t.strip_suffix(", an entity maintaining a permanent observer office, was represented."))
        {
            if !a.permanent_observers.is_empty() {
                return None;
            }
            a.permanent_observers = split_the_list(list)?;
            ("attendance/permanent_observers", String::new())
        } else if let Some((list, rest)) = t
            .split_once(", a regional economic integration organization that is party to the ")
            .or_else(|| t.split_once(", regional economic integration organizations that are parties to the "))
        {
            let instr = rest
                .strip_suffix(", was represented at the meeting.")
                .or_else(|| rest.strip_suffix(", were represented at the meeting."))?;
            if !a.regional_organizations.is_empty() {
                return None;
            }
            a.regional_organizations = split_the_list(list)?;
            instrument_seen = Some(instr.to_string());
            ("attendance/regional_organizations", String::new())
        } else {
            return None;
        };
        let _ = printed;
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
        let printed = self.print_attendance(template);
        if printed != t {
            w.push(warn_at(
                p.line,
                format!(
                    "paragraph {}: the list was imported but the sentence differs from `{template}`; kept as written",
                    p.num.as_deref().unwrap_or("?")
                ),
            ));
            return None;
        }
        Some(template.into())
    }

    fn print_attendance(&self, template: &str) -> String {
        let a = &self.attendance;
        let to_instr = a.instrument.as_ref().map(|i| format!(" to the {i}")).unwrap_or_default();
        match template {
            "attendance/states_parties" => format!(
                "The following States parties{to_instr} were represented at the meeting of the {}: {}.",
                self.short(),
                join_list(&a.states_parties)
            ),
            "attendance/signatories" => format!(
                "The following States signatories{to_instr} were represented by observers: {}.",
                join_list(&a.signatories)
            ),
            "attendance/observer_states" => {
                format!("The following States were also represented by observers: {}.", join_list(&a.observer_states))
            }
            "attendance/un_entities" => format!(
                "The following United Nations entities{} were represented by observers: {}.",
                a.un_network.as_ref().map(|n| format!(" and institutes of the {n}")).unwrap_or_default(),
                join_list(&a.un_entities)
            ),
            "attendance/intergovernmental_organizations" => format!(
                "The following intergovernmental organizations were represented by observers: {}.",
                join_list(&a.intergovernmental_organizations)
            ),
            "attendance/ngos" => format!(
                "The following non-governmental organizations were represented by observers: {}.",
                join_list(&a.ngos)
            ),
            "attendance/permanent_observers" => {
                let list = capfirst(&the_list(&a.permanent_observers));
                if a.permanent_observers.len() == 1 {
                    format!("{list}, an entity maintaining a permanent observer office, was represented.")
                } else {
                    format!("{list}, entities maintaining permanent observer offices, were represented.")
                }
            }
            "attendance/regional_organizations" => {
                let list = capfirst(&the_list(&a.regional_organizations));
                let instr = a.instrument.as_deref().unwrap_or("instrument");
                if a.regional_organizations.len() == 1 {
                    format!(
                        "{list}, a regional economic integration organization that is party to the {instr}, was represented at the meeting."
                    )
                } else {
                    format!(
                        "{list}, regional economic integration organizations that are parties to the {instr}, were represented at the meeting."
                    )
                }
            }
            _ => String::new(),
        }
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
                others.push(OtherSpeaker { capacity: cap.into(), of: org.into() });
                let _ = prep;
            } else {
                let r = o.strip_prefix("Statements were also made by ")?.strip_suffix('.')?;
                for g in r.split(" and by ") {
                    let (cap, _prep, list) = capacity(g.strip_prefix("the ").unwrap_or(g))?;
                    for name in split_the_list(list)? {
                        others.push(OtherSpeaker { capacity: cap.into(), of: name });
                    }
                }
            }
        }
        let st = Statements { item: item_id.clone(), states, by_representatives, others };
        if print_statements(num, self.short(), &st) != t {
            return None;
        }
        self.statements.push(st);
        Some(("statements".into(), Some(item_id)))
    }
}

/// "representative of X", "representatives of X", "observer for X", "observers for X" →
/// (capacity, preposition, X).
fn capacity(s: &str) -> Option<(&'static str, &'static str, &str)> {
    for (cap, prep) in [("representative", "of"), ("observer", "for")] {
        for form in [format!("{cap}s {prep} "), format!("{cap} {prep} ")] {
            if let Some(r) = s.strip_prefix(form.as_str()) {
                return Some((cap, prep, r));
            }
        }
    }
    None
}

fn preposition(capacity: &str) -> &'static str {
    if capacity == "observer" { "for" } else { "of" }
}

fn print_statements(num: usize, short: &str, st: &Statements) -> String {
    let mut s = format!(
        "Under item {num} of the agenda, the {short} heard statements from {}the following States: {}.",
        if st.by_representatives { "the representatives of " } else { "" },
        join_list(&st.states)
    );
    // Group the other speakers by capacity, in order of first appearance.
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for o in &st.others {
        match groups.iter_mut().find(|(c, _)| *c == o.capacity) {
            Some((_, names)) => names.push(o.of.clone()),
            None => groups.push((o.capacity.clone(), vec![o.of.clone()])),
        }
    }
    if groups.len() == 1 {
        let (cap, names) = &groups[0];
        s.push_str(&format!(" The {cap} {} the {} also made a statement.", preposition(cap), names[0]));
    } else if !groups.is_empty() {
        s.push_str(" Statements were also made by");
        for (i, (cap, names)) in groups.iter().enumerate() {
            if i > 0 {
                s.push_str(" and by");
            }
            let who = if names.len() == 1 { format!("the {cap}") } else { format!("{cap}s") };
            s.push_str(&format!(" {who} {} {}", preposition(cap), the_list(names)));
        }
        s.push('.');
    }
    s
}

/// " to the Trafficking in Persons Protocol" + `tail`, or just `tail`: (instrument, what follows).
fn instrument<'a>(rest: &'a str, tail: &str) -> Option<(Option<String>, &'a str)> {
    if let Some(r) = rest.strip_prefix(tail) {
        return Some((None, r));
    }
    let r = rest.strip_prefix(" to the ")?;
    let (instr, after) = r.split_once(tail)?;
    Some((Some(instr.to_string()), after))
}

/// "A, B and C" (no serial comma), as the templates' `join_list`.
pub fn join_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "the A, the B and the C".
pub fn the_list(items: &[String]) -> String {
    let with_the: Vec<String> = items.iter().map(|i| format!("the {i}")).collect();
    join_list(&with_the)
}

fn capfirst(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Names of States that contain " and ", which a list split must not cut.
const AND_STATES: &[&str] = &[
    "Antigua and Barbuda",
    "Bosnia and Herzegovina",
    "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines",
    "Sao Tome and Principe",
    "Trinidad and Tobago",
    "United Kingdom of Great Britain and Northern Ireland",
    "Heard Island and McDonald Islands",
    "Serbia and Montenegro",
];

/// Words that end the name of an organization, to find the " and " between the last two names.
const ORG_ENDINGS: &[&str] = &[
    "Institute",
    "Organization",
    "Office",
    "Union",
    "States",
    "Europe",
    "Council",
    "Commission",
    "Refugees",
    "Programme",
    "Fund",
    "Bank",
    "Agency",
    "Court",
    "Centre",
    "Center",
    "Development",
    "Migration",
    "Eurojust",
    "Community",
    "Conference",
    "Secretariat",
    "Societies",
    "Malta",
    "Forum",
    "Group",
    "Network",
    "Association",
    "Federation",
    "Foundation",
    "Committee",
];

/// Splits "A, B and C" back into names. State names with " and " in them are kept whole; for
/// organizations, a piece starting in lower case ("affiliated with the United Nations") belongs
/// to the name before it, and the last " and " is looked for after a word that ends a name.
pub fn split_list(s: &str, states: bool) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    for p in s.split(", ") {
        if !pieces.is_empty() && p.starts_with(|c: char| c.is_lowercase()) && !states {
            let last = pieces.last_mut().expect("a piece");
            last.push_str(", ");
            last.push_str(p);
        } else {
            pieces.push(p.to_string());
        }
    }
    let Some(last) = pieces.pop() else { return Vec::new() };
    // Split the last piece at the right " and ".
    let candidates: Vec<usize> = last.match_indices(" and ").map(|(i, _)| i).collect();
    let good = |i: usize| -> bool {
        let (left, right) = (&last[..i], &last[i + 5..]);
        if !right.starts_with(|c: char| c.is_uppercase()) {
            return false;
        }
        if states {
            // Not inside a name such as "Trinidad and Tobago".
            !AND_STATES.iter().any(|n| last.match_indices(n).any(|(start, _)| start < i && i < start + n.len()))
                && !left.is_empty()
        } else {
            let last_word = left.rsplit(' ').next().unwrap_or("");
            ORG_ENDINGS.contains(&last_word) || last_word.ends_with(')')
        }
    };
    let split = if states {
        candidates.iter().rev().copied().find(|i| good(*i))
    } else {
        candidates.iter().copied().find(|i| good(*i)).or_else(|| candidates.last().copied())
    };
    match split {
        Some(i) => {
            pieces.push(last[..i].to_string());
            pieces.push(last[i + 5..].to_string());
        }
        None => pieces.push(last),
    }
    pieces
}

/// Splits "The A, the B and the C" (or lower-case "the") into names.
fn split_the_list(s: &str) -> Option<Vec<String>> {
    let s = s.strip_prefix("The ").or_else(|| s.strip_prefix("the "))?;
    let (init, last) = match s.rsplit_once(" and the ") {
        Some((init, last)) => (Some(init), last),
        None => (None, s),
    };
    let mut names: Vec<String> = Vec::new();
    if let Some(init) = init {
        for (i, part) in init.split(", the ").enumerate() {
            let _ = i;
            names.push(part.to_string());
        }
    }
    names.push(last.to_string());
    Some(names)
}

fn same_items(agenda: &[AgendaItem], items: &[DraftItem]) -> bool {
    fn printed(list: &[AgendaItem], numbered: bool, out: &mut Vec<(String, String)>) {
        for (i, it) in list.iter().enumerate() {
            let label = if numbered { format!("{}.", i + 1) } else { format!("({})", (b'a' + (i % 26) as u8) as char) };
            let punct = if !it.items.is_empty() {
                ":"
            } else if numbered || i + 1 == list.len() {
                "."
            } else {
                ";"
            };
            out.push((label, format!("{}{punct}", it.title)));
            printed(&it.items, false, out);
        }
    }
    fn given(list: &[DraftItem], out: &mut Vec<(String, String)>) {
        for it in list {
            out.push((it.label.clone(), it.text.clone()));
            given(&it.items, out);
        }
    }
    let (mut a, mut b) = (Vec::new(), Vec::new());
    printed(agenda, true, &mut a);
    given(items, &mut b);
    a == b
}

/// The span of the meeting as prose after "held its meeting in Vienna": "on 14 and 15 April 2009",
/// "from 27 to 29 January 2010".
fn date_span(dates: &[crate::session::Date]) -> String {
    let p = prose_range(dates);
    if p.starts_with("from ") { p } else { format!("on {p}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists() {
        assert_eq!(
            split_list("Algeria, Trinidad and Tobago and Zambia", true),
            vec!["Algeria", "Trinidad and Tobago", "Zambia"]
        );
        assert_eq!(split_list("Algeria and Trinidad and Tobago", true), vec!["Algeria", "Trinidad and Tobago"]);
        assert_eq!(
            split_list(
                "Office of the United Nations High Commissioner for Refugees, United Nations Interregional Crime and Justice Research Institute and European Institute for Crime Prevention and Control, affiliated with the United Nations",
                false
            ),
            vec![
                "Office of the United Nations High Commissioner for Refugees",
                "United Nations Interregional Crime and Justice Research Institute",
                "European Institute for Crime Prevention and Control, affiliated with the United Nations"
            ]
        );
        assert_eq!(
            split_the_list("The International Federation of Red Cross and Red Crescent Societies and the Sovereign Military Order of Malta").unwrap(),
            vec!["International Federation of Red Cross and Red Crescent Societies", "Sovereign Military Order of Malta"]
        );
        assert_eq!(join_list(&["A".into(), "B".into(), "C".into()]), "A, B and C");
    }
}
