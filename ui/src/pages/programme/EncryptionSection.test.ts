import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { session } from '$lib/session.svelte';
import { seriousViolations } from '../../test/axe';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { faculty, reference, status } from '../../test/fixtures';
import { mailSettings } from '../../test/mailFixtures';
import { orgSignInHandlers } from '../../test/orgSignInFixtures';
import { secondStepHandlers } from '../../test/secondStepFixtures';
import ProgrammePage from './ProgrammePage.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const PASSPHRASE = 'otter lantern quarry mosaic';
const ON =
  "The programme's records are encrypted on this computer (SQLCipher, AES-256). The passphrase is asked for each time Fellowship starts.";
const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);

function core(handlers: Handlers = {}) {
  call.mockImplementation(
    fakeCore({
      get_programme: () => ({ id: 1, name: 'North West Fellows', description: 'A year of leadership.' }),
      encrypt_database: () => status(faculty, { encrypted: true }),
      get_mail_settings: () => mailSettings,
      ...orgSignInHandlers,
      ...secondStepHandlers,
      ...handlers,
    }),
  );
}

async function fill(user: ReturnType<typeof userEvent.setup>, passphrase: string, confirm: string, tick: boolean) {
  await user.type(await screen.findByTestId('encrypt-passphrase'), passphrase);
  await user.type(screen.getByTestId('encrypt-passphrase-confirm'), confirm);
  if (tick) await user.click(screen.getByTestId('encrypt-understood'));
  await user.click(screen.getByTestId('encrypt-database'));
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('encrypting the programme’s records', () => {
  it('warns before encrypting, and lays out the form', async () => {
    core();
    render(ProgrammePage);
    expect(await screen.findByRole('heading', { level: 2, name: 'Encryption' })).toBeInTheDocument();
    expect(screen.getByText(/Without the passphrase nobody, including IT, can recover/)).toBeInTheDocument();
    expect(screen.getByText(/password manager/)).toBeInTheDocument();
    expect(screen.getByText('Backups made before now are replaced by one encrypted copy.')).toBeInTheDocument();
    const passphrase = screen.getByLabelText('Passphrase');
    expect(passphrase).toBe(screen.getByTestId('encrypt-passphrase'));
    expect(passphrase).toHaveAttribute('type', 'password');
    expect(passphrase).toHaveAccessibleDescription('At least 12 characters; a few unrelated words work well');
    expect(screen.getByLabelText('Confirm passphrase')).toBe(screen.getByTestId('encrypt-passphrase-confirm'));
    expect(screen.getByLabelText('I have stored the passphrase somewhere safe')).toBe(screen.getByTestId('encrypt-understood'));
    expect(screen.getByTestId('encrypt-database')).toHaveTextContent("Encrypt the programme's records");
    expect(screen.queryByTestId('encryption-on')).toBeNull();
  });

  it('will not send until the user says the passphrase is stored', async () => {
    const user = userEvent.setup();
    core();
    render(ProgrammePage);
    await fill(user, PASSPHRASE, PASSPHRASE, false);

    expect(await screen.findByRole('alert')).toHaveTextContent('Confirm that you have stored the passphrase somewhere safe.');
    expect(document.getElementById('encrypt-understood-error')).toHaveTextContent(
      'Confirm that you have stored the passphrase somewhere safe.',
    );
    expect(screen.getByTestId('encrypt-understood')).toHaveAttribute('aria-describedby', 'encrypt-understood-error');
    expect(callsOf('encrypt_database')).toEqual([]);
    expect(screen.getByTestId('encrypt-passphrase')).toHaveValue(PASSPHRASE);
    expect(screen.getByTestId('encrypt-passphrase-confirm')).toHaveValue(PASSPHRASE);

    // Ticking it and sending again clears the complaint.
    await user.click(screen.getByTestId('encrypt-understood'));
    await user.click(screen.getByTestId('encrypt-database'));
    expect(await screen.findByTestId('encryption-done')).toBeInTheDocument();
    expect(document.getElementById('encrypt-understood-error')).toBeNull();
  });

  it('shows the core’s problems beside their fields and keeps the form filled', async () => {
    const user = userEvent.setup();
    core({
      encrypt_database: () => {
        throw apiError('validation', 'There are 2 problems with what you entered.', [
          { field: 'passphrase', message: 'Use a passphrase of at least 12 characters.' },
          { field: 'passphrase_confirm', message: 'The two passphrases are not the same.' },
        ]);
      },
    });
    render(ProgrammePage);
    await fill(user, 'short', 'shorter', true);

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Use a passphrase of at least 12 characters.');
    expect(summary).toHaveTextContent('The two passphrases are not the same.');
    expect(screen.getByText('Use a passphrase of at least 12 characters.', { selector: 'a' })).toHaveAttribute(
      'href',
      '#encrypt-passphrase',
    );
    expect(document.getElementById('encrypt-passphrase-error')).toHaveTextContent('Use a passphrase of at least 12 characters.');
    expect(document.getElementById('encrypt-passphrase-confirm-error')).toHaveTextContent('The two passphrases are not the same.');
    expect(screen.getByTestId('encrypt-passphrase')).toHaveValue('short');
    expect(screen.getByTestId('encrypt-passphrase-confirm')).toHaveValue('shorter');
    expect(screen.getByTestId('encrypt-understood')).toBeChecked();
    expect(callsOf('encrypt_database')).toEqual([{ passphrase: 'short', passphrase_confirm: 'shorter' }]);
    expect(screen.queryByTestId('encryption-done')).toBeNull();
    expect(session.status?.encrypted).toBe(false);
  });

  it('encrypts, applies the new status and says so', async () => {
    const user = userEvent.setup();
    core();
    render(ProgrammePage);
    await fill(user, PASSPHRASE, PASSPHRASE, true);

    const done = await screen.findByTestId('encryption-done');
    expect(done).toHaveTextContent("The programme's records are now encrypted.");
    expect(screen.getByRole('heading', { level: 3, name: 'Success' })).toHaveFocus();
    expect(screen.getByTestId('encryption-on')).toHaveTextContent(ON);
    expect(session.status).toMatchObject({ encrypted: true, user: faculty });
    expect(callsOf('encrypt_database')).toEqual([{ passphrase: PASSPHRASE, passphrase_confirm: PASSPHRASE }]);
    // The form, and the passphrases in it, are gone.
    expect(screen.queryByTestId('encrypt-passphrase')).toBeNull();
    expect(screen.queryByDisplayValue(PASSPHRASE)).toBeNull();
  });

  it('says when the records are already encrypted, with no form', async () => {
    session.status = status(faculty, { encrypted: true });
    core();
    render(ProgrammePage);
    expect(await screen.findByTestId('encryption-on')).toHaveTextContent(ON);
    expect(screen.queryByTestId('encrypt-database')).toBeNull();
    expect(screen.queryByTestId('encryption-done')).toBeNull();
  });

  it('says the demo is not encrypted, with no form', async () => {
    session.status = status(faculty, { in_demo: true });
    core();
    render(ProgrammePage);
    expect(await screen.findByTestId('encryption-demo')).toHaveTextContent('not encrypted');
    expect(screen.queryByTestId('encrypt-database')).toBeNull();
    expect(screen.queryByTestId('encryption-on')).toBeNull();
  });

  it('has no serious accessibility problems: the form with errors, and after encrypting', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    core({
      encrypt_database: () => {
        attempts += 1;
        if (attempts === 1) {
          throw apiError('validation', 'The two passphrases are not the same.', [
            { field: 'passphrase_confirm', message: 'The two passphrases are not the same.' },
          ]);
        }
        return status(faculty, { encrypted: true });
      },
    });
    render(ProgrammePage);
    await screen.findByTestId('save-programme');
    expect(await seriousViolations()).toEqual([]);

    await fill(user, PASSPHRASE, 'something else', false);
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);

    await user.click(screen.getByTestId('encrypt-understood'));
    await user.click(screen.getByTestId('encrypt-database'));
    expect(await screen.findByRole('alert')).toHaveTextContent('The two passphrases are not the same.');
    expect(await seriousViolations()).toEqual([]);

    await user.clear(screen.getByTestId('encrypt-passphrase-confirm'));
    await user.type(screen.getByTestId('encrypt-passphrase-confirm'), PASSPHRASE);
    await user.click(screen.getByTestId('encrypt-database'));
    await screen.findByTestId('encryption-done');
    expect(await seriousViolations()).toEqual([]);
  });
});
