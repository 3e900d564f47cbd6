// The report's figures in words: cells, spreads, changes and the notices about who is left out.
import type { ApiError, Cell, Change, GroupCount, ScalePoint } from '$lib/api';
import { countOf } from '$lib/format';
import { groupLabel, hundredths } from '../labels';

/** "3.25 (4)": a mean and how many ratings it is made of. */
export function cellText(cell: Cell | null | undefined): string {
  return cell ? `${hundredths(cell.mean_hundredths)} (${cell.ratings})` : '';
}

/** "Essential 0 · Proficient 1 · Strong 3 · Exemplary 2": how many chose each point. */
export function spreadText(cell: Cell, scale: readonly ScalePoint[]): string {
  return scale.map((p, i) => `${p.label} ${cell.spread[i] ?? 0}`).join(' · ');
}

/** Others' change since the baseline, signed ("+0.40", "-0.25", "0.00"), or "–" when there is none. */
export function changeText(change: Change | null): string {
  const h = change?.others_change_hundredths;
  if (h === null || h === undefined) return '–';
  return h > 0 ? `+${hundredths(h)}` : hundredths(h);
}

/** "Peers: 4 responses". */
export function shownText(g: GroupCount): string {
  return `${groupLabel(g.group)}: ${countOf(g.responses, 'response')}`;
}

/** Why a group is missing from every figure, in the words the fellow reads. */
export function droppedText(g: GroupCount): string {
  return `${groupLabel(g.group)}: ${countOf(g.responses, 'response')}, fewer than the ${g.minimum} needed. They are left out of every figure and comment in this report.`;
}

/**
 * An error as one message, without its field: the report's conflicts name "round" or "report",
 * which are not controls on this page, so a summary link to them would go nowhere.
 */
export function plain(error: ApiError | null): ApiError | null {
  return error && { ...error, field: null, fields: [] };
}
