import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { CohortOverview as Overview } from '$lib/api';
import { router } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { fakeCore } from '../../test/fakeCore';
import { cellTexts } from '../../test/cells';
import { faculty, overview, reference, status } from '../../test/fixtures';
import CohortOverview from './CohortOverview.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

const rows = () => within(screen.getByTestId('host-profession-table')).getAllByRole('row').map(cellTexts);

/** A cohort of 240 fellows at 120 host organisations, two to each, one nurse and one doctor. */
function many(page: number): Overview {
  const first = (page - 1) * 50;
  const count = Math.min(50, 120 - first);
  return {
    ...overview,
    cohort: { ...overview.cohort, fellow_count: 240 },
    by_status: [{ key: 'active', count: 240 }],
    by_profession: [
      { key: 'medicine', count: 120 },
      { key: 'nursing', count: 120 },
    ],
    by_host_profession: Array.from({ length: count }, (_, i) => first + i + 1).flatMap((n) => [
      { host_id: n, host_name: `Host ${n}`, profession: 'medicine' as const, count: 1 },
      { host_id: n, host_name: `Host ${n}`, profession: 'nursing' as const, count: 1 },
    ]),
    hosts: 120,
    page,
  };
}

describe('CohortOverview', () => {
  it('counts the fellows by status, host organisation and profession', async () => {
    call.mockImplementation(fakeCore({ cohort_overview: () => overview }));
    render(CohortOverview, { id: 3 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Cohort 2026/27' })).toBeInTheDocument();
    expect(call).toHaveBeenCalledWith('cohort_overview', { id: 3, page: 1 });
    expect(rows()).toEqual([
      ['Host organisation', 'Medicine', 'Nursing', 'Total'],
      ['Leeds Teaching Hospitals', '0', '1', '1'],
      ['No host yet', '1', '0', '1'],
      ['Total', '1', '1', '2'],
    ]);
    // All on one page: no count of pages, no page links.
    expect(screen.queryByTestId('hosts-showing')).not.toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Pages of host organisations' })).not.toBeInTheDocument();
  });

  it('asks the core for each page of host organisations, with the whole cohort’s totals', async () => {
    const user = userEvent.setup();
    call.mockImplementation(fakeCore({ cohort_overview: ({ page }) => many(Math.min(page, 3)) }));
    render(CohortOverview, { id: 3, query: new URLSearchParams('page=2') });
    expect(await screen.findByTestId('hosts-showing')).toHaveTextContent('Showing 51 to 100 of 120 host organisations');
    expect(call).toHaveBeenCalledWith('cohort_overview', { id: 3, page: 2 });
    const shown = rows();
    expect(shown[1]).toEqual(['Host 51', '1', '1', '2']);
    expect(shown.at(-1)).toEqual(['Total (all host organisations)', '120', '120', '240']);

    await user.click(within(screen.getByRole('navigation', { name: 'Pages of host organisations' })).getByRole('link', { name: /Next/ }));
    await waitFor(() => expect(screen.getByTestId('hosts-showing')).toHaveTextContent('Showing 101 to 120 of 120 host organisations'));
    expect(call).toHaveBeenLastCalledWith('cohort_overview', { id: 3, page: 3 });
    expect(router.location.query.get('page')).toBe('3');
    expect(screen.getByTestId('hosts-showing')).toHaveFocus();
    expect(rows()).toHaveLength(1 + 20 + 1);

    // Asked for a page past the last, the address says which was given.
    call.mockClear();
    render(CohortOverview, { id: 3, query: new URLSearchParams('page=9') });
    await waitFor(() => expect(call).toHaveBeenCalledWith('cohort_overview', { id: 3, page: 9 }));
    await waitFor(() => expect(router.location.query.get('page')).toBe('3'));
  });
});
