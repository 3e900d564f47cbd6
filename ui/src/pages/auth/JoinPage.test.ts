import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Actor } from '$lib/api';
import { navigate } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { seriousViolations } from '../../test/axe';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { cohorts, fellowPicks, fellows, hostPicks, hosts, reference, status } from '../../test/fixtures';
import App from '../../App.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const TOKEN = 'q7Xv3kP9_zL2mN8-aB4cD6eF1gH5jK0rS2tU9wY3xZc';
const USED = 'This sign-up link has been used or has expired. Ask your programme office for a new one.';
const unusable = apiError('validation', USED, [{ field: 'token', message: USED }]);
const newFellow: Actor = { user_id: 9, name: 'Jo Newfellow', email: 'jo@nhs.net', role: 'fellow', fellow_id: 8, host_id: null };
const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);

function core(handlers: Handlers = {}) {
  call.mockImplementation(
    fakeCore({
      app_status: () => status(null),
      open_invitation: ({ token }) => {
        if (token !== TOKEN) throw unusable;
        return { email: 'jo@nhs.net', role: 'fellow', programme: 'North West Fellows' };
      },
      accept_invitation: ({ name, password, password_confirm }) => {
        const problems = [
          ...(name.trim() === '' ? [{ field: 'name', message: 'Enter your name.' }] : []),
          ...(password.length < 12 ? [{ field: 'password', message: 'Use a password of at least 12 characters.' }] : []),
          ...(password !== password_confirm ? [{ field: 'password_confirm', message: 'The two passwords are not the same.' }] : []),
        ];
        if (problems.length) throw apiError('validation', `There are ${problems.length} problems with what you entered.`, problems);
        return status(newFellow);
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

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: null, reference: null, error: null, notice: null });
  navigate(`/join/${TOKEN}`, { replace: true });
});

describe('the sign-up page', () => {
  it('says who the link is for, without anyone signed in', async () => {
    core();
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Create your account' })).toHaveFocus();
    expect(document.title).toBe('Create your account – Fellowship');
    expect(await screen.findByText('For jo@nhs.net, as Fellow, in North West Fellows.')).toBeInTheDocument();
    expect(callsOf('open_invitation')).toEqual([{ token: TOKEN }]);
    expect(screen.getByLabelText('Your full name')).toHaveAttribute('id', 'name');
    expect(screen.getByLabelText('Password')).toHaveAttribute('id', 'password');
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('At least 12 characters. A few unrelated words together work well.');
    expect(screen.getByLabelText('Confirm password')).toHaveAttribute('id', 'password_confirm');
    expect(screen.getByTestId('join-submit')).toHaveTextContent('Create account');
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
    expect(screen.queryByTestId('signin-submit')).toBeNull();
  });

  it('explains a link that cannot be used, with no form', async () => {
    core();
    navigate('/join/spent-token', { replace: true });
    render(App);
    const panel = await screen.findByTestId('join-unusable');
    expect(within(panel).getByRole('alert')).toHaveTextContent('This sign-up link cannot be used');
    expect(panel).toHaveTextContent(USED);
    expect(within(panel).queryByRole('link')).toBeNull();
    expect(screen.queryByTestId('join-submit')).toBeNull();
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(callsOf('open_invitation')).toEqual([{ token: 'spent-token' }]);

    await userEvent.click(screen.getByTestId('join-sign-in'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });

  it('shows problems beside the fields and keeps what was typed', async () => {
    const user = userEvent.setup();
    core();
    render(App);
    await user.type(await screen.findByLabelText('Password'), 'short');
    await user.type(screen.getByLabelText('Confirm password'), 'shorter');
    await user.click(screen.getByTestId('join-submit'));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('Enter your name.')).toHaveAttribute('href', '#name');
    expect(document.getElementById('name-error')).toHaveTextContent('Enter your name.');
    expect(document.getElementById('password-error')).toHaveTextContent('Use a password of at least 12 characters.');
    expect(document.getElementById('password_confirm-error')).toHaveTextContent('The two passwords are not the same.');
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-describedby', 'password-hint password-error');
    expect(screen.getByLabelText('Password')).toHaveValue('short');
    expect(screen.getByLabelText('Confirm password')).toHaveValue('shorter');
    expect(session.status?.user).toBeNull();
    expect(callsOf('accept_invitation')).toEqual([
      { token: TOKEN, name: '', password: 'short', password_confirm: 'shorter' },
    ]);
  });

  it('shows a link spent meanwhile at the top, in words', async () => {
    const user = userEvent.setup();
    core({
      accept_invitation: () => {
        throw unusable;
      },
    });
    render(App);
    await user.type(await screen.findByLabelText('Your full name'), 'Jo Newfellow');
    await user.click(screen.getByTestId('join-submit'));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent(USED);
    expect(within(summary).queryByRole('link')).toBeNull();
    expect(summary.compareDocumentPosition(screen.getByRole('heading', { level: 1 })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByLabelText('Your full name')).toHaveValue('Jo Newfellow');
  });

  it('creates the account and signs the new user in', async () => {
    const user = userEvent.setup();
    core();
    render(App);
    await user.type(await screen.findByLabelText('Your full name'), 'Jo Newfellow');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.type(screen.getByLabelText('Confirm password'), 'correct horse battery');
    await user.click(screen.getByTestId('join-submit'));

    expect(await screen.findByRole('heading', { level: 1, name: /Today/ })).toBeInTheDocument();
    expect(session.status?.user).toEqual(newFellow);
    expect(window.location.hash).toBe('#/');
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(callsOf('accept_invitation')).toEqual([
      { token: TOKEN, name: 'Jo Newfellow', password: 'correct horse battery', password_confirm: 'correct horse battery' },
    ]);
  });

  it('asks for the passphrase first when the programme is encrypted', async () => {
    core({ app_status: () => status(null, { locked: true, encrypted: true, programme: null }) });
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Enter the passphrase' })).toBeInTheDocument();
    expect(callsOf('open_invitation')).toEqual([]);
  });

  it('has no serious accessibility problems: unusable, open, and with errors', async () => {
    const user = userEvent.setup();
    core();
    navigate('/join/spent-token', { replace: true });
    const { unmount } = render(App);
    await screen.findByTestId('join-unusable');
    expect(await seriousViolations()).toEqual([]);
    unmount();

    navigate(`/join/${TOKEN}`, { replace: true });
    render(App);
    await screen.findByTestId('join-submit');
    expect(await seriousViolations()).toEqual([]);
    await user.click(screen.getByTestId('join-submit'));
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
  });
});
