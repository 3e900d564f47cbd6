import { beforeEach, describe, expect, it, vi } from 'vitest';
import { call } from './transport';
import * as api from './index';

const invoke = vi.hoisted(() => vi.fn());
vi.mock('@tauri-apps/api/core', () => ({ invoke }));

// Braces matter: a function returned from beforeEach would be run as its teardown.
beforeEach(() => {
  invoke.mockReset();
  // Inside the desktop app unless a test says otherwise.
  (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__ = {};
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

describe('over HTTP, in a browser served by the programme server', () => {
  const fetchMock = vi.fn();

  beforeEach(() => {
    delete (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__;
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    document.cookie = 'fellowship_csrf=token-123';
  });

  const answer = (status: number, body: unknown) =>
    ({ ok: status < 400, status, statusText: 'Status', json: async () => body }) as Response;

  it('posts the arguments to /api/<command> with the CSRF token, never through Tauri', async () => {
    fetchMock.mockResolvedValue(answer(200, { id: 1, name: 'NHS Fellows', description: '' }));
    const programme = await call('get_programme', null);
    expect(programme.name).toBe('NHS Fellows');
    expect(invoke).not.toHaveBeenCalled();
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/get_programme');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: 'null' });
    expect(init.headers['x-fellowship-csrf']).toBe('token-123');
  });

  it('reads the token from the __Host- cookie over HTTPS, before any unprefixed one', async () => {
    // jsdom's page is not HTTPS, so it would refuse to keep a __Host- cookie itself.
    const cookies = vi
      .spyOn(document, 'cookie', 'get')
      .mockReturnValue('fellowship_csrf=token-123; __Host-fellowship_csrf=prefixed-456');
    fetchMock.mockResolvedValue(answer(200, null));
    await call('app_status', null);
    expect(fetchMock.mock.calls[0][1].headers['x-fellowship-csrf']).toBe('prefixed-456');
    cookies.mockRestore();
  });

  it('passes the core’s ApiError through, and turns anything else into one', async () => {
    const error = { kind: 'validation', message: 'Bad', field: 'name', fields: [{ field: 'name', message: 'Bad' }] };
    fetchMock.mockResolvedValue(answer(422, error));
    await expect(call('save_cohort', { id: null, name: '', start_date: '', end_date: '' })).rejects.toEqual(error);
    fetchMock.mockResolvedValue({ ok: false, status: 502, statusText: 'Bad Gateway', json: async () => Promise.reject(new Error('not json')) });
    await expect(call('app_status', null)).rejects.toMatchObject({
      kind: 'internal',
      message: 'The programme server answered 502 Bad Gateway.',
    });
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(call('app_status', null)).rejects.toMatchObject({ kind: 'internal', message: 'Failed to fetch' });
  });
});
