import { REGISTRATION_STATUSES, type RegistrationStatus } from '@crosswalk/contracts';
import {
  ALLOWED_TRANSITIONS,
  type RegistrationAction,
  actionRefusal,
  canTransition,
  existingRegistration,
  historyProblems,
  holdsSeat,
  isLive,
  onSessionClose,
  statusAfter,
} from './registration-status.rules';

const ACTIONS: RegistrationAction[] = ['offer', 'accept', 'decline', 'expire', 'cancel', 'check_in', 'correct_to_attended', 'correct_to_no_show'];

describe('registration status machine', () => {
  it('allows exactly these moves', () => {
    expect(ALLOWED_TRANSITIONS.map(([f, t]) => `${f} -> ${t}`).sort()).toEqual(
      [
        'attended -> no_show',
        'no_show -> attended',
        'offered -> cancelled',
        'offered -> declined',
        'offered -> expired',
        'offered -> registered',
        'registered -> attended',
        'registered -> cancelled',
        'registered -> no_show',
        'waitlisted -> cancelled',
        'waitlisted -> offered',
      ].sort(),
    );
  });

  it('walks the waitlist path: waitlisted, offered, then accepted, declined or expired', () => {
    expect(statusAfter('waitlisted', 'offer')).toBe('offered');
    expect(statusAfter('offered', 'accept')).toBe('registered');
    expect(statusAfter('offered', 'decline')).toBe('declined');
    expect(statusAfter('offered', 'expire')).toBe('expired');
  });

  it('accepts, declines and expires only an open offer', () => {
    for (const action of ['accept', 'decline', 'expire'] as const) {
      for (const status of REGISTRATION_STATUSES.filter((s) => s !== 'offered')) expect(statusAfter(status, action)).toBeNull();
    }
    expect(statusAfter('registered', 'offer')).toBeNull();
  });

  it('cancels a registration until it has an attendance outcome, and never twice', () => {
    for (const status of ['registered', 'waitlisted', 'offered'] as const) expect(statusAfter(status, 'cancel')).toBe('cancelled');
    for (const status of ['attended', 'no_show', 'cancelled', 'declined', 'expired'] as const) expect(statusAfter(status, 'cancel')).toBeNull();
  });

  it('checks in only a registered person: waitlisted and offered people have no seat yet', () => {
    expect(statusAfter('registered', 'check_in')).toBe('attended');
    for (const status of REGISTRATION_STATUSES.filter((s) => s !== 'registered')) expect(statusAfter(status, 'check_in')).toBeNull();
  });

  it('corrects attendance both ways, and only attendance', () => {
    expect(statusAfter('no_show', 'correct_to_attended')).toBe('attended');
    expect(statusAfter('attended', 'correct_to_no_show')).toBe('no_show');
    expect(statusAfter('attended', 'correct_to_attended')).toBeNull();
    expect(statusAfter('registered', 'correct_to_no_show')).toBeNull();
  });

  it('never moves a final registration', () => {
    for (const status of ['declined', 'expired', 'cancelled'] as const) {
      for (const action of ACTIONS) expect(statusAfter(status, action)).toBeNull();
      expect(onSessionClose(status)).toBe(status);
      expect(isLive(status)).toBe(false);
    }
  });

  it('refuses a move with a conflict naming the status and action', () => {
    expect(actionRefusal('waitlisted', 'offer')).toBeNull();
    expect(actionRefusal('declined', 'correct_to_no_show')).toEqual({
      code: 'registration_status_conflict',
      message: 'A declined registration cannot correct to no show',
    });
  });

  describe('closing the session', () => {
    it('makes a registered person without a check-in a no-show and lets an open offer expire', () => {
      expect(onSessionClose('registered')).toBe('no_show');
      expect(onSessionClose('offered')).toBe('expired');
    });

    it('leaves attended, no-show and waitlisted people as they are', () => {
      for (const status of ['attended', 'no_show', 'waitlisted'] as const) expect(onSessionClose(status)).toBe(status);
    });
  });

  it('counts a seat for registered, offered, attended and no-show; not for the line or ended registrations', () => {
    expect(REGISTRATION_STATUSES.filter(holdsSeat)).toEqual(['registered', 'offered', 'attended', 'no_show']);
  });

  describe('historyProblems', () => {
    it('accepts the paths the machine allows', () => {
      const paths: RegistrationStatus[][] = [
        ['registered', 'attended'],
        ['registered', 'no_show', 'attended', 'no_show'],
        ['waitlisted', 'offered', 'expired'],
        ['waitlisted', 'offered', 'registered', 'cancelled'],
        ['waitlisted', 'offered', 'registered', 'attended'],
        ['waitlisted'],
      ];
      for (const path of paths) expect(historyProblems(path)).toEqual([]);
    });

    it('points at where a path leaves the machine', () => {
      expect(historyProblems(['waitlisted', 'registered', 'attended'])).toEqual([{ index: 1, message: 'waitlisted -> registered is not an allowed move' }]);
      expect(historyProblems(['offered', 'registered'])).toEqual([{ index: 0, message: 'A registration starts registered or waitlisted, not offered' }]);
      expect(historyProblems(['registered', 'cancelled', 'registered']).map((p) => p.index)).toEqual([2]);
      expect(historyProblems([])).toHaveLength(1);
    });

    it('agrees with canTransition', () => {
      expect(canTransition('registered', 'no_show')).toBe(true);
      expect(canTransition('waitlisted', 'attended')).toBe(false);
    });
  });
});

describe('existingRegistration', () => {
  const reg = (registrationId: string, personId: string, status: RegistrationStatus, iso: string) => ({
    registrationId,
    personId,
    status,
    registeredAt: new Date(iso),
  });

  it('returns the live registration of the person, whatever its status', () => {
    const regs = [reg('r1', 'p1', 'waitlisted', '2026-03-01T10:00:00Z'), reg('r2', 'p2', 'registered', '2026-03-01T09:00:00Z')];
    expect(existingRegistration(regs, 'p1')?.registrationId).toBe('r1');
    expect(existingRegistration([reg('r3', 'p1', 'attended', '2026-03-01T10:00:00Z')], 'p1')?.registrationId).toBe('r3');
  });

  it('returns nothing when the only registrations ended, so the person registers anew', () => {
    const regs = [reg('r1', 'p1', 'cancelled', '2026-03-01T10:00:00Z'), reg('r2', 'p1', 'expired', '2026-03-02T10:00:00Z')];
    expect(existingRegistration(regs, 'p1')).toBeNull();
    expect(existingRegistration(regs, 'p9')).toBeNull();
  });

  it('prefers the live one over an ended one, and the earliest of two live ones', () => {
    const regs = [
      reg('late', 'p1', 'registered', '2026-03-02T10:00:00Z'),
      reg('gone', 'p1', 'cancelled', '2026-02-01T10:00:00Z'),
      reg('early', 'p1', 'waitlisted', '2026-03-01T10:00:00Z'),
    ];
    expect(existingRegistration(regs, 'p1')?.registrationId).toBe('early');
  });
});
