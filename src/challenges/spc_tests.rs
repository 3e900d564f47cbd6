//! Worked examples for the run-chart and XmR rules, small enough to check by hand.

use super::*;

fn rules_at(chart: &XmrChart, i: usize) -> Vec<XmrRule> {
    chart.points[i].rules.clone()
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
    let c = xmr_chart(&v, &[], Direction::HigherIsBetter, None);
    let s = &c.segments[0];
    assert!((s.mean - 11.5).abs() < 1e-9);
    assert!((s.mean_moving_range - 15.0 / 11.0).abs() < 1e-9);
    assert!((s.upper - (11.5 + 2.66 * 15.0 / 11.0)).abs() < 1e-9);
    assert!((s.lower - (11.5 - 2.66 * 15.0 / 11.0)).abs() < 1e-9);
    assert!(!s.trial, "twelve points make real limits");
    assert!(c
        .points
        .iter()
        .all(|p| p.rules.is_empty() && p.verdict.is_none()));
    assert!(xmr_chart(&v[..11], &[], Direction::HigherIsBetter, None).segments[0].trial);
}

#[test]
fn xmr_screens_outlying_moving_ranges() {
    let v = [1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 20.0, 2.0, 1.0, 2.0];
    let c = xmr_chart(&v, &[], Direction::LowerIsBetter, None);
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
    let c = xmr_chart(&v, &[], Direction::HigherIsBetter, None);
    for i in 0..7 {
        assert_eq!(rules_at(&c, i), [XmrRule::ShiftOfSeven], "point {i}");
        assert_eq!(c.points[i].verdict, Some(Verdict::Concern));
    }
    for i in 7..14 {
        assert_eq!(rules_at(&c, i), [XmrRule::ShiftOfSeven], "point {i}");
        assert_eq!(c.points[i].verdict, Some(Verdict::Improvement));
    }
    let six = [4.0, 5.0, 4.0, 5.0, 4.0, 5.0, 7.0, 6.0, 7.0, 6.0, 7.0, 6.0];
    let c = xmr_chart(&six, &[], Direction::HigherIsBetter, None);
    assert!(c.points.iter().all(|p| p.rules.is_empty()));
}

#[test]
fn xmr_trend_of_seven_and_a_flat_step_breaks_it() {
    let v = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
    let c = xmr_chart(&v, &[], Direction::HigherIsBetter, None);
    assert!((0..7).all(|i| rules_at(&c, i).contains(&XmrRule::TrendOfSeven)));
    // The middle point is on the mean and only in the trend: its verdict follows the trend.
    assert_eq!(rules_at(&c, 3), [XmrRule::TrendOfSeven]);
    assert_eq!(c.points[3].verdict, Some(Verdict::Improvement));
    // The first point is also below the lower limit: that side decides its verdict.
    assert!(rules_at(&c, 0).contains(&XmrRule::OutsideLimits));
    assert_eq!(c.points[0].verdict, Some(Verdict::Concern));
    let flat = [1.0, 2.0, 3.0, 3.0, 4.0, 5.0, 6.0, 7.0];
    let c = xmr_chart(&flat, &[], Direction::HigherIsBetter, None);
    assert!(c
        .points
        .iter()
        .all(|p| !p.rules.contains(&XmrRule::TrendOfSeven)));
}

#[test]
fn xmr_two_of_three_near_a_limit() {
    let v = [
        10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 12.9, 12.9, 10.0, 11.0, 10.0,
        11.0,
    ];
    let c = xmr_chart(&v, &[], Direction::LowerIsBetter, None);
    let s = &c.segments[0];
    assert!(12.9 > s.upper_two_thirds && 12.9 < s.upper);
    assert_eq!(rules_at(&c, 10), [XmrRule::TwoOfThreeNearLimit]);
    assert_eq!(rules_at(&c, 11), [XmrRule::TwoOfThreeNearLimit]);
    assert_eq!(c.points[10].verdict, Some(Verdict::Concern));
    let flagged: Vec<usize> = (0..v.len())
        .filter(|&i| !c.points[i].rules.is_empty())
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
    let one = xmr_chart(&v, &[], Direction::LowerIsBetter, None);
    assert!(one.points[12..]
        .iter()
        .all(|p| p.rules.contains(&XmrRule::ShiftOfSeven)));
    assert_eq!(one.points[20].verdict, Some(Verdict::Improvement));
    let two = xmr_chart(&v, &[12], Direction::LowerIsBetter, None);
    assert_eq!(two.segments.len(), 2);
    assert!(
        (two.segments[0].mean - 20.5).abs() < 1e-9 && (two.segments[1].mean - 10.5).abs() < 1e-9
    );
    assert_eq!((two.segments[1].start, two.segments[1].end), (12, 24));
    assert_eq!(two.points[15].segment, 1);
    assert!(two.points.iter().all(|p| p.rules.is_empty()));
    // Out-of-range and duplicate rebase points are ignored.
    assert_eq!(
        xmr_chart(&v, &[0, 12, 12, 99], Direction::LowerIsBetter, None)
            .segments
            .len(),
        2
    );
}

#[test]
fn assurance_against_a_target() {
    let v = [
        9.0, 10.0, 9.0, 10.0, 9.0, 10.0, 9.0, 10.0, 9.0, 10.0, 9.0, 10.0,
    ];
    // Mean 9.5, limits 9.5 +/- 2.66.
    let a = |t: f64, d: Direction| xmr_chart(&v, &[], d, Some(t)).assurance;
    assert_eq!(a(5.0, Direction::HigherIsBetter), Some(Assurance::Pass));
    assert_eq!(a(5.0, Direction::LowerIsBetter), Some(Assurance::Fail));
    assert_eq!(a(13.0, Direction::HigherIsBetter), Some(Assurance::Fail));
    assert_eq!(a(13.0, Direction::LowerIsBetter), Some(Assurance::Pass));
    assert_eq!(
        a(10.0, Direction::HigherIsBetter),
        Some(Assurance::Inconsistent)
    );
    assert_eq!(a(10.0, Direction::Neither), None);
    assert_eq!(
        xmr_chart(&v, &[], Direction::HigherIsBetter, None).assurance,
        None
    );
}

#[test]
fn xmr_of_an_empty_or_single_point_series() {
    let c = xmr_chart(&[], &[], Direction::HigherIsBetter, Some(1.0));
    assert!(c.segments.is_empty() && c.points.is_empty() && c.assurance.is_none());
    let c = xmr_chart(&[5.0], &[], Direction::HigherIsBetter, None);
    assert_eq!(c.segments[0].mean_moving_range, 0.0);
    assert!(c.segments[0].trial);
}
