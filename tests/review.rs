//! The chairperson's review: drafts (stage, L. symbol, distribution) and `rapporteur diff` of two
//! versions of the reference session, judged by real consumers — LibreOffice accepting and
//! rejecting the tracked changes (through UNO, `tests/support/lo_redlines.py`), pdftotext.

mod common;
use common::copy_dir;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use rapporteur::build::compile;
use rapporteur::review::diff::{ChangeKind, compare};
use rapporteur::writers::{Format, WriteOptions};

/// Copies the reference session into `dir/<name>` and returns the copy's path.
fn copy_reference(dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    copy_dir(&common::reference_session(), &to);
    to
}

/// Replaces `from` (which must occur exactly once) in `file`.
fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert_eq!(text.matches(from).count(), 1, "`{from}` in {}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

const INSERTED: &str = "          - id: adherence-regional-review
            text: >-
              States should review, at the regional level and at regular intervals, the progress
              made towards universal adherence to the Trafficking in Persons Protocol.
";

/// The reference session (`old`) and a new version of it (`new`): a paragraph inserted as ¶4, the
/// old ¶46 deleted — so ¶4-¶45 all get the next number —, ¶7 reworded, ¶9 (section I.F) moved to
/// the end of section I.G, after ¶11.
fn two_versions(dir: &Path) -> (PathBuf, PathBuf) {
    let old = copy_reference(dir, "old");
    let new = copy_reference(dir, "ctoc-cop-wg4-2009");
    let chapters = new.join("chapters.yaml");
    // Inserted: a new ¶4.
    edit(&chapters, "          # ¶4\n", &format!("{INSERTED}          # ¶4\n"));
    // Deleted: ¶46.
    let text = std::fs::read_to_string(&chapters).unwrap();
    let start = text.find("      # ¶46\n").unwrap();
    let end = text.find("      # ¶47\n").unwrap();
    std::fs::write(&chapters, format!("{}{}", &text[..start], &text[end..])).unwrap();
    // Reworded: ¶7.
    edit(
        &chapters,
        "Secretariat should prepare, in consultation",
        "Secretariat should prepare and publish, in consultation",
    );
    // Moved: ¶9 to the end of the next section.
    let text = std::fs::read_to_string(&chapters).unwrap();
    let start = text.find("          # ¶9\n").unwrap();
    let end = text.find("          # ¶10\n").unwrap();
    let moved = text[start..end].to_string();
    let without = format!("{}{}", &text[..start], &text[end..]);
    let to = without.find("      # I.H.\n").unwrap();
    let before = without[..to].trim_end_matches('\n');
    std::fs::write(&chapters, format!("{before}\n{moved}\n{}", &without[to..])).unwrap();
    (old, new)
}

fn rapporteur(args: &[&str], cwd: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur")).args(args).current_dir(cwd).output().unwrap()
}

#[test]
fn diff_reports_exactly_the_four_changes_and_no_renumbering() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = two_versions(dir.path());
    let (old_c, new_c) = (compile(&old).unwrap(), compile(&new).unwrap());
    let cmp = compare(&old_c.document, &new_c.document, "rapporteur", "old");
    let mut got: Vec<(ChangeKind, &str, Option<&str>, Option<&str>)> =
        cmp.changes.iter().map(|c| (c.kind, c.id.as_str(), c.old_num.as_deref(), c.new_num.as_deref())).collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (ChangeKind::Added, "adherence-regional-review", None, Some("4.")),
            (ChangeKind::Deleted, "technical-assistance-presentation", Some("46."), None),
            (ChangeKind::Changed, "definitions-issue-papers", Some("7."), Some("8.")),
            (ChangeKind::Moved, "training-front-line", Some("9."), Some("12.")),
        ]
    );
    // The concordance: every old paragraph from 4 to 45 has the next number, but for the two
    // that the moved paragraph passed.
    let rows: HashMap<&str, (Option<&str>, Option<&str>)> =
        cmp.concordance.iter().map(|r| (r.id.as_str(), (r.old.as_deref(), r.new.as_deref()))).collect();
    assert_eq!(rows["adherence-obstacles-checklist"], (Some("4."), Some("5.")));
    assert_eq!(rows["training-capacity-building"], (Some("10."), Some("10.")));
    assert_eq!(rows["labour-exploitation-measures"], (Some("11."), Some("11.")));
    assert_eq!(rows["un-gift-briefing"], (Some("47."), Some("47.")));
    let renumbered = cmp.concordance.iter().filter(|r| r.old.is_some() && r.new.is_some() && r.old != r.new).count();
    assert_eq!(renumbered, 40, "¶4-¶45 but ¶10 and ¶11");

    // The command line prints the same.
    let out_dir = dir.path().join("out");
    let out = rapporteur(
        &[
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "-o",
            out_dir.to_str().unwrap(),
            "--format",
            "text,html",
        ],
        dir.path(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("4 changes against CTOC/COP/WG.4/2009/2"), "{stdout}");
    assert!(stdout.contains(": 1 added, 1 deleted, 1 changed, 1 moved"), "{stdout}");
    assert!(stdout.contains("4→5"), "{stdout}");
    let concordance = std::fs::read_to_string(out_dir.join("concordance.tsv")).unwrap();
    assert!(concordance.contains("46\t—\ttechnical-assistance-presentation\n"), "{concordance}");
    assert!(concordance.contains("—\t4\tadherence-regional-review\n"), "{concordance}");
    let text = std::fs::read_to_string(out_dir.join("ctoc-cop-wg4-2009-redline.txt")).unwrap();
    assert!(text.contains("should prepare{+ and publish+}, in consultation"), "{text}");
    let html = std::fs::read_to_string(out_dir.join("ctoc-cop-wg4-2009-redline.html")).unwrap();
    assert!(html.contains("prepare<ins> and publish</ins>, in"), "word-level insertion");
    assert!(html.contains("class=\"para rev rev-deleted\" id=\"technical-assistance-presentation\""));
    assert!(html.contains("class=\"para rev rev-moved_to\" id=\"training-front-line\""));
    assert!(html.contains("id=\"training-front-line.moved-from\""));
    assert!(html.contains("class=\"legend\""));
    assert_eq!(html.matches("class=\"para rev ").count(), 5, "4 changes, a move marked at both places");
}

/// The text of a file written by lo_redlines.py: its lines, blank ones left out.
fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// A Python that has LibreOffice's UNO bridge (Debian's python3-uno is for /usr/bin/python3).
fn uno_python() -> &'static str {
    for python in ["/usr/bin/python3", "python3"] {
        let ok = Command::new(python).args(["-c", "import uno"]).output().is_ok_and(|o| o.status.success());
        if ok {
            return python;
        }
    }
    panic!("a python3 with the `uno` module is needed (Debian: apt-get install python3-uno)");
}

fn libreoffice(docx: &Path, out: &Path) {
    let script = common::root().join("tests/support/lo_redlines.py");
    let run = Command::new(uno_python()).arg(script).arg(docx).arg(out).output().unwrap();
    assert!(run.status.success(), "lo_redlines.py {}: {}", docx.display(), String::from_utf8_lossy(&run.stderr));
}

#[test]
fn tracked_changes_accepted_in_libreoffice_give_the_new_text_and_rejected_the_old() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = two_versions(dir.path());
    let (old_c, new_c) = (compile(&old).unwrap(), compile(&new).unwrap());
    let cmp = compare(&old_c.document, &new_c.document, "Chair", "old");
    let opts = WriteOptions { templates: new_c.templates.clone(), no_pdf_standards: false };
    let docx = |doc, name: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, Format::Docx.write(doc, &opts).unwrap()).unwrap();
        path
    };
    let tracked = docx(&cmp.marked, "tracked.docx");
    let old_docx = docx(&old_c.document, "old.docx");
    let new_docx = docx(&new_c.document, "new.docx");
    // Deterministic: the same marked copy, the same bytes.
    assert_eq!(std::fs::read(&tracked).unwrap(), Format::Docx.write(&cmp.marked, &opts).unwrap());

    // What Word reads: deletions as w:delText, paragraph marks of added and deleted paragraphs
    // tracked, the move as a named pair of ranges.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&tracked).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    assert!(xml.contains("<w:delText xml:space=\"preserve\">In another presentation"), "the deleted ¶46");
    assert_eq!(xml.matches("<w:t xml:space=\"preserve\">With regard to training").count(), 2, "moved text is w:t");
    assert!(xml.contains("<w:rPr><w:ins w:id=") && xml.contains("<w:rPr><w:del w:id="), "paragraph marks");
    assert!(xml.contains("<w:moveFromRangeStart ") && xml.contains("<w:moveToRangeStart "));
    assert_eq!(xml.matches("w:name=\"move1\"").count(), 2, "one move, its two places paired");

    let (t, o, n) = (dir.path().join("lo-tracked"), dir.path().join("lo-old"), dir.path().join("lo-new"));
    libreoffice(&tracked, &t);
    libreoffice(&old_docx, &o);
    libreoffice(&new_docx, &n);
    let redlines = lines(&o.join("redlines.txt"));
    assert!(redlines.is_empty(), "an ordinary build has no tracked changes: {redlines:?}");

    let accepted = lines(&t.join("accepted.txt"));
    let new_text = lines(&n.join("shown.txt"));
    assert_eq!(accepted.len(), new_text.len());
    for (a, b) in accepted.iter().zip(&new_text) {
        assert_eq!(a, b, "accepted ≠ new");
    }
    let rejected = lines(&t.join("rejected.txt"));
    let old_text = lines(&o.join("shown.txt"));
    assert_eq!(rejected.len(), old_text.len());
    for (a, b) in rejected.iter().zip(&old_text) {
        assert_eq!(a, b, "rejected ≠ old");
    }

    // What LibreOffice read: insertions and deletions by the author, dated the new version's day.
    let redlines = lines(&t.join("redlines.txt"));
    assert!(redlines.iter().all(|r| r.ends_with("\tChair\t2009-04-21")), "{redlines:?}");
    assert!(redlines.iter().any(|r| r.starts_with("Insert\t")) && redlines.iter().any(|r| r.starts_with("Delete\t")));

    // LibreOffice's PDF of the tracked document loses no text: the letters of the body, in
    // order, and of each footnote are all printed (running heads, page numbers and the notes at
    // the foot of the pages come in between; hyphenation at a line's end is left out). The
    // layout mode reads each printed line whole, hanging labels included.
    let pdf = t.join("shown.pdf");
    let text = Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output().unwrap();
    assert!(text.status.success());
    let printed = letters(&String::from_utf8_lossy(&text.stdout));
    let shown = lines(&t.join("shown.txt"));
    let (notes, body): (Vec<&String>, Vec<&String>) = shown.iter().partition(|l| l.starts_with("footnote: "));
    // The masthead (a table, whose cells LibreOffice and pdftotext read in different orders)
    // line by line; from chapter I on, the whole body in order.
    let first = body.iter().position(|l| l.starts_with("I.\t")).expect("chapter I");
    for line in &body[..first] {
        assert_in_order(&letters(line), &printed, line);
    }
    // Labels ("A.", "(b)", "12.") stand in a column of their own, which pdftotext reads apart.
    let unlabelled = |l: &str| match l.split_once('\t') {
        Some((label, rest)) if label.chars().count() <= 6 => rest.to_string(),
        _ => l.to_string(),
    };
    let body: String = body[first..].iter().map(|l| letters(&unlabelled(l))).collect();
    assert!(body.len() > 20_000, "the body is there: {} letters", body.len());
    assert_in_order(&body, &printed, "the body");
    for note in notes {
        assert_in_order(&letters(note.trim_start_matches("footnote: ")), &printed, note);
    }
}

/// The letters of `text`, without hyphens or anything else.
fn letters(text: &str) -> String {
    text.chars().filter(|c| c.is_alphabetic()).collect()
}

/// That `part` stands in `whole` in order (other letters between allowed), else where it stops.
fn assert_in_order(part: &str, whole: &str, what: &str) {
    let mut rest = whole.chars();
    for (i, c) in part.chars().enumerate() {
        if !rest.any(|w| w == c) {
            let at: String = part.chars().skip(i.saturating_sub(40)).take(80).collect();
            panic!("{what}: not in the PDF from around “{at}”");
        }
    }
}

/// The reference as its own L.1 draft: stage draft, the L. symbol, no distribution given.
fn draft(dir: &Path) -> PathBuf {
    let session = copy_reference(dir, "ctoc-cop-wg4-2009-draft");
    let yaml = session.join("session.yaml");
    edit(
        &yaml,
        "symbol: CTOC/COP/WG.4/2009/2\ndistribution: General\n",
        "symbol: CTOC/COP/WG.4/2009/L.1\nstage: draft\n",
    );
    edit(&yaml, "title: Report on the meeting", "title: Draft report on the meeting");
    session
}

#[test]
fn a_draft_builds_in_every_format_as_a_limited_l_document() {
    let dir = tempfile::tempdir().unwrap();
    let session = draft(dir.path());
    let compiled = compile(&session).unwrap();
    let about_symbol: Vec<_> = compiled.warnings.0.iter().filter(|w| w.message.contains("symbol")).collect();
    assert!(about_symbol.is_empty(), "{about_symbol:?}");
    let doc = &compiled.document;
    assert_eq!(doc.masthead.distribution, "Limited");
    assert_eq!(doc.masthead.symbol, "CTOC/COP/WG.4/2009/L.1");
    let opts = WriteOptions { templates: compiled.templates.clone(), no_pdf_standards: false };
    let out = |f: Format| Format::write(f, doc, &opts).unwrap();

    let text = String::from_utf8(out(Format::Text)).unwrap();
    assert!(text.contains("Distr.: Limited") && text.contains("CTOC/COP/WG.4/2009/L.1"));
    assert!(text.contains("Draft report on the meeting"));
    let html = String::from_utf8(out(Format::Html)).unwrap();
    assert!(html.contains("<p>Distr.: Limited</p>") && html.contains("/COP/WG.4/2009/L.1"));
    let akn = String::from_utf8(out(Format::Akn)).unwrap();
    assert!(akn.contains("CTOC-COP-WG.4-2009-L.1"), "FRBR IRIs carry the L. symbol");
    assert!(akn.contains(">Limited<"));

    let docx = out(Format::Docx);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let part = |zip: &mut zip::ZipArchive<_>, name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let body = part(&mut zip, "word/document.xml");
    assert!(body.contains("Distr.: Limited") && body.contains("/COP/WG.4/2009/L.1"));
    let headers: String = (1..=3).map(|i| part(&mut zip, &format!("word/header{i}.xml"))).collect();
    assert_eq!(headers.matches("CTOC/COP/WG.4/2009/L.1").count(), 2, "odd and even running heads");

    let pdf_path = dir.path().join("draft.pdf");
    std::fs::write(&pdf_path, out(Format::Pdf)).unwrap();
    let page = |n: &str| {
        let o = Command::new("pdftotext").args(["-f", n, "-l", n, "-layout"]).arg(&pdf_path).arg("-").output().unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let (first, second) = (page("1"), page("2"));
    assert!(first.contains("Distr.: Limited") && first.contains("/COP/WG.4/2009/L.1"), "{first}");
    assert!(second.contains("CTOC/COP/WG.4/2009/L.1"), "running head on page 2: {second}");
}

#[test]
fn distribution_is_a_closed_set_and_symbols_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let session = copy_reference(dir.path(), "s");
    let yaml = session.join("session.yaml");
    edit(&yaml, "distribution: General\n", "distribution: limited\n");
    assert_eq!(compile(&session).unwrap().document.masthead.distribution, "Limited", "any case, printed capitalised");

    edit(&yaml, "distribution: limited\n", "distribution: public\n");
    let err = compile(&session).unwrap_err();
    let d = &err.0[0];
    assert!(d.message.contains("unknown distribution `public`"), "{d:?}");
    assert!(d.message.contains("General, Limited, Restricted"), "{d:?}");
    let line =
        std::fs::read_to_string(&yaml).unwrap().lines().position(|l| l.starts_with("distribution: public")).unwrap()
            + 1;
    assert_eq!(d.location.as_ref().map(|l| (l.line, l.column)), Some((line, 15)), "{d:?}");

    edit(&yaml, "distribution: public\n", "distribution: General\n");
    edit(&yaml, "symbol: CTOC/COP/WG.4/2009/2\n", "symbol: CTOC/COP/WG.4/2009/l1\n");
    let err = compile(&session).unwrap_err();
    let d = err.0.iter().find(|d| d.message.contains("l1")).expect("an error about the symbol");
    assert!(d.hint.as_deref().unwrap_or_default().contains("`L.1`"), "{d:?}");
    let line = std::fs::read_to_string(&yaml).unwrap().lines().position(|l| l.starts_with("symbol: ")).unwrap() + 1;
    assert_eq!(d.location.as_ref().map(|l| l.line), Some(line), "{d:?}");
}

#[test]
fn diff_reads_an_old_version_out_of_git() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .current_dir(repo)
            .output()
            .unwrap();
        assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    };
    git(&["init", "-q"]);
    let session = copy_reference(&repo.join("sessions"), "ctoc-cop-wg4-2009");
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "as issued"]);
    edit(
        &session.join("chapters.yaml"),
        "Secretariat should prepare, in consultation",
        "Secretariat should prepare and publish, in consultation",
    );
    let out = rapporteur(
        &["diff", "git:HEAD:sessions/ctoc-cop-wg4-2009", "sessions/ctoc-cop-wg4-2009", "--format", "text", "-o", "out"],
        repo,
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        stdout.starts_with("1 change against CTOC/COP/WG.4/2009/2 (git:HEAD:sessions/ctoc-cop-wg4-2009)"),
        "{stdout}"
    );
    assert!(stdout.contains("changed  paragraph      7. → 7.     definitions-issue-papers"), "{stdout}");
    assert!(repo.join("out/ctoc-cop-wg4-2009-redline.txt").exists());

    let bad = rapporteur(&["diff", "git:nope:sessions/ctoc-cop-wg4-2009", "sessions/ctoc-cop-wg4-2009"], repo);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("at revision `nope`"));
}

#[test]
fn any_two_reports_compare_and_render_in_every_format() {
    // Unrelated reports: nearly everything added and deleted, tables, annexes, decisions,
    // lettered footnotes cited only by deleted text — every marked copy must still be written.
    let sessions = ["ctoc-cop-wg4-2009", "ctoc-cop-2018", "ctoc-cop-wg4-2016"];
    let compiled: Vec<_> =
        sessions.iter().map(|s| compile(&common::root().join("sessions").join(s)).unwrap()).collect();
    for (a, b) in [(0, 1), (1, 2), (2, 0)] {
        let cmp = compare(&compiled[a].document, &compiled[b].document, "rapporteur", "old");
        assert!(!cmp.changes.is_empty());
        let opts = WriteOptions { templates: compiled[b].templates.clone(), no_pdf_standards: false };
        let rendered = rapporteur::review::render(&cmp, rapporteur::review::FORMATS, &opts)
            .unwrap_or_else(|e| panic!("{} → {}: {e:?}", sessions[a], sessions[b]));
        assert_eq!(rendered.len(), 4);
    }
}
