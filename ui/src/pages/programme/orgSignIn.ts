// The organisation sign-in settings as the form holds them and the section sums them up. The
// client secret never comes back from the core: the form says only whether one is kept.
import type { OrgSignInInput, OrgSignInSettings } from '$lib/api';
import type { SummaryRow } from './mail';

/** Where the desktop app listens for the browser's return, on whatever port is free. */
export const DESKTOP_RETURN = 'http://127.0.0.1/callback';

/** The form's starting values: the saved settings, no secret typed. */
export function orgForm(settings: OrgSignInSettings): OrgSignInInput {
  return {
    enabled: settings.enabled,
    issuer: settings.issuer,
    client_id: settings.client_id,
    client_secret: '',
    forget_secret: false,
    email_claim: settings.email_claim,
    required: settings.required,
  };
}

/** The secret's hint: whether one is kept, whether this computer can use it, and who needs one. */
export function secretHint(settings: OrgSignInSettings): string {
  const who = 'Only the programme server needs one; the desktop app signs in without.';
  if (!settings.secret_set) return who;
  if (!settings.secret_readable) return `The secret was saved on another computer: enter it again. ${who}`;
  return `A secret is kept: leave this empty to keep it. ${who}`;
}

function secretText(settings: OrgSignInSettings): string {
  if (!settings.secret_set) return 'None kept';
  return settings.secret_readable ? 'Kept' : 'Kept on another computer: enter it again here';
}

/** The saved settings in a few lines, shown in place of the form; the claim without the explanation the form gives. */
export function orgSummary(settings: OrgSignInSettings): SummaryRow[] {
  const label = settings.email_claim_options.find((o) => o.code === settings.email_claim)?.label ?? settings.email_claim;
  const claim = label.replace(/\s*\(.*\)$/, '');
  return [
    { key: 'Organisation sign-in', value: settings.enabled ? 'On' : 'Off' },
    { key: 'Issuer address', value: settings.issuer || 'Not set' },
    { key: 'Client (application) id', value: settings.client_id || 'Not set' },
    { key: 'Client secret', value: secretText(settings) },
    { key: 'Email address claim', value: claim },
    {
      key: 'Required',
      value: settings.required ? 'Yes: passwords only for accounts allowed on the Users page' : 'No: passwords work too',
    },
  ];
}
