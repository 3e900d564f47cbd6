/**
 * The detail page's sections, in page order, for the headings and the contents list. The ids
 * are the sections' own; none may equal a form field's id on the page (e.g. "summary" and
 * "status" are fields, so those sections are "challenge-summary" and "challenge-status").
 */
export const SECTIONS = [
  { id: 'challenge-summary', title: 'Summary' },
  { id: 'challenge-status', title: 'Status' },
  { id: 'progress-score', title: 'Progress score' },
  { id: 'action-plan', title: 'Action plan' },
  { id: 'milestones', title: 'Milestones' },
  { id: 'measures', title: 'Improvement measures' },
  { id: 'pdsa-cycles', title: 'PDSA cycles' },
  { id: 'comments', title: 'Host comments' },
  { id: 'reviews', title: 'Reviews' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

export function sectionTitle(id: SectionId): string {
  return SECTIONS.find((s) => s.id === id)?.title ?? '';
}
