//! Whether a withheld figure can be worked out from the figures shown. The shown figures turn
//! each sum into a linear equation in the withheld ones. A withheld figure is exposed when:
//! - the equations fix it (its unit vector lies in their row space; exact integer elimination), or
//! - with every count at least 0, the range they leave it (a linear programme, minimised and
//!   maximised by the simplex method) holds a single whole number or only numbers from 1 to 4.
//!
//! For a table with its margins the equations form a network, whose linear programme has whole
//! number corners, so the range is exactly the whole numbers the figure could be.

use super::THRESHOLD;

const EPS: f64 = 1e-9;

pub(super) struct Audit {
    /// Column of each figure among the unknowns, if withheld.
    column: Vec<Option<usize>>,
    /// Which unknowns the equations fix.
    fixed: Vec<bool>,
    lp: Option<Simplex>,
}

impl Audit {
    pub(super) fn new(values: &[i64], withheld: &[bool], sums: &[(usize, Vec<usize>)]) -> Audit {
        let mut column = vec![None; values.len()];
        let mut n = 0;
        for (i, w) in withheld.iter().enumerate() {
            if *w {
                column[i] = Some(n);
                n += 1;
            }
        }
        let mut equations = vec![];
        let mut rhs = vec![];
        for (total, parts) in sums {
            // total - sum(parts) = 0, with the shown figures moved to the right.
            let mut row = vec![0i64; n];
            let mut b = 0i64;
            for (i, sign) in std::iter::once((*total, 1)).chain(parts.iter().map(|p| (*p, -1))) {
                match column[i] {
                    Some(c) => row[c] += sign,
                    None => b -= sign * values[i],
                }
            }
            if row.iter().any(|x| *x != 0) {
                equations.push(row);
                rhs.push(b);
            }
        }
        let lp = Simplex::feasible(&equations, &rhs, n);
        Audit {
            column,
            fixed: fixed(&equations, n),
            lp,
        }
    }

    /// Whether the equations alone fix figure `i`.
    #[cfg(test)]
    pub(super) fn determined(&self, i: usize) -> bool {
        self.column[i].is_some_and(|c| self.fixed[c])
    }

    /// Whether figure `i` (withheld) keeps at least two possible values, not all from 1 to 4.
    pub(super) fn protected(&self, i: usize) -> bool {
        let Some(c) = self.column[i] else {
            return true;
        };
        if self.fixed[c] {
            return false;
        }
        let Some((lo, hi)) = self.range(c) else {
            // The figures shown contradict each other; nothing can be inferred safely.
            return false;
        };
        let several = hi.is_none_or(|h| h > lo);
        let all_small = lo >= 1 && hi.is_some_and(|h| h < THRESHOLD);
        several && !all_small
    }

    /// The whole numbers unknown `c` could be: (least, greatest or None if unbounded).
    pub(super) fn range(&self, c: usize) -> Option<(i64, Option<i64>)> {
        let lp = self.lp.as_ref()?;
        let mut cost = vec![0.0; lp.n];
        cost[c] = 1.0;
        let lo = lp.minimum(&cost)?;
        cost[c] = -1.0;
        let hi = lp.minimum(&cost).map(|m| -m);
        Some((
            (lo - 1e-6).ceil() as i64,
            hi.map(|h| (h + 1e-6).floor() as i64),
        ))
    }
}

/// Which unknowns the equations fix: those whose unit vector lies in their row space, which is
/// when the reduced row echelon form has a row with that unknown alone. Fraction-free
/// elimination over the integers, so exact.
pub(super) fn fixed(equations: &[Vec<i64>], n: usize) -> Vec<bool> {
    let mut m: Vec<Vec<i128>> = equations
        .iter()
        .map(|r| r.iter().map(|x| i128::from(*x)).collect())
        .collect();
    let mut pivots = vec![];
    for col in 0..n {
        let rank = pivots.len();
        let Some(p) = (rank..m.len()).find(|r| m[*r][col] != 0) else {
            continue;
        };
        m.swap(rank, p);
        let pivot = m[rank].clone();
        // Clear the column in every other row, above and below.
        for (r, row) in m.iter_mut().enumerate() {
            if r != rank && row[col] != 0 {
                eliminate(row, &pivot, col);
            }
        }
        pivots.push(col);
    }
    let mut out = vec![false; n];
    for (r, col) in pivots.iter().enumerate() {
        if m[r].iter().enumerate().all(|(j, x)| j == *col || *x == 0) {
            out[*col] = true;
        }
    }
    out
}

/// row := row * pivot[col] - row[col] * pivot, divided by the common factor.
fn eliminate(row: &mut [i128], pivot: &[i128], col: usize) {
    let f = row[col];
    for (x, y) in row.iter_mut().zip(pivot) {
        *x = *x * pivot[col] - f * y;
    }
    let g = row.iter().fold(0i128, |g, x| gcd(g, x.abs()));
    if g > 1 {
        row.iter_mut().for_each(|x| *x /= g);
    }
}

/// Rank by fraction-free elimination over the integers (exact, so over the rationals too).
#[cfg(test)]
pub(super) fn rank(equations: &[Vec<i64>], skip: Option<usize>) -> usize {
    let mut m: Vec<Vec<i128>> = equations
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .filter(|(j, _)| Some(*j) != skip)
                .map(|(_, x)| i128::from(*x))
                .collect()
        })
        .collect();
    let width = m.first().map_or(0, Vec::len);
    let mut rank = 0;
    for col in 0..width {
        let Some(p) = (rank..m.len()).find(|r| m[*r][col] != 0) else {
            continue;
        };
        m.swap(rank, p);
        let pivot = m[rank].clone();
        for row in m.iter_mut().skip(rank + 1) {
            if row[col] != 0 {
                eliminate(row, &pivot, col);
            }
        }
        rank += 1;
    }
    rank
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// A feasible basis for { x >= 0 : A x = b }, found once (phase one) and reused for each
/// objective (phase two). Bland's rule, so it cannot cycle.
struct Simplex {
    n: usize,
    /// Rows of [A | artificials | b].
    rows: Vec<Vec<f64>>,
    basis: Vec<usize>,
}

impl Simplex {
    fn feasible(a: &[Vec<i64>], b: &[i64], n: usize) -> Option<Simplex> {
        let m = a.len();
        let rows = a
            .iter()
            .zip(b)
            .enumerate()
            .map(|(r, (row, rhs))| {
                let sign = if *rhs < 0 { -1.0 } else { 1.0 };
                let mut t: Vec<f64> = row.iter().map(|x| sign * *x as f64).collect();
                t.extend((0..m).map(|k| if k == r { 1.0 } else { 0.0 }));
                t.push(sign * *rhs as f64);
                t
            })
            .collect();
        let mut s = Simplex {
            n,
            rows,
            basis: (n..n + m).collect(),
        };
        let cost: Vec<f64> = (0..n + m).map(|j| if j < n { 0.0 } else { 1.0 }).collect();
        s.run(&cost, n + m);
        if s.value(&cost) > 1e-7 {
            return None;
        }
        // Drive any artificial left in the basis out, or drop its row as redundant.
        let mut r = 0;
        while r < s.rows.len() {
            if s.basis[r] >= n {
                match (0..n).find(|j| s.rows[r][*j].abs() > EPS) {
                    Some(j) => s.pivot(r, j),
                    None => {
                        s.rows.remove(r);
                        s.basis.remove(r);
                        continue;
                    }
                }
            }
            r += 1;
        }
        Some(s)
    }

    /// The least value of cost . x, or None if it has no least value.
    fn minimum(&self, cost: &[f64]) -> Option<f64> {
        let mut s = Simplex {
            n: self.n,
            rows: self.rows.clone(),
            basis: self.basis.clone(),
        };
        let width = self.rows.first().map_or(self.n + 1, Vec::len) - 1;
        let mut full = cost.to_vec();
        full.resize(width, 0.0);
        s.run(&full, self.n).then(|| s.value(&full))
    }

    fn value(&self, cost: &[f64]) -> f64 {
        self.rows
            .iter()
            .zip(&self.basis)
            .map(|(row, b)| cost[*b] * row[row.len() - 1])
            .sum()
    }

    /// Pivots until optimal (true) or unbounded (false); only columns below `enter` may enter.
    fn run(&mut self, cost: &[f64], enter: usize) -> bool {
        loop {
            let entering = (0..enter).find(|j| {
                !self.basis.contains(j)
                    && cost[*j]
                        - self
                            .rows
                            .iter()
                            .zip(&self.basis)
                            .map(|(row, b)| cost[*b] * row[*j])
                            .sum::<f64>()
                        < -EPS
            });
            let Some(j) = entering else {
                return true;
            };
            let mut leave: Option<(usize, f64)> = None;
            for (r, row) in self.rows.iter().enumerate() {
                if row[j] > EPS {
                    let ratio = row[row.len() - 1] / row[j];
                    let better = match leave {
                        None => true,
                        Some((l, best)) => {
                            ratio < best - EPS
                                || (ratio < best + EPS && self.basis[r] < self.basis[l])
                        }
                    };
                    if better {
                        leave = Some((r, ratio));
                    }
                }
            }
            let Some((r, _)) = leave else {
                return false;
            };
            self.pivot(r, j);
        }
    }

    fn pivot(&mut self, r: usize, j: usize) {
        let p = self.rows[r][j];
        self.rows[r].iter_mut().for_each(|x| *x /= p);
        let pivot = self.rows[r].clone();
        for (k, row) in self.rows.iter_mut().enumerate() {
            if k != r && row[j].abs() > EPS {
                let f = row[j];
                for (x, y) in row.iter_mut().zip(&pivot) {
                    *x -= f * y;
                }
            }
        }
        self.basis[r] = j;
    }
}
