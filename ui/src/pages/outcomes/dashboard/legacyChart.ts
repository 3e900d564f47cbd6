// Challenge legacy: one stacked bar per group (cohort, profession or host), counting alumni whose
// latest answer was sustained, sustained and spread, or abandoned. Each segment carries its count;
// the key names the order. A group with any figure withheld is not drawn: a part of a bar would
// mislead.
import { axisY, barX, text } from '@observablehq/plot';
import type { Markish } from '@observablehq/plot';
import type { LegacyRow } from '$lib/api';
import { LEGACY_KINDS, type LegacyKind } from './legacy';
import { drawPlot, type ChartSize } from './plotFrame';

type Segment = { group: string; kind: LegacyKind; n: number; x1: number; x2: number; title: string };

/** Whether every figure of a group is shown. */
function whole(r: LegacyRow): boolean {
  return r.answered !== null && LEGACY_KINDS.every(({ kind }) => r[kind] !== null);
}

/** The segments to draw, left to right per group; groups with anything withheld have none. */
export function legacySegments(rows: readonly LegacyRow[]): Segment[] {
  return rows.filter(whole).flatMap((r) => {
    let start = 0;
    return LEGACY_KINDS.flatMap(({ kind, label }) => {
      const n = r[kind];
      if (n === null || n === 0) return [];
      const segment = { group: r.group, kind, n, x1: start, x2: start + n, title: `${r.group}: ${label.toLowerCase()}, ${n} of ${r.answered}` };
      start += n;
      return [segment];
    });
  });
}

export function legacySummary(rows: readonly LegacyRow[]): string {
  const said = rows.map((r) =>
    whole(r)
      ? `${r.group}: ${LEGACY_KINDS.map(({ kind, label }) => `${r[kind]} ${label.toLowerCase()}`).join(', ')} of ${r.answered}`
      : `${r.group}: withheld`,
  );
  return `What became of fellows' challenges, by latest answer. ${said.join('; ')}.`;
}

export function legacyChart(rows: readonly LegacyRow[], size: ChartSize = {}): SVGSVGElement {
  const segments = legacySegments(rows);
  const groups = rows.filter(whole).map((r) => r.group);
  // Whole people: integer ticks, about one per person up to ten.
  const most = Math.max(1, ...segments.map((s) => s.x2));
  const place = { x1: 'x1', x2: 'x2', y: 'group' } as const;
  const marks: Markish[] = [axisY({ lineWidth: 14, tickSize: 0 })];
  for (const { kind, colour, ink } of LEGACY_KINDS) {
    const mine = segments.filter((s) => s.kind === kind);
    marks.push(
      barX(mine, { ...place, fill: colour, stroke: 'white', title: 'title', className: `legacy-${kind}` }),
      text(mine, { x: (s: Segment) => (s.x1 + s.x2) / 2, y: 'group', text: (s: Segment) => String(s.n), fill: ink, className: `legacy-${kind}-count` }),
    );
  }
  return drawPlot(
    {
      height: 64 + groups.length * 36,
      marginLeft: 180,
      marginRight: 24,
      x: { label: 'Alumni (latest answer)', grid: true, nice: true, ticks: Math.min(most, 10), tickFormat: 'd' },
      y: { type: 'band', domain: groups, label: null, padding: 0.25 },
      marks,
    },
    size,
    legacySummary(rows),
  );
}
