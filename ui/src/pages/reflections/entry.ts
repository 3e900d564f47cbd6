// How an entry is named, dated and linked wherever it is listed or shown.
import type { ReflectionSummary } from '$lib/api';
import { formatDate } from '$lib/format';

/** A draft opens to carry on writing; a finished entry opens to read (and share). */
export function entryPath(entry: Pick<ReflectionSummary, 'id' | 'is_draft'>): string {
  return entry.is_draft ? `/reflections/${entry.id}/edit` : `/reflections/${entry.id}`;
}

/** The entry's title, or "Untitled draft" while it has none. */
export function entryTitle(title: string): string {
  return title.trim() || 'Untitled draft';
}

/** The date of the experience as "3 Nov 2026", or "No date yet". */
export function entryDate(happenedOn: string | null): string {
  return happenedOn ? formatDate(happenedOn) : 'No date yet';
}
