// Loads the demo's year of events through the gateway, as an operator backfilling the network's history would:
// each past event (or series) with `backfill: true`, its registrations, the roster, the close that turns the
// absent into no-shows (and decides a series' completion), then the survey answers; the upcoming events with
// ordinary registrations, so some people wait for a seat. Events take their city's time zone.
import { type Options, api, eventually } from './api';
import { type PlannedCityEvents, type PlannedEvent } from './events-plan';

export interface LoadedCity {
  cityId: string;
  /** Directory ids by the plan's school and organization keys. */
  ids: Map<string, string>;
}

export interface LoadedEvents {
  /** Events held (series sessions included), recorded with backfill. */
  held: number;
  upcoming: number;
  series: number;
  registrations: number;
  attendances: number;
  surveys: number;
  /**
   * Registrations whose snapshot holds no role, although everyone the plan registers led a school or an
   * organization that day: the events service had not yet learned the tenure over Kafka when it registered them.
   */
  snapshotsWithoutRole: number;
}

interface Snapshot {
  role: string | null;
}

function eventBody(event: PlannedEvent, city: LoadedCity) {
  return {
    kind: event.kind,
    title: event.title,
    ...(event.hostSchool ? { hostSchoolId: city.ids.get(event.hostSchool) } : { venue: event.venue }),
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    capacity: event.capacity,
    creditHours: event.creditHours,
    audience: event.audience,
    topics: event.topics,
    waitlistPolicy: 'coverage_first',
  };
}

export class EventsLoader {
  readonly totals: LoadedEvents = { held: 0, upcoming: 0, series: 0, registrations: 0, attendances: 0, surveys: 0, snapshotsWithoutRole: 0 };

  constructor(
    private readonly options: Options,
    private readonly personIds: Map<string, string>,
  ) {}

  private person(email: string): string {
    const id = this.personIds.get(email);
    if (!id) throw new Error(`the demo plan names ${email}, who was not loaded`);
    return id;
  }

  async loadCity(planned: PlannedCityEvents, loaded: LoadedCity): Promise<void> {
    const cityId = loaded.cityId;
    for (const event of planned.held) {
      // The first write in a city may reach the events service before it has learned the city over Kafka.
      const created = await eventually(`event ${event.title}`, () =>
        api<{ id: string }>(this.options, 'POST', '/v1/events', { ...eventBody(event, loaded), cityId, backfill: true }),
      );
      await this.recordHeld(created.id, event);
    }
    for (const series of planned.series) {
      const created = await eventually(`series ${series.title}`, () =>
        api<{ id: string; sessions: { eventId: string }[] }>(this.options, 'POST', '/v1/series', {
          title: series.title,
          cityId,
          requiredSessions: series.requiredSessions,
          completionCreditHours: series.completionCreditHours,
          backfill: true,
          sessions: series.sessions.map((session) => ({ ...eventBody(session, loaded), kind: 'series_session' })),
        }),
      );
      const cohort = series.sessions[0].registrants;
      for (const email of cohort) {
        const answer = await eventually(`series registration of ${email}`, () =>
          api<{ registrations: { snapshot: Snapshot }[] }>(this.options, 'POST', `/v1/series/${created.id}/registrations`, {
            personId: this.person(email),
            backfill: true,
          }),
        );
        this.totals.registrations += answer.registrations.length;
        this.totals.snapshotsWithoutRole += answer.registrations.filter((r) => r.snapshot.role === null).length;
      }
      // In order: closing the last session decides who completed the series.
      for (const [position, session] of series.sessions.entries()) await this.recordHeld(created.sessions[position].eventId, session, false);
      this.totals.series += 1;
    }
    const upcoming = await eventually(`event ${planned.upcoming.title}`, () =>
      api<{ id: string }>(this.options, 'POST', '/v1/events', { ...eventBody(planned.upcoming, loaded), cityId }),
    );
    for (const email of planned.upcoming.registrants) {
      await eventually(`registration of ${email}`, () =>
        api(this.options, 'POST', `/v1/events/${upcoming.id}/registrations`, { personId: this.person(email) }),
      );
      this.totals.registrations += 1;
    }
    this.totals.upcoming += 1;
  }

  /** Registrations (unless a series registered them), the roster, the close, then the surveys. */
  private async recordHeld(eventId: string, event: PlannedEvent, register = true): Promise<void> {
    if (register) {
      for (const email of event.registrants) {
        const registration = await eventually(`registration of ${email}`, () =>
          api<{ snapshot: Snapshot }>(this.options, 'POST', `/v1/events/${eventId}/registrations`, { personId: this.person(email), backfill: true }),
        );
        if (registration.snapshot.role === null) this.totals.snapshotsWithoutRole += 1;
        this.totals.registrations += 1;
      }
    }
    if (event.attendees.length) {
      await api(this.options, 'POST', `/v1/events/${eventId}/attendance`, { personIds: event.attendees.map((email) => this.person(email)) });
    }
    await api(this.options, 'POST', `/v1/events/${eventId}/close`);
    for (const survey of event.surveys) {
      await api(this.options, 'POST', `/v1/events/${eventId}/surveys`, {
        personId: this.person(survey.email),
        usefulness: survey.usefulness,
        recommend: survey.recommend,
        intent: survey.intent,
      });
    }
    this.totals.held += 1;
    this.totals.attendances += event.attendees.length;
    this.totals.surveys += event.surveys.length;
  }
}
