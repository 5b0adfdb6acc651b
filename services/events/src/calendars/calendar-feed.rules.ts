// What a calendar feed holds and who may read it: the events of the window, a person's registrations that put
// an event in their calendar, an event's SEQUENCE and last change, what a subscriber reads about it, and the
// secrets and city scope of subscriptions. Plain TypeScript: `now` comes in, never from the clock.
import { createHash } from 'node:crypto';
import { type EventAudience, type EventFormat, type EventKind, type EventStatus, type RegistrationStatus, calendarDateAt } from '@crosswalk/contracts';
import { type FieldProblem, problem } from '../problems';
import type { CalendarEvent } from './icalendar.rules';

/**
 * The right-hand side of every UID. Never change it: subscribers' calendars match events by UID, so a new
 * domain would duplicate every event in every subscribed calendar.
 */
export const UID_DOMAIN = 'events.crosswalk';

/** How often subscribers are asked to fetch a feed again; the per-secret rate limit is far above it. */
export const REFRESH_INTERVAL = 'PT1H';

/** The largest feed: past this, the events that started longest ago are left out first. */
export const MAX_FEED_EVENTS = 1000;

/**
 * The first day of a feed read at `now`: events starting on or after the same UTC day a year earlier. Older
 * events leave the feed, and a calendar app drops them from a subscribed calendar; a feed stays small however
 * long the network's history grows.
 */
export function feedStartsOn(now: Date): string {
  const yearAgo = new Date(now.getTime());
  yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
  return calendarDateAt(yearAgo);
}

// ---------------------------------------------------------------------------------------------------------
// Which events a person's feed shows
// ---------------------------------------------------------------------------------------------------------

/** A registration in one of these puts its event in the person's calendar: a seat held, offered, or used. */
export const CALENDAR_REGISTRATION_STATUSES: readonly RegistrationStatus[] = ['registered', 'offered', 'attended'];

/**
 * Cancelling an event cancels its registrations; those that held a seat or an offer at that moment keep the
 * event in the person's calendar, shown as cancelled, so the person's calendar app says so instead of the
 * event silently disappearing. A waitlisted person never had it in their calendar.
 */
export const SHOWN_CANCELLED_FROM: readonly RegistrationStatus[] = ['registered', 'offered'];

/** How a registration ended, when the event's cancellation ended it: the status it had before. */
export interface RegistrationInCalendar {
  status: RegistrationStatus;
  /** The status the event's cancellation moved it from, or null when the cancellation did not end it. */
  cancelledWithEventFrom: RegistrationStatus | null;
}

/** Whether a person's registration puts its event in their feed. */
export function putsInCalendar(registration: RegistrationInCalendar): boolean {
  if (CALENDAR_REGISTRATION_STATUSES.includes(registration.status)) return true;
  const from = registration.cancelledWithEventFrom;
  return registration.status === 'cancelled' && from !== null && SHOWN_CANCELLED_FROM.includes(from);
}

// ---------------------------------------------------------------------------------------------------------
// One event as a subscriber reads it
// ---------------------------------------------------------------------------------------------------------

/**
 * SEQUENCE: one per reschedule, and one more for the cancellation, so a calendar app that saw the last
 * version takes the cancelled one as newer (RFC 5545 3.8.7.4: raised on every significant revision).
 */
export function calendarSequence(reschedules: number, status: EventStatus): number {
  return reschedules + (status === 'cancelled' ? 1 : 0);
}

/** When anything a subscriber sees last changed: scheduling, the last reschedule, or the cancellation. */
export function lastChangedAt(createdAt: Date, rescheduledAt: readonly Date[], cancelledAt: Date | null): Date {
  const times = [createdAt, ...rescheduledAt, ...(cancelledAt ? [cancelledAt] : [])].map((d) => d.getTime());
  return new Date(Math.max(...times));
}

const KIND_NAMES: Readonly<Record<EventKind, string>> = {
  workshop: 'Workshop',
  series_session: 'Series session',
  town_hall: 'Town hall',
  convening: 'Convening',
  school_visit: 'School visit',
};

const AUDIENCE_NAMES: Readonly<Record<EventAudience, string>> = {
  teachers: 'teachers',
  school_leaders: 'school leaders',
  instructional_teams: 'instructional teams',
  mixed: 'educators',
};

/** What the event is, for whom, and, once cancelled, why: the DESCRIPTION. */
export function eventDescription(event: {
  kind: EventKind;
  audience: EventAudience;
  format: EventFormat;
  status: EventStatus;
  cancelReason: string | null;
}): string {
  const what = `${KIND_NAMES[event.kind]} for ${AUDIENCE_NAMES[event.audience]}${event.format === 'virtual' ? ' (virtual)' : ''}.`;
  return event.status === 'cancelled' ? `Cancelled: ${event.cancelReason ?? 'no reason given'}\n\n${what}` : what;
}

/** The event and the facts around it a feed needs. */
export interface FeedEvent {
  id: string;
  title: string;
  kind: EventKind;
  audience: EventAudience;
  format: EventFormat;
  status: EventStatus;
  /** Reschedules so far. */
  sequence: number;
  cancelReason: string | null;
  venue: string | null;
  /** The host school's name, from the local copy of the directory. */
  hostSchoolName: string | null;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  createdAt: Date;
  cancelledAt: Date | null;
  rescheduledAt: readonly Date[];
  topics: readonly string[];
}

export function calendarEvent(event: FeedEvent): CalendarEvent {
  return {
    eventId: event.id,
    title: event.title,
    description: eventDescription(event),
    location: [event.venue, event.hostSchoolName].filter((part): part is string => !!part?.trim()).join(', ') || null,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    timeZone: event.timeZone,
    status: event.status,
    sequence: calendarSequence(event.sequence, event.status),
    lastModifiedAt: lastChangedAt(event.createdAt, event.rescheduledAt, event.cancelledAt),
    topics: event.topics,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Subscriptions: a secret URL per feed, for calendar apps that cannot send a bearer token
// ---------------------------------------------------------------------------------------------------------

export type FeedKind = 'city' | 'person';

export interface SubscriptionTarget {
  cityId?: string;
  personId?: string;
}

/** A subscription serves one feed: a city's or a person's, never both, never none. */
export function subscriptionTargetProblems(target: SubscriptionTarget): FieldProblem[] {
  if (target.cityId !== undefined && target.personId !== undefined) {
    return ['cityId', 'personId'].map((field) => problem(field, 'one_feed_only', 'Give either cityId or personId, not both'));
  }
  if (target.cityId === undefined && target.personId === undefined) {
    return ['cityId', 'personId'].map((field) => problem(field, 'feed_required', 'Give the cityId or the personId whose feed to subscribe to'));
  }
  return [];
}

/** 32 random bytes in base64url: what a subscription URL carries. */
export const SECRET_BYTES = 32;
const SECRET_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** Whether the text could be a secret this service issued; anything else is answered without a lookup. */
export function isWellFormedSecret(secret: string): boolean {
  return SECRET_FORMAT.test(secret);
}

/**
 * What is stored instead of the secret (SHA-256, hex). The secret is 256 random bits, so a fast hash is
 * enough: there is nothing to guess from a leaked table, unlike a password.
 */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * The cities a new subscription may show, from its feed and the cities its creator sees (`undefined`: every
 * city): a city feed shows its city; a person feed shows the creator's cities, or every city (null) when the
 * creator sees every city. A secret URL never shows more than its creator could read with their token.
 */
export function subscriptionScope(target: SubscriptionTarget, creatorCities: readonly string[] | undefined): string[] | null {
  if (target.cityId !== undefined) return [target.cityId];
  return creatorCities === undefined ? null : [...new Set(creatorCities)].sort();
}

/**
 * Whether a caller who sees `callerCities` (`undefined`: every city) may see and revoke a subscription of
 * this scope: every city it shows is one of theirs.
 */
export function coversScope(callerCities: readonly string[] | undefined, scope: readonly string[] | null): boolean {
  if (callerCities === undefined) return true;
  return scope !== null && scope.length > 0 && scope.every((city) => callerCities.includes(city));
}
