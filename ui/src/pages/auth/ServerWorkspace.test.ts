import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { WorkspaceInfo } from '$lib/api';
import { navigate } from '$lib/router.svelte';
import { session } from '$lib/session.svelte';
import { seriousViolations } from '../../test/axe';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { faculty, reference, status } from '../../test/fixtures';
import App from '../../App.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const SERVER = 'https://fellowship.example.nhs.uk';
const insecure = apiError('validation', 'Use an https:// address: passwords and records must not cross the network unencrypted.', [
  { field: 'url', message: 'Use an https:// address: passwords and records must not cross the network unencrypted.' },
]);
const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);

/** A desktop app whose own programme is new, and a server whose programme is set up. */
function desktop(handlers: Handlers = {}, startOn: string | null = null) {
  let server: string | null = startOn;
  const info = (): WorkspaceInfo => ({ server, can_switch: true });
  call.mockImplementation(
    fakeCore({
      workspace_info: info,
      app_status: () => (server ? status(null, { programme: { id: 1, name: 'London Fellows', description: '' } }) : status(null, { needs_setup: true, programme: null })),
      open_server_workspace: ({ url }) => {
        if (!url.startsWith('https://')) throw insecure;
        server = url;
        return info();
      },
      open_local_workspace: () => {
        server = null;
        return info();
      },
      reference_data: () => reference,
      ...handlers,
    }),
  );
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: null, reference: null, error: null, notice: null });
  navigate('/', { replace: true });
});

describe('choosing a programme server in the desktop app', () => {
  it('opens a server by its address, then signs in there', async () => {
    const user = userEvent.setup();
    desktop();
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Fellowship' })).toBeInTheDocument();
    await user.click(await screen.findByText("Use your programme office's server"));
    const field = screen.getByLabelText('Programme server address');
    expect(field).toHaveAttribute('id', 'server-url');
    await user.type(field, SERVER);
    await user.click(screen.getByTestId('workspace-open'));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText('Sign in to London Fellows.')).toBeInTheDocument();
    expect(await screen.findByTestId('workspace-server')).toHaveTextContent(
      `This app is using the programme server at ${SERVER}.`,
    );
    expect(callsOf('open_server_workspace')).toEqual([{ url: SERVER }]);
  });

  it('shows a refused address beside the field and keeps it', async () => {
    const user = userEvent.setup();
    desktop();
    render(App);
    await user.click(await screen.findByText("Use your programme office's server"));
    await user.type(screen.getByLabelText('Programme server address'), 'http://fellowship.example.nhs.uk');
    await user.click(screen.getByTestId('workspace-open'));

    expect(await screen.findByRole('alert')).toHaveTextContent('Use an https:// address');
    expect(document.getElementById('server-url-error')).toHaveTextContent('Use an https:// address');
    expect(screen.getByTestId('server-url')).toHaveValue('http://fellowship.example.nhs.uk');
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome to Fellowship' })).toBeInTheDocument();
    expect(await seriousViolations()).toEqual([]);
  });

  it('goes back to the programme on this computer', async () => {
    const user = userEvent.setup();
    desktop({}, SERVER);
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    await user.click(await screen.findByTestId('workspace-local'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Fellowship' })).toBeInTheDocument();
    expect(await screen.findByTestId('workspace-choose')).toBeInTheDocument();
    expect(callsOf('open_local_workspace')).toEqual([null]);
  });

  it('offers the way back when the server cannot be reached', async () => {
    const user = userEvent.setup();
    const unreachable = apiError('internal', `Could not reach the programme server at ${SERVER}: connection refused`);
    let down = true;
    desktop({}, SERVER);
    const answer = call.getMockImplementation()!;
    call.mockImplementation((command: string, args: unknown) => {
      if (command === 'open_local_workspace') down = false;
      if (command === 'app_status' && down) throw unreachable;
      return answer(command, args);
    });
    render(App);
    expect(await screen.findByRole('heading', { name: 'Fellowship could not start' })).toBeInTheDocument();
    await user.click(await screen.findByTestId('workspace-local'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Fellowship' })).toBeInTheDocument();
  });

  it('is not offered in a browser, which is always on its own server (nor is a demo there)', async () => {
    call.mockImplementation(
      fakeCore({
        workspace_info: () => ({ server: null, can_switch: false }),
        app_status: () => status(null, { demo_available: false }),
      }),
    );
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    await vi.waitFor(() => expect(callsOf('workspace_info')).toHaveLength(1));
    expect(screen.queryByTestId('workspace')).toBeNull();
    expect(screen.queryByTestId('welcome-demo')).toBeNull();
    expect(screen.queryByText('Or look around a programme filled with made-up fellows:')).toBeNull();
  });
});

describe('a sign-up link opened while signed in', () => {
  it('says to sign out first rather than "page not found"', async () => {
    call.mockImplementation(
      fakeCore({ app_status: () => status(faculty), reference_data: () => reference }),
    );
    navigate('/join/abc123', { replace: true });
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'You are already signed in' })).toBeInTheDocument();
    expect(screen.getByTestId('signed-out-only')).toHaveTextContent(
      'This sign-up link is for someone who does not have an account yet. You are signed in as Ada Lovelace. To use it, sign out first, then open it again.',
    );
  });
});
