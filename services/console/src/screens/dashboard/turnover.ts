import type { components } from '../../api/schema';

type TurnoverItem = components['schemas']['TurnoverItem'];
export interface TurnoverYear {
  year: number;
  transitions: number;
  schoolsWithPrincipal: number;
  turnoverRate: number;
}

/**
 * The report has one row per city and year; the chart shows one line for the cities shown, so cities are added
 * up per year and the rate recomputed from the sums (an average of rates would weigh a small city like a large one).
 */
export function turnoverByYear(items: TurnoverItem[]): TurnoverYear[] {
  const years = new Map<number, { transitions: number; schoolsWithPrincipal: number }>();
  for (const item of items) {
    const year = years.get(item.year) ?? { transitions: 0, schoolsWithPrincipal: 0 };
    year.transitions += item.transitions;
    year.schoolsWithPrincipal += item.schoolsWithPrincipal;
    years.set(item.year, year);
  }
  return [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, sums]) => ({ year, ...sums, turnoverRate: sums.schoolsWithPrincipal > 0 ? sums.transitions / sums.schoolsWithPrincipal : 0 }));
}

type CrossSectorItem = components['schemas']['CrossSectorItem'];
export interface SectorPair {
  hostSector: string;
  attendeeSector: string;
  attendances: number;
}

/** The cross-sector report has a row per city and sector pair; the matrix shows the cities shown together. */
export function sectorMix(items: CrossSectorItem[]): SectorPair[] {
  const pairs = new Map<string, SectorPair>();
  for (const item of items) {
    const key = `${item.hostSector}\u0000${item.attendeeSector}`;
    const pair = pairs.get(key) ?? { hostSector: item.hostSector, attendeeSector: item.attendeeSector, attendances: 0 };
    pair.attendances += item.attendances;
    pairs.set(key, pair);
  }
  return [...pairs.values()].sort((a, b) => a.hostSector.localeCompare(b.hostSector) || a.attendeeSector.localeCompare(b.attendeeSector));
}
