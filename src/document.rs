//! The one model every writer reads: a report with every number, footnote marker and
//! cross-reference already resolved.
//!
//! The assembler (`crate::assemble`) builds the `Document` of a session; the importers build one
//! from what they read (another producer's AKN, a text, a PDF, a DOCX) and hand it to
//! `crate::import::from_document`, the one step from a document back to session data. Writers (`crate::writers::*`) take a `&Document` and never count:
//! every label they print ("I.", "A.", "1.", "12.", "(a)", "(i)", "¹", "a", "*") is a string stored
//! here. That is what keeps PDF, DOCX, HTML, text and Akoma Ntoso from disagreeing.
//!
//! Every division, paragraph, sub-item and footnote carries a stable `id` that comes from the
//! session data (given, or derived from the data when none is given). Ids survive renumbering,
//! so cross-references, review diffs and Akoma Ntoso `eId`s hang on them, never on numbers.
//!
//! The model serializes to JSON (`serde`), which is how the PDF template receives it and how the
//! tests keep a "middle" golden file.

use serde::{Deserialize, Serialize};

/// A whole report, ready to be written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub meta: Meta,
    pub masthead: Masthead,
    /// Chapters (and, in reports that have them, a table of contents and annexes) in reading order.
    pub body: Vec<Block>,
    /// Every footnote of the report in order of appearance. Each is cited exactly once, by the
    /// `Inline::NoteRef` with the same `id`; writers place it at that point (or, for the plain
    /// text writer, after the paragraph that cites it).
    pub footnotes: Vec<Footnote>,
    /// The people, organizations and roles that the generated sentences mark up
    /// (`Inline::Entity`), for Akoma Ntoso's `meta/references`. Sorted by `id`.
    pub entities: Vec<Entity>,
    /// Set only in a marked copy made by `rapporteur diff` (`crate::review`): how this text
    /// differs from an earlier version. Absent from the JSON of every ordinary build.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
}

/// What a marked copy says about its changes. The text itself carries the word-level marks
/// (`Inline::Inserted`, `Inline::Deleted`); whole blocks are marked here, by id. A block deleted
/// since the earlier version stands in the body where it stood (a "ghost", with its old id); a
/// moved block stands in both places, the old one under the id `<id>.moved-from`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// Who the changes are attributed to (the author of Word's tracked changes).
    pub author: String,
    /// The date of the changes, `YYYY-MM-DD`: the newer version's date, never the clock.
    pub date: String,
    /// The earlier version, as the legend names it.
    pub against: String,
    /// The divisions, paragraphs, sub-items and tables that changed, by id.
    pub revisions: std::collections::BTreeMap<String, Revision>,
}

/// How one block differs from the earlier version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    pub change: Change,
    /// Its label in the earlier version, when that differs from its label now ("12.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_num: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// New in this version (its whole text is inserted).
    Inserted,
    /// Gone from this version: a ghost of the old block, its whole text deleted.
    Deleted,
    /// The old place of a moved block (a ghost with the old text).
    MovedFrom,
    /// The new place of a moved block.
    MovedTo,
    /// Its text changed (marked word by word inside it).
    Changed,
    /// Only its number changed. Not a change of the text; a writer of tracked changes still
    /// tracks the label, so that rejecting every change gives the old numbers back.
    Renumbered,
}

/// Facts about the document as a file rather than as text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// The session folder's name, e.g. `ctoc-cop-wg4-2009`.
    pub slug: String,
    /// BCP 47 language of the text, e.g. `en`.
    pub language: String,
    /// The date of issue as `YYYY-MM-DD`. Writers use it as the creation and modification
    /// timestamp (midnight UTC) so that outputs never depend on the wall clock.
    pub date: String,
    /// The title as plain text, for document properties.
    pub title: String,
    /// The document symbol, e.g. `CTOC/COP/WG.4/2009/2` (also the "subject" property).
    pub symbol: String,
    /// The body that issued the report, in short form for identifiers, e.g. `ctoc-cop`.
    pub body_short: String,
}

/// The first-page block of a UN document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Masthead {
    /// "United Nations" on the top line.
    pub publisher: String,
    /// e.g. `CTOC/COP/WG.4/2009/2`.
    pub symbol: String,
    /// The organ, printed in bold in the second block.
    pub organ: String,
    /// e.g. `General`, `Limited`, `Restricted` (printed as "Distr.: General"); in a French or
    /// Spanish version the translated word (`générale`, "Distr. générale").
    pub distribution: String,
    /// What writers print before `distribution`: "Distr.: " ("Distr. " in French and Spanish).
    #[serde(default = "english_distribution_label", skip_serializing_if = "is_english_distribution_label")]
    pub distribution_label: String,
    /// The date of issue as printed: "21 April 2009".
    pub date: String,
    /// In a version that is not the original, the line naming its language, printed between
    /// the date and "Original:" ("Français", "Español", "Russian", "Chinese", "Arabic").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// e.g. `English` (printed as "Original: English"; "Original : anglais" in French).
    pub original: String,
    /// What writers print before `original`: "Original: " (in French with a narrow no-break
    /// space before the colon).
    #[serde(default = "english_original_label", skip_serializing_if = "is_english_original_label")]
    pub original_label: String,
    /// The meeting caption, one line each, printed in bold under the rule:
    /// the meeting's name, "Vienna, 14 and 15 April 2009", perhaps "Item 2 of the provisional
    /// agenda*" (whose `*` is a `NoteRef` to a footnote with marker `*`).
    pub caption: Vec<Vec<Inline>>,
    /// The title, printed large and bold.
    pub title: Vec<Inline>,
    /// The job number, e.g. `V.09-82790 (E)`, printed bottom left on page 1.
    pub job_number: Option<String>,
    /// Its bar-code text, e.g. `*0982790*` (Code 39 of the job digits between asterisks).
    pub barcode: Option<String>,
    /// The usual masthead, or the pre-2000 one in capitals ("Distr. GENERAL", "ORIGINAL:
    /// ENGLISH"; the assembler has already put the publisher, organ and title in capitals).
    #[serde(default, skip_serializing_if = "MastheadStyle::is_standard")]
    pub style: MastheadStyle,
    /// A volume of the Official Records: its title page names the organ, "Official Records",
    /// the session and the supplement instead of the distribution block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_records: Option<OfficialRecords>,
    /// Cited right after the symbol: a `NoteRef` to a footnote marked `*` ("Reissued for
    /// technical reasons on 12 May 2025."). Empty when there is none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub symbol_note: Vec<Inline>,
    /// An addendum's lines under the title: "Addendum" and the part it carries ("Part two:
    /// Action taken by …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addendum: Option<Addendum>,
    /// A draft report's rapporteur, printed under the title after "Rapporteur: "
    /// ("Ms. Eliza Grisle (Latvia)").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rapporteur: Option<Vec<Inline>>,
    /// What writers print before the rapporteur's name: "Rapporteur: " ("Relator: ", "报告员：").
    #[serde(default = "english_rapporteur_label", skip_serializing_if = "is_english_rapporteur_label")]
    pub rapporteur_label: String,
}

/// How the masthead is printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MastheadStyle {
    /// "Distr.: General", "Original: English".
    #[default]
    Standard,
    /// The pre-2000 style: "Distr." over "GENERAL", "ORIGINAL: ENGLISH", names and title in
    /// capitals.
    Capitals,
}

impl MastheadStyle {
    pub fn is_standard(&self) -> bool {
        *self == MastheadStyle::Standard
    }
}

/// The title page of a report printed in the Official Records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficialRecords {
    /// "General Assembly".
    pub organ: String,
    /// "Official Records".
    pub label: String,
    /// "Eightieth Session".
    pub session: String,
    /// "Supplement No. 33".
    pub supplement: String,
}

impl OfficialRecords {
    /// The block's lines as printed: organ, "Official Records", session, supplement.
    pub fn lines(&self) -> [&str; 4] {
        [&self.organ, &self.label, &self.session, &self.supplement]
    }
}

/// The lines an addendum prints under the title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Addendum {
    /// "Addendum".
    pub label: String,
    /// "Part two: Action taken by …" (empty when the addendum names no part).
    pub part: Vec<Inline>,
}

impl Masthead {
    /// The right-hand column of the first page as printed, line by line (an empty string is
    /// a blank line): "Distr.: General", the date, "", "Original: English"; in the capitals
    /// style "Distr.", "GENERAL", "", the date, "", "ORIGINAL: ENGLISH". An Official Records
    /// volume has none.
    pub fn distribution_lines(&self) -> Vec<String> {
        if self.official_records.is_some() {
            return Vec::new();
        }
        match self.style {
            MastheadStyle::Standard => {
                // The labels are the version's own ("Distr. générale", "Original : anglais"),
                // and a version other than the original names its language above "Original".
                let mut lines =
                    vec![format!("{}{}", self.distribution_label, self.distribution), self.date.clone(), String::new()];
                lines.extend(self.version.clone());
                lines.push(format!("{}{}", self.original_label, self.original));
                lines
            }
            MastheadStyle::Capitals => vec![
                "Distr.".into(),
                self.distribution.to_uppercase(),
                String::new(),
                self.date.clone(),
                String::new(),
                format!("ORIGINAL: {}", self.original.to_uppercase()),
            ],
        }
    }

    /// The rapporteur's line as printed ("Rapporteur: Ms. Eliza Grisle (Latvia)").
    pub fn rapporteur_line(&self) -> Option<Vec<Inline>> {
        let name = self.rapporteur.as_ref()?;
        let mut line = vec![Inline::text(&self.rapporteur_label)];
        line.extend(name.iter().cloned());
        Some(line)
    }

    /// Every line printed under the title, in order: the addendum's label and part, the
    /// rapporteur's line.
    pub fn subtitle_lines(&self) -> Vec<Vec<Inline>> {
        let mut out = self.addendum_lines();
        out.extend(self.rapporteur_line());
        out
    }

    /// The addendum's label and the part it carries, printed in bold under the title.
    pub fn addendum_lines(&self) -> Vec<Vec<Inline>> {
        let mut out = Vec::new();
        if let Some(a) = &self.addendum {
            out.push(vec![Inline::text(&a.label)]);
            if !a.part.is_empty() {
                out.push(a.part.clone());
            }
        }
        out
    }

    /// The rapporteur's line as the page sets it (A/AC.182/2025/L.1): the office in italics, its
    /// colon upright, the name as written ("*Rapporteur*: Ms. Eliza **Grisle** (Latvia)"), in
    /// regular type — not in the bold of the lines above it.
    pub fn rapporteur_line_styled(&self) -> Option<Vec<Inline>> {
        let name = self.rapporteur.as_ref()?;
        let label = self.rapporteur_label.as_str();
        let word = label.trim_end().trim_end_matches([':', '：']).trim_end();
        let mut line = Vec::new();
        if !word.is_empty() {
            line.push(Inline::Emph { content: vec![Inline::text(word)] });
        }
        line.push(Inline::text(&label[word.len()..]));
        line.extend(name.iter().cloned());
        Some(line)
    }
}

/// An English masthead with nothing filled in: what importers start from (they fill what the
/// source says; the labels are the English original's).
impl Default for Masthead {
    fn default() -> Self {
        Masthead {
            publisher: "United Nations".into(),
            symbol: String::new(),
            organ: String::new(),
            distribution: String::new(),
            distribution_label: english_distribution_label(),
            date: String::new(),
            version: None,
            original: String::new(),
            original_label: english_original_label(),
            caption: Vec::new(),
            title: Vec::new(),
            job_number: None,
            barcode: None,
            style: MastheadStyle::default(),
            official_records: None,
            symbol_note: Vec::new(),
            addendum: None,
            rapporteur: None,
            rapporteur_label: english_rapporteur_label(),
        }
    }
}

// The masthead labels of the English original are left out of the JSON model (its golden files
// predate the languages); every other version writes its own.
fn english_distribution_label() -> String {
    "Distr.: ".into()
}
fn is_english_distribution_label(label: &str) -> bool {
    label == "Distr.: "
}
fn english_rapporteur_label() -> String {
    "Rapporteur: ".into()
}
fn is_english_rapporteur_label(label: &str) -> bool {
    label == "Rapporteur: "
}
fn english_original_label() -> String {
    "Original: ".into()
}
fn is_english_original_label(label: &str) -> bool {
    label == "Original: "
}

/// One element of the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Division(Division),
    Paragraph(Paragraph),
    Table(Table),
    /// A generated table of contents.
    Contents(Contents),
    /// Officers listed by office, unnumbered, indented under the paragraph that introduces
    /// them.
    Officers(Officers),
}

/// What kind of division a heading opens; writers map it to a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DivisionKind {
    /// "I. Recommendations adopted by the Working Group" (14 pt bold).
    Chapter,
    /// "A. General recommendations" (12 pt bold).
    Section,
    /// "1. Victims of trafficking" — a numbered group heading inside a section (10 pt bold);
    /// paragraph numbers run straight through groups.
    Group,
    /// "(i) …" — a heading below group level (10 pt italic).
    Subgroup,
    /// "Annex I" with its title; annex paragraphs and footnotes are numbered on their own.
    Annex,
    /// A decision or resolution quoted in full ("Decision 4/4" and its title); its own
    /// paragraphs are numbered inside it.
    Decision,
    /// A rule of rules of procedure ("Rule 1" over its title, "Scope"); its paragraphs are
    /// numbered inside it.
    Rule,
}

/// A heading and what stands under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Division {
    pub kind: DivisionKind,
    pub id: String,
    /// The label as printed, with its punctuation: "I.", "A.", "1.", "(i)", "Annex I",
    /// "Decision 4/4"; `None` for an unnumbered heading.
    pub num: Option<String>,
    pub heading: Vec<Inline>,
    pub children: Vec<Block>,
}

/// A paragraph of the body: numbered ("12.") or not, with optional sub-items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    pub id: String,
    /// "12." for a numbered paragraph; `None` for an unnumbered one.
    pub num: Option<String>,
    pub content: Vec<Inline>,
    /// Sub-items (a), (b)… in order.
    pub items: Vec<Item>,
}

/// A sub-item of a paragraph or of another item: "(a) …", "(i) …", "a. …", "i. …"; agenda
/// items inside a paragraph are items too ("1. Organizational matters:").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    /// The label as printed: "(a)", "(i)", "a.", "i.", "1.".
    pub label: String,
    pub content: Vec<Inline>,
    pub items: Vec<Item>,
}

/// The officers of the meeting listed by office, as a report prints its bureau:
///
/// ```text
///       Chair:
///           Nathaniel Khng (Singapore)
///       Vice-Chairs:
///           Amanuel Giorgio (Eritrea)
///           Elisa De Raes (Belgium)
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Officers {
    pub id: String,
    /// The offices in order, each with its holders.
    pub offices: Vec<Office>,
}

/// One office of a list of officers and who holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Office {
    /// The role as the session writes it (`chair`, `vice-chair`…), for readers of the model.
    pub role: String,
    /// The office as printed, with its colon, in the plural when it has several holders:
    /// "Chair:", "Vice-Chairs:", "Vice-Présidents :".
    pub label: String,
    /// Each holder as printed, "Nathaniel Khng (Singapore)" (the name and the State marked
    /// as entities).
    pub holders: Vec<Vec<Inline>>,
}

impl Division {
    /// Whether its heading is note citations alone, printed after its label on the label's
    /// line ("Intersessional decision 1¹": the note cites the label, there is no title).
    pub fn heading_only_cites(&self) -> bool {
        self.num.is_some()
            && !self.heading.is_empty()
            && self.heading.iter().all(|i| matches!(i, Inline::NoteRef { .. }))
    }
}

/// A table. Footnotes cited inside it are lettered (their markers say so).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub id: String,
    /// "Table 1" or `None`.
    pub num: Option<String>,
    pub caption: Vec<Inline>,
    /// The column headings, row by row, top to bottom (none, one or several rows); a cell may
    /// span columns and rows ("Unique identifier" over "First" and "Last"). Serialized as a
    /// list of cells when it is one row of single cells (the form the model always had), as a
    /// list of rows of `HeaderCell`s otherwise (see `header_form`).
    #[serde(with = "header_form")]
    pub header: Vec<Vec<HeaderCell>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
}

/// A cell of a table's header: its content and how many columns and header rows it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderCell {
    pub content: Vec<Inline>,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub columns: usize,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub rows: usize,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

impl HeaderCell {
    /// A cell over one column and one row.
    pub fn new(content: Vec<Inline>) -> HeaderCell {
        HeaderCell { content, columns: 1, rows: 1 }
    }

    pub fn spanning(content: Vec<Inline>, columns: usize, rows: usize) -> HeaderCell {
        HeaderCell { content, columns, rows }
    }

    /// Over one column and one row.
    pub fn is_single(&self) -> bool {
        self.columns == 1 && self.rows == 1
    }
}

impl Table {
    /// A header of one row of single cells (none when `cells` is empty).
    pub fn header_row(cells: Vec<Vec<Inline>>) -> Vec<Vec<HeaderCell>> {
        if cells.is_empty() { Vec::new() } else { vec![cells.into_iter().map(HeaderCell::new).collect()] }
    }

    /// Every header cell, row by row.
    pub fn header_cells(&self) -> impl Iterator<Item = &HeaderCell> {
        self.header.iter().flatten()
    }

    pub fn header_cells_mut(&mut self) -> impl Iterator<Item = &mut HeaderCell> {
        self.header.iter_mut().flatten()
    }

    /// The header as one row of single cells, when it is that (or empty).
    pub fn plain_header(&self) -> Option<Vec<&[Inline]>> {
        match self.header.as_slice() {
            [] => Some(Vec::new()),
            [row] if row.iter().all(HeaderCell::is_single) => Some(row.iter().map(|c| c.content.as_slice()).collect()),
            _ => None,
        }
    }

    /// How many columns the table has: the widest of its body rows and header rows (spans
    /// counted).
    pub fn width(&self) -> usize {
        let spans: Vec<Vec<(usize, usize)>> =
            self.header.iter().map(|r| r.iter().map(|c| (c.columns, c.rows)).collect()).collect();
        let head = header_grid(&spans).widths.into_iter().max().unwrap_or(0);
        self.rows.iter().map(Vec::len).chain([head]).max().unwrap_or(0)
    }

    /// Whether the header is one row of single cells, or rows that each fill the table's width
    /// (its widest body row, or its first header row's) once spans are counted and each have a
    /// cell of their own, with no cell reaching below the header: what a session's table can
    /// hold and `rapporteur check` asks of it.
    pub fn header_is_regular(&self) -> bool {
        if self.plain_header().is_some() {
            return true;
        }
        let grid = self.header_grid();
        let width = self.rows.iter().map(Vec::len).max().unwrap_or_else(|| grid.widths.first().copied().unwrap_or(0));
        grid.overhanging.is_empty()
            && self.header.iter().all(|row| !row.is_empty())
            && (0..self.header.len()).all(|r| grid.widths[r] == width && grid.gaps(r, width).is_empty())
    }

    /// Where the header's cells stand (see `header_grid`).
    pub fn header_grid(&self) -> HeaderGrid {
        let spans: Vec<Vec<(usize, usize)>> =
            self.header.iter().map(|r| r.iter().map(|c| (c.columns, c.rows)).collect()).collect();
        header_grid(&spans)
    }
}

/// Where the cells of a header of several rows stand, as HTML and Word lay them out: each cell
/// takes the first column of its row not yet covered by a cell above that spans down into it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderGrid {
    /// For each row, each cell's first column.
    pub starts: Vec<Vec<usize>>,
    /// For each row, the columns it covers (its own cells and those spanning down into it), in
    /// order, and which cell covers each: `(row, cell)` of that cell.
    pub covered: Vec<Vec<(usize, (usize, usize))>>,
    /// For each row, the number of columns up to the last covered one.
    pub widths: Vec<usize>,
    /// Cells whose rows reach below the last header row: `(row, cell)`.
    pub overhanging: Vec<(usize, usize)>,
}

impl HeaderGrid {
    /// The columns row `r` leaves uncovered before its width `width`.
    pub fn gaps(&self, r: usize, width: usize) -> Vec<usize> {
        let covered: std::collections::BTreeSet<usize> = self.covered[r].iter().map(|(c, _)| *c).collect();
        (0..width).filter(|c| !covered.contains(c)).collect()
    }

    /// The cell covering column `c` of row `r`, as `(row, cell)`, and whether it starts there.
    pub fn at(&self, r: usize, c: usize) -> Option<((usize, usize), bool)> {
        let (_, owner) = self.covered.get(r)?.iter().find(|(col, _)| *col == c)?;
        Some((*owner, owner.0 == r && self.starts[owner.0][owner.1] == c))
    }
}

/// Lays out header rows given each cell's `(columns, rows)` (a span of 0 counts as 1).
pub fn header_grid(spans: &[Vec<(usize, usize)>]) -> HeaderGrid {
    let n = spans.len();
    let mut grid = HeaderGrid {
        starts: vec![Vec::new(); n],
        covered: vec![Vec::new(); n],
        widths: vec![0; n],
        overhanging: Vec::new(),
    };
    // Columns taken in each row by cells from rows above: column → owner.
    let mut taken: Vec<std::collections::BTreeMap<usize, (usize, usize)>> = vec![Default::default(); n];
    for (r, row) in spans.iter().enumerate() {
        let mut col = 0;
        for (i, &(columns, rows)) in row.iter().enumerate() {
            let (columns, rows) = (columns.max(1), rows.max(1));
            while taken[r].contains_key(&col) {
                col += 1;
            }
            grid.starts[r].push(col);
            if r + rows > n {
                grid.overhanging.push((r, i));
            }
            for below in taken.iter_mut().take((r + rows).min(n)).skip(r) {
                for c in col..col + columns {
                    below.entry(c).or_insert((r, i));
                }
            }
            col += columns;
        }
    }
    for (r, cols) in taken.into_iter().enumerate() {
        grid.widths[r] = cols.keys().next_back().map_or(0, |c| c + 1);
        grid.covered[r] = cols.into_iter().collect();
    }
    grid
}

/// The serialized form of a table's header: one row of single cells as the list of their
/// contents (`[[inline…], [inline…]]`, the model's form before headers had rows), anything else
/// as a list of rows of `HeaderCell` objects. Read back either way: an inline always has a
/// `type`, a header cell never does.
mod header_form {
    use super::{HeaderCell, Inline, Table};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(header: &[Vec<HeaderCell>], s: S) -> Result<S::Ok, S::Error> {
        let plain = header.len() <= 1 && header.iter().flatten().all(HeaderCell::is_single);
        if plain {
            let cells: Vec<&Vec<Inline>> = header.iter().flatten().map(|c| &c.content).collect();
            cells.serialize(s)
        } else {
            header.serialize(s)
        }
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Form {
        Plain(Vec<Vec<Inline>>),
        Rows(Vec<Vec<HeaderCell>>),
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<HeaderCell>>, D::Error> {
        Ok(match Form::deserialize(d)? {
            Form::Plain(cells) => Table::header_row(cells),
            Form::Rows(rows) => rows,
        })
    }
}

/// A table of contents, generated from the document's divisions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contents {
    pub id: String,
    /// "Contents".
    pub heading: String,
    /// The headings of the two columns of numbers: "Paragraphs" and "Page".
    #[serde(default = "Contents::english_columns")]
    pub columns: [String; 2],
    /// The heading over the labels, where the volume prints one: "Chapter" in the Official
    /// Records, whose contents list "I.", "II." under it and no paragraph numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_column: Option<String>,
    pub entries: Vec<ContentsEntry>,
}

impl Contents {
    /// The English column headings ("Paragraphs", "Page"), which importers read back from any
    /// report (the column headings carry no data of their own).
    pub fn english_columns() -> [String; 2] {
        ["Paragraphs".into(), "Page".into()]
    }
}

/// One line of the table of contents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContentsEntry {
    /// 0 for chapters and annexes, 1 for sections, 2 for groups.
    pub level: u8,
    pub num: Option<String>,
    /// The heading as plain text.
    pub title: String,
    /// The range of paragraph numbers under it, as printed: "1-24", "30", or `None`.
    pub paragraphs: Option<String>,
    /// The `id` of the division it points to (writers that know pages look it up).
    pub target: String,
}

/// A footnote. Its marker is decided by the assembler: "1", "2"… in the body, "a", "b"… in
/// tables and annexes, "*" for the cover-page agenda note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Footnote {
    pub id: String,
    pub marker: String,
    pub content: Vec<Inline>,
}

/// Running text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
    },
    /// Italics.
    Emph {
        content: Vec<Inline>,
    },
    /// Bold.
    Strong {
        content: Vec<Inline>,
    },
    /// The place where footnote `id` is cited; `marker` is what to print (superscript).
    NoteRef {
        id: String,
        marker: String,
    },
    /// A resolved cross-reference: `content` is the final wording ("chapter I",
    /// "paragraphs 12–15", "paragraphs 2 and 3"); `target` is the id of what it points to.
    Ref {
        target: String,
        content: Vec<Inline>,
    },
    /// A mention of a person, organization or role in generated text (`refers_to` is the id of
    /// an `Entity`). Writers other than Akoma Ntoso print `content` as ordinary text.
    Entity {
        refers_to: String,
        content: Vec<Inline>,
    },
    /// Text still in square brackets in a draft under negotiation (markup `[[…]]`): writers
    /// print `[` before and `]` after it, in the text's own style. Never in a final report
    /// (the assembler refuses it there), and a paragraph's negotiation status is a bracketed
    /// note of this kind too ("[agreed ad ref.]").
    Bracketed {
        content: Vec<Inline>,
    },
    /// Text inserted since the earlier version (only in a marked copy, see `Review`).
    Inserted {
        content: Vec<Inline>,
    },
    /// Text deleted since the earlier version (only in a marked copy, see `Review`).
    Deleted {
        content: Vec<Inline>,
    },
}

/// Someone or something the report names, for Akoma Ntoso `TLC*` references.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub kind: EntityKind,
    /// The name as shown ("Poland", "Dominika Krois", "Chair").
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Organization,
    Person,
    Role,
}

impl Inline {
    /// The inlines a wrapping kind holds (emphasis, references, entities, brackets, revision
    /// marks); empty for text and note references. For walks that look only for what is inside.
    pub fn children(&self) -> &[Inline] {
        match self {
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Ref { content, .. }
            | Inline::Entity { content, .. }
            | Inline::Bracketed { content }
            | Inline::Inserted { content }
            | Inline::Deleted { content } => content,
            Inline::Text { .. } | Inline::NoteRef { .. } => &[],
        }
    }

    /// [`Inline::children`], to change them in place.
    pub fn children_mut(&mut self) -> &mut [Inline] {
        match self {
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Ref { content, .. }
            | Inline::Entity { content, .. }
            | Inline::Bracketed { content }
            | Inline::Inserted { content }
            | Inline::Deleted { content } => content,
            Inline::Text { .. } | Inline::NoteRef { .. } => &mut [],
        }
    }

    /// Plain text (no markup).
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text { text: s.into() }
    }
}

/// The text of a run of inlines without markup and without footnote markers.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => out.push_str(text),
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Ref { content, .. }
            | Inline::Entity { content, .. }
            | Inline::Inserted { content } => push_plain(content, out),
            Inline::Bracketed { content } => {
                out.push('[');
                push_plain(content, out);
                out.push(']');
            }
            // The plain text of a marked copy is its new text.
            Inline::NoteRef { .. } | Inline::Deleted { .. } => {}
        }
    }
}

impl Document {
    /// The revision of block `id` in a marked copy (`None` in an ordinary document).
    pub fn revision(&self, id: &str) -> Option<&Revision> {
        self.review.as_ref()?.revisions.get(id)
    }

    /// The footnote with this id (every `NoteRef` has one; the assembler guarantees it).
    ///
    /// Every writer asks this for each citation, so it must not scan the list: an index by id
    /// is kept per thread for the last list asked about, and every answer is verified against
    /// the list itself (a stale index — another document — is rebuilt, never trusted).
    pub fn footnote(&self, id: &str) -> Option<&Footnote> {
        use std::cell::RefCell;
        use std::collections::HashMap;
        thread_local! {
            static INDEX: RefCell<(usize, usize, HashMap<String, usize>)> = RefCell::new((0, 0, HashMap::new()));
        }
        let notes = &self.footnotes;
        let key = (notes.as_ptr() as usize, notes.len());
        let lookup = |rebuild: bool| {
            INDEX.with_borrow_mut(|(ptr, len, map)| {
                if rebuild || (*ptr, *len) != key {
                    *map = notes.iter().enumerate().rev().map(|(i, f)| (f.id.clone(), i)).collect();
                    (*ptr, *len) = key;
                }
                map.get(id).copied()
            })
        };
        let verified = |i: Option<usize>| i.and_then(|i| notes.get(i)).filter(|f| f.id == id);
        // A small list is scanned; a miss or a wrong hit may be a stale index: rebuilt once.
        if notes.len() < 32 {
            return notes.iter().find(|f| f.id == id);
        }
        verified(lookup(false)).or_else(|| verified(lookup(true)))
    }

    /// Whether the body lists officers by office anywhere (writers add its style only then).
    pub fn has_officers(&self) -> bool {
        fn any(blocks: &[Block]) -> bool {
            blocks.iter().any(|b| match b {
                Block::Officers(_) => true,
                Block::Division(d) => any(&d.children),
                _ => false,
            })
        }
        any(&self.body)
    }

    /// Every paragraph of the document in reading order, with the divisions it stands in.
    pub fn paragraphs(&self) -> Vec<&Paragraph> {
        fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a Paragraph>) {
            for block in blocks {
                match block {
                    Block::Paragraph(p) => out.push(p),
                    Block::Division(d) => walk(&d.children, out),
                    Block::Table(_) | Block::Contents(_) | Block::Officers(_) => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.body, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_cells_stand_where_html_puts_them() {
        // A (2 rows) | B (2 columns) ; under B: C, D — then E over everything, reaching too far.
        let grid = header_grid(&[vec![(1, 2), (2, 1)], vec![(1, 1), (1, 1)]]);
        assert_eq!(grid.starts, [vec![0, 1], vec![1, 2]]);
        assert_eq!(grid.widths, [3, 3]);
        assert_eq!(grid.at(1, 0), Some(((0, 0), false)), "A continues into row 2");
        assert_eq!(grid.at(1, 2), Some(((1, 1), true)));
        assert!(grid.gaps(1, 3).is_empty() && grid.overhanging.is_empty());
        let grid = header_grid(&[vec![(1, 3)], vec![(1, 1)]]);
        assert_eq!(grid.overhanging, [(0, 0)]);
        assert_eq!(grid.gaps(1, 3), [2]);
    }
}
