//! The reviewed-DOCX reader (`rapporteur review import`) on arbitrary bytes — a zip package from
//! someone else: annotations, or an error — never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = rapporteur::review::comments::read_annotations(bytes);
});
