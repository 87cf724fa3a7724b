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
    let runs = runs(&page.glyphs);
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
    rows.into_iter()
        .filter_map(|mut row| {
            row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let size = row.iter().map(|r| r.size).fold(0.0, f64::max);
            let y = row.iter().find(|r| r.size == size).map_or(row[0].y, |r| r.y);
            // A glyph that starts a run drawn apart starts a segment when it stands apart.
            let glyphs: Vec<(&Glyph, bool)> =
                row.iter().flat_map(|r| r.glyphs.iter().enumerate().map(|(k, &i)| (&page.glyphs[i], k == 0))).collect();
            let segments = segments(&glyphs, y, size, fonts);
            (!segments.is_empty()).then_some(Line { page: page_index, y, size, segments })
        })
        .collect()
}

/// Glyphs drawn one after the other on one baseline (indexes into the page's glyphs).
struct Run {
    y: f64,
    size: f64,
    x0: f64,
    glyphs: Vec<usize>,
}

fn runs(glyphs: &[Glyph]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut last_x1 = f64::NEG_INFINITY;
    for (i, g) in glyphs.iter().enumerate() {
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

fn segments(glyphs: &[(&Glyph, bool)], baseline: f64, size: f64, fonts: &[FontInfo]) -> Vec<Segment> {
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
        let sup = (g.size < 0.75 * size && baseline - g.y > 0.2 * size) || g.raised;
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
        let text = if (space || tab) && prev_end.is_some() { format!(" {}", g.text) } else { g.text.clone() };
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
            })
            .collect()
    }

    fn read(glyphs: &[Glyph]) -> Vec<String> {
        let with_starts: Vec<(&Glyph, bool)> = glyphs.iter().map(|g| (g, false)).collect();
        super::segments(&with_starts, 100.0, 10.0, &[FontInfo::default()]).iter().map(|s| s.text()).collect()
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
