import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { AppStatus, OrgSignInOffer, OrgSignInStarted } from '$lib/api';
import { navigate } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { seriousViolations } from '../../test/axe';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { cohorts, faculty, fellowPicks, fellows, hostPicks, hosts, reference, status } from '../../test/fixtures';
import App from '../../App.svelte';

const { call, inDesktopApp } = vi.hoisted(() => ({ call: vi.fn(), inDesktopApp: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call, inDesktopApp }));

const PROVIDER = 'https://login.microsoftonline.com/tenant/oauth2/v2.0/authorize?client_id=abc&state=xyz';
const TOO_LONG = 'Signing in with your organisation account took longer than 10 minutes. Start again.';
const NO_ACCOUNT = 'There is no Fellowship account for kim@nhs.net. Ask the programme office to invite you, then sign in again.';
const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);

/**
 * A core offering organisation sign-in. `answers` are what each check says while the desktop app
 * waits: null for not yet, a status when done, an Error for a refusal.
 */
function core({
  offer = { required: false },
  started = { url: PROVIDER, waits_here: false, browser_opened: false },
  answers = [],
  handlers = {},
}: { offer?: OrgSignInOffer; started?: OrgSignInStarted; answers?: (AppStatus | Error | null)[]; handlers?: Handlers } = {}) {
  const waiting = [...answers];
  call.mockImplementation(
    fakeCore({
      app_status: () => status(null, { org_sign_in: offer }),
      begin_org_sign_in: () => started,
      check_org_sign_in: () => {
        const next = waiting.shift();
        if (next instanceof Error) throw apiError('unauthenticated', next.message);
        return next ? { done: true, status: next } : { done: false, status: status(null, { org_sign_in: offer }) };
      },
      reference_data: () => reference,
      list_fellows: () => fellows,
      pick_fellows: fellowPicks(),
      list_cohorts: () => cohorts,
      list_hosts: () => hosts,
      pick_hosts: hostPicks(),
      my_today: () => ({ on: '2026-12-03', since: null, items: [] }),
      ...handlers,
    }),
  );
}

/** The desktop app asks again every 1.5 seconds. */
const nextCheck = () => vi.advanceTimersByTimeAsync(1500);

beforeEach(() => {
  call.mockReset();
  inDesktopApp.mockReset();
  inDesktopApp.mockReturnValue(false);
  Object.assign(session, { status: null, reference: null, error: null, notice: null, orgError: null });
  navigate('/', { replace: true });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the sign-in page, where the programme offers organisation sign-in', () => {
  it('puts the organisation’s account first, then the password form', async () => {
    core();
    render(App);
    const button = await screen.findByTestId('org-sign-in');
    expect(button).toHaveAccessibleName('Sign in with your organisation account');
    expect(button).toHaveAccessibleDescription('Use the account you sign in to at work (for example NHSmail)');
    expect(button).toHaveClass('nhsuk-button');
    const between = screen.getByRole('heading', { level: 2, name: 'Or sign in with your email address and password' });
    expect(button.compareDocumentPosition(between) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(between.compareDocumentPosition(screen.getByLabelText('Email address')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByLabelText('Email address')).toHaveAttribute('id', 'email');
    expect(screen.getByLabelText('Password')).toHaveAttribute('id', 'password');
    expect(screen.getByTestId('signin-submit')).toBeInTheDocument();
    expect(screen.queryByText(/Only for accounts the programme office/)).toBeNull();
  });

  it('keeps the password form for the few allowed it, when organisation sign-in is required', async () => {
    const user = userEvent.setup();
    core({ offer: { required: true }, handlers: { sign_in: () => status(faculty, { org_sign_in: { required: true } }) } });
    render(App);
    await screen.findByTestId('org-sign-in');
    expect(screen.getByRole('heading', { level: 2, name: 'Signing in with a password' })).toBeInTheDocument();
    expect(screen.getByText('Only for accounts the programme office has allowed to keep a password.')).toBeInTheDocument();
    expect(screen.queryByText('Or sign in with your email address and password')).toBeNull();

    await user.type(screen.getByLabelText('Email address'), 'ada@nhs.net');
    await user.type(screen.getByLabelText('Password'), 'right password');
    await user.click(screen.getByTestId('signin-submit'));
    expect(await screen.findByTestId('today-empty')).toBeInTheDocument();
  });

  it('offers nothing of it when organisation sign-in is off', async () => {
    core({ handlers: { app_status: () => status(null) } });
    render(App);
    await screen.findByTestId('signin-submit');
    expect(screen.queryByTestId('org-sign-in')).toBeNull();
    expect(screen.queryByRole('heading', { level: 2, name: /password/ })).toBeNull();
  });
});

describe('in a browser', () => {
  it('sends the browser to the organisation’s sign-in page, to come back to this address', async () => {
    const user = userEvent.setup();
    core();
    render(App);
    const button = await screen.findByTestId('org-sign-in');
    const assign = vi.fn();
    const here = `${window.location.origin}/`;
    vi.stubGlobal('location', { origin: window.location.origin, href: window.location.href, assign });
    await user.click(button);

    await waitFor(() => expect(assign).toHaveBeenCalledWith(PROVIDER));
    expect(callsOf('begin_org_sign_in')).toEqual([{ return_to: here }]);
    // Busy until the browser has gone, so a second press does not start another.
    expect(button).toBeDisabled();
    expect(screen.queryByTestId('org-waiting')).toBeNull();
    expect(callsOf('check_org_sign_in')).toEqual([]);
  });

  it('shows a problem starting in the error summary, and can start again', async () => {
    const user = userEvent.setup();
    const refused = 'Organisation sign-in is not set up completely. Ask the programme office.';
    core({ handlers: { begin_org_sign_in: () => Promise.reject(apiError('conflict', refused)) } });
    render(App);
    await user.click(await screen.findByTestId('org-sign-in'));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent(refused);
    expect(screen.getByTestId('org-sign-in')).toBeEnabled();
    expect(session.orgError?.message).toBe(refused);
  });
});

describe('in the desktop app', () => {
  const opened: OrgSignInStarted = { url: PROVIDER, waits_here: true, browser_opened: true };

  beforeEach(() => {
    inDesktopApp.mockReturnValue(true);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });

  it('waits for the system browser, asking every moment, and signs in when it is done', async () => {
    const user = userEvent.setup({ delay: null });
    core({ started: opened, answers: [null, null, status(faculty, { org_sign_in: { required: false } })] });
    render(App);
    await user.click(await screen.findByTestId('org-sign-in'));

    const panel = await screen.findByTestId('org-waiting');
    expect(panel).toHaveAttribute('role', 'status');
    expect(within(panel).getByRole('heading', { name: 'Continue in your browser' })).toHaveFocus();
    expect(panel).toHaveTextContent(
      "We opened your organisation's sign-in page in your browser. Sign in there, then come back to this window.",
    );
    expect(within(panel).queryByRole('link')).toBeNull();
    expect(screen.queryByTestId('org-sign-in')).toBeNull();
    expect(callsOf('begin_org_sign_in')).toEqual([{ return_to: '' }]);
    expect(callsOf('check_org_sign_in')).toEqual([]);

    await nextCheck();
    expect(callsOf('check_org_sign_in')).toHaveLength(1);
    await nextCheck();
    expect(callsOf('check_org_sign_in')).toHaveLength(2);
    expect(screen.getByTestId('org-waiting')).toBeInTheDocument();
    await nextCheck();

    expect(await screen.findByTestId('today-empty')).toBeInTheDocument();
    expect(session.status?.user).toEqual(faculty);
    expect(window.location.hash).toBe('#/');
    await nextCheck();
    expect(callsOf('check_org_sign_in')).toHaveLength(3);
  });

  it('goes on to the second step when the account has one', async () => {
    const user = userEvent.setup({ delay: null });
    core({ started: opened, answers: [status(null, { second_step: 'code', org_sign_in: { required: false } })] });
    render(App);
    await user.click(await screen.findByTestId('org-sign-in'));
    await nextCheck();
    expect(await screen.findByRole('heading', { level: 1, name: 'Enter the code from your authenticator app' })).toBeInTheDocument();
  });

  it('gives the address to copy when the browser did not open, never as a link', async () => {
    const user = userEvent.setup({ delay: null });
    core({ started: { ...opened, browser_opened: false } });
    render(App);
    await user.click(await screen.findByTestId('org-sign-in'));

    const panel = await screen.findByTestId('org-waiting');
    const address = within(panel).getByLabelText('Your browser did not open. Copy this address into your browser:');
    expect(address).toBe(screen.getByTestId('org-sign-in-url'));
    expect(address).toHaveValue(PROVIDER);
    expect(address).toHaveAttribute('readonly');
    expect(within(panel).queryByRole('link')).toBeNull();
    expect(panel).not.toHaveTextContent('We opened');
    expect(panel).toHaveTextContent('Sign in there, then come back to this window.');
    vi.useRealTimers();
    expect(await seriousViolations()).toEqual([]);
  });

  it('stops asking at a problem, and shows it in the error summary', async () => {
    const user = userEvent.setup({ delay: null });
    core({ started: opened, answers: [null, new Error(NO_ACCOUNT)] });
    render(App);
    await user.click(await screen.findByTestId('org-sign-in'));
    await nextCheck();
    await nextCheck();

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent(NO_ACCOUNT);
    // Said once: not as a signed-out notice as well.
    expect(screen.queryByTestId('signed-out-notice')).toBeNull();
    expect(screen.queryByTestId('org-waiting')).toBeNull();
    expect(screen.getByTestId('org-sign-in')).toBeEnabled();
    await nextCheck();
    await nextCheck();
    expect(callsOf('check_org_sign_in')).toHaveLength(2);
    vi.useRealTimers();
    expect(await seriousViolations()).toEqual([]);
  });

  it('says when it took too long, and starts again cleanly', async () => {
    const user = userEvent.setup({ delay: null });
    core({ started: opened, answers: [new Error(TOO_LONG)] });
    render(App);
    await user.click(await screen.findByTestId('org-sign-in'));
    await nextCheck();
    expect(await screen.findByRole('alert')).toHaveTextContent(TOO_LONG);

    await user.click(screen.getByTestId('org-sign-in'));
    expect(await screen.findByTestId('org-waiting')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(callsOf('begin_org_sign_in')).toHaveLength(2);
  });

  it('stops waiting on Cancel, back at the button', async () => {
    const user = userEvent.setup({ delay: null });
    core({ started: opened });
    render(App);
    await user.click(await screen.findByTestId('org-sign-in'));
    await nextCheck();
    await user.click(within(await screen.findByTestId('org-waiting')).getByTestId('org-cancel'));

    expect(screen.queryByTestId('org-waiting')).toBeNull();
    expect(await screen.findByTestId('org-sign-in')).toHaveFocus();
    expect(screen.getByTestId('org-sign-in')).toBeEnabled();
    await nextCheck();
    await nextCheck();
    expect(callsOf('check_org_sign_in')).toHaveLength(1);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(session.status?.user).toBeNull();
  });

  it('stops asking when the page goes', async () => {
    const user = userEvent.setup({ delay: null });
    core({ started: opened });
    const { unmount } = render(App);
    await user.click(await screen.findByTestId('org-sign-in'));
    await screen.findByTestId('org-waiting');
    unmount();
    await nextCheck();
    await nextCheck();
    expect(callsOf('check_org_sign_in')).toEqual([]);
  });

  it('has no serious accessibility problems while waiting', async () => {
    const user = userEvent.setup({ delay: null });
    core({ started: opened });
    render(App);
    await user.click(await screen.findByTestId('org-sign-in'));
    await screen.findByTestId('org-waiting');
    // Axe keeps its own time; the checks stay on the stopped clock.
    vi.useRealTimers();
    expect(await seriousViolations()).toEqual([]);
  });
});

describe('coming back from the organisation’s sign-in page in a browser', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('signs in, with the answer taken off the address', async () => {
    core({ handlers: { finish_org_sign_in: () => status(faculty, { org_sign_in: { required: false } }) } });
    window.history.replaceState(null, '', '/?code=abc123&state=xyz#/');
    render(App);
    expect(await screen.findByTestId('today-empty')).toBeInTheDocument();
    expect(window.location.search).toBe('');
    expect(callsOf('finish_org_sign_in')).toEqual([{ code: 'abc123', state: 'xyz', error: '', error_description: '' }]);
  });

  it('shows a refusal on the sign-in page, and a fresh start clears it', async () => {
    const user = userEvent.setup();
    core({ handlers: { finish_org_sign_in: () => Promise.reject(apiError('unauthenticated', NO_ACCOUNT)) } });
    window.history.replaceState(null, '', '/?code=abc123&state=xyz');
    render(App);

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent(NO_ACCOUNT);
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.queryByTestId('signed-out-notice')).toBeNull();
    expect(window.location.search).toBe('');
    expect(await seriousViolations()).toEqual([]);

    // Trying the password instead replaces it with that attempt's own errors.
    call.mockImplementation(
      fakeCore({ sign_in: () => Promise.reject(apiError('validation', 'Enter your password.', [{ field: 'password', message: 'Enter your password.' }])) }),
    );
    await user.click(screen.getByTestId('signin-submit'));
    await waitFor(() => expect(screen.getByRole('alert')).not.toHaveTextContent(NO_ACCOUNT));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter your password.');
    expect(session.orgError).toBeNull();
  });
});
