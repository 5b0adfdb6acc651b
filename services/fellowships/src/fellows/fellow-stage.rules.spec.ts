import { dayToCheck, isActiveStage, stageInputProblems, stageRefusal } from './fellow-stage.rules';

describe('the fellow stage machine', () => {
  it.each([
    ['applied', 'accepted'],
    ['accepted', 'enrolled'],
    ['enrolled', 'completed'],
  ] as const)('moves %s → %s, one stage at a time', (from, to) => {
    expect(stageRefusal(from, to, 'active')).toBeNull();
  });

  it.each([
    ['applied', 'enrolled'],
    ['applied', 'completed'],
    ['accepted', 'completed'],
    ['enrolled', 'accepted'],
    ['accepted', 'applied'],
  ] as const)('refuses %s → %s: no skipping, no going back', (from, to) => {
    expect(stageRefusal(from, to, 'active')?.code).toBe('stage_skipped');
  });

  it.each(['applied', 'accepted', 'enrolled'] as const)('lets a fellow leave from %s (withdrawn or not_completed)', (from) => {
    expect(stageRefusal(from, 'withdrawn', 'active')).toBeNull();
    expect(stageRefusal(from, 'not_completed', 'cancelled')).toBeNull();
  });

  it.each(['completed', 'withdrawn', 'not_completed'] as const)('never moves a fellow out of %s', (from) => {
    expect(stageRefusal(from, 'withdrawn', 'active')?.code).toBe('stage_final');
    expect(stageRefusal(from, 'applied', 'active')?.code).toBe('stage_final');
  });

  it('refuses the stage the fellow is already in', () => {
    expect(stageRefusal('accepted', 'accepted', 'active')?.code).toBe('stage_unchanged');
  });

  it('lets fellows of a cancelled cohort only leave it', () => {
    expect(stageRefusal('accepted', 'enrolled', 'cancelled')?.code).toBe('cohort_closed');
    expect(stageRefusal('accepted', 'withdrawn', 'cancelled')).toBeNull();
  });

  it('lets a completed cohort record its history afterwards', () => {
    expect(stageRefusal('enrolled', 'completed', 'completed')).toBeNull();
  });

  it('counts a fellow as still in the program until a final stage', () => {
    expect(['applied', 'accepted', 'enrolled', 'completed', 'withdrawn', 'not_completed'].filter((s) => isActiveStage(s as never))).toEqual([
      'applied',
      'accepted',
      'enrolled',
    ]);
  });
});

describe('stage dates and reasons', () => {
  it('takes a date on or after the latest stage change, however far in the past (backfill)', () => {
    expect(stageInputProblems('accepted', '2019-06-01', '2019-06-01', null)).toEqual([]);
    expect(stageInputProblems('accepted', '2019-06-02', '2019-06-01', null)).toEqual([]);
  });

  it('refuses a date before the latest stage change', () => {
    expect(stageInputProblems('accepted', '2019-05-31', '2019-06-01', null)).toEqual([
      { field: 'effectiveDate', message: expect.stringContaining('2019-06-01') },
    ]);
  });

  it('needs a reason to withdraw or not complete, and none otherwise', () => {
    expect(stageInputProblems('withdrawn', '2020-01-01', '2019-06-01', null).map((p) => p.field)).toEqual(['reason']);
    expect(stageInputProblems('not_completed', '2020-01-01', '2019-06-01', '  ').map((p) => p.field)).toEqual(['reason']);
    expect(stageInputProblems('not_completed', '2020-01-01', '2019-06-01', 'Left the district')).toEqual([]);
    expect(stageInputProblems('enrolled', '2020-01-01', '2019-06-01', null)).toEqual([]);
  });

  it('names both problems at once', () => {
    expect(stageInputProblems('withdrawn', '2019-01-01', '2019-06-01', null).map((p) => p.field)).toEqual(['effectiveDate', 'reason']);
  });
});

describe('the day a role is checked', () => {
  it('is the day itself when it has come, today when it is ahead', () => {
    expect(dayToCheck('2020-08-01', '2026-12-02')).toBe('2020-08-01');
    expect(dayToCheck('2027-08-01', '2026-12-02')).toBe('2026-12-02');
    expect(dayToCheck('2026-12-02', '2026-12-02')).toBe('2026-12-02');
  });
});
