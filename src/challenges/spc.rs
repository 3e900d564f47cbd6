//! Statistical process control for improvement measures, as pure functions: the IHI run-chart
//! rules and the XmR chart as NHS England's "Making Data Count" draws it (checked against the
//! rules of the NHS-R NHSRplotthedots package, and following the Making Data Count team where
//! the two differ). No storage here. XmR values arrive in date order as the stored scaled
//! integers, so the rules' comparisons are exact; the run chart takes them as f64.

use serde::Serialize;
use ts_rs::TS;

/// Which way is better for a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
    Neither,
}

/// Whether a signal is good news, bad news or neither, by the measure's direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Improvement,
    Concern,
    Neutral,
}

fn verdict(direction: Direction, upward: bool) -> Verdict {
    match (direction, upward) {
        (Direction::Neither, _) => Verdict::Neutral,
        (Direction::HigherIsBetter, true) | (Direction::LowerIsBetter, false) => {
            Verdict::Improvement
        }
        _ => Verdict::Concern,
    }
}

pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

// ---------------------------------------------------------------- run chart (IHI rules)

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RunRule {
    /// Six or more consecutive points all above or all below the median.
    Shift,
    /// Five or more consecutive points all rising or all falling.
    Trend,
    TooFewRuns,
    TooManyRuns,
    /// A point far outside the rest: the IHI guide leaves an "obviously different" value to
    /// judgement, so this only suggests one worth a look, beyond median +/- 3.145 x median
    /// moving range (Wheeler's median moving range chart); the UI says so.
    Astronomical,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RunSignal {
    pub rule: RunRule,
    /// Indexes of the points that make up the signal (empty for the runs rules).
    pub points: Vec<usize>,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RunChart {
    pub median: Option<f64>,
    /// Points not on the median: the ones the runs rules count.
    pub useful_observations: usize,
    pub runs: usize,
    /// Fewer runs than the first, or more than the second, is a signal (10 or more useful observations).
    pub runs_limits: Option<(usize, usize)>,
    pub signals: Vec<RunSignal>,
}

/// Analyses a series against its median (of the first `baseline` points, or of all of them).
pub fn run_chart(values: &[f64], baseline: Option<usize>, direction: Direction) -> RunChart {
    let base = &values[..baseline.unwrap_or(values.len()).min(values.len())];
    let Some(m) = median(base) else {
        return RunChart {
            median: None,
            useful_observations: 0,
            runs: 0,
            runs_limits: None,
            signals: vec![],
        };
    };
    let mut signals = vec![];

    // Shift: points on the median neither count nor break a run.
    let sides: Vec<(usize, bool)> = values
        .iter()
        .enumerate()
        .filter(|(_, v)| **v != m)
        .map(|(i, v)| (i, *v > m))
        .collect();
    for group in sides.chunk_by(|a, b| a.1 == b.1) {
        if group.len() >= 6 {
            signals.push(RunSignal {
                rule: RunRule::Shift,
                points: group.iter().map(|p| p.0).collect(),
                verdict: verdict(direction, group[0].1),
            });
        }
    }

    // Trend: equal neighbours are skipped (neither count nor break).
    let mut kept: Vec<usize> = vec![];
    for (i, v) in values.iter().enumerate() {
        if kept.last().is_none_or(|&j| values[j] != *v) {
            kept.push(i);
        }
    }
    let steps: Vec<(usize, bool)> = kept
        .windows(2)
        .map(|w| (w[1], values[w[1]] > values[w[0]]))
        .collect();
    for group in steps.chunk_by(|a, b| a.1 == b.1) {
        if group.len() >= 4 {
            let first = kept[kept.iter().position(|&k| k == group[0].0).unwrap_or(1) - 1];
            let mut points = vec![first];
            points.extend(group.iter().map(|s| s.0));
            signals.push(RunSignal {
                rule: RunRule::Trend,
                points,
                verdict: verdict(direction, group[0].1),
            });
        }
    }

    // Runs: a run is a series of useful points on one side of the median.
    let useful = sides.len();
    let runs = sides.chunk_by(|a, b| a.1 == b.1).count();
    let above = sides.iter().filter(|s| s.1).count();
    let runs_limits = (useful >= 10)
        .then(|| runs_limits(above, useful - above))
        .flatten();
    if let Some((lo, hi)) = runs_limits {
        if runs < lo {
            signals.push(RunSignal {
                rule: RunRule::TooFewRuns,
                points: vec![],
                verdict: Verdict::Neutral,
            });
        } else if runs > hi {
            signals.push(RunSignal {
                rule: RunRule::TooManyRuns,
                points: vec![],
                verdict: Verdict::Neutral,
            });
        }
    }

    // Astronomical points: a lone point outside robust limits, median +/- 3.145 x median moving
    // range (Wheeler's median moving range chart), which one wild value cannot drag along. A
    // point whose neighbour is also outside is part of a shift, not an astronomical point.
    let ranges: Vec<f64> = values.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
    if let Some(mmr) = median(&ranges).filter(|r| *r > 0.0) {
        let centre = median(values).unwrap_or(m);
        let outside = |i: usize| (values[i] - centre).abs() > ASTRONOMICAL_FACTOR * mmr;
        for (i, v) in values.iter().enumerate() {
            let lone = (i == 0 || !outside(i - 1)) && (i + 1 == values.len() || !outside(i + 1));
            if outside(i) && lone {
                signals.push(RunSignal {
                    rule: RunRule::Astronomical,
                    points: vec![i],
                    verdict: verdict(direction, *v > centre),
                });
            }
        }
    }
    RunChart {
        median: Some(m),
        useful_observations: useful,
        runs,
        runs_limits,
        signals,
    }
}

fn binomial(n: usize, k: usize) -> f64 {
    if k > n {
        return 0.0;
    }
    (0..k.min(n - k)).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

/// The range of runs expected by chance for `a` points above and `b` below the median: the
/// exact Swed–Eisenhart distribution, 2.5% in each tail (which reproduces the IHI table for
/// evenly split series).
pub fn runs_limits(a: usize, b: usize) -> Option<(usize, usize)> {
    if a == 0 || b == 0 {
        return None;
    }
    let total = binomial(a + b, a);
    let p = |r: usize| -> f64 {
        if r < 2 {
            return 0.0;
        }
        let k = r / 2;
        let ways = if r.is_multiple_of(2) {
            2.0 * binomial(a - 1, k - 1) * binomial(b - 1, k - 1)
        } else {
            binomial(a - 1, k) * binomial(b - 1, k - 1)
                + binomial(a - 1, k - 1) * binomial(b - 1, k)
        };
        ways / total
    };
    let n = a + b;
    let (mut cum, mut lower) = (0.0, 2);
    for r in 2..=n {
        if cum + p(r) > 0.025 {
            lower = r;
            break;
        }
        cum += p(r);
    }
    let (mut cum, mut upper) = (0.0, n);
    for r in (2..=n).rev() {
        if cum + p(r) > 0.025 {
            upper = r;
            break;
        }
        cum += p(r);
    }
    Some((lower, upper))
}

// ---------------------------------------------------------------- XmR chart (Making Data Count)

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum XmrRule {
    /// A point above the upper or below the lower process limit.
    OutsideLimits,
    /// Seven consecutive points on one side of the mean.
    ShiftOfSeven,
    /// Seven consecutive points rising or falling.
    TrendOfSeven,
    /// Two of three consecutive points beyond two thirds of the way to a limit (or beyond it),
    /// all three on the same side of the mean.
    TwoOfThreeNearLimit,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct XmrSegment {
    /// Index of the first point, and one past the last.
    pub start: usize,
    pub end: usize,
    pub mean: f64,
    pub mean_moving_range: f64,
    pub upper: f64,
    pub lower: f64,
    pub upper_two_thirds: f64,
    pub lower_two_thirds: f64,
    /// Limits from fewer than 13 points are trial limits: the Making Data Count team's tool shows
    /// limits and summary icons from 13 points (NHSRplotthedots issue 194), and the package warns
    /// below that.
    pub trial: bool,
    /// Every moving range is zero (all the values are the same, or there is only one): there is
    /// no variation to set limits from, so the limits sit on the mean and mean nothing.
    pub no_variation: bool,
}

/// One rule that marks a point, with its own verdict: a point can be in a rising trend below the
/// mean, and both are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct XmrSignal {
    pub rule: XmrRule,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct XmrPoint {
    pub segment: usize,
    pub signals: Vec<XmrSignal>,
    /// None for common-cause variation. Improvement when improvement and concern rules both
    /// mark the point, as the Making Data Count team's tool shows it.
    pub verdict: Option<Verdict>,
}

impl XmrPoint {
    pub fn has(&self, rule: XmrRule) -> bool {
        self.signals.iter().any(|s| s.rule == rule)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Assurance {
    /// The process limits lie wholly on the good side of the target.
    Pass,
    /// The process limits lie wholly on the bad side of the target.
    Fail,
    /// The target lies inside the limits: the process will sometimes meet it and sometimes not.
    Inconsistent,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct XmrChart {
    pub segments: Vec<XmrSegment>,
    pub points: Vec<XmrPoint>,
    /// Against the target, by the latest segment's limits; None without a target or direction,
    /// or when those limits are trial limits or there is no variation to set them from.
    pub assurance: Option<Assurance>,
}

const LIMIT_FACTOR: f64 = 2.66;
const ASTRONOMICAL_FACTOR: f64 = 3.145;

/// A segment's sums in stored units (integers scaled by 10^decimals), so that which side of the
/// mean, a limit or the target a value lies is decided exactly: a float mean can land a
/// rounding step off a value that equals it.
struct Exact {
    n: i128,
    sum: i128,
    /// Moving ranges kept after screening, and their sum.
    kept: i128,
    kept_sum: i128,
}

impl Exact {
    fn new(v: &[i64]) -> Exact {
        let ranges: Vec<i128> = v
            .windows(2)
            .map(|w| (w[1] as i128 - w[0] as i128).abs())
            .collect();
        let total: i128 = ranges.iter().sum();
        // Screen ranges above 3.267 x their mean (Wheeler's upper range limit). A range exactly
        // on that limit is kept: only ranges beyond it are outliers.
        let m = ranges.len() as i128;
        let kept: Vec<i128> = ranges
            .into_iter()
            .filter(|r| 1000 * m * r <= 3267 * total)
            .collect();
        Exact {
            n: v.len() as i128,
            sum: v.iter().map(|x| *x as i128).sum(),
            kept: kept.len() as i128,
            kept_sum: kept.iter().sum(),
        }
    }

    /// n x (value - mean): its sign is the value's side of the mean.
    fn offset(&self, x: i64) -> i128 {
        self.n * x as i128 - self.sum
    }

    /// Whether an offset is beyond `num / den` mean moving ranges from the mean.
    fn beyond(&self, offset: i128, num: i128, den: i128) -> bool {
        den * self.kept * offset > num * self.n * self.kept_sum
    }

    fn outside(&self, offset: i128) -> bool {
        self.beyond(offset.abs(), 266, 100)
    }

    /// Beyond two thirds of the way to a limit (2/3 x 2.66 = 5.32/3), or beyond the limit.
    fn near(&self, offset: i128) -> bool {
        self.beyond(offset.abs(), 532, 300)
    }
}

fn xmr_segment(v: &[i64], scale: f64, start: usize, exact: &Exact) -> XmrSegment {
    let mean = exact.sum as f64 / exact.n as f64 / scale;
    let mr = if exact.kept == 0 {
        0.0
    } else {
        exact.kept_sum as f64 / exact.kept as f64 / scale
    };
    let width = LIMIT_FACTOR * mr;
    XmrSegment {
        start,
        end: start + v.len(),
        mean,
        mean_moving_range: mr,
        upper: mean + width,
        lower: mean - width,
        upper_two_thirds: mean + width * 2.0 / 3.0,
        lower_two_thirds: mean - width * 2.0 / 3.0,
        trial: v.len() < 13,
        no_variation: v.windows(2).all(|w| w[0] == w[1]),
    }
}

/// Builds an XmR chart from values stored as integers scaled by 10^`decimals` (the target
/// likewise). `rebase_at` holds the indexes where new limits start (a change went live); each
/// segment gets its own mean and limits, and rules never run across a rebase.
pub fn xmr_chart(
    values: &[i64],
    decimals: u32,
    rebase_at: &[usize],
    direction: Direction,
    target: Option<i64>,
) -> XmrChart {
    let scale = 10f64.powi(decimals as i32);
    let mut cuts: Vec<usize> = rebase_at
        .iter()
        .copied()
        .filter(|&i| i > 0 && i < values.len())
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let bounds: Vec<(usize, usize)> = std::iter::once(0)
        .chain(cuts.iter().copied())
        .zip(cuts.iter().copied().chain(std::iter::once(values.len())))
        .filter(|(s, e)| s < e)
        .collect();
    let mut segments = vec![];
    let mut points: Vec<XmrPoint> = vec![];
    let mut last_exact = None;
    for (k, &(start, end)) in bounds.iter().enumerate() {
        let v = &values[start..end];
        let exact = Exact::new(v);
        segments.push(xmr_segment(v, scale, start, &exact));
        for signals in xmr_marks(v, &exact) {
            let signals: Vec<XmrSignal> = signals
                .into_iter()
                .map(|(rule, up)| XmrSignal {
                    rule,
                    verdict: verdict(direction, up),
                })
                .collect();
            let has = |v: Verdict| signals.iter().any(|s| s.verdict == v);
            let verdict = (!signals.is_empty()).then(|| {
                if has(Verdict::Improvement) {
                    Verdict::Improvement
                } else if has(Verdict::Concern) {
                    Verdict::Concern
                } else {
                    Verdict::Neutral
                }
            });
            points.push(XmrPoint {
                segment: k,
                signals,
                verdict,
            });
        }
        last_exact = Some(exact);
    }
    let assurance = match (segments.last(), last_exact, target, direction) {
        (Some(seg), Some(exact), Some(t), Direction::HigherIsBetter | Direction::LowerIsBetter)
            if !seg.trial && !seg.no_variation =>
        {
            // The target's offset from the mean, negated: positive when the mean is above it.
            let above = -exact.offset(t);
            let higher = direction == Direction::HigherIsBetter;
            Some(if !exact.outside(above) {
                Assurance::Inconsistent
            } else if (above > 0) == higher {
                Assurance::Pass
            } else {
                Assurance::Fail
            })
        }
        _ => None,
    };
    XmrChart {
        segments,
        points,
        assurance,
    }
}

/// Each point's (rule, upward) marks within one segment.
fn xmr_marks(v: &[i64], exact: &Exact) -> Vec<Vec<(XmrRule, bool)>> {
    let mut marks: Vec<Vec<(XmrRule, bool)>> = vec![vec![]; v.len()];
    let offsets: Vec<i128> = v.iter().map(|x| exact.offset(*x)).collect();
    for (i, o) in offsets.iter().enumerate() {
        if exact.outside(*o) {
            marks[i].push((XmrRule::OutsideLimits, *o > 0));
        }
    }
    // Shift: a point on the mean breaks the run.
    let side: Vec<i8> = offsets.iter().map(|o| o.signum() as i8).collect();
    mark_runs(&side, 7, |i, s| {
        marks[i].push((XmrRule::ShiftOfSeven, s > 0))
    });
    // Trend: seven points, so six steps the same way; an unchanged value breaks it. A point
    // ending one trend and starting another is in both.
    let steps: Vec<i8> = v.windows(2).map(|w| (w[1] - w[0]).signum() as i8).collect();
    let mut in_trend: Vec<Vec<bool>> = vec![vec![]; v.len()];
    mark_runs(&steps, 6, |i, s| {
        for j in [i, i + 1] {
            if !in_trend[j].contains(&(s > 0)) {
                in_trend[j].push(s > 0);
            }
        }
    });
    for (i, ups) in in_trend.into_iter().enumerate() {
        marks[i].extend(ups.into_iter().map(|up| (XmrRule::TrendOfSeven, up)));
    }
    // Two of three beyond two thirds of the way to a limit (points beyond the limit count), all
    // three on the same side of the mean; only the points beyond two thirds are marked (the
    // Making Data Count team's rule, NHSRplotthedots issue 194).
    for w in offsets.windows(3).enumerate() {
        let (start, window) = w;
        for up in [true, false] {
            let same_side = window.iter().all(|o| (*o > 0 && up) || (*o < 0 && !up));
            let near: Vec<usize> = (0..3).filter(|&j| exact.near(window[j])).collect();
            if same_side && near.len() >= 2 {
                for j in near {
                    let mark = (XmrRule::TwoOfThreeNearLimit, up);
                    if !marks[start + j].contains(&mark) {
                        marks[start + j].push(mark);
                    }
                }
            }
        }
    }
    marks
}

/// Calls `mark(i, sign)` for every element in a run of at least `len` equal non-zero signs.
fn mark_runs(signs: &[i8], len: usize, mut mark: impl FnMut(usize, i8)) {
    let mut start = 0;
    for i in 1..=signs.len() {
        if i == signs.len() || signs[i] != signs[start] {
            if signs[start] != 0 && i - start >= len {
                (start..i).for_each(|j| mark(j, signs[start]));
            }
            start = i;
        }
    }
}

#[cfg(test)]
#[path = "spc_tests.rs"]
mod tests;
