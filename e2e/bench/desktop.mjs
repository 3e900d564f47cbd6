// The desktop app as a user feels it, beside the smallest Tauri v2 app, in one run under Xvfb
// (scripts/desktop-bench.sh builds both and starts this). For each app, RUNS times, alternating:
//   start   from the process starting (its start time in /proc) to the first screen painted
//           (the UI's performance mark `fellowship:first-screen`);
//   memory  the proportional set size (PSS) of the app and every process under it (WebKit's
//           web and network processes), once the screen has settled.
// Fellowship is opened on the large demo; after its first screen it signs in as faculty and
// the time from the click to Today painted is measured too, then memory after Today and after
// the fellows list (its first page of the 400). Prints a JSON summary on the last line.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { remote } from 'webdriverio';
import { startDriver, stopDriver } from '../lib/app.mjs';
import { DEMO_PASSWORD as PASSWORD } from '../lib/steps.mjs';

const FELLOWSHIP = process.env.FELLOWSHIP_APP;
const EMPTY = process.env.EMPTY_APP;
const DEMO_DB = process.env.DEMO_DB;
const RUNS = Number(process.env.RUNS ?? 5);
const SETTLE_MS = 3000;
const FACULTY = 'demo.faculty@fellowship.example';

const TICKS = Number(spawnSync('getconf', ['CLK_TCK']).stdout.toString().trim());
const BOOT_MS = Number(/btime (\d+)/.exec(readFileSync('/proc/stat', 'utf8'))[1]) * 1000;

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces). */
function stat(pid) {
  const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return s.slice(s.lastIndexOf(')') + 2).split(' ');
}

/** When the process started, in ms since the epoch (to the clock tick, 10 ms). */
function startedAt(pid) {
  return BOOT_MS + (Number(stat(pid)[19]) / TICKS) * 1000;
}

/** The process and everything started under it. */
function tree(root) {
  const parent = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      parent.set(Number(name), Number(stat(name)[1]));
    } catch {
      // It ended while we looked.
    }
  }
  const all = [root];
  for (let i = 0; i < all.length; i += 1) {
    for (const [pid, ppid] of parent) if (ppid === all[i]) all.push(pid);
  }
  return all;
}

function pssKb(root) {
  let total = 0;
  const names = [];
  // Each process's share too (the app, WebKit's web and network processes), to see where memory goes.
  const byProcess = {};
  for (const pid of tree(root)) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      const kb = Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
      const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      total += kb;
      names.push(name);
      byProcess[name] = (byProcess[name] ?? 0) + kb;
    } catch {
      // It ended while we looked.
    }
  }
  return { kb: total, processes: names, by_process: byProcess };
}

function newestPid(name) {
  const out = spawnSync('pgrep', ['-n', '-x', name]).stdout.toString().trim();
  if (!out) throw new Error(`no ${name} process`);
  return Number(out);
}

/** Waits for a performance mark; returns when it was set, in ms since the epoch. */
async function markTime(browser, name, timeout = 60000) {
  const end = Date.now() + timeout;
  for (;;) {
    const at = await browser.execute((n) => {
      const m = performance.getEntriesByName(n)[0];
      return m ? performance.timeOrigin + m.startTime : null;
    }, name);
    if (at) return at;
    if (Date.now() > end) throw new Error(`the mark ${name} was not set`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function open(app, args) {
  return remote({
    hostname: '127.0.0.1',
    port: 4444,
    logLevel: 'warn',
    capabilities: { 'tauri:options': { application: app, args }, 'wdio:enforceWebDriverClassic': true },
  });
}

async function measureEmpty() {
  const browser = await open(EMPTY, []);
  try {
    const pid = newestPid('empty-tauri');
    const painted = await markTime(browser, 'fellowship:first-screen');
    await pause(SETTLE_MS);
    return { start_ms: painted - startedAt(pid), pss: pssKb(pid) };
  } finally {
    await browser.deleteSession();
  }
}

async function measureFellowship() {
  const browser = await open(FELLOWSHIP, ['--db', DEMO_DB]);
  try {
    const pid = newestPid('fellowship-app');
    const painted = await markTime(browser, 'fellowship:first-screen');
    await pause(SETTLE_MS);
    const atSignIn = pssKb(pid);
    await (await browser.$('#email')).setValue(FACULTY);
    await (await browser.$('#password')).setValue(PASSWORD);
    const clicked = Date.now();
    await (await browser.$('[data-testid="signin-submit"]')).click();
    const today = await markTime(browser, 'fellowship:today');
    await pause(SETTLE_MS);
    const atToday = pssKb(pid);
    await browser.execute(() => {
      window.location.hash = '#/fellows';
    });
    await (await browser.$('table')).waitForDisplayed({ timeout: 30000 });
    await pause(SETTLE_MS);
    const atFellows = pssKb(pid);
    return {
      start_ms: painted - startedAt(pid),
      sign_in_to_today_ms: today - clicked,
      pss: atSignIn,
      pss_today: atToday,
      pss_fellows: atFellows,
    };
  } finally {
    await browser.deleteSession();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

await startDriver();
const empty = [];
const fellowship = [];
try {
  // One of each first, unmeasured, so neither pays for a cold file cache.
  await measureEmpty();
  await measureFellowship();
  for (let i = 0; i < RUNS; i += 1) {
    empty.push(await measureEmpty());
    fellowship.push(await measureFellowship());
    console.log(`run ${i + 1}: empty ${JSON.stringify(empty.at(-1))}`);
    console.log(`run ${i + 1}: fellowship ${JSON.stringify(fellowship.at(-1))}`);
  }
} finally {
  await stopDriver();
}
const mb = (kb) => Math.round(kb / 102.4) / 10;
const summary = {
  runs: RUNS,
  empty: { start_ms: median(empty.map((r) => r.start_ms)), pss_mb: mb(median(empty.map((r) => r.pss.kb))) },
  fellowship: {
    start_ms: median(fellowship.map((r) => r.start_ms)),
    sign_in_to_today_ms: median(fellowship.map((r) => r.sign_in_to_today_ms)),
    pss_mb_first_screen: mb(median(fellowship.map((r) => r.pss.kb))),
    pss_mb_today: mb(median(fellowship.map((r) => r.pss_today.kb))),
    pss_mb_fellows: mb(median(fellowship.map((r) => r.pss_fellows.kb))),
  },
  processes: { empty: empty[0]?.pss.processes, fellowship: fellowship[0]?.pss_fellows.processes },
};
// Each process's median share, in MB: the empty app at its first screen, Fellowship at its first
// screen and with Today open.
const perProcess = (runs) => {
  const names = [...new Set(runs.flatMap((p) => Object.keys(p.by_process)))];
  return Object.fromEntries(names.map((n) => [n, mb(median(runs.map((p) => p.by_process[n] ?? 0)))]));
};
summary.by_process = {
  empty: perProcess(empty.map((r) => r.pss)),
  fellowship_first_screen: perProcess(fellowship.map((r) => r.pss)),
  fellowship_today: perProcess(fellowship.map((r) => r.pss_today)),
};
summary.ratio = {
  start: Math.round((summary.fellowship.start_ms / summary.empty.start_ms) * 100) / 100,
  memory_today: Math.round((summary.fellowship.pss_mb_today / summary.empty.pss_mb) * 100) / 100,
};
console.log(JSON.stringify(summary));
