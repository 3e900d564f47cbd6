//! One action learning set session, in the order it runs: attendance, bids for time,
//! report-back on the actions from last time, presenters with their airtime and the actions
//! they commit to, and the discussion notes. The record is confidential to the set's members
//! and facilitator; only the facilitator writes it.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::sets::{self, ActionReview, AttendanceEntry, AttendanceMark, SetMember, Standing};
use crate::auth::access::hidden;
use crate::auth::Actor;
use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Checks, Result};

#[derive(Debug, Clone, Serialize, TS)]
pub struct SetAction {
    pub id: i64,
    pub body: String,
    pub review: Option<ActionReview>,
    pub review_note: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Presenter {
    pub fellow_id: i64,
    pub fellow_name: String,
    pub bid_minutes: i64,
    pub presented: bool,
    pub airtime_seconds: Option<i64>,
    pub issue: String,
    pub feedback: String,
    pub actions: Vec<SetAction>,
}

/// An action committed at the previous session, brought back for report-back.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReviewItem {
    pub action_id: i64,
    pub fellow_name: String,
    pub body: String,
    pub committed_on: NaiveDate,
    pub review: Option<ActionReview>,
    pub review_note: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SetSessionRecord {
    pub id: i64,
    pub set_id: i64,
    pub set_name: String,
    pub meets_on: NaiveDate,
    pub recorded: bool,
    pub members: Vec<SetMember>,
    pub attendance: Vec<AttendanceEntry>,
    pub check_in: String,
    pub notes: String,
    pub presenters: Vec<Presenter>,
    /// The date of the session whose actions are reviewed here, if there was one.
    pub previous_session: Option<NaiveDate>,
    pub to_review: Vec<ReviewItem>,
    pub can_record: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AttendanceInput {
    pub fellow_id: i64,
    pub mark: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SetActionInput {
    /// Present when editing an action already recorded, so its later review is kept.
    pub id: Option<i64>,
    pub body: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PresenterInput {
    pub fellow_id: Option<i64>,
    /// Minutes asked for, as typed.
    pub bid_minutes: String,
    pub presented: bool,
    /// From the on-screen airtime timer.
    pub airtime_seconds: Option<i64>,
    pub issue: String,
    pub feedback: String,
    pub actions: Vec<SetActionInput>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReviewInput {
    pub action_id: i64,
    /// "done", "partly", "not_done", or empty when not yet reviewed.
    pub review: String,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct RecordSetSessionInput {
    pub session_id: i64,
    pub attendance: Vec<AttendanceInput>,
    pub check_in: String,
    pub presenters: Vec<PresenterInput>,
    pub reviews: Vec<ReviewInput>,
    pub notes: String,
}

/// The session's set, if the actor is its facilitator or a member; otherwise not found, so
/// faculty and other sets cannot even confirm what a session holds.
async fn party_to(db: &Db, actor: &Actor, session_id: i64) -> Result<(i64, Standing)> {
    let row: Option<(i64,)> =
        crate::db::query_as("SELECT set_id FROM learning_set_sessions WHERE id = ?")
            .bind(session_id)
            .fetch_optional(&db.pool)
            .await?;
    let (set_id,) = row.ok_or_else(hidden)?;
    match sets::standing(db, actor, set_id).await? {
        Some(s @ (Standing::Facilitator | Standing::Member)) => Ok((set_id, s)),
        _ => Err(hidden()),
    }
}

/// The latest recorded session of the set before this one: its actions come back for review.
async fn previous(db: &Db, set_id: i64, meets_on: NaiveDate) -> Result<Option<(i64, NaiveDate)>> {
    Ok(crate::db::query_as(
        "SELECT id, meets_on FROM learning_set_sessions WHERE set_id = ? AND meets_on < ?
         AND recorded_at IS NOT NULL ORDER BY meets_on DESC LIMIT 1",
    )
    .bind(set_id)
    .bind(meets_on)
    .fetch_optional(&db.pool)
    .await?)
}

/// A presenter's action as stored.
#[derive(sqlx::FromRow)]
struct ActionRow {
    id: i64,
    presentation_id: i64,
    body: String,
    review: Option<String>,
    review_note: String,
}

fn action(row: &ActionRow) -> SetAction {
    SetAction {
        id: row.id,
        body: row.body.clone(),
        review: row.review.as_deref().and_then(ActionReview::parse),
        review_note: row.review_note.clone(),
    }
}

pub async fn get(db: &Db, actor: &Actor, session_id: i64) -> Result<SetSessionRecord> {
    let (set_id, standing) = party_to(db, actor, session_id).await?;
    let (set_name, meets_on, recorded_at, check_in, notes): (
        String,
        NaiveDate,
        Option<String>,
        String,
        String,
    ) = crate::db::query_as(
        "SELECT s.name, x.meets_on, x.recorded_at, x.check_in, x.notes
         FROM learning_set_sessions x JOIN learning_sets s ON s.id = x.set_id WHERE x.id = ?",
    )
    .bind(session_id)
    .fetch_one(&db.pool)
    .await?;
    let attendance: Vec<(i64, String)> = crate::db::query_as(
        "SELECT fellow_id, mark FROM learning_set_attendance WHERE session_id = ?",
    )
    .bind(session_id)
    .fetch_all(&db.pool)
    .await?;
    type P = (i64, i64, String, i64, bool, Option<i64>, String, String);
    let presenters: Vec<P> = crate::db::query_as(
        "SELECT p.id, p.fellow_id, f.name, p.bid_minutes, p.presented, p.airtime_seconds, p.issue, p.feedback
         FROM learning_set_presentations p JOIN fellows f ON f.id = p.fellow_id
         WHERE p.session_id = ? ORDER BY p.position",
    )
    .bind(session_id)
    .fetch_all(&db.pool)
    .await?;
    let actions: Vec<ActionRow> = crate::db::query_as(
        "SELECT t.id, t.presentation_id, t.body, t.review, t.review_note FROM learning_set_actions t
         JOIN learning_set_presentations p ON p.id = t.presentation_id
         WHERE p.session_id = ? ORDER BY t.position",
    )
    .bind(session_id)
    .fetch_all(&db.pool)
    .await?;
    let prev = previous(db, set_id, meets_on).await?;
    let to_review: Vec<(i64, String, String, Option<String>, String)> = match prev {
        Some((prev_id, _)) => {
            crate::db::query_as(
                "SELECT t.id, f.name, t.body, t.review, t.review_note FROM learning_set_actions t
             JOIN learning_set_presentations p ON p.id = t.presentation_id JOIN fellows f ON f.id = p.fellow_id
             WHERE p.session_id = ? ORDER BY p.position, t.position",
            )
            .bind(prev_id)
            .fetch_all(&db.pool)
            .await?
        }
        None => vec![],
    };
    Ok(SetSessionRecord {
        id: session_id,
        set_id,
        set_name,
        meets_on,
        recorded: recorded_at.is_some(),
        members: sets::members(db, set_id).await?,
        attendance: attendance
            .into_iter()
            .filter_map(|(fellow_id, m)| {
                AttendanceMark::parse(&m).map(|mark| AttendanceEntry { fellow_id, mark })
            })
            .collect(),
        check_in,
        notes,
        presenters: presenters
            .into_iter()
            .map(
                |(
                    pid,
                    fellow_id,
                    fellow_name,
                    bid_minutes,
                    presented,
                    airtime_seconds,
                    issue,
                    feedback,
                )| {
                    Presenter {
                        fellow_id,
                        fellow_name,
                        bid_minutes,
                        presented,
                        airtime_seconds,
                        issue,
                        feedback,
                        actions: actions
                            .iter()
                            .filter(|a| a.presentation_id == pid)
                            .map(action)
                            .collect(),
                    }
                },
            )
            .collect(),
        previous_session: prev.map(|(_, on)| on),
        to_review: to_review
            .into_iter()
            .map(
                |(action_id, fellow_name, body, review, review_note)| ReviewItem {
                    action_id,
                    fellow_name,
                    body,
                    committed_on: prev.map(|(_, on)| on).unwrap_or(meets_on),
                    review: review.as_deref().and_then(ActionReview::parse),
                    review_note,
                },
            )
            .collect(),
        can_record: standing == Standing::Facilitator,
    })
}

/// Checks the whole record before anything is written; every problem is named by its field.
fn check(
    input: &RecordSetSessionInput,
    meets_on: NaiveDate,
    members: &HashSet<i64>,
    reviewable: &HashSet<i64>,
) -> Result<()> {
    let mut c = Checks::new();
    if meets_on > chrono::Utc::now().date_naive() {
        c.fail(
            "meets_on",
            "A session cannot be recorded before it happens. Record it on or after the day.",
        );
    }
    let mut present = HashSet::new();
    let mut marked = HashSet::new();
    for a in &input.attendance {
        let field = format!("attendance.{}", a.fellow_id);
        match AttendanceMark::parse(&a.mark) {
            _ if !members.contains(&a.fellow_id) => {
                c.fail(&field, "Only the set's members have attendance.")
            }
            Some(m) => {
                marked.insert(a.fellow_id);
                if m == AttendanceMark::Present {
                    present.insert(a.fellow_id);
                }
            }
            None => c.fail(&field, "Choose present, sent apologies or absent."),
        }
    }
    for m in members.difference(&marked) {
        c.fail(
            &format!("attendance.{m}"),
            "Choose present, sent apologies or absent.",
        );
    }
    let mut bidders = HashSet::new();
    for (i, p) in input.presenters.iter().enumerate() {
        let field = |f: &str| format!("presenters.{i}.{f}");
        match p.fellow_id {
            None => c.fail(&field("fellow_id"), "Choose who made this bid."),
            Some(f) if !present.contains(&f) => c.fail(
                &field("fellow_id"),
                "Only a member marked present can bid for time.",
            ),
            Some(f) if !bidders.insert(f) => c.fail(
                &field("fellow_id"),
                "This member already has a bid; put everything in one.",
            ),
            Some(_) => {}
        }
        let minutes = p.bid_minutes.trim().parse::<i64>().ok();
        if !matches!(minutes, Some(1..=120)) {
            c.fail(
                &field("bid_minutes"),
                "Enter the minutes asked for, from 1 to 120.",
            );
        }
        if !matches!(p.airtime_seconds, None | Some(0..=14_400)) {
            c.fail(
                &field("airtime_seconds"),
                "Airtime must be between 0 and 4 hours.",
            );
        }
        let actions = p.actions.iter().filter(|a| !a.body.trim().is_empty());
        if !p.presented && actions.count() > 0 {
            c.fail(
                &field("presented"),
                "Actions are committed by presenters: tick \"presented\" or clear the actions.",
            );
        }
    }
    for r in &input.reviews {
        let field = format!("reviews.{}", r.action_id);
        if !reviewable.contains(&r.action_id) {
            c.fail(
                &field,
                "Only actions from the set's previous session are reviewed here.",
            );
        } else if !r.review.is_empty() && ActionReview::parse(&r.review).is_none() {
            c.fail(&field, "Choose done, partly done or not done.");
        }
    }
    c.finish()
}

/// The facilitator saves the whole session record at once, in one transaction.
pub async fn record(
    db: &Db,
    actor: &Actor,
    input: RecordSetSessionInput,
) -> Result<SetSessionRecord> {
    let (set_id, standing) = party_to(db, actor, input.session_id).await?;
    if standing != Standing::Facilitator {
        return Err(ApiError::forbidden(
            "Only the set's facilitator records its sessions.",
        ));
    }
    let (meets_on,): (NaiveDate,) =
        crate::db::query_as("SELECT meets_on FROM learning_set_sessions WHERE id = ?")
            .bind(input.session_id)
            .fetch_one(&db.pool)
            .await?;
    let members: HashSet<i64> = sets::members(db, set_id)
        .await?
        .into_iter()
        .map(|m| m.fellow_id)
        .collect();
    let reviewable: HashSet<i64> = match previous(db, set_id, meets_on).await? {
        Some((prev, _)) => crate::db::query_as::<(i64,)>(
            "SELECT t.id FROM learning_set_actions t JOIN learning_set_presentations p
             ON p.id = t.presentation_id WHERE p.session_id = ?",
        )
        .bind(prev)
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|(id,)| id)
        .collect(),
        None => HashSet::new(),
    };
    check(&input, meets_on, &members, &reviewable)?;

    let sid = input.session_id;
    let mut tx = db.begin().await?;
    crate::db::query(
        "UPDATE learning_set_sessions SET check_in = ?, notes = ?, recorded_at = ?, recorded_by = ? WHERE id = ?",
    )
    .bind(input.check_in.trim())
    .bind(input.notes.trim())
    .bind(now_stamp())
    .bind(actor.user_id)
    .bind(sid)
    .execute(&mut *tx)
    .await?;
    crate::db::query("DELETE FROM learning_set_attendance WHERE session_id = ?")
        .bind(sid)
        .execute(&mut *tx)
        .await?;
    for a in &input.attendance {
        crate::db::query(
            "INSERT INTO learning_set_attendance (session_id, fellow_id, mark) VALUES (?, ?, ?)",
        )
        .bind(sid)
        .bind(a.fellow_id)
        .bind(&a.mark)
        .execute(&mut *tx)
        .await?;
    }
    let kept: Vec<i64> = input
        .presenters
        .iter()
        .filter_map(|p| p.fellow_id)
        .collect();
    let existing: Vec<(i64,)> = crate::db::query_as(
        "SELECT fellow_id FROM learning_set_presentations WHERE session_id = ?",
    )
    .bind(sid)
    .fetch_all(&mut *tx)
    .await?;
    for (gone,) in existing.into_iter().filter(|(f,)| !kept.contains(f)) {
        crate::db::query(
            "DELETE FROM learning_set_presentations WHERE session_id = ? AND fellow_id = ?",
        )
        .bind(sid)
        .bind(gone)
        .execute(&mut *tx)
        .await?;
    }
    for (position, p) in input.presenters.iter().enumerate() {
        let (pid,): (i64,) = crate::db::query_as(
            "INSERT INTO learning_set_presentations
               (session_id, fellow_id, position, bid_minutes, presented, airtime_seconds, issue, feedback)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (session_id, fellow_id) DO UPDATE SET position = excluded.position,
               bid_minutes = excluded.bid_minutes, presented = excluded.presented,
               airtime_seconds = excluded.airtime_seconds, issue = excluded.issue, feedback = excluded.feedback
             RETURNING id",
        )
        .bind(sid)
        .bind(p.fellow_id)
        .bind(position as i64)
        .bind(p.bid_minutes.trim().parse::<i64>().unwrap_or(1))
        .bind(p.presented)
        .bind(p.airtime_seconds)
        .bind(p.issue.trim())
        .bind(p.feedback.trim())
        .fetch_one(&mut *tx)
        .await?;
        let actions: Vec<&SetActionInput> = p
            .actions
            .iter()
            .filter(|a| !a.body.trim().is_empty())
            .collect();
        let keep: Vec<i64> = actions.iter().filter_map(|a| a.id).collect();
        let old: Vec<(i64,)> =
            crate::db::query_as("SELECT id FROM learning_set_actions WHERE presentation_id = ?")
                .bind(pid)
                .fetch_all(&mut *tx)
                .await?;
        for (gone,) in old.into_iter().filter(|(id,)| !keep.contains(id)) {
            crate::db::query("DELETE FROM learning_set_actions WHERE id = ?")
                .bind(gone)
                .execute(&mut *tx)
                .await?;
        }
        for (position, a) in actions.iter().enumerate() {
            // An id that is not this presenter's is treated as a new action, never another's.
            let updated = match a.id {
                Some(id) => crate::db::query(
                    "UPDATE learning_set_actions SET body = ?, position = ? WHERE id = ? AND presentation_id = ?",
                )
                .bind(a.body.trim())
                .bind(position as i64)
                .bind(id)
                .bind(pid)
                .execute(&mut *tx)
                .await?
                .rows_affected(),
                None => 0,
            };
            if updated == 0 {
                crate::db::query("INSERT INTO learning_set_actions (presentation_id, position, body) VALUES (?, ?, ?)")
                    .bind(pid)
                    .bind(position as i64)
                    .bind(a.body.trim())
                    .execute(&mut *tx)
                    .await?;
            }
        }
    }
    for r in &input.reviews {
        let review = ActionReview::parse(&r.review);
        crate::db::query(
            "UPDATE learning_set_actions SET review = ?, review_note = ?, reviewed_in = ? WHERE id = ?",
        )
        .bind(review.map(ActionReview::code))
        .bind(r.note.trim())
        .bind(review.map(|_| sid))
        .bind(r.action_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    get(db, actor, sid).await
}
