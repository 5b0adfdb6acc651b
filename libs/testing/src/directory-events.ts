// The directory's events as the schools service publishes them, for the tests of every service that keeps a local
// copy of the directory: one set of builders instead of one per service's test support.
import { randomUUID } from 'node:crypto';
import {
  CityCreated,
  type EventContract,
  type EventEnvelope,
  type HolderKind,
  LeadershipTransitioned,
  OrganizationCreated,
  type OrganizationKind,
  PersonContactChanged,
  PersonCreated,
  PersonCreatedV1Contract,
  SchoolClosed,
  SchoolCreated,
  type SchoolSector,
  makeEnvelope,
} from '@crosswalk/contracts';

/** An envelope from the schools service, caused by an operator's request. */
export function schoolsEvent<P extends object>(contract: EventContract<P>, key: string, cityId: string | null, payload: P): EventEnvelope<P> {
  return makeEnvelope(
    { type: contract.type, version: contract.version, key, cityId, payload },
    { source: 'schools', correlationId: randomUUID(), actor: { kind: 'user', id: 'operator-1' } },
  );
}

export const cityCreated = (cityId: string, name: string, state: string, timeZone?: string) =>
  schoolsEvent(CityCreated, cityId, cityId, { cityId, name, state, ...(timeZone === undefined ? {} : { timeZone }) });

export const organizationCreated = (organizationId: string, cityId: string, name: string, kind: OrganizationKind = 'cmo') =>
  schoolsEvent(OrganizationCreated, organizationId, cityId, { organizationId, cityId, name, kind, ncesLeaId: null });

export const schoolCreated = (schoolId: string, cityId: string, name: string, sector: SchoolSector) =>
  schoolsEvent(SchoolCreated, schoolId, cityId, { schoolId, cityId, name, sector, organizationId: null, ncesId: null });

export const personCreated = (personId: string, fullName: string) => schoolsEvent(PersonCreated, personId, null, { personId, fullName });

/** A person's contact on the restricted contacts topic; the address defaults to `<personId>@example.org`. */
export const personContactChanged = (personId: string, email = `${personId}@example.org`) =>
  schoolsEvent(PersonContactChanged, personId, null, { personId, email });

/**
 * A person event as the schools service published it before contact data moved to its own topic (version 1,
 * with the address), to show what consumers do with the old records replay meets.
 */
export const personCreatedWithEmail = (personId: string, fullName: string, email = `${personId}@example.org`) =>
  schoolsEvent(PersonCreatedV1Contract, personId, null, { personId, fullName, email });

export const schoolClosed = (schoolId: string, cityId: string, effectiveDate: string) =>
  schoolsEvent(SchoolClosed, schoolId, cityId, { schoolId, cityId, effectiveDate, endedTenureIds: [] });

/** A change of holder of `role` at a school or organization; `supersedesTransitionId` makes it a correction. */
export function leadershipTransition(
  holder: { kind: HolderKind; id: string; cityId: string },
  role: string,
  from: string | null,
  to: string | null,
  effectiveDate: string,
  supersedesTransitionId: string | null = null,
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
    supersedesTransitionId,
  });
}
