import { describe, expect, it } from 'vitest';
import type { MeasureChart } from '$lib/api';
import { measureChart, quietChart } from '../../../test/challengeFixtures';
import { assuranceSentence, pointSignals, runSignalSentences, signalSentences, xmrChartSummary, xmrSignalSentences } from './signals';
import { chartEvents, runVerdicts } from './chartData';

describe('signals in words', () => {
  it('describes run-chart signals', () => {
    expect(runSignalSentences(measureChart)).toEqual([
      'Shift: 7 points above the median from 7 Sep 2026 to 19 Oct 2026 (concern).',
      'Shift: 7 points below the median from 26 Oct 2026 to 7 Dec 2026 (improvement).',
      'Too few runs: 2 runs where at least 4 would be expected by chance, so the process has probably changed.',
    ]);
  });

  it('describes trends and astronomical points', () => {
    const chart: MeasureChart = {
      ...quietChart,
      points: [10, 12, 14, 16, 18, 60].map((value, i) => ({ period: `2026-0${i + 1}-01`, value })),
      run_chart: {
        ...quietChart.run_chart,
        signals: [
          { rule: 'trend', points: [0, 1, 2, 3, 4], verdict: 'concern' },
          { rule: 'astronomical', points: [5], verdict: 'neutral' },
        ],
      },
    };
    expect(runSignalSentences(chart)).toEqual([
      'Trend: 5 points rising from 1 Jan 2026 to 1 May 2026 (concern).',
      'Worth a look on 1 Jun 2026: 60 is far from the rest, beyond the median ± 3.145 × the median moving range (neither better nor worse).',
    ]);
  });

  it('groups XmR special causes into runs of points, one sentence each', () => {
    expect(xmrSignalSentences(measureChart)).toEqual([
      'Special cause (concern): 7 points above the mean from 7 Sep 2026 to 19 Oct 2026.',
      'Special cause (concern): 3 of 5 points close to the upper process limit from 14 Sep 2026 to 12 Oct 2026.',
      'Special cause (concern): a point above the upper process limit on 12 Oct 2026.',
      'Special cause (improvement): 7 points below the mean from 26 Oct 2026 to 7 Dec 2026.',
      'Special cause (improvement): 4 of 5 points close to the lower process limit from 9 Nov 2026 to 7 Dec 2026.',
    ]);
  });

  it('says whether the target is met', () => {
    expect(assuranceSentence(measureChart)).toBe(
      'The target of 35 is met only some of the time: it lies between the process limits.',
    );
    const pass = { ...measureChart, xmr: { ...measureChart.xmr, assurance: 'pass' as const } };
    expect(assuranceSentence(pass)).toMatch(/^The target of 35 is consistently met/);
    const fail = { ...measureChart, xmr: { ...measureChart.xmr, assurance: 'fail' as const } };
    expect(assuranceSentence(fail)).toMatch(/^The target of 35 is consistently not met/);
    expect(assuranceSentence(quietChart)).toBe('');
  });

  it('has nothing to say for common-cause variation', () => {
    expect(signalSentences(quietChart)).toEqual([]);
  });

  it('names each point’s signals for the data table', () => {
    expect(pointSignals(measureChart, 5)).toBe(
      'Run chart shift (concern); XmR outside the process limits (concern), shift of seven (concern), two of three near a limit (concern)',
    );
    expect(pointSignals(quietChart, 0)).toBe('');
  });

  it('shows both rules when a rising trend runs below the mean, as an improvement', () => {
    // Higher is better: seven rising points below the mean are a concern shift and an improvement trend.
    const values = [10, 14, 9, 15, 10, 14, 9, 15, 1, 2, 3, 4, 5, 6, 7];
    const mixed = { segment: 0, signals: [
      { rule: 'shift_of_seven' as const, verdict: 'concern' as const },
      { rule: 'trend_of_seven' as const, verdict: 'improvement' as const },
    ], verdict: 'improvement' as const };
    const chart: MeasureChart = {
      ...quietChart,
      measure: { ...quietChart.measure, direction: 'higher_is_better' },
      points: values.map((value, i) => ({ period: `2026-01-${String(i + 1).padStart(2, '0')}`, value })),
      run_chart: { ...quietChart.run_chart, signals: [] },
      xmr: {
        ...quietChart.xmr,
        segments: [{ ...quietChart.xmr.segments[0], end: 15, mean: 8.3 }],
        points: values.map((_, i) => (i >= 8 ? mixed : { segment: 0, signals: [], verdict: null })),
      },
    };
    expect(xmrSignalSentences(chart)).toEqual([
      'Special cause (concern): 7 points below the mean from 9 Jan 2026 to 15 Jan 2026.',
      'Special cause (improvement): 7 points rising from 9 Jan 2026 to 15 Jan 2026.',
    ]);
    expect(pointSignals(chart, 9)).toBe('XmR shift of seven (concern), trend of seven (improvement); shown as improvement');
  });

  it('says so when every value is the same, instead of giving limits', () => {
    const flat: MeasureChart = {
      ...quietChart,
      xmr: { ...quietChart.xmr, segments: [{ ...quietChart.xmr.segments[0], no_variation: true, upper: 40, lower: 40 }] },
    };
    expect(xmrChartSummary(flat)).toContain(
      'Mean 40, no process limits (every value is the same, so there is no variation to set limits from).',
    );
  });

  it('summarises limits per segment', () => {
    expect(xmrChartSummary(quietChart)).toContain('Mean 40, process limits 36.5 to 43.5 (trial limits).');
    const rebased: MeasureChart = {
      ...measureChart,
      xmr: {
        ...measureChart.xmr,
        segments: [
          { ...measureChart.xmr.segments[0], end: 7, mean: 43, lower: 33.7, upper: 52.3, trial: true },
          { ...measureChart.xmr.segments[0], start: 7, end: 14, mean: 33.4, lower: 28.6, upper: 38.3, trial: true },
        ],
      },
    };
    expect(xmrChartSummary(rebased)).toContain(
      'From 7 Sep 2026: mean 43, process limits 33.7 to 52.3 (trial limits). From 26 Oct 2026: mean 33.4',
    );
  });
});

describe('chart data', () => {
  it('colours a point by the most urgent signal it belongs to', () => {
    const both: MeasureChart = {
      ...quietChart,
      run_chart: {
        ...quietChart.run_chart,
        signals: [
          { rule: 'trend', points: [0, 1], verdict: 'improvement' },
          { rule: 'astronomical', points: [1], verdict: 'concern' },
        ],
      },
    };
    expect(runVerdicts(both)).toEqual(['improvement', 'concern', null, null]);
  });

  it('orders changes and PDSA starts by date, staggering their labels', () => {
    const events = chartEvents(measureChart);
    expect(events.map((e) => [e.label, e.row])).toEqual([
      ['Huddles start', 0],
      ['PDSA: Discharge huddle', 1],
    ]);
  });
});
