//! `rapporteur` keeps the record of an intergovernmental meeting as structured data and compiles
//! it into the official report in United Nations house style.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! sessions/<slug>/*.yaml --session::load--> Session --check--> diagnostics
//!                                              |
//!                            templates --assemble--> Document --writers::*--> bytes
//! ```
//!
//! IO lives at the edges (`session::load` reads, the CLI writes); the `Document` in the middle
//! is the only model, and `assemble` is the only place that numbers anything.

pub mod diag;
pub mod document;
pub mod registry;
pub mod templates;
pub mod writers;

// Temporary on the `registry` branch: `src/session/mod.rs` names modules (`load`, `locate`) that
// live on `main` only, so only the date module is declared here. When merging with `main`, keep
// main's `pub mod session;` and drop this block.
pub mod session {
    pub mod date;
    pub use date::Date;
}
