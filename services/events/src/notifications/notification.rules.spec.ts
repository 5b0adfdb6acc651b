import {
  type EventDetails,
  MAX_SEND_ATTEMPTS,
  NOTIFICATION_KINDS,
  type NotificationFact,
  formatInstant,
  formatTimes,
  renderMessage,
  retriesAfter,
  skipReason,
} from './notification.rules';

const workshop: EventDetails = {
  title: 'Reading across the curriculum',
  // 9:00 to 12:00 in Denver (MDT, UTC-6) on Saturday 14 March 2026.
  startsAt: new Date('2026-03-14T15:00:00.000Z'),
  endsAt: new Date('2026-03-14T18:00:00.000Z'),
  timeZone: 'America/Denver',
  format: 'in_person',
  place: 'Central Library',
};

const ACCEPT = 'https://crosswalk.example.org/v1/offers/abc.def/accept';
const DECLINE = 'https://crosswalk.example.org/v1/offers/ghi.jkl/decline';

/** One fact of every kind: the examples the tests below read. */
const FACTS: { [K in NotificationFact['kind']]: Extract<NotificationFact, { kind: K }> } = {
  registration_confirmed: { kind: 'registration_confirmed' },
  registration_waitlisted: { kind: 'registration_waitlisted' },
  seat_offered: { kind: 'seat_offered', expiresAt: new Date('2026-03-12T15:00:00.000Z'), acceptUrl: ACCEPT, declineUrl: DECLINE },
  offer_accepted: { kind: 'offer_accepted' },
  offer_declined: { kind: 'offer_declined' },
  offer_expired: { kind: 'offer_expired' },
  registration_cancelled: { kind: 'registration_cancelled' },
  event_cancelled: { kind: 'event_cancelled', reason: 'Facilitator ill' },
  event_rescheduled: {
    kind: 'event_rescheduled',
    previousStartsAt: new Date('2026-03-07T15:00:00.000Z'),
    previousEndsAt: new Date('2026-03-07T18:00:00.000Z'),
    previousTimeZone: 'America/Denver',
    reason: 'Snow day',
  },
};

describe('times in messages', () => {
  it("are the event's local wall-clock times with its zone", () => {
    expect(formatInstant(workshop.startsAt, workshop.timeZone)).toBe('Saturday, March 14, 2026, 9:00 AM (MDT)');
    expect(formatTimes(workshop.startsAt, workshop.endsAt, workshop.timeZone)).toBe('Saturday, March 14, 2026, 9:00 AM to 12:00 PM (MDT)');
    expect(formatTimes(workshop.startsAt, workshop.endsAt, 'America/New_York')).toBe('Saturday, March 14, 2026, 11:00 AM to 2:00 PM (EDT)');
  });

  it('name both days when an event runs past midnight', () => {
    expect(formatTimes(new Date('2026-03-14T15:00:00.000Z'), new Date('2026-03-15T15:00:00.000Z'), 'UTC')).toBe(
      'Saturday, March 14, 2026, 3:00 PM (UTC) to Sunday, March 15, 2026, 3:00 PM (UTC)',
    );
  });
});

describe('messages', () => {
  it('exist for every kind, name the event in the subject and greet the person', () => {
    expect(Object.keys(FACTS).sort()).toEqual([...NOTIFICATION_KINDS].sort());
    for (const fact of Object.values(FACTS)) {
      const message = renderMessage(fact, 'Ana Ruiz', workshop);
      expect(message.subject).toMatch(/: Reading across the curriculum$/);
      expect(message.body.startsWith('Hello Ana Ruiz,\n')).toBe(true);
      expect(message.body).toContain('When:  Saturday, March 14, 2026, 9:00 AM to 12:00 PM (MDT)');
      expect(message.body).toContain('Where: Central Library');
    }
    expect(new Set(Object.values(FACTS).map((fact) => renderMessage(fact, 'Ana Ruiz', workshop).subject)).size).toBe(NOTIFICATION_KINDS.length);
  });

  it('give an offer its deadline in local time and both links, each on a line of its own', () => {
    const { subject, body } = renderMessage(FACTS.seat_offered, 'Ana Ruiz', workshop);
    expect(subject).toBe('A seat is yours if you want it: Reading across the curriculum');
    expect(body).toContain('The offer holds until Thursday, March 12, 2026, 9:00 AM (MDT).');
    expect(body).toContain(`Accept the seat:\n  ${ACCEPT}\n`);
    expect(body).toContain(`Decline it:\n  ${DECLINE}\n`);
  });

  it('give a reschedule the times before and the reason, and a cancellation its reason', () => {
    const moved = renderMessage(FACTS.event_rescheduled, 'Ana Ruiz', workshop).body;
    expect(moved).toContain('It was planned for Saturday, March 7, 2026, 8:00 AM to 11:00 AM (MST).');
    expect(moved).toContain('Reason given: Snow day');
    expect(renderMessage(FACTS.event_cancelled, 'Ana Ruiz', workshop).body).toContain('Reason given: Facilitator ill');
    expect(renderMessage({ kind: 'event_cancelled', reason: null }, 'Ana Ruiz', workshop).body).not.toContain('Reason given');
  });

  it('say where a virtual event or one without a known place is', () => {
    expect(renderMessage(FACTS.registration_confirmed, 'Ana Ruiz', { ...workshop, format: 'virtual' }).body).toContain('Where: Online');
    expect(renderMessage(FACTS.registration_confirmed, 'Ana Ruiz', { ...workshop, place: null }).body).toContain('Where: To be announced');
  });

  it('greet without a name when the directory has none', () => {
    expect(renderMessage(FACTS.offer_expired, null, workshop).body.startsWith('Hello,\n')).toBe(true);
  });
});

describe('whether a notification is sent', () => {
  const before = new Date('2026-03-01T12:00:00.000Z');
  it('needs an address', () => {
    expect(skipReason(null, workshop.endsAt, before)).toBe('no_email_address');
    expect(skipReason('', workshop.endsAt, before)).toBe('no_email_address');
    expect(skipReason('ana@example.org', workshop.endsAt, before)).toBeNull();
  });

  it('is pointless once the event is over (history recorded afterwards, a session closed)', () => {
    expect(skipReason('ana@example.org', workshop.endsAt, workshop.endsAt)).toBe('event_over');
    expect(skipReason('ana@example.org', workshop.endsAt, new Date(workshop.endsAt.getTime() - 1))).toBeNull();
  });
});

describe('a failed send', () => {
  const transient = { message: 'connect ECONNREFUSED 127.0.0.1:2525', permanent: false };
  const permanent = { message: '550 No such mailbox', permanent: true };

  it('is tried again until the attempts run out', () => {
    expect(retriesAfter(1, transient)).toBe(true);
    expect(retriesAfter(MAX_SEND_ATTEMPTS - 1, transient)).toBe(true);
    expect(retriesAfter(MAX_SEND_ATTEMPTS, transient)).toBe(false);
  });

  it('is given up at once when the mail server refused the message for good', () => {
    expect(retriesAfter(1, permanent)).toBe(false);
  });
});
