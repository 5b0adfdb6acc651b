// The demo network as plain data, generated from a seed and the day it is loaded: the same seed and load day
// always give the same network. The long history is placed in the years before the load day and the recent
// principal changes in the days before it, so the recommitments it plans are always within the grace period
// and the lapses it plans always past it, whatever the day.
import { type OrganizationKind, type SchoolSector, addDays, isCalendarDate } from '@crosswalk/contracts';

/** mulberry32: tiny, fast and good enough to pick names and dates reproducibly. */
export function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CITIES: [string, string][] = [
  ['Denver', 'CO'],
  ['Chicago', 'IL'],
  ['New Orleans', 'LA'],
  ['Boston', 'MA'],
  ['Philadelphia', 'PA'],
  ['Indianapolis', 'IN'],
  ['Memphis', 'TN'],
  ['Houston', 'TX'],
  ['Spokane', 'WA'],
  ['Hartford', 'CT'],
  ['Minneapolis', 'MN'],
  ['Austin', 'TX'],
  ['Nashville', 'TN'],
  ['Rochester', 'NY'],
  ['Sacramento', 'CA'],
];
const FIRST = [
  'Maria',
  'James',
  'Aisha',
  'Daniel',
  'Mei',
  'Carlos',
  'Grace',
  'Tomas',
  'Nia',
  'Samuel',
  'Elena',
  'Omar',
  'Ruth',
  'Kwame',
  'Lucia',
  'Peter',
  'Ama',
  'Diego',
  'Hana',
  'Joseph',
];
const LAST = [
  'Lopez',
  'Nguyen',
  'Okafor',
  'Schmidt',
  'Rivera',
  'Chen',
  'Johnson',
  'Haddad',
  'Kowalski',
  'Mensah',
  'Garcia',
  'Brooks',
  'Tanaka',
  'Novak',
  'Reyes',
  'Ali',
  'Murphy',
  'Silva',
  'Park',
  'Bauer',
];
const SCHOOL_WORDS = [
  'Lincoln',
  'Cesar Chavez',
  'Harbor',
  'Summit',
  'Riverside',
  'St. Joseph',
  'Mountain View',
  'Frederick Douglass',
  'Oak Park',
  'Holy Cross',
  'Franklin',
  'Northside',
  'Maple',
  'Unity',
  'Bridge',
];
const SECTOR_ORG: Record<SchoolSector, OrganizationKind | null> = {
  district: 'district',
  charter: 'cmo',
  catholic: 'diocese',
  independent: 'independent_network',
  faith_based: null,
};
export const SECTORS: SchoolSector[] = ['district', 'charter', 'catholic', 'independent', 'faith_based'];

export interface PlannedOrganization {
  key: string;
  name: string;
  kind: OrganizationKind;
}

export interface PlannedSchool {
  key: string;
  name: string;
  sector: SchoolSector;
  /** Key of the operator organization, if any. */
  organization: string | null;
}

/** COLOCATION_GRACE_PERIOD_DAYS's default in services/colocations/src/colocations.config.ts. */
export const DEFAULT_GRACE_PERIOD_DAYS = 90;

/**
 * The grace period the colocations service runs with, from the same variable (unset or empty: its default),
 * checked as the service checks it (an integer from 1 to 3650).
 */
export function gracePeriodDaysFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_GRACE_PERIOD_DAYS;
  const days = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || days < 1 || days > 3650) throw new Error(`COLOCATION_GRACE_PERIOD_DAYS must be an integer from 1 to 3650 (got ${value})`);
  return days;
}

/** A leadership change: the person (email) takes the role on that day. */
export interface PlannedAppointment {
  holder: string;
  role: 'principal' | 'chief';
  email: string;
  date: string;
}

export interface PlannedCity {
  name: string;
  state: string;
  organizations: PlannedOrganization[];
  schools: PlannedSchool[];
  /** History loaded before the partnerships exist, in date order per holder. */
  history: PlannedAppointment[];
  /** Chiefs of these organizations sign the city's compact. */
  compact: { title: string; signedOn: string; organizations: string[] };
  /** Member school keys of the colocation partnerships (different sectors). */
  colocations: { site: string; members: [string, string]; startedOn: string }[];
  /** Principal changes after the partnerships formed: each asks for a recommitment. */
  recentChanges: PlannedRecentChange[];
}

/**
 * What becomes of a recent change's recommitment request by the load day: its new principal recommits
 * (within the grace period), it is still pending (within the grace period), or it has lapsed (past it).
 */
export type RecommitmentOutcome = 'recommitted' | 'pending' | 'lapsed';

export interface PlannedRecentChange extends PlannedAppointment {
  role: 'principal';
  /** The last day a recommitment counts: `date` plus the grace period. */
  dueBy: string;
  outcome: RecommitmentOutcome;
}

export interface PlanOptions {
  /** The load day (`YYYY-MM-DD`, the UTC calendar day): the history is placed relative to it. */
  today: string;
  /** The colocations service's COLOCATION_GRACE_PERIOD_DAYS (default 90). */
  gracePeriodDays?: number;
  cityCount?: number;
}

export interface DemoPlan {
  seed: number;
  /** The load day the plan was made for. */
  today: string;
  gracePeriodDays: number;
  people: { fullName: string; email: string }[];
  cities: PlannedCity[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Inclusive ranges of days before the load day. */
export interface DaysAgo {
  min: number;
  max: number;
}

export interface PlanCalendar {
  graceMargin: number;
  withinGrace: DaysAgo;
  pastGrace: DaysAgo;
  formedIn: number;
}

/**
 * Where the plan's dates fall, relative to the load day `today` and the grace period (days before today):
 * - recent changes still within the grace period: `withinGrace` days ago, so each is due at least
 *   `graceMargin` days after today (a load that runs past midnight still recommits in time);
 * - recent changes past it: `pastGrace` days ago, so each was due at least 30 days before today;
 * - the partnerships formed on August 15 and September 1 of `formedIn`, the latest year in which both are
 *   before every recent change; the leadership history and the compact are in the years up to `formedIn`,
 *   before the partnerships formed.
 */
export function planCalendar(today: string, gracePeriodDays: number): PlanCalendar {
  if (!isCalendarDate(today)) throw new Error(`today must be a date YYYY-MM-DD (got ${today})`);
  if (!Number.isInteger(gracePeriodDays) || gracePeriodDays < 1) throw new Error(`gracePeriodDays must be a positive integer (got ${gracePeriodDays})`);
  const graceMargin = Math.max(1, Math.min(10, Math.floor(gracePeriodDays / 3)));
  const withinGrace = { min: Math.min(5, gracePeriodDays - graceMargin), max: gracePeriodDays - graceMargin };
  const pastGrace = { min: gracePeriodDays + 30, max: gracePeriodDays + 180 };
  const latestFormation = addDays(today, -(pastGrace.max + 1));
  const year = Number(latestFormation.slice(0, 4));
  const formedIn = `${year}-09-01` <= latestFormation ? year : year - 1;
  return { graceMargin, withinGrace, pastGrace, formedIn };
}

export function planNetwork(seed: number, options: PlanOptions): DemoPlan {
  const { today, gracePeriodDays = DEFAULT_GRACE_PERIOD_DAYS, cityCount = CITIES.length } = options;
  const { withinGrace, pastGrace, formedIn } = planCalendar(today, gracePeriodDays);
  const random = randomFrom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const people: { fullName: string; email: string }[] = [];
  const newPerson = (): string => {
    const fullName = `${pick(FIRST)} ${pick(LAST)}`;
    const email = `${fullName.toLowerCase().replace(/[^a-z]+/g, '.')}.${people.length + 1}@demo.crosswalk.example`;
    people.push({ fullName, email });
    return email;
  };

  const cities = CITIES.slice(0, cityCount).map(([name, state], c): PlannedCity => {
    const organizations: PlannedOrganization[] = [
      { key: `c${c}-district`, name: `${name} Public Schools`, kind: 'district' },
      { key: `c${c}-cmo`, name: `${pick(['Uncommon', 'Bright Path', 'Ascend', 'Promise'])} Schools ${name}`, kind: 'cmo' },
      { key: `c${c}-diocese`, name: `Catholic Schools of ${name}`, kind: 'diocese' },
      { key: `c${c}-independent_network`, name: `${name} Independent Schools Association`, kind: 'independent_network' },
      { key: `c${c}-intermediary`, name: `${name} Schools Compact Office`, kind: 'intermediary' },
    ];
    const schoolCount = between(8, 12);
    const schools: PlannedSchool[] = Array.from({ length: schoolCount }, (_, s) => {
      // Every sector at least once per city, then a mix weighted towards district and charter schools.
      const sector =
        s < SECTORS.length ? SECTORS[s] : pick<SchoolSector>(['district', 'district', 'charter', 'charter', 'catholic', 'independent', 'faith_based']);
      const kind = SECTOR_ORG[sector];
      return {
        key: `c${c}-s${s}`,
        name: `${pick(SCHOOL_WORDS)} ${sector === 'catholic' ? 'Catholic School' : sector === 'charter' ? 'Charter Academy' : 'School'} ${s + 1}`,
        sector,
        organization: kind ? `c${c}-${kind}` : null,
      };
    });

    const history: PlannedAppointment[] = [];
    // Chiefs from seven years before the partnerships formed (2018 for a load in late 2026); each changes every
    // 2-9 years, so some compact signers are still in post.
    for (const org of organizations.slice(0, 3)) {
      for (let year = formedIn - 7; year <= formedIn; year += between(2, 9))
        history.push({ holder: org.key, role: 'chief', email: newPerson(), date: `${year}-07-01` });
    }
    // Principals from six years before (2019); turnover every 1-4 years, so some schools churn and some are stable.
    for (const school of schools) {
      for (let year = formedIn - 6; year <= formedIn; year += between(1, 4)) {
        history.push({ holder: school.key, role: 'principal', email: newPerson(), date: `${year}-${pad(between(6, 8))}-01` });
      }
    }

    const bySector = (sector: SchoolSector) => schools.find((s) => s.sector === sector)?.key ?? schools[0].key;
    const colocations: PlannedCity['colocations'] = [
      { site: `${pick(SCHOOL_WORDS)} Campus`, members: [bySector('district'), bySector('charter')], startedOn: `${formedIn}-08-15` },
      { site: `${name} Shared Learning Center`, members: [bySector('catholic'), bySector('independent')], startedOn: `${formedIn}-09-01` },
    ];
    // Earlier changes are long past their grace period (they lapse: nobody recommitted in time); recent ones are
    // within it, and about half of their new principals recommit.
    const recentChanges: PlannedRecentChange[] = colocations
      .filter(() => random() < 0.7)
      .map((colocation) => {
        const early = random() < 0.4;
        const date = addDays(today, -(early ? between(pastGrace.min, pastGrace.max) : between(withinGrace.min, withinGrace.max)));
        const holder = colocation.members[between(0, 1)];
        const outcome: RecommitmentOutcome = early ? 'lapsed' : random() < 0.6 ? 'recommitted' : 'pending';
        return { holder, role: 'principal' as const, email: newPerson(), date, dueBy: addDays(date, gracePeriodDays), outcome };
      });
    return {
      name,
      state,
      organizations,
      schools,
      history,
      compact: {
        title: `${name} District-Charter-Catholic Collaboration Compact`,
        signedOn: `${formedIn - 6}-03-15`,
        organizations: organizations.slice(0, 3).map((o) => o.key),
      },
      colocations,
      recentChanges,
    };
  });
  return { seed, today, gracePeriodDays, people, cities };
}
