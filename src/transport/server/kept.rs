//! Sessions kept in the programme's database, so that every server process on it shares them and
//! a restart signs nobody out. A row holds a hash of the session id (the id itself, the cookie,
//! is never stored) and the session's kept state (ids and times). Each write names the version
//! it read, so two processes changing one session cannot silently undo each other: the later
//! write is dropped (a sign-out elsewhere stays a sign-out).

use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::api::session::Kept;
use crate::db::Db;
use crate::error::Result;

/// A kept session unused this long is forgotten (the idle lock ends its use long before).
pub const FORGET_AFTER_HOURS: i64 = 24;

fn hash(id: &str) -> String {
    data_encoding::HEXLOWER.encode(&Sha256::digest(id.as_bytes()))
}

/// What the database holds of a session id.
pub enum Held {
    /// Nothing: an anonymous session, or one forgotten as unused.
    Absent,
    /// It moved to a new id at sign-in: whoever still holds this one is not let in with it.
    Ended,
    /// Its kept state, at this version.
    Kept(i64, Kept),
}

/// An ended id's row holds this instead of a state.
const ENDED: &str = "ended";

/// What is held of session `id`.
pub async fn load(db: &Db, id: &str) -> Result<Held> {
    let row: Option<(i64, String, String)> = crate::db::query_as(
        "SELECT version, state, updated_at FROM server_sessions WHERE id_hash = ?",
    )
    .bind(hash(id))
    .fetch_optional(&db.pool)
    .await?;
    let Some((version, state, updated_at)) = row else {
        return Ok(Held::Absent);
    };
    let fresh = chrono::DateTime::parse_from_rfc3339(&updated_at).is_ok_and(|t| {
        chrono::Utc::now() - t.to_utc() < chrono::Duration::hours(FORGET_AFTER_HOURS)
    });
    if state == ENDED {
        return Ok(Held::Ended);
    }
    // A state this version cannot read is a session it cannot continue.
    Ok(match serde_json::from_str(&state) {
        Ok(k) if fresh => Held::Kept(version, k),
        _ => Held::Ended,
    })
}

/// Writes the kept state of session `id`: a new row when `read` is None, else only if the row
/// is still at version `read`. The new version, or None if another process got there first.
pub async fn save(db: &Db, id: &str, kept: &Kept, read: Option<i64>) -> Result<Option<i64>> {
    let state = serde_json::to_string(kept).map_err(|e| {
        crate::error::ApiError::internal(format!("The session could not be kept: {e}"))
    })?;
    let now = crate::db::now_stamp();
    let done = match read {
        None => crate::db::query(
            "INSERT INTO server_sessions (id_hash, user_id, state, version, updated_at)
             VALUES (?, ?, ?, 1, ?) ON CONFLICT (id_hash) DO NOTHING",
        )
        .bind(hash(id))
        .bind(kept.account())
        .bind(&state)
        .bind(&now)
        .execute(&db.pool)
        .await?
        .rows_affected(),
        Some(v) => crate::db::query(
            "UPDATE server_sessions SET user_id = ?, state = ?, version = version + 1, updated_at = ?
             WHERE id_hash = ? AND version = ?",
        )
        .bind(kept.account())
        .bind(&state)
        .bind(&now)
        .bind(hash(id))
        .bind(v)
        .execute(&db.pool)
        .await?
        .rows_affected(),
    };
    Ok((done == 1).then(|| read.map_or(1, |v| v + 1)))
}

/// Marks session `id` ended (it moved to a new id at sign-in), for every process.
pub async fn end(db: &Db, id: &str) -> Result<()> {
    crate::db::query(
        "INSERT INTO server_sessions (id_hash, user_id, state, version, updated_at)
         VALUES (?, NULL, ?, 1, ?)
         ON CONFLICT (id_hash) DO UPDATE SET user_id = NULL, state = excluded.state,
           version = server_sessions.version + 1, updated_at = excluded.updated_at",
    )
    .bind(hash(id))
    .bind(ENDED)
    .bind(crate::db::now_stamp())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Forgets the kept state of session `id` (signed out: it carries on as an anonymous session).
pub async fn forget(db: &Db, id: &str) -> Result<()> {
    crate::db::query("DELETE FROM server_sessions WHERE id_hash = ?")
        .bind(hash(id))
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Forgets sessions unused for `FORGET_AFTER_HOURS`, and sessions that hold only an organisation
/// sign-in begun by nobody yet known once that has expired (anyone can begin one, so these must
/// not pile up).
pub async fn prune(db: &Db) -> Result<u64> {
    let ago = |d: chrono::Duration| {
        (chrono::Utc::now() - d).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    };
    let pending =
        chrono::Duration::minutes(crate::accounts::org_sign_in::flow::PENDING_MINUTES as i64);
    Ok(crate::db::query(
        "DELETE FROM server_sessions WHERE updated_at < ?
           OR (user_id IS NULL AND state <> ? AND updated_at < ?)",
    )
    .bind(ago(chrono::Duration::hours(FORGET_AFTER_HOURS)))
    .bind(ENDED)
    .bind(ago(pending))
    .execute(&db.pool)
    .await?
    .rows_affected())
}

/// The key CSRF tokens are derived with: made by the first process to ask, then shared.
pub async fn secret(db: &Db) -> Result<[u8; 32]> {
    let mut fresh = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut fresh);
    crate::db::query(
        "INSERT INTO server_secret (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING",
    )
    .bind(data_encoding::BASE64.encode(&fresh))
    .execute(&db.pool)
    .await?;
    let (kept,): (String,) = crate::db::query_as("SELECT secret FROM server_secret WHERE id = 1")
        .fetch_one(&db.pool)
        .await?;
    let bytes = data_encoding::BASE64
        .decode(kept.as_bytes())
        .ok()
        .filter(|b| b.len() == 32)
        .ok_or_else(|| {
            crate::error::ApiError::internal("The server's session key is unreadable.")
        })?;
    let mut key = [0u8; 32];
    key.copy_from_slice(&bytes);
    Ok(key)
}
