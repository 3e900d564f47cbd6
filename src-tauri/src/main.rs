//! The Tauri shell: opens the database, holds the session, and forwards each call to the
//! core's one command surface. No rules live here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;

use fellowship::api;
use fellowship::session::{Session, Workspaces};
use fellowship::{ApiError, Db};
use serde_json::Value;
use tokio::sync::Mutex;

struct AppState {
    workspaces: Workspaces,
    session: Mutex<Session>,
}

/// The single IPC entry point: `call(command, args)` -> the command's response or an ApiError.
#[tauri::command]
async fn call(
    state: tauri::State<'_, AppState>,
    command: String,
    args: Value,
) -> Result<Value, ApiError> {
    let mut session = state.session.lock().await;
    api::dispatch(&state.workspaces, &mut session, &command, args).await
}

/// `--db PATH`, then `FELLOWSHIP_DB`, then the platform data directory.
fn database_path() -> PathBuf {
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--db" {
            if let Some(p) = args.next() {
                return PathBuf::from(p);
            }
        } else if let Some(p) = a.strip_prefix("--db=") {
            return PathBuf::from(p);
        }
    }
    if let Ok(p) = std::env::var("FELLOWSHIP_DB") {
        return PathBuf::from(p);
    }
    directories::ProjectDirs::from("uk.nhs", "", "Fellowship")
        .map(|d| d.data_dir().join("fellowship.sqlite"))
        .unwrap_or_else(|| PathBuf::from("fellowship.sqlite"))
}

fn main() {
    let path = database_path();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let db = match runtime.block_on(Db::open(&path)) {
        Ok(db) => db,
        Err(e) => {
            eprintln!(
                "Fellowship could not open its database at {}: {}",
                path.display(),
                e.message
            );
            std::process::exit(1);
        }
    };
    // The demo lives in its own file beside the real one, never mixed into it.
    let demo = path.with_file_name(format!(
        "{}.demo.sqlite",
        path.file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("fellowship")
    ));
    tauri::async_runtime::set(runtime.handle().clone());
    tauri::Builder::default()
        .manage(AppState {
            workspaces: Workspaces::new(db, Some(demo)),
            session: Mutex::new(Session::default()),
        })
        .invoke_handler(tauri::generate_handler![call])
        .run(tauri::generate_context!())
        .expect("error while running Fellowship");
}
