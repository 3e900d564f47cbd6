// Each person's Today in the demo programme, served to Debian's Chromium: every role lands on
// its own list of what is due, each item leads somewhere real, the page passes axe-core and fits
// a phone and a desktop. The screenshots are the README's (docs/screenshots/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, pageAxeViolations } from '../lib/chromium.mjs';
import { startServer } from '../lib/server.mjs';
import { demoDb } from '../lib/steps.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'e2e', 'artifacts');
const PASSWORD = 'explore-the-demo';

// Who signs in, and one kind of item the demo gives each of them.
const ROLES = [
  ['faculty', 'demo.faculty@fellowship.example', 'no_mentor'],
  ['facilitator', 'demo.facilitator@fellowship.example', 'next_set_session'],
  ['fellow', 'demo.fellow@fellowship.example', 'challenge_to_draft'],
  ['sponsor', 'demo.sponsor@fellowship.example', 'challenge_changed'],
  ['mentor', 'demo.mentor@fellowship.example', 'challenge_changed'],
];

let stopServer;
let base;
let browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  ({ base, stop: stopServer } = await startServer(demoDb('today')));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  stopServer?.();
});

for (const [role, email, kind] of ROLES) {
  test(`the ${role} lands on their own Today`, async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(base);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await page.click('[data-testid="signin-submit"]');
    await page.getByRole('heading', { level: 1, name: /Today/ }).waitFor();
    await page.locator('[data-testid="today-item"]').first().waitFor();
    const kinds = await page.locator('[data-testid="today-item"]').evaluateAll((els) => els.map((e) => e.dataset.kind));
    assert.ok(kinds.includes(kind), `${role} sees ${kind} (saw ${kinds.join(', ')})`);
    assert.deepEqual(await pageAxeViolations(page), [], `accessibility problems on the ${role}'s Today`);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      assert.ok(fits, `the ${role}'s Today fits ${width} px without sideways scrolling`);
      await page.screenshot({ path: path.join(ARTIFACTS, `today-${role}-${width}.png`), fullPage: true });
    }
    // The item leads where its work is done.
    await page.setViewportSize({ width: 1280, height: 800 });
    const first = page.locator(`[data-kind="${kind}"] a`).first();
    const target = await first.getAttribute('href');
    await first.click();
    await page.waitForFunction((h) => location.hash === h, target);
    await page.locator('h1').first().waitFor();
    assert.doesNotMatch(await page.textContent('main'), /does not exist|do not have access/);
    await context.close();
  });
}
