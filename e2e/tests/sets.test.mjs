// Action learning sets in the real app: faculty form a set (a set of three is refused), the
// facilitator schedules two sessions, records the first with two presenters' actions timed on
// screen, and the next session brings those actions back for review. Faculty see only
// attendance and follow-through of a set they do not facilitate; a member reads their set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  startDriver, stopDriver, freshDbPath, openApp, closeApp, screenshot, el, fill, fillDate, click, text, h1,
} from '../lib/app.mjs';
import { CLI, page, signIn } from '../lib/steps.mjs';

const byId = (id) => `[id="${id}"]`;

async function addBid(browser, i, memberIndex, actions) {
  await click(browser, '[data-testid="add-bid"]');
  await (await el(browser, byId(`presenters.${i}.fellow_id`))).selectByIndex(memberIndex);
  await fill(browser, byId(`presenters.${i}.bid_minutes`), '15');
  await click(browser, `label[for="presenters.${i}.presented"]`);
  await fill(browser, byId(`presenters.${i}.issue`), `Presenter ${i + 1}'s live problem`);
  // The facilitator runs the airtime timer on screen.
  await click(browser, `[data-testid="timer-start-${i}"]`);
  await browser.waitUntil(async () => (await text(browser, `[data-testid="timer-${i}"]`)) !== '0:00', { timeout: 5000 });
  await click(browser, `[data-testid="timer-pause-${i}"]`);
  for (const [j, body] of actions.entries()) {
    await click(browser, `[data-testid="add-action-${i}"]`);
    await fill(browser, byId(`presenters.${i}.actions.${j}`), body);
  }
}

before(startDriver);
after(stopDriver);

test('a facilitator records two presenters\' actions and the next session reviews them', async () => {
  const db = freshDbPath('sets');
  execFileSync(CLI, ['demo', '--db', db]);
  const browser = await openApp(db);
  try {
    await signIn(browser, 'demo.faculty@fellowship.example');
    await click(browser, '[data-testid="nav-sets"]');
    await h1(browser, 'Action learning sets');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="set-row"]')).length === 4);
    await page(browser, 'sets-list');

    // Form a set in the oldest cohort, whose fellows are in no set yet.
    await click(browser, '[data-testid="new-set"]');
    await h1(browser, 'Form an action learning set');
    await fill(browser, '#name', 'Alumni set');
    const cohort = await el(browser, '#cohort_id');
    const labels = (await browser.execute(() => [...document.querySelectorAll('#cohort_id option')].map((o) => o.textContent.trim())))
      .filter((l) => /^\d{4}\/\d{2}$/.test(l));
    await cohort.selectByVisibleText(labels.sort()[0]);
    await (await el(browser, '#facilitator_id')).selectByVisibleText('Dr Sam Okoye (demo faculty)');
    // The oldest cohort has finished: its fellows are listed once asked for.
    await click(browser, 'label[for="member_ids-include-finished"]');
    await browser.waitUntil(async () => (await browser.$$('#member_ids input[name="member_ids"]')).length >= 4);
    const boxes = await browser.$$('#member_ids input[name="member_ids"]');
    for (const box of boxes.slice(0, 3)) await box.click();
    await click(browser, '[data-testid="save-set"]');
    assert.match(await text(browser, '#member_ids-error'), /from 4 to 8/);
    assert.equal((await browser.$$('#member_ids input[name="member_ids"]:checked')).length, 3, 'the ticks stay after a failed save');
    await page(browser, 'set-form-error');
    await boxes[3].click();
    await click(browser, '[data-testid="save-set"]');
    await h1(browser, 'Alumni set');

    // Schedule two sessions, on past dates so the first can be recorded.
    for (const day of ['2026-11-02', '2026-11-23']) {
      await fillDate(browser, 'meets_on', day);
      await click(browser, '[data-testid="schedule-session"]');
    }
    await browser.waitUntil(async () => (await browser.$$('[data-testid="session-row"]')).length === 2);
    await page(browser, 'set-page');

    await click(browser, '[data-testid="session-row"] a');
    await browser.waitUntil(async () => (await text(browser, 'h1')).includes('2 November 2026'));
    assert.match(await text(browser, '[data-testid="no-review"]'), /first recorded session/);
    await addBid(browser, 0, 1, ['Book a meeting with the chief nurse', 'Map who owns discharge']);
    await addBid(browser, 1, 2, ['Ask the BI team for weekly data']);
    await fill(browser, '#notes', 'Confidential discussion notes');
    await screenshot(browser, 'set-session-form');
    await click(browser, '[data-testid="record-session"]');
    await browser.waitUntil(async () => (await text(browser, 'main')).includes('Session recorded'));
    await page(browser, 'set-session-recorded');

    // The next session shows the three actions for report-back.
    await browser.back();
    await h1(browser, 'Alumni set');
    await click(browser, '[data-testid="session-row"]:nth-child(2) a');
    await browser.waitUntil(async () => (await text(browser, 'h1')).includes('23 November 2026'));
    const main = await text(browser, 'main');
    for (const action of ['Book a meeting with the chief nurse', 'Map who owns discharge', 'Ask the BI team for weekly data']) {
      assert.ok(main.includes(action), `${action} is brought back for review`);
    }
    const reviews = await browser.$$('fieldset[id^="reviews."]');
    assert.equal(reviews.length, 3);
    const marks = ['done', 'partly', 'not_done'];
    for (const [i, fieldset] of reviews.entries()) {
      const id = await fieldset.getAttribute('id');
      await click(browser, `label[for="review-${id.split('.')[1]}-${marks[i]}"]`);
    }
    await page(browser, 'set-session-review');
    await click(browser, '[data-testid="record-session"]');
    await browser.waitUntil(async () => (await text(browser, 'main')).includes('Session recorded'));

    // Faculty's list shows the follow-through of the new set.
    await click(browser, '[data-testid="nav-sets"]');
    await h1(browser, 'Action learning sets');
    await browser.waitUntil(async () => (await text(browser, 'main')).includes('Alumni set'));

    // A set run by another facilitator: attendance only, no way into its sessions.
    await (await browser.$('a=Set 2')).click();
    await h1(browser, 'Set 2');
    assert.match(await text(browser, 'main'), /The ground rules are the set's own record/);
    assert.equal((await browser.$$('[data-testid="session-row"] a')).length, 0);
    await page(browser, 'set-page-outsider');
    await click(browser, '[data-testid="sign-out"]');

    // A member reads their own set's record.
    await signIn(browser, 'demo.fellow@fellowship.example');
    await click(browser, '[data-testid="nav-sets"]');
    await h1(browser, 'Action learning sets');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="set-row"]')).length === 1);
    await click(browser, '[data-testid="set-row"] a');
    await h1(browser, 'Set 1');
    await click(browser, '[data-testid="session-row"] a');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="action"]')).length > 0);
    assert.equal((await browser.$$('[data-testid="record-session"]')).length, 0, 'members read, the facilitator writes');
    await page(browser, 'set-session-member');
  } finally {
    await closeApp(browser);
  }
});
