import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { EmailPreference } from '$lib/api';
import { session } from '$lib/session.svelte';
import { seriousViolations } from '../../test/axe';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { fellowUser, reference, status } from '../../test/fixtures';
import { emailPreference } from '../../test/mailFixtures';
import EmailPreferenceSection from './EmailPreferenceSection.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);
const NOT_YET = 'The programme does not send email yet; when it does, this is how often you will get it.';

function core(start: EmailPreference = emailPreference, handlers: Handlers = {}) {
  let current = { ...start };
  call.mockImplementation(
    fakeCore({
      my_email_preference: () => current,
      set_email_preference: ({ frequency }) => {
        current = { ...current, frequency: frequency as EmailPreference['frequency'] };
        return current;
      },
      ...handlers,
    }),
  );
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(fellowUser), reference, error: null });
});

describe('how often you get email', () => {
  it('offers each choice, with yours chosen', async () => {
    core({ ...emailPreference, frequency: 'weekly' });
    render(EmailPreferenceSection);
    expect(screen.getByRole('heading', { level: 2, name: 'Email' })).toBeInTheDocument();
    const group = await screen.findByRole('group', { name: 'How often do you want email about the programme?' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('value'))).toEqual(['now', 'weekly', 'none']);
    expect(within(group).getByLabelText('One digest a week, on Monday')).toBeChecked();
    expect(within(group).getByLabelText('Each message as it happens')).not.toBeChecked();
    expect(within(group).getByLabelText('None (you still get sign-up and password links)')).toBeInTheDocument();
    expect(screen.queryByTestId('email-not-on')).toBeNull();
  });

  it('saves the choice and says so', async () => {
    const user = userEvent.setup();
    core();
    render(EmailPreferenceSection);
    await user.click(await screen.findByLabelText('One digest a week, on Monday'));
    await user.click(screen.getByTestId('save-email-preference'));

    const banner = await screen.findByTestId('email-preference-saved');
    expect(banner).toHaveTextContent('Your email choice is saved.');
    expect(within(banner).getByRole('heading', { name: 'Success' })).toHaveFocus();
    expect(callsOf('set_email_preference')).toEqual([{ frequency: 'weekly' }]);
    expect(screen.getByLabelText('One digest a week, on Monday')).toBeChecked();
  });

  it('says when the programme does not send email yet, and still takes a choice', async () => {
    const user = userEvent.setup();
    core({ ...emailPreference, email_on: false });
    render(EmailPreferenceSection);
    expect(await screen.findByTestId('email-not-on')).toHaveTextContent(NOT_YET);
    await user.click(screen.getByLabelText('None (you still get sign-up and password links)'));
    await user.click(screen.getByTestId('save-email-preference'));
    await screen.findByTestId('email-preference-saved');
    expect(callsOf('set_email_preference')).toEqual([{ frequency: 'none' }]);
  });

  it('shows a refusal beside the choices and keeps the one made', async () => {
    const user = userEvent.setup();
    const message = 'Choose how often you want messages.';
    core(emailPreference, {
      set_email_preference: () => {
        throw apiError('validation', message, [{ field: 'frequency', message }]);
      },
    });
    render(EmailPreferenceSection);
    await user.click(await screen.findByLabelText('None (you still get sign-up and password links)'));
    await user.click(screen.getByTestId('save-email-preference'));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Your email choice was not saved');
    expect(within(summary).getByText(message)).toHaveAttribute('href', '#email_frequency');
    expect(document.getElementById('email_frequency-error')).toHaveTextContent(message);
    expect(screen.getByLabelText('None (you still get sign-up and password links)')).toBeChecked();
    expect(screen.queryByTestId('email-preference-saved')).toBeNull();
    expect(await seriousViolations()).toEqual([]);
  });
});
