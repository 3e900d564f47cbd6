import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { ApiError, Cohort } from '$lib/api';
import { router } from '$lib/router.svelte';
import { cohorts } from '../../test/fixtures';
import CohortForm from './CohortForm.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const endDateWrong: ApiError = {
  kind: 'validation',
  message: 'There are 2 problems with what you entered.',
  field: 'name',
  fields: [
    { field: 'name', message: 'There is already a cohort called 2026/27.' },
    { field: 'end_date', message: 'The end date must be after the start date.' },
  ],
};

beforeEach(() => {
  call.mockReset();
  window.location.hash = '#/cohorts/new';
});

async function fillIn() {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Cohort name'), '2026/27');
  await user.type(document.getElementById('start_date-day')!, '1');
  await user.type(document.getElementById('start_date-month')!, '9');
  await user.type(document.getElementById('start_date-year')!, '2026');
  await user.type(document.getElementById('end_date-day')!, '31');
  await user.type(document.getElementById('end_date-month')!, '8');
  await user.type(document.getElementById('end_date-year')!, '2025');
  return user;
}

describe('CohortForm', () => {
  it('sends what was typed, with composed dates', async () => {
    const saved: Cohort = { id: 9, name: '2026/27', start_date: '2026-09-01', end_date: '2027-08-31', fellow_count: 0 };
    call.mockResolvedValue(saved);
    render(CohortForm);
    const user = await fillIn();
    await user.click(screen.getByTestId('save-cohort'));
    expect(call).toHaveBeenCalledWith('save_cohort', {
      id: null,
      name: '2026/27',
      start_date: '2026-09-01',
      end_date: '2025-08-31',
    });
    await waitFor(() => expect(router.location.path).toBe('/cohorts'));
  });

  it('keeps every typed value and shows each error beside its field when the save fails', async () => {
    call.mockRejectedValue(endDateWrong);
    render(CohortForm);
    const user = await fillIn();
    await user.click(screen.getByTestId('save-cohort'));

    const message = await waitFor(() => {
      const el = document.getElementById('end_date-error');
      expect(el).not.toBeNull();
      return el!;
    });
    expect(message).toHaveTextContent('The end date must be after the start date.');
    expect(document.getElementById('name-error')).toHaveTextContent('There is already a cohort called 2026/27.');
    expect(document.getElementById('start_date-error')).toBeNull();

    // Nothing typed is lost.
    expect(screen.getByLabelText('Cohort name')).toHaveValue('2026/27');
    expect(document.getElementById('end_date-day')).toHaveValue('31');
    expect(document.getElementById('end_date-month')).toHaveValue('8');
    expect(document.getElementById('end_date-year')).toHaveValue('2025');
    expect(document.getElementById('start_date-year')).toHaveValue('2026');

    // Fields at fault are marked and described by their message.
    const name = screen.getByLabelText('Cohort name');
    expect(name).toHaveClass('nhsuk-input--error');
    expect(name.getAttribute('aria-describedby')).toContain('name-error');
    expect(document.getElementById('end_date-year')).toHaveClass('nhsuk-input--error');
    expect(document.getElementById('start_date-year')).not.toHaveClass('nhsuk-input--error');

    // The summary is announced, takes focus, and links to each field.
    const summary = screen.getByRole('alert');
    expect(summary).toHaveFocus();
    const link = screen.getByRole('link', { name: 'The end date must be after the start date.' });
    expect(link).toHaveAttribute('href', '#end_date');
    await user.click(link);
    expect(document.getElementById('end_date-day')).toHaveFocus();
    expect(router.location.path).not.toBe('end_date');
  });

  it('shows an error with no field in the summary only', async () => {
    call.mockRejectedValue({ kind: 'forbidden', message: 'Only programme faculty can do this.', field: null, fields: [] });
    render(CohortForm);
    const user = await fillIn();
    await user.click(screen.getByTestId('save-cohort'));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Only programme faculty can do this.');
    expect(document.querySelectorAll('.nhsuk-error-message')).toHaveLength(0);
    expect(screen.getByLabelText('Cohort name')).toHaveValue('2026/27');
  });

  it('loads the cohort being edited into the fields', async () => {
    call.mockResolvedValue(cohorts);
    render(CohortForm, { id: 3 });
    expect(await screen.findByLabelText('Cohort name')).toHaveValue('2026/27');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Edit cohort');
    expect(document.getElementById('start_date-day')).toHaveValue('1');
    expect(document.getElementById('start_date-month')).toHaveValue('9');
    expect(document.getElementById('end_date-year')).toHaveValue('2027');
    expect(document.title).toBe('Edit cohort – Fellowship');
  });
});
