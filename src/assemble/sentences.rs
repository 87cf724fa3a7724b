//! Generated paragraphs: builds the context of a named sentence from the session data and
//! renders it through `crate::sentences`, with the lists that follow it (documents, votes, agenda).

use super::*;

impl Assembler<'_> {
    /// A paragraph written by a template, and (for the agenda) its items.
    pub(super) fn generated(&mut self, name: &str, def: &ParagraphDef, path: &str) -> (Vec<Inline>, Vec<Item>) {
        // A session's own template (not in the table) lists no items and is checked by rendering.
        let sentence = crate::sentences::find(name);
        if let Some(need) = sentence.and_then(|s| s.missing(self.session)) {
            self.error(
                &format!("{path}.template"),
                format!("`template: {name}` needs `{}`", need.field),
                format!("give it in the session, e.g. `{}`", need.example),
            );
            return (Vec::new(), Vec::new());
        }
        let context = match self.context(name, def, path) {
            Some(c) => c,
            None => return (Vec::new(), Vec::new()),
        };
        let text = match self.generator.render(name, &context) {
            Ok(t) => t,
            Err(message) => {
                self.error(
                    &format!("{path}.template"),
                    message,
                    "templates are listed in README.md; a session can add its own under templates/",
                );
                return (Vec::new(), Vec::new());
            }
        };
        let content = self.markup(&text, &format!("{path}.template"), Zone::Body);
        let items = match sentence.map_or(Items::None, |s| s.items) {
            Items::Agenda => {
                let agenda = self.session.agenda.as_ref().map(|a| a.items.as_slice()).unwrap_or_default();
                self.agenda_list(agenda, path)
            }
            Items::Documents => self.document_items(path),
            Items::Vote => self.vote_items(def),
            Items::None => Vec::new(),
        };
        (content, items)
    }

    /// "(a) Provisional agenda and annotations (CTOC/COP/WG.4/2016/1);"
    fn document_items(&mut self, path: &str) -> Vec<Item> {
        let docs = &self.session.documents;
        docs.iter()
            .enumerate()
            .map(|(i, d)| {
                let end = if i + 1 == docs.len() { "." } else { ";" };
                let mut content = self.markup(&d.title, &format!("{path}.template"), Zone::Body);
                content.push(Inline::text(format!(" ({}){end}", d.symbol)));
                Item {
                    id: format!("document-{}", slug(&d.symbol)),
                    label: self.lang().item_label(0, i, item_label(0, i)),
                    content,
                    items: Vec::new(),
                }
            })
            .collect()
    }

    /// For a recorded vote: "In favour: …", "Against: …", "Abstaining: …".
    fn vote_items(&mut self, def: &ParagraphDef) -> Vec<Item> {
        let Some(vote) = def.vote_on().and_then(|id| find_decision(self.session, id)).and_then(|d| d.vote.as_ref())
        else {
            return Vec::new();
        };
        let Some(states) = vote.states.as_ref().filter(|_| vote.recorded) else { return Vec::new() };
        let mut items = Vec::new();
        let lang = self.lang();
        let [in_favour, against, abstaining, none] = lang.vote_labels();
        for (key, label, names) in [
            ("in-favour", in_favour, &states.in_favour),
            ("against", against, &states.against),
            ("abstaining", abstaining, &states.abstaining),
        ] {
            let list = match (names.is_empty(), lang) {
                (true, _) => none.to_string(),
                (false, Lang::En) => crate::generate::join_list(names),
                (false, _) => {
                    // A translation prints the names in its language, in its order.
                    let mut printed: Vec<String> = names.iter().map(|n| self.state_name(n)).collect();
                    if !self.version.is_original {
                        crate::lang::collate::sort_names(lang, &mut printed);
                    }
                    lang.join(&printed)
                }
            };
            items.push(Item {
                id: format!("{}-{key}", def.vote_on().unwrap_or("vote")),
                label: format!("{label}{}", lang.colon()),
                content: vec![Inline::text(format!("{list}{}", lang.full_stop()))],
                items: Vec::new(),
            });
        }
        items
    }

    /// The data a template sees.
    fn context(&mut self, name: &str, def: &ParagraphDef, path: &str) -> Option<Value> {
        let item = def.item();
        let s = self.session;
        #[derive(Serialize)]
        struct MeetingCtx<'a> {
            name: &'a str,
            short: &'a str,
            venue: &'a str,
            dates: Vec<String>,
            session: Option<&'a str>,
        }
        #[derive(Serialize)]
        struct Group {
            capacity: String,
            preposition: &'static str,
            names: Vec<String>,
        }
        let meeting = MeetingCtx {
            name: &s.meeting.name,
            short: s.meeting.short.as_deref().unwrap_or(&s.meeting.name),
            venue: self.lang().place(&s.meeting.venue).unwrap_or(&s.meeting.venue),
            dates: s.meeting.dates.iter().map(|d| d.iso()).collect(),
            session: s.meeting.session.as_deref(),
        };
        let chair = s.officers.iter().find(|o| o.role == OfficerRole::Chair);
        let mut statement = None;
        let mut groups: Vec<Group> = Vec::new();
        let mut item_ctx = None;
        let reads = crate::sentences::find(name).map_or(Reads::Session, |s| s.reads);
        if reads == Reads::AgendaItem {
            let Some(item_id) = item else {
                self.error(
                    path,
                    format!("the `{name}` template needs `item:`"),
                    "name the agenda item, e.g. `item: promote`",
                );
                return None;
            };
            let Some(st) = s.statements.iter().find(|st| st.item == item_id) else {
                self.error(
                    &format!("{path}.item"),
                    format!("no statements are recorded for item `{item_id}`"),
                    "add them under `statements:`",
                );
                return None;
            };
            statement = Some(minijinja::context! {
                item => &st.item,
                states => &st.states,
                by_representatives => st.by_representatives,
            });
            for other in &st.others {
                let (capacity, preposition) = match other.capacity {
                    Capacity::Observer => ("observer", "for"),
                    Capacity::Representative => ("representative", "of"),
                };
                match groups.iter_mut().find(|g| g.capacity == capacity) {
                    Some(g) => g.names.push(other.of.clone()),
                    None => {
                        groups.push(Group { capacity: capacity.into(), preposition, names: vec![other.of.clone()] })
                    }
                }
            }
            match agenda_number(s.agenda.as_ref().map(|a| a.items.as_slice()).unwrap_or_default(), item_id) {
                Some(number) => item_ctx = Some(minijinja::context! { id => item_id, number => number }),
                None => {
                    self.error(
                        &format!("{path}.item"),
                        format!("`{item_id}` is not an agenda item"),
                        "use the `id` of an item under `agenda:`",
                    );
                    return None;
                }
            }
        }
        let mut decision_ctx = None;
        if reads == Reads::Decision {
            let Some(id) = def.vote_on() else {
                self.error(
                    path,
                    format!("the `{name}` template needs `vote_on:`"),
                    "name the decision or resolution voted on by its id",
                );
                return None;
            };
            let Some(decision) = find_decision(s, id) else {
                self.error(
                    &format!("{path}.vote_on"),
                    format!("no decision or resolution has the id `{id}`"),
                    "give the decision an `id:` and use it here",
                );
                return None;
            };
            if decision.vote.is_none() {
                self.error(
                    &format!("{path}.vote_on"),
                    format!("`{id}` records no vote"),
                    "add `vote: {in_favour: …, against: …, abstaining: …}` to it",
                );
                return None;
            }
            decision_ctx = Some(decision_context(decision));
        }
        // Templates run with strict undefined: every field a template may test is given here,
        // as none or empty when the session leaves it out (the session types skip them when
        // serialized).
        Some(minijinja::context! {
            meeting => Value::from_serialize(&meeting),
            attendance => attendance_context(&s.attendance, &s.printed_names),
            agenda => s.agenda.as_ref().map(agenda_context),
            officers => s.officers.iter().map(|o| officer_context(o, &s.printed_names)).collect::<Vec<_>>(),
            chair => chair.map(|o| officer_context(o, &s.printed_names)),
            statement => statement,
            others => Value::from_serialize(&groups),
            item => item_ctx,
            symbol => &s.symbol,
            decision => decision_ctx,
            documents => Value::from_serialize(&s.documents),
            meetings => Value::from_serialize(&s.meetings),
        })
    }
}

/// `attendance` as a template sees it: every category, empty when the session has none.
fn attendance_context(a: &crate::session::Attendance, names: &Names) -> Value {
    minijinja::context! {
        instrument => a.instrument.as_deref().map(|n| printed(names, n)),
        states_parties => &a.states_parties,
        regional_organizations => &a.regional_organizations,
        signatories => &a.signatories,
        observer_states => &a.observer_states,
        observer_states_wording => a.observer_states_wording,
        un_entities => &a.un_entities,
        un_network => a.un_network.as_deref().map(|n| printed(names, n)),
        intergovernmental_organizations => &a.intergovernmental_organizations,
        permanent_observers => &a.permanent_observers,
        ngos => &a.ngos,
    }
}

/// `agenda` as a template sees it, with its optional dates as none.
fn agenda_context(a: &crate::session::Agenda) -> Value {
    minijinja::context! {
        adopted => &a.adopted,
        adopted_at_meeting => a.adopted_at_meeting,
        items => &a.items,
    }
}

/// An officer as a template sees it, with `state` and `title` as none when not given.
fn officer_context(o: &crate::session::Officer, names: &Names) -> Value {
    let title = o.title.as_deref().map(|t| printed(names, t));
    minijinja::context! { role => o.role, name => &o.name, state => &o.state, title => title }
}

/// The names a version prints for the names the session writes (`Session::printed_names`).
type Names = std::collections::BTreeMap<String, String>;

/// A name as this version prints it: its translation, else as written.
pub(super) fn printed<'a>(names: &'a Names, name: &'a str) -> &'a str {
    names.get(name).map(String::as_str).unwrap_or(name)
}

/// The decision voted on, with its vote's optional parts as none or false.
fn decision_context(d: &crate::session::DecisionDef) -> Value {
    let vote = d.vote.as_ref().map(|v| {
        minijinja::context! {
            recorded => v.recorded,
            in_favour => v.in_favour,
            against => v.against,
            abstaining => v.abstaining,
            states => &v.states,
        }
    });
    minijinja::context! { id => &d.id, kind => d.kind, number => &d.number, title => &d.title, vote => vote }
}
