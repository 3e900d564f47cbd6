// Fellowship Challenge in the real app: a fellow drafts a challenge, adds actions and fifteen
// measure points, the run chart shows a shift, the host sponsor signs the mid-year review, and
// the signed review cannot be edited (a change makes version 2).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  startDriver, stopDriver, freshDbPath, openApp, closeApp, el, fill, fillDate, click, text, h1, paste,
} from '../lib/app.mjs';
import { CLI, openForm, openSection, page, signIn, signOut } from '../lib/steps.mjs';

async function rows(browser, testid) {
  return (await browser.$$(`[data-testid="${testid}"]`)).length;
}

before(startDriver);
after(stopDriver);

test('a fellow drafts a challenge, measures a shift, and the sponsor signs the mid-year review', async () => {
  const db = freshDbPath('challenges');
  execFileSync(CLI, ['demo', '--db', db]);
  const downloads = path.join(path.dirname(db), 'downloads');
  const browser = await openApp(db, ['--downloads', downloads]);
  try {
    await signIn(browser, 'demo.fellow@fellowship.example');
    await click(browser, '[data-testid="nav-challenges"]');
    await h1(browser, 'Challenges');
    await click(browser, '[data-testid="draft-challenge"]');
    await h1(browser, 'Draft a challenge');
    await click(browser, '[data-testid="save-challenge"]');
    assert.match(await text(browser, '#title-error'), /Enter a title/);
    await fill(browser, '#title', 'Reduce delayed discharges from the acute medical unit');
    await fill(browser, '#problem_statement', 'Medically fit patients wait days to leave hospital.');
    await click(browser, 'label[for="nature-wicked"]');
    await click(browser, 'label[for="aim_quality"]');
    await page(browser, '30-challenge-form');
    await click(browser, '[data-testid="save-challenge"]');
    await h1(browser, 'Reduce delayed discharges from the acute medical unit');

    // Two actions, one already overdue. Each form opens when asked for and closes once saved.
    await openSection(browser, 'action-plan');
    await openForm(browser, 'open-action-form');
    await fill(browser, '#action', 'Map the discharge pathway with ward teams');
    await fill(browser, '#lead', 'Fellow');
    await fillDate(browser, 'due_date', '2026-10-01');
    await fill(browser, '#resource', '£1,250');
    await click(browser, '[data-testid="save-action"]');
    await browser.waitUntil(async () => (await rows(browser, 'action-row')) === 1);
    await openForm(browser, 'open-action-form');
    await fill(browser, '#action', 'Test a daily board round on one ward');
    await fillDate(browser, 'due_date', '2099-03-01');
    await fill(browser, '#resource', '');
    await click(browser, '[data-testid="save-action"]');
    await browser.waitUntil(async () => (await rows(browser, 'action-row')) === 2);
    const actionRows = await browser.$$('[data-testid="action-row"]');
    assert.match(await actionRows[0].getText(), /Overdue/);
    assert.match(await actionRows[0].getText(), /£1,250/);
    assert.doesNotMatch(await actionRows[1].getText(), /Overdue/);

    // A measure with fifteen weekly points: eight around 40, then seven around 30.
    await openSection(browser, 'measures');
    await openForm(browser, 'open-measure-form');
    await fill(browser, '#name', 'Delayed discharges per week');
    await fill(browser, '#unit', 'patients');
    await (await el(browser, '#direction')).selectByAttribute('value', 'lower_is_better');
    await (await el(browser, '#frequency')).selectByAttribute('value', 'weekly');
    await fill(browser, '#target', '32');
    await click(browser, '[data-testid="save-measure"]');
    await click(browser, '[data-testid="measure-link"]');
    await h1(browser, 'Delayed discharges per week');
    const weeks = [41, 39, 42, 40, 38, 41, 40, 39, 31, 30, 29, 31, 28, 30, 29];
    const pasted = ['Week commencing\tDelayed discharges']
      .concat(weeks.map((v, i) => {
        const d = new Date(Date.UTC(2026, 8, 7 + 7 * i));
        return `${d.toISOString().slice(0, 10)}\t${v}`;
      }))
      .join('\n');
    await paste(browser, '#text', `${pasted}\n2027-01-01\tmany`);
    await click(browser, '[data-testid="save-values"]');
    assert.match(await text(browser, '#text-error'), /Line 17:/);
    assert.match(await (await el(browser, '#text')).getValue(), /2026-09-07\t41/);
    await paste(browser, '#text', pasted);
    await click(browser, '[data-testid="save-values"]');
    await browser.waitUntil(async () => /Shift/.test(await text(browser, '[data-testid="signal-list"]')), {
      timeoutMsg: 'the run chart should report a shift',
    });
    const svg = await el(browser, '[data-testid="run-chart"] svg');
    assert.ok(await svg.isDisplayed());
    await page(browser, '31-measure-shift');
    await browser.back();
    await h1(browser, 'Reduce delayed discharges from the acute medical unit');

    // The fellow prepares the mid-year review for the host.
    await openSection(browser, 'reviews');
    await openForm(browser, 'open-review-draft-form');
    await (await el(browser, '#review_kind')).selectByAttribute('value', 'mid_year');
    await page(browser, '31b-review-form');
    await fill(browser, '#summary', 'Pathway mapped; board round tested; delays down from 40 to 30 a week.');
    await click(browser, '[data-testid="save-review-draft"]');
    await el(browser, '[data-testid="review-draft"]');
    await page(browser, '32-challenge-detail');
    await signOut(browser);

    // The sponsor signs it.
    await signIn(browser, 'demo.sponsor@fellowship.example');
    await click(browser, '[data-testid="nav-challenges"]');
    await h1(browser, 'Challenges');
    await click(browser, 'a*=Reduce delayed discharges from the acute medical unit');
    await h1(browser, 'Reduce delayed discharges from the acute medical unit');
    assert.equal(await rows(browser, 'open-action-form'), 0, 'a sponsor cannot edit the plan');
    await openSection(browser, 'reviews');
    await openForm(browser, 'open-sign-review');
    await fill(browser, '#statement', 'Strong progress. The trust will extend the board round.');
    await fill(browser, '#signed_name', 'Demo host sponsor');
    await click(browser, '[data-testid="sign-review"]');
    const signed = await el(browser, '[data-testid="review-signed"]');
    assert.match(await signed.getText(), /Signed by Demo host sponsor/);
    assert.equal(await rows(browser, 'sign-review') + (await rows(browser, 'open-sign-review')), 0, 'nothing left to sign');
    await page(browser, '33-review-signed');
    // The one-page summary for the host board, saved as a PDF.
    await click(browser, '[data-testid="download-summary"]');
    const saved = await text(browser, '[data-testid="download-summary-saved"]');
    const file = saved.replace(/^Saved to /, '');
    assert.equal(path.dirname(file), downloads);
    assert.equal(readFileSync(file).subarray(0, 5).toString(), '%PDF-');
    await signOut(browser);

    // The fellow's later change makes version 2; version 1 stays as signed.
    await signIn(browser, 'demo.fellow@fellowship.example');
    await click(browser, '[data-testid="nav-challenges"]');
    await click(browser, 'a*=Reduce delayed discharges from the acute medical unit');
    await h1(browser, 'Reduce delayed discharges from the acute medical unit');
    await openSection(browser, 'reviews');
    await openForm(browser, 'open-review-draft-form');
    await (await el(browser, '#review_kind')).selectByAttribute('value', 'mid_year');
    await fill(browser, '#summary', 'Updated after the review: spreading to a second ward.');
    await click(browser, '[data-testid="save-review-draft"]');
    await browser.waitUntil(async () => /Version 2/.test(await text(browser, '#reviews')));
    const signedText = await text(browser, '[data-testid="review-signed"]');
    assert.match(signedText, /Version 1/);
    assert.match(signedText, /delays down from 40 to 30 a week/);
    assert.match(signedText, /Strong progress/);
    await page(browser, '34-review-version-2');
  } finally {
    await closeApp(browser);
  }
});
