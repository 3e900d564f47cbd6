// Data protection in the app's nav and routes: faculty only. A restore ends with everyone
// signing in again, since the accounts may have changed with the data.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { navigate } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import App from '../../App.svelte';
import { fakeCore } from '../../test/fakeCore';
import { cohorts, faculty, fellowPicks, fellows, fellowUser, hostPicks, hosts, mentorUser, reference, sponsorUser, status } from '../../test/fixtures';
import { privacyHandlers, restoreResult } from '../../test/privacyFixtures';

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
      restore_backup: () => restoreResult,
      sign_out: () => status(null),
      ...privacyHandlers(),
    }),
  );
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: null, reference: null, error: null });
  navigate('/', { replace: true });
});

describe('data protection in the nav', () => {
  it('is there for faculty, just before the audit trail, and leads to the page', async () => {
    const user = userEvent.setup();
    core(faculty);
    render(App);
    await screen.findByTestId('today-empty');
    const nav = within(screen.getByRole('navigation', { name: 'Main' }));
    const ids = nav.getAllByRole('link').map((a) => a.dataset.testid);
    expect(ids.indexOf('nav-privacy')).toBe(ids.indexOf('nav-audit') - 1);
    const link = nav.getByTestId('nav-privacy');
    expect(link).toHaveAttribute('href', '#/privacy');
    expect(link).toHaveTextContent('Data protection');
    await user.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: 'Data protection' })).toHaveFocus();
    expect(screen.getByTestId('nav-privacy')).toHaveAttribute('aria-current', 'page');
  });

  it.each([
    ['a fellow', fellowUser],
    ['a host sponsor', sponsorUser],
    ['a mentor', mentorUser],
  ])('is not there for %s, and the page is closed to them', async (_, who) => {
    core(who);
    render(App);
    await screen.findByTestId('today-empty');
    expect(screen.queryByTestId('nav-privacy')).toBeNull();
    navigate('/privacy');
    expect(await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeInTheDocument();
    const commands = call.mock.calls.map(([command]) => command);
    for (const command of ['retention_review', 'list_backups']) expect(commands).not.toContain(command);
  });
});

describe('after a restore', () => {
  it('signs out, back to the sign-in screen', async () => {
    const user = userEvent.setup();
    core(faculty);
    navigate('/privacy', { replace: true });
    render(App);
    await user.click((await screen.findAllByTestId('preview-backup'))[0]);
    await user.click(await screen.findByTestId('restore-confirm'));
    await user.click(screen.getByTestId('restore-backup'));
    await user.click(await screen.findByTestId('sign-in-again'));
    expect(await screen.findByTestId('signin-submit')).toBeInTheDocument();
    expect(screen.queryByTestId('nav-privacy')).toBeNull();
  });
});
