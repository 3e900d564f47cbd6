//! A quick proof that a withheld figure is safe: a move. Changing withheld figures along a cycle
//! of sums (in a table, a rectangle or longer alternating loop of cells) keeps every sum true,
//! so whoever sees the shown figures cannot tell the true table from the moved one. If a move
//! takes the figure to 0 or to 5 or more (or, for a figure outside 1 to 4, anywhere else), the
//! figure keeps the two values the audit asks for.
//!
//! Each move is found by a breadth-first walk over the sums (one walk per direction asked), then
//! checked against every sum it touches, so a wrong walk can only fail to prove, never prove
//! wrongly. Finding no move proves nothing: the exact audit decides then.

use std::cell::RefCell;
use std::collections::VecDeque;

use super::THRESHOLD;

pub(super) struct Moves<'a> {
    values: &'a [i64],
    withheld: Vec<bool>,
    sums: &'a [(usize, Vec<usize>)],
    /// Each figure's sums, with its sign there (+1 as the total, -1 as a part).
    incidence: Vec<Vec<(usize, i64)>>,
    /// Each figure's place in each of its sums (as `incidence`): 0 as the total, then the parts.
    places: Vec<Vec<usize>>,
    /// Each sum's withheld figures that lie in one or two sums: the steps a walk may take.
    steps: Vec<Vec<usize>>,
    scratch: RefCell<Scratch>,
}

/// A walk's working memory, kept between walks.
#[derive(Default)]
struct Scratch {
    came: Vec<Option<(usize, usize)>>,
    seen: Vec<bool>,
    /// The states this walk marked, to clear before the next.
    reached: Vec<usize>,
}

impl<'a> Moves<'a> {
    pub(super) fn new(
        values: &'a [i64],
        withheld: Vec<bool>,
        sums: &'a [(usize, Vec<usize>)],
    ) -> Moves<'a> {
        let mut incidence = vec![vec![]; values.len()];
        let mut places = vec![vec![]; values.len()];
        for (s, (total, parts)) in sums.iter().enumerate() {
            incidence[*total].push((s, 1));
            places[*total].push(0);
            for (i, p) in parts.iter().enumerate() {
                incidence[*p].push((s, -1));
                places[*p].push(i + 1);
            }
        }
        let mut moves = Moves {
            values,
            withheld,
            sums,
            incidence,
            places,
            steps: vec![],
            scratch: RefCell::default(),
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

    /// Withholds one more figure: it becomes a step of its own sums, put in its place there (a
    /// column of thousands is not rebuilt for each figure withheld).
    pub(super) fn withhold(&mut self, f: usize) {
        if self.withheld[f] {
            return;
        }
        self.withheld[f] = true;
        if self.incidence[f].len() > 2 {
            return;
        }
        for k in 0..self.incidence[f].len() {
            let (s, place) = (self.incidence[f][k].0, self.places[f][k]);
            let at = self.steps[s].partition_point(|m| self.place_in(*m, s) < place);
            self.steps[s].insert(at, f);
        }
    }

    /// Figure `f`'s place in sum `s`.
    fn place_in(&self, f: usize, s: usize) -> usize {
        self.incidence[f]
            .iter()
            .position(|(x, _)| *x == s)
            .map_or(0, |k| self.places[f][k])
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
        // A walk that looks a step ahead from short sums ends as soon as it can: from a cell's
        // column of thousands of hosts, the first row that closes the rectangle, not every row
        // of the column first. Should its move not prove `c` (a figure met twice), the plain
        // walk is taken as before, so looking ahead never loses a proof.
        match self.walk(c, sign, k, true) {
            Some((figures, true)) if self.verified(c, sign, &figures) >= k => true,
            Some((_, true)) => self
                .walk(c, sign, k, false)
                .is_some_and(|(figures, _)| self.verified(c, sign, &figures) >= k),
            Some((figures, false)) => self.verified(c, sign, &figures) >= k,
            None => false,
        }
    }

    /// A breadth-first walk for a move of `c`: its figures (c first), and whether it ended by
    /// looking ahead; None if there is none.
    fn walk(&self, c: usize, sign: i64, k: i64, look_ahead: bool) -> Option<(Vec<usize>, bool)> {
        let (start, target) = match self.incidence[c][..] {
            // The walk leaves c's sum and must end at a figure in no other sum.
            [(a, ca)] => ((a, ca * sign), None),
            // The walk leaves c's first sum and must come back to its second, cancelling c there.
            [(a, ca), (b, cb)] => ((a, ca * sign), Some((b, -cb * sign))),
            _ => return None,
        };
        let key = |(s, r): (usize, i64)| s * 2 + usize::from(r > 0);
        // For each state reached: the state it was reached from, and the figure stepped over.
        // Kept between walks and cleared where this walk went, as a walk often goes a few steps
        // in a graph of thousands of sums.
        let mut scratch = self.scratch.borrow_mut();
        let Scratch {
            came,
            seen,
            reached,
        } = &mut *scratch;
        if came.len() != self.sums.len() * 2 {
            *came = vec![None; self.sums.len() * 2];
            *seen = vec![false; self.sums.len() * 2];
        }
        for k in reached.drain(..) {
            came[k] = None;
            seen[k] = false;
        }
        let mut queue = VecDeque::from([start]);
        seen[key(start)] = true;
        reached.push(key(start));
        let mut end = None;
        let mut ahead = false;
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
                reached.push(key(next));
                came[key(next)] = Some((key((s, r)), g));
                if Some(next) == target {
                    end = Some((key(next), usize::MAX));
                    break 'walk;
                }
                if let Some(t) = target.filter(|_| look_ahead) {
                    if let Some(g2) = self.closes(c, g, next, t, k) {
                        seen[key(t)] = true;
                        reached.push(key(t));
                        came[key(t)] = Some((key(next), g2));
                        end = Some((key(t), usize::MAX));
                        ahead = true;
                        break 'walk;
                    }
                }
                queue.push_back(next);
            }
        }
        let (mut at, last) = end?;
        // Rebuild the move from the walk: each step's figure with the change it takes.
        let mut figures = vec![c];
        if last != usize::MAX {
            figures.push(last);
        }
        while let Some((from, g)) = came[at] {
            figures.push(g);
            at = from;
        }
        Some((figures, ahead))
    }

    /// Looking ahead from state `(s, r)`, reached over `g`: a figure of short sum `s` that takes
    /// the walk to `target` in one more step.
    fn closes(
        &self,
        c: usize,
        g: usize,
        (s, r): (usize, i64),
        target: (usize, i64),
        k: i64,
    ) -> Option<usize> {
        /// Sums longer than this are not looked into: the look would cost what it saves.
        const SHORT: usize = 8;
        if self.steps[s].len() > SHORT {
            return None;
        }
        self.steps[s].iter().copied().find(|g2| {
            let d = -r * self.sign_in(*g2, s);
            if *g2 == c || *g2 == g || (d < 0 && self.values[*g2] < k) {
                return false;
            }
            match self.incidence[*g2][..] {
                [(x, cx), (y, cy)] => {
                    let next = if x == s { (y, cy * d) } else { (x, cx * d) };
                    next == target
                }
                _ => false,
            }
        })
    }

    /// The move through `figures` (c first, changing by `sign`), checked against every sum it
    /// touches: how far it may go with every figure staying at least 0, or 0 if it is not a move.
    fn verified(&self, c: usize, sign: i64, figures: &[usize]) -> i64 {
        // The walk's figures once each (c first), and each touched sum with the walk's figures
        // in it (by position) and their signs there: a walk is short, its sums may be long (a
        // column of thousands of hosts), so only the walk's own figures are visited.
        let mut walk: Vec<usize> = Vec::with_capacity(figures.len());
        for f in figures {
            if !walk.contains(f) {
                walk.push(*f);
            }
        }
        debug_assert_eq!(walk.first(), Some(&c));
        let mut touched: Vec<(usize, Vec<(usize, i64)>)> = vec![];
        for (k, f) in walk.iter().enumerate() {
            for (s, at) in &self.incidence[*f] {
                match touched.iter_mut().find(|(x, _)| x == s) {
                    Some((_, on)) => on.push((k, *at)),
                    None => touched.push((*s, vec![(k, *at)])),
                }
            }
        }
        // Recover each change by walking the sums again: a figure's change cancels the rest of
        // its sum, so solve the touched sums in turn until nothing new is learned.
        let mut d: Vec<Option<i64>> = vec![None; walk.len()];
        d[0] = Some(sign);
        loop {
            let mut learned = false;
            for (_, on) in &touched {
                let mut unknown = on.iter().filter(|(k, _)| d[*k].is_none());
                if let (Some((u, at_u)), None) = (unknown.next(), unknown.next()) {
                    let rest: i64 = on.iter().filter_map(|(k, at)| d[*k].map(|x| x * at)).sum();
                    d[*u] = Some(-rest * at_u);
                    learned = true;
                }
            }
            if !learned {
                break;
            }
        }
        let balanced = touched.iter().all(|(_, on)| {
            on.iter()
                .map(|(k, at)| d[*k].unwrap_or(0) * at)
                .sum::<i64>()
                == 0
        });
        if !balanced
            || walk
                .iter()
                .zip(&d)
                .any(|(f, x)| !self.withheld[*f] || x.is_none())
        {
            return 0;
        }
        walk.iter()
            .zip(&d)
            .filter_map(|(f, x)| x.filter(|x| *x < 0).map(|x| self.values[*f] / -x))
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
