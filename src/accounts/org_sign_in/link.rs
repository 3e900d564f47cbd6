//! Who an identity from the provider may be. Found by issuer and subject once linked; linked the
//! first time only to an account faculty made or invited with the same address. Anyone else is
//! refused with a sentence to ask the programme office: nobody makes an account by signing in.

use super::flow::Verified;
use crate::auth::Actor;
use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Result};

/// Whether the account has an identity at `issuer`.
pub async fn is_linked(db: &Db, user_id: i64, issuer: &str) -> Result<bool> {
    let (n,): (i64,) = crate::db::query_as(
        "SELECT count(*) FROM user_identities WHERE user_id = ? AND issuer = ?",
    )
    .bind(user_id)
    .bind(issuer)
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}

/// The account `who` opens, linking it the first time.
pub async fn account_for(db: &Db, who: &Verified) -> Result<Actor> {
    let linked: Option<(i64,)> =
        crate::db::query_as("SELECT user_id FROM user_identities WHERE issuer = ? AND subject = ?")
            .bind(&who.issuer)
            .bind(&who.subject)
            .fetch_optional(&db.pool)
            .await?;
    let user_id = match linked {
        Some((id,)) => id,
        None => link(db, who).await?,
    };
    crate::auth::ensure_enabled(db, user_id).await?;
    crate::db::query(
        "UPDATE user_identities SET last_used_at = ? WHERE issuer = ? AND subject = ?",
    )
    .bind(now_stamp())
    .bind(&who.issuer)
    .bind(&who.subject)
    .execute(&db.pool)
    .await?;
    crate::auth::record_visit(db, user_id).await?;
    crate::auth::actor_by_id(db, user_id).await
}

async fn link(db: &Db, who: &Verified) -> Result<i64> {
    let Some(email) = who
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    else {
        return Err(ApiError::signed_out(
            "Your organisation account did not give Fellowship a verified email address, so it cannot tell which account is yours. Ask the programme office.",
        ));
    };
    let mut tx = db.begin().await?;
    let user: Option<(i64,)> =
        crate::db::query_as("SELECT id FROM users WHERE lower(email) = lower(?)")
            .bind(email)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((user_id,)) = user else {
        return Err(ApiError::signed_out(format!(
            "There is no Fellowship account for {email}. Ask the programme office to invite you, then sign in again."
        )));
    };
    let (other,): (i64,) = crate::db::query_as(
        "SELECT count(*) FROM user_identities WHERE user_id = ? AND issuer = ?",
    )
    .bind(user_id)
    .bind(&who.issuer)
    .fetch_one(&mut *tx)
    .await?;
    if other > 0 {
        // The address now belongs to someone else at the provider: the account stays with the
        // identity it was linked to.
        return Err(ApiError::signed_out(format!(
            "The Fellowship account for {email} is linked to a different organisation account. Ask the programme office."
        )));
    }
    crate::db::query(
        "INSERT INTO user_identities (user_id, issuer, subject, linked_at) VALUES (?, ?, ?, ?)",
    )
    .bind(user_id)
    .bind(&who.issuer)
    .bind(&who.subject)
    .bind(now_stamp())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(user_id)
}

/// Forgets an account's identities (faculty, when someone's organisation account changed).
pub async fn unlink(
    db: &Db,
    actor: &Actor,
    user_id: i64,
) -> Result<Vec<crate::accounts::users::UserSummary>> {
    crate::auth::access::require_faculty(actor)?;
    crate::db::query("DELETE FROM user_identities WHERE user_id = ?")
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    crate::accounts::users::list_users(db, actor).await
}
