// Audit trail entries shaped as the core sends them, newest first.
import type { AuditEntry } from '$lib/api';

export const auditEntries: AuditEntry[] = [
  {
    id: 3,
    at: '2026-11-26T15:04:05Z',
    user_id: 1,
    user_name: 'Ada Lovelace',
    command: 'get_fellow',
    action: 'view',
    target: '{"id":7}',
    fellow_id: 7,
    fellow_name: 'Sam Fellow',
    outcome: 'done',
  },
  {
    id: 2,
    at: '2026-11-26T14:00:00Z',
    user_id: 2,
    user_name: 'Sam Fellow',
    command: 'export_outcomes',
    action: 'export',
    target: '{}',
    fellow_id: null,
    fellow_name: null,
    outcome: 'refused',
  },
  {
    id: 1,
    at: '2026-11-26T09:30:00Z',
    user_id: 1,
    user_name: 'Ada Lovelace',
    command: 'sign_in',
    action: 'sign_in',
    target: '{}',
    fellow_id: null,
    fellow_name: null,
    outcome: 'failed',
  },
];
