// Survey items: the share agreeing (top two points of the scale) with each item, one point per
// wave, each wave in its own shape and colour. Withheld figures are not drawn.
import { axisY, dot, ruleX } from '@observablehq/plot';
import type { SurveyShare } from '$lib/api';
import { percent, share } from './figures';
import { drawPlot, type ChartSize } from './plotFrame';
import { distinct, nudge, seriesStyle } from './series';

type Point = { item: string; wave: string; pct: number; label: string };

export function surveyPoints(rows: readonly SurveyShare[]): Point[] {
  return rows.flatMap((s) =>
    s.agreeing === null || s.answered === null || s.answered === 0
      ? []
      : [
          {
            item: s.measure_name,
            wave: s.wave_name,
            pct: percent(s.agreeing, s.answered),
            label: `${s.measure_name}, ${s.wave_name}: ${s.agreeing} of ${s.answered} agree (${percent(s.agreeing, s.answered)}%)`,
          },
        ],
  );
}

/** The waves in the order the chart styles them (the key follows the same order). */
export function surveyWaves(rows: readonly SurveyShare[]): string[] {
  return distinct(rows.map((s) => s.wave_name));
}

export function surveySummary(rows: readonly SurveyShare[]): string {
  const parts = distinct(rows.map((s) => s.measure_name)).map((item) => {
    const mine = rows.filter((s) => s.measure_name === item);
    const said = mine.map((s) => {
      const pct = share(s.agreeing, s.answered);
      return pct === null ? `${s.wave_name} withheld` : `${s.wave_name} ${pct}%`;
    });
    return `${item}: ${said.join(', ')}`;
  });
  return `Share agreeing with each survey item, by wave. ${parts.join('; ')}.`;
}

export function surveyChart(rows: readonly SurveyShare[], size: ChartSize = {}): SVGSVGElement {
  const points = surveyPoints(rows);
  const items = distinct(rows.map((s) => s.measure_name));
  const waves = surveyWaves(rows);
  const rowHeight = 28 + waves.length * 8;
  const marks = waves.map((w, i) => {
    const { colour, symbol } = seriesStyle(i);
    return dot(
      points.filter((p) => p.wave === w),
      { x: 'pct', y: 'item', r: 5, symbol, fill: colour, stroke: 'white', title: 'label', dy: nudge(i, waves.length, 8), className: `series-${i}` },
    );
  });
  return drawPlot(
    {
      height: 56 + items.length * rowHeight,
      marginLeft: 220,
      marginRight: 24,
      x: { domain: [0, 100], label: 'Agreeing (%)', grid: true },
      y: { type: 'band', domain: items, label: null },
      marks: [axisY({ lineWidth: 16, tickSize: 0 }), ruleX([0], { stroke: '#768692' }), ...marks],
    },
    size,
    surveySummary(rows),
  );
}
