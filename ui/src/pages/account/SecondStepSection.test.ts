import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { SecondStepStatus } from '$lib/api';
import { session } from '$lib/session.svelte';
import { seriousViolations } from '../../test/axe';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { faculty, fellowUser, reference, status } from '../../test/fixtures';
import { CODE, recoveryCodes, secondStepOff, secondStepOn, secondStepSetup, WRONG, wrongCode } from '../../test/secondStepFixtures';
import SecondStepSection from './SecondStepSection.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const REQUIRED = 'The programme requires faculty to use a second step, so you cannot turn it off.';
const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);

function core(start: SecondStepStatus = secondStepOff, handlers: Handlers = {}) {
  let current = { ...start };
  call.mockImplementation(
    fakeCore({
      my_second_step: () => current,
      begin_second_step: () => secondStepSetup,
      confirm_second_step: ({ code }) => {
        if (code !== CODE) throw wrongCode();
        current = { ...current, on: true, recovery_codes_left: 10 };
        return recoveryCodes;
      },
      remove_second_step: ({ code }) => {
        if (current.required) throw apiError('conflict', 'The programme requires faculty to use a second step.');
        if (code !== CODE && code !== 'abcd-efgh') throw wrongCode();
        current = { ...current, on: false, recovery_codes_left: 0 };
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

describe('your second step at sign-in', () => {
  it('says when it is off, and starts no set-up until asked', async () => {
    core();
    render(SecondStepSection);
    expect(screen.getByRole('heading', { level: 2, name: 'Second step at sign-in' })).toBeInTheDocument();
    expect(await screen.findByTestId('second-step-state')).toHaveTextContent('Off Your password alone signs you in.');
    expect(screen.getByTestId('open-second-step-setup')).toHaveTextContent('Turn on');
    expect(screen.queryByTestId('open-remove-second-step')).toBeNull();
    expect(screen.queryByTestId('second-step-required')).toBeNull();
    expect(callsOf('my_second_step')).toEqual([null]);
    expect(callsOf('begin_second_step')).toEqual([]);
  });

  it('turns it on with the set-up used at sign-in, and shows the recovery codes once', async () => {
    const user = userEvent.setup();
    core();
    render(SecondStepSection);
    await user.click(await screen.findByTestId('open-second-step-setup'));

    // The button has gone: the set-up starts at its own heading.
    expect(await screen.findByRole('heading', { level: 3, name: 'Add this programme to an authenticator app' })).toHaveFocus();
    expect(screen.getByRole('img', { name: 'QR code to add this programme to your authenticator app' })).toHaveAttribute(
      'src',
      secondStepSetup.qr_image,
    );
    expect(screen.getByTestId('second-step-key')).toHaveTextContent(secondStepSetup.key);
    expect(callsOf('begin_second_step')).toEqual([null]);

    await user.type(screen.getByTestId('second-step-code'), '999999');
    await user.click(screen.getByTestId('confirm-second-step'));
    expect(await screen.findByRole('alert')).toHaveTextContent(WRONG);
    expect(document.getElementById('second-step-code-error')).toHaveTextContent(WRONG);
    expect(screen.getByTestId('second-step-code')).toHaveValue('999999');

    await user.clear(screen.getByTestId('second-step-code'));
    await user.type(screen.getByTestId('second-step-code'), CODE);
    await user.click(screen.getByTestId('confirm-second-step'));
    expect(within(await screen.findByTestId('second-step-on')).getByRole('heading', { name: 'Success' })).toHaveFocus();
    expect(screen.getByRole('heading', { level: 3, name: 'Your recovery codes' })).toBeInTheDocument();
    expect(within(screen.getByTestId('recovery-codes')).getAllByRole('listitem')).toHaveLength(10);
    expect(callsOf('confirm_second_step')).toEqual([{ code: '999999' }, { code: CODE }]);

    await user.click(screen.getByTestId('recovery-codes-kept'));
    const banner = await screen.findByTestId('second-step-turned-on');
    expect(banner).toHaveTextContent('Your second step at sign-in is on. You will enter a code from your app each time you sign in.');
    expect(within(banner).getByRole('heading', { name: 'Success' })).toHaveFocus();
    expect(screen.getByTestId('second-step-state')).toHaveTextContent('On You have 10 recovery codes left.');
    expect(screen.queryByTestId('recovery-codes')).toBeNull();
    expect(screen.queryByText(recoveryCodes.codes[0])).toBeNull();
    expect(screen.getByTestId('open-remove-second-step')).toHaveTextContent('Turn off');
    expect(callsOf('my_second_step')).toEqual([null, null]);
  });

  it('can be left without turning it on', async () => {
    const user = userEvent.setup();
    core();
    render(SecondStepSection);
    await user.click(await screen.findByTestId('open-second-step-setup'));
    await user.click(await screen.findByTestId('cancel-second-step-setup'));
    expect(screen.getByTestId('open-second-step-setup')).toHaveFocus();
    expect(screen.getByTestId('second-step-state')).toHaveTextContent('Off');
    expect(callsOf('confirm_second_step')).toEqual([]);
  });

  it('shows how many recovery codes are left, and warns when 2 or fewer are', async () => {
    core({ ...secondStepOn, recovery_codes_left: 3 });
    const { unmount } = render(SecondStepSection);
    expect(await screen.findByTestId('second-step-state')).toHaveTextContent('On You have 3 recovery codes left.');
    expect(screen.queryByTestId('second-step-few-codes')).toBeNull();
    unmount();

    core({ ...secondStepOn, recovery_codes_left: 1 });
    render(SecondStepSection);
    expect(await screen.findByTestId('second-step-state')).toHaveTextContent('On You have 1 recovery code left.');
    const warning = screen.getByTestId('second-step-few-codes');
    expect(warning).toHaveTextContent('You are running out of recovery codes');
    expect(warning).toHaveTextContent('To get ten new codes, turn the second step off, then on again.');
  });

  it('turns it off with a current code, showing a wrong one beside the field', async () => {
    const user = userEvent.setup();
    core(secondStepOn);
    render(SecondStepSection);
    await user.click(await screen.findByTestId('open-remove-second-step'));
    const field = screen.getByLabelText('Code');
    expect(field).toBe(screen.getByTestId('remove-second-step-code'));
    expect(field).toHaveFocus();
    expect(field).toHaveAttribute('autocomplete', 'one-time-code');
    expect(field).toHaveAccessibleDescription(
      'The 6-digit code your app shows now, or one of your recovery codes, to show it is you.',
    );

    await user.type(field, '123456');
    await user.click(screen.getByTestId('remove-second-step'));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('The second step was not turned off');
    expect(within(summary).getByText(WRONG)).toHaveAttribute('href', '#remove-code');
    expect(document.getElementById('remove-code-error')).toHaveTextContent(WRONG);
    expect(screen.getByLabelText('Code')).toHaveValue('123456');
    expect(screen.getByTestId('second-step-state')).toHaveTextContent('On');

    await user.clear(screen.getByLabelText('Code'));
    await user.type(screen.getByLabelText('Code'), 'abcd-efgh');
    await user.click(screen.getByTestId('remove-second-step'));
    const banner = await screen.findByTestId('second-step-turned-off');
    expect(banner).toHaveTextContent('Your second step at sign-in is off. Your password alone now signs you in.');
    expect(within(banner).getByRole('heading', { name: 'Success' })).toHaveFocus();
    expect(screen.getByTestId('second-step-state')).toHaveTextContent('Off');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(callsOf('remove_second_step')).toEqual([{ code: '123456' }, { code: 'abcd-efgh' }]);
  });

  it('cannot be turned off by faculty when the programme requires it', async () => {
    session.status = status(faculty);
    core({ on: true, recovery_codes_left: 2, required: true, required_for_faculty: true });
    render(SecondStepSection);
    expect(await screen.findByTestId('second-step-required')).toHaveTextContent(REQUIRED);
    expect(screen.queryByTestId('open-remove-second-step')).toBeNull();
    expect(screen.getByTestId('second-step-few-codes')).toHaveTextContent(
      'To get ten new codes, ask another faculty member to reset your second step, then set it up again when you next sign in.',
    );
  });

  it('says so when it cannot be loaded', async () => {
    core(secondStepOff, { my_second_step: () => Promise.reject(apiError('internal', 'Something went wrong.')) });
    render(SecondStepSection);
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Your second step could not be loaded');
    expect(screen.queryByTestId('open-second-step-setup')).toBeNull();
  });

  it('has no serious accessibility problems: off, setting up, the codes, and turning off with an error', async () => {
    const user = userEvent.setup();
    core();
    render(SecondStepSection);
    await user.click(await screen.findByTestId('open-second-step-setup'));
    await screen.findByTestId('second-step-code');
    expect(await seriousViolations()).toEqual([]);
    await user.type(screen.getByTestId('second-step-code'), CODE);
    await user.click(screen.getByTestId('confirm-second-step'));
    await screen.findByTestId('recovery-codes');
    expect(await seriousViolations()).toEqual([]);
    await user.click(screen.getByTestId('recovery-codes-kept'));
    await user.click(await screen.findByTestId('open-remove-second-step'));
    await user.click(screen.getByTestId('remove-second-step'));
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
  });
});
