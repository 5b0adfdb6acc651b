// A year of professional-development events for the demo network, as plain data from the seed and the network
// plan: about 116 events held in 15 cities (one network's report of a year), a few multi-session series among
// them, who came (the school leaders in post on each event's day), who did not, and their survey answers; plus
// one upcoming event per city with people registered and waiting. The same seed and load day give the same year.
import { type EventAudience, type EventKind, addDays } from '@crosswalk/contracts';
import { type DemoPlan, type PlannedCity, randomFrom } from './plan';

/** The network's report: 116 events in 15 cities in a year. */
export const EVENTS_HELD = 116;

export interface PlannedSurvey {
  email: string;
  usefulness: number;
  recommend: number;
  intent: 'yes' | 'no' | 'unsure';
}

export interface PlannedEvent {
  kind: EventKind;
  title: string;
  /** School key of the host, or null with a venue. */
  hostSchool: string | null;
  venue: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  creditHours: number;
  audience: EventAudience;
  topics: string[];
  /** Everyone registered (emails), in registration order. */
  registrants: string[];
  /** Registrants who came; the others are no-shows once the event closes. */
  attendees: string[];
  surveys: PlannedSurvey[];
}

export interface PlannedSeries {
  title: string;
  requiredSessions: number;
  completionCreditHours: number;
  sessions: PlannedEvent[];
}

export interface PlannedCityEvents {
  city: string;
  /** Single events held in the past year. */
  held: PlannedEvent[];
  /** Series held in the past year (their sessions are events too). */
  series: PlannedSeries[];
  /** An event still to come: registered people (capacity first) and a waitlist behind them. */
  upcoming: PlannedEvent;
}

export const CITY_TIME_ZONES: Readonly<Record<string, string>> = {
  Denver: 'America/Denver',
  Chicago: 'America/Chicago',
  'New Orleans': 'America/Chicago',
  Boston: 'America/New_York',
  Philadelphia: 'America/New_York',
  Indianapolis: 'America/Indiana/Indianapolis',
  Memphis: 'America/Chicago',
  Houston: 'America/Chicago',
  Spokane: 'America/Los_Angeles',
  Hartford: 'America/New_York',
  Minneapolis: 'America/Chicago',
  Austin: 'America/Chicago',
  Nashville: 'America/Chicago',
  Rochester: 'America/New_York',
  Sacramento: 'America/Los_Angeles',
};

const TOPICS = ['literacy', 'math', 'coaching', 'data', 'family-engagement', 'special-education', 'school-culture', 'english-learners'];
const SINGLE_KINDS: EventKind[] = ['workshop', 'workshop', 'town_hall', 'convening', 'school_visit'];
const TITLES: Readonly<Record<string, string>> = {
  literacy: 'Reading across the curriculum',
  math: 'Number talks that stick',
  coaching: 'Coaching conversations',
  data: 'From data to next steps',
  'family-engagement': 'Families as partners',
  'special-education': 'Inclusive classrooms',
  'school-culture': 'Building a culture of learning',
  'english-learners': 'Language for every learner',
};

/** Who leads a school or organization on a day: the last appointment on or before it. */
export function holderOn(city: PlannedCity, holder: string, day: string): string | null {
  const appointments = [...city.history, ...city.recentChanges].filter((a) => a.holder === holder && a.date <= day);
  appointments.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return appointments.at(-1)?.email ?? null;
}

/** Afternoon in every US zone (21:00 UTC is 13:00-16:00 there): no time-zone arithmetic needed. */
function afternoonOf(day: string, hours: number): { startsAt: string; endsAt: string } {
  const startsAt = new Date(`${day}T21:00:00.000Z`);
  return { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + hours * 3_600_000).toISOString() };
}

export function planEvents(plan: DemoPlan): PlannedCityEvents[] {
  const random = randomFrom(plan.seed * 31 + 7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));

  return plan.cities.map((city, c): PlannedCityEvents => {
    // 116 = 15 × 7 + 11: the first 11 cities hold 8 events, the others 7; every third city runs a 3-session series.
    const count = Math.floor(EVENTS_HELD / plan.cities.length) + (c < EVENTS_HELD % plan.cities.length ? 1 : 0);
    const seriesSessions = c % 3 === 0 ? 3 : 0;
    // Early adopters: the first three schools send their leaders far more often, as networks report.
    const weightOf = (index: number) => (index < 3 ? 4 : 1);
    const schoolKeys = city.schools.map((s) => s.key);
    const chiefs = city.organizations.slice(0, 3).map((o) => o.key);

    const leadersOn = (day: string, host: string | null, size: number): string[] => {
      const chosen = new Set<string>();
      const weighted = schoolKeys.flatMap((key, index) => (key === host ? [] : Array.from({ length: weightOf(index) }, () => key)));
      for (let tries = 0; chosen.size < size && tries < size * 10; tries += 1) {
        const principal = holderOn(city, pick(weighted), day);
        if (principal) chosen.add(principal);
      }
      for (const org of chiefs) {
        const chief = holderOn(city, org, day);
        if (chief && random() < 0.3) chosen.add(chief);
      }
      return [...chosen];
    };

    const eventOn = (day: string, kind: EventKind, titleSuffix: string): PlannedEvent => {
      const topic = pick(TOPICS);
      const hostSchool = kind === 'school_visit' || random() < 0.6 ? pick(schoolKeys) : null;
      const registrants = leadersOn(day, hostSchool, between(5, 11));
      const attendees = registrants.filter(() => random() < 0.88);
      return {
        kind,
        title: `${TITLES[topic]}${titleSuffix}`,
        hostSchool,
        venue: hostSchool ? null : `${city.name} Public Library`,
        ...afternoonOf(day, kind === 'convening' ? 4 : 3),
        capacity: 30,
        creditHours: kind === 'town_hall' ? 1.5 : 3,
        audience: kind === 'school_visit' ? 'instructional_teams' : 'school_leaders',
        topics: [topic],
        registrants,
        attendees,
        surveys: attendees
          .filter(() => random() < 0.6)
          .map((email) => {
            const recommend = between(4, 10);
            return {
              email,
              usefulness: Math.max(1, Math.min(5, Math.round(recommend / 2))),
              recommend,
              intent: recommend >= 8 ? 'yes' : recommend >= 6 ? 'unsure' : 'no',
            };
          }),
      };
    };

    // Spread over the year before the load day, the last one a week before it.
    const days = Array.from({ length: count }, (_, i) => addDays(plan.today, -(358 - Math.floor((i * 350) / count) - between(0, 6))));
    const singleDays = days.slice(0, count - seriesSessions);
    const held = singleDays.map((day) => eventOn(day, pick(SINGLE_KINDS), ''));
    const series: PlannedSeries[] = [];
    if (seriesSessions) {
      const sessionDays = days.slice(count - seriesSessions);
      const cohort = leadersOn(sessionDays[0], null, between(8, 12));
      const sessions = sessionDays.map((day, i) => {
        const session = eventOn(day, 'series_session', `, session ${i + 1} of ${seriesSessions}`);
        const attendees = cohort.filter(() => random() < 0.75);
        return {
          ...session,
          hostSchool: null,
          venue: `${city.name} Leadership Center`,
          registrants: cohort,
          attendees,
          surveys: session.surveys.filter((s) => attendees.includes(s.email)),
        };
      });
      series.push({
        title: `Leading for literacy: a ${seriesSessions}-session course in ${city.name}`,
        requiredSessions: 2,
        completionCreditHours: 6,
        sessions,
      });
    }
    const upcomingDay = addDays(plan.today, between(14, 40));
    const upcomingEvent = eventOn(upcomingDay, 'workshop', ' (this season)');
    // Ten seats for a dozen or more people: some wait, so a cancellation makes an offer.
    const upcoming = {
      ...upcomingEvent,
      capacity: 10,
      registrants: leadersOn(addDays(plan.today, -1), upcomingEvent.hostSchool, 14),
      attendees: [],
      surveys: [],
    };
    return { city: city.name, held, series, upcoming };
  });
}
