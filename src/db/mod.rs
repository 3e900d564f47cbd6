//! Room `db`: storage. Uses only the base (error, validate, codes); every other room uses it.
//!
//! Opening the SQLite database: every option set explicitly, migrations run at start, and
//! an existing database copied aside (VACUUM INTO) before a migration changes it.

pub mod audit;
pub mod backups;
pub mod conditions;
pub mod dialect;
pub mod encryption;
pub mod json_rows;
pub mod paging;
#[cfg(all(test, not(feature = "postgres")))]
pub(crate) mod query_plan;
pub mod sealed;

use std::path::{Path, PathBuf};
#[cfg(not(feature = "postgres"))]
use std::str::FromStr;
use std::time::Duration;

#[cfg(not(feature = "postgres"))]
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
#[cfg(not(feature = "postgres"))]
use sqlx::Sqlite;
use sqlx::{Database, Transaction};

use crate::error::{ApiError, Result};

#[cfg(not(feature = "postgres"))]
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!();
#[cfg(feature = "postgres")]
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations-pg");

/// The storage engine every query is written for. Domain code names these aliases and builds its
/// queries with `query`, `query_as` and `query_scalar` below, never sqlx's directly, so the SQL
/// passes through one place that can adapt it to a second engine (PostgreSQL for the programme
/// server, whose placeholders are `$1` where SQLite's are `?`).
#[cfg(not(feature = "postgres"))]
pub type Backend = Sqlite;
#[cfg(feature = "postgres")]
pub type Backend = sqlx::Postgres;
pub type Pool = sqlx::Pool<Backend>;
pub type Conn = <Backend as Database>::Connection;
pub type DbRow = <Backend as Database>::Row;
pub type Args<'q> = <Backend as Database>::Arguments<'q>;

/// The SQL as the engine wants it: unchanged for SQLite, placeholders numbered for PostgreSQL.
fn engine_sql(sql: &str) -> &str {
    if cfg!(feature = "postgres") {
        crate::db::dialect::for_postgres(sql)
    } else {
        sql
    }
}

/// Rows an import writes with one statement: 100,000 rows are a few thousand statements, not
/// hundreds of thousands, so the write lock is held for seconds rather than minutes. (With the
/// widest row, well under SQLite's 32,766 and PostgreSQL's 65,535 parameters.)
pub const ROWS_PER_STATEMENT: usize = 200;

/// `n` groups of `width` placeholders, for a statement writing many rows: "(?, ?), (?, ?)".
pub fn placeholder_groups(n: usize, width: usize) -> String {
    let group = format!("({})", vec!["?"; width].join(", "));
    vec![group; n].join(", ")
}

/// A LIKE pattern matching text that contains `s`, its own % and _ taken literally (with
/// `ESCAPE '\'`).
pub(crate) fn like_pattern(s: &str) -> String {
    let escaped = s
        .trim()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

pub fn query(sql: &str) -> sqlx::query::Query<'_, Backend, Args<'_>> {
    sqlx::query(engine_sql(sql))
}

pub fn query_as<'q, O>(sql: &'q str) -> sqlx::query::QueryAs<'q, Backend, O, Args<'q>>
where
    O: for<'r> sqlx::FromRow<'r, DbRow>,
{
    sqlx::query_as(engine_sql(sql))
}

pub fn query_scalar<'q, O>(sql: &'q str) -> sqlx::query::QueryScalar<'q, Backend, O, Args<'q>>
where
    (O,): for<'r> sqlx::FromRow<'r, DbRow>,
{
    sqlx::query_scalar(engine_sql(sql))
}

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: Pool,
    pub path: PathBuf,
    /// The SQLCipher key (`x'…'`) when the file is encrypted; copies of it use the same key.
    pub(crate) key: Option<std::sync::Arc<str>>,
    /// The audit trail's group commit, shared by every handle to this database.
    pub(crate) audit: std::sync::Arc<crate::db::audit::AuditQueue>,
}

pub type Tx = Transaction<'static, Backend>;

#[cfg(feature = "postgres")]
impl Db {
    /// Connects to the PostgreSQL database at `url` (given where SQLite takes a file path) and
    /// migrates it.
    pub async fn open(url: &Path) -> Result<Db> {
        check_address(url)?;
        let url = url.to_string_lossy().to_string();
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(&url)
            .await?;
        refuse_newer_schema(&pool).await?;
        MIGRATOR.run(&pool).await?;
        Ok(Db {
            pool,
            path: PathBuf::from(url),
            key: None,
            audit: Default::default(),
        })
    }

    pub async fn unlock(_: &Path, _: &str) -> Result<Db> {
        Err(sqlite_only("Encryption with a passphrase"))
    }

    pub(crate) async fn open_with_key(_: &Path, _: Option<String>) -> Result<Db> {
        Err(sqlite_only("Encryption with a passphrase"))
    }
}

/// Refuses a programme that a newer Fellowship has already migrated. Its schema has changes this
/// version does not know, which it would misread or undo; nothing is changed, and the sentence
/// says which version to run.
async fn refuse_newer_schema(pool: &Pool) -> Result<()> {
    let exists = if cfg!(feature = "postgres") {
        "SELECT count(*) FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'"
    } else {
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"
    };
    let (tables,): (i64,) = query_as(exists).fetch_one(pool).await?;
    if tables == 0 {
        return Ok(());
    }
    let (newest,): (Option<i64>,) =
        query_as("SELECT max(version) FROM _sqlx_migrations WHERE success = TRUE")
            .fetch_one(pool)
            .await?;
    let known = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
    match newest {
        Some(v) if v > known => Err(ApiError::conflict(
            "database",
            format!(
                "This programme was last opened by a newer version of Fellowship (its schema is at \
                 {v}; this version {} knows up to {known}). Install that newer version to open it; \
                 this one has changed nothing.",
                env!("CARGO_PKG_VERSION")
            ),
        )),
        _ => Ok(()),
    }
}

/// What both engines do alike.
impl Db {
    /// Only an SQLCipher file has a key; a PostgreSQL programme never does.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// A write transaction no other writer interleaves with (see `begin_on`).
    pub async fn begin(&self) -> Result<Tx> {
        begin_on(&self.pool).await
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// How many kibibytes of decrypted pages each connection to an encrypted file may keep: filled
/// only as pages are read, so a desktop-sized programme (a few MB) takes no more than its file.
#[cfg(not(feature = "postgres"))]
const ENCRYPTED_CACHE_KIB: u64 = 16 * 1024;

/// How much of a plain database file is read through memory mapping: far more than any
/// programme's file (a national scheme's ten years are about 400 MB).
#[cfg(not(feature = "postgres"))]
const MMAP_SIZE: u64 = 1 << 30;

#[cfg(not(feature = "postgres"))]
impl Db {
    /// Opens (creating if missing) and migrates the plain database at `path`.
    pub async fn open(path: &Path) -> Result<Db> {
        check_address(path)?;
        if crate::db::encryption::is_encrypted(path) {
            return Err(locked());
        }
        Self::open_with_key(path, None).await
    }

    /// Opens the encrypted database at `path` with its passphrase.
    pub async fn unlock(path: &Path, passphrase: &str) -> Result<Db> {
        let key = crate::db::encryption::key_for(path, passphrase)?;
        Self::open_with_key(path, Some(key)).await
    }

    /// Opens with an SQLCipher key (None for a plain file), checks the key, then migrates.
    pub(crate) async fn open_with_key(path: &Path, key: Option<String>) -> Result<Db> {
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|e| {
                    ApiError::internal(format!("Cannot create the folder {}: {e}", dir.display()))
                })?;
            }
        }
        let existed = path.exists();
        let opts = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // Deleted content (an erased reflection, answers rewritten in a new order) is
            // overwritten, not left in free pages for anyone holding the file.
            .pragma("secure_delete", "ON");
        let opts = match &key {
            // sqlx sends the key before any other pragma, as SQLCipher requires.
            // SQLCipher decrypts each page as it reads it, so an encrypted file does not use the
            // memory mapping below; each connection keeps its own decrypted pages instead, and
            // SQLite's default of 2 MB made the whole list of 40,000 fellows decrypt the same
            // pages again and again (1.2 s against 0.1 s for a plain file; 8 MB was enough).
            Some(k) => opts
                .pragma("key", format!("\"{k}\""))
                .pragma("cache_size", format!("-{ENCRYPTED_CACHE_KIB}")),
            // Reads come straight from the system's file cache, shared by every connection of
            // the pool, instead of each connection keeping its own copy of the pages it read:
            // otherwise a screen served by a connection that has not read those pages yet reads
            // them again (at 40,000 fellows a page of 50 took 15 ms instead of 1.5 ms). SQLCipher
            // decrypts each page as it reads it, so an encrypted file does not use this.
            None => opts.pragma("mmap_size", MMAP_SIZE.to_string()),
        };
        // A small pool: writes are serialised anyway; a few readers serve a programme server.
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            // A connection to a local file does not go stale; checking it before each use was
            // a round trip to its thread for every statement (about a tenth of a millisecond).
            .test_before_acquire(false)
            .connect_with(opts)
            .await
            .map_err(|e| wrong_key(e, key.is_some()))?;
        // A wrong key shows only when the first page is read.
        sqlx::query("SELECT count(*) FROM sqlite_master")
            .execute(&pool)
            .await
            .map_err(|e| wrong_key(e, key.is_some()))?;
        let db = Db {
            pool,
            path: path.to_owned(),
            key: key.map(std::sync::Arc::from),
            audit: Default::default(),
        };
        refuse_newer_schema(&db.pool).await?;
        if existed && db.pending_migrations().await? > 0 {
            db.backup_before_migration().await?;
        }
        MIGRATOR.run(&db.pool).await?;
        Ok(db)
    }

    /// Number of embedded migrations not yet applied to this database.
    pub async fn pending_migrations(&self) -> Result<usize> {
        let has_table: Option<(String,)> = sqlx::query_as(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
        )
        .fetch_optional(&self.pool)
        .await?;
        let applied: Vec<(i64,)> = if has_table.is_some() {
            sqlx::query_as("SELECT version FROM _sqlx_migrations WHERE success = 1")
                .fetch_all(&self.pool)
                .await?
        } else {
            vec![]
        };
        Ok(MIGRATOR
            .iter()
            .filter(|m| !applied.iter().any(|(v,)| *v == m.version))
            .count())
    }

    /// Copies the database aside, consistently, before a migration changes it.
    /// Returns the path of the copy; an empty database (no tables) is not copied.
    async fn backup_before_migration(&self) -> Result<Option<PathBuf>> {
        let (tables,): (i64,) =
            sqlx::query_as("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
                .fetch_one(&self.pool)
                .await?;
        if tables == 0 {
            return Ok(None);
        }
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let name = format!(
            "{}.pre-migration-{stamp}.sqlite",
            self.path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("fellowship")
        );
        let target = self.path.with_file_name(name);
        sqlx::query("VACUUM INTO ?")
            .bind(target.to_string_lossy().to_string())
            .execute(&self.pool)
            .await?;
        Ok(Some(target))
    }
}

/// Refuses an address for the other engine, rather than making a file named like a URL or
/// reading a file as a URL.
pub fn check_address(address: &Path) -> Result<()> {
    let text = address.to_string_lossy();
    let is_url = text.starts_with("postgres://") || text.starts_with("postgresql://");
    match (cfg!(feature = "postgres"), is_url) {
        (false, true) => Err(ApiError::internal(
            "This build of Fellowship keeps each programme in an SQLite file. To serve a programme from PostgreSQL, build it with `cargo build --release --features postgres`.",
        )),
        (true, false) => Err(ApiError::internal(
            "This build of Fellowship serves a programme from PostgreSQL: give --db postgres://user:password@host/database.",
        )),
        _ => Ok(()),
    }
}

/// A write transaction that no other writer interleaves with: SQLite's BEGIN IMMEDIATE, or on
/// PostgreSQL one transaction-scoped lock every writer takes, so a read-then-write never fails
/// half-way or acts on a stale read.
pub async fn begin_on(pool: &Pool) -> Result<Tx> {
    #[cfg(not(feature = "postgres"))]
    let tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    #[cfg(feature = "postgres")]
    let tx = {
        let mut tx = pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock(7305)")
            .execute(&mut *tx)
            .await?;
        tx
    };
    Ok(tx)
}

/// The refusal for what only an SQLite programme file can do (encryption, file backups,
/// restore); PostgreSQL has its own tools for those.
pub fn sqlite_only(what: &str) -> ApiError {
    ApiError::forbidden(format!(
        "{what} is for a programme kept in a file. This programme is in PostgreSQL: use the database's own backups (pg_dump) and encryption."
    ))
}

/// Refuses `what` on PostgreSQL; nothing on SQLite.
pub fn needs_sqlite(what: &str) -> Result<()> {
    if cfg!(feature = "postgres") {
        Err(sqlite_only(what))
    } else {
        Ok(())
    }
}

/// The refusal for an encrypted database opened without its passphrase.
pub fn locked() -> ApiError {
    ApiError::field(
        "passphrase",
        "This programme's data is encrypted. Enter its passphrase to open it.",
    )
}

#[cfg(not(feature = "postgres"))]
fn wrong_key(e: sqlx::Error, keyed: bool) -> ApiError {
    match &e {
        sqlx::Error::Database(d) if d.message().contains("file is not a database") => {
            if keyed {
                ApiError::field("passphrase", "That passphrase does not open this database.")
            } else {
                locked()
            }
        }
        _ => e.into(),
    }
}

pub fn now_stamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
