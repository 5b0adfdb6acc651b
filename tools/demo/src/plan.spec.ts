import { SECTORS, planNetwork } from './plan';

describe('planNetwork', () => {
  it('gives the same network for the same seed and another one for another seed', () => {
    expect(planNetwork(7)).toEqual(planNetwork(7));
    expect(JSON.stringify(planNetwork(8))).not.toBe(JSON.stringify(planNetwork(7)));
  });

  it('plans 15 cities with every sector and organization kind, turnover history, and unique emails', () => {
    const plan = planNetwork(2026);
    expect(plan.cities).toHaveLength(15);
    for (const city of plan.cities) {
      expect(new Set(city.schools.map((s) => s.sector))).toEqual(new Set(SECTORS));
      expect(city.organizations.map((o) => o.kind)).toEqual(['district', 'cmo', 'diocese', 'independent_network', 'intermediary']);
      // Every school has a first principal and the history is in date order per school.
      for (const school of city.schools) {
        const dates = city.history.filter((a) => a.holder === school.key).map((a) => a.date);
        expect(dates.length).toBeGreaterThan(0);
        expect([...dates].sort()).toEqual(dates);
      }
      for (const colocation of city.colocations) {
        const sectors = colocation.members.map((key) => city.schools.find((s) => s.key === key)?.sector);
        expect(new Set(sectors).size).toBe(2);
      }
    }
    const emails = plan.people.map((p) => p.email);
    expect(new Set(emails).size).toBe(emails.length);
    expect(plan.cities.flatMap((c) => c.history).length).toBeGreaterThan(plan.cities.flatMap((c) => c.schools).length);
  });
});
