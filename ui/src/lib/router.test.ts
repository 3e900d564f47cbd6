import { describe, expect, it } from 'vitest';
import { linkToken, match, navigate, readdress, router } from './router.svelte';

describe('match', () => {
  it('matches fixed and numeric parts', () => {
    expect(match('/fellows', '/fellows')).toEqual({});
    expect(match('/fellows/:id/edit', '/fellows/12/edit')).toEqual({ id: '12' });
  });

  it('refuses other paths, and ids that are not numbers', () => {
    expect(match('/fellows/:id', '/fellows/new')).toBeNull();
    expect(match('/fellows/:id', '/fellows/1/edit')).toBeNull();
    expect(match('/cohorts', '/fellows')).toBeNull();
  });
});

describe('linkToken', () => {
  it('reads the token of a sign-up or reset link', () => {
    expect(linkToken('join', '/join/abc-123')).toBe('abc-123');
    expect(linkToken('reset', '/reset/q7Xv_3k')).toBe('q7Xv_3k');
    expect(linkToken('reset', '/reset/a%20b')).toBe('a b');
    expect(linkToken('reset', '/reset/%E0%A4%A')).toBe('%E0%A4%A');
  });

  it('is null on other paths', () => {
    expect(linkToken('reset', '/join/abc')).toBeNull();
    expect(linkToken('join', '/fellows')).toBeNull();
    expect(linkToken('reset', '/reset')).toBeNull();
  });
});

describe('navigate', () => {
  it('updates the location at once, with its query', () => {
    navigate('/fellows?cohort=3');
    expect(window.location.hash).toBe('#/fellows?cohort=3');
    expect(router.location.path).toBe('/fellows');
    expect(router.location.query.get('cohort')).toBe('3');
  });

  it('follows back and forward (hashchange)', async () => {
    navigate('/cohorts');
    window.location.hash = '#/hosts';
    await new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
    expect(router.location.path).toBe('/hosts');
  });

  it('ignores in-page anchors such as #maincontent', async () => {
    navigate('/users');
    window.location.hash = '#maincontent';
    await new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
    expect(router.location.path).toBe('/users');
  });

  it('counts each visit somewhere new, but not a page changing its own address', () => {
    navigate('/reflections/new');
    const visit = router.visit;
    readdress('/reflections/5/edit');
    expect(window.location.hash).toBe('#/reflections/5/edit');
    expect(router.location.path).toBe('/reflections/5/edit');
    expect(router.visit).toBe(visit);
    navigate('/reflections');
    expect(router.visit).toBe(visit + 1);
  });
});
