// Words and numbers for the 360° feedback area, from the core's reference data.
import type { GroupProgress, ReportState, Round } from '$lib/api';
import { labelFor } from '$lib/format';
import { session } from '$lib/session.svelte';

/** "Line manager", "Peers", "Direct reports", ... */
export function groupLabel(group: string): string {
  return labelFor(session.reference?.rater_groups, group);
}

/** "Baseline (start of year)", "End of year". */
export function roundKindLabel(kind: string): string {
  return labelFor(session.reference?.round_kinds, kind);
}

/** A mean carried in hundredths, as "3.45". */
export function hundredths(h: number): string {
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** "Baseline (start of year): 2026/27", the name of a round. */
export function roundTitle(round: Round): string {
  return `${roundKindLabel(round.kind)}: ${round.cohort_name}`;
}

/** A change in hundredths with its sign always shown, as "+0.45" or "-0.10". */
export function signedHundredths(h: number): string {
  return h > 0 ? `+${hundredths(h)}` : hundredths(h);
}

/** "2 of 3 (4 nominated)": responses so far against the group's minimum. */
export function groupProgress(g: GroupProgress): string {
  return `${g.responses} of ${g.minimum} (${g.nominated} nominated)`;
}

/** Where a closed round's report has got to, furthest step first. */
export function reportStateLabel(state: ReportState): string {
  if (state.shared_with_host) return 'Shared with host';
  if (state.released) return 'Released';
  if (state.reviewed) return 'Reviewed';
  return 'Not reviewed';
}
