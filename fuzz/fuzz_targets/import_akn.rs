//! The Akoma Ntoso importer on arbitrary XML: a session with warnings, or errors — never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|xml: &str| {
    if let Ok((session, _warnings)) = rapporteur::import::import_akn(xml) {
        let _ = rapporteur::import::to_yaml(&session);
    }
});
