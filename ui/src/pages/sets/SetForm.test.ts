import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Cohort, UserSummary } from '$lib/api';
import { flash } from '$lib/flash.svelte';
import { router } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { cohorts, faculty, reference, status, users } from '../../test/fixtures';
import { cohortFellows, facultySetDetail } from '../../test/setFixtures';
import SetForm from './SetForm.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const mo: UserSummary = { id: 4, name: 'Mo Mentor', email: 'mo@nhs.net', role: 'mentor', fellow_id: null, host_id: 5, disabled: false, password_fallback: false, org_linked: false };
const pat: UserSummary = { id: 3, name: 'Pat Sponsor', email: 'pat@nhs.net', role: 'host_sponsor', fellow_id: null, host_id: 5, disabled: false, password_fallback: false, org_linked: false };
const nextCohort: Cohort = { id: 4, name: '2027/28', start_date: '2027-09-01', end_date: '2028-08-31', fellow_count: 1 };

function core(extra: Handlers = {}) {
  call.mockImplementation(
    fakeCore({
      list_cohorts: () => [...cohorts, nextCohort],
      list_users: () => [...users, mo, pat],
      list_fellows: ({ cohort_id }) => (cohort_id === 3 ? cohortFellows : cohortFellows.filter((f) => f.id === 9)),
      get_learning_set: () => facultySetDetail,
      ...extra,
    }),
  );
}

const box = (id: number) => document.getElementById(`member-${id}`) as HTMLInputElement;

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
  window.location.hash = '#/sets/new';
});

describe('SetForm', () => {
  it('forms a set from the chosen cohort’s fellows and a facilitator with an account', async () => {
    const user = userEvent.setup();
    core({ save_learning_set: () => facultySetDetail });
    render(SetForm);
    expect(screen.getByRole('heading', { level: 1, name: 'Form an action learning set' })).toBeInTheDocument();
    await user.type(await screen.findByLabelText('Name of the set'), 'Set A');
    const facilitator = screen.getByLabelText('Facilitator');
    expect(screen.getByText('Faculty, a mentor or a coach with an account')).toBeInTheDocument();
    // Faculty and mentors only: not fellows or host sponsors.
    expect(Array.from((facilitator as HTMLSelectElement).options).map((o) => o.text)).toEqual(['Choose…', 'Ada Lovelace', 'Mo Mentor']);
    await user.selectOptions(facilitator, 'Mo Mentor');

    const members = screen.getByRole('group', { name: 'Members' });
    expect(members).toHaveAttribute('id', 'member_ids');
    expect(members).toHaveTextContent('Choose the cohort first');
    await user.selectOptions(screen.getByLabelText('Cohort'), '2026/27');
    await waitFor(() => expect(within(members).getAllByRole('checkbox')).toHaveLength(5));
    expect(call).toHaveBeenCalledWith('list_fellows', { search: null, cohort_id: 3, profession: null, host_id: null, status: null });
    for (const name of ['Sam Fellow', 'Priya Nurse', 'Alex Doctor', 'Jo Pharmacist']) {
      await user.click(within(members).getByLabelText(name));
    }
    expect(screen.getByTestId('members-chosen')).toHaveTextContent('4 chosen');
    await user.click(screen.getByTestId('save-set'));

    expect(call).toHaveBeenCalledWith('save_learning_set', { id: null, cohort_id: 3, name: 'Set A', facilitator_id: 4, member_ids: [7, 8, 9, 10] });
    await waitFor(() => expect(router.location.path).toBe('/sets/51'));
    expect(flash).toEqual({ message: 'Set A saved.', path: '/sets/51' });
  });

  it('shows the members error beside the boxes and keeps every choice', async () => {
    const user = userEvent.setup();
    core({
      save_learning_set: () => {
        throw apiError('validation', 'Choose from 4 to 8 fellows; 2 chosen.', [{ field: 'member_ids', message: 'Choose from 4 to 8 fellows; 2 chosen.' }]);
      },
    });
    render(SetForm);
    await user.type(await screen.findByLabelText('Name of the set'), 'Set A');
    await user.selectOptions(screen.getByLabelText('Cohort'), '2026/27');
    await waitFor(() => expect(box(7)).toBeInTheDocument());
    await user.click(box(7));
    await user.click(box(9));
    await user.click(screen.getByTestId('save-set'));

    expect(call).toHaveBeenCalledWith('save_learning_set', expect.objectContaining({ member_ids: [7, 9], facilitator_id: null }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Choose from 4 to 8 fellows; 2 chosen.' })).toHaveAttribute('href', '#member_ids');
    const message = document.getElementById('member_ids-error');
    expect(message).toHaveTextContent('Choose from 4 to 8 fellows; 2 chosen.');
    expect(screen.getByRole('group', { name: 'Members' })).toContainElement(message);
    expect(screen.getByRole('group', { name: 'Members' }).getAttribute('aria-describedby')).toContain('member_ids-error');
    expect(box(7)).toBeChecked();
    expect(box(9)).toBeChecked();
    expect(box(8)).not.toBeChecked();
    expect(screen.getByLabelText('Name of the set')).toHaveValue('Set A');
    expect(screen.getByLabelText('Cohort')).toHaveValue('3');
    expect(router.location.path).toBe('/sets/new');
  });

  it('changes a set, keeping ticks for fellows still in the cohort chosen', async () => {
    const user = userEvent.setup();
    core({ save_learning_set: () => facultySetDetail });
    window.location.hash = '#/sets/51/edit';
    render(SetForm, { id: 51 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Change Set A' })).toBeInTheDocument();
    expect(screen.getByLabelText('Name of the set')).toHaveValue('Set A');
    expect(screen.getByLabelText('Facilitator')).toHaveValue('4');
    await waitFor(() => expect(box(7)).toBeChecked());
    expect([7, 8, 9, 10].map((id) => box(id).checked)).toEqual([true, true, true, true]);
    expect(box(11).checked).toBe(false);
    expect(screen.getByTestId('members-chosen')).toHaveTextContent('4 chosen');

    await user.selectOptions(screen.getByLabelText('Cohort'), '2027/28');
    await waitFor(() => expect(screen.getByTestId('members-chosen')).toHaveTextContent('1 chosen'));
    expect(box(9)).toBeChecked();
    expect(box(7)).toBeNull();
    await user.click(screen.getByTestId('save-set'));
    expect(call).toHaveBeenCalledWith('save_learning_set', { id: 51, cohort_id: 4, name: 'Set A', facilitator_id: 4, member_ids: [9] });
  });

  it('names each fellow’s host, and leaves out those who have finished unless asked for or already members', async () => {
    const user = userEvent.setup();
    const finished = cohortFellows.map((f) =>
      f.id === 10 ? { ...f, status: 'withdrawn' as const } : f.id === 11 ? { ...f, status: 'completed' as const } : f,
    );
    core({ list_fellows: () => finished });
    window.location.hash = '#/sets/51/edit';
    render(SetForm, { id: 51 });
    await waitFor(() => expect(box(7)).toBeChecked());
    expect(box(7)).toHaveAccessibleDescription('Leeds Teaching Hospitals');
    expect(box(8)).toHaveAccessibleDescription('No host organisation');
    // Jo has withdrawn but is a member, so stays; Kim has completed and is not, so is left out.
    expect(box(10)).toHaveAccessibleDescription('No host organisation (withdrawn)');
    expect(box(11)).toBeNull();
    await user.click(box(10));
    expect(box(10)).not.toBeChecked();

    await user.click(screen.getByLabelText('Include completed and withdrawn fellows'));
    expect(box(11)).toHaveAccessibleDescription('No host organisation (completed)');
    await user.click(box(11));
    await user.click(screen.getByTestId('save-set'));
    expect(call).toHaveBeenCalledWith('save_learning_set', expect.objectContaining({ member_ids: [7, 8, 9, 11] }));
  });
});
