//! The desktop app's two kinds of workspace: the programme on this computer, or a programme
//! server reached by its address. Commands go to whichever is open; the choice survives a
//! restart; a bad address is refused beside its field; only the desktop app may switch.

use crate::common::http::{start, Browser};
use crate::common::*;
use fellowship::api::session::{Session, Workspaces};
use fellowship::transport::desktop::Desktop;
use fellowship::ErrorKind;
use serde_json::{json, Value};
use std::sync::Arc;

/// A desktop app with its own (empty) programme file, in its own folder.
async fn desktop(dir: &std::path::Path) -> Desktop {
    let db = fresh_db(dir, "local").await;
    Desktop::new(
        Arc::new(Workspaces::new(db, None)),
        dir.join("local.workspace.json"),
    )
}

fn cohort(name: &str, start: &str, end: &str) -> Value {
    json!({"id": null, "name": name, "start_date": start, "end_date": end})
}

fn cohort_names(list: &Value) -> Vec<String> {
    let mut names: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_desktop_app_works_on_a_programme_server_and_remembers_it() {
    let mut w = world().await;
    w.call("save_cohort", cohort("2025/26", "2025-09-01", "2026-08-31"))
        .await
        .unwrap();
    let base = start(Workspaces::new(w.db().clone(), None)).await;
    let dir = tempfile::tempdir().unwrap();
    let choice = dir.path().join("local.workspace.json");
    let app = desktop(dir.path()).await;

    // It starts on this computer's programme, which has not been set up.
    let info = app.call("workspace_info", Value::Null).await.unwrap();
    assert_eq!(info, json!({"server": null, "can_switch": true}));
    let status = app.call("app_status", Value::Null).await.unwrap();
    assert_eq!(status["needs_setup"], true);

    // Bad addresses are refused beside the field, and nothing changes.
    for bad in ["", "fellowship.nhs.uk", "http://fellowship.example.nhs.uk"] {
        let e = app
            .call("open_server_workspace", json!({ "url": bad }))
            .await
            .unwrap_err();
        assert_eq!(
            (e.kind, e.field.as_deref()),
            (ErrorKind::Validation, Some("url")),
            "{bad}"
        );
    }
    // Nothing listening there: said in words, beside the field.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let e = app
        .call(
            "open_server_workspace",
            json!({ "url": format!("http://127.0.0.1:{closed}") }),
        )
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("url"));
    assert!(e.message.contains("Could not reach"), "{}", e.message);
    assert!(!choice.exists());
    assert_eq!(
        app.call("workspace_info", Value::Null).await.unwrap()["server"],
        Value::Null
    );

    // The server: signing in and working there, not on this computer.
    let info = app
        .call(
            "open_server_workspace",
            json!({ "url": format!("{base}/") }),
        )
        .await
        .unwrap();
    assert_eq!(info, json!({"server": base, "can_switch": true}));
    let status = app.call("app_status", Value::Null).await.unwrap();
    assert_eq!(
        (status["needs_setup"].clone(), status["user"].clone()),
        (json!(false), Value::Null)
    );
    let e = app
        .call(
            "sign_in",
            json!({"email": "lead@nhs.net", "password": "wrong password!"}),
        )
        .await
        .unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::Validation,
        "the server's own refusal comes back typed"
    );
    let status = app
        .call(
            "sign_in",
            json!({"email": "lead@nhs.net", "password": PASSWORD}),
        )
        .await
        .unwrap();
    assert_eq!(status["user"]["role"], "faculty");
    app.call("save_cohort", cohort("2026/27", "2026-09-01", "2027-08-31"))
        .await
        .unwrap();
    let e = app
        .call("save_cohort", cohort("", "2026-09-01", "2027-08-31"))
        .await
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("name"));
    let on_server = w.call("list_cohorts", Value::Null).await.unwrap();
    assert_eq!(cohort_names(&on_server), ["2025/26", "2026/27"]);
    assert_eq!(
        app.call("list_cohorts", Value::Null).await.unwrap(),
        on_server
    );

    // A restart opens the server again, signed out.
    drop(app);
    let app = desktop(dir.path()).await;
    assert_eq!(
        app.call("workspace_info", Value::Null).await.unwrap()["server"],
        base
    );
    let e = app.call("list_cohorts", Value::Null).await.unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::Unauthenticated,
        "a new session starts signed out"
    );
    assert_eq!(
        app.call("app_status", Value::Null).await.unwrap()["user"],
        Value::Null
    );
    let e = app.call("list_cohorts", Value::Null).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unauthenticated);

    // Back to this computer: the server's records are not here.
    let info = app.call("open_local_workspace", Value::Null).await.unwrap();
    assert_eq!(info["server"], Value::Null);
    assert!(!choice.exists());
    assert_eq!(
        app.call("app_status", Value::Null).await.unwrap()["needs_setup"],
        true
    );
    drop(app);
    let app = desktop(dir.path()).await;
    assert_eq!(
        app.call("workspace_info", Value::Null).await.unwrap()["server"],
        Value::Null
    );
}

/// Serves on `addr` until `stop` fires; returns the running task.
async fn serve_until(
    ws: Workspaces,
    addr: std::net::SocketAddr,
    stop: tokio::sync::oneshot::Receiver<()>,
) -> tokio::task::JoinHandle<()> {
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    let router = fellowship::transport::server::Server::new(ws).router(None);
    tokio::spawn(async move {
        axum::serve(listener, router)
            .with_graceful_shutdown(async move {
                let _ = stop.await;
            })
            .await
            .unwrap()
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_restart_keeps_the_app_signed_in() {
    let w = world().await;
    let addr: std::net::SocketAddr = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let (stop, stopped) = tokio::sync::oneshot::channel();
    let running = serve_until(Workspaces::new(w.db().clone(), None), addr, stopped).await;
    let dir = tempfile::tempdir().unwrap();
    let app = desktop(dir.path()).await;
    app.call(
        "open_server_workspace",
        json!({ "url": format!("http://{addr}") }),
    )
    .await
    .unwrap();
    app.call(
        "sign_in",
        json!({"email": "lead@nhs.net", "password": PASSWORD}),
    )
    .await
    .unwrap();
    assert!(app.call("list_cohorts", Value::Null).await.is_ok());

    // While the server is down the app says so; once it is back, the person is still signed in
    // (sessions are kept in the programme's database).
    stop.send(()).unwrap();
    running.await.unwrap();
    let e = app.call("list_cohorts", Value::Null).await.unwrap_err();
    assert_eq!(e.field.as_deref(), None);
    assert!(e.message.contains("Could not reach"), "{}", e.message);
    let (_stop, stopped) = tokio::sync::oneshot::channel();
    let _running = serve_until(Workspaces::new(w.db().clone(), None), addr, stopped).await;
    assert!(app.call("list_cohorts", Value::Null).await.is_ok());

    // A session the server has forgotten (a day unused): the app is told to sign in again.
    fellowship::db::query("DELETE FROM server_sessions")
        .execute(&w.db().pool)
        .await
        .unwrap();
    let e = app.call("list_cohorts", Value::Null).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unauthenticated, "{}", e.message);
    app.call(
        "sign_in",
        json!({"email": "lead@nhs.net", "password": PASSWORD}),
    )
    .await
    .unwrap();
    assert!(app.call("list_cohorts", Value::Null).await.is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_desktop_app_switches_workspace() {
    let w = world().await;
    let ws = Workspaces::new(w.db().clone(), None);
    let mut session = Session::default();
    let e = fellowship::api::dispatch(
        &ws,
        &mut session,
        "open_server_workspace",
        json!({"url": "https://x.nhs.uk"}),
    )
    .await
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    let info = fellowship::api::dispatch(&ws, &mut session, "workspace_info", Value::Null)
        .await
        .unwrap();
    assert_eq!(info, json!({"server": null, "can_switch": false}));
    // A programme server has no demo programme to offer; the desktop app does.
    let status = fellowship::api::dispatch(&ws, &mut session, "app_status", Value::Null)
        .await
        .unwrap();
    assert_eq!(status["demo_available"], false);
    let mut w = w;
    assert_eq!(
        w.call("app_status", Value::Null).await.unwrap()["demo_available"],
        true
    );

    // Nor can a browser on the programme server.
    let base = start(Workspaces::new(w.db().clone(), None)).await;
    let mut b = Browser::new(&base);
    b.send("app_status", Value::Null, false).await;
    let refused = b.send("open_local_workspace", Value::Null, true).await;
    assert_eq!(refused.status, 403);
}

/// The app's calls share one session but not one queue: while a change waits for the database
/// (here another connection holds the write lock), a list is answered; the change then lands.
/// Under one lock round the whole app, the list would wait behind the change.
#[cfg(not(feature = "postgres"))]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_is_answered_while_a_change_waits() {
    use sqlx::Connection;
    let dir = tempfile::tempdir().unwrap();
    let app = Arc::new(desktop(dir.path()).await);
    app.call(
        "setup_programme",
        json!({"programme_name": "North London Fellowship", "name": "Dr Lead", "email": "lead@nhs.net",
               "password": PASSWORD, "password_confirm": PASSWORD}),
    )
    .await
    .unwrap();
    app.call("save_cohort", cohort("2025/26", "2025-09-01", "2026-08-31"))
        .await
        .unwrap();

    let mut other = sqlx::SqliteConnection::connect(&format!(
        "sqlite://{}",
        dir.path().join("local.sqlite").display()
    ))
    .await
    .unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut other)
        .await
        .unwrap();
    let change = tokio::spawn({
        let app = app.clone();
        async move {
            app.call("save_cohort", cohort("2026/27", "2026-09-01", "2027-08-31"))
                .await
        }
    });
    // Give the change time to start and wait for the lock.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let list = app.call("list_cohorts", Value::Null).await.unwrap();
    assert_eq!(cohort_names(&list), ["2025/26"]);
    assert!(!change.is_finished(), "the change waits for the database");

    sqlx::query("COMMIT").execute(&mut other).await.unwrap();
    change.await.unwrap().unwrap();
    let list = app.call("list_cohorts", Value::Null).await.unwrap();
    assert_eq!(cohort_names(&list), ["2025/26", "2026/27"]);
}
