//! Faculty issue a one-time password reset link for an account, shown to them and sent by email
//! when email is on. Taking the link up is `auth::passwords::reset`.

use chrono::{Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::access::require_faculty;
use crate::auth::passwords::RESET_HOURS;
use crate::auth::{self, Actor};
use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Result};

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ResetRequest {
    pub user_id: i64,
}

/// A reset link as made: its token is in this answer and nowhere else.
#[derive(Debug, Clone, Serialize, TS)]
pub struct IssuedReset {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub token: String,
    pub expires_at: String,
    /// The link also went by email (email is on).
    pub emailed: bool,
}

/// Faculty make a one-time reset link for an account; an earlier unused one stops working.
pub async fn make_reset(db: &Db, actor: &Actor, input: ResetRequest) -> Result<IssuedReset> {
    require_faculty(actor)?;
    let user = auth::actor_by_id(db, input.user_id)
        .await
        .map_err(|_| ApiError::field("user_id", "That account does not exist."))?;
    let token = auth::new_token();
    let expires_at = (Utc::now() + Duration::hours(RESET_HOURS)).to_rfc3339();
    let mut tx = db.begin().await?;
    crate::db::query("DELETE FROM password_resets WHERE user_id = ? AND used_at IS NULL")
        .bind(user.user_id)
        .execute(&mut *tx)
        .await?;
    crate::db::query(
        "INSERT INTO password_resets (token_hash, user_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(auth::token_hash(&token))
    .bind(user.user_id)
    .bind(actor.user_id)
    .bind(now_stamp())
    .bind(&expires_at)
    .execute(&mut *tx)
    .await?;
    let emailed = crate::mail::messages::password_reset(
        &mut tx,
        user.user_id,
        user.fellow_id(),
        &user.name,
        &user.email,
        &token,
        &expires_at,
    )
    .await?
        != crate::mail::Queued::No;
    tx.commit().await?;
    Ok(IssuedReset {
        user_id: user.user_id,
        name: user.name,
        email: user.email,
        token,
        expires_at,
        emailed,
    })
}
