import { expectedPlacements, registrationPlan, seatsPerEvent } from './registration-plan';

describe('the registration plan', () => {
  it('spreads consecutive registrations over the events and never repeats a person at an event', () => {
    const plan = registrationPlan(60, 40, 6);
    expect(plan.slice(0, 7).map((p) => p.event)).toEqual([0, 1, 2, 3, 4, 5, 0]);
    expect(new Set(plan.map((p) => `${p.person}/${p.event}`)).size).toBe(60);
  });

  it('refuses more registrations than there are distinct person-event pairs in its cycle', () => {
    // lcm(10, 4) = 20: registration 20 would be person 0 at event 0 again.
    expect(registrationPlan(20, 10, 4)).toHaveLength(20);
    expect(() => registrationPlan(21, 10, 4)).toThrow('would repeat a registration after 20');
  });

  it('refuses counts that are not positive integers', () => {
    expect(() => registrationPlan(0, 10, 2)).toThrow('count must be a positive integer');
    expect(() => registrationPlan(10, 10, 0)).toThrow('events must be a positive integer');
  });

  it('gives each event seats for 60% of its registrations, at least one', () => {
    expect(seatsPerEvent(2000, 20)).toBe(60);
    expect(seatsPerEvent(3, 20)).toBe(1);
  });

  it('expects each event to fill its seats and wait-list the rest', () => {
    // Events 0 and 1 are asked 3 times each, event 2 twice; 2 seats each.
    const plan = registrationPlan(8, 8, 3);
    expect(expectedPlacements(plan, 2)).toEqual({ registered: 6, waitlisted: 2 });
    expect(expectedPlacements(plan, 5)).toEqual({ registered: 8, waitlisted: 0 });
  });
});
