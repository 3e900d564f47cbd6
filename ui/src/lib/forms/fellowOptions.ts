// Fellows as choices in a picker. A programme runs for years, so names repeat across cohorts and
// most fellows have finished: each choice says which cohort and host organisation it is, and the
// finished are left out unless asked for, or already chosen.
import type { Fellow, FellowStatus } from '$lib/api';
import type { SelectOption } from '$lib/components/SelectField.svelte';

/** Fellows who are no longer on the programme. */
const FINISHED: readonly FellowStatus[] = ['completed', 'withdrawn'];

export function isFinished(fellow: Pick<Fellow, 'status'>): boolean {
  return FINISHED.includes(fellow.status);
}

type Labelled = Pick<Fellow, 'id' | 'name' | 'cohort_name' | 'host_name' | 'status' | 'email'>;

/** "2026/27, Barts Health", with "(completed)" or "(withdrawn)" for one who has finished. */
export function fellowDetails(fellow: Labelled, { cohort = true } = {}): string {
  const where = [cohort ? fellow.cohort_name : '', fellow.host_name ?? 'no host organisation'].filter(Boolean).join(', ');
  return `${where}${isFinished(fellow) ? ` (${fellow.status})` : ''}`;
}

/** "Amira Khan — 2026/27, Barts Health". */
export function fellowLabel(fellow: Labelled, options: { cohort?: boolean } = {}): string {
  return `${fellow.name} — ${fellowDetails(fellow, options)}`;
}

export type FellowChoiceOptions = {
  /** Show completed and withdrawn fellows too. */
  includeFinished: boolean;
  /** Ids already chosen: listed whatever their status, so a choice never silently vanishes. */
  keep?: readonly (number | string)[];
  /** Say the cohort in each label; off where every fellow listed is in one cohort. */
  cohort?: boolean;
};

/** The fellows to offer, by name, then cohort, then host. */
export function fellowChoices<F extends Labelled>(fellows: readonly F[] | null | undefined, options: FellowChoiceOptions): F[] {
  const keep = new Set((options.keep ?? []).map(String));
  return (fellows ?? [])
    .filter((f) => options.includeFinished || !isFinished(f) || keep.has(String(f.id)))
    .sort(
      (a, b) =>
        a.name.localeCompare(b.name) ||
        // Newest cohort first: the fellow someone most likely means.
        b.cohort_name.localeCompare(a.cohort_name) ||
        (a.host_name ?? '').localeCompare(b.host_name ?? ''),
    );
}

/** The fellows to offer as select options (values are ids as strings), each label unique. */
export function fellowOptions(fellows: readonly Labelled[] | null | undefined, options: FellowChoiceOptions): SelectOption[] {
  const chosen = fellowChoices(fellows, options);
  const labels = chosen.map((f) => fellowLabel(f, options));
  const count = new Map<string, number>();
  for (const label of labels) count.set(label, (count.get(label) ?? 0) + 1);
  // Two fellows alike in name, cohort and host are told apart by their email address.
  return chosen.map((f, i) => ({
    value: String(f.id),
    label: count.get(labels[i])! > 1 ? `${labels[i]}, ${f.email || `record ${f.id}`}` : labels[i],
  }));
}

/** How many finished fellows the list leaves out, for the tick box that brings them in. */
export function finishedCount(fellows: readonly Pick<Fellow, 'status'>[] | null | undefined): number {
  return (fellows ?? []).filter(isFinished).length;
}
