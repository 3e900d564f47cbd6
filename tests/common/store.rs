//! Where a test's programme lives: a real SQLite file in its temporary folder, or, in a build
//! with `--features postgres`, a fresh PostgreSQL database on the server named by
//! `FELLOWSHIP_TEST_PG` (default: the local one), made for that test alone.

use std::path::{Path, PathBuf};

use fellowship::Db;

/// The address `Db::open` takes for a new, empty programme called `name`.
#[cfg(not(feature = "postgres"))]
pub async fn fresh_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}.sqlite"))
}

#[cfg(feature = "postgres")]
pub async fn fresh_path(_: &Path, name: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let admin_url = std::env::var("FELLOWSHIP_TEST_PG")
        .unwrap_or_else(|_| "postgres://fellowship:fellowship@127.0.0.1:5432/postgres".into());
    let database = format!(
        "ft_{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed),
        name.to_lowercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "_")
    );
    let admin = sqlx::PgPool::connect(&admin_url)
        .await
        .expect("PostgreSQL for tests");
    fellowship::db::query(&format!("CREATE DATABASE {database}"))
        .execute(&admin)
        .await
        .expect("a test database");
    admin.close().await;
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or(&admin_url);
    PathBuf::from(format!("{base}/{database}"))
}

/// A new, empty (migrated) programme called `name`.
pub async fn fresh_db(dir: &Path, name: &str) -> Db {
    Db::open(&fresh_path(dir, name).await)
        .await
        .expect("open db")
}

/// The programme's own tables (not the engine's, not sqlx's, not FTS5's shadow tables).
pub async fn tables(db: &Db) -> Vec<String> {
    let sql = if cfg!(feature = "postgres") {
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'
         AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY 1"
    } else {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'reflection_search_%'
         AND name NOT LIKE 'fellows_search_%' ORDER BY 1"
    };
    let rows: Vec<(String,)> = fellowship::db::query_as(sql)
        .fetch_all(&db.pool)
        .await
        .unwrap();
    rows.into_iter().map(|(t,)| t).collect()
}

/// The columns of `table` that hold text.
pub async fn text_columns(db: &Db, table: &str) -> Vec<String> {
    let rows: Vec<(String,)> = if cfg!(feature = "postgres") {
        fellowship::db::query_as(
            "SELECT column_name::text FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name = ? AND data_type = 'text'",
        )
        .bind(table)
        .fetch_all(&db.pool)
        .await
        .unwrap()
    } else {
        fellowship::db::query_as(&format!(
            "SELECT name FROM pragma_table_info('{table}') WHERE type = 'TEXT' OR type = ''"
        ))
        .fetch_all(&db.pool)
        .await
        .unwrap()
    };
    rows.into_iter().map(|(c,)| c).collect()
}

/// SQL that is true when the text `column` contains the bound value.
pub fn contains(column: &str) -> String {
    if cfg!(feature = "postgres") {
        format!("strpos({column}, ?) > 0")
    } else {
        format!("instr({column}, ?) > 0")
    }
}
