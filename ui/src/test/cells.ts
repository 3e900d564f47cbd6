// The text of a table row's cells as a reader sees them: without the column names that a
// stacking (responsive) table repeats in each cell for narrow screens, and hides otherwise.

/** Each cell's text, spaces collapsed, with any `nhsuk-table__heading` left out. */
export function cellTexts(row: HTMLElement): string[] {
  return Array.from(row.children).map((cell) => {
    const copy = cell.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.nhsuk-table__heading').forEach((h) => h.remove());
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}
