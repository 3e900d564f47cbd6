// The desktop app on a programme server: from the welcome screen a user gives the server's
// address (an insecure one refused beside the field), signs in there and works on the server's
// programme; the app opens the server again after a restart, and goes back to the programme on
// this computer when asked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDriver, stopDriver, openApp, closeApp, el, click, fill, freshDbPath, text, h1 } from '../lib/app.mjs';
import { demoDb, page, signIn, signOut } from '../lib/steps.mjs';
import { startServer } from '../lib/server.mjs';

let server;

before(async () => {
  server = await startServer(demoDb('server'));
  await startDriver();
});
after(async () => {
  await stopDriver();
  server?.stop();
});

test('the app opens a programme server, remembers it, and goes back to this computer', async () => {
  const local = freshDbPath('local');
  let browser = await openApp(local);
  try {
    await h1(browser, 'Welcome to Fellowship');
    await click(browser, '[data-testid="workspace-choose"]');
    await fill(browser, '#server-url', 'http://fellowship.example.org');
    await click(browser, '[data-testid="workspace-open"]');
    assert.match(await text(browser, '#server-url-error'), /Use an https:\/\/ address/);
    assert.equal(await (await el(browser, '#server-url')).getValue(), 'http://fellowship.example.org', 'what was typed stays');
    await browser.execute(() => document.querySelector('[data-testid="workspace"]').scrollIntoView());
    await page(browser, 's1-server-address-refused');

    await fill(browser, '#server-url', server.base);
    await click(browser, '[data-testid="workspace-open"]');
    await h1(browser, 'Sign in');
    assert.match(await text(browser, '[data-testid="workspace-server"]'), new RegExp(`programme server at ${server.base}`));
    await page(browser, 's2-server-sign-in');
    // The demo's faculty account exists on the server only.
    await signIn(browser, 'demo.faculty@fellowship.example');
    await click(browser, '[data-testid="nav-fellows"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="fellow-row"]')).length > 0);
    const rows = await browser.$$('[data-testid="fellow-row"]');
    assert.ok(rows.length > 0, "the server's fellows are listed");
    await page(browser, 's3-server-fellows');
    await signOut(browser);
  } finally {
    await closeApp(browser);
  }

  // A restart opens the server again; then the user goes back to this computer's programme.
  browser = await openApp(local);
  try {
    await h1(browser, 'Sign in');
    assert.match(await text(browser, '[data-testid="workspace-server"]'), new RegExp(server.base));
    await click(browser, '[data-testid="workspace-local"]');
    await h1(browser, 'Welcome to Fellowship');
    await el(browser, '[data-testid="workspace-choose"]');
  } finally {
    await closeApp(browser);
  }
  browser = await openApp(local);
  try {
    await h1(browser, 'Welcome to Fellowship');
  } finally {
    await closeApp(browser);
  }
});
