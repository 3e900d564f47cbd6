import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import { session } from '$lib/session.svelte';
import { fakeCore } from '../../test/fakeCore';
import { faculty, fellowUser, mentorUser, reference, sponsorUser, status } from '../../test/fixtures';
import { myRounds, rounds, sharedReports } from '../../test/feedbackFixtures';
import FeedbackPage from './FeedbackPage.svelte';
import { cellTexts } from '../../test/cells';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

// The cells' text without the column names a stacking table repeats for phones.
const cells = cellTexts;

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('FeedbackPage for faculty', () => {
  it('lists every round with its status, and a cohort report per cohort', async () => {
    call.mockImplementation(fakeCore({ list_feedback_rounds: () => rounds }));
    render(FeedbackPage);
    expect(screen.getByRole('heading', { level: 1, name: '360° feedback' })).toBeInTheDocument();
    expect(screen.getByTestId('open-round-link')).toHaveAttribute('href', '#/feedback/new');
    expect(screen.getByTestId('frameworks-link')).toHaveAttribute('href', '#/feedback/frameworks');
    expect(screen.getByTestId('frameworks-link')).toHaveTextContent('Frameworks');
    const rows = await screen.findAllByTestId('round-row');
    expect(rows.map(cells)).toEqual([
      ['End of year, 2026/27', '2026/27', '1 Jun 2027', '15 Jul 2027', 'Closed'],
      ['Baseline (start of year), 2026/27', '2026/27', '1 Oct 2026', '15 Nov 2026', 'Open'],
    ]);
    expect(within(rows[1]).getByRole('link', { name: 'Baseline (start of year), 2026/27' })).toHaveAttribute('href', '#/feedback/41');
    expect(within(rows[0]).getByText('Closed')).toHaveClass('nhsuk-tag');
    const cohortLinks = screen.getAllByTestId('cohort-report-link');
    expect(cohortLinks).toHaveLength(1);
    expect(cohortLinks[0]).toHaveAttribute('href', '#/feedback/cohorts/3');
    expect(cohortLinks[0]).toHaveTextContent('Cohort report: 2026/27');
  });

  it('says when there are no rounds yet', async () => {
    call.mockImplementation(fakeCore({ list_feedback_rounds: () => [] }));
    render(FeedbackPage);
    expect(await screen.findByTestId('rounds-empty')).toHaveTextContent('No 360° rounds yet.');
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByTestId('cohort-report-link')).toBeNull();
    expect(screen.getByTestId('open-round-link')).toBeInTheDocument();
  });
});

describe('FeedbackPage for a fellow', () => {
  it('shows each round with its state, and the report link only once released', async () => {
    Object.assign(session, { status: status(fellowUser), reference, error: null });
    call.mockImplementation(fakeCore({ my_feedback: () => myRounds }));
    render(FeedbackPage);
    expect(screen.getByRole('heading', { level: 1, name: 'Your 360° feedback' })).toBeInTheDocument();
    const [closed, open] = await screen.findAllByTestId('my-round');
    expect(within(closed).getByRole('heading', { level: 2 })).toHaveTextContent('End of year');
    expect(within(closed).getByTestId('report-link')).toHaveAttribute('href', '#/feedback/42/report/7');
    expect(within(closed).getByTestId('report-state')).toHaveTextContent('Released');
    expect(within(closed).getByTestId('self-state')).toHaveTextContent('Submitted');
    expect(within(closed).getByTestId('raters-state')).toHaveTextContent('6 raters nominated');

    expect(within(open).queryByTestId('report-link')).toBeNull();
    expect(within(open).getByTestId('report-state')).toHaveTextContent('Not released yet');
    expect(within(open).getByTestId('self-state')).toHaveTextContent('Not submitted yet');
    expect(within(open).getByTestId('raters-state')).toHaveTextContent('2 raters nominated');
    expect(within(open).getByTestId('self-link')).toHaveAttribute('href', '#/feedback/41/self');
    expect(within(open).getByTestId('raters-link')).toHaveAttribute('href', '#/feedback/41/raters');
    expect(within(open).getByText('Open')).toHaveClass('nhsuk-tag');
    expect(screen.queryByTestId('open-round-link')).toBeNull();
  });
});

describe('FeedbackPage for a host sponsor', () => {
  it('lists the reports shared with them', async () => {
    Object.assign(session, { status: status(sponsorUser), reference, error: null });
    call.mockImplementation(fakeCore({ shared_feedback_reports: () => sharedReports }));
    render(FeedbackPage);
    expect(screen.getByRole('heading', { level: 1, name: '360° reports shared with you' })).toBeInTheDocument();
    const [item] = await screen.findAllByTestId('shared-report');
    expect(within(item).getByRole('link', { name: 'Sam Fellow' })).toHaveAttribute('href', '#/feedback/42/report/7');
    expect(item).toHaveTextContent('End of year, cohort 2026/27');
  });

  it.each([
    ['a host sponsor', sponsorUser],
    ['a mentor', mentorUser],
  ])('says when nothing is shared, to %s', async (_, who) => {
    Object.assign(session, { status: status(who), reference, error: null });
    call.mockImplementation(fakeCore({ shared_feedback_reports: () => [] }));
    render(FeedbackPage);
    expect(await screen.findByTestId('shared-empty')).toHaveTextContent('No fellow has shared a 360° report with you.');
  });
});
