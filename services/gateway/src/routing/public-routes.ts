/**
 * The only /v1 routes the gateway forwards without a bearer token, path by path and method by method (Nest
 * route syntax, under /v1). The people they serve hold no account: they follow a link from an email, whose
 * signed token in the path is the credential the owning service checks. The route table still says which
 * service owns each path; every other path and method needs a token as before.
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
];

/** The public paths answering `method`, as the public controller declares its routes. */
export function publicPaths(method: PublicRoute['methods'][number]): string[] {
  return PUBLIC_ROUTES.filter((route) => route.methods.includes(method)).map((route) => route.path);
}
