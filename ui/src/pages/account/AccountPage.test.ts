import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Actor } from '$lib/api';
import { navigate } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { seriousViolations } from '../../test/axe';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { cohorts, faculty, fellowPicks, fellows, fellowsPage, fellowUser, hostPicks, hosts, mentorUser, reference, sponsorUser, status } from '../../test/fixtures';
import { emailPreference } from '../../test/mailFixtures';
import { secondStepHandlers } from '../../test/secondStepFixtures';
import App from '../../App.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const CHANGED = 'Your password has been changed. You have been signed out everywhere else.';
const HINT = 'At least 12 characters. A few unrelated words together work well.';
const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);

function core(user: Actor = fellowUser, handlers: Handlers = {}) {
  call.mockImplementation(
    fakeCore({
      app_status: () => status(user),
      reference_data: () => reference,
      list_fellows: () => fellows,
      pick_fellows: fellowPicks(),
      page_fellows: () => fellowsPage(),
      list_cohorts: () => cohorts,
      list_hosts: () => hosts,
      pick_hosts: hostPicks(),
      my_email_preference: () => emailPreference,
      ...secondStepHandlers,
      about: () => ({ version: '0.1.0', log_folder: null }),
      change_password: ({ current_password, new_password, new_password_confirm }) => {
        const problems = [
          ...(current_password !== 'old horse battery staple' ? [{ field: 'current_password', message: 'That is not your current password.' }] : []),
          ...(new_password.length < 12 ? [{ field: 'new_password', message: 'Use at least 12 characters.' }] : []),
          ...(new_password !== new_password_confirm ? [{ field: 'new_password_confirm', message: 'The two passwords are not the same.' }] : []),
        ];
        if (problems.length) throw apiError('validation', `There are ${problems.length} problems with what you entered.`, problems);
        return status(user);
      },
      ...handlers,
    }),
  );
}

async function fill(user: ReturnType<typeof userEvent.setup>, current: string, next: string, confirm: string) {
  for (const [label, text] of [['Current password', current], ['New password', next], ['Confirm new password', confirm]]) {
    const field = await screen.findByLabelText(label);
    await user.clear(field);
    if (text) await user.type(field, text);
  }
  await user.click(screen.getByTestId('change-password-submit'));
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: null, reference: null, error: null, notice: null });
  navigate('/account', { replace: true });
});

describe('your account', () => {
  it('is a link in the header, beside Sign out, for every role', async () => {
    for (const actor of [faculty, fellowUser, sponsorUser, mentorUser]) {
      const user = userEvent.setup();
      core(actor);
      navigate('/fellows', { replace: true });
      const { unmount } = render(App);
      // The page's heading takes focus when its code arrives; wait for it, as a person would see
      // the page, before moving focus to the link.
      await screen.findByRole('heading', { level: 1 });
      const account = within(await screen.findByRole('navigation', { name: 'Account' }));
      const link = account.getByTestId('nav-account');
      expect(link).toHaveTextContent('Your account');
      expect(link).toHaveAttribute('href', '#/account');
      expect(link).not.toHaveAttribute('aria-current');
      expect(account.getByTestId('sign-out')).toBeInTheDocument();

      link.focus();
      await user.keyboard('{Enter}');
      expect(await screen.findByRole('heading', { level: 1, name: 'Your account' })).toHaveFocus();
      expect(screen.getByTestId('nav-account')).toHaveAttribute('aria-current', 'page');
      expect(screen.getByTestId('account-details')).toHaveTextContent(actor.email);
      unmount();
      Object.assign(session, { status: null, reference: null });
    }
  });

  it('shows who you are and asks for the current and new passwords', async () => {
    core();
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Your account' })).toHaveFocus();
    expect(document.title).toBe('Your account – Fellowship');
    expect(screen.getByTestId('account-details')).toHaveTextContent('Name Sam Fellow Email address sam@nhs.net Role Fellow');
    expect(screen.getByRole('heading', { level: 2, name: 'Change your password' })).toBeInTheDocument();
    const current = screen.getByLabelText('Current password');
    expect(current).toHaveAttribute('type', 'password');
    expect(current).toHaveAttribute('autocomplete', 'current-password');
    expect(current).toHaveAttribute('id', 'current_password');
    const next = screen.getByLabelText('New password');
    expect(next).toHaveAttribute('autocomplete', 'new-password');
    expect(next).toHaveAttribute('id', 'new_password');
    expect(next).toHaveAccessibleDescription(HINT);
    expect(screen.getByLabelText('Confirm new password')).toHaveAttribute('autocomplete', 'new-password');
    expect(screen.getByLabelText('Confirm new password')).toHaveAttribute('id', 'new_password_confirm');
    expect(screen.queryByTestId('password-changed')).toBeNull();
    expect(await screen.findByTestId('server-log')).toBeInTheDocument();
    const sections = screen.getAllByRole('heading', { level: 2 });
    expect(sections.at(-1)).toHaveTextContent('About Fellowship');
  });

  it('shows problems beside the fields and keeps what was typed', async () => {
    const user = userEvent.setup();
    core();
    render(App);
    await fill(user, 'wrong', 'short', 'shorter');

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('That is not your current password.')).toHaveAttribute('href', '#current_password');
    expect(within(summary).getByText('Use at least 12 characters.')).toHaveAttribute('href', '#new_password');
    expect(document.getElementById('current_password-error')).toHaveTextContent('That is not your current password.');
    expect(document.getElementById('new_password-error')).toHaveTextContent('Use at least 12 characters.');
    expect(document.getElementById('new_password_confirm-error')).toHaveTextContent('The two passwords are not the same.');
    expect(screen.getByLabelText('New password')).toHaveAttribute('aria-describedby', 'new_password-hint new_password-error');
    expect(screen.getByLabelText('Current password')).toHaveValue('wrong');
    expect(screen.getByLabelText('New password')).toHaveValue('short');
    expect(screen.getByLabelText('Confirm new password')).toHaveValue('shorter');
    expect(screen.queryByTestId('password-changed')).toBeNull();
    expect(callsOf('change_password')).toEqual([
      { current_password: 'wrong', new_password: 'short', new_password_confirm: 'shorter' },
    ]);
  });

  it('says when there have been too many attempts', async () => {
    const user = userEvent.setup();
    const wait = 'Too many attempts. Wait 15 minutes, then try again.';
    core(fellowUser, {
      change_password: () => {
        throw apiError('validation', wait, [{ field: 'current_password', message: wait }]);
      },
    });
    render(App);
    await fill(user, 'old horse battery staple', 'new horse battery staple', 'new horse battery staple');
    expect(await screen.findByRole('alert')).toHaveTextContent(wait);
    expect(document.getElementById('current_password-error')).toHaveTextContent(wait);
    expect(screen.getByLabelText('New password')).toHaveValue('new horse battery staple');
  });

  it('changes the password, says so, keeps you signed in and clears the form', async () => {
    const user = userEvent.setup();
    core();
    render(App);
    await fill(user, 'old horse battery staple', 'new horse battery staple', 'new horse battery staple');

    const banner = await screen.findByTestId('password-changed');
    expect(banner).toHaveTextContent(CHANGED);
    expect(within(banner).getByRole('heading', { name: 'Success' })).toHaveFocus();
    expect(screen.getByLabelText('Current password')).toHaveValue('');
    expect(screen.getByLabelText('New password')).toHaveValue('');
    expect(screen.getByLabelText('Confirm new password')).toHaveValue('');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(session.status?.user).toEqual(fellowUser);
    expect(screen.getByRole('heading', { level: 1, name: 'Your account' })).toBeInTheDocument();
    expect(callsOf('change_password')).toEqual([
      { current_password: 'old horse battery staple', new_password: 'new horse battery staple', new_password_confirm: 'new horse battery staple' },
    ]);

    // A later attempt that fails takes the banner away, so only its problems are shown.
    await fill(user, 'wrong', '', '');
    await screen.findByRole('alert');
    expect(screen.queryByTestId('password-changed')).toBeNull();
  });

  it('has no serious accessibility problems: empty, with errors, and changed', async () => {
    const user = userEvent.setup();
    core();
    render(App);
    await screen.findByTestId('change-password-submit');
    expect(await seriousViolations()).toEqual([]);
    await fill(user, 'wrong', 'short', 'shorter');
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
    await fill(user, 'old horse battery staple', 'new horse battery staple', 'new horse battery staple');
    await screen.findByTestId('password-changed');
    expect(await seriousViolations()).toEqual([]);
  });
});
