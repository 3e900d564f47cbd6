// The same UI served by the programme server to a browser (Debian's Chromium, headless, driven
// by playwright-core), for people who will not install the app: a host sponsor sees only their
// own organisation's fellows and signs off their fellow's review, a fellow writes a reflection
// that is kept on the server, a sponsor joins by an invitation link, and a rater answers a 360° questionnaire with a code and no
// account. axe-core checks each page; screenshots land in e2e/artifacts/.
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

let stopServer;
let base;
let browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  ({ base, stop: stopServer } = await startServer(demoDb('served')));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  stopServer?.();
});

async function newPage() {
  // The page's CSP allows only our own scripts; axe-core is injected for the check alone.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

async function check(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  const violations = await pageAxeViolations(page);
  assert.deepEqual(violations, [], `accessibility problems on ${name}: ${JSON.stringify(violations, null, 2)}`);
}

async function signIn(page, email) {
  await page.goto(base);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.click('[data-testid="signin-submit"]');
  await page.getByRole('heading', { level: 1, name: /Today/ }).waitFor();
}

test('a host sponsor in a browser sees only their own organisation', async () => {
  const page = await newPage();
  await signIn(page, 'demo.sponsor@fellowship.example');
  await page.click('[data-testid="nav-fellows"]');
  await page.getByRole('heading', { level: 1, name: 'Fellows' }).waitFor();
  await page.locator('[data-testid="fellow-row"]').first().waitFor();
  await check(page, 'b1-served-sponsor-fellows');
  const rows = await page.locator('[data-testid="fellow-row"]').count();
  assert.ok(rows > 0 && rows < 96, `the sponsor sees their organisation's fellows only (${rows})`);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'fellowship_session');
  assert.ok(session.httpOnly && session.secure && session.sameSite === 'Strict');
  assert.equal(await page.evaluate(() => document.cookie.includes('fellowship_session')), false, 'scripts cannot read the session');
  await page.context().close();
});

test('a fellow writes a reflection in a browser, and it is kept', async () => {
  const page = await newPage();
  await signIn(page, 'demo.fellow@fellowship.example');
  await page.click('[data-testid="nav-reflections"]');
  await page.getByRole('heading', { level: 1, name: 'Reflective log' }).waitFor();
  await page.click('[data-testid="new-reflection"]');
  await page.fill('#title', 'What the discharge huddle taught me');
  await page.fill('#section-what', 'The huddle moved faster once the pharmacist joined.');
  await page.waitForSelector('[data-testid="autosave-status"]:has-text("Draft saved at")', { timeout: 15000 });
  await check(page, 'b2-served-reflection');
  // A new browser session sees it: it was saved on the server.
  const other = await newPage();
  await signIn(other, 'demo.fellow@fellowship.example');
  await other.click('[data-testid="nav-reflections"]');
  await other.getByText('What the discharge huddle taught me').waitFor();
  await other.context().close();
  await page.context().close();
});

test('faculty invite a sponsor by link; the sponsor signs up in a browser; a disabled account stops', async () => {
  const faculty = await newPage();
  await signIn(faculty, 'demo.faculty@fellowship.example');
  await faculty.click('[data-testid="nav-users"]');
  await faculty.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
  // A fellow's account: the picker offers fifty at a time, so with the finished fellows of four
  // cohorts a search appears, and the core narrows the choices to what is typed.
  await faculty.selectOption('[data-testid="invite-role"]', 'fellow');
  await faculty.locator('#invite_fellow_id option').nth(1).waitFor({ state: 'attached' });
  await faculty.click('label[for="invite_fellow_id-include-finished"]');
  const search = faculty.locator('[data-testid="invite-fellow-search"]');
  await search.waitFor();
  assert.equal(await faculty.locator('#invite_fellow_id option').count(), 51, 'the empty choice and the first fifty');
  assert.match(await faculty.textContent('#invite_fellow_id-hint'), /Showing the first 50 of \d+ fellows/);
  const last = (await faculty.locator('#invite_fellow_id option').nth(50).textContent()).split(' — ')[0];
  await search.fill(last);
  await faculty.waitForFunction(() => document.querySelectorAll('#invite_fellow_id option').length < 51);
  const found = await faculty.locator('#invite_fellow_id option').allTextContents();
  assert.ok(found.slice(1).every((label) => label.toLowerCase().includes(last.toLowerCase())), found.join('; '));
  await check(faculty, 'b3-served-fellow-picker');
  await search.fill('no such fellow at all');
  await faculty.locator('#invite_fellow_id-hint', { hasText: 'No fellows match' }).waitFor();
  // A bad address is refused beside the field, and what was typed is kept.
  await faculty.fill('[data-testid="invite-email"]', 'not an address');
  await faculty.selectOption('[data-testid="invite-role"]', 'host_sponsor');
  await faculty.selectOption('[data-testid="invite-host"]', { index: 1 });
  await faculty.click('[data-testid="invite-submit"]');
  await faculty.locator('#invite_email-error').waitFor();
  assert.equal(await faculty.inputValue('[data-testid="invite-email"]'), 'not an address');
  await faculty.fill('[data-testid="invite-email"]', 'kai.sponsor@nhs.example');
  await faculty.click('[data-testid="invite-submit"]');
  await faculty.locator('[data-testid="invitation-made"]').waitFor();
  const link = await faculty.inputValue('[data-testid="invitation-link"]');
  assert.match(link, /\/#\/join\/[A-Za-z0-9_-]{40,}$/);
  await check(faculty, 'b3-served-invitation');

  // The invited sponsor opens the link in their own browser and makes their account.
  const sponsor = await newPage();
  await sponsor.goto(link);
  await sponsor.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
  assert.match(await sponsor.textContent('[data-testid="join-for"]'), /kai\.sponsor@nhs\.example/);
  await check(sponsor, 'b4-served-join');
  await sponsor.fill('#name', 'Kai Sponsor');
  await sponsor.fill('#password', 'quiet heron ledger window');
  await sponsor.fill('#password_confirm', 'quiet heron ledger window');
  await sponsor.click('[data-testid="join-submit"]');
  await sponsor.getByRole('heading', { level: 1, name: /Today/ }).waitFor();

  // The link works once.
  const again = await newPage();
  await again.goto(link);
  await again.locator('[data-testid="join-unusable"]').waitFor();
  await again.context().close();

  // Faculty disable the account: the sponsor's open session stops at its next step.
  await faculty.reload();
  await faculty.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
  const row = faculty.locator('tr', { hasText: 'kai.sponsor@nhs.example' });
  await row.locator('[data-testid="disable-user"]').click();
  await row.locator('[data-testid="user-disabled"]').waitFor();
  await sponsor.click('[data-testid="nav-cohorts"]');
  await sponsor.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await faculty.context().close();
  await sponsor.context().close();
});

test('a rater answers a 360° questionnaire in a browser with a code, once', async () => {
  // Faculty open a round for the newest cohort and issue one rater a code.
  const faculty = await newPage();
  await signIn(faculty, 'demo.faculty@fellowship.example');
  await faculty.click('[data-testid="nav-feedback"]');
  await faculty.click('[data-testid="open-round-link"]');
  await faculty.getByRole('heading', { level: 1, name: 'Open a 360° round' }).waitFor();
  // The cohorts arrive after the form first shows: read them once they are in.
  await faculty.locator('#cohort_id option').nth(1).waitFor({ state: 'attached' });
  const labels = await faculty.locator('#cohort_id option').allTextContents();
  const newest = labels.map((l) => l.trim()).filter((l) => /^\d{4}\/\d{2}$/.test(l)).sort().at(-1);
  await faculty.selectOption('#cohort_id', { label: newest });
  await faculty.click('label[for="kind-end_of_year"]');
  const iso = (d) => d.toISOString().slice(0, 10);
  const today = new Date();
  for (const [field, date] of [['opens_on', today], ['closes_on', new Date(today.getTime() + 45 * 86400000)]]) {
    const [y, m, d] = iso(date).split('-');
    await faculty.fill(`#${field}-day`, d);
    await faculty.fill(`#${field}-month`, m);
    await faculty.fill(`#${field}-year`, y);
  }
  await faculty.click('[data-testid="open-round"]');
  await faculty.getByRole('heading', { level: 1, name: /^End of year/ }).waitFor();
  await faculty.selectOption('#fellow_id', { index: 1 });
  await faculty.selectOption('#rater_group', 'line_manager');
  await faculty.fill('#rater_name', 'Lee Manager');
  await faculty.fill('#rater_email', 'lee.manager@nhs.example');
  await faculty.click('[data-testid="nominate"]');
  await faculty.waitForFunction(() => document.querySelector('#rater_name').value === '');
  await faculty.click('[data-testid="issue-codes"]');
  const code = (await faculty.locator('[data-testid="issued-code"] [data-testid="code"]').first().textContent()).trim();
  await faculty.context().close();

  // The rater, in their own browser, needs no account.
  const rater = await newPage();
  await rater.goto(base);
  await rater.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  assert.equal(await rater.locator('[data-testid="welcome-demo"]').count(), 0, 'a programme server offers no demo');
  await rater.click('[data-testid="rater-mode"]');
  await rater.getByRole('heading', { level: 1, name: 'Give 360° feedback' }).waitFor();
  await rater.fill('#code', code);
  await rater.click('[data-testid="open-questionnaire"]');
  await rater.getByRole('heading', { level: 1, name: /^Feedback for/ }).waitFor();
  await check(rater, 'b5-served-rater');
  const dimensions = await rater.evaluate(() => {
    const sets = [...document.querySelectorAll('fieldset[id^="answers."]')];
    for (const fs of sets) document.querySelector(`label[for="rating-${fs.id.split('.')[1]}-4"]`).click();
    return sets.length;
  });
  assert.equal(dimensions, 9, 'nine dimensions of the Healthcare Leadership Model');
  await rater.fill('#comment', 'Brings the ward team with her.');
  await rater.click('[data-testid="submit-questionnaire"]');
  await rater.locator('[data-testid="receipt"]').waitFor();
  await check(rater, 'b6-served-rater-receipt');

  // The code works once, in any browser.
  const again = await newPage();
  await again.goto(base);
  await again.click('[data-testid="rater-mode"]');
  await again.fill('#code', code);
  await again.click('[data-testid="open-questionnaire"]');
  await again.locator('#code-error', { hasText: 'already been used' }).waitFor();
  await again.context().close();
  await rater.context().close();
});

test("a host sponsor in a browser signs off their fellow's review", async () => {
  // The fellow drafts their challenge and writes the end-of-year summary for the host.
  const fellow = await newPage();
  await signIn(fellow, 'demo.fellow@fellowship.example');
  await fellow.click('[data-testid="nav-challenges"]');
  await fellow.getByRole('heading', { level: 1, name: 'Challenges' }).waitFor();
  await fellow.click('[data-testid="draft-challenge"]');
  await fellow.getByRole('heading', { level: 1, name: 'Draft a challenge' }).waitFor();
  const title = 'Get medically fit patients home from the acute medical unit sooner';
  await fellow.fill('#title', title);
  await fellow.fill('#problem_statement', 'Medically fit patients wait days to leave hospital.');
  await fellow.click('label[for="nature-wicked"]');
  await fellow.click('label[for="aim_quality"]');
  await fellow.click('[data-testid="save-challenge"]');
  await fellow.getByRole('heading', { level: 1, name: title }).waitFor();
  // The page's sections are folded, and each form opens only when asked for.
  await fellow.click('[data-testid="section-toggle-reviews"]');
  await fellow.click('[data-testid="open-review-draft-form"]');
  await fellow.selectOption('#review_kind', 'end_of_year');
  await fellow.fill('#summary', 'The discharge huddle now runs on every ward; delays are down by a third.');
  await fellow.click('[data-testid="save-review-draft"]');
  await fellow.locator('[data-testid="review-draft"]').first().waitFor();
  await fellow.context().close();

  // The sponsor, in their own browser, finds it and signs it.
  const sponsor = await newPage();
  await signIn(sponsor, 'demo.sponsor@fellowship.example');
  await sponsor.click('[data-testid="nav-challenges"]');
  await sponsor.getByRole('link', { name: title }).click();
  await sponsor.getByRole('heading', { level: 1, name: title }).waitFor();
  await sponsor.click('[data-testid="section-toggle-reviews"]');
  await sponsor.click('[data-testid="open-sign-review"]');
  await sponsor.locator('[data-testid="sign-review-form"]', { hasText: /end.of.year/i }).waitFor();
  await sponsor.fill('#statement', 'The trust will keep the huddle and fund a second coordinator.');
  await sponsor.fill('#signed_name', 'Demo host sponsor');
  await sponsor.click('[data-testid="sign-review"]');
  await sponsor.locator('[data-testid="review-signed"]', { hasText: 'The trust will keep the huddle' }).waitFor();
  await check(sponsor, 'b7-served-sponsor-signed');
  await sponsor.context().close();
});

test('a forgotten password: faculty make a reset link, the person sets a new one, then changes it from their account', async () => {
  const faculty = await newPage();
  await signIn(faculty, 'demo.faculty@fellowship.example');
  await faculty.click('[data-testid="nav-users"]');
  await faculty.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
  await faculty.getByRole('button', { name: 'Make a reset link for Demo workplace mentor' }).click();
  await faculty.locator('[data-testid="reset-made"]').waitFor();
  const link = await faculty.inputValue('[data-testid="reset-link"]');
  assert.match(link, /\/#\/reset\/[A-Za-z0-9_-]{40,}$/);
  await check(faculty, 'b11-served-reset-link');
  await faculty.context().close();

  // The mentor opens it: a weak password is refused beside its field, what was typed is kept.
  const mentor = await newPage();
  await mentor.goto(link);
  await mentor.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
  await mentor.fill('#password', 'password1234');
  await mentor.fill('#password_confirm', 'password1234');
  await mentor.click('[data-testid="reset-submit"]');
  await mentor.locator('#password-error').waitFor();
  assert.match(await mentor.textContent('#password-error'), /harder to guess/);
  assert.equal(await mentor.inputValue('#password'), 'password1234');
  await check(mentor, 'b12-served-reset-weak');
  await mentor.fill('#password', 'violet kettle harbour lamp');
  await mentor.fill('#password_confirm', 'violet kettle harbour lamp');
  await mentor.click('[data-testid="reset-submit"]');
  await mentor.getByRole('heading', { level: 1, name: /Today/ }).waitFor();

  // The link is spent.
  const again = await newPage();
  await again.goto(link);
  await again.fill('#password', 'another quiet harbour lamp');
  await again.fill('#password_confirm', 'another quiet harbour lamp');
  await again.click('[data-testid="reset-submit"]');
  await again.locator('[data-testid="reset-unusable"]').waitFor();
  assert.match(await again.textContent('main'), /used or has expired/);
  await again.context().close();

  // From "Your account", on a phone: a wrong current password is refused, then the change is made.
  await mentor.setViewportSize({ width: 390, height: 844 });
  // On a phone the account links are in the header's menu.
  await mentor.click('[data-testid="menu-toggle"]');
  await mentor.click('[data-testid="nav-account"]');
  await mentor.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  await mentor.fill('#current_password', 'not my password at all');
  await mentor.fill('#new_password', 'quiet heron ledger window');
  await mentor.fill('#new_password_confirm', 'quiet heron ledger window');
  await mentor.click('[data-testid="change-password-submit"]');
  await mentor.locator('#current_password-error').waitFor();
  await check(mentor, 'b13-served-account-error-390');
  await mentor.fill('#current_password', 'violet kettle harbour lamp');
  await mentor.click('[data-testid="change-password-submit"]');
  await mentor.locator('[data-testid="password-changed"]').waitFor();
  await check(mentor, 'b14-served-account-changed-390');
  await mentor.context().close();

  // The new password signs in; the old one does not.
  const later = await newPage();
  await later.goto(base);
  await later.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await later.fill('#email', 'demo.mentor@fellowship.example');
  await later.fill('#password', 'violet kettle harbour lamp');
  await later.click('[data-testid="signin-submit"]');
  await later.locator('#password-error').waitFor();
  await later.fill('#password', 'quiet heron ledger window');
  await later.click('[data-testid="signin-submit"]');
  await later.getByRole('heading', { level: 1, name: /Today/ }).waitFor();
  await later.context().close();
});
