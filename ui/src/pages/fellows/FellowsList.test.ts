import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Fellow, FellowPageInput } from '$lib/api';
import { navigate, router } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { cohorts, faculty, fellows, hostPicks, hosts, reference, status } from '../../test/fixtures';
import { fakeCore } from '../../test/fakeCore';
import FellowsList from './FellowsList.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const asked = () =>
  call.mock.calls.filter(([command]) => command === 'page_fellows').map(([, args]) => args as FellowPageInput);
const filtersSent = () => asked().map((a) => a.filter);

/** The core's paging: fifty a page, a page past the last giving the last. */
function pageOf(found: Fellow[], page: number) {
  const last = Math.max(1, Math.ceil(found.length / 50));
  const at = Math.min(Math.max(1, page), last);
  return { fellows: found.slice((at - 1) * 50, at * 50), total: found.length, page: at, page_size: 50 };
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

function core(found = fellows) {
  call.mockImplementation(
    fakeCore({
      page_fellows: ({ filter, page }) => pageOf(filter.search === 'nobody' ? [] : found, page),
      list_cohorts: () => cohorts,
      list_hosts: () => hosts,
      pick_hosts: hostPicks(),
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

  describe('a long list', () => {
    const many = Array.from({ length: 96 }, (_, i) => ({ ...fellows[0], id: 100 + i, name: `Fellow ${String(i + 1).padStart(2, '0')}` }));
    const names = () => screen.getAllByTestId('fellow-row').map((r) => within(r).getByRole('link').textContent);

    beforeEach(() => navigate('/fellows', { replace: true }));

    it('shows fifty at a time, says which, and pages with Previous and Next, keeping the page in the address', async () => {
      const user = userEvent.setup();
      core(many);
      render(FellowsList, { query: new URLSearchParams() });
      expect(await screen.findByTestId('fellow-count')).toHaveTextContent('Showing 1 to 50 of 96 fellows');
      expect(names()).toHaveLength(50);
      expect(names()[0]).toBe('Fellow 01');
      const pages = screen.getByRole('navigation', { name: 'Pages of fellows' });
      expect(within(pages).queryByRole('link', { name: /Previous/ })).toBeNull();
      const next = within(pages).getByRole('link', { name: /Next/ });
      expect(next.textContent?.replace(/\s+/g, ' ').trim()).toBe('Next page : 2 of 2');
      expect(next).toHaveAttribute('href', '#/fellows?page=2');

      await user.click(next);
      expect(screen.getByTestId('fellow-count')).toHaveTextContent('Showing 51 to 96 of 96 fellows');
      expect(screen.getByTestId('fellow-count')).toHaveFocus();
      expect(names()).toHaveLength(46);
      expect(names()[0]).toBe('Fellow 51');
      expect(router.location.path).toBe('/fellows');
      expect(router.location.query.get('page')).toBe('2');
      expect(within(pages).queryByRole('link', { name: /Next/ })).toBeNull();
      expect(within(pages).getByRole('link', { name: /Previous/ })).toHaveAttribute('href', '#/fellows');
      // Each page is asked of the core, which sends only that page.
      expect(asked().map((a) => a.page)).toEqual([1, 2]);
    });

    it('starts at the page in the address, and a new filter starts again at page 1', async () => {
      const user = userEvent.setup();
      core(many);
      render(FellowsList, { query: new URLSearchParams('page=2') });
      expect(await screen.findByTestId('fellow-count')).toHaveTextContent('Showing 51 to 96 of 96 fellows');
      await screen.findByRole('option', { name: 'Active' });
      await user.selectOptions(screen.getByLabelText('Status'), 'Active');
      await waitFor(() => expect(screen.getByTestId('fellow-count')).toHaveTextContent('Showing 1 to 50 of 96 fellows'));
      expect(router.location.query.get('status')).toBe('active');
      expect(router.location.query.get('page')).toBeNull();
    });

    it('shows the last page, and says so in the address, when asked for a page past it', async () => {
      core(many);
      render(FellowsList, { query: new URLSearchParams('page=9') });
      expect(await screen.findByTestId('fellow-count')).toHaveTextContent('Showing 51 to 96 of 96 fellows');
      expect(asked()[0].page).toBe(9);
      expect(router.location.query.get('page')).toBe('2');
    });

    it('says just how many there are when they fit on one page, with no page links', async () => {
      core();
      render(FellowsList, { query: new URLSearchParams() });
      expect(await screen.findByTestId('fellow-count')).toHaveTextContent('2 fellows');
      expect(screen.queryByRole('navigation', { name: 'Pages of fellows' })).toBeNull();
    });
  });
});
