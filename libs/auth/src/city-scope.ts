import { ForbiddenException } from '@nestjs/common';
import type { Principal } from './principal';

/** Roles that see every city. */
function isNetworkWide(principal: Principal): boolean {
  return principal.role !== 'city_operator';
}

export function canAccessCity(principal: Principal, cityId: string): boolean {
  return isNetworkWide(principal) || principal.cities.includes(cityId);
}

/** Object-level authorization: every route that touches a city's record calls this. */
export function assertCityAccess(principal: Principal, cityId: string): void {
  if (!canAccessCity(principal, cityId)) {
    throw new ForbiddenException(`Your token does not grant access to city ${cityId}`);
  }
}

/**
 * The city filter for a list: `undefined` means every city; otherwise the cities the caller may see,
 * narrowed by the `cityId` they asked for (asking for a city outside the scope is a 403, not an empty page).
 */
export function visibleCities(principal: Principal, requested?: string): string[] | undefined {
  if (requested) {
    assertCityAccess(principal, requested);
    return [requested];
  }
  return isNetworkWide(principal) ? undefined : principal.cities;
}
