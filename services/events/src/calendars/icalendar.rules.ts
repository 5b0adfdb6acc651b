// The iCalendar (RFC 5545) feed of events, written by hand because its rules are few but strict: CRLF line
// ends, lines folded at 75 octets, escaped text, a stable UID per event so a subscriber's calendar updates the
// entry in place, SEQUENCE raised on every reschedule, and a VTIMEZONE for every TZID it uses.
//
// No METHOD property: a subscribed feed is a calendar, not a scheduling message (RFC 5546). Without METHOD,
// DTSTAMP is when the event's data last changed (RFC 5545 3.8.7.2), which keeps the feed byte-for-byte the
// same until something changes, and the Content-Type needs no `method` parameter (RFC 5545 3.7.2).
import type { EventStatus } from '@crosswalk/contracts';
import { isUtcZone, utcOffsetMinutes, wallClock } from '../events/event-schedule.rules';

export const CRLF = '\r\n';
/** RFC 5545 3.1: content lines SHOULD NOT be longer than 75 octets, line break excluded. */
export const MAX_LINE_OCTETS = 75;
export const PRODUCT_ID = '-//Crosswalk//Events//EN';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far back to look for the daylight-saving change in force at the earliest time in the feed. */
const LOOKBACK_DAYS = 400;

export interface CalendarEvent {
  eventId: string;
  title: string;
  description: string | null;
  /** The venue or the host school's name and address. */
  location: string | null;
  startsAt: Date;
  endsAt: Date;
  /** IANA zone the times are shown in. */
  timeZone: string;
  status: EventStatus;
  /** Reschedules so far: SEQUENCE. */
  sequence: number;
  /** When the event's calendar data last changed: DTSTAMP and LAST-MODIFIED, so the same data always gives the same feed. */
  lastModifiedAt: Date;
  topics: readonly string[];
}

export interface CalendarOptions {
  /** Right-hand side of every UID, e.g. `events.crosswalk.example`. */
  uidDomain: string;
  /** Shown by clients as the subscribed calendar's name. */
  name?: string | null;
  /** `zoned`: local times with TZID (and VTIMEZONEs); `utc`: every time in UTC. Events in UTC are always written in UTC. */
  times?: 'zoned' | 'utc';
  /** How often subscribers should fetch the feed again, e.g. `PT1H` (RFC 7986 REFRESH-INTERVAL, and Outlook's X-PUBLISHED-TTL). */
  refreshInterval?: string | null;
}

// ---------------------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------------------

// RFC 5545 3.3.11: TEXT allows no control characters but HTAB; newlines are escaped before this runs.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** A TEXT value: backslash, semicolon and comma escaped, any newline as `\n`, other control characters dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(CONTROL, '');
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds a content line so no physical line exceeds 75 octets (the leading space of a continuation counts),
 * breaking only between characters so no UTF-8 sequence is split.
 */
export function foldLine(line: string): string {
  const physical: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    if (octets + size > limit) {
      physical.push(current);
      current = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  physical.push(current);
  return physical.join(`${CRLF} `);
}

function paramValue(value: string): string {
  if (value.includes('"')) throw new Error(`An iCalendar parameter value cannot hold a double quote: ${value}`);
  return /[:;,]/.test(value) ? `"${value}"` : value;
}

// ---------------------------------------------------------------------------------------------------------
// Times
// ---------------------------------------------------------------------------------------------------------

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A UTC DATE-TIME, e.g. `20260314T160000Z` (seconds precision: iCalendar has no fractions). */
export function formatUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** The local DATE-TIME in `timeZone`, e.g. `20260314T100000`, to write with `TZID=`. */
export function formatLocal(instant: Date, timeZone: string): string {
  const c = wallClock(instant, timeZone);
  return `${pad(c.year, 4)}${pad(c.month)}${pad(c.day)}T${pad(c.hour)}${pad(c.minute)}${pad(c.second)}`;
}

/** A UTC offset as iCalendar writes it, e.g. `-0700`, `+0530`; zero is `+0000` (`-0000` is not allowed). */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

// ---------------------------------------------------------------------------------------------------------
// VTIMEZONE: the observances (standard or daylight time) in force at the times the feed uses
// ---------------------------------------------------------------------------------------------------------

export interface Observance {
  kind: 'STANDARD' | 'DAYLIGHT';
  /** Local onset in the offset before it, as RFC 5545 wants it; `19700101T000000` for a zone that never changes. */
  onset: string;
  offsetFrom: number;
  offsetTo: number;
}

const offsetAt = (ms: number, timeZone: string) => utcOffsetMinutes(new Date(ms), timeZone);

/** The first minute in (lo, hi] with hi's offset, when lo and hi differ: changes happen on the minute. */
function changeBetween(lo: number, hi: number, timeZone: string): number {
  const before = offsetAt(lo, timeZone);
  let a = Math.floor(lo / MINUTE);
  let b = Math.ceil(hi / MINUTE);
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (offsetAt(mid * MINUTE, timeZone) === before) a = mid;
    else b = mid;
  }
  return b * MINUTE;
}

function lastChangeAtOrBefore(at: number, timeZone: string): number | null {
  const offset = offsetAt(at, timeZone);
  let hi = at;
  for (let day = 0; day < LOOKBACK_DAYS; day++) {
    const lo = hi - DAY;
    if (offsetAt(lo, timeZone) !== offset) return changeBetween(lo, hi, timeZone);
    hi = lo;
  }
  return null;
}

function changesIn(from: number, to: number, timeZone: string): number[] {
  const changes: number[] = [];
  let t = from;
  let offset = offsetAt(t, timeZone);
  while (t < to) {
    const next = Math.min(t + DAY, to);
    const nextOffset = offsetAt(next, timeZone);
    if (nextOffset !== offset) changes.push(changeBetween(t, next, timeZone));
    offset = nextOffset;
    t = next;
  }
  return changes;
}

function observanceAt(change: number, timeZone: string): Observance {
  const offsetFrom = offsetAt(change - MINUTE, timeZone);
  const offsetTo = offsetAt(change, timeZone);
  const year = new Date(change).getUTCFullYear();
  // Intl does not say which offset is daylight time; the smaller of January's and July's is standard time.
  const standard = Math.min(offsetAt(Date.UTC(year, 0, 1), timeZone), offsetAt(Date.UTC(year, 6, 1), timeZone));
  return { kind: offsetTo > standard ? 'DAYLIGHT' : 'STANDARD', onset: formatUtc(new Date(change + offsetFrom * MINUTE)).slice(0, -1), offsetFrom, offsetTo };
}

/**
 * The observances a VTIMEZONE for `timeZone` needs so every one of `instants` falls under one: the change in
 * force at the earliest, then every change up to the latest.
 */
export function observances(timeZone: string, instants: readonly Date[]): Observance[] {
  if (instants.length === 0) return [];
  const times = instants.map((d) => d.getTime());
  const first = Math.min(...times);
  const last = Math.max(...times);
  const initial = lastChangeAtOrBefore(first, timeZone);
  const fixed = offsetAt(first, timeZone);
  const result =
    initial === null ? [{ kind: 'STANDARD' as const, onset: '19700101T000000', offsetFrom: fixed, offsetTo: fixed }] : [observanceAt(initial, timeZone)];
  for (const change of changesIn(first, last, timeZone)) result.push(observanceAt(change, timeZone));
  return result;
}

function vtimezoneLines(timeZone: string, instants: readonly Date[]): string[] {
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    ...observances(timeZone, instants).flatMap((o) => [
      `BEGIN:${o.kind}`,
      `DTSTART:${o.onset}`,
      `TZOFFSETFROM:${formatOffset(o.offsetFrom)}`,
      `TZOFFSETTO:${formatOffset(o.offsetTo)}`,
      `END:${o.kind}`,
    ]),
    'END:VTIMEZONE',
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Events and the calendar
// ---------------------------------------------------------------------------------------------------------

/** The same for an event for ever, whatever happens to it, so clients update their entry instead of adding one. */
export function eventUid(eventId: string, uidDomain: string): string {
  return `${eventId}@${uidDomain}`;
}

const zonedIn = (event: CalendarEvent, options: CalendarOptions) => (options.times ?? 'zoned') === 'zoned' && !isUtcZone(event.timeZone);

function dateTime(name: string, instant: Date, event: CalendarEvent, options: CalendarOptions): string {
  return zonedIn(event, options) ? `${name};TZID=${paramValue(event.timeZone)}:${formatLocal(instant, event.timeZone)}` : `${name}:${formatUtc(instant)}`;
}

/** The VEVENT's content lines, unfolded. */
export function veventLines(event: CalendarEvent, options: CalendarOptions): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(eventUid(event.eventId, options.uidDomain))}`,
    `DTSTAMP:${formatUtc(event.lastModifiedAt)}`,
    `LAST-MODIFIED:${formatUtc(event.lastModifiedAt)}`,
    `SEQUENCE:${event.sequence}`,
    `STATUS:${event.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    `SUMMARY:${escapeText(event.title)}`,
    dateTime('DTSTART', event.startsAt, event, options),
    dateTime('DTEND', event.endsAt, event, options),
  ];
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.topics.length) lines.push(`CATEGORIES:${event.topics.map(escapeText).join(',')}`);
  lines.push('END:VEVENT');
  return lines;
}

const byStartThenId = (a: CalendarEvent, b: CalendarEvent) =>
  a.startsAt.getTime() - b.startsAt.getTime() || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

/** The calendar's content lines, unfolded: header, one VTIMEZONE per zone used, the events by start time. */
export function calendarLines(events: readonly CalendarEvent[], options: CalendarOptions): string[] {
  const sorted = [...events].sort(byStartThenId);
  const instantsByZone = new Map<string, Date[]>();
  for (const event of sorted.filter((e) => zonedIn(e, options))) {
    instantsByZone.set(event.timeZone, [...(instantsByZone.get(event.timeZone) ?? []), event.startsAt, event.endsAt]);
  }
  const zones = [...instantsByZone.keys()].sort();
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    ...(options.name ? [`X-WR-CALNAME:${escapeText(options.name)}`] : []),
    ...(options.refreshInterval ? [`REFRESH-INTERVAL;VALUE=DURATION:${options.refreshInterval}`, `X-PUBLISHED-TTL:${options.refreshInterval}`] : []),
    ...zones.flatMap((zone) => vtimezoneLines(zone, instantsByZone.get(zone) ?? [])),
    ...sorted.flatMap((event) => veventLines(event, options)),
    'END:VCALENDAR',
  ];
}

/** The `text/calendar` body: every content line folded and ended with CRLF. */
export function icalendar(events: readonly CalendarEvent[], options: CalendarOptions): string {
  return calendarLines(events, options)
    .map((line) => `${foldLine(line)}${CRLF}`)
    .join('');
}
