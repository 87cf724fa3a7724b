//! Page furniture: what the printer puts on every page and the report does not say — running
//! heads (the symbol), page numbers and counters ("2/27"), the job number ("25-07156 (E)",
//! "GE.23-04726(E)") and its date code ("120525"), the bar code ("*2507156*", drawn in a bar-code
//! font), "Please recycle", text set vertically (a spine), and a table's header repeated on a
//! new page (set aside by the reader when it joins the table's pages). Told apart by what it says and
//! where it stands (the top or bottom band of the page), never by which report it is in.

use super::layout::{Line, Segment};

/// A kind of page furniture, for the report of what was set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Furniture {
    RunningHead,
    PageNumber,
    JobNumber,
    DateCode,
    BarCode,
    Recycle,
    Vertical,
    /// A table's header printed again at the top of the next page.
    RepeatedHeader,
    /// An Official Records volume's standing front matter: its title page's imprint
    /// ("United Nations • New York, 2025"), the note on document symbols, the ISSN.
    FrontMatter,
}

impl Furniture {
    pub fn name(self) -> &'static str {
        match self {
            Furniture::RunningHead => "running head",
            Furniture::PageNumber => "page number",
            Furniture::JobNumber => "job number",
            Furniture::DateCode => "date code",
            Furniture::BarCode => "bar code",
            Furniture::Recycle => "\"Please recycle\"",
            Furniture::Vertical => "vertical text",
            Furniture::RepeatedHeader => "repeated table header",
            Furniture::FrontMatter => "Official Records front matter",
        }
    }
}

/// The kind of furniture each segment of `line` is, when every segment is furniture.
/// `in_band`: the line stands in the top or bottom band of its page; `symbol`: the document's
/// symbol when known (its running head).
pub fn classify(line: &Line, in_band: bool, symbol: &str) -> Option<Vec<Furniture>> {
    let kinds: Option<Vec<Furniture>> = line.segments.iter().map(|s| segment(s, in_band, symbol)).collect();
    kinds.filter(|k| !k.is_empty())
}

fn segment(segment: &Segment, in_band: bool, symbol: &str) -> Option<Furniture> {
    if segment.spans.iter().all(|s| s.barcode || s.text.trim().is_empty()) {
        return Some(Furniture::BarCode);
    }
    let text = segment.text();
    let text = text.trim();
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() > 2
        && compact.starts_with('*')
        && compact.ends_with('*')
        && is_digits(&compact[1..compact.len() - 1])
    {
        return Some(Furniture::BarCode);
    }
    if text.eq_ignore_ascii_case("please recycle") {
        return Some(Furniture::Recycle);
    }
    // A job number with its language ("V.16-04321 (E)") is one wherever it stands (a page
    // printed from HTML sets it after the notes, not at the foot of the page).
    if is_job_number(text) && text.contains("(") {
        return Some(Furniture::JobNumber);
    }
    if !in_band {
        return None;
    }
    if is_page_counter(text) {
        return Some(Furniture::PageNumber);
    }
    if is_job_number(text) {
        return Some(Furniture::JobNumber);
    }
    if text.len() == 6 && is_digits(text) {
        return Some(Furniture::DateCode);
    }
    if !symbol.is_empty() && compact == symbol.replace(' ', "") {
        return Some(Furniture::RunningHead);
    }
    None
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// "2/27", "12", "- 3 -", "iii".
fn is_page_counter(text: &str) -> bool {
    let t = text.trim_matches(|c: char| c == '-' || c.is_whitespace());
    if let Some((a, b)) = t.split_once('/') {
        return is_digits(a) && is_digits(b);
    }
    is_digits(t) && t.len() <= 4
}

/// "25-07156", "25-07156 (E)", "GE.23-04726(E)", "V.09-82790 (E)", with an optional date code.
pub fn is_job_number(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else { return false };
    let core = first.split_once('(').map_or(first, |(a, _)| a);
    let core = match core.rsplit_once('.') {
        Some((prefix, rest)) if prefix.len() <= 3 && prefix.chars().all(|c| c.is_ascii_uppercase()) => rest,
        _ => core,
    };
    let Some((year, serial)) = core.split_once('-') else { return false };
    let tail_ok = words.all(|w| w.starts_with('(') || (w.len() == 6 && is_digits(w)));
    year.len() == 2 && is_digits(year) && serial.len() == 5 && is_digits(serial) && tail_ok
}

/// The job number as the masthead keeps it: "25-07156 (E)".
pub fn job_number(text: &str) -> Option<String> {
    is_job_number(text).then(|| {
        let first = text.split_whitespace().next().unwrap_or_default();
        let code = text.split_whitespace().find(|w| w.starts_with('(')).map(str::to_string);
        match first.split_once('(') {
            Some((core, lang)) => format!("{core} ({lang}"),
            None => match code {
                Some(code) => format!("{first} {code}"),
                None => first.to_string(),
            },
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_numbers_in_their_shapes() {
        for yes in ["25-07156", "25-07156 (E)", "25-07156 (E) 120525", "GE.23-04726(E)", "V.09-82790 (E)"] {
            assert!(is_job_number(yes), "{yes}");
        }
        for no in ["2025-07", "A/80/33", "25-0715", "Article 25-07156x"] {
            assert!(!is_job_number(no), "{no}");
        }
        assert_eq!(job_number("GE.23-04726(E)").as_deref(), Some("GE.23-04726 (E)"));
        assert_eq!(job_number("25-07156 (E) 120525").as_deref(), Some("25-07156 (E)"));
    }

    #[test]
    fn page_counters() {
        assert!(is_page_counter("2/27"));
        assert!(is_page_counter("14"));
        assert!(!is_page_counter("2/CMA.4"));
        assert!(!is_page_counter("12345"));
    }
}
