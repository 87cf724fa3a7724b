//! The style sheet of the DOCX: named paragraph and character styles in the manner of the United
//! Nations New York template (HCh, H1, H23, H4, H56, SingleTxt, Footnote Text, Footnote
//! Reference…), so that an editor can restyle the whole report from Word's style gallery.
//!
//! Every paragraph the writer emits names one of these styles; direct formatting is kept to the
//! few things a style cannot say (the first component of the symbol printed larger, the indent of
//! sub-items deeper than the deepest sub-item style).
//!
//! Measurements follow `../shared/DESIGN.md` and the PDF writer's template (`templates/report.typ`),
//! so that the two look alike: A4, body 10 pt Times on a 12 pt pitch with 6 pt after, justified,
//! the text block 130 mm wide (40 mm to 170 mm from the left edge); masthead, running headers and
//! footers on the wider band from 20 mm to 190 mm; heading numbers hanging 10 mm left of the text
//! block. A numbered paragraph is printed as the UN prints it today: the number at the text
//! block's left edge, the text after a tab 10 mm in, the following lines back at the left edge
//! (no hanging indent); the lettered sub-paragraphs of a decision the same way one step in.
//! Other sub-items hang: labels in 8 mm columns, each level 8 mm further in. Footnote marks stand
//! in a 10 mm column.
//!
//! Structure other readers see: the heading styles carry outline levels (HCh 0 … H56 4) — the
//! heading paragraphs also carry their own level where a division sits deeper than its style's
//! usual place — and the report's title has the `Title` style, so Word's navigation pane and
//! accessibility checker, and pandoc, find the headings and the title.

use docx_rs::{
    AlignmentType, BorderType, LineSpacing, LineSpacingType, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, RunFonts, SpecialIndentType, Style, StyleType, Tab, TabValueType, VertAlignType,
};

/// Twips (1/20 pt) in a millimetre, for readable constants.
const fn mm(v: u32) -> i32 {
    // 1 mm = 56.692 twips; rounded to the nearest twip.
    ((v as f64) * 56.6929 + 0.5) as i32
}

pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;
/// Left and right page margins: the masthead spans 20 mm to 190 mm.
pub const MARGIN_SIDE: i32 = mm(20);
pub const MARGIN_TOP: i32 = mm(27);
pub const MARGIN_BOTTOM: i32 = mm(27);
pub const HEADER_DISTANCE: i32 = mm(12);
pub const FOOTER_DISTANCE: i32 = mm(12);
/// Width between the page margins (170 mm).
pub const FULL_WIDTH: i32 = PAGE_WIDTH as i32 - 2 * MARGIN_SIDE;
/// The text block starts this far in from the left page margin (40 mm from the paper's edge)
/// and ends as far in from the right one (170 mm), so it is 130 mm wide.
pub const BODY_INDENT: i32 = mm(20);
pub const BODY_WIDTH: i32 = FULL_WIDTH - 2 * BODY_INDENT;
/// The right-hand column of the masthead (distribution, date, original language).
pub const DISTR_WIDTH: i32 = mm(50);
/// The contents' paragraphs and page columns.
pub const CONTENTS_PARAS: i32 = mm(22);
pub const CONTENTS_PAGE: i32 = mm(12);
/// Space kept free between the organ and the right-hand column (the PDF's 10 mm gutter leaves
/// the reference organ's longest line 0.4 mm to spare; Word and LibreOffice need a little more).
pub const ORGAN_GUTTER: i32 = mm(5);
/// The tab after a paragraph number (and the step of a decision's sub-paragraphs).
pub const LABEL_STEP: i32 = mm(10);
/// The column of a sub-item label; each level of items starts this much further in.
pub const ITEM_STEP: i32 = mm(8);
/// How far a heading's number hangs to the left of the text block.
pub const HEADING_HANG: i32 = mm(10);
/// The column of a footnote mark. (The PDF right-aligns the mark in it; LibreOffice moves
/// a note's number to the start of its first paragraph whatever precedes it, so a leading
/// right tab cannot do the same here: the mark stands at the column's left edge.)
pub const NOTE_HANG: i32 = mm(10);

/// Left indent of the text of a sub-item at `depth` (1 for (a)); its label hangs `ITEM_STEP`.
pub fn item_indent(depth: usize) -> i32 {
    BODY_INDENT + LABEL_STEP + ITEM_STEP * depth as i32
}
/// Sub-item styles defined (deeper items use the last one with a direct indent).
pub const SUB_ITEM_LEVELS: usize = 4;

/// Left indent of a decision's sub-paragraph at `depth` (1 for (a)): its first line starts one
/// step further in with the label, the text follows after a tab one more step in.
pub fn decision_item_indent(depth: usize) -> i32 {
    BODY_INDENT + LABEL_STEP * (depth as i32 - 1)
}

/// The font every style uses.
pub const FONT: &str = "Times New Roman";

/// Style ids. Names shown in Word's gallery are given where the styles are defined.
pub mod id {
    pub const NORMAL: &str = "Normal";
    pub const HCH: &str = "HCh";
    pub const H1: &str = "H1";
    pub const H23: &str = "H23";
    pub const H4: &str = "H4";
    pub const H56: &str = "H56";
    pub const SINGLE_TXT: &str = "SingleTxt";
    pub const FOOTNOTE_TEXT: &str = "FootnoteText";
    /// docx-rs hard-codes this id on the runs that hold a `footnoteReference`.
    pub const FOOTNOTE_REFERENCE: &str = "FootnoteReference";
    pub const HEADER: &str = "Header";
    pub const FOOTER: &str = "Footer";
    pub const MASTHEAD_UN: &str = "MastheadUN";
    pub const MASTHEAD_SYMBOL: &str = "MastheadSymbol";
    pub const MASTHEAD_ORGAN: &str = "MastheadOrgan";
    pub const MASTHEAD_DISTR: &str = "MastheadDistr";
    pub const MASTHEAD_CAPTION: &str = "MastheadCaption";
    pub const TITLE: &str = "Title";
    /// The lines under the title: "Addendum", the part it carries, "Rapporteur: …".
    pub const MASTHEAD_SUBTITLE: &str = "MastheadSubtitle";
    /// "*Rapporteur*: …" under a draft report's title, in regular type.
    pub const MASTHEAD_RAPPORTEUR: &str = "MastheadRapporteur";
    /// The title-page block of an Official Records volume.
    pub const OFFICIAL_RECORDS: &str = "OfficialRecords";
    pub const JOB_NUMBER: &str = "JobNumber";
    pub const BARCODE: &str = "Barcode";
    pub const CONTENTS_HEADING: &str = "ContentsHeading";
    pub const TABLE_CAPTION: &str = "TableCaption";
    pub const TOC_HEAD: &str = "TOCHead";
    pub const TABLE_HEAD: &str = "TableHead";
    pub const TABLE_TEXT: &str = "TableText";

    /// "SubItem1" … "SubItem4" for items at depth 1 ((a)) to 4 (i.).
    pub fn sub_item(depth: usize) -> String {
        format!("SubItem{}", depth.clamp(1, super::SUB_ITEM_LEVELS))
    }

    /// "DecisionItem1" … "DecisionItem4": the lettered sub-paragraphs of a decision.
    pub fn decision_item(depth: usize) -> String {
        format!("DecisionItem{}", depth.clamp(1, super::SUB_ITEM_LEVELS))
    }

    /// "DecisionHeading1" … "DecisionHeading5": a decision's heading (as H1) at outline level
    /// `level` (a decision may be quoted at any depth).
    pub fn decision_heading(level: usize) -> String {
        format!("DecisionHeading{}", level.min(4) + 1)
    }

    /// The outline level (0 for a chapter) a heading style stands for.
    pub fn outline_level(style: &str) -> Option<usize> {
        [HCH, H1, H23, H4, H56].iter().position(|s| *s == style).or_else(|| {
            let n: usize = style.strip_prefix("DecisionHeading")?.parse().ok()?;
            Some(n - 1)
        })
    }

    /// "TOC1" … "TOC3" for contents entries of level 0 to 2.
    pub fn toc(level: u8) -> String {
        format!("TOC{}", level.min(2) + 1)
    }
}

fn fonts() -> RunFonts {
    RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT)
}

/// Line spacing: `before`/`after` and an exact line pitch, all in twips.
fn spacing(before: u32, after: u32, line: i32) -> LineSpacing {
    LineSpacing::new().before(before).after(after).line(line).line_rule(LineSpacingType::Exact)
}

fn paragraph_style(id: &str, name: &str) -> Style {
    let style = Style::new(id, StyleType::Paragraph).name(name);
    if id == id::NORMAL { style } else { style.based_on(id::NORMAL).next(id::NORMAL) }
}

fn tab(pos: i32) -> Tab {
    Tab::new().val(TabValueType::Left).pos(pos as usize)
}

fn with_tabs(mut style: Style, tabs: &[Tab]) -> Style {
    for t in tabs {
        style.paragraph_property = style.paragraph_property.clone().add_tab(t.clone());
    }
    style
}

/// No widow or orphan lines (off unless a style says so in WordprocessingML).
fn widow_control(mut style: Style) -> Style {
    style.paragraph_property = style.paragraph_property.clone().widow_control(true);
    style
}

/// Sub-paragraphs of a decision at `depth`: as a numbered paragraph, one step in per level.
pub fn decision_item_layout(p: docx_rs::Paragraph, depth: usize) -> docx_rs::Paragraph {
    let left = decision_item_indent(depth);
    p.indent(Some(left), Some(SpecialIndentType::FirstLine(LABEL_STEP)), Some(BODY_INDENT), None)
        .add_tab(Tab::new().val(TabValueType::Left).pos((left + 2 * LABEL_STEP) as usize))
}

fn keep_with_next(mut style: Style) -> Style {
    style.paragraph_property = style.paragraph_property.clone().keep_next(true).keep_lines(true);
    style
}

fn bottom_rule(mut style: Style, size: usize, space: usize) -> Style {
    style.paragraph_property =
        style.paragraph_property.clone().set_borders(ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom).val(BorderType::Single).size(size).space(space),
        ));
    style
}

/// Word's built-in "heading N" (N = `level` + 1), which the UN heading styles are based on: Word,
/// LibreOffice and pandoc know a heading by this name (pandoc 2.17 reads no outline level).
fn builtin_heading(level: usize) -> Style {
    keep_with_next(
        paragraph_style(&format!("Heading{}", level + 1), &format!("heading {}", level + 1)).outline_lvl(level),
    )
}

/// A heading style: bold (or italic), its number hanging left of the text block.
fn heading(id: &str, name: &str, size_pt: usize, before: u32, after: u32, italic: bool) -> Style {
    let line = (size_pt as i32 + 2) * 20;
    let level = id::outline_level(id).unwrap_or(0);
    let mut style = paragraph_style(id, name)
        .based_on(format!("Heading{}", level + 1))
        .size(size_pt * 2)
        .line_spacing(spacing(before, after, line))
        .indent(Some(BODY_INDENT), Some(SpecialIndentType::Hanging(HEADING_HANG)), Some(BODY_INDENT), None)
        .align(AlignmentType::Left);
    if let Some(level) = id::outline_level(id) {
        style = style.outline_lvl(level);
    }
    style = if italic { style.italic() } else { style.bold() };
    keep_with_next(with_tabs(style, &[tab(BODY_INDENT)]))
}

/// All styles of the document, `Normal` first.
pub fn all() -> Vec<Style> {
    let mut styles = vec![
        widow_control(
            paragraph_style(id::NORMAL, "Normal")
                .fonts(fonts())
                .size(20)
                .line_spacing(spacing(0, 0, 240))
                .align(AlignmentType::Left),
        ),
        builtin_heading(0),
        builtin_heading(1),
        builtin_heading(2),
        builtin_heading(3),
        builtin_heading(4),
        heading(id::HCH, "HCh", 14, 320, 260, false),
        heading(id::H1, "H1", 12, 240, 200, false),
        heading(id::H23, "H23", 10, 200, 160, false),
        heading(id::H4, "H4", 10, 200, 160, true),
        heading(id::H56, "H56", 10, 200, 160, false),
        heading(&id::decision_heading(0), "H1 Decision 1", 12, 240, 200, false),
        heading(&id::decision_heading(1), "H1 Decision 2", 12, 240, 200, false),
        heading(&id::decision_heading(2), "H1 Decision 3", 12, 240, 200, false),
        heading(&id::decision_heading(3), "H1 Decision 4", 12, 240, 200, false),
        heading(&id::decision_heading(4), "H1 Decision 5", 12, 240, 200, false),
        // The number at the left edge, a tab, the text; following lines back at the left edge.
        with_tabs(
            paragraph_style(id::SINGLE_TXT, "SingleTxt")
                .next(id::SINGLE_TXT)
                .line_spacing(spacing(0, 120, 240))
                .indent(Some(BODY_INDENT), Some(SpecialIndentType::FirstLine(0)), Some(BODY_INDENT), None)
                .align(AlignmentType::Both),
            &[tab(BODY_INDENT + LABEL_STEP)],
        ),
    ];
    for depth in 1..=SUB_ITEM_LEVELS {
        let left = item_indent(depth);
        styles.push(with_tabs(
            paragraph_style(&id::sub_item(depth), &format!("SingleTxt Sub-item {depth}"))
                .based_on(id::SINGLE_TXT)
                .next(id::sub_item(depth))
                .indent(Some(left), Some(SpecialIndentType::Hanging(ITEM_STEP)), Some(BODY_INDENT), None),
            &[tab(left)],
        ));
    }
    for depth in 1..=SUB_ITEM_LEVELS {
        let left = decision_item_indent(depth);
        styles.push(with_tabs(
            paragraph_style(&id::decision_item(depth), &format!("SingleTxt Decision Sub-paragraph {depth}"))
                .based_on(id::SINGLE_TXT)
                .next(id::decision_item(depth))
                .indent(Some(left), Some(SpecialIndentType::FirstLine(LABEL_STEP)), Some(BODY_INDENT), None),
            &[tab(left + 2 * LABEL_STEP)],
        ));
    }
    styles.extend([
        with_tabs(
            paragraph_style(id::FOOTNOTE_TEXT, "Footnote Text")
                .size(18)
                .line_spacing(spacing(0, 40, 220))
                .indent(
                    Some(BODY_INDENT + NOTE_HANG),
                    Some(SpecialIndentType::Hanging(NOTE_HANG)),
                    Some(BODY_INDENT),
                    None,
                )
                .align(AlignmentType::Both),
            &[
                Tab::new().val(TabValueType::Right).pos((BODY_INDENT + NOTE_HANG - 40) as usize),
                tab(BODY_INDENT + NOTE_HANG),
            ],
        ),
        {
            let mut s = Style::new(id::FOOTNOTE_REFERENCE, StyleType::Character).name("Footnote Reference");
            s.run_property = s.run_property.clone().vert_align(VertAlignType::SuperScript);
            s
        },
        bottom_rule(
            with_tabs(
                paragraph_style(id::HEADER, "Header").size(18).bold(),
                &[Tab::new().val(TabValueType::Right).pos(FULL_WIDTH as usize)],
            ),
            4,
            1,
        ),
        // The page counter on the outer side, the job number on the inner side.
        with_tabs(
            paragraph_style(id::FOOTER, "Footer").size(18).bold(),
            &[Tab::new().val(TabValueType::Right).pos(FULL_WIDTH as usize)],
        ),
        paragraph_style(id::MASTHEAD_UN, "Masthead United Nations").size(28).line_spacing(spacing(0, 40, 400)),
        paragraph_style(id::MASTHEAD_SYMBOL, "Masthead Symbol")
            .bold()
            .line_spacing(spacing(0, 40, 400))
            .align(AlignmentType::Right),
        paragraph_style(id::MASTHEAD_ORGAN, "Masthead Organ").size(28).bold().line_spacing(spacing(120, 120, 320)),
        paragraph_style(id::MASTHEAD_DISTR, "Masthead Distribution").line_spacing(spacing(0, 0, 240)),
        keep_with_next(
            paragraph_style(id::MASTHEAD_CAPTION, "Masthead Caption").bold().line_spacing(spacing(0, 40, 240)),
        ),
        keep_with_next(
            paragraph_style(id::TITLE, "Title").size(34).bold().line_spacing(spacing(160, 360, 420)).indent(
                Some(BODY_INDENT - HEADING_HANG),
                None,
                Some(mm(15)),
                None,
            ),
        ),
        keep_with_next(
            paragraph_style(id::MASTHEAD_SUBTITLE, "Masthead Subtitle")
                .bold()
                .line_spacing(spacing(0, 120, 240))
                .indent(Some(BODY_INDENT), None, Some(mm(15)), None),
        ),
        keep_with_next(
            paragraph_style(id::MASTHEAD_RAPPORTEUR, "Masthead Rapporteur").line_spacing(spacing(0, 120, 240)).indent(
                Some(BODY_INDENT),
                None,
                Some(mm(15)),
                None,
            ),
        ),
        paragraph_style(id::OFFICIAL_RECORDS, "Official Records").size(28).bold().line_spacing(spacing(0, 0, 320)),
        paragraph_style(id::JOB_NUMBER, "Job Number"),
        paragraph_style(id::BARCODE, "Bar Code").size(24),
        keep_with_next(
            paragraph_style(id::CONTENTS_HEADING, "Contents Heading")
                .size(28)
                .bold()
                .line_spacing(spacing(320, 260, 320))
                .indent(Some(BODY_INDENT - HEADING_HANG), None, Some(BODY_INDENT), None),
        ),
        keep_with_next(
            paragraph_style(id::TABLE_CAPTION, "Table Caption").bold().line_spacing(spacing(240, 120, 240)).indent(
                Some(BODY_INDENT),
                None,
                Some(BODY_INDENT),
                None,
            ),
        ),
        paragraph_style(id::TABLE_HEAD, "Table Head").size(18).italic().line_spacing(spacing(40, 40, 220)),
        paragraph_style(id::TABLE_TEXT, "Table Text").size(18).line_spacing(spacing(40, 40, 220)),
    ]);
    // Contents entries stand in table cells; the entry's indent and tabs depend on the cell and
    // are given on the paragraph.
    for level in 0..3u8 {
        styles.push(paragraph_style(&id::toc(level), &format!("toc {}", level + 1)).line_spacing(spacing(0, 120, 240)));
    }
    styles.push(
        paragraph_style(id::TOC_HEAD, "Contents Column Head").size(18).italic().line_spacing(spacing(0, 120, 240)),
    );
    styles
}
