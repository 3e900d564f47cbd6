// Mentoring and coaching data shaped as the core sends it.
import type { MentoringOverview, Relationship, RelationshipDetail } from '$lib/api';

export const relationships: Relationship[] = [
  {
    id: 31,
    fellow_id: 7,
    fellow_name: 'Sam Fellow',
    person_id: 4,
    person_name: 'Mo Mentor',
    kind: 'coach',
    started_on: '2026-09-15',
  },
];

export const relationshipDetail: RelationshipDetail = {
  relationship: relationships[0],
  sessions: [
    {
      id: 41,
      held_on: '2026-10-01',
      duration_minutes: 45,
      mode: 'video',
      themes: 'Settling in.',
      agreed_actions: 'Meet the ward manager.',
      logged_by: 'Mo Mentor',
      my_private_note: null,
    },
    {
      id: 42,
      held_on: '2026-11-02',
      duration_minutes: 60,
      mode: 'in_person',
      themes: 'Board round.\nDifficult conversations.',
      agreed_actions: 'Shadow the chief nurse.',
      logged_by: 'Sam Fellow',
      my_private_note: 'I felt out of my depth.',
    },
  ],
};

export const mentoringOverview: MentoringOverview = {
  gap_days: 42,
  rows: [
    {
      relationship_id: 31,
      fellow_name: 'Sam Fellow',
      cohort_name: '2026/27',
      kind: 'coach',
      person_name: 'Mo Mentor',
      sessions: 2,
      last_session: '2026-11-02',
      days_since: 12,
      gap: false,
    },
    {
      relationship_id: 32,
      fellow_name: 'Alex Doctor',
      cohort_name: '2026/27',
      kind: 'workplace_mentor',
      person_name: 'Ada Lovelace',
      sessions: 0,
      last_session: null,
      days_since: 60,
      gap: true,
    },
  ],
};
