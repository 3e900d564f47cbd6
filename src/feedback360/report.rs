//! A fellow's 360° report. Produced only once the round has closed, from the anonymity rules in
//! `anonymity`; reviewed by faculty, then released to the fellow, who may share it with their
//! host sponsor. A round that fails its validity rules gives the failed rules and no figures.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::anonymity::{self, Cell, RaterGroup, RuleFailure};
use super::responses::{questions, ScalePoint};
use super::rounds::{self, Round, RoundKind};
use crate::auth::access::{hidden, require_faculty};
use crate::auth::{Actor, Role};
use crate::db::{now_stamp, Db};
use crate::error::{ApiError, Result};

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReportRef {
    pub round_id: i64,
    pub fellow_id: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct GroupCell {
    pub group: RaterGroup,
    /// None: fewer ratings on this dimension than the group's minimum, so withheld.
    pub cell: Option<Cell>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Change {
    pub self_before: Option<i64>,
    pub others_before_hundredths: Option<i64>,
    /// Others' mean now minus at baseline, in hundredths.
    pub others_change_hundredths: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct DimensionReport {
    pub dimension_id: i64,
    pub name: String,
    pub self_rating: Option<i64>,
    pub groups: Vec<GroupCell>,
    pub all_raters: Option<Cell>,
    pub self_importance: Option<i64>,
    pub others_importance: Option<Cell>,
    pub change: Option<Change>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct GroupCount {
    pub group: RaterGroup,
    pub responses: i64,
    pub minimum: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RaterComment")]
pub struct Comment {
    pub group: RaterGroup,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct FeedbackReport {
    pub round: Round,
    pub fellow_id: i64,
    pub fellow_name: String,
    pub reviewed: bool,
    pub released: bool,
    pub shared_with_host: bool,
    /// Empty when the round is valid for this fellow.
    pub failures: Vec<RuleFailure>,
    pub scale: Vec<ScalePoint>,
    pub shown_groups: Vec<GroupCount>,
    /// Groups below their minimum: left out of every figure, their comments included.
    pub dropped_groups: Vec<GroupCount>,
    /// The line manager's ratings appear as their own; the fellow is told so.
    pub line_manager_shown: bool,
    pub dimensions: Vec<DimensionReport>,
    pub comments: Vec<Comment>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReportShareInput {
    pub round_id: i64,
    pub share: bool,
}

type State = (Option<String>, Option<String>, Option<String>);

async fn state(db: &Db, round_id: i64, fellow_id: i64) -> Result<Option<State>> {
    Ok(crate::db::query_as(
        "SELECT reviewed_at, released_at, shared_with_host_at FROM feedback_reports WHERE round_id = ? AND fellow_id = ?",
    )
    .bind(round_id)
    .bind(fellow_id)
    .fetch_optional(&db.pool)
    .await?)
}

/// Faculty read any report of a closed round; the fellow their own once released; a host
/// sponsor their fellow's only when the fellow shares it; nobody else.
async fn may_read(db: &Db, actor: &Actor, round: &Round, fellow_id: i64) -> Result<State> {
    let st = state(db, round.id, fellow_id).await?;
    let allowed = match (actor.role(), &st) {
        (Role::Faculty, Some(_)) => true,
        (Role::Fellow, Some((_, Some(_), _))) => actor.fellow_id() == Some(fellow_id),
        (Role::HostSponsor, Some((_, Some(_), Some(_)))) => {
            crate::auth::access::relation_to_fellow(db, actor, fellow_id).await?
                == crate::auth::access::Relation::HostSponsor
        }
        _ => false,
    };
    if !allowed {
        if actor.role() == Role::Faculty && !round.closed {
            return Err(ApiError::conflict(
                "round",
                "Reports are produced when the round closes.",
            ));
        }
        return Err(hidden());
    }
    st.ok_or_else(hidden)
}

/// The fellow's own rating of one dimension, as stored.
#[derive(sqlx::FromRow)]
struct SelfMark {
    dimension_id: i64,
    rating: Option<i64>,
    importance: Option<i64>,
}

fn to_u8(v: Option<i64>) -> Option<u8> {
    v.and_then(|v| u8::try_from(v).ok())
}

/// The figures for one fellow in one round, under that round's rules.
async fn figures(
    db: &Db,
    round: &Round,
    fellow_id: i64,
) -> Result<(
    Vec<RuleFailure>,
    Vec<(i64, anonymity::DimensionFigures, Option<Cell>)>,
    Vec<anonymity::Response>,
    Vec<(Option<i64>, Option<i64>)>,
)> {
    let rules = round.rules();
    let (dims, responses, importance) = rounds::responses_for(db, round, fellow_id).await?;
    let selfs: Vec<SelfMark> = crate::db::query_as(
        "SELECT dimension_id, rating, importance FROM feedback_self_ratings WHERE round_id = ? AND fellow_id = ?",
    )
    .bind(round.id)
    .bind(fellow_id)
    .fetch_all(&db.pool)
    .await?;
    let submitted: Option<(String,)> = crate::db::query_as(
        "SELECT submitted_at FROM feedback_self_submissions WHERE round_id = ? AND fellow_id = ?",
    )
    .bind(round.id)
    .bind(fellow_id)
    .fetch_optional(&db.pool)
    .await?;
    let self_of = |d: &i64| {
        selfs
            .iter()
            .find(|s| s.dimension_id == *d)
            .map_or((None, None), |s| (s.rating, s.importance))
    };
    let self_ratings: Vec<Option<u8>> = dims.iter().map(|d| to_u8(self_of(d).0)).collect();
    let failures = anonymity::validity(&rules, submitted.is_some(), &responses);
    let (points,): (i64,) =
        crate::db::query_as("SELECT count(*) FROM framework_scale_points WHERE framework_id = ?")
            .bind(round.framework_id)
            .fetch_one(&db.pool)
            .await?;
    let points = u8::try_from(points).unwrap_or(4);
    let rows = dims
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let f = anonymity::dimension_figures(&rules, &responses, &self_ratings, i, points);
            let imp = anonymity::dimension_figures(&rules, &importance, &[], i, points).all_raters;
            (*d, f, imp)
        })
        .collect();
    Ok((
        failures,
        rows,
        responses,
        dims.iter().map(self_of).collect(),
    ))
}

pub async fn get(db: &Db, actor: &Actor, input: ReportRef) -> Result<FeedbackReport> {
    let round = rounds::load(db, input.round_id).await?;
    let (reviewed, released, shared) = may_read(db, actor, &round, input.fellow_id).await?;
    let rules = round.rules();
    let q = questions(db, round.framework_id).await?;
    let (fellow_name,): (String,) = crate::db::query_as("SELECT name FROM fellows WHERE id = ?")
        .bind(input.fellow_id)
        .fetch_one(&db.pool)
        .await?;
    let (failures, rows, responses, selfs) = figures(db, &round, input.fellow_id).await?;
    let counts = anonymity::group_counts(&responses);
    let count = |g: &RaterGroup| GroupCount {
        group: *g,
        responses: i64::from(counts.get(g).copied().unwrap_or(0)),
        minimum: i64::from(rules.minimum(*g)),
    };
    let dropped = anonymity::dropped_groups(&rules, &responses);
    let shown: Vec<RaterGroup> = counts
        .keys()
        .filter(|g| !dropped.contains(g))
        .copied()
        .collect();
    let valid = failures.is_empty();

    // For an end-of-year round, the same fellow's baseline, where it was valid too.
    let baseline = if round.kind == RoundKind::EndOfYear && valid {
        let b: Option<(i64,)> = crate::db::query_as(
            "SELECT id FROM feedback_rounds WHERE cohort_id = ? AND kind = 'baseline' AND closed_at IS NOT NULL",
        )
        .bind(round.cohort_id)
        .fetch_optional(&db.pool)
        .await?;
        match b {
            Some((id,)) => {
                let br = rounds::load(db, id).await?;
                let (bf, brows, _, bselfs) = figures(db, &br, input.fellow_id).await?;
                bf.is_empty().then_some((brows, bselfs))
            }
            None => None,
        }
    } else {
        None
    };

    let dimensions = if valid {
        rows.iter()
            .enumerate()
            .map(|(i, (dim, f, imp))| {
                let change = baseline.as_ref().map(|(brows, bselfs)| {
                    let before = brows
                        .iter()
                        .find(|b| b.0 == *dim)
                        .and_then(|b| b.1.all_raters.as_ref().map(|c| c.mean_hundredths));
                    let now = f.all_raters.as_ref().map(|c| c.mean_hundredths);
                    Change {
                        self_before: bselfs.get(i).and_then(|s| s.0),
                        others_before_hundredths: before,
                        others_change_hundredths: now.zip(before).map(|(n, b)| n - b),
                    }
                });
                DimensionReport {
                    dimension_id: *dim,
                    name: q
                        .dimensions
                        .iter()
                        .find(|d| d.id == *dim)
                        .map(|d| d.name.clone())
                        .unwrap_or_default(),
                    self_rating: selfs.get(i).and_then(|s| s.0),
                    groups: f
                        .groups
                        .iter()
                        .map(|(group, cell)| GroupCell {
                            group: *group,
                            cell: cell.clone(),
                        })
                        .collect(),
                    all_raters: f.all_raters.clone(),
                    self_importance: selfs.get(i).and_then(|s| s.1),
                    others_importance: imp.clone(),
                    change,
                }
            })
            .collect()
    } else {
        vec![]
    };
    Ok(FeedbackReport {
        fellow_id: input.fellow_id,
        fellow_name,
        reviewed: reviewed.is_some(),
        released: released.is_some(),
        shared_with_host: shared.is_some(),
        scale: q.scale,
        line_manager_shown: valid && shown.contains(&RaterGroup::LineManager),
        shown_groups: if valid {
            shown.iter().map(count).collect()
        } else {
            vec![]
        },
        dropped_groups: if valid {
            dropped.iter().map(count).collect()
        } else {
            vec![]
        },
        comments: if valid {
            anonymity::shown_comments(&rules, &responses)
                .into_iter()
                .map(|(group, text)| Comment { group, text })
                .collect()
        } else {
            vec![]
        },
        dimensions,
        failures,
        round,
    })
}

/// Faculty mark a report reviewed, and then release it to the fellow.
pub async fn review(db: &Db, actor: &Actor, input: ReportRef) -> Result<FeedbackReport> {
    require_faculty(actor)?;
    let round = rounds::load(db, input.round_id).await?;
    may_read(db, actor, &round, input.fellow_id).await?;
    crate::db::query("UPDATE feedback_reports SET reviewed_by = ?, reviewed_at = coalesce(reviewed_at, ?) WHERE round_id = ? AND fellow_id = ?")
        .bind(actor.user_id)
        .bind(now_stamp())
        .bind(input.round_id)
        .bind(input.fellow_id)
        .execute(&db.pool)
        .await?;
    get(db, actor, input).await
}

pub async fn release(db: &Db, actor: &Actor, input: ReportRef) -> Result<FeedbackReport> {
    require_faculty(actor)?;
    let round = rounds::load(db, input.round_id).await?;
    let (reviewed, _, _) = may_read(db, actor, &round, input.fellow_id).await?;
    if reviewed.is_none() {
        return Err(ApiError::conflict(
            "report",
            "Review the report before releasing it to the fellow.",
        ));
    }
    crate::db::query("UPDATE feedback_reports SET released_at = coalesce(released_at, ?) WHERE round_id = ? AND fellow_id = ?")
        .bind(now_stamp())
        .bind(input.round_id)
        .bind(input.fellow_id)
        .execute(&db.pool)
        .await?;
    get(db, actor, input).await
}

/// The fellow shares their released report with their host sponsor, or withdraws the share.
pub async fn share_with_host(
    db: &Db,
    actor: &Actor,
    input: ReportShareInput,
) -> Result<FeedbackReport> {
    if actor.role() != Role::Fellow {
        return Err(ApiError::forbidden(
            "Only the fellow can share their own report.",
        ));
    }
    let me = actor.fellow_id().ok_or_else(hidden)?;
    let round = rounds::load(db, input.round_id).await?;
    may_read(db, actor, &round, me).await?;
    crate::db::query(
        "UPDATE feedback_reports SET shared_with_host_at = ? WHERE round_id = ? AND fellow_id = ?",
    )
    .bind(input.share.then(now_stamp))
    .bind(input.round_id)
    .bind(me)
    .execute(&db.pool)
    .await?;
    get(
        db,
        actor,
        ReportRef {
            round_id: input.round_id,
            fellow_id: me,
        },
    )
    .await
}
