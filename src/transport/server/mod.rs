//! The programme server: the same command surface over HTTP, for people who will not install the
//! app (a host sponsor signing off, a fellow writing a reflection, a rater with a code). Thin on
//! purpose: it keeps one core `Session` per browser session and forwards `POST /api/<command>`
//! to `api::dispatch`, exactly as the Tauri shell forwards IPC calls. Rights, validation and
//! sign-in limits all live in the core.
//!
//! Sessions ride in a `Secure; HttpOnly; SameSite=Strict` cookie (`__Host-` prefixed over TLS),
//! with a new id at every sign-in. Every call must also carry the session's CSRF token in the
//! `x-fellowship-csrf` header (the double-submit pattern: the token is in a cookie scripts on our
//! own origin can read), and a request whose `Origin` is another site is refused (`origin.rs`).
//! TLS: built in (`--tls-cert`, `--tls-key`), or a reverse proxy in front (see README).

mod kept;
pub mod listen;
pub mod metrics;
pub mod observe;
pub mod origin;
mod sessions;
pub mod tls;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};

use crate::api::session::{Session, Workspaces};
use crate::error::{ApiError, ErrorKind};
pub use listen::{Limits, Peer, DEFAULT_MAX_CONNECTIONS};
pub use sessions::Sessions;

pub use super::wire::{CSRF_COOKIE, CSRF_HEADER, HOST_PREFIX, SESSION_COOKIE};

/// The commands after which someone is signed in, or has just proved who they are again: the
/// session gets a new id and CSRF token.
const SIGNS_IN: &[&str] = &[
    "sign_in",
    "accept_invitation",
    "setup_programme",
    "explore_demo",
    "reset_password",
    "change_password",
    "verify_second_step",
    "confirm_second_step",
    "finish_org_sign_in",
    "check_org_sign_in",
];

#[derive(Clone)]
pub struct Server {
    workspaces: Arc<Workspaces>,
    sessions: Arc<Sessions>,
    limits: Limits,
    /// The origins browsers reach us at through a reverse proxy (`--public-url`).
    public_urls: Arc<Vec<String>>,
    /// Browsers reach us over HTTPS (built-in TLS, or only https public addresses).
    secure: bool,
}

impl Server {
    pub fn new(workspaces: Workspaces) -> Self {
        let limits = Limits::default();
        Server {
            workspaces: Arc::new(workspaces),
            sessions: Arc::new(Sessions::new(limits.max_sessions)),
            limits,
            public_urls: Arc::default(),
            secure: false,
        }
    }

    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.sessions = Arc::new(Sessions::new(limits.max_sessions));
        self.limits = limits;
        self
    }

    /// Allows calls from pages at these addresses (`origin::public_url` tidies each).
    pub fn with_public_urls(mut self, urls: &[String]) -> Result<Self, String> {
        let urls = urls
            .iter()
            .map(|u| origin::public_url(u))
            .collect::<Result<Vec<_>, _>>()?;
        self.secure = !urls.is_empty() && urls.iter().all(|u| u.starts_with("https://"));
        self.public_urls = Arc::new(urls);
        Ok(self)
    }

    /// The workspaces this server serves (the mail worker delivers the programme's outbox).
    pub fn workspaces(&self) -> Arc<Workspaces> {
        self.workspaces.clone()
    }

    /// Browser sessions kept now.
    pub fn session_count(&self) -> usize {
        self.sessions.len()
    }

    fn cookie_name(&self, name: &str) -> String {
        if self.secure {
            format!("{HOST_PREFIX}{name}")
        } else {
            name.to_owned()
        }
    }

    /// The API, and the built UI from `ui` (any unknown path gets its index page).
    pub fn router(self, ui: Option<PathBuf>) -> Router {
        let secure = self.secure;
        // Answers about people must not be kept by the browser or anything between.
        let api = Router::new()
            .route("/api/{command}", post(call))
            .route("/calendar/{token}", get(calendar_feed))
            .route("/healthz", get(observe::healthz))
            .route("/readyz", get(observe::readyz))
            .layer(axum::middleware::from_fn(run_to_end))
            .layer(axum::middleware::map_response(|mut res: Response| async {
                res.headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                res
            }))
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
        router
            .layer(axum::middleware::map_response(
                move |res: Response| async move { security_headers(res, secure) },
            ))
            .layer(axum::middleware::from_fn(observe::log_request))
    }

    /// Serves on `listener` until the process stops: over TLS when given its settings, else
    /// plain HTTP for a TLS reverse proxy in front. Idle sessions are forgotten meanwhile.
    pub async fn run(
        self,
        listener: tokio::net::TcpListener,
        ui: Option<PathBuf>,
        tls: Option<Arc<tokio_rustls::rustls::ServerConfig>>,
    ) {
        self.run_until(listener, ui, tls, std::future::pending())
            .await
    }

    /// As `run`, until `shutdown` resolves: then no new connection is taken, requests in flight
    /// are finished (within `listen::DRAIN`), and it returns.
    pub async fn run_until(
        mut self,
        listener: tokio::net::TcpListener,
        ui: Option<PathBuf>,
        tls: Option<Arc<tokio_rustls::rustls::ServerConfig>>,
        shutdown: impl std::future::Future<Output = ()>,
    ) {
        self.secure |= tls.is_some();
        let limits = self.limits;
        let sessions = Arc::downgrade(&self.sessions);
        let workspaces = Arc::downgrade(&self.workspaces);
        let every =
            (limits.anonymous_idle / 2).clamp(Duration::from_millis(50), Duration::from_secs(60));
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                let (Some(sessions), Some(ws)) = (sessions.upgrade(), workspaces.upgrade()) else {
                    return;
                };
                sessions.prune(limits.anonymous_idle);
                sessions.prune_kept(&ws).await;
            }
        });
        let acceptor = tls.map(tokio_rustls::TlsAcceptor::from);
        listen::accept_loop(listener, self.router(ui), acceptor, limits, shutdown).await;
    }
}

/// Binds `addr` and runs the server there until the process is asked to stop (SIGTERM, or
/// Ctrl-C): then requests in flight are finished and the database closed.
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
    tracing::info!(address = %listener.local_addr()?, scheme, "serving");
    let workspaces = server.workspaces();
    server.run_until(listener, ui, tls, stop_signal()).await;
    if let Ok(db) = workspaces.main() {
        db.close().await;
    }
    tracing::info!("stopped");
    Ok(())
}

/// SIGTERM (a service manager stopping us) or Ctrl-C.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = term.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
        } else {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
    tracing::info!("asked to stop: finishing requests in flight");
}

/// The same strict policy as the desktop app: our own scripts, styles and API, nothing else.
fn security_headers(mut res: Response, secure: bool) -> Response {
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
    if secure {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    res
}

/// A person's calendar at its private address, for Outlook and other calendars to subscribe
/// to. An unknown, revoked or disabled address answers 404, the same for each.
async fn calendar_feed(State(server): State<Server>, Path(token): Path<String>) -> Response {
    let Ok(db) = server.workspaces.main() else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let found = async {
        let Some(actor) = crate::calendar::feed::owner(&db, &token).await? else {
            return Ok(None);
        };
        let text = crate::calendar::calendar_text(&db, &actor).await;
        let named = crate::privacy::audit::Named::of("calendar_feed", &serde_json::Value::Null);
        crate::privacy::audit::record(
            &db,
            Some(&actor),
            "",
            "calendar_feed",
            crate::privacy::audit::Action::View,
            named,
            text.as_ref().map(|_| ()),
        )
        .await?;
        text.map(Some)
    };
    match found.await {
        Ok(Some(text)) => (
            [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
            text,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => error(e),
    }
}

fn status_of(kind: &ErrorKind) -> StatusCode {
    match kind {
        ErrorKind::Validation => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::Forbidden => StatusCode::FORBIDDEN,
        ErrorKind::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorKind::Conflict => StatusCode::CONFLICT,
        ErrorKind::BadRequest => StatusCode::BAD_REQUEST,
        ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn error(e: ApiError) -> Response {
    if e.kind == ErrorKind::Internal {
        // The cause, for the operators; the request's span carries its id.
        tracing::error!(error = %e.message, "request failed");
    }
    (status_of(&e.kind), axum::Json(e)).into_response()
}

/// The session the browser sent has ended: it is told so, and to drop the dead cookies (it
/// starts afresh at its next status call).
fn session_ended(server: &Server) -> Response {
    let mut res = error(ApiError::signed_out(
        "Your session on the programme server has ended. Please sign in again.",
    ));
    for name in [SESSION_COOKIE, CSRF_COOKIE] {
        let c = format!(
            "{}=; Path=/; Max-Age=0; Secure; SameSite=Strict",
            server.cookie_name(name)
        );
        if let Ok(v) = HeaderValue::from_str(&c) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// Runs each request that reaches the core on its own task, to its end, even if the client goes
/// away meanwhile (a closed tab, a calendar app giving up). Hyper drops a handler whose
/// connection closes: cut short at an await, a change would be half done, and a transaction cut
/// off as it began could stay open on its pooled connection, holding the programme's one write
/// lock from everyone else until that connection was next used.
async fn run_to_end(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    match tokio::spawn(next.run(req)).await {
        Ok(response) => response,
        Err(_) => error(ApiError::internal(
            "Something went wrong answering this request. Please try again.",
        )),
    }
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

/// Where a new session's requests come from, for the core's per-client sign-in limits: the
/// peer, or behind our own reverse proxy on this machine the address it says it served.
fn client_of(server: &Server, peer: Option<Peer>, headers: &HeaderMap) -> Option<String> {
    let ip = peer?.0.ip();
    let forwarded = headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .map(str::trim)
        .filter(|v| !v.is_empty());
    match forwarded {
        Some(f) if ip.is_loopback() && !server.public_urls.is_empty() => Some(f.to_owned()),
        _ => Some(ip.to_string()),
    }
}

async fn call(
    State(server): State<Server>,
    Path(command): Path<String>,
    peer: Option<Extension<Peer>>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    if !origin::allowed(&headers, &server.public_urls) {
        return error(ApiError::forbidden("Calls from other sites are refused."));
    }
    // Each command's own limit (an import's file is far larger than any other), in place of
    // axum's 2 MB for all; the body is refused as soon as it passes the limit.
    let body: Bytes = match axum::body::to_bytes(body, crate::validate::max_body(&command)).await {
        Ok(b) => b,
        Err(_) => return error(ApiError::too_large(crate::validate::largest_file(&command))),
    };
    let args: serde_json::Value = if body.is_empty() {
        serde_json::Value::Null
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => return error(ApiError::unreadable(&e)),
        }
    };
    // A browser without a session gets one, with its CSRF token, on its first call, which may
    // only ask for the app's status (nothing that acts can come without the token). No other
    // call makes a session, so a flood of cookieless requests costs no memory.
    let sent_id = cookie(&headers, &server.cookie_name(SESSION_COOKIE));
    let sent_csrf = cookie(&headers, &server.cookie_name(CSRF_COOKIE));
    let client = client_of(&server, peer.map(|Extension(p)| p), &headers);
    let new_session = || match client.clone() {
        Some(client) => Session::from_client(client),
        None => Session::default(),
    };
    let ws = &server.workspaces;
    let existing = match sent_id.as_deref() {
        Some(id) => server
            .sessions
            .find(ws, id, sent_csrf.as_deref(), new_session)
            .await
            .map(|e| (id.to_owned(), e)),
        None => None,
    };
    let (id, entry, fresh) = match existing {
        Some((id, entry)) => (id, entry, false),
        None if command == "app_status" => {
            let key = server.sessions.key(ws).await;
            match server.sessions.create(&key, new_session()) {
                Some((id, entry)) => (id, entry, true),
                None => {
                    let busy = ApiError::internal(
                        "The programme server is too busy to start a new session just now. Please try again in a few minutes.",
                    );
                    return (StatusCode::SERVICE_UNAVAILABLE, axum::Json(busy)).into_response();
                }
            }
        }
        // The session was forgotten as unused (or the programme's key changed); the app asks
        // for its status again, which starts a new one.
        None if sent_id.is_some() => return session_ended(&server),
        None => {
            return error(ApiError::forbidden(
                "This request did not come from the app's own page. Reload the page and try again.",
            ))
        }
    };
    let token_ok = sent_csrf
        .as_deref()
        .zip(headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()))
        .is_some_and(|(c, h)| c == h && entry.csrf_matches(h));
    let mut new_cookies = fresh.then(|| (id.clone(), entry.csrf.clone()));
    let result = if token_ok || fresh {
        let mut session = entry.session.lock().await;
        // Another process may have changed or ended it since.
        if !server.sessions.refresh(ws, &id, &entry, &mut session).await {
            return session_ended(&server);
        }
        let result = crate::api::dispatch(ws, &mut session, &command, args).await;
        // A new id at sign-in, so one planted or seen before cannot follow the user in.
        if result.is_ok() && SIGNS_IN.contains(&command.as_str()) {
            let key = server.sessions.key(ws).await;
            server.sessions.end(ws, &id).await;
            let (id, renewed) = server
                .sessions
                .renew(&key, &id, std::mem::take(&mut *session));
            drop(session);
            let session = renewed.session.lock().await;
            server.sessions.store(ws, &id, &renewed, &session).await;
            new_cookies = Some((id, renewed.csrf.clone()));
        } else {
            server.sessions.store(ws, &id, &entry, &session).await;
        }
        result
    } else {
        Err(ApiError::forbidden(
            "This request did not come from the app's own page. Reload the page and try again.",
        ))
    };
    let mut res = match result {
        Ok(v) => axum::Json(v).into_response(),
        Err(e) => error(e),
    };
    if let Some((id, csrf)) = new_cookies {
        let h = res.headers_mut();
        for c in [
            format!(
                "{}={id}; Path=/; HttpOnly; Secure; SameSite=Strict",
                server.cookie_name(SESSION_COOKIE)
            ),
            format!(
                "{}={csrf}; Path=/; Secure; SameSite=Strict",
                server.cookie_name(CSRF_COOKIE)
            ),
        ] {
            if let Ok(v) = HeaderValue::from_str(&c) {
                h.append(header::SET_COOKIE, v);
            }
        }
    }
    res
}
