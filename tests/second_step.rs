//! The second step at sign-in: set up with a code from the app, then needed at every sign-in;
//! each code works once, a stale one is refused, recovery codes work once, guesses are limited,
//! and faculty can be required to use it.

use crate::common::*;
use fellowship::accounts::second_step::code_at;
use fellowship::api::dispatch;
use fellowship::api::session::Session;
use fellowship::error::ErrorKind;
use serde_json::{json, Value};

fn now() -> u64 {
    chrono::Utc::now().timestamp() as u64
}

async fn sign_in(w: &World, s: &mut Session) -> Value {
    dispatch(
        &w.ws,
        s,
        "sign_in",
        json!({"email": "lead@nhs.net", "password": PASSWORD}),
    )
    .await
    .unwrap()
}

async fn call(
    w: &World,
    s: &mut Session,
    command: &str,
    args: Value,
) -> Result<Value, fellowship::ApiError> {
    dispatch(&w.ws, s, command, args).await
}

/// Turns the second step on for the faculty account; returns its key and recovery codes.
async fn turn_on(w: &mut World) -> (String, Vec<String>) {
    let setup = w.call("begin_second_step", Value::Null).await.unwrap();
    let key = setup["key"].as_str().unwrap().to_owned();
    assert!(setup["otpauth_url"]
        .as_str()
        .unwrap()
        .starts_with("otpauth://totp/"));
    assert!(setup["qr_image"]
        .as_str()
        .unwrap()
        .starts_with("data:image/svg+xml;base64,"));
    // A wrong code does not turn it on.
    let e = w
        .call("confirm_second_step", json!({"code": "000000"}))
        .await;
    if let Err(e) = e {
        assert_eq!(e.field.as_deref(), Some("code"));
    }
    // The code of the step before this one (the app's clock may run a little behind).
    let code = code_at(&key, now() - 30).unwrap();
    let codes = w
        .call("confirm_second_step", json!({"code": code}))
        .await
        .unwrap();
    let codes: Vec<String> = serde_json::from_value(codes["codes"].clone()).unwrap();
    assert_eq!(codes.len(), 10);
    (key, codes)
}

#[tokio::test]
async fn a_code_from_the_app_is_needed_at_sign_in_and_works_once() {
    let mut w = world().await;
    let (key, codes) = turn_on(&mut w).await;
    // Only hashes of the recovery codes are kept.
    let stored: Vec<(Vec<u8>,)> = fellowship::db::query_as("SELECT code_hash FROM recovery_codes")
        .fetch_all(&w.db().pool)
        .await
        .unwrap();
    assert_eq!(stored.len(), 10);
    assert!(stored.iter().all(|(h,)| codes
        .iter()
        .all(|c| !String::from_utf8_lossy(h).contains(c.as_str()))));

    // A right password now leads to the second step, not in.
    let mut s = Session::default();
    let status = sign_in(&w, &mut s).await;
    assert_eq!(status["second_step"], "code");
    assert_eq!(status["user"], Value::Null);
    let e = call(&w, &mut s, "list_fellows", json!({}))
        .await
        .unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::Unauthenticated,
        "nothing opens before the second step"
    );

    // A stale code (ten minutes old) is refused; the current one works.
    let stale = code_at(&key, now() - 600).unwrap();
    let e = call(&w, &mut s, "verify_second_step", json!({"code": stale}))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("code"));
    let code = code_at(&key, now()).unwrap();
    let status = call(&w, &mut s, "verify_second_step", json!({"code": code}))
        .await
        .unwrap();
    assert_eq!(status["user"]["email"], "lead@nhs.net");
    assert_eq!(status["second_step"], Value::Null);
    call(&w, &mut s, "list_fellows", json!({})).await.unwrap();

    // The same code again (a replay) is refused, even inside its time.
    let mut again = Session::default();
    sign_in(&w, &mut again).await;
    let e = call(&w, &mut again, "verify_second_step", json!({"code": code}))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("code"));

    // A recovery code works once, typed in any case with or without its dash.
    let typed = codes[0].to_uppercase().replace('-', " ");
    call(&w, &mut again, "verify_second_step", json!({"code": typed}))
        .await
        .unwrap();
    let mut third = Session::default();
    sign_in(&w, &mut third).await;
    let e = call(
        &w,
        &mut third,
        "verify_second_step",
        json!({"code": codes[0]}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("code"));
    let status = call(
        &w,
        &mut third,
        "verify_second_step",
        json!({"code": codes[1]}),
    )
    .await
    .unwrap();
    assert_eq!(status["user"]["email"], "lead@nhs.net");
    let mine = call(&w, &mut third, "my_second_step", Value::Null)
        .await
        .unwrap();
    assert_eq!(mine["on"], true);
    assert_eq!(mine["recovery_codes_left"], 8);

    // The trail records the second step, done and refused.
    let n: i64 = fellowship::db::query_scalar(
        "SELECT count(*) FROM audit_log WHERE command = 'verify_second_step'",
    )
    .fetch_one(&w.db().pool)
    .await
    .unwrap();
    assert!(n >= 5, "{n}");
}

#[tokio::test]
async fn guesses_at_the_code_are_limited_like_passwords() {
    let mut w = world().await;
    let (key, _) = turn_on(&mut w).await;
    let mut s = Session::default();
    sign_in(&w, &mut s).await;
    for _ in 0..5 {
        let e = call(&w, &mut s, "verify_second_step", json!({"code": "123456"}))
            .await
            .unwrap_err();
        assert!(e.message.contains("not right"), "{}", e.message);
    }
    // The sixth guess waits, even with the right code.
    let right = code_at(&key, now()).unwrap();
    let e = call(&w, &mut s, "verify_second_step", json!({"code": right}))
        .await
        .unwrap_err();
    assert!(e.message.contains("minute"), "{}", e.message);
}

#[tokio::test]
async fn faculty_can_be_required_to_set_it_up_and_cannot_turn_it_off() {
    let mut w = world().await;
    w.call(
        "set_second_step_rule",
        json!({"required_for_faculty": true}),
    )
    .await
    .unwrap();
    // The next sign-in is held until a second step is set up.
    let mut s = Session::default();
    let status = sign_in(&w, &mut s).await;
    assert_eq!(status["second_step"], "setup");
    assert_eq!(status["user"], Value::Null);
    let e = call(&w, &mut s, "verify_second_step", json!({"code": "123456"}))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unauthenticated);
    let setup = call(&w, &mut s, "begin_second_step", Value::Null)
        .await
        .unwrap();
    let key = setup["key"].as_str().unwrap().to_owned();
    let code = code_at(&key, chrono::Utc::now().timestamp() as u64).unwrap();
    call(&w, &mut s, "confirm_second_step", json!({"code": code}))
        .await
        .unwrap();
    let status = call(&w, &mut s, "app_status", Value::Null).await.unwrap();
    assert_eq!(status["user"]["email"], "lead@nhs.net", "set up, signed in");
    // Required: it cannot be turned off.
    let e = call(&w, &mut s, "remove_second_step", json!({"code": "123456"}))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Conflict);
    // A fellow is not held by the faculty rule; only faculty set it.
    let t = two_hosts(&w).await;
    assert_eq!(
        fellowship::accounts::second_step::need(w.db(), &t.fellow_user_a)
            .await
            .unwrap(),
        None
    );
    let e = fellowship::accounts::second_step::set_rule(
        w.db(),
        &t.fellow_user_a,
        fellowship::accounts::second_step::SecondStepRule {
            required_for_faculty: false,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    // Faculty reset a lost one: the account sets it up again at its next sign-in.
    let me = w.faculty().await;
    fellowship::accounts::second_step::reset(
        w.db(),
        &t.faculty,
        fellowship::accounts::second_step::UserRef {
            user_id: me.user_id,
        },
    )
    .await
    .unwrap();
    let mut next = Session::default();
    assert_eq!(sign_in(&w, &mut next).await["second_step"], "setup");
}
