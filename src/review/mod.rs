//! The chairperson's review: comparing two versions of a report (`rapporteur diff`), and what
//! delegations and the Chair say about a report brought back into the data by stable paragraph id
//! (`rapporteur review import|list|accept|reject`).
//!
//! ```text
//! OLD session ──compile──> Document ─┐
//!                                    ├─ diff::compare ─> marked Document ─ writers (DOCX with tracked
//! NEW session ──compile──> Document ─┘        │                           changes, PDF, HTML, text)
//!                                             └─> changes + concordance ─ report (stdout, files)
//! ```
//!
//! - `diff`: pairs blocks by their stable ids, finds moves, builds the marked copy.
//! - `words`: the word-level diff inside a paragraph.
//! - `report`: the summary of changes and the concordance of paragraph numbers, as text.
//! - `source`: where a version comes from — a session folder, or `git:REV:path` read out of the
//!   repository's history into a temporary folder.
//! - `comments`: reads a reviewed DOCX (comments and tracked changes, anchored by the hidden
//!   paragraph bookmarks the DOCX writer puts in); `suggestions` stores them under
//!   `<session>/review/`; `apply` puts an accepted change into the YAML; `commands` runs
//!   `rapporteur review import|list|accept|reject`.

pub mod apply;
pub mod commands;
pub mod comments;
pub mod diff;
pub mod report;
pub mod source;
pub mod suggestions;
pub mod words;

use crate::diag::{Diagnostic, Diagnostics};
use crate::document::{Block, Change, Document, Inline, Item};
use crate::writers::{Format, WriteOptions};
use diff::Comparison;

/// The marked copy with every block-level change also written into its text: the whole text of
/// an inserted block as `Inline::Inserted`, of a deleted one as `Inline::Deleted`, a changed
/// number as the old one deleted and the new one inserted. For writers that know only inline
/// marks (the plain text).
pub fn inline_marks(doc: &Document) -> Document {
    fn mark(doc: &Document, id: &str, content: &mut Vec<Inline>, num: &mut Option<String>) {
        let Some(rev) = doc.revision(id) else { return };
        let wrap = |c: Vec<Inline>, inserted: bool| {
            if c.is_empty() {
                c
            } else if inserted {
                vec![Inline::Inserted { content: c }]
            } else {
                vec![Inline::Deleted { content: c }]
            }
        };
        let label = |s: &str, inserted: bool| if inserted { format!("{{+{s}+}}") } else { format!("[-{s}-]") };
        match rev.change {
            Change::Inserted | Change::MovedTo => {
                *content = wrap(std::mem::take(content), true);
                *num = num.as_deref().map(|n| label(n, true));
            }
            Change::Deleted | Change::MovedFrom => {
                *content = wrap(std::mem::take(content), false);
                *num = num.as_deref().map(|n| label(n, false));
            }
            Change::Changed | Change::Renumbered => {
                if let (Some(old), Some(new)) = (&rev.old_num, num.as_deref()) {
                    *num = Some(format!("{}{}", label(old, false), label(new, true)));
                }
            }
        }
    }
    fn items(doc: &Document, list: &mut [Item]) {
        for item in list {
            let mut label = Some(std::mem::take(&mut item.label));
            mark(doc, &item.id, &mut item.content, &mut label);
            item.label = label.unwrap_or_default();
            items(doc, &mut item.items);
        }
    }
    fn blocks(doc: &Document, list: &mut [Block]) {
        for block in list {
            match block {
                Block::Division(d) => {
                    mark(doc, &d.id, &mut d.heading, &mut d.num);
                    blocks(doc, &mut d.children);
                }
                Block::Paragraph(p) => {
                    mark(doc, &p.id, &mut p.content, &mut p.num);
                    items(doc, &mut p.items);
                }
                Block::Table(t) => {
                    let mut none = None;
                    mark(doc, &t.id, &mut t.caption, &mut none);
                }
                Block::Contents(_) | Block::Officers(_) => {}
            }
        }
    }
    let mut out = doc.clone();
    blocks(doc, &mut out.body);
    out
}

/// The formats `rapporteur diff` writes a marked copy in.
pub const FORMATS: &[Format] = &[Format::Docx, Format::Pdf, Format::Html, Format::Text];

/// The marked copy in each of `formats` (file name suffix, bytes): DOCX with Word tracked
/// changes, PDF and HTML marked in house style, plain text in wdiff's notation. Pure: the CLI
/// writes the files.
pub fn render(
    cmp: &Comparison,
    formats: &[Format],
    opts: &WriteOptions,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let mut out = Vec::new();
    for format in formats {
        let bytes = match format {
            Format::Text => format.write(&inline_marks(&cmp.marked), opts)?,
            Format::Docx | Format::Pdf | Format::Html => format.write(&cmp.marked, opts)?,
            Format::Akn => {
                return Err(Diagnostic::error("`diff` does not write Akoma Ntoso")
                    .with_hint("the marked copy comes as docx, pdf, html and text")
                    .into());
            }
        };
        out.push((format!("-redline.{}", format.extension()), bytes));
    }
    Ok(out)
}
