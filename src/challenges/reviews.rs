//! Host review of a challenge: comments on progress, and the formal mid-year and end-of-year
//! reviews the host sponsor signs. A signed version is locked (in the core and by database
//! triggers); later changes become a new version, so what was signed stays as signed.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{get, require_edit, rights, ChallengeDetail};
use crate::auth::Actor;
use crate::codes::code_enum;
use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Checks, Result};
use crate::validate::required;

code_enum! {
    ReviewKind {
        MidYear = "mid_year": "Mid-year review",
        EndOfYear = "end_of_year": "End-of-year review",
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Comment {
    pub author: Option<String>,
    pub body: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Review {
    pub id: i64,
    pub kind: ReviewKind,
    pub version: i64,
    /// The progress summary put to the host for this review.
    pub summary: String,
    /// The sponsor's statement, once signed.
    pub statement: String,
    pub signed_name: Option<String>,
    pub signed_at: Option<String>,
    /// Signed versions cannot change.
    pub locked: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CommentInput {
    pub challenge_id: i64,
    pub body: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReviewDraftInput {
    pub challenge_id: i64,
    pub kind: String,
    pub summary: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SignReviewInput {
    pub challenge_id: i64,
    pub review_id: i64,
    pub statement: String,
    /// The signer types their name to sign.
    pub signed_name: String,
}

pub(crate) async fn comments(db: &Db, challenge_id: i64) -> Result<Vec<Comment>> {
    let rows: Vec<(Option<String>, String, String)> = crate::db::query_as(
        "SELECT u.name, c.body, c.created_at FROM challenge_comments c LEFT JOIN users u ON u.id = c.author
         WHERE c.challenge_id = ? ORDER BY c.id DESC",
    )
    .bind(challenge_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(author, body, created_at)| Comment {
            author,
            body,
            created_at,
        })
        .collect())
}

pub(crate) async fn list(db: &Db, challenge_id: i64) -> Result<Vec<Review>> {
    type R = (
        i64,
        String,
        i64,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<R> = crate::db::query_as(
        "SELECT id, kind, version, summary, statement, signed_name, signed_at FROM reviews
         WHERE challenge_id = ? ORDER BY kind DESC, version DESC",
    )
    .bind(challenge_id)
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter()
        .map(
            |(id, kind, version, summary, statement, signed_name, signed_at)| {
                Ok(Review {
                    id,
                    kind: ReviewKind::stored(&kind)?,
                    version,
                    summary,
                    statement,
                    locked: signed_at.is_some(),
                    signed_name,
                    signed_at,
                })
            },
        )
        .collect::<Result<_>>()
}

pub async fn add_comment(db: &Db, actor: &Actor, input: CommentInput) -> Result<ChallengeDetail> {
    if !rights(db, actor, input.challenge_id).await?.comment {
        return Err(ApiError::forbidden(
            "Only faculty and the host organisation can comment on progress.",
        ));
    }
    let mut c = Checks::new();
    required(&mut c, "body", &input.body, "Write your comment.");
    c.finish()?;
    crate::db::query("INSERT INTO challenge_comments (challenge_id, author, body, created_at) VALUES (?, ?, ?, ?)")
        .bind(input.challenge_id)
        .bind(actor.user_id)
        .bind(input.body.trim())
        .bind(now_stamp())
        .execute(&db.pool)
        .await?;
    get(db, actor, input.challenge_id).await
}

/// Writes the summary for a review. Changing a signed review starts a new version.
pub async fn save_draft(
    db: &Db,
    actor: &Actor,
    input: ReviewDraftInput,
) -> Result<ChallengeDetail> {
    require_edit(db, actor, input.challenge_id).await?;
    let mut c = Checks::new();
    let kind = ReviewKind::parse(&input.kind);
    if kind.is_none() {
        c.fail("kind", "Choose the mid-year or end-of-year review.");
    }
    required(
        &mut c,
        "summary",
        &input.summary,
        "Summarise progress for the host to review.",
    );
    c.finish()?;
    let kind = kind.unwrap_or(ReviewKind::MidYear);
    let mut tx = db.begin().await?;
    let latest: Option<(i64, i64, Option<String>)> = crate::db::query_as(
        "SELECT id, version, signed_at FROM reviews WHERE challenge_id = ? AND kind = ? ORDER BY version DESC LIMIT 1",
    )
    .bind(input.challenge_id)
    .bind(kind.code())
    .fetch_optional(&mut *tx)
    .await?;
    match latest {
        Some((id, _, None)) => {
            crate::db::query("UPDATE reviews SET summary = ? WHERE id = ?")
                .bind(input.summary.trim())
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        other => {
            let version = other.map(|(_, v, _)| v + 1).unwrap_or(1);
            let review_id = crate::db::query_scalar::<i64>("INSERT INTO reviews (challenge_id, kind, version, summary, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")
                .bind(input.challenge_id)
                .bind(kind.code())
                .bind(version)
                .bind(input.summary.trim())
                .bind(now_stamp())
                .fetch_one(&mut *tx)
                .await?;
            // A new version waits for the sponsor: they are told once, not at every edit.
            let label = kind.label().to_lowercase();
            crate::mail::messages::review_awaiting(&mut tx, review_id, input.challenge_id, &label)
                .await?;
        }
    }
    tx.commit().await?;
    get(db, actor, input.challenge_id).await
}

/// Names compared as people type them: case and runs of spaces do not matter.
fn same_name(typed: &str, account: &str) -> bool {
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    fold(typed) == fold(account)
}

/// The host sponsor signs the latest unsigned version of a review, with a statement.
pub async fn sign(db: &Db, actor: &Actor, input: SignReviewInput) -> Result<ChallengeDetail> {
    if !rights(db, actor, input.challenge_id).await?.sign {
        return Err(ApiError::forbidden(
            "Only the host organisation's sponsor can sign this review.",
        ));
    }
    let mut c = Checks::new();
    required(
        &mut c,
        "statement",
        &input.statement,
        "Write the sponsor's statement.",
    );
    // The signature is the signed-in account's: the sponsor confirms it by typing the account's
    // name, so "Demo Sponsor" cannot sign for "Demo host sponsor".
    if input.signed_name.trim().is_empty() {
        c.fail(
            "signed_name",
            format!("Type your name, {}, to sign.", actor.name),
        );
    } else if !same_name(&input.signed_name, &actor.name) {
        c.fail(
            "signed_name",
            format!(
                "Type your name as it is on your account, {}, to sign.",
                actor.name
            ),
        );
    }
    c.finish()?;
    let mut tx = db.begin().await?;
    // Only the latest version can be unsigned: a new version starts only once the last is signed.
    let row: Option<(Option<String>, String)> = crate::db::query_as(
        "SELECT signed_at, kind FROM reviews WHERE id = ? AND challenge_id = ?",
    )
    .bind(input.review_id)
    .bind(input.challenge_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((signed_at, kind)) = row else {
        return Err(ApiError::not_found("That review does not exist."));
    };
    if signed_at.is_some() {
        return Err(ApiError::conflict(
            "statement",
            "This review is already signed and locked.",
        ));
    }
    crate::db::query("UPDATE reviews SET statement = ?, signed_by = ?, signed_name = ?, signed_at = ? WHERE id = ?")
        .bind(input.statement.trim())
        .bind(actor.user_id)
        .bind(actor.name.trim())
        .bind(now_stamp())
        .bind(input.review_id)
        .execute(&mut *tx)
        .await?;
    let label = ReviewKind::parse(&kind)
        .map(|k| k.label().to_lowercase())
        .unwrap_or_else(|| "review".into());
    crate::mail::messages::review_signed(
        &mut tx,
        input.review_id,
        input.challenge_id,
        &label,
        actor.name.trim(),
    )
    .await?;
    tx.commit().await?;
    get(db, actor, input.challenge_id).await
}
