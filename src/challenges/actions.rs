//! The challenge's action plan (rows with lead, due date, progress and resource in pence) and
//! its milestones.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{get, require_edit, ChallengeDetail};
use crate::auth::Actor;
use crate::codes::code_enum;
use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Checks, Result};
use crate::validate::{date, required};

code_enum! {
    ActionStatus {
        NotStarted = "not_started": "Not started",
        InProgress = "in_progress": "In progress",
        Done = "done": "Done",
        OnHold = "on_hold": "On hold",
    }
}

code_enum! {
    MilestoneKind {
        ScopingAgreed = "scoping_agreed": "Scoping agreed",
        MidYearReview = "mid_year_review": "Mid-year review",
        EndOfYearReview = "end_of_year_review": "End-of-year review",
        Showcase = "showcase": "Showcase",
    }
}

#[derive(Debug, Clone, Serialize, TS, sqlx::FromRow)]
pub struct ActionNote {
    pub noted_on: NaiveDate,
    pub note: String,
    pub author: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Action {
    pub id: i64,
    pub position: i64,
    pub action: String,
    pub lead: String,
    pub due_date: Option<NaiveDate>,
    pub status: ActionStatus,
    /// Whole pence; None when the action needs no money.
    pub resource_pence: Option<i64>,
    /// Past its due date and not done.
    pub overdue: bool,
    pub notes: Vec<ActionNote>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ActionInput {
    pub id: Option<i64>,
    pub challenge_id: i64,
    pub action: String,
    pub lead: String,
    /// YYYY-MM-DD, or "" for no due date.
    pub due_date: String,
    pub status: String,
    /// Pounds as typed ("£1,250.50", "300"), or "" for none.
    pub resource: String,
}

/// A note with the action it belongs to, as read for a whole plan at once.
#[derive(sqlx::FromRow)]
struct NoteRow {
    action_id: i64,
    #[sqlx(flatten)]
    note: ActionNote,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ActionNoteInput {
    pub challenge_id: i64,
    pub action_id: i64,
    pub noted_on: String,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReorderActionsInput {
    pub challenge_id: i64,
    /// Every action id of the challenge, in the new order.
    pub order: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Milestone {
    pub kind: MilestoneKind,
    pub due_date: Option<NaiveDate>,
    pub outcome_note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MilestoneInput {
    pub challenge_id: i64,
    pub kind: String,
    pub due_date: String,
    pub outcome_note: String,
}

/// Parses pounds as people type them into whole pence: "£1,250.50" -> 125050. No floats, no
/// negative sums.
pub fn parse_pounds(s: &str) -> Option<i64> {
    let t: String = s
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.starts_with('-') {
        return None;
    }
    crate::validate::parse_scaled(&t, 2)
}

pub(crate) async fn list(db: &Db, challenge_id: i64) -> Result<Vec<Action>> {
    let today = chrono::Utc::now().date_naive();
    type R = (
        i64,
        i64,
        String,
        String,
        Option<NaiveDate>,
        String,
        Option<i64>,
    );
    let rows: Vec<R> = crate::db::query_as(
        "SELECT id, position, action, lead, due_date, status, resource_pence FROM actions WHERE challenge_id = ? ORDER BY position, id",
    )
    .bind(challenge_id)
    .fetch_all(&db.pool)
    .await?;
    let notes: Vec<NoteRow> = crate::db::query_as(
        "SELECT n.action_id, n.noted_on, n.note, u.name AS author FROM action_notes n JOIN actions a ON a.id = n.action_id
         LEFT JOIN users u ON u.id = n.author WHERE a.challenge_id = ? ORDER BY n.noted_on DESC, n.id DESC",
    )
    .bind(challenge_id)
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter()
        .map(
            |(id, position, action, lead, due_date, status, resource_pence)| {
                let status = ActionStatus::stored(&status)?;
                Ok(Action {
                    id,
                    position,
                    action,
                    lead,
                    due_date,
                    status,
                    resource_pence,
                    overdue: status != ActionStatus::Done && due_date.is_some_and(|d| d < today),
                    notes: notes
                        .iter()
                        .filter(|n| n.action_id == id)
                        .map(|n| n.note.clone())
                        .collect(),
                })
            },
        )
        .collect::<Result<_>>()
}

pub async fn save(db: &Db, actor: &Actor, input: ActionInput) -> Result<ChallengeDetail> {
    require_edit(db, actor, input.challenge_id).await?;
    let mut c = Checks::new();
    required(&mut c, "action", &input.action, "Describe the action.");
    let due = if input.due_date.trim().is_empty() {
        None
    } else {
        date(&mut c, "due_date", &input.due_date, "due date")
    };
    let status = ActionStatus::parse(&input.status);
    if status.is_none() {
        c.fail("status", "Choose the action's progress.");
    }
    let resource = match input.resource.trim() {
        "" => None,
        s => {
            let p = parse_pounds(s);
            if p.is_none() {
                c.fail(
                    "resource",
                    "Enter an amount in pounds, like 1,250 or 1250.50, or leave it empty.",
                );
            }
            p
        }
    };
    c.finish()?;
    let status = status.unwrap_or(ActionStatus::NotStarted);
    let mut tx = db.begin().await?;
    match input.id {
        Some(id) => {
            let done = crate::db::query(
                "UPDATE actions SET action = ?, lead = ?, due_date = ?, status = ?, resource_pence = ? WHERE id = ? AND challenge_id = ?",
            )
            .bind(input.action.trim())
            .bind(input.lead.trim())
            .bind(due)
            .bind(status.code())
            .bind(resource)
            .bind(id)
            .bind(input.challenge_id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(ApiError::not_found("That action no longer exists."));
            }
        }
        None => {
            crate::db::query(
                "INSERT INTO actions (challenge_id, position, action, lead, due_date, status, resource_pence, created_at)
                 VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM actions WHERE challenge_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .bind(input.challenge_id)
            .bind(input.action.trim())
            .bind(input.lead.trim())
            .bind(due)
            .bind(status.code())
            .bind(resource)
            .bind(now_stamp())
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    get(db, actor, input.challenge_id).await
}

pub async fn add_note(db: &Db, actor: &Actor, input: ActionNoteInput) -> Result<ChallengeDetail> {
    require_edit(db, actor, input.challenge_id).await?;
    let mut c = Checks::new();
    let on = date(&mut c, "noted_on", &input.noted_on, "date of the note");
    required(&mut c, "note", &input.note, "Write the progress note.");
    c.finish()?;
    let done = crate::db::query(
        "INSERT INTO action_notes (action_id, noted_on, note, author, created_at)
         SELECT id, ?, ?, ?, ? FROM actions WHERE id = ? AND challenge_id = ?",
    )
    .bind(on)
    .bind(input.note.trim())
    .bind(actor.user_id)
    .bind(now_stamp())
    .bind(input.action_id)
    .bind(input.challenge_id)
    .execute(&db.pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::not_found("That action no longer exists."));
    }
    get(db, actor, input.challenge_id).await
}

/// Puts the plan in a new order; the order must name every action of the challenge once.
pub async fn reorder(
    db: &Db,
    actor: &Actor,
    input: ReorderActionsInput,
) -> Result<ChallengeDetail> {
    require_edit(db, actor, input.challenge_id).await?;
    let mut tx = db.begin().await?;
    let ids: Vec<(i64,)> =
        crate::db::query_as("SELECT id FROM actions WHERE challenge_id = ? ORDER BY id")
            .bind(input.challenge_id)
            .fetch_all(&mut *tx)
            .await?;
    let mut want: Vec<i64> = input.order.clone();
    want.sort_unstable();
    if want != ids.iter().map(|r| r.0).collect::<Vec<_>>() {
        return Err(ApiError::conflict(
            "order",
            "The action plan changed while you were reordering it; please reload and try again.",
        ));
    }
    for (pos, id) in input.order.iter().enumerate() {
        crate::db::query("UPDATE actions SET position = ? WHERE id = ?")
            .bind(pos as i64 + 1)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    get(db, actor, input.challenge_id).await
}

/// A milestone as stored (its kind still a code).
#[derive(sqlx::FromRow)]
struct MilestoneRow {
    kind: String,
    due_date: Option<NaiveDate>,
    outcome_note: String,
}

pub(crate) async fn milestones(db: &Db, challenge_id: i64) -> Result<Vec<Milestone>> {
    let rows: Vec<MilestoneRow> = crate::db::query_as(
        "SELECT kind, due_date, outcome_note FROM milestones WHERE challenge_id = ?",
    )
    .bind(challenge_id)
    .fetch_all(&db.pool)
    .await?;
    // Every milestone is listed, in the year's order, whether or not it has a date yet.
    Ok(MilestoneKind::ALL
        .iter()
        .map(|k| {
            let row = rows.iter().find(|r| r.kind == k.code());
            Milestone {
                kind: *k,
                due_date: row.and_then(|r| r.due_date),
                outcome_note: row.map(|r| r.outcome_note.clone()).unwrap_or_default(),
            }
        })
        .collect())
}

pub async fn save_milestone(
    db: &Db,
    actor: &Actor,
    input: MilestoneInput,
) -> Result<ChallengeDetail> {
    require_edit(db, actor, input.challenge_id).await?;
    let mut c = Checks::new();
    let kind = MilestoneKind::parse(&input.kind);
    if kind.is_none() {
        c.fail("kind", "Choose the milestone.");
    }
    let due = if input.due_date.trim().is_empty() {
        None
    } else {
        date(&mut c, "due_date", &input.due_date, "milestone date")
    };
    c.finish()?;
    crate::db::query(
        "INSERT INTO milestones (challenge_id, kind, due_date, outcome_note) VALUES (?, ?, ?, ?)
         ON CONFLICT (challenge_id, kind) DO UPDATE SET due_date = excluded.due_date, outcome_note = excluded.outcome_note",
    )
    .bind(input.challenge_id)
    .bind(kind.map(MilestoneKind::code))
    .bind(due)
    .bind(input.outcome_note.trim())
    .execute(&db.pool)
    .await?;
    get(db, actor, input.challenge_id).await
}

#[cfg(test)]
mod tests {
    use super::parse_pounds;

    #[test]
    fn pounds_become_whole_pence() {
        assert_eq!(parse_pounds("£1,250.50"), Some(125_050));
        assert_eq!(parse_pounds("300"), Some(30_000));
        assert_eq!(parse_pounds(" 0.5 "), Some(50));
        assert_eq!(parse_pounds("12.05"), Some(1_205));
        for bad in ["", "£", "-5", "1.234", "abc", "1.2.3", ".50", "1e3"] {
            assert_eq!(parse_pounds(bad), None, "{bad}");
        }
    }
}
