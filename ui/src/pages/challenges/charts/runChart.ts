// The run chart (IHI): the values in date order joined by a line, the median as a horizontal
// rule, points that make up a signal coloured by verdict, and dashed rules at process changes
// and PDSA cycle starts. Drawn with Observable Plot as a plain SVG element.
import { dot, line, plot, ruleY } from '@observablehq/plot';
import type { Markish } from '@observablehq/plot';
import type { MeasureChart } from '$lib/api';
import { formatDate } from '$lib/format';
import { formatValue } from '../format';
import { chartData, COLOURS, runVerdicts, valueLabel, VERDICTS, type ChartDatum, type DrawOptions } from './chartData';
import { eventMarks, finish } from './common';
import { runChartSummary } from './signals';

export function runChart(chart: MeasureChart, options: DrawOptions = {}): SVGSVGElement {
  const data = chartData(chart, runVerdicts(chart));
  const decimals = chart.measure.decimals;
  const title = (d: ChartDatum) =>
    `${formatDate(d.period)}: ${formatValue(d.value, decimals)}${d.verdict ? ` (signal: ${d.verdict})` : ''}`;
  const median = chart.run_chart.median;

  const marks: Markish[] = [
    ...eventMarks(chart),
    median === null
      ? null
      : ruleY([median], { stroke: COLOURS.line, strokeWidth: 2, className: 'median', ariaLabel: 'median' }),
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

  const svg = plot({
    ...options,
    width: options.width ?? 640,
    height: options.height ?? 320,
    marginTop: 50,
    marginLeft: 56,
    marginRight: 24,
    x: { type: 'utc', label: null },
    y: { label: valueLabel(chart), grid: true, nice: true },
    style: { fontFamily: 'arial, helvetica, sans-serif', fontSize: '13px', overflow: 'visible' },
    marks,
  }) as unknown as SVGSVGElement;
  return finish(svg, runChartSummary(chart));
}
