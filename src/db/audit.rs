//! The audit trail's writer: rows go to the append-only `audit_log` table in group commits.
//! What a row says (who, which command, what it named) is worked out in `privacy::audit`.

use chrono::Utc;

use crate::error::{ApiError, Result};

pub(crate) struct Entry {
    pub(crate) at: String,
    pub(crate) user_id: Option<i64>,
    pub(crate) user_name: String,
    pub(crate) command: String,
    pub(crate) action: &'static str,
    pub(crate) target: String,
    pub(crate) fellow: Option<i64>,
    pub(crate) outcome: &'static str,
}

type Waiter = tokio::sync::oneshot::Sender<std::result::Result<(), ApiError>>;

/// Group commit for the trail. Each call waits until its row is durable, but rows that arrive
/// while a commit is under way go together in the next one, so many users at once share one
/// disk flush instead of queueing for one each.
#[derive(Default)]
pub struct AuditQueue {
    pending: std::sync::Mutex<Vec<(Entry, Waiter)>>,
    writer: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for AuditQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditQueue")
    }
}

impl AuditQueue {
    pub(crate) async fn write(&self, pool: &crate::db::Pool, entry: Entry) -> Result<()> {
        let (tx, mut rx) = tokio::sync::oneshot::channel();
        self.pending
            .lock()
            .map_err(|_| ApiError::internal("The audit trail's queue was poisoned."))?
            .push((entry, tx));
        let _writer = self.writer.lock().await;
        // Another caller may have committed this row while we waited for the writer's turn.
        if let Ok(done) = rx.try_recv() {
            return done;
        }
        let batch = std::mem::take(
            &mut *self
                .pending
                .lock()
                .map_err(|_| ApiError::internal("The audit trail's queue was poisoned."))?,
        );
        let (entries, waiters): (Vec<Entry>, Vec<Waiter>) = batch.into_iter().unzip();
        let written = insert(pool, &entries).await;
        for w in waiters {
            let _ = w.send(written.clone());
        }
        rx.await
            .unwrap_or_else(|_| Err(ApiError::internal("The audit trail lost a row.")))
    }
}

async fn insert(pool: &crate::db::Pool, entries: &[Entry]) -> std::result::Result<(), ApiError> {
    let mut tx = crate::db::begin_on(pool).await?;
    for e in entries {
        insert_one(&mut tx, e).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn insert_one(conn: &mut crate::db::Conn, e: &Entry) -> Result<()> {
    crate::db::query(
        "INSERT INTO audit_log (at, user_id, user_name, command, action, target, fellow_id, outcome)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&e.at)
    .bind(e.user_id)
    .bind(&e.user_name)
    .bind(&e.command)
    .bind(e.action)
    .bind(&e.target)
    .bind(e.fellow)
    .bind(e.outcome)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(crate) fn stamp() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
