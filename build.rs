//! The build identity: the SHA-256 of the source this binary is compiled from (the code under
//! `src/`, the templates and fonts compiled in, `Cargo.toml` and `Cargo.lock`), as the
//! `RAPPORTEUR_SOURCE` environment variable of the compilation. The build manifest records it
//! (`manifest::Tool::source`), so that a binary built from changed code rebuilds every session
//! even when its version number did not change. Deterministic: files in name order, each hashed
//! with its path relative to the crate, so the same source gives the same identity on every
//! machine, in every checkout folder.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

const INPUTS: &[&str] = &["src", "templates", "fonts", "Cargo.toml", "Cargo.lock"];

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for input in INPUTS {
        // A folder here makes cargo rerun this script when any file under it changes.
        println!("cargo::rerun-if-changed={input}");
        collect(&root, &root.join(input), &mut files);
    }
    files.sort();
    let mut hasher = Sha256::new();
    for relative in &files {
        let bytes = std::fs::read(root.join(relative)).unwrap_or_else(|e| panic!("cannot read {relative}: {e}"));
        // The path and the length before the content: no two trees hash alike.
        hasher.update(relative.as_bytes());
        hasher.update([0]);
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    let hex: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    println!("cargo::rustc-env=RAPPORTEUR_SOURCE={hex}");
}

/// Every file under `path` (or `path` itself), as a `/`-separated path relative to `root`.
fn collect(root: &Path, path: &Path, out: &mut Vec<String>) {
    if path.is_dir() {
        let entries = std::fs::read_dir(path).unwrap_or_else(|e| panic!("cannot list {}: {e}", path.display()));
        for entry in entries {
            collect(root, &entry.expect("a folder entry").path(), out);
        }
    } else if path.is_file() {
        let relative = path.strip_prefix(root).expect("under the crate");
        let parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        out.push(parts.join("/"));
    }
}
