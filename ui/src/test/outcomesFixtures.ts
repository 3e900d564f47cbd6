// Alumni outcomes data shaped as the core sends it, for component tests. Cohort 2025/26 has
// finished its year; its alumni are followed up in the waves below.
import type { FollowUp, ImportPreview, OutcomeMeasure, OutcomeResponse, Wave } from '$lib/api';
import { apiError, type Handlers } from './fakeCore';

export const waves: Wave[] = [
  { id: 1, name: 'End of year', months_after: 0, window_days: 60, survey_url: '' },
  { id: 2, name: '1 year after', months_after: 12, window_days: 90, survey_url: '' },
  { id: 3, name: '3 years after', months_after: 36, window_days: 120, survey_url: '' },
];

const measure = (m: Partial<OutcomeMeasure> & Pick<OutcomeMeasure, 'id' | 'code' | 'name'>): OutcomeMeasure => ({
  category: 'career',
  value_type: 'text',
  choices: [],
  scale_points: null,
  scale_low: '',
  scale_high: '',
  kirkpatrick: '3b',
  retired: false,
  ...m,
});

/** One measure of each kind, in the core's order, and two retired ones. */
export const measures: OutcomeMeasure[] = [
  measure({ id: 1, code: 'current_role', name: 'Current role' }),
  measure({ id: 4, code: 'leadership_roles', name: 'Formal leadership roles held', value_type: 'count', kirkpatrick: '3' }),
  measure({ id: 13, code: 'old_role_question', name: 'Role before the fellowship', retired: true }),
  measure({
    id: 5,
    code: 'challenge_legacy',
    name: 'The challenge’s change',
    category: 'legacy',
    value_type: 'choice',
    kirkpatrick: '4a',
    choices: [
      { code: 'sustained', label: 'Sustained' },
      { code: 'spread', label: 'Sustained and spread to other sites' },
      { code: 'abandoned', label: 'Abandoned' },
    ],
  }),
  measure({ id: 10, code: 'further_study', name: 'Further study', category: 'scholarly', value_type: 'yes_no' }),
  measure({ id: 14, code: 'posters', name: 'Posters', category: 'scholarly', value_type: 'count', retired: true }),
  measure({
    id: 11,
    code: 'worthwhile',
    name: 'The programme was worthwhile',
    category: 'survey',
    value_type: 'scale',
    scale_points: 5,
    scale_low: 'Strongly disagree',
    scale_high: 'Strongly agree',
    kirkpatrick: '1',
  }),
];

export const followUp: FollowUp = {
  wave: waves[1],
  rows: [
    { fellow_id: 21, fellow_name: 'Priya Nurse', cohort_name: '2025/26', due_on: '2026-08-31', state: 'done', responded_on: '2026-09-14' },
    { fellow_id: 22, fellow_name: 'Sam Fellow', cohort_name: '2025/26', due_on: '2026-08-31', state: 'due', responded_on: null },
    { fellow_id: 23, fellow_name: 'Alex Doctor', cohort_name: '2024/25', due_on: '2025-08-31', state: 'overdue', responded_on: null },
  ],
  total: 3,
  page: 1,
  page_size: 50,
  upcoming: 0,
  due: 1,
  overdue: 1,
  done: 1,
};

export const endOfYearFollowUp: FollowUp = {
  wave: waves[0],
  rows: [{ fellow_id: 24, fellow_name: 'Kim Physio', cohort_name: '2026/27', due_on: '2027-08-31', state: 'upcoming', responded_on: null }],
  total: 1,
  page: 1,
  page_size: 50,
  upcoming: 1,
  due: 0,
  overdue: 0,
  done: 0,
};

/** Sam Fellow, not yet answered in "1 year after". */
export const newResponse: OutcomeResponse = {
  fellow_id: 22,
  fellow_name: 'Sam Fellow',
  wave: waves[1],
  responded_on: null,
  source: null,
  measures,
  answers: [],
};

/** Priya Nurse's imported answers, one of them to a measure since retired. */
export const importedResponse: OutcomeResponse = {
  ...newResponse,
  fellow_id: 21,
  fellow_name: 'Priya Nurse',
  responded_on: '2026-09-14',
  source: 'imported',
  answers: [
    { measure_id: 1, value: 'Associate director of nursing' },
    { measure_id: 13, value: 'Ward sister' },
    { measure_id: 5, value: 'spread' },
    { measure_id: 10, value: 'no' },
    { measure_id: 11, value: '4' },
  ],
};

export const csv = 'Email,Submitted,Current role,Worthwhile\nsam@nhs.net,2026-09-20,Matron,5\nnobody@nhs.net,2026-09-21,Consultant,9\n';

const targets = [
  { value: '', label: 'Ignore this column' },
  { value: 'fellow_email', label: 'Alumnus: email address' },
  { value: 'registration_number', label: 'Alumnus: registration number' },
  { value: 'responded_on', label: 'Date of the response' },
  { value: 'measure:current_role', label: 'Current role' },
  { value: 'measure:worthwhile', label: 'The programme was worthwhile' },
];

/** The first check: the core's suggested mapping, with two problems on line 3. */
export const previewWithProblems: ImportPreview = {
  columns: ['Email', 'Submitted', 'Current role', 'Worthwhile'],
  mapping: [
    { column: 'Email', target: 'fellow_email' },
    { column: 'Submitted', target: 'responded_on' },
    { column: 'Current role', target: 'measure:current_role' },
    { column: 'Worthwhile', target: '' },
  ],
  targets,
  rows: 2,
  replaces: 1,
  problems: [
    { line: 3, column: 'Email', message: 'No fellow has the email "nobody@nhs.net".' },
    { line: 1, column: '', message: 'Map one column to the alumnus’s email address or registration number.' },
  ],
};

/** After mapping "Worthwhile" and fixing the file: ready to import. */
export const cleanPreview: ImportPreview = {
  ...previewWithProblems,
  mapping: previewWithProblems.mapping.map((m) => (m.column === 'Worthwhile' ? { ...m, target: 'measure:worthwhile' } : m)),
  problems: [],
};

export const refusal = apiError('validation', 'Nothing was imported: 1 problem in survey.csv. Line 3, column "Email": No fellow has the email "nobody@nhs.net".', [
  { field: 'csv', message: 'Nothing was imported: 1 problem in survey.csv. Line 3, column "Email": No fellow has the email "nobody@nhs.net".' },
]);

export const responseInvalid = apiError('validation', 'There are 2 problems with what you entered.', [
  { field: 'responded_on', message: 'The response date cannot be in the future.' },
  { field: 'answers.4', message: '"lots" is not a whole number of 0 or more.' },
]);

/** The outcome commands, for pages rendered inside the whole app. */
export function outcomesHandlers(): Handlers {
  return {
    list_outcome_waves: () => waves,
    list_outcome_measures: () => measures,
    outcome_follow_up: ({ wave_id }) => (wave_id === 1 ? endOfYearFollowUp : followUp),
    get_outcome_response: ({ fellow_id }) => (fellow_id === 21 ? importedResponse : newResponse),
    save_outcome_response: () => Promise.reject(responseInvalid),
    preview_outcome_import: ({ mapping }) => (mapping.length ? cleanPreview : previewWithProblems),
    import_outcomes: () => ({ imported: 2, replaced: 1 }),
  };
}
