// Test plumbing for the fellowships service: tokens and an HTTP client; the directory's events come from
// @crosswalk/testing.
import { type AuthSettings, type Role, signToken } from '@crosswalk/auth';
import { TEST_JWT_SECRET } from '@crosswalk/testing';

const AUTH: AuthSettings = { secret: TEST_JWT_SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' };

export const token = (role: Role, cities?: string[]): string => signToken({ subject: `${role}-1`, role, cities }, AUTH);

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** `call` answers whatever came back; the caller asserts the status. */
export function client(baseUrl: () => string) {
  return async <T = Record<string, unknown>>(method: string, path: string, bearer: string, body?: unknown): Promise<Answer<T>> => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
}

/** The fields a 400 names, sorted. */
export const fieldsOf = (answer: Answer): string[] => ((answer.body.errors ?? []) as { field: string }[]).map((e) => e.field).sort();
