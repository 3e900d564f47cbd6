// Formal leadership roles since graduation: the share of those answering who hold at least one
// role, by months after the year ends, as a line of labelled points. Withheld figures are not drawn.
import { dot, line, text } from '@observablehq/plot';
import type { LeadershipPoint } from '$lib/api';
import { percent, share } from './figures';
import { drawPlot, type ChartSize } from './plotFrame';

export const LEADERSHIP_COLOUR = '#005eb8';

type Point = { months: number; pct: number; label: string; title: string };

export function leadershipPoints(rows: readonly LeadershipPoint[]): Point[] {
  return [...rows]
    .sort((a, b) => a.months_after - b.months_after)
    .flatMap((l) =>
      l.holding === null || l.answered === null || l.answered === 0
        ? []
        : [
            {
              months: l.months_after,
              pct: percent(l.holding, l.answered),
              label: `${percent(l.holding, l.answered)}%`,
              title: `${l.wave_name}: ${l.holding} of ${l.answered} hold a role (${percent(l.holding, l.answered)}%)`,
            },
          ],
    );
}

export function leadershipSummary(rows: readonly LeadershipPoint[]): string {
  const said = [...rows]
    .sort((a, b) => a.months_after - b.months_after)
    .map((l) => {
      const pct = share(l.holding, l.answered);
      return `${l.wave_name} (${l.months_after} months): ${pct === null ? 'withheld' : `${pct}% of ${l.answered}`}`;
    });
  return `Share holding at least one formal leadership role, by months after the fellowship year ends. ${said.join('; ')}.`;
}

export function leadershipChart(rows: readonly LeadershipPoint[], size: ChartSize = {}): SVGSVGElement {
  const points = leadershipPoints(rows);
  const months = points.map((p) => p.months);
  return drawPlot(
    {
      height: 300,
      marginLeft: 56,
      marginRight: 32,
      marginTop: 32,
      x: { label: 'Months after the fellowship year ends', ticks: months, tickFormat: 'd', inset: 24 },
      y: { domain: [0, 100], label: 'Holding a role (%)', grid: true },
      marks: [
        line(points, { x: 'months', y: 'pct', stroke: LEADERSHIP_COLOUR, strokeWidth: 2 }),
        dot(points, { x: 'months', y: 'pct', r: 5, fill: LEADERSHIP_COLOUR, stroke: 'white', title: 'title', className: 'holding' }),
        text(points, { x: 'months', y: 'pct', text: 'label', dy: -14, fill: '#212b32', className: 'holding-label' }),
      ],
    },
    size,
    leadershipSummary(rows),
  );
}
