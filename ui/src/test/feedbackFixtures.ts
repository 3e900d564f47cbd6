// 360° feedback data shaped as the core sends it, for component tests. Cohort 2026/27 has an
// open baseline round (41) and a closed end-of-year round (42).
import type {
  Actor,
  CohortFeedback,
  FellowProgress,
  IssuedCode,
  MyRound,
  Nomination,
  Round,
  RoundProgress,
  SelfAssessment,
  SharedReport,
} from '$lib/api';
import { apiError, type Handlers } from './fakeCore';
import { scale } from './feedbackReportFixtures';
import { frameworkDetails, frameworkInvalid, frameworks } from './frameworkFixtures';

const minimums: Round['minimums'] = [
  { group: 'line_manager', minimum: 1 },
  { group: 'peer', minimum: 3 },
  { group: 'direct_report', minimum: 3 },
  { group: 'other', minimum: 3 },
  { group: 'service_user', minimum: 3 },
];

export const openRound: Round = {
  id: 41,
  cohort_id: 3,
  cohort_name: '2026/27',
  framework_id: 1,
  framework_name: 'Healthcare Leadership Model (NHS Leadership Academy)',
  kind: 'baseline',
  opens_on: '2026-10-01',
  closes_on: '2026-11-15',
  closed: false,
  minimums,
  overall_minimum: 4,
  groups_required: 2,
  line_manager_required: false,
};

export const closedRound: Round = { ...openRound, id: 42, kind: 'end_of_year', opens_on: '2027-06-01', closes_on: '2027-07-15', closed: true };

export const rounds: Round[] = [closedRound, openRound];

function groups(counts: Record<string, [number, number]>): FellowProgress['groups'] {
  return minimums.map(({ group, minimum }) => ({ group, minimum, nominated: counts[group]?.[0] ?? 0, responses: counts[group]?.[1] ?? 0 }));
}

export const progress: RoundProgress = {
  round: openRound,
  fellows: [
    {
      fellow_id: 8,
      fellow_name: 'Alex Doctor',
      self_submitted: true,
      groups: groups({ line_manager: [1, 1], peer: [4, 3], direct_report: [3, 3] }),
      failing: [],
      report: null,
    },
    {
      fellow_id: 7,
      fellow_name: 'Sam Fellow',
      self_submitted: false,
      groups: groups({ line_manager: [1, 0], peer: [2, 2] }),
      failing: [
        { rule: 'self_assessment', message: 'The fellow has not completed the self-assessment.' },
        { rule: 'overall_minimum', message: '2 of the 4 responses needed from others were received.' },
      ],
      report: null,
    },
  ],
  total: 2,
  page: 1,
  page_size: 50,
  reminders: [{ fellow_id: 7, fellow_name: 'Sam Fellow', rater_name: 'Lee Manager', rater_email: 'lee@nhs.net', group: 'line_manager' }],
  waiting: 1,
};

export const closedProgress: RoundProgress = {
  round: closedRound,
  fellows: [
    { ...progress.fellows[0], report: { reviewed: true, released: true, shared_with_host: false } },
    { ...progress.fellows[1], report: null },
  ],
  total: 2,
  page: 1,
  page_size: 50,
  reminders: [],
  waiting: 0,
};

export const nominations: Nomination[] = [
  { id: 61, fellow_id: 7, rater_group: 'line_manager', rater_name: 'Lee Manager', rater_email: 'lee@nhs.net', invited: true },
  { id: 62, fellow_id: 7, rater_group: 'peer', rater_name: 'Pip Peer', rater_email: 'pip@nhs.net', invited: false },
];

export const issuedCodes: IssuedCode[] = [
  { nomination_id: 62, fellow_name: 'Sam Fellow', rater_name: 'Pip Peer', rater_email: 'pip@nhs.net', rater_group: 'peer', code: 'K7Q2M9X4P3B8N6R1T5W0Y2Z4C7D9F1G3H5J8L0V6', emailed: false },
];

export const selfAssessment: SelfAssessment = {
  round: openRound,
  questions: {
    dimensions: [
      {
        id: 1,
        name: 'Inspiring shared purpose',
        description: 'Valuing a service ethos, curious about how to improve services and patient care.',
        statements: ['Acts on the values of the NHS.', 'Takes a stand for patients.'],
      },
      { id: 2, name: 'Leading with care', description: 'Having the essential personal qualities for leaders in health.', statements: [] },
    ],
    scale,
    allows_not_observed: true,
  },
  answers: [],
  submitted: false,
};

export const myRounds: MyRound[] = [
  { round: closedRound, self_submitted: true, nominated: 6, report_released: true, shared_with_host: false },
  { round: openRound, self_submitted: false, nominated: 2, report_released: false, shared_with_host: false },
];

export const sharedReports: SharedReport[] = [
  { round_id: 42, round_kind: 'end_of_year', cohort_name: '2026/27', fellow_id: 7, fellow_name: 'Sam Fellow' },
];

export const cohortFeedback: CohortFeedback = {
  cohort_id: 3,
  small_cell: 5,
  dimensions: [
    {
      dimension_id: 1,
      name: 'Inspiring shared purpose',
      baseline: { fellows: 6, others_mean_hundredths: 262, self_mean_hundredths: 283 },
      end_of_year: { fellows: 5, others_mean_hundredths: 307, self_mean_hundredths: 300 },
    },
    {
      dimension_id: 2,
      name: 'Leading with care',
      baseline: { fellows: 6, others_mean_hundredths: 315, self_mean_hundredths: 250 },
      end_of_year: null,
    },
  ],
};

const invalid = apiError('validation', 'There are problems with what you entered.', [
  { field: 'cohort_id', message: 'Choose the cohort.' },
  { field: 'framework_id', message: 'Choose a current framework (not one replaced by a newer version).' },
  { field: 'kind', message: 'Choose baseline or end of year.' },
  { field: 'opens_on', message: 'Enter the opening date.' },
  { field: 'closes_on', message: 'The closing date must be after the opening date.' },
  { field: 'minimums.peer', message: 'Enter a whole number from 1 to 20.' },
  { field: 'overall_minimum', message: 'Enter a whole number from 1 to 50.' },
  { field: 'fellow_id', message: 'Choose the fellow.' },
  { field: 'rater_group', message: "Choose the rater's group." },
  { field: 'rater_email', message: "Enter the rater's email address, like name@nhs.net." },
  { field: 'answers.1', message: 'Rate "Inspiring shared purpose".' },
]);

/**
 * The feedback commands as the app-wide tests need them, for whoever is signed in: reads answer
 * with the fixtures, saves fail with errors for every form field (codes are issued).
 */
export function feedbackHandlers(user: Actor): Handlers {
  return {
    open_feedback_round: () => Promise.reject(invalid),
    nominate_rater: () => Promise.reject(invalid),
    save_self_assessment: () => Promise.reject(invalid),
    issue_invitation_codes: () => issuedCodes,
    list_frameworks: () => frameworks,
    get_framework: ({ id }) => frameworkDetails[id] ?? Promise.reject(apiError('not_found', 'That framework does not exist.')),
    save_framework: () => Promise.reject(frameworkInvalid),
    list_feedback_rounds: () => rounds,
    feedback_round_progress: ({ id }) => (id === 42 ? closedProgress : progress),
    list_nominations: () => nominations,
    get_self_assessment: () => selfAssessment,
    my_feedback: () => (user.role === 'fellow' ? myRounds : []),
    shared_feedback_reports: () => (user.role === 'host_sponsor' ? sharedReports : []),
    cohort_feedback: () => cohortFeedback,
  };
}
