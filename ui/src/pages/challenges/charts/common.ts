// Pieces both chart modules use: the dated event rules with their labels, the values with
// their signal points, the plot's frame, and the finishing touches that make the SVG an
// accessible image.
import { dot, line, plot, ruleX, text } from '@observablehq/plot';
import type { Markish } from '@observablehq/plot';
import type { MeasureChart } from '$lib/api';
import { formatDate } from '$lib/format';
import { formatValue } from '../format';
import { chartEvents, COLOURS, valueLabel, VERDICTS, type ChartDatum, type DrawOptions } from './chartData';

/** The values joined by a line, ordinary points grey, and one mark per verdict for signal points. */
export function valueMarks(chart: MeasureChart, data: ChartDatum[], signalWord: string): Markish[] {
  const decimals = chart.measure.decimals;
  const title = (d: ChartDatum) =>
    `${formatDate(d.period)}: ${formatValue(d.value, decimals)}${d.verdict ? ` (${signalWord}: ${d.verdict})` : ''}`;
  return [
    line(data, { x: 'date', y: 'value', stroke: COLOURS.ordinary, strokeWidth: 1.5, className: 'values' }),
    dot(
      data.filter((d) => d.verdict === null),
      { x: 'date', y: 'value', r: 3.5, fill: COLOURS.ordinary, title, className: 'point' },
    ),
    // One mark per verdict, so each signal colour is a constant fill on its group.
    ...VERDICTS.map((v) =>
      dot(
        data.filter((d) => d.verdict === v),
        { x: 'date', y: 'value', r: 5.5, fill: COLOURS[v], stroke: 'white', title, className: `signal-point signal-${v}` },
      ),
    ),
  ];
}

/** Draws the marks in the charts' common frame (dates across, the measure up) as an accessible image. */
export function drawChart(
  chart: MeasureChart,
  marks: Markish[],
  options: DrawOptions,
  height: number,
  summary: string,
): SVGSVGElement {
  const svg = plot({
    ...options,
    width: options.width ?? 640,
    height: options.height ?? height,
    marginTop: 50,
    marginLeft: 56,
    marginRight: 24,
    x: { type: 'utc', label: null },
    y: { label: valueLabel(chart), grid: true, nice: true },
    style: { fontFamily: 'arial, helvetica, sans-serif', fontSize: '13px', overflow: 'visible' },
    marks,
  }) as unknown as SVGSVGElement;
  return finish(svg, summary);
}

/** Vertical dashed rules at process changes and PDSA cycle starts, labelled along the top. */
export function eventMarks(chart: MeasureChart): Markish[] {
  const events = chartEvents(chart);
  if (events.length === 0) return [];
  return [
    ruleX(events, {
      x: 'date',
      stroke: COLOURS.event,
      strokeDasharray: '5 4',
      strokeOpacity: 0.8,
      className: 'event-rule',
    }),
    // Labels staggered over three rows above the plot, so neighbouring labels do not overlap.
    ...[0, 1, 2].map((row) =>
      text(
        events.filter((e) => e.row === row),
        {
          x: 'date',
          text: 'label',
          frameAnchor: 'top',
          textAnchor: 'start',
          dx: 4,
          dy: -44 + row * 14,
          lineWidth: 18,
          textOverflow: 'ellipsis',
          title: 'label',
          fill: COLOURS.event,
          className: 'event-label',
        },
      ),
    ),
  ];
}

/**
 * Marks the SVG as one image with a name that summarises it (its text twin is on the page).
 * Plot labels each mark's group too, but an image's parts are not exposed, and ARIA does not
 * allow a label on a group with no role, so those labels go.
 */
export function finish(svg: SVGSVGElement, summary: string): SVGSVGElement {
  for (const el of svg.querySelectorAll('[aria-label], [aria-description]')) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', summary);
  svg.removeAttribute('aria-description');
  return svg;
}
