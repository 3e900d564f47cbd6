// What both charts share: the colours, the points with their signal verdicts, and the dated
// events (process changes and PDSA cycles) drawn as vertical rules.
import type { MeasureChart, Verdict } from '$lib/api';

/** NHS colours: a signal's colour says whether it is good news; grey points are ordinary. */
export const COLOURS = {
  improvement: '#005eb8',
  concern: '#ed8b00',
  neutral: '#330072',
  ordinary: '#425563',
  line: '#768692',
  limit: '#4c6272',
  target: '#d5281b',
  event: '#425563',
} as const;

export const VERDICTS: readonly Verdict[] = ['improvement', 'concern', 'neutral'];

export type ChartDatum = { index: number; date: Date; period: string; value: number; verdict: Verdict | null };

export type ChartEvent = { date: Date; label: string; kind: 'change' | 'pdsa'; row: number };

export type DrawOptions = { width?: number; height?: number; document?: Document };

/** "2026-09-07" as a UTC date (the charts use a UTC scale, so no time-zone shifts). */
export function toDate(period: string): Date {
  const [y, m, d] = period.split('-').map(Number);
  return new Date(Date.UTC(y, (m || 1) - 1, d || 1));
}

/** When one point is in several signals, the most urgent colour wins. */
function stronger(a: Verdict | null, b: Verdict): Verdict {
  const rank: Record<Verdict, number> = { concern: 3, improvement: 2, neutral: 1 };
  return a === null || rank[b] > rank[a] ? b : a;
}

/** The verdict of each point on the run chart: from the run-chart signals it belongs to. */
export function runVerdicts(chart: MeasureChart): (Verdict | null)[] {
  const out: (Verdict | null)[] = chart.points.map(() => null);
  for (const signal of chart.run_chart.signals) {
    for (const i of signal.points) {
      if (i >= 0 && i < out.length) out[i] = stronger(out[i], signal.verdict);
    }
  }
  return out;
}

/** The verdict of each point on the XmR chart: special causes only. */
export function xmrVerdicts(chart: MeasureChart): (Verdict | null)[] {
  return chart.points.map((_, i) => chart.xmr.points[i]?.verdict ?? null);
}

export function chartData(chart: MeasureChart, verdicts: (Verdict | null)[]): ChartDatum[] {
  return chart.points.map((p, index) => ({
    index,
    date: toDate(p.period),
    period: p.period,
    value: p.value,
    verdict: verdicts[index] ?? null,
  }));
}

/** Process changes and PDSA cycle starts, in date order, with labels staggered over three rows. */
export function chartEvents(chart: MeasureChart): ChartEvent[] {
  const events = [
    ...chart.changes.map((c) => ({ date: toDate(c.change_date), label: c.label, kind: 'change' as const })),
    ...chart.pdsa_cycles.map((p) => ({ date: toDate(p.start_date), label: `PDSA: ${p.title}`, kind: 'pdsa' as const })),
  ].sort((a, b) => a.date.getTime() - b.date.getTime());
  return events.map((e, i) => ({ ...e, row: i % 3 }));
}

/** The y-axis label: the unit, or the measure's name when it has none. */
export function valueLabel(chart: MeasureChart): string {
  return chart.measure.unit.trim() || chart.measure.name;
}
