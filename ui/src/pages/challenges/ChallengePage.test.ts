import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { ChallengeDetail } from '$lib/api';
import { navigate } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { detail, sponsorDetail } from '../../test/challengeFixtures';
import { cellTexts } from '../../test/cells';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { faculty, reference, sponsorUser, status } from '../../test/fixtures';
import ChallengePage from './ChallengePage.svelte';

/** The text of a table row's first cell, as a reader sees it. */
const firstCell = (row: HTMLElement) => cellTexts(row)[0];

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

function core(start: ChallengeDetail = detail, extra: Handlers = {}) {
  call.mockImplementation(fakeCore({ get_challenge: () => start, ...extra }));
}

beforeEach(() => {
  // The open sections are kept in the address: each test starts from none.
  navigate('/', { replace: true });
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('ChallengePage', () => {
  it('heads the page with the title and a caption, then folds each section to a line that sums it up', async () => {
    const user = userEvent.setup();
    core();
    render(ChallengePage, { id: 11 });
    const h1 = await screen.findByRole('heading', { level: 1, name: 'Reduce delayed discharges on the frailty ward' });
    expect(h1).toBeInTheDocument();
    expect(document.title).toBe('Reduce delayed discharges on the frailty ward – Fellowship');
    expect(screen.getByTestId('challenge-caption')).toHaveTextContent('Sam Fellow, Leeds Teaching Hospitals, cohort 2026/27');

    // The summary is always open; every other section is a heading whose button shows or hides it.
    expect(screen.getByTestId('challenge-summary')).toBeVisible();
    const toggles = screen.getAllByRole('button', { expanded: false }).filter((b) => b.dataset.testid?.startsWith('section-toggle-'));
    expect(toggles.map((b) => b.querySelector('.app-section__title')?.textContent)).toEqual([
      'Status',
      'Progress score',
      'Action plan',
      'Milestones',
      'Improvement measures',
      'PDSA cycles',
      'Host comments',
      'Reviews',
    ]);
    for (const toggle of toggles) {
      const section = document.getElementById(toggle.getAttribute('aria-controls')!)!;
      expect(section).not.toBeVisible();
      expect(toggle.closest('h2')).not.toBeNull();
    }
    expect(screen.getByTestId('section-summary-challenge-status')).toHaveTextContent('In progress since 1 Oct 2026');
    expect(screen.getByTestId('section-summary-progress-score')).toHaveTextContent('3.5 Improvement, 20 Nov 2026');
    expect(screen.getByTestId('section-summary-reviews')).toHaveTextContent('1 signed, 1 awaiting signature');

    // Opening one shows it and keeps it in the address, so coming back finds it open.
    await user.click(screen.getByTestId('section-toggle-reviews'));
    expect(screen.getByTestId('section-toggle-reviews')).toHaveAttribute('aria-expanded', 'true');
    expect(document.getElementById('reviews')).toHaveTextContent('Version 2');
    expect(document.getElementById('reviews-content')).toBeVisible();
    expect(window.location.hash).toBe('#/challenges/11?open=reviews');

    await user.click(screen.getByRole('button', { name: 'Show all sections' }));
    expect(screen.queryAllByRole('button', { expanded: false }).filter((b) => b.dataset.testid?.startsWith('section-toggle-'))).toEqual([]);
    expect(screen.getByRole('button', { name: 'Hide all sections' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('opens the sections named in the address', async () => {
    navigate('/challenges/11?open=action-plan,measures', { replace: true });
    core();
    render(ChallengePage, { id: 11 });
    await screen.findAllByTestId('action-row');
    expect(document.getElementById('action-plan-content')).toBeVisible();
    expect(document.getElementById('measures-content')).toBeVisible();
    expect(document.getElementById('reviews-content')).not.toBeVisible();
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
    await user.click(await screen.findByTestId('section-toggle-challenge-status'));
    await user.click(screen.getByTestId('open-status-form'));
    // The form opens with the focus on its first field.
    expect(screen.getByLabelText('New status')).toHaveFocus();
    await user.type(screen.getByLabelText('Note'), 'Agreed with the sponsor');
    await user.click(screen.getByTestId('change-status'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose the new status.');
    expect(document.getElementById('challenge_status-error')).toHaveTextContent('Choose the new status.');
    expect(screen.getByRole('link', { name: 'Choose the new status.' })).toHaveAttribute('href', '#challenge_status');
    expect(document.getElementById('status_note')).toHaveValue('Agreed with the sponsor');
    expect(call).toHaveBeenCalledWith('change_challenge_status', { challenge_id: 11, status: '', note: 'Agreed with the sponsor' });
    // A failed save keeps the form open.
    expect(screen.getByTestId('change-status')).toBeInTheDocument();
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
    await user.click(await screen.findByTestId('section-toggle-challenge-status'));
    await user.click(screen.getByTestId('open-status-form'));
    await user.selectOptions(screen.getByLabelText('New status'), 'Closing');
    await user.click(screen.getByTestId('change-status'));
    expect((await screen.findByText('Status changed.')).closest('[role="status"]')).not.toBeNull();
    const history = screen.getByTestId('challenge-status-history');
    expect(within(history).getAllByRole('row')[1]).toHaveTextContent('Handing over');
    expect(screen.getByTestId('challenge-summary')).toHaveTextContent('Closing');
    expect(screen.getByTestId('section-summary-challenge-status')).toHaveTextContent('Closing since 1 Jul 2027');
    // Saved, the form closes and the focus goes back to its button.
    expect(screen.queryByLabelText('New status')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('open-status-form')).toHaveFocus());
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
    await user.click(await screen.findByTestId('section-toggle-milestones'));
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
    for (const id of ['open-comment-form', 'open-sign-review']) expect(screen.getByTestId(id)).toBeInTheDocument();
    for (const id of [
      'edit-challenge',
      'open-status-form',
      'open-score-form',
      'open-action-form',
      'open-measure-form',
      'open-pdsa-form',
      'open-review-draft-form',
    ]) {
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
