//! Generated sentences: the paragraphs a report builds from structured data (dates and venue,
//! the chair, the agenda, attendance, statements), written by minijinja templates.
//!
//! Templates output inline markup (see `crate::markup`). Every value a template inserts is
//! escaped as markup unless a filter here produced it (the filters mark States and
//! organizations as `{org:id|Name}` so Akoma Ntoso can tag them), so data can never inject
//! footnotes, emphasis or references. Whitespace is folded: a template may span lines.
//!
//! Filters: `join_list` ("A, B and C" — no serial comma), `states`/`orgs` (mark up a list of
//! names), `state`/`org`/`person`/`role` (one name), `the_list` (names with "the" where they
//! take it, joined), `the_org` (one such name), `ordinal` ("1st", "22nd"), `capfirst`,
//! `date_long` ("21 April 2009"), `day_month` ("14 April"), `date_span` ("on 14 and 15 April
//! 2009", "from 27 to 29 January 2010"), `caption_dates` ("27-29 January 2010"), `roman`.

use std::collections::BTreeMap;
use std::sync::Arc;

use minijinja::value::Value;
use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior};

use crate::lang::{Lang, Version, articles, collate, dates, typography};
use crate::markup;
use crate::registry::organizations::{Article, article};
use crate::session::Date;
use crate::session::date::{caption_range, prose_range};
use crate::templates::Templates;

/// The template environment for one build.
pub struct Generator {
    env: Environment<'static>,
    /// The language the sentences are written in: its templates are `templates/<code>/…`
    /// (English: `templates/…`).
    lang: Lang,
}

impl Generator {
    /// The generator of the English original.
    pub fn new(templates: &Templates) -> Generator {
        Generator::english(templates)
    }

    /// The generator of one language version. `on` is the meeting's date, on which the names
    /// of States are taken (`crate::registry::name_in`). Templates of a language other than
    /// English are `templates/<code>/<name>.j2` (a session overrides them under its own
    /// `templates/<code>/`); a session's own sentence with no version in that language is
    /// rendered from its English template.
    pub fn in_version(templates: &Templates, version: Version, on: Option<Date>) -> Generator {
        let mut generator = Generator::english(templates);
        let lang = version.lang;
        generator.lang = lang;
        if lang == Lang::En {
            return generator;
        }
        let env = &mut generator.env;
        env.add_filter("join_list", move |items: Vec<Value>| {
            safe(lang.join(&items.iter().map(escaped).collect::<Vec<_>>()))
        });
        // States by their names in the language on the meeting date, in the language's order
        // (a translation re-sorts the lists: `crate::lang::collate`).
        let reorder = !version.is_original;
        env.add_filter("states", move |names: Vec<String>| {
            let mut printed: Vec<(String, String)> = names.iter().map(|n| (state_in(n, lang, on), n.clone())).collect();
            if reorder {
                collate::sort_by_name(lang, &mut printed);
            }
            printed.iter().map(|(name, english)| mark_as(english, name)).collect::<Vec<_>>()
        });
        env.add_filter("state", move |name: String| mark_as(&name, &state_in(&name, lang, on)));
        env.add_filter("role", move |role: String| {
            let printed = match crate::session::OfficerRole::from_key(&role) {
                Some(known) => lang.role(known).to_string(),
                None => role_name(&role),
            };
            safe(format!("{{role:{}|{}}}", slug(&role), markup::escape(&printed)))
        });
        // Organizations are named as the session writes them (a translation of the session gives
        // their names in the language); no article is added outside English.
        env.add_filter("the_list", move |names: Vec<String>| {
            safe(lang.join(&names.iter().map(|n| mark_org(n).to_string()).collect::<Vec<_>>()))
        });
        env.add_filter("the_org", |name: String| mark_org(&name));
        env.add_filter("date_long", move |d: String| date(&d).map(|d| dates::long(lang, d)));
        env.add_filter("day_month", move |d: String| date(&d).map(|d| dates::day_month(lang, d)));
        env.add_filter("date_span", move |ds: Vec<String>| {
            let dates = ds.iter().map(|d| date(d)).collect::<Result<Vec<_>, _>>()?;
            Ok::<_, Error>(dates::span(lang, &dates))
        });
        env.add_filter("caption_dates", move |ds: Vec<String>| {
            let dates = ds.iter().map(|d| date(d)).collect::<Result<Vec<_>, _>>()?;
            Ok::<_, Error>(dates::caption(lang, &dates))
        });
        env.add_filter("ordinal", move |n: u32| lang.ordinal(n));
        // French and Spanish names with their articles, contracted with the preposition before
        // them (`crate::lang::articles`): "le"/"au"/"du", "el"/"en_el"/"del", and `feminine`.
        let forms: &[(&'static str, &'static str)] = match lang {
            Lang::Fr => &[("le", ""), ("au", "à"), ("du", "de")],
            Lang::Es => &[("el", ""), ("en_el", "en"), ("del", "de")],
            _ => &[],
        };
        for &(filter, preposition) in forms {
            env.add_filter(filter, move |name: String| articles::with_article(lang, preposition, &name));
        }
        env.add_filter("feminine", move |name: String| articles::is_feminine(lang, &name));
        generator
    }

    fn english(templates: &Templates) -> Generator {
        let mut env = Environment::new();
        // A template that reads a field the context does not give is an error, not an empty
        // string: the assembler gives every optional field explicitly (as none or empty), and
        // checks the data a sentence needs first (`crate::sentences`).
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let sources = templates.clone();
        env.set_loader(move |name| Ok(sources.source(name).map(str::to_string)));
        env.set_lstrip_blocks(true);
        env.set_formatter(|out, _state, value| {
            let text = value.to_string();
            if value.is_safe() {
                out.write_str(&text)?;
            } else {
                out.write_str(&markup::escape(&text))?;
            }
            Ok(())
        });
        env.add_filter("join_list", |items: Vec<Value>| {
            safe(join_list(&items.iter().map(escaped).collect::<Vec<_>>()))
        });
        env.add_filter("states", |names: Vec<String>| names.iter().map(|n| mark_org(n)).collect::<Vec<_>>());
        env.add_filter("orgs", |names: Vec<String>| names.iter().map(|n| mark_org(n)).collect::<Vec<_>>());
        env.add_filter("state", |name: String| mark_org(&name));
        env.add_filter("org", |name: String| mark_org(&name));
        env.add_filter("person", |name: String| safe(format!("{{person:{}|{}}}", slug(&name), markup::escape(&name))));
        env.add_filter("role", |role: String| {
            safe(format!("{{role:{}|{}}}", slug(&role), markup::escape(&role_name(&role))))
        });
        Generator::articles(&mut env, BTreeMap::new());
        env.add_filter("capfirst", |v: Value| {
            let out = capfirst(&v.to_string());
            if v.is_safe() { safe(out) } else { Value::from(out) }
        });
        env.add_filter("date_long", |d: String| date(&d).map(|d| d.long()));
        env.add_filter("day_month", |d: String| date(&d).map(|d| d.day_month()));
        env.add_filter("date_span", |ds: Vec<String>| {
            let dates = ds.iter().map(|d| date(d)).collect::<Result<Vec<_>, _>>()?;
            let text = prose_range(&dates);
            Ok::<_, Error>(if text.starts_with("from ") { text } else { format!("on {text}") })
        });
        env.add_filter("caption_dates", |ds: Vec<String>| {
            let dates = ds.iter().map(|d| date(d)).collect::<Result<Vec<_>, _>>()?;
            Ok::<_, Error>(caption_range(&dates))
        });
        env.add_filter("roman", |n: u32| roman(n));
        env.add_filter("ordinal", |n: u32| ordinal(n));
        Generator { env, lang: Lang::En }
    }

    /// The generator for a session that gives some organizations' articles itself
    /// (`articles:`, over the registry's).
    /// Gives a version in another language the names of organizations as it prints them
    /// (`Session::printed_names`); the original prints them as written.
    pub fn with_names(mut self, names: BTreeMap<String, String>) -> Generator {
        if self.lang == Lang::En || names.is_empty() {
            return self;
        }
        let lang = self.lang;
        let names = Arc::new(names);
        let printed = move |n: &str| mark_as(n, names.get(n).map(String::as_str).unwrap_or(n));
        let each = printed.clone();
        self.env.add_filter("orgs", move |list: Vec<String>| list.iter().map(|n| each(n)).collect::<Vec<_>>());
        let each = printed.clone();
        self.env.add_filter("org", move |name: String| each(&name));
        let each = printed.clone();
        self.env.add_filter("the_list", move |list: Vec<String>| {
            safe(lang.join(&list.iter().map(|n| each(n).to_string()).collect::<Vec<_>>()))
        });
        self.env.add_filter("the_org", move |name: String| printed(&name));
        self
    }

    pub fn with_articles(mut self, session: BTreeMap<String, Article>) -> Generator {
        if self.lang == Lang::En {
            Generator::articles(&mut self.env, session);
        }
        self
    }

    /// The filters that put "the" before an organization's name where it takes one:
    /// `the_list` (names joined) and `the_org` (one name).
    fn articles(env: &mut Environment<'static>, session: BTreeMap<String, Article>) {
        let session = Arc::new(session);
        let own = Arc::clone(&session);
        env.add_filter("the_list", move |names: Vec<String>| {
            let marked: Vec<String> = names.iter().map(|n| with_article(n, &own)).collect();
            safe(join_list(&marked))
        });
        env.add_filter("the_org", move |name: String| safe(with_article(&name, &session)));
    }

    /// Renders the named template (`attendance/states_parties` → `attendance/states_parties.j2`)
    /// with `context`, giving one line of markup.
    pub fn render(&self, name: &str, context: &Value) -> Result<String, String> {
        let file = format!("{name}.j2");
        let translated = format!("{}/{file}", self.lang.code());
        let found = match self.lang {
            Lang::En => self.env.get_template(&file),
            _ => match self.env.get_template(&translated) {
                Err(e) if e.kind() == ErrorKind::TemplateNotFound => self.env.get_template(&file),
                other => other,
            },
        };
        let template = found.map_err(|e| match e.kind() {
            ErrorKind::TemplateNotFound => format!("there is no template `{name}`"),
            _ => describe(&e),
        })?;
        let text = template.render(context).map_err(|e| describe(&e))?;
        Ok(typography::apply(self.lang, &fold_whitespace(&text)))
    }
}

impl Generator {
    /// Renders a template given as source, with the same filters as the sentences (a holder
    /// of an office, "{{ name | person }} ({{ state | state }})"), giving one line of markup.
    pub fn render_source(&self, source: &str, context: &Value) -> Result<String, String> {
        let text = self.env.render_str(source, context).map_err(|e| describe(&e))?;
        Ok(typography::apply(self.lang, &fold_whitespace(&text)))
    }
}

fn describe(e: &Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(&format!(": {s}"));
        source = s.source();
    }
    msg
}

fn safe(s: String) -> Value {
    Value::from_safe_string(s)
}

/// A value as markup: safe strings as they are, anything else escaped.
fn escaped(v: &Value) -> String {
    if v.is_safe() { v.to_string() } else { markup::escape(&v.to_string()) }
}

fn date(s: &str) -> Result<Date, Error> {
    Date::parse(s).map_err(|e| Error::new(ErrorKind::InvalidOperation, e))
}

/// The text with its first letter in upper case.
fn capfirst(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// An officer's role as printed: "chair" → "Chair", "vice-chair" → "Vice-Chair".
pub fn role_name(role: &str) -> String {
    if let Some(known) = crate::session::OfficerRole::from_key(role) {
        return known.printed().to_string();
    }
    role.split('-').map(capfirst).collect::<Vec<_>>().join("-")
}

/// "A", "A and B", "A, B and C" — the UN puts no comma before the final "and".
pub fn join_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

// The parsers of what `join_list` and the `the_list` filter print (the importer reads lists of
// names back with them).

/// Names of States that contain " and ", which a list split must not cut.
const AND_STATES: &[&str] = &[
    "Antigua and Barbuda",
    "Bosnia and Herzegovina",
    "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines",
    "Sao Tome and Principe",
    "Trinidad and Tobago",
    "United Kingdom of Great Britain and Northern Ireland",
    "Heard Island and McDonald Islands",
    "Serbia and Montenegro",
];

/// Words that end the name of an organization, to find the " and " between the last two names.
const ORG_ENDINGS: &[&str] = &[
    "Institute",
    "Organization",
    "Office",
    "Union",
    "States",
    "Europe",
    "Council",
    "Commission",
    "Refugees",
    "Programme",
    "Fund",
    "Bank",
    "Agency",
    "Court",
    "Centre",
    "Center",
    "Development",
    "Migration",
    "Eurojust",
    "Community",
    "Conference",
    "Secretariat",
    "Societies",
    "Malta",
    "Forum",
    "Group",
    "Network",
    "Association",
    "Federation",
    "Foundation",
    "Committee",
];

/// Splits "A, B and C" back into names. State names with " and " in them are kept whole; for
/// organizations, a piece starting in lower case ("affiliated with the United Nations") belongs
/// to the name before it, and the last " and " is looked for after a word that ends a name.
pub fn split_list(s: &str, states: bool) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    for p in s.split(", ") {
        if !pieces.is_empty() && p.starts_with(|c: char| c.is_lowercase()) && !states {
            let last = pieces.last_mut().expect("a piece");
            last.push_str(", ");
            last.push_str(p);
        } else {
            pieces.push(p.to_string());
        }
    }
    let Some(last) = pieces.pop() else { return Vec::new() };
    // Split the last piece at the right " and ".
    let candidates: Vec<usize> = last.match_indices(" and ").map(|(i, _)| i).collect();
    let good = |i: usize| -> bool {
        let (left, right) = (&last[..i], &last[i + 5..]);
        if !right.starts_with(|c: char| c.is_uppercase()) {
            return false;
        }
        if states {
            // Not inside a name such as "Trinidad and Tobago".
            !AND_STATES.iter().any(|n| last.match_indices(n).any(|(start, _)| start < i && i < start + n.len()))
                && !left.is_empty()
        } else {
            let last_word = left.rsplit(' ').next().unwrap_or("");
            ORG_ENDINGS.contains(&last_word) || last_word.ends_with(')')
        }
    };
    let split = if states {
        candidates.iter().rev().copied().find(|i| good(*i))
    } else {
        candidates.iter().copied().find(|i| good(*i)).or_else(|| candidates.last().copied())
    };
    match split {
        Some(i) => {
            pieces.push(last[..i].to_string());
            pieces.push(last[i + 5..].to_string());
        }
        None => pieces.push(last),
    }
    pieces
}

/// Splits "The A, the B and the C" (or lower-case "the") into names.
pub fn split_the_list(s: &str) -> Option<Vec<String>> {
    // Each name is "the X", or a bare X that takes no article (`generate::takes_article`), as the
    // templates' `the_list` writes them: "the A, the B and La C".
    let item = |piece: &str| -> Option<String> {
        match piece.strip_prefix("the ").or_else(|| piece.strip_prefix("The ")) {
            Some(name) => Some(name.to_string()),
            None => (!takes_article(piece)).then(|| piece.to_string()),
        }
    };
    let mut pieces: Vec<&str> = s.split(", ").collect();
    let last = pieces.pop()?;
    // The last " and " whose right side is a whole item ends the list; an " and " inside a name
    // ("Red Cross and Red Crescent Societies") is followed by neither "the" nor a bare name.
    let split = last
        .rmatch_indices(" and ")
        .map(|(i, _)| i)
        .find(|&i| item(&last[..i]).is_some() && item(&last[i + 5..]).is_some());
    let mut names = pieces.into_iter().map(item).collect::<Option<Vec<String>>>()?;
    match split {
        Some(i) => {
            names.push(item(&last[..i])?);
            names.push(item(&last[i + 5..])?);
        }
        None => names.push(item(last)?),
    }
    Some(names)
}

/// `{org:id|Name}` for a State or organization.
fn mark_org(name: &str) -> Value {
    mark_as(name, name)
}

/// `{org:id|Printed}`: the id from the name as the session writes it (the same entity in every
/// language version), the name as this version prints it.
fn mark_as(name: &str, printed: &str) -> Value {
    safe(format!("{{org:{}|{}}}", slug(name), markup::escape(printed)))
}

/// A State's name in `lang` on the meeting date; as written when the registry does not know it
/// (or the session gives no date).
fn state_in(name: &str, lang: Lang, on: Option<Date>) -> String {
    on.and_then(|on| crate::registry::name_in(name, lang, on)).unwrap_or(name).to_string()
}

/// "the {org:…|African Union}", "{org:…|INTERPOL}": the article from the session's
/// `articles:` or the registry (`crate::registry::organizations`).
fn with_article(name: &str, session: &BTreeMap<String, Article>) -> String {
    let marked = mark_org(name).to_string();
    if article(name, session) == Article::The { format!("the {marked}") } else { marked }
}

/// Whether a name takes "the" in running text by the registry of organizations (for the
/// importer, which reads sentences written before any session existed).
pub fn takes_article(name: &str) -> bool {
    article(name, &BTreeMap::new()) == Article::The
}

/// English ordinals in figures, as house style writes meeting numbers: "1st", "2nd", "3rd",
/// "4th", "11th", "12th", "13th", "21st", "102nd".
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A lower-case, hyphenated identifier made of the letters and digits of `text`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = fold_diacritic(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The base letter of common Latin letters with diacritics (for identifiers and sorting).
pub fn fold_diacritic(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'A',
        'ç' => 'c',
        'Ç' => 'C',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' => 'E',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' => 'I',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'O',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' => 'U',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// The way back from `roman`: "XIV" → 14 (up to 100, the labels reports print); `None` for
/// anything `roman` does not print.
pub fn from_roman(s: &str) -> Option<u32> {
    (1..=100).find(|n| roman(*n) == s)
}

/// Upper-case roman numerals: 1 → "I", 14 → "XIV".
pub fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Folds every run of white space into one space and trims the ends.
fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lists the templates print are read back to the same names, State names with "and"
    /// in them, organizations with a lower-case tail, and names that take no article included.
    #[test]
    fn lists_of_names_round_trip() {
        let names = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        for states in [
            names(&["Algeria", "Trinidad and Tobago", "Zambia"]),
            names(&["Algeria", "Trinidad and Tobago"]),
            names(&["Bosnia and Herzegovina"]),
            names(&[
                "Antigua and Barbuda",
                "Saint Kitts and Nevis",
                "United Kingdom of Great Britain and Northern Ireland",
            ]),
        ] {
            assert_eq!(split_list(&join_list(&states), true), states);
        }
        let orgs = names(&[
            "Office of the United Nations High Commissioner for Refugees",
            "United Nations Interregional Crime and Justice Research Institute",
            "European Institute for Crime Prevention and Control, affiliated with the United Nations",
        ]);
        assert_eq!(split_list(&join_list(&orgs), false), orgs);
        let observers = names(&[
            "International Federation of Red Cross and Red Crescent Societies",
            "Sovereign Military Order of Malta",
        ]);
        let printed = join_list(&observers.iter().map(|n| format!("the {n}")).collect::<Vec<_>>());
        assert_eq!(split_the_list(&printed).unwrap(), observers);
        assert_eq!(join_list(&names(&["A", "B", "C"])), "A, B and C");
    }
    use minijinja::context;

    #[test]
    fn lists_have_no_serial_comma() {
        let s = |v: &[&str]| join_list(&v.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(s(&[]), "");
        assert_eq!(s(&["A"]), "A");
        assert_eq!(s(&["A", "B"]), "A and B");
        assert_eq!(s(&["A", "B", "C"]), "A, B and C");
    }

    #[test]
    fn ordinals() {
        let all: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 102, 111].into_iter().map(ordinal).collect();
        assert_eq!(
            all,
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "102nd", "111th"]
        );
    }

    #[test]
    fn romans_and_slugs() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
        assert_eq!(slug("Côte d'Ivoire"), "cote-d-ivoire");
        assert_eq!(slug("Iran (Islamic Republic of)"), "iran-islamic-republic-of");
    }

    #[test]
    fn data_cannot_inject_markup() {
        let mut overrides = std::collections::BTreeMap::new();
        overrides.insert("t.j2".to_string(), "X {{ v }} Y {{ names | orgs | join_list }}".to_string());
        let g = Generator::new(&Templates::with_overrides(overrides));
        let out = g
            .render("t", &Value::from_serialize(context! { v => "*a* [^b] {chapter:c}", names => vec!["A*"] }))
            .unwrap();
        assert_eq!(out, "X \\*a\\* \\[\\^b\\] \\{chapter:c\\} Y {org:a|A\\*}");
        let spans = markup::parse(&out).unwrap();
        assert_eq!(crate::markup::Span::Text("X *a* [^b] {chapter:c} Y ".into()), spans[0]);
    }

    #[test]
    fn date_filters() {
        let mut overrides = std::collections::BTreeMap::new();
        overrides.insert(
            "t.j2".to_string(),
            "{{ a | date_span }} / {{ b | date_span }} / {{ b | caption_dates }} / {{ a[0] | day_month }}".to_string(),
        );
        let g = Generator::new(&Templates::with_overrides(overrides));
        let ctx =
            context! { a => vec!["2009-04-14", "2009-04-15"], b => vec!["2010-01-27", "2010-01-28", "2010-01-29"] };
        assert_eq!(
            g.render("t", &Value::from_serialize(ctx)).unwrap(),
            "on 14 and 15 April 2009 / from 27 to 29 January 2010 / 27-29 January 2010 / 14 April"
        );
    }
}
