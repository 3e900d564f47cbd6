import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { RelationshipDetail } from '$lib/api';
import { session } from '$lib/session.svelte';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { fellowUser, mentorUser, reference, status } from '../../test/fixtures';
import { relationshipDetail } from '../../test/mentoringFixtures';
import RelationshipPage from './RelationshipPage.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

function core(detail: RelationshipDetail, extra: Handlers = {}) {
  call.mockImplementation(fakeCore({ get_relationship: () => detail, ...extra }));
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(fellowUser), reference, error: null });
});

describe('RelationshipPage', () => {
  it('shows the sessions newest first, with only the reader’s own private note', async () => {
    core(relationshipDetail);
    render(RelationshipPage, { id: 31 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Coach: Mo Mentor and Sam Fellow' })).toBeInTheDocument();
    expect(document.title).toBe('Coach: Mo Mentor and Sam Fellow – Fellowship');
    expect(call).toHaveBeenCalledWith('get_relationship', { id: 31 });

    const rows = screen.getAllByTestId('session-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByRole('heading', { level: 3 })).toHaveTextContent('2 Nov 2026');
    expect(rows[0]).toHaveTextContent('60 minutes');
    expect(rows[0]).toHaveTextContent('In person');
    expect(rows[0]).toHaveTextContent('Shadow the chief nurse.');
    expect(rows[0]).toHaveTextContent('Sam Fellow');
    expect(within(rows[0]).getByTestId('session-themes').textContent).toBe('Board round.\nDifficult conversations.');
    expect(within(rows[0]).getByTestId('session-themes')).toHaveClass('app-prewrap');
    expect(within(rows[0]).getByTestId('session-actions')).toHaveClass('app-prewrap');
    expect(within(rows[1]).getByRole('heading', { level: 3 })).toHaveTextContent('1 Oct 2026');
    expect(rows[1]).toHaveTextContent('45 minutes');
    expect(rows[1]).toHaveTextContent('Video call');

    const note = within(rows[0]).getByTestId('my-private-note');
    expect(note).toHaveTextContent('I felt out of my depth.');
    expect(note.closest('.nhsuk-inset-text')).toHaveTextContent('Your private note');
    expect(note.closest('.nhsuk-inset-text')).toHaveTextContent('Only you can see this note.');
    expect(within(rows[1]).queryByTestId('my-private-note')).toBeNull();
    expect(within(rows[1]).queryByText('Only you can see this note.')).toBeNull();
  });

  it('shows no private note when the core sends none for this reader', async () => {
    Object.assign(session, { status: status(mentorUser), reference, error: null });
    core({ ...relationshipDetail, sessions: relationshipDetail.sessions.map((s) => ({ ...s, my_private_note: null })) });
    render(RelationshipPage, { id: 31 });
    await screen.findAllByTestId('session-row');
    expect(screen.queryByTestId('my-private-note')).toBeNull();
    expect(screen.queryByText('Only you can see this note.')).toBeNull();
    expect(screen.queryByText('Your private note')).toBeNull();
  });

  it('logs a session with what was typed, keeps it through errors, then clears the form', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const logged: RelationshipDetail = {
      ...relationshipDetail,
      sessions: [
        ...relationshipDetail.sessions,
        { id: 43, held_on: '2026-11-20', duration_minutes: 30, mode: 'phone', themes: 'Stakeholders.', agreed_actions: 'Map them.', logged_by: 'Sam Fellow', my_private_note: 'Tired.' },
      ],
    };
    core(relationshipDetail, {
      log_mentoring_session: () => {
        attempts += 1;
        if (attempts === 1) {
          throw apiError('validation', 'There are 2 problems with what you entered.', [
            { field: 'duration_minutes', message: 'Enter the length as a whole number of minutes.' },
            { field: 'mode', message: 'Choose how you met.' },
          ]);
        }
        return logged;
      },
    });
    render(RelationshipPage, { id: 31 });
    expect(await screen.findByRole('heading', { level: 2, name: 'Log a session' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Day'), '20');
    await user.type(screen.getByLabelText('Month'), '11');
    await user.type(screen.getByLabelText('Year'), '2026');
    const length = screen.getByLabelText('Length in minutes');
    expect(length).toHaveAttribute('inputmode', 'numeric');
    await user.type(length, 'half an hour');
    await user.type(screen.getByLabelText('Themes discussed'), 'Stakeholders.');
    await user.type(screen.getByLabelText('Agreed actions'), 'Map them.');
    await user.type(screen.getByLabelText('Private note (optional)'), 'Tired.');
    expect(screen.getByText('Both of you can see these.')).toBeInTheDocument();
    expect(screen.getByText('Only you will ever see this note.')).toBeInTheDocument();
    await user.click(screen.getByTestId('log-session'));

    expect(call).toHaveBeenCalledWith('log_mentoring_session', {
      relationship_id: 31,
      held_on: '2026-11-20',
      duration_minutes: 'half an hour',
      mode: '',
      themes: 'Stakeholders.',
      agreed_actions: 'Map them.',
      private_note: 'Tired.',
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter the length as a whole number of minutes.');
    expect(document.getElementById('duration_minutes-error')).toHaveTextContent('Enter the length as a whole number of minutes.');
    expect(document.getElementById('mode-error')).toHaveTextContent('Choose how you met.');
    expect(length).toHaveValue('half an hour');
    expect(screen.getByLabelText('Themes discussed')).toHaveValue('Stakeholders.');
    expect(screen.getByLabelText('Private note (optional)')).toHaveValue('Tired.');
    expect(screen.getByLabelText('Day')).toHaveValue('20');

    await user.clear(length);
    await user.type(length, '30');
    await user.selectOptions(screen.getByLabelText('How you met'), 'Phone');
    await user.click(screen.getByTestId('log-session'));
    expect(await screen.findByRole('status')).toHaveTextContent('Session logged.');
    expect(call).toHaveBeenLastCalledWith('log_mentoring_session', expect.objectContaining({ duration_minutes: '30', mode: 'phone' }));
    await waitFor(() => expect(screen.getAllByTestId('session-row')).toHaveLength(3));
    expect(screen.getAllByTestId('session-row')[0]).toHaveTextContent('20 Nov 2026');
    expect(length).toHaveValue('');
    expect(screen.getByLabelText('Themes discussed')).toHaveValue('');
    expect(screen.getByLabelText('Private note (optional)')).toHaveValue('');
    expect(screen.getByLabelText('Day')).toHaveValue('');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says a relationship that is not the reader’s does not exist', async () => {
    call.mockImplementation(
      fakeCore({
        get_relationship: () => {
          throw apiError('not_found', 'That record does not exist or you do not have access to it.');
        },
      }),
    );
    render(RelationshipPage, { id: 99 });
    expect(await screen.findByRole('alert')).toHaveTextContent('This relationship does not exist or is not yours.');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Relationship not found'));
    expect(screen.queryByTestId('log-session')).toBeNull();
  });
});
