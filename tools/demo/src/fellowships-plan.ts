// The demo network's principal residencies, as plain data from the seed and the network plan. A charter network
// (the city's CMO) runs a residency in five cities: one cohort a year since the network's history begins, each
// trained at the CMO's schools with their principals as mentors, most residents completing and some leaving. The
// residents placed are people the directory's history already appoints principal of a district school the summer
// after their cohort: the residency is where they came from, and their retention is what the directory's later
// transitions say. The cohort running now has lost a mentor, whose resident waits for a new one.
import { addDays } from '@crosswalk/contracts';
import { type DemoPlan, type PlannedCity, randomFrom } from './plan';

/** The role residents held at their charter school before the residency (their origin). */
export const RESIDENT_ORIGIN_ROLE = 'assistant_principal';

export interface PlannedStage {
  stage: 'accepted' | 'enrolled' | 'completed' | 'withdrawn' | 'not_completed';
  on: string;
  reason?: string;
}

export interface PlannedResident {
  email: string;
  /** The charter school (key) where the resident was an assistant principal from `originFrom`. */
  originSchool: string;
  originFrom: string;
  appliedOn: string;
  /** After `applied`, in order. */
  stages: PlannedStage[];
  /** Host school (key) and mentor (email), from the day the resident enrolled. */
  mentor: { school: string; email: string } | null;
  /** The district school (key) whose principal the directory's history makes them, and from when. */
  placement: { school: string; startsOn: string } | null;
}

export interface PlannedCohort {
  name: string;
  startsOn: string;
  endsOn: string;
  /** Past cohorts are completed; the one of this school year is active. */
  status: 'completed' | 'active';
  hostSchools: { school: string; mentors: string[] }[];
  residents: PlannedResident[];
}

/** A principal change at a host school during the running cohort: its mentor leaves, a new principal arrives. */
export interface PlannedMentorDeparture {
  school: string;
  outgoing: string;
  incoming: string;
  date: string;
}

export interface PlannedResidency {
  /** Index of the city in the network plan. */
  city: number;
  name: string;
  /** Key of the operator organization (the city's CMO). */
  operator: string;
  cohorts: PlannedCohort[];
  departure: PlannedMentorDeparture | null;
}

export interface PlannedFellowships {
  /** People the residencies add to the directory (residents who were never appointed, new principals). */
  people: { fullName: string; email: string }[];
  residencies: PlannedResidency[];
}

const RESIDENCY_CITIES = [0, 3, 6, 9, 12];
const WITHDRAWAL_REASONS = ['Moved out of state', 'Family leave', 'Returned to teaching'];

/** The principal (email) of a school on a day, from the plan's history and recent changes. */
function principalOn(city: PlannedCity, school: string, day: string): string | null {
  const appointments = [...city.history, ...city.recentChanges].filter((a) => a.holder === school && a.role === 'principal' && a.date <= day);
  return appointments.sort((a, b) => a.date.localeCompare(b.date)).at(-1)?.email ?? null;
}

export function planFellowships(plan: DemoPlan): PlannedFellowships {
  const random = randomFrom(plan.seed + 15);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const people: PlannedFellowships['people'] = [];
  const newPerson = (label: string): string => {
    const email = `resident.${label}.${people.length + 1}@demo.crosswalk.example`;
    people.push({
      fullName: `${pick(['Alex', 'Jordan', 'Sam', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Avery'])} ${pick(['Bell', 'Cruz', 'Diaz', 'Ford', 'Hale', 'Ito', 'Khan', 'Lund'])}`,
      email,
    });
    return email;
  };
  const firstYear = Number(plan.cities[0]?.history[0]?.date.slice(0, 4) ?? plan.today.slice(0, 4)) + 1;
  // The school year running on the load day: it began on August 1 of this year or the last.
  const currentYear = plan.today.slice(5) >= '08-01' ? Number(plan.today.slice(0, 4)) : Number(plan.today.slice(0, 4)) - 1;

  const residencies = RESIDENCY_CITIES.filter((c) => c < plan.cities.length).map((c): PlannedResidency => {
    const city = plan.cities[c];
    const colocated = new Set(city.colocations.flatMap((colocation) => colocation.members));
    const charters = city.schools.filter((s) => s.sector === 'charter');
    // Training schools: the CMO's schools outside the colocations (their principals' changes are planned there).
    const hosts = city.schools.filter((s) => s.sector !== 'district' && !colocated.has(s.key)).slice(0, 2);
    const districtSchools = new Set(city.schools.filter((s) => s.sector === 'district').map((s) => s.key));
    const resident = (start: number, email: string): Omit<PlannedResident, 'stages' | 'placement'> => {
      const host = hosts.length ? pick(hosts).key : null;
      const mentor = host ? principalOn(city, host, `${start}-08-01`) : null;
      return {
        email,
        originSchool: pick(charters).key,
        originFrom: `${start - 2}-08-01`,
        appliedOn: `${start}-03-01`,
        mentor: host && mentor ? { school: host, email: mentor } : null,
      };
    };
    const cohorts: PlannedCohort[] = [];
    for (let start = firstYear; start <= currentYear; start += 1) {
      const active = start === currentYear;
      const endsOn = `${start + 1}-05-31`;
      const enrolled: PlannedStage[] = [
        { stage: 'accepted', on: `${start}-05-01` },
        { stage: 'enrolled', on: `${start}-08-01` },
      ];
      const residents: PlannedResident[] = [];
      // The district principals the history appoints the summer after this cohort: up to two came from it.
      const appointed = city.history.filter((a) => a.role === 'principal' && districtSchools.has(a.holder) && a.date.startsWith(`${start + 1}-`));
      for (const appointment of appointed.slice(0, 2)) {
        residents.push({
          ...resident(start, appointment.email),
          stages: [...enrolled, { stage: 'completed', on: endsOn }],
          placement: { school: appointment.holder, startsOn: appointment.date },
        });
      }
      // Residents the history never appoints: one leaves during the year, one completes and is not placed yet.
      residents.push({
        ...resident(start, newPerson(`c${c}`)),
        stages: active ? enrolled : [...enrolled, { stage: 'withdrawn', on: `${start}-12-15`, reason: pick(WITHDRAWAL_REASONS) }],
        placement: null,
      });
      residents.push({
        ...resident(start, newPerson(`c${c}`)),
        stages: active ? enrolled : [...enrolled, { stage: 'completed', on: endsOn }],
        placement: null,
      });
      cohorts.push({
        name: `${city.name} principal residency ${start}-${String(start + 1).slice(2)}`,
        startsOn: `${start}-08-01`,
        endsOn,
        status: active ? 'active' : 'completed',
        hostSchools: hosts.map((h) => ({ school: h.key, mentors: [principalOn(city, h.key, `${start}-08-01`)].filter((m): m is string => m !== null) })),
        residents,
      });
    }
    // The running cohort loses the mentor of its first resident: their host school gets a new principal.
    const running = cohorts.at(-1);
    const mentored = running?.residents.find((r) => r.mentor !== null)?.mentor;
    const departure =
      running?.status === 'active' && mentored
        ? {
            school: mentored.school,
            outgoing: mentored.email,
            incoming: newPerson(`principal.c${c}`),
            date: addDays(plan.today, -12) > running.startsOn ? addDays(plan.today, -12) : addDays(running.startsOn, 1),
          }
        : null;
    const cmo = city.organizations.find((o) => o.kind === 'cmo');
    return { city: c, name: `${city.name} Principal Residency`, operator: cmo?.key ?? city.organizations[0].key, cohorts, departure };
  });
  return { people, residencies };
}
