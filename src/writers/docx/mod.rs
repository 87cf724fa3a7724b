//! DOCX writer: the report as a Word document that a Secretariat editor can keep working on —
//! the UN masthead on page 1, named styles in the New York manner (see `styles`), real
//! footnotes, odd/even running headers and footers with the symbol and the page number on the
//! outer side, and document properties from the session.
//!
//! The body is built with docx-rs (`build`); `package` then fixes what docx-rs cannot say or
//! says in a way that is not reproducible (footnote marks and separators, settings, core
//! properties, zip timestamps) and writes the archive. Numbers are the `Document`'s labels written
//! as text followed by a tab — never Word auto-numbering — so they cannot differ from the PDF's.
//!
//! Footnotes: Word numbers a footnote itself (`w:footnoteRef`); that number is used where the
//! `Document`'s marker is the next number in sequence. Any other marker ("*", "a", a restarted
//! "1" in an annex) is written as a custom mark (`w:customMarkFollows` plus the marker text),
//! which Word and LibreOffice print as given and leave out of their own count. As Word does, the
//! note itself then begins with the mark as text. (LibreOffice 7.4 prints its own label in front
//! of that text for every custom-mark note but the document's first, so "a" shows twice there;
//! Word, and LibreOffice's own DOCX export, expect the mark in the note.)
//!
//! Every heading, paragraph, sub-item and footnote is enclosed in a hidden bookmark named after
//! its stable id (`anchors`), so that comments and tracked changes made in Word come back into
//! the data by id (`crate::review`).
//!
//! User text is data: it goes through docx-rs's XML escaping. Characters that XML 1.0 cannot
//! hold are mapped: tab → `w:tab`, line feed, carriage return and vertical tab → `w:br`
//! (Word's own meaning of U+000B), every other control character → U+FFFD.

pub mod anchors;
mod bidi;
mod build;
mod canonical;
mod header_rows;
mod package;
mod redline;
pub mod styles;

use crate::diag::Diagnostics;
use crate::document::Document;
use crate::writers::WriteOptions;

pub fn write(doc: &Document, _opts: &WriteOptions) -> Result<Vec<u8>, Diagnostics> {
    let built = build::build(doc)?;
    package::package(doc, built)
}
