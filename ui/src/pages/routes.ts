// The signed-in pages, by hash path: one table says which page each address shows, with what
// props, and who may see it. Order matters: the first match wins, so "/fellows/new" comes
// before "/fellows/:id".
import type { Component } from 'svelte';
import { linkToken, match } from '$lib/router.svelte';
import NotFound from './NotFound.svelte';
import SignedOutOnly from './SignedOutOnly.svelte';
const TodayPage = () => import('./home/TodayPage.svelte');
const FellowsList = () => import('./fellows/FellowsList.svelte');
const FellowForm = () => import('./fellows/FellowForm.svelte');
const FellowProfile = () => import('./fellows/FellowProfile.svelte');
const CohortsList = () => import('./cohorts/CohortsList.svelte');
const CohortForm = () => import('./cohorts/CohortForm.svelte');
const CohortOverview = () => import('./cohorts/CohortOverview.svelte');
const HostsList = () => import('./hosts/HostsList.svelte');
const HostForm = () => import('./hosts/HostForm.svelte');
const UsersPage = () => import('./users/UsersPage.svelte');
const ProgrammePage = () => import('./programme/ProgrammePage.svelte');
const OutboxPage = () => import('./programme/OutboxPage.svelte');
const AuditPage = () => import('./audit/AuditPage.svelte');
const AccountPage = () => import('./account/AccountPage.svelte');
const PrivacyPage = () => import('./privacy/PrivacyPage.svelte');
const ChallengesPage = () => import('./challenges/ChallengesPage.svelte');
const ChallengeForm = () => import('./challenges/ChallengeForm.svelte');
const ChallengePage = () => import('./challenges/ChallengePage.svelte');
const MeasurePage = () => import('./challenges/measure/MeasurePage.svelte');
const ReflectionsPage = () => import('./reflections/ReflectionsPage.svelte');
const ReflectionForm = () => import('./reflections/ReflectionForm.svelte');
const ReflectionPage = () => import('./reflections/ReflectionPage.svelte');
const SharedPage = () => import('./reflections/SharedPage.svelte');
const MentoringPage = () => import('./mentoring/MentoringPage.svelte');
const RelationshipPage = () => import('./mentoring/RelationshipPage.svelte');
const SetsPage = () => import('./sets/SetsPage.svelte');
const SetForm = () => import('./sets/SetForm.svelte');
const SetPage = () => import('./sets/SetPage.svelte');
const SessionPage = () => import('./sets/SessionPage.svelte');
const FeedbackPage = () => import('./feedback/FeedbackPage.svelte');
const RoundForm = () => import('./feedback/RoundForm.svelte');
const RoundPage = () => import('./feedback/RoundPage.svelte');
const SelfAssessmentPage = () => import('./feedback/SelfAssessmentPage.svelte');
const RatersPage = () => import('./feedback/RatersPage.svelte');
const CohortFeedbackPage = () => import('./feedback/CohortFeedbackPage.svelte');
const ReportPage = () => import('./feedback/report/ReportPage.svelte');
const FrameworksPage = () => import('./feedback/frameworks/FrameworksPage.svelte');
const FrameworkForm = () => import('./feedback/frameworks/FrameworkForm.svelte');
const OutcomesPage = () => import('./outcomes/OutcomesPage.svelte');
const OutcomeImportPage = () => import('./outcomes/ImportPage.svelte');
const HistoricImportPage = () => import('./outcomes/HistoricImportPage.svelte');
const OutcomeResponsePage = () => import('./outcomes/ResponsePage.svelte');
const OutcomesDashboardPage = () => import('./outcomes/dashboard/DashboardPage.svelte');
const OutcomesSettingsPage = () => import('./outcomes/settings/SettingsPage.svelte');

/** Who may see a page: the core refuses the rest anyway, the UI says so up front. */
export type Who = 'anyone' | 'faculty' | 'fellow';

/** A path's numeric parts, e.g. { id: 3 } for "/fellows/3". */
export type Params = Partial<Record<string, number>>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table holds pages of every prop type
export type AnyPage = Component<any>;
/** A page's code, fetched when it is first shown: the first screen does not wait for every page. */
export type PageLoader = () => Promise<{ default: AnyPage }>;
type PropsOf<P> = (params: Params, query: URLSearchParams) => P;

export type Route = { pattern: string; page: PageLoader; props: PropsOf<Record<string, unknown>>; who: Who };

/** Where a path leads: the page, its props, and who may see it. */
export type Resolved = { page: PageLoader; props: Record<string, unknown>; who: Who };

/** One entry, its props checked against its page's (and required where the page needs any). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Component's own bound
function route<P extends Record<string, any>>(
  entry: { pattern: string; page: () => Promise<{ default: Component<P> }>; who?: Who } & (Record<string, never> extends P
      ? { props?: PropsOf<P> }
      : { props: PropsOf<P> }),
): Route {
  const props = (entry.props ?? (() => ({}))) as Route['props'];
  return { pattern: entry.pattern, page: entry.page as PageLoader, props, who: entry.who ?? 'anyone' };
}

const faculty = 'faculty';
const fellow = 'fellow';
const id = (p: Params) => ({ id: p.id ?? 0 });

// The two small pages that answer any address are part of the first screen's code.
const notFound: PageLoader = () => Promise.resolve({ default: NotFound });
const signedOutOnly: PageLoader = () => Promise.resolve({ default: SignedOutOnly });

export const ROUTES: readonly Route[] = [
  route({ pattern: '/', page: TodayPage }),
  route({ pattern: '/fellows', page: FellowsList, props: (_, query) => ({ query }) }),
  route({ pattern: '/fellows/new', page: FellowForm, who: faculty }),
  route({ pattern: '/fellows/:id', page: FellowProfile, props: id }),
  route({ pattern: '/fellows/:id/edit', page: FellowForm, props: (p) => ({ id: p.id }), who: faculty }),
  route({ pattern: '/cohorts', page: CohortsList }),
  route({ pattern: '/cohorts/new', page: CohortForm, who: faculty }),
  route({ pattern: '/cohorts/:id', page: CohortOverview, props: (params, query) => ({ ...id(params), query }), who: faculty }),
  route({ pattern: '/cohorts/:id/edit', page: CohortForm, props: (p) => ({ id: p.id }), who: faculty }),
  route({ pattern: '/hosts', page: HostsList, props: (_, query) => ({ query }) }),
  route({ pattern: '/hosts/new', page: HostForm, who: faculty }),
  route({ pattern: '/hosts/:id/edit', page: HostForm, props: (p) => ({ id: p.id }), who: faculty }),
  route({ pattern: '/challenges', page: ChallengesPage, props: (_, query) => ({ query }) }),
  route({ pattern: '/challenges/new', page: ChallengeForm }),
  route({ pattern: '/challenges/:id', page: ChallengePage, props: id }),
  route({ pattern: '/challenges/:id/edit', page: ChallengeForm, props: (p) => ({ id: p.id }) }),
  route({
    pattern: '/challenges/:id/measures/:mid',
    page: MeasurePage,
    props: (p) => ({ challengeId: p.id ?? 0, measureId: p.mid ?? 0 }),
  }),
  route({ pattern: '/reflections', page: ReflectionsPage, who: fellow }),
  // The same page new and edited: a new entry's first autosave moves it to its edit address
  // in place (router's `readdress`), and the page, being the same, is kept.
  route({ pattern: '/reflections/new', page: ReflectionForm, who: fellow }),
  route({ pattern: '/reflections/:id', page: ReflectionPage, props: id }),
  route({ pattern: '/reflections/:id/edit', page: ReflectionForm, props: (p) => ({ id: p.id }), who: fellow }),
  route({ pattern: '/shared', page: SharedPage }),
  route({ pattern: '/mentoring', page: MentoringPage }),
  route({ pattern: '/mentoring/:id', page: RelationshipPage, props: id }),
  route({ pattern: '/sets', page: SetsPage }),
  route({ pattern: '/sets/new', page: SetForm, who: faculty }),
  route({ pattern: '/sets/:id', page: SetPage, props: id }),
  route({ pattern: '/sets/:id/edit', page: SetForm, props: (p) => ({ id: p.id }), who: faculty }),
  route({
    pattern: '/sets/:id/sessions/:sid',
    page: SessionPage,
    props: (p) => ({ setId: p.id ?? 0, sessionId: p.sid ?? 0 }),
  }),
  route({ pattern: '/feedback', page: FeedbackPage }),
  route({ pattern: '/feedback/new', page: RoundForm, who: faculty }),
  // Before "/feedback/:id", so "frameworks" is not taken for a round's id.
  route({ pattern: '/feedback/frameworks', page: FrameworksPage, who: faculty }),
  route({ pattern: '/feedback/frameworks/new', page: FrameworkForm, who: faculty }),
  route({ pattern: '/feedback/frameworks/:id', page: FrameworkForm, props: (p) => ({ id: p.id }), who: faculty }),
  route({ pattern: '/feedback/cohorts/:id', page: CohortFeedbackPage, props: id, who: faculty }),
  route({
    pattern: '/feedback/:id/report/:fellow',
    page: ReportPage,
    props: (p) => ({ roundId: p.id ?? 0, fellowId: p.fellow ?? 0 }),
  }),
  route({ pattern: '/feedback/:id', page: RoundPage, props: (params, query) => ({ ...id(params), query }), who: faculty }),
  route({ pattern: '/feedback/:id/self', page: SelfAssessmentPage, props: id, who: fellow }),
  route({ pattern: '/feedback/:id/raters', page: RatersPage, props: id, who: fellow }),
  route({ pattern: '/outcomes', page: OutcomesPage, props: (_, query) => ({ query }), who: faculty }),
  route({ pattern: '/outcomes/import', page: OutcomeImportPage, who: faculty }),
  route({ pattern: '/outcomes/historic', page: HistoricImportPage, who: faculty }),
  route({ pattern: '/outcomes/dashboard', page: OutcomesDashboardPage, who: faculty }),
  route({ pattern: '/outcomes/settings', page: OutcomesSettingsPage, who: faculty }),
  route({
    pattern: '/outcomes/waves/:wave/fellows/:fellow',
    page: OutcomeResponsePage,
    props: (p) => ({ waveId: p.wave ?? 0, fellowId: p.fellow ?? 0 }),
    who: faculty,
  }),
  route({ pattern: '/users', page: UsersPage, who: faculty }),
  route({ pattern: '/programme', page: ProgrammePage, who: faculty }),
  route({ pattern: '/programme/outbox', page: OutboxPage, who: faculty }),
  route({ pattern: '/privacy', page: PrivacyPage, who: faculty }),
  route({ pattern: '/audit', page: AuditPage, who: faculty }),
  route({ pattern: '/account', page: AccountPage }),
];

/** The page a signed-in person sees at a path (with its query), by the first matching route. */
export function resolve(path: string, query: URLSearchParams = new URLSearchParams()): Resolved {
  for (const { pattern, page, props, who } of ROUTES) {
    const parts = match(pattern, path);
    if (parts) {
      const params: Params = Object.fromEntries(Object.entries(parts).map(([name, value]) => [name, Number(value)]));
      return { page, props: props(params, query), who };
    }
  }
  // A sign-up or reset link, or rater mode, opened by someone already signed in: say why it waits.
  const kind = path === '/rater' ? 'rater' : linkToken('reset', path) !== null ? 'reset' : linkToken('join', path) !== null ? 'join' : null;
  if (kind) return { page: signedOutOnly, props: { kind }, who: 'anyone' };
  return { page: notFound, props: {}, who: 'anyone' };
}
