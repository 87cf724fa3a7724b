//! The PDF writer checked with real consumers: poppler's `pdftotext`, `pdffonts` (package
//! poppler-utils). Run with `cargo test --test pdf`.

mod common;
mod support {
    pub mod sample_doc;
}

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{Kind, elements, reference_session};
use rapporteur::build::compile;
use rapporteur::document::{Block, Document, Inline, Item, plain_text};
use rapporteur::templates::Templates;
use rapporteur::writers::{Format, WriteOptions, pdf};
use support::sample_doc::{HOSTILE, sample};

fn build(doc: &Document) -> Vec<u8> {
    match pdf::write(doc, &WriteOptions::default()) {
        Ok(bytes) => bytes,
        Err(diags) => panic!("PDF build failed:\n{diags}"),
    }
}

fn save(bytes: &[u8]) -> tempfile::NamedTempFile {
    let file = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
    std::fs::write(file.path(), bytes).unwrap();
    file
}

fn run(cmd: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(cmd)
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{cmd} (poppler-utils) is needed: {e}"));
    assert!(out.status.success(), "{cmd} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// `pdftotext -layout`: the numbered paragraphs are grids (number | text), which the default
/// reading order would split into two columns; the physical layout keeps each line whole.
fn pdftotext(pdf: &Path, page: Option<usize>) -> String {
    match page {
        Some(p) => {
            let p = p.to_string();
            run("pdftotext", &["-layout", "-f", &p, "-l", &p], pdf)
        }
        None => run("pdftotext", &["-layout"], pdf),
    }
}

fn page_count(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo (poppler-utils)");
    let info = String::from_utf8(out.stdout).unwrap();
    info.lines().find_map(|l| l.strip_prefix("Pages:")).map(|n| n.trim().parse().unwrap()).expect("page count")
}

/// Whitespace collapsed to single spaces, so line breaks do not matter; a line broken after a
/// hyphen ("non-⏎governmental") is joined back ("non-governmental") on both sides of a comparison.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").replace("- ", "-")
}

fn item_texts(items: &[Item], out: &mut Vec<String>) {
    for it in items {
        out.push(format!("{} {}", it.label, plain_text(&it.content)));
        item_texts(&it.items, out);
    }
}

/// Every heading, paragraph and sub-item of the document as the PDF must show it.
fn expected_texts(doc: &Document) -> Vec<String> {
    fn walk(blocks: &[Block], out: &mut Vec<String>) {
        for b in blocks {
            match b {
                Block::Division(d) => {
                    let heading = plain_text(&d.heading);
                    out.push(match &d.num {
                        Some(n) => format!("{n} {heading}"),
                        None => heading,
                    });
                    walk(&d.children, out);
                }
                Block::Paragraph(p) => {
                    let text = plain_text(&p.content);
                    out.push(match &p.num {
                        Some(n) => format!("{n} {text}"),
                        None => text,
                    });
                    item_texts(&p.items, out);
                }
                Block::Officers(o) => {
                    for office in &o.offices {
                        out.push(office.label.clone());
                        out.extend(office.holders.iter().map(|h| plain_text(h)));
                    }
                }
                Block::Table(_) | Block::Contents(_) => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&doc.body, &mut out);
    out
}

/// The running text of the PDF: each page's text without the running header (the symbol),
/// the page number and the footnotes, pages joined, footnote markers removed.
fn body_text(pdf: &Path, doc: &Document) -> String {
    let mut all = String::new();
    for p in 1..=page_count(pdf) {
        let text = pdftotext(pdf, Some(p));
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| {
                let l = l.trim();
                // The running footer: "2/11" and the job number.
                let footer = l.replace(doc.masthead.job_number.as_deref().unwrap_or("\u{0}"), "");
                l != doc.meta.symbol
                    && !footer.trim().chars().all(|c| c.is_ascii_digit() || c == '/')
                    && l != p.to_string()
            })
            .collect();
        let mut page = squash(&kept.join("\n"));
        for f in &doc.footnotes {
            let note = squash(&plain_text(&f.content));
            page = page
                .replace(&format!("{} {note}", f.marker), " ")
                .replace(&format!("{}{note}", f.marker), " ")
                .replace(&note, " ");
        }
        all.push_str(&page);
        all.push(' ');
    }
    squash(&strip_markers(&all, doc))
}

#[test]
fn text_holds_every_paragraph_heading_and_footnote() {
    let doc = sample();
    let pdf = save(&build(&doc));
    let whole = squash(&pdftotext(pdf.path(), None));
    let body = body_text(pdf.path(), &doc);
    let missing: Vec<String> =
        expected_texts(&doc).into_iter().map(|t| squash(&t)).filter(|t| !body.contains(t.as_str())).collect();
    assert!(missing.is_empty(), "not in the PDF text:\n{}\n\nPDF text:\n{body}", missing.join("\n"));
    for f in &doc.footnotes {
        let text = squash(&plain_text(&f.content));
        assert!(
            whole.contains(&format!("{} {text}", f.marker)) || whole.contains(&format!("{}{text}", f.marker)),
            "footnote {} ({text}) not in the PDF text",
            f.id
        );
    }
    // The masthead.
    for s in [
        "United Nations",
        "CTOC/COP/WG.4/2009/2",
        "Distr.: General",
        "21 April 2009",
        "Original: English",
        "Working Group on Trafficking in Persons",
        "Vienna, 14 and 15 April 2009",
        "V.09-82790 (E)",
        "*0982790*",
    ] {
        assert!(whole.contains(s), "masthead: {s} missing");
    }
}

/// The PDF text with each footnote marker that follows a word removed.
fn strip_markers(text: &str, doc: &Document) -> String {
    let mut s = text.to_string();
    for f in &doc.footnotes {
        for w in cited_words(doc, &f.id) {
            s = s.replace(&format!("{w}{}", f.marker), &w);
        }
    }
    s
}

/// The word(s) right before the marker of footnote `id`, as printed: "Crime" for "…Crime¹".
fn cited_words(doc: &Document, id: &str) -> Vec<String> {
    fn walk_inlines(inlines: &[Inline], id: &str, prev: &mut String, out: &mut Vec<String>) {
        for i in inlines {
            match i {
                Inline::Text { text } => prev.push_str(text),
                Inline::NoteRef { id: nid, .. } if nid == id => {
                    if let Some(w) = prev.split_whitespace().last() {
                        out.push(w.to_string());
                    }
                }
                Inline::NoteRef { .. } => {}
                other => walk_inlines(other.children(), id, prev, out),
            }
        }
    }
    fn walk(blocks: &[Block], id: &str, out: &mut Vec<String>) {
        for b in blocks {
            match b {
                Block::Division(d) => {
                    walk_inlines(&d.heading, id, &mut String::new(), out);
                    walk(&d.children, id, out);
                }
                Block::Paragraph(p) => {
                    walk_inlines(&p.content, id, &mut String::new(), out);
                    fn items(list: &[Item], id: &str, out: &mut Vec<String>) {
                        for it in list {
                            walk_inlines(&it.content, id, &mut String::new(), out);
                            items(&it.items, id, out);
                        }
                    }
                    items(&p.items, id, out);
                }
                Block::Table(t) => {
                    walk_inlines(&t.caption, id, &mut String::new(), out);
                    for cell in t.header_cells().map(|c| &c.content).chain(t.rows.iter().flatten()) {
                        walk_inlines(cell, id, &mut String::new(), out);
                    }
                }
                Block::Officers(o) => {
                    for holder in o.offices.iter().flat_map(|office| &office.holders) {
                        walk_inlines(holder, id, &mut String::new(), out);
                    }
                }
                Block::Contents(_) => {}
            }
        }
    }
    let mut out = Vec::new();
    for line in &doc.masthead.caption {
        walk_inlines(line, id, &mut String::new(), &mut out);
    }
    walk(&doc.body, id, &mut out);
    for f in &doc.footnotes {
        walk_inlines(&f.content, id, &mut String::new(), &mut out);
    }
    out
}

#[test]
fn each_footnote_stands_on_the_page_of_its_marker() {
    let doc = sample();
    let pdf = save(&build(&doc));
    assert_footnotes_on_marker_pages(&doc, pdf.path());
}

fn assert_footnotes_on_marker_pages(doc: &Document, pdf: &Path) {
    let pages: Vec<String> = (1..=page_count(pdf)).map(|p| squash(&pdftotext(pdf, Some(p)))).collect();
    assert!(pages.len() >= 3, "the report should span several pages, got {}", pages.len());
    for f in &doc.footnotes {
        let text = squash(&plain_text(&f.content));
        let note_pages: Vec<usize> = (0..pages.len()).filter(|&i| pages[i].contains(&text)).collect();
        assert_eq!(note_pages.len(), 1, "footnote {} ({text}) should be on exactly one page", f.id);
        let words = cited_words(doc, &f.id);
        assert_eq!(words.len(), 1, "footnote {} is cited once", f.id);
        let cited = format!("{}{}", words[0], f.marker);
        let mut marker_pages: Vec<usize> = (0..pages.len()).filter(|&i| pages[i].contains(&cited)).collect();
        if marker_pages.is_empty() {
            // In a table cell pdftotext sets the superscript on a line of its own ("b" above
            // "Europe"): then the word and the lone marker on one page will do.
            let lone = format!(" {} ", f.marker);
            marker_pages =
                (0..pages.len()).filter(|&i| pages[i].contains(&words[0]) && pages[i].contains(&lone)).collect();
        }
        assert!(
            marker_pages.contains(&note_pages[0]),
            "footnote {} is on page {} but its marker `{cited}` is on {:?}",
            f.id,
            note_pages[0] + 1,
            marker_pages.iter().map(|p| p + 1).collect::<Vec<_>>()
        );
    }
}

#[test]
fn all_fonts_are_embedded() {
    let pdf = save(&build(&sample()));
    let out = Command::new("pdffonts").arg(pdf.path()).output().expect("pdffonts (poppler-utils)");
    let table = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = table.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts listed:\n{table}");
    for row in rows {
        assert!(row.contains("LiberationSerif"), "unexpected font: {row}");
        // Columns: name type encoding emb sub uni object ID; `emb` is the 4th from the end... read by words.
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(cols[n - 5], "yes", "font not embedded: {row}");
    }
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn xmp_declares_pdf_a_2b_and_pdf_ua_1() {
    let bytes = build(&sample());
    assert!(
        contains(&bytes, "<pdfaid:part>2</pdfaid:part>") || contains(&bytes, "pdfaid:part=\"2\""),
        "no PDF/A-2 part"
    );
    assert!(
        contains(&bytes, "<pdfaid:conformance>B</pdfaid:conformance>") || contains(&bytes, "pdfaid:conformance=\"B\""),
        "not conformance B"
    );
    assert!(
        contains(&bytes, "<pdfuaid:part>1</pdfuaid:part>") || contains(&bytes, "pdfuaid:part=\"1\""),
        "no PDF/UA-1"
    );
    assert!(contains(&bytes, "2009-04-21"), "the creation date is the document's");
    assert!(contains(&bytes, "Report on the meeting of the Working Group"), "title in the metadata");
    assert!(contains(&bytes, "CTOC/COP/WG.4/2009/2"), "symbol as subject");
}

#[test]
fn standards_can_be_turned_off() {
    let opts = WriteOptions { no_pdf_standards: true, ..WriteOptions::default() };
    let bytes = pdf::write(&sample(), &opts).unwrap();
    assert!(!contains(&bytes, "pdfaid:part"));
    assert!(!contains(&bytes, "pdfuaid:part"));
}

#[test]
fn two_builds_in_one_process_are_identical() {
    let doc = sample();
    let a = build(&doc);
    let b = build(&doc);
    assert!(a == b, "two builds differ");
}

/// Writes the sample PDF where `RAPPORTEUR_PDF_OUT` says; run by the next test in a child process.
/// The child half of `two_builds_in_two_processes_are_identical`: writes the sample when asked to
/// (and does nothing in an ordinary run).
#[test]
fn write_sample_to_env_path() {
    if let Ok(path) = std::env::var("RAPPORTEUR_PDF_OUT") {
        std::fs::write(path, build(&sample())).unwrap();
    }
}

#[test]
fn two_builds_in_two_processes_are_identical() {
    let dir = tempfile::tempdir().unwrap();
    let mut outs = Vec::new();
    for k in 0..2 {
        let path = dir.path().join(format!("{k}.pdf"));
        let status = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "write_sample_to_env_path", "--test-threads=1"])
            .env("RAPPORTEUR_PDF_OUT", &path)
            .output()
            .unwrap();
        assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
        outs.push(std::fs::read(&path).unwrap());
    }
    assert!(outs[0] == outs[1], "builds in two processes differ");
    assert!(outs[0] == build(&sample()), "a child process build differs from this one");
}

#[test]
fn hostile_text_is_printed_literally() {
    let pdf = save(&build(&sample()));
    let text = squash(&pdftotext(pdf.path(), None));
    assert!(text.contains(HOSTILE), "hostile text not literal in:\n{text}");
    for s in ["#read(\"/etc/passwd\")", "$x$", "]", "\\", "//", "<b>", "{{ x }}"] {
        assert!(text.contains(s), "{s} missing");
    }
    assert!(!text.contains("root:"), "the file was read");
}

fn with_template(source: &str) -> WriteOptions {
    let mut overrides = BTreeMap::new();
    overrides.insert(pdf::TEMPLATE.to_string(), source.to_string());
    WriteOptions { templates: Templates::with_overrides(overrides), ..WriteOptions::default() }
}

#[test]
fn unknown_font_family_is_an_error() {
    let opts = with_template("#set document(title: \"t\")\n#set text(font: \"Arial\")\nHello");
    let diags = pdf::write(&sample(), &opts).expect_err("must fail");
    let all = diags.to_string();
    assert!(all.contains("unknown font family"), "{all}");
    assert!(diags.has_errors());
}

#[test]
fn templates_cannot_read_files() {
    let opts = with_template("#set document(title: \"t\")\n#read(\"/etc/passwd\")");
    let diags = pdf::write(&sample(), &opts).expect_err("must fail");
    let d = &diags.0[0];
    assert!(d.to_string().contains("not found") || d.to_string().contains("not exist"), "{d}");
    let loc = d.location.as_ref().expect("located in the template");
    assert_eq!((loc.line, loc.column), (2, 7), "{d}");
}

#[test]
fn a_session_can_override_the_layout() {
    let opts = with_template(
        "#let doc = json(\"/doc.json\")\n#set document(title: doc.meta.title)\n#set text(font: \"Liberation Serif\", lang: \"en\")\n#doc.meta.symbol",
    );
    let pdf = save(&pdf::write(&sample(), &opts).unwrap());
    assert!(pdftotext(pdf.path(), None).contains("CTOC/COP/WG.4/2009/2"));
}

#[test]
fn bad_data_gives_diagnostics_not_panics() {
    let mut doc = sample();
    doc.meta.date = "21 April 2009".into();
    let diags = pdf::write(&doc, &WriteOptions::default()).expect_err("a bad date");
    assert!(diags.to_string().contains("not a date"), "{diags}");

    let mut doc = sample();
    doc.footnotes.retain(|f| f.id != "sales");
    let diags = pdf::write(&doc, &WriteOptions::default()).expect_err("an undefined footnote");
    assert!(diags.to_string().contains("\"sales\" is cited but not defined"), "{diags}");
}

#[test]
fn outline_and_links_are_written() {
    let bytes = build(&sample());
    assert!(contains(&bytes, "/Outlines"), "no bookmarks");
    assert!(contains(&bytes, "/Link"), "no links (footnotes, cross-references)");
}

// ---------------------------------------------------------------- the reference session

fn reference_pdf() -> (Document, Vec<u8>, WriteOptions) {
    let compiled = compile(&reference_session()).unwrap_or_else(|d| panic!("the reference session must compile:\n{d}"));
    let opts = WriteOptions { templates: compiled.templates.clone(), ..WriteOptions::default() };
    let bytes = pdf::write(&compiled.document, &opts).unwrap_or_else(|d| panic!("PDF build failed:\n{d}"));
    (compiled.document, bytes, opts)
}

/// The text writer's elements (headings, 56 paragraphs, sub-items, 4 footnotes) are all in the
/// PDF's text, paragraph by paragraph.
#[test]
fn reference_report_pdf_holds_the_text_writers_paragraphs() {
    let (doc, bytes, opts) = reference_pdf();
    let text = String::from_utf8(Format::Text.write(&doc, &opts).unwrap()).unwrap();
    let expected = elements(&text);
    let count = |k: Kind| expected.iter().filter(|e| e.kind == k).count();
    assert_eq!(count(Kind::Paragraph), 56);
    assert_eq!(count(Kind::Footnote), 4);

    let pdf = save(&bytes);
    let body = body_text(pdf.path(), &doc);
    let whole = squash(&pdftotext(pdf.path(), None));
    let clean = |s: &str| squash(&s.replace('*', "").replace(|c: char| "¹²³⁴⁵⁶⁷⁸⁹⁰".contains(c), ""));
    let mut missing = Vec::new();
    for e in &expected {
        let line = match e.kind {
            Kind::Chapter | Kind::Section | Kind::Paragraph => format!("{}. {}", e.label, clean(&e.text)),
            Kind::Item => format!("{} {}", e.label, clean(&e.text)),
            Kind::Footnote => {
                let note = clean(&e.text);
                if !whole.contains(&note) {
                    missing.push(format!("footnote {}: {note}", e.label));
                }
                continue;
            }
        };
        if !body.contains(&line) {
            missing.push(line);
        }
    }
    assert!(
        missing.is_empty(),
        "{} elements not in the PDF:\n{}\n\nPDF body text:\n{body}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn reference_report_footnotes_stand_on_their_markers_pages() {
    let (doc, bytes, _) = reference_pdf();
    let pdf = save(&bytes);
    assert_footnotes_on_marker_pages(&doc, pdf.path());
}

#[test]
fn reference_report_pdf_is_reproducible_and_conforming() {
    let (doc, a, opts) = reference_pdf();
    let b = pdf::write(&doc, &opts).unwrap();
    assert!(a == b, "two builds differ");
    assert!(contains(&a, "<pdfaid:part>2</pdfaid:part>") && contains(&a, "<pdfuaid:part>1</pdfuaid:part>"));
    let pdf = save(&a);
    let out = Command::new("pdffonts").arg(pdf.path()).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    for row in table.lines().skip(2) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {row}");
    }
}

#[test]
fn sparse_documents_build() {
    use rapporteur::document::Table;
    // No contents, no footnotes, no job number, a table without a header row, an empty caption.
    let mut doc = sample();
    doc.masthead.job_number = None;
    doc.masthead.barcode = None;
    doc.masthead.caption.clear();
    doc.footnotes.clear();
    doc.body = vec![Block::Table(Table {
        id: "t".into(),
        num: None,
        caption: vec![],
        header: vec![],
        rows: vec![vec![vec![Inline::text("a")], vec![Inline::text("b")]], vec![vec![Inline::text("c")]]],
    })];
    let pdf = save(&build(&doc));
    let text = squash(&pdftotext(pdf.path(), None));
    assert!(text.contains("a b") && text.contains('c'), "{text}");

    doc.body.clear();
    build(&doc);
}

#[test]
fn an_empty_title_is_reported_not_panicked() {
    let mut doc = sample();
    doc.meta.title.clear();
    match pdf::write(&doc, &WriteOptions::default()) {
        Ok(bytes) => assert!(bytes.starts_with(b"%PDF")),
        Err(diags) => assert!(diags.has_errors(), "{diags}"),
    }
}

#[test]
fn a_cross_reference_to_an_ambiguous_id_still_builds() {
    let mut doc = sample();
    // A paragraph with the id of the chapter that `p-chair` refers to, and a duplicated paragraph id.
    fn rename(blocks: &mut [Block]) {
        for b in blocks {
            match b {
                Block::Division(d) => rename(&mut d.children),
                Block::Paragraph(p) if p.id == "p-general" => p.id = "recommendations".into(),
                Block::Paragraph(p) if p.id == "p-opening" => p.id = "p-intro".into(),
                _ => {}
            }
        }
    }
    rename(&mut doc.body);
    let pdf = save(&build(&doc));
    assert!(squash(&pdftotext(pdf.path(), None)).contains("contained in chapter I of the present report"));
}

/// The other sessions too: every footnote — on the cover, in tables, in annexes, in quoted
/// resolutions — stands on the page of its marker.
#[test]
fn footnotes_of_every_session_stand_on_their_markers_pages() {
    for slug in ["ctoc-cop-wg4-2016", "ctoc-cop-2018"] {
        let compiled = compile(&common::root().join("sessions").join(slug)).unwrap_or_else(|d| panic!("{slug}:\n{d}"));
        let opts = WriteOptions { templates: compiled.templates.clone(), ..WriteOptions::default() };
        let bytes = pdf::write(&compiled.document, &opts).unwrap_or_else(|d| panic!("{slug}: {d}"));
        let file = save(&bytes);
        assert_footnotes_on_marker_pages(&compiled.document, file.path());
    }
}

// ---------------------------------------------------------------- layout as the UN prints it

/// The words of one page with their left x and top y (`pdftotext -bbox`).
fn words(pdf: &Path, page: usize) -> Vec<(f64, f64, String)> {
    let p = page.to_string();
    let html = run("pdftotext", &["-bbox", "-f", &p, "-l", &p], pdf);
    let num = |line: &str, key: &str| -> f64 {
        let at = line.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
        line[at..].split('"').next().unwrap().parse().unwrap()
    };
    html.lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .map(|l| {
            let text = l[l.find('>').unwrap() + 1..l.rfind("</word>").unwrap()].to_string();
            (num(l, "xMin"), num(l, "yMin"), text)
        })
        .collect()
}

/// A numbered paragraph: its number at the text block's left edge, the text 10 mm further in,
/// the following lines back at the left edge (no hanging indent); page 2 on, the counter "2/N"
/// in the footer; numbers and labels are list labels in the structure tree, footnotes notes.
#[test]
fn numbered_paragraphs_footer_counter_and_tags() {
    let (doc, bytes, _) = reference_pdf();
    let pdf = save(&bytes);
    let total = page_count(pdf.path());
    let page2 = words(pdf.path(), 2);
    // Paragraph 7 of the reference runs over several lines on page 2.
    let (x_num, y_num, _) = page2.iter().find(|(_, _, w)| w == "7.").cloned().expect("paragraph 7 on page 2");
    let first_text = page2.iter().find(|(x, y, _)| (*y - y_num).abs() < 1.0 && *x > x_num + 1.0).unwrap();
    let mm = 72.0 / 25.4;
    assert!((first_text.0 - x_num - 10.0 * mm).abs() < 1.5, "the text starts 10 mm after the number: {first_text:?}");
    let next_line = page2
        .iter()
        .filter(|(_, y, _)| *y > y_num + 5.0 && *y < y_num + 20.0)
        .map(|(x, _, _)| *x)
        .fold(f64::MAX, f64::min);
    assert!((next_line - x_num).abs() < 0.5, "the second line starts at the number's x ({next_line} vs {x_num})");
    // The footer: "2/N" and the job number.
    let text = pdftotext(pdf.path(), Some(2));
    assert!(text.contains(&format!("2/{total}")), "page 2 has the counter 2/{total}");
    if let Some(job) = &doc.masthead.job_number {
        assert!(text.contains(job.as_str()), "page 2 has the job number in its footer");
    }

    // The structure tree (poppler's `pdfinfo -struct-text`).
    let out = Command::new("pdfinfo").arg("-struct-text").arg(pdf.path()).output().expect("pdfinfo");
    let tree = String::from_utf8_lossy(&out.stdout);
    // The report's title is the top heading (H1) a screen reader lands on; chapters are H2.
    let headings: Vec<&str> = tree.lines().map(str::trim_start).filter(|l| l.starts_with('H')).collect();
    assert!(
        headings.first().is_some_and(|h| h.starts_with("H1 \"Report on the meeting of the Working Group")),
        "{headings:?}"
    );
    assert!(
        headings.iter().any(|h| h.starts_with("H2 \"Recommendations adopted by the Working Group")),
        "{headings:?}"
    );
    assert_eq!(headings.iter().filter(|h| h.starts_with("H1 ")).count(), 1, "one H1: the title");
    let labels: Vec<&str> = tree
        .lines()
        .zip(tree.lines().skip(1))
        .filter(|(l, _)| l.trim_start().starts_with("Lbl"))
        .map(|(_, next)| next.trim())
        .collect();
    for n in 1..=56 {
        assert!(labels.contains(&format!("\"{n}.\"").as_str()), "paragraph number {n}. is a list label");
    }
    assert!(labels.contains(&"\"(a)\""), "sub-item labels are list labels");
    assert!(tree.contains("LI (block)") && tree.contains("LBody (block)"));
    assert_eq!(tree.matches("Note <Note").count(), doc.footnotes.len(), "each footnote is a Note");
}

/// A non-breaking hyphen (U+2011, frequent in UN texts pasted from Word: "system‑wide") is not in
/// Liberation Serif; the PDF prints a hyphen held to the next letter, never a missing glyph.
#[test]
fn a_non_breaking_hyphen_prints_as_a_hyphen() {
    let mut doc = sample();
    doc.masthead.title = vec![Inline::text("A system\u{2011}wide review")];
    let pdf = save(&build(&doc));
    let text = pdftotext(pdf.path(), Some(1)).replace('\u{2060}', "");
    assert!(text.contains("system-wide review"), "{text}");
    assert!(rapporteur::safety::printable_by_fonts('\u{2011}', "en"), "check accepts what the PDF can print");
}

/// A lead-in ("States parties should:") is never left alone at the foot of a page: whatever the
/// number of paragraphs before it, it stands on the page of its first item. The loop moves the
/// lead-in across the foot of page 1, so some run would split them if nothing held them together.
#[test]
fn a_lead_in_stays_on_the_page_of_its_first_item() {
    use rapporteur::document::{Division, DivisionKind, Paragraph};
    let text = |s: &str| vec![Inline::text(s)];
    let mut pages_seen = std::collections::BTreeSet::new();
    for fillers in 20..=48 {
        let mut doc = sample();
        let mut children: Vec<Block> = (1..=fillers)
            .map(|n| {
                Block::Paragraph(Paragraph {
                    id: format!("filler-{n}"),
                    num: Some(format!("{n}.")),
                    content: text(&format!("Filler paragraph {n}.")),
                    items: vec![],
                })
            })
            .collect();
        let item = |id: &str, label: &str, s: &str| Item {
            id: id.into(),
            label: label.into(),
            content: text(s),
            items: vec![],
        };
        children.push(Block::Paragraph(Paragraph {
            id: "lead-in".into(),
            num: Some(format!("{}.", fillers + 1)),
            content: text("LEADIN States parties should:"),
            items: vec![item("a", "(a)", "FIRSTITEM criminalize trafficking;"), item("b", "(b)", "Protect victims.")],
        }));
        doc.body = vec![Block::Division(Division {
            kind: DivisionKind::Chapter,
            id: "chapter".into(),
            num: Some("I.".into()),
            heading: text("Recommendations"),
            children,
        })];
        let pdf = save(&build(&doc));
        let page_of = |needle: &str| {
            (1..=page_count(pdf.path())).find(|&p| pdftotext(pdf.path(), Some(p)).contains(needle)).expect(needle)
        };
        let (lead, first) = (page_of("LEADIN"), page_of("FIRSTITEM"));
        assert_eq!(
            lead, first,
            "with {fillers} paragraphs before it the lead-in is on page {lead}, its first item on {first}"
        );
        pages_seen.insert(lead);
    }
    assert!(pages_seen.len() > 1, "the runs must carry the lead-in across a page break: {pages_seen:?}");
}

/// Table columns as the UN sets them: text left-aligned, figures (and their heads) right-aligned.
#[test]
fn table_text_left_figures_right() {
    let compiled = compile(&common::root().join("sessions/ctoc-cop-wg4-2016")).unwrap();
    let pdf = save(&build(&compiled.document));
    // (xMin, xMax) of a word on the page holding the table.
    let page = (1..=page_count(pdf.path())).find(|&p| pdftotext(pdf.path(), Some(p)).contains("Africa")).unwrap();
    let p = page.to_string();
    let html = run("pdftotext", &["-bbox", "-f", &p, "-l", &p], pdf.path());
    // (xMin, xMax, yMin) of every occurrence of a word; the table's is the one in its row.
    let boxes = |word: &str| -> Vec<(f64, f64, f64)> {
        html.lines()
            .filter(|l| l.trim_end().ends_with(&format!(">{word}</word>")))
            .map(|line| {
                let num = |key: &str| -> f64 {
                    let at = line.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
                    line[at..].split('"').next().unwrap().parse().unwrap()
                };
                (num("xMin"), num("xMax"), num("yMin"))
            })
            .collect()
    };
    let header_row = boxes("Region")[0].2;
    let bbox = |word: &str| -> (f64, f64) {
        let all = boxes(word);
        let in_table = all.iter().filter(|b| b.2 >= header_row - 0.5).min_by(|a, b| a.2.total_cmp(&b.2));
        let b = in_table.unwrap_or_else(|| panic!("{word} in the table"));
        (b.0, b.1)
    };
    let near = |a: f64, b: f64| (a - b).abs() < 0.6;
    let (region, africa, europe) = (bbox("Region"), bbox("Africa"), bbox("Europe"));
    assert!(
        near(region.0, africa.0) && near(africa.0, europe.0),
        "text column left-aligned: {region:?} {africa:?} {europe:?}"
    );
    let (replies, twelve, fifteen) = (bbox("Replies"), bbox("12"), bbox("15"));
    assert!(
        near(replies.1, twelve.1) && near(twelve.1, fifteen.1),
        "figures right-aligned: {replies:?} {twelve:?} {fifteen:?}"
    );
    assert!(replies.0 < twelve.0 - 1.0, "the head is wider than the figures, so its left edge stands further left");
}

/// A table that runs over a page keeps its header on every page, except when the header cites a
/// note: a repeated header is an artifact, which PDF/UA-1 forbids to hold a link (the note's
/// marker), so that header is printed once. Before, such a table failed the whole PDF.
#[test]
fn a_long_table_whose_header_cites_a_note_builds() {
    let session = common::root().join("sessions/ctoc-cop-wg4-2016");
    let mut doc = compile(&session).unwrap_or_else(|d| panic!("{d}")).document;
    fn lengthen(blocks: &mut [Block]) -> bool {
        blocks.iter_mut().any(|b| match b {
            Block::Division(d) => lengthen(&mut d.children),
            Block::Table(t)
                if t.header_cells().flat_map(|c| &c.content).any(|i| matches!(i, Inline::NoteRef { .. })) =>
            {
                for i in 0..80 {
                    t.rows.push(vec![
                        vec![Inline::text(format!("Region {i}"))],
                        vec![Inline::text(i.to_string())],
                        vec![Inline::text((i % 5).to_string())],
                    ]);
                }
                true
            }
            _ => false,
        })
    }
    assert!(lengthen(&mut doc.body), "the 2016 session has a table whose header cites a note");
    let pdf = save(&build(&doc));
    let text = squash(&pdftotext(pdf.path(), None));
    assert!(text.contains("Region 0") && text.contains("Region 79"), "every row is printed");
    assert_eq!(text.matches("Of which partial").count(), 1, "the header is printed once");
}
