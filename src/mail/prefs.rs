//! Each person's choice: messages at once, in a weekly digest, or none (except those they must
//! get: invitations, password links, rater invitations).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::Actor;
use crate::codes::{code_enum, CodeOption};
use crate::db::{Conn, Db};
use crate::error::{ApiError, Result};

code_enum! {
    EmailFrequency {
        Now = "now": "Each message as it happens",
        Weekly = "weekly": "One digest a week, on Monday",
        Never = "none": "None (you still get sign-up and password links)",
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct EmailPreference {
    pub frequency: EmailFrequency,
    pub options: Vec<CodeOption>,
    /// Whether the programme sends email at all.
    pub email_on: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct EmailPreferenceInput {
    pub frequency: String,
}

pub async fn frequency_of(conn: &mut Conn, user_id: i64) -> Result<EmailFrequency> {
    let code: Option<String> =
        crate::db::query_scalar("SELECT frequency FROM mail_preferences WHERE user_id = ?")
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?;
    // No row: the default. An unknown code: an error, never a guess.
    Ok(code
        .map(|c| EmailFrequency::stored(&c))
        .transpose()?
        .unwrap_or(EmailFrequency::Now))
}

pub async fn mine(db: &Db, actor: &Actor) -> Result<EmailPreference> {
    let mut conn = db.pool.acquire().await?;
    Ok(EmailPreference {
        frequency: frequency_of(&mut conn, actor.user_id).await?,
        options: EmailFrequency::options(),
        email_on: super::settings::active(&mut conn).await?.is_some(),
    })
}

pub async fn set(db: &Db, actor: &Actor, input: EmailPreferenceInput) -> Result<EmailPreference> {
    let frequency = EmailFrequency::parse(&input.frequency)
        .ok_or_else(|| ApiError::field("frequency", "Choose how often you want messages."))?;
    let mut tx = db.begin().await?;
    crate::db::query("DELETE FROM mail_preferences WHERE user_id = ?")
        .bind(actor.user_id)
        .execute(&mut *tx)
        .await?;
    crate::db::query("INSERT INTO mail_preferences (user_id, frequency) VALUES (?, ?)")
        .bind(actor.user_id)
        .bind(frequency.code())
        .execute(&mut *tx)
        .await?;
    // Messages held for a digest go out at once when someone asks for them so.
    // and are dropped when they ask for none.
    let held_become = match frequency {
        EmailFrequency::Now => Some("queued"),
        EmailFrequency::Never => Some("dropped"),
        EmailFrequency::Weekly => None,
    };
    if let Some(state) = held_become {
        crate::db::query("UPDATE outbox SET state = ? WHERE to_user_id = ? AND state = 'held'")
            .bind(state)
            .bind(actor.user_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    mine(db, actor).await
}
