import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import { session } from '$lib/session.svelte';
import type { Link } from '$lib/api';
import { seriousViolations } from '../../test/axe';
import { apiError, fakeCore } from '../../test/fakeCore';
import { fellowUser, reference, status } from '../../test/fixtures';
import { fellowToday } from '../../test/todayFixtures';
import TodayPage from './TodayPage.svelte';
import { pathOf } from './links';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(fellowUser), reference, error: null });
});

describe('TodayPage', () => {
  it('lists what needs the person now, what is coming and what changed, each linked', async () => {
    call.mockImplementation(fakeCore({ my_today: () => fellowToday }));
    render(TodayPage);
    expect(screen.getByRole('heading', { level: 1, name: /Today/ })).toBeInTheDocument();
    expect(await screen.findByTestId('today-summary')).toHaveTextContent('2 things need you now, 1 overdue.');
    const now = screen.getByRole('region', { name: 'Needs you now' });
    const items = within(now).getAllByTestId('today-item');
    expect(items).toHaveLength(2);
    expect(within(items[0]).getByRole('link', { name: '2 actions overdue' })).toHaveAttribute('href', '#/challenges/12');
    expect(within(items[0]).getByText('Overdue')).toHaveClass('nhsuk-tag--red');
    expect(items[0]).toHaveTextContent('the oldest was due 13 Nov 2026');
    expect(within(items[1]).queryByText('Overdue')).toBeNull();
    const coming = screen.getByRole('region', { name: 'Coming up' });
    expect(within(coming).getByRole('link', { name: /Next learning set/ })).toHaveAttribute('href', '#/sets/3/sessions/9');
    const changed = screen.getByRole('region', { name: 'Since your last visit' });
    expect(changed).toHaveTextContent('Since you signed in on 1 Dec 2026, 09:30:00.');
    // The page asks for the person's own today.
    expect(call.mock.calls[0][0]).toBe('my_today');
    expect(await seriousViolations()).toEqual([]);
  });

  it('says so when nothing needs the person', async () => {
    call.mockImplementation(fakeCore({ my_today: () => ({ on: '2026-12-03', since: null, items: [] }) }));
    render(TodayPage);
    expect(await screen.findByTestId('today-empty')).toHaveTextContent('Nothing needs you today, Sam.');
  });

  it('shows why the list could not be loaded', async () => {
    call.mockImplementation(
      fakeCore({
        my_today: () => {
          throw apiError('internal', 'The programme database could not be read.');
        },
      }),
    );
    render(TodayPage);
    expect(await screen.findByText('The programme database could not be read.')).toBeInTheDocument();
  });

  it('knows the address of every page an item can lead to', () => {
    const cases: [Link, string][] = [
      [{ page: 'challenge', id: 1 }, '/challenges/1'],
      [{ page: 'raters', round_id: 2 }, '/feedback/2/raters'],
      [{ page: 'round', id: 3 }, '/feedback/3'],
      [{ page: 'relationship', id: 4 }, '/mentoring/4'],
      [{ page: 'privacy' }, '/privacy'],
    ];
    for (const [link, path] of cases) expect(pathOf(link)).toBe(path);
  });
});
