import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Dashboard } from '$lib/api';
import { session } from '$lib/session.svelte';
import { fakeCore } from '../../../test/fakeCore';
import { faculty, status } from '../../../test/fixtures';
import { dashboard, outcomeCohorts, outcomesReference, sharedDashboard } from '../../../test/outcomesDashboardFixtures';
import DashboardPage from './DashboardPage.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

function core(answer: (input: { cohort_id: number | null; for_sharing: boolean }) => Dashboard) {
  call.mockImplementation(fakeCore({ list_cohorts: () => outcomeCohorts, outcomes_dashboard: answer }));
}

const cells = (row: HTMLElement) => Array.from(row.children).map((c) => c.textContent?.trim());
const rowsOf = (testid: string) => screen.getAllByTestId(testid).map(cells);

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference: outcomesReference, error: null });
});

describe('DashboardPage', () => {
  it('shows each section as a chart with its numbers in a table', async () => {
    core(() => dashboard);
    render(DashboardPage);
    expect(screen.getByRole('heading', { level: 1, name: 'Outcomes dashboard' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to outcomes' })).toHaveAttribute('href', '#/outcomes');
    await screen.findAllByTestId('response-rate-row');
    expect(call).toHaveBeenCalledWith('outcomes_dashboard', { cohort_id: null, for_sharing: false });
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Response rate by wave',
      'Survey items',
      'Formal leadership roles since graduation',
      'Challenge legacy',
    ]);

    expect(rowsOf('response-rate-row')).toEqual([
      ['End of year', '2025/26', '8', '6', '75%'],
      ['End of year', '2026/27', '4', '3', '75%'],
      ['One year on', '2025/26', '8', '4', '50%'],
    ]);
    expect(rowsOf('survey-row')).toEqual([
      ['The programme was worthwhile', 'End of year', '9', '8', '89%'],
      ['The programme was worthwhile', 'One year on', '4', '3', '75%'],
    ]);
    expect(rowsOf('leadership-row')).toEqual([
      ['End of year', '0', '9', '3', '33%'],
      ['One year on', '12', '4', '2', '50%'],
    ]);
    expect(rowsOf('legacy-row')).toEqual([
      ['2025/26', '6', '3', '2', '1'],
      ['2026/27', '3', '1', '0', '2'],
    ]);
    expect(screen.getByRole('table', { name: 'Responses by wave and cohort' })).toBeInTheDocument();
    expect(screen.queryByTestId('suppressed')).toBeNull();

    // Each chart is one labelled image, keyed in words, with the table as its twin.
    for (const testid of ['response-rates-chart', 'survey-chart', 'leadership-chart', 'legacy-chart']) {
      const svg = screen.getByTestId(testid).querySelector('svg');
      expect(svg).toHaveAttribute('role', 'img');
      expect(svg?.getAttribute('aria-label')).toBeTruthy();
      expect(screen.getByTestId(testid)).toHaveTextContent('The table below gives the same figures.');
    }
    const rates = screen.getByTestId('response-rates-chart');
    expect(rates.querySelector('svg')?.getAttribute('aria-label')).toContain('2025/26: End of year 75%, One year on 50%');
    expect(rates).toHaveTextContent('Circles: 2025/26');
    expect(rates).toHaveTextContent('Squares: 2026/27');
    expect(rates.querySelectorAll('g.series-0 circle, g.series-0 path')).toHaveLength(2);
    expect(screen.getByTestId('leadership-chart').querySelectorAll('g.holding-label text')).toHaveLength(2);
    expect(screen.getByTestId('legacy-chart')).toHaveTextContent('Sustained and spread');
  });

  it('withholds small figures and any that would reveal one when prepared for sharing, saying "Withheld"', async () => {
    const user = userEvent.setup();
    core(({ for_sharing }) => (for_sharing ? sharedDashboard : dashboard));
    render(DashboardPage);
    await screen.findAllByTestId('response-rate-row');
    await user.click(
      screen.getByLabelText('Prepare for sharing outside faculty: withhold any figure about fewer than 5 people, or that could reveal one'),
    );
    expect(call).toHaveBeenLastCalledWith('outcomes_dashboard', { cohort_id: null, for_sharing: true });

    expect(await screen.findByTestId('suppressed')).toHaveTextContent('Withheld: fewer than 5, or could reveal one.');
    const withheld = ['Withheld', 'Withheld', 'Withheld'];
    expect(rowsOf('response-rate-row')).toEqual([
      ['End of year', '2025/26', ...withheld],
      ['End of year', '2026/27', ...withheld],
      ['One year on', '2025/26', '10', '5', '50%'],
    ]);
    // A wave's total across cohorts, where it has several.
    expect(rowsOf('response-total-row')).toEqual([['End of year', 'All cohorts', '14', '8', '57%']]);
    expect(rowsOf('survey-row')[1]).toEqual(['The programme was worthwhile', 'One year on', ...withheld]);
    expect(rowsOf('leadership-row')[1]).toEqual(['One year on', '12', ...withheld]);
    expect(rowsOf('legacy-row')[1]).toEqual(['2026/27', 'Withheld', ...withheld]);
    expect(rowsOf('legacy-total-row')).toEqual([['All alumni', '13', '6', 'Withheld', 'Withheld']]);
    // Withheld figures are not drawn; a chart with nothing left to draw says so.
    expect(screen.getByTestId('response-rates-chart').querySelector('svg')?.getAttribute('aria-label')).toContain(
      '2025/26: End of year withheld, One year on 50%',
    );
    expect(screen.queryByTestId('leadership-chart')).toBeNull();
    expect(screen.queryByTestId('legacy-chart')).toBeNull();
    expect(screen.getAllByText('There is no chart: the figures it would draw are withheld.')).toHaveLength(3);
  });

  it('asks again for the cohort chosen', async () => {
    const user = userEvent.setup();
    core(({ cohort_id }) => (cohort_id === 3 ? { ...dashboard, response_rates: dashboard.response_rates.slice(1, 2) } : dashboard));
    render(DashboardPage);
    await screen.findAllByTestId('response-rate-row');
    const select = screen.getByLabelText('Cohort') as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.text)).toEqual(['All cohorts', '2025/26', '2026/27']);
    await user.selectOptions(select, '2026/27');
    expect(call).toHaveBeenLastCalledWith('outcomes_dashboard', { cohort_id: 3, for_sharing: false });
    await waitFor(() => expect(screen.getAllByTestId('response-rate-row')).toHaveLength(1));
  });

  it('switches the challenge legacy breakdown', async () => {
    const user = userEvent.setup();
    core(() => dashboard);
    render(DashboardPage);
    await screen.findAllByTestId('legacy-row');
    const by = screen.getByRole('group', { name: 'Break down challenge legacy' });
    expect(within(by).getByLabelText('By cohort')).toBeChecked();
    await user.click(within(by).getByLabelText('By profession'));
    expect(rowsOf('legacy-row')).toEqual([
      ['Medicine', '5', '2', '1', '2'],
      ['Nursing', '4', '2', '1', '1'],
    ]);
    expect(screen.getByRole('table', { name: "What became of fellows' challenges, by profession" })).toBeInTheDocument();
    expect(screen.getByTestId('legacy-chart').querySelectorAll('g.legacy-sustained rect')).toHaveLength(2);
    await user.click(within(by).getByLabelText('By host'));
    expect(rowsOf('legacy-row')).toEqual([['Leeds Teaching Hospitals', '9', '4', '2', '3']]);
    // The breakdown is drawn from what the core already sent.
    expect(call.mock.calls.filter(([command]) => command === 'outcomes_dashboard')).toHaveLength(1);
  });

  it('says when there is nothing yet, with no charts or tables', async () => {
    core(() => ({ ...dashboard, response_rates: [], survey: [], leadership: [], legacy: [] }));
    render(DashboardPage);
    expect(await screen.findByTestId('response-rates-empty')).toHaveTextContent('No follow-up wave has fallen due');
    for (const testid of ['survey-empty', 'leadership-empty', 'legacy-empty']) {
      expect(screen.getByTestId(testid)).toBeInTheDocument();
    }
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('img')).toBeNull();
  });
});
