import { REGISTRATION_STATUSES } from '@crosswalk/contracts';
import { checkInRefusal, correctionRefusal, creditEarned, outcomeOf, sessionCloseChanges } from './attendance.rules';

const startsAt = new Date('2026-03-14T16:00:00Z');
const session = { status: 'scheduled' as const, startsAt };
const minutes = (n: number) => new Date(startsAt.getTime() + n * 60_000);

describe('checkInRefusal', () => {
  it('opens check-in an hour before the start, to the minute', () => {
    expect(checkInRefusal('registered', session, new Date(minutes(-60).getTime() - 1))?.code).toBe('check_in_not_open');
    expect(checkInRefusal('registered', session, minutes(-60))).toBeNull();
    expect(checkInRefusal('registered', session, minutes(-15), 10)?.code).toBe('check_in_not_open');
  });

  it('stays open after the start and after the end, until the session is closed', () => {
    expect(checkInRefusal('registered', session, minutes(600))).toBeNull();
    expect(checkInRefusal('registered', { ...session, status: 'completed' }, minutes(600))?.code).toBe('session_closed');
    expect(checkInRefusal('registered', { ...session, status: 'cancelled' }, minutes(0))?.code).toBe('event_not_scheduled');
  });

  it('checks in only people holding a seat, once', () => {
    expect(checkInRefusal('attended', session, minutes(0))?.code).toBe('already_checked_in');
    expect(checkInRefusal('offered', session, minutes(0))?.code).toBe('offer_not_accepted');
    for (const status of ['waitlisted', 'declined', 'expired', 'cancelled', 'no_show'] as const) {
      expect(checkInRefusal(status, session, minutes(0))?.code).toBe('registration_status_conflict');
    }
  });
});

describe('credit', () => {
  it('is earned by attending, not by registering', () => {
    expect(creditEarned('attended', 2.5)).toBe(2.5);
    expect(creditEarned('no_show', 2.5)).toBe(0);
  });
});

describe('sessionCloseChanges', () => {
  it('marks registered people without a check-in no_show and expires open offers; leaves the rest', () => {
    const regs = REGISTRATION_STATUSES.map((status, i) => ({ registrationId: `r${i}`, status }));
    expect(sessionCloseChanges(regs)).toEqual([
      { registrationId: 'r0', from: 'registered', to: 'no_show' },
      { registrationId: 'r2', from: 'offered', to: 'expired' },
    ]);
  });

  it('changes nothing when everyone checked in', () => {
    expect(sessionCloseChanges([{ registrationId: 'a', status: 'attended' }])).toEqual([]);
  });
});

describe('corrections', () => {
  it('restate an outcome after the session closed', () => {
    expect(correctionRefusal('no_show', 'attended', 'completed')).toBeNull();
    expect(correctionRefusal('attended', 'no_show', 'completed')).toBeNull();
  });

  it('wait for the session to close', () => {
    expect(correctionRefusal('attended', 'no_show', 'scheduled')?.code).toBe('session_not_closed');
  });

  it('need an outcome to correct and a different one', () => {
    expect(correctionRefusal('cancelled', 'attended', 'completed')?.code).toBe('no_attendance');
    expect(correctionRefusal('waitlisted', 'attended', 'completed')?.code).toBe('no_attendance');
    expect(correctionRefusal('attended', 'attended', 'completed')?.code).toBe('unchanged');
  });

  it('read the outcome from the status', () => {
    expect(REGISTRATION_STATUSES.map(outcomeOf)).toEqual([null, null, null, null, null, null, 'attended', 'no_show']);
  });
});
