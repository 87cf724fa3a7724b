//! The assembler's part of a negotiated text (issue 10, parts 2 and 5): what a draft prints
//! about the status of its paragraphs, and what a final report refuses.
//!
//! - In a **draft** (`stage: draft`) a paragraph's status, proponent and date stand after its
//!   number as a bracketed note in italics ("[*agreed ad ref.*]"), never as colour; bracketed
//!   text (`[[…]]`) keeps its square brackets; alternatives follow the text, each in brackets
//!   with its label and proponent; an `inserted` paragraph is numbered from the previous one
//!   ("12 bis.", "12 ter.") so that the numbers of the frozen base version stay valid.
//! - In a **final** report everything negotiated must be settled: bracketed text, a paragraph
//!   still `proposed` or `bracketed`, and alternatives are errors at their place; `deleted`
//!   paragraphs are left out; numbering runs straight through with no labels and no notes.
//!
//! An adoption record (`generate: adoption_record` on an annex) lists the paragraphs adopted as
//! orally amended, with the words replaced, the words adopted and who proposed the amendment.

use crate::document::{Block, Inline, Table};
use crate::markup::Span;
use crate::registry::{self, Lookup};
use crate::session::negotiation::NON_STATE_PROPONENTS;
use crate::session::{Date, ItemDef, ParagraphDef, Section, Session, Status};

use super::{Assembler, Counter, Numbers, Zone};

/// The Latin ordinals of inserted paragraphs: "12 bis", "12 ter"…
const LATIN: [&str; 9] = ["bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"];

impl Assembler<'_> {
    pub(super) fn is_draft(&self) -> bool {
        !self.session.stage.is_final()
    }

    /// A paragraph the final report leaves out (`status: deleted`).
    pub(super) fn dropped(&self, def: &ParagraphDef) -> bool {
        !self.is_draft() && def.negotiation.is_deleted()
    }

    /// The number of a numbered paragraph, without its final period: the next number, or in a
    /// draft, for a paragraph `inserted` since the base version, the previous number with
    /// *bis*, *ter*… (which leaves every later number as it was).
    pub(super) fn paragraph_label(&mut self, numbers: &mut Numbers, counter: Counter, def: &ParagraphDef) -> String {
        let previous = numbers.current(counter);
        if self.is_draft() && def.negotiation.inserted && previous > 0 {
            numbers.inserted += 1;
            return match LATIN.get(numbers.inserted as usize - 1) {
                Some(latin) => format!("{previous} {latin}"),
                None => format!("{previous}.{}", numbers.inserted),
            };
        }
        let n = numbers.next(counter);
        n.to_string()
    }

    /// `[[…]]` in a text: kept in a draft, an error at its place in a final report.
    pub(super) fn bracketed(&mut self, content: &[Span], path: &str, at: usize, zone: Zone) -> Inline {
        if !self.is_draft() {
            self.error_in(
                path,
                at,
                "bracketed text `[[…]]` in a final report: the wording is still under negotiation",
                "remove the brackets once the text is agreed (keep the agreed words), or set `stage: draft`",
            );
        }
        Inline::Bracketed { content: self.resolve(content, path, zone) }
    }

    /// A text paragraph's content as the stage prints it: in a draft with its status note and
    /// its alternatives; in a final report as written, after checking that nothing is open.
    pub(super) fn negotiated(&mut self, def: &ParagraphDef, path: &str, content: Vec<Inline>) -> Vec<Inline> {
        let n = &def.negotiation;
        if n.is_empty() {
            return content;
        }
        if let Some(by) = &n.proposed_by {
            self.proponent(by, &format!("{path}.proposed_by"));
        }
        for (i, alt) in n.alternatives.iter().enumerate() {
            if let Some(by) = &alt.proposed_by {
                self.proponent(by, &format!("{path}.alternatives[{i}].proposed_by"));
            }
        }
        self.amendment(def, path);
        if !self.is_draft() {
            self.settled(def, path);
            return content;
        }
        let mut out = Vec::new();
        if let Some(note) = status_note(n.status, n.proposed_by.as_deref(), n.date, n.inserted) {
            out.push(Inline::Bracketed { content: vec![Inline::Emph { content: vec![Inline::text(note)] }] });
            out.push(Inline::text(" "));
        }
        // A paragraph bracketed as a whole stands in one pair of brackets.
        if n.status == Some(Status::Bracketed) && !content.is_empty() {
            out.push(Inline::Bracketed { content });
        } else {
            out.extend(content);
        }
        for (i, alt) in n.alternatives.iter().enumerate() {
            let mut label = alt.label.clone();
            if let Some(by) = &alt.proposed_by {
                label.push_str(&format!(" ({by})"));
            }
            label.push(':');
            let text = self.markup(&alt.text, &format!("{path}.alternatives[{i}].text"), Zone::Body);
            if !out.is_empty() && !matches!(out.last(), Some(Inline::Text { text }) if text.ends_with(' ')) {
                out.push(Inline::text(" "));
            }
            let mut inner = vec![Inline::Emph { content: vec![Inline::text(label)] }, Inline::text(" ")];
            inner.extend(text);
            out.push(Inline::Bracketed { content: inner });
        }
        out
    }

    /// A sub-item's content as the stage prints it (its status note in a draft).
    pub(super) fn negotiated_item(&mut self, def: &ItemDef, path: &str, content: Vec<Inline>) -> Vec<Inline> {
        if let Some(by) = &def.proposed_by {
            self.proponent(by, &format!("{path}.proposed_by"));
        }
        if !self.is_draft() {
            self.settled_status(def.status, path);
            return content;
        }
        let Some(note) = status_note(def.status, def.proposed_by.as_deref(), None, false) else { return content };
        let mut out = vec![
            Inline::Bracketed { content: vec![Inline::Emph { content: vec![Inline::text(note)] }] },
            Inline::text(" "),
        ];
        if def.status == Some(Status::Bracketed) {
            out.push(Inline::Bracketed { content });
        } else {
            out.extend(content);
        }
        out
    }

    /// In a final report: nothing proposed, bracketed or with alternatives left.
    fn settled(&mut self, def: &ParagraphDef, path: &str) {
        let n = &def.negotiation;
        self.settled_status(n.status, path);
        if !n.alternatives.is_empty() {
            let labels: Vec<&str> = n.alternatives.iter().map(|a| a.label.as_str()).collect();
            self.error(
                &format!("{path}.alternatives"),
                format!(
                    "this paragraph is unresolved in a final report: alternatives {} are still open",
                    labels.join(", ")
                ),
                "write the agreed wording as `text` and remove `alternatives`, or set `stage: draft`",
            );
        }
    }

    /// A status that a final report cannot have.
    fn settled_status(&mut self, status: Option<Status>, path: &str) {
        match status {
            Some(status @ (Status::Proposed | Status::Bracketed)) => self.error(
                &format!("{path}.status"),
                format!("this text is still `{status}` in a final report"),
                "agree it (`status: adopted`), delete it (`status: deleted`), or set `stage: draft`",
            ),
            Some(Status::AgreedAdRef) => self.warn(
                &format!("{path}.status"),
                "this text was agreed ad referendum only",
                "once confirmed, write `status: adopted`",
            ),
            _ => {}
        }
    }

    /// An oral amendment goes with `adopted-as-orally-amended`, and its new words stand in the
    /// text.
    fn amendment(&mut self, def: &ParagraphDef, path: &str) {
        let n = &def.negotiation;
        match (&n.amendment, n.status) {
            (None, Some(Status::AdoptedAsOrallyAmended)) => self.warn(
                &format!("{path}.status"),
                "adopted as orally amended, but the amendment is not recorded",
                "add `amendment: {old: …, new: …, proposed_by: …}` so that the adoption record can list it",
            ),
            (Some(a), _) => {
                if let Some(by) = &a.proposed_by {
                    self.proponent(by, &format!("{path}.amendment.proposed_by"));
                }
                if !a.new.is_empty() && !def.text().unwrap_or_default().contains(a.new.as_str()) {
                    self.warn(
                        &format!("{path}.amendment.new"),
                        format!("the amended words `{}` are not in the paragraph's text", a.new),
                        "the `text` is the paragraph as adopted; write the new words into it",
                    );
                }
            }
            _ => {}
        }
    }

    /// Who proposed something: the Chair, the Secretariat, or a State by its name on the
    /// meeting date.
    fn proponent(&mut self, name: &str, path: &str) {
        if NON_STATE_PROPONENTS.iter().any(|p| p.eq_ignore_ascii_case(name.trim_start_matches("the "))) {
            return;
        }
        let Some(on) = self.session.meeting.dates.first().copied().or(self.session.date) else { return };
        let location = self.sources.locate(path);
        let lookup = registry::lookup(name, on);
        let diagnostic = match &lookup {
            Lookup::Unknown { suggestion } => {
                let d = crate::diag::Diagnostic::error(format!(
                    "`{name}` is neither a State known to the registry nor the Chair or the Secretariat"
                ));
                Some(match suggestion {
                    Some(s) => d.with_hint(format!("did you mean `{s}`? (or `Chair`, `Secretariat`)")),
                    None => d.with_hint("write a State's United Nations short name, `Chair` or `Secretariat`"),
                })
            }
            _ => lookup.diagnostic(name, on),
        };
        if let Some(d) = diagnostic {
            self.diags.push(d.at(location));
        }
    }

    /// `generate: adoption_record`: a table of the paragraphs adopted as orally amended.
    pub(super) fn adoption_record(&mut self, annex_id: &str) -> Vec<Block> {
        let mut amended: Vec<(String, &ParagraphDef)> = Vec::new();
        walk(self.session, &mut |path, def| {
            if def.negotiation.amendment.is_some() {
                amended.push((path.to_string(), def));
            }
        });
        let rows = amended
            .into_iter()
            .filter_map(|(path, def)| {
                let a = def.negotiation.amendment.as_ref()?;
                // A paragraph deleted in negotiation is left out of a final report, so pass 1
                // planned no number for it: its row has none.
                let num = if self.dropped(def) {
                    String::new()
                } else {
                    self.planned(&path).num.map(|n| n.trim_end_matches(['.', ' ', '-']).to_string()).unwrap_or_default()
                };
                let old = self.markup(&a.old, &format!("{path}.amendment.old"), Zone::Body);
                let new = self.markup(&a.new, &format!("{path}.amendment.new"), Zone::Body);
                let by = a.proposed_by.clone().unwrap_or_default();
                Some(vec![vec![Inline::text(num)], old, new, vec![Inline::text(by)]])
            })
            .collect::<Vec<_>>();
        let header = Table::header_row(self.lang().amendments_header().map(|h| vec![Inline::text(h)]).to_vec());
        vec![Block::Table(Table { id: format!("{annex_id}-table"), num: None, caption: Vec::new(), header, rows })]
    }
}

/// The note a draft prints after a paragraph's number: "agreed ad ref.", "proposed by Mexico,
/// 14 April 2009", "deleted; proposed by the Chair".
fn status_note(status: Option<Status>, by: Option<&str>, date: Option<Date>, inserted: bool) -> Option<String> {
    let by = by.map(|by| {
        if NON_STATE_PROPONENTS.contains(&by) { format!("proposed by the {by}") } else { format!("proposed by {by}") }
    });
    let mut note = match (status, by) {
        (Some(Status::Proposed), Some(by)) | (None, Some(by)) => by,
        (Some(status), Some(by)) => format!("{}; {by}", status.printed()),
        (Some(status), None) => status.printed().to_string(),
        (None, None) if inserted => "inserted".to_string(),
        (None, None) => return None,
    };
    if let Some(date) = date {
        note.push_str(&format!(", {}", date.long()));
    }
    Some(note)
}

/// Every paragraph of the report's chapters and annexes with its data path.
fn walk<'a>(session: &'a Session, f: &mut impl FnMut(&str, &'a ParagraphDef)) {
    fn list<'a>(path: &str, defs: &'a [ParagraphDef], f: &mut impl FnMut(&str, &'a ParagraphDef)) {
        for (i, def) in defs.iter().enumerate() {
            f(&format!("{path}.paragraphs[{i}]"), def);
        }
    }
    fn sections<'a>(path: &str, secs: &'a [Section], f: &mut impl FnMut(&str, &'a ParagraphDef)) {
        for (si, s) in secs.iter().enumerate() {
            let spath = format!("{path}.sections[{si}]");
            list(&spath, &s.paragraphs, f);
            for (gi, g) in s.groups.iter().enumerate() {
                list(&format!("{spath}.groups[{gi}]"), &g.paragraphs, f);
            }
        }
    }
    for (ci, c) in session.chapters.iter().enumerate() {
        let path = format!("chapters[{ci}]");
        list(&path, &c.paragraphs, f);
        sections(&path, &c.sections, f);
    }
    for (ai, a) in session.annexes.iter().enumerate() {
        let path = format!("annexes[{ai}]");
        list(&path, &a.paragraphs, f);
        sections(&path, &a.sections, f);
    }
}
