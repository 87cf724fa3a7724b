//! Where a paragraph stands in the negotiation of a draft, as the session files write it.
//!
//! A text paragraph of a draft may say
//!
//! ```yaml
//! - id: rec-training
//!   text: States parties should [[consider]] training …   # `[[…]]`: bracketed (crate::markup)
//!   status: bracketed          # proposed | bracketed | agreed-ad-ref | agreed | adopted
//!                              # | adopted-as-orally-amended | deleted
//!   proposed_by: Mexico        # a State (checked against the registry), the Chair, the Secretariat
//!   date: 2009-04-14
//!   inserted: true             # new since the frozen base version: numbered "12 bis" in a draft
//!   alternatives:              # versions still on the table, each printed in brackets
//!     - {label: Alt. 1, text: …, proposed_by: Chair}
//!   amendment: {old: should, new: may, proposed_by: Egypt}   # with adopted-as-orally-amended
//! ```
//!
//! This module only holds the data; the assembler decides what a draft prints (statuses as
//! bracketed notes, *bis*/*ter* labels, alternatives) and what a final report refuses.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Date;

closed_set! {
    /// The negotiation status of a paragraph (UN practice for texts negotiated paragraph by
    /// paragraph).
    Status {
        /// Put forward by a delegation, the Chair or the Secretariat; not yet discussed.
        Proposed = "proposed" / "proposed",
        /// Discussed, not agreed: the whole paragraph stands in square brackets.
        Bracketed = "bracketed" / "bracketed",
        /// Agreed subject to confirmation by capitals.
        AgreedAdRef = "agreed-ad-ref" / "agreed ad ref.",
        /// Agreed in informal consultations.
        Agreed = "agreed" / "agreed",
        /// Adopted by the meeting.
        Adopted = "adopted" / "adopted",
        /// Adopted with an amendment made orally at the meeting (see `Amendment`).
        AdoptedAsOrallyAmended = "adopted-as-orally-amended" / "adopted as orally amended",
        /// Struck out: printed with this note in a draft, left out of the final report.
        Deleted = "deleted" / "deleted",
    }
}

/// The negotiation fields of a text paragraph (all optional; an ordinary paragraph of a final
/// report has none).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Negotiation {
    pub status: Option<Status>,
    /// Who proposed the paragraph: a State as the registry names it, `Chair` or `Secretariat`.
    pub proposed_by: Option<String>,
    /// When it was proposed or its status last changed.
    pub date: Option<Date>,
    /// New since the frozen base version of the draft: numbered as the previous paragraph's
    /// number with *bis*, *ter*… while the session is a draft, so that later numbers stay.
    pub inserted: bool,
    /// Versions of the paragraph still on the table (a draft prints each in brackets; a final
    /// report must have settled on the text).
    pub alternatives: Vec<Alternative>,
    /// The oral amendment a paragraph `adopted-as-orally-amended` was adopted with.
    pub amendment: Option<Amendment>,
}

impl Negotiation {
    pub fn is_empty(&self) -> bool {
        *self == Negotiation::default()
    }

    pub fn is_deleted(&self) -> bool {
        self.status == Some(Status::Deleted)
    }
}

/// One alternative version of a paragraph: "Alt. 1".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    /// As printed: `Alt. 1`.
    pub label: String,
    /// The wording (inline markup).
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_by: Option<String>,
}

/// An amendment made orally at adoption: the words replaced and the words adopted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    /// The words of the draft that were replaced (empty for a pure insertion).
    #[serde(default)]
    pub old: String,
    /// The words adopted instead (they stand in the paragraph's `text`; empty for a deletion).
    #[serde(default)]
    pub new: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_by: Option<String>,
}

/// The proponents that are not States.
pub const NON_STATE_PROPONENTS: [&str; 2] = ["Chair", "Secretariat"];
