import { describe, expect, it } from 'vitest';
import { countOf, formatClock, formatDate, formatLongDate, formatMonth, formatTime, labelFor, today } from './format';

describe('format', () => {
  it('formats dates as "1 Sep 2026"', () => {
    expect(formatDate('2026-09-01')).toBe('1 Sep 2026');
    expect(formatDate('2027-08-31')).toBe('31 Aug 2027');
    expect(formatDate('')).toBe('');
  });

  it('formats long dates as "1 September 2026"', () => {
    expect(formatLongDate('2026-09-01')).toBe('1 September 2026');
    expect(formatLongDate('2027-12-31')).toBe('31 December 2027');
    expect(formatLongDate('')).toBe('');
    expect(formatLongDate('soon')).toBe('soon');
  });

  it('formats seconds as a stopwatch does', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(65)).toBe('1:05');
    expect(formatClock(600)).toBe('10:00');
    expect(formatClock(3725)).toBe('62:05');
  });

  it('formats months as "Nov 2026" and times on the 24-hour clock', () => {
    expect(formatMonth('2026-11')).toBe('Nov 2026');
    expect(formatMonth('2027-01-31')).toBe('Jan 2027');
    expect(formatMonth('')).toBe('');
    expect(formatMonth('2026-13')).toBe('2026-13');
    expect(formatTime(new Date(2026, 10, 3, 14, 32))).toBe('14:32');
    expect(formatTime(new Date(2026, 10, 3, 9, 5).getTime())).toBe('09:05');
  });

  it('labels codes from reference data, falling back to the code', () => {
    const list = [{ code: 'allied_health', label: 'Allied health professions' }];
    expect(labelFor(list, 'allied_health')).toBe('Allied health professions');
    expect(labelFor(list, 'unknown')).toBe('unknown');
  });

  it('counts', () => {
    expect(countOf(1, 'fellow')).toBe('1 fellow');
    expect(countOf(0, 'fellow')).toBe('0 fellows');
    expect(countOf(40000, 'fellow')).toBe('40,000 fellows');
  });

  it('gives today as YYYY-MM-DD', () => {
    expect(today(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});
