//! The XLIFF 2.0 reader (`xliff import`) on arbitrary XML: translations, or errors naming the
//! unit — never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|xml: &str| {
    let _ = rapporteur::translate::xliff::import(xml, "fuzz.xlf");
});
