// Sign-in with the organisation's account, in a browser against the real programme server and a
// real OpenID Connect provider (oidc-provider): faculty set it up on the Programme page, then the
// sign-in page sends the browser to the provider and back, signed in; an identity without an
// account comes back refused with a sentence. axe-core checks each screen; screenshots at 1,280
// and 390 px land in e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, pageAxeViolations } from '../lib/chromium.mjs';
import { startServer } from '../lib/server.mjs';
import { startProvider, SERVER_CLIENT, SERVER_SECRET } from '../lib/oidc.mjs';
import { DEMO_PASSWORD, demoDb } from '../lib/steps.mjs';

const ARTIFACTS = path.resolve(import.meta.dirname, '..', 'artifacts');
const FACULTY = 'demo.faculty@fellowship.example';
let server;
let provider;
let browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(demoDb('org-sign-in'));
  provider = await startProvider([`${server.base}/`]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  provider?.stop();
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

/** At the provider's page: signs in as `email`. */
async function atProvider(page, email) {
  await page.getByRole('heading', { name: 'Test organisation: sign in' }).waitFor();
  await page.fill('#email', email);
  await page.click('button[type="submit"]');
}

test('faculty set up organisation sign-in; people then sign in at their organisation and come back in', async () => {
  const page = await newPage();
  await page.goto(server.base);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.equal(await page.locator('[data-testid="org-sign-in"]').count(), 0, 'not offered while off');
  await page.fill('#email', FACULTY);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('[data-testid="signin-submit"]');
  await page.getByRole('heading', { level: 1, name: /Today/ }).waitFor();

  // The Programme page: a bad issuer is named beside its field, and what was typed stays.
  await page.goto(`${server.base}/#/programme`);
  await page.click('[data-testid="open-org-form"]');
  await page.check('#enabled');
  await page.fill('#issuer', 'login.example.nhs.uk');
  await page.fill('#client_id', SERVER_CLIENT);
  await page.click('[data-testid="save-org-sign-in"]');
  await page.locator('#issuer-error, .nhsuk-error-message', { hasText: 'issuer' }).first().waitFor();
  assert.equal(await page.inputValue('#client_id'), SERVER_CLIENT);
  await page.fill('#issuer', provider.issuer);
  await page.fill('#client_secret', SERVER_SECRET);
  await check(page, 'org-sign-in-settings-1280');
  await page.click('[data-testid="save-org-sign-in"]');
  await page.getByText('Organisation sign-in settings saved.').waitFor();
  const summary = await page.textContent('main');
  assert.ok(summary.includes(provider.issuer));
  assert.ok(!summary.includes(SERVER_SECRET), 'the secret is never shown');
  await page.click('[data-testid="sign-out"]');

  // Signing in at the organisation: out to the provider and back, signed in.
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.locator('[data-testid="org-sign-in"]').waitFor();
  await check(page, 'org-sign-in-offer-1280');
  await page.click('[data-testid="org-sign-in"]');
  await atProvider(page, FACULTY);
  await page.getByRole('heading', { level: 1, name: /Today/ }).waitFor();
  assert.ok(!page.url().includes('code='), 'the code does not stay in the address bar');
  await page.goto(`${server.base}/#/users`);
  await page.locator('[data-testid="user-org-linked"]').first().waitFor();
  await check(page, 'org-sign-in-users-1280');
  await page.click('[data-testid="sign-out"]');
  await page.context().close();

  // Someone else (a new browser: the provider remembers who signed in there) whose identity
  // has no account comes back refused, with what to do.
  const other = await newPage();
  await other.goto(server.base);
  await other.click('[data-testid="org-sign-in"]');
  await atProvider(other, 'stranger@nhs.example');
  await other.getByText('There is no Fellowship account for stranger@nhs.example').first().waitFor();
  assert.ok((await other.textContent('main')).includes('Ask the programme office'));
  assert.ok(!other.url().includes('code='), 'the code does not stay in the address bar');
  await check(other, 'org-sign-in-refused-1280');
  await other.context().close();

  // On a phone, the offer fits.
  const phone = await newPage(390);
  await phone.goto(server.base);
  await phone.locator('[data-testid="org-sign-in"]').waitFor();
  await check(phone, 'org-sign-in-offer-390');
  await phone.context().close();
});
