import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import { assertCityAccess, type Principal, visibleCities } from '@crosswalk/auth';
import { Clock } from '@crosswalk/platform';
import { Problem } from '@crosswalk/problems';
import { DirectoryCopy } from '@crosswalk/directory-copy';
import { EventReschedule } from '../events/event-reschedule.entity';
import { EventTopic } from '../events/event-topic.entity';
import { NetworkEvent } from '../events/network-event.entity';
import { RegistrationChange } from '../registrations/registration-change.entity';
import { Registration } from '../registrations/registration.entity';
import {
  CALENDAR_REGISTRATION_STATUSES,
  MAX_FEED_EVENTS,
  REFRESH_INTERVAL,
  UID_DOMAIN,
  calendarEvent,
  feedStartsOn,
  putsInCalendar,
} from './calendar-feed.rules';
import { icalendar } from './icalendar.rules';

/** The cities a feed may show: `undefined` for every city. */
export type FeedCities = readonly string[] | undefined;

/**
 * The iCalendar feeds: a city's events, and the events a person holds a place at. Read-only; the events'
 * own rows (reschedule history, cancellation) give every SEQUENCE and LAST-MODIFIED, so a feed is the same
 * bytes until something in it changes.
 */
@Injectable()
export class CalendarsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: DirectoryCopy,
    private readonly clock: Clock,
  ) {}

  /** A city's feed for a caller with a token: a city outside its cities answers like an unknown one (404). */
  cityFeedFor(principal: Principal, cityId: string): Promise<string> {
    assertCityAccess(principal, cityId);
    return this.cityFeed(cityId);
  }

  /** A person's feed for a caller with a token, showing only the events of the cities it sees. */
  personFeedFor(principal: Principal, personId: string): Promise<string> {
    return this.personFeed(personId, visibleCities(principal));
  }

  /** Every event of the city in the window: scheduled, completed, and cancelled ones as cancelled. */
  async cityFeed(cityId: string): Promise<string> {
    const manager = this.dataSource.manager;
    const city = await this.directory.city(manager, cityId);
    if (!city) throw Problem.notFound(`City ${cityId}`);
    const events = await this.windowed(manager.createQueryBuilder(NetworkEvent, 'event').where('event.cityId = :cityId', { cityId })).getMany();
    return this.feed(manager, events, `${city.name}, ${city.state}: professional development`);
  }

  /** The events in the window the person holds a place at (see `putsInCalendar`), in the cities given. */
  async personFeed(personId: string, cities: FeedCities): Promise<string> {
    const manager = this.dataSource.manager;
    const person = await this.directory.person(manager, personId);
    if (!person) throw Problem.notFound(`Person ${personId}`);

    const registrations = manager
      .createQueryBuilder(Registration, 'registration')
      .innerJoin(NetworkEvent, 'event', 'event.id = registration.eventId')
      .select(['registration.id', 'registration.eventId', 'registration.status'])
      .where('registration.personId = :personId', { personId })
      .andWhere('registration.status IN (:...statuses)', { statuses: [...CALENDAR_REGISTRATION_STATUSES, 'cancelled'] })
      .andWhere('event.startsOn >= :from', { from: feedStartsOn(this.clock.now()) });
    if (cities) registrations.andWhere(cities.length ? 'event.cityId IN (:...cities)' : '1 = 0', { cities: [...cities] });
    const held = await registrations.getMany();

    const cancelled = held.filter((r) => r.status === 'cancelled').map((r) => r.id);
    const endedByCancellation = cancelled.length
      ? await manager.find(RegistrationChange, {
          select: { registrationId: true, fromStatus: true },
          where: { registrationId: In(cancelled), cause: 'event_cancelled' },
        })
      : [];
    const fromStatus = new Map(endedByCancellation.map((c) => [c.registrationId, c.fromStatus]));
    const eventIds = [
      ...new Set(held.filter((r) => putsInCalendar({ status: r.status, cancelledWithEventFrom: fromStatus.get(r.id) ?? null })).map((r) => r.eventId)),
    ];

    const events = eventIds.length
      ? await this.windowed(manager.createQueryBuilder(NetworkEvent, 'event').where('event.id IN (:...eventIds)', { eventIds })).getMany()
      : [];
    return this.feed(manager, events, `${person.fullName}: professional development`);
  }

  /** The feed's bounds: a year back, and at most MAX_FEED_EVENTS, leaving out the longest past first. */
  private windowed(select: SelectQueryBuilder<NetworkEvent>): SelectQueryBuilder<NetworkEvent> {
    return select
      .andWhere('event.startsOn >= :from', { from: feedStartsOn(this.clock.now()) })
      .orderBy('event.startsAt', 'DESC')
      .addOrderBy('event.id', 'DESC')
      .limit(MAX_FEED_EVENTS);
  }

  /** The calendar of these events, with their topics, reschedules and host schools in three queries. */
  private async feed(manager: EntityManager, events: readonly NetworkEvent[], name: string): Promise<string> {
    const ids = events.map((e) => e.id);
    const topics = ids.length ? await manager.find(EventTopic, { where: { eventId: In(ids) }, order: { topic: 'ASC' } }) : [];
    const reschedules = ids.length ? await manager.find(EventReschedule, { select: { eventId: true, recordedAt: true }, where: { eventId: In(ids) } }) : [];
    const hostIds = [...new Set(events.map((e) => e.hostSchoolId).filter((id): id is string => id !== null))];
    const hostNames = new Map((await this.directory.schools(manager, hostIds)).map((s) => [s.id, s.name]));
    const calendarEvents = events.map((e) =>
      calendarEvent({
        id: e.id,
        title: e.title,
        kind: e.kind,
        audience: e.audience,
        format: e.format,
        status: e.status,
        sequence: e.sequence,
        cancelReason: e.cancelReason,
        venue: e.venue,
        hostSchoolName: e.hostSchoolId ? (hostNames.get(e.hostSchoolId) ?? null) : null,
        startsAt: new Date(e.startsAt),
        endsAt: new Date(e.endsAt),
        timeZone: e.timeZone,
        createdAt: new Date(e.createdAt),
        cancelledAt: e.cancelledAt ? new Date(e.cancelledAt) : null,
        rescheduledAt: reschedules.filter((r) => r.eventId === e.id).map((r) => new Date(r.recordedAt)),
        topics: topics.filter((t) => t.eventId === e.id).map((t) => t.topic),
      }),
    );
    return icalendar(calendarEvents, { uidDomain: UID_DOMAIN, name, refreshInterval: REFRESH_INTERVAL });
  }
}
