//! The faculty's cohort board: every challenge in a cohort with its status, overdue actions,
//! last update and measure signals.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::measures::{self, board_page_ids, PageAt};
use super::spc::Verdict;
use super::ChallengeStatus;
use crate::auth::access::require_faculty;
use crate::auth::Actor;
use crate::db::Db;
use crate::error::Result;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct BoardInput {
    pub cohort_id: i64,
    /// Counting from 1; a page past the last gives the last.
    pub page: i64,
}

/// Challenges on one page of the board.
pub const PAGE_SIZE: i64 = crate::db::paging::PAGE_SIZE;

#[derive(Debug, Clone, Serialize, TS)]
pub struct BoardPage {
    pub rows: Vec<BoardRow>,
    /// Every challenge in the cohort, on all pages.
    pub total: i64,
    /// The page given, which may be nearer than the one asked for.
    pub page: i64,
    pub page_size: i64,
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

/// Open and overdue actions of each challenge on the page (see `board_page_ids`), as on day ?4.
const ACTION_COUNTS: &str = concat!(
    "SELECT a.challenge_id,
        count(*) FILTER (WHERE a.status <> 'done' AND a.due_date < ?4),
        count(*) FILTER (WHERE a.status <> 'done')
    FROM actions a WHERE a.challenge_id IN (",
    board_page_ids!(),
    ") GROUP BY a.challenge_id"
);

/// The latest action note of each challenge on the page.
const LATEST_NOTES: &str = concat!(
    "SELECT a.challenge_id, max(n.created_at) FROM action_notes n
    JOIN actions a ON a.id = n.action_id WHERE a.challenge_id IN (",
    board_page_ids!(),
    ") GROUP BY a.challenge_id"
);

const TOTAL: &str = "SELECT count(*) FROM challenges c JOIN fellows f ON f.id = c.fellow_id
    WHERE f.cohort_id = ?";

/// One page of a cohort's challenges by fellow's name, with how many there are in all, in a
/// fixed number of queries whatever the cohort's size: the count, the page's challenges, their
/// actions' counts, their latest notes, and their measures with values and changes. A cohort of
/// 4,000 works out the signals of 50 challenges, not of 4,000.
pub async fn cohort_board(db: &Db, actor: &Actor, input: BoardInput) -> Result<BoardPage> {
    require_faculty(actor)?;
    let today = chrono::Utc::now().date_naive();
    let (total,): (i64,) = crate::db::query_as(TOTAL)
        .bind(input.cohort_id)
        .fetch_one(&db.pool)
        .await?;
    let (page, offset) = crate::db::paging::page_of(input.page, total);
    let at = PageAt {
        cohort_id: input.cohort_id,
        limit: PAGE_SIZE,
        offset,
    };
    let challenges = super::board_page(db, at).await?;
    let counts: HashMap<i64, (i64, i64)> = at
        .bind(crate::db::query_as::<(i64, i64, i64)>(ACTION_COUNTS))
        .bind(today)
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|(id, overdue, open)| (id, (overdue, open)))
        .collect();
    let notes: HashMap<i64, String> = at
        .bind(crate::db::query_as::<(i64, Option<String>)>(LATEST_NOTES))
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .filter_map(|(id, at)| Some((id, at?)))
        .collect();
    let mut measures = measures::list_for_board(db, at).await?;
    let rows = challenges
        .into_iter()
        .map(|c| {
            let (overdue, open) = counts.get(&c.id).copied().unwrap_or((0, 0));
            let ms = measures.remove(&c.id).unwrap_or_default();
            let note = notes.get(&c.id).cloned();
            BoardRow {
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
            }
        })
        .collect();
    Ok(BoardPage {
        rows,
        total,
        page,
        page_size: PAGE_SIZE,
    })
}

/// The board's queries must use indexes, not read whole tables, as programmes grow: SQLite's
/// query plan for each is checked for a full scan of a large table.
#[cfg(all(test, not(feature = "postgres")))]
mod plans {
    use crate::db::Db;

    pub(crate) async fn full_scans(db: &Db, sql: &str, large: &[&str]) -> Vec<String> {
        crate::db::query_plan::steps(db, sql)
            .await
            .into_iter()
            .filter(|d| {
                large
                    .iter()
                    .any(|t| d.starts_with(&format!("SCAN {t}")) && !d.contains("INDEX"))
            })
            .collect()
    }

    #[tokio::test]
    async fn the_boards_queries_read_through_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("plan.sqlite")).await.unwrap();
        let large = [
            "a",
            "n",
            "c",
            "f",
            "m",
            "v",
            "x",
            "actions",
            "action_notes",
            "measure_values",
            "measure_changes",
            "measures",
            "challenges",
            "fellows",
        ];
        for sql in [
            super::TOTAL,
            super::ACTION_COUNTS,
            super::LATEST_NOTES,
            crate::challenges::measures::PAGE_MEASURES,
            crate::challenges::measures::PAGE_VALUES,
            crate::challenges::measures::PAGE_CHANGES,
        ] {
            assert_eq!(
                full_scans(&db, sql, &large).await,
                Vec::<String>::new(),
                "{sql}"
            );
        }
    }
}
