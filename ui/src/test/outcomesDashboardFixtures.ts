// Outcomes dashboard and settings data shaped as the core sends it, for component tests.
// Cohort 2025/26 (id 2) is a year older than 2026/27 (id 3), so more waves have fallen due.
import type { Dashboard, OutcomeMeasure, ReferenceData, Wave } from '$lib/api';
import type { Handlers } from './fakeCore';
import { cohorts, reference } from './fixtures';

/** The shared reference data, which carries the outcome lists too. */
export const outcomesReference: ReferenceData = reference;

export const outcomeCohorts = [{ id: 2, name: '2025/26', start_date: '2025-09-01', end_date: '2026-08-31', fellow_count: 8 }, ...cohorts];

export const waves: Wave[] = [
  { id: 1, name: 'End of year', months_after: 0, window_days: 60, survey_url: '' },
  { id: 2, name: 'One year on', months_after: 12, window_days: 90, survey_url: '' },
];

export const measures: OutcomeMeasure[] = [
  {
    id: 4,
    code: 'leadership_roles',
    name: 'Formal leadership roles held',
    category: 'career',
    value_type: 'count',
    choices: [],
    scale_points: null,
    scale_low: '',
    scale_high: '',
    kirkpatrick: '3',
    retired: false,
  },
  {
    id: 5,
    code: 'challenge_legacy',
    name: "The challenge's change",
    category: 'legacy',
    value_type: 'choice',
    choices: [
      { code: 'sustained', label: 'Sustained' },
      { code: 'spread', label: 'Sustained and spread to other sites' },
      { code: 'abandoned', label: 'Abandoned' },
    ],
    scale_points: null,
    scale_low: '',
    scale_high: '',
    kirkpatrick: '4a',
    retired: false,
  },
  {
    id: 11,
    code: 'worthwhile',
    name: 'The programme was worthwhile',
    category: 'survey',
    value_type: 'scale',
    choices: [],
    scale_points: 5,
    scale_low: 'Strongly disagree',
    scale_high: 'Strongly agree',
    kirkpatrick: '1',
    retired: true,
  },
];

/** Every figure shown, as faculty see them. */
export const dashboard: Dashboard = {
  small_cell: 5,
  suppressed: false,
  response_rates: [
    { wave_id: 1, wave_name: 'End of year', cohort_id: 2, cohort_name: '2025/26', due: 8, responded: 6 },
    { wave_id: 1, wave_name: 'End of year', cohort_id: 3, cohort_name: '2026/27', due: 4, responded: 3 },
    { wave_id: 2, wave_name: 'One year on', cohort_id: 2, cohort_name: '2025/26', due: 8, responded: 4 },
  ],
  response_totals: [
    { wave_id: 1, wave_name: 'End of year', due: 12, responded: 9 },
    { wave_id: 2, wave_name: 'One year on', due: 8, responded: 4 },
  ],
  survey: [
    { measure_code: 'worthwhile', measure_name: 'The programme was worthwhile', wave_id: 1, wave_name: 'End of year', answered: 9, agreeing: 8 },
    { measure_code: 'worthwhile', measure_name: 'The programme was worthwhile', wave_id: 2, wave_name: 'One year on', answered: 4, agreeing: 3 },
  ],
  leadership: [
    { wave_id: 1, wave_name: 'End of year', months_after: 0, answered: 9, holding: 3 },
    { wave_id: 2, wave_name: 'One year on', months_after: 12, answered: 4, holding: 2 },
  ],
  legacy: [
    { by: 'cohort', group: '2025/26', answered: 6, sustained: 3, spread: 2, abandoned: 1 },
    { by: 'cohort', group: '2026/27', answered: 3, sustained: 1, spread: 0, abandoned: 2 },
    { by: 'profession', group: 'Medicine', answered: 5, sustained: 2, spread: 1, abandoned: 2 },
    { by: 'profession', group: 'Nursing', answered: 4, sustained: 2, spread: 1, abandoned: 1 },
    { by: 'host', group: 'Leeds Teaching Hospitals', answered: 9, sustained: 4, spread: 2, abandoned: 3 },
    { by: 'all', group: 'All alumni', answered: 9, sustained: 4, spread: 2, abandoned: 3 },
  ],
};

/**
 * Figures prepared for sharing, as the core's disclosure control leaves them (for a programme a
 * little larger than the one above): no count of 1 to 4, nor any that would give one away.
 */
export const sharedDashboard: Dashboard = {
  small_cell: 5,
  suppressed: true,
  response_rates: [
    { wave_id: 1, wave_name: 'End of year', cohort_id: 2, cohort_name: '2025/26', due: null, responded: null },
    { wave_id: 1, wave_name: 'End of year', cohort_id: 3, cohort_name: '2026/27', due: null, responded: null },
    { wave_id: 2, wave_name: 'One year on', cohort_id: 2, cohort_name: '2025/26', due: 10, responded: 5 },
  ],
  response_totals: [
    { wave_id: 1, wave_name: 'End of year', due: 14, responded: 8 },
    { wave_id: 2, wave_name: 'One year on', due: 10, responded: 5 },
  ],
  survey: dashboard.survey.map((s) => ({ ...s, answered: null, agreeing: null })),
  leadership: dashboard.leadership.map((l) => ({ ...l, answered: null, holding: null })),
  legacy: [
    { by: 'cohort', group: '2025/26', answered: null, sustained: null, spread: null, abandoned: null },
    { by: 'cohort', group: '2026/27', answered: null, sustained: null, spread: null, abandoned: null },
    { by: 'profession', group: 'Medicine', answered: 8, sustained: null, spread: null, abandoned: null },
    { by: 'profession', group: 'Nursing', answered: 5, sustained: null, spread: 0, abandoned: null },
    { by: 'host', group: 'Leeds Teaching Hospitals', answered: 13, sustained: 6, spread: null, abandoned: null },
    { by: 'all', group: 'All alumni', answered: 13, sustained: 6, spread: null, abandoned: null },
  ],
};

/** Handlers for both pages, for the accessibility checks. */
export const outcomesDashboardHandlers: Handlers = {
  outcomes_dashboard: ({ for_sharing }) => (for_sharing ? sharedDashboard : dashboard),
  list_outcome_waves: () => waves,
  list_outcome_measures: () => measures,
};
