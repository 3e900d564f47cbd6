// The charts' findings in plain words, for the signals list and the charts' text descriptions.
import type { MeasureChart, Verdict, XmrRule } from '$lib/api';
import { formatDate } from '$lib/format';
import { formatStat, formatValue } from '../format';

const VERDICT_WORDS: Record<Verdict, string> = {
  improvement: 'improvement',
  concern: 'concern',
  neutral: 'neither better nor worse',
};

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function span(chart: MeasureChart, first: number, last: number): string {
  const from = formatDate(chart.points[first]?.period);
  const to = formatDate(chart.points[last]?.period);
  return first === last ? `on ${from}` : `from ${from} to ${to}`;
}

/** The run-chart (IHI) signals, one sentence each. */
export function runSignalSentences(chart: MeasureChart): string[] {
  const { run_chart: run, points } = chart;
  const decimals = chart.measure.decimals;
  const median = run.median;
  const out: string[] = [];
  for (const signal of run.signals) {
    const idx = [...signal.points].sort((a, b) => a - b);
    const first = idx[0] ?? 0;
    const last = idx[idx.length - 1] ?? 0;
    const verdict = VERDICT_WORDS[signal.verdict];
    switch (signal.rule) {
      case 'shift': {
        const side = median !== null && points[first]?.value > median ? 'above' : 'below';
        out.push(`Shift: ${idx.length} points ${side} the median ${span(chart, first, last)} (${verdict}).`);
        break;
      }
      case 'trend': {
        const rising = (points[last]?.value ?? 0) > (points[first]?.value ?? 0);
        out.push(`Trend: ${idx.length} points ${rising ? 'rising' : 'falling'} ${span(chart, first, last)} (${verdict}).`);
        break;
      }
      case 'too_few_runs': {
        const [lo] = run.runs_limits ?? [0, 0];
        out.push(
          `Too few runs: ${count(run.runs, 'run')} where at least ${lo} would be expected by chance, so the process has probably changed.`,
        );
        break;
      }
      case 'too_many_runs': {
        const [, hi] = run.runs_limits ?? [0, 0];
        out.push(
          `Too many runs: ${count(run.runs, 'run')} where at most ${hi} would be expected by chance, so the values swing more than chance explains.`,
        );
        break;
      }
      case 'astronomical': {
        // The IHI guide leaves an astronomical point to judgement: the formula only suggests one.
        const value = points[first] ? formatValue(points[first].value, decimals) : '';
        out.push(
          `Worth a look on ${formatDate(points[first]?.period)}: ${value} is far from the rest, beyond the median ± 3.145 × the median moving range (${verdict}).`,
        );
        break;
      }
    }
  }
  return out;
}

type Run = { rule: XmrRule; verdict: Verdict; start: number; end: number; segment: number };

/** Consecutive points marked by the same rule with the same verdict, within one segment, as one run. */
function xmrRuns(chart: MeasureChart): Run[] {
  const runs: Run[] = [];
  const rules: XmrRule[] = ['outside_limits', 'shift_of_seven', 'trend_of_seven', 'two_of_three_near_limit'];
  for (const rule of rules) {
    // Two-of-three points may have an ordinary point between them; others must be adjacent.
    const gap = rule === 'two_of_three_near_limit' ? 2 : 1;
    let open: Run | null = null;
    for (let i = 0; i < chart.xmr.points.length; i++) {
      const p = chart.xmr.points[i];
      // Each rule carries its own verdict: a rising trend below the mean is an improvement
      // trend and a concern shift on the same points.
      for (const signal of p.signals.filter((s) => s.rule === rule)) {
        const joins =
          open !== null &&
          rule !== 'outside_limits' &&
          open.verdict === signal.verdict &&
          open.segment === p.segment &&
          i - open.end <= gap;
        if (open && joins) {
          open.end = i;
        } else {
          open = { rule, verdict: signal.verdict, start: i, end: i, segment: p.segment };
          runs.push(open);
        }
      }
    }
  }
  return runs.sort((a, b) => a.start - b.start);
}

/** The XmR special causes, one sentence per run of points. */
export function xmrSignalSentences(chart: MeasureChart): string[] {
  return xmrRuns(chart).map((run) => {
    const seg = chart.xmr.segments[run.segment];
    const first = chart.points[run.start];
    const last = chart.points[run.end];
    const above = seg ? first.value > seg.mean : true;
    const n = chart.xmr.points
      .slice(run.start, run.end + 1)
      .filter((p) => p.signals.some((s) => s.rule === run.rule && s.verdict === run.verdict)).length;
    const head = `Special cause (${VERDICT_WORDS[run.verdict]})`;
    switch (run.rule) {
      case 'outside_limits':
        return `${head}: a point ${above ? 'above the upper' : 'below the lower'} process limit on ${formatDate(first.period)}.`;
      case 'shift_of_seven':
        return `${head}: ${n} points ${above ? 'above' : 'below'} the mean ${span(chart, run.start, run.end)}.`;
      case 'trend_of_seven':
        return `${head}: ${n} points ${last.value > first.value ? 'rising' : 'falling'} ${span(chart, run.start, run.end)}.`;
      case 'two_of_three_near_limit':
        return `${head}: ${n} of ${run.end - run.start + 1} points close to the ${above ? 'upper' : 'lower'} process limit ${span(chart, run.start, run.end)}.`;
    }
  });
}

/** Whether the process meets its target, by the latest limits; "" without a target or assurance. */
export function assuranceSentence(chart: MeasureChart): string {
  const { target } = chart.measure;
  const assurance = chart.xmr.assurance;
  if (!target || !assurance) return '';
  switch (assurance) {
    case 'pass':
      return `The target of ${target} is consistently met: the process limits are all on the right side of it.`;
    case 'fail':
      return `The target of ${target} is consistently not met: the process limits are all on the wrong side of it.`;
    case 'inconsistent':
      return `The target of ${target} is met only some of the time: it lies between the process limits.`;
  }
}

/** Every finding, in order: run-chart signals, then XmR special causes. */
export function signalSentences(chart: MeasureChart): string[] {
  return [...runSignalSentences(chart), ...xmrSignalSentences(chart)];
}

export const NO_VARIATION_NOTE = 'Every value is the same, so there is no variation to set limits from';

export const NO_SIGNALS = 'No signals: the variation looks like common cause.';

/** The words for one point's signals, for the data table. */
export function pointSignals(chart: MeasureChart, index: number): string {
  const words: string[] = [];
  const run: Record<string, string> = {
    shift: 'shift',
    trend: 'trend',
    astronomical: 'astronomical point',
  };
  for (const s of chart.run_chart.signals) {
    if (s.points.includes(index) && run[s.rule]) words.push(`Run chart ${run[s.rule]} (${VERDICT_WORDS[s.verdict]})`);
  }
  const xmr: Record<XmrRule, string> = {
    outside_limits: 'outside the process limits',
    shift_of_seven: 'shift of seven',
    trend_of_seven: 'trend of seven',
    two_of_three_near_limit: 'two of three near a limit',
  };
  const p = chart.xmr.points[index];
  if (p?.verdict) {
    // Every rule with its own verdict, then the point's: improvement wins when both fire.
    const rules = p.signals.map((s) => `${xmr[s.rule]} (${VERDICT_WORDS[s.verdict]})`).join(', ');
    const mixed = new Set(p.signals.map((s) => s.verdict)).size > 1;
    words.push(`XmR ${rules}${mixed ? `; shown as ${VERDICT_WORDS[p.verdict]}` : ''}`);
  }
  return words.join('; ');
}

/** A one-line text summary of each chart, for aria-labels and figure captions. */
export function runChartSummary(chart: MeasureChart): string {
  const { points, run_chart: run } = chart;
  const decimals = chart.measure.decimals;
  const n = points.length;
  if (n === 0) return `Run chart of ${chart.measure.name}: no values yet.`;
  const median = run.median === null ? '' : ` The median is ${formatStat(run.median, decimals)}.`;
  const signals = run.signals.length ? ` ${count(run.signals.length, 'signal')}.` : ' No signals.';
  return `Run chart of ${chart.measure.name}: ${count(n, 'value')} ${span(chart, 0, n - 1)}.${median}${signals}`;
}

export function xmrChartSummary(chart: MeasureChart): string {
  const { points, xmr } = chart;
  const decimals = chart.measure.decimals;
  const n = points.length;
  if (n === 0) return `XmR chart of ${chart.measure.name}: no values yet.`;
  const segments = xmr.segments
    .map((s) => {
      const limits = s.no_variation
        ? `mean ${formatStat(s.mean, decimals)}, no process limits (${NO_VARIATION_NOTE.toLowerCase()})`
        : `mean ${formatStat(s.mean, decimals)}, process limits ${formatStat(s.lower, decimals)} to ${formatStat(s.upper, decimals)}${s.trial ? ' (trial limits)' : ''}`;
      return xmr.segments.length > 1
        ? `From ${formatDate(points[s.start]?.period)}: ${limits}.`
        : `${limits.charAt(0).toUpperCase()}${limits.slice(1)}.`;
    })
    .join(' ');
  const special = xmr.points.filter((p) => p.verdict !== null).length;
  const target = chart.measure.target ? ` Target ${chart.measure.target}.` : '';
  return `XmR chart of ${chart.measure.name}: ${count(n, 'value')} ${span(chart, 0, n - 1)}. ${segments}${target} ${
    special ? `${count(special, 'point')} with a special cause.` : 'No special causes.'
  }`;
}
