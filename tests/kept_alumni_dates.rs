//! Values kept on the fellow row as records change (migration 27): when the current status
//! began (`status_since`) and the latest follow-up decision (`follow_up_consent`). Triggers keep
//! them, in both engines, whoever writes the history or the consents; these tests change both
//! every way a writer can and check the kept values against the history each time, and check
//! that the retention rule read from them lists exactly whom the history says is due.

use crate::common;

use chrono::NaiveDate;
use fellowship::auth::{self, Actor};
use fellowship::demo::{self, DemoSize};
use fellowship::privacy::{self, ConsentInput};
use fellowship::programme::fellows::{self, StatusChangeInput};
use fellowship::Db;

/// Each fellow's kept values beside the same values worked out from the history and consents.
type Kept = (
    i64,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<String>,
    Option<String>,
);

async fn kept_against_history(db: &Db) -> Vec<Kept> {
    fellowship::db::query_as(
        "SELECT f.id, f.status_since,
            (SELECT max(h.effective_date) FROM fellow_status_history h
              WHERE h.fellow_id = f.id AND h.status = f.status),
            f.follow_up_consent,
            (SELECT k.decision FROM follow_up_consents k WHERE k.fellow_id = f.id
              ORDER BY k.decided_on DESC, k.id DESC LIMIT 1)
         FROM fellows f ORDER BY f.id",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap()
}

async fn assert_kept(db: &Db, after: &str) {
    let rows = kept_against_history(db).await;
    assert!(!rows.is_empty());
    let wrong: Vec<&Kept> = rows
        .iter()
        .filter(|(_, since, from_history, consent, latest)| {
            since != from_history || consent != latest
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "after {after}: kept values differ from the history: {wrong:?}"
    );
}

/// Whom the retention rule makes due by `today`, worked out from the history itself (the rule as
/// it was written before the values were kept).
async fn due_from_history(db: &Db, today: NaiveDate) -> Vec<i64> {
    let years = privacy::retention_years(db).await.unwrap();
    let mut ids: Vec<i64> = fellowship::db::query_as::<(i64,)>(
        "SELECT id FROM (
           SELECT f.id,
              (SELECT max(h.effective_date) FROM fellow_status_history h
                WHERE h.fellow_id = f.id AND h.status = f.status) AS left_on,
              (SELECT k.decision FROM follow_up_consents k WHERE k.fellow_id = f.id
                ORDER BY k.decided_on DESC, k.id DESC LIMIT 1) AS consent
           FROM fellows f WHERE f.erased_at IS NULL AND f.status IN ('completed', 'withdrawn')
         ) alumni WHERE left_on <= ? AND (consent IS NULL OR consent <> 'given')",
    )
    .bind(privacy::latest_due(today, years))
    .fetch_all(&db.pool)
    .await
    .unwrap()
    .into_iter()
    .map(|r| r.0)
    .collect();
    ids.sort();
    ids
}

async fn assert_due_agrees(db: &Db, faculty: &Actor) {
    for today in ["2026-12-05", "2030-06-30", "2033-01-01"] {
        let today: NaiveDate = today.parse().unwrap();
        let mut listed: Vec<i64> = privacy::retention_due(db, faculty, today)
            .await
            .unwrap()
            .due
            .iter()
            .map(|d| d.fellow_id)
            .collect();
        listed.sort();
        assert_eq!(listed, due_from_history(db, today).await, "due by {today}");
    }
}

async fn demo_db() -> (tempfile::TempDir, Db, Actor) {
    let dir = tempfile::tempdir().unwrap();
    let db = common::fresh_db(dir.path(), "kept").await;
    demo::fill(&db, &DemoSize::standard()).await.unwrap();
    let faculty = auth::sign_in(&db, &demo::faculty_sign_in()).await.unwrap();
    (dir, db, faculty)
}

async fn fellow_with_status(db: &Db, status: &str) -> i64 {
    fellowship::db::query_as::<(i64,)>("SELECT min(id) FROM fellows WHERE status = ?")
        .bind(status)
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .0
}

#[tokio::test]
async fn kept_leaving_dates_and_consents_follow_every_writer() {
    let (_dir, db, faculty) = demo_db().await;
    assert_kept(&db, "the demo was written").await;
    assert_due_agrees(&db, &faculty).await;

    // A fellow on the programme completes it, then a back-dated correction says they withdrew
    // earlier: the later entry stays current, and the date kept is that of the current status.
    let active = fellow_with_status(&db, "active").await;
    let change = |status: &str, on: &str| StatusChangeInput {
        fellow_id: active,
        status: status.into(),
        effective_date: on.into(),
        note: String::new(),
    };
    fellows::change_status(&db, &faculty, change("completed", "2026-11-30"))
        .await
        .unwrap();
    assert_kept(&db, "completing").await;
    let (since,): (Option<NaiveDate>,) =
        fellowship::db::query_as("SELECT status_since FROM fellows WHERE id = ?")
            .bind(active)
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(since, "2026-11-30".parse().ok());
    fellows::change_status(&db, &faculty, change("withdrawn", "2026-10-01"))
        .await
        .unwrap();
    assert_kept(&db, "a back-dated withdrawal").await;
    fellows::change_status(&db, &faculty, change("completed", "2026-12-01"))
        .await
        .unwrap();
    assert_kept(&db, "completing again, later").await;
    assert_due_agrees(&db, &faculty).await;

    // Consent given takes an alumnus off the list; a later withdrawal puts them back.
    let consent = |decision: &str, on: &str| ConsentInput {
        fellow_id: active,
        decision: decision.into(),
        decided_on: on.into(),
        note: String::new(),
    };
    privacy::record_consent(&db, &faculty, consent("given", "2026-12-01"))
        .await
        .unwrap();
    assert_kept(&db, "consent given").await;
    assert_due_agrees(&db, &faculty).await;
    privacy::record_consent(&db, &faculty, consent("withdrawn", "2026-12-03"))
        .await
        .unwrap();
    // An earlier decision recorded later does not replace the latest.
    privacy::record_consent(&db, &faculty, consent("given", "2026-12-02"))
        .await
        .unwrap();
    assert_kept(
        &db,
        "consent withdrawn, and an earlier decision recorded late",
    )
    .await;
    assert_due_agrees(&db, &faculty).await;

    // Writers outside the commands (a repair by hand, an import tool) are followed too.
    let completed = fellow_with_status(&db, "completed").await;
    fellowship::db::query(
        "UPDATE fellow_status_history SET effective_date = '2019-01-31' WHERE fellow_id = ? AND status = 'completed'",
    )
    .bind(completed)
    .execute(&db.pool)
    .await
    .unwrap();
    assert_kept(&db, "a history date corrected by hand").await;
    fellowship::db::query("UPDATE fellow_status_history SET fellow_id = ? WHERE fellow_id = ?")
        .bind(completed)
        .bind(active)
        .execute(&db.pool)
        .await
        .unwrap();
    assert_kept(&db, "history moved from one fellow to another").await;
    fellowship::db::query(
        "DELETE FROM follow_up_consents WHERE fellow_id = ? AND decision = 'withdrawn'",
    )
    .bind(active)
    .execute(&db.pool)
    .await
    .unwrap();
    assert_kept(&db, "a consent deleted").await;
    fellowship::db::query("DELETE FROM fellow_status_history WHERE fellow_id = ?")
        .bind(completed)
        .execute(&db.pool)
        .await
        .unwrap();
    assert_kept(&db, "a fellow's history deleted").await;
    fellowship::db::query("UPDATE fellows SET status = 'withdrawn' WHERE status = 'completed'")
        .execute(&db.pool)
        .await
        .unwrap();
    assert_kept(&db, "every alumnus's status set by hand").await;
    assert_due_agrees(&db, &faculty).await;
}

/// The migration works the values out for a programme written before it: the demo, with the
/// migration undone (its triggers, indexes and columns dropped, its record removed), then run.
#[tokio::test]
async fn the_migration_fills_the_kept_values_in() {
    let (_dir, db, faculty) = demo_db().await;
    privacy::record_consent(
        &db,
        &faculty,
        ConsentInput {
            fellow_id: fellow_with_status(&db, "completed").await,
            decision: "given".into(),
            decided_on: "2024-05-01".into(),
            note: String::new(),
        },
    )
    .await
    .unwrap();
    let before = kept_against_history(&db).await;
    assert!(before.iter().any(|r| r.3.is_some()) && before.iter().any(|r| r.1.is_some()));
    let triggers = [
        ("fellows", "fellows_status_since"),
        ("fellow_status_history", "status_history_added"),
        ("fellow_status_history", "status_history_changed"),
        ("fellow_status_history", "status_history_removed"),
        ("follow_up_consents", "follow_up_consent_added"),
        ("follow_up_consents", "follow_up_consent_changed"),
        ("follow_up_consents", "follow_up_consent_removed"),
    ];
    let mut undo: Vec<String> = triggers
        .iter()
        .map(|(table, name)| {
            if cfg!(feature = "postgres") {
                format!("DROP TRIGGER {name} ON {table}")
            } else {
                format!("DROP TRIGGER {name}")
            }
        })
        .collect();
    if cfg!(feature = "postgres") {
        for f in [
            "fellows_status_since()",
            "status_history_kept()",
            "follow_up_consent_kept()",
            "fellow_status_since(BIGINT)",
            "fellow_follow_up_consent(BIGINT)",
        ] {
            undo.push(format!("DROP FUNCTION {f}"));
        }
    }
    for s in [
        "DROP INDEX fellows_alumni_since",
        "DROP INDEX fellows_status",
        "ALTER TABLE fellows DROP COLUMN status_since",
        "ALTER TABLE fellows DROP COLUMN follow_up_consent",
        "DELETE FROM _sqlx_migrations WHERE version = 20261205000027",
    ] {
        undo.push(s.into());
    }
    for s in &undo {
        fellowship::db::query(s).execute(&db.pool).await.unwrap();
    }
    fellowship::db::MIGRATOR.run(&db.pool).await.unwrap();
    assert_eq!(kept_against_history(&db).await, before);
    assert_kept(&db, "the migration").await;
    assert_due_agrees(&db, &faculty).await;
}
