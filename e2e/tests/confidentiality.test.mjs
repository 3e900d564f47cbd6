// Confidentiality on the paths by which data leaves the app: a fellow's private reflection and a
// mentor's private note, each with a marker word, reach neither faculty's subject-access export,
// the CSV export, the audit-trail export nor the outcomes export; the fellow's own export holds
// their reflection and not the mentor's note, and says that the note is held.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDriver, stopDriver, openApp, closeApp, el, fill, fillDate, click, text, h1 } from '../lib/app.mjs';
import { CLI, DEMO_PASSWORD, demoDb, demoFellowName, page, pairWithDemoMentor, signIn, signOut } from '../lib/steps.mjs';

before(startDriver);
after(stopDriver);

const REFLECTION_MARK = 'Quokkareflection';
const NOTE_MARK = 'Pangolinnote';

/** Downloads with the button `testid` and returns the saved file's text. */
async function download(browser, testid) {
  await click(browser, `[data-testid="${testid}"]`);
  const saved = (await text(browser, `[data-testid="${testid}-saved"]`)).replace(/^Saved to /, '');
  return readFileSync(saved, 'utf8');
}

async function ownProfile(browser, fellowName) {
  // A fellow's menu leads to their own profile.
  await click(browser, '[data-testid="nav-profile"]');
  await h1(browser, fellowName);
  await el(browser, '[data-testid="fellow-privacy"]');
}

test("private fields stay out of every export but their owner's", async () => {
  const db = demoDb('confidentiality');
  const fellowName = demoFellowName(db);
  const downloads = path.join(path.dirname(db), 'downloads');
  const browser = await openApp(db, ['--downloads', downloads]);
  try {
    // Faculty pair the demo fellow with the demo workplace mentor.
    await signIn(browser, 'demo.faculty@fellowship.example');
    await pairWithDemoMentor(browser, fellowName, 'workplace_mentor');
    await signOut(browser);

    // The mentor logs a session with a private note.
    await signIn(browser, 'demo.mentor@fellowship.example');
    await click(browser, '[data-testid="nav-mentoring"]');
    await click(browser, '[data-testid="relationship-row"] a');
    await fillDate(browser, 'held_on', '2026-11-02');
    await fill(browser, '#duration_minutes', '45');
    await (await el(browser, '#mode')).selectByAttribute('value', 'video');
    await fill(browser, '#themes', 'Board papers');
    await fill(browser, '#agreed_actions', 'Draft the paper');
    await fill(browser, '#private_note', `${NOTE_MARK}: check in about workload.`);
    await click(browser, '[data-testid="log-session"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="session-row"]')).length === 1);
    await signOut(browser);

    // The fellow writes a reflection they keep to themselves, then downloads their own record.
    await signIn(browser, 'demo.fellow@fellowship.example');
    await click(browser, '[data-testid="nav-reflections"]');
    await click(browser, '[data-testid="new-reflection"]');
    await fill(browser, '#title', 'After the board meeting');
    await fill(browser, '#section-what', `${REFLECTION_MARK}: I found my voice at the board.`);
    await browser.waitUntil(async () => /Draft saved at/.test(await text(browser, '[data-testid="autosave-status"]')), {
      timeout: 15000,
    });
    await ownProfile(browser, fellowName);
    await el(browser, '[data-testid="sar-own"]');
    await page(browser, '95-own-subject-access');
    const own = await download(browser, 'download-sar-json');
    assert.ok(own.includes(REFLECTION_MARK), "the fellow's own export holds their reflection");
    assert.ok(!own.includes(NOTE_MARK), "the fellow's export holds no one else's private note");
    const withheld = JSON.parse(own).withheld.map((w) => w.key);
    assert.deepEqual(withheld, ['mentoring_private_notes'], 'the note is listed as held');
    await signOut(browser);

    // Faculty: the subject-access export, the audit trail and the outcomes export hold neither.
    await signIn(browser, 'demo.faculty@fellowship.example');
    await click(browser, '[data-testid="nav-fellows"]');
    await fill(browser, '#search', fellowName);
    await click(browser, `a=${fellowName}`);
    await h1(browser, fellowName);
    await el(browser, '[data-testid="sar-faculty"]');
    await browser.execute(() => document.querySelector('[data-testid="fellow-privacy"]').scrollIntoView());
    await page(browser, '96-faculty-subject-access');
    const theirs = await download(browser, 'download-sar-json');
    const readable = await download(browser, 'download-sar-html');
    await click(browser, '[data-testid="nav-audit"]');
    const audit = await download(browser, 'export-audit');
    await click(browser, '[data-testid="nav-outcomes"]');
    const outcomes = await download(browser, 'export-outcomes');
    for (const [name, body] of Object.entries({ theirs, readable, audit, outcomes })) {
      assert.ok(!body.includes(REFLECTION_MARK), `${name} holds no private reflection`);
      assert.ok(!body.includes(NOTE_MARK), `${name} holds no private note`);
    }
    assert.match(readable, /Held but not in this export/);
    // The CSV export as faculty, through the command line.
    const out = mkdtempSync(path.join(tmpdir(), 'fellowship-csv-'));
    execFileSync(CLI, ['export', '--db', db, '--out', out, '--user', 'demo.faculty@fellowship.example'], {
      env: { ...process.env, FELLOWSHIP_PASSWORD: DEMO_PASSWORD },
    });
    for (const file of readdirSync(out)) {
      const body = readFileSync(path.join(out, file), 'utf8');
      assert.ok(!body.includes(REFLECTION_MARK) && !body.includes(NOTE_MARK), `${file} holds no private field`);
    }
  } finally {
    await closeApp(browser);
  }
});
