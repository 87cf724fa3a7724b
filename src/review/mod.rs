//! Review of drafts: what delegations and the Chair say about a report, brought back into the
//! session data by stable paragraph id. `comments` reads a reviewed DOCX (comments and tracked
//! changes, anchored by the hidden paragraph bookmarks the DOCX writer puts in), `suggestions`
//! stores them under `<session>/review/`, `apply` puts an accepted change into the YAML, and
//! `commands` runs `rapporteur review import|list|accept|reject`.

pub mod apply;
pub mod commands;
pub mod comments;
pub mod suggestions;
