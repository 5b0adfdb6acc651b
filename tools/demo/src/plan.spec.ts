import { addDays, calendarDateAt } from '@crosswalk/contracts';
import { DEFAULT_GRACE_PERIOD_DAYS, SECTORS, gracePeriodDaysFrom, planCalendar, planNetwork } from './plan';

const TODAY = '2026-12-01';

describe('planNetwork', () => {
  it('gives the same network for the same seed and load day, and another one for another seed', () => {
    expect(planNetwork(7, { today: TODAY })).toEqual(planNetwork(7, { today: TODAY }));
    expect(planNetwork(2026, { today: '2030-07-01', gracePeriodDays: 30 })).toEqual(planNetwork(2026, { today: '2030-07-01', gracePeriodDays: 30 }));
    expect(JSON.stringify(planNetwork(8, { today: TODAY }))).not.toBe(JSON.stringify(planNetwork(7, { today: TODAY })));
  });

  it('gives another load day the same people, schools and outcomes, with the dates moved', () => {
    const [now, later] = [planNetwork(2026, { today: TODAY }), planNetwork(2026, { today: '2027-03-15' })];
    expect(later.people).toEqual(now.people);
    expect(later.cities.map((c) => [c.name, c.organizations, c.schools])).toEqual(now.cities.map((c) => [c.name, c.organizations, c.schools]));
    const outcomes = (plan: typeof now) => plan.cities.map((c) => c.recentChanges.map(({ holder, email, outcome }) => ({ holder, email, outcome })));
    expect(outcomes(later)).toEqual(outcomes(now));
    expect(later.cities[0].recentChanges.map((c) => c.date)).not.toEqual(now.cities[0].recentChanges.map((c) => c.date));
  });

  it('plans 15 cities with every sector and organization kind, turnover history, and unique emails', () => {
    const plan = planNetwork(2026, { today: TODAY });
    expect(plan).toMatchObject({ seed: 2026, today: TODAY, gracePeriodDays: DEFAULT_GRACE_PERIOD_DAYS });
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
    // For a load in late 2026: history from 2018, compacts of 2019, partnerships formed in 2025, changes in 2026.
    expect(plan.cities[0].history.map((a) => a.date).sort()[0]).toBe('2018-07-01');
    expect(plan.cities[0].compact.signedOn).toBe('2019-03-15');
    expect(plan.cities[0].colocations.map((c) => c.startedOn)).toEqual(['2025-08-15', '2025-09-01']);
    expect(plan.cities.flatMap((c) => c.recentChanges).every((c) => c.date.startsWith('2026-'))).toBe(true);
  });

  // A load on any day: what the plan expects the colocations service to do is what its grace period gives.
  describe.each([
    ['2026-12-01', 90],
    ['2027-01-03', 90],
    ['2027-03-15', 90],
    ['2028-02-29', 90],
    ['2030-07-01', 90],
    ['2030-07-01', 30],
    ['2027-03-15', 365],
    ['2027-03-15', 1],
  ])('loaded on %s with a grace period of %i day(s)', (today, gracePeriodDays) => {
    const plan = planNetwork(2026, { today, gracePeriodDays });
    const { graceMargin } = planCalendar(today, gracePeriodDays);
    const changes = plan.cities.flatMap((c) => c.recentChanges);

    it('plans recommitments within the grace period and lapses past it, each due by its date plus the grace period', () => {
      for (const change of changes) {
        expect(change.dueBy).toBe(addDays(change.date, gracePeriodDays));
        expect(change.date <= today).toBe(true);
        if (change.outcome === 'lapsed') expect(change.dueBy <= addDays(today, -30)).toBe(true);
        else expect(change.dueBy >= addDays(today, graceMargin)).toBe(true);
      }
      expect(graceMargin).toBeGreaterThanOrEqual(1);
      expect(new Set(changes.map((c) => c.outcome))).toEqual(new Set(['recommitted', 'pending', 'lapsed']));
    });

    it('places the history before the partnerships formed, and the recent changes after', () => {
      for (const city of plan.cities) {
        const formed = city.colocations.map((c) => c.startedOn).sort()[0];
        const lastFormed =
          city.colocations
            .map((c) => c.startedOn)
            .sort()
            .at(-1) ?? formed;
        expect(city.history.every((a) => a.date < formed)).toBe(true);
        expect(city.recentChanges.every((c) => c.date > lastFormed)).toBe(true);
        // The compact's signers are the chiefs in post on the signing day.
        for (const org of city.compact.organizations) expect(city.history.some((a) => a.holder === org && a.date <= city.compact.signedOn)).toBe(true);
        // Each partnership faces at most one recent change, at one of its members.
        for (const colocation of city.colocations)
          expect(city.recentChanges.filter((c) => colocation.members.includes(c.holder)).length).toBeLessThanOrEqual(1);
      }
    });

    it('ends the history shortly before the load day', () => {
      const newest =
        changes
          .map((c) => c.date)
          .sort()
          .at(-1) ?? '';
      expect(newest >= addDays(today, -gracePeriodDays)).toBe(true);
      const newestHistory =
        plan.cities
          .flatMap((c) => c.history.map((a) => a.date))
          .sort()
          .at(-1) ?? '';
      expect(newestHistory >= addDays(today, -(gracePeriodDays + 180 + 2 * 366))).toBe(true);
    });
  });

  it('refuses a load day that is not a date', () => {
    expect(() => planNetwork(7, { today: '2026-02-30' })).toThrow(/today must be a date/);
    expect(() => planNetwork(7, { today: '1 December 2026' })).toThrow(/today must be a date/);
  });
});

describe('the load day and the grace period', () => {
  it('takes the UTC calendar day as today', () => {
    expect(calendarDateAt(new Date('2026-12-01T23:59:59-05:00'))).toBe('2026-12-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-01-03', -90)).toBe('2026-10-05');
  });

  it('reads COLOCATION_GRACE_PERIOD_DAYS as the colocations service does', () => {
    expect(gracePeriodDaysFrom(undefined)).toBe(90);
    expect(gracePeriodDaysFrom('')).toBe(90);
    expect(gracePeriodDaysFrom('30')).toBe(30);
    for (const value of ['abc', '0', '-5', '2.5', '3651']) expect(() => gracePeriodDaysFrom(value)).toThrow(/COLOCATION_GRACE_PERIOD_DAYS/);
  });
});
