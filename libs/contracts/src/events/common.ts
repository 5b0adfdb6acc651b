// Vocabulary shared by every record on `events.programs.v1`, so the metrics service reads one set of enums
// and one snapshot shape whichever record it is projecting.
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateBy, type ValidationOptions } from 'class-validator';
import { isAcceptedCalendarDate } from '../dates';
import { SCHOOL_SECTORS, type SchoolSector } from '../schools/directory';

export const PROGRAMS_TOPIC = 'events.programs.v1';

export const EVENT_KINDS = ['workshop', 'series_session', 'town_hall', 'convening', 'school_visit'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_AUDIENCES = ['teachers', 'school_leaders', 'instructional_teams', 'mixed'] as const;
export type EventAudience = (typeof EVENT_AUDIENCES)[number];

export const EVENT_FORMATS = ['in_person', 'virtual'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

export const EVENT_STATUSES = ['scheduled', 'cancelled', 'completed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** Why an upcoming event needs an operator's attention after a directory fact about its host school. */
export const EVENT_FLAG_REASONS = ['host_leader_changed', 'host_closed'] as const;
export type EventFlagReason = (typeof EVENT_FLAG_REASONS)[number];

/**
 * `coverage_first` puts people whose school has not attended an event in the city in the previous 12
 * months ahead of repeat schools: the network's goal is to reach beyond its early adopters.
 */
export const WAITLIST_ORDERINGS = ['fifo', 'coverage_first'] as const;
export type WaitlistOrdering = (typeof WAITLIST_ORDERINGS)[number];

export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'offered', 'declined', 'expired', 'cancelled', 'attended', 'no_show'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const ATTENDANCE_OUTCOMES = ['attended', 'no_show'] as const;
export type AttendanceOutcome = (typeof ATTENDANCE_OUTCOMES)[number];

export const IMPLEMENTATION_INTENTS = ['yes', 'no', 'unsure'] as const;
export type ImplementationIntent = (typeof IMPLEMENTATION_INTENTS)[number];

/**
 * An instant as `Date.prototype.toISOString()` writes it (UTC, `Z`). Event times are instants; the
 * event's IANA time zone travels beside them so wall-clock times can be rebuilt without guessing.
 */
export const UTC_INSTANT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?Z$/;

/** An instant in UTC_INSTANT form (the pattern the JSON schemas publish) on an accepted calendar day (no 2026-02-30T10:00:00Z). */
export function IsUtcInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, property) => {
    Matches(UTC_INSTANT, { message: '$property must be a UTC instant YYYY-MM-DDTHH:mm:ss(.sss)Z', ...options })(target, property);
    ValidateBy(
      {
        name: 'isUtcInstantOnAcceptedDay',
        validator: {
          validate: (value) => typeof value !== 'string' || !UTC_INSTANT.test(value) || isAcceptedCalendarDate(value.slice(0, 10)),
          defaultMessage: () => '$property must be an instant on a day that exists, from 1900-01-01 to 2199-12-31',
        },
      },
      options,
    )(target, property);
  };
}

/**
 * Who the participant was on the day they registered: their school, its sector and city, and their role
 * (e.g. `teacher`, `principal`; the organization's `chief` for a superintendent or CMO head). Frozen at
 * registration: later moves never rewrite it. Any part is null when the directory did not know it
 * (a participant with no school has all of school, sector and city null).
 */
export class RegistrationSnapshotV1 {
  @IsOptional() @IsString() @IsNotEmpty() schoolId!: string | null;
  @IsOptional() @IsIn(SCHOOL_SECTORS) sector!: SchoolSector | null;
  @IsOptional() @IsString() @IsNotEmpty() cityId!: string | null;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(60) role!: string | null;
}
