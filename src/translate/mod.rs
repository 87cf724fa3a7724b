//! Translations kept with the data: the narrative text of a report (its title, headings,
//! written paragraphs, sub-items and footnotes) in another language, unit by unit, keyed by the
//! stable ids the assembler gives them (`crate::assemble`), so that renumbering never loses a
//! translation.
//!
//! A session keeps them in `translations/<lang>.yaml` (read by `crate::session::load`):
//!
//! ```yaml
//! introduction:                      # a chapter heading, by its id
//!   source: 5b0c0d3fa1e2c9b7          # fingerprint of the English it was made from
//!   text: Introduction
//! introduction-the-working-group-was-established:
//!   source: 0c1f…
//!   text: "Le Groupe de travail a été créé[^wg] … (voir {chapter:recommendations})."
//! note:wg:                           # footnote `wg`
//!   source: 77aa…
//!   text: …
//! doc:title:                         # the report's title
//!   …
//! doc:meeting.name:                  # the meeting's name (also doc:organ, doc:meeting.short,
//!   …                                # doc:meeting.session): printed in generated sentences
//! doc:name.european-union:           # a name written once, printed wherever the data uses it
//!   …                                # (organizations, the instrument, officers' titles); also
//!                                    # doc:agenda.<item id>, doc:documents.<symbol slug>
//! ```
//!
//! Generated text (attendance, agenda, statements, dates, cross-reference wording, citations) is
//! never translated here: it is written in each language from the data. The translated text
//! keeps the inline markup of `crate::markup`, and must cite the same footnotes and make the
//! same cross-references as the English (checked here, with the place in the translation file).
//!
//! `apply` puts a language's translations into the session before it is assembled: every unit is
//! pinned to its English id first (a chapter's derived id comes from its English title), so
//! cross-references keep their targets. What has no translation is reported (a warning, an
//! error with `--strict`), and so is a translation whose English changed since it was made —
//! each stores the fingerprint of the English (`fingerprint`) it translates.
//! `xliff` exchanges the same units with translators as XLIFF 2.0.

pub mod xliff;

use std::collections::{BTreeMap, HashMap};
use std::hash::Hasher;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::markup::{self, Span};
use crate::session::load::Loaded;
use crate::session::locate::Locator;
use crate::session::{ItemDef, ParagraphDef, ParagraphKind, Section, Session};

/// The id of the report's title among the units (ids of the data never hold a `:`).
pub const TITLE_ID: &str = "doc:title";
/// The prefix of a footnote's unit id: `note:<footnote id>`.
pub const NOTE_PREFIX: &str = "note:";

/// What a unit of translation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Title,
    /// A name the generated sentences and the masthead print: the organ, the meeting's name,
    /// short name and session (`doc:organ`, `doc:meeting.name`…).
    Name,
    Heading,
    Paragraph,
    Item,
    Footnote,
}

impl UnitKind {
    pub fn word(self) -> &'static str {
        match self {
            UnitKind::Title => "title",
            UnitKind::Name => "name",
            UnitKind::Heading => "heading",
            UnitKind::Paragraph => "paragraph",
            UnitKind::Item => "sub-item",
            UnitKind::Footnote => "footnote",
        }
    }

    pub fn from_word(word: &str) -> Option<UnitKind> {
        [UnitKind::Title, UnitKind::Name, UnitKind::Heading, UnitKind::Paragraph, UnitKind::Item, UnitKind::Footnote]
            .into_iter()
            .find(|k| k.word() == word)
    }
}

/// One text of the original to translate.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Its stable id: the paragraph's, sub-item's or division's id, `note:<id>` for a footnote,
    /// `doc:title` for the title.
    pub id: String,
    pub kind: UnitKind,
    /// The data path of the text (`chapters[0].paragraphs[2].text`), for locating it.
    pub path: String,
    /// The original text, in inline markup.
    pub text: String,
}

/// One translation as `translations/<lang>.yaml` keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// `fingerprint` of the original text this translates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The translation, in inline markup.
    pub text: String,
}

/// A language's translations, by unit id.
pub type Translations = BTreeMap<String, Entry>;

/// A short fingerprint of an original text (SipHash-1-3 with zero keys, 64 bits, in hex), blind
/// to how the YAML wraps it: runs of white space count as one space. It tells whether the text
/// changed since a translation was made; it is not a defence against anyone.
pub fn fingerprint(text: &str) -> String {
    let normalized = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut hasher = siphasher::sip::SipHasher13::new_with_keys(0, 0);
    hasher.write(normalized.as_bytes());
    format!("{:016x}", hasher.finish())
}

/// The slot of one translatable text in the session, as the walk hands it over.
struct Slot<'a> {
    kind: UnitKind,
    /// The data path of the unit (`chapters[0].paragraphs[2]`): the key of its id in the plan.
    path: String,
    /// The data path of the text itself.
    text_path: String,
    /// Its id field, to pin (`None` for footnotes and the title, whose ids are fixed).
    id: Option<&'a mut Option<String>>,
    text: &'a mut String,
}

/// Calls `f` on every translatable text of the session, in reading order.
fn visit(session: &mut Session, f: &mut dyn FnMut(Slot<'_>)) {
    f(Slot {
        kind: UnitKind::Title,
        path: "title".into(),
        text_path: "title".into(),
        id: None,
        text: &mut session.title,
    });
    // The names the masthead and the generated sentences print ("Le Groupe de travail a tenu…"):
    // data, not generated, so translated like the title.
    let meeting = &mut session.meeting;
    let masthead = &mut session.masthead;
    let names: [(&str, Option<&mut String>); 9] = [
        ("organ", Some(&mut session.organ)),
        ("meeting.name", Some(&mut meeting.name)),
        ("meeting.short", meeting.short.as_mut()),
        ("meeting.session", meeting.session.as_mut()),
        ("meeting.caption_item", meeting.caption_item.as_mut()),
        ("meeting.agenda_item.title", meeting.agenda_item.as_mut().and_then(|i| i.title.as_mut())),
        ("masthead.official_records.session", masthead.official_records.as_mut().map(|o| &mut o.session)),
        ("masthead.part", masthead.part.as_mut()),
        ("masthead.reissued", masthead.reissued.as_mut()),
    ];
    for (path, text) in names {
        if let Some(text) = text {
            f(Slot { kind: UnitKind::Name, path: path.into(), text_path: path.into(), id: None, text });
        }
    }
    // The agenda, the next session's agenda and the titles of the documents: data printed by
    // the generated sentences and annexes.
    // Their unit ids come from the items' ids and the documents' symbols (`doc:agenda.review`,
    // `doc:documents.ctoc-cop-2018-1`): XLIFF wants them NMTOKENs.
    for (key, agenda) in [("agenda", session.agenda.as_mut()), ("next_agenda", session.next_agenda.as_mut())] {
        if let Some(agenda) = agenda {
            agenda_items(&mut agenda.items, key, &format!("{key}.items"), f);
        }
    }
    for (i, document) in session.documents.iter_mut().enumerate() {
        f(Slot {
            kind: UnitKind::Name,
            path: format!("documents.{}", crate::generate::slug(&document.symbol)),
            text_path: format!("documents[{i}].title"),
            id: None,
            text: &mut document.title,
        });
    }
    // The names of organizations, the instrument and the officers' titles are translated once
    // each, whatever the number of places that write them, into `printed_names` (ids keep
    // coming from the names as written): `name.<slug>`, located at the first place.
    let written = names_written(session);
    session.printed_names = written.iter().map(|(name, _)| (name.clone(), name.clone())).collect();
    let first_place: HashMap<&str, &str> = written.iter().map(|(n, p)| (n.as_str(), p.as_str())).collect();
    for (name, printed) in session.printed_names.iter_mut() {
        let text_path = first_place.get(name.as_str()).copied().unwrap_or_default().to_string();
        f(Slot {
            kind: UnitKind::Name,
            path: format!("name.{}", crate::generate::slug(name)),
            text_path,
            id: None,
            text: printed,
        });
    }
    for (ci, chapter) in session.chapters.iter_mut().enumerate() {
        let path = format!("chapters[{ci}]");
        f(Slot {
            kind: UnitKind::Heading,
            text_path: format!("{path}.title"),
            path: path.clone(),
            id: Some(&mut chapter.id),
            text: &mut chapter.title,
        });
        paragraphs(&mut chapter.paragraphs, &format!("{path}.paragraphs"), f);
        sections(&mut chapter.sections, &path, f);
    }
    for (ai, annex) in session.annexes.iter_mut().enumerate() {
        let path = format!("annexes[{ai}]");
        f(Slot {
            kind: UnitKind::Heading,
            text_path: format!("{path}.title"),
            path: path.clone(),
            id: Some(&mut annex.id),
            text: &mut annex.title,
        });
        paragraphs(&mut annex.paragraphs, &format!("{path}.paragraphs"), f);
        sections(&mut annex.sections, &path, f);
    }
    for (id, note) in session.footnotes.iter_mut() {
        if let Some(text) = &mut note.text {
            let path = format!("footnotes.{id}");
            f(Slot { kind: UnitKind::Footnote, text_path: format!("{path}.text"), path, id: None, text });
        }
    }
}

/// The items of an agenda, sub-items after their item (`agenda.items[1].items[0].title`).
fn agenda_items(list: &mut [crate::session::AgendaItem], key: &str, base: &str, f: &mut dyn FnMut(Slot<'_>)) {
    for (i, item) in list.iter_mut().enumerate() {
        let path = format!("{base}[{i}]");
        f(Slot {
            kind: UnitKind::Name,
            path: format!("{key}.{}", crate::generate::slug(&item.id)),
            text_path: format!("{path}.title"),
            id: None,
            text: &mut item.title,
        });
        agenda_items(&mut item.items, key, &format!("{path}.items"), f);
    }
}

/// Every name of an organization (attendance lists, other speakers), the instrument, the
/// network of institutes and the officers' titles, each once, with the data path of its first
/// place, in reading order.
fn names_written(session: &Session) -> Vec<(String, String)> {
    let a = &session.attendance;
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |name: &str, path: String| {
        if !name.trim().is_empty() && !out.iter().any(|(n, _)| n == name) {
            out.push((name.to_string(), path));
        }
    };
    if let Some(i) = &a.instrument {
        add(i, "attendance.instrument".into());
    }
    if let Some(n) = &a.un_network {
        add(n, "attendance.un_network".into());
    }
    let lists: [(&str, &Vec<String>); 5] = [
        ("regional_organizations", &a.regional_organizations),
        ("un_entities", &a.un_entities),
        ("intergovernmental_organizations", &a.intergovernmental_organizations),
        ("permanent_observers", &a.permanent_observers),
        ("ngos", &a.ngos),
    ];
    for (key, list) in lists {
        for (i, name) in list.iter().enumerate() {
            add(name, format!("attendance.{key}[{i}]"));
        }
    }
    for (si, statements) in session.statements.iter().enumerate() {
        for (oi, other) in statements.others.iter().enumerate() {
            add(&other.of, format!("statements[{si}].others[{oi}].of"));
        }
    }
    for (oi, officer) in session.officers.iter().enumerate() {
        if let Some(title) = &officer.title {
            add(title, format!("officers[{oi}].title"));
        }
    }
    out
}

fn sections(list: &mut [Section], parent: &str, f: &mut dyn FnMut(Slot<'_>)) {
    for (si, section) in list.iter_mut().enumerate() {
        let path = format!("{parent}.sections[{si}]");
        f(Slot {
            kind: UnitKind::Heading,
            text_path: format!("{path}.title"),
            path: path.clone(),
            id: Some(&mut section.id),
            text: &mut section.title,
        });
        paragraphs(&mut section.paragraphs, &format!("{path}.paragraphs"), f);
        for (gi, group) in section.groups.iter_mut().enumerate() {
            let gpath = format!("{path}.groups[{gi}]");
            f(Slot {
                kind: UnitKind::Heading,
                text_path: format!("{gpath}.title"),
                path: gpath.clone(),
                id: Some(&mut group.id),
                text: &mut group.title,
            });
            paragraphs(&mut group.paragraphs, &format!("{gpath}.paragraphs"), f);
        }
    }
}

/// The paragraphs of a list whose paths are `{list}[i]`.
fn paragraphs(list: &mut [ParagraphDef], base: &str, f: &mut dyn FnMut(Slot<'_>)) {
    for (i, p) in list.iter_mut().enumerate() {
        let path = format!("{base}[{i}]");
        let ParagraphDef { id, kind, .. } = p;
        match kind {
            ParagraphKind::Text { text, items: subs } => {
                f(Slot {
                    kind: UnitKind::Paragraph,
                    text_path: format!("{path}.text"),
                    path: path.clone(),
                    id: Some(id),
                    text,
                });
                items(subs, &path, f);
            }
            ParagraphKind::Decision(decision) => {
                f(Slot {
                    kind: UnitKind::Heading,
                    text_path: format!("{path}.decision.title"),
                    path: path.clone(),
                    id: Some(&mut decision.id),
                    text: &mut decision.title,
                });
                paragraphs(&mut decision.preamble, &format!("{path}.decision.preamble"), f);
                paragraphs(&mut decision.operative, &format!("{path}.decision.operative"), f);
            }
            // Generated paragraphs are written in each language from the data; tables are left
            // as they are (their cells are mostly names and figures); a list of officers is
            // written from the data.
            ParagraphKind::Template { .. } | ParagraphKind::Table(_) | ParagraphKind::Officers(_) => {}
        }
    }
}

fn items(list: &mut [ItemDef], parent: &str, f: &mut dyn FnMut(Slot<'_>)) {
    for (i, item) in list.iter_mut().enumerate() {
        let path = format!("{parent}.items[{i}]");
        let ItemDef { id, text, items: subs, .. } = item;
        f(Slot { kind: UnitKind::Item, text_path: format!("{path}.text"), path: path.clone(), id: Some(id), text });
        items(subs, &path, f);
    }
}

/// Data path → stable id of every unit the assembler numbers (chapters, sections, paragraphs,
/// sub-items…), from a dry run of the assembler on the original.
fn ids_by_path(loaded: &Loaded) -> HashMap<String, String> {
    let assembled = crate::assemble::assemble(&loaded.session, &loaded.slug, &loaded.sources, &loaded.templates);
    assembled.paths.into_iter().map(|(id, path)| (path, id)).collect()
}

/// The unit id of a slot: fixed for the title and footnotes, the assembler's id otherwise.
fn unit_id(slot: &Slot<'_>, ids: &HashMap<String, String>) -> Option<String> {
    match slot.kind {
        UnitKind::Title => Some(TITLE_ID.into()),
        UnitKind::Name => Some(format!("doc:{}", slot.path)),
        UnitKind::Footnote => slot.path.strip_prefix("footnotes.").map(|id| format!("{NOTE_PREFIX}{id}")),
        _ => ids.get(&slot.path).cloned(),
    }
}

/// Every text of the original to translate, in reading order (empty texts left out).
pub fn units(loaded: &Loaded) -> Vec<Unit> {
    let ids = ids_by_path(loaded);
    let mut session = loaded.session.clone();
    let mut out = Vec::new();
    visit(&mut session, &mut |slot| {
        if slot.text.trim().is_empty() {
            return;
        }
        if let Some(id) = unit_id(&slot, &ids) {
            out.push(Unit { id, kind: slot.kind, path: slot.text_path, text: slot.text.clone() });
        }
    });
    out
}

/// A language's translations as read from the session, with where each entry stands.
pub struct TranslationFile {
    pub path: PathBuf,
    pub entries: Translations,
    locator: Locator,
}

impl TranslationFile {
    /// Where the entry for unit `id` (its `text`, or the entry itself) stands in the file.
    pub fn locate(&self, id: &str, field: &str) -> Option<Location> {
        let (line, column) =
            self.locator.find_exact(&format!("{id}.{field}")).or_else(|| self.locator.find_exact(id))?;
        Some(Location { file: self.path.clone(), line, column })
    }
}

/// The translations of `lang` kept in the session (`None`: it has no `translations/<lang>.yaml`).
pub fn read(loaded: &Loaded, lang: &str) -> Result<Option<TranslationFile>, Diagnostics> {
    let Some((path, text)) = loaded.translations.get(lang) else {
        return Ok(None);
    };
    let entries = parse(path, text)?;
    Ok(Some(TranslationFile { path: path.clone(), entries, locator: Locator::new(text) }))
}

/// Reads the text of a translation file.
pub fn parse(path: &Path, text: &str) -> Result<Translations, Diagnostics> {
    if text.trim().is_empty() {
        return Ok(Translations::new());
    }
    serde_saphyr::from_str_with_options::<Option<Translations>>(text, crate::safety::yaml_options())
        .map(Option::unwrap_or_default)
        .map_err(|e| crate::session::explain::diagnostic(path, text, &e).into())
}

/// The text of `translations/<lang>.yaml` for `entries`: in the reading order of `units`, each
/// with a comment naming what it is; entries for ids the original no longer has come last.
pub fn to_yaml(lang: &str, units: &[Unit], entries: &Translations) -> String {
    let mut out = format!(
        "# Translations into `{lang}` of the report's narrative text, by stable id (see `rapporteur xliff`).\n\
         # `source` is the fingerprint of the original text each one translates: when the original\n\
         # changes, the build reports the translation as stale.\n"
    );
    let mut written = std::collections::HashSet::new();
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let entry = |out: &mut String, id: &str, e: &Entry, what: Option<&Unit>| {
        if let Some(unit) = what {
            out.push_str(&format!("\n# {} ({})\n", unit.kind.word(), unit.path));
        } else {
            out.push_str("\n# not in the original any more\n");
        }
        out.push_str(&format!("{}:\n", quote(id)));
        if let Some(source) = &e.source {
            out.push_str(&format!("  source: {}\n", quote(source)));
        }
        out.push_str(&format!("  text: {}\n", quote(&e.text)));
    };
    for unit in units {
        if let Some(e) = entries.get(&unit.id) {
            entry(&mut out, &unit.id, e, Some(unit));
            written.insert(unit.id.as_str());
        }
    }
    for (id, e) in entries {
        if !written.contains(id.as_str()) {
            entry(&mut out, id, e, None);
        }
    }
    out
}

/// The footnote references and cross-references of a text, as written (`[^a]`, `{chapter:x}`),
/// sorted: a translation must have the same ones.
fn codes(spans: &[Span]) -> Vec<String> {
    fn walk(spans: &[Span], out: &mut Vec<String>) {
        for span in spans {
            match span {
                Span::Note { id, .. } => out.push(format!("[^{id}]")),
                Span::Ref { .. } => out.push(xliff::raw_code(span).unwrap_or_default()),
                Span::Emph(inner) | Span::Strong(inner) | Span::Bracketed { content: inner, .. } => walk(inner, out),
                Span::Text(_) | Span::Entity { .. } => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(spans, &mut out);
    out.sort();
    out
}

/// How many units a build in a language found translated, missing and stale.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Coverage {
    pub translated: usize,
    pub missing: usize,
    pub stale: usize,
}

/// A session put into another language.
pub struct Translated {
    pub loaded: Loaded,
    /// Untranslated and stale units, translations of ids the original lacks (warnings).
    pub warnings: Diagnostics,
    pub coverage: Coverage,
}

/// The session in `lang`: its language set to `lang`, every unit pinned to its original id and
/// its text replaced by the translation kept in `translations/<lang>.yaml`. Units without one
/// keep the original text and are reported, one warning each, at the original; a translation
/// whose original changed since it was made is reported at the translation. A translation that
/// does not parse, or that drops or adds a footnote reference or cross-reference, is an error.
/// The original language gives the session back as it is.
pub fn apply(loaded: &Loaded, lang: &str) -> Result<Translated, Diagnostics> {
    let mut out = loaded.clone();
    if crate::fonts::primary(lang) == crate::fonts::primary(&loaded.session.language) {
        return Ok(Translated { loaded: out, warnings: Diagnostics::new(), coverage: Coverage::default() });
    }
    let file = read(loaded, lang)?;
    let ids = ids_by_path(loaded);
    let mut warnings = Diagnostics::new();
    let mut errors = Diagnostics::new();
    let mut coverage = Coverage::default();
    let mut seen = std::collections::HashSet::new();
    let file_name =
        file.as_ref().map(|f| f.path.display().to_string()).unwrap_or_else(|| format!("translations/{lang}.yaml"));
    visit(&mut out.session, &mut |slot| {
        if slot.text.trim().is_empty() {
            return;
        }
        let Some(id) = unit_id(&slot, &ids) else { return };
        // Pinned before the text changes: a derived id comes from the English words.
        if let Some(field) = slot.id {
            *field = Some(id.clone());
        }
        seen.insert(id.clone());
        let entry = file.as_ref().and_then(|f| f.entries.get(&id).map(|e| (f, e)));
        let Some((file, entry)) = entry else {
            coverage.missing += 1;
            warnings.push(
                Diagnostic::warning(format!("{} `{id}` has no `{lang}` translation", slot.kind.word()))
                    .at(loaded.sources.locate(&slot.text_path))
                    .with_hint(format!(
                        "add it to {file_name}, or exchange it as XLIFF: `rapporteur xliff export SESSION --lang {lang}`"
                    )),
            );
            return;
        };
        let translated = match markup::parse(&entry.text) {
            Ok(spans) => spans,
            Err(e) => {
                errors.push(
                    Diagnostic::error(format!("the `{lang}` text of `{id}`: {}", e.message))
                        .at(file.locate(&id, "text"))
                        .with_hint(e.hint),
                );
                return;
            }
        };
        let original = markup::parse(slot.text).map(|s| codes(&s)).unwrap_or_default();
        let kept = codes(&translated);
        if original != kept {
            let list = |v: &[String]| if v.is_empty() { "none".to_string() } else { v.join(" ") };
            errors.push(
                Diagnostic::error(format!(
                    "the `{lang}` text of `{id}` has the footnote references and cross-references {}, the original {}",
                    list(&kept[..]),
                    list(&original[..])
                ))
                .at(file.locate(&id, "text"))
                .with_hint("keep each footnote reference (`[^id]`) and cross-reference (`{chapter:id}`) of the original, written as in it"),
            );
            return;
        }
        match &entry.source {
            Some(source) if *source == fingerprint(slot.text) => coverage.translated += 1,
            Some(_) => {
                coverage.stale += 1;
                warnings.push(
                    Diagnostic::warning(format!(
                        "the `{lang}` translation of {} `{id}` is stale: the original changed since it was made",
                        slot.kind.word()
                    ))
                    .at(file.locate(&id, "source"))
                    .with_hint(format!(
                        "revise it against the original, then set `source: {}`; or exchange it again as XLIFF",
                        fingerprint(slot.text)
                    )),
                );
            }
            None => {
                coverage.stale += 1;
                warnings.push(
                    Diagnostic::warning(format!(
                        "the `{lang}` translation of {} `{id}` does not say which original it translates",
                        slot.kind.word()
                    ))
                    .at(file.locate(&id, "text"))
                    .with_hint(format!(
                        "if it translates the original as it is now, add `source: {}`",
                        fingerprint(slot.text)
                    )),
                );
            }
        }
        *slot.text = entry.text.clone();
    });
    if let Some(file) = &file {
        for id in file.entries.keys().filter(|id| !seen.contains(*id)) {
            warnings.push(
                Diagnostic::warning(format!("`{id}` in the `{lang}` translations is no text of the original"))
                    .at(file.locate(id, "text"))
                    .with_hint("its paragraph was removed or its id changed; remove the entry or give it the new id"),
            );
        }
    }
    if errors.has_errors() {
        errors.extend(warnings);
        return Err(errors);
    }
    out.session.language = lang.to_string();
    Ok(Translated { loaded: out, warnings, coverage })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_wrapping_only() {
        assert_eq!(fingerprint("a  b\nc "), fingerprint("a b c"));
        assert_ne!(fingerprint("a b c"), fingerprint("a b d"));
        assert_eq!(fingerprint("").len(), 16);
    }

    #[test]
    fn yaml_round_trip() {
        let mut entries = Translations::new();
        entries.insert("p-1".into(), Entry { source: Some("00ff".into()), text: "« Texte » : *a*[^n]\n2".into() });
        entries.insert("note:n".into(), Entry { source: None, text: "Note".into() });
        let text = to_yaml("fr", &[], &entries);
        assert_eq!(parse(Path::new("fr.yaml"), &text).unwrap(), entries);
    }
}
