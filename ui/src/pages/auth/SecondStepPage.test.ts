import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Document, SecondStepNeed } from '$lib/api';
import { navigate } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { seriousViolations } from '../../test/axe';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { cohorts, faculty, fellowPicks, fellows, hostPicks, hosts, reference, status } from '../../test/fixtures';
import { CODE, recoveryCodes, secondStepSetup, WAIT, WRONG, wrongCode } from '../../test/secondStepFixtures';
import App from '../../App.svelte';

const { call, saveDocument } = vi.hoisted(() => ({ call: vi.fn(), saveDocument: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call, saveDocument }));

const HINT = 'The 6-digit code your app shows now, or one of your recovery codes.';
const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);

/**
 * A core that holds a right password at the second step. `start` is where the person stands when
 * the app opens; `need` is what a right password leads to.
 */
function core({ start = null, need = 'code', handlers = {} }: { start?: SecondStepNeed | null; need?: SecondStepNeed; handlers?: Handlers } = {}) {
  let held: SecondStepNeed | null = start;
  let signedIn = false;
  call.mockImplementation(
    fakeCore({
      app_status: () => status(signedIn ? faculty : null, { second_step: held }),
      sign_in: ({ password }) => {
        if (password !== 'right password') {
          throw apiError('validation', 'The email address or password is not right.', [
            { field: 'password', message: 'The email address or password is not right.' },
          ]);
        }
        held = need;
        return status(null, { second_step: held });
      },
      verify_second_step: ({ code }) => {
        const plain = code.replace(/[\s-]/g, '').toLowerCase();
        if (plain !== CODE && plain !== 'abcdefgh') throw wrongCode();
        held = null;
        signedIn = true;
        return status(faculty);
      },
      begin_second_step: () => secondStepSetup,
      confirm_second_step: ({ code }) => {
        if (code.replace(/\s/g, '') !== CODE) throw wrongCode();
        held = null;
        signedIn = true;
        return recoveryCodes;
      },
      sign_out: () => {
        held = null;
        signedIn = false;
        return status(null);
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

async function enter(user: ReturnType<typeof userEvent.setup>, code: string) {
  const field = await screen.findByLabelText('Code');
  await user.clear(field);
  await user.type(field, code);
  await user.click(screen.getByTestId('verify-second-step'));
}

async function turnOn(user: ReturnType<typeof userEvent.setup>, code: string) {
  const field = await screen.findByTestId('second-step-code');
  await user.clear(field);
  await user.type(field, code);
  await user.click(screen.getByTestId('confirm-second-step'));
}

beforeEach(() => {
  call.mockReset();
  saveDocument.mockReset();
  Object.assign(session, { status: null, reference: null, error: null, notice: null });
  navigate('/', { replace: true });
});

describe('the code at sign-in', () => {
  it('is asked for after a right password, before anything else', async () => {
    const user = userEvent.setup();
    core();
    render(App);
    await user.type(await screen.findByLabelText('Email address'), 'ada@nhs.net');
    await user.type(screen.getByLabelText('Password'), 'right password');
    await user.click(screen.getByTestId('signin-submit'));

    expect(await screen.findByRole('heading', { level: 1, name: 'Enter the code from your authenticator app' })).toHaveFocus();
    expect(document.title).toBe('Enter the code from your authenticator app – Fellowship');
    const field = screen.getByLabelText('Code');
    expect(field).toBe(screen.getByTestId('verify-code'));
    expect(field).toHaveAttribute('id', 'code');
    expect(field).toHaveAttribute('type', 'text');
    expect(field).toHaveAttribute('autocomplete', 'one-time-code');
    expect(field).toHaveAttribute('inputmode', 'text');
    expect(field).toHaveAttribute('autocapitalize', 'none');
    expect(field).toHaveAccessibleDescription(HINT);
    expect(screen.getByTestId('verify-second-step')).toHaveTextContent('Continue');
    expect(screen.getByText(/Lost your phone\? Enter one of your recovery codes instead/)).toBeInTheDocument();
    expect(screen.getByTestId('second-step-sign-out')).toHaveTextContent('Sign out');
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
    expect(session.status?.user).toBeNull();
    expect(session.reference).toBeNull();
    expect(callsOf('sign_in')).toEqual([{ email: 'ada@nhs.net', password: 'right password' }]);
    expect(callsOf('verify_second_step')).toEqual([]);
  });

  it('is asked for again when the app is opened while held there', async () => {
    core({ start: 'code' });
    navigate('/rater', { replace: true });
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Enter the code from your authenticator app' })).toBeInTheDocument();
    expect(screen.queryByTestId('signin-submit')).toBeNull();
  });

  it('shows a wrong code beside the field and keeps what was typed', async () => {
    const user = userEvent.setup();
    core({ start: 'code' });
    render(App);
    await enter(user, '123456');

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText(WRONG)).toHaveAttribute('href', '#code');
    expect(document.getElementById('code-error')).toHaveTextContent(WRONG);
    expect(screen.getByLabelText('Code')).toHaveAttribute('aria-describedby', 'code-hint code-error');
    expect(screen.getByLabelText('Code')).toHaveValue('123456');
    expect(screen.getByRole('heading', { level: 1, name: 'Enter the code from your authenticator app' })).toBeInTheDocument();
    expect(session.status?.user).toBeNull();
    expect(callsOf('verify_second_step')).toEqual([{ code: '123456' }]);
  });

  it('says to wait after too many wrong codes, beside the field', async () => {
    const user = userEvent.setup();
    core({
      start: 'code',
      handlers: {
        verify_second_step: () => {
          throw apiError('validation', WAIT, [{ field: 'code', message: WAIT }]);
        },
      },
    });
    render(App);
    await enter(user, CODE);
    expect(await screen.findByRole('alert')).toHaveTextContent(WAIT);
    expect(document.getElementById('code-error')).toHaveTextContent(WAIT);
    expect(screen.getByLabelText('Code')).toHaveValue(CODE);
  });

  it('signs in with the right code and opens Today', async () => {
    const user = userEvent.setup();
    core({ start: 'code' });
    render(App);
    await enter(user, '000000');
    await screen.findByRole('alert');
    await enter(user, CODE);

    expect(await screen.findByTestId('today-empty')).toHaveTextContent('Nothing needs you today, Ada.');
    expect(window.location.hash).toBe('#/');
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(session.status?.user).toEqual(faculty);
    expect(session.reference).toEqual(reference);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(callsOf('verify_second_step')).toEqual([{ code: '000000' }, { code: CODE }]);
  });

  it('takes a recovery code in the same box', async () => {
    const user = userEvent.setup();
    core({ start: 'code' });
    render(App);
    await enter(user, 'abcd-efgh');
    expect(await screen.findByTestId('today-empty')).toBeInTheDocument();
    expect(callsOf('verify_second_step')).toEqual([{ code: 'abcd-efgh' }]);
  });

  it('signs out to start again from the password', async () => {
    const user = userEvent.setup();
    core({ start: 'code' });
    render(App);
    await user.click(await screen.findByTestId('second-step-sign-out'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toHaveFocus();
    expect(session.status?.second_step).toBeNull();
    expect(callsOf('sign_out')).toEqual([null]);
    expect(callsOf('verify_second_step')).toEqual([]);
  });

  it('goes back to sign in, saying why, when the held sign-in has ended', async () => {
    const user = userEvent.setup();
    const ended = 'Your sign-in took too long. Sign in again.';
    let held: SecondStepNeed | null = 'code';
    core({
      handlers: {
        app_status: () => status(null, { second_step: held }),
        verify_second_step: () => {
          held = null;
          throw apiError('unauthenticated', ended);
        },
      },
    });
    render(App);
    await enter(user, CODE);
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(await screen.findByTestId('signed-out-notice')).toHaveTextContent(ended);
  });

  it('has no serious accessibility problems: asked, and with a wrong code', async () => {
    const user = userEvent.setup();
    core({ start: 'code' });
    render(App);
    await screen.findByTestId('verify-second-step');
    expect(await seriousViolations()).toEqual([]);
    await enter(user, '123456');
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
  });
});

describe('setting up a second step the programme requires', () => {
  it('explains why, and shows the QR code and the key to type by hand', async () => {
    const user = userEvent.setup();
    core({ need: 'setup' });
    render(App);
    await user.type(await screen.findByLabelText('Email address'), 'ada@nhs.net');
    await user.type(screen.getByLabelText('Password'), 'right password');
    await user.click(screen.getByTestId('signin-submit'));

    expect(await screen.findByRole('heading', { level: 1, name: 'Set up a second step at sign-in' })).toHaveFocus();
    expect(document.title).toBe('Set up a second step at sign-in – Fellowship');
    expect(screen.getByText(/North West Fellows requires faculty to use a second step when they sign in/)).toBeInTheDocument();
    expect(await screen.findByText(/Install an authenticator app on your phone/)).toHaveTextContent('Microsoft Authenticator');
    // The set-up, once loaded, leaves the focus on the page's title, where the page starts.
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
    const qr = screen.getByRole('img', { name: 'QR code to add this programme to your authenticator app' });
    expect(qr).toHaveAttribute('src', secondStepSetup.qr_image);
    const details = screen.getByTestId('second-step-cannot-scan').closest('details')!;
    expect(details).not.toHaveAttribute('open');
    expect(screen.getByTestId('second-step-cannot-scan')).toHaveTextContent('Cannot scan the code?');
    expect(screen.getByTestId('second-step-key')).toHaveTextContent(secondStepSetup.key);
    await user.click(screen.getByTestId('second-step-cannot-scan'));
    expect(details).toHaveAttribute('open');

    const field = screen.getByLabelText('Code');
    expect(field).toBe(screen.getByTestId('second-step-code'));
    expect(field).toHaveAttribute('autocomplete', 'one-time-code');
    expect(screen.getByTestId('confirm-second-step')).toHaveTextContent('Turn on');
    // Required: there is no leaving it half done, only signing out.
    expect(screen.queryByTestId('cancel-second-step-setup')).toBeNull();
    expect(screen.getByTestId('second-step-sign-out')).toBeInTheDocument();
    expect(callsOf('begin_second_step')).toEqual([null]);
  });

  it('shows a wrong code beside the field and keeps what was typed', async () => {
    const user = userEvent.setup();
    core({ start: 'setup' });
    render(App);
    await turnOn(user, '111111');

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('The second step was not turned on');
    expect(within(summary).getByText(WRONG)).toHaveAttribute('href', '#second-step-code');
    expect(document.getElementById('second-step-code-error')).toHaveTextContent(WRONG);
    expect(screen.getByTestId('second-step-code')).toHaveValue('111111');
    expect(screen.queryByTestId('recovery-codes')).toBeNull();
    expect(callsOf('confirm_second_step')).toEqual([{ code: '111111' }]);
  });

  it('says so when the set-up cannot start', async () => {
    core({ start: 'setup', handlers: { begin_second_step: () => Promise.reject(apiError('internal', 'Something went wrong.')) } });
    render(App);
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('The set-up could not start');
    expect(summary).toHaveTextContent('Something went wrong.');
    expect(screen.queryByTestId('confirm-second-step')).toBeNull();
    expect(screen.getByTestId('second-step-sign-out')).toBeInTheDocument();
  });

  it('turns it on, shows the recovery codes once, and signs in when they are kept', async () => {
    const user = userEvent.setup();
    core({ start: 'setup' });
    render(App);
    await turnOn(user, CODE);

    const banner = await screen.findByTestId('second-step-on');
    expect(banner).toHaveTextContent('Your second step at sign-in is on.');
    expect(within(banner).getByRole('heading', { name: 'Success' })).toHaveFocus();
    const list = screen.getByTestId('recovery-codes');
    expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual(recoveryCodes.codes);
    expect(screen.getByText(/Each code works once/)).toBeInTheDocument();
    expect(screen.getByText(/such as a password manager/)).toBeInTheDocument();
    expect(screen.getByText(/This is the only time they are shown/)).toBeInTheDocument();
    expect(screen.queryByTestId('second-step-code')).toBeNull();
    // Still on this page, however long they take to keep the codes.
    const asked = callsOf('app_status').length;
    expect(session.status?.user).toBeNull();

    await user.click(screen.getByTestId('recovery-codes-kept'));
    expect(await screen.findByTestId('today-empty')).toBeInTheDocument();
    expect(callsOf('app_status')).toHaveLength(asked + 1);
    expect(screen.getByTestId('confirmation')).toHaveTextContent('Your second step at sign-in is on. You are signed in.');
    expect(session.status?.user).toEqual(faculty);
    expect(screen.queryByTestId('recovery-codes')).toBeNull();
    expect(screen.queryByText(recoveryCodes.codes[0])).toBeNull();
    expect(callsOf('confirm_second_step')).toEqual([{ code: CODE }]);
  });

  it('offers the codes as a text file to keep', async () => {
    const user = userEvent.setup();
    saveDocument.mockResolvedValue('fellowship-recovery-codes.txt (your browser\'s downloads)');
    core({ start: 'setup' });
    render(App);
    await turnOn(user, CODE);
    await user.click(await screen.findByTestId('download-recovery-codes'));

    expect(await screen.findByTestId('download-recovery-codes-saved')).toHaveTextContent(
      "Saved to fellowship-recovery-codes.txt (your browser's downloads)",
    );
    const [file] = saveDocument.mock.calls[0] as [Document];
    expect(file.file_name).toBe('fellowship-recovery-codes.txt');
    expect(file.mime).toBe('text/plain;charset=utf-8');
    const text = new TextDecoder().decode(Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0)));
    expect(text).toContain('Recovery codes for North West Fellows');
    expect(text).toContain('Each code works once.');
    expect(text.split('\r\n').filter((line) => recoveryCodes.codes.includes(line))).toEqual(recoveryCodes.codes);
    expect(screen.getByTestId('recovery-codes')).toBeInTheDocument();
  });

  it('has no serious accessibility problems: the set-up, with a wrong code, and the codes', async () => {
    const user = userEvent.setup();
    core({ start: 'setup' });
    render(App);
    await screen.findByTestId('confirm-second-step');
    expect(await seriousViolations()).toEqual([]);
    await turnOn(user, '111111');
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
    await turnOn(user, CODE);
    await screen.findByTestId('recovery-codes');
    expect(await seriousViolations()).toEqual([]);
  });
});
