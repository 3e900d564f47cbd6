//! The XmR chart against the NHS-R community's NHSRplotthedots package, point by point, on the
//! 290 reference series in ../shared/spc-reference (see its README). Where the app follows the
//! Making Data Count team over the package, the difference is named here with its series.

use std::collections::BTreeMap;

use fellowship::challenges::measures::parse_scaled;
use fellowship::challenges::spc::{xmr_chart, Assurance, Direction, Verdict, XmrChart, XmrRule};

const CSV: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/spc-reference/nhsrplotthedots-xmr.csv"
);

struct Row {
    value: i64,
    target: Option<i64>,
    mean: f64,
    upper: f64,
    lower: f64,
    kind: String,
    verdict: Option<Verdict>,
    assurance: Option<Assurance>,
}

fn load() -> BTreeMap<u32, Vec<Row>> {
    let text = std::fs::read_to_string(CSV)
        .unwrap_or_else(|e| panic!("the reference figures are missing ({CSV}): {e}"));
    let mut out: BTreeMap<u32, Vec<(u32, Row)>> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let c: Vec<&str> = line.split(',').collect();
        assert_eq!(c.len(), 10, "{line}");
        let row = Row {
            value: parse_scaled(c[2], 4).unwrap(),
            target: (!c[3].is_empty()).then(|| parse_scaled(c[3], 4).unwrap()),
            mean: c[4].parse().unwrap(),
            upper: c[5].parse().unwrap_or(f64::NAN),
            lower: c[6].parse().unwrap_or(f64::NAN),
            kind: c[7].to_string(),
            verdict: match c[8] {
                "common_cause" => None,
                "special_cause_improvement" => Some(Verdict::Improvement),
                "special_cause_concern" => Some(Verdict::Concern),
                other => panic!("point type {other}"),
            },
            assurance: match c[9] {
                "" => None,
                "consistent_pass" => Some(Assurance::Pass),
                "consistent_fail" => Some(Assurance::Fail),
                "inconsistent" => Some(Assurance::Inconsistent),
                other => panic!("assurance {other}"),
            },
        };
        out.entry(c[0].parse().unwrap())
            .or_default()
            .push((c[1].parse().unwrap(), row));
    }
    out.into_iter()
        .map(|(series, mut rows)| {
            rows.sort_by_key(|r| r.0);
            (series, rows.into_iter().map(|r| r.1).collect())
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn chart(rows: &[Row]) -> XmrChart {
    let values: Vec<i64> = rows.iter().map(|r| r.value).collect();
    xmr_chart(&values, 4, &[], Direction::HigherIsBetter, rows[0].target)
}

/// Where the app follows the Making Data Count team (NHSRplotthedots issue 194, and the README
/// beside the figures) or the app's own settled rules over the package, by rule, with the series
/// where each shows. Every other figure must agree.
const DELIBERATE: &[(&str, &[u32])] = &[
    // Points beyond a limit count towards two of three beyond two sigma; the package counts
    // only points between two sigma and the limit.
    (
        TWO_OF_THREE_BEYOND,
        &[70, 73, 120, 121, 128, 138, 166, 238, 269, 288],
    ),
    // When an improvement rule and a concern rule mark the same point, improvement is shown
    // (the Making Data Count team's tool); the package takes the first of its rules in order.
    (IMPROVEMENT_WINS, &[93, 94, 95, 98, 100, 112]),
    // No assurance from trial limits (fewer than 13 points), where the team's tool shows no
    // summary icons.
    (
        TRIAL_NO_ASSURANCE,
        &[21, 275, 276, 278, 279, 280, 281, 282, 285, 286, 287, 289],
    ),
    // A constant series has no variation to set limits from: the package gives limits of NaN
    // and calls the target "inconsistent"; the app shows the mean alone and no assurance.
    (NO_VARIATION, &[281]),
];

const TWO_OF_THREE_BEYOND: &str = "two of three counts points beyond a limit";
const IMPROVEMENT_WINS: &str = "improvement wins over concern on the same point";
const TRIAL_NO_ASSURANCE: &str = "no assurance from trial limits";
const NO_VARIATION: &str = "no limits without variation";

/// The rule the package names first for a point, as the app's rule.
fn package_rule(kind: &str) -> Option<XmrRule> {
    if kind.contains("UCL") || kind.contains("LCL") {
        Some(XmrRule::OutsideLimits)
    } else if kind.contains("Trend") {
        Some(XmrRule::TrendOfSeven)
    } else if kind.starts_with("2 in 3") {
        Some(XmrRule::TwoOfThreeNearLimit)
    } else if kind.starts_with("7 Points") {
        Some(XmrRule::ShiftOfSeven)
    } else {
        assert_eq!(kind, "Common Cause");
        None
    }
}

/// Why the app's figure for a point differs from the package's, if a deliberate rule explains it.
fn point_difference(c: &XmrChart, i: usize, reference: Option<Verdict>) -> Option<&'static str> {
    let p = &c.points[i];
    let has = |v: Verdict| p.signals.iter().any(|s| s.verdict == v);
    if p.verdict == Some(Verdict::Improvement)
        && reference == Some(Verdict::Concern)
        && has(Verdict::Concern)
    {
        return Some(IMPROVEMENT_WINS);
    }
    let only_two_of_three = p
        .signals
        .iter()
        .all(|s| s.rule == XmrRule::TwoOfThreeNearLimit);
    let beyond_nearby = (i.saturating_sub(2)..(i + 3).min(c.points.len())).any(|j| {
        c.points[j]
            .signals
            .iter()
            .any(|s| s.rule == XmrRule::OutsideLimits && Some(s.verdict) == p.verdict)
    });
    (reference.is_none() && only_two_of_three && beyond_nearby).then_some(TWO_OF_THREE_BEYOND)
}

#[test]
fn xmr_agrees_with_nhsrplotthedots_on_every_point_but_the_named_rules() {
    let all = load();
    assert_eq!(all.len(), 290, "the reference has 290 series");
    let mut found: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut unexplained = vec![];
    let (mut points, mut agreeing, mut series_agreeing) = (0, 0, 0);
    for (&s, rows) in &all {
        let c = chart(rows);
        let seg = &c.segments[0];
        let r = &rows[0];
        let mut why: Vec<&str> = vec![];
        if seg.no_variation {
            assert!(r.upper.is_nan() && close(seg.mean, r.mean), "series {s}");
            why.push(NO_VARIATION);
        } else if !(close(seg.mean, r.mean)
            && close(seg.upper, r.upper)
            && close(seg.lower, r.lower))
        {
            unexplained.push(format!(
                "series {s}: mean and limits {} {} {}, package {} {} {}",
                seg.mean, seg.upper, seg.lower, r.mean, r.upper, r.lower
            ));
        }
        if c.assurance != r.assurance {
            if seg.trial && c.assurance.is_none() {
                why.push(TRIAL_NO_ASSURANCE);
            } else {
                unexplained.push(format!(
                    "series {s}: assurance {:?}, package {:?}",
                    c.assurance, r.assurance
                ));
            }
        }
        for (i, r) in rows.iter().enumerate() {
            points += 1;
            let p = &c.points[i];
            if p.verdict == r.verdict {
                agreeing += 1;
                // The package names one rule per point; the app must have it among its rules.
                if let Some(rule) = package_rule(&r.kind) {
                    assert!(p.has(rule), "series {s} point {i}: {} {:?}", r.kind, p);
                }
            } else if let Some(w) = point_difference(&c, i, r.verdict) {
                why.push(w);
            } else {
                unexplained.push(format!(
                    "series {s} point {i}: {:?} {:?}, package {:?} ({})",
                    p.verdict, p.signals, r.verdict, r.kind
                ));
            }
        }
        if why.is_empty() {
            series_agreeing += 1;
        }
        why.dedup();
        for w in why {
            found.entry(w).or_default().push(s);
        }
    }
    assert!(
        unexplained.is_empty(),
        "differences no rule explains:\n{}",
        unexplained.join("\n")
    );
    for v in found.values_mut() {
        v.dedup();
    }
    let expected: BTreeMap<&str, Vec<u32>> =
        DELIBERATE.iter().map(|(w, s)| (*w, s.to_vec())).collect();
    assert_eq!(found, expected, "the named differences and their series");
    println!(
        "{series_agreeing} of 290 series and {agreeing} of {points} points agree exactly; {found:?}"
    );
}
