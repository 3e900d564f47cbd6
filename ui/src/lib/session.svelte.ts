// What the whole app needs to know: the core's AppStatus (who is signed in, which programme,
// demo or not) and the reference data that labels every coded value.
import { call, onUnauthenticated, toApiError } from '$lib/api';
import type { ApiError, AppStatus, ReferenceData } from '$lib/api';
import { navigate } from '$lib/router.svelte';

type Session = {
  status: AppStatus | null;
  reference: ReferenceData | null;
  error: ApiError | null;
  /** Why the user was signed out without asking (an idle session), for the sign-in screen. */
  notice: string | null;
  /** Why signing in with the organisation's account did not work, for the sign-in screen. */
  orgError: ApiError | null;
};

export const session = $state<Session>({ status: null, reference: null, error: null, notice: null, orgError: null });

/**
 * Takes the status a session command returned; loads reference data once someone is signed in.
 * `goTo` is navigated to in the same tick as the status changes, so no page flashes between.
 */
export async function applyStatus(status: AppStatus, goTo?: string): Promise<void> {
  session.error = null;
  if (status.user) session.notice = null;
  if (status.user || status.second_step) session.orgError = null;
  if (status.user && !session.reference) {
    try {
      session.reference = await call('reference_data', null);
    } catch (e) {
      session.error = toApiError(e);
    }
  }
  if (goTo) navigate(goTo);
  session.status = status;
}

/** Asks the core where we stand; used at start and whenever a call says the session ended. */
export async function refreshStatus(): Promise<void> {
  try {
    await applyStatus(await call('app_status', null));
  } catch (e) {
    session.error = toApiError(e);
  }
}

export function isFaculty(): boolean {
  return session.status?.user?.role === 'faculty';
}

/** Fellows keep a reflective log; everyone else reads only what fellows share with them. */
export function isFellow(): boolean {
  return session.status?.user?.role === 'fellow';
}

onUnauthenticated((error) => {
  session.notice = error.message;
  void refreshStatus();
});
