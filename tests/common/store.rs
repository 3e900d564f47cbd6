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
        name.to_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "_")
    );
    let admin = sqlx::PgPool::connect(&admin_url).await.expect("PostgreSQL for tests");
    sqlx::query(&format!("CREATE DATABASE {database}"))
        .execute(&admin)
        .await
        .expect("a test database");
    admin.close().await;
    let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin_url);
    PathBuf::from(format!("{base}/{database}"))
}

/// A new, empty (migrated) programme called `name`.
pub async fn fresh_db(dir: &Path, name: &str) -> Db {
    Db::open(&fresh_path(dir, name).await).await.expect("open db")
}
