//! The private subscription address of a person's calendar. Its token is shown once, when made;
//! only its SHA-256 is kept. Making a new address ends the old one; revoking ends it outright;
//! a disabled account's address stops answering.

use serde::Serialize;
use ts_rs::TS;

use crate::auth::{self, Actor};
use crate::db::{now_stamp, Db};
use crate::error::Result;

#[derive(Debug, Clone, Serialize, TS)]
pub struct CalendarFeed {
    /// When the current address was made; None when there is none.
    pub created_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct IssuedFeed {
    /// The address's secret part, shown once: the UI puts it after `/calendar/`.
    pub token: String,
    pub created_at: String,
}

pub async fn status(db: &Db, actor: &Actor, _: ()) -> Result<CalendarFeed> {
    let row: Option<(String,)> = crate::db::query_as(
        "SELECT created_at FROM calendar_feeds WHERE user_id = ? AND revoked_at IS NULL",
    )
    .bind(actor.user_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(CalendarFeed {
        created_at: row.map(|(c,)| c),
    })
}

/// Makes the person's address, ending any earlier one, in one transaction.
pub async fn renew(db: &Db, actor: &Actor, _: ()) -> Result<IssuedFeed> {
    let token = auth::new_token();
    let now = now_stamp();
    let mut tx = db.begin().await?;
    crate::db::query(
        "UPDATE calendar_feeds SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
    )
    .bind(&now)
    .bind(actor.user_id)
    .execute(&mut *tx)
    .await?;
    crate::db::query(
        "INSERT INTO calendar_feeds (token_hash, user_id, created_at) VALUES (?, ?, ?)",
    )
    .bind(auth::token_hash(&token))
    .bind(actor.user_id)
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(IssuedFeed {
        token,
        created_at: now,
    })
}

pub async fn revoke(db: &Db, actor: &Actor, _: ()) -> Result<CalendarFeed> {
    crate::db::query(
        "UPDATE calendar_feeds SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
    )
    .bind(now_stamp())
    .bind(actor.user_id)
    .execute(&db.pool)
    .await?;
    Ok(CalendarFeed { created_at: None })
}

/// Whose calendar a token opens: the account of a current address, if it is still enabled.
pub async fn owner(db: &Db, token: &str) -> Result<Option<Actor>> {
    let token = token.trim_end_matches(".ics");
    if token.len() != 43 {
        return Ok(None);
    }
    let row: Option<(i64,)> = crate::db::query_as(
        "SELECT user_id FROM calendar_feeds WHERE token_hash = ? AND revoked_at IS NULL",
    )
    .bind(auth::token_hash(token))
    .fetch_optional(&db.pool)
    .await?;
    let Some((user_id,)) = row else {
        return Ok(None);
    };
    if auth::ensure_enabled(db, user_id).await.is_err() {
        return Ok(None);
    }
    Ok(Some(auth::actor_by_id(db, user_id).await?))
}
