import type { CohortOverview, Profession } from '$lib/api';

export type CrossTab = {
  professions: Profession[];
  rows: { key: string; name: string; counts: number[]; total: number }[];
  totals: number[];
  total: number;
};

/**
 * The host × profession counts as a grid: one row per host organisation (fellows with no
 * host form their own row), one column per profession present in the cohort, in the given
 * order of professions, with totals.
 */
export function crossTab(overview: CohortOverview, order: readonly string[]): CrossTab {
  const present = new Set(overview.by_host_profession.map((c) => c.profession));
  const professions = [
    ...order.filter((p): p is Profession => present.has(p as Profession)),
    ...[...present].filter((p) => !order.includes(p)),
  ];
  const rows = new Map<string, { key: string; name: string; counts: number[]; total: number }>();
  for (const c of overview.by_host_profession) {
    const key = c.host_id === null ? 'none' : String(c.host_id);
    let row = rows.get(key);
    if (!row) {
      row = { key, name: c.host_name, counts: professions.map(() => 0), total: 0 };
      rows.set(key, row);
    }
    row.counts[professions.indexOf(c.profession)] += c.count;
    row.total += c.count;
  }
  const list = [...rows.values()];
  const totals = professions.map((_, i) => list.reduce((sum, r) => sum + r.counts[i], 0));
  return { professions, rows: list, totals, total: totals.reduce((a, b) => a + b, 0) };
}
