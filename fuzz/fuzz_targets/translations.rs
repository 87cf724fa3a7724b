//! The reader of `translations/<lang>.yaml` on arbitrary text: translations, or errors with
//! their place — never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = rapporteur::translate::parse(std::path::Path::new("translations/fr.yaml"), text);
});
