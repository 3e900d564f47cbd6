//! The faculty's cohort board: every challenge in a cohort with its status, overdue actions,
//! last update and measure signals.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::spc::Verdict;
use super::{list, measures, ChallengeFilter, ChallengeStatus};
use crate::access::require_faculty;
use crate::auth::Actor;
use crate::db::Db;
use crate::error::Result;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct BoardInput {
    pub cohort_id: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct BoardRow {
    pub challenge_id: i64,
    pub title: String,
    pub fellow_name: String,
    pub host_name: Option<String>,
    pub status: ChallengeStatus,
    pub progress_tenths: Option<i64>,
    pub overdue_actions: i64,
    pub open_actions: i64,
    /// The latest change to the challenge, its actions' notes or its measures' values.
    pub last_update: String,
    pub improvement_signals: i64,
    pub concern_signals: i64,
    /// Measures whose latest point is a special cause, by verdict.
    pub latest_verdicts: Vec<Verdict>,
}

pub async fn cohort_board(db: &Db, actor: &Actor, input: BoardInput) -> Result<Vec<BoardRow>> {
    require_faculty(actor)?;
    let today = chrono::Utc::now().date_naive();
    let mut rows = vec![];
    for c in list(
        db,
        actor,
        ChallengeFilter {
            cohort_id: Some(input.cohort_id),
            fellow_id: None,
        },
    )
    .await?
    {
        let (overdue, open): (i64, i64) = crate::db::query_as(
            "SELECT count(*) FILTER (WHERE status <> 'done' AND due_date < ?), count(*) FILTER (WHERE status <> 'done')
             FROM actions WHERE challenge_id = ?",
        )
        .bind(today)
        .bind(c.id)
        .fetch_one(&db.pool)
        .await?;
        let (note,): (Option<String>,) = crate::db::query_as(
            "SELECT max(n.created_at) FROM action_notes n JOIN actions a ON a.id = n.action_id WHERE a.challenge_id = ?",
        )
        .bind(c.id)
        .fetch_one(&db.pool)
        .await?;
        let ms = measures::list(db, c.id).await?;
        rows.push(BoardRow {
            challenge_id: c.id,
            title: c.title,
            fellow_name: c.fellow_name,
            host_name: c.host_name,
            status: c.status,
            progress_tenths: c.progress_tenths,
            overdue_actions: overdue,
            open_actions: open,
            last_update: note.filter(|n| *n > c.updated_at).unwrap_or(c.updated_at),
            improvement_signals: ms.iter().map(|m| m.improvement_signals).sum(),
            concern_signals: ms.iter().map(|m| m.concern_signals).sum(),
            latest_verdicts: ms.iter().filter_map(|m| m.latest_verdict).collect(),
        });
    }
    Ok(rows)
}
