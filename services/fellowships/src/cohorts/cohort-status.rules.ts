// A cohort's status machine: planned → active → completed, or cancelled from planned or active.
import type { CohortStatus } from '@crosswalk/contracts';

export type CohortAction = 'start' | 'complete' | 'cancel';

const MOVES: Readonly<Record<CohortAction, { from: readonly CohortStatus[]; to: CohortStatus }>> = {
  start: { from: ['planned'], to: 'active' },
  complete: { from: ['active'], to: 'completed' },
  cancel: { from: ['planned', 'active'], to: 'cancelled' },
};

/** The status `action` moves the cohort to, or null when its current status does not allow it. */
export function cohortMove(status: CohortStatus, action: CohortAction): CohortStatus | null {
  const move = MOVES[action];
  return move.from.includes(status) ? move.to : null;
}

/** Bad dates in a cohort: it may not end before it starts. */
export function cohortDateProblems(startsOn: string, endsOn: string): string[] {
  return endsOn < startsOn ? [`endsOn ${endsOn} is before startsOn ${startsOn}`] : [];
}

/**
 * The day a move takes effect may not come before the cohort's previous move, so its history reads in order. It
 * may differ from the planned dates: cohorts start late, or end early.
 */
export function cohortMoveDateProblem(on: string, latestEffectiveDate: string): string | null {
  return on < latestEffectiveDate ? `on ${on} is before the cohort's latest status change (${latestEffectiveDate})` : null;
}
