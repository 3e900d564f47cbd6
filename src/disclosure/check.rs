//! Whether each withheld figure is safe, fast enough for a national programme's tables.
//!
//! First a move (`moves`): cheap, and a proof when found. Failing that, the exact audit
//! (`audit`), run only over the withheld figures tied to this one by some sum (its component),
//! since sums over other figures say nothing about it. A component too large for the exact
//! audit counts the figure as exposed, so one more figure is withheld: a large table may
//! withhold a little more than the least needed, never less.

use std::cell::RefCell;
use std::collections::HashMap;

use super::audit::Audit;
use super::moves::Moves;

/// The most withheld figures the exact audit takes at once (its linear programmes are dense).
const EXACT_LIMIT: usize = 160;

pub(super) struct Check<'a> {
    values: &'a [i64],
    sums: &'a [(usize, Vec<usize>)],
    moves: Moves<'a>,
    /// Withheld figures joined by sums (union-find): each figure's parent, and each root's size
    /// in withheld figures.
    parent: Vec<usize>,
    size: Vec<usize>,
    /// Exact audits by component root, dropped when their component grows.
    exact: RefCell<HashMap<usize, Audit>>,
}

impl<'a> Check<'a> {
    pub(super) fn new(
        values: &'a [i64],
        withheld: Vec<bool>,
        sums: &'a [(usize, Vec<usize>)],
    ) -> Check<'a> {
        let size = withheld.iter().map(|w| usize::from(*w)).collect();
        let mut check = Check {
            values,
            sums,
            moves: Moves::new(values, withheld, sums),
            parent: (0..values.len()).collect(),
            size,
            exact: RefCell::new(HashMap::new()),
        };
        for s in 0..sums.len() {
            check.join_withheld_in(s, None);
        }
        check
    }

    pub(super) fn withheld(&self) -> &[bool] {
        self.moves.withheld()
    }

    /// Each sum figure `f` lies in.
    pub(super) fn sums_of(&self, f: usize) -> impl Iterator<Item = usize> + '_ {
        self.moves.sums_of(f).iter().map(|(s, _)| *s)
    }

    /// Withholds one more figure, updating what depends on it rather than starting again: the
    /// answers are the same as a new `Check` would give (what it depends on is kept exactly).
    pub(super) fn withhold(&mut self, f: usize) {
        if self.withheld()[f] {
            return;
        }
        self.moves.withhold(f);
        self.size[f] = 1;
        let sums: Vec<usize> = self.sums_of(f).collect();
        for s in sums {
            self.join_withheld_in(s, Some(f));
        }
    }

    /// Joins the withheld figures of sum `s` into one component (all of them, or only `f` to
    /// the rest when `f` is newly withheld), dropping the audits of components that grew.
    fn join_withheld_in(&mut self, s: usize, f: Option<usize>) {
        let (total, parts) = &self.sums[s];
        let withheld = self.moves.withheld();
        let mut members = std::iter::once(*total)
            .chain(parts.iter().copied())
            .filter(|m| withheld[*m]);
        // The sum's other withheld figures are one component already: a figure newly withheld
        // joins it through any one of them (a column of thousands is not walked for each).
        let members: Vec<usize> = match f {
            Some(f) => members.find(|m| *m != f).into_iter().collect(),
            None => members.collect(),
        };
        let Some(first) = f.or(members.first().copied()) else {
            return;
        };
        for m in members {
            let (a, b) = (self.root(first), self.root(m));
            if a == b {
                continue;
            }
            let exact = self.exact.get_mut();
            exact.remove(&a);
            exact.remove(&b);
            // The larger keeps its root, so roots stay few steps away.
            let (big, small) = if self.size[a] >= self.size[b] {
                (a, b)
            } else {
                (b, a)
            };
            self.parent[small] = big;
            self.size[big] += self.size[small];
        }
    }

    fn root(&self, mut f: usize) -> usize {
        while self.parent[f] != f {
            f = self.parent[f];
        }
        f
    }

    /// Whether withheld figure `i` keeps at least two possible values, not all from 1 to 4.
    pub(super) fn protected(&self, i: usize) -> bool {
        if self.moves.protected(i).is_some() {
            return true;
        }
        let c = self.root(i);
        if self.size[c] > EXACT_LIMIT {
            return false;
        }
        let mut exact = self.exact.borrow_mut();
        let audit = exact.entry(c).or_insert_with(|| {
            let withheld = self.withheld();
            let only: Vec<bool> = (0..self.values.len())
                .map(|f| withheld[f] && self.root(f) == c)
                .collect();
            Audit::new(self.values, &only, self.sums)
        });
        audit.protected(i)
    }
}
