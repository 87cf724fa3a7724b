//! The fonts compiled into the binary: the PDF writer typesets with them, and `check` reads their
//! character maps so that text the PDF could not print is found with its position.
//!
//! Each language version is set in its own list of families (`families`): Latin, Greek and
//! Cyrillic (English, French, Spanish, Russian) in Liberation Serif; Arabic in Amiri (a Naskh
//! face, as the United Nations' Arabic documents are set), with Liberation Serif for what Amiri
//! lacks; Chinese in Noto Serif CJK SC (a Song/Ming face, as the Chinese documents are set), with
//! Liberation Serif for Latin letters it lacks. A character none of a language's families has is
//! an error of `check` (`crate::safety`) and of the PDF writer, never a blank box.
//! See `fonts/README.md` for where each file comes from and how the Chinese subset is made.

use std::collections::HashSet;
use std::sync::LazyLock;

/// One family of the embedded fonts.
pub struct Family {
    /// The family name typst selects it by.
    pub name: &'static str,
    /// Its faces (regular, bold, and italic ones where the family has them).
    pub files: &'static [&'static [u8]],
}

/// Liberation Serif 2.x (SIL Open Font License 1.1): Times New Roman metrics. Regular, bold,
/// italic, bold italic.
pub const LIBERATION_SERIF: Family = Family {
    name: "Liberation Serif",
    files: &[
        include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
        include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
        include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
        include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
    ],
};

/// Amiri 0.113 (SIL Open Font License 1.1), a Naskh face for Arabic: regular, bold, slanted,
/// bold slanted.
pub const AMIRI: Family = Family {
    name: "Amiri",
    files: &[
        include_bytes!("../fonts/Amiri-Regular.ttf"),
        include_bytes!("../fonts/Amiri-Bold.ttf"),
        include_bytes!("../fonts/Amiri-Slanted.ttf"),
        include_bytes!("../fonts/Amiri-BoldSlanted.ttf"),
    ],
};

/// Noto Serif CJK SC 2.001 (SIL Open Font License 1.1), subset to GB 2312 and CJK punctuation
/// (`fonts/subset-cjk.sh`): regular and bold. Chinese has no italics; typst sets emphasis in the
/// regular face (Latin letters in a Chinese version are set in Liberation Serif, which has them:
/// `latin_in_latin_face`).
pub const NOTO_SERIF_CJK_SC: Family = Family {
    name: "Noto Serif CJK SC",
    files: &[
        include_bytes!("../fonts/NotoSerifCJKsc-Regular-subset.otf"),
        include_bytes!("../fonts/NotoSerifCJKsc-Bold-subset.otf"),
    ],
};

/// Every family, for the PDF writer's font book.
pub const FAMILIES: &[&Family] = &[&LIBERATION_SERIF, &AMIRI, &NOTO_SERIF_CJK_SC];

/// Every font file, for the PDF writer's font book.
pub fn font_files() -> impl Iterator<Item = &'static [u8]> {
    FAMILIES.iter().flat_map(|f| f.files.iter().copied())
}

/// The families a text in `language` (BCP 47) is set in, in order: typst takes each character
/// from the first one that has it.
pub fn families(language: &str) -> &'static [&'static Family] {
    match primary(language).as_str() {
        "ar" => &[&AMIRI, &LIBERATION_SERIF],
        "zh" => &[&NOTO_SERIF_CJK_SC, &LIBERATION_SERIF],
        _ => &[&LIBERATION_SERIF],
    }
}

/// The primary language subtag, lower case: `zh-Hans` → `zh`.
pub fn primary(language: &str) -> String {
    language.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase()
}

/// Whether Latin letters in a `language` text are set in the Latin face (Liberation Serif) rather
/// than in the first family's own Latin glyphs: Chinese, as UN Chinese documents set English names
/// and titles in Times New Roman. Noto Serif CJK has no italic, so an emphasised title in English
/// printed in it would lose its emphasis on the page (and could not be read back from the PDF).
pub fn latin_in_latin_face(language: &str) -> bool {
    primary(language) == "zh"
}

/// Whether text in `language` runs right to left.
pub fn right_to_left(language: &str) -> bool {
    matches!(primary(language).as_str(), "ar" | "he" | "fa" | "ur")
}

/// The characters every face of a family maps to a real glyph (not .notdef): a character bold
/// or italic could not print is not printable.
fn family_chars(family: &Family) -> HashSet<char> {
    let mut common: Option<HashSet<char>> = None;
    for data in family.files {
        let mut chars = HashSet::new();
        if let Ok(face) = ttf_parser::Face::parse(data, 0)
            && let Some(cmap) = face.tables().cmap
        {
            for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    if let Some(c) = char::from_u32(cp)
                        && sub.glyph_index(cp).is_some_and(|g| g.0 != 0)
                    {
                        chars.insert(c);
                    }
                });
            }
        }
        common = Some(match common {
            None => chars,
            Some(prev) => prev.intersection(&chars).copied().collect(),
        });
    }
    common.unwrap_or_default()
}

/// The characters of each family, in the order of `FAMILIES`, each read from its faces the first
/// time a text in one of its languages is checked: an English report never reads the character
/// maps of the Arabic and Chinese faces (several milliseconds, most of it the Chinese face's
/// thousands of characters).
static CHARS: [LazyLock<HashSet<char>>; 3] = [
    LazyLock::new(|| family_chars(&LIBERATION_SERIF)),
    LazyLock::new(|| family_chars(&AMIRI)),
    LazyLock::new(|| family_chars(&NOTO_SERIF_CJK_SC)),
];

/// Whether one of the families of `language` has a glyph for `c` in every face.
pub fn has_glyph(c: char, language: &str) -> bool {
    families(language).iter().any(|family| {
        FAMILIES
            .iter()
            .position(|f| f.name == family.name)
            .and_then(|i| CHARS.get(i))
            .is_some_and(|chars| chars.contains(&c))
    })
}

/// The names of the families of `language`, as the hint of an error lists them.
pub fn family_names(language: &str) -> String {
    families(language).iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_has_its_script() {
        assert!(has_glyph('ب', "ar") && has_glyph('،', "ar") && has_glyph('A', "ar"));
        assert!(has_glyph('国', "zh") && has_glyph('，', "zh") && has_glyph('。', "zh") && has_glyph('é', "zh"));
        assert!(has_glyph('Ж', "ru") && has_glyph('é', "fr"));
        // Another script than the language's own is not assumed to print.
        assert!(!has_glyph('国', "en") && !has_glyph('ب', "en") && !has_glyph('ب', "zh"));
        // Outside GB 2312 (the subset): not printable, hence an error rather than a blank box.
        assert!(!has_glyph('𠀀', "zh"));
    }

    #[test]
    fn every_family_has_its_character_set() {
        // `CHARS` is indexed like `FAMILIES`: each set must be its own family's.
        assert_eq!(CHARS.len(), FAMILIES.len());
        for (family, chars) in FAMILIES.iter().zip(&CHARS) {
            assert_eq!(**chars, family_chars(family), "{}", family.name);
        }
    }
}
