//! Puts docx-rs's WordprocessingML into the order the schema (ECMA-376) prescribes.
//!
//! docx-rs 0.4 writes property children in its own order — `w:rPr` before `w:pStyle` inside
//! `w:pPr`, `w:rPr` before `w:pPr` inside a style, `w:sz` before `w:rFonts`… LibreOffice reads
//! that; Word treats these containers as sequences and may call the file corrupt or silently drop
//! properties. This pass parses a part losslessly (text and attribute values stay as escaped by
//! docx-rs), stably reorders the children of the property containers by their schema sequence,
//! and writes the part again. It also removes what docx-rs adds that the schema does not allow:
//! a second `Normal` style (docx-rs always writes an empty one before the styles it is given) and
//! the `w:type` attribute of `w:gridCol`, the empty `w:rPr` inside the paragraph properties of
//! styles, document defaults and numbering levels (`CT_PPrGeneral`). Deterministic: the same input
//! gives the same output.

use quick_xml::Reader;
use quick_xml::events::Event;

pub(super) enum Node {
    Element(Element),
    /// Text, entity references, CDATA, comments, declarations: written back as read.
    Raw(String),
}

pub(super) struct Element {
    pub(super) name: String,
    /// Attribute names and raw (still escaped) values, in document order.
    pub(super) attrs: Vec<(String, String)>,
    pub(super) children: Vec<Node>,
}

/// The schema sequence of the children of `parent`, for the containers whose children docx-rs
/// misorders. `None`: leave the order alone.
fn sequence(parent: &str) -> Option<&'static [&'static str]> {
    Some(match parent {
        "w:pPr" => &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
        "w:rPr" => &[
            "w:ins",
            "w:del",
            "w:moveFrom",
            "w:moveTo",
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:rPrChange",
        ],
        "w:pBdr" => &["w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar"],
        "w:tcBorders" => &[
            "w:top",
            "w:start",
            "w:left",
            "w:bottom",
            "w:end",
            "w:right",
            "w:insideH",
            "w:insideV",
            "w:tl2br",
            "w:tr2bl",
        ],
        "w:tblBorders" => &["w:top", "w:start", "w:left", "w:bottom", "w:end", "w:right", "w:insideH", "w:insideV"],
        "w:tblCellMar" | "w:tcMar" => &["w:top", "w:start", "w:left", "w:bottom", "w:end", "w:right"],
        "w:tcPr" => &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
            "w:headers",
            "w:cellIns",
            "w:cellDel",
            "w:cellMerge",
            "w:tcPrChange",
        ],
        "w:tblPr" => &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
            "w:tblPrChange",
        ],
        "w:trPr" => &[
            "w:cnfStyle",
            "w:divId",
            "w:gridBefore",
            "w:gridAfter",
            "w:wBefore",
            "w:wAfter",
            "w:cantSplit",
            "w:trHeight",
            "w:tblHeader",
            "w:tblCellSpacing",
            "w:jc",
            "w:hidden",
            "w:ins",
            "w:del",
            "w:trPrChange",
        ],
        "w:sectPr" => &[
            "w:headerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
        "w:style" => &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
        "w:styles" => &["w:docDefaults", "w:latentStyles", "w:style"],
        "w:docDefaults" => &["w:rPrDefault", "w:pPrDefault"],
        "w:font" => &[
            "w:altName",
            "w:panose1",
            "w:charset",
            "w:family",
            "w:notTrueType",
            "w:pitch",
            "w:sig",
            "w:embedRegular",
            "w:embedBold",
            "w:embedItalic",
            "w:embedBoldItalic",
        ],
        // Containers of content: their properties come first (and a section's last).
        "w:p" => &["w:pPr"],
        "w:r" => &["w:rPr"],
        "w:tc" => &["w:tcPr"],
        "w:tbl" => &["w:tblPr", "w:tblGrid"],
        "w:tr" => &["w:tblPrEx", "w:trPr"],
        _ => return None,
    })
}

/// The rank of `child` among the children of `parent`.
fn rank(parent: &str, seq: &[&str], child: &str) -> usize {
    let child = if parent == "w:sectPr" && child == "w:footerReference" { "w:headerReference" } else { child };
    match seq.iter().position(|s| *s == child) {
        Some(i) => i,
        // Unlisted children of a content container are its content: after the properties.
        None => seq.len(),
    }
}

/// Rewrites one part in schema order (see the module documentation).
pub fn canonicalize(xml: &str) -> Result<String, String> {
    let mut nodes = parse(xml)?;
    for node in &mut nodes {
        if let Node::Element(e) = node {
            fix(e);
        }
    }
    let mut out = String::with_capacity(xml.len() + 64);
    for node in &nodes {
        write(node, &mut out);
    }
    Ok(out)
}

/// The raw (still escaped) values of attribute `key` on the elements named `name`, in document
/// order: e.g. the targets of a relationships part.
pub fn attribute_values(xml: &str, name: &str, key: &str) -> Result<Vec<String>, String> {
    fn walk(nodes: &[Node], name: &str, key: &str, out: &mut Vec<String>) {
        for node in nodes {
            if let Node::Element(e) = node {
                if e.name == name
                    && let Some(v) = attr(e, key)
                {
                    out.push(v.to_string());
                }
                walk(&e.children, name, key, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&parse(xml)?, name, key, &mut out);
    Ok(out)
}

/// Rewrites `xml` without the elements named `name` whose attribute `key` satisfies `drop`:
/// e.g. the relationship to a part that is not written.
pub fn remove_elements(xml: &str, name: &str, key: &str, drop: impl Fn(&str) -> bool) -> Result<String, String> {
    fn walk(nodes: &mut Vec<Node>, name: &str, key: &str, drop: &dyn Fn(&str) -> bool) {
        nodes.retain(|n| !matches!(n, Node::Element(e) if e.name == name && attr(e, key).is_some_and(drop)));
        for node in nodes {
            if let Node::Element(e) = node {
                walk(&mut e.children, name, key, drop);
            }
        }
    }
    let mut nodes = parse(xml)?;
    walk(&mut nodes, name, key, &drop);
    let mut out = String::with_capacity(xml.len());
    for node in &nodes {
        write(node, &mut out);
    }
    Ok(out)
}

pub(super) fn parse(xml: &str) -> Result<Vec<Node>, String> {
    let mut reader = Reader::from_str(xml);
    // The root's children collect in `stack[0]`.
    let mut stack: Vec<Element> = vec![Element { name: String::new(), attrs: vec![], children: vec![] }];
    let utf8 = |b: &[u8]| String::from_utf8(b.to_vec()).map_err(|e| e.to_string());
    let element = |e: &quick_xml::events::BytesStart| -> Result<Element, String> {
        let mut attrs = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|e| e.to_string())?;
            attrs.push((utf8(a.key.as_ref())?, utf8(&a.value)?));
        }
        Ok(Element { name: utf8(e.name().as_ref())?, attrs, children: vec![] })
    };
    loop {
        let event = reader.read_event().map_err(|e| format!("at {}: {e}", reader.buffer_position()))?;
        let raw = match event {
            Event::Eof => break,
            Event::Start(e) => {
                stack.push(element(&e)?);
                continue;
            }
            Event::Empty(e) => {
                let el = element(&e)?;
                stack.last_mut().expect("root").children.push(Node::Element(el));
                continue;
            }
            Event::End(_) => {
                let done = stack.pop().expect("balanced");
                let parent = stack.last_mut().ok_or("unbalanced end tag")?;
                parent.children.push(Node::Element(done));
                continue;
            }
            Event::Text(t) => utf8(&t)?,
            Event::GeneralRef(r) => format!("&{};", utf8(&r)?),
            Event::CData(c) => format!("<![CDATA[{}]]>", utf8(&c)?),
            Event::Comment(c) => format!("<!--{}-->", utf8(&c)?),
            Event::Decl(d) => format!("<?{}?>", utf8(&d)?),
            Event::PI(p) => format!("<?{}?>", utf8(&p)?),
            Event::DocType(d) => format!("<!DOCTYPE {}>", utf8(&d)?),
        };
        stack.last_mut().expect("root").children.push(Node::Raw(raw));
    }
    if stack.len() != 1 {
        return Err("unclosed element".into());
    }
    Ok(stack.pop().expect("root").children)
}

fn fix(e: &mut Element) {
    if e.name == "w:gridCol" {
        e.attrs.retain(|(k, _)| k != "w:type");
    }
    // The paragraph properties of a style, of the document defaults and of a numbering level are
    // `CT_PPrGeneral`, which has no run properties; docx-rs writes an empty `w:rPr` there all the
    // same. (The run properties of a style are its own `w:rPr`, a sibling of `w:pPr`.)
    if matches!(e.name.as_str(), "w:style" | "w:pPrDefault" | "w:lvl") {
        for c in &mut e.children {
            if let Node::Element(ppr) = c
                && ppr.name == "w:pPr"
            {
                ppr.children.retain(|c| !matches!(c, Node::Element(r) if r.name == "w:rPr" && is_empty(r)));
            }
        }
    }
    if e.name == "w:styles" {
        dedupe_styles(e);
    }
    if let Some(seq) = sequence(&e.name) {
        let name = e.name.clone();
        // A stable sort: equal ranks keep their order.
        e.children.sort_by_key(|c| match c {
            Node::Element(c) => rank(&name, seq, &c.name),
            Node::Raw(_) => seq.len(),
        });
    }
    for c in &mut e.children {
        if let Node::Element(c) = c {
            fix(c);
        }
    }
}

/// An element without attributes and without element children (whitespace aside).
fn is_empty(e: &Element) -> bool {
    e.attrs.is_empty()
        && e.children.iter().all(|c| match c {
            Node::Element(_) => false,
            Node::Raw(s) => s.trim().is_empty(),
        })
}

fn attr<'a>(e: &'a Element, name: &str) -> Option<&'a str> {
    e.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Keeps the last definition of each style id (docx-rs writes an empty `Normal` before the
/// styles it is given) and marks `Normal` as the default paragraph style.
fn dedupe_styles(styles: &mut Element) {
    let ids: Vec<Option<String>> = styles
        .children
        .iter()
        .map(|c| match c {
            Node::Element(s) if s.name == "w:style" => attr(s, "w:styleId").map(str::to_string),
            _ => None,
        })
        .collect();
    let mut keep = Vec::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        keep.push(match id {
            Some(id) => !ids[i + 1..].iter().any(|later| later.as_deref() == Some(id.as_str())),
            None => true,
        });
    }
    let mut k = keep.into_iter();
    styles.children.retain(|_| k.next().unwrap_or(true));
    for c in &mut styles.children {
        if let Node::Element(s) = c
            && s.name == "w:style"
            && attr(s, "w:styleId") == Some("Normal")
            && attr(s, "w:default").is_none()
        {
            s.attrs.insert(1.min(s.attrs.len()), ("w:default".into(), "1".into()));
        }
    }
}

/// Parses a part, lets `edit` change its elements in place, and writes it again (the passes
/// docx-rs cannot do: right-to-left marks, repeated header rows).
pub(super) fn rewrite(xml: &str, edit: impl FnOnce(&mut [Node])) -> Result<String, String> {
    let mut nodes = parse(xml)?;
    edit(&mut nodes);
    let mut out = String::with_capacity(xml.len() + xml.len() / 8);
    for node in &nodes {
        write(node, &mut out);
    }
    Ok(out)
}

pub(super) fn write(node: &Node, out: &mut String) {
    match node {
        Node::Raw(s) => out.push_str(s),
        Node::Element(e) => {
            out.push('<');
            out.push_str(&e.name);
            for (k, v) in &e.attrs {
                out.push(' ');
                out.push_str(k);
                out.push_str("=\"");
                out.push_str(v);
                out.push('"');
            }
            if e.children.is_empty() {
                out.push_str(" />");
            } else {
                out.push('>');
                for c in &e.children {
                    write(c, out);
                }
                out.push_str("</");
                out.push_str(&e.name);
                out.push('>');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::canonicalize;

    #[test]
    fn orders_properties_and_keeps_text() {
        let xml = r#"<?xml version="1.0"?><w:p a="1"><w:pPr><w:rPr /><w:jc w:val="both" /><w:pStyle w:val="X" /></w:pPr><w:r><w:t xml:space="preserve">a &amp; &lt;b&gt; ]]&gt;</w:t></w:r></w:p>"#;
        assert_eq!(
            canonicalize(xml).unwrap(),
            r#"<?xml version="1.0"?><w:p a="1"><w:pPr><w:pStyle w:val="X" /><w:jc w:val="both" /><w:rPr /></w:pPr><w:r><w:t xml:space="preserve">a &amp; &lt;b&gt; ]]&gt;</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn removes_the_empty_normal_style() {
        let xml = r#"<w:styles><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /></w:style><w:style w:type="paragraph" w:styleId="Normal"><w:rPr><w:sz w:val="20" /></w:rPr><w:name w:val="Normal" /></w:style></w:styles>"#;
        assert_eq!(
            canonicalize(xml).unwrap(),
            r#"<w:styles><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal" /><w:rPr><w:sz w:val="20" /></w:rPr></w:style></w:styles>"#
        );
    }
}
