// The cohort's movement per dimension: others' mean rating at baseline (hollow circle) and at
// end of year (filled diamond), joined by an arrow where both are shown. Shape, not only
// colour, tells the rounds apart. Drawn with Observable Plot as a plain SVG element.
import { dot, link, plot } from '@observablehq/plot';
import type { CohortFeedback } from '$lib/api';
import { finish } from '../challenges/charts/common';
import { hundredths } from './labels';

const BASELINE = '#425563';
const END = '#005eb8';

type Point = { name: string; value: number; label: string };

/** The dimensions with any figure to draw; none means no chart. */
export function chartable(feedback: CohortFeedback) {
  return feedback.dimensions.filter((d) => d.baseline || d.end_of_year);
}

/** The chart in words, for its accessible name. */
export function cohortChartSummary(feedback: CohortFeedback): string {
  const parts = chartable(feedback).map((d) => {
    const b = d.baseline ? hundredths(d.baseline.others_mean_hundredths) : 'withheld';
    const e = d.end_of_year ? hundredths(d.end_of_year.others_mean_hundredths) : 'withheld';
    return `${d.name}: baseline ${b}, end of year ${e}`;
  });
  return `Others' mean rating by dimension. ${parts.join('; ')}.`;
}

export function cohortChart(feedback: CohortFeedback, options: { width?: number } = {}): SVGSVGElement {
  const dims = chartable(feedback);
  const point = (name: string, h: number, round: string): Point => ({ name, value: h / 100, label: `${name}, ${round}: ${hundredths(h)}` });
  const baseline = dims.flatMap((d) => (d.baseline ? [point(d.name, d.baseline.others_mean_hundredths, 'baseline')] : []));
  const end = dims.flatMap((d) => (d.end_of_year ? [point(d.name, d.end_of_year.others_mean_hundredths, 'end of year')] : []));
  const moves = dims.flatMap((d) =>
    d.baseline && d.end_of_year
      ? [{ name: d.name, from: d.baseline.others_mean_hundredths / 100, to: d.end_of_year.others_mean_hundredths / 100 }]
      : [],
  );
  const svg = plot({
    width: options.width ?? 640,
    height: 48 + dims.length * 36,
    marginLeft: 200,
    marginRight: 24,
    x: { label: "Others' mean rating", grid: true, nice: true },
    y: { type: 'point', domain: dims.map((d) => d.name), label: null, padding: 0.6 },
    style: { fontFamily: 'arial, helvetica, sans-serif', fontSize: '13px', overflow: 'visible' },
    marks: [
      link(moves, { x1: 'from', x2: 'to', y1: 'name', y2: 'name', stroke: '#768692', markerEnd: 'arrow', className: 'move' }),
      dot(baseline, { x: 'value', y: 'name', r: 5, stroke: BASELINE, strokeWidth: 2, fill: 'white', title: 'label', className: 'baseline' }),
      dot(end, { x: 'value', y: 'name', r: 6, symbol: 'diamond', fill: END, title: 'label', className: 'end-of-year' }),
    ],
  }) as unknown as SVGSVGElement;
  return finish(svg, cohortChartSummary(feedback));
}
