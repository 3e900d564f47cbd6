//! The audit trail: every command is recorded with who, what record and whether it was done or
//! refused, never the content; the trail cannot be changed; only faculty read and export it.

use crate::common::*;
use fellowship::api::dispatch;
use fellowship::api::session::Session;
use fellowship::error::ErrorKind;
use serde_json::json;

#[tokio::test]
async fn views_changes_and_refusals_are_recorded_without_content() {
    let mut w = world().await;
    let t = two_hosts(&w).await;
    w.call("get_fellow", json!({"id": t.fellow_a}))
        .await
        .unwrap();

    // A sponsor reaching for another organisation's fellow is refused, and that is recorded.
    let mut sponsor = Session::default();
    dispatch(
        &w.ws,
        &mut sponsor,
        "sign_in",
        json!({"email": "sponsor.a@nhs.net", "password": PASSWORD}),
    )
    .await
    .unwrap();
    let e = dispatch(&w.ws, &mut sponsor, "get_fellow", json!({"id": t.fellow_b}))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
    // A fellow's private words never reach the trail.
    let mut fellow = Session::default();
    dispatch(
        &w.ws,
        &mut fellow,
        "sign_in",
        json!({"email": "ada@nhs.net", "password": PASSWORD}),
    )
    .await
    .unwrap();
    dispatch(&w.ws, &mut fellow, "save_reflection", json!({"id": null, "template": "free", "title": "Private title", "happened_on": "",
        "sections": [{"key": "text", "body": "words only I should read"}], "challenge_id": null, "dimension_ids": [], "finish": false}))
        .await
        .unwrap();
    // A wrong password is recorded against the address typed.
    let mut stranger = Session::default();
    dispatch(
        &w.ws,
        &mut stranger,
        "sign_in",
        json!({"email": "lead@nhs.net", "password": "guess"}),
    )
    .await
    .unwrap_err();

    let trail = w
        .call(
            "audit_log",
            json!({"fellow_id": null, "user_id": null, "action": ""}),
        )
        .await
        .unwrap();
    let entries = trail.as_array().unwrap();
    let find = |command: &str, outcome: &str| {
        entries
            .iter()
            .find(|e| e["command"] == command && e["outcome"] == outcome)
            .cloned()
    };
    let viewed = find("get_fellow", "done").expect("the faculty view");
    assert_eq!(
        (viewed["action"].as_str(), viewed["fellow_id"].as_i64()),
        (Some("view"), Some(t.fellow_a))
    );
    assert_eq!(viewed["fellow_name"], json!("Ada Alpha"));
    let refused = find("get_fellow", "refused").expect("the sponsor's refused view");
    assert_eq!(refused["user_name"], json!("sponsor.a@nhs.net"));
    assert_eq!(refused["fellow_id"].as_i64(), Some(t.fellow_b));
    let saved = find("save_reflection", "done").expect("the autosave");
    assert_eq!(saved["action"], json!("change"));
    assert!(find("sign_in", "refused").is_some_and(|e| e["user_name"] == json!("lead@nhs.net")));
    let text = serde_json::to_string(&trail).unwrap();
    assert!(!text.contains("words only I should read") && !text.contains("Private title"));

    // Filtered by fellow: only what concerns them.
    let about_b = w
        .call(
            "audit_log",
            json!({"fellow_id": t.fellow_b, "user_id": null, "action": ""}),
        )
        .await
        .unwrap();
    assert!(about_b
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["fellow_id"].as_i64() == Some(t.fellow_b)));

    // Only faculty read it; the attempt is itself recorded.
    let e = dispatch(
        &w.ws,
        &mut sponsor,
        "audit_log",
        json!({"fellow_id": null, "user_id": null, "action": ""}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    let again = w
        .call(
            "audit_log",
            json!({"fellow_id": null, "user_id": null, "action": "view"}),
        )
        .await
        .unwrap();
    assert!(again
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["command"] == "audit_log" && e["outcome"] == "refused"));

    // Export as CSV.
    let doc = w
        .call(
            "export_audit_log",
            json!({"fellow_id": null, "user_id": null, "action": ""}),
        )
        .await
        .unwrap();
    use base64::Engine;
    let csv = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(doc["base64"].as_str().unwrap())
            .unwrap(),
    )
    .unwrap();
    assert!(csv.starts_with(
        "id,at,user_id,user_name,command,action,target,fellow_id,fellow_name,outcome"
    ));
    assert!(csv.lines().count() > 5);
}

#[tokio::test]
async fn the_trail_cannot_be_changed_or_removed() {
    let mut w = world().await;
    w.call("list_fellows", json!({})).await.unwrap();
    let db = w.db();
    let e = fellowship::db::query("UPDATE audit_log SET user_name = 'someone else'")
        .execute(&db.pool)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("cannot be changed"));
    let e = fellowship::db::query("DELETE FROM audit_log")
        .execute(&db.pool)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("cannot be changed"));
    let (n,): (i64,) = fellowship::db::query_as("SELECT count(*) FROM audit_log")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert!(n >= 1);
}
