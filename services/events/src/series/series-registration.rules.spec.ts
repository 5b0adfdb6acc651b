import { type SessionSeats, seriesRegistrationPlan, seriesRegistrationRefusal } from './series-registration.rules';

const now = new Date('2026-03-01T12:00:00Z');
const seats = (eventId: string, overrides: Partial<SessionSeats> = {}): SessionSeats => ({
  eventId,
  status: 'scheduled',
  startsAt: new Date('2026-03-14T16:00:00Z'),
  endsAt: new Date('2026-03-14T19:00:00Z'),
  registrationOpensAt: null,
  registrationClosesAt: null,
  capacity: 20,
  seatsHeld: 0,
  waiting: 0,
  alreadyRegistered: false,
  ...overrides,
});
const actions = (plan: { action: string }[]) => plan.map((s) => s.action);

describe('seriesRegistrationPlan', () => {
  it('registers for every session to come, each against its own seats', () => {
    const plan = seriesRegistrationPlan([seats('s1'), seats('s2', { seatsHeld: 20 }), seats('s3', { waiting: 1, seatsHeld: 19 })], now);
    expect(plan).toEqual([
      { eventId: 's1', action: 'register' },
      { eventId: 's2', action: 'waitlist' },
      { eventId: 's3', action: 'waitlist' },
    ]);
  });

  it('skips sessions that started, closed or were cancelled, and keeps registrations the person already has', () => {
    const plan = seriesRegistrationPlan(
      [
        seats('s1', { startsAt: now }),
        seats('s2', { status: 'completed' }),
        seats('s3', { status: 'cancelled' }),
        seats('s4', { alreadyRegistered: true }),
        seats('s5', { startsAt: new Date(now.getTime() + 1) }),
      ],
      now,
    );
    expect(actions(plan)).toEqual(['skip', 'skip', 'skip', 'keep', 'register']);
    expect(plan.map((s) => (s.action === 'skip' ? s.reason.code : null))).toEqual([
      'registration_closed',
      'event_not_scheduled',
      'event_not_scheduled',
      null,
      null,
    ]);
    expect(seriesRegistrationRefusal(plan)).toBeNull();
  });

  it('skips a session outside its own window, before it opens and after it closes', () => {
    const plan = seriesRegistrationPlan(
      [
        seats('s1', { registrationClosesAt: now }),
        seats('s2', { registrationOpensAt: new Date(now.getTime() + 1) }),
        seats('s3', { registrationOpensAt: now, registrationClosesAt: new Date(now.getTime() + 1) }),
      ],
      now,
    );
    expect(actions(plan)).toEqual(['skip', 'skip', 'register']);
  });

  it('lets a backfill join sessions that have started, but not closed or cancelled ones, nor windows still to open', () => {
    const started = { startsAt: new Date(now.getTime() - 3_600_000), registrationClosesAt: new Date(now.getTime() - 7_200_000) };
    const plan = seriesRegistrationPlan(
      [
        seats('s1', started),
        seats('s2', { ...started, status: 'completed' }),
        seats('s3', { ...started, status: 'cancelled' }),
        seats('s4', { registrationOpensAt: new Date(now.getTime() + 1) }),
      ],
      now,
      { backfill: true },
    );
    expect(actions(plan)).toEqual(['register', 'skip', 'skip', 'skip']);
    expect(actions(seriesRegistrationPlan([seats('s1', started)], now))).toEqual(['skip']);
  });
});

describe('seriesRegistrationRefusal', () => {
  it('refuses a series with nothing left to join, naming each session and why', () => {
    const plan = seriesRegistrationPlan([seats('s1', { status: 'completed' }), seats('s2', { startsAt: now })], now);
    const refusal = seriesRegistrationRefusal(plan);
    expect(refusal?.code).toBe('series_not_open');
    expect(refusal?.message).toBe(
      'No session of the series is open for registration (session 1: Registration is closed: the event is completed; session 2: Registration closed at 2026-03-01T12:00:00.000Z)',
    );
  });

  it('keeps the one reason every session shares as the code', () => {
    const opens = new Date('2026-03-05T00:00:00Z');
    const plan = seriesRegistrationPlan([seats('s1', { registrationOpensAt: opens }), seats('s2', { registrationOpensAt: opens })], now);
    expect(seriesRegistrationRefusal(plan)?.code).toBe('registration_not_open');
  });
});
