import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { today } from '$lib/format';
import { router } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { cohorts, faculty, hostPicks, profile, reference, status } from '../../test/fixtures';
import { fakeCore } from '../../test/fakeCore';
import FellowForm from './FellowForm.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
  call.mockImplementation(
    fakeCore({ list_cohorts: () => cohorts, pick_hosts: hostPicks(), get_fellow: () => profile, save_fellow: () => profile }),
  );
});

describe('FellowForm', () => {
  it('adds a fellow: ids as numbers, "No host yet" as null, status from today by default', async () => {
    const user = userEvent.setup();
    render(FellowForm);
    await user.type(await screen.findByLabelText('Full name'), 'Sam Fellow');
    await user.selectOptions(screen.getByLabelText('Profession'), 'Nursing');
    await user.selectOptions(screen.getByLabelText('Professional body'), 'NMC (Nursing and Midwifery Council)');
    await user.type(screen.getByLabelText('Registration number'), '12A3456B');
    await user.type(screen.getByLabelText('Email address'), 'sam@nhs.net');
    await user.selectOptions(screen.getByLabelText('Cohort'), '2026/27');
    expect(screen.getByLabelText('Host organisation')).toHaveDisplayValue('No host yet');
    expect(screen.getByLabelText('Status')).toHaveDisplayValue('Applicant');
    await user.click(screen.getByTestId('save-fellow'));

    expect(call).toHaveBeenCalledWith('save_fellow', {
      id: null,
      name: 'Sam Fellow',
      profession: 'nursing',
      professional_body: 'NMC',
      registration_number: '12A3456B',
      email: 'sam@nhs.net',
      cohort_id: 3,
      host_id: null,
      status: 'applicant',
      status_date: today(),
    });
    await waitFor(() => expect(router.location.path).toBe('/fellows/7'));
  });

  it('edits a fellow without the status fields', async () => {
    const user = userEvent.setup();
    render(FellowForm, { id: 7 });
    expect(await screen.findByLabelText('Full name')).toHaveValue('Sam Fellow');
    await waitFor(() => expect(screen.getByLabelText('Host organisation')).toHaveDisplayValue('Leeds Teaching Hospitals'));
    expect(screen.queryByLabelText('Status')).toBeNull();
    expect(document.getElementById('status_date-day')).toBeNull();
    await user.click(screen.getByTestId('save-fellow'));
    expect(call).toHaveBeenCalledWith('save_fellow', expect.objectContaining({ id: 7, cohort_id: 3, host_id: 5 }));
  });
});
