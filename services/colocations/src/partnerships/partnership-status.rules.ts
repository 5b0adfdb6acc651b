// The partnership status machine and the formation rules, as plain TypeScript: the partnership belongs to
// the schools, so only facts about the schools (a new principal, a recommitment, a closure, time) move it.
import { type PartnershipStatus, type StatusCause, addDays } from '@crosswalk/contracts';

/** Statuses a partnership never leaves. */
export const FINAL_STATUSES: readonly PartnershipStatus[] = ['lapsed', 'dissolved', 'ended'];

export function isFinal(status: PartnershipStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** What can happen to a partnership. */
export type PartnershipFact =
  /** A member school's principal changed on `effectiveDate`; the partnership started on `startedOn`. */
  | { kind: 'leadership_transition'; effectiveDate: string; startedOn: string }
  /** A pending school's new principal recommitted; `stillPending` schools are waiting after it. */
  | { kind: 'recommitment'; stillPending: number }
  /** A correction moved the transition behind a school's request before the partnership began: the request is void. */
  | { kind: 'request_withdrawn'; stillPending: number }
  /** A recommitment was due by `dueBy` and it is now `asOf` without one. */
  | { kind: 'grace_period_expired'; dueBy: string; asOf: string }
  | { kind: 'school_closed' };

/**
 * The status after `fact`, or null when the fact does not change it (the fact may still be recorded, e.g.
 * a second transition while already awaiting recommitment). Final statuses never move.
 */
export function nextStatus(status: PartnershipStatus, fact: PartnershipFact): PartnershipStatus | null {
  if (isFinal(status)) return null;
  switch (fact.kind) {
    case 'leadership_transition':
      // A change of leader before the partnership began was known to whoever formed it.
      if (fact.effectiveDate < fact.startedOn) return null;
      return status === 'awaiting_recommitment' ? null : 'awaiting_recommitment';
    case 'recommitment':
    case 'request_withdrawn':
      return status === 'awaiting_recommitment' && fact.stillPending === 0 ? 'active' : null;
    case 'grace_period_expired':
      return status === 'awaiting_recommitment' && isOverdue(fact.dueBy, fact.asOf) ? 'lapsed' : null;
    case 'school_closed':
      return 'dissolved';
  }
}

/** Whether a leadership transition puts the partnership's continuation to the new principal. */
export function asksForRecommitment(status: PartnershipStatus, effectiveDate: string, startedOn: string): boolean {
  return !isFinal(status) && effectiveDate >= startedOn;
}

/** The cause recorded with a status change (a withdrawn request is still the leadership transition's doing). */
export function causeOf(fact: PartnershipFact): StatusCause {
  return fact.kind === 'request_withdrawn' ? 'leadership_transition' : fact.kind;
}

/** The last day a recommitment counts: the grace period runs from the transition's effective date. */
export function recommitmentDueBy(effectiveDate: string, graceDays: number): string {
  return addDays(effectiveDate, graceDays);
}

/** A recommitment on `dueBy` still counts; the day after, it is overdue. */
export function isOverdue(dueBy: string, asOf: string): boolean {
  return asOf > dueBy;
}

/** A member school as the formation rules need it. */
export interface CandidateMember {
  schoolId: string;
  cityId: string;
  sector: string;
  open: boolean;
}

/**
 * Why these schools cannot form a partnership at a site of `siteCityId` (empty when they can):
 * known, open, in the site's city, no duplicates, at least two schools of at least two sectors.
 */
export function formationProblems(requested: readonly string[], known: readonly CandidateMember[], siteCityId: string): string[] {
  const problems: string[] = [];
  const duplicates = requested.filter((id, i) => requested.indexOf(id) !== i);
  if (duplicates.length) problems.push(`duplicate member schools: ${[...new Set(duplicates)].join(', ')}`);
  const unknown = requested.filter((id) => !known.some((m) => m.schoolId === id));
  if (unknown.length) problems.push(`unknown schools: ${unknown.join(', ')}`);
  const closed = known.filter((m) => !m.open).map((m) => m.schoolId);
  if (closed.length) problems.push(`closed schools cannot join a partnership: ${closed.join(', ')}`);
  const elsewhere = known.filter((m) => m.cityId !== siteCityId).map((m) => m.schoolId);
  if (elsewhere.length) problems.push(`schools outside the site's city: ${elsewhere.join(', ')}`);
  if (new Set(requested).size < 2) problems.push('a partnership needs at least two different schools');
  else if (unknown.length === 0 && new Set(known.map((m) => m.sector)).size < 2) {
    problems.push('a colocation partnership needs schools of at least two different sectors');
  }
  return problems;
}

/** A member's request for recommitment, as far as deciding who may answer it goes. */
export interface PendingRecommitment {
  transitionId: string;
  dueBy: string;
}

/** Why `personId` may not recommit `schoolId` now (null when they may). */
export function recommitmentRefusal(
  status: PartnershipStatus,
  pending: PendingRecommitment | null,
  schoolId: string,
  personId: string,
  currentPrincipalId: string | null,
  today: string,
): string | null {
  if (status !== 'awaiting_recommitment') return `The partnership is ${status}: there is nothing to recommit to`;
  if (!pending) return `School ${schoolId} has no recommitment pending`;
  if (isOverdue(pending.dueBy, today)) return `The grace period for school ${schoolId} ended on ${pending.dueBy}`;
  if (currentPrincipalId === null) return `School ${schoolId} has no current principal to recommit`;
  if (currentPrincipalId !== personId) {
    return `Only the current principal of school ${schoolId} (${currentPrincipalId}) may recommit; ${personId} is not`;
  }
  return null;
}
