import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { session } from '$lib/session.svelte';
import { navigate } from '$lib/router.svelte';
import type { Cohort, ReflectionInput } from '$lib/api';
import { cohorts, faculty, fellowPicks, fellows, fellowsPage, fellowUser, hostPicks, hosts, mentorUser, reference, sponsorUser, status } from './test/fixtures';
import { draftReflection, insights, reflectionOptions, sharedWithMe, summaries } from './test/reflectionFixtures';
import { apiError, fakeCore, type Handlers } from './test/fakeCore';
import App from './App.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const signedIn: Handlers = {
  reference_data: () => reference,
  list_fellows: () => fellows,
  pick_fellows: fellowPicks(),
  page_fellows: () => fellowsPage(),
  list_cohorts: () => cohorts,
  list_hosts: () => hosts,
  pick_hosts: hostPicks(),
  my_today: () => ({ on: '2026-12-03', since: null, items: [] }),
};

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: null, reference: null, error: null });
  navigate('/', { replace: true });
});

describe('starting the app', () => {
  it('welcomes a new install, and sets up a programme keeping what was typed through errors', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    call.mockImplementation(
      fakeCore({
        ...signedIn,
        app_status: () => status(null, { needs_setup: true, programme: null }),
        setup_programme: (input) => {
          attempts += 1;
          if (input.password !== input.password_confirm) {
            throw apiError('validation', 'The two passwords are not the same.', [
              { field: 'password_confirm', message: 'The two passwords are not the same.' },
            ]);
          }
          return status(faculty);
        },
      }),
    );
    render(App);

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Fellowship' })).toHaveFocus();
    expect(document.title).toBe('Welcome to Fellowship – Fellowship');
    expect(screen.getByTestId('welcome-demo')).toHaveTextContent('Explore the demo programme');
    await user.click(screen.getByTestId('welcome-start'));

    await user.type(screen.getByLabelText('Programme name'), 'North West Fellows');
    await user.type(screen.getByLabelText('Your full name'), 'Ada Lovelace');
    await user.type(screen.getByLabelText('Email address'), 'ada@nhs.net');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.type(screen.getByLabelText('Confirm password'), 'correct horse');
    await user.click(screen.getByTestId('setup-submit'));

    expect(await screen.findByRole('alert')).toHaveTextContent('The two passwords are not the same.');
    expect(document.getElementById('password_confirm-error')).toHaveTextContent('The two passwords are not the same.');
    expect(screen.getByLabelText('Programme name')).toHaveValue('North West Fellows');
    expect(screen.getByLabelText('Password')).toHaveValue('correct horse battery');

    await user.clear(screen.getByLabelText('Confirm password'));
    await user.type(screen.getByLabelText('Confirm password'), 'correct horse battery');
    await user.click(screen.getByTestId('setup-submit'));

    // The new programme's first page is its Today.
    expect(await screen.findByRole('heading', { level: 1, name: /Today/ })).toBeInTheDocument();
    expect(attempts).toBe(2);
    expect(window.location.hash).toBe('#/');
    expect(screen.getByRole('banner')).toHaveTextContent('North West Fellows');
  });

  it('asks an existing programme’s users to sign in, and shows a wrong password beside the field', async () => {
    const user = userEvent.setup();
    call.mockImplementation(
      fakeCore({
        ...signedIn,
        app_status: () => status(null),
        sign_in: (input) => {
          if (input.password !== 'right password') {
            throw apiError('validation', 'The email address or password is not right.', [
              { field: 'password', message: 'The email address or password is not right.' },
            ]);
          }
          return status(faculty);
        },
      }),
    );
    render(App);

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Email address'), 'ada@nhs.net');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByTestId('signin-submit'));
    expect(await screen.findByText('The email address or password is not right.', { selector: 'a' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email address')).toHaveValue('ada@nhs.net');

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), 'right password');
    await user.click(screen.getByTestId('signin-submit'));
    expect(await screen.findByTestId('today-empty')).toHaveTextContent('Nothing needs you today, Ada.');
    expect(screen.getByText('Ada Lovelace')).toBeInTheDocument();
  });
});

describe('signed in', () => {
  it('gives faculty every section and the add buttons', async () => {
    call.mockImplementation(fakeCore({ ...signedIn, app_status: () => status(faculty) }));
    navigate('/fellows', { replace: true });
    render(App);
    await screen.findAllByTestId('fellow-row');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    for (const id of ['nav-fellows', 'nav-challenges', 'nav-cohorts', 'nav-hosts', 'nav-users', 'nav-programme']) {
      expect(within(nav).getByTestId(id)).toBeInTheDocument();
    }
    expect(screen.getByTestId('nav-fellows')).toHaveAttribute('aria-current', 'page');
    expect(screen.getByTestId('add-fellow')).toBeInTheDocument();
    expect(screen.getByText('2 fellows')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toBeInTheDocument();
  });

  it('hides faculty-only sections and buttons from a fellow', async () => {
    call.mockImplementation(fakeCore({ ...signedIn, app_status: () => status(fellowUser), list_fellows: () => [fellows[0]], page_fellows: () => fellowsPage([fellows[0]]) }));
    render(App);
    await screen.findByTestId('today-empty');
    // The menu is what the core says a fellow may use: their own profile, not a list of fellows.
    expect(screen.getByTestId('nav-today')).toHaveAttribute('aria-current', 'page');
    expect(screen.getByTestId('nav-profile')).toHaveAttribute('href', '#/fellows/7');
    expect(screen.queryByTestId('nav-fellows')).toBeNull();
    expect(screen.queryByTestId('nav-users')).toBeNull();
    expect(screen.queryByTestId('nav-programme')).toBeNull();
    expect(screen.getByTestId('nav-challenges')).toHaveAttribute('href', '#/challenges');
    navigate('/fellows');
    await screen.findAllByTestId('fellow-row');
    expect(screen.queryByTestId('add-fellow')).toBeNull();

    navigate('/users');
    expect(await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeInTheDocument();
  });

  it('shows the demo banner, and leaving the demo returns to the start', async () => {
    const user = userEvent.setup();
    call.mockImplementation(
      fakeCore({
        ...signedIn,
        app_status: () => status(faculty, { in_demo: true }),
        leave_demo: () => status(null, { needs_setup: true, programme: null }),
      }),
    );
    render(App);
    expect(await screen.findByText('You are exploring the demo programme. Nothing here is real.')).toBeInTheDocument();
    await user.click(screen.getByTestId('leave-demo'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Fellowship' })).toBeInTheDocument();
    expect(screen.queryByTestId('leave-demo')).toBeNull();
  });

  it('signs out', async () => {
    const user = userEvent.setup();
    call.mockImplementation(
      fakeCore({ ...signedIn, app_status: () => status(faculty), sign_out: () => status(null) }),
    );
    render(App);
    await screen.findByTestId('today-empty');
    await user.click(screen.getByTestId('sign-out'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });

  it('goes back to sign in when the core says the session has ended', async () => {
    let expired = false;
    call.mockImplementation(
      fakeCore({
        ...signedIn,
        app_status: () => status(expired ? null : faculty),
        list_cohorts: () => {
          if (expired) throw apiError('unauthenticated', 'You were signed out after 30 minutes without activity. Sign in again to carry on.');
          return cohorts;
        },
      }),
    );
    render(App);
    await screen.findByTestId('today-empty');
    expired = true;
    navigate('/cohorts');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    // The sign-in screen says why, so nobody wonders where their work went.
    expect(await screen.findByTestId('signed-out-notice')).toHaveTextContent('signed out after 30 minutes without activity');
  });

  it('confirms a save on the page it leads to, and back and forward work', async () => {
    const user = userEvent.setup();
    const saved: Cohort = { id: 4, name: '2027/28', start_date: '2027-09-01', end_date: '2028-08-31', fellow_count: 0 };
    call.mockImplementation(fakeCore({ ...signedIn, app_status: () => status(faculty), save_cohort: () => saved }));
    render(App);
    await screen.findByTestId('today-empty');

    await user.click(screen.getByTestId('nav-cohorts'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Cohorts' })).toHaveFocus();
    expect(document.title).toBe('Cohorts – Fellowship');
    await user.click(screen.getByTestId('add-cohort'));
    await user.type(await screen.findByLabelText('Cohort name'), '2027/28');
    await user.click(screen.getByTestId('save-cohort'));

    expect(await screen.findByRole('status')).toHaveTextContent('Cohort 2027/28 saved.');
    expect(screen.getByRole('heading', { level: 1, name: 'Cohorts' })).toBeInTheDocument();

    history.back();
    expect(await screen.findByRole('heading', { level: 1, name: 'Add a cohort' })).toBeInTheDocument();
    expect(screen.queryByRole('status')).toBeNull();
    history.back();
    expect(await screen.findByRole('heading', { level: 1, name: 'Cohorts' })).toBeInTheDocument();
    history.forward();
    expect(await screen.findByRole('heading', { level: 1, name: 'Add a cohort' })).toBeInTheDocument();
  });

  it('shows a page that cannot be loaded as an error, not a blank page', async () => {
    call.mockImplementation(
      fakeCore({
        ...signedIn,
        app_status: () => status(faculty),
        get_fellow: () => {
          throw apiError('not_found', 'That record does not exist or you do not have access to it.');
        },
      }),
    );
    render(App);
    await screen.findByTestId('today-empty');
    navigate('/fellows/99');
    expect(await screen.findByRole('alert')).toHaveTextContent('That record does not exist or you do not have access to it.');
    expect(screen.getByRole('heading', { level: 1 })).toBeInTheDocument();
  });
});

describe('the reflective log', () => {
  it('is in a fellow’s nav as Reflections', async () => {
    const user = userEvent.setup();
    call.mockImplementation(
      fakeCore({
        ...signedIn,
        app_status: () => status(fellowUser),
        reflection_options: () => reflectionOptions,
        list_reflections: () => summaries,
        reflection_insights: () => insights,
      }),
    );
    render(App);
    await screen.findByTestId('today-empty');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByTestId('nav-reflections')).toHaveAttribute('href', '#/reflections');
    expect(within(nav).getByTestId('nav-reflections')).toHaveTextContent('Reflections');
    expect(within(nav).queryByTestId('nav-shared')).toBeNull();
    await user.click(screen.getByTestId('nav-reflections'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Reflective log' })).toHaveFocus();
    expect(await screen.findAllByTestId('reflection-row')).toHaveLength(2);
    expect(screen.getByTestId('nav-reflections')).toHaveAttribute('aria-current', 'page');
  });

  it.each([
    ['faculty', faculty],
    ['a host sponsor', sponsorUser],
  ])('is in the nav of %s as Shared reflections, and the log itself is for fellows', async (_, who) => {
    const user = userEvent.setup();
    call.mockImplementation(
      fakeCore({ ...signedIn, app_status: () => status(who), reflections_shared_with_me: () => sharedWithMe }),
    );
    render(App);
    await screen.findByTestId('today-empty');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByTestId('nav-shared')).toHaveAttribute('href', '#/shared');
    expect(within(nav).getByTestId('nav-shared')).toHaveTextContent('Shared reflections');
    expect(within(nav).queryByTestId('nav-reflections')).toBeNull();
    await user.click(screen.getByTestId('nav-shared'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Reflections shared with you' })).toBeInTheDocument();
    expect(await screen.findAllByTestId('shared-row')).toHaveLength(1);

    navigate('/reflections/new');
    expect(await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeInTheDocument();
    expect(screen.getByText('Only fellows keep a reflective log.')).toBeInTheDocument();
  });

  it('keeps a new entry’s page, focus and text when its first autosave gives it an address', async () => {
    const user = userEvent.setup();
    call.mockImplementation(
      fakeCore({
        ...signedIn,
        app_status: () => status(fellowUser),
        reflection_options: () => reflectionOptions,
        save_reflection: (input: ReflectionInput) => ({ ...draftReflection, id: input.id ?? 30 }),
      }),
    );
    navigate('/reflections/new', { replace: true });
    render(App);
    const heading = await screen.findByRole('heading', { level: 1, name: 'Write a reflection' });
    const what = await screen.findByLabelText('What?');
    await user.type(what, 'The board round overran.');
    await waitFor(() => expect(window.location.hash).toBe('#/reflections/30/edit'), { timeout: 2500 });
    expect(screen.getByTestId('autosave-status')).toHaveTextContent(/Draft saved at/);
    expect(screen.getByRole('heading', { level: 1 })).toBe(heading);
    expect(screen.getByLabelText('What?')).toBe(what);
    expect(what).toHaveFocus();
    expect(what).toHaveValue('The board round overran.');
    expect(call).not.toHaveBeenCalledWith('get_reflection', expect.anything());
    // The nav still marks the log as where the user is.
    expect(screen.getByTestId('nav-reflections')).toHaveAttribute('aria-current', 'page');
  });
});

describe('mentoring and coaching', () => {
  it.each([
    ['faculty', faculty],
    ['a fellow', fellowUser],
    ['a mentor', mentorUser],
  ])('is in the nav of %s', async (_, who) => {
    const user = userEvent.setup();
    call.mockImplementation(
      fakeCore({
        ...signedIn,
        app_status: () => status(who),
        my_relationships: () => [],
        mentoring_overview: () => ({ gap_days: 42, rows: [] }),
        list_users: () => [],
      }),
    );
    render(App);
    await screen.findByTestId('today-empty');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByTestId('nav-mentoring')).toHaveAttribute('href', '#/mentoring');
    expect(within(nav).getByTestId('nav-mentoring')).toHaveTextContent('Mentoring');
    await user.click(screen.getByTestId('nav-mentoring'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Mentoring and coaching' })).toHaveFocus();
    expect(screen.getByTestId('nav-mentoring')).toHaveAttribute('aria-current', 'page');
  });

  it('is not in a host sponsor’s nav', async () => {
    call.mockImplementation(fakeCore({ ...signedIn, app_status: () => status(sponsorUser) }));
    render(App);
    await screen.findByTestId('today-empty');
    expect(screen.getByTestId('nav-shared')).toBeInTheDocument();
    expect(screen.queryByTestId('nav-mentoring')).toBeNull();
  });
});

describe('action learning sets', () => {
  it.each([
    ['faculty', faculty],
    ['a fellow', fellowUser],
    ['a mentor', mentorUser],
  ])('are in the nav of %s, after mentoring', async (_, who) => {
    const user = userEvent.setup();
    call.mockImplementation(fakeCore({ ...signedIn, app_status: () => status(who), list_learning_sets: () => [] }));
    render(App);
    await screen.findByTestId('today-empty');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const links = within(nav).getAllByRole('link').map((a) => a.getAttribute('data-testid'));
    expect(links.indexOf('nav-sets')).toBe(links.indexOf('nav-mentoring') + 1);
    expect(within(nav).getByTestId('nav-sets')).toHaveAttribute('href', '#/sets');
    expect(within(nav).getByTestId('nav-sets')).toHaveTextContent('Learning sets');
    await user.click(screen.getByTestId('nav-sets'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Action learning sets' })).toHaveFocus();
    expect(screen.getByTestId('nav-sets')).toHaveAttribute('aria-current', 'page');
  });

  it('are not in a host sponsor’s nav', async () => {
    call.mockImplementation(fakeCore({ ...signedIn, app_status: () => status(sponsorUser) }));
    render(App);
    await screen.findByTestId('today-empty');
    expect(screen.queryByTestId('nav-sets')).toBeNull();
  });

  it('forming a set is for faculty only', async () => {
    call.mockImplementation(fakeCore({ ...signedIn, app_status: () => status(fellowUser) }));
    navigate('/sets/new', { replace: true });
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeInTheDocument();
    expect(call.mock.calls.map(([command]) => command)).not.toContain('list_users');
  });
});
