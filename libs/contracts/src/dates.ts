import { Matches, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A business date (`YYYY-MM-DD`, no time zone). Tenures, transitions, closures and signings happen on
 * days, not instants, so contracts carry them as calendar dates that sort as strings.
 */
export const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * The days Crosswalk accepts from outside (bodies, queries, CSV imports, consumed events). Nothing it records
 * happened before 1900 or is planned after 2199; year 0000 or 9999 is a typo, and would sort and compute as
 * if it were real.
 */
export const EARLIEST_ACCEPTED_DATE = '1900-01-01';
export const LATEST_ACCEPTED_DATE = '2199-12-31';

/** A `YYYY-MM-DD` day that exists (no 2026-02-30) within EARLIEST_ACCEPTED_DATE..LATEST_ACCEPTED_DATE. */
export function isAcceptedCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && isCalendarDate(value) && value >= EARLIEST_ACCEPTED_DATE && value <= LATEST_ACCEPTED_DATE;
}

/**
 * The one validator for a date entering the system: the `YYYY-MM-DD` pattern (which the contracts' JSON
 * schemas publish), then `isAcceptedCalendarDate` for a well-formed value. One message per bad value.
 */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, property) => {
    Matches(CALENDAR_DATE, { message: '$property must be a calendar date YYYY-MM-DD', ...options })(target, property);
    ValidateBy(
      {
        name: 'isAcceptedCalendarDate',
        validator: {
          // A malformed value is the pattern's to report.
          validate: (value) => typeof value !== 'string' || !CALENDAR_DATE.test(value) || isAcceptedCalendarDate(value),
          defaultMessage: () => `$property must be a day that exists, from ${EARLIEST_ACCEPTED_DATE} to ${LATEST_ACCEPTED_DATE}`,
        },
      },
      options,
    )(target, property);
  };
}

// Day arithmetic on calendar dates, the one implementation every service, rule and tool uses. It runs on UTC
// midnights, where every day has 24 hours, so no daylight-saving change can move a date.

/** Whether `value` is a `YYYY-MM-DD` date that exists (`2026-02-30` does not). */
export function isCalendarDate(value: string): boolean {
  return CALENDAR_DATE.test(value) && utcMidnight(value).toISOString().slice(0, 10) === value;
}

/** The calendar date `days` after `date`, or before it when `days` is negative. */
export function addDays(date: string, days: number): string {
  if (!isCalendarDate(date)) throw new RangeError(`Not a calendar date YYYY-MM-DD: ${date}`);
  if (!Number.isInteger(days)) throw new RangeError(`Whole days only: ${days}`);
  const at = utcMidnight(date);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The calendar date before `date`: the last day of a tenure that ends when the next one starts on `date`. */
export function dayBefore(date: string): string {
  return addDays(date, -1);
}

/**
 * The calendar date on which `instant` falls in `timeZone` (an IANA name such as `America/Denver`; UTC by
 * default, the network's business day): 2026-03-01T03:00Z is still 2026-02-28 in Denver.
 */
export function calendarDateAt(instant: Date, timeZone = 'UTC'): string {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** Today's calendar date in `timeZone` (UTC by default). */
export function calendarDateToday(timeZone = 'UTC'): string {
  return calendarDateAt(new Date(), timeZone);
}

// An offset ("+05:00"), which newer engines accept as a zone, cannot follow daylight saving time.
const UTC_OFFSET = /^[+-]\d/;

/**
 * Whether `value` names an IANA time zone the runtime's time zone data knows, written as that data writes it
 * (`America/Denver`, `UTC`): not a UTC offset, and not in another letter case, which the engine forgives and
 * calendar clients do not.
 */
export function isIanaTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || UTC_OFFSET.test(value)) return false;
  try {
    // A formatter of its own, not the cache below: the cache must not grow with whatever a caller sends.
    const known = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
    return known === value || known.toLowerCase() !== value.toLowerCase();
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/** An IANA time zone name, as `isIanaTimeZone` accepts it. */
export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: { validate: (value) => isIanaTimeZone(value), defaultMessage: () => '$property must be an IANA time zone, e.g. America/Denver' },
    },
    options,
  );
}

function utcMidnight(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

// Building a formatter costs far more than using one, and a process meets few time zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
