//! A round's progress for faculty, a page of fellows at a time: what each has done, whether
//! their report would stand, and which raters holding a code are still to respond. A national
//! scheme's cohort has thousands of fellows, so only the page's fellows are read, in name order
//! from an index; the page's size does not change with the cohort's.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sqlx::Row;
use ts_rs::TS;

use super::anonymity::{self, RaterGroup, RuleFailure};
use super::rounds::{load, Round};
use crate::auth::access::require_faculty;
use crate::auth::Actor;
use crate::db::paging::page_of;
use crate::db::Db;
use crate::error::Result;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct RoundPageInput {
    pub id: i64,
    /// Counting from 1; a page past the last gives the last.
    pub page: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct GroupProgress {
    pub group: RaterGroup,
    pub nominated: i64,
    pub responses: i64,
    pub minimum: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct FellowProgress {
    pub fellow_id: i64,
    pub fellow_name: String,
    pub self_submitted: bool,
    pub groups: Vec<GroupProgress>,
    /// The rules the fellow's report would fail if the round closed now.
    pub failing: Vec<RuleFailure>,
    /// After closing: where the fellow's report has got to.
    pub report: Option<ReportState>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ReportState {
    pub reviewed: bool,
    pub released: bool,
    pub shared_with_host: bool,
}

/// Someone who has an invitation and has not responded; who has responded is never listed.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Reminder {
    pub fellow_id: i64,
    pub fellow_name: String,
    pub rater_name: String,
    pub rater_email: String,
    pub group: RaterGroup,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RoundProgress {
    pub round: Round,
    /// The fellows on this page, in name order.
    pub fellows: Vec<FellowProgress>,
    /// The cohort's fellows in the round (active, interrupted or completed).
    pub total: i64,
    /// The page given, which may be nearer than the one asked for.
    pub page: i64,
    pub page_size: i64,
    /// Raters holding a code for a fellow on this page who have not responded.
    pub reminders: Vec<Reminder>,
    /// Raters holding a code who have not responded, in the whole round.
    pub waiting: i64,
}

/// The fellows in a round's cohort, a page of them in name order (`fellows_cohort_name`).
const PAGE: &str = "WITH page AS (
    SELECT id, name FROM fellows
    WHERE cohort_id = ?2 AND status IN ('active', 'interrupted', 'completed')
    ORDER BY lower(name), id LIMIT ?3 OFFSET ?4)";

/// Raters holding a code who have not responded, in the whole round
/// (`feedback_nominations_waiting` holds only them).
const WAITING: &str = "SELECT count(*) FROM feedback_nominations
    WHERE round_id = ? AND responded = 0 AND lookup IS NOT NULL";

/// Raters to remind for the fellows on the page.
fn reminders_sql() -> String {
    format!(
        "{PAGE}
         SELECT f.id, f.name, n.rater_name, n.rater_email, n.rater_group FROM page f
         JOIN feedback_nominations n ON n.round_id = ?1 AND n.fellow_id = f.id
         WHERE n.responded = 0 AND n.lookup IS NOT NULL
         ORDER BY lower(f.name), f.id, n.rater_name"
    )
}

fn progress_sql() -> String {
    let counts = RaterGroup::ALL
        .iter()
        .map(|g| {
            format!(
                "count(*) FILTER (WHERE rater_group = '{0}') AS g_{0}",
                g.code()
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let columns = |table: &str| {
        RaterGroup::ALL
            .iter()
            .map(|g| format!("coalesce({table}.g_{}, 0)", g.code()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let of_page = "round_id = ?1 AND fellow_id IN (SELECT id FROM page) GROUP BY fellow_id";
    format!(
        "{PAGE}
         SELECT f.id, f.name,
           EXISTS (SELECT 1 FROM feedback_self_submissions s WHERE s.round_id = ?1 AND s.fellow_id = f.id),
           {}, {},
           rep.fellow_id IS NOT NULL, rep.reviewed_at IS NOT NULL, rep.released_at IS NOT NULL,
           rep.shared_with_host_at IS NOT NULL
         FROM page f
         LEFT JOIN (SELECT fellow_id, {counts} FROM feedback_nominations WHERE {of_page}) n
           ON n.fellow_id = f.id
         LEFT JOIN (SELECT fellow_id, {counts} FROM feedback_responses WHERE {of_page}) r
           ON r.fellow_id = f.id
         LEFT JOIN feedback_reports rep ON rep.round_id = ?1 AND rep.fellow_id = f.id
         ORDER BY lower(f.name), f.id",
        columns("n"),
        columns("r"),
    )
}

/// One page of a round's progress. Raters to remind are those of the page's fellows, with how
/// many are waiting in the whole round.
pub async fn progress(db: &Db, actor: &Actor, input: RoundPageInput) -> Result<RoundProgress> {
    require_faculty(actor)?;
    let round = load(db, input.id).await?;
    let rules = round.rules();
    let (total,): (i64,) = crate::db::query_as(
        "SELECT count(*) FROM fellows
         WHERE cohort_id = ? AND status IN ('active', 'interrupted', 'completed')",
    )
    .bind(round.cohort_id)
    .fetch_one(&db.pool)
    .await?;
    let (page, skip) = page_of(input.page, total);
    let size = crate::db::paging::PAGE_SIZE;
    let rows = crate::db::query(&progress_sql())
        .bind(round.id)
        .bind(round.cohort_id)
        .bind(size)
        .bind(skip)
        .fetch_all(&db.pool)
        .await?;
    let groups = RaterGroup::ALL.len();
    let mut fellows = Vec::with_capacity(rows.len());
    for row in rows {
        let self_done: bool = row.try_get(2)?;
        let nominated = |i: usize| row.try_get::<i64, _>(3 + i);
        let responded = |i: usize| row.try_get::<i64, _>(3 + groups + i);
        let mut counts = BTreeMap::new();
        let mut progress = Vec::with_capacity(groups);
        for (i, g) in RaterGroup::ALL.iter().enumerate() {
            let responses = responded(i)?;
            if responses > 0 {
                counts.insert(*g, u32::try_from(responses).unwrap_or(u32::MAX));
            }
            progress.push(GroupProgress {
                group: *g,
                nominated: nominated(i)?,
                responses,
                minimum: i64::from(rules.minimum(*g)),
            });
        }
        let at = 3 + 2 * groups;
        let report = row
            .try_get::<bool, _>(at)?
            .then(|| -> Result<ReportState> {
                Ok(ReportState {
                    reviewed: row.try_get(at + 1)?,
                    released: row.try_get(at + 2)?,
                    shared_with_host: row.try_get(at + 3)?,
                })
            })
            .transpose()?;
        fellows.push(FellowProgress {
            fellow_id: row.try_get(0)?,
            fellow_name: row.try_get(1)?,
            self_submitted: self_done,
            groups: progress,
            failing: anonymity::validity_of_counts(&rules, self_done, &counts),
            report,
        });
    }
    let reminders: Vec<(i64, String, String, String, String)> =
        crate::db::query_as(&reminders_sql())
            .bind(round.id)
            .bind(round.cohort_id)
            .bind(size)
            .bind(skip)
            .fetch_all(&db.pool)
            .await?;
    let (waiting,): (i64,) = crate::db::query_as(WAITING)
        .bind(round.id)
        .fetch_one(&db.pool)
        .await?;
    Ok(RoundProgress {
        round,
        fellows,
        total,
        page,
        page_size: size,
        reminders: reminders
            .into_iter()
            .map(|(fellow_id, fellow_name, rater_name, rater_email, g)| {
                Ok(Reminder {
                    fellow_id,
                    fellow_name,
                    rater_name,
                    rater_email,
                    group: RaterGroup::stored(&g)?,
                })
            })
            .collect::<Result<_>>()?,
        waiting,
    })
}

/// Each statement reads the page's fellows from the cohort's name-order index and their
/// raters by round and fellow, and the waiting raters from the index that holds only them: none
/// reads a whole round's nominations.
#[cfg(all(test, not(feature = "postgres")))]
#[tokio::test]
async fn a_page_reads_only_its_fellows_and_the_waiting_raters() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("plan.sqlite")).await.unwrap();
    let plan = crate::db::query_plan::steps;
    let waiting = plan(&db, WAITING).await;
    assert!(
        waiting
            .iter()
            .any(|p| p.contains("INDEX feedback_nominations_waiting (round_id=?)")),
        "{waiting:?}"
    );
    for sql in [progress_sql(), reminders_sql()] {
        let steps = plan(&db, &sql).await;
        assert!(
            steps
                .iter()
                .any(|p| p.starts_with("SEARCH fellows USING INDEX fellows_cohort_name")),
            "{steps:?}"
        );
        // Nominations by round and fellow, or the round's waiting ones alone.
        let nominations = |p: &&String| {
            p.contains("feedback_nominations")
                && (p.contains("(round_id=? AND fellow_id=?)")
                    || p.contains("INDEX feedback_nominations_waiting"))
        };
        assert!(steps.iter().any(|p| nominations(&p)), "{steps:?}");
        assert!(
            !steps.iter().any(|p| p.starts_with("SCAN feedback_")),
            "{steps:?}"
        );
    }
}
