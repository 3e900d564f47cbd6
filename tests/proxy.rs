//! Behind a real reverse proxy: Debian's nginx terminates TLS (the test CA's certificate) and
//! proxies to the server on loopback with its default Host rewriting, as a programme office
//! would run it. With `--public-url` the browser's calls get through; other sites' are refused.

use std::path::Path;

use crate::common::http::start_server;
use crate::common::*;
use fellowship::transport::client::{Remote, SendOptions};
use fellowship::transport::server::Server;
use serde_json::{json, Value};

use crate::common::nginx::{self, free_port, FIXTURES};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_signs_in_through_nginx_terminating_tls() {
    let Some(binary) = nginx::binary() else {
        eprintln!("SKIPPED: nginx is not installed (apt-get install nginx, or scripts/install-deps.sh --test)");
        return;
    };
    let w = world().await;
    let port = free_port();
    let public = format!("https://localhost:{port}");
    let server = Server::new(w.ws)
        .with_public_urls(std::slice::from_ref(&public))
        .unwrap();
    let upstream = start_server(server).await;
    let dir = tempfile::tempdir().unwrap();
    let _nginx = nginx::start(&binary, dir.path(), port, true, &[upstream]).await;

    let pem = std::fs::read(Path::new(FIXTURES).join("ca.pem")).unwrap();
    let remote = Remote::trusting(&public, &pem)
        .unwrap()
        .check()
        .await
        .unwrap();
    // A page of the app, as a browser sends it: Origin is the public address, while the Host
    // the server sees is nginx's upstream.
    let page = SendOptions {
        origin: Some(public.clone()),
        ..SendOptions::default()
    };
    let signed_in = remote
        .send(
            "sign_in",
            json!({"email": "lead@nhs.net", "password": PASSWORD}),
            &page,
        )
        .await
        .unwrap();
    assert_eq!(signed_in.status, 200, "{}", signed_in.body);
    assert_eq!(signed_in.body["user"]["email"], "lead@nhs.net");
    // Browsers reach it over HTTPS, so the cookies are __Host- ones and HSTS is on.
    assert!(signed_in
        .set_cookies
        .iter()
        .any(|c| c.starts_with("__Host-fellowship_session=")));
    assert_eq!(
        signed_in.headers["strict-transport-security"],
        "max-age=31536000"
    );
    let cohorts = remote
        .send("list_cohorts", Value::Null, &page)
        .await
        .unwrap();
    assert_eq!(cohorts.status, 200);
    assert!(cohorts.body.is_array());
    // The desktop app's client sends no Origin, and gets through too.
    assert!(remote
        .call("list_cohorts", Value::Null)
        .await
        .unwrap()
        .is_array());

    // A page of another site is still refused.
    let elsewhere = SendOptions {
        origin: Some("https://evil.example".into()),
        ..SendOptions::default()
    };
    let refused = remote
        .send("list_cohorts", Value::Null, &elsewhere)
        .await
        .unwrap();
    assert_eq!(refused.status, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_public_address_nginx_rewriting_host_refuses_the_browser() {
    let Some(binary) = nginx::binary() else {
        eprintln!("SKIPPED: nginx is not installed (apt-get install nginx, or scripts/install-deps.sh --test)");
        return;
    };
    let w = world().await;
    let port = free_port();
    let public = format!("https://localhost:{port}");
    let upstream = start_server(Server::new(w.ws)).await;
    let dir = tempfile::tempdir().unwrap();
    let _nginx = nginx::start(&binary, dir.path(), port, true, &[upstream]).await;

    let pem = std::fs::read(Path::new(FIXTURES).join("ca.pem")).unwrap();
    let remote = Remote::trusting(&public, &pem)
        .unwrap()
        .check()
        .await
        .unwrap();
    let page = SendOptions {
        origin: Some(public),
        ..SendOptions::default()
    };
    let refused = remote
        .send(
            "sign_in",
            json!({"email": "lead@nhs.net", "password": PASSWORD}),
            &page,
        )
        .await
        .unwrap();
    // This is why `--public-url` exists: Host is nginx's upstream, not the browser's address.
    assert_eq!(refused.status, 403);
}
