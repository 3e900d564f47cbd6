// Personal data, retention and backups, shaped as the core sends them.
import type { BackupInfo, BackupPreview, ErasureReport, Privacy, RestoreResult, RetentionReview } from '$lib/api';
import type { Handlers } from './fakeCore';

export const privacy: Privacy = {
  fellow_id: 7,
  current: 'given',
  history: [
    {
      decision: 'given',
      decided_on: '2026-10-01',
      note: 'Said yes at the induction day.',
      recorded_by: 'Ada Lovelace',
      recorded_at: '2026-10-01T10:00:00Z',
    },
    { decision: 'declined', decided_on: '2026-09-01', note: '', recorded_by: null, recorded_at: '2026-09-01T10:00:00Z' },
  ],
  erased_at: null,
  retention_years: 6,
};

export const notAsked: Privacy = { ...privacy, current: null, history: [] };

export const erasedPrivacy: Privacy = { ...notAsked, erased_at: '2027-03-02T11:00:00Z' };

export const erasure: ErasureReport = {
  fellow_id: 7,
  placeholder: 'Erased fellow #7',
  erased_at: '2027-03-02T11:00:00Z',
  parts: [
    { what: 'Name, contact and registration details removed', rows: 1 },
    { what: 'Reflections deleted', rows: 4 },
  ],
};

export const review: RetentionReview = {
  retention_years: 6,
  today: '2033-09-01',
  due: [
    {
      fellow_id: 8,
      name: 'Alex Doctor',
      cohort: '2026/27',
      status: 'withdrawn',
      left_on: '2027-01-15',
      due_on: '2033-01-15',
      consent: null,
    },
    {
      fellow_id: 9,
      name: 'Jo Pharmacist',
      cohort: '2026/27',
      status: 'completed',
      left_on: '2027-08-31',
      due_on: '2033-08-31',
      consent: 'withdrawn',
    },
  ],
};

export const backups: BackupInfo[] = [
  {
    file_name: 'fellowship-manual-2027-03-02T101500Z.sqlite',
    kind: 'manual',
    taken_at: '2027-03-02T10:15:00Z',
    size_bytes: 2_411_724,
  },
  {
    file_name: 'fellowship-2027-03-01T090000Z.sqlite',
    kind: 'daily',
    taken_at: '2027-03-01T09:00:00Z',
    size_bytes: 512_000,
  },
  {
    file_name: 'fellowship-before-restore-2027-02-20T160000Z.sqlite',
    kind: 'before_restore',
    taken_at: '2027-02-20T16:00:00Z',
    size_bytes: 300,
  },
];

export const backupPreview: BackupPreview = {
  file_name: backups[1].file_name,
  taken_at: backups[1].taken_at,
  size_bytes: backups[1].size_bytes,
  integrity: 'ok',
  counts: [
    { table: 'fellows', rows: 24 },
    { table: 'learning_sets', rows: 3 },
  ],
};

export const restoreResult: RestoreResult = {
  restored_from: backups[1].file_name,
  safety_copy: 'fellowship-before-restore-2027-03-02T120000Z.sqlite',
  counts: backupPreview.counts,
  erasures_reapplied: 1,
};

/** The data protection page's commands, answering as a healthy install does. */
export function privacyHandlers(): Handlers {
  return {
    get_privacy: () => privacy,
    retention_review: () => review,
    list_backups: () => backups,
    preview_backup: () => backupPreview,
  };
}
