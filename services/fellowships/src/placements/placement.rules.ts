// The placement rules as plain functions of the directory's tenure events: which tenure confirms a placement,
// when and why the placement ended, and the retention answer on a checkpoint day. The service reads the copy
// and applies these; the unit tests feed them tenure histories directly.
import { type FellowStage, type PlacementEndCause, type ProgramKind, type RetentionOutcome, type RetentionYear, dayBefore } from '@crosswalk/contracts';

/** A leadership transition at the placement school, as the directory copy keeps it. */
export interface TransitionFact {
  id: string;
  role: string;
  outgoingPersonId: string | null;
  incomingPersonId: string | null;
  effectiveDate: string;
  recordedAt: Date;
  /** A correction replaced it: it no longer counts. */
  supersededBy: string | null;
}

/** One stretch of a person holding a role at a school: from the transition that appointed them to the one they left by. */
export interface Tenure {
  transitionId: string;
  startedOn: string;
  /** The effective date of the transition they left by: the first day they no longer held the role. */
  leftOn: string | null;
  leftByTransitionId: string | null;
}

/** The programs a fellow may be placed during (once enrolled), rather than only after completing. */
export const RESIDENCY_KINDS: readonly ProgramKind[] = ['principal_residency', 'teacher_residency'];

export interface Refusal {
  code: string;
  message: string;
}

/**
 * Whether the fellow's stage allows a placement: after the program (completed), or during it (enrolled) for a
 * residency. Before enrolment is refused, and so is a fellow who left the program.
 */
export function placementRefusal(stage: FellowStage, programKind: ProgramKind): Refusal | null {
  if (stage === 'completed') return null;
  if (stage === 'enrolled') {
    return RESIDENCY_KINDS.includes(programKind)
      ? null
      : { code: 'placement_before_completion', message: `A ${programKind} places its fellows after the program: the fellow is still enrolled` };
  }
  if (stage === 'applied' || stage === 'accepted')
    return { code: 'placement_before_enrolment', message: `The fellow is ${stage}, not enrolled yet: no placement before enrolment` };
  return { code: 'fellow_not_completed', message: `The fellow is ${stage}: they left the program and are not placed through it` };
}

/**
 * The earliest start a placement may have: the day the fellow enrolled for a residency (placed during the
 * program), the day they completed otherwise. Null when the history has no such day (then the stage refuses).
 */
export function earliestPlacementStart(history: readonly { toStage: FellowStage; effectiveDate: string }[], programKind: ProgramKind): string | null {
  const stage: FellowStage = RESIDENCY_KINDS.includes(programKind) ? 'enrolled' : 'completed';
  return history.find((h) => h.toStage === stage)?.effectiveDate ?? null;
}

/** Transitions in the order they took effect: effective date, then when they were recorded, then id. */
function inOrder(a: TransitionFact, b: TransitionFact): number {
  return a.effectiveDate.localeCompare(b.effectiveDate) || new Date(a.recordedAt).getTime() - new Date(b.recordedAt).getTime() || a.id.localeCompare(b.id);
}

/**
 * The person's tenures in `role` from the transitions at one school (superseded ones do not count): each
 * transition that makes them the holder opens one, the next that has them as outgoing person closes it.
 */
export function tenuresOf(transitions: readonly TransitionFact[], personId: string, role: string): Tenure[] {
  const tenures: Tenure[] = [];
  let open: Tenure | null = null;
  for (const t of transitions.filter((t) => t.role === role && t.supersededBy === null).sort(inOrder)) {
    if (open && t.outgoingPersonId === personId) {
      open.leftOn = t.effectiveDate;
      open.leftByTransitionId = t.id;
      open = null;
    }
    if (!open && t.incomingPersonId === personId) {
      open = { transitionId: t.id, startedOn: t.effectiveDate, leftOn: null, leftByTransitionId: null };
      tenures.push(open);
    }
  }
  return tenures;
}

/** `day` plus whole years; 29 February becomes 28 February in a year without one. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const lastOfMonth = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastOfMonth)).padStart(2, '0')}`;
}

/** The checkpoint of `year`: the placement's start plus that many years. */
export const checkpointOn = (startsOn: string, year: RetentionYear): string => addYears(startsOn, year);

/**
 * The tenure that confirms a placement starting on `startsOn`: the person's tenure in the role at the school that
 * is in force on `startsOn` (began on or before it, not left by then); otherwise the first one that begins after
 * it and before the first checkpoint (an appointment recorded a little later than the placement's start). A
 * tenure beginning a year or more later is another story, not this placement.
 */
export function matchingTenure(tenures: readonly Tenure[], startsOn: string): Tenure | null {
  const inForce = tenures.filter((t) => t.startedOn <= startsOn && (t.leftOn === null || t.leftOn > startsOn)).at(-1);
  if (inForce) return inForce;
  const horizon = checkpointOn(startsOn, 1);
  return tenures.find((t) => t.startedOn > startsOn && t.startedOn < horizon) ?? null;
}

export interface PlacementEnd {
  cause: PlacementEndCause;
  /** The placement's last day: the day before the departure took effect, or the school's last day (never before its start). */
  endedOn: string;
  transitionId: string | null;
}

/**
 * How the placement ended, if it did: the confirming tenure was left (a transition with the fellow outgoing), or
 * the school closed, whichever came first. An unconfirmed placement can end only by the closure.
 */
export function placementEnd(matched: Tenure | null, closedOn: string | null, startsOn: string): PlacementEnd | null {
  const lastDay = (day: string): string => (dayBefore(day) < startsOn ? startsOn : dayBefore(day));
  // A closure's effective date is the school's last day (its tenures end that day); a departure's is the first day
  // the role is someone else's.
  if (closedOn !== null && (matched?.leftOn == null || closedOn < matched.leftOn)) {
    return { cause: 'school_closed', endedOn: closedOn < startsOn ? startsOn : closedOn, transitionId: null };
  }
  if (matched?.leftOn) return { cause: 'left_role', endedOn: lastDay(matched.leftOn), transitionId: matched.leftByTransitionId };
  return null;
}

export interface RetentionQuestion {
  tenures: readonly Tenure[];
  matched: Tenure | null;
  closedOn: string | null;
  checkpointOn: string;
  /** The day the answer is given on: a checkpoint after it has not come yet. */
  today: string;
}

/**
 * Retention on a checkpoint day, from tenure events only. `unknown` before the day comes, or when the directory
 * has no tenure for the placement (not confirmed); `left` when the school's last day came before it; `retained`
 * when the person held the role at the school that day (a return after leaving counts); `left` when the
 * confirming tenure ended on or before it.
 */
export function retentionOutcome(q: RetentionQuestion): RetentionOutcome {
  if (q.checkpointOn > q.today || q.matched === null) return 'unknown';
  if (q.closedOn !== null && q.closedOn < q.checkpointOn) return 'left';
  if (q.tenures.some((t) => t.startedOn <= q.checkpointOn && (t.leftOn === null || t.leftOn > q.checkpointOn))) return 'retained';
  if (q.matched.leftOn !== null && q.matched.leftOn <= q.checkpointOn) return 'left';
  return 'unknown';
}
