import { type GatewayConfig } from '../gateway.config';
import { UPSTREAM_NAMES, type UpstreamName } from '../routing/route-table';

export const UPSTREAM_URLS = Symbol('UPSTREAM_URLS');

/** Base URL of each service, e.g. http://127.0.0.1:3001 (a path in the variable is kept as a base path). */
export type UpstreamUrls = Readonly<Record<UpstreamName, URL>>;

const VARIABLES: Record<UpstreamName, keyof GatewayConfig> = {
  schools: 'SCHOOLS_URL',
  events: 'EVENTS_URL',
  fellowships: 'FELLOWSHIPS_URL',
  colocations: 'COLOCATIONS_URL',
  metrics: 'METRICS_URL',
};

export function upstreamUrls(config: GatewayConfig): UpstreamUrls {
  const entries = UPSTREAM_NAMES.map((name) => [name, new URL(String(config[VARIABLES[name]]))] as const);
  return Object.fromEntries(entries) as Record<UpstreamName, URL>;
}

/** `base` + a path that starts with `/`, keeping any base path from the variable. */
export function upstreamUrl(base: URL, pathAndQuery: string): URL {
  // Joined as text: URL resolution would drop the base path, and `//x` would be read as a host.
  return new URL(`${base.origin}${base.pathname.replace(/\/+$/, '')}${pathAndQuery}`);
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
}

// Duck-typed: fetch's DOMException and errors from another realm (jest's sandbox) fail `instanceof Error`.
function errorLike(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null;
}

/**
 * A short reason for a failed fetch to a service: undici hides the socket error in `cause` and reports
 * timeouts as a DOMException, neither of which says much on its own.
 */
export function fetchFailure(error: unknown): string {
  if (!errorLike(error)) return String(error);
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timed out';
  const cause = error.cause;
  if (errorLike(cause)) return String(cause.code ?? cause.message ?? cause);
  return String(error.message ?? error);
}
