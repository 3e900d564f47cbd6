//! The front door under attack, through the command surface: concurrent guesses cannot race the
//! count, a guesser does not shut the owner out from elsewhere, one client cannot spread guesses
//! over many accounts, an oversized sign-in is refused before anything is written, and
//! passwords: their strength, changing one's own (ending other sessions) and a one-time reset link.

use crate::common::*;
use fellowship::api::dispatch;
use fellowship::api::session::Session;
use fellowship::error::ErrorKind;
use serde_json::{json, Value};

async fn sign_in_as(
    w: &World,
    client: &str,
    email: &str,
    password: &str,
) -> (Session, Result<Value, fellowship::ApiError>) {
    let mut s = Session::from_client(client);
    let r = dispatch(
        &w.ws,
        &mut s,
        "sign_in",
        json!({"email": email, "password": password}),
    )
    .await;
    (s, r)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_guesses_check_no_more_than_the_free_five() {
    let w = world().await;
    let ws = std::sync::Arc::new(fellowship::api::session::Workspaces::new(
        w.db().clone(),
        None,
    ));
    let mut tasks = vec![];
    for n in 0..50 {
        let ws = ws.clone();
        tasks.push(tokio::spawn(async move {
            let mut s = Session::from_client("203.0.113.7");
            dispatch(
                &ws,
                &mut s,
                "sign_in",
                json!({"email": "lead@nhs.net", "password": format!("guess number {n}")}),
            )
            .await
            .unwrap_err()
        }));
    }
    let mut checked = 0;
    let mut waited = 0;
    for t in tasks {
        let e = t.await.unwrap();
        if e.message.starts_with("Too many attempts") {
            waited += 1;
        } else {
            assert_eq!(e.message, "The email address or password is not right.");
            checked += 1;
        }
    }
    assert_eq!(
        checked, 5,
        "only the free attempts had their password checked"
    );
    assert_eq!(waited, 45);
    // The right password from the guesser's address waits too...
    let (_, r) = sign_in_as(&w, "203.0.113.7", "lead@nhs.net", PASSWORD).await;
    assert!(r.unwrap_err().message.starts_with("Too many attempts"));
    // ...but the owner, elsewhere, is not shut out.
    let (_, r) = sign_in_as(&w, "198.51.100.20", "lead@nhs.net", PASSWORD).await;
    r.unwrap();
}

#[tokio::test]
async fn one_client_cannot_spread_its_guesses_over_many_accounts() {
    let w = world().await;
    let free = fellowship::auth::throttle::FREE_ATTEMPTS_PER_CLIENT;
    for n in 0..free {
        let (_, r) = sign_in_as(
            &w,
            "203.0.113.9",
            &format!("person{n}@nhs.net"),
            "not the password",
        )
        .await;
        assert_eq!(
            r.unwrap_err().message,
            "The email address or password is not right."
        );
    }
    let (_, r) = sign_in_as(&w, "203.0.113.9", "someone.new@nhs.net", "not the password").await;
    assert!(r.unwrap_err().message.starts_with("Too many attempts"));
    // Nobody else is slowed by it.
    let (_, r) = sign_in_as(&w, "198.51.100.20", "lead@nhs.net", PASSWORD).await;
    r.unwrap();
}

#[tokio::test]
async fn an_oversized_sign_in_is_refused_before_anything_is_written() {
    let w = world().await;
    let huge = format!("{}@nhs.net", "a".repeat(1_900_000));
    let (_, r) = sign_in_as(&w, "203.0.113.11", &huge, "whatever it is").await;
    let e = r.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
    assert_eq!(e.field.as_deref(), Some("email"));
    let longest: Option<i64> =
        fellowship::db::query_scalar("SELECT max(length(user_name)) FROM audit_log")
            .fetch_one(&w.db().pool)
            .await
            .unwrap();
    assert!(longest.unwrap_or(0) <= 254);
    let (attempts,): (i64,) = fellowship::db::query_as("SELECT count(*) FROM sign_in_attempts")
        .fetch_one(&w.db().pool)
        .await
        .unwrap();
    assert_eq!(attempts, 0);
    // The longest email allowed is still checked, and its refusal kept whole.
    let longest_ok = format!("{}@nhs.net", "b".repeat(254 - 8));
    let (_, r) = sign_in_as(&w, "203.0.113.11", &longest_ok, "whatever it is").await;
    assert_eq!(
        r.unwrap_err().message,
        "The email address or password is not right."
    );
}

#[tokio::test]
async fn weak_passwords_are_refused_with_a_reason() {
    let mut w = world().await;
    for (password, says) in [
        ("password12", "at least 12"),
        ("password1234", "harder to guess"),
        ("Sam Fellow 2026", "harder to guess"),
    ] {
        let e = w
            .call(
                "create_user",
                json!({"name": "Sam Fellow", "email": "sam.fellow@nhs.net", "password": password,
                       "role": "faculty", "fellow_id": null, "host_id": null}),
            )
            .await
            .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("password"), "{password}");
        assert!(e.message.contains(says), "{password}: {}", e.message);
    }
    w.call(
        "create_user",
        json!({"name": "Sam Fellow", "email": "sam.fellow@nhs.net", "password": "violet kettle harbour lamp",
               "role": "faculty", "fellow_id": null, "host_id": null}),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn changing_a_password_ends_the_other_sessions_and_keeps_this_one() {
    let mut w = world().await;
    let (mut laptop, r) = sign_in_as(&w, "198.51.100.20", "lead@nhs.net", PASSWORD).await;
    r.unwrap();
    let change = |current: &str, new: &str, confirm: &str| json!({"current_password": current, "new_password": new, "new_password_confirm": confirm});
    let e = w
        .call(
            "change_password",
            change(
                "wrong one",
                "violet kettle harbour lamp",
                "violet kettle harbour lamp",
            ),
        )
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("current_password"));
    let e = w
        .call(
            "change_password",
            change(PASSWORD, "password1234", "password1234"),
        )
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("new_password"));
    let e = w
        .call(
            "change_password",
            change(
                PASSWORD,
                "violet kettle harbour lamp",
                "violet kettle harbour",
            ),
        )
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("new_password_confirm"));
    w.call(
        "change_password",
        change(
            PASSWORD,
            "violet kettle harbour lamp",
            "violet kettle harbour lamp",
        ),
    )
    .await
    .unwrap();
    // This session carries on; the laptop's has ended and says why.
    w.call("list_cohorts", Value::Null).await.unwrap();
    let e = dispatch(&w.ws, &mut laptop, "list_cohorts", Value::Null)
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unauthenticated);
    assert!(e.message.contains("password was changed"), "{}", e.message);
    let (_, r) = sign_in_as(&w, "198.51.100.20", "lead@nhs.net", PASSWORD).await;
    r.unwrap_err();
    let (_, r) = sign_in_as(
        &w,
        "198.51.100.20",
        "lead@nhs.net",
        "violet kettle harbour lamp",
    )
    .await;
    r.unwrap();
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once() {
    let mut w = world().await;
    let t = two_hosts(&w).await;
    let user = t.sponsor_a.user_id;
    let (mut sponsor, r) = sign_in_as(&w, "198.51.100.30", &t.sponsor_a.email, PASSWORD).await;
    r.unwrap();
    // Only faculty make reset links.
    let e = dispatch(
        &w.ws,
        &mut sponsor,
        "make_password_reset",
        json!({"user_id": user}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    let first = w
        .call("make_password_reset", json!({"user_id": user}))
        .await
        .unwrap();
    let issued = w
        .call("make_password_reset", json!({"user_id": user}))
        .await
        .unwrap();
    let token = issued["token"].as_str().unwrap().to_owned();
    // Only a hash is kept, and a newer link replaces an older one.
    let (kept,): (i64,) =
        fellowship::db::query_as("SELECT count(*) FROM password_resets WHERE user_id = ?")
            .bind(user)
            .fetch_one(&w.db().pool)
            .await
            .unwrap();
    assert_eq!(kept, 1);
    let reset = |token: &str, password: &str| json!({"token": token, "password": password, "password_confirm": password});
    let mut stranger = Session::from_client("198.51.100.40");
    let e = dispatch(
        &w.ws,
        &mut stranger,
        "reset_password",
        reset(
            first["token"].as_str().unwrap(),
            "violet kettle harbour lamp",
        ),
    )
    .await
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("token"));
    let e = dispatch(
        &w.ws,
        &mut stranger,
        "reset_password",
        reset(&token, "password1234"),
    )
    .await
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("password"));
    let status = dispatch(
        &w.ws,
        &mut stranger,
        "reset_password",
        reset(&token, "violet kettle harbour lamp"),
    )
    .await
    .unwrap();
    assert_eq!(status["user"]["email"], json!(t.sponsor_a.email));
    // Spent: a second use is refused; the old session has ended; the new password works.
    let mut again = Session::from_client("198.51.100.40");
    let e = dispatch(
        &w.ws,
        &mut again,
        "reset_password",
        reset(&token, "another quiet harbour lamp"),
    )
    .await
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("token"));
    let e = dispatch(&w.ws, &mut sponsor, "list_hosts", Value::Null)
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unauthenticated);
    let (_, r) = sign_in_as(
        &w,
        "198.51.100.30",
        &t.sponsor_a.email,
        "violet kettle harbour lamp",
    )
    .await;
    r.unwrap();
    // An expired link is refused.
    let late = w
        .call("make_password_reset", json!({"user_id": user}))
        .await
        .unwrap();
    fellowship::db::query("UPDATE password_resets SET expires_at = '2000-01-01T00:00:00+00:00'")
        .execute(&w.db().pool)
        .await
        .unwrap();
    let e = dispatch(
        &w.ws,
        &mut again,
        "reset_password",
        reset(
            late["token"].as_str().unwrap(),
            "another quiet harbour lamp",
        ),
    )
    .await
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("token"));
}

/// An empty sign-in asks for what is missing, beside each field; it never says "not right".
#[tokio::test]
async fn an_empty_sign_in_asks_for_each_field() {
    let mut w = world().await;
    let e = w
        .call("sign_in", json!({"email": "  ", "password": ""}))
        .await
        .unwrap_err();
    let fields: Vec<(&str, &str)> = e
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.message.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("email", "Enter your email address."),
            ("password", "Enter your password.")
        ]
    );
    let e = w
        .call("sign_in", json!({"email": "lead@nhs.net", "password": ""}))
        .await
        .unwrap_err();
    assert_eq!(e.fields[0].message, "Enter your password.");
}
