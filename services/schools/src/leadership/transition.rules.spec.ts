import { type TenureFact, TransitionConflict, holdsOn, planCorrection, planTransition } from './transition.rules';

const tenure = (id: string, personId: string, startDate: string, endDate: string | null = null): TenureFact => ({ id, personId, startDate, endDate });
const single = { singleHolder: true } as const;
const multi = { singleHolder: false } as const;

describe('holdsOn', () => {
  it('includes both ends and treats an open end as holding', () => {
    expect(holdsOn(tenure('t', 'p', '2020-01-01', '2020-12-31'), '2020-01-01')).toBe(true);
    expect(holdsOn(tenure('t', 'p', '2020-01-01', '2020-12-31'), '2020-12-31')).toBe(true);
    expect(holdsOn(tenure('t', 'p', '2020-01-01', '2020-12-31'), '2021-01-01')).toBe(false);
    expect(holdsOn(tenure('t', 'p', '2020-01-01'), '2019-12-31')).toBe(false);
    expect(holdsOn(tenure('t', 'p', '2020-01-01'), '2099-01-01')).toBe(true);
  });
});

describe('planTransition, single-holder role', () => {
  const current = tenure('t1', 'maria', '2020-07-01');

  it('appoints to a vacant role with no outgoing tenure', () => {
    expect(planTransition([], { ...single, incomingPersonId: 'maria', effectiveDate: '2020-07-01' })).toEqual({
      ending: null,
      starting: { personId: 'maria', startDate: '2020-07-01' },
    });
  });

  it('ends the current tenure the day before the incoming one starts', () => {
    expect(planTransition([current], { ...single, incomingPersonId: 'james', effectiveDate: '2023-08-15' })).toEqual({
      ending: { tenure: current, endDate: '2023-08-14' },
      starting: { personId: 'james', startDate: '2023-08-15' },
    });
  });

  it('leaves a vacancy when nobody comes in', () => {
    expect(planTransition([current], { ...single, incomingPersonId: null, effectiveDate: '2023-08-15' })).toEqual({
      ending: { tenure: current, endDate: '2023-08-14' },
      starting: null,
    });
  });

  it('refuses an effective date on or before the current tenure start', () => {
    for (const effectiveDate of ['2020-07-01', '2020-06-30']) {
      expect(() => planTransition([current], { ...single, incomingPersonId: 'james', effectiveDate })).toThrow(TransitionConflict);
    }
  });

  it('refuses no-ops: the holder again, a vacancy into a vacancy', () => {
    expect(() => planTransition([current], { ...single, incomingPersonId: 'maria', effectiveDate: '2023-01-01' })).toThrow(/already holds/);
    expect(() => planTransition([], { ...single, incomingPersonId: null, effectiveDate: '2023-01-01' })).toThrow(/already vacant/);
  });

  it('refuses an appointment overlapping an earlier, ended tenure', () => {
    const ended = tenure('t1', 'maria', '2020-07-01', '2023-06-30');
    expect(() => planTransition([ended], { ...single, incomingPersonId: 'james', effectiveDate: '2023-06-30' })).toThrow(/overlaps/);
    expect(planTransition([ended], { ...single, incomingPersonId: 'james', effectiveDate: '2023-07-01' }).starting).toEqual({
      personId: 'james',
      startDate: '2023-07-01',
    });
  });

  it('refuses outgoingPersonId (the current holder is always the outgoing one)', () => {
    expect(() => planTransition([current], { ...single, outgoingPersonId: 'maria', incomingPersonId: 'james', effectiveDate: '2023-01-01' })).toThrow(
      TransitionConflict,
    );
  });
});

describe('planTransition, multi-holder role', () => {
  const maria = tenure('t1', 'maria', '2020-07-01');
  const james = tenure('t2', 'james', '2021-07-01');

  it('adds a holder without ending anyone', () => {
    expect(planTransition([maria], { ...multi, incomingPersonId: 'james', effectiveDate: '2021-07-01' })).toEqual({
      ending: null,
      starting: { personId: 'james', startDate: '2021-07-01' },
    });
  });

  it('ends the named outgoing holder only', () => {
    expect(planTransition([maria, james], { ...multi, outgoingPersonId: 'maria', incomingPersonId: 'ana', effectiveDate: '2022-01-10' })).toEqual({
      ending: { tenure: maria, endDate: '2022-01-09' },
      starting: { personId: 'ana', startDate: '2022-01-10' },
    });
    expect(planTransition([maria, james], { ...multi, outgoingPersonId: 'james', incomingPersonId: null, effectiveDate: '2022-01-10' }).ending?.tenure).toBe(
      james,
    );
  });

  it('refuses an outgoing person who does not hold the role, the same person in and out, and nothing at all', () => {
    expect(() => planTransition([maria], { ...multi, outgoingPersonId: 'ana', incomingPersonId: null, effectiveDate: '2022-01-10' })).toThrow(
      /does not currently hold/,
    );
    expect(() => planTransition([maria], { ...multi, outgoingPersonId: 'maria', incomingPersonId: 'maria', effectiveDate: '2022-01-10' })).toThrow(
      TransitionConflict,
    );
    expect(() => planTransition([maria], { ...multi, incomingPersonId: null, effectiveDate: '2022-01-10' })).toThrow(/Nothing changes/);
  });

  it('refuses a second concurrent tenure of one person, but allows a return after the first ended', () => {
    expect(() => planTransition([maria], { ...multi, incomingPersonId: 'maria', effectiveDate: '2022-01-10' })).toThrow(/already holds/);
    const ended = tenure('t1', 'maria', '2020-07-01', '2021-06-30');
    expect(() => planTransition([ended], { ...multi, incomingPersonId: 'maria', effectiveDate: '2021-06-30' })).toThrow(/overlaps/);
    expect(planTransition([ended, james], { ...multi, incomingPersonId: 'maria', effectiveDate: '2021-07-01' }).starting).toEqual({
      personId: 'maria',
      startDate: '2021-07-01',
    });
  });
});

describe('planCorrection', () => {
  const mariaEnded = tenure('t1', 'maria', '2019-07-01', '2023-06-30');
  const jamesStarted = tenure('t2', 'james', '2023-07-01');
  const replacement = { outgoingPersonId: 'maria', endedTenureId: 't1', startedTenureId: 't2' };

  it('replays the change as if the original had not happened: new date and new incoming person', () => {
    const plan = planCorrection([mariaEnded, jamesStarted], replacement, { ...single, incomingPersonId: 'ana', effectiveDate: '2023-08-01' });
    expect(plan.ending).toEqual({ tenure: { ...mariaEnded, endDate: null }, endDate: '2023-07-31' });
    expect(plan.starting).toEqual({ personId: 'ana', startDate: '2023-08-01' });
  });

  it('can turn a replacement into a vacancy, or keep the same incoming person on another date', () => {
    expect(planCorrection([mariaEnded, jamesStarted], replacement, { ...single, incomingPersonId: null, effectiveDate: '2023-07-01' }).starting).toBeNull();
    expect(planCorrection([mariaEnded, jamesStarted], replacement, { ...single, incomingPersonId: 'james', effectiveDate: '2023-09-01' }).starting).toEqual({
      personId: 'james',
      startDate: '2023-09-01',
    });
  });

  it('keeps the outgoing tenure valid: the corrected date must still be after its start', () => {
    expect(() => planCorrection([mariaEnded, jamesStarted], replacement, { ...single, incomingPersonId: 'ana', effectiveDate: '2019-07-01' })).toThrow(
      TransitionConflict,
    );
  });

  it('corrects a first appointment, and refuses correcting it into nothing', () => {
    const first = { outgoingPersonId: null, endedTenureId: null, startedTenureId: 't2' };
    expect(planCorrection([jamesStarted], first, { ...single, incomingPersonId: 'ana', effectiveDate: '2023-07-01' })).toEqual({
      ending: null,
      starting: { personId: 'ana', startDate: '2023-07-01' },
    });
    expect(() => planCorrection([jamesStarted], first, { ...single, incomingPersonId: null, effectiveDate: '2023-07-01' })).toThrow(/already vacant/);
  });

  it('keeps a multi-holder correction on the same outgoing person', () => {
    const other = tenure('t3', 'ana', '2020-01-01');
    const plan = planCorrection([mariaEnded, jamesStarted, other], replacement, { ...multi, incomingPersonId: 'james', effectiveDate: '2023-09-01' });
    expect(plan.ending?.tenure.id).toBe('t1');
    expect(plan.ending?.endDate).toBe('2023-08-31');
  });
});
