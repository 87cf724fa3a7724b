//! Two versions of a report compared block by block, matched by their stable ids.
//!
//! Divisions, paragraphs and tables of the old and the new `Document` are paired by `id`, never
//! by position or number, so a paragraph that only got a new number is not a change. A paired
//! block is *moved* when its parent changed or when it falls outside the longest common
//! subsequence of the paired ids in reading order. The result is a marked copy: the new document
//! with the word-level changes inside each paired paragraph, sub-item, heading and footnote
//! (`super::words`), a ghost of every deleted or moved-away block at its old place, and a
//! `Review` saying what happened to each block — plus the list of changes and the concordance of
//! paragraph numbers that `rapporteur diff` prints.

use std::collections::{BTreeMap, HashMap, HashSet};

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::words;
use crate::document::{Block, Change, Document, Footnote, Inline, Item, Review, Revision, plain_text};

/// The suffix of the id of a moved block's ghost at its old place.
pub const MOVED_FROM: &str = ".moved-from";

/// A comparison of two versions.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The new document marked with the changes (see the module documentation).
    pub marked: Document,
    /// The changes, in the new document's reading order (deleted blocks where they stood).
    pub changes: Vec<ChangeEntry>,
    /// Every numbered paragraph of either version: its number before and after.
    pub concordance: Vec<ConcordanceRow>,
}

/// What happened to one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    Added,
    Deleted,
    Changed,
    Moved,
}

impl ChangeKind {
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Deleted => "deleted",
            ChangeKind::Changed => "changed",
            ChangeKind::Moved => "moved",
        }
    }
}

/// One line of the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeEntry {
    pub kind: ChangeKind,
    /// "paragraph", "sub-item", "chapter", "section", "heading"…, "table", "footnote".
    pub what: &'static str,
    pub id: String,
    /// Its label in the old version ("12.", "(b)"), if it had one there.
    pub old_num: Option<String>,
    /// Its label in the new version.
    pub new_num: Option<String>,
}

/// A paragraph's number in each version (`None`: not there, or unnumbered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcordanceRow {
    pub id: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Compares `old` with `new`. `author` and `against` go into the marked copy's `Review`; its
/// date is the new document's.
pub fn compare(old: &Document, new: &Document, author: &str, against: &str) -> Comparison {
    let mut c = Comparer {
        old_index: index(&old.body),
        new_index: index(&new.body),
        moved: HashSet::new(),
        old_notes: old.footnotes.iter().map(|f| (f.id.as_str(), f)).collect(),
        revisions: BTreeMap::new(),
        changes: Vec::new(),
    };
    c.find_moves(&old.body, &new.body);
    let body = c.children(Some(&old.body), &new.body);

    // Footnotes: the new ones with their changes marked, then those that only ghosts cite.
    let mut footnotes = Vec::new();
    for f in &new.footnotes {
        match c.old_notes.get(f.id.as_str()) {
            Some(o) => {
                let (content, changed) = words::diff(&o.content, &f.content);
                if changed {
                    c.changes.push(ChangeEntry {
                        kind: ChangeKind::Changed,
                        what: "footnote",
                        id: f.id.clone(),
                        old_num: Some(o.marker.clone()),
                        new_num: Some(f.marker.clone()),
                    });
                }
                footnotes.push(Footnote { content, ..f.clone() });
            }
            None => footnotes.push(f.clone()),
        }
    }
    // Footnotes that only the old text cites (in a ghost, or in deleted words) come along.
    let mut cited = Vec::new();
    body_notes(&body, &mut cited);
    let mut known: HashSet<String> = footnotes.iter().map(|f| f.id.clone()).collect();
    for id in cited {
        if !known.contains(&id)
            && let Some(o) = c.old_notes.get(id.as_str())
        {
            known.insert(id);
            footnotes.push((*o).clone());
        }
    }

    let marked = Document {
        body,
        footnotes,
        review: Some(Review {
            author: author.to_string(),
            date: new.meta.date.clone(),
            against: against.to_string(),
            revisions: c.revisions,
        }),
        ..new.clone()
    };
    let concordance = concordance(old, new, &marked);
    Comparison { marked, changes: c.changes, concordance }
}

/// A block's id, and its parent's (`None` at the top).
type Index<'a> = HashMap<&'a str, (&'a Block, Option<&'a str>)>;

fn index(blocks: &[Block]) -> Index<'_> {
    fn walk<'a>(blocks: &'a [Block], parent: Option<&'a str>, out: &mut Index<'a>) {
        for b in blocks {
            let Some(id) = block_id(b) else { continue };
            out.insert(id, (b, parent));
            if let Block::Division(d) = b {
                walk(&d.children, Some(&d.id), out);
            }
        }
    }
    let mut out = HashMap::new();
    walk(blocks, None, &mut out);
    out
}

/// The id of a block that takes part in the comparison (a table of contents does not: it is
/// generated from the rest).
fn block_id(b: &Block) -> Option<&str> {
    match b {
        Block::Division(d) => Some(&d.id),
        Block::Paragraph(p) => Some(&p.id),
        Block::Table(t) => Some(&t.id),
        Block::Officers(o) => Some(&o.id),
        Block::Contents(_) => None,
    }
}

fn block_num(b: &Block) -> Option<&String> {
    match b {
        Block::Division(d) => d.num.as_ref(),
        Block::Paragraph(p) => p.num.as_ref(),
        Block::Table(t) => t.num.as_ref(),
        Block::Contents(_) | Block::Officers(_) => None,
    }
}

fn what(b: &Block) -> &'static str {
    match b {
        Block::Division(d) => match d.kind {
            crate::document::DivisionKind::Chapter => "chapter",
            crate::document::DivisionKind::Section => "section",
            crate::document::DivisionKind::Group => "group",
            crate::document::DivisionKind::Subgroup => "subgroup",
            crate::document::DivisionKind::Annex => "annex",
            crate::document::DivisionKind::Decision => "decision",
            crate::document::DivisionKind::Rule => "rule",
        },
        Block::Paragraph(_) => "paragraph",
        Block::Table(_) => "table",
        Block::Contents(_) => "contents",
        Block::Officers(_) => "list of officers",
    }
}

fn same_kind(a: &Block, b: &Block) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

struct Comparer<'a> {
    old_index: Index<'a>,
    new_index: Index<'a>,
    /// Ids of paired blocks that moved.
    moved: HashSet<String>,
    old_notes: HashMap<&'a str, &'a Footnote>,
    revisions: BTreeMap<String, Revision>,
    changes: Vec<ChangeEntry>,
}

impl<'a> Comparer<'a> {
    /// Decides which paired blocks moved: those whose parent changed, and those outside the
    /// longest common subsequence of paired ids in reading order.
    fn find_moves(&mut self, old: &'a [Block], new: &'a [Block]) {
        fn order<'b>(blocks: &'b [Block], out: &mut Vec<&'b str>) {
            for b in blocks {
                if let Some(id) = block_id(b) {
                    out.push(id);
                }
                if let Block::Division(d) = b {
                    order(&d.children, out);
                }
            }
        }
        let (mut a, mut b) = (Vec::new(), Vec::new());
        order(old, &mut a);
        order(new, &mut b);
        let paired = |id: &&str| self.paired(id);
        let a: Vec<&str> = a.into_iter().filter(paired).collect();
        let b: Vec<&str> = b.into_iter().filter(paired).collect();
        let mut moved = HashSet::new();
        for op in capture_diff_slices(Algorithm::Patience, &a, &b) {
            if let DiffOp::Insert { new_index, new_len, .. } | DiffOp::Replace { new_index, new_len, .. } = op {
                moved.extend(b[new_index..new_index + new_len].iter().map(|s| s.to_string()));
            }
        }
        for id in &b {
            if self.old_index[id].1 != self.new_index[id].1 {
                moved.insert(id.to_string());
            }
        }
        self.moved = moved;
    }

    /// Whether `id` names a block of the same kind in both versions.
    fn paired(&self, id: &str) -> bool {
        match (self.old_index.get(id), self.new_index.get(id)) {
            (Some((a, _)), Some((b, _))) => same_kind(a, b),
            _ => false,
        }
    }

    fn revise(&mut self, id: &str, change: Change, old_num: Option<String>) {
        self.revisions.insert(id.to_string(), Revision { change, old_num });
    }

    fn entry(&mut self, kind: ChangeKind, what: &'static str, id: &str, old: Option<&String>, new: Option<&String>) {
        self.changes.push(ChangeEntry { kind, what, id: id.to_string(), old_num: old.cloned(), new_num: new.cloned() });
    }

    /// The marked children of a block: the new ones, each followed by the ghosts of the old
    /// blocks that stood after its old counterpart.
    fn children(&mut self, old: Option<&'a [Block]>, new: &'a [Block]) -> Vec<Block> {
        let siblings: HashSet<&str> = new.iter().filter_map(block_id).collect();
        let mut ghosts: HashMap<Option<&str>, Vec<Block>> = HashMap::new();
        if let Some(old) = old {
            let mut anchor: Option<&str> = None;
            for ob in old {
                let Some(id) = block_id(ob) else { continue };
                if siblings.contains(id) && self.paired(id) && !self.moved.contains(id) {
                    anchor = Some(id);
                    continue;
                }
                let change = if self.paired(id) { Change::MovedFrom } else { Change::Deleted };
                let ghost = self.ghost(ob, change, true);
                ghosts.entry(anchor).or_default().push(ghost);
            }
        }
        let mut out = ghosts.remove(&None).unwrap_or_default();
        for nb in new {
            out.push(self.block(nb));
            if let Some(id) = block_id(nb)
                && let Some(g) = ghosts.remove(&Some(id))
            {
                out.extend(g);
            }
        }
        out
    }

    /// A new block, marked.
    fn block(&mut self, nb: &'a Block) -> Block {
        let Some(id) = block_id(nb) else { return nb.clone() };
        if !self.paired(id) {
            self.entry(ChangeKind::Added, what(nb), id, None, block_num(nb));
            return self.inserted(nb);
        }
        let ob = self.old_index[id].0;
        let renumbered = (block_num(ob) != block_num(nb)).then(|| block_num(ob).cloned().unwrap_or_default());
        if self.moved.contains(id) {
            self.entry(ChangeKind::Moved, what(nb), id, block_num(ob), block_num(nb));
            // Its old text stays at the old place (the ghost); here stands the new text.
            if changed_text(ob, nb) {
                self.entry(ChangeKind::Changed, what(nb), id, block_num(ob), block_num(nb));
            }
            return self.moved_to(ob, nb, renumbered);
        }
        match (ob, nb) {
            (Block::Division(o), Block::Division(n)) => {
                let (heading, changed) = words::diff(&o.heading, &n.heading);
                if changed {
                    self.entry(ChangeKind::Changed, what(nb), id, o.num.as_ref(), n.num.as_ref());
                }
                self.revise_in_place(id, changed, renumbered);
                let children = self.children(Some(&o.children), &n.children);
                Block::Division(crate::document::Division { heading, children, ..n.clone() })
            }
            (Block::Paragraph(o), Block::Paragraph(n)) => {
                let (content, changed) = words::diff(&o.content, &n.content);
                if changed {
                    self.entry(ChangeKind::Changed, "paragraph", id, o.num.as_ref(), n.num.as_ref());
                }
                self.revise_in_place(id, changed, renumbered);
                let items = self.items(&o.items, &n.items);
                Block::Paragraph(crate::document::Paragraph { content, items, ..n.clone() })
            }
            (Block::Table(o), Block::Table(n)) => {
                // Tables are compared whole: a changed table is marked, not redlined cell by cell.
                let changed = (&o.caption, &o.header, &o.rows) != (&n.caption, &n.header, &n.rows);
                if changed {
                    self.entry(ChangeKind::Changed, "table", id, o.num.as_ref(), n.num.as_ref());
                }
                self.revise_in_place(id, changed, renumbered);
                nb.clone()
            }
            _ => nb.clone(),
        }
    }

    fn revise_in_place(&mut self, id: &str, changed: bool, renumbered: Option<String>) {
        match (changed, renumbered) {
            (true, old_num) => self.revise(id, Change::Changed, old_num),
            (false, Some(old_num)) => self.revise(id, Change::Renumbered, Some(old_num)),
            (false, None) => {}
        }
    }

    /// Sub-items of a paired paragraph, paired by id (no moves: a sub-item that changed place
    /// keeps its text where it now stands).
    fn items(&mut self, old: &'a [Item], new: &'a [Item]) -> Vec<Item> {
        let new_ids: HashSet<&str> = new.iter().map(|i| i.id.as_str()).collect();
        let old_by_id: HashMap<&str, &Item> = old.iter().map(|i| (i.id.as_str(), i)).collect();
        let mut ghosts: HashMap<Option<&str>, Vec<Item>> = HashMap::new();
        let mut anchor = None;
        for oi in old {
            if new_ids.contains(oi.id.as_str()) {
                anchor = Some(oi.id.as_str());
            } else {
                self.entry(ChangeKind::Deleted, "sub-item", &oi.id, Some(&oi.label), None);
                let ghost = self.ghost_item(oi, Change::Deleted, "");
                ghosts.entry(anchor).or_default().push(ghost);
            }
        }
        let mut out = ghosts.remove(&None).unwrap_or_default();
        for ni in new {
            match old_by_id.get(ni.id.as_str()) {
                None => {
                    self.entry(ChangeKind::Added, "sub-item", &ni.id, None, Some(&ni.label));
                    out.push(self.inserted_item(ni, Change::Inserted));
                }
                Some(oi) => {
                    let (content, changed) = words::diff(&oi.content, &ni.content);
                    if changed {
                        self.entry(ChangeKind::Changed, "sub-item", &ni.id, Some(&oi.label), Some(&ni.label));
                    }
                    let renumbered = (oi.label != ni.label).then(|| oi.label.clone());
                    self.revise_in_place(&ni.id, changed, renumbered);
                    let items = self.items(&oi.items, &ni.items);
                    out.push(Item { content, items, ..ni.clone() });
                }
            }
            if let Some(g) = ghosts.remove(&Some(ni.id.as_str())) {
                out.extend(g);
            }
        }
        out
    }

    /// A block new in this version, with everything in it marked inserted — except paired
    /// blocks moved into it, which are marked as moves.
    fn inserted(&mut self, nb: &'a Block) -> Block {
        let id = block_id(nb).unwrap_or_default();
        self.revise(id, Change::Inserted, None);
        match nb {
            Block::Division(d) => {
                let children = self.children(None, &d.children);
                Block::Division(crate::document::Division { children, ..d.clone() })
            }
            Block::Paragraph(p) => {
                let items = p.items.iter().map(|i| self.inserted_item(i, Change::Inserted)).collect();
                Block::Paragraph(crate::document::Paragraph { items, ..p.clone() })
            }
            _ => nb.clone(),
        }
    }

    fn inserted_item(&mut self, item: &Item, change: Change) -> Item {
        self.revise(&item.id, change, None);
        let items = item.items.iter().map(|i| self.inserted_item(i, change)).collect();
        Item { items, ..item.clone() }
    }

    /// The new place of a moved block: its new text, marked as moved here.
    fn moved_to(&mut self, ob: &'a Block, nb: &'a Block, renumbered: Option<String>) -> Block {
        let id = block_id(nb).unwrap_or_default();
        self.revise(id, Change::MovedTo, renumbered);
        match (ob, nb) {
            (Block::Division(o), Block::Division(n)) => {
                let children = self.children(Some(&o.children), &n.children);
                Block::Division(crate::document::Division { children, ..n.clone() })
            }
            (_, Block::Paragraph(p)) => {
                let items = p.items.iter().map(|i| self.inserted_item(i, Change::MovedTo)).collect();
                Block::Paragraph(crate::document::Paragraph { items, ..p.clone() })
            }
            _ => nb.clone(),
        }
    }

    /// An old block standing where it stood: deleted, or (`MovedFrom`) the old place of a move,
    /// whose id gets the suffix `.moved-from`. `top`: the block itself rather than one inside
    /// it (only the top one is listed as a change).
    fn ghost(&mut self, ob: &'a Block, change: Change, top: bool) -> Block {
        let id = block_id(ob).unwrap_or_default();
        // Inside a deleted division, a block that lives on elsewhere is a move's old place.
        let change = if change == Change::Deleted && self.paired(id) { Change::MovedFrom } else { change };
        if top && change == Change::Deleted {
            self.entry(ChangeKind::Deleted, what(ob), id, block_num(ob), None);
        }
        let suffix = if change == Change::MovedFrom { MOVED_FROM } else { "" };
        let ghost_id = format!("{id}{suffix}");
        self.revise(&ghost_id, change, None);
        match ob {
            Block::Division(d) => {
                let children = d.children.iter().map(|c| self.ghost(c, Change::Deleted, false)).collect();
                Block::Division(crate::document::Division { id: ghost_id, children, ..d.clone() })
            }
            Block::Paragraph(p) => {
                let items = p.items.iter().map(|i| self.ghost_item(i, change, suffix)).collect();
                Block::Paragraph(crate::document::Paragraph { id: ghost_id, items, ..p.clone() })
            }
            Block::Table(t) => Block::Table(crate::document::Table { id: ghost_id, ..t.clone() }),
            Block::Officers(o) => Block::Officers(crate::document::Officers { id: ghost_id, ..o.clone() }),
            Block::Contents(_) => ob.clone(),
        }
    }

    fn ghost_item(&mut self, item: &Item, change: Change, suffix: &str) -> Item {
        let id = format!("{}{suffix}", item.id);
        self.revise(&id, change, None);
        let items = item.items.iter().map(|i| self.ghost_item(i, change, suffix)).collect();
        Item { id, items, ..item.clone() }
    }
}

/// Whether the text of a paired block differs (not its number).
fn changed_text(ob: &Block, nb: &Block) -> bool {
    match (ob, nb) {
        (Block::Paragraph(o), Block::Paragraph(n)) => {
            words::diff(&o.content, &n.content).1 || items_text(&o.items) != items_text(&n.items)
        }
        (Block::Division(o), Block::Division(n)) => words::diff(&o.heading, &n.heading).1,
        _ => false,
    }
}

/// The sub-items' ids and texts, depth first.
fn items_text(items: &[Item]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for i in items {
        out.push((i.id.clone(), plain_text(&i.content)));
        out.extend(items_text(&i.items));
    }
    out
}

/// The footnotes cited in `blocks`, in order.
fn body_notes(blocks: &[Block], out: &mut Vec<String>) {
    fn items(list: &[Item], out: &mut Vec<String>) {
        for i in list {
            collect_notes(&i.content, out);
            items(&i.items, out);
        }
    }
    for b in blocks {
        match b {
            Block::Division(d) => {
                collect_notes(&d.heading, out);
                body_notes(&d.children, out);
            }
            Block::Paragraph(p) => {
                collect_notes(&p.content, out);
                items(&p.items, out);
            }
            Block::Table(t) => {
                collect_notes(&t.caption, out);
                for cell in t.header_cells().map(|c| &c.content).chain(t.rows.iter().flatten()) {
                    collect_notes(cell, out);
                }
            }
            Block::Contents(_) | Block::Officers(_) => {}
        }
    }
}

fn collect_notes(inlines: &[Inline], out: &mut Vec<String>) {
    for i in inlines {
        match i {
            Inline::NoteRef { id, .. } => out.push(id.clone()),
            other => collect_notes(other.children(), out),
        }
    }
}

/// The numbered paragraphs of both versions in the marked copy's order: the new ones, and each
/// deleted one where it stood (a move is listed at its new place).
fn concordance(old: &Document, new: &Document, marked: &Document) -> Vec<ConcordanceRow> {
    let nums = |d: &Document| -> HashMap<String, Option<String>> {
        d.paragraphs().into_iter().map(|p| (p.id.clone(), p.num.clone())).collect()
    };
    let (old_nums, new_nums) = (nums(old), nums(new));
    marked
        .paragraphs()
        .into_iter()
        .filter(|p| !p.id.ends_with(MOVED_FROM))
        .map(|p| ConcordanceRow {
            id: p.id.clone(),
            old: old_nums.get(&p.id).cloned().flatten(),
            new: new_nums.get(&p.id).cloned().flatten(),
        })
        .filter(|r| r.old.is_some() || r.new.is_some())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Division, DivisionKind, Masthead, Meta, Paragraph};

    fn para(id: &str, num: u32, text: &str) -> Block {
        Block::Paragraph(Paragraph {
            id: id.into(),
            num: Some(format!("{num}.")),
            content: vec![Inline::text(text)],
            items: vec![],
        })
    }

    fn doc(paras: &[(&str, &str)]) -> Document {
        let children = paras.iter().enumerate().map(|(i, (id, text))| para(id, i as u32 + 1, text)).collect();
        Document {
            meta: Meta {
                slug: "s".into(),
                language: "en".into(),
                date: "2009-04-21".into(),
                title: String::new(),
                symbol: String::new(),
                body_short: String::new(),
            },
            masthead: Masthead {
                publisher: String::new(),
                symbol: String::new(),
                organ: String::new(),
                distribution: String::new(),
                date: String::new(),
                original: String::new(),
                distribution_label: "Distr.: ".into(),
                version: None,
                original_label: "Original: ".into(),
                caption: vec![],
                title: vec![],
                job_number: None,
                barcode: None,
                ..Default::default()
            },
            body: vec![Block::Division(Division {
                kind: DivisionKind::Chapter,
                id: "ch".into(),
                num: Some("I.".into()),
                heading: vec![Inline::text("Chapter")],
                children,
            })],
            footnotes: vec![],
            entities: vec![],
            review: None,
        }
    }

    #[test]
    fn insert_delete_reword_move_and_nothing_else() {
        let old = doc(&[("a", "Alpha."), ("b", "Bravo."), ("c", "Charlie one."), ("d", "Delta."), ("e", "Echo.")]);
        // x inserted first (all others renumbered), b deleted, c reworded, a moved to the end.
        let new = doc(&[("x", "X-ray."), ("c", "Charlie two."), ("d", "Delta."), ("e", "Echo."), ("a", "Alpha.")]);
        let cmp = compare(&old, &new, "rapporteur", "old");
        let mut got: Vec<(ChangeKind, &str)> = cmp.changes.iter().map(|c| (c.kind, c.id.as_str())).collect();
        got.sort();
        assert_eq!(
            got,
            vec![
                (ChangeKind::Added, "x"),
                (ChangeKind::Deleted, "b"),
                (ChangeKind::Changed, "c"),
                (ChangeKind::Moved, "a")
            ]
        );
        let review = cmp.marked.review.as_ref().unwrap();
        assert_eq!(review.revisions["a"].change, Change::MovedTo);
        assert_eq!(review.revisions["a.moved-from"].change, Change::MovedFrom);
        assert_eq!(review.revisions["d"], Revision { change: Change::Renumbered, old_num: Some("4.".into()) });
        let ids: Vec<&str> = cmp.marked.paragraphs().iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, vec!["a.moved-from", "b", "x", "c", "d", "e", "a"]);
        let rows: Vec<(Option<&str>, Option<&str>)> =
            cmp.concordance.iter().map(|r| (r.old.as_deref(), r.new.as_deref())).collect();
        assert_eq!(
            rows,
            vec![
                (Some("2."), None),
                (None, Some("1.")),
                (Some("3."), Some("2.")),
                (Some("4."), Some("3.")),
                (Some("5."), Some("4.")),
                (Some("1."), Some("5.")),
            ]
        );
    }
}
