//! The programme server's limits against slow or many clients, seen from raw sockets: a client
//! that stops mid-header (over HTTP or after a TLS handshake) is cut off at the header time
//! limit, as is an idle keep-alive connection; connections over the cap wait for a free one; a
//! request whose body trickles in is stopped; cookieless calls make no sessions, and the number
//! of sessions kept is capped and idle anonymous ones are forgotten.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use crate::common::http::{start_server, Browser};
use crate::common::*;
use fellowship::transport::server::{tls, Limits, Server};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tls");

/// Limits small enough for a test to wait for.
fn short() -> Limits {
    Limits {
        header_timeout: Duration::from_secs(1),
        request_timeout: Duration::from_secs(2),
        ..Limits::default()
    }
}

/// Reads until the server closes the connection. A server that never does fails the test after
/// far longer than any limit set here, rather than hanging it.
async fn until_closed(stream: &mut (impl AsyncRead + Unpin)) -> String {
    let mut got = vec![];
    let read = tokio::time::timeout(Duration::from_secs(15), async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    assert!(read.is_ok(), "the server kept the connection open");
    String::from_utf8_lossy(&got).into_owned()
}

fn address(base: &str) -> String {
    base.trim_start_matches("http://").to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_mid_header_or_idles_is_cut_off() {
    let w = world().await;
    let base = start_server(Server::new(w.ws).with_limits(short())).await;
    let addr = address(&base);

    // Half a header line, then nothing.
    let mut slow = TcpStream::connect(&addr).await.unwrap();
    slow.write_all(b"POST /api/app_status HTTP/1.1\r\nHost: x\r\nX-Sl")
        .await
        .unwrap();
    until_closed(&mut slow).await;

    // Connected, never a byte.
    let mut silent = TcpStream::connect(&addr).await.unwrap();
    until_closed(&mut silent).await;

    // One whole request answered, then an idle keep-alive connection.
    let mut idle = TcpStream::connect(&addr).await.unwrap();
    idle.write_all(b"POST /api/app_status HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
        .await
        .unwrap();
    let answer = until_closed(&mut idle).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_mid_header_after_the_tls_handshake_is_cut_off() {
    let w = world().await;
    let config = tls::config(
        &Path::new(FIXTURES).join("localhost.pem"),
        &Path::new(FIXTURES).join("localhost.key"),
    )
    .unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = Server::new(w.ws).with_limits(short());
    tokio::spawn(server.run(listener, None, Some(config)));

    use tokio_rustls::rustls::{self, pki_types::CertificateDer, pki_types::ServerName};
    let mut roots = rustls::RootCertStore::empty();
    let pem = std::fs::read(Path::new(FIXTURES).join("ca.pem")).unwrap();
    for cert in rustls_pemfile_certs(&pem) {
        roots.add(cert).unwrap();
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let client = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(client));
    let tcp = TcpStream::connect(addr).await.unwrap();
    let name = ServerName::try_from("localhost").unwrap();
    let mut stream = connector.connect(name, tcp).await.expect("handshake");
    stream
        .write_all(b"POST /api/app_status HTTP/1.1\r\nHost: localhost\r\nX-Sl")
        .await
        .unwrap();
    until_closed(&mut stream).await;

    // A client that never starts the handshake is cut off too.
    let mut silent = TcpStream::connect(addr).await.unwrap();
    until_closed(&mut silent).await;

    fn rustls_pemfile_certs(pem: &[u8]) -> Vec<CertificateDer<'static>> {
        use rustls_pki_types::pem::PemObject;
        CertificateDer::pem_slice_iter(pem)
            .collect::<Result<_, _>>()
            .unwrap()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_over_the_cap_wait_for_a_free_one() {
    let w = world().await;
    let limits = Limits {
        max_connections: 1,
        ..short()
    };
    let base = start_server(Server::new(w.ws).with_limits(limits)).await;
    let addr = address(&base);

    // The one connection allowed, holding its place without a request.
    let holder = TcpStream::connect(&addr).await.unwrap();
    let mut waiting = TcpStream::connect(&addr).await.unwrap();
    waiting
        .write_all(b"POST /api/app_status HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let answer = until_closed(&mut waiting).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    // It was answered only once the holder had been cut off and its place freed.
    let mut buf = [0u8; 1024];
    loop {
        match holder.try_read(&mut buf) {
            Ok(0) => break,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                panic!("the second connection was served while the first was still open")
            }
            Err(_) => break,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_whose_body_trickles_in_is_stopped() {
    let w = world().await;
    let base = start_server(Server::new(w.ws).with_limits(short())).await;
    let mut slow = TcpStream::connect(address(&base)).await.unwrap();
    slow.write_all(b"POST /api/app_status HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nnu")
        .await
        .unwrap();
    let mut answer = String::new();
    let mut buf = [0u8; 4096];
    let read = tokio::time::timeout(Duration::from_secs(15), slow.read(&mut buf)).await;
    if let Ok(Ok(n)) = read {
        answer = String::from_utf8_lossy(&buf[..n]).into_owned();
    }
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer:?}");
    assert!(answer.contains("took too long"), "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cookieless_calls_make_no_sessions_and_the_number_kept_is_capped() {
    let w = world().await;
    let limits = Limits {
        max_sessions: 50,
        ..Limits::default()
    };
    let server = Server::new(w.ws).with_limits(limits);
    let base = start_server(server.clone()).await;
    let mut lead = Browser::signed_in(&base, "lead@nhs.net", PASSWORD).await;
    assert_eq!(server.session_count(), 1);

    // 2,000 calls without a cookie: any command but the status makes no session at all...
    let client = reqwest::Client::new();
    for i in 0..2000 {
        let command = if i % 2 == 0 {
            "list_cohorts"
        } else {
            "app_status"
        };
        let res = client
            .post(format!("{base}/api/{command}"))
            .body("null")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), if i % 2 == 0 { 403 } else { 200 });
        if i == 0 {
            assert_eq!(server.session_count(), 1);
        }
    }
    // ...and first calls beyond the cap push out the oldest anonymous sessions only.
    assert_eq!(server.session_count(), 50);
    assert!(lead.call("list_cohorts", Value::Null).await.is_ok());

    // When every session this process holds is someone's signed-in one, the least recently used
    // makes way in memory: it is kept in the database, so its owner carries on.
    // The second programme's folder must outlive the server (a dropped World deletes it).
    let second = world().await;
    let _folder = second.dir;
    let full = Server::new(second.ws).with_limits(Limits {
        max_sessions: 1,
        ..Limits::default()
    });
    let base = start_server(full.clone()).await;
    let mut only = Browser::signed_in(&base, "lead@nhs.net", PASSWORD).await;
    let newcomer = Browser::new(&base)
        .send("app_status", Value::Null, false)
        .await;
    assert_eq!(newcomer.status, 200);
    assert_eq!(full.session_count(), 1);
    assert!(only.call("list_cohorts", Value::Null).await.is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_anonymous_sessions_are_forgotten_in_the_background() {
    let w = world().await;
    let server = Server::new(w.ws).with_limits(Limits {
        anonymous_idle: Duration::from_millis(300),
        ..Limits::default()
    });
    let base = start_server(server.clone()).await;
    let mut lead = Browser::signed_in(&base, "lead@nhs.net", PASSWORD).await;
    for _ in 0..5 {
        Browser::new(&base)
            .send("app_status", Value::Null, false)
            .await;
    }
    assert!(server.session_count() > 1);
    // With no new session made, the background task still forgets the idle ones.
    let forgotten = tokio::time::timeout(Duration::from_secs(15), async {
        while server.session_count() > 1 {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await;
    assert!(
        forgotten.is_ok(),
        "{} sessions kept",
        server.session_count()
    );
    assert!(lead.call("list_cohorts", Value::Null).await.is_ok());
}

/// A historic import of 20,000 fellows (a region's ten years) is a 3 MB file: more than axum's
/// own 2 MB body limit, which refused it before the core saw it. Each command now has its own
/// limit, and a body over it is refused with a sentence, not a bare 413.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_larger_than_two_megabytes_reaches_the_core_and_other_calls_keep_their_limit() {
    let w = world().await;
    let base = start_server(Server::new(w.ws)).await;
    let mut b = Browser::signed_in(&base, "lead@nhs.net", PASSWORD).await;
    let csv = historic_csv(20_000);
    assert!(csv.len() > 2_500_000, "{}", csv.len());
    let preview = b
        .call(
            "preview_historic_import",
            serde_json::json!({"file_name": "region.csv", "csv": csv}),
        )
        .await
        .expect("the core previews a 3 MB file");
    assert_eq!(preview["rows"], 20_000);
    assert_eq!(preview["problems"], serde_json::json!([]));
    assert_eq!(preview["new_cohorts"].as_array().unwrap().len(), 10);
    assert_eq!(preview["new_hosts"].as_array().unwrap().len(), 300);

    let huge = "x".repeat(fellowship::validate::max_body("get_fellow"));
    let (kind, message) = b
        .call("get_fellow", serde_json::json!({"id": 1, "padding": huge}))
        .await
        .unwrap_err();
    assert_eq!(kind, "bad_request");
    assert!(message.contains("too large"), "{message}");
}

/// A historic file of `n` completed alumni over ten cohorts.
fn historic_csv(n: usize) -> String {
    let mut csv = String::from(
        "cohort,cohort_start,cohort_end,name,email,profession,professional_body,registration_number,host,host_kind,status\n",
    );
    for i in 0..n {
        csv.push_str(&format!(
            "{},2014-09-01,2015-08-31,Alumnus Number {i},alumnus.{i}@nhs.example,medicine,GMC,H{i:07},Host {} NHS Trust,nhs_trust,completed\n",
            2014 + i / (n / 10).max(1),
            i % 300
        ));
    }
    csv
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_runs_to_its_end_when_the_browser_goes_away() {
    let w = world().await;
    let base = start_server(Server::new(w.ws)).await;
    let mut b = Browser::signed_in(&base, "lead@nhs.net", PASSWORD).await;
    let args = serde_json::json!({"file_name": "region.csv", "csv": historic_csv(20_000)});
    // The browser goes away (a closed tab) while the import is saving.
    let gone = tokio::time::timeout(
        Duration::from_millis(300),
        b.call("import_historic", args.clone()),
    )
    .await;
    assert!(gone.is_err(), "the import answered before the browser left");
    drop(b);
    // The import still finishes, whole, and the programme takes other changes after it.
    let mut other = Browser::signed_in(&base, "lead@nhs.net", PASSWORD).await;
    let mut total = Value::Null;
    for _ in 0..240 {
        let page = other
            .call(
                "page_fellows",
                serde_json::json!({"filter": {"search": null, "cohort_id": null, "profession": null, "host_id": null, "status": null}, "page": 1}),
            )
            .await
            .unwrap();
        total = page["total"].clone();
        if total == 20_000 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(total, 20_000, "the import was cut short with its caller");
    other
        .call(
            "save_cohort",
            serde_json::json!({"id": null, "name": "After the import", "start_date": "2027-09-01", "end_date": "2028-08-31"}),
        )
        .await
        .unwrap();
}

/// The import commands are named here by string: a renamed or new import would otherwise
/// be held to the smaller limit without anyone noticing, so each must be declared and sorted.
#[test]
fn every_import_command_is_given_its_file_limit_by_name() {
    use fellowship::validate;
    let imports: Vec<&str> = fellowship::api::COMMANDS
        .iter()
        .copied()
        .filter(|c| c.contains("import"))
        .collect();
    // Imports of something smaller: the template to fill in, one rater's questionnaire.
    const SMALLER: &[&str] = &["historic_import_template", "import_questionnaire_response"];
    let mut named = [validate::CSV_IMPORTS, SMALLER].concat();
    named.sort_unstable();
    let mut declared = imports.clone();
    declared.sort_unstable();
    assert_eq!(named, declared);
    assert!(validate::CSV_IMPORTS
        .iter()
        .all(|c| validate::largest_file(c) == validate::MAX_CSV_LEN));
    assert!(SMALLER
        .iter()
        .all(|c| validate::largest_file(c) == validate::MAX_FILE_LEN));
}
