//! The desktop app's log: daily files in a `logs` folder beside its database, that the About
//! section shows and opens; a browser is told its server keeps its own.

use std::sync::Arc;

use crate::common::*;
use fellowship::api::session::{Session, Workspaces};
use fellowship::transport::desktop::Desktop;
use fellowship::ErrorKind;
use serde_json::Value;

#[test]
fn the_app_writes_its_log_into_daily_files_in_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = fellowship::api::log_file::folder_for(&dir.path().join("fellowship.sqlite"));
    assert_eq!(folder, dir.path().join("logs"));
    let guard = fellowship::api::log_file::start(&folder).unwrap();
    tracing::error!(
        command = "list_cohorts",
        error = "disk I/O error",
        "a command failed"
    );
    drop(guard); // written out, as at exit
    let files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert_eq!(files, [format!("fellowship.{today}.log")]);
    let text = std::fs::read_to_string(folder.join(&files[0])).unwrap();
    assert!(
        text.contains("ERROR") && text.contains("disk I/O error"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "no terminal colours in a file");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_about_section_shows_and_opens_the_log_folder_in_the_app_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_db(dir.path(), "local").await;
    let ws = Arc::new(Workspaces::new(db, None));
    let folder = dir.path().join("logs");
    let app = Desktop::new(ws.clone(), dir.path().join("local.workspace.json"))
        .with_log_folder(folder.clone());
    let about = app.call("about", Value::Null).await.unwrap();
    assert_eq!(about["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(about["log_folder"], folder.display().to_string());

    // The file manager is played by a script that notes what it was asked to open.
    let opened = dir.path().join("opened.txt");
    let script = dir.path().join("opener.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\necho \"$1\" > {}\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    std::env::set_var("FELLOWSHIP_BROWSER", &script);
    app.call("open_log_folder", Value::Null).await.unwrap();
    let mut asked = String::new();
    for _ in 0..100 {
        asked = std::fs::read_to_string(&opened).unwrap_or_default();
        if !asked.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(asked.trim(), folder.display().to_string());

    // A browser (any transport but the app) has no log of its own to show or open.
    let mut browser = Session::default();
    let about = fellowship::api::dispatch(&ws, &mut browser, "about", Value::Null)
        .await
        .unwrap();
    assert!(about["log_folder"].is_null());
    let e = fellowship::api::dispatch(&ws, &mut browser, "open_log_folder", Value::Null)
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
}
