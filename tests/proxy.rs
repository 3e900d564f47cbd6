//! Behind a real reverse proxy: Debian's nginx terminates TLS (the test CA's certificate) and
//! proxies to the server on loopback with its default Host rewriting, as a programme office
//! would run it. With `--public-url` the browser's calls get through; other sites' are refused.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::http::start_server;
use common::*;
use fellowship::server::client::{Remote, SendOptions};
use fellowship::server::Server;
use serde_json::{json, Value};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tls");

/// nginx, killed when the test ends however it ends.
struct Nginx(Child);

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn nginx_binary() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts nginx in the foreground with its own config and prefix in `dir`, TLS on `port`,
/// proxying to `upstream` with nginx's defaults (Host becomes the upstream's address).
async fn nginx(binary: &Path, dir: &Path, port: u16, upstream: &str) -> Nginx {
    let d = dir.display();
    let conf = format!(
        r#"
master_process off;
error_log {d}/error.log;
pid {d}/nginx.pid;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {d}/body;
    proxy_temp_path {d}/proxy;
    fastcgi_temp_path {d}/fastcgi;
    uwsgi_temp_path {d}/uwsgi;
    scgi_temp_path {d}/scgi;
    server {{
        listen 127.0.0.1:{port} ssl;
        server_name localhost;
        ssl_certificate {FIXTURES}/localhost.pem;
        ssl_certificate_key {FIXTURES}/localhost.key;
        location / {{
            proxy_pass {upstream};
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
"#
    );
    std::fs::write(dir.join("nginx.conf"), conf).unwrap();
    let child = Command::new(binary)
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .args(["-g", "daemon off;"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start nginx");
    let mut nginx = Nginx(child);
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return nginx;
        }
        if let Ok(Some(status)) = nginx.0.try_wait() {
            let log = std::fs::read_to_string(dir.join("error.log")).unwrap_or_default();
            panic!("nginx stopped ({status}): {log}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("nginx did not start listening on {port}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_signs_in_through_nginx_terminating_tls() {
    let Some(binary) = nginx_binary() else {
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
    let _nginx = nginx(&binary, dir.path(), port, &upstream).await;

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
    let Some(binary) = nginx_binary() else {
        eprintln!("SKIPPED: nginx is not installed (apt-get install nginx, or scripts/install-deps.sh --test)");
        return;
    };
    let w = world().await;
    let port = free_port();
    let public = format!("https://localhost:{port}");
    let upstream = start_server(Server::new(w.ws)).await;
    let dir = tempfile::tempdir().unwrap();
    let _nginx = nginx(&binary, dir.path(), port, &upstream).await;

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
