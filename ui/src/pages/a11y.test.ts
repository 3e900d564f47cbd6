// Every page, rendered as the app renders it, checked with axe for serious and critical problems.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { navigate } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import App from '../App.svelte';
import { seriousViolations } from '../test/axe';
import { apiError, fakeCore } from '../test/fakeCore';
import { cohorts, faculty, fellows, hosts, overview, profile, reference, status, users } from '../test/fixtures';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const invalid = apiError('validation', 'There are 2 problems with what you entered.', [
  { field: 'name', message: 'Enter a name.' },
  { field: 'end_date', message: 'The end date must be a real date, like 2026-09-01.' },
  { field: 'kind', message: 'Choose the kind of organisation.' },
  { field: 'status_date', message: 'Enter the date the status took effect.' },
  { field: 'role', message: 'Choose a role.' },
]);

function core(signedIn: boolean, needsSetup = false) {
  call.mockImplementation(
    fakeCore({
      app_status: () => status(signedIn ? faculty : null, { needs_setup: needsSetup, in_demo: signedIn }),
      reference_data: () => reference,
      list_fellows: () => fellows,
      list_cohorts: () => cohorts,
      list_hosts: () => hosts,
      get_fellow: () => profile,
      get_host: () => hosts[0],
      cohort_overview: () => overview,
      list_users: () => users,
      get_programme: () => ({ id: 1, name: 'North West Fellows', description: 'A year of leadership.' }),
      save_cohort: () => Promise.reject(invalid),
      save_host: () => Promise.reject(invalid),
      save_fellow: () => Promise.reject(invalid),
      setup_programme: () => Promise.reject(invalid),
    }),
  );
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: null, reference: null, error: null });
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
    ['/cohorts/new', 'save-cohort'],
    ['/hosts/new', 'save-host'],
    ['/fellows/new', 'save-fellow'],
  ])('%s with errors has no serious problems', async (path, button) => {
    core(true);
    navigate(path, { replace: true });
    render(App);
    await userEvent.click(await screen.findByTestId(button));
    await screen.findByRole('alert');
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
