// Numbers for the dashboard's tables and charts. A null figure was withheld by the core because
// it is about fewer people than the small-cell limit; it is shown as words, never as zero.

/** A whole percentage; nothing out of nothing is 0%. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((100 * part) / whole) : 0;
}

/** What a withheld figure says in its place, e.g. "Fewer than 5". */
export function withheld(smallCell: number): string {
  return `Fewer than ${smallCell}`;
}

/** A count, or the withheld words. */
export function countCell(n: number | null, smallCell: number): string {
  return n === null ? withheld(smallCell) : String(n);
}

/** A share of a whole as "75%", or the withheld words. */
export function shareCell(n: number | null, whole: number, smallCell: number): string {
  return n === null ? withheld(smallCell) : `${percent(n, whole)}%`;
}
