// Seats and the line for them: capacity is never exceeded, a newcomer never jumps the line, a freed seat is
// offered to the first in line for a limited time. `coverage_first` is how the network reaches beyond the
// schools that always come: people whose school has not attended in the city for a year go first.
import type { RegistrationStatus, WaitlistOrdering } from '@crosswalk/contracts';
import { DEFAULT_OFFER_HOURS } from '../events/event-schedule.rules';
import { type Refusal, refusal } from '../problems';

export const COVERAGE_WINDOW_MONTHS = 12;
const HOUR_MS = 3_600_000;

// ---------------------------------------------------------------------------------------------------------
// Day arithmetic (to move to libs/contracts/src/dates.ts)
// ---------------------------------------------------------------------------------------------------------

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The same day `months` months earlier (`YYYY-MM-DD`), clamped to the end of a shorter month:
 * 12 months before 2024-02-29 is 2023-02-28, 1 month before 2026-03-31 is 2026-02-28.
 */
export function monthsBefore(day: string, months: number): string {
  const match = CALENDAR_DATE.exec(day);
  if (!match) throw new Error(`${day} is not a calendar date YYYY-MM-DD`);
  const total = Number(match[1]) * 12 + (Number(match[2]) - 1) - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const d = Math.min(Number(match[3]), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------------------
// Coverage: who has the network already reached in this city
// ---------------------------------------------------------------------------------------------------------

/** Someone from `schoolId` attended an event in `cityId` held on `attendedOn` (the event's local day). */
export interface SchoolAttendance {
  schoolId: string;
  cityId: string;
  attendedOn: string;
}

/**
 * Schools with an attendance at an event in `cityId` in the previous 12 months: on or after the same day a
 * year before `asOf`, and before `asOf` itself (the day being decided is not "previous").
 */
export function recentlyReachedSchools(history: readonly SchoolAttendance[], cityId: string, asOf: string): Set<string> {
  const from = monthsBefore(asOf, COVERAGE_WINDOW_MONTHS);
  return new Set(history.filter((a) => a.cityId === cityId && a.attendedOn >= from && a.attendedOn < asOf).map((a) => a.schoolId));
}

/** A place in line: the registration, when it was made and the school it was made for (from the snapshot). */
export interface WaitlistEntry {
  registrationId: string;
  registeredAt: Date;
  schoolId: string | null;
}

/** Whether this entry goes ahead under `coverage_first`: no school counts as not yet reached. */
export function isNotYetReached(entry: WaitlistEntry, reached: ReadonlySet<string>): boolean {
  return entry.schoolId === null || !reached.has(entry.schoolId);
}

function byRegistrationTime(a: WaitlistEntry, b: WaitlistEntry): number {
  // Two registrations in the same millisecond still need a stable order, so the id breaks the tie.
  return a.registeredAt.getTime() - b.registeredAt.getTime() || (a.registrationId < b.registrationId ? -1 : a.registrationId > b.registrationId ? 1 : 0);
}

/**
 * The line, first first. `fifo`: by registration time. `coverage_first`: not-yet-reached schools (and people
 * with no school) ahead of `reached` schools, each group by registration time.
 */
export function waitlistOrder<E extends WaitlistEntry>(entries: readonly E[], ordering: WaitlistOrdering, reached: ReadonlySet<string>): E[] {
  const sorted = [...entries].sort(byRegistrationTime);
  if (ordering === 'fifo') return sorted;
  return [...sorted.filter((e) => isNotYetReached(e, reached)), ...sorted.filter((e) => !isNotYetReached(e, reached))];
}

// ---------------------------------------------------------------------------------------------------------
// Seats
// ---------------------------------------------------------------------------------------------------------

/** Seats nobody holds; `capacity` null means no limit. Never negative, even if data ever said otherwise. */
export function freeSeats(capacity: number | null, seatsHeld: number): number {
  return capacity === null ? Number.POSITIVE_INFINITY : Math.max(0, capacity - seatsHeld);
}

/**
 * Where a new registration goes: a seat when one is free and nobody is waiting for it (a newcomer never
 * jumps the line), else the waitlist.
 */
export function placement(capacity: number | null, seatsHeld: number, waiting: number): Extract<RegistrationStatus, 'registered' | 'waitlisted'> {
  return freeSeats(capacity, seatsHeld) > 0 && waiting === 0 ? 'registered' : 'waitlisted';
}

/**
 * When an offer made at `now` expires: `offerHours` later, but never after the event starts (a seat offered
 * until after the start is no seat at all).
 */
export function offerDeadline(now: Date, startsAt: Date, offerHours: number = DEFAULT_OFFER_HOURS): Date {
  return new Date(Math.min(now.getTime() + offerHours * HOUR_MS, startsAt.getTime()));
}

export interface Offer {
  registrationId: string;
  offeredAt: Date;
  expiresAt: Date;
}

/** The event as offering seats needs it. */
export interface SeatsState {
  capacity: number | null;
  /** Registrations holding a seat now (registered, offered, attended, no-show). */
  seatsHeld: number;
  startsAt: Date;
  offerHours: number;
}

/**
 * The offers to make at `now`: one per free seat, to the first in `line` (already ordered), each with its
 * deadline. None once the event has started.
 */
export function offersToMake(event: SeatsState, line: readonly WaitlistEntry[], now: Date): Offer[] {
  if (now >= event.startsAt) return [];
  const seats = freeSeats(event.capacity, event.seatsHeld);
  const expiresAt = offerDeadline(now, event.startsAt, event.offerHours);
  return line.slice(0, Math.min(line.length, seats)).map((e) => ({ registrationId: e.registrationId, offeredAt: now, expiresAt }));
}

/** An offer is good strictly before its deadline; at the deadline it has expired. */
export function isOfferExpired(expiresAt: Date, now: Date): boolean {
  return now >= expiresAt;
}

/** Why the seat cannot be taken now (null when it can): there is an offer and its deadline has not come. */
export function acceptRefusal(status: RegistrationStatus, expiresAt: Date | null, now: Date): Refusal | null {
  if (status !== 'offered' || expiresAt === null) return refusal('no_open_offer', `A ${status} registration has no offer to accept`);
  if (isOfferExpired(expiresAt, now)) return refusal('offer_expired', `The offer expired at ${expiresAt.toISOString()}`);
  return null;
}

/** Open offers whose deadline has come at `now`: they expire, and their seats pass on. */
export function dueExpiries<O extends { expiresAt: Date }>(openOffers: readonly O[], now: Date): O[] {
  return openOffers.filter((o) => isOfferExpired(o.expiresAt, now));
}
