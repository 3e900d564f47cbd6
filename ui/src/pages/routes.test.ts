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
import { resolve, ROUTES } from './routes';

describe('resolve', () => {
  it('takes "new" as a form, not an id', () => {
    expect(resolve('/fellows/new')).toEqual({ page: FellowForm, props: {}, who: 'faculty' });
    expect(resolve('/fellows/7')).toEqual({ page: FellowProfile, props: { id: 7 }, who: 'anyone' });
    expect(resolve('/fellows/7/edit')).toEqual({ page: FellowForm, props: { id: 7 }, who: 'faculty' });
  });

  it('does not take "frameworks" for a round', () => {
    expect(resolve('/feedback/frameworks')).toMatchObject({ page: FrameworksPage, who: 'faculty' });
    expect(resolve('/feedback/frameworks/new')).toMatchObject({ page: FrameworkForm, props: {} });
    expect(resolve('/feedback/frameworks/4')).toMatchObject({ page: FrameworkForm, props: { id: 4 } });
    expect(resolve('/feedback/4')).toEqual({ page: RoundPage, props: { id: 4 }, who: 'faculty' });
    expect(resolve('/feedback')).toMatchObject({ page: FeedbackPage, who: 'anyone' });
  });

  it('gives pages their ids as numbers, by the names they take', () => {
    expect(resolve('/challenges/3/measures/9')).toEqual({ page: MeasurePage, props: { challengeId: 3, measureId: 9 }, who: 'anyone' });
    expect(resolve('/feedback/2/report/5').props).toEqual({ roundId: 2, fellowId: 5 });
    expect(resolve('/outcomes/waves/1/fellows/6')).toEqual({
      page: OutcomeResponsePage,
      props: { waveId: 1, fellowId: 6 },
      who: 'faculty',
    });
  });

  it('passes the query to the pages that read it', () => {
    const query = new URLSearchParams('cohort=3');
    expect(resolve('/fellows', query)).toEqual({ page: FellowsList, props: { query }, who: 'anyone' });
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

  it('keeps a new reflection and its edit address on the same page', () => {
    expect(resolve('/reflections/new')).toEqual({ page: ReflectionForm, props: {}, who: 'fellow' });
    expect(resolve('/reflections/5/edit')).toEqual({ page: ReflectionForm, props: { id: 5 }, who: 'fellow' });
  });

  it('says a sign-up, reset or rater address is for someone signed out', () => {
    expect(resolve('/join/abc')).toEqual({ page: SignedOutOnly, props: { kind: 'join' }, who: 'anyone' });
    expect(resolve('/reset/abc')).toEqual({ page: SignedOutOnly, props: { kind: 'reset' }, who: 'anyone' });
    expect(resolve('/rater')).toEqual({ page: SignedOutOnly, props: { kind: 'rater' }, who: 'anyone' });
  });

  it('finds nothing at unknown paths', () => {
    for (const path of ['/nowhere', '/fellows/abc', '/fellows/1/2', '/setup', '/join', '/rater/1']) {
      expect(resolve(path)).toEqual({ page: NotFound, props: {}, who: 'anyone' });
    }
  });

  it('has one route per pattern, each reachable', () => {
    const patterns = ROUTES.map((r) => r.pattern);
    expect(new Set(patterns).size).toBe(patterns.length);
    // No route hides a later one: each pattern, filled in, resolves to its own entry.
    const query = new URLSearchParams();
    for (const r of ROUTES) {
      const params = Object.fromEntries([...r.pattern.matchAll(/:([a-z]+)/g)].map(([, name]) => [name, 1]));
      const path = r.pattern.replace(/:[a-z]+/g, '1');
      expect(resolve(path, query), path).toEqual({ page: r.page, props: r.props(params, query), who: r.who });
    }
    expect(resolve('/').page).toBe(TodayPage);
    expect(resolve('/feedback/1/report/2').page).toBe(ReportPage);
  });
});
