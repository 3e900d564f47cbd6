// The menu, from the areas the core says the signed-in person may use (AppStatus.areas): the UI
// only names and places them, so it never offers what the core would refuse.
import type { Actor, Area } from '$lib/api';

export type NavItem = { path: string; label: string; testid: string };

const NAV: Record<Exclude<Area, 'profile'>, NavItem> = {
  today: { path: '/', label: 'Today', testid: 'nav-today' },
  fellows: { path: '/fellows', label: 'Fellows', testid: 'nav-fellows' },
  challenges: { path: '/challenges', label: 'Challenges', testid: 'nav-challenges' },
  reflections: { path: '/reflections', label: 'Reflections', testid: 'nav-reflections' },
  shared_reflections: { path: '/shared', label: 'Shared reflections', testid: 'nav-shared' },
  mentoring: { path: '/mentoring', label: 'Mentoring', testid: 'nav-mentoring' },
  sets: { path: '/sets', label: 'Learning sets', testid: 'nav-sets' },
  feedback: { path: '/feedback', label: '360° feedback', testid: 'nav-feedback' },
  outcomes: { path: '/outcomes', label: 'Outcomes', testid: 'nav-outcomes' },
  cohorts: { path: '/cohorts', label: 'Cohorts', testid: 'nav-cohorts' },
  hosts: { path: '/hosts', label: 'Host organisations', testid: 'nav-hosts' },
  users: { path: '/users', label: 'Users', testid: 'nav-users' },
  programme: { path: '/programme', label: 'Programme', testid: 'nav-programme' },
  privacy: { path: '/privacy', label: 'Data protection', testid: 'nav-privacy' },
  audit: { path: '/audit', label: 'Audit trail', testid: 'nav-audit' },
};

export function navItems(areas: readonly Area[], user: Actor | null | undefined): NavItem[] {
  return areas.flatMap((area): NavItem[] => {
    if (area !== 'profile') return [NAV[area]];
    // A fellow's own record, where their cohort, host and status are.
    return user?.fellow_id != null ? [{ path: `/fellows/${user.fellow_id}`, label: 'Your profile', testid: 'nav-profile' }] : [];
  });
}
