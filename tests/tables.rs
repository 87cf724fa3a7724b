//! Tables whose column headings take several rows, with headings spanning columns and rows
//! (issue 13, after the electronic-format tables of FCCC/PA/CMA/2022/10/Add.2, annex VII): the
//! session format holds them (`tests/fixtures/shapes/tables`), `check` holds every header row to
//! the table's width, each writer carries the spans (HTML `colspan`/`rowspan`, Akoma Ntoso `th`
//! attributes, DOCX `w:gridSpan`/`w:vMerge`/`w:tblHeader`, the PDF's words, the text's `<` and
//! `^`), and the AKN, DOCX and text importers read them back to the same table.

mod akn_common;
mod common;
mod support {
    pub mod ooxml;
}

use std::path::{Path, PathBuf};
use std::process::Command;

use rapporteur::build::compile;
use rapporteur::document::{Block, Document, Table, plain_text};
use rapporteur::writers::{Format, WriteOptions};

fn fixture() -> PathBuf {
    common::root().join("tests/fixtures/shapes/tables")
}

fn document(dir: &Path) -> Document {
    compile(dir).unwrap_or_else(|d| panic!("{}:\n{d}", dir.display())).document
}

fn write(doc: &Document, format: &str) -> Vec<u8> {
    Format::parse(format).unwrap().write(doc, &WriteOptions::default()).unwrap_or_else(|d| panic!("{format}: {d}"))
}

fn tables(blocks: &[Block], out: &mut Vec<Table>) {
    for b in blocks {
        match b {
            Block::Table(t) => out.push(t.clone()),
            Block::Division(d) => tables(&d.children, out),
            _ => {}
        }
    }
}

fn all_tables(doc: &Document) -> Vec<Table> {
    let mut out = Vec::new();
    tables(&doc.body, &mut out);
    out
}

/// A table as words and spans: each header row's cells as (text, columns, rows), then the body
/// rows' texts. Footnote markers are left out (their ids are the importers' own).
type Shape = (Vec<Vec<(String, usize, usize)>>, Vec<Vec<String>>);

fn shape(t: &Table) -> Shape {
    let header = t
        .header
        .iter()
        .map(|row| row.iter().map(|c| (plain_text(&c.content).trim().to_string(), c.columns, c.rows)).collect())
        .collect();
    let rows = t.rows.iter().map(|r| r.iter().map(|c| plain_text(c).trim().to_string()).collect()).collect();
    (header, rows)
}

fn cell(text: &str, columns: usize, rows: usize) -> (String, usize, usize) {
    (text.to_string(), columns, rows)
}

/// The header of the "Actions" table as the fixture writes it.
fn actions_header() -> Vec<Vec<(String, usize, usize)>> {
    vec![
        vec![
            cell("Article 6 database record ID", 1, 3),
            cell("Cooperative approach", 1, 3),
            cell("Unique identifier", 2, 2),
            cell("ITMO", 4, 1),
        ],
        vec![cell("Metric and quantity", 3, 1), cell("ITMO details", 1, 2)],
        vec![
            cell("First unique identifier", 1, 1),
            cell("Last unique identifier", 1, 1),
            cell("Metric", 1, 1),
            cell("Quantity (expressed in metric)", 1, 1),
            cell("Quantity (t CO2 eq)", 1, 1),
        ],
    ]
}

#[test]
fn the_model_holds_header_rows_with_spans() {
    let doc = document(&fixture());
    let t = all_tables(&doc);
    assert_eq!(t.len(), 2);
    let (header, rows) = shape(&t[0]);
    // The note marker of "Cooperative approach" is a lettered note, cited from the header.
    let cites: Vec<_> = t[0].header[0][1]
        .content
        .iter()
        .filter(|i| matches!(i, rapporteur::document::Inline::NoteRef { .. }))
        .collect();
    assert_eq!(cites.len(), 1, "the heading cites its note");
    assert_eq!(
        header.iter().map(|r| r.iter().map(|c| (c.1, c.2)).collect::<Vec<_>>()).collect::<Vec<_>>(),
        actions_header().iter().map(|r| r.iter().map(|c| (c.1, c.2)).collect::<Vec<_>>()).collect::<Vec<_>>()
    );
    assert_eq!(header[0][2].0, "Unique identifier");
    assert_eq!(rows.len(), 2);
    assert_eq!(t[0].width(), 8);
    // One row with a heading over two columns.
    assert_eq!(shape(&t[1]).0, vec![vec![cell("Party", 1, 1), cell("Reported year", 2, 1)]]);
    // The model's JSON keeps a header of one row of single cells in its old form (a list of
    // cells) and writes rows of cells otherwise; both read back.
    let json = serde_json::to_value(&t[0]).unwrap();
    assert_eq!(json["header"][0][2]["columns"], 2);
    assert_eq!(json["header"][0][2]["rows"], 2);
    for table in &t {
        let back: Table = serde_json::from_value(serde_json::to_value(table).unwrap()).unwrap();
        assert_eq!(&back, table);
    }
    let plain = Table { header: Table::header_row(vec![vec![], vec![]]), ..t[1].clone() };
    assert_eq!(serde_json::to_value(&plain).unwrap()["header"], serde_json::json!([[], []]));
}

#[test]
fn html_carries_the_spans() {
    let html = String::from_utf8(write(&document(&fixture()), "html")).unwrap();
    let start = html.find("<table id=\"actions\"").expect("the actions table");
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let head = &table[table.find("<thead>").unwrap()..table.find("</thead>").unwrap()];
    assert_eq!(head.matches("<tr>").count(), 3, "{head}");
    assert!(head.contains("<th scope=\"col\" rowspan=\"3\">Article 6 database record ID</th>"), "{head}");
    assert!(head.contains("<th scope=\"col\" colspan=\"2\" rowspan=\"2\">Unique identifier</th>"), "{head}");
    assert!(head.contains("<th scope=\"col\" colspan=\"4\">ITMO</th>"), "{head}");
    assert!(head.contains("<th scope=\"col\" colspan=\"3\">Metric and quantity</th>"), "{head}");
    assert!(head.contains("<th scope=\"col\">First unique identifier</th>"), "{head}");
    assert!(html.contains(
        "<thead><tr><th scope=\"col\">Party</th><th scope=\"col\" colspan=\"2\">Reported year</th></tr></thead>"
    ));
}

/// The `th` elements of the AKN table with eId ending in `id`: (text, colspan, rowspan) by row.
fn akn_header(xml: &str, id: &str) -> Vec<Vec<(String, usize, usize)>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut inside, mut depth, mut rows) = (false, 0usize, Vec::<Vec<(String, usize, usize)>>::new());
    let mut current: Option<(String, usize, usize)> = None;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                let attr = |k: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == k.as_bytes())
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                };
                if name == "hcontainer" && attr("eId").is_some_and(|e| e.ends_with(id)) {
                    inside = true;
                }
                if inside {
                    depth += 1;
                    match name.as_str() {
                        "tr" => rows.push(Vec::new()),
                        "th" => {
                            let n = |k| attr(k).map_or(1, |v| v.parse().unwrap());
                            current = Some((String::new(), n("colspan"), n("rowspan")));
                        }
                        _ => {}
                    }
                }
            }
            Event::Text(t) => {
                if let Some(c) = current.as_mut() {
                    c.0.push_str(&t.decode().unwrap());
                }
            }
            Event::End(e) if inside => {
                if e.name().as_ref() == b"th"
                    && let Some(c) = current.take()
                {
                    rows.last_mut().unwrap().push(c);
                }
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    rows.retain(|r| !r.is_empty());
    rows
}

#[test]
fn akoma_ntoso_carries_the_spans_and_validates() {
    let xml = write(&document(&fixture()), "akn");
    akn_common::validate(&xml);
    let xml = String::from_utf8(xml).unwrap();
    let mut header = akn_header(&xml, "actions");
    // The note stands in the heading, where it is cited.
    assert!(header[0][1].0.starts_with("Cooperative approachName of the cooperative approach"), "{header:?}");
    header[0][1].0 = "Cooperative approach".into();
    assert_eq!(header, actions_header());
    assert_eq!(akn_header(&xml, "heading-table"), vec![vec![cell("Party", 1, 1), cell("Reported year", 2, 1)]]);
}

/// A DOCX table cell: its text, `w:gridSpan` and `w:vMerge`.
type DocxCell = (String, usize, Option<String>);

/// `w:tr` elements of the DOCX body, each as its `w:tc`s: (text, gridSpan, vMerge), and
/// whether the row is marked `w:tblHeader`.
fn docx_rows(xml: &str) -> Vec<(bool, Vec<DocxCell>)> {
    let mut out = Vec::new();
    for tr in xml.split("<w:tr>").skip(1).chain(xml.split("<w:tr ").skip(1)) {
        let tr = &tr[..tr.find("</w:tr>").unwrap()];
        let header = tr.contains("<w:tblHeader/>") || tr.contains("<w:tblHeader />");
        let mut cells = Vec::new();
        for tc in tr.split("<w:tc>").skip(1) {
            let span =
                tc.split("<w:gridSpan w:val=\"").nth(1).map_or(1, |s| s[..s.find('"').unwrap()].parse().unwrap());
            let merge = if tc.contains("<w:vMerge w:val=\"restart\"") {
                Some("restart".to_string())
            } else if tc.contains("<w:vMerge") {
                Some("continue".to_string())
            } else {
                None
            };
            let text: String = tc
                .split("<w:t")
                .skip(1)
                .filter_map(|t| t.split_once('>').map(|(_, rest)| rest[..rest.find("</w:t>").unwrap_or(0)].to_string()))
                .collect();
            cells.push((text, span, merge));
        }
        out.push((header, cells));
    }
    out
}

#[test]
fn docx_carries_the_spans_and_validates() {
    let docx = write(&document(&fixture()), "docx");
    support::ooxml::validate("tables", &docx);
    let parts = support::ooxml::parts(&docx);
    let rows = docx_rows(&parts["word/document.xml"]);
    let start = rows.iter().position(|(_, cells)| cells.iter().any(|c| c.0 == "Article 6 database record ID")).unwrap();
    let head: Vec<_> = rows[start..start + 3].to_vec();
    assert!(head.iter().all(|(h, _)| *h), "every header row repeats (w:tblHeader)");
    assert!(!rows[start + 3].0, "a body row is no header row");
    let r = |text: &str, span: usize, merge: Option<&str>| (text.to_string(), span, merge.map(String::from));
    // Row 1: two headings over three rows, "Unique identifier" over two columns and two rows,
    // "ITMO" over four columns.
    assert_eq!(head[0].1[0], r("Article 6 database record ID", 1, Some("restart")));
    assert!(head[0].1[1].0.starts_with("Cooperative approach"));
    assert_eq!(head[0].1[2], r("Unique identifier", 2, Some("restart")));
    assert_eq!(head[0].1[3], r("ITMO", 4, None));
    // Row 2: the merges continue; "Metric and quantity" over three columns.
    assert_eq!(
        head[1].1,
        [
            r("", 1, Some("continue")),
            r("", 1, Some("continue")),
            r("", 2, Some("continue")),
            r("Metric and quantity", 3, None),
            r("ITMO details", 1, Some("restart")),
        ]
    );
    // Row 3: the two identifiers under "Unique identifier".
    assert_eq!(head[2].1[2], r("First unique identifier", 1, None));
    assert_eq!(head[2].1[3], r("Last unique identifier", 1, None));
    assert_eq!(head[2].1[7], r("", 1, Some("continue")));
    // Every row spans the grid's eight columns.
    for (_, cells) in &rows[start..start + 5] {
        assert_eq!(cells.iter().map(|c| c.1).sum::<usize>(), 8);
    }
}

#[test]
fn the_pdf_prints_every_heading_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, write(&document(&fixture()), "pdf")).unwrap();
    let out = Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    // Headings set on one line come out whole, once (the header is printed once: it cites a
    // note); those wrapped in a narrow column, word by word.
    for heading in ["Unique identifier", "Metric and quantity", "Reported year"] {
        assert_eq!(text.matches(heading).count(), 1, "{heading} in:\n{text}");
    }
    let words = common::words(&text);
    for heading in ["ITMO details", "First unique identifier", "Last unique identifier", "Quantity (t CO2 eq)"] {
        for word in common::words(heading).keys() {
            assert!(words.contains_key(word), "{word} of {heading} in:\n{text}");
        }
    }
}

#[test]
fn the_text_prints_one_line_per_header_row() {
    // Every column has a cell in each header row: the heading where it starts, "<" where the
    // heading to its left runs on, "^" where the one above runs down; a line of "---" under
    // the header (as the text importer reads it back).
    let text = String::from_utf8(write(&document(&fixture()), "text")).unwrap();
    let header = [
        "Article 6 database record ID | Cooperative approachᵃ | Unique identifier | < | ITMO | < | < | <",
        "^ | ^ | ^ | ^ | Metric and quantity | < | < | ITMO details",
        "^ | ^ | First unique identifier | Last unique identifier | Metric | Quantity (expressed in metric) | Quantity (t CO2 eq) | ^",
        "--- | --- | --- | --- | --- | --- | --- | ---",
        "A6-0001 | Article 6.4 mechanism |",
    ]
    .join("\n");
    assert!(text.contains(&header), "{text}");
    assert!(text.contains("\nParty | Reported year | <\n--- | --- | ---\nEgypt | 2022 | Annual\n"), "{text}");
}

/// `rapporteur import FILE --from FORMAT`, then the imported session compiled.
fn import(bytes: &[u8], format: &str, work: &Path) -> Document {
    let file = work.join(format!("report.{format}"));
    std::fs::write(&file, bytes).unwrap();
    let session = work.join(format!("imported-{format}"));
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .arg("import")
        .arg(&file)
        .args(["--from", format, "-o"])
        .arg(&session)
        .output()
        .unwrap();
    assert!(out.status.success(), "{format}: {}", String::from_utf8_lossy(&out.stderr));
    let check = Command::new(env!("CARGO_BIN_EXE_rapporteur")).arg("check").arg(&session).output().unwrap();
    assert!(
        check.status.success(),
        "{format}: the imported session fails check: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    document(&session)
}

#[test]
fn the_tables_come_back_from_akoma_ntoso_docx_and_text() {
    let doc = document(&fixture());
    let want: Vec<Shape> = all_tables(&doc).iter().map(shape).collect();
    let work = tempfile::tempdir().unwrap();
    for format in ["akn", "docx", "text"] {
        let back = import(&write(&doc, format), format, work.path());
        let got: Vec<Shape> = all_tables(&back).iter().map(shape).collect();
        assert_eq!(got, want, "{format}");
        // The imported session writes the header as rows of headings.
        let yaml = std::fs::read_to_string(work.path().join(format!("imported-{format}/session.yaml"))).unwrap();
        assert!(yaml.contains("{text: 'Unique identifier', columns: 2, rows: 2}"), "{format}:\n{yaml}");
    }
}

/// Empty cells at the start and end of a row come back from the text (its line starts " | ").
#[test]
fn empty_cells_at_a_rows_edges_come_back_from_the_text() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&fixture(), dir.path());
    let yaml = std::fs::read_to_string(fixture().join("session.yaml")).unwrap();
    let blanks = yaml
        .replace("[A6-0001, Article 6.4 mechanism,", "['', Article 6.4 mechanism,")
        .replace("Non-GHG, \"50\", \"40\", Vintage 2022]", "Non-GHG, \"50\", \"40\", '']");
    assert_ne!(blanks, yaml);
    std::fs::write(dir.path().join("session.yaml"), &blanks).unwrap();
    let doc = document(dir.path());
    let want: Vec<Shape> = all_tables(&doc).iter().map(shape).collect();
    assert_eq!(want[0].1[0][0], "");
    assert_eq!(want[0].1[1][7], "");
    let work = tempfile::tempdir().unwrap();
    let back = import(&write(&doc, "text"), "text", work.path());
    assert_eq!(all_tables(&back).iter().map(shape).collect::<Vec<_>>(), want);
}

#[test]
fn check_holds_every_header_row_to_the_table_width() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&fixture(), dir.path());
    let yaml = std::fs::read_to_string(fixture().join("session.yaml")).unwrap();
    let broken = yaml.replace("{text: Metric and quantity, columns: 3}", "{text: Metric and quantity, columns: 2}");
    assert_ne!(broken, yaml);
    std::fs::write(dir.path().join("session.yaml"), &broken).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur")).arg("check").arg(dir.path()).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("header row 2 leaves column 8 of 8 without a heading"), "{err}");
    // It points at the row (line 28 of the file, where `- - {text: Metric…` stands).
    let line = broken.lines().position(|l| l.contains("Metric and quantity, columns")).unwrap() + 1;
    assert!(err.contains(&format!("session.yaml:{line}:")), "{err}");
    assert!(err.contains("every header row fills the table's width"), "{err}");
    // A heading reaching below the header.
    let overhang = yaml.replace("{text: ITMO details, rows: 2}", "{text: ITMO details, rows: 3}");
    std::fs::write(dir.path().join("session.yaml"), &overhang).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur")).arg("check").arg(dir.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("the heading `ITMO details` spans 3 rows, but the header has only 1 below it"), "{err}");
}

/// A slip inside a heading is reported at its place in the file, in the format's words.
#[test]
fn slips_in_headings_stand_where_they_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = std::fs::read_to_string(fixture().join("session.yaml")).unwrap();
    let line = |text: &str, needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for (from, to, message) in [
        ("{text: ITMO details, rows: 2}", "{txt: ITMO details, rows: 2}", "`txt` is not a field of a column heading"),
        ("{text: ITMO, columns: 4}", "true", "this column heading reads as a boolean"),
        (
            "- - First unique identifier",
            "- []\n            - - First unique identifier",
            "this row of headings is empty",
        ),
    ] {
        let broken = yaml.replace(from, to);
        assert_ne!(broken, yaml, "{from}");
        std::fs::write(dir.path().join("session.yaml"), &broken).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_rapporteur")).arg("check").arg(dir.path()).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && err.contains(message), "{to}: {err}");
        let at = line(&broken, to.lines().next().unwrap());
        assert!(err.contains(&format!("session.yaml:{at}:")), "{to} at line {at}: {err}");
    }
}
