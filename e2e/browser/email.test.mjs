// Email end to end, in a browser against the real programme server and a real SMTP server
// (aiosmtpd with STARTTLS and AUTH): faculty set up email and send a test message, issue 360
// codes that go to the raters by email, one rater answers with the code from their email, and
// the reminder goes only to the others. axe-core checks each page; screenshots of the email
// settings and the outbox at 1,280 and 390 px land in e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, pageAxeViolations } from '../lib/chromium.mjs';
import { startServer } from '../lib/server.mjs';
import { startSmtp, SMTP_USER, SMTP_PASSWORD, CA_PEM } from '../lib/smtp.mjs';
import { CLI, DEMO_PASSWORD, demoDb } from '../lib/steps.mjs';

const ARTIFACTS = path.resolve(import.meta.dirname, '..', 'artifacts');
let server;
let smtp;
let browser;
let db;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  db = demoDb('email');
  server = await startServer(db);
  smtp = await startSmtp();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.stop();
  smtp?.stop();
});

async function newPage(width = 1280) {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 800 } });
  return context.newPage();
}

async function check(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  const violations = await pageAxeViolations(page);
  assert.deepEqual(violations, [], `accessibility problems on ${name}: ${JSON.stringify(violations, null, 2)}`);
}

async function signIn(page, email) {
  await page.goto(server.base);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.fill('#email', email);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('[data-testid="signin-submit"]');
  await page.getByRole('heading', { level: 1, name: /Today/ }).waitFor();
}

const iso = (d) => d.toISOString().slice(0, 10);
const isInvitation = (m) => / your invitation$/.test(m.subject);

test('faculty email codes to raters; one answers with the emailed code; the reminder goes only to the others', async () => {
  const faculty = await newPage();
  await signIn(faculty, 'demo.faculty@fellowship.example');

  // Email settings, with a mistake first: the form keeps what was typed and names the field.
  await faculty.goto(`${server.base}/#/programme`);
  await faculty.getByRole('heading', { level: 2, name: 'Email' }).waitFor();
  await faculty.click('[data-testid="open-mail-form"]');
  await faculty.check('[data-testid="mail-enabled"]');
  await faculty.fill('[data-testid="mail-host"]', 'localhost');
  await faculty.fill('[data-testid="mail-port"]', String(smtp.port));
  await faculty.fill('[data-testid="mail-username"]', SMTP_USER);
  await faculty.fill('[data-testid="mail-password"]', SMTP_PASSWORD);
  await faculty.fill('[data-testid="mail-from-address"]', 'fellowship@nhs.net');
  await faculty.fill('[data-testid="mail-from-name"]', 'London Fellowship');
  await faculty.fill('[data-testid="mail-app-url"]', 'not an address');
  await faculty.fill('[data-testid="mail-reminder-days"]', '7, 2');
  await faculty.click('[data-testid="mail-ca-fold"]');
  await faculty.fill('[data-testid="mail-extra-ca"]', CA_PEM);
  await faculty.click('[data-testid="save-mail"]');
  await faculty.locator('#mail_app_url-error').waitFor();
  assert.equal(await faculty.inputValue('[data-testid="mail-host"]'), 'localhost', 'nothing typed is lost');
  await faculty.fill('[data-testid="mail-app-url"]', server.base);
  await faculty.click('[data-testid="save-mail"]');
  await faculty.locator('[data-testid="mail-saved"]').waitFor();

  // A test message, sent at once.
  await faculty.click('[data-testid="open-test-email"]');
  await faculty.fill('[data-testid="test-email-to"]', 'office@nhs.net');
  await faculty.click('[data-testid="send-test-email"]');
  await faculty.locator('[data-testid="test-email-sent"]').waitFor();
  const tests = smtp.received().filter((m) => m.rcpt_tos[0] === 'office@nhs.net');
  assert.equal(tests.length, 1);
  assert.ok(tests[0].tls && tests[0].authenticated, 'over STARTTLS, signed in');
  await check(faculty, 'email-settings-1280');

  // A round for the newest cohort; three raters nominated for one fellow; codes issued.
  await faculty.click('[data-testid="nav-feedback"]');
  await faculty.click('[data-testid="open-round-link"]');
  // The cohorts arrive after the form first shows: read them once they are in.
  await faculty.locator('#cohort_id option').nth(1).waitFor({ state: 'attached' });
  const labels = await faculty.locator('#cohort_id option').allTextContents();
  const newest = labels.map((l) => l.trim()).filter((l) => /^\d{4}\/\d{2}$/.test(l)).sort().at(-1);
  await faculty.selectOption('#cohort_id', { label: newest });
  await faculty.click('label[for="kind-end_of_year"]');
  const closes = new Date(Date.now() + 45 * 86400000);
  for (const [field, date] of [['opens_on', new Date()], ['closes_on', closes]]) {
    const [y, m, d] = iso(date).split('-');
    await faculty.fill(`#${field}-day`, d);
    await faculty.fill(`#${field}-month`, m);
    await faculty.fill(`#${field}-year`, y);
  }
  await faculty.click('[data-testid="open-round"]');
  await faculty.getByRole('heading', { level: 1, name: /^End of year/ }).waitFor();
  await faculty.selectOption('#fellow_id', { index: 1 });
  for (const n of [1, 2, 3]) {
    await faculty.selectOption('#rater_group', 'peer');
    await faculty.fill('#rater_name', `Peer ${n}`);
    await faculty.fill('#rater_email', `peer${n}@nhs.example`);
    await faculty.click('[data-testid="nominate"]');
    await faculty.waitForFunction(() => document.querySelector('#rater_name').value === '');
  }
  await faculty.click('[data-testid="issue-codes"]');
  await faculty.locator('[data-testid="codes-emailed"]', { hasText: 'The codes were emailed to 3 raters.' }).waitFor();

  // The app's worker delivers them: each rater gets their own code.
  const invitations = await smtp.waitFor(isInvitation, 3);
  assert.deepEqual(invitations.map((m) => m.rcpt_tos[0]).sort(), ['peer1@nhs.example', 'peer2@nhs.example', 'peer3@nhs.example']);
  const mail = invitations.find((m) => m.rcpt_tos[0] === 'peer1@nhs.example');
  const code = /Your code: (\S+)/.exec(mail.text)[1];
  const link = /Give your feedback: (\S+)/.exec(mail.text)[1];
  assert.equal(link, `${server.base}/#/rater`);

  // Peer 1 follows the link and answers with the code from the email.
  const rater = await newPage();
  await rater.goto(link);
  await rater.getByRole('heading', { level: 1, name: 'Give 360° feedback' }).waitFor();
  await rater.fill('#code', code);
  await rater.click('[data-testid="open-questionnaire"]');
  await rater.getByRole('heading', { level: 1, name: /^Feedback for/ }).waitFor();
  await rater.evaluate(() => {
    for (const fs of document.querySelectorAll('fieldset[id^="answers."]')) {
      document.querySelector(`label[for="rating-${fs.id.split('.')[1]}-4"]`).click();
    }
  });
  await rater.click('[data-testid="submit-questionnaire"]');
  await rater.locator('[data-testid="receipt"]').waitFor();
  await rater.context().close();

  // Two days before the round closes, the schedule reminds those who have not answered.
  const twoDaysBefore = iso(new Date(closes.getTime() - 2 * 86400000));
  execFileSync(CLI, ['send-mail', '--db', db, '--on', twoDaysBefore]);
  const reminders = await smtp.waitFor((m) => /^Reminder: feedback for/.test(m.subject), 2);
  assert.deepEqual(reminders.map((m) => m.rcpt_tos[0]).sort(), ['peer2@nhs.example', 'peer3@nhs.example']);
  assert.ok(reminders.every((m) => !m.text.includes(code)), 'a reminder carries no code');

  // The outbox shows what went.
  await faculty.goto(`${server.base}/#/programme/outbox`);
  await faculty.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
  await faculty.getByText('peer2@nhs.example').first().waitFor();
  await check(faculty, 'email-outbox-1280');
  await faculty.context().close();

  for (const [route, name] of [['/programme', 'email-settings-390'], ['/programme/outbox', 'email-outbox-390']]) {
    const phone = await newPage(390);
    await signIn(phone, 'demo.faculty@fellowship.example');
    await phone.goto(`${server.base}/#${route}`);
    await phone.locator('main h1').first().waitFor();
    await phone.waitForTimeout(300);
    const fits = await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.ok(fits, `${name} fits a phone`);
    await check(phone, name);
    await phone.context().close();
  }
  // No reminder went to the rater who answered, ever.
  assert.equal(smtp.received().filter((m) => m.rcpt_tos[0] === 'peer1@nhs.example').length, 1);
});
