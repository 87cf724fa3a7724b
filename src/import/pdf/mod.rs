//! `import --from pdf`: a report as the United Nations issued it, read from the PDF itself.
//!
//! Three stages, each its own module: `extract` reads the glyphs with their positions, sizes and
//! fonts (hayro); `layout` builds lines and their tab-separated segments; `furniture` and
//! `reader` classify the lines by the house style's layout (masthead, headings, hanging numbers
//! and labels, footnote zone, page furniture, contents) and build a `Document`. Every line ends
//! up in the document or is counted as page furniture, by kind (`Reading::furniture`).

pub mod extract;
pub mod furniture;
pub mod layout;
pub mod reader;

pub use reader::{Class, Reading};

use crate::diag::{Diagnostic, Diagnostics};

/// Reads a PDF into a `Reading` (the document, its line numbers and what was set aside).
pub fn read(bytes: &[u8]) -> Result<Reading, Diagnostics> {
    // The interpreter is not ours: a panic inside it on a malformed file is an error for the
    // person, not a crash.
    let pages = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract::read(bytes))).map_err(|_| {
        Diagnostics::from(
            Diagnostic::error("the PDF could not be interpreted (its content is malformed)")
                .with_hint("open it in a PDF viewer and save a copy, then import that"),
        )
    })?;
    let pages = pages.map_err(|e| {
        let (message, hint) = match e {
            extract::ReadError::NotPdf => {
                ("the file is not a PDF that can be read", "give the report's PDF as issued (it starts with `%PDF`)")
            }
            extract::ReadError::Encrypted => {
                ("the PDF is encrypted with a password", "import a copy saved without a password")
            }
            extract::ReadError::NoPages => ("the PDF has no pages", "give the report's PDF as issued"),
        };
        Diagnostics::from(Diagnostic::error(message).with_hint(hint))
    })?;
    let chars: usize = pages.pages.iter().map(|p| p.glyphs.len()).sum();
    if chars == 0 {
        return Err(Diagnostic::error("the PDF has no text layer (a scan?)")
            .with_hint("run it through OCR first, or import a text or Word version")
            .into());
    }
    let mut reading = reader::read(&pages);
    // Officers by office: one unnumbered paragraph a line on the page, one list in the model.
    crate::import::officers::gather(&mut reading.document.body);
    // Annex parts printed "I." with "A." under them: the reader sets them side by side.
    crate::import::numbering::nest_parts(&mut reading.document.body);
    if pages.unmapped > 0 {
        reading.notes.push((
            0,
            format!(
                "{} glyph{} had no Unicode value in the PDF and stand as U+FFFD",
                pages.unmapped,
                if pages.unmapped == 1 { "" } else { "s" }
            ),
        ));
    }
    Ok(reading)
}

/// The reader's warnings as diagnostics (`<input>:PAGE*1000+LINE`).
pub fn warnings(reading: &Reading) -> Vec<Diagnostic> {
    reading.notes.iter().map(|(line, message)| crate::import::warn_at(*line, message.clone())).collect()
}

/// "page furniture set aside: 27 page numbers, 14 job numbers, …" for the command line.
pub fn furniture_summary(reading: &Reading) -> String {
    let parts: Vec<String> = reading.furniture().into_iter().map(|(kind, n)| format!("{kind}: {n}")).collect();
    if parts.is_empty() {
        "no page furniture".to_string()
    } else {
        format!("page furniture set aside (lines): {}", parts.join(", "))
    }
}
