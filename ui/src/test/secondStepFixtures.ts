// The second step at sign-in (authenticator app codes), shaped as the core sends it.
import type { RecoveryCodes, SecondStepSetup, SecondStepStatus } from '$lib/api';
import { apiError, type Handlers } from './fakeCore';

/** The code the fake authenticator app shows now. */
export const CODE = '492039';
export const WRONG = 'That code is not right. Check the code your app shows now and try again.';
export const WAIT = 'Too many wrong codes. Wait 15 minutes, then try again.';

export const secondStepSetup: SecondStepSetup = {
  key: 'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
  otpauth_url: 'otpauth://totp/North%20West%20Fellows:ada%40nhs.net?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=North%20West%20Fellows',
  qr_image:
    'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCAyMSAyMSI+PHJlY3Qgd2lkdGg9IjciIGhlaWdodD0iNyIvPjwvc3ZnPg==',
};

export const recoveryCodes: RecoveryCodes = {
  codes: [
    'abcd-efgh',
    'jkmn-pqrs',
    'tuvw-xyz2',
    'a3b4-c5d6',
    'e7f8-g9h2',
    'k3m4-n5p6',
    'q7r8-s9t2',
    'u3v4-w5x6',
    'y7z8-a9b2',
    'c3d4-e5f6',
  ],
};

export const secondStepOff: SecondStepStatus = { on: false, recovery_codes_left: 0, required: false, required_for_faculty: false };
export const secondStepOn: SecondStepStatus = { on: true, recovery_codes_left: 10, required: false, required_for_faculty: false };

/** A wrong code, as the core refuses it: beside the code box. */
export const wrongCode = () => apiError('validation', WRONG, [{ field: 'code', message: WRONG }]);

/** Enough for a page that shows the second step's state (the account and programme pages). */
export const secondStepHandlers: Handlers = {
  my_second_step: () => secondStepOff,
};
