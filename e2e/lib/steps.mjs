// Steps the end-to-end tests share: checking a page (screenshot and axe-core), signing in and
// out, and preparing a demo programme through the real command line.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { axeViolations, click, el, fill, fillDate, freshDbPath, h1, screenshot } from './app.mjs';

export const CLI = path.resolve(import.meta.dirname, '..', '..', 'target', 'debug', 'fellowship');
export const DEMO_PASSWORD = 'explore-the-demo';

/** Saves a screenshot of the page and fails on any accessibility problem axe-core finds. */
export async function page(browser, name) {
  await screenshot(browser, name);
  const violations = await axeViolations(browser);
  assert.deepEqual(violations, [], `accessibility problems on ${name}: ${JSON.stringify(violations, null, 2)}`);
}

/** Signs in from the sign-in screen and waits for the first page (pass landing: null to skip). */
export async function signIn(browser, email, { password = DEMO_PASSWORD, landing = 'Today' } = {}) {
  await h1(browser, 'Sign in');
  await fill(browser, '#email', email);
  await fill(browser, '#password', password);
  await click(browser, '[data-testid="signin-submit"]');
  if (landing) await h1(browser, landing);
}

/**
 * Opens a folded section of the challenge page ("action-plan", "reviews", ...), unless it is
 * open already.
 */
export async function openSection(browser, id) {
  const toggle = await el(browser, `[data-testid="section-toggle-${id}"]`);
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await click(browser, `[data-testid="section-toggle-${id}"]`);
}

/** Opens a form kept behind its button (e.g. "open-action-form"), as the user asks for it. */
export async function openForm(browser, testid) {
  await click(browser, `[data-testid="${testid}"]`);
}

export async function signOut(browser) {
  await click(browser, '[data-testid="sign-out"]');
  await h1(browser, 'Sign in');
}

/** A fresh database holding the demo programme, made by the real command line. */
export function demoDb(name) {
  const db = freshDbPath(name);
  execFileSync(CLI, ['demo', '--db', db]);
  return db;
}

/** The demo fellow's own name, read through the CLI export as that fellow sees it. */
export function demoFellowName(db) {
  const out = mkdtempSync(path.join(tmpdir(), 'fellowship-export-'));
  execFileSync(CLI, ['export', '--db', db, '--out', out, '--user', 'demo.fellow@fellowship.example'], {
    env: { ...process.env, FELLOWSHIP_PASSWORD: DEMO_PASSWORD },
  });
  const [, first] = readFileSync(path.join(out, 'fellows.csv'), 'utf8').trim().split('\n');
  return first.split(',')[1];
}

/** Chooses a file in a file input, as the file picker would, with the given name and text. */
export async function chooseFile(browser, selector, name, text) {
  await browser.execute(
    (sel, fileName, contents) => {
      const input = document.querySelector(sel);
      const transfer = new DataTransfer();
      transfer.items.add(new File([contents], fileName, { type: 'text/csv' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    selector,
    name,
    text,
  );
}

/** Chooses a fellow in a picker, whose options name each fellow's cohort and host after the name. */
export async function selectFellow(browser, selector, name) {
  const option = await (await el(browser, selector)).$(`option*=${name}`);
  await (await el(browser, selector)).selectByAttribute('value', await option.getAttribute('value'));
}

/** Faculty (signed in) pair a fellow with the demo workplace mentor as `kind`, from 1 Sep 2026. */
export async function pairWithDemoMentor(browser, fellowName, kind) {
  await click(browser, '[data-testid="nav-mentoring"]');
  await h1(browser, 'Mentoring and coaching');
  await selectFellow(browser, '#fellow_id', fellowName);
  await (await el(browser, '#person_id')).selectByVisibleText('Demo workplace mentor');
  await (await el(browser, '#kind')).selectByAttribute('value', kind);
  await fillDate(browser, 'started_on', '2026-09-01');
  await click(browser, '[data-testid="save-relationship"]');
  await browser.waitUntil(async () => (await browser.$$('[data-testid="overview-row"]')).length === 1);
}
