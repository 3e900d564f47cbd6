import { beforeEach, describe, expect, it } from 'vitest';
import { PagedList } from './pagedList.svelte';
import { navigate, router } from './router.svelte';

type P = { rows: string[]; total: number; page: number; page_size: number };
const page = (n: number, rows: string[] = [`row of page ${n}`]): P => ({ rows, total: 120, page: n, page_size: 50 });

/** A request the test answers when it chooses. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ([resolve, reject] = [res, rej]));
  return { promise, resolve, reject };
}

describe('a list asked of the core a page at a time', () => {
  beforeEach(() => navigate('/things', { replace: true }));

  it('keeps the newer answer when an older, slower one arrives after it', async () => {
    const list = new PagedList<P>((p) => `/things?page=${p}`);
    const slow = deferred<P>();
    const first = list.load(() => slow.promise, 1);
    const second = list.load(async () => page(2), 2);
    expect(await second).toBe(true);
    slow.resolve(page(1));
    expect(await first).toBe(false);
    expect(list.current).toBe(2);
    expect(list.result?.rows).toEqual(['row of page 2']);
    expect([list.total, list.pages]).toEqual([120, 3]);
  });

  it('shows an error only from the latest request', async () => {
    const list = new PagedList<P>((p) => `/things?page=${p}`);
    const old = deferred<P>();
    const first = list.load(() => old.promise, 1);
    await list.load(async () => page(1), 1);
    old.reject({ kind: 'internal', message: 'lost', field: null, fields: [] });
    expect(await first).toBe(false);
    expect(list.error).toBeNull();
    await list.load(async () => Promise.reject({ kind: 'forbidden', message: 'No.', field: null, fields: [] }), 2);
    expect(list.error?.message).toBe('No.');
    // What was shown stays until something newer is had.
    expect(list.current).toBe(1);
  });

  it('says in the address which page is shown when one past the last was asked for', async () => {
    const list = new PagedList<P>((p) => `/things?page=${p}`);
    await list.load(async () => page(3), 9);
    expect(list.current).toBe(3);
    expect(router.location.query.get('page')).toBe('3');
  });
});
