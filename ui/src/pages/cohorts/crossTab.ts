import type { CohortOverview, Profession } from '$lib/api';

export type CrossTab = {
  professions: Profession[];
  rows: { key: string; name: string; counts: number[]; total: number }[];
  totals: number[];
  total: number;
};

/**
 * The host × profession counts as a grid: one row per host organisation on the page (fellows
 * with no host form their own row), one column per profession in the cohort, in the given
 * order of professions. The columns and the totals are the whole cohort's (`by_profession`),
 * so they stay the same on every page of hosts.
 */
export function crossTab(overview: CohortOverview, order: readonly string[]): CrossTab {
  const present = new Set(overview.by_profession.map((c) => c.key));
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
  const totals = professions.map((p) => overview.by_profession.find((c) => c.key === p)?.count ?? 0);
  return { professions, rows: [...rows.values()], totals, total: totals.reduce((a, b) => a + b, 0) };
}
