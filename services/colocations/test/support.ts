// Test plumbing for the colocations service: principal changes and business dates relative to today; the
// directory's events come from @crosswalk/testing.
import { type EventEnvelope, addDays, calendarDateToday } from '@crosswalk/contracts';
import { leadershipTransition } from '@crosswalk/testing';

export { cityCreated, personCreated, schoolClosed, schoolCreated } from '@crosswalk/testing';

/** A principal change at a school; `supersedesTransitionId` makes it a correction. */
export function principalTransition(
  schoolId: string,
  cityId: string,
  from: string | null,
  to: string | null,
  effectiveDate: string,
  supersedesTransitionId: string | null = null,
): EventEnvelope<object> {
  return leadershipTransition({ kind: 'school', id: schoolId, cityId }, 'principal', from, to, effectiveDate, supersedesTransitionId);
}

/** A business date `days` from today (UTC), so grace periods are measured from the service's real clock. */
export function daysFromToday(days: number): string {
  return addDays(calendarDateToday(), days);
}
