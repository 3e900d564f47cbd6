// Alumni outcomes in the app's nav and routes: faculty only, as what alumni report is personal.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { navigate } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import App from '../../App.svelte';
import { fakeCore } from '../../test/fakeCore';
import { cohorts, faculty, fellowPicks, fellows, fellowUser, hostPicks, hosts, mentorUser, reference, sponsorUser, status } from '../../test/fixtures';
import { outcomesHandlers } from '../../test/outcomesFixtures';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

function core(who: typeof faculty) {
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
      ...outcomesHandlers(),
    }),
  );
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: null, reference: null, error: null });
  navigate('/', { replace: true });
});

describe('alumni outcomes in the nav', () => {
  it('is there for faculty, and leads to the outcomes page', async () => {
    const user = userEvent.setup();
    core(faculty);
    render(App);
    await screen.findByTestId('today-empty');
    const link = within(screen.getByRole('navigation', { name: 'Main' })).getByTestId('nav-outcomes');
    expect(link).toHaveAttribute('href', '#/outcomes');
    expect(link).toHaveTextContent('Outcomes');
    await user.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: 'Alumni outcomes' })).toHaveFocus();
    expect(screen.getByTestId('nav-outcomes')).toHaveAttribute('aria-current', 'page');
  });

  it.each([
    ['a fellow', fellowUser],
    ['a host sponsor', sponsorUser],
    ['a mentor', mentorUser],
  ])('is not there for %s', async (_, who) => {
    core(who);
    render(App);
    await screen.findByTestId('today-empty');
    expect(screen.queryByTestId('nav-outcomes')).toBeNull();
  });
});

describe('alumni outcomes routes', () => {
  it.each([
    ['/outcomes', 'Alumni outcomes'],
    ['/outcomes/import', 'Import responses from a survey'],
    ['/outcomes/waves/2/fellows/22', 'Sam Fellow: 1 year after'],
  ])('%s opens for faculty', async (path, heading) => {
    core(faculty);
    navigate(path, { replace: true });
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
  });

  it('passes the wave and the alumnus to the response page', async () => {
    core(faculty);
    navigate('/outcomes/waves/2/fellows/22', { replace: true });
    render(App);
    await screen.findByRole('heading', { level: 1, name: 'Sam Fellow: 1 year after' });
    expect(call).toHaveBeenCalledWith('get_outcome_response', { fellow_id: 22, wave_id: 2 });
  });

  it.each([
    ['/outcomes', fellowUser],
    ['/outcomes/import', sponsorUser],
    ['/outcomes/waves/2/fellows/22', mentorUser],
  ])('%s is for faculty only', async (path, who) => {
    core(who);
    navigate(path, { replace: true });
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeInTheDocument();
    const commands = call.mock.calls.map(([command]) => command);
    for (const command of ['outcome_follow_up', 'get_outcome_response', 'list_outcome_waves']) expect(commands).not.toContain(command);
  });
});
