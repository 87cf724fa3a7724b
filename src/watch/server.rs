//! The preview's HTTP server: on 127.0.0.1 only, a handful of fixed routes, nothing read from
//! disk (the documents are the last good build's bytes, held in memory).
//!
//! | route               | answer                                                          |
//! |---------------------|-----------------------------------------------------------------|
//! | `/`                 | the preview page (`preview.html`)                               |
//! | `/status?after=N`   | JSON: build numbers, errors, warnings — held until a build after N is done (long polling, at most `HOLD`) |
//! | `/doc/I.html`, `/doc/I.pdf` | document I (0, or a part of a report in parts) of the last good build |
//!
//! A request whose `Host` is not this server's own address is refused, so that a web page in
//! the same browser cannot reach the preview through a name that resolves to 127.0.0.1 (DNS
//! rebinding).

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tiny_http::{Header, Request, Response};

use super::Shared;

/// The page: markup, style and script in one file, compiled in.
const PAGE: &str = include_str!("preview.html");

/// How long `/status` holds a request waiting for a build.
const HOLD: Duration = Duration::from_secs(20);

/// At most this many requests are answered at once (each on its own thread; long polls hold one).
const MAX_REQUESTS: usize = 64;

/// A running preview server (it stops with the process).
pub struct Server {
    addr: SocketAddr,
}

impl Server {
    /// Listens on `127.0.0.1:port` (0: a free port the system chooses) and answers on a thread
    /// of its own.
    pub fn start(port: u16, shared: Arc<Shared>) -> Result<Server, String> {
        let server = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| {
            format!("cannot serve the preview on 127.0.0.1:{port}: {e}\n  hint: choose another port with --port")
        })?;
        let addr = server.server_addr().to_ip().ok_or("the preview server has no IP address")?;
        let busy = Arc::new(AtomicUsize::new(0));
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                if busy.fetch_add(1, Ordering::SeqCst) >= MAX_REQUESTS {
                    busy.fetch_sub(1, Ordering::SeqCst);
                    let _ = request.respond(Response::from_string("busy").with_status_code(503));
                    continue;
                }
                let (shared, busy) = (shared.clone(), busy.clone());
                std::thread::spawn(move || {
                    answer(request, &shared, addr);
                    busy.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        Ok(Server { addr })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

fn answer(request: Request, shared: &Shared, addr: SocketAddr) {
    let host = request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str().to_string());
    let own = [addr.to_string(), format!("localhost:{}", addr.port())];
    if !host.is_some_and(|h| own.contains(&h)) {
        let _ = request.respond(Response::from_string("not this server").with_status_code(421));
        return;
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let (status, content_type, body): (u16, &str, Vec<u8>) = match path {
        "/" => (200, "text/html; charset=utf-8", PAGE.as_bytes().to_vec()),
        "/status" => {
            let after = query.split('&').find_map(|p| p.strip_prefix("after=")).and_then(|n| n.parse().ok());
            let status = match after {
                Some(after) => shared.wait_after(after, HOLD),
                None => shared.status.lock().unwrap_or_else(|e| e.into_inner()),
            };
            let json = serde_json::json!({
                "build": status.build,
                "good": status.good,
                "millis": status.millis,
                "documents": status.documents.iter().map(|d| &d.stem).collect::<Vec<_>>(),
                "errors": status.errors,
                "warnings": status.warnings,
            });
            (200, "application/json", json.to_string().into_bytes())
        }
        _ => match document(path, shared) {
            Some((content_type, bytes)) => (200, content_type, bytes),
            None => (404, "text/plain; charset=utf-8", b"not found".to_vec()),
        },
    };
    let response = Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Referrer-Policy", "no-referrer"));
    let _ = request.respond(response);
}

/// `/doc/I.html` or `/doc/I.pdf` of the last good build.
fn document(path: &str, shared: &Shared) -> Option<(&'static str, Vec<u8>)> {
    let name = path.strip_prefix("/doc/")?;
    let (index, extension) = name.split_once('.')?;
    let index: usize = index.parse().ok()?;
    let status = shared.status.lock().unwrap_or_else(|e| e.into_inner());
    let doc = status.documents.get(index)?;
    match extension {
        "html" => Some(("text/html; charset=utf-8", doc.html.as_ref().clone())),
        "pdf" => Some(("application/pdf", doc.pdf.as_ref().clone())),
        _ => None,
    }
}
