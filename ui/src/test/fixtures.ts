// Data shaped as the core sends it, for component tests.
import type {
  Actor,
  AppStatus,
  Area,
  Cohort,
  CohortOverview,
  Fellow,
  FellowPage,
  FellowPickInput,
  FellowPicks,
  FellowProfile,
  HostOrg,
  HostPage,
  HostPickInput,
  HostPicks,
  InvitationSummary,
  IssuedInvitation,
  ReferenceData,
  UserSummary,
} from '$lib/api';

export const reference: ReferenceData = {
  professions: [
    { code: 'medicine', label: 'Medicine' },
    { code: 'nursing', label: 'Nursing' },
    { code: 'pharmacy', label: 'Pharmacy' },
  ],
  professional_bodies: [
    { code: 'GMC', label: 'GMC (General Medical Council)' },
    { code: 'NMC', label: 'NMC (Nursing and Midwifery Council)' },
  ],
  fellow_statuses: [
    { code: 'applicant', label: 'Applicant' },
    { code: 'active', label: 'Active' },
    { code: 'withdrawn', label: 'Withdrawn' },
  ],
  host_kinds: [{ code: 'nhs_trust', label: 'NHS trust' }],
  roles: [
    { code: 'faculty', label: 'Programme faculty' },
    { code: 'fellow', label: 'Fellow' },
    { code: 'host_sponsor', label: 'Host sponsor' },
    { code: 'mentor', label: 'Mentor or coach' },
  ],
  challenge_statuses: [
    { code: 'draft', label: 'Draft' },
    { code: 'agreed_with_host', label: 'Agreed with host' },
    { code: 'in_progress', label: 'In progress' },
    { code: 'closing', label: 'Closing' },
    { code: 'closed', label: 'Closed' },
  ],
  natures: [
    { code: 'wicked', label: 'Wicked' },
    { code: 'tame', label: 'Tame' },
  ],
  action_statuses: [
    { code: 'not_started', label: 'Not started' },
    { code: 'in_progress', label: 'In progress' },
    { code: 'done', label: 'Done' },
    { code: 'on_hold', label: 'On hold' },
  ],
  milestone_kinds: [
    { code: 'scoping_agreed', label: 'Scoping agreed' },
    { code: 'mid_year_review', label: 'Mid-year review' },
    { code: 'end_of_year_review', label: 'End-of-year review' },
    { code: 'showcase', label: 'Showcase' },
  ],
  frequencies: [
    { code: 'daily', label: 'Daily' },
    { code: 'weekly', label: 'Weekly' },
    { code: 'monthly', label: 'Monthly' },
    { code: 'quarterly', label: 'Quarterly' },
  ],
  directions: [
    { code: 'higher_is_better', label: 'Higher is better' },
    { code: 'lower_is_better', label: 'Lower is better' },
    { code: 'neither', label: 'Neither (no better direction)' },
  ],
  review_kinds: [
    { code: 'mid_year', label: 'Mid-year review' },
    { code: 'end_of_year', label: 'End-of-year review' },
  ],
  progress_scale: [
    { code: '0.5', label: '0.5 Intent to participate' },
    { code: '1.0', label: '1.0 Charter and team established' },
    { code: '1.5', label: '1.5 Planning for the project has begun' },
    { code: '2.0', label: '2.0 Activity, but no changes' },
    { code: '2.5', label: '2.5 Changes tested, but no improvement' },
    { code: '3.0', label: '3.0 Modest improvement' },
    { code: '3.5', label: '3.5 Improvement' },
    { code: '4.0', label: '4.0 Significant improvement' },
    { code: '4.5', label: '4.5 Sustainable improvement' },
    { code: '5.0', label: '5.0 Outstanding sustainable results' },
  ],
  relationship_kinds: [
    { code: 'workplace_mentor', label: 'Workplace mentor' },
    { code: 'coach', label: 'Coach' },
    { code: 'system_mentor', label: 'System mentor' },
  ],
  session_modes: [
    { code: 'in_person', label: 'In person' },
    { code: 'video', label: 'Video call' },
    { code: 'phone', label: 'Phone' },
  ],
  attendance_marks: [
    { code: 'present', label: 'Present' },
    { code: 'apologies', label: 'Sent apologies' },
    { code: 'absent', label: 'Absent' },
  ],
  action_reviews: [
    { code: 'done', label: 'Done' },
    { code: 'partly', label: 'Partly done' },
    { code: 'not_done', label: 'Not done' },
  ],
  rater_groups: [
    { code: 'line_manager', label: 'Line manager' },
    { code: 'peer', label: 'Peers' },
    { code: 'direct_report', label: 'Direct reports' },
    { code: 'other', label: 'Others' },
    { code: 'service_user', label: 'Service users and citizen partners' },
  ],
  round_kinds: [
    { code: 'baseline', label: 'Baseline (start of year)' },
    { code: 'end_of_year', label: 'End of year' },
  ],
  outcome_categories: [
    { code: 'career', label: 'Career' },
    { code: 'legacy', label: 'Challenge legacy' },
    { code: 'scholarly', label: 'Scholarly' },
    { code: 'survey', label: 'Survey item' },
  ],
  outcome_value_types: [
    { code: 'text', label: 'Text' },
    { code: 'count', label: 'A count (0 or more)' },
    { code: 'yes_no', label: 'Yes or no' },
    { code: 'choice', label: 'One of a list' },
    { code: 'scale', label: 'A point on a scale' },
  ],
  kirkpatrick_levels: [
    { code: '1', label: '1 Reaction' },
    { code: '2a', label: '2A Attitudes' },
    { code: '2b', label: '2B Knowledge and skills' },
    { code: '3', label: '3 Behaviour' },
    { code: '3b', label: '3B Learner achievements' },
    { code: '4a', label: '4A Organisational change' },
    { code: '4b', label: '4B Patient outcomes' },
  ],
  follow_up_states: [
    { code: 'upcoming', label: 'Not due yet' },
    { code: 'due', label: 'Due' },
    { code: 'overdue', label: 'Overdue' },
    { code: 'done', label: 'Done' },
  ],
};

export const faculty: Actor = { user_id: 1, name: 'Ada Lovelace', email: 'ada@nhs.net', role: 'faculty', fellow_id: null, host_id: null };
export const fellowUser: Actor = { user_id: 2, name: 'Sam Fellow', email: 'sam@nhs.net', role: 'fellow', fellow_id: 7, host_id: null };
export const sponsorUser: Actor = { user_id: 3, name: 'Pat Sponsor', email: 'pat@nhs.net', role: 'host_sponsor', fellow_id: null, host_id: 5 };
export const mentorUser: Actor = { user_id: 4, name: 'Mo Mentor', email: 'mo@nhs.net', role: 'mentor', fellow_id: null, host_id: 5 };

/** The core's `access::areas`, as the tests' stand-in core answers them. */
export const AREAS: Record<Actor['role'], Area[]> = {
  faculty: ['today', 'fellows', 'challenges', 'shared_reflections', 'mentoring', 'sets', 'feedback', 'outcomes', 'cohorts', 'hosts', 'users', 'programme', 'privacy', 'audit'],
  fellow: ['today', 'profile', 'challenges', 'reflections', 'mentoring', 'sets', 'feedback'],
  host_sponsor: ['today', 'fellows', 'challenges', 'shared_reflections', 'feedback', 'cohorts', 'hosts'],
  mentor: ['today', 'fellows', 'challenges', 'shared_reflections', 'mentoring', 'sets', 'cohorts', 'hosts'],
};

export function status(user: Actor | null, extra: Partial<AppStatus> = {}): AppStatus {
  return {
    areas: user ? AREAS[user.role] : [],
    time_zone: 'Europe/London',
    needs_setup: false,
    locked: false,
    encrypted: false,
    in_demo: false,
    demo_available: true,
    user,
    programme: { id: 1, name: 'North West Fellows', description: '' },
    second_step: null,
    org_sign_in: null,
    ...extra,
  };
}

export const cohorts: Cohort[] = [
  { id: 3, name: '2026/27', start_date: '2026-09-01', end_date: '2027-08-31', fellow_count: 2 },
];

export const hosts: HostOrg[] = [
  {
    id: 5,
    name: 'Leeds Teaching Hospitals',
    kind: 'nhs_trust',
    ods_code: 'RR8',
    region: 'North East and Yorkshire',
    sponsor_name: 'Pat Sponsor',
    sponsor_email: 'pat@nhs.net',
    mentor_name: 'Mo Mentor',
    mentor_email: 'mo@nhs.net',
    fellow_count: 1,
  },
];

export const fellows: Fellow[] = [
  {
    id: 7,
    name: 'Sam Fellow',
    profession: 'nursing',
    professional_body: 'NMC',
    registration_number: '12A3456B',
    email: 'sam@nhs.net',
    cohort_id: 3,
    cohort_name: '2026/27',
    host_id: 5,
    host_name: 'Leeds Teaching Hospitals',
    status: 'active',
  },
  {
    id: 8,
    name: 'Alex Doctor',
    profession: 'medicine',
    professional_body: 'GMC',
    registration_number: '7123456',
    email: 'alex@nhs.net',
    cohort_id: 3,
    cohort_name: '2026/27',
    host_id: null,
    host_name: null,
    status: 'applicant',
  },
];

/** The core's paging of host organisations: fifty a page, a page past the last giving the last. */
export function hostsPage(list: HostOrg[] = hosts, page = 1): HostPage {
  const last = Math.max(1, Math.ceil(list.length / 50));
  const at = Math.min(Math.max(1, page), last);
  return { hosts: list.slice((at - 1) * 50, at * 50), total: list.length, page: at, page_size: 50 };
}

/** A list of fellows as the core sends it a page at a time: here all on page one. */
export function fellowsPage(list: Fellow[] = fellows): FellowPage {
  return { fellows: list, total: list.length, page: 1, page_size: 50 };
}

const finished = (f: Fellow) => f.status === 'completed' || f.status === 'withdrawn';
const like = (search: string | null, ...texts: (string | null)[]) =>
  !search || texts.some((t) => (t ?? '').toLowerCase().includes(search.toLowerCase()));

/** The core's fellow picker over `list`: the first fifty by name matching the search (the
 * finished only if asked for), how many match, and the chosen fellow kept. */
export function fellowPicks(list: Fellow[] = fellows) {
  return ({ search, include_finished, chosen }: FellowPickInput): FellowPicks => {
    const found = list.filter((f) => like(search, f.name, f.email, f.registration_number));
    const offered = found.filter((f) => include_finished || !finished(f)).sort((a, b) => a.name.localeCompare(b.name));
    const first = offered.slice(0, 50);
    const kept = list.find((f) => f.id === chosen && !first.includes(f));
    return { fellows: kept ? [...first, kept] : first, matching: offered.length, finished: found.filter(finished).length, limit: 50 };
  };
}

/** The core's host organisation picker over `list`, as `fellowPicks`. */
export function hostPicks(list: HostOrg[] = hosts) {
  return ({ search, chosen }: HostPickInput): HostPicks => {
    const found = list.filter((h) => like(search, h.name, h.region, h.ods_code));
    const first = found.slice(0, 50);
    const kept = list.find((h) => h.id === chosen && !first.includes(h));
    return { hosts: kept ? [...first, kept] : first, matching: found.length, limit: 50 };
  };
}

/** A fellow of an earlier cohort who has completed: left out of pickers unless asked for. */
export const completedFellow: Fellow = {
  ...fellows[0],
  id: 9,
  name: 'Sam Fellow',
  email: 'sam.fellow@nhs.net',
  cohort_id: 2,
  cohort_name: '2025/26',
  host_id: 6,
  host_name: 'Barts Health',
  status: 'completed',
};

export const profile: FellowProfile = {
  fellow: fellows[0],
  history: [
    { status: 'active', effective_date: '2026-09-01', note: 'Started', changed_by: 'Ada Lovelace', changed_at: '2026-09-01T09:00:00' },
    { status: 'applicant', effective_date: '2026-05-01', note: '', changed_by: null, changed_at: '2026-05-01T09:00:00' },
  ],
};

export const overview: CohortOverview = {
  cohort: cohorts[0],
  by_status: [
    { key: 'active', count: 1 },
    { key: 'applicant', count: 1 },
  ],
  by_profession: [
    { key: 'medicine', count: 1 },
    { key: 'nursing', count: 1 },
  ],
  by_host_profession: [
    { host_id: 5, host_name: 'Leeds Teaching Hospitals', profession: 'nursing', count: 1 },
    { host_id: null, host_name: 'No host yet', profession: 'medicine', count: 1 },
  ],
  hosts: 2,
  page: 1,
  page_size: 50,
};

export const users: UserSummary[] = [
  { id: 1, name: 'Ada Lovelace', email: 'ada@nhs.net', role: 'faculty', fellow_id: null, host_id: null, disabled: false, password_fallback: false, org_linked: false },
  { id: 2, name: 'Sam Fellow', email: 'sam@nhs.net', role: 'fellow', fellow_id: 7, host_id: null, disabled: false, password_fallback: false, org_linked: false },
];

/** Sign-up links, newest first, one in each state. */
export const invitations: InvitationSummary[] = [
  {
    id: 3,
    email: 'new.mentor@nhs.net',
    role: 'mentor',
    created_at: '2026-11-20T10:00:00Z',
    expires_at: '2026-12-04T10:00:00Z',
    used_at: null,
    state: 'open',
  },
  {
    id: 2,
    email: 'sam@nhs.net',
    role: 'fellow',
    created_at: '2026-09-01T09:00:00Z',
    expires_at: '2026-09-15T09:00:00Z',
    used_at: '2026-09-02T08:30:00Z',
    state: 'used',
  },
  {
    id: 1,
    email: 'late@nhs.net',
    role: 'faculty',
    created_at: '2026-06-01T09:00:00Z',
    expires_at: '2026-06-15T09:00:00Z',
    used_at: null,
    state: 'expired',
  },
];

export const issuedInvitation: IssuedInvitation = {
  id: 4,
  email: 'pat.new@nhs.net',
  token: 'q7Xv3kP9_zL2mN8-aB4cD6eF1gH5jK0rS2tU9wY3xZc',
  expires_at: '2026-12-10T10:00:00Z',
  emailed: false,
};
