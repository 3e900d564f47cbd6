// Alumni outcomes in the real app: faculty import an earlier cohort from a spreadsheet with one
// bad row (refused with the line named, nothing saved), fix it and import it, see it on the
// dashboard, then import its end-of-year survey answers and see the survey figures update.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDriver, stopDriver, openApp, closeApp, el, click, text, h1, screenshot } from '../lib/app.mjs';
import { chooseFile, demoDb, page, signIn } from '../lib/steps.mjs';

const HEADER = 'cohort,cohort_start,cohort_end,name,email,profession,professional_body,registration_number,host,host_kind,status';
const ROWS = [
  '2015/16,2015-09-01,2016-08-31,Gwen Early,gwen.early@nhs.net,medicine,GMC,6100001,Riverside Hospitals NHS Trust,nhs_trust,completed',
  '2015/16,2015-09-01,2016-08-31,Hari Early,hari.early@nhs.net,surgery,GMC,6100002,,,completed',
  '2015/16,01/09/2015,31/08/2016,Ines Early,ines.early@nhs.net,pharmacy,GPhC,6100003,,,completed',
  '2015/16,2015-09-01,2016-08-31,Jon Early,jon.early@nhs.net,nursing,NMC,15A6100J,,,completed',
  '2015/16,2015-09-01,2016-08-31,Kay Early,kay.early@nhs.net,midwifery,NMC,15B6100K,,,withdrawn',
];

/** Opens every "Show the figures as a table" under the dashboard's charts, as a reader would. */
async function showFigures(browser) {
  await browser.execute(() => {
    for (const summary of document.querySelectorAll('details.app-figures:not([open]) > summary')) summary.click();
  });
}

async function dashboardText(browser) {
  await click(browser, '[data-testid="nav-outcomes"]');
  await h1(browser, 'Alumni outcomes');
  await click(browser, '[data-testid="dashboard-link"]');
  await h1(browser, 'Outcomes dashboard');
  await browser.$('[data-testid="response-rates-table"]').waitForExist();
  await showFigures(browser);
  await el(browser, '[data-testid="response-rates-table"]');
  return text(browser, 'main');
}

before(startDriver);
after(stopDriver);

test('an earlier cohort comes in whole or not at all, and the dashboard shows it', async () => {
  const db = demoDb('outcomes');
  const browser = await openApp(db);
  try {
    await signIn(browser, 'demo.faculty@fellowship.example');
    assert.ok(!(await dashboardText(browser)).includes('2015/16'));
    await page(browser, '70-outcomes-dashboard');
    for (const [testid, name] of [['survey-table', '70b-dashboard-survey'], ['legacy-table', '70c-dashboard-legacy']]) {
      await browser.execute((id) => document.querySelector(`[data-testid="${id}"]`).scrollIntoView({ block: 'end' }), testid);
      await screenshot(browser, name);
    }

    await click(browser, '[data-testid="nav-outcomes"]');
    await h1(browser, 'Alumni outcomes');
    await page(browser, '71-outcomes');
    await click(browser, '[data-testid="historic-link"]');
    await h1(browser, 'Import earlier cohorts');
    await chooseFile(browser, '#csv_file', '2015.csv', [HEADER, ...ROWS].join('\n'));
    await click(browser, '[data-testid="check-historic"]');
    const problem = await el(browser, '[data-testid="import-problem"]');
    assert.match(await problem.getText(), /Line 3, column “profession”: "surgery" is not a profession/);
    assert.equal((await browser.$$('[data-testid="confirm-historic"]')).length, 0, 'no import while a row is bad');
    await page(browser, '72-historic-problem');
    // Nothing was saved.
    assert.ok(!(await dashboardText(browser)).includes('2015/16'));

    await click(browser, '[data-testid="nav-outcomes"]');
    await click(browser, '[data-testid="historic-link"]');
    await h1(browser, 'Import earlier cohorts');
    await chooseFile(browser, '#csv_file', '2015-fixed.csv', [HEADER, ...ROWS].join('\n').replace('surgery', 'medicine'));
    await click(browser, '[data-testid="check-historic"]');
    await click(browser, '[data-testid="confirm-historic"]');
    assert.match(await text(browser, '[data-testid="historic-done"]'), /Imported 5 fellows, with 1 new cohort and 1 new host organisation/);
    await page(browser, '73-historic-done');

    // The new cohort's alumni are now due in every wave since 2016.
    assert.match(await dashboardText(browser), /2015\/16/);

    // Their end-of-year survey answers come in from the survey tool's CSV.
    await click(browser, '[data-testid="nav-outcomes"]');
    await click(browser, '[data-testid="import-link"]');
    await h1(browser, 'Import responses from a survey');
    await (await el(browser, '#wave_id')).selectByVisibleText('End of year');
    await chooseFile(browser, '#csv_file', 'survey.csv', [
      'Email address,Submitted,worthwhile,empowered',
      'gwen.early@nhs.net,2016-09-20,5,4',
      'hari.early@nhs.net,2016-09-21,4,4',
      'ines.early@nhs.net,2016-09-22,5,5',
      'jon.early@nhs.net,2016-09-23,2,3',
    ].join('\n'));
    await click(browser, '[data-testid="check-import"]');
    await click(browser, '[data-testid="confirm-import"]');
    assert.match(await text(browser, '[data-testid="import-done"]'), /Imported 4 responses/);

    await dashboardText(browser);
    await (await el(browser, '#cohort_id')).selectByVisibleText('2015/16');
    await browser.waitUntil(async () => {
      await showFigures(browser);
      return /3 of 4|75%/.test(await text(browser, '[data-testid="survey-table"]'));
    }, {
      timeout: 10000,
      timeoutMsg: 'the survey table shows 3 of the 4 agreeing that the programme was worthwhile',
    });
    const rates = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="response-rate-row"]')].map((r) => [...r.cells].map((c) => c.textContent.trim()).join('|')),
    );
    assert.ok(rates.includes('End of year|2015/16|4|4|100%'), rates.join('\n'));
    assert.ok(rates.includes('1 year after|2015/16|4|0|0%'), 'the withdrawn fellow is not followed up');
    await page(browser, '74-outcomes-dashboard-cohort');

    // Everything above is on the audit trail: who imported what, when.
    await click(browser, '[data-testid="nav-audit"]');
    await h1(browser, 'Audit trail');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="audit-row"]')).length > 0);
    const trail = await text(browser, 'main');
    assert.match(trail, /Import historic/i);
    assert.match(trail, /Import outcomes/i);
    await page(browser, '75-audit-trail');
  } finally {
    await closeApp(browser);
  }
});
