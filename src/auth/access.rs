//! Who may see and change what. Every core operation calls one of these with the acting user;
//! the UI only hides what the core would refuse anyway.

use crate::auth::{Actor, Part, Role};
use crate::db::Db;
use crate::error::{ApiError, Result};

pub fn require_faculty(actor: &Actor) -> Result<()> {
    if actor.role() == Role::Faculty {
        Ok(())
    } else {
        Err(ApiError::forbidden("Only programme faculty can do this."))
    }
}

/// Which fellows an actor may see, as a restriction on `fellows AS f`.
/// Returns an SQL condition with exactly one placeholder and the value to bind to it.
pub fn fellow_scope(actor: &Actor) -> (&'static str, Option<i64>) {
    match actor.part {
        Part::Faculty => ("? IS NULL", None),
        Part::Fellow { fellow_id } => ("f.id = ?", Some(fellow_id)),
        Part::HostSponsor { host_id } | Part::Mentor { host_id } => {
            ("f.host_id = ?", Some(host_id))
        }
    }
}

/// Which host organisations an actor may see, as a restriction on `host_organisations AS h`.
pub fn host_scope(actor: &Actor) -> (&'static str, Option<i64>) {
    match actor.part {
        Part::Faculty => ("? IS NULL", None),
        Part::Fellow { fellow_id } => (
            "h.id = (SELECT host_id FROM fellows WHERE id = ?)",
            Some(fellow_id),
        ),
        Part::HostSponsor { host_id } | Part::Mentor { host_id } => ("h.id = ?", Some(host_id)),
    }
}

/// How the actor stands to one fellow. The one rule for "their own fellow": a fellow to
/// themselves, host staff to the fellows placed with their organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Faculty,
    TheFellow,
    HostSponsor,
    HostMentor,
    Unrelated,
}

/// The relation, given the fellow and the host organisation they are placed with.
pub fn relation(actor: &Actor, fellow_id: i64, fellow_host: Option<i64>) -> Relation {
    match actor.part {
        Part::Faculty => Relation::Faculty,
        Part::Fellow { fellow_id: me } if me == fellow_id => Relation::TheFellow,
        Part::HostSponsor { host_id } if fellow_host == Some(host_id) => Relation::HostSponsor,
        Part::Mentor { host_id } if fellow_host == Some(host_id) => Relation::HostMentor,
        _ => Relation::Unrelated,
    }
}

/// The relation to a fellow by id, reading where they are placed; a fellow who does not exist
/// is unrelated to everyone but faculty.
pub async fn relation_to_fellow(db: &Db, actor: &Actor, fellow_id: i64) -> Result<Relation> {
    let host: Option<(Option<i64>,)> =
        crate::db::query_as("SELECT host_id FROM fellows WHERE id = ?")
            .bind(fellow_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(match host {
        Some((host,)) => relation(actor, fellow_id, host),
        None if actor.part == Part::Faculty => Relation::Faculty,
        None => Relation::Unrelated,
    })
}

/// A record outside the actor's scope is reported as not found, so its existence is not revealed.
pub fn hidden() -> ApiError {
    ApiError::not_found("That record does not exist or you do not have access to it.")
}

crate::codes::code_enum! {
    /// The parts of the app a person may use, in the order of the navigation. The UI builds its
    /// menu from this list and nothing else, so it never offers what the core would refuse.
    Area {
        Today = "today": "Today",
        Profile = "profile": "Your profile",
        Fellows = "fellows": "Fellows",
        Challenges = "challenges": "Challenges",
        Reflections = "reflections": "Reflections",
        SharedReflections = "shared_reflections": "Shared reflections",
        Mentoring = "mentoring": "Mentoring",
        Sets = "sets": "Learning sets",
        Feedback = "feedback": "360° feedback",
        Outcomes = "outcomes": "Outcomes",
        Cohorts = "cohorts": "Cohorts",
        Hosts = "hosts": "Host organisations",
        Users = "users": "Users",
        Programme = "programme": "Programme",
        Privacy = "privacy": "Data protection",
        Audit = "audit": "Audit trail",
    }
}

/// What each role may use. A fellow keeps a reflective log and has a profile of their own;
/// everyone else reads the entries fellows share with them. Host sponsors take no part in
/// mentoring or learning sets; mentors none in 360° feedback; alumni outcomes, users, settings,
/// data protection and the audit trail are faculty's alone.
pub fn areas(role: Role) -> Vec<Area> {
    use Area::*;
    match role {
        Role::Faculty => vec![
            Today,
            Fellows,
            Challenges,
            SharedReflections,
            Mentoring,
            Sets,
            Feedback,
            Outcomes,
            Cohorts,
            Hosts,
            Users,
            Programme,
            Privacy,
            Audit,
        ],
        Role::Fellow => vec![
            Today,
            Profile,
            Challenges,
            Reflections,
            Mentoring,
            Sets,
            Feedback,
        ],
        Role::HostSponsor => vec![
            Today,
            Fellows,
            Challenges,
            SharedReflections,
            Feedback,
            Cohorts,
            Hosts,
        ],
        Role::Mentor => vec![
            Today,
            Fellows,
            Challenges,
            SharedReflections,
            Mentoring,
            Sets,
            Cohorts,
            Hosts,
        ],
    }
}
