//! The programme server: the same command surface over HTTP, for people who will not install the
//! app (a host sponsor signing off, a fellow writing a reflection, a rater with a code). Thin on
//! purpose: it keeps one core `Session` per browser session and forwards `POST /api/<command>`
//! to `api::dispatch`, exactly as the Tauri shell forwards IPC calls. Rights, validation and
//! sign-in limits all live in the core.
//!
//! Sessions ride in a `Secure; HttpOnly; SameSite=Strict` cookie. Every call must also carry the
//! session's CSRF token in the `x-fellowship-csrf` header (the double-submit pattern: the token is
//! in a cookie scripts on our own origin can read), and a request whose `Origin` is another site
//! is refused. TLS: built in (`--tls-cert`, `--tls-key`), or a reverse proxy in front (see README).

pub mod client;
mod sessions;
pub mod tls;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;

use crate::error::{ApiError, ErrorKind};
use crate::session::Workspaces;
pub use sessions::Sessions;

pub const SESSION_COOKIE: &str = "fellowship_session";
pub const CSRF_COOKIE: &str = "fellowship_csrf";
pub const CSRF_HEADER: &str = "x-fellowship-csrf";

#[derive(Clone)]
pub struct Server {
    workspaces: Arc<Workspaces>,
    sessions: Arc<Sessions>,
}

impl Server {
    pub fn new(workspaces: Workspaces) -> Self {
        Server {
            workspaces: Arc::new(workspaces),
            sessions: Arc::new(Sessions::default()),
        }
    }

    /// The API, and the built UI from `ui` (any unknown path gets its index page).
    pub fn router(self, ui: Option<PathBuf>) -> Router {
        let api = Router::new()
            .route("/api/{command}", post(call))
            .with_state(self);
        let router = match ui {
            Some(dir) => {
                let index = dir.join("index.html");
                api.fallback_service(
                    tower_http::services::ServeDir::new(dir)
                        .fallback(tower_http::services::ServeFile::new(index)),
                )
            }
            None => api,
        };
        router.layer(axum::middleware::map_response(security_headers))
    }
}

/// Runs the server until the process is stopped: over TLS when given its settings, else plain
/// HTTP for a TLS reverse proxy in front.
pub async fn serve(
    server: Server,
    addr: SocketAddr,
    ui: Option<PathBuf>,
    tls: Option<Arc<tokio_rustls::rustls::ServerConfig>>,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    println!(
        "Fellowship is serving on {scheme}://{}",
        listener.local_addr()?
    );
    let router = server.router(ui);
    match tls {
        Some(tls) => {
            tls::serve(listener, router, tls).await;
            Ok(())
        }
        None => axum::serve(listener, router).await,
    }
}

/// The same strict policy as the desktop app: our own scripts, styles and API, nothing else.
async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

fn status_of(kind: &ErrorKind) -> StatusCode {
    match kind {
        ErrorKind::Validation => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::Forbidden => StatusCode::FORBIDDEN,
        ErrorKind::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorKind::Conflict => StatusCode::CONFLICT,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn error(e: ApiError) -> Response {
    (status_of(&e.kind), axum::Json(e)).into_response()
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// A request from a page of another site is refused (browsers send `Origin` on every POST).
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin.split_once("://").map(|(_, h)| h);
    origin_host.is_some() && origin_host == host
}

async fn call(
    State(server): State<Server>,
    Path(command): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !same_origin(&headers) {
        return error(ApiError::forbidden("Calls from other sites are refused."));
    }
    let args: serde_json::Value = if body.is_empty() {
        serde_json::Value::Null
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(_) => return error(ApiError::internal("The request could not be read as JSON.")),
        }
    };
    // A browser without a session gets one, with its CSRF token, on its first call; that call
    // may only ask for the app's status (nothing that acts can come without the token).
    let existing = cookie(&headers, SESSION_COOKIE).and_then(|id| server.sessions.get(&id));
    let (id, entry, fresh) = match existing {
        Some((id, entry)) => (id, entry, false),
        None => {
            let (id, entry) = server.sessions.create();
            (id, entry, true)
        }
    };
    let token_ok = cookie(&headers, CSRF_COOKIE)
        .zip(headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()))
        .is_some_and(|(c, h)| c == h && entry.csrf_matches(h));
    let result = if token_ok || (fresh && command == "app_status") {
        let mut session = entry.session.lock().await;
        crate::api::dispatch(&server.workspaces, &mut session, &command, args).await
    } else {
        Err(ApiError::forbidden(
            "This request did not come from the app's own page. Reload the page and try again.",
        ))
    };
    let mut res = match result {
        Ok(v) => axum::Json(v).into_response(),
        Err(e) => error(e),
    };
    if fresh {
        let h = res.headers_mut();
        for c in [
            format!("{SESSION_COOKIE}={id}; Path=/; HttpOnly; Secure; SameSite=Strict"),
            format!(
                "{CSRF_COOKIE}={}; Path=/; Secure; SameSite=Strict",
                entry.csrf
            ),
        ] {
            if let Ok(v) = HeaderValue::from_str(&c) {
                h.append(header::SET_COOKIE, v);
            }
        }
    }
    res
}
