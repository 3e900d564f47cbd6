import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { UserSummary } from '$lib/api';
import { session } from '$lib/session.svelte';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { cohorts, faculty, fellowPicks, fellows, fellowUser, mentorUser, reference, status, users } from '../../test/fixtures';
import { mentoringOverview, relationshipDetail, relationships } from '../../test/mentoringFixtures';
import MentoringPage from './MentoringPage.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const mo: UserSummary = { id: 4, name: 'Mo Mentor', email: 'mo@nhs.net', role: 'mentor', fellow_id: null, host_id: 5, disabled: false, password_fallback: false, org_linked: false };
const pat: UserSummary = { id: 3, name: 'Pat Sponsor', email: 'pat@nhs.net', role: 'host_sponsor', fellow_id: null, host_id: 5, disabled: false, password_fallback: false, org_linked: false };

function facultyCore(extra: Handlers = {}) {
  call.mockImplementation(
    fakeCore({
      list_cohorts: () => cohorts,
      mentoring_overview: () => mentoringOverview,
      list_fellows: () => fellows,
      pick_fellows: fellowPicks(),
      list_users: () => [...users, mo, pat],
      my_relationships: () => [],
      ...extra,
    }),
  );
}

const cells = (row: HTMLElement) => Array.from(row.children).map((c) => c.textContent?.trim());

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('MentoringPage for faculty', () => {
  it('shows that sessions happen, with counts and gaps, and never what was said', async () => {
    facultyCore();
    render(MentoringPage);
    expect(screen.getByRole('heading', { level: 1, name: 'Mentoring and coaching' })).toBeInTheDocument();
    expect(screen.getByText('You see that sessions happen, not what is said in them.')).toBeInTheDocument();
    const rows = await screen.findAllByTestId('overview-row');
    expect(rows.map(cells)).toEqual([
      ['Sam Fellow', '2026/27', 'Coach', 'Mo Mentor', '2', '2 Nov 2026', ''],
      ['Alex Doctor', '2026/27', 'Workplace mentor', 'Ada Lovelace', '0', 'None yet', 'No session for 60 days'],
    ]);
    const tag = within(rows[1]).getByText('No session for 60 days');
    expect(tag).toHaveClass('nhsuk-tag', 'nhsuk-tag--red');
    expect(within(rows[0]).queryByTestId('gap-tag')).toBeNull();
    expect(call).toHaveBeenCalledWith('mentoring_overview', { cohort_id: null });

    // Nothing said in a session reaches faculty, nor a link to the sessions.
    for (const text of ['Settling in', 'Board round', 'Shadow the chief nurse', 'out of my depth']) {
      expect(document.body).not.toHaveTextContent(text);
    }
    expect(screen.queryByTestId('my-private-note')).toBeNull();
    expect(screen.queryByTestId('session-row')).toBeNull();
    expect(within(rows[0]).queryByRole('link')).toBeNull();
    expect(call).not.toHaveBeenCalledWith('get_relationship', expect.anything());

    expect(screen.getByLabelText('Flag a gap after this many days')).toHaveValue('42');
    expect(screen.getByLabelText('Flag a gap after this many days')).toHaveAttribute('id', 'gap_days');
  });

  it('filters by cohort', async () => {
    const user = userEvent.setup();
    facultyCore({ mentoring_overview: ({ cohort_id }) => (cohort_id ? { ...mentoringOverview, rows: [mentoringOverview.rows[0]] } : mentoringOverview) });
    render(MentoringPage);
    await screen.findAllByTestId('overview-row');
    const select = await screen.findByLabelText('Cohort');
    expect(select).toHaveAttribute('id', 'cohort');
    expect(Array.from((select as HTMLSelectElement).options).map((o) => o.text)).toEqual(['All cohorts', '2026/27']);
    await user.selectOptions(select, '2026/27');
    await waitFor(() => expect(screen.getAllByTestId('overview-row')).toHaveLength(1));
    expect(call).toHaveBeenCalledWith('mentoring_overview', { cohort_id: 3 });
  });

  it('saves the gap to flag as typed, and shows its error beside the field', async () => {
    const user = userEvent.setup();
    facultyCore({
      set_mentoring_gap: ({ gap_days }) => {
        if (gap_days !== '28') throw apiError('validation', 'Enter a whole number of days.', [{ field: 'gap_days', message: 'Enter a whole number of days.' }]);
        return { ...mentoringOverview, gap_days: 28 };
      },
    });
    render(MentoringPage);
    const input = await screen.findByLabelText('Flag a gap after this many days');
    await user.clear(input);
    await user.type(input, 'soon');
    await user.click(screen.getByTestId('save-gap'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter a whole number of days.');
    expect(document.getElementById('gap_days-error')).toHaveTextContent('Enter a whole number of days.');
    expect(input).toHaveValue('soon');

    await user.clear(input);
    await user.type(input, '28');
    await user.click(screen.getByTestId('save-gap'));
    expect(await screen.findByRole('status')).toHaveTextContent('Relationships will be flagged after 28 days without a session.');
    expect(call).toHaveBeenCalledWith('set_mentoring_gap', { gap_days: '28' });
  });

  it('sets up a relationship with a mentor or faculty member, then reloads the table', async () => {
    const user = userEvent.setup();
    facultyCore({ save_relationship: () => relationships[0] });
    render(MentoringPage);
    await screen.findAllByTestId('overview-row');
    expect(screen.getByRole('heading', { level: 2, name: 'Set up a relationship' })).toBeInTheDocument();
    const person = screen.getByLabelText('Mentor or coach');
    await waitFor(() => expect((person as HTMLSelectElement).options).toHaveLength(3));
    // Mentors and faculty only: not fellows or host sponsors.
    expect(Array.from((person as HTMLSelectElement).options).map((o) => o.text)).toEqual(['Choose…', 'Ada Lovelace', 'Mo Mentor']);
    await screen.findByRole('option', { name: 'Sam Fellow — 2026/27, Leeds Teaching Hospitals' });
    await user.selectOptions(screen.getByLabelText('Fellow'), 'Sam Fellow — 2026/27, Leeds Teaching Hospitals');
    await user.selectOptions(person, 'Mo Mentor');
    await user.selectOptions(screen.getByLabelText('Kind of relationship'), 'Coach');
    await user.type(screen.getByLabelText('Day'), '15');
    await user.type(screen.getByLabelText('Month'), '9');
    await user.type(screen.getByLabelText('Year'), '2026');
    await user.click(screen.getByTestId('save-relationship'));
    expect(await screen.findByRole('status')).toHaveTextContent('Coach: Mo Mentor and Sam Fellow: relationship set up.');
    expect(call).toHaveBeenCalledWith('save_relationship', { fellow_id: 7, person_id: 4, kind: 'coach', started_on: '2026-09-15' });
    await waitFor(() => expect(call.mock.calls.filter(([c]) => c === 'mentoring_overview')).toHaveLength(2));
    expect(screen.getByLabelText('Fellow')).toHaveValue('');
  });

  it('shows a relationship’s errors beside its fields', async () => {
    const user = userEvent.setup();
    facultyCore({
      save_relationship: () => {
        throw apiError('validation', 'There are 2 problems with what you entered.', [
          { field: 'fellow_id', message: 'Choose the fellow.' },
          { field: 'started_on', message: 'Enter the start date.' },
        ]);
      },
    });
    render(MentoringPage);
    await screen.findAllByTestId('overview-row');
    await user.click(screen.getByTestId('save-relationship'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose the fellow.');
    expect(document.getElementById('fellow_id-error')).toHaveTextContent('Choose the fellow.');
    expect(document.getElementById('started_on-error')).toHaveTextContent('Enter the start date.');
  });
});

describe('MentoringPage for the parties', () => {
  it('lists a fellow’s relationships by who supports them', async () => {
    Object.assign(session, { status: status(fellowUser), reference, error: null });
    call.mockImplementation(fakeCore({ my_relationships: () => relationships }));
    render(MentoringPage);
    expect(screen.getByRole('heading', { level: 1, name: 'Mentoring and coaching' })).toBeInTheDocument();
    const [row] = await screen.findAllByTestId('relationship-row');
    expect(within(row).getByRole('link', { name: 'Coach with Mo Mentor' })).toHaveAttribute('href', '#/mentoring/31');
    expect(call).not.toHaveBeenCalledWith('mentoring_overview', expect.anything());
    expect(screen.queryByTestId('save-relationship')).toBeNull();
  });

  it('lists a mentor’s relationships by whom they support', async () => {
    Object.assign(session, { status: status(mentorUser), reference, error: null });
    call.mockImplementation(fakeCore({ my_relationships: () => relationships, get_relationship: () => relationshipDetail }));
    render(MentoringPage);
    const [row] = await screen.findAllByTestId('relationship-row');
    expect(within(row).getByRole('link', { name: 'Coach for Sam Fellow' })).toHaveAttribute('href', '#/mentoring/31');
  });

  it('says when there are none', async () => {
    Object.assign(session, { status: status(mentorUser), reference, error: null });
    call.mockImplementation(fakeCore({ my_relationships: () => [] }));
    render(MentoringPage);
    expect(await screen.findByTestId('relationships-empty')).toHaveTextContent('You have no mentoring or coaching relationships yet.');
  });
});
