// Words for action learning sets, from the core's reference data.
import type { LearningSet, SetSessionSummary } from '$lib/api';
import { labelFor } from '$lib/format';
import { session } from '$lib/session.svelte';

/** "Present", "Sent apologies", "Absent". */
export function markLabel(mark: string | null | undefined): string {
  return labelFor(session.reference?.attendance_marks, mark);
}

/** "Done", "Partly done", "Not done". */
export function reviewLabel(review: string | null | undefined): string {
  return labelFor(session.reference?.action_reviews, review);
}

/** "3 held, 2 planned". */
export function sessionCounts(set: LearningSet): string {
  return `${set.sessions_held} held, ${set.sessions_planned} planned`;
}

/** "5: 3 done, 1 partly, 1 not done", or "None yet". */
export function reviewCounts(set: LearningSet): string {
  if (set.actions_reviewed === 0) return 'None yet';
  return `${set.actions_reviewed}: ${set.actions_done} done, ${set.actions_partly} partly, ${set.actions_not_done} not done`;
}

/** How many members were marked present at a session. */
export function presentCount(session: SetSessionSummary): number {
  return session.attendance.filter((a) => a.mark === 'present').length;
}
