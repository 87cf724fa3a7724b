//! Marks the header rows of the report's tables `w:tblHeader`, so that Word and LibreOffice
//! repeat them at the top of each page a table runs onto, as the PDF does. docx-rs 0.4 cannot
//! say it; a header row is known by its cells, every one of whose paragraphs is in the
//! `TableHead` style (the builder writes no other row so). The property goes into the row's
//! `w:trPr`; `canonical` then puts it in schema order.

use super::bidi::{mark, properties};
use super::canonical::{self, Element, Node};

/// Marks every header row of a part.
pub fn mark_header_rows(xml: &str) -> Result<String, String> {
    canonical::rewrite(xml, walk)
}

fn walk(nodes: &mut [Node]) {
    for node in nodes {
        let Node::Element(e) = node else { continue };
        if e.name == "w:tr" && is_header_row(e) {
            mark(properties(e, "w:trPr"), "w:tblHeader");
        }
        walk(&mut e.children);
    }
}

fn children<'a>(e: &'a Element, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
    e.children.iter().filter_map(move |n| match n {
        Node::Element(c) if c.name == name => Some(c),
        _ => None,
    })
}

fn is_header_row(tr: &Element) -> bool {
    let mut cells = children(tr, "w:tc").peekable();
    cells.peek().is_some()
        && cells.all(|tc| {
            let mut paras = children(tc, "w:p").peekable();
            paras.peek().is_some()
                && paras.all(|p| {
                    children(p, "w:pPr")
                        .flat_map(|ppr| children(ppr, "w:pStyle"))
                        .any(|s| s.attrs.iter().any(|(k, v)| k == "w:val" && v == super::styles::id::TABLE_HEAD))
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_rows_of_head_cells_only() {
        let head = r#"<w:tc><w:p><w:pPr><w:pStyle w:val="TableHead"/></w:pPr></w:p></w:tc>"#;
        let text = r#"<w:tc><w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p></w:tc>"#;
        let xml = format!("<w:tbl><w:tr>{head}{head}</w:tr><w:tr>{head}{text}</w:tr></w:tbl>");
        let out = mark_header_rows(&xml).unwrap();
        assert_eq!(out.matches("<w:tblHeader />").count(), 1, "{out}");
        assert!(out.starts_with("<w:tbl><w:tr><w:trPr><w:tblHeader /></w:trPr>"), "{out}");
    }
}
