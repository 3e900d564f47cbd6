// The 360° rating scale in words, for the rater's questionnaire, the self-assessment and the
// framework pages.
import type { ScalePoint } from '$lib/api';

/** The radio value for "Not observed", sent as a null rating. */
export const NOT_OBSERVED = 'none';

/** Importance uses the scale's numbers: its words describe behaviour, not importance. */
export function importanceLabel(point: ScalePoint, scale: readonly ScalePoint[]): string {
  if (point.value === scale[0]?.value) return `${point.value} (least important)`;
  if (point.value === scale[scale.length - 1]?.value) return `${point.value} (most important)`;
  return String(point.value);
}
