//! The programme a workspace runs. One database holds one programme; its cohorts, hosts and
//! fellows hang off it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::access::require_faculty;
use crate::auth::Actor;
use crate::db::{now_stamp, Db, Tx};
use crate::error::{ApiError, Checks, Result};
use crate::validate::required;

#[derive(Debug, Clone, Serialize, TS)]
pub struct Programme {
    pub id: i64,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ProgrammeInput {
    pub name: String,
    pub description: String,
}

type Row = (i64, String, String);

fn from_row((id, name, description): Row) -> Programme {
    Programme {
        id,
        name,
        description,
    }
}

fn check(input: &ProgrammeInput) -> Result<()> {
    let mut c = Checks::new();
    required(&mut c, "name", &input.name, "Enter the programme's name.");
    c.finish()
}

pub(crate) async fn insert(tx: &mut Tx, input: &ProgrammeInput) -> Result<i64> {
    check(input)?;
    Ok(crate::db::query_scalar::<i64>(
        "INSERT INTO programmes (name, description, created_at) VALUES (?, ?, ?) RETURNING id",
    )
    .bind(input.name.trim())
    .bind(input.description.trim())
    .bind(now_stamp())
    .fetch_one(&mut **tx)
    .await?)
}

/// The workspace's programme, if one has been set up.
pub async fn current(db: &Db) -> Result<Option<Programme>> {
    let row: Option<Row> =
        crate::db::query_as("SELECT id, name, description FROM programmes ORDER BY id LIMIT 1")
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.map(from_row))
}

pub async fn current_id(db: &Db) -> Result<i64> {
    current(db)
        .await?
        .map(|p| p.id)
        .ok_or_else(|| ApiError::not_found("No programme has been set up yet."))
}

pub async fn get(db: &Db, _actor: &Actor) -> Result<Programme> {
    // Every signed-in user may see the programme's name.
    current(db)
        .await?
        .ok_or_else(|| ApiError::not_found("No programme has been set up yet."))
}

pub async fn update(db: &Db, actor: &Actor, input: ProgrammeInput) -> Result<Programme> {
    require_faculty(actor)?;
    check(&input)?;
    let id = current_id(db).await?;
    crate::db::query("UPDATE programmes SET name = ?, description = ? WHERE id = ?")
        .bind(input.name.trim())
        .bind(input.description.trim())
        .bind(id)
        .execute(&db.pool)
        .await?;
    get(db, actor).await
}
