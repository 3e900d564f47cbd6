// Response rate by wave: one line of points per cohort, waves across in the core's order
// (months after the year ends), the percentage responding up. Withheld figures are not drawn.
import { dot, line } from '@observablehq/plot';
import type { ResponseRate } from '$lib/api';
import { percent, share } from './figures';
import { drawPlot, type ChartSize } from './plotFrame';
import { distinct, nudge, seriesStyle } from './series';

type Point = { wave: string; cohort: string; pct: number; label: string };

function describe(r: ResponseRate, responded: number, due: number): string {
  return `${r.cohort_name}, ${r.wave_name}: ${responded} of ${due} (${percent(responded, due)}%)`;
}

/** The figures there are to draw; none means no chart. */
export function responsePoints(rows: readonly ResponseRate[]): Point[] {
  return rows.flatMap((r) =>
    r.responded === null || r.due === null || r.due === 0
      ? []
      : [{ wave: r.wave_name, cohort: r.cohort_name, pct: percent(r.responded, r.due), label: describe(r, r.responded, r.due) }],
  );
}

/** The cohorts in the order the chart styles them (the key follows the same order). */
export function responseCohorts(rows: readonly ResponseRate[]): string[] {
  return distinct(rows.map((r) => r.cohort_name));
}

export function responseSummary(rows: readonly ResponseRate[]): string {
  const points = responsePoints(rows);
  const parts = responseCohorts(rows).map((c) => {
    const mine = rows.filter((r) => r.cohort_name === c);
    const said = mine.map((r) => {
      const pct = share(r.responded, r.due);
      return pct === null ? `${r.wave_name} withheld` : `${r.wave_name} ${pct}%`;
    });
    return `${c}: ${said.join(', ')}`;
  });
  return points.length ? `Response rate by wave and cohort. ${parts.join('; ')}.` : 'Response rate by wave: nothing to draw.';
}

export function responseChart(rows: readonly ResponseRate[], size: ChartSize = {}): SVGSVGElement {
  const points = responsePoints(rows);
  const cohorts = responseCohorts(rows);
  const marks = cohorts.flatMap((c, i) => {
    const { colour, symbol } = seriesStyle(i);
    const mine = points.filter((p) => p.cohort === c);
    const dx = nudge(i, cohorts.length);
    return [
      line(mine, { x: 'wave', y: 'pct', stroke: colour, strokeOpacity: 0.6, dx }),
      dot(mine, { x: 'wave', y: 'pct', r: 5, symbol, fill: colour, stroke: 'white', title: 'label', dx, className: `series-${i}` }),
    ];
  });
  return drawPlot(
    {
      height: 300,
      marginLeft: 56,
      marginRight: 32,
      x: { type: 'point', domain: distinct(rows.map((r) => r.wave_name)), label: null, padding: 0.4 },
      y: { domain: [0, 100], label: 'Responded (%)', grid: true },
      marks,
    },
    size,
    responseSummary(rows),
  );
}
