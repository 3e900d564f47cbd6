import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrgCallback } from '$lib/api';
import { navigate } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { apiError, fakeCore, type Handlers } from '../test/fakeCore';
import { faculty, reference, status } from '../test/fixtures';
import { orgCallback, startUp } from './orgSignIn';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);
const offered = { org_sign_in: { required: false } };
const NO_ACCOUNT = 'There is no Fellowship account for kim@nhs.net. Ask the programme office to invite you, then sign in again.';

function core(handlers: Handlers = {}) {
  call.mockImplementation(
    fakeCore({
      app_status: () => status(null, offered),
      finish_org_sign_in: () => status(faculty, offered),
      reference_data: () => reference,
      ...handlers,
    }),
  );
}

/** The browser, as the provider sends it back: at the app's root address, with the answer in the query. */
function arrive(address: string) {
  window.history.replaceState(null, '', address);
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: null, reference: null, error: null, notice: null, orgError: null });
});

afterEach(() => {
  navigate('/', { replace: true });
  window.history.replaceState(null, '', '/');
});

describe('reading the provider’s answer', () => {
  it('takes the code and state, with the rest empty', () => {
    expect(orgCallback('?code=abc123&state=xyz')).toEqual<OrgCallback>({ code: 'abc123', state: 'xyz', error: '', error_description: '' });
  });

  it('takes a refusal with its description', () => {
    expect(orgCallback('?error=access_denied&state=xyz&error_description=The+user+cancelled')).toEqual<OrgCallback>({
      code: '',
      state: 'xyz',
      error: 'access_denied',
      error_description: 'The user cancelled',
    });
  });

  it('is not an answer without a state, or with neither a code nor an error', () => {
    expect(orgCallback('')).toBeNull();
    expect(orgCallback('?code=abc123')).toBeNull();
    expect(orgCallback('?error=access_denied')).toBeNull();
    expect(orgCallback('?state=xyz')).toBeNull();
    expect(orgCallback('?utm_source=email')).toBeNull();
  });
});

describe('starting the app', () => {
  it('only asks where we stand when there is no answer in the address', async () => {
    core();
    arrive('/#/fellows');
    await startUp();
    expect(callsOf('app_status')).toEqual([null]);
    expect(callsOf('finish_org_sign_in')).toEqual([]);
    expect(session.status?.org_sign_in).toEqual({ required: false });
    expect(window.location.hash).toBe('#/fellows');
  });

  it('takes the answer off the address bar, hands it to the core, and signs in', async () => {
    let seen = '';
    core({
      finish_org_sign_in: () => {
        seen = window.location.href;
        return status(faculty, offered);
      },
    });
    arrive('/?code=abc123&state=xyz#/fellows');
    await startUp();

    expect(callsOf('finish_org_sign_in')).toEqual([{ code: 'abc123', state: 'xyz', error: '', error_description: '' }]);
    // Gone before the core was asked: a reload cannot send the code again.
    expect(seen).not.toContain('code=');
    expect(window.location.search).toBe('');
    expect(window.location.pathname).toBe('/');
    expect(window.location.hash).toBe('#/');
    expect(session.status?.user).toEqual(faculty);
    expect(session.reference).toEqual(reference);
    expect(session.orgError).toBeNull();
    expect(callsOf('app_status')).toEqual([]);
  });

  it('holds a sign-in at the second step, as a password does', async () => {
    core({ finish_org_sign_in: () => status(null, { ...offered, second_step: 'code' }) });
    arrive('/?code=abc123&state=xyz');
    await startUp();
    expect(session.status?.user).toBeNull();
    expect(session.status?.second_step).toBe('code');
    expect(session.orgError).toBeNull();
  });

  it('keeps a refusal for the sign-in page, said once, and asks where we stand', async () => {
    core({ finish_org_sign_in: () => Promise.reject(apiError('unauthenticated', NO_ACCOUNT)) });
    arrive('/?code=abc123&state=xyz');
    await startUp();

    expect(window.location.search).toBe('');
    expect(session.orgError?.message).toBe(NO_ACCOUNT);
    expect(session.notice).toBeNull();
    expect(session.status?.user).toBeNull();
    expect(callsOf('app_status').length).toBeGreaterThan(0);
  });

  it('passes the provider’s own refusal on to the core, which words it', async () => {
    const cancelled = 'You cancelled signing in with your organisation account.';
    core({ finish_org_sign_in: () => Promise.reject(apiError('unauthenticated', cancelled)) });
    arrive('/?error=access_denied&state=xyz&error_description=AADSTS65004');
    await startUp();
    expect(callsOf('finish_org_sign_in')).toEqual([
      { code: '', state: 'xyz', error: 'access_denied', error_description: 'AADSTS65004' },
    ]);
    expect(session.orgError?.message).toBe(cancelled);
  });

  it('is cleared by signing in', async () => {
    core();
    session.orgError = apiError('unauthenticated', NO_ACCOUNT);
    arrive('/?code=abc123&state=xyz');
    await startUp();
    expect(session.orgError).toBeNull();
  });
});
