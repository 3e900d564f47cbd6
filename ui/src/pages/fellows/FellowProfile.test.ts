import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { FellowProfile as Profile } from '$lib/api';
import { session } from '$lib/session.svelte';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { faculty, profile, reference, status } from '../../test/fixtures';
import { privacy } from '../../test/privacyFixtures';
import FellowProfile from './FellowProfile.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const withdrawn: Profile = {
  fellow: { ...profile.fellow, status: 'withdrawn' },
  history: [
    { status: 'withdrawn', effective_date: '2026-12-01', note: 'Parental leave', changed_by: 'Ada Lovelace', changed_at: '2026-12-01T09:00:00' },
    ...profile.history,
  ],
};

function core(handlers: Handlers = {}) {
  call.mockImplementation(fakeCore({ get_fellow: () => profile, get_privacy: () => privacy, ...handlers }));
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('changing a fellow’s status', () => {
  it('opens the form when asked, records the change, then closes it and says so', async () => {
    const user = userEvent.setup();
    core({ change_fellow_status: () => withdrawn });
    render(FellowProfile, { id: 7 });
    await user.click(await screen.findByTestId('open-status-change'));
    expect(screen.getByLabelText('Status')).toHaveFocus();
    await user.selectOptions(screen.getByLabelText('Status'), 'Withdrawn');
    await user.type(screen.getByLabelText('Note'), 'Parental leave');
    await user.click(screen.getByTestId('save-status'));
    expect(await screen.findByText('Status change recorded.')).toBeInTheDocument();
    expect(call).toHaveBeenCalledWith('change_fellow_status', expect.objectContaining({ fellow_id: 7, status: 'withdrawn', note: 'Parental leave' }));
    expect(screen.queryByTestId('save-status')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('open-status-change')).toHaveFocus());
    expect(screen.getByText('Parental leave')).toBeInTheDocument();
  });

  it('keeps the form open, with the error beside its field, when the change is refused', async () => {
    const user = userEvent.setup();
    core({
      change_fellow_status: () => {
        throw apiError('validation', 'Choose the new status.', [{ field: 'status', message: 'Choose the new status.' }]);
      },
    });
    render(FellowProfile, { id: 7 });
    await user.click(await screen.findByTestId('open-status-change'));
    await user.type(screen.getByLabelText('Note'), 'Back from leave');
    await user.click(screen.getByTestId('save-status'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose the new status.');
    expect(document.getElementById('status-error')).toHaveTextContent('Choose the new status.');
    expect(screen.getByLabelText('Note')).toHaveValue('Back from leave');
  });

  it('closes without saving on Cancel', async () => {
    const user = userEvent.setup();
    core();
    render(FellowProfile, { id: 7 });
    await user.click(await screen.findByTestId('open-status-change'));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('save-status')).toBeNull();
    expect(screen.getByTestId('open-status-change')).toHaveFocus();
    expect(call).not.toHaveBeenCalledWith('change_fellow_status', expect.anything());
  });
});
