import {
  type Tenure,
  type TransitionFact,
  addYears,
  earliestPlacementStart,
  matchingTenure,
  placementEnd,
  placementRefusal,
  retentionOutcome,
  tenuresOf,
} from './placement.rules';

const FELLOW = 'fellow-person';
const OTHER = 'other-person';
let recorded = 0;
/** A principal transition at the placement school, recorded in the order the test builds them. */
const transition = (id: string, from: string | null, to: string | null, effectiveDate: string, over: Partial<TransitionFact> = {}): TransitionFact => ({
  id,
  role: 'principal',
  outgoingPersonId: from,
  incomingPersonId: to,
  effectiveDate,
  recordedAt: new Date(Date.UTC(2030, 0, 1, 0, 0, 0, ++recorded)),
  supersededBy: null,
  ...over,
});
const tenure = (over: Partial<Tenure> = {}): Tenure => ({ transitionId: 't1', startedOn: '2027-07-01', leftOn: null, leftByTransitionId: null, ...over });

describe('placement stage rules', () => {
  it('places a completed fellow of any program, and an enrolled one of a residency only', () => {
    expect(placementRefusal('completed', 'fellowship')).toBeNull();
    expect(placementRefusal('enrolled', 'principal_residency')).toBeNull();
    expect(placementRefusal('enrolled', 'teacher_residency')).toBeNull();
    expect(placementRefusal('enrolled', 'leadership_fellowship')?.code).toBe('placement_before_completion');
  });

  it.each(['applied', 'accepted'] as const)('refuses a placement before enrolment (%s)', (stage) => {
    expect(placementRefusal(stage, 'principal_residency')?.code).toBe('placement_before_enrolment');
  });

  it.each(['withdrawn', 'not_completed'] as const)('refuses a fellow who left the program (%s)', (stage) => {
    expect(placementRefusal(stage, 'principal_residency')?.code).toBe('fellow_not_completed');
  });

  it('lets a residency place from the enrolment day, other programs from the completion day', () => {
    const history = [
      { toStage: 'applied' as const, effectiveDate: '2026-04-01' },
      { toStage: 'accepted' as const, effectiveDate: '2026-05-01' },
      { toStage: 'enrolled' as const, effectiveDate: '2026-08-01' },
      { toStage: 'completed' as const, effectiveDate: '2027-06-30' },
    ];
    expect(earliestPlacementStart(history, 'principal_residency')).toBe('2026-08-01');
    expect(earliestPlacementStart(history, 'fellowship')).toBe('2027-06-30');
  });
});

describe('tenures from transitions', () => {
  it('opens a tenure on each appointment and closes it on the departure that names the person outgoing', () => {
    const history = [
      transition('a', OTHER, FELLOW, '2027-07-01'),
      transition('b', FELLOW, OTHER, '2028-03-01'),
      transition('c', OTHER, FELLOW, '2029-07-01'),
      transition('x', null, FELLOW, '2027-08-01', { role: 'teacher' }),
    ];
    expect(tenuresOf(history, FELLOW, 'principal')).toEqual([
      { transitionId: 'a', startedOn: '2027-07-01', leftOn: '2028-03-01', leftByTransitionId: 'b' },
      { transitionId: 'c', startedOn: '2029-07-01', leftOn: null, leftByTransitionId: null },
    ]);
  });

  it('ignores a superseded transition: the correction counts instead', () => {
    const history = [
      transition('a', OTHER, FELLOW, '2027-07-01'),
      transition('b', FELLOW, OTHER, '2028-03-01', { supersededBy: 'b2' }),
      transition('b2', FELLOW, OTHER, '2028-09-01'),
    ];
    expect(tenuresOf(history, FELLOW, 'principal')).toEqual([{ transitionId: 'a', startedOn: '2027-07-01', leftOn: '2028-09-01', leftByTransitionId: 'b2' }]);
  });

  it('orders two transitions of one day as they were recorded', () => {
    const history = [transition('in', OTHER, FELLOW, '2027-07-01'), transition('out', FELLOW, OTHER, '2027-07-01')];
    expect(tenuresOf([...history].reverse(), FELLOW, 'principal')).toEqual([
      { transitionId: 'in', startedOn: '2027-07-01', leftOn: '2027-07-01', leftByTransitionId: 'out' },
    ]);
  });
});

describe('confirmation: the tenure a placement matches', () => {
  it('matches the tenure in force on the start, even one begun before it', () => {
    expect(matchingTenure([tenure({ startedOn: '2027-06-15' })], '2027-07-01')?.transitionId).toBe('t1');
  });

  it('matches an appointment recorded after the start, before the first checkpoint', () => {
    expect(matchingTenure([tenure({ startedOn: '2027-08-15' })], '2027-07-01')?.startedOn).toBe('2027-08-15');
    expect(matchingTenure([tenure({ startedOn: '2028-07-01' })], '2027-07-01')).toBeNull();
  });

  it('does not match a tenure left before the start, nor an empty history', () => {
    expect(matchingTenure([tenure({ startedOn: '2025-07-01', leftOn: '2026-07-01' })], '2027-07-01')).toBeNull();
    expect(matchingTenure([], '2027-07-01')).toBeNull();
  });
});

describe('how a placement ends', () => {
  it('ends the day before the departure took effect, naming the transition', () => {
    expect(placementEnd(tenure({ leftOn: '2028-03-01', leftByTransitionId: 'b' }), null, '2027-07-01')).toEqual({
      cause: 'left_role',
      endedOn: '2028-02-29',
      transitionId: 'b',
    });
  });

  it('ends with the school closure when it came first, confirmed or not', () => {
    expect(placementEnd(tenure({ leftOn: '2029-01-01' }), '2028-06-30', '2027-07-01')).toEqual({
      cause: 'school_closed',
      endedOn: '2028-06-30',
      transitionId: null,
    });
    expect(placementEnd(null, '2028-06-30', '2027-07-01')?.cause).toBe('school_closed');
    // The closure's day is the school's last; a departure's is the first day without the role.
    expect(placementEnd(tenure({ leftOn: '2028-06-30', leftByTransitionId: 'b' }), '2028-06-30', '2027-07-01')?.cause).toBe('left_role');
  });

  it('runs on while the tenure does, and never ends before it started', () => {
    expect(placementEnd(tenure(), null, '2027-07-01')).toBeNull();
    expect(placementEnd(null, null, '2027-07-01')).toBeNull();
    expect(placementEnd(tenure({ startedOn: '2027-07-01', leftOn: '2027-07-01', leftByTransitionId: 'b' }), null, '2027-07-01')?.endedOn).toBe('2027-07-01');
  });
});

describe('retention on a checkpoint day', () => {
  const ask = (tenures: Tenure[], checkpointOn: string, today = '2035-01-01', closedOn: string | null = null) =>
    retentionOutcome({ tenures, matched: matchingTenure(tenures, '2027-07-01'), closedOn, checkpointOn, today });

  it('is retained when the person held the role that day', () => {
    expect(ask([tenure()], '2028-07-01')).toBe('retained');
    expect(ask([tenure({ leftOn: '2028-07-02' })], '2028-07-01')).toBe('retained');
  });

  it('is left when the tenure ended on or before the day', () => {
    expect(ask([tenure({ leftOn: '2028-03-01' })], '2028-07-01')).toBe('left');
    expect(ask([tenure({ leftOn: '2028-07-01' })], '2028-07-01')).toBe('left');
  });

  it('is left when the school’s last day came before the checkpoint', () => {
    expect(ask([tenure()], '2028-07-01', '2035-01-01', '2028-06-30')).toBe('left');
    expect(ask([tenure()], '2028-07-01', '2035-01-01', '2028-07-01')).toBe('retained');
  });

  it('is unknown before the day comes, whatever the tenures say', () => {
    expect(ask([tenure()], '2028-07-01', '2028-06-30')).toBe('unknown');
    expect(ask([tenure({ leftOn: '2027-09-01' })], '2028-07-01', '2028-06-30')).toBe('unknown');
  });

  it('is unknown when the directory has no tenure for the placement (not left)', () => {
    expect(ask([], '2028-07-01')).toBe('unknown');
    expect(ask([], '2028-07-01', '2035-01-01', '2028-01-01')).toBe('unknown');
  });

  it('counts a return to the role as retained on a later checkpoint', () => {
    const tenures = [tenure({ leftOn: '2028-03-01' }), tenure({ transitionId: 't2', startedOn: '2029-01-01' })];
    expect(ask(tenures, '2028-07-01')).toBe('left');
    expect(ask(tenures, '2029-07-01')).toBe('retained');
  });

  it('follows a correction: the same history with the departure moved answers differently', () => {
    const original = [transition('a', OTHER, FELLOW, '2027-07-01'), transition('b', FELLOW, OTHER, '2028-03-01')];
    expect(ask(tenuresOf(original, FELLOW, 'principal'), '2028-07-01')).toBe('left');
    const corrected = [original[0], { ...original[1], supersededBy: 'b2' }, transition('b2', FELLOW, OTHER, '2028-09-01')];
    expect(ask(tenuresOf(corrected, FELLOW, 'principal'), '2028-07-01')).toBe('retained');
  });
});

describe('checkpoint days', () => {
  it('adds whole years, 29 February landing on 28 February', () => {
    expect(addYears('2027-07-01', 1)).toBe('2028-07-01');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
  });
});
