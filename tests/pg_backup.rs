//! PostgreSQL operations: a programme backed up with `pg_dump` and restored with `pg_restore`
//! into a fresh database opens as it was and answers every screen the same. (SQLite's own
//! backups are tested in `backups.rs`.)
#![cfg(feature = "postgres")]

use crate::common;

use std::process::Command;

use crate::common::*;
use fellowship::demo::DemoSize;
use fellowship::outcomes::dashboard::{self, DashboardInput};
use fellowship::{programme::cohorts, programme::fellows, Db};

async fn answers(db: &Db, actor: &fellowship::auth::Actor) -> serde_json::Value {
    let fellows = fellows::list(db, actor, fellows::FellowFilter::default())
        .await
        .unwrap();
    let cohorts = cohorts::list(db, actor).await.unwrap();
    let shared = dashboard::dashboard(
        db,
        actor,
        DashboardInput {
            cohort_id: None,
            for_sharing: true,
        },
    )
    .await
    .unwrap();
    let (audit,): (i64,) = fellowship::db::query_as("SELECT count(*) FROM audit_log")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    serde_json::json!({"fellows": fellows, "cohorts": cohorts, "dashboard": shared, "audit": audit})
}

fn run(program: &str, args: &[&str]) {
    let out = Command::new(program).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pg_dump_restored_into_a_fresh_database_answers_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (db, faculty) = demo_programme(dir.path(), DemoSize::standard()).await;
    let before = answers(&db, &faculty).await;
    let source = db.path.to_string_lossy().to_string();
    let dump = dir.path().join("programme.dump");
    run(
        "pg_dump",
        &[
            "--format=custom",
            "--file",
            dump.to_str().unwrap(),
            "--dbname",
            &source,
        ],
    );
    db.close().await;

    // A new, empty database (fresh_path makes one without migrating it).
    let target = common::store::fresh_path(dir.path(), "restored")
        .await
        .to_string_lossy()
        .to_string();
    run(
        "pg_restore",
        &[
            "--no-owner",
            "--exit-on-error",
            "--dbname",
            &target,
            dump.to_str().unwrap(),
        ],
    );
    let restored = Db::open(std::path::Path::new(&target)).await.unwrap();
    let (applied,): (i64,) = fellowship::db::query_as("SELECT count(*) FROM _sqlx_migrations")
        .fetch_one(&restored.pool)
        .await
        .unwrap();
    assert_eq!(applied as usize, fellowship::db::MIGRATOR.iter().count());
    let faculty = fellowship::auth::sign_in(&restored, &fellowship::demo::faculty_sign_in())
        .await
        .expect("the same accounts sign in");
    let after = answers(&restored, &faculty).await;
    // The sign-in just now adds to the trail; everything else is as it was.
    assert_eq!(after["fellows"], before["fellows"]);
    assert_eq!(after["cohorts"], before["cohorts"]);
    assert_eq!(after["dashboard"], before["dashboard"]);
    assert!(after["audit"].as_i64() >= before["audit"].as_i64());
    // It takes new work: the identity sequences were restored past the copied rows.
    let cohort = cohorts::save(
        &restored,
        &faculty,
        cohort_input("After the restore", "2030-09-01", "2031-08-31"),
    )
    .await
    .expect("a new cohort after the restore");
    let highest = before["cohorts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .max()
        .unwrap();
    assert!(cohort.id > highest);
}
