import { call } from '$lib/api';
import { attempt, type FormErrors } from '$lib/forms/errors.svelte';
import { applyStatus } from '$lib/session.svelte';

/** Opens the demo programme (its own database, signed in as faculty) and shows its fellows. */
export async function exploreDemo(errors: FormErrors): Promise<void> {
  const status = await attempt(errors, () => call('explore_demo', null));
  if (status) await applyStatus(status, '/');
}
