// Series completion: "attended at least N of M sessions", decided once every session is closed or cancelled.
// Credit comes twice: each attended session's own hours, and the series' completion hours on completion.
import type { AttendanceOutcome, EventStatus } from '@crosswalk/contracts';
import { type FieldProblem, problem } from '../problems';

export const MAX_COMPLETION_CREDIT_HOURS = 500;

export interface SeriesRule {
  /** N. */
  requiredSessions: number;
  /** M. */
  sessionCount: number;
  completionCreditHours: number;
}

// Credit is summed in hundredths of an hour: 0.1 + 0.2 hours must make 0.3, not 0.30000000000000004.
const toHundredths = (hours: number) => Math.round(hours * 100);
const fromHundredths = (hundredths: number) => hundredths / 100;

export function seriesRuleProblems(rule: SeriesRule): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { requiredSessions: n, sessionCount: m } = rule;
  if (!Number.isInteger(m) || m < 1) problems.push(problem('sessions', 'sessions_required', 'A series has at least one session'));
  if (!Number.isInteger(n) || n < 1) {
    problems.push(problem('requiredSessions', 'invalid_required_sessions', 'Completion needs at least one attended session'));
  } else if (Number.isInteger(m) && n > m) {
    problems.push(problem('requiredSessions', 'required_exceeds_sessions', `Completion cannot need ${n} of only ${m} sessions`));
  }
  const credit = rule.completionCreditHours;
  if (!Number.isFinite(credit) || credit < 0 || credit > MAX_COMPLETION_CREDIT_HOURS || Math.abs(credit * 100 - toHundredths(credit)) > 1e-6) {
    problems.push(
      problem(
        'completionCreditHours',
        'invalid_credit_hours',
        `Completion credit must be between 0 and ${MAX_COMPLETION_CREDIT_HOURS} hours, in hundredths at most`,
      ),
    );
  }
  return problems;
}

export interface SeriesSession {
  eventId: string;
  status: EventStatus;
  creditHours: number;
}

/** One registration's attendance outcome at one session (the current one, after corrections). */
export interface SessionAttendance {
  eventId: string;
  personId: string;
  outcome: AttendanceOutcome;
}

/** Completion is decided when the last session closes: no session is still scheduled. */
export function isDecidable(sessions: readonly SeriesSession[]): boolean {
  return sessions.length > 0 && sessions.every((s) => s.status !== 'scheduled');
}

/**
 * N as applied: never more than the sessions held, so cancelled sessions cannot make the series impossible
 * to complete for people who attended every session that took place.
 */
export function requiredSessionsApplied(requiredSessions: number, sessionsHeld: number): number {
  return Math.min(requiredSessions, sessionsHeld);
}

export interface ParticipantOutcome {
  personId: string;
  sessionsAttended: number;
  completed: boolean;
  sessionCreditHours: number;
  completionCreditHours: number;
}

export interface SeriesDecision {
  sessionsPlanned: number;
  sessionsHeld: number;
  requiredSessions: number;
  requiredSessionsApplied: number;
  completionCreditHours: number;
  /** Everyone with an outcome at a held session, by person id. */
  participants: ParticipantOutcome[];
}

/**
 * Who completed the series and the credit each earned. Only held (completed) sessions count; a person who
 * attended at least N of them completed it. A series with no session held has nobody completing it.
 */
export function decideCompletion(
  rule: Pick<SeriesRule, 'requiredSessions' | 'completionCreditHours'>,
  sessions: readonly SeriesSession[],
  attendance: readonly SessionAttendance[],
): SeriesDecision {
  if (!isDecidable(sessions)) throw new Error('Series completion is decided once no session is still scheduled');
  const held = new Map(sessions.filter((s) => s.status === 'completed').map((s) => [s.eventId, s]));
  const required = requiredSessionsApplied(rule.requiredSessions, held.size);

  // Per person, the held sessions attended; a set, so a duplicate outcome row cannot count a session twice.
  const attendedBy = new Map<string, Set<string>>();
  for (const a of attendance) {
    if (!held.has(a.eventId)) continue;
    const sessionsOf = attendedBy.get(a.personId) ?? new Set<string>();
    if (a.outcome === 'attended') sessionsOf.add(a.eventId);
    attendedBy.set(a.personId, sessionsOf);
  }

  const participants = [...attendedBy.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([personId, attended]): ParticipantOutcome => {
      const completed = held.size > 0 && attended.size >= required;
      const sessionCredit = [...attended].reduce((sum, eventId) => sum + toHundredths(held.get(eventId)?.creditHours ?? 0), 0);
      return {
        personId,
        sessionsAttended: attended.size,
        completed,
        sessionCreditHours: fromHundredths(sessionCredit),
        completionCreditHours: completed ? rule.completionCreditHours : 0,
      };
    });

  return {
    sessionsPlanned: sessions.length,
    sessionsHeld: held.size,
    requiredSessions: rule.requiredSessions,
    requiredSessionsApplied: required,
    completionCreditHours: rule.completionCreditHours,
    participants,
  };
}
