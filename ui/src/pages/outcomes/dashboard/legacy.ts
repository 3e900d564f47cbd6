// What became of fellows' challenges, from each alumnus's latest answer: the three outcomes in
// the order they are stacked, each with its words and colours (text on a segment must read).
import type { LegacyRow } from '$lib/api';

export type LegacyBy = 'cohort' | 'profession' | 'host';

export const LEGACY_BY: readonly { code: LegacyBy; label: string; column: string }[] = [
  { code: 'cohort', label: 'By cohort', column: 'Cohort' },
  { code: 'profession', label: 'By profession', column: 'Profession' },
  { code: 'host', label: 'By host', column: 'Host organisation' },
];

export type LegacyKind = 'sustained' | 'spread' | 'abandoned';

export const LEGACY_KINDS: readonly { kind: LegacyKind; label: string; colour: string; ink: string }[] = [
  { kind: 'sustained', label: 'Sustained', colour: '#007f3b', ink: '#ffffff' },
  { kind: 'spread', label: 'Sustained and spread', colour: '#005eb8', ink: '#ffffff' },
  { kind: 'abandoned', label: 'Abandoned', colour: '#ffb81c', ink: '#212b32' },
];

export function legacyRows(rows: readonly LegacyRow[], by: LegacyBy): LegacyRow[] {
  return rows.filter((r) => r.by === by);
}
