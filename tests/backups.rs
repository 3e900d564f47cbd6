//! Backups: a scheduled copy is made once a day, previews what it holds without changing it, and
//! restoring it (putting the file back in place) gives back exactly the data it was taken from.
// SQLite files only: on PostgreSQL these are the database server's own tools.
#![cfg(not(feature = "postgres"))]

use crate::common::*;
use chrono::{Duration, Utc};
use fellowship::db::backups;
use fellowship::{programme::fellows, Db};

/// Every row of the tables a programme lives in, every column, as JSON, in a fixed order.
async fn dump(db: &Db) -> Vec<String> {
    let mut out = vec![];
    for table in [
        "programmes",
        "cohorts",
        "host_organisations",
        "fellows",
        "fellow_status_history",
        "users",
    ] {
        let columns: Vec<(String,)> =
            sqlx::query_as(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .fetch_all(&db.pool)
                .await
                .unwrap();
        let list = columns
            .iter()
            .map(|c| format!("\"{}\"", c.0))
            .collect::<Vec<_>>()
            .join(", ");
        let (rows,): (String,) = sqlx::query_as(&format!(
            "SELECT coalesce(json_group_array(json_array({list})), '[]') FROM (SELECT * FROM {table} ORDER BY rowid)"
        ))
        .fetch_one(&db.pool)
        .await
        .unwrap();
        out.push(format!("{table}: {rows}"));
    }
    out
}

#[tokio::test]
async fn a_daily_backup_restores_exactly_what_it_held() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db();
    let now = Utc::now();
    let first = backups::scheduled(db, now)
        .await
        .unwrap()
        .expect("the first backup is due");
    // Not again the same day.
    assert!(backups::scheduled(db, now + Duration::hours(2))
        .await
        .unwrap()
        .is_none());
    let before = dump(db).await;

    // The preview reads the copy without changing it.
    let p = backups::preview(&first, None).await.unwrap();
    assert_eq!(p.integrity, "ok");
    let count = |name: &str| p.counts.iter().find(|c| c.table == name).unwrap().rows;
    assert_eq!(
        (
            count("fellows"),
            count("cohorts"),
            count("host_organisations")
        ),
        (2, 1, 2)
    );

    // Life goes on: a fellow is added after the backup.
    fellows::save(
        db,
        &t.faculty,
        fellow_input("Cal Later", "3333333", t.cohort, Some(t.host_a)),
    )
    .await
    .unwrap();
    assert_ne!(dump(db).await, before);

    // Restoring puts the copy in place of the database; opened again, it holds what it held.
    let restored = w.dir.path().join("restored.sqlite");
    std::fs::copy(&first, &restored).unwrap();
    let back = Db::open(&restored).await.unwrap();
    assert_eq!(dump(&back).await, before);

    // A day later the next one is due, and the folder keeps both.
    let second = backups::scheduled(db, now + Duration::hours(25))
        .await
        .unwrap()
        .expect("due again");
    assert_ne!(first, second);
    assert_eq!(backups::list(&backups::folder(&db.path)).len(), 2);
    assert_eq!(
        backups::preview(&second, None)
            .await
            .unwrap()
            .counts
            .iter()
            .find(|c| c.table == "fellows")
            .unwrap()
            .rows,
        3
    );
    // Something that is not a database is refused with a clear message.
    let junk = w.dir.path().join("junk.sqlite");
    std::fs::write(&junk, "not a database").unwrap();
    assert!(backups::preview(&junk, None).await.is_err());
}

/// Every row of every table a restore replaces, in a fixed order.
async fn dump_all(db: &Db) -> Vec<String> {
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT LIKE 'reflection_search%' AND name NOT LIKE 'fellows_search%' AND name NOT IN ('_sqlx_migrations', 'audit_log', 'sign_in_attempts')
         ORDER BY name",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let mut out = vec![];
    for (table,) in tables {
        let (rows,): (String,) = sqlx::query_as(&format!(
            "SELECT coalesce(json_group_array(json_array(*)), '[]') FROM (SELECT * FROM \"{table}\" ORDER BY rowid)"
        ))
        .fetch_one(&db.pool)
        .await
        .unwrap_or_else(|_| (String::new(),));
        out.push(format!("{table}: {rows}"));
    }
    let (fts,): (String,) = sqlx::query_as(
        "SELECT coalesce(json_group_array(json_array(rowid, title, body)), '[]') FROM reflection_search",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    out.push(format!("reflection_search: {fts}"));
    crate::fellow_search::index_agrees_with_the_fellows(db).await;
    out
}

#[tokio::test]
async fn restoring_in_the_app_replaces_the_data_keeps_the_audit_trail_and_every_erasure() {
    use fellowship::api::session::{Session, Workspaces};
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "fellowship").await;
    fellowship::demo::fill(&db, &fellowship::demo::DemoSize::standard())
        .await
        .unwrap();
    let mut w = World {
        path: db.path.clone(),
        dir,
        ws: Workspaces::new(db.clone(), None),
        session: Session::default(),
        main: db.clone(),
    };
    w.call("sign_in", fellowship::demo::faculty_sign_in_json())
        .await
        .unwrap();
    // A signed review, which triggers keep from change or removal.
    sqlx::query(
        "INSERT INTO reviews (challenge_id, kind, version, summary, statement, signed_name, signed_at, created_at)
         SELECT min(id), 'mid_year', 1, 'On track', 'Agreed', 'Dr Sponsor', '2026-03-01T10:00:00Z', '2026-03-01T09:00:00Z' FROM challenges",
    )
    .execute(&db.pool)
    .await
    .unwrap();
    let taken = w.call("make_backup", json!(null)).await.unwrap();
    let name = taken["file_name"].as_str().unwrap().to_owned();
    let before = dump_all(&db).await;
    assert!(
        before.iter().any(|t| t.starts_with("reviews: [[")),
        "signed reviews are in the copy"
    );

    // Afterwards: a fellow added, an alumnus erased.
    let (cohort,): (i64,) = sqlx::query_as("SELECT max(id) FROM cohorts")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let faculty = fellowship::auth::sign_in(&db, &fellowship::demo::faculty_sign_in())
        .await
        .unwrap();
    fellows::save(
        &db,
        &faculty,
        fellow_input("Cal Later", "3333333", cohort, None),
    )
    .await
    .unwrap();
    let (alumnus, alumnus_name): (i64, String) = sqlx::query_as(
        "SELECT id, name FROM fellows WHERE status = 'completed' ORDER BY id LIMIT 1",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    w.call(
        "erase_fellow",
        json!({"fellow_id": alumnus, "confirm_name": alumnus_name}),
    )
    .await
    .unwrap();
    let (trail,): (i64,) = sqlx::query_as("SELECT count(*) FROM audit_log")
        .fetch_one(&db.pool)
        .await
        .unwrap();

    // Refusals name their field.
    let e = w
        .call(
            "restore_backup",
            json!({"file_name": name, "confirm": false}),
        )
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("confirm"));
    let e = w
        .call(
            "restore_backup",
            json!({"file_name": "../programme.sqlite", "confirm": true}),
        )
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("file_name"));

    let preview = w
        .call("preview_backup", json!({"file_name": name}))
        .await
        .unwrap();
    assert_eq!(preview["integrity"], "ok");
    let done = w
        .call(
            "restore_backup",
            json!({"file_name": name, "confirm": true}),
        )
        .await
        .unwrap();
    assert_eq!(done["erasures_reapplied"], 1);

    // The copy's data is back, but the erased alumnus stays erased.
    let (later,): (i64,) = sqlx::query_as("SELECT count(*) FROM fellows WHERE name = 'Cal Later'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(later, 0);
    let (shown,): (String,) = sqlx::query_as("SELECT name FROM fellows WHERE id = ?")
        .bind(alumnus)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(shown, format!("Erased fellow #{alumnus}"));
    // The audit trail was kept, and records the restore.
    let (after,): (i64,) = sqlx::query_as("SELECT count(*) FROM audit_log")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert!(after > trail);
    let (restores,): (i64,) = sqlx::query_as(
        "SELECT count(*) FROM audit_log WHERE command = 'restore_backup' AND outcome = 'done'",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(restores, 1);
    let (integrity,): (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(integrity, "ok");
    let broken: Vec<(String, i64, String, i64)> = sqlx::query_as("PRAGMA foreign_key_check")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    assert!(broken.is_empty());
    // Signed reviews are locked again.
    assert!(
        sqlx::query("UPDATE reviews SET summary = 'x' WHERE signed_at IS NOT NULL")
            .execute(&db.pool)
            .await
            .is_err()
    );

    // The safety copy undoes the restore: restoring it brings the later fellow back.
    let safety = done["safety_copy"].as_str().unwrap().to_owned();
    w.call(
        "restore_backup",
        json!({"file_name": safety, "confirm": true}),
    )
    .await
    .unwrap();
    let (later,): (i64,) = sqlx::query_as("SELECT count(*) FROM fellows WHERE name = 'Cal Later'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(later, 1);

    // Restoring the first copy again, and erasing nothing since: exactly its data.
    let again_before = {
        let mut b = before.clone();
        // The one difference allowed: the alumnus erased after the copy was made.
        b.retain(|t| !t.starts_with("fellows:") && !t.starts_with("users:"));
        b
    };
    w.call(
        "restore_backup",
        json!({"file_name": name, "confirm": true}),
    )
    .await
    .unwrap();
    let mut now = dump_all(&db).await;
    now.retain(|t| !t.starts_with("fellows:") && !t.starts_with("users:"));
    let differing: Vec<&String> = now.iter().filter(|t| !again_before.contains(t)).collect();
    // Only the tables erasure touches for the alumnus may differ.
    for t in &differing {
        let table = t.split(':').next().unwrap();
        assert!(
            [
                "fellow_status_history",
                "feedback_nominations",
                "feedback_responses",
                "outcome_values",
                "mentoring_sessions",
                "learning_set_presentations",
                "learning_set_actions",
                "follow_up_consents",
                // An erased alumnus's responses are counted apart (migration 28).
                "follow_up_tallies",
            ]
            .contains(&table),
            "{table} differs from the copy"
        );
    }
}
