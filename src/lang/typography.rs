//! The spacing and punctuation each language version wants in generated text.
//!
//! - **French**: a narrow no-break space (U+202F) before ; : ! ? and inside « » — the
//!   Imprimerie nationale's *Lexique des règles typographiques* asks for a thin no-break space
//!   before ; ! ? and inside guillemets (a no-break space before the colon; we use the narrow one
//!   there too, one rule for all four, as current French publishing does and as the issue asks).
//! - **Spanish**: no space before punctuation; quotes « » (the RAE's *Ortografía* 2010 prefers
//!   the angular quotes, as UN Spanish texts use them), without inner spaces.
//! - **Russian**: quotes « » without inner spaces (GOST 7.0.97 practice, as UN Russian texts use
//!   them); no space before punctuation.
//! - **Chinese**: full-width punctuation after Chinese text (，；：。！？ and the enumeration
//!   comma 、), no spaces (GB/T 15834-2011, *Use of punctuation marks*).
//! - **Arabic**: the Arabic comma ، (U+060C), semicolon ؛ (U+061B) and question mark ؟ (U+061F)
//!   after Arabic text; digits stay 0-9 (see `crate::lang::dates`).
//!
//! Templates are written in each language's own punctuation; `apply` is the safety net for
//! values they insert (and is what translations pass through, see `crate::build`).

use super::Lang;

/// The markup `text` with the punctuation of `lang`. English is returned unchanged.
pub fn apply(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Fr => french(text),
        Lang::Es | Lang::Ru => quotes(text, ""),
        Lang::Zh => after_script(text, is_cjk, &[(',', '，'), (';', '；'), (':', '：'), ('!', '！'), ('?', '？')]),
        Lang::Ar => after_script(text, is_arabic, &[(',', '،'), (';', '؛'), ('?', '؟')]),
        Lang::En => text.to_string(),
    }
}

/// The way back from `apply` for text read from a PDF, whose text gives U+202F as a plain
/// space: in French, a space before ; : ! ? » or after « is the narrow no-break space again.
/// Only spaces that are there change; quotes and other languages stay as read.
pub fn spaces_given_back(lang: Lang, text: &str) -> String {
    if lang != Lang::Fr {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let before_mark = chars.get(i + 1).is_some_and(|n| matches!(n, ';' | ':' | '!' | '?' | '»'));
        let after_open = i > 0 && chars[i - 1] == '«';
        out.push(if matches!(c, ' ' | '\u{a0}') && (before_mark || after_open) { '\u{202f}' } else { c });
    }
    out
}

/// French: U+202F before ; : ! ? (replacing a space there) and inside « ».
fn french(text: &str) -> String {
    let quoted = quotes(text, "\u{202F}");
    let mut out = String::with_capacity(quoted.len());
    for c in quoted.chars() {
        if matches!(c, ';' | ':' | '!' | '?') {
            // A colon right after a word or a closing guillemet takes the space; one inside a
            // markup token (`{org:…}`, `[^id]`) or a URL follows no space and is left alone.
            if out.ends_with(' ') || out.ends_with('\u{A0}') {
                out.pop();
                out.push('\u{202F}');
            } else if out.ends_with('»') {
                out.push('\u{202F}');
            }
        }
        out.push(c);
    }
    out
}

/// Straight or English curly double quotes as « », with `inner` inside them.
fn quotes(text: &str, inner: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open = false;
    for c in text.chars() {
        match c {
            '“' | '"' if !open => {
                out.push('«');
                out.push_str(inner);
                open = true;
            }
            '”' | '"' if open => {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push_str(inner);
                out.push('»');
                open = false;
            }
            _ => out.push(c),
        }
    }
    out
}

/// ASCII punctuation right after a character of the script (and any space after it, which
/// full-width and Arabic punctuation do not take in Chinese) as the script's own.
fn after_script(text: &str, script: fn(char) -> bool, table: &[(char, char)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut last: Option<char> = None;
    while let Some(c) = chars.next() {
        let mapped = table.iter().find(|(ascii, _)| *ascii == c).map(|(_, own)| *own);
        match (mapped, last) {
            (Some(own), Some(prev)) if script(prev) => {
                out.push(own);
                last = Some(own);
                // Chinese punctuation is full width: the space after it goes.
                if is_cjk(own) {
                    while chars.peek() == Some(&' ') {
                        chars.next();
                    }
                }
            }
            _ => {
                out.push(c);
                last = Some(c);
            }
        }
    }
    out
}

/// A character of Chinese text or its full-width punctuation, which is set without spaces between
/// words: a space at the boundary with Latin letters or digits is only typst's CJK–Latin gap
/// (a quarter em), not a character of the text. The PDF reader sets no space there, nor where a
/// line of Chinese goes on on the next.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_spaces() {
        assert_eq!(apply(Lang::Fr, "l'ordre du jour suivant :"), "l'ordre du jour suivant\u{202F}:");
        assert_eq!(apply(Lang::Fr, "Pourquoi ?"), "Pourquoi\u{202F}?");
        assert_eq!(apply(Lang::Fr, "intitulé \"Traite\" ;"), "intitulé «\u{202F}Traite\u{202F}»\u{202F};");
        // Markup tokens keep their colons.
        assert_eq!(apply(Lang::Fr, "{org:ua|Union africaine}"), "{org:ua|Union africaine}");
        assert_eq!(apply(Lang::En, "x : y"), "x : y");
    }

    #[test]
    fn russian_and_spanish_quotes() {
        assert_eq!(apply(Lang::Ru, "«Торговля людьми»"), "«Торговля людьми»");
        assert_eq!(apply(Lang::Es, "“Trata”"), "«Trata»");
    }

    #[test]
    fn chinese_and_arabic_punctuation() {
        assert_eq!(apply(Lang::Zh, "中国, 日本: 泰国."), "中国，日本：泰国.");
        assert_eq!(apply(Lang::Zh, "vol. 2237, No. 1"), "vol. 2237, No. 1");
        assert_eq!(apply(Lang::Ar, "الصين, اليابان"), "الصين، اليابان");
        assert_eq!(apply(Lang::Ar, "2009, 2010"), "2009, 2010");
    }
}
