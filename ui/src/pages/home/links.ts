// Where each of Today's items leads: the core names the page and its ids, the UI its address.
import type { Link } from '$lib/api';

export function pathOf(link: Link): string {
  switch (link.page) {
    case 'challenge':
      return `/challenges/${link.id}`;
    case 'challenges':
      return '/challenges';
    case 'new_challenge':
      return '/challenges/new';
    case 'self_assessment':
      return `/feedback/${link.round_id}/self`;
    case 'raters':
      return `/feedback/${link.round_id}/raters`;
    case 'round':
      return `/feedback/${link.id}`;
    case 'reflections':
      return '/reflections';
    case 'shared_reflections':
      return '/shared';
    case 'set_session':
      return `/sets/${link.set_id}/sessions/${link.session_id}`;
    case 'relationship':
      return `/mentoring/${link.id}`;
    case 'mentoring':
      return '/mentoring';
    case 'fellows':
      return '/fellows';
    case 'outcomes':
      return '/outcomes';
    case 'privacy':
      return '/privacy';
  }
}
