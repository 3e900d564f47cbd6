// The second step at sign-in, in a browser against the real programme server: faculty turn it
// on from their account (scanning is played by reading the key and making codes as an
// authenticator app does), then every sign-in waits for a code that works once, or a recovery
// code. axe-core checks each screen; screenshots at 1,280 and 390 px land in e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, pageAxeViolations } from '../lib/chromium.mjs';
import { startServer } from '../lib/server.mjs';
import { DEMO_PASSWORD, demoDb } from '../lib/steps.mjs';
import { totp } from '../lib/totp.mjs';

const ARTIFACTS = path.resolve(import.meta.dirname, '..', 'artifacts');
const FACULTY = 'demo.faculty@fellowship.example';
let server;
let browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(demoDb('second-step'));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

async function newPage(width = 1280) {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 800 } });
  return context.newPage();
}

async function check(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  const violations = await pageAxeViolations(page);
  assert.deepEqual(violations, [], `accessibility problems on ${name}: ${JSON.stringify(violations, null, 2)}`);
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  assert.ok(fits, `${name} fits its width`);
}

/** The password step; resolves once the second step (or Today) shows. */
async function password(page) {
  await page.goto(server.base);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.fill('#email', FACULTY);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('[data-testid="signin-submit"]');
}

const CODE_PAGE = { level: 1, name: 'Enter the code from your authenticator app' };

test('faculty turn on a second step; sign-in then needs a code that works once, or a recovery code', async () => {
  const page = await newPage();
  await password(page);
  await page.getByRole('heading', { level: 1, name: /Today/ }).waitFor();

  // Set up from the account page: the app's key, a code back, ten recovery codes.
  await page.goto(`${server.base}/#/account`);
  await page.click('[data-testid="open-second-step-setup"]');
  await page.locator('[data-testid="second-step-qr"]').waitFor();
  const key = (await page.locator('[data-testid="second-step-key"]').textContent()).trim();
  await check(page, 'second-step-setup-1280');
  await page.fill('[data-testid="second-step-code"]', '000000');
  await page.click('[data-testid="confirm-second-step"]');
  await page.locator('.nhsuk-error-message').first().waitFor();
  // The step before this one, as a phone whose clock runs a little behind would show.
  await page.fill('[data-testid="second-step-code"]', totp(key, Date.now() - 30000));
  await page.click('[data-testid="confirm-second-step"]');
  await page.locator('[data-testid="recovery-codes"]').waitFor();
  const codes = (await page.locator('[data-testid="recovery-codes"] li').allTextContents()).map((c) => c.trim());
  assert.equal(codes.length, 10);
  await check(page, 'second-step-codes-1280');
  await page.click('[data-testid="recovery-codes-kept"]');
  await page.click('[data-testid="sign-out"]');

  // The password alone opens nothing: the code from the app does.
  await password(page);
  await page.getByRole('heading', CODE_PAGE).waitFor();
  await check(page, 'second-step-code-1280');
  const code = totp(key);
  await page.fill('[data-testid="verify-code"]', code);
  await page.click('[data-testid="verify-second-step"]');
  await page.getByRole('heading', { level: 1, name: /Today/ }).waitFor();
  await page.click('[data-testid="sign-out"]');

  // The same code again is refused; a recovery code works, once.
  await password(page);
  await page.getByRole('heading', CODE_PAGE).waitFor();
  await page.fill('[data-testid="verify-code"]', code);
  await page.click('[data-testid="verify-second-step"]');
  await page.locator('.nhsuk-error-message', { hasText: 'has been used' }).first().waitFor();
  await page.fill('[data-testid="verify-code"]', codes[0]);
  await page.click('[data-testid="verify-second-step"]');
  await page.getByRole('heading', { level: 1, name: /Today/ }).waitFor();
  await page.goto(`${server.base}/#/account`);
  await page.locator('[data-testid="second-step-state"]', { hasText: '9' }).waitFor();
  await page.context().close();

  // On a phone, the code screen fits.
  const phone = await newPage(390);
  await password(phone);
  await phone.getByRole('heading', CODE_PAGE).waitFor();
  await check(phone, 'second-step-code-390');
  await phone.context().close();
});
