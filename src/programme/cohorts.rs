//! Cohorts: a programme's yearly intake ("2026/27"), and the cohort overview faculty use.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::access::require_faculty;
use crate::auth::Actor;
use crate::db::Db;
use crate::error::{ApiError, Checks, Result};
use crate::programme::fellows::{FellowStatus, Profession};
use crate::programme::programmes::current_id;
use crate::validate::{date, required};

#[derive(Debug, Clone, Serialize, TS)]
pub struct Cohort {
    pub id: i64,
    pub name: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub fellow_count: i64,
}

/// What the cohort form sends; dates arrive as typed so that a bad one is a field message.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct CohortInput {
    pub id: Option<i64>,
    pub name: String,
    pub start_date: String,
    pub end_date: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CountBy<K> {
    pub key: K,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct HostProfessionCount {
    pub host_id: Option<i64>,
    pub host_name: String,
    pub profession: Profession,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CohortOverview {
    pub cohort: Cohort,
    pub by_status: Vec<CountBy<FellowStatus>>,
    pub by_profession: Vec<CountBy<Profession>>,
    pub by_host_profession: Vec<HostProfessionCount>,
}

type Row = (i64, String, NaiveDate, NaiveDate, i64);

const SELECT: &str = "SELECT c.id, c.name, c.start_date, c.end_date,
    (SELECT count(*) FROM fellows f WHERE f.cohort_id = c.id) FROM cohorts c";

fn from_row((id, name, start_date, end_date, fellow_count): Row) -> Cohort {
    Cohort {
        id,
        name,
        start_date,
        end_date,
        fellow_count,
    }
}

/// Every signed-in user may see the list of cohorts (names and dates only).
pub async fn list(db: &Db, _actor: &Actor) -> Result<Vec<Cohort>> {
    let rows: Vec<Row> =
        crate::db::query_as(&format!("{SELECT} ORDER BY c.start_date DESC, c.name"))
            .fetch_all(&db.pool)
            .await?;
    Ok(rows.into_iter().map(from_row).collect())
}

pub async fn get(db: &Db, _actor: &Actor, id: i64) -> Result<Cohort> {
    let row: Option<Row> = crate::db::query_as(&format!("{SELECT} WHERE c.id = ?"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.map(from_row)
        .ok_or_else(|| ApiError::not_found("That cohort does not exist."))
}

fn check(input: &CohortInput) -> Result<(NaiveDate, NaiveDate)> {
    let mut c = Checks::new();
    required(
        &mut c,
        "name",
        &input.name,
        "Enter the cohort's name, like 2026/27.",
    );
    let start = date(&mut c, "start_date", &input.start_date, "start date");
    let end = date(&mut c, "end_date", &input.end_date, "end date");
    if let (Some(s), Some(e)) = (start, end) {
        if e <= s {
            c.fail("end_date", "The end date must be after the start date.");
        }
    }
    c.finish()?;
    Ok((start.unwrap_or_default(), end.unwrap_or_default()))
}

pub async fn save(db: &Db, actor: &Actor, input: CohortInput) -> Result<Cohort> {
    require_faculty(actor)?;
    let (start, end) = check(&input)?;
    let programme = current_id(db).await?;
    let name = input.name.trim();
    let mut tx = db.begin().await?;
    super::name_free(&mut tx, super::Named::Cohort, programme, name, input.id).await?;
    let id = match input.id {
        Some(id) => {
            let done = crate::db::query("UPDATE cohorts SET name = ?, start_date = ?, end_date = ? WHERE id = ? AND programme_id = ?")
                .bind(name)
                .bind(start)
                .bind(end)
                .bind(id)
                .bind(programme)
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(ApiError::not_found("That cohort does not exist."));
            }
            id
        }
        None => crate::db::query_scalar::<i64>(
            "INSERT INTO cohorts (programme_id, name, start_date, end_date) VALUES (?, ?, ?, ?) RETURNING id",
        )
        .bind(programme)
        .bind(name)
        .bind(start)
        .bind(end)
        .fetch_one(&mut *tx).await?,
    };
    tx.commit().await?;
    get(db, actor, id).await
}

pub async fn overview(db: &Db, actor: &Actor, id: i64) -> Result<CohortOverview> {
    require_faculty(actor)?;
    let cohort = get(db, actor, id).await?;
    let by_status: Vec<(String, i64)> = crate::db::query_as(
        "SELECT status, count(*) FROM fellows WHERE cohort_id = ? GROUP BY status ORDER BY status",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let by_profession: Vec<(String, i64)> = crate::db::query_as(
        "SELECT profession, count(*) FROM fellows WHERE cohort_id = ? GROUP BY profession ORDER BY count(*) DESC, profession",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let by_host: Vec<(Option<i64>, Option<String>, String, i64)> = crate::db::query_as(
        "SELECT f.host_id, h.name, f.profession, count(*) FROM fellows f
         LEFT JOIN host_organisations h ON h.id = f.host_id
         WHERE f.cohort_id = ? GROUP BY f.host_id, h.name, f.profession
         ORDER BY h.name IS NOT NULL, h.name, f.profession",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    Ok(CohortOverview {
        cohort,
        by_status: by_status
            .into_iter()
            .filter_map(|(s, count)| FellowStatus::parse(&s).map(|key| CountBy { key, count }))
            .collect(),
        by_profession: by_profession
            .into_iter()
            .filter_map(|(p, count)| Profession::parse(&p).map(|key| CountBy { key, count }))
            .collect(),
        by_host_profession: by_host
            .into_iter()
            .filter_map(|(host_id, host, p, count)| {
                Profession::parse(&p).map(|profession| HostProfessionCount {
                    host_id,
                    host_name: host.unwrap_or_else(|| "No host yet".into()),
                    profession,
                    count,
                })
            })
            .collect(),
    })
}
