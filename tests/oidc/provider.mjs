// A real OpenID Connect provider for the sign-in tests: the npm package oidc-provider (OpenID
// Certified), with our own sign-in page standing in for an organisation's (any address signs in;
// a tick box says the person also did multi-factor authentication, which sets `amr`).
//
//   node tests/oidc/provider.mjs [--port N] [--redirect URL]...
//
// Prints "issuer <url>" once it listens. Two clients:
//   fellowship-server  (secret "fellowship-server-secret", redirect URLs from --redirect)
//   fellowship-desktop (public, native: http://127.0.0.1:<any port>/callback, RFC 8252)
import http from 'node:http';
import crypto from 'node:crypto';
import Provider from 'oidc-provider';

const args = process.argv.slice(2);
const option = (name) => args.flatMap((a, i) => (a === name ? [args[i + 1]] : []));
const port = Number(option('--port')[0] ?? 0);
const redirects = option('--redirect');

/** Who signed in, by subject: filled by the sign-in page, read by findAccount. */
const accounts = new Map();

const escape = (s) =>
  String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function body(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return Object.fromEntries(new URLSearchParams(text));
}

function page(res, uid, client) {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="en"><head><title>Test organisation sign-in</title></head>
<body><main><h1>Test organisation: sign in</h1><p>For ${escape(client)}</p>
<form method="post" action="/interaction/${uid}/login">
<label for="email">Email</label> <input id="email" name="email" autocomplete="off">
<label for="sub">Subject (optional)</label> <input id="sub" name="sub">
<label><input type="checkbox" name="mfa" value="1"> Also did multi-factor</label>
<label><input type="checkbox" name="unverified" value="1"> Email not verified</label>
<button type="submit">Sign in</button></form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Cancel</button></form>
</main></body></html>`);
}

let provider;

async function interaction(req, res) {
  const [, , uid, action] = new URL(req.url, 'http://x').pathname.split('/');
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'GET' && details.prompt.name === 'login') {
    return page(res, uid, details.params.client_id);
  }
  if (req.method === 'GET' && details.prompt.name === 'consent') {
    // First-party app: consent is the organisation's, given once for all.
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({
          accountId: details.session.accountId,
          clientId: details.params.client_id,
        });
    grant.addOIDCScope('openid email profile');
    grant.addOIDCClaims(details.prompt.details.missingOIDCClaims ?? []);
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, {
      mergeWithLastSubmission: true,
    });
  }
  if (req.method === 'POST' && action === 'login') {
    const form = await body(req);
    const email = (form.email ?? '').trim();
    const sub = (form.sub ?? '').trim() || `sub-${email.toLowerCase()}`;
    accounts.set(sub, { email, verified: form.unverified !== '1' });
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: sub, amr: form.mfa === '1' ? ['pwd', 'mfa'] : ['pwd'] } },
      { mergeWithLastSubmission: false },
    );
  }
  if (req.method === 'POST' && action === 'abort') {
    return provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The person cancelled signing in' },
      { mergeWithLastSubmission: false },
    );
  }
  res.writeHead(404).end();
}

const server = http.createServer((req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((e) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
    });
  } else {
    provider.callback()(req, res);
  }
});

server.listen(port, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'fellowship-server',
        client_secret: 'fellowship-server-secret',
        redirect_uris: redirects.length ? redirects : ['http://127.0.0.1:9/'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      {
        client_id: 'fellowship-desktop',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', kid: 'test' }] },
    cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    // The ID token carries the scopes' claims (email), as Entra ID's does.
    conformIdTokenClaims: false,
    claims: {
      // How the person proved who they are (amr) comes in every ID token, as Entra ID's does.
      acr: null,
      auth_time: null,
      iss: null,
      sid: null,
      openid: ['sub', 'amr'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, i) => `/interaction/${i.uid}` },
    findAccount: (ctx, sub) => {
      const a = accounts.get(sub);
      if (!a) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: a.email,
          email_verified: a.verified,
          preferred_username: a.email,
          name: a.email.split('@')[0],
        }),
      };
    },
  });
  console.log(`issuer ${issuer}`);
});

process.on('SIGTERM', () => process.exit(0));
