// The records an account can be tied to (a fellow's own record, or a host organisation), for the
// forms that make accounts: which roles need which.
import type { ApiError } from '$lib/api';

/** A fellow's account belongs to one fellow's record. */
export function needsFellow(role: string): boolean {
  return role === 'fellow';
}

/** Host sponsors, mentors and coaches see one host organisation and its fellows. */
export function needsHost(role: string): boolean {
  return role === 'host_sponsor' || role === 'mentor';
}

/** The core's role is not a free string, so "nothing chosen" is caught before calling it. */
export const NO_ROLE: ApiError = {
  kind: 'validation',
  message: 'Choose a role.',
  field: 'role',
  fields: [{ field: 'role', message: 'Choose what this person does in the programme.' }],
};
