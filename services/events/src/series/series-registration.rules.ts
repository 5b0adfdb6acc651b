// Registering for a series registers for every session still open to the person, each against its own seats,
// line and registration window: a full third session waitlists the person there without costing them the first
// two, and a session whose window is shut is skipped, not a reason to refuse the others.
import type { EventStatus } from '@crosswalk/contracts';
import { type RegistrationRequestKind, registrationRefusal } from '../events/event-schedule.rules';
import { type Refusal, refusal } from '../problems';
import { placement } from '../registrations/waitlist.rules';

export interface SessionSeats {
  eventId: string;
  status: EventStatus;
  startsAt: Date;
  endsAt: Date;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  capacity: number | null;
  seatsHeld: number;
  waiting: number;
  /** The person already has a live registration for this session (registering twice returns it). */
  alreadyRegistered: boolean;
}

export type SessionStep =
  | { eventId: string; action: 'register' | 'waitlist' }
  /** The person's live registration stands; nothing new is created. */
  | { eventId: string; action: 'keep' }
  /** Closed, cancelled, or outside its window (started, for a self-registration): not joined, and why. */
  | { eventId: string; action: 'skip'; reason: Refusal };

/** What registering for the series does at each session, in the order given. */
export function seriesRegistrationPlan(sessions: readonly SessionSeats[], now: Date, request: RegistrationRequestKind = { backfill: false }): SessionStep[] {
  return sessions.map((s): SessionStep => {
    const refused = registrationRefusal(s, now, request);
    if (refused) return { eventId: s.eventId, action: 'skip', reason: refused };
    if (s.alreadyRegistered) return { eventId: s.eventId, action: 'keep' };
    return { eventId: s.eventId, action: placement(s.capacity, s.seatsHeld, s.waiting) === 'registered' ? 'register' : 'waitlist' };
  });
}

/**
 * Why the person cannot register for the series now: no session is open to them. The message names each
 * session's reason in order (e.g. "session 1: Registration opens at ..."), so the caller sees when to come back.
 */
export function seriesRegistrationRefusal(plan: readonly SessionStep[]): Refusal | null {
  if (plan.some((step) => step.action !== 'skip')) return null;
  const reasons = plan.map((step, i) => (step.action === 'skip' ? `session ${i + 1}: ${step.reason.message}` : ''));
  const codes = new Set(plan.map((step) => (step.action === 'skip' ? step.reason.code : '')));
  // One shared reason (the usual case: every window shut) keeps its own code; a mix says the series is out of reach.
  const code = codes.size === 1 ? [...codes][0] : 'series_not_open';
  return refusal(code, `No session of the series is open for registration (${reasons.join('; ')})`);
}
