import { tick } from 'svelte';
import { Loaded } from '$lib/load.svelte';
import { pageFrom } from '$lib/paging';
import { readdress } from '$lib/router.svelte';

/**
 * One page of a list the core sends a page at a time, with the page number kept in the address
 * (`#/cohorts/3?page=2`), so it can be copied, reloaded or gone back to. A page past the last
 * gives the last, and the address then says which page was given.
 */
export class AddressedPage<T extends { page: number }> {
  /** The page asked for, then the one given. */
  private at: number;
  readonly load: Loaded<T>;

  constructor(
    asked: string | null | undefined,
    readonly address: (page: number) => string,
    fetch: (page: number) => Promise<T>,
  ) {
    this.at = pageFrom(asked, Infinity);
    this.load = new Loaded<T>(async () => {
      const found = await fetch(this.at);
      if (found.page !== this.at) {
        this.at = found.page;
        readdress(this.address(found.page));
      }
      return found;
    });
  }

  /** Shows page `to`, then moves focus to `line` (the "Showing 51 to 100 of …" line). */
  async goTo(to: number, line: () => HTMLElement | undefined): Promise<void> {
    this.at = to;
    readdress(this.address(to));
    await this.load.reload();
    await tick();
    line()?.focus();
    line()?.scrollIntoView?.({ block: 'start' });
  }
}
