import { Injectable } from '@nestjs/common';
import { assertMayBackfill } from './backfill';
import { DataSource, type EntityManager, In } from 'typeorm';
import {
  EventCancelled,
  EventCompleted,
  type EventFactV1,
  EventFlagged,
  type EventFlagReason,
  EventRescheduled,
  EventScheduled,
  type LeadershipTransitionedV1,
} from '@crosswalk/contracts';
import { assertCityAccess, type Principal, visibleCities, visibleOrNotFound } from '@crosswalk/auth';
import { DirectoryCopy } from '@crosswalk/directory-copy';
import { type TransactionScope, UnitOfWork } from '@crosswalk/messaging';
import { newId } from '@crosswalk/persistence';
import { Clock, fetchPage, type Page } from '@crosswalk/platform';
import { ProblemCode } from '@crosswalk/problems';
import { invalidFields, refused } from '../problem-answers';
import { type FieldProblem, problem } from '../problems';
import { type RegistrationCounts, RegistrationsService } from '../registrations/registrations.service';
import { SeriesCompletionService } from '../series/series-completion.service';
import type { CancelEventRequest, EventQuery, EventResponse, RescheduleEventRequest, ScheduleEventRequest } from './dto/event.dto';
import { EventFacilitator } from './event-facilitator.entity';
import { EventFlag } from './event-flag.entity';
import { afterLockIsolation, lockedEvent } from './event-lock';
import { EventReschedule } from './event-reschedule.entity';
import {
  DEFAULT_OFFER_HOURS,
  cancelReasonProblem,
  cancelRefusal,
  closeRefusal,
  isFlaggedBy,
  localDate,
  nextSequence,
  rescheduleProblems,
  rescheduleRefusal,
  scheduleProblems,
} from './event-schedule.rules';
import { EventTopic } from './event-topic.entity';
import { NetworkEvent } from './network-event.entity';

/**
 * Events and their lifecycle. Every write runs in a TransactionScope (a unit of work for HTTP use cases, the
 * inbox transaction when a directory fact flags events), so the change and its events commit together.
 */
@Injectable()
export class EventsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly directory: DirectoryCopy,
    private readonly registrations: RegistrationsService,
    private readonly seriesCompletion: SeriesCompletionService,
    private readonly clock: Clock,
  ) {}

  async schedule(request: ScheduleEventRequest, principal: Principal): Promise<EventResponse> {
    assertCityAccess(principal, request.cityId);
    if (request.backfill) assertMayBackfill(principal);
    const now = this.clock.now();
    const id = await this.unitOfWork.run(async (tx) => {
      const { event: prepared, problems } = await this.prepare(tx.manager, request, null, now);
      if (problems.length) throw invalidFields(problems);
      await this.insert(tx, prepared);
      return prepared.event.id;
    });
    return this.view(this.dataSource.manager, id);
  }

  /**
   * An event body checked against the schedule rules and the local copy of the directory (city, host school,
   * facilitators): the event to insert and what is wrong with it, the problems named by the body's fields. A
   * series checks all its sessions this way before it inserts any.
   */
  async prepare(
    manager: EntityManager,
    request: ScheduleEventRequest,
    series: { id: string; position: number } | null,
    now: Date,
  ): Promise<{ event: EventToSchedule; problems: FieldProblem[] }> {
    // An event without a time zone of its own takes its city's (when the directory gave it one).
    const city = await this.directory.city(manager, request.cityId);
    const event: NetworkEvent = {
      id: newId(),
      cityId: request.cityId,
      kind: request.kind,
      seriesId: series?.id ?? null,
      seriesPosition: series?.position ?? null,
      title: request.title,
      hostSchoolId: request.hostSchoolId ?? null,
      hostSector: null,
      venue: request.venue ?? null,
      startsAt: new Date(request.startsAt),
      endsAt: new Date(request.endsAt),
      timeZone: request.timeZone ?? city?.timeZone ?? 'UTC',
      startsOn: '',
      registrationOpensAt: request.registrationOpensAt ? new Date(request.registrationOpensAt) : null,
      registrationClosesAt: request.registrationClosesAt ? new Date(request.registrationClosesAt) : null,
      capacity: request.capacity ?? null,
      waitlistOrdering: request.waitlistPolicy ?? 'fifo',
      offerHours: request.offerHours ?? DEFAULT_OFFER_HOURS,
      creditHours: request.creditHours ?? 0,
      audience: request.audience ?? 'mixed',
      format: request.format ?? 'in_person',
      status: 'scheduled',
      sequence: 0,
      cancelReason: null,
      cancelledAt: null,
      closedAt: null,
      createdAt: now,
    };
    const problems = scheduleProblems(event, { now, seatsTaken: 0, backfill: request.backfill ?? false });
    if (!city) problems.push(problem('cityId', 'unknown_city', `City ${event.cityId} not found`));
    if (event.hostSchoolId) {
      const host = await this.directory.school(manager, event.hostSchoolId);
      const hostProblem = !host
        ? `School ${event.hostSchoolId} not found`
        : host.cityId !== event.cityId
          ? `School ${event.hostSchoolId} is not in city ${event.cityId}`
          : host.closedOn !== null
            ? `School ${event.hostSchoolId} closed on ${host.closedOn}`
            : null;
      if (hostProblem) problems.push(problem('hostSchoolId', 'invalid_host_school', hostProblem));
      event.hostSector = host?.sector ?? null;
    }
    const facilitatorPersonIds = request.facilitatorPersonIds ?? [];
    for (const personId of facilitatorPersonIds) {
      if (!(await this.directory.person(manager, personId))) problems.push(problem('facilitatorPersonIds', 'unknown_person', `Person ${personId} not found`));
    }
    if (!problems.length) event.startsOn = localDate(event.startsAt, event.timeZone);
    return { event: { event, topics: request.topics ?? [], facilitatorPersonIds }, problems };
  }

  /** Inserts an event `prepare` found nothing wrong with, and records its EventScheduled in the same transaction. */
  async insert(tx: TransactionScope, { event, topics, facilitatorPersonIds }: EventToSchedule): Promise<void> {
    await tx.manager.insert(NetworkEvent, event);
    if (topics.length)
      await tx.manager.insert(
        EventTopic,
        topics.map((topic) => ({ eventId: event.id, topic })),
      );
    if (facilitatorPersonIds.length)
      await tx.manager.insert(
        EventFacilitator,
        facilitatorPersonIds.map((personId, position) => ({ eventId: event.id, personId, position })),
      );
    tx.record(EventScheduled, {
      key: event.id,
      cityId: event.cityId,
      payload: {
        ...factOf(event),
        kind: event.kind,
        title: event.title,
        venue: event.venue,
        facilitatorPersonIds,
        topics,
        audience: event.audience,
        format: event.format,
        ...timesOf(event),
        capacity: event.capacity,
        ...windowOf(event),
        creditHours: event.creditHours,
        waitlistOrdering: event.waitlistOrdering,
        offerHours: event.offerHours,
      },
    });
  }

  async get(id: string, principal: Principal): Promise<EventResponse> {
    const event = visibleOrNotFound(principal, await this.dataSource.manager.findOneBy(NetworkEvent, { id }), `Event ${id}`);
    const [view] = await this.views(this.dataSource.manager, [event]);
    return view;
  }

  async list(query: EventQuery, principal: Principal): Promise<Page<EventResponse>> {
    const select = this.dataSource.manager.createQueryBuilder(NetworkEvent, 'event');
    if (query.from) select.andWhere('event.startsOn >= :from', { from: query.from });
    if (query.to) select.andWhere('event.startsOn <= :to', { to: query.to });
    if (query.hostSchoolId) select.andWhere('event.hostSchoolId = :hostSchoolId', { hostSchoolId: query.hostSchoolId });
    if (query.status) select.andWhere('event.status = :status', { status: query.status });
    if (query.topic) select.andWhere('EXISTS (SELECT 1 FROM event_topic t WHERE t.eventId = event.id AND t.topic = :topic)', { topic: query.topic });
    if (query.flag) select.andWhere('EXISTS (SELECT 1 FROM event_flag f WHERE f.eventId = event.id AND f.reason = :flag)', { flag: query.flag });
    const page = await fetchPage(select, query, (e) => e, { cityColumn: 'event.cityId', cities: visibleCities(principal, query.cityId) });
    return { items: await this.views(this.dataSource.manager, page.items), nextCursor: page.nextCursor };
  }

  /** New times; the previous ones are kept in the reschedule history and the sequence goes up by one. */
  async reschedule(id: string, request: RescheduleEventRequest, principal: Principal): Promise<EventResponse> {
    const now = this.clock.now();
    await this.unitOfWork.run(async (tx) => {
      const event = visibleOrNotFound(principal, await lockedEvent(tx.manager, id), `Event ${id}`);
      const refusal = rescheduleRefusal(event, now);
      if (refusal) throw refused(ProblemCode.EventStateConflict, refusal);
      const next = {
        startsAt: new Date(request.startsAt),
        endsAt: new Date(request.endsAt),
        timeZone: request.timeZone ?? event.timeZone,
        registrationOpensAt: windowEdge(request.registrationOpensAt, event.registrationOpensAt),
        registrationClosesAt: windowEdge(request.registrationClosesAt, event.registrationClosesAt),
      };
      const problems = rescheduleProblems(event, next, now);
      if (problems.length) throw invalidFields(problems);
      const previous = { startsAt: event.startsAt, endsAt: event.endsAt, timeZone: event.timeZone };
      const sequence = nextSequence(event.sequence);
      Object.assign(event, next, { sequence, startsOn: localDate(next.startsAt, next.timeZone) });
      await tx.manager.update(NetworkEvent, { id }, { ...next, sequence, startsOn: event.startsOn });
      await tx.manager.insert(EventReschedule, {
        id: newId(),
        eventId: id,
        sequence,
        previousStartsAt: previous.startsAt,
        previousEndsAt: previous.endsAt,
        previousTimeZone: previous.timeZone,
        startsAt: next.startsAt,
        endsAt: next.endsAt,
        timeZone: next.timeZone,
        reason: request.reason ?? null,
        recordedAt: now,
      });
      tx.record(EventRescheduled, {
        key: id,
        cityId: event.cityId,
        payload: {
          ...factOf(event),
          previousStartsAt: previous.startsAt.toISOString(),
          previousEndsAt: previous.endsAt.toISOString(),
          previousTimeZone: previous.timeZone,
          ...timesOf(event),
          ...windowOf(event),
          sequence,
          reason: request.reason ?? null,
        },
      });
    });
    return this.view(this.dataSource.manager, id);
  }

  /** Cancels the event and, with it, every live registration; a series with no session left to hold is decided. */
  async cancel(id: string, request: CancelEventRequest, principal: Principal): Promise<EventResponse> {
    const now = this.clock.now();
    await this.unitOfWork.run(async (tx) => {
      const event = visibleOrNotFound(principal, await lockedEvent(tx.manager, id), `Event ${id}`);
      const reasonProblem = cancelReasonProblem(request.reason);
      if (reasonProblem) throw invalidFields([reasonProblem]);
      const refusal = cancelRefusal(event);
      if (refusal) throw refused(ProblemCode.EventStateConflict, refusal);
      const reason = request.reason.trim();
      await tx.manager.update(NetworkEvent, { id }, { status: 'cancelled', cancelReason: reason, cancelledAt: now });
      event.status = 'cancelled';
      tx.record(EventCancelled, {
        key: id,
        cityId: event.cityId,
        payload: { ...factOf(event), reason, cancelledAt: now.toISOString(), startsAt: event.startsAt.toISOString(), startsOn: event.startsOn },
      });
      await this.registrations.cancelAllFor(tx, event, reason, now);
      // Cancelling the last session still to come ends the series as surely as closing it.
      if (event.seriesId) await this.seriesCompletion.onSessionEnded(tx, event.seriesId, now);
    }, afterLockIsolation(this.dataSource));
    return this.view(this.dataSource.manager, id);
  }

  /**
   * Closes a session that has ended: registered people without a check-in become no-shows, open offers expire.
   * Closing the last session of a series decides its completion in the same transaction.
   */
  async close(id: string, principal: Principal): Promise<EventResponse> {
    const now = this.clock.now();
    await this.unitOfWork.run(async (tx) => {
      const event = visibleOrNotFound(principal, await lockedEvent(tx.manager, id), `Event ${id}`);
      const refusal = closeRefusal(event, now);
      if (refusal) throw refused(ProblemCode.EventStateConflict, refusal);
      await tx.manager.update(NetworkEvent, { id }, { status: 'completed', closedAt: now });
      event.status = 'completed';
      // The no-show records go first: the contract promises them just before the completion.
      await this.registrations.closeAllFor(tx, event, now);
      tx.record(EventCompleted, {
        key: id,
        cityId: event.cityId,
        payload: {
          ...factOf(event),
          kind: event.kind,
          startsAt: event.startsAt.toISOString(),
          endsAt: event.endsAt.toISOString(),
          startsOn: event.startsOn,
          closedAt: now.toISOString(),
          creditHours: event.creditHours,
        },
      });
      if (event.seriesId) await this.seriesCompletion.onSessionEnded(tx, event.seriesId, now);
    }, afterLockIsolation(this.dataSource));
    return this.view(this.dataSource.manager, id);
  }

  /** A host school closed: its upcoming events are flagged for an operator. */
  onHostClosed(tx: TransactionScope, schoolId: string, effectiveDate: string, recordedAt: Date): Promise<void> {
    return this.flagHosted(tx, schoolId, effectiveDate, { reason: 'host_closed', source: schoolId, transitionId: null }, recordedAt);
  }

  /** A host school changed principal: its upcoming events are flagged for an operator. */
  onHostLeaderChanged(tx: TransactionScope, transition: LeadershipTransitionedV1, recordedAt: Date): Promise<void> {
    const { holderId, effectiveDate, transitionId } = transition;
    return this.flagHosted(tx, holderId, effectiveDate, { reason: 'host_leader_changed', source: transitionId, transitionId }, recordedAt);
  }

  /**
   * Flags the school's events the rules say the fact concerns, once per fact and event: a replay finds the
   * flag already there and records nothing again.
   */
  private async flagHosted(
    tx: TransactionScope,
    schoolId: string,
    effectiveDate: string,
    fact: { reason: EventFlagReason; source: string; transitionId: string | null },
    recordedAt: Date,
  ): Promise<void> {
    const hosted = await tx.manager.find(NetworkEvent, { where: { hostSchoolId: schoolId, status: 'scheduled' }, order: { id: 'ASC' } });
    for (const event of hosted.filter((e) => isFlaggedBy(e, schoolId, effectiveDate))) {
      if (await tx.manager.existsBy(EventFlag, { eventId: event.id, reason: fact.reason, source: fact.source })) continue;
      await tx.manager.insert(EventFlag, { eventId: event.id, ...fact, effectiveDate, recordedAt });
      tx.record(EventFlagged, {
        key: event.id,
        cityId: event.cityId,
        payload: {
          ...factOf(event),
          reason: fact.reason,
          effectiveDate,
          transitionId: fact.transitionId,
          startsAt: new Date(event.startsAt).toISOString(),
          startsOn: event.startsOn,
        },
      });
    }
  }

  private async view(manager: EntityManager, id: string): Promise<EventResponse> {
    const [view] = await this.views(manager, [await manager.findOneByOrFail(NetworkEvent, { id })]);
    return view;
  }

  /** Events as answered: topics, flags, reschedules, facilitators and counts in five queries whatever the number of events. */
  private async views(manager: EntityManager, events: readonly NetworkEvent[]): Promise<EventResponse[]> {
    if (!events.length) return [];
    const ids = events.map((e) => e.id);
    const topics = await manager.find(EventTopic, { where: { eventId: In(ids) }, order: { topic: 'ASC' } });
    const flags = await manager.find(EventFlag, { where: { eventId: In(ids) }, order: { recordedAt: 'ASC' } });
    const reschedules = await manager.find(EventReschedule, { where: { eventId: In(ids) }, order: { sequence: 'ASC' } });
    const facilitators = await manager.find(EventFacilitator, { where: { eventId: In(ids) }, order: { position: 'ASC' } });
    const counts = await this.registrations.counts(manager, ids);
    return events.map((e) => ({
      id: e.id,
      kind: e.kind,
      seriesId: e.seriesId,
      title: e.title,
      cityId: e.cityId,
      hostSchoolId: e.hostSchoolId,
      hostSector: e.hostSector,
      venue: e.venue,
      ...timesOf(e),
      ...windowOf(e),
      capacity: e.capacity,
      waitlistPolicy: e.waitlistOrdering,
      offerHours: e.offerHours,
      creditHours: Number(e.creditHours),
      audience: e.audience,
      format: e.format,
      topics: topics.filter((t) => t.eventId === e.id).map((t) => t.topic),
      facilitatorPersonIds: facilitators.filter((f) => f.eventId === e.id).map((f) => f.personId),
      status: e.status,
      sequence: e.sequence,
      cancelReason: e.cancelReason,
      flags: flags.filter((f) => f.eventId === e.id).map((f) => ({ reason: f.reason, effectiveDate: f.effectiveDate, transitionId: f.transitionId })),
      reschedules: reschedules
        .filter((r) => r.eventId === e.id)
        .map((r) => ({
          sequence: r.sequence,
          previousStartsAt: new Date(r.previousStartsAt).toISOString(),
          previousEndsAt: new Date(r.previousEndsAt).toISOString(),
          previousTimeZone: r.previousTimeZone,
          startsAt: new Date(r.startsAt).toISOString(),
          endsAt: new Date(r.endsAt).toISOString(),
          timeZone: r.timeZone,
          reason: r.reason,
          recordedAt: new Date(r.recordedAt).toISOString(),
        })),
      counts: counts.get(e.id) ?? ({ registered: 0, waitlisted: 0, offered: 0, attended: 0, noShow: 0 } satisfies RegistrationCounts),
    }));
  }
}

/** What every event record says about its event. */
function factOf(event: NetworkEvent): EventFactV1 {
  return { eventId: event.id, cityId: event.cityId, seriesId: event.seriesId, hostSchoolId: event.hostSchoolId, hostSector: event.hostSector };
}

function timesOf(event: NetworkEvent): { startsAt: string; endsAt: string; timeZone: string; startsOn: string } {
  return { startsAt: new Date(event.startsAt).toISOString(), endsAt: new Date(event.endsAt).toISOString(), timeZone: event.timeZone, startsOn: event.startsOn };
}

function windowOf(event: NetworkEvent): { registrationOpensAt: string | null; registrationClosesAt: string | null } {
  const instant = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return { registrationOpensAt: instant(event.registrationOpensAt), registrationClosesAt: instant(event.registrationClosesAt) };
}

/** A window edge after a reschedule: omitted keeps the current one, null removes it. */
function windowEdge(requested: string | null | undefined, current: Date | null): Date | null {
  if (requested === undefined) return current ? new Date(current) : null;
  return requested === null ? null : new Date(requested);
}

/** An event checked and ready to insert, with its rows beside it. */
export interface EventToSchedule {
  event: NetworkEvent;
  topics: string[];
  facilitatorPersonIds: string[];
}
