import { describe, expect, it } from 'vitest';
import { sectorMix, turnoverByYear } from './turnover';

describe('turnoverByYear', () => {
  it('adds cities up per year and recomputes the rate from the sums', () => {
    const rows = turnoverByYear([
      { cityId: 'a', year: 2025, transitions: 1, schoolsWithPrincipal: 10, turnoverRate: 0.1, chiefTransitions: 0 },
      { cityId: 'b', year: 2025, transitions: 3, schoolsWithPrincipal: 10, turnoverRate: 0.3, chiefTransitions: 0 },
      { cityId: 'a', year: 2024, transitions: 0, schoolsWithPrincipal: 0, turnoverRate: 0, chiefTransitions: 0 },
    ]);
    expect(rows).toEqual([
      { year: 2024, transitions: 0, schoolsWithPrincipal: 0, turnoverRate: 0 },
      { year: 2025, transitions: 4, schoolsWithPrincipal: 20, turnoverRate: 0.2 },
    ]);
  });
});

describe('sectorMix', () => {
  it('adds the cities up per host and attendee sector', () => {
    expect(
      sectorMix([
        { cityId: 'a', cityName: 'A', hostSector: 'district', attendeeSector: 'charter', attendances: 2 },
        { cityId: 'b', cityName: 'B', hostSector: 'district', attendeeSector: 'charter', attendances: 3 },
        { cityId: 'b', cityName: 'B', hostSector: 'charter', attendeeSector: 'charter', attendances: 1 },
      ]),
    ).toEqual([
      { hostSector: 'charter', attendeeSector: 'charter', attendances: 1 },
      { hostSector: 'district', attendeeSector: 'charter', attendances: 5 },
    ]);
  });
});
