import { type RegistrationStatus, SINGLE_HOLDER_ROLES, type SchoolSector } from '@crosswalk/contracts';

/**
 * What one registration adds to its event's totals in a given status (null: no record of it yet). A
 * registration counts while it holds or waits for a seat, including after the session (attended or no-show);
 * one cancelled, declined or expired no longer does. Only `attended` is an attendance.
 */
export interface Contribution {
  registrations: number;
  attendances: number;
}

const COUNTED_STATUSES: readonly RegistrationStatus[] = ['registered', 'waitlisted', 'offered', 'attended', 'no_show'];

export function contributionOf(status: RegistrationStatus | null): Contribution {
  return {
    registrations: status !== null && COUNTED_STATUSES.includes(status) ? 1 : 0,
    attendances: status === 'attended' ? 1 : 0,
  };
}

/** What moving a registration from one status to another changes in its event's totals. */
export function contributionChange(from: RegistrationStatus | null, to: RegistrationStatus): Contribution {
  const before = contributionOf(from);
  const after = contributionOf(to);
  return { registrations: after.registrations - before.registrations, attendances: after.attendances - before.attendances };
}

/** School leaders: people holding a school's principal role or an organization's chief role when they registered. */
export const SCHOOL_LEADER_ROLES: readonly string[] = [SINGLE_HOLDER_ROLES.school, SINGLE_HOLDER_ROLES.organization];

export function isSchoolLeader(role: string | null): boolean {
  return role !== null && SCHOOL_LEADER_ROLES.includes(role);
}

/**
 * The school an attendance reaches: the attendee's school from their snapshot, except the event's own host
 * school (a school is not reached by its own event; its people still count as participants).
 */
export function reachedSchoolOf(attendeeSchoolId: string | null, hostSchoolId: string | null): string | null {
  return attendeeSchoolId !== null && attendeeSchoolId !== hostSchoolId ? attendeeSchoolId : null;
}

/** A sector, or `none`: an attendee with no school in the directory, or an event with no host school. */
export const NO_SECTOR = 'none';
export type AttendeeSector = SchoolSector | typeof NO_SECTOR;

export function sectorOrNone(sector: SchoolSector | null): AttendeeSector {
  return sector ?? NO_SECTOR;
}
