//! The SQLite and PostgreSQL schemas are written by hand, twice. Here both are applied to real
//! databases and read back from each engine's own catalogue: tables, columns with their type
//! family and nullability, primary, foreign and unique keys, CHECK constraints counted per
//! table, and triggers by name must agree, apart from the differences named in `DELIBERATE`.
//! It needs both engines, so it runs in the PostgreSQL test pass (`--features postgres`).
#![cfg(feature = "postgres")]

use crate::common;

use std::collections::BTreeSet;

use sqlx::Row;

/// Where the engines differ on purpose, as the facts each side states (see migrations-pg/PORTING.md).
const DELIBERATE: &[&str] = &[
    // Full-text search: SQLite's FTS5 virtual table has hidden columns and shadow tables;
    // PostgreSQL's is a plain table with a rowid key and a generated tsvector.
    "column reflection_search.rowid int not null",
    "column reflection_search.title text null",
    "column reflection_search.body text null",
    "column reflection_search.document tsvector null",
    "key reflection_search primary (rowid)",
    // Finding fellows by part of a name: SQLite's FTS5 trigram index and the triggers that
    // keep it in step; PostgreSQL's pg_trgm indexes on the fellows themselves.
    "table fellows_search",
    "trigger fellows.fellows_search_insert",
    "trigger fellows.fellows_search_update",
    "trigger fellows.fellows_search_delete",
    // COLLATE NOCASE columns: PostgreSQL keeps them unique through an index on lower(...).
    "unique users (lower(email))",
    "unique users (email)",
    // PostgreSQL only: TRUNCATE skips row triggers, so the trail refuses it by its own trigger;
    // identity columns refuse an explicit NULL id, which three INSERTs still send (fill_null_id).
    "trigger audit_log.audit_log_no_truncate",
    "trigger host_organisations.host_organisations_fill_null_id",
    "trigger measures.measures_fill_null_id",
    "trigger pdsa_cycles.pdsa_cycles_fill_null_id",
];

#[tokio::test]
async fn sqlite_and_postgres_schemas_agree() {
    let dir = tempfile::tempdir().unwrap();
    let lite = sqlite_facts(&dir.path().join("schema.sqlite")).await;
    let url = common::fresh_path(dir.path(), "schema").await;
    let pg = postgres_facts(url.to_str().unwrap()).await;
    assert!(lite.len() > 300, "{} facts read from SQLite", lite.len());

    let only = |a: &BTreeSet<String>, b: &BTreeSet<String>| -> Vec<String> {
        a.difference(b)
            .filter(|f| !DELIBERATE.contains(&f.as_str()))
            .cloned()
            .collect()
    };
    let (only_lite, only_pg) = (only(&lite, &pg), only(&pg, &lite));
    assert!(
        only_lite.is_empty() && only_pg.is_empty(),
        "the schemas differ.\nOnly in migrations/ (SQLite):\n  {}\nOnly in migrations-pg/ (PostgreSQL):\n  {}",
        only_lite.join("\n  "),
        only_pg.join("\n  ")
    );
    // Every deliberate difference is still a difference: one fixed is taken off the list.
    for d in DELIBERATE {
        assert!(
            lite.contains(*d) != pg.contains(*d),
            "{d}: no longer differs, take it off DELIBERATE"
        );
    }
}

/// SQLite's declared type to a family: the engines store the same values in different types.
fn lite_family(declared: &str) -> &'static str {
    let t = declared.to_uppercase();
    if t.contains("INT") {
        "int"
    } else if t.contains("CHAR") || t.contains("TEXT") || t.contains("CLOB") {
        "text"
    } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
        "real"
    } else if t.contains("BLOB") || t.is_empty() {
        "blob"
    } else {
        "numeric"
    }
}

/// PostgreSQL's type to the same families: a BOOLEAN is SQLite's 0/1 INTEGER, a DATE its text.
fn pg_family(data_type: &str) -> &str {
    match data_type {
        "bigint" | "integer" | "smallint" | "boolean" => "int",
        "text" | "character varying" | "date" => "text",
        "double precision" | "real" => "real",
        "bytea" => "blob",
        "numeric" => "numeric",
        other => other,
    }
}

fn on_delete(action: &str) -> &'static str {
    match action.to_uppercase().as_str() {
        "CASCADE" | "C" => " on delete cascade",
        "SET NULL" | "N" => " on delete set null",
        "RESTRICT" | "R" => " on delete restrict",
        "SET DEFAULT" | "D" => " on delete set default",
        _ => "",
    }
}

async fn sqlite_facts(path: &std::path::Path) -> BTreeSet<String> {
    let opts = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true);
    let pool = sqlx::SqlitePool::connect_with(opts).await.unwrap();
    sqlx::migrate!("./migrations").run(&pool).await.unwrap();
    let mut facts = BTreeSet::new();
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'reflection_search_%'
         AND name NOT LIKE 'fellows_search_%' ORDER BY 1",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    for (t, sql) in &tables {
        facts.insert(format!("table {t}"));
        if t == "reflection_search" || t == "fellows_search" {
            continue;
        }
        let cols = sqlx::query(&format!(
            "SELECT name, type, \"notnull\", pk FROM pragma_table_info('{t}') ORDER BY pk, cid"
        ))
        .fetch_all(&pool)
        .await
        .unwrap();
        let mut pk = vec![];
        let mut booleans = vec![];
        for c in &cols {
            let (name, ty): (String, String) = (c.get(0), c.get(1));
            let (notnull, key): (i64, i64) = (c.get(2), c.get(3));
            let null = if notnull == 1 || key > 0 {
                "not null"
            } else {
                "null"
            };
            facts.insert(format!("column {t}.{name} {} {null}", lite_family(&ty)));
            if key > 0 {
                pk.push(name.clone());
            }
            booleans.push(name);
        }
        if !pk.is_empty() {
            facts.insert(format!("key {t} primary ({})", pk.join(", ")));
        }
        let fks = sqlx::query(&format!(
            "SELECT id, \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list('{t}') ORDER BY id, seq"
        ))
        .fetch_all(&pool)
        .await
        .unwrap();
        let mut by_id: std::collections::BTreeMap<i64, (Vec<String>, String, Vec<String>, String)> =
            Default::default();
        for f in &fks {
            let e = by_id
                .entry(f.get(0))
                .or_insert_with(|| (vec![], f.get::<String, _>(2), vec![], f.get::<String, _>(4)));
            e.0.push(f.get(1));
            // A key naming no column refers to the parent's primary key.
            e.2.push(f.get::<Option<String>, _>(3).unwrap_or_else(|| "id".into()));
        }
        for (from, parent, to, del) in by_id.into_values() {
            facts.insert(format!(
                "foreign {t} ({}) -> {parent} ({}){}",
                from.join(", "),
                to.join(", "),
                on_delete(&del)
            ));
        }
        let uniques = sqlx::query(&format!(
            "SELECT name, partial FROM pragma_index_list('{t}') WHERE \"unique\" = 1 AND origin <> 'pk'"
        ))
        .fetch_all(&pool)
        .await
        .unwrap();
        for u in &uniques {
            let name: String = u.get(0);
            let partial: i64 = u.get(1);
            let cols: Vec<(Option<String>,)> = sqlx::query_as(&format!(
                "SELECT name FROM pragma_index_info('{name}') ORDER BY seqno"
            ))
            .fetch_all(&pool)
            .await
            .unwrap();
            let cols: Vec<String> = cols
                .into_iter()
                .map(|(c,)| c.unwrap_or_else(|| "(expression)".into()))
                .collect();
            let partial = if partial == 1 { " where ..." } else { "" };
            facts.insert(format!("unique {t} ({}){partial}", cols.join(", ")));
        }
        // CHECKs by count; those only keeping a 0/1 column to 0 and 1 by column, since
        // PostgreSQL keeps most such columns as BOOLEAN, which needs no CHECK.
        let lower = sql.to_lowercase();
        let mut checks = lower.matches("check (").count() + lower.matches("check(").count();
        for c in &booleans {
            if lower.contains(&format!("check ({c} in (0, 1))")) {
                checks -= 1;
                facts.insert(format!("zero-or-one {t}.{c}"));
            }
        }
        facts.insert(format!("checks {t} {checks}"));
    }
    let triggers: Vec<(String, String)> =
        sqlx::query_as("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
            .fetch_all(&pool)
            .await
            .unwrap();
    for (t, name) in triggers {
        facts.insert(format!("trigger {t}.{name}"));
    }
    let views: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'view'")
            .fetch_all(&pool)
            .await
            .unwrap();
    for (v,) in views {
        facts.insert(format!("view {v}"));
    }
    pool.close().await;
    facts
}

async fn postgres_facts(url: &str) -> BTreeSet<String> {
    // The fresh database is migrated by opening it as the app does.
    let db = fellowship::Db::open(std::path::Path::new(url))
        .await
        .unwrap();
    db.pool.close().await;
    let pool = sqlx::PgPool::connect(url).await.unwrap();
    let mut facts = BTreeSet::new();
    let public = "table_schema = 'public' AND table_name NOT LIKE '\\_%' ESCAPE '\\'";
    let tables: Vec<(String,)> = sqlx::query_as(&format!(
        "SELECT table_name::text FROM information_schema.tables WHERE {public} AND table_type = 'BASE TABLE'"
    ))
    .fetch_all(&pool)
    .await
    .unwrap();
    for (t,) in &tables {
        facts.insert(format!("table {t}"));
    }
    let views: Vec<(String,)> = sqlx::query_as(&format!(
        "SELECT table_name::text FROM information_schema.views WHERE {public}"
    ))
    .fetch_all(&pool)
    .await
    .unwrap();
    for (v,) in &views {
        facts.insert(format!("view {v}"));
    }
    let cols: Vec<(String, String, String, String)> = sqlx::query_as(&format!(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text
         FROM information_schema.columns WHERE {public} AND table_name IN
           (SELECT table_name FROM information_schema.tables WHERE {public} AND table_type = 'BASE TABLE')"
    ))
    .fetch_all(&pool)
    .await
    .unwrap();
    for (t, c, ty, nullable) in &cols {
        if ty == "boolean" {
            facts.insert(format!("zero-or-one {t}.{c}"));
        }
        let null = if nullable == "NO" { "not null" } else { "null" };
        facts.insert(format!("column {t}.{c} {} {null}", pg_family(ty)));
    }
    let cols_of = |rel: &str, keys: &str| {
        format!(
            "(SELECT string_agg(a.attname, ', ' ORDER BY k.o) FROM unnest({keys}) WITH ORDINALITY k(n, o)
              JOIN pg_attribute a ON a.attrelid = {rel} AND a.attnum = k.n)"
        )
    };
    type Con = (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        String,
    );
    let cons: Vec<Con> = sqlx::query_as(&format!(
        "SELECT c.conrelid::regclass::text, c.contype::text, {},
                    CASE WHEN c.contype = 'f' THEN c.confrelid::regclass::text END, {},
                    c.confdeltype::text, pg_get_constraintdef(c.oid)
             FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
             WHERE n.nspname = 'public' AND c.conrelid::regclass::text NOT LIKE '\\_%' ESCAPE '\\'",
        cols_of("c.conrelid", "c.conkey"),
        cols_of("c.confrelid", "c.confkey")
    ))
    .fetch_all(&pool)
    .await
    .unwrap();
    let mut checks: std::collections::BTreeMap<&str, usize> =
        tables.iter().map(|(t,)| (t.as_str(), 0)).collect();
    for (t, kind, cols, parent, to, del, def) in &cons {
        let cols = cols.clone().unwrap_or_default();
        match kind.as_str() {
            "p" => {
                facts.insert(format!("key {t} primary ({cols})"));
            }
            "u" => {
                facts.insert(format!("unique {t} ({cols})"));
            }
            "f" => {
                facts.insert(format!(
                    "foreign {t} ({cols}) -> {} ({}){}",
                    parent.clone().unwrap_or_default(),
                    to.clone().unwrap_or_default(),
                    on_delete(del)
                ));
            }
            // `CHECK ((responded = ANY (ARRAY[(0)::bigint, (1)::bigint])))`
            "c" if def.contains("ARRAY[(0)::bigint, (1)::bigint]") => {
                let column = def
                    .trim_start_matches("CHECK ((")
                    .split(' ')
                    .next()
                    .unwrap_or("");
                facts.insert(format!("zero-or-one {t}.{column}"));
            }
            "c" => *checks.entry(t.as_str()).or_default() += 1,
            _ => {}
        }
    }
    for (t, n) in checks {
        if t != "reflection_search" {
            facts.insert(format!("checks {t} {n}"));
        }
    }
    // Unique indexes made by CREATE UNIQUE INDEX (constraints' own indexes are counted above).
    let indexes: Vec<(String, String)> = sqlx::query_as(
        "SELECT i.tablename::text, i.indexdef FROM pg_indexes i
         WHERE i.schemaname = 'public' AND i.indexdef LIKE 'CREATE UNIQUE INDEX%'
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    for (t, def) in indexes {
        let (cols, partial) = match def.split_once(" WHERE ") {
            Some((head, _)) => (head, " where ..."),
            None => (def.as_str(), ""),
        };
        let cols = cols.split_once(" USING btree ").map_or(cols, |(_, c)| c);
        let cols = cols.trim();
        let cols = cols
            .strip_prefix('(')
            .and_then(|c| c.strip_suffix(')'))
            .unwrap_or(cols);
        facts.insert(format!("unique {t} ({cols}){partial}"));
    }
    let triggers: Vec<(String, String)> = sqlx::query_as(
        "SELECT tgrelid::regclass::text, tgname::text FROM pg_trigger WHERE NOT tgisinternal",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    for (t, name) in triggers {
        facts.insert(format!("trigger {t}.{name}"));
    }
    pool.close().await;
    facts
}
