import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { LearningSetDetail } from '$lib/api';
import { session } from '$lib/session.svelte';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { faculty, fellowUser, mentorUser, reference, status } from '../../test/fixtures';
import { facilitatorSetDetail, facultySetDetail, setDetail } from '../../test/setFixtures';
import SetPage from './SetPage.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

function core(detail: LearningSetDetail, extra: Handlers = {}) {
  call.mockImplementation(fakeCore({ get_learning_set: () => detail, ...extra }));
}

const cells = (row: HTMLElement) => Array.from(row.children).map((c) => c.textContent?.trim());

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(fellowUser), reference, error: null });
});

describe('SetPage for a member', () => {
  it('shows the set, its ground rules, sessions and attendance', async () => {
    core(setDetail);
    render(SetPage, { id: 51 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Set A' })).toBeInTheDocument();
    expect(call).toHaveBeenCalledWith('get_learning_set', { id: 51 });
    expect(screen.getByText('Mo Mentor')).toBeInTheDocument();
    expect(within(screen.getByTestId('set-members')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Alex Doctor',
      'Jo Pharmacist',
      'Priya Nurse',
      'Sam Fellow',
    ]);

    expect(screen.getByTestId('ground-rules').textContent).toBe('What is said in the set stays in the set.\nListen; do not fix.');
    expect(screen.getByTestId('ground-rules')).toHaveClass('app-prewrap');
    expect(screen.getByText('Agreed on 1 Oct 2026.')).toBeInTheDocument();
    expect(screen.queryByTestId('save-ground-rules')).toBeNull();

    const rows = screen.getAllByTestId('session-row');
    expect(rows.map(cells)).toEqual([
      ['1 Oct 2026', 'Recorded', '4 of 4', '2', '2', '0'],
      ['5 Nov 2026', 'Recorded', '3 of 4', '1', '1', '2'],
      ['14 Jan 2027', 'Planned', '–Not yet', '–Not yet', '–Not yet', '–Not yet'],
    ]);
    expect(within(rows[2]).getByRole('link', { name: '14 Jan 2027' })).toHaveAttribute('href', '#/sets/51/sessions/63');
    expect(within(rows[0]).getByText('Recorded')).toHaveClass('nhsuk-tag');

    const grid = screen.getByTestId('attendance-grid');
    expect(within(grid).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Member', '1 Oct 2026', '5 Nov 2026']);
    expect(within(grid).getAllByRole('rowheader')[1]).toHaveTextContent('Jo Pharmacist');
    expect(cells(screen.getAllByTestId('attendance-row')[1])).toEqual(['Jo Pharmacist', 'Present', 'Sent apologies']);

    expect(screen.queryByTestId('schedule-session')).toBeNull();
    expect(screen.queryByTestId('edit-set')).toBeNull();
  });

  it('says a set that is not the reader’s does not exist', async () => {
    call.mockImplementation(
      fakeCore({
        get_learning_set: () => {
          throw apiError('not_found', 'That record does not exist or you do not have access to it.');
        },
      }),
    );
    render(SetPage, { id: 99 });
    expect(await screen.findByRole('alert')).toHaveTextContent('This set does not exist or is not yours.');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Set not found'));
  });
});

describe('SetPage for faculty outside the set', () => {
  it('shows figures and attendance but not the ground rules nor links into sessions', async () => {
    Object.assign(session, { status: status(faculty), reference, error: null });
    core(facultySetDetail);
    render(SetPage, { id: 51 });
    await screen.findByRole('heading', { level: 1, name: 'Set A' });
    expect(screen.getByText('The ground rules are the set\'s own record.')).toBeInTheDocument();
    expect(screen.getByText('Agreed on 1 Oct 2026.')).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('Listen; do not fix.');
    for (const row of screen.getAllByTestId('session-row')) expect(within(row).queryByRole('link')).toBeNull();
    expect(screen.getByTestId('attendance-grid')).toBeInTheDocument();
    expect(screen.getByTestId('edit-set')).toHaveAttribute('href', '#/sets/51/edit');
    expect(screen.getByTestId('edit-set')).toHaveTextContent('Change the set');
  });

  it('schedules a session, showing its error first and then the new row', async () => {
    Object.assign(session, { status: status(faculty), reference, error: null });
    const user = userEvent.setup();
    let tries = 0;
    const scheduled: LearningSetDetail = {
      ...facultySetDetail,
      sessions: [
        ...facultySetDetail.sessions,
        { id: 64, meets_on: '2027-02-11', recorded: false, attendance: [], presenters: 0, actions_committed: 0, actions_reviewed: 0 },
      ],
    };
    core(facultySetDetail, {
      schedule_set_session: () => {
        tries += 1;
        if (tries === 1) throw apiError('conflict', 'The set already has a session on that date.', [{ field: 'meets_on', message: 'The set already has a session on that date.' }]);
        return scheduled;
      },
    });
    render(SetPage, { id: 51 });
    expect(await screen.findByRole('heading', { level: 2, name: 'Schedule a session' })).toBeInTheDocument();
    await user.type(document.getElementById('meets_on-day')!, '14');
    await user.type(document.getElementById('meets_on-month')!, '1');
    await user.type(document.getElementById('meets_on-year')!, '2027');
    await user.click(screen.getByTestId('schedule-session'));
    expect(call).toHaveBeenCalledWith('schedule_set_session', { set_id: 51, meets_on: '2027-01-14' });
    expect(await screen.findByRole('alert')).toHaveTextContent('The set already has a session on that date.');
    expect(document.getElementById('meets_on-error')).toHaveTextContent('The set already has a session on that date.');

    await user.clear(document.getElementById('meets_on-day')!);
    await user.type(document.getElementById('meets_on-day')!, '11');
    await user.clear(document.getElementById('meets_on-month')!);
    await user.type(document.getElementById('meets_on-month')!, '2');
    await user.click(screen.getByTestId('schedule-session'));
    expect(await screen.findByRole('status')).toHaveTextContent('Session on 11 Feb 2027 scheduled.');
    await waitFor(() => expect(screen.getAllByTestId('session-row')).toHaveLength(4));
    expect(document.getElementById('meets_on-day')).toHaveValue('');
  });
});

describe('SetPage for its facilitator', () => {
  it('saves the ground rules and shows them', async () => {
    Object.assign(session, { status: status(mentorUser), reference, error: null });
    const user = userEvent.setup();
    const saved: LearningSetDetail = { ...facilitatorSetDetail, ground_rules: 'Start on time.\nPhones away.', ground_rules_agreed_on: '2026-10-08' };
    core(facilitatorSetDetail, { save_ground_rules: () => saved });
    render(SetPage, { id: 51 });
    const rules = await screen.findByLabelText('Ground rules the set agreed');
    expect(rules).toHaveValue(facilitatorSetDetail.ground_rules);
    expect(document.getElementById('agreed_on-day')).toHaveValue('1');
    await user.clear(rules);
    await user.type(rules, 'Start on time.{Enter}Phones away.');
    await user.clear(document.getElementById('agreed_on-day')!);
    await user.type(document.getElementById('agreed_on-day')!, '8');
    await user.click(screen.getByTestId('save-ground-rules'));
    expect(call).toHaveBeenCalledWith('save_ground_rules', { set_id: 51, ground_rules: 'Start on time.\nPhones away.', agreed_on: '2026-10-08' });
    expect(await screen.findByRole('status')).toHaveTextContent('Ground rules saved.');
    expect(screen.getByTestId('ground-rules').textContent).toBe('Start on time.\nPhones away.');
    expect(screen.getByText('Agreed on 8 Oct 2026.')).toBeInTheDocument();
    expect(screen.getByTestId('schedule-session')).toBeInTheDocument();
  });
});
