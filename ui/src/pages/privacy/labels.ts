// Words for personal-data codes. Consent decisions and backup kinds are not in the core's
// reference data, so their labels live here.
import type { ConsentDecision } from '$lib/api';

export const CONSENT_DECISIONS: readonly { value: ConsentDecision; label: string }[] = [
  { value: 'given', label: 'Consents to follow-up' },
  { value: 'declined', label: 'Declined follow-up' },
  { value: 'withdrawn', label: 'Withdrew consent' },
];

/** A decision in words; no decision yet is "Not asked". */
export function consentLabel(decision: ConsentDecision | string | null | undefined): string {
  if (!decision) return 'Not asked';
  return CONSENT_DECISIONS.find((d) => d.value === decision)?.label ?? decision;
}

const BACKUP_KINDS: Record<string, string> = {
  daily: 'Daily',
  manual: 'Made by hand',
  before_restore: 'Before a restore',
};

export function backupKindLabel(kind: string): string {
  return BACKUP_KINDS[kind] ?? kind;
}

/** A file size as "12 KB" or "3.4 MB". */
export function formatSize(bytes: number): string {
  const kb = bytes / 1024;
  if (kb < 1024) return `${Math.max(1, Math.round(kb))} KB`;
  return `${(kb / 1024).toFixed(1)} MB`;
}

/** A table's name in words: "learning_set_members" as "Learning set members". */
export function tableLabel(table: string): string {
  const words = table.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
