import { describe, expect, it } from 'vitest';
import type { Fellow } from '$lib/api';
import { fellows } from '../../test/fixtures';
import { fellowChoices, fellowDetails, fellowLabel, fellowOptions, finishedCount, isFinished } from './fellowOptions';

const sam = fellows[0];
const fellow = (id: number, over: Partial<Fellow>): Fellow => ({ ...sam, id, email: `f${id}@nhs.net`, ...over });

const list: Fellow[] = [
  fellow(1, { name: 'Amira Khan', cohort_name: '2026/27', host_name: 'Barts Health', status: 'active' }),
  fellow(2, { name: 'Amira Khan', cohort_name: '2024/25', host_name: 'Barts Health', status: 'completed' }),
  fellow(3, { name: 'Ben Ode', cohort_name: '2025/26', host_name: null, status: 'withdrawn' }),
  fellow(4, { name: 'Amira Khan', cohort_name: '2026/27', host_name: 'Barts Health', status: 'applicant' }),
  fellow(5, { name: 'Cara Day', cohort_name: '2026/27', host_name: 'Leeds', status: 'interrupted' }),
];

describe('fellowLabel', () => {
  it('names the cohort and host organisation, and says when a fellow has finished', () => {
    expect(fellowLabel(list[0])).toBe('Amira Khan — 2026/27, Barts Health');
    expect(fellowLabel(list[1])).toBe('Amira Khan — 2024/25, Barts Health (completed)');
    expect(fellowLabel(list[2])).toBe('Ben Ode — 2025/26, no host organisation (withdrawn)');
    expect(fellowLabel(list[0], { cohort: false })).toBe('Amira Khan — Barts Health');
    expect(fellowDetails(list[2], { cohort: false })).toBe('no host organisation (withdrawn)');
  });
});

describe('fellowOptions', () => {
  it('leaves out completed and withdrawn fellows, and tells namesakes apart', () => {
    expect(fellowOptions(list, { includeFinished: false })).toEqual([
      { value: '1', label: 'Amira Khan — 2026/27, Barts Health, f1@nhs.net' },
      { value: '4', label: 'Amira Khan — 2026/27, Barts Health, f4@nhs.net' },
      { value: '5', label: 'Cara Day — 2026/27, Leeds' },
    ]);
  });

  it('lists everyone when asked, newest cohort first among namesakes', () => {
    expect(fellowOptions(list, { includeFinished: true }).map((o) => o.value)).toEqual(['1', '4', '2', '3', '5']);
  });

  it('keeps a fellow already chosen, whatever their status', () => {
    expect(fellowOptions(list, { includeFinished: false, keep: ['3'] }).map((o) => o.value)).toEqual(['1', '4', '3', '5']);
    expect(fellowChoices(list, { includeFinished: false, keep: [2] }).map((f) => f.id)).toEqual([1, 4, 2, 5]);
  });

  it('copes with no list yet', () => {
    expect(fellowOptions(null, { includeFinished: false })).toEqual([]);
    expect(finishedCount(undefined)).toBe(0);
  });
});

describe('isFinished', () => {
  it('is true only for completed and withdrawn fellows', () => {
    expect(list.filter(isFinished).map((f) => f.id)).toEqual([2, 3]);
    expect(finishedCount(list)).toBe(2);
  });
});
