//! The YAML loader, the checker and the assembler on an arbitrary `session.yaml`: the whole
//! `compile` path a build takes before the writers, run on a real folder (the loader reads files).
//! It must give a document or diagnostics, never panic. When it gives a document, the text, HTML
//! and Akoma Ntoso writers run on it too (they must not fail on anything `check` let through).
#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use rapporteur::writers::{Format, WriteOptions};

/// One folder per process, rewritten for each input (under /dev/shm when there is one).
static DIR: LazyLock<PathBuf> = LazyLock::new(|| {
    let base = if std::path::Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
    let dir = base.join(format!("rapporteur-fuzz-session-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
});

fuzz_target!(|data: &[u8]| {
    std::fs::write(DIR.join("session.yaml"), data).unwrap();
    if let Ok(compiled) = rapporteur::build::compile(&DIR) {
        let opts = WriteOptions { templates: compiled.templates.clone(), ..WriteOptions::default() };
        for format in [Format::Text, Format::Html, Format::Akn] {
            if let Err(d) = format.write(&compiled.document, &opts) {
                panic!("{} writer failed on a checked session: {d}", format.name());
            }
        }
    }
});
