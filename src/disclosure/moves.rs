//! A quick proof that a withheld figure is safe: a move. Changing withheld figures along a cycle
//! of sums (in a table, a rectangle or longer alternating loop of cells) keeps every sum true,
//! so whoever sees the shown figures cannot tell the true table from the moved one. If a move
//! takes the figure to 0 or to 5 or more (or, for a figure outside 1 to 4, anywhere else), the
//! figure keeps the two values the audit asks for.
//!
//! Each move is found by a breadth-first walk over the sums (one walk per direction asked), then
//! checked against every sum it touches, so a wrong walk can only fail to prove, never prove
//! wrongly. Finding no move proves nothing: the exact audit decides then.

use std::collections::{HashMap, VecDeque};

use super::THRESHOLD;

pub(super) struct Moves<'a> {
    values: &'a [i64],
    withheld: Vec<bool>,
    sums: &'a [(usize, Vec<usize>)],
    /// Each figure's sums, with its sign there (+1 as the total, -1 as a part).
    incidence: Vec<Vec<(usize, i64)>>,
    /// Each sum's withheld figures that lie in one or two sums: the steps a walk may take.
    steps: Vec<Vec<usize>>,
}

impl<'a> Moves<'a> {
    pub(super) fn new(
        values: &'a [i64],
        withheld: Vec<bool>,
        sums: &'a [(usize, Vec<usize>)],
    ) -> Moves<'a> {
        let mut incidence = vec![vec![]; values.len()];
        for (s, (total, parts)) in sums.iter().enumerate() {
            incidence[*total].push((s, 1));
            parts.iter().for_each(|p| incidence[*p].push((s, -1)));
        }
        let mut moves = Moves {
            values,
            withheld,
            sums,
            incidence,
            steps: vec![],
        };
        moves.steps = (0..sums.len()).map(|s| moves.steps_in(s)).collect();
        moves
    }

    /// The withheld figures of sum `s` a walk may step over, in the sum's order.
    fn steps_in(&self, s: usize) -> Vec<usize> {
        let (total, parts) = &self.sums[s];
        std::iter::once(*total)
            .chain(parts.iter().copied())
            .filter(|f| self.withheld[*f] && self.incidence[*f].len() <= 2)
            .collect()
    }

    pub(super) fn withheld(&self) -> &[bool] {
        &self.withheld
    }

    /// Each sum figure `f` lies in (with its sign there).
    pub(super) fn sums_of(&self, f: usize) -> &[(usize, i64)] {
        &self.incidence[f]
    }

    /// Withholds one more figure: only its own sums' steps change, so the rest is not rebuilt.
    pub(super) fn withhold(&mut self, f: usize) {
        self.withheld[f] = true;
        let sums: Vec<usize> = self.incidence[f].iter().map(|(s, _)| *s).collect();
        for s in sums {
            self.steps[s] = self.steps_in(s);
        }
    }

    /// Whether figure `c` (withheld) is shown safe by a move: Some(true) if so, None if no move
    /// was found.
    pub(super) fn protected(&self, c: usize) -> Option<bool> {
        if self.incidence[c].is_empty() {
            // In no sum at all: nothing bounds it.
            return Some(true);
        }
        let v = self.values[c];
        let proved = if v == 0 {
            self.shift(c, 1, 1)
        } else if v >= THRESHOLD {
            self.shift(c, 1, 1) || self.shift(c, -1, 1)
        } else {
            self.shift(c, -1, v) || self.shift(c, 1, THRESHOLD - v)
        };
        proved.then_some(true)
    }

    /// Whether some move changes `c` by `sign` times each of 1 to `k` with every figure
    /// staying at least 0.
    fn shift(&self, c: usize, sign: i64, k: i64) -> bool {
        if sign < 0 && self.values[c] < k {
            return false;
        }
        let (start, target) = match self.incidence[c][..] {
            // The walk leaves c's sum and must end at a figure in no other sum.
            [(a, ca)] => ((a, ca * sign), None),
            // The walk leaves c's first sum and must come back to its second, cancelling c there.
            [(a, ca), (b, cb)] => ((a, ca * sign), Some((b, -cb * sign))),
            _ => return false,
        };
        let key = |(s, r): (usize, i64)| s * 2 + usize::from(r > 0);
        // For each state reached: the state it was reached from, and the figure stepped over.
        let mut came: Vec<Option<(usize, usize)>> = vec![None; self.sums.len() * 2];
        let mut queue = VecDeque::from([start]);
        let mut seen = vec![false; self.sums.len() * 2];
        seen[key(start)] = true;
        let mut end = None;
        'walk: while let Some((s, r)) = queue.pop_front() {
            for g in &self.steps[s] {
                let g = *g;
                if g == c {
                    continue;
                }
                let here = self.sign_in(g, s);
                // g cancels what is owed at s.
                let d = -r * here;
                if d < 0 && self.values[g] < k {
                    continue;
                }
                let next = match self.incidence[g][..] {
                    [_] if target.is_none() => {
                        end = Some((key((s, r)), g));
                        break 'walk;
                    }
                    [(x, cx), (y, cy)] => {
                        if x == s {
                            (y, cy * d)
                        } else {
                            (x, cx * d)
                        }
                    }
                    _ => continue,
                };
                if seen[key(next)] {
                    continue;
                }
                seen[key(next)] = true;
                came[key(next)] = Some((key((s, r)), g));
                if Some(next) == target {
                    end = Some((key(next), usize::MAX));
                    break 'walk;
                }
                queue.push_back(next);
            }
        }
        let Some((mut at, last)) = end else {
            return false;
        };
        // Rebuild the move from the walk: each step's figure with the change it takes.
        let mut figures = vec![c];
        if last != usize::MAX {
            figures.push(last);
        }
        while let Some((from, g)) = came[at] {
            figures.push(g);
            at = from;
        }
        self.verified(c, sign, &figures) >= k
    }

    /// The move through `figures` (c first, changing by `sign`), checked against every sum it
    /// touches: how far it may go with every figure staying at least 0, or 0 if it is not a move.
    fn verified(&self, c: usize, sign: i64, figures: &[usize]) -> i64 {
        // Recover each change by walking the sums again: a figure's change cancels the rest of
        // its sum, so solve the touched sums in turn until nothing new is learned.
        let mut d: HashMap<usize, i64> = HashMap::from([(c, sign)]);
        let touched: Vec<usize> = figures
            .iter()
            .flat_map(|f| self.incidence[*f].iter().map(|(s, _)| *s))
            .collect();
        let on_walk = |f: &usize| figures.contains(f);
        loop {
            let mut learned = false;
            for s in &touched {
                let (total, parts) = &self.sums[*s];
                let members: Vec<usize> = std::iter::once(*total)
                    .chain(parts.iter().copied())
                    .filter(on_walk)
                    .collect();
                let unknown: Vec<&usize> = members.iter().filter(|f| !d.contains_key(f)).collect();
                if let [u] = unknown[..] {
                    let rest: i64 = members
                        .iter()
                        .filter_map(|f| d.get(f).map(|x| x * self.sign_in(*f, *s)))
                        .sum();
                    d.insert(*u, -rest * self.sign_in(*u, *s));
                    learned = true;
                }
            }
            if !learned {
                break;
            }
        }
        let balanced = touched.iter().all(|s| {
            let (total, parts) = &self.sums[*s];
            std::iter::once(*total)
                .chain(parts.iter().copied())
                .map(|f| d.get(&f).map_or(0, |x| x * self.sign_in(f, *s)))
                .sum::<i64>()
                == 0
        });
        if !balanced
            || figures
                .iter()
                .any(|f| !self.withheld[*f] || !d.contains_key(f))
        {
            return 0;
        }
        d.iter()
            .filter(|(_, x)| **x < 0)
            .map(|(f, x)| self.values[*f] / -x)
            .min()
            .unwrap_or(i64::MAX)
    }

    fn sign_in(&self, f: usize, s: usize) -> i64 {
        self.incidence[f]
            .iter()
            .find(|(x, _)| *x == s)
            .map_or(0, |(_, c)| *c)
    }
}
