//! Backups: a scheduled copy is made once a day, previews what it holds without changing it, and
//! restoring it (putting the file back in place) gives back exactly the data it was taken from.

mod common;

use chrono::{Duration, Utc};
use common::*;
use fellowship::backups;
use fellowship::{fellows, Db};

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
    let p = backups::preview(&first).await.unwrap();
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
        backups::preview(&second)
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
    assert!(backups::preview(&junk).await.is_err());
}
