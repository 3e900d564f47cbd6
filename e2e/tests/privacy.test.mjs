// Data protection in the real app: faculty shorten the retention rule and see the alumni now due,
// record a consent decision, download everything held about an alumnus, erase them (a wrong name
// refused beside the field), restore the backup made at start and find them still erased, then
// anonymise everyone the rule makes due at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startDriver, stopDriver, openApp, closeApp, el, click, fill, fillDate, text, h1, screenshot } from '../lib/app.mjs';
import { demoDb, openForm, page, signIn } from '../lib/steps.mjs';

before(startDriver);
after(stopDriver);

async function dataProtection(browser) {
  await click(browser, '[data-testid="nav-privacy"]');
  await h1(browser, 'Data protection');
}

test('retention, consent, subject access, erasure and a restore that keeps the erasure', async () => {
  const db = demoDb('privacy');
  const downloads = path.join(path.dirname(db), 'downloads');
  const browser = await openApp(db, ['--downloads', downloads]);
  try {
    await signIn(browser, 'demo.faculty@fellowship.example');
    await dataProtection(browser);
    await el(browser, '[data-testid="retention-empty"]');
    await page(browser, '80-data-protection');

    // A one-year rule brings the earliest alumni due.
    await fill(browser, '[data-testid="retention-years"]', '1');
    await click(browser, '[data-testid="save-retention"]');
    await el(browser, '[data-testid="retention-due"]');
    const due = await browser.$$('[data-testid="retention-row"]');
    assert.ok(due.length > 0, 'alumni fall due under a one-year rule');
    await page(browser, '81-retention-due');
    const link = await due[0].$('a');
    const name = await link.getText();
    await link.click();
    await h1(browser, name);

    // Their decision about follow-up, recorded with its date.
    await openForm(browser, 'open-consent-form');
    await click(browser, 'label[for="decision-declined"]');
    await fillDate(browser, 'consent-date', '2025-07-01');
    await fill(browser, '[data-testid="consent-note"]', 'Told us at the leavers event.');
    await click(browser, '[data-testid="record-consent"]');
    await browser.waitUntil(async () => (await text(browser, '[data-testid="consent-current"]')).includes('Declined follow-up'));

    // Everything held about them, as JSON.
    await click(browser, '[data-testid="download-sar-json"]');
    const saved = (await text(browser, '[data-testid="download-sar-json-saved"]')).replace(/^Saved to /, '');
    const sar = JSON.parse(readFileSync(saved, 'utf8'));
    const fellows = sar.sections.find((s) => s.key === 'fellows');
    assert.equal(fellows.rows[0].name, name);
    assert.equal(sar.sections.find((s) => s.key === 'follow_up_consents').rows[0].decision, 'declined');
    await browser.execute(() => document.querySelector('[data-testid="fellow-privacy"]').scrollIntoView());
    await page(browser, '82-personal-data');

    // Erasure needs the name typed again; a wrong one is refused beside the field.
    await openForm(browser, 'open-erase-form');
    await fill(browser, '[data-testid="erase-confirm-name"]', 'Someone Else');
    await click(browser, '[data-testid="erase-fellow"]');
    await browser.waitUntil(async () => (await text(browser, '#confirm_name-error')).includes(`Type the fellow's full name, ${name}`), {
      timeoutMsg: 'the wrong name is refused beside the field',
    });
    assert.equal(await (await el(browser, '[data-testid="erase-confirm-name"]')).getValue(), 'Someone Else', 'what was typed is kept');
    await fill(browser, '[data-testid="erase-confirm-name"]', name);
    await click(browser, '[data-testid="erase-fellow"]');
    await el(browser, '[data-testid="erasure-done"]');
    await h1(browser, 'Erased fellow #');
    await el(browser, '[data-testid="erased-notice"]');
    await page(browser, '83-erased');

    // The backup made when the app started predates the erasure; restoring it keeps them erased.
    await dataProtection(browser);
    await click(browser, '[data-testid="make-backup"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="backup-row"]')).length >= 2, {
      timeoutMsg: 'the daily backup from the start and the one just made',
    });
    const rows = await browser.$$('[data-testid="backup-row"]');
    const daily = rows[rows.length - 1];
    await (await daily.$('[data-testid="preview-backup"]')).click();
    await el(browser, '[data-testid="backup-preview"]');
    assert.match(await text(browser, '[data-testid="backup-integrity"]'), /no damage found/);
    await click(browser, '[data-testid="restore-backup"]');
    await el(browser, '#confirm-error');
    await page(browser, '84-restore-preview');
    await click(browser, 'label[for="confirm"]');
    await click(browser, '[data-testid="restore-backup"]');
    const done = await text(browser, '[data-testid="restore-done"]');
    assert.match(done, /Restored from fellowship-backup-/);
    assert.match(done, /1/, 'the later erasure is applied again');
    await page(browser, '85-restore-done');
    await click(browser, '[data-testid="sign-in-again"]');
    await signIn(browser, 'demo.faculty@fellowship.example');
    await click(browser, '[data-testid="nav-fellows"]');
    await h1(browser, 'Fellows');
    await fill(browser, '#search', name);
    await browser.pause(500);
    assert.ok(!(await text(browser, 'main')).includes(name), 'the erased alumnus is not back');

    // The restore brought back the six-year rule; under a one-year rule, everyone due at once.
    await dataProtection(browser);
    await fill(browser, '[data-testid="retention-years"]', '1');
    await click(browser, '[data-testid="save-retention"]');
    await el(browser, '[data-testid="retention-due"]');
    const listed = (await browser.$$('[data-testid="retention-row"]')).length;
    await fill(browser, '[data-testid="erase-due-count"]', String(listed + 1));
    await click(browser, '[data-testid="erase-due"]');
    assert.match(await text(browser, '#confirm_count-error'), new RegExp(`Type the number of alumni listed, ${listed}, to confirm`));
    await fill(browser, '[data-testid="erase-due-count"]', String(listed));
    await click(browser, '[data-testid="erase-due"]');
    assert.match(await text(browser, '[data-testid="erase-due-done"]'), new RegExp(`${listed} alumni anonymised`));
    await el(browser, '[data-testid="retention-empty"]');
    await page(browser, '86-erase-due-done');
  } finally {
    await closeApp(browser);
  }
});
