// Facts about one event (a workshop, a series session, a town hall, ...). Every record carries the host
// school and its sector so the metrics service can cross attendee sector with host sector from events alone.
import { ArrayUnique, IsArray, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, IsTimeZone, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate } from '../dates';
import { defineEvent } from '../registry';
import { SCHOOL_SECTORS, type SchoolSector } from '../schools/directory';
import {
  EVENT_AUDIENCES,
  EVENT_FLAG_REASONS,
  EVENT_FORMATS,
  EVENT_KINDS,
  type EventAudience,
  type EventFlagReason,
  type EventFormat,
  type EventKind,
  IsUtcInstant,
  PROGRAMS_TOPIC,
  WAITLIST_ORDERINGS,
  type WaitlistOrdering,
} from './common';

/** What every event record says about the event it belongs to. Key: `eventId`. */
export class EventFactV1 {
  @IsString() @IsNotEmpty() eventId!: string;
  @IsString() @IsNotEmpty() cityId!: string;
  /** The series this event is a session of; null for a stand-alone event. */
  @IsOptional() @IsString() @IsNotEmpty() seriesId!: string | null;
  /** Null when the event is virtual or held at a venue that is not a school. */
  @IsOptional() @IsString() @IsNotEmpty() hostSchoolId!: string | null;
  /** The host school's sector when the event was scheduled; null when there is no host school. */
  @IsOptional() @IsIn(SCHOOL_SECTORS) hostSector!: SchoolSector | null;
}

export class EventScheduledV1 extends EventFactV1 {
  @IsIn(EVENT_KINDS) kind!: EventKind;
  @IsString() @IsNotEmpty() @MaxLength(200) title!: string;
  /** Where it happens when that is not (only) the host school, e.g. a library or a district office. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300) venue!: string | null;
  @IsArray() @ArrayUnique() @IsString({ each: true }) @IsNotEmpty({ each: true }) facilitatorPersonIds!: string[];
  @IsArray() @ArrayUnique() @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(60, { each: true }) topics!: string[];
  @IsIn(EVENT_AUDIENCES) audience!: EventAudience;
  @IsIn(EVENT_FORMATS) format!: EventFormat;
  @IsUtcInstant() startsAt!: string;
  @IsUtcInstant() endsAt!: string;
  @IsTimeZone() timeZone!: string;
  /** The start's calendar day in `timeZone`: the day a period report counts the event on. */
  @IsCalendarDate() startsOn!: string;
  /** Seats; null for no limit (then nobody is ever waitlisted). */
  @IsOptional() @IsInt() @Min(0) capacity!: number | null;
  /** Null: registration is open as soon as the event is scheduled. */
  @IsOptional() @IsUtcInstant() registrationOpensAt!: string | null;
  /** Null: registration stays open until the event starts. */
  @IsOptional() @IsUtcInstant() registrationClosesAt!: string | null;
  /** PD credit hours earned by attending this event (or session). */
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }) @Min(0) @Max(100) creditHours!: number;
  @IsIn(WAITLIST_ORDERINGS) waitlistOrdering!: WaitlistOrdering;
  /** How long a freed seat stays offered to the first in line before it passes on. */
  @IsInt() @Min(1) @Max(720) offerHours!: number;
}

export const EventScheduled = defineEvent({
  type: 'events.event.scheduled',
  version: 1,
  topic: PROGRAMS_TOPIC,
  payload: EventScheduledV1,
  description:
    'An event (workshop, series session, town hall, convening or school visit) was scheduled, with its host school and sector, times, capacity, registration window, credit hours and waitlist ordering. Key: event id.',
});

export class EventRescheduledV1 extends EventFactV1 {
  @IsUtcInstant() previousStartsAt!: string;
  @IsUtcInstant() previousEndsAt!: string;
  @IsTimeZone() previousTimeZone!: string;
  @IsUtcInstant() startsAt!: string;
  @IsUtcInstant() endsAt!: string;
  @IsTimeZone() timeZone!: string;
  @IsCalendarDate() startsOn!: string;
  /** The registration window after the change (it may move with the event). */
  @IsOptional() @IsUtcInstant() registrationOpensAt!: string | null;
  @IsOptional() @IsUtcInstant() registrationClosesAt!: string | null;
  /** How many times the event has been rescheduled, this time included: the calendar's SEQUENCE. */
  @IsInt() @Min(1) sequence!: number;
  @IsOptional() @IsString() @MaxLength(500) reason!: string | null;
}

export const EventRescheduled = defineEvent({
  type: 'events.event.rescheduled',
  version: 1,
  topic: PROGRAMS_TOPIC,
  payload: EventRescheduledV1,
  description:
    'An event moved to new times; the previous times are kept in the record and `sequence` counts the reschedules. Registrations stay as they are. Key: event id.',
});

export class EventCancelledV1 extends EventFactV1 {
  @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
  @IsUtcInstant() cancelledAt!: string;
  /** When it would have started, so a period report can count cancellations on the event's day. */
  @IsUtcInstant() startsAt!: string;
  @IsCalendarDate() startsOn!: string;
}

export const EventCancelled = defineEvent({
  type: 'events.event.cancelled',
  version: 1,
  topic: PROGRAMS_TOPIC,
  payload: EventCancelledV1,
  description:
    'An event was cancelled, with the reason. Each live registration is then cancelled with cause `event_cancelled` (one events.registration.cancelled record each). Key: event id.',
});

export class EventFlaggedV1 extends EventFactV1 {
  @IsIn(EVENT_FLAG_REASONS) reason!: EventFlagReason;
  /** The directory fact's effective day (the leadership transition or the closure). */
  @IsCalendarDate() effectiveDate!: string;
  /** The leadership transition behind `host_leader_changed`; null for a closure. */
  @IsOptional() @IsString() @IsNotEmpty() transitionId!: string | null;
  @IsUtcInstant() startsAt!: string;
  @IsCalendarDate() startsOn!: string;
}

export const EventFlagged = defineEvent({
  type: 'events.event.flagged',
  version: 1,
  topic: PROGRAMS_TOPIC,
  payload: EventFlaggedV1,
  description:
    "An upcoming event's host school changed principal (`host_leader_changed`) or closed (`host_closed`): an operator should confirm the host or move the event. The event itself is unchanged. Key: event id.",
});

export class EventCompletedV1 extends EventFactV1 {
  @IsIn(EVENT_KINDS) kind!: EventKind;
  @IsUtcInstant() startsAt!: string;
  @IsUtcInstant() endsAt!: string;
  @IsCalendarDate() startsOn!: string;
  /** When the session was closed: registered people without a check-in became `no_show` then. */
  @IsUtcInstant() closedAt!: string;
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }) @Min(0) @Max(100) creditHours!: number;
}

export const EventCompleted = defineEvent({
  type: 'events.event.completed',
  version: 1,
  topic: PROGRAMS_TOPIC,
  payload: EventCompletedV1,
  description:
    'An event (or series session) was held and its attendance closed: it counts as held on `startsOn`. Registered people without a check-in were marked no_show in the same change (events.attendance.recorded with outcome `no_show`, published just before this record). Key: event id.',
});
