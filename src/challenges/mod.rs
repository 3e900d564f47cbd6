//! Fellowship Challenges: the improvement problem a fellow leads for the year, with its
//! proposal, status history and progress score. Action plans, measures and reviews live in
//! their own modules; every operation checks the actor's right to the challenge here.
//!
//! A domain room: uses the base, `db`, `auth`, `programme`, `mail` and `accounts`, and other
//! domain rooms without a loop (tests/architecture.rs).

pub mod actions;
pub mod board;
pub mod measures;
pub mod reviews;
pub mod spc;
pub mod summary_pdf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::access::{hidden, Relation};
use crate::auth::{Actor, Role};
use crate::codes::code_enum;
use crate::db::{now_stamp, Db, Tx};
use crate::error::{ApiError, Checks, Result};
use crate::validate::{date, required};

code_enum! {
    ChallengeStatus {
        Draft = "draft": "Draft",
        AgreedWithHost = "agreed_with_host": "Agreed with host",
        InProgress = "in_progress": "In progress",
        Closing = "closing": "Closing",
        Closed = "closed": "Closed",
    }
}

code_enum! {
    Nature {
        Wicked = "wicked": "Wicked",
        Tame = "tame": "Tame",
    }
}

/// What the actor may do with one challenge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Rights {
    /// Change the proposal, plan, measures and milestones (faculty, the fellow).
    pub edit: bool,
    /// Comment on progress (faculty, the host's sponsor and mentor).
    pub comment: bool,
    /// Sign the mid-year and end-of-year reviews (the host's sponsor).
    pub sign: bool,
}

/// The actor's rights to a challenge; a challenge outside their reach is "not found".
pub(crate) async fn rights(db: &Db, actor: &Actor, challenge_id: i64) -> Result<Rights> {
    let row: Option<(i64, Option<i64>)> = crate::db::query_as(
        "SELECT f.id, f.host_id FROM challenges c JOIN fellows f ON f.id = c.fellow_id WHERE c.id = ?",
    )
    .bind(challenge_id)
    .fetch_optional(&db.pool)
    .await?;
    let (fellow, host) = row.ok_or_else(hidden)?;
    let r = match crate::auth::access::relation(actor, fellow, host) {
        Relation::Faculty => Rights {
            edit: true,
            comment: true,
            sign: false,
        },
        Relation::TheFellow => Rights {
            edit: true,
            comment: false,
            sign: false,
        },
        Relation::HostSponsor => Rights {
            edit: false,
            comment: true,
            sign: true,
        },
        Relation::HostMentor => Rights {
            edit: false,
            comment: true,
            sign: false,
        },
        Relation::Unrelated => return Err(hidden()),
    };
    Ok(r)
}

pub(crate) async fn require_edit(db: &Db, actor: &Actor, challenge_id: i64) -> Result<()> {
    if rights(db, actor, challenge_id).await?.edit {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "Only the fellow and programme faculty can change this challenge.",
        ))
    }
}

/// The proposal: about two sides of A4, in the sections of shared/domain.md.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct Proposal {
    pub service_strategy: String,
    pub evidence_base: String,
    pub current_service: String,
    pub patient_pathway: String,
    pub patient_involvement: String,
    pub support_of_others: String,
    pub outcomes_targets: String,
    pub financial_implications: String,
    pub efficiencies: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ChallengeInput {
    pub id: Option<i64>,
    pub fellow_id: Option<i64>,
    pub title: String,
    pub problem_statement: String,
    pub earlier_attempts: String,
    /// "wicked", "tame" or "" (not yet decided).
    pub nature: String,
    pub aim_quality: bool,
    pub aim_population_health: bool,
    pub aim_cost: bool,
    pub stakeholders: String,
    pub involvement: String,
    pub proposal: Proposal,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Challenge {
    pub id: i64,
    pub fellow_id: i64,
    pub fellow_name: String,
    pub host_name: Option<String>,
    pub cohort_name: String,
    pub title: String,
    pub problem_statement: String,
    pub earlier_attempts: String,
    pub nature: Option<Nature>,
    pub aim_quality: bool,
    pub aim_population_health: bool,
    pub aim_cost: bool,
    pub stakeholders: String,
    pub involvement: String,
    pub proposal: Proposal,
    pub status: ChallengeStatus,
    /// The latest IHI progress score, in tenths (5 = 0.5 ... 50 = 5.0).
    pub progress_tenths: Option<i64>,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct StatusChange {
    pub status: ChallengeStatus,
    pub note: String,
    pub changed_by: Option<String>,
    pub changed_at: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ProgressScore {
    pub score_tenths: i64,
    pub scored_on: NaiveDate,
    pub reason: String,
    pub set_by: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ChallengeDetail {
    pub challenge: Challenge,
    pub rights: Rights,
    pub status_history: Vec<StatusChange>,
    pub progress: Vec<ProgressScore>,
    pub actions: Vec<actions::Action>,
    pub milestones: Vec<actions::Milestone>,
    pub measures: Vec<measures::Measure>,
    pub pdsa_cycles: Vec<measures::Pdsa>,
    pub comments: Vec<reviews::Comment>,
    pub reviews: Vec<reviews::Review>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ChallengeStatusInput {
    pub challenge_id: i64,
    pub status: String,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ProgressScoreInput {
    pub challenge_id: i64,
    /// As typed, e.g. "3.5"; must be one of the IHI scale's steps, 0.5 to 5.0.
    pub score: String,
    pub scored_on: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ChallengeFilter {
    pub cohort_id: Option<i64>,
    pub fellow_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    fellow_id: i64,
    fellow_name: String,
    host_name: Option<String>,
    cohort_name: String,
    title: String,
    problem_statement: String,
    earlier_attempts: String,
    nature: Option<String>,
    aim_quality: bool,
    aim_population_health: bool,
    aim_cost: bool,
    stakeholders: String,
    involvement: String,
    service_strategy: String,
    evidence_base: String,
    current_service: String,
    patient_pathway: String,
    patient_involvement: String,
    support_of_others: String,
    outcomes_targets: String,
    financial_implications: String,
    efficiencies: String,
    status: String,
    progress_tenths: Option<i64>,
    updated_at: String,
}

impl Row {
    fn into_challenge(self) -> Result<Challenge> {
        Ok(Challenge {
            id: self.id,
            fellow_id: self.fellow_id,
            fellow_name: self.fellow_name,
            host_name: self.host_name,
            cohort_name: self.cohort_name,
            title: self.title,
            problem_statement: self.problem_statement,
            earlier_attempts: self.earlier_attempts,
            nature: self.nature.as_deref().map(Nature::stored).transpose()?,
            aim_quality: self.aim_quality,
            aim_population_health: self.aim_population_health,
            aim_cost: self.aim_cost,
            stakeholders: self.stakeholders,
            involvement: self.involvement,
            proposal: Proposal {
                service_strategy: self.service_strategy,
                evidence_base: self.evidence_base,
                current_service: self.current_service,
                patient_pathway: self.patient_pathway,
                patient_involvement: self.patient_involvement,
                support_of_others: self.support_of_others,
                outcomes_targets: self.outcomes_targets,
                financial_implications: self.financial_implications,
                efficiencies: self.efficiencies,
            },
            status: ChallengeStatus::stored(&self.status)?,
            progress_tenths: self.progress_tenths,
            updated_at: self.updated_at,
        })
    }
}

const SELECT: &str =
    "SELECT c.*, f.name AS fellow_name, h.name AS host_name, co.name AS cohort_name,
    (SELECT p.score_tenths FROM progress_scores p WHERE p.challenge_id = c.id
     ORDER BY p.scored_on DESC, p.id DESC LIMIT 1) AS progress_tenths
    FROM challenges c JOIN fellows f ON f.id = c.fellow_id JOIN cohorts co ON co.id = f.cohort_id
    LEFT JOIN host_organisations h ON h.id = f.host_id";

/// Challenges the actor may see: the same fellow scope as the fellows list.
pub async fn list(db: &Db, actor: &Actor, filter: ChallengeFilter) -> Result<Vec<Challenge>> {
    let (scope, arg) = crate::auth::access::fellow_scope(actor);
    let sql = format!(
        "{SELECT} WHERE {scope} AND (?2 IS NULL OR f.cohort_id = ?2) AND (?3 IS NULL OR f.id = ?3)
         ORDER BY lower(f.name), c.id",
        scope = scope.replace('?', "?1")
    );
    let rows: Vec<Row> = crate::db::query_as(&sql)
        .bind(arg)
        .bind(filter.cohort_id)
        .bind(filter.fellow_id)
        .fetch_all(&db.pool)
        .await?;
    rows.into_iter()
        .map(Row::into_challenge)
        .collect::<Result<_>>()
}

/// The challenges on one page of a cohort's board, in the board's order (faculty only: the
/// caller checks).
pub(crate) async fn board_page(db: &Db, at: measures::PageAt) -> Result<Vec<Challenge>> {
    let sql = format!(
        "{SELECT} WHERE c.id IN ({}) ORDER BY lower(f.name), c.id",
        measures::board_page_ids!()
    );
    let rows: Vec<Row> = at
        .bind(crate::db::query_as(&sql))
        .fetch_all(&db.pool)
        .await?;
    rows.into_iter()
        .map(Row::into_challenge)
        .collect::<Result<_>>()
}

pub async fn get(db: &Db, actor: &Actor, id: i64) -> Result<ChallengeDetail> {
    let rights = rights(db, actor, id).await?;
    let row: Row = crate::db::query_as(&format!("{SELECT} WHERE c.id = ?"))
        .bind(id)
        .fetch_one(&db.pool)
        .await?;
    let history: Vec<(String, String, Option<String>, String)> = crate::db::query_as(
        "SELECT s.status, s.note, u.name, s.changed_at FROM challenge_status_history s
         LEFT JOIN users u ON u.id = s.changed_by WHERE s.challenge_id = ? ORDER BY s.id DESC",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let progress: Vec<(i64, NaiveDate, String, Option<String>)> = crate::db::query_as(
        "SELECT p.score_tenths, p.scored_on, p.reason, u.name FROM progress_scores p
         LEFT JOIN users u ON u.id = p.set_by WHERE p.challenge_id = ? ORDER BY p.scored_on DESC, p.id DESC",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    Ok(ChallengeDetail {
        challenge: row.into_challenge()?,
        rights,
        status_history: history
            .into_iter()
            .map(|(s, note, changed_by, changed_at)| {
                Ok(StatusChange {
                    status: ChallengeStatus::stored(&s)?,
                    note,
                    changed_by,
                    changed_at,
                })
            })
            .collect::<Result<_>>()?,
        progress: progress
            .into_iter()
            .map(|(score_tenths, scored_on, reason, set_by)| ProgressScore {
                score_tenths,
                scored_on,
                reason,
                set_by,
            })
            .collect(),
        actions: actions::list(db, id).await?,
        milestones: actions::milestones(db, id).await?,
        measures: measures::list(db, id).await?,
        pdsa_cycles: measures::pdsa_list(db, id).await?,
        comments: reviews::comments(db, id).await?,
        reviews: reviews::list(db, id).await?,
    })
}

fn check(input: &ChallengeInput) -> Result<Option<Nature>> {
    let mut c = Checks::new();
    required(
        &mut c,
        "title",
        &input.title,
        "Enter a title for the challenge.",
    );
    let nature = match input.nature.trim() {
        "" => None,
        s => {
            let n = Nature::parse(s);
            if n.is_none() {
                c.fail("nature", "Choose wicked, tame, or not yet decided.");
            }
            n
        }
    };
    if input.id.is_none() && input.fellow_id.is_none() {
        c.fail("fellow_id", "Choose the fellow who leads this challenge.");
    }
    c.finish()?;
    Ok(nature)
}

/// Faculty draft a challenge for any fellow; a fellow drafts their own.
pub async fn save(db: &Db, actor: &Actor, input: ChallengeInput) -> Result<ChallengeDetail> {
    let nature = check(&input)?;
    let fellow = match input.id {
        Some(id) => {
            require_edit(db, actor, id).await?;
            None
        }
        None => {
            let fellow = input.fellow_id.unwrap_or_default();
            let allowed = match actor.role() {
                Role::Faculty => true,
                Role::Fellow => actor.fellow_id() == Some(fellow),
                _ => false,
            };
            if !allowed {
                return Err(ApiError::forbidden(
                    "Only the fellow and programme faculty can draft a challenge.",
                ));
            }
            crate::programme::fellows::get(db, actor, fellow)
                .await
                .map_err(|_| ApiError::field("fellow_id", "That fellow does not exist."))?;
            Some(fellow)
        }
    };
    let p = &input.proposal;
    let now = now_stamp();
    let mut tx = db.begin().await?;
    let texts = [
        input.problem_statement.trim(),
        input.earlier_attempts.trim(),
        input.stakeholders.trim(),
        input.involvement.trim(),
        p.service_strategy.trim(),
        p.evidence_base.trim(),
        p.current_service.trim(),
        p.patient_pathway.trim(),
        p.patient_involvement.trim(),
        p.support_of_others.trim(),
        p.outcomes_targets.trim(),
        p.financial_implications.trim(),
        p.efficiencies.trim(),
    ];
    let sql = match input.id {
        Some(_) => "UPDATE challenges SET title = ?1, nature = ?2, aim_quality = ?3, aim_population_health = ?4,
            aim_cost = ?5, problem_statement = ?6, earlier_attempts = ?7, stakeholders = ?8, involvement = ?9,
            service_strategy = ?10, evidence_base = ?11, current_service = ?12, patient_pathway = ?13,
            patient_involvement = ?14, support_of_others = ?15, outcomes_targets = ?16,
            financial_implications = ?17, efficiencies = ?18, updated_at = ?19, updated_by = ?20 WHERE id = ?21
            RETURNING id",
        None => "INSERT INTO challenges (title, nature, aim_quality, aim_population_health, aim_cost,
            problem_statement, earlier_attempts, stakeholders, involvement, service_strategy, evidence_base,
            current_service, patient_pathway, patient_involvement, support_of_others, outcomes_targets,
            financial_implications, efficiencies, updated_at, updated_by, fellow_id, created_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?19)
            RETURNING id",
    };
    let mut q = crate::db::query_scalar::<i64>(sql)
        .bind(input.title.trim())
        .bind(nature.map(Nature::code))
        .bind(input.aim_quality)
        .bind(input.aim_population_health)
        .bind(input.aim_cost);
    for t in texts {
        q = q.bind(t);
    }
    let saved = q
        .bind(&now)
        .bind(actor.user_id)
        .bind(input.id.or(fellow))
        .fetch_one(&mut *tx)
        .await?;
    let id = match input.id {
        Some(id) => id,
        None => {
            let id = saved;
            record_status(
                &mut tx,
                id,
                ChallengeStatus::Draft,
                "Challenge drafted",
                actor.user_id,
            )
            .await?;
            id
        }
    };
    tx.commit().await?;
    get(db, actor, id).await
}

async fn record_status(
    tx: &mut Tx,
    id: i64,
    status: ChallengeStatus,
    note: &str,
    by: i64,
) -> Result<()> {
    crate::db::query("INSERT INTO challenge_status_history (challenge_id, status, note, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)")
        .bind(id)
        .bind(status.code())
        .bind(note.trim())
        .bind(by)
        .bind(now_stamp())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn change_status(
    db: &Db,
    actor: &Actor,
    input: ChallengeStatusInput,
) -> Result<ChallengeDetail> {
    require_edit(db, actor, input.challenge_id).await?;
    let status = ChallengeStatus::parse(&input.status)
        .ok_or_else(|| ApiError::field("status", "Choose the new status."))?;
    let mut tx = db.begin().await?;
    crate::db::query(
        "UPDATE challenges SET status = ?, updated_at = ?, updated_by = ? WHERE id = ?",
    )
    .bind(status.code())
    .bind(now_stamp())
    .bind(actor.user_id)
    .bind(input.challenge_id)
    .execute(&mut *tx)
    .await?;
    record_status(
        &mut tx,
        input.challenge_id,
        status,
        &input.note,
        actor.user_id,
    )
    .await?;
    tx.commit().await?;
    get(db, actor, input.challenge_id).await
}

/// Parses an IHI progress score ("3.5") into tenths, accepting only the scale's half steps.
pub fn parse_progress(s: &str) -> Option<i64> {
    let s = s.trim();
    let (whole, frac) = s.split_once('.').unwrap_or((s, "0"));
    let whole: i64 = whole.parse().ok()?;
    let tenth: i64 = match frac {
        "0" | "00" | "" => 0,
        "5" | "50" => 5,
        _ => return None,
    };
    let t = whole * 10 + tenth;
    (5..=50).contains(&t).then_some(t)
}

pub async fn set_progress(
    db: &Db,
    actor: &Actor,
    input: ProgressScoreInput,
) -> Result<ChallengeDetail> {
    require_edit(db, actor, input.challenge_id).await?;
    let mut c = Checks::new();
    let score = parse_progress(&input.score);
    if score.is_none() {
        c.fail(
            "score",
            "Choose a score on the IHI scale, from 0.5 to 5.0 in steps of 0.5.",
        );
    }
    let on = date(&mut c, "scored_on", &input.scored_on, "date of the score");
    required(
        &mut c,
        "reason",
        &input.reason,
        "Say why the score is what it is.",
    );
    c.finish()?;
    crate::db::query(
        "INSERT INTO progress_scores (challenge_id, score_tenths, scored_on, reason, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(input.challenge_id)
    .bind(score)
    .bind(on)
    .bind(input.reason.trim())
    .bind(actor.user_id)
    .bind(now_stamp())
    .execute(&db.pool)
    .await?;
    get(db, actor, input.challenge_id).await
}
