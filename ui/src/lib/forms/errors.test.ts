import { describe, expect, it } from 'vitest';
import type { ApiError } from '$lib/api';
import { attempt, fieldMessages, FormErrors, summaryItems } from './errors.svelte';

const validation: ApiError = {
  kind: 'validation',
  message: 'There are 3 problems with what you entered.',
  field: 'name',
  fields: [
    { field: 'name', message: "Enter the cohort's name, like 2026/27." },
    { field: 'end_date', message: 'The end date must be a real date, like 2026-09-01.' },
    { field: 'end_date', message: 'The end date must be after the start date.' },
  ],
};

describe('fieldMessages', () => {
  it('maps each field at fault to its (first) message', () => {
    expect(fieldMessages(validation)).toEqual({
      name: "Enter the cohort's name, like 2026/27.",
      end_date: 'The end date must be a real date, like 2026-09-01.',
    });
  });

  it('uses the error itself when it names a field but lists none', () => {
    const conflict: ApiError = { kind: 'conflict', message: 'Taken.', field: 'email', fields: [] };
    expect(fieldMessages(conflict)).toEqual({ email: 'Taken.' });
  });

  it('has nothing for an error without fields, or no error', () => {
    expect(fieldMessages({ kind: 'forbidden', message: 'No.', field: null, fields: [] })).toEqual({});
    expect(fieldMessages(null)).toEqual({});
  });
});

describe('summaryItems', () => {
  it('lists one linked line per field', () => {
    expect(summaryItems(validation)).toEqual([
      { field: 'name', message: "Enter the cohort's name, like 2026/27." },
      { field: 'end_date', message: 'The end date must be a real date, like 2026-09-01.' },
    ]);
  });

  it('shows a field-less error as its message alone', () => {
    expect(summaryItems({ kind: 'internal', message: 'Database busy.', field: null, fields: [] })).toEqual([
      { field: null, message: 'Database busy.' },
    ]);
  });
});

describe('FormErrors and attempt', () => {
  it('keeps the failed save’s errors, per field', async () => {
    const errors = new FormErrors();
    const result = await attempt(errors, () => Promise.reject(validation));
    expect(result).toBeUndefined();
    expect(errors.error?.kind).toBe('validation');
    expect(errors.fields.end_date).toBe('The end date must be a real date, like 2026-09-01.');
  });

  it('clears old errors on a successful save', async () => {
    const errors = new FormErrors();
    errors.set(validation);
    expect(await attempt(errors, async () => 42)).toBe(42);
    expect(errors.error).toBeNull();
    expect(errors.fields).toEqual({});
  });

  it('turns anything thrown into an internal ApiError', async () => {
    const errors = new FormErrors();
    await attempt(errors, () => Promise.reject('IPC failed'));
    expect(errors.error).toEqual({ kind: 'internal', message: 'IPC failed', field: null, fields: [] });
  });
});
