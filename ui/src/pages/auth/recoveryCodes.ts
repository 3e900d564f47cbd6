// The recovery codes as a plain text file to keep, e.g. in a password manager or printed and
// locked away. Made here, from the codes on screen: the core keeps only their hashes.
import type { Document } from '$lib/api';

/** The file's text: what the codes are for, how they work, then one code a line. */
export function recoveryCodesText(codes: readonly string[], programme: string | null, email: string | null): string {
  const lines = [
    `Recovery codes for ${programme || 'Fellowship'}${email ? ` (${email})` : ''}`,
    '',
    'Use one of these codes instead of a code from your authenticator app if you lose your phone.',
    'Each code works once. Keep them somewhere safe, such as a password manager.',
    '',
    ...codes,
    '',
  ];
  // Windows line endings, for Notepad on NHS computers.
  return lines.join('\r\n');
}

/** The text as a document the shell saves (the desktop app) or the browser downloads. */
export function recoveryCodesDocument(text: string): Document {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return { file_name: 'fellowship-recovery-codes.txt', mime: 'text/plain;charset=utf-8', base64: btoa(binary) };
}
