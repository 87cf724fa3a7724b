//! Import writes loadable YAML, always: a seeded generator writes Akoma Ntoso documents whose
//! titles, paragraphs, footnotes and table cells are full of characters that mean something to
//! YAML or to the inline markup (`|`, `*`, `[`, `{`, `:`, `#`, `---`, quotes, backslashes,
//! leading and trailing spaces, control characters, U+FFFE/U+FFFF, a lone `*`). Each imports,
//! its YAML loads, checks and builds, and the built text holds every generated text — except the
//! characters no report can carry, which the importer drops with a warning.

use rapporteur::build::compile;
use rapporteur::import::{import_akn, import_text, to_yaml, uncarriable};
use rapporteur::writers::{Format, WriteOptions};

const PIECES: &[&str] = &[
    "|", " | ", "*", " * ", "**", "[", "]", "{", "}", ":", ": ", "#", " #", "---", "'", "\"", "\\", "\\*", "^", "[^x]",
    "{para:x}", "&", "<", ">", "- ", "? ", "%", "@", "`", "!", ">-", "\u{1}", "\u{7f}", "\u{85}", "\u{fffe}",
    "\u{ffff}", "\t", "é", "—", "yes", "null", "1.", "(a)", "~",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
    /// A text of words and awkward pieces, with leading/trailing spaces sometimes; never empty.
    fn text(&mut self) -> String {
        let mut s = String::new();
        if self.next(4) == 0 {
            s.push(' ');
        }
        s.push_str("Word");
        for _ in 0..1 + self.next(8) {
            if self.next(2) == 0 {
                s.push_str(PIECES[self.next(PIECES.len())]);
            } else {
                s.push_str([" alpha", "beta", " gamma ", "delta"][self.next(4)]);
            }
        }
        if self.next(4) == 0 {
            s.push(' ');
        }
        s
    }
}

/// XML text for `s`: escaped, and the characters XML 1.0 cannot hold raw as references.
fn xml_text(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if (c as u32) < 0x20 && c != '\t' || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push_str(&format!("&#x{:X};", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// What the report must print for a generated text: without uncarriable characters, its
/// whitespace collapsed.
fn printed(s: &str) -> String {
    let kept: String = s.chars().filter(|&c| !uncarriable(c)).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn normalized(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const NS: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

#[test]
fn awkward_characters_round_trip_through_import() {
    let mut rng = Rng(20261202);
    for case in 0..60 {
        let title = rng.text();
        let paragraphs: Vec<String> = (0..1 + rng.next(4)).map(|_| rng.text()).collect();
        let note = rng.text();
        let cells: Vec<String> = (0..4).map(|_| rng.text()).collect();
        let mut body = String::new();
        for (i, p) in paragraphs.iter().enumerate() {
            body.push_str(&format!("<paragraph eId=\"p{i}\"><num>{}.</num><content><p>{}", i + 1, xml_text(p)));
            if i == 0 {
                body.push_str(&format!("<authorialNote eId=\"n1\"><p>{}</p></authorialNote>", xml_text(&note)));
            }
            body.push_str("</p></content></paragraph>");
        }
        let table = format!(
            "<hcontainer name=\"table\" eId=\"t1\"><heading>Caption</heading><content><table><tr><th><p>{}</p></th><th><p>{}</p></th></tr><tr><td><p>{}</p></td><td><p>{}</p></td></tr></table></content></hcontainer>",
            xml_text(&cells[0]),
            xml_text(&cells[1]),
            xml_text(&cells[2]),
            xml_text(&cells[3])
        );
        let xml = format!(
            r##"<akomaNtoso xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><doc name="report"><meta><identification source="#a"><FRBRWork><FRBRuri value="/akn/xx/doc/2020-01-02"/><FRBRdate date="2020-01-02" name="x"/><FRBRauthor href="#org"/></FRBRWork></identification><references source="#a"><TLCOrganization eId="org" href="/o/org" showAs="The Organ"/><TLCLocation eId="here" href="/l/here" showAs="Geneva"/></references></meta><preface><p><docNumber>X/1</docNumber></p><p><docTitle>{}</docTitle></p></preface><mainBody><chapter eId="c1"><heading>Chapter</heading>{body}{table}</chapter></mainBody></doc></akomaNtoso>"##,
            xml_text(&title)
        );
        let (session, warnings) = import_akn(&xml).unwrap_or_else(|e| panic!("case {case}: {e}\n{xml}"));
        let any_uncarriable =
            [&title, &note].into_iter().chain(&paragraphs).chain(&cells).any(|t| t.chars().any(uncarriable));
        if any_uncarriable {
            assert!(warnings.iter().any(|w| w.message.contains("dropped")), "case {case}: {warnings:#?}");
        }
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("s");
        std::fs::create_dir(&dir).unwrap();
        let yaml = to_yaml(&session);
        assert!(!yaml.chars().any(uncarriable), "case {case}: uncarriable character written\n{yaml}");
        std::fs::write(dir.join("session.yaml"), &yaml).unwrap();
        let compiled = compile(&dir).unwrap_or_else(|e| panic!("case {case}: {e}\n{yaml}"));
        let text =
            String::from_utf8(Format::Text.write(&compiled.document, &WriteOptions::default()).unwrap()).unwrap();
        let text = normalized(&text);
        for t in [&title, &note].into_iter().chain(&paragraphs).chain(&cells) {
            let want = printed(t);
            assert!(text.contains(&want), "case {case}: `{want}` not in the built text\n{yaml}\n---\n{text}");
        }
    }
}

#[test]
fn running_text_with_a_bar_and_a_lone_star_stays_text() {
    // The text importer: " | " in a paragraph is not a table row, a lone `*` is not emphasis.
    let report = "\
United Nations CTOC/COP/WG.4/2009/2

Distr.: General
21 April 2009

Original: English

Report

I. Organization

1. The vote was 5 * 3 | split as follows: yes | no.

2. Under *Ibid.* the note stands.
";
    let (session, _) = import_text(report).unwrap();
    let yaml = to_yaml(&session);
    let back: rapporteur::session::Session = serde_saphyr::from_str(&yaml).unwrap();
    let paragraphs: Vec<String> =
        back.chapters.iter().flat_map(|c| &c.paragraphs).filter_map(|p| p.text().map(str::to_string)).collect();
    assert!(paragraphs.iter().any(|p| p.contains(r"5 \* 3 \| split as follows: yes \| no.")), "{yaml}");
    assert!(paragraphs.iter().any(|p| p.contains("Under *Ibid.* the note")), "{yaml}");
    assert!(back.chapters.iter().flat_map(|c| &c.paragraphs).all(|p| p.table().is_none()), "{yaml}");
}
