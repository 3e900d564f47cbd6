// One line for each folded section of the challenge page, shown beside its heading, so the
// page reads as an overview before any section is opened.
import type { ChallengeDetail, CodeOption } from '$lib/api';
import { countOf, formatDate, labelFor } from '$lib/format';
import { scoreText } from '../format';

type Labels = readonly CodeOption[] | undefined;

/** "In progress since 1 Oct 2026". */
export function statusSummary(d: ChallengeDetail, statuses: Labels): string {
  const label = labelFor(statuses, d.challenge.status);
  const since = d.status_history[0]?.changed_at;
  return since ? `${label} since ${formatDate(since)}` : label;
}

/** "3.5 Improvement, 20 Nov 2026", or "Not scored yet". */
export function progressSummary(d: ChallengeDetail, scale: Labels): string {
  const latest = d.progress[0];
  const score = scoreText(d.challenge.progress_tenths, scale);
  if (!score) return 'Not scored yet';
  return latest ? `${score}, ${formatDate(latest.scored_on)}` : score;
}

/** "4 actions, 2 overdue", "3 actions, all done" or "No actions yet". */
export function actionsSummary(d: ChallengeDetail): string {
  const n = d.actions.length;
  if (n === 0) return 'No actions yet';
  const overdue = d.actions.filter((a) => a.overdue).length;
  const done = d.actions.filter((a) => a.status === 'done').length;
  if (overdue > 0) return `${countOf(n, 'action')}, ${overdue} overdue`;
  if (done === n) return `${countOf(n, 'action')}, all done`;
  return `${countOf(n, 'action')}, ${done} done`;
}

/** "Next: Mid-year review, 28 Feb 2027", or when none is still to come, how many are dated. */
export function milestonesSummary(d: ChallengeDetail, kinds: Labels, today: string): string {
  const dated = d.milestones.filter((m) => m.due_date);
  const next = dated.filter((m) => (m.due_date ?? '') >= today).sort((a, b) => (a.due_date ?? '').localeCompare(b.due_date ?? ''))[0];
  if (next) return `Next: ${labelFor(kinds, next.kind)}, ${formatDate(next.due_date)}`;
  if (dated.length === 0) return 'No dates yet';
  return `${dated.length} of ${d.milestones.length} dated, none still to come`;
}

/** "2 measures, 1 showing improvement", or "No measures yet". */
export function measuresSummary(d: ChallengeDetail): string {
  const n = d.measures.length;
  if (n === 0) return 'No measures yet';
  const better = d.measures.filter((m) => m.latest_verdict === 'improvement').length;
  const worse = d.measures.filter((m) => m.latest_verdict === 'concern').length;
  const parts = [countOf(n, 'measure')];
  if (better) parts.push(`${better} showing improvement`);
  if (worse) parts.push(`${worse} of concern`);
  return parts.join(', ');
}

/** "2 cycles", or "No cycles yet". */
export function pdsaSummary(d: ChallengeDetail): string {
  return d.pdsa_cycles.length ? countOf(d.pdsa_cycles.length, 'cycle') : 'No cycles yet';
}

/** "3 comments, latest 2 Dec 2026", or "No comments yet". */
export function commentsSummary(d: ChallengeDetail): string {
  const n = d.comments.length;
  if (n === 0) return 'No comments yet';
  const latest = d.comments.map((c) => c.created_at).sort().at(-1);
  return `${countOf(n, 'comment')}, latest ${formatDate(latest)}`;
}

/** "1 signed, 1 awaiting signature", or "No reviews yet". */
export function reviewsSummary(d: ChallengeDetail): string {
  if (d.reviews.length === 0) return 'No reviews yet';
  const signed = d.reviews.filter((r) => r.locked).length;
  const waiting = d.reviews.length - signed;
  const parts = [];
  if (signed) parts.push(`${signed} signed`);
  if (waiting) parts.push(`${waiting} awaiting signature`);
  return parts.join(', ');
}
