//! Annexes whose parts are printed "I.", "II." (with "A.", "B." under them) rather than with the
//! report's own "A." sections and "1." groups: the text an annex quotes (a working paper, a
//! decision's guidance) keeps the numbering it was written with.
//!
//! Two steps, both on what a reader produced: [`nest_parts`] puts a document read from a PDF in
//! that shape (the reader sets every numbered heading inside an annex at section level, so "A."
//! parts stand beside the "I." parts that hold them); [`annex_numbering`] gives each annex of
//! the imported session `numbering: roman` when the document prints its sections so. The
//! assembler then numbers them as printed (`crate::assemble`, `AnnexNumbering`).

use crate::document::{Block, Division, DivisionKind, Document, Inline, Paragraph};
use crate::session::{Annex, AnnexNumbering, ParagraphDef, Session};

/// Whether an annex's sections are printed with roman numerals: its first numbered section
/// is "I.".
fn roman_parts(annex: &Division) -> bool {
    annex
        .children
        .iter()
        .filter_map(|b| match b {
            Block::Division(d) if d.kind == DivisionKind::Section => d.num.as_deref(),
            _ => None,
        })
        .next()
        .is_some_and(|n| n.trim() == "I.")
}

fn is_letter(num: &str) -> bool {
    let n = num.trim().trim_end_matches('.');
    n.len() == 1 && n.chars().all(|c| c.is_ascii_uppercase())
}

/// In every annex (and decision annex) printed with roman parts: each lettered section after a
/// roman one becomes a group of it (and its groups subgroups); an unnumbered heading with
/// nothing under it before the first part (a subtitle: "Further revised version of the working
/// paper submitted by Mexico") becomes an unnumbered paragraph in bold, since a section would
/// take a number.
pub fn nest_parts(blocks: &mut [Block]) {
    for block in blocks.iter_mut() {
        let Block::Division(d) = block else { continue };
        if d.kind == DivisionKind::Annex && roman_parts(d) {
            nest(d);
        }
        nest_parts(&mut d.children);
    }
}

fn nest(annex: &mut Division) {
    let mut out: Vec<Block> = Vec::new();
    // The parts are "I.", "II.", … in turn; any other label after the first part is a letter
    // under the part before it ("C." is group C, not the hundredth part).
    let mut parts = 0u32;
    for block in std::mem::take(&mut annex.children) {
        match block {
            Block::Division(mut d) if d.kind == DivisionKind::Section => {
                let num = d.num.clone().unwrap_or_default();
                if d.num.is_none() && parts == 0 && d.children.is_empty() {
                    out.push(Block::Paragraph(Paragraph {
                        id: d.id,
                        num: None,
                        content: vec![Inline::Strong { content: d.heading }],
                        items: Vec::new(),
                    }));
                    continue;
                }
                if num.trim() == format!("{}.", crate::generate::roman(parts + 1)) {
                    parts += 1;
                    out.push(Block::Division(d));
                    continue;
                }
                let part = out.iter_mut().rev().find_map(|b| match b {
                    Block::Division(p) if p.kind == DivisionKind::Section => Some(p),
                    _ => None,
                });
                match part {
                    Some(part) if parts > 0 && is_letter(&num) => {
                        d.kind = DivisionKind::Group;
                        for child in &mut d.children {
                            if let Block::Division(g) = child
                                && g.kind == DivisionKind::Group
                            {
                                g.kind = DivisionKind::Subgroup;
                            }
                        }
                        part.children.push(Block::Division(d));
                    }
                    _ => out.push(Block::Division(d)),
                }
            }
            other => out.push(other),
        }
    }
    annex.children = out;
}

/// Sets `numbering: roman` on each annex of `session` that `doc` prints with roman parts. The
/// annexes are matched in reading order (a decision's own annexes where the decision stands,
/// then the report's); when the two do not hold as many annexes, nothing is set.
pub fn annex_numbering(doc: &Document, session: &mut Session) {
    let mut printed = Vec::new();
    document_annexes(&doc.body, &mut printed);
    let mut count = 0;
    session_annexes(session, &mut |_| count += 1);
    if count != printed.len() {
        return;
    }
    let mut next = printed.into_iter();
    session_annexes(session, &mut |annex| {
        if next.next() == Some(true) {
            annex.numbering = AnnexNumbering::Roman;
        }
    });
}

fn document_annexes(blocks: &[Block], out: &mut Vec<bool>) {
    for block in blocks {
        if let Block::Division(d) = block {
            if d.kind == DivisionKind::Annex {
                out.push(roman_parts(d));
            }
            document_annexes(&d.children, out);
        }
    }
}

/// Every annex of the session in reading order: a decision's annexes after the decision.
fn session_annexes(session: &mut Session, f: &mut dyn FnMut(&mut Annex)) {
    fn paragraphs(list: &mut [ParagraphDef], f: &mut dyn FnMut(&mut Annex)) {
        for p in list {
            if let Some(d) = p.decision_mut() {
                for annex in &mut d.annexes {
                    annex_and_inside(annex, f);
                }
            }
        }
    }
    fn annex_and_inside(annex: &mut Annex, f: &mut dyn FnMut(&mut Annex)) {
        f(annex);
        paragraphs(&mut annex.paragraphs, f);
        for s in &mut annex.sections {
            paragraphs(&mut s.paragraphs, f);
            for g in &mut s.groups {
                paragraphs(&mut g.paragraphs, f);
            }
        }
    }
    for c in &mut session.chapters {
        paragraphs(&mut c.paragraphs, f);
        for s in &mut c.sections {
            paragraphs(&mut s.paragraphs, f);
            for g in &mut s.groups {
                paragraphs(&mut g.paragraphs, f);
            }
        }
    }
    for annex in &mut session.annexes {
        annex_and_inside(annex, f);
    }
}
