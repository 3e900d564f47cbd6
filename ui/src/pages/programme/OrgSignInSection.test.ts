import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { EmailClaim, OrgSignInInput, OrgSignInSettings } from '$lib/api';
import { session } from '$lib/session.svelte';
import { seriousViolations } from '../../test/axe';
import { apiError, fakeCore, type Handlers } from '../../test/fakeCore';
import { faculty, reference, status } from '../../test/fixtures';
import { mailSettings } from '../../test/mailFixtures';
import { CLIENT_ID, ISSUER, orgSignInOff, orgSignInOn } from '../../test/orgSignInFixtures';
import { secondStepHandlers } from '../../test/secondStepFixtures';
import OrgSignInSection from './OrgSignInSection.svelte';
import ProgrammePage from './ProgrammePage.svelte';

const { call, inDesktopApp } = vi.hoisted(() => ({ call: vi.fn(), inDesktopApp: vi.fn() }));
vi.mock('$lib/api/transport', () => ({ call, inDesktopApp }));

const callsOf = (name: string) => call.mock.calls.filter(([command]) => command === name).map(([, args]) => args);
const REQUIRED_HINT =
  'Passwords are then refused, except for accounts you allow on the Users page. Raters keep using their codes. Sign in with your organisation account once yourself first.';
const WHO = 'Only the programme server needs one; the desktop app signs in without.';

/** What the form sends when nothing is changed from `orgSignInOn`. */
const unchanged: OrgSignInInput = {
  enabled: true,
  issuer: ISSUER,
  client_id: CLIENT_ID,
  client_secret: '',
  forget_secret: false,
  email_claim: 'preferred_username',
  required: false,
};

function core(settings: OrgSignInSettings = orgSignInOn, handlers: Handlers = {}) {
  call.mockImplementation(
    fakeCore({
      get_org_sign_in: () => settings,
      save_org_sign_in: (input) => ({
        ...settings,
        enabled: input.enabled,
        issuer: input.issuer,
        client_id: input.client_id,
        secret_set: input.client_secret !== '' || (settings.secret_set && !input.forget_secret),
        secret_readable: true,
        email_claim: input.email_claim as EmailClaim,
        required: input.required,
      }),
      get_programme: () => ({ id: 1, name: 'North West Fellows', description: '' }),
      get_mail_settings: () => mailSettings,
      ...secondStepHandlers,
      ...handlers,
    }),
  );
}

/** The summary as "Key: value" lines. */
const summaryLines = () =>
  Array.from(screen.getByTestId('org-summary').querySelectorAll('.nhsuk-summary-list__row')).map(
    (row) => `${row.querySelector('dt')?.textContent?.trim()}: ${row.querySelector('dd')?.textContent?.trim()}`,
  );

async function openForm(user: ReturnType<typeof userEvent.setup>) {
  render(OrgSignInSection);
  await user.click(await screen.findByTestId('open-org-form'));
  return screen.getByTestId('org-form');
}

beforeEach(() => {
  call.mockReset();
  inDesktopApp.mockReset();
  inDesktopApp.mockReturnValue(false);
  Object.assign(session, { status: status(faculty), reference, error: null });
});

describe('the organisation sign-in settings', () => {
  it('is a section of the programme page, after email', async () => {
    core();
    render(ProgrammePage);
    const heading = await screen.findByRole('heading', { level: 2, name: 'Organisation sign-in' });
    const email = screen.getByRole('heading', { level: 2, name: 'Email' });
    expect(email.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(await screen.findByTestId('org-summary')).toBeInTheDocument();
  });

  it('sums up the saved settings, with the form folded away until asked for', async () => {
    core();
    render(OrgSignInSection);
    await screen.findByTestId('org-summary');
    expect(summaryLines()).toEqual([
      'Organisation sign-in: On',
      `Issuer address: ${ISSUER}`,
      `Client (application) id: ${CLIENT_ID}`,
      'Client secret: Kept',
      'Email address claim: preferred_username',
      'Required: No: passwords work too',
    ]);
    expect(screen.queryByTestId('org-form')).toBeNull();
    expect(screen.getByRole('button', { name: 'Change organisation sign-in settings' })).toBe(screen.getByTestId('open-org-form'));
    expect(callsOf('get_org_sign_in')).toEqual([null]);
  });

  it('sums up settings never made', async () => {
    core(orgSignInOff);
    render(OrgSignInSection);
    await screen.findByTestId('org-summary');
    expect(summaryLines()).toEqual([
      'Organisation sign-in: Off',
      'Issuer address: Not set',
      'Client (application) id: Not set',
      'Client secret: None kept',
      'Email address claim: email',
      'Required: No: passwords work too',
    ]);
  });

  it('opens the form with the saved settings, each labelled, and never the secret', async () => {
    const user = userEvent.setup();
    core();
    await openForm(user);
    expect(screen.getByLabelText("Offer sign-in with the organisation's account")).toHaveFocus();
    expect(screen.getByLabelText("Offer sign-in with the organisation's account")).toBeChecked();
    const issuer = screen.getByLabelText('Issuer address');
    expect(issuer).toHaveAttribute('id', 'issuer');
    expect(issuer).toHaveValue(ISSUER);
    expect(issuer).toHaveAccessibleDescription(
      'For Microsoft Entra ID: https://login.microsoftonline.com/<Directory (tenant) ID>/v2.0',
    );
    expect(screen.getByLabelText('Client (application) id')).toHaveAttribute('id', 'client_id');
    expect(screen.getByLabelText('Client (application) id')).toHaveValue(CLIENT_ID);
    const secret = screen.getByLabelText('Client secret');
    expect(secret).toHaveAttribute('id', 'client_secret');
    expect(secret).toHaveAttribute('type', 'password');
    expect(secret).toHaveAttribute('autocomplete', 'off');
    expect(secret).toHaveValue('');
    expect(secret).toHaveAccessibleDescription(`A secret is kept: leave this empty to keep it. ${WHO}`);
    expect(screen.getByLabelText('Forget the kept secret')).toHaveAttribute('id', 'forget_secret');
    expect(screen.getByLabelText('Forget the kept secret')).not.toBeChecked();
    const claim = screen.getByRole('group', { name: 'Which claim holds the email address' });
    expect(claim).toHaveAttribute('id', 'email_claim');
    expect(within(claim).getAllByRole('radio')).toHaveLength(2);
    expect(within(claim).getByLabelText(/^preferred_username/)).toBeChecked();
    const required = screen.getByLabelText('Require organisation sign-in');
    expect(required).toHaveAttribute('id', 'required');
    expect(required).not.toBeChecked();
    expect(required).toHaveAccessibleDescription(REQUIRED_HINT);
    expect(screen.getByTestId('save-org-sign-in')).toHaveTextContent('Save organisation sign-in settings');
  });

  it('gives the return addresses to register at the provider', async () => {
    const user = userEvent.setup();
    core();
    await openForm(user);
    expect(screen.getByTestId('org-return-browser')).toHaveTextContent(`${window.location.origin}/`);
    expect(screen.getByTestId('org-return-desktop')).toHaveTextContent('http://127.0.0.1/callback');
    expect(screen.getByTestId('org-return-addresses')).toHaveTextContent('(any port)');
  });

  it('in the desktop app, gives only the desktop app’s return address', async () => {
    const user = userEvent.setup();
    inDesktopApp.mockReturnValue(true);
    core();
    await openForm(user);
    expect(screen.queryByTestId('org-return-browser')).toBeNull();
    expect(screen.getByTestId('org-return-desktop')).toHaveTextContent('http://127.0.0.1/callback');
  });

  it('says when no secret is kept, with nothing to forget', async () => {
    const user = userEvent.setup();
    core(orgSignInOff);
    await openForm(user);
    expect(screen.getByLabelText('Client secret')).toHaveAccessibleDescription(WHO);
    expect(screen.queryByLabelText('Forget the kept secret')).toBeNull();
    expect(screen.getByLabelText("Offer sign-in with the organisation's account")).not.toBeChecked();
  });

  it('asks for the secret again when it was saved on another computer', async () => {
    const user = userEvent.setup();
    core({ ...orgSignInOn, secret_readable: false });
    await openForm(user);
    expect(summaryLines()).toContain('Client secret: Kept on another computer: enter it again here');
    expect(screen.getByLabelText('Client secret')).toHaveAccessibleDescription(
      `The secret was saved on another computer: enter it again. ${WHO}`,
    );
  });

  it('sends what was typed, then folds the form and sums up the saved settings', async () => {
    const user = userEvent.setup();
    session.status = status(faculty, { org_sign_in: null });
    core(orgSignInOff);
    await openForm(user);
    await user.click(screen.getByLabelText("Offer sign-in with the organisation's account"));
    await user.type(screen.getByLabelText('Issuer address'), ISSUER);
    await user.type(screen.getByLabelText('Client (application) id'), CLIENT_ID);
    await user.type(screen.getByLabelText('Client secret'), 'a secret value');
    await user.click(screen.getByLabelText(/^preferred_username/));
    await user.click(screen.getByLabelText('Require organisation sign-in'));
    await user.click(screen.getByTestId('save-org-sign-in'));

    expect(await screen.findByTestId('confirmation')).toHaveTextContent('Organisation sign-in settings saved.');
    expect(callsOf('save_org_sign_in')).toEqual([
      { ...unchanged, client_secret: 'a secret value', required: true },
    ]);
    expect(screen.queryByTestId('org-form')).toBeNull();
    expect(screen.getByTestId('open-org-form')).toHaveFocus();
    expect(summaryLines()).toEqual([
      'Organisation sign-in: On',
      `Issuer address: ${ISSUER}`,
      `Client (application) id: ${CLIENT_ID}`,
      'Client secret: Kept',
      'Email address claim: preferred_username',
      'Required: Yes: passwords only for accounts allowed on the Users page',
    ]);
    expect(screen.queryByText(/a secret value/)).toBeNull();
    // The rest of the app (the Users page) knows organisation sign-in is on.
    expect(session.status?.org_sign_in).toEqual({ required: true });

    // Opened again, the form starts from the saved settings, with no secret typed.
    await user.click(screen.getByTestId('open-org-form'));
    expect(screen.queryByTestId('confirmation')).toBeNull();
    expect(screen.getByLabelText('Client secret')).toHaveValue('');
    expect(screen.getByLabelText('Client secret')).toHaveAccessibleDescription(`A secret is kept: leave this empty to keep it. ${WHO}`);
    expect(screen.getByLabelText('Forget the kept secret')).toBeInTheDocument();
  });

  it('forgets the kept secret when asked', async () => {
    const user = userEvent.setup();
    core();
    await openForm(user);
    await user.click(screen.getByLabelText('Forget the kept secret'));
    await user.click(screen.getByTestId('save-org-sign-in'));
    await screen.findByTestId('confirmation');
    expect(callsOf('save_org_sign_in')).toEqual([{ ...unchanged, forget_secret: true }]);
    expect(summaryLines()).toContain('Client secret: None kept');
  });

  it('folds the form away on Cancel, keeping nothing typed', async () => {
    const user = userEvent.setup();
    core();
    await openForm(user);
    await user.clear(screen.getByLabelText('Issuer address'));
    await user.type(screen.getByLabelText('Issuer address'), 'https://elsewhere.example');
    await user.click(screen.getByTestId('cancel-org-sign-in'));
    expect(screen.queryByTestId('org-form')).toBeNull();
    expect(screen.getByTestId('open-org-form')).toHaveFocus();
    await user.click(screen.getByTestId('open-org-form'));
    expect(screen.getByLabelText('Issuer address')).toHaveValue(ISSUER);
    expect(callsOf('save_org_sign_in')).toEqual([]);
  });

  it('keeps the form open on a failed save, with each problem beside its field and everything typed', async () => {
    const user = userEvent.setup();
    const problems = [
      { field: 'issuer', message: "Enter the provider's issuer address, starting https://, like https://login.microsoftonline.com/<tenant id>/v2.0." },
      { field: 'client_id', message: 'Enter the client (application) id the provider gave this app.' },
      { field: 'email_claim', message: 'Choose which claim holds the email address.' },
      { field: 'required', message: 'Sign in with your organisation account once yourself before requiring it, so nobody is locked out.' },
    ];
    core(orgSignInOff, {
      save_org_sign_in: () => Promise.reject(apiError('validation', 'There are 4 problems with what you entered.', problems)),
    });
    await openForm(user);
    await user.click(screen.getByLabelText("Offer sign-in with the organisation's account"));
    await user.type(screen.getByLabelText('Issuer address'), 'login.example');
    await user.type(screen.getByLabelText('Client secret'), 'typed secret');
    await user.click(screen.getByLabelText('Require organisation sign-in'));
    await user.click(screen.getByTestId('save-org-sign-in'));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('The organisation sign-in settings were not saved');
    for (const { field, message } of problems) {
      expect(within(summary).getByText(message)).toHaveAttribute('href', `#${field}`);
      expect(document.getElementById(`${field}-error`)).toHaveTextContent(message);
    }
    expect(screen.getByLabelText('Issuer address')).toHaveAttribute('aria-describedby', 'issuer-hint issuer-error');
    expect(screen.getByLabelText('Issuer address')).toHaveValue('login.example');
    expect(screen.getByLabelText('Client secret')).toHaveValue('typed secret');
    expect(screen.getByLabelText("Offer sign-in with the organisation's account")).toBeChecked();
    expect(screen.getByLabelText('Require organisation sign-in')).toBeChecked();
    expect(screen.getByTestId('org-form')).toBeInTheDocument();
    expect(screen.queryByTestId('confirmation')).toBeNull();
    expect(await seriousViolations()).toEqual([]);
  });

  it('says so when the settings cannot be loaded', async () => {
    core(orgSignInOn, { get_org_sign_in: () => Promise.reject(apiError('internal', 'Something went wrong.')) });
    render(OrgSignInSection);
    expect(await screen.findByRole('alert')).toHaveTextContent('The organisation sign-in settings could not be loaded');
    expect(screen.queryByTestId('open-org-form')).toBeNull();
  });

  it('has no serious accessibility problems, open and once saved', async () => {
    const user = userEvent.setup();
    core();
    await openForm(user);
    expect(await seriousViolations()).toEqual([]);
    await user.click(screen.getByTestId('save-org-sign-in'));
    await screen.findByTestId('confirmation');
    expect(await seriousViolations()).toEqual([]);
  });
});
