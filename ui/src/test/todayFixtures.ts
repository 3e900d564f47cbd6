// Today as the core answers it, for component tests.
import type { Item, Today } from '$lib/api';

const item = (over: Partial<Item>): Item => ({
  kind: 'actions_overdue',
  section: 'now',
  count: 1,
  title: '',
  detail: '',
  date: null,
  overdue: false,
  link: { page: 'challenges' },
  ...over,
});

export const fellowToday: Today = {
  on: '2026-12-03',
  since: '2026-12-01T09:30:00Z',
  items: [
    item({
      kind: 'actions_overdue',
      count: 2,
      title: '2 actions overdue',
      detail: 'On “Reduce delayed discharges”: the oldest was due 13 Nov 2026.',
      date: '2026-11-13',
      overdue: true,
      link: { page: 'challenge', id: 12 },
    }),
    item({
      kind: 'self_assessment_due',
      title: 'Self-assessment due by 15 Jan 2027',
      date: '2027-01-15',
      link: { page: 'self_assessment', round_id: 4 },
    }),
    item({
      kind: 'next_set_session',
      section: 'coming',
      title: 'Next learning set: Tuesday 8 Dec 2026',
      detail: 'Set Alpha. Bring an issue to work on.',
      date: '2026-12-08',
      link: { page: 'set_session', set_id: 3, session_id: 9 },
    }),
    item({
      kind: 'reflections_shared',
      section: 'changed',
      title: '1 new reflection shared with you',
      link: { page: 'shared_reflections' },
    }),
  ],
};
