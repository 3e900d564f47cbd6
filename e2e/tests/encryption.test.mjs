// Encryption at rest in the real app: the programme office encrypts its records from the
// programme settings (a mistyped confirmation refused beside the field), the file on disk no
// longer holds readable data, and at the next start the app asks for the passphrase before
// anyone can sign in (a wrong one refused beside the field).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startDriver, stopDriver, openApp, closeApp, el, click, fill, freshDbPath, text, h1 } from '../lib/app.mjs';
import { page, signIn } from '../lib/steps.mjs';

const PASSWORD = 'quiet heron ledger window';
const PASSPHRASE = 'copper kettle meadow 17';

before(startDriver);
after(stopDriver);

test('the records are encrypted in place and open only with the passphrase', async () => {
  const db = freshDbPath('encrypted');
  let browser = await openApp(db);
  try {
    await h1(browser, 'Welcome to Fellowship');
    await click(browser, '[data-testid="welcome-start"]');
    await fill(browser, '#programme_name', 'Thames Valley Fellowship');
    await fill(browser, '#name', 'Dr Ola Office');
    await fill(browser, '#email', 'ola.office@nhs.net');
    await fill(browser, '#password', PASSWORD);
    await fill(browser, '#password_confirm', PASSWORD);
    await click(browser, '[data-testid="setup-submit"]');
    await h1(browser, 'Today');
    assert.equal(readFileSync(db).subarray(0, 15).toString(), 'SQLite format 3');

    await click(browser, '[data-testid="nav-programme"]');
    await h1(browser, 'Programme');
    await el(browser, '[data-testid="encryption-off"]');
    await fill(browser, '#encrypt-passphrase', PASSPHRASE);
    await fill(browser, '#encrypt-passphrase-confirm', 'copper kettle meadow 18');
    await click(browser, 'label[for="encrypt-understood"]');
    await click(browser, '[data-testid="encrypt-database"]');
    assert.match(await text(browser, '#encrypt-passphrase-confirm-error'), /not the same/);
    assert.equal(await (await el(browser, '#encrypt-passphrase')).getValue(), PASSPHRASE, 'the form stays filled');
    await browser.execute(() => document.querySelector('[data-testid="encrypt-form"]').scrollIntoView());
    await page(browser, '90-encrypt-error');
    await fill(browser, '#encrypt-passphrase-confirm', PASSPHRASE);
    await click(browser, '[data-testid="encrypt-database"]');
    await el(browser, '[data-testid="encryption-done"]');
    await page(browser, '91-encrypted');
  } finally {
    await closeApp(browser);
  }
  // Nothing readable is left in the file: not its header, not the programme's name.
  const bytes = readFileSync(db);
  assert.notEqual(bytes.subarray(0, 15).toString(), 'SQLite format 3');
  assert.ok(!bytes.includes(Buffer.from('Thames Valley Fellowship')));

  browser = await openApp(db);
  try {
    await h1(browser, 'Enter the passphrase');
    await page(browser, '92-unlock');
    await fill(browser, '#unlock-passphrase', 'copper kettle meadow 16');
    await click(browser, '[data-testid="unlock"]');
    assert.match(await text(browser, '#unlock-passphrase-error'), /does not open this database/);
    await fill(browser, '#unlock-passphrase', PASSPHRASE);
    await click(browser, '[data-testid="unlock"]');
    await signIn(browser, 'ola.office@nhs.net', { password: PASSWORD });
    await click(browser, '[data-testid="nav-programme"]');
    await h1(browser, 'Programme');
    await el(browser, '[data-testid="encryption-on"]');
  } finally {
    await closeApp(browser);
  }
});
