import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { navigate } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { seriousViolations } from '../../test/axe';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { cohorts, faculty, fellowPicks, fellows, hostPicks, hosts, reference, status } from '../../test/fixtures';
import App from '../../App.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const PASSPHRASE = 'otter lantern quarry mosaic';
const wrong = apiError('validation', 'That passphrase does not open this database.', [
  { field: 'passphrase', message: 'That passphrase does not open this database.' },
]);
const locked = () => status(null, { locked: true, encrypted: true, programme: null });
const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);

function core(handlers: Handlers = {}) {
  let open = false;
  call.mockImplementation(
    fakeCore({
      app_status: () => (open ? status(null, { encrypted: true }) : locked()),
      unlock: ({ passphrase }) => {
        if (passphrase !== PASSPHRASE) throw wrong;
        open = true;
        return status(null, { encrypted: true });
      },
      reference_data: () => reference,
      list_fellows: () => fellows,
      pick_fellows: fellowPicks(),
      list_cohorts: () => cohorts,
      list_hosts: () => hosts,
      pick_hosts: hostPicks(),
      ...handlers,
    }),
  );
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: null, reference: null, error: null, notice: null });
  navigate('/', { replace: true });
});

describe('an encrypted programme', () => {
  it('asks for its passphrase before anything else', async () => {
    core();
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Enter the passphrase' })).toHaveFocus();
    expect(document.title).toBe('Enter the passphrase – Fellowship');
    expect(
      screen.getByText(
        "This programme's records are encrypted on this computer. Enter the passphrase your programme office chose when it turned encryption on.",
      ),
    ).toBeInTheDocument();
    const input = screen.getByLabelText('Passphrase');
    expect(input).toBe(screen.getByTestId('unlock-passphrase'));
    expect(input).toHaveAttribute('id', 'unlock-passphrase');
    expect(input).toHaveAttribute('type', 'password');
    expect(input).toHaveAttribute('autocomplete', 'off');
    expect(screen.getByTestId('unlock')).toHaveTextContent('Unlock');
    expect(screen.queryByTestId('signin-submit')).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
  });

  it('shows a wrong passphrase beside the field and keeps what was typed', async () => {
    const user = userEvent.setup();
    core();
    render(App);
    await user.type(await screen.findByTestId('unlock-passphrase'), 'otter lantern');
    await user.click(screen.getByTestId('unlock'));

    expect(await screen.findByRole('alert')).toHaveTextContent('That passphrase does not open this database.');
    expect(document.getElementById('unlock-passphrase-error')).toHaveTextContent('That passphrase does not open this database.');
    expect(screen.getByTestId('unlock-passphrase')).toHaveAttribute('aria-describedby', 'unlock-passphrase-error');
    expect(screen.getByText('That passphrase does not open this database.', { selector: 'a' })).toHaveAttribute(
      'href',
      '#unlock-passphrase',
    );
    expect(screen.getByTestId('unlock-passphrase')).toHaveValue('otter lantern');
    expect(screen.getByRole('heading', { level: 1, name: 'Enter the passphrase' })).toBeInTheDocument();
    expect(callsOf('unlock')).toEqual([{ passphrase: 'otter lantern' }]);
  });

  it('opens with the right passphrase, then asks the user to sign in', async () => {
    const user = userEvent.setup();
    core();
    render(App);
    await user.type(await screen.findByTestId('unlock-passphrase'), PASSPHRASE);
    await user.click(screen.getByTestId('unlock'));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText('Sign in to North West Fellows.')).toBeInTheDocument();
    expect(screen.queryByTestId('unlock-passphrase')).toBeNull();
    expect(session.status).toMatchObject({ locked: false, encrypted: true, user: null });
    expect(callsOf('unlock')).toEqual([{ passphrase: PASSPHRASE }]);
  });

  it('asks for the passphrase even on the way to rater mode', async () => {
    core();
    navigate('/rater', { replace: true });
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Enter the passphrase' })).toBeInTheDocument();
  });

  it('still offers the demo, which is not encrypted', async () => {
    const user = userEvent.setup();
    core({
      explore_demo: () => status(faculty, { in_demo: true }),
      my_today: () => ({ on: '2026-12-03', since: null, items: [] }),
    });
    render(App);
    await user.click(await screen.findByTestId('welcome-demo'));
    expect(await screen.findByTestId('today-empty')).toBeInTheDocument();
    expect(screen.getByText('You are exploring the demo programme. Nothing here is real.')).toBeInTheDocument();
  });

  it('has no serious accessibility problems, with a wrong passphrase shown', async () => {
    const user = userEvent.setup();
    core();
    render(App);
    expect(await seriousViolations()).toEqual([]);
    await user.type(await screen.findByTestId('unlock-passphrase'), 'nope');
    await user.click(screen.getByTestId('unlock'));
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
  });
});
