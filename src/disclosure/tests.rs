//! The suppression rule on worked examples, the audit against brute force, and a property test
//! over many random tables.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::audit::{self, Audit};
use super::check::Check;
use super::moves::Moves;
use super::*;

fn shown_table(cells: &[Vec<i64>], col_totals: bool) -> (Figures, TableIds, Shown) {
    let mut f = Figures::default();
    let t = f.table(cells, col_totals);
    let s = f.protect();
    (f, t, s)
}

#[test]
fn a_small_cell_in_a_larger_row_is_withheld_with_the_next_smallest() {
    // Five alumni: 4 sustained, 0 spread, 1 abandoned. Showing 5 answered, 0 spread and either
    // count would give the other away.
    let (_, t, s) = shown_table(&[vec![4, 0, 1]], false);
    let row: Vec<Option<i64>> = t.cells[0].iter().map(|c| s.get(*c)).collect();
    assert_eq!(row, [None, Some(0), None]);
    assert_eq!(s.get(t.row_totals[0]), Some(5));

    // 6 answered: 1, 5, 0. The 1 is withheld, and with it the 5 rather than the 0, which would
    // leave "one of these two" readable.
    let (_, t, s) = shown_table(&[vec![1, 5, 0]], false);
    let row: Vec<Option<i64>> = t.cells[0].iter().map(|c| s.get(*c)).collect();
    assert_eq!(row, [None, None, Some(0)]);
}

#[test]
fn a_small_total_is_withheld_and_cannot_be_rebuilt_from_the_others() {
    // Three rows, shown with column totals: the middle row's total of 3 is withheld, and its
    // cells; each column then needs a second withheld cell, and the row totals follow.
    let cells = vec![vec![10, 7], vec![2, 1], vec![9, 6]];
    let (f, t, s) = shown_table(&cells, true);
    assert_eq!(s.get(t.row_totals[1]), None);
    assert!(t.cells[1].iter().all(|c| s.get(*c).is_none()));
    assert!(f.disclosed(&s).is_empty());
    // Nothing from 1 to 4 is shown anywhere.
    for i in 0..f.values.len() {
        assert!(!s.get(i).is_some_and(small));
    }
    // With the column totals shown, each column has at least two withheld cells.
    for j in 0..2 {
        assert!(t.cells.iter().filter(|r| s.get(r[j]).is_none()).count() >= 2);
    }
}

#[test]
fn zeros_and_large_counts_are_shown_untouched() {
    let cells = vec![vec![0, 12], vec![5, 0], vec![30, 9]];
    let (f, _, s) = shown_table(&cells, true);
    assert!((0..f.values.len()).all(|i| s.get(i) == Some(f.values[i])));
}

#[test]
fn a_figure_shown_elsewhere_is_not_the_one_withheld_to_protect_another() {
    // A cohort of 12: 10 completed, 2 withdrew. The 10 is also shown in another report, so
    // withholding it here would not protect the 2: the total goes instead.
    let mut f = Figures::default();
    let t = f.table(&[vec![10, 2]], false);
    let plain = f.protect();
    assert_eq!(
        plain.get(t.cells[0][0]),
        None,
        "without the mark, the 10 goes"
    );
    f.keep(t.cells[0][0]);
    let s = f.protect();
    assert_eq!(s.get(t.cells[0][0]), Some(10));
    assert_eq!((s.get(t.cells[0][1]), s.get(t.row_totals[0])), (None, None));
    assert!(f.disclosed(&s).is_empty());
}

#[test]
fn a_lone_count_is_shown_from_five() {
    let mut f = Figures::default();
    let ids: Vec<usize> = [0, 1, 4, 5, 17]
        .iter()
        .map(|n| f.figure(*n, true))
        .collect();
    let s = f.protect();
    let got: Vec<Option<i64>> = ids.iter().map(|i| s.get(*i)).collect();
    assert_eq!(got, [Some(0), None, None, Some(5), Some(17)]);
}

#[test]
fn the_audit_catches_subtraction_along_rows_columns_and_their_combinations() {
    // Withheld: a 2x2 block whose margins are all shown is safe (each cell can move by one
    // around the block)...
    let cells = vec![vec![3, 6], vec![7, 2]];
    let mut f = Figures::default();
    let t = f.table(&cells, true);
    let mut withheld = vec![false; f.values.len()];
    for c in t.cells.iter().flatten() {
        withheld[*c] = true;
    }
    let a = Audit::new(&f.values, &withheld, &f.sums);
    assert!(t.cells.iter().flatten().all(|c| a.protected(*c)));
    // The top-left cell is 3 + t for t from -2 to 6.
    assert_eq!(a.range(0), Some((1, Some(9))));
    // ... but not if one of them is shown: then every other follows by subtraction.
    withheld[t.cells[1][1]] = false;
    let a = Audit::new(&f.values, &withheld, &f.sums);
    assert!(!a.protected(t.cells[0][0]));

    // Non-negativity alone can give a figure away: all four cells withheld, margins shown, but
    // the second column totals 0, so both its cells are 0 and the 3 follows.
    let cells = vec![vec![3, 0], vec![5, 0]];
    let mut f = Figures::default();
    let t = f.table(&cells, true);
    let mut withheld = vec![false; f.values.len()];
    for c in t.cells.iter().flatten() {
        withheld[*c] = true;
    }
    let a = Audit::new(&f.values, &withheld, &f.sums);
    assert!(!determined_by_algebra(&a, t.cells[0][0]));
    assert!(!a.protected(t.cells[0][0]));
}

fn determined_by_algebra(a: &Audit, i: usize) -> bool {
    a.determined(i)
}

/// A random table of counts, 1x1 to `max`x`max`, each 0 to `top`.
fn random_table(rng: &mut StdRng, max: usize, top: i64) -> Vec<Vec<i64>> {
    let (r, c) = (rng.gen_range(1..=max), rng.gen_range(1..=max));
    (0..r)
        .map(|_| {
            (0..c)
                .map(|_| {
                    // Plenty of small counts and zeros, the hard cases.
                    if rng.gen_bool(0.4) {
                        rng.gen_range(0..THRESHOLD)
                    } else {
                        rng.gen_range(0..=top)
                    }
                })
                .collect()
        })
        .collect()
}

#[test]
fn no_withheld_figure_can_be_worked_out_in_random_tables() {
    let mut rng = StdRng::seed_from_u64(14);
    for round in 0..1000 {
        let cells = random_table(&mut rng, 6, 30);
        let col_totals = rng.gen_bool(0.6);
        let (f, _, s) = shown_table(&cells, col_totals);
        for i in 0..f.values.len() {
            if let Some(v) = s.get(i) {
                assert_eq!(v, f.values[i], "shown as it is");
                assert!(!small(v), "round {round}: {cells:?} shows {v}");
            }
            if f.published[i] && !small(f.values[i]) && s.get(i).is_none() {
                // Withheld only to protect another: fine, but check it was needed somewhere.
                assert!((0..f.values.len()).any(|j| small(f.values[j])));
            }
        }
        assert!(
            f.disclosed(&s).is_empty(),
            "round {round}: {cells:?} with column totals {col_totals}"
        );
    }
}

#[test]
fn linked_breakdowns_of_the_same_people_are_protected_together() {
    let mut rng = StdRng::seed_from_u64(360);
    for _ in 0..60 {
        // Two breakdowns of the same three outcomes for the same people.
        let a = random_table(&mut rng, 4, 12);
        let width = a[0].len();
        let totals: Vec<i64> = (0..width).map(|j| a.iter().map(|r| r[j]).sum()).collect();
        // Split each column total at random over two rows.
        let first: Vec<i64> = totals.iter().map(|t| rng.gen_range(0..=*t)).collect();
        let b = vec![
            first.clone(),
            totals.iter().zip(&first).map(|(t, x)| t - x).collect(),
        ];
        let mut f = Figures::default();
        let ta = f.table(&a, true);
        f.table_like(&b, &ta);
        let s = f.protect();
        assert!(f.disclosed(&s).is_empty());
        assert!((0..f.values.len()).all(|i| !s.get(i).is_some_and(small)));
    }
}

/// Every value each withheld cell could take, by trying every table that agrees with what is
/// shown (cells up to `cap`).
fn brute_force(cells: &[Vec<i64>], col_totals: bool, withheld: &[bool], cap: i64) -> Vec<Vec<i64>> {
    let mut f = Figures::default();
    let t = f.table(cells, col_totals);
    let free: Vec<(usize, usize)> = (0..cells.len())
        .flat_map(|i| (0..cells[0].len()).map(move |j| (i, j)))
        .filter(|(i, j)| withheld[t.cells[*i][*j]])
        .collect();
    let mut seen = vec![vec![]; free.len()];
    let mut guess = cells.to_vec();
    let mut digits = vec![0i64; free.len()];
    loop {
        for (k, (i, j)) in free.iter().enumerate() {
            guess[*i][*j] = digits[k];
        }
        let mut g = Figures::default();
        g.table(&guess, col_totals);
        if (0..f.values.len()).all(|x| withheld[x] || g.values[x] == f.values[x]) {
            for (k, d) in digits.iter().enumerate() {
                if !seen[k].contains(d) {
                    seen[k].push(*d);
                }
            }
        }
        // Next combination.
        let mut k = 0;
        while k < digits.len() && digits[k] == cap {
            digits[k] = 0;
            k += 1;
        }
        if k == digits.len() {
            break;
        }
        digits[k] += 1;
    }
    seen
}

#[test]
fn the_audit_agrees_with_trying_every_table() {
    let mut rng = StdRng::seed_from_u64(5);
    let mut exposed = 0;
    for _ in 0..150 {
        let (r, c) = (rng.gen_range(1..=2), rng.gen_range(1..=3));
        let cells: Vec<Vec<i64>> = (0..r)
            .map(|_| (0..c).map(|_| rng.gen_range(0..=5)).collect())
            .collect();
        let col_totals = rng.gen_bool(0.5);
        let mut f = Figures::default();
        let t = f.table(&cells, col_totals);
        // Withhold a random pattern (unpublished totals are always unknown).
        let withheld: Vec<bool> = (0..f.values.len())
            .map(|i| !f.published[i] || rng.gen_bool(0.4))
            .collect();
        let cells_withheld = t.cells.iter().flatten().filter(|c| withheld[**c]).count();
        if cells_withheld == 0 || cells_withheld > 3 {
            continue;
        }
        // The grand total is at most 30, so no cell can be more than 31 when anything bounds it.
        let seen = brute_force(&cells, col_totals, &withheld, 31);
        let a = Audit::new(&f.values, &withheld, &f.sums);
        let mut k = 0;
        for row in &t.cells {
            for c in row {
                if !withheld[*c] {
                    continue;
                }
                let values = &seen[k];
                k += 1;
                let safe = values.len() >= 2 && values.iter().any(|v| !small(*v));
                assert_eq!(a.protected(*c), safe, "{cells:?} {withheld:?} {values:?}");
                exposed += usize::from(!safe);
            }
        }
    }
    assert!(exposed > 10, "the cases include exposed cells");
}

#[test]
fn one_elimination_finds_the_same_fixed_unknowns_as_a_rank_test_per_unknown() {
    let mut rng = StdRng::seed_from_u64(21);
    for _ in 0..300 {
        let (m, n) = (rng.gen_range(1..=7), rng.gen_range(1..=8));
        let eqs: Vec<Vec<i64>> = (0..m)
            .map(|_| (0..n).map(|_| rng.gen_range(-1..=1)).collect())
            .collect();
        let fixed = audit::fixed(&eqs, n);
        for (c, f) in fixed.iter().enumerate() {
            let by_rank = audit::rank(&eqs, None) > audit::rank(&eqs, Some(c));
            assert_eq!(*f, by_rank, "{eqs:?} unknown {c}");
        }
    }
}

/// A random pattern of withheld figures over linked tables (unpublished ones always withheld).
fn linked_tables(rng: &mut StdRng, rows: usize) -> Figures {
    let a = random_table(rng, 5, 12);
    let width = a[0].len();
    let totals: Vec<i64> = (0..width).map(|j| a.iter().map(|r| r[j]).sum()).collect();
    // The same column totals split over `rows` rows at random.
    let mut b = vec![vec![0; width]; rows];
    for (j, t) in totals.iter().enumerate() {
        for _ in 0..*t {
            b[rng.gen_range(0..rows)][j] += 1;
        }
    }
    let mut f = Figures::default();
    let ta = f.table(&a, rng.gen_bool(0.7));
    f.table_like(&b, &ta);
    f
}

#[test]
fn a_move_proves_a_figure_safe_only_when_the_exact_audit_agrees() {
    let mut rng = StdRng::seed_from_u64(8);
    let (mut proved, mut withheld_count) = (0, 0);
    for _ in 0..400 {
        let rows = rng.gen_range(1..=4);
        let f = linked_tables(&mut rng, rows);
        let withheld: Vec<bool> = (0..f.values.len())
            .map(|i| !f.published[i] || small(f.values[i]) || rng.gen_bool(0.3))
            .collect();
        let moves = Moves::new(&f.values, withheld.clone(), &f.sums);
        let exact = Audit::new(&f.values, &withheld, &f.sums);
        for i in (0..f.values.len()).filter(|i| withheld[*i]) {
            withheld_count += 1;
            if moves.protected(i).is_some() {
                proved += 1;
                assert!(exact.protected(i), "{:?} {withheld:?} figure {i}", f.values);
            }
        }
    }
    // Moves settle most figures, so the exact audit is rarely needed.
    assert!(proved * 2 > withheld_count, "{proved} of {withheld_count}");
}

#[test]
fn a_check_told_of_each_figure_withheld_answers_as_a_new_one_would() {
    let mut rng = StdRng::seed_from_u64(21);
    for _ in 0..200 {
        let rows = rng.gen_range(1..=4);
        let f = linked_tables(&mut rng, rows);
        let mut withheld: Vec<bool> = (0..f.values.len())
            .map(|i| !f.published[i] || small(f.values[i]))
            .collect();
        let mut told = Check::new(&f.values, withheld.clone(), &f.sums);
        for _ in 0..rng.gen_range(1..6) {
            // Ask first, so audits are kept and must be dropped when their component grows.
            for i in (0..f.values.len()).filter(|i| withheld[*i]) {
                told.protected(i);
            }
            let next = rng.gen_range(0..f.values.len());
            withheld[next] = true;
            told.withhold(next);
            let fresh = Check::new(&f.values, withheld.clone(), &f.sums);
            assert_eq!(told.withheld(), fresh.withheld());
            for i in (0..f.values.len()).filter(|i| withheld[*i]) {
                assert_eq!(
                    told.protected(i),
                    fresh.protected(i),
                    "{:?} figure {i}",
                    f.values
                );
            }
        }
    }
}

#[test]
fn a_national_breakdown_by_host_is_protected_in_one_pass() {
    // 4,000 alumni over 600 host organisations, linked to a breakdown by cohort: far past what
    // the exact audit takes whole, so moves carry it.
    let mut rng = StdRng::seed_from_u64(40);
    let hosts = 600;
    let mut by_host = vec![vec![0i64; 4]; hosts];
    let mut by_cohort = vec![vec![0i64; 4]; 10];
    for _ in 0..4000 {
        let outcome = rng.gen_range(0..4);
        by_host[rng.gen_range(0..hosts)][outcome] += 1;
        by_cohort[rng.gen_range(0..10)][outcome] += 1;
    }
    // Both breakdowns must be of the same people: make the cohort columns sum alike.
    let totals: Vec<i64> = (0..4).map(|j| by_host.iter().map(|r| r[j]).sum()).collect();
    for (j, t) in totals.iter().enumerate() {
        let have: i64 = by_cohort.iter().map(|r| r[j]).sum();
        by_cohort[0][j] += t - have;
        if by_cohort[0][j] < 0 {
            let d = -by_cohort[0][j];
            by_cohort[0][j] = 0;
            by_cohort[1][j] -= d;
        }
    }
    let mut f = Figures::default();
    let first = f.table(&by_cohort, true);
    f.table_like(&by_host, &first);
    let s = f.protect();
    assert!(f.disclosed(&s).is_empty());
    assert!((0..f.values.len()).all(|i| !s.get(i).is_some_and(small)));
    // Withheld beyond the small counts: secondary suppression, not the whole table.
    let primary = (0..f.values.len())
        .filter(|i| f.published[*i] && small(f.values[*i]))
        .count();
    let all = (0..f.values.len())
        .filter(|i| f.published[*i] && s.get(*i).is_none())
        .count();
    let published = (0..f.values.len()).filter(|i| f.published[*i]).count();
    assert!(
        all < published,
        "{all} of {published} withheld ({primary} small)"
    );
}

/// Suppression as first written: after each figure withheld, a new check from the first figure,
/// and the figure to withhold chosen from every member of its sums.
fn protect_plainly(f: &Figures) -> Vec<bool> {
    let mut withheld: Vec<bool> = (0..f.values.len())
        .map(|i| !f.published[i] || small(f.values[i]))
        .collect();
    loop {
        let check = Check::new(&f.values, withheld.clone(), &f.sums);
        let Some(i) =
            (0..f.values.len()).find(|i| f.published[*i] && withheld[*i] && !check.protected(*i))
        else {
            return withheld;
        };
        let shown = |j: &usize| !withheld[*j];
        let mut near: Vec<usize> = f
            .sums
            .iter()
            .filter(|(t, parts)| *t == i || parts.contains(&i))
            .flat_map(|(t, parts)| std::iter::once(*t).chain(parts.iter().copied()))
            .filter(shown)
            .filter(|j| !f.kept[*j])
            .collect();
        if near.is_empty() {
            near = (0..f.values.len())
                .filter(shown)
                .filter(|j| !f.kept[*j])
                .collect();
        }
        if near.is_empty() {
            near = (0..f.values.len()).filter(shown).collect();
        }
        let Some(next) = near.into_iter().min_by_key(|j| f.rank(*j)) else {
            return withheld;
        };
        withheld[next] = true;
    }
}

#[test]
fn suppression_withholds_what_the_plain_loop_withholds() {
    let mut rng = StdRng::seed_from_u64(55);
    for round in 0..300 {
        let mut f = if rng.gen_bool(0.5) {
            let rows = rng.gen_range(1..=6);
            linked_tables(&mut rng, rows)
        } else {
            let cells = random_table(&mut rng, 6, 30);
            let mut f = Figures::default();
            f.table(&cells, rng.gen_bool(0.6));
            f
        };
        // Some figures shown elsewhere, which are withheld only when nothing else will do.
        for i in 0..f.values.len() {
            if rng.gen_bool(0.1) {
                f.keep(i);
            }
        }
        let fast: Vec<bool> = f.protect().0.iter().map(Option::is_none).collect();
        assert_eq!(fast, protect_plainly(&f), "round {round}: {:?}", f.values);
    }
}
