// Formatting for the challenges area: money in pence, IHI progress scores in tenths,
// measure values with their decimals, and the words for verdicts and assurance.
import type { Assurance, CodeOption, Verdict } from '$lib/api';

/** Whole pence as pounds, e.g. 125050 → "£1,250.50", 30000 → "£300"; null → "". No floats. */
export function formatPence(pence: number | null | undefined): string {
  if (pence === null || pence === undefined) return '';
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(pence));
  const pounds = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const rest = abs % 100;
  return `${sign}£${pounds}${rest === 0 ? '' : `.${String(rest).padStart(2, '0')}`}`;
}

/** Whole pence as the form's "pounds as typed" text: 125050 → "1250.50", 30000 → "300", null → "". */
export function penceToPounds(pence: number | null | undefined): string {
  if (pence === null || pence === undefined) return '';
  const pounds = Math.floor(pence / 100);
  const rest = pence % 100;
  return rest === 0 ? String(pounds) : `${pounds}.${String(rest).padStart(2, '0')}`;
}

/** A score in tenths as the scale's code: 35 → "3.5", 40 → "4.0". */
export function scoreCode(tenths: number): string {
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** The IHI meaning of a score, without the number the core's label starts with: 35 → "Improvement". */
export function scoreMeaning(tenths: number, scale: readonly CodeOption[] | undefined): string {
  const code = scoreCode(tenths);
  const label = scale?.find((o) => o.code === code)?.label ?? '';
  return label.startsWith(code) ? label.slice(code.length).trim() : label;
}

/** "3.5 Improvement", or "" when there is no score. */
export function scoreText(tenths: number | null | undefined, scale: readonly CodeOption[] | undefined): string {
  if (tenths === null || tenths === undefined) return '';
  const meaning = scoreMeaning(tenths, scale);
  return meaning ? `${scoreCode(tenths)} ${meaning}` : scoreCode(tenths);
}

/** A measure's value with its decimal places, e.g. 42 → "42.0" for one place. */
export function formatValue(value: number, decimals: number): string {
  return value.toFixed(Math.max(0, Math.min(4, decimals)));
}

/** A statistic (median, mean, limit) with one place more than the values, trailing zeros dropped. */
export function formatStat(value: number, decimals: number): string {
  const fixed = value.toFixed(Math.max(0, Math.min(5, decimals + 1)));
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

export const VERDICT_LABELS: Record<Verdict, string> = {
  improvement: 'Improvement',
  concern: 'Concern',
  neutral: 'Special cause',
};

/**
 * The tag text for a measure's latest verdict; no verdict is common-cause variation, except for
 * a measure with no values, which has nothing to judge yet.
 */
export function verdictLabel(verdict: Verdict | null | undefined, values?: number): string {
  if (values === 0) return 'No values yet';
  return verdict ? VERDICT_LABELS[verdict] : 'Common cause';
}

export const ASSURANCE_LABELS: Record<Assurance, string> = {
  pass: 'Pass',
  fail: 'Fail',
  inconsistent: 'Inconsistent',
};

/** "Quality of care, Cost", or "" when no aim is chosen. */
export function tripleAim(c: { aim_quality: boolean; aim_population_health: boolean; aim_cost: boolean }): string {
  return [
    c.aim_quality && 'Quality of care',
    c.aim_population_health && 'Population health',
    c.aim_cost && 'Cost',
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * How many values a paste holds, as the core reads it: one per non-empty line, less a first
 * line that does not start with a digit (a header row).
 */
export function countPastedValues(text: string): number {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length && !/^\s*\d/.test(lines[0])) lines.shift();
  return lines.length;
}
