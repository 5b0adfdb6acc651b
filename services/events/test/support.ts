// Test plumbing for the events service: the directory events the schools service would publish (sent with the
// shared EventWire of @crosswalk/testing, which also reads what this service publishes).
import { randomUUID } from 'node:crypto';
import {
  CityCreated,
  type EventContract,
  type EventEnvelope,
  type HolderKind,
  LeadershipTransitioned,
  PersonCreated,
  SchoolClosed,
  SchoolCreated,
  type SchoolSector,
  makeEnvelope,
} from '@crosswalk/contracts';

export function schoolsEvent<P extends object>(contract: EventContract<P>, key: string, cityId: string | null, payload: P): EventEnvelope<P> {
  return makeEnvelope(
    { type: contract.type, version: contract.version, key, cityId, payload },
    { source: 'schools', correlationId: randomUUID(), actor: { kind: 'user', id: 'operator-1' } },
  );
}

export const cityCreated = (cityId: string, name: string, state: string) => schoolsEvent(CityCreated, cityId, cityId, { cityId, name, state });

export const schoolCreated = (schoolId: string, cityId: string, name: string, sector: SchoolSector) =>
  schoolsEvent(SchoolCreated, schoolId, cityId, { schoolId, cityId, name, sector, organizationId: null, ncesId: null });

export const personCreated = (personId: string, fullName: string) =>
  schoolsEvent(PersonCreated, personId, null, { personId, fullName, email: `${personId}@example.org` });

export const schoolClosed = (schoolId: string, cityId: string, effectiveDate: string) =>
  schoolsEvent(SchoolClosed, schoolId, cityId, { schoolId, cityId, effectiveDate, endedTenureIds: [] });

export function transition(
  holder: { kind: HolderKind; id: string; cityId: string },
  role: string,
  from: string | null,
  to: string | null,
  effectiveDate: string,
): EventEnvelope<object> {
  return schoolsEvent(LeadershipTransitioned, holder.id, holder.cityId, {
    transitionId: randomUUID(),
    holderKind: holder.kind,
    holderId: holder.id,
    cityId: holder.cityId,
    role,
    outgoingPersonId: from,
    incomingPersonId: to,
    effectiveDate,
    reason: null,
    endedTenureId: null,
    startedTenureId: null,
    supersedesTransitionId: null,
  });
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
