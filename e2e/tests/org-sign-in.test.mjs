// The desktop app signs in with the organisation's account through the system browser and a
// loopback address (RFC 8252), against a real OpenID Connect provider (oidc-provider). The
// "system browser" here is e2e/lib/play-provider.mjs, which the app opens with the provider's
// address (FELLOWSHIP_BROWSER) and which signs in there as a person would; the app waits, then
// finishes the sign-in itself. No password form of ours is involved.
import { test, before, after } from 'node:test';
import path from 'node:path';
import { startDriver, stopDriver, openApp, closeApp, click, fill, text, h1 } from '../lib/app.mjs';
import { demoDb, page, signIn, signOut } from '../lib/steps.mjs';
import { startProvider } from '../lib/oidc.mjs';

const FACULTY = 'demo.faculty@fellowship.example';
let provider;

before(async () => {
  provider = await startProvider();
  // The app inherits these through tauri-driver.
  process.env.FELLOWSHIP_BROWSER = path.resolve(import.meta.dirname, '..', 'lib', 'play-provider.mjs');
  process.env.FELLOWSHIP_TEST_OIDC_EMAIL = FACULTY;
  await startDriver();
});
after(async () => {
  await stopDriver();
  provider?.stop();
});

test('the desktop app signs in at the organisation through the system browser', async () => {
  const browser = await openApp(demoDb('desktop-org'));
  try {
    await signIn(browser, FACULTY);
    await click(browser, '[data-testid="nav-programme"]');
    await h1(browser, 'Programme');
    await click(browser, '[data-testid="open-org-form"]');
    await click(browser, 'label[for="enabled"]');
    await fill(browser, '#issuer', provider.issuer);
    await fill(browser, '#client_id', 'fellowship-desktop');
    await click(browser, '[data-testid="save-org-sign-in"]');
    await browser.waitUntil(async () => /Organisation sign-in settings saved/.test(await text(browser, 'main')));
    await signOut(browser);

    await page(browser, 'org-sign-in-desktop-offer');
    await click(browser, '[data-testid="org-sign-in"]');
    await h1(browser, 'Today');
    await page(browser, 'org-sign-in-desktop-signed-in');
  } finally {
    await closeApp(browser);
  }
});
