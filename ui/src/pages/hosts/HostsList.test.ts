import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { HostOrg, HostPageInput } from '$lib/api';
import { navigate, router } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { faculty, hosts, hostsPage, reference, sponsorUser, status } from '../../test/fixtures';
import { fakeCore } from '../../test/fakeCore';
import HostsList from './HostsList.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const asked = () =>
  call.mock.calls.filter(([command]) => command === 'page_hosts').map(([, args]) => args as HostPageInput);

// 120 hosts named in order, so a page's first row says which page it is.
const many: HostOrg[] = Array.from({ length: 120 }, (_, i) => ({
  ...hosts[0],
  id: 100 + i,
  name: `Host ${String(i + 1).padStart(3, '0')}`,
  region: i % 2 ? 'London' : 'North West',
}));

/** The core's search and paging over `list`. */
function core(list: HostOrg[]) {
  call.mockImplementation(
    fakeCore({
      page_hosts: ({ search, page }) =>
        hostsPage(
          list.filter((h) => !search || `${h.name} ${h.region} ${h.ods_code ?? ''}`.toLowerCase().includes(search.toLowerCase())),
          page,
        ),
    }),
  );
}

const names = () => screen.getAllByTestId('host-row').map((r) => r.textContent ?? '');

beforeEach(() => {
  call.mockReset();
  navigate('/hosts', { replace: true });
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('the host organisations list', () => {
  it('shows a page of hosts with their details, and faculty may add one', async () => {
    core(hosts);
    render(HostsList, { query: new URLSearchParams() });
    expect(await screen.findByTestId('host-count')).toHaveTextContent('1 host organisation');
    const [row] = screen.getAllByTestId('host-row');
    expect(within(row).getByRole('link', { name: 'Leeds Teaching Hospitals' })).toHaveAttribute('href', '#/hosts/5/edit');
    expect(row).toHaveTextContent('NHS trust');
    expect(row).toHaveTextContent('RR8');
    expect(screen.getByTestId('add-host')).toBeInTheDocument();
    expect(asked()).toEqual([{ search: null, page: 1 }]);
  });

  it('shows fifty at a time and pages with Previous and Next, keeping the page in the address', async () => {
    const user = userEvent.setup();
    core(many);
    render(HostsList, { query: new URLSearchParams() });
    const count = await screen.findByTestId('host-count');
    expect(count).toHaveTextContent('Showing 1 to 50 of 120 host organisations');
    const pages = screen.getByRole('navigation', { name: 'Pages of host organisations' });
    const next = within(pages).getByRole('link', { name: /Next/ });
    expect(next).toHaveAttribute('href', '#/hosts?page=2');
    await user.click(next);
    await waitFor(() => expect(count).toHaveTextContent('Showing 51 to 100 of 120 host organisations'));
    expect(count).toHaveFocus();
    expect(names()[0]).toContain('Host 051');
    expect(router.location.query.get('page')).toBe('2');
    expect(asked().map((a) => a.page)).toEqual([1, 2]);
  });

  it('searches in the core after a pause in typing, from the first page, and says when nothing matches', async () => {
    const user = userEvent.setup();
    core(many);
    render(HostsList, { query: new URLSearchParams('page=2') });
    await screen.findByText(/Showing 51 to 100/);
    await user.type(screen.getByLabelText('Search by name, region or ODS code'), 'london');
    await waitFor(() => expect(screen.getByTestId('host-count')).toHaveTextContent('Showing 1 to 50 of 60 host organisations'));
    expect(asked().at(-1)).toEqual({ search: 'london', page: 1 });
    // One request for the typing, not one per letter.
    expect(asked()).toHaveLength(2);
    expect(router.location.query.get('search')).toBe('london');
    expect(router.location.query.get('page')).toBeNull();

    await user.clear(screen.getByLabelText('Search by name, region or ODS code'));
    await user.type(screen.getByLabelText('Search by name, region or ODS code'), 'nowhere');
    expect(await screen.findByText('No host organisations match this search.')).toBeInTheDocument();
    expect(screen.getByTestId('host-count')).toHaveTextContent('0 host organisations');
  });

  it('starts from the search and page in the address; a page past the last gives the last', async () => {
    core(many);
    render(HostsList, { query: new URLSearchParams('search=north&page=9') });
    expect(await screen.findByTestId('host-count')).toHaveTextContent('Showing 51 to 60 of 60 host organisations');
    expect(asked()).toEqual([{ search: 'north', page: 9 }]);
    expect(router.location.query.get('page')).toBe('2');
    expect(screen.getByLabelText('Search by name, region or ODS code')).toHaveValue('north');
  });

  it('invites faculty to add the first host when there are none; others are only told', async () => {
    core([]);
    const { unmount } = render(HostsList, { query: new URLSearchParams() });
    expect(await screen.findByRole('link', { name: 'Add the first host organisation.' })).toHaveAttribute('href', '#/hosts/new');
    unmount();
    Object.assign(session, { status: status(sponsorUser), reference, error: null });
    render(HostsList, { query: new URLSearchParams() });
    expect(await screen.findByText('No host organisations yet.')).toBeInTheDocument();
    expect(screen.queryByTestId('add-host')).toBeNull();
  });
});
