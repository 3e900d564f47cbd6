//! Backups seen from the app: list them, back up now, preview one, and restore it. A restore
//! happens inside the open database, in one transaction, so a crash part-way leaves the data as
//! it was: the backup is first copied and brought up to the current schema, then every table is
//! replaced from it. The audit trail is kept (a restore does not rewrite history), a copy of the
//! data as it stood is taken first, and anyone erased since the backup was made is erased again.

use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::api::NoArgs;
use crate::auth::access::require_faculty;
use crate::auth::Actor;
use crate::db::backups::{self, BackupPreview, TableCount};
use crate::db::Db;
use crate::error::{ApiError, Result};

#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupInfo {
    pub file_name: String,
    /// "daily", "manual" or "before_restore".
    pub kind: String,
    pub taken_at: String,
    pub size_bytes: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct BackupRef {
    pub file_name: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct RestoreInput {
    pub file_name: String,
    /// The user ticked "I understand this replaces the current data".
    pub confirm: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RestoreResult {
    pub restored_from: String,
    /// The copy of the data as it stood before the restore, itself restorable.
    pub safety_copy: String,
    pub counts: Vec<TableCount>,
    pub erasures_reapplied: i64,
}

/// Tables a restore leaves as they are: the schema's own record, the append-only audit trail,
/// short-lived sign-in counters, and the programme's questionnaire key (questionnaires already
/// handed out are sealed to it, whenever the backup was made).
const KEPT: &[&str] = &[
    "_sqlx_migrations",
    "audit_log",
    "sign_in_attempts",
    "questionnaire_keys",
];

fn info(path: &Path, at: chrono::DateTime<Utc>) -> BackupInfo {
    BackupInfo {
        file_name: path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .into(),
        kind: backups::kind(path).into(),
        taken_at: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        size_bytes: std::fs::metadata(path).map_or(0, |m| m.len() as i64),
    }
}

pub async fn list_backups(db: &Db, actor: &Actor, _: NoArgs) -> Result<Vec<BackupInfo>> {
    require_faculty(actor)?;
    Ok(backups::list(&backups::folder(&db.path))
        .iter()
        .map(|(p, at)| info(p, *at))
        .collect())
}

pub async fn make_backup(db: &Db, actor: &Actor, _: NoArgs) -> Result<BackupInfo> {
    require_faculty(actor)?;
    let now = Utc::now();
    let path = backups::backup_as(db, &backups::folder(&db.path), now, backups::MANUAL).await?;
    Ok(info(&path, now))
}

/// Only a backup the folder lists may be named, so no other file can be reached.
fn resolve(db: &Db, file_name: &str) -> Result<PathBuf> {
    backups::list(&backups::folder(&db.path))
        .into_iter()
        .map(|(p, _)| p)
        .find(|p| p.file_name().and_then(|n| n.to_str()) == Some(file_name))
        .ok_or_else(|| ApiError::field("file_name", "There is no backup with that name."))
}

pub async fn preview_backup(db: &Db, actor: &Actor, r: BackupRef) -> Result<BackupPreview> {
    require_faculty(actor)?;
    preview_with(db, &resolve(db, &r.file_name)?).await
}

pub async fn restore_backup(db: &Db, actor: &Actor, input: RestoreInput) -> Result<RestoreResult> {
    require_faculty(actor)?;
    let source = resolve(db, &input.file_name)?;
    if !input.confirm {
        return Err(ApiError::field(
            "confirm",
            "Tick the box to confirm that the restore replaces the current data.",
        ));
    }
    let preview = preview_with(db, &source).await?;
    if preview.integrity != "ok" {
        return Err(ApiError::field(
            "file_name",
            format!(
                "This backup is damaged and cannot be restored ({}).",
                preview.integrity
            ),
        ));
    }
    let folder = backups::folder(&db.path);
    let safety = backups::backup_as(db, &folder, Utc::now(), backups::BEFORE_RESTORE).await?;
    let work = folder.join(format!(
        "restoring-{}.sqlite",
        Utc::now().timestamp_millis()
    ));
    let result = restore_from(db, &source, &work).await;
    // The working copy, and any copy its migration made, are not backups to keep.
    if let Ok(entries) = std::fs::read_dir(&folder) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with("restoring-") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    let erasures_reapplied = result?;
    Ok(RestoreResult {
        restored_from: input.file_name,
        safety_copy: safety
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .into(),
        counts: preview_with(db, &db.path).await?.counts,
        erasures_reapplied,
    })
}

async fn restore_from(db: &Db, source: &Path, work: &Path) -> Result<i64> {
    std::fs::copy(source, work)
        .map_err(|e| ApiError::internal(format!("Could not read the backup: {e}")))?;
    // Bring the copy up to this version's schema, so its tables match column for column.
    let key = if crate::db::encryption::is_encrypted(work) {
        db.key.as_deref().map(str::to_owned)
    } else {
        None
    };
    let copy = Db::open_with_key(work, key.clone()).await?;
    copy.close().await;

    let mut conn = db.pool.acquire().await?;
    // SQLCipher reads KEY '' as "not encrypted".
    crate::db::query("ATTACH DATABASE ? AS b KEY ?")
        .bind(work.to_string_lossy().to_string())
        .bind(key.unwrap_or_default())
        .execute(&mut *conn)
        .await?;
    let outcome = replace_tables(&mut conn).await;
    crate::db::query("DETACH DATABASE b")
        .execute(&mut *conn)
        .await?;
    outcome
}

async fn replace_tables(conn: &mut crate::db::Conn) -> Result<i64> {
    use sqlx::Connection;
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    crate::db::query("PRAGMA defer_foreign_keys = ON")
        .execute(&mut *tx)
        .await?;
    // Triggers that guard records (signed reviews) would refuse the replacement; they are put
    // back, unchanged, in the same transaction. The audit trail's own are never touched.
    let triggers: Vec<(String, String)> = crate::db::query_as(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND tbl_name <> 'audit_log'",
    )
    .fetch_all(&mut *tx)
    .await?;
    for (name, _) in &triggers {
        crate::db::query(&format!("DROP TRIGGER main.\"{name}\""))
            .execute(&mut *tx)
            .await?;
    }
    let tables: Vec<(String,)> = crate::db::query_as(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT LIKE 'reflection_search_%' AND name NOT LIKE 'fellows_search%' ORDER BY name",
    )
    .fetch_all(&mut *tx)
    .await?;
    let tables: Vec<String> = tables
        .into_iter()
        .map(|(t,)| t)
        .filter(|t| !KEPT.contains(&t.as_str()))
        .collect();
    let mut parents = Vec::with_capacity(tables.len());
    for t in &tables {
        let refs: Vec<(String,)> = crate::db::query_as(&format!(
            "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list('{t}')"
        ))
        .fetch_all(&mut *tx)
        .await?;
        parents.push(refs.into_iter().map(|(p,)| p).collect());
    }
    // Children are emptied before their parents, so no ON DELETE action (a cascade, or SET NULL
    // against a CHECK) acts on rows that are about to go anyway.
    let tables = children_first(&tables, &parents);
    for t in &tables {
        crate::db::query(&format!("DELETE FROM main.\"{t}\""))
            .execute(&mut *tx)
            .await?;
    }
    for t in tables.iter().rev() {
        let columns = if t == "reflection_search" {
            "rowid, title, body".to_owned()
        } else {
            let cols: Vec<(String,)> =
                crate::db::query_as(&format!("SELECT name FROM pragma_table_info('{t}')"))
                    .fetch_all(&mut *tx)
                    .await?;
            cols.iter()
                .map(|(c,)| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        crate::db::query(&format!(
            "INSERT INTO main.\"{t}\" ({columns}) SELECT {columns} FROM b.\"{t}\""
        ))
        .execute(&mut *tx)
        .await?;
    }
    for (_, sql) in &triggers {
        crate::db::query(sql).execute(&mut *tx).await?;
    }
    // The fellows' search index holds no text of its own: it is made again from the fellows
    // just copied, before anything below changes them through its triggers.
    crate::db::query("INSERT INTO fellows_search(fellows_search) VALUES ('rebuild')")
        .execute(&mut *tx)
        .await?;
    // Anyone erased after the backup was made is erased again.
    let erased: Vec<(i64, String)> = crate::db::query_as(
        "SELECT f.id, f.email FROM fellows f WHERE f.erased_at IS NULL AND f.id IN
           (SELECT fellow_id FROM audit_log WHERE command = 'erase_fellow' AND outcome = 'done')",
    )
    .fetch_all(&mut *tx)
    .await?;
    for (id, email) in &erased {
        crate::privacy::erasure::anonymise(&mut tx, *id, email).await?;
    }
    if !erased.is_empty() {
        crate::privacy::erasure::merge_search_indexes(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(erased.len() as i64)
}

/// Orders tables so that every table comes before the tables it references.
fn children_first(tables: &[String], parents: &[Vec<String>]) -> Vec<String> {
    let mut left: Vec<usize> = (0..tables.len()).collect();
    let mut out = Vec::with_capacity(tables.len());
    while !left.is_empty() {
        // A table may go once no other remaining table references it.
        let ready: Vec<usize> = left
            .iter()
            .copied()
            .filter(|&i| {
                !left
                    .iter()
                    .any(|&j| j != i && parents[j].iter().any(|p| *p == tables[i]))
            })
            .collect();
        let take = if ready.is_empty() {
            vec![left[0]]
        } else {
            ready
        };
        for i in take {
            out.push(tables[i].clone());
            left.retain(|&j| j != i);
        }
    }
    out
}

/// The preview of a backup file of this database (with its key when encrypted).
pub async fn preview_with(db: &Db, path: &Path) -> Result<BackupPreview> {
    backups::preview(path, db.key.as_deref()).await
}
