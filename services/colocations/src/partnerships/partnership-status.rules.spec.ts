import { PARTNERSHIP_STATUSES, type PartnershipStatus, addDays } from '@crosswalk/contracts';
import { asksForRecommitment, causeOf, formationProblems, isOverdue, nextStatus, recommitmentDueBy, recommitmentRefusal } from './partnership-status.rules';

const FINAL: PartnershipStatus[] = ['lapsed', 'dissolved', 'ended'];
const started = '2026-01-10';

describe('partnership status machine', () => {
  describe('a leadership transition at a member school', () => {
    const fact = (effectiveDate: string) => ({ kind: 'leadership_transition' as const, effectiveDate, startedOn: started });

    it('moves an active partnership to awaiting_recommitment, from its start day on', () => {
      expect(nextStatus('active', fact('2026-03-01'))).toBe('awaiting_recommitment');
      expect(nextStatus('active', fact(started))).toBe('awaiting_recommitment');
    });

    it('does not touch a partnership that started after the transition', () => {
      expect(nextStatus('active', fact('2026-01-09'))).toBeNull();
      expect(asksForRecommitment('active', '2026-01-09', started)).toBe(false);
    });

    it('leaves an awaiting partnership awaiting, but still asks the new principal', () => {
      expect(nextStatus('awaiting_recommitment', fact('2026-03-01'))).toBeNull();
      expect(asksForRecommitment('awaiting_recommitment', '2026-03-01', started)).toBe(true);
    });

    it('never reopens a final partnership nor asks it anything', () => {
      for (const status of FINAL) {
        expect(nextStatus(status, fact('2026-03-01'))).toBeNull();
        expect(asksForRecommitment(status, '2026-03-01', started)).toBe(false);
      }
    });
  });

  describe('a recommitment', () => {
    it('restores active only when no school is still pending', () => {
      expect(nextStatus('awaiting_recommitment', { kind: 'recommitment', stillPending: 0 })).toBe('active');
      expect(nextStatus('awaiting_recommitment', { kind: 'recommitment', stillPending: 1 })).toBeNull();
    });

    it('changes nothing outside awaiting_recommitment', () => {
      for (const status of PARTNERSHIP_STATUSES.filter((s) => s !== 'awaiting_recommitment')) {
        expect(nextStatus(status, { kind: 'recommitment', stillPending: 0 })).toBeNull();
      }
    });
  });

  describe('a request withdrawn by a correction', () => {
    it('restores active when it was the last one pending, as the leadership transition it corrects', () => {
      expect(nextStatus('awaiting_recommitment', { kind: 'request_withdrawn', stillPending: 0 })).toBe('active');
      expect(nextStatus('awaiting_recommitment', { kind: 'request_withdrawn', stillPending: 2 })).toBeNull();
      expect(causeOf({ kind: 'request_withdrawn', stillPending: 0 })).toBe('leadership_transition');
    });

    it('changes nothing outside awaiting_recommitment', () => {
      for (const status of PARTNERSHIP_STATUSES.filter((s) => s !== 'awaiting_recommitment')) {
        expect(nextStatus(status, { kind: 'request_withdrawn', stillPending: 0 })).toBeNull();
      }
    });
  });

  describe('the grace period', () => {
    it('lapses an awaiting partnership the day after dueBy, not on dueBy', () => {
      expect(nextStatus('awaiting_recommitment', { kind: 'grace_period_expired', dueBy: '2026-06-01', asOf: '2026-06-01' })).toBeNull();
      expect(nextStatus('awaiting_recommitment', { kind: 'grace_period_expired', dueBy: '2026-06-01', asOf: '2026-06-02' })).toBe('lapsed');
    });

    it('never lapses an active or final partnership', () => {
      for (const status of ['active', ...FINAL] as PartnershipStatus[]) {
        expect(nextStatus(status, { kind: 'grace_period_expired', dueBy: '2026-06-01', asOf: '2027-01-01' })).toBeNull();
      }
    });

    it('runs from the effective date in calendar days, across months, years and leap days', () => {
      expect(recommitmentDueBy('2026-03-01', 90)).toBe('2026-05-30');
      expect(recommitmentDueBy('2026-12-15', 30)).toBe('2027-01-14');
      expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
      expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
      expect(isOverdue('2026-05-30', '2026-05-31')).toBe(true);
      expect(isOverdue('2026-05-30', '2026-05-30')).toBe(false);
    });
  });

  describe('a member school closing', () => {
    it('dissolves any partnership still going', () => {
      expect(nextStatus('active', { kind: 'school_closed' })).toBe('dissolved');
      expect(nextStatus('awaiting_recommitment', { kind: 'school_closed' })).toBe('dissolved');
    });

    it('leaves a final partnership as it ended', () => {
      for (const status of FINAL) expect(nextStatus(status, { kind: 'school_closed' })).toBeNull();
    });
  });

  it('names each change after the fact that caused it', () => {
    expect(causeOf({ kind: 'school_closed' })).toBe('school_closed');
    expect(causeOf({ kind: 'recommitment', stillPending: 0 })).toBe('recommitment');
    expect(causeOf({ kind: 'grace_period_expired', dueBy: '2026-01-01', asOf: '2026-02-01' })).toBe('grace_period_expired');
    expect(causeOf({ kind: 'leadership_transition', effectiveDate: started, startedOn: started })).toBe('leadership_transition');
  });
});

describe('forming a partnership', () => {
  const school = (schoolId: string, sector: string, over: Partial<{ cityId: string; open: boolean }> = {}) => ({
    schoolId,
    sector,
    cityId: 'denver',
    open: true,
    ...over,
  });

  it('accepts open schools of two sectors in the site city', () => {
    expect(formationProblems(['a', 'b'], [school('a', 'district'), school('b', 'charter')], 'denver')).toEqual([]);
  });

  it('refuses schools all of one sector', () => {
    expect(formationProblems(['a', 'b'], [school('a', 'charter'), school('b', 'charter')], 'denver')).toEqual([
      'a colocation partnership needs schools of at least two different sectors',
    ]);
  });

  it('refuses unknown, closed and out-of-city schools, naming them', () => {
    const problems = formationProblems(
      ['a', 'b', 'c', 'x'],
      [school('a', 'district'), school('b', 'charter', { open: false }), school('c', 'catholic', { cityId: 'oakland' })],
      'denver',
    );
    expect(problems).toEqual(['unknown schools: x', 'closed schools cannot join a partnership: b', "schools outside the site's city: c"]);
  });

  it('refuses duplicates and a partnership of one school', () => {
    expect(formationProblems(['a', 'a'], [school('a', 'district')], 'denver')).toEqual([
      'duplicate member schools: a',
      'a partnership needs at least two different schools',
    ]);
  });
});

describe('who may recommit', () => {
  const pending = { transitionId: 't1', dueBy: '2026-06-01' };

  it('lets the current principal of a pending school recommit up to dueBy', () => {
    expect(recommitmentRefusal('awaiting_recommitment', pending, 's1', 'p2', 'p2', '2026-06-01')).toBeNull();
  });

  it('refuses anyone else, naming the current principal', () => {
    expect(recommitmentRefusal('awaiting_recommitment', pending, 's1', 'p1', 'p2', '2026-05-01')).toBe(
      'Only the current principal of school s1 (p2) may recommit; p1 is not',
    );
    expect(recommitmentRefusal('awaiting_recommitment', pending, 's1', 'p1', null, '2026-05-01')).toBe('School s1 has no current principal to recommit');
  });

  it('refuses a school with nothing pending, a partnership not awaiting, and a late recommitment', () => {
    expect(recommitmentRefusal('awaiting_recommitment', null, 's1', 'p2', 'p2', '2026-05-01')).toBe('School s1 has no recommitment pending');
    expect(recommitmentRefusal('active', null, 's1', 'p2', 'p2', '2026-05-01')).toBe('The partnership is active: there is nothing to recommit to');
    expect(recommitmentRefusal('lapsed', pending, 's1', 'p2', 'p2', '2026-05-01')).toMatch(/lapsed/);
    expect(recommitmentRefusal('awaiting_recommitment', pending, 's1', 'p2', 'p2', '2026-06-02')).toBe('The grace period for school s1 ended on 2026-06-01');
  });
});
