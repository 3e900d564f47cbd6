// Starts the real programme server (`fellowship serve`) on a free loopback port, for the tests
// of the served UI in a browser and of the desktop app opening a server workspace.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { CLI } from './steps.mjs';

const UI = path.resolve(import.meta.dirname, '..', '..', 'ui', 'dist');

/** Serves `db` (and the built UI); resolves to { base, stop } once the server listens. */
export async function startServer(db) {
  const server = spawn(CLI, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--ui', UI], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /serving on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`the server stopped (${code})`)));
  });
  return { base, stop: () => server.kill('SIGTERM') };
}
