//! The PDF reader (`import --from pdf`) on arbitrary bytes: a session with warnings, or errors —
//! never a panic, a hang or runaway memory (libFuzzer's -timeout and -rss_limit_mb).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok((session, _warnings, _furniture)) = rapporteur::import::import_pdf(bytes) {
        let _ = rapporteur::import::to_yaml(&session);
    }
});
