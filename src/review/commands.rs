//! The three review commands on a session folder: `import` a reviewed DOCX into
//! `review/*.yaml`, `list` the suggestions with the numbers the paragraphs carry now, and
//! `decide` (accept or reject) one of them — an accepted change edits the session's YAML.
//!
//! Like `session::load`, this module works on the session folder itself; every file is written
//! atomically (`cli::write_atomically`), and an accepted change is kept only if the session
//! still loads and builds afterwards (otherwise the file is put back as it was).

use std::path::{Path, PathBuf};

use super::apply::{self, Node};
use super::comments::read_annotations;
use super::suggestions::{self, Anchoring, Ids, Kind, Status, Suggestion};
use crate::assemble::assemble;
use crate::check::check;
use crate::cli::write_atomically;
use crate::diag::{Diagnostic, Diagnostics};
use crate::document::Document;
use crate::session::load::{Loaded, load};
use crate::writers::docx::anchors::AnchorKind;

/// A session loaded and assembled, with the id → data path map.
struct Compiled {
    loaded: Loaded,
    document: Document,
    paths: std::collections::BTreeMap<String, String>,
}

fn compile(session: &Path) -> Result<Compiled, Diagnostics> {
    let loaded = load(session)?;
    let mut diags = check(&loaded.session, &loaded.sources, &loaded.override_names());
    let assembled = assemble(&loaded.session, &loaded.slug, &loaded.sources, &loaded.templates);
    diags.extend(assembled.diagnostics);
    match assembled.document {
        Some(document) if !diags.has_errors() => Ok(Compiled { loaded, document, paths: assembled.paths }),
        _ => Err(diags),
    }
}

fn error(message: impl Into<String>, hint: impl Into<String>) -> Diagnostics {
    Diagnostic::error(message).with_hint(hint).into()
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Imported {
    /// Suggestions written now.
    pub added: Vec<Suggestion>,
    /// Suggestions that were already there (same id).
    pub present: usize,
    /// Written files.
    pub files: Vec<PathBuf>,
}

/// Reads the comments and tracked changes of `docx` into `<session>/review/`.
pub fn import(docx: &Path, session: &Path) -> Result<Imported, Diagnostics> {
    let compiled = compile(session)?;
    let bytes = std::fs::read(docx).map_err(|e| {
        error(format!("cannot read {}: {e}", docx.display()), "give the DOCX that the reviewers sent back")
    })?;
    let annotations = read_annotations(&bytes).map_err(|e| {
        error(
            format!("{}: {e}", docx.display()),
            "the file must be a Word document (.docx) saved by Word or LibreOffice",
        )
    })?;
    let ids = Ids::of(&compiled.document);
    let source = docx.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut out = Imported::default();
    let mut seen = std::collections::BTreeSet::new();
    for a in &annotations {
        let s = suggestions::suggest(a, &ids, &compiled.document, &source);
        if !seen.insert(s.id.clone()) {
            continue;
        }
        let path = suggestions::file(session, &s.id);
        if path.exists() {
            out.present += 1;
            continue;
        }
        write_atomically(&path, suggestions::to_yaml(&s).as_bytes())
            .map_err(|e| error(format!("cannot write {}: {e}", path.display()), "check the folder's permissions"))?;
        out.files.push(path);
        out.added.push(s);
    }
    Ok(out)
}

/// One line of `review list`.
#[derive(Debug, Clone)]
pub struct Row {
    pub suggestion: Suggestion,
    /// The paragraph's number as printed now ("para. 12", "para. 12 (a)", "note 3"), or a note
    /// that it is gone.
    pub printed: String,
}

/// Every suggestion of the session, with the paragraph numbers printed today.
pub fn list(session: &Path) -> Result<(Vec<Row>, Vec<String>), Diagnostics> {
    let compiled = compile(session)?;
    let ids = Ids::of(&compiled.document);
    let (found, problems) = suggestions::read_all(session);
    let rows = found
        .into_iter()
        .map(|s| {
            let kind = if s.target.as_deref() == Some("footnote") { AnchorKind::Note } else { AnchorKind::Body };
            let printed = match &s.paragraph {
                Some(id) => ids.label(kind, id).map_or_else(|| "(no longer in the session)".into(), str::to_string),
                None => "(not anchored)".into(),
            };
            Row { suggestion: s, printed }
        })
        .collect();
    Ok((rows, problems))
}

/// The decision on one suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Accept,
    Reject,
}

/// What a decision changed.
#[derive(Debug)]
pub struct Decided {
    pub suggestion: Suggestion,
    /// The session file edited (an accepted change).
    pub edited: Option<PathBuf>,
}

/// Accepts or rejects suggestion `id`. Accepting a change puts the proposed wording into the
/// session data; accepting a comment, or rejecting anything, records the decision.
pub fn decide(session: &Path, id: &str, decision: Decision) -> Result<Decided, Diagnostics> {
    let file = suggestions::file(session, id);
    if !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') || !file.is_file() {
        return Err(error(
            format!("there is no suggestion `{id}` in {}", suggestions::folder(session).display()),
            format!("`rapporteur review list {}` shows the ids", session.display()),
        ));
    }
    let text = std::fs::read_to_string(&file)
        .map_err(|e| error(format!("cannot read {}: {e}", file.display()), "check the file"))?;
    let mut s = suggestions::from_yaml(&text).map_err(|e| {
        error(format!("{}: {e}", file.display()), "the file was written by `review import`; restore it")
    })?;
    if s.status != Status::Open {
        return Err(error(
            format!(
                "suggestion `{id}` was already {}",
                if s.status == Status::Accepted { "accepted" } else { "rejected" }
            ),
            "a decision is recorded once; edit the file by hand to reopen it",
        ));
    }
    let mut edited = None;
    if decision == Decision::Accept && s.kind == Kind::Change {
        edited = Some(accept_change(session, &s)?);
    }
    s.status = if decision == Decision::Accept { Status::Accepted } else { Status::Rejected };
    write_atomically(&file, suggestions::to_yaml(&s).as_bytes())
        .map_err(|e| error(format!("cannot write {}: {e}", file.display()), "check the folder's permissions"))?;
    Ok(Decided { suggestion: s, edited })
}

/// Puts a change's proposed wording into the YAML that holds the paragraph.
fn accept_change(session: &Path, s: &Suggestion) -> Result<PathBuf, Diagnostics> {
    let id = match (&s.paragraph, s.anchor) {
        (Some(id), Anchoring::Bookmark) => id.clone(),
        _ => {
            return Err(error(
                format!("suggestion `{}` is not anchored to its own paragraph, so it cannot be applied", s.id),
                "make the change by hand, then `review accept` or `reject` records nothing more: reject it to close it",
            ));
        }
    };
    let proposed = s.proposed.clone().unwrap_or_default();
    let compiled = compile(session)?;
    let data_path = if s.target.as_deref() == Some("footnote") {
        format!("footnotes.{id}")
    } else {
        compiled.paths.get(&id).cloned().ok_or_else(|| {
            error(
                format!("`{id}` is not written in the session data (it is generated), so the change cannot be applied"),
                "change the data it is generated from, then reject this suggestion to close it",
            )
        })?
    };
    let file = compiled.loaded.sources.file_for(&data_path).map(Path::to_path_buf).ok_or_else(|| {
        error(format!("no file holds `{data_path}`"), "this is a bug in rapporteur; please report it")
    })?;
    let source = std::fs::read_to_string(&file)
        .map_err(|e| error(format!("cannot read {}: {e}", file.display()), "check the file"))?;
    // The text is the node itself (a plain string paragraph) or its `text` / `title`.
    let text_path = match apply::find(&source, &data_path) {
        Some(Node::Scalar(_)) => data_path.clone(),
        Some(Node::Mapping(keys)) => {
            if keys.iter().any(|k| k == "text") {
                format!("{data_path}.text")
            } else if keys.iter().any(|k| k == "title") {
                format!("{data_path}.title")
            } else if keys.iter().any(|k| k == "decision") {
                format!("{data_path}.decision.title")
            } else {
                return Err(error(
                    format!("`{id}` has no written text (it is generated by a template)"),
                    "change the data it is generated from, then reject this suggestion to close it",
                ));
            }
        }
        _ => return Err(error(format!("cannot find `{data_path}` in {}", file.display()), "was the file edited?")),
    };
    let Some(Node::Scalar(old)) = apply::find(&source, &text_path) else {
        return Err(error(format!("`{text_path}` in {} is not a text", file.display()), "was the file edited?"));
    };
    let new_markup = apply::apply_change(&old.value, &s.quoted, &proposed).map_err(|e| {
        error(format!("suggestion `{}`: {e}", s.id), format!("edit `{text_path}` in {} by hand", file.display()))
    })?;
    let edited = apply::replace_scalar(&source, &text_path, &new_markup)
        .map_err(|e| error(format!("{}: {e}", file.display()), "edit the paragraph by hand"))?;
    write_atomically(&file, edited.as_bytes())
        .map_err(|e| error(format!("cannot write {}: {e}", file.display()), "check the file's permissions"))?;
    // Keep the edit only if the session still builds.
    if let Err(mut diags) = compile(session) {
        let _ = write_atomically(&file, source.as_bytes());
        diags.push(Diagnostic::error(format!(
            "with suggestion `{}` applied the session no longer builds; {} was restored",
            s.id,
            file.display()
        )));
        return Err(diags);
    }
    Ok(file)
}
