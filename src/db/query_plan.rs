//! SQLite's plan of a statement, step by step, for the tests that check a screen's or a data
//! protection path's statements read through indexes as programmes grow.

use super::Db;

/// Each step of `sql`'s plan (the detail column of `EXPLAIN QUERY PLAN`), its parameters
/// unbound.
pub(crate) async fn steps(db: &Db, sql: &str) -> Vec<String> {
    let plan: Vec<(i64, i64, i64, String)> = super::query_as(&format!("EXPLAIN QUERY PLAN {sql}"))
        .fetch_all(&db.pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    plan.into_iter().map(|(.., detail)| detail).collect()
}
