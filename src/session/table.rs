//! A table's column headings as the session files write them: one row of headings
//! (`header: [Region, Replies]`), or several rows (`header: [[…], […]]`) whose cells may span
//! columns and rows — `{text: Unique identifier, columns: 2}` over `First` and `Last`, as the
//! electronic-format tables of a UNFCCC addendum print them.
//!
//! The `Deserialize` impl reads the list element by element: a text or a mapping is a cell of
//! the one row, a list is a row. Each cell is read with `deserialize_any` (a cell may be a text
//! or a mapping), so a plain number (`2018`) arrives as a number and is kept as its digits; the
//! session reader takes YAML 1.2 booleans only (`safety::yaml_options`), so "Yes" and "No" are
//! words, and a plain `true`/`false` (a boolean whose spelling is lost) is refused with a hint
//! to quote it. Errors stand at the offending key, as for paragraphs.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

use super::paragraph::shape_error;

/// Column headings: rows of cells, top to bottom. Empty: the table has no header.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableHeader {
    pub rows: Vec<Vec<HeaderCell>>,
}

/// One heading: its text (inline markup) and how many columns and header rows it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderCell {
    pub text: String,
    pub columns: usize,
    pub rows: usize,
}

impl HeaderCell {
    /// A heading over one column and one row.
    pub fn new(text: impl Into<String>) -> HeaderCell {
        HeaderCell { text: text.into(), columns: 1, rows: 1 }
    }

    pub fn is_single(&self) -> bool {
        self.columns == 1 && self.rows == 1
    }
}

impl TableHeader {
    /// One row of single headings.
    pub fn row<S: Into<String>>(cells: impl IntoIterator<Item = S>) -> TableHeader {
        let row: Vec<HeaderCell> = cells.into_iter().map(HeaderCell::new).collect();
        TableHeader { rows: if row.is_empty() { Vec::new() } else { vec![row] } }
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// One row of single headings (or none): the form `header: [a, b]` writes.
    pub fn is_plain(&self) -> bool {
        self.rows.len() <= 1 && self.cells().all(HeaderCell::is_single)
    }

    /// Every heading, row by row.
    pub fn cells(&self) -> impl Iterator<Item = &HeaderCell> {
        self.rows.iter().flatten()
    }

    pub fn cells_mut(&mut self) -> impl Iterator<Item = &mut HeaderCell> {
        self.rows.iter_mut().flatten()
    }

    /// The texts of a header of one row (`["Region", "Replies"]`), for reading and tests.
    pub fn texts(&self) -> Vec<&str> {
        self.cells().map(|c| c.text.as_str()).collect()
    }

    /// The data path of cell `c` of row `r` below the table's `header`, as the files write it:
    /// `[c]` in a header of one row, `[r][c]` in one of several.
    pub fn cell_path(&self, r: usize, c: usize) -> String {
        if self.rows.len() == 1 { format!("[{c}]") } else { format!("[{r}][{c}]") }
    }
}

// ---------------------------------------------------------------------------------------------
// Writing: one row as a flat list, several rows as a list of lists; a single heading as its
// text, a spanning one as a mapping.

impl Serialize for HeaderCell {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_single() {
            return s.serialize_str(&self.text);
        }
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("text", &self.text)?;
        if self.columns != 1 {
            map.serialize_entry("columns", &self.columns)?;
        }
        if self.rows != 1 {
            map.serialize_entry("rows", &self.rows)?;
        }
        map.end()
    }
}

impl Serialize for TableHeader {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if let [row] = self.rows.as_slice() {
            return row.serialize(s);
        }
        let mut seq = s.serialize_seq(Some(self.rows.len()))?;
        for row in &self.rows {
            seq.serialize_element(row)?;
        }
        seq.end()
    }
}

// ---------------------------------------------------------------------------------------------
// Reading.

/// The keys of a heading written as a mapping.
const CELL_KEYS: &[&str] = &["text", "columns", "rows"];

/// One element of `header:`: a heading of the one row, or a whole row.
enum Element {
    Cell(HeaderCell),
    Row(Vec<HeaderCell>),
}

/// What a heading may be read from; `row` allows a list (an element of `header:` itself).
struct CellVisitor {
    row: bool,
}

impl CellVisitor {
    fn text<E: de::Error>(text: String) -> Result<Element, E> {
        Ok(Element::Cell(HeaderCell::new(text)))
    }
}

impl<'de> Visitor<'de> for CellVisitor {
    type Value = Element;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a column heading: a text, or a mapping `{text: …, columns: 2}`")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Element, E> {
        Self::text(v.to_string())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Element, E> {
        Self::text(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Element, E> {
        Self::text(v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Element, E> {
        Self::text(v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Element, E> {
        Self::text(v.to_string())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Element, E> {
        Err(shape_error(
            "this column heading reads as a boolean (`true`, `false`)",
            "put it in quotes, e.g. `header: [Statement, \"True\", \"False\"]`",
        ))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Element, E> {
        Err(shape_error("this column heading is empty", "write `\"\"` for a heading left blank"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Element, A::Error> {
        if !self.row {
            return Err(shape_error(
                "this column heading is a list `[…]`: a row of headings holds texts or `{text: …, columns: …}`",
                "a header of several rows is a list of rows: `header: [[{text: A, columns: 2}], [B, C]]`",
            ));
        }
        let mut row = Vec::new();
        while let Some(cell) = seq.next_element_seed(CellSeed)? {
            row.push(cell);
        }
        if row.is_empty() {
            // A row with no heading of its own says nothing (Akoma Ntoso cannot even hold it).
            return Err(shape_error(
                "this row of headings is empty",
                "remove it; a heading over several rows is written once, with `rows: N`",
            ));
        }
        Ok(Element::Row(row))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Element, A::Error> {
        let (mut text, mut columns, mut rows) = (None, None, None);
        while let Some(key) = map.next_key::<String>()? {
            let span = |n: usize, key: &str| {
                if n == 0 {
                    Err(shape_error(format!("`{key}: 0`: a heading covers at least one"), "leave it out for 1"))
                } else {
                    Ok(n)
                }
            };
            match key.as_str() {
                "text" if text.is_none() => text = Some(map.next_value::<String>()?),
                "columns" if columns.is_none() => columns = Some(span(map.next_value::<usize>()?, "columns")?),
                "rows" if rows.is_none() => rows = Some(span(map.next_value::<usize>()?, "rows")?),
                "text" | "columns" | "rows" => {
                    return Err(shape_error(format!("`{key}` is given twice in this heading"), "keep one"));
                }
                _ => {
                    let list = CELL_KEYS.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
                    let near = super::paragraph::did_you_mean(&key, CELL_KEYS.iter().copied());
                    let message = match near {
                        Some(n) => format!("`{key}` is not a field of a column heading — did you mean `{n}`?"),
                        None => format!("`{key}` is not a field of a column heading"),
                    };
                    return Err(shape_error(message, format!("the fields of a column heading are {list}")));
                }
            }
        }
        let Some(text) = text else {
            return Err(shape_error(
                "this column heading has no `text`",
                "write `{text: Unique identifier, columns: 2}`",
            ));
        };
        Ok(Element::Cell(HeaderCell { text, columns: columns.unwrap_or(1), rows: rows.unwrap_or(1) }))
    }
}

/// A heading inside a row (not a row itself).
struct CellSeed;

impl<'de> de::DeserializeSeed<'de> for CellSeed {
    type Value = HeaderCell;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<HeaderCell, D::Error> {
        match d.deserialize_any(CellVisitor { row: false })? {
            Element::Cell(c) => Ok(c),
            Element::Row(_) => unreachable!("a heading inside a row is never read as a row"),
        }
    }
}

/// An element of `header:` (a heading or a row).
struct ElementSeed;

impl<'de> de::DeserializeSeed<'de> for ElementSeed {
    type Value = Element;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Element, D::Error> {
        d.deserialize_any(CellVisitor { row: true })
    }
}

impl<'de> Deserialize<'de> for TableHeader {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TableHeader;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of column headings, or a list of rows of them")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TableHeader, A::Error> {
                let mut cells = Vec::new();
                let mut rows = Vec::new();
                while let Some(element) = seq.next_element_seed(ElementSeed)? {
                    match element {
                        Element::Cell(c) if rows.is_empty() => cells.push(c),
                        Element::Row(r) if cells.is_empty() => rows.push(r),
                        _ => {
                            return Err(shape_error(
                                "this header mixes headings and rows `[…]`",
                                "write one row as `header: [A, B]`, or every row as a list: `header: [[A, B], [C, D]]`",
                            ));
                        }
                    }
                }
                if !cells.is_empty() {
                    rows.push(cells);
                }
                Ok(TableHeader { rows })
            }
        }
        d.deserialize_seq(V)
    }
}

// ---------------------------------------------------------------------------------------------
// The JSON Schema: what the `Deserialize` impl above accepts.

impl schemars::JsonSchema for TableHeader {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TableHeader".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let cell = serde_json::json!({
            "oneOf": [
                { "type": ["string", "number"], "description": "A heading over one column (inline markup).", "$comment": "a plain true/false here is refused: quote it" },
                {
                    "type": "object",
                    "description": "A heading spanning columns or header rows.",
                    "properties": {
                        "text": { "type": "string", "description": "The heading (inline markup)." },
                        "columns": { "type": "integer", "minimum": 1, "description": "How many columns it covers (1 when left out)." },
                        "rows": { "type": "integer", "minimum": 1, "description": "How many header rows it covers (1 when left out)." },
                    },
                    "required": ["text"],
                    "additionalProperties": false,
                },
            ],
        });
        schemars::json_schema!({
            "description": "Column headings: one row, `[Region, Replies]`, or several rows, `[[{text: Unique identifier, columns: 2}], [First, Last]]`; a heading is a text or `{text, columns, rows}`. Every row fills the table's width once spans are counted.",
            "type": "array",
            // `anyOf`: an empty list is both.
            "anyOf": [
                { "items": cell },
                { "items": { "type": "array", "items": cell, "minItems": 1 } },
            ],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(yaml: &str) -> Result<TableHeader, String> {
        serde_saphyr::from_str_with_options::<TableHeader>(yaml, crate::safety::yaml_options())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn one_row_and_several() {
        let h = header("[Region, Replies, 2018]").unwrap();
        assert_eq!(h, TableHeader::row(["Region", "Replies", "2018"]));
        assert!(h.is_plain());
        let h = header("[[{text: Unique identifier, columns: 2}, {text: Sector, rows: 2}], [First, Last]]").unwrap();
        assert_eq!(h.rows.len(), 2);
        assert_eq!(h.rows[0][0], HeaderCell { text: "Unique identifier".into(), columns: 2, rows: 1 });
        assert_eq!(h.rows[0][1], HeaderCell { text: "Sector".into(), columns: 1, rows: 2 });
        assert_eq!(h.texts(), ["Unique identifier", "Sector", "First", "Last"]);
        assert!(!h.is_plain());
        // One row with a spanning heading stays one row.
        let h = header("[A, {text: B, columns: 2}]").unwrap();
        assert_eq!((h.rows.len(), h.rows[0][1].columns), (1, 2));
        assert_eq!(h.cell_path(0, 1), "[1]");
        assert_eq!(header("[[A], [B]]").unwrap().cell_path(1, 0), "[1][0]");
    }

    #[test]
    fn slips_are_named() {
        let e = header("[A, [B, C]]").unwrap_err();
        assert!(e.contains("mixes headings and rows"), "{e}");
        let e = header("[[A, {txt: B}]]").unwrap_err();
        assert!(e.contains("`txt` is not a field of a column heading — did you mean `text`?"), "{e}");
        let e = header("[{text: A, columns: 0}]").unwrap_err();
        assert!(e.contains("`columns: 0`"), "{e}");
        let e = header("[Statement, true, false]").unwrap_err();
        assert!(e.contains("put it in quotes"), "{e}");
        // YAML 1.2: "Yes" and "No" are the words of the headings.
        let h = header("[State, Yes, No, on]").unwrap();
        assert_eq!(h.rows[0].iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["State", "Yes", "No", "on"]);
        let e = header("[[[A]]]").unwrap_err();
        assert!(e.contains("is a list"), "{e}");
        assert!(header("[{columns: 2}]").unwrap_err().contains("no `text`"));
        assert!(header("[[A], []]").unwrap_err().contains("row of headings is empty"));
    }

    #[test]
    fn serializes_as_the_files_write_it() {
        for yaml in
            ["[Region, Replies]", "[A, {text: B, columns: 2}]", "[[{text: A, columns: 2}, {text: B, rows: 2}], [C, D]]"]
        {
            let h = header(yaml).unwrap();
            let back: TableHeader = serde_saphyr::from_str(&serde_saphyr::to_string(&h).unwrap()).unwrap();
            assert_eq!(h, back, "{yaml}");
        }
        assert_eq!(serde_json::to_string(&TableHeader::row(["A", "B"])).unwrap(), r#"["A","B"]"#);
    }
}
