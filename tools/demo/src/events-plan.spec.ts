import { isIanaTimeZone } from '@crosswalk/contracts';
import { CITY_TIME_ZONES, EVENTS_HELD, planEvents } from './events-plan';
import { planNetwork } from './plan';

const TODAY = '2026-12-01';

describe('planEvents', () => {
  const network = planNetwork(2026, { today: TODAY });
  const year = planEvents(network);
  const heldEvents = year.flatMap((c) => [...c.held, ...c.series.flatMap((s) => s.sessions)]);

  it('holds the reported year: 116 events in 15 cities, within the year before the load day, and one upcoming event per city', () => {
    expect(year).toHaveLength(15);
    expect(heldEvents).toHaveLength(EVENTS_HELD);
    for (const event of heldEvents) {
      expect(event.startsAt < `${TODAY}T00:00:00.000Z`).toBe(true);
      expect(event.startsAt >= '2025-12-01T00:00:00.000Z').toBe(true);
      expect(new Date(event.endsAt).toISOString()).toBe(event.endsAt);
      expect(event.endsAt > event.startsAt).toBe(true);
    }
    for (const city of year) expect(city.upcoming.startsAt > `${TODAY}T23:59:59.999Z`).toBe(true);
    expect(year.filter((c) => c.series.length > 0).map((c) => c.series[0].sessions.length)).toEqual([3, 3, 3, 3, 3]);
  });

  it('brings together more than 160 distinct school leaders, as the network reported', () => {
    const leaders = new Set(heldEvents.flatMap((e) => e.attendees));
    expect(leaders.size).toBeGreaterThan(160);
  });

  it('keeps within capacity, takes attendees and survey answers from the registrants, and answers in range', () => {
    for (const event of [...heldEvents, ...year.map((c) => c.upcoming)]) {
      expect(new Set(event.registrants).size).toBe(event.registrants.length);
      for (const person of event.attendees) expect(event.registrants).toContain(person);
      for (const survey of event.surveys) {
        expect(event.attendees).toContain(survey.email);
        expect(survey.usefulness).toBeGreaterThanOrEqual(1);
        expect(survey.usefulness).toBeLessThanOrEqual(5);
        expect(survey.recommend).toBeGreaterThanOrEqual(0);
        expect(survey.recommend).toBeLessThanOrEqual(10);
      }
      if (event.kind === 'school_visit') expect(event.hostSchool).not.toBeNull();
    }
    for (const event of heldEvents) expect(event.registrants.length).toBeLessThanOrEqual(event.capacity);
    // Upcoming events are over-subscribed on purpose, so that some people wait.
    expect(year.some((c) => c.upcoming.registrants.length > c.upcoming.capacity)).toBe(true);
  });

  it('knows the time zone of every demo city, which its events take', () => {
    for (const city of network.cities) expect([city.name, isIanaTimeZone(CITY_TIME_ZONES[city.name])]).toEqual([city.name, true]);
  });

  it('gives the same year for the same seed and load day', () => {
    expect(planEvents(planNetwork(2026, { today: TODAY }))).toEqual(year);
    expect(JSON.stringify(planEvents(planNetwork(7, { today: TODAY })))).not.toBe(JSON.stringify(year));
  });
});
