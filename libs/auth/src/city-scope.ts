import { Problem } from '@crosswalk/problems';
import type { Principal } from './principal';

/** Roles that see every city. */
function isNetworkWide(principal: Principal): boolean {
  return principal.role !== 'city_operator';
}

export function canAccessCity(principal: Principal, cityId: string): boolean {
  return isNetworkWide(principal) || principal.cities.includes(cityId);
}

/**
 * Object-level authorization for a city the caller names (a `cityId` in a body or a filter). A city outside
 * the token answers like a city that does not exist (404), so a token cannot probe which cities exist.
 */
export function assertCityAccess(principal: Principal, cityId: string): void {
  if (!canAccessCity(principal, cityId)) throw Problem.notFound(`City ${cityId}`);
}

/**
 * Object-level authorization for a record the caller asked for by id (`what`, e.g. `School <id>`): an unknown
 * record and one in a city outside the token get the same 404, which names only what the caller sent.
 */
export function visibleOrNotFound<R extends { cityId: string }>(principal: Principal, record: R | null | undefined, what: string): R {
  if (!record || !canAccessCity(principal, record.cityId)) throw Problem.notFound(what);
  return record;
}

/**
 * The city filter for a list: `undefined` means every city; otherwise the cities the caller may see,
 * narrowed by the `cityId` they asked for (asking for a city outside the scope is a 404, not an empty page).
 */
export function visibleCities(principal: Principal, requested?: string): string[] | undefined {
  if (requested) {
    assertCityAccess(principal, requested);
    return [requested];
  }
  return isNetworkWide(principal) ? undefined : principal.cities;
}
