//! 360° feedback: the leadership framework (the Healthcare Leadership Model ships as the
//! default), rounds, nominated raters with invitation codes, responses, and reports under the
//! anonymity rules.
//!
//! A domain room: uses the base, `db`, `auth`, `programme`, `mail` and `accounts`, and other
//! domain rooms without a loop (tests/architecture.rs).

pub mod anonymity;
pub mod code_sheets;
pub mod codes;
pub mod frameworks;
pub mod invitations;
pub mod overview;
pub mod progress;
pub mod questionnaire_file;
pub mod report;
pub mod report_pdf;
pub mod response_seal;
pub mod responses;
pub mod rounds;

use serde::Serialize;
use ts_rs::TS;

use crate::db::Db;
use crate::error::Result;

#[derive(Debug, Clone, Serialize, TS)]
pub struct Dimension {
    pub id: i64,
    pub position: i64,
    pub name: String,
    pub description: String,
}

/// The dimensions of the default framework, in order.
pub async fn default_dimensions(db: &Db) -> Result<Vec<Dimension>> {
    let rows: Vec<(i64, i64, String, String)> = crate::db::query_as(
        "SELECT d.id, d.position, d.name, d.description FROM framework_dimensions d
         JOIN frameworks f ON f.id = d.framework_id WHERE f.is_default = TRUE ORDER BY d.position",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, position, name, description)| Dimension {
            id,
            position,
            name,
            description,
        })
        .collect())
}
