//! Writers: pure functions from a `Document` to the bytes of one output format.
//!
//! Each format has its own module and one entry point,
//! `fn write(&Document, &WriteOptions) -> Result<Vec<u8>, Diagnostics>`. Writers do no IO
//! (the CLI writes files, atomically) and never number anything: every label is in the
//! `Document` already.

use crate::diag::Diagnostics;
use crate::document::Document;
use crate::templates::Templates;

pub mod akn;
pub mod docx;
pub mod html;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod text;

/// Settings shared by the writers.
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// Template sources (compiled-in defaults, overridden by the session's own files).
    pub templates: Templates,
    /// Turn off PDF/A-2b and PDF/UA-1 (on by default).
    pub no_pdf_standards: bool,
}

/// The output formats, in the order `--format` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Text,
    Html,
    Pdf,
    Docx,
    /// Akoma Ntoso 3.0 XML.
    Akn,
}

impl Format {
    pub const ALL: &'static [Format] = &[Format::Text, Format::Html, Format::Pdf, Format::Docx, Format::Akn];

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Akn => "akn",
        }
    }

    /// The file extension of the output.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Akn => "xml",
        }
    }

    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == name)
    }

    pub fn write(self, doc: &Document, opts: &WriteOptions) -> Result<Vec<u8>, Diagnostics> {
        match self {
            Format::Text => text::write(doc, opts),
            Format::Html => html::write(doc, opts),
            #[cfg(feature = "pdf")]
            Format::Pdf => pdf::write(doc, opts),
            #[cfg(not(feature = "pdf"))]
            Format::Pdf => Err(crate::diag::Diagnostic::error("this build has no PDF writer (feature `pdf`)").into()),
            Format::Docx => docx::write(doc, opts),
            Format::Akn => akn::write(doc, opts),
        }
    }
}
