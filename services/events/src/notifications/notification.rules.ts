// What people are told, and when a send is tried again: plain functions over plain data, no Nest, no
// TypeORM. The handler turns an event into a `NotificationFact`, `renderMessage` turns it into the email
// (plain text, times in the event's own time zone), and the delivery job asks `retriesAfter` what a failure means.
import type { EventFormat } from '@crosswalk/contracts';

/** What a notification tells the person. */
export const NOTIFICATION_KINDS = [
  'registration_confirmed',
  'registration_waitlisted',
  'seat_offered',
  'offer_accepted',
  'offer_declined',
  'offer_expired',
  'registration_cancelled',
  'event_cancelled',
  'event_rescheduled',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * `pending`: due to be sent; `sending`: a delivery run holds it; `sent`: the mail server took it; `failed`: the
 * last send failed (tried again at `nextAttemptAt`, or given up when that is null); `skipped`: never sent, with
 * the reason.
 */
export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** Why a notification is not sent: the directory has no address for the person, or the event is already over. */
export const SKIP_REASONS = ['no_email_address', 'event_over'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** The event as a message describes it. */
export interface EventDetails {
  title: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  format: EventFormat;
  /** The venue, else the host school's name; null when neither is known. */
  place: string | null;
}

/** What happened, with what each kind needs beyond the person and the event. */
export type NotificationFact =
  | { kind: 'registration_confirmed' }
  | { kind: 'registration_waitlisted' }
  | { kind: 'seat_offered'; expiresAt: Date; acceptUrl: string; declineUrl: string }
  | { kind: 'offer_accepted' }
  | { kind: 'offer_declined' }
  | { kind: 'offer_expired' }
  | { kind: 'registration_cancelled' }
  | { kind: 'event_cancelled'; reason: string | null }
  | { kind: 'event_rescheduled'; previousStartsAt: Date; previousEndsAt: Date; previousTimeZone: string; reason: string | null };

export interface Message {
  subject: string;
  body: string;
}

/** ICU puts narrow no-break spaces in times ("9:00 AM"); plain spaces read the same and search as expected. */
const plain = (text: string): string => text.replace(/[\u202f\u00a0]/g, ' ');

function zoneName(at: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** `Saturday, March 14, 2026, 9:00 AM (MDT)`: an instant as the people of the event's time zone read it. */
export function formatInstant(at: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(at);
  const time = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(at);
  return plain(`${day}, ${time} (${zoneName(at, timeZone)})`);
}

/** `Saturday, March 14, 2026, 9:00 AM to 12:00 PM (MDT)`, or both instants in full when the event spans days. */
export function formatTimes(startsAt: Date, endsAt: Date, timeZone: string): string {
  const dayOf = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
  if (dayOf.format(startsAt) !== dayOf.format(endsAt)) return `${formatInstant(startsAt, timeZone)} to ${formatInstant(endsAt, timeZone)}`;
  const time = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' });
  return plain(`${dayOf.format(startsAt)}, ${time.format(startsAt)} to ${time.format(endsAt)} (${zoneName(startsAt, timeZone)})`);
}

function where(event: EventDetails): string {
  if (event.format === 'virtual') return 'Online';
  return event.place ?? 'To be announced';
}

function summary(event: EventDetails): string {
  return [`  ${event.title}`, `  When:  ${formatTimes(event.startsAt, event.endsAt, event.timeZone)}`, `  Where: ${where(event)}`].join('\n');
}

const withReason = (reason: string | null): string[] => (reason ? ['', `Reason given: ${reason}`] : []);

/** The email for a fact: a subject naming the event, a plain-text body that stands on its own. */
export function renderMessage(fact: NotificationFact, personName: string | null, event: EventDetails): Message {
  const greeting = personName ? `Hello ${personName},` : 'Hello,';
  const lines = (subject: string, ...paragraphs: string[][]): Message => ({
    subject: `${subject}: ${event.title}`,
    body: [greeting, '', ...paragraphs.flatMap((p, i) => (i === 0 ? p : ['', ...p])), ''].join('\n'),
  });
  switch (fact.kind) {
    case 'registration_confirmed':
      return lines(
        'You are registered',
        ['You have a seat at:', '', summary(event)],
        ['If you cannot come after all, please tell the organizers so that someone on the waitlist can have your seat.'],
      );
    case 'registration_waitlisted':
      return lines(
        'You are on the waitlist',
        ['The event is full for now, and you are on its waitlist:', '', summary(event)],
        ['When a seat frees and you are first in line, we will email you an offer to accept or decline.'],
      );
    case 'seat_offered':
      return lines(
        'A seat is yours if you want it',
        ['A seat freed and it is offered to you:', '', summary(event)],
        [`The offer holds until ${formatInstant(fact.expiresAt, event.timeZone)}. After that it passes to the next person in line.`],
        ['Accept the seat:', `  ${fact.acceptUrl}`, '', 'Decline it:', `  ${fact.declineUrl}`],
        ['Each link works once, for this offer only, until the offer ends.'],
      );
    case 'offer_accepted':
      return lines('Your seat is confirmed', ['You accepted the seat offered to you. See you at:', '', summary(event)]);
    case 'offer_declined':
      return lines('You declined the seat', ['You declined the seat offered to you at:', '', summary(event)], ['It has passed to the next person in line.']);
    case 'offer_expired':
      return lines(
        'Your offer has expired',
        ['The seat offered to you was not accepted in time, and it has passed to the next person in line:', '', summary(event)],
        ['You may register again while registration is open.'],
      );
    case 'registration_cancelled':
      return lines('Your registration is cancelled', ['Your registration for this event is cancelled:', '', summary(event)]);
    case 'event_cancelled':
      return lines('Event cancelled', ['We are sorry: this event is cancelled, and your registration with it.', '', summary(event)], withReason(fact.reason));
    case 'event_rescheduled':
      return lines(
        'Event moved',
        ['This event has moved to a new time, and your registration moves with it:', '', summary(event)],
        [`It was planned for ${formatTimes(fact.previousStartsAt, fact.previousEndsAt, fact.previousTimeZone)}.`, ...withReason(fact.reason)],
      );
  }
}

/** Why a notification is not to be sent at all, or null when it is. */
export function skipReason(toAddress: string | null, eventEndsAt: Date, occurredAt: Date): SkipReason | null {
  if (!toAddress) return 'no_email_address';
  // Backfilled history and closing a session tell nobody anything they could still act on.
  if (eventEndsAt.getTime() <= occurredAt.getTime()) return 'event_over';
  return null;
}

/** Sends tried before a notification is given up (with the backoff below, about two hours of trying). */
export const MAX_SEND_ATTEMPTS = 8;

/** How long a delivery run holds a notification while it sends: after that another run may take it (a crash). */
export const SEND_LEASE_MS = 5 * 60_000;

/** A send that did not go through: the error, and whether the mail server refused the message for good. */
export interface SendFailure {
  message: string;
  /** An SMTP 5xx reply (no such mailbox, message refused): the same message would be refused again. */
  permanent: boolean;
}

/** Whether a notification that failed on its `attempts`-th send is tried again. */
export function retriesAfter(attempts: number, failure: SendFailure): boolean {
  return !failure.permanent && attempts < MAX_SEND_ATTEMPTS;
}
