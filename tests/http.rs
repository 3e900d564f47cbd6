//! The programme server's own rules: cookies that scripts cannot read and other sites cannot
//! send, nothing acts without the session's CSRF token, calls from other sites are refused, and
//! errors cross as the same typed value with an HTTP status to match.

use crate::common::http::{start, Browser};
use crate::common::*;
use fellowship::api::session::Workspaces;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_ride_in_strict_cookies_and_nothing_acts_without_the_token() {
    let w = world().await;
    let base = start(Workspaces::new(w.db().clone(), None)).await;
    let mut b = Browser::new(&base);

    // The first call may only ask for the status; it sets both cookies.
    let first = b.send("app_status", json!(null), false).await;
    assert_eq!(first.status, 200);
    assert_eq!(first.body["needs_setup"], false);
    let session = first
        .set_cookies
        .iter()
        .find(|c| c.starts_with("fellowship_session="))
        .expect("a session cookie");
    for attr in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
        assert!(session.contains(attr), "{session} lacks {attr}");
    }
    let csrf = first
        .set_cookies
        .iter()
        .find(|c| c.starts_with("fellowship_csrf="))
        .expect("a CSRF cookie");
    assert!(!csrf.contains("HttpOnly"), "the page must read its token");
    assert!(csrf.contains("SameSite=Strict") && csrf.contains("Secure"));

    // Without the token in the header, a sign-in is refused and nothing happens.
    let sign_in = json!({"email": "lead@nhs.net", "password": PASSWORD});
    let refused = b.send("sign_in", sign_in.clone(), false).await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.body["kind"], "forbidden");
    // A wrong token is refused too.
    let mut forged = b.clone();
    forged.forged_token = Some("not-the-token".into());
    assert_eq!(
        forged.send("sign_in", sign_in.clone(), true).await.status,
        403
    );
    // A page of another site is refused even with the right token.
    let mut elsewhere = b.clone();
    elsewhere.origin = Some("https://evil.example".into());
    assert_eq!(
        elsewhere
            .send("sign_in", sign_in.clone(), true)
            .await
            .status,
        403
    );
    // Any other first call without a session acts on nothing.
    let mut stranger = Browser::new(&base);
    assert_eq!(
        stranger.send("sign_in", sign_in.clone(), true).await.status,
        403
    );

    // With the token: signed in, and the session carries on.
    let done = b.send("sign_in", sign_in, true).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(done.body["user"]["email"], "lead@nhs.net");
    let cohorts = b.call("list_cohorts", json!(null)).await.unwrap();
    assert!(cohorts.as_array().is_some());

    // Errors keep their kind, field and message, with a status to match.
    let bad = b
        .send(
            "save_cohort",
            json!({"id": null, "name": "", "start_date": "2026-09-01", "end_date": "2026-01-01"}),
            true,
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.body["kind"], "validation");
    assert_eq!(bad.body["field"], "name");
    let unknown = b.send("drop_everything", json!(null), true).await;
    assert_eq!(unknown.status, 404);

    // Signed out, the same cookie acts as nobody.
    b.call("sign_out", json!(null)).await.unwrap();
    let after = b.send("list_cohorts", json!(null), true).await;
    assert_eq!(after.status, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_served_pages_carry_a_strict_content_security_policy() {
    let w = world().await;
    let ui = tempfile::tempdir().unwrap();
    std::fs::write(
        ui.path().join("index.html"),
        "<!doctype html><title>Fellowship</title>",
    )
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = fellowship::transport::server::Server::new(Workspaces::new(w.db().clone(), None))
        .router(Some(ui.path().to_owned()));
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    // Any path of the single-page app gets its index, with the policy.
    let res = reqwest::get(format!("http://{addr}/fellows/12"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"));
    assert_eq!(res.headers()["x-frame-options"], "DENY");
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("<title>Fellowship</title>"));
}
