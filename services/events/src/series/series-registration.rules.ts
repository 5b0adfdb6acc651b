// Registering for a series registers for every session still to come, each against its own seats and line:
// a full third session waitlists the person there without costing them the first two.
import type { EventStatus } from '@crosswalk/contracts';
import { type Refusal, refusal } from '../problems';
import { placement } from '../registrations/waitlist.rules';

export interface SessionSeats {
  eventId: string;
  status: EventStatus;
  startsAt: Date;
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
  /** Started, closed or cancelled: too late to join this session. */
  | { eventId: string; action: 'skip' };

/** What registering for the series does at each session, in the order given. */
export function seriesRegistrationPlan(sessions: readonly SessionSeats[], now: Date): SessionStep[] {
  return sessions.map((s): SessionStep => {
    if (s.status !== 'scheduled' || now >= s.startsAt) return { eventId: s.eventId, action: 'skip' };
    if (s.alreadyRegistered) return { eventId: s.eventId, action: 'keep' };
    return { eventId: s.eventId, action: placement(s.capacity, s.seatsHeld, s.waiting) === 'registered' ? 'register' : 'waitlist' };
  });
}

/** Why nobody can register for the series now: every session has started, closed or been cancelled. */
export function seriesRegistrationRefusal(plan: readonly SessionStep[]): Refusal | null {
  return plan.some((step) => step.action !== 'skip') ? null : refusal('series_over', 'No session of the series is still to come');
}
