//! Dates as each language version of a UN report prints them.
//!
//! | | one day | two days | a longer span | masthead caption |
//! |---|---|---|---|---|
//! | en | on 21 April 2009 | on 14 and 15 April 2009 | from 27 to 29 January 2010 | 27-29 January 2010 |
//! | fr | le 21 avril 2009 | les 14 et 15 avril 2009 | du 27 au 29 janvier 2010 | 27-29 janvier 2010 |
//! | es | el 21 de abril de 2009 | los días 14 y 15 de abril de 2009 | del 27 al 29 de enero de 2010 | 27 a 29 de enero de 2010 |
//! | ru | 21 апреля 2009 года | 14 и 15 апреля 2009 года | с 27 по 29 января 2010 года | 27–29 января 2010 года |
//! | zh | 于2009年4月21日 | 于2009年4月14日和15日 | 于2010年1月27日至29日 | 2010年1月27日至29日 |
//! | ar | في 21 نيسان/أبريل 2009 | يومي 14 و15 نيسان/أبريل 2009 | في الفترة من 27 إلى 29 كانون الثاني/يناير 2010 | 27-29 كانون الثاني/يناير 2010 |
//!
//! Sources: English, the UN Editorial Manual (no commas, "from … to …"). French, the
//! Imprimerie nationale's *Lexique* as UN French documents apply it: month in lower case, "1er"
//! for the first day. Spanish, the *Manual de estilo* of the UN Spanish service as its
//! documents show it: "14 de abril de 2009", "1 de mayo" (no ordinal). Russian: the month in the
//! genitive and "года" after the year. Chinese: year, month, day with 年月日, "和" for two
//! days, "至" for a span (GB/T 15835 figures). Arabic: the UN Arabic service writes each month
//! with both its Levantine and its Egyptian name, "نيسان/أبريل", and spells June and July
//! "يونيه" and "يوليه"; it writes figures with the digits 0-9 (not the Eastern Arabic ٠-٩),
//! as every Arabic UN document (symbols, dates, paragraph numbers) shows.

use super::Lang::{self, *};
use crate::session::Date;

const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const ES_MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
/// In the genitive, as after a day ("14 апреля").
const RU_MONTHS: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const AR_MONTHS: [&str; 12] = [
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيه",
    "تموز/يوليه",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
];

/// The day of the month as printed: French "1er" for the first.
fn day(lang: Lang, d: Date) -> String {
    if lang == Fr && d.day == 1 { "1er".into() } else { d.day.to_string() }
}

/// "14 April", "14 avril", "14 de abril", "14 апреля", "4月14日", "14 نيسان/أبريل".
pub fn day_month(lang: Lang, d: Date) -> String {
    let m = (d.month - 1) as usize;
    match lang {
        En => d.day_month(),
        Fr => format!("{} {}", day(lang, d), FR_MONTHS[m]),
        Es => format!("{} de {}", d.day, ES_MONTHS[m]),
        Ru => format!("{} {}", d.day, RU_MONTHS[m]),
        Zh => format!("{}月{}日", d.month, d.day),
        Ar => format!("{} {}", d.day, AR_MONTHS[m]),
    }
}

/// "21 April 2009", "21 avril 2009", "21 de abril de 2009", "21 апреля 2009 года",
/// "2009年4月21日", "21 نيسان/أبريل 2009".
pub fn long(lang: Lang, d: Date) -> String {
    match lang {
        En => d.long(),
        Es => format!("{} de {}", day_month(lang, d), d.year),
        Ru => format!("{} {} года", day_month(lang, d), d.year),
        Zh => format!("{}年{}", d.year, day_month(lang, d)),
        Fr | Ar => format!("{} {}", day_month(lang, d), d.year),
    }
}

/// The first date of a span, dropping what it shares with the last (day-month-year languages).
fn start(lang: Lang, first: Date, last: Date) -> String {
    if first.year != last.year {
        long(lang, first)
    } else if first.month != last.month {
        day_month(lang, first)
    } else {
        day(lang, first)
    }
}

/// The last date of a Chinese span, dropping what it shares with the first ("2009年4月14日和15日").
fn zh_end(first: Date, last: Date) -> String {
    if first.year != last.year {
        long(Zh, last)
    } else if first.month != last.month {
        day_month(Zh, last)
    } else {
        format!("{}日", last.day)
    }
}

fn consecutive(a: Date, b: Date) -> bool {
    crate::session::date::consecutive(a, b)
}

/// Two consecutive days without a preposition: "14 and 15 April 2009", "14 et 15 avril 2009",
/// "2009年4月14日和15日".
fn pair(lang: Lang, a: Date, b: Date) -> String {
    match lang {
        Zh => format!("{}和{}", long(Zh, a), zh_end(a, b)),
        Ar => format!("{} و{}", start(lang, a, b), long(lang, b)),
        _ => format!("{}{}{}", start(lang, a, b), lang.and_word(), long(lang, b)),
    }
}

/// A span of days as running text, with the preposition the sentence needs ("on 14 and 15 April
/// 2009", "from 27 to 29 January 2010", "les 14 et 15 avril 2009", "du 27 au 29 janvier 2010" —
/// the `date_span` filter of the templates). English is `crate::session::date`'s wording.
pub fn span(lang: Lang, dates: &[Date]) -> String {
    match (lang, dates) {
        (_, []) => String::new(),
        (En, _) => {
            let text = crate::session::date::prose_range(dates);
            if text.starts_with("from ") { text } else { format!("on {text}") }
        }
        (Fr, [one]) => format!("le {}", long(lang, *one)),
        (Es, [one]) => format!("el {}", long(lang, *one)),
        (Ru, [one]) => long(lang, *one),
        (Zh, [one]) => format!("于{}", long(lang, *one)),
        (Ar, [one]) => format!("في {}", long(lang, *one)),
        (_, [a, b]) if consecutive(*a, *b) => match lang {
            Fr => format!("les {}", pair(lang, *a, *b)),
            Es => format!("los días {}", pair(lang, *a, *b)),
            Zh => format!("于{}", pair(lang, *a, *b)),
            Ar => format!("يومي {}", pair(lang, *a, *b)),
            _ => pair(lang, *a, *b),
        },
        (_, [first, .., last]) => {
            let (a, b) = (*first, *last);
            match lang {
                Fr => format!("du {} au {}", start(lang, a, b), long(lang, b)),
                Es => format!("del {} al {}", start(lang, a, b), long(lang, b)),
                Ru => format!("с {} по {}", start(lang, a, b), long(lang, b)),
                Zh => format!("于{}至{}", long(Zh, a), zh_end(a, b)),
                _ => format!("في الفترة من {} إلى {}", start(lang, a, b), long(lang, b)),
            }
        }
    }
}

/// A span of days for the masthead caption: "14 and 15 April 2009", "27-29 January 2010",
/// "27 a 29 de enero de 2010", "27–29 января 2010 года", "2010年1月27日至29日".
pub fn caption(lang: Lang, dates: &[Date]) -> String {
    match (lang, dates) {
        (_, []) => String::new(),
        (En, _) => crate::session::date::caption_range(dates),
        (_, [one]) => long(lang, *one),
        (_, [a, b]) if consecutive(*a, *b) => pair(lang, *a, *b),
        (_, [first, .., last]) => {
            let (a, b) = (*first, *last);
            match lang {
                Es => format!("{} a {}", start(lang, a, b), long(lang, b)),
                Ru => format!("{}\u{2013}{}", start(lang, a, b), long(lang, b)),
                Zh => format!("{}至{}", long(Zh, a), zh_end(a, b)),
                _ => format!("{}-{}", start(lang, a, b), long(lang, b)),
            }
        }
    }
}

/// The date of issue in the masthead: in English where the version prints its distribution
/// block in English (ar, zh, ru: see `Lang::english_distribution_block`).
pub fn masthead(lang: Lang, d: Date) -> String {
    if lang.english_distribution_block() { d.long() } else { long(lang, d) }
}

// ----- the way back: dates as printed, read in any of the six languages -----
// The parsers print every candidate with the printers above and compare, so that what is read
// back is exactly what would print the same words.

/// The numbers in a text, in order ("15-19 octobre 2018" → 15, 19, 2018; "2009年4月14日" too).
fn numbers(s: &str) -> Vec<u32> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty() && n.len() <= 4)
        .filter_map(|n| n.parse().ok())
        .collect()
}

fn date(year: u32, month: u32, day: u32) -> Option<Date> {
    Date::parse(&format!("{year:04}-{month:02}-{day:02}")).ok()
}

/// A date as `long` prints it in `lang` ("21 avril 2009", "21 de abril de 2009").
pub fn parse_long(lang: Lang, text: &str) -> Option<Date> {
    let wanted = super::comparable(text);
    let n = numbers(text);
    let year = *n.iter().find(|n| (1900..=2100).contains(*n))?;
    // French prints the first "1er".
    let days: Vec<u32> =
        if wanted.contains("1er") { vec![1] } else { n.iter().copied().filter(|d| (1..=31).contains(d)).collect() };
    (1..=12)
        .flat_map(|m| days.iter().filter_map(move |&d| date(year, m, d)))
        .find(|d| super::comparable(&long(lang, *d)) == wanted)
}

/// The days of a masthead caption as `caption` prints them in `lang` ("15-19 octobre 2018",
/// "14 y 15 de abril de 2009", "30 septembre-2 octobre 2018").
pub fn parse_caption(lang: Lang, text: &str) -> Option<Vec<Date>> {
    let wanted = super::comparable(text);
    let n = numbers(text);
    let year = *n.iter().rev().find(|n| (1900..=2100).contains(*n))?;
    let mut days: Vec<u32> = n.iter().copied().filter(|d| (1..=31).contains(d)).collect();
    if wanted.contains("1er") {
        days.insert(0, 1);
    }
    // The first and last day among the numbers (a Chinese caption prints the month's number too).
    for (i, &first) in days.iter().enumerate() {
        for &last in &days[i..] {
            for month in 1..=12 {
                for end_month in [month, (month + 1).min(12)] {
                    let (Some(a), Some(b)) = (date(year, month, first), date(year, end_month, last)) else { continue };
                    if b < a {
                        continue;
                    }
                    // Every day from the first to the last (a span), or the two days alone.
                    let mut span = vec![a];
                    while *span.last().expect("one") < b && span.len() < 62 {
                        span.push(crate::session::date::next_day(*span.last().expect("one")));
                    }
                    for candidate in [span, vec![a, b]] {
                        if super::comparable(&caption(lang, &candidate)) == wanted {
                            return Some(candidate);
                        }
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn the_forms_the_issue_gives() {
        let two = [d("2009-04-14"), d("2009-04-15")];
        assert_eq!(caption(Fr, &two), "14 et 15 avril 2009");
        assert_eq!(caption(Es, &two), "14 y 15 de abril de 2009");
        assert_eq!(caption(Ru, &two), "14 и 15 апреля 2009 года");
        assert_eq!(caption(Zh, &two), "2009年4月14日和15日");
        assert_eq!(caption(Ar, &two), "14 و15 نيسان/أبريل 2009");
        assert_eq!(caption(En, &two), "14 and 15 April 2009");
    }

    /// What the printers print, the parsers read back, in every language.
    #[test]
    fn dates_read_back_as_printed() {
        let spans: [&[&str]; 4] = [
            &["2009-04-14", "2009-04-15"],
            &["2018-10-15", "2018-10-16", "2018-10-17", "2018-10-18", "2018-10-19"],
            &["2018-09-30", "2018-10-01", "2018-10-02"],
            &["2025-03-01"],
        ];
        for lang in Lang::ALL {
            for span in spans {
                let days: Vec<Date> = span.iter().map(|s| d(s)).collect();
                let printed = caption(lang, &days);
                assert_eq!(parse_caption(lang, &printed), Some(days.clone()), "{lang:?}: {printed}");
                let one = days[0];
                assert_eq!(parse_long(lang, &long(lang, one)), Some(one), "{lang:?}: {}", long(lang, one));
            }
        }
        assert_eq!(parse_long(Fr, "1er avril 2009"), Some(d("2009-04-01")));
        // As a PDF's text may space Chinese out.
        assert_eq!(parse_caption(Zh, "2018 年 10 月 15 日至 19 日").map(|d| d.len()), Some(5));
        assert_eq!(parse_long(Fr, "21 avrill 2009"), None);
        assert_eq!(parse_caption(Es, "Viena, 14 y 15 de abril de 2009"), None, "the venue is not part of it");
    }

    #[test]
    fn spans_with_their_prepositions() {
        let three = [d("2010-01-27"), d("2010-01-28"), d("2010-01-29")];
        assert_eq!(span(En, &three), "from 27 to 29 January 2010");
        assert_eq!(span(Fr, &three), "du 27 au 29 janvier 2010");
        assert_eq!(span(Es, &three), "del 27 al 29 de enero de 2010");
        assert_eq!(span(Ru, &three), "с 27 по 29 января 2010 года");
        assert_eq!(span(Zh, &three), "于2010年1月27日至29日");
        assert_eq!(span(Ar, &three), "في الفترة من 27 إلى 29 كانون الثاني/يناير 2010");
        assert_eq!(span(Fr, &[d("2010-05-01")]), "le 1er mai 2010");
        assert_eq!(span(Es, &[d("2009-04-30"), d("2009-05-01")]), "los días 30 de abril y 1 de mayo de 2009");
        assert_eq!(span(Zh, &[d("2010-11-30"), d("2010-12-01"), d("2010-12-02")]), "于2010年11月30日至12月2日");
        assert_eq!(caption(Es, &three), "27 a 29 de enero de 2010");
        assert_eq!(caption(Ru, &three), "27\u{2013}29 января 2010 года");
    }

    #[test]
    fn masthead_dates() {
        assert_eq!(masthead(Fr, d("2009-04-21")), "21 avril 2009");
        assert_eq!(masthead(Es, d("2009-04-21")), "21 de abril de 2009");
        assert_eq!(masthead(Ru, d("2009-04-21")), "21 April 2009");
        assert_eq!(long(Ar, d("2009-06-21")), "21 حزيران/يونيه 2009");
    }
}
