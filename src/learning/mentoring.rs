//! Mentoring and coaching: relationships between a fellow and a mentor or coach, and their
//! logged sessions. Both parties see the sessions and agreed actions; a private note is its
//! author's alone; faculty see only that sessions happen (counts, last date, gaps).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::access::{hidden, require_faculty};
use crate::auth::visibility::{condition, Private, Reader};
use crate::auth::{Actor, Role};
use crate::codes::code_enum;
use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Checks, Result};
use crate::validate::date;

code_enum! {
    RelationshipKind {
        WorkplaceMentor = "workplace_mentor": "Workplace mentor",
        Coach = "coach": "Coach",
        SystemMentor = "system_mentor": "System mentor",
    }
}

code_enum! {
    SessionMode {
        InPerson = "in_person": "In person",
        Video = "video": "Video call",
        Phone = "phone": "Phone",
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct RelationshipInput {
    pub fellow_id: Option<i64>,
    pub person_id: Option<i64>,
    pub kind: String,
    pub started_on: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Relationship {
    pub id: i64,
    pub fellow_id: i64,
    pub fellow_name: String,
    pub person_id: i64,
    pub person_name: String,
    pub kind: RelationshipKind,
    pub started_on: NaiveDate,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct MentoringSession {
    pub id: i64,
    pub held_on: NaiveDate,
    pub duration_minutes: i64,
    pub mode: SessionMode,
    pub themes: String,
    pub agreed_actions: String,
    pub logged_by: Option<String>,
    /// The actor's own private note on this session, if they wrote one.
    pub my_private_note: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RelationshipDetail {
    pub relationship: Relationship,
    pub sessions: Vec<MentoringSession>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SessionInput {
    pub relationship_id: i64,
    pub held_on: String,
    /// Minutes, as typed.
    pub duration_minutes: String,
    pub mode: String,
    pub themes: String,
    pub agreed_actions: String,
    /// Seen only by the person who writes it.
    pub private_note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct OverviewInput {
    pub cohort_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct OverviewRow {
    pub relationship_id: i64,
    pub fellow_name: String,
    pub cohort_name: String,
    pub kind: RelationshipKind,
    pub person_name: String,
    pub sessions: i64,
    pub last_session: Option<NaiveDate>,
    /// Days since the last session (or since the relationship started, if none yet).
    pub days_since: i64,
    /// Longer than the programme's gap interval.
    pub gap: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct MentoringOverview {
    pub gap_days: i64,
    pub rows: Vec<OverviewRow>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct GapInput {
    pub gap_days: String,
}

const SELECT: &str = "SELECT r.id, r.fellow_id, f.name, r.person_id, u.name, r.kind, r.started_on
    FROM mentoring_relationships r JOIN fellows f ON f.id = r.fellow_id JOIN users u ON u.id = r.person_id";

type Row = (i64, i64, String, i64, String, String, NaiveDate);

fn from_row(
    (id, fellow_id, fellow_name, person_id, person_name, kind, started_on): Row,
) -> Result<Relationship> {
    Ok(Relationship {
        id,
        fellow_id,
        fellow_name,
        person_id,
        person_name,
        kind: RelationshipKind::stored(&kind)?,
        started_on,
    })
}

/// Faculty set up a relationship between a fellow and a mentor or coach who has an account.
pub async fn save_relationship(
    db: &Db,
    actor: &Actor,
    input: RelationshipInput,
) -> Result<Relationship> {
    require_faculty(actor)?;
    let mut c = Checks::new();
    if input.fellow_id.is_none() {
        c.fail("fellow_id", "Choose the fellow.");
    }
    if input.person_id.is_none() {
        c.fail("person_id", "Choose the mentor or coach.");
    }
    let kind = RelationshipKind::parse(&input.kind);
    if kind.is_none() {
        c.fail("kind", "Choose the kind of relationship.");
    }
    let started = date(&mut c, "started_on", &input.started_on, "start date");
    c.finish()?;
    let person: Option<(String,)> = crate::db::query_as("SELECT role FROM users WHERE id = ?")
        .bind(input.person_id)
        .fetch_optional(&db.pool)
        .await?;
    match person {
        Some((role,)) if role == "mentor" || role == "faculty" => {}
        _ => {
            return Err(ApiError::field(
                "person_id",
                "Choose someone with a mentor, coach or faculty account.",
            ))
        }
    }
    let mut tx = db.begin().await?;
    let clash: Option<(i64,)> = crate::db::query_as(
        "SELECT id FROM mentoring_relationships WHERE fellow_id = ? AND person_id = ? AND kind = ?",
    )
    .bind(input.fellow_id)
    .bind(input.person_id)
    .bind(kind.map(RelationshipKind::code))
    .fetch_optional(&mut *tx)
    .await?;
    if clash.is_some() {
        return Err(ApiError::conflict(
            "person_id",
            "This relationship already exists.",
        ));
    }
    let id = crate::db::query_scalar::<i64>("INSERT INTO mentoring_relationships (fellow_id, person_id, kind, started_on, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")
        .bind(input.fellow_id)
        .bind(input.person_id)
        .bind(kind.map(RelationshipKind::code))
        .bind(started)
        .bind(now_stamp())
        .fetch_one(&mut *tx)
        .await
        .map_err(|_| ApiError::field("fellow_id", "That fellow does not exist."))?;
    tx.commit().await?;
    let row: Row = crate::db::query_as(&format!("{SELECT} WHERE r.id = ?"))
        .bind(id)
        .fetch_one(&db.pool)
        .await?;
    from_row(row)
}

/// The relationships the actor is a party to: a fellow's own, or a mentor's or coach's fellows.
pub async fn my_relationships(db: &Db, actor: &Actor) -> Result<Vec<Relationship>> {
    let rows: Vec<Row> = crate::db::query_as(&format!(
        "{SELECT} WHERE r.fellow_id = ? OR r.person_id = ? ORDER BY f.name, r.kind"
    ))
    .bind(actor.fellow_id())
    .bind(actor.user_id)
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter().map(from_row).collect()
}

/// A relationship and its sessions, for its two parties only (faculty included: they see the
/// overview, not the content).
async fn party_to(db: &Db, actor: &Actor, id: i64) -> Result<Relationship> {
    let row: Option<Row> = crate::db::query_as(&format!("{SELECT} WHERE r.id = ?"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    let r = from_row(row.ok_or_else(hidden)?)?;
    let is_fellow = actor.role() == Role::Fellow && actor.fellow_id() == Some(r.fellow_id);
    if is_fellow || actor.user_id == r.person_id {
        Ok(r)
    } else {
        Err(hidden())
    }
}

pub async fn get_relationship(db: &Db, actor: &Actor, id: i64) -> Result<RelationshipDetail> {
    let relationship = party_to(db, actor, id).await?;
    type S = (
        i64,
        NaiveDate,
        i64,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    // Only a note the policy lets this reader see (its author's own) comes back.
    let reader = Reader::of(actor);
    let rows: Vec<S> = crate::db::query_as(&format!(
        "SELECT s.id, s.held_on, s.duration_minutes, s.mode, s.themes, s.agreed_actions, u.name,
         (SELECT n.body FROM mentoring_private_notes n WHERE n.session_id = s.id AND {})
         FROM mentoring_sessions s LEFT JOIN users u ON u.id = s.logged_by
         WHERE s.relationship_id = ?1 ORDER BY s.held_on DESC, s.id DESC",
        condition(Private::MentoringNote, "n")
    ))
    .bind(id)
    .bind(reader.fellow_id)
    .bind(reader.user_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(RelationshipDetail {
        relationship,
        sessions: rows
            .into_iter()
            .map(
                |(
                    id,
                    held_on,
                    duration_minutes,
                    mode,
                    themes,
                    agreed_actions,
                    logged_by,
                    my_private_note,
                )| {
                    Ok(MentoringSession {
                        id,
                        held_on,
                        duration_minutes,
                        mode: SessionMode::stored(&mode)?,
                        themes,
                        agreed_actions,
                        logged_by,
                        my_private_note,
                    })
                },
            )
            .collect::<Result<_>>()?,
    })
}

/// Either party logs a session; the private note is kept for its author alone.
pub async fn log_session(
    db: &Db,
    actor: &Actor,
    input: SessionInput,
) -> Result<RelationshipDetail> {
    party_to(db, actor, input.relationship_id).await?;
    let mut c = Checks::new();
    let held = date(&mut c, "held_on", &input.held_on, "date of the session");
    if let Some(d) = held {
        if d > chrono::Utc::now().date_naive() {
            c.fail("held_on", "A session cannot be logged before it happens.");
        }
    }
    let minutes = input
        .duration_minutes
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|m| (5..=600).contains(m));
    if minutes.is_none() {
        c.fail(
            "duration_minutes",
            "Enter the length in minutes, from 5 to 600.",
        );
    }
    let mode = SessionMode::parse(&input.mode);
    if mode.is_none() {
        c.fail("mode", "Choose how you met.");
    }
    c.finish()?;
    let now = now_stamp();
    let mut tx = db.begin().await?;
    let id = crate::db::query_scalar::<i64>(
        "INSERT INTO mentoring_sessions (relationship_id, held_on, duration_minutes, mode, themes, agreed_actions, logged_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(input.relationship_id)
    .bind(held)
    .bind(minutes)
    .bind(mode.map(SessionMode::code))
    .bind(input.themes.trim())
    .bind(input.agreed_actions.trim())
    .bind(actor.user_id)
    .bind(&now)
    .fetch_one(&mut *tx).await?;
    if !input.private_note.trim().is_empty() {
        crate::db::query("INSERT INTO mentoring_private_notes (session_id, author_id, body, updated_at) VALUES (?, ?, ?, ?)")
            .bind(id)
            .bind(actor.user_id)
            .bind(input.private_note.trim())
            .bind(&now)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    get_relationship(db, actor, input.relationship_id).await
}

/// Faculty's view: that sessions happen, never what was said.
pub async fn overview(db: &Db, actor: &Actor, input: OverviewInput) -> Result<MentoringOverview> {
    require_faculty(actor)?;
    let (gap_days,): (i64,) =
        crate::db::query_as("SELECT mentoring_gap_days FROM programmes ORDER BY id LIMIT 1")
            .fetch_optional(&db.pool)
            .await?
            .unwrap_or((42,));
    let today = chrono::Utc::now().date_naive();
    type R = (
        i64,
        String,
        String,
        String,
        String,
        i64,
        Option<NaiveDate>,
        NaiveDate,
    );
    let rows: Vec<R> = crate::db::query_as(
        "SELECT r.id, f.name, c.name, r.kind, u.name, count(s.id), max(s.held_on), r.started_on
         FROM mentoring_relationships r JOIN fellows f ON f.id = r.fellow_id JOIN cohorts c ON c.id = f.cohort_id
         JOIN users u ON u.id = r.person_id LEFT JOIN mentoring_sessions s ON s.relationship_id = r.id
         WHERE (?1 IS NULL OR f.cohort_id = ?1) GROUP BY r.id, f.name, c.name, u.name ORDER BY f.name, r.kind",
    )
    .bind(input.cohort_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(MentoringOverview {
        gap_days,
        rows: rows
            .into_iter()
            .map(
                |(
                    relationship_id,
                    fellow_name,
                    cohort_name,
                    kind,
                    person_name,
                    sessions,
                    last_session,
                    started,
                )| {
                    let days_since = (today - last_session.unwrap_or(started)).num_days().max(0);
                    Ok(OverviewRow {
                        relationship_id,
                        fellow_name,
                        cohort_name,
                        kind: RelationshipKind::stored(&kind)?,
                        person_name,
                        sessions,
                        last_session,
                        days_since,
                        gap: days_since > gap_days,
                    })
                },
            )
            .collect::<Result<_>>()?,
    })
}

pub async fn set_gap_days(db: &Db, actor: &Actor, input: GapInput) -> Result<MentoringOverview> {
    require_faculty(actor)?;
    let days = input
        .gap_days
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|d| (7..=365).contains(d));
    let Some(days) = days else {
        return Err(ApiError::field(
            "gap_days",
            "Enter a number of days from 7 to 365.",
        ));
    };
    crate::db::query("UPDATE programmes SET mentoring_gap_days = ?")
        .bind(days)
        .execute(&db.pool)
        .await?;
    overview(db, actor, OverviewInput { cohort_id: None }).await
}
