//! Which programme the app has open: the workspace commands as every transport but the desktop
//! app answers them (the desktop app answers them itself, in `transport::desktop`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::api::session::{Session, Workspaces};
use crate::api::NoArgs;
use crate::error::{ApiError, Result};

/// Which workspace is open, and whether this app may change it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WorkspaceInfo {
    /// The programme server's address; None for the programme on this computer.
    pub server: Option<String>,
    /// True in the desktop app; a browser is always on the server that served it.
    pub can_switch: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ServerInput {
    pub url: String,
}

/// The workspace commands as any transport but the desktop app answers them.
impl Session {
    pub async fn workspace_info(&mut self, _: &Workspaces, _: NoArgs) -> Result<WorkspaceInfo> {
        Ok(WorkspaceInfo {
            server: None,
            can_switch: false,
        })
    }

    pub async fn open_server_workspace(
        &mut self,
        _: &Workspaces,
        _: ServerInput,
    ) -> Result<WorkspaceInfo> {
        Err(only_in_the_app())
    }

    pub async fn open_local_workspace(
        &mut self,
        _: &Workspaces,
        _: NoArgs,
    ) -> Result<WorkspaceInfo> {
        Err(only_in_the_app())
    }
}

fn only_in_the_app() -> ApiError {
    ApiError::forbidden("Only the desktop app can open another programme.")
}
