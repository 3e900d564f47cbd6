//! Nominated raters and their invitation codes. A fellow nominates raters by group for their own
//! feedback (faculty may nominate for any fellow); faculty issue the codes and hand them over.
//! A code is shown once, when issued; afterwards only its hash is kept.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::anonymity::RaterGroup;
use super::codes;
use super::rounds::{self, Round};
use crate::auth::access::{hidden, require_faculty};
use crate::auth::{Actor, Role};
use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Checks, Result};
use crate::validate::{email_ok, required};

#[derive(Debug, Clone, Deserialize, TS)]
pub struct NominationInput {
    pub round_id: i64,
    /// Faculty choose the fellow; a fellow always nominates for themselves.
    pub fellow_id: Option<i64>,
    pub rater_group: String,
    pub rater_name: String,
    pub rater_email: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct NominationsRef {
    pub round_id: i64,
    pub fellow_id: Option<i64>,
}

/// A nomination as the fellow sees it: whether a code went out, never whether they answered.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Nomination {
    pub id: i64,
    pub fellow_id: i64,
    pub rater_group: RaterGroup,
    pub rater_name: String,
    pub rater_email: String,
    pub invited: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct IssueCodesInput {
    pub round_id: i64,
    /// Only these nominations; empty for every nomination in the round without a code yet.
    pub nomination_ids: Vec<i64>,
}

/// A code to hand to a rater. It is shown only in the answer to the request that issued it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct IssuedCode {
    pub nomination_id: i64,
    pub fellow_name: String,
    pub rater_name: String,
    pub rater_email: String,
    pub rater_group: RaterGroup,
    pub code: String,
    /// The code also went to the rater by email (email is on).
    pub emailed: bool,
}

async fn subject(db: &Db, actor: &Actor, round: &Round, fellow_id: Option<i64>) -> Result<i64> {
    match actor.role() {
        Role::Faculty => {
            fellow_id.ok_or_else(|| ApiError::field("fellow_id", "Choose the fellow."))
        }
        Role::Fellow => {
            let me = actor.fellow_id().ok_or_else(hidden)?;
            let (cohort,): (i64,) =
                crate::db::query_as("SELECT cohort_id FROM fellows WHERE id = ?")
                    .bind(me)
                    .fetch_optional(&db.pool)
                    .await?
                    .ok_or_else(hidden)?;
            if cohort != round.cohort_id || fellow_id.is_some_and(|f| f != me) {
                return Err(hidden());
            }
            Ok(me)
        }
        Role::HostSponsor | Role::Mentor => Err(hidden()),
    }
}

pub async fn list(db: &Db, actor: &Actor, input: NominationsRef) -> Result<Vec<Nomination>> {
    let round = rounds::load(db, input.round_id).await?;
    let fellow = subject(db, actor, &round, input.fellow_id).await?;
    let rows: Vec<(i64, i64, String, String, String, bool)> = crate::db::query_as(
        "SELECT id, fellow_id, rater_group, rater_name, rater_email, lookup IS NOT NULL FROM feedback_nominations
         WHERE round_id = ? AND fellow_id = ? ORDER BY rater_group, rater_name",
    )
    .bind(round.id)
    .bind(fellow)
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter()
        .map(|(id, fellow_id, g, rater_name, rater_email, invited)| {
            Ok(Nomination {
                id,
                fellow_id,
                rater_group: RaterGroup::stored(&g)?,
                rater_name,
                rater_email,
                invited,
            })
        })
        .collect::<Result<_>>()
}

pub async fn nominate(db: &Db, actor: &Actor, input: NominationInput) -> Result<Vec<Nomination>> {
    let round = rounds::load(db, input.round_id).await?;
    let fellow = subject(db, actor, &round, input.fellow_id).await?;
    if round.closed {
        return Err(ApiError::conflict(
            "round",
            "This round has closed; raters can no longer be nominated.",
        ));
    }
    let mut c = Checks::new();
    let group = RaterGroup::parse(&input.rater_group);
    if group.is_none() {
        c.fail("rater_group", "Choose the rater's group.");
    }
    required(
        &mut c,
        "rater_name",
        &input.rater_name,
        "Enter the rater's name.",
    );
    if !email_ok(&input.rater_email) {
        c.fail(
            "rater_email",
            "Enter the rater's email address, like name@nhs.net.",
        );
    }
    c.finish()?;
    let email = input.rater_email.trim().to_lowercase();
    let clash: Option<(i64,)> = crate::db::query_as(
        "SELECT id FROM feedback_nominations WHERE round_id = ? AND fellow_id = ? AND rater_email = ?",
    )
    .bind(round.id)
    .bind(fellow)
    .bind(&email)
    .fetch_optional(&db.pool)
    .await?;
    if clash.is_some() {
        return Err(ApiError::conflict(
            "rater_email",
            "This person is already nominated in this round.",
        ));
    }
    crate::db::query(
        "INSERT INTO feedback_nominations (round_id, fellow_id, rater_group, rater_name, rater_email, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(round.id)
    .bind(fellow)
    .bind(group.map(RaterGroup::code))
    .bind(input.rater_name.trim())
    .bind(&email)
    .bind(now_stamp())
    .execute(&db.pool)
    .await?;
    list(
        db,
        actor,
        NominationsRef {
            round_id: round.id,
            fellow_id: Some(fellow),
        },
    )
    .await
}

/// A nomination not yet answered; `lookup` is set once a code has been issued.
#[derive(sqlx::FromRow)]
struct Waiting {
    id: i64,
    fellow_name: String,
    rater_name: String,
    rater_email: String,
    rater_group: String,
    lookup: Option<String>,
    fellow_id: i64,
}

/// Issues codes (faculty only). Issuing again for a nomination replaces its code, so a lost
/// code can be replaced; a rater who has responded gets no new code.
pub async fn issue(db: &Db, actor: &Actor, input: IssueCodesInput) -> Result<Vec<IssuedCode>> {
    require_faculty(actor)?;
    let round = rounds::load(db, input.round_id).await?;
    if round.closed {
        return Err(ApiError::conflict(
            "round",
            "This round has closed; no more codes can be issued.",
        ));
    }
    let rows: Vec<Waiting> = crate::db::query_as(
        "SELECT n.id, f.name AS fellow_name, n.rater_name, n.rater_email, n.rater_group, n.lookup, n.fellow_id
         FROM feedback_nominations n
         JOIN fellows f ON f.id = n.fellow_id WHERE n.round_id = ? AND n.responded = 0 ORDER BY f.name, n.rater_name",
    )
    .bind(round.id)
    .fetch_all(&db.pool)
    .await?;
    let chosen = rows.into_iter().filter(|r| {
        if input.nomination_ids.is_empty() {
            r.lookup.is_none()
        } else {
            input.nomination_ids.contains(&r.id)
        }
    });
    let mut out = vec![];
    let mut tx = db.begin().await?;
    for n in chosen {
        let Waiting {
            id,
            fellow_name,
            rater_name,
            rater_email,
            rater_group,
            fellow_id,
            ..
        } = n;
        let code = codes::generate();
        let issued_at = now_stamp();
        crate::db::query("UPDATE feedback_nominations SET lookup = ?, secret_hash = ?, issued_at = ? WHERE id = ?")
            .bind(&code.lookup)
            .bind(&code.secret_hash)
            .bind(&issued_at)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        // The code goes from memory into the message; the nomination keeps only its hash.
        let emailed = crate::mail::messages::rater_invitation(
            &mut tx,
            id,
            &format!("{}:{}", issued_at, code.lookup),
            fellow_id,
            &fellow_name,
            &rater_name,
            &rater_email,
            &code.code,
            round.closes_on,
        )
        .await?
            != crate::mail::Queued::No;
        out.push(IssuedCode {
            nomination_id: id,
            fellow_name,
            rater_name,
            rater_email,
            rater_group: RaterGroup::stored(&rater_group)?,
            code: code.code,
            emailed,
        });
    }
    tx.commit().await?;
    Ok(out)
}
