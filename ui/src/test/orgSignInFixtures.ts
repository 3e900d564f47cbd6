// Organisation sign-in (OpenID Connect), shaped as the core sends it.
import type { OrgSignInSettings } from '$lib/api';
import type { Handlers } from './fakeCore';

export const ISSUER = 'https://login.microsoftonline.com/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0/v2.0';
export const CLIENT_ID = '9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0';

export const emailClaimOptions = [
  { code: 'email', label: 'email (the provider must say it is verified)' },
  {
    code: 'preferred_username',
    label: "preferred_username (Microsoft Entra ID: the sign-in name, which the organisation's directory owns)",
  },
];

/** As a programme starts: nothing set up, organisation sign-in off. */
export const orgSignInOff: OrgSignInSettings = {
  enabled: false,
  issuer: '',
  client_id: '',
  secret_set: false,
  secret_readable: false,
  email_claim: 'email',
  required: false,
  email_claim_options: emailClaimOptions,
};

/** Set up and on, with a secret kept that this computer can read; passwords still work. */
export const orgSignInOn: OrgSignInSettings = {
  ...orgSignInOff,
  enabled: true,
  issuer: ISSUER,
  client_id: CLIENT_ID,
  secret_set: true,
  secret_readable: true,
  email_claim: 'preferred_username',
};

/** Enough for the programme page, which shows the settings. */
export const orgSignInHandlers: Handlers = {
  get_org_sign_in: () => orgSignInOff,
};
