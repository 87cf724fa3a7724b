//! The DOCX package: docx-rs's XML parts, corrected where docx-rs falls short, zipped with
//! fixed timestamps so that the same `Document` always gives the same bytes.
//!
//! Corrections, each a deterministic edit of one part:
//! - `word/footnotes.xml`: the separator and continuation-separator notes (ids -1 and 0) that
//!   Word expects, and `w:footnoteRef` (Word's own number) as the mark inside each note whose
//!   marker Word numbers itself; docx-rs writes neither.
//! - `word/document.xml`: `w:customMarkFollows` plus the marker text on references whose marker
//!   is not Word's next number ("*", "a"…).
//! - `word/settings.xml`: written here (docx-rs puts `evenAndOddHeaders` after `w:compat`, which
//!   the schema forbids, and has no `footnotePr`).
//! - `docProps/core.xml`: written here (docx-rs cannot set title, subject or language).
//! - `word/styles.xml`: the document language in the default run properties.
//! - a right-to-left version (Arabic): `w:bidi`, `w:rtl`, `w:bidiVisual` (`bidi`).
//! - every WordprocessingML part: children in schema order (`canonical`).
//! - the package: parts nothing uses (comments, numbering) left out with their relationships and
//!   content types.
//!
//! The archive is written with the `zip` crate directly: docx-rs's own zipper stamps entries
//! with whatever its zip version's default time is; here every entry carries the document's
//! date (midnight), and the entry order is fixed.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

use super::build::{Built, Note};
use super::canonical::{self, canonicalize};
use crate::diag::{Diagnostic, Diagnostics};
use crate::document::Document;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub fn package(doc: &Document, built: Built) -> Result<Vec<u8>, Diagnostics> {
    let date = parse_date(&doc.meta.date).ok_or_else(|| {
        Diagnostics::from(
            Diagnostic::error(format!("the document date `{}` is not a date of the form YYYY-MM-DD", doc.meta.date))
                .with_hint("the DOCX properties and archive timestamps are taken from the session's `date`"),
        )
    })?;
    let xml = built.xml;
    let bug = |what: String| {
        Diagnostics::from(
            Diagnostic::error(format!("could not write the DOCX package: {what}"))
                .with_hint("this is a bug in rapporteur's DOCX writer; please report it with the session"),
        )
    };
    let text = |bytes: Vec<u8>, part: &str| String::from_utf8(bytes).map_err(|_| bug(format!("{part} is not UTF-8")));

    let mut document = text(xml.document, "word/document.xml")?;
    let mut footnotes = text(xml.footnotes, "word/footnotes.xml")?;
    if !built.notes.is_empty() {
        document = mark_custom_references(&document, &built.notes).map_err(bug)?;
        footnotes = patch_footnotes(&footnotes, &built.notes).map_err(bug)?;
    }
    // Header rows repeat on each page.
    let document = super::header_rows::mark_header_rows(&document).map_err(bug)?;
    // A marked copy: the tracked changes (document first, its revision ids continuing in the notes).
    let mut revision_ids = 1;
    let document = super::redline::track(&document, doc, &mut revision_ids).map_err(bug)?;
    let footnotes = super::redline::track(&footnotes, doc, &mut revision_ids).map_err(bug)?;
    let styles = set_language(&text(xml.styles, "word/styles.xml")?, &doc.meta.language).map_err(bug)?;
    // A right-to-left version: paragraphs, runs, tables and sections marked so (`bidi`).
    let rtl = crate::fonts::right_to_left(&doc.meta.language);
    let mirrored = |xml: String, part: &str| -> Result<String, Diagnostics> {
        if rtl { super::bidi::mirror(&xml).map_err(|e| bug(format!("{part}: {e}"))) } else { Ok(xml) }
    };
    let document = mirrored(document, "word/document.xml")?;
    let footnotes = mirrored(footnotes, "word/footnotes.xml")?;
    // Schema order for every WordprocessingML part docx-rs wrote.
    let ordered = |xml: String, part: &str| canonicalize(&xml).map_err(|e| bug(format!("{part}: {e}")));
    let document = ordered(document, "word/document.xml")?;
    let footnotes = ordered(footnotes, "word/footnotes.xml")?;
    let styles = ordered(styles, "word/styles.xml")?;
    let font_table = ordered(text(xml.font_table, "word/fontTable.xml")?, "word/fontTable.xml")?;
    let numbering = ordered(text(xml.numberings, "word/numbering.xml")?, "word/numbering.xml")?;
    let mut headers = Vec::new();
    for (i, h) in xml.headers.into_iter().enumerate() {
        let name = format!("word/header{}.xml", i + 1);
        headers.push(ordered(mirrored(text(h, &name)?, &name)?, &name)?.into_bytes());
    }
    let mut footers = Vec::new();
    for (i, f) in xml.footers.into_iter().enumerate() {
        let name = format!("word/footer{}.xml", i + 1);
        footers.push(ordered(mirrored(text(f, &name)?, &name)?, &name)?.into_bytes());
    }
    let settings = settings(!built.notes.is_empty(), &doc.meta.language);
    let core = core_properties(doc, date);

    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), xml.content_type),
        ("_rels/.rels".into(), xml.rels),
        ("docProps/app.xml".into(), xml.doc_props.app),
        ("docProps/core.xml".into(), core.into_bytes()),
        ("docProps/custom.xml".into(), xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), xml.document_rels),
        ("word/document.xml".into(), document.into_bytes()),
        ("word/styles.xml".into(), styles.into_bytes()),
        ("word/settings.xml".into(), settings.into_bytes()),
        ("word/fontTable.xml".into(), font_table.into_bytes()),
        ("word/comments.xml".into(), xml.comments),
        ("word/numbering.xml".into(), numbering.into_bytes()),
        ("word/commentsExtended.xml".into(), xml.comments_extended),
        ("word/footnotes.xml".into(), footnotes.into_bytes()),
    ];
    let mut header_rels = xml.header_rels.into_iter();
    for (i, h) in headers.into_iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), h));
        if let Some(rels) = header_rels.next() {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels));
        }
    }
    let mut footer_rels = xml.footer_rels.into_iter();
    for (i, f) in footers.into_iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), f));
        if let Some(rels) = footer_rels.next() {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels));
        }
    }
    prune_unused_parts(&mut parts).map_err(bug)?;
    zip_parts(parts, date).map_err(|e| bug(e.to_string()))
}

/// Leaves out the parts docx-rs always writes but nothing uses, and every mention of them: the
/// comments parts when the document has no comment (docx-rs relates `commentsExtended.xml`
/// even then), and any part no relationship points to (`numbering.xml` when nothing is
/// numbered). The `[Content_Types].xml` overrides then name exactly the parts written.
fn prune_unused_parts(parts: &mut Vec<(String, Vec<u8>)>) -> Result<(), String> {
    const COMMENTS_EXTENDED: &str = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended";
    const COMMENTS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
    let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).map_err(|e| e.to_string());
    let rels_of = |part: &str| match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    };

    // Comment extensions without comments.
    let document_rels = "word/_rels/document.xml.rels";
    let index = parts.iter().position(|(n, _)| n == document_rels).ok_or("no document relationships")?;
    let rels = text(&parts[index].1)?;
    if !canonical::attribute_values(&rels, "Relationship", "Type")?.iter().any(|t| t == COMMENTS) {
        parts[index].1 =
            canonical::remove_elements(&rels, "Relationship", "Type", |t| t == COMMENTS_EXTENDED)?.into_bytes();
    }

    // The parts reachable from the package's relationships, following each part's own.
    let mut reached = std::collections::BTreeSet::new();
    let mut pending = vec![String::new()];
    while let Some(source) = pending.pop() {
        let rels_name = if source.is_empty() { "_rels/.rels".to_string() } else { rels_of(&source) };
        let Some((_, bytes)) = parts.iter().find(|(n, _)| *n == rels_name) else { continue };
        let xml = text(bytes)?;
        let base = source.rsplit_once('/').map_or("", |(dir, _)| dir);
        let modes = canonical::attribute_values(&xml, "Relationship", "TargetMode")?;
        if !modes.is_empty() {
            return Err("external relationships are not expected in the DOCX package".into());
        }
        for target in canonical::attribute_values(&xml, "Relationship", "Target")? {
            let name = resolve(base, &target);
            if reached.insert(name.clone()) {
                pending.push(name);
            }
        }
    }
    parts.retain(|(name, _)| {
        name == "[Content_Types].xml"
            || reached.contains(name)
            || name.ends_with(".rels") && (name == "_rels/.rels" || reached.iter().any(|p| rels_of(p) == *name))
    });

    let written: std::collections::BTreeSet<String> = parts.iter().map(|(n, _)| format!("/{n}")).collect();
    let index = parts.iter().position(|(n, _)| n == "[Content_Types].xml").ok_or("no [Content_Types].xml")?;
    let types = text(&parts[index].1)?;
    parts[index].1 = canonical::remove_elements(&types, "Override", "PartName", |p| !written.contains(p))?.into_bytes();
    Ok(())
}

/// The part name a relationship target denotes, relative to the folder `base` of its source.
fn resolve(base: &str, target: &str) -> String {
    let mut path: Vec<&str> =
        if target.starts_with('/') || base.is_empty() { vec![] } else { base.split('/').collect() };
    for seg in target.trim_start_matches('/').split('/') {
        match seg {
            ".." => {
                path.pop();
            }
            "." | "" => {}
            s => path.push(s),
        }
    }
    path.join("/")
}

/// (year, month, day) of `YYYY-MM-DD`.
fn parse_date(date: &str) -> Option<(u16, u8, u8)> {
    let mut it = date.split('-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d) = (y.parse::<u16>().ok()?, m.parse::<u8>().ok()?, d.parse::<u8>().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

fn zip_parts(parts: Vec<(String, Vec<u8>)>, (y, m, d): (u16, u8, u8)) -> zip::result::ZipResult<Vec<u8>> {
    // ZIP (DOS) times cover 1980-2107; a date outside that range gets the earliest one.
    let time = zip::DateTime::from_date_and_time(y, m, d, 0, 0, 0).unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(name, options)?;
        zip.write_all(&bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Adds the separator notes and, inside every note Word numbers itself, replaces the marker
/// text of the mark run (the note's first `w:t`, written by `build`) with `w:footnoteRef`.
fn patch_footnotes(xml: &str, notes: &[Note]) -> Result<String, String> {
    let root = xml.find("<w:footnotes").ok_or("footnotes.xml has no <w:footnotes>")?;
    let open_end = root + xml[root..].find('>').ok_or("unterminated <w:footnotes>")? + 1;
    if xml[..open_end].ends_with("/>") {
        return Err("footnotes.xml holds no footnote".into());
    }
    let separator = |id: i32, kind: &str| {
        format!(
            r#"<w:footnote w:type="{kind}" w:id="{id}"><w:p><w:pPr><w:pStyle w:val="Normal" /><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto" /><w:ind w:left="{indent}" /></w:pPr><w:r><w:{kind} /></w:r></w:p></w:footnote>"#,
            indent = super::styles::BODY_INDENT
        )
    };
    let mut out = String::with_capacity(xml.len() + 1024);
    out.push_str(&xml[..open_end]);
    out.push_str(&separator(-1, "separator"));
    out.push_str(&separator(0, "continuationSeparator"));
    out.push_str(&xml[open_end..]);

    // One pass over the notes (a search from the top and an insertion for each note made this
    // quadratic in the number of footnotes).
    let auto: HashMap<usize, &Note> = notes.iter().filter(|n| n.auto).map(|n| (n.word_id, n)).collect();
    let mut patched = String::with_capacity(out.len());
    let mut rest = out.as_str();
    let mut done = 0;
    const OPEN: &str = r#"<w:footnote w:id=""#;
    while let Some(at) = rest.find(OPEN) {
        let id_start = at + OPEN.len();
        let id_end = id_start + rest[id_start..].find('"').ok_or("unterminated w:id")?;
        let note = rest[id_start..id_end].parse::<usize>().ok().and_then(|id| auto.get(&id));
        let Some(note) = note.filter(|_| rest[id_end..].starts_with("\">")) else {
            patched.push_str(&rest[..id_end]);
            rest = &rest[id_end..];
            continue;
        };
        let end = at + rest[at..].find("</w:footnote>").ok_or("unterminated <w:footnote>")?;
        let body = &rest[at..end];
        let t_start = [body.find("<w:t>"), body.find("<w:t ")]
            .into_iter()
            .flatten()
            .min()
            .ok_or_else(|| format!("footnote {} has no mark", note.word_id))?;
        let t_end = t_start + body[t_start..].find("</w:t>").ok_or("unterminated <w:t>")? + "</w:t>".len();
        let element = &body[t_start..t_end];
        let inner = &element[element.find('>').map_or(0, |i| i + 1)..element.len() - "</w:t>".len()];
        if inner != note.marker {
            return Err(format!("footnote {}: mark `{inner}` is not `{}`", note.word_id, note.marker));
        }
        patched.push_str(&rest[..at + t_start]);
        patched.push_str("<w:footnoteRef />");
        rest = &rest[at + t_end..];
        done += 1;
    }
    patched.push_str(rest);
    if done != auto.len() {
        let missing = auto.keys().min().copied().unwrap_or_default();
        return Err(format!("{} of {} footnotes missing (e.g. {missing})", auto.len() - done, auto.len()));
    }
    Ok(patched)
}

/// Gives every footnote reference whose marker Word would not produce itself a custom mark.
fn mark_custom_references(xml: &str, notes: &[Note]) -> Result<String, String> {
    let custom: HashMap<usize, &Note> = notes.iter().filter(|n| !n.auto).map(|n| (n.word_id, n)).collect();
    let mut out = String::with_capacity(xml.len() + 64 * custom.len());
    let mut rest = xml;
    let mut done = HashSet::new();
    const OPEN: &str = r#"<w:footnoteReference w:id=""#;
    while let Some(at) = rest.find(OPEN) {
        let id_start = at + OPEN.len();
        let id_end = id_start + rest[id_start..].find('"').ok_or("unterminated w:id")?;
        let id = rest[id_start..id_end].parse::<usize>().ok();
        let note = id.and_then(|id| custom.get(&id)).filter(|n| !done.contains(&n.word_id));
        let Some(note) = note.filter(|_| rest[id_end..].starts_with("\" />")) else {
            out.push_str(&rest[..id_end]);
            rest = &rest[id_end..];
            continue;
        };
        out.push_str(&rest[..at]);
        out.push_str(&format!(
            r#"<w:footnoteReference w:customMarkFollows="1" w:id="{}" /><w:t xml:space="preserve">{}</w:t>"#,
            note.word_id,
            escape(&note.marker)
        ));
        done.insert(note.word_id);
        rest = &rest[id_end + "\" />".len()..];
    }
    out.push_str(rest);
    if let Some(missing) = custom.keys().filter(|id| !done.contains(*id)).min() {
        return Err(format!("reference to footnote {missing} missing"));
    }
    Ok(out)
}

/// Puts `w:lang` into the document defaults' run properties.
fn set_language(xml: &str, language: &str) -> Result<String, String> {
    let lang = format!(r#"<w:lang w:val="{0}" w:eastAsia="{0}" w:bidi="{0}" />"#, escape(language));
    let anchor = "<w:rPrDefault><w:rPr>";
    let at = xml.find(anchor).ok_or("styles.xml has no run property defaults")? + anchor.len();
    // w:lang comes late in CT_RPr (after fonts, sizes…): put it at the end of the defaults.
    let end = at + xml[at..].find("</w:rPr>").ok_or("unterminated <w:rPr>")?;
    let mut out = xml.to_string();
    out.insert_str(end, &lang);
    Ok(out)
}

fn settings(has_notes: bool, language: &str) -> String {
    let notes =
        if has_notes { r#"<w:footnotePr><w:footnote w:id="-1" /><w:footnote w:id="0" /></w:footnotePr>"# } else { "" };
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:settings xmlns:w="{ns}">"#,
            r#"<w:zoom w:percent="100" />"#,
            r#"<w:defaultTabStop w:val="567" />"#,
            r#"<w:evenAndOddHeaders />"#,
            r#"<w:characterSpacingControl w:val="doNotCompress" />"#,
            "{notes}",
            r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15" /></w:compat>"#,
            r#"<w:themeFontLang w:val="{lang}" />"#,
            "</w:settings>"
        ),
        ns = W_NS,
        notes = notes,
        lang = escape(language),
    )
}

fn core_properties(doc: &Document, (y, m, d): (u16, u8, u8)) -> String {
    let stamp = format!("{y:04}-{m:02}-{d:02}T00:00:00Z");
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title>",
            "<dc:subject>{subject}</dc:subject>",
            "<dc:creator>{creator}</dc:creator>",
            "<dc:language>{lang}</dc:language>",
            "<cp:lastModifiedBy>{creator}</cp:lastModifiedBy>",
            "<cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = escape(&doc.meta.title),
        subject = escape(&doc.meta.symbol),
        creator = escape(&doc.masthead.publisher),
        lang = escape(&doc.meta.language),
        stamp = stamp,
    )
}

/// XML text/attribute escaping; characters XML 1.0 cannot hold become U+FFFD.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{escape, parse_date, resolve};

    #[test]
    fn relationship_targets() {
        assert_eq!(resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word", "../customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(resolve("word", "/docProps/app.xml"), "docProps/app.xml");
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2009-04-21"), Some((2009, 4, 21)));
        assert_eq!(parse_date("2009-4-21"), None);
        assert_eq!(parse_date("21 April 2009"), None);
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("<w:p>&]]>\u{1}"), "&lt;w:p&gt;&amp;]]&gt;\u{fffd}");
    }
}
