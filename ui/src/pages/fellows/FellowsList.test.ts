import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { FellowFilter } from '$lib/api';
import { session } from '$lib/session.svelte';
import { cohorts, faculty, fellows, hosts, reference, status } from '../../test/fixtures';
import { fakeCore } from '../../test/fakeCore';
import FellowsList from './FellowsList.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const filtersSent = () =>
  call.mock.calls.filter(([command]) => command === 'list_fellows').map(([, args]) => args as FellowFilter);

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

function core(found = fellows) {
  call.mockImplementation(
    fakeCore({
      list_fellows: (filter) => (filter.search === 'nobody' ? [] : found),
      list_cohorts: () => cohorts,
      list_hosts: () => hosts,
    }),
  );
}

describe('FellowsList', () => {
  it('lists fellows with labels from reference data', async () => {
    core();
    render(FellowsList, { query: new URLSearchParams() });
    const rows = await screen.findAllByTestId('fellow-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Sam Fellow');
    expect(rows[0]).toHaveTextContent('Nursing');
    expect(rows[0]).toHaveTextContent('Active');
    expect(rows[1]).toHaveTextContent('No host yet');
    expect(screen.getByRole('link', { name: 'Sam Fellow' })).toHaveAttribute('href', '#/fellows/7');
    expect(screen.getByText('2 fellows')).toBeInTheDocument();
    expect(filtersSent()[0]).toEqual({ search: null, cohort_id: null, profession: null, host_id: null, status: null });
  });

  it('reruns the list when a filter changes, with the chosen id', async () => {
    const user = userEvent.setup();
    core();
    render(FellowsList, { query: new URLSearchParams() });
    await screen.findAllByTestId('fellow-row');
    await screen.findByRole('option', { name: '2026/27' });
    await user.selectOptions(screen.getByLabelText('Cohort'), '2026/27');
    await user.selectOptions(screen.getByLabelText('Status'), 'Active');
    await waitFor(() =>
      expect(filtersSent().at(-1)).toEqual({ search: null, cohort_id: 3, profession: null, host_id: null, status: 'active' }),
    );
  });

  it('waits for a pause in typing before searching', async () => {
    const user = userEvent.setup();
    core();
    render(FellowsList, { query: new URLSearchParams() });
    await screen.findAllByTestId('fellow-row');
    await user.type(screen.getByLabelText('Search by name, email or registration number'), 'nobody');
    expect(filtersSent().filter((f) => f.search !== null)).toHaveLength(0);
    expect(await screen.findByText('No fellows match these filters.')).toBeInTheDocument();
    expect(filtersSent().filter((f) => f.search !== null).map((f) => f.search)).toEqual(['nobody']);
  });

  it('starts filtered by the cohort in the address', async () => {
    core();
    render(FellowsList, { query: new URLSearchParams('cohort=3') });
    await screen.findAllByTestId('fellow-row');
    expect(filtersSent()[0].cohort_id).toBe(3);
  });

  it('says when there are no fellows at all', async () => {
    core([]);
    render(FellowsList, { query: new URLSearchParams() });
    expect(await screen.findByText(/No fellows yet\./)).toHaveTextContent('No fellows yet. Add the first fellow.');
    expect(screen.getByText('0 fellows')).toBeInTheDocument();
  });
});
