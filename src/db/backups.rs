//! Scheduled backups: a consistent copy of the database (VACUUM INTO) once a day, in a folder
//! beside it, kept by a retention rule (the newest of each day for two weeks, of each week for
//! two months, of each month for two years); and a preview of what a backup holds, read-only,
//! before anyone restores it. (Copies before migrations are made by `Db::open`.)

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Utc};
use serde::Serialize;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use ts_rs::TS;

use crate::db::Db;
use crate::error::{ApiError, Result};

const PREFIX: &str = "fellowship-backup-";
/// Copies a person asked for (kept 90 days, outside the daily rule).
pub const MANUAL: &str = "fellowship-manual-";
/// The copy taken just before a restore, so that the restore can be undone (kept 90 days).
pub const BEFORE_RESTORE: &str = "fellowship-before-restore-";
const KEPT_APART_DAYS: i64 = 90;
const STAMP: &str = "%Y%m%dT%H%M%SZ";

fn fail(e: impl std::fmt::Display) -> ApiError {
    ApiError::internal(format!("Backup: {e}"))
}

/// The folder backups of the database at `db_path` go to.
pub fn folder(db_path: &Path) -> PathBuf {
    let stem = db_path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("fellowship");
    db_path.with_file_name(format!("{stem}-backups"))
}

/// "daily", "manual" or "before_restore", from the file's name.
pub fn kind(path: &Path) -> &'static str {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with(MANUAL) {
        "manual"
    } else if name.starts_with(BEFORE_RESTORE) {
        "before_restore"
    } else {
        "daily"
    }
}

fn taken_at(path: &Path) -> Option<DateTime<Utc>> {
    let name = path.file_name()?.to_str()?;
    let stamp = [PREFIX, MANUAL, BEFORE_RESTORE]
        .iter()
        .find_map(|p| name.strip_prefix(p))?
        .strip_suffix(".sqlite")?;
    // A second backup within the same second carries "-2", "-3"...
    let stamp = stamp.split('-').next()?;
    NaiveDateTime::parse_from_str(stamp, STAMP)
        .ok()
        .map(|t| t.and_utc())
}

/// The backups in `dir`, newest first.
pub fn list(dir: &Path) -> Vec<(PathBuf, DateTime<Utc>)> {
    let mut out: Vec<(PathBuf, DateTime<Utc>)> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter_map(|p| taken_at(&p).map(|t| (p, t)))
                .collect()
        })
        .unwrap_or_default();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
    out
}

/// Which backups the retention rule lets go: all but the newest of each day for 14 days, of each
/// ISO week for 8 weeks and of each month for 24 months. The newest backup is always kept.
/// Manual copies and copies before a restore stand apart: each is kept for 90 days.
pub fn to_prune(backups: &[(PathBuf, DateTime<Utc>)], now: DateTime<Utc>) -> Vec<PathBuf> {
    let newest = backups.iter().max_by_key(|b| b.1).map(|b| &b.0);
    let mut out: Vec<PathBuf> = backups
        .iter()
        .filter(|(p, at)| {
            kind(p) != "daily" && Some(p) != newest && now - *at > Duration::days(KEPT_APART_DAYS)
        })
        .map(|(p, _)| p.clone())
        .collect();
    let daily: Vec<(PathBuf, DateTime<Utc>)> = backups
        .iter()
        .filter(|(p, _)| kind(p) == "daily")
        .cloned()
        .collect();
    out.extend(daily_to_prune(&daily, now));
    out
}

fn daily_to_prune(backups: &[(PathBuf, DateTime<Utc>)], now: DateTime<Utc>) -> Vec<PathBuf> {
    let mut sorted: Vec<&(PathBuf, DateTime<Utc>)> = backups.iter().collect();
    sorted.sort_by_key(|b| std::cmp::Reverse(b.1));
    let mut keep: Vec<&PathBuf> = vec![];
    let mut seen: std::collections::HashSet<(u8, i32, u32)> = std::collections::HashSet::new();
    for (i, (path, at)) in sorted.iter().enumerate() {
        let age = now - *at;
        let day = (0u8, at.year(), at.ordinal());
        let week = (1u8, at.iso_week().year(), at.iso_week().week());
        let month = (2u8, at.year(), at.month());
        let mut kept = i == 0;
        for (slot, limit) in [
            (day, Duration::days(14)),
            (week, Duration::weeks(8)),
            (month, Duration::days(730)),
        ] {
            if age <= limit && seen.insert(slot) {
                kept = true;
            }
        }
        if kept {
            keep.push(path);
        }
    }
    sorted
        .iter()
        .map(|(p, _)| p)
        .filter(|p| !keep.contains(p))
        .cloned()
        .collect()
}

/// Makes a daily backup now, then applies the retention rule. Returns the new file.
pub async fn backup_now(db: &Db, dir: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    backup_as(db, dir, now, PREFIX).await
}

/// Makes a backup of the kind `prefix` names, then applies the retention rule.
pub async fn backup_as(db: &Db, dir: &Path, now: DateTime<Utc>, prefix: &str) -> Result<PathBuf> {
    crate::db::needs_sqlite("Backing up from the app")?;
    std::fs::create_dir_all(dir).map_err(fail)?;
    let stamp = now.format(STAMP).to_string();
    let path = (1..)
        .map(|n| match n {
            1 => dir.join(format!("{prefix}{stamp}.sqlite")),
            n => dir.join(format!("{prefix}{stamp}-{n}.sqlite")),
        })
        .find(|p| !p.exists())
        .unwrap_or_default();
    crate::db::query("VACUUM INTO ?")
        .bind(path.to_string_lossy().to_string())
        .execute(&db.pool)
        .await?;
    for old in to_prune(&list(dir), now) {
        std::fs::remove_file(&old).map_err(fail)?;
    }
    Ok(path)
}

/// The daily backup: made when the newest is a day old or there is none.
pub async fn scheduled(db: &Db, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
    let dir = folder(&db.path);
    let due = list(&dir)
        .first()
        .is_none_or(|(_, at)| now - *at >= Duration::hours(24));
    if due {
        Ok(Some(backup_now(db, &dir, now).await?))
    } else {
        Ok(None)
    }
}

#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct TableCount {
    pub table: String,
    pub rows: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupPreview {
    pub file_name: String,
    pub taken_at: Option<String>,
    pub size_bytes: i64,
    pub integrity: String,
    pub counts: Vec<TableCount>,
}

/// What the main records number in a database file, read without changing it. An encrypted
/// file needs the programme's key (backups are encrypted with the database's own).
pub async fn preview(path: &Path, key: Option<&str>) -> Result<BackupPreview> {
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let options = match key {
        Some(k) if crate::db::encryption::is_encrypted(path) => {
            options.pragma("key", format!("\"{k}\""))
        }
        _ => options,
    };
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .map_err(|e| {
            ApiError::field(
                "file",
                format!("This file is not a Fellowship database: {e}"),
            )
        })?;
    // A backup is an SQLite file whatever engine the programme runs on: sqlx's own SQLite calls.
    let (integrity,): (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await?;
    let mut counts = vec![];
    for table in [
        "cohorts",
        "host_organisations",
        "fellows",
        "challenges",
        "reflections",
        "mentoring_sessions",
        "learning_set_sessions",
        "feedback_responses",
        "outcome_responses",
        "users",
    ] {
        let rows: Option<(i64,)> = sqlx::query_as(&format!("SELECT count(*) FROM {table}"))
            .fetch_optional(&pool)
            .await
            .ok()
            .flatten();
        if let Some((rows,)) = rows {
            counts.push(TableCount {
                table: table.into(),
                rows,
            });
        }
    }
    pool.close().await;
    Ok(BackupPreview {
        file_name: path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_owned(),
        taken_at: taken_at(path).map(|t| t.to_rfc3339()),
        size_bytes: std::fs::metadata(path).map(|m| m.len() as i64).unwrap_or(0),
        integrity,
        counts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn retention_keeps_the_newest_of_each_day_week_and_month() {
        let now = at("2026-11-26T12:00:00Z");
        // Two backups a day for 60 days, then one a month for three years before that.
        let mut backups = vec![];
        for d in 0..60 {
            for h in [1, 13] {
                let t = now - Duration::days(d) - Duration::hours(h);
                backups.push((
                    PathBuf::from(format!("{PREFIX}{}.sqlite", t.format(STAMP))),
                    t,
                ));
            }
        }
        for m in 3..40 {
            let t = now - Duration::days(30 * m);
            backups.push((
                PathBuf::from(format!("{PREFIX}{}.sqlite", t.format(STAMP))),
                t,
            ));
        }
        let gone = to_prune(&backups, now);
        let kept: Vec<&(PathBuf, DateTime<Utc>)> =
            backups.iter().filter(|b| !gone.contains(&b.0)).collect();
        // One a day for the last 14 days (15 calendar days touched), then weekly, then monthly.
        let recent = kept
            .iter()
            .filter(|b| now - b.1 <= Duration::days(14))
            .count();
        assert!((14..=16).contains(&recent), "{recent}");
        assert!(
            kept.iter().all(|b| now - b.1 <= Duration::days(731)),
            "nothing older than two years"
        );
        assert!(kept.len() < 60, "{}", kept.len());
        // The newest is always kept, and a lone old backup is not thrown away.
        assert!(!gone.contains(&backups[0].0));
        let lone = vec![(PathBuf::from("old"), now - Duration::days(2000))];
        assert!(to_prune(&lone, now).is_empty());
    }

    #[test]
    fn manual_copies_and_copies_before_a_restore_stand_apart_for_ninety_days() {
        let now = at("2026-11-26T12:00:00Z");
        let named = |prefix: &str, t: DateTime<Utc>, n: &str| {
            (
                PathBuf::from(format!("{prefix}{}{n}.sqlite", t.format(STAMP))),
                t,
            )
        };
        let backups = vec![
            named(PREFIX, now, ""),
            named(PREFIX, now - Duration::hours(1), ""),
            named(MANUAL, now - Duration::hours(2), ""),
            named(BEFORE_RESTORE, now - Duration::hours(2), "-2"),
            named(MANUAL, now - Duration::days(91), ""),
        ];
        let gone = to_prune(&backups, now);
        // The older daily copy of the day goes; same-day manual and safety copies stay.
        assert_eq!(gone, vec![backups[4].0.clone(), backups[1].0.clone()]);
        assert_eq!(kind(&backups[3].0), "before_restore");
        assert_eq!(taken_at(&backups[3].0), Some(now - Duration::hours(2)));
    }

    #[test]
    fn backup_names_read_back_as_times() {
        let t = at("2026-11-26T15:04:05Z");
        let p = PathBuf::from(format!("/x/{PREFIX}{}.sqlite", t.format(STAMP)));
        assert_eq!(taken_at(&p), Some(t));
        assert_eq!(taken_at(Path::new("/x/other.sqlite")), None);
    }
}
