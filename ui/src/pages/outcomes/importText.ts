// Words for a survey import's check and result.
import type { ImportPreview, ImportProblem, ImportResult } from '$lib/api';
import { countOf } from '$lib/format';

/** "Line 4, column “Email”: No fellow has the email …", or "Line 1: …" for the whole file. */
export function problemText(p: ImportProblem): string {
  return p.column ? `Line ${p.line}, column “${p.column}”: ${p.message}` : `Line ${p.line}: ${p.message}`;
}

/** What the check found: "3 rows", "1 would replace earlier responses", and the problems to fix. */
export function previewLines(preview: ImportPreview): string[] {
  return [
    countOf(preview.rows, 'row'),
    `${preview.replaces} would replace earlier responses`,
    preview.problems.length ? `${countOf(preview.problems.length, 'problem')} to fix before importing` : 'No problems found',
  ];
}

/** "Imported 3 responses (1 replaced earlier ones)." */
export function resultText(result: ImportResult): string {
  return `Imported ${countOf(result.imported, 'response')} (${result.replaced} replaced earlier ones).`;
}
