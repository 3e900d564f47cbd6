import { describe, expect, it } from 'vitest';
import type { ChallengeDetail } from '$lib/api';
import { detail } from '../../../test/challengeFixtures';
import { reference } from '../../../test/fixtures';
import {
  actionsSummary,
  commentsSummary,
  measuresSummary,
  milestonesSummary,
  pdsaSummary,
  progressSummary,
  reviewsSummary,
  statusSummary,
} from './summaries';

const empty: ChallengeDetail = {
  ...detail,
  challenge: { ...detail.challenge, progress_tenths: null },
  status_history: [],
  progress: [],
  actions: [],
  milestones: detail.milestones.map((m) => ({ ...m, due_date: null })),
  measures: [],
  pdsa_cycles: [],
  comments: [],
  reviews: [],
};

describe('the line beside each folded section', () => {
  it('sums up what the section holds', () => {
    expect(statusSummary(detail, reference.challenge_statuses)).toBe('In progress since 1 Oct 2026');
    expect(progressSummary(detail, reference.progress_scale)).toBe('3.5 Improvement, 20 Nov 2026');
    expect(actionsSummary(detail)).toMatch(/^\d+ actions?, /);
    expect(milestonesSummary(detail, reference.milestone_kinds, '2026-12-01')).toBe('Next: Mid-year review, 10 Feb 2027');
    expect(milestonesSummary(detail, reference.milestone_kinds, '2027-03-01')).toBe('2 of 4 dated, none still to come');
    expect(measuresSummary(detail)).toBe('1 measure, 1 showing improvement');
    expect(pdsaSummary(detail)).toBe(`${detail.pdsa_cycles.length} cycle${detail.pdsa_cycles.length === 1 ? '' : 's'}`);
    expect(commentsSummary(detail)).toBe('2 comments, latest 21 Nov 2026');
    expect(reviewsSummary(detail)).toBe('1 signed, 1 awaiting signature');
  });

  it('says when there is nothing yet', () => {
    expect(statusSummary(empty, reference.challenge_statuses)).toBe('In progress');
    expect(progressSummary(empty, reference.progress_scale)).toBe('Not scored yet');
    expect(actionsSummary(empty)).toBe('No actions yet');
    expect(milestonesSummary(empty, reference.milestone_kinds, '2026-12-01')).toBe('No dates yet');
    expect(measuresSummary(empty)).toBe('No measures yet');
    expect(pdsaSummary(empty)).toBe('No cycles yet');
    expect(commentsSummary(empty)).toBe('No comments yet');
    expect(reviewsSummary(empty)).toBe('No reviews yet');
  });

  it('counts overdue actions first, then those done', () => {
    const action = detail.actions[0];
    const actions = (overdue: boolean[], done: boolean[]) =>
      overdue.map((o, i) => ({ ...action, id: i, overdue: o, status: done[i] ? ('done' as const) : ('in_progress' as const) }));
    expect(actionsSummary({ ...detail, actions: actions([true, true, false, false], [false, false, true, false]) })).toBe('4 actions, 2 overdue');
    expect(actionsSummary({ ...detail, actions: actions([false, false, false], [true, false, false]) })).toBe('3 actions, 1 done');
    expect(actionsSummary({ ...detail, actions: actions([false], [true]) })).toBe('1 action, all done');
  });
});
