// Rater mode's own words. A rater has no account, and reference data is for signed-in users
// only, so the labels are written out here, as a rater would read them.
import type { RaterGroup, RoundKind } from '$lib/api';

const AS_GROUP: Record<RaterGroup, string> = {
  line_manager: 'their line manager',
  peer: 'a peer',
  direct_report: 'someone who reports to them',
  other: 'a colleague',
  service_user: 'a service user or citizen partner',
};

const ROUND: Record<RoundKind, string> = {
  baseline: 'start-of-year',
  end_of_year: 'end-of-year',
};

/** "a peer", "their line manager". */
export function asGroup(group: RaterGroup): string {
  return AS_GROUP[group] ?? 'a colleague';
}

/** "start-of-year", "end-of-year". */
export function roundWord(kind: RoundKind): string {
  return ROUND[kind] ?? '';
}
