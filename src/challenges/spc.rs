//! Statistical process control for improvement measures, as pure functions: the IHI run-chart
//! rules and the XmR chart as NHS England's "Making Data Count" draws it (checked against the
//! rules of the NHS-R NHSRplotthedots package). No storage here; values arrive as f64 in date
//! order, already converted from their stored integer form.

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

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
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
    /// A point far outside the rest (our objective stand-in for IHI's "obviously different"
    /// value, which is otherwise a judgement): beyond median +/- 3.145 x median moving range.
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
    /// Two of three consecutive points beyond two thirds of the way to a limit, on one side.
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
    /// Limits from fewer than 12 points are trial limits.
    pub trial: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct XmrPoint {
    pub segment: usize,
    pub rules: Vec<XmrRule>,
    /// None for common-cause variation.
    pub verdict: Option<Verdict>,
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
    /// Against the target, by the latest segment's limits; None without a target or direction.
    pub assurance: Option<Assurance>,
}

const LIMIT_FACTOR: f64 = 2.66;
const ASTRONOMICAL_FACTOR: f64 = 3.145;
/// Moving ranges above 3.267 x their mean are screened out before the limits are set.
const MR_SCREEN_FACTOR: f64 = 3.267;

fn xmr_segment(values: &[f64], start: usize, end: usize) -> Option<XmrSegment> {
    let v = &values[start..end];
    let m = mean(v)?;
    let ranges: Vec<f64> = v.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
    let raw = mean(&ranges).unwrap_or(0.0);
    let kept: Vec<f64> = ranges
        .iter()
        .copied()
        .filter(|r| *r <= MR_SCREEN_FACTOR * raw)
        .collect();
    let mr = mean(&kept).unwrap_or(raw);
    let width = LIMIT_FACTOR * mr;
    Some(XmrSegment {
        start,
        end,
        mean: m,
        mean_moving_range: mr,
        upper: m + width,
        lower: m - width,
        upper_two_thirds: m + width * 2.0 / 3.0,
        lower_two_thirds: m - width * 2.0 / 3.0,
        trial: v.len() < 12,
    })
}

/// Builds an XmR chart. `rebase_at` holds the indexes where new limits start (a change went
/// live); each segment gets its own mean and limits, and rules never run across a rebase.
pub fn xmr_chart(
    values: &[f64],
    rebase_at: &[usize],
    direction: Direction,
    target: Option<f64>,
) -> XmrChart {
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
        .collect();
    let segments: Vec<XmrSegment> = bounds
        .iter()
        .filter_map(|&(s, e)| xmr_segment(values, s, e))
        .collect();
    let mut points: Vec<XmrPoint> = vec![];
    // (rule, upward) per point, before verdicts.
    let mut marks: Vec<Vec<(XmrRule, bool)>> = vec![vec![]; values.len()];
    for (k, seg) in segments.iter().enumerate() {
        let v = &values[seg.start..seg.end];
        let at = |i: usize| seg.start + i;
        for (i, x) in v.iter().enumerate() {
            points.push(XmrPoint {
                segment: k,
                rules: vec![],
                verdict: None,
            });
            if *x > seg.upper || *x < seg.lower {
                marks[at(i)].push((XmrRule::OutsideLimits, *x > seg.mean));
            }
        }
        // Shift: a point on the mean breaks the run.
        let side: Vec<i8> = v
            .iter()
            .map(|x| {
                if *x > seg.mean {
                    1
                } else if *x < seg.mean {
                    -1
                } else {
                    0
                }
            })
            .collect();
        mark_runs(&side, 7, |i, s| {
            marks[at(i)].push((XmrRule::ShiftOfSeven, s > 0))
        });
        // Trend: seven points, so six steps the same way; an unchanged value breaks it.
        let steps: Vec<i8> = v
            .windows(2)
            .map(|w| (w[1] > w[0]) as i8 - (w[1] < w[0]) as i8)
            .collect();
        let mut in_trend = vec![None; v.len()];
        mark_runs(&steps, 6, |i, s| {
            in_trend[i] = Some(s > 0);
            in_trend[i + 1] = Some(s > 0);
        });
        for (i, t) in in_trend.into_iter().enumerate() {
            if let Some(up) = t {
                marks[at(i)].push((XmrRule::TrendOfSeven, up));
            }
        }
        // Two of three beyond two thirds of the way to a limit, on the same side.
        for (up, beyond) in [(true, seg.upper_two_thirds), (false, seg.lower_two_thirds)] {
            let near: Vec<bool> = v
                .iter()
                .map(|x| if up { *x > beyond } else { *x < beyond })
                .collect();
            for w in 0..v.len().saturating_sub(2) {
                if near[w..w + 3].iter().filter(|b| **b).count() >= 2 {
                    for i in (w..w + 3).filter(|&i| near[i]) {
                        if !marks[at(i)].contains(&(XmrRule::TwoOfThreeNearLimit, up)) {
                            marks[at(i)].push((XmrRule::TwoOfThreeNearLimit, up));
                        }
                    }
                }
            }
        }
    }
    for (p, m) in points.iter_mut().zip(marks) {
        if m.is_empty() {
            continue;
        }
        // A point's verdict follows its side of the mean, unless only a trend marks it.
        let upward = m
            .iter()
            .find(|(r, _)| *r != XmrRule::TrendOfSeven)
            .unwrap_or(&m[0])
            .1;
        p.verdict = Some(verdict(direction, upward));
        p.rules = m.into_iter().map(|(r, _)| r).collect();
    }
    let assurance = match (segments.last(), target, direction) {
        (Some(seg), Some(t), Direction::HigherIsBetter | Direction::LowerIsBetter) => {
            let higher = direction == Direction::HigherIsBetter;
            Some(if seg.lower > t {
                if higher {
                    Assurance::Pass
                } else {
                    Assurance::Fail
                }
            } else if seg.upper < t {
                if higher {
                    Assurance::Fail
                } else {
                    Assurance::Pass
                }
            } else {
                Assurance::Inconsistent
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
