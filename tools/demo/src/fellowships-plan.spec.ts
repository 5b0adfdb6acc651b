import { planFellowships } from './fellowships-plan';
import { planNetwork } from './plan';

const TODAY = '2026-12-01';

describe('planFellowships', () => {
  const network = planNetwork(2026, { today: TODAY });
  const plan = planFellowships(network);
  const principalOn = (city: number, school: string, day: string) =>
    [...network.cities[city].history, ...network.cities[city].recentChanges]
      .filter((a) => a.holder === school && a.role === 'principal' && a.date <= day)
      .sort((a, b) => a.date.localeCompare(b.date))
      .at(-1)?.email;

  it('runs a residency in five cities, a cohort a year up to the one running on the load day', () => {
    expect(plan.residencies.map((r) => r.name)).toEqual(['Denver', 'Boston', 'Memphis', 'Hartford', 'Nashville'].map((city) => `${city} Principal Residency`));
    for (const residency of plan.residencies) {
      expect(residency.cohorts.filter((c) => c.status === 'active').map((c) => c.startsOn)).toEqual(['2026-08-01']);
      expect(residency.cohorts.length).toBeGreaterThanOrEqual(6);
      expect(network.cities[residency.city].organizations.find((o) => o.key === residency.operator)?.kind).toBe('cmo');
    }
  });

  it('places only people the history appoints principal of that district school, on that day, after their cohort', () => {
    let placed = 0;
    for (const residency of plan.residencies) {
      const city = network.cities[residency.city];
      for (const cohort of residency.cohorts) {
        for (const resident of cohort.residents.filter((r) => r.placement)) {
          const placement = resident.placement!;
          expect(city.schools.find((s) => s.key === placement.school)?.sector).toBe('district');
          expect(city.history).toContainEqual({ holder: placement.school, role: 'principal', email: resident.email, date: placement.startsOn });
          expect(placement.startsOn > cohort.endsOn).toBe(true);
          expect(resident.stages.at(-1)).toEqual({ stage: 'completed', on: cohort.endsOn });
          placed += 1;
        }
      }
    }
    expect(placed).toBeGreaterThan(10);
  });

  it('gives each resident a charter origin before applying, stages in order, and a mentor who leads the host school that day', () => {
    for (const residency of plan.residencies) {
      const city = network.cities[residency.city];
      for (const cohort of residency.cohorts) {
        for (const host of cohort.hostSchools) expect(host.mentors).toEqual([principalOn(residency.city, host.school, cohort.startsOn)]);
        for (const resident of cohort.residents) {
          expect(city.schools.find((s) => s.key === resident.originSchool)?.sector).toBe('charter');
          expect(resident.originFrom < resident.appliedOn).toBe(true);
          const days = [resident.appliedOn, ...resident.stages.map((s) => s.on)];
          expect([...days].sort()).toEqual(days);
          expect(resident.mentor?.email).toBe(principalOn(residency.city, resident.mentor!.school, cohort.startsOn));
          if (cohort.status === 'active') expect(resident.stages.map((s) => s.stage)).toEqual(['accepted', 'enrolled']);
        }
      }
    }
  });

  it('makes the running cohort lose a mentor before the load day, and adds only people the network plan does not have', () => {
    for (const residency of plan.residencies) {
      const departure = residency.departure!;
      const running = residency.cohorts.at(-1)!;
      expect(departure.date > running.startsOn && departure.date <= TODAY).toBe(true);
      expect(departure.outgoing).toBe(principalOn(residency.city, departure.school, TODAY));
    }
    const known = new Set(network.people.map((p) => p.email));
    expect(plan.people.some((p) => known.has(p.email))).toBe(false);
    expect(new Set(plan.people.map((p) => p.email)).size).toBe(plan.people.length);
  });

  it('is the same plan for the same seed and load day', () => {
    expect(planFellowships(planNetwork(2026, { today: TODAY }))).toEqual(plan);
  });
});
