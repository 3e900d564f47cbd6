// Words for outcome measures, from the core's reference data.
import { labelFor } from '$lib/format';
import { session } from '$lib/session.svelte';

/** "Career", "Challenge legacy", "Scholarly", "Survey item". */
export function categoryLabel(code: string): string {
  return labelFor(session.reference?.outcome_categories, code);
}

/** "Text", "A count (0 or more)", "One of a list", ... */
export function valueTypeLabel(code: string): string {
  return labelFor(session.reference?.outcome_value_types, code);
}

/** "1 Reaction", "2A Attitudes", ... */
export function kirkpatrickLabel(code: string): string {
  return labelFor(session.reference?.kirkpatrick_levels, code);
}
