/**
 * The only /v1 paths the gateway forwards without a bearer token, by method, in Nest's path syntax below
 * `/v1/`. Every other path needs a token (the global AuthGuard). Each path here carries a secret that is the
 * caller's credential, and the service that owns the path (ROUTE_TABLE) checks and rate-limits it; the gateway
 * still rate-limits these callers by address.
 *
 * A line added here opens a path to anyone on the internet: say who calls it and why they cannot send a token,
 * and add it to public-routes.spec.ts, which lists the paths on purpose. A method gets its own handler in
 * PublicProxyController. A method's list is never empty: Nest reads an empty path list as `/`.
 */
export const PUBLIC_ROUTES = {
  GET: [
    // Calendar apps fetching a subscribed feed (events): they cannot send a token; the URL's secret is one.
    'calendars/subscriptions/:secret.ics',
  ],
} as const satisfies Partial<Record<'GET' | 'POST', readonly [string, ...string[]]>>;
