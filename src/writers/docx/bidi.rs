//! Right-to-left versions (Arabic): every paragraph of a part is marked `w:bidi` (its direction
//! right to left: it starts at the right margin, its alignment and indents mirror), every run
//! holding right-to-left letters `w:rtl` (its characters read right to left, in the complex
//! script font and size, which docx-rs writes alongside the others: `w:szCs`, `w:bCs`, `w:iCs`),
//! every table `w:bidiVisual` (its first column on the right, as the masthead wants) and every
//! section `w:bidi`. Runs of Latin letters or figures only (the symbol, paragraph numbers) are
//! left without `w:rtl`, as Word itself writes them. Schema order is restored afterwards by
//! `canonical`.

use super::canonical::{self, Element, Node};

/// Whether `c` is a strong right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko…, and
/// their presentation forms).
fn right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Marks a WordprocessingML part (document, footnotes, a header or footer) right to left.
pub fn mirror(xml: &str) -> Result<String, String> {
    canonical::rewrite(xml, walk)
}

fn walk(nodes: &mut [Node]) {
    for node in nodes {
        let Node::Element(e) = node else { continue };
        let name = e.name.clone();
        match name.as_str() {
            "w:p" if stays_left_to_right(e) => {}
            "w:p" => mark(properties(e, "w:pPr"), "w:bidi"),
            "w:r" if text_of(e).chars().any(right_to_left) => mark(properties(e, "w:rPr"), "w:rtl"),
            "w:tblPr" => mark(e, "w:bidiVisual"),
            "w:sectPr" => mark(e, "w:bidi"),
            _ => {}
        }
        walk(&mut e.children);
    }
}

/// Whether a paragraph keeps its left-to-right direction in a right-to-left part: the lines of
/// the masthead's distribution block when they are in Latin letters ("Distr.: General", "21 April
/// 2009", "Original: English"), which UN Arabic documents print in English, left to right, as
/// the PDF sets them (without it Word reorders "21 April 2009" as "April 2009 21").
fn stays_left_to_right(p: &Element) -> bool {
    let style = p.children.iter().find_map(|n| match n {
        Node::Element(ppr) if ppr.name == "w:pPr" => ppr.children.iter().find_map(|n| match n {
            Node::Element(s) if s.name == "w:pStyle" => {
                s.attrs.iter().find(|(k, _)| k == "w:val").map(|(_, v)| v.clone())
            }
            _ => None,
        }),
        _ => None,
    });
    let runs_ltr = p.children.iter().all(|n| match n {
        Node::Element(r) if r.name == "w:r" => !text_of(r).chars().any(right_to_left),
        _ => true,
    });
    style.as_deref() == Some(super::styles::id::MASTHEAD_DISTR) && runs_ltr
}

/// The properties child of a paragraph or run, made (first among its children) if it has none.
pub(super) fn properties<'a>(e: &'a mut Element, name: &str) -> &'a mut Element {
    let at = e.children.iter().position(|n| matches!(n, Node::Element(c) if c.name == name));
    let at = at.unwrap_or_else(|| {
        e.children.insert(0, Node::Element(Element { name: name.into(), attrs: vec![], children: vec![] }));
        0
    });
    match &mut e.children[at] {
        Node::Element(p) => p,
        Node::Raw(_) => unreachable!("the position of an element"),
    }
}

/// Adds the empty (on) toggle `name` unless it is there; `canonical` puts it in its place.
pub(super) fn mark(e: &mut Element, name: &str) {
    if !e.children.iter().any(|n| matches!(n, Node::Element(c) if c.name == name)) {
        e.children.push(Node::Element(Element { name: name.into(), attrs: vec![], children: vec![] }));
    }
}

/// The text of a run's `w:t` children (raw: escaped as in the part, which leaves letters as they are).
fn text_of(run: &Element) -> String {
    let mut out = String::new();
    for node in &run.children {
        if let Node::Element(t) = node
            && (t.name == "w:t" || t.name == "w:delText")
        {
            for child in &t.children {
                if let Node::Raw(raw) = child {
                    out.push_str(raw);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_runs_tables_and_sections() {
        let xml = r#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>مرحبا</w:t></w:r><w:r><w:t>12.</w:t></w:r></w:p><w:p><w:pPr><w:jc w:val="both"/></w:pPr></w:p><w:tbl><w:tblPr/></w:tbl><w:sectPr/></w:body></w:document>"#;
        let out = canonical::canonicalize(&mirror(xml).unwrap()).unwrap();
        assert_eq!(out.matches("<w:bidi />").count(), 3, "{out}");
        assert_eq!(out.matches("<w:rtl").count(), 1, "{out}");
        assert!(out.contains("<w:bidiVisual"), "{out}");
        // In schema order: `w:bidi` before `w:jc`.
        assert!(out.contains("<w:pPr><w:bidi /><w:jc"), "{out}");
    }
}
