import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { FeedbackReport } from '$lib/api';
import { session } from '$lib/session.svelte';
import { apiError, fakeCore, type Handlers } from '../../../test/fakeCore';
import { faculty, fellowUser, reference, sponsorUser, status } from '../../../test/fixtures';
import { invalidReport, report } from '../../../test/feedbackReportFixtures';
import ReportPage from './ReportPage.svelte';

const { call, saveDocument } = vi.hoisted(() => ({ call: vi.fn(), saveDocument: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call, saveDocument }));

function core(r: FeedbackReport, extra: Handlers = {}) {
  call.mockImplementation(fakeCore({ get_feedback_report: () => r, ...extra }));
}

const cells = (row: HTMLElement) => Array.from(row.children).map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
const ref = { round_id: 71, fellow_id: 7 };

beforeEach(() => {
  call.mockReset();
  saveDocument.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('ReportPage with a valid report', () => {
  it('shows who responded, leaves the dropped group out of every column, and gives the figures', async () => {
    core(report);
    render(ReportPage, { roundId: 71, fellowId: 7 });
    expect(await screen.findByRole('heading', { level: 1, name: '360° feedback report: Sam Fellow' })).toBeInTheDocument();
    expect(call).toHaveBeenCalledWith('get_feedback_report', ref);

    const summary = screen.getByTestId('report-summary');
    expect(summary).toHaveTextContent('End of year');
    expect(summary).toHaveTextContent('2026/27');
    expect(summary).toHaveTextContent('30 Jun 2027');
    expect(within(screen.getByTestId('report-state')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Not reviewed yet',
      'Not released yet',
    ]);

    expect(within(screen.getByTestId('shown-groups')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Line manager: 1 response',
      'Peers: 4 responses',
    ]);
    expect(screen.getByTestId('dropped-group')).toHaveTextContent(
      'Direct reports: 2 responses, fewer than the 3 needed. They are left out of every figure and comment in this report.',
    );
    expect(screen.getByTestId('line-manager-notice')).toHaveTextContent(
      "Sam Fellow's line manager's ratings are shown as theirs: a group of one is not anonymous, and they were told so.",
    );

    const table = screen.getByRole('table', { name: 'Ratings by dimension' });
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent?.trim())).toEqual([
      'Dimension',
      'Self',
      'Line manager',
      'Peers',
      'All others',
      'Importance to the role',
      'Change since baseline',
    ]);
    expect(within(table).queryByText('Direct reports')).toBeNull();
    const rows = screen.getAllByTestId('dimension-row');
    expect(cells(rows[0])).toEqual([
      'Inspiring shared purpose',
      '2',
      '3.00 (1)',
      '3.25 (4)',
      '3.20 (5) Ratings at each point: Essential 0 · Proficient 1 · Strong 2 · Exemplary 2',
      'Self: 4 Others: 3.50 (4)',
      '+0.40',
    ]);
    expect(cells(rows[1])).toEqual([
      'Engaging the team',
      '3',
      '2.00 (1)',
      'Too few ratings',
      '2.00 (1) Ratings at each point: Essential 0 · Proficient 1 · Strong 0 · Exemplary 0',
      'Self: – Others: –',
      '–',
    ]);
    expect(within(rows[0]).getByRole('rowheader')).toHaveTextContent('Inspiring shared purpose');
    expect(table.closest('[role="region"]')).toHaveAttribute('tabindex', '0');

    const figure = screen.getByTestId('self-others-chart');
    // Faculty are not the fellow: the fellow's part is "Self", and theirs by name, never "You".
    expect(within(figure).getByRole('img')).toHaveAccessibleName(/^Sam Fellow's own rating and others' mean for each of 2 dimensions/);
    expect(figure.querySelector('figcaption')).toHaveTextContent('Square labelled "Self": Sam Fellow\'s own rating');
    expect([...figure.querySelectorAll('g.self-label text')].map((t) => t.firstChild?.textContent)).toEqual(['Self', 'Self']);

    const groups = screen.getAllByTestId('comment-group');
    expect(groups.map((g) => within(g).getByRole('heading', { level: 3 }).textContent)).toEqual(['Line manager', 'Peers']);
    expect(within(groups[1]).getAllByTestId('rater-comment').map((c) => c.textContent)).toEqual([
      'Always makes time for the team.',
      'Could delegate more.',
    ]);
  });

  it('leaves out the change column for a baseline round, and says when there are no comments', async () => {
    core({ ...report, round: { ...report.round, kind: 'baseline' }, comments: [] });
    render(ReportPage, { roundId: 71, fellowId: 7 });
    const table = await screen.findByRole('table', { name: 'Ratings by dimension' });
    expect(within(table).queryByRole('columnheader', { name: 'Change since baseline' })).toBeNull();
    expect(screen.getByTestId('no-comments')).toHaveTextContent('No comments.');
    expect(screen.queryByTestId('comment-group')).toBeNull();
  });
});

describe('ReportPage with a round that failed its rules', () => {
  it('shows the failed rules and no figures', async () => {
    core(invalidReport);
    render(ReportPage, { roundId: 70, fellowId: 7 });
    const failures = await screen.findByTestId('report-failures');
    expect(within(failures).getByRole('heading', { level: 2 })).toHaveTextContent('No report for this round');
    expect(within(failures).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '2 of the 4 responses needed from others were received.',
      '1 rater group(s) reached their minimum; the round needs 2.',
    ]);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByTestId('self-others-chart')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Who responded' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Comments' })).toBeNull();
    expect(screen.getByTestId('download-report-pdf')).toBeInTheDocument();
  });
});

describe('ReportPage errors on loading', () => {
  it('shows the core’s message while the round is still open', async () => {
    core(report, {
      get_feedback_report: () => {
        throw apiError('conflict', 'Reports are produced when the round closes.', [
          { field: 'round', message: 'Reports are produced when the round closes.' },
        ]);
      },
    });
    render(ReportPage, { roundId: 71, fellowId: 7 });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Reports are produced when the round closes.');
    expect(within(alert).queryByRole('link')).toBeNull();
  });

  it('says a report the reader may not see does not exist', async () => {
    core(report, {
      get_feedback_report: () => {
        throw apiError('not_found', 'That record does not exist or you do not have access to it.');
      },
    });
    render(ReportPage, { roundId: 71, fellowId: 7 });
    expect(await screen.findByRole('alert')).toHaveTextContent('This report does not exist, or it is not yours to read yet.');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Report not found');
  });
});

describe('ReportPage actions', () => {
  it('lets faculty mark the report reviewed, then shows the core’s refusal to release', async () => {
    const user = userEvent.setup();
    core(report, {
      review_feedback_report: () => ({ ...report, reviewed: true }),
      release_feedback_report: () => {
        throw apiError('conflict', 'Review the report before releasing it to the fellow.', [
          { field: 'report', message: 'Review the report before releasing it to the fellow.' },
        ]);
      },
    });
    render(ReportPage, { roundId: 71, fellowId: 7 });
    await user.click(await screen.findByTestId('review-report'));
    expect(call).toHaveBeenCalledWith('review_feedback_report', ref);
    expect(await screen.findByRole('status')).toHaveTextContent('Report marked as reviewed.');
    expect(screen.queryByTestId('review-report')).toBeNull();
    expect(within(screen.getByTestId('report-state')).getByText('Reviewed')).toHaveClass('nhsuk-tag');
    expect(screen.queryByTestId('share-report')).toBeNull();

    await user.click(screen.getByTestId('release-report'));
    expect(call).toHaveBeenCalledWith('release_feedback_report', ref);
    expect(await screen.findByRole('alert')).toHaveTextContent('Review the report before releasing it to the fellow.');
    expect(screen.getByTestId('release-report')).toBeInTheDocument();
  });

  it('lets the fellow share their report with their host sponsor, and stop', async () => {
    Object.assign(session, { status: status(fellowUser) });
    const user = userEvent.setup();
    const released = { ...report, reviewed: true, released: true };
    core(released, { share_feedback_report: ({ share }) => ({ ...released, shared_with_host: share }) });
    render(ReportPage, { roundId: 71, fellowId: 7 });
    expect(await screen.findByTestId('share-explanation')).toHaveTextContent('Sharing it lets your host sponsor read it too');
    // The fellow reads their own report as theirs.
    expect(screen.getByTestId('line-manager-notice')).toHaveTextContent("Your line manager's ratings are shown as theirs");
    const table = screen.getByRole('table', { name: 'Ratings by dimension' });
    expect(within(table).getAllByRole('columnheader')[1]).toHaveTextContent('You');
    expect(cells(screen.getAllByTestId('dimension-row')[0])[5]).toBe('You: 4 Others: 3.50 (4)');
    const figure = screen.getByTestId('self-others-chart');
    expect(within(figure).getByRole('img')).toHaveAccessibleName(/^Your own rating and others' mean/);
    expect(figure.querySelector('figcaption')).toHaveTextContent('Square labelled "You": your own rating');
    expect(screen.queryByTestId('review-report')).toBeNull();
    expect(screen.queryByTestId('release-report')).toBeNull();

    await user.click(screen.getByTestId('share-report'));
    expect(call).toHaveBeenCalledWith('share_feedback_report', { round_id: 71, share: true });
    expect(await screen.findByRole('status')).toHaveTextContent('Your host sponsor can now read this report.');
    expect(screen.getByTestId('share-report')).toHaveTextContent('Stop sharing');
    expect(within(screen.getByTestId('report-state')).getByText('Shared with host sponsor')).toBeInTheDocument();

    await user.click(screen.getByTestId('share-report'));
    expect(call).toHaveBeenCalledWith('share_feedback_report', { round_id: 71, share: false });
    expect(await screen.findByText('Your host sponsor can no longer read this report.')).toBeInTheDocument();
    expect(screen.getByTestId('share-report')).toHaveTextContent('Share with my host sponsor');
  });

  it('gives a host sponsor the report and its PDF, but nothing to change', async () => {
    Object.assign(session, { status: status(sponsorUser) });
    const user = userEvent.setup();
    const pdf = { file_name: '360-report-71-7.pdf', mime: 'application/pdf', base64: 'JVBERi0=' };
    core({ ...report, reviewed: true, released: true, shared_with_host: true }, { feedback_report_pdf: () => pdf });
    saveDocument.mockResolvedValue('/home/pat/Downloads/360-report-71-7.pdf');
    render(ReportPage, { roundId: 71, fellowId: 7 });
    expect(await screen.findByTestId('line-manager-notice')).toHaveTextContent("Sam Fellow's line manager's ratings are shown as theirs");
    await user.click(await screen.findByTestId('download-report-pdf'));
    expect(call).toHaveBeenCalledWith('feedback_report_pdf', ref);
    expect(saveDocument).toHaveBeenCalledWith(pdf);
    expect(await screen.findByTestId('download-report-pdf-saved')).toHaveTextContent('Saved to /home/pat/Downloads/360-report-71-7.pdf');
    for (const id of ['review-report', 'release-report', 'share-report']) expect(screen.queryByTestId(id)).toBeNull();
  });
});
