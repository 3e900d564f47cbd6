//! The programme server's sessions and answers: a new session id and CSRF token whenever someone
//! signs in (the old id stops working), `__Host-` cookies and HSTS over TLS, answers that no
//! cache keeps, and a malformed request answered 400 in plain words.

use crate::common;

use std::path::Path;

use crate::common::http::{start, Browser};
use crate::common::*;
use fellowship::api::session::Workspaces;
use fellowship::transport::client::{Remote, SendOptions};
use fellowship::transport::server::{tls, Server};
use fellowship::Db;
use serde_json::{json, Value};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tls");

/// The value of the cookie `name` among the ones an answer set.
fn cookie(set_cookies: &[String], name: &str) -> Option<String> {
    set_cookies.iter().find_map(|c| {
        let (kv, _) = c.split_once(';').unwrap_or((c, ""));
        let (k, v) = kv.split_once('=')?;
        (k == name).then(|| v.to_owned())
    })
}

/// A raw call with exactly these cookies and CSRF header (no jar).
async fn raw(
    base: &str,
    command: &str,
    cookies: &str,
    csrf: &str,
    body: &str,
) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{base}/api/{command}"))
        .header("cookie", cookies)
        .header("x-fellowship-csrf", csrf)
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
}

/// Runs `command` as a browser that has loaded the app, and checks it left with a new session
/// id and token while the ones it had before are refused.
async fn renews(base: &str, command: &str, args: Value) -> Browser {
    let mut b = Browser::new(base);
    let first = b.send("app_status", Value::Null, false).await;
    let old_id = cookie(&first.set_cookies, "fellowship_session").unwrap();
    let old_csrf = cookie(&first.set_cookies, "fellowship_csrf").unwrap();
    let done = b.send(command, args, true).await;
    assert_eq!(done.status, 200, "{command}: {}", done.body);
    let new_id = cookie(&done.set_cookies, "fellowship_session").expect("a new session id");
    let new_csrf = cookie(&done.set_cookies, "fellowship_csrf").expect("a new CSRF token");
    assert_ne!(new_id, old_id, "{command}");
    assert_ne!(new_csrf, old_csrf, "{command}");
    // The id from before is gone: whoever planted or saw it is not signed in.
    let old = format!("fellowship_session={old_id}; fellowship_csrf={old_csrf}");
    let res = raw(base, "list_cohorts", &old, &old_csrf, "null").await;
    assert_eq!(res.status(), 401, "{command}");
    // ...and the browser is told to drop its cookie.
    let dropped = res.headers().get_all("set-cookie").iter().any(|v| {
        let v = v.to_str().unwrap();
        v.starts_with("fellowship_session=;") && v.contains("Max-Age=0")
    });
    assert!(dropped, "{command}");
    let res = raw(base, "app_status", &old, &old_csrf, "null").await;
    assert_eq!(res.status(), 200);
    let status: Value = res.json().await.unwrap();
    assert!(
        status["user"].is_null(),
        "{command}: the old id is signed in"
    );
    // The browser carries on with its new cookies.
    assert!(b.call("app_status", Value::Null).await.unwrap()["user"].is_object());
    b
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_gives_a_new_session_id_and_token() {
    let w = world().await;
    let base = start(w.ws).await;
    let sign_in = json!({"email": "lead@nhs.net", "password": PASSWORD});
    let mut lead = renews(&base, "sign_in", sign_in).await;
    assert!(lead.call("list_cohorts", Value::Null).await.is_ok());

    // A wrong password signs no one in and keeps the session as it was.
    let mut b = Browser::new(&base);
    b.send("app_status", Value::Null, false).await;
    let wrong = b
        .send(
            "sign_in",
            json!({"email": "lead@nhs.net", "password": "wrong"}),
            true,
        )
        .await;
    assert_ne!(wrong.status, 200);
    assert!(cookie(&wrong.set_cookies, "fellowship_session").is_none());

    // Accepting an invitation signs the new user in.
    let issued = lead
        .call(
            "invite_user",
            json!({"email": "second@nhs.net", "role": "faculty", "fellow_id": null, "host_id": null}),
        )
        .await
        .unwrap();
    renews(
        &base,
        "accept_invitation",
        json!({"token": issued["token"], "name": "Dr Second", "password": PASSWORD, "password_confirm": PASSWORD}),
    )
    .await;

    // So does opening the demo programme.
    renews(&base, "explore_demo", Value::Null).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn setting_up_the_programme_gives_a_new_session_id() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "new").await;
    let base = start(Workspaces::new(db, None)).await;
    renews(
        &base,
        "setup_programme",
        json!({"programme_name": "New Programme", "name": "Dr First", "email": "first@nhs.net",
               "password": PASSWORD, "password_confirm": PASSWORD}),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_tls_the_cookies_are_host_prefixed_and_browsers_are_told_to_keep_to_https() {
    let w = world().await;
    let config = tls::config(
        &Path::new(FIXTURES).join("localhost.pem"),
        &Path::new(FIXTURES).join("localhost.key"),
    )
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(Server::new(w.ws).run(listener, None, Some(config)));
    let pem = std::fs::read(Path::new(FIXTURES).join("ca.pem")).unwrap();
    let remote = Remote::trusting(&format!("https://localhost:{port}"), &pem).unwrap();

    let first = remote
        .send("app_status", Value::Null, &SendOptions::default())
        .await
        .unwrap();
    assert_eq!(
        first.headers["strict-transport-security"],
        "max-age=31536000"
    );
    for name in ["__Host-fellowship_session", "__Host-fellowship_csrf"] {
        let c = first
            .set_cookies
            .iter()
            .find(|c| c.starts_with(&format!("{name}=")))
            .unwrap_or_else(|| panic!("no {name} in {:?}", first.set_cookies));
        assert!(c.contains("; Path=/") && c.contains("; Secure"), "{c}");
        assert!(!c.to_ascii_lowercase().contains("domain="), "{c}");
    }
    assert!(cookie(&first.set_cookies, "fellowship_session").is_none());

    // The app's client sends them back under their prefixed names.
    let status = remote
        .call(
            "sign_in",
            json!({"email": "lead@nhs.net", "password": PASSWORD}),
        )
        .await
        .unwrap();
    assert_eq!(status["user"]["email"], "lead@nhs.net");
    assert!(remote
        .call("list_cohorts", Value::Null)
        .await
        .unwrap()
        .is_array());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_answers_are_not_kept_by_caches_and_plain_http_sends_no_hsts() {
    let w = world().await;
    let base = start(w.ws).await;
    let mut b = Browser::new(&base);
    let ok = b.send("app_status", Value::Null, false).await;
    let refused = Browser::new(&base)
        .send("list_cohorts", Value::Null, true)
        .await;
    let unknown = b.send("drop_everything", Value::Null, true).await;
    for (answer, status) in [(&ok, 200), (&refused, 403), (&unknown, 404)] {
        assert_eq!(answer.status, status);
        assert_eq!(answer.headers["cache-control"], "no-store", "{status}");
    }
    assert!(ok.headers.get("strict-transport-security").is_none());
    assert!(cookie(&ok.set_cookies, "fellowship_session").is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_request_is_a_400_in_plain_words() {
    let w = world().await;
    let base = start(w.ws).await;
    let mut b = Browser::new(&base);
    let first = b.send("app_status", Value::Null, false).await;
    let id = cookie(&first.set_cookies, "fellowship_session").unwrap();
    let csrf = cookie(&first.set_cookies, "fellowship_csrf").unwrap();
    let cookies = format!("fellowship_session={id}; fellowship_csrf={csrf}");

    let cases = [
        ("{not json", None),
        (r#"{"email": 5, "password": "x"}"#, None),
        (r#"{"password": "x"}"#, Some("email")),
        (r#"["lead@nhs.net"]"#, None),
    ];
    for (body, field) in cases {
        let res = raw(&base, "sign_in", &cookies, &csrf, body).await;
        assert_eq!(res.status(), 400, "{body}");
        let e: Value = res.json().await.unwrap();
        assert_eq!(e["kind"], "bad_request", "{body}");
        assert_eq!(e["message"], "The request could not be read.", "{body}");
        assert_eq!(e["field"].as_str(), field, "{body}");
    }
    // The same session still works afterwards.
    let done = b
        .send(
            "sign_in",
            json!({"email": "lead@nhs.net", "password": PASSWORD}),
            true,
        )
        .await;
    assert_eq!(done.status, 200);
}

/// The cookies an answer set, as a browser sends them back, and the CSRF token.
fn jar(set_cookies: &[String]) -> (String, String) {
    let id = cookie(set_cookies, "fellowship_session").expect("a session id");
    let csrf = cookie(set_cookies, "fellowship_csrf").expect("a CSRF token");
    (
        format!("fellowship_session={id}; fellowship_csrf={csrf}"),
        csrf,
    )
}

fn set_cookies(res: &reqwest::Response) -> Vec<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_are_kept_in_the_database_shared_by_every_server_process_and_kept_across_a_restart(
) {
    let w = world().await;
    let path = w.path.clone();
    let process = || async { start(Workspaces::new(Db::open(&path).await.unwrap(), None)).await };
    // Two server processes on one database, as behind a load balancer.
    let (a, b) = (process().await, process().await);

    // The page loads from A; the sign-in goes to B, which takes up A's session.
    let res = raw(&a, "app_status", "", "", "null").await;
    let (cookies, csrf) = jar(&set_cookies(&res));
    let body = json!({"email": "lead@nhs.net", "password": PASSWORD}).to_string();
    let res = raw(&b, "sign_in", &cookies, &csrf, &body).await;
    assert_eq!(res.status(), 200);
    let (old_csrf, (signed_in, csrf)) = (csrf, jar(&set_cookies(&res)));

    // A carries on with the session B signed in.
    let res = raw(&a, "list_cohorts", &signed_in, &csrf, "null").await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    // The id before the sign-in has ended on both.
    for base in [&a, &b] {
        let res = raw(base, "list_cohorts", &cookies, &old_csrf, "null").await;
        assert_eq!(res.status(), 401);
    }

    // Only a hash of the id is stored, and no name or address in its state.
    let id = signed_in
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("fellowship_session=")
        .to_owned();
    let rows: Vec<(String, String)> =
        fellowship::db::query_as("SELECT id_hash, state FROM server_sessions")
            .fetch_all(&w.db().pool)
            .await
            .unwrap();
    assert!(rows.len() >= 2, "the signed-in session and the ended one");
    for (hash, state) in &rows {
        assert!(!hash.contains(&id) && !state.contains(&id));
        assert!(!state.contains("lead@nhs.net") && !state.contains("127.0.0.1"));
    }

    // A restart: a new process with nothing in memory keeps the person signed in.
    let c = process().await;
    let res = raw(&c, "app_status", &signed_in, &csrf, "null").await;
    let status: Value = res.json().await.unwrap();
    assert_eq!(status["user"]["email"], "lead@nhs.net");

    // Signing out on C signs out on A and B too, though they hold the session in memory.
    let res = raw(&c, "sign_out", &signed_in, &csrf, "null").await;
    assert_eq!(res.status(), 200);
    for base in [&a, &b] {
        let res = raw(base, "list_cohorts", &signed_in, &csrf, "null").await;
        assert_eq!(res.status(), 401, "signed out everywhere");
    }

    // A token this server never issued does not take up a session.
    let forged = "fellowship_session=made-up-id; fellowship_csrf=made-up-token";
    let res = raw(&a, "list_cohorts", forged, "made-up-token", "null").await;
    assert_eq!(res.status(), 401);
    let res = raw(&a, "sign_in", forged, "made-up-token", &body).await;
    assert_ne!(res.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kept_sessions_unused_for_a_day_and_stale_organisation_sign_ins_are_forgotten() {
    let w = world().await;
    let db = w.db().clone();
    let at = |minutes: i64| {
        (chrono::Utc::now() - chrono::Duration::minutes(minutes))
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    };
    // A signed-in session a day and a minute old, an organisation sign-in begun 11 minutes ago
    // by nobody known, and a signed-in session an hour old.
    for (hash, user, minutes) in [
        ("old", Some(1), 24 * 60 + 1),
        ("begun", None, 11),
        ("recent", Some(1), 60),
    ] {
        fellowship::db::query(
            "INSERT INTO server_sessions (id_hash, user_id, state, version, updated_at) VALUES (?, ?, '{}', 1, ?)",
        )
        .bind(hash)
        .bind(user)
        .bind(at(minutes))
        .execute(&db.pool)
        .await
        .unwrap();
    }
    let server = Server::new(w.ws).with_limits(fellowship::transport::server::listen::Limits {
        anonymous_idle: std::time::Duration::from_millis(100),
        ..Default::default()
    });
    let _base = common::http::start_server(server).await;
    let mut left = vec![];
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        left = fellowship::db::query_as::<(String,)>("SELECT id_hash FROM server_sessions")
            .fetch_all(&db.pool)
            .await
            .unwrap();
        if left.len() == 1 {
            break;
        }
    }
    assert_eq!(left, [("recent".to_owned(),)]);
}
