import { describe, expect, it } from 'vitest';
import NotFound from './NotFound.svelte';
import SignedOutOnly from './SignedOutOnly.svelte';
import FellowForm from './fellows/FellowForm.svelte';
import FellowProfile from './fellows/FellowProfile.svelte';
import FellowsList from './fellows/FellowsList.svelte';
import FeedbackPage from './feedback/FeedbackPage.svelte';
import RoundPage from './feedback/RoundPage.svelte';
import FrameworksPage from './feedback/frameworks/FrameworksPage.svelte';
import FrameworkForm from './feedback/frameworks/FrameworkForm.svelte';
import ReportPage from './feedback/report/ReportPage.svelte';
import ReflectionForm from './reflections/ReflectionForm.svelte';
import MeasurePage from './challenges/measure/MeasurePage.svelte';
import OutcomeResponsePage from './outcomes/ResponsePage.svelte';
import TodayPage from './home/TodayPage.svelte';
import { pageCode } from './pageCode';
import { resolve, ROUTES } from './routes';

/** Where a path leads, with the page's code fetched: the component itself. */
async function shown(path: string, query?: URLSearchParams) {
  const { page, ...rest } = resolve(path, query);
  return { page: await pageCode(page), ...rest };
}

describe('resolve', () => {
  it('takes "new" as a form, not an id', async () => {
    expect(await shown('/fellows/new')).toEqual({ page: FellowForm, props: {}, who: 'faculty' });
    expect(await shown('/fellows/7')).toEqual({ page: FellowProfile, props: { id: 7 }, who: 'anyone' });
    expect(await shown('/fellows/7/edit')).toEqual({ page: FellowForm, props: { id: 7 }, who: 'faculty' });
  });

  it('does not take "frameworks" for a round', async () => {
    expect(await shown('/feedback/frameworks')).toMatchObject({ page: FrameworksPage, who: 'faculty' });
    expect(await shown('/feedback/frameworks/new')).toMatchObject({ page: FrameworkForm, props: {} });
    expect(await shown('/feedback/frameworks/4')).toMatchObject({ page: FrameworkForm, props: { id: 4 } });
    expect(await shown('/feedback/4')).toEqual({ page: RoundPage, props: { id: 4, query: new URLSearchParams() }, who: 'faculty' });
    expect(await shown('/feedback')).toMatchObject({ page: FeedbackPage, who: 'anyone' });
  });

  it('gives pages their ids as numbers, by the names they take', async () => {
    expect(await shown('/challenges/3/measures/9')).toEqual({ page: MeasurePage, props: { challengeId: 3, measureId: 9 }, who: 'anyone' });
    expect(resolve('/feedback/2/report/5').props).toEqual({ roundId: 2, fellowId: 5 });
    expect(await shown('/outcomes/waves/1/fellows/6')).toEqual({
      page: OutcomeResponsePage,
      props: { waveId: 1, fellowId: 6 },
      who: 'faculty',
    });
  });

  it('passes the query to the pages that read it', async () => {
    const query = new URLSearchParams('cohort=3');
    expect(await shown('/fellows', query)).toEqual({ page: FellowsList, props: { query }, who: 'anyone' });
    expect(resolve('/outcomes', query).props).toEqual({ query });
  });

  it('marks who may see each page', () => {
    expect(resolve('/').who).toBe('anyone');
    expect(resolve('/audit').who).toBe('faculty');
    expect(resolve('/cohorts/2').who).toBe('faculty');
    expect(resolve('/reflections').who).toBe('fellow');
    expect(resolve('/feedback/2/self').who).toBe('fellow');
    expect(resolve('/feedback/2/raters').who).toBe('fellow');
    expect(resolve('/reflections/2').who).toBe('anyone');
  });

  it('keeps a new reflection and its edit address on the same page', async () => {
    expect(await shown('/reflections/new')).toEqual({ page: ReflectionForm, props: {}, who: 'fellow' });
    expect(await shown('/reflections/5/edit')).toEqual({ page: ReflectionForm, props: { id: 5 }, who: 'fellow' });
    // One loader for both: a change of address alone keeps the page (Routes awaits the same code).
    expect(resolve('/reflections/5/edit').page).toBe(resolve('/reflections/new').page);
  });

  it('says a sign-up, reset or rater address is for someone signed out', async () => {
    expect(await shown('/join/abc')).toEqual({ page: SignedOutOnly, props: { kind: 'join' }, who: 'anyone' });
    expect(await shown('/reset/abc')).toEqual({ page: SignedOutOnly, props: { kind: 'reset' }, who: 'anyone' });
    expect(await shown('/rater')).toEqual({ page: SignedOutOnly, props: { kind: 'rater' }, who: 'anyone' });
  });

  it('finds nothing at unknown paths', async () => {
    for (const path of ['/nowhere', '/fellows/abc', '/fellows/1/2', '/setup', '/join', '/rater/1']) {
      expect(await shown(path)).toEqual({ page: NotFound, props: {}, who: 'anyone' });
    }
  });

  it('has one route per pattern, each reachable', async () => {
    const patterns = ROUTES.map((r) => r.pattern);
    expect(new Set(patterns).size).toBe(patterns.length);
    // No route hides a later one: each pattern, filled in, resolves to its own entry.
    const query = new URLSearchParams();
    for (const r of ROUTES) {
      const params = Object.fromEntries([...r.pattern.matchAll(/:([a-z]+)/g)].map(([, name]) => [name, 1]));
      const path = r.pattern.replace(/:[a-z]+/g, '1');
      expect(resolve(path, query), path).toEqual({ page: r.page, props: r.props(params, query), who: r.who });
    }
    expect(await pageCode(resolve('/').page)).toBe(TodayPage);
    expect(await pageCode(resolve('/feedback/1/report/2').page)).toBe(ReportPage);
  });
});
