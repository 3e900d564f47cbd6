// Long lists are shown a page at a time, so no page grows past a few screens.

/** Rows on one page of a long list. */
export const PAGE_SIZE = 50;

/** The number of pages `total` rows need (at least one, so an empty list has page 1). */
export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** A page number from the address ("2"), kept within 1 and the last page; anything else is page 1. */
export function pageFrom(raw: string | null | undefined, total: number, size = PAGE_SIZE): number {
  const n = raw && /^\d+$/.test(raw) ? Number(raw) : 1;
  return Math.min(Math.max(1, n), pageCount(total, size));
}

/** The rows on page `page` (counting from 1). */
export function pageRows<T>(rows: readonly T[], page: number, size = PAGE_SIZE): T[] {
  return rows.slice((page - 1) * size, page * size);
}

/** "Showing 51 to 96 of 96 fellows", or just "96 fellows" when they fit on one page. */
export function showing(page: number, total: number, plural: string, singular: string, size = PAGE_SIZE): string {
  const n = (x: number) => x.toLocaleString('en-GB');
  if (total <= size) return `${n(total)} ${total === 1 ? singular : plural}`;
  const first = (page - 1) * size + 1;
  const last = Math.min(page * size, total);
  return `Showing ${n(first)} to ${n(last)} of ${n(total)} ${plural}`;
}
