//! 360° rounds: faculty open a round for a cohort (baseline or end of year) with its dates and
//! anonymity rules, follow progress, and close it. Closing is final: responses stop and every
//! fellow's report is fixed, so no two versions of a report can be compared to single out a
//! late rater.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::anonymity::{self, RaterGroup, Rules};
use crate::auth::access::{hidden, require_faculty};
use crate::auth::{Actor, Role};
use crate::codes::code_enum;
use crate::db::{now_stamp, Db, Tx};
use crate::error::{ApiError, Checks, Result};
use crate::validate::date;

code_enum! {
    RoundKind {
        Baseline = "baseline": "Baseline (start of year)",
        EndOfYear = "end_of_year": "End of year",
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct RoundInput {
    pub cohort_id: Option<i64>,
    pub kind: String,
    pub opens_on: String,
    pub closes_on: String,
    /// Minimum responses per rater group, as typed, keyed by group code.
    pub minimums: BTreeMap<String, String>,
    pub overall_minimum: String,
    pub groups_required: String,
    pub line_manager_required: bool,
    /// The framework to use; the current default when left out.
    #[serde(default)]
    #[ts(optional)]
    pub framework_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct GroupMinimum {
    pub group: RaterGroup,
    pub minimum: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Round {
    pub id: i64,
    pub cohort_id: i64,
    pub cohort_name: String,
    pub framework_id: i64,
    pub framework_name: String,
    pub kind: RoundKind,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub closed: bool,
    pub minimums: Vec<GroupMinimum>,
    pub overall_minimum: i64,
    pub groups_required: i64,
    pub line_manager_required: bool,
}

const SELECT: &str = "SELECT r.id, r.cohort_id, c.name AS cohort_name, r.framework_id,
    f.name AS framework_name, r.kind, r.opens_on, r.closes_on, r.closed_at, r.min_line_manager,
    r.min_peer, r.min_direct_report, r.min_other, r.min_service_user, r.overall_minimum,
    r.groups_required, r.line_manager_required
    FROM feedback_rounds r JOIN cohorts c ON c.id = r.cohort_id JOIN frameworks f ON f.id = r.framework_id";

/// A round as stored, read by `SELECT`.
#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    cohort_id: i64,
    cohort_name: String,
    framework_id: i64,
    framework_name: String,
    kind: String,
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    closed_at: Option<String>,
    min_line_manager: i64,
    min_peer: i64,
    min_direct_report: i64,
    min_other: i64,
    min_service_user: i64,
    overall_minimum: i64,
    groups_required: i64,
    line_manager_required: bool,
}

fn from_row(r: Row) -> Result<Round> {
    // In the order of RaterGroup::ALL.
    let mins = [
        r.min_line_manager,
        r.min_peer,
        r.min_direct_report,
        r.min_other,
        r.min_service_user,
    ];
    Ok(Round {
        id: r.id,
        cohort_id: r.cohort_id,
        cohort_name: r.cohort_name,
        framework_id: r.framework_id,
        framework_name: r.framework_name,
        kind: RoundKind::stored(&r.kind)?,
        opens_on: r.opens_on,
        closes_on: r.closes_on,
        closed: r.closed_at.is_some(),
        minimums: RaterGroup::ALL
            .iter()
            .zip(mins)
            .map(|(g, m)| GroupMinimum {
                group: *g,
                minimum: m,
            })
            .collect(),
        overall_minimum: r.overall_minimum,
        groups_required: r.groups_required,
        line_manager_required: r.line_manager_required,
    })
}

impl Round {
    pub fn rules(&self) -> Rules {
        Rules {
            group_minimum: self
                .minimums
                .iter()
                .map(|m| (m.group, m.minimum as u32))
                .collect(),
            overall_minimum: self.overall_minimum as u32,
            groups_required: self.groups_required as u32,
            line_manager_required: self.line_manager_required,
        }
    }
}

/// A round by id, for any signed-in caller whose rights are checked by the caller.
pub async fn load(db: &Db, id: i64) -> Result<Round> {
    let row: Option<Row> = crate::db::query_as(&format!("{SELECT} WHERE r.id = ?"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    from_row(row.ok_or_else(hidden)?)
}

/// Faculty see every round; a fellow the rounds of their own cohort; nobody else any.
pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<Round>> {
    let (scope, value) = match actor.role() {
        Role::Faculty => ("? IS NULL", None),
        Role::Fellow => (
            "r.cohort_id = (SELECT cohort_id FROM fellows WHERE id = ?)",
            actor.fellow_id(),
        ),
        Role::HostSponsor | Role::Mentor => return Ok(vec![]),
    };
    let rows: Vec<Row> =
        crate::db::query_as(&format!("{SELECT} WHERE {scope} ORDER BY r.opens_on DESC"))
            .bind(value)
            .fetch_all(&db.pool)
            .await?;
    rows.into_iter().map(from_row).collect()
}

fn number(c: &mut Checks, field: &str, value: &str, range: std::ops::RangeInclusive<i64>) -> i64 {
    match value.trim().parse::<i64>() {
        Ok(n) if range.contains(&n) => n,
        _ => {
            c.fail(
                field,
                format!(
                    "Enter a whole number from {} to {}.",
                    range.start(),
                    range.end()
                ),
            );
            0
        }
    }
}

pub async fn open(db: &Db, actor: &Actor, input: RoundInput) -> Result<Round> {
    require_faculty(actor)?;
    let mut c = Checks::new();
    if input.cohort_id.is_none() {
        c.fail("cohort_id", "Choose the cohort.");
    }
    let kind = RoundKind::parse(&input.kind);
    if kind.is_none() {
        c.fail("kind", "Choose baseline or end of year.");
    }
    let opens = date(&mut c, "opens_on", &input.opens_on, "opening date");
    let closes = date(&mut c, "closes_on", &input.closes_on, "closing date");
    if let (Some(o), Some(cl)) = (opens, closes) {
        if cl <= o {
            c.fail(
                "closes_on",
                "The closing date must be after the opening date.",
            );
        }
    }
    let mins: Vec<i64> = RaterGroup::ALL
        .iter()
        .map(|g| {
            let typed = input
                .minimums
                .get(g.code())
                .map(String::as_str)
                .unwrap_or("");
            // A line manager is named, not anonymous; any other group needs three, so that no
            // single rater in it can be picked out.
            let floor = if *g == RaterGroup::LineManager { 1 } else { 3 };
            number(&mut c, &format!("minimums.{}", g.code()), typed, floor..=20)
        })
        .collect();
    let overall = number(&mut c, "overall_minimum", &input.overall_minimum, 1..=50);
    let groups = number(&mut c, "groups_required", &input.groups_required, 1..=5);
    c.finish()?;
    // A replaced version is kept for the records that used it, never offered for a new round.
    let framework: Option<(i64,)> = crate::db::query_as(
        "SELECT id FROM frameworks WHERE replaced_by IS NULL AND (id = ?1 OR (?1 IS NULL AND is_default = TRUE))
         ORDER BY version DESC LIMIT 1",
    )
    .bind(input.framework_id)
    .fetch_optional(&db.pool)
    .await?;
    let (framework,) = framework.ok_or_else(|| {
        ApiError::field(
            "framework_id",
            "Choose a current framework (not one replaced by a newer version).",
        )
    })?;
    let mut tx = db.begin().await?;
    let clash: Option<(i64,)> =
        crate::db::query_as("SELECT id FROM feedback_rounds WHERE cohort_id = ? AND kind = ?")
            .bind(input.cohort_id)
            .bind(kind.map(RoundKind::code))
            .fetch_optional(&mut *tx)
            .await?;
    if clash.is_some() {
        return Err(ApiError::conflict(
            "kind",
            "This cohort already has a round of that kind.",
        ));
    }
    let id = crate::db::query_scalar::<i64>(
        "INSERT INTO feedback_rounds (cohort_id, framework_id, kind, opens_on, closes_on, min_line_manager, min_peer,
         min_direct_report, min_other, min_service_user, overall_minimum, groups_required, line_manager_required, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(input.cohort_id)
    .bind(framework)
    .bind(kind.map(RoundKind::code))
    .bind(opens)
    .bind(closes)
    .bind(mins[0])
    .bind(mins[1])
    .bind(mins[2])
    .bind(mins[3])
    .bind(mins[4])
    .bind(overall)
    .bind(groups)
    .bind(input.line_manager_required)
    .bind(now_stamp())
    .fetch_one(&mut *tx)
    .await
    .map_err(|_| ApiError::field("cohort_id", "That cohort does not exist."))?;
    if let (Some(cohort), Some(opens), Some(closes)) = (input.cohort_id, opens, closes) {
        crate::mail::messages::round_open(&mut tx, id, cohort, opens, closes).await?;
    }
    tx.commit().await?;
    load(db, id).await
}

/// Each fellow's responses: ratings, and importance in the same shape.
pub type Answers = (Vec<anonymity::Response>, Vec<anonymity::Response>);

/// The anonymised responses of one fellow in a round, in the shape the rules work on.
pub async fn responses_for(
    db: &Db,
    round: &Round,
    fellow_id: i64,
) -> Result<(Vec<i64>, Vec<anonymity::Response>, Vec<anonymity::Response>)> {
    let (dims, mut all) = responses_in(db, round, Some(fellow_id)).await?;
    let (rated, importance) = all.remove(&fellow_id).unwrap_or_default();
    Ok((dims, rated, importance))
}

/// One answer to one dimension of one response, as stored.
#[derive(sqlx::FromRow)]
struct Mark {
    response_id: i64,
    dimension_id: i64,
    rating: Option<i64>,
    importance: Option<i64>,
}

/// The responses of a round (and of one fellow in it) and their ratings. Two texts rather than
/// "(? IS NULL OR fellow_id = ?)", which the planner cannot serve from the (round, fellow) index:
/// one fellow's report read the whole round (112 ms at 100 times the large programme, now 3 ms).
fn responses_sql(one_fellow: bool) -> (String, String) {
    let scope = if one_fellow {
        "r.round_id = ? AND r.fellow_id = ?"
    } else {
        "r.round_id = ?"
    };
    (
        format!(
            "SELECT r.id, r.fellow_id, r.rater_group, r.comment FROM feedback_responses r
             WHERE {scope} ORDER BY r.id"
        ),
        format!(
            "SELECT x.response_id, x.dimension_id, x.rating, x.importance
             FROM feedback_response_ratings x JOIN feedback_responses r ON r.id = x.response_id
             WHERE {scope}"
        ),
    )
}

#[cfg(all(test, not(feature = "postgres")))]
#[tokio::test]
async fn one_fellows_responses_are_found_by_round_and_fellow() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("plan.sqlite")).await.unwrap();
    let (responses, ratings) = responses_sql(true);
    for sql in [responses, ratings] {
        let plan = crate::db::query_plan::steps(&db, &sql).await;
        assert!(
            plan.iter()
                .any(|p| p.starts_with("SEARCH r ") && p.contains("(round_id=? AND fellow_id=?)")),
            "{sql}: {plan:?}"
        );
    }
}

/// The dimensions of the round's framework, and every fellow's responses (or one fellow's),
/// read in three queries however many fellows there are.
pub async fn responses_in(
    db: &Db,
    round: &Round,
    fellow: Option<i64>,
) -> Result<(Vec<i64>, std::collections::HashMap<i64, Answers>)> {
    let dims: Vec<(i64,)> = crate::db::query_as(
        "SELECT id FROM framework_dimensions WHERE framework_id = ? ORDER BY position",
    )
    .bind(round.framework_id)
    .fetch_all(&db.pool)
    .await?;
    let dims: Vec<i64> = dims.into_iter().map(|(d,)| d).collect();
    let (responses, ratings) = responses_sql(fellow.is_some());
    let mut q = crate::db::query_as::<(i64, i64, String, String)>(&responses).bind(round.id);
    if let Some(f) = fellow {
        q = q.bind(f);
    }
    let rows = q.fetch_all(&db.pool).await?;
    let mut q = crate::db::query_as::<Mark>(&ratings).bind(round.id);
    if let Some(f) = fellow {
        q = q.bind(f);
    }
    let ratings = q.fetch_all(&db.pool).await?;
    let mut by_response: std::collections::HashMap<i64, Vec<Mark>> =
        std::collections::HashMap::new();
    for mark in ratings {
        by_response.entry(mark.response_id).or_default().push(mark);
    }
    let mut out: std::collections::HashMap<i64, Answers> = std::collections::HashMap::new();
    for (id, fellow_id, group, comment) in rows {
        let group = RaterGroup::stored(&group)?;
        let mine = by_response.get(&id);
        let pick = |importance: bool| -> Vec<Option<u8>> {
            dims.iter()
                .map(|d| {
                    mine.and_then(|m| m.iter().find(|r| r.dimension_id == *d))
                        .and_then(|r| if importance { r.importance } else { r.rating })
                        .and_then(|v| u8::try_from(v).ok())
                })
                .collect()
        };
        let entry = out.entry(fellow_id).or_default();
        entry.0.push(anonymity::Response {
            group,
            ratings: pick(false),
            comment,
        });
        entry.1.push(anonymity::Response {
            group,
            ratings: pick(true),
            comment: String::new(),
        });
    }
    Ok((dims, out))
}

/// The progress page's one row per fellow of the cohort (?2) in the round (?1): name, self-assessment
/// done, then how many raters each group was asked, then how many answered (both in
/// `RaterGroup::ALL`'s order), then whether a report exists and its state. Counts only: progress
/// never needs what anyone said, and one row per fellow keeps a cohort of thousands quick.
/// Makes sure, inside the transaction that adds answers to a round, that the round is still open
/// when they land, not only when they were checked: touching the round's row waits for a close
/// under way (SQLite's one writer; PostgreSQL's row lock) and then finds it closed. A closed
/// round's answers never change, so its cohort figures are kept (`overview`).
pub(crate) async fn claim_open(tx: &mut Tx, round_id: i64, field: &str) -> Result<()> {
    let open = crate::db::query(
        "UPDATE feedback_rounds SET closed_at = NULL WHERE id = ? AND closed_at IS NULL",
    )
    .bind(round_id)
    .execute(&mut **tx)
    .await?;
    if open.rows_affected() == 0 {
        return Err(ApiError::conflict(
            field,
            "This feedback round has closed; answers can no longer be given.",
        ));
    }
    Ok(())
}

/// Closes the round for good and sets up a report for every fellow with anything to report.
pub async fn close(db: &Db, actor: &Actor, round_id: i64) -> Result<Round> {
    require_faculty(actor)?;
    load(db, round_id).await?;
    let mut tx = db.begin().await?;
    let done = crate::db::query(
        "UPDATE feedback_rounds SET closed_at = ? WHERE id = ? AND closed_at IS NULL",
    )
    .bind(now_stamp())
    .bind(round_id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::conflict("round", "This round is already closed."));
    }
    crate::db::query(
        "INSERT INTO feedback_reports (round_id, fellow_id)
         SELECT ?1, fellow_id FROM feedback_self_submissions WHERE round_id = ?1
         UNION SELECT ?1, fellow_id FROM feedback_responses WHERE round_id = ?1",
    )
    .bind(round_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let round = load(db, round_id).await?;
    // The round is closed whatever happens here: figures not kept now are worked out when a
    // report first asks for them.
    if let Err(e) = super::overview::keep_closed_round_figures(db, &round).await {
        tracing::warn!(round = round_id, error = %e.message, "cohort figures not kept at close");
    }
    Ok(round)
}
