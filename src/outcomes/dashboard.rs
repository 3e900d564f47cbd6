//! The evaluation dashboard, as SQL over the responses: response rate per wave and cohort, the
//! share agreeing with each survey item, formal leadership roles by time since graduation, and
//! challenge legacy by cohort, profession and host. For anything shown outside faculty, a figure
//! about fewer than five people is withheld.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::follow_up::due_on;
use super::waves;
use crate::access::require_faculty;
use crate::auth::Actor;
use crate::db::Db;
use crate::error::Result;

/// The fewest people a figure shown outside faculty may be about.
pub const SMALL_CELL: i64 = 5;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct DashboardInput {
    pub cohort_id: Option<i64>,
    /// True for figures that will be shown outside faculty (reports, commissioners).
    pub for_sharing: bool,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct ResponseRate {
    pub wave_id: i64,
    pub wave_name: String,
    pub cohort_id: i64,
    pub cohort_name: String,
    /// Alumni for whom the wave has fallen due.
    pub due: i64,
    pub responded: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct SurveyShare {
    pub measure_code: String,
    pub measure_name: String,
    pub wave_id: i64,
    pub wave_name: String,
    pub answered: i64,
    /// Answers in the top two points of the scale.
    pub agreeing: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct LeadershipPoint {
    pub wave_id: i64,
    pub wave_name: String,
    pub months_after: i64,
    pub answered: i64,
    /// Alumni holding at least one formal leadership role.
    pub holding: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct LegacyRow {
    /// "cohort", "profession" or "host".
    pub by: String,
    pub group: String,
    pub answered: i64,
    pub sustained: Option<i64>,
    pub spread: Option<i64>,
    pub abandoned: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Dashboard {
    pub small_cell: i64,
    pub suppressed: bool,
    pub response_rates: Vec<ResponseRate>,
    pub survey: Vec<SurveyShare>,
    pub leadership: Vec<LeadershipPoint>,
    pub legacy: Vec<LegacyRow>,
}

fn keep(for_sharing: bool, people: i64, n: i64) -> Option<i64> {
    (!for_sharing || people >= SMALL_CELL).then_some(n)
}

pub async fn dashboard(db: &Db, actor: &Actor, input: DashboardInput) -> Result<Dashboard> {
    require_faculty(actor)?;
    let share = input.for_sharing;
    let today = chrono::Utc::now().date_naive();
    let waves = waves(db).await?;

    // Due dates depend on month arithmetic, so the alumni are counted here from one query.
    let alumni: Vec<(i64, i64, String, NaiveDate, Option<String>)> = crate::db::query_as(
        "SELECT f.id, c.id, c.name, c.end_date,
           (SELECT string_agg(CAST(r.wave_id AS TEXT), ',') FROM outcome_responses r WHERE r.fellow_id = f.id)
         FROM fellows f JOIN cohorts c ON c.id = f.cohort_id
         WHERE f.status = 'completed' AND (?1 IS NULL OR c.id = ?1) ORDER BY c.start_date, c.id",
    )
    .bind(input.cohort_id)
    .fetch_all(&db.pool)
    .await?;
    let mut response_rates: Vec<ResponseRate> = vec![];
    for w in &waves {
        for (_, cohort_id, cohort_name, end, answered) in &alumni {
            if due_on(*end, w.months_after) > today {
                continue;
            }
            let done = answered
                .as_deref()
                .is_some_and(|a| a.split(',').any(|x| x == w.id.to_string()));
            match response_rates
                .iter_mut()
                .find(|r| r.wave_id == w.id && r.cohort_id == *cohort_id)
            {
                Some(r) => {
                    r.due += 1;
                    r.responded = r.responded.map(|n| n + i64::from(done));
                }
                None => response_rates.push(ResponseRate {
                    wave_id: w.id,
                    wave_name: w.name.clone(),
                    cohort_id: *cohort_id,
                    cohort_name: cohort_name.clone(),
                    due: 1,
                    responded: Some(i64::from(done)),
                }),
            }
        }
    }
    for r in &mut response_rates {
        r.responded = r.responded.and_then(|n| keep(share, r.due, n));
    }

    let survey_rows: Vec<(String, String, i64, String, i64, i64)> = crate::db::query_as(
        "SELECT m.code, m.name, w.id, w.name, count(*),
           sum(CASE WHEN v.value_int >= m.scale_points - 1 THEN 1 ELSE 0 END)
         FROM outcome_values v JOIN outcome_measures m ON m.id = v.measure_id
         JOIN outcome_responses r ON r.id = v.response_id JOIN outcome_waves w ON w.id = r.wave_id
         JOIN fellows f ON f.id = r.fellow_id
         WHERE m.value_type = 'scale' AND (?1 IS NULL OR f.cohort_id = ?1)
         GROUP BY m.id, w.id ORDER BY m.position, w.months_after",
    )
    .bind(input.cohort_id)
    .fetch_all(&db.pool)
    .await?;
    let survey = survey_rows
        .into_iter()
        .map(
            |(measure_code, measure_name, wave_id, wave_name, answered, agreeing)| SurveyShare {
                measure_code,
                measure_name,
                wave_id,
                wave_name,
                answered,
                agreeing: keep(share, answered, agreeing),
            },
        )
        .collect();

    let leadership_rows: Vec<(i64, String, i64, i64, i64)> = crate::db::query_as(
        "SELECT w.id, w.name, w.months_after, count(*), sum(CASE WHEN v.value_int >= 1 THEN 1 ELSE 0 END)
         FROM outcome_values v JOIN outcome_measures m ON m.id = v.measure_id AND m.code = 'leadership_roles'
         JOIN outcome_responses r ON r.id = v.response_id JOIN outcome_waves w ON w.id = r.wave_id
         JOIN fellows f ON f.id = r.fellow_id
         WHERE (?1 IS NULL OR f.cohort_id = ?1)
         GROUP BY w.id ORDER BY w.months_after",
    )
    .bind(input.cohort_id)
    .fetch_all(&db.pool)
    .await?;
    let leadership = leadership_rows
        .into_iter()
        .map(
            |(wave_id, wave_name, months_after, answered, holding)| LeadershipPoint {
                wave_id,
                wave_name,
                months_after,
                answered,
                holding: keep(share, answered, holding),
            },
        )
        .collect();

    // Each alumnus's latest word on their challenge's legacy.
    let mut legacy = vec![];
    for (by, group_sql) in [
        ("cohort", "c.name"),
        ("profession", "f.profession"),
        ("host", "coalesce(h.name, 'No host recorded')"),
    ] {
        let rows: Vec<(String, i64, i64, i64, i64)> = crate::db::query_as(&format!(
            "WITH latest AS (
               SELECT r.fellow_id, v.value_text AS legacy,
                 row_number() OVER (PARTITION BY r.fellow_id ORDER BY w.months_after DESC) AS n
               FROM outcome_values v JOIN outcome_measures m ON m.id = v.measure_id AND m.code = 'challenge_legacy'
               JOIN outcome_responses r ON r.id = v.response_id JOIN outcome_waves w ON w.id = r.wave_id)
             SELECT {group_sql}, count(*),
               sum(CASE WHEN l.legacy = 'sustained' THEN 1 ELSE 0 END),
               sum(CASE WHEN l.legacy = 'spread' THEN 1 ELSE 0 END),
               sum(CASE WHEN l.legacy = 'abandoned' THEN 1 ELSE 0 END)
             FROM latest l JOIN fellows f ON f.id = l.fellow_id JOIN cohorts c ON c.id = f.cohort_id
             LEFT JOIN host_organisations h ON h.id = f.host_id
             WHERE l.n = 1 AND (?1 IS NULL OR f.cohort_id = ?1)
             GROUP BY 1 ORDER BY min(c.start_date), 1"
        ))
        .bind(input.cohort_id)
        .fetch_all(&db.pool)
        .await?;
        legacy.extend(
            rows.into_iter().map(
                |(group, answered, sustained, spread, abandoned)| LegacyRow {
                    by: by.into(),
                    group: if by == "profession" {
                        crate::fellows::Profession::parse(&group)
                            .map_or(group.clone(), |p| p.label().to_owned())
                    } else {
                        group
                    },
                    answered,
                    sustained: keep(share, answered, sustained),
                    spread: keep(share, answered, spread),
                    abandoned: keep(share, answered, abandoned),
                },
            ),
        );
    }
    Ok(Dashboard {
        small_cell: SMALL_CELL,
        suppressed: share,
        response_rates,
        survey,
        leadership,
        legacy,
    })
}
