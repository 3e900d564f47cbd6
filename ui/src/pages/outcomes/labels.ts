// Words for alumni outcomes, from the core's reference data.
import type { FollowUpState, OutcomeMeasure } from '$lib/api';
import { labelFor } from '$lib/format';
import { session } from '$lib/session.svelte';

/** "Not due yet", "Due", "Overdue", "Done". */
export function stateLabel(state: FollowUpState): string {
  return labelFor(session.reference?.follow_up_states, state);
}

/** "Career", "Challenge legacy", … */
export function categoryLabel(category: string): string {
  return labelFor(session.reference?.outcome_categories, category);
}

/** "Kirkpatrick level: 3B Learner achievements". */
export function kirkpatrickHint(measure: OutcomeMeasure): string {
  return `Kirkpatrick level: ${labelFor(session.reference?.kirkpatrick_levels, measure.kirkpatrick)}`;
}

/** "1 = Strongly disagree, 5 = Strongly agree", or "" when the ends have no words. */
export function scaleEnds(measure: OutcomeMeasure): string {
  const top = measure.scale_points ?? 5;
  const ends = [
    measure.scale_low ? `1 = ${measure.scale_low}` : '',
    measure.scale_high ? `${top} = ${measure.scale_high}` : '',
  ].filter(Boolean);
  return ends.join(', ');
}
