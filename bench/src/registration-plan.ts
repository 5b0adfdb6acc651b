// Who registers for which event in the registration benchmark, and how many seats each event has: plain
// arithmetic, kept apart from the HTTP so it can be checked alone.

/** The share of an event's registrations that find a seat; the rest wait. */
export const SEAT_SHARE = 0.6;

export interface PlannedRegistration {
  person: number;
  event: number;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Registration i is person i mod `people` for event i mod `events`: consecutive requests go to different
 * events, so concurrent clients contend for a seat only as often as a real crowd spread over events would.
 * Every pair must be new, since a repeated one is answered with the existing registration and no work: the
 * pairs repeat after lcm(people, events) registrations, so more than that is refused.
 */
export function registrationPlan(count: number, people: number, events: number): PlannedRegistration[] {
  for (const [name, value] of Object.entries({ count, people, events })) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`registrationPlan: ${name} must be a positive integer, got ${value}`);
  }
  const distinctPairs = (people / gcd(people, events)) * events;
  if (count > distinctPairs) {
    throw new Error(`${count} registrations of ${people} people over ${events} events would repeat a registration after ${distinctPairs}; add people`);
  }
  return Array.from({ length: count }, (_, i) => ({ person: i % people, event: i % events }));
}

/** Seats per event: SEAT_SHARE of the registrations the least-asked event receives, at least one. */
export function seatsPerEvent(count: number, events: number): number {
  return Math.max(1, Math.floor(Math.floor(count / events) * SEAT_SHARE));
}

/**
 * Where each registration is expected to land: with registrations arriving in any order, an event's first
 * `seats` take the seats and the rest wait, so the totals are known although who gets a seat is not.
 */
export function expectedPlacements(plan: readonly PlannedRegistration[], seats: number): { registered: number; waitlisted: number } {
  const perEvent = new Map<number, number>();
  for (const { event } of plan) perEvent.set(event, (perEvent.get(event) ?? 0) + 1);
  let registered = 0;
  for (const asked of perEvent.values()) registered += Math.min(asked, seats);
  return { registered, waitlisted: plan.length - registered };
}
