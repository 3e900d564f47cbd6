//! The worker that empties the outbox: it claims one message at a time (a lease), sends it over
//! one pooled connection, and records what the server said. Started by the desktop app and the
//! programme server for the programme's database (never the demo's); `fellowship mail send`
//! runs it once from the command line.

use std::sync::Arc;

use chrono::{Duration, Utc};

use crate::api::session::Workspaces;
use crate::db::Db;
use crate::error::Result;
use crate::mail::outbox;

/// How long a claim holds: longer than the SMTP timeout, so a slow send is not taken twice.
pub const LEASE_SECONDS: i64 = 120;

/// Messages sent at once (and the SMTP connections kept open for them).
pub use crate::mail::smtp::PARALLEL;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivery {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

/// Sends every message due now; stops when none is left (or email is off).
pub async fn deliver_due(db: &Db, lease: Duration) -> Result<Delivery> {
    let mut done = Delivery::default();
    let Some(smtp) = crate::mail::settings::smtp(db).await? else {
        return Ok(done);
    };
    let transport = match crate::mail::smtp::transport(&smtp) {
        Ok(t) => t,
        Err(_) => return Ok(done),
    };
    loop {
        // A few at once over the pool's connections: each SMTP exchange is mostly waiting.
        let mut batch = vec![];
        while batch.len() < PARALLEL {
            match outbox::claim(db, Utc::now(), lease).await? {
                Some(c) => batch.push(c),
                None => break,
            }
        }
        if batch.is_empty() {
            break;
        }
        let mut sends = tokio::task::JoinSet::new();
        for claimed in batch {
            let (transport, smtp) = (transport.clone(), smtp.clone());
            sends.spawn(async move {
                let result = crate::mail::smtp::send(&transport, &smtp, &claimed.mail).await;
                (claimed, result)
            });
        }
        while let Some(joined) = sends.join_next().await {
            let (claimed, result) = joined
                .map_err(|e| crate::error::ApiError::internal(format!("A send stopped: {e}")))?;
            match result {
                Ok(()) => {
                    outbox::mark_sent(db, claimed.id).await?;
                    done.sent += 1;
                }
                Err(e) => {
                    if outbox::mark_not_sent(db, &claimed, &e.reason, e.permanent, Utc::now())
                        .await?
                    {
                        done.failed += 1;
                    } else {
                        done.retried += 1;
                    }
                }
            }
        }
    }
    Ok(done)
}

/// Runs for as long as the app: plans reminders and digests hourly, delivers every few seconds.
pub fn spawn(ws: Arc<Workspaces>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut planned_at: Option<chrono::DateTime<Utc>> = None;
        loop {
            tick.tick().await;
            let Ok(db) = ws.main() else { continue };
            let now = Utc::now();
            if planned_at.is_none_or(|t| now - t >= Duration::hours(1)) {
                planned_at = Some(now);
                if let Err(e) = crate::today::schedule::plan(&db, now.date_naive()).await {
                    eprintln!("Fellowship could not plan reminders: {}", e.message);
                }
            }
            if let Err(e) = deliver_due(&db, Duration::seconds(LEASE_SECONDS)).await {
                eprintln!("Fellowship could not send email: {}", e.message);
            }
        }
    });
}
