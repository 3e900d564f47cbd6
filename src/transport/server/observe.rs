//! What the programme server tells its operators: one log line per request (method, route,
//! command, status, duration, request id), errors with their cause, and the health and readiness
//! answers a load balancer or monitor asks for. Never personal data: no bodies, no query strings
//! (an organisation sign-in's code rides in one), no calendar tokens, no cookies.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::RngCore;
use tracing::Instrument;

use super::Server;

pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Logs as text, or as JSON lines (`--log-format json`), at the level `RUST_LOG` names (info by
/// default), to standard error.
pub fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colours only for a person at a terminal, never into a log file or journal.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    // A second call (tests) keeps the first subscriber.
    let _ = if json {
        builder.json().flatten_event(true).try_init()
    } else {
        builder.try_init()
    };
}

/// A request id a proxy in front already gave (letters, digits, dashes; at most 64), else ours.
fn request_id(req: &Request) -> String {
    req.headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .map(str::to_owned)
        .unwrap_or_else(|| {
            let mut b = [0u8; 8];
            rand::rngs::OsRng.fill_bytes(&mut b);
            data_encoding::HEXLOWER.encode(&b)
        })
}

/// The route as logged: the API's command names are kept, a calendar's private address is not.
fn route(path: &str) -> (String, Option<String>) {
    if let Some(command) = path.strip_prefix("/api/") {
        let command: String = command
            .chars()
            .take(64)
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        ("/api/{command}".into(), Some(command))
    } else if path.starts_with("/calendar/") {
        ("/calendar/{token}".into(), None)
    } else {
        (path.chars().take(200).collect(), None)
    }
}

/// Wraps every request: a span with its id (errors logged inside carry it), one line when it is
/// answered, and the id on the answer for the person reporting a problem.
pub async fn log_request(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = request_id(&req);
    let method = req.method().clone();
    let (route, command) = route(req.uri().path());
    let span = tracing::info_span!("request", request_id = %id);
    let mut res = next.run(req).instrument(span.clone()).await;
    let status = res.status().as_u16();
    let seconds = started.elapsed().as_secs_f64();
    super::metrics::record(&route, command.as_deref(), status, seconds);
    let duration_ms = seconds * 1000.0;
    span.in_scope(|| {
        tracing::info!(
            request_id = %id,
            method = %method,
            route = %route,
            command = command.as_deref().unwrap_or(""),
            status,
            duration_ms = (duration_ms * 10.0).round() / 10.0,
            "answered"
        );
    });
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(REQUEST_ID_HEADER, v);
    }
    res
}

/// The process answers.
pub async fn healthz() -> &'static str {
    "ok"
}

/// Ready for requests: the database answers and its schema is the one this program knows.
pub async fn readyz(State(server): State<Server>) -> Response {
    match ready(&server).await {
        Ok(()) => (StatusCode::OK, "ready").into_response(),
        Err(why) => {
            tracing::warn!(reason = %why, "not ready");
            (StatusCode::SERVICE_UNAVAILABLE, why).into_response()
        }
    }
}

async fn ready(server: &Server) -> Result<(), String> {
    let db = server.workspaces.main().map_err(|_| {
        "the programme's database is locked: it waits for its passphrase".to_owned()
    })?;
    let (applied,): (i64,) =
        crate::db::query_as("SELECT count(*) FROM _sqlx_migrations WHERE success")
            .fetch_one(&db.pool)
            .await
            .map_err(|e| format!("the database does not answer: {e}"))?;
    let known = crate::db::MIGRATOR.iter().count() as i64;
    match applied.cmp(&known) {
        std::cmp::Ordering::Equal => Ok(()),
        std::cmp::Ordering::Less => Err(format!(
            "the database's schema is behind this program ({applied} of {known} migrations)"
        )),
        std::cmp::Ordering::Greater => Err(format!(
            "the database's schema is newer than this program ({applied} migrations, {known} known)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::route;

    #[test]
    fn routes_keep_commands_and_drop_secrets() {
        assert_eq!(
            route("/api/sign_in"),
            ("/api/{command}".into(), Some("sign_in".into()))
        );
        assert_eq!(route("/calendar/abc123").0, "/calendar/{token}");
        assert_eq!(route("/assets/index.js").0, "/assets/index.js");
    }
}
