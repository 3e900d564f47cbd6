// The offline 360 questionnaire (src/feedback360/questionnaire.html with its sealing script,
// filled in by the core) run in a browser-like page: it refuses an incomplete form, and its
// response file is sealed to the programme's public key (ECDH P-256, HKDF-SHA-256, AES-256-GCM),
// so only the holder of the private key reads the answers, as the core does on import.
import { webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';

// Tests run from ui/; the template lives with the core that fills it in.
const template = readFileSync(resolve(process.cwd(), '../src/feedback360/questionnaire.html'), 'utf8');
const sealScript = readFileSync(resolve(process.cwd(), '../src/feedback360/questionnaire_seal.js'), 'utf8');
const FORMAT = 'fellowship-360-response/2';
const KEY_ID = '0123456789abcdef0123456789abcdef';
const curve = { name: 'ECDH', namedCurve: 'P-256' };
// The programme's key pair; the page is given only the public half.
const programme = await webcrypto.subtle.generateKey(curve, false, ['deriveBits']);
const publicRaw = new Uint8Array(await webcrypto.subtle.exportKey('raw', programme.publicKey));

const CODE = '0123A-BCDEF-GHJKM-NPQRS-TVWXY-Z0123-45678-9ABCD';
const config = {
  code: CODE,
  programme: { public_key: Buffer.from(publicRaw).toString('base64'), key_id: KEY_ID },
  fellow_name: 'Ada </script> Alpha',
  round: 'Baseline (start of year)',
  closes_on: '10 January 2027',
  group: 'Peers',
  not_anonymous: false,
  allows_not_observed: true,
  scale: [
    { value: 1, label: 'Essential' },
    { value: 2, label: 'Proficient' },
    { value: 3, label: 'Strong' },
    { value: 4, label: 'Exemplary' },
  ],
  dimensions: [
    { id: 11, name: 'Inspiring shared purpose', description: 'Valuing a service ethos', statements: [] },
    { id: 12, name: 'Leading with care', description: 'Personal qualities', statements: ['Shows care'] },
  ],
};

function open() {
  // As the core fills it in: "<" escaped so that the data cannot close its script element.
  const html = template
    .replace('/*SEAL*/', sealScript)
    .replace('/*CONFIG*/', JSON.stringify(config).replace(/</g, '\\u003c'));
  const parts: string[] = [];
  const dom = new JSDOM(html, {
    runScripts: 'dangerously',
    beforeParse(window) {
      Object.defineProperty(window, 'crypto', { value: webcrypto });
      Object.assign(window, { TextEncoder });
      // Keep what the page writes into its response file.
      window.Blob = class {
        constructor(p: string[]) {
          parts.push(...p);
        }
      } as unknown as typeof Blob;
      window.URL.createObjectURL = () => 'blob:response';
    },
  });
  return { doc: dom.window.document, parts };
}

describe('the offline questionnaire file', () => {
  it('shows the questions and the fellow, with the name kept as text', () => {
    const { doc } = open();
    expect(doc.querySelector('h1')?.textContent).toBe('Feedback for Ada </script> Alpha');
    expect(doc.querySelectorAll('fieldset')).toHaveLength(2);
    expect(doc.getElementById('rating-11-none')).not.toBeNull();
    expect(doc.getElementById('importance-12-4')).not.toBeNull();
  });

  it('asks for every rating before writing a file', () => {
    const { doc, parts } = open();
    (doc.getElementById('rating-11-3') as HTMLInputElement).click();
    doc.getElementById('form')!.dispatchEvent(new doc.defaultView!.Event('submit', { cancelable: true }));
    expect(doc.getElementById('problem')?.textContent).toContain('Leading with care');
    expect(parts).toHaveLength(0);
  });

  it('writes a response file sealed to the programme, under a name that says nothing', async () => {
    const { doc, parts } = open();
    (doc.getElementById('rating-11-3') as HTMLInputElement).click();
    (doc.getElementById('rating-12-none') as HTMLInputElement).click();
    (doc.getElementById('importance-11-4') as HTMLInputElement).click();
    (doc.getElementById('comment') as HTMLTextAreaElement).value = 'Calm in a crisis';
    doc.getElementById('form')!.dispatchEvent(new doc.defaultView!.Event('submit', { cancelable: true }));
    await expect.poll(() => parts.length).toBe(1);
    expect(parts[0]).not.toContain(CODE);
    expect(parts[0]).not.toContain('Calm');
    expect((doc.getElementById('download') as HTMLAnchorElement).download).toMatch(
      /^360-response-[0-9a-f]{16}\.fellowship-response$/,
    );
    const file = JSON.parse(parts[0]);
    expect(file.format).toBe(FORMAT);
    expect(file.key_id).toBe(KEY_ID);
    expect(await openSealed(file)).toEqual({
      code: CODE,
      answers: [
        { dimension_id: 11, rating: 3, importance: 4 },
        { dimension_id: 12, rating: null, importance: null },
      ],
      comment: 'Calm in a crisis',
    });
    // Any changed byte fails AES-GCM's tag.
    const sealed = Buffer.from(file.sealed, 'base64');
    sealed[0] ^= 1;
    await expect(openSealed({ ...file, sealed: sealed.toString('base64') })).rejects.toThrow();
    expect((doc.getElementById('done') as HTMLElement).hidden).toBe(false);
  });
});

/** What the core does on import (src/feedback360/response_seal.rs), with the private key. */
async function openSealed(file: { key_id: string; sender: string; iv: string; sealed: string }) {
  const subtle = webcrypto.subtle;
  const sender = Buffer.from(file.sender, 'base64');
  const theirs = await subtle.importKey('raw', sender, curve, false, []);
  const shared = await subtle.deriveBits({ name: 'ECDH', public: theirs }, programme.privateKey, 256);
  const hkdf = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  const salt = Buffer.concat([sender, publicRaw]);
  const enc = new TextEncoder();
  const key = await subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: enc.encode(FORMAT) },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['decrypt'],
  );
  const plain = await subtle.decrypt(
    { name: 'AES-GCM', iv: Buffer.from(file.iv, 'base64'), additionalData: enc.encode(`${FORMAT}\n${file.key_id}`) },
    key,
    Buffer.from(file.sealed, 'base64'),
  );
  return JSON.parse(new TextDecoder().decode(plain));
}
