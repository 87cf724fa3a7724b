//! The generated sentences, declared once: each built-in template (`template: name` on a
//! paragraph), the session data it needs, and the items it lists after its lead-in.
//!
//! The assembler looks a paragraph's template up here before rendering it: when the data a
//! sentence needs is missing, the reader gets a data error naming the field at the paragraph's
//! position, never a template error from inside the `.j2` file (templates run with strict
//! undefined, see `crate::generate`). Adding a sentence: write `templates/<name>.j2` and add one
//! entry to [`SENTENCES`] (which also compiles the template in, for `crate::templates`). The importer reads the same table
//! to recognise a printed sentence (`crate::import::recognize`): an attendance list sentence
//! declares its openings here; the other kinds have their own parser there, named after them.

use crate::lang::Lang;
use crate::session::{Attendance, OfficerRole, Session};

/// The items a sentence lists after its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Items {
    /// Only the sentence.
    None,
    /// The agenda as adopted: "1. Organizational matters:", "(a) Opening of the meeting;"…
    Agenda,
    /// The documents before the meeting: "(a) Provisional agenda (CTOC/COP/WG.4/2016/1);"…
    Documents,
    /// For a recorded vote: "In favour: …", "Against: …", "Abstaining: …".
    Vote,
}

/// A piece of session data a sentence cannot be written without.
#[derive(Debug, Clone, Copy)]
pub struct Need {
    /// The field as the session file spells it (`attendance.permanent_observers`).
    pub field: &'static str,
    /// Whether the session gives it.
    pub present: fn(&Session) -> bool,
    /// How to give it, for the hint.
    pub example: &'static str,
}

/// How the importer recognises the sentence in a printed report.
#[derive(Debug, Clone, Copy)]
pub enum Import {
    /// By its own parser in `crate::import::recognize`.
    Parser(Parser),
    /// "The following States parties to the Protocol were represented …: A, B and C.": the
    /// openings it starts with (plural and singular), the attendance list its names go to, and
    /// whether they are States (checked against the registry) or organizations.
    AttendanceList { openings: &'static [&'static str], list: fn(&mut Attendance) -> &mut Vec<String>, states: bool },
}

/// What a sentence reads from its own paragraph, besides the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    /// Nothing: the session data is enough.
    Session,
    /// `item:`, the agenda item the sentence is about (the statements under it).
    AgendaItem,
    /// `vote_on:`, the decision or resolution voted on.
    Decision,
}

/// The importer's parsers for the sentences that are not a plain attendance list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parser {
    /// "The Working Group held its meeting in Vienna on 14 and 15 April 2009."
    Dates,
    /// "The meeting of the Working Group was chaired by …"
    Chair,
    /// "At its first meeting, the Working Group elected …"
    Elected,
    /// The lead-in of the agenda and its items.
    Agenda,
    /// The lead-in of the documents and their items.
    Documents,
    /// "Under item 2 of the agenda, the Working Group heard statements from …"
    Statements,
    /// "The Conference adopted resolution 9/1 by a recorded vote of …"
    Vote,
    /// The attendance sentences that are not a plain list (permanent observers, regional
    /// economic integration organizations); tried together with the lists.
    Attendance,
}

/// A built-in template: its name, its file under `templates/`, and its source, compiled in.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    pub name: &'static str,
    pub file: &'static str,
    pub source: &'static str,
}

/// The template `templates/<name>.j2`, compiled in.
macro_rules! builtin {
    ($name:literal) => {
        Builtin {
            name: $name,
            file: concat!($name, ".j2"),
            source: include_str!(concat!("../templates/", $name, ".j2")),
        }
    };
}

/// The template `templates/<lang>/<name>.j2` of a built-in sentence in another language,
/// compiled in.
macro_rules! translated {
    ($lang:literal, $name:literal) => {
        Builtin {
            name: $name,
            file: concat!($lang, "/", $name, ".j2"),
            source: include_str!(concat!("../templates/", $lang, "/", $name, ".j2")),
        }
    };
}

/// Every built-in sentence's template in one language (the test below keeps this list and
/// [`SENTENCES`] the same).
macro_rules! language {
    ($lang:literal) => {
        &[
            translated!($lang, "vote"),
            translated!($lang, "agenda"),
            translated!($lang, "documents"),
            translated!($lang, "meeting/dates"),
            translated!($lang, "officers/chair"),
            translated!($lang, "officers/elected"),
            translated!($lang, "attendance/states_parties"),
            translated!($lang, "attendance/regional_organizations"),
            translated!($lang, "attendance/signatories"),
            translated!($lang, "attendance/observer_states"),
            translated!($lang, "attendance/un_entities"),
            translated!($lang, "attendance/intergovernmental_organizations"),
            translated!($lang, "attendance/permanent_observers"),
            translated!($lang, "attendance/ngos"),
            translated!($lang, "statements"),
        ]
    };
}

/// The built-in sentences in the languages other than English (`crate::lang`): the same
/// sentences, each language's own wording, under `templates/<code>/`.
pub const TRANSLATED: &[(Lang, &[Builtin])] = &[
    (Lang::Ar, language!("ar")),
    (Lang::Zh, language!("zh")),
    (Lang::Fr, language!("fr")),
    (Lang::Ru, language!("ru")),
    (Lang::Es, language!("es")),
];

/// One kind of generated sentence.
#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    /// The template's name (`templates/<name>.j2`), as a paragraph's `template:` names it.
    pub name: &'static str,
    /// The template (the default; a session may override it).
    pub template: Builtin,
    /// The session data it needs (paragraph-level data, `item:` and `vote_on:`, is checked by
    /// the assembler, which also resolves it).
    pub needs: &'static [Need],
    /// What follows the sentence.
    pub items: Items,
    /// What it reads from its paragraph.
    pub reads: Reads,
    /// How the importer finds it.
    pub import: Import,
}

const fn sentence(template: Builtin, needs: &'static [Need], items: Items, parser: Parser) -> Sentence {
    let reads = match parser {
        Parser::Statements => Reads::AgendaItem,
        Parser::Vote => Reads::Decision,
        _ => Reads::Session,
    };
    Sentence { name: template.name, template, needs, items, reads, import: Import::Parser(parser) }
}

/// An attendance sentence that lists one category of participants.
const fn attendance_list(
    template: Builtin,
    needs: &'static [Need],
    openings: &'static [&'static str],
    list: fn(&mut Attendance) -> &mut Vec<String>,
    states: bool,
) -> Sentence {
    Sentence {
        name: template.name,
        template,
        needs,
        items: Items::None,
        reads: Reads::Session,
        import: Import::AttendanceList { openings, list, states },
    }
}

const fn need(field: &'static str, present: fn(&Session) -> bool, example: &'static str) -> Need {
    Need { field, present, example }
}

/// Every built-in generated sentence, in the order the importer tries them: the vote first (its
/// items are the States by how they voted), the attendance lists with a longer opening ("The
/// following States parties") before a shorter one it starts with ("The following States").
pub const SENTENCES: &[Sentence] = &[
    sentence(builtin!("vote"), &[], Items::Vote, Parser::Vote),
    sentence(
        builtin!("agenda"),
        &[need("agenda", |s| s.agenda.is_some(), "agenda: {items: [{id: opening, title: Opening of the meeting}]}")],
        Items::Agenda,
        Parser::Agenda,
    ),
    sentence(
        builtin!("documents"),
        &[need(
            "documents",
            |s| !s.documents.is_empty(),
            "documents: [{symbol: CTOC/COP/WG.4/2016/1, title: Provisional agenda}]",
        )],
        Items::Documents,
        Parser::Documents,
    ),
    sentence(builtin!("meeting/dates"), &[], Items::None, Parser::Dates),
    sentence(
        builtin!("officers/chair"),
        &[need(
            "officers` with `role: chair",
            |s| s.officers.iter().any(|o| o.role == OfficerRole::Chair),
            "officers: [{role: chair, name: Dominika Krois, state: Poland}]",
        )],
        Items::None,
        Parser::Chair,
    ),
    sentence(
        builtin!("officers/elected"),
        &[need(
            "officers",
            |s| !s.officers.is_empty(),
            "officers: [{role: chair, name: Dominika Krois, state: Poland}]",
        )],
        Items::None,
        Parser::Elected,
    ),
    attendance_list(
        builtin!("attendance/states_parties"),
        &[need(
            "attendance.states_parties",
            |s| !s.attendance.states_parties.is_empty(),
            "attendance: {states_parties: [Austria, Brazil]}",
        )],
        &["The following States parties", "The following State party"],
        |a| &mut a.states_parties,
        true,
    ),
    sentence(
        builtin!("attendance/regional_organizations"),
        &[need(
            "attendance.regional_organizations",
            |s| !s.attendance.regional_organizations.is_empty(),
            "attendance: {regional_organizations: [European Union]}",
        )],
        Items::None,
        Parser::Attendance,
    ),
    attendance_list(
        builtin!("attendance/signatories"),
        &[need(
            "attendance.signatories",
            |s| !s.attendance.signatories.is_empty(),
            "attendance: {signatories: [Japan]}",
        )],
        &["The following States signatories", "The following State signatory"],
        |a| &mut a.signatories,
        true,
    ),
    attendance_list(
        builtin!("attendance/observer_states"),
        &[need(
            "attendance.observer_states",
            |s| !s.attendance.observer_states.is_empty(),
            "attendance: {observer_states: [Holy See]}",
        )],
        &["The following States", "The following State"],
        |a| &mut a.observer_states,
        true,
    ),
    attendance_list(
        builtin!("attendance/un_entities"),
        &[need(
            "attendance.un_entities",
            |s| !s.attendance.un_entities.is_empty(),
            "attendance: {un_entities: [United Nations Office on Drugs and Crime]}",
        )],
        &["The following United Nations entities", "The following United Nations entity"],
        |a| &mut a.un_entities,
        false,
    ),
    attendance_list(
        builtin!("attendance/intergovernmental_organizations"),
        &[need(
            "attendance.intergovernmental_organizations",
            |s| !s.attendance.intergovernmental_organizations.is_empty(),
            "attendance: {intergovernmental_organizations: [International Organization for Migration]}",
        )],
        &["The following intergovernmental organizations", "The following intergovernmental organization"],
        |a| &mut a.intergovernmental_organizations,
        false,
    ),
    sentence(
        builtin!("attendance/permanent_observers"),
        &[need(
            "attendance.permanent_observers",
            |s| !s.attendance.permanent_observers.is_empty(),
            "attendance: {permanent_observers: [Sovereign Military Order of Malta]}",
        )],
        Items::None,
        Parser::Attendance,
    ),
    attendance_list(
        builtin!("attendance/ngos"),
        &[need("attendance.ngos", |s| !s.attendance.ngos.is_empty(), "attendance: {ngos: [Amnesty International]}")],
        &["The following non-governmental organizations", "The following non-governmental organization"],
        |a| &mut a.ngos,
        false,
    ),
    sentence(
        builtin!("statements"),
        &[need("statements", |s| !s.statements.is_empty(), "statements: [{item: promote, states: [Austria, Brazil]}]")],
        Items::None,
        Parser::Statements,
    ),
];

/// The sentence a template name declares, if it is a built-in one.
pub fn find(name: &str) -> Option<&'static Sentence> {
    SENTENCES.iter().find(|s| s.name == name)
}

impl Sentence {
    /// The first piece of data the session lacks for this sentence.
    pub fn missing(&self, session: &Session) -> Option<&'static Need> {
        self.needs.iter().find(|n| !(n.present)(session))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `.j2` file under `templates/` is declared in the table, and every entry has its
    /// template, so no sentence can be forgotten on either side. (The languages' folders,
    /// `templates/fr/`…, are checked by the next test.)
    #[test]
    fn the_table_covers_every_builtin_template() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut on_disk = Vec::new();
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let language_folder = path.parent() == Some(root.as_path())
                    && path.file_name().and_then(|n| n.to_str()).and_then(Lang::parse).is_some();
                if language_folder {
                    continue;
                }
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "j2") {
                    let rel = path.strip_prefix(&root).unwrap().with_extension("");
                    on_disk.push(rel.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        on_disk.sort();
        let mut declared: Vec<String> = SENTENCES.iter().map(|s| s.name.to_string()).collect();
        declared.sort();
        assert_eq!(on_disk, declared);
        for s in SENTENCES {
            assert!(
                crate::templates::Templates::is_builtin(&format!("{}.j2", s.name)),
                "{} is not compiled in",
                s.name
            );
        }
    }

    /// Every language other than English has every built-in sentence, and nothing else: its
    /// folder under `templates/` holds exactly the files the table compiles in.
    #[test]
    fn every_language_has_every_sentence() {
        let mut english: Vec<&str> = SENTENCES.iter().map(|s| s.name).collect();
        english.sort();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let others: Vec<Lang> = Lang::ALL.into_iter().filter(|l| *l != Lang::En).collect();
        assert_eq!(TRANSLATED.iter().map(|(l, _)| *l).collect::<Vec<_>>(), others);
        for (lang, builtins) in TRANSLATED {
            let mut names: Vec<&str> = builtins.iter().map(|b| b.name).collect();
            names.sort();
            assert_eq!(names, english, "{lang:?}");
            let mut on_disk = Vec::new();
            let mut stack = vec![root.join(lang.code())];
            while let Some(dir) = stack.pop() {
                for entry in std::fs::read_dir(&dir).unwrap() {
                    let path = entry.unwrap().path();
                    if path.is_dir() {
                        stack.push(path);
                    } else {
                        let rel = path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
                        on_disk.push(rel);
                    }
                }
            }
            on_disk.sort();
            let mut files: Vec<&str> = builtins.iter().map(|b| b.file).collect();
            files.sort();
            assert_eq!(on_disk, files, "{lang:?}");
        }
    }
}
