import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { router } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { fakeCore, type Handlers } from '../../test/fakeCore';
import { cohorts, faculty, reference, status } from '../../test/fixtures';
import { endOfYearFollowUp, followUp, outcomesHandlers } from '../../test/outcomesFixtures';
import OutcomesPage from './OutcomesPage.svelte';
import { cellTexts } from '../../test/cells';

const { call, saveDocument } = vi.hoisted(() => ({ call: vi.fn(), saveDocument: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call, saveDocument }));

function core(extra: Handlers = {}) {
  call.mockImplementation(fakeCore({ ...outcomesHandlers(), list_cohorts: () => cohorts, ...extra }));
}

const cells = cellTexts;
const followUpCalls = () => call.mock.calls.filter(([command]) => command === 'outcome_follow_up').map(([, args]) => args);

beforeEach(() => {
  call.mockReset();
  saveDocument.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('OutcomesPage', () => {
  it('leads to the dashboard, the survey import and the settings', async () => {
    core();
    render(OutcomesPage, { query: new URLSearchParams() });
    expect(screen.getByRole('heading', { level: 1, name: 'Alumni outcomes' })).toBeInTheDocument();
    expect(screen.getByTestId('dashboard-link')).toHaveAttribute('href', '#/outcomes/dashboard');
    expect(screen.getByTestId('dashboard-link')).toHaveTextContent('Dashboard');
    expect(screen.getByTestId('import-link')).toHaveAttribute('href', '#/outcomes/import');
    expect(screen.getByTestId('import-link')).toHaveTextContent('Import responses from a survey');
    expect(screen.getByTestId('settings-link')).toHaveAttribute('href', '#/outcomes/settings');
    expect(screen.getByTestId('settings-link')).toHaveTextContent('Waves and measures');
  });

  it('starts at the first wave and lists its alumni, with the counts', async () => {
    core();
    render(OutcomesPage, { query: new URLSearchParams() });
    expect(await screen.findByTestId('follow-up-counts')).toHaveTextContent('Due 0 · Overdue 0 · Done 0 · Not due yet 1');
    expect(followUpCalls()).toEqual([{ wave_id: 1, cohort_id: null, page: 1 }]);
    expect(screen.getByLabelText('Wave')).toHaveValue('1');
    expect(screen.getByLabelText('Cohort')).toHaveValue('');
    expect(within(screen.getByLabelText('Cohort')).getAllByRole('option').map((o) => o.textContent)).toEqual(['All cohorts', '2026/27']);
    const [row] = screen.getAllByTestId('follow-up-row');
    expect(cells(row)).toEqual(['Kim Physio', '2026/27', '31 Aug 2027', 'Not due yet', 'Not yet', 'Record the response: Kim Physio']);
    // The choice is kept in the address, for coming back to it.
    expect(router.location.path).toBe('/outcomes');
    expect(router.location.query.get('wave')).toBe('1');
  });

  it('shows each alumnus’s state in words and colour, and where to record or change their response', async () => {
    core();
    render(OutcomesPage, { query: new URLSearchParams('wave=2') });
    expect(await screen.findByTestId('follow-up-counts')).toHaveTextContent('Due 1 · Overdue 1 · Done 1 · Not due yet 0');
    expect(followUpCalls()).toEqual([{ wave_id: 2, cohort_id: null, page: 1 }]);
    const table = screen.getByRole('table', { name: 'Follow-up: 1 year after' });
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent?.trim())).toEqual([
      'Alumnus',
      'Cohort',
      'Due on',
      'State',
      'Responded on',
      'Response',
    ]);
    const rows = screen.getAllByTestId('follow-up-row');
    // Each alumnus's name heads their row.
    expect(rows.every((r) => within(r).getByRole('rowheader') === r.children[0])).toBe(true);
    expect(rows.map((r) => cells(r)[0])).toEqual(['Priya Nurse', 'Sam Fellow', 'Alex Doctor']);
    expect(cells(rows[0])).toEqual(['Priya Nurse', '2025/26', '31 Aug 2026', 'Done', '14 Sep 2026', 'Change the response: Priya Nurse']);
    const tags = screen.getAllByTestId('follow-up-state');
    expect(tags.map((t) => t.textContent)).toEqual(['Done', 'Due', 'Overdue']);
    expect(tags.map((t) => t.className)).toEqual([
      'nhsuk-tag nhsuk-tag--green',
      'nhsuk-tag nhsuk-tag--blue',
      'nhsuk-tag nhsuk-tag--red',
    ]);
    const links = screen.getAllByTestId('record-link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '#/outcomes/waves/2/fellows/21',
      '#/outcomes/waves/2/fellows/22',
      '#/outcomes/waves/2/fellows/23',
    ]);
    expect(links[1]).toHaveAccessibleName('Record the response: Sam Fellow');
  });

  it('asks again for another wave or one cohort', async () => {
    const user = userEvent.setup();
    core();
    render(OutcomesPage, { query: new URLSearchParams('wave=2') });
    await screen.findAllByTestId('follow-up-row');
    await user.selectOptions(screen.getByLabelText('Wave'), 'End of year');
    await waitFor(() => expect(screen.getAllByTestId('follow-up-row')).toHaveLength(1));
    expect(screen.getByTestId('follow-up-counts')).toHaveTextContent('Not due yet 1');
    expect(screen.getByTestId('record-link')).toHaveAttribute('href', '#/outcomes/waves/1/fellows/24');

    await user.selectOptions(screen.getByLabelText('Cohort'), '2026/27');
    expect(followUpCalls()).toEqual([
      { wave_id: 2, cohort_id: null, page: 1 },
      { wave_id: 1, cohort_id: null, page: 1 },
      { wave_id: 1, cohort_id: 3, page: 1 },
    ]);
    expect(router.location.query.toString()).toBe('wave=1&cohort=3');
  });

  it('shows only the latest answer when an older one comes back late', async () => {
    const user = userEvent.setup();
    let releaseSlow: (v: typeof followUp) => void = () => {};
    core({
      outcome_follow_up: ({ wave_id }) =>
        wave_id === 2 ? new Promise<typeof followUp>((resolve) => (releaseSlow = resolve)) : endOfYearFollowUp,
    });
    render(OutcomesPage, { query: new URLSearchParams('wave=2') });
    await waitFor(() => expect(followUpCalls()).toHaveLength(1));
    await user.selectOptions(await screen.findByLabelText('Wave'), 'End of year');
    await screen.findByText('Kim Physio');
    releaseSlow(followUp);
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.getAllByTestId('follow-up-row')).toHaveLength(1);
    expect(screen.queryByText('Sam Fellow')).toBeNull();
  });

  it('asks the core for each page of alumni, and keeps the page in the address', async () => {
    const user = userEvent.setup();
    const many = (page: number) => ({
      ...followUp,
      rows: Array.from({ length: page === 3 ? 20 : 50 }, (_, i) => ({
        ...followUp.rows[1],
        fellow_id: 1000 + (page - 1) * 50 + i,
        fellow_name: `Alumnus ${(page - 1) * 50 + i + 1}`,
      })),
      total: 120,
      page,
      page_size: 50,
    });
    // A page past the last gives the last.
    core({ outcome_follow_up: ({ page }) => many(Math.min(page, 3)) });
    render(OutcomesPage, { query: new URLSearchParams('wave=2&page=2') });
    expect(await screen.findByTestId('follow-up-showing')).toHaveTextContent('Showing 51 to 100 of 120 alumni');
    expect(followUpCalls()).toEqual([{ wave_id: 2, cohort_id: null, page: 2 }]);
    expect(screen.getAllByTestId('follow-up-row')).toHaveLength(50);
    await user.click(within(screen.getByRole('navigation', { name: 'Pages of alumni' })).getByRole('link', { name: /Next/ }));
    await waitFor(() => expect(screen.getByTestId('follow-up-showing')).toHaveTextContent('Showing 101 to 120 of 120 alumni'));
    expect(followUpCalls().at(-1)).toEqual({ wave_id: 2, cohort_id: null, page: 3 });
    expect(router.location.query.get('page')).toBe('3');
    expect(screen.getByTestId('follow-up-showing')).toHaveFocus();
    // Another cohort starts at its first page.
    await user.selectOptions(screen.getByLabelText('Cohort'), '2026/27');
    await waitFor(() => expect(followUpCalls().at(-1)).toEqual({ wave_id: 2, cohort_id: 3, page: 1 }));
  });

  it('says who appears here when there are no alumni yet', async () => {
    core({ outcome_follow_up: () => ({ ...followUp, rows: [], due: 0, overdue: 0, done: 0 }) });
    render(OutcomesPage, { query: new URLSearchParams('wave=2') });
    expect(await screen.findByTestId('follow-up-empty')).toHaveTextContent(
      'No alumni yet: fellows appear here once their status is Completed.',
    );
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('points to the settings when there are no waves', async () => {
    core({ list_outcome_waves: () => [] });
    render(OutcomesPage, { query: new URLSearchParams() });
    expect(await screen.findByTestId('no-waves')).toHaveTextContent('No follow-up waves yet.');
    expect(followUpCalls()).toEqual([]);
  });

  it('exports with pseudonyms unless told otherwise, and the data dictionary', async () => {
    const user = userEvent.setup();
    const csvFile = { file_name: 'fellowship-outcomes-2026-10-01-pseudonymised.csv', mime: 'text/csv', base64: 'ZmVsbG93' };
    const dictionary = { file_name: 'fellowship-outcomes-data-dictionary.json', mime: 'application/json', base64: 'e30=' };
    core({ export_outcomes: () => csvFile, outcomes_data_dictionary: () => dictionary });
    saveDocument.mockImplementation((d: { file_name: string }) => Promise.resolve(`/home/ada/Downloads/${d.file_name}`));
    render(OutcomesPage, { query: new URLSearchParams() });

    expect(screen.getByText(/one row per alumnus, wave and measure/)).toBeInTheDocument();
    const box = screen.getByLabelText("Replace fellows' identities with pseudonyms made for this export");
    expect(box).toBeChecked();
    await user.click(screen.getByTestId('export-outcomes'));
    expect(call).toHaveBeenCalledWith('export_outcomes', { pseudonymise: true });
    expect(saveDocument).toHaveBeenCalledWith(csvFile);
    expect(await screen.findByTestId('export-outcomes-saved')).toHaveTextContent(`Saved to /home/ada/Downloads/${csvFile.file_name}`);

    await user.click(box);
    await user.click(screen.getByTestId('export-outcomes'));
    expect(call).toHaveBeenLastCalledWith('export_outcomes', { pseudonymise: false });

    await user.click(screen.getByTestId('export-dictionary'));
    expect(call).toHaveBeenLastCalledWith('outcomes_data_dictionary', null);
    expect(await screen.findByTestId('export-dictionary-saved')).toHaveTextContent(dictionary.file_name);
  });
});
