//! Built-in TLS: the programme server speaks HTTPS with a PEM certificate and key, and the
//! desktop app's client signs in over it, refusing a certificate it has no reason to trust.

use std::path::Path;

use crate::common::*;
use fellowship::api::session::Workspaces;
use fellowship::transport::client::Remote;
use fellowship::transport::server::{tls, Server};
use serde_json::{json, Value};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tls");

/// Serves the programme over TLS on a free loopback port; returns the port.
async fn start_tls(ws: Workspaces) -> u16 {
    let config = tls::config(
        &Path::new(FIXTURES).join("localhost.pem"),
        &Path::new(FIXTURES).join("localhost.key"),
    )
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let router = Server::new(ws).router(None);
    tokio::spawn(tls::serve(listener, router, config));
    port
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_signs_in_over_https_to_a_certificate_it_trusts() {
    let w = world().await;
    let port = start_tls(Workspaces::new(w.db().clone(), None)).await;
    let pem = std::fs::read(Path::new(FIXTURES).join("ca.pem")).unwrap();
    let url = format!("https://localhost:{port}");

    let remote = Remote::trusting(&url, &pem).unwrap().check().await.unwrap();
    let status = remote
        .call(
            "sign_in",
            json!({"email": "lead@nhs.net", "password": PASSWORD}),
        )
        .await
        .unwrap();
    assert_eq!(status["user"]["role"], "faculty");
    assert!(remote
        .call("list_cohorts", Value::Null)
        .await
        .unwrap()
        .is_array());

    // A self-signed certificate the computer does not trust is refused, saying why.
    let e = Remote::connect(&url).await.err().unwrap();
    assert_eq!(e.field.as_deref(), Some("url"));
    assert!(e.message.contains("certificate"), "{}", e.message);

    // Plain HTTP to the TLS port gets no programme server.
    let e = Remote::connect(&format!("http://127.0.0.1:{port}"))
        .await
        .err()
        .unwrap();
    assert_eq!(e.field.as_deref(), Some("url"));
}

#[test]
fn a_missing_or_wrong_key_is_named() {
    let cert = Path::new(FIXTURES).join("localhost.pem");
    let e = tls::config(&cert, Path::new("/nonexistent/key.pem")).unwrap_err();
    assert!(
        e.to_string().contains("TLS key in /nonexistent/key.pem"),
        "{e}"
    );
    // A certificate file given as the key holds no key.
    let e = tls::config(&cert, &cert).unwrap_err();
    assert!(e.to_string().contains("TLS key"), "{e}");
    let e = tls::config(Path::new(FIXTURES).join("localhost.key").as_path(), &cert).unwrap_err();
    assert!(e.to_string().contains("TLS certificate"), "{e}");
}
