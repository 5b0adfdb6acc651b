import type { AttendanceOutcome, EventStatus } from '@crosswalk/contracts';
import { type SeriesSession, type SessionAttendance, decideCompletion, isDecidable, requiredSessionsApplied, seriesRuleProblems } from './completion.rules';

const codes = (problems: { code: string }[]) => problems.map((p) => p.code);
const session = (eventId: string, status: EventStatus = 'completed', creditHours = 2): SeriesSession => ({ eventId, status, creditHours });
const went = (personId: string, eventId: string, outcome: AttendanceOutcome = 'attended'): SessionAttendance => ({ personId, eventId, outcome });

describe('seriesRuleProblems', () => {
  it('takes N of M with 1 <= N <= M', () => {
    expect(seriesRuleProblems({ requiredSessions: 1, sessionCount: 1, completionCreditHours: 0 })).toEqual([]);
    expect(seriesRuleProblems({ requiredSessions: 3, sessionCount: 3, completionCreditHours: 6 })).toEqual([]);
    expect(seriesRuleProblems({ requiredSessions: 2, sessionCount: 5, completionCreditHours: 1.5 })).toEqual([]);
  });

  it('refuses N above M, N below 1, no sessions and fractional N', () => {
    expect(codes(seriesRuleProblems({ requiredSessions: 4, sessionCount: 3, completionCreditHours: 0 }))).toEqual(['required_exceeds_sessions']);
    expect(codes(seriesRuleProblems({ requiredSessions: 0, sessionCount: 3, completionCreditHours: 0 }))).toEqual(['invalid_required_sessions']);
    expect(codes(seriesRuleProblems({ requiredSessions: 1.5, sessionCount: 3, completionCreditHours: 0 }))).toEqual(['invalid_required_sessions']);
    expect(codes(seriesRuleProblems({ requiredSessions: 1, sessionCount: 0, completionCreditHours: 0 })).sort()).toEqual([
      'required_exceeds_sessions',
      'sessions_required',
    ]);
  });

  it('refuses negative or over-precise completion credit', () => {
    for (const completionCreditHours of [-1, 0.125, 500.5, Number.NaN]) {
      expect(codes(seriesRuleProblems({ requiredSessions: 1, sessionCount: 1, completionCreditHours }))).toEqual(['invalid_credit_hours']);
    }
  });
});

describe('isDecidable', () => {
  it('once the last session is closed or cancelled, not before', () => {
    expect(isDecidable([session('s1'), session('s2', 'scheduled')])).toBe(false);
    expect(isDecidable([session('s1'), session('s2')])).toBe(true);
    expect(isDecidable([session('s1'), session('s2', 'cancelled')])).toBe(true);
    expect(isDecidable([])).toBe(false);
  });
});

describe('decideCompletion', () => {
  const rule = { requiredSessions: 2, completionCreditHours: 6 };
  const sessions = [session('s1'), session('s2'), session('s3')];

  it('completes exactly those who attended at least N of M', () => {
    const attendance = [
      went('ann', 's1'),
      went('ann', 's2'),
      went('ann', 's3'),
      went('bob', 's1'),
      went('bob', 's2', 'no_show'),
      went('bob', 's3'),
      went('cy', 's1'),
      went('cy', 's2', 'no_show'),
      went('cy', 's3', 'no_show'),
      went('dee', 's1', 'no_show'),
    ];
    const decision = decideCompletion(rule, sessions, attendance);
    expect(decision).toMatchObject({ sessionsPlanned: 3, sessionsHeld: 3, requiredSessions: 2, requiredSessionsApplied: 2, completionCreditHours: 6 });
    expect(decision.participants).toEqual([
      { personId: 'ann', sessionsAttended: 3, completed: true, sessionCreditHours: 6, completionCreditHours: 6 },
      { personId: 'bob', sessionsAttended: 2, completed: true, sessionCreditHours: 4, completionCreditHours: 6 },
      { personId: 'cy', sessionsAttended: 1, completed: false, sessionCreditHours: 2, completionCreditHours: 0 },
      { personId: 'dee', sessionsAttended: 0, completed: false, sessionCreditHours: 0, completionCreditHours: 0 },
    ]);
  });

  it('caps N at the sessions held when some were cancelled', () => {
    const decision = decideCompletion(
      { requiredSessions: 3, completionCreditHours: 6 },
      [session('s1'), session('s2'), session('s3', 'cancelled')],
      [went('ann', 's1'), went('ann', 's2'), went('bob', 's1')],
    );
    expect(decision).toMatchObject({ sessionsPlanned: 3, sessionsHeld: 2, requiredSessions: 3, requiredSessionsApplied: 2 });
    expect(decision.participants.map((p) => [p.personId, p.completed])).toEqual([
      ['ann', true],
      ['bob', false],
    ]);
  });

  it('has nobody completing a series none of whose sessions was held', () => {
    const decision = decideCompletion(rule, [session('s1', 'cancelled'), session('s2', 'cancelled')], [went('ann', 's1')]);
    expect(decision).toMatchObject({ sessionsHeld: 0, requiredSessionsApplied: 0, participants: [] });
  });

  it('counts only this series held sessions, and a session once per person', () => {
    const decision = decideCompletion(rule, sessions, [went('ann', 's1'), went('ann', 's1'), went('ann', 'other_event')]);
    expect(decision.participants).toEqual([{ personId: 'ann', sessionsAttended: 1, completed: false, sessionCreditHours: 2, completionCreditHours: 0 }]);
  });

  it('sums session credit exactly in hundredths', () => {
    const tenths = [session('s1', 'completed', 0.1), session('s2', 'completed', 0.2)];
    const [ann] = decideCompletion({ requiredSessions: 1, completionCreditHours: 1 }, tenths, [went('ann', 's1'), went('ann', 's2')]).participants;
    expect(ann.sessionCreditHours).toBe(0.3);
  });

  it('is not decided while a session is still scheduled', () => {
    expect(() => decideCompletion(rule, [session('s1'), session('s2', 'scheduled')], [])).toThrow(/no session is still scheduled/);
  });

  it('applies N exactly at the boundary', () => {
    expect(requiredSessionsApplied(2, 3)).toBe(2);
    expect(requiredSessionsApplied(3, 3)).toBe(3);
    expect(requiredSessionsApplied(3, 1)).toBe(1);
  });
});
