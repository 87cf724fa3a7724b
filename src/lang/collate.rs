//! The order of lists of States in each language version.
//!
//! A translated version lists States in its own alphabetical order, as the UN's translation
//! services re-sort the lists of the English original. The rule per language:
//!
//! - **English** (the original): the order the record gives, which `check` compares with the
//!   UN's English order (`crate::registry::sort_key`); a report that broke the order keeps it.
//! - **French**: French alphabetical order, accents ignored unless two names differ only by them
//!   (CLDR's French collation, which is the root collation: "Espagne, Estonie, Eswatini,
//!   États-Unis d'Amérique, Éthiopie"). UN French short names take no article, so there is none
//!   to ignore.
//! - **Spanish**: CLDR's Spanish collation, ñ a letter of its own after n ("Alemania, Andorra,
//!   Angola, Arabia Saudita, Argelia, Argentina"), ch and ll not letters of their own (the
//!   Real Academia Española's rule since 1994).
//! - **Russian**: CLDR's Russian collation, the Cyrillic alphabet ("Австралия, Австрия, Алжир").
//! - **Arabic**: the Arabic alphabet (CLDR's Arabic collation), the definite article "ال" of the
//!   first word ignored and the hamza forms of alif (أ إ آ) counted as alif, as lists of Member
//!   States in UN Arabic documents run: "الاتحاد الروسي، إثيوبيا، أذربيجان، الأرجنتين، الأردن".
//! - **Chinese**: the order of the English original. ICU's default collation for `zh` is
//!   pinyin (CLDR; a test below shows it), and Chinese publications in mainland China sort names
//!   of countries by pinyin or by stroke count; UN Chinese documents, as far as we know them,
//!   list Member States in the English alphabetical order (the order of the General Assembly's
//!   roll call: "阿富汗、阿尔巴尼亚、阿尔及利亚…孟加拉国、巴巴多斯" — Bangladesh among the B's).
//!   That last point is from memory of published documents, not verified here; switching to
//!   pinyin is one line (`ListOrder::Collated`).
//!
//! Collation is ICU4X's `icu_collator` with its compiled CLDR data: no network, no system ICU.

use std::cmp::Ordering;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::Locale;

use super::Lang;

/// How a version orders a list of States.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListOrder {
    /// As the record gives it (translated in place).
    AsRecorded,
    /// By the language's collation (with Arabic's article rule).
    Collated,
}

/// The rule of `lang` for a version that is not the original (the original keeps its record).
pub fn list_order(lang: Lang) -> ListOrder {
    match lang {
        Lang::En | Lang::Zh => ListOrder::AsRecorded,
        Lang::Fr | Lang::Es | Lang::Ru | Lang::Ar => ListOrder::Collated,
    }
}

/// The collator of a language, from ICU4X's compiled data.
pub fn collator(lang: Lang) -> CollatorBorrowed<'static> {
    let locale: Locale = lang.code().parse().expect("a language code is a locale");
    // The compiled data has a collation for each of the six languages (and the root collation
    // for any other): this cannot fail for them, and the unit tests build every one.
    Collator::try_new((&locale).into(), CollatorOptions::default()).expect("ICU4X compiled collation data")
}

/// Sorts the printed names of States as `lang` lists them (see the module's table).
pub fn sort_names(lang: Lang, names: &mut [String]) {
    if list_order(lang) == ListOrder::AsRecorded {
        return;
    }
    let collator = collator(lang);
    names.sort_by(|a, b| compare(lang, &collator, a, b));
}

/// Sorts pairs of (printed name, anything) by the printed name, as `sort_names` sorts names.
pub fn sort_by_name<T>(lang: Lang, pairs: &mut [(String, T)]) {
    if list_order(lang) == ListOrder::AsRecorded {
        return;
    }
    let collator = collator(lang);
    pairs.sort_by(|a, b| compare(lang, &collator, &a.0, &b.0));
}

/// Compares two names in `lang`'s order, the whole names deciding ties.
pub fn compare(lang: Lang, collator: &CollatorBorrowed<'_>, a: &str, b: &str) -> Ordering {
    if lang == Lang::Ar {
        collator.compare(&arabic_key(a), &arabic_key(b)).then_with(|| collator.compare(a, b))
    } else {
        collator.compare(a, b)
    }
}

/// An Arabic name as it is sorted: without the article "ال" of its first word, and with the hamza
/// forms of alif as alif (the collation already treats them as one letter at the first level;
/// folding them here keeps that true whatever the tailoring does).
fn arabic_key(name: &str) -> String {
    let name = name.trim();
    let without_article = match name.strip_prefix("ال") {
        // Only an article: "الجزائر" → "جزائر"; not a name that is just "ال…" of two letters.
        Some(rest) if rest.chars().count() > 1 => rest,
        _ => name,
    };
    without_article.chars().map(|c| if matches!(c, 'أ' | 'إ' | 'آ') { 'ا' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(lang: Lang, names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        sort_names(lang, &mut v);
        v
    }

    #[test]
    fn french_ignores_accents() {
        assert_eq!(
            sorted(Lang::Fr, &["Éthiopie", "États-Unis d'Amérique", "Eswatini", "Espagne", "Estonie"]),
            ["Espagne", "Estonie", "Eswatini", "États-Unis d'Amérique", "Éthiopie"]
        );
    }

    #[test]
    fn spanish_n_tilde_is_a_letter() {
        assert_eq!(sorted(Lang::Es, &["Noruega", "Ñandú", "Nueva Zelandia"]), ["Noruega", "Nueva Zelandia", "Ñandú"]);
        assert_eq!(
            sorted(Lang::Es, &["Argentina", "Argelia", "Alemania", "Arabia Saudita"]),
            ["Alemania", "Arabia Saudita", "Argelia", "Argentina"]
        );
    }

    #[test]
    fn russian_alphabet() {
        assert_eq!(sorted(Lang::Ru, &["Алжир", "Австрия", "Австралия"]), ["Австралия", "Австрия", "Алжир"]);
    }

    #[test]
    fn arabic_ignores_the_article() {
        assert_eq!(
            sorted(Lang::Ar, &["الأردن", "إثيوبيا", "الأرجنتين", "أذربيجان", "الاتحاد الروسي"]),
            ["الاتحاد الروسي", "إثيوبيا", "أذربيجان", "الأرجنتين", "الأردن"]
        );
    }

    #[test]
    fn chinese_keeps_the_record_but_icu_would_sort_by_pinyin() {
        assert_eq!(sorted(Lang::Zh, &["孟加拉国", "巴巴多斯"]), ["孟加拉国", "巴巴多斯"]);
        // ICU's default for zh is pinyin: 阿 (ā) < 巴 (bā) < 中 (zhōng).
        let c = collator(Lang::Zh);
        assert_eq!(c.compare("阿根廷", "巴西"), Ordering::Less);
        assert_eq!(c.compare("巴西", "中国"), Ordering::Less);
        assert_eq!(c.compare("孟加拉国", "巴巴多斯"), Ordering::Greater);
    }
}
