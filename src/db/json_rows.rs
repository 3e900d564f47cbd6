//! A statement of thousands of small rows read as one: the rows folded into a JSON array of
//! arrays by the database and unfolded here. Each row sqlx hands over from SQLite costs about
//! 5 µs (its values copied on the database's thread, sent across, and freed), four times what
//! the database takes to make a row of counts; a national programme's breakdown by host is
//! 4,000 such rows. Used only where a screen reads that many rows to work figures out of them.

use serde::de::DeserializeOwned;

use crate::error::{ApiError, Result};

/// `inner`'s rows, each as an array of `columns` (in that order), in one JSON text: SQLite's
/// `json_group_array`, PostgreSQL's `json_agg`. No rows give `[]`. The rows keep `inner`'s
/// ORDER BY: both engines fold a plain subquery's rows in the order it gives them (PostgreSQL
/// documents it as working "usually"; the list tests check the order on both).
pub fn json_rows_sql(inner: &str, columns: &[&str]) -> String {
    let row = columns.join(", ");
    if cfg!(feature = "postgres") {
        format!(
            "SELECT coalesce(json_agg(json_build_array({row})), '[]')::text FROM ({inner}) AS r"
        )
    } else {
        format!("SELECT json_group_array(json_array({row})) FROM ({inner}) AS r")
    }
}

/// Runs a `json_rows_sql` statement, its values bound, and reads its rows.
pub async fn fetch<'q, T: DeserializeOwned>(
    query: sqlx::query::QueryAs<'q, super::Backend, (String,), super::Args<'q>>,
    db: &super::Db,
) -> Result<Vec<T>> {
    let (text,) = query.fetch_one(&db.pool).await?;
    from_json_rows(&text)
}

/// The rows of a `json_rows_sql` text, each as `T` (a tuple of the columns' types; dates come
/// as text and read as `NaiveDate`).
fn from_json_rows<T: DeserializeOwned>(text: &str) -> Result<Vec<T>> {
    serde_json::from_str(text)
        .map_err(|e| ApiError::internal(format!("Rows read as JSON could not be read: {e}")))
}
