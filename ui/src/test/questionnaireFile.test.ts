// The offline 360 questionnaire (src/feedback360/questionnaire.html, filled in by the core) run
// in a browser-like page: it refuses an incomplete form, and its response file carries an
// HMAC-SHA-256 of the answers keyed by the code, the same MAC the core checks on import.
import { createHmac, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';

// Tests run from ui/; the template lives with the core that fills it in.
const template = readFileSync(resolve(process.cwd(), '../src/feedback360/questionnaire.html'), 'utf8');

const CODE = '0123A-BCDEF-GHJKM-NPQRS-TVWXY-Z0123-45678-9ABCD';
const config = {
  lookup: '0123ABCD',
  code: CODE,
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
  const html = template.replace('/*CONFIG*/', JSON.stringify(config).replace(/</g, '\\u003c'));
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

  it('writes a response file signed with the code', async () => {
    const { doc, parts } = open();
    (doc.getElementById('rating-11-3') as HTMLInputElement).click();
    (doc.getElementById('rating-12-none') as HTMLInputElement).click();
    (doc.getElementById('importance-11-4') as HTMLInputElement).click();
    (doc.getElementById('comment') as HTMLTextAreaElement).value = 'Calm in a crisis';
    doc.getElementById('form')!.dispatchEvent(new doc.defaultView!.Event('submit', { cancelable: true }));
    await expect.poll(() => parts.length).toBe(1);
    const file = JSON.parse(parts[0]);
    expect(file.format).toBe('fellowship-360-response/1');
    expect(file.code).toBe(CODE);
    expect(JSON.parse(file.payload)).toEqual({
      lookup: '0123ABCD',
      answers: [
        { dimension_id: 11, rating: 3, importance: 4 },
        { dimension_id: 12, rating: null, importance: null },
      ],
      comment: 'Calm in a crisis',
    });
    expect(file.mac).toBe(createHmac('sha256', CODE).update(file.payload).digest('hex'));
    expect((doc.getElementById('done') as HTMLElement).hidden).toBe(false);
  });
});
