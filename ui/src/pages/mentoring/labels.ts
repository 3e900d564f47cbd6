// Words for the mentoring area, from the core's reference data.
import type { Relationship } from '$lib/api';
import { countOf, labelFor } from '$lib/format';
import { session } from '$lib/session.svelte';

/** "Workplace mentor", "Coach", "System mentor". */
export function kindLabel(kind: string): string {
  return labelFor(session.reference?.relationship_kinds, kind);
}

/** "In person", "Video call", "Phone". */
export function modeLabel(mode: string): string {
  return labelFor(session.reference?.session_modes, mode);
}

/** "Coach: Mo Mentor and Sam Fellow". */
export function relationshipTitle(r: Relationship): string {
  return `${kindLabel(r.kind)}: ${r.person_name} and ${r.fellow_name}`;
}

/** "60 minutes". */
export function minutes(n: number): string {
  return countOf(n, 'minute');
}
