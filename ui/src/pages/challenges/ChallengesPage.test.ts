import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Cohort } from '$lib/api';
import { session } from '$lib/session.svelte';
import type { BoardRow } from '$lib/api';
import { navigate, router } from '$lib/router.svelte';
import { boardPage, boardRows, challenges } from '../../test/challengeFixtures';
import { apiError, fakeCore } from '../../test/fakeCore';
import { cohorts, faculty, fellowUser, reference, sponsorUser, status } from '../../test/fixtures';
import ChallengesPage from './ChallengesPage.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const older: Cohort = { id: 2, name: '2025/26', start_date: '2025-09-01', end_date: '2026-08-31', fellow_count: 4 };

beforeEach(() => {
  call.mockReset();
});

describe('the cohort board (faculty)', () => {
  beforeEach(() => {
    Object.assign(session, { status: status(faculty), reference, error: null });
  });

  it('starts on the newest cohort and shows overdue actions and measure signals', async () => {
    call.mockImplementation(
      fakeCore({
        list_cohorts: () => [older, ...cohorts],
        cohort_board: ({ cohort_id, page }) => boardPage(cohort_id === 3 ? boardRows : [], page),
      }),
    );
    render(ChallengesPage);

    expect(screen.getByRole('heading', { level: 1, name: 'Challenges' })).toBeInTheDocument();
    expect(screen.getByTestId('draft-challenge')).toHaveTextContent('Draft a challenge');
    const rows = await screen.findAllByTestId('board-row');
    expect(screen.getByLabelText('Cohort')).toHaveDisplayValue('2026/27');
    expect(call).toHaveBeenCalledWith('cohort_board', { cohort_id: 3, page: 1 });
    expect(rows).toHaveLength(2);

    const [busy, quiet] = rows;
    expect(within(busy).getByRole('link', { name: 'Reduce delayed discharges on the frailty ward' })).toHaveAttribute(
      'href',
      '#/challenges/11',
    );
    expect(busy).toHaveTextContent('Sam Fellow');
    expect(busy).toHaveTextContent('In progress');
    expect(busy).toHaveTextContent('3.5');
    expect(busy).toHaveTextContent('Improvement');
    expect(busy).toHaveTextContent('20 Nov 2026');

    // Overdue actions in bold red; none otherwise.
    const overdue = within(busy).getByTestId('overdue-count');
    expect(overdue).toHaveTextContent('2 overdue');
    expect(overdue.tagName).toBe('STRONG');
    expect(within(quiet).queryByTestId('overdue-count')).toBeNull();

    // Signals as coloured tags, read as one phrase.
    const signals = within(busy).getByTestId('signals');
    expect(signals).toHaveTextContent('2 improvement, 1 concern');
    expect(within(signals).getByText('2 improvement')).toHaveClass('nhsuk-tag--green');
    expect(within(signals).getByText('1 concern')).toHaveClass('nhsuk-tag--orange');
    expect(within(quiet).getByTestId('signals')).toHaveTextContent('None');
    expect(quiet).toHaveTextContent('No host yet');
    expect(quiet).toHaveTextContent('Not scored');
  });

  it('reloads the board for another cohort, with an empty state', async () => {
    const user = userEvent.setup();
    call.mockImplementation(
      fakeCore({
        list_cohorts: () => [older, ...cohorts],
        cohort_board: ({ cohort_id, page }) => boardPage(cohort_id === 3 ? boardRows : [], page),
      }),
    );
    render(ChallengesPage);
    await screen.findAllByTestId('board-row');
    await user.selectOptions(screen.getByLabelText('Cohort'), '2025/26');
    expect(await screen.findByTestId('board-empty')).toHaveTextContent('No challenges in cohort 2025/26 yet.');
    expect(call).toHaveBeenCalledWith('cohort_board', { cohort_id: 2, page: 1 });
    expect(screen.queryAllByTestId('board-row')).toHaveLength(0);
  });

  describe('a cohort of more than fifty', () => {
    // 120 challenges, each fellow named in order, so a page's first row says which page it is.
    const many: BoardRow[] = Array.from({ length: 120 }, (_, i) => ({
      ...boardRows[1],
      challenge_id: 100 + i,
      fellow_name: `Fellow ${String(i + 1).padStart(3, '0')}`,
    }));
    const asked = () => call.mock.calls.filter(([command]) => command === 'cohort_board').map(([, args]) => args);
    const fellowsShown = () => screen.getAllByTestId('board-row').map((r) => r.textContent ?? '');

    beforeEach(() => {
      navigate('/challenges', { replace: true });
      call.mockImplementation(
        fakeCore({
          list_cohorts: () => [older, ...cohorts],
          cohort_board: ({ cohort_id, page }) => boardPage(cohort_id === 3 ? many : [], page),
        }),
      );
    });

    it('shows fifty at a time, asking the core for each page, and keeps cohort and page in the address', async () => {
      const user = userEvent.setup();
      render(ChallengesPage, { query: new URLSearchParams() });
      const count = await screen.findByTestId('board-count');
      expect(count).toHaveTextContent('Showing 1 to 50 of 120 challenges in cohort 2026/27.');
      expect(fellowsShown()).toHaveLength(50);
      const pages = screen.getByRole('navigation', { name: 'Pages of the cohort board' });
      const next = within(pages).getByRole('link', { name: /Next/ });
      expect(next).toHaveAttribute('href', '#/challenges?cohort=3&page=2');

      await user.click(next);
      await waitFor(() => expect(count).toHaveTextContent('Showing 51 to 100 of 120 challenges'));
      expect(count).toHaveFocus();
      expect(fellowsShown()[0]).toContain('Fellow 051');
      expect(router.location.query.get('cohort')).toBe('3');
      expect(router.location.query.get('page')).toBe('2');
      expect(asked()).toEqual([
        { cohort_id: 3, page: 1 },
        { cohort_id: 3, page: 2 },
      ]);

      // Another cohort starts at its first page.
      await user.selectOptions(screen.getByLabelText('Cohort'), '2025/26');
      expect(await screen.findByTestId('board-empty')).toBeInTheDocument();
      expect(asked().at(-1)).toEqual({ cohort_id: 2, page: 1 });
      expect(router.location.query.get('page')).toBeNull();
    });

    it('starts at the cohort and page in the address; a page past the last shows the last and says so', async () => {
      render(ChallengesPage, { query: new URLSearchParams('cohort=3&page=9') });
      expect(await screen.findByTestId('board-count')).toHaveTextContent('Showing 101 to 120 of 120 challenges');
      expect(asked()).toEqual([{ cohort_id: 3, page: 9 }]);
      expect(router.location.query.get('page')).toBe('3');
      expect(fellowsShown()[0]).toContain('Fellow 101');
    });
  });

  it('shows a board that cannot be loaded as an error summary', async () => {
    call.mockImplementation(
      fakeCore({
        list_cohorts: () => cohorts,
        cohort_board: () => {
          throw apiError('forbidden', 'Only programme faculty can do this.');
        },
      }),
    );
    render(ChallengesPage);
    expect(await screen.findByRole('alert')).toHaveTextContent('Only programme faculty can do this.');
  });
});

describe('the challenge list (everyone else)', () => {
  it('lists a host sponsor’s challenges, without a draft button', async () => {
    Object.assign(session, { status: status(sponsorUser), reference, error: null });
    call.mockImplementation(fakeCore({ list_challenges: () => challenges }));
    render(ChallengesPage);
    const rows = await screen.findAllByTestId('challenge-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('Reduce delayed discharges on the frailty ward');
    expect(rows[0]).toHaveTextContent('3.5 Improvement');
    expect(call).toHaveBeenCalledWith('list_challenges', { cohort_id: null, fellow_id: null });
    expect(screen.queryByTestId('draft-challenge')).toBeNull();
    expect(screen.queryByLabelText('Cohort')).toBeNull();
  });

  it('invites a fellow with no challenge yet to draft one', async () => {
    Object.assign(session, { status: status(fellowUser), reference, error: null });
    call.mockImplementation(fakeCore({ list_challenges: () => [] }));
    render(ChallengesPage);
    expect(await screen.findByTestId('challenges-empty')).toHaveTextContent('You have not drafted your challenge yet.');
    const draft = screen.getByRole('link', { name: 'Draft your challenge' });
    expect(draft).toHaveAttribute('href', '#/challenges/new');
    expect(draft).toHaveAttribute('data-testid', 'draft-challenge');
    await waitFor(() => expect(screen.queryAllByTestId('challenge-row')).toHaveLength(0));
  });
});
