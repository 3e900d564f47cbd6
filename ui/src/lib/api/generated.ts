// Generated from the Rust core by `fellowship typescript`. Do not edit by hand.

export type About = { version: string, 
/**
 * The log's folder on this computer (the desktop app); None in a browser, whose server
 * keeps its own log.
 */
log_folder: string | null, };

export type AcceptInput = { token: string, name: string, password: string, password_confirm: string, };

export type Action = { id: number, position: number, action: string, lead: string, due_date: string | null, status: ActionStatus, 
/**
 * Whole pence; None when the action needs no money.
 */
resource_pence: number | null, 
/**
 * Past its due date and not done.
 */
overdue: boolean, notes: Array<ActionNote>, };

export type ActionInput = { id: number | null, challenge_id: number, action: string, lead: string, 
/**
 * YYYY-MM-DD, or "" for no due date.
 */
due_date: string, status: string, 
/**
 * Pounds as typed ("£1,250.50", "300"), or "" for none.
 */
resource: string, };

export type ActionNote = { noted_on: string, note: string, author: string | null, };

export type ActionNoteInput = { challenge_id: number, action_id: number, noted_on: string, note: string, };

export type ActionReview = "done" | "partly" | "not_done";

export type ActionStatus = "not_started" | "in_progress" | "done" | "on_hold";

export type Actor = { user_id: number, name: string, email: string, role: Role, 
/**
 * For a fellow: their own fellow record.
 */
fellow_id: number | null, 
/**
 * For a host sponsor or mentor: their organisation.
 */
host_id: number | null, };

export type Answer = { dimension_id: number, 
/**
 * None: not observed (raters only).
 */
rating: number | null, importance: number | null, };

export type ApiError = { kind: ErrorKind, message: string, 
/**
 * The first field at fault, if any.
 */
field: string | null, 
/**
 * Every field at fault, so a form can mark them all at once.
 */
fields: Array<FieldError>, };

export type AppStatus = { 
/**
 * True until the first faculty account and programme exist.
 */
needs_setup: boolean, 
/**
 * The programme's data is encrypted and waits for its passphrase.
 */
locked: boolean, 
/**
 * The programme's data is encrypted at rest.
 */
encrypted: boolean, in_demo: boolean, 
/**
 * A demo programme can be opened here (the desktop app; not a programme server).
 */
demo_available: boolean, user: Actor | null, programme: Programme | null, 
/**
 * What the signed-in person may use, in navigation order (empty when nobody is).
 */
areas: Array<Area>, 
/**
 * The programme's time zone, in which every time is shown.
 */
time_zone: string, 
/**
 * The password was right; this second step comes before being signed in.
 */
second_step: SecondStepNeed | null, 
/**
 * Organisation sign-in is offered (None when it is off).
 */
org_sign_in: OrgSignInOffer | null, };

export type Area = "today" | "profile" | "fellows" | "challenges" | "reflections" | "shared_reflections" | "mentoring" | "sets" | "feedback" | "outcomes" | "cohorts" | "hosts" | "users" | "programme" | "privacy" | "audit";

export type Assurance = "pass" | "fail" | "inconsistent";

export type AttendanceEntry = { fellow_id: number, mark: AttendanceMark, };

export type AttendanceInput = { fellow_id: number, mark: string, };

export type AttendanceMark = "present" | "apologies" | "absent";

export type AuditEntry = { id: number, at: string, user_id: number | null, user_name: string, command: string, action: string, target: string, fellow_id: number | null, fellow_name: string | null, outcome: string, };

export type AuditFilter = { fellow_id: number | null, user_id: number | null, 
/**
 * "view", "change", "export" or "sign_in"; empty for all.
 */
action: string, };

export type BackupInfo = { file_name: string, 
/**
 * "daily", "manual" or "before_restore".
 */
kind: string, taken_at: string, size_bytes: number, };

export type BackupPreview = { file_name: string, taken_at: string | null, size_bytes: number, integrity: string, counts: Array<TableCount>, };

export type BackupRef = { file_name: string, };

export type BoardInput = { cohort_id: number, 
/**
 * Counting from 1; a page past the last gives the last.
 */
page: number, };

export type BoardPage = { rows: Array<BoardRow>, 
/**
 * Every challenge in the cohort, on all pages.
 */
total: number, 
/**
 * The page given, which may be nearer than the one asked for.
 */
page: number, page_size: number, };

export type BoardRow = { challenge_id: number, title: string, fellow_name: string, host_name: string | null, status: ChallengeStatus, progress_tenths: number | null, overdue_actions: number, open_actions: number, 
/**
 * The latest change to the challenge, its actions' notes or its measures' values.
 */
last_update: string, improvement_signals: number, concern_signals: number, 
/**
 * Measures whose latest point is a special cause, by verdict.
 */
latest_verdicts: Array<Verdict>, };

export type CalendarFeed = { 
/**
 * When the current address was made; None when there is none.
 */
created_at: string | null, };

export type Category = "career" | "legacy" | "scholarly" | "survey";

export type Cell = { ratings: number, mean_hundredths: number, spread: Array<number>, };

export type Challenge = { id: number, fellow_id: number, fellow_name: string, host_name: string | null, cohort_name: string, title: string, problem_statement: string, earlier_attempts: string, nature: Nature | null, aim_quality: boolean, aim_population_health: boolean, aim_cost: boolean, stakeholders: string, involvement: string, proposal: Proposal, status: ChallengeStatus, 
/**
 * The latest IHI progress score, in tenths (5 = 0.5 ... 50 = 5.0).
 */
progress_tenths: number | null, updated_at: string, };

export type ChallengeDetail = { challenge: Challenge, rights: Rights, status_history: Array<StatusChange>, progress: Array<ProgressScore>, actions: Array<Action>, milestones: Array<Milestone>, measures: Array<Measure>, pdsa_cycles: Array<Pdsa>, comments: Array<Comment>, reviews: Array<Review>, };

export type ChallengeFilter = { cohort_id: number | null, fellow_id: number | null, };

export type ChallengeInput = { id: number | null, fellow_id: number | null, title: string, problem_statement: string, earlier_attempts: string, 
/**
 * "wicked", "tame" or "" (not yet decided).
 */
nature: string, aim_quality: boolean, aim_population_health: boolean, aim_cost: boolean, stakeholders: string, involvement: string, proposal: Proposal, };

export type ChallengeRef = { id: number, title: string, };

export type ChallengeStatus = "draft" | "agreed_with_host" | "in_progress" | "closing" | "closed";

export type ChallengeStatusInput = { challenge_id: number, status: string, note: string, };

export type Change = { self_before: number | null, others_before_hundredths: number | null, 
/**
 * Others' mean now minus at baseline, in hundredths.
 */
others_change_hundredths: number | null, };

export type ChangePasswordInput = { current_password: string, new_password: string, new_password_confirm: string, };

export type ChartPoint = { period: string, value: number, };

export type Choice = { code: string, label: string, };

export type CodeEntry = { code: string, };

export type CodeInput = { code: string, };

export type CodeOption = { code: string, label: string, };

export type CodesInput = { 
/**
 * Codes just issued, as the issuing page holds them.
 */
codes: Array<string>, };

export type Cohort = { id: number, name: string, start_date: string, end_date: string, fellow_count: number, };

export type CohortDimension = { dimension_id: number, name: string, 
/**
 * None where the round has not closed or fewer than five fellows have a figure.
 */
baseline: CohortFigure | null, end_of_year: CohortFigure | null, };

export type CohortFeedback = { cohort_id: number, small_cell: number, dimensions: Array<CohortDimension>, };

export type CohortFigure = { 
/**
 * Fellows with a valid report in the round.
 */
fellows: number, 
/**
 * The mean over fellows of others' mean rating (all raters), in hundredths.
 */
others_mean_hundredths: number, self_mean_hundredths: number, };

export type CohortInput = { id: number | null, name: string, start_date: string, end_date: string, };

export type CohortOverview = { cohort: Cohort, by_status: Array<CountBy<FellowStatus>>, by_profession: Array<CountBy<Profession>>, 
/**
 * The counts by profession of the host organisations on this page, by host name (fellows
 * with no host first, as one row).
 */
by_host_profession: Array<HostProfessionCount>, 
/**
 * Rows of the breakdown by host on all pages (fellows with no host count as one).
 */
hosts: number, page: number, page_size: number, };

export type CohortOverviewInput = { id: number, 
/**
 * The page of host organisations, counting from 1; a page past the last gives the last.
 */
page: number, };

export type ColumnMapping = { column: string, 
/**
 * "fellow_email", "registration_number", "responded_on", "measure:<code>", or "" to ignore.
 */
target: string, };

export type Comment = { author: string | null, body: string, created_at: string, };

export type CommentInput = { challenge_id: number, body: string, };

export type ConsentDecision = "given" | "declined" | "withdrawn";

export type ConsentEntry = { decision: ConsentDecision, decided_on: string, note: string, recorded_by: string | null, recorded_at: string, };

export type ConsentInput = { fellow_id: number, decision: string, decided_on: string, note: string, };

export type CountBy<K> = { key: K, count: number, };

export type Dashboard = { small_cell: number, suppressed: boolean, response_rates: Array<ResponseRate>, response_totals: Array<WaveTotal>, survey: Array<SurveyShare>, leadership: Array<LeadershipPoint>, legacy: Array<LegacyRow>, };

export type DashboardInput = { cohort_id: number | null, 
/**
 * True for figures that will be shown outside faculty (reports, commissioners).
 */
for_sharing: boolean, };

export type Dimension = { id: number, position: number, name: string, description: string, };

export type DimensionCount = { dimension_id: number, name: string, count: number, };

export type DimensionInput = { name: string, description: string, statements: Array<string>, };

export type DimensionReport = { dimension_id: number, name: string, self_rating: number | null, groups: Array<GroupCell>, all_raters: Cell | null, self_importance: number | null, others_importance: Cell | null, change: Change | null, };

export type Direction = "higher_is_better" | "lower_is_better" | "neither";

export type DisableInput = { user_id: number, disabled: boolean, };

export type Document = { file_name: string, mime: string, base64: string, };

export type EmailClaim = "email" | "preferred_username";

export type EmailFrequency = "now" | "weekly" | "none";

export type EmailPreference = { frequency: EmailFrequency, options: Array<CodeOption>, 
/**
 * Whether the programme sends email at all.
 */
email_on: boolean, };

export type EmailPreferenceInput = { frequency: string, };

export type EncryptInput = { passphrase: string, passphrase_confirm: string, };

export type EraseDueInput = { 
/**
 * The same "look ahead" date the review used ("" for today).
 */
on: string, 
/**
 * How many alumni the review listed, typed again to confirm.
 */
confirm_count: number, };

export type EraseInput = { fellow_id: number, 
/**
 * The fellow's full name typed again, because erasure cannot be undone.
 */
confirm_name: string, };

export type ErasedDue = { erased: number, };

export type ErasedPart = { what: string, rows: number, };

export type ErasureReport = { fellow_id: number, placeholder: string, erased_at: string, parts: Array<ErasedPart>, };

export type ErrorKind = "validation" | "not_found" | "forbidden" | "unauthenticated" | "conflict" | "bad_request" | "internal";

export type FeedbackReport = { round: Round, fellow_id: number, fellow_name: string, reviewed: boolean, released: boolean, shared_with_host: boolean, 
/**
 * Empty when the round is valid for this fellow.
 */
failures: Array<RuleFailure>, scale: Array<ScalePoint>, shown_groups: Array<GroupCount>, 
/**
 * Groups below their minimum: left out of every figure, their comments included.
 */
dropped_groups: Array<GroupCount>, 
/**
 * The line manager's ratings appear as their own; the fellow is told so.
 */
line_manager_shown: boolean, dimensions: Array<DimensionReport>, comments: Array<RaterComment>, };

export type Fellow = { id: number, name: string, profession: Profession, professional_body: ProfessionalBody, registration_number: string, email: string, cohort_id: number, cohort_name: string, host_id: number | null, host_name: string | null, status: FellowStatus, };

export type FellowFilter = { 
/**
 * Matches name, email or registration number.
 */
search: string | null, cohort_id: number | null, profession: Profession | null, host_id: number | null, status: FellowStatus | null, };

export type FellowInput = { id: number | null, name: string, profession: string, professional_body: string, registration_number: string, email: string, cohort_id: number | null, host_id: number | null, 
/**
 * Only used when creating: the first status and the date it took effect.
 */
status: string, status_date: string, };

export type FellowPage = { fellows: Array<Fellow>, 
/**
 * Every fellow matching the filter, on all pages.
 */
total: number, 
/**
 * The page given, which may be nearer than the one asked for.
 */
page: number, page_size: number, };

export type FellowPageInput = { filter: FellowFilter, 
/**
 * Counting from 1; a page past the last gives the last.
 */
page: number, };

export type FellowPickInput = { 
/**
 * Part of a name, email or registration number; none for every fellow.
 */
search: string | null, 
/**
 * Offer completed and withdrawn fellows too.
 */
include_finished: boolean, 
/**
 * The fellow already chosen: offered whatever the search or their status.
 */
chosen: number | null, };

export type FellowPicks = { 
/**
 * At most `limit` matching fellows by name, then the chosen one if not among them.
 */
fellows: Array<Fellow>, 
/**
 * How many fellows match the search and the finished choice.
 */
matching: number, 
/**
 * How many finished fellows match the search, offered or not.
 */
finished: number, limit: number, };

export type FellowProfile = { fellow: Fellow, history: Array<StatusEntry>, };

export type FellowProgress = { fellow_id: number, fellow_name: string, self_submitted: boolean, groups: Array<GroupProgress>, 
/**
 * The rules the fellow's report would fail if the round closed now.
 */
failing: Array<RuleFailure>, 
/**
 * After closing: where the fellow's report has got to.
 */
report: ReportState | null, };

export type FellowRef = { fellow_id: number, };

export type FellowStatus = "applicant" | "active" | "interrupted" | "completed" | "withdrawn";

export type FieldError = { field: string, message: string, };

export type FollowUp = { wave: Wave, rows: Array<FollowUpRow>, total: number, 
/**
 * The page given, which may be nearer than the one asked for.
 */
page: number, page_size: number, upcoming: number, due: number, overdue: number, done: number, };

export type FollowUpInput = { wave_id: number, cohort_id: number | null, 
/**
 * Counting from 1; a page past the last gives the last.
 */
page: number, };

export type FollowUpRow = { fellow_id: number, fellow_name: string, cohort_name: string, due_on: string, state: FollowUpState, responded_on: string | null, };

export type FollowUpState = "upcoming" | "due" | "overdue" | "done";

export type FrameworkDetail = { summary: FrameworkSummary, description: string, allows_not_observed: boolean, scale: Array<ScalePoint>, dimensions: Array<DimensionInput>, };

export type FrameworkInput = { 
/**
 * Present to change a framework (a new version if it is in use).
 */
id: number | null, name: string, description: string, allows_not_observed: boolean, 
/**
 * The scale's labels from lowest to highest (2 to 10 points).
 */
scale: Array<string>, 
/**
 * What each point means, in the same order (missing or empty: none).
 */
scale_descriptions: Array<string>, dimensions: Array<DimensionInput>, make_default: boolean, };

export type FrameworkSummary = { id: number, name: string, version: number, is_default: boolean, in_use: boolean, dimensions: number, 
/**
 * The newer version that replaced this one, if any.
 */
replaced_by: number | null, };

export type Frequency = "daily" | "weekly" | "monthly" | "quarterly";

export type GapInput = { gap_days: string, };

export type GroundRulesInput = { set_id: number, ground_rules: string, agreed_on: string, };

export type GroupCell = { group: RaterGroup, 
/**
 * None: fewer ratings on this dimension than the group's minimum, so withheld.
 */
cell: Cell | null, };

export type GroupCount = { group: RaterGroup, responses: number, minimum: number, };

export type GroupMinimum = { group: RaterGroup, minimum: number, };

export type GroupProgress = { group: RaterGroup, nominated: number, responses: number, minimum: number, };

export type HistoricImportInput = { file_name: string, csv: string, };

export type HistoricPreview = { rows: number, new_cohorts: Array<string>, new_hosts: Array<string>, problems: Array<ImportProblem>, };

export type HistoricResult = { fellows: number, cohorts: number, hosts: number, };

export type HostInput = { id: number | null, name: string, 
/**
 * A code from `HostKind`; a string so that "not chosen" is a field message.
 */
kind: string, ods_code: string | null, region: string, sponsor_name: string, sponsor_email: string, mentor_name: string, mentor_email: string, };

export type HostKind = "nhs_trust" | "integrated_care_board" | "primary_care_network" | "gp_federation" | "local_authority" | "charity" | "other";

export type HostOrg = { id: number, name: string, kind: HostKind, ods_code: string | null, region: string, sponsor_name: string, sponsor_email: string, mentor_name: string, mentor_email: string, fellow_count: number, };

export type HostPage = { hosts: Array<HostOrg>, 
/**
 * Every host matching the search, on all pages.
 */
total: number, 
/**
 * The page given, which may be nearer than the one asked for.
 */
page: number, page_size: number, };

export type HostPageInput = { 
/**
 * Part of a name, region or ODS code; none for every host.
 */
search: string | null, 
/**
 * Counting from 1; a page past the last gives the last.
 */
page: number, };

export type HostPickInput = { 
/**
 * Part of a name, region or ODS code; none for every host.
 */
search: string | null, 
/**
 * The host organisation already chosen: offered whatever the search.
 */
chosen: number | null, };

export type HostPicks = { 
/**
 * At most `limit` matching hosts by name, then the chosen one if not among them.
 */
hosts: Array<HostOrg>, 
/**
 * How many hosts match the search.
 */
matching: number, limit: number, };

export type HostProfessionCount = { host_id: number | null, host_name: string, profession: Profession, count: number, };

export type Id = { id: number, };

export type ImportPreview = { columns: Array<string>, mapping: Array<ColumnMapping>, targets: Array<ImportTarget>, rows: number, 
/**
 * Rows that would replace an earlier response in this wave.
 */
replaces: number, problems: Array<ImportProblem>, };

export type ImportProblem = { 
/**
 * The row as a spreadsheet numbers it: the header is 1, a blank line is a row, and a cell
 * with a line break in it does not start one.
 */
line: number, column: string, message: string, };

export type ImportResult = { imported: number, replaced: number, };

export type ImportTarget = { value: string, label: string, };

export type InvitationSummary = { id: number, email: string, role: Role, created_at: string, expires_at: string, used_at: string | null, 
/**
 * "open", "used" or "expired".
 */
state: string, };

export type InvitationView = { email: string, role: Role, programme: string, };

export type InviteInput = { email: string, role: Role, fellow_id: number | null, host_id: number | null, };

export type IssueCodesInput = { round_id: number, 
/**
 * Only these nominations; empty for every nomination in the round without a code yet.
 */
nomination_ids: Array<number>, };

export type IssuedCode = { nomination_id: number, fellow_name: string, rater_name: string, rater_email: string, rater_group: RaterGroup, code: string, 
/**
 * The code also went to the rater by email (email is on).
 */
emailed: boolean, };

export type IssuedFeed = { 
/**
 * The address's secret part, shown once: the UI puts it after `/calendar/`.
 */
token: string, created_at: string, };

export type IssuedInvitation = { id: number, email: string, token: string, expires_at: string, 
/**
 * The link also went by email (email is on).
 */
emailed: boolean, };

export type IssuedReset = { user_id: number, name: string, email: string, token: string, expires_at: string, 
/**
 * The link also went by email (email is on).
 */
emailed: boolean, };

export type Item = { kind: ItemKind, section: Section, 
/**
 * How many things the item stands for (actions, fellows, updates...).
 */
count: number, 
/**
 * The sentence to show, with its count and date in words.
 */
title: string, 
/**
 * One more sentence of context; may be empty.
 */
detail: string, 
/**
 * The date it falls due or happens, if it has one.
 */
date: string | null, 
/**
 * True once the date has passed.
 */
overdue: boolean, link: Link, };

export type ItemKind = "challenge_to_draft" | "self_assessment_due" | "nominations_due" | "actions_overdue" | "actions_soon" | "review_to_prepare" | "reflection_drafts" | "next_set_session" | "mentoring_gap" | "review_to_sign" | "review_date" | "challenge_changed" | "reflections_shared" | "set_actions_to_review" | "round_gaps" | "no_challenge" | "no_mentor" | "mentoring_gaps" | "follow_ups_overdue" | "reviews_unsigned" | "retention_due";

export type Kind = "account_invitation" | "password_reset" | "rater_invitation" | "rater_reminder" | "round_open" | "review_awaiting" | "review_signed" | "reflection_shared" | "overdue_actions" | "follow_up" | "digest";

export type Kirkpatrick = "1" | "2a" | "2b" | "3" | "3b" | "4a" | "4b";

export type LeadershipPoint = { wave_id: number, wave_name: string, months_after: number, answered: number | null, 
/**
 * Alumni holding at least one formal leadership role.
 */
holding: number | null, };

export type LearningSet = { id: number, cohort_id: number, cohort_name: string, name: string, facilitator_id: number, facilitator_name: string, members: number, sessions_held: number, sessions_planned: number, next_session: string | null, 
/**
 * Share of expected attendances that were "present", in whole per cent; none before a session.
 */
attendance_percent: number | null, actions_committed: number, actions_reviewed: number, actions_done: number, actions_partly: number, actions_not_done: number, };

export type LearningSetDetail = { set: LearningSet, members: Array<SetMember>, sessions: Array<SetSessionSummary>, 
/**
 * The set's own record: only members and the facilitator receive it.
 */
ground_rules: string | null, ground_rules_agreed_on: string | null, is_party: boolean, can_record: boolean, can_schedule: boolean, can_edit: boolean, };

export type LearningSetFilter = { cohort_id: number | null, };

export type LearningSetInput = { id: number | null, cohort_id: number | null, name: string, facilitator_id: number | null, member_ids: Array<number>, };

export type LegacyRow = { 
/**
 * "cohort", "profession" or "host"; "all" for the one row of totals.
 */
by: string, group: string, answered: number | null, sustained: number | null, spread: number | null, abandoned: number | null, };

export type Link = { "page": "challenge", id: number, } | { "page": "challenges" } | { "page": "new_challenge" } | { "page": "self_assessment", round_id: number, } | { "page": "raters", round_id: number, } | { "page": "round", id: number, } | { "page": "reflections" } | { "page": "shared_reflections" } | { "page": "set_session", set_id: number, session_id: number, } | { "page": "relationship", id: number, } | { "page": "mentoring" } | { "page": "fellows" } | { "page": "outcomes" } | { "page": "privacy" };

export type MailSettings = { enabled: boolean, host: string, port: number, security: Security, username: string, 
/**
 * A password is kept (sealed).
 */
password_set: boolean, 
/**
 * False when the password was sealed on another machine and must be typed again.
 */
password_readable: boolean, from_address: string, from_name: string, 
/**
 * The address people open the app at: links in messages start with it.
 */
app_url: string, 
/**
 * Days before a 360 round closes on which raters who have not answered are reminded.
 */
reminder_days: Array<number>, 
/**
 * An organisation's own certificate authority (PEM), trusted besides the system's.
 */
extra_ca: string, security_options: Array<CodeOption>, };

export type MailSettingsInput = { enabled: boolean, host: string, port: string, security: string, username: string, 
/**
 * Empty keeps the password already kept.
 */
password: string, forget_password: boolean, from_address: string, from_name: string, app_url: string, 
/**
 * Numbers separated by commas or spaces, e.g. "7, 2".
 */
reminder_days: string, extra_ca: string, };

export type Measure = { id: number, name: string, unit: string, direction: Direction, frequency: Frequency, decimals: number, 
/**
 * The target as text with the measure's decimals, e.g. "12.5".
 */
target: string | null, point_count: number, 
/**
 * The XmR verdict on the latest point: None for common-cause variation.
 */
latest_verdict: Verdict | null, assurance: Assurance | null, 
/**
 * How many points carry a special-cause signal, by verdict.
 */
improvement_signals: number, concern_signals: number, };

export type MeasureChange = { id: number, change_date: string, label: string, rebase: boolean, };

export type MeasureChangeInput = { challenge_id: number, measure_id: number, change_date: string, label: string, rebase: boolean, };

export type MeasureChart = { measure: Measure, points: Array<ChartPoint>, run_chart: RunChart, xmr: XmrChart, changes: Array<MeasureChange>, pdsa_cycles: Array<Pdsa>, };

export type MeasureInput = { id: number | null, challenge_id: number, name: string, unit: string, direction: string, frequency: string, 
/**
 * Decimal places the values carry, 0 to 4.
 */
decimals: number, 
/**
 * As typed, or "" for none.
 */
target: string, };

export type MeasureRef = { challenge_id: number, measure_id: number, };

export type MeasureValuesInput = { challenge_id: number, measure_id: number, 
/**
 * One "date, value" per line, separated by a tab, comma or semicolon, as pasted from a
 * spreadsheet; a header line is allowed. Dates as 2026-09-01 or 01/09/2026.
 */
text: string, };

export type MentoringOverview = { gap_days: number, rows: Array<OverviewRow>, };

export type MentoringSession = { id: number, held_on: string, duration_minutes: number, mode: SessionMode, themes: string, agreed_actions: string, logged_by: string | null, 
/**
 * The actor's own private note on this session, if they wrote one.
 */
my_private_note: string | null, };

export type Milestone = { kind: MilestoneKind, due_date: string | null, outcome_note: string, };

export type MilestoneInput = { challenge_id: number, kind: string, due_date: string, outcome_note: string, };

export type MilestoneKind = "scoping_agreed" | "mid_year_review" | "end_of_year_review" | "showcase";

export type MonthCount = { 
/**
 * YYYY-MM
 */
month: string, count: number, };

export type MyRound = { round: Round, self_submitted: boolean, nominated: number, report_released: boolean, shared_with_host: boolean, };

export type Nature = "wicked" | "tame";

export type NewUserInput = { name: string, email: string, password: string, role: Role, fellow_id: number | null, host_id: number | null, };

export type Nomination = { id: number, fellow_id: number, rater_group: RaterGroup, rater_name: string, rater_email: string, invited: boolean, };

export type NominationInput = { round_id: number, 
/**
 * Faculty choose the fellow; a fellow always nominates for themselves.
 */
fellow_id: number | null, rater_group: string, rater_name: string, rater_email: string, };

export type NominationsRef = { round_id: number, fellow_id: number | null, };

export type OrgCallback = { code: string, state: string, 
/**
 * The provider's refusal (`access_denied` when the person cancelled).
 */
error: string, error_description: string, };

export type OrgSignInInput = { enabled: boolean, issuer: string, client_id: string, 
/**
 * Empty keeps the secret already kept.
 */
client_secret: string, forget_secret: boolean, email_claim: string, required: boolean, };

export type OrgSignInOffer = { 
/**
 * Passwords are refused for most accounts.
 */
required: boolean, };

export type OrgSignInSettings = { enabled: boolean, issuer: string, client_id: string, 
/**
 * A client secret is kept (sealed).
 */
secret_set: boolean, 
/**
 * False when the secret was sealed on another machine and must be typed again.
 */
secret_readable: boolean, email_claim: EmailClaim, 
/**
 * Passwords are refused except for accounts allowed to fall back to one.
 */
required: boolean, email_claim_options: Array<CodeOption>, };

export type OrgSignInStart = { 
/**
 * The app's own address to come back to (the programme server); empty in the desktop app,
 * which waits on this computer's loopback address instead.
 */
return_to: string, };

export type OrgSignInStarted = { 
/**
 * The provider's sign-in page.
 */
url: string, 
/**
 * The desktop app waits here for the system browser (ask with `check_org_sign_in`).
 */
waits_here: boolean, 
/**
 * The system browser was opened; if not, the person opens `url` themselves.
 */
browser_opened: boolean, };

export type OrgSignInWait = { 
/**
 * The browser came back and the sign-in is finished (`status` says who is in).
 */
done: boolean, status: AppStatus, };

export type Outbox = { messages: Array<OutboxMessage>, queued: number, sent: number, failed: number, held: number, email_on: boolean, };

export type OutboxFilter = { 
/**
 * Empty for all; otherwise one state.
 */
state: string, };

export type OutboxMessage = { id: number, kind: Kind, kind_label: string, to: string, subject: string, 
/**
 * held (for a weekly digest), queued, sending, sent, failed, digested or dropped.
 */
state: string, attempts: number, created_at: string, next_attempt_at: string | null, sent_at: string | null, 
/**
 * The server's reason, for a message that has not gone yet or failed.
 */
last_error: string | null, };

export type OutcomeAnswer = { measure_id: number, 
/**
 * As a person reads or types it: "3", "yes", "spread", free text.
 */
value: string, };

export type OutcomeImportInput = { wave_id: number, file_name: string, csv: string, 
/**
 * Empty for the suggested mapping.
 */
mapping: Array<ColumnMapping>, };

export type OutcomeMeasure = { id: number, code: string, name: string, category: Category, value_type: ValueType, choices: Array<Choice>, scale_points: number | null, scale_low: string, scale_high: string, kirkpatrick: Kirkpatrick, retired: boolean, };

export type OutcomeMeasureInput = { id: number | null, code: string, name: string, category: string, value_type: string, 
/**
 * For a choice: one "code=Label" per line.
 */
choices: string, scale_points: string, scale_low: string, scale_high: string, kirkpatrick: string, retired: boolean, };

export type OutcomeResponse = { fellow_id: number, fellow_name: string, wave: Wave, responded_on: string | null, source: string | null, measures: Array<OutcomeMeasure>, answers: Array<OutcomeAnswer>, };

export type OutcomeResponseInput = { fellow_id: number, wave_id: number, responded_on: string, answers: Array<OutcomeAnswer>, };

export type OutcomesExportInput = { pseudonymise: boolean, };

export type OverviewInput = { cohort_id: number | null, };

export type OverviewRow = { relationship_id: number, fellow_name: string, cohort_name: string, kind: RelationshipKind, person_name: string, sessions: number, last_session: string | null, 
/**
 * Days since the last session (or since the relationship started, if none yet).
 */
days_since: number, 
/**
 * Longer than the programme's gap interval.
 */
gap: boolean, };

export type PasswordFallbackInput = { user_id: number, allowed: boolean, };

export type Pdsa = { id: number, measure_id: number | null, title: string, plan: string, do_notes: string, study: string, act: string, start_date: string, end_date: string | null, };

export type PdsaInput = { id: number | null, challenge_id: number, measure_id: number | null, title: string, plan: string, do_notes: string, study: string, act: string, start_date: string, end_date: string, };

export type Person = { user_id: number, name: string, role: Role, };

export type Presenter = { fellow_id: number, fellow_name: string, bid_minutes: number, presented: boolean, airtime_seconds: number | null, issue: string, feedback: string, actions: Array<SetAction>, };

export type PresenterInput = { fellow_id: number | null, 
/**
 * Minutes asked for, as typed.
 */
bid_minutes: string, presented: boolean, 
/**
 * From the on-screen airtime timer.
 */
airtime_seconds: number | null, issue: string, feedback: string, actions: Array<SetActionInput>, };

export type Privacy = { fellow_id: number, current: ConsentDecision | null, history: Array<ConsentEntry>, erased_at: string | null, retention_years: number, };

export type Profession = "medicine" | "nursing" | "midwifery" | "pharmacy" | "allied_health" | "healthcare_science" | "dentistry" | "psychology" | "paramedicine";

export type ProfessionalBody = "GMC" | "NMC" | "HCPC" | "GPhC" | "GDC" | "AHCS" | "other";

export type Programme = { id: number, name: string, description: string, };

export type ProgrammeInput = { name: string, description: string, };

export type ProgressScore = { score_tenths: number, scored_on: string, reason: string, set_by: string | null, };

export type ProgressScoreInput = { challenge_id: number, 
/**
 * As typed, e.g. "3.5"; must be one of the IHI scale's steps, 0.5 to 5.0.
 */
score: string, scored_on: string, reason: string, };

export type Proposal = { service_strategy: string, evidence_base: string, current_service: string, patient_pathway: string, patient_involvement: string, support_of_others: string, outcomes_targets: string, financial_implications: string, efficiencies: string, };

export type QuestionDimension = { id: number, name: string, description: string, statements: Array<string>, };

export type Questionnaire = { fellow_name: string, round_kind: RoundKind, closes_on: string, rater_group: RaterGroup, 
/**
 * The line manager's answers are shown as theirs; they are told so before answering.
 */
not_anonymous: boolean, questions: Questions, };

export type QuestionnaireAnswers = { code: string, answers: Array<Answer>, comment: string, };

export type Questions = { dimensions: Array<QuestionDimension>, scale: Array<ScalePoint>, allows_not_observed: boolean, };

export type RaterComment = { group: RaterGroup, text: string, };

export type RaterGroup = "line_manager" | "peer" | "direct_report" | "other" | "service_user";

export type Receipt = { message: string, };

export type RecordSetSessionInput = { session_id: number, attendance: Array<AttendanceInput>, check_in: string, presenters: Array<PresenterInput>, reviews: Array<ReviewInput>, notes: string, };

export type RecoveryCodes = { codes: Array<string>, };

export type ReferenceData = { professions: Array<CodeOption>, professional_bodies: Array<CodeOption>, fellow_statuses: Array<CodeOption>, host_kinds: Array<CodeOption>, roles: Array<CodeOption>, challenge_statuses: Array<CodeOption>, natures: Array<CodeOption>, action_statuses: Array<CodeOption>, milestone_kinds: Array<CodeOption>, frequencies: Array<CodeOption>, directions: Array<CodeOption>, review_kinds: Array<CodeOption>, 
/**
 * The IHI progress scale: "0.5" ... "5.0" with their meanings.
 */
progress_scale: Array<CodeOption>, relationship_kinds: Array<CodeOption>, session_modes: Array<CodeOption>, attendance_marks: Array<CodeOption>, action_reviews: Array<CodeOption>, rater_groups: Array<CodeOption>, round_kinds: Array<CodeOption>, outcome_categories: Array<CodeOption>, outcome_value_types: Array<CodeOption>, kirkpatrick_levels: Array<CodeOption>, follow_up_states: Array<CodeOption>, };

export type Reflection = { id: number, fellow_name: string, template: Template, title: string, happened_on: string | null, challenge_id: number | null, is_draft: boolean, sections: Array<SectionText>, dimension_ids: Array<number>, 
/**
 * Who it is shared with now; only its author sees this.
 */
shares: Array<Share>, 
/**
 * True for the author; a person it is shared with only reads it.
 */
is_author: boolean, updated_at: string, };

export type ReflectionFilter = { search: string | null, };

export type ReflectionInput = { 
/**
 * None the first time a new entry is autosaved; the answer carries the id to use next.
 */
id: number | null, template: string, title: string, 
/**
 * YYYY-MM-DD, or "" while still a draft.
 */
happened_on: string, sections: Array<SectionText>, challenge_id: number | null, dimension_ids: Array<number>, 
/**
 * False for an autosave (kept exactly as typed); true to finish the entry (checked).
 */
finish: boolean, };

export type ReflectionInsights = { finished: number, drafts: number, by_month: Array<MonthCount>, by_dimension: Array<DimensionCount>, };

export type ReflectionOptions = { templates: Array<TemplateInfo>, dimensions: Array<Dimension>, share_candidates: Array<Person>, challenges: Array<ChallengeRef>, notice: string, };

export type ReflectionSummary = { id: number, fellow_name: string, template: Template, title: string, happened_on: string | null, is_draft: boolean, updated_at: string, 
/**
 * For a search: a short plain-text extract around the match.
 */
snippet: string | null, shared_with: number, };

export type Relationship = { id: number, fellow_id: number, fellow_name: string, person_id: number, person_name: string, kind: RelationshipKind, started_on: string, };

export type RelationshipDetail = { relationship: Relationship, sessions: Array<MentoringSession>, };

export type RelationshipInput = { fellow_id: number | null, person_id: number | null, kind: string, started_on: string, };

export type RelationshipKind = "workplace_mentor" | "coach" | "system_mentor";

export type Reminder = { fellow_id: number, fellow_name: string, rater_name: string, rater_email: string, group: RaterGroup, };

export type ReorderActionsInput = { challenge_id: number, 
/**
 * Every action id of the challenge, in the new order.
 */
order: Array<number>, };

export type ReportRef = { round_id: number, fellow_id: number, };

export type ReportShareInput = { round_id: number, share: boolean, };

export type ReportState = { reviewed: boolean, released: boolean, shared_with_host: boolean, };

export type ResetInput = { token: string, password: string, password_confirm: string, };

export type ResetRequest = { user_id: number, };

export type ResponseFileInput = { file_name: string, contents: string, };

export type ResponseRate = { wave_id: number, wave_name: string, cohort_id: number, cohort_name: string, 
/**
 * Alumni for whom the wave has fallen due. None (here and below) where withheld.
 */
due: number | null, responded: number | null, };

export type ResponseRef = { fellow_id: number, wave_id: number, };

export type RestoreInput = { file_name: string, 
/**
 * The user ticked "I understand this replaces the current data".
 */
confirm: boolean, };

export type RestoreResult = { restored_from: string, 
/**
 * The copy of the data as it stood before the restore, itself restorable.
 */
safety_copy: string, counts: Array<TableCount>, erasures_reapplied: number, };

export type RetentionDue = { fellow_id: number, name: string, cohort: string, status: string, left_on: string, due_on: string, consent: ConsentDecision | null, };

export type RetentionInput = { retention_years: number, };

export type RetentionReview = { retention_years: number, today: string, due: Array<RetentionDue>, };

export type Review = { id: number, kind: ReviewKind, version: number, 
/**
 * The progress summary put to the host for this review.
 */
summary: string, 
/**
 * The sponsor's statement, once signed.
 */
statement: string, signed_name: string | null, signed_at: string | null, 
/**
 * Signed versions cannot change.
 */
locked: boolean, };

export type ReviewDraftInput = { challenge_id: number, kind: string, summary: string, };

export type ReviewInput = { action_id: number, 
/**
 * "done", "partly", "not_done", or empty when not yet reviewed.
 */
review: string, note: string, };

export type ReviewItem = { action_id: number, fellow_name: string, body: string, committed_on: string, review: ActionReview | null, review_note: string, };

export type ReviewKind = "mid_year" | "end_of_year";

export type Rights = { 
/**
 * Change the proposal, plan, measures and milestones (faculty, the fellow).
 */
edit: boolean, 
/**
 * Comment on progress (faculty, the host's sponsor and mentor).
 */
comment: boolean, 
/**
 * Sign the mid-year and end-of-year reviews (the host's sponsor).
 */
sign: boolean, };

export type Role = "faculty" | "fellow" | "host_sponsor" | "mentor";

export type Round = { id: number, cohort_id: number, cohort_name: string, framework_id: number, framework_name: string, kind: RoundKind, opens_on: string, closes_on: string, closed: boolean, minimums: Array<GroupMinimum>, overall_minimum: number, groups_required: number, line_manager_required: boolean, };

export type RoundInput = { cohort_id: number | null, kind: string, opens_on: string, closes_on: string, 
/**
 * Minimum responses per rater group, as typed, keyed by group code.
 */
minimums: { [key in string]?: string }, overall_minimum: string, groups_required: string, line_manager_required: boolean, 
/**
 * The framework to use; the current default when left out.
 */
framework_id?: number, };

export type RoundKind = "baseline" | "end_of_year";

export type RoundPageInput = { id: number, 
/**
 * Counting from 1; a page past the last gives the last.
 */
page: number, };

export type RoundProgress = { round: Round, 
/**
 * The fellows on this page, in name order.
 */
fellows: Array<FellowProgress>, 
/**
 * The cohort's fellows in the round (active, interrupted or completed).
 */
total: number, 
/**
 * The page given, which may be nearer than the one asked for.
 */
page: number, page_size: number, 
/**
 * Raters holding a code for a fellow on this page who have not responded.
 */
reminders: Array<Reminder>, 
/**
 * Raters holding a code who have not responded, in the whole round.
 */
waiting: number, };

export type RuleFailure = { rule: string, message: string, };

export type RunChart = { median: number | null, 
/**
 * Points not on the median: the ones the runs rules count.
 */
useful_observations: number, runs: number, 
/**
 * Fewer runs than the first, or more than the second, is a signal (10 or more useful observations).
 */
runs_limits: [number, number] | null, signals: Array<RunSignal>, };

export type RunRule = "shift" | "trend" | "too_few_runs" | "too_many_runs" | "astronomical";

export type RunSignal = { rule: RunRule, 
/**
 * Indexes of the points that make up the signal (empty for the runs rules).
 */
points: Array<number>, verdict: Verdict, };

export type ScalePoint = { value: number, label: string, 
/**
 * What the level means, in a sentence (may be empty for a scale without descriptions).
 */
description: string, };

export type ScheduleSessionInput = { set_id: number, meets_on: string, };

export type SecondStepNeed = "code" | "setup";

export type SecondStepRule = { required_for_faculty: boolean, };

export type SecondStepSetup = { 
/**
 * The key in base32, in groups of four, for typing into the app by hand.
 */
key: string, otpauth_url: string, 
/**
 * The QR code of `otpauth_url`, as an SVG data: URL for an <img>.
 */
qr_image: string, };

export type SecondStepStatus = { on: boolean, recovery_codes_left: number, 
/**
 * This person must keep it on (a faculty member, when the programme requires it).
 */
required: boolean, 
/**
 * The programme's rule, for faculty to see and change.
 */
required_for_faculty: boolean, };

export type Section = "now" | "coming" | "changed";

export type SectionText = { key: string, body: string, };

export type Security = "starttls" | "tls" | "none";

export type SelfAssessment = { round: Round, questions: Questions, answers: Array<Answer>, submitted: boolean, };

export type SelfAssessmentInput = { round_id: number, answers: Array<Answer>, 
/**
 * False saves a draft; true submits, which needs every dimension rated.
 */
submit: boolean, };

export type ServerInput = { url: string, };

export type SessionInput = { relationship_id: number, held_on: string, 
/**
 * Minutes, as typed.
 */
duration_minutes: string, mode: string, themes: string, agreed_actions: string, 
/**
 * Seen only by the person who writes it.
 */
private_note: string, };

export type SessionMode = "in_person" | "video" | "phone";

export type SetAction = { id: number, body: string, review: ActionReview | null, review_note: string, };

export type SetActionInput = { 
/**
 * Present when editing an action already recorded, so its later review is kept.
 */
id: number | null, body: string, };

export type SetMember = { fellow_id: number, name: string, };

export type SetSessionRecord = { id: number, set_id: number, set_name: string, meets_on: string, recorded: boolean, members: Array<SetMember>, attendance: Array<AttendanceEntry>, check_in: string, notes: string, presenters: Array<Presenter>, 
/**
 * The date of the session whose actions are reviewed here, if there was one.
 */
previous_session: string | null, to_review: Array<ReviewItem>, can_record: boolean, };

export type SetSessionSummary = { id: number, meets_on: string, recorded: boolean, attendance: Array<AttendanceEntry>, presenters: number, actions_committed: number, 
/**
 * Of the actions brought back from the session before, how many were reviewed here.
 */
actions_reviewed: number, };

export type SetupInput = { programme_name: string, name: string, email: string, password: string, password_confirm: string, };

export type Share = { user_id: number, name: string, role: Role, shared_at: string, };

export type ShareInput = { reflection_id: number, user_id: number, };

export type SharedReport = { round_id: number, round_kind: RoundKind, cohort_name: string, fellow_id: number, fellow_name: string, };

export type SignInInput = { email: string, password: string, };

export type SignReviewInput = { challenge_id: number, review_id: number, statement: string, 
/**
 * The signer types their name to sign.
 */
signed_name: string, };

export type StatusChange = { status: ChallengeStatus, note: string, changed_by: string | null, changed_at: string, };

export type StatusChangeInput = { fellow_id: number, status: string, effective_date: string, note: string, };

export type StatusEntry = { status: FellowStatus, effective_date: string, note: string, changed_by: string | null, changed_at: string, };

export type SurveyShare = { measure_code: string, measure_name: string, wave_id: number, wave_name: string, answered: number | null, 
/**
 * Answers in the top two points of the scale.
 */
agreeing: number | null, };

export type TableCount = { table: string, rows: number, };

export type Template = "gibbs" | "kolb" | "what_so_what" | "free";

export type TemplateInfo = { code: Template, label: string, sections: Array<TemplateSection>, };

export type TemplateSection = { key: string, label: string, prompt: string, };

export type TestEmailInput = { to: string, };

export type TestEmailResult = { message: string, };

export type Today = { on: string, 
/**
 * When the person last signed in before this visit, if ever: "since your last visit".
 */
since: string | null, 
/**
 * Most pressing first: overdue, then by date.
 */
items: Array<Item>, };

export type TodayInput = { 
/**
 * Empty for today; a date lets faculty look ahead ("who falls due by the end of the year").
 */
on: string, };

export type TokenInput = { token: string, };

export type UnlockInput = { passphrase: string, };

export type UserRef = { user_id: number, };

export type UserSummary = { id: number, name: string, email: string, role: Role, fellow_id: number | null, host_id: number | null, disabled: boolean, 
/**
 * May sign in with a password while organisation sign-in is required.
 */
password_fallback: boolean, 
/**
 * Linked to an identity at the organisation's provider.
 */
org_linked: boolean, };

export type ValueType = "text" | "count" | "yes_no" | "choice" | "scale";

export type Verdict = "improvement" | "concern" | "neutral";

export type Wave = { id: number, name: string, months_after: number, window_days: number, 
/**
 * The wave's online survey, sent to alumni when it falls due (empty: followed up by hand).
 */
survey_url: string, };

export type WaveInput = { id: number | null, name: string, months_after: string, window_days: string, survey_url: string, };

export type WaveTotal = { wave_id: number, wave_name: string, due: number | null, responded: number | null, };

export type WorkspaceInfo = { 
/**
 * The programme server's address; None for the programme on this computer.
 */
server: string | null, 
/**
 * True in the desktop app; a browser is always on the server that served it.
 */
can_switch: boolean, };

export type XmrChart = { segments: Array<XmrSegment>, points: Array<XmrPoint>, 
/**
 * Against the target, by the latest segment's limits; None without a target or direction,
 * or when those limits are trial limits or there is no variation to set them from.
 */
assurance: Assurance | null, };

export type XmrPoint = { segment: number, signals: Array<XmrSignal>, 
/**
 * None for common-cause variation. Improvement when improvement and concern rules both
 * mark the point, as the Making Data Count team's tool shows it.
 */
verdict: Verdict | null, };

export type XmrRule = "outside_limits" | "shift_of_seven" | "trend_of_seven" | "two_of_three_near_limit";

export type XmrSegment = { 
/**
 * Index of the first point, and one past the last.
 */
start: number, end: number, mean: number, mean_moving_range: number, upper: number, lower: number, upper_two_thirds: number, lower_two_thirds: number, 
/**
 * Limits from fewer than 13 points are trial limits: the Making Data Count team's tool shows
 * limits and summary icons from 13 points (NHSRplotthedots issue 194), and the package warns
 * below that.
 */
trial: boolean, 
/**
 * Every moving range is zero (all the values are the same, or there is only one): there is
 * no variation to set limits from, so the limits sit on the mean and mean nothing.
 */
no_variation: boolean, };

export type XmrSignal = { rule: XmrRule, verdict: Verdict, };

export type Commands = {
  workspace_info: { req: null; res: WorkspaceInfo };
  about: { req: null; res: About };
  open_log_folder: { req: null; res: About };
  open_server_workspace: { req: ServerInput; res: WorkspaceInfo };
  open_local_workspace: { req: null; res: WorkspaceInfo };
  begin_org_sign_in: { req: OrgSignInStart; res: OrgSignInStarted };
  check_org_sign_in: { req: null; res: OrgSignInWait };
  app_status: { req: null; res: AppStatus };
  setup_programme: { req: SetupInput; res: AppStatus };
  unlock: { req: UnlockInput; res: AppStatus };
  encrypt_database: { req: EncryptInput; res: AppStatus };
  open_invitation: { req: TokenInput; res: InvitationView };
  accept_invitation: { req: AcceptInput; res: AppStatus };
  sign_in: { req: SignInInput; res: AppStatus };
  sign_out: { req: null; res: AppStatus };
  change_password: { req: ChangePasswordInput; res: AppStatus };
  reset_password: { req: ResetInput; res: AppStatus };
  explore_demo: { req: null; res: AppStatus };
  leave_demo: { req: null; res: AppStatus };
  open_questionnaire: { req: CodeInput; res: Questionnaire };
  submit_questionnaire: { req: QuestionnaireAnswers; res: Receipt };
  verify_second_step: { req: CodeEntry; res: AppStatus };
  begin_second_step: { req: null; res: SecondStepSetup };
  confirm_second_step: { req: CodeEntry; res: RecoveryCodes };
  finish_org_sign_in: { req: OrgCallback; res: AppStatus };
  reference_data: { req: null; res: ReferenceData };
  get_programme: { req: null; res: Programme };
  update_programme: { req: ProgrammeInput; res: Programme };
  list_cohorts: { req: null; res: Array<Cohort> };
  save_cohort: { req: CohortInput; res: Cohort };
  cohort_overview: { req: CohortOverviewInput; res: CohortOverview };
  list_hosts: { req: null; res: Array<HostOrg> };
  page_hosts: { req: HostPageInput; res: HostPage };
  pick_hosts: { req: HostPickInput; res: HostPicks };
  get_host: { req: Id; res: HostOrg };
  save_host: { req: HostInput; res: HostOrg };
  list_fellows: { req: FellowFilter; res: Array<Fellow> };
  page_fellows: { req: FellowPageInput; res: FellowPage };
  pick_fellows: { req: FellowPickInput; res: FellowPicks };
  get_fellow: { req: Id; res: FellowProfile };
  save_fellow: { req: FellowInput; res: FellowProfile };
  change_fellow_status: { req: StatusChangeInput; res: FellowProfile };
  list_users: { req: null; res: Array<UserSummary> };
  create_user: { req: NewUserInput; res: UserSummary };
  list_challenges: { req: ChallengeFilter; res: Array<Challenge> };
  get_challenge: { req: Id; res: ChallengeDetail };
  save_challenge: { req: ChallengeInput; res: ChallengeDetail };
  change_challenge_status: { req: ChallengeStatusInput; res: ChallengeDetail };
  set_progress_score: { req: ProgressScoreInput; res: ChallengeDetail };
  save_action: { req: ActionInput; res: ChallengeDetail };
  add_action_note: { req: ActionNoteInput; res: ChallengeDetail };
  reorder_actions: { req: ReorderActionsInput; res: ChallengeDetail };
  save_milestone: { req: MilestoneInput; res: ChallengeDetail };
  save_measure: { req: MeasureInput; res: ChallengeDetail };
  add_measure_values: { req: MeasureValuesInput; res: MeasureChart };
  add_measure_change: { req: MeasureChangeInput; res: MeasureChart };
  measure_chart: { req: MeasureRef; res: MeasureChart };
  save_pdsa: { req: PdsaInput; res: ChallengeDetail };
  add_comment: { req: CommentInput; res: ChallengeDetail };
  save_review_draft: { req: ReviewDraftInput; res: ChallengeDetail };
  sign_review: { req: SignReviewInput; res: ChallengeDetail };
  cohort_board: { req: BoardInput; res: BoardPage };
  challenge_summary_pdf: { req: Id; res: Document };
  reflection_options: { req: null; res: ReflectionOptions };
  list_reflections: { req: ReflectionFilter; res: Array<ReflectionSummary> };
  get_reflection: { req: Id; res: Reflection };
  save_reflection: { req: ReflectionInput; res: Reflection };
  share_reflection: { req: ShareInput; res: Reflection };
  withdraw_reflection_share: { req: ShareInput; res: Reflection };
  reflections_shared_with_me: { req: null; res: Array<ReflectionSummary> };
  reflection_insights: { req: null; res: ReflectionInsights };
  save_relationship: { req: RelationshipInput; res: Relationship };
  my_relationships: { req: null; res: Array<Relationship> };
  get_relationship: { req: Id; res: RelationshipDetail };
  log_mentoring_session: { req: SessionInput; res: RelationshipDetail };
  mentoring_overview: { req: OverviewInput; res: MentoringOverview };
  set_mentoring_gap: { req: GapInput; res: MentoringOverview };
  list_learning_sets: { req: LearningSetFilter; res: Array<LearningSet> };
  get_learning_set: { req: Id; res: LearningSetDetail };
  save_learning_set: { req: LearningSetInput; res: LearningSetDetail };
  save_ground_rules: { req: GroundRulesInput; res: LearningSetDetail };
  schedule_set_session: { req: ScheduleSessionInput; res: LearningSetDetail };
  get_set_session: { req: Id; res: SetSessionRecord };
  record_set_session: { req: RecordSetSessionInput; res: SetSessionRecord };
  list_frameworks: { req: null; res: Array<FrameworkSummary> };
  get_framework: { req: Id; res: FrameworkDetail };
  save_framework: { req: FrameworkInput; res: FrameworkDetail };
  list_feedback_rounds: { req: null; res: Array<Round> };
  open_feedback_round: { req: RoundInput; res: Round };
  feedback_round_progress: { req: RoundPageInput; res: RoundProgress };
  close_feedback_round: { req: Id; res: Round };
  list_nominations: { req: NominationsRef; res: Array<Nomination> };
  nominate_rater: { req: NominationInput; res: Array<Nomination> };
  issue_invitation_codes: { req: IssueCodesInput; res: Array<IssuedCode> };
  get_self_assessment: { req: Id; res: SelfAssessment };
  save_self_assessment: { req: SelfAssessmentInput; res: SelfAssessment };
  get_feedback_report: { req: ReportRef; res: FeedbackReport };
  review_feedback_report: { req: ReportRef; res: FeedbackReport };
  release_feedback_report: { req: ReportRef; res: FeedbackReport };
  share_feedback_report: { req: ReportShareInput; res: FeedbackReport };
  feedback_report_pdf: { req: ReportRef; res: Document };
  my_feedback: { req: null; res: Array<MyRound> };
  shared_feedback_reports: { req: null; res: Array<SharedReport> };
  cohort_feedback: { req: Id; res: CohortFeedback };
  audit_log: { req: AuditFilter; res: Array<AuditEntry> };
  export_audit_log: { req: AuditFilter; res: Document };
  get_privacy: { req: FellowRef; res: Privacy };
  record_consent: { req: ConsentInput; res: Privacy };
  export_subject_access: { req: FellowRef; res: Document };
  export_subject_access_readable: { req: FellowRef; res: Document };
  erase_fellow: { req: EraseInput; res: ErasureReport };
  erase_due_alumni: { req: EraseDueInput; res: ErasedDue };
  retention_review: { req: TodayInput; res: RetentionReview };
  my_today: { req: TodayInput; res: Today };
  invitation_code_sheet: { req: CodesInput; res: Document };
  invitation_code_merge: { req: CodesInput; res: Document };
  my_calendar: { req: null; res: Document };
  my_calendar_feed: { req: null; res: CalendarFeed };
  renew_calendar_feed: { req: null; res: IssuedFeed };
  revoke_calendar_feed: { req: null; res: CalendarFeed };
  get_mail_settings: { req: null; res: MailSettings };
  save_mail_settings: { req: MailSettingsInput; res: MailSettings };
  send_test_email: { req: TestEmailInput; res: TestEmailResult };
  list_outbox: { req: OutboxFilter; res: Outbox };
  retry_outbox_message: { req: Id; res: Outbox };
  my_email_preference: { req: null; res: EmailPreference };
  set_email_preference: { req: EmailPreferenceInput; res: EmailPreference };
  my_second_step: { req: null; res: SecondStepStatus };
  remove_second_step: { req: CodeEntry; res: SecondStepStatus };
  reset_second_step: { req: UserRef; res: SecondStepStatus };
  set_second_step_rule: { req: SecondStepRule; res: SecondStepStatus };
  get_org_sign_in: { req: null; res: OrgSignInSettings };
  save_org_sign_in: { req: OrgSignInInput; res: OrgSignInSettings };
  set_password_fallback: { req: PasswordFallbackInput; res: Array<UserSummary> };
  unlink_org_account: { req: UserRef; res: Array<UserSummary> };
  set_retention: { req: RetentionInput; res: bigint };
  invite_user: { req: InviteInput; res: IssuedInvitation };
  list_invitations: { req: null; res: Array<InvitationSummary> };
  set_user_disabled: { req: DisableInput; res: Array<UserSummary> };
  make_password_reset: { req: ResetRequest; res: IssuedReset };
  list_backups: { req: null; res: Array<BackupInfo> };
  make_backup: { req: null; res: BackupInfo };
  preview_backup: { req: BackupRef; res: BackupPreview };
  restore_backup: { req: RestoreInput; res: RestoreResult };
  list_outcome_waves: { req: null; res: Array<Wave> };
  save_outcome_wave: { req: WaveInput; res: Array<Wave> };
  list_outcome_measures: { req: null; res: Array<OutcomeMeasure> };
  save_outcome_measure: { req: OutcomeMeasureInput; res: Array<OutcomeMeasure> };
  outcome_follow_up: { req: FollowUpInput; res: FollowUp };
  get_outcome_response: { req: ResponseRef; res: OutcomeResponse };
  save_outcome_response: { req: OutcomeResponseInput; res: OutcomeResponse };
  preview_outcome_import: { req: OutcomeImportInput; res: ImportPreview };
  import_outcomes: { req: OutcomeImportInput; res: ImportResult };
  preview_historic_import: { req: HistoricImportInput; res: HistoricPreview };
  import_historic: { req: HistoricImportInput; res: HistoricResult };
  historic_import_template: { req: null; res: Document };
  annual_report: { req: null; res: Document };
  outcomes_dashboard: { req: DashboardInput; res: Dashboard };
  export_outcomes: { req: OutcomesExportInput; res: Document };
  outcomes_data_dictionary: { req: null; res: Document };
  questionnaire_file: { req: CodeInput; res: Document };
  import_questionnaire_response: { req: ResponseFileInput; res: Receipt };
  portfolio_pdf: { req: null; res: Document };
  portfolio_markdown: { req: null; res: Document };
};
