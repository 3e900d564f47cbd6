//! Action learning sets: who is in which set, its facilitator, its ground rules and its sessions.
//! What is said in a session is the set's own (see `set_sessions`); faculty see only attendance
//! and whether actions were followed through.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::access::{hidden, require_faculty};
use crate::auth::{Actor, Role};
use crate::codes::code_enum;
use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Checks, Result};
use crate::validate::{date, required};

/// A set has 4 to 8 fellows (shared/domain.md).
pub const MIN_MEMBERS: usize = 4;
pub const MAX_MEMBERS: usize = 8;

code_enum! {
    AttendanceMark {
        Present = "present": "Present",
        Apologies = "apologies": "Sent apologies",
        Absent = "absent": "Absent",
    }
}

code_enum! {
    ActionReview {
        Done = "done": "Done",
        Partly = "partly": "Partly done",
        NotDone = "not_done": "Not done",
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct LearningSetInput {
    pub id: Option<i64>,
    pub cohort_id: Option<i64>,
    pub name: String,
    pub facilitator_id: Option<i64>,
    pub member_ids: Vec<i64>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct LearningSetFilter {
    pub cohort_id: Option<i64>,
}

/// A set with its follow-through figures, which every viewer may see.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LearningSet {
    pub id: i64,
    pub cohort_id: i64,
    pub cohort_name: String,
    pub name: String,
    pub facilitator_id: i64,
    pub facilitator_name: String,
    pub members: i64,
    pub sessions_held: i64,
    pub sessions_planned: i64,
    pub next_session: Option<NaiveDate>,
    /// Share of expected attendances that were "present", in whole per cent; none before a session.
    pub attendance_percent: Option<i64>,
    pub actions_committed: i64,
    pub actions_reviewed: i64,
    pub actions_done: i64,
    pub actions_partly: i64,
    pub actions_not_done: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SetMember {
    pub fellow_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AttendanceEntry {
    pub fellow_id: i64,
    pub mark: AttendanceMark,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SetSessionSummary {
    pub id: i64,
    pub meets_on: NaiveDate,
    pub recorded: bool,
    pub attendance: Vec<AttendanceEntry>,
    pub presenters: i64,
    pub actions_committed: i64,
    /// Of the actions brought back from the session before, how many were reviewed here.
    pub actions_reviewed: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct LearningSetDetail {
    pub set: LearningSet,
    pub members: Vec<SetMember>,
    pub sessions: Vec<SetSessionSummary>,
    /// The set's own record: only members and the facilitator receive it.
    pub ground_rules: Option<String>,
    pub ground_rules_agreed_on: Option<NaiveDate>,
    pub is_party: bool,
    pub can_record: bool,
    pub can_schedule: bool,
    pub can_edit: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct GroundRulesInput {
    pub set_id: i64,
    pub ground_rules: String,
    pub agreed_on: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ScheduleSessionInput {
    pub set_id: i64,
    pub meets_on: String,
}

/// What the actor is to a set: its facilitator, a member, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Facilitator,
    Member,
    Outsider,
}

pub async fn standing(db: &Db, actor: &Actor, set_id: i64) -> Result<Option<Standing>> {
    let row: Option<(i64, bool)> = crate::db::query_as(
        "SELECT s.facilitator_id, EXISTS (SELECT 1 FROM learning_set_members m WHERE m.set_id = s.id AND m.fellow_id = ?)
         FROM learning_sets s WHERE s.id = ?",
    )
    .bind(actor.fellow_id())
    .bind(set_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(facilitator, member)| {
        if facilitator == actor.user_id {
            Standing::Facilitator
        } else if member {
            Standing::Member
        } else {
            Standing::Outsider
        }
    }))
}

/// Faculty see every set; anyone else sees a set only as its facilitator or a member.
async fn visible(db: &Db, actor: &Actor, set_id: i64) -> Result<Standing> {
    match standing(db, actor, set_id).await? {
        Some(Standing::Outsider) if actor.role() != Role::Faculty => Err(hidden()),
        Some(s) => Ok(s),
        None => Err(hidden()),
    }
}

const SELECT: &str = "SELECT s.id, s.cohort_id, c.name AS cohort_name, s.name, s.facilitator_id,
    u.name AS facilitator_name,
    (SELECT count(*) FROM learning_set_members m WHERE m.set_id = s.id) AS members,
    (SELECT count(*) FROM learning_set_sessions x WHERE x.set_id = s.id AND x.recorded_at IS NOT NULL) AS held,
    (SELECT count(*) FROM learning_set_sessions x WHERE x.set_id = s.id AND x.recorded_at IS NULL) AS planned,
    (SELECT min(x.meets_on) FROM learning_set_sessions x WHERE x.set_id = s.id AND x.recorded_at IS NULL) AS next_session,
    (SELECT count(*) FROM learning_set_attendance a JOIN learning_set_sessions x ON x.id = a.session_id WHERE x.set_id = s.id AND x.recorded_at IS NOT NULL) AS expected,
    (SELECT count(*) FROM learning_set_attendance a JOIN learning_set_sessions x ON x.id = a.session_id WHERE x.set_id = s.id AND x.recorded_at IS NOT NULL AND a.mark = 'present') AS present,
    (SELECT count(*) FROM learning_set_actions t JOIN learning_set_presentations p ON p.id = t.presentation_id JOIN learning_set_sessions x ON x.id = p.session_id WHERE x.set_id = s.id) AS committed,
    (SELECT count(*) FROM learning_set_actions t JOIN learning_set_presentations p ON p.id = t.presentation_id JOIN learning_set_sessions x ON x.id = p.session_id WHERE x.set_id = s.id AND t.review = 'done') AS done,
    (SELECT count(*) FROM learning_set_actions t JOIN learning_set_presentations p ON p.id = t.presentation_id JOIN learning_set_sessions x ON x.id = p.session_id WHERE x.set_id = s.id AND t.review = 'partly') AS partly,
    (SELECT count(*) FROM learning_set_actions t JOIN learning_set_presentations p ON p.id = t.presentation_id JOIN learning_set_sessions x ON x.id = p.session_id WHERE x.set_id = s.id AND t.review = 'not_done') AS not_done
    FROM learning_sets s JOIN cohorts c ON c.id = s.cohort_id JOIN users u ON u.id = s.facilitator_id";

/// A set with its counts, read by `SELECT`: sessions held and planned, attendance marks
/// expected and present at held sessions, and presenters' actions by how they were reviewed.
#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    cohort_id: i64,
    cohort_name: String,
    name: String,
    facilitator_id: i64,
    facilitator_name: String,
    members: i64,
    held: i64,
    planned: i64,
    next_session: Option<NaiveDate>,
    expected: i64,
    present: i64,
    committed: i64,
    done: i64,
    partly: i64,
    not_done: i64,
}

fn from_row(r: Row) -> LearningSet {
    LearningSet {
        id: r.id,
        cohort_id: r.cohort_id,
        cohort_name: r.cohort_name,
        name: r.name,
        facilitator_id: r.facilitator_id,
        facilitator_name: r.facilitator_name,
        members: r.members,
        sessions_held: r.held,
        sessions_planned: r.planned,
        next_session: r.next_session,
        attendance_percent: (r.expected > 0)
            .then(|| (r.present * 100 + r.expected / 2) / r.expected),
        actions_committed: r.committed,
        actions_reviewed: r.done + r.partly + r.not_done,
        actions_done: r.done,
        actions_partly: r.partly,
        actions_not_done: r.not_done,
    }
}

/// Faculty see all sets; a facilitator the sets they facilitate; a fellow their own set.
pub async fn list(db: &Db, actor: &Actor, filter: LearningSetFilter) -> Result<Vec<LearningSet>> {
    let (scope, value): (&str, Option<i64>) = match actor.role() {
        Role::Faculty => ("? IS NULL", None),
        Role::Fellow => (
            "s.id IN (SELECT set_id FROM learning_set_members WHERE fellow_id = ?)",
            actor.fellow_id(),
        ),
        Role::HostSponsor | Role::Mentor => ("s.facilitator_id = ?", Some(actor.user_id)),
    };
    let rows: Vec<Row> = crate::db::query_as(&format!(
        "{SELECT} WHERE ({scope} OR s.facilitator_id = ?) AND (? IS NULL OR s.cohort_id = ?)
         ORDER BY c.start_date DESC, s.name"
    ))
    .bind(value)
    .bind(actor.user_id)
    .bind(filter.cohort_id)
    .bind(filter.cohort_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(from_row).collect())
}

async fn one(db: &Db, id: i64) -> Result<LearningSet> {
    let row: Option<Row> = crate::db::query_as(&format!("{SELECT} WHERE s.id = ?"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.map(from_row).ok_or_else(hidden)
}

/// Faculty form a set of 4 to 8 fellows of one cohort, with a facilitator who has an account.
pub async fn save(db: &Db, actor: &Actor, input: LearningSetInput) -> Result<LearningSetDetail> {
    require_faculty(actor)?;
    let mut c = Checks::new();
    required(&mut c, "name", &input.name, "Enter a name for the set.");
    if input.cohort_id.is_none() {
        c.fail("cohort_id", "Choose the cohort.");
    }
    if input.facilitator_id.is_none() {
        c.fail("facilitator_id", "Choose the facilitator.");
    }
    let mut members = input.member_ids.clone();
    members.sort_unstable();
    members.dedup();
    if members.len() < MIN_MEMBERS || members.len() > MAX_MEMBERS {
        c.fail(
            "member_ids",
            format!(
                "Choose from {MIN_MEMBERS} to {MAX_MEMBERS} fellows; {} chosen.",
                members.len()
            ),
        );
    }
    c.finish()?;
    let facilitator: Option<(String,)> = crate::db::query_as("SELECT role FROM users WHERE id = ?")
        .bind(input.facilitator_id)
        .fetch_optional(&db.pool)
        .await?;
    if !matches!(facilitator, Some((ref r,)) if r == "faculty" || r == "mentor") {
        return Err(ApiError::field(
            "facilitator_id",
            "Choose someone with a faculty, mentor or coach account.",
        ));
    }
    let mut tx = db.begin().await?;
    let mut c = Checks::new();
    for fellow in &members {
        let row: Option<(String, i64, Option<String>)> = crate::db::query_as(
            "SELECT f.name, f.cohort_id, (SELECT s.name FROM learning_set_members m JOIN learning_sets s ON s.id = m.set_id
              WHERE m.fellow_id = f.id AND m.set_id IS DISTINCT FROM ?) FROM fellows f WHERE f.id = ?",
        )
        .bind(input.id)
        .bind(fellow)
        .fetch_optional(&mut *tx)
        .await?;
        match row {
            None => c.fail("member_ids", "One of the chosen fellows does not exist."),
            Some((name, cohort, _)) if Some(cohort) != input.cohort_id => {
                c.fail("member_ids", format!("{name} is not in this cohort."))
            }
            Some((name, _, Some(other))) => c.fail(
                "member_ids",
                format!("{name} is already in the set {other}."),
            ),
            Some(_) => {}
        }
    }
    let clash: Option<(i64,)> = crate::db::query_as(
        "SELECT id FROM learning_sets WHERE cohort_id = ? AND name = ? AND id IS DISTINCT FROM ?",
    )
    .bind(input.cohort_id)
    .bind(input.name.trim())
    .bind(input.id)
    .fetch_optional(&mut *tx)
    .await?;
    if clash.is_some() {
        c.fail("name", "This cohort already has a set with that name.");
    }
    c.finish()?;
    let id = match input.id {
        Some(id) => {
            let done = crate::db::query(
                "UPDATE learning_sets SET cohort_id = ?, name = ?, facilitator_id = ? WHERE id = ?",
            )
            .bind(input.cohort_id)
            .bind(input.name.trim())
            .bind(input.facilitator_id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(hidden());
            }
            crate::db::query("DELETE FROM learning_set_members WHERE set_id = ?")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            id
        }
        None => crate::db::query_scalar::<i64>(
            "INSERT INTO learning_sets (cohort_id, name, facilitator_id, created_at) VALUES (?, ?, ?, ?) RETURNING id",
        )
        .bind(input.cohort_id)
        .bind(input.name.trim())
        .bind(input.facilitator_id)
        .bind(now_stamp())
        .fetch_one(&mut *tx).await?,
    };
    for fellow in &members {
        crate::db::query("INSERT INTO learning_set_members (set_id, fellow_id) VALUES (?, ?)")
            .bind(id)
            .bind(fellow)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    get(db, actor, id).await
}

pub async fn members(db: &Db, set_id: i64) -> Result<Vec<SetMember>> {
    let rows: Vec<(i64, String)> = crate::db::query_as(
        "SELECT f.id, f.name FROM learning_set_members m JOIN fellows f ON f.id = m.fellow_id
         WHERE m.set_id = ? ORDER BY f.name",
    )
    .bind(set_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(fellow_id, name)| SetMember { fellow_id, name })
        .collect())
}

pub async fn get(db: &Db, actor: &Actor, id: i64) -> Result<LearningSetDetail> {
    let standing = visible(db, actor, id).await?;
    let set = one(db, id).await?;
    let is_party = standing != Standing::Outsider;
    let (rules, agreed_on): (String, Option<NaiveDate>) = crate::db::query_as(
        "SELECT ground_rules, ground_rules_agreed_on FROM learning_sets WHERE id = ?",
    )
    .bind(id)
    .fetch_one(&db.pool)
    .await?;
    type S = (i64, NaiveDate, Option<String>, i64, i64, i64);
    let rows: Vec<S> = crate::db::query_as(
        "SELECT x.id, x.meets_on, x.recorded_at,
          (SELECT count(*) FROM learning_set_presentations p WHERE p.session_id = x.id AND p.presented = TRUE),
          (SELECT count(*) FROM learning_set_actions t JOIN learning_set_presentations p ON p.id = t.presentation_id WHERE p.session_id = x.id),
          (SELECT count(*) FROM learning_set_actions t WHERE t.reviewed_in = x.id)
         FROM learning_set_sessions x WHERE x.set_id = ? ORDER BY x.meets_on",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let marks: Vec<(i64, i64, String)> = crate::db::query_as(
        "SELECT a.session_id, a.fellow_id, a.mark FROM learning_set_attendance a
         JOIN learning_set_sessions x ON x.id = a.session_id WHERE x.set_id = ?",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let sessions = rows
        .into_iter()
        .map(
            |(sid, meets_on, recorded, presenters, committed, reviewed)| SetSessionSummary {
                id: sid,
                meets_on,
                recorded: recorded.is_some(),
                attendance: marks
                    .iter()
                    .filter(|(s, _, _)| *s == sid)
                    .filter_map(|(_, fellow_id, m)| {
                        AttendanceMark::parse(m).map(|mark| AttendanceEntry {
                            fellow_id: *fellow_id,
                            mark,
                        })
                    })
                    .collect(),
                presenters,
                actions_committed: committed,
                actions_reviewed: reviewed,
            },
        )
        .collect();
    Ok(LearningSetDetail {
        members: members(db, id).await?,
        sessions,
        ground_rules: is_party.then_some(rules),
        ground_rules_agreed_on: agreed_on,
        is_party,
        can_record: standing == Standing::Facilitator,
        can_schedule: standing == Standing::Facilitator || actor.role() == Role::Faculty,
        can_edit: actor.role() == Role::Faculty,
        set,
    })
}

/// The facilitator records the ground rules the set agreed, and when.
pub async fn save_ground_rules(
    db: &Db,
    actor: &Actor,
    input: GroundRulesInput,
) -> Result<LearningSetDetail> {
    if visible(db, actor, input.set_id).await? != Standing::Facilitator {
        return Err(ApiError::forbidden(
            "Only the set's facilitator records its ground rules.",
        ));
    }
    let mut c = Checks::new();
    required(
        &mut c,
        "ground_rules",
        &input.ground_rules,
        "Enter the ground rules the set agreed.",
    );
    let agreed = date(
        &mut c,
        "agreed_on",
        &input.agreed_on,
        "date they were agreed",
    );
    c.finish()?;
    crate::db::query(
        "UPDATE learning_sets SET ground_rules = ?, ground_rules_agreed_on = ? WHERE id = ?",
    )
    .bind(input.ground_rules.trim())
    .bind(agreed)
    .bind(input.set_id)
    .execute(&db.pool)
    .await?;
    get(db, actor, input.set_id).await
}

/// Faculty or the facilitator put a session in the diary.
pub async fn schedule_session(
    db: &Db,
    actor: &Actor,
    input: ScheduleSessionInput,
) -> Result<LearningSetDetail> {
    let standing = visible(db, actor, input.set_id).await?;
    if standing != Standing::Facilitator && actor.role() != Role::Faculty {
        return Err(ApiError::forbidden(
            "Only faculty or the set's facilitator schedule its sessions.",
        ));
    }
    let mut c = Checks::new();
    let on = date(&mut c, "meets_on", &input.meets_on, "date of the session");
    c.finish()?;
    let clash: Option<(i64,)> = crate::db::query_as(
        "SELECT id FROM learning_set_sessions WHERE set_id = ? AND meets_on = ?",
    )
    .bind(input.set_id)
    .bind(on)
    .fetch_optional(&db.pool)
    .await?;
    if clash.is_some() {
        return Err(ApiError::conflict(
            "meets_on",
            "The set already has a session on that date.",
        ));
    }
    crate::db::query(
        "INSERT INTO learning_set_sessions (set_id, meets_on, created_at) VALUES (?, ?, ?)",
    )
    .bind(input.set_id)
    .bind(on)
    .bind(now_stamp())
    .execute(&db.pool)
    .await?;
    get(db, actor, input.set_id).await
}
