//! The registry of State names: United Nations short names (as UNTERM gives them) with the
//! period in which each was the official short name, plus informal forms seen in running text.
//!
//! A session names States as they were called on the meeting date: a 2009 report says "Czech
//! Republic" and "Turkey", a 2026 report "Czechia" and "Türkiye". [`lookup`] tells the checker
//! whether a name is right on a date and, when it is not, what to write instead;
//! [`sort_key`] gives the key of the UN's alphabetical order (case and diacritics ignored).
//!
//! The data lives in `src/registry/states.tsv` (compiled in; its header documents the columns).
//! Each State has a stable id (its ISO 3166-1 alpha-3 code) that survives renaming.
//!
//! The names in the other five official languages are in `src/registry/state_names.tsv`, one
//! row per official English name, so each has the period of the English row it translates
//! ([`name_in`]): "République tchèque" until 2016, "Tchéquie" since. Its header gives the source
//! (the UNTERM short names of the OCHA taxonomy, hdx-python-country) and its limits.

use std::sync::OnceLock;

pub mod organizations;

use crate::diag::Diagnostic;
use crate::lang::Lang;
use crate::session::Date;

pub(crate) const DATA: &str = include_str!("registry/states.tsv");
pub(crate) const NAMES: &str = include_str!("registry/state_names.tsv");

/// Whether a row is an official short name or an informal form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An official UN short name, during its period.
    Name,
    /// An informal form ("United Kingdom", "Iran"), accepted with a warning.
    Alias,
    /// A name the United Nations never gave the State and a report must not print
    /// ("Macedonia", "Burma"): an error, with the official name as the hint.
    Never,
}

/// One row of `states.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// ISO 3166-1 alpha-3 code, e.g. `CZE`.
    pub id: &'static str,
    pub kind: Kind,
    pub name: &'static str,
    /// First day the row applies; `None` = since before the registry's horizon.
    pub from: Option<Date>,
    /// First day the row no longer applies (exclusive); `None` = still applies.
    pub until: Option<Date>,
}

impl Entry {
    /// Whether the row applies on `on`.
    pub fn applies_on(&self, on: Date) -> bool {
        self.from.is_none_or(|f| f <= on) && self.until.is_none_or(|u| on < u)
    }
}

/// What the registry says about a name on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// The official short name of State `id` on that date.
    Valid { canonical_id: &'static str },
    /// An informal form, or the official name with a different case, accents or apostrophe
    /// ("United Kingdom", "Cote d'Ivoire"): accept with a warning and suggest `official`.
    Alias { canonical_id: &'static str, official: &'static str },
    /// A name the State only took later ("Czechia" in 2009). `official_on_date` is the name to
    /// write instead (`None`: the State did not exist yet on that date).
    NotYet { canonical_id: &'static str, from: Date, official_on_date: Option<&'static str> },
    /// A name the State no longer bore ("Czech Republic" in 2026). `official_on_date` is the name
    /// to write instead (`None`: the State no longer existed on that date).
    NoLonger { canonical_id: &'static str, until: Date, official_on_date: Option<&'static str> },
    /// A name the State never bore at the United Nations ("Macedonia"); `official` is its name
    /// on that date.
    Never { canonical_id: &'static str, official: Option<&'static str> },
    /// Not a State name the registry knows; `suggestion` is the nearest name, as written on that
    /// date, when one is close enough.
    Unknown { suggestion: Option<&'static str> },
}

impl Lookup {
    /// The State's id (ISO 3166-1 alpha-3), when the name was recognized at all.
    pub fn canonical_id(&self) -> Option<&'static str> {
        match self {
            Lookup::Valid { canonical_id }
            | Lookup::Alias { canonical_id, .. }
            | Lookup::NotYet { canonical_id, .. }
            | Lookup::NoLonger { canonical_id, .. }
            | Lookup::Never { canonical_id, .. } => Some(canonical_id),
            Lookup::Unknown { .. } => None,
        }
    }

    /// The name to print for a name that is informal ("USA") on the date: the State's official
    /// short name then. `None` when the name is right as written, or wrong (an error).
    pub fn official_replacement(&self) -> Option<&'static str> {
        match self {
            Lookup::Alias { official, .. } => Some(official),
            _ => None,
        }
    }

    /// The diagnostic the checker reports for `name` written in a session dated `on`: `None` when
    /// the name is valid, a warning for an informal form, an error otherwise. The caller adds the
    /// location (`Diagnostic::at`).
    pub fn diagnostic(&self, name: &str, on: Date) -> Option<Diagnostic> {
        let day = on.long();
        let not_then = || format!("`{name}` was not the name of that State on {day}");
        match self {
            Lookup::Valid { .. } => None,
            Lookup::Alias { official, .. } => Some(
                Diagnostic::warning(format!("`{name}` is an informal name")).with_hint(format!("write `{official}`")),
            ),
            Lookup::NotYet { from, official_on_date, .. } => {
                Some(Diagnostic::error(not_then()).with_hint(match official_on_date {
                    Some(official) => format!("on {day} the State was called `{official}`"),
                    None => format!("the State did not exist yet; it bears this name from {}", from.long()),
                }))
            }
            Lookup::NoLonger { until, official_on_date, .. } => {
                Some(Diagnostic::error(not_then()).with_hint(match official_on_date {
                    Some(official) => format!("write `{official}`"),
                    None => format!("the State no longer existed; it bore this name until {}", until.long()),
                }))
            }
            Lookup::Never { official, .. } => {
                Some(Diagnostic::error(format!("`{name}` was never the United Nations name of a State")).with_hint(
                    match official {
                        Some(official) => format!("on {day} the State's name is `{official}`"),
                        None => "use the United Nations short name (UNTERM)".to_string(),
                    },
                ))
            }
            Lookup::Unknown { suggestion } => {
                let diag = Diagnostic::error(format!("`{name}` is not a State known to the registry"));
                Some(match suggestion {
                    Some(s) => diag.with_hint(format!("did you mean `{s}`?")),
                    None => diag.with_hint("use the United Nations short name (UNTERM), e.g. `Czechia`, `Viet Nam`"),
                })
            }
        }
    }
}

/// Every row of the registry, in file order.
pub fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    // A malformed row is skipped here; the unit tests make sure there is none.
    ENTRIES.get_or_init(|| parse(DATA).0)
}

/// The official short name of State `id` on `on`, if it existed then.
pub fn official_name(id: &str, on: Date) -> Option<&'static str> {
    entries().iter().find(|e| e.kind == Kind::Name && e.id == id && e.applies_on(on)).map(|e| e.name)
}

/// The official short names of all States on `on`, in UN alphabetical order.
pub fn states_on(on: Date) -> Vec<&'static str> {
    let mut names: Vec<&'static str> =
        entries().iter().filter(|e| e.kind == Kind::Name && e.applies_on(on)).map(|e| e.name).collect();
    names.sort_by_cached_key(|n| sort_key(n));
    names
}

/// One row of `state_names.tsv`: an official English name and its forms in the other languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translated {
    pub id: &'static str,
    pub en: &'static str,
    /// ar, zh, fr, ru, es.
    pub names: [&'static str; 5],
}

impl Translated {
    /// The name in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ar => self.names[0],
            Lang::Zh => self.names[1],
            Lang::Fr => self.names[2],
            Lang::Ru => self.names[3],
            Lang::Es => self.names[4],
        }
    }
}

/// Every row of `state_names.tsv`, in file order.
pub fn translations() -> &'static [Translated] {
    static ROWS: OnceLock<Vec<Translated>> = OnceLock::new();
    // A malformed row is skipped here; the unit tests make sure there is none.
    ROWS.get_or_init(|| parse_names(NAMES).0)
}

/// The official short name of State `id` in `lang` on `on`.
pub fn official_name_in(id: &str, lang: Lang, on: Date) -> Option<&'static str> {
    let english = official_name(id, on)?;
    translations().iter().find(|t| t.id == id && t.en == english).map(|t| t.get(lang))
}

/// A State named as a session writes it (in English, on the meeting date `on`) as the version in
/// `lang` prints it: its official short name in that language on that date. An informal form
/// ("United Kingdom", kept as recorded in the original) becomes the official name: a translation
/// has no record of its own to keep. `None` when the registry does not know the name.
pub fn name_in(name: &str, lang: Lang, on: Date) -> Option<&'static str> {
    let id = lookup(name, on).canonical_id()?;
    official_name_in(id, lang, on)
}

/// Whether `name` is a State's name in the registry, in any period (official or informal).
pub fn is_state_name(name: &str) -> bool {
    let name = name.trim();
    entries().iter().any(|e| e.kind != Kind::Never && e.name == name)
}

/// Checks a State name as written in a session dated `on`.
pub fn lookup(name: &str, on: Date) -> Lookup {
    let all = entries();
    let name = name.trim();

    // 1. Exactly an official name on that date, or an alias in force then.
    if let Some(e) = all.iter().find(|e| e.name == name && e.applies_on(on)) {
        return match e.kind {
            Kind::Name => Lookup::Valid { canonical_id: e.id },
            Kind::Alias => alias_or_missing(e.id, on),
            Kind::Never => never(e.id, on),
        };
    }
    // 2. Exactly a name of another period.
    if let Some(e) = nearest_in_time(all.iter().filter(|e| e.kind == Kind::Name && e.name == name), on) {
        return out_of_period(e, on);
    }
    // An informal form outside its own period (e.g. a State's later informal name).
    if let Some(e) = all.iter().find(|e| e.kind == Kind::Alias && e.name == name) {
        return alias_or_missing(e.id, on);
    }
    // 3. The same letters with another case, accents, apostrophe or spacing.
    let key = normalize(name);
    let same = |e: &&Entry| normalize(e.name) == key;
    if let Some(e) = all.iter().filter(same).find(|e| e.applies_on(on)) {
        return if e.kind == Kind::Never { never(e.id, on) } else { alias_or_missing(e.id, on) };
    }
    if let Some(e) = nearest_in_time(all.iter().filter(|e| e.kind == Kind::Name).filter(same), on) {
        return out_of_period(e, on);
    }
    // 4. Unknown: suggest the nearest name by edit distance (as the State is called on the date).
    Lookup::Unknown { suggestion: suggest(&key, on) }
}

/// The key of the UN's alphabetical order: lower case, diacritics and typographic apostrophes
/// folded ("Côte d'Ivoire" sorts as "cote d'ivoire", "Türkiye" as "turkiye").
pub fn sort_key(name: &str) -> String {
    name.chars().flat_map(fold).collect()
}

/// The indices of the names that come before their predecessor in the UN's alphabetical order
/// (by [`sort_key`]); empty when the list is in order.
pub fn out_of_order<S: AsRef<str>>(names: &[S]) -> Vec<usize> {
    let keys: Vec<String> = names.iter().map(|n| sort_key(n.as_ref())).collect();
    keys.windows(2).enumerate().filter(|(_, w)| w[1] < w[0]).map(|(i, _)| i + 1).collect()
}

/// The alias (or informal spelling) of State `id`: suggest its official name on the date.
fn alias_or_missing(id: &'static str, on: Date) -> Lookup {
    match official_name(id, on) {
        Some(official) => Lookup::Alias { canonical_id: id, official },
        None => missing_state(id, on),
    }
}

/// A name never to be printed for State `id`: point at its official name on the date.
fn never(id: &'static str, on: Date) -> Lookup {
    Lookup::Never { canonical_id: id, official: official_name(id, on) }
}

/// State `id` has no name on `on`: say whether it came later or ended earlier.
fn missing_state(id: &'static str, on: Date) -> Lookup {
    let rows = entries().iter().filter(|e| e.kind == Kind::Name && e.id == id);
    match nearest_in_time(rows, on) {
        Some(e) => out_of_period(e, on),
        None => Lookup::Unknown { suggestion: None },
    }
}

fn out_of_period(e: &'static Entry, on: Date) -> Lookup {
    let official_on_date = official_name(e.id, on);
    match (e.from, e.until) {
        (Some(from), _) if on < from => Lookup::NotYet { canonical_id: e.id, from, official_on_date },
        (_, Some(until)) => Lookup::NoLonger { canonical_id: e.id, until, official_on_date },
        // Unreachable for a row that does not apply on `on`; answer conservatively.
        _ => Lookup::Valid { canonical_id: e.id },
    }
}

/// Of rows with the same name, the one whose period is closest to `on`.
fn nearest_in_time<'a>(rows: impl Iterator<Item = &'a Entry>, on: Date) -> Option<&'a Entry> {
    rows.min_by_key(|e| match (e.from, e.until) {
        (Some(f), _) if on < f => ordinal(f) - ordinal(on),
        (_, Some(u)) if u <= on => ordinal(on) - ordinal(u),
        _ => 0,
    })
}

/// A number that orders dates (not a day count, but monotonic, which is all we need).
fn ordinal(d: Date) -> i64 {
    i64::from(d.year) * 372 + i64::from(d.month) * 31 + i64::from(d.day)
}

/// The nearest known name (official or informal, any period) within a small edit distance,
/// returned as the State's official name on `on` (or the matched name if it had none then).
fn suggest(key: &str, on: Date) -> Option<&'static str> {
    let len = key.chars().count();
    let limit = (len / 3).clamp(1, 4);
    let best = entries()
        .iter()
        .map(|e| (levenshtein(key, &normalize(e.name)), e))
        .filter(|(d, _)| *d <= limit)
        // Closest first; then prefer rows in force on the date, then file order.
        .min_by_key(|(d, e)| (*d, !e.applies_on(on)))?;
    let e = best.1;
    Some(official_name(e.id, on).unwrap_or(e.name))
}

/// The form names are compared in: `sort_key` with runs of spaces collapsed.
fn normalize(name: &str) -> String {
    sort_key(name).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower case without diacritics, for the letters that occur in State names (and a few more).
fn fold(c: char) -> impl Iterator<Item = char> {
    let folded: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ě' => "e",
        'ğ' | 'Ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'İ' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ł' | 'Ł' => "l",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'œ' | 'Œ' => "oe",
        'ř' | 'Ř' => "r",
        'ś' | 'ş' | 'š' | 'ș' | 'Ś' | 'Ş' | 'Š' | 'Ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' | 'Ť' | 'Ţ' | 'Ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ů' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        '\u{2019}' | '\u{2018}' | '\u{02BC}' => "'",
        '\u{2010}' | '\u{2011}' => "-",
        '\u{00A0}' => " ",
        _ => "",
    };
    let lower: Vec<char> = if folded.is_empty() { c.to_lowercase().collect() } else { folded.chars().collect() };
    lower.into_iter()
}

/// Edit distance (insertions, deletions, substitutions), by characters.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Parses `states.tsv`: the rows, and one message per malformed line.
fn parse(src: &'static str) -> (Vec<Entry>, Vec<String>) {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in src.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_row(line) {
            Ok(row) => rows.push(row),
            Err(e) => errors.push(format!("states.tsv:{}: {e}", n + 1)),
        }
    }
    (rows, errors)
}

/// Parses `state_names.tsv`: the rows, and one message per malformed line.
fn parse_names(src: &'static str) -> (Vec<Translated>, Vec<String>) {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in src.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').map(str::trim).collect();
        match cols.as_slice() {
            &[id, en, ar, zh, fr, ru, es, _source] if [en, ar, zh, fr, ru, es].iter().all(|c| !c.is_empty()) => {
                rows.push(Translated { id, en, names: [ar, zh, fr, ru, es] })
            }
            _ => errors.push(format!("state_names.tsv:{}: expected 8 non-empty columns", n + 1)),
        }
    }
    (rows, errors)
}

fn parse_row(line: &'static str) -> Result<Entry, String> {
    let cols: Vec<&'static str> = line.split('\t').collect();
    let col = |i: usize| cols.get(i).map_or("", |c| c.trim());
    let id = col(0);
    if id.len() != 3 || !id.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(format!("`{id}` is not an alpha-3 code"));
    }
    let kind = match col(1) {
        "name" => Kind::Name,
        "alias" => Kind::Alias,
        "never" => Kind::Never,
        other => return Err(format!("kind `{other}` is not `name`, `alias` or `never`")),
    };
    let name = col(2);
    if name.is_empty() {
        return Err("empty name".into());
    }
    let date = |s: &str| {
        if s.is_empty() { Ok(None) } else { Date::parse(s).map(Some) }
    };
    let from = date(col(3))?;
    let until = date(col(4))?;
    if let (Some(f), Some(u)) = (from, until)
        && f >= u
    {
        return Err(format!("`{name}`: period ends before it starts"));
    }
    Ok(Entry { id, kind, name, from, until })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn every_row_parses() {
        let (rows, errors) = parse(DATA);
        assert!(errors.is_empty(), "{errors:#?}");
        assert!(rows.len() > 200);
    }

    #[test]
    fn all_states_on_the_registry_horizon() {
        assert_eq!(states_on(d("2026-11-29")).len(), 195);
        let members = entries().iter().filter(|e| e.kind == Kind::Name && e.until.is_none()).count();
        assert_eq!(members, 195);
        // 2009: no South Sudan yet; Palestine was an observer under that name.
        let in_2009 = states_on(d("2009-04-14"));
        assert_eq!(in_2009.len(), 194);
        assert!(in_2009.contains(&"Czech Republic") && !in_2009.contains(&"South Sudan"));
    }

    #[test]
    fn no_name_means_two_things_at_once() {
        let all = entries();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                if normalize(a.name) != normalize(b.name) {
                    continue;
                }
                let overlap = a.from.is_none_or(|af| b.until.is_none_or(|bu| af < bu))
                    && b.from.is_none_or(|bf| a.until.is_none_or(|au| bf < au));
                assert!(!overlap, "`{}` ({}) and `{}` ({}) overlap", a.name, a.id, b.name, b.id);
            }
        }
    }

    #[test]
    fn one_official_name_per_state_per_day() {
        for day in ["2000-01-01", "2009-04-14", "2016-05-17", "2019-02-14", "2022-06-01", "2026-11-29"] {
            let on = d(day);
            let mut ids: Vec<&str> =
                entries().iter().filter(|e| e.kind == Kind::Name && e.applies_on(on)).map(|e| e.id).collect();
            let n = ids.len();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), n, "a State has two names on {day}");
        }
    }

    #[test]
    fn czech_republic_and_czechia() {
        let (y2009, y2026) = (d("2009-04-14"), d("2026-05-01"));
        assert_eq!(lookup("Czech Republic", y2009), Lookup::Valid { canonical_id: "CZE" });
        assert_eq!(
            lookup("Czechia", y2009),
            Lookup::NotYet { canonical_id: "CZE", from: d("2016-05-17"), official_on_date: Some("Czech Republic") }
        );
        assert_eq!(lookup("Czechia", y2026), Lookup::Valid { canonical_id: "CZE" });
        assert_eq!(
            lookup("Czech Republic", y2026),
            Lookup::NoLonger { canonical_id: "CZE", until: d("2016-05-17"), official_on_date: Some("Czechia") }
        );
        let diag = lookup("Czechia", y2009).diagnostic("Czechia", y2009).unwrap();
        assert!(diag.is_error());
        assert_eq!(diag.hint.as_deref(), Some("on 14 April 2009 the State was called `Czech Republic`"));
    }

    #[test]
    fn turkiye_north_macedonia_eswatini() {
        let (before, after) = (d("2009-04-14"), d("2026-11-29"));
        assert_eq!(lookup("Turkey", before), Lookup::Valid { canonical_id: "TUR" });
        assert_eq!(lookup("Türkiye", after), Lookup::Valid { canonical_id: "TUR" });
        assert!(matches!(lookup("Turkey", after), Lookup::NoLonger { official_on_date: Some("Türkiye"), .. }));
        assert!(matches!(lookup("Türkiye", before), Lookup::NotYet { official_on_date: Some("Turkey"), .. }));
        assert_eq!(lookup("Turkey", d("2022-05-31")), Lookup::Valid { canonical_id: "TUR" });
        assert_eq!(lookup("Türkiye", d("2022-06-01")), Lookup::Valid { canonical_id: "TUR" });

        assert_eq!(lookup("The former Yugoslav Republic of Macedonia", before), Lookup::Valid { canonical_id: "MKD" });
        assert!(matches!(
            lookup("North Macedonia", before),
            Lookup::NotYet { official_on_date: Some("The former Yugoslav Republic of Macedonia"), .. }
        ));
        assert_eq!(lookup("North Macedonia", d("2019-02-14")), Lookup::Valid { canonical_id: "MKD" });

        assert_eq!(lookup("Swaziland", before), Lookup::Valid { canonical_id: "SWZ" });
        assert!(matches!(lookup("Swaziland", after), Lookup::NoLonger { official_on_date: Some("Eswatini"), .. }));
        assert_eq!(lookup("Eswatini", after), Lookup::Valid { canonical_id: "SWZ" });
    }

    #[test]
    fn states_that_began() {
        assert!(matches!(
            lookup("South Sudan", d("2009-04-14")),
            Lookup::NotYet { canonical_id: "SSD", official_on_date: None, .. }
        ));
        assert_eq!(lookup("South Sudan", d("2011-07-14")), Lookup::Valid { canonical_id: "SSD" });
        assert!(matches!(
            lookup("Serbia and Montenegro", d("2009-04-14")),
            Lookup::NoLonger { official_on_date: Some("Serbia"), .. }
        ));
        assert_eq!(lookup("State of Palestine", d("2026-11-29")), Lookup::Valid { canonical_id: "PSE" });
        assert_eq!(lookup("Palestine", d("2009-04-14")), Lookup::Valid { canonical_id: "PSE" });
        assert_eq!(
            lookup("Palestine", d("2026-11-29")),
            Lookup::Alias { canonical_id: "PSE", official: "State of Palestine" }
        );
    }

    #[test]
    fn aliases_and_informal_spellings() {
        let on = d("2009-04-14");
        let uk = "United Kingdom of Great Britain and Northern Ireland";
        assert_eq!(lookup("United Kingdom", on), Lookup::Alias { canonical_id: "GBR", official: uk });
        assert_eq!(
            lookup("United States", on),
            Lookup::Alias { canonical_id: "USA", official: "United States of America" }
        );
        assert_eq!(lookup("Vietnam", on), Lookup::Alias { canonical_id: "VNM", official: "Viet Nam" });
        assert_eq!(lookup("Viet Nam", on), Lookup::Valid { canonical_id: "VNM" });
        // Bolivia: the official name until 2009, an informal form since.
        assert_eq!(lookup("Bolivia", d("2008-01-01")), Lookup::Valid { canonical_id: "BOL" });
        assert_eq!(
            lookup("Bolivia", d("2026-01-01")),
            Lookup::Alias { canonical_id: "BOL", official: "Bolivia (Plurinational State of)" }
        );
        // Case, accents and typographic apostrophes are informal spellings of the official name.
        assert_eq!(lookup("Cote d'Ivoire", on), Lookup::Alias { canonical_id: "CIV", official: "Côte d'Ivoire" });
        assert_eq!(
            lookup("Côte d\u{2019}Ivoire", on),
            Lookup::Alias { canonical_id: "CIV", official: "Côte d'Ivoire" }
        );
        assert!(matches!(lookup("czech republic", d("2026-01-01")), Lookup::NoLonger { .. }));
        let diag = lookup("United Kingdom", on).diagnostic("United Kingdom", on).unwrap();
        assert!(!diag.is_error());
        assert_eq!(diag.hint.as_deref(), Some(&*format!("write `{uk}`")));
    }

    #[test]
    fn typo_suggestions() {
        let on = d("2009-04-14");
        assert_eq!(lookup("Argentinia", on), Lookup::Unknown { suggestion: Some("Argentina") });
        assert_eq!(lookup("Phillipines", on), Lookup::Unknown { suggestion: Some("Philippines") });
        // A misspelt former name suggests the name of the day.
        assert_eq!(lookup("Czech Repblic", d("2026-01-01")), Lookup::Unknown { suggestion: Some("Czechia") });
        assert_eq!(lookup("Atlantis", on), Lookup::Unknown { suggestion: None });
        assert_eq!(lookup("", on), Lookup::Unknown { suggestion: None });
    }

    #[test]
    fn the_reference_report_names() {
        let on = d("2009-04-14");
        for name in [
            "Cape Verde",
            "Turkey",
            "Czech Republic",
            "Netherlands",
            "Venezuela (Bolivarian Republic of)",
            "Iran (Islamic Republic of)",
            "Russian Federation",
            "United Kingdom of Great Britain and Northern Ireland",
            "Sudan",
        ] {
            assert!(matches!(lookup(name, on), Lookup::Valid { .. }), "{name}");
        }
    }

    #[test]
    fn un_alphabetical_order() {
        assert_eq!(sort_key("Côte d'Ivoire"), "cote d'ivoire");
        assert_eq!(sort_key("Türkiye"), "turkiye");
        let mut names = vec!["Cuba", "Côte d'Ivoire", "Croatia", "Costa Rica"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, ["Costa Rica", "Côte d'Ivoire", "Croatia", "Cuba"]);
        assert_eq!(out_of_order(&names).first(), None);
        // Paragraph 38 of the reference report: "…, Pakistan, Qatar, Iran (Islamic Republic of), …".
        assert_eq!(out_of_order(&["Pakistan", "Qatar", "Iran (Islamic Republic of)", "Singapore"]).first(), Some(&2));
    }

    #[test]
    fn every_official_name_is_translated_once() {
        let (rows, errors) = parse_names(NAMES);
        assert!(errors.is_empty(), "{errors:#?}");
        for e in entries().iter().filter(|e| e.kind == Kind::Name) {
            let n = rows.iter().filter(|t| t.id == e.id && t.en == e.name).count();
            assert_eq!(n, 1, "{} ({}) has {n} rows in state_names.tsv", e.name, e.id);
        }
        for t in &rows {
            assert!(
                entries().iter().any(|e| e.kind == Kind::Name && e.id == t.id && e.name == t.en),
                "{} ({}) in state_names.tsv is not an official name in states.tsv",
                t.en,
                t.id
            );
        }
    }

    #[test]
    fn names_in_six_languages_as_of_the_day() {
        let (y2009, y2026) = (d("2009-04-14"), d("2026-11-29"));
        assert_eq!(name_in("Czech Republic", Lang::Fr, y2009), Some("République tchèque"));
        assert_eq!(official_name_in("CZE", Lang::Fr, y2026), Some("Tchéquie"));
        assert_eq!(official_name_in("CZE", Lang::Es, y2026), Some("Chequia"));
        assert_eq!(name_in("Turkey", Lang::Fr, y2009), Some("Turquie"));
        assert_eq!(official_name_in("TUR", Lang::Fr, y2026), Some("Türkiye"));
        assert_eq!(official_name_in("TUR", Lang::Ru, y2026), Some("Турция"));
        assert_eq!(name_in("United Kingdom", Lang::Es, y2009), Some("Reino Unido de Gran Bretaña e Irlanda del Norte"));
        assert_eq!(name_in("Swaziland", Lang::Es, y2009), Some("Swazilandia"));
        assert_eq!(official_name_in("SWZ", Lang::Ru, y2026), Some("Эсватини"));
        assert_eq!(name_in("China", Lang::Zh, y2009), Some("中国"));
        assert_eq!(name_in("Algeria", Lang::Ar, y2009), Some("الجزائر"));
        assert_eq!(name_in("Atlantis", Lang::Fr, y2009), None);
    }

    #[test]
    fn edit_distance() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("argentinia", "argentina"), 1);
    }
}
