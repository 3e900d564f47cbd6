// A small hash router: the app is served from files inside Tauri, so the hash is the only
// part of the URL we can own. Hashes not starting with "#/" are in-page anchors and ignored.

export type Location = { path: string; query: URLSearchParams };

function read(): Location {
  const hash = window.location.hash;
  const raw = hash.startsWith('#/') ? hash.slice(1) : '/';
  const [path, search = ''] = raw.split('?', 2);
  return { path: path.replace(/\/+$/, '') || '/', query: new URLSearchParams(search) };
}

/**
 * Where the app is. `visit` counts the times the user went somewhere new: pages are re-created
 * per visit, so a page that only changes its own address (see `readdress`) is kept.
 */
export const router = $state<{ location: Location; visit: number }>({ location: read(), visit: 0 });

function sync(): void {
  const next = read();
  const { path, query } = router.location;
  if (next.path !== path || next.query.toString() !== query.toString()) {
    router.location = next;
    router.visit += 1;
  }
}

// Back and forward, and links followed by the browser.
window.addEventListener('hashchange', () => {
  const hash = window.location.hash;
  if (hash === '' || hash.startsWith('#/')) sync();
});

/** The href for an app path, e.g. href('/fellows/3'). */
export function href(path: string): string {
  return `#${path}`;
}

/**
 * Goes to an app path, adding a history entry (or replacing the current one). The router
 * updates at once rather than on the later hashchange, so a caller can change other state in
 * the same tick and the user never sees an in-between page.
 */
export function navigate(path: string, { replace = false } = {}): void {
  if (replace) window.history.replaceState(window.history.state, '', href(path));
  else window.location.hash = href(path);
  sync();
}

/**
 * Gives the page on show a new address, in place of the current one, without re-creating the
 * page: its form, what was typed and the focus all stay. E.g. a new draft, once saved, becomes
 * "/reflections/5/edit", so going back and forward later finds the saved entry.
 */
export function readdress(path: string): void {
  window.history.replaceState(window.history.state, '', href(path));
  router.location = read();
}

/** Matches "/fellows/:id/edit" against a path; returns the named parts, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      if (!/^\d+$/.test(got[i])) return null;
      params[want[i].slice(1)] = got[i];
    } else if (want[i] !== got[i]) {
      return null;
    }
  }
  return params;
}

/**
 * The token of a one-time link for someone signed out: "/join/abc" gives "abc" for the "join"
 * kind, "/reset/abc" for "reset". Null on any other path.
 */
export function linkToken(kind: 'join' | 'reset', path: string): string | null {
  const prefix = `/${kind}/`;
  if (!path.startsWith(prefix)) return null;
  const raw = path.slice(prefix.length);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
