import { cohortDateProblems, cohortMove, cohortMoveDateProblem } from './cohort-status.rules';

describe('the cohort status machine', () => {
  it('goes planned → active → completed', () => {
    expect(cohortMove('planned', 'start')).toBe('active');
    expect(cohortMove('active', 'complete')).toBe('completed');
  });

  it('cancels a planned or an active cohort', () => {
    expect(cohortMove('planned', 'cancel')).toBe('cancelled');
    expect(cohortMove('active', 'cancel')).toBe('cancelled');
  });

  it.each([
    ['planned', 'complete'],
    ['active', 'start'],
    ['completed', 'start'],
    ['completed', 'cancel'],
    ['cancelled', 'start'],
    ['cancelled', 'cancel'],
  ] as const)('refuses to %2$s a %1$s cohort', (status, action) => {
    expect(cohortMove(status, action)).toBeNull();
  });
});

describe('cohort dates', () => {
  it('may end on the day it starts, not before', () => {
    expect(cohortDateProblems('2026-08-01', '2026-08-01')).toEqual([]);
    expect(cohortDateProblems('2026-08-01', '2026-07-31')).toEqual([expect.stringContaining('before startsOn')]);
  });

  it('moves on or after its latest status change', () => {
    expect(cohortMoveDateProblem('2026-08-01', '2026-08-01')).toBeNull();
    expect(cohortMoveDateProblem('2026-07-31', '2026-08-01')).toEqual(expect.stringContaining('2026-08-01'));
  });
});
