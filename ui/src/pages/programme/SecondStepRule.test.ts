import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { SecondStepStatus } from '$lib/api';
import { session } from '$lib/session.svelte';
import { seriousViolations } from '../../test/axe';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { faculty, reference, status } from '../../test/fixtures';
import { mailSettings } from '../../test/mailFixtures';
import { orgSignInHandlers } from '../../test/orgSignInFixtures';
import { secondStepOn } from '../../test/secondStepFixtures';
import ProgrammePage from './ProgrammePage.svelte';
import SecondStepRule from './SecondStepRule.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const LABEL = 'Faculty must use a second step at sign-in';
const HINT =
  "A code from an authenticator app after their password. Faculty can see every fellow's record, so a stolen password alone will not open them.";
const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);

function core(start: SecondStepStatus = secondStepOn, handlers: Handlers = {}) {
  let current = { ...start };
  call.mockImplementation(
    fakeCore({
      my_second_step: () => current,
      set_second_step_rule: ({ required_for_faculty }) => {
        current = { ...current, required_for_faculty, required: required_for_faculty };
        return current;
      },
      get_programme: () => ({ id: 1, name: 'North West Fellows', description: 'A year of leadership.' }),
      get_mail_settings: () => mailSettings,
      ...orgSignInHandlers,
      ...handlers,
    }),
  );
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('the second step for faculty', () => {
  it('is a section of the programme page, after email', async () => {
    core();
    render(ProgrammePage);
    const heading = await screen.findByRole('heading', { level: 2, name: 'Second step for faculty' });
    const email = screen.getByRole('heading', { level: 2, name: 'Email' });
    expect(email.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(await screen.findByLabelText(LABEL)).not.toBeChecked();
  });

  it('shows the programme’s rule as it stands, with why it matters', async () => {
    core({ ...secondStepOn, required: true, required_for_faculty: true });
    render(SecondStepRule);
    const box = await screen.findByLabelText(LABEL);
    expect(box).toBe(screen.getByTestId('second-step-required-for-faculty'));
    expect(box).toBeChecked();
    expect(box).toHaveAccessibleDescription(HINT);
    expect(screen.getByTestId('save-second-step-rule')).toHaveTextContent('Save');
    expect(screen.queryByTestId('second-step-rule-saved')).toBeNull();
    expect(callsOf('my_second_step')).toEqual([null]);
  });

  it('saves the rule and says what it means', async () => {
    const user = userEvent.setup();
    core();
    render(SecondStepRule);
    await user.click(await screen.findByLabelText(LABEL));
    await user.click(screen.getByTestId('save-second-step-rule'));

    const banner = await screen.findByTestId('second-step-rule-saved');
    expect(banner).toHaveTextContent('Saved. Faculty without a second step will set one up when they next sign in.');
    expect(within(banner).getByRole('heading', { name: 'Success' })).toHaveFocus();
    expect(screen.getByLabelText(LABEL)).toBeChecked();
    expect(callsOf('set_second_step_rule')).toEqual([{ required_for_faculty: true }]);

    await user.click(screen.getByLabelText(LABEL));
    await user.click(screen.getByTestId('save-second-step-rule'));
    expect(await screen.findByText('Saved. Faculty may choose whether to use a second step.')).toBeInTheDocument();
    expect(screen.getAllByTestId('second-step-rule-saved')).toHaveLength(1);
    expect(callsOf('set_second_step_rule')).toEqual([{ required_for_faculty: true }, { required_for_faculty: false }]);
  });

  it('shows a refusal and keeps the choice made', async () => {
    const user = userEvent.setup();
    const refused = 'Turn on your own second step on your account page before requiring it of all faculty.';
    core(secondStepOn, {
      set_second_step_rule: () => {
        throw apiError('conflict', refused);
      },
    });
    render(SecondStepRule);
    await user.click(await screen.findByLabelText(LABEL));
    await user.click(screen.getByTestId('save-second-step-rule'));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('The rule was not saved');
    expect(summary).toHaveTextContent(refused);
    expect(screen.getByLabelText(LABEL)).toBeChecked();
    expect(screen.queryByTestId('second-step-rule-saved')).toBeNull();
    expect(await seriousViolations()).toEqual([]);
  });

  it('says so when the rule cannot be loaded', async () => {
    core(secondStepOn, { my_second_step: () => Promise.reject(apiError('internal', 'Something went wrong.')) });
    render(SecondStepRule);
    expect(await screen.findByRole('alert')).toHaveTextContent('The rule could not be loaded');
    expect(screen.queryByLabelText(LABEL)).toBeNull();
  });

  it('has no serious accessibility problems once saved', async () => {
    const user = userEvent.setup();
    core();
    render(SecondStepRule);
    await user.click(await screen.findByTestId('save-second-step-rule'));
    await screen.findByTestId('second-step-rule-saved');
    expect(await seriousViolations()).toEqual([]);
  });
});
