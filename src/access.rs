//! Who may see and change what. Every core operation calls one of these with the acting user;
//! the UI only hides what the core would refuse anyway.

use crate::auth::{Actor, Role};
use crate::error::{ApiError, Result};

pub fn require_faculty(actor: &Actor) -> Result<()> {
    if actor.role == Role::Faculty {
        Ok(())
    } else {
        Err(ApiError::forbidden("Only programme faculty can do this."))
    }
}

/// Which fellows an actor may see, as a restriction on `fellows AS f`.
/// Returns an SQL condition with exactly one placeholder and the value to bind to it.
pub fn fellow_scope(actor: &Actor) -> (&'static str, Option<i64>) {
    match actor.role {
        Role::Faculty => ("? IS NULL", None),
        Role::Fellow => ("f.id = ?", Some(actor.fellow_id.unwrap_or(-1))),
        Role::HostSponsor | Role::Mentor => ("f.host_id = ?", Some(actor.host_id.unwrap_or(-1))),
    }
}

/// Which host organisations an actor may see, as a restriction on `host_organisations AS h`.
pub fn host_scope(actor: &Actor) -> (&'static str, Option<i64>) {
    match actor.role {
        Role::Faculty => ("? IS NULL", None),
        Role::Fellow => (
            "h.id = (SELECT host_id FROM fellows WHERE id = ?)",
            Some(actor.fellow_id.unwrap_or(-1)),
        ),
        Role::HostSponsor | Role::Mentor => ("h.id = ?", Some(actor.host_id.unwrap_or(-1))),
    }
}

/// A record outside the actor's scope is reported as not found, so its existence is not revealed.
pub fn hidden() -> ApiError {
    ApiError::not_found("That record does not exist or you do not have access to it.")
}
