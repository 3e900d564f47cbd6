// The records an account can be tied to (a fellow's own record, or a host organisation), for the
// forms that make accounts. Only some roles need them, so a failed fetch just leaves a list empty.
import { call } from '$lib/api';
import type { ApiError, Fellow, HostOrg } from '$lib/api';

export class LinkableRecords {
  fellows = $state<Fellow[]>([]);
  hosts = $state<HostOrg[]>([]);

  constructor() {
    void Promise.allSettled([
      call('list_fellows', { search: null, cohort_id: null, profession: null, host_id: null, status: null }),
      call('list_hosts', null),
    ]).then(([f, h]) => {
      if (f.status === 'fulfilled') this.fellows = f.value;
      if (h.status === 'fulfilled') this.hosts = h.value;
    });
  }
}

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
