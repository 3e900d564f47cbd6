// 360° report and rater-mode data shaped as the core sends it, for component tests. Sam Fellow's
// end-of-year round in cohort 2026/27: the line manager and peers are shown, direct reports
// (2 of the 3 needed) are dropped.
import type { FeedbackReport, Questionnaire, Receipt, Round, ScalePoint } from '$lib/api';

/** The Healthcare Leadership Model's scale, each level with what it means. */
export const scale: ScalePoint[] = [
  { value: 1, label: 'Essential', description: 'Shows this behaviour some of the time: the basics are in place.' },
  { value: 2, label: 'Proficient', description: 'Shows this behaviour reliably in their own work.' },
  { value: 3, label: 'Strong', description: 'Shows this behaviour consistently and helps the people around them do the same.' },
  {
    value: 4,
    label: 'Exemplary',
    description: 'Shows this behaviour in complex and difficult situations; a model for others across the organisation.',
  },
];

export const endOfYearRound: Round = {
  id: 71,
  cohort_id: 3,
  cohort_name: '2026/27',
  framework_id: 1,
  framework_name: 'Healthcare Leadership Model',
  kind: 'end_of_year',
  opens_on: '2027-06-01',
  closes_on: '2027-06-30',
  closed: true,
  minimums: [
    { group: 'line_manager', minimum: 1 },
    { group: 'peer', minimum: 3 },
    { group: 'direct_report', minimum: 3 },
    { group: 'other', minimum: 3 },
    { group: 'service_user', minimum: 3 },
  ],
  overall_minimum: 4,
  groups_required: 2,
  line_manager_required: false,
};

const cell = (ratings: number, mean_hundredths: number, spread: number[]) => ({ ratings, mean_hundredths, spread });

export const report: FeedbackReport = {
  round: endOfYearRound,
  fellow_id: 7,
  fellow_name: 'Sam Fellow',
  reviewed: false,
  released: false,
  shared_with_host: false,
  failures: [],
  scale,
  shown_groups: [
    { group: 'line_manager', responses: 1, minimum: 1 },
    { group: 'peer', responses: 4, minimum: 3 },
  ],
  dropped_groups: [{ group: 'direct_report', responses: 2, minimum: 3 }],
  line_manager_shown: true,
  dimensions: [
    {
      dimension_id: 1,
      name: 'Inspiring shared purpose',
      self_rating: 2,
      groups: [
        { group: 'line_manager', cell: cell(1, 300, [0, 0, 1, 0]) },
        { group: 'peer', cell: cell(4, 325, [0, 1, 1, 2]) },
      ],
      all_raters: cell(5, 320, [0, 1, 2, 2]),
      self_importance: 4,
      others_importance: cell(4, 350, [0, 0, 2, 2]),
      change: { self_before: 2, others_before_hundredths: 280, others_change_hundredths: 40 },
    },
    {
      dimension_id: 2,
      name: 'Engaging the team',
      self_rating: 3,
      // Two peers said "not observed": the peers' cell is withheld.
      groups: [
        { group: 'line_manager', cell: cell(1, 200, [0, 1, 0, 0]) },
        { group: 'peer', cell: null },
      ],
      all_raters: cell(1, 200, [0, 1, 0, 0]),
      self_importance: null,
      others_importance: null,
      change: { self_before: 3, others_before_hundredths: null, others_change_hundredths: null },
    },
  ],
  comments: [
    { group: 'line_manager', text: 'Sam chairs the huddle well.' },
    { group: 'peer', text: 'Always makes time for the team.' },
    { group: 'peer', text: 'Could delegate more.' },
  ],
};

/** A baseline round that failed its rules: no figures at all. */
export const invalidReport: FeedbackReport = {
  ...report,
  round: { ...endOfYearRound, id: 70, kind: 'baseline', opens_on: '2026-09-01', closes_on: '2026-09-30' },
  failures: [
    { rule: 'overall_minimum', message: '2 of the 4 responses needed from others were received.' },
    { rule: 'group_mix', message: '1 rater group(s) reached their minimum; the round needs 2.' },
  ],
  shown_groups: [],
  dropped_groups: [],
  line_manager_shown: false,
  dimensions: [],
  comments: [],
};

export const questionnaire: Questionnaire = {
  fellow_name: 'Sam Fellow',
  round_kind: 'end_of_year',
  closes_on: '2027-06-30',
  rater_group: 'peer',
  not_anonymous: false,
  questions: {
    dimensions: [
      {
        id: 1,
        name: 'Inspiring shared purpose',
        description: 'Valuing a service ethos and curious about how to improve services.',
        statements: ['Acts on values.', 'Takes personal risks to improve services.'],
      },
      { id: 2, name: 'Engaging the team', description: 'Involving individuals and demonstrating the value of their contributions.', statements: [] },
    ],
    scale,
    allows_not_observed: true,
  },
};

export const lineManagerQuestionnaire: Questionnaire = { ...questionnaire, rater_group: 'line_manager', not_anonymous: true };

export const receipt: Receipt = {
  message: 'Thank you. Your feedback has been recorded and your code can no longer be used.',
};

export const CODE = '7K3QX-9M2PA-ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567';
