import { describe, expect, it } from 'vitest';
import { composeDate, splitDate } from './dates';

describe('composeDate', () => {
  it('zero-pads day and month into YYYY-MM-DD', () => {
    expect(composeDate({ day: '1', month: '9', year: '2026' })).toBe('2026-09-01');
    expect(composeDate({ day: '31', month: '12', year: '2027' })).toBe('2027-12-31');
  });

  it('ignores surrounding spaces', () => {
    expect(composeDate({ day: ' 05 ', month: ' 3', year: '2026 ' })).toBe('2026-03-05');
  });

  it('gives "" when all three are empty, so the core asks for the date', () => {
    expect(composeDate({ day: '', month: '  ', year: '' })).toBe('');
  });

  it('still joins a partial date, so the core can call it not a real date', () => {
    expect(composeDate({ day: '', month: '2', year: '2026' })).toBe('2026-02-');
    expect(composeDate({ day: '30', month: '2', year: '' })).toBe('-02-30');
  });
});

describe('splitDate', () => {
  it('splits a date into the three boxes without leading zeros', () => {
    expect(splitDate('2026-09-01')).toEqual({ day: '1', month: '9', year: '2026' });
    expect(splitDate('2027-12-31')).toEqual({ day: '31', month: '12', year: '2027' });
  });

  it('gives empty boxes for nothing or for something that is not a date', () => {
    expect(splitDate('')).toEqual({ day: '', month: '', year: '' });
    expect(splitDate(null)).toEqual({ day: '', month: '', year: '' });
    expect(splitDate('next Tuesday')).toEqual({ day: '', month: '', year: '' });
  });

  it('round-trips with composeDate', () => {
    for (const date of ['2026-09-01', '2024-02-29', '1999-10-10', '2026-02-']) {
      expect(composeDate(splitDate(date))).toBe(date);
    }
  });
});
