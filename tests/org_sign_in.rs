//! Sign-in with the organisation's account against a real OpenID Connect provider (the npm
//! package oidc-provider, started per test): the programme server's browser flow and the desktop
//! app's loopback flow; a wrong state, a replayed code, a wrong issuer and an unknown identity
//! are each refused with a sentence; `amr` skips our second step; faculty can require it.

use crate::common;

use crate::common::oidc::*;
use crate::common::*;
use fellowship::api::dispatch;
use fellowship::api::session::Session;
use fellowship::ApiError;
use serde_json::{json, Value};

async fn call(w: &World, s: &mut Session, command: &str, args: Value) -> Result<Value, ApiError> {
    dispatch(&w.ws, s, command, args).await
}

/// A browser session on the programme server.
fn browser() -> Session {
    Session::from_client("203.0.113.5")
}

async fn set_up(w: &mut World, p: &OidcProvider, client: &str) {
    w.call("save_org_sign_in", p.settings(client, false))
        .await
        .expect("settings saved");
}

/// Begins in `s`, signs in at the provider as `who`, and returns the callback.
async fn round_trip(w: &World, p: &OidcProvider, s: &mut Session, who: &Person<'_>) -> Value {
    let started = call(w, s, "begin_org_sign_in", json!({"return_to": RETURN_TO}))
        .await
        .expect("begun");
    let url = started["url"].as_str().unwrap();
    assert!(url.starts_with(&p.issuer) && url.contains("code_challenge_method=S256"));
    let back = sign_in_at_provider(&p.issuer, url, who).await;
    assert!(back.starts_with(RETURN_TO), "returned to the app: {back}");
    callback_of(&back)
}

/// Begins a sign-in in `s` and returns the state it sent to the provider.
async fn begin_for_state(w: &World, s: &mut Session) -> String {
    let started = call(w, s, "begin_org_sign_in", json!({"return_to": RETURN_TO}))
        .await
        .unwrap();
    started["url"]
        .as_str()
        .unwrap()
        .split(['?', '&'])
        .find_map(|kv| kv.strip_prefix("state="))
        .unwrap()
        .to_owned()
}

fn refused_with(result: Result<Value, ApiError>, words: &str) {
    let e = result.expect_err("refused");
    assert!(e.message.contains(words), "{words:?} in {:?}", e.message);
}

#[tokio::test]
async fn the_server_flow_signs_in_a_faculty_made_account_and_links_it() {
    let mut w = world().await;
    let p = OidcProvider::start(&[RETURN_TO]);
    set_up(&mut w, &p, SERVER_CLIENT).await;
    let mut s = browser();
    let status = call(&w, &mut s, "app_status", Value::Null).await.unwrap();
    assert_eq!(status["org_sign_in"]["required"], false);

    let back = round_trip(&w, &p, &mut s, &Person::new("Lead@NHS.net")).await;
    let status = call(&w, &mut s, "finish_org_sign_in", back.clone())
        .await
        .expect("signed in");
    assert_eq!(status["user"]["email"], "lead@nhs.net");
    let linked: Vec<(String, String)> =
        fellowship::db::query_as("SELECT issuer, subject FROM user_identities")
            .fetch_all(&w.db().pool)
            .await
            .unwrap();
    assert_eq!(linked, vec![(p.issuer.clone(), "sub-lead@nhs.net".into())]);
    let users = w.call("list_users", Value::Null).await.unwrap();
    assert_eq!(users[0]["org_linked"], true);

    // The same return address again, in this session: the sign-in it belonged to is spent.
    refused_with(
        call(&w, &mut s, "finish_org_sign_in", back.clone()).await,
        "already been used or has expired",
    );
    // The code replayed into a new sign-in (its state forged to match): the provider refuses it.
    let mut other = browser();
    let state = begin_for_state(&w, &mut other).await;
    let replay =
        json!({"code": back["code"], "state": state, "error": "", "error_description": ""});
    refused_with(
        call(&w, &mut other, "finish_org_sign_in", replay).await,
        "already been used or has expired",
    );
    assert!(call(&w, &mut other, "app_status", Value::Null)
        .await
        .unwrap()["user"]
        .is_null());

    // Once linked, the identity is found by its subject: another identity claiming the same
    // address is refused.
    let mut s = browser();
    let impostor = Person {
        subject: "someone-else",
        ..Person::new("lead@nhs.net")
    };
    let back = round_trip(&w, &p, &mut s, &impostor).await;
    refused_with(
        call(&w, &mut s, "finish_org_sign_in", back).await,
        "linked to a different organisation account",
    );
    let trail = fellowship::db::query_as::<(i64,)>(
        "SELECT count(*) FROM audit_log WHERE command = 'org_sign_in'",
    )
    .fetch_one(&w.db().pool)
    .await
    .unwrap();
    assert!(trail.0 >= 4, "every attempt is in the audit trail");
}

#[tokio::test]
async fn a_wrong_state_an_unknown_identity_and_an_unverified_address_are_refused() {
    let mut w = world().await;
    let p = OidcProvider::start(&[RETURN_TO]);
    set_up(&mut w, &p, SERVER_CLIENT).await;

    let mut s = browser();
    let mut back = round_trip(&w, &p, &mut s, &Person::new("lead@nhs.net")).await;
    back["state"] = json!("forged-state");
    refused_with(
        call(&w, &mut s, "finish_org_sign_in", back).await,
        "its state does not match",
    );

    let mut s = browser();
    let back = round_trip(&w, &p, &mut s, &Person::new("stranger@nhs.net")).await;
    refused_with(
        call(&w, &mut s, "finish_org_sign_in", back).await,
        "There is no Fellowship account for stranger@nhs.net. Ask the programme office",
    );

    let mut s = browser();
    let unverified = Person {
        verified: false,
        ..Person::new("lead@nhs.net")
    };
    let back = round_trip(&w, &p, &mut s, &unverified).await;
    refused_with(
        call(&w, &mut s, "finish_org_sign_in", back).await,
        "did not give Fellowship a verified email address",
    );

    // Cancelled at the provider.
    let mut s = browser();
    let state = begin_for_state(&w, &mut s).await;
    let cancelled =
        json!({"code": "", "state": state, "error": "access_denied", "error_description": ""});
    refused_with(
        call(&w, &mut s, "finish_org_sign_in", cancelled).await,
        "was cancelled",
    );
    assert!(
        fellowship::db::query_as::<(i64,)>("SELECT count(*) FROM user_identities")
            .fetch_one(&w.db().pool)
            .await
            .unwrap()
            .0
            == 0
    );
}

#[tokio::test]
async fn a_provider_naming_another_issuer_is_refused() {
    let mut w = world().await;
    let p = OidcProvider::start(&[RETURN_TO]);
    // The same provider reached as "localhost": it names itself 127.0.0.1, so it is not the
    // issuer faculty set.
    let mut settings = p.settings(SERVER_CLIENT, false);
    settings["issuer"] = json!(p.issuer.replace("127.0.0.1", "localhost"));
    w.call("save_org_sign_in", settings).await.unwrap();
    let mut s = browser();
    refused_with(
        call(
            &w,
            &mut s,
            "begin_org_sign_in",
            json!({"return_to": RETURN_TO}),
        )
        .await,
        "could not be used",
    );
}

#[tokio::test]
async fn the_providers_multi_factor_skips_ours_and_a_password_alone_does_not() {
    let mut w = world().await;
    let p = OidcProvider::start(&[RETURN_TO]);
    set_up(&mut w, &p, SERVER_CLIENT).await;
    // Faculty must use a second step; the lead has none yet.
    w.call(
        "set_second_step_rule",
        json!({"required_for_faculty": true}),
    )
    .await
    .unwrap();

    let mut s = browser();
    let back = round_trip(&w, &p, &mut s, &Person::new("lead@nhs.net")).await;
    let status = call(&w, &mut s, "finish_org_sign_in", back).await.unwrap();
    assert!(status["user"].is_null(), "held at our second step");
    assert_eq!(status["second_step"], "setup");

    let mut s = browser();
    let mfa = Person {
        multi_factor: true,
        ..Person::new("lead@nhs.net")
    };
    let back = round_trip(&w, &p, &mut s, &mfa).await;
    let status = call(&w, &mut s, "finish_org_sign_in", back).await.unwrap();
    assert_eq!(status["user"]["email"], "lead@nhs.net");
    assert!(status["second_step"].is_null());
}

#[tokio::test]
async fn faculty_can_require_organisation_sign_in_and_let_one_account_keep_its_password() {
    let mut w = world().await;
    let p = OidcProvider::start(&[RETURN_TO]);
    let hosts = two_hosts(&w).await;
    // Not before the one requiring it has signed in that way themselves.
    let e = w
        .call("save_org_sign_in", p.settings(SERVER_CLIENT, true))
        .await
        .expect_err("would lock faculty out");
    assert_eq!(e.field.as_deref(), Some("required"));
    set_up(&mut w, &p, SERVER_CLIENT).await;
    let mut s = browser();
    let back = round_trip(&w, &p, &mut s, &Person::new("lead@nhs.net")).await;
    call(&w, &mut s, "finish_org_sign_in", back).await.unwrap();
    let saved = call(
        &w,
        &mut s,
        "save_org_sign_in",
        p.settings(SERVER_CLIENT, true),
    )
    .await
    .expect("required now");
    assert_eq!(saved["required"], true);
    assert_eq!(saved["secret_set"], true);
    assert!(
        !saved.to_string().contains(SERVER_SECRET),
        "the secret never comes back"
    );

    // A right password is no longer enough.
    let sponsor = json!({"email": hosts.sponsor_a.email, "password": PASSWORD});
    let mut other = browser();
    let e = call(&w, &mut other, "sign_in", sponsor.clone())
        .await
        .expect_err("password refused");
    assert_eq!(e.field.as_deref(), Some("password"));
    assert!(e
        .message
        .contains("signs in with your organisation account"));
    // A wrong one still says only that it is wrong.
    let wrong = json!({"email": hosts.sponsor_a.email, "password": "not the password at all"});
    let e = call(&w, &mut other, "sign_in", wrong).await.unwrap_err();
    assert!(e.message.contains("not right"));

    // Faculty let this account fall back to its password.
    let users = call(
        &w,
        &mut s,
        "set_password_fallback",
        json!({"user_id": hosts.sponsor_a.user_id, "allowed": true}),
    )
    .await
    .unwrap();
    let row = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == hosts.sponsor_a.user_id)
        .unwrap();
    assert_eq!(row["password_fallback"], true);
    let status = call(&w, &mut other, "sign_in", sponsor).await.unwrap();
    assert_eq!(status["user"]["email"], hosts.sponsor_a.email);
    // Only faculty set it.
    let e = call(
        &w,
        &mut other,
        "set_password_fallback",
        json!({"user_id": hosts.fellow_user_a.user_id, "allowed": true}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, fellowship::error::ErrorKind::Forbidden);
}

#[tokio::test]
async fn the_desktop_app_signs_in_through_the_system_browser_and_a_loopback_address() {
    let mut w = world().await;
    let p = OidcProvider::start(&[]);
    set_up(&mut w, &p, DESKTOP_CLIENT).await;
    // The "system browser" opens nothing here: this test plays it.
    std::env::set_var("FELLOWSHIP_BROWSER", "/bin/true");
    let mut desktop = Session::default();
    let started = call(
        &w,
        &mut desktop,
        "begin_org_sign_in",
        json!({"return_to": ""}),
    )
    .await
    .unwrap();
    assert_eq!(started["waits_here"], true);
    assert_eq!(started["browser_opened"], true);
    let url = started["url"].as_str().unwrap();
    assert!(url.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A"));
    let wait = call(&w, &mut desktop, "check_org_sign_in", Value::Null)
        .await
        .unwrap();
    assert_eq!(wait["done"], false);

    let back = sign_in_at_provider(&p.issuer, url, &Person::new("lead@nhs.net")).await;
    assert!(back.starts_with("http://127.0.0.1:") && back.contains("/callback?"));
    let page = reqwest::get(&back).await.unwrap().text().await.unwrap();
    assert!(page.contains("You can go back to Fellowship"));
    let wait = call(&w, &mut desktop, "check_org_sign_in", Value::Null)
        .await
        .unwrap();
    assert_eq!(wait["done"], true);
    assert_eq!(wait["status"]["user"]["email"], "lead@nhs.net");

    // A browser on the programme server cannot ask the server to wait on its own loopback.
    let e = call(
        &w,
        &mut browser(),
        "begin_org_sign_in",
        json!({"return_to": ""}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("return_to"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_desktop_app_on_a_programme_server_comes_back_through_its_own_loopback() {
    let mut w = world().await;
    let p = OidcProvider::start(&[]);
    set_up(&mut w, &p, DESKTOP_CLIENT).await;
    let base = common::http::start(fellowship::api::session::Workspaces::new(
        w.db().clone(),
        None,
    ))
    .await;
    let dir = tempfile::tempdir().unwrap();
    let local = fresh_db(dir.path(), "local").await;
    let app = fellowship::transport::desktop::Desktop::new(
        std::sync::Arc::new(fellowship::api::session::Workspaces::new(local, None)),
        dir.path().join("local.workspace.json"),
    );
    // The test server is plain HTTP on this computer, which the app allows.
    app.call("open_server_workspace", json!({ "url": base }))
        .await
        .unwrap();
    std::env::set_var("FELLOWSHIP_BROWSER", "/bin/true");
    let started = app
        .call("begin_org_sign_in", json!({"return_to": ""}))
        .await
        .unwrap();
    assert_eq!(started["waits_here"], true);
    let url = started["url"].as_str().unwrap();
    let back = sign_in_at_provider(&p.issuer, url, &Person::new("lead@nhs.net")).await;
    assert!(back.starts_with("http://127.0.0.1:"));
    reqwest::get(&back).await.unwrap();
    let wait = app.call("check_org_sign_in", Value::Null).await.unwrap();
    assert_eq!(wait["done"], true);
    assert_eq!(wait["status"]["user"]["email"], "lead@nhs.net");
    // Signed in on the server: its programme answers.
    let users = app.call("list_users", Value::Null).await.unwrap();
    assert_eq!(users[0]["org_linked"], true);
}
