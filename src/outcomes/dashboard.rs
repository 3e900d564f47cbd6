//! The evaluation dashboard, as SQL over the responses: response rate per wave and cohort, the
//! share agreeing with each survey item, formal leadership roles by time since graduation, and
//! challenge legacy by cohort, profession and host. Figures for sharing outside faculty go through
//! disclosure control (crate::disclosure): no count from 1 to 4, nor one that would reveal it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::follow_up::{due_on, CohortWave};
use super::waves;
use crate::auth::access::require_faculty;
use crate::auth::Actor;
use crate::db::json_rows::{self, json_rows_sql};
use crate::db::Db;
use crate::disclosure::{self, ShownTable};
use crate::error::Result;

/// The fewest people a figure shown outside faculty may be about.
pub const SMALL_CELL: i64 = disclosure::THRESHOLD;

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
    /// Alumni for whom the wave has fallen due. None (here and below) where withheld.
    pub due: Option<i64>,
    pub responded: Option<i64>,
}

/// A wave's response across the cohorts shown.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct WaveTotal {
    pub wave_id: i64,
    pub wave_name: String,
    pub due: Option<i64>,
    pub responded: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct SurveyShare {
    pub measure_code: String,
    pub measure_name: String,
    pub wave_id: i64,
    pub wave_name: String,
    pub answered: Option<i64>,
    /// Answers in the top two points of the scale.
    pub agreeing: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct LeadershipPoint {
    pub wave_id: i64,
    pub wave_name: String,
    pub months_after: i64,
    pub answered: Option<i64>,
    /// Alumni holding at least one formal leadership role.
    pub holding: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct LegacyRow {
    /// "cohort", "profession" or "host"; "all" for the one row of totals.
    pub by: String,
    pub group: String,
    pub answered: Option<i64>,
    pub sustained: Option<i64>,
    pub spread: Option<i64>,
    pub abandoned: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Dashboard {
    pub small_cell: i64,
    pub suppressed: bool,
    pub response_rates: Vec<ResponseRate>,
    pub response_totals: Vec<WaveTotal>,
    pub survey: Vec<SurveyShare>,
    pub leadership: Vec<LeadershipPoint>,
    pub legacy: Vec<LegacyRow>,
}

/// Two-way splits (yes, no) of each row's total: the "no" is as good as shown, so it is a cell.
fn split(rows: &[(i64, i64)]) -> Vec<Vec<i64>> {
    rows.iter()
        .map(|(yes, all)| vec![*yes, all - yes])
        .collect()
}

/// One survey item at one wave: answers, and those in its top two points.
#[derive(sqlx::FromRow)]
struct SurveyRow {
    measure_code: String,
    measure_name: String,
    wave_id: i64,
    wave_name: String,
    answered: i64,
    agreeing: i64,
}

/// Leadership roles at one wave: answers, and those holding at least one.
#[derive(sqlx::FromRow)]
struct LeadershipRow {
    wave_id: i64,
    wave_name: String,
    months_after: i64,
    answered: i64,
    holding: i64,
}

pub async fn dashboard(db: &Db, actor: &Actor, input: DashboardInput) -> Result<Dashboard> {
    require_faculty(actor)?;
    let (cohort_id, share) = (input.cohort_id, input.for_sharing);
    // The parts ask the database at once, each on a connection of its own: the legacy reads every
    // alumnus's answer (33,000 in a national scheme), the others read tallies, and the dashboard
    // waits for the slowest rather than for all in turn.
    let ((response_rates, response_totals), survey, leadership, legacy) = tokio::try_join!(
        responses(db, cohort_id, share),
        survey(db, cohort_id, share),
        leadership(db, cohort_id, share),
        legacy(db, cohort_id, share),
    )?;
    Ok(Dashboard {
        small_cell: SMALL_CELL,
        suppressed: share,
        response_rates,
        response_totals,
        survey,
        leadership,
        legacy,
    })
}

/// Alumni and their answers by cohort and wave, for the waves fallen due, with each wave's
/// totals across cohorts.
async fn responses(
    db: &Db,
    cohort_id: Option<i64>,
    share: bool,
) -> Result<(Vec<ResponseRate>, Vec<WaveTotal>)> {
    let today = chrono::Utc::now().date_naive();
    let waves = waves(db).await?;
    // Due dates need month arithmetic, done here.
    let pairs = super::follow_up::cohort_waves(db, cohort_id, true).await?;
    let mut response_rates: Vec<ResponseRate> = vec![];
    let mut response_totals: Vec<WaveTotal> = vec![];
    for w in &waves {
        // The cohorts due this wave, in the order they started.
        let rows: Vec<&CohortWave> = pairs
            .iter()
            .filter(|p| p.wave_id == w.id && due_on(p.end_date, w.months_after) <= today)
            .collect();
        if rows.is_empty() {
            continue;
        }
        // The wave's totals across cohorts are shown too (the annual report gives them).
        let counts: Vec<(i64, i64)> = rows.iter().map(|r| (r.responded, r.alumni)).collect();
        let mut f = disclosure::Figures::default();
        let ids = f.table(&split(&counts), true);
        // A cohort's alumni due are its completed fellows, which the annual report shows.
        ids.row_totals.iter().for_each(|r| f.keep(*r));
        let t = ids.read(&if share { f.protect() } else { f.exact() });
        for (i, r) in rows.into_iter().enumerate() {
            response_rates.push(ResponseRate {
                wave_id: w.id,
                wave_name: w.name.clone(),
                cohort_id: r.cohort_id,
                cohort_name: r.cohort_name.clone(),
                due: t.row_totals[i],
                responded: t.cells[i][0],
            });
        }
        response_totals.push(WaveTotal {
            wave_id: w.id,
            wave_name: w.name.clone(),
            due: t.grand,
            responded: t.col_totals[0],
        });
    }
    Ok((response_rates, response_totals))
}

/// The share agreeing with each survey item, wave by wave.
async fn survey(db: &Db, cohort_id: Option<i64>, share: bool) -> Result<Vec<SurveyShare>> {
    // Answers are counted as they are written (`outcome_answer_tallies`, migration 29); a tally
    // left at nought by deletions is no answer.
    let survey_rows: Vec<SurveyRow> = crate::db::query_as(
        "SELECT m.code AS measure_code, m.name AS measure_name, w.id AS wave_id, w.name AS wave_name,
           CAST(sum(t.answers) AS BIGINT) AS answered,
           CAST(sum(CASE WHEN t.value_int >= m.scale_points - 1 THEN t.answers ELSE 0 END) AS BIGINT) AS agreeing
         FROM outcome_answer_tallies t JOIN outcome_measures m ON m.id = t.measure_id
         JOIN outcome_waves w ON w.id = t.wave_id
         WHERE m.value_type = 'scale' AND (?1 IS NULL OR t.cohort_id = ?1)
         GROUP BY m.id, w.id HAVING sum(t.answers) > 0 ORDER BY m.position, w.months_after",
    )
    .bind(cohort_id)
    .fetch_all(&db.pool)
    .await?;
    // One table per item, its waves as rows; its totals over all waves are what the annual
    // report's Kirkpatrick summary shows, so they count as shown.
    let mut survey = vec![];
    for item in survey_rows.chunk_by(|a, b| a.measure_code == b.measure_code) {
        let counts: Vec<(i64, i64)> = item.iter().map(|r| (r.agreeing, r.answered)).collect();
        let t = disclosure::table(share, &split(&counts), true);
        for (i, r) in item.iter().enumerate() {
            survey.push(SurveyShare {
                measure_code: r.measure_code.clone(),
                measure_name: r.measure_name.clone(),
                wave_id: r.wave_id,
                wave_name: r.wave_name.clone(),
                answered: t.row_totals[i],
                agreeing: t.cells[i][0],
            });
        }
    }
    Ok(survey)
}

/// Those holding a formal leadership role, wave by wave.
async fn leadership(db: &Db, cohort_id: Option<i64>, share: bool) -> Result<Vec<LeadershipPoint>> {
    let leadership_rows: Vec<LeadershipRow> = crate::db::query_as(
        "SELECT w.id AS wave_id, w.name AS wave_name, w.months_after, CAST(sum(t.answers) AS BIGINT) AS answered,
           CAST(sum(CASE WHEN t.value_int >= 1 THEN t.answers ELSE 0 END) AS BIGINT) AS holding
         FROM outcome_answer_tallies t
         JOIN outcome_measures m ON m.id = t.measure_id AND m.code = 'leadership_roles'
         JOIN outcome_waves w ON w.id = t.wave_id
         WHERE (?1 IS NULL OR t.cohort_id = ?1)
         GROUP BY w.id HAVING sum(t.answers) > 0 ORDER BY w.months_after",
    )
    .bind(cohort_id)
    .fetch_all(&db.pool)
    .await?;
    let counts: Vec<(i64, i64)> = leadership_rows
        .iter()
        .map(|r| (r.holding, r.answered))
        .collect();
    let t = disclosure::table(share, &split(&counts), true);
    Ok(leadership_rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| LeadershipPoint {
            wave_id: r.wave_id,
            wave_name: r.wave_name,
            months_after: r.months_after,
            answered: t.row_totals[i],
            holding: t.cells[i][0],
        })
        .collect())
}

/// Each alumnus's latest word on their challenge's legacy is kept on their row
/// (`fellows.legacy`, migration 29), counted by cohort and profession together (in the order of a
/// partial index, so no sort)...
const LEGACY_BY_COHORT: &str = "SELECT c.name, c.start_date, g.profession, g.n, g.sustained, g.spread, g.abandoned
     FROM (SELECT f.cohort_id, f.profession, count(*) AS n,
         count(*) FILTER (WHERE f.legacy = 'sustained') AS sustained,
         count(*) FILTER (WHERE f.legacy = 'spread') AS spread,
         count(*) FILTER (WHERE f.legacy = 'abandoned') AS abandoned
       FROM fellows f WHERE f.legacy IS NOT NULL AND (?1 IS NULL OR f.cohort_id = ?1) GROUP BY 1, 2) g
     JOIN cohorts c ON c.id = g.cohort_id";

/// ...and by host, with the first cohort each host's alumni began in.
const LEGACY_BY_HOST: &str =
    "SELECT coalesce(h.name, 'No host recorded') AS name, g.began AS start_date,
       g.n, g.sustained, g.spread, g.abandoned
     FROM (SELECT f.host_id, min(c.start_date) AS began, count(*) AS n,
         count(*) FILTER (WHERE f.legacy = 'sustained') AS sustained,
         count(*) FILTER (WHERE f.legacy = 'spread') AS spread,
         count(*) FILTER (WHERE f.legacy = 'abandoned') AS abandoned
       FROM fellows f JOIN cohorts c ON c.id = f.cohort_id
       WHERE f.legacy IS NOT NULL AND (?1 IS NULL OR f.cohort_id = ?1) GROUP BY f.host_id) g
     LEFT JOIN host_organisations h ON h.id = g.host_id";

/// A group's name, the first cohort it began in, its alumni answering, and how many said
/// sustained, spread, abandoned.
type Counts = (String, chrono::NaiveDate, i64, i64, i64, i64);

/// Adds a row's counts to its group's.
fn count_in(groups: &mut std::collections::HashMap<String, Counts>, group: &str, row: &Counts) {
    let g = groups
        .entry(group.to_owned())
        .or_insert_with(|| (group.to_owned(), row.1, 0, 0, 0, 0));
    g.1 = g.1.min(row.1);
    g.2 += row.2;
    g.3 += row.3;
    g.4 += row.4;
    g.5 += row.5;
}

/// Each alumnus's latest word on their challenge's legacy, by cohort, profession and host, each
/// in the order its first cohort started. The three breakdowns are of the same people, so any
/// one gives the column totals of the others: they are controlled together, sharing one row of
/// totals.
async fn legacy(db: &Db, cohort_id: Option<i64>, share: bool) -> Result<Vec<LegacyRow>> {
    /// A cohort and profession's counts: as `Counts`, with the profession after the date.
    type ByCohort = (String, chrono::NaiveDate, String, i64, i64, i64, i64);
    const COUNTS: [&str; 6] = [
        "name",
        "start_date",
        "n",
        "sustained",
        "spread",
        "abandoned",
    ];
    const BY_COHORT: [&str; 7] = [
        "name",
        "start_date",
        "profession",
        "n",
        "sustained",
        "spread",
        "abandoned",
    ];
    // A row per host: thousands in a national scheme, so they come as one (`json_rows`). The two
    // breakdowns are read at once, each on a connection of its own.
    let (by_cohort, by_host) = (
        json_rows_sql(LEGACY_BY_COHORT, &BY_COHORT),
        json_rows_sql(LEGACY_BY_HOST, &COUNTS),
    );
    let (by_cohort, by_host): (Vec<ByCohort>, Vec<Counts>) = tokio::try_join!(
        json_rows::fetch(crate::db::query_as(&by_cohort).bind(cohort_id), db),
        json_rows::fetch(crate::db::query_as(&by_host).bind(cohort_id), db),
    )?;
    let mut parts: [std::collections::HashMap<String, Counts>; 3] = Default::default();
    for (name, began, profession, n, sustained, spread, abandoned) in by_cohort {
        let counts = (name, began, n, sustained, spread, abandoned);
        count_in(&mut parts[0], &counts.0, &counts);
        count_in(&mut parts[1], &profession, &counts);
    }
    for counts in by_host {
        count_in(&mut parts[2], &counts.0, &counts);
    }
    let breakdowns: Vec<(&str, Vec<Counts>)> = ["cohort", "profession", "host"]
        .into_iter()
        .zip(parts)
        .map(|(by, groups)| {
            let mut part: Vec<Counts> = groups.into_values().collect();
            part.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
            (by, part)
        })
        .collect();
    if breakdowns[0].1.is_empty() {
        return Ok(vec![]);
    }
    // Cells: sustained, spread, abandoned, and any other answer (which the row total gives away).
    let cells = |rows: &[Counts]| -> Vec<Vec<i64>> {
        rows.iter()
            .map(|(_, _, n, a, b, c)| vec![*a, *b, *c, n - a - b - c])
            .collect()
    };
    let mut f = disclosure::Figures::default();
    let first = f.table(&cells(&breakdowns[0].1), true);
    let mut ids = vec![first.clone()];
    for (_, rows) in &breakdowns[1..] {
        ids.push(f.table_like(&cells(rows), &first));
    }
    let shown = if share { f.protect() } else { f.exact() };
    let mut out = vec![];
    for ((by, rows), ids) in breakdowns.into_iter().zip(&ids) {
        let t: ShownTable = ids.read(&shown);
        for (i, (group, ..)) in rows.into_iter().enumerate() {
            out.push(LegacyRow {
                by: by.into(),
                group: if by == "profession" {
                    crate::programme::fellows::Profession::parse(&group)
                        .map_or(group.clone(), |p| p.label().to_owned())
                } else {
                    group
                },
                answered: t.row_totals[i],
                sustained: t.cells[i][0],
                spread: t.cells[i][1],
                abandoned: t.cells[i][2],
            });
        }
    }
    let t = first.read(&shown);
    out.push(LegacyRow {
        by: "all".into(),
        group: "All alumni".into(),
        answered: t.grand,
        sustained: t.col_totals[0],
        spread: t.col_totals[1],
        abandoned: t.col_totals[2],
    });
    Ok(out)
}
