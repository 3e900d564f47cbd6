// 360° feedback in the real app: faculty open an end-of-year round and nominate eight raters in
// three groups for the demo fellow (two direct reports, under their minimum of three); each
// rater answers in rater mode with their code; a reused code is refused; the fellow completes
// the self-assessment; faculty close the round, and the report drops the direct reports, says
// so, and shows nothing of theirs. Released, the fellow reads it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  startDriver, stopDriver, freshDbPath, openApp, closeApp, screenshot, el, fill, fillDate, click, text, h1, pdfText,
} from '../lib/app.mjs';
import { CLI, page, signIn, signOut, demoFellowName } from '../lib/steps.mjs';

const iso = (d) => d.toISOString().slice(0, 10);

/** Chooses `value` on every dimension's rating (clicking each radio's label, as a user would). */
async function rateAll(browser, value) {
  const count = await browser.execute((v) => {
    const sets = [...document.querySelectorAll('fieldset[id^="answers."]')];
    for (const fs of sets) {
      const id = fs.id.split('.')[1];
      document.querySelector(`label[for="rating-${id}-${v}"]`).click();
    }
    return sets.length;
  }, value);
  assert.equal(count, 9, 'nine dimensions of the Healthcare Leadership Model');
}

async function answerAsRater(browser, code, rating, comment, check) {
  await click(browser, '[data-testid="rater-mode"]');
  await h1(browser, 'Give 360° feedback');
  await fill(browser, '#code', code);
  await click(browser, '[data-testid="open-questionnaire"]');
  await browser.waitUntil(async () => (await text(browser, 'h1')).startsWith('Feedback for'));
  if (check) await check();
  await rateAll(browser, rating);
  await fill(browser, '#comment', comment);
  await click(browser, '[data-testid="submit-questionnaire"]');
  await el(browser, '[data-testid="receipt"]');
  await click(browser, '[data-testid="back-to-sign-in"]');
  await h1(browser, 'Sign in');
}

/** Follows a link on the fellow's card for the end-of-year round. */
async function openFromRound(browser, testid) {
  await browser.waitUntil(async () =>
    browser.execute((id) => {
      const card = [...document.querySelectorAll('[data-testid="my-round"]')].find((c) => /End of year/.test(c.textContent));
      const link = card?.querySelector(`[data-testid="${id}"]`);
      link?.click();
      return Boolean(link);
    }, testid),
  );
}

before(startDriver);
after(stopDriver);

test('a 360 round drops a group below its minimum, refuses a reused code, and reaches the fellow', async () => {
  const db = freshDbPath('feedback');
  execFileSync(CLI, ['demo', '--db', db]);
  const fellowName = demoFellowName(db);
  const downloads = path.join(path.dirname(db), 'downloads');
  const browser = await openApp(db, ['--downloads', downloads]);
  try {
    await signIn(browser, 'demo.faculty@fellowship.example');
    await click(browser, '[data-testid="nav-feedback"]');
    await h1(browser, '360° feedback');
    await page(browser, '60-feedback-rounds');

    // An end-of-year round for the newest cohort, open from today for 45 days.
    await click(browser, '[data-testid="open-round-link"]');
    await h1(browser, 'Open a 360° round');
    const labels = await browser.execute(() => [...document.querySelectorAll('#cohort_id option')].map((o) => o.textContent.trim()));
    const newest = labels.filter((l) => /^\d{4}\/\d{2}$/.test(l)).sort().at(-1);
    await (await el(browser, '#cohort_id')).selectByVisibleText(newest);
    await click(browser, 'label[for="kind-end_of_year"]');
    const today = new Date();
    await fillDate(browser, 'opens_on', iso(today));
    await fillDate(browser, 'closes_on', iso(new Date(today.getTime() + 45 * 86400000)));
    await page(browser, '61-round-form');
    await click(browser, '[data-testid="open-round"]');
    await browser.waitUntil(async () => (await text(browser, 'h1')).startsWith('End of year'));

    // Eight raters in three groups.
    const raters = [
      ['line_manager', 'Lee Manager', 4, 'A natural convener.'],
      ...[1, 2, 3, 4, 5].map((n) => ['peer', `Peer ${n}`, n % 2 ? 3 : 4, `Peer comment ${n}`]),
      ...[1, 2].map((n) => ['direct_report', `Report ${n}`, 1, 'SECRET direct report remark']),
    ];
    for (const [group, name] of raters) {
      await (await el(browser, '#fellow_id')).selectByVisibleText(fellowName);
      await (await el(browser, '#rater_group')).selectByAttribute('value', group);
      await fill(browser, '#rater_name', name);
      await fill(browser, '#rater_email', `${name.toLowerCase().replace(' ', '.')}@nhs.net`);
      await click(browser, '[data-testid="nominate"]');
      await browser.waitUntil(async () => (await browser.$('#rater_name').getValue()) === '');
    }
    await click(browser, '[data-testid="issue-codes"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="issued-code"]')).length === 8);
    const codes = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="issued-code"]')].map((row) => ({
        rater: row.children[1].textContent.trim(),
        code: row.querySelector('[data-testid="code"]').textContent.trim(),
      })),
    );
    await page(browser, '62-round-codes');
    await signOut(browser);

    // Each rater answers with their own code, no account.
    for (const [group, name, rating, comment] of raters) {
      const { code } = codes.find((c) => c.rater === name);
      await answerAsRater(browser, code, rating, comment, group === 'line_manager'
        ? async () => {
            assert.match(await text(browser, '[data-testid="not-anonymous"]'), /shown to them as yours/);
            await page(browser, '63-rater-questionnaire');
          }
        : undefined);
    }
    // A code works once.
    await click(browser, '[data-testid="rater-mode"]');
    await fill(browser, '#code', codes[0].code);
    await click(browser, '[data-testid="open-questionnaire"]');
    await browser.waitUntil(async () => /already been used/.test(await text(browser, '#code-error')));
    await page(browser, '64-rater-code-used');
    await click(browser, '[data-testid="back-to-sign-in"]');

    // The fellow's self-assessment.
    await signIn(browser, 'demo.fellow@fellowship.example');
    await click(browser, '[data-testid="nav-feedback"]');
    await h1(browser, 'Your 360° feedback');
    await openFromRound(browser, 'self-link');
    await h1(browser, 'Your self-assessment');
    await rateAll(browser, 2);
    await page(browser, '65-self-assessment');
    await click(browser, '[data-testid="submit-self"]');
    await el(browser, '[data-testid="self-submitted"]');
    await signOut(browser);

    // Faculty close the round and read the report.
    await signIn(browser, 'demo.faculty@fellowship.example');
    await click(browser, '[data-testid="nav-feedback"]');
    await (await browser.$('a*=End of year')).click();
    await browser.waitUntil(async () => (await text(browser, 'h1')).startsWith('End of year'));
    await click(browser, '[data-testid="close-round"]');
    await click(browser, '[data-testid="confirm-close"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="report-link"]')).length > 0);
    const link = await browser.$(`//tr[.//*[normalize-space()="${fellowName}"]]//a[@data-testid="report-link"]`);
    await link.click();
    await h1(browser, `360° feedback report: ${fellowName}`);
    assert.match(await text(browser, '[data-testid="dropped-group"]'), /Direct reports: 2 responses, fewer than the 3 needed/);
    assert.match(await text(browser, '[data-testid="line-manager-notice"]'), /shown as theirs/);
    const main = await text(browser, 'main');
    assert.ok(!main.includes('SECRET'), 'no comment of a dropped group is shown');
    const headers = await browser.execute(() => [...document.querySelectorAll('[data-testid="ratings-table"] thead th')].map((th) => th.textContent.trim()));
    assert.ok(!headers.some((h) => /Direct reports/.test(h)), `no column for the dropped group: ${headers}`);
    // Others' mean on every dimension: line manager 4 and peers 3, 4, 3, 4, 3 = 3.50. With the
    // direct reports' 1s it would be 2.88, so nothing of theirs is in it.
    const rows = await browser.$$('[data-testid="dimension-row"]');
    assert.equal(rows.length, 9);
    for (const row of rows) assert.match(await row.getText(), /3\.50/);
    await page(browser, '66-report-faculty');
    for (const [testid, name] of [['self-others-chart', '66b-report-chart'], ['ratings-table', '66c-report-table']]) {
      await browser.execute((id) => document.querySelector(`[data-testid="${id}"]`).scrollIntoView(), testid);
      await screenshot(browser, name);
    }

    // The PDF holds the same figures.
    await click(browser, '[data-testid="download-report-pdf"]');
    const saved = await text(browser, '[data-testid="download-report-pdf-saved"]');
    const file = saved.replace(/^Saved to /, '');
    assert.equal(readFileSync(file).subarray(0, 5).toString(), '%PDF-');
    const pdf = pdfText(readFileSync(file));
    assert.ok(pdf.includes('Peer comment 1'), 'the PDF carries the shown comments as text');
    assert.ok(!pdf.includes('SECRET'), 'and none of the dropped group');

    await click(browser, '[data-testid="review-report"]');
    await click(browser, '[data-testid="release-report"]');
    await browser.waitUntil(async () => /Released/.test(await text(browser, '[data-testid="report-state"]')));
    await signOut(browser);

    // The fellow reads their released report.
    await signIn(browser, 'demo.fellow@fellowship.example');
    await click(browser, '[data-testid="nav-feedback"]');
    await h1(browser, 'Your 360° feedback');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="report-link"]')).length === 2);
    await openFromRound(browser, 'report-link');
    await h1(browser, `360° feedback report: ${fellowName}`);
    assert.match(await text(browser, '[data-testid="dropped-group"]'), /left out of every figure and comment/);
    await page(browser, '67-report-fellow');
  } finally {
    await closeApp(browser);
  }
});
