//! Worked examples for the run-chart and XmR rules, small enough to check by hand.

use super::*;

fn rules_at(chart: &XmrChart, i: usize) -> Vec<XmrRule> {
    chart.points[i].signals.iter().map(|s| s.rule).collect()
}

/// The XmR chart of values given as decimals, stored (as measures are) scaled by 10^4.
fn xmr(values: &[f64], rebase_at: &[usize], direction: Direction, target: Option<f64>) -> XmrChart {
    let scaled = |x: f64| (x * 1e4).round() as i64;
    let stored: Vec<i64> = values.iter().map(|x| scaled(*x)).collect();
    xmr_chart(&stored, 4, rebase_at, direction, target.map(scaled))
}

/// Indexes of the points with a special cause of the given verdict.
fn flagged(chart: &XmrChart, verdict: Verdict) -> Vec<usize> {
    (0..chart.points.len())
        .filter(|&i| chart.points[i].verdict == Some(verdict))
        .collect()
}

fn run_signals(chart: &RunChart, rule: RunRule) -> Vec<&RunSignal> {
    chart.signals.iter().filter(|s| s.rule == rule).collect()
}

#[test]
fn median_of_odd_even_and_empty_series() {
    assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
    assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
    assert_eq!(median(&[]), None);
}

#[test]
fn run_chart_shift_skips_points_on_the_median() {
    // Baseline median of the first six points is 10; index 8 sits on it and neither counts
    // nor breaks the run of six above.
    let v = [
        10.0, 12.0, 8.0, 11.0, 9.0, 10.0, 13.0, 14.0, 10.0, 15.0, 16.0, 17.0, 18.0,
    ];
    let c = run_chart(&v, Some(6), Direction::HigherIsBetter);
    assert_eq!(c.median, Some(10.0));
    let shifts = run_signals(&c, RunRule::Shift);
    assert_eq!(shifts.len(), 1);
    assert_eq!(shifts[0].points, [6, 7, 9, 10, 11, 12]);
    assert_eq!(shifts[0].verdict, Verdict::Improvement);
    let trends = run_signals(&c, RunRule::Trend);
    assert_eq!(trends.len(), 1);
    assert_eq!(trends[0].points, [8, 9, 10, 11, 12]);
    // Five above is not a shift.
    let c = run_chart(&v[..12], Some(6), Direction::LowerIsBetter);
    assert!(run_signals(&c, RunRule::Shift).is_empty());
}

#[test]
fn run_chart_trend_ignores_equal_neighbours() {
    let c = run_chart(
        &[1.0, 2.0, 2.0, 3.0, 4.0, 5.0],
        None,
        Direction::LowerIsBetter,
    );
    let trends = run_signals(&c, RunRule::Trend);
    assert_eq!(trends.len(), 1);
    assert_eq!(
        trends[0].points,
        [0, 1, 3, 4, 5],
        "the repeated 2 is not counted"
    );
    assert_eq!(
        trends[0].verdict,
        Verdict::Concern,
        "rising is bad when lower is better"
    );
    // Four distinct rising points are not a trend, even with a repeat making five values.
    let c = run_chart(&[1.0, 2.0, 3.0, 3.0, 4.0], None, Direction::HigherIsBetter);
    assert!(run_signals(&c, RunRule::Trend).is_empty());
    // Falling trend.
    let c = run_chart(&[9.0, 7.0, 5.0, 3.0, 1.0], None, Direction::LowerIsBetter);
    assert_eq!(
        run_signals(&c, RunRule::Trend)[0].verdict,
        Verdict::Improvement
    );
}

#[test]
fn run_chart_too_short_series_has_no_signals() {
    assert_eq!(run_chart(&[], None, Direction::HigherIsBetter).median, None);
    let c = run_chart(&[5.0], None, Direction::HigherIsBetter);
    assert_eq!(
        (c.median, c.signals.len(), c.runs_limits),
        (Some(5.0), 0, None)
    );
    // Runs rules need ten useful observations.
    let c = run_chart(
        &[1.0, 9.0, 1.0, 9.0, 1.0, 9.0, 1.0, 9.0, 1.0],
        None,
        Direction::Neither,
    );
    assert_eq!(c.runs_limits, None);
}

#[test]
fn too_many_and_too_few_runs() {
    let alternating = [1.0, 9.0, 1.0, 9.0, 1.0, 9.0, 1.0, 9.0, 1.0, 9.0];
    let c = run_chart(&alternating, None, Direction::Neither);
    assert_eq!(
        (c.useful_observations, c.runs, c.runs_limits),
        (10, 10, Some((3, 9)))
    );
    assert_eq!(run_signals(&c, RunRule::TooManyRuns).len(), 1);
    let two_blocks = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0];
    let c = run_chart(&two_blocks, None, Direction::Neither);
    assert_eq!((c.runs, c.runs_limits), (2, Some((4, 10))));
    assert_eq!(run_signals(&c, RunRule::TooFewRuns).len(), 1);
    assert_eq!(run_signals(&c, RunRule::Shift).len(), 2);
}

#[test]
fn runs_limits_reproduce_the_ihi_table_for_even_splits() {
    assert_eq!(runs_limits(5, 5), Some((3, 9)));
    assert_eq!(runs_limits(15, 15), Some((11, 21)));
    assert_eq!(runs_limits(30, 30), Some((24, 38)));
    assert_eq!(runs_limits(0, 12), None);
}

#[test]
fn run_chart_marks_an_astronomical_point() {
    let mut v = vec![
        10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 11.0,
    ];
    v.push(40.0);
    let c = run_chart(&v, None, Direction::LowerIsBetter);
    let astro = run_signals(&c, RunRule::Astronomical);
    assert_eq!(astro.len(), 1);
    assert_eq!(
        (astro[0].points.clone(), astro[0].verdict),
        (vec![12], Verdict::Concern)
    );
}

#[test]
fn xmr_limits_from_the_mean_moving_range() {
    let v = [
        10.0, 12.0, 11.0, 13.0, 12.0, 11.0, 10.0, 12.0, 11.0, 13.0, 12.0, 11.0,
    ];
    let c = xmr(&v, &[], Direction::HigherIsBetter, None);
    let s = &c.segments[0];
    assert!((s.mean - 11.5).abs() < 1e-9);
    assert!((s.mean_moving_range - 15.0 / 11.0).abs() < 1e-9);
    assert!((s.upper - (11.5 + 2.66 * 15.0 / 11.0)).abs() < 1e-9);
    assert!((s.lower - (11.5 - 2.66 * 15.0 / 11.0)).abs() < 1e-9);
    assert!(c
        .points
        .iter()
        .all(|p| p.signals.is_empty() && p.verdict.is_none()));
    assert!(s.trial, "twelve points still make trial limits");
}

#[test]
fn xmr_screens_outlying_moving_ranges() {
    let v = [1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 20.0, 2.0, 1.0, 2.0];
    let c = xmr(&v, &[], Direction::LowerIsBetter, None);
    // Raw mean moving range is 44/11 = 4; the two 18s exceed 3.267 x 4 and are dropped.
    assert!((c.segments[0].mean_moving_range - 1.0).abs() < 1e-9);
    assert_eq!(rules_at(&c, 8), [XmrRule::OutsideLimits]);
    assert_eq!(c.points[8].verdict, Some(Verdict::Concern));
}

#[test]
fn xmr_shift_of_seven_but_not_six() {
    let v = [
        4.0, 5.0, 4.0, 5.0, 4.0, 5.0, 4.0, 7.0, 6.0, 7.0, 6.0, 7.0, 6.0, 7.0,
    ];
    let c = xmr(&v, &[], Direction::HigherIsBetter, None);
    for i in 0..7 {
        assert_eq!(rules_at(&c, i), [XmrRule::ShiftOfSeven], "point {i}");
        assert_eq!(c.points[i].verdict, Some(Verdict::Concern));
    }
    for i in 7..14 {
        assert_eq!(rules_at(&c, i), [XmrRule::ShiftOfSeven], "point {i}");
        assert_eq!(c.points[i].verdict, Some(Verdict::Improvement));
    }
    let six = [4.0, 5.0, 4.0, 5.0, 4.0, 5.0, 7.0, 6.0, 7.0, 6.0, 7.0, 6.0];
    let c = xmr(&six, &[], Direction::HigherIsBetter, None);
    assert!(c.points.iter().all(|p| p.signals.is_empty()));
}

#[test]
fn xmr_trend_of_seven_and_a_flat_step_breaks_it() {
    let v = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
    let c = xmr(&v, &[], Direction::HigherIsBetter, None);
    assert!((0..7).all(|i| rules_at(&c, i).contains(&XmrRule::TrendOfSeven)));
    // The middle point is on the mean and only in the trend: its verdict follows the trend.
    assert_eq!(rules_at(&c, 3), [XmrRule::TrendOfSeven]);
    assert_eq!(c.points[3].verdict, Some(Verdict::Improvement));
    // The first point is also below the lower limit (a concern): improvement wins, both shown.
    assert_eq!(
        c.points[0].signals[..2],
        [
            XmrSignal {
                rule: XmrRule::OutsideLimits,
                verdict: Verdict::Concern
            },
            XmrSignal {
                rule: XmrRule::TrendOfSeven,
                verdict: Verdict::Improvement
            }
        ]
    );
    assert_eq!(c.points[0].verdict, Some(Verdict::Improvement));
    let flat = [1.0, 2.0, 3.0, 3.0, 4.0, 5.0, 6.0, 7.0];
    let c = xmr(&flat, &[], Direction::HigherIsBetter, None);
    assert!(c.points.iter().all(|p| !p.has(XmrRule::TrendOfSeven)));
}

#[test]
fn xmr_two_of_three_near_a_limit() {
    let v = [
        10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 12.9, 12.9, 10.0, 11.0, 10.0,
        11.0,
    ];
    let c = xmr(&v, &[], Direction::LowerIsBetter, None);
    let s = &c.segments[0];
    assert!(12.9 > s.upper_two_thirds && 12.9 < s.upper);
    assert_eq!(rules_at(&c, 10), [XmrRule::TwoOfThreeNearLimit]);
    assert_eq!(rules_at(&c, 11), [XmrRule::TwoOfThreeNearLimit]);
    assert_eq!(c.points[10].verdict, Some(Verdict::Concern));
    let flagged: Vec<usize> = (0..v.len())
        .filter(|&i| !c.points[i].signals.is_empty())
        .collect();
    assert_eq!(flagged, [10, 11]);
}

#[test]
fn xmr_rebasing_sets_new_limits_and_rules_do_not_cross_it() {
    let before = [
        20.0, 21.0, 20.0, 21.0, 20.0, 21.0, 20.0, 21.0, 20.0, 21.0, 20.0, 21.0,
    ];
    let after = [
        10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 11.0,
    ];
    let v: Vec<f64> = before.iter().chain(after.iter()).copied().collect();
    let one = xmr(&v, &[], Direction::LowerIsBetter, None);
    assert!(one.points[12..]
        .iter()
        .all(|p| p.has(XmrRule::ShiftOfSeven)));
    assert_eq!(one.points[20].verdict, Some(Verdict::Improvement));
    let two = xmr(&v, &[12], Direction::LowerIsBetter, None);
    assert_eq!(two.segments.len(), 2);
    assert!(
        (two.segments[0].mean - 20.5).abs() < 1e-9 && (two.segments[1].mean - 10.5).abs() < 1e-9
    );
    assert_eq!((two.segments[1].start, two.segments[1].end), (12, 24));
    assert_eq!(two.points[15].segment, 1);
    assert!(two.points.iter().all(|p| p.signals.is_empty()));
    // Out-of-range and duplicate rebase points are ignored.
    assert_eq!(
        xmr(&v, &[0, 12, 12, 99], Direction::LowerIsBetter, None)
            .segments
            .len(),
        2
    );
}

#[test]
fn assurance_against_a_target() {
    let v = [
        9.0, 10.0, 9.0, 10.0, 9.0, 10.0, 9.0, 10.0, 9.0, 10.0, 9.0, 10.0, 9.0, 10.0,
    ];
    // Mean 9.5, limits 9.5 +/- 2.66.
    let a = |t: f64, d: Direction| xmr(&v, &[], d, Some(t)).assurance;
    assert_eq!(a(5.0, Direction::HigherIsBetter), Some(Assurance::Pass));
    assert_eq!(a(5.0, Direction::LowerIsBetter), Some(Assurance::Fail));
    assert_eq!(a(13.0, Direction::HigherIsBetter), Some(Assurance::Fail));
    assert_eq!(a(13.0, Direction::LowerIsBetter), Some(Assurance::Pass));
    assert_eq!(
        a(10.0, Direction::HigherIsBetter),
        Some(Assurance::Inconsistent)
    );
    assert_eq!(
        a(12.16, Direction::HigherIsBetter),
        Some(Assurance::Inconsistent),
        "a target exactly on a limit is not beyond it"
    );
    assert_eq!(a(10.0, Direction::Neither), None);
    assert_eq!(
        xmr(&v[..12], &[], Direction::HigherIsBetter, Some(5.0)).assurance,
        None,
        "no assurance from trial limits"
    );
    assert_eq!(
        xmr(&v, &[], Direction::HigherIsBetter, None).assurance,
        None
    );
}

#[test]
fn xmr_of_an_empty_or_single_point_series() {
    let c = xmr(&[], &[], Direction::HigherIsBetter, Some(1.0));
    assert!(c.segments.is_empty() && c.points.is_empty() && c.assurance.is_none());
    let c = xmr(&[5.0], &[], Direction::HigherIsBetter, None);
    assert_eq!(c.segments[0].mean_moving_range, 0.0);
    assert!(c.segments[0].trial);
}

// ---------------------------------------------------------------- issue 19: agreeing with
// Making Data Count (worked examples from the comparison with NHSRplotthedots)

#[test]
fn two_of_three_needs_all_three_on_one_side_of_the_mean() {
    // 16.5 and 17 are beyond two thirds of the way to the upper limit, but 9 is below the mean.
    let v = [
        10.0, 12.0, 10.0, 12.0, 10.0, 12.0, 10.0, 12.0, 10.0, 12.0, 10.0, 16.5, 17.0, 9.0, 12.0,
        10.0,
    ];
    let c = xmr(&v, &[], Direction::HigherIsBetter, None);
    let s = &c.segments[0];
    assert!(16.5 > s.upper_two_thirds && 17.0 < s.upper && 9.0 < s.mean);
    assert!(
        c.points.iter().all(|p| p.verdict.is_none()),
        "{:?}",
        c.points
    );
    // With a third point above the mean instead, the two near the limit are a signal.
    let mut w = v;
    w[13] = 12.0;
    let c = xmr(&w, &[], Direction::HigherIsBetter, None);
    assert_eq!(flagged(&c, Verdict::Improvement), [11, 12]);
    assert_eq!(rules_at(&c, 11), [XmrRule::TwoOfThreeNearLimit]);
}

#[test]
fn two_of_three_counts_points_beyond_the_limit() {
    // 30 is beyond the upper limit, 14 beyond two thirds of the way to it, 12 just above the
    // mean: the package counts only points between two thirds and the limit, the Making Data
    // Count team counts both.
    let mut v: Vec<f64> = [10.0, 11.0].repeat(10);
    v.extend([30.0, 14.0, 12.0, 10.0, 11.0]);
    let c = xmr(&v, &[], Direction::HigherIsBetter, None);
    let s = &c.segments[0];
    assert!(30.0 > s.upper && 14.0 > s.upper_two_thirds && 14.0 < s.upper);
    assert!(12.0 > s.mean && 12.0 < s.upper_two_thirds);
    assert_eq!(
        rules_at(&c, 20),
        [XmrRule::OutsideLimits, XmrRule::TwoOfThreeNearLimit]
    );
    assert_eq!(rules_at(&c, 21), [XmrRule::TwoOfThreeNearLimit]);
    assert_eq!(flagged(&c, Verdict::Improvement), [20, 21]);
}

#[test]
fn a_point_exactly_on_the_mean_is_on_neither_side() {
    // The mean is exactly 53.91 (539.1 / 10); a float sum lands a rounding step below it and
    // would count the fourth point as above, making a shift of points 0 to 6.
    let v = [
        55.62, 56.51, 55.22, 53.91, 55.8, 55.65, 55.66, 52.41, 52.7, 45.62,
    ];
    let float_mean = v.iter().sum::<f64>() / v.len() as f64;
    assert!(53.91 > float_mean, "the float mean is {float_mean}");
    let c = xmr(&v, &[], Direction::HigherIsBetter, None);
    assert!((c.segments[0].mean - 53.91).abs() < 1e-12);
    assert!(c.points.iter().all(|p| !p.has(XmrRule::ShiftOfSeven)));
    // The same exactness in stored units of a measure with two decimals.
    let stored: Vec<i64> = v.iter().map(|x| (x * 100.0).round() as i64).collect();
    let c = xmr_chart(&stored, 2, &[], Direction::HigherIsBetter, None);
    assert!(c.points.iter().all(|p| !p.has(XmrRule::ShiftOfSeven)));
}

#[test]
fn improvement_wins_when_a_trend_and_a_shift_disagree() {
    // Points 8 to 14 rise (a trend up: improvement) below the mean (a shift down: concern).
    let v = [
        10.0, 14.0, 9.0, 15.0, 10.0, 14.0, 9.0, 15.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 14.0,
        10.0, 15.0,
    ];
    let c = xmr(&v, &[], Direction::HigherIsBetter, None);
    for i in 9..15 {
        let both = [
            XmrSignal {
                rule: XmrRule::ShiftOfSeven,
                verdict: Verdict::Concern,
            },
            XmrSignal {
                rule: XmrRule::TrendOfSeven,
                verdict: Verdict::Improvement,
            },
        ];
        assert!(
            both.iter().all(|s| c.points[i].signals.contains(s)),
            "point {i}: {:?}",
            c.points[i].signals
        );
        assert_eq!(c.points[i].verdict, Some(Verdict::Improvement), "point {i}");
    }
    // The mirror case: falling above the mean, where lower is better, is still improvement.
    let mirror: Vec<f64> = v.iter().map(|x| 20.0 - x).collect();
    let c = xmr(&mirror, &[], Direction::LowerIsBetter, None);
    assert!((9..15).all(|i| c.points[i].verdict == Some(Verdict::Improvement)));
    // And the same mirror where higher is better: the shift above is the improvement.
    let c = xmr(&mirror, &[], Direction::HigherIsBetter, None);
    assert!((9..15).all(|i| c.points[i].verdict == Some(Verdict::Improvement)));
    // With no better direction every signal is neutral.
    let c = xmr(&v, &[], Direction::Neither, None);
    assert!((9..15).all(|i| c.points[i].verdict == Some(Verdict::Neutral)));
}

#[test]
fn a_moving_range_exactly_on_the_screening_limit_is_kept() {
    // Ranges 244, 244, 245 and 3267 sum to 4000: their mean is 1000, and 3267 is exactly 3.267
    // times it. Only ranges above the limit are screened, so it stays (the package drops it,
    // which would give a mean moving range of 733 / 3).
    let c = xmr_chart(&[0, 244, 0, 245, 3512], 0, &[], Direction::Neither, None);
    assert_eq!(c.segments[0].mean_moving_range, 1000.0);
    // One unit more and it is screened out.
    let c = xmr_chart(&[0, 244, 0, 245, 3513], 0, &[], Direction::Neither, None);
    assert!((c.segments[0].mean_moving_range - 733.0 / 3.0).abs() < 1e-9);
}

#[test]
fn a_constant_series_has_no_limits_and_no_assurance() {
    let c = xmr(&[7.0; 15], &[], Direction::HigherIsBetter, Some(9.0));
    let s = &c.segments[0];
    assert!(s.no_variation && !s.trial);
    assert_eq!((s.mean, s.upper, s.lower), (7.0, 7.0, 7.0));
    assert_eq!(
        c.assurance, None,
        "not a \"fail\" against zero-width limits"
    );
    assert!(c.points.iter().all(|p| p.verdict.is_none()));
    // One different value is variation: limits, and that value is outside them.
    let mut v = [7.0; 15];
    v[14] = 8.0;
    let c = xmr(&v, &[], Direction::HigherIsBetter, Some(9.0));
    assert!(!c.segments[0].no_variation);
    assert_eq!(rules_at(&c, 14), [XmrRule::OutsideLimits]);
}

#[test]
fn limits_are_trial_below_thirteen_points() {
    // The Making Data Count team's tool shows limits and summary icons from 13 points.
    let v: Vec<f64> = (0..13).map(|i| 10.0 + (i % 3) as f64).collect();
    let c = xmr(&v, &[], Direction::HigherIsBetter, Some(0.0));
    assert!(!c.segments[0].trial);
    assert_eq!(c.assurance, Some(Assurance::Pass));
    let c = xmr(&v[..12], &[], Direction::HigherIsBetter, Some(0.0));
    assert!(c.segments[0].trial);
    assert_eq!(c.assurance, None);
}

#[test]
fn a_tie_at_the_end_of_a_trend_keeps_the_trend_direction() {
    // Seven rising, a repeat, then seven rising again: the repeat breaks the trend, and the
    // point before it stays in the rising trend (the package calls it falling).
    let v = [
        1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0,
    ];
    let c = xmr(&v, &[], Direction::HigherIsBetter, None);
    let trend_up = XmrSignal {
        rule: XmrRule::TrendOfSeven,
        verdict: Verdict::Improvement,
    };
    assert!(c.points[6].signals.contains(&trend_up));
    assert!(c.points[7].signals.contains(&trend_up));
    assert!(c.points.iter().all(|p| p
        .signals
        .iter()
        .all(|s| s.rule != XmrRule::TrendOfSeven || s.verdict == Verdict::Improvement)));
}
