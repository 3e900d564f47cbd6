//! Erasure by anonymisation. The fellow's row stays, with its cohort, host, profession and status
//! history, so every count and figure the programme reports stays the same; everything that
//! names or describes the person is removed. Private writing (reflections, private notes) is
//! deleted; numbers (360 ratings, coded follow-up answers, attendance) are kept without a name.
//! The challenge and its signed reviews stay as the host organisation's record of its project.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::access::{hidden, require_faculty};
use crate::auth::Actor;
use crate::db::{now_stamp, Db, Tx};
use crate::error::{ApiError, Result};

#[derive(Debug, Clone, Deserialize, TS)]
pub struct EraseInput {
    pub fellow_id: i64,
    /// The fellow's full name typed again, because erasure cannot be undone.
    pub confirm_name: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ErasedPart {
    pub what: String,
    pub rows: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ErasureReport {
    pub fellow_id: i64,
    pub placeholder: String,
    pub erased_at: String,
    pub parts: Vec<ErasedPart>,
}

/// The placeholder name for an erased fellow (and, with the user id, for their account).
pub fn placeholder(fellow_id: i64) -> String {
    format!("Erased fellow #{fellow_id}")
}

/// The statements erasure runs on a fellow's accounts and row, apart from `STEPS` (their plans
/// are checked with the steps').
const ACCOUNTS: &str = "SELECT id, email FROM users WHERE fellow_id = ?";
const ANONYMISE_ACCOUNT: &str =
    "UPDATE users SET name = ?, email = ?, password_hash = '!erased' WHERE id = ?";
const RENAME_IN_AUDIT: &str = "UPDATE audit_log SET user_name = ? WHERE user_id = ?";
const RENAME_TYPED_IN_AUDIT: &str =
    "UPDATE audit_log SET user_name = ? WHERE user_id IS NULL AND lower(user_name) = ?";
const FORGET_SIGN_IN_ATTEMPTS: &str = "DELETE FROM sign_in_attempts WHERE email = ?";
const ANONYMISE_FELLOW: &str =
    "UPDATE fellows SET name = ?, email = '', registration_number = ?, erased_at = ? WHERE id = ?";
#[cfg(all(test, not(feature = "postgres")))]
pub(super) const ACCOUNT_STATEMENTS: &[&str] = &[
    ACCOUNTS,
    ANONYMISE_ACCOUNT,
    RENAME_IN_AUDIT,
    RENAME_TYPED_IN_AUDIT,
    FORGET_SIGN_IN_ATTEMPTS,
    ANONYMISE_FELLOW,
];

async fn run(tx: &mut crate::db::Conn, sql: &str, id: i64) -> Result<i64> {
    Ok(crate::db::query(sql)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected() as i64)
}

/// Each step: what it does (for the report), and its statement with ?1 = the fellow's id.
pub(super) const STEPS: &[(&str, &str)] = &[
    ("Status history notes cleared", "UPDATE fellow_status_history SET note = '' WHERE fellow_id = ?1 AND note <> ''"),
    ("Invitations deleted", "DELETE FROM invitations WHERE fellow_id = ?1"),
    ("Messages about them deleted", "DELETE FROM outbox WHERE about_fellow_id = ?1 OR to_user_id IN (SELECT id FROM users WHERE fellow_id = ?1)"),
    ("Second step removed", "DELETE FROM second_steps WHERE user_id IN (SELECT id FROM users WHERE fellow_id = ?1)"),
    ("Organisation account unlinked", "DELETE FROM user_identities WHERE user_id IN (SELECT id FROM users WHERE fellow_id = ?1)"),
    ("Recovery codes deleted", "DELETE FROM recovery_codes WHERE user_id IN (SELECT id FROM users WHERE fellow_id = ?1)"),
    ("Calendar addresses deleted", "DELETE FROM calendar_feeds WHERE user_id IN (SELECT id FROM users WHERE fellow_id = ?1)"),
    ("Consent notes cleared", "UPDATE follow_up_consents SET note = '' WHERE fellow_id = ?1 AND note <> ''"),
    ("Reflections deleted from search", "DELETE FROM reflection_search WHERE rowid IN (SELECT id FROM reflections WHERE fellow_id = ?1)"),
    ("Reflection text deleted", "DELETE FROM reflection_sections WHERE reflection_id IN (SELECT id FROM reflections WHERE fellow_id = ?1)"),
    ("Reflection links deleted", "DELETE FROM reflection_dimensions WHERE reflection_id IN (SELECT id FROM reflections WHERE fellow_id = ?1)"),
    ("Reflection shares deleted", "DELETE FROM reflection_shares WHERE reflection_id IN (SELECT id FROM reflections WHERE fellow_id = ?1)"),
    ("Reflections deleted", "DELETE FROM reflections WHERE fellow_id = ?1"),
    ("Private mentoring notes deleted", "DELETE FROM mentoring_private_notes WHERE session_id IN (SELECT s.id FROM mentoring_sessions s JOIN mentoring_relationships m ON m.id = s.relationship_id WHERE m.fellow_id = ?1)"),
    ("Mentoring session notes cleared", "UPDATE mentoring_sessions SET themes = '', agreed_actions = '' WHERE relationship_id IN (SELECT id FROM mentoring_relationships WHERE fellow_id = ?1)"),
    ("Set presentations cleared", "UPDATE learning_set_presentations SET issue = '', feedback = '' WHERE fellow_id = ?1"),
    ("Set actions cleared", "UPDATE learning_set_actions SET body = '(erased)', review_note = '' WHERE presentation_id IN (SELECT id FROM learning_set_presentations WHERE fellow_id = ?1)"),
    // Every round named, so the 360 tables' keys (round, then fellow) find the fellow's rows.
    ("360 raters' names removed", "UPDATE feedback_nominations SET rater_name = '', rater_email = 'erased-' || id WHERE round_id IN (SELECT id FROM feedback_rounds) AND fellow_id = ?1"),
    ("360 comments deleted", "UPDATE feedback_responses SET comment = '' WHERE round_id IN (SELECT id FROM feedback_rounds) AND fellow_id = ?1 AND comment <> ''"),
    ("Free-text follow-up answers deleted", "DELETE FROM outcome_values WHERE response_id IN (SELECT id FROM outcome_responses WHERE fellow_id = ?1) AND measure_id IN (SELECT id FROM outcome_measures WHERE value_type = 'text')"),
];

/// Anonymises one fellow in one transaction. Only faculty may, only for someone no longer in the
/// programme's current year, and only with the name typed again.
pub async fn erase(db: &Db, actor: &Actor, input: EraseInput) -> Result<ErasureReport> {
    require_faculty(actor)?;
    let mut tx = db.begin().await?;
    let row: Option<(String, String, String, Option<String>)> =
        crate::db::query_as("SELECT name, email, status, erased_at FROM fellows WHERE id = ?")
            .bind(input.fellow_id)
            .fetch_optional(&mut *tx)
            .await?;
    let (name, email, status, erased) = row.ok_or_else(hidden)?;
    if erased.is_some() {
        return Err(ApiError::conflict(
            "confirm_name",
            "This fellow's personal data has already been erased.",
        ));
    }
    if matches!(status.as_str(), "active" | "interrupted") {
        return Err(ApiError::conflict(
            "confirm_name",
            "This fellow is still in their fellowship year. Record them as withdrawn or completed first.",
        ));
    }
    if input.confirm_name.trim() != name.trim() {
        return Err(ApiError::field(
            "confirm_name",
            format!("Type the fellow's full name, {name}, to confirm."),
        ));
    }
    let parts = anonymise(&mut tx, input.fellow_id, &email).await?;
    merge_search_indexes(&mut tx).await?;
    let erased_at = erased_stamp(&mut tx, input.fellow_id).await?;
    tx.commit().await?;
    Ok(ErasureReport {
        fellow_id: input.fellow_id,
        placeholder: placeholder(input.fellow_id),
        erased_at,
        parts,
    })
}

/// Removes everything that names or describes fellow `id`, inside the caller's transaction.
/// Also used when a restored backup predates an erasure, so that a restore never brings back
/// someone who was erased.
pub(crate) async fn anonymise(
    tx: &mut crate::db::Conn,
    id: i64,
    email: &str,
) -> Result<Vec<ErasedPart>> {
    let mut parts = Vec::new();
    for (what, sql) in STEPS {
        let rows = run(tx, sql, id).await?;
        if rows > 0 {
            parts.push(ErasedPart {
                what: (*what).into(),
                rows,
            });
        }
    }
    // Their account: it can no longer sign in, and its name and address go.
    let accounts: Vec<(i64, String)> = crate::db::query_as(ACCOUNTS)
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
    let mut emails = vec![email.to_lowercase()];
    for (user_id, user_email) in &accounts {
        emails.push(user_email.to_lowercase());
        crate::db::query(ANONYMISE_ACCOUNT)
            .bind(format!("Erased person #{user_id}"))
            .bind(format!("erased-{user_id}@erased.invalid"))
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        // The one change the audit trail allows: the name shown for an erased person.
        let renamed = crate::db::query(RENAME_IN_AUDIT)
            .bind(format!("Erased person #{user_id}"))
            .bind(user_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        parts.push(ErasedPart {
            what: "Account anonymised; names in the audit trail replaced".into(),
            rows: 1 + renamed as i64,
        });
    }
    for e in &emails {
        if e.is_empty() {
            continue;
        }
        // Failed sign-ins are recorded under the address typed.
        crate::db::query(RENAME_TYPED_IN_AUDIT)
            .bind(format!("Erased person #f{id}"))
            .bind(e)
            .execute(&mut *tx)
            .await?;
        crate::db::query(FORGET_SIGN_IN_ATTEMPTS)
            .bind(e)
            .execute(&mut *tx)
            .await?;
    }
    crate::db::query(ANONYMISE_FELLOW)
        .bind(placeholder(id))
        .bind(format!("erased-{id}"))
        .bind(now_stamp())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    parts.insert(
        0,
        ErasedPart {
            what: "Name, email and registration number removed".into(),
            rows: 1,
        },
    );
    Ok(parts)
}

/// After `anonymise`, once per transaction: FTS5 forgets a deleted value by noting that it is
/// gone and keeps its pieces until a later merge, so both search indexes are merged whole now
/// (with `secure_delete` on, the pages they leave are overwritten). At 40,000 fellows the
/// fellows' index takes about 0.1 s. PostgreSQL's indexes are not FTS5: nothing to merge.
pub(crate) async fn merge_search_indexes(tx: &mut crate::db::Conn) -> Result<()> {
    if cfg!(feature = "postgres") {
        return Ok(());
    }
    for index in ["fellows_search", "reflection_search"] {
        crate::db::query(&format!("INSERT INTO {index}({index}) VALUES ('optimize')"))
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

async fn erased_stamp(tx: &mut Tx, id: i64) -> Result<String> {
    let (at,): (Option<String>,) =
        crate::db::query_as("SELECT erased_at FROM fellows WHERE id = ?")
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
    Ok(at.unwrap_or_default())
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct EraseDueInput {
    /// The same "look ahead" date the review used ("" for today).
    pub on: String,
    /// How many alumni the review listed, typed again to confirm.
    pub confirm_count: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ErasedDue {
    pub erased: i64,
}

/// Anonymises every alumnus the retention rule makes due, in one transaction. Each is written to
/// the audit trail as its own erasure, so that restoring an older backup erases them again.
pub async fn erase_due(db: &Db, actor: &Actor, input: EraseDueInput) -> Result<ErasedDue> {
    require_faculty(actor)?;
    let review = super::retention_review(db, actor, super::TodayInput { on: input.on }).await?;
    let n = review.due.len() as i64;
    if n == 0 {
        return Err(ApiError::field(
            "confirm_count",
            "No alumni are due for anonymisation.",
        ));
    }
    if input.confirm_count != n {
        return Err(ApiError::field(
            "confirm_count",
            format!("Type the number of alumni listed, {n}, to confirm."),
        ));
    }
    let mut tx = db.begin().await?;
    for due in &review.due {
        let (email, erased): (String, Option<String>) =
            crate::db::query_as("SELECT email, erased_at FROM fellows WHERE id = ?")
                .bind(due.fellow_id)
                .fetch_one(&mut *tx)
                .await?;
        if erased.is_some() {
            continue;
        }
        anonymise(&mut tx, due.fellow_id, &email).await?;
        crate::privacy::audit::record_erasure(&mut tx, actor, due.fellow_id).await?;
    }
    merge_search_indexes(&mut tx).await?;
    tx.commit().await?;
    Ok(ErasedDue { erased: n })
}
