// 360° feedback in the app's nav and routes, kept apart from App.test.ts so the feature's
// tests live together.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { navigate } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import App from '../../App.svelte';
import { fakeCore, type Handlers } from '../../test/fakeCore';
import { cohorts, faculty, fellowPicks, fellows, fellowUser, hostPicks, hosts, mentorUser, reference, sponsorUser, status } from '../../test/fixtures';
import { feedbackHandlers } from '../../test/feedbackFixtures';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

function core(who: typeof faculty, extra: Handlers = {}) {
  call.mockImplementation(
    fakeCore({
      app_status: () => status(who),
      reference_data: () => reference,
      list_fellows: () => fellows,
      pick_fellows: fellowPicks(),
      list_cohorts: () => cohorts,
      list_hosts: () => hosts,
      pick_hosts: hostPicks(),
      my_today: () => ({ on: '2026-12-03', since: null, items: [] }),
      ...feedbackHandlers(who),
      ...extra,
    }),
  );
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: null, reference: null, error: null });
  navigate('/', { replace: true });
});

describe('360° feedback in the nav', () => {
  it.each([
    ['faculty', faculty, '360° feedback'],
    ['a fellow', fellowUser, 'Your 360° feedback'],
    ['a host sponsor', sponsorUser, '360° reports shared with you'],
  ])('is there for %s', async (_, who, heading) => {
    const user = userEvent.setup();
    core(who);
    render(App);
    await screen.findByTestId('today-empty');
    const link = within(screen.getByRole('navigation', { name: 'Main' })).getByTestId('nav-feedback');
    expect(link).toHaveAttribute('href', '#/feedback');
    expect(link).toHaveTextContent('360° feedback');
    await user.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toHaveFocus();
    expect(screen.getByTestId('nav-feedback')).toHaveAttribute('aria-current', 'page');
  });

  it('is not there for a mentor', async () => {
    core(mentorUser);
    render(App);
    await screen.findByTestId('today-empty');
    expect(screen.queryByTestId('nav-feedback')).toBeNull();
  });
});

describe('360° feedback routes', () => {
  it.each([
    ['/feedback/new', fellowUser],
    ['/feedback/41', fellowUser],
    ['/feedback/cohorts/3', sponsorUser],
    ['/feedback/frameworks', fellowUser],
    ['/feedback/frameworks/new', sponsorUser],
    ['/feedback/frameworks/1', fellowUser],
  ])('%s is for faculty only', async (path, who) => {
    core(who);
    navigate(path, { replace: true });
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeInTheDocument();
    const commands = call.mock.calls.map(([command]) => command);
    expect(commands).not.toContain('feedback_round_progress');
    expect(commands).not.toContain('get_framework');
  });

  it.each(['/feedback/41/self', '/feedback/41/raters'])('%s is for fellows only, and says so', async (path) => {
    core(faculty);
    navigate(path, { replace: true });
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeInTheDocument();
    expect(screen.getByText('Only fellows complete their own self-assessment and nominate their own raters.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to 360° feedback' })).toHaveAttribute('href', '#/feedback');
  });

  it.each([
    ['/feedback/new', 'Open a 360° round'],
    ['/feedback/cohorts/3', '360° feedback: cohort 2026/27'],
    ['/feedback/41', 'Baseline (start of year): 2026/27'],
    ['/feedback/frameworks', '360° frameworks'],
    ['/feedback/frameworks/new', 'Add a framework'],
    ['/feedback/frameworks/1', 'Healthcare Leadership Model (version 1)'],
  ])('%s goes to its own page, not the round page', async (path, heading) => {
    core(faculty);
    navigate(path, { replace: true });
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
  });

  it('reaches the frameworks from the faculty 360° page', async () => {
    const user = userEvent.setup();
    core(faculty);
    navigate('/feedback', { replace: true });
    render(App);
    await user.click(await screen.findByTestId('frameworks-link'));
    expect(await screen.findByRole('heading', { level: 1, name: '360° frameworks' })).toHaveFocus();
    expect(await screen.findAllByTestId('framework-row')).toHaveLength(3);
  });
});
