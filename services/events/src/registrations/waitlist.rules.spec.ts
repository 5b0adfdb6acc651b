import {
  type SchoolAttendance,
  type WaitlistEntry,
  acceptRefusal,
  dueExpiries,
  freeSeats,
  isOfferExpired,
  monthsBefore,
  offerDeadline,
  offersToMake,
  placement,
  recentlyReachedSchools,
  waitlistOrder,
} from './waitlist.rules';

const at = (iso: string) => new Date(iso);
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);
const HOUR = 3_600_000;
const ids = (entries: readonly WaitlistEntry[]) => entries.map((e) => e.registrationId);
const entry = (registrationId: string, iso: string, schoolId: string | null): WaitlistEntry => ({ registrationId, registeredAt: at(iso), schoolId });

describe('monthsBefore', () => {
  it('goes back whole months to the same day', () => {
    expect(monthsBefore('2026-03-15', 12)).toBe('2025-03-15');
    expect(monthsBefore('2026-01-10', 1)).toBe('2025-12-10');
    expect(monthsBefore('2026-03-15', 0)).toBe('2026-03-15');
  });

  it('clamps to the end of a shorter month', () => {
    expect(monthsBefore('2024-02-29', 12)).toBe('2023-02-28');
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2024-03-31', 1)).toBe('2024-02-29');
  });

  it('refuses what is not a calendar date', () => {
    expect(() => monthsBefore('2026-3-15', 12)).toThrow('2026-3-15 is not a calendar date YYYY-MM-DD');
  });
});

describe('recentlyReachedSchools', () => {
  const asOf = '2026-03-15';
  const attended = (schoolId: string, attendedOn: string, cityId = 'den'): SchoolAttendance => ({ schoolId, cityId, attendedOn });

  it('counts attendance from the same day a year before, inclusive', () => {
    expect(recentlyReachedSchools([attended('a', '2025-03-15')], 'den', asOf)).toEqual(new Set(['a']));
    expect(recentlyReachedSchools([attended('a', '2025-03-14')], 'den', asOf)).toEqual(new Set());
  });

  it('counts up to the day before asOf, not asOf itself', () => {
    expect(recentlyReachedSchools([attended('a', '2026-03-14')], 'den', asOf)).toEqual(new Set(['a']));
    expect(recentlyReachedSchools([attended('a', '2026-03-15')], 'den', asOf)).toEqual(new Set());
  });

  it('counts only this city', () => {
    expect(recentlyReachedSchools([attended('a', '2026-01-10', 'aus'), attended('b', '2026-01-10')], 'den', asOf)).toEqual(new Set(['b']));
  });

  it('keeps the window a year long across a leap day', () => {
    expect(recentlyReachedSchools([attended('a', '2023-02-28')], 'den', '2024-02-29')).toEqual(new Set(['a']));
    expect(recentlyReachedSchools([attended('a', '2023-02-27')], 'den', '2024-02-29')).toEqual(new Set());
  });
});

describe('waitlistOrder', () => {
  const line = [
    entry('r3', '2026-03-01T10:02:00Z', 'repeat'),
    entry('r1', '2026-03-01T10:00:00Z', 'repeat'),
    entry('r4', '2026-03-01T10:03:00Z', 'new'),
    entry('r2', '2026-03-01T10:01:00Z', null),
    entry('r5', '2026-03-01T10:04:00Z', 'new'),
  ];
  const reached = new Set(['repeat']);

  it('fifo: by registration time only', () => {
    expect(ids(waitlistOrder(line, 'fifo', reached))).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  });

  it('coverage_first: not-yet-reached schools and people without a school first, each group by registration time', () => {
    expect(ids(waitlistOrder(line, 'coverage_first', reached))).toEqual(['r2', 'r4', 'r5', 'r1', 'r3']);
  });

  it('coverage_first with nobody reached, or everybody reached, is fifo', () => {
    expect(ids(waitlistOrder(line, 'coverage_first', new Set()))).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(
      ids(
        waitlistOrder(
          line.filter((e) => e.schoolId === 'repeat'),
          'coverage_first',
          reached,
        ),
      ),
    ).toEqual(['r1', 'r3']);
  });

  it('breaks a tie in registration time by registration id, so the order never depends on input order', () => {
    const same = [entry('b', '2026-03-01T10:00:00Z', 'x'), entry('a', '2026-03-01T10:00:00Z', 'y'), entry('c', '2026-03-01T09:59:59.999Z', 'z')];
    expect(ids(waitlistOrder(same, 'fifo', new Set()))).toEqual(['c', 'a', 'b']);
    expect(ids(waitlistOrder([...same].reverse(), 'fifo', new Set()))).toEqual(['c', 'a', 'b']);
  });

  it('does not change the entries it is given', () => {
    const copy = [...line];
    waitlistOrder(line, 'coverage_first', reached);
    expect(line).toEqual(copy);
  });
});

describe('seats', () => {
  it('counts free seats, none below zero, all without a limit', () => {
    expect(freeSeats(10, 7)).toBe(3);
    expect(freeSeats(10, 10)).toBe(0);
    expect(freeSeats(10, 12)).toBe(0);
    expect(freeSeats(null, 1000)).toBe(Number.POSITIVE_INFINITY);
  });

  it('seats a newcomer only when a seat is free and nobody is in line', () => {
    expect(placement(10, 9, 0)).toBe('registered');
    expect(placement(10, 10, 0)).toBe('waitlisted');
    expect(placement(10, 9, 1)).toBe('waitlisted');
    expect(placement(0, 0, 0)).toBe('waitlisted');
    expect(placement(null, 500, 0)).toBe('registered');
  });

  it('never exceeds capacity over a run of registrations, cancellations and offers', () => {
    // Capacity 3, seven people register; two cancel; offers go out and are accepted.
    const capacity = 3;
    const seated: string[] = [];
    const line: string[] = [];
    for (let i = 1; i <= 7; i++) {
      if (placement(capacity, seated.length, line.length) === 'registered') seated.push(`p${i}`);
      else line.push(`p${i}`);
    }
    expect(seated).toEqual(['p1', 'p2', 'p3']);
    seated.splice(0, 2);
    const event = { capacity, seatsHeld: seated.length, startsAt: at('2026-03-14T16:00:00Z'), offerHours: 48 };
    const offers = offersToMake(
      event,
      line.map((p, i) => entry(p, `2026-03-01T10:0${i}:00Z`, null)),
      at('2026-03-02T00:00:00Z'),
    );
    expect(offers.map((o) => o.registrationId)).toEqual(['p4', 'p5']);
    expect(seated.length + offers.length).toBe(capacity);
    expect(placement(capacity, seated.length + offers.length, line.length - offers.length)).toBe('waitlisted');
  });
});

describe('offers', () => {
  const startsAt = at('2026-03-14T16:00:00Z');
  const now = at('2026-03-01T12:00:00Z');

  it('expire 48 hours after they are made by default, or after the event offer window', () => {
    expect(offerDeadline(now, startsAt)).toEqual(at('2026-03-03T12:00:00Z'));
    expect(offerDeadline(now, startsAt, 24)).toEqual(at('2026-03-02T12:00:00Z'));
  });

  it('never outlive the start of the event', () => {
    expect(offerDeadline(at('2026-03-13T16:00:00Z'), startsAt, 48)).toEqual(startsAt);
    expect(offerDeadline(ms(startsAt, -48 * HOUR), startsAt, 48)).toEqual(startsAt);
  });

  it('go to the first in line, one per free seat', () => {
    const line = [entry('a', '2026-03-01T10:00:00Z', null), entry('b', '2026-03-01T10:01:00Z', null), entry('c', '2026-03-01T10:02:00Z', null)];
    const event = { capacity: 10, seatsHeld: 8, startsAt, offerHours: 48 };
    expect(offersToMake(event, line, now)).toEqual([
      { registrationId: 'a', offeredAt: now, expiresAt: at('2026-03-03T12:00:00Z') },
      { registrationId: 'b', offeredAt: now, expiresAt: at('2026-03-03T12:00:00Z') },
    ]);
    expect(offersToMake({ ...event, seatsHeld: 10 }, line, now)).toEqual([]);
    expect(offersToMake({ ...event, capacity: null }, line, now)).toHaveLength(3);
    expect(offersToMake(event, [], now)).toEqual([]);
  });

  it('are not made once the event has started', () => {
    const line = [entry('a', '2026-03-01T10:00:00Z', null)];
    const event = { capacity: 10, seatsHeld: 0, startsAt, offerHours: 48 };
    expect(offersToMake(event, line, ms(startsAt, -1))).toHaveLength(1);
    expect(offersToMake(event, line, startsAt)).toEqual([]);
  });

  describe('the deadline', () => {
    const expiresAt = at('2026-03-03T12:00:00Z');

    it('is the first instant the offer is expired', () => {
      expect(isOfferExpired(expiresAt, ms(expiresAt, -1))).toBe(false);
      expect(isOfferExpired(expiresAt, expiresAt)).toBe(true);
    });

    it('lets an accept a millisecond before it take the seat, and refuses one exactly at it', () => {
      expect(acceptRefusal('offered', expiresAt, ms(expiresAt, -1))).toBeNull();
      expect(acceptRefusal('offered', expiresAt, expiresAt)).toEqual({ code: 'offer_expired', message: 'The offer expired at 2026-03-03T12:00:00.000Z' });
    });

    it('has nothing to accept without an open offer', () => {
      expect(acceptRefusal('waitlisted', null, now)?.code).toBe('no_open_offer');
      expect(acceptRefusal('expired', expiresAt, now)?.code).toBe('no_open_offer');
      expect(acceptRefusal('offered', null, now)?.code).toBe('no_open_offer');
    });

    it('expires exactly the offers whose deadline has come', () => {
      const offers = [
        { registrationId: 'a', expiresAt: ms(expiresAt, -1) },
        { registrationId: 'b', expiresAt },
        { registrationId: 'c', expiresAt: ms(expiresAt, 1) },
      ];
      expect(dueExpiries(offers, expiresAt).map((o) => o.registrationId)).toEqual(['a', 'b']);
    });
  });
});
