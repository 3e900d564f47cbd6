//! The accept loop shared by plain HTTP and TLS, with the limits that keep slow or many clients
//! from holding the server: a cap on open connections (more wait in the listen queue), a time
//! limit on sending a request's headers (which is also how long an idle keep-alive connection
//! stays: hyper times the wait for the next request's headers from the end of the last answer),
//! the TLS handshake within the same limit, and a time limit on each whole request.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_rustls::TlsAcceptor;

use crate::error::ApiError;

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// To finish the TLS handshake, then to send a request's headers; also the keep-alive idle
    /// limit between requests.
    pub header_timeout: Duration,
    /// To send the whole request and get the answer.
    pub request_timeout: Duration,
    /// Connections open at once; more wait to be accepted. A browser keeps one or more open
    /// while its person works, so this is at least the number of people working at once.
    pub max_connections: usize,
    /// Browser sessions kept at once.
    pub max_sessions: usize,
    /// How long an anonymous (never signed-in) session is kept unused.
    pub anonymous_idle: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(120),
            max_connections: DEFAULT_MAX_CONNECTIONS,
            max_sessions: 10_000,
            anonymous_idle: Duration::from_secs(3600),
        }
    }
}

/// Enough for a thousand people working at once with a few connections each; an idle connection
/// costs the server a few kilobytes (measured: docs/performance.md).
pub const DEFAULT_MAX_CONNECTIONS: usize = 4096;

/// Files kept for the database, logs and the listener, beside one per connection.
const FILES_BESIDE_CONNECTIONS: u64 = 128;

/// Raises this process's open-file limit (its soft limit, up to the hard one the system allows)
/// so that `wanted` connections fit; returns how many do. Linux starts processes at 1,024.
pub fn connections_that_fit(wanted: usize) -> usize {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit and setrlimit read and write the one struct passed.
        unsafe {
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
                return wanted;
            }
            let need = wanted as u64 + FILES_BESIDE_CONNECTIONS;
            if lim.rlim_cur < need {
                let raised = libc::rlimit {
                    rlim_cur: need.min(lim.rlim_max),
                    rlim_max: lim.rlim_max,
                };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                    lim.rlim_cur = raised.rlim_cur;
                }
            }
        }
        let fit = lim.rlim_cur.saturating_sub(FILES_BESIDE_CONNECTIONS).max(1);
        wanted.min(usize::try_from(fit).unwrap_or(usize::MAX))
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    wanted
}

/// The client's address, put on each request for the core's per-client sign-in limits.
#[derive(Clone, Copy, Debug)]
pub struct Peer(pub SocketAddr);

/// How long requests in flight may take to finish once the server is asked to stop.
pub const DRAIN: Duration = Duration::from_secs(30);

/// Serves `router` on `listener` (over TLS when given an acceptor) until `shutdown` resolves;
/// then stops accepting, lets each connection finish the request it is serving (keep-alive
/// connections close after it), and returns once all are done or `DRAIN` has passed.
pub async fn accept_loop(
    listener: TcpListener,
    router: Router,
    tls: Option<TlsAcceptor>,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let max = connections_that_fit(limits.max_connections.max(1));
    if max < limits.max_connections {
        tracing::warn!(
            wanted = limits.max_connections,
            allowed = max,
            "the system's open-file limit allows fewer connections than set (raise LimitNOFILE)"
        );
    }
    let permits = Arc::new(Semaphore::new(max));
    let (stop, stopping) = tokio::sync::watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        // Taken before accepting, so connections over the cap wait in the listen queue.
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => p,
            () = &mut shutdown => break,
        };
        let Ok(permit) = permit else {
            return;
        };
        let accepted = tokio::select! {
            a = listener.accept() => a,
            () = &mut shutdown => break,
        };
        let (tcp, peer) = match accepted {
            Ok(c) => c,
            // E.g. too many open files: wait a moment rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let router = router.clone();
        let tls = tls.clone();
        let stopping = stopping.clone();
        tokio::spawn(async move {
            let _permit = permit;
            match tls {
                None => serve_connection(tcp, peer, router, limits, stopping).await,
                Some(acceptor) => {
                    let handshake = acceptor.accept(tcp);
                    if let Ok(Ok(stream)) =
                        tokio::time::timeout(limits.header_timeout, handshake).await
                    {
                        serve_connection(stream, peer, router, limits, stopping).await;
                    }
                }
            }
        });
    }
    drop(listener);
    let _ = stop.send(true);
    // Every connection holds a permit: all of them back means all are done.
    let all = u32::try_from(max).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(DRAIN, permits.acquire_many(all)).await;
}

async fn serve_connection<I>(
    io: I,
    peer: SocketAddr,
    router: Router,
    limits: Limits,
    mut stopping: tokio::sync::watch::Receiver<bool>,
) where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = TowerToHyperService::new(router);
    let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
        req.extensions_mut().insert(Peer(peer));
        let answer = hyper::service::Service::call(&service, req);
        async move {
            match tokio::time::timeout(limits.request_timeout, answer).await {
                Ok(answer) => answer,
                Err(_) => Ok(too_slow()),
            }
        }
    });
    // HTTP/1.1 only (no ALPN is offered, and a browser never starts HTTP/2 in the clear), so
    // hyper's header timer covers every connection.
    let mut builder = Builder::new(TokioExecutor::new()).http1_only();
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    // A connection that ends badly or times out affects only itself.
    let conn = builder.serve_connection(TokioIo::new(io), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = async { stopping.wait_for(|s| *s).await.map(|_| ()) } => {
            // Finish the request under way, then close.
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        }
    }
}

/// A request that took longer than the limit (its body trickled in, or the work ran long).
fn too_slow() -> Response {
    let e = ApiError::internal(
        "The request took too long and was stopped. Check whether your change was saved, then try again.",
    );
    let mut res = (StatusCode::SERVICE_UNAVAILABLE, axum::Json(e)).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    use super::*;

    fn open_files() -> (u64, u64) {
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit writes the one struct passed.
        assert_eq!(unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) }, 0);
        (lim.rlim_cur, lim.rlim_max)
    }

    #[test]
    fn the_open_file_limit_is_raised_to_fit_the_connections_as_far_as_the_system_allows() {
        // Start where Linux starts a process (each test runs in its own process under nextest).
        let (_, hard) = open_files();
        let start = libc::rlimit {
            rlim_cur: 1024.min(hard),
            rlim_max: hard,
        };
        // SAFETY: setrlimit reads the one struct passed.
        assert_eq!(unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &start) }, 0);
        let wanted = 3000;
        let fit = connections_that_fit(wanted);
        let (soft, _) = open_files();
        if hard >= wanted as u64 + FILES_BESIDE_CONNECTIONS {
            assert_eq!(fit, wanted);
            assert!(soft >= wanted as u64 + FILES_BESIDE_CONNECTIONS, "{soft}");
        } else {
            // A system that allows fewer: as many as fit, never more.
            assert_eq!(fit as u64, hard - FILES_BESIDE_CONNECTIONS);
        }
        assert_eq!(connections_that_fit(10), 10);
    }
}
