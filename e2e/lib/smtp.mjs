// A real SMTP server for the end-to-end tests: the same aiosmtpd script the core's tests use
// (tests/smtp/server.py, STARTTLS and AUTH required), writing each message it takes as JSON.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TLS = path.join(ROOT, 'tests', 'fixtures', 'tls');
export const SMTP_USER = 'fellowship@nhs.net';
export const SMTP_PASSWORD = 'relay password 7';
export const CA_PEM = readFileSync(path.join(TLS, 'ca.pem'), 'utf8');

/** Starts the server; resolves to { port, received(), waitFor(pred, n), stop }. */
export async function startSmtp() {
  const dir = mkdtempSync(path.join(tmpdir(), 'fellowship-smtp-'));
  const child = spawn('/usr/bin/python3', [path.join(ROOT, 'tests', 'smtp', 'server.py'), '--dir', dir,
    '--cert', path.join(TLS, 'localhost.pem'), '--key', path.join(TLS, 'localhost.key'),
    '--user', SMTP_USER, '--password', SMTP_PASSWORD], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /READY (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`the SMTP server stopped (${code})`)));
  });
  // A message is written as ".<name>.json" and then renamed, so a listing can name a file that
  // is gone by the time it is read: only whole messages (no leading dot) are read.
  const received = () =>
    readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()
      .map((n) => JSON.parse(readFileSync(path.join(dir, n), 'utf8')));
  /** Waits (up to 30 s: the app's worker looks every 5 s) for `n` messages matching `pred`. */
  async function waitFor(pred, n) {
    const until = Date.now() + 30000;
    for (;;) {
      const got = received().filter(pred);
      if (got.length >= n || Date.now() > until) return got;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return { port, received, waitFor, stop: () => child.kill('SIGTERM') };
}
