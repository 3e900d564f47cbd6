// Words for the outbox's states. The core sends states as codes; faculty need plain labels.
// Colour is a second cue only: the tag's text says the state.

type StateWords = { label: string; colour: string };

const STATES: Record<string, StateWords> = {
  queued: { label: 'Queued', colour: 'nhsuk-tag--blue' },
  sending: { label: 'Sending', colour: 'nhsuk-tag--blue' },
  sent: { label: 'Sent', colour: 'nhsuk-tag--green' },
  failed: { label: 'Failed', colour: 'nhsuk-tag--red' },
  held: { label: 'Held for a digest', colour: 'nhsuk-tag--grey' },
  digested: { label: 'Sent in a digest', colour: 'nhsuk-tag--grey' },
  dropped: { label: 'Not sent', colour: 'nhsuk-tag--grey' },
};

export function stateTag(state: string): StateWords {
  return STATES[state] ?? { label: state, colour: 'nhsuk-tag--grey' };
}

/** The states faculty filter by, with what to say when none are in that state. */
export const FILTERS = [
  { value: 'queued', label: 'Queued', none: 'No messages are queued.' },
  { value: 'held', label: 'Held for a digest', none: 'No messages are held for a digest.' },
  { value: 'sent', label: 'Sent', none: 'No messages have been sent.' },
  { value: 'failed', label: 'Failed', none: 'No messages have failed.' },
] as const;

/** What to say when the list is empty: nothing at all yet, or nothing in the state chosen. */
export function emptyText(state: string): string {
  return FILTERS.find((f) => f.value === state)?.none ?? 'No messages yet.';
}

/** The server's reason is worth showing while a message waits to be tried again, or has failed. */
export function showsReason(state: string): boolean {
  return state === 'failed' || state === 'queued';
}

/** Messages to a page of the outbox. */
export const OUTBOX_PAGE_SIZE = 25;

/** "2 tries" while the count matters (a message waiting to be tried again, or failed); else "". */
export function triesText(message: { state: string; attempts: number }): string {
  if (!showsReason(message.state) || message.attempts === 0) return '';
  return message.attempts === 1 ? '1 try' : `${message.attempts} tries`;
}

/** A state from the address, if it is one the filter offers; "" (all messages) otherwise. */
export function filterFrom(raw: string | null): string {
  return FILTERS.some((f) => f.value === raw) ? (raw as string) : '';
}
