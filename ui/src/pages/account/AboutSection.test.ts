import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { About } from '$lib/api';
import { session } from '$lib/session.svelte';
import { seriousViolations } from '../../test/axe';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { fellowUser, reference, status } from '../../test/fixtures';
import AboutSection from './AboutSection.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);
const FOLDER = 'C:\\Users\\jo\\AppData\\Roaming\\uk.nhs.fellowship\\logs';
const desktop: About = { version: '0.1.0', log_folder: FOLDER };
const SERVER_LOG = "The programme server keeps its own log; ask your programme office's IT if something went wrong.";

function core(about: About = desktop, handlers: Handlers = {}) {
  call.mockImplementation(fakeCore({ about: () => about, open_log_folder: () => about, ...handlers }));
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(fellowUser), reference, error: null });
});

describe('about Fellowship', () => {
  it('in the desktop app, shows the version and the log folder, and opens it', async () => {
    const user = userEvent.setup();
    core();
    render(AboutSection);
    expect(screen.getByRole('heading', { level: 2, name: 'About Fellowship' })).toBeInTheDocument();
    expect(await screen.findByTestId('about-version')).toHaveTextContent('Version 0.1.0');
    const folder = screen.getByTestId('log-folder');
    expect(folder.tagName).toBe('CODE');
    expect(folder).toHaveTextContent(FOLDER);
    expect(screen.getByText(/a file a day for the last 14 days/)).toBeInTheDocument();
    expect(screen.queryByTestId('server-log')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Open the log folder' }));
    expect(await screen.findByRole('status')).toHaveTextContent('The log folder was opened.');
    expect(callsOf('open_log_folder')).toEqual([null]);
    expect(await seriousViolations()).toEqual([]);
  });

  it('says why the folder did not open, beside the button, and keeps the button', async () => {
    const user = userEvent.setup();
    const message = 'The log folder could not be opened: no file manager was found.';
    core(desktop, {
      open_log_folder: () => {
        throw apiError('internal', message);
      },
    });
    render(AboutSection);
    const button = await screen.findByRole('button', { name: 'Open the log folder' });
    await user.click(button);

    const result = await screen.findByTestId('log-folder-result');
    await vi.waitFor(() => expect(result).toHaveTextContent(`Error: ${message}`));
    expect(result).toHaveAttribute('role', 'status');
    expect(result).not.toHaveTextContent('The log folder was opened.');
    expect(button).toBeEnabled();
    expect(button).toHaveAccessibleDescription(`Error: ${message}`);
    expect(await seriousViolations()).toEqual([]);
  });

  it('in a browser, says the server keeps its own log and offers no button', async () => {
    core({ version: '0.1.0', log_folder: null });
    render(AboutSection);
    expect(await screen.findByTestId('server-log')).toHaveTextContent(SERVER_LOG);
    expect(screen.getByTestId('about-version')).toHaveTextContent('Version 0.1.0');
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByTestId('log-folder')).toBeNull();
  });

  it('shows why the details could not be loaded', async () => {
    core(desktop, {
      about: () => {
        throw apiError('internal', 'The app could not be reached.');
      },
    });
    render(AboutSection);
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('The app could not be reached.');
    expect(screen.queryByTestId('about-version')).toBeNull();
  });
});
