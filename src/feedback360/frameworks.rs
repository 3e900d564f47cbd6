//! Leadership frameworks for 360° feedback: dimensions (description, behaviour statements), a
//! rating scale with labels, and whether "not observed" is allowed. The Healthcare Leadership
//! Model ships in a migration. A framework in use (by a round, a self-assessment or a tagged
//! reflection) is locked: saving changes to it makes a new version, and the old one stays for
//! the records that used it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::responses::{questions, ScalePoint};
use crate::auth::access::{hidden, require_faculty};
use crate::auth::Actor;
use crate::db::{now_stamp, Db, Tx};
use crate::error::{ApiError, Checks, Result};
use crate::validate::required;

#[derive(Debug, Clone, Serialize, TS)]
pub struct FrameworkSummary {
    pub id: i64,
    pub name: String,
    pub version: i64,
    pub is_default: bool,
    pub in_use: bool,
    pub dimensions: i64,
    /// The newer version that replaced this one, if any.
    pub replaced_by: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DimensionInput {
    pub name: String,
    pub description: String,
    pub statements: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct FrameworkDetail {
    pub summary: FrameworkSummary,
    pub description: String,
    pub allows_not_observed: bool,
    pub scale: Vec<ScalePoint>,
    pub dimensions: Vec<DimensionInput>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct FrameworkInput {
    /// Present to change a framework (a new version if it is in use).
    pub id: Option<i64>,
    pub name: String,
    pub description: String,
    pub allows_not_observed: bool,
    /// The scale's labels from lowest to highest (2 to 10 points).
    pub scale: Vec<String>,
    /// What each point means, in the same order (missing or empty: none).
    #[serde(default)]
    pub scale_descriptions: Vec<String>,
    pub dimensions: Vec<DimensionInput>,
    pub make_default: bool,
}

const SELECT: &str = "SELECT f.id, f.name, f.version, f.is_default, f.replaced_by,
    (EXISTS (SELECT 1 FROM feedback_rounds r WHERE r.framework_id = f.id)
     OR EXISTS (SELECT 1 FROM framework_dimensions d JOIN reflection_dimensions x ON x.dimension_id = d.id WHERE d.framework_id = f.id)
     OR EXISTS (SELECT 1 FROM framework_dimensions d JOIN feedback_self_ratings s ON s.dimension_id = d.id WHERE d.framework_id = f.id)),
    (SELECT count(*) FROM framework_dimensions d WHERE d.framework_id = f.id)
    FROM frameworks f";

type Row = (i64, String, i64, bool, Option<i64>, bool, i64);

fn summary(
    (id, name, version, is_default, replaced_by, in_use, dimensions): Row,
) -> FrameworkSummary {
    FrameworkSummary {
        id,
        name,
        version,
        is_default,
        in_use,
        dimensions,
        replaced_by,
    }
}

pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<FrameworkSummary>> {
    require_faculty(actor)?;
    let rows: Vec<Row> = crate::db::query_as(&format!("{SELECT} ORDER BY f.name, f.version DESC"))
        .fetch_all(&db.pool)
        .await?;
    Ok(rows.into_iter().map(summary).collect())
}

pub async fn get(db: &Db, actor: &Actor, id: i64) -> Result<FrameworkDetail> {
    require_faculty(actor)?;
    let row: Option<Row> = crate::db::query_as(&format!("{SELECT} WHERE f.id = ?"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    let summary = summary(row.ok_or_else(hidden)?);
    let (description,): (String,) =
        crate::db::query_as("SELECT description FROM frameworks WHERE id = ?")
            .bind(id)
            .fetch_one(&db.pool)
            .await?;
    let q = questions(db, id).await?;
    Ok(FrameworkDetail {
        summary,
        description,
        allows_not_observed: q.allows_not_observed,
        scale: q.scale,
        dimensions: q
            .dimensions
            .into_iter()
            .map(|d| DimensionInput {
                name: d.name,
                description: d.description,
                statements: d.statements,
            })
            .collect(),
    })
}

fn check(input: &FrameworkInput) -> Result<()> {
    let mut c = Checks::new();
    required(&mut c, "name", &input.name, "Enter the framework's name.");
    let labels: Vec<&str> = input.scale.iter().map(|s| s.trim()).collect();
    if !(2..=10).contains(&labels.len()) || labels.iter().any(|l| l.is_empty()) {
        c.fail("scale", "Give the scale 2 to 10 points, each with a label.");
    }
    if input.dimensions.is_empty() {
        c.fail("dimensions", "Add at least one dimension.");
    }
    for (i, d) in input.dimensions.iter().enumerate() {
        if d.name.trim().is_empty() {
            c.fail(
                &format!("dimensions.{i}.name"),
                "Enter the dimension's name.",
            );
        }
        if input.dimensions[..i]
            .iter()
            .any(|o| o.name.trim() == d.name.trim())
        {
            c.fail(
                &format!("dimensions.{i}.name"),
                "Two dimensions have this name.",
            );
        }
    }
    c.finish()
}

async fn write_parts(tx: &mut Tx, id: i64, input: &FrameworkInput) -> Result<()> {
    for (i, label) in input.scale.iter().enumerate() {
        crate::db::query(
            "INSERT INTO framework_scale_points (framework_id, value, label, description) VALUES (?, ?, ?, ?)",
        )
        .bind(id)
        .bind(i as i64 + 1)
        .bind(label.trim())
        .bind(input.scale_descriptions.get(i).map_or("", |d| d.trim()))
        .execute(&mut **tx)
        .await?;
    }
    for (i, d) in input.dimensions.iter().enumerate() {
        let dim = crate::db::query_scalar::<i64>(
            "INSERT INTO framework_dimensions (framework_id, position, name, description) VALUES (?, ?, ?, ?) RETURNING id",
        )
        .bind(id)
        .bind(i as i64 + 1)
        .bind(d.name.trim())
        .bind(d.description.trim())
        .fetch_one(&mut **tx).await?;
        for (j, s) in d
            .statements
            .iter()
            .filter(|s| !s.trim().is_empty())
            .enumerate()
        {
            crate::db::query(
                "INSERT INTO framework_statements (dimension_id, position, body) VALUES (?, ?, ?)",
            )
            .bind(dim)
            .bind(j as i64 + 1)
            .bind(s.trim())
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

pub async fn save(db: &Db, actor: &Actor, input: FrameworkInput) -> Result<FrameworkDetail> {
    require_faculty(actor)?;
    check(&input)?;
    let existing = match input.id {
        Some(id) => Some(get(db, actor, id).await?.summary),
        None => None,
    };
    if existing.as_ref().is_some_and(|e| e.replaced_by.is_some()) {
        return Err(ApiError::conflict(
            "name",
            "A newer version of this framework exists; change that one instead.",
        ));
    }
    let mut tx = db.begin().await?;
    let name_taken: Option<(i64,)> = crate::db::query_as(
        "SELECT id FROM frameworks WHERE name = ? AND id IS DISTINCT FROM ? AND (? IS NULL OR name <> (SELECT name FROM frameworks WHERE id = ?))",
    )
    .bind(input.name.trim())
    .bind(input.id)
    .bind(input.id)
    .bind(input.id)
    .fetch_optional(&mut *tx)
    .await?;
    if name_taken.is_some() {
        return Err(ApiError::conflict(
            "name",
            "Another framework has this name.",
        ));
    }
    let id = match existing {
        // Unused: change it where it stands.
        Some(e) if !e.in_use => {
            for table in [
                "DELETE FROM framework_statements WHERE dimension_id IN (SELECT id FROM framework_dimensions WHERE framework_id = ?)",
                "DELETE FROM framework_dimensions WHERE framework_id = ?",
                "DELETE FROM framework_scale_points WHERE framework_id = ?",
            ] {
                crate::db::query(table).bind(e.id).execute(&mut *tx).await?;
            }
            crate::db::query("UPDATE frameworks SET name = ?, description = ?, allows_not_observed = ? WHERE id = ?")
                .bind(input.name.trim())
                .bind(input.description.trim())
                .bind(input.allows_not_observed)
                .bind(e.id)
                .execute(&mut *tx)
                .await?;
            e.id
        }
        // In use: a new version replaces it; the records that used it keep the old one.
        Some(e) => {
            let new = crate::db::query_scalar::<i64>(
                "INSERT INTO frameworks (name, version, is_default, created_at, description, allows_not_observed)
                 VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(input.name.trim())
            .bind(e.version + 1)
            .bind(e.is_default)
            .bind(now_stamp())
            .bind(input.description.trim())
            .bind(input.allows_not_observed)
            .fetch_one(&mut *tx).await?;
            crate::db::query("UPDATE frameworks SET replaced_by = ?, is_default = FALSE WHERE id = ?")
                .bind(new)
                .bind(e.id)
                .execute(&mut *tx)
                .await?;
            new
        }
        None => crate::db::query_scalar::<i64>(
            "INSERT INTO frameworks (name, version, is_default, created_at, description, allows_not_observed)
             VALUES (?, 1, FALSE, ?, ?, ?) RETURNING id",
        )
        .bind(input.name.trim())
        .bind(now_stamp())
        .bind(input.description.trim())
        .bind(input.allows_not_observed)
        .fetch_one(&mut *tx).await?,
    };
    write_parts(&mut tx, id, &input).await?;
    if input.make_default {
        crate::db::query("UPDATE frameworks SET is_default = (id = ?)")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    get(db, actor, id).await
}
