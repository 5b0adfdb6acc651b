// Who holds a role when: the rules of a leadership transition and of its correction, over the tenures of one
// holder (school or organization) and one role. Plain data in, a plan or a TransitionConflict out.
import { dayBefore } from '@crosswalk/contracts';

/** A tenure that still counts (corrections' superseded tenures are left out before the rules see them). */
export interface TenureFact {
  id: string;
  personId: string;
  /** `YYYY-MM-DD`, inclusive. */
  startDate: string;
  /** `YYYY-MM-DD`, inclusive; null while the person holds the role. */
  endDate: string | null;
}

export interface TransitionRequest {
  /** Principal at a school, chief at an organization: at most one current holder. */
  singleHolder: boolean;
  incomingPersonId: string | null;
  /** Multi-holder roles only: whose tenure ends. Single-holder roles always end the current holder's. */
  outgoingPersonId?: string | null;
  effectiveDate: string;
}

export interface TransitionPlan {
  /** The tenure that ends, and its last day (the day before the effective date). */
  ending: { tenure: TenureFact; endDate: string } | null;
  /** The tenure that starts on the effective date. */
  starting: { personId: string; startDate: string } | null;
}

/** The request contradicts the recorded history: a 409 for the caller. */
export class TransitionConflict extends Error {}

/** Whether `tenure` covers `on` (both ends inclusive). */
export function holdsOn(tenure: Pick<TenureFact, 'startDate' | 'endDate'>, on: string): boolean {
  return tenure.startDate <= on && (tenure.endDate === null || tenure.endDate >= on);
}

/**
 * Plans a transition: the outgoing tenure ends the day before `effectiveDate`, the incoming one starts on it.
 * A tenure can only end after it started, so an effective date on or before the outgoing tenure's start is
 * refused (a same-day replacement would end a tenure before it begins), and a change that changes nothing
 * (the incoming person already holds the role; a vacancy into a vacancy) is refused too.
 */
export function planTransition(tenures: readonly TenureFact[], request: TransitionRequest): TransitionPlan {
  const { singleHolder, incomingPersonId, effectiveDate } = request;
  const open = tenures.filter((t) => t.endDate === null);
  let ending: TenureFact | null;
  if (singleHolder) {
    if (request.outgoingPersonId)
      throw new TransitionConflict('outgoingPersonId is only for roles with several holders; the current holder is the outgoing one');
    if (open.length > 1) throw new TransitionConflict(`The role has ${open.length} current holders; correct the history first`);
    ending = open[0] ?? null;
  } else {
    const outgoing = request.outgoingPersonId ?? null;
    ending = outgoing === null ? null : (open.find((t) => t.personId === outgoing) ?? null);
    if (outgoing !== null && !ending) throw new TransitionConflict(`Person ${outgoing} does not currently hold this role`);
    if (outgoing !== null && outgoing === incomingPersonId) throw new TransitionConflict('The outgoing and incoming person are the same');
  }

  if (incomingPersonId === null && ending === null) {
    throw new TransitionConflict(singleHolder ? 'The role is already vacant' : 'Nothing changes: name an incoming or an outgoing person');
  }
  if (incomingPersonId !== null && open.some((t) => t.personId === incomingPersonId)) {
    throw new TransitionConflict(`Person ${incomingPersonId} already holds this role`);
  }
  if (ending && effectiveDate <= ending.startDate) {
    throw new TransitionConflict(
      `effectiveDate ${effectiveDate} must be after the outgoing tenure's start ${ending.startDate}: it ends the day before the effective date`,
    );
  }
  // Tenures never overlap in time: a single-holder role has one holder a day, a person holds a role once a day.
  const mustEndBefore = tenures.filter((t) => t !== ending && (singleHolder || t.personId === incomingPersonId));
  const overlapping = mustEndBefore.find((t) => t.startDate >= effectiveDate || (t.endDate !== null && t.endDate >= effectiveDate));
  if (overlapping) {
    throw new TransitionConflict(
      `effectiveDate ${effectiveDate} overlaps the recorded tenure ${overlapping.startDate}..${overlapping.endDate ?? 'now'}; correct that transition instead`,
    );
  }
  return {
    ending: ending ? { tenure: ending, endDate: dayBefore(effectiveDate) } : null,
    starting: incomingPersonId === null ? null : { personId: incomingPersonId, startDate: effectiveDate },
  };
}

/** What a transition did to the tenures, for undoing it in a correction. */
export interface RecordedTransition {
  outgoingPersonId: string | null;
  endedTenureId: string | null;
  startedTenureId: string | null;
}

export interface CorrectionRequest {
  singleHolder: boolean;
  incomingPersonId: string | null;
  effectiveDate: string;
}

/**
 * Plans a correction of the latest transition of a role: history as if that transition had not happened
 * (its incoming tenure gone, its outgoing tenure open again), then the corrected transition on top, with the
 * same outgoing person. The caller keeps the original records, flagged superseded, and writes new ones.
 */
export function planCorrection(tenures: readonly TenureFact[], original: RecordedTransition, request: CorrectionRequest): TransitionPlan {
  const restored = tenures.filter((t) => t.id !== original.startedTenureId).map((t) => (t.id === original.endedTenureId ? { ...t, endDate: null } : t));
  return planTransition(restored, {
    singleHolder: request.singleHolder,
    incomingPersonId: request.incomingPersonId,
    outgoingPersonId: request.singleHolder ? undefined : original.outgoingPersonId,
    effectiveDate: request.effectiveDate,
  });
}
