// The registration status machine: which action moves a registration where, which statuses hold a seat,
// and which registration a second "register" returns. Every move is kept as history by the service; this file
// also checks that a recorded history is a path the machine allows.
import type { RegistrationStatus } from '@crosswalk/contracts';
import { type Refusal, refusal } from '../problems';

/** What can happen to a registration. Closing a session is not here: it moves many at once (`onSessionClose`). */
export type RegistrationAction =
  /** A seat freed and this registration is first in line. */
  | 'offer'
  /** The person took the offered seat before its deadline. */
  | 'accept'
  | 'decline'
  /** The offer's deadline passed unanswered. */
  | 'expire'
  /** The person or an operator withdrew, or the event was cancelled. */
  | 'cancel'
  | 'check_in'
  /** After the session closed, an operator restates the outcome. */
  | 'correct_to_attended'
  | 'correct_to_no_show';

const MOVES: { readonly [A in RegistrationAction]: Partial<Readonly<Record<RegistrationStatus, RegistrationStatus>>> } = {
  offer: { waitlisted: 'offered' },
  accept: { offered: 'registered' },
  decline: { offered: 'declined' },
  expire: { offered: 'expired' },
  cancel: { registered: 'cancelled', waitlisted: 'cancelled', offered: 'cancelled' },
  check_in: { registered: 'attended' },
  correct_to_attended: { no_show: 'attended' },
  correct_to_no_show: { attended: 'no_show' },
};

/** A registration starts in one of these: with a seat, or in line for one. */
export const INITIAL_STATUSES: readonly RegistrationStatus[] = ['registered', 'waitlisted'];

/** Ended without attending: nothing moves them again, and the person may register anew. */
export const FINAL_STATUSES: readonly RegistrationStatus[] = ['declined', 'expired', 'cancelled'];

/** Statuses that count against capacity. An offer holds its seat so accepting it can never overfill the event. */
export const SEAT_HOLDING_STATUSES: readonly RegistrationStatus[] = ['registered', 'offered', 'attended', 'no_show'];

export function holdsSeat(status: RegistrationStatus): boolean {
  return SEAT_HOLDING_STATUSES.includes(status);
}

/** Not ended: registering again returns this registration instead of creating another. */
export function isLive(status: RegistrationStatus): boolean {
  return !FINAL_STATUSES.includes(status);
}

/** The status after `action`, or null when the action does not apply to a registration in `status`. */
export function statusAfter(status: RegistrationStatus, action: RegistrationAction): RegistrationStatus | null {
  return MOVES[action][status] ?? null;
}

export function actionRefusal(status: RegistrationStatus, action: RegistrationAction): Refusal | null {
  if (statusAfter(status, action) !== null) return null;
  return refusal('registration_status_conflict', `A ${status} registration cannot ${action.replace(/_/g, ' ')}`);
}

const SESSION_CLOSE: Partial<Readonly<Record<RegistrationStatus, RegistrationStatus>>> = {
  registered: 'no_show',
  offered: 'expired',
};
const SESSION_CLOSE_PAIRS = Object.entries(SESSION_CLOSE) as [RegistrationStatus, RegistrationStatus][];

/**
 * A registration's status once its session closes: registered without a check-in becomes a no-show, an
 * offer still open expires (the seat is no use any more); every other status stays as it is.
 */
export function onSessionClose(status: RegistrationStatus): RegistrationStatus {
  return SESSION_CLOSE[status] ?? status;
}

/** Every move the machine allows, once each, as `[from, to]` pairs: the actions' moves and the session close's. */
export const ALLOWED_TRANSITIONS: ReadonlyArray<readonly [RegistrationStatus, RegistrationStatus]> = [
  ...Object.values(MOVES).flatMap((m) => Object.entries(m) as [RegistrationStatus, RegistrationStatus][]),
  ...SESSION_CLOSE_PAIRS,
].filter(([from, to], i, all) => all.findIndex(([f, t]) => f === from && t === to) === i);

export function canTransition(from: RegistrationStatus, to: RegistrationStatus): boolean {
  return ALLOWED_TRANSITIONS.some(([f, t]) => f === from && t === to);
}

/** A status history problem: where the recorded path leaves the machine. */
export interface HistoryProblem {
  index: number;
  message: string;
}

/** Checks a registration's recorded statuses, oldest first: an initial status, then only allowed moves. */
export function historyProblems(statuses: readonly RegistrationStatus[]): HistoryProblem[] {
  if (statuses.length === 0) return [{ index: 0, message: 'A registration has at least its initial status' }];
  const problems: HistoryProblem[] = [];
  if (!INITIAL_STATUSES.includes(statuses[0])) {
    problems.push({ index: 0, message: `A registration starts registered or waitlisted, not ${statuses[0]}` });
  }
  for (let i = 1; i < statuses.length; i++) {
    if (!canTransition(statuses[i - 1], statuses[i])) {
      problems.push({ index: i, message: `${statuses[i - 1]} -> ${statuses[i]} is not an allowed move` });
    }
  }
  return problems;
}

/** A registration as far as finding a person's current one goes. */
export interface PersonRegistration {
  personId: string;
  status: RegistrationStatus;
  registeredAt: Date;
}

/**
 * The registration a second "register" by `personId` returns: their live one for this event, if any.
 * A person whose earlier registration ended (cancelled, declined, expired) registers anew.
 */
export function existingRegistration<R extends PersonRegistration>(registrations: readonly R[], personId: string): R | null {
  const live = registrations.filter((r) => r.personId === personId && isLive(r.status));
  // The service keeps one live registration per person and event; should two ever exist, the first stands.
  live.sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime());
  return live[0] ?? null;
}
