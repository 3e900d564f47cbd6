import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { session } from '$lib/session.svelte';
import { fakeCore } from '../../test/fakeCore';
import { cohorts, faculty, fellowUser, reference, status } from '../../test/fixtures';
import { learningSets } from '../../test/setFixtures';
import SetsPage from './SetsPage.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const cells = (row: HTMLElement) => Array.from(row.children).map((c) => c.textContent?.trim());

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('SetsPage for faculty', () => {
  it('lists every set with its attendance and follow-through', async () => {
    call.mockImplementation(fakeCore({ list_cohorts: () => cohorts, list_learning_sets: () => learningSets }));
    render(SetsPage);
    expect(screen.getByRole('heading', { level: 1, name: 'Action learning sets' })).toBeInTheDocument();
    const rows = await screen.findAllByTestId('set-row');
    expect(rows.map(cells)).toEqual([
      ['Set A', '2026/27', 'Mo Mentor', '4', '2 held, 1 planned', '14 Jan 2027', '88%', '3', '2: 1 done, 1 partly, 0 not done'],
      ['Set B', '2026/27', 'Ada Lovelace', '5', '0 held, 0 planned', 'None planned', 'None yet', '0', 'None yet'],
    ]);
    expect(within(rows[0]).getByRole('link', { name: 'Set A' })).toHaveAttribute('href', '#/sets/51');
    expect(screen.getByRole('table')).toContainElement(screen.getByText('Action learning sets', { selector: 'caption' }));
    expect(screen.getByTestId('new-set')).toHaveAttribute('href', '#/sets/new');
    expect(call).toHaveBeenCalledWith('list_learning_sets', { cohort_id: null });
  });

  it('filters by cohort', async () => {
    const user = userEvent.setup();
    call.mockImplementation(
      fakeCore({
        list_cohorts: () => cohorts,
        list_learning_sets: ({ cohort_id }) => (cohort_id ? [learningSets[0]] : learningSets),
      }),
    );
    render(SetsPage);
    await screen.findAllByTestId('set-row');
    const select = await screen.findByLabelText('Cohort');
    expect(select).toHaveAttribute('id', 'cohort_filter');
    expect(Array.from((select as HTMLSelectElement).options).map((o) => o.text)).toEqual(['All cohorts', '2026/27']);
    await user.selectOptions(select, '2026/27');
    await waitFor(() => expect(screen.getAllByTestId('set-row')).toHaveLength(1));
    expect(call).toHaveBeenLastCalledWith('list_learning_sets', { cohort_id: 3 });
  });

  it('says when there are none, and how to form one', async () => {
    call.mockImplementation(fakeCore({ list_cohorts: () => cohorts, list_learning_sets: () => [] }));
    render(SetsPage);
    const empty = await screen.findByTestId('sets-empty');
    expect(empty).toHaveTextContent('No action learning sets yet.');
    expect(within(empty).getByRole('link', { name: 'Form the first set' })).toHaveAttribute('href', '#/sets/new');
    expect(screen.queryByRole('table')).toBeNull();
  });
});

describe('SetsPage for a fellow', () => {
  it('lists only what the core sends, with no filter or forming', async () => {
    Object.assign(session, { status: status(fellowUser), reference, error: null });
    call.mockImplementation(fakeCore({ list_learning_sets: () => [learningSets[0]] }));
    render(SetsPage);
    expect(await screen.findAllByTestId('set-row')).toHaveLength(1);
    expect(screen.queryByLabelText('Cohort')).toBeNull();
    expect(screen.queryByTestId('new-set')).toBeNull();
    expect(call.mock.calls.map(([command]) => command)).not.toContain('list_cohorts');
  });

  it('says when they are in no set, without the faculty hint', async () => {
    Object.assign(session, { status: status(fellowUser), reference, error: null });
    call.mockImplementation(fakeCore({ list_learning_sets: () => [] }));
    render(SetsPage);
    const empty = await screen.findByTestId('sets-empty');
    expect(empty).toHaveTextContent('No action learning sets yet.');
    expect(within(empty).queryByRole('link')).toBeNull();
  });
});
