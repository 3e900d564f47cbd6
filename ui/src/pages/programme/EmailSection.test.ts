import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { MailSettings, MailSettingsInput, Security } from '$lib/api';
import { session } from '$lib/session.svelte';
import { seriousViolations } from '../../test/axe';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { faculty, reference, status } from '../../test/fixtures';
import { mailSettings, mailSettingsOff } from '../../test/mailFixtures';
import EmailSection from './EmailSection.svelte';

const { call } = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call }));

const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);
const field = (id: string) => document.getElementById(id) as HTMLInputElement;

/** What the form sends when nothing is changed from `mailSettings`. */
const unchanged: MailSettingsInput = {
  enabled: true,
  host: 'send.nhs.net',
  port: '587',
  security: 'starttls',
  username: 'fellowship@nhs.net',
  password: '',
  forget_password: false,
  from_address: 'fellowship@nhs.net',
  from_name: 'North West Fellows',
  app_url: 'https://fellowship.example.nhs.uk',
  reminder_days: '7, 2',
  extra_ca: '',
};

function core(settings: MailSettings = mailSettings, handlers: Handlers = {}) {
  call.mockImplementation(
    fakeCore({
      get_mail_settings: () => settings,
      save_mail_settings: (input) => ({
        ...settings,
        enabled: input.enabled,
        host: input.host,
        port: Number(input.port),
        security: input.security as Security,
        username: input.username,
        password_set: input.password !== '' || (settings.password_set && !input.forget_password),
        password_readable: true,
        from_address: input.from_address,
        from_name: input.from_name,
        app_url: input.app_url,
        reminder_days: input.reminder_days.split(/[\s,]+/).filter(Boolean).map(Number),
        extra_ca: input.extra_ca,
      }),
      send_test_email: ({ to }) => ({ message: `A test message was sent to ${to}. Check that it arrived.` }),
      ...handlers,
    }),
  );
}

/** The summary as "Key: value" lines. */
const summaryLines = () =>
  Array.from(screen.getByTestId('mail-summary').querySelectorAll('.nhsuk-summary-list__row')).map(
    (row) => `${row.querySelector('dt')?.textContent?.trim()}: ${row.querySelector('dd')?.textContent?.trim()}`,
  );

/** Renders the section and opens the settings form. */
async function openForm(user: ReturnType<typeof userEvent.setup>) {
  render(EmailSection);
  await user.click(await screen.findByTestId('open-mail-form'));
  return screen.getByTestId('mail-form');
}

beforeEach(() => {
  call.mockReset();
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('the email settings', () => {
  it('sums up the saved settings, with the form folded away until asked for', async () => {
    core();
    render(EmailSection);
    expect(await screen.findByRole('heading', { level: 2, name: 'Email' })).toBeInTheDocument();
    await screen.findByTestId('mail-summary');
    expect(summaryLines()).toEqual([
      'Email: On',
      'SMTP server: send.nhs.net, port 587',
      'Security: STARTTLS',
      'Sender: North West Fellows, fellowship@nhs.net',
      'Address of the app: https://fellowship.example.nhs.uk',
      'Reminders to raters: 7 and 2 days before a round closes',
      'Password: Saved',
    ]);
    // Never the password itself, nor any field of the form.
    expect(screen.getByTestId('mail-summary')).not.toHaveTextContent(/secret/);
    expect(screen.queryByTestId('mail-form')).toBeNull();
    expect(screen.queryByLabelText('SMTP server')).toBeNull();
    expect(screen.getByTestId('open-mail-form')).toHaveTextContent('Change email settings');
    expect(screen.getByRole('button', { name: 'Change email settings' })).toBe(screen.getByTestId('open-mail-form'));
    // Email is on, so a test message is on offer, folded too; the outbox is a link away.
    expect(screen.getByTestId('open-test-email')).toHaveTextContent('Send a test message');
    expect(screen.queryByTestId('test-email-to')).toBeNull();
    expect(screen.getByRole('link', { name: 'See the outbox' })).toHaveAttribute('href', '#/programme/outbox');
    expect(callsOf('get_mail_settings')).toEqual([null]);
  });

  it('opens the form with the saved settings, each with its label, and never the password', async () => {
    const user = userEvent.setup();
    core();
    await openForm(user);
    // The opener gives way to the form, and the cursor goes to its first field.
    expect(screen.queryByTestId('open-mail-form')).toBeNull();
    expect(screen.getByLabelText('Send email from the app')).toHaveFocus();
    expect(screen.getByLabelText('Send email from the app')).toBeChecked();
    expect(screen.getByLabelText('SMTP server')).toHaveValue('send.nhs.net');
    expect(screen.getByLabelText('Port')).toHaveValue('587');
    const security = screen.getByRole('group', { name: 'Security' });
    expect(within(security).getAllByRole('radio')).toHaveLength(3);
    expect(within(security).getByLabelText(/^STARTTLS/)).toBeChecked();
    expect(screen.getByLabelText('Username')).toHaveValue('fellowship@nhs.net');
    const password = screen.getByLabelText('Password');
    expect(password).toHaveAttribute('type', 'password');
    expect(password).toHaveAttribute('autocomplete', 'new-password');
    expect(password).toHaveValue('');
    expect(password).toHaveAccessibleDescription('A password is saved. Leave this blank to keep it.');
    expect(screen.getByLabelText('Forget the saved password')).not.toBeChecked();
    expect(screen.getByLabelText('Sender address')).toHaveValue('fellowship@nhs.net');
    expect(screen.getByLabelText('Sender name')).toHaveValue('North West Fellows');
    const appUrl = screen.getByLabelText('Address of the app');
    expect(appUrl).toHaveValue('https://fellowship.example.nhs.uk');
    expect(appUrl).toHaveAccessibleDescription(/Links in messages start with it, for example https:\/\/fellowship.example.nhs.uk/);
    expect(screen.getByLabelText('Remind raters this many days before a round closes')).toHaveValue('7, 2');
    // The certificate authority is folded away until someone needs it.
    const fold = screen.getByTestId('mail-ca-fold').closest('details');
    expect(fold).not.toHaveAttribute('open');
    expect(within(fold!).getByLabelText("Your organisation's certificate authority (optional)")).toHaveValue('');
    expect(screen.getByRole('link', { name: 'See the outbox' })).toBeInTheDocument();
  });

  it('asks for the password again when it was saved on another computer', async () => {
    const user = userEvent.setup();
    core({ ...mailSettings, password_readable: false });
    await openForm(user);
    expect(summaryLines()).toContain('Password: Saved on another computer: enter it again here');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      'The password was saved on another computer and cannot be read here: enter it again.',
    );
  });

  it('offers to set email up when it never has been, with no test message while it is off', async () => {
    const user = userEvent.setup();
    core(mailSettingsOff);
    render(EmailSection);
    await screen.findByTestId('mail-summary');
    expect(summaryLines()).toEqual(['Email: Off. Nothing is sent: you copy sign-up links and codes from the app yourself.']);
    expect(screen.getByTestId('open-mail-form')).toHaveTextContent('Set up email');
    expect(screen.queryByTestId('open-test-email')).toBeNull();
    expect(screen.queryByTestId('test-email-to')).toBeNull();
    expect(screen.queryByRole('button', { name: /test message/ })).toBeNull();
    expect(screen.getByTestId('outbox-link')).toBeInTheDocument();

    await user.click(screen.getByTestId('open-mail-form'));
    expect(screen.getByLabelText('Send email from the app')).not.toBeChecked();
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(/No password is saved/);
    expect(screen.queryByLabelText('Forget the saved password')).toBeNull();
  });

  it('says "Change email settings" once a server is set, even with email off', async () => {
    core({ ...mailSettings, enabled: false });
    render(EmailSection);
    expect(await screen.findByTestId('open-mail-form')).toHaveTextContent('Change email settings');
    expect(summaryLines()).toEqual(['Email: Off. Nothing is sent: you copy sign-up links and codes from the app yourself.']);
    expect(screen.queryByTestId('open-test-email')).toBeNull();
  });

  it('opens the certificate authority fold when one is saved', async () => {
    const user = userEvent.setup();
    core({ ...mailSettings, extra_ca: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' });
    await openForm(user);
    const box = screen.getByTestId('mail-extra-ca');
    expect(box.closest('details')).toHaveAttribute('open');
    expect(box).toHaveValue('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----');
  });

  it('folds the form away on Cancel, keeping nothing typed', async () => {
    const user = userEvent.setup();
    core();
    await openForm(user);
    await user.clear(screen.getByLabelText('SMTP server'));
    await user.type(screen.getByLabelText('SMTP server'), 'elsewhere.example');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('mail-form')).toBeNull();
    expect(screen.getByTestId('open-mail-form')).toHaveFocus();
    expect(summaryLines()).toContain('SMTP server: send.nhs.net, port 587');
    await user.click(screen.getByTestId('open-mail-form'));
    expect(screen.getByLabelText('SMTP server')).toHaveValue('send.nhs.net');
    expect(callsOf('save_mail_settings')).toEqual([]);
  });

  it('sends what was typed, then folds the form and sums up the saved settings', async () => {
    const user = userEvent.setup();
    core(mailSettingsOff);
    await openForm(user);
    await user.click(screen.getByLabelText('Send email from the app'));
    await user.type(screen.getByLabelText('SMTP server'), 'smtp.example.nhs.uk');
    await user.clear(screen.getByLabelText('Port'));
    await user.type(screen.getByLabelText('Port'), '465');
    await user.click(screen.getByLabelText(/^TLS from the start/));
    await user.type(screen.getByLabelText('Username'), 'office');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.type(screen.getByLabelText('Sender address'), 'office@nhs.net');
    await user.type(screen.getByLabelText('Sender name'), 'Leadership office');
    await user.type(screen.getByLabelText('Address of the app'), 'https://fellowship.example.nhs.uk');
    await user.clear(screen.getByLabelText('Remind raters this many days before a round closes'));
    await user.type(screen.getByLabelText('Remind raters this many days before a round closes'), '10, 3, 1');
    await user.click(screen.getByTestId('save-mail'));

    const banner = await screen.findByTestId('mail-saved');
    expect(banner).toHaveTextContent('Email settings saved.');
    expect(within(banner).getByRole('heading', { name: 'Success' })).toHaveFocus();
    expect(callsOf('save_mail_settings')).toEqual([
      {
        enabled: true,
        host: 'smtp.example.nhs.uk',
        port: '465',
        security: 'tls',
        username: 'office',
        password: 'correct horse',
        forget_password: false,
        from_address: 'office@nhs.net',
        from_name: 'Leadership office',
        app_url: 'https://fellowship.example.nhs.uk',
        reminder_days: '10, 3, 1',
        extra_ca: '',
      },
    ]);
    // The form is folded away; the summary shows what was saved, and never the password.
    expect(screen.queryByTestId('mail-form')).toBeNull();
    expect(summaryLines()).toEqual([
      'Email: On',
      'SMTP server: smtp.example.nhs.uk, port 465',
      'Security: TLS from the start',
      'Sender: Leadership office, office@nhs.net',
      'Address of the app: https://fellowship.example.nhs.uk',
      'Reminders to raters: 10, 3 and 1 days before a round closes',
      'Password: Saved',
    ]);
    expect(screen.queryByText(/correct horse/)).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    // Now set up and on: the opener says "Change", and a test message is on offer.
    expect(screen.getByTestId('open-mail-form')).toHaveTextContent('Change email settings');
    expect(screen.getByTestId('open-test-email')).toBeInTheDocument();

    // Opened again, the form starts from the saved settings, with no password typed.
    await user.click(screen.getByTestId('open-mail-form'));
    expect(screen.queryByTestId('mail-saved')).toBeNull();
    expect(screen.getByLabelText('Password')).toHaveValue('');
    expect(screen.queryByDisplayValue('correct horse')).toBeNull();
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('A password is saved. Leave this blank to keep it.');
    expect(screen.getByLabelText('Forget the saved password')).toBeInTheDocument();
    expect(screen.getByLabelText('SMTP server')).toHaveValue('smtp.example.nhs.uk');
    expect(screen.getByLabelText('Remind raters this many days before a round closes')).toHaveValue('10, 3, 1');
  });

  it('forgets the saved password when asked', async () => {
    const user = userEvent.setup();
    core();
    await openForm(user);
    await user.click(screen.getByLabelText('Forget the saved password'));
    await user.click(screen.getByTestId('save-mail'));
    await screen.findByTestId('mail-saved');
    expect(callsOf('save_mail_settings')).toEqual([{ ...unchanged, forget_password: true }]);
    expect(summaryLines()).toContain('Password: None saved');
    await user.click(screen.getByTestId('open-mail-form'));
    expect(screen.queryByLabelText('Forget the saved password')).toBeNull();
  });

  it('hides the test message once email is turned off', async () => {
    const user = userEvent.setup();
    core();
    render(EmailSection);
    await user.click(await screen.findByTestId('open-test-email'));
    expect(screen.getByTestId('test-email-to')).toBeInTheDocument();
    await user.click(screen.getByTestId('open-mail-form'));
    await user.click(screen.getByLabelText('Send email from the app'));
    await user.click(screen.getByTestId('save-mail'));
    await screen.findByTestId('mail-saved');
    expect(summaryLines()[0]).toMatch(/^Email: Off/);
    expect(screen.queryByTestId('open-test-email')).toBeNull();
    expect(screen.queryByTestId('test-email-to')).toBeNull();
  });

  it('keeps the form open on a failed save, with each problem beside its field and everything typed', async () => {
    const user = userEvent.setup();
    core(mailSettings, {
      save_mail_settings: () => {
        throw apiError('validation', 'There are 3 problems with what you entered.', [
          { field: 'host', message: 'Enter the server\'s name only, like send.nhs.net, without a port or address.' },
          { field: 'reminder_days', message: 'Enter days as whole numbers from 1 to 60, separated by commas, like 7, 2.' },
          { field: 'extra_ca', message: 'Paste the certificate in PEM form, from -----BEGIN CERTIFICATE----- to its END line.' },
        ]);
      },
    });
    await openForm(user);
    await user.clear(screen.getByLabelText('SMTP server'));
    await user.type(screen.getByLabelText('SMTP server'), 'send.nhs.net:587');
    await user.type(screen.getByLabelText('Password'), 'new secret');
    await user.clear(screen.getByLabelText('Remind raters this many days before a round closes'));
    await user.type(screen.getByLabelText('Remind raters this many days before a round closes'), 'a week');
    await user.click(screen.getByTestId('mail-ca-fold'));
    await user.type(screen.getByTestId('mail-extra-ca'), 'not a certificate');
    await user.click(screen.getByTestId('save-mail'));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('The email settings were not saved');
    expect(summary).toHaveFocus();
    expect(within(summary).getByText(/Enter the server's name only/)).toHaveAttribute('href', '#mail_host');
    expect(within(summary).getByText(/Enter days as whole numbers/)).toHaveAttribute('href', '#mail_reminder_days');
    expect(document.getElementById('mail_host-error')).toHaveTextContent("Enter the server's name only");
    expect(field('mail_host')).toHaveAttribute('aria-describedby', 'mail_host-hint mail_host-error');
    expect(document.getElementById('mail_reminder_days-error')).toHaveTextContent('Enter days as whole numbers');
    expect(document.getElementById('mail_extra_ca-error')).toHaveTextContent('Paste the certificate in PEM form');
    expect(screen.getByTestId('mail-extra-ca').closest('details')).toHaveAttribute('open');
    // The form stays open and nothing typed is lost, not even the password.
    expect(screen.getByTestId('mail-form')).toBeInTheDocument();
    expect(screen.queryByTestId('open-mail-form')).toBeNull();
    expect(field('mail_host')).toHaveValue('send.nhs.net:587');
    expect(field('mail_password')).toHaveValue('new secret');
    expect(field('mail_reminder_days')).toHaveValue('a week');
    expect(screen.getByTestId('mail-extra-ca')).toHaveValue('not a certificate');
    expect(screen.queryByTestId('mail-saved')).toBeNull();
    // The summary still shows what is saved.
    expect(summaryLines()).toContain('SMTP server: send.nhs.net, port 587');
    expect(callsOf('save_mail_settings')).toEqual([
      { ...unchanged, host: 'send.nhs.net:587', password: 'new secret', reminder_days: 'a week', extra_ca: 'not a certificate' },
    ]);

    // Following a summary link puts the cursor in that field.
    await user.click(within(summary).getByText(/Enter days as whole numbers/));
    expect(field('mail_reminder_days')).toHaveFocus();
  });

  it('says when the settings cannot be loaded', async () => {
    core(mailSettings, {
      get_mail_settings: () => {
        throw apiError('forbidden', 'Only programme faculty can do this.');
      },
    });
    render(EmailSection);
    expect(await screen.findByRole('alert')).toHaveTextContent('Only programme faculty can do this.');
    expect(screen.queryByTestId('mail-summary')).toBeNull();
    expect(screen.queryByTestId('open-mail-form')).toBeNull();
  });
});

describe('a test message', () => {
  it('opens on asking, goes to the signed-in person by default, and says what the server answered', async () => {
    const user = userEvent.setup();
    core();
    render(EmailSection);
    await user.click(await screen.findByTestId('open-test-email'));
    const to = screen.getByLabelText('Email address to send it to');
    expect(to).toHaveFocus();
    expect(to).toHaveValue('ada@nhs.net');
    await user.click(screen.getByTestId('send-test-email'));

    const sent = await screen.findByTestId('test-email-sent');
    expect(sent).toHaveTextContent('A test message was sent to ada@nhs.net. Check that it arrived.');
    expect(within(sent).getByRole('heading', { name: 'Success' })).toHaveFocus();
    expect(callsOf('send_test_email')).toEqual([{ to: 'ada@nhs.net' }]);

    // Close folds it away again.
    await user.click(screen.getByTestId('close-test-email'));
    expect(screen.queryByTestId('test-email-to')).toBeNull();
    expect(screen.getByTestId('open-test-email')).toHaveFocus();
  });

  it('shows the server’s reason beside the address, and keeps the address', async () => {
    const user = userEvent.setup();
    const refused = 'The message was not sent. 535 5.7.3 Authentication unsuccessful';
    core(mailSettings, {
      send_test_email: () => {
        throw apiError('validation', refused, [{ field: 'to', message: refused }]);
      },
    });
    render(EmailSection);
    await user.click(await screen.findByTestId('open-test-email'));
    const to = screen.getByLabelText('Email address to send it to');
    await user.clear(to);
    await user.type(to, 'office@nhs.net');
    await user.click(screen.getByTestId('send-test-email'));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('The test message was not sent');
    expect(within(summary).getByText(refused)).toHaveAttribute('href', '#test_to');
    expect(document.getElementById('test_to-error')).toHaveTextContent(refused);
    expect(to).toHaveAttribute('aria-describedby', 'test_to-error');
    expect(to).toHaveValue('office@nhs.net');
    expect(screen.queryByTestId('test-email-sent')).toBeNull();
    expect(callsOf('send_test_email')).toEqual([{ to: 'office@nhs.net' }]);
    // The settings form has no complaint of its own.
    expect(document.getElementById('mail_host-error')).toBeNull();
  });
});

describe('the email section’s accessibility', () => {
  it('has no serious problems: folded, filled, with errors, and saved', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    core(mailSettings, {
      save_mail_settings: () => {
        attempts += 1;
        if (attempts === 1) {
          throw apiError('validation', 'There are 2 problems with what you entered.', [
            { field: 'security', message: 'Choose how the connection is protected.' },
            { field: 'password', message: 'Enter the password for this username.' },
          ]);
        }
        return mailSettings;
      },
      send_test_email: () => {
        throw apiError('validation', 'Enter the address to send the test message to.', [
          { field: 'to', message: 'Enter the address to send the test message to.' },
        ]);
      },
    });
    render(EmailSection);
    await screen.findByTestId('mail-summary');
    expect(await seriousViolations()).toEqual([]);

    await user.click(screen.getByTestId('open-mail-form'));
    expect(await seriousViolations()).toEqual([]);

    await user.click(screen.getByTestId('save-mail'));
    await screen.findByRole('alert');
    expect(document.getElementById('mail_security-error')).toHaveTextContent('Choose how the connection is protected.');
    expect(document.getElementById('mail_password-error')).toHaveTextContent('Enter the password for this username.');
    expect(await seriousViolations()).toEqual([]);

    await user.click(screen.getByTestId('save-mail'));
    await screen.findByTestId('mail-saved');
    expect(await seriousViolations()).toEqual([]);

    await user.click(screen.getByTestId('open-test-email'));
    await user.click(screen.getByTestId('send-test-email'));
    await screen.findByRole('alert');
    expect(await seriousViolations()).toEqual([]);
  });
});
