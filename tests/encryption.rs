//! Encryption at rest: the database is encrypted in place with a passphrase, nothing readable is
//! left in the file or in its backups, it opens only with the right passphrase, and everything
//! (backups, preview, restore) goes on working.
// SQLite files only: on PostgreSQL these are the database server's own tools.
#![cfg(not(feature = "postgres"))]

use crate::common::*;
use fellowship::db::encryption::{self, is_encrypted};
use fellowship::{db::backups, programme::fellows, Db, ErrorKind};

const PASSPHRASE: &str = "river otter lantern 42";

async fn names(db: &Db) -> Vec<String> {
    sqlx::query_as::<_, (String,)>("SELECT name FROM fellows ORDER BY id")
        .fetch_all(&db.pool)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.0)
        .collect()
}

fn holds(path: &std::path::Path, text: &str) -> bool {
    let bytes = std::fs::read(path).unwrap();
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

#[tokio::test]
async fn a_programme_encrypted_in_place_opens_only_with_its_passphrase() {
    let w = world().await;
    let t = two_hosts(&w).await;
    let db = w.db().clone();
    let path = db.path.clone();
    backups::scheduled(&db, chrono::Utc::now()).await.unwrap();
    let before = names(&db).await;
    let someone = before[0].clone();
    assert!(holds(
        &backups::list(&backups::folder(&path))[0].0,
        &someone
    ));

    // A weak or mistyped passphrase is refused beside its field, and nothing changes.
    let e = encryption::encrypt(&db, "short", "short")
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("passphrase"));
    let e = encryption::encrypt(&db, PASSPHRASE, "river otter lantern 43")
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("passphrase_confirm"));
    assert!(!is_encrypted(&path));

    let db = encryption::encrypt(&db, PASSPHRASE, PASSPHRASE)
        .await
        .unwrap();
    assert!(is_encrypted(&path));
    assert_eq!(names(&db).await, before);
    // Neither the file nor any backup beside it holds a readable name any more.
    db.close().await;
    assert!(!holds(&path, &someone));
    let copies = backups::list(&backups::folder(&path));
    assert_eq!(
        copies.len(),
        1,
        "plain backups are replaced by one encrypted copy"
    );
    assert!(is_encrypted(&copies[0].0));
    assert!(!holds(&copies[0].0, &someone));

    // Without the passphrase, or with a wrong one: a clear refusal naming the passphrase field.
    let e = Db::open(&path).await.unwrap_err();
    assert_eq!(
        (e.kind, e.field.as_deref()),
        (ErrorKind::Validation, Some("passphrase"))
    );
    let e = Db::unlock(&path, "river otter lantern 41")
        .await
        .unwrap_err();
    assert_eq!(e.message, "That passphrase does not open this database.");

    // With it, everything works: reads, writes, backups and their preview.
    let db = Db::unlock(&path, PASSPHRASE).await.unwrap();
    assert_eq!(names(&db).await, before);
    // Pages are decrypted as they are read, never mapped from the file.
    let mmap: (i64,) = fellowship::db::query_as("PRAGMA mmap_size")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(mmap.0, 0);
    // ...and each connection keeps more of them than SQLite's 2 MB (a national scheme's list of
    // fellows decrypted the same pages again and again).
    let cache: (i64,) = fellowship::db::query_as("PRAGMA cache_size")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert!(cache.0 <= -8192, "cache_size {}", cache.0);
    fellows::save(
        &db,
        &t.faculty,
        fellow_input("Cal Later", "3333333", t.cohort, Some(t.host_a)),
    )
    .await
    .unwrap();
    let copy = backups::backup_now(
        &db,
        &backups::folder(&path),
        chrono::Utc::now() + chrono::Duration::days(1),
    )
    .await
    .unwrap();
    assert!(
        is_encrypted(&copy),
        "a backup of an encrypted database is encrypted"
    );
    assert!(backups::preview(&copy, None).await.is_err());
    let with_key = fellowship::api::restore::preview_with(&db, &copy)
        .await
        .unwrap();
    assert_eq!(with_key.integrity, "ok");
    assert_eq!(
        with_key
            .counts
            .iter()
            .find(|c| c.table == "fellows")
            .unwrap()
            .rows,
        before.len() as i64 + 1
    );
}

#[tokio::test]
async fn the_app_encrypts_its_database_and_asks_for_the_passphrase_at_the_next_start() {
    use fellowship::api::session::{Session, Workspaces};
    use serde_json::json;
    let mut w = world().await;
    let t = two_hosts(&w).await;
    // Only faculty may encrypt.
    w.call("sign_out", json!(null)).await.unwrap();
    w.call(
        "sign_in",
        json!({"email": t.fellow_user_a.email, "password": PASSWORD}),
    )
    .await
    .unwrap();
    let e = w
        .call(
            "encrypt_database",
            json!({"passphrase": PASSPHRASE, "passphrase_confirm": PASSPHRASE}),
        )
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    w.call("sign_out", json!(null)).await.unwrap();
    w.call(
        "sign_in",
        json!({"email": "lead@nhs.net", "password": PASSWORD}),
    )
    .await
    .unwrap();
    let status = w
        .call(
            "encrypt_database",
            json!({"passphrase": PASSPHRASE, "passphrase_confirm": PASSPHRASE}),
        )
        .await
        .unwrap();
    assert_eq!(status["encrypted"], true);
    // Work goes on in the same session, on the encrypted file.
    let fellows = w.call("list_fellows", json!({"search": null, "cohort_id": null, "host_id": null, "status": null, "profession": null})).await;
    assert!(fellows.is_ok(), "{fellows:?}");
    assert!(is_encrypted(&w.db_path()));

    // The next start: locked until the passphrase is given.
    let ws = Workspaces::locked(w.db_path(), None);
    let mut s = Session::default();
    let call = fellowship::api::dispatch;
    let status = call(&ws, &mut s, "app_status", json!(null)).await.unwrap();
    assert_eq!(
        (status["locked"].as_bool(), status["needs_setup"].as_bool()),
        (Some(true), Some(false))
    );
    let e = call(
        &ws,
        &mut s,
        "sign_in",
        json!({"email": "lead@nhs.net", "password": PASSWORD}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("passphrase"));
    let e = call(
        &ws,
        &mut s,
        "unlock",
        json!({"passphrase": "not the passphrase"}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("passphrase"));
    // Guesses are throttled like sign-in: four more are checked, then a wait, even for the right
    // passphrase from the same client; another client is not held up.
    for _ in 0..4 {
        let e = call(
            &ws,
            &mut s,
            "unlock",
            json!({"passphrase": "another guess"}),
        )
        .await
        .unwrap_err();
        assert!(!e.message.starts_with("Too many attempts"), "{}", e.message);
    }
    let e = call(&ws, &mut s, "unlock", json!({"passphrase": PASSPHRASE}))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("passphrase"));
    assert!(e.message.starts_with("Too many attempts"), "{}", e.message);
    let mut s = Session::from_client("the office next door");
    let status = call(&ws, &mut s, "unlock", json!({"passphrase": PASSPHRASE}))
        .await
        .unwrap();
    assert_eq!(
        (status["locked"].as_bool(), status["encrypted"].as_bool()),
        (Some(false), Some(true))
    );
    call(
        &ws,
        &mut s,
        "sign_in",
        json!({"email": "lead@nhs.net", "password": PASSWORD}),
    )
    .await
    .unwrap();
}
