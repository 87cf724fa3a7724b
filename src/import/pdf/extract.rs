//! The PDF's pages as positioned glyphs, read with `hayro-interpret` (see Cargo.toml for why
//! that crate): each glyph with its Unicode text (ToUnicode maps, glyph names), its baseline
//! origin and advance in points from the top-left corner of the page, its size, and its font's
//! name, weight and slant; and the thin filled or stroked rectangles that print as rules.
//!
//! Nothing here knows about reports: `layout` builds lines from these glyphs.

use std::collections::HashMap;

use hayro_interpret::font::Glyph as HayroGlyph;
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, GlyphDrawMode, Image, InterpreterCache, InterpreterSettings, Paint,
    PathDrawMode, SoftMask, interpret_page,
};
use kurbo::{Affine, BezPath, Point, Rect, Shape};

/// A font as far as layout cares: its name (without the subset prefix) and style.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FontInfo {
    pub name: String,
    /// `None` when the font is not embedded and the PDF gives no usable description.
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    /// How dark the font prints: ink area over advance area of the glyphs sampled (a bold face
    /// is darker than its regular one), for fonts whose weight is not described.
    pub ink: f64,
    ink_area: f64,
    advance_area: f64,
    samples: usize,
}

/// One glyph drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub text: String,
    /// Left and right edge of the advance, in points from the left edge of the page.
    pub x0: f64,
    pub x1: f64,
    /// The baseline, in points from the top of the page.
    pub y: f64,
    /// The font size in points (the height of the em square as drawn).
    pub size: f64,
    /// Index into `Pages::fonts`.
    pub font: usize,
    /// A superscript glyph of the font itself (OpenType `sups`: a small digit drawn high in a
    /// full-size em), set on the line's baseline: a footnote marker all the same.
    pub raised: bool,
    /// Its text is the `/ActualText` of the marked content it was drawn in.
    pub actual_text: bool,
}

/// A rule: a filled or stroked shape much wider than high (the footnote separator, the
/// masthead's lines, table borders).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    /// In drawing order (which in born-digital reports is reading order within a line).
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Glyphs set vertically (a spine, a side note), kept apart from the lines of text.
    pub vertical: String,
    /// Its lines run right to left (an Arabic version): the document's language (the catalog's
    /// `/Lang`) is written right to left, or most of the page's letters are. Its glyphs are
    /// drawn in visual order; `layout` reads them back in logical order.
    pub rtl: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Pages {
    pub pages: Vec<Page>,
    pub fonts: Vec<FontInfo>,
    /// Glyphs whose Unicode value the PDF does not give (no ToUnicode entry, no glyph name).
    pub unmapped: usize,
}

/// Why a PDF could not be read at all.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    NotPdf,
    Encrypted,
    NoPages,
}

pub fn read(bytes: &[u8]) -> Result<Pages, ReadError> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        hayro_interpret::hayro_syntax::LoadPdfError::Decryption(_) => ReadError::Encrypted,
        hayro_interpret::hayro_syntax::LoadPdfError::Invalid => ReadError::NotPdf,
    })?;
    if pdf.pages().is_empty() {
        return Err(ReadError::NoPages);
    }
    // The language the PDF declares ("ar", "ar-SA"), which Word and typst both write.
    let declared_rtl = pdf
        .xref()
        .get::<hayro_interpret::hayro_syntax::object::Dict>(pdf.xref().root_id())
        .and_then(|catalog| catalog.get::<hayro_interpret::hayro_syntax::object::String>(b"Lang".as_slice()))
        .is_some_and(|lang| crate::fonts::right_to_left(&std::string::String::from_utf8_lossy(lang.as_bytes())));
    let cache = InterpreterCache::new();
    let mut out = Pages::default();
    let mut font_index: HashMap<u128, usize> = HashMap::new();
    for page in pdf.pages().iter() {
        let (width, height) = page.render_dimensions();
        let transform = Affine::new(page.initial_transform(true).as_coeffs());
        let mut context = Context::new(
            transform,
            Rect::new(0.0, 0.0, width as f64, height as f64),
            &cache,
            pdf.xref(),
            InterpreterSettings::default(),
        );
        let mut device = Collector {
            page: Page { width: width as f64, height: height as f64, ..Default::default() },
            fonts: &mut out.fonts,
            font_index: &mut font_index,
            unmapped: 0,
            shapes: Vec::new(),
            marked: Vec::new(),
            marked_count: 0,
            in_marked: Vec::new(),
        };
        interpret_page(page, &mut context, &mut device);
        out.unmapped += device.unmapped;
        let actual = actual_texts(page);
        let mut page = device.page;
        // Only where the interpreter met the marked content the page's own stream holds (a form
        // drawn from elsewhere would shift the count).
        if device.marked_count == actual.len() {
            with_actual_text(&mut page.glyphs, &device.in_marked, &actual, &mut device.shapes);
        }
        page.rtl = declared_rtl || mostly_right_to_left(&page.glyphs);
        drop_repeated_cluster_text(&mut page.glyphs, &mut device.shapes, page.rtl);
        if page.rtl {
            // A bracket's text is the one its outline shows: in right-to-left text a PDF may map
            // the glyph of "(" to ")" (the glyph it drew mirrored first), and `layout` mirrors
            // the brackets of right-to-left runs itself.
            for (i, shape) in device.shapes {
                page.glyphs[i].text = shape.to_string();
            }
        }
        out.pages.push(page);
    }
    settle_weights(&mut out.fonts);
    Ok(out)
}

/// Whether most of the letters drawn are of a right-to-left script (Arabic, Hebrew).
fn mostly_right_to_left(glyphs: &[Glyph]) -> bool {
    let (mut rtl, mut all) = (0usize, 0usize);
    for c in glyphs.iter().flat_map(|g| g.text.chars()).filter(|c| c.is_alphabetic()) {
        all += 1;
        if matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}') {
            rtl += 1;
        }
    }
    all > 0 && 2 * rtl > all
}

/// The `/ActualText` of each marked-content sequence of the page's content stream, in order
/// (`None` for one without): the text a run of glyphs stands for where the glyphs' own ToUnicode
/// cannot say it — typst writes it for a glyph that two clusters share (an Arabic letter drawn
/// with and without its vowel marks, "جَّ" and "ج", has one ToUnicode entry).
fn actual_texts(page: &hayro_interpret::hayro_syntax::page::Page<'_>) -> Vec<Option<String>> {
    use hayro_interpret::hayro_syntax::content::ops::TypedInstruction;
    use hayro_interpret::hayro_syntax::object::{Dict, String as PdfString};
    let mut out = Vec::new();
    let mut ops = page.typed_operations();
    while let Some(op) = ops.next() {
        match op {
            TypedInstruction::BeginMarkedContentWithProperties(bdc) => {
                let text = bdc
                    .1
                    .clone()
                    .into_dict()
                    .and_then(|d: Dict<'_>| d.get::<PdfString<'_>>(b"ActualText".as_slice()))
                    .map(|t| text_string(t.as_bytes()));
                out.push(text);
            }
            TypedInstruction::BeginMarkedContent(_) => out.push(None),
            _ => {}
        }
    }
    out
}

/// A PDF text string: UTF-16 after its byte order mark, else one byte a character.
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// The glyphs of a marked-content sequence with an `/ActualText` as one glyph with that text,
/// over the advance of them all (on the baseline of the first).
fn with_actual_text(
    glyphs: &mut Vec<Glyph>,
    in_marked: &[Option<usize>],
    actual: &[Option<String>],
    shapes: &mut Vec<(usize, char)>,
) {
    let mut first_of: HashMap<usize, usize> = HashMap::new();
    let mut remove = vec![false; glyphs.len()];
    for i in 0..glyphs.len() {
        let Some(m) = in_marked.get(i).copied().flatten() else { continue };
        let Some(Some(text)) = actual.get(m) else { continue };
        match first_of.get(&m) {
            Some(&f) if (glyphs[f].y - glyphs[i].y).abs() < 0.5 * glyphs[f].size => {
                glyphs[f].x0 = glyphs[f].x0.min(glyphs[i].x0);
                glyphs[f].x1 = glyphs[f].x1.max(glyphs[i].x1);
                remove[i] = true;
            }
            Some(_) => {}
            None => {
                first_of.insert(m, i);
                glyphs[i].text = text.clone();
                glyphs[i].actual_text = true;
            }
        }
    }
    remove_glyphs(glyphs, shapes, &remove);
}

/// The glyphs without those marked, the shapes' indexes following the glyphs they name.
fn remove_glyphs(glyphs: &mut Vec<Glyph>, shapes: &mut Vec<(usize, char)>, remove: &[bool]) {
    let mut kept_before = Vec::with_capacity(glyphs.len());
    let mut kept = 0;
    for &r in remove {
        kept_before.push(kept);
        kept += usize::from(!r);
    }
    shapes.retain(|(i, _)| !remove[*i]);
    for (i, _) in shapes.iter_mut() {
        *i = kept_before[*i];
    }
    let mut k = 0;
    glyphs.retain(|_| {
        k += 1;
        !remove[k - 1]
    });
}

/// The bracket a bracket glyph's outline shows: "(" bulges left (its ink at mid-height is left of
/// its middle), ")" right; the same for [ ] { } « ». `None` for other glyphs.
fn bracket_shape(text: &str, outline: &BezPath) -> Option<char> {
    const PAIRS: [(char, char); 4] = [('(', ')'), ('[', ']'), ('{', '}'), ('«', '»')];
    let c = text.chars().next().filter(|_| text.chars().count() == 1)?;
    let &(open, close) = PAIRS.iter().find(|(o, cl)| *o == c || *cl == c)?;
    let bounds = outline.bounding_box();
    let (low, high) = (bounds.y0 + bounds.height() / 3.0, bounds.y1 - bounds.height() / 3.0);
    let middle: Vec<f64> = outline
        .elements()
        .iter()
        .filter_map(|e| e.end_point())
        .filter(|p| p.y >= low && p.y <= high)
        .map(|p| p.x)
        .collect();
    if bounds.width() <= 0.0 || middle.is_empty() {
        return None;
    }
    let mean = middle.iter().sum::<f64>() / middle.len() as f64;
    Some(if mean < bounds.center().x { open } else { close })
}

/// A cluster drawn as several glyphs (a letter and its mark, Arabic "اً") whose every glyph
/// carries the whole cluster's text, as typst's ToUnicode gives it: the zero-width mark's copy
/// goes, the text stays once (with the glyph that advances). On a right-to-left page, a letter
/// whose text carries Arabic vowel marks but is drawn without a mark glyph is the letter alone:
/// the glyph's one ToUnicode entry came from a cluster with marks ("اً", "جَّ") and typst did not
/// mark this other use.
fn drop_repeated_cluster_text(glyphs: &mut Vec<Glyph>, shapes: &mut Vec<(usize, char)>, rtl: bool) {
    let repeated: Vec<bool> = (0..glyphs.len())
        .map(|i| {
            let g = &glyphs[i];
            let same = |j: usize| {
                glyphs.get(j).is_some_and(|o| {
                    o.text == g.text
                        && (o.y - g.y).abs() < 0.2 * g.size
                        && o.x1 - o.x0 > 0.01
                        && g.x0 >= o.x0 - 0.01
                        && g.x0 <= o.x1 + 0.01
                })
            };
            g.text.chars().count() > 1 && g.x1 - g.x0 < 0.01 && (same(i + 1) || (i > 0 && same(i - 1)))
        })
        .collect();
    if rtl {
        let arabic_mark = |c: char| matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}');
        for i in 0..glyphs.len() {
            let with_mark = (i > 0 && repeated[i - 1] && glyphs[i - 1].text == glyphs[i].text)
                || (repeated.get(i + 1) == Some(&true) && glyphs[i + 1].text == glyphs[i].text);
            let text = &glyphs[i].text;
            if !repeated[i]
                && !with_mark
                && !glyphs[i].actual_text
                && text.chars().count() > 1
                && text.chars().skip(1).all(arabic_mark)
            {
                glyphs[i].text = text.chars().take(1).collect();
            }
        }
    }
    remove_glyphs(glyphs, shapes, &repeated);
}

/// Decides bold for fonts the PDF does not describe (not embedded) by how dark they print,
/// against the described fonts of the same document (midway between their regular and bold
/// darkness), or against a typical serif's when the document has no described font of each.
fn settle_weights(fonts: &mut [FontInfo]) {
    for f in fonts.iter_mut() {
        f.ink = if f.advance_area > 0.0 { f.ink_area / f.advance_area } else { 0.0 };
    }
    let mean = |bold: bool| {
        let known: Vec<f64> = fonts
            .iter()
            .filter(|f| f.bold == Some(bold) && f.samples >= 20 && !is_barcode(&f.name))
            .map(|f| f.ink)
            .collect();
        (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64)
    };
    let threshold = match (mean(false), mean(true)) {
        (Some(regular), Some(bold)) if bold > regular => (regular + bold) / 2.0,
        _ => 0.0,
    };
    for f in fonts.iter_mut().filter(|f| f.bold.is_none() && f.samples >= 3) {
        if threshold > 0.0 {
            f.bold = Some(f.ink > threshold);
        }
    }
}

struct Collector<'f> {
    page: Page,
    fonts: &'f mut Vec<FontInfo>,
    font_index: &'f mut HashMap<u128, usize>,
    unmapped: usize,
    /// Brackets by the shape of their outline: (glyph index, the bracket it looks like).
    shapes: Vec<(usize, char)>,
    /// The marked-content sequences open, by their order in the page (innermost last).
    marked: Vec<usize>,
    /// How many marked-content sequences were opened so far.
    marked_count: usize,
    /// For each glyph, the innermost marked-content sequence it was drawn in.
    in_marked: Vec<Option<usize>>,
}

impl Collector<'_> {
    fn font(&mut self, glyph: &HayroGlyph<'_>) -> usize {
        let HayroGlyph::Outline(outline) = glyph else {
            return self.type3_font();
        };
        let key = outline.font_cache_key();
        if let Some(&i) = self.font_index.get(&key) {
            return i;
        }
        let info = match outline.font_data() {
            Some(data) => {
                let name = data.postscript_name.unwrap_or_default();
                let lower = name.to_ascii_lowercase();
                let bold = data.weight.map(|w| w >= 600).unwrap_or(false)
                    || ["bold", "black", "heavy", "semibold", "demi"].iter().any(|w| lower.contains(w));
                let italic = data.is_italic || lower.contains("italic") || lower.contains("oblique");
                let name = match name.split_once('+') {
                    Some((prefix, rest)) if prefix.len() == 6 => rest.to_string(),
                    _ => name,
                };
                FontInfo { name, bold: Some(bold), italic: Some(italic), ..Default::default() }
            }
            None => FontInfo::default(),
        };
        self.fonts.push(info);
        self.font_index.insert(key, self.fonts.len() - 1);
        self.fonts.len() - 1
    }

    fn type3_font(&mut self) -> usize {
        // Type 3 glyphs carry no font description; they share one anonymous entry.
        *self.font_index.entry(0).or_insert_with(|| {
            self.fonts.push(FontInfo::default());
            self.fonts.len() - 1
        })
    }
}

impl<'a> Device<'a> for Collector<'_> {
    fn set_soft_mask(&mut self, _: Option<SoftMask<'a>>) {}
    fn set_blend_mode(&mut self, _: BlendMode) {}

    fn draw_path(&mut self, path: &BezPath, transform: Affine, _: &Paint<'a>, _: &PathDrawMode) {
        let bounds = (transform * path.clone()).bounding_box();
        if bounds.width() > 10.0 && bounds.height() < 2.5 {
            self.page.rules.push(Rule { x0: bounds.x0, x1: bounds.x1, y: (bounds.y0 + bounds.y1) / 2.0 });
        }
    }

    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph(
        &mut self,
        glyph: &HayroGlyph<'a>,
        transform: Affine,
        glyph_transform: Affine,
        _: &Paint<'a>,
        mode: &GlyphDrawMode,
    ) {
        // A "fill then stroke" glyph is reported twice; keep the fill.
        if matches!(mode, GlyphDrawMode::Stroke(_)) && self.page.glyphs.last().is_some() {
            let m = transform * glyph_transform;
            let origin = m * Point::ORIGIN;
            if let Some(last) = self.page.glyphs.last()
                && (last.x0 - origin.x).abs() < 0.01
                && (last.y - origin.y).abs() < 0.01
            {
                return;
            }
        }
        // Glyph space is 1000 units to the em.
        let m = transform * glyph_transform;
        let origin = m * Point::ORIGIN;
        let up = m * Point::new(0.0, 1000.0) - origin;
        let size = up.hypot();
        let advance = match glyph {
            HayroGlyph::Outline(o) => o.advance_width().unwrap_or(500.0) as f64,
            HayroGlyph::Type3(_) => 500.0,
        };
        let end = m * Point::new(advance, 0.0);
        let text = match glyph.as_unicode() {
            Some(hayro_interpret::hayro_cmap::BfString::Char(c)) => c.to_string(),
            Some(hayro_interpret::hayro_cmap::BfString::String(s)) => s,
            None => {
                self.unmapped += 1;
                "\u{FFFD}".to_string()
            }
        };
        let font = self.font(glyph);
        // Sample how dark the font prints (at most 400 glyphs a font).
        if let HayroGlyph::Outline(o) = glyph
            && !text.trim().is_empty()
            && advance > 0.0
            && self.fonts[font].samples < 400
        {
            let info = &mut self.fonts[font];
            info.samples += 1;
            info.ink_area += o.outline().area().abs();
            info.advance_area += advance * 1000.0;
        }
        let direction = end - origin;
        if direction.y.abs() > direction.x.abs() {
            self.page.vertical.push_str(&text);
            return;
        }
        if !size.is_finite() || size < 0.5 || !origin.x.is_finite() || !origin.y.is_finite() {
            return;
        }
        let raised = match glyph {
            HayroGlyph::Outline(o) if text.len() == 1 && text.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                // Glyph space is y-up, 1000 to the em: a short glyph whose ink starts a fifth of
                // an em above the baseline is a superscript form.
                let bounds = o.outline().bounding_box();
                bounds.height() > 0.0 && bounds.y0 > 200.0 && bounds.height() < 500.0
            }
            _ => false,
        };
        if let HayroGlyph::Outline(o) = glyph
            && let Some(shape) = bracket_shape(&text, &o.outline())
        {
            self.shapes.push((self.page.glyphs.len(), shape));
        }
        self.in_marked.push(self.marked.last().copied());
        self.page.glyphs.push(Glyph {
            text,
            x0: origin.x.min(end.x),
            x1: origin.x.max(end.x),
            y: origin.y,
            size,
            font,
            raised,
            actual_text: false,
        });
    }

    fn begin_marked_content(&mut self, _: &[u8], _: Option<i32>) {
        self.marked.push(self.marked_count);
        self.marked_count += 1;
    }

    fn end_marked_content(&mut self) {
        self.marked.pop();
    }

    fn draw_image(&mut self, _: Image<'a, '_>, _: Affine) {}
    fn pop_clip_path(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

/// A bar-code font (Code 39 "3 of 9"): its glyphs are bars, not letters.
pub fn is_barcode(name: &str) -> bool {
    name.to_ascii_lowercase().contains("barcode")
}
