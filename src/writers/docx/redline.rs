//! Word tracked changes for a marked copy (`Document::review`, made by `rapporteur diff`).
//!
//! The normal builder (`build`) writes the marked copy like any report, with two small hooks:
//! every run of inserted, deleted or moved text carries a marker run style (`rp-track-…`), and
//! the paragraph of a whole block that was inserted, deleted or moved gets a paragraph-mark
//! revision whose author names the change and the block (`rp-track:<kind>:<id>`). Then [`track`]
//! rewrites the part into real WordprocessingML revisions:
//!
//! - marked runs are grouped into `w:ins`, `w:del`, `w:moveFrom` or `w:moveTo`; deleted text
//!   becomes `w:delText` (`w:delInstrText` for field code), moved-away text stays `w:t`;
//! - paragraph-mark revisions (`w:pPr/w:rPr/w:ins|w:del|w:moveFrom|w:moveTo`) get their real
//!   author and date, so that accepting or rejecting a deleted or inserted paragraph also
//!   removes its paragraph mark (no empty paragraphs left behind);
//! - a moved paragraph is framed by `w:moveFromRangeStart`/`End` (`w:moveToRange…` at the new
//!   place) named `move1`, `move2`… after the block, so that Word pairs the two places;
//! - every revision gets an id counted here, after the highest id already in the part (docx-rs
//!   draws its own from a process-wide counter): the same marked copy always gives the same
//!   bytes.
//!
//! Author and date come from the review (`--author`, the new version's date), never the clock.
//! A renumbered paragraph's label is tracked too (old number deleted, new inserted), so that
//! "Reject All" gives back the old text with its old numbers.

use std::collections::HashMap;

use docx_rs::{Paragraph, Run};

use super::canonical::{Element, Node, parse, write};
use crate::document::{Change, Document};

/// How a run is tracked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Track {
    Ins,
    Del,
    MoveFrom,
    MoveTo,
}

const RUN_MARK: &str = "rp-track-";
const PARA_MARK: &str = "rp-track:";

impl Track {
    const ALL: [Track; 4] = [Track::Ins, Track::Del, Track::MoveFrom, Track::MoveTo];

    fn name(self) -> &'static str {
        match self {
            Track::Ins => "ins",
            Track::Del => "del",
            Track::MoveFrom => "moveFrom",
            Track::MoveTo => "moveTo",
        }
    }

    fn element(self) -> String {
        format!("w:{}", self.name())
    }

    fn from_name(name: &str) -> Option<Track> {
        Track::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Deleted text is `w:delText`; moved-away text stays `w:t` (as Word writes it).
    fn removes_text(self) -> bool {
        self == Track::Del
    }

    /// The whole-block track of a change (`None`: the block stays, perhaps with marks inside).
    pub fn of(change: Change) -> Option<Track> {
        match change {
            Change::Inserted => Some(Track::Ins),
            Change::Deleted => Some(Track::Del),
            Change::MovedFrom => Some(Track::MoveFrom),
            Change::MovedTo => Some(Track::MoveTo),
            Change::Changed | Change::Renumbered => None,
        }
    }
}

/// The track of block `id` as a whole, in a marked copy.
pub fn block_track(doc: &Document, id: &str) -> Option<Track> {
    doc.revision(id).and_then(|r| Track::of(r.change))
}

/// `run`, marked as tracked.
pub fn mark_run(run: Run, track: Option<Track>) -> Run {
    match track {
        Some(t) => run.style(&format!("{RUN_MARK}{}", t.name())),
        None => run,
    }
}

/// The runs of a label ("12." and the tab after it) of block `id`: tracked with the block, or,
/// when only its number changed, the old number deleted and the new one inserted.
pub fn label_runs(doc: &Document, id: &str, label: &str, clean: impl Fn(&str) -> String) -> Vec<Run> {
    let whole = block_track(doc, id);
    // A moved block's old number stands in its ghost at the old place.
    let old = doc.revision(id).and_then(|r| r.old_num.as_deref()).filter(|_| whole.is_none());
    let mut runs = Vec::new();
    match old {
        Some(old) if old != label => {
            if !old.is_empty() {
                runs.push(mark_run(Run::new().add_text(clean(old)), Some(Track::Del)));
            }
            runs.push(mark_run(Run::new().add_text(clean(label)), Some(Track::Ins)));
        }
        _ => runs.push(mark_run(Run::new().add_text(clean(label)), whole)),
    }
    runs.push(mark_run(Run::new().add_tab(), whole));
    runs
}

/// `p` with its paragraph mark tracked when block `id` was inserted, deleted or moved.
pub fn mark_paragraph(p: Paragraph, doc: &Document, id: &str) -> Paragraph {
    match block_track(doc, id) {
        // Only `w:ins`/`w:del` can be said through docx-rs; `track` gives each its real kind.
        Some(t) => p.insert(format!("{PARA_MARK}{}:{id}", t.name()), ""),
        None => p,
    }
}

/// Rewrites the markers of one part into tracked changes (see the module documentation).
/// `next_id` carries the revision ids from part to part.
pub fn track(xml: &str, doc: &Document, next_id: &mut usize) -> Result<String, String> {
    let Some(review) = &doc.review else { return Ok(xml.to_string()) };
    let mut nodes = parse(xml)?;
    let mut highest = 0;
    for n in &nodes {
        max_id(n, &mut highest);
    }
    *next_id = (*next_id).max(highest + 1);
    let mut t = Tracker {
        author: review.author.clone(),
        date: format!("{}T00:00:00Z", review.date),
        next_id,
        moves: HashMap::new(),
    };
    for n in &mut nodes {
        if let Node::Element(e) = n {
            t.element(e);
        }
    }
    let mut out = String::with_capacity(xml.len() + 1024);
    for n in &nodes {
        write(n, &mut out);
    }
    Ok(out)
}

/// The highest `w:id` in the part, leaving out the paragraph-mark markers (docx-rs numbered
/// those from its process-wide counter; they get new ids).
fn max_id(node: &Node, highest: &mut usize) {
    if let Node::Element(e) = node {
        let marker = attr(e, "w:author").is_some_and(|a| a.starts_with(PARA_MARK));
        if !marker && let Some(id) = attr(e, "w:id").and_then(|v| v.parse::<usize>().ok()) {
            *highest = (*highest).max(id);
        }
        for c in &e.children {
            max_id(c, highest);
        }
    }
}

fn attr<'a>(e: &'a Element, name: &str) -> Option<&'a str> {
    e.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn element(name: impl Into<String>, attrs: Vec<(String, String)>, children: Vec<Node>) -> Element {
    Element { name: name.into(), attrs, children }
}

struct Tracker<'a> {
    author: String,
    date: String,
    next_id: &'a mut usize,
    /// Move names by block id (without the `.moved-from` suffix), in order of appearance.
    moves: HashMap<String, String>,
}

impl Tracker<'_> {
    fn id(&mut self) -> String {
        let id = *self.next_id;
        *self.next_id += 1;
        id.to_string()
    }

    fn revision_attrs(&mut self) -> Vec<(String, String)> {
        vec![
            ("w:id".into(), self.id()),
            ("w:author".into(), crate::writers::html::escape(&self.author)),
            ("w:date".into(), self.date.clone()),
        ]
    }

    fn move_name(&mut self, block: &str) -> String {
        let base = block.strip_suffix(crate::review::diff::MOVED_FROM).unwrap_or(block).to_string();
        let n = self.moves.len() + 1;
        self.moves.entry(base).or_insert_with(|| format!("move{n}")).clone()
    }

    fn element(&mut self, e: &mut Element) {
        if e.name == "w:p" {
            self.paragraph_mark(e);
        }
        let children = std::mem::take(&mut e.children);
        let mut out: Vec<Node> = Vec::with_capacity(children.len());
        let mut open: Option<(Track, Vec<Node>)> = None;
        for mut child in children {
            let track = match &mut child {
                Node::Element(c) if c.name == "w:r" => take_run_mark(c),
                _ => None,
            };
            match track {
                Some(t) => {
                    if let Node::Element(c) = &mut child
                        && t.removes_text()
                    {
                        delete_text(c);
                    }
                    match &mut open {
                        Some((k, runs)) if *k == t => runs.push(child),
                        _ => {
                            self.close(&mut open, &mut out);
                            open = Some((t, vec![child]));
                        }
                    }
                }
                None => {
                    self.close(&mut open, &mut out);
                    if let Node::Element(c) = &mut child {
                        self.element(c);
                    }
                    out.push(child);
                }
            }
        }
        self.close(&mut open, &mut out);
        e.children = out;
    }

    fn close(&mut self, open: &mut Option<(Track, Vec<Node>)>, out: &mut Vec<Node>) {
        if let Some((t, runs)) = open.take() {
            let attrs = self.revision_attrs();
            out.push(Node::Element(element(t.element(), attrs, runs)));
        }
    }

    /// A paragraph-mark marker (`w:pPr/w:rPr/w:ins` by `rp-track:<kind>:<id>`) becomes the
    /// real revision; a moved paragraph also gets its move range.
    fn paragraph_mark(&mut self, p: &mut Element) {
        let mut found: Option<(Track, String)> = None;
        for c in &mut p.children {
            let Node::Element(ppr) = c else { continue };
            if ppr.name != "w:pPr" {
                continue;
            }
            for c in &mut ppr.children {
                let Node::Element(rpr) = c else { continue };
                if rpr.name != "w:rPr" {
                    continue;
                }
                for c in &mut rpr.children {
                    let Node::Element(mark) = c else { continue };
                    let Some(rest) = attr(mark, "w:author").and_then(|a| a.strip_prefix(PARA_MARK)) else {
                        continue;
                    };
                    let Some((kind, block)) = rest.split_once(':') else { continue };
                    let Some(t) = Track::from_name(kind) else { continue };
                    found = Some((t, block.to_string()));
                    let attrs = self.revision_attrs();
                    *mark = element(t.element(), attrs, vec![]);
                }
            }
        }
        let Some((t, block)) = found else { return };
        if !matches!(t, Track::MoveFrom | Track::MoveTo) {
            return;
        }
        let name = self.move_name(&block);
        let range = if t == Track::MoveFrom { "w:moveFromRange" } else { "w:moveToRange" };
        let id = self.id();
        let mut start_attrs = vec![("w:id".to_string(), id.clone())];
        start_attrs.extend([
            ("w:author".to_string(), crate::writers::html::escape(&self.author)),
            ("w:date".to_string(), self.date.clone()),
            ("w:name".to_string(), name),
        ]);
        let start = Node::Element(element(format!("{range}Start"), start_attrs, vec![]));
        let end = Node::Element(element(format!("{range}End"), vec![("w:id".into(), id)], vec![]));
        let after_ppr =
            p.children.iter().position(|c| matches!(c, Node::Element(e) if e.name == "w:pPr")).map_or(0, |i| i + 1);
        p.children.insert(after_ppr, start);
        p.children.push(end);
    }
}

/// The track a run is marked with, the marker removed.
fn take_run_mark(run: &mut Element) -> Option<Track> {
    for c in &mut run.children {
        let Node::Element(rpr) = c else { continue };
        if rpr.name != "w:rPr" {
            continue;
        }
        let mut found = None;
        rpr.children.retain(|c| match c {
            Node::Element(s) if s.name == "w:rStyle" => {
                match attr(s, "w:val").and_then(|v| v.strip_prefix(RUN_MARK)).and_then(Track::from_name) {
                    Some(t) => {
                        found = Some(t);
                        false
                    }
                    None => true,
                }
            }
            _ => true,
        });
        return found;
    }
    None
}

/// Deleted text is `w:delText` (and field code `w:delInstrText`), its spaces kept.
fn delete_text(run: &mut Element) {
    for c in &mut run.children {
        let Node::Element(e) = c else { continue };
        let name = match e.name.as_str() {
            "w:t" => "w:delText",
            "w:instrText" => "w:delInstrText",
            _ => continue,
        };
        e.name = name.into();
        if attr(e, "xml:space").is_none() {
            e.attrs.push(("xml:space".into(), "preserve".into()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review_doc() -> Document {
        let mut doc: Document =
            serde_json::from_str(include_str!("../../../tests/golden/ctoc-cop-wg4-2009.json")).unwrap();
        doc.review = Some(crate::document::Review {
            author: "Chair & co".into(),
            date: "2009-04-21".into(),
            against: "old".into(),
            revisions: Default::default(),
        });
        doc
    }

    #[test]
    fn marked_runs_become_revisions_with_counted_ids() {
        let xml = r#"<w:body><w:bookmarkStart w:id="7" w:name="x" /><w:p><w:pPr><w:rPr><w:ins w:id="99999" w:author="rp-track:moveFrom:p1.moved-from" w:date="" /></w:rPr></w:pPr><w:r><w:rPr><w:rStyle w:val="rp-track-del" /></w:rPr><w:t xml:space="preserve">old </w:t></w:r><w:r><w:rPr><w:rStyle w:val="rp-track-del" /></w:rPr><w:t>text</w:t></w:r><w:r><w:rPr><w:rStyle w:val="rp-track-ins" /></w:rPr><w:t>new</w:t></w:r><w:r><w:t>same</w:t></w:r></w:p></w:body>"#;
        let doc = review_doc();
        let mut next = 1;
        let out = track(xml, &doc, &mut next).unwrap();
        assert_eq!(
            out,
            r#"<w:body><w:bookmarkStart w:id="7" w:name="x" /><w:p><w:pPr><w:rPr><w:moveFrom w:id="8" w:author="Chair &amp; co" w:date="2009-04-21T00:00:00Z" /></w:rPr></w:pPr><w:moveFromRangeStart w:id="9" w:author="Chair &amp; co" w:date="2009-04-21T00:00:00Z" w:name="move1" /><w:del w:id="10" w:author="Chair &amp; co" w:date="2009-04-21T00:00:00Z"><w:r><w:rPr /><w:delText xml:space="preserve">old </w:delText></w:r><w:r><w:rPr /><w:delText xml:space="preserve">text</w:delText></w:r></w:del><w:ins w:id="11" w:author="Chair &amp; co" w:date="2009-04-21T00:00:00Z"><w:r><w:rPr /><w:t>new</w:t></w:r></w:ins><w:r><w:t>same</w:t></w:r><w:moveFromRangeEnd w:id="9" /></w:p></w:body>"#
        );
        assert_eq!(next, 12);
    }
}
