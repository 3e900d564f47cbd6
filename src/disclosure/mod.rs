//! Statistical disclosure control for every figure shared outside faculty (the outcomes
//! dashboard prepared for sharing, the annual report, the cohort 360 report).
//!
//! The rule is the small-number suppression of NHS Digital's statistical disclosure control
//! guidance for published health statistics, done as ONS describes for tables from
//! administrative sources:
//! - primary suppression: any count from 1 to 4, in a cell or in a total, is withheld (0 and 5
//!   or more may be shown);
//! - secondary suppression: while a withheld figure could still be worked out from what is
//!   shown, the next smallest figure in the same row or column is withheld too (cells before
//!   totals, non-zero before zero, since a withheld zero hides nothing).
//!
//! "Worked out" is checked exactly rather than by rule of thumb, over every row, column and total
//! and any combination of them (see `audit`). A withheld figure is safe when the figures shown
//! leave it at least two possible values, and those do not all lie in 1 to 4: knowing that "one
//! to three alumni abandoned their challenge" already says that someone did.
//!
//! A domain room: uses the base, `db`, `auth`, `programme`, `mail` and `accounts`, and other
//! domain rooms without a loop (tests/architecture.rs).

mod audit;
mod check;
mod moves;
#[cfg(test)]
mod tests;

/// The fewest people a shown figure may be about (0 aside).
pub const THRESHOLD: i64 = 5;

/// A count from 1 to 4: never shown.
pub fn small(n: i64) -> bool {
    (1..THRESHOLD).contains(&n)
}

/// Figures meant for publication, and the sums that tie them together (a total is the sum of
/// its parts). Figures that are not published themselves but are implied (a hidden total) are
/// added as unpublished: they count as unknown and need no protection of their own.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    values: Vec<i64>,
    published: Vec<bool>,
    total: Vec<bool>,
    /// Shown as it is elsewhere (another table or report), so never withheld to protect another.
    kept: Vec<bool>,
    sums: Vec<(usize, Vec<usize>)>,
}

/// Where a table's figures sit in its `Figures`.
#[derive(Debug, Clone)]
pub struct TableIds {
    pub cells: Vec<Vec<usize>>,
    pub row_totals: Vec<usize>,
    pub col_totals: Vec<usize>,
    pub grand: usize,
}

/// What may be shown: each figure, or None where it is withheld.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown(Vec<Option<i64>>);

impl Shown {
    pub fn get(&self, id: usize) -> Option<i64> {
        self.0[id]
    }
}

/// A table's figures as they may be shown: None where withheld.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownTable {
    pub cells: Vec<Vec<Option<i64>>>,
    pub row_totals: Vec<Option<i64>>,
    pub col_totals: Vec<Option<i64>>,
    pub grand: Option<i64>,
}

impl TableIds {
    pub fn read(&self, s: &Shown) -> ShownTable {
        ShownTable {
            cells: self
                .cells
                .iter()
                .map(|r| r.iter().map(|c| s.get(*c)).collect())
                .collect(),
            row_totals: self.row_totals.iter().map(|c| s.get(*c)).collect(),
            col_totals: self.col_totals.iter().map(|c| s.get(*c)).collect(),
            grand: s.get(self.grand),
        }
    }
}

/// One table of counts with its row totals (and column totals if `col_totals`): controlled when
/// it is for sharing, exact for faculty's own use.
pub fn table(for_sharing: bool, cells: &[Vec<i64>], col_totals: bool) -> ShownTable {
    let mut f = Figures::default();
    let ids = f.table(cells, col_totals);
    let shown = if for_sharing { f.protect() } else { f.exact() };
    ids.read(&shown)
}

/// A share for sharing, as a whole percentage: withheld with its count, or from a small whole.
pub fn percent(part: Option<i64>, whole: Option<i64>) -> Option<i64> {
    match (part, whole) {
        (Some(p), Some(w)) if w >= THRESHOLD => Some((p * 100 + w / 2) / w),
        _ => None,
    }
}

impl Figures {
    /// Adds one figure; `published` says whether it is meant to be shown.
    pub fn figure(&mut self, value: i64, published: bool) -> usize {
        self.values.push(value);
        self.published.push(published);
        self.total.push(false);
        self.kept.push(false);
        self.values.len() - 1
    }

    /// Marks a figure that another publication shows as it is (unless it is small): withholding it
    /// here would protect nothing, so secondary suppression looks elsewhere.
    pub fn keep(&mut self, id: usize) {
        self.kept[id] = true;
    }

    /// Ties a total to its parts.
    pub fn sum(&mut self, total: usize, parts: Vec<usize>) {
        self.total[total] = true;
        self.sums.push((total, parts));
    }

    /// A table of counts with its row totals (always published: each row's "answered" or
    /// "due"), and its column totals and grand total, published or not.
    pub fn table(&mut self, cells: &[Vec<i64>], col_totals: bool) -> TableIds {
        let width = cells.first().map_or(0, Vec::len);
        let cols: Vec<usize> = (0..width)
            .map(|j| self.figure(cells.iter().map(|r| r[j]).sum(), col_totals))
            .collect();
        let grand = self.figure(cells.iter().flatten().sum(), col_totals);
        self.sum(grand, cols.clone());
        self.rows_under(cells, cols, grand)
    }

    /// Another breakdown of the same people as `like` (say by host rather than by cohort): its
    /// column totals and grand total are the same figures, so they are shared, not repeated.
    pub fn table_like(&mut self, cells: &[Vec<i64>], like: &TableIds) -> TableIds {
        self.rows_under(cells, like.col_totals.clone(), like.grand)
    }

    fn rows_under(&mut self, cells: &[Vec<i64>], cols: Vec<usize>, grand: usize) -> TableIds {
        let ids: Vec<Vec<usize>> = cells
            .iter()
            .map(|r| r.iter().map(|v| self.figure(*v, true)).collect())
            .collect();
        let rows: Vec<usize> = cells
            .iter()
            .map(|r| self.figure(r.iter().sum(), true))
            .collect();
        for (i, r) in rows.iter().enumerate() {
            self.sum(*r, ids[i].clone());
        }
        for (j, c) in cols.iter().enumerate() {
            debug_assert_eq!(
                self.values[*c],
                ids.iter().map(|r| self.values[r[j]]).sum::<i64>()
            );
            self.sum(*c, ids.iter().map(|r| r[j]).collect());
        }
        self.sum(grand, rows.clone());
        TableIds {
            cells: ids,
            row_totals: rows,
            col_totals: cols,
            grand,
        }
    }

    /// Every figure as it is, for faculty's own use.
    pub fn exact(&self) -> Shown {
        Shown(self.values.iter().map(|v| Some(*v)).collect())
    }

    /// Primary, then secondary suppression until nothing withheld can be worked out.
    pub fn protect(&self) -> Shown {
        let withheld: Vec<bool> = (0..self.values.len())
            .map(|i| !self.published[i] || small(self.values[i]))
            .collect();
        // One check, told of each figure withheld as it goes: rebuilding it for every one made
        // a national breakdown (thousands of hosts) take seconds.
        let mut check = check::Check::new(&self.values, withheld, &self.sums);
        // Withholding more only widens what a withheld figure could be, so one found safe stays
        // safe and is not checked again, and the figures before the first exposed one stay
        // safe: the next look starts there (or at the figure just withheld, if that comes
        // earlier), not at the first figure.
        let mut safe = vec![false; self.values.len()];
        let mut nearest = Nearest::new(self.sums.len());
        let mut from = 0;
        loop {
            let exposed = (from..self.values.len()).find(|i| {
                if !self.published[*i] || !check.withheld()[*i] || safe[*i] {
                    return false;
                }
                safe[*i] = check.protected(*i);
                !safe[*i]
            });
            let Some((i, next)) =
                exposed.and_then(|i| Some((i, self.next_to_withhold(i, &check, &mut nearest)?)))
            else {
                break;
            };
            check.withhold(next);
            from = i.min(next);
        }
        Shown(
            self.values
                .iter()
                .zip(check.withheld())
                .map(|(v, w)| (!w).then_some(*v))
                .collect(),
        )
    }

    /// The published figures withheld in `shown` that can still be worked out from it.
    pub fn disclosed(&self, shown: &Shown) -> Vec<usize> {
        let withheld: Vec<bool> = shown.0.iter().map(Option::is_none).collect();
        let check = check::Check::new(&self.values, withheld, &self.sums);
        (0..self.values.len())
            .filter(|i| self.published[*i] && check.withheld()[*i] && !check.protected(*i))
            .collect()
    }

    /// The smallest figure shown alongside `i` in a row, column or total: a cell before a total,
    /// non-zero before zero, and never a kept one while another will do. Failing that, the
    /// smallest figure shown anywhere.
    fn next_to_withhold(
        &self,
        i: usize,
        check: &check::Check,
        nearest: &mut Nearest,
    ) -> Option<usize> {
        let withheld = check.withheld();
        let near = check
            .sums_of(i)
            .filter_map(|s| nearest.first_shown(self, s, withheld))
            .min_by_key(|j| self.rank(*j));
        near.or_else(|| {
            (0..self.values.len())
                .filter(|j| !withheld[*j] && !self.kept[*j])
                .min_by_key(|j| self.rank(*j))
        })
        .or_else(|| {
            (0..self.values.len())
                .filter(|j| !withheld[*j])
                .min_by_key(|j| self.rank(*j))
        })
    }

    /// The order secondary suppression takes figures in: cells before totals, non-zero before
    /// zero, smallest first.
    fn rank(&self, j: usize) -> (bool, bool, i64, usize) {
        (self.total[j], self.values[j] == 0, self.values[j], j)
    }
}

/// Each sum's members that may be withheld to protect another (all but kept ones), in `rank`
/// order, sorted when first asked for. Withholding only ever adds, so a sum's first member
/// still shown is found by moving on from the last one found, never by looking again from the
/// start: a column of thousands of hosts is sorted once, not walked for each figure withheld.
struct Nearest {
    order: Vec<Option<Vec<usize>>>,
    start: Vec<usize>,
}

impl Nearest {
    fn new(sums: usize) -> Nearest {
        Nearest {
            order: vec![None; sums],
            start: vec![0; sums],
        }
    }

    fn first_shown(&mut self, f: &Figures, s: usize, withheld: &[bool]) -> Option<usize> {
        let order = self.order[s].get_or_insert_with(|| {
            let (total, parts) = &f.sums[s];
            let mut members: Vec<usize> = std::iter::once(*total)
                .chain(parts.iter().copied())
                .filter(|j| !f.kept[*j])
                .collect();
            members.sort_by_key(|j| f.rank(*j));
            members
        });
        let at = &mut self.start[s];
        while order.get(*at).is_some_and(|j| withheld[*j]) {
            *at += 1;
        }
        order.get(*at).copied()
    }
}
