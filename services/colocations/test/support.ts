// Test plumbing for the colocations service: the events the schools service would publish (sent with the shared
// EventWire of @crosswalk/testing, which also reads what this service publishes).
import { randomUUID } from 'node:crypto';
import {
  type EventContract,
  type EventEnvelope,
  LeadershipTransitioned,
  PersonCreated,
  SchoolClosed,
  SchoolCreated,
  type SchoolSector,
  addDays,
  calendarDateToday,
  makeEnvelope,
} from '@crosswalk/contracts';

export function schoolsEvent<P extends object>(contract: EventContract<P>, key: string, cityId: string | null, payload: P): EventEnvelope<P> {
  return makeEnvelope(
    { type: contract.type, version: contract.version, key, cityId, payload },
    { source: 'schools', correlationId: randomUUID(), actor: { kind: 'user', id: 'operator-1' } },
  );
}

export const schoolCreated = (schoolId: string, cityId: string, name: string, sector: SchoolSector) =>
  schoolsEvent(SchoolCreated, schoolId, cityId, { schoolId, cityId, name, sector, organizationId: null, ncesId: null });

export const personCreated = (personId: string, fullName: string) =>
  schoolsEvent(PersonCreated, personId, null, { personId, fullName, email: `${personId}@example.org` });

export const schoolClosed = (schoolId: string, cityId: string, effectiveDate: string) =>
  schoolsEvent(SchoolClosed, schoolId, cityId, { schoolId, cityId, effectiveDate, endedTenureIds: [] });

export function principalTransition(
  schoolId: string,
  cityId: string,
  from: string | null,
  to: string | null,
  effectiveDate: string,
  supersedesTransitionId: string | null = null,
): EventEnvelope<object> {
  const transitionId = randomUUID();
  return schoolsEvent(LeadershipTransitioned, schoolId, cityId, {
    transitionId,
    holderKind: 'school',
    holderId: schoolId,
    cityId,
    role: 'principal',
    outgoingPersonId: from,
    incomingPersonId: to,
    effectiveDate,
    reason: null,
    endedTenureId: null,
    startedTenureId: null,
    supersedesTransitionId,
  });
}

/** A business date `days` from today (UTC), so grace periods are measured from the service's real clock. */
export function daysFromToday(days: number): string {
  return addDays(calendarDateToday(), days);
}
