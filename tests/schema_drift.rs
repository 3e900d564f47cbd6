//! The two hand-written schemas, `migrations/` (SQLite) and `migrations-pg/` (PostgreSQL), must
//! describe the same tables and columns, migration by migration. Read from the SQL text itself,
//! so the check runs in both test runs without either database.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Where the engines differ on purpose: SQLite's full-text index is an FTS5 virtual table with
/// hidden columns; PostgreSQL's is a table with a rowid and a tsvector.
const DELIBERATE: &[(&str, &str)] = &[
    ("reflection_search", "rowid"),
    ("reflection_search", "document"),
    ("reflection_search", "title"),
    ("reflection_search", "body"),
];

/// Tables one engine has and the other needs no equivalent of: SQLite's trigram index of the
/// fellows is an FTS5 table; PostgreSQL indexes the fellows table itself with pg_trgm.
const SQLITE_ONLY_TABLES: &[&str] = &["fellows_search"];

fn files(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    names.sort();
    names
}

/// Lower-cases, drops `--` comments.
fn clean(sql: &str) -> String {
    sql.lines()
        .map(|l| l.split("--").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase()
}

/// Table -> columns declared by one file's CREATE TABLE and ALTER TABLE ... ADD COLUMN.
fn columns(sql: &str, into: &mut BTreeMap<String, BTreeSet<String>>) {
    let sql = clean(sql);
    for stmt in sql.split(';') {
        let words: Vec<&str> = stmt.split_whitespace().collect();
        let text = words.join(" ");
        if let Some(rest) = text.strip_prefix("create table ") {
            let rest = rest.strip_prefix("if not exists ").unwrap_or(rest);
            let (name, body) = rest.split_once('(').unwrap();
            let body = &body[..body.rfind(')').unwrap()];
            let cols = into.entry(name.trim().to_owned()).or_default();
            // Split on commas outside brackets; each part naming a column starts with its name.
            let mut depth = 0;
            let mut part = String::new();
            let mut parts = vec![];
            for c in body.chars() {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    ',' if depth == 0 => {
                        parts.push(std::mem::take(&mut part));
                        continue;
                    }
                    _ => {}
                }
                part.push(c);
            }
            parts.push(part);
            for p in parts {
                let first = p.split_whitespace().next().unwrap_or("");
                if !["primary", "unique", "check", "foreign", "constraint", ""].contains(&first) {
                    cols.insert(first.to_owned());
                }
            }
        } else if let Some(rest) = text.strip_prefix("drop table ") {
            let rest = rest.strip_prefix("if exists ").unwrap_or(rest);
            into.remove(rest.split_whitespace().next().unwrap());
        } else if let Some(rest) = text.strip_prefix("alter table ") {
            let mut w = rest.split_whitespace();
            let table = w.next().unwrap().to_owned();
            let verb = w.next();
            if verb == Some("rename") && w.next() == Some("to") {
                let cols = into.remove(&table).unwrap_or_default();
                into.insert(w.next().unwrap().to_owned(), cols);
            } else if verb == Some("add") {
                let mut col = w.next().unwrap();
                if col == "column" {
                    col = w.next().unwrap();
                }
                into.entry(table).or_default().insert(col.to_owned());
            }
        } else if let Some(rest) = text.strip_prefix("create virtual table ") {
            into.entry(rest.split_whitespace().next().unwrap().to_owned())
                .or_default();
        }
    }
}

#[test]
fn both_engines_have_the_same_migrations_tables_and_columns() {
    let lite = files("migrations");
    let pg = files("migrations-pg");
    assert_eq!(
        lite, pg,
        "every migration exists for both engines, by the same name"
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (mut a, mut b) = (BTreeMap::new(), BTreeMap::new());
    for name in &lite {
        columns(
            &std::fs::read_to_string(root.join("migrations").join(name)).unwrap(),
            &mut a,
        );
        columns(
            &std::fs::read_to_string(root.join("migrations-pg").join(name)).unwrap(),
            &mut b,
        );
        // Compared after each file, so a drift is reported at the migration that made it.
        let strip = |m: &BTreeMap<String, BTreeSet<String>>| -> BTreeMap<String, BTreeSet<String>> {
            m.iter()
                .filter(|(t, _)| !SQLITE_ONLY_TABLES.contains(&t.as_str()))
                .map(|(t, cols)| {
                    let kept = cols
                        .iter()
                        .filter(|c| !DELIBERATE.contains(&(t.as_str(), c.as_str())))
                        .cloned()
                        .collect();
                    (t.clone(), kept)
                })
                .collect()
        };
        assert_eq!(strip(&a), strip(&b), "the schemas drift apart at {name}");
    }
    // The parse found what it should: a table with its columns from CREATE and ALTER.
    let users = &a["users"];
    for col in ["email", "role", "session_epoch", "last_visit_at"] {
        assert!(users.contains(col), "users.{col}");
    }
}
