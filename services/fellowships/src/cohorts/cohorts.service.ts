import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, IsNull, Not } from 'typeorm';
import {
  ACTIVE_FELLOW_STAGES,
  type CohortCancellationCause,
  CohortCancelled,
  CohortCompleted,
  CohortScheduled,
  CohortStarted,
  type CohortStatus,
  HostSiteConfirmationRequested,
  HostSiteConfirmed,
  type HostSiteStatus,
  type LeadershipTransitionedV1,
} from '@crosswalk/contracts';
import { type Principal, visibleCities } from '@crosswalk/auth';
import { DirectoryCopy, type KnownPerson, type KnownSchool, type Leader } from '@crosswalk/directory-copy';
import { type TransactionScope, UnitOfWork } from '@crosswalk/messaging';
import { afterLockIsolation, forUpdate, newId } from '@crosswalk/persistence';
import { Clock, fetchPage, type Page } from '@crosswalk/platform';
import { type FieldError, Problem } from '@crosswalk/problems';
import { dayToCheck } from '../fellows/fellow-stage.rules';
import { Fellow } from '../fellows/fellow.entity';
import { endActiveMentorships } from '../fellows/mentorship-ends';
import { citiesOfPrograms, lockedProgram, visibleProgram, whereProgramServes } from '../programs/program-scope';
import { type ProgramInCities, cohortRef, invalid, latest, recordOf, refused } from '../records';
import { type CohortAction, cohortDateProblems, cohortMove, cohortMoveDateProblem } from './cohort-status.rules';
import { Cohort, CohortStatusChange, HostSchool, HostSchoolMentor, HostSiteChange } from './cohort.entity';
import type { CancelCohortRequest, CohortMoveRequest, CohortQuery, CohortResponse, ConfirmHostSiteRequest, ScheduleCohortRequest } from './dto/cohort.dto';

/** A cohort with its program, found through the caller's city scope. */
interface VisibleCohort {
  cohort: Cohort;
  scope: ProgramInCities;
}

/**
 * Cohorts of a program: scheduled with their host schools and mentors, moved through their statuses, and their
 * host sites put to a new principal when the directory says the principal changed. Every write locks the
 * cohort's program first, so changes under one program apply one after the other.
 */
@Injectable()
export class CohortsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly directory: DirectoryCopy,
    private readonly clock: Clock,
  ) {}

  async schedule(programId: string, request: ScheduleCohortRequest, principal: Principal): Promise<CohortResponse> {
    const id = await this.unitOfWork.run(async (tx) => {
      const scope = await visibleProgram(tx.manager, principal, programId, `Program ${programId}`, true);
      if (scope.program.status === 'discontinued') throw refused('program_discontinued', `Program ${programId} is discontinued: it schedules no cohort`);
      const dateProblems = cohortDateProblems(request.startsOn, request.endsOn);
      if (dateProblems.length) throw invalid('endsOn', ...dateProblems);
      const today = this.clock.today();
      const schools = await this.checkHostSchools(tx.manager, scope, request, dayToCheck(request.startsOn, today));
      const principals = await this.directory.leaders(tx.manager, 'school', [...schools.keys()]);

      const now = new Date();
      const cohort = tx.manager.create(Cohort, {
        id: newId(),
        programId,
        name: request.name,
        startsOn: request.startsOn,
        endsOn: request.endsOn,
        status: 'planned',
        createdAt: now,
      });
      await tx.manager.save(cohort);
      await this.appendStatusChange(tx.manager, cohort.id, null, 'planned', today, null, null);
      for (const [position, host] of request.hostSchools.entries()) {
        const principalId = principals.get(host.schoolId)?.personId ?? null;
        await tx.manager.insert(HostSchool, {
          cohortId: cohort.id,
          schoolId: host.schoolId,
          position,
          status: 'confirmed',
          confirmedPrincipalPersonId: principalId,
          ...NOTHING_PENDING,
        });
        if (host.mentorPersonIds.length) {
          await tx.manager.insert(
            HostSchoolMentor,
            host.mentorPersonIds.map((personId) => ({ cohortId: cohort.id, schoolId: host.schoolId, personId })),
          );
        }
        await this.appendHostSiteChange(tx.manager, cohort.id, host.schoolId, 'confirmed', null, principalId, today);
      }
      tx.record(CohortScheduled, {
        ...recordOf(scope),
        payload: {
          ...cohortRef(scope, cohort.id),
          name: cohort.name,
          startsOn: cohort.startsOn,
          endsOn: cohort.endsOn,
          hostSchools: request.hostSchools.map((host) => {
            const school = schools.get(host.schoolId) as KnownSchool;
            return {
              schoolId: host.schoolId,
              sector: school.sector,
              cityId: school.cityId,
              principalPersonId: principals.get(host.schoolId)?.personId ?? null,
              mentorPersonIds: host.mentorPersonIds,
            };
          }),
        },
      });
      return cohort.id;
    }, afterLockIsolation(this.dataSource));
    return this.view(this.dataSource.manager, id);
  }

  /**
   * Host schools must be schools of the directory, open, in one of the program's cities, each named once; every
   * mentor must hold a role at their host school on `day`. Every problem is answered at once, per field.
   */
  private async checkHostSchools(
    manager: EntityManager,
    scope: ProgramInCities,
    request: ScheduleCohortRequest,
    day: string,
  ): Promise<Map<string, KnownSchool>> {
    const schools = new Map(
      (
        await this.directory.schools(
          manager,
          request.hostSchools.map((h) => h.schoolId),
        )
      ).map((s) => [s.id, s]),
    );
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    for (const [i, host] of request.hostSchools.entries()) {
      const school = schools.get(host.schoolId);
      const messages: string[] = [];
      if (seen.has(host.schoolId)) messages.push(`School ${host.schoolId} is named twice`);
      seen.add(host.schoolId);
      if (!school) messages.push(`School ${host.schoolId} is not in the directory`);
      else if (!scope.cityIds.includes(school.cityId)) messages.push(`School ${host.schoolId} is not in a city the program serves`);
      else if (school.closedOn !== null && school.closedOn <= day) messages.push(`School ${host.schoolId} closed on ${school.closedOn}`);
      if (messages.length) {
        errors.push({ field: `hostSchools.${i}.schoolId`, messages });
        continue;
      }
      const mentorProblems = await mentorRoleProblems(this.directory, manager, host.mentorPersonIds, host.schoolId, day);
      if (mentorProblems.length) errors.push({ field: `hostSchools.${i}.mentorPersonIds`, messages: mentorProblems });
    }
    if (errors.length) throw Problem.invalid(errors);
    return schools;
  }

  async get(id: string, principal: Principal): Promise<CohortResponse> {
    await this.visibleCohort(this.dataSource.manager, principal, id);
    return this.view(this.dataSource.manager, id);
  }

  async list(query: CohortQuery, principal: Principal): Promise<Page<CohortResponse>> {
    const select = this.dataSource.manager.createQueryBuilder(Cohort, 'cohort');
    if (query.programId) select.andWhere('cohort.programId = :programId', { programId: query.programId });
    if (query.status) select.andWhere('cohort.status = :status', { status: query.status });
    if (query.hostSiteStatus) {
      select.andWhere('EXISTS (SELECT 1 FROM fellowship_host_school host WHERE host.cohortId = cohort.id AND host.status = :hostSiteStatus)', {
        hostSiteStatus: query.hostSiteStatus,
      });
    }
    whereProgramServes(select, 'cohort.programId', visibleCities(principal, query.cityId));
    const page = await fetchPage(select, query, (c) => c);
    return { items: await this.views(this.dataSource.manager, page.items), nextCursor: page.nextCursor };
  }

  start(id: string, request: CohortMoveRequest, principal: Principal): Promise<CohortResponse> {
    return this.move(id, 'start', request.on, null, principal);
  }

  complete(id: string, request: CohortMoveRequest, principal: Principal): Promise<CohortResponse> {
    return this.move(id, 'complete', request.on, null, principal);
  }

  cancel(id: string, request: CancelCohortRequest, principal: Principal): Promise<CohortResponse> {
    return this.move(id, 'cancel', request.on, request.reason ?? null, principal);
  }

  private async move(id: string, action: CohortAction, on: string | undefined, reason: string | null, principal: Principal): Promise<CohortResponse> {
    await this.unitOfWork.run(async (tx) => {
      const { cohort, scope } = await this.visibleCohort(tx.manager, principal, id, true);
      const to = cohortMove(cohort.status, action);
      if (!to) throw refused('cohort_status_conflict', `A ${cohort.status} cohort cannot ${action}`);
      const day = on ?? this.clock.today();
      const dateProblem = cohortMoveDateProblem(day, await this.latestChangeDate(tx.manager, cohort.id));
      if (dateProblem) throw invalid('on', dateProblem);
      await this.apply(tx, scope, cohort, to, day, action === 'cancel' ? 'operator' : null, reason);
    }, afterLockIsolation(this.dataSource));
    return this.view(this.dataSource.manager, id);
  }

  /** The program's discontinuation cancels its planned and active cohorts; answers their ids. */
  async cancelLiveCohorts(tx: TransactionScope, scope: ProgramInCities, reason: string | null, on: string): Promise<string[]> {
    const live = await tx.manager.find(Cohort, { where: { programId: scope.program.id, status: In(['planned', 'active']) }, order: { id: 'ASC' } });
    for (const cohort of live) await this.apply(tx, scope, cohort, 'cancelled', on, 'program_discontinued', reason);
    return live.map((c) => c.id);
  }

  private async apply(
    tx: TransactionScope,
    scope: ProgramInCities,
    cohort: Cohort,
    to: CohortStatus,
    on: string,
    cause: CohortCancellationCause | null,
    reason: string | null,
  ): Promise<void> {
    const from = cohort.status;
    await tx.manager.update(Cohort, { id: cohort.id }, { status: to });
    cohort.status = to;
    await this.appendStatusChange(tx.manager, cohort.id, from, to, on, cause, reason);
    const ref = cohortRef(scope, cohort.id);
    if (to === 'active') tx.record(CohortStarted, { ...recordOf(scope), payload: { ...ref, startedOn: on } });
    if (to === 'completed') tx.record(CohortCompleted, { ...recordOf(scope), payload: { ...ref, completedOn: on } });
    if (to === 'cancelled') {
      const active = await tx.manager.find(Fellow, { where: { cohortId: cohort.id, stage: In([...ACTIVE_FELLOW_STAGES]) }, order: { id: 'ASC' } });
      tx.record(CohortCancelled, {
        ...recordOf(scope),
        payload: { ...ref, cause: cause ?? 'operator', reason, cancelledOn: on, activeFellowIds: active.map((f) => f.id) },
      });
    }
    if (to === 'completed' || to === 'cancelled') {
      // Mentoring belongs to the cohort: when it closes, the mentorships still running end with it.
      const fellows = await tx.manager.find(Fellow, { where: { cohortId: cohort.id }, order: { id: 'ASC' } });
      await endActiveMentorships(tx, scope, fellows, 'cohort_closed', on);
    }
  }

  /** The host school's current principal confirms it stays a host site; only a site awaiting confirmation asks. */
  async confirmHostSite(id: string, schoolId: string, request: ConfirmHostSiteRequest, principal: Principal): Promise<CohortResponse> {
    await this.unitOfWork.run(async (tx) => {
      const { cohort, scope } = await this.visibleCohort(tx.manager, principal, id, true);
      const host = await tx.manager.findOneBy(HostSchool, { cohortId: cohort.id, schoolId });
      if (!host) throw Problem.notFound(`Host school ${schoolId} of cohort ${id}`);
      if (host.status !== 'awaiting_confirmation' || !host.pendingTransitionId) {
        throw refused('not_awaiting_confirmation', `Host school ${schoolId} is not awaiting a confirmation`);
      }
      const current = await this.directory.leader(tx.manager, 'school', schoolId);
      if (current?.personId !== request.personId) {
        throw refused('not_current_principal', `Person ${request.personId} is not the current principal of school ${schoolId}`);
      }
      const today = this.clock.today();
      const transitionId = host.pendingTransitionId;
      await tx.manager.update(
        HostSchool,
        { cohortId: cohort.id, schoolId },
        { status: 'confirmed', confirmedPrincipalPersonId: request.personId, ...NOTHING_PENDING },
      );
      await this.appendHostSiteChange(tx.manager, cohort.id, schoolId, 'confirmed', transitionId, request.personId, today);
      tx.record(HostSiteConfirmed, {
        ...recordOf(scope),
        payload: { ...cohortRef(scope, cohort.id), schoolId, personId: request.personId, transitionId, confirmedOn: today },
      });
    }, afterLockIsolation(this.dataSource));
    return this.view(this.dataSource.manager, id);
  }

  /**
   * A principal transition at a school (already in the copy) puts each planned or active cohort it hosts to the
   * new principal: the host site awaits confirmation, with history, once per (cohort, school, transition). A
   * cohort scheduled after the transition was recorded was scheduled knowing its principal; a transition that
   * leaves the confirmed principal in place asks nothing. So a redelivered or replayed transition asks nothing again.
   */
  async onPrincipalTransition(tx: TransactionScope, transition: LeadershipTransitionedV1, recordedAt: Date): Promise<void> {
    const hosts = await tx.manager.find(HostSchool, { where: { schoolId: transition.holderId }, order: { cohortId: 'ASC' } });
    if (!hosts.length) return;
    const cohorts = await tx.manager.find(Cohort, { where: { id: In(hosts.map((h) => h.cohortId)), status: In(['planned', 'active']) }, order: { id: 'ASC' } });
    for (const cohort of cohorts) {
      if (new Date(cohort.createdAt) > recordedAt) continue;
      const scope = await lockedProgram(tx.manager, cohort.programId);
      // Locking reads: the inbox transaction's snapshot may predate the program's lock (a confirmation just committed).
      if (!['planned', 'active'].includes((await latest(tx.manager, Cohort, cohort.id)).status)) continue;
      const host = await forUpdate(
        tx.manager,
        tx.manager
          .createQueryBuilder(HostSchool, 'host')
          .where('host.cohortId = :cohortId AND host.schoolId = :schoolId', { cohortId: cohort.id, schoolId: transition.holderId }),
      ).getOneOrFail();
      if (await tx.manager.existsBy(HostSiteChange, { cohortId: cohort.id, schoolId: host.schoolId, transitionId: transition.transitionId })) continue;
      const incoming = transition.incomingPersonId ?? null;
      if (host.status === 'confirmed' && incoming !== null && incoming === host.confirmedPrincipalPersonId) continue;
      await tx.manager.update(
        HostSchool,
        { cohortId: cohort.id, schoolId: host.schoolId },
        {
          status: 'awaiting_confirmation',
          pendingTransitionId: transition.transitionId,
          pendingOutgoingPersonId: transition.outgoingPersonId ?? null,
          pendingIncomingPersonId: incoming,
          pendingEffectiveDate: transition.effectiveDate,
        },
      );
      await this.appendHostSiteChange(
        tx.manager,
        cohort.id,
        host.schoolId,
        'awaiting_confirmation',
        transition.transitionId,
        incoming,
        transition.effectiveDate,
      );
      tx.record(HostSiteConfirmationRequested, {
        ...recordOf(scope),
        payload: {
          ...cohortRef(scope, cohort.id),
          schoolId: host.schoolId,
          transitionId: transition.transitionId,
          outgoingPersonId: transition.outgoingPersonId ?? null,
          incomingPersonId: incoming,
          effectiveDate: transition.effectiveDate,
        },
      });
    }
  }

  /** The cohort and its program, or a 404 when unknown or its program serves none of the caller's cities. */
  async visibleCohort(manager: EntityManager, principal: Principal, id: string, lock = false): Promise<VisibleCohort> {
    const found = await manager.findOneBy(Cohort, { id });
    if (!found) throw Problem.notFound(`Cohort ${id}`);
    const scope = await visibleProgram(manager, principal, found.programId, `Cohort ${id}`, lock);
    // Read again under the program's lock: another request may have moved it meanwhile.
    const cohort = lock ? await manager.findOneByOrFail(Cohort, { id }) : found;
    return { cohort, scope };
  }

  /**
   * The day of the cohort's latest move. Its scheduling (planned, dated the day it was recorded) does not count:
   * a past cohort is recorded today and started on its past day.
   */
  private async latestChangeDate(manager: EntityManager, cohortId: string): Promise<string> {
    const latest = await manager.findOne(CohortStatusChange, { where: { cohortId, fromStatus: Not(IsNull()) }, order: { seq: 'DESC' } });
    return latest?.effectiveDate ?? '0000-01-01';
  }

  private async appendStatusChange(
    manager: EntityManager,
    cohortId: string,
    from: CohortStatus | null,
    to: CohortStatus,
    effectiveDate: string,
    cause: CohortCancellationCause | null,
    reason: string | null,
  ): Promise<void> {
    const seq = (await manager.countBy(CohortStatusChange, { cohortId })) + 1;
    await manager.insert(CohortStatusChange, {
      id: newId(),
      cohortId,
      seq,
      fromStatus: from,
      toStatus: to,
      effectiveDate,
      cause,
      reason,
      recordedAt: new Date(),
    });
  }

  private async appendHostSiteChange(
    manager: EntityManager,
    cohortId: string,
    schoolId: string,
    status: HostSiteStatus,
    transitionId: string | null,
    personId: string | null,
    effectiveDate: string,
  ): Promise<void> {
    const seq = (await manager.countBy(HostSiteChange, { cohortId, schoolId })) + 1;
    await manager.insert(HostSiteChange, { id: newId(), cohortId, schoolId, seq, status, transitionId, personId, effectiveDate, recordedAt: new Date() });
  }

  private async view(manager: EntityManager, id: string): Promise<CohortResponse> {
    const [view] = await this.views(manager, [await manager.findOneByOrFail(Cohort, { id })]);
    return view;
  }

  /**
   * The cohorts as answered, with host schools, their mentors, principals and history: a fixed number of queries
   * (cities, hosts, mentors, schools, people, principals, histories) whatever the page size.
   */
  private async views(manager: EntityManager, cohorts: readonly Cohort[]): Promise<CohortResponse[]> {
    if (!cohorts.length) return [];
    const ids = cohorts.map((c) => c.id);
    const cities = await citiesOfPrograms(
      manager,
      cohorts.map((c) => c.programId),
    );
    const hosts = await manager.find(HostSchool, { where: { cohortId: In(ids) }, order: { cohortId: 'ASC', position: 'ASC' } });
    const mentors = await manager.find(HostSchoolMentor, { where: { cohortId: In(ids) }, order: { personId: 'ASC' } });
    const schoolIds = [...new Set(hosts.map((h) => h.schoolId))];
    const schools = new Map((await this.directory.schools(manager, schoolIds)).map((s) => [s.id, s]));
    const people = await peopleByIds(
      this.directory,
      manager,
      mentors.map((m) => m.personId),
    );
    const principals = await this.directory.leaders(manager, 'school', schoolIds);
    const statusHistory = await manager.find(CohortStatusChange, { where: { cohortId: In(ids) }, order: { seq: 'ASC' } });
    const siteHistory = await manager.find(HostSiteChange, { where: { cohortId: In(ids) }, order: { seq: 'ASC' } });
    return cohorts.map((cohort) => ({
      id: cohort.id,
      programId: cohort.programId,
      cityIds: cities.get(cohort.programId) ?? [],
      name: cohort.name,
      startsOn: cohort.startsOn,
      endsOn: cohort.endsOn,
      status: cohort.status,
      hostSchools: hosts
        .filter((h) => h.cohortId === cohort.id)
        .map((h) => hostView(h, schools.get(h.schoolId), principals.get(h.schoolId) ?? null, mentors, people, siteHistory)),
      history: statusHistory
        .filter((s) => s.cohortId === cohort.id)
        .map((s) => ({
          from: s.fromStatus,
          to: s.toStatus,
          effectiveDate: s.effectiveDate,
          cause: s.cause,
          reason: s.reason,
          recordedAt: new Date(s.recordedAt).toISOString(),
        })),
    }));
  }
}

function hostView(
  host: HostSchool,
  school: KnownSchool | undefined,
  principal: Leader | null,
  mentors: readonly HostSchoolMentor[],
  people: ReadonlyMap<string, KnownPerson>,
  history: readonly HostSiteChange[],
): CohortResponse['hostSchools'][number] {
  return {
    schoolId: host.schoolId,
    name: school?.name ?? '',
    sector: school?.sector ?? '',
    cityId: school?.cityId ?? '',
    status: host.status,
    principal: principal ? { personId: principal.personId, fullName: principal.fullName } : null,
    confirmedPrincipalPersonId: host.confirmedPrincipalPersonId,
    pendingConfirmation:
      host.pendingTransitionId && host.pendingEffectiveDate
        ? {
            transitionId: host.pendingTransitionId,
            outgoingPersonId: host.pendingOutgoingPersonId,
            incomingPersonId: host.pendingIncomingPersonId,
            effectiveDate: host.pendingEffectiveDate,
          }
        : null,
    mentors: mentors
      .filter((m) => m.cohortId === host.cohortId && m.schoolId === host.schoolId)
      .map((m) => ({ personId: m.personId, fullName: people.get(m.personId)?.fullName ?? null })),
    history: history
      .filter((h) => h.cohortId === host.cohortId && h.schoolId === host.schoolId)
      .map((h) => ({
        status: h.status,
        transitionId: h.transitionId,
        personId: h.personId,
        effectiveDate: h.effectiveDate,
        recordedAt: new Date(h.recordedAt).toISOString(),
      })),
  };
}

/** People of the copy by id, one query. */
export async function peopleByIds(directory: DirectoryCopy, manager: EntityManager, ids: readonly string[]): Promise<Map<string, KnownPerson>> {
  return new Map((await directory.people(manager, ids)).map((p) => [p.id, p]));
}

/** For each mentor who holds no role at the school on `day` (the copy), a sentence saying so. */
export async function mentorRoleProblems(
  directory: DirectoryCopy,
  manager: EntityManager,
  mentorPersonIds: readonly string[],
  schoolId: string,
  day: string,
): Promise<string[]> {
  const problems: string[] = [];
  for (const personId of mentorPersonIds) {
    if ((await directory.rolesHeldAt(manager, personId, schoolId, day)).length === 0) {
      problems.push(`Person ${personId} holds no role at school ${schoolId} on ${day}`);
    }
  }
  return problems;
}

const NOTHING_PENDING = { pendingTransitionId: null, pendingOutgoingPersonId: null, pendingIncomingPersonId: null, pendingEffectiveDate: null };
