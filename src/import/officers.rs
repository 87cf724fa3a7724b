//! Recognises a list of officers by office in a document read from elsewhere, and gives the
//! officers back as data.
//!
//! Reports print the bureau a meeting elected as a list by office, each office and each holder
//! on a line of its own, unnumbered:
//!
//! ```text
//!       Chair:
//!           Nathaniel Khng (Singapore)
//!       Vice-Chairs:
//!           Amanuel Giorgio (Eritrea)
//!           Elisa De Raes (Belgium)
//! ```
//!
//! A reader that knows no such shape (the PDF, DOCX and text readers) gives one unnumbered
//! paragraph per line. [`gather`] finds such runs — an office's label in any of the six
//! languages, as `crate::lang::Lang::office` prints it, followed by the names of its holders —
//! and puts a `Block::Officers` in their place; [`officers_of`] reads the officers out of those
//! blocks for the session's `officers:`, and the step to a session writes `officers: by_office`
//! where the list stood. Nothing else is taken for a list: a label must be an office's name
//! with its colon, and every other line of the run a short name without a final full stop.

use crate::document::{Block, Inline, Office, Officers, Paragraph, plain_text};
use crate::lang::Lang;
use crate::session::{Officer, OfficerRole};

/// Replaces every list of officers by office among `blocks` (and inside their divisions) by a
/// `Block::Officers`.
pub fn gather(blocks: &mut Vec<Block>) {
    let mut i = 0;
    while i < blocks.len() {
        if let Block::Division(d) = &mut blocks[i] {
            gather(&mut d.children);
        }
        if let Some((list, consumed)) = list_at(&blocks[i..]) {
            blocks.splice(i..i + consumed, [Block::Officers(list)]);
        }
        i += 1;
    }
}

/// The list of officers by office that opens `blocks`, and how many blocks it takes; `None`
/// when they do not open with one.
pub fn list_at(blocks: &[Block]) -> Option<(Officers, usize)> {
    let mut offices: Vec<Office> = Vec::new();
    let mut consumed = 0;
    for block in blocks {
        let Some(p) = line(block) else { break };
        let text = plain_text(&p.content);
        let text = text.trim();
        if let Some(role) = office(text) {
            // An office with no holder ends the list before it.
            if offices.last().is_some_and(|o| o.holders.is_empty()) {
                break;
            }
            offices.push(Office { role: role.key().to_string(), label: text.to_string(), holders: Vec::new() });
        } else if let Some(current) = offices.last_mut()
            && is_holder(text)
        {
            current.holders.push(trimmed(&p.content));
        } else {
            break;
        }
        consumed += 1;
    }
    // A trailing label with no holder is not part of the list.
    if offices.last().is_some_and(|o| o.holders.is_empty()) {
        offices.pop();
        consumed -= 1;
    }
    if offices.is_empty() {
        return None;
    }
    Some((Officers { id: String::new(), offices }, consumed))
}

/// The officers the lists of `blocks` name, in order: role from the office, name and State
/// from "Name (State)".
pub fn officers_of(blocks: &[Block]) -> Vec<Officer> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Officers(list) => {
                for office in &list.offices {
                    let Some(role) = OfficerRole::from_key(&office.role) else { continue };
                    for holder in &office.holders {
                        let (name, state) = name_and_state(plain_text(holder).trim());
                        out.push(Officer { role, name, state, title: None });
                    }
                }
            }
            Block::Division(d) => out.extend(officers_of(&d.children)),
            _ => {}
        }
    }
    out
}

/// A paragraph that may be a line of a list: unnumbered, without sub-items, not empty.
fn line(block: &Block) -> Option<&Paragraph> {
    match block {
        Block::Paragraph(p) if p.num.is_none() && p.items.is_empty() && !plain_text(&p.content).trim().is_empty() => {
            Some(p)
        }
        _ => None,
    }
}

/// The role an office's label names ("Vice-Chairs:", "Président :", "副主席："), in any of the
/// six languages, singular or plural.
pub fn office(label: &str) -> Option<OfficerRole> {
    let name = label
        .trim()
        .strip_suffix(':')
        .or_else(|| label.trim().strip_suffix('：'))?
        .trim_end_matches([' ', '\u{a0}', '\u{202f}']);
    Lang::ALL.iter().find_map(|lang| {
        OfficerRole::ALL
            .iter()
            .copied()
            .find(|role| [false, true].iter().any(|plural| lang.office(*role, *plural) == name))
    })
}

/// A line that can be a holder's name: short, not a sentence, not a label.
fn is_holder(text: &str) -> bool {
    !text.is_empty()
        && text.chars().count() <= 120
        && !text.ends_with(['.', ':', ';', '：', '。'])
        && text.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// "Nathaniel Khng (Singapore)" → ("Nathaniel Khng", Some("Singapore")); a name without a
/// State in brackets stays whole.
pub fn name_and_state(text: &str) -> (String, Option<String>) {
    if let Some(inner) = text.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        let (name, state) = (inner[..open].trim(), inner[open + 1..].trim());
        if !name.is_empty() && !state.is_empty() {
            return (name.to_string(), Some(state.to_string()));
        }
    }
    // A State holding the office (TPNW/MSP/2025/11/Rev.1 ¶6: "Vice-Presidents:" / "Austria"):
    // no person, the State by its name, so that the registry names it as on the day.
    if crate::registry::is_state_name(text) {
        return (String::new(), Some(text.trim().to_string()));
    }
    (text.to_string(), None)
}

/// The content without white space at either end.
fn trimmed(content: &[Inline]) -> Vec<Inline> {
    let mut out = content.to_vec();
    if let Some(Inline::Text { text }) = out.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text }) = out.last_mut() {
        *text = text.trim_end().to_string();
    }
    out.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Name (State)" splits; a State alone holds the office; anything else is a person's name.
    #[test]
    fn holders_are_persons_or_states() {
        assert_eq!(name_and_state("Eliza Grisle (Latvia)"), ("Eliza Grisle".into(), Some("Latvia".into())));
        assert_eq!(name_and_state("Austria"), (String::new(), Some("Austria".into())));
        assert_eq!(name_and_state("Czech Republic"), (String::new(), Some("Czech Republic".into())), "a former name");
        assert_eq!(name_and_state("Eliza Grisle"), ("Eliza Grisle".into(), None));
    }

    fn para(text: &str, num: Option<&str>) -> Block {
        Block::Paragraph(Paragraph {
            id: String::new(),
            num: num.map(String::from),
            content: vec![Inline::text(text)],
            items: Vec::new(),
        })
    }

    #[test]
    fn a_bureau_by_office() {
        let mut blocks = vec![
            para("At its 312th meeting, the Committee elected the following members of its Bureau:", Some("5.")),
            para("Chair:", None),
            para("Nathaniel Khng (Singapore)", None),
            para("Vice-Chairs:", None),
            para("Amanuel Giorgio (Eritrea)", None),
            para("Eduardo Manuel López Echevarria (Peru)", None),
            para("Rapporteur:", None),
            para("Eliza Grisle (Latvia)", None),
            para("The Bureau met twice.", Some("6.")),
        ];
        gather(&mut blocks);
        assert_eq!(blocks.len(), 3);
        let officers = officers_of(&blocks);
        let got: Vec<(OfficerRole, &str, Option<&str>)> =
            officers.iter().map(|o| (o.role, o.name.as_str(), o.state.as_deref())).collect();
        assert_eq!(
            got,
            [
                (OfficerRole::Chair, "Nathaniel Khng", Some("Singapore")),
                (OfficerRole::ViceChair, "Amanuel Giorgio", Some("Eritrea")),
                (OfficerRole::ViceChair, "Eduardo Manuel López Echevarria", Some("Peru")),
                (OfficerRole::Rapporteur, "Eliza Grisle", Some("Latvia")),
            ]
        );
    }

    #[test]
    fn labels_in_every_language() {
        assert_eq!(office("Vice-Présidents\u{202f}:"), Some(OfficerRole::ViceChair));
        assert_eq!(office("Relatores:"), Some(OfficerRole::Rapporteur));
        assert_eq!(office("副主席："), Some(OfficerRole::ViceChair));
        assert_eq!(office("Заместители Председателя:"), Some(OfficerRole::ViceChair));
        assert_eq!(office("Chair"), None, "a label has its colon");
        assert_eq!(office("Chairs of the working groups:"), None);
    }

    #[test]
    fn narrative_is_not_taken_for_a_list() {
        // A label with nothing under it, or followed by a sentence, stays narrative.
        let mut blocks = vec![para("Chair:", None), para("The Chair opened the meeting.", None)];
        gather(&mut blocks);
        assert!(blocks.iter().all(|b| matches!(b, Block::Paragraph(_))));
        let mut blocks = vec![para("Nathaniel Khng (Singapore)", None), para("Chair:", None)];
        gather(&mut blocks);
        assert_eq!(blocks.len(), 2);
    }
}
