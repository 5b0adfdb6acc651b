// Test plumbing for the events service: instants relative to now and an HTTP client; the directory's events come
// from @crosswalk/testing.
import type { EventEnvelope, HolderKind } from '@crosswalk/contracts';
import { leadershipTransition } from '@crosswalk/testing';

export { cityCreated, personCreated, schoolClosed, schoolCreated } from '@crosswalk/testing';

/** A change of `role` at a school or organization (no correction). */
export function transition(
  holder: { kind: HolderKind; id: string; cityId: string },
  role: string,
  from: string | null,
  to: string | null,
  effectiveDate: string,
): EventEnvelope<object> {
  return leadershipTransition(holder, role, from, to, effectiveDate);
}

/** An instant `days` days from now, whole hours so examples read well. */
export function daysFromNow(days: number, hour = 15): string {
  const at = new Date(Date.now() + days * 86_400_000);
  at.setUTCHours(hour, 0, 0, 0);
  return at.toISOString();
}

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** HTTP calls to a running service: `call` answers whatever came back, `ok` throws on anything but success. */
export function apiClient(baseUrl: () => string, defaultBearer: string) {
  const call = async (method: string, path: string, bearer: string | null, body?: unknown): Promise<ApiAnswer> => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const ok = async <T>(method: string, path: string, body?: unknown, bearer: string = defaultBearer): Promise<T> => {
    const response = await call(method, path, bearer, body);
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as T;
  };
  return { call, ok };
}

/** An instant `seconds` seconds from now: events that end while a test runs, so it can close them. */
export const secondsFromNow = (seconds: number): string => new Date(Date.now() + seconds * 1000).toISOString();
