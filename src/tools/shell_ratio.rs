//! The benchmark's comparison with Debian's `sqlite3` shell (`fellowship bench --shell`): each
//! screen's statements are caught as SQLite runs them for the app, with their values bound
//! (`sqlite3_expanded_sql`), then the same text is timed in the shell on the same file. What
//! the app adds beyond the shell (sqlx, decoding, the rules in Rust) is the ratio between them.

use std::ffi::{c_int, c_uint, c_void, CStr};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use libsqlite3_sys as ffi;

use crate::db::Db;
use crate::error::{ApiError, Result};

static RECORDING: AtomicBool = AtomicBool::new(false);
/// Read statements caught while recording; whether any statement wrote.
static CAUGHT: Mutex<(Vec<String>, bool)> = Mutex::new((vec![], false));

/// SQLite's profile callback: called as each statement finishes, on the thread that ran it.
unsafe extern "C" fn on_profile(
    kind: c_uint,
    _context: *mut c_void,
    statement: *mut c_void,
    _nanoseconds: *mut c_void,
) -> c_int {
    if kind != ffi::SQLITE_TRACE_PROFILE as c_uint || !RECORDING.load(Ordering::Relaxed) {
        return 0;
    }
    let statement = statement.cast::<ffi::sqlite3_stmt>();
    let mut caught = CAUGHT.lock().unwrap_or_else(|p| p.into_inner());
    // A write is not run again in the shell: it would change the file being timed.
    // SAFETY: SQLite passes a live statement to a profile callback; the expanded text is ours
    // to free.
    unsafe {
        if ffi::sqlite3_stmt_readonly(statement) == 0 {
            caught.1 = true;
            return 0;
        }
        let text = ffi::sqlite3_expanded_sql(statement);
        if !text.is_null() {
            let sql = CStr::from_ptr(text).to_string_lossy().into_owned();
            ffi::sqlite3_free(text.cast());
            // FTS5 reads its own tables with statements of its own (`FROM 'main'.'x_data'`),
            // run inside the app's statement: the shell runs them too, inside the same one.
            if !sql.contains("'main'.'") {
                caught.0.push(sql);
            }
        }
    }
    0
}

/// Asks SQLite to report each statement on every connection of the pool (all of them are
/// opened and held at once, so none is missed).
pub async fn watch(db: &Db) -> Result<()> {
    let mut held = vec![];
    for _ in 0..db.pool.options().get_max_connections() {
        let mut conn = db.pool.acquire().await?;
        {
            let mut handle = conn.lock_handle().await?;
            // SAFETY: the handle is locked for this call; the callback touches only statics.
            let rc = unsafe {
                ffi::sqlite3_trace_v2(
                    handle.as_raw_handle().as_ptr(),
                    ffi::SQLITE_TRACE_PROFILE as c_uint,
                    Some(on_profile),
                    std::ptr::null_mut(),
                )
            };
            if rc != ffi::SQLITE_OK {
                return Err(ApiError::internal("SQLite would not trace statements."));
            }
        }
        held.push(conn);
    }
    Ok(())
}

/// The read statements run while `f` runs, and whether any statement wrote.
pub async fn catch<T>(f: impl std::future::Future<Output = T>) -> (T, Vec<String>, bool) {
    *CAUGHT.lock().unwrap_or_else(|p| p.into_inner()) = (vec![], false);
    RECORDING.store(true, Ordering::Relaxed);
    let out = f.await;
    RECORDING.store(false, Ordering::Relaxed);
    let (statements, wrote) =
        std::mem::take(&mut *CAUGHT.lock().unwrap_or_else(|p| p.into_inner()));
    (out, statements, wrote)
}

/// How long the `sqlite3` shell takes to run `statements` once on `file`, rows written to
/// /dev/null: the statements `reps` times over, less the shell's own start, divided by `reps`.
pub fn shell_time(file: &Path, statements: &[String], reps: usize) -> Result<Duration> {
    let failed = |e: std::io::Error| ApiError::internal(format!("sqlite3: {e}"));
    let run = |script: String| -> Result<Duration> {
        let t = Instant::now();
        let mut child = std::process::Command::new("sqlite3")
            .arg("-bail")
            .arg(file)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .map_err(failed)?;
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().expect("piped");
            stdin.write_all(script.as_bytes()).map_err(failed)?;
        }
        let out = child.wait_with_output().map_err(failed)?;
        if !out.status.success() {
            return Err(ApiError::internal(format!(
                "sqlite3 failed: {}",
                String::from_utf8_lossy(&out.stderr)
            )));
        }
        Ok(t.elapsed())
    };
    let body: String = statements
        .iter()
        .map(|s| format!("{};\n", s.trim().trim_end_matches(';')))
        .collect();
    // The same settings the app's connections run with that change how a read is done.
    let start = ".output /dev/null\nPRAGMA foreign_keys = ON;\nSELECT 1;\n".to_owned();
    let mut best_with = Duration::MAX;
    let mut best_without = Duration::MAX;
    // Each measured three times, the fastest kept: the shell's start varies by a few ms.
    for _ in 0..3 {
        best_without = best_without.min(run(start.clone())?);
        best_with = best_with.min(run(start.clone() + &body.repeat(reps))?);
    }
    Ok(best_with.saturating_sub(best_without) / reps.max(1) as u32)
}
