//! The desktop app's log: one file a day (`fellowship.YYYY-MM-DD.log`) in a `logs` folder in its
//! data directory, the last `KEEP_DAYS` kept, so that when something fails at 10:42 there is
//! something to send the programme office's IT. Errors and warnings with their cause, never
//! personal data (the core logs ids and reasons, not names or what anyone wrote). The About
//! section on "Your account" shows the folder and opens it.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use crate::api::session::{Session, Workspaces};
use crate::api::NoArgs;
use crate::error::{ApiError, Result};

pub const KEEP_DAYS: usize = 14;

/// Keeps the writer alive: the last lines are written out when it is dropped, at exit.
pub type Guard = tracing_appender::non_blocking::WorkerGuard;

/// Starts logging into daily files in `folder` at the level `RUST_LOG` names (info by default).
pub fn start(folder: &Path) -> std::io::Result<Guard> {
    std::fs::create_dir_all(folder)?;
    let files = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("fellowship")
        .filename_suffix("log")
        .max_log_files(KEEP_DAYS)
        .build(folder)
        .map_err(std::io::Error::other)?;
    let (writer, guard) = tracing_appender::non_blocking(files);
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init();
    Ok(guard)
}

/// The folder beside the database `db` where its app keeps its log.
pub fn folder_for(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("logs")
}

/// What the app is, and where its log is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct About {
    pub version: String,
    /// The log's folder on this computer (the desktop app); None in a browser, whose server
    /// keeps its own log.
    pub log_folder: Option<String>,
}

pub fn about(log_folder: Option<&Path>) -> About {
    About {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        log_folder: log_folder.map(|f| f.display().to_string()),
    }
}

/// Opens the log's folder in the computer's file manager.
pub fn open(folder: &Path) -> Result<About> {
    std::fs::create_dir_all(folder)
        .and_then(|()| crate::opener::open(&folder.display().to_string()))
        .map_err(|e| {
            ApiError::internal(format!(
                "The log folder {} could not be opened ({e}). Open it from the file manager instead.",
                folder.display()
            ))
        })?;
    Ok(about(Some(folder)))
}

/// As a browser (or any transport but the desktop app) answers them.
impl Session {
    pub async fn about(&mut self, _: &Workspaces, _: NoArgs) -> Result<About> {
        Ok(about(None))
    }

    pub async fn open_log_folder(&mut self, _: &Workspaces, _: NoArgs) -> Result<About> {
        Err(ApiError::forbidden(
            "Only the desktop app keeps a log on this computer; the programme server keeps its own.",
        ))
    }
}
