// Signing in with the organisation's account (OpenID Connect) in a browser: the provider sends the
// browser back to the app's own address with `?code=…&state=…` (or `?error=…`) in the query, the
// app's pages being in the hash. At start-up that answer, if there is one, is handed to the core.
import { call, toApiError } from '$lib/api';
import type { OrgCallback } from '$lib/api';
import { applyStatus, refreshStatus, session } from '$lib/session.svelte';

/** The provider's answer in an address's query (e.g. "?code=…&state=…"), or null if it has none. */
export function orgCallback(search: string): OrgCallback | null {
  const query = new URLSearchParams(search);
  if (!query.has('state') || (!query.has('code') && !query.has('error'))) return null;
  return {
    code: query.get('code') ?? '',
    state: query.get('state') ?? '',
    error: query.get('error') ?? '',
    error_description: query.get('error_description') ?? '',
  };
}

/**
 * Shows why organisation sign-in did not work on the sign-in screen. A refusal comes as
 * "unauthenticated", which also leaves its words as the signed-out notice: said once is enough.
 */
export function showOrgError(e: unknown): void {
  const error = toApiError(e);
  if (session.notice === error.message) session.notice = null;
  session.orgError = error;
}

/**
 * At start-up: finishes an organisation sign-in the browser has just come back from, or else
 * asks the core where we stand. Until this is done the app shows that it is loading.
 */
export async function startUp(): Promise<void> {
  const answer = orgCallback(window.location.search);
  if (!answer) return refreshStatus();
  // The code works once: off the address bar first, so reloading or bookmarking cannot resend it.
  window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  try {
    const status = await call('finish_org_sign_in', answer);
    await applyStatus(status, '/');
  } catch (e) {
    await refreshStatus();
    showOrgError(e);
  }
}
