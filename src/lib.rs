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

pub mod assemble;
pub mod batch;
pub mod build;
pub mod check;
pub mod cli;
pub mod diag;
pub mod document;
pub mod fonts;
pub mod generate;
pub mod import;
pub mod lang;
pub mod manifest;
pub mod markup;
pub mod registry;
pub mod review;
pub mod safety;
pub mod schema;
pub mod sentences;
pub mod session;
pub mod templates;
pub mod translate;
pub mod watch;
pub mod writers;
