import { tick } from 'svelte';
import { toApiError } from '$lib/api';
import type { ApiError } from '$lib/api';
import { readdress } from '$lib/router.svelte';
import { pageCount } from './paging';

/** What the core sends for one page of a long list, besides its rows. */
interface Page {
  total: number;
  page: number;
  page_size: number;
}

/**
 * A long list shown a page at a time, each page asked of the core (a programme of thousands sends
 * fifty). A slower, older answer never overwrites a newer one, and a page past the last, which the
 * core answers with the last, is shown with the address saying which page it is.
 */
export class PagedList<P extends Page> {
  result = $state<P | null>(null);
  error = $state<ApiError | null>(null);
  #latest = 0;

  /** `address` gives the list's address for a page, e.g. "/fellows?cohort=3&page=2". */
  constructor(private readonly address: (page: number) => string) {}

  get total(): number {
    return this.result?.total ?? 0;
  }

  /** The page on show: the core's answer, not the one asked for. */
  get current(): number {
    return this.result?.page ?? 1;
  }

  get pages(): number {
    return pageCount(this.total, this.result?.page_size);
  }

  /** Asks for one page; true once it is shown (false if a newer request overtook it or it failed). */
  async load(ask: (page: number) => Promise<P>, toPage: number): Promise<boolean> {
    const mine = ++this.#latest;
    try {
      const found = await ask(toPage);
      if (mine !== this.#latest) return false;
      [this.result, this.error] = [found, null];
      if (found.page !== toPage) readdress(this.address(found.page));
      return true;
    } catch (e) {
      if (mine === this.#latest) this.error = toApiError(e);
      return false;
    }
  }

  /** Moves to another page, starting the reader at `start` (the list's count line). */
  async goTo(ask: (page: number) => Promise<P>, to: number, start: HTMLElement | undefined): Promise<void> {
    readdress(this.address(to));
    if (!(await this.load(ask, to))) return;
    await tick();
    start?.focus();
    start?.scrollIntoView?.({ block: 'start' });
  }
}
