//! Checks on the session data that do not need the text assembled: names of States on the
//! meeting date, duplicate participants, agenda ids, who spoke without attending, alphabetical
//! order of lists. (Checks on text — markup, footnotes, cross-references, templates — happen in
//! the assembler, which is where that text is read; `rapporteur check` runs both.)

use std::collections::{HashMap, HashSet};

use crate::diag::{Diagnostic, Diagnostics};
use crate::registry;
use crate::session::load::SourceMap;
use crate::session::{AgendaItem, Date, Session, SymbolParts, TableDef};
use crate::templates::Templates;

/// Whether anything in the report is written from `meeting` (templates, agenda, attendance,
/// statements, meetings). Officers alone are not: the sentences that name them are templates,
/// and a list of officers by office (`officers: by_office`) names no meeting.
fn prints_the_meeting(s: &Session) -> bool {
    fn has_template(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::Object(map) => map.contains_key("template") || map.values().any(has_template),
            serde_json::Value::Array(list) => list.iter().any(has_template),
            _ => false,
        }
    }
    let attendance = serde_json::to_value(&s.attendance).ok().filter(|v| v.as_object().is_some_and(|m| !m.is_empty()));
    s.agenda.is_some()
        || !s.statements.is_empty()
        || !s.meetings.is_empty()
        || attendance.is_some()
        || serde_json::to_value(&s.chapters).is_ok_and(|v| has_template(&v))
        || serde_json::to_value(&s.annexes).is_ok_and(|v| has_template(&v))
}

/// The State lists of `attendance`, by key.
const STATE_LISTS: &[&str] = &["states_parties", "signatories", "observer_states"];

pub fn check(session: &Session, sources: &SourceMap, overrides: &[String]) -> Diagnostics {
    let mut c = Checker { sources, diags: Diagnostics::new() };
    c.required(session);
    let on = session.meeting.dates.first().copied().or(session.date);
    if let Some(on) = on {
        c.state_names(session, on);
    }
    c.participants(session);
    c.agenda(session);
    c.dates(session);
    c.meetings(session);
    c.placeholders();
    c.statements(session);
    c.tables(session);
    c.diags.extend(crate::safety::check(session, sources));
    for name in overrides {
        let builtin = Templates::is_builtin(name);
        if !builtin {
            c.diags.push(
                Diagnostic::warning(format!("the session's template `templates/{name}` overrides no template"))
                    .with_hint("it can still be used by name; check the spelling against README.md if it was meant to replace one"),
            );
        }
    }
    c.diags
}

struct Checker<'a> {
    sources: &'a SourceMap,
    diags: Diagnostics,
}

impl Checker<'_> {
    fn error(&mut self, path: &str, message: impl Into<String>, hint: impl Into<String>) {
        let at = self.sources.locate(path);
        self.diags.push(Diagnostic::error(message).at(at).with_hint(hint));
    }

    fn warn(&mut self, path: &str, message: impl Into<String>, hint: impl Into<String>) {
        let at = self.sources.locate(path);
        self.diags.push(Diagnostic::warning(message).at(at).with_hint(hint));
    }

    /// The header of every table, wherever it stands (chapters, sections, groups, annexes,
    /// decisions): each header row of several rows or of spanning headings fills the table's
    /// width once spans are counted (a header of one row of single headings is not held to it,
    /// as before headers had rows), and no heading reaches below the header.
    fn tables(&mut self, s: &Session) {
        fn walk(v: &serde_json::Value, path: &str, out: &mut Vec<(String, TableDef)>) {
            match v {
                serde_json::Value::Array(list) => {
                    for (i, item) in list.iter().enumerate() {
                        walk(item, &format!("{path}[{i}]"), out);
                    }
                }
                serde_json::Value::Object(map) => {
                    let at = |k: &str| if path.is_empty() { k.to_string() } else { format!("{path}.{k}") };
                    if let Some(table) = map.get("table")
                        && let Ok(def) = serde_json::from_value::<TableDef>(table.clone())
                    {
                        out.push((at("table"), def));
                    }
                    for (k, item) in map {
                        walk(item, &at(k), out);
                    }
                }
                _ => {}
            }
        }
        let mut found = Vec::new();
        if let Ok(value) = serde_json::to_value(s) {
            walk(&value, "", &mut found);
        }
        for (path, t) in found {
            self.table_header(&path, &t);
        }
    }

    fn table_header(&mut self, path: &str, t: &TableDef) {
        let h = &t.header;
        if h.is_plain() {
            return;
        }
        let spans: Vec<Vec<(usize, usize)>> =
            h.rows.iter().map(|r| r.iter().map(|c| (c.columns, c.rows)).collect()).collect();
        let grid = crate::document::header_grid(&spans);
        // The table's width: its widest body row, or, without body rows, its first header row.
        let width = t.rows.iter().map(Vec::len).max().unwrap_or_else(|| grid.widths.first().copied().unwrap_or(0));
        let row_path =
            |r: usize| if h.rows.len() == 1 { format!("{path}.header") } else { format!("{path}.header[{r}]") };
        let fill = "every header row fills the table's width once spans are counted: give each column a heading \
                    (`\"\"` for a blank one), or widen the heading over it (`{text: …, columns: 2}`)";
        for &(r, c) in &grid.overhanging {
            let cell = &h.rows[r][c];
            self.error(
                &format!("{path}.header{}", h.cell_path(r, c)),
                format!(
                    "the heading `{}` spans {} rows, but the header has {} below it",
                    cell.text,
                    cell.rows,
                    if h.rows.len() - r == 1 { "none".to_string() } else { format!("only {}", h.rows.len() - r - 1) }
                ),
                "`rows` counts the header rows the heading covers, its own included",
            );
        }
        for r in 0..h.rows.len() {
            let gaps = grid.gaps(r, width);
            if grid.widths[r] > width {
                self.error(
                    &row_path(r),
                    format!("header row {} is {} columns wide, the table {width}", r + 1, grid.widths[r]),
                    fill,
                );
            } else if !gaps.is_empty() {
                let columns: Vec<String> = gaps.iter().map(|c| (c + 1).to_string()).collect();
                self.error(
                    &row_path(r),
                    format!(
                        "header row {} leaves column{} {} of {width} without a heading",
                        r + 1,
                        if gaps.len() == 1 { "" } else { "s" },
                        columns.join(", ")
                    ),
                    fill,
                );
            }
        }
    }

    fn required(&mut self, s: &Session) {
        let missing = [
            ("symbol", s.symbol.is_empty(), "the document symbol, e.g. `CTOC/COP/WG.4/2009/2`"),
            ("date", s.date.is_none(), "the date of issue, e.g. `2009-04-21`"),
            ("organ", s.organ.is_empty(), "the organ, e.g. `Conference of the Parties to …`"),
            ("title", s.title.is_empty(), "the report's title"),
        ];
        for (key, is_missing, hint) in missing {
            if is_missing {
                self.error(key, format!("`{key}` is missing"), format!("add {hint}"));
            }
        }
        // A caption may name the meeting, or only its session or place (a treaty meeting named
        // on the top line, a General Assembly report under "Eightieth session"); some series
        // print no caption at all and name the session in the title (a UNFCCC report "on its
        // fourth session, held in Sharm el-Sheikh from 6 to 20 November 2022"). The meeting is
        // required only where something prints it: the standard sentences, the agenda, the
        // officers, the attendance, the statements, the meetings.
        let no_caption = s.meeting.name.is_empty()
            && s.meeting.session.is_none()
            && s.meeting.venue.is_empty()
            && s.meeting.agenda_item.is_none();
        if no_caption {
            let hint = "add `meeting: {name: …, venue: …, dates: [...]}`";
            if prints_the_meeting(s) {
                self.error("meeting", "`meeting` is missing", hint);
            } else {
                self.warn("meeting", "the caption names no meeting", format!("{hint} unless the title names it"));
            }
        }
        self.masthead(s);
        for (i, o) in s.officers.iter().enumerate() {
            if o.name.trim().is_empty() && o.state.as_deref().is_none_or(|st| st.trim().is_empty()) {
                self.error(
                    &format!("officers[{i}]"),
                    "an officer has neither a `name` nor a `state`",
                    "write the person as `name:` (and their State as `state:`), or only `state:` when a State holds the office",
                );
            }
        }
        let mut sorted = s.meeting.dates.clone();
        sorted.sort();
        if sorted != s.meeting.dates {
            self.error("meeting.dates", "the meeting dates are not in order", "list the days from first to last");
        }
    }

    /// The first page's variants agree with the rest of the data.
    fn masthead(&mut self, s: &Session) {
        let m = &s.masthead;
        if let Some(or) = &m.official_records
            && (or.supplement.is_empty() || !or.supplement.chars().all(|c| c.is_ascii_alphanumeric() || c == ' '))
        {
            self.error(
                "masthead.official_records.supplement",
                format!("`{}` is not a supplement number", or.supplement),
                "give the number alone, e.g. `33` (printed \"Supplement No. 33\")",
            );
        }
        if m.style == crate::document::MastheadStyle::Capitals
            && let Some(date) = s.date
            && date.year >= 2000
        {
            self.warn(
                "masthead.style",
                format!("the capitals masthead is the pre-2000 style, but this report is dated {}", date.long()),
                "remove `style: capitals` unless the report was issued that way",
            );
        }
        if m.part.is_some() && SymbolParts::parse(&s.symbol).is_ok_and(|p| p.addendum.is_none()) {
            self.warn(
                "masthead.part",
                format!("`part` is printed under \"Addendum\", but the symbol `{}` has no `Add.` component", s.symbol),
                "an addendum's symbol ends in `/Add.N`",
            );
        }
    }

    /// Every State named anywhere must bear its official short name on the meeting date.
    fn state_names(&mut self, s: &Session, on: Date) {
        let mut named: Vec<(String, &str)> = Vec::new();
        for key in STATE_LISTS {
            for (i, name) in attendance_list(s, key).iter().enumerate() {
                named.push((format!("attendance.{key}[{i}]"), name));
            }
        }
        for (si, st) in s.statements.iter().enumerate() {
            for (i, name) in st.states.iter().enumerate() {
                named.push((format!("statements[{si}].states[{i}]"), name));
            }
        }
        for (oi, o) in s.officers.iter().enumerate() {
            if let Some(state) = &o.state {
                named.push((format!("officers[{oi}].state"), state));
            }
        }
        for (path, name) in named {
            let found = registry::lookup(name, on);
            if let Some(mut d) = found.diagnostic(name, on) {
                if let (false, Some(official)) = (s.keep_names_as_recorded, found.official_replacement()) {
                    d.hint = Some(format!("the report prints `{official}`; write it so in the data"));
                }
                let at = self.sources.locate(&path);
                self.diags.push(d.at(at));
            }
        }
        for key in STATE_LISTS {
            self.alphabetical(&format!("attendance.{key}"), attendance_list(s, key));
        }
        for (si, st) in s.statements.iter().enumerate() {
            self.alphabetical(&format!("statements[{si}].states"), &st.states);
        }
    }

    /// Warns at every name that breaks alphabetical order.
    fn alphabetical(&mut self, path: &str, names: &[String]) {
        for i in registry::out_of_order(names) {
            self.warn(
                &format!("{path}[{i}]"),
                format!("`{}` is out of alphabetical order (after `{}`)", names[i], names[i - 1]),
                "house style lists States alphabetically; keep the order only if the record must",
            );
        }
    }

    /// A participant is listed once, in one category.
    fn participants(&mut self, s: &Session) {
        let mut seen: HashMap<&str, String> = HashMap::new();
        for key in ATTENDANCE_KEYS {
            for (i, name) in attendance_list(s, key).iter().enumerate() {
                let path = format!("attendance.{key}[{i}]");
                if let Some(first) = seen.get(name.as_str()) {
                    // Say where the first listing stands, as the reader sees the file.
                    let first = match self.sources.locate(first) {
                        Some(l) => format!(
                            "{}:{}:{}",
                            l.file.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
                            l.line,
                            l.column
                        ),
                        None => first.clone(),
                    };
                    self.error(
                        &path,
                        format!("`{name}` is listed twice (first at {first})"),
                        "list each participant once, in one category",
                    );
                } else {
                    seen.insert(name, path);
                }
            }
        }
    }

    fn agenda(&mut self, s: &Session) {
        let Some(agenda) = &s.agenda else { return };
        let mut seen = HashSet::new();
        fn walk<'a>(items: &'a [AgendaItem], path: &str, out: &mut Vec<(String, &'a str)>) {
            for (i, item) in items.iter().enumerate() {
                let p = format!("{path}[{i}]");
                out.push((format!("{p}.id"), &item.id));
                walk(&item.items, &format!("{p}.items"), out);
            }
        }
        let mut ids = Vec::new();
        walk(&agenda.items, "agenda.items", &mut ids);
        for (path, id) in ids {
            if !seen.insert(id) {
                self.error(&path, format!("duplicate agenda item id `{id}`"), "give each agenda item its own id");
            }
        }
        for (key, items) in [("agenda", Some(&agenda.items)), ("next_agenda", s.next_agenda.as_ref().map(|a| &a.items))]
        {
            self.agenda_punctuation(items.map(Vec::as_slice).unwrap_or_default(), &format!("{key}.items"));
        }
        if let (Some(adopted), Some(first), Some(last)) =
            (agenda.adopted, s.meeting.dates.first(), s.meeting.dates.last())
            && (adopted < *first || adopted > *last)
        {
            self.error(
                "agenda.adopted",
                format!("the agenda is said to be adopted on {}, outside the meeting's dates", adopted.long()),
                format!("give one of the meeting's days (it was held {})", held(&s.meeting.dates)),
            );
        }
    }

    /// Each recorded meeting falls on a day of the session; the agenda names one of them.
    fn meetings(&mut self, s: &Session) {
        let mut seen = HashSet::new();
        for (i, m) in s.meetings.iter().enumerate() {
            if !seen.insert(m.number) {
                self.error(
                    &format!("meetings[{i}].number"),
                    format!("meeting {} is recorded twice", m.number),
                    "give each meeting its own number",
                );
            }
            if !s.meeting.dates.is_empty() && !s.meeting.dates.contains(&m.date) {
                self.error(
                    &format!("meetings[{i}].date"),
                    format!(
                        "the {} meeting is dated {}, not a day of the session",
                        crate::generate::ordinal(m.number),
                        m.date.long()
                    ),
                    "give one of the days under `meeting.dates`",
                );
            }
        }
        if s.attendance.observer_states_wording == crate::session::ObserverStatesWording::NotParties
            && s.attendance.instrument.is_none()
        {
            self.error(
                "attendance.observer_states_wording",
                "`not_parties` names the instrument, but `attendance.instrument` is not given",
                "add e.g. `instrument: Trafficking in Persons Protocol` under `attendance:`",
            );
        }
        let Some(agenda) = &s.agenda else { return };
        let Some(number) = agenda.adopted_at_meeting else { return };
        match s.meetings.iter().find(|m| m.number == number) {
            None => self.error(
                "agenda.adopted_at_meeting",
                format!("no meeting {number} is recorded"),
                format!("add it under `meetings:`, e.g. `meetings: [{{number: {number}, date: YYYY-MM-DD}}]`"),
            ),
            Some(m) if agenda.adopted.is_some_and(|d| d != m.date) => self.error(
                "agenda.adopted",
                format!(
                    "the agenda is said to be adopted on {}, but its meeting {number} was on {}",
                    agenda.adopted.map(|d| d.long()).unwrap_or_default(),
                    m.date.long()
                ),
                "leave out `adopted:` (the meeting's date is used) or make the two agree",
            ),
            Some(_) => {}
        }
    }

    /// Agenda titles are written without their final punctuation: the list adds ":", ";" and
    /// "." itself (house style), so a title pasted with its own would print it twice.
    fn agenda_punctuation(&mut self, items: &[AgendaItem], path: &str) {
        for (i, item) in items.iter().enumerate() {
            let p = format!("{path}[{i}]");
            let trimmed = crate::session::agenda_title(&item.title);
            if trimmed.len() != item.title.trim_end().len() {
                let at = self.sources.locate_in(&format!("{p}.title"), trimmed.chars().count());
                self.diags.push(
                    Diagnostic::warning(format!(
                        "the agenda title ends with its own `{}`; the report prints the list's punctuation once",
                        item.title.trim_end()[trimmed.len()..].trim()
                    ))
                    .at(at)
                    .with_hint("write the title without its final punctuation"),
                );
            }
            self.agenda_punctuation(&item.items, &format!("{p}.items"));
        }
    }

    /// Dates that must agree with the meeting's: the date of issue, and a month and year the
    /// report's title names ("… held in Vienna on 14 and 15 April 2009").
    fn dates(&mut self, s: &Session) {
        let Some(first) = s.meeting.dates.first() else { return };
        if let Some(issued) = s.date
            && issued < *first
        {
            self.error(
                "date",
                format!("the date of issue, {}, is before the meeting began on {}", issued.long(), first.long()),
                "check `date:` (the date of issue) and `meeting.dates`",
            );
        }
        for (offset, month, year) in months_named(&s.title) {
            let agrees = s.meeting.dates.iter().any(|d| d.long().ends_with(&format!("{month} {year}")));
            if !agrees {
                let at = self.sources.locate_in("title", s.title[..offset].chars().count());
                self.diags.push(
                    Diagnostic::error(format!(
                        "the title names {month} {year} but the meeting was held {}",
                        held(&s.meeting.dates)
                    ))
                    .at(at)
                    .with_hint("make the title and `meeting.dates` agree"),
                );
            }
        }
    }

    /// Texts `rapporteur new` writes as placeholders, still in the session.
    fn placeholders(&mut self) {
        let found: Vec<(String, usize, &str)> = self
            .sources
            .texts()
            .into_iter()
            .flat_map(|(path, text)| {
                PLACEHOLDERS
                    .iter()
                    .filter_map(move |p| text.find(p).map(|at| (path.clone(), text[..at].chars().count(), *p)))
            })
            .collect();
        for (path, at, placeholder) in found {
            let location = self.sources.locate_in(&path, at);
            self.diags.push(
                Diagnostic::warning(format!("`{placeholder}` is a placeholder of the skeleton, still in the session"))
                    .at(location)
                    .with_hint("replace it with the record of the meeting (or delete it)"),
            );
        }
    }

    fn statements(&mut self, s: &Session) {
        let agenda_ids: Vec<&str> = s.agenda.iter().flat_map(|a| agenda_ids(&a.items)).collect();
        // A participant attends when its name is listed, or — for a State written another way
        // ("United Kingdom" for "United Kingdom of Great Britain and Northern Ireland") — when
        // the registry knows both names as the same State.
        let on = s.meeting.dates.first().copied().or(s.date);
        let state_id = |name: &str| on.and_then(|on| registry::lookup(name, on).canonical_id());
        let listed: Vec<&str> =
            ATTENDANCE_KEYS.iter().flat_map(|k| attendance_list(s, k)).map(String::as_str).collect();
        // Only the State lists go to the registry (an organization's name would be looked up
        // as an unknown State, with a costly search for the nearest name).
        let listed_ids: HashSet<&str> =
            STATE_LISTS.iter().flat_map(|k| attendance_list(s, k)).filter_map(|n| state_id(n)).collect();
        let aliases_attend =
            |name: &str| listed.contains(&name) || state_id(name).is_some_and(|id| listed_ids.contains(id));
        let mut items_seen = HashSet::new();
        for (si, st) in s.statements.iter().enumerate() {
            let path = format!("statements[{si}]");
            if !agenda_ids.contains(&st.item.as_str()) {
                let hint = match crate::assemble::nearest(&st.item, agenda_ids.iter().copied()) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => "use the `id` of an item under `agenda:`".into(),
                };
                self.error(&format!("{path}.item"), format!("unknown agenda item `{}`", st.item), hint);
            }
            if !items_seen.insert(st.item.as_str()) {
                self.error(
                    &format!("{path}.item"),
                    format!("statements under item `{}` are recorded twice", st.item),
                    "merge them into one entry",
                );
            }
            for (i, name) in st.states.iter().enumerate() {
                if !aliases_attend(name) {
                    self.warn(
                        &format!("{path}.states[{i}]"),
                        format!("`{name}` made a statement but is not recorded as attending"),
                        "add it to the attendance, or check the name",
                    );
                }
            }
            for (i, other) in st.others.iter().enumerate() {
                if !listed.contains(&other.of.as_str()) {
                    self.warn(
                        &format!("{path}.others[{i}].of"),
                        format!("`{}` made a statement but is not recorded as attending", other.of),
                        "add it to the attendance, or check the name",
                    );
                }
            }
        }
    }
}

const ATTENDANCE_KEYS: &[&str] = &[
    "states_parties",
    "regional_organizations",
    "signatories",
    "observer_states",
    "un_entities",
    "intergovernmental_organizations",
    "permanent_observers",
    "ngos",
];

fn attendance_list<'a>(s: &'a Session, key: &str) -> &'a [String] {
    let a = &s.attendance;
    match key {
        "states_parties" => &a.states_parties,
        "regional_organizations" => &a.regional_organizations,
        "signatories" => &a.signatories,
        "observer_states" => &a.observer_states,
        "un_entities" => &a.un_entities,
        "intergovernmental_organizations" => &a.intergovernmental_organizations,
        "permanent_observers" => &a.permanent_observers,
        "ngos" => &a.ngos,
        _ => &[],
    }
}

/// The session as the report prints it: every informal State name (in the State lists, the
/// statements and the officers) replaced by the State's official short name on the meeting
/// date. `None` when nothing changes, or when the session keeps the record's wording.
pub fn with_official_names(s: &Session) -> Option<Session> {
    let on = s.meeting.dates.first().copied().or(s.date)?;
    if s.keep_names_as_recorded {
        return None;
    }
    let mut printed = s.clone();
    let mut changed = false;
    let mut fix = |name: &mut String| {
        if let Some(official) = registry::lookup(name, on).official_replacement() {
            *name = official.to_string();
            changed = true;
        }
    };
    let a = &mut printed.attendance;
    for list in [&mut a.states_parties, &mut a.signatories, &mut a.observer_states] {
        list.iter_mut().for_each(&mut fix);
    }
    for st in &mut printed.statements {
        st.states.iter_mut().for_each(&mut fix);
    }
    for o in &mut printed.officers {
        if let Some(state) = o.state.as_mut() {
            fix(state);
        }
    }
    changed.then_some(printed)
}

fn agenda_ids(items: &[AgendaItem]) -> Vec<&str> {
    items.iter().flat_map(|i| std::iter::once(i.id.as_str()).chain(agenda_ids(&i.items))).collect()
}

/// The texts `templates/skeleton/session.yaml` (written by `rapporteur new`) leaves for the
/// officer to replace, and the usual marker of a text still to write. (Not "XXX": it is a
/// roman numeral in the symbols of General Assembly resolutions, "3314 (XXIX)", "(XXX)".)
const PLACEHOLDERS: &[&str] = &["A. Chairperson", "Consider the first matter", "Consider the second matter", "TODO"];

/// "on 8 and 9 June 2026", "from 27 to 29 January 2010": when the meeting was held.
fn held(dates: &[Date]) -> String {
    let text = crate::session::date::prose_range(dates);
    if text.starts_with("from ") { text } else { format!("on {text}") }
}

/// Each "<Month> <year>" a text names, with its byte offset: "April 2009" → (offset, "April", 2009).
fn months_named(text: &str) -> Vec<(usize, &'static str, u32)> {
    let mut out = Vec::new();
    for month in crate::session::date::MONTHS {
        for (at, _) in text.match_indices(month) {
            let rest = &text[at + month.len()..];
            let Some(digits) = rest.strip_prefix(' ') else { continue };
            let year: String = digits.chars().take_while(char::is_ascii_digit).collect();
            if year.len() == 4
                && let Ok(y) = year.parse()
            {
                out.push((at, month, y));
            }
        }
    }
    out.sort();
    out
}
