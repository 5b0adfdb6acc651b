/**
 * The only /v1 routes the gateway forwards without a bearer token, path by path and method by method (Nest
 * route syntax, under /v1). The callers hold no account or cannot send a token: people following a link from an
 * email, calendar apps fetching a subscribed feed. A secret in the path is the credential, which the owning
 * service checks and rate-limits. The route table still says which service owns each path; every other path
 * and method needs a token as before.
 *
 * A line added here opens a path to anyone on the internet: say who calls it and why they cannot send a token,
 * and add it to public-routes.spec.ts, which lists the routes on purpose.
 */
export interface PublicRoute {
  path: string;
  methods: readonly ('GET' | 'POST')[];
  /** Why it needs no token. */
  why: string;
}

export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  { path: 'offers/:token/accept', methods: ['GET', 'POST'], why: "An offer email's accept link (events)" },
  { path: 'offers/:token/decline', methods: ['GET', 'POST'], why: "An offer email's decline link (events)" },
  { path: 'calendars/subscriptions/:secret.ics', methods: ['GET'], why: 'A calendar app fetching a subscribed feed (events): it cannot send a token' },
];

/**
 * The public paths answering `method`, as the public controller declares its routes. Never empty: Nest reads an
 * empty path list as `/`, which would open `/v1/` itself.
 */
export function publicPaths(method: PublicRoute['methods'][number]): [string, ...string[]] {
  const paths = PUBLIC_ROUTES.filter((route) => route.methods.includes(method)).map((route) => route.path);
  if (paths.length === 0) throw new Error(`No public ${method} route: remove the handler for ${method} from PublicProxyController instead`);
  return [paths[0], ...paths.slice(1)];
}
