import type { FellowStage, RetentionOutcome, RetentionYear, SchoolSector } from '@crosswalk/contracts';
import { NO_SECTOR } from '../programs/participation.rules';

/** A fellow's origin sector as the tallies name it: `none` when the directory knew no school for them. */
export type OriginSector = SchoolSector | typeof NO_SECTOR;

export function originSectorOf(sector: SchoolSector | null): OriginSector {
  return sector ?? NO_SECTOR;
}

/**
 * How far along a stage is. A fellow only ever moves forward (`applied → accepted → enrolled`, then one final
 * stage; no stage is entered twice), so a record whose stage is not further than the one already counted is a
 * repeat and changes nothing: that keeps the figures exact when records are applied again.
 */
const STAGE_RANK: Record<FellowStage, number> = { applied: 0, accepted: 1, enrolled: 2, completed: 3, withdrawn: 3, not_completed: 3 };

export function advances(from: FellowStage | null, to: FellowStage): boolean {
  return from === null || STAGE_RANK[to] > STAGE_RANK[from];
}

/** Stages that mean the fellow was enrolled: `completed` is only reached from `enrolled`. */
export function reachesEnrolment(stage: FellowStage): boolean {
  return stage === 'enrolled' || stage === 'completed';
}

/** What the tallies keep for one fellow. */
export interface FellowFigures {
  applied: number;
  enrolled: number;
  completed: number;
  withdrawn: number;
  notCompleted: number;
  placed: number;
  placedConfirmed: number;
}

/** One fellow as the projection knows them. */
export interface FellowFacts {
  /** The latest stage (null: a placement or mentorship was heard of before any stage record). */
  stage: FellowStage | null;
  /** Ever enrolled: a fellow who later withdrew still counts as enrolled. */
  enrolled: boolean;
  placements: number;
  confirmedPlacements: number;
}

export function fellowFigures(f: FellowFacts): FellowFigures {
  return {
    applied: f.stage === null ? 0 : 1,
    enrolled: f.enrolled ? 1 : 0,
    completed: f.stage === 'completed' ? 1 : 0,
    withdrawn: f.stage === 'withdrawn' ? 1 : 0,
    notCompleted: f.stage === 'not_completed' ? 1 : 0,
    placed: f.placements > 0 ? 1 : 0,
    placedConfirmed: f.confirmedPlacements > 0 ? 1 : 0,
  };
}

/** What a change of one fellow's facts changes in their tally (only the figures that move). */
export function fellowChange(before: FellowFacts, after: FellowFacts): Partial<FellowFigures> {
  const from = fellowFigures(before);
  const to = fellowFigures(after);
  const change: Partial<FellowFigures> = {};
  for (const key of Object.keys(to) as (keyof FellowFigures)[]) {
    if (to[key] !== from[key]) change[key] = to[key] - from[key];
  }
  return change;
}

export type RetentionColumn = `${'retained' | 'left'}${RetentionYear}y`;

/**
 * What replacing a placement's checkpoint outcome of one year changes: `retained` and `left` are tallied,
 * `unknown` is what is neither (so a placement with no checkpoint yet is unknown too).
 */
export function retentionChange(year: RetentionYear, from: RetentionOutcome | null, to: RetentionOutcome): Partial<Record<RetentionColumn, number>> {
  const change: Partial<Record<RetentionColumn, number>> = {};
  if (from === to) return change;
  if (from === 'retained' || from === 'left') change[`${from}${year}y`] = -1;
  if (to === 'retained' || to === 'left') change[`${to}${year}y`] = 1;
  return change;
}
