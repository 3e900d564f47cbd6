import { describe, expect, it } from 'vitest';
import { countOf, formatDate, labelFor, today } from './format';

describe('format', () => {
  it('formats dates as "1 Sep 2026"', () => {
    expect(formatDate('2026-09-01')).toBe('1 Sep 2026');
    expect(formatDate('2027-08-31')).toBe('31 Aug 2027');
    expect(formatDate('')).toBe('');
  });

  it('labels codes from reference data, falling back to the code', () => {
    const list = [{ code: 'allied_health', label: 'Allied health professions' }];
    expect(labelFor(list, 'allied_health')).toBe('Allied health professions');
    expect(labelFor(list, 'unknown')).toBe('unknown');
  });

  it('counts', () => {
    expect(countOf(1, 'fellow')).toBe('1 fellow');
    expect(countOf(0, 'fellow')).toBe('0 fellows');
  });

  it('gives today as YYYY-MM-DD', () => {
    expect(today(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});
