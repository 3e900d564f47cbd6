import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { ReflectionFilter } from '$lib/api';
import { session } from '$lib/session.svelte';
import { fakeCore, type Handlers } from '../../test/fakeCore';
import { fellowUser, reference, status } from '../../test/fixtures';
import { insights, notice, reflectionOptions, searchResults, summaries } from '../../test/reflectionFixtures';
import ReflectionsPage from './ReflectionsPage.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const searches = () => call.mock.calls.filter(([c]) => c === 'list_reflections').map(([, a]) => (a as ReflectionFilter).search);

function core(extra: Handlers = {}) {
  call.mockImplementation(
    fakeCore({
      reflection_options: () => reflectionOptions,
      list_reflections: ({ search }) => (search ? searchResults : summaries),
      reflection_insights: () => insights,
      ...extra,
    }),
  );
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(fellowUser), reference, error: null });
});

describe('ReflectionsPage', () => {
  it('lists the fellow’s entries under the notice', async () => {
    core();
    render(ReflectionsPage);
    expect(screen.getByRole('heading', { level: 1, name: 'Reflective log' })).toBeInTheDocument();
    const rows = await screen.findAllByTestId('reflection-row');
    expect(screen.getByTestId('reflection-notice')).toHaveTextContent(notice);
    expect(screen.getByTestId('reflection-notice')).toHaveClass('nhsuk-warning-callout');
    expect(screen.getByTestId('new-reflection')).toHaveAttribute('href', '#/reflections/new');
    expect(screen.getByTestId('new-reflection')).toHaveTextContent('Write a reflection');

    // A draft opens to carry on writing; a finished entry opens to read.
    expect(within(rows[0]).getByRole('link', { name: 'Untitled draft' })).toHaveAttribute('href', '#/reflections/22/edit');
    expect(rows[0]).toHaveTextContent('No date yet');
    expect(rows[0]).toHaveTextContent("Gibbs' reflective cycle");
    expect(within(rows[0]).getByText('Draft')).toHaveClass('nhsuk-tag');
    expect(within(rows[0]).queryByText(/Shared with/)).toBeNull();

    expect(within(rows[1]).getByRole('link', { name: 'Board round with a new registrar' })).toHaveAttribute('href', '#/reflections/21');
    expect(rows[1]).toHaveTextContent('3 Nov 2026');
    expect(rows[1]).toHaveTextContent('What? So what? Now what?');
    expect(within(rows[1]).getByText('Shared with 1')).toHaveClass('nhsuk-tag');
    expect(within(rows[1]).queryByText('Draft')).toBeNull();
    expect(screen.queryByTestId('reflection-snippet')).toBeNull();
    expect(searches()).toEqual([null]);
  });

  it('searches once typing pauses, passing the text, and shows where each entry matched', async () => {
    const user = userEvent.setup();
    core();
    render(ReflectionsPage);
    await screen.findAllByTestId('reflection-row');
    const search = screen.getByLabelText('Search your reflections');
    expect(search).toHaveAttribute('id', 'search');
    await user.type(search, 'board');
    await waitFor(() => expect(screen.getAllByTestId('reflection-row')).toHaveLength(1));
    expect(searches()).toEqual([null, 'board']);
    expect(screen.getByTestId('reflection-snippet')).toHaveTextContent('The board round overran ... registrar was new');
    expect(screen.getByTestId('reflection-count')).toHaveTextContent('1 reflection found');
  });

  it('says when nothing matches a search', async () => {
    const user = userEvent.setup();
    core({ list_reflections: ({ search }) => (search ? [] : summaries) });
    render(ReflectionsPage);
    await screen.findAllByTestId('reflection-row');
    await user.type(screen.getByLabelText('Search your reflections'), 'zebra');
    expect(await screen.findByText('No reflections match your search.')).toBeInTheDocument();
    expect(screen.queryByTestId('reflection-row')).toBeNull();
  });

  it('says when the log is empty', async () => {
    core({ list_reflections: () => [] });
    render(ReflectionsPage);
    expect(await screen.findByText('You have not written any reflections yet.')).toBeInTheDocument();
  });

  it('shows the log over time: totals, entries by month and by every leadership dimension', async () => {
    core();
    render(ReflectionsPage);
    const section = await screen.findByTestId('reflection-insights');
    expect(within(section).getByRole('heading', { level: 2, name: 'Your reflections over time' })).toBeInTheDocument();
    expect(await within(section).findByTestId('insight-totals')).toHaveTextContent('3 finished entries and 1 draft.');

    const months = within(section).getAllByTestId('month-row');
    const cells = (row: HTMLElement) => Array.from(row.children).map((c) => c.textContent?.trim());
    expect(months.map(cells)).toEqual([
      ['Oct 2026', '1'],
      ['Nov 2026', '2'],
    ]);
    const bar = months[1].querySelector('.app-bar');
    expect(bar).toHaveAttribute('aria-hidden', 'true');
    expect((bar?.firstElementChild as HTMLElement).style.width).toBe('100%');
    expect((months[0].querySelector('.app-bar__fill') as HTMLElement).style.width).toBe('50%');

    const dimensions = within(section).getAllByTestId('dimension-row');
    expect(dimensions).toHaveLength(9);
    expect(cells(dimensions[0])).toEqual(['Inspiring shared purpose', '0']);
    expect(cells(dimensions[1])).toEqual(['Leading with care', '2']);
    expect(within(section).getByRole('table', { name: 'Finished entries by leadership dimension' })).toBeInTheDocument();
  });
});
