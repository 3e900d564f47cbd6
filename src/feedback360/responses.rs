//! Answers to a round: the fellow's self-assessment, and raters' responses given with their
//! invitation code (no account needed). A code works once; the response keeps only the rater's
//! group, under a random id, so it cannot be traced back to the invitation.

use chrono::NaiveDate;
use rand::seq::SliceRandom;
use rand::Rng;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::anonymity::RaterGroup;
use super::codes;
use super::rounds::{self, Round, RoundKind};
use crate::auth::access::hidden;
use crate::auth::{Actor, Role};
use crate::db::{now_stamp, Db, Tx};
use crate::error::{ApiError, Checks, Result};

#[derive(Debug, Clone, Serialize, TS)]
pub struct ScalePoint {
    pub value: i64,
    pub label: String,
    /// What the level means, in a sentence (may be empty for a scale without descriptions).
    pub description: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct QuestionDimension {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub statements: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Questions {
    pub dimensions: Vec<QuestionDimension>,
    pub scale: Vec<ScalePoint>,
    pub allows_not_observed: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
pub struct Answer {
    pub dimension_id: i64,
    /// None: not observed (raters only).
    pub rating: Option<i64>,
    pub importance: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SelfAssessment {
    pub round: Round,
    pub questions: Questions,
    pub answers: Vec<Answer>,
    pub submitted: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SelfAssessmentInput {
    pub round_id: i64,
    pub answers: Vec<Answer>,
    /// False saves a draft; true submits, which needs every dimension rated.
    pub submit: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CodeInput {
    pub code: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Questionnaire {
    pub fellow_name: String,
    pub round_kind: RoundKind,
    pub closes_on: NaiveDate,
    pub rater_group: RaterGroup,
    /// The line manager's answers are shown as theirs; they are told so before answering.
    pub not_anonymous: bool,
    pub questions: Questions,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct QuestionnaireAnswers {
    pub code: String,
    pub answers: Vec<Answer>,
    pub comment: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Receipt {
    pub message: String,
}

pub async fn questions(db: &Db, framework_id: i64) -> Result<Questions> {
    let dims: Vec<(i64, String, String)> = crate::db::query_as(
        "SELECT id, name, description FROM framework_dimensions WHERE framework_id = ? ORDER BY position",
    )
    .bind(framework_id)
    .fetch_all(&db.pool)
    .await?;
    let statements: Vec<(i64, String)> = crate::db::query_as(
        "SELECT s.dimension_id, s.body FROM framework_statements s JOIN framework_dimensions d ON d.id = s.dimension_id
         WHERE d.framework_id = ? ORDER BY s.position",
    )
    .bind(framework_id)
    .fetch_all(&db.pool)
    .await?;
    let scale: Vec<(i64, String, String)> = crate::db::query_as(
        "SELECT value, label, description FROM framework_scale_points WHERE framework_id = ? ORDER BY value",
    )
    .bind(framework_id)
    .fetch_all(&db.pool)
    .await?;
    let (allows,): (bool,) =
        crate::db::query_as("SELECT allows_not_observed FROM frameworks WHERE id = ?")
            .bind(framework_id)
            .fetch_one(&db.pool)
            .await?;
    Ok(Questions {
        dimensions: dims
            .into_iter()
            .map(|(id, name, description)| QuestionDimension {
                id,
                statements: statements
                    .iter()
                    .filter(|s| s.0 == id)
                    .map(|s| s.1.clone())
                    .collect(),
                name,
                description,
            })
            .collect(),
        scale: scale
            .into_iter()
            .map(|(value, label, description)| ScalePoint {
                value,
                label,
                description,
            })
            .collect(),
        allows_not_observed: allows,
    })
}

/// Every dimension answered once, each value on the scale. `require_rating` refuses "not observed".
fn check_answers(q: &Questions, answers: &[Answer], require_rating: bool) -> Result<()> {
    let mut c = Checks::new();
    let on_scale = |v: Option<i64>| v.is_none_or(|v| q.scale.iter().any(|p| p.value == v));
    for d in &q.dimensions {
        let field = format!("answers.{}", d.id);
        match answers.iter().find(|a| a.dimension_id == d.id) {
            None => c.fail(&field, format!("Rate \"{}\".", d.name)),
            Some(a) => {
                if !on_scale(a.rating) || !on_scale(a.importance) {
                    c.fail(&field, "Choose a point on the scale.");
                } else if a.rating.is_none() && (require_rating || !q.allows_not_observed) {
                    c.fail(&field, format!("Rate \"{}\".", d.name));
                }
            }
        }
    }
    if answers
        .iter()
        .any(|a| !q.dimensions.iter().any(|d| d.id == a.dimension_id))
    {
        c.fail(
            "answers",
            "An answer does not belong to this questionnaire.",
        );
    }
    c.finish()
}

fn is_open(round: &Round, today: NaiveDate) -> bool {
    !round.closed && today >= round.opens_on && today <= round.closes_on
}

async fn own_round(db: &Db, actor: &Actor, round_id: i64) -> Result<(Round, i64)> {
    if actor.role() != Role::Fellow {
        return Err(ApiError::forbidden(
            "Only the fellow completes their own self-assessment.",
        ));
    }
    let round = rounds::load(db, round_id).await?;
    let me = actor.fellow_id().ok_or_else(hidden)?;
    let (cohort,): (i64,) = crate::db::query_as("SELECT cohort_id FROM fellows WHERE id = ?")
        .bind(me)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(hidden)?;
    if cohort != round.cohort_id {
        return Err(hidden());
    }
    Ok((round, me))
}

pub async fn self_assessment(db: &Db, actor: &Actor, round_id: i64) -> Result<SelfAssessment> {
    let (round, me) = own_round(db, actor, round_id).await?;
    let rows: Vec<(i64, Option<i64>, Option<i64>)> = crate::db::query_as(
        "SELECT dimension_id, rating, importance FROM feedback_self_ratings WHERE round_id = ? AND fellow_id = ?",
    )
    .bind(round_id)
    .bind(me)
    .fetch_all(&db.pool)
    .await?;
    let submitted: Option<(String,)> = crate::db::query_as(
        "SELECT submitted_at FROM feedback_self_submissions WHERE round_id = ? AND fellow_id = ?",
    )
    .bind(round_id)
    .bind(me)
    .fetch_optional(&db.pool)
    .await?;
    Ok(SelfAssessment {
        questions: questions(db, round.framework_id).await?,
        round,
        answers: rows
            .into_iter()
            .map(|(dimension_id, rating, importance)| Answer {
                dimension_id,
                rating,
                importance,
            })
            .collect(),
        submitted: submitted.is_some(),
    })
}

pub async fn save_self_assessment(
    db: &Db,
    actor: &Actor,
    input: SelfAssessmentInput,
) -> Result<SelfAssessment> {
    let (round, me) = own_round(db, actor, input.round_id).await?;
    if !is_open(&round, chrono::Utc::now().date_naive()) {
        return Err(ApiError::conflict(
            "round",
            format!(
                "This round is open from {} to {}; the self-assessment can only be changed then.",
                round.opens_on, round.closes_on
            ),
        ));
    }
    let q = questions(db, round.framework_id).await?;
    if input.submit {
        check_answers(&q, &input.answers, true)?;
    } else {
        let partial: Vec<Answer> = input
            .answers
            .iter()
            .filter(|a| a.rating.is_some())
            .cloned()
            .collect();
        let known = Questions {
            dimensions: q
                .dimensions
                .iter()
                .filter(|d| partial.iter().any(|a| a.dimension_id == d.id))
                .cloned()
                .collect(),
            ..q.clone()
        };
        check_answers(&known, &partial, true)?;
    }
    let mut tx = db.begin().await?;
    rounds::claim_open(&mut tx, round.id, "round").await?;
    crate::db::query("DELETE FROM feedback_self_ratings WHERE round_id = ? AND fellow_id = ?")
        .bind(round.id)
        .bind(me)
        .execute(&mut *tx)
        .await?;
    for a in input.answers.iter().filter(|a| a.rating.is_some()) {
        crate::db::query(
            "INSERT INTO feedback_self_ratings (round_id, fellow_id, dimension_id, rating, importance) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(round.id)
        .bind(me)
        .bind(a.dimension_id)
        .bind(a.rating)
        .bind(a.importance)
        .execute(&mut *tx)
        .await?;
    }
    if input.submit {
        crate::db::query(
            "INSERT INTO feedback_self_submissions (round_id, fellow_id, submitted_at) VALUES (?, ?, ?)
             ON CONFLICT DO NOTHING",
        )
        .bind(round.id)
        .bind(me)
        .bind(now_stamp())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    self_assessment(db, actor, round.id).await
}

pub(crate) struct Invitation {
    pub(crate) id: i64,
    pub(crate) round: Round,
    pub(crate) fellow_id: i64,
    pub(crate) group: RaterGroup,
}

const UNKNOWN: &str =
    "That code is not recognised. Check it against your invitation; it has 40 letters and digits.";

/// Finds the invitation a typed code belongs to, checking the secret in constant time.
pub(crate) async fn invitation(db: &Db, code: &str) -> Result<Invitation> {
    let (lookup, hash) = codes::parse(code).ok_or_else(|| ApiError::field("code", UNKNOWN))?;
    type Row = (i64, i64, i64, String, Option<Vec<u8>>, i64);
    let row: Option<Row> = crate::db::query_as(
        "SELECT id, round_id, fellow_id, rater_group, secret_hash, responded FROM feedback_nominations WHERE lookup = ?",
    )
    .bind(&lookup)
    .fetch_optional(&db.pool)
    .await?;
    let Some((id, round_id, fellow_id, group, Some(stored), responded)) = row else {
        return Err(ApiError::field("code", UNKNOWN));
    };
    if !codes::same_secret(&stored, &hash) {
        return Err(ApiError::field("code", UNKNOWN));
    }
    if responded == 1 {
        return Err(ApiError::conflict(
            "code",
            "This code has already been used. Each code can be used once.",
        ));
    }
    let round = rounds::load(db, round_id).await?;
    let today = chrono::Utc::now().date_naive();
    if round.closed || today > round.closes_on {
        return Err(ApiError::conflict(
            "code",
            format!(
                "This feedback round closed on {}; responses can no longer be given.",
                round.closes_on.format("%-d %B %Y")
            ),
        ));
    }
    if today < round.opens_on {
        return Err(ApiError::conflict(
            "code",
            format!(
                "This feedback round opens on {}.",
                round.opens_on.format("%-d %B %Y")
            ),
        ));
    }
    Ok(Invitation {
        id,
        round,
        fellow_id,
        group: RaterGroup::stored(&group)?,
    })
}

/// Rater mode: what a code opens. Needs no account.
pub async fn open_questionnaire(db: &Db, input: CodeInput) -> Result<Questionnaire> {
    let inv = invitation(db, &input.code).await?;
    let (fellow_name,): (String,) = crate::db::query_as("SELECT name FROM fellows WHERE id = ?")
        .bind(inv.fellow_id)
        .fetch_one(&db.pool)
        .await?;
    Ok(Questionnaire {
        fellow_name,
        round_kind: inv.round.kind,
        closes_on: inv.round.closes_on,
        rater_group: inv.group,
        not_anonymous: inv.group == RaterGroup::LineManager,
        questions: questions(db, inv.round.framework_id).await?,
    })
}

/// One stored response with its ratings, as it is rewritten.
type Stored = (i64, String, String, Vec<(i64, Option<i64>, Option<i64>)>);

/// Adds a response to the fellow's round, then writes all of that fellow's responses in the
/// round again in a shuffled order under fresh random ids. SQLite keeps them (tables without a
/// rowid) in key order anyway; PostgreSQL's heap keeps rows where they were written, so without
/// the rewrite the newest answer would sit last. Nothing is held back in batches: the progress
/// page shows each group's count as answers arrive (faculty need it to chase), so a batch would
/// hide nothing that page does not already show, and would put answers at risk until written.
async fn insert_response(
    tx: &mut Tx,
    inv: &Invitation,
    input: &QuestionnaireAnswers,
) -> Result<()> {
    let mut stored: Vec<Stored> = vec![(
        0,
        inv.group.code().to_owned(),
        input.comment.trim().to_owned(),
        input
            .answers
            .iter()
            .map(|a| (a.dimension_id, a.rating, a.importance))
            .collect(),
    )];
    let earlier: Vec<(i64, String, String)> = crate::db::query_as(
        "SELECT id, rater_group, comment FROM feedback_responses WHERE round_id = ? AND fellow_id = ?",
    )
    .bind(inv.round.id)
    .bind(inv.fellow_id)
    .fetch_all(&mut **tx)
    .await?;
    for (id, group, comment) in earlier {
        let ratings: Vec<(i64, Option<i64>, Option<i64>)> = crate::db::query_as(
            "SELECT dimension_id, rating, importance FROM feedback_response_ratings WHERE response_id = ?",
        )
        .bind(id)
        .fetch_all(&mut **tx)
        .await?;
        stored.push((id, group, comment, ratings));
    }
    crate::db::query("DELETE FROM feedback_responses WHERE round_id = ? AND fellow_id = ?")
        .bind(inv.round.id)
        .bind(inv.fellow_id)
        .execute(&mut **tx)
        .await?;
    // The generator is not kept across an await, so the future stays Send.
    let ids: Vec<i64> = {
        let mut rng = rand::thread_rng();
        stored.shuffle(&mut rng);
        stored.iter().map(|_| rng.gen_range(1..i64::MAX)).collect()
    };
    for (id, (_, group, comment, ratings)) in ids.into_iter().zip(stored) {
        crate::db::query(
            "INSERT INTO feedback_responses (id, round_id, fellow_id, rater_group, comment) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(inv.round.id)
        .bind(inv.fellow_id)
        .bind(group)
        .bind(comment)
        .execute(&mut **tx)
        .await?;
        for (dimension_id, rating, importance) in ratings {
            crate::db::query(
                "INSERT INTO feedback_response_ratings (response_id, dimension_id, rating, importance) VALUES (?, ?, ?, ?)",
            )
            .bind(id)
            .bind(dimension_id)
            .bind(rating)
            .bind(importance)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// Rater mode: records a response and spends the code, in one transaction.
pub async fn submit_questionnaire(db: &Db, input: QuestionnaireAnswers) -> Result<Receipt> {
    let inv = invitation(db, &input.code).await?;
    let q = questions(db, inv.round.framework_id).await?;
    check_answers(&q, &input.answers, false)?;
    let mut tx = db.begin().await?;
    rounds::claim_open(&mut tx, inv.round.id, "code").await?;
    // Spending the code first, guarded, means two submissions of one code cannot both land.
    let spent = crate::db::query(
        "UPDATE feedback_nominations SET responded = 1 WHERE id = ? AND responded = 0",
    )
    .bind(inv.id)
    .execute(&mut *tx)
    .await?;
    if spent.rows_affected() == 0 {
        return Err(ApiError::conflict(
            "code",
            "This code has already been used. Each code can be used once.",
        ));
    }
    insert_response(&mut tx, &inv, &input).await?;
    tx.commit().await?;
    Ok(Receipt {
        message: "Thank you. Your feedback has been recorded and your code can no longer be used."
            .into(),
    })
}
