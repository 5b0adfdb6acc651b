// The demo network as plain data, generated from a seed: the same seed always gives the same network.
import type { OrganizationKind, SchoolSector } from '@crosswalk/contracts';

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
  ['Denver', 'CO'], ['Chicago', 'IL'], ['New Orleans', 'LA'], ['Boston', 'MA'], ['Philadelphia', 'PA'],
  ['Indianapolis', 'IN'], ['Memphis', 'TN'], ['Houston', 'TX'], ['Spokane', 'WA'], ['Hartford', 'CT'],
  ['Minneapolis', 'MN'], ['Austin', 'TX'], ['Nashville', 'TN'], ['Rochester', 'NY'], ['Sacramento', 'CA'],
];
const FIRST = ['Maria', 'James', 'Aisha', 'Daniel', 'Mei', 'Carlos', 'Grace', 'Tomas', 'Nia', 'Samuel', 'Elena', 'Omar', 'Ruth', 'Kwame', 'Lucia', 'Peter', 'Ama', 'Diego', 'Hana', 'Joseph'];
const LAST = ['Lopez', 'Nguyen', 'Okafor', 'Schmidt', 'Rivera', 'Chen', 'Johnson', 'Haddad', 'Kowalski', 'Mensah', 'Garcia', 'Brooks', 'Tanaka', 'Novak', 'Reyes', 'Ali', 'Murphy', 'Silva', 'Park', 'Bauer'];
const SCHOOL_WORDS = ['Lincoln', 'Cesar Chavez', 'Harbor', 'Summit', 'Riverside', 'St. Joseph', 'Mountain View', 'Frederick Douglass', 'Oak Park', 'Holy Cross', 'Franklin', 'Northside', 'Maple', 'Unity', 'Bridge'];
const SECTOR_ORG: Record<SchoolSector, OrganizationKind | null> = { district: 'district', charter: 'cmo', catholic: 'diocese', independent: 'independent_network', faith_based: null };
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
  recentChanges: PlannedAppointment[];
  /** Of the recent changes, the schools whose new principal recommits (the others lapse or stay pending). */
  recommits: string[];
}

export interface DemoPlan {
  seed: number;
  people: { fullName: string; email: string }[];
  cities: PlannedCity[];
}

const pad = (n: number) => String(n).padStart(2, '0');

export function planNetwork(seed: number, cityCount = CITIES.length): DemoPlan {
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
      const sector = s < SECTORS.length ? SECTORS[s] : pick<SchoolSector>(['district', 'district', 'charter', 'charter', 'catholic', 'independent', 'faith_based']);
      const kind = SECTOR_ORG[sector];
      return { key: `c${c}-s${s}`, name: `${pick(SCHOOL_WORDS)} ${sector === 'catholic' ? 'Catholic School' : sector === 'charter' ? 'Charter Academy' : 'School'} ${s + 1}`, sector, organization: kind ? `c${c}-${kind}` : null };
    });

    const history: PlannedAppointment[] = [];
    // Chiefs from 2018; each changes every 2-9 years, so some compact signers are still in post.
    for (const org of organizations.slice(0, 3)) {
      for (let year = 2018; year <= 2025; year += between(2, 9)) history.push({ holder: org.key, role: 'chief', email: newPerson(), date: `${year}-07-01` });
    }
    // Principals from 2019; turnover every 1-4 years, so some schools churn and some are stable.
    for (const school of schools) {
      for (let year = 2019; year <= 2025; year += between(1, 4)) {
        history.push({ holder: school.key, role: 'principal', email: newPerson(), date: `${year}-${pad(between(6, 8))}-01` });
      }
    }

    const bySector = (sector: SchoolSector) => schools.find((s) => s.sector === sector)?.key ?? schools[0].key;
    const colocations: PlannedCity['colocations'] = [
      { site: `${pick(SCHOOL_WORDS)} Campus`, members: [bySector('district'), bySector('charter')], startedOn: '2025-08-15' },
      { site: `${name} Shared Learning Center`, members: [bySector('catholic'), bySector('independent')], startedOn: '2025-09-01' },
    ];
    // Early 2026 changes are long past their grace period (they lapse unless recommitted in time, and here they
    // are not); autumn ones are within it, and about half of their new principals recommit.
    const recentChanges: PlannedAppointment[] = colocations
      .filter(() => random() < 0.7)
      .map((colocation) => {
        const early = random() < 0.4;
        const date = early ? `2026-${pad(between(3, 5))}-01` : `2026-${pad(between(9, 10))}-${pad(between(1, 28))}`;
        return { holder: colocation.members[between(0, 1)], role: 'principal' as const, email: newPerson(), date };
      });
    const recommits = recentChanges.filter((change) => change.date >= '2026-09-01' && random() < 0.6).map((change) => change.holder);
    return {
      name,
      state,
      organizations,
      schools,
      history,
      compact: { title: `${name} District-Charter-Catholic Collaboration Compact`, signedOn: '2019-03-15', organizations: organizations.slice(0, 3).map((o) => o.key) },
      colocations,
      recentChanges,
      recommits,
    };
  });
  return { seed, people, cities };
}
