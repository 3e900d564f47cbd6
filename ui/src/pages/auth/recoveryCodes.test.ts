import { describe, expect, it } from 'vitest';
import { recoveryCodesDocument, recoveryCodesText } from './recoveryCodes';

const decode = (base64: string) => new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));

describe('the recovery codes file', () => {
  it('says whose codes they are and how they work, then one code a line', () => {
    const text = recoveryCodesText(['abcd-efgh', 'jkmn-pqrs'], 'North West Fellows', 'ada@nhs.net');
    expect(text.split('\r\n')).toEqual([
      'Recovery codes for North West Fellows (ada@nhs.net)',
      '',
      'Use one of these codes instead of a code from your authenticator app if you lose your phone.',
      'Each code works once. Keep them somewhere safe, such as a password manager.',
      '',
      'abcd-efgh',
      'jkmn-pqrs',
      '',
    ]);
  });

  it('still names the app when neither programme nor person is known', () => {
    expect(recoveryCodesText(['abcd-efgh'], null, null)).toMatch(/^Recovery codes for Fellowship\r\n/);
  });

  it('is a UTF-8 text document, whatever the programme is called', () => {
    const text = recoveryCodesText(['abcd-efgh'], 'Ysbyty Gwynedd – Cymrodoriaeth', null);
    const file = recoveryCodesDocument(text);
    expect(file.file_name).toBe('fellowship-recovery-codes.txt');
    expect(file.mime).toBe('text/plain;charset=utf-8');
    expect(decode(file.base64)).toBe(text);
  });
});
