//! The Tauri shell: opens the database, holds what the app has open (this computer's programme
//! or a programme server), and forwards each call to the core. No rules live here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod origin;
#[cfg(target_os = "linux")]
mod webkit;

use std::path::PathBuf;
use std::sync::Arc;

use fellowship::api::session::Workspaces;
use fellowship::challenges::summary_pdf::Document;
use fellowship::transport::desktop::Desktop;
use fellowship::{ApiError, Db};
use serde_json::Value;

struct AppState {
    desktop: Desktop,
    downloads: PathBuf,
}

/// The single IPC entry point: `call(command, args)` -> the command's response or an ApiError.
#[tauri::command]
async fn call(
    webview: tauri::Webview,
    state: tauri::State<'_, AppState>,
    command: String,
    args: Value,
) -> Result<Value, ApiError> {
    from_app(&webview)?;
    let result = state.desktop.call(&command, args).await;
    if let Err(e) = &result {
        if e.kind == fellowship::error::ErrorKind::Internal {
            // The cause, for whoever reads the log; what the person sees is the same message.
            tracing::error!(command = %command, error = %e.message, "a command failed");
        }
    }
    result
}

/// Saves a document the core produced (e.g. a PDF) into the downloads folder; returns its path.
#[tauri::command]
fn save_document(
    webview: tauri::Webview,
    state: tauri::State<'_, AppState>,
    document: Document,
) -> Result<String, ApiError> {
    from_app(&webview)?;
    Ok(document.save_in(&state.downloads)?.display().to_string())
}

/// Refuses a call from any page but the app's own.
fn from_app(webview: &tauri::Webview) -> Result<(), ApiError> {
    match webview.url() {
        Ok(url) if origin::is_app_page(&url) => Ok(()),
        _ => Err(ApiError::forbidden(
            "Fellowship accepts calls only from its own pages.",
        )),
    }
}

/// The value of `--name PATH` or `--name=PATH` on the command line.
fn arg(name: &str) -> Option<PathBuf> {
    let mut args = std::env::args().skip(1);
    let prefixed = format!("{name}=");
    while let Some(a) = args.next() {
        if a == name {
            return args.next().map(PathBuf::from);
        } else if let Some(p) = a.strip_prefix(&prefixed) {
            return Some(PathBuf::from(p));
        }
    }
    None
}

/// `--db PATH`, then `FELLOWSHIP_DB`, then the platform data directory.
fn database_path() -> PathBuf {
    arg("--db")
        .or_else(|| std::env::var("FELLOWSHIP_DB").ok().map(PathBuf::from))
        .unwrap_or_else(|| {
            directories::ProjectDirs::from("uk.nhs", "", "Fellowship")
                .map(|d| d.data_dir().join("fellowship.sqlite"))
                .unwrap_or_else(|| PathBuf::from("fellowship.sqlite"))
        })
}

/// `--downloads DIR`, then the user's downloads folder, then their home.
fn downloads_dir() -> PathBuf {
    arg("--downloads").unwrap_or_else(|| {
        directories::UserDirs::new()
            .map(|u| u.download_dir().unwrap_or(u.home_dir()).to_path_buf())
            .unwrap_or_else(|| PathBuf::from("."))
    })
}

fn main() {
    fellowship::auth::return_large_blocks_to_the_system();
    let path = database_path();
    // The log beside the database, a file a day; kept open until the app exits.
    let log_folder = fellowship::api::log_file::folder_for(&path);
    let _log = match fellowship::api::log_file::start(&log_folder) {
        Ok(guard) => Some(guard),
        Err(e) => {
            eprintln!(
                "Fellowship cannot write its log in {}: {e}",
                log_folder.display()
            );
            None
        }
    };
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "Fellowship started");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    // The demo lives in its own file beside the real one, never mixed into it; beside them too
    // is the choice of a programme server, when one is used instead.
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("fellowship")
        .to_owned();
    let demo = path.with_file_name(format!("{stem}.demo.sqlite"));
    let choice = path.with_file_name(format!("{stem}.workspace.json"));
    // An encrypted programme opens when someone gives its passphrase in the app.
    let workspaces = if fellowship::db::encryption::is_encrypted(&path) {
        Workspaces::locked(path.clone(), Some(demo))
    } else {
        let db = match runtime.block_on(Db::open(&path)) {
            Ok(db) => db,
            Err(e) => {
                let why = format!(
                    "Fellowship could not open its database at {}: {}",
                    path.display(),
                    e.message
                );
                tracing::error!("{why}");
                eprintln!("{why}");
                std::process::exit(1);
            }
        };
        Workspaces::new(db, Some(demo))
    };
    let workspaces = Arc::new(workspaces);
    // The outbox is delivered while the app is open (nothing is queued while email is off).
    {
        let _in_runtime = runtime.enter();
        fellowship::transport::mail_worker::spawn(workspaces.clone());
    }
    // The daily backup, kept by the retention rule, checked as the window opens (not before it:
    // copying ten years of records would hold the first screen back) and every hour after, so
    // an app left open for days still makes it; a failure is reported, work goes on.
    let timer = workspaces.clone();
    runtime.spawn(async move {
        let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            hourly.tick().await;
            let Ok(db) = timer.main() else { continue };
            if let Err(e) = fellowship::db::backups::scheduled(&db, chrono::Utc::now()).await {
                tracing::error!(error = %e.message, "the daily backup could not be made");
            }
        }
    });
    tauri::async_runtime::set(runtime.handle().clone());
    tauri::Builder::default()
        .manage(AppState {
            desktop: Desktop::new(workspaces, choice).with_log_folder(log_folder),
            downloads: downloads_dir(),
        })
        // The window never leaves the app's own pages: no remote content, ever.
        .plugin(
            tauri::plugin::Builder::<tauri::Wry>::new("stay-in-app")
                .on_navigation(|_, url| origin::is_app_page(url))
                .build(),
        )
        .setup(|app| {
            #[cfg(target_os = "linux")]
            for window in tauri::Manager::webview_windows(app).values() {
                window.with_webview(webkit::lean)?;
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![call, save_document])
        .run(tauri::generate_context!())
        .expect("error while running Fellowship");
}
