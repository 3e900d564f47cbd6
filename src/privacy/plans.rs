//! A subject-access export and an erasure are about one person: each of their statements must
//! find that person's rows through an index, not read a whole table (in a national scheme over ten
//! years the 360 tables hold millions of rows, the audit trail more). SQLite's plan of each
//! statement is checked.

use super::{erasure, subject_access};
use crate::auth::visibility::condition;
use crate::db::query_plan::steps;
use crate::db::Db;

/// Reference tables, a few rows whatever the programme's size, which may be read whole.
const SMALL: &[&str] = &[
    "framework_dimensions",
    "fd",
    "outcome_measures",
    "outcome_waves",
    "w",
];

/// The plan's lines that read a whole table or index other than a small one.
async fn scans(db: &Db, sql: &str) -> Vec<String> {
    steps(db, sql)
        .await
        .into_iter()
        .filter(|d| {
            d.strip_prefix("SCAN ").is_some_and(|rest| {
                let table = rest.split(' ').next().unwrap_or_default();
                // An FTS5 table asked for rows by id says SCAN, with its constraint after the
                // index number ("INDEX 0:="); a whole read has none ("INDEX 0:").
                let by_id = rest.contains("VIRTUAL TABLE INDEX") && !rest.ends_with(':');
                !SMALL.contains(&table) && table != "CONSTANT" && !by_id
            })
        })
        .collect()
}

#[tokio::test]
async fn one_persons_export_and_erasure_read_through_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("plan.sqlite")).await.unwrap();
    let mut statements: Vec<String> = vec![];
    for def in subject_access::SECTIONS {
        statements.push(match &def.guard {
            Some(g) => def.sql.replace("{visible}", &condition(g.field, g.alias)),
            None => def.sql.to_owned(),
        });
        if let Some(held) = def.guard.as_ref().and_then(|g| g.held) {
            statements.push(held.to_owned());
        }
    }
    statements.extend(erasure::STEPS.iter().map(|(_, sql)| (*sql).to_owned()));
    statements.extend(erasure::ACCOUNT_STATEMENTS.iter().map(|s| (*s).to_owned()));
    let mut found: Vec<(String, Vec<String>)> = vec![];
    for sql in statements {
        let s = scans(&db, &sql).await;
        if !s.is_empty() {
            found.push((sql, s));
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
