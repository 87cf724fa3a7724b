//! The folder an import writes: `session.yaml` and a small manifest (`.imported`) naming the
//! files the import wrote, so that `import --force` can replace exactly the imported content —
//! and refuse, leaving everything as it was, when the folder holds anything else (a
//! `templates/` folder would silently change the report built from the new import).

use std::path::{Path, PathBuf};

/// The manifest's name inside the session folder.
pub const MANIFEST: &str = ".imported";

/// What an import writes, relative to the folder.
pub const WRITTEN: &[&str] = &["session.yaml", MANIFEST];

/// The files `--force` will remove from `dir` before writing the new import: the files an
/// earlier import wrote. Errors (as a message for people) when `dir` holds any other file, or
/// a `session.yaml` no import wrote.
pub fn replaceable(dir: &Path) -> Result<Vec<PathBuf>, String> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let manifest = std::fs::read_to_string(dir.join(MANIFEST)).unwrap_or_default();
    let mut ours: Vec<String> =
        manifest.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string).collect();
    // A session.yaml written by an import before manifests existed starts with its header.
    let session = dir.join("session.yaml");
    if std::fs::read_to_string(&session).is_ok_and(|s| s.starts_with("# Imported by `rapporteur import`")) {
        ours.push("session.yaml".into());
    }
    let mut found = Vec::new();
    list(dir, dir, &mut found).map_err(|e| format!("error: cannot read {}: {e}", dir.display()))?;
    let foreign: Vec<&String> = found.iter().filter(|f| !ours.contains(f) && f.as_str() != MANIFEST).collect();
    if !foreign.is_empty() {
        let shown: Vec<&str> = foreign.iter().take(8).map(|f| f.as_str()).collect();
        return Err(format!(
            "error: {} holds files the import did not write: {}{}; nothing was written\n  hint: move them away, or import into a new folder",
            dir.display(),
            shown.join(", "),
            if foreign.len() > 8 { format!(" and {} more", foreign.len() - 8) } else { String::new() }
        ));
    }
    Ok(found.into_iter().map(|f| dir.join(f)).collect())
}

/// Every file under `dir`, as paths relative to `root` with `/`.
fn list(root: &Path, dir: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        if e.file_type()?.is_dir() {
            list(root, &path, out)?;
        } else {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            out.push(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"));
        }
    }
    Ok(())
}

/// The manifest's content.
pub fn manifest() -> String {
    let mut s = String::from("# Files written by `rapporteur import` (`import --force` replaces exactly these).\n");
    for f in WRITTEN {
        s.push_str(f);
        s.push('\n');
    }
    s
}
