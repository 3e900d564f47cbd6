//! Prometheus metrics, served on their own address (`--metrics-listen`) so they never sit beside
//! the public pages: requests by command and status, how long they took, sign-in refusals,
//! the database pool in use and the email outbox's queue. Labels are the command table's names
//! only (anything else counts as "other"), so a caller cannot make series without end, and
//! nothing in them is personal.

use std::sync::{Arc, LazyLock};

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

use crate::api::session::Workspaces;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Request {
    command: String,
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Command {
    command: String,
}

type Durations = Family<Command, Histogram, fn() -> Histogram>;

struct Metrics {
    registry: Registry,
    requests: Family<Request, Counter>,
    seconds: Durations,
    refusals: Counter,
    pool_size: Gauge,
    pool_idle: Gauge,
    outbox: Gauge,
}

fn durations() -> Histogram {
    // 1 ms to about 16 s.
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| {
    let mut registry = Registry::with_prefix("fellowship");
    let requests = Family::<Request, Counter>::default();
    let seconds = Durations::new_with_constructor(durations);
    let refusals = Counter::default();
    let (pool_size, pool_idle, outbox) = (Gauge::default(), Gauge::default(), Gauge::default());
    registry.register(
        "requests",
        "Requests answered, by command (or route) and HTTP status",
        requests.clone(),
    );
    registry.register(
        "request_duration_seconds",
        "How long requests took to answer, by command (or route)",
        seconds.clone(),
    );
    registry.register(
        "sign_in_refusals",
        "Sign-ins refused (wrong password, second step, locked out, organisation sign-in)",
        refusals.clone(),
    );
    registry.register(
        "db_pool_connections",
        "Database connections open",
        pool_size.clone(),
    );
    registry.register(
        "db_pool_idle_connections",
        "Database connections open and idle",
        pool_idle.clone(),
    );
    registry.register(
        "outbox_queued",
        "Email messages waiting to be sent or being sent",
        outbox.clone(),
    );
    Metrics {
        registry,
        requests,
        seconds,
        refusals,
        pool_size,
        pool_idle,
        outbox,
    }
});

/// The label for a request: its command when it is one of the command table's, else its route
/// when it is one of ours, else "other".
fn label(route: &str, command: Option<&str>) -> String {
    match command {
        Some(c) if crate::api::COMMANDS.contains(&c) => c.to_owned(),
        Some(_) => "other".into(),
        None if matches!(route, "/calendar/{token}" | "/healthz" | "/readyz" | "/") => {
            route.to_owned()
        }
        None => "other".into(),
    }
}

/// Counts one answered request.
pub fn record(route: &str, command: Option<&str>, status: u16, seconds: f64) {
    let m = &*METRICS;
    let command = label(route, command);
    m.requests
        .get_or_create(&Request {
            command: command.clone(),
            status: status.to_string(),
        })
        .inc();
    m.seconds
        .get_or_create(&Command {
            command: command.clone(),
        })
        .observe(seconds);
    let signing_in = matches!(
        command.as_str(),
        "sign_in" | "finish_second_step" | "finish_org_sign_in"
    );
    if signing_in && (400..500).contains(&status) {
        m.refusals.inc();
    }
}

/// The metrics as Prometheus text, with the pool and outbox read now.
async fn metrics(State(workspaces): State<Arc<Workspaces>>) -> Response {
    let m = &*METRICS;
    if let Ok(db) = workspaces.main() {
        m.pool_size.set(i64::from(db.pool.size()));
        m.pool_idle.set(db.pool.num_idle() as i64);
        let queued: Result<(i64,), _> =
            crate::db::query_as("SELECT count(*) FROM outbox WHERE state IN ('queued', 'sending')")
                .fetch_one(&db.pool)
                .await;
        if let Ok((n,)) = queued {
            m.outbox.set(n);
        }
    }
    let mut text = String::new();
    if prometheus_client::encoding::text::encode(&mut text, &m.registry).is_err() {
        return axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        text,
    )
        .into_response()
}

/// Serves `/metrics` on `listener` until the process stops.
pub async fn serve(listener: tokio::net::TcpListener, workspaces: Arc<Workspaces>) {
    let router = Router::new()
        .route("/metrics", get(metrics))
        .with_state(workspaces);
    if let Err(e) = axum::serve(listener, router).await {
        tracing::error!(error = %e, "the metrics listener stopped");
    }
}

#[cfg(test)]
mod tests {
    use super::label;

    #[test]
    fn labels_are_the_command_tables_names_or_other() {
        assert_eq!(
            label("/api/{command}", Some("list_cohorts")),
            "list_cohorts"
        );
        assert_eq!(label("/api/{command}", Some("made_up_123")), "other");
        assert_eq!(label("/healthz", None), "/healthz");
        assert_eq!(label("/assets/x.js", None), "other");
    }
}
