// Words for the audit trail's codes. The core records commands and actions as codes; people
// reading the trail need plain labels.
export { formatDateTime } from '$lib/format';

export const ACTIONS = [
  { value: 'view', label: 'Viewed' },
  { value: 'change', label: 'Changed' },
  { value: 'export', label: 'Exported' },
  { value: 'sign_in', label: 'Signed in' },
] as const;

export function actionLabel(action: string): string {
  return ACTIONS.find((a) => a.value === action)?.label ?? action;
}

/** "get_fellow" as "Get fellow". */
export function commandLabel(command: string): string {
  const words = command.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// Colour is a second cue only: the tag's text says the outcome.
const OUTCOMES: Record<string, { label: string; colour: string }> = {
  done: { label: 'Done', colour: 'nhsuk-tag--green' },
  refused: { label: 'Refused', colour: 'nhsuk-tag--red' },
  failed: { label: 'Failed', colour: 'nhsuk-tag--orange' },
};

export function outcomeTag(outcome: string): { label: string; colour: string } {
  return OUTCOMES[outcome] ?? { label: outcome, colour: 'nhsuk-tag--grey' };
}
