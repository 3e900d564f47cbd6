//! Email against a real SMTP server (aiosmtpd with STARTTLS and AUTH): settings with a sealed
//! password, the outbox and its worker, retries, a crash mid-send, the messages themselves,
//! each person's preference, and reminders only to raters who have not answered.

use crate::common::smtp::{SmtpServer, APP_URL, SMTP_PASSWORD};
use crate::common::*;
use chrono::{Duration, Utc};
use fellowship::api::dispatch;
use fellowship::api::session::Session;
use fellowship::error::ErrorKind;
use fellowship::feedback360::invitations::{self, IssueCodesInput, NominationInput};
use fellowship::feedback360::rounds;
use fellowship::today::schedule;
use fellowship::transport::mail_worker as worker;
use serde_json::{json, Value};

fn lease() -> Duration {
    Duration::seconds(60)
}

async fn deliver(w: &World) -> worker::Delivery {
    worker::deliver_due(w.db(), lease()).await.unwrap()
}

async fn outbox(w: &World) -> Value {
    let faculty = w.faculty().await;
    let o = fellowship::mail::outbox::list(
        w.db(),
        &faculty,
        fellowship::mail::outbox::OutboxFilter {
            state: String::new(),
        },
    )
    .await
    .unwrap();
    serde_json::to_value(o).unwrap()
}

/// Makes every queued message due now (as if its back-off had passed).
async fn due_now(w: &World) {
    fellowship::db::query("UPDATE outbox SET next_attempt_at = ?")
        .bind(fellowship::db::now_stamp())
        .execute(&w.db().pool)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_password_is_sealed_never_shown_and_bad_settings_are_named() {
    let mut w = world().await;
    let smtp = SmtpServer::start();
    let saved = w.call("save_mail_settings", smtp.settings()).await.unwrap();
    assert_eq!(saved["password_set"], true);
    assert_eq!(saved["password_readable"], true);
    assert!(
        !saved.to_string().contains(SMTP_PASSWORD),
        "the answer never holds it"
    );
    let raw: String = fellowship::db::query_scalar("SELECT password_sealed FROM mail_settings")
        .fetch_one(&w.db().pool)
        .await
        .unwrap();
    assert!(!raw.contains(SMTP_PASSWORD));
    assert!(!raw.contains(&data_encoding::BASE64.encode(SMTP_PASSWORD.as_bytes())));

    // Saving again without typing it keeps it.
    let mut again = smtp.settings();
    again["password"] = json!("");
    w.call("save_mail_settings", again).await.unwrap();
    let test = w
        .call("send_test_email", json!({"to": "lead@nhs.net"}))
        .await
        .unwrap();
    assert!(test["message"].as_str().unwrap().contains("lead@nhs.net"));
    let got = smtp.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["rcpt_tos"], json!(["lead@nhs.net"]));
    assert_eq!(got[0]["tls"], true, "STARTTLS");
    assert_eq!(got[0]["authenticated"], true, "AUTH");

    // A wrong password: the test says what the server said, beside the address.
    let mut wrong = smtp.settings();
    wrong["password"] = json!("not the password");
    w.call("save_mail_settings", wrong).await.unwrap();
    let e = w
        .call("send_test_email", json!({"to": "lead@nhs.net"}))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("to"));
    assert!(e.message.contains("535"), "{}", e.message);

    // Without the key file (the database moved to another machine) it cannot be read.
    if !cfg!(feature = "postgres") {
        std::fs::remove_file(w.db_path().with_extension("secret-key")).unwrap();
        let s = w.call("get_mail_settings", Value::Null).await.unwrap();
        assert_eq!(s["password_set"], true);
        assert_eq!(s["password_readable"], false);
    }

    let mut bad = smtp.settings();
    bad["host"] = json!("");
    bad["port"] = json!("eighty");
    bad["from_address"] = json!("not an address");
    bad["app_url"] = json!("ftp://example");
    bad["reminder_days"] = json!("7, 0");
    bad["extra_ca"] = json!("not a certificate");
    let e = w.call("save_mail_settings", bad).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
    let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
    for f in [
        "host",
        "port",
        "from_address",
        "app_url",
        "reminder_days",
        "extra_ca",
    ] {
        assert!(fields.contains(&f), "{f} is named: {fields:?}");
    }
    // Only faculty see or change the settings.
    let t = two_hosts(&w).await;
    let e = fellowship::mail::settings::get(w.db(), &t.fellow_user_a)
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
}

#[tokio::test]
async fn an_invitation_arrives_with_its_link_and_the_link_is_not_kept() {
    let mut w = world().await;
    // Email off: nothing is queued, the link is handed over as before.
    let off = w
        .call("invite_user", json!({"email": "first@nhs.net", "role": "faculty", "fellow_id": null, "host_id": null}))
        .await
        .unwrap();
    assert_eq!(off["emailed"], false);
    assert_eq!(outbox(&w).await["messages"], json!([]));

    let smtp = SmtpServer::start();
    w.call("save_mail_settings", smtp.settings()).await.unwrap();
    let made = w
        .call("invite_user", json!({"email": "new.fellow@nhs.net", "role": "faculty", "fellow_id": null, "host_id": null}))
        .await
        .unwrap();
    assert_eq!(made["emailed"], true);
    let token = made["token"].as_str().unwrap();
    assert_eq!(deliver(&w).await.sent, 1);
    let got = smtp.received();
    assert_eq!(got.len(), 1);
    let m = &got[0];
    assert_eq!(m["rcpt_tos"], json!(["new.fellow@nhs.net"]));
    assert!(m["subject"]
        .as_str()
        .unwrap()
        .starts_with("Make your account for"));
    let link = format!("{APP_URL}/#/join/{token}");
    assert!(m["text"].as_str().unwrap().contains(&link));
    assert!(m["html"].as_str().unwrap().contains(&link));
    assert!(m["from"].as_str().unwrap().contains("London Fellowship"));

    // Sent: the row stays for the record, but the link in it is gone.
    let rows: Vec<(String, String, String)> =
        fellowship::db::query_as("SELECT state, body_text, body_html FROM outbox")
            .fetch_all(&w.db().pool)
            .await
            .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, "sent");
    assert!(!rows[0].1.contains(token) && !rows[0].2.contains(token));
    // The worker has nothing more to do; a second pass sends nothing twice.
    assert_eq!(deliver(&w).await, worker::Delivery::default());
    assert_eq!(smtp.received().len(), 1);
}

#[tokio::test]
async fn a_busy_server_is_retried_later_and_a_refusal_fails_with_its_reason() {
    let mut w = world().await;
    let smtp = SmtpServer::start();
    w.call("save_mail_settings", smtp.settings()).await.unwrap();
    smtp.set_mode("tempfail");
    w.call(
        "invite_user",
        json!({"email": "a@nhs.net", "role": "faculty", "fellow_id": null, "host_id": null}),
    )
    .await
    .unwrap();
    let d = deliver(&w).await;
    assert_eq!((d.sent, d.retried, d.failed), (0, 1, 0));
    let o = outbox(&w).await;
    let m = &o["messages"][0];
    assert_eq!(m["state"], "queued");
    assert!(m["last_error"].as_str().unwrap().contains("451"), "{m}");
    assert!(m["next_attempt_at"].as_str().unwrap() > fellowship::db::now_stamp().as_str());
    // Not due yet: nothing is tried.
    assert_eq!(deliver(&w).await, worker::Delivery::default());

    smtp.set_mode("refuse");
    due_now(&w).await;
    let d = deliver(&w).await;
    assert_eq!((d.sent, d.retried, d.failed), (0, 0, 1));
    let o = outbox(&w).await;
    assert_eq!(o["failed"], 1);
    let m = &o["messages"][0];
    assert_eq!(m["state"], "failed");
    assert!(m["last_error"].as_str().unwrap().contains("550"), "{m}");

    // Faculty try it again once the mailbox is mended.
    smtp.set_mode("accept");
    let id = m["id"].as_i64().unwrap();
    let o = w
        .call("retry_outbox_message", json!({"id": id}))
        .await
        .unwrap();
    assert_eq!(o["messages"][0]["state"], "queued");
    assert_eq!(deliver(&w).await.sent, 1);
    assert_eq!(smtp.received().len(), 1);
    let e = w
        .call("retry_outbox_message", json!({"id": id}))
        .await
        .unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::Conflict,
        "a sent message is not sent again"
    );
}

#[tokio::test]
async fn a_server_that_is_down_leaves_the_message_queued() {
    let mut w = world().await;
    let smtp = SmtpServer::start();
    let mut settings = smtp.settings();
    // Nothing listens on a port just released.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    settings["port"] = json!(closed.to_string());
    w.call("save_mail_settings", settings).await.unwrap();
    w.call(
        "invite_user",
        json!({"email": "a@nhs.net", "role": "faculty", "fellow_id": null, "host_id": null}),
    )
    .await
    .unwrap();
    for attempt in 1..=3 {
        let d = deliver(&w).await;
        assert_eq!(d.retried, 1, "attempt {attempt}");
        due_now(&w).await;
    }
    let o = outbox(&w).await;
    assert_eq!(o["messages"][0]["state"], "queued");
    assert_eq!(o["messages"][0]["attempts"], 3);
    assert!(o["messages"][0]["last_error"]
        .as_str()
        .unwrap()
        .contains("could not be reached"));
}

/// The `fellowship send-mail` process, as a worker that can be killed.
fn sender(db: &std::path::Path, lease_seconds: i64) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_fellowship"))
        .arg("send-mail")
        .arg("--db")
        .arg(db)
        .arg("--lease-seconds")
        .arg(lease_seconds.to_string())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_sender_mid_send_neither_loses_nor_duplicates() {
    let mut w = world().await;
    let smtp = SmtpServer::start();
    w.call("save_mail_settings", smtp.settings()).await.unwrap();
    if cfg!(not(feature = "postgres")) {
        // The sending process reads the same key file.
        assert!(w.db_path().with_extension("secret-key").exists());
    }
    for n in 0..3 {
        w.call("invite_user", json!({"email": format!("p{n}@nhs.net"), "role": "faculty", "fellow_id": null, "host_id": null}))
            .await
            .unwrap();
    }
    // Killed while the server has the recipients but none of the messages.
    smtp.set_mode("hold 30");
    let mut child = sender(&w.db_path(), 2);
    smtp.wait_holding();
    child.kill().unwrap();
    child.wait().unwrap();
    smtp.set_mode("accept");
    assert_eq!(smtp.received().len(), 0);
    let sending: i64 =
        fellowship::db::query_scalar("SELECT count(*) FROM outbox WHERE state = 'sending'")
            .fetch_one(&w.db().pool)
            .await
            .unwrap();
    assert_eq!(sending, 3, "the claimed messages are left claimed");
    // Its lease runs out; the next worker takes it with the others.
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let status = sender(&w.db_path(), 2).wait().unwrap();
    assert!(status.success());
    let got = smtp.received();
    let mut to: Vec<String> = got
        .iter()
        .map(|m| m["rcpt_tos"][0].as_str().unwrap().to_owned())
        .collect();
    to.sort();
    assert_eq!(to, ["p0@nhs.net", "p1@nhs.net", "p2@nhs.net"], "each once");
    assert_eq!(outbox(&w).await["sent"], 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_after_the_server_took_the_message_resends_the_same_message_id() {
    // The one window SMTP cannot close: the server has taken the message, the sender dies
    // before hearing so. The message goes again, as the same message (same Message-ID), so
    // the receiving side can recognise it.
    let mut w = world().await;
    let smtp = SmtpServer::start();
    w.call("save_mail_settings", smtp.settings()).await.unwrap();
    w.call(
        "invite_user",
        json!({"email": "p@nhs.net", "role": "faculty", "fellow_id": null, "host_id": null}),
    )
    .await
    .unwrap();
    smtp.set_mode("hold-data 3");
    let mut child = sender(&w.db_path(), 2);
    smtp.wait_holding();
    child.kill().unwrap();
    child.wait().unwrap();
    smtp.set_mode("accept");
    tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
    assert!(sender(&w.db_path(), 2).wait().unwrap().success());
    let got = smtp.received();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0]["message_id"], got[1]["message_id"]);
    assert_eq!(outbox(&w).await["sent"], 1);
}

/// A rater answers every dimension with 4, through rater mode; returns their questionnaire.
async fn answer(w: &World, code: &str, comment: &str) -> Value {
    let mut rater = Session::default();
    let q = dispatch(
        &w.ws,
        &mut rater,
        "open_questionnaire",
        json!({"code": code}),
    )
    .await
    .unwrap();
    let answers: Vec<Value> = q["questions"]["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| json!({"dimension_id": d["id"], "rating": 4, "importance": 3}))
        .collect();
    dispatch(
        &w.ws,
        &mut rater,
        "submit_questionnaire",
        json!({"code": code, "answers": answers, "comment": comment}),
    )
    .await
    .unwrap();
    q
}

/// Every invitation as if sent a month ago, so the reminders' rule does not wait for it.
async fn invited_a_month_ago(w: &World) {
    fellowship::db::query("UPDATE feedback_nominations SET issued_at = ?")
        .bind((Utc::now() - Duration::days(30)).to_rfc3339())
        .execute(&w.db().pool)
        .await
        .unwrap();
}

/// Nominates `n` peers for fellow A and issues their codes.
async fn raters(
    w: &World,
    t: &TwoHosts,
    n: usize,
) -> (i64, Vec<fellowship::feedback360::invitations::IssuedCode>) {
    let db = w.db();
    let round = rounds::open(db, &t.faculty, round_input(t.cohort))
        .await
        .unwrap();
    for i in 0..n {
        invitations::nominate(
            db,
            &t.faculty,
            NominationInput {
                round_id: round.id,
                fellow_id: Some(t.fellow_a),
                rater_group: "peer".into(),
                rater_name: format!("Peer {i}"),
                rater_email: format!("peer{i}@nhs.net"),
            },
        )
        .await
        .unwrap();
    }
    let issued = invitations::issue(
        db,
        &t.faculty,
        IssueCodesInput {
            round_id: round.id,
            nomination_ids: vec![],
        },
    )
    .await
    .unwrap();
    (round.id, issued)
}

#[tokio::test]
async fn raters_get_their_codes_and_reminders_go_only_to_those_who_have_not_answered() {
    let mut w = world().await;
    let smtp = SmtpServer::start();
    w.call("save_mail_settings", smtp.settings()).await.unwrap();
    let t = two_hosts(&w).await;
    // The fellow with an account hears that the round is open.
    let (round_id, issued) = raters(&w, &t, 3).await;
    assert!(issued.iter().all(|c| c.emailed));
    deliver(&w).await;
    let got = smtp.received();
    let open: Vec<&Value> = got
        .iter()
        .filter(|m| m["subject"] == "Your 360° feedback round is open")
        .collect();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0]["rcpt_tos"], json!(["ada@nhs.net"]));
    assert!(open[0]["text"]
        .as_str()
        .unwrap()
        .contains(&format!("{APP_URL}/#/feedback/{round_id}/self")));
    let invites: Vec<&Value> = got
        .iter()
        .filter(|m| m["subject"].as_str().unwrap().contains("your invitation"))
        .collect();
    assert_eq!(invites.len(), 3);
    // Each rater's code is in their own message, and only there.
    for c in &issued {
        let mine: Vec<&&Value> = invites
            .iter()
            .filter(|m| m["text"].as_str().unwrap().contains(&c.code))
            .collect();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0]["rcpt_tos"], json!([c.rater_email]));
    }
    let stored: Vec<(String,)> = fellowship::db::query_as("SELECT body_text FROM outbox")
        .fetch_all(&w.db().pool)
        .await
        .unwrap();
    assert!(
        issued
            .iter()
            .all(|c| stored.iter().all(|(b,)| !b.contains(&c.code))),
        "no code is kept once sent"
    );

    // Peer 0 answers with the code from their email.
    let code = invites
        .iter()
        .find(|m| m["rcpt_tos"][0] == "peer0@nhs.net")
        .and_then(|m| {
            m["text"]
                .as_str()
                .unwrap()
                .lines()
                .find_map(|l| l.strip_prefix("Your code: "))
        })
        .unwrap()
        .to_owned();
    answer(&w, &code, "").await;

    // The invitations went today; a reminder is due from 7 days before the close. Plan as if
    // it were 2 days before: one reminder each to the two who have not answered.
    invited_a_month_ago(&w).await;
    let closes = rounds::load(w.db(), round_id).await.unwrap().closes_on;
    let day = closes - Duration::days(2);
    assert_eq!(schedule::plan(w.db(), day).await.unwrap().reminders, 2);
    // Planned again (another process, a restart): nothing twice.
    assert_eq!(schedule::plan(w.db(), day).await.unwrap().reminders, 2);
    let before = smtp.received().len();
    deliver(&w).await;
    let reminders: Vec<Value> = smtp.received().into_iter().skip(before).collect();
    let mut to: Vec<&str> = reminders
        .iter()
        .map(|m| m["rcpt_tos"][0].as_str().unwrap())
        .collect();
    to.sort();
    assert_eq!(
        to,
        ["peer1@nhs.net", "peer2@nhs.net"],
        "never to the one who answered"
    );
    assert!(reminders
        .iter()
        .all(|m| m["subject"] == "Reminder: feedback for Ada Alpha"));
    // A closed round reminds nobody.
    rounds::close(w.db(), &t.faculty, round_id).await.unwrap();
    assert_eq!(schedule::plan(w.db(), closes).await.unwrap().reminders, 0);
}

#[tokio::test]
async fn each_person_chooses_now_weekly_or_none_but_always_gets_their_links() {
    let mut w = world().await;
    let smtp = SmtpServer::start();
    w.call("save_mail_settings", smtp.settings()).await.unwrap();
    let t = two_hosts(&w).await;
    let db = w.db();
    let sponsor = &t.sponsor_a;
    use fellowship::mail::prefs::{self, EmailPreferenceInput};
    let set = |f: &str| EmailPreferenceInput {
        frequency: f.into(),
    };
    assert_eq!(
        prefs::mine(db, sponsor).await.unwrap().frequency.code(),
        "now"
    );
    let e = prefs::set(db, sponsor, set("hourly")).await.unwrap_err();
    assert_eq!(e.field.as_deref(), Some("frequency"));

    // Weekly: the review message is held, then goes in next Monday's digest.
    prefs::set(db, sponsor, set("weekly")).await.unwrap();
    let challenge = challenge_for_a(&w, &t).await;
    fellowship::challenges::reviews::save_draft(
        db,
        &t.fellow_user_a,
        fellowship::challenges::reviews::ReviewDraftInput {
            challenge_id: challenge,
            kind: "mid_year".into(),
            summary: "Progress so far".into(),
        },
    )
    .await
    .unwrap();
    deliver(&w).await;
    assert!(smtp
        .received()
        .iter()
        .all(|m| m["rcpt_tos"][0] != "sponsor.a@nhs.net"));
    assert_eq!(outbox(&w).await["held"], 1);
    let next_monday = {
        let today = Utc::now().date_naive();
        use chrono::Datelike;
        today + Duration::days(7 - i64::from(today.weekday().num_days_from_monday()))
    };
    // Held messages count from before the week's Monday.
    fellowship::db::query("UPDATE outbox SET created_at = ? WHERE state = 'held'")
        .bind((Utc::now() - Duration::days(8)).to_rfc3339())
        .execute(&db.pool)
        .await
        .unwrap();
    assert_eq!(schedule::plan(db, next_monday).await.unwrap().digests, 1);
    deliver(&w).await;
    let digest: Vec<Value> = smtp
        .received()
        .into_iter()
        .filter(|m| m["rcpt_tos"][0] == "sponsor.a@nhs.net")
        .collect();
    assert_eq!(digest.len(), 1);
    assert!(digest[0]["subject"]
        .as_str()
        .unwrap()
        .starts_with("Your week: 1 message"));
    assert!(digest[0]["text"]
        .as_str()
        .unwrap()
        .contains("ready for your signature"));

    // None: nothing of this kind, but a password link still goes.
    prefs::set(db, sponsor, set("none")).await.unwrap();
    fellowship::challenges::reviews::sign(
        db,
        sponsor,
        fellowship::challenges::reviews::SignReviewInput {
            challenge_id: challenge,
            review_id: review_id(&w, challenge).await,
            statement: "Agreed".into(),
            signed_name: sponsor.name.clone(),
        },
    )
    .await
    .unwrap();
    let reset = fellowship::accounts::resets::make_reset(
        db,
        &t.faculty,
        fellowship::accounts::resets::ResetRequest {
            user_id: sponsor.user_id,
        },
    )
    .await
    .unwrap();
    assert!(reset.emailed);
    deliver(&w).await;
    let to_sponsor: Vec<Value> = smtp
        .received()
        .into_iter()
        .filter(|m| m["rcpt_tos"][0] == "sponsor.a@nhs.net")
        .collect();
    assert_eq!(to_sponsor.len(), 2, "the digest, then the reset link");
    assert!(to_sponsor[1]["text"]
        .as_str()
        .unwrap()
        .contains(&format!("{APP_URL}/#/reset/{}", reset.token)));
    // The fellow (who chose nothing, so "now") hears that the review was signed.
    let signed: Vec<Value> = smtp
        .received()
        .into_iter()
        .filter(|m| m["rcpt_tos"][0] == "ada@nhs.net")
        .collect();
    assert!(
        signed
            .iter()
            .any(|m| m["subject"] == "Your mid-year review has been signed"),
        "{signed:?}"
    );
}

async fn challenge_for_a(w: &World, t: &TwoHosts) -> i64 {
    let input = fellowship::challenges::ChallengeInput {
        id: None,
        fellow_id: Some(t.fellow_a),
        title: "Reduce delayed discharges".into(),
        problem_statement: "Patients wait too long to leave hospital.".into(),
        earlier_attempts: String::new(),
        nature: "wicked".into(),
        aim_quality: true,
        aim_population_health: false,
        aim_cost: false,
        stakeholders: String::new(),
        involvement: String::new(),
        proposal: Default::default(),
    };
    fellowship::challenges::save(w.db(), &t.faculty, input)
        .await
        .unwrap()
        .challenge
        .id
}

async fn review_id(w: &World, challenge: i64) -> i64 {
    fellowship::db::query_scalar("SELECT id FROM reviews WHERE challenge_id = ? ORDER BY id DESC")
        .bind(challenge)
        .fetch_one(&w.db().pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn no_message_carries_a_private_field() {
    let mut w = world().await;
    let smtp = SmtpServer::start();
    w.call("save_mail_settings", smtp.settings()).await.unwrap();
    let t = two_hosts(&w).await;
    const MARK: &str = "ZEBRA-PRIVATE-7731";
    // A reflection with the marker in its title and text, shared with the sponsor's org mentor.
    let me = &t.fellow_user_a;
    let options = fellowship::learning::reflections::options(w.db(), me)
        .await
        .unwrap();
    let reader = options
        .share_candidates
        .first()
        .expect("someone to share with")
        .user_id;
    let saved = fellowship::learning::reflections::ReflectionInput {
        id: None,
        template: "free".into(),
        title: format!("Title {MARK}"),
        happened_on: Utc::now().date_naive().to_string(),
        sections: vec![fellowship::learning::reflections::SectionText {
            key: "text".into(),
            body: format!("Text {MARK}"),
        }],
        challenge_id: None,
        dimension_ids: vec![],
        finish: true,
    };
    let r = fellowship::learning::reflections::save(w.db(), me, saved)
        .await
        .unwrap();
    fellowship::learning::reflections::share(
        w.db(),
        me,
        fellowship::learning::reflections::ShareInput {
            reflection_id: r.id,
            user_id: reader,
        },
    )
    .await
    .unwrap();
    // 360 answers with the marker in the comment.
    let (_, issued) = raters(&w, &t, 1).await;
    let q = answer(&w, &issued[0].code, MARK).await;
    let closes: chrono::NaiveDate = serde_json::from_value(q["closes_on"].clone()).unwrap();
    invited_a_month_ago(&w).await;
    schedule::plan(w.db(), closes - Duration::days(1))
        .await
        .unwrap();
    deliver(&w).await;
    let got = smtp.received();
    assert!(got.iter().any(|m| m["subject"]
        .as_str()
        .unwrap()
        .contains("shared a reflection")));
    for m in &got {
        assert!(!m.to_string().contains(MARK), "{m}");
    }
    let bodies: Vec<(String, String, String)> =
        fellowship::db::query_as("SELECT subject, body_text, body_html FROM outbox")
            .fetch_all(&w.db().pool)
            .await
            .unwrap();
    assert!(!bodies.is_empty());
    for b in &bodies {
        assert!(!format!("{b:?}").contains(MARK));
    }
    let _ = outbox(&w).await;
}

#[tokio::test]
async fn alumni_get_their_wave_survey_once_unless_they_declined_or_answered() {
    let mut w = world().await;
    let smtp = SmtpServer::start();
    w.call("save_mail_settings", smtp.settings()).await.unwrap();
    let db = w.db().clone();
    let faculty = w.faculty().await;
    let cohort = fellowship::programme::cohorts::save(
        &db,
        &faculty,
        cohort_input("2024/25", "2024-09-01", "2025-08-31"),
    )
    .await
    .unwrap()
    .id;
    let mut alumni = vec![];
    for (name, reg) in [
        ("Ann Alum", "4000001"),
        ("Ben Alum", "4000002"),
        ("Cat Alum", "4000003"),
    ] {
        let mut input = fellow_input(name, reg, cohort, None);
        input.status = "completed".into();
        input.status_date = "2025-08-31".into();
        alumni.push(
            fellowship::programme::fellows::save(&db, &faculty, input)
                .await
                .unwrap()
                .fellow
                .id,
        );
    }
    // Ben declined to be followed up.
    fellowship::privacy::record_consent(
        &db,
        &faculty,
        fellowship::privacy::ConsentInput {
            fellow_id: alumni[1],
            decision: "declined".into(),
            decided_on: "2025-08-31".into(),
            note: String::new(),
        },
    )
    .await
    .unwrap();
    // The "1 year after" wave gets a survey; a bad address is named.
    let waves = fellowship::outcomes::waves(&db).await.unwrap();
    let year = waves.iter().find(|w| w.months_after == 12).unwrap();
    let input = |url: &str| fellowship::outcomes::WaveInput {
        id: Some(year.id),
        name: year.name.clone(),
        months_after: "12".into(),
        window_days: year.window_days.to_string(),
        survey_url: url.into(),
    };
    let e = fellowship::outcomes::save_wave(&db, &faculty, input("forms.example"))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("survey_url"));
    let survey = "https://forms.example.nhs.uk/alumni-year-1";
    fellowship::outcomes::save_wave(&db, &faculty, input(survey))
        .await
        .unwrap();

    // Cat has already answered (recorded by faculty).
    fellowship::outcomes::follow_up::save_response(
        &db,
        &faculty,
        fellowship::outcomes::follow_up::OutcomeResponseInput {
            fellow_id: alumni[2],
            wave_id: year.id,
            responded_on: "2026-09-01".into(),
            answers: {
                let m = fellowship::outcomes::measures(&db).await.unwrap();
                let text = m.iter().find(|m| m.value_type.code() == "text").unwrap();
                vec![fellowship::outcomes::follow_up::OutcomeAnswer {
                    measure_id: text.id,
                    value: "Clinical director".into(),
                }]
            },
        },
    )
    .await
    .unwrap();
    let on = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    // Not yet due on 30 August 2026; due from 31 August 2026.
    assert_eq!(
        schedule::plan(&db, on("2026-08-30"))
            .await
            .unwrap()
            .follow_ups,
        0
    );
    assert_eq!(
        schedule::plan(&db, on("2026-09-10"))
            .await
            .unwrap()
            .follow_ups,
        1
    );
    assert_eq!(
        schedule::plan(&db, on("2026-09-11"))
            .await
            .unwrap()
            .follow_ups,
        1,
        "planned again: the same one, not queued twice"
    );
    deliver(&w).await;
    let got: Vec<Value> = smtp
        .received()
        .into_iter()
        .filter(|m| m["subject"] == "1 year after: where are you now?")
        .collect();
    assert_eq!(
        got.len(),
        1,
        "not Ben, who declined, nor Cat, who answered: {got:?}"
    );
    assert_eq!(got[0]["rcpt_tos"], json!(["ann.alum@nhs.net"]));
    assert!(got[0]["text"].as_str().unwrap().contains(survey));
}
