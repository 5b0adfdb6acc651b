import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { SeriesScheduled } from '@crosswalk/contracts';
import { assertCityAccess, type Principal, visibleCities, visibleOrNotFound } from '@crosswalk/auth';
import { UnitOfWork } from '@crosswalk/messaging';
import { newId } from '@crosswalk/persistence';
import { Clock, fetchPage, type Page } from '@crosswalk/platform';
import { ProblemCode } from '@crosswalk/problems';
import { DirectoryCopy } from '@crosswalk/directory-copy';
import { afterLockIsolation, lockedEvent } from '../events/event-lock';
import { type EventToSchedule, EventsService } from '../events/events.service';
import { NetworkEvent } from '../events/network-event.entity';
import { invalidFields, refused } from '../problem-answers';
import { type FieldProblem, problem } from '../problems';
import { Registration } from '../registrations/registration.entity';
import { existingRegistration } from '../registrations/registration-status.rules';
import { assertMayBackfill } from '../events/backfill';
import { RegistrationsService } from '../registrations/registrations.service';
import { requiredSessionsApplied, seriesRuleProblems } from './completion.rules';
import type { ScheduleSeriesRequest, SeriesCompletionView, SeriesQuery, SeriesRegistrationResponse, SeriesResponse, SeriesSummary } from './dto/series.dto';
import { SeriesOutcome } from './series-outcome.entity';
import { type SessionSeats, seriesRegistrationPlan, seriesRegistrationRefusal } from './series-registration.rules';
import { Series } from './series.entity';

/**
 * Series: scheduled with all their sessions in one transaction, registered for session by session in one
 * transaction, read with their sessions and, once decided, their outcomes. The decision itself is
 * SeriesCompletionService's, taken when the last session ends.
 */
@Injectable()
export class SeriesService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly directory: DirectoryCopy,
    private readonly events: EventsService,
    private readonly registrations: RegistrationsService,
    private readonly clock: Clock,
  ) {}

  /**
   * The series and every session, or nothing: each session is checked as POST /v1/events checks an event, its
   * problems named `sessions.<i>.<field>`, and the rule N of M as a whole.
   */
  async schedule(request: ScheduleSeriesRequest, principal: Principal): Promise<SeriesResponse> {
    assertCityAccess(principal, request.cityId);
    if (request.backfill) assertMayBackfill(principal);
    const now = this.clock.now();
    const id = await this.unitOfWork.run(async (tx) => {
      const series: Series = {
        id: newId(),
        cityId: request.cityId,
        title: request.title,
        requiredSessions: request.requiredSessions,
        completionCreditHours: request.completionCreditHours ?? 0,
        status: 'scheduled',
        decidedAt: null,
        createdAt: now,
      };
      const problems = seriesRuleProblems({
        requiredSessions: series.requiredSessions,
        sessionCount: request.sessions.length,
        completionCreditHours: series.completionCreditHours,
      });
      const cityKnown = (await this.directory.city(tx.manager, series.cityId)) !== null;
      if (!cityKnown) problems.push(problem('cityId', 'unknown_city', `City ${series.cityId} not found`));
      const sessions: EventToSchedule[] = [];
      for (const [position, session] of request.sessions.entries()) {
        const field = (name: string) => `sessions.${position}.${name}`;
        if (session.cityId !== undefined && session.cityId !== series.cityId) {
          problems.push(problem(field('cityId'), 'other_city', `Every session is in the series' city ${series.cityId}`));
        }
        const { event, problems: sessionProblems } = await this.events.prepare(
          tx.manager,
          { ...session, kind: 'series_session', cityId: series.cityId, backfill: request.backfill },
          { id: series.id, position },
          now,
        );
        // An unknown city is the series' problem, said once above.
        problems.push(...sessionProblems.filter((p) => p.code !== 'unknown_city').map((p): FieldProblem => ({ ...p, field: field(p.field) })));
        sessions.push(event);
      }
      if (problems.length) throw invalidFields(problems);

      await tx.manager.insert(Series, series);
      tx.record(SeriesScheduled, {
        key: series.id,
        cityId: series.cityId,
        payload: {
          seriesId: series.id,
          cityId: series.cityId,
          title: series.title,
          sessionEventIds: sessions.map((s) => s.event.id),
          requiredSessions: series.requiredSessions,
          completionCreditHours: series.completionCreditHours,
        },
      });
      for (const session of sessions) await this.events.insert(tx, session);
      return series.id;
    });
    return this.get(id, principal);
  }

  async get(id: string, principal: Principal): Promise<SeriesResponse> {
    const manager = this.dataSource.manager;
    const series = visibleOrNotFound(principal, await manager.findOneBy(Series, { id }), `Series ${id}`);
    const [summary] = await this.summaries(manager, [series]);
    const outcomes = await manager.find(SeriesOutcome, { where: { seriesId: id }, order: { personId: 'ASC' } });
    return {
      ...summary,
      outcomes: outcomes.map((o) => ({
        personId: o.personId,
        sessionsAttended: o.sessionsAttended,
        completed: Boolean(o.completed),
        sessionCreditHours: Number(o.sessionCreditHours),
        completionCreditHours: Number(o.completionCreditHours),
      })),
    };
  }

  async list(query: SeriesQuery, principal: Principal): Promise<Page<SeriesSummary>> {
    const select = this.dataSource.manager.createQueryBuilder(Series, 'series');
    if (query.status) select.andWhere('series.status = :status', { status: query.status });
    const page = await fetchPage(select, query, (s) => s, { cityColumn: 'series.cityId', cities: visibleCities(principal, query.cityId) });
    return { items: await this.summaries(this.dataSource.manager, page.items), nextCursor: page.nextCursor };
  }

  /**
   * Registers the person for every session open to them, in one transaction: the sessions' locks are taken in
   * session order (the same order for every series registration, so two never deadlock), each session placing
   * the person by its own seats and line. A repeat returns the registrations already there (`created: false`).
   */
  async register(
    seriesId: string,
    personId: string,
    principal: Principal,
    request: { backfill: boolean },
  ): Promise<{ answer: SeriesRegistrationResponse; created: boolean }> {
    if (request.backfill) assertMayBackfill(principal);
    const now = this.clock.now();
    const { steps, created } = await this.unitOfWork.run(async (tx) => {
      visibleOrNotFound(principal, await tx.manager.findOneBy(Series, { id: seriesId }), `Series ${seriesId}`);
      if (!(await this.directory.person(tx.manager, personId))) {
        throw invalidFields([problem('personId', 'unknown_person', `Person ${personId} not found`)]);
      }
      const sessionIds = await tx.manager.find(NetworkEvent, { select: { id: true }, where: { seriesId }, order: { seriesPosition: 'ASC' } });
      const sessions: { event: NetworkEvent; existing: Registration | null; seats: SessionSeats }[] = [];
      for (const { id } of sessionIds) {
        const event = await lockedEvent(tx.manager, id);
        if (!event) continue;
        const existing = existingRegistration(await tx.manager.findBy(Registration, { eventId: id, personId }), personId);
        const { status, startsAt, endsAt, registrationOpensAt, registrationClosesAt, capacity } = event;
        const seats: SessionSeats = {
          eventId: id,
          ...{ status, startsAt, endsAt, registrationOpensAt, registrationClosesAt, capacity },
          ...(await this.registrations.seatsOf(tx.manager, id)),
          alreadyRegistered: existing !== null,
        };
        sessions.push({ event, existing, seats });
      }
      const plan = seriesRegistrationPlan(
        sessions.map((s) => s.seats),
        now,
        request,
      );
      const refusal = seriesRegistrationRefusal(plan);
      if (refusal) throw refused(ProblemCode.RegistrationRefused, refusal);

      const done: ({ registration: Registration } | { skipped: { eventId: string; reason: string; message: string } })[] = [];
      for (const [i, step] of plan.entries()) {
        const { event, existing } = sessions[i];
        if (step.action === 'skip') done.push({ skipped: { eventId: event.id, reason: step.reason.code, message: step.reason.message } });
        else if (step.action === 'keep' && existing) done.push({ registration: existing });
        else if (step.action === 'register' || step.action === 'waitlist') {
          const status = step.action === 'register' ? 'registered' : 'waitlisted';
          done.push({ registration: await this.registrations.enter(tx, event, personId, status, seriesId, now) });
        }
      }
      return { steps: done, created: plan.some((s) => s.action === 'register' || s.action === 'waitlist') };
    }, afterLockIsolation(this.dataSource));
    return {
      answer: {
        seriesId,
        personId,
        registrations: steps.flatMap((s) =>
          'registration' in s
            ? [
                {
                  id: s.registration.id,
                  eventId: s.registration.eventId,
                  status: s.registration.status,
                  snapshot: {
                    schoolId: s.registration.snapshotSchoolId,
                    sector: s.registration.snapshotSector,
                    cityId: s.registration.snapshotCityId,
                    role: s.registration.snapshotRole,
                  },
                },
              ]
            : [],
        ),
        skipped: steps.flatMap((s) => ('skipped' in s ? [s.skipped] : [])),
      },
      created,
    };
  }

  /** Series as listed: sessions, their counts and completion tallies in four queries whatever the number of series. */
  private async summaries(manager: EntityManager, series: readonly Series[]): Promise<SeriesSummary[]> {
    if (!series.length) return [];
    const ids = series.map((s) => s.id);
    const sessions = await manager.find(NetworkEvent, { where: { seriesId: In(ids) }, order: { seriesPosition: 'ASC' } });
    const counts = await this.registrations.counts(
      manager,
      sessions.map((s) => s.id),
    );
    const tallies = await manager
      .createQueryBuilder(SeriesOutcome, 'outcome')
      .select('outcome.seriesId', 'seriesId')
      .addSelect('COUNT(*)', 'participants')
      .addSelect('SUM(CASE WHEN outcome.completed THEN 1 ELSE 0 END)', 'completed')
      .where('outcome.seriesId IN (:...ids)', { ids })
      .groupBy('outcome.seriesId')
      .getRawMany<{ seriesId: string; participants: string | number; completed: string | number | null }>();
    return series.map((s) => {
      const own = sessions.filter((e) => e.seriesId === s.id);
      const held = own.filter((e) => e.status === 'completed').length;
      const tally = tallies.find((t) => t.seriesId === s.id);
      const completion: SeriesCompletionView | null = s.decidedAt
        ? {
            decidedAt: new Date(s.decidedAt).toISOString(),
            sessionsHeld: held,
            requiredSessionsApplied: requiredSessionsApplied(s.requiredSessions, held),
            participants: Number(tally?.participants ?? 0),
            completed: Number(tally?.completed ?? 0),
          }
        : null;
      return {
        id: s.id,
        cityId: s.cityId,
        title: s.title,
        status: s.status,
        rule: { requiredSessions: s.requiredSessions, sessions: own.length, completionCreditHours: Number(s.completionCreditHours) },
        sessions: own.map((e) => ({
          eventId: e.id,
          position: e.seriesPosition ?? 0,
          title: e.title,
          startsAt: new Date(e.startsAt).toISOString(),
          endsAt: new Date(e.endsAt).toISOString(),
          startsOn: e.startsOn,
          status: e.status,
          capacity: e.capacity,
          creditHours: Number(e.creditHours),
          counts: counts.get(e.id) ?? { registered: 0, waitlisted: 0, offered: 0, attended: 0, noShow: 0 },
        })),
        completion,
      };
    });
  }
}
