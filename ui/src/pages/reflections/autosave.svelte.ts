import { toApiError } from '$lib/api';

export type AutosaveState =
  | { kind: 'idle' }
  /** Changes wait for a pause in typing (or for the save in flight to return). */
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; /** When, in milliseconds since the epoch. */ at: number }
  | { kind: 'failed'; message: string };

/** How long typing must pause before a draft is saved. */
export const AUTOSAVE_DELAY_MS = 700;

/**
 * Saves a form's draft a moment after the user stops changing it, one save at a time: a save
 * asked for while another is in flight waits for it, then sends the values as they are then.
 * (A new entry gets its id from its first save; two saves at once would make two entries.)
 * "Saved" always means everything typed so far is saved: a change after a save makes it pending.
 */
export class Autosave {
  state = $state<AutosaveState>({ kind: 'idle' });

  /** Changes not yet saved. */
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The saves, in turn: each starts once the one before has returned. */
  private queue: Promise<unknown> = Promise.resolve();

  /** `save` sends the form's current values; it is called only when the previous save has returned. */
  constructor(
    private readonly save: () => Promise<unknown>,
    private readonly delay = AUTOSAVE_DELAY_MS,
  ) {}

  /** Something changed: save once there has been a pause. */
  changed(): void {
    this.dirty = true;
    // "Saving" stays until the save in flight returns; a failure stays until the next try.
    if (this.state.kind === 'saved' || this.state.kind === 'idle') this.state = { kind: 'pending' };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delay);
  }

  /** Saves now if anything is unsaved (e.g. when a field loses focus). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    if (!this.dirty) return Promise.resolve();
    return this.inTurn(async () => {
      // An earlier save in the queue may have taken these changes already.
      if (!this.dirty) return;
      this.dirty = false;
      this.state = { kind: 'saving' };
      try {
        await this.save();
        // Changed while this save was in flight: those changes are not saved yet.
        this.state = this.dirty ? { kind: 'pending' } : { kind: 'saved', at: Date.now() };
      } catch (e) {
        this.dirty = true;
        this.state = { kind: 'failed', message: toApiError(e).message };
      }
    });
  }

  /**
   * Runs another save of the whole form (e.g. finishing the entry) in turn with the autosaves,
   * instead of the one pending. If it fails, the pending changes are autosaved after all.
   */
  async replaceWith<T>(task: () => Promise<T>): Promise<T> {
    clearTimeout(this.timer);
    return this.inTurn(async () => {
      const wasDirty = this.dirty;
      this.dirty = false;
      try {
        return await task();
      } catch (e) {
        if (wasDirty) this.changed();
        throw e;
      }
    });
  }

  private inTurn<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
