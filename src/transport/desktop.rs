//! What the desktop app has open: the programme on this computer (a local workspace) or a
//! programme server (a server workspace). Every command goes to whichever is open, so the app
//! works the same in both; the choice is kept beside the database and survives a restart.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::session::{Session, Workspaces};
use crate::api::workspace::WorkspaceInfo;
use crate::api::{self, ComputerCommand};
use crate::error::{ApiError, Result};
use crate::transport::client::Remote;

enum Open {
    /// One session that the app's calls share, each signed-in call running beside the others.
    Local(Box<tokio::sync::Mutex<Session>>),
    Server(Remote),
}

type OrgWait =
    Option<tokio::sync::oneshot::Receiver<crate::accounts::org_sign_in::flow::OrgCallback>>;

/// The saved choice: `{"server": "https://…"}`, or no file for this computer's programme.
#[derive(Serialize, Deserialize)]
struct Choice {
    server: String,
}

/// Shared by every call the app makes: calls run at once (a slow PDF does not hold up a list),
/// and changing workspace waits for the calls in flight.
pub struct Desktop {
    local: Arc<Workspaces>,
    choice_file: PathBuf,
    open: tokio::sync::RwLock<Open>,
    /// On a programme server: the organisation sign-in's loopback return on this computer.
    org_wait: tokio::sync::Mutex<OrgWait>,
    /// Where this app's log is kept (see `log_file`).
    log_folder: Option<PathBuf>,
}

impl Desktop {
    /// Opens what was open last time. A saved server is not contacted yet: if it cannot be
    /// reached, the first call says so and the user can go back to this computer's programme.
    pub fn new(local: Arc<Workspaces>, choice_file: PathBuf) -> Desktop {
        let saved = std::fs::read(&choice_file)
            .ok()
            .and_then(|b| serde_json::from_slice::<Choice>(&b).ok())
            .and_then(|c| Remote::new(&c.server).ok());
        Desktop {
            local,
            choice_file,
            open: tokio::sync::RwLock::new(match saved {
                Some(remote) => Open::Server(remote),
                None => Open::Local(Box::default()),
            }),
            org_wait: tokio::sync::Mutex::new(None),
            log_folder: None,
        }
    }

    /// Says where the app keeps its log, for the About section to show and open.
    pub fn with_log_folder(mut self, folder: PathBuf) -> Desktop {
        self.log_folder = Some(folder);
        self
    }

    fn info(open: &Open) -> WorkspaceInfo {
        WorkspaceInfo {
            server: match open {
                Open::Server(r) => Some(r.url().to_owned()),
                Open::Local(_) => None,
            },
            can_switch: true,
        }
    }

    /// Runs one command in the open workspace; the commands about this computer are answered
    /// here. Changing workspace ends the session in the one left behind.
    pub async fn call(&self, command: &str, args: Value) -> Result<Value> {
        if ComputerCommand::is(command) {
            return self
                .on_this_computer(ComputerCommand::parse(command, args)?)
                .await;
        }
        match &*self.open.read().await {
            Open::Local(session) => api::dispatch_shared(&self.local, session, command, args).await,
            Open::Server(remote) => remote.call(command, args).await,
        }
    }

    async fn on_this_computer(&self, command: ComputerCommand) -> Result<Value> {
        match command {
            ComputerCommand::workspace_info(()) => {
                api::to_value(Self::info(&*self.open.read().await))
            }
            // This computer's log, whichever programme is open.
            ComputerCommand::about(()) => {
                api::to_value(crate::api::log_file::about(self.log_folder.as_deref()))
            }
            ComputerCommand::open_log_folder(()) => match &self.log_folder {
                Some(folder) => api::to_value(crate::api::log_file::open(folder)?),
                None => Err(ApiError::not_found("This app keeps no log file.")),
            },
            ComputerCommand::open_server_workspace(input) => {
                let remote = Remote::connect(&input.url).await?;
                let mut open = self.open.write().await;
                save_choice(&self.choice_file, Some(remote.url()))?;
                leave(&open).await;
                *open = Open::Server(remote);
                api::to_value(Self::info(&open))
            }
            ComputerCommand::open_local_workspace(()) => {
                let mut open = self.open.write().await;
                save_choice(&self.choice_file, None)?;
                leave(&open).await;
                *open = Open::Local(Box::default());
                api::to_value(Self::info(&open))
            }
            // The system browser comes back to this computer, whichever programme is open.
            ComputerCommand::begin_org_sign_in(input) => match &*self.open.read().await {
                Open::Local(session) => api::to_value(
                    session
                        .lock()
                        .await
                        .begin_org_sign_in(&self.local, input)
                        .await?,
                ),
                Open::Server(remote) => {
                    begin_on_server(remote, &mut *self.org_wait.lock().await).await
                }
            },
            ComputerCommand::check_org_sign_in(()) => match &*self.open.read().await {
                Open::Local(session) => api::to_value(
                    session
                        .lock()
                        .await
                        .check_org_sign_in(&self.local, ())
                        .await?,
                ),
                Open::Server(remote) => {
                    check_on_server(remote, &mut *self.org_wait.lock().await).await
                }
            },
        }
    }
}

/// Signs out of a server being left (best effort: it may be unreachable).
async fn leave(open: &Open) {
    if let Open::Server(remote) = open {
        let _ = remote.call("sign_out", Value::Null).await;
    }
}

/// Organisation sign-in on a programme server from the desktop app: the server runs the flow, but
/// the system browser comes back to a loopback address on this computer (RFC 8252), whose code
/// and state this app then hands to the server.
async fn begin_on_server(remote: &Remote, wait: &mut OrgWait) -> Result<Value> {
    let back = crate::accounts::org_sign_in::loopback::start().await?;
    let started = remote
        .call(
            "begin_org_sign_in",
            serde_json::json!({ "return_to": back.redirect_uri }),
        )
        .await?;
    *wait = Some(back.received);
    let url = started["url"].as_str().unwrap_or_default().to_owned();
    let opened = crate::opener::open(&url).is_ok();
    api::to_value(crate::accounts::org_sign_in::OrgSignInStarted {
        url,
        waits_here: true,
        browser_opened: opened,
    })
}

async fn check_on_server(remote: &Remote, wait: &mut OrgWait) -> Result<Value> {
    if wait.is_none() {
        return remote.call("check_org_sign_in", Value::Null).await;
    }
    let (done, status) = match crate::accounts::org_sign_in::loopback::poll(wait)? {
        None => (false, remote.call("app_status", Value::Null).await?),
        Some(back) => (
            true,
            remote
                .call("finish_org_sign_in", api::to_value(back)?)
                .await?,
        ),
    };
    Ok(serde_json::json!({ "done": done, "status": status }))
}

/// Writes the choice whole (to a temporary file, then renamed), so a crash never leaves half.
fn save_choice(file: &Path, server: Option<&str>) -> Result<()> {
    let fail = |e: std::io::Error| {
        ApiError::internal(format!(
            "Could not remember the choice of programme in {}: {e}",
            file.display()
        ))
    };
    match server {
        None => match std::fs::remove_file(file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(fail(e)),
            _ => Ok(()),
        },
        Some(url) => {
            let json = serde_json::to_vec(&Choice {
                server: url.to_owned(),
            })
            .map_err(|e| ApiError::internal(e.to_string()))?;
            let tmp = file.with_extension("tmp");
            std::fs::write(&tmp, json).map_err(fail)?;
            std::fs::rename(&tmp, file).map_err(fail)
        }
    }
}
