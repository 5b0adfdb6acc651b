// A fellow's stage machine and the order of its dates, as plain functions: no Nest, no TypeORM, no clock.
import { type CohortStatus, type FellowStage } from '@crosswalk/contracts';

/** The path a fellow walks, one stage at a time. */
export const STAGE_PATH: readonly FellowStage[] = ['applied', 'accepted', 'enrolled', 'completed'];

/** Stages a fellow can leave by, from any stage that is not final; each needs a reason. */
export const EXIT_STAGES: readonly FellowStage[] = ['withdrawn', 'not_completed'];

export const FINAL_STAGES: readonly FellowStage[] = ['completed', 'withdrawn', 'not_completed'];

export function isFinalStage(stage: FellowStage): boolean {
  return FINAL_STAGES.includes(stage);
}

/** Still in the program: told when it is discontinued or the cohort cancelled, and counted as "in a cohort". */
export function isActiveStage(stage: FellowStage): boolean {
  return !isFinalStage(stage);
}

/** A cohort a fellow can still be added to, and whose fellows count as in an active cohort of the program. */
export function isLiveCohort(status: CohortStatus): boolean {
  return status === 'planned' || status === 'active';
}

/** Why a stage change is refused: a stable code (the problem's `reason`) and a sentence. */
export interface StageRefusal {
  code: 'stage_final' | 'stage_skipped' | 'stage_unchanged' | 'cohort_closed';
  message: string;
}

/**
 * Whether `current → next` is a move the machine allows: the next stage on the path, or an exit from any stage
 * that is not final. In a cancelled cohort only exits remain (nothing can be completed in it any more).
 */
export function stageRefusal(current: FellowStage, next: FellowStage, cohortStatus: CohortStatus): StageRefusal | null {
  if (isFinalStage(current)) return { code: 'stage_final', message: `The fellow is ${current}: a final stage never changes` };
  if (current === next) return { code: 'stage_unchanged', message: `The fellow is already ${current}` };
  if (EXIT_STAGES.includes(next)) return null;
  const expected = STAGE_PATH[STAGE_PATH.indexOf(current) + 1];
  if (next !== expected) return { code: 'stage_skipped', message: `From ${current} the next stage is ${expected} (or withdrawn, not_completed), not ${next}` };
  if (cohortStatus === 'cancelled')
    return { code: 'cohort_closed', message: `The cohort was cancelled: its fellows can only leave it (withdrawn, not_completed)` };
  return null;
}

/** A field that is wrong in a stage change, as `field: message` pairs. */
export interface StageFieldProblem {
  field: 'effectiveDate' | 'reason';
  message: string;
}

/**
 * Bad input in a stage change: an exit without a reason, or a date before the latest stage's (dates in the past
 * are normal, when history is backfilled; a history out of order is not).
 */
export function stageInputProblems(next: FellowStage, effectiveDate: string, latestEffectiveDate: string, reason: string | null): StageFieldProblem[] {
  const problems: StageFieldProblem[] = [];
  if (effectiveDate < latestEffectiveDate) {
    problems.push({ field: 'effectiveDate', message: `effectiveDate ${effectiveDate} is before the fellow's latest stage change (${latestEffectiveDate})` });
  }
  if (EXIT_STAGES.includes(next) && !reason?.trim()) problems.push({ field: 'reason', message: `reason is required for ${next}` });
  return problems;
}

/** The day against which a role is checked: the day itself when it has come, today when it is still ahead. */
export function dayToCheck(day: string, today: string): string {
  return day < today ? day : today;
}
