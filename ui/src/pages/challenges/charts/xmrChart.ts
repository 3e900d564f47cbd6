// The XmR chart (NHS England's "Making Data Count"): the values, and for each segment (new
// limits start at a rebasing change) its mean and process limits drawn from the segment's first
// to last point, with the two-thirds lines faint; special-cause points coloured by verdict; the
// target as a dashed red rule. Drawn with Observable Plot as a plain SVG element.
import { link, ruleY, text } from '@observablehq/plot';
import type { Markish } from '@observablehq/plot';
import type { MeasureChart } from '$lib/api';
import { chartData, COLOURS, toDate, xmrVerdicts, type DrawOptions } from './chartData';
import { drawChart, eventMarks, valueMarks } from './common';
import { xmrChartSummary } from './signals';

type Piece = { x1: Date; x2: Date; y: number };

export const TRIAL_NOTE = 'Trial limits (fewer than 13 points)';

/** Each segment's lines as horizontal pieces from its first to its last point. */
export function segmentPieces(chart: MeasureChart): {
  mean: Piece[];
  limits: Piece[];
  twoThirds: Piece[];
  trial: Piece[];
} {
  const out = { mean: [] as Piece[], limits: [] as Piece[], twoThirds: [] as Piece[], trial: [] as Piece[] };
  for (const s of chart.xmr.segments) {
    const first = chart.points[s.start];
    const last = chart.points[Math.max(s.start, s.end - 1)];
    if (!first || !last) continue;
    const [x1, x2] = [toDate(first.period), toDate(last.period)];
    out.mean.push({ x1, x2, y: s.mean });
    // Without variation the limits would sit on the mean: draw the mean alone.
    if (s.no_variation) continue;
    out.limits.push({ x1, x2, y: s.upper }, { x1, x2, y: s.lower });
    out.twoThirds.push({ x1, x2, y: s.upper_two_thirds }, { x1, x2, y: s.lower_two_thirds });
    if (s.trial) out.trial.push({ x1, x2, y: s.upper });
  }
  return out;
}

export function xmrChart(chart: MeasureChart, options: DrawOptions = {}): SVGSVGElement {
  const data = chartData(chart, xmrVerdicts(chart));
  const pieces = segmentPieces(chart);
  const target = chart.measure.target === null ? null : Number(chart.measure.target);
  const piece = { x1: 'x1', x2: 'x2', y1: 'y', y2: 'y' } as const;

  const marks: Markish[] = [
    ...eventMarks(chart),
    link(pieces.twoThirds, { ...piece, stroke: COLOURS.limit, strokeOpacity: 0.35, strokeDasharray: '2 3', className: 'two-thirds' }),
    link(pieces.limits, { ...piece, stroke: COLOURS.limit, strokeWidth: 1.5, strokeDasharray: '6 3', className: 'limit' }),
    link(pieces.mean, { ...piece, stroke: COLOURS.line, strokeWidth: 2, className: 'mean' }),
    target === null || Number.isNaN(target)
      ? null
      : ruleY([target], { stroke: COLOURS.target, strokeWidth: 2, strokeDasharray: '8 4', className: 'target' }),
    text(pieces.trial, {
      x: 'x1',
      y: 'y',
      text: () => TRIAL_NOTE,
      textAnchor: 'start',
      dy: -8,
      fill: COLOURS.limit,
      className: 'trial-note',
    }),
    ...valueMarks(chart, data, 'special cause'),
  ];
  return drawChart(chart, marks, options, 340, xmrChartSummary(chart));
}
