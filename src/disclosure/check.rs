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
    withheld: &'a [bool],
    sums: &'a [(usize, Vec<usize>)],
    moves: Moves<'a>,
    /// Each withheld figure's component (a representative figure), and each component's size.
    component: Vec<usize>,
    size: HashMap<usize, usize>,
    exact: RefCell<HashMap<usize, Audit>>,
}

impl<'a> Check<'a> {
    pub(super) fn new(
        values: &'a [i64],
        withheld: &'a [bool],
        sums: &'a [(usize, Vec<usize>)],
    ) -> Check<'a> {
        let mut parent: Vec<usize> = (0..values.len()).collect();
        for (total, parts) in sums {
            let mut members = std::iter::once(total)
                .chain(parts)
                .copied()
                .filter(|f| withheld[*f]);
            if let Some(first) = members.next() {
                for m in members {
                    let (a, b) = (root(&mut parent, first), root(&mut parent, m));
                    parent[a] = b;
                }
            }
        }
        let component: Vec<usize> = (0..values.len()).map(|f| root(&mut parent, f)).collect();
        let mut size = HashMap::new();
        for f in (0..values.len()).filter(|f| withheld[*f]) {
            *size.entry(component[f]).or_insert(0) += 1;
        }
        Check {
            values,
            withheld,
            sums,
            moves: Moves::new(values, withheld, sums),
            component,
            size,
            exact: RefCell::new(HashMap::new()),
        }
    }

    /// Whether withheld figure `i` keeps at least two possible values, not all from 1 to 4.
    pub(super) fn protected(&self, i: usize) -> bool {
        if self.moves.protected(i).is_some() {
            return true;
        }
        let c = self.component[i];
        if self.size[&c] > EXACT_LIMIT {
            return false;
        }
        let mut exact = self.exact.borrow_mut();
        let audit = exact.entry(c).or_insert_with(|| {
            let only: Vec<bool> = (0..self.values.len())
                .map(|f| self.withheld[f] && self.component[f] == c)
                .collect();
            Audit::new(self.values, &only, self.sums)
        });
        audit.protected(i)
    }
}

fn root(parent: &mut [usize], mut f: usize) -> usize {
    while parent[f] != f {
        parent[f] = parent[parent[f]];
        f = parent[f];
    }
    f
}
