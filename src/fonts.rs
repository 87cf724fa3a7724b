//! The fonts compiled into the binary: the PDF writer typesets with them, and `check` reads their
//! character maps so that text the PDF could not print is found with its position.

/// Liberation Serif 2.x (SIL Open Font License 1.1, see `fonts/`): Times New Roman metrics.
/// Regular, bold, italic, bold italic.
pub const FONT_FILES: &[&[u8]] = &[
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
];
