//! Accounts by invitation: a one-time sign-up link (used once, expiring), made only by faculty;
//! and disabling an account, which stops even a session already open.

use crate::common;

use crate::common::http::{start, Browser};
use crate::common::*;
use fellowship::api::session::Workspaces;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_link_makes_one_account_once() {
    let mut w = world().await;
    let t = two_hosts(&w).await;

    // Bad requests are refused beside their fields; only faculty may invite.
    let e = w
        .call("invite_user", json!({"email": "not an address", "role": "host_sponsor", "fellow_id": null, "host_id": null}))
        .await
        .unwrap_err();
    let fields: Vec<_> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["email", "host_id"]);
    let e = w
        .call(
            "invite_user",
            json!({"email": "lead@nhs.net", "role": "faculty", "fellow_id": null, "host_id": null}),
        )
        .await
        .unwrap_err();
    assert_eq!(
        (e.field.as_deref(), e.kind),
        (Some("email"), fellowship::ErrorKind::Conflict)
    );

    let issued = w
        .call("invite_user", json!({"email": "new.sponsor@nhs.net", "role": "host_sponsor", "fellow_id": null, "host_id": t.host_a}))
        .await
        .unwrap();
    let token = issued["token"].as_str().unwrap().to_owned();
    assert!(token.len() >= 40, "a long random token");
    // Only its hash is kept.
    let (stored,): (i64,) = fellowship::db::query_as(&format!(
        "SELECT count(*) FROM invitations WHERE {}",
        common::store::contains("CAST(token_hash AS TEXT)")
    ))
    .bind(&token)
    .fetch_one(&w.db().pool)
    .await
    .unwrap();
    assert_eq!(stored, 0);

    // The invited person, in a browser, with no account: the link shows who it is for.
    let base = start(Workspaces::new(w.db().clone(), None)).await;
    let mut b = Browser::new(&base);
    b.send("app_status", json!(null), false).await;
    let view = b
        .call("open_invitation", json!({"token": token}))
        .await
        .unwrap();
    assert_eq!(
        (view["email"].as_str(), view["role"].as_str()),
        (Some("new.sponsor@nhs.net"), Some("host_sponsor"))
    );
    let e = b
        .call("accept_invitation", json!({"token": token, "name": "Dr New Sponsor", "password": PASSWORD, "password_confirm": "other"}))
        .await
        .unwrap_err();
    assert_eq!(e.0, "validation");
    let status = b
        .call("accept_invitation", json!({"token": token, "name": "Dr New Sponsor", "password": PASSWORD, "password_confirm": PASSWORD}))
        .await
        .unwrap();
    assert_eq!(status["user"]["role"], "host_sponsor");
    assert_eq!(status["user"]["host_id"], t.host_a);
    // Signed in: they see their organisation's fellows.
    let fellows = b.call("list_fellows", json!({"search": null, "cohort_id": null, "host_id": null, "status": null, "profession": null})).await.unwrap();
    assert_eq!(fellows.as_array().unwrap().len(), 1);

    // The link works once.
    let mut again = Browser::new(&base);
    again.send("app_status", json!(null), false).await;
    let e = again
        .call("open_invitation", json!({"token": token}))
        .await
        .unwrap_err();
    assert!(e.1.contains("has been used or has expired"), "{}", e.1);
    let list = w.call("list_invitations", json!(null)).await.unwrap();
    assert_eq!(list[0]["state"], "used");

    // An expired link is refused the same way.
    let late = w
        .call(
            "invite_user",
            json!({"email": "late@nhs.net", "role": "faculty", "fellow_id": null, "host_id": null}),
        )
        .await
        .unwrap();
    fellowship::db::query(
        "UPDATE invitations SET expires_at = '2020-01-01T00:00:00Z' WHERE id = ?",
    )
    .bind(late["id"].as_i64())
    .execute(&w.db().pool)
    .await
    .unwrap();
    let e = again
        .call("accept_invitation", json!({"token": late["token"], "name": "Late", "password": PASSWORD, "password_confirm": PASSWORD}))
        .await
        .unwrap_err();
    assert!(e.1.contains("has been used or has expired"));
    assert_eq!(
        w.call("list_invitations", json!(null)).await.unwrap()[0]["state"],
        "expired"
    );

    // Not for others to make.
    let mut fellow = Browser::signed_in(&base, &t.fellow_user_a.email, PASSWORD).await;
    let e = fellow
        .call(
            "invite_user",
            json!({"email": "x@nhs.net", "role": "faculty", "fellow_id": null, "host_id": null}),
        )
        .await
        .unwrap_err();
    assert_eq!(e.0, "forbidden");
}

#[tokio::test]
async fn a_disabled_account_cannot_sign_in_and_its_open_session_stops() {
    let mut w = world().await;
    let t = two_hosts(&w).await;
    let ws = Workspaces::new(w.db().clone(), None);
    let mut sponsor = fellowship::api::session::Session::default();
    let call = fellowship::api::dispatch;
    call(
        &ws,
        &mut sponsor,
        "sign_in",
        json!({"email": t.sponsor_a.email, "password": PASSWORD}),
    )
    .await
    .unwrap();

    let users = w
        .call(
            "set_user_disabled",
            json!({"user_id": t.sponsor_a.user_id, "disabled": true}),
        )
        .await
        .unwrap();
    let row = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == t.sponsor_a.user_id)
        .unwrap()
        .clone();
    assert_eq!(row["disabled"], true);

    // The session already open stops at its next call; signing in again is refused.
    let e = call(&ws, &mut sponsor, "list_cohorts", json!(null))
        .await
        .unwrap_err();
    assert_eq!(e.kind, fellowship::ErrorKind::Unauthenticated);
    assert_eq!(
        e.message,
        "This account has been disabled. Ask your programme office."
    );
    let e = call(
        &ws,
        &mut sponsor,
        "sign_in",
        json!({"email": t.sponsor_a.email, "password": PASSWORD}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("password"));

    // Faculty cannot lock themselves out; re-enabling restores access.
    let me = w.faculty().await;
    let e = w
        .call(
            "set_user_disabled",
            json!({"user_id": me.user_id, "disabled": true}),
        )
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("user_id"));
    w.call(
        "set_user_disabled",
        json!({"user_id": t.sponsor_a.user_id, "disabled": false}),
    )
    .await
    .unwrap();
    call(
        &ws,
        &mut sponsor,
        "sign_in",
        json!({"email": t.sponsor_a.email, "password": PASSWORD}),
    )
    .await
    .unwrap();
}
