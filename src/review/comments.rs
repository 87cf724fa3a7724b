//! Reading a reviewed DOCX: the comments (`word/comments.xml`, anchored in the text by
//! `w:commentRangeStart`/`w:commentRangeEnd`/`w:commentReference`) and the tracked changes
//! (`w:ins`, `w:del`) that Word or LibreOffice left in it, each with the hidden paragraph
//! bookmark (`crate::writers::docx::anchors`) of the paragraph it stands in and the bookmarks
//! of the headings above it (for the fallback to a surviving parent).
//!
//! The file is untrusted input: the archive and every part are read with size caps, the XML
//! with quick-xml's streaming reader, and nothing here panics on odd input — an annotation
//! whose place cannot be told is still returned, with no anchor.
//!
//! Tracked changes are gathered per paragraph and per author: `quoted` is the paragraph as it
//! was (deletions kept, insertions left out), `proposed` the paragraph with that author's
//! changes applied (and everybody else's left undone), so accepting one suggestion never
//! applies someone else's edit.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::writers::docx::anchors;

/// The largest DOCX accepted, and the largest part read from it (uncompressed).
pub const MAX_FILE: u64 = 64 << 20;
pub const MAX_PART: u64 = 32 << 20;
/// Longest quoted or comment text kept (characters); longer ones end in "…".
pub const MAX_TEXT: usize = 20_000;
/// At most this many annotations are read from one file.
pub const MAX_ANNOTATIONS: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AnnotationKind {
    Comment,
    Change,
}

/// Where an annotation stands: the bookmark names that may tell its paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// The paragraph bookmark enclosing it, if any.
    pub own: Option<String>,
    /// Bookmarks of what encloses that paragraph, nearest first: for a sub-item its paragraph,
    /// then the headings above (group, section, chapter).
    pub parents: Vec<String>,
    /// The part it was found in (`word/document.xml`, `word/footnotes.xml`).
    pub part: String,
}

/// One comment or one author's tracked changes in one paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub kind: AnnotationKind,
    pub author: String,
    pub date: String,
    pub place: Place,
    /// The text commented on, or the paragraph before the change.
    pub quoted: String,
    /// The comment's own text.
    pub comment: Option<String>,
    /// The paragraph with the change made.
    pub proposed: Option<String>,
}

/// Why a file could not be read at all.
#[derive(Debug)]
pub struct ReadError(pub String);

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Every comment and tracked change in the DOCX `bytes`, in document order.
pub fn read_annotations(bytes: &[u8]) -> Result<Vec<Annotation>, ReadError> {
    if bytes.len() as u64 > MAX_FILE {
        return Err(ReadError(format!("the file is larger than {} MiB", MAX_FILE >> 20)));
    }
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError(format!("not a DOCX (ZIP) package: {e}")))?;
    let document = part(&mut zip, "word/document.xml")?
        .ok_or_else(|| ReadError("the package has no word/document.xml: not a Word document".into()))?;
    let comments = match part(&mut zip, "word/comments.xml")? {
        Some(xml) => read_comment_texts(&xml)?,
        None => BTreeMap::new(),
    };
    let mut out = Vec::new();
    scan(&document, "word/document.xml", &comments, &mut out)?;
    if let Some(notes) = part(&mut zip, "word/footnotes.xml")? {
        scan(&notes, "word/footnotes.xml", &comments, &mut out)?;
    }
    out.truncate(MAX_ANNOTATIONS);
    Ok(out)
}

/// A part as text, or `None` when the package lacks it.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, ReadError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ReadError(format!("cannot read {name}: {e}"))),
    };
    let mut buf = Vec::new();
    file.take(MAX_PART + 1).read_to_end(&mut buf).map_err(|e| ReadError(format!("cannot read {name}: {e}")))?;
    if buf.len() as u64 > MAX_PART {
        return Err(ReadError(format!("{name} is larger than {} MiB", MAX_PART >> 20)));
    }
    String::from_utf8(buf).map(Some).map_err(|_| ReadError(format!("{name} is not UTF-8")))
}

/// The value of attribute `name` (e.g. `w:id`), unescaped.
fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| {
        a.unescape_value().map(|v| v.into_owned()).unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into())
    })
}

fn push_capped(s: &mut String, text: &str) {
    if s.len() < MAX_TEXT * 4 {
        s.push_str(text);
    }
}

/// Trims and caps a collected text.
fn finish(s: &str) -> String {
    let t = s.trim();
    if t.chars().count() > MAX_TEXT {
        let mut cut: String = t.chars().take(MAX_TEXT).collect();
        cut.push('…');
        cut
    } else {
        t.to_string()
    }
}

/// A comment from `comments.xml`.
#[derive(Debug, Clone, Default)]
struct CommentText {
    author: String,
    date: String,
    text: String,
}

fn xml_error(part: &str, reader: &Reader<&[u8]>, e: impl std::fmt::Display) -> ReadError {
    ReadError(format!("{part} is not well-formed XML (at byte {}): {e}", reader.buffer_position()))
}

/// Comment id → author, date and text (paragraphs joined by line breaks).
fn read_comment_texts(xml: &str) -> Result<BTreeMap<String, CommentText>, ReadError> {
    let mut reader = Reader::from_str(xml);
    let mut out = BTreeMap::new();
    let mut current: Option<(String, CommentText)> = None;
    let mut in_text = false;
    let mut paragraphs = 0usize;
    loop {
        match reader.read_event().map_err(|e| xml_error("word/comments.xml", &reader, e))? {
            Event::Eof => break,
            Event::Start(e) => match e.name().as_ref() {
                b"w:comment" => {
                    let c = CommentText {
                        author: attr(&e, b"w:author").unwrap_or_default(),
                        date: attr(&e, b"w:date").unwrap_or_default(),
                        text: String::new(),
                    };
                    current = Some((attr(&e, b"w:id").unwrap_or_default(), c));
                    paragraphs = 0;
                }
                b"w:p" => {
                    if let Some((_, c)) = current.as_mut()
                        && paragraphs > 0
                    {
                        push_capped(&mut c.text, "\n");
                    }
                    paragraphs += 1;
                }
                b"w:t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => {
                if let Some((_, c)) = current.as_mut() {
                    match e.name().as_ref() {
                        b"w:tab" => push_capped(&mut c.text, "\t"),
                        b"w:br" | b"w:cr" => push_capped(&mut c.text, "\n"),
                        _ => {}
                    }
                }
            }
            Event::Text(t) if in_text => {
                if let Some((_, c)) = current.as_mut() {
                    let text = t.decode().map_err(|e| xml_error("word/comments.xml", &reader, e))?;
                    push_capped(&mut c.text, &text);
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some((_, c)) = current.as_mut() {
                    push_capped(&mut c.text, &entity(&r));
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:comment" => {
                    if let Some((id, c)) = current.take()
                        && out.len() < MAX_ANNOTATIONS
                    {
                        out.insert(id, c);
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok(out)
}

/// The character an entity or character reference stands for (as text; unknown ones kept).
fn entity(r: &quick_xml::events::BytesRef) -> String {
    let name = String::from_utf8_lossy(r).into_owned();
    match name.as_str() {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse().ok()
            } else {
                None
            };
            code.and_then(char::from_u32).map(String::from).unwrap_or_else(|| format!("&{name};"))
        }
    }
}

/// A piece of a paragraph's text and the revision it belongs to.
#[derive(Debug, Clone)]
enum Piece {
    Plain(String),
    Inserted(usize, String),
    Deleted(usize, String),
}

/// One paragraph as scanned.
#[derive(Debug, Default)]
struct Para {
    /// Anchor bookmarks started inside it, in order.
    started: Vec<String>,
    /// Anchor bookmarks open when it began, in order of opening.
    open_before: Vec<String>,
    style: Option<String>,
    pieces: Vec<Piece>,
    /// The revisions (author, date) that touch it, by index into the scan's revision list.
    revisions: Vec<usize>,
    /// Filled when the paragraph ends.
    own: Option<String>,
    parents: Vec<String>,
}

/// The heading level of one of our heading styles (chapter 0 … sub-group 3).
fn heading_level(style: &str) -> Option<usize> {
    use crate::writers::docx::styles::id;
    [id::HCH, id::H1, id::H23, id::H4].iter().position(|s| *s == style)
}

/// Walks one part (document or footnotes) and appends its annotations.
fn scan(
    xml: &str,
    part: &str,
    comments: &BTreeMap<String, CommentText>,
    out: &mut Vec<Annotation>,
) -> Result<(), ReadError> {
    let mut reader = Reader::from_str(xml);
    // Open anchor bookmarks: bookmark id → name, in order of opening.
    let mut open: Vec<(String, String)> = Vec::new();
    let mut paras: Vec<Para> = Vec::new();
    // Paragraphs being read (nested ones — text boxes — on top).
    let mut stack: Vec<usize> = Vec::new();
    let mut revisions: Vec<(String, String)> = Vec::new();
    // Open w:ins / w:del containers: (is_insertion, revision index).
    let mut changes: Vec<(bool, usize)> = Vec::new();
    // Inside w:pPr or w:rPr: a w:ins/w:del there marks a paragraph mark or formatting change.
    let mut props = 0usize;
    let mut in_text = false;
    // Comment ranges: id → (paragraph where it starts, quoted text so far, still open).
    let mut ranges: BTreeMap<String, (Option<usize>, String, bool)> = BTreeMap::new();
    // Comments in the order their reference or range start appears.
    let mut order: Vec<String> = Vec::new();
    // Heading paragraphs by level, and the last body paragraph, for the parents of a paragraph.
    let mut headings: Vec<Option<usize>> = Vec::new();
    let mut last_body: Option<usize> = None;

    let add_text = |text: &str,
                    paras: &mut Vec<Para>,
                    stack: &[usize],
                    changes: &[(bool, usize)],
                    deleted_text: bool,
                    ranges: &mut BTreeMap<String, (Option<usize>, String, bool)>| {
        let Some(&p) = stack.last() else { return };
        let piece = match changes.last() {
            Some(&(false, rev)) => Piece::Deleted(rev, text.to_string()),
            Some(&(true, rev)) if !deleted_text => Piece::Inserted(rev, text.to_string()),
            _ if deleted_text => return,
            _ => Piece::Plain(text.to_string()),
        };
        let para = &mut paras[p];
        if para.pieces.len() < 100_000 {
            para.pieces.push(piece);
        }
        for (_, quoted, live) in ranges.values_mut() {
            if *live {
                push_capped(quoted, text);
            }
        }
    };

    loop {
        let event = reader.read_event().map_err(|e| xml_error(part, &reader, e))?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            match e.name().as_ref() {
                b"w:p" if !empty => {
                    let open_before = open.iter().map(|(_, n)| n.clone()).collect();
                    paras.push(Para { open_before, ..Default::default() });
                    stack.push(paras.len() - 1);
                }
                b"w:pPr" | b"w:rPr" if !empty => props += 1,
                b"w:pStyle" if props > 0 => {
                    if let Some(&p) = stack.last() {
                        paras[p].style = attr(&e, b"w:val");
                    }
                }
                b"w:bookmarkStart" => {
                    let name = attr(&e, b"w:name").unwrap_or_default();
                    if anchors::decode(&name).is_some() && open.len() < 10_000 {
                        open.push((attr(&e, b"w:id").unwrap_or_default(), name.clone()));
                        if let Some(&p) = stack.last() {
                            paras[p].started.push(name);
                        }
                    }
                }
                b"w:bookmarkEnd" => {
                    let id = attr(&e, b"w:id").unwrap_or_default();
                    if let Some(i) = open.iter().rposition(|(b, _)| *b == id) {
                        open.remove(i);
                    }
                }
                b"w:ins" | b"w:del" if props == 0 => {
                    let rev = revisions.len();
                    revisions
                        .push((attr(&e, b"w:author").unwrap_or_default(), attr(&e, b"w:date").unwrap_or_default()));
                    if let Some(&p) = stack.last() {
                        paras[p].revisions.push(rev);
                    }
                    if !empty {
                        changes.push((e.name().as_ref() == b"w:ins", rev));
                    }
                }
                b"w:t" | b"w:delText" if !empty => in_text = true,
                b"w:tab" if props == 0 && empty => add_text("\t", &mut paras, &stack, &changes, false, &mut ranges),
                b"w:br" | b"w:cr" if empty => add_text("\n", &mut paras, &stack, &changes, false, &mut ranges),
                b"w:commentRangeStart" => {
                    let id = attr(&e, b"w:id").unwrap_or_default();
                    if !ranges.contains_key(&id) && ranges.len() < MAX_ANNOTATIONS {
                        order.push(id.clone());
                        ranges.insert(id, (stack.last().copied(), String::new(), true));
                    }
                }
                b"w:commentRangeEnd" => {
                    if let Some(r) = ranges.get_mut(&attr(&e, b"w:id").unwrap_or_default()) {
                        r.2 = false;
                    }
                }
                b"w:commentReference" => {
                    let id = attr(&e, b"w:id").unwrap_or_default();
                    if !ranges.contains_key(&id) && ranges.len() < MAX_ANNOTATIONS {
                        // A comment on a point (no range): anchored where its mark stands.
                        order.push(id.clone());
                        ranges.insert(id, (stack.last().copied(), String::new(), false));
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Eof => break,
            Event::Text(t) if in_text => {
                let text = t.decode().map_err(|e| xml_error(part, &reader, e))?;
                add_text(&text, &mut paras, &stack, &changes, false, &mut ranges);
            }
            Event::GeneralRef(r) if in_text => {
                add_text(&entity(&r), &mut paras, &stack, &changes, false, &mut ranges);
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" | b"w:delText" => in_text = false,
                b"w:pPr" | b"w:rPr" => props = props.saturating_sub(1),
                b"w:ins" | b"w:del" if props == 0 => {
                    changes.pop();
                }
                b"w:p" => {
                    let Some(p) = stack.pop() else { continue };
                    let para = &mut paras[p];
                    para.own = para.started.last().or(para.open_before.last()).cloned();
                    let level = para.style.as_deref().and_then(heading_level);
                    let is_item = para.style.as_deref().is_some_and(|s| s.starts_with("SubItem"));
                    let mut parents: Vec<usize> = headings.iter().flatten().copied().collect();
                    if let Some(level) = level {
                        parents = headings.iter().take(level).flatten().copied().collect();
                        headings.truncate(level);
                        headings.resize(level, None);
                        headings.push(Some(p));
                    } else if is_item {
                        parents.extend(last_body);
                    } else if para.own.is_some() {
                        last_body = Some(p);
                    }
                    let names: Vec<String> =
                        parents.iter().rev().filter_map(|&i| paras.get(i).and_then(|q| q.own.clone())).collect();
                    paras[p].parents = names;
                }
                _ => {}
            },
            _ => {}
        }
    }

    let place = |p: Option<usize>| match p.and_then(|i| paras.get(i)) {
        Some(para) => Place { own: para.own.clone(), parents: para.parents.clone(), part: part.to_string() },
        None => Place { part: part.to_string(), ..Default::default() },
    };

    // Comments, in the order they appear in the text.
    for id in &order {
        let Some((p, quoted, _)) = ranges.get(id) else { continue };
        let c = comments.get(id).cloned().unwrap_or_default();
        out.push(Annotation {
            kind: AnnotationKind::Comment,
            author: c.author,
            date: c.date,
            place: place(*p),
            quoted: finish(quoted),
            comment: Some(finish(&c.text)),
            proposed: None,
        });
    }

    // Tracked changes: per paragraph, per author.
    for (i, para) in paras.iter().enumerate() {
        if para.revisions.is_empty() {
            continue;
        }
        let mut authors: Vec<&str> = para.revisions.iter().map(|&r| revisions[r].0.as_str()).collect();
        authors.sort_unstable();
        authors.dedup();
        let mut original = String::new();
        for piece in &para.pieces {
            match piece {
                Piece::Plain(t) | Piece::Deleted(_, t) => original.push_str(t),
                Piece::Inserted(..) => {}
            }
        }
        for author in authors {
            let mine = |rev: &usize| revisions[*rev].0 == author;
            let mut proposed = String::new();
            for piece in &para.pieces {
                match piece {
                    Piece::Plain(t) => proposed.push_str(t),
                    Piece::Inserted(r, t) if mine(r) => proposed.push_str(t),
                    Piece::Deleted(r, t) if !mine(r) => proposed.push_str(t),
                    _ => {}
                }
            }
            let date = para
                .revisions
                .iter()
                .filter(|r| mine(r))
                .map(|&r| revisions[r].1.as_str())
                .min()
                .unwrap_or_default()
                .to_string();
            out.push(Annotation {
                kind: AnnotationKind::Change,
                author: author.to_string(),
                date,
                place: place(Some(i)),
                quoted: finish(&original),
                comment: None,
                proposed: Some(finish(&proposed)),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docx(document: &str, comments: Option<&str>) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(document.as_bytes()).unwrap();
        if let Some(c) = comments {
            zip.start_file("word/comments.xml", opts).unwrap();
            zip.write_all(c.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn hand_made_part_comments_and_changes() {
        let document = format!(
            r#"<w:document {W}><w:body>
<w:p><w:pPr><w:pStyle w:val="HCh"/></w:pPr><w:bookmarkStart w:id="1" w:name="_p_intro"/><w:r><w:t>I.</w:t></w:r><w:r><w:tab/><w:t>Introduction</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p>
<w:p><w:pPr><w:pStyle w:val="SingleTxt"/></w:pPr><w:bookmarkStart w:id="2" w:name="_p_opening"/><w:r><w:t xml:space="preserve">1.</w:t></w:r><w:r><w:tab/></w:r><w:commentRangeStart w:id="7"/><w:r><w:t xml:space="preserve">The session was </w:t></w:r><w:del w:id="9" w:author="Chair" w:date="2009-04-20T10:00:00Z"><w:r><w:delText>opened</w:delText></w:r></w:del><w:ins w:id="10" w:author="Chair" w:date="2009-04-20T10:00:00Z"><w:r><w:t>declared open</w:t></w:r></w:ins><w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r><w:r><w:t xml:space="preserve"> by the Chair &amp; all.</w:t></w:r><w:bookmarkEnd w:id="2"/></w:p>
</w:body></w:document>"#
        );
        let comments = format!(
            r#"<w:comments {W}><w:comment w:id="7" w:author="Poland" w:date="2009-04-19T09:00:00Z"><w:p><w:r><w:t>Say who opened it.</w:t></w:r></w:p><w:p><w:r><w:t>Second line</w:t></w:r></w:p></w:comment></w:comments>"#
        );
        let found = read_annotations(&docx(&document, Some(&comments))).unwrap();
        assert_eq!(found.len(), 2, "{found:#?}");
        let c = &found[0];
        assert_eq!(c.kind, AnnotationKind::Comment);
        assert_eq!((c.author.as_str(), c.date.as_str()), ("Poland", "2009-04-19T09:00:00Z"));
        assert_eq!(c.place.own.as_deref(), Some("_p_opening"));
        assert_eq!(c.place.parents, vec!["_p_intro".to_string()]);
        // The commented range holds the deleted and the inserted words as they stand.
        assert_eq!(c.quoted, "The session was openeddeclared open");
        assert_eq!(c.comment.as_deref(), Some("Say who opened it.\nSecond line"));
        let t = &found[1];
        assert_eq!(t.kind, AnnotationKind::Change);
        assert_eq!(t.author, "Chair");
        assert_eq!(t.quoted, "1.\tThe session was opened by the Chair & all.");
        assert_eq!(t.proposed.as_deref(), Some("1.\tThe session was declared open by the Chair & all."));
    }

    #[test]
    fn comment_outside_every_bookmark_is_kept_without_anchor() {
        let document = format!(
            r#"<w:document {W}><w:body><w:p><w:commentRangeStart w:id="1"/><w:r><w:t>United Nations</w:t></w:r><w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r></w:p></w:body></w:document>"#
        );
        let comments = format!(
            r#"<w:comments {W}><w:comment w:id="1" w:author="A" w:date="2009-01-01T00:00:00Z"><w:p><w:r><w:t>Masthead?</w:t></w:r></w:p></w:comment></w:comments>"#
        );
        let found = read_annotations(&docx(&document, Some(&comments))).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].place.own, None);
        assert!(found[0].place.parents.is_empty());
        assert_eq!(found[0].quoted, "United Nations");
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert!(read_annotations(b"not a zip").is_err());
        // Truncated XML: whatever comes back, it comes back.
        let _ = read_annotations(&docx("<w:document><w:body><w:p><w:ins>", None));
        let unbalanced = docx("<a></b>", None);
        assert!(read_annotations(&unbalanced).is_err());
        let empty = {
            use std::io::Write;
            let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
            zip.start_file("x", zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(b"").unwrap();
            zip.finish().unwrap().into_inner()
        };
        assert!(read_annotations(&empty).is_err());
    }
}
