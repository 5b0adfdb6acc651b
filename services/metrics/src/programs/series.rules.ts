import { share } from '../reporting/share.rules';

export interface ParticipantOutcome {
  completed: boolean;
  sessionCreditHours: number;
  completionCreditHours: number;
}

export interface SeriesOutcome {
  /** Everyone whose registration reached attendance (attended or no-show) in at least one session. */
  participants: number;
  /** Those who attended at least N of the M sessions. */
  completed: number;
  /** Session credit plus completion credit, all participants together, two decimals. */
  creditHours: number;
}

export function seriesOutcome(participants: readonly ParticipantOutcome[]): SeriesOutcome {
  // Credit hours have at most two decimals: adding hundredths as integers keeps the total exact.
  const hundredths = participants.reduce((sum, p) => sum + Math.round(p.sessionCreditHours * 100) + Math.round(p.completionCreditHours * 100), 0);
  return { participants: participants.length, completed: participants.filter((p) => p.completed).length, creditHours: hundredths / 100 };
}

/** completed / participants, four decimals; null before completion or without participants. */
export function completionRate(completed: number | null, participants: number | null): number | null {
  return completed === null || participants === null ? null : share(completed, participants);
}
