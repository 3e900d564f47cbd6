import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flash } from '$lib/flash.svelte';
import { router } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { cohorts, faculty, reference, status } from '../../test/fixtures';
import { openRound } from '../../test/feedbackFixtures';
import RoundForm from './RoundForm.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

function core(extra: Handlers = {}) {
  call.mockImplementation(fakeCore({ list_cohorts: () => cohorts, ...extra }));
}

const input = (id: string) => document.getElementById(id) as HTMLInputElement;

async function typeDate(user: ReturnType<typeof userEvent.setup>, field: string, [d, m, y]: string[]) {
  await user.type(input(`${field}-day`), d);
  await user.type(input(`${field}-month`), m);
  await user.type(input(`${field}-year`), y);
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
  window.location.hash = '#/feedback/new';
});

describe('RoundForm', () => {
  it('opens a round with the minimums as typed, then goes to it', async () => {
    const user = userEvent.setup();
    core({ open_feedback_round: () => openRound });
    render(RoundForm);
    expect(screen.getByRole('heading', { level: 1, name: 'Open a 360° round' })).toBeInTheDocument();
    await user.selectOptions(await screen.findByLabelText('Cohort'), '2026/27');
    await user.click(screen.getByLabelText('Baseline (start of year)'));
    await typeDate(user, 'opens_on', ['1', '10', '2026']);
    await typeDate(user, 'closes_on', ['15', '11', '2026']);
    expect(screen.getByText(/45 days is common/)).toBeInTheDocument();

    const minimums = screen.getByRole('group', { name: 'Minimum responses before a group is shown' });
    expect(within(minimums).getAllByRole('textbox').map((i) => [i.id, (i as HTMLInputElement).value])).toEqual([
      ['minimums.line_manager', '1'],
      ['minimums.peer', '3'],
      ['minimums.direct_report', '3'],
      ['minimums.other', '3'],
      ['minimums.service_user', '3'],
    ]);
    expect(minimums).toHaveTextContent('line manager is not anonymous');
    await user.clear(within(minimums).getByLabelText('Peers'));
    await user.type(within(minimums).getByLabelText('Peers'), '4');
    expect(screen.getByLabelText('Responses from others needed before any report')).toHaveValue('4');
    await user.clear(screen.getByLabelText('Rater groups that must reach their minimum'));
    await user.type(screen.getByLabelText('Rater groups that must reach their minimum'), '3');
    await user.click(screen.getByLabelText('The line manager must respond'));
    await user.click(screen.getByTestId('open-round'));

    expect(call).toHaveBeenCalledWith('open_feedback_round', {
      cohort_id: 3,
      kind: 'baseline',
      opens_on: '2026-10-01',
      closes_on: '2026-11-15',
      minimums: { line_manager: '1', peer: '4', direct_report: '3', other: '3', service_user: '3' },
      overall_minimum: '4',
      groups_required: '3',
      line_manager_required: true,
    });
    await waitFor(() => expect(router.location.path).toBe('/feedback/41'));
    expect(flash).toEqual({ message: 'Baseline (start of year) round opened for 2026/27.', path: '/feedback/41' });
  });

  it('offers a choice of current framework when there is more than one, the default first chosen', async () => {
    const user = userEvent.setup();
    const hlm = { id: 1, name: 'Healthcare Leadership Model', version: 1, is_default: true, in_use: true, dimensions: 9, replaced_by: null };
    core({
      list_frameworks: () => [
        hlm,
        { ...hlm, id: 2, name: 'Our values', is_default: false, in_use: false, dimensions: 5 },
        { ...hlm, id: 3, name: 'Our values', version: 0, is_default: false, replaced_by: 2 },
      ],
      open_feedback_round: () => openRound,
    });
    render(RoundForm);
    const select = await screen.findByLabelText('Framework');
    expect(Array.from((select as HTMLSelectElement).options).map((o) => o.text)).toEqual([
      'Healthcare Leadership Model (version 1)',
      'Our values (version 1)',
    ]);
    expect(select).toHaveValue('1');
    await user.selectOptions(select, 'Our values (version 1)');
    await user.click(screen.getByTestId('open-round'));
    expect(call).toHaveBeenCalledWith('open_feedback_round', expect.objectContaining({ framework_id: 2 }));
  });

  it('leaves the framework to the core when there is only one', async () => {
    core({ list_frameworks: () => [] });
    render(RoundForm);
    await screen.findByLabelText('Cohort');
    expect(screen.queryByLabelText('Framework')).toBeNull();
  });

  it('shows a minimum’s error beside its box and keeps what was typed', async () => {
    const user = userEvent.setup();
    core({
      open_feedback_round: () => {
        throw apiError('validation', 'There are 2 problems with what you entered.', [
          { field: 'kind', message: 'Choose baseline or end of year.' },
          { field: 'minimums.peer', message: 'Enter a whole number from 1 to 20.' },
        ]);
      },
    });
    render(RoundForm);
    await user.selectOptions(await screen.findByLabelText('Cohort'), '2026/27');
    const peers = screen.getByLabelText('Peers');
    await user.clear(peers);
    await user.type(peers, 'three');
    await user.clear(screen.getByLabelText('Direct reports'));
    await user.type(screen.getByLabelText('Direct reports'), '5');
    await user.click(screen.getByTestId('open-round'));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter a whole number from 1 to 20.' })).toHaveAttribute('href', '#minimums.peer');
    expect(within(summary).getByRole('link', { name: 'Choose baseline or end of year.' })).toHaveAttribute('href', '#kind');
    const message = document.getElementById('minimums.peer-error');
    expect(message).toHaveTextContent('Enter a whole number from 1 to 20.');
    expect(peers.getAttribute('aria-describedby')).toContain('minimums.peer-error');
    expect(peers).toHaveClass('nhsuk-input--error');
    expect(document.getElementById('kind-error')).toHaveTextContent('Choose baseline or end of year.');
    expect(peers).toHaveValue('three');
    expect(screen.getByLabelText('Direct reports')).toHaveValue('5');
    expect(screen.getByLabelText('Cohort')).toHaveValue('3');
    expect(router.location.path).toBe('/feedback/new');

    await user.click(within(summary).getByRole('link', { name: 'Enter a whole number from 1 to 20.' }));
    expect(peers).toHaveFocus();
  });
});
