// "Self and others": one row per dimension along the framework's scale, the fellow's own rating
// as a labelled square, others' mean as a labelled vertical line, and each shown group's mean as
// a small hollow circle. Shape and words carry the meaning; colour only helps. Drawn with
// Observable Plot as a plain SVG element; the ratings table is its text twin.
import { axisX, axisY, dot, gridX, plot, text, tickX } from '@observablehq/plot';
import type { FeedbackReport } from '$lib/api';
import { finish } from '../../challenges/charts/common';
import { groupLabel, hundredths } from '../labels';
import { reportReader, sentence } from './reader';

export const COLOURS = { self: '#005eb8', others: '#212b32', group: '#4c6272', grid: '#d8dde0' } as const;

export type DrawOptions = {
  width?: number;
  document?: Document;
  /** The fellow is reading their own report: "You" rather than "Self" and their name. */
  own?: boolean;
};

type Point = { name: string; x: number; title: string };

export function chartPoints(report: FeedbackReport, own = false): { self: Point[]; others: Point[]; groups: Point[] } {
  const reader = reportReader(report.fellow_name, own);
  const out = { self: [] as Point[], others: [] as Point[], groups: [] as Point[] };
  for (const d of report.dimensions) {
    if (d.self_rating !== null) {
      out.self.push({ name: d.name, x: d.self_rating, title: `${d.name}: ${reader.subject} rated ${d.self_rating}` });
    }
    if (d.all_raters) {
      const mean = hundredths(d.all_raters.mean_hundredths);
      out.others.push({ name: d.name, x: d.all_raters.mean_hundredths / 100, title: `${d.name}: others' mean ${mean}` });
    }
    for (const g of d.groups) {
      if (g.cell) {
        const mean = hundredths(g.cell.mean_hundredths);
        out.groups.push({ name: d.name, x: g.cell.mean_hundredths / 100, title: `${d.name}: ${groupLabel(g.group)} ${mean}` });
      }
    }
  }
  return out;
}

/** The chart's short name, for its role="img"; the figures themselves are in the table. */
export function chartSummary(report: FeedbackReport, own = false): string {
  const first = report.scale[0];
  const last = report.scale[report.scale.length - 1];
  const range = first && last ? `, on the scale from ${first.label} to ${last.label}` : '';
  return `${sentence(reportReader(report.fellow_name, own).possessive)} own rating and others' mean for each of ${report.dimensions.length} dimensions${range}. The table "Ratings by dimension" gives the figures.`;
}

export function selfOthersChart(report: FeedbackReport, options: DrawOptions = {}): SVGSVGElement {
  const own = options.own ?? false;
  const points = chartPoints(report, own);
  const self = reportReader(report.fellow_name, own).self;
  const names = report.dimensions.map((d) => d.name);
  const values = report.scale.map((p) => p.value);
  const label = (v: number) => report.scale.find((p) => p.value === v)?.label ?? String(v);
  const row = 64;
  const svg = plot({
    document: options.document,
    width: options.width ?? 640,
    height: 24 + names.length * row + 40,
    marginTop: 24,
    marginBottom: 40,
    marginLeft: 180,
    marginRight: 32,
    x: { domain: [Math.min(...values) - 0.25, Math.max(...values) + 0.25], label: null },
    y: { type: 'band', domain: names, label: null, padding: 0.1 },
    style: { fontFamily: 'arial, helvetica, sans-serif', fontSize: '13px', overflow: 'visible' },
    marks: [
      gridX({ ticks: values, stroke: COLOURS.grid, strokeOpacity: 1 }),
      axisX({ ticks: values, tickFormat: label, tickSize: 0 }),
      axisY({ tickSize: 0, lineWidth: 13, fontSize: 13 }),
      dot(points.groups, { x: 'x', y: 'name', r: 4, stroke: COLOURS.group, fill: 'white', strokeWidth: 1.5, title: 'title', className: 'group-mean' }),
      tickX(points.others, { x: 'x', y: 'name', stroke: COLOURS.others, strokeWidth: 3, insetTop: 16, insetBottom: 14, title: 'title', className: 'others-mean' }),
      text(points.others, { x: 'x', y: 'name', text: () => 'Others', dy: 22, fill: COLOURS.others, className: 'others-label' }),
      dot(points.self, { x: 'x', y: 'name', symbol: 'square', r: 6, fill: COLOURS.self, title: 'title', className: 'self-rating' }),
      text(points.self, { x: 'x', y: 'name', text: () => self, dy: -16, fill: COLOURS.self, fontWeight: 'bold', className: 'self-label' }),
    ],
  }) as unknown as SVGSVGElement;
  return finish(svg, chartSummary(report, own));
}
