//! Who is due in each follow-up wave, and recording an alumnus's response. A wave falls due a
//! number of months after the cohort's end date; a response missing beyond the wave's window is
//! overdue.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{measures, parse_value, waves, OutcomeMeasure, Stored, Wave};
use crate::auth::access::{hidden, require_faculty};
use crate::auth::Actor;
use crate::codes::code_enum;
use crate::db::paging::page_sized;
use crate::db::{now_stamp, placeholder_groups, Db, Tx, ROWS_PER_STATEMENT};
use crate::error::{Checks, Result};
use crate::validate::date;

code_enum! {
    FollowUpState {
        Upcoming = "upcoming": "Not due yet",
        Due = "due": "Due",
        Overdue = "overdue": "Overdue",
        Done = "done": "Done",
    }
}

/// The state of one alumnus in one wave on `today`.
pub fn state(
    today: NaiveDate,
    due_on: NaiveDate,
    window_days: i64,
    responded: bool,
) -> FollowUpState {
    if responded {
        FollowUpState::Done
    } else if today < due_on {
        FollowUpState::Upcoming
    } else if (today - due_on).num_days() <= window_days {
        FollowUpState::Due
    } else {
        FollowUpState::Overdue
    }
}

pub fn due_on(cohort_end: NaiveDate, months_after: i64) -> NaiveDate {
    cohort_end
        .checked_add_months(Months::new(months_after.max(0) as u32))
        .unwrap_or(cohort_end)
}

/// One cohort's alumni and one wave: how many alumni, and how many of them answered it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CohortWave {
    pub cohort_id: i64,
    pub cohort_name: String,
    pub end_date: NaiveDate,
    pub wave_id: i64,
    pub months_after: i64,
    pub window_days: i64,
    pub alumni: i64,
    pub responded: i64,
}

/// Every (cohort with alumni, wave) pair, counted in the database, so the rows read grow with
/// cohorts and waves, not alumni (the responses are counted as they are written: migration 28's
/// `follow_up_tallies`); cohorts in the order they started. A wave's due date needs
/// month arithmetic (`due_on`), which the callers do. Erased alumni can no longer be followed
/// up, so `include_erased` says whether they count (a response rate) or not (what is overdue).
pub(crate) async fn cohort_waves(
    db: &Db,
    cohort_id: Option<i64>,
    include_erased: bool,
) -> Result<Vec<CohortWave>> {
    Ok(crate::db::query_as(
        "WITH per_cohort AS (SELECT cohort_id, count(*) AS alumni FROM fellows WHERE status = 'completed'
             AND (?1 OR erased_at IS NULL) AND (?2 IS NULL OR cohort_id = ?2) GROUP BY cohort_id),
         answered AS (SELECT cohort_id, wave_id, CAST(sum(responded) AS BIGINT) AS responded FROM follow_up_tallies
             WHERE ?1 OR NOT erased GROUP BY cohort_id, wave_id)
         SELECT c.id AS cohort_id, c.name AS cohort_name, c.end_date, w.id AS wave_id, w.months_after,
             w.window_days, p.alumni, coalesce(x.responded, 0) AS responded
         FROM per_cohort p JOIN cohorts c ON c.id = p.cohort_id CROSS JOIN outcome_waves w
         LEFT JOIN answered x ON x.cohort_id = c.id AND x.wave_id = w.id
         ORDER BY c.start_date, c.id, w.months_after",
    )
    .bind(include_erased)
    .bind(cohort_id)
    .fetch_all(&db.pool)
    .await?)
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct FollowUpInput {
    pub wave_id: i64,
    pub cohort_id: Option<i64>,
    /// Counting from 1; a page past the last gives the last.
    pub page: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct FollowUpRow {
    pub fellow_id: i64,
    pub fellow_name: String,
    pub cohort_name: String,
    pub due_on: NaiveDate,
    pub state: FollowUpState,
    pub responded_on: Option<NaiveDate>,
}

/// One page of a wave's alumni (newest cohort first, then by name), with how many there are in
/// all and in each state.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FollowUp {
    pub wave: Wave,
    pub rows: Vec<FollowUpRow>,
    pub total: i64,
    /// The page given, which may be nearer than the one asked for.
    pub page: i64,
    pub page_size: i64,
    pub upcoming: i64,
    pub due: i64,
    pub overdue: i64,
    pub done: i64,
}

/// Alumni on one page of the follow-up list: fewer than other lists, as the page has more on it
/// than the list (the choices, the counts).
pub const PAGE_SIZE: i64 = 25;

/// Alumni are fellows who completed the year. Everyone in a cohort falls due on the same day, so
/// the states are counted cohort by cohort; only the page's alumni are read, from the cohorts it
/// spans, each in name order from an index.
pub async fn follow_up(db: &Db, actor: &Actor, input: FollowUpInput) -> Result<FollowUp> {
    require_faculty(actor)?;
    let wave = waves(db)
        .await?
        .into_iter()
        .find(|w| w.id == input.wave_id)
        .ok_or_else(hidden)?;
    // Each cohort's alumni and answers to this wave, as Today and the dashboard count them;
    // newest cohort first.
    let mut cohorts: Vec<CohortWave> = cohort_waves(db, input.cohort_id, true)
        .await?
        .into_iter()
        .filter(|c| c.wave_id == wave.id)
        .collect();
    cohorts.reverse();
    let today = chrono::Utc::now().date_naive();
    let (mut upcoming, mut due, mut overdue, mut done) = (0, 0, 0, 0);
    for c in &cohorts {
        done += c.responded;
        match state(
            today,
            due_on(c.end_date, wave.months_after),
            wave.window_days,
            false,
        ) {
            FollowUpState::Upcoming => upcoming += c.alumni - c.responded,
            FollowUpState::Due => due += c.alumni - c.responded,
            _ => overdue += c.alumni - c.responded,
        }
    }
    let total: i64 = cohorts.iter().map(|c| c.alumni).sum();
    let (page, mut skip) = page_sized(input.page, total, PAGE_SIZE);
    let mut rows: Vec<FollowUpRow> = Vec::with_capacity(PAGE_SIZE as usize);
    for c in &cohorts {
        let wanted = PAGE_SIZE - rows.len() as i64;
        if wanted == 0 {
            break;
        }
        if skip >= c.alumni {
            skip -= c.alumni;
            continue;
        }
        let found: Vec<(i64, String, Option<NaiveDate>)> = crate::db::query_as(
            "SELECT f.id, f.name, r.responded_on FROM fellows f
             LEFT JOIN outcome_responses r ON r.fellow_id = f.id AND r.wave_id = ?1
             WHERE f.cohort_id = ?2 AND f.status = 'completed'
             ORDER BY lower(f.name), f.id LIMIT ?3 OFFSET ?4",
        )
        .bind(wave.id)
        .bind(c.cohort_id)
        .bind(wanted)
        .bind(skip)
        .fetch_all(&db.pool)
        .await?;
        skip = 0;
        let due = due_on(c.end_date, wave.months_after);
        rows.extend(
            found
                .into_iter()
                .map(|(fellow_id, fellow_name, responded_on)| FollowUpRow {
                    fellow_id,
                    fellow_name,
                    cohort_name: c.cohort_name.clone(),
                    due_on: due,
                    state: state(today, due, wave.window_days, responded_on.is_some()),
                    responded_on,
                }),
        );
    }
    Ok(FollowUp {
        wave,
        rows,
        total,
        page,
        page_size: PAGE_SIZE,
        upcoming,
        due,
        overdue,
        done,
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ResponseRef {
    pub fellow_id: i64,
    pub wave_id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OutcomeAnswer {
    pub measure_id: i64,
    /// As a person reads or types it: "3", "yes", "spread", free text.
    pub value: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct OutcomeResponse {
    pub fellow_id: i64,
    pub fellow_name: String,
    pub wave: Wave,
    pub responded_on: Option<NaiveDate>,
    pub source: Option<String>,
    pub measures: Vec<OutcomeMeasure>,
    pub answers: Vec<OutcomeAnswer>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct OutcomeResponseInput {
    pub fellow_id: i64,
    pub wave_id: i64,
    pub responded_on: String,
    pub answers: Vec<OutcomeAnswer>,
}

/// A response as stored, without its answers.
#[derive(sqlx::FromRow)]
struct Responded {
    id: i64,
    responded_on: NaiveDate,
    source: String,
}

pub async fn get_response(db: &Db, actor: &Actor, r: ResponseRef) -> Result<OutcomeResponse> {
    require_faculty(actor)?;
    let (fellow_name,): (String,) = crate::db::query_as("SELECT name FROM fellows WHERE id = ?")
        .bind(r.fellow_id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(hidden)?;
    let wave = waves(db)
        .await?
        .into_iter()
        .find(|w| w.id == r.wave_id)
        .ok_or_else(hidden)?;
    let response: Option<Responded> = crate::db::query_as(
        "SELECT id, responded_on, source FROM outcome_responses WHERE fellow_id = ? AND wave_id = ?",
    )
    .bind(r.fellow_id)
    .bind(r.wave_id)
    .fetch_optional(&db.pool)
    .await?;
    let measures = measures(db).await?;
    let mut answers = vec![];
    if let Some(Responded { id, .. }) = &response {
        let values: Vec<(i64, Option<String>, Option<i64>)> = crate::db::query_as(
            "SELECT measure_id, value_text, value_int FROM outcome_values WHERE response_id = ?",
        )
        .bind(id)
        .fetch_all(&db.pool)
        .await?;
        for (measure_id, text, int) in values {
            let Some(m) = measures.iter().find(|m| m.id == measure_id) else {
                continue;
            };
            let stored = match (text, int) {
                (Some(t), _) => Stored::Text(t),
                (None, Some(n)) => Stored::Int(n),
                (None, None) => continue,
            };
            answers.push(OutcomeAnswer {
                measure_id,
                value: stored.display(m),
            });
        }
    }
    Ok(OutcomeResponse {
        fellow_id: r.fellow_id,
        fellow_name,
        wave,
        responded_on: response.as_ref().map(|r| r.responded_on),
        source: response.map(|r| r.source),
        measures,
        answers,
    })
}

/// Writes one response inside a transaction (shared by recording and importing).
pub(crate) async fn write_response(
    tx: &mut Tx,
    fellow_id: i64,
    wave_id: i64,
    responded_on: NaiveDate,
    source: &str,
    recorded_by: i64,
    values: &[(i64, Stored)],
) -> Result<()> {
    write_responses(
        tx,
        wave_id,
        source,
        recorded_by,
        &[(fellow_id, responded_on, values)],
    )
    .await
}

/// One alumnus's answers: who, when, and each measure's value.
pub(crate) type Answers<'a> = (i64, NaiveDate, &'a [(i64, Stored)]);

/// Writes each alumnus's answers for the wave (replacing any earlier ones), many rows to a
/// statement. Each alumnus appears once (the import refuses a file naming one twice).
pub(crate) async fn write_responses(
    tx: &mut Tx,
    wave_id: i64,
    source: &str,
    recorded_by: i64,
    rows: &[Answers<'_>],
) -> Result<()> {
    let now = now_stamp();
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO outcome_responses (fellow_id, wave_id, responded_on, source, recorded_by, updated_at)
             VALUES {}
             ON CONFLICT (fellow_id, wave_id) DO UPDATE SET responded_on = excluded.responded_on, source = excluded.source,
               recorded_by = excluded.recorded_by, updated_at = excluded.updated_at
             RETURNING id, fellow_id",
            placeholder_groups(chunk.len(), 6)
        );
        let mut q = crate::db::query_as::<(i64, i64)>(&sql);
        for (fellow, on, _) in chunk {
            q = q
                .bind(fellow)
                .bind(wave_id)
                .bind(on)
                .bind(source)
                .bind(recorded_by)
                .bind(&now);
        }
        // RETURNING gives no order: each id is matched to its alumnus.
        let ids: HashMap<i64, i64> = q
            .fetch_all(&mut **tx)
            .await?
            .into_iter()
            .map(|(id, fellow)| (fellow, id))
            .collect();
        let sql = format!(
            "DELETE FROM outcome_values WHERE response_id IN {}",
            placeholder_groups(1, ids.len())
        );
        let mut q = crate::db::query(&sql);
        for id in ids.values() {
            q = q.bind(id);
        }
        q.execute(&mut **tx).await?;
        let values: Vec<(i64, i64, &Stored)> = chunk
            .iter()
            .flat_map(|(fellow, _, values)| {
                let id = ids.get(fellow).copied();
                values.iter().filter_map(move |(m, v)| Some((id?, *m, v)))
            })
            .collect();
        for part in values.chunks(ROWS_PER_STATEMENT * 4) {
            let sql = format!(
                "INSERT INTO outcome_values (response_id, measure_id, value_text, value_int) VALUES {}",
                placeholder_groups(part.len(), 4)
            );
            let mut q = crate::db::query(&sql);
            for (id, measure, v) in part {
                let (text, int) = match v {
                    Stored::Text(t) => (Some(t.as_str()), None),
                    Stored::Int(n) => (None, Some(*n)),
                };
                q = q.bind(id).bind(measure).bind(text).bind(int);
            }
            q.execute(&mut **tx).await?;
        }
    }
    Ok(())
}

pub async fn save_response(
    db: &Db,
    actor: &Actor,
    input: OutcomeResponseInput,
) -> Result<OutcomeResponse> {
    require_faculty(actor)?;
    let r = ResponseRef {
        fellow_id: input.fellow_id,
        wave_id: input.wave_id,
    };
    let current = get_response(db, actor, r.clone()).await?;
    let mut c = Checks::new();
    let on = date(
        &mut c,
        "responded_on",
        &input.responded_on,
        "date of the response",
    );
    if on.is_some_and(|d| d > chrono::Utc::now().date_naive()) {
        c.fail("responded_on", "The response date cannot be in the future.");
    }
    let mut values = vec![];
    for a in &input.answers {
        let field = format!("answers.{}", a.measure_id);
        match current.measures.iter().find(|m| m.id == a.measure_id) {
            None => c.fail(&field, "This measure does not exist."),
            Some(m) => match parse_value(m, &a.value) {
                Ok(Some(v)) => values.push((m.id, v)),
                Ok(None) => {}
                Err(e) => c.fail(&field, e),
            },
        }
    }
    if input.answers.iter().all(|a| a.value.trim().is_empty()) {
        c.fail("answers", "Enter at least one answer.");
    }
    c.finish()?;
    let mut tx = db.begin().await?;
    write_response(
        &mut tx,
        input.fellow_id,
        input.wave_id,
        on.unwrap_or_default(),
        "recorded",
        actor.user_id,
        &values,
    )
    .await?;
    tx.commit().await?;
    get_response(db, actor, r).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_wave_is_upcoming_then_due_then_overdue_unless_answered() {
        let due = due_on(d("2025-08-31"), 12);
        assert_eq!(due, d("2026-08-31"));
        assert_eq!(
            state(d("2026-08-30"), due, 90, false),
            FollowUpState::Upcoming
        );
        assert_eq!(state(d("2026-08-31"), due, 90, false), FollowUpState::Due);
        assert_eq!(state(d("2026-11-29"), due, 90, false), FollowUpState::Due);
        assert_eq!(
            state(d("2026-11-30"), due, 90, false),
            FollowUpState::Overdue
        );
        assert_eq!(state(d("2026-11-30"), due, 90, true), FollowUpState::Done);
        // Month ends stay month ends: 31 August plus six months is the end of February.
        assert_eq!(due_on(d("2025-08-31"), 6), d("2026-02-28"));
    }
}
