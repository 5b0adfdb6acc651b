/** The services behind the gateway, in the order the combined documentation lists them. */
export const UPSTREAM_NAMES = ['schools', 'events', 'fellowships', 'colocations', 'metrics'] as const;
export type UpstreamName = (typeof UPSTREAM_NAMES)[number];

export type RouteTable = Readonly<Record<string, UpstreamName>>;

/**
 * The one place that says which service owns which public path. A new resource is a new line here;
 * nothing else in the gateway knows service boundaries.
 */
export const ROUTE_TABLE: RouteTable = {
  '/v1/cities': 'schools',
  '/v1/organizations': 'schools',
  '/v1/schools': 'schools',
  '/v1/people': 'schools',
  '/v1/compacts': 'schools',
  '/v1/imports': 'schools',
  '/v1/leadership-transitions': 'schools',
  '/v1/events': 'events',
  '/v1/series': 'events',
  '/v1/registrations': 'events',
  '/v1/transcripts': 'events',
  '/v1/calendars': 'events',
  '/v1/notifications': 'events',
  '/v1/offers': 'events',
  '/v1/fellowship-programs': 'fellowships',
  '/v1/cohorts': 'fellowships',
  '/v1/fellows': 'fellowships',
  '/v1/sites': 'colocations',
  '/v1/colocations': 'colocations',
  '/v1/metrics': 'metrics',
};

export interface RouteMatch {
  upstream: UpstreamName;
  /** The table entry that matched, e.g. `/v1/schools`. */
  prefix: string;
}

// `.` and `..` (also percent-encoded) would let a path that matched one prefix resolve to another route on
// the upstream once something normalises it; such paths are never routed.
const DOT_SEGMENT = /^(\.|%2e){1,2}$/i;

/**
 * Longest prefix match on whole path segments: `/v1/schools/7` matches `/v1/schools`, `/v1/schoolsX`
 * matches nothing. Segments are compared as sent (no decoding), which is exactly what the upstream sees.
 */
export function matchRoute(pathOrUrl: string, table: RouteTable = ROUTE_TABLE): RouteMatch | undefined {
  const path = pathOrUrl.split(/[?#]/, 1)[0];
  if (!path.startsWith('/')) return undefined;
  const segments = path.split('/');
  if (segments.some((segment) => DOT_SEGMENT.test(segment))) return undefined;
  // A trailing slash adds an empty last segment; `/v1/schools/` still belongs to schools.
  const meaningful = segments[segments.length - 1] === '' ? segments.slice(0, -1) : segments;
  for (let length = meaningful.length; length > 1; length -= 1) {
    const prefix = meaningful.slice(0, length).join('/');
    const upstream = Object.prototype.hasOwnProperty.call(table, prefix) ? table[prefix] : undefined;
    if (upstream) return { upstream, prefix };
  }
  return undefined;
}
