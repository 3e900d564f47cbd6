// Harness for end-to-end tests of the real app: starts tauri-driver (which starts
// WebKitWebDriver), opens the built binary on a given database, and offers the few helpers
// the scenarios need: screenshots, axe-core checks and NHS-style form filling.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { remote } from 'webdriverio';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const ARTIFACTS = path.resolve(import.meta.dirname, '..', 'artifacts');

let driver;

function portOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => { s.end(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}

async function waitForPorts(ports, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    const open = await Promise.all(ports.map(portOpen));
    if (open.every(Boolean)) return;
    if (Date.now() > end) throw new Error(`tauri-driver did not open ports ${ports.join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startDriver() {
  // Its output is passed on rather than inherited: an app process that outlived its session would
  // otherwise hold the test runner's pipe open, and the run would never end.
  driver = spawn('tauri-driver', ['--port', '4444', '--native-port', '4445'], { stdio: ['ignore', 'pipe', 'pipe'] });
  driver.stdout.on('data', (d) => process.stdout.write(d));
  driver.stderr.on('data', (d) => process.stderr.write(d));
  // WebKitWebDriver (port 4445) starts with the first session, so only 4444 is awaited here.
  await waitForPorts([4444]);
}

/** SIGTERM, never SIGKILL: only then does tauri-driver stop its WebKitWebDriver child. */
export async function stopDriver() {
  if (!driver) return;
  const exited = new Promise((r) => driver.once('exit', r));
  driver.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  driver.stdout.destroy();
  driver.stderr.destroy();
  // Any app window a closed session left behind goes too, so the next test starts clean.
  spawnSync('pkill', ['-TERM', '-x', 'fellowship-app']);
}

export function freshDbPath(name = 'fellowship') {
  return path.join(mkdtempSync(path.join(tmpdir(), 'fellowship-e2e-')), `${name}.sqlite`);
}

/** Opens the app on a database file; returns a webdriverio browser. */
export async function openApp(dbPath, extraArgs = []) {
  const browser = await remote({
    hostname: '127.0.0.1',
    port: 4444,
    logLevel: 'warn',
    capabilities: {
      'tauri:options': { application: process.env.FELLOWSHIP_APP, args: ['--db', dbPath, ...extraArgs] },
      'wdio:enforceWebDriverClassic': true,
    },
  });
  return browser;
}

export async function closeApp(browser) {
  await browser.deleteSession();
}

export async function screenshot(browser, name) {
  // Two animation frames, so the picture shows what the DOM already holds.
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  await browser.saveScreenshot(path.join(ARTIFACTS, `${name}.png`));
}

/** Runs axe-core on the current page; returns serious and critical violations. */
export async function axeViolations(browser) {
  const loaded = await browser.execute(() => typeof window.axe !== 'undefined');
  if (!loaded) await browser.execute(`${AXE_SOURCE}; return true;`);
  const result = await browser.executeAsync((done) => {
    window.axe
      .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
      .then((r) => done(JSON.stringify(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })))))
      .catch((e) => done(JSON.stringify([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }])));
  });
  return JSON.parse(result).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Waits for an element, then returns it. */
export async function el(browser, selector, timeout = 10000) {
  const e = await browser.$(selector);
  await e.waitForDisplayed({ timeout });
  return e;
}

export async function fill(browser, selector, value) {
  // A field the page has just re-rendered (e.g. after a select changed the form) can be
  // replaced between finding and typing: find it again once.
  for (let attempt = 0; ; attempt += 1) {
    try {
      const e = await el(browser, selector);
      await e.clearValue();
      if (value !== '') await e.setValue(value);
      return;
    } catch (error) {
      if (attempt > 0) throw error;
      await browser.pause(300);
    }
  }
}

/**
 * Puts text into a field as a paste from a spreadsheet does: all at once, tabs included (typing
 * a tab through WebDriver would move the focus instead), then the input event the UI listens to.
 */
export async function paste(browser, selector, value) {
  const e = await el(browser, selector);
  await browser.execute((node, v) => {
    node.focus();
    node.value = v;
    node.dispatchEvent(new Event('input', { bubbles: true }));
  }, e, value);
}

/** Fills an NHS date input (three fields: day, month, year) from "YYYY-MM-DD". */
export async function fillDate(browser, field, iso) {
  const [y, m, d] = iso.split('-');
  await fill(browser, `#${field}-day`, d);
  await fill(browser, `#${field}-month`, m);
  await fill(browser, `#${field}-year`, y);
}

export async function click(browser, selector) {
  const e = await el(browser, selector);
  // Long pages: bring the target to the middle so no sticky header or banner covers it.
  await browser.execute((node) => node.scrollIntoView({ block: 'center' }), e);
  await e.click();
}

export async function text(browser, selector) {
  return (await el(browser, selector)).getText();
}

export async function h1(browser, expected) {
  await browser.waitUntil(async () => (await (await browser.$('h1')).getText()).includes(expected), {
    timeout: 10000,
    timeoutMsg: `expected a heading containing "${expected}"`,
  });
}

/** The text a PDF shows: literal strings, and hex strings decoded (printpdf writes any line
 * with brackets in it as hex), one line each. */
export function pdfText(buffer) {
  const raw = buffer.toString('latin1');
  const out = [];
  for (const m of raw.matchAll(/(?:<([0-9A-Fa-f]*)>|\(((?:\\.|[^\\)])*)\))\s*Tj/g)) {
    out.push(m[1] !== undefined ? Buffer.from(m[1], 'hex').toString('latin1') : m[2]);
  }
  return out.join('\n');
}
