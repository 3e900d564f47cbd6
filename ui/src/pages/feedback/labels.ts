// Words and numbers for the 360° feedback area, from the core's reference data.
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
