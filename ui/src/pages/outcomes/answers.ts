// A response form's answers: which measures to ask, grouped how, and what to send back.
import type { OutcomeAnswer, OutcomeMeasure, OutcomeResponse } from '$lib/api';

export type MeasureGroup = { category: string; measures: OutcomeMeasure[] };

/** Current measures, and retired ones only where this response answered them (nothing recorded is hidden). */
export function shownMeasures(response: OutcomeResponse): OutcomeMeasure[] {
  const answered = new Set(response.answers.map((a) => a.measure_id));
  return response.measures.filter((m) => !m.retired || answered.has(m.id));
}

/** Measures by category, categories in the given order (the reference data's), empty ones left out. */
export function byCategory(measures: readonly OutcomeMeasure[], order: readonly string[]): MeasureGroup[] {
  const categories = [...order, ...measures.map((m) => m.category).filter((c) => !order.includes(c))];
  return [...new Set(categories)]
    .map((category) => ({ category, measures: measures.filter((m) => m.category === category) }))
    .filter((g) => g.measures.length > 0);
}

/** The answers as the form holds them: one string per measure id, "" for no answer. */
export function formAnswers(response: OutcomeResponse): Record<number, string> {
  const out: Record<number, string> = {};
  for (const m of response.measures) out[m.id] = '';
  for (const a of response.answers) out[a.measure_id] = a.value;
  return out;
}

/** One answer per measure asked, as typed; the core treats "" as no answer. */
export function answerList(measures: readonly OutcomeMeasure[], values: Readonly<Record<number, string>>): OutcomeAnswer[] {
  return measures.map((m) => ({ measure_id: m.id, value: values[m.id] ?? '' }));
}
