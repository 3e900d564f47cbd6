// The reflective log in the real app: an autosaved draft survives closing the window mid-entry;
// the fellow finishes it, shares it with their workplace mentor, who reads it; the fellow
// withdraws the share and the mentor can no longer see it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  startDriver, stopDriver, freshDbPath, openApp, closeApp, el, fill, fillDate, click, text, h1,
} from '../lib/app.mjs';
import { CLI, page, signIn, signOut } from '../lib/steps.mjs';

const FELLOW = 'demo.fellow@fellowship.example';
const MENTOR = 'demo.mentor@fellowship.example';
const TITLE = 'First board round on the acute medical unit';

before(startDriver);
after(stopDriver);

test('a draft survives closing the window, then sharing and withdrawing controls who reads it', async () => {
  const db = freshDbPath('reflections');
  execFileSync(CLI, ['demo', '--db', db]);

  // Write part of an entry and close the app as soon as the draft is saved.
  let browser = await openApp(db);
  try {
    await signIn(browser, FELLOW);
    await click(browser, '[data-testid="nav-reflections"]');
    await h1(browser, 'Reflective log');
    await page(browser, '40-reflective-log-empty');
    await click(browser, '[data-testid="new-reflection"]');
    await h1(browser, 'Write a reflection');
    await fill(browser, '#title', TITLE);
    await fill(browser, '#section-what', 'I led the first board round with the ward team.');
    await browser.waitUntil(async () => /Draft saved at/.test(await text(browser, '[data-testid="autosave-status"]')), {
      timeout: 10000,
      timeoutMsg: 'the draft should autosave',
    });
    await page(browser, '41-reflection-draft');
  } finally {
    await closeApp(browser);
  }

  const downloads = path.join(path.dirname(db), 'downloads');
  browser = await openApp(db, ['--downloads', downloads]);
  try {
    await signIn(browser, FELLOW);
    await click(browser, '[data-testid="nav-reflections"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="reflection-row"]')).length === 1);
    const row = await text(browser, '[data-testid="reflection-row"]');
    assert.match(row, /First board round/);
    assert.match(row, /Draft/);
    await click(browser, '[data-testid="reflection-row"] a');
    await h1(browser, 'Edit reflection');
    assert.equal(await (await el(browser, '#section-what')).getValue(), 'I led the first board round with the ward team.');

    // Finishing checks the date; then it is saved and can be shared.
    await click(browser, '[data-testid="finish-reflection"]');
    assert.match(await text(browser, '#happened_on-error'), /Enter the date/);
    await fillDate(browser, 'happened_on', '2026-11-02');
    await fill(browser, '#section-so_what', 'Listening first made the team own the change.');
    await click(browser, '[data-testid="finish-reflection"]');
    await h1(browser, TITLE);
    await (await el(browser, '#user_id')).selectByVisibleText('Demo workplace mentor (Mentor or coach)');
    await click(browser, '[data-testid="share-reflection"]');
    await el(browser, '[data-testid="withdraw-share"]');
    await page(browser, '42-reflection-shared');

    // The portfolio to keep: the entry goes with the fellow, as Markdown and as PDF.
    await click(browser, '[data-testid="nav-reflections"]');
    await click(browser, '[data-testid="download-portfolio-markdown"]');
    const md = (await text(browser, '[data-testid="download-portfolio-markdown-saved"]')).replace(/^Saved to /, '');
    assert.equal(path.dirname(md), downloads);
    const portfolio = readFileSync(md, 'utf8');
    assert.match(portfolio, /## Reflection: First board round on the acute medical unit/);
    assert.match(portfolio, /Listening first made the team own the change/);
    await click(browser, '[data-testid="download-portfolio-pdf"]');
    const pdf = (await text(browser, '[data-testid="download-portfolio-pdf-saved"]')).replace(/^Saved to /, '');
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
    await signOut(browser);

    // The mentor reads it.
    await signIn(browser, MENTOR);
    await click(browser, '[data-testid="nav-shared"]');
    await h1(browser, 'Reflections shared with you');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="shared-row"]')).length === 1);
    await click(browser, '[data-testid="shared-row"] a');
    await h1(browser, TITLE);
    const url = await browser.getUrl();
    assert.match(await text(browser, 'main'), /Listening first made the team own the change/);
    assert.equal((await browser.$$('[data-testid="edit-reflection"]')).length, 0, 'a reader cannot edit');
    await page(browser, '43-reflection-read-by-mentor');
    await signOut(browser);

    // The fellow withdraws the share.
    await signIn(browser, FELLOW);
    await click(browser, '[data-testid="nav-reflections"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="reflection-row"]')).length === 1);
    await click(browser, '[data-testid="reflection-row"] a');
    await h1(browser, TITLE);
    await click(browser, '[data-testid="withdraw-share"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="withdraw-share"]')).length === 0);
    await signOut(browser);

    // The mentor no longer sees it, in the list or at its address.
    await signIn(browser, MENTOR);
    await click(browser, '[data-testid="nav-shared"]');
    await el(browser, '[data-testid="shared-empty"]');
    await browser.url(url);
    await browser.waitUntil(async () => /no longer shared with you/.test(await text(browser, 'main')));
    await page(browser, '44-reflection-withdrawn');
  } finally {
    await closeApp(browser);
  }
});
