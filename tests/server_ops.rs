//! Running the programme server for real: the `fellowship serve` binary logs one JSON line per
//! request (with its id, which the answer carries too) and nothing personal; answers `/healthz`
//! and `/readyz`; and on SIGTERM stops taking connections, finishes the request in flight and
//! exits cleanly.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::http::Browser;
use crate::common::*;
use serde_json::Value;

struct Served {
    child: std::process::Child,
    addr: String,
    metrics: String,
    log: Arc<Mutex<String>>,
}

fn serve(db: &std::path::Path) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fellowship"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--log-format",
            "json",
            "--ui",
            "/nonexistent",
            "--metrics-listen",
            "127.0.0.1:0",
        ])
        .arg("--db")
        .arg(db)
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut metrics = String::new();
    let addr = loop {
        let line = out
            .next()
            .expect("the server says where it serves")
            .unwrap();
        if let Some(a) = line.strip_prefix("Metrics are at ") {
            metrics = a.to_owned();
        }
        if let Some(a) = line.strip_prefix("Fellowship is serving on http://") {
            break a.to_owned();
        }
    };
    let log = Arc::new(Mutex::new(String::new()));
    let sink = log.clone();
    let mut err = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = err.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    Served {
        child,
        addr,
        metrics,
        log,
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn lines(log: &str) -> Vec<Value> {
    log.lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_logs_each_request_without_personal_data_and_answers_health_checks() {
    let w = world().await;
    let mut s = serve(&w.path);
    let base = format!("http://{}", s.addr);
    let health = reqwest::get(format!("{base}/healthz")).await.unwrap();
    assert_eq!(health.status(), 200);
    let ready = reqwest::get(format!("{base}/readyz")).await.unwrap();
    assert_eq!(ready.status(), 200);
    // The metrics are on their own address, not the public one.
    let public = reqwest::get(format!("{base}/metrics")).await.unwrap();
    assert_ne!(public.status(), 200);

    let mut refused = Browser::new(&base);
    refused.send("app_status", Value::Null, false).await;
    refused
        .call(
            "sign_in",
            serde_json::json!({"email": "lead@nhs.net", "password": "not the password"}),
        )
        .await
        .expect_err("a wrong password");
    let mut browser = Browser::signed_in(&base, "lead@nhs.net", PASSWORD).await;
    browser
        .call("list_cohorts", Value::Null)
        .await
        .expect("signed in");
    let feed = reqwest::get(format!("{base}/calendar/private-token-xyz"))
        .await
        .unwrap();
    assert_eq!(feed.status(), 404);
    let id = feed.headers()["x-request-id"].to_str().unwrap().to_owned();
    reqwest::get(format!("{base}/?code=SECRETCODE&state=S"))
        .await
        .unwrap();

    // Prometheus metrics: each command by status, durations, the refusal, the pool.
    let metrics = reqwest::get(&s.metrics)
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for line in [
        "fellowship_requests_total{command=\"list_cohorts\",status=\"200\"} 1",
        "fellowship_requests_total{command=\"/calendar/{token}\",status=\"404\"} 1",
        "fellowship_sign_in_refusals_total 1",
        "fellowship_request_duration_seconds_count{command=\"sign_in\"} 2",
        "fellowship_outbox_queued 0",
    ] {
        assert!(metrics.contains(line), "{line} in {metrics}");
    }
    assert!(metrics.contains("fellowship_db_pool_connections "));
    assert!(!metrics.contains("lead@nhs.net") && !metrics.contains("private-token"));

    // A schema newer than the program: not ready, saying why.
    let checksum = if cfg!(feature = "postgres") {
        "decode('00', 'hex')"
    } else {
        "X'00'"
    };
    fellowship::db::query(&format!(
        "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time)
         VALUES (29991231000000, 'from a newer version', CURRENT_TIMESTAMP, TRUE, {checksum}, 0)"
    ))
    .execute(&w.db().pool)
    .await
    .unwrap();
    let ready = reqwest::get(format!("{base}/readyz")).await.unwrap();
    assert_eq!(ready.status(), 503);
    assert!(ready
        .text()
        .await
        .unwrap()
        .contains("newer than this program"));

    tokio::time::sleep(Duration::from_millis(200)).await;
    s.child.kill().unwrap();
    s.child.wait().unwrap();
    let log = s.log.lock().unwrap().clone();
    let all = lines(&log);
    let signed_in = all
        .iter()
        .find(|l| l["command"] == "sign_in" && l["status"] == 200)
        .expect("a line for the sign-in");
    assert!(all
        .iter()
        .any(|l| l["command"] == "sign_in" && l["status"] == 422));
    assert_eq!(signed_in["status"], 200);
    assert_eq!(signed_in["method"], "POST");
    assert!(signed_in["duration_ms"].is_number());
    assert!(!signed_in["request_id"].as_str().unwrap_or("").is_empty());
    assert!(all.iter().any(|l| l["request_id"] == id.as_str()
        && l["route"] == "/calendar/{token}"
        && l["status"] == 404));
    for secret in [PASSWORD, "lead@nhs.net", "private-token-xyz", "SECRETCODE"] {
        assert!(!log.contains(secret), "the log holds {secret:?}");
    }

    // Started again on that programme, the server refuses, saying why (a bound, in case it
    // wrongly starts).
    let out = Command::new("timeout")
        .arg("30")
        .arg(env!("CARGO_BIN_EXE_fellowship"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--ui",
            "/nonexistent",
            "--db",
        ])
        .arg(&w.path)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("last opened by a newer version of Fellowship"),
        "{said}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sigterm_the_request_in_flight_is_finished_and_new_connections_are_refused() {
    let w = world().await;
    let mut s = serve(&w.path);
    // A request whose body is still arriving when the stop comes.
    let mut slow = TcpStream::connect(&s.addr).unwrap();
    write!(
        slow,
        "POST /api/app_status HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: 4\r\n\r\nnu",
        s.addr
    )
    .unwrap();
    slow.flush().unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let pid = s.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        TcpStream::connect(&s.addr).is_err(),
        "no new connection once stopping"
    );
    slow.write_all(b"ll").unwrap();
    let mut answer = String::new();
    slow.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let _ = slow.read_to_string(&mut answer);
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "the request in flight was answered: {answer:?}"
    );
    let status = s.child.wait().unwrap();
    assert!(status.success(), "a clean exit: {status:?}");
    let log = s.log.lock().unwrap().clone();
    assert!(log.contains("finishing requests in flight") && log.contains("stopped"));
}

fn host(name: &str) -> Value {
    serde_json::json!({"id": null, "name": name, "kind": "nhs_trust", "ods_code": null,
        "region": "London", "sponsor_name": "Sponsor", "sponsor_email": "sponsor@nhs.net",
        "mentor_name": "Mentor", "mentor_email": "mentor@nhs.net"})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_server_processes_behind_nginx_share_sessions_and_lose_no_saved_write_when_one_dies() {
    let Some(binary) = common::nginx::binary() else {
        eprintln!("SKIPPED: nginx is not installed (scripts/install-deps.sh --test)");
        return;
    };
    let w = world().await;
    let (mut first, second) = (serve(&w.path), serve(&w.path));
    let port = common::nginx::free_port();
    let dir = tempfile::tempdir().unwrap();
    let _nginx = common::nginx::start(
        &binary,
        dir.path(),
        port,
        false,
        &[first.addr.clone(), second.addr.clone()],
    )
    .await;
    // nginx sends each request to the next process in turn: one browser session crosses both.
    let mut browser = Browser::signed_in(
        &format!("http://127.0.0.1:{port}"),
        "lead@nhs.net",
        PASSWORD,
    )
    .await;

    let mut saved = vec![];
    let mut after_the_loss = vec![];
    for i in 0..60 {
        if i == 20 {
            // One process dies mid-run, with no chance to finish anything.
            first.child.kill().unwrap();
            first.child.wait().unwrap();
        }
        let name = format!("Load-balanced Trust {i:02}");
        let answer = browser.call("save_host", host(&name)).await;
        if answer.is_ok() {
            saved.push(name);
        }
        if i >= 40 {
            after_the_loss.push(answer.map(|_| ()));
        }
    }
    // The session carried on through the other process, without signing in again...
    assert!(
        after_the_loss.iter().all(Result::is_ok),
        "{after_the_loss:?}"
    );
    assert!(saved.len() >= 58, "{} of 60 saved", saved.len());
    // ...and every write reported saved is there.
    let hosts = browser.call("list_hosts", Value::Null).await.unwrap();
    let names: Vec<&str> = hosts
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["name"].as_str())
        .collect();
    for name in &saved {
        assert!(names.contains(&name.as_str()), "{name} was reported saved");
    }
    // Both processes saved some of them.
    for process in [&first, &second] {
        let log = process.log.lock().unwrap().clone();
        assert!(
            lines(&log)
                .iter()
                .any(|l| l["command"] == "save_host" && l["status"] == 200),
            "each process served the browser"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_come_from_a_file_and_the_environment_and_help_lists_them() {
    let w = world().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fellowship.env");
    std::fs::write(
        &file,
        format!(
            "# As /etc/fellowship/fellowship.env\nFELLOWSHIP_DB={}\nFELLOWSHIP_LISTEN=127.0.0.1:0\nFELLOWSHIP_UI=/nonexistent\nFELLOWSHIP_LOG_FORMAT=text\n",
            w.path.display()
        ),
    )
    .unwrap();
    // The file says text; the environment says json, and wins.
    let mut child = Command::new(env!("CARGO_BIN_EXE_fellowship"))
        .args(["serve", "--config"])
        .arg(&file)
        .env("FELLOWSHIP_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = out.next().expect("it serves").unwrap();
        if let Some(a) = line.strip_prefix("Fellowship is serving on http://") {
            break a.to_owned();
        }
    };
    let ready = reqwest::get(format!("http://{addr}/readyz")).await.unwrap();
    assert_eq!(ready.status(), 200, "the database named in the file");
    child.kill().unwrap();
    child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(
        err.lines()
            .any(|l| serde_json::from_str::<Value>(l).is_ok()),
        "JSON lines, as the environment said: {err}"
    );

    // A settings file that is not there stops the start, saying which.
    let missing = Command::new(env!("CARGO_BIN_EXE_fellowship"))
        .args(["serve", "--config", "/nonexistent/fellowship.env"])
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/fellowship.env"));

    // Every setting's environment name is in the help.
    let help = Command::new(env!("CARGO_BIN_EXE_fellowship"))
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for name in [
        "FELLOWSHIP_CONFIG",
        "FELLOWSHIP_DB",
        "FELLOWSHIP_LISTEN",
        "FELLOWSHIP_TLS_CERT",
        "FELLOWSHIP_TLS_KEY",
        "FELLOWSHIP_UI",
        "FELLOWSHIP_PUBLIC_URL",
        "FELLOWSHIP_LOG_FORMAT",
        "FELLOWSHIP_METRICS_LISTEN",
    ] {
        assert!(help.contains(name), "{name} in {help}");
    }
}
