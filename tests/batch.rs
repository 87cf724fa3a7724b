//! Many sessions in one run (`rapporteur build DIR`), the manifest that skips unchanged sessions,
//! `--dry-run`, and shards run as separate processes whose manifests merge into a single run's.
//! Small sessions (the skeleton, varied) and the text format keep these fast.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn rapporteur() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
}

/// `n` sessions `s0`…`s{n-1}` under `dir/sessions`, each the skeleton with a sentence of its own.
fn sessions(dir: &Path, n: usize) -> PathBuf {
    let root = dir.join("sessions");
    for i in 0..n {
        write_session(&root.join(format!("s{i}")), &format!("Session number {i}."));
    }
    root
}

fn write_session(folder: &Path, sentence: &str) {
    std::fs::create_dir_all(folder).unwrap();
    let yaml = rapporteur::cli::SKELETON
        .replace("The Working Group adopted the recommendations below.", &format!("{sentence} Adopted below."));
    std::fs::write(folder.join("session.yaml"), yaml).unwrap();
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The status word of each session line (`new s0: 1 output` → s0: new).
fn statuses(out: &Output) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for line in stdout(out).lines() {
        let mut words = line.split_whitespace();
        let (Some(word), Some(slug)) = (words.next(), words.next()) else { continue };
        if ["new", "changed", "same", "unchanged", "failed"].contains(&word) {
            let slug = slug.trim_end_matches(':').to_string();
            assert!(map.insert(slug.clone(), word.to_string()).is_none(), "{slug} reported twice:\n{}", stdout(out));
        }
    }
    map
}

fn all(names: &[&str], word: &str) -> BTreeMap<String, String> {
    names.iter().map(|n| (n.to_string(), word.to_string())).collect()
}

fn build(args: &[&str], sessions: &Path, out: &Path) -> Output {
    rapporteur().arg("build").arg(sessions).args(["--format", "text", "-o"]).arg(out).args(args).output().unwrap()
}

fn modified(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn a_folder_of_sessions_builds_once_then_skips_what_did_not_change() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = sessions(tmp.path(), 3);
    // Not a session: ignored when the folder of sessions is walked.
    std::fs::create_dir_all(dir.join("notes")).unwrap();
    let out = tmp.path().join("out");
    let names = ["s0", "s1", "s2"];

    let first = build(&[], &dir, &out);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert_eq!(statuses(&first), all(&names, "new"));
    for name in names {
        let text = std::fs::read_to_string(out.join(name).join(format!("{name}.txt"))).unwrap();
        assert!(text.contains(&format!("Session number {}.", &name[1..])), "{text}");
    }
    let manifest_path = out.join("manifest.json");
    let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(&manifest_path).unwrap()).unwrap();
    let s1 = &manifest["sessions"]["s1"];
    let yaml = std::fs::read(dir.join("s1/session.yaml")).unwrap();
    assert_eq!(s1["inputs"]["session.yaml"], rapporteur::manifest::sha256_hex(&yaml));
    let txt = std::fs::read(out.join("s1/s1.txt")).unwrap();
    assert_eq!(s1["outputs"]["s1.txt"]["sha256"], rapporteur::manifest::sha256_hex(&txt));
    assert_eq!(s1["outputs"]["s1.txt"]["bytes"], txt.len());
    assert_eq!(s1["options"]["formats"], serde_json::json!(["text"]));
    assert_eq!(s1["tool"]["version"], env!("CARGO_PKG_VERSION"));

    // Nothing changed: nothing rebuilt, nothing rewritten.
    let written = modified(&out.join("s0/s0.txt"));
    let manifest_written = modified(&manifest_path);
    let second = build(&[], &dir, &out);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert_eq!(statuses(&second), all(&names, "unchanged"));
    assert_eq!(modified(&out.join("s0/s0.txt")), written);
    assert_eq!(modified(&manifest_path), manifest_written);

    // One session's text changes: that session's output, and only it, is reported and written.
    write_session(&dir.join("s1"), "Session number one, amended.");
    let third = build(&[], &dir, &out);
    assert_eq!(third.status.code(), Some(0), "{}", stderr(&third));
    let mut expected = all(&names, "unchanged");
    expected.insert("s1".into(), "changed".into());
    assert_eq!(statuses(&third), expected);
    let changed_line = stdout(&third).lines().find(|l| l.starts_with("changed")).unwrap().to_string();
    let path = out.join("s1/s1.txt").display().to_string();
    assert!(changed_line.split_whitespace().any(|w| w == path), "{changed_line}");
    assert!(std::fs::read_to_string(out.join("s1/s1.txt")).unwrap().contains("amended"));

    // A comment in the data changes an input but not the report: rebuilt, reported "same".
    let path = dir.join("s2/session.yaml");
    let text = std::fs::read_to_string(&path).unwrap() + "# a comment\n";
    std::fs::write(&path, text).unwrap();
    let fourth = build(&[], &dir, &out);
    assert_eq!(statuses(&fourth)["s2"], "same");

    // --force rebuilds everything (the outputs are the same).
    let forced = build(&["--force"], &dir, &out);
    assert_eq!(statuses(&forced), all(&names, "same"));

    // A deleted output is rebuilt.
    std::fs::remove_file(out.join("s0/s0.txt")).unwrap();
    let restored = build(&[], &dir, &out);
    assert_eq!(statuses(&restored)["s0"], "same");
    assert!(out.join("s0/s0.txt").is_file());

    // Other options are another build.
    let html = build(&["--format", "text,html"], &dir, &out);
    assert_eq!(statuses(&html), all(&names, "changed"), "{}", stdout(&html));
    assert!(out.join("s2/s2.html").is_file());
}

#[test]
fn a_dry_run_says_which_reports_a_template_change_touches_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = sessions(tmp.path(), 3);
    let out = tmp.path().join("out");
    assert_eq!(build(&[], &dir, &out).status.code(), Some(0));
    let manifest_before = std::fs::read(out.join("manifest.json")).unwrap();
    let s0_before = std::fs::read(out.join("s0/s0.txt")).unwrap();

    // s0 gets its own version of the sentence on the meeting's dates; s1 a template it does not
    // use (its report cannot change); s2 nothing.
    std::fs::create_dir_all(dir.join("s0/templates/meeting")).unwrap();
    std::fs::write(dir.join("s0/templates/meeting/dates.j2"), "The {{ meeting.short }} met in {{ meeting.venue }}.")
        .unwrap();
    std::fs::create_dir_all(dir.join("s1/templates/attendance")).unwrap();
    std::fs::write(dir.join("s1/templates/attendance/ngos.j2"), "Non-governmental organizations attended.").unwrap();

    let dry = build(&["--dry-run"], &dir, &out);
    assert_eq!(dry.status.code(), Some(0), "{}", stderr(&dry));
    let mut expected = BTreeMap::new();
    expected.insert("s0".to_string(), "changed".to_string());
    expected.insert("s1".to_string(), "same".to_string());
    expected.insert("s2".to_string(), "unchanged".to_string());
    assert_eq!(statuses(&dry), expected, "{}", stdout(&dry));
    assert!(stdout(&dry).contains("dry run: nothing was written"));
    assert_eq!(std::fs::read(out.join("manifest.json")).unwrap(), manifest_before);
    assert_eq!(std::fs::read(out.join("s0/s0.txt")).unwrap(), s0_before);

    // The real build then does what the dry run said.
    let real = build(&[], &dir, &out);
    assert_eq!(statuses(&real), expected);
    assert!(std::fs::read_to_string(out.join("s0/s0.txt")).unwrap().contains("The Working Group met in Vienna."));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert!(manifest["sessions"]["s0"]["inputs"]["templates/meeting/dates.j2"].is_string(), "{manifest}");
}

#[test]
fn a_broken_session_is_reported_and_skipped_and_the_others_are_built() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = sessions(tmp.path(), 3);
    let out = tmp.path().join("out");
    assert_eq!(build(&[], &dir, &out).status.code(), Some(0));
    let s1_before = std::fs::read(out.join("s1/s1.txt")).unwrap();
    let manifest_before: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();

    // s1 is broken (a misspelt key), s2 changes, and a new session s3 is broken from the start.
    let path = dir.join("s1/session.yaml");
    std::fs::write(&path, std::fs::read_to_string(&path).unwrap().replace("title: Report", "titel: Report")).unwrap();
    write_session(&dir.join("s2"), "Session two, amended.");
    std::fs::create_dir_all(dir.join("s3")).unwrap();
    std::fs::write(dir.join("s3/session.yaml"), "symbol: [unclosed\n").unwrap();

    let run = build(&[], &dir, &out);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let mut expected = BTreeMap::new();
    expected.insert("s0".to_string(), "unchanged".to_string());
    expected.insert("s1".to_string(), "failed".to_string());
    expected.insert("s2".to_string(), "changed".to_string());
    expected.insert("s3".to_string(), "failed".to_string());
    assert_eq!(statuses(&run), expected, "{}", stdout(&run));
    let err = stderr(&run);
    // Each failure with its file, line and column.
    assert!(err.contains(&format!("{}:", dir.join("s1/session.yaml").display())) && err.contains("titel"), "{err}");
    assert!(err.contains(&format!("{}:", dir.join("s3/session.yaml").display())), "{err}");
    assert!(err.contains("2 sessions failed: s1, s3"), "{err}");
    // The broken session's earlier output and manifest entry are kept; the new one wrote nothing.
    assert_eq!(std::fs::read(out.join("s1/s1.txt")).unwrap(), s1_before);
    assert!(!out.join("s3").exists());
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["sessions"]["s1"], manifest_before["sessions"]["s1"]);
    assert!(manifest["sessions"].get("s3").is_none());
    assert_ne!(manifest["sessions"]["s2"], manifest_before["sessions"]["s2"]);
    for folder in ["s0", "s1", "s2"] {
        let names: Vec<_> = std::fs::read_dir(out.join(folder)).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "no temporary files are left in {folder}: {names:?}");
    }

    // Put back as it was, it is as recorded (its outputs never changed); repaired otherwise, it
    // is built again.
    write_session(&dir.join("s1"), "Session number 1.");
    std::fs::remove_dir_all(dir.join("s3")).unwrap();
    let restored = build(&[], &dir, &out);
    assert_eq!(restored.status.code(), Some(0), "{}", stderr(&restored));
    assert_eq!(statuses(&restored)["s1"], "unchanged");
    write_session(&dir.join("s1"), "Session number 1, repaired.");
    let repaired = build(&[], &dir, &out);
    assert_eq!(statuses(&repaired)["s1"], "changed");
    assert!(std::fs::read_to_string(out.join("s1/s1.txt")).unwrap().contains("repaired"));
}

#[test]
fn sessions_can_be_named_one_by_one_or_in_a_list_and_names_must_not_collide() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = sessions(tmp.path(), 3);
    let out = tmp.path().join("out");
    let two = rapporteur()
        .arg("build")
        .args([dir.join("s0"), dir.join("s2")])
        .args(["--format", "text", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(two.status.code(), Some(0), "{}", stderr(&two));
    assert_eq!(statuses(&two), all(&["s0", "s2"], "new"));

    // A list file adds s1; the manifest keeps the sessions built before.
    let list = tmp.path().join("list.txt");
    std::fs::write(&list, format!("# the sessions\n{}\n\n", dir.join("s1").display())).unwrap();
    let listed =
        rapporteur().args(["build", "--format", "text", "--list"]).arg(&list).arg("-o").arg(&out).output().unwrap();
    assert_eq!(listed.status.code(), Some(0), "{}", stderr(&listed));
    assert_eq!(statuses(&listed), all(&["s1"], "new"));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["sessions"].as_object().unwrap().len(), 3);

    // Two folders of one name would share an output folder.
    write_session(&tmp.path().join("elsewhere/s0"), "Another s0.");
    let clash = rapporteur()
        .arg("build")
        .args([dir.join("s0"), tmp.path().join("elsewhere/s0")])
        .args(["--format", "text", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(clash.status.code(), Some(1));
    assert!(stderr(&clash).contains("are both named `s0`"), "{}", stderr(&clash));
}

#[test]
fn shards_in_separate_processes_build_each_session_once_and_merge_into_a_single_runs_manifest() {
    const N: usize = 3;
    let tmp = tempfile::tempdir().unwrap();
    let dir = sessions(tmp.path(), 8);
    let names: Vec<String> = (0..8).map(|i| format!("s{i}")).collect();

    let single_out = tmp.path().join("single");
    let single = build(&[], &dir, &single_out);
    assert_eq!(single.status.code(), Some(0), "{}", stderr(&single));

    // N workers at once, each with its own output root (as on N machines).
    let workers: Vec<_> = (0..N)
        .map(|i| {
            rapporteur()
                .arg("build")
                .arg(&dir)
                .args(["--format", "text", "--shard", &format!("{i}/{N}"), "-o"])
                .arg(tmp.path().join(format!("shard{i}")))
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut built: BTreeMap<String, usize> = BTreeMap::new();
    let mut manifests = Vec::new();
    for (i, worker) in workers.into_iter().enumerate() {
        let out = worker.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        for (slug, word) in statuses(&out) {
            assert_eq!(word, "new");
            *built.entry(slug.clone()).or_default() += 1;
            assert!(tmp.path().join(format!("shard{i}/{slug}/{slug}.txt")).is_file());
        }
        let manifest = tmp.path().join(format!("shard{i}/manifest.shard-{i}-of-{N}.json"));
        assert!(manifest.is_file(), "shard {i} wrote its manifest");
        manifests.push(manifest);
    }
    assert_eq!(built.keys().cloned().collect::<Vec<_>>(), names, "every session is built");
    assert!(built.values().all(|&n| n == 1), "each exactly once: {built:?}");

    let merged = tmp.path().join("merged.json");
    let merge = rapporteur().args(["manifest", "merge"]).args(&manifests).arg("-o").arg(&merged).output().unwrap();
    assert_eq!(merge.status.code(), Some(0), "{}", stderr(&merge));
    assert_eq!(
        String::from_utf8(std::fs::read(&merged).unwrap()).unwrap(),
        String::from_utf8(std::fs::read(single_out.join("manifest.json")).unwrap()).unwrap(),
        "the merged manifest is the single run's, byte for byte"
    );

    // Shards sharing one root: each skips what the merged manifest already records.
    for (i, manifest) in manifests.iter().enumerate() {
        let root = tmp.path().join(format!("shard{i}"));
        std::fs::copy(&merged, root.join("manifest.json")).unwrap();
        let again = rapporteur()
            .arg("build")
            .arg(&dir)
            .args(["--format", "text", "--shard", &format!("{i}/{N}"), "-o"])
            .arg(&root)
            .output()
            .unwrap();
        assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
        assert!(statuses(&again).values().all(|w| w == "unchanged"), "{}", stdout(&again));
        assert!(manifest.is_file());
    }

    // Manifests that disagree about a session do not merge.
    let other = tmp.path().join("other");
    write_session(&dir.join("s0"), "Changed.");
    assert_eq!(build(&[], &dir, &other).status.code(), Some(0));
    let clash = rapporteur()
        .args(["manifest", "merge"])
        .arg(single_out.join("manifest.json"))
        .arg(other.join("manifest.json"))
        .arg("-o")
        .arg(tmp.path().join("clash.json"))
        .output()
        .unwrap();
    assert_eq!(clash.status.code(), Some(1));
    assert!(stderr(&clash).contains("session `s0` has different entries"), "{}", stderr(&clash));
    assert!(!tmp.path().join("clash.json").exists());
}

#[test]
fn the_gnu_parallel_deploy_script_builds_the_archive_in_shards_and_merges_the_manifests() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = sessions(tmp.path(), 5);
    let single_out = tmp.path().join("single");
    assert_eq!(build(&[], &dir, &single_out).status.code(), Some(0));

    // The script calls `rapporteur` from PATH: this build's binary.
    let bin = Path::new(env!("CARGO_BIN_EXE_rapporteur")).parent().unwrap().to_path_buf();
    let path =
        std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())))
            .unwrap();
    let out = tmp.path().join("out");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/parallel/build.sh");
    let run = Command::new("bash")
        .arg(&script)
        .arg(&dir)
        .arg(&out)
        .args(["3", "--format", "text"])
        .env("PATH", path)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}\n{}", stdout(&run), stderr(&run));
    for i in 0..3 {
        assert!(out.join(format!("manifest.shard-{i}-of-3.json")).is_file());
    }
    assert_eq!(
        std::fs::read(out.join("manifest.json")).unwrap(),
        std::fs::read(single_out.join("manifest.json")).unwrap()
    );
    for i in 0..5 {
        assert_eq!(
            std::fs::read(out.join(format!("s{i}/s{i}.txt"))).unwrap(),
            std::fs::read(single_out.join(format!("s{i}/s{i}.txt"))).unwrap()
        );
    }
}
