import { toApiError } from '$lib/api';
import type { ApiError } from '$lib/api';

/** One page's data, with its loading and error state, so every page handles both the same way. */
export class Loaded<T> {
  data = $state<T | null>(null);
  error = $state<ApiError | null>(null);
  loading = $state(true);

  constructor(private readonly source: () => Promise<T>) {
    void this.reload();
  }

  async reload(): Promise<void> {
    this.loading = true;
    try {
      this.data = await this.source();
      this.error = null;
    } catch (e) {
      this.error = toApiError(e);
    } finally {
      this.loading = false;
    }
  }
}
