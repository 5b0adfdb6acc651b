import {
  type FeedEvent,
  calendarEvent,
  calendarSequence,
  coversScope,
  eventDescription,
  feedStartsOn,
  isWellFormedSecret,
  lastChangedAt,
  putsInCalendar,
  secretHash,
  subscriptionScope,
  subscriptionTargetProblems,
} from './calendar-feed.rules';

const at = (iso: string) => new Date(iso);

describe('feedStartsOn', () => {
  it('is the same UTC day a year earlier', () => {
    expect(feedStartsOn(at('2026-09-03T12:00:00Z'))).toBe('2025-09-03');
    expect(feedStartsOn(at('2026-01-01T00:30:00Z'))).toBe('2025-01-01');
  });

  it('takes 29 February back to 1 March of a common year', () => {
    expect(feedStartsOn(at('2028-02-29T08:00:00Z'))).toBe('2027-03-01');
  });
});

describe('putsInCalendar', () => {
  it('shows an event the person holds a seat at, was offered one at, or attended', () => {
    for (const status of ['registered', 'offered', 'attended'] as const) expect(putsInCalendar({ status, cancelledWithEventFrom: null })).toBe(true);
  });

  it('leaves out a place in line, one given up, and a missed session', () => {
    for (const status of ['waitlisted', 'declined', 'expired', 'no_show'] as const)
      expect(putsInCalendar({ status, cancelledWithEventFrom: null })).toBe(false);
  });

  it('keeps a cancelled event (as cancelled) for people who held a seat or an offer when it was cancelled', () => {
    expect(putsInCalendar({ status: 'cancelled', cancelledWithEventFrom: 'registered' })).toBe(true);
    expect(putsInCalendar({ status: 'cancelled', cancelledWithEventFrom: 'offered' })).toBe(true);
  });

  it('drops a registration the person withdrew, and a waitlisted one the cancellation ended', () => {
    expect(putsInCalendar({ status: 'cancelled', cancelledWithEventFrom: null })).toBe(false);
    expect(putsInCalendar({ status: 'cancelled', cancelledWithEventFrom: 'waitlisted' })).toBe(false);
  });
});

describe('calendarSequence', () => {
  it('counts reschedules, and one more once cancelled', () => {
    expect(calendarSequence(0, 'scheduled')).toBe(0);
    expect(calendarSequence(2, 'scheduled')).toBe(2);
    expect(calendarSequence(2, 'completed')).toBe(2);
    expect(calendarSequence(0, 'cancelled')).toBe(1);
    expect(calendarSequence(2, 'cancelled')).toBe(3);
  });
});

describe('lastChangedAt', () => {
  it('is the latest of scheduling, reschedules and cancellation', () => {
    const created = at('2026-03-01T10:00:00Z');
    expect(lastChangedAt(created, [], null)).toEqual(created);
    expect(lastChangedAt(created, [at('2026-03-05T10:00:00Z'), at('2026-03-04T10:00:00Z')], null)).toEqual(at('2026-03-05T10:00:00Z'));
    expect(lastChangedAt(created, [at('2026-03-05T10:00:00Z')], at('2026-03-06T09:00:00Z'))).toEqual(at('2026-03-06T09:00:00Z'));
  });
});

describe('calendarEvent', () => {
  const workshop: FeedEvent = {
    id: 'evt_1',
    title: 'Reading across the curriculum',
    kind: 'workshop',
    audience: 'school_leaders',
    format: 'in_person',
    status: 'scheduled',
    sequence: 1,
    cancelReason: null,
    venue: 'Room 204',
    hostSchoolName: 'STRIVE Prep Federal',
    startsAt: at('2026-03-14T16:00:00Z'),
    endsAt: at('2026-03-14T19:00:00Z'),
    timeZone: 'America/Denver',
    createdAt: at('2026-03-01T10:00:00Z'),
    cancelledAt: null,
    rescheduledAt: [at('2026-03-02T10:00:00Z')],
    topics: ['literacy'],
  };

  it('carries the times, zone, topics, sequence and last change', () => {
    expect(calendarEvent(workshop)).toMatchObject({
      eventId: 'evt_1',
      startsAt: workshop.startsAt,
      endsAt: workshop.endsAt,
      timeZone: 'America/Denver',
      status: 'scheduled',
      sequence: 1,
      lastModifiedAt: at('2026-03-02T10:00:00Z'),
      topics: ['literacy'],
    });
  });

  it('places it at the venue and the host school, either alone, or nowhere for a virtual event without either', () => {
    expect(calendarEvent(workshop).location).toBe('Room 204, STRIVE Prep Federal');
    expect(calendarEvent({ ...workshop, venue: null }).location).toBe('STRIVE Prep Federal');
    expect(calendarEvent({ ...workshop, hostSchoolName: null }).location).toBe('Room 204');
    expect(calendarEvent({ ...workshop, venue: ' ', hostSchoolName: null, format: 'virtual' }).location).toBeNull();
  });

  it('says a cancelled event is cancelled, and why, first; and raises its sequence', () => {
    const cancelled = calendarEvent({ ...workshop, status: 'cancelled', cancelReason: 'Snow day', cancelledAt: at('2026-03-10T08:00:00Z') });
    expect(cancelled.description).toBe('Cancelled: Snow day\n\nWorkshop for school leaders.');
    expect(cancelled.sequence).toBe(2);
    expect(cancelled.lastModifiedAt).toEqual(at('2026-03-10T08:00:00Z'));
  });
});

describe('eventDescription', () => {
  it('names the kind, the audience and a virtual format', () => {
    expect(eventDescription({ kind: 'town_hall', audience: 'mixed', format: 'virtual', status: 'scheduled', cancelReason: null })).toBe(
      'Town hall for educators (virtual).',
    );
  });
});

describe('subscriptionTargetProblems', () => {
  it('wants exactly one of cityId and personId', () => {
    expect(subscriptionTargetProblems({ cityId: 'c1' })).toEqual([]);
    expect(subscriptionTargetProblems({ personId: 'p1' })).toEqual([]);
    expect(subscriptionTargetProblems({}).map((p) => [p.field, p.code])).toEqual([
      ['cityId', 'feed_required'],
      ['personId', 'feed_required'],
    ]);
    expect(subscriptionTargetProblems({ cityId: 'c1', personId: 'p1' }).map((p) => [p.field, p.code])).toEqual([
      ['cityId', 'one_feed_only'],
      ['personId', 'one_feed_only'],
    ]);
  });
});

describe('secrets', () => {
  it('accepts the 43 base64url characters of 32 bytes and nothing else', () => {
    const secret = Buffer.alloc(32, 0xfb).toString('base64url');
    expect(secret).toHaveLength(43);
    expect(isWellFormedSecret(secret)).toBe(true);
    expect(isWellFormedSecret(secret.slice(1))).toBe(false);
    expect(isWellFormedSecret(`${secret.slice(1)}=`)).toBe(false);
    expect(isWellFormedSecret(`${secret.slice(1)}/`)).toBe(false);
  });

  it('stores the SHA-256 of the secret in hex', () => {
    expect(secretHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('subscription scope', () => {
  it('shows a city feed its city, and a person feed the cities its creator sees (null: every city)', () => {
    expect(subscriptionScope({ cityId: 'c1' }, ['c2'])).toEqual(['c1']);
    expect(subscriptionScope({ personId: 'p1' }, ['c3', 'c1', 'c3'])).toEqual(['c1', 'c3']);
    expect(subscriptionScope({ personId: 'p1' }, undefined)).toBeNull();
  });

  it('lets a caller see a subscription when every city it shows is one of theirs', () => {
    expect(coversScope(undefined, null)).toBe(true);
    expect(coversScope(undefined, ['c1'])).toBe(true);
    expect(coversScope(['c1', 'c2'], ['c1'])).toBe(true);
    expect(coversScope(['c1'], ['c1', 'c2'])).toBe(false);
    expect(coversScope(['c1'], null)).toBe(false);
    expect(coversScope(['c1'], [])).toBe(false);
  });
});
