import { toApiError } from '$lib/api';
import type { ApiError } from '$lib/api';

/**
 * One page's data, with its loading and error state, so every page handles both the same way.
 * A source may answer at once (e.g. an "add" form with nothing to load): then there is no
 * "Loading…" step at all.
 */
export class Loaded<T> {
  data = $state<T | null>(null);
  error = $state<ApiError | null>(null);
  loading = $state(true);

  constructor(private readonly source: () => Promise<T> | T) {
    void this.reload();
  }

  async reload(): Promise<void> {
    this.loading = true;
    try {
      const result = this.source();
      this.data = result instanceof Promise ? await result : result;
      this.error = null;
    } catch (e) {
      this.error = toApiError(e);
    } finally {
      this.loading = false;
    }
  }
}
