// Action learning set data shaped as the core sends it, for component tests. Set A meets in
// cohort 2026/27 with Mo Mentor facilitating; two sessions are recorded and one is planned.
import type { Fellow, LearningSet, LearningSetDetail, SetMember, SetSessionRecord } from '$lib/api';
import { fellows } from './fixtures';

export const setMembers: SetMember[] = [
  { fellow_id: 8, name: 'Alex Doctor' },
  { fellow_id: 10, name: 'Jo Pharmacist' },
  { fellow_id: 9, name: 'Priya Nurse' },
  { fellow_id: 7, name: 'Sam Fellow' },
];

/** The cohort's fellows: the set's four and one more who is in no set. */
export const cohortFellows: Fellow[] = [
  ...fellows,
  { ...fellows[0], id: 9, name: 'Priya Nurse', email: 'priya@nhs.net' },
  { ...fellows[1], id: 10, name: 'Jo Pharmacist', email: 'jo@nhs.net', profession: 'pharmacy' },
  { ...fellows[1], id: 11, name: 'Kim Physio', email: 'kim@nhs.net' },
];

export const learningSet: LearningSet = {
  id: 51,
  cohort_id: 3,
  cohort_name: '2026/27',
  name: 'Set A',
  facilitator_id: 4,
  facilitator_name: 'Mo Mentor',
  members: 4,
  sessions_held: 2,
  sessions_planned: 1,
  next_session: '2027-01-14',
  attendance_percent: 88,
  actions_committed: 3,
  actions_reviewed: 2,
  actions_done: 1,
  actions_partly: 1,
  actions_not_done: 0,
};

export const learningSets: LearningSet[] = [
  learningSet,
  {
    ...learningSet,
    id: 52,
    name: 'Set B',
    facilitator_id: 1,
    facilitator_name: 'Ada Lovelace',
    members: 5,
    sessions_held: 0,
    sessions_planned: 0,
    next_session: null,
    attendance_percent: null,
    actions_committed: 0,
    actions_reviewed: 0,
    actions_done: 0,
    actions_partly: 0,
    actions_not_done: 0,
  },
];

const present = (...ids: number[]) => ids.map((fellow_id) => ({ fellow_id, mark: 'present' as const }));

/** Set A as one of its members sees it. */
export const setDetail: LearningSetDetail = {
  set: learningSet,
  members: setMembers,
  sessions: [
    { id: 61, meets_on: '2026-10-01', recorded: true, attendance: present(7, 8, 9, 10), presenters: 2, actions_committed: 2, actions_reviewed: 0 },
    {
      id: 62,
      meets_on: '2026-11-05',
      recorded: true,
      attendance: [...present(7, 8, 9), { fellow_id: 10, mark: 'apologies' }],
      presenters: 1,
      actions_committed: 1,
      actions_reviewed: 2,
    },
    { id: 63, meets_on: '2027-01-14', recorded: false, attendance: [], presenters: 0, actions_committed: 0, actions_reviewed: 0 },
  ],
  ground_rules: 'What is said in the set stays in the set.\nListen; do not fix.',
  ground_rules_agreed_on: '2026-10-01',
  is_party: true,
  can_record: false,
  can_schedule: false,
  can_edit: false,
};

/** As faculty outside the set see it: figures, but not the set's own record. */
export const facultySetDetail: LearningSetDetail = { ...setDetail, ground_rules: null, is_party: false, can_schedule: true, can_edit: true };

/** As its facilitator sees it. */
export const facilitatorSetDetail: LearningSetDetail = { ...setDetail, can_record: true, can_schedule: true };

/** The November session, recorded, as a member reads it. */
export const recordedSession: SetSessionRecord = {
  id: 62,
  set_id: 51,
  set_name: 'Set A',
  meets_on: '2026-11-05',
  recorded: true,
  members: setMembers,
  attendance: setDetail.sessions[1].attendance,
  check_in: 'Tired but hopeful.',
  notes: 'We kept returning to permission to say no.',
  presenters: [
    {
      fellow_id: 7,
      fellow_name: 'Sam Fellow',
      bid_minutes: 20,
      presented: true,
      airtime_seconds: 1335,
      issue: 'My consultant body will not engage with discharge huddles.',
      feedback: 'Helped to hear what I was avoiding.',
      actions: [
        { id: 201, body: 'Ask the clinical director for ten minutes at the consultants meeting', review: null, review_note: '' },
        { id: 202, body: 'Shadow a huddle on another ward', review: null, review_note: '' },
      ],
    },
  ],
  previous_session: '2026-10-01',
  to_review: [
    { action_id: 101, fellow_name: 'Alex Doctor', body: 'Book a meeting with the rota lead', committed_on: '2026-10-01', review: 'done', review_note: 'Met twice.' },
    { action_id: 102, fellow_name: 'Priya Nurse', body: 'Write to the matron', committed_on: '2026-10-01', review: 'partly', review_note: '' },
  ],
  can_record: false,
};

/** The January session, not yet recorded, as the facilitator opens it. */
export const plannedSession: SetSessionRecord = {
  id: 63,
  set_id: 51,
  set_name: 'Set A',
  meets_on: '2027-01-14',
  recorded: false,
  members: setMembers,
  attendance: [],
  check_in: '',
  notes: '',
  presenters: [],
  previous_session: '2026-11-05',
  to_review: [
    { action_id: 201, fellow_name: 'Sam Fellow', body: recordedSession.presenters[0].actions[0].body, committed_on: '2026-11-05', review: null, review_note: '' },
    { action_id: 202, fellow_name: 'Sam Fellow', body: recordedSession.presenters[0].actions[1].body, committed_on: '2026-11-05', review: null, review_note: '' },
  ],
  can_record: true,
};

/** The set's first session, before anything was recorded. */
export const firstSession: SetSessionRecord = {
  ...plannedSession,
  id: 61,
  meets_on: '2026-10-01',
  previous_session: null,
  to_review: [],
};
