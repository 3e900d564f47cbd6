import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { ChallengeDetail } from '$lib/api';
import { session } from '$lib/session.svelte';
import { detail, sponsorDetail } from '../../test/challengeFixtures';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { faculty, reference, sponsorUser, status } from '../../test/fixtures';
import ChallengePage from './ChallengePage.svelte';

/** The text of a table row's first cell. */
const firstCell = (row: HTMLElement) => (row as HTMLTableRowElement).cells[0].textContent;

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

function core(start: ChallengeDetail = detail, extra: Handlers = {}) {
  call.mockImplementation(fakeCore({ get_challenge: () => start, ...extra }));
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('ChallengePage', () => {
  it('heads the page with the title, a caption, and a contents list of its sections', async () => {
    const user = userEvent.setup();
    core();
    render(ChallengePage, { id: 11 });
    const h1 = await screen.findByRole('heading', { level: 1, name: 'Reduce delayed discharges on the frailty ward' });
    expect(h1).toBeInTheDocument();
    expect(document.title).toBe('Reduce delayed discharges on the frailty ward – Fellowship');
    expect(screen.getByTestId('challenge-caption')).toHaveTextContent('Sam Fellow, Leeds Teaching Hospitals, cohort 2026/27');

    const contents = screen.getByRole('navigation', { name: 'Sections of this challenge' });
    const links = within(contents).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual([
      'Summary',
      'Status',
      'Progress score',
      'Action plan',
      'Milestones',
      'Improvement measures',
      'PDSA cycles',
      'Host comments',
      'Reviews',
    ]);
    for (const link of links) {
      const id = link.getAttribute('href')!.slice(1);
      const section = document.getElementById(id);
      expect(section?.tagName).toBe('SECTION');
      expect(within(section!).getByRole('heading', { level: 2, name: link.textContent! })).toBeInTheDocument();
    }
    // Following a link moves to the section's heading without changing the app's address.
    const before = window.location.hash;
    await user.click(within(contents).getByRole('link', { name: 'Reviews' }));
    expect(document.getElementById('reviews-heading')).toHaveFocus();
    expect(window.location.hash).toBe(before);
    expect(document.getElementById('reviews')).toHaveTextContent('Version 2');
  });

  it('summarises the challenge, with the proposal tucked away and a link to edit', async () => {
    core();
    render(ChallengePage, { id: 11 });
    const summary = await screen.findByTestId('challenge-summary');
    expect(summary).toHaveTextContent('In progress');
    expect(within(summary).getByTestId('progress-score')).toHaveTextContent('3.5 Improvement');
    expect(summary).toHaveTextContent('Wicked');
    expect(summary).toHaveTextContent('Quality of care, Cost');
    expect(summary).toHaveTextContent('Older patients wait days for discharge once medically fit.');
    expect(screen.getByText('Proposal (9 of 9 sections written)')).toBeInTheDocument();
    expect(screen.getByText('Home first.').closest('details')).not.toBeNull();
    expect(screen.getByTestId('edit-challenge')).toHaveAttribute('href', '#/challenges/11/edit');
  });

  it('maps the core’s "status" error onto the status select, keeping the note', async () => {
    const user = userEvent.setup();
    core(detail, {
      change_challenge_status: () => {
        throw apiError('validation', 'Choose the new status.', [{ field: 'status', message: 'Choose the new status.' }]);
      },
    });
    render(ChallengePage, { id: 11 });
    await user.type(await screen.findByLabelText('Note'), 'Agreed with the sponsor');
    await user.click(screen.getByTestId('change-status'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose the new status.');
    expect(document.getElementById('challenge_status-error')).toHaveTextContent('Choose the new status.');
    expect(screen.getByRole('link', { name: 'Choose the new status.' })).toHaveAttribute('href', '#challenge_status');
    expect(document.getElementById('status_note')).toHaveValue('Agreed with the sponsor');
    expect(call).toHaveBeenCalledWith('change_challenge_status', { challenge_id: 11, status: '', note: 'Agreed with the sponsor' });
  });

  it('re-renders from the detail a change returns', async () => {
    const user = userEvent.setup();
    const closed: ChallengeDetail = {
      ...detail,
      challenge: { ...detail.challenge, status: 'closing' },
      status_history: [
        { status: 'closing', note: 'Handing over', changed_by: 'Ada Lovelace', changed_at: '2027-07-01T09:00:00Z' },
        ...detail.status_history,
      ],
    };
    core(detail, { change_challenge_status: () => closed });
    render(ChallengePage, { id: 11 });
    await user.selectOptions(await screen.findByLabelText('New status'), 'Closing');
    await user.click(screen.getByTestId('change-status'));
    expect(await screen.findByRole('status')).toHaveTextContent('Status changed.');
    const history = screen.getByTestId('challenge-status-history');
    expect(within(history).getAllByRole('row')[1]).toHaveTextContent('Handing over');
    expect(screen.getByTestId('challenge-summary')).toHaveTextContent('Closing');
    expect(screen.getByLabelText('New status')).toHaveDisplayValue('Choose…');
  });

  it('lists all four milestones and edits one with its kind fixed', async () => {
    const user = userEvent.setup();
    core(detail, {
      save_milestone: () => {
        throw apiError('validation', 'The milestone date must be a real date.', [
          { field: 'due_date', message: 'The milestone date must be a real date.' },
        ]);
      },
    });
    render(ChallengePage, { id: 11 });
    const rows = await screen.findAllByTestId('milestone-row');
    expect(rows.map((r) => firstCell(r))).toEqual([
      'Scoping agreed',
      'Mid-year review',
      'End-of-year review',
      'Showcase',
    ]);
    expect(rows[2]).toHaveTextContent('No date yet');
    await user.click(screen.getByRole('button', { name: 'Edit Mid-year review' }));
    expect(screen.getByRole('heading', { name: 'Edit milestone: Mid-year review' })).toBeInTheDocument();
    expect(document.getElementById('milestone_due_date-day')).toHaveValue('10');
    await user.clear(document.getElementById('milestone_due_date-day')!);
    await user.type(document.getElementById('milestone_due_date-day')!, '31');
    await user.type(screen.getByLabelText('Outcome'), 'Signed off');
    await user.click(screen.getByTestId('save-milestone'));
    expect(call).toHaveBeenCalledWith('save_milestone', {
      challenge_id: 11,
      kind: 'mid_year_review',
      due_date: '2027-02-31',
      outcome_note: 'Signed off',
    });
    expect(await screen.findByRole('link', { name: 'The milestone date must be a real date.' })).toHaveAttribute(
      'href',
      '#milestone_due_date',
    );
    expect(document.getElementById('milestone_due_date-error')).toHaveTextContent('The milestone date must be a real date.');
    expect(screen.getByLabelText('Outcome')).toHaveValue('Signed off');
  });

  it('links each measure to its page, with its latest verdict and assurance', async () => {
    core();
    render(ChallengePage, { id: 11 });
    const link = await screen.findByTestId('measure-link');
    expect(link).toHaveAttribute('href', '#/challenges/11/measures/21');
    const row = screen.getByTestId('measure-row');
    expect(row).toHaveTextContent('Lower is better');
    expect(row).toHaveTextContent('14');
    expect(within(row).getByText('Improvement')).toHaveClass('nhsuk-tag--green');
    expect(row).toHaveTextContent('Inconsistent');
  });

  it('shows a host sponsor the comment and sign forms, and no edit forms', async () => {
    Object.assign(session, { status: status(sponsorUser), reference, error: null });
    core(sponsorDetail);
    render(ChallengePage, { id: 11 });
    await screen.findByRole('heading', { level: 1 });
    for (const id of ['save-comment', 'sign-review']) expect(screen.getByTestId(id)).toBeInTheDocument();
    for (const id of ['edit-challenge', 'change-status', 'save-score', 'save-action', 'save-measure', 'save-pdsa', 'save-review-draft']) {
      expect(screen.queryByTestId(id)).toBeNull();
    }
    const comments = screen.getAllByTestId('comment');
    expect(comments[0]).toHaveTextContent('Pat Sponsor, 21 Nov 2026');
    expect(comments[0]).toHaveTextContent('Pleased with the huddles.');
  });

  it('shows a challenge that cannot be loaded as an error', async () => {
    call.mockImplementation(
      fakeCore({
        get_challenge: () => {
          throw apiError('not_found', 'That record does not exist or you do not have access to it.');
        },
      }),
    );
    render(ChallengePage, { id: 99 });
    expect(await screen.findByRole('alert')).toHaveTextContent('That record does not exist or you do not have access to it.');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Challenge');
  });
});
