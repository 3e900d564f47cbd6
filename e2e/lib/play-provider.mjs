#!/usr/bin/env node
// Stands in for the system browser in the desktop app's organisation sign-in test: the app runs
// this with the provider's sign-in address (FELLOWSHIP_BROWSER), and it signs in at the test
// provider as FELLOWSHIP_TEST_OIDC_EMAIL, follows the redirects and opens the app's loopback
// return address, as a browser would.
const jar = new Map();

async function get(url, init = {}) {
  const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, cookie } });
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
  return res;
}

const start = process.argv[2];
const issuer = new URL(start).origin;
const email = process.env.FELLOWSHIP_TEST_OIDC_EMAIL ?? '';
let next = start;
for (let i = 0; i < 12; i += 1) {
  if (!next.startsWith(issuer)) break;
  let res = await get(next);
  if (res.status === 200) {
    const form = new URLSearchParams({ email });
    res = await get(`${next}/login`, {
      method: 'POST',
      body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
  next = new URL(res.headers.get('location'), issuer).href;
}
// The app's loopback address takes the code and state.
await fetch(next);
