//! The proof that a `template:` paragraph is right: assemble the imported session with the
//! program's own templates and compare, paragraph by paragraph, what the templates print with
//! what the imported report said. Any paragraph that differs goes back to its words (narrative);
//! the data taken from it stays. So the importer never has to copy the templates' wording, and an
//! imported session always rebuilds the text it came from.

use crate::assemble::assemble;
use crate::diag::Diagnostic;
use crate::document::{Block, DivisionKind, Document, Item, plain_text};
use crate::import::from_document::{DraftItem, DraftParagraph};
use crate::import::warn_at;
use crate::session::load::SourceMap;
use crate::session::{ParagraphDef, ParagraphKind, Session};
use crate::templates::Templates;

/// What a paragraph prints: its text and the (label, text) of every item, in order.
type Printed = (String, Vec<(String, String)>);

/// Keeps the `template:` paragraphs that print their draft's words; turns the others back into
/// narrative. `drafts[i]` is the draft behind the i-th paragraph of the session (in reading
/// order: each chapter's paragraphs, then each section's, then each group's), `Some` for those
/// given a template.
pub(crate) fn keep_verified(
    session: &mut Session,
    drafts: &[Option<DraftParagraph>],
    keep_ids: bool,
    w: &mut Vec<Diagnostic>,
) {
    if drafts.iter().all(Option::is_none) {
        return;
    }
    let assembled = assemble(session, "import", &SourceMap::single("<import>", ""), &Templates::default());
    let printed: Option<Vec<Option<Printed>>> = assembled.document.as_ref().map(printed_paragraphs);
    if printed.is_none() {
        let first = assembled.diagnostics.errors().next().map(|d| d.message.clone()).unwrap_or_default();
        w.push(
            Diagnostic::warning(format!(
                "the imported session does not assemble ({first}), so no standard sentence can be checked against its template; all are kept as written"
            ))
            .with_hint("fix the error, then turn sentences into `template:` paragraphs by hand"),
        );
    }
    let mut index = 0usize;
    let mut dropped_items = Vec::new();
    for_each_paragraph(session, &mut |def| {
        let i = index;
        index += 1;
        let Some(Some(draft)) = drafts.get(i) else { return };
        if def.template().is_none() {
            return;
        }
        let ok = printed.as_ref().and_then(|p| p.get(i).cloned().flatten()).is_some_and(|(text, items)| {
            text == unescape(draft.plain.as_deref().unwrap_or(&draft.text)) && items == draft_items(&draft.items)
        });
        if !ok {
            if def
                .template()
                .and_then(crate::sentences::find)
                .is_some_and(|s| s.reads == crate::sentences::Reads::AgendaItem)
                && let Some(item) = def.item()
            {
                dropped_items.push(item.to_string());
            }
            w.push(warn_at(
                draft.line,
                format!(
                    "paragraph {} reads like `{}` but the template does not print the same words; kept as written",
                    draft.num.as_deref().unwrap_or("?"),
                    def.template().unwrap_or("")
                ),
            ));
            *def = ParagraphDef {
                id: def.id.clone(),
                numbered: def.numbered,
                negotiation: Default::default(),
                kind: ParagraphKind::Text {
                    text: draft.text.clone(),
                    items: DraftItem::defs(&draft.items, keep_ids, 0),
                },
            };
        }
    });
    // Statements only exist for their paragraph.
    session.statements.retain(|s| !dropped_items.contains(&s.item));
}

/// Calls `f` on every paragraph of the chapters, in reading order.
fn for_each_paragraph(session: &mut Session, f: &mut dyn FnMut(&mut ParagraphDef)) {
    for ch in &mut session.chapters {
        ch.paragraphs.iter_mut().for_each(&mut *f);
        for s in &mut ch.sections {
            s.paragraphs.iter_mut().for_each(&mut *f);
            for g in &mut s.groups {
                g.paragraphs.iter_mut().for_each(&mut *f);
            }
        }
    }
}

/// What the document prints for each paragraph definition of the chapters, in the same order:
/// the text and the (label, text) of every item, or `None` for a table or a decision.
fn printed_paragraphs(doc: &Document) -> Vec<Option<Printed>> {
    fn walk(blocks: &[Block], out: &mut Vec<Option<Printed>>) {
        // A chapter's own blocks come first, then its sections (each with its groups): the order
        // of the session's lists.
        let mut subdivisions = Vec::new();
        for b in blocks {
            match b {
                Block::Paragraph(p) => out.push(Some((plain_text(&p.content), doc_items(&p.items)))),
                Block::Division(d) if matches!(d.kind, DivisionKind::Section | DivisionKind::Group) => {
                    subdivisions.push(d)
                }
                Block::Division(_) | Block::Table(_) | Block::Officers(_) => out.push(None),
                Block::Contents(_) => {}
            }
        }
        for d in subdivisions {
            walk(&d.children, out);
        }
    }
    let mut out = Vec::new();
    for b in &doc.body {
        if let Block::Division(d) = b
            && d.kind == DivisionKind::Chapter
        {
            walk(&d.children, &mut out);
        }
    }
    out
}

fn doc_items(items: &[Item]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for it in items {
        out.push((it.label.clone(), plain_text(&it.content)));
        out.extend(doc_items(&it.items));
    }
    out
}

fn draft_items(items: &[DraftItem]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for it in items {
        out.push((it.label.clone(), unescape(&it.text)));
        out.extend(draft_items(&it.items));
    }
    out
}

/// Markup text without its escapes (only used on text without other markup).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}
