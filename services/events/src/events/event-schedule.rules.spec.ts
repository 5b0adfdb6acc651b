import {
  type EventSchedule,
  type EventState,
  type EventTimes,
  cancelReasonProblem,
  cancelRefusal,
  closeRefusal,
  isFlaggedBy,
  isUtcZone,
  isValidTimeZone,
  localDate,
  nextSequence,
  registrationRefusal,
  registrationWindowRefusal,
  rescheduleProblems,
  rescheduleRefusal,
  scheduleProblems,
  timeZoneProblem,
  timesProblems,
  utcOffsetMinutes,
  wallClock,
} from './event-schedule.rules';

const at = (iso: string) => new Date(iso);
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);
const codes = (problems: { code: string }[]) => problems.map((p) => p.code).sort();

const now = at('2026-03-01T12:00:00Z');
const times: EventTimes = {
  startsAt: at('2026-03-14T16:00:00Z'),
  endsAt: at('2026-03-14T19:00:00Z'),
  timeZone: 'America/Denver',
  registrationOpensAt: null,
  registrationClosesAt: null,
};
const schedule: EventSchedule = {
  ...times,
  kind: 'workshop',
  seriesId: null,
  format: 'in_person',
  hostSchoolId: 'sch_1',
  venue: null,
  capacity: 30,
  creditHours: 3,
  offerHours: 48,
};
const fresh = { now, seatsTaken: 0 };

describe('time zones', () => {
  it.each(['America/Denver', 'America/Indiana/Indianapolis', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC', 'Etc/UTC'])('knows %s', (tz) => {
    expect(isValidTimeZone(tz)).toBe(true);
    expect(timeZoneProblem(tz)).toBeNull();
  });

  it.each(['Mountain Time', 'America/Atlantis', '', '+05:00', '-07:00', 'GMT-7 '])('refuses %p', (tz) => {
    expect(isValidTimeZone(tz)).toBe(false);
    expect(timeZoneProblem(tz, 'zone')).toMatchObject({ field: 'zone', code: 'invalid_time_zone' });
  });

  it('asks for the canonical spelling when only the case differs (calendar clients match TZIDs exactly)', () => {
    expect(isValidTimeZone('america/denver')).toBe(true);
    expect(timeZoneProblem('america/denver')).toMatchObject({ code: 'time_zone_case', message: 'Write the time zone as America/Denver' });
  });

  it('tells UTC apart from zones that are merely at offset 0 in winter', () => {
    expect(isUtcZone('UTC')).toBe(true);
    expect(isUtcZone('Etc/UTC')).toBe(true);
    expect(isUtcZone('Europe/London')).toBe(false);
  });
});

describe('wall clocks', () => {
  it('puts an evening event in Denver on the Denver day, not the UTC day', () => {
    expect(localDate(at('2026-03-15T05:30:00Z'), 'America/Denver')).toBe('2026-03-14');
    expect(localDate(at('2026-03-15T05:30:00Z'), 'UTC')).toBe('2026-03-15');
  });

  it('changes day exactly at local midnight, half-hour zones included', () => {
    expect(localDate(at('2026-03-14T18:29:59Z'), 'Asia/Kolkata')).toBe('2026-03-14');
    expect(localDate(at('2026-03-14T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-03-15');
  });

  it('reads midnight as hour 0, not 24', () => {
    expect(wallClock(at('2026-03-15T06:00:00Z'), 'America/Denver')).toEqual({ year: 2026, month: 3, day: 15, hour: 0, minute: 0, second: 0 });
  });

  it('follows daylight saving time to the second it starts', () => {
    expect(utcOffsetMinutes(at('2026-01-15T12:00:00Z'), 'America/Denver')).toBe(-420);
    expect(utcOffsetMinutes(at('2026-07-15T12:00:00Z'), 'America/Denver')).toBe(-360);
    // 2026-03-08 02:00 MST is 09:00Z: the clock jumps to 03:00 MDT.
    expect(utcOffsetMinutes(at('2026-03-08T08:59:59Z'), 'America/Denver')).toBe(-420);
    expect(utcOffsetMinutes(at('2026-03-08T09:00:00Z'), 'America/Denver')).toBe(-360);
    expect(utcOffsetMinutes(at('2026-03-08T09:00:00Z'), 'Asia/Kolkata')).toBe(330);
    expect(utcOffsetMinutes(at('2026-03-08T09:00:00Z'), 'America/Phoenix')).toBe(-420);
  });
});

describe('timesProblems', () => {
  it('accepts an event that ends after it starts, in the future, with no registration window', () => {
    expect(timesProblems(times, now)).toEqual([]);
  });

  it('needs the end strictly after the start', () => {
    expect(codes(timesProblems({ ...times, endsAt: times.startsAt }, now))).toEqual(['ends_before_start']);
    expect(codes(timesProblems({ ...times, endsAt: ms(times.startsAt, -1) }, now))).toEqual(['ends_before_start']);
    expect(timesProblems({ ...times, endsAt: ms(times.startsAt, 1) }, now)).toEqual([]);
  });

  it('needs the start strictly after now', () => {
    expect(codes(timesProblems(times, times.startsAt))).toEqual(['starts_in_past']);
    expect(timesProblems(times, ms(times.startsAt, -1))).toEqual([]);
  });

  it('refuses invalid instants and an unknown time zone, naming the fields', () => {
    const problems = timesProblems({ ...times, startsAt: new Date('nope'), timeZone: 'Mountain Time' }, now);
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['timeZone', 'invalid_time_zone'],
      ['startsAt', 'invalid_instant'],
    ]);
  });

  describe('the registration window', () => {
    const opens = at('2026-03-02T00:00:00Z');

    it('opens before it closes', () => {
      expect(codes(timesProblems({ ...times, registrationOpensAt: opens, registrationClosesAt: opens }, now))).toEqual(['registration_closes_before_opens']);
      expect(timesProblems({ ...times, registrationOpensAt: opens, registrationClosesAt: ms(opens, 1) }, now)).toEqual([]);
    });

    it('opens before the event starts', () => {
      expect(codes(timesProblems({ ...times, registrationOpensAt: times.startsAt }, now))).toEqual(['registration_opens_after_start']);
      expect(timesProblems({ ...times, registrationOpensAt: ms(times.startsAt, -1) }, now)).toEqual([]);
    });

    it('closes at the start at the latest', () => {
      expect(timesProblems({ ...times, registrationClosesAt: times.startsAt }, now)).toEqual([]);
      expect(codes(timesProblems({ ...times, registrationClosesAt: ms(times.startsAt, 1) }, now))).toEqual(['registration_closes_after_start']);
    });
  });
});

describe('scheduleProblems', () => {
  it('accepts a good in-person workshop', () => {
    expect(scheduleProblems(schedule, fresh)).toEqual([]);
  });

  it('takes capacity 0 (everyone waits) or no limit, and refuses negative or fractional seats', () => {
    expect(scheduleProblems({ ...schedule, capacity: 0 }, fresh)).toEqual([]);
    expect(scheduleProblems({ ...schedule, capacity: null }, { now, seatsTaken: 500 })).toEqual([]);
    expect(codes(scheduleProblems({ ...schedule, capacity: -1 }, fresh))).toEqual(['invalid_capacity']);
    expect(codes(scheduleProblems({ ...schedule, capacity: 2.5 }, fresh))).toEqual(['invalid_capacity']);
  });

  it('never lowers capacity below the seats already taken', () => {
    expect(scheduleProblems({ ...schedule, capacity: 10 }, { now, seatsTaken: 10 })).toEqual([]);
    const [below] = scheduleProblems({ ...schedule, capacity: 9 }, { now, seatsTaken: 10 });
    expect(below).toEqual({ field: 'capacity', code: 'capacity_below_seats_taken', message: 'Capacity 9 is below the 10 seats already taken' });
  });

  it.each([0, 1.25, 100])('takes %p credit hours', (creditHours) => {
    expect(scheduleProblems({ ...schedule, creditHours }, fresh)).toEqual([]);
  });

  it.each([-0.5, 1.255, 100.01, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p credit hours', (creditHours) => {
    expect(codes(scheduleProblems({ ...schedule, creditHours }, fresh))).toEqual(['invalid_credit_hours']);
  });

  it('holds offers between 1 hour and a week, in whole hours', () => {
    expect(scheduleProblems({ ...schedule, offerHours: 1 }, fresh)).toEqual([]);
    expect(scheduleProblems({ ...schedule, offerHours: 720 }, fresh)).toEqual([]);
    for (const offerHours of [0, 721, 1.5]) expect(codes(scheduleProblems({ ...schedule, offerHours }, fresh))).toEqual(['invalid_offer_hours']);
  });

  it('ties series sessions and series together both ways', () => {
    expect(codes(scheduleProblems({ ...schedule, kind: 'series_session' }, fresh))).toEqual(['series_required']);
    expect(codes(scheduleProblems({ ...schedule, seriesId: 'ser_1' }, fresh))).toEqual(['series_session_kind_required']);
    expect(scheduleProblems({ ...schedule, kind: 'series_session', seriesId: 'ser_1' }, fresh)).toEqual([]);
  });

  it('needs a place for an in-person event and a host school for a school visit; a virtual event needs neither', () => {
    const nowhere = { ...schedule, hostSchoolId: null, venue: null };
    expect(codes(scheduleProblems(nowhere, fresh))).toEqual(['location_required']);
    expect(codes(scheduleProblems({ ...nowhere, venue: '   ' }, fresh))).toEqual(['location_required']);
    expect(scheduleProblems({ ...nowhere, venue: 'Central Library, room 2' }, fresh)).toEqual([]);
    expect(scheduleProblems({ ...nowhere, format: 'virtual' }, fresh)).toEqual([]);
    expect(codes(scheduleProblems({ ...nowhere, kind: 'school_visit', venue: 'Central Library' }, fresh))).toEqual(['host_school_required']);
  });

  it('reports every problem at once', () => {
    const problems = scheduleProblems({ ...schedule, endsAt: times.startsAt, capacity: -3, creditHours: -1, timeZone: 'Nowhere/Town' }, fresh);
    expect(problems.map((p) => p.field).sort()).toEqual(['capacity', 'creditHours', 'endsAt', 'timeZone']);
  });
});

describe('lifecycle', () => {
  const event: EventState = { status: 'scheduled', startsAt: times.startsAt, endsAt: times.endsAt };

  it('reschedules only a scheduled event, up to the instant it starts', () => {
    expect(rescheduleRefusal(event, ms(event.startsAt, -1))).toBeNull();
    expect(rescheduleRefusal(event, event.startsAt)?.code).toBe('event_started');
    expect(rescheduleRefusal({ ...event, status: 'cancelled' }, now)?.code).toBe('event_not_scheduled');
    expect(rescheduleRefusal({ ...event, status: 'completed' }, now)?.code).toBe('event_not_scheduled');
  });

  it('needs new times that differ from the current ones and are valid themselves', () => {
    expect(codes(rescheduleProblems(times, { ...times }, now))).toEqual(['unchanged']);
    expect(rescheduleProblems(times, { ...times, timeZone: 'America/Chicago' }, now)).toEqual([]);
    const later = { ...times, startsAt: at('2026-03-21T16:00:00Z'), endsAt: at('2026-03-21T15:00:00Z') };
    expect(codes(rescheduleProblems(times, later, now))).toEqual(['ends_before_start']);
  });

  it('raises the sequence by one per reschedule', () => {
    expect(nextSequence(0)).toBe(1);
    expect(nextSequence(2)).toBe(3);
  });

  it('cancels only a scheduled event, with a reason', () => {
    expect(cancelRefusal(event)).toBeNull();
    expect(cancelRefusal({ ...event, status: 'completed' })?.code).toBe('event_not_scheduled');
    expect(cancelRefusal({ ...event, status: 'cancelled' })?.code).toBe('event_not_scheduled');
    expect(cancelReasonProblem('facilitator ill')).toBeNull();
    for (const reason of [null, undefined, '', '  ']) expect(cancelReasonProblem(reason)?.code).toBe('reason_required');
  });

  it('closes a session from the instant it ends', () => {
    expect(closeRefusal(event, ms(event.endsAt, -1))?.code).toBe('event_not_ended');
    expect(closeRefusal(event, event.endsAt)).toBeNull();
    expect(closeRefusal({ ...event, status: 'completed' }, event.endsAt)?.code).toBe('event_not_scheduled');
  });

  describe('flags from the directory', () => {
    const hosted = { status: 'scheduled' as const, hostSchoolId: 'sch_1', startsOn: '2026-03-14' };

    it('flags scheduled events at the school on or after the effective day', () => {
      expect(isFlaggedBy(hosted, 'sch_1', '2026-03-14')).toBe(true);
      expect(isFlaggedBy(hosted, 'sch_1', '2026-03-01')).toBe(true);
    });

    it('leaves events before the effective day, at other schools, or no longer scheduled', () => {
      expect(isFlaggedBy(hosted, 'sch_1', '2026-03-15')).toBe(false);
      expect(isFlaggedBy(hosted, 'sch_2', '2026-03-01')).toBe(false);
      expect(isFlaggedBy({ ...hosted, hostSchoolId: null }, 'sch_1', '2026-03-01')).toBe(false);
      expect(isFlaggedBy({ ...hosted, status: 'cancelled' }, 'sch_1', '2026-03-01')).toBe(false);
    });
  });
});

describe('registrationWindowRefusal', () => {
  const opens = at('2026-03-02T00:00:00Z');
  const closes = at('2026-03-13T06:00:00Z');
  const event = { status: 'scheduled' as const, startsAt: times.startsAt, endsAt: times.endsAt, registrationOpensAt: opens, registrationClosesAt: closes };

  it('is open from the opening instant, inclusive', () => {
    expect(registrationWindowRefusal(event, ms(opens, -1))?.code).toBe('registration_not_open');
    expect(registrationWindowRefusal(event, opens)).toBeNull();
  });

  it('is closed from the closing instant on', () => {
    expect(registrationWindowRefusal(event, ms(closes, -1))).toBeNull();
    expect(registrationWindowRefusal(event, closes)).toEqual({ code: 'registration_closed', message: 'Registration closed at 2026-03-13T06:00:00.000Z' });
  });

  it('without a window, is open from scheduling until the event starts', () => {
    const open = { ...event, registrationOpensAt: null, registrationClosesAt: null };
    expect(registrationWindowRefusal(open, now)).toBeNull();
    expect(registrationWindowRefusal(open, ms(times.startsAt, -1))).toBeNull();
    expect(registrationWindowRefusal(open, times.startsAt)?.code).toBe('registration_closed');
  });

  it('is closed for a cancelled or completed event', () => {
    expect(registrationWindowRefusal({ ...event, status: 'cancelled' }, opens)?.code).toBe('event_not_scheduled');
    expect(registrationWindowRefusal({ ...event, status: 'completed' }, opens)?.code).toBe('event_not_scheduled');
  });
});

describe('registrationRefusal', () => {
  const opens = at('2026-03-02T00:00:00Z');
  const closes = at('2026-03-13T06:00:00Z');
  const event = { status: 'scheduled' as const, startsAt: times.startsAt, endsAt: times.endsAt, registrationOpensAt: opens, registrationClosesAt: closes };
  const self = { backfill: false };
  const backfill = { backfill: true };

  it('holds a self-registration to the window, before and after it', () => {
    expect(registrationRefusal(event, ms(opens, -1), self)?.code).toBe('registration_not_open');
    expect(registrationRefusal(event, opens, self)).toBeNull();
    expect(registrationRefusal(event, closes, self)?.code).toBe('registration_closed');
    expect(registrationRefusal(event, ms(times.endsAt, 1), self)?.code).toBe('registration_closed');
  });

  it('lets a backfill record people at an event that has started, window or not, until it is closed', () => {
    expect(registrationRefusal(event, times.startsAt, backfill)).toBeNull();
    expect(registrationRefusal(event, ms(times.endsAt, 86_400_000), backfill)).toBeNull();
    expect(registrationRefusal({ ...event, registrationOpensAt: null, registrationClosesAt: null }, times.startsAt, backfill)).toBeNull();
  });

  it('gives a backfill of an event still to come no way around the window', () => {
    expect(registrationRefusal(event, ms(opens, -1), backfill)?.code).toBe('registration_not_open');
    expect(registrationRefusal(event, ms(times.startsAt, -1), backfill)?.code).toBe('registration_closed');
    expect(registrationRefusal(event, opens, backfill)).toBeNull();
  });

  it('refuses a cancelled or closed event to a backfill too', () => {
    expect(registrationRefusal({ ...event, status: 'cancelled' }, times.endsAt, backfill)?.code).toBe('event_not_scheduled');
    expect(registrationRefusal({ ...event, status: 'completed' }, times.endsAt, backfill)?.code).toBe('event_not_scheduled');
  });
});
