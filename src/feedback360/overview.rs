//! Views across rounds: a fellow's own rounds, the reports shared with a host sponsor, and the
//! faculty's anonymised cohort aggregate (baseline against end of year), which may be shared
//! (the annual report gives it), so any figure made of 1 to 4 fellows is withheld by the
//! disclosure rule (crate::disclosure). Each figure stands alone, with no totals to subtract from.

use serde::Serialize;
use ts_rs::TS;

use super::anonymity;
use super::rounds::{self, Round, RoundKind};
use crate::auth::access::require_faculty;
use crate::auth::{Actor, Role};
use crate::db::Db;
use crate::disclosure;
use crate::error::Result;

/// The fewest fellows an aggregate figure may be made of.
pub const SMALL_CELL: i64 = disclosure::THRESHOLD;

#[derive(Debug, Clone, Serialize, TS)]
pub struct MyRound {
    pub round: Round,
    pub self_submitted: bool,
    pub nominated: i64,
    pub report_released: bool,
    pub shared_with_host: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SharedReport {
    pub round_id: i64,
    pub round_kind: RoundKind,
    pub cohort_name: String,
    pub fellow_id: i64,
    pub fellow_name: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CohortFigure {
    /// Fellows with a valid report in the round.
    pub fellows: i64,
    /// The mean over fellows of others' mean rating (all raters), in hundredths.
    pub others_mean_hundredths: i64,
    pub self_mean_hundredths: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CohortDimension {
    pub dimension_id: i64,
    pub name: String,
    /// None where the round has not closed or fewer than five fellows have a figure.
    pub baseline: Option<CohortFigure>,
    pub end_of_year: Option<CohortFigure>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CohortFeedback {
    pub cohort_id: i64,
    pub small_cell: i64,
    pub dimensions: Vec<CohortDimension>,
}

pub async fn mine(db: &Db, actor: &Actor) -> Result<Vec<MyRound>> {
    if actor.role() != Role::Fellow {
        return Ok(vec![]);
    }
    let me = actor.fellow_id().ok_or_else(crate::auth::access::hidden)?;
    let mut out = vec![];
    for round in rounds::list(db, actor).await? {
        let (submitted, nominated, released, shared): (bool, i64, bool, bool) = crate::db::query_as(
            "SELECT EXISTS (SELECT 1 FROM feedback_self_submissions WHERE round_id = ?1 AND fellow_id = ?2),
                    (SELECT count(*) FROM feedback_nominations WHERE round_id = ?1 AND fellow_id = ?2),
                    EXISTS (SELECT 1 FROM feedback_reports WHERE round_id = ?1 AND fellow_id = ?2 AND released_at IS NOT NULL),
                    EXISTS (SELECT 1 FROM feedback_reports WHERE round_id = ?1 AND fellow_id = ?2 AND shared_with_host_at IS NOT NULL)",
        )
        .bind(round.id)
        .bind(me)
        .fetch_one(&db.pool)
        .await?;
        out.push(MyRound {
            round,
            self_submitted: submitted,
            nominated,
            report_released: released,
            shared_with_host: shared,
        });
    }
    Ok(out)
}

/// Reports the host sponsor's own fellows have chosen to share with them.
pub async fn shared_with_me(db: &Db, actor: &Actor) -> Result<Vec<SharedReport>> {
    if actor.role() != Role::HostSponsor {
        return Ok(vec![]);
    }
    let rows: Vec<(i64, String, String, i64, String)> = crate::db::query_as(
        "SELECT r.round_id, fr.kind, c.name, f.id, f.name FROM feedback_reports r
         JOIN feedback_rounds fr ON fr.id = r.round_id JOIN cohorts c ON c.id = fr.cohort_id
         JOIN fellows f ON f.id = r.fellow_id
         WHERE f.host_id = ? AND r.released_at IS NOT NULL AND r.shared_with_host_at IS NOT NULL
         ORDER BY fr.opens_on DESC, f.name",
    )
    .bind(actor.host_id())
    .fetch_all(&db.pool)
    .await?;
    rows.into_iter()
        .map(|(round_id, kind, cohort_name, fellow_id, fellow_name)| {
            Ok(SharedReport {
                round_id,
                round_kind: RoundKind::stored(&kind)?,
                cohort_name,
                fellow_id,
                fellow_name,
            })
        })
        .collect::<Result<_>>()
}

/// A round's figure for one dimension before disclosure control: fellows with a valid report
/// and a figure, and the means over them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
struct RoundFigure {
    dimension_id: i64,
    fellows: i64,
    others_mean_hundredths: i64,
    self_mean_hundredths: i64,
}

/// The mean of hundredths, rounded half up; 0 for none.
fn mean_of(xs: &[i64]) -> i64 {
    let k = xs.len() as i64;
    if k == 0 {
        0
    } else {
        (xs.iter().sum::<i64>() * 2 + k) / (2 * k)
    }
}

/// Per dimension, the mean over fellows of (others' mean, self rating), from valid reports only.
/// Reads every rating of the round: a closed round's are kept (`closed_round_figures`).
async fn round_figures(db: &Db, round: &Round) -> Result<Vec<RoundFigure>> {
    let rules = round.rules();
    let (dims, answers) = rounds::responses_in(db, round, None).await?;
    let fellows: Vec<(i64, bool)> = crate::db::query_as(
        "SELECT r.fellow_id, EXISTS (SELECT 1 FROM feedback_self_submissions s WHERE s.round_id = r.round_id AND s.fellow_id = r.fellow_id)
         FROM feedback_reports r WHERE r.round_id = ?",
    )
    .bind(round.id)
    .fetch_all(&db.pool)
    .await?;
    let selfs: Vec<(i64, i64, Option<i64>)> = crate::db::query_as(
        "SELECT fellow_id, dimension_id, rating FROM feedback_self_ratings WHERE round_id = ?",
    )
    .bind(round.id)
    .fetch_all(&db.pool)
    .await?;
    // By (fellow, dimension), so a cohort's report grows with its fellows, not their square.
    let selfs: std::collections::HashMap<(i64, i64), Option<i64>> =
        selfs.into_iter().map(|(f, d, r)| ((f, d), r)).collect();
    // Only the means are used here, which do not depend on the number of scale points.
    let points = 4;
    // Per dimension: each valid fellow's others' mean (hundredths) and self rating.
    let mut by_dim: Vec<Vec<(i64, Option<i64>)>> = vec![vec![]; dims.len()];
    for (fellow_id, submitted) in fellows {
        let empty = Default::default();
        let (responses, _) = answers.get(&fellow_id).unwrap_or(&empty);
        // The same rules as each fellow's own report: an invalid round gives no figures.
        if !anonymity::validity(&rules, submitted, responses).is_empty() {
            continue;
        }
        let own: Vec<Option<u8>> = dims
            .iter()
            .map(|d| {
                selfs
                    .get(&(fellow_id, *d))
                    .copied()
                    .flatten()
                    .and_then(|v| u8::try_from(v).ok())
            })
            .collect();
        for (i, values) in by_dim.iter_mut().enumerate() {
            let f = anonymity::dimension_figures(&rules, responses, &own, i, points);
            if let Some(all) = f.all_raters {
                values.push((all.mean_hundredths, f.self_rating.map(i64::from)));
            }
        }
    }
    Ok(dims
        .iter()
        .zip(by_dim)
        .map(|(d, v)| RoundFigure {
            dimension_id: *d,
            fellows: v.len() as i64,
            others_mean_hundredths: mean_of(&v.iter().map(|(o, _)| *o).collect::<Vec<_>>()),
            self_mean_hundredths: mean_of(
                &v.iter()
                    .filter_map(|(_, s)| s.map(|s| s * 100))
                    .collect::<Vec<_>>(),
            ),
        })
        .collect())
}

/// A closed round's figures, worked out from its ratings the first time they are asked for (or
/// as it closes) and kept: a closed round takes no more answers or self-assessments, so they
/// cannot change. Only a closed round's are kept.
async fn closed_round_figures(db: &Db, round: &Round) -> Result<Vec<RoundFigure>> {
    let kept: Vec<RoundFigure> = crate::db::query_as(
        "SELECT dimension_id, fellows, others_mean_hundredths, self_mean_hundredths
         FROM feedback_round_figures WHERE round_id = ?",
    )
    .bind(round.id)
    .fetch_all(&db.pool)
    .await?;
    if !kept.is_empty() || !round.closed {
        return Ok(kept);
    }
    let worked_out = round_figures(db, round).await?;
    let mut tx = db.begin().await?;
    for f in &worked_out {
        // Two first asks at once work out the same figures: the second keeps the first's.
        crate::db::query(
            "INSERT INTO feedback_round_figures (round_id, dimension_id, fellows, others_mean_hundredths, self_mean_hundredths)
             VALUES (?, ?, ?, ?, ?) ON CONFLICT (round_id, dimension_id) DO NOTHING",
        )
        .bind(round.id)
        .bind(f.dimension_id)
        .bind(f.fellows)
        .bind(f.others_mean_hundredths)
        .bind(f.self_mean_hundredths)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(worked_out)
}

/// Works out and keeps a round's cohort figures as it closes, so no report waits for them later.
pub(crate) async fn keep_closed_round_figures(db: &Db, round: &Round) -> Result<()> {
    closed_round_figures(db, round).await.map(|_| ())
}

/// A figure as it may be shown: withheld where made of 1 to 4 fellows, absent where of none.
fn figure(f: Option<&RoundFigure>) -> Option<CohortFigure> {
    let f = f?;
    if f.fellows == 0 || disclosure::small(f.fellows) {
        return None;
    }
    Some(CohortFigure {
        fellows: f.fellows,
        others_mean_hundredths: f.others_mean_hundredths,
        self_mean_hundredths: f.self_mean_hundredths,
    })
}

pub async fn cohort(db: &Db, actor: &Actor, cohort_id: i64) -> Result<CohortFeedback> {
    require_faculty(actor)?;
    let all = rounds::list(db, actor).await?;
    let pick = |kind: RoundKind| {
        all.iter()
            .find(|r| r.cohort_id == cohort_id && r.kind == kind && r.closed)
    };
    let baseline = match pick(RoundKind::Baseline) {
        Some(r) => closed_round_figures(db, r).await?,
        None => vec![],
    };
    let end = match pick(RoundKind::EndOfYear) {
        Some(r) => closed_round_figures(db, r).await?,
        None => vec![],
    };
    // The dimensions of the framework the cohort's rounds used (the default if none closed).
    let framework = pick(RoundKind::Baseline)
        .or(pick(RoundKind::EndOfYear))
        .map(|r| r.framework_id);
    let dims: Vec<(i64, String)> = crate::db::query_as(
        "SELECT d.id, d.name FROM framework_dimensions d JOIN frameworks f ON f.id = d.framework_id
         WHERE (?1 IS NULL AND f.is_default = TRUE) OR f.id = ?1 ORDER BY d.position",
    )
    .bind(framework)
    .fetch_all(&db.pool)
    .await?;
    let find = |v: &[RoundFigure], id: i64| v.iter().find(|f| f.dimension_id == id).copied();
    Ok(CohortFeedback {
        cohort_id,
        small_cell: SMALL_CELL,
        dimensions: dims
            .into_iter()
            .map(|(id, name)| CohortDimension {
                dimension_id: id,
                baseline: figure(find(&baseline, id).as_ref()),
                end_of_year: figure(find(&end, id).as_ref()),
                name,
            })
            .collect(),
    })
}
