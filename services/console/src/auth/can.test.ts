import { describe, expect, it } from 'vitest';
import { can, visibleCities } from './can';
import type { Session } from './session';

const admin: Pick<Session, 'role' | 'cities'> = { role: 'network_admin', cities: [] };
const analyst: Pick<Session, 'role' | 'cities'> = { role: 'analyst', cities: [] };
const denver: Pick<Session, 'role' | 'cities'> = { role: 'city_operator', cities: ['denver'] };

describe('can', () => {
  it('lets a network admin do everything, in every city', () => {
    expect(can(admin, 'create', 'city')).toBe(true);
    expect(can(admin, 'edit', 'school', { cityId: 'boston' })).toBe(true);
    expect(can(admin, 'create', 'leadership', { cityId: 'denver' })).toBe(true);
  });

  it('shows an analyst everything and offers no write', () => {
    expect(can(analyst, 'view', 'school', { cityId: 'boston' })).toBe(true);
    expect(can(analyst, 'view', 'metrics')).toBe(true);
    expect(can(analyst, 'export', 'metrics')).toBe(true);
    for (const resource of ['city', 'organization', 'school', 'person', 'leadership', 'event', 'colocation', 'import'] as const) {
      expect(can(analyst, 'create', resource)).toBe(false);
      expect(can(analyst, 'edit', resource, { cityId: 'denver' })).toBe(false);
    }
  });

  it('lets a city operator see and change its own cities only', () => {
    expect(can(denver, 'view', 'school', { cityId: 'denver' })).toBe(true);
    expect(can(denver, 'view', 'school', { cityId: 'boston' })).toBe(false);
    expect(can(denver, 'edit', 'school', { cityId: 'denver' })).toBe(true);
    expect(can(denver, 'edit', 'school', { cityId: 'boston' })).toBe(false);
    expect(can(denver, 'create', 'leadership', { cityId: 'boston' })).toBe(false);
  });

  it('offers a city operator the create buttons of its cities but not new cities', () => {
    expect(can(denver, 'create', 'school')).toBe(true);
    expect(can(denver, 'create', 'city')).toBe(false);
    expect(can(denver, 'edit', 'city', { cityId: 'denver' })).toBe(false);
  });

  it('lets a city operator record people, who belong to no city', () => {
    expect(can(denver, 'create', 'person')).toBe(true);
  });

  it('lets nobody signed out do anything', () => {
    expect(can(undefined, 'view', 'school')).toBe(false);
  });

  it('names the cities a list is limited to', () => {
    expect(visibleCities(denver)).toEqual(['denver']);
    expect(visibleCities(admin)).toBeUndefined();
    expect(visibleCities(analyst)).toBeUndefined();
  });
});
