//! The session data: serde types that mirror the YAML files under `sessions/<slug>/`.
//!
//! These types say what a person writes, not what the report prints: no numbers, no footnote
//! markers, no generated sentences. `load` reads a session folder into them (keeping a locator
//! from data paths to line and column), `crate::check` finds what is wrong with them, and
//! `crate::assemble` turns them into the `Document`.
//!
//! Free text fields hold the inline markup described in `crate::markup`.

pub mod date;
pub mod explain;
pub mod load;
pub mod locate;
pub mod paragraph;
pub mod symbol;
pub mod table;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use date::Date;
pub use paragraph::{ItemDef, ParagraphDef, ParagraphKind};
pub use symbol::{Distribution, Stage, SymbolParts};
pub use table::{HeaderCell, TableHeader};

/// One meeting's record (`session.yaml` plus any files it includes).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Sibling files whose top-level keys are merged into this one (each key defined once).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,

    /// Document symbol, e.g. `CTOC/COP/WG.4/2009/2`, or `CTOC/COP/WG.4/2009/L.1` for a draft;
    /// read into its parts by `SymbolParts::parse`.
    #[serde(default)]
    pub symbol: String,
    /// `final` (the default) or `draft`.
    #[serde(default, skip_serializing_if = "Stage::is_final")]
    pub stage: Stage,
    /// `General`, `Limited` or `Restricted` (any case); when absent, `Limited` for a draft and
    /// `General` otherwise (see `Session::printed_distribution`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution: Option<Distribution>,
    /// Date of issue.
    #[serde(default)]
    pub date: Option<Date>,
    /// Original language, as printed ("English").
    #[serde(default = "default_original")]
    pub original: String,
    /// Language of this text (BCP 47), `en` by default.
    #[serde(default = "default_language")]
    pub language: String,
    /// The organ, e.g. "Conference of the Parties to the United Nations Convention against
    /// Transnational Organized Crime".
    #[serde(default)]
    pub organ: String,
    /// Short name of the issuing body for identifiers (e.g. `ctoc-cop`); derived from the
    /// symbol when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(default)]
    pub meeting: Meeting,
    /// The report's title (inline markup).
    #[serde(default)]
    pub title: String,
    /// Job number such as `V.09-82790 (E)`; its bar-code text is derived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_number: Option<String>,
    /// What the first page prints besides the usual masthead (a treaty meeting's name for
    /// "United Nations", an Official Records title page, the pre-2000 capitals, the
    /// rapporteur's line, an addendum's part, a reissue note).
    #[serde(default, skip_serializing_if = "MastheadDef::is_empty")]
    pub masthead: MastheadDef,

    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda: Option<Agenda>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub officers: Vec<Officer>,
    #[serde(default)]
    pub attendance: Attendance,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statements: Vec<Statements>,
    /// The numbered meetings of the session ("1st meeting, on 8 June 2026, morning"), for the
    /// sentences that name them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<MeetingRecord>,
    /// Articles of organizations, over the registry's (`src/registry/organizations.tsv`):
    /// `{Saferworld: none, Arab Parliament: the}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub articles: BTreeMap<String, crate::registry::organizations::Article>,

    /// Names the session writes (organizations, the instrument, officers' titles) as a version
    /// in another language prints them, keyed by the name as written: filled from the
    /// translations by `crate::translate::apply`, never read from a file. The name as written
    /// keeps giving the ids, so an organization is the same entity in every version.
    #[serde(skip)]
    #[schemars(skip)]
    pub printed_names: BTreeMap<String, String>,

    /// Print a table of contents (chapters, sections and annexes, with their paragraphs) before
    /// chapter I.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub contents: bool,
    /// Print State names as written. By default an informal name ("USA", "Côte d’Ivoire" with a
    /// curly apostrophe) is printed as the State's official short name on the meeting date; a
    /// session reproducing a past report word for word keeps the record's wording.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub keep_names_as_recorded: bool,
    #[serde(default)]
    pub chapters: Vec<Chapter>,
    /// Annexes: "Annex I", "Annex II"… (or "Annex" when there is one), each with its own
    /// paragraph numbers and lettered footnotes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annexes: Vec<Annex>,
    /// The documents before the meeting (for `template: documents` and `generate: documents`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<DocumentRef>,
    /// The provisional agenda of the next session (for `generate: provisional_agenda`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_agenda: Option<Agenda>,
    /// A draft issued in parts: each part a document of its own with its own symbol, built from
    /// this one record (e.g. L.1 = chapters I–III, L.1/Add.1 = chapter IV). Empty: one document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
    /// Set by the build, not written in the data: when one part of a report issued in parts is
    /// built, the number each of its chapters has in the whole report (L.1/Add.1 opens with
    /// chapter IV when L.1 holds chapters I–III). Empty: chapters are numbered I, II… in order.
    #[serde(skip)]
    pub chapter_numbers: Vec<u32>,
    /// Footnote definitions by id, cited in text as `[^id]`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub footnotes: BTreeMap<String, FootnoteDef>,
}

impl Session {
    /// The distribution printed in the masthead: as given, else `Limited` for a draft and
    /// `General` for a final text.
    pub fn printed_distribution(&self) -> Distribution {
        self.distribution.unwrap_or(match self.stage {
            Stage::Draft => Distribution::Limited,
            Stage::Final => Distribution::General,
        })
    }
}

fn default_original() -> String {
    "English".into()
}
fn default_language() -> String {
    "en".into()
}

/// The first page's variants (`masthead:` in `session.yaml`); every key is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MastheadDef {
    /// Printed on the top line instead of "United Nations"; empty for nothing there (a treaty
    /// meeting whose name stands in the organ's place, as in TPNW/MSP/2025/11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// `standard` (the default) or `capitals`, the pre-2000 style.
    #[serde(default, skip_serializing_if = "crate::document::MastheadStyle::is_standard")]
    pub style: crate::document::MastheadStyle,
    /// An Official Records volume: the title page names the organ, the session and the
    /// supplement, and there is no distribution block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_records: Option<OfficialRecordsDef>,
    /// A draft report's rapporteur, printed "Rapporteur: …" under the title (inline markup),
    /// e.g. "Ms. Eliza Grisle (Latvia)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rapporteur: Option<String>,
    /// The part an addendum carries, printed under "Addendum" (inline markup), e.g. "Part two:
    /// Action taken by the Conference of the Parties at its fourth session".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    /// A reissue note, cited by `*` after the symbol (inline markup), e.g. "Reissued for
    /// technical reasons on 12 May 2025.".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reissued: Option<String>,
}

impl MastheadDef {
    pub fn is_empty(&self) -> bool {
        *self == MastheadDef::default()
    }
}

/// The Official Records a report is printed in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OfficialRecordsDef {
    /// e.g. "Eightieth Session".
    pub session: String,
    /// The supplement's number, e.g. `33` ("Supplement No. 33").
    pub supplement: String,
}

/// The meeting the report is about.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// "Working Group on Trafficking in Persons".
    #[serde(default)]
    pub name: String,
    /// How the text calls it: "Working Group" (defaults to `name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    /// "Seventh session", printed in the caption under the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// "Vienna".
    #[serde(default)]
    pub venue: String,
    /// The days of the meeting, in order.
    #[serde(default)]
    pub dates: Vec<Date>,
    /// A last caption line, such as "Item 2 of the provisional agenda[^agenda]" (inline markup;
    /// a footnote cited here is marked `*`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption_item: Option<String>,
    /// The agenda item the report is issued under, printed in the caption as "Agenda item 15"
    /// over its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda_item: Option<CaptionAgendaItem>,
}

/// "Agenda item 15" and the item's title, in the masthead caption.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaptionAgendaItem {
    /// As printed: `15`, `4 (a)`.
    pub number: String,
    /// The item's title (inline markup); none when the caption gives only the number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// One numbered meeting of the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingRecord {
    /// 1 for the 1st meeting.
    pub number: u32,
    pub date: Date,
    /// `morning`, `afternoon` or a time as printed ("10 a.m.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
}

/// The agenda as adopted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agenda {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted: Option<Date>,
    /// The number of the meeting (under `meetings:`) at which the agenda was adopted: the
    /// sentence then reads "At its 1st meeting, on 8 June 2026, the … adopted".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted_at_meeting: Option<u32>,
    pub items: Vec<AgendaItem>,
}

/// An agenda item: numbered 1., 2. at the top, (a), (b) below.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    pub id: String,
    /// The title without final punctuation (the list adds ":", ";" and ".").
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<AgendaItem>,
}

/// An agenda title as the list prints it: without the final ";", "." or ":" a title pasted
/// from another document may carry (the list adds its own).
pub fn agenda_title(title: &str) -> &str {
    title.trim_end().trim_end_matches([';', '.', ':', ',']).trim_end()
}

/// An officer of the meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Officer {
    pub role: OfficerRole,
    /// The person who holds the office; left out when a State holds it (a treaty meeting's
    /// vice-presidencies: `{role: vice-president, state: Austria}`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The State the officer comes from, by its name on the meeting date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// e.g. "Vice-President of the Conference".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// Who attended, by category. States are named by their UN short name as of the meeting date.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    /// The instrument that makes a State a party or signatory ("Trafficking in Persons Protocol").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instrument: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub states_parties: Vec<String>,
    /// Regional economic integration organizations that are parties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regional_organizations: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatories: Vec<String>,
    /// Other States, represented by observers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub observer_states: Vec<String>,
    /// How the sentence on `observer_states` calls them: `also` (the default, "The following
    /// States were also represented by observers") or `not_parties` ("The following States not
    /// parties to the Protocol were represented by observers", as CTOC bodies write it).
    #[serde(default, skip_serializing_if = "ObserverStatesWording::is_also")]
    pub observer_states_wording: ObserverStatesWording,
    /// United Nations entities and institutes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub un_entities: Vec<String>,
    /// The network the institutes belong to, when the report names it ("United Nations Crime
    /// Prevention and Criminal Justice Programme network").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub un_network: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intergovernmental_organizations: Vec<String>,
    /// Entities maintaining permanent observer offices.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permanent_observers: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ngos: Vec<String>,
}

/// The wording of the sentence on States represented by observers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ObserverStatesWording {
    /// "The following States were also represented by observers: …"
    #[default]
    Also,
    /// "The following States not parties to the {instrument} were represented by observers: …"
    NotParties,
}

impl ObserverStatesWording {
    fn is_also(&self) -> bool {
        *self == ObserverStatesWording::Also
    }
}

/// The statements made under one agenda item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Statements {
    /// The agenda item's id.
    pub item: String,
    /// Speaking States, in the order the report lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub states: Vec<String>,
    /// Say "from the representatives of the following States" rather than "from the following
    /// States".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_representatives: bool,
    /// Other speakers and the capacity they spoke in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<OtherSpeaker>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherSpeaker {
    #[serde(rename = "as")]
    pub capacity: Capacity,
    /// The organization spoken for.
    pub of: String,
}

/// A chapter: "I. Title", its opening paragraphs, then its sections.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The heading; empty for text that stands under the masthead with no chapter heading (an
    /// addendum of decisions): such a chapter prints no heading and takes no number.
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<ParagraphDef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
}

/// A section: "A. Title", its paragraphs, then any numbered group headings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<ParagraphDef>,
    /// Rules of procedure standing in this section ("Rule 1" over "Scope"), after its paragraphs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
}

/// A rule of rules of procedure: "Rule 1" over its title, then its paragraphs, numbered 1., 2.
/// inside the rule (write `numbered: false` for a rule of one paragraph). Rules are numbered
/// straight through the annex that holds them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The rule's title, e.g. "Scope" (inline markup).
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<ParagraphDef>,
}

/// A numbered group heading ("1. General recommendations") inside a section; paragraph
/// numbers run straight through.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<ParagraphDef>,
}

/// An annex. Either written (`paragraphs`, `sections`) or generated from the data
/// (`generate: provisional_agenda | documents | participants`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Annex {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generate: Option<String>,
    /// How its sections and their groups are numbered: `letters` (the default: sections "A.",
    /// "B.", groups "1.", "2.", as in a chapter) or `roman` (sections "I.", "II.", groups "A.",
    /// "B.", as an annex that quotes a text with parts of its own prints them).
    #[serde(default, skip_serializing_if = "AnnexNumbering::is_letters")]
    pub numbering: AnnexNumbering,
    /// `true`: its number is printed even when it is the only annex ("Annex I", as the text it
    /// reproduces printed it). By house style a sole annex is "Annex" alone; annexes among
    /// several are always numbered.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub numbered: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<ParagraphDef>,
    /// Rules of procedure ("Rule 1", "Rule 2"…), after the paragraphs and before the sections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
}

/// How an annex numbers its sections and their groups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AnnexNumbering {
    /// Sections "A.", "B.", groups "1.", "2." (as in a chapter).
    #[default]
    Letters,
    /// Sections "I.", "II.", groups "A.", "B.".
    Roman,
}

impl AnnexNumbering {
    pub fn is_letters(&self) -> bool {
        *self == AnnexNumbering::Letters
    }
}

/// A document before the meeting.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentRef {
    /// e.g. `CTOC/COP/WG.4/2016/1`.
    pub symbol: String,
    /// e.g. "Provisional agenda and annotations".
    pub title: String,
    /// The agenda item it was before, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
}

/// A table; footnotes cited in it are lettered a, b, c…
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableDef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The caption (inline markup).
    pub caption: String,
    /// Column headings (inline markup): one row, `[Region, Replies]`, or several rows whose
    /// headings may span columns and rows (see `table`).
    #[serde(default, skip_serializing_if = "TableHeader::is_empty")]
    pub header: TableHeader,
    /// Rows of cells (inline markup).
    #[serde(default)]
    pub rows: Vec<Vec<String>>,
    /// `false` for a table printed without a number (a list of documents set as a table in an
    /// annex, as issued reports have them): no "Table N" over it, and the tables after it are
    /// numbered as if it were not there.
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub numbered: bool,
}

impl Default for TableDef {
    /// An empty table, numbered as tables are.
    fn default() -> Self {
        TableDef { id: None, caption: String::new(), header: TableHeader::default(), rows: Vec::new(), numbered: true }
    }
}

fn yes() -> bool {
    true
}

fn is_yes(b: &bool) -> bool {
    *b
}

/// A decision or resolution adopted, quoted in full.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionDef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default)]
    pub kind: DecisionKind,
    /// A draft put to the meeting or recommended for adoption by another organ: printed
    /// "Draft decision …" / "Draft resolution …".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// e.g. `9/1`, `585 (S-XXXIII)`, `I`; empty for a text quoted under its title alone.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    /// The words printed before the number where the text is not called by its kind alone:
    /// `Intersessional decision` prints "Intersessional decision 5" (a treaty meeting's decisions
    /// taken between sessions). Printed as written in every language version; without it the
    /// version's own word ("Decision", "Décision"…) is printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The title under the label; empty where the text is printed under its label alone.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Preambular paragraphs (unnumbered), e.g. "*Recalling* its resolution 8/1,".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preamble: Vec<ParagraphDef>,
    /// Operative paragraphs, numbered 1, 2… inside the decision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operative: Vec<ParagraphDef>,
    /// How it was adopted, when by vote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vote: Option<Vote>,
    /// The decision's own annexes ("Annex I" to decision 6/CMA.4), printed after it and
    /// numbered inside it, as an addendum of decisions prints them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annexes: Vec<Annex>,
}

/// A vote on a decision or resolution.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    /// A recorded vote (States listed by how they voted).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub recorded: bool,
    pub in_favour: u32,
    pub against: u32,
    #[serde(default)]
    pub abstaining: u32,
    /// For a recorded vote: the States by how they voted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub states: Option<VoteStates>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VoteStates {
    #[serde(default)]
    pub in_favour: Vec<String>,
    #[serde(default)]
    pub against: Vec<String>,
    #[serde(default)]
    pub abstaining: Vec<String>,
}

/// A footnote: free text (`text`), or a structured citation (`cite`) whose wording — and
/// "Ibid." — the assembler writes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FootnoteDef {
    /// Free text in inline markup.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<CiteKind>,
    /// Treaty Series volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vol: Option<u32>,
    /// Treaty Series registration number, or the Sales number (`E.09.V.5`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no: Option<String>,
}

/// Declares a closed set of words the files may use: the enum, its serde names, its printed
/// name, and `Display` as the word itself (so `format!("{} {}", kind, number)` reads as written).
macro_rules! closed_set {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $key:literal / $printed:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $key)] $variant,)+
        }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant),+];

            /// The word the files use.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key,)+ }
            }

            /// The word as printed in the report.
            pub fn printed(self) -> &'static str {
                match self { $($name::$variant => $printed,)+ }
            }

            /// The value the files write as `word`.
            pub fn from_key(word: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.key() == word)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.key())
            }
        }
    };
}

closed_set! {
    /// What a quoted text adopted by the meeting is (`decision` when not given).
    #[derive(Default)]
    DecisionKind {
        #[default]
        Decision = "decision" / "Decision",
        Resolution = "resolution" / "Resolution",
    }
}

closed_set! {
    /// An officer's role at the meeting.
    OfficerRole {
        Chair = "chair" / "Chair",
        ViceChair = "vice-chair" / "Vice-Chair",
        Rapporteur = "rapporteur" / "Rapporteur",
        ViceChairRapporteur = "vice-chair-cum-rapporteur" / "Vice-Chair-cum-Rapporteur",
        President = "president" / "President",
        VicePresident = "vice-president" / "Vice-President",
    }
}

closed_set! {
    /// How a paragraph `officers:` lists the session's officers.
    OfficerListing {
        /// By office, in the order of the roles: "Chair:" over "Name (State)", "Vice-Chairs:"
        /// over each of theirs (the office in the plural when it has several holders), as UN
        /// reports print a bureau elected.
        ByOffice = "by_office" / "by office",
    }
}

closed_set! {
    /// The capacity a speaker other than a State spoke in.
    Capacity {
        /// "the representative of …"
        Representative = "representative" / "representative",
        /// "the observer for …"
        Observer = "observer" / "observer",
    }
}

closed_set! {
    /// The source a structured footnote cites.
    CiteKind {
        /// United Nations, *Treaty Series*, with `vol` and `no`.
        Unts = "unts" / "United Nations, Treaty Series",
        /// A United Nations publication, with its Sales number in `no`.
        Sales = "sales" / "United Nations publication",
    }
}

/// One document of a report issued in parts (`parts:` in the session).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// The part's own symbol, e.g. `CTOC/COP/WG.4/2009/L.1/Add.1`.
    pub symbol: String,
    /// The ids of the chapters it carries, in the order of the report.
    pub chapters: Vec<String>,
    /// Whether the annexes go with this part (by default they go with the last one).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub annexes: bool,
}
// After `closed_set!`, which it uses.
pub mod negotiation;
pub use negotiation::{Negotiation, Status};
