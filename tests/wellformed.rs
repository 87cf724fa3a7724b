//! Property: whatever strings a `Document` holds — control characters, non-characters, markup
//! look-alikes, astral characters — every XML and HTML writer emits well-formed markup, as a real
//! XML parser (xmllint) judges it. The documents are the golden model files with every string
//! replaced by a random one (a small deterministic generator: same seeds, same cases).

use std::io::Read;
use std::process::Command;

use rapporteur::document::Document;
use rapporteur::writers::{Format, WriteOptions};
use serde_json::Value;

/// xorshift64*: deterministic and good enough to pick characters.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A string of 0..12 characters, mostly hostile.
    fn string(&mut self) -> String {
        const POOL: &[char] = &[
            '\0',
            '\u{1}',
            '\u{7}',
            '\u{8}',
            '\t',
            '\n',
            '\u{b}',
            '\u{c}',
            '\r',
            '\u{1b}',
            '\u{1f}',
            '\u{7f}',
            '\u{80}',
            '\u{85}',
            '\u{9f}',
            '\u{fdd0}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{10ffff}',
            '\u{fffd}',
            '\u{feff}',
            '\u{200b}',
            '<',
            '>',
            '&',
            '"',
            '\'',
            ']',
            ']',
            '>',
            '-',
            '-',
            '?',
            '!',
            '=',
            '/',
            ':',
            ' ',
            'a',
            'Z',
            '0',
            'é',
            '中',
            '😀',
            '\u{2028}',
            '\u{d7ff}',
            '\u{e000}',
            '#',
            ';',
            'x',
        ];
        let len = self.below(12);
        (0..len)
            .map(|_| {
                if self.below(8) == 0 {
                    char::from_u32(self.below(0x11_0000) as u32).unwrap_or('?')
                } else {
                    POOL[self.below(POOL.len())]
                }
            })
            .collect()
    }
}

/// Replaces every string of the model except the tags that select a variant and the ids and
/// markers that tie a reference to its target (ids are checked to be plain names long before).
fn scramble(v: &mut Value, key: &str, rng: &mut Rng) {
    match v {
        Value::String(s)
            if !matches!(
                key,
                "type" | "kind" | "language" | "date" | "slug" | "id" | "target" | "refers_to" | "marker"
            ) =>
        {
            *s = rng.string()
        }
        Value::Array(list) => list.iter_mut().for_each(|x| scramble(x, key, rng)),
        Value::Object(map) => map.iter_mut().for_each(|(k, x)| scramble(x, k, rng)),
        _ => {}
    }
}

fn docx_parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> =
        zip.file_names().filter(|n| n.ends_with(".xml") || n.ends_with(".rels")).map(String::from).collect();
    names
        .into_iter()
        .map(|n| {
            let mut s = String::new();
            zip.by_name(&n).unwrap().read_to_string(&mut s).unwrap();
            (n, s)
        })
        .collect()
}

#[test]
fn every_xml_and_html_writer_stays_well_formed_on_arbitrary_strings() {
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut html_pages = Vec::new();
    let opts = WriteOptions::default();
    for (g, golden) in ["ctoc-cop-2018", "ctoc-cop-wg4-2009", "ctoc-cop-wg4-2016"].iter().enumerate() {
        let json = std::fs::read_to_string(format!("{root}/tests/golden/{golden}.json")).unwrap();
        for seed in 0..8u64 {
            let mut value: Value = serde_json::from_str(&json).unwrap();
            let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (seed * 1_000_003 + g as u64 + 1));
            scramble(&mut value, "", &mut rng);
            let doc: Document = serde_json::from_value(value).unwrap();
            let case = format!("{golden}-{seed}");
            // A writer may refuse a document (an error, no panic); what it writes must be well-formed.
            if let Ok(bytes) = Format::Akn.write(&doc, &opts) {
                let path = dir.path().join(format!("{case}.xml"));
                std::fs::write(&path, bytes).unwrap();
                files.push(path);
            }
            let docx = Format::Docx.write(&doc, &opts);
            if let Err(e) = &docx {
                eprintln!("{case}: docx refused: {e}");
            }
            if let Ok(bytes) = docx {
                for (name, xml) in docx_parts(&bytes) {
                    let path = dir.path().join(format!("{case}-{}", name.replace('/', "_")));
                    std::fs::write(&path, xml).unwrap();
                    files.push(path);
                }
            }
            if let Ok(bytes) = Format::Html.write(&doc, &opts) {
                html_pages.push((case, String::from_utf8(bytes).expect("HTML is UTF-8")));
            }
        }
    }
    assert!(files.len() > 24 * 5, "most documents were written: {}", files.len());
    let out = Command::new("xmllint").arg("--noout").args(&files).output().expect("xmllint (libxml2-utils)");
    assert!(
        out.status.success(),
        "xmllint: {}",
        String::from_utf8_lossy(&out.stderr).lines().take(20).collect::<Vec<_>>().join("\n")
    );

    // HTML is not XML, but it must hold no character HTML forbids (controls, non-characters),
    // and the data must never open a tag: every `<` of the page starts one of ours.
    assert!(html_pages.len() >= 20);
    for (case, page) in &html_pages {
        if let Some(c) = page.chars().find(|c| *c != '\r' && rapporteur::safety::forbidden(*c).is_some()) {
            panic!("{case}: U+{:04X} in the HTML", c as u32);
        }
        for (i, _) in page.match_indices('<') {
            let next = page[i + 1..].chars().next().unwrap_or(' ');
            assert!(
                next.is_ascii_alphabetic() || next == '/' || next == '!',
                "{case}: a `<` that opens no tag at byte {i}"
            );
        }
    }
}
