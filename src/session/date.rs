//! Calendar dates as the session data writes them (`2009-04-14`) and as UN house style prints
//! them ("14 April 2009", "14 and 15 April 2009", "from 27 to 29 January 2010").

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date (no time, no zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Parses `YYYY-MM-DD`, checking the day exists.
    pub fn parse(s: &str) -> Result<Date, String> {
        let bad = || match parse_long_date(s.trim()) {
            Some(d) => format!("`{s}` is not a date of the form YYYY-MM-DD: write `{d}`"),
            None => format!("`{s}` is not a date of the form YYYY-MM-DD"),
        };
        let mut parts = s.trim().split('-');
        let (Some(y), Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        let day: u32 = d.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(format!("`{s}` is not a day of the calendar"));
        }
        Ok(Date { year, month, day })
    }

    pub fn month_name(self) -> &'static str {
        MONTHS[(self.month - 1) as usize]
    }

    /// "21 April 2009".
    pub fn long(self) -> String {
        format!("{} {} {}", self.day, self.month_name(), self.year)
    }

    /// "21 April" (the year is understood from the context).
    pub fn day_month(self) -> String {
        format!("{} {}", self.day, self.month_name())
    }

    /// `2009-04-21`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

/// What `Date::parse` reads: `YYYY-MM-DD`, a day of the calendar (the `date` format checks that
/// the day exists).
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A day of the calendar written YYYY-MM-DD, e.g. 2009-04-14.",
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "format": "date",
        })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A span of days as running text: "14 April 2009", "14 and 15 April 2009",
/// "27-29 January 2010" style is for captions (see `caption_range`); this is the prose form:
/// "from 27 to 29 January 2010", "from 30 November to 2 December 2010".
pub fn prose_range(dates: &[Date]) -> String {
    match dates {
        [] => String::new(),
        [one] => one.long(),
        [a, b] if consecutive(*a, *b) => pair(*a, *b),
        [first, .., last] => format!("from {} to {}", shorten_start(*first, *last), last.long()),
    }
}

/// A span of days for a masthead caption: "14 and 15 April 2009", "27-29 January 2010",
/// "30 November-2 December 2010".
pub fn caption_range(dates: &[Date]) -> String {
    match dates {
        [] => String::new(),
        [one] => one.long(),
        [a, b] if consecutive(*a, *b) => pair(*a, *b),
        [first, .., last] => format!("{}-{}", shorten_start(*first, *last), last.long()),
    }
}

/// Two days: "14 and 15 April 2009", "30 April and 1 May 2009".
fn pair(a: Date, b: Date) -> String {
    format!("{} and {}", shorten_start(a, b), b.long())
}

/// The first date of a range, dropping what it shares with the last.
fn shorten_start(first: Date, last: Date) -> String {
    if first.year != last.year {
        first.long()
    } else if first.month != last.month {
        first.day_month()
    } else {
        first.day.to_string()
    }
}

/// Whether `b` is the day after `a`.
pub fn consecutive(a: Date, b: Date) -> bool {
    let next = if a.day < days_in_month(a.year, a.month) {
        Date { day: a.day + 1, ..a }
    } else if a.month < 12 {
        Date { month: a.month + 1, day: 1, ..a }
    } else {
        Date { year: a.year + 1, month: 1, day: 1 }
    };
    next == b
}

// ----- Dates as reports print them (importers, and hints for dates written that way) -----

/// Parses "21 April 2009".
pub fn parse_long_date(s: &str) -> Option<Date> {
    let mut parts = s.split_whitespace();
    let day: u32 = parts.next()?.parse().ok()?;
    let month = month_number(parts.next()?)?;
    let year: i32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    Date::parse(&format!("{year:04}-{month:02}-{day:02}")).ok()
}

pub fn month_number(name: &str) -> Option<u32> {
    MONTHS.iter().position(|m| *m == name).map(|i| i as u32 + 1)
}

/// The day after `d`.
pub fn next_day(d: Date) -> Date {
    let next = Date { day: d.day + 1, ..d };
    if Date::parse(&next.iso()).is_ok() {
        next
    } else if d.month < 12 {
        Date { month: d.month + 1, day: 1, ..d }
    } else {
        Date { year: d.year + 1, month: 1, day: 1 }
    }
}

/// Parses a span of days as captions and prose print it: "14 April 2009", "14 and 15 April 2009",
/// "27-29 January 2010", "from 27 to 29 January 2010", "30 November-2 December 2010", and with
/// the en dash the issued documents set ("3–7 March 2025"). Returns every day of the span.
pub fn parse_date_span(s: &str) -> Option<Vec<Date>> {
    let s = s.trim();
    let s = s.strip_prefix("from ").unwrap_or(s);
    let (first, last) = if let Some((a, b)) = s.split_once(" and ") {
        (a, b)
    } else if let Some((a, b)) = s.split_once(" to ") {
        (a, b)
    } else if let Some((a, b)) = s.split_once(['-', '\u{2013}']) {
        (a, b)
    } else {
        let d = parse_long_date(s)?;
        return Some(vec![d]);
    };
    let last = parse_long_date(last.trim())?;
    let words: Vec<&str> = first.split_whitespace().collect();
    let first = match words.as_slice() {
        [day] => Date::parse(&format!("{:04}-{:02}-{:02}", last.year, last.month, day.parse::<u32>().ok()?)).ok()?,
        [day, month] => {
            Date::parse(&format!("{:04}-{:02}-{:02}", last.year, month_number(month)?, day.parse::<u32>().ok()?))
                .ok()?
        }
        _ => parse_long_date(first.trim())?,
    };
    if first > last {
        return None;
    }
    let mut days = vec![first];
    let mut d = first;
    while d < last && days.len() < 366 {
        d = next_day(d);
        days.push(d);
    }
    Some(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn parses_and_rejects() {
        assert_eq!(d("2009-04-21").long(), "21 April 2009");
        assert!(Date::parse("2009-02-29").is_err());
        assert!(Date::parse("2008-02-29").is_ok());
        assert!(Date::parse("21 April 2009").is_err());
    }

    /// Every span the report prints, in prose or in the caption, and every date, reads back.
    #[test]
    fn printed_dates_read_back() {
        let days = |from: &str, n: usize| {
            let mut out = vec![d(from)];
            while out.len() < n {
                out.push(next_day(*out.last().unwrap()));
            }
            out
        };
        for (from, n) in [
            ("2009-04-14", 1),
            ("2009-04-14", 2),
            ("2010-01-27", 3),
            ("2010-11-30", 3),
            ("2009-12-31", 2),
            ("2016-06-20", 5),
        ] {
            let span = days(from, n);
            assert_eq!(parse_date_span(&prose_range(&span)).as_ref(), Some(&span), "{}", prose_range(&span));
            assert_eq!(parse_date_span(&caption_range(&span)).as_ref(), Some(&span), "{}", caption_range(&span));
            assert_eq!(parse_long_date(&span[0].long()), Some(span[0]));
        }
    }

    #[test]
    fn ranges() {
        assert_eq!(prose_range(&[d("2009-04-14"), d("2009-04-15")]), "14 and 15 April 2009");
        assert_eq!(prose_range(&[d("2010-01-27"), d("2010-01-28"), d("2010-01-29")]), "from 27 to 29 January 2010");
        assert_eq!(caption_range(&[d("2010-01-27"), d("2010-01-29")]), "27-29 January 2010");
        // Issued documents set the range with an en dash.
        assert_eq!(parse_date_span("3\u{2013}7 March 2025").map(|d| d.len()), Some(5));
        assert_eq!(prose_range(&[d("2010-11-30"), d("2010-12-02")]), "from 30 November to 2 December 2010");
        assert_eq!(prose_range(&[d("2009-04-30"), d("2009-05-01")]), "30 April and 1 May 2009");
        assert_eq!(prose_range(&[d("2009-12-31"), d("2010-01-01")]), "31 December 2009 and 1 January 2010");
    }
}
