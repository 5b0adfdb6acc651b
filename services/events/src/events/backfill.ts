import { type Principal } from '@crosswalk/auth';
import { Problem, ProblemCode } from '@crosswalk/problems';

/**
 * Backfilling is recording what happened, which only the people who run events do: a service identity (a
 * self-registration front end, say) registers people as they ask, within the window.
 */
export function assertMayBackfill(principal: Principal): void {
  if (principal.role !== 'network_admin' && principal.role !== 'city_operator') {
    throw new Problem(ProblemCode.Forbidden, `Role ${principal.role} may not backfill: only network admins and city operators may`);
  }
}
