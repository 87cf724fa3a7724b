//! The proof that a `template:` paragraph is right: assemble the imported session with the
//! program's own templates and compare, paragraph by paragraph, what the templates print with
//! what the imported report said. Any paragraph that differs goes back to its words (narrative);
//! the data taken from it stays. So the importer never has to copy the templates' wording, and an
//! imported session always rebuilds the text it came from.

use std::collections::HashMap;

use crate::assemble::assemble;
use crate::diag::Diagnostic;
use crate::document::{Block, DivisionKind, Document, Item, plain_text};
use crate::import::from_document::{Place, Printed, printed_label};
use crate::import::warn_at;
use crate::session::load::SourceMap;
use crate::session::{ItemDef, ParagraphDef, ParagraphKind, Session};
use crate::templates::Templates;

/// What a paragraph prints: its words and the (label, words) of every item, in order.
type Words = (String, Vec<(String, String)>);

/// Keeps the `template:` paragraphs that print the words they were read from; puts the others
/// back as they were read (narrative). `places` are the session's paragraphs in the order of
/// its lists (`Place::all`); `recognized` holds, for each paragraph given a template, the
/// paragraph as it was read and what the report printed there.
pub(crate) fn keep_verified(
    session: &mut Session,
    places: &[Place],
    recognized: &HashMap<Place, (ParagraphDef, Printed)>,
    w: &mut Vec<Diagnostic>,
) {
    if recognized.is_empty() {
        return;
    }
    let assembled = assemble(session, "import", &SourceMap::single("<import>", ""), &Templates::default());
    let printed: Option<Vec<Option<Words>>> = assembled.document.as_ref().map(printed_paragraphs);
    if printed.is_none() {
        let first = assembled.diagnostics.errors().next().map(|d| d.message.clone()).unwrap_or_default();
        w.push(
            Diagnostic::warning(format!(
                "the imported session does not assemble ({first}), so no standard sentence can be checked against its template; all are kept as written"
            ))
            .with_hint("fix the error, then turn sentences into `template:` paragraphs by hand"),
        );
    }
    let mut dropped_items = Vec::new();
    for (i, place) in places.iter().enumerate() {
        let Some((read, source)) = recognized.get(place) else { continue };
        let def = place.get_mut(session);
        let Some(template) = def.template() else { continue };
        let ParagraphKind::Text { items, .. } = &read.kind else { continue };
        let expected = (unescape(&source.plain), read_items(items, 0));
        let ok = printed.as_ref().and_then(|p| p.get(i)).and_then(Option::as_ref) == Some(&expected);
        if !ok {
            if crate::sentences::find(template).is_some_and(|s| s.reads == crate::sentences::Reads::AgendaItem)
                && let Some(item) = def.item()
            {
                dropped_items.push(item.to_string());
            }
            w.push(warn_at(
                source.line,
                format!(
                    "paragraph {} reads like `{template}` but the template does not print the same words; kept as written",
                    source.num.as_deref().unwrap_or("?"),
                ),
            ));
            *def = read.clone();
        }
    }
    // Statements only exist for their paragraph.
    session.statements.retain(|s| !dropped_items.contains(&s.item));
}

/// What the document prints for each paragraph definition of the chapters, in the same order:
/// the text and the (label, text) of every item, or `None` for a table or a decision.
fn printed_paragraphs(doc: &Document) -> Vec<Option<Words>> {
    fn walk(blocks: &[Block], out: &mut Vec<Option<Words>>) {
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

/// The (label as printed, text) of every item of a paragraph as read, in order.
fn read_items(items: &[ItemDef], depth: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        out.push((printed_label(it, depth, i), unescape(&it.text)));
        out.extend(read_items(&it.items, depth + 1));
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
