import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { InvitationSummary, IssuedReset, UserSummary } from '$lib/api';
import { formatTime } from '$lib/format';
import { navigate } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { seriousViolations } from '../../test/axe';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { cohorts, faculty, fellowPicks, fellows, fellowUser, hostPicks, hosts, invitations, issuedInvitation, reference, status, users } from '../../test/fixtures';
import App from '../../App.svelte';
import UsersPage from './UsersPage.svelte';
import { cellTexts } from '../../test/cells';

const RESET_TOKEN = 'rS7_aB4cD6eF1gH5jK0rS2tU9wY3xZcq7Xv3kP9zL2m';
const EXPIRES = '2026-12-10T16:30:00Z';
const issuedReset = (user_id: number): IssuedReset => {
  const person = users.find((u) => u.id === user_id) ?? users[0];
  return { user_id, name: person.name, email: person.email, token: `${RESET_TOKEN}${user_id}`, expires_at: EXPIRES, emailed: false };
};

const { call, inDesktopApp } = vi.hoisted(() => ({ call: vi.fn(), inDesktopApp: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call, inDesktopApp }));

const cells = cellTexts;
const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);

function core(handlers: Handlers = {}) {
  let list: UserSummary[] = users.map((u) => ({ ...u }));
  call.mockImplementation(
    fakeCore({
      list_users: () => list,
      list_invitations: () => invitations,
      list_fellows: () => fellows,
      pick_fellows: fellowPicks(),
      list_hosts: () => hosts,
      pick_hosts: hostPicks(),
      invite_user: ({ email }) => ({ ...issuedInvitation, email }),
      make_password_reset: ({ user_id }) => issuedReset(user_id),
      set_user_disabled: ({ user_id, disabled }) => {
        if (user_id === faculty.user_id && disabled) {
          throw apiError('conflict', 'You cannot disable your own account; ask another faculty member.', [
            { field: 'user_id', message: 'You cannot disable your own account; ask another faculty member.' },
          ]);
        }
        list = list.map((u) => (u.id === user_id ? { ...u, disabled } : u));
        return list;
      },
      ...handlers,
    }),
  );
}

beforeEach(() => {
  call.mockReset();
  inDesktopApp.mockReset();
  inDesktopApp.mockReturnValue(false);
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('inviting someone', () => {
  it('asks for the fellow or host organisation only for the roles that need one', async () => {
    const user = userEvent.setup();
    core();
    render(UsersPage);
    const role = await screen.findByTestId('invite-role');
    expect(role).toHaveAttribute('id', 'invite_role');
    expect(screen.getByTestId('invite-email')).toHaveAttribute('id', 'invite_email');
    expect(screen.getByTestId('invite-submit')).toHaveTextContent('Make a sign-up link');
    expect(screen.queryByTestId('invite-fellow')).toBeNull();
    expect(screen.queryByTestId('invite-host')).toBeNull();

    await user.selectOptions(role, 'fellow');
    await waitFor(() => expect(within(screen.getByTestId('invite-fellow')).getAllByRole('option')).toHaveLength(3));
    expect(screen.queryByTestId('invite-host')).toBeNull();

    for (const code of ['host_sponsor', 'mentor']) {
      await user.selectOptions(role, code);
      expect(screen.getByTestId('invite-host')).toHaveAttribute('id', 'invite_host_id');
      expect(screen.queryByTestId('invite-fellow')).toBeNull();
    }
    await user.selectOptions(role, 'faculty');
    expect(screen.queryByTestId('invite-fellow')).toBeNull();
    expect(screen.queryByTestId('invite-host')).toBeNull();
  });

  it('asks for a role before asking the core', async () => {
    const user = userEvent.setup();
    core();
    render(UsersPage);
    await user.type(await screen.findByTestId('invite-email'), 'someone@nhs.net');
    await user.click(screen.getByTestId('invite-submit'));
    expect(document.getElementById('invite_role-error')).toHaveTextContent('Choose what this person does in the programme.');
    expect(screen.getByTestId('invite-email')).toHaveValue('someone@nhs.net');
    expect(callsOf('invite_user')).toEqual([]);
  });

  it('shows the core’s errors beside the fields and keeps what was typed', async () => {
    const user = userEvent.setup();
    core({
      invite_user: () => {
        throw apiError('validation', 'There are 2 problems with what you entered.', [
          { field: 'email', message: 'Enter an email address in the right format, like name@nhs.net.' },
          { field: 'fellow_id', message: 'Choose the fellow this account is for.' },
        ]);
      },
    });
    render(UsersPage);
    await user.type(await screen.findByTestId('invite-email'), 'not an email');
    await user.selectOptions(screen.getByTestId('invite-role'), 'fellow');
    await user.click(screen.getByTestId('invite-submit'));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Enter an email address in the right format, like name@nhs.net.');
    expect(within(summary).getByText('Choose the fellow this account is for.')).toHaveAttribute('href', '#invite_fellow_id');
    expect(document.getElementById('invite_email-error')).toHaveTextContent(
      'Enter an email address in the right format, like name@nhs.net.',
    );
    expect(screen.getByTestId('invite-email')).toHaveAttribute('aria-describedby', 'invite_email-error');
    expect(document.getElementById('invite_fellow_id-error')).toHaveTextContent('Choose the fellow this account is for.');
    // The add-an-account form below has fields of its own, untouched.
    expect(document.getElementById('email-error')).toBeNull();
    expect(screen.getByTestId('invite-email')).toHaveValue('not an email');
    expect(screen.getByTestId('invite-role')).toHaveValue('fellow');
    expect(screen.queryByTestId('invitation-made')).toBeNull();
    expect(callsOf('invite_user')).toEqual([{ email: 'not an email', role: 'fellow', fellow_id: null, host_id: null }]);
  });

  it('shows an email address already in use beside the field', async () => {
    const user = userEvent.setup();
    core({
      invite_user: () => {
        throw apiError('conflict', 'An account with this email address already exists.', [
          { field: 'email', message: 'An account with this email address already exists.' },
        ]);
      },
    });
    render(UsersPage);
    await user.type(await screen.findByTestId('invite-email'), 'sam@nhs.net');
    await user.selectOptions(screen.getByTestId('invite-role'), 'faculty');
    await user.click(screen.getByTestId('invite-submit'));
    expect(await screen.findByRole('alert')).toHaveTextContent('An account with this email address already exists.');
    expect(document.getElementById('invite_email-error')).toHaveTextContent('An account with this email address already exists.');
    expect(screen.getByTestId('invite-email')).toHaveValue('sam@nhs.net');
  });

  it('makes a link to copy, at this browser’s address, and lists it', async () => {
    const user = userEvent.setup();
    core();
    render(UsersPage);
    await user.type(await screen.findByTestId('invite-email'), 'pat.new@nhs.net');
    await user.selectOptions(screen.getByTestId('invite-role'), 'host_sponsor');
    await user.selectOptions(screen.getByTestId('invite-host'), 'Leeds Teaching Hospitals');
    await user.click(screen.getByTestId('invite-submit'));

    const banner = await screen.findByTestId('invitation-made');
    expect(within(banner).getByRole('heading', { name: 'Success' })).toHaveFocus();
    expect(banner).toHaveTextContent('Sign-up link made for pat.new@nhs.net.');
    expect(banner).toHaveTextContent('It works once and expires on 10 Dec 2026.');
    const link = within(banner).getByLabelText('Sign-up link for pat.new@nhs.net');
    expect(link).toBe(screen.getByTestId('invitation-link'));
    expect(link).toHaveAttribute('readonly');
    expect(link).toHaveValue(`${window.location.origin}/#/join/${issuedInvitation.token}`);
    expect((link as HTMLInputElement).value).toContain('#/join/');
    expect(screen.queryByTestId('invitation-link-hint')).toBeNull();
    expect(callsOf('invite_user')).toEqual([{ email: 'pat.new@nhs.net', role: 'host_sponsor', fellow_id: null, host_id: 5 }]);

    // The form is ready for the next person; the list is asked for again.
    expect(screen.getByTestId('invite-email')).toHaveValue('');
    expect(screen.getByTestId('invite-role')).toHaveValue('');
    expect(callsOf('list_invitations')).toHaveLength(2);

    expect(screen.getByTestId('copy-status')).toHaveTextContent('');
    await user.click(screen.getByTestId('copy-invitation'));
    expect(await screen.findByText('Copied')).toHaveAttribute('role', 'status');
    expect(await navigator.clipboard.readText()).toBe(`${window.location.origin}/#/join/${issuedInvitation.token}`);
  });

  it('says so when the link was emailed too, and still shows it to copy', async () => {
    const user = userEvent.setup();
    core({ invite_user: ({ email }) => ({ ...issuedInvitation, email, emailed: true }) });
    render(UsersPage);
    await user.type(await screen.findByTestId('invite-email'), 'pat.new@nhs.net');
    await user.selectOptions(screen.getByTestId('invite-role'), 'faculty');
    await user.click(screen.getByTestId('invite-submit'));

    const banner = await screen.findByTestId('invitation-made');
    expect(within(banner).getByTestId('invitation-emailed')).toHaveTextContent('We have emailed this link to pat.new@nhs.net.');
    expect(within(banner).getByTestId('invitation-link')).toHaveValue(`${window.location.origin}/#/join/${issuedInvitation.token}`);
  });

  it('says nothing of email when the link was not emailed', async () => {
    const user = userEvent.setup();
    core();
    render(UsersPage);
    await user.type(await screen.findByTestId('invite-email'), 'pat.new@nhs.net');
    await user.selectOptions(screen.getByTestId('invite-role'), 'faculty');
    await user.click(screen.getByTestId('invite-submit'));
    const banner = await screen.findByTestId('invitation-made');
    expect(within(banner).queryByTestId('invitation-emailed')).toBeNull();
    expect(banner).not.toHaveTextContent('emailed');
  });

  it('keeps quiet when the link cannot be copied, and selects it instead', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('Not allowed'));
    core();
    render(UsersPage);
    await user.type(await screen.findByTestId('invite-email'), 'pat.new@nhs.net');
    await user.selectOptions(screen.getByTestId('invite-role'), 'faculty');
    await user.click(screen.getByTestId('invite-submit'));
    await user.click(await screen.findByTestId('copy-invitation'));
    const link = screen.getByTestId('invitation-link') as HTMLInputElement;
    await waitFor(() => expect(link.selectionEnd).toBe(link.value.length));
    expect(screen.getByTestId('copy-status')).toHaveTextContent('');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(writeText).toHaveBeenCalledOnce();
    writeText.mockRestore();
  });

  it('in the desktop app, gives the path to put after the programme server’s address', async () => {
    const user = userEvent.setup();
    inDesktopApp.mockReturnValue(true);
    core();
    render(UsersPage);
    await user.type(await screen.findByTestId('invite-email'), 'pat.new@nhs.net');
    await user.selectOptions(screen.getByTestId('invite-role'), 'faculty');
    await user.click(screen.getByTestId('invite-submit'));

    const link = await screen.findByTestId('invitation-link');
    expect(link).toHaveValue(`/#/join/${issuedInvitation.token}`);
    expect(screen.getByTestId('invitation-link-hint')).toHaveTextContent(
      `Send this with your programme server's address: <address>/#/join/${issuedInvitation.token}`,
    );
    expect(link).toHaveAttribute('aria-describedby', 'invitation-link-hint');
  });
});

describe('the list of sign-up links', () => {
  it('shows each link’s email address, role, dates and state', async () => {
    core();
    render(UsersPage);
    const rows = await screen.findAllByTestId('invitation-row');
    expect(screen.getByTestId('invitations-table')).toBeInTheDocument();
    expect(rows.map(cells)).toEqual([
      ['new.mentor@nhs.net', 'Mentor or coach', '20 Nov 2026', '4 Dec 2026', 'Open'],
      ['sam@nhs.net', 'Fellow', '1 Sep 2026', '15 Sep 2026', 'Used'],
      ['late@nhs.net', 'Programme faculty', '1 Jun 2026', '15 Jun 2026', 'Expired'],
    ]);
    expect(within(rows[0]).getByText('Open')).toHaveClass('nhsuk-tag');
    expect(screen.queryByTestId('no-invitations')).toBeNull();
  });

  it('says when there are none', async () => {
    core({ list_invitations: (): InvitationSummary[] => [] });
    render(UsersPage);
    expect(await screen.findByText('No invitations yet.')).toBeInTheDocument();
    expect(screen.queryByTestId('invitations-table')).toBeNull();
  });
});

describe('disabling an account', () => {
  it('disables and enables again, replacing the list with the core’s answer', async () => {
    const user = userEvent.setup();
    core();
    render(UsersPage);
    const rows = await screen.findAllByTestId('user-row');
    expect(screen.queryByTestId('user-disabled')).toBeNull();
    const button = within(rows[1]).getByTestId('disable-user');
    expect(button).toHaveAccessibleName('Disable Sam Fellow');

    await user.click(button);
    expect(await within(rows[1]).findByTestId('user-disabled')).toHaveTextContent('Disabled');
    expect(screen.getAllByTestId('user-disabled')).toHaveLength(1);
    expect(screen.getByRole('status')).toHaveTextContent("Sam Fellow's account is disabled: they can no longer sign in.");
    const enable = within(rows[1]).getByTestId('enable-user');
    expect(enable).toHaveAccessibleName('Enable Sam Fellow');
    expect(enable).toHaveFocus();
    expect(callsOf('set_user_disabled')).toEqual([{ user_id: 2, disabled: true }]);

    await user.click(enable);
    await waitFor(() => expect(screen.queryByTestId('user-disabled')).toBeNull());
    expect(within(rows[1]).getByTestId('disable-user')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent("Sam Fellow's account is enabled: they can sign in again.");
    expect(callsOf('set_user_disabled')).toEqual([
      { user_id: 2, disabled: true },
      { user_id: 2, disabled: false },
    ]);
  });

  it('shows a disabled account from the core with its tag and an Enable button', async () => {
    core({ list_users: () => [users[0], { ...users[1], disabled: true }] });
    render(UsersPage);
    const rows = await screen.findAllByTestId('user-row');
    expect(cells(rows[1])[0]).toBe('Sam Fellow Disabled');
    expect(within(rows[1]).getByTestId('enable-user')).toBeInTheDocument();
    expect(within(rows[0]).getByTestId('disable-user')).toBeInTheDocument();
  });

  it('explains above the table why you cannot disable yourself', async () => {
    const user = userEvent.setup();
    core();
    render(UsersPage);
    const rows = await screen.findAllByTestId('user-row');
    await user.click(within(rows[0]).getByTestId('disable-user'));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('You cannot disable your own account; ask another faculty member.');
    expect(summary.compareDocumentPosition(rows[0]) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const link = within(summary).getByText('You cannot disable your own account; ask another faculty member.');
    expect(link).toHaveAttribute('href', '#access-1');
    await user.click(link);
    expect(within(rows[0]).getByTestId('disable-user')).toHaveFocus();
    expect(screen.queryByTestId('user-disabled')).toBeNull();
  });
});

describe('password reset links', () => {
  it('offers one for each account, naming the person', async () => {
    core();
    render(UsersPage);
    const rows = await screen.findAllByTestId('user-row');
    for (const [i, account] of users.entries()) {
      const button = within(rows[i]).getByTestId(`make-reset-${account.id}`);
      expect(button).toHaveAccessibleName(`Make a reset link for ${account.name}`);
      expect(button).toHaveAttribute('id', `reset-${account.id}`);
      expect(button).toHaveAttribute('type', 'button');
    }
    expect(screen.queryByTestId('reset-made')).toBeNull();
  });

  it('shows the link once, at this browser’s address, with when it stops working', async () => {
    const user = userEvent.setup();
    core();
    render(UsersPage);
    await user.click(await screen.findByTestId('make-reset-2'));

    const banner = await screen.findByTestId('reset-made');
    expect(within(banner).getByRole('heading', { name: 'Success' })).toHaveFocus();
    expect(banner).toHaveTextContent('Password reset link made for Sam Fellow.');
    const until = `${formatTime(new Date(EXPIRES))} on 10 Dec 2026`;
    expect(within(banner).getByTestId('reset-expiry')).toHaveTextContent(
      `Send it to Sam Fellow at sam@nhs.net. It works once, for 2 hours: until ${until}. Any earlier reset link for this account no longer works.`,
    );
    expect(banner).toHaveTextContent('Copy it now: Fellowship does not keep it and cannot show it again.');
    expect(within(banner).queryByTestId('reset-emailed')).toBeNull();
    const link = within(banner).getByLabelText('Password reset link for Sam Fellow');
    expect(link).toBe(screen.getByTestId('reset-link'));
    expect(link).toHaveAttribute('readonly');
    expect(link).toHaveValue(`${window.location.origin}/#/reset/${RESET_TOKEN}2`);
    expect(screen.queryByTestId('reset-link-hint')).toBeNull();
    expect(callsOf('make_password_reset')).toEqual([{ user_id: 2 }]);

    await user.click(screen.getByTestId('copy-reset'));
    expect(await within(banner).findByText('Copied')).toHaveAttribute('role', 'status');
    expect(await navigator.clipboard.readText()).toBe(`${window.location.origin}/#/reset/${RESET_TOKEN}2`);
  });

  it('says so when the link was emailed too, and still shows it to copy', async () => {
    const user = userEvent.setup();
    core({ make_password_reset: ({ user_id }) => ({ ...issuedReset(user_id), emailed: true }) });
    render(UsersPage);
    await user.click(await screen.findByTestId('make-reset-2'));

    const banner = await screen.findByTestId('reset-made');
    expect(within(banner).getByTestId('reset-emailed')).toHaveTextContent('We have emailed this link to sam@nhs.net.');
    const until = `${formatTime(new Date(EXPIRES))} on 10 Dec 2026`;
    // Not "Send it to…": it has gone.
    expect(within(banner).getByTestId('reset-expiry')).toHaveTextContent(
      `It works once, for 2 hours: until ${until}. Any earlier reset link for this account no longer works.`,
    );
    expect(banner).not.toHaveTextContent('Send it to');
    expect(within(banner).getByTestId('reset-link')).toHaveValue(`${window.location.origin}/#/reset/${RESET_TOKEN}2`);
  });

  it('replaces the link shown with the next one made, and never shows it again', async () => {
    const user = userEvent.setup();
    core();
    const { unmount } = render(UsersPage);
    await user.click(await screen.findByTestId('make-reset-2'));
    await screen.findByTestId('reset-made');
    await user.click(screen.getByTestId('make-reset-1'));

    await waitFor(() => expect(screen.getByTestId('reset-made')).toHaveTextContent('Password reset link made for Ada Lovelace.'));
    expect(screen.getAllByTestId('reset-link')).toHaveLength(1);
    expect(screen.getByTestId('reset-link')).toHaveValue(`${window.location.origin}/#/reset/${RESET_TOKEN}1`);
    expect(document.body).not.toHaveTextContent(`${RESET_TOKEN}2`);
    expect(within(screen.getByTestId('reset-made')).getByRole('heading', { name: 'Success' })).toHaveFocus();
    unmount();

    render(UsersPage);
    await screen.findAllByTestId('user-row');
    expect(screen.queryByTestId('reset-made')).toBeNull();
    expect(document.body).not.toHaveTextContent(RESET_TOKEN);
    expect(callsOf('make_password_reset')).toEqual([{ user_id: 2 }, { user_id: 1 }]);
  });

  it('in the desktop app, gives the path to put after the programme server’s address', async () => {
    const user = userEvent.setup();
    inDesktopApp.mockReturnValue(true);
    core();
    render(UsersPage);
    await user.click(await screen.findByTestId('make-reset-2'));
    const link = await screen.findByTestId('reset-link');
    expect(link).toHaveValue(`/#/reset/${RESET_TOKEN}2`);
    expect(screen.getByTestId('reset-link-hint')).toHaveTextContent(
      `Send this with your programme server's address: <address>/#/reset/${RESET_TOKEN}2`,
    );
    expect(link).toHaveAttribute('aria-describedby', 'reset-link-hint');
  });

  it('shows a refusal above the table, linked to that person’s button', async () => {
    const user = userEvent.setup();
    const refused = 'This account is disabled. Enable it before making a reset link.';
    core({
      make_password_reset: () => {
        throw apiError('conflict', refused, [{ field: 'user_id', message: refused }]);
      },
    });
    render(UsersPage);
    await user.click(await screen.findByTestId('make-reset-2'));
    const summary = await screen.findByRole('alert');
    const link = within(summary).getByText(refused);
    expect(link).toHaveAttribute('href', '#reset-2');
    await user.click(link);
    expect(screen.getByTestId('make-reset-2')).toHaveFocus();
    expect(screen.queryByTestId('reset-made')).toBeNull();
  });

  it('is for faculty only: other roles do not see the users page', async () => {
    core({ app_status: () => status(fellowUser), reference_data: () => reference, list_cohorts: () => cohorts });
    Object.assign(session, { status: null, reference: null, error: null });
    navigate('/users', { replace: true });
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeInTheDocument();
    expect(screen.queryByTestId('make-reset-1')).toBeNull();
    expect(screen.queryByTestId('nav-users')).toBeNull();
    expect(callsOf('list_users')).toEqual([]);
    expect(callsOf('make_password_reset')).toEqual([]);
  });
});

describe('resetting a second step at sign-in', () => {
  const asked = "Reset Sam Fellow's second step at sign-in?";

  it('offers it for each account, naming the person', async () => {
    core();
    render(UsersPage);
    const rows = await screen.findAllByTestId('user-row');
    for (const [i, account] of users.entries()) {
      const button = within(rows[i]).getByTestId(`reset-second-step-${account.id}`);
      expect(button).toHaveAccessibleName(`Reset second step for ${account.name}`);
      expect(button).toHaveAttribute('id', `second-step-${account.id}`);
      expect(button).toHaveAttribute('type', 'button');
    }
    expect(screen.queryByTestId('confirm-reset-second-step-panel')).toBeNull();
  });

  it('asks first, and changes nothing when cancelled', async () => {
    const user = userEvent.setup();
    core({ reset_second_step: () => ({ on: false, recovery_codes_left: 0, required: false, required_for_faculty: false }) });
    render(UsersPage);
    await user.click(await screen.findByTestId('reset-second-step-2'));

    const panel = screen.getByTestId('confirm-reset-second-step-panel');
    expect(within(panel).getByRole('heading', { level: 2 })).toHaveTextContent(asked);
    expect(within(panel).getByRole('heading', { level: 2 })).toHaveFocus();
    expect(panel).toHaveTextContent('Do this only when they have lost their phone and their recovery codes');
    expect(within(panel).getByTestId('confirm-reset-second-step')).toHaveAccessibleName('Reset second step for Sam Fellow');

    await user.click(within(panel).getByTestId('cancel-reset-second-step'));
    expect(screen.queryByTestId('confirm-reset-second-step-panel')).toBeNull();
    expect(screen.getByTestId('reset-second-step-2')).toHaveFocus();
    expect(callsOf('reset_second_step')).toEqual([]);
  });

  it('resets it once confirmed, and says what happens next', async () => {
    const user = userEvent.setup();
    core({
      reset_second_step: ({ user_id }) => ({ on: false, recovery_codes_left: 0, required: user_id === 1, required_for_faculty: true }),
    });
    render(UsersPage);
    await user.click(await screen.findByTestId('reset-second-step-2'));
    await user.click(screen.getByTestId('confirm-reset-second-step'));

    const banner = await screen.findByTestId('second-step-reset');
    expect(banner).toHaveTextContent("Sam Fellow's second step at sign-in is reset.");
    expect(banner).toHaveTextContent(
      'Their authenticator app and recovery codes no longer work. They can sign in with their password alone, and set up a new second step on their account page.',
    );
    expect(within(banner).getByRole('heading', { name: 'Success' })).toHaveFocus();
    expect(screen.queryByTestId('confirm-reset-second-step-panel')).toBeNull();
    expect(callsOf('reset_second_step')).toEqual([{ user_id: 2 }]);

    // Faculty, when the programme requires it, set up a new one at their next sign-in.
    await user.click(screen.getByTestId('reset-second-step-1'));
    expect(screen.queryByTestId('second-step-reset')).toBeNull();
    await user.click(screen.getByTestId('confirm-reset-second-step'));
    expect(await screen.findByTestId('second-step-reset')).toHaveTextContent(
      "Ada Lovelace's second step at sign-in is reset. Their authenticator app and recovery codes no longer work. When they next sign in with their password, they will be asked to set up a new second step.",
    );
    expect(callsOf('reset_second_step')).toEqual([{ user_id: 2 }, { user_id: 1 }]);
  });

  it('shows a refusal above the table, linked to that person’s button', async () => {
    const user = userEvent.setup();
    const refused = 'You cannot reset your own second step; ask another faculty member.';
    core({
      reset_second_step: () => {
        throw apiError('conflict', refused, [{ field: 'user_id', message: refused }]);
      },
    });
    render(UsersPage);
    await user.click(await screen.findByTestId('reset-second-step-1'));
    await user.click(screen.getByTestId('confirm-reset-second-step'));
    const summary = await screen.findByRole('alert');
    const link = within(summary).getByText(refused);
    expect(link).toHaveAttribute('href', '#second-step-1');
    await user.click(link);
    expect(screen.getByTestId('reset-second-step-1')).toHaveFocus();
    expect(screen.queryByTestId('second-step-reset')).toBeNull();
    expect(screen.queryByTestId('confirm-reset-second-step-panel')).toBeNull();
  });

  it('has no serious accessibility problems while asking, and once reset', async () => {
    const user = userEvent.setup();
    core({ reset_second_step: () => ({ on: false, recovery_codes_left: 0, required: false, required_for_faculty: false }) });
    render(UsersPage);
    await user.click(await screen.findByTestId('reset-second-step-2'));
    expect(await seriousViolations()).toEqual([]);
    await user.click(screen.getByTestId('confirm-reset-second-step'));
    await screen.findByTestId('second-step-reset');
    expect(await seriousViolations()).toEqual([]);
  });
});

describe('organisation sign-in', () => {
  const linked: UserSummary[] = [
    { ...users[0], org_linked: true },
    { ...users[1], password_fallback: true },
  ];

  function orgCore(handlers: Handlers = {}) {
    let list = linked.map((u) => ({ ...u }));
    core({
      list_users: () => list,
      set_password_fallback: ({ user_id, allowed }) => {
        list = list.map((u) => (u.id === user_id ? { ...u, password_fallback: allowed } : u));
        return list;
      },
      unlink_org_account: ({ user_id }) => {
        list = list.map((u) => (u.id === user_id ? { ...u, org_linked: false } : u));
        return list;
      },
      ...handlers,
    });
  }

  beforeEach(() => {
    session.status = status(faculty, { org_sign_in: { required: true } });
  });

  it('tags linked accounts and those that may use a password', async () => {
    orgCore();
    render(UsersPage);
    const rows = await screen.findAllByTestId('user-row');
    expect(within(rows[0]).getByTestId('user-org-linked')).toHaveTextContent('Organisation account');
    expect(within(rows[0]).getByTestId('user-org-linked')).toHaveClass('nhsuk-tag');
    expect(within(rows[0]).queryByTestId('user-password-fallback')).toBeNull();
    expect(within(rows[1]).getByTestId('user-password-fallback')).toHaveTextContent('May use a password');
    expect(within(rows[1]).queryByTestId('user-org-linked')).toBeNull();
    expect(cells(rows[0])[0]).toBe('Ada Lovelace Organisation account');
    expect(cells(rows[1])[0]).toBe('Sam Fellow May use a password');
  });

  it('offers to allow or stop a password, and to unlink only a linked account', async () => {
    orgCore();
    render(UsersPage);
    const rows = await screen.findAllByTestId('user-row');
    const allow = within(rows[0]).getByTestId('password-fallback-1');
    expect(allow).toHaveAccessibleName('Allow password for Ada Lovelace');
    expect(allow).toHaveAttribute('id', 'fallback-1');
    expect(allow).toHaveAttribute('type', 'button');
    expect(within(rows[1]).getByTestId('password-fallback-2')).toHaveAccessibleName('Stop password for Sam Fellow');
    const unlink = within(rows[0]).getByTestId('unlink-org-1');
    expect(unlink).toHaveAccessibleName('Unlink organisation account for Ada Lovelace');
    expect(unlink).toHaveAttribute('id', 'unlink-1');
    expect(within(rows[1]).queryByTestId('unlink-org-2')).toBeNull();
  });

  it('has no password buttons while organisation sign-in is off', async () => {
    session.status = status(faculty);
    orgCore();
    render(UsersPage);
    const rows = await screen.findAllByTestId('user-row');
    expect(screen.queryByTestId('password-fallback-1')).toBeNull();
    expect(screen.queryByTestId('password-fallback-2')).toBeNull();
    // A linked account can still be unlinked, and its tags still say how it stands.
    expect(within(rows[0]).getByTestId('unlink-org-1')).toBeInTheDocument();
    expect(within(rows[1]).getByTestId('user-password-fallback')).toBeInTheDocument();
  });

  it('allows a password, and stops it again, saying so each time', async () => {
    const user = userEvent.setup();
    orgCore();
    render(UsersPage);
    const rows = await screen.findAllByTestId('user-row');
    await user.click(within(rows[0]).getByTestId('password-fallback-1'));

    expect(await within(rows[0]).findByTestId('user-password-fallback')).toBeInTheDocument();
    expect(screen.getByTestId('confirmation')).toHaveTextContent(
      'Ada Lovelace may sign in with a password while organisation sign-in is required.',
    );
    const stop = within(rows[0]).getByTestId('password-fallback-1');
    expect(stop).toHaveAccessibleName('Stop password for Ada Lovelace');
    expect(stop).toHaveFocus();

    await user.click(stop);
    await waitFor(() => expect(within(rows[0]).queryByTestId('user-password-fallback')).toBeNull());
    expect(screen.getByRole('status')).toHaveTextContent(
      'Ada Lovelace can no longer sign in with a password while organisation sign-in is required.',
    );
    expect(callsOf('set_password_fallback')).toEqual([
      { user_id: 1, allowed: true },
      { user_id: 1, allowed: false },
    ]);
  });

  it('unlinks an organisation account, keeping the focus in the row', async () => {
    const user = userEvent.setup();
    orgCore();
    render(UsersPage);
    const rows = await screen.findAllByTestId('user-row');
    await user.click(within(rows[0]).getByTestId('unlink-org-1'));

    await waitFor(() => expect(within(rows[0]).queryByTestId('user-org-linked')).toBeNull());
    expect(within(rows[0]).queryByTestId('unlink-org-1')).toBeNull();
    expect(screen.getByTestId('confirmation')).toHaveTextContent(
      "Ada Lovelace's account is no longer linked to an organisation account. The next time they sign in with one, it is linked again by their email address.",
    );
    expect(within(rows[0]).getByTestId('password-fallback-1')).toHaveFocus();
    expect(callsOf('unlink_org_account')).toEqual([{ user_id: 1 }]);
  });

  it('shows a refusal above the table, linked to that person’s button', async () => {
    const user = userEvent.setup();
    const refused = 'There is no such account.';
    orgCore({
      set_password_fallback: () => Promise.reject(apiError('not_found', refused, [{ field: 'user_id', message: refused }])),
      unlink_org_account: () => Promise.reject(apiError('not_found', refused, [{ field: 'user_id', message: refused }])),
    });
    render(UsersPage);
    await user.click(await screen.findByTestId('password-fallback-2'));
    expect(within(await screen.findByRole('alert')).getByText(refused)).toHaveAttribute('href', '#fallback-2');
    await user.click(screen.getByTestId('unlink-org-1'));
    await waitFor(() => expect(within(screen.getByRole('alert')).getByText(refused)).toHaveAttribute('href', '#unlink-1'));
    expect(screen.queryByTestId('confirmation')).toBeNull();
  });

  it('has no serious accessibility problems, with the tags and once changed', async () => {
    const user = userEvent.setup();
    orgCore();
    render(UsersPage);
    await screen.findAllByTestId('user-row');
    expect(await seriousViolations()).toEqual([]);
    await user.click(screen.getByTestId('unlink-org-1'));
    await screen.findByTestId('confirmation');
    expect(await seriousViolations()).toEqual([]);
  });
});

describe('accessibility of the users page', () => {
  it('has no serious problems with a reset link just made', async () => {
    const user = userEvent.setup();
    core();
    render(UsersPage);
    await user.click(await screen.findByTestId('make-reset-2'));
    await screen.findByTestId('reset-made');
    await user.click(screen.getByTestId('copy-reset'));
    await screen.findByText('Copied');
    expect(await seriousViolations()).toEqual([]);
  });

  it('has no serious problems with a link just made, and the list of links', async () => {
    const user = userEvent.setup();
    core();
    render(UsersPage);
    await screen.findAllByTestId('invitation-row');
    expect(await seriousViolations()).toEqual([]);

    await user.type(screen.getByTestId('invite-email'), 'pat.new@nhs.net');
    await user.selectOptions(screen.getByTestId('invite-role'), 'fellow');
    await user.click(screen.getByTestId('invite-submit'));
    await screen.findByTestId('invitation-made');
    await user.click(screen.getByTestId('copy-invitation'));
    await screen.findByText('Copied');
    expect(await seriousViolations()).toEqual([]);
  });

  it('has no serious problems with invitation errors and an account error shown', async () => {
    const user = userEvent.setup();
    core({
      invite_user: () => {
        throw apiError('validation', 'Choose the host organisation this person belongs to.', [
          { field: 'host_id', message: 'Choose the host organisation this person belongs to.' },
        ]);
      },
    });
    render(UsersPage);
    const rows = await screen.findAllByTestId('user-row');
    await user.click(within(rows[0]).getByTestId('disable-user'));
    await screen.findByRole('alert');
    await user.selectOptions(screen.getByTestId('invite-role'), 'mentor');
    await user.click(screen.getByTestId('invite-submit'));
    await waitFor(() => expect(document.getElementById('invite_host_id-error')).toBeInTheDocument());
    expect(await seriousViolations()).toEqual([]);
  });
});
