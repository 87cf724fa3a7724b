//! Lines of text from positioned glyphs: glyphs drawn on one baseline make a line (a raised,
//! smaller glyph — a footnote marker — belongs to the line it is raised above); a wide gap
//! between two glyphs (a tab: a hanging number and its text, a table's cells, the two halves of
//! the masthead) starts a new segment; a space is where the PDF draws one or where the gap
//! between two glyphs is wider than a kerning adjustment. Words are therefore never split by
//! the extraction ("E xecutive") nor glued together.

use super::extract::{FontInfo, Glyph, Page};
use crate::lang::typography::is_cjk;

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub size: f64,
    pub bold: bool,
    pub italic: bool,
    /// Raised and smaller than the line: a footnote marker.
    pub sup: bool,
    /// Drawn in a bar-code font.
    pub barcode: bool,
}

/// Text between two tab gaps.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub x0: f64,
    pub x1: f64,
    pub spans: Vec<Span>,
}

impl Segment {
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect::<String>().trim().to_string()
    }
}

/// One printed line of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// 0-based page index.
    pub page: usize,
    /// Baseline, points from the top of the page.
    pub y: f64,
    /// The size of most of its characters.
    pub size: f64,
    pub segments: Vec<Segment>,
}

impl Line {
    pub fn x0(&self) -> f64 {
        self.segments.first().map_or(0.0, |s| s.x0)
    }
    pub fn x1(&self) -> f64 {
        self.segments.last().map_or(0.0, |s| s.x1)
    }
    /// The text, segments joined by a tab.
    pub fn text(&self) -> String {
        self.segments.iter().map(Segment::text).collect::<Vec<_>>().join("\t")
    }
    /// The text without raised footnote markers.
    pub fn text_without_markers(&self) -> String {
        let mut out = String::new();
        for s in self.spans().filter(|s| !s.sup) {
            out.push_str(&s.text);
        }
        out.trim().to_string()
    }
    pub fn spans(&self) -> impl Iterator<Item = &Span> {
        self.segments.iter().flat_map(|s| s.spans.iter())
    }
    /// Every visible character is bold (footnote markers aside).
    pub fn bold(&self) -> bool {
        self.share(|s| s.bold) > 0.99
    }
    pub fn italic(&self) -> bool {
        self.share(|s| s.italic) > 0.99
    }
    fn share(&self, pick: impl Fn(&Span) -> bool) -> f64 {
        let (mut yes, mut all) = (0usize, 0usize);
        for s in self.spans().filter(|s| !s.sup) {
            let n = s.text.chars().filter(|c| !c.is_whitespace()).count();
            all += n;
            if pick(s) {
                yes += n;
            }
        }
        if all == 0 { 0.0 } else { yes as f64 / all as f64 }
    }
}

/// The lines of one page, top to bottom (lines on one baseline left to right as one line).
pub fn lines(page_index: usize, page: &Page, fonts: &[FontInfo]) -> Vec<Line> {
    let stray = if page.rtl { stray_spaces(&page.glyphs) } else { vec![false; page.glyphs.len()] };
    let runs = runs(&page.glyphs, &stray);
    // Runs on one baseline are one line (the masthead's two columns, a table's cells, the
    // number and text of a paragraph when drawn apart).
    let mut rows: Vec<Vec<Run>> = Vec::new();
    let mut sorted = runs;
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    for run in sorted {
        match rows.last_mut() {
            Some(row) if (row[0].y - run.y).abs() <= 0.25 * row[0].size.max(run.size).min(14.0) => row.push(run),
            _ => rows.push(vec![run]),
        }
    }
    if page.rtl {
        rows = with_markers_set_down(rows, &page.glyphs);
    }
    rows.into_iter()
        .filter_map(|mut row| {
            row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let size = row.iter().map(|r| r.size).fold(0.0, f64::max);
            let y = row.iter().find(|r| r.size == size).map_or(row[0].y, |r| r.y);
            // A glyph that starts a run drawn apart starts a segment when it stands apart.
            let glyphs: Vec<(&Glyph, bool)> =
                row.iter().flat_map(|r| r.glyphs.iter().enumerate().map(|(k, &i)| (&page.glyphs[i], k == 0))).collect();
            let mut segments = segments(&glyphs, y, size, fonts, page.rtl);
            if page.rtl {
                segments = logical_order(stretched_words_joined(segments, size), page.width);
            }
            (!segments.is_empty()).then_some(Line { page: page_index, y, size, segments })
        })
        .collect()
}

/// A right-to-left page's raised markers in the line they are raised above. Left to right, a
/// marker joins its line's run as it is drawn (`runs`); right to left, the line's text is drawn
/// after its marker from the far (left) end, so a row of a few small glyphs (a marker: "1", "a",
/// "**") set just above a line and within its width is taken into that line.
fn with_markers_set_down(rows: Vec<Vec<Run>>, glyphs: &[Glyph]) -> Vec<Vec<Run>> {
    let extent = |row: &[Run]| {
        let xs = row.iter().flat_map(|r| r.glyphs.iter().map(|&i| (glyphs[i].x0, glyphs[i].x1)));
        xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (x0, x1)| (a.min(x0), b.max(x1)))
    };
    let size = |row: &[Run]| row.iter().map(|r| r.size).fold(0.0, f64::max);
    let mut out: Vec<Vec<Run>> = Vec::new();
    let mut pending: Vec<Run> = Vec::new();
    let mut rows = rows.into_iter().peekable();
    while let Some(mut row) = rows.next() {
        row.append(&mut pending);
        if let Some(next) = rows.peek() {
            let (big, (x0, x1), (n0, n1)) = (size(next), extent(&row), extent(next));
            let dy = next[0].y - row[0].y;
            let chars: usize =
                row.iter().flat_map(|r| r.glyphs.iter()).map(|&i| glyphs[i].text.trim().chars().count()).sum();
            let marker = chars <= 3;
            if marker && size(&row) < 0.85 * big && dy > 0.0 && dy <= 0.7 * big && x0 >= n0 - big && x1 <= n1 + big {
                pending = row;
                continue;
            }
        }
        out.push(row);
    }
    if !pending.is_empty() {
        out.push(pending);
    }
    out
}

/// Glyphs drawn one after the other on one baseline (indexes into the page's glyphs).
struct Run {
    y: f64,
    size: f64,
    x0: f64,
    glyphs: Vec<usize>,
}

/// Spaces a right-to-left line draws over a letter: typst sets a line's hanging space at its far
/// (left) end, where the line's first letters stand; drawn between two words of the text, it
/// would start a run there and put a space where the text has none.
fn stray_spaces(glyphs: &[Glyph]) -> Vec<bool> {
    glyphs
        .iter()
        .map(|s| {
            is_space(&s.text)
                && glyphs.iter().any(|v| {
                    !is_space(&v.text)
                        && (v.y - s.y).abs() < 0.1
                        && v.x0 <= s.x0 + 0.01
                        && s.x0 + 0.5 * (s.x1 - s.x0) < v.x1
                })
        })
        .collect()
}

fn runs(glyphs: &[Glyph], stray: &[bool]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut last_x1 = f64::NEG_INFINITY;
    for (i, g) in glyphs.iter().enumerate().filter(|(i, _)| !stray[*i]) {
        let joins = runs.last_mut().and_then(|run| {
            let backwards = g.x0 < last_x1 - 0.35 * g.size.max(run.size);
            let dy = g.y - run.y;
            if backwards {
                None
            } else if dy.abs() <= 0.2 * run.size.max(g.size) {
                Some((run, false))
            } else if g.size < 0.85 * run.size && -dy > 0.0 && -dy <= 0.7 * run.size && g.x0 - last_x1 <= 0.6 * run.size
            {
                // A raised, smaller glyph close after the text: a marker inside the line (not
                // the smaller column beside a larger one, "Distr.: Limited" level with the top
                // of "General Assembly", as LibreOffice sets the masthead).
                Some((run, false))
            } else if run.size < 0.85 * g.size && dy > 0.0 && dy <= 0.7 * g.size {
                // The line so far was a raised marker (a footnote starts with its number).
                Some((run, true))
            } else {
                None
            }
        });
        match joins {
            Some((run, rebase)) => {
                if rebase {
                    run.y = g.y;
                    run.size = g.size;
                }
                run.glyphs.push(i);
            }
            None => runs.push(Run { y: g.y, size: g.size, x0: g.x0, glyphs: vec![i] }),
        }
        last_x1 = g.x1;
    }
    runs
}

fn is_space(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || c == '\u{a0}')
}

/// The line's segments in visual order (left to right as drawn). With `rtl`, a glyph's own text
/// (a cluster typst drew as one glyph: lam-alef "لا", a letter and its mark) is set down
/// reversed, so that `logical_order`, which reverses the whole line, gives it back as written.
fn segments(glyphs: &[(&Glyph, bool)], baseline: f64, size: f64, fonts: &[FontInfo], rtl: bool) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    let mut prev_end: Option<f64> = None;
    let mut pending_space = false;
    let mut prev_last: Option<char> = None;
    // The style of spaces drawn in a font without description is the style around them.
    let (mut bold, mut italic) = (false, false);
    for &(g, run_start) in glyphs {
        let font = fonts.get(g.font).cloned().unwrap_or_default();
        if is_space(&g.text) {
            pending_space = prev_end.is_some();
            continue;
        }
        bold = font.bold.unwrap_or(bold);
        italic = font.italic.unwrap_or(italic);
        let barcode = super::extract::is_barcode(&font.name);
        // A marker is set at about two thirds of the size and raised by a third; a smaller
        // column beside a larger one (the masthead) is neither.
        let sup = (g.size < 0.85 * size && baseline - g.y > 0.2 * size) || g.raised;
        let gap = prev_end.map(|end| g.x0 - end);
        // A tab is wider than any word space of justified text (a hanging number's tab stop
        // is about one em away).
        let small = size.min(g.size);
        // Without a space drawn between them, a gap over 0.6 em is a tab too (a table's cells).
        // Chinese: a gap beside a CJK character is typst's CJK–Latin spacing (a quarter em) or the
        // stretch of a justified line (under half an em), never a space of the text; only a drawn
        // space or a tab (a table's cells: 0.9 em) separates.
        let cjk = prev_last.is_some_and(is_cjk) || g.text.chars().next().is_some_and(is_cjk);
        let tab =
            gap.is_some_and(|gap| gap > 0.9 * small || ((run_start || !pending_space || cjk) && gap > 0.6 * small));
        let space = pending_space || gap.is_some_and(|gap| gap > 0.2 * g.size && !cjk);
        pending_space = false;
        if tab || segments.is_empty() {
            segments.push(Segment { x0: g.x0, x1: g.x1, spans: Vec::new() });
        }
        let segment = segments.last_mut().expect("pushed above");
        // Segments are read one after the other: a tab is a space in the text.
        let own: String =
            if rtl && g.text.chars().any(is_strong_rtl) { g.text.chars().rev().collect() } else { g.text.clone() };
        let text = if (space || tab) && prev_end.is_some() { format!(" {own}") } else { own };
        segment.x1 = g.x1;
        match segment.spans.last_mut() {
            Some(span) if span.bold == bold && span.italic == italic && span.sup == sup && span.barcode == barcode => {
                span.text.push_str(&text);
                span.x1 = g.x1;
                span.size = span.size.max(g.size);
            }
            _ => segment.spans.push(Span { text, x0: g.x0, x1: g.x1, size: g.size, bold, italic, sup, barcode }),
        }
        prev_end = Some(g.x1);
        prev_last = g.text.chars().last();
    }
    for segment in &mut segments {
        for span in &mut segment.spans {
            span.text = unspaced(&span.text);
        }
    }
    segments
}

/// A right-to-left line read back in logical order (an Arabic version: its PDF draws glyphs left to
/// right as they stand on the page). The segments and the page's geometry are mirrored (x from
/// the right edge), so that the first segment is the one the line starts with (a paragraph's
/// hanging number, on the right) and indents and margins read as they do left to right; each
/// segment's characters are reversed, then every left-to-right run in it is reversed again
/// (`ltr_runs`).
fn logical_order(mut segments: Vec<Segment>, width: f64) -> Vec<Segment> {
    segments.reverse();
    for (k, segment) in segments.iter_mut().enumerate() {
        (segment.x0, segment.x1) = (width - segment.x1, width - segment.x0);
        // Each character with the span it belongs to, in logical order.
        let mut chars: Vec<(char, usize)> =
            segment.spans.iter().enumerate().flat_map(|(i, s)| s.text.chars().map(move |c| (c, i))).collect();
        chars.reverse();
        let visual: String = chars.iter().rev().map(|(c, _)| *c).collect();
        // A raised marker that opens the segment (a footnote's number, on the right) opens it in
        // logical order too, whatever the direction of the text after it
        // (set apart by a space: one set against the text ends an English run, "Crime,¹").
        let lead = chars.iter().take_while(|(c, i)| segment.spans[*i].sup && !c.is_whitespace()).count();
        // (Set apart by a space: one set against the text ends an English run, "Crime,¹".)
        let apart = chars.get(lead).is_some_and(|(c, _)| c.is_whitespace());
        let lead = if lead <= 3 && apart { lead } else { 0 };
        let text: Vec<char> = chars.iter().skip(lead).map(|(c, _)| *c).collect();
        // Figures joined across the punctuation between them ("4/4") or not ("20-24", which typst
        // sets "24-20"): the reading whose own visual order is the line's, as the bidi
        // algorithm lays it out.
        let runs = [Joining::All, Joining::Letters, Joining::Words]
            .into_iter()
            .map(|join| ltr_runs(&text, join))
            .find(|runs| {
                let mut candidate = text.clone();
                for run in runs {
                    candidate[run.clone()].reverse();
                }
                let marker: String = chars[..lead].iter().rev().map(|(c, _)| *c).collect();
                same_but_brackets(&(visual_order(&candidate.iter().collect::<String>()) + &marker), &visual)
            })
            .unwrap_or_else(|| ltr_runs(&text, Joining::All));
        let runs: Vec<std::ops::Range<usize>> = runs.into_iter().map(|r| r.start + lead..r.end + lead).collect();
        let mut in_ltr = vec![false; chars.len()];
        for run in runs {
            in_ltr[run.clone()].iter_mut().for_each(|b| *b = true);
            chars[run].reverse();
        }
        // A bracket of right-to-left text is drawn mirrored: "(" opens on the right.
        for (k, (c, _)) in chars.iter_mut().enumerate() {
            if !in_ltr[k] {
                *c = mirrored(*c);
            }
        }
        // A tab's space goes before the segment's text, none after it.
        while chars.first().is_some_and(|(c, _)| c.is_whitespace()) {
            chars.remove(0);
        }
        while chars.last().is_some_and(|(c, _)| c.is_whitespace()) {
            chars.pop();
        }
        let old = std::mem::take(&mut segment.spans);
        for (n, (c, i)) in chars.into_iter().enumerate() {
            match segment.spans.last_mut() {
                Some(span) if n > 0 && same_style(span, &old[i]) => span.text.push(c),
                _ => {
                    let from = &old[i];
                    let lead = if n == 0 && k > 0 { " " } else { "" };
                    segment.spans.push(Span {
                        text: format!("{lead}{c}"),
                        x0: width - from.x1,
                        x1: width - from.x0,
                        ..from.clone()
                    });
                }
            }
        }
    }
    segments.retain(|s| !s.spans.is_empty());
    segments
}

/// Words of a justified line whose spaces were stretched as wide as tabs, one segment each, as one
/// segment again: four or more segments in a row, all as far apart (a table's columns are not
/// evenly spaced). Left to right the reader takes them in order (`reader::is_justified_line`);
/// right to left, the line must be one text for its left-to-right runs to be put back in order.
fn stretched_words_joined(segments: Vec<Segment>, size: f64) -> Vec<Segment> {
    let gap = |a: &Segment, b: &Segment| b.x0 - a.x1;
    let mut out: Vec<Segment> = Vec::new();
    let mut i = 0;
    while i < segments.len() {
        let mut j = i + 1;
        let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
        let wordy = |s: &Segment| s.text().chars().any(char::is_alphabetic);
        while j < segments.len() && wordy(&segments[i]) && wordy(&segments[j]) {
            let g = gap(&segments[j - 1], &segments[j]);
            if g.max(max) - g.min(min) > 0.2 * size {
                break;
            }
            (min, max) = (min.min(g), max.max(g));
            j += 1;
        }
        if j - i >= 4 {
            let mut joined = segments[i].clone();
            for next in &segments[i + 1..j] {
                joined.x1 = next.x1;
                joined.spans.extend(next.spans.iter().cloned());
            }
            out.push(joined);
            i = j;
        } else {
            out.push(segments[i].clone());
            i += 1;
        }
    }
    out
}

/// The left-to-right runs of a right-to-left line's reversed text: between two right-to-left
/// letters, from the first left-to-right letter or figure to the last (English words with the
/// spaces, figures and punctuation between them: "decision 4/4"), by their Unicode bidi
/// classes. The line alone does not tell every neutral's side, so punctuation at a run's edge
/// goes with the run where it reads so in left-to-right text: a closing mark or a hyphen visually
/// after it ("cooperation," or "non-" going on on the next line: typst resolves a paragraph's
/// directions before it breaks lines), an opening one visually before it ("(UNODC").
/// A full stop visually before the English ends the paragraph, and stays outside.
/// How far a left-to-right run reaches across the spaces and punctuation in it.
#[derive(Clone, Copy, PartialEq)]
enum Joining {
    /// Up to the next right-to-left letter.
    All,
    /// So, except that figures with no letter among them are runs of their own ("20-24").
    Letters,
    /// Each word its own run (a figure and a label in a table's cell: "1 (b)").
    Words,
}

fn ltr_runs(text: &[char], joining: Joining) -> Vec<std::ops::Range<usize>> {
    use unicode_bidi::BidiClass::{AL, AN, EN, L, R};
    let strong_ltr = |c: char| matches!(unicode_bidi::bidi_class(c), L | EN | AN);
    let strong_rtl = |c: char| matches!(unicode_bidi::bidi_class(c), R | AL);
    let figure = |c: char| matches!(unicode_bidi::bidi_class(c), EN | AN);
    let mut runs = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if !strong_ltr(text[i]) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        let mut j = i + 1;
        while j < text.len() && !strong_rtl(text[j]) {
            if strong_ltr(text[j]) {
                end = j + 1;
            }
            j += 1;
        }
        if joining == Joining::Words && text[i..end].iter().any(|c| c.is_whitespace()) {
            // Each word (with its edge punctuation, below) alone.
            let mut k = i;
            while k < j {
                let from = k;
                while k < j && !text[k].is_whitespace() {
                    k += 1;
                }
                if text[from..k].iter().any(|&c| strong_ltr(c)) {
                    let (mut a, mut b) = (from, k);
                    while a < b && !strong_ltr(text[a]) && !",.;:!?)]}”’»%-/–،؛".contains(text[a]) {
                        a += 1;
                    }
                    while b > a && !strong_ltr(text[b - 1]) && !"([{“‘«".contains(text[b - 1]) {
                        b -= 1;
                    }
                    runs.push(a..b);
                }
                k += 1;
            }
            i = j;
            continue;
        }
        if joining == Joining::Letters && text[i..end].iter().all(|&c| figure(c) || !strong_ltr(c)) {
            // Each figure alone.
            let mut k = i;
            while k < end {
                let from = k;
                while k < end && figure(text[k]) {
                    k += 1;
                }
                if k > from {
                    runs.push(from..k);
                }
                k += 1;
            }
            i = j;
            continue;
        }
        let mut start = i;
        while start > 0 && ",.;:!?)]}”’»%-/–،؛".contains(text[start - 1]) {
            start -= 1;
        }
        while end < text.len() && "([{“‘«".contains(text[end]) {
            end += 1;
        }
        runs.push(start..end);
        i = j;
    }
    runs
}

/// The visual order (left to right) of a right-to-left line given in logical order, as the
/// Unicode bidi algorithm (which typst lays lines out with) gives it.
fn visual_order(logical: &str) -> String {
    let info = unicode_bidi::BidiInfo::new(logical, Some(unicode_bidi::Level::rtl()));
    info.paragraphs.iter().map(|p| info.reorder_line(p, p.range.clone()).into_owned()).collect()
}

/// The same text, brackets aside (a mirrored bracket is the other one in the text).
fn same_but_brackets(a: &str, b: &str) -> bool {
    let plain = |s: &str| s.chars().map(|c| if mirrored(c) != c { '(' } else { c }).collect::<String>();
    plain(a) == plain(b)
}

/// The bracket facing the other way.
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '«' => '»',
        '»' => '«',
        other => other,
    }
}

fn same_style(a: &Span, b: &Span) -> bool {
    a.bold == b.bold && a.italic == b.italic && a.sup == b.sup && a.barcode == b.barcode
}

/// A letter of a right-to-left script (its bidi class R or AL).
fn is_strong_rtl(c: char) -> bool {
    matches!(unicode_bidi::bidi_class(c), unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL)
}

/// Letter-spaced words ("C O N T E N T S", set with a space after every capital) joined back:
/// five or more single capitals each followed by one space.
fn unspaced(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        while j + 1 < chars.len() && chars[j].is_uppercase() && chars[j + 1] == ' ' {
            j += 2;
        }
        let letters = (j - i) / 2;
        let at_word_start = i == 0 || chars[i - 1] == ' ';
        if letters >= 4 && at_word_start && j < chars.len() && chars[j].is_uppercase() {
            out.extend(chars[i..=j].iter().filter(|c| **c != ' '));
            i = j + 1;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::unspaced;
    use crate::import::pdf::extract::{FontInfo, Glyph};

    /// Glyphs of size 10 at the given left edges and widths, on one baseline.
    fn glyphs(set: &[(&str, f64, f64)]) -> Vec<Glyph> {
        set.iter()
            .map(|&(text, x0, w)| Glyph {
                text: text.into(),
                x0,
                x1: x0 + w,
                y: 100.0,
                size: 10.0,
                font: 0,
                raised: false,
                actual_text: false,
            })
            .collect()
    }

    fn read(glyphs: &[Glyph]) -> Vec<String> {
        let with_starts: Vec<(&Glyph, bool)> = glyphs.iter().map(|g| (g, false)).collect();
        super::segments(&with_starts, 100.0, 10.0, &[FontInfo::default()], false).iter().map(|s| s.text()).collect()
    }

    fn from_visual(visual: &str) -> String {
        let span = super::Span {
            text: visual.to_string(),
            x0: 0.0,
            x1: 100.0,
            size: 10.0,
            bold: false,
            italic: false,
            sup: false,
            barcode: false,
        };
        let segment = super::Segment { x0: 0.0, x1: 100.0, spans: vec![span] };
        super::logical_order(vec![segment], 600.0)[0].text()
    }

    #[test]
    fn a_figure_and_a_label_in_a_cell_are_read_in_logical_order() {
        // "1 (b)" in a right-to-left table's cell, as typst draws it (its brackets mirrored).
        assert_eq!(from_visual(" (b) 1"), "1 (b)");
    }

    /// A right-to-left line as a PDF draws it (the bidi algorithm's visual order, one segment)
    /// read back.
    fn logical(text: &str) -> String {
        from_visual(&super::visual_order(text))
    }

    #[test]
    fn right_to_left_lines_are_read_in_logical_order() {
        for text in [
            "فيينا، 14 و15 نيسان/أبريل 2009",
            "فيينا، 20-24 حزيران/يونيه 2016",
            "الأمم المتحدة، مجموعة المعاهدات، المجلد 2237، الرقم 39574.",
            "The Working Group, established pursuant to decision 4/4",
            "at its fifth session.",
            "واعتمد Conference القرار 9/1 بتصويت",
        ] {
            assert_eq!(logical(text), text);
        }
    }

    #[test]
    fn chinese_and_latin_are_not_spaced_apart() {
        // typst's CJK–Latin gap (a quarter em) and a justified line's stretch are no spaces…
        assert_eq!(
            read(&glyphs(&[("于", 0.0, 10.0), ("2", 12.5, 5.0), ("年", 20.0, 10.0), ("所", 34.0, 10.0)])),
            ["于2年所"]
        );
        // … a table's cells (0.9 em apart) are; Latin words a quarter em apart are spaced.
        assert_eq!(read(&glyphs(&[("目", 0.0, 10.0), ("标", 19.0, 10.0)])), ["目", "标"]);
        assert_eq!(read(&glyphs(&[("a", 0.0, 5.0), ("b", 7.5, 5.0)])), ["a b"]);
    }

    #[test]
    fn letter_spaced_words_are_joined() {
        assert_eq!(unspaced("C O N T E N T S"), "CONTENTS");
        assert_eq!(unspaced("the A B C of it"), "the A B C of it");
        assert_eq!(unspaced("Annex I A. Title"), "Annex I A. Title");
    }
}
