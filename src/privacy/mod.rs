//! Data-subject rights under UK GDPR: consent to alumni follow-up, the retention rule for alumni
//! who have not consented, a fellow's subject-access export and erasure by anonymisation.
//!
//! A domain room: uses the base, `db`, `auth`, `programme`, `mail` and `accounts`, and other
//! domain rooms without a loop (tests/architecture.rs).

pub mod audit;
pub mod erasure;
#[cfg(all(test, not(feature = "postgres")))]
mod plans;
pub mod subject_access;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::access::{hidden, require_faculty};
use crate::auth::{Actor, Role};
use crate::codes::code_enum;
use crate::db::{now_stamp, Db};
use crate::error::{Checks, Result};
use crate::programme::programmes::current_id;
use crate::validate::date;

code_enum! {
    ConsentDecision {
        Given = "given": "Consents to follow-up",
        Declined = "declined": "Declined follow-up",
        Withdrawn = "withdrawn": "Withdrew consent",
    }
}

/// Names one fellow, as `fellow_id` so the audit trail records whose data it was.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct FellowRef {
    pub fellow_id: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ConsentEntry {
    pub decision: ConsentDecision,
    pub decided_on: NaiveDate,
    pub note: String,
    pub recorded_by: Option<String>,
    pub recorded_at: String,
}

/// A fellow's privacy page: consent history (newest first), and whether they were erased.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Privacy {
    pub fellow_id: i64,
    pub current: Option<ConsentDecision>,
    pub history: Vec<ConsentEntry>,
    pub erased_at: Option<String>,
    pub retention_years: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ConsentInput {
    pub fellow_id: i64,
    pub decision: String,
    pub decided_on: String,
    pub note: String,
}

/// Faculty see any fellow's privacy page; a fellow sees their own; hosts see none.
fn may_see(actor: &Actor, fellow_id: i64) -> Result<()> {
    match actor.role() {
        Role::Faculty => Ok(()),
        Role::Fellow if actor.fellow_id() == Some(fellow_id) => Ok(()),
        _ => Err(hidden()),
    }
}

pub(crate) use crate::programme::fellows::erased_at;

pub async fn retention_years(db: &Db) -> Result<i64> {
    let row: Option<(i64,)> =
        crate::db::query_as("SELECT retention_years FROM programmes WHERE id = ?")
            .bind(current_id(db).await?)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.map_or(6, |r| r.0))
}

pub async fn get(db: &Db, actor: &Actor, input: FellowRef) -> Result<Privacy> {
    let fellow_id = input.fellow_id;
    may_see(actor, fellow_id)?;
    let erased_at = erased_at(db, fellow_id).await?;
    let rows: Vec<(String, NaiveDate, String, Option<String>, String)> = crate::db::query_as(
        "SELECT c.decision, c.decided_on, c.note, u.name, c.recorded_at FROM follow_up_consents c
         LEFT JOIN users u ON u.id = c.recorded_by WHERE c.fellow_id = ?
         ORDER BY c.decided_on DESC, c.id DESC",
    )
    .bind(fellow_id)
    .fetch_all(&db.pool)
    .await?;
    let history: Vec<ConsentEntry> = rows
        .into_iter()
        .filter_map(|(d, decided_on, note, recorded_by, recorded_at)| {
            Some(ConsentEntry {
                decision: ConsentDecision::parse(&d)?,
                decided_on,
                note,
                recorded_by,
                recorded_at,
            })
        })
        .collect();
    Ok(Privacy {
        fellow_id,
        current: history.first().map(|e| e.decision),
        history,
        erased_at,
        retention_years: retention_years(db).await?,
    })
}

/// Records a consent decision. Faculty record what a fellow told them; a fellow records their own.
pub async fn record_consent(db: &Db, actor: &Actor, input: ConsentInput) -> Result<Privacy> {
    may_see(actor, input.fellow_id)?;
    if erased_at(db, input.fellow_id).await?.is_some() {
        return Err(crate::error::ApiError::conflict(
            "decision",
            "This fellow's personal data has been erased; no new decision can be recorded.",
        ));
    }
    let mut c = Checks::new();
    let decision = ConsentDecision::parse(input.decision.trim());
    if decision.is_none() {
        c.fail("decision", "Choose the fellow's decision about follow-up.");
    }
    let decided_on = date(
        &mut c,
        "decided_on",
        &input.decided_on,
        "date of the decision",
    );
    if let Some(d) = decided_on {
        if d > chrono::Utc::now().date_naive() {
            c.fail(
                "decided_on",
                "The date of the decision cannot be in the future.",
            );
        }
    }
    if input.note.chars().count() > 2000 {
        c.fail("note", "Keep the note under 2,000 characters.");
    }
    c.finish()?;
    crate::db::query(
        "INSERT INTO follow_up_consents (fellow_id, decision, decided_on, note, recorded_by, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(input.fellow_id)
    .bind(decision.map(ConsentDecision::code))
    .bind(decided_on)
    .bind(input.note.trim())
    .bind(actor.user_id)
    .bind(now_stamp())
    .execute(&db.pool)
    .await?;
    get(
        db,
        actor,
        FellowRef {
            fellow_id: input.fellow_id,
        },
    )
    .await
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct RetentionInput {
    pub retention_years: i64,
}

pub async fn set_retention(db: &Db, actor: &Actor, input: RetentionInput) -> Result<i64> {
    require_faculty(actor)?;
    if !(1..=25).contains(&input.retention_years) {
        return Err(crate::error::ApiError::field(
            "retention_years",
            "Keep alumni records between 1 and 25 years after they leave.",
        ));
    }
    crate::db::query("UPDATE programmes SET retention_years = ? WHERE id = ?")
        .bind(input.retention_years)
        .bind(current_id(db).await?)
        .execute(&db.pool)
        .await?;
    retention_years(db).await
}

/// An alumnus whose identifiable data the retention rule says should now be anonymised.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RetentionDue {
    pub fellow_id: i64,
    pub name: String,
    pub cohort: String,
    pub status: String,
    pub left_on: NaiveDate,
    pub due_on: NaiveDate,
    pub consent: Option<ConsentDecision>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RetentionReview {
    pub retention_years: i64,
    pub today: NaiveDate,
    pub due: Vec<RetentionDue>,
}

/// The date `years` after `d` (29 February falls back to 28 February).
pub fn years_after(d: NaiveDate, years: i64) -> NaiveDate {
    let y = d.year() + years as i32;
    d.with_year(y)
        .or_else(|| NaiveDate::from_ymd_opt(y, d.month(), 28))
        .unwrap_or(d)
}

/// The latest leaving date that is due by `today`: `years_after` never goes backwards, so every
/// earlier date is due too and every later one is not. Lets the database return only the
/// alumni who are due.
pub fn latest_due(today: NaiveDate, years: i64) -> NaiveDate {
    let y = today.year() - years as i32;
    let mut d = today
        .with_year(y)
        .or_else(|| NaiveDate::from_ymd_opt(y, today.month(), 28))
        .unwrap_or(today);
    // 28 February may be followed by a 29th that also falls due on a 28th.
    while let Some(next) = d.succ_opt().filter(|n| years_after(*n, years) <= today) {
        d = next;
    }
    d
}

/// The alumni due for anonymisation when ?1 is the latest leaving date due (`latest_due`): those
/// whose current status (completed or withdrawn) began by then and whose latest follow-up decision
/// is not "given". Both are kept on the fellow row as the history and consents change (migration
/// 27), so this reads one index, not each alumnus's history.
const DUE_WHERE: &str = "f.erased_at IS NULL AND f.status IN ('completed', 'withdrawn')
       AND f.status_since <= ?1 AND (f.follow_up_consent IS NULL OR f.follow_up_consent <> 'given')";

/// How many are due for anonymisation by `today`, and the earliest date one fell due: what
/// Today shows, counted in the database rather than listed (a national scheme has thousands).
pub(crate) struct RetentionCount {
    pub retention_years: i64,
    pub due: i64,
    pub first_due_on: Option<NaiveDate>,
}

pub(crate) async fn retention_count(
    db: &Db,
    actor: &Actor,
    today: NaiveDate,
) -> Result<RetentionCount> {
    require_faculty(actor)?;
    let years = retention_years(db).await?;
    let (due, first_left): (i64, Option<NaiveDate>) = crate::db::query_as(&format!(
        "SELECT count(*), min(f.status_since) FROM fellows f WHERE {DUE_WHERE}"
    ))
    .bind(latest_due(today, years))
    .fetch_one(&db.pool)
    .await?;
    Ok(RetentionCount {
        retention_years: years,
        due,
        first_due_on: first_left.map(|d| years_after(d, years)),
    })
}

/// The retention rule: an alumnus (completed or withdrawn) whose latest follow-up decision is not
/// "given" is due for anonymisation `retention_years` after the date they left. Erased fellows
/// are not listed again.
pub async fn retention_due(db: &Db, actor: &Actor, today: NaiveDate) -> Result<RetentionReview> {
    require_faculty(actor)?;
    let years = retention_years(db).await?;
    let rows: Vec<(i64, String, String, String, NaiveDate, Option<String>)> =
        crate::db::query_as(&format!(
            "SELECT f.id, f.name, c.name, f.status, f.status_since, f.follow_up_consent
             FROM fellows f JOIN cohorts c ON c.id = f.cohort_id WHERE {DUE_WHERE}
             ORDER BY f.status_since, f.name"
        ))
        .bind(latest_due(today, years))
        .fetch_all(&db.pool)
        .await?;
    let due = rows
        .into_iter()
        .filter_map(|(fellow_id, name, cohort, status, left_on, consent)| {
            let consent = consent.as_deref().and_then(ConsentDecision::parse);
            let due_on = years_after(left_on, years);
            // The database chose these by the same rule; it is checked again here.
            (consent != Some(ConsentDecision::Given) && due_on <= today).then_some(RetentionDue {
                fellow_id,
                name,
                cohort,
                status,
                left_on,
                due_on,
                consent,
            })
        })
        .collect();
    Ok(RetentionReview {
        retention_years: years,
        today,
        due,
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TodayInput {
    /// Empty for today; a date lets faculty look ahead ("who falls due by the end of the year").
    pub on: String,
}

impl TodayInput {
    /// The date asked for, checked, or today (UTC) when none was given.
    pub fn date(&self, label: &str) -> Result<NaiveDate> {
        if self.on.trim().is_empty() {
            return Ok(chrono::Utc::now().date_naive());
        }
        let mut c = Checks::new();
        let d = date(&mut c, "on", &self.on, label);
        c.finish()?;
        Ok(d.unwrap_or_default())
    }
}

pub async fn retention_review(
    db: &Db,
    actor: &Actor,
    input: TodayInput,
) -> Result<RetentionReview> {
    retention_due(db, actor, input.date("date to look ahead to")?).await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cut-off splits leaving dates exactly where they fall due, leap days included.
    #[test]
    fn latest_due_is_the_last_date_due() {
        let start = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        for years in [1, 3, 4, 7, 10] {
            let mut prev = years_after(start, years);
            for today in start.iter_days().take(3 * 366) {
                let after = years_after(today, years);
                assert!(after >= prev, "years_after goes backwards at {today}");
                prev = after;
                let cut = latest_due(today, years);
                assert!(years_after(cut, years) <= today, "{today} +{years}: {cut}");
                let next = cut.succ_opt().unwrap();
                assert!(years_after(next, years) > today, "{today} +{years}: {next}");
            }
        }
    }
}
