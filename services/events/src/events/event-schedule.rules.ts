// What makes an event's schedule valid, when it may be rescheduled, cancelled, closed or flagged, and when
// its registration is open. Plain TypeScript: time comes in as `now`, never from the clock.
import type { EventFormat, EventKind, EventStatus } from '@crosswalk/contracts';
import { type FieldProblem, type Refusal, problem, refusal } from '../problems';

export const DEFAULT_OFFER_HOURS = 48;
/** A week: an offer held longer than that keeps the seat from everyone else in line. */
export const MAX_OFFER_HOURS = 720;
export const MAX_CREDIT_HOURS = 100;

// ---------------------------------------------------------------------------------------------------------
// Time zones and wall clocks (to move to libs/contracts/src/dates.ts with the other date helpers)
// ---------------------------------------------------------------------------------------------------------

const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building one is far slower than using it, and calendars format many instants. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

// Newer engines accept UTC offsets ("+05:00") as time zones; an offset cannot follow daylight saving time,
// so an event stored with one would drift by an hour for half the year.
const OFFSET_ZONE = /^[+-]\d/;

/** The zone as the engine's time zone data knows it, or null when it does not know it. */
function resolvedTimeZone(timeZone: string): string | null {
  if (!timeZone || OFFSET_ZONE.test(timeZone)) return null;
  try {
    return formatterFor(timeZone).resolvedOptions().timeZone;
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** Whether `timeZone` is an IANA zone name the runtime's time zone data knows (e.g. `America/Denver`, `UTC`). */
export function isValidTimeZone(timeZone: string): boolean {
  return resolvedTimeZone(timeZone) !== null;
}

/** Whether the zone is UTC itself (any of its names), so times can be written with `Z`. */
export function isUtcZone(timeZone: string): boolean {
  return resolvedTimeZone(timeZone) === 'UTC';
}

export function timeZoneProblem(timeZone: string, field = 'timeZone'): FieldProblem | null {
  const resolved = resolvedTimeZone(timeZone);
  if (resolved === null) return problem(field, 'invalid_time_zone', `${JSON.stringify(timeZone)} is not an IANA time zone, e.g. America/Chicago`);
  // The engine matches names case-insensitively, calendar clients do not.
  if (resolved !== timeZone && resolved.toLowerCase() === timeZone.toLowerCase()) {
    return problem(field, 'time_zone_case', `Write the time zone as ${resolved}`);
  }
  return null;
}

/** A wall-clock reading: what a clock in the zone shows at an instant (month 1-12). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar day (`YYYY-MM-DD`) in `timeZone` at `instant`: an evening event in Denver is on the Denver day. */
export function localDate(instant: Date, timeZone: string): string {
  const c = wallClock(instant, timeZone);
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}`;
}

/** Minutes the zone is ahead of UTC at `instant` (negative west of Greenwich), daylight saving included. */
export function utcOffsetMinutes(instant: Date, timeZone: string): number {
  const c = wallClock(instant, timeZone);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

// ---------------------------------------------------------------------------------------------------------
// Schedule validation
// ---------------------------------------------------------------------------------------------------------

/** When the event is and when people may register for it. */
export interface EventTimes {
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  /** Null: open as soon as the event is scheduled. */
  registrationOpensAt: Date | null;
  /** Null: open until the event starts. */
  registrationClosesAt: Date | null;
}

export interface EventSchedule extends EventTimes {
  kind: EventKind;
  seriesId: string | null;
  format: EventFormat;
  hostSchoolId: string | null;
  venue: string | null;
  /** Null for no limit. */
  capacity: number | null;
  creditHours: number;
  offerHours: number;
}

const isValidInstant = (d: Date) => !Number.isNaN(d.getTime());

/**
 * Problems with the times and registration window: the event ends after it starts and starts after `now`
 * (unless `backfill`: an operator recording an event of the past); registration opens before it closes and
 * before the event starts, and closes no later than the start.
 */
export function timesProblems(times: EventTimes, now: Date, backfill = false): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const zone = timeZoneProblem(times.timeZone);
  if (zone) problems.push(zone);
  if (!isValidInstant(times.startsAt)) problems.push(problem('startsAt', 'invalid_instant', 'startsAt is not a valid instant'));
  if (!isValidInstant(times.endsAt)) problems.push(problem('endsAt', 'invalid_instant', 'endsAt is not a valid instant'));
  if (problems.some((p) => p.code === 'invalid_instant')) return problems;

  if (times.endsAt <= times.startsAt) problems.push(problem('endsAt', 'ends_before_start', 'The event must end after it starts'));
  if (times.startsAt <= now && !backfill) {
    problems.push(problem('startsAt', 'starts_in_past', 'The event must start in the future (an operator records a past event with backfill: true)'));
  }

  const { registrationOpensAt: opens, registrationClosesAt: closes } = times;
  if (opens && !isValidInstant(opens)) problems.push(problem('registrationOpensAt', 'invalid_instant', 'registrationOpensAt is not a valid instant'));
  if (closes && !isValidInstant(closes)) problems.push(problem('registrationClosesAt', 'invalid_instant', 'registrationClosesAt is not a valid instant'));
  if (problems.some((p) => p.code === 'invalid_instant')) return problems;

  if (opens && closes && closes <= opens) {
    problems.push(problem('registrationClosesAt', 'registration_closes_before_opens', 'Registration must close after it opens'));
  }
  if (opens && opens >= times.startsAt) {
    problems.push(problem('registrationOpensAt', 'registration_opens_after_start', 'Registration must open before the event starts'));
  }
  if (closes && closes > times.startsAt) {
    problems.push(problem('registrationClosesAt', 'registration_closes_after_start', 'Registration must close no later than the event starts'));
  }
  return problems;
}

/** Whether `hours` is a finite, non-negative number of hours with at most two decimals, within `max`. */
function isHours(hours: number, max: number): boolean {
  return Number.isFinite(hours) && hours >= 0 && hours <= max && Math.abs(Math.round(hours * 100) - hours * 100) < 1e-6;
}

/**
 * Everything wrong with a schedule, as field problems. `seatsTaken` (registered, offered, attended) is 0 for a
 * new event; for a change it keeps the capacity from dropping below the people already holding a seat.
 */
export function scheduleProblems(schedule: EventSchedule, context: { now: Date; seatsTaken: number; backfill?: boolean }): FieldProblem[] {
  const problems = timesProblems(schedule, context.now, context.backfill);

  const { capacity } = schedule;
  if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0)) {
    problems.push(problem('capacity', 'invalid_capacity', 'Capacity must be a whole number of seats, 0 or more (or no limit)'));
  } else if (capacity !== null && capacity < context.seatsTaken) {
    problems.push(problem('capacity', 'capacity_below_seats_taken', `Capacity ${capacity} is below the ${context.seatsTaken} seats already taken`));
  }
  if (!isHours(schedule.creditHours, MAX_CREDIT_HOURS)) {
    problems.push(problem('creditHours', 'invalid_credit_hours', `Credit hours must be between 0 and ${MAX_CREDIT_HOURS}, in hundredths at most`));
  }
  if (!Number.isInteger(schedule.offerHours) || schedule.offerHours < 1 || schedule.offerHours > MAX_OFFER_HOURS) {
    problems.push(problem('offerHours', 'invalid_offer_hours', `The offer window must be a whole number of hours from 1 to ${MAX_OFFER_HOURS}`));
  }

  if (schedule.kind === 'series_session' && schedule.seriesId === null) {
    problems.push(problem('seriesId', 'series_required', 'A series session belongs to a series'));
  }
  if (schedule.kind !== 'series_session' && schedule.seriesId !== null) {
    problems.push(problem('kind', 'series_session_kind_required', 'An event in a series is a series_session'));
  }
  if (schedule.kind === 'school_visit' && schedule.hostSchoolId === null) {
    problems.push(problem('hostSchoolId', 'host_school_required', 'A school visit needs its host school'));
  } else if (schedule.format === 'in_person' && schedule.hostSchoolId === null && !schedule.venue?.trim()) {
    problems.push(problem('venue', 'location_required', 'An in-person event needs a host school or a venue'));
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Lifecycle
// ---------------------------------------------------------------------------------------------------------

/** The event as the lifecycle rules need it. */
export interface EventState {
  status: EventStatus;
  startsAt: Date;
  endsAt: Date;
}

/** Why the event cannot be rescheduled now (null when it can): only a scheduled event that has not started. */
export function rescheduleRefusal(event: EventState, now: Date): Refusal | null {
  if (event.status !== 'scheduled') return refusal('event_not_scheduled', `A ${event.status} event cannot be rescheduled`);
  if (now >= event.startsAt) return refusal('event_started', 'An event that has started cannot be rescheduled');
  return null;
}

/** Problems with the new times of a reschedule: the same as scheduling, and they must differ from the current ones. */
export function rescheduleProblems(current: EventTimes, next: EventTimes, now: Date): FieldProblem[] {
  const problems = timesProblems(next, now);
  const same =
    current.startsAt.getTime() === next.startsAt.getTime() && current.endsAt.getTime() === next.endsAt.getTime() && current.timeZone === next.timeZone;
  if (same) problems.push(problem('startsAt', 'unchanged', 'The new times are the current ones'));
  return problems;
}

/** The calendar's SEQUENCE after one more reschedule: every reschedule raises it by one, from 0. */
export function nextSequence(reschedulesSoFar: number): number {
  return reschedulesSoFar + 1;
}

export function cancelRefusal(event: EventState): Refusal | null {
  return event.status === 'scheduled' ? null : refusal('event_not_scheduled', `A ${event.status} event cannot be cancelled`);
}

export function cancelReasonProblem(reason: string | null | undefined): FieldProblem | null {
  return reason?.trim() ? null : problem('reason', 'reason_required', 'Say why the event is cancelled');
}

/** Why the session cannot be closed now: only a scheduled event, and not before it ends. */
export function closeRefusal(event: EventState, now: Date): Refusal | null {
  if (event.status !== 'scheduled') return refusal('event_not_scheduled', `A ${event.status} event cannot be closed`);
  if (now < event.endsAt) return refusal('event_not_ended', 'A session is closed after it ends');
  return null;
}

/** An event hosted by a school, for deciding whether a fact about that school concerns it. */
export interface HostedEvent {
  status: EventStatus;
  hostSchoolId: string | null;
  /** The local start day (`YYYY-MM-DD`). */
  startsOn: string;
}

/**
 * Whether a new principal or a closure at `schoolId`, effective on `effectiveDate`, flags this event:
 * a scheduled event at that school on or after the effective day. Past and cancelled events stay as they were.
 */
export function isFlaggedBy(event: HostedEvent, schoolId: string, effectiveDate: string): boolean {
  return event.status === 'scheduled' && event.hostSchoolId === schoolId && event.startsOn >= effectiveDate;
}

// ---------------------------------------------------------------------------------------------------------
// Registration window
// ---------------------------------------------------------------------------------------------------------

/** Why nobody can register now (null when they can): the event is scheduled and its window is open at `now`. */
export function registrationWindowRefusal(event: EventState & Pick<EventTimes, 'registrationOpensAt' | 'registrationClosesAt'>, now: Date): Refusal | null {
  if (event.status !== 'scheduled') return refusal('event_not_scheduled', `Registration is closed: the event is ${event.status}`);
  if (event.registrationOpensAt && now < event.registrationOpensAt) {
    return refusal('registration_not_open', `Registration opens at ${event.registrationOpensAt.toISOString()}`);
  }
  const closes = event.registrationClosesAt ?? event.startsAt;
  if (now >= closes) return refusal('registration_closed', `Registration closed at ${closes.toISOString()}`);
  return null;
}

/** Who asks for the registration, as far as the window goes. */
export interface RegistrationRequestKind {
  /**
   * An operator recording who came to an event that has started (backfilling history, or walk-ins at the
   * door): the window binds people asking for a seat, not the record of what happened.
   */
  backfill: boolean;
}

/**
 * Why this registration cannot be made now (null when it can). A self-registration (anything not a backfill)
 * needs the window open; a backfill of an event that has started is not bound by the window, but a cancelled
 * or closed event takes no registrations either way. For an event still to come a backfill is an ordinary
 * registration: the flag cannot open a window early or keep it open late.
 */
export function registrationRefusal(
  event: EventState & Pick<EventTimes, 'registrationOpensAt' | 'registrationClosesAt'>,
  now: Date,
  request: RegistrationRequestKind,
): Refusal | null {
  if (request.backfill && event.status === 'scheduled' && now >= event.startsAt) return null;
  return registrationWindowRefusal(event, now);
}
