import { toApiError } from '$lib/api';
import type { ApiError } from '$lib/api';

/** What the core sends for a picker (`pick_fellows`, `pick_hosts`), besides its records. */
export interface Offer {
  /** How many records match what was typed. */
  matching: number;
  /** The most it offers at once. */
  limit: number;
}

/**
 * What a picker offers: the core's answer for what was typed and the one already chosen. A
 * national scheme has 40,000 fellows, so the core offers fifty and says how many match; the
 * search appears once there are more than it can offer, and stays while the reader narrows.
 * A slower, older answer never overwrites a newer one.
 */
export class Picker<O extends Offer> {
  result = $state<O | null>(null);
  error = $state<ApiError | null>(null);
  searchable = $state(false);
  /** The chosen id the last question named, so one the core does not offer is asked about once. */
  askedAbout: string | null = null;
  #latest = 0;

  /** Asks the core, naming the chosen id ("" for none). */
  async load(ask: (chosen: number | null) => Promise<O>, chosen: string): Promise<void> {
    const mine = ++this.#latest;
    this.askedAbout = chosen;
    try {
      const found = await ask(chosen ? Number(chosen) : null);
      if (mine !== this.#latest) return;
      [this.result, this.error] = [found, null];
      if (found.matching > found.limit) this.searchable = true;
    } catch (e) {
      if (mine === this.#latest) this.error = toApiError(e);
    }
  }

  /** A choice put in the form from elsewhere (a saved record arriving) that the answer does not
   * offer, and not yet asked about: one the core will not offer is asked about once. */
  missing(chosen: string, offered: readonly { id: number }[] | undefined): boolean {
    return !!chosen && !!offered && chosen !== this.askedAbout && !offered.some((r) => String(r.id) === chosen);
  }
}

/** The hint under a picker: what the search leaves out, or that nothing matched. */
export function pickerHint(offer: Offer | null, search: string, plural: string): string | undefined {
  if (!offer) return undefined;
  if (offer.matching === 0 && search.trim()) return `No ${plural} match “${search.trim()}”.`;
  if (offer.matching > offer.limit) {
    const count = `Showing the first ${offer.limit} of ${offer.matching.toLocaleString('en-GB')} ${plural}`;
    return search.trim() ? `${count} matching “${search.trim()}”. Type more to narrow them.` : `${count}. Search to find others.`;
  }
  return undefined;
}
