import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { navigate } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { seriousViolations } from '../../test/axe';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { cohorts, faculty, fellowPicks, fellows, fellowUser, hostPicks, hosts, reference, status } from '../../test/fixtures';
import App from '../../App.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const TOKEN = 'r3Set_kP9zL2mN8-aB4cD6eF1gH5jK0rS2tU9wY3xZc';
const USED = 'This reset link has been used or has expired. Ask your programme office for a new one.';
const HINT = 'At least 12 characters. A few unrelated words together work well.';
const DONE = 'Your password has been changed and you are signed in. Any other sessions of your account have ended.';
const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);

function core(handlers: Handlers = {}) {
  call.mockImplementation(
    fakeCore({
      app_status: () => status(null),
      reset_password: ({ token, password, password_confirm }) => {
        if (token !== TOKEN) throw apiError('validation', USED, [{ field: 'token', message: USED }]);
        const problems = [
          ...(password.length < 12 ? [{ field: 'password', message: 'Use at least 12 characters.' }] : []),
          ...(password !== password_confirm ? [{ field: 'password_confirm', message: 'The two passwords are not the same.' }] : []),
        ];
        if (problems.length) throw apiError('validation', `There are ${problems.length} problems with what you entered.`, problems);
        return status(fellowUser);
      },
      reference_data: () => reference,
      list_fellows: () => fellows,
      pick_fellows: fellowPicks(),
      my_today: () => ({ on: '2026-12-03', since: null, items: [] }),
      list_cohorts: () => cohorts,
      list_hosts: () => hosts,
      pick_hosts: hostPicks(),
      ...handlers,
    }),
  );
}

async function choose(user: ReturnType<typeof userEvent.setup>, password: string, confirm: string) {
  await user.type(await screen.findByLabelText('New password'), password);
  await user.type(screen.getByLabelText('Confirm new password'), confirm);
  await user.click(screen.getByTestId('reset-submit'));
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: null, reference: null, error: null, notice: null });
  navigate(`/reset/${TOKEN}`, { replace: true });
});

describe('the password reset page', () => {
  it('asks for a new password, without anyone signed in', async () => {
    core();
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })).toHaveFocus();
    expect(document.title).toBe('Choose a new password – Fellowship');
    const password = screen.getByLabelText('New password');
    expect(password).toHaveAttribute('id', 'password');
    expect(password).toHaveAttribute('type', 'password');
    expect(password).toHaveAttribute('autocomplete', 'new-password');
    expect(password).toHaveAccessibleDescription(HINT);
    expect(screen.getByLabelText('Confirm new password')).toHaveAttribute('id', 'password_confirm');
    expect(screen.getByTestId('reset-submit')).toHaveTextContent('Save password and sign in');
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
    expect(screen.queryByTestId('signin-submit')).toBeNull();
    expect(callsOf('reset_password')).toEqual([]);
  });

  it('shows problems beside the fields and keeps what was typed', async () => {
    const user = userEvent.setup();
    core();
    render(App);
    await choose(user, 'short', 'shorter');

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('Use at least 12 characters.')).toHaveAttribute('href', '#password');
    expect(document.getElementById('password-error')).toHaveTextContent('Use at least 12 characters.');
    expect(document.getElementById('password_confirm-error')).toHaveTextContent('The two passwords are not the same.');
    expect(screen.getByLabelText('New password')).toHaveAttribute('aria-describedby', 'password-hint password-error');
    expect(screen.getByLabelText('New password')).toHaveValue('short');
    expect(screen.getByLabelText('Confirm new password')).toHaveValue('shorter');
    expect(session.status?.user).toBeNull();
    expect(callsOf('reset_password')).toEqual([{ token: TOKEN, password: 'short', password_confirm: 'shorter' }]);
  });

  it('explains a used or expired link at the top, in words, with the way back to sign in', async () => {
    const user = userEvent.setup();
    core();
    navigate('/reset/spent-token', { replace: true });
    render(App);
    await choose(user, 'new horse battery staple', 'new horse battery staple');

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('This reset link cannot be used');
    expect(summary).toHaveTextContent(USED);
    expect(within(summary).queryByRole('link')).toBeNull();
    expect(summary).toHaveFocus();
    expect(summary.compareDocumentPosition(screen.getByRole('heading', { level: 1 })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.queryByTestId('reset-submit')).toBeNull();
    expect(callsOf('reset_password')).toEqual([
      { token: 'spent-token', password: 'new horse battery staple', password_confirm: 'new horse battery staple' },
    ]);

    await user.click(within(screen.getByTestId('reset-unusable')).getByTestId('reset-sign-in'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });

  it('sets the password, signs the person in and says so on the home page', async () => {
    const user = userEvent.setup();
    core();
    render(App);
    await choose(user, 'new horse battery staple', 'new horse battery staple');

    expect(await screen.findByRole('heading', { level: 1, name: /Today/ })).toBeInTheDocument();
    expect(window.location.hash).toBe('#/');
    expect(session.status?.user).toEqual(fellowUser);
    expect(screen.getByTestId('confirmation')).toHaveTextContent(DONE);
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(callsOf('reset_password')).toEqual([
      { token: TOKEN, password: 'new horse battery staple', password_confirm: 'new horse battery staple' },
    ]);

    // The banner is for this page only.
    await user.click(screen.getByTestId('nav-account'));
    await screen.findByRole('heading', { level: 1, name: 'Your account' });
    expect(screen.queryByText(DONE)).toBeNull();
  });

  it('waits for whoever is signed in here to sign out first', async () => {
    core({ app_status: () => status(faculty) });
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'You are already signed in' })).toBeInTheDocument();
    expect(screen.getByTestId('signed-out-only')).toHaveTextContent(
      'This password reset link is for someone who cannot sign in. You are signed in as Ada Lovelace. To use it, sign out first, then open it again.',
    );
    expect(screen.getByRole('link', { name: 'Change your own password in your account' })).toHaveAttribute('href', '#/account');
    expect(screen.queryByTestId('reset-submit')).toBeNull();
  });

  it('asks for the passphrase first when the programme is encrypted', async () => {
    core({ app_status: () => status(null, { locked: true, encrypted: true, programme: null }) });
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Enter the passphrase' })).toBeInTheDocument();
    expect(screen.queryByTestId('reset-submit')).toBeNull();
  });

  it('has no serious accessibility problems: open, with errors, and unusable', async () => {
    const user = userEvent.setup();
    core();
    const { unmount } = render(App);
    await screen.findByTestId('reset-submit');
    expect(await seriousViolations()).toEqual([]);
    await choose(user, 'short', 'shorter');
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
    unmount();

    navigate('/reset/spent-token', { replace: true });
    render(App);
    await choose(user, 'new horse battery staple', 'new horse battery staple');
    await screen.findByTestId('reset-unusable');
    expect(await seriousViolations()).toEqual([]);
  });
});
