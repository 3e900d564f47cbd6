//! Each person's dates as iCalendar, read back by an independent parser (the `ical` crate):
//! the right events for each role and nothing from another organisation or a private field; the
//! private subscription address on the programme server works until it is replaced or revoked.

use crate::common::*;
use chrono::{Duration, Utc};
use fellowship::api::session::Workspaces;
use fellowship::auth::{self, NewUserInput, Role};
use fellowship::calendar::{self, feed};
use fellowship::challenges::actions::{self, MilestoneInput};
use fellowship::challenges::{self, ChallengeInput};
use fellowship::feedback360::rounds;
use fellowship::learning::mentoring::{self, RelationshipInput, SessionInput};

/// (UID, SUMMARY, DTSTART, DTEND) of every event, as the parser reads them.
fn events(text: &str) -> Vec<(String, String, String, String)> {
    let mut reader = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = reader.next().expect("one calendar").expect("it parses");
    assert!(reader.next().is_none(), "exactly one calendar");
    cal.events
        .iter()
        .map(|e| {
            let get = |name: &str| {
                e.properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
                    .unwrap_or_default()
            };
            (get("UID"), get("SUMMARY"), get("DTSTART"), get("DTEND"))
        })
        .collect()
}

#[tokio::test]
async fn each_role_gets_their_own_dates_and_no_private_text() {
    let w = world().await;
    let db = w.db();
    let t = two_hosts(&w).await;
    let today = Utc::now().date_naive();
    let ymd = |d: chrono::NaiveDate| d.format("%Y%m%d").to_string();
    let challenge = |fellow, title: &str| ChallengeInput {
        id: None,
        fellow_id: Some(fellow),
        title: title.into(),
        problem_statement: "Patients wait.".into(),
        earlier_attempts: String::new(),
        nature: "wicked".into(),
        aim_quality: true,
        aim_population_health: false,
        aim_cost: false,
        stakeholders: String::new(),
        involvement: String::new(),
        proposal: Default::default(),
    };
    let a = challenges::save(db, &t.faculty, challenge(t.fellow_a, "Discharges at A"))
        .await
        .unwrap()
        .challenge
        .id;
    let b = challenges::save(db, &t.faculty, challenge(t.fellow_b, "Clinics at B"))
        .await
        .unwrap()
        .challenge
        .id;
    let review_on = today + Duration::days(20);
    for id in [a, b] {
        actions::save_milestone(
            db,
            &t.faculty,
            MilestoneInput {
                challenge_id: id,
                kind: "mid_year_review".into(),
                due_date: review_on.to_string(),
                outcome_note: String::new(),
            },
        )
        .await
        .unwrap();
    }
    let mentor = fellowship::accounts::users::create_user(
        db,
        &t.faculty,
        NewUserInput {
            name: "Mo Mentor".into(),
            email: "mo@nhs.net".into(),
            password: PASSWORD.into(),
            role: Role::Mentor,
            fellow_id: None,
            host_id: Some(t.host_a),
        },
    )
    .await
    .unwrap();
    let mentor = auth::actor_by_id(db, mentor.id).await.unwrap();
    let rel = mentoring::save_relationship(
        db,
        &t.faculty,
        RelationshipInput {
            fellow_id: Some(t.fellow_a),
            person_id: Some(mentor.user_id),
            kind: "workplace_mentor".into(),
            started_on: (today - Duration::days(30)).to_string(),
        },
    )
    .await
    .unwrap()
    .id;
    let held = today - Duration::days(3);
    mentoring::log_session(
        db,
        &mentor,
        SessionInput {
            relationship_id: rel,
            held_on: held.to_string(),
            duration_minutes: "45".into(),
            mode: "video".into(),
            themes: "PRIVATE-CALENDAR-THEME".into(),
            agreed_actions: "PRIVATE-CALENDAR-ACTION".into(),
            private_note: "PRIVATE-CALENDAR-NOTE".into(),
        },
    )
    .await
    .unwrap();
    let round = rounds::open(db, &t.faculty, round_input(t.cohort))
        .await
        .unwrap();

    // The fellow: their review date, their mentoring session and the 360 window.
    let text = calendar::calendar_text(db, &t.fellow_user_a).await.unwrap();
    for marker in ["PRIVATE-CALENDAR", "Clinics at B"] {
        assert!(!text.contains(marker), "{marker} in {text}");
    }
    let mine = events(&text);
    let summaries: Vec<&str> = mine.iter().map(|e| e.1.as_str()).collect();
    assert!(summaries.contains(&"Mid-year review"), "{summaries:?}");
    assert!(
        summaries.contains(&"Mentoring with Mo Mentor"),
        "{summaries:?}"
    );
    let window = mine
        .iter()
        .find(|e| e.1 == "Baseline 360° feedback open")
        .expect("the round's window");
    // All day, and DTEND the day after the last day, as RFC 5545 has it.
    assert_eq!(
        (window.2.clone(), window.3.clone()),
        (
            ymd(round.opens_on),
            ymd(round.closes_on + Duration::days(1))
        )
    );
    let review = mine.iter().find(|e| e.1 == "Mid-year review").unwrap();
    assert_eq!(review.2, ymd(review_on));
    assert!(review.0.ends_with("@north-london-fellowship.fellowship"));

    // Host A's sponsor: their fellow's review, named; nothing of host B.
    let sponsor = events(&calendar::calendar_text(db, &t.sponsor_a).await.unwrap());
    let names: Vec<&str> = sponsor.iter().map(|e| e.1.as_str()).collect();
    assert_eq!(names, ["Mid-year review: Ada Alpha"]);
    // The mentor: their own session and their organisation's review.
    let theirs = events(&calendar::calendar_text(db, &mentor).await.unwrap());
    let names: Vec<&str> = theirs.iter().map(|e| e.1.as_str()).collect();
    assert_eq!(
        names,
        ["Session with Ada Alpha", "Mid-year review: Ada Alpha"]
    );
    // Faculty: both reviews and the round.
    let all = events(&calendar::calendar_text(db, &t.faculty).await.unwrap());
    assert_eq!(
        all.iter()
            .filter(|e| e.1.starts_with("Mid-year review"))
            .count(),
        2
    );
    let ada = all
        .iter()
        .find(|e| e.1 == "Mid-year review: Ada Alpha")
        .expect("Ada's review, named");
    assert_eq!(ada.2, ymd(review_on));
    assert!(all
        .iter()
        .any(|e| e.1.starts_with("Baseline 360° feedback open")));
    // UIDs are unique, so calendars update events in place.
    let mut uids: Vec<&str> = all.iter().map(|e| e.0.as_str()).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), all.len());

    // The desktop's download is the same text.
    let mut w = w;
    w.call(
        "sign_in",
        serde_json::json!({"email": "ada@nhs.net", "password": PASSWORD}),
    )
    .await
    .unwrap();
    let doc = w
        .call("my_calendar", serde_json::Value::Null)
        .await
        .unwrap();
    assert_eq!(doc["mime"], "text/calendar");
    assert_eq!(doc["file_name"], "fellowship-calendar.ics");
}

#[tokio::test]
async fn a_subscription_address_works_until_replaced_revoked_or_disabled() {
    let w = world().await;
    let db = w.db().clone();
    let t = two_hosts(&w).await;
    let base = http::start(Workspaces::new(db.clone(), None)).await;
    let get = |token: String| {
        let base = base.clone();
        async move {
            reqwest::get(format!("{base}/calendar/{token}.ics"))
                .await
                .unwrap()
        }
    };

    assert_eq!(
        feed::status(&db, &t.fellow_user_a, ())
            .await
            .unwrap()
            .created_at,
        None
    );
    let first = feed::renew(&db, &t.fellow_user_a, ()).await.unwrap();
    let res = get(first.token.clone()).await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    assert!(res.text().await.unwrap().starts_with("BEGIN:VCALENDAR"));
    // Read through the address: written to the audit trail as the owner's.
    let (n,): (i64,) = fellowship::db::query_as(
        "SELECT count(*) FROM audit_log WHERE command = 'calendar_feed' AND user_id = ?",
    )
    .bind(t.fellow_user_a.user_id)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(n, 1);

    // A new address ends the old one; a wrong one is not found, the same as a revoked one.
    let second = feed::renew(&db, &t.fellow_user_a, ()).await.unwrap();
    assert_eq!(get(first.token.clone()).await.status(), 404);
    assert_eq!(get(second.token.clone()).await.status(), 200);
    assert_eq!(get("x".repeat(43)).await.status(), 404);
    assert!(feed::status(&db, &t.fellow_user_a, ())
        .await
        .unwrap()
        .created_at
        .is_some());
    feed::revoke(&db, &t.fellow_user_a, ()).await.unwrap();
    assert_eq!(get(second.token).await.status(), 404);

    // A disabled account's address stops answering.
    let third = feed::renew(&db, &t.sponsor_a, ()).await.unwrap();
    assert_eq!(get(third.token.clone()).await.status(), 200);
    fellowship::db::query("UPDATE users SET disabled_at = '2026-12-01T00:00:00Z' WHERE id = ?")
        .bind(t.sponsor_a.user_id)
        .execute(&db.pool)
        .await
        .unwrap();
    assert_eq!(get(third.token).await.status(), 404);
    // Only the hash is kept.
    let (stored,): (Vec<u8>,) = fellowship::db::query_as(
        "SELECT token_hash FROM calendar_feeds ORDER BY created_at DESC LIMIT 1",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(stored.len(), 32);
}
