//! The anonymity and validity rules of a 360° report, as pure functions over the ratings.
//!
//! - A rater group is shown only where it meets its threshold; a group below it is dropped
//!   from the breakdown with its comments, and never folded into "all raters", where it could
//!   be recovered by subtraction (shared/domain.md, Glint's practice).
//! - The same holds per dimension: "not observed" answers can leave a shown group with fewer
//!   ratings on one dimension than its threshold; that cell is withheld too.
//! - "All raters" is the sum of the shown cells only, so every figure in a report is a sum of
//!   figures that are themselves shown or withheld as a whole.
//! - A round is valid only with a self-assessment, enough responses overall and enough groups
//!   that meet their thresholds; each failed rule is named.
//!
//! Means are carried as hundredths (integers), never floats.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use crate::codes::code_enum;

code_enum! {
    /// Ordered as listed, which is the order a report shows them in.
    #[derive(PartialOrd, Ord)]
    RaterGroup {
        LineManager = "line_manager": "Line manager",
        Peer = "peer": "Peers",
        DirectReport = "direct_report": "Direct reports",
        Other = "other": "Others",
        ServiceUser = "service_user": "Service users and citizen partners",
    }
}

/// The rules a round is run with. Thresholds are minimum numbers of responses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    pub group_minimum: BTreeMap<RaterGroup, u32>,
    /// Responses from others (self excluded) before any report is produced.
    pub overall_minimum: u32,
    /// How many groups must meet their threshold for the mix to be sensible.
    pub groups_required: u32,
    pub line_manager_required: bool,
}

impl Rules {
    /// Defaults drawn from practice elsewhere: line manager 1 (and known not to be anonymous),
    /// peers and direct reports 3, others 3, service users 3; at least 4 responses overall
    /// (Turas 360) and at least two groups.
    pub fn standard() -> Self {
        Rules {
            group_minimum: RaterGroup::ALL
                .iter()
                .map(|g| (*g, if *g == RaterGroup::LineManager { 1 } else { 3 }))
                .collect(),
            overall_minimum: 4,
            groups_required: 2,
            line_manager_required: false,
        }
    }

    pub fn minimum(&self, group: RaterGroup) -> u32 {
        self.group_minimum.get(&group).copied().unwrap_or(3).max(1)
    }
}

/// One rater's answer on one dimension: a point on the scale, or "not observed" (None).
pub type Rating = Option<u8>;

/// One response from someone other than the fellow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub group: RaterGroup,
    /// One entry per dimension, in the framework's order.
    pub ratings: Vec<Rating>,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RuleFailure {
    pub rule: String,
    pub message: String,
}

/// Checks the round's validity rules. An empty list means the round may be reported.
pub fn validity(rules: &Rules, has_self: bool, responses: &[Response]) -> Vec<RuleFailure> {
    validity_of_counts(rules, has_self, &group_counts(responses))
}

/// The same rules, from how many responses each group gave: they depend on nothing else.
pub fn validity_of_counts(
    rules: &Rules,
    has_self: bool,
    counts: &BTreeMap<RaterGroup, u32>,
) -> Vec<RuleFailure> {
    let mut out = vec![];
    let fail = |rule: &str, message: String| RuleFailure {
        rule: rule.into(),
        message,
    };
    if !has_self {
        out.push(fail(
            "self_assessment",
            "The fellow has not completed the self-assessment.".into(),
        ));
    }
    let total: u32 = counts.values().sum();
    if total < rules.overall_minimum {
        out.push(fail(
            "overall_minimum",
            format!(
                "{total} of the {} responses needed from others were received.",
                rules.overall_minimum
            ),
        ));
    }
    let meeting = RaterGroup::ALL
        .iter()
        .filter(|g| counts.get(g).copied().unwrap_or(0) >= rules.minimum(**g))
        .count() as u32;
    if meeting < rules.groups_required {
        out.push(fail(
            "group_mix",
            format!(
                "{meeting} rater group(s) reached their minimum; the round needs {}.",
                rules.groups_required
            ),
        ));
    }
    if rules.line_manager_required
        && counts.get(&RaterGroup::LineManager).copied().unwrap_or(0) == 0
    {
        out.push(fail(
            "line_manager",
            "The round needs a response from the line manager.".into(),
        ));
    }
    out
}

pub fn group_counts(responses: &[Response]) -> BTreeMap<RaterGroup, u32> {
    let mut counts = BTreeMap::new();
    for r in responses {
        *counts.entry(r.group).or_insert(0) += 1;
    }
    counts
}

/// Whether each group that responded is shown, by its response count.
pub fn shown_groups(rules: &Rules, responses: &[Response]) -> BTreeMap<RaterGroup, bool> {
    group_counts(responses)
        .into_iter()
        .map(|(g, n)| (g, n >= rules.minimum(g)))
        .collect()
}

/// A figure for one dimension: how many ratings it is made of, their mean in hundredths, and
/// how many raters chose each scale point (the spread). `None` figures are withheld.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Cell {
    pub ratings: u32,
    pub mean_hundredths: i64,
    pub spread: Vec<u32>,
}

/// One dimension's row of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DimensionFigures {
    pub self_rating: Option<u8>,
    /// Shown groups only, with their cell or None where the cell is below the threshold.
    pub groups: Vec<(RaterGroup, Option<Cell>)>,
    /// The sum of the shown cells; None when no cell is shown.
    pub all_raters: Option<Cell>,
}

fn cell(values: &[u8], scale_points: u8) -> Cell {
    let n = values.len() as i64;
    let sum: i64 = values.iter().map(|v| i64::from(*v)).sum();
    let mut spread = vec![0; scale_points as usize];
    for v in values {
        if let Some(slot) = spread.get_mut(usize::from(v.saturating_sub(1))) {
            *slot += 1;
        }
    }
    Cell {
        ratings: n as u32,
        // Rounded half up, in hundredths.
        mean_hundredths: if n == 0 { 0 } else { (sum * 200 + n) / (2 * n) },
        spread,
    }
}

/// The figures for one dimension (by index) under the rules.
pub fn dimension_figures(
    rules: &Rules,
    responses: &[Response],
    self_ratings: &[Rating],
    dimension: usize,
    scale_points: u8,
) -> DimensionFigures {
    let shown = shown_groups(rules, responses);
    let mut groups = vec![];
    let mut pooled: Vec<u8> = vec![];
    for (group, visible) in shown {
        if !visible {
            continue;
        }
        let values: Vec<u8> = responses
            .iter()
            .filter(|r| r.group == group)
            .filter_map(|r| r.ratings.get(dimension).copied().flatten())
            .collect();
        if values.len() as u32 >= rules.minimum(group) {
            pooled.extend(&values);
            groups.push((group, Some(cell(&values, scale_points))));
        } else {
            groups.push((group, None));
        }
    }
    DimensionFigures {
        self_rating: self_ratings.get(dimension).copied().flatten(),
        all_raters: (!pooled.is_empty()).then(|| cell(&pooled, scale_points)),
        groups,
    }
}

/// Comments from shown groups only, in a stable order that does not follow response order.
pub fn shown_comments(rules: &Rules, responses: &[Response]) -> Vec<(RaterGroup, String)> {
    let shown = shown_groups(rules, responses);
    let mut out: Vec<(RaterGroup, String)> = responses
        .iter()
        .filter(|r| shown.get(&r.group).copied().unwrap_or(false))
        .filter(|r| !r.comment.trim().is_empty())
        .map(|r| (r.group, r.comment.trim().to_owned()))
        .collect();
    out.sort();
    out
}

/// The groups dropped from the breakdown, for the report to say so.
pub fn dropped_groups(rules: &Rules, responses: &[Response]) -> Vec<RaterGroup> {
    shown_groups(rules, responses)
        .into_iter()
        .filter(|(_, v)| !v)
        .map(|(g, _)| g)
        .collect()
}

#[cfg(test)]
#[path = "anonymity_tests.rs"]
mod tests;
