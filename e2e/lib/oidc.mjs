// Starts the real OpenID Connect provider the sign-in tests use (tests/oidc/provider.mjs: the npm
// package oidc-provider) on a free loopback port, returning to the given addresses.
import { spawn } from 'node:child_process';
import path from 'node:path';

const SCRIPT = path.resolve(import.meta.dirname, '..', '..', 'tests', 'oidc', 'provider.mjs');
export const SERVER_CLIENT = 'fellowship-server';
export const SERVER_SECRET = 'fellowship-server-secret';

/** Resolves to { issuer, stop } once the provider listens. */
export async function startProvider(redirects = []) {
  const args = [SCRIPT, '--port', '0', ...redirects.flatMap((r) => ['--redirect', r])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  const issuer = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /issuer (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`the provider stopped (${code})`)));
  });
  return { issuer, stop: () => child.kill('SIGTERM') };
}
