// Fellowship Challenges data shaped as the core sends it, for component tests.
import type { BoardPage, BoardRow, Challenge, ChallengeDetail, MeasureChart, Review, Rights, XmrPoint, XmrRule } from '$lib/api';

export const challenge: Challenge = {
  id: 11,
  fellow_id: 7,
  fellow_name: 'Sam Fellow',
  host_name: 'Leeds Teaching Hospitals',
  cohort_name: '2026/27',
  title: 'Reduce delayed discharges on the frailty ward',
  problem_statement: 'Older patients wait days for discharge once medically fit.',
  earlier_attempts: 'A discharge coordinator post was tried but not sustained.',
  nature: 'wicked',
  aim_quality: true,
  aim_population_health: false,
  aim_cost: true,
  stakeholders: 'Ward team, social care, community nursing.',
  involvement: 'Two carers sit on the project group.',
  proposal: {
    service_strategy: 'Home first.',
    evidence_base: 'Discharge to assess studies.',
    current_service: 'Strong ward team; weak links to social care.',
    patient_pathway: 'Daily board rounds with a discharge date set on day one.',
    patient_involvement: 'Carers’ survey.',
    support_of_others: 'Community nursing have agreed to join huddles.',
    outcomes_targets: 'Delayed discharges under 35 a week.',
    financial_implications: 'Half a band 6 post for six months.',
    efficiencies: 'Fewer bed days lost.',
  },
  status: 'in_progress',
  progress_tenths: 35,
  updated_at: '2026-11-20T10:00:00Z',
};

const editRights: Rights = { edit: true, comment: true, sign: false };

const signedReview: Review = {
  id: 31,
  kind: 'mid_year',
  version: 1,
  summary: 'Huddles started; delayed discharges falling.',
  statement: 'Good progress; the trust supports the next phase.',
  signed_name: 'Pat Sponsor',
  signed_at: '2027-02-10T15:00:00Z',
  locked: true,
};

const draftReview: Review = {
  id: 32,
  kind: 'mid_year',
  version: 2,
  summary: 'Updated after the March data.',
  statement: '',
  signed_name: null,
  signed_at: null,
  locked: false,
};

export const detail: ChallengeDetail = {
  challenge,
  rights: editRights,
  status_history: [
    { status: 'in_progress', note: 'Agreed at scoping', changed_by: 'Ada Lovelace', changed_at: '2026-10-01T09:00:00Z' },
    { status: 'draft', note: 'Challenge drafted', changed_by: 'Sam Fellow', changed_at: '2026-09-10T09:00:00Z' },
  ],
  progress: [{ score_tenths: 35, scored_on: '2026-11-20', reason: 'Sustained fall in delays.', set_by: 'Ada Lovelace' }],
  actions: [
    {
      id: 101,
      position: 1,
      action: 'Start daily discharge huddles',
      lead: 'Ward manager',
      due_date: '2026-10-01',
      status: 'done',
      resource_pence: null,
      overdue: false,
      notes: [{ noted_on: '2026-10-02', note: 'Running every weekday.', author: 'Sam Fellow' }],
    },
    {
      id: 102,
      position: 2,
      action: 'Agree a trusted assessor with social care',
      lead: 'Sam Fellow',
      due_date: '2026-11-01',
      status: 'in_progress',
      resource_pence: 125050,
      overdue: true,
      notes: [
        { noted_on: '2026-11-10', note: 'Draft agreement with the council.', author: 'Sam Fellow' },
        { noted_on: '2026-10-20', note: 'First meeting held.', author: 'Sam Fellow' },
      ],
    },
    {
      id: 103,
      position: 3,
      action: 'Audit weekend discharges',
      lead: 'Audit lead',
      due_date: null,
      status: 'not_started',
      resource_pence: 30000,
      overdue: false,
      notes: [],
    },
  ],
  milestones: [
    { kind: 'scoping_agreed', due_date: '2026-10-01', outcome_note: 'Agreed with the sponsor.' },
    { kind: 'mid_year_review', due_date: '2027-02-10', outcome_note: '' },
    { kind: 'end_of_year_review', due_date: null, outcome_note: '' },
    { kind: 'showcase', due_date: null, outcome_note: '' },
  ],
  measures: [
    {
      id: 21,
      name: 'Delayed discharges per week',
      unit: 'patients',
      direction: 'lower_is_better',
      frequency: 'weekly',
      decimals: 0,
      target: '35',
      point_count: 14,
      latest_verdict: 'improvement',
      assurance: 'inconsistent',
      improvement_signals: 7,
      concern_signals: 7,
    },
  ],
  pdsa_cycles: [
    {
      id: 41,
      measure_id: 21,
      title: 'Discharge huddle',
      plan: 'Ten-minute huddle at 9am.',
      do_notes: 'Ran for two weeks.',
      study: 'Fewer waits over the weekend.',
      act: 'Adopt.',
      start_date: '2026-10-26',
      end_date: '2026-11-09',
    },
  ],
  comments: [
    { author: 'Pat Sponsor', body: 'Pleased with the huddles.', created_at: '2026-11-21T12:00:00Z' },
    { author: 'Mo Mentor', body: 'Keep the council involved.', created_at: '2026-11-01T12:00:00Z' },
  ],
  reviews: [draftReview, signedReview],
};

/** The same challenge as its host sponsor sees it: no editing, may comment and sign. */
export const sponsorDetail: ChallengeDetail = { ...detail, rights: { edit: false, comment: true, sign: true } };

export const challenges: Challenge[] = [challenge];

export const boardRows: BoardRow[] = [
  {
    challenge_id: 11,
    title: challenge.title,
    fellow_name: 'Sam Fellow',
    host_name: 'Leeds Teaching Hospitals',
    status: 'in_progress',
    progress_tenths: 35,
    overdue_actions: 2,
    open_actions: 3,
    last_update: '2026-11-20T10:00:00Z',
    improvement_signals: 2,
    concern_signals: 1,
    latest_verdicts: ['improvement'],
  },
  {
    challenge_id: 12,
    title: 'Faster clinic letters',
    fellow_name: 'Alex Doctor',
    host_name: null,
    status: 'draft',
    progress_tenths: null,
    overdue_actions: 0,
    open_actions: 0,
    last_update: '2026-09-15T10:00:00Z',
    improvement_signals: 0,
    concern_signals: 0,
    latest_verdicts: [],
  },
];

/** The core's paging of a board: fifty a page, a page past the last giving the last. */
export function boardPage(rows: BoardRow[] = boardRows, page = 1): BoardPage {
  const last = Math.max(1, Math.ceil(rows.length / 50));
  const at = Math.min(Math.max(1, page), last);
  return { rows: rows.slice((at - 1) * 50, at * 50), total: rows.length, page: at, page_size: 50 };
}

const VALUES = [42, 45, 40, 44, 43, 46, 41, 36, 34, 33, 35, 32, 31, 33];

function weekly(i: number): string {
  const d = new Date(Date.UTC(2026, 8, 7 + i * 7));
  return d.toISOString().slice(0, 10);
}

const concern = (...rules: XmrRule[]): XmrPoint => ({
  segment: 0,
  signals: rules.map((rule) => ({ rule, verdict: 'concern' })),
  verdict: 'concern',
});
const improvement = (...rules: XmrRule[]): XmrPoint => ({
  segment: 0,
  signals: rules.map((rule) => ({ rule, verdict: 'improvement' })),
  verdict: 'improvement',
});

/**
 * Fourteen weeks of delayed discharges (lower is better): seven high weeks, then seven low
 * ones after the huddles started. The signals are as the core computes them for these values.
 */
export const measureChart: MeasureChart = {
  measure: detail.measures[0],
  points: VALUES.map((value, i) => ({ period: weekly(i), value })),
  run_chart: {
    median: 38,
    useful_observations: 14,
    runs: 2,
    runs_limits: [4, 12],
    signals: [
      { rule: 'shift', points: [0, 1, 2, 3, 4, 5, 6], verdict: 'concern' },
      { rule: 'shift', points: [7, 8, 9, 10, 11, 12, 13], verdict: 'improvement' },
      { rule: 'too_few_runs', points: [], verdict: 'neutral' },
    ],
  },
  xmr: {
    segments: [
      {
        start: 0,
        end: 14,
        mean: 38.214285714285715,
        mean_moving_range: 2.8461538461538463,
        upper: 45.785054945054945,
        lower: 30.643516483516485,
        upper_two_thirds: 43.2614652014652,
        lower_two_thirds: 33.16710622710623,
        trial: false,
        no_variation: false,
      },
    ],
    points: [
      concern('shift_of_seven'),
      concern('shift_of_seven', 'two_of_three_near_limit'),
      concern('shift_of_seven'),
      concern('shift_of_seven', 'two_of_three_near_limit'),
      concern('shift_of_seven'),
      concern('outside_limits', 'shift_of_seven', 'two_of_three_near_limit'),
      concern('shift_of_seven'),
      improvement('shift_of_seven'),
      improvement('shift_of_seven'),
      improvement('shift_of_seven', 'two_of_three_near_limit'),
      improvement('shift_of_seven'),
      improvement('shift_of_seven', 'two_of_three_near_limit'),
      improvement('shift_of_seven', 'two_of_three_near_limit'),
      improvement('shift_of_seven', 'two_of_three_near_limit'),
    ],
    assurance: 'inconsistent',
  },
  changes: [{ id: 51, change_date: '2026-10-26', label: 'Huddles start', rebase: false }],
  pdsa_cycles: [detail.pdsa_cycles[0]],
};

/** A short series with no signals and trial limits. */
export const quietChart: MeasureChart = {
  measure: { ...detail.measures[0], target: null, assurance: null, latest_verdict: null, point_count: 4 },
  points: [40, 41, 39, 40].map((value, i) => ({ period: weekly(i), value })),
  run_chart: { median: 40, useful_observations: 2, runs: 2, runs_limits: null, signals: [] },
  xmr: {
    segments: [
      {
        start: 0,
        end: 4,
        mean: 40,
        mean_moving_range: 1.3333,
        upper: 43.5467,
        lower: 36.4533,
        upper_two_thirds: 42.3644,
        lower_two_thirds: 37.6356,
        trial: true,
        no_variation: false,
      },
    ],
    points: [0, 1, 2, 3].map(() => ({ segment: 0, signals: [], verdict: null })),
    assurance: null,
  },
  changes: [],
  pdsa_cycles: [],
};
