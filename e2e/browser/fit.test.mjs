// Every page fits: for each role of the demo programme, in a browser, every page of its
// navigation and the first detail page of each list it can see, on a phone (390 px) and a
// laptop (1,280 px). No page may scroll sideways, none may be taller than four laptop screens,
// and axe-core finds no serious or critical problem. All failures are gathered, then reported
// together, so one run shows every page that does not fit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, pageAxeViolations } from '../lib/chromium.mjs';
import { startServer } from '../lib/server.mjs';
import { demoDb } from '../lib/steps.mjs';

const PASSWORD = 'explore-the-demo';
const HEIGHT = 800;
const WIDTHS = [1280, 390];
const MAX_SCREENS = 4;
// FIT_SHOTS=/some/folder keeps a screenshot of every page at every width, to look at by eye;
// FIT_REPORT=/some/file.tsv writes every measurement.
const SHOTS = process.env.FIT_SHOTS;

const ROLES = ['faculty', 'fellow', 'sponsor', 'mentor', 'facilitator'];

// Detail pages reached from lists: the first link of each kind found on any page visited.
const DETAILS = [
  ['fellow profile', /^#\/fellows\/\d+$/],
  ['challenge', /^#\/challenges\/\d+$/],
  ['measure', /^#\/challenges\/\d+\/measures\/\d+$/],
  ['cohort overview', /^#\/cohorts\/\d+$/],
  ['learning set', /^#\/sets\/\d+$/],
  ['set session', /^#\/sets\/\d+\/sessions\/\d+$/],
  ['mentoring relationship', /^#\/mentoring\/\d+$/],
  ['360 round', /^#\/feedback\/\d+$/],
  ['360 report', /^#\/feedback\/\d+\/report\/\d+$/],
  ['360 cohort report', /^#\/feedback\/cohorts\/\d+$/],
  ['self-assessment', /^#\/feedback\/\d+\/self$/],
  ['raters', /^#\/feedback\/\d+\/raters$/],
  ['frameworks', /^#\/feedback\/frameworks$/],
  ['outcomes dashboard', /^#\/outcomes\/dashboard$/],
  ['outcomes settings', /^#\/outcomes\/settings$/],
  ['reflection', /^#\/reflections\/\d+$/],
];

let stopServer;
let base;
let browser;

before(async () => {
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  ({ base, stop: stopServer } = await startServer(demoDb('fit')));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  stopServer?.();
});

async function signIn(page, role) {
  await page.goto(base);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.fill('#email', `demo.${role}@fellowship.example`);
  await page.fill('#password', PASSWORD);
  await page.click('[data-testid="signin-submit"]');
  // Whatever the landing page, signing in has worked once the header offers to sign out.
  await page.locator('[data-testid="sign-out"]').waitFor({ state: 'attached' });
}

/** Goes to an app address and waits until the page has a heading and nothing is loading. */
async function visit(page, hash) {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
  // Two looks a little apart, so a request that starts after the first answer is awaited too.
  for (let i = 0; i < 2; i++) {
    await page.waitForFunction(
      (h) =>
        window.location.hash.split('?')[0] === h.split('?')[0] &&
        document.querySelector('main h1') !== null &&
        !document.querySelector('main').textContent.includes('Loading…'),
      hash,
      { timeout: 15000 },
    );
    await page.waitForTimeout(150);
  }
}

async function axeProblems(page) {
  return (await pageAxeViolations(page)).map((v) => `${v.id} at ${v.nodes.slice(0, 3).join(', ')}`);
}

/** The page's own links to detail pages, as hashes. */
async function links(page) {
  return page.evaluate(() => [...document.querySelectorAll('main a[href^="#/"]')].map((a) => a.getAttribute('href')));
}

test('every page fits a phone and a laptop, for every role', async () => {
  const failures = [];
  const measured = [];
  for (const role of ROLES) {
    // The page's CSP allows only our own scripts; axe-core is injected for the check alone.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: WIDTHS[0], height: HEIGHT } });
    const page = await context.newPage();
    await signIn(page, role);
    const nav = await page.evaluate(() =>
      [...document.querySelectorAll('header a[data-testid^="nav-"]')].map((a) => [a.textContent.trim(), a.getAttribute('href')]),
    );
    assert.ok(nav.length > 2, `${role} has a navigation`);
    const queue = nav.map(([name, hash]) => ({ name, hash }));
    const seen = new Set(queue.map((q) => q.hash));
    const kinds = new Set();
    while (queue.length) {
      const { name, hash } = queue.shift();
      try {
        await visit(page, hash);
      } catch (e) {
        failures.push(`${role}, ${name} (${hash}): did not load (${e.message.split('\n')[0]})`);
        continue;
      }
      for (const href of await links(page)) {
        const kind = DETAILS.find(([, re]) => re.test(href));
        if (kind && !kinds.has(kind[0]) && !seen.has(href)) {
          kinds.add(kind[0]);
          seen.add(href);
          queue.push({ name: kind[0], hash: href });
        }
      }
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: HEIGHT });
        await page.waitForTimeout(100);
        const size = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          scrollHeight: document.documentElement.scrollHeight,
        }));
        measured.push(`${role}\t${name}\t${width}\t${size.scrollWidth}\t${size.scrollHeight}`);
        const where = `${role}, ${name} (${hash}), ${width} px`;
        if (size.scrollWidth > size.innerWidth) failures.push(`${where}: ${size.scrollWidth} px wide`);
        if (width === WIDTHS[0] && size.scrollHeight > MAX_SCREENS * HEIGHT) {
          failures.push(`${where}: ${size.scrollHeight} px tall`);
        }
        const problems = await axeProblems(page);
        if (problems.length) failures.push(`${where}: accessibility: ${problems.join('; ')}`);
        if (SHOTS) {
          const file = `${role}-${hash.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}-${width}.png`;
          await page.screenshot({ path: path.join(SHOTS, file), fullPage: true });
        }
      }
      await page.setViewportSize({ width: WIDTHS[0], height: HEIGHT });
    }
    await context.close();
  }
  if (process.env.FIT_REPORT) writeFileSync(process.env.FIT_REPORT, `role\tpage\twidth\tscrollWidth\tscrollHeight\n${measured.join('\n')}\n`);
  assert.deepEqual(failures, [], `pages that do not fit:\n${failures.join('\n')}`);
});
