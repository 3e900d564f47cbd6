import { describe, expect, it } from 'vitest';
import { reference } from '../../test/fixtures';
import { countPastedValues, formatPence, formatStat, formatValue, penceToPounds, scoreCode, scoreText, tripleAim, verdictLabel } from './format';

describe('challenge formatting', () => {
  it('shows whole pence as pounds, without floats', () => {
    expect(formatPence(125050)).toBe('£1,250.50');
    expect(formatPence(30000)).toBe('£300');
    expect(formatPence(5)).toBe('£0.05');
    expect(formatPence(123456789)).toBe('£1,234,567.89');
    expect(formatPence(null)).toBe('');
    expect(penceToPounds(125050)).toBe('1250.50');
    expect(penceToPounds(30000)).toBe('300');
    expect(penceToPounds(null)).toBe('');
  });

  it('shows IHI scores in tenths as the scale does', () => {
    expect(scoreCode(35)).toBe('3.5');
    expect(scoreCode(40)).toBe('4.0');
    expect(scoreCode(5)).toBe('0.5');
    expect(scoreText(35, reference.progress_scale)).toBe('3.5 Improvement');
    expect(scoreText(50, reference.progress_scale)).toBe('5.0 Outstanding sustainable results');
    expect(scoreText(null, reference.progress_scale)).toBe('');
  });

  it('formats values and statistics with the measure’s decimals', () => {
    expect(formatValue(42, 1)).toBe('42.0');
    expect(formatStat(38.214285, 0)).toBe('38.2');
    expect(formatStat(40, 0)).toBe('40');
    expect(formatStat(12.25, 2)).toBe('12.25');
  });

  it('names verdicts and aims', () => {
    expect(verdictLabel('improvement')).toBe('Improvement');
    expect(verdictLabel(null)).toBe('Common cause');
    expect(verdictLabel(null, 3)).toBe('Common cause');
    // With no values there is no variation to call common cause.
    expect(verdictLabel(null, 0)).toBe('No values yet');
    expect(tripleAim({ aim_quality: true, aim_population_health: false, aim_cost: true })).toBe('Quality of care, Cost');
  });

  it('counts pasted values, skipping blank lines and a header', () => {
    expect(countPastedValues('Week,Value\n2026-09-07,42\n\n2026-09-14,40\n')).toBe(2);
    expect(countPastedValues('07/09/2026\t42')).toBe(1);
    expect(countPastedValues('')).toBe(0);
  });
});
