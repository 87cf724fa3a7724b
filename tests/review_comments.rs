//! Comments and changes back from Word: a DOCX we wrote for the reference session is annotated
//! by LibreOffice itself (driven through UNO by `tests/support/annotate_docx.py`: comments on
//! four paragraphs, a tracked change), saved as DOCX, and brought back with
//! `rapporteur review import`; every comment must land on the right paragraph id, the change
//! must be a proposed text, and `review accept` must put the new wording into the data so that
//! the next build prints it — with the rest of the YAML file untouched.

mod common;
use common::copy_dir;

use std::path::{Path, PathBuf};
use std::process::Command;

use rapporteur::review::suggestions::{self, Anchoring, Kind, Status};
use rapporteur::writers::{Format, WriteOptions};

fn rapporteur(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur")).args(args).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

fn build(session: &Path, format: Format) -> Vec<u8> {
    let compiled = rapporteur::build::compile(session).unwrap_or_else(|d| panic!("{d}"));
    let opts = WriteOptions { templates: compiled.templates.clone(), no_pdf_standards: true };
    format.write(&compiled.document, &opts).unwrap_or_else(|d| panic!("{d}"))
}

fn require(tool: &str) {
    let found =
        Command::new("sh").arg("-c").arg(format!("command -v {tool}")).output().is_ok_and(|o| o.status.success());
    assert!(found, "`{tool}` is needed for this test (tests/run.sh installs it)");
}

/// Runs the UNO script with `spec`.
fn annotate(spec: &serde_json::Value, dir: &Path) {
    require("soffice");
    let python = if Path::new("/usr/bin/python3").exists() { "/usr/bin/python3" } else { "python3" };
    let spec_path = dir.join("spec.json");
    std::fs::write(&spec_path, spec.to_string()).unwrap();
    let script = common::root().join("tests/support/annotate_docx.py");
    let out = Command::new(python).arg(&script).arg(&spec_path).output().unwrap();
    assert!(
        out.status.success(),
        "annotate_docx.py failed (python3-uno installed?):\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn pdf_text(pdf: &Path) -> String {
    require("pdftotext");
    let out = Command::new("pdftotext").arg("-layout").arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into()
}

#[test]
fn libreoffice_comments_and_changes_come_back_by_paragraph_id() {
    let tmp = tempfile::tempdir().unwrap();
    let session = tmp.path().join("ctoc-cop-wg4-2009");
    copy_dir(&common::root().join("sessions/ctoc-cop-wg4-2009"), &session);
    let original_chapters = std::fs::read_to_string(session.join("chapters.yaml")).unwrap();

    let docx = tmp.path().join("draft.docx");
    std::fs::write(&docx, build(&session, Format::Docx)).unwrap();
    let reviewed = tmp.path().join("reviewed.docx");
    let spec = serde_json::json!({
        "input": docx, "output": reviewed,
        "comments": [
            {"find": "adopted the recommendations below", "author": "Poland", "text": "Say which session."},
            {"find": "issue papers to assist States parties", "author": "Chair", "text": "Who drafts them?"},
            {"find": "soap operas", "author": "Secretariat", "text": "Keep this example?"},
            {"find": "Definition of concepts", "author": "Poland", "text": "Rename the section."}
        ],
        "changes": [{"find": "balanced", "replace": "integrated", "author": "Chair"}]
    });
    annotate(&spec, tmp.path());

    let session_arg = session.to_str().unwrap();
    let (ok, stdout, stderr) = rapporteur(&["review", "import", reviewed.to_str().unwrap(), "--session", session_arg]);
    assert!(ok, "review import failed:\n{stderr}");
    assert!(stderr.contains("5 suggestions imported, 0 already there"), "{stderr}");
    assert!(!stderr.contains("warning"), "every annotation should find its own paragraph:\n{stderr}");
    let written: Vec<PathBuf> = stdout.lines().map(PathBuf::from).collect();
    assert_eq!(written.len(), 5);

    let (all, problems) = suggestions::read_all(&session);
    assert!(problems.is_empty(), "{problems:?}");
    let comment_on = |text: &str| {
        all.iter()
            .find(|s| s.kind == Kind::Comment && s.comment.as_deref() == Some(text))
            .unwrap_or_else(|| panic!("comment {text:?} missing from {all:#?}"))
    };
    for (text, author, id, quoted) in [
        ("Say which session.", "Poland", "recommendations-adopted", "adopted the recommendations below"),
        ("Who drafts them?", "Chair", "definitions-issue-papers", "issue papers to assist States parties"),
        ("Keep this example?", "Secretariat", "prevention-awareness-raising-b", "soap operas"),
        ("Rename the section.", "Poland", "definition-of-concepts", "Definition of concepts"),
    ] {
        let s = comment_on(text);
        assert_eq!(s.paragraph.as_deref(), Some(id), "{s:#?}");
        assert_eq!(s.anchor, Anchoring::Bookmark);
        assert_eq!(s.author, author);
        assert_eq!(s.quoted, quoted);
        assert_eq!(s.status, Status::Open);
        assert!(s.date.starts_with("2009-04-20"), "{}", s.date);
    }
    let change = all.iter().find(|s| s.kind == Kind::Change).expect("the tracked change");
    assert_eq!(change.paragraph.as_deref(), Some("comprehensive-approach"));
    assert_eq!(change.anchor, Anchoring::Bookmark);
    assert_eq!(change.author, "Chair");
    assert!(change.quoted.starts_with("With regard to the overall mandate"), "label stripped: {:?}", change.quoted);
    assert!(change.quoted.contains("comprehensive and balanced approach"));
    let proposed = change.proposed.as_deref().unwrap();
    assert_eq!(proposed, change.quoted.replace("balanced", "integrated"));

    // Deterministic: the same DOCX imported into a fresh copy of the session gives the same bytes.
    let twin = tmp.path().join("twin");
    copy_dir(&common::root().join("sessions/ctoc-cop-wg4-2009"), &twin);
    let (ok, twin_out, stderr) =
        rapporteur(&["review", "import", reviewed.to_str().unwrap(), "--session", twin.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    for (a, b) in written.iter().zip(twin_out.lines()) {
        assert_eq!(a.file_name(), Path::new(b).file_name());
        assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    }

    // Re-importing the same file adds nothing and leaves the files byte for byte.
    let before: Vec<Vec<u8>> = written.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let (ok, _, stderr) = rapporteur(&["review", "import", reviewed.to_str().unwrap(), "--session", session_arg]);
    assert!(ok && stderr.contains("0 suggestions imported, 5 already there"), "{stderr}");
    let after: Vec<Vec<u8>> = written.iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert_eq!(before, after);
    assert_eq!(std::fs::read_dir(session.join("review")).unwrap().count(), 5);

    // The list shows the numbers printed now, the ids, authors and texts.
    let (ok, list, stderr) = rapporteur(&["review", "list", session_arg]);
    assert!(ok, "{stderr}");
    let line = list.lines().find(|l| l.starts_with(&change.id)).expect("the change is listed");
    assert!(
        line.contains("para. 2 [comprehensive-approach]") && line.contains("Chair") && line.contains("change"),
        "{line}"
    );
    let line = list.lines().find(|l| l.contains("soap operas")).expect("the item comment is listed");
    assert!(line.contains("para. 8 (b) [prevention-awareness-raising-b]"), "{line}");

    // Accepting the change puts the new wording into the data; the next build prints it.
    let (ok, _, stderr) = rapporteur(&["review", "accept", session_arg, &change.id]);
    assert!(ok, "accept failed:\n{stderr}");
    let text = String::from_utf8(build(&session, Format::Text)).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("adopt a comprehensive and integrated approach to combating"), "{flat}");
    assert!(!flat.contains("comprehensive and balanced approach"));
    // Only that paragraph's lines changed in chapters.yaml; comments and the rest untouched.
    let edited = std::fs::read_to_string(session.join("chapters.yaml")).unwrap();
    let changed: Vec<(&str, &str)> = original_chapters.lines().zip(edited.lines()).filter(|(a, b)| a != b).collect();
    assert!(!changed.is_empty() && changed.len() <= 6, "{changed:#?}");
    assert!(changed.iter().all(|(a, _)| a.starts_with("              ")), "only the folded text's lines: {changed:#?}");
    assert_eq!(suggestions::read_all(&session).0.iter().find(|s| s.id == change.id).unwrap().status, Status::Accepted);
    // A decision is taken once.
    let (ok, _, stderr) = rapporteur(&["review", "accept", session_arg, &change.id]);
    assert!(!ok && stderr.contains("already accepted"), "{stderr}");
    // Rejecting a comment records it and touches no data.
    let poland = comment_on("Rename the section.").id.clone();
    let (ok, _, stderr) = rapporteur(&["review", "reject", session_arg, &poland]);
    assert!(ok, "{stderr}");
    assert_eq!(std::fs::read_to_string(session.join("chapters.yaml")).unwrap(), edited);
    let (ok, _, stderr) = rapporteur(&["review", "accept", session_arg, "c-nonexistent"]);
    assert!(!ok && stderr.contains("no suggestion `c-nonexistent`"), "{stderr}");
}

/// The hidden bookmarks change nothing in the layout: the DOCX converted by LibreOffice gives
/// the same text on the same pages with and without them.
#[test]
fn bookmarks_do_not_change_the_layout() {
    require("soffice");
    let tmp = tempfile::tempdir().unwrap();
    let session = common::root().join("sessions/ctoc-cop-wg4-2009");
    let with = build(&session, Format::Docx);
    let without = strip_anchors(&with);
    assert_ne!(with, without, "the DOCX has anchors to strip");
    let mut pages = Vec::new();
    for (name, bytes) in [("with.docx", &with), ("without.docx", &without)] {
        std::fs::write(tmp.path().join(name), bytes).unwrap();
        let profile = format!("-env:UserInstallation=file://{}/profile-{name}", tmp.path().display());
        let out = Command::new("soffice")
            .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
            .arg(tmp.path())
            .arg(tmp.path().join(name))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = pdf_text(&tmp.path().join(name.replace(".docx", ".pdf")));
        pages.push(text.split('\u{c}').map(str::to_string).collect::<Vec<_>>());
    }
    assert!(pages[0].len() > 3);
    assert_eq!(pages[0], pages[1]);
}

/// The same package with every `_p_`/`_q_`/`_n_`/`_m_` bookmark removed.
fn strip_anchors(docx: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().to_string();
        let mut text = Vec::new();
        file.read_to_end(&mut text).unwrap();
        if name == "word/document.xml" || name == "word/footnotes.xml" {
            let xml = String::from_utf8(text).unwrap();
            let mut ids = Vec::new();
            let mut kept = String::new();
            let mut rest = xml.as_str();
            while let Some(at) = rest.find("<w:bookmarkStart ") {
                let end = at + rest[at..].find("/>").unwrap() + 2;
                let tag = &rest[at..end];
                kept.push_str(&rest[..at]);
                if ["_p_", "_q_", "_n_", "_m_"].iter().any(|p| tag.contains(&format!("w:name=\"{p}"))) {
                    let id = tag.split("w:id=\"").nth(1).unwrap().split('"').next().unwrap();
                    ids.push(format!("<w:bookmarkEnd w:id=\"{id}\" />"));
                } else {
                    kept.push_str(tag);
                }
                rest = &rest[end..];
            }
            kept.push_str(rest);
            for end in ids {
                kept = kept.replace(&end, "");
            }
            text = kept.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&text).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Nothing is dropped: a comment whose paragraph has gone from the data falls back to the
/// nearest surviving parent (here the section heading above it), and a comment outside every
/// bookmark is kept with its quoted text, unanchored, and reported.
#[test]
fn unanchored_and_orphaned_comments_are_kept_and_reported() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let session = tmp.path().join("s");
    copy_dir(&common::root().join("sessions/ctoc-cop-wg4-2009"), &session);
    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let document = format!(
        r#"<w:document {W}><w:body>
<w:p><w:commentRangeStart w:id="1"/><w:r><w:t>United Nations</w:t></w:r><w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="H1"/></w:pPr><w:bookmarkStart w:id="3" w:name="_p_general"/><w:r><w:t>A.</w:t></w:r><w:r><w:tab/><w:t>General recommendations</w:t></w:r><w:bookmarkEnd w:id="3"/></w:p>
<w:p><w:pPr><w:pStyle w:val="SingleTxt"/></w:pPr><w:bookmarkStart w:id="4" w:name="_p_a_paragraph_deleted_since"/><w:commentRangeStart w:id="2"/><w:r><w:t>Old words</w:t></w:r><w:commentRangeEnd w:id="2"/><w:r><w:commentReference w:id="2"/></w:r><w:bookmarkEnd w:id="4"/></w:p>
</w:body></w:document>"#
    );
    let comments = format!(
        r#"<w:comments {W}><w:comment w:id="1" w:author="A" w:date="2009-04-20T10:00:00Z"><w:p><w:r><w:t>Masthead?</w:t></w:r></w:p></w:comment><w:comment w:id="2" w:author="B" w:date="2009-04-20T11:00:00Z"><w:p><w:r><w:t>Gone?</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in [("word/document.xml", &document), ("word/comments.xml", &comments)] {
        zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    let file = tmp.path().join("hand.docx");
    std::fs::write(&file, zip.finish().unwrap().into_inner()).unwrap();

    let (ok, _, stderr) =
        rapporteur(&["review", "import", file.to_str().unwrap(), "--session", session.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("no paragraph found; kept unanchored with its quoted text “United Nations”"), "{stderr}");
    assert!(stderr.contains("anchored to the enclosing `general`"), "{stderr}");
    let (all, _) = suggestions::read_all(&session);
    assert_eq!(all.len(), 2);
    let masthead = all.iter().find(|s| s.comment.as_deref() == Some("Masthead?")).unwrap();
    assert_eq!((masthead.anchor, masthead.paragraph.as_deref()), (Anchoring::None, None));
    assert_eq!(masthead.quoted, "United Nations");
    let gone = all.iter().find(|s| s.comment.as_deref() == Some("Gone?")).unwrap();
    assert_eq!((gone.anchor, gone.paragraph.as_deref()), (Anchoring::Parent, Some("general")));
    assert_eq!(gone.bookmark.as_deref(), Some("_p_a_paragraph_deleted_since"));
    assert_eq!(gone.quoted, "Old words");
    let (ok, list, _) = rapporteur(&["review", "list", session.to_str().unwrap()]);
    assert!(
        ok && list.contains("(not anchored) [-]") && list.contains("A. General recommendations [general]"),
        "{list}"
    );
}
