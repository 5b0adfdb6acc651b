import { type SessionSeats, seriesRegistrationPlan, seriesRegistrationRefusal } from './series-registration.rules';

const now = new Date('2026-03-01T12:00:00Z');
const seats = (eventId: string, overrides: Partial<SessionSeats> = {}): SessionSeats => ({
  eventId,
  status: 'scheduled',
  startsAt: new Date('2026-03-14T16:00:00Z'),
  capacity: 20,
  seatsHeld: 0,
  waiting: 0,
  alreadyRegistered: false,
  ...overrides,
});

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
    expect(plan.map((s) => s.action)).toEqual(['skip', 'skip', 'skip', 'keep', 'register']);
    expect(seriesRegistrationRefusal(plan)).toBeNull();
  });

  it('refuses a series with nothing left to join', () => {
    const plan = seriesRegistrationPlan([seats('s1', { status: 'completed' }), seats('s2', { startsAt: now })], now);
    expect(seriesRegistrationRefusal(plan)?.code).toBe('series_over');
  });
});
