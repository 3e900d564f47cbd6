import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import type { RecordSetSessionInput, SetSessionRecord } from '$lib/api';
import { session } from '$lib/session.svelte';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { fellowUser, mentorUser, reference, status } from '../../test/fixtures';
import { firstSession, plannedSession, recordedSession } from '../../test/setFixtures';
import SessionPage from './SessionPage.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

function core(record: SetSessionRecord, extra: Handlers = {}) {
  call.mockImplementation(fakeCore({ get_set_session: () => record, ...extra }));
}

const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => document.getElementById(id) as T;
const options = (id: string) => Array.from(byId<HTMLSelectElement>(id).options).map((o) => o.text);
const recorded = () => call.mock.calls.filter(([c]) => c === 'record_set_session').map(([, input]) => input as RecordSetSessionInput);

/** Adds a bid and fills it in; actions are added one by one with the bid's own button. */
async function bid(user: UserEvent, i: number, who: string, minutes: string, actions: string[] = []) {
  await user.click(screen.getByTestId('add-bid'));
  expect(byId(`presenters.${i}.fellow_id`)).toHaveFocus();
  await user.selectOptions(byId(`presenters.${i}.fellow_id`), who);
  await user.type(byId(`presenters.${i}.bid_minutes`), minutes);
  if (actions.length) await user.click(byId(`presenters.${i}.presented`));
  for (const [j, action] of actions.entries()) {
    await user.click(screen.getByTestId(`add-action-${i}`));
    expect(byId(`presenters.${i}.actions.${j}`)).toHaveFocus();
    await user.type(byId(`presenters.${i}.actions.${j}`), action);
  }
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(mentorUser), reference, error: null });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('SessionPage for the facilitator', () => {
  it('records a session in the order it runs, all at once', async () => {
    const user = userEvent.setup();
    const saved: SetSessionRecord = {
      ...plannedSession,
      recorded: true,
      attendance: [
        { fellow_id: 8, mark: 'present' },
        { fellow_id: 10, mark: 'absent' },
        { fellow_id: 9, mark: 'present' },
        { fellow_id: 7, mark: 'present' },
      ],
      check_in: 'Everyone arrived late.',
      notes: 'Permission to say no.',
      presenters: [
        {
          fellow_id: 7,
          fellow_name: 'Sam Fellow',
          bid_minutes: 20,
          presented: true,
          airtime_seconds: null,
          issue: 'Huddles stalled.',
          feedback: 'Useful.',
          actions: [
            { id: 301, body: 'Meet the clinical director', review: null, review_note: '' },
            { id: 302, body: 'Visit ward 9', review: null, review_note: '' },
          ],
        },
        { fellow_id: 8, fellow_name: 'Alex Doctor', bid_minutes: 10, presented: true, airtime_seconds: null, issue: '', feedback: '', actions: [{ id: 303, body: 'Draft the rota', review: null, review_note: '' }] },
      ],
      to_review: plannedSession.to_review.map((r, i) => (i === 0 ? { ...r, review: 'done', review_note: 'Booked for March.' } : r)),
    };
    core(plannedSession, { record_set_session: () => saved });
    render(SessionPage, { setId: 51, sessionId: 63 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Set A: session on 14 January 2027' })).toBeInTheDocument();
    expect(call).toHaveBeenCalledWith('get_set_session', { id: 63 });
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Attendance',
      'Check-in',
      'Report-back on last session\'s actions',
      'Bids and presenters',
      'Discussion notes',
    ]);

    // Attendance: everyone present until the facilitator says otherwise.
    const jo = screen.getByRole('group', { name: 'Jo Pharmacist' });
    expect(jo).toHaveAttribute('id', 'attendance.10');
    expect(within(jo).getAllByRole('radio').map((r) => r.id)).toEqual(['attendance-10-present', 'attendance-10-apologies', 'attendance-10-absent']);
    for (const id of [7, 8, 9, 10]) expect(byId(`attendance-${id}-present`)).toBeChecked();
    await user.click(within(jo).getByLabelText('Absent'));

    await user.type(screen.getByLabelText('How members arrived'), 'Everyone arrived late.');

    // Report-back on the actions from 5 November.
    const first = screen.getByRole('group', { name: 'Sam Fellow: Ask the clinical director for ten minutes at the consultants meeting' });
    expect(first).toHaveAttribute('id', 'reviews.201');
    expect(within(first).getAllByRole('radio').map((r) => r.id)).toEqual(['review-201-done', 'review-201-partly', 'review-201-not_done']);
    await user.click(within(first).getByLabelText('Done'));
    await user.type(byId('review-note-201'), 'Booked for March.');
    expect(within(first).getByLabelText('Note (optional)')).toBe(byId('review-note-201'));

    // Bids: only members marked present may bid.
    expect(screen.getByText('Members marked present bid for time. Tick \'Given airtime\' for those who presented.')).toBeInTheDocument();
    await bid(user, 0, 'Sam Fellow', '20', ['Meet the clinical director', 'Visit ward 9']);
    expect(options('presenters.0.fellow_id')).toEqual(['Choose…', 'Alex Doctor', 'Priya Nurse', 'Sam Fellow']);
    await user.type(byId('presenters.0.issue'), 'Huddles stalled.');
    await user.type(byId('presenters.0.feedback'), 'Useful.');
    await bid(user, 1, 'Alex Doctor', '10', ['Draft the rota']);
    expect(screen.getByRole('group', { name: 'Bid 2' })).toContainElement(byId('presenters.1.bid_minutes'));
    expect(byId('presenters.1.bid_minutes')).toHaveAttribute('inputmode', 'numeric');

    await user.type(screen.getByLabelText('Notes on the discussion'), 'Permission to say no.');
    await user.click(screen.getByTestId('record-session'));

    expect(recorded()).toEqual([
      {
        session_id: 63,
        attendance: [
          { fellow_id: 8, mark: 'present' },
          { fellow_id: 10, mark: 'absent' },
          { fellow_id: 9, mark: 'present' },
          { fellow_id: 7, mark: 'present' },
        ],
        check_in: 'Everyone arrived late.',
        presenters: [
          {
            fellow_id: 7,
            bid_minutes: '20',
            presented: true,
            airtime_seconds: null,
            issue: 'Huddles stalled.',
            feedback: 'Useful.',
            actions: [
              { id: null, body: 'Meet the clinical director' },
              { id: null, body: 'Visit ward 9' },
            ],
          },
          { fellow_id: 8, bid_minutes: '10', presented: true, airtime_seconds: null, issue: '', feedback: '', actions: [{ id: null, body: 'Draft the rota' }] },
        ],
        reviews: [
          { action_id: 201, review: 'done', note: 'Booked for March.' },
          { action_id: 202, review: '', note: '' },
        ],
        notes: 'Permission to say no.',
      },
    ]);
    expect(await screen.findByTestId('confirmation')).toHaveTextContent('Session recorded.');

    // Saved again, the actions keep the ids the core gave them, so later reviews are kept.
    await user.click(screen.getByTestId('record-session'));
    await waitFor(() => expect(recorded()).toHaveLength(2));
    expect(recorded()[1].presenters.map((p) => p.actions.map((a) => a.id))).toEqual([[301, 302], [303]]);
    expect(byId('attendance-10-absent')).toBeChecked();
  });

  it('shows a bid’s error beside its field and keeps what was typed', async () => {
    const user = userEvent.setup();
    core(plannedSession, {
      record_set_session: () => {
        throw apiError('validation', 'Enter the minutes asked for, from 1 to 120.', [
          { field: 'presenters.1.bid_minutes', message: 'Enter the minutes asked for, from 1 to 120.' },
        ]);
      },
    });
    render(SessionPage, { setId: 51, sessionId: 63 });
    await screen.findByTestId('record-session');
    await bid(user, 0, 'Sam Fellow', '20');
    await bid(user, 1, 'Alex Doctor', 'ten');
    await user.click(screen.getByTestId('record-session'));

    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', { name: 'Enter the minutes asked for, from 1 to 120.' });
    expect(link).toHaveAttribute('href', '#presenters.1.bid_minutes');
    expect(byId('presenters.1.bid_minutes-error')).toHaveTextContent('Enter the minutes asked for, from 1 to 120.');
    expect(byId('presenters.1.bid_minutes')).toHaveValue('ten');
    expect(byId('presenters.1.bid_minutes').getAttribute('aria-describedby')).toContain('presenters.1.bid_minutes-error');
    expect(byId('presenters.0.bid_minutes-error')).toBeNull();
    expect(byId('presenters.0.bid_minutes')).toHaveValue('20');
    expect(byId('presenters.1.fellow_id')).toHaveValue('8');
    await user.click(link);
    expect(byId('presenters.1.bid_minutes')).toHaveFocus();
    expect(screen.queryByTestId('confirmation')).toBeNull();
  });

  it('removes a bid, keeping the others as typed', async () => {
    const user = userEvent.setup();
    core(plannedSession);
    render(SessionPage, { setId: 51, sessionId: 63 });
    await screen.findByTestId('record-session');
    await bid(user, 0, 'Sam Fellow', '20', ['First']);
    await bid(user, 1, 'Alex Doctor', '10', ['Second']);
    await user.click(screen.getByTestId('remove-bid-0'));
    expect(screen.getAllByTestId('bid')).toHaveLength(1);
    expect(byId('presenters.0.fellow_id')).toHaveValue('8');
    expect(byId('presenters.0.actions.0')).toHaveValue('Second');
    expect(screen.getByTestId('add-bid')).toHaveFocus();
  });

  it('times a presenter’s airtime and saves it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const user = userEvent.setup();
    core(plannedSession, { record_set_session: () => plannedSession });
    render(SessionPage, { setId: 51, sessionId: 63 });
    await screen.findByTestId('record-session');
    await bid(user, 0, 'Sam Fellow', '1');
    expect(screen.getByTestId('timer-0')).toHaveTextContent('0:00');
    expect(screen.getByTestId('timer-start-0').tagName).toBe('BUTTON');
    expect(screen.getByTestId('timer-start-0')).toHaveAttribute('type', 'button');

    await user.click(screen.getByTestId('timer-start-0'));
    await vi.advanceTimersByTimeAsync(65_000);
    expect(screen.getByTestId('timer-0')).toHaveTextContent('1:05');
    expect(screen.getByTestId('timer-over-0')).toHaveTextContent('0:05 over');
    expect(screen.getByTestId('timer-status-0')).toHaveTextContent('Time is up for bid 1');
    expect(screen.getByTestId('timer-0')).not.toHaveAttribute('aria-live');

    // Paused, the clock stands still.
    await user.click(screen.getByTestId('timer-pause-0'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(screen.getByTestId('timer-0')).toHaveTextContent('1:05');

    await user.click(screen.getByTestId('record-session'));
    await waitFor(() => expect(recorded()).toHaveLength(1));
    expect(recorded()[0].presenters[0].airtime_seconds).toBe(65);
  });

  it('starts the timer from the airtime already recorded, and resets it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const user = userEvent.setup();
    core({ ...recordedSession, can_record: true });
    render(SessionPage, { setId: 51, sessionId: 62 });
    await screen.findByTestId('record-session');
    expect(screen.getByTestId('timer-0')).toHaveTextContent('22:15');
    expect(screen.getByTestId('timer-over-0')).toHaveTextContent('2:15 over');
    await user.click(screen.getByTestId('timer-start-0'));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(screen.getByTestId('timer-0')).toHaveTextContent('22:20');
    await user.click(screen.getByTestId('timer-reset-0'));
    expect(screen.getByTestId('timer-0')).toHaveTextContent('0:00');
    expect(screen.queryByTestId('timer-over-0')).toBeNull();
  });

  it('says there is nothing to review at the set’s first session', async () => {
    core(firstSession);
    render(SessionPage, { setId: 51, sessionId: 61 });
    expect(await screen.findByTestId('no-review')).toHaveTextContent(
      'This is the set\'s first recorded session, so there are no actions to review.',
    );
    expect(document.querySelector('[id^="reviews."]')).toBeNull();
  });

  it('shows that a session cannot be recorded before it happens', async () => {
    const user = userEvent.setup();
    const early = 'A session cannot be recorded before it happens. Record it on or after the day.';
    core(plannedSession, {
      record_set_session: () => {
        throw apiError('validation', early, [{ field: 'meets_on', message: early }]);
      },
    });
    render(SessionPage, { setId: 51, sessionId: 63 });
    await user.click(await screen.findByTestId('record-session'));
    expect(await screen.findByRole('alert')).toHaveTextContent(early);
    expect(byId('meets_on-error')).toHaveTextContent(early);
    await user.click(within(screen.getByRole('alert')).getByRole('link'));
    expect(byId('meets_on')).toHaveFocus();
  });
});

describe('SessionPage for a member', () => {
  it('shows the record to read, with no form', async () => {
    Object.assign(session, { status: status(fellowUser), reference, error: null });
    core(recordedSession);
    render(SessionPage, { setId: 51, sessionId: 62 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Set A: session on 5 November 2026' })).toBeInTheDocument();
    expect(screen.queryByTestId('record-session')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.getByTestId('attendance-list')).toHaveTextContent('Jo Pharmacist Sent apologies');
    expect(screen.getByTestId('check-in')).toHaveTextContent('Tired but hopeful.');
    const reviews = within(screen.getByTestId('review-list')).getAllByRole('listitem');
    expect(reviews[0]).toHaveTextContent('Alex Doctor: Book a meeting with the rota lead');
    expect(reviews[0]).toHaveTextContent('Done – Met twice.');
    expect(reviews[1]).toHaveTextContent('Partly done');
    const [presenter] = screen.getAllByTestId('presenter');
    expect(presenter).toHaveTextContent('Sam Fellow');
    expect(presenter).toHaveTextContent('My consultant body will not engage with discharge huddles.');
    expect(presenter).toHaveTextContent('Given airtime Yes');
    expect(within(presenter).getByTestId('airtime')).toHaveTextContent('22:15 22 minutes 15 seconds');
    expect(within(presenter).getAllByTestId('action').map((a) => a.textContent)).toEqual([
      'Ask the clinical director for ten minutes at the consultants meeting',
      'Shadow a huddle on another ward',
    ]);
    expect(presenter).toHaveTextContent('Helped to hear what I was avoiding.');
    expect(screen.getByTestId('notes')).toHaveTextContent('We kept returning to permission to say no.');
  });

  it('says a session not yet recorded has nothing to read yet', async () => {
    Object.assign(session, { status: status(fellowUser), reference, error: null });
    core({ ...plannedSession, can_record: false });
    render(SessionPage, { setId: 51, sessionId: 63 });
    expect(await screen.findByTestId('not-recorded')).toHaveTextContent('has not been recorded yet');
  });

  it('says a session outside the reader’s sets does not exist', async () => {
    call.mockImplementation(
      fakeCore({
        get_set_session: () => {
          throw apiError('not_found', 'That record does not exist or you do not have access to it.');
        },
      }),
    );
    render(SessionPage, { setId: 51, sessionId: 99 });
    expect(await screen.findByRole('alert')).toHaveTextContent('This session does not exist');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Session not found'));
  });
});
