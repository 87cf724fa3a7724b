//! The Word reader (`import --from docx`) on arbitrary bytes: a session with warnings, or
//! errors — never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok((session, _warnings)) = rapporteur::import::import_docx(bytes) {
        let _ = rapporteur::import::to_yaml(&session);
    }
});
