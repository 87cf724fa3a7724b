//! Generated annexes: annexes built from the session data rather than written by hand — the
//! provisional agenda of the next session, the list of documents, the list of participants and
//! the record of adoption.

use super::*;

impl Assembler<'_> {
    /// The content of an annex generated from the data.
    pub(super) fn generated_annex(&mut self, kind: &str, annex_id: &str, path: &str) -> Vec<Block> {
        let s = self.session;
        match kind {
            "provisional_agenda" => {
                let Some(agenda) = &s.next_agenda else {
                    self.error(
                        &format!("{path}.generate"),
                        "there is no `next_agenda:`",
                        "add the provisional agenda of the next session under `next_agenda:`",
                    );
                    return Vec::new();
                };
                let items = self.agenda_list(&agenda.items, &format!("{path}.generate"));
                vec![Block::Paragraph(Paragraph {
                    id: format!("{annex_id}-items"),
                    num: None,
                    content: Vec::new(),
                    items,
                })]
            }
            "documents" => {
                let agenda = s.agenda.as_ref().map(|a| a.items.as_slice()).unwrap_or_default();
                let rows = s
                    .documents
                    .iter()
                    .map(|d| {
                        let item = d.item.as_deref().and_then(|id| agenda_number(agenda, id)).unwrap_or_default();
                        vec![
                            vec![Inline::text(&d.symbol)],
                            vec![Inline::text(item)],
                            self.markup(&d.title, "documents", Zone::Body),
                        ]
                    })
                    .collect();
                let header = self.lang().documents_header().map(|h| vec![Inline::text(h)]).to_vec();
                vec![Block::Table(Table {
                    id: format!("{annex_id}-table"),
                    num: None,
                    caption: Vec::new(),
                    header,
                    rows,
                })]
            }
            "participants" => {
                let a = &s.attendance;
                let instrument = a.instrument.as_deref().map(|i| format!(" to the {i}")).unwrap_or_default();
                let groups: [(String, &Vec<String>); 8] = [
                    (format!("States parties{instrument}"), &a.states_parties),
                    ("Regional economic integration organizations".into(), &a.regional_organizations),
                    (format!("Signatory States{instrument}"), &a.signatories),
                    ("Other States represented by observers".into(), &a.observer_states),
                    ("United Nations entities and institutes".into(), &a.un_entities),
                    ("Intergovernmental organizations".into(), &a.intergovernmental_organizations),
                    ("Entities maintaining permanent observer offices".into(), &a.permanent_observers),
                    ("Non-governmental organizations".into(), &a.ngos),
                ];
                let present: Vec<_> = groups.into_iter().filter(|(_, names)| !names.is_empty()).collect();
                present
                    .iter()
                    .enumerate()
                    .map(|(i, (title, names))| {
                        let id = format!("{annex_id}-{}", slug(title));
                        let children = names
                            .iter()
                            .map(|n| {
                                Block::Paragraph(Paragraph {
                                    id: format!("{id}-{}", slug(n)),
                                    num: None,
                                    content: vec![Inline::Entity {
                                        refers_to: slug(n),
                                        content: vec![Inline::text(self.state_name(n))],
                                    }],
                                    items: Vec::new(),
                                })
                            })
                            .collect();
                        for n in names.iter() {
                            let name = self.state_name(n);
                            self.entities.entry(slug(n)).or_insert_with(|| Entity {
                                id: slug(n),
                                kind: EntityKind::Organization,
                                name,
                            });
                        }
                        Block::Division(Division {
                            kind: DivisionKind::Section,
                            id,
                            num: Some(format!("{}.", letter(i))),
                            heading: vec![Inline::text(title)],
                            children,
                        })
                    })
                    .collect()
            }
            "adoption_record" => self.adoption_record(annex_id),
            other => {
                self.error(
                    &format!("{path}.generate"),
                    format!("unknown generated annex `{other}`"),
                    "use `provisional_agenda`, `documents`, `participants` or `adoption_record`",
                );
                Vec::new()
            }
        }
    }
}
