//! Where a version to compare comes from: a session folder, or `git:REV:PATH` — the folder
//! `PATH` (relative to the repository's top) as it was at revision `REV`.
//!
//! A git version is read out of the local repository with `git archive REV:PATH | tar -x` into
//! a temporary folder named like the session (the folder's name is the session's slug), which
//! is removed when the `Source` is dropped. No network: `git archive` reads local objects only.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A version of a session, ready to load.
#[derive(Debug)]
pub struct Source {
    /// The session folder to load.
    pub dir: PathBuf,
    /// How the version was named on the command line (for the legend and the summary).
    pub label: String,
    /// A temporary folder to remove afterwards.
    temp: Option<PathBuf>,
}

impl Drop for Source {
    fn drop(&mut self) {
        if let Some(t) = &self.temp {
            let _ = std::fs::remove_dir_all(t);
        }
    }
}

/// Resolves `spec` (a folder, or `git:REV:PATH`).
pub fn resolve(spec: &str) -> Result<Source, String> {
    let Some(rest) = spec.strip_prefix("git:") else {
        return Ok(Source { dir: PathBuf::from(spec), label: spec.to_string(), temp: None });
    };
    let Some((rev, path)) = rest.split_once(':') else {
        return Err(format!("`{spec}` is not of the form git:REV:PATH (e.g. git:HEAD~1:sessions/ctoc-cop-wg4-2009)"));
    };
    let path = path.trim_matches('/');
    if rev.is_empty() || path.is_empty() || rev.starts_with('-') {
        return Err(format!("`{spec}` is not of the form git:REV:PATH (e.g. git:HEAD~1:sessions/ctoc-cop-wg4-2009)"));
    }
    let name =
        Path::new(path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "session".into());
    let temp = std::env::temp_dir().join(format!("rapporteur-diff-{}-{}", std::process::id(), unique()));
    let dir = temp.join(&name);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let source = Source { dir: dir.clone(), label: spec.to_string(), temp: Some(temp) };
    let mut archive = Command::new("git")
        .args(["archive", "--format=tar", &format!("{rev}:{path}")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(&dir)
        .stdin(archive.stdout.take().ok_or("git archive gave no output")?)
        .output()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    let git = archive.wait_with_output().map_err(|e| format!("git archive: {e}"))?;
    if !git.status.success() {
        let why = String::from_utf8_lossy(&git.stderr).trim().to_string();
        return Err(format!("cannot read `{path}` at revision `{rev}`: {why}"));
    }
    if !tar.status.success() {
        return Err(format!("cannot unpack `{spec}`: {}", String::from_utf8_lossy(&tar.stderr).trim()));
    }
    Ok(source)
}

/// A number that differs between calls in one process.
fn unique() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
