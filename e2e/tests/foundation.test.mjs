// Foundation scenario in the real app: first-run account, sign in, create a cohort (seeing the
// message for a bad date first), a host and a fellow, sign out, restart, and find it all there.
import { test, before, after } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import {
  startDriver, stopDriver, freshDbPath, openApp, closeApp, screenshot, axeViolations,
  el, fill, fillDate, click, text, h1,
} from '../lib/app.mjs';
import { openSection } from '../lib/steps.mjs';

const PASSWORD = 'quiet heron ledger window';
const checked = new Set();

async function page(browser, name) {
  await screenshot(browser, name);
  const violations = await axeViolations(browser);
  assert.deepEqual(violations, [], `accessibility problems on ${name}: ${JSON.stringify(violations, null, 2)}`);
  checked.add(name);
}

before(startDriver);
after(stopDriver);

test('a programme office sets up a programme and its data survives a restart', async () => {
  const db = freshDbPath();
  let browser = await openApp(db);
  try {
    await h1(browser, 'Welcome to Fellowship');
    await page(browser, '01-welcome');
    await click(browser, '[data-testid="welcome-start"]');

    // The setup form refuses a mismatched confirmation and keeps what was typed.
    await fill(browser, '#programme_name', 'North Thames Clinical Leadership Fellowship');
    await fill(browser, '#name', 'Dr Amara Lead');
    await fill(browser, '#email', 'amara.lead@nhs.net');
    await fill(browser, '#password', PASSWORD);
    await fill(browser, '#password_confirm', 'something else entirely');
    await click(browser, '[data-testid="setup-submit"]');
    assert.match(await text(browser, '#password_confirm-error'), /not the same/);
    assert.equal(await (await el(browser, '#programme_name')).getValue(), 'North Thames Clinical Leadership Fellowship');
    await page(browser, '02-setup-error');
    await fill(browser, '#password_confirm', PASSWORD);
    await click(browser, '[data-testid="setup-submit"]');

    // A new programme opens on its Today, with nothing due yet.
    await h1(browser, 'Today');
    await el(browser, '[data-testid="today-empty"]');
    await page(browser, '03-today-empty');

    // Cohort: a bad end date is refused next to the field, and the form stays filled.
    await click(browser, '[data-testid="nav-cohorts"]');
    await h1(browser, 'Cohorts');
    await click(browser, '[data-testid="add-cohort"]');
    await fill(browser, '#name', '2026/27');
    await fillDate(browser, 'start_date', '2026-09-01');
    await fillDate(browser, 'end_date', '2026-08-31');
    await click(browser, '[data-testid="save-cohort"]');
    assert.match(await text(browser, '#end_date-error'), /The end date must be after the start date\./);
    assert.equal(await (await el(browser, '#name')).getValue(), '2026/27');
    assert.equal(await (await el(browser, '#start_date-day')).getValue(), '01');
    await page(browser, '04-cohort-bad-date');
    await fillDate(browser, 'end_date', '2027-08-31');
    await click(browser, '[data-testid="save-cohort"]');
    await h1(browser, 'Cohorts');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="cohort-row"]')).length === 1);
    assert.match(await text(browser, '[data-testid="cohort-row"]'), /2026\/27/);
    await page(browser, '05-cohorts');

    // Host organisation.
    await click(browser, '[data-testid="nav-hosts"]');
    await h1(browser, 'Host organisations');
    await click(browser, '[data-testid="add-host"]');
    await fill(browser, '#name', 'Royal Eastgate Hospitals NHS Trust');
    await (await el(browser, '#kind')).selectByAttribute('value', 'nhs_trust');
    await fill(browser, '#ods_code', 'RX1');
    await fill(browser, '#region', 'London');
    await fill(browser, '#sponsor_name', 'Dr Medical Director');
    await fill(browser, '#sponsor_email', 'md@nhs.net');
    await fill(browser, '#mentor_name', 'Ms Workplace Mentor');
    await fill(browser, '#mentor_email', 'mentor@nhs.net');
    await page(browser, '06-host-form');
    await click(browser, '[data-testid="save-host"]');
    await h1(browser, 'Host organisations');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="host-row"]')).length === 1);
    await page(browser, '07-hosts');

    // Fellow, with a malformed email first.
    await click(browser, '[data-testid="nav-fellows"]');
    await h1(browser, 'Fellows');
    await click(browser, '[data-testid="add-fellow"]');
    await h1(browser, 'Add a fellow');
    await fill(browser, '#name', 'Priya Natarajan');
    await (await el(browser, '#profession')).selectByAttribute('value', 'pharmacy');
    await (await el(browser, '#professional_body')).selectByAttribute('value', 'GPhC');
    await fill(browser, '#registration_number', '2071234');
    await fill(browser, '#email', 'priya.natarajan-at-nhs.net');
    await (await el(browser, '#cohort_id')).selectByVisibleText('2026/27');
    await (await el(browser, '#host_id')).selectByVisibleText('Royal Eastgate Hospitals NHS Trust');
    await (await el(browser, '#status')).selectByAttribute('value', 'active');
    await fillDate(browser, 'status_date', '2026-09-01');
    await click(browser, '[data-testid="save-fellow"]');
    assert.match(await text(browser, '#email-error'), /right format/);
    assert.equal(await (await el(browser, '#name')).getValue(), 'Priya Natarajan');
    await page(browser, '08-fellow-form-error');
    await fill(browser, '#email', 'priya.natarajan@nhs.net');
    await click(browser, '[data-testid="save-fellow"]');
    await h1(browser, 'Priya Natarajan');
    await page(browser, '09-fellow-profile');

    await click(browser, '[data-testid="nav-fellows"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="fellow-row"]')).length === 1);
    await page(browser, '10-fellows');

    await click(browser, '[data-testid="sign-out"]');
    await h1(browser, 'Sign in');
    await page(browser, '11-sign-in');
  } finally {
    await closeApp(browser);
  }

  // Restart the app on the same database: everything is still there.
  browser = await openApp(db);
  try {
    await h1(browser, 'Sign in');
    await fill(browser, '#email', 'amara.lead@nhs.net');
    await fill(browser, '#password', 'wrong password here');
    await click(browser, '[data-testid="signin-submit"]');
    assert.match(await text(browser, '#password-error'), /not right/);
    await fill(browser, '#password', PASSWORD);
    await click(browser, '[data-testid="signin-submit"]');
    await h1(browser, 'Today');
    await click(browser, '[data-testid="nav-fellows"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="fellow-row"]')).length === 1);
    const row = await text(browser, '[data-testid="fellow-row"]');
    assert.match(row, /Priya Natarajan/);
    assert.match(row, /Royal Eastgate Hospitals NHS Trust/);
    assert.match(row, /2026\/27/);
    await click(browser, '[data-testid="nav-cohorts"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="cohort-row"]')).length === 1);
    await screenshot(browser, '12-after-restart');

    // About: the app keeps its log beside the database, a file a day, and says where.
    await click(browser, '[data-testid="nav-account"]');
    await h1(browser, 'Your account');
    const folder = await text(browser, '[data-testid="log-folder"]');
    assert.equal(folder, path.join(path.dirname(db), 'logs'));
    const logs = readdirSync(folder);
    assert.ok(logs.some((f) => /^fellowship\.\d{4}-\d{2}-\d{2}\.log$/.test(f)), `log files: ${logs}`);
    assert.match(readFileSync(path.join(folder, logs[0]), 'utf8'), /Fellowship started/);
    await (await el(browser, '[data-testid="log-folder"]')).scrollIntoView();
    await page(browser, '13-about-log-folder');
  } finally {
    await closeApp(browser);
  }
});

test('the demo programme opens onto real-looking data with the overview', async () => {
  const started = performance.now();
  const browser = await openApp(freshDbPath());
  try {
    await h1(browser, 'Welcome to Fellowship');
    const firstScreen = performance.now() - started;
    const clicked = performance.now();
    await click(browser, '[data-testid="welcome-demo"]');
    await h1(browser, 'Today');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="today-item"]')).length > 3, { timeout: 15000 });
    // Figures for the notes, not assertions: timings belong in benchmarks.
    console.log(`cold start to first screen: ${firstScreen.toFixed(0)} ms (includes the WebDriver session); ` +
      `demo chosen to first painted Today: ${(performance.now() - clicked).toFixed(0)} ms`);
    await el(browser, '[data-testid="leave-demo"]');
    // Faculty's Today: the programme's gaps, each linked.
    assert.match(await text(browser, 'main'), /360° for|no workplace mentor|no Fellowship Challenge/);
    await page(browser, '19-demo-faculty-today');
    await click(browser, '[data-testid="nav-fellows"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="fellow-row"]')).length > 20, { timeout: 15000 });
    await page(browser, '20-demo-fellows');
    await fill(browser, '#search', 'zzz-nobody');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="fellow-row"]')).length === 0);
    await page(browser, '21-demo-no-match');
    await click(browser, '[data-testid="nav-cohorts"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="cohort-row"]')).length === 4);
    await click(browser, '[data-testid="cohort-row"] a');
    await h1(browser, 'Cohort');
    await page(browser, '22-cohort-overview');
    await click(browser, '[data-testid="nav-hosts"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="host-row"]')).length > 5);
    await page(browser, '23-demo-hosts');
    await click(browser, '[data-testid="nav-users"]');
    await h1(browser, 'Users');
    await page(browser, '24-users');
    await click(browser, '[data-testid="nav-programme"]');
    await h1(browser, 'Programme');
    await page(browser, '25-programme');
    await click(browser, '[data-testid="nav-challenges"]');
    await h1(browser, 'Challenges');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="board-row"]')).length > 5);
    assert.match(await text(browser, '[data-testid="board-row"]'), /overdue/);
    await page(browser, '26-challenge-board');
    await click(browser, '[data-testid="board-row"] a');
    await h1(browser, '');
    await page(browser, '27-demo-challenge');
    await openSection(browser, 'measures');
    await click(browser, '[data-testid="measure-link"]');
    await el(browser, '[data-testid="xmr-chart"] svg');
    await page(browser, '28-demo-measure');
    await click(browser, '[data-testid="leave-demo"]');
    await h1(browser, 'Welcome to Fellowship');
  } finally {
    await closeApp(browser);
  }
});
