// Numbers for the dashboard's tables and charts. A null figure was withheld by the core's
// disclosure control: it is about fewer people than the small-cell limit, or would let such a
// figure be worked out. It is shown as a word, never as zero.

/** A whole percentage; nothing out of nothing is 0%. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((100 * part) / whole) : 0;
}

/** What a withheld figure says in its place. */
export const WITHHELD = 'Withheld';

/** Why a figure is withheld, in plain words, for the note beside the figures. */
export function withheldNote(smallCell: number): string {
  return `Withheld: fewer than ${smallCell}, or could reveal one`;
}

/** A count, or the withheld word. */
export function countCell(n: number | null): string {
  return n === null ? WITHHELD : String(n);
}

/** A share of a whole, or null where either is withheld (a share would give the count away). */
export function share(n: number | null, whole: number | null): number | null {
  return n === null || whole === null ? null : percent(n, whole);
}

/** A share of a whole as "75%", or the withheld word. */
export function shareCell(n: number | null, whole: number | null): string {
  const s = share(n, whole);
  return s === null ? WITHHELD : `${s}%`;
}
