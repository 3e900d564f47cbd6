import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import type { CohortFeedback, Round } from '$lib/api';
import { session } from '$lib/session.svelte';
import { fakeCore } from '../../test/fakeCore';
import { cohorts, faculty, reference, status } from '../../test/fixtures';
import { cohortFeedback, rounds } from '../../test/feedbackFixtures';
import CohortFeedbackPage from './CohortFeedbackPage.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

function core(feedback: CohortFeedback, found: Round[] = rounds) {
  call.mockImplementation(
    fakeCore({ list_cohorts: () => cohorts, cohort_feedback: () => feedback, list_feedback_rounds: () => found }),
  );
}

const cells = (row: HTMLElement) => Array.from(row.children).map((c) => c.textContent?.trim());

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('CohortFeedbackPage', () => {
  it('shows means across fellows, the change, and withholds small figures', async () => {
    core(cohortFeedback);
    render(CohortFeedbackPage, { id: 3 });
    expect(await screen.findByRole('heading', { level: 1, name: '360° feedback: cohort 2026/27' })).toBeInTheDocument();
    expect(call).toHaveBeenCalledWith('cohort_feedback', { id: 3 });
    expect(screen.getByText(/from fewer than 5 fellows is withheld/)).toBeInTheDocument();
    const rows = screen.getAllByTestId('cohort-row');
    expect(rows.map(cells)).toEqual([
      ['Inspiring shared purpose', '2.62 (6 fellows)', '3.07 (5 fellows)', '+0.45', '2.83', '3.00'],
      ['Leading with care', '3.15 (6 fellows)', 'Fewer than 5 fellows', 'Not available', '2.50', 'Fewer than 5 fellows'],
    ]);
    expect(screen.getByRole('table', { name: 'Mean ratings by dimension, across fellows' })).toBeInTheDocument();

    const chart = screen.getByTestId('cohort-chart');
    const svg = chart.querySelector('svg');
    expect(svg).toHaveAttribute('role', 'img');
    expect(svg?.getAttribute('aria-label')).toContain('Inspiring shared purpose: baseline 2.62, end of year 3.07');
    expect(svg?.getAttribute('aria-label')).toContain('Leading with care: baseline 3.15, end of year withheld');
    expect(svg?.querySelectorAll('g.baseline circle, g.baseline path')).toHaveLength(2);
    expect(svg?.querySelectorAll('g.end-of-year path')).toHaveLength(1);
    expect(chart).toHaveTextContent('The table below gives the same figures.');
  });

  it('draws no chart when there is nothing to show, and says when a round has not closed', async () => {
    core(
      { ...cohortFeedback, dimensions: cohortFeedback.dimensions.map((d) => ({ ...d, baseline: null, end_of_year: null })) },
      rounds.filter((r) => r.kind === 'baseline'),
    );
    render(CohortFeedbackPage, { id: 3 });
    expect(await screen.findByTestId('cohort-nothing')).toHaveTextContent('There are no figures to show yet.');
    expect(screen.queryByTestId('cohort-chart')).toBeNull();
    expect(cells(screen.getAllByTestId('cohort-row')[0])).toEqual([
      'Inspiring shared purpose',
      'No closed round',
      'No closed round',
      'Not available',
      'No closed round',
      'No closed round',
    ]);
  });
});
