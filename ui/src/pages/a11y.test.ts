// Every page, rendered as the app renders it, checked with axe for serious and critical problems.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { navigate } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import App from '../App.svelte';
import { seriousViolations } from '../test/axe';
import { apiError, fakeCore } from '../test/fakeCore';
import { cohorts, faculty, fellowPicks, fellows, fellowsPage, fellowUser, hostPicks, hosts, hostsPage, invitations, mentorUser, overview, profile, reference, sponsorUser, status, users } from '../test/fixtures';
import { mentoringOverview, relationshipDetail, relationships } from '../test/mentoringFixtures';
import { boardPage, challenges, detail, measureChart, sponsorDetail } from '../test/challengeFixtures';
import {
  draftReflection,
  insights,
  readerReflection,
  reflection,
  reflectionOptions,
  sharedWithMe,
  summaries,
} from '../test/reflectionFixtures';
import { facilitatorSetDetail, facultySetDetail, learningSets, plannedSession, recordedSession, setDetail } from '../test/setFixtures';
import { feedbackHandlers } from '../test/feedbackFixtures';
import { CODE, invalidReport, lineManagerQuestionnaire, receipt, report } from '../test/feedbackReportFixtures';
import { outcomeCohorts, outcomesDashboardHandlers, outcomesReference } from '../test/outcomesDashboardFixtures';
import { csv, outcomesHandlers } from '../test/outcomesFixtures';
import { auditEntries } from '../test/auditFixtures';
import { privacyHandlers } from '../test/privacyFixtures';
import { mailHandlers } from '../test/mailFixtures';
import { orgSignInHandlers } from '../test/orgSignInFixtures';
import { CODE as SECOND_STEP_CODE, recoveryCodes, secondStepHandlers, secondStepSetup, wrongCode } from '../test/secondStepFixtures';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call, inDesktopApp: () => false }));

const invalid = apiError('validation', 'There are 2 problems with what you entered.', [
  { field: 'name', message: 'Enter a name.' },
  { field: 'end_date', message: 'The end date must be a real date, like 2026-09-01.' },
  { field: 'kind', message: 'Choose the kind of organisation.' },
  { field: 'status_date', message: 'Enter the date the status took effect.' },
  { field: 'role', message: 'Choose a role.' },
]);

const challengeInvalid = apiError('validation', 'There are 2 problems with what you entered.', [
  { field: 'title', message: 'Enter a title for the challenge.' },
  { field: 'nature', message: 'Choose wicked, tame, or not yet decided.' },
  { field: 'fellow_id', message: 'Choose the fellow who leads this challenge.' },
]);

const badLines = apiError('validation', 'Nothing was saved: 2 lines need fixing. Line 1: expected a date and a value.', [
  { field: 'text', message: 'Line 1: expected a date and a value, like 2026-09-07, 42.' },
  { field: 'text', message: 'Line 2: "lots" is not a number with at most 0 decimal places.' },
]);

const reflectionInvalid = apiError('validation', 'There are 4 problems with what you entered.', [
  { field: 'title', message: 'Give the entry a short title.' },
  { field: 'happened_on', message: 'Enter the date of the experience.' },
  { field: 'section-what', message: 'Write at least one part of the reflection.' },
  { field: 'dimension_ids', message: 'That leadership dimension does not exist.' },
]);

const gapInvalid = apiError('validation', 'Enter a whole number of days.', [
  { field: 'gap_days', message: 'Enter a whole number of days.' },
]);

const relationshipInvalid = apiError('validation', 'There are 4 problems with what you entered.', [
  { field: 'fellow_id', message: 'Choose the fellow.' },
  { field: 'person_id', message: 'Choose the mentor or coach.' },
  { field: 'kind', message: 'Choose the kind of relationship.' },
  { field: 'started_on', message: 'Enter the start date.' },
]);

const sessionInvalid = apiError('validation', 'There are 4 problems with what you entered.', [
  { field: 'held_on', message: 'Enter the date of the session.' },
  { field: 'duration_minutes', message: 'Enter the length in minutes.' },
  { field: 'mode', message: 'Choose how you met.' },
  { field: 'themes', message: 'Write the themes discussed.' },
]);

const setInvalid = apiError('validation', 'There are 4 problems with what you entered.', [
  { field: 'name', message: 'Enter a name for the set.' },
  { field: 'cohort_id', message: 'Choose the cohort.' },
  { field: 'facilitator_id', message: 'Choose the facilitator.' },
  { field: 'member_ids', message: 'Choose from 4 to 8 fellows; 0 chosen.' },
]);

const setSessionInvalid = apiError('validation', 'There are 5 problems with what you entered.', [
  { field: 'meets_on', message: 'A session cannot be recorded before it happens. Record it on or after the day.' },
  { field: 'attendance.10', message: 'Choose present, sent apologies or absent.' },
  { field: 'reviews.201', message: 'Choose done, partly done or not done.' },
  { field: 'presenters.0.fellow_id', message: 'Choose who made this bid.' },
  { field: 'presenters.0.bid_minutes', message: 'Enter the minutes asked for, from 1 to 120.' },
  { field: 'presenters.0.presented', message: 'Actions are committed by presenters: tick "presented" or clear the actions.' },
  { field: 'presenters.0.airtime_seconds', message: 'Airtime must be between 0 and 4 hours.' },
]);

const setDetailInvalid = apiError('validation', 'There are 3 problems with what you entered.', [
  { field: 'ground_rules', message: 'Enter the ground rules the set agreed.' },
  { field: 'agreed_on', message: 'Enter the date they were agreed.' },
  { field: 'meets_on', message: 'Enter the date of the session.' },
]);

function core(signedIn: boolean, needsSetup = false, user = faculty) {
  call.mockImplementation(
    fakeCore({
      app_status: () => status(signedIn ? user : null, { needs_setup: needsSetup, in_demo: signedIn }),
      reference_data: () => reference,
      list_fellows: () => fellows,
      pick_fellows: fellowPicks(),
      page_fellows: () => fellowsPage(),
      list_cohorts: () => cohorts,
      list_hosts: () => hosts,
      pick_hosts: hostPicks(),
      page_hosts: () => hostsPage(),
      get_fellow: () => profile,
      get_host: () => hosts[0],
      cohort_overview: () => overview,
      list_users: () => users,
      list_invitations: () => invitations,
      audit_log: () => auditEntries,
      get_programme: () => ({ id: 1, name: 'North West Fellows', description: 'A year of leadership.' }),
      save_cohort: () => Promise.reject(invalid),
      save_host: () => Promise.reject(invalid),
      save_fellow: () => Promise.reject(invalid),
      setup_programme: () => Promise.reject(invalid),
      list_challenges: () => challenges,
      cohort_board: () => boardPage(),
      get_challenge: () => (user.role === 'host_sponsor' ? sponsorDetail : detail),
      measure_chart: () => measureChart,
      save_challenge: () => Promise.reject(challengeInvalid),
      add_measure_values: () => Promise.reject(badLines),
      reflection_options: () => reflectionOptions,
      list_reflections: () => summaries,
      reflection_insights: () => insights,
      get_reflection: ({ id }) => (user.role !== 'fellow' ? readerReflection : id === 22 ? draftReflection : reflection),
      save_reflection: (input) => (input.finish ? Promise.reject(reflectionInvalid) : draftReflection),
      reflections_shared_with_me: () => sharedWithMe,
      mentoring_overview: () => mentoringOverview,
      my_relationships: () => (user.role === 'faculty' ? [] : relationships),
      get_relationship: () => relationshipDetail,
      set_mentoring_gap: () => Promise.reject(gapInvalid),
      save_relationship: () => Promise.reject(relationshipInvalid),
      log_mentoring_session: () => Promise.reject(sessionInvalid),
      list_learning_sets: () => learningSets,
      get_learning_set: () => (user.role === 'faculty' ? facultySetDetail : user.role === 'mentor' ? facilitatorSetDetail : setDetail),
      save_learning_set: () => Promise.reject(setInvalid),
      save_ground_rules: () => Promise.reject(setDetailInvalid),
      schedule_set_session: () => Promise.reject(setDetailInvalid),
      get_set_session: ({ id }) => ({ ...(id === 62 ? recordedSession : plannedSession), can_record: user.role === 'mentor' }),
      record_set_session: () => Promise.reject(setSessionInvalid),
      ...feedbackHandlers(user),
      ...outcomesHandlers(),
      ...privacyHandlers(),
      ...mailHandlers,
      ...orgSignInHandlers,
      ...secondStepHandlers,
      about: () => ({ version: '0.1.0', log_folder: null }),
    }),
  );
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: null, reference: null, error: null, orgError: null });
});

describe('accessibility', () => {
  it.each([
    ['/fellows', 'Fellows'],
    ['/fellows/new', 'Add a fellow'],
    ['/fellows/7', 'Sam Fellow'],
    ['/fellows/7/edit', 'Edit fellow'],
    ['/cohorts', 'Cohorts'],
    ['/cohorts/new', 'Add a cohort'],
    ['/cohorts/3', 'Cohort 2026/27'],
    ['/cohorts/3/edit', 'Edit cohort'],
    ['/hosts', 'Host organisations'],
    ['/hosts/new', 'Add a host organisation'],
    ['/hosts/5/edit', 'Edit host organisation'],
    ['/users', 'Users'],
    ['/programme', 'Programme'],
    ['/programme/outbox', 'Outbox'],
    ['/account', 'Your account'],
    ['/privacy', 'Data protection'],
    ['/audit', 'Audit trail'],
    ['/challenges', 'Challenges'],
    ['/challenges/new', 'Draft a challenge'],
    ['/challenges/11', 'Reduce delayed discharges on the frailty ward'],
    ['/challenges/11/edit', 'Edit challenge'],
    ['/challenges/11/measures/21', 'Delayed discharges per week'],
    ['/shared', 'Reflections shared with you'],
    ['/reflections/21', 'Board round with a new registrar'],
    ['/mentoring', 'Mentoring and coaching'],
    ['/sets', 'Action learning sets'],
    ['/sets/new', 'Form an action learning set'],
    ['/sets/51', 'Set A'],
    ['/sets/51/edit', 'Change Set A'],
    ['/nowhere', 'Page not found'],
  ])('%s has no serious problems', async (path, heading) => {
    core(true);
    navigate(path, { replace: true });
    render(App);
    const h1 = await screen.findByRole('heading', { level: 1, name: heading });
    await screen.findByTestId('sign-out');
    await new Promise((r) => setTimeout(r, 20));
    expect(document.title).toBe(`${heading} – Fellowship`);
    expect(h1).toHaveFocus();
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect(await seriousViolations()).toEqual([]);
  });

  it.each([
    ['/reflections', 'Reflective log'],
    ['/reflections/new', 'Write a reflection'],
    ['/reflections/21', 'Board round with a new registrar'],
    ['/reflections/22', 'Untitled draft'],
    ['/reflections/22/edit', 'Edit reflection'],
  ])('%s as a fellow has no serious problems', async (path, heading) => {
    core(true, false, fellowUser);
    navigate(path, { replace: true });
    render(App);
    const h1 = await screen.findByRole('heading', { level: 1, name: heading });
    await screen.findByTestId('sign-out');
    await new Promise((r) => setTimeout(r, 20));
    expect(document.title).toBe(`${heading} – Fellowship`);
    expect(h1).toHaveFocus();
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect(await seriousViolations()).toEqual([]);
  });

  it.each([
    ['a fellow', fellowUser, '/fellows/7', 'Sam Fellow'],
    ['a fellow', fellowUser, '/mentoring', 'Mentoring and coaching'],
    ['a mentor', mentorUser, '/mentoring', 'Mentoring and coaching'],
    ['a fellow', fellowUser, '/mentoring/31', 'Coach: Mo Mentor and Sam Fellow'],
    ['a mentor', mentorUser, '/mentoring/31', 'Coach: Mo Mentor and Sam Fellow'],
    ['a fellow', fellowUser, '/sets', 'Action learning sets'],
    ['a fellow', fellowUser, '/sets/51', 'Set A'],
    ['a fellow', fellowUser, '/sets/51/sessions/62', 'Set A: session on 5 November 2026'],
    ['a mentor', mentorUser, '/sets/51', 'Set A'],
    ['a mentor', mentorUser, '/sets/51/sessions/62', 'Set A: session on 5 November 2026'],
    ['a mentor', mentorUser, '/sets/51/sessions/63', 'Set A: session on 14 January 2027'],
  ])('as %s, %s has no serious problems', async (_, who, path, heading) => {
    core(true, false, who);
    navigate(path, { replace: true });
    render(App);
    const h1 = await screen.findByRole('heading', { level: 1, name: heading });
    await screen.findByTestId('sign-out');
    await new Promise((r) => setTimeout(r, 20));
    expect(document.title).toBe(`${heading} – Fellowship`);
    expect(h1).toHaveFocus();
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect(await seriousViolations()).toEqual([]);
  });

  it.each([
    ['save-gap', faculty],
    ['save-relationship', faculty],
    ['log-session', fellowUser],
  ])('mentoring with errors (%s) has no serious problems', async (button, who) => {
    core(true, false, who);
    navigate(who.role === 'faculty' ? '/mentoring' : '/mentoring/31', { replace: true });
    render(App);
    await userEvent.click(await screen.findByTestId(button));
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
  });

  it.each([
    ['/sets/new', 'save-set', faculty],
    ['/sets/51', 'save-ground-rules', mentorUser],
    ['/sets/51', 'schedule-session', faculty],
  ])('%s with errors (%s) has no serious problems', async (path, button, who) => {
    core(true, false, who);
    navigate(path, { replace: true });
    render(App);
    await userEvent.click(await screen.findByTestId(button));
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
  });

  it('a session record with bids, a running timer and errors has no serious problems', async () => {
    core(true, false, mentorUser);
    navigate('/sets/51/sessions/63', { replace: true });
    render(App);
    await userEvent.click(await screen.findByTestId('add-bid'));
    await userEvent.click(screen.getByTestId('add-action-0'));
    await userEvent.click(screen.getByTestId('timer-start-0'));
    await userEvent.click(screen.getByTestId('record-session'));
    await screen.findByRole('alert');
    expect(document.getElementById('presenters.0.airtime_seconds-error')).toBeInTheDocument();
    expect(await seriousViolations()).toEqual([]);
  });

  it('the reflective log, to anyone but a fellow, has no serious problems', async () => {
    core(true);
    navigate('/reflections', { replace: true });
    render(App);
    await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' });
    expect(screen.getByRole('link', { name: /shared with you/ })).toHaveAttribute('href', '#/shared');
    expect(await seriousViolations()).toEqual([]);
  });

  it('a fellow’s entry after sharing and withdrawing has no serious problems', async () => {
    core(true, false, fellowUser);
    const base = call.getMockImplementation()!;
    call.mockImplementation((command: string, args: unknown) => {
      if (command === 'withdraw_reflection_share') return Promise.resolve({ ...reflection, shares: [] });
      return base(command, args);
    });
    navigate('/reflections/21', { replace: true });
    render(App);
    await userEvent.click(await screen.findByTestId('withdraw-share'));
    await screen.findByText('The share with Mo Mentor is withdrawn.');
    await userEvent.click(screen.getByTestId('share-reflection'));
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
  });

  it('a new reflection with errors, after an autosave, has no serious problems', async () => {
    core(true, false, fellowUser);
    navigate('/reflections/new', { replace: true });
    render(App);
    await userEvent.type(await screen.findByLabelText('What?'), 'It overran.');
    await userEvent.click(screen.getByTestId('finish-reflection'));
    await screen.findByRole('alert');
    expect(await screen.findByTestId('autosave-status')).toHaveTextContent(/Draft saved at/);
    expect(await seriousViolations()).toEqual([]);
  });

  it.each([
    ['/cohorts/new', 'save-cohort'],
    ['/hosts/new', 'save-host'],
    ['/fellows/new', 'save-fellow'],
    ['/challenges/new', 'save-challenge'],
    ['/challenges/11/measures/21', 'save-values'],
  ])('%s with errors has no serious problems', async (path, button) => {
    core(true);
    navigate(path, { replace: true });
    render(App);
    await userEvent.click(await screen.findByTestId(button));
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
  });

  it('a challenge with every section and every form open has no serious problems', async () => {
    core(true);
    navigate('/challenges/11', { replace: true });
    render(App);
    await screen.findByRole('heading', { level: 1, name: 'Reduce delayed discharges on the frailty ward' });
    await userEvent.click(screen.getByRole('button', { name: 'Show all sections' }));
    for (const opener of ['open-status-form', 'open-score-form', 'open-action-form', 'open-action-note-form', 'open-measure-form']) {
      await userEvent.click(screen.getByTestId(opener));
    }
    for (const opener of ['open-pdsa-form', 'open-comment-form', 'open-review-draft-form']) {
      await userEvent.click(screen.getByTestId(opener));
    }
    expect(screen.getByTestId('save-review-draft')).toBeInTheDocument();
    expect(await seriousViolations()).toEqual([]);
  });

  it('a challenge as its host sponsor sees it, with the sign form, has no serious problems', async () => {
    core(true, false, sponsorUser);
    navigate('/challenges/11', { replace: true });
    render(App);
    await screen.findByRole('heading', { level: 1, name: 'Reduce delayed discharges on the frailty ward' });
    // Its sections are folded, and the sign form opens when asked for.
    await userEvent.click(screen.getByTestId('section-toggle-reviews'));
    await userEvent.click(screen.getByTestId('open-sign-review'));
    expect(await screen.findByTestId('sign-review')).toBeInTheDocument();
    expect(screen.queryByTestId('open-action-form')).toBeNull();
    expect(await seriousViolations()).toEqual([]);
  });

  it.each([
    ['faculty', '/feedback', '360° feedback', faculty],
    ['faculty', '/feedback/new', 'Open a 360° round', faculty],
    ['faculty', '/feedback/41', 'Baseline (start of year): 2026/27', faculty],
    ['faculty', '/feedback/42', 'End of year: 2026/27', faculty],
    ['faculty', '/feedback/cohorts/3', '360° feedback: cohort 2026/27', faculty],
    ['faculty', '/feedback/frameworks', '360° frameworks', faculty],
    ['faculty', '/feedback/frameworks/new', 'Add a framework', faculty],
    ['faculty', '/feedback/frameworks/1', 'Healthcare Leadership Model (version 1)', faculty],
    ['faculty', '/feedback/frameworks/3', 'Our values (version 1)', faculty],
    ['a fellow', '/feedback', 'Your 360° feedback', fellowUser],
    ['a fellow', '/feedback/41/self', 'Your self-assessment', fellowUser],
    ['a fellow', '/feedback/41/raters', 'Your raters', fellowUser],
    ['a host sponsor', '/feedback', '360° reports shared with you', sponsorUser],
  ])('360° feedback as %s: %s has no serious problems', async (_, path, heading, who) => {
    core(true, false, who);
    navigate(path, { replace: true });
    render(App);
    const h1 = await screen.findByRole('heading', { level: 1, name: heading });
    await screen.findByTestId('sign-out');
    await new Promise((r) => setTimeout(r, 20));
    expect(document.title).toBe(`${heading} – Fellowship`);
    expect(h1).toHaveFocus();
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect(await seriousViolations()).toEqual([]);
  });

  it.each([
    ['/feedback/new', 'open-round', faculty],
    ['/feedback/41', 'nominate', faculty],
    ['/feedback/41/self', 'submit-self', fellowUser],
    ['/feedback/41/raters', 'nominate', fellowUser],
    ['/feedback/frameworks/new', 'save-framework', faculty],
    ['/feedback/frameworks/1', 'save-framework', faculty],
  ])('360° feedback: %s with errors (%s) has no serious problems', async (path, button, who) => {
    core(true, false, who);
    navigate(path, { replace: true });
    render(App);
    await userEvent.click(await screen.findByTestId(button));
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
  });

  it('a 360° round with codes issued and closing asked has no serious problems', async () => {
    core(true);
    navigate('/feedback/41', { replace: true });
    render(App);
    await userEvent.click(await screen.findByTestId('issue-codes'));
    await screen.findAllByTestId('issued-code');
    await userEvent.click(screen.getByTestId('close-round'));
    expect(screen.getByTestId('confirm-close')).toBeInTheDocument();
    expect(await seriousViolations()).toEqual([]);
  });

  it.each([
    [true, 'Welcome to Fellowship'],
    [false, 'Sign in'],
  ])('the start screens have no serious problems (needs setup: %s)', async (needsSetup, heading) => {
    core(false, needsSetup);
    navigate('/', { replace: true });
    render(App);
    await screen.findByRole('heading', { level: 1, name: heading });
    expect(await seriousViolations()).toEqual([]);
  });

  it('the setup form with errors has no serious problems', async () => {
    core(false, true);
    navigate('/setup', { replace: true });
    render(App);
    await userEvent.click(await screen.findByTestId('setup-submit'));
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
  });
});

describe('accessibility of 360° reports and rater mode', () => {
  const released = { ...report, reviewed: true, released: true };
  const unanswered = apiError('validation', 'There are 2 problems with what you entered.', [
    { field: 'answers.1', message: 'Rate "Inspiring shared purpose".' },
    { field: 'answers.2', message: 'Rate "Engaging the team".' },
  ]);

  function feedbackCore(user: typeof faculty | null) {
    call.mockImplementation(
      fakeCore({
        app_status: () => status(user, { in_demo: user !== null }),
        reference_data: () => reference,
        get_feedback_report: ({ round_id }) => (round_id === 70 ? invalidReport : user?.role === 'faculty' ? report : released),
        open_questionnaire: ({ code }) =>
          code === CODE ? lineManagerQuestionnaire : Promise.reject(apiError('validation', 'That code is not recognised.', [{ field: 'code', message: 'That code is not recognised.' }])),
        submit_questionnaire: ({ answers }) => (answers.length < 2 ? Promise.reject(unanswered) : receipt),
      }),
    );
  }

  it.each([
    ['faculty', '/feedback/71/report/7', faculty],
    ['a fellow', '/feedback/71/report/7', fellowUser],
    ['a host sponsor', '/feedback/71/report/7', sponsorUser],
    ['faculty', '/feedback/70/report/7', faculty],
  ])('as %s, the report at %s has no serious problems', async (_, path, who) => {
    feedbackCore(who);
    navigate(path, { replace: true });
    render(App);
    const h1 = await screen.findByRole('heading', { level: 1, name: '360° feedback report: Sam Fellow' });
    await screen.findByTestId('sign-out');
    await new Promise((r) => setTimeout(r, 20));
    expect(document.title).toBe('360° feedback report: Sam Fellow – Fellowship');
    expect(h1).toHaveFocus();
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect(await seriousViolations()).toEqual([]);
  });

  it('a report after a refused release has no serious problems', async () => {
    call.mockImplementation(
      fakeCore({
        app_status: () => status(faculty, { in_demo: true }),
        reference_data: () => reference,
        get_feedback_report: () => ({ ...report, reviewed: true }),
        release_feedback_report: () => Promise.reject(apiError('conflict', 'Review the report before releasing it to the fellow.')),
      }),
    );
    navigate('/feedback/71/report/7', { replace: true });
    render(App);
    await userEvent.click(await screen.findByTestId('release-report'));
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
  });

  it('each step of rater mode, with its errors, has no serious problems', async () => {
    const user = userEvent.setup();
    feedbackCore(null);
    navigate('/rater', { replace: true });
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Give 360° feedback' })).toHaveFocus();
    expect(await seriousViolations()).toEqual([]);

    await user.type(screen.getByLabelText('Your invitation code'), 'WRONG');
    await user.click(screen.getByTestId('open-questionnaire'));
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);

    await user.clear(screen.getByLabelText('Your invitation code'));
    await user.type(screen.getByLabelText('Your invitation code'), CODE);
    await user.click(screen.getByTestId('open-questionnaire'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Feedback for Sam Fellow' })).toHaveFocus();
    expect(screen.getByTestId('not-anonymous')).toBeInTheDocument();
    await user.click(screen.getByTestId('submit-questionnaire'));
    await screen.findByRole('alert');
    expect(document.getElementById('answers.2-error')).toBeInTheDocument();
    expect(await seriousViolations()).toEqual([]);

    await user.click(document.getElementById('rating-1-3')!);
    await user.click(document.getElementById('rating-2-none')!);
    await user.click(screen.getByTestId('submit-questionnaire'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Feedback sent' })).toHaveFocus();
    expect(screen.getByTestId('receipt')).toHaveTextContent(receipt.message);
    expect(await seriousViolations()).toEqual([]);
  });
});

describe('accessibility of alumni outcomes', () => {
  it.each([
    ['/outcomes', 'Alumni outcomes'],
    ['/outcomes/import', 'Import responses from a survey'],
    ['/outcomes/historic', 'Import earlier cohorts'],
    ['/outcomes/waves/2/fellows/22', 'Sam Fellow: 1 year after'],
    ['/outcomes/waves/2/fellows/21', 'Priya Nurse: 1 year after'],
  ])('%s has no serious problems', async (path, heading) => {
    core(true);
    navigate(path, { replace: true });
    render(App);
    const h1 = await screen.findByRole('heading', { level: 1, name: heading });
    await screen.findByTestId('sign-out');
    await new Promise((r) => setTimeout(r, 20));
    expect(document.title).toBe(`${heading} – Fellowship`);
    expect(h1).toHaveFocus();
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect(await seriousViolations()).toEqual([]);
  });

  it.each(['/outcomes/waves/2/fellows/22', '/outcomes/import', '/outcomes/historic'])('%s with errors has no serious problems', async (path) => {
    core(true);
    navigate(path, { replace: true });
    render(App);
    const button = { '/outcomes/import': 'check-import', '/outcomes/historic': 'check-historic' }[path] ?? 'save-response';
    await userEvent.click(await screen.findByTestId(button));
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
  });

  it('a survey import, checked with problems, checked again and imported, has no serious problems', async () => {
    const user = userEvent.setup();
    core(true);
    navigate('/outcomes/import', { replace: true });
    render(App);
    await user.selectOptions(await screen.findByLabelText('Wave'), '1 year after');
    await user.upload(screen.getByLabelText('CSV file exported by the survey tool'), new File([csv], 'survey.csv', { type: 'text/csv' }));
    await user.click(screen.getByTestId('check-import'));
    await screen.findAllByTestId('import-problem');
    expect(await seriousViolations()).toEqual([]);

    await user.click(screen.getByTestId('check-import'));
    await user.click(await screen.findByTestId('confirm-import'));
    await screen.findByTestId('import-done');
    expect(await seriousViolations()).toEqual([]);
  });
});

describe('accessibility of the outcomes dashboard and settings', () => {
  const waveInvalid = apiError('validation', 'There are 3 problems with what you entered.', [
    { field: 'name', message: 'Enter a name for the wave.' },
    { field: 'months_after', message: 'Enter the months after the year ends from 0 to 240.' },
    { field: 'window_days', message: 'Enter the days allowed to respond from 7 to 730.' },
  ]);
  const measureInvalid = apiError('validation', 'There are 5 problems with what you entered.', [
    { field: 'code', message: 'Give a short code of lower-case letters, digits and underscores, starting with a letter.' },
    { field: 'name', message: "Enter the measure's name." },
    { field: 'category', message: 'Choose the kind of outcome.' },
    { field: 'value_type', message: 'Choose what kind of answer it takes.' },
    { field: 'kirkpatrick', message: 'Choose the Kirkpatrick level.' },
  ]);

  function outcomesCore() {
    call.mockImplementation(
      fakeCore({
        app_status: () => status(faculty, { in_demo: true }),
        reference_data: () => outcomesReference,
        list_cohorts: () => outcomeCohorts,
        ...outcomesDashboardHandlers,
        save_outcome_wave: () => Promise.reject(waveInvalid),
        save_outcome_measure: () => Promise.reject(measureInvalid),
      }),
    );
  }

  it.each([
    ['/outcomes/dashboard', 'Outcomes dashboard'],
    ['/outcomes/settings', 'Waves and measures'],
  ])('%s has no serious problems', async (path, heading) => {
    outcomesCore();
    navigate(path, { replace: true });
    render(App);
    const h1 = await screen.findByRole('heading', { level: 1, name: heading });
    await screen.findByTestId('sign-out');
    await screen.findAllByRole('table');
    await new Promise((r) => setTimeout(r, 20));
    expect(document.title).toBe(`${heading} – Fellowship`);
    expect(h1).toHaveFocus();
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect(await seriousViolations()).toEqual([]);
  });

  it('the dashboard prepared for sharing, by profession, has no serious problems', async () => {
    outcomesCore();
    navigate('/outcomes/dashboard', { replace: true });
    render(App);
    await userEvent.click(await screen.findByLabelText(/Prepare for sharing outside faculty/));
    await screen.findByTestId('suppressed');
    await userEvent.click(screen.getByLabelText('By profession'));
    expect(await seriousViolations()).toEqual([]);
  });

  it.each([['save-wave'], ['save-measure']])('the settings with errors (%s) have no serious problems', async (button) => {
    outcomesCore();
    navigate('/outcomes/settings', { replace: true });
    render(App);
    await screen.findAllByRole('table');
    if (button === 'save-measure') {
      await userEvent.click(screen.getByRole('button', { name: 'Change The programme was worthwhile' }));
    } else {
      await userEvent.click(screen.getByTestId('open-wave-form'));
    }
    await userEvent.click(screen.getByTestId(button));
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
  });
});

describe('accessibility of the second step at sign-in', () => {
  function heldCore(need: 'code' | 'setup') {
    call.mockImplementation(
      fakeCore({
        app_status: () => status(null, { second_step: need }),
        verify_second_step: () => Promise.reject(wrongCode()),
        begin_second_step: () => secondStepSetup,
        confirm_second_step: ({ code }) => (code === SECOND_STEP_CODE ? recoveryCodes : Promise.reject(wrongCode())),
      }),
    );
  }

  it.each([
    ['code', 'Enter the code from your authenticator app', 'verify-second-step'],
    ['setup', 'Set up a second step at sign-in', 'confirm-second-step'],
  ] as const)('the %s screen, and with a wrong code, has no serious problems', async (need, heading, button) => {
    heldCore(need);
    render(App);
    const h1 = await screen.findByRole('heading', { level: 1, name: heading });
    await screen.findByTestId(button);
    expect(document.title).toBe(`${heading} – Fellowship`);
    expect(h1).toHaveFocus();
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect(screen.queryByTestId('sign-out')).toBeNull();
    expect(await seriousViolations()).toEqual([]);

    await userEvent.type(screen.getByLabelText('Code'), '000000');
    await userEvent.click(screen.getByTestId(button));
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
  });

  it('the recovery codes, once set up, have no serious problems', async () => {
    heldCore('setup');
    render(App);
    await userEvent.type(await screen.findByTestId('second-step-code'), SECOND_STEP_CODE);
    await userEvent.click(screen.getByTestId('confirm-second-step'));
    await screen.findByTestId('recovery-codes');
    expect(await seriousViolations()).toEqual([]);
  });
});

describe('accessibility of organisation sign-in', () => {
  it.each([false, true])('the sign-in screen offering it (required: %s) has no serious problems', async (required) => {
    call.mockImplementation(fakeCore({ app_status: () => status(null, { org_sign_in: { required } }) }));
    navigate('/', { replace: true });
    render(App);
    const h1 = await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    await screen.findByTestId('org-sign-in');
    expect(h1).toHaveFocus();
    expect(await seriousViolations()).toEqual([]);
  });

  it('the sign-in screen with a refusal has no serious problems', async () => {
    const refused = 'There is no Fellowship account for kim@nhs.net. Ask the programme office to invite you, then sign in again.';
    call.mockImplementation(
      fakeCore({
        app_status: () => status(null, { org_sign_in: { required: true } }),
        begin_org_sign_in: () => Promise.reject(apiError('unauthenticated', refused)),
      }),
    );
    navigate('/', { replace: true });
    render(App);
    await userEvent.click(await screen.findByTestId('org-sign-in'));
    expect(await screen.findByRole('alert')).toHaveTextContent(refused);
    expect(await seriousViolations()).toEqual([]);
  });

  it('the programme page’s settings form with errors has no serious problems', async () => {
    call.mockImplementation(
      fakeCore({
        app_status: () => status(faculty, { in_demo: true, org_sign_in: { required: false } }),
        reference_data: () => reference,
        get_programme: () => ({ id: 1, name: 'North West Fellows', description: 'A year of leadership.' }),
        ...mailHandlers,
        ...orgSignInHandlers,
        ...secondStepHandlers,
        save_org_sign_in: () =>
          Promise.reject(
            apiError('validation', 'There are 2 problems with what you entered.', [
              { field: 'issuer', message: "Enter the provider's issuer address, starting https://." },
              { field: 'required', message: 'Turn organisation sign-in on before requiring it.' },
            ]),
          ),
      }),
    );
    navigate('/programme', { replace: true });
    render(App);
    await userEvent.click(await screen.findByTestId('open-org-form'));
    await userEvent.click(screen.getByTestId('save-org-sign-in'));
    await screen.findByRole('alert');
    expect(document.getElementById('issuer-error')).toBeInTheDocument();
    expect(await seriousViolations()).toEqual([]);
  });
});
