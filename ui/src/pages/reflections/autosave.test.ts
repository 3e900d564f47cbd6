import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError } from '../../test/fakeCore';
import { AUTOSAVE_DELAY_MS, Autosave } from './autosave.svelte';

/** A save that stays in flight until the test lets it return. */
function controlledSave() {
  const pending: (() => void)[] = [];
  let inFlight = 0;
  let most = 0;
  const save = vi.fn(
    () =>
      new Promise<void>((resolve) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        pending.push(() => {
          inFlight -= 1;
          resolve();
        });
      }),
  );
  return { save, release: () => pending.shift()?.(), most: () => most };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Autosave', () => {
  it('saves once after a pause, however many changes came before it', async () => {
    const save = vi.fn(async () => undefined);
    const autosave = new Autosave(save);
    for (let i = 0; i < 5; i++) {
      autosave.changed();
      await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 100);
    }
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenCalledTimes(1);
    expect(autosave.state.kind).toBe('saved');
  });

  it('never runs two saves at once: a change during a save is saved when it returns', async () => {
    const { save, release, most } = controlledSave();
    const autosave = new Autosave(save);
    autosave.changed();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(save).toHaveBeenCalledTimes(1);
    expect(autosave.state.kind).toBe('saving');

    autosave.changed();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    void autosave.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(1);

    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(2);
    release();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2);
    expect(save).toHaveBeenCalledTimes(2);
    expect(most()).toBe(1);
    expect(autosave.state.kind).toBe('saved');
  });

  it('says a change after a save is pending, and only says saved once everything is', async () => {
    const { save, release } = controlledSave();
    const autosave = new Autosave(save);
    expect(autosave.state.kind).toBe('idle');
    autosave.changed();
    expect(autosave.state.kind).toBe('pending');
    void autosave.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(autosave.state.kind).toBe('saving');
    autosave.changed();
    expect(autosave.state.kind).toBe('saving');
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(autosave.state.kind).toBe('pending');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(autosave.state.kind).toBe('saving');
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(autosave.state.kind).toBe('saved');
    autosave.changed();
    expect(autosave.state.kind).toBe('pending');
  });

  it('saves at once on flush, and not at all when nothing changed', async () => {
    const save = vi.fn(async () => undefined);
    const autosave = new Autosave(save);
    await autosave.flush();
    expect(save).not.toHaveBeenCalled();
    autosave.changed();
    await autosave.flush();
    expect(save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('keeps a failed save’s changes unsaved, with the reason, and tries again on the next flush', async () => {
    const save = vi.fn().mockRejectedValueOnce(apiError('internal', 'The database is busy.')).mockResolvedValue(undefined);
    const autosave = new Autosave(save);
    autosave.changed();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(autosave.state).toEqual({ kind: 'failed', message: 'The database is busy.' });
    await autosave.flush();
    expect(save).toHaveBeenCalledTimes(2);
    expect(autosave.state.kind).toBe('saved');
  });

  it('runs a finishing save in turn, in place of the pending autosave', async () => {
    const { save, release } = controlledSave();
    const autosave = new Autosave(save);
    autosave.changed();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    autosave.changed();

    const finish = vi.fn(async () => 'finished');
    const done = autosave.replaceWith(finish);
    await vi.advanceTimersByTimeAsync(0);
    expect(finish).not.toHaveBeenCalled();
    release();
    expect(await done).toBe('finished');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('autosaves the pending changes after all when finishing fails', async () => {
    const save = vi.fn(async () => undefined);
    const autosave = new Autosave(save);
    autosave.changed();
    await expect(autosave.replaceWith(() => Promise.reject(apiError('validation', 'Give the entry a short title.')))).rejects.toMatchObject({
      kind: 'validation',
    });
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(save).toHaveBeenCalledTimes(1);
  });
});
