import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { loadSession } from './auth/session';
import { Shell } from './components/shell';
import { SignIn } from './screens/sign-in';

/** A search parameter kept only when it is a non-empty string: a hand-edited URL cannot break a screen. */
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
/** Every search parameter is optional: a bare link (`/directory/schools`) is a valid view. */
const optional =
  <T extends object>(parse: (search: Record<string, unknown>) => T) =>
  (search: Record<string, unknown>): Partial<T> =>
    parse(search);
const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (value: unknown): T | undefined =>
    typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

export const SCHOOL_SECTORS = ['district', 'charter', 'catholic', 'independent', 'faith_based'] as const;
export const SCHOOL_STATUSES = ['open', 'closed'] as const;

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({ component: Shell });

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: optional((search) => ({ next: text(search.next) })),
  component: SignIn,
});

/** Every screen but sign-in: without a session, sign in first and come back to the same URL. */
const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: ({ location }) => {
    if (!loadSession()) throw redirect({ to: '/sign-in', search: { next: location.href } });
  },
});

/** Home: what changed in my cities and what needs me. */
export const todayRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/',
  validateSearch: optional((search) => ({ cityId: text(search.cityId) })),
  component: lazyRouteComponent(() => import('./screens/today/today'), 'TodayScreen'),
});

export const citiesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/directory/cities',
  validateSearch: optional((search) => ({ cursor: text(search.cursor) })),
  component: lazyRouteComponent(() => import('./screens/directory/cities'), 'CitiesScreen'),
});

export const schoolsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/directory/schools',
  validateSearch: optional((search) => ({
    cityId: text(search.cityId),
    sector: oneOf(SCHOOL_SECTORS)(search.sector),
    status: oneOf(SCHOOL_STATUSES)(search.status),
    cursor: text(search.cursor),
  })),
  component: lazyRouteComponent(() => import('./screens/directory/schools'), 'SchoolsScreen'),
});

export const schoolRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/directory/schools/$schoolId',
  validateSearch: optional((search) => ({ on: text(search.on) })),
  component: lazyRouteComponent(() => import('./screens/directory/school'), 'SchoolScreen'),
});

export const peopleRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/directory/people',
  validateSearch: optional((search) => ({ cursor: text(search.cursor) })),
  component: lazyRouteComponent(() => import('./screens/directory/people'), 'PeopleScreen'),
});

export const dashboardRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/dashboard',
  validateSearch: optional((search) => ({ cityId: text(search.cityId), from: text(search.from), to: text(search.to) })),
  component: lazyRouteComponent(() => import('./screens/dashboard/dashboard'), 'DashboardScreen'),
});

export const eventsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/events',
  validateSearch: optional((search) => ({ cityId: text(search.cityId), cursor: text(search.cursor) })),
  component: lazyRouteComponent(() => import('./screens/events/events'), 'EventsScreen'),
});

export const eventRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/events/$eventId',
  validateSearch: optional((search) => ({ cursor: text(search.cursor) })),
  component: lazyRouteComponent(() => import('./screens/events/event'), 'EventScreen'),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  signedInRoute.addChildren([todayRoute, citiesRoute, schoolsRoute, schoolRoute, peopleRoute, dashboardRoute, eventsRoute, eventRoute]),
]);

export function makeRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent' });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
