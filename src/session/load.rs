//! Reading a session folder: `session.yaml`, the sibling files it includes, the session's own
//! template overrides and its translations (`translations/<lang>.yaml`, parsed by
//! `crate::translate`). This is the only module that reads the filesystem.
//!
//! What comes out is the typed `Session`, a `SourceMap` that turns data paths back into file,
//! line and column for diagnostics, and the `Templates` to render with.

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::session::Session;
use crate::session::locate::Locator;
use crate::templates::Templates;

/// A session as read from disk.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The folder's name, e.g. `ctoc-cop-wg4-2009`.
    pub slug: String,
    pub session: Session,
    pub sources: SourceMap,
    pub templates: Templates,
    /// The session's translations by language (`fr` for `translations/fr.yaml`): the file's
    /// path and text, read as every session file is read; `crate::translate` parses them.
    pub translations: BTreeMap<String, (PathBuf, String)>,
    /// Every file read, by its path relative to the session folder (`session.yaml`,
    /// `attendance.yaml`, `templates/report.typ`), with the SHA-256 of its bytes as read: what
    /// a batch build records in its manifest to know, next time, whether anything changed.
    pub inputs: BTreeMap<String, String>,
}

impl Loaded {
    /// The names of the session's own template files.
    pub fn override_names(&self) -> Vec<String> {
        self.templates.override_names().map(str::to_string).collect()
    }
}

/// The YAML files of one session and where each top-level key came from.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<(PathBuf, Locator)>,
    /// Top-level key → index in `files` (keys not listed live in the first file).
    owners: HashMap<String, usize>,
}

impl SourceMap {
    /// A source map for one in-memory file (tests, importers).
    pub fn single(path: impl Into<PathBuf>, source: &str) -> SourceMap {
        SourceMap { files: vec![(path.into(), Locator::new(source))], owners: HashMap::new() }
    }

    /// The file that holds the value at a data path (the one owning its top-level key).
    pub fn file_for(&self, path: &str) -> Option<&Path> {
        let top = path.split(['.', '[']).next().unwrap_or_default();
        self.files.get(self.owners.get(top).copied().unwrap_or(0)).map(|(file, _)| file.as_path())
    }

    /// Where the value at a data path (`attendance.states_parties[3]`) stands.
    pub fn locate(&self, path: &str) -> Option<Location> {
        let top = path.split(['.', '[']).next().unwrap_or_default();
        let index = self.owners.get(top).copied().unwrap_or(0);
        let (file, locator) = self.files.get(index)?;
        // A key that is not there at all (a required one left out) is reported at the top of
        // the file that should hold it.
        let (line, column) = locator.find(path).unwrap_or((1, 1));
        Some(Location { file: file.clone(), line, column })
    }

    /// Every text value of every file with its data path, sorted by path (for checks that
    /// read all texts, such as the one for skeleton placeholders).
    pub fn texts(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .files
            .iter()
            .flat_map(|(_, locator)| locator.scalars().map(|(p, v)| (p.to_string(), v.to_string())))
            .collect();
        out.sort();
        out
    }

    /// Where the character at `offset` (counted in characters) of the text at `path` stands:
    /// inside a folded or literal block, on its own line and column.
    pub fn locate_in(&self, path: &str, offset: usize) -> Option<Location> {
        let top = path.split(['.', '[']).next().unwrap_or_default();
        let index = self.owners.get(top).copied().unwrap_or(0);
        let (file, locator) = self.files.get(index)?;
        let (line, column) = locator.find_in(path, offset).unwrap_or((1, 1));
        Some(Location { file: file.clone(), line, column })
    }
}

/// The top-level keys of `Session` that an included file may define, and how one is merged —
/// from one list, so that a new key cannot be forgotten in one of the two.
macro_rules! mergeable_keys {
    ($($field:ident),* $(,)?) => {
        const TOP_LEVEL_KEYS: &[&str] = &[$(stringify!($field)),*];

        /// Copies one top-level field from an included file.
        fn merge_key(into: &mut Session, from: &Session, key: &str) {
            match key {
                $(stringify!($field) => into.$field = from.$field.clone(),)*
                _ => {}
            }
        }
    };
}

mergeable_keys!(
    symbol,
    stage,
    distribution,
    date,
    original,
    language,
    organ,
    body,
    meeting,
    title,
    job_number,
    agenda,
    officers,
    attendance,
    statements,
    meetings,
    articles,
    contents,
    keep_names_as_recorded,
    chapters,
    annexes,
    documents,
    next_agenda,
    parts,
    footnotes,
);

/// Reads the session in `dir`.
pub fn load(dir: &Path) -> Result<Loaded, Diagnostics> {
    let entry = dir.join(ENTRY);
    if !dir.is_dir() {
        return Err(Diagnostic::error(format!("`{}` is not a folder", dir.display()))
            .with_hint(
                "give the session's folder, e.g. `sessions/ctoc-cop-wg4-2009`; `rapporteur new <slug>` makes one",
            )
            .into());
    }
    let text = read(dir, &entry)?;
    let mut inputs = BTreeMap::from([(ENTRY.to_string(), crate::manifest::sha256_hex(text.as_bytes()))]);
    let mut session: Session = parse(&entry, &text)?;
    let mut sources = SourceMap::default();
    let main_keys = top_level_keys(&text);
    sources.files.push((entry.clone(), Locator::new(&text)));
    let mut owner_paths: HashMap<String, PathBuf> = main_keys.iter().map(|k| (k.clone(), entry.clone())).collect();

    let mut diags = Diagnostics::new();
    let includes = std::mem::take(&mut session.include);
    for (n, name) in includes.iter().enumerate() {
        let at = sources.locate(&format!("include[{n}]"));
        let Some(path) = contained(dir, name) else {
            diags.push(
                Diagnostic::error(format!("`{name}` is not a file inside the session folder"))
                    .at(at)
                    .with_hint("include sibling files by relative name, e.g. `attendance.yaml`"),
            );
            continue;
        };
        let text = match read(dir, &path) {
            Ok(t) => t,
            Err(e) => {
                diags.extend(e);
                continue;
            }
        };
        inputs.insert(name.clone(), crate::manifest::sha256_hex(text.as_bytes()));
        let part: Session = match parse(&path, &text) {
            Ok(p) => p,
            Err(e) => {
                diags.extend(e);
                continue;
            }
        };
        let index = sources.files.len();
        let locator = Locator::new(&text);
        for key in top_level_keys(&text) {
            let here = locator.find(&key).map(|(line, column)| Location { file: path.clone(), line, column });
            if key == "include" {
                diags.push(
                    Diagnostic::error("an included file cannot include others")
                        .at(here)
                        .with_hint("list every file in session.yaml's `include`"),
                );
            } else if let Some(first) = owner_paths.get(&key) {
                diags.push(
                    Diagnostic::error(format!("`{key}` is defined twice"))
                        .at(here)
                        .with_hint(format!("it is already defined in {}; keep one", first.display())),
                );
            } else if TOP_LEVEL_KEYS.contains(&key.as_str()) {
                merge_key(&mut session, &part, &key);
                sources.owners.insert(key.clone(), index);
                owner_paths.insert(key, path.clone());
            }
        }
        sources.files.push((path, locator));
    }
    session.include = includes;
    if diags.has_errors() {
        return Err(diags);
    }
    let overrides = read_overrides(dir, &dir.join(TEMPLATES))?;
    for (name, source) in &overrides {
        inputs.insert(format!("{TEMPLATES}/{name}"), crate::manifest::sha256_hex(source.as_bytes()));
    }
    let templates = Templates::with_overrides(overrides);
    let slug = dir
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "session".into());
    let translations = read_translations(dir)?;
    for (lang, (_, text)) in &translations {
        inputs.insert(format!("{TRANSLATIONS}/{lang}.yaml"), crate::manifest::sha256_hex(text.as_bytes()));
    }
    Ok(Loaded { slug, session, sources, templates, translations, inputs })
}

/// Every `translations/<lang>.yaml` of the session, by language. Only files directly in the
/// folder whose name is a language tag (letters, digits and `-`) are read, each as `read` reads
/// a file: inside the session, regular, capped.
fn read_translations(dir: &Path) -> Result<BTreeMap<String, (PathBuf, String)>, Diagnostics> {
    /// More languages than any report has (six official ones, and a few others).
    const MAX_FILES: usize = 100;
    let folder = dir.join(TRANSLATIONS);
    let mut out = BTreeMap::new();
    let Ok(meta) = std::fs::symlink_metadata(&folder) else {
        return Ok(out);
    };
    if meta.file_type().is_symlink() {
        return Err(Diagnostic::error(format!("{} is a symbolic link", folder.display()))
            .with_hint("a session reads only its own files: make `translations` a real folder")
            .into());
    }
    if !meta.is_dir() {
        return Ok(out);
    }
    let cannot = |e: std::io::Error| {
        Diagnostic::error(format!("cannot read {}: {}", folder.display(), crate::safety::io_reason(&e)))
    };
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .map_err(cannot)?
        .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()
        .map_err(cannot)?;
    names.sort();
    for name in names {
        let Some(lang) = name.strip_suffix(".yaml") else { continue };
        if lang.is_empty() || !lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            continue;
        }
        if out.len() >= MAX_FILES {
            return Err(Diagnostic::error(format!("{} holds more than {MAX_FILES} translations", folder.display()))
                .with_hint("keep one `<lang>.yaml` per language")
                .into());
        }
        let path = folder.join(&name);
        let text = read(dir, &path)?;
        out.insert(lang.to_string(), (path, text));
    }
    Ok(out)
}

/// The entry file of a session folder.
pub const ENTRY: &str = "session.yaml";
/// The folder of a session's own templates, inside the session folder.
const TEMPLATES: &str = "templates";
/// The folder of a session's translations (`translations/fr.yaml`), inside the session folder.
const TRANSLATIONS: &str = "translations";

/// The SHA-256 of the files a session would read now, given the files (relative paths, as in
/// `Loaded::inputs`) its last build read: the same files again, except that the `templates/`
/// folder is walked afresh (a new override changes no other file). `None` if one cannot be read
/// as `load` reads it. A batch build compares this with its manifest to skip a session without
/// parsing it; if `session.yaml` is unchanged, so is its list of included files.
pub fn fingerprint<'a>(dir: &Path, last: impl IntoIterator<Item = &'a str>) -> Option<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for name in last {
        if name.starts_with(&format!("{TEMPLATES}/")) || name.starts_with(&format!("{TRANSLATIONS}/")) {
            continue;
        }
        let text = read(dir, &contained(dir, name)?).ok()?;
        out.insert(name.to_string(), crate::manifest::sha256_hex(text.as_bytes()));
    }
    for (name, source) in read_overrides(dir, &dir.join(TEMPLATES)).ok()? {
        out.insert(format!("{TEMPLATES}/{name}"), crate::manifest::sha256_hex(source.as_bytes()));
    }
    // Translations are found afresh too: a new language file changes no other file.
    for (lang, (_, text)) in read_translations(dir).ok()? {
        out.insert(format!("{TRANSLATIONS}/{lang}.yaml"), crate::manifest::sha256_hex(text.as_bytes()));
    }
    Some(out)
}

/// The keys of the top-level mapping of a YAML text (unparsable text gives none).
fn top_level_keys(text: &str) -> Vec<String> {
    use saphyr_parser::{Event, Parser};
    let mut keys = Vec::new();
    let mut depth = 0usize;
    let mut expect_key = true;
    for event in Parser::new_from_str(text) {
        let Ok((event, _)) = event else { break };
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if depth == 1 {
                    expect_key = true;
                }
                depth += 1;
            }
            Event::MappingEnd | Event::SequenceEnd => depth = depth.saturating_sub(1),
            Event::Scalar(value, ..) if depth == 1 => {
                if expect_key {
                    keys.push(value.into_owned());
                }
                expect_key = !expect_key;
            }
            Event::Alias(_) if depth == 1 => expect_key = !expect_key,
            _ => {}
        }
    }
    keys
}

/// Deserializes one file, turning a serde error into a located diagnostic in the format's own
/// words (see `explain`).
fn parse(path: &Path, text: &str) -> Result<Session, Diagnostics> {
    serde_saphyr::from_str_with_options::<Session>(text, crate::safety::yaml_options()).map_err(|e| {
        let mut diagnostic = crate::session::explain::diagnostic(path, text, &e);
        // A breached reading budget (hostile sizes, nesting, aliases) is said in plain words,
        // never as serde-saphyr's internal `Nodes { nodes: 250001 }`.
        if e.to_string().contains("budget breached: ") {
            diagnostic.message = crate::safety::plain_yaml_message(&e.to_string());
        }
        diagnostic.into()
    })
}

/// Reads a file of the session in `root`: it must resolve (symbolic links followed) to a regular
/// file inside the session folder, of at most `limits::FILE_BYTES`. A session received from
/// someone else can thus not copy the reader's own files (`/etc/passwd` behind a symlink) into
/// the report, nor make the program read without end (`/dev/zero`, a fifo).
fn read(root: &Path, path: &Path) -> Result<String, Diagnostics> {
    let fail = |message: String, hint: &str| -> Diagnostics { Diagnostic::error(message).with_hint(hint).into() };
    let cannot = |e: std::io::Error| {
        let hint = if e.kind() == std::io::ErrorKind::NotFound {
            "check the name; `rapporteur new <slug>` writes a session folder with session.yaml"
        } else {
            "the file must be readable UTF-8 text"
        };
        fail(format!("cannot read {}: {}", path.display(), crate::safety::io_reason(&e)), hint)
    };
    let resolved = path.canonicalize().map_err(cannot)?;
    let inside = root.canonicalize().is_ok_and(|r| resolved.starts_with(r));
    if !inside {
        return Err(fail(
            format!("{} leads outside the session folder (to {})", path.display(), resolved.display()),
            "a session reads only its own files: replace the symbolic link with the file itself",
        ));
    }
    // Looked at before opening: opening a fifo waits for a writer.
    if !std::fs::metadata(&resolved).map_err(cannot)?.is_file() {
        return Err(fail(
            format!("{} is not a regular file", path.display()),
            "a session is made of text files; devices, fifos and sockets are not read",
        ));
    }
    let file = std::fs::File::open(&resolved).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(fail(
            format!("{} is not a regular file", path.display()),
            "a session is made of text files; devices, fifos and sockets are not read",
        ));
    }
    let cap = crate::safety::limits::FILE_BYTES;
    if meta.len() > cap {
        return Err(fail(
            format!("{} is {} bytes; the most a session file may have is {cap}", path.display(), meta.len()),
            "split it with `include:`; see \"Limits\" in README.md",
        ));
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(file, cap + 1), &mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > cap {
        return Err(fail(
            format!("{} grew past {cap} bytes while read", path.display()),
            "see \"Limits\" in README.md",
        ));
    }
    String::from_utf8(bytes).map_err(|_| {
        fail(format!("cannot read {}: it is not UTF-8 text", path.display()), "the file must be readable UTF-8 text")
    })
}

/// `name` joined to `dir` if it is a plain relative path that stays inside `dir`.
fn contained(dir: &Path, name: &str) -> Option<PathBuf> {
    let rel = Path::new(name);
    rel.components().all(|c| matches!(c, Component::Normal(_))).then(|| dir.join(rel))
}

/// Every file under the session's `templates/` folder, by its path relative to it. Folders are
/// walked without following symbolic links to folders (a link to `..` would never end), and each
/// file is read as `read` reads it: inside the session, regular, capped.
fn read_overrides(root: &Path, dir: &Path) -> Result<BTreeMap<String, String>, Diagnostics> {
    /// More files than any session's templates: a bound on the walk.
    const MAX_FILES: usize = 1_000;
    let mut out = BTreeMap::new();
    let Ok(meta) = std::fs::symlink_metadata(dir) else {
        return Ok(out);
    };
    if meta.file_type().is_symlink() {
        return Err(Diagnostic::error(format!("{} is a symbolic link", dir.display()))
            .with_hint("a session reads only its own files: make `templates` a real folder")
            .into());
    }
    if !meta.is_dir() {
        return Ok(out);
    }
    let mut pending = vec![dir.to_path_buf()];
    let cannot = |folder: &Path, e: std::io::Error| {
        Diagnostic::error(format!("cannot read {}: {}", folder.display(), crate::safety::io_reason(&e)))
    };
    while let Some(folder) = pending.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|e| cannot(&folder, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| cannot(&folder, e))?;
            let path = entry.path();
            let kind = entry.file_type().map_err(|e| cannot(&path, e))?;
            if kind.is_dir() {
                pending.push(path);
                continue;
            }
            if kind.is_symlink() && path.is_dir() {
                return Err(Diagnostic::error(format!("{} is a symbolic link to a folder", path.display()))
                    .with_hint("a session reads only its own files: copy the templates in")
                    .into());
            }
            if out.len() >= MAX_FILES {
                return Err(Diagnostic::error(format!("{} holds more than {MAX_FILES} files", dir.display()))
                    .with_hint("a session's `templates/` holds only the templates it overrides")
                    .into());
            }
            let name = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.insert(name, read(root, &path)?);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_top_level_mapping() {
        let keys = top_level_keys("a: 1\nb:\n  c: 2\n  d: [x, y]\ne: {f: g}\n");
        assert_eq!(keys, vec!["a", "b", "e"]);
    }

    #[test]
    fn containment() {
        assert!(contained(Path::new("s"), "a.yaml").is_some());
        assert!(contained(Path::new("s"), "sub/a.yaml").is_some());
        assert!(contained(Path::new("s"), "../a.yaml").is_none());
        assert!(contained(Path::new("s"), "/etc/passwd").is_none());
    }
}
