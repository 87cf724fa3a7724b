//! The units of translation exchanged with translators as XLIFF 2.0 (OASIS, core module only):
//! one `<unit>` per title, heading, paragraph, sub-item and footnote, its `id` the unit's stable
//! id, its original in `<source>` and any translation kept in the session in `<target>`.
//!
//! The inline markup of `crate::markup` travels as XLIFF inline codes, so that a translation
//! tool protects it and the translator only moves it: footnote references (`[^id]`) and
//! cross-references (`{chapter:id}`, whose wording each language writes) are placeholders
//! `<ph>` that may not be deleted; italics, bold, bracketed text and named entities wrap text
//! as `<pc>`. The markup each code stands for is kept in the unit's `<originalData>` (and shown
//! in `disp`), and `import` writes it back from there. Each unit carries the fingerprint of its
//! original (`crate::translate::fingerprint`) in a note, so that a translation made from an older
//! original is known as stale when it comes back.

use std::collections::{BTreeMap, HashSet};

use crate::diag::{Diagnostic, Diagnostics};
use crate::import::akn::{El, Node};
use crate::markup::{self, EntityMark, RefKind, Span};
use crate::session::load::Loaded;
use crate::translate::{Entry, Translations, Unit, fingerprint, units};

/// The XLIFF 2.0 namespace.
pub const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:2.0";
/// The `category` of the note that holds a unit's fingerprint, and of the one naming its kind.
const FINGERPRINT: &str = "fingerprint";
const KIND: &str = "kind";

/// The markup a placeholder span stands for: `[^id]`, `{chapter:id}`, `{paras:a..b}`.
pub fn raw_code(span: &Span) -> Option<String> {
    match span {
        Span::Note { id, .. } => Some(format!("[^{id}]")),
        Span::Ref { kind, first, last, .. } => {
            let word = match kind {
                RefKind::Chapter => "chapter",
                RefKind::Chapters => "chapters",
                RefKind::Section => "section",
                RefKind::Para => "para",
                RefKind::Paras => "paras",
                RefKind::Annex => "annex",
            };
            Some(match last {
                Some(last) => format!("{{{word}:{first}..{last}}}"),
                None => format!("{{{word}:{first}}}"),
            })
        }
        _ => None,
    }
}

/// The markup around a wrapping span: (`*`, `*`), (`{org:id|`, `}`)…
fn raw_pair(span: &Span) -> Option<(String, String, Option<&'static str>)> {
    match span {
        Span::Emph(_) => Some(("*".into(), "*".into(), Some("xlf:i"))),
        Span::Strong(_) => Some(("**".into(), "**".into(), Some("xlf:b"))),
        Span::Bracketed { .. } => Some(("[[".into(), "]]".into(), None)),
        Span::Entity { kind, id, .. } => {
            let word = match kind {
                EntityMark::Org => "org",
                EntityMark::Person => "person",
                EntityMark::Role => "role",
            };
            Some((format!("{{{word}:{id}|"), "}".into(), None))
        }
        _ => None,
    }
}

/// Text for XML content and attribute values.
fn esc(text: &str) -> String {
    let safe = crate::safety::xml_safe(text);
    let mut out = String::with_capacity(safe.len());
    for c in safe.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// The inline codes of one unit: the original data (markup by data id) and the codes of the
/// source, which the target's codes reuse by id when they stand for the same markup.
#[derive(Default)]
struct Codes {
    /// (data id, markup), in order of first use.
    data: Vec<(String, String)>,
    /// Codes of the source: (code id, start markup, end markup or `None` for a placeholder).
    source: Vec<(String, String, Option<String>)>,
    next: usize,
}

impl Codes {
    fn data_ref(&mut self, raw: &str) -> String {
        if let Some((id, _)) = self.data.iter().find(|(_, r)| r == raw) {
            return id.clone();
        }
        let id = format!("d{}", self.data.len() + 1);
        self.data.push((id.clone(), raw.to_string()));
        id
    }

    /// The id of a code: a new one in the source; in the target, that of the first source code
    /// for the same markup not yet used.
    fn code_id(&mut self, start: &str, end: Option<&str>, target: Option<&mut HashSet<String>>) -> String {
        if let Some(used) = target {
            let found = self
                .source
                .iter()
                .find(|(id, s, e)| s == start && e.as_deref() == end && !used.contains(id))
                .map(|(id, _, _)| id.clone());
            if let Some(id) = found {
                used.insert(id.clone());
                return id;
            }
            self.next += 1;
            return self.next.to_string();
        }
        self.next += 1;
        let id = self.next.to_string();
        self.source.push((id.clone(), start.to_string(), end.map(str::to_string)));
        id
    }

    /// `spans` as XLIFF inline content. `target`: the source codes already matched.
    fn content(&mut self, spans: &[Span], mut target: Option<&mut HashSet<String>>) -> String {
        let mut out = String::new();
        for span in spans {
            if let Span::Text(text) = span {
                out.push_str(&esc(text));
            } else if let Some(raw) = raw_code(span) {
                let id = self.code_id(&raw, None, target.as_deref_mut());
                let data = self.data_ref(&raw);
                out.push_str(&format!(r#"<ph id="{id}" dataRef="{data}" disp="{}" canDelete="no"/>"#, esc(&raw)));
            } else if let Some((start, end, sub)) = raw_pair(span) {
                let id = self.code_id(&start, Some(&end), target.as_deref_mut());
                let (ds, de) = (self.data_ref(&start), self.data_ref(&end));
                let kind = sub.map(|s| format!(r#" type="fmt" subType="{s}""#)).unwrap_or_default();
                let inner = match span {
                    Span::Emph(inner) | Span::Strong(inner) | Span::Bracketed { content: inner, .. } => {
                        self.content(inner, target.as_deref_mut())
                    }
                    Span::Entity { text, .. } => esc(text),
                    _ => String::new(),
                };
                out.push_str(&format!(
                    r#"<pc id="{id}" dataRefStart="{ds}" dataRefEnd="{de}" dispStart="{}" dispEnd="{}"{kind}>{inner}</pc>"#,
                    esc(&start),
                    esc(&end)
                ));
            }
        }
        out
    }
}

/// The session's units as an XLIFF 2.0 document for translation into `lang`, with the
/// translations already kept in `translations/<lang>.yaml` as targets (a stale one marked
/// `state="initial"` with a note, so that the translator revises it).
pub fn export(loaded: &Loaded, lang: &str) -> Result<String, Diagnostics> {
    let source_lang = &loaded.session.language;
    if crate::fonts::primary(lang) == crate::fonts::primary(source_lang) {
        return Err(Diagnostic::error(format!("`{lang}` is the language of the original"))
            .with_hint("name the language to translate into, e.g. `--lang fr`")
            .into());
    }
    let existing = crate::translate::read(loaded, lang)?.map(|f| f.entries).unwrap_or_default();
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<xliff xmlns=\"{NAMESPACE}\" version=\"2.0\" srcLang=\"{}\" trgLang=\"{}\">\n",
        esc(source_lang),
        esc(lang)
    ));
    out.push_str(&format!("  <file id=\"f1\" original=\"{}\">\n", esc(&loaded.slug)));
    for unit in units(loaded) {
        out.push_str(&unit_xml(&unit, existing.get(&unit.id))?);
    }
    out.push_str("  </file>\n</xliff>\n");
    Ok(out)
}

fn unit_xml(unit: &Unit, existing: Option<&Entry>) -> Result<String, Diagnostics> {
    let spans = markup::parse(&unit.text).map_err(|e| {
        Diagnostic::error(format!("{} `{}` ({}): {}", unit.kind.word(), unit.id, unit.path, e.message))
            .with_hint("`rapporteur check` shows where; fix the original first")
    })?;
    let print = fingerprint(&unit.text);
    let mut codes = Codes::default();
    let source = codes.content(&spans, None);
    let mut target = None;
    let mut stale = false;
    if let Some(entry) = existing
        && let Ok(spans) = markup::parse(&entry.text)
    {
        let mut used = HashSet::new();
        target = Some(codes.content(&spans, Some(&mut used)));
        stale = entry.source.as_deref() != Some(print.as_str());
    }
    let mut out = format!("    <unit id=\"{}\" name=\"{}\">\n", esc(&unit.id), esc(&unit.path));
    out.push_str("      <notes>\n");
    out.push_str(&format!("        <note category=\"{KIND}\">{}</note>\n", unit.kind.word()));
    out.push_str(&format!("        <note category=\"{FINGERPRINT}\">{print}</note>\n"));
    if stale {
        out.push_str("        <note category=\"stale\">the original changed since this translation was made</note>\n");
    }
    out.push_str("      </notes>\n");
    if !codes.data.is_empty() {
        out.push_str("      <originalData>\n");
        for (id, raw) in &codes.data {
            out.push_str(&format!("        <data id=\"{id}\">{}</data>\n", esc(raw)));
        }
        out.push_str("      </originalData>\n");
    }
    let state = match (&target, stale) {
        (Some(_), false) => "translated",
        _ => "initial",
    };
    out.push_str(&format!("      <segment state=\"{state}\">\n        <source>{source}</source>\n"));
    if let Some(target) = target {
        out.push_str(&format!("        <target>{target}</target>\n"));
    }
    out.push_str("      </segment>\n    </unit>\n");
    Ok(out)
}

/// What an imported XLIFF file holds.
pub struct Imported {
    /// Its target language.
    pub lang: String,
    /// The translations it carries (units with a non-empty target), by unit id, each with the
    /// fingerprint of the original it was made from.
    pub entries: Translations,
    /// Units it has no target for.
    pub untranslated: usize,
}

fn fail(message: String, hint: &str) -> Diagnostics {
    Diagnostic::error(message).with_hint(hint).into()
}

/// Reads an XLIFF 2.0 file written by `export` and filled by a translator. The inline codes of
/// each target are turned back into markup through the unit's original data; a code whose data
/// is unknown is an error naming the unit.
pub fn import(xml: &str, file_name: &str) -> Result<Imported, Diagnostics> {
    let root = crate::import::akn::parse(xml)?;
    if root.name != "xliff" || root.namespace.as_deref() != Some(NAMESPACE) {
        return Err(fail(
            format!("{file_name} is not an XLIFF 2.0 document (its root is <{}>)", root.name),
            "give the file `rapporteur xliff export` wrote, with the translations filled in",
        ));
    }
    let lang = root.attr("trgLang").filter(|l| !l.is_empty()).ok_or_else(|| {
        fail(
            format!("{file_name} does not say its target language (`trgLang`)"),
            "set `trgLang` on <xliff>, e.g. trgLang=\"fr\"",
        )
    })?;
    let mut entries = Translations::new();
    let mut untranslated = 0;
    let mut diags = Diagnostics::new();
    let mut units = Vec::new();
    fn collect<'a>(el: &'a El, out: &mut Vec<&'a El>) {
        for child in el.elements() {
            match child.name.as_str() {
                "unit" => out.push(child),
                "file" | "group" => collect(child, out),
                _ => {}
            }
        }
    }
    collect(&root, &mut units);
    for unit in units {
        let id = unit.attr("id").unwrap_or_default().to_string();
        let data: BTreeMap<&str, String> = unit
            .child("originalData")
            .map(|o| {
                o.elements()
                    .filter(|d| d.name == "data")
                    .map(|d| (d.attr("id").unwrap_or_default(), d.text()))
                    .collect()
            })
            .unwrap_or_default();
        let print = unit
            .child("notes")
            .and_then(|n| n.elements().find(|e| e.name == "note" && e.attr("category") == Some(FINGERPRINT)))
            .map(|n| n.text().trim().to_string());
        // Segments (and the ignorable white space between them) in order; a tool may split one.
        let mut text = String::new();
        let mut has_target = false;
        for part in unit.elements().filter(|e| e.name == "segment" || e.name == "ignorable") {
            let chosen = match part.child("target") {
                Some(target) => {
                    has_target |= part.name == "segment";
                    target
                }
                None if part.name == "ignorable" => match part.child("source") {
                    Some(source) => source,
                    None => continue,
                },
                None => continue,
            };
            match markup_of(chosen, &data) {
                Ok(t) => text.push_str(&t),
                Err(message) => diags.push(
                    Diagnostic::error(format!("{file_name}: unit `{id}`: {message}"))
                        .with_hint("keep the inline codes of the source as they are; move them, do not retype them"),
                ),
            }
        }
        if !has_target || text.trim().is_empty() {
            untranslated += 1;
            continue;
        }
        if let Err(e) = markup::parse(&text) {
            diags.push(
                Diagnostic::error(format!(
                    "{file_name}: unit `{id}`: the translation reads as bad markup: {}",
                    e.message
                ))
                .with_hint(e.hint),
            );
            continue;
        }
        entries.insert(id, Entry { source: print, text });
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Imported { lang: lang.to_string(), entries, untranslated })
}

/// The inline markup of a `<target>` (or `<source>`): text escaped as markup, codes replaced by
/// their original data.
fn markup_of(el: &El, data: &BTreeMap<&str, String>) -> Result<String, String> {
    let lookup = |code: &El, attr: &str| -> Result<String, String> {
        let key = code
            .attr(attr)
            .ok_or_else(|| format!("<{}> id=\"{}\" has no `{attr}`", code.name, code.attr("id").unwrap_or_default()))?;
        data.get(key)
            .cloned()
            .ok_or_else(|| format!("<{}> refers to original data `{key}`, which the unit lacks", code.name))
    };
    let mut out = String::new();
    for node in &el.children {
        match node {
            Node::Text(t) => out.push_str(&markup::escape(t)),
            Node::El(code) => match code.name.as_str() {
                "ph" => out.push_str(&lookup(code, "dataRef")?),
                "pc" => {
                    out.push_str(&lookup(code, "dataRefStart")?);
                    out.push_str(&markup_of(code, data)?);
                    out.push_str(&lookup(code, "dataRefEnd")?);
                }
                // A pc split by a tool into start and end codes.
                "sc" | "ec" => out.push_str(&lookup(code, "dataRef")?),
                // Annotations (comments, terms) wrap text that stays.
                "mrk" | "sm" | "em" => out.push_str(&markup_of(code, data)?),
                other => return Err(format!("<{other}> is not an inline element this tool knows")),
            },
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_markup() {
        let text = "the *Global Report*[^gr], see {chapter:intro} and {org:unodc|UNODC} [[**x**]] 5 \\* 3";
        let spans = markup::parse(text).unwrap();
        let mut codes = Codes::default();
        let content = codes.content(&spans, None);
        assert!(content.contains(r#"<ph id="2" dataRef="d2" disp="[^gr]" canDelete="no"/>"#), "{content}");
        let data: Vec<(String, String)> = codes.data.clone();
        let xml = format!(
            "<xliff xmlns=\"{NAMESPACE}\" version=\"2.0\" srcLang=\"en\" trgLang=\"fr\"><file id=\"f\"><unit id=\"u\"><originalData>{}</originalData><segment><source>{content}</source><target>{content}</target></segment></unit></file></xliff>",
            data.iter().map(|(id, raw)| format!("<data id=\"{id}\">{}</data>", esc(raw))).collect::<String>()
        );
        let imported = import(&xml, "t.xlf").unwrap();
        let back = &imported.entries["u"].text;
        assert_eq!(markup::parse(back).unwrap(), spans, "{back}");
    }
}
