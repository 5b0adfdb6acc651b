import type { HolderKind } from '@crosswalk/contracts';

/** A leadership transition as the metrics read it (the stored fact, with its recording time in ms). */
export interface Transition {
  transitionId: string;
  holderKind: HolderKind;
  holderId: string;
  cityId: string;
  role: string;
  outgoingPersonId: string | null;
  incomingPersonId: string | null;
  /** `YYYY-MM-DD`: the incoming tenure starts that day, the outgoing one ended the day before. */
  effectiveDate: string;
  supersedesTransitionId: string | null;
  recordedAt: number;
}

/**
 * The transitions that count: a correction replaces the transition it supersedes (and a correction of a
 * correction replaces that one), so every superseded record is dropped whatever order they arrived in.
 */
export function withoutSuperseded<T extends Transition>(transitions: readonly T[]): T[] {
  const superseded = new Set(transitions.map((t) => t.supersedesTransitionId).filter((id): id is string => id !== null));
  return transitions.filter((t) => !superseded.has(t.transitionId));
}

/** By effective day, then by when they were recorded (two changes of one role on one day), then by id. */
export function chronologically(a: Transition, b: Transition): number {
  if (a.effectiveDate !== b.effectiveDate) return a.effectiveDate < b.effectiveDate ? -1 : 1;
  if (a.recordedAt !== b.recordedAt) return a.recordedAt - b.recordedAt;
  return a.transitionId < b.transitionId ? -1 : a.transitionId > b.transitionId ? 1 : 0;
}

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}
