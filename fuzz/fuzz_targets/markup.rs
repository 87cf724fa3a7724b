//! The inline markup parser (`src/markup.rs`) on arbitrary text: it must return spans or a
//! positioned error, never panic, and the position must lie inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match rapporteur::markup::parse(text) {
        Ok(_) => {}
        Err(e) => assert!(e.offset <= text.chars().count(), "error offset {} past the end", e.offset),
    }
    // Escaped text always parses back to itself as plain text.
    let escaped = rapporteur::markup::escape(text);
    let spans = rapporteur::markup::parse(&escaped).expect("escaped text parses");
    let mut plain = String::new();
    for span in &spans {
        if let rapporteur::markup::Span::Text(t) = span {
            plain.push_str(t);
        } else {
            panic!("escaped text produced markup: {span:?}");
        }
    }
    assert_eq!(plain, text);
});
