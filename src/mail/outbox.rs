//! The outbox as faculty see it (what is queued, sent, or failed and why; retry), and the
//! worker's claims on it. A claim is a lease: a worker that dies mid-send leaves the message to
//! be claimed again when the lease runs out, so it is never lost.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Kind;
use crate::auth::access::require_faculty;
use crate::auth::Actor;
use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Result};

/// After this many tries a message is failed, for faculty to look at.
pub const MAX_ATTEMPTS: i64 = 8;

#[derive(Debug, Clone, Serialize, TS)]
pub struct OutboxMessage {
    pub id: i64,
    pub kind: Kind,
    pub kind_label: String,
    pub to: String,
    pub subject: String,
    /// held (for a weekly digest), queued, sending, sent, failed, digested or dropped.
    pub state: String,
    pub attempts: i64,
    pub created_at: String,
    pub next_attempt_at: Option<String>,
    pub sent_at: Option<String>,
    /// The server's reason, for a message that has not gone yet or failed.
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct OutboxFilter {
    /// Empty for all; otherwise one state.
    pub state: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Outbox {
    pub messages: Vec<OutboxMessage>,
    pub queued: i64,
    pub sent: i64,
    pub failed: i64,
    pub held: i64,
    pub email_on: bool,
}

type Row = (
    i64,
    String,
    String,
    String,
    String,
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
);

/// The latest 500 messages of the filter, newest first, with counts by state.
pub async fn list(db: &Db, actor: &Actor, filter: OutboxFilter) -> Result<Outbox> {
    require_faculty(actor)?;
    let state = filter.state.trim();
    let rows: Vec<Row> = crate::db::query_as(
        "SELECT id, kind, to_address, subject, state, attempts, created_at, next_attempt_at, sent_at, last_error
         FROM outbox WHERE (? = '' OR state = ?) ORDER BY id DESC LIMIT 500",
    )
    .bind(state)
    .bind(state)
    .fetch_all(&db.pool)
    .await?;
    let counts: Vec<(String, i64)> =
        crate::db::query_as("SELECT state, count(*) FROM outbox GROUP BY state")
            .fetch_all(&db.pool)
            .await?;
    let count = |s: &str| {
        counts
            .iter()
            .filter(|(k, _)| k == s || (s == "queued" && k == "sending"))
            .map(|(_, n)| n)
            .sum()
    };
    let mut conn = db.pool.acquire().await?;
    let email_on = super::settings::active(&mut conn).await?.is_some();
    Ok(Outbox {
        messages: rows
            .into_iter()
            .map(
                |(
                    id,
                    kind,
                    to,
                    subject,
                    state,
                    attempts,
                    created_at,
                    next,
                    sent_at,
                    last_error,
                )| {
                    let kind = Kind::stored(&kind)?;
                    Ok(OutboxMessage {
                        id,
                        kind,
                        kind_label: kind.label().into(),
                        to,
                        subject,
                        next_attempt_at: (state == "queued").then_some(next),
                        state,
                        attempts,
                        created_at,
                        sent_at,
                        last_error,
                    })
                },
            )
            .collect::<Result<_>>()?,
        queued: count("queued"),
        sent: count("sent"),
        failed: count("failed"),
        held: count("held"),
        email_on,
    })
}

/// Puts a failed message back in the queue, to go at once.
pub async fn retry(db: &Db, actor: &Actor, id: i64) -> Result<Outbox> {
    require_faculty(actor)?;
    let done = crate::db::query(
        "UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = ?, lease_until = NULL
         WHERE id = ? AND state = 'failed'",
    )
    .bind(now_stamp())
    .bind(id)
    .execute(&db.pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::conflict(
            "id",
            "Only a failed message can be tried again.",
        ));
    }
    list(
        db,
        actor,
        OutboxFilter {
            state: String::new(),
        },
    )
    .await
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A message claimed for sending.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    pub attempts: i64,
    pub mail: super::smtp::Outgoing,
}

/// Claims the next message due (queued and due, or sending with its lease run out).
pub async fn claim(db: &Db, now: DateTime<Utc>, lease: Duration) -> Result<Option<Claimed>> {
    let now_s = stamp(now);
    let mut tx = db.begin().await?;
    let row: Option<(i64, String, String, String, String, String, i64)> = crate::db::query_as(
        "SELECT id, message_key, to_address, subject, body_text, body_html, attempts FROM outbox
         WHERE (state = 'queued' AND next_attempt_at <= ?) OR (state = 'sending' AND lease_until <= ?)
         ORDER BY next_attempt_at, id LIMIT 1",
    )
    .bind(&now_s)
    .bind(&now_s)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id, key, to, subject, text, html, attempts)) = row else {
        return Ok(None);
    };
    // The same condition again: of two workers that chose the same row, one wins.
    let won = crate::db::query(
        "UPDATE outbox SET state = 'sending', lease_until = ?, attempts = attempts + 1
         WHERE id = ? AND ((state = 'queued' AND next_attempt_at <= ?) OR (state = 'sending' AND lease_until <= ?))",
    )
    .bind(stamp(now + lease))
    .bind(id)
    .bind(&now_s)
    .bind(&now_s)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    if won.rows_affected() == 0 {
        return Ok(None);
    }
    Ok(Some(Claimed {
        id,
        attempts: attempts + 1,
        mail: super::smtp::Outgoing {
            key,
            to,
            subject,
            text,
            html,
        },
    }))
}

/// Once sent, only the record of it stays (to whom, what kind, when): its body may hold a code
/// or one-time link, and nobody reads a sent body in the app.
pub async fn mark_sent(db: &Db, id: i64) -> Result<()> {
    crate::db::query(
        "UPDATE outbox SET state = 'sent', sent_at = ?, lease_until = NULL, last_error = NULL,
            body_text = '', body_html = '' WHERE id = ?",
    )
    .bind(now_stamp())
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Sent, digested and dropped messages are kept this long, as a record, then deleted.
pub const KEEP_DAYS: i64 = 90;

pub async fn purge_old(conn: &mut crate::db::Conn, now: DateTime<Utc>) -> Result<u64> {
    Ok(crate::db::query(
        "DELETE FROM outbox WHERE state IN ('sent', 'digested', 'dropped') AND created_at < ?",
    )
    .bind(stamp(now - Duration::days(KEEP_DAYS)))
    .execute(&mut *conn)
    .await?
    .rows_affected())
}

/// Waits between tries: 1, 2, 5, 15 and 30 minutes, then hourly, then every four hours.
pub fn backoff(attempts: i64) -> Duration {
    let minutes = match attempts {
        ..=1 => 1,
        2 => 2,
        3 => 5,
        4 => 15,
        5 => 30,
        6 => 60,
        _ => 240,
    };
    Duration::minutes(minutes)
}

/// A try that did not work: tried again later, or failed for good.
pub async fn mark_not_sent(
    db: &Db,
    claimed: &Claimed,
    reason: &str,
    permanent: bool,
    now: DateTime<Utc>,
) -> Result<bool> {
    let failed = permanent || claimed.attempts >= MAX_ATTEMPTS;
    crate::db::query(
        "UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = ?, lease_until = NULL WHERE id = ?",
    )
    .bind(if failed { "failed" } else { "queued" })
    .bind(reason)
    .bind(stamp(now + backoff(claimed.attempts)))
    .bind(claimed.id)
    .execute(&db.pool)
    .await?;
    Ok(failed)
}
