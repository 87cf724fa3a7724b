//! The typst `World` of one PDF build: the layout template as the only source file, the
//! `Document` as the data file (`/doc.json`) with its language's fonts and direction
//! (`/script.json`), the fonts compiled into the binary, and the
//! session's date as "today". Nothing else exists in it: any other path is "not found", so a
//! template (or a hostile string, were it ever evaluated) cannot read the filesystem, and no
//! system font or clock can change the output.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The virtual path of the layout template (the main source).
pub const MAIN_PATH: &str = "/report.typ";
/// The virtual path under which the template reads the document: `json("/doc.json")`.
pub const DOC_PATH: &str = "/doc.json";
/// The virtual path of the document language's fonts and direction: `json("/script.json")`,
/// `{"families": ["Amiri", "Liberation Serif"], "dir": "rtl"}` (see `crate::fonts`).
pub const SCRIPT_PATH: &str = "/script.json";

/// The fonts, parsed once per process.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = crate::fonts::font_files().flat_map(|data| Font::iter(Bytes::new(data))).collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

/// The standard library, built once per process.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

fn file_id(path: &str) -> FileId {
    // The paths are constants that `VirtualPath::new` accepts.
    let vpath = VirtualPath::new(path).expect("a valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// The world of one build.
pub struct ReportWorld {
    main: Source,
    doc_id: FileId,
    doc_json: Bytes,
    script_id: FileId,
    script_json: Bytes,
    today: Option<Datetime>,
}

impl ReportWorld {
    /// `template` is the typst source of the layout, `doc_json` the serialized `Document`,
    /// `language` its language (for `/script.json`), `today` the session's date.
    pub fn new(template: &str, doc_json: Vec<u8>, language: &str, today: Option<Datetime>) -> Self {
        let main = Source::new(file_id(MAIN_PATH), template.to_owned());
        let mut families: Vec<serde_json::Value> =
            crate::fonts::families(language).iter().map(|f| serde_json::Value::from(f.name)).collect();
        if crate::fonts::latin_in_latin_face(language) {
            // typst's `covers: "latin-in-cjk"`: Latin letters from the Latin face, the punctuation
            // Chinese and Latin share from the Chinese one.
            let latin = crate::fonts::LIBERATION_SERIF.name;
            families.insert(0, serde_json::json!({ "name": latin, "covers": "latin-in-cjk" }));
        }
        let dir = if crate::fonts::right_to_left(language) { "rtl" } else { "ltr" };
        let script = serde_json::json!({ "families": families, "dir": dir }).to_string();
        ReportWorld {
            main,
            doc_id: file_id(DOC_PATH),
            doc_json: Bytes::new(doc_json),
            script_id: file_id(SCRIPT_PATH),
            script_json: Bytes::from_string(script),
            today,
        }
    }

    /// Whether the file is the template (for locating diagnostics).
    pub fn is_main(&self, id: FileId) -> bool {
        id == self.main.id()
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.doc_id || id == self.script_id {
            Err(FileError::NotSource)
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.doc_id {
            Ok(self.doc_json.clone())
        } else if id == self.script_id {
            Ok(self.script_json.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().into())
}
