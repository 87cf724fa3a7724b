//! The plain-text importer on arbitrary text: a session with warnings, or errors — never a panic.
//! What it imports is then written as YAML, the same path `rapporteur import` takes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok((session, _warnings)) = rapporteur::import::import_text(text) {
        let _ = rapporteur::import::to_yaml(&session);
    }
});
