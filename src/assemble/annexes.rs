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
                let header = Table::header_row(self.lang().documents_header().map(|h| vec![Inline::text(h)]).to_vec());
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
                // Ids come from the English headings, the same in every version of the session's
                // language; the headings are printed in the version's language.
                let english = Lang::En.participant_groups(a.instrument.as_deref());
                let instrument = a.instrument.as_deref().map(|i| super::sentences::printed(&s.printed_names, i));
                let printed = self.lang().participant_groups(instrument);
                let lists = [
                    &a.states_parties,
                    &a.regional_organizations,
                    &a.signatories,
                    &a.observer_states,
                    &a.un_entities,
                    &a.intergovernmental_organizations,
                    &a.permanent_observers,
                    &a.ngos,
                ];
                let groups: Vec<(String, String, &Vec<String>)> =
                    english.into_iter().zip(printed).zip(lists).map(|((e, p), l)| (e, p, l)).collect();
                let present: Vec<_> = groups.into_iter().filter(|(_, _, names)| !names.is_empty()).collect();
                present
                    .iter()
                    .enumerate()
                    .map(|(i, (english_title, title, names))| {
                        let id = format!("{annex_id}-{}", slug(english_title));
                        // The original lists the names as recorded; a version in another language
                        // lists them in its own order, as its attendance sentences do.
                        let mut printed: Vec<(String, &String)> =
                            names.iter().map(|n| (self.state_name(n), n)).collect();
                        if !self.version.is_original {
                            crate::lang::collate::sort_by_name(self.lang(), &mut printed);
                        }
                        let children = printed
                            .iter()
                            .map(|(name, n)| {
                                Block::Paragraph(Paragraph {
                                    id: format!("{id}-{}", slug(n)),
                                    num: None,
                                    content: vec![Inline::Entity {
                                        refers_to: slug(n),
                                        content: vec![Inline::text(name.clone())],
                                    }],
                                    items: Vec::new(),
                                })
                            })
                            .collect();
                        for (name, n) in printed {
                            self.entities.entry(slug(n)).or_insert_with(|| Entity {
                                id: slug(n),
                                kind: EntityKind::Organization,
                                name,
                            });
                        }
                        Block::Division(Division {
                            kind: DivisionKind::Section,
                            id,
                            num: Some(self.lang().section_number(i)),
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
