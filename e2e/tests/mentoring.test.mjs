// Mentoring in the real app: faculty set up a coaching relationship, the coach logs a session
// with a private note, the fellow sees the agreed actions but not the coach's note, and faculty
// see that the session happened without its content.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  startDriver, stopDriver, freshDbPath, openApp, closeApp, el, fill, fillDate, click, text, h1,
} from '../lib/app.mjs';
import { CLI, page, pairWithDemoMentor, signIn, signOut, demoFellowName } from '../lib/steps.mjs';

before(startDriver);
after(stopDriver);

test('a coach logs a session; the fellow sees the actions, not the note; faculty see only that it happened', async () => {
  const db = freshDbPath('mentoring');
  execFileSync(CLI, ['demo', '--db', db]);
  const fellowName = demoFellowName(db);
  const browser = await openApp(db);
  try {
    await signIn(browser, 'demo.faculty@fellowship.example');
    await pairWithDemoMentor(browser, fellowName, 'coach');
    assert.match(await text(browser, 'main'), new RegExp(fellowName));
    await signOut(browser);

    await signIn(browser, 'demo.mentor@fellowship.example');
    await click(browser, '[data-testid="nav-mentoring"]');
    await click(browser, '[data-testid="relationship-row"] a');
    await fill(browser, '#duration_minutes', 'an hour');
    await click(browser, '[data-testid="log-session"]');
    assert.match(await text(browser, '#duration_minutes-error'), /minutes/);
    await fillDate(browser, 'held_on', '2026-11-02');
    await fill(browser, '#duration_minutes', '60');
    await (await el(browser, '#mode')).selectByAttribute('value', 'video');
    await fill(browser, '#themes', 'Stakeholder mapping for the discharge work');
    await fill(browser, '#agreed_actions', 'Meet the discharge team lead before the next session');
    await fill(browser, '#private_note', 'Seems stretched; ask about workload next time.');
    await click(browser, '[data-testid="log-session"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="session-row"]')).length === 1);
    assert.match(await text(browser, '[data-testid="my-private-note"]'), /Seems stretched/);
    await page(browser, '50-mentoring-session-coach');
    await signOut(browser);

    await signIn(browser, 'demo.fellow@fellowship.example');
    await click(browser, '[data-testid="nav-mentoring"]');
    await click(browser, '[data-testid="relationship-row"] a');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="session-row"]')).length === 1);
    const seen = await text(browser, 'main');
    assert.match(seen, /Meet the discharge team lead/);
    assert.doesNotMatch(seen, /Seems stretched/, "the coach's private note is the coach's alone");
    await page(browser, '51-mentoring-session-fellow');
    await signOut(browser);

    await signIn(browser, 'demo.faculty@fellowship.example');
    await click(browser, '[data-testid="nav-mentoring"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="overview-row"]')).length === 1);
    const overview = await text(browser, 'main');
    assert.match(await text(browser, '[data-testid="overview-row"]'), /2 Nov 2026/);
    assert.doesNotMatch(overview, /Stakeholder mapping|discharge team lead|Seems stretched/);
    await page(browser, '52-mentoring-overview');
  } finally {
    await closeApp(browser);
  }
});
