//! Improvement measures: definitions, dated values (typed or pasted from a spreadsheet),
//! dated process changes, PDSA cycles, and the run and XmR charts computed from them.
//! Values are stored as integers scaled by 10^decimals, never as floats.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::spc::{self, Direction, RunChart, Verdict, XmrChart};
use super::{get, require_edit, rights, ChallengeDetail};
use crate::auth::Actor;
use crate::codes::code_enum;
use crate::db::Db;
use crate::error::{ApiError, Checks, FieldError, Result};
use crate::validate::{date, required};

code_enum! {
    Frequency {
        Daily = "daily": "Daily",
        Weekly = "weekly": "Weekly",
        Monthly = "monthly": "Monthly",
        Quarterly = "quarterly": "Quarterly",
    }
}

impl Direction {
    pub fn code(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher_is_better",
            Direction::LowerIsBetter => "lower_is_better",
            Direction::Neither => "neither",
        }
    }
    pub fn parse(s: &str) -> Option<Direction> {
        [
            Direction::HigherIsBetter,
            Direction::LowerIsBetter,
            Direction::Neither,
        ]
        .into_iter()
        .find(|d| d.code() == s)
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Measure {
    pub id: i64,
    pub name: String,
    pub unit: String,
    pub direction: Direction,
    pub frequency: Frequency,
    pub decimals: i64,
    /// The target as text with the measure's decimals, e.g. "12.5".
    pub target: Option<String>,
    pub point_count: i64,
    /// The XmR verdict on the latest point: None for common-cause variation.
    pub latest_verdict: Option<Verdict>,
    pub assurance: Option<spc::Assurance>,
    /// How many points carry a special-cause signal, by verdict.
    pub improvement_signals: i64,
    pub concern_signals: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MeasureInput {
    pub id: Option<i64>,
    pub challenge_id: i64,
    pub name: String,
    pub unit: String,
    pub direction: String,
    pub frequency: String,
    /// Decimal places the values carry, 0 to 4.
    pub decimals: i64,
    /// As typed, or "" for none.
    pub target: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MeasureValuesInput {
    pub challenge_id: i64,
    pub measure_id: i64,
    /// One "date, value" per line, separated by a tab, comma or semicolon, as pasted from a
    /// spreadsheet; a header line is allowed. Dates as 2026-09-01 or 01/09/2026.
    pub text: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct MeasureChange {
    pub id: i64,
    pub change_date: NaiveDate,
    pub label: String,
    pub rebase: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MeasureChangeInput {
    pub challenge_id: i64,
    pub measure_id: i64,
    pub change_date: String,
    pub label: String,
    pub rebase: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Pdsa {
    pub id: i64,
    pub measure_id: Option<i64>,
    pub title: String,
    pub plan: String,
    pub do_notes: String,
    pub study: String,
    pub act: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PdsaInput {
    pub id: Option<i64>,
    pub challenge_id: i64,
    pub measure_id: Option<i64>,
    pub title: String,
    pub plan: String,
    pub do_notes: String,
    pub study: String,
    pub act: String,
    pub start_date: String,
    pub end_date: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ChartPoint {
    pub period: NaiveDate,
    pub value: f64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct MeasureChart {
    pub measure: Measure,
    pub points: Vec<ChartPoint>,
    pub run_chart: RunChart,
    pub xmr: XmrChart,
    pub changes: Vec<MeasureChange>,
    pub pdsa_cycles: Vec<Pdsa>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MeasureRef {
    pub challenge_id: i64,
    pub measure_id: i64,
}

pub use crate::validate::parse_scaled;

pub fn format_scaled(v: i64, decimals: u32) -> String {
    if decimals == 0 {
        return v.to_string();
    }
    let scale = 10i64.pow(decimals);
    let sign = if v < 0 { "-" } else { "" };
    format!(
        "{sign}{}.{:0width$}",
        v.abs() / scale,
        v.abs() % scale,
        width = decimals as usize
    )
}

fn parse_period(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .ok()
}

/// Parses pasted "date, value" lines. Returns every problem, each naming its line in the box
/// (see [`crate::csv_io::pasted_rows`]), so that nothing is saved until the whole paste is right.
pub fn parse_values(
    text: &str,
    decimals: u32,
) -> std::result::Result<Vec<(NaiveDate, i64)>, Vec<String>> {
    let mut out = vec![];
    let mut problems = vec![];
    let mut first = true;
    for row in crate::csv_io::pasted_rows(text) {
        let line_no = row.line;
        let mut parts: Vec<&str> = row.cells.iter().map(|c| c.trim()).collect();
        // A spreadsheet may copy empty cells after the value.
        while parts.last().is_some_and(|p| p.is_empty()) {
            parts.pop();
        }
        if parts.is_empty() {
            continue;
        }
        let is_first = std::mem::replace(&mut first, false);
        let (d, v) = match parts.as_slice() {
            [d, v] => (*d, *v),
            _ => {
                problems.push(format!(
                    "Line {line_no}: expected a date and a value, like 2026-09-07, 42."
                ));
                continue;
            }
        };
        match (parse_period(d), parse_scaled(v, decimals)) {
            (Some(date), Some(value)) => {
                if out.iter().any(|(p, _)| *p == date) {
                    problems.push(format!("Line {line_no}: {date} appears more than once."));
                } else {
                    out.push((date, value));
                }
            }
            // A first line that is neither a date nor a number is a header row.
            (None, None) if is_first => {}
            (None, _) => problems.push(format!(
                "Line {line_no}: \"{d}\" is not a date; use 2026-09-07 or 07/09/2026."
            )),
            (_, None) => problems.push(format!(
                "Line {line_no}: \"{v}\" is not a number with at most {decimals} decimal place{}.",
                if decimals == 1 { "" } else { "s" }
            )),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    name: String,
    unit: String,
    direction: String,
    frequency: String,
    decimals: i64,
    target: Option<i64>,
}

async fn values_of(db: &Db, measure_id: i64) -> Result<Vec<(NaiveDate, i64)>> {
    Ok(crate::db::query_as(
        "SELECT period, value FROM measure_values WHERE measure_id = ? ORDER BY period",
    )
    .bind(measure_id)
    .fetch_all(&db.pool)
    .await?)
}

async fn changes_of(db: &Db, measure_id: i64) -> Result<Vec<MeasureChange>> {
    let rows: Vec<(i64, NaiveDate, String, bool)> =
        crate::db::query_as("SELECT id, change_date, label, rebase FROM measure_changes WHERE measure_id = ? ORDER BY change_date")
            .bind(measure_id)
            .fetch_all(&db.pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, change_date, label, rebase)| MeasureChange {
            id,
            change_date,
            label,
            rebase,
        })
        .collect())
}

/// Computes both charts for a measure from its stored rows.
async fn chart_of(db: &Db, row: Row) -> Result<MeasureChart> {
    let values = values_of(db, row.id).await?;
    let changes = changes_of(db, row.id).await?;
    chart_from(row, values, changes)
}

/// Both charts from a measure's row, its values in period order and its changes in date order.
fn chart_from(
    row: Row,
    values: Vec<(NaiveDate, i64)>,
    changes: Vec<MeasureChange>,
) -> Result<MeasureChart> {
    let decimals = row.decimals as u32;
    let scale = 10f64.powi(decimals as i32);
    let direction = Direction::parse(&row.direction)
        .ok_or_else(|| crate::codes::unknown("Direction", &row.direction))?;
    let ys: Vec<f64> = values.iter().map(|(_, v)| *v as f64 / scale).collect();
    let rebase_at: Vec<usize> = changes
        .iter()
        .filter(|c| c.rebase)
        .filter_map(|c| values.iter().position(|(p, _)| *p >= c.change_date))
        .collect();
    let stored: Vec<i64> = values.iter().map(|(_, v)| *v).collect();
    let xmr = spc::xmr_chart(&stored, decimals, &rebase_at, direction, row.target);
    let run_chart = spc::run_chart(&ys, None, direction);
    let count = |v: Verdict| xmr.points.iter().filter(|p| p.verdict == Some(v)).count() as i64;
    let measure = Measure {
        id: row.id,
        name: row.name,
        unit: row.unit,
        direction,
        frequency: Frequency::stored(&row.frequency)?,
        decimals: row.decimals,
        target: row.target.map(|t| format_scaled(t, decimals)),
        point_count: values.len() as i64,
        latest_verdict: xmr.points.last().and_then(|p| p.verdict),
        assurance: xmr.assurance,
        improvement_signals: count(Verdict::Improvement),
        concern_signals: count(Verdict::Concern),
    };
    Ok(MeasureChart {
        measure,
        points: values
            .iter()
            .zip(&ys)
            .map(|((period, _), value)| ChartPoint {
                period: *period,
                value: *value,
            })
            .collect(),
        run_chart,
        xmr,
        changes,
        pdsa_cycles: vec![],
    })
}

const SELECT: &str = "SELECT id, name, unit, direction, frequency, decimals, target FROM measures";

pub(crate) async fn list(db: &Db, challenge_id: i64) -> Result<Vec<Measure>> {
    let rows: Vec<Row> =
        crate::db::query_as(&format!("{SELECT} WHERE challenge_id = ? ORDER BY id"))
            .bind(challenge_id)
            .fetch_all(&db.pool)
            .await?;
    let mut out = vec![];
    for r in rows {
        out.push(chart_of(db, r).await?.measure);
    }
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct CohortRow {
    challenge_id: i64,
    #[sqlx(flatten)]
    row: Row,
}

/// The challenges on one page of cohort ?1's board, by fellow's name: ?2 of them from row ?3.
/// A macro, so each query below that reads a page stays one constant the plan test can check.
macro_rules! board_page_ids {
    () => {
        "SELECT c.id FROM challenges c JOIN fellows f ON f.id = c.fellow_id WHERE f.cohort_id = ?1
         ORDER BY lower(f.name), c.id LIMIT ?2 OFFSET ?3"
    };
}
pub(crate) use board_page_ids;

pub(crate) const PAGE_MEASURES: &str = concat!(
    "SELECT m.challenge_id, m.id, m.name, m.unit, m.direction, m.frequency, m.decimals, m.target
     FROM measures m WHERE m.challenge_id IN (",
    board_page_ids!(),
    ") ORDER BY m.challenge_id, m.id"
);
pub(crate) const PAGE_VALUES: &str = concat!(
    "SELECT v.measure_id, v.period, v.value FROM measure_values v
     JOIN measures m ON m.id = v.measure_id WHERE m.challenge_id IN (",
    board_page_ids!(),
    ") ORDER BY v.measure_id, v.period"
);
pub(crate) const PAGE_CHANGES: &str = concat!(
    "SELECT x.measure_id, x.id, x.change_date, x.label, x.rebase FROM measure_changes x
     JOIN measures m ON m.id = x.measure_id WHERE m.challenge_id IN (",
    board_page_ids!(),
    ") ORDER BY x.measure_id, x.change_date"
);

/// Where a page of a cohort's board starts: the cohort, how many challenges, from which row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageAt {
    pub cohort_id: i64,
    pub limit: i64,
    pub offset: i64,
}

impl PageAt {
    /// Binds ?1 to ?3 of `board_page_ids`.
    pub(crate) fn bind<'q, O>(
        self,
        q: sqlx::query::QueryAs<'q, crate::db::Backend, O, crate::db::Args<'q>>,
    ) -> sqlx::query::QueryAs<'q, crate::db::Backend, O, crate::db::Args<'q>> {
        q.bind(self.cohort_id).bind(self.limit).bind(self.offset)
    }
}

/// Every measure of the challenges on one page of a cohort's board, by challenge, in three
/// queries whatever the size: the measures, all their values, all their changes.
pub(crate) async fn list_for_board(
    db: &Db,
    at: PageAt,
) -> Result<std::collections::HashMap<i64, Vec<Measure>>> {
    let rows: Vec<CohortRow> = at
        .bind(crate::db::query_as(PAGE_MEASURES))
        .fetch_all(&db.pool)
        .await?;
    let values: Vec<(i64, NaiveDate, i64)> = at
        .bind(crate::db::query_as(PAGE_VALUES))
        .fetch_all(&db.pool)
        .await?;
    let changes: Vec<(i64, i64, NaiveDate, String, bool)> = at
        .bind(crate::db::query_as(PAGE_CHANGES))
        .fetch_all(&db.pool)
        .await?;
    let mut values_by: std::collections::HashMap<i64, Vec<(NaiveDate, i64)>> = Default::default();
    for (m, period, value) in values {
        values_by.entry(m).or_default().push((period, value));
    }
    let mut changes_by: std::collections::HashMap<i64, Vec<MeasureChange>> = Default::default();
    for (m, id, change_date, label, rebase) in changes {
        changes_by.entry(m).or_default().push(MeasureChange {
            id,
            change_date,
            label,
            rebase,
        });
    }
    let mut out: std::collections::HashMap<i64, Vec<Measure>> = Default::default();
    for CohortRow { challenge_id, row } in rows {
        let values = values_by.remove(&row.id).unwrap_or_default();
        let changes = changes_by.remove(&row.id).unwrap_or_default();
        out.entry(challenge_id)
            .or_default()
            .push(chart_from(row, values, changes)?.measure);
    }
    Ok(out)
}

async fn row_of(db: &Db, challenge_id: i64, measure_id: i64) -> Result<Row> {
    let row: Option<Row> =
        crate::db::query_as(&format!("{SELECT} WHERE id = ? AND challenge_id = ?"))
            .bind(measure_id)
            .bind(challenge_id)
            .fetch_optional(&db.pool)
            .await?;
    row.ok_or_else(|| ApiError::not_found("That measure no longer exists."))
}

pub async fn chart(db: &Db, actor: &Actor, r: MeasureRef) -> Result<MeasureChart> {
    rights(db, actor, r.challenge_id).await?;
    let row = row_of(db, r.challenge_id, r.measure_id).await?;
    let mut chart = chart_of(db, row).await?;
    chart.pdsa_cycles = pdsa_list(db, r.challenge_id)
        .await?
        .into_iter()
        .filter(|p| p.measure_id == Some(r.measure_id))
        .collect();
    Ok(chart)
}

pub async fn save(db: &Db, actor: &Actor, input: MeasureInput) -> Result<ChallengeDetail> {
    require_edit(db, actor, input.challenge_id).await?;
    let mut c = Checks::new();
    required(
        &mut c,
        "name",
        &input.name,
        "Name the measure, like \"Delayed discharges per week\".",
    );
    let direction = Direction::parse(&input.direction);
    if direction.is_none() {
        c.fail("direction", "Say which direction is an improvement.");
    }
    let frequency = Frequency::parse(&input.frequency);
    if frequency.is_none() {
        c.fail("frequency", "Choose how often the measure is taken.");
    }
    if !(0..=4).contains(&input.decimals) {
        c.fail("decimals", "Use 0 to 4 decimal places.");
    }
    let target = match input.target.trim() {
        "" => None,
        t => {
            let v = parse_scaled(t, input.decimals.clamp(0, 4) as u32);
            if v.is_none() {
                c.fail(
                    "target",
                    format!(
                        "Enter the target as a number with at most {} decimal places.",
                        input.decimals
                    ),
                );
            }
            v
        }
    };
    c.finish()?;
    let mut tx = db.begin().await?;
    let clash: Option<(i64,)> = crate::db::query_as(
        "SELECT id FROM measures WHERE challenge_id = ? AND name = ? AND id IS DISTINCT FROM ?",
    )
    .bind(input.challenge_id)
    .bind(input.name.trim())
    .bind(input.id)
    .fetch_optional(&mut *tx)
    .await?;
    if clash.is_some() {
        return Err(ApiError::conflict(
            "name",
            "This challenge already has a measure with that name.",
        ));
    }
    if let Some(id) = input.id {
        let (old,): (i64,) =
            crate::db::query_as("SELECT decimals FROM measures WHERE id = ? AND challenge_id = ?")
                .bind(id)
                .bind(input.challenge_id)
                .fetch_one(&mut *tx)
                .await?;
        if old != input.decimals {
            return Err(ApiError::field(
                "decimals",
                "Decimal places cannot change once the measure exists; add a new measure instead.",
            ));
        }
    }
    let sql = match input.id {
        Some(_) => "UPDATE measures SET name = ?1, unit = ?2, direction = ?3, frequency = ?4, decimals = ?5, target = ?6
                    WHERE id = ?7 AND challenge_id = ?8",
        None => "INSERT INTO measures (name, unit, direction, frequency, decimals, target, id, challenge_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    };
    crate::db::query(sql)
        .bind(input.name.trim())
        .bind(input.unit.trim())
        .bind(direction.map(Direction::code))
        .bind(frequency.map(Frequency::code))
        .bind(input.decimals)
        .bind(target)
        .bind(input.id)
        .bind(input.challenge_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    get(db, actor, input.challenge_id).await
}

/// Adds or replaces dated values, all or nothing: one bad line saves none of them.
pub async fn add_values(db: &Db, actor: &Actor, input: MeasureValuesInput) -> Result<MeasureChart> {
    require_edit(db, actor, input.challenge_id).await?;
    let row = row_of(db, input.challenge_id, input.measure_id).await?;
    let parsed = match parse_values(&input.text, row.decimals as u32) {
        Ok(v) if v.is_empty() => {
            return Err(ApiError::field(
                "text",
                "Paste or type at least one date and value.",
            ))
        }
        Ok(v) => v,
        Err(problems) => {
            return Err(ApiError {
                message: format!(
                    "Nothing was saved: {} line{} need{} fixing. {}",
                    problems.len(),
                    if problems.len() == 1 { "" } else { "s" },
                    if problems.len() == 1 { "s" } else { "" },
                    problems[0]
                ),
                fields: problems
                    .into_iter()
                    .map(|message| FieldError {
                        field: "text".into(),
                        message,
                    })
                    .collect(),
                ..ApiError::field("text", "")
            })
        }
    };
    let mut tx = db.begin().await?;
    for (period, value) in parsed {
        crate::db::query(
            "INSERT INTO measure_values (measure_id, period, value) VALUES (?, ?, ?)
             ON CONFLICT (measure_id, period) DO UPDATE SET value = excluded.value",
        )
        .bind(input.measure_id)
        .bind(period)
        .bind(value)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    chart(
        db,
        actor,
        MeasureRef {
            challenge_id: input.challenge_id,
            measure_id: input.measure_id,
        },
    )
    .await
}

pub async fn add_change(db: &Db, actor: &Actor, input: MeasureChangeInput) -> Result<MeasureChart> {
    require_edit(db, actor, input.challenge_id).await?;
    row_of(db, input.challenge_id, input.measure_id).await?;
    let mut c = Checks::new();
    let on = date(
        &mut c,
        "change_date",
        &input.change_date,
        "date of the change",
    );
    required(
        &mut c,
        "label",
        &input.label,
        "Say what changed, like \"New pathway live\".",
    );
    c.finish()?;
    crate::db::query(
        "INSERT INTO measure_changes (measure_id, change_date, label, rebase) VALUES (?, ?, ?, ?)",
    )
    .bind(input.measure_id)
    .bind(on)
    .bind(input.label.trim())
    .bind(input.rebase)
    .execute(&db.pool)
    .await?;
    chart(
        db,
        actor,
        MeasureRef {
            challenge_id: input.challenge_id,
            measure_id: input.measure_id,
        },
    )
    .await
}

pub(crate) async fn pdsa_list(db: &Db, challenge_id: i64) -> Result<Vec<Pdsa>> {
    type R = (
        i64,
        Option<i64>,
        String,
        String,
        String,
        String,
        String,
        NaiveDate,
        Option<NaiveDate>,
    );
    let rows: Vec<R> = crate::db::query_as(
        "SELECT id, measure_id, title, plan, do_notes, study, act, start_date, end_date FROM pdsa_cycles
         WHERE challenge_id = ? ORDER BY start_date, id",
    )
    .bind(challenge_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, measure_id, title, plan, do_notes, study, act, start_date, end_date)| Pdsa {
                id,
                measure_id,
                title,
                plan,
                do_notes,
                study,
                act,
                start_date,
                end_date,
            },
        )
        .collect())
}

pub async fn save_pdsa(db: &Db, actor: &Actor, input: PdsaInput) -> Result<ChallengeDetail> {
    require_edit(db, actor, input.challenge_id).await?;
    let mut c = Checks::new();
    required(&mut c, "title", &input.title, "Name the test of change.");
    let start = date(&mut c, "start_date", &input.start_date, "start date");
    let end = if input.end_date.trim().is_empty() {
        None
    } else {
        date(&mut c, "end_date", &input.end_date, "end date")
    };
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            c.fail("end_date", "The end date cannot be before the start date.");
        }
    }
    c.finish()?;
    if let Some(m) = input.measure_id {
        row_of(db, input.challenge_id, m)
            .await
            .map_err(|_| ApiError::field("measure_id", "That measure does not exist."))?;
    }
    let sql = match input.id {
        Some(_) => "UPDATE pdsa_cycles SET measure_id = ?1, title = ?2, plan = ?3, do_notes = ?4, study = ?5, act = ?6,
                    start_date = ?7, end_date = ?8 WHERE id = ?9 AND challenge_id = ?10",
        None => "INSERT INTO pdsa_cycles (measure_id, title, plan, do_notes, study, act, start_date, end_date, id, challenge_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    };
    crate::db::query(sql)
        .bind(input.measure_id)
        .bind(input.title.trim())
        .bind(input.plan.trim())
        .bind(input.do_notes.trim())
        .bind(input.study.trim())
        .bind(input.act.trim())
        .bind(start)
        .bind(end)
        .bind(input.id)
        .bind(input.challenge_id)
        .execute(&db.pool)
        .await?;
    get(db, actor, input.challenge_id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_numbers_round_trip_without_floats() {
        assert_eq!(parse_scaled("12.5", 1), Some(125));
        assert_eq!(parse_scaled("12", 2), Some(1200));
        assert_eq!(parse_scaled("-0.25", 2), Some(-25));
        assert_eq!(parse_scaled("1,234", 0), Some(1234));
        assert_eq!(
            parse_scaled("12.55", 1),
            None,
            "more places than the measure keeps"
        );
        assert_eq!(parse_scaled("abc", 0), None);
        assert_eq!(parse_scaled("", 0), None);
        assert_eq!(format_scaled(125, 1), "12.5");
        assert_eq!(format_scaled(-25, 2), "-0.25");
        assert_eq!(format_scaled(7, 0), "7");
    }

    #[test]
    fn pasted_values_name_every_bad_line() {
        let ok = parse_values(
            "Week,Delayed discharges\n2026-09-07,42\n14/09/2026\t39\n\n2026-09-21;40\n",
            0,
        )
        .unwrap();
        assert_eq!(ok.len(), 3);
        assert_eq!(ok[1], (NaiveDate::from_ymd_opt(2026, 9, 14).unwrap(), 39));
        let bad = parse_values(
            "2026-09-07,42\n2026-02-30,1\n2026-09-21,lots\n2026-09-07,3\nonly-one-field",
            0,
        )
        .unwrap_err();
        assert_eq!(bad.len(), 4);
        assert!(bad[0].starts_with("Line 2:"), "{bad:?}");
        assert!(bad[1].starts_with("Line 3:") && bad[1].contains("lots"));
        assert!(bad[2].contains("more than once"));
        assert!(bad[3].starts_with("Line 5:"));
    }
}
