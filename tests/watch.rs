//! `rapporteur watch` seen from a real browser: a headless Chromium (Debian's `chromium`,
//! installed by tests/run.sh) loads the preview and is read through the DevTools protocol while
//! the test edits the session: the new text appears without reloading by hand, an error shows
//! with its file, line and column above the last good output, and the outputs on disk are what
//! `rapporteur build` writes.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rapporteur::cli::SKELETON;

const BIN: &str = env!("CARGO_BIN_EXE_rapporteur");

/// A child process killed when the test ends, however it ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A plain HTTP GET on 127.0.0.1: status line and body (`None` if nothing answers yet). Our
/// server is asked in HTTP/1.0 (a body with its length, never chunked); Chromium's DevTools
/// server answers HTTP/1.1 only.
fn fetch(port: u16, path: &str, host: &str, version: &str) -> Option<(String, Vec<u8>)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    write!(stream, "GET {path} HTTP/{version}\r\nHost: {host}\r\n\r\n").ok()?;
    // Read the header, then as many bytes as it announces (Chromium's DevTools server keeps the
    // connection open whatever the request says).
    let mut raw = Vec::new();
    let mut buf = [0u8; 65536];
    let split = loop {
        if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break split;
        }
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let length = head.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.eq_ignore_ascii_case("content-length").then(|| value.trim().parse::<usize>().ok()).flatten()
    });
    let mut body = raw[split + 4..].to_vec();
    match length {
        Some(length) => {
            while body.len() < length {
                let n = stream.read(&mut buf).ok()?;
                if n == 0 {
                    return None;
                }
                body.extend_from_slice(&buf[..n]);
            }
        }
        None => {
            stream.read_to_end(&mut body).ok()?;
        }
    }
    Some((head.lines().next().unwrap_or_default().to_string(), body))
}

fn get(port: u16, path: &str, host: &str) -> (String, Vec<u8>) {
    fetch(port, path, host, "1.0").unwrap_or_else(|| panic!("no answer to GET {path} on port {port}"))
}

/// Starts `rapporteur watch` on a free port; returns the process and the port.
fn start_watch(session: &Path, out: &Path) -> (Killed, u16) {
    let mut child = Command::new(BIN)
        .args(["watch", "--port", "0", "-o"])
        .arg(out)
        .arg(session)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run rapporteur watch");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("the URL");
    let url = line.trim();
    let port = url
        .strip_prefix("http://127.0.0.1:")
        .and_then(|rest| rest.trim_end_matches('/').parse().ok())
        .unwrap_or_else(|| panic!("the preview is served on 127.0.0.1 only, not `{url}`"));
    (Killed(child), port)
}

/// Headless Chromium on `url`, and its DevTools port.
fn start_chromium(url: &str, profile: &Path) -> (Killed, u16) {
    let child = Command::new("chromium")
        .args(common::CHROMIUM_HEADLESS)
        .arg("--remote-debugging-port=0")
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run chromium (tests/run.sh installs Debian's `chromium`)");
    let child = Killed(child);
    // Chromium writes the port it chose into the profile.
    let file = profile.join("DevToolsActivePort");
    let port = wait_for(Duration::from_secs(30), || {
        std::fs::read_to_string(&file).ok().and_then(|t| t.lines().next().and_then(|l| l.parse().ok()))
    })
    .expect("Chromium's DevTools port");
    (child, port)
}

fn wait_for<T>(limit: Duration, mut probe: impl FnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(v) = probe() {
            return Some(v);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}

/// A DevTools session with the preview's page.
struct Page {
    socket: tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>,
    next_id: u64,
}

impl Page {
    fn attach(devtools: u16, url: &str) -> Page {
        let target = wait_for(Duration::from_secs(30), || {
            let (_, body) = fetch(devtools, "/json/list", &format!("127.0.0.1:{devtools}"), "1.1")?;
            let list: serde_json::Value = serde_json::from_slice(&body).ok()?;
            list.as_array()?
                .iter()
                .find(|t| t["type"] == "page" && t["url"].as_str().is_some_and(|u| u.starts_with(url)))
                .and_then(|t| t["webSocketDebuggerUrl"].as_str().map(String::from))
        })
        .expect("the preview's page in Chromium");
        let (socket, _) = tungstenite::connect(target.as_str()).expect("DevTools WebSocket");
        Page { socket, next_id: 1 }
    }

    /// Evaluates `expression` in the page; its value as JSON.
    fn evaluate(&mut self, expression: &str) -> serde_json::Value {
        let id = self.next_id;
        self.next_id += 1;
        let call = serde_json::json!({
            "id": id, "method": "Runtime.evaluate",
            "params": { "expression": expression, "returnByValue": true }
        });
        self.socket.send(tungstenite::Message::text(call.to_string())).expect("send to DevTools");
        loop {
            let message = self.socket.read().expect("read from DevTools");
            let Ok(text) = message.to_text() else { continue };
            let reply: serde_json::Value = serde_json::from_str(text).expect("DevTools JSON");
            if reply["id"] == id {
                return reply["result"]["result"]["value"].clone();
            }
        }
    }

    /// What the page shows: its status line, its problems panel and the report's text.
    fn seen(&mut self) -> Seen {
        let value = self.evaluate(
            r#"JSON.stringify({
                state: document.getElementById("state").textContent,
                problems: document.getElementById("problems").innerText,
                report: (() => { try { return document.getElementById("html").contentDocument.body.innerText; }
                                 catch (e) { return ""; } })(),
                pdf: document.getElementById("pdf-link").getAttribute("href"),
            })"#,
        );
        // Nothing yet while the page is still loading.
        value.as_str().and_then(|v| serde_json::from_str(v).ok()).unwrap_or_default()
    }

    /// Waits until the page shows what `ok` looks for.
    fn until(&mut self, what: &str, ok: impl Fn(&Seen) -> bool) -> Seen {
        let start = Instant::now();
        loop {
            let seen = self.seen();
            if ok(&seen) {
                return seen;
            }
            assert!(start.elapsed() < Duration::from_secs(60), "the page never showed {what}; it shows {seen:#?}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

#[derive(Debug, Default, serde::Deserialize)]
struct Seen {
    state: String,
    problems: String,
    report: String,
    pdf: Option<String>,
}

/// Saves the session file as an editor does: a new file renamed over the old one.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("yaml.saving");
    std::fs::write(&tmp, text).expect("write");
    std::fs::rename(&tmp, path).expect("rename");
}

fn files_in(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the output folder")
        .map(|e| e.expect("entry").path())
        .map(|p| (PathBuf::from(p.file_name().expect("a name")), std::fs::read(&p).expect("read")))
        .collect();
    files.sort();
    files
}

#[test]
fn the_preview_follows_every_save_and_shows_errors_with_their_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let session = dir.path().join("wg-2026");
    std::fs::create_dir(&session).expect("session folder");
    let file = session.join("session.yaml");
    std::fs::write(&file, SKELETON).expect("skeleton");
    let out = dir.path().join("out");
    let (_watch, port) = start_watch(&session, &out);
    let url = format!("http://127.0.0.1:{port}/");

    // Only this server's own name is answered (no DNS rebinding through another name).
    let (status, _) = get(port, "/", "evil.example:80");
    assert!(status.contains(" 421"), "{status}");

    let (_chromium, devtools) = start_chromium(&url, &dir.path().join("profile"));
    let mut page = Page::attach(devtools, &url);
    let first = "The Working Group adopted the recommendations below.";
    page.until("the skeleton's first paragraph", |s| s.report.contains(first));

    // An edit: the new words appear in the page, unasked.
    let edited_text = SKELETON.replacen(first, "The Working Group watched its report change as it was typed.", 1);
    save(&file, &edited_text);
    let seen = page.until("the edited paragraph", |s| s.report.contains("watched its report change"));
    assert!(!seen.report.contains(first), "the old text is gone: {seen:#?}");
    // The skeleton's placeholders are warned about; there is no error.
    assert!(seen.problems.contains("3 warnings") && !seen.problems.contains(": error:"), "{seen:#?}");

    // The outputs on disk are those `rapporteur build` writes, byte for byte.
    let by_build = dir.path().join("by-build");
    let built = Command::new(BIN).arg("build").arg(&session).arg("-o").arg(&by_build).output().expect("build");
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let watched = files_in(&out);
    assert_eq!(watched.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(), {
        let mut names: Vec<PathBuf> =
            ["txt", "html", "pdf", "docx", "xml"].iter().map(|e| PathBuf::from(format!("wg-2026.{e}"))).collect();
        names.sort();
        names
    });
    assert!(watched == files_in(&by_build), "watch writes what build writes");

    // The PDF the page links to is the new one.
    let pdf_link = seen.pdf.clone().expect("a link to the PDF");
    let (status, pdf) = get(port, &pdf_link, &format!("127.0.0.1:{port}"));
    assert!(status.contains(" 200") && pdf.starts_with(b"%PDF-"), "{status}");
    assert_eq!(pdf, std::fs::read(out.join("wg-2026.pdf")).expect("the PDF on disk"));

    // A slip: the error with its file, line and column, and the last good output still shown.
    let broken =
        edited_text.replacen("        text: \"States parties should:\"", "        txt: \"States parties should:\"", 1);
    let line = broken.lines().position(|l| l.starts_with("        txt:")).expect("the slip") + 1;
    save(&file, &broken);
    let place = format!("{}:{line}:9", file.display());
    let seen = page.until("the error", |s| s.problems.contains(&place));
    assert!(seen.problems.contains("did you mean `text`?"), "{seen:#?}");
    assert!(seen.problems.contains("hint:"), "the hint is shown: {seen:#?}");
    assert!(seen.report.contains("watched its report change"), "the last good output stays: {seen:#?}");
    assert!(seen.state.contains("errors"), "{seen:#?}");
    assert_eq!(files_in(&out), watched, "a failed build writes nothing");

    // Corrected: the error goes, the report follows again.
    save(&file, &edited_text.replacen("watched its report change", "saw its report corrected", 1));
    let seen = page.until("the corrected report", |s| s.report.contains("saw its report corrected"));
    assert!(!seen.problems.contains(": error:"), "{seen:#?}");
}
