import { describe, expect, it } from 'vitest';
import { pageCount, pageFrom, pageRows, showing } from './paging';

describe('paging', () => {
  it('counts pages, with one for an empty list', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(50)).toBe(1);
    expect(pageCount(51)).toBe(2);
    expect(pageCount(96)).toBe(2);
  });

  it('reads a page from the address within the pages there are', () => {
    expect(pageFrom('2', 96)).toBe(2);
    expect(pageFrom('9', 96)).toBe(2);
    expect(pageFrom('0', 96)).toBe(1);
    expect(pageFrom('two', 96)).toBe(1);
    expect(pageFrom(null, 96)).toBe(1);
    expect(pageFrom('2', 10)).toBe(1);
  });

  it('slices the rows of a page', () => {
    const rows = Array.from({ length: 96 }, (_, i) => i + 1);
    expect(pageRows(rows, 1)).toHaveLength(50);
    expect(pageRows(rows, 2)[0]).toBe(51);
    expect(pageRows(rows, 2)).toHaveLength(46);
  });

  it('says which rows are shown only when there is more than one page', () => {
    expect(showing(1, 96, 'fellows', 'fellow')).toBe('Showing 1 to 50 of 96 fellows');
    expect(showing(2, 96, 'fellows', 'fellow')).toBe('Showing 51 to 96 of 96 fellows');
    expect(showing(1, 2, 'fellows', 'fellow')).toBe('2 fellows');
    expect(showing(1, 1, 'fellows', 'fellow')).toBe('1 fellow');
    expect(showing(800, 40000, 'fellows', 'fellow')).toBe('Showing 39,951 to 40,000 of 40,000 fellows');
  });
});
