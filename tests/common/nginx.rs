//! Debian's nginx in front of the server, as a programme office runs it: one upstream behind TLS
//! (`tests/proxy.rs`), or several processes behind a plain load balancer (`tests/server_ops.rs`).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tls");

/// nginx, killed when the test ends however it ends.
pub struct Nginx(Child);

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn binary() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts nginx in the foreground with its own config and prefix in `dir`, on `port` (TLS with
/// the test CA's localhost certificate if `tls`), passing requests to `upstreams` in turn with
/// nginx's defaults (Host becomes the upstream's address; a request already sent to a server
/// that fails is not sent again to another, since it may have been done).
pub async fn start(binary: &Path, dir: &Path, port: u16, tls: bool, upstreams: &[String]) -> Nginx {
    let d = dir.display();
    let servers: String = upstreams
        .iter()
        .map(|u| format!("server {};\n", u.trim_start_matches("http://")))
        .collect();
    let (ssl, certificate) = if tls {
        (
            " ssl",
            format!(
                "ssl_certificate {FIXTURES}/localhost.pem;\nssl_certificate_key {FIXTURES}/localhost.key;"
            ),
        )
    } else {
        ("", String::new())
    };
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
    upstream fellowship {{
        {servers}
    }}
    server {{
        listen 127.0.0.1:{port}{ssl};
        server_name localhost;
        {certificate}
        location / {{
            proxy_pass http://fellowship;
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
