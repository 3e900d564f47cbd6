//! The audit trail: every command a signed-in user runs is recorded by the command surface with
//! who ran it, when, what it named (record ids only, never content) and whether it was done or
//! refused; sign-ins too. The table is append-only (triggers refuse change). Faculty read and
//! export it, and reading it is itself recorded.

use chrono::Utc;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use crate::auth::access::require_faculty;
use crate::auth::Actor;
use crate::csv_io::CsvOut;
use crate::db::audit::{stamp, Entry};
use crate::db::Db;
use crate::error::{ApiError, ErrorKind, Result};
use crate::pdf::Document;

/// What kind of access a command is. The command table declares it beside each command, so
/// a new command cannot be recorded under a kind guessed from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    View,
    Change,
    Export,
    SignIn,
    /// Reads only what names no one (reference data, the programme's name, the cohort list):
    /// left out so the trail stays readable.
    Reference,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::View => "view",
            Action::Change => "change",
            Action::Export => "export",
            Action::SignIn => "sign_in",
            Action::Reference => "reference",
        }
    }
}

/// The identifiers a request names: top-level numbers called `id` or `*_id`, and lists of them.
pub fn target_of(args: &Value) -> (String, Option<i64>) {
    let mut out = Map::new();
    if let Value::Object(map) = args {
        for (k, v) in map {
            let is_id = k == "id" || k.ends_with("_id") || k.ends_with("_ids");
            let numeric = v.is_i64() || v.as_array().is_some_and(|a| a.iter().all(Value::is_i64));
            if is_id && numeric {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    let fellow = out.get("fellow_id").and_then(Value::as_i64);
    (Value::Object(out).to_string(), fellow)
}

fn outcome_of(result: &std::result::Result<(), &ApiError>) -> &'static str {
    match result {
        Ok(()) => "done",
        Err(e)
            if matches!(
                e.kind,
                ErrorKind::Forbidden | ErrorKind::NotFound | ErrorKind::Unauthenticated
            ) =>
        {
            "refused"
        }
        Err(_) => "failed",
    }
}

/// What a request named, taken before the request is read (and consumed).
pub struct Named {
    target: String,
    fellow: Option<i64>,
}

impl Named {
    pub fn of(command: &str, args: &Value) -> Named {
        let (target, mut fellow) = target_of(args);
        // A fellow's profile names the fellow by `id`.
        if fellow.is_none()
            && matches!(
                command,
                "get_fellow" | "save_fellow" | "change_fellow_status"
            )
        {
            fellow = args.get("id").and_then(Value::as_i64);
        }
        Named { target, fellow }
    }
}

/// Records one command. A failure to write the trail is returned, so it is never silent.
pub async fn record(
    db: &Db,
    actor: Option<&Actor>,
    who: &str,
    command: &str,
    action: Action,
    named: Named,
    result: std::result::Result<(), &ApiError>,
) -> Result<()> {
    if action == Action::Reference {
        return Ok(());
    }
    let Named { target, fellow } = named;
    let signs_in = action == Action::SignIn;
    let action = action.as_str();
    let entry = Entry {
        at: stamp(),
        user_id: actor.map(|a| a.user_id),
        user_name: actor.map_or(who, |a| a.name.as_str()).to_owned(),
        command: command.to_owned(),
        action,
        target,
        fellow,
        outcome: match (command, &result) {
            // A wrong password is a refusal, not a failure of the app.
            (_, Err(_)) if signs_in => "refused",
            _ => outcome_of(&result),
        },
    };
    db.audit.write(&db.pool, entry).await
}

/// Records one erasure inside the transaction that makes it (bulk erasure names each person).
pub async fn record_erasure(tx: &mut crate::db::Conn, actor: &Actor, fellow_id: i64) -> Result<()> {
    let Named { target, fellow } = Named::of(
        "erase_fellow",
        &serde_json::json!({ "fellow_id": fellow_id }),
    );
    let entry = Entry {
        at: stamp(),
        user_id: Some(actor.user_id),
        user_name: actor.name.clone(),
        command: "erase_fellow".into(),
        action: Action::Change.as_str(),
        target,
        fellow,
        outcome: "done",
    };
    crate::db::audit::insert_one(tx, &entry).await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AuditFilter {
    pub fellow_id: Option<i64>,
    pub user_id: Option<i64>,
    /// "view", "change", "export" or "sign_in"; empty for all.
    pub action: String,
}

#[derive(Debug, Clone, Serialize, TS, sqlx::FromRow)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub user_id: Option<i64>,
    pub user_name: String,
    pub command: String,
    pub action: String,
    pub target: String,
    pub fellow_id: Option<i64>,
    pub fellow_name: Option<String>,
    pub outcome: String,
}

async fn rows(db: &Db, f: &AuditFilter, limit: i64) -> Result<Vec<AuditEntry>> {
    Ok(crate::db::query_as(
        "SELECT a.id, a.at, a.user_id, a.user_name, a.command, a.action, a.target, a.fellow_id,
         f.name AS fellow_name, a.outcome
         FROM audit_log a LEFT JOIN fellows f ON f.id = a.fellow_id
         WHERE (?1 IS NULL OR a.fellow_id = ?1) AND (?2 IS NULL OR a.user_id = ?2) AND (?3 = '' OR a.action = ?3)
         ORDER BY a.id DESC LIMIT ?4",
    )
    .bind(f.fellow_id)
    .bind(f.user_id)
    .bind(f.action.trim())
    .bind(limit)
    .fetch_all(&db.pool)
    .await?)
}

/// The latest 500 entries matching the filter, newest first (faculty only).
pub async fn list(db: &Db, actor: &Actor, filter: AuditFilter) -> Result<Vec<AuditEntry>> {
    require_faculty(actor)?;
    rows(db, &filter, 500).await
}

/// Every matching entry as CSV (faculty only). A user name is whatever was typed at sign-in,
/// so the CSV writer's neutralising of formulas matters here.
pub async fn export(db: &Db, actor: &Actor, filter: AuditFilter) -> Result<Document> {
    require_faculty(actor)?;
    let all = rows(db, &filter, i64::MAX).await?;
    let mut w = CsvOut::new([
        "id",
        "at",
        "user_id",
        "user_name",
        "command",
        "action",
        "target",
        "fellow_id",
        "fellow_name",
        "outcome",
    ]);
    for e in all {
        w.row([
            e.id.into(),
            e.at.into(),
            e.user_id.into(),
            e.user_name.into(),
            e.command.into(),
            e.action.into(),
            e.target.into(),
            e.fellow_id.into(),
            e.fellow_name.into(),
            e.outcome.into(),
        ]);
    }
    let bytes = w.into_bytes();
    Ok(Document::new(
        format!("audit-trail-{}.csv", Utc::now().date_naive()),
        "text/csv",
        &bytes,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_ids_are_kept() {
        let (target, fellow) = target_of(
            &json!({"fellow_id": 7, "wave_id": 2, "sections": [{"body": "private words"}], "member_ids": [1, 2], "title": "x"}),
        );
        assert_eq!(fellow, Some(7));
        assert!(!target.contains("private") && !target.contains("title"));
        assert!(target.contains("\"member_ids\":[1,2]"));
    }
}
