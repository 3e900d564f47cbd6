import { beforeEach, describe, expect, it, vi } from 'vitest';
import { call } from './transport';
import * as api from './index';

const invoke = vi.hoisted(() => vi.fn());
vi.mock('@tauri-apps/api/core', () => ({ invoke }));

// Braces matter: a function returned from beforeEach would be run as its teardown.
beforeEach(() => {
  invoke.mockReset();
});

describe('transport call', () => {
  it('invokes the single "call" command with the command name and its arguments', async () => {
    invoke.mockResolvedValue({ id: 1, name: 'NHS Fellows', description: '' });
    const programme = await call('get_programme', null);
    expect(invoke).toHaveBeenCalledWith('call', { command: 'get_programme', args: null });
    expect(programme.name).toBe('NHS Fellows');
  });

  it('passes the core’s ApiError through', async () => {
    const error = { kind: 'validation', message: 'Bad', field: 'name', fields: [{ field: 'name', message: 'Bad' }] };
    invoke.mockRejectedValue(error);
    await expect(call('save_cohort', { id: null, name: '', start_date: '', end_date: '' })).rejects.toEqual(error);
  });

  it('normalises a plain string rejection into an internal ApiError', async () => {
    invoke.mockRejectedValue('command call not found');
    await expect(call('app_status', null)).rejects.toEqual({
      kind: 'internal',
      message: 'command call not found',
      field: null,
      fields: [],
    });
  });

  it('normalises an Error or junk too', async () => {
    invoke.mockRejectedValue(new Error('boom'));
    await expect(call('app_status', null)).rejects.toMatchObject({ kind: 'internal', message: 'boom' });
    invoke.mockRejectedValue({ weird: true });
    await expect(call('app_status', null)).rejects.toMatchObject({ kind: 'internal', fields: [] });
  });
});

describe('api call', () => {
  it('tells the app when the session has ended, and still rejects', async () => {
    const ended = vi.fn();
    api.onUnauthenticated(ended);
    invoke.mockRejectedValue({ kind: 'unauthenticated', message: 'Please sign in.', field: null, fields: [] });
    await expect(api.call('list_cohorts', null)).rejects.toMatchObject({ kind: 'unauthenticated' });
    expect(ended).toHaveBeenCalledTimes(1);

    invoke.mockRejectedValue({ kind: 'forbidden', message: 'No.', field: null, fields: [] });
    await expect(api.call('list_users', null)).rejects.toMatchObject({ kind: 'forbidden' });
    expect(ended).toHaveBeenCalledTimes(1);
    api.onUnauthenticated(null);
  });
});
