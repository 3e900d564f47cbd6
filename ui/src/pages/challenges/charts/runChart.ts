// The run chart (IHI): the values in date order joined by a line, the median as a horizontal
// rule, points that make up a signal coloured by verdict, and dashed rules at process changes
// and PDSA cycle starts. Drawn with Observable Plot as a plain SVG element.
import { ruleY } from '@observablehq/plot';
import type { Markish } from '@observablehq/plot';
import type { MeasureChart } from '$lib/api';
import { chartData, COLOURS, runVerdicts, type DrawOptions } from './chartData';
import { drawChart, eventMarks, valueMarks } from './common';
import { runChartSummary } from './signals';

export function runChart(chart: MeasureChart, options: DrawOptions = {}): SVGSVGElement {
  const data = chartData(chart, runVerdicts(chart));
  const median = chart.run_chart.median;
  const marks: Markish[] = [
    ...eventMarks(chart),
    median === null
      ? null
      : ruleY([median], { stroke: COLOURS.line, strokeWidth: 2, className: 'median', ariaLabel: 'median' }),
    ...valueMarks(chart, data, 'signal'),
  ];
  return drawChart(chart, marks, options, 320, runChartSummary(chart));
}
