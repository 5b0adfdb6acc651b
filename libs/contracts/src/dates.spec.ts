import { validateSync } from 'class-validator';
import { IsCalendarDate, addDays, calendarDateAt, calendarDateToday, dayBefore, isAcceptedCalendarDate, isCalendarDate, isIanaTimeZone } from './dates';
import { IsUtcInstant } from './events/common';

describe('addDays', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-04-30', 1, '2026-05-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-03-01', 90, '2026-05-30'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2026-07-15', 0, '2026-07-15'],
  ])('%s + %i -> %s', (date, days, expected) => expect(addDays(date, days)).toBe(expected));

  it.each([
    ['2026-03-01', -1, '2026-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2027-01-03', -90, '2026-10-05'],
    ['2025-01-01', -366, '2024-01-01'],
  ])('%s %i -> %s (negative spans go back)', (date, days, expected) => expect(addDays(date, days)).toBe(expected));

  it('is undone by the opposite span', () => {
    for (const days of [1, 29, 365, 1461]) expect(addDays(addDays('2024-02-29', days), -days)).toBe('2024-02-29');
  });

  it('refuses a date that does not exist and a fraction of a day', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
    expect(() => addDays('1 March 2026', 1)).toThrow(RangeError);
    expect(() => addDays('2026-03-01', 0.5)).toThrow(RangeError);
  });
});

describe('dayBefore', () => {
  it.each([
    ['2024-03-01', '2024-02-29'],
    ['2023-03-01', '2023-02-28'],
    ['2024-01-01', '2023-12-31'],
    ['2024-07-15', '2024-07-14'],
  ])('%s -> %s', (day, expected) => expect(dayBefore(day)).toBe(expected));
});

describe('isCalendarDate', () => {
  it('accepts dates that exist, leap days of leap years included', () => {
    for (const date of ['2026-01-01', '2028-02-29', '2000-02-29', '2026-12-31']) expect(isCalendarDate(date)).toBe(true);
  });

  it('refuses impossible days and other shapes', () => {
    for (const date of ['2026-02-29', '1900-02-29', '2026-04-31', '2026-00-10', '2026-1-1', '2026-01-01T00:00:00Z', ''])
      expect(isCalendarDate(date)).toBe(false);
  });
});

describe('calendarDateAt', () => {
  it('takes the UTC calendar date by default', () => {
    expect(calendarDateAt(new Date('2026-12-01T23:59:59-05:00'))).toBe('2026-12-02');
    expect(calendarDateAt(new Date('2026-03-01T00:00:00Z'))).toBe('2026-03-01');
  });

  it('takes the calendar date of the instant in the given time zone', () => {
    expect(calendarDateAt(new Date('2026-03-01T03:00:00Z'), 'America/Denver')).toBe('2026-02-28');
    expect(calendarDateAt(new Date('2026-03-01T07:00:00Z'), 'America/Denver')).toBe('2026-03-01');
    expect(calendarDateAt(new Date('2026-12-31T23:30:00Z'), 'Asia/Tokyo')).toBe('2027-01-01');
    // After Denver's daylight-saving change of 2026-03-08 it is UTC-6: the 9th begins at 06:00Z, not 07:00Z.
    expect(calendarDateAt(new Date('2026-03-09T05:59:00Z'), 'America/Denver')).toBe('2026-03-08');
    expect(calendarDateAt(new Date('2026-03-09T06:00:00Z'), 'America/Denver')).toBe('2026-03-09');
  });

  it('refuses a time zone that does not exist', () => {
    expect(() => calendarDateAt(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('calendarDateToday', () => {
  it('is the calendar date of now, in UTC unless a time zone is given', () => {
    const before = new Date();
    const day = calendarDateToday();
    const after = new Date();
    expect([calendarDateAt(before), calendarDateAt(after)]).toContain(day);
    expect(isCalendarDate(calendarDateToday('Pacific/Kiritimati'))).toBe(true);
  });
});

describe('isIanaTimeZone', () => {
  it.each(['America/Denver', 'America/Indiana/Indianapolis', 'Pacific/Honolulu', 'UTC', 'US/Mountain'])('accepts %s', (zone) =>
    expect(isIanaTimeZone(zone)).toBe(true),
  );

  it.each([
    ['a zone nobody has', 'Mars/Olympus_Mons'],
    ['a UTC offset, which cannot follow daylight saving time', '+05:00'],
    ['another letter case, which calendar clients do not forgive', 'america/denver'],
    ['an empty name', ''],
    ['a number', -7],
    ['null', null],
  ])('refuses %s', (_, zone) => expect(isIanaTimeZone(zone)).toBe(false));
});

describe('IsCalendarDate: the one validator for dates entering the system', () => {
  class Dated {
    @IsCalendarDate() on!: unknown;
  }
  class Timed {
    @IsUtcInstant() at!: unknown;
  }
  const refusal = (on: unknown) => validateSync(Object.assign(new Dated(), { on })).flatMap((e) => Object.values(e.constraints ?? {}));

  it.each(['2026-02-28', '2028-02-29', '2000-02-29', '1900-01-01', '2199-12-31', '2026-12-31'])('accepts %s', (value) => {
    expect(isAcceptedCalendarDate(value)).toBe(true);
    expect(refusal(value)).toEqual([]);
  });

  const NOT_A_DAY = 'on must be a day that exists, from 1900-01-01 to 2199-12-31';
  const MALFORMED = 'on must be a calendar date YYYY-MM-DD';
  it.each([
    ['2026-02-30', 'a day that does not exist', NOT_A_DAY],
    ['2027-02-29', 'February 29 of a common year', NOT_A_DAY],
    ['1900-02-29', 'February 29 of a century year that is not a leap year', NOT_A_DAY],
    ['2026-04-31', 'the 31st of a 30-day month', NOT_A_DAY],
    ['0000-01-01', 'year 0000', NOT_A_DAY],
    ['1899-12-31', 'before 1900', NOT_A_DAY],
    ['2200-01-01', 'after 2199', NOT_A_DAY],
    ['9999-12-31', 'year 9999', NOT_A_DAY],
    ['2026-2-3', 'no leading zeros', MALFORMED],
    ['2026-02-03T00:00:00Z', 'an instant', MALFORMED],
    [20260203, 'a number', MALFORMED],
    [null, 'null', MALFORMED],
  ])('refuses %s (%s) with one message', (value: unknown, _reason: string, message: string) => {
    expect(isAcceptedCalendarDate(value)).toBe(false);
    expect(refusal(value)).toEqual([message]);
  });

  it('refuses instants on days that do not exist or out of range', () => {
    const errors = (at: unknown) => validateSync(Object.assign(new Timed(), { at })).length;
    expect(errors('2026-02-28T10:00:00.000Z')).toBe(0);
    expect(errors('2026-02-30T10:00:00.000Z')).toBe(1);
    expect(errors('0000-01-01T00:00:00Z')).toBe(1);
    expect(errors('2026-02-28T24:00:00Z')).toBe(1);
  });
});
