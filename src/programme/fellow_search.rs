//! Finding fellows by part of a name, email or registration number through each engine's
//! trigram index (migration 31). SQLite matches the FTS5 index `fellows_search`; PostgreSQL's
//! pg_trgm indexes serve the `lower(...) LIKE` below as it stands. Both find what a plain
//! case-insensitive substring search finds.

use crate::db::conditions::Arg;

/// The plain search, read from every fellow's values (or, on PostgreSQL, from pg_trgm).
const SUBSTRING: &str =
    "(lower(f.name) LIKE lower(?) ESCAPE '\\' OR lower(f.email) LIKE lower(?) ESCAPE '\\'
      OR lower(f.registration_number) LIKE lower(?) ESCAPE '\\')";

/// Through the index: the fellows holding every three-character piece of the search in order.
const INDEXED: &str = "f.id IN (SELECT rowid FROM fellows_search WHERE fellows_search MATCH ?)";

/// The condition over `fellows f` matching `search` (already trimmed, not empty) and its value.
pub(super) fn condition(search: &str) -> (&'static str, Arg) {
    // The trigram index holds pieces of three characters; through it a shorter search would
    // match nothing, so one or two characters are looked for in the values themselves.
    if cfg!(feature = "postgres") || search.chars().count() < 3 {
        (SUBSTRING, Arg::Text(crate::db::like_pattern(search)))
    } else {
        (INDEXED, Arg::Text(phrase(search)))
    }
}

/// The search as one FTS5 string: inside double quotes every character stands for itself
/// (`*`, `:`, `(`, `AND`), and a quote is written twice.
fn phrase(search: &str) -> String {
    format!("\"{}\"", search.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_is_one_phrase_whatever_it_holds() {
        assert_eq!(phrase("o'brien"), "\"o'brien\"");
        assert_eq!(phrase("say \"hi\" OR *"), "\"say \"\"hi\"\" OR *\"");
    }

    #[cfg(not(feature = "postgres"))]
    #[test]
    fn two_characters_are_looked_for_without_the_index() {
        assert_eq!(condition("ab").0, SUBSTRING);
        assert_eq!(condition("abc").0, INDEXED);
        // Characters, not bytes: two accented letters are four bytes.
        assert_eq!(condition("éé").0, SUBSTRING);
    }

    /// A search of three characters or more reads the fellows the index names, by id, and
    /// never every fellow.
    #[cfg(not(feature = "postgres"))]
    #[tokio::test]
    async fn a_search_reads_the_index_not_every_fellow() {
        let dir = tempfile::tempdir().unwrap();
        let db = crate::db::Db::open(&dir.path().join("plan.sqlite"))
            .await
            .unwrap();
        let (sql, Arg::Text(value)) = condition("khan") else {
            panic!("a text value")
        };
        let plan: Vec<(i64, i64, i64, String)> = crate::db::query_as(&format!(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM fellows f WHERE {sql}"
        ))
        .bind(value)
        .fetch_all(&db.pool)
        .await
        .unwrap();
        let steps: Vec<&str> = plan.iter().map(|p| p.3.as_str()).collect();
        assert!(
            steps
                .iter()
                .any(|p| p.starts_with("SCAN fellows_search VIRTUAL TABLE"))
                && steps
                    .iter()
                    .any(|p| p.contains("USING INTEGER PRIMARY KEY"))
                && !steps.contains(&"SCAN f"),
            "{steps:?}"
        );
    }
}
