// Check-in, closing a session and correcting attendance afterwards. Credit follows attendance, so a
// correction restates the credit too: consumers replace, never add.
import type { AttendanceOutcome, EventStatus, RegistrationStatus } from '@crosswalk/contracts';
import { type Refusal, refusal } from '../problems';
import { onSessionClose } from '../registrations/registration-status.rules';

/** Doors open an hour early: people arrive before the start and are checked in as they come. */
export const CHECK_IN_OPENS_MINUTES_BEFORE = 60;

/** The session as check-in needs it. */
export interface SessionState {
  status: EventStatus;
  startsAt: Date;
}

/**
 * Why this registration cannot be checked in now (null when it can): the session is scheduled (not closed
 * or cancelled), check-in has opened, and the person holds a seat that is not yet checked in.
 */
export function checkInRefusal(
  status: RegistrationStatus,
  session: SessionState,
  now: Date,
  opensMinutesBefore = CHECK_IN_OPENS_MINUTES_BEFORE,
): Refusal | null {
  if (session.status === 'completed') return refusal('session_closed', 'The session is closed: correct the attendance instead');
  if (session.status === 'cancelled') return refusal('event_not_scheduled', 'The event was cancelled');
  if (now.getTime() < session.startsAt.getTime() - opensMinutesBefore * 60_000) {
    return refusal('check_in_not_open', `Check-in opens ${opensMinutesBefore} minutes before the start`);
  }
  if (status === 'attended') return refusal('already_checked_in', 'Already checked in');
  if (status === 'offered') return refusal('offer_not_accepted', 'The offered seat has not been accepted yet');
  if (status !== 'registered') return refusal('registration_status_conflict', `A ${status} registration cannot be checked in`);
  return null;
}

/** Credit earned for one session: its credit hours when attended, nothing for a no-show. */
export function creditEarned(outcome: AttendanceOutcome, creditHours: number): number {
  return outcome === 'attended' ? creditHours : 0;
}

export interface SessionRegistration {
  registrationId: string;
  status: RegistrationStatus;
}

export interface StatusChange {
  registrationId: string;
  from: RegistrationStatus;
  to: RegistrationStatus;
}

/**
 * What closing the session changes: registered people without a check-in become no-shows, open offers
 * expire. Only the registrations that change are listed, in the order given.
 */
export function sessionCloseChanges(registrations: readonly SessionRegistration[]): StatusChange[] {
  return registrations.flatMap((r) => {
    const to = onSessionClose(r.status);
    return to === r.status ? [] : [{ registrationId: r.registrationId, from: r.status, to }];
  });
}

/** The outcome a registration's status stands for, or null when it has none (not yet, or never). */
export function outcomeOf(status: RegistrationStatus): AttendanceOutcome | null {
  return status === 'attended' || status === 'no_show' ? status : null;
}

/**
 * Why the attendance cannot be corrected to `outcome` (null when it can): only after the session closed,
 * only a registration that has an outcome, and only to a different one.
 */
export function correctionRefusal(status: RegistrationStatus, outcome: AttendanceOutcome, sessionStatus: EventStatus): Refusal | null {
  if (sessionStatus !== 'completed') return refusal('session_not_closed', 'Attendance is corrected after the session closes; check in instead');
  const current = outcomeOf(status);
  if (current === null) return refusal('no_attendance', `A ${status} registration has no attendance to correct`);
  if (current === outcome) return refusal('unchanged', `The attendance is already ${outcome}`);
  return null;
}
