//! Exhaustive checks of the anonymity rules over every mix of up to three raters in each of the
//! five groups, with "not observed" answers sprinkled in.

use super::*;

const DIMS: usize = 3;

fn responses(counts: [u32; 5], seed: u32) -> Vec<Response> {
    let mut out = vec![];
    let mut k = seed;
    for (g, n) in RaterGroup::ALL.iter().zip(counts) {
        for _ in 0..n {
            let ratings = (0..DIMS)
                .map(|_| {
                    k = k.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    // About one answer in six is "not observed".
                    let v = (k >> 16) % 6;
                    (v < 5).then_some((v % 4 + 1) as u8)
                })
                .collect();
            out.push(Response {
                group: *g,
                ratings,
                comment: format!("comment {k}"),
            });
        }
    }
    out
}

fn every_mix() -> impl Iterator<Item = [u32; 5]> {
    (0..4u32.pow(5)).map(|i| [i % 4, i / 4 % 4, i / 16 % 4, i / 64 % 4, i / 256 % 4])
}

fn report(rules: &Rules, rs: &[Response]) -> (Vec<DimensionFigures>, Vec<(RaterGroup, String)>) {
    let me = vec![Some(3); DIMS];
    (
        (0..DIMS)
            .map(|d| dimension_figures(rules, rs, &me, d, 4))
            .collect(),
        shown_comments(rules, rs),
    )
}

#[test]
fn no_shown_figure_is_made_of_fewer_ratings_than_its_threshold() {
    let rules = Rules::standard();
    for counts in every_mix() {
        for seed in 0..3 {
            let rs = responses(counts, seed);
            for d in 0..DIMS {
                let f = dimension_figures(&rules, &rs, &[], d, 4);
                let mut pooled = 0;
                for (g, c) in &f.groups {
                    if let Some(c) = c {
                        assert!(c.ratings >= rules.minimum(*g), "{counts:?} {g:?}");
                        assert_eq!(c.spread.iter().sum::<u32>(), c.ratings);
                        pooled += c.ratings;
                    }
                }
                assert_eq!(f.all_raters.as_ref().map_or(0, |c| c.ratings), pooled);
            }
        }
    }
}

#[test]
fn a_dropped_groups_answers_cannot_change_any_figure_or_comment() {
    let rules = Rules::standard();
    for counts in every_mix() {
        let rs = responses(counts, 7);
        let dropped = dropped_groups(&rules, &rs);
        if dropped.is_empty() {
            continue;
        }
        let before = report(&rules, &rs);
        // Rewrite every answer and comment of every dropped rater: nothing in the report moves.
        for flip in [Some(1), Some(4), None] {
            let mut changed = rs.clone();
            for r in changed.iter_mut().filter(|r| dropped.contains(&r.group)) {
                r.ratings = vec![flip; DIMS];
                r.comment = "a secret the fellow must not see".into();
            }
            assert_eq!(report(&rules, &changed), before, "{counts:?}");
        }
        // And the dropped group is not named among the shown groups.
        for f in &before.0 {
            assert!(f.groups.iter().all(|(g, _)| !dropped.contains(g)));
        }
        assert!(before.1.iter().all(|(g, _)| !dropped.contains(g)));
    }
}

#[test]
fn a_withheld_cell_cannot_be_recovered_from_all_raters() {
    let rules = Rules::standard();
    for counts in every_mix() {
        let rs = responses(counts, 11);
        for d in 0..DIMS {
            let f = dimension_figures(&rules, &rs, &[], d, 4);
            for (g, c) in &f.groups {
                if c.is_some() {
                    continue;
                }
                // Change the withheld group's observed ratings on this dimension.
                let mut changed = rs.clone();
                for r in changed.iter_mut().filter(|r| r.group == *g) {
                    if let Some(v) = r.ratings[d].as_mut() {
                        *v = 5 - *v;
                    }
                }
                assert_eq!(
                    dimension_figures(&rules, &changed, &[], d, 4),
                    f,
                    "{counts:?} {g:?}"
                );
            }
        }
    }
}

#[test]
fn means_are_hundredths_rounded_half_up() {
    assert_eq!(cell(&[1, 2], 4).mean_hundredths, 150);
    assert_eq!(cell(&[1, 1, 2], 4).mean_hundredths, 133);
    assert_eq!(cell(&[2, 2, 1], 4).mean_hundredths, 167);
    assert_eq!(cell(&[4, 3, 4, 4, 4, 4], 4).spread, vec![0, 0, 1, 5]);
}

#[test]
fn validity_names_each_failed_rule() {
    let rules = Rules {
        line_manager_required: true,
        ..Rules::standard()
    };
    let peers = responses([0, 2, 0, 0, 0], 1);
    let rules_failed: Vec<String> = validity(&rules, false, &peers)
        .into_iter()
        .map(|f| f.rule)
        .collect();
    assert_eq!(
        rules_failed,
        [
            "self_assessment",
            "overall_minimum",
            "group_mix",
            "line_manager"
        ]
    );
    let good = responses([1, 3, 0, 3, 0], 1);
    assert!(validity(&rules, true, &good).is_empty());
    // Enough responses, but only one group at its threshold: the mix rule fails alone.
    let one_group = responses([0, 5, 1, 0, 0], 1);
    let failed = validity(&Rules::standard(), true, &one_group);
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].rule, "group_mix");
    assert!(failed[0].message.contains("1 rater group"));
}
