import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import {
  ACTIVE_FELLOW_STAGES,
  type FellowStage,
  FellowStageChanged,
  type LeadershipTransitionedV1,
  MentorDeparted,
  MentorshipAssigned,
  dayBefore,
} from '@crosswalk/contracts';
import { type Principal, visibleCities } from '@crosswalk/auth';
import { DirectoryCopy } from '@crosswalk/directory-copy';
import { type TransactionScope, UnitOfWork } from '@crosswalk/messaging';
import { afterLockIsolation, newId } from '@crosswalk/persistence';
import { latest } from '../records';
import { Clock, fetchPage, type Page } from '@crosswalk/platform';
import { Problem } from '@crosswalk/problems';
import { Cohort, HostSchool } from '../cohorts/cohort.entity';
import { CohortsService, mentorRoleProblems, peopleByIds } from '../cohorts/cohorts.service';
import { lockedProgram, visibleProgram, whereProgramServes } from '../programs/program-scope';
import { ProgramRequirement } from '../programs/program.entity';
import { type ProgramInCities, fellowRef, invalid, recordOf, refused } from '../records';
import type { AddFellowRequest, AssignMentorRequest, ChangeStageRequest, FellowQuery, FellowResponse, RecordRequirementRequest } from './dto/fellow.dto';
import { FellowPlacements } from './fellow-placements';
import { dayToCheck, isFinalStage, isLiveCohort, stageInputProblems, stageRefusal } from './fellow-stage.rules';
import { Fellow, RequirementCheck, StageChange } from './fellow.entity';
import { endActiveMentorships } from './mentorship-ends';
import { Mentorship } from './mentorship.entity';

/** A fellow with their program, found through the caller's city scope. */
interface VisibleFellow {
  fellow: Fellow;
  scope: ProgramInCities;
}

/**
 * Fellows: added to a cohort with their origin snapshot, moved through their stages with history, their
 * requirement checklist, and their mentorships (assigned, reassigned, and departed when the directory says the
 * mentor left the host school). Every write locks the fellow's program first.
 */
@Injectable()
export class FellowsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly directory: DirectoryCopy,
    private readonly cohorts: CohortsService,
    private readonly placements: FellowPlacements,
    private readonly clock: Clock,
  ) {}

  async add(cohortId: string, request: AddFellowRequest, principal: Principal): Promise<FellowResponse> {
    const id = await this.unitOfWork.run(async (tx) => {
      const { cohort, scope } = await this.cohorts.visibleCohort(tx.manager, principal, cohortId, true);
      if (!isLiveCohort(cohort.status)) throw refused('cohort_closed', `Cohort ${cohortId} is ${cohort.status}: it takes no new fellow`);
      if (!(await this.directory.person(tx.manager, request.personId))) throw invalid('personId', `Person ${request.personId} is not in the directory`);
      if (await tx.manager.existsBy(Fellow, { cohortId, personId: request.personId })) {
        throw refused('already_in_cohort', `Person ${request.personId} is already a fellow of cohort ${cohortId}`);
      }
      const elsewhere = await tx.manager
        .createQueryBuilder(Fellow, 'fellow')
        .innerJoin(Cohort, 'cohort', 'cohort.id = fellow.cohortId')
        .where('fellow.programId = :programId AND fellow.personId = :personId', { programId: scope.program.id, personId: request.personId })
        .andWhere('fellow.stage IN (:...stages) AND cohort.status IN (:...live)', { stages: [...ACTIVE_FELLOW_STAGES], live: ['planned', 'active'] })
        .getOne();
      if (elsewhere) {
        throw refused('in_another_active_cohort', `Person ${request.personId} is still a fellow of cohort ${elsewhere.cohortId} of this program`);
      }
      const appliedOn = request.appliedOn ?? this.clock.today();
      const origin = await this.directory.positionOn(tx.manager, request.personId, appliedOn);
      const fellow = tx.manager.create(Fellow, {
        id: newId(),
        programId: scope.program.id,
        cohortId,
        personId: request.personId,
        stage: 'applied',
        appliedOn,
        stageEffectiveDate: appliedOn,
        originSchoolId: origin.schoolId,
        originSector: origin.sector,
        originCityId: origin.cityId,
        originRole: origin.role,
        needsMentor: false,
        createdAt: new Date(),
      });
      await tx.manager.save(fellow);
      await this.appendStage(tx, scope, fellow, null, null);
      return fellow.id;
    }, afterLockIsolation(this.dataSource));
    return this.view(this.dataSource.manager, id);
  }

  async changeStage(id: string, request: ChangeStageRequest, principal: Principal): Promise<FellowResponse> {
    await this.unitOfWork.run(async (tx) => {
      const { fellow, scope } = await this.visibleFellow(tx.manager, principal, id, true);
      const cohort = await tx.manager.findOneByOrFail(Cohort, { id: fellow.cohortId });
      const refusal = stageRefusal(fellow.stage, request.stage, cohort.status);
      if (refusal) throw refused(refusal.code, refusal.message);
      const reason = request.reason?.trim() ? request.reason.trim() : null;
      const problems = stageInputProblems(request.stage, request.effectiveDate, fellow.stageEffectiveDate, reason);
      if (problems.length) throw Problem.invalid(problems.map((p) => ({ field: p.field, messages: [p.message] })));
      const from = fellow.stage;
      fellow.stage = request.stage;
      fellow.stageEffectiveDate = request.effectiveDate;
      if (isFinalStage(request.stage)) fellow.needsMentor = false;
      await tx.manager.update(Fellow, { id }, { stage: fellow.stage, stageEffectiveDate: fellow.stageEffectiveDate, needsMentor: fellow.needsMentor });
      await this.appendStage(tx, scope, fellow, from, reason);
      // A fellow who finished (or left) needs no mentor any more: the running mentorship ends that day.
      if (isFinalStage(request.stage)) await endActiveMentorships(tx, scope, [fellow], 'fellow_finished', request.effectiveDate);
    }, afterLockIsolation(this.dataSource));
    return this.view(this.dataSource.manager, id);
  }

  async recordRequirement(id: string, requirementId: string, request: RecordRequirementRequest, principal: Principal): Promise<FellowResponse> {
    await this.unitOfWork.run(async (tx) => {
      const { fellow } = await this.visibleFellow(tx.manager, principal, id, true);
      if (!(await tx.manager.existsBy(ProgramRequirement, { id: requirementId, programId: fellow.programId }))) {
        throw Problem.notFound(`Requirement ${requirementId} of fellow ${id}'s program`);
      }
      await tx.manager.save(RequirementCheck, { fellowId: id, requirementId, met: request.met, recordedOn: request.on, recordedAt: new Date() });
    }, afterLockIsolation(this.dataSource));
    return this.view(this.dataSource.manager, id);
  }

  /**
   * Assigns a mentor who holds a role at one of the cohort's host schools. A running mentorship ends the day
   * before (reassignment keeps both); a fellow whose mentor departed no longer needs one.
   */
  async assignMentor(id: string, request: AssignMentorRequest, principal: Principal): Promise<FellowResponse> {
    await this.unitOfWork.run(async (tx) => {
      const { fellow, scope } = await this.visibleFellow(tx.manager, principal, id, true);
      if (isFinalStage(fellow.stage)) throw refused('fellow_finished', `Fellow ${id} is ${fellow.stage}: they get no new mentor`);
      if (!(await tx.manager.existsBy(HostSchool, { cohortId: fellow.cohortId, schoolId: request.hostSchoolId }))) {
        throw invalid('hostSchoolId', `School ${request.hostSchoolId} is not a host school of cohort ${fellow.cohortId}`);
      }
      const day = dayToCheck(request.startsOn, this.clock.today());
      const roleProblems = await mentorRoleProblems(this.directory, tx.manager, [request.mentorPersonId], request.hostSchoolId, day);
      if (roleProblems.length) throw invalid('mentorPersonId', ...roleProblems);
      const previous = await tx.manager.findOne(Mentorship, { where: { fellowId: id }, order: { startsOn: 'DESC', createdAt: 'DESC' } });
      if (previous && request.startsOn < previous.startsOn) {
        throw invalid('startsOn', `startsOn ${request.startsOn} is before the fellow's previous mentorship started (${previous.startsOn})`);
      }
      if (previous?.status === 'active')
        await endActiveMentorships(tx, scope, [fellow], 'reassigned', previous.startsOn < request.startsOn ? dayBefore(request.startsOn) : previous.startsOn);
      const mentorship = tx.manager.create(Mentorship, {
        id: newId(),
        fellowId: id,
        mentorPersonId: request.mentorPersonId,
        hostSchoolId: request.hostSchoolId,
        startsOn: request.startsOn,
        endsOn: null,
        status: 'active',
        endCause: null,
        departureTransitionId: null,
        createdAt: new Date(),
      });
      await tx.manager.save(mentorship);
      await tx.manager.update(Fellow, { id }, { needsMentor: false });
      tx.record(MentorshipAssigned, {
        ...recordOf(scope),
        payload: {
          ...fellowRef(scope, fellow),
          mentorshipId: mentorship.id,
          mentorPersonId: mentorship.mentorPersonId,
          hostSchoolId: mentorship.hostSchoolId,
          startsOn: mentorship.startsOn,
          replacesMentorshipId: previous?.id ?? null,
        },
      });
    }, afterLockIsolation(this.dataSource));
    return this.view(this.dataSource.manager, id);
  }

  /**
   * A transition at a school (already in the copy) whose outgoing person mentors there: when they hold no role
   * at the school any more on its effective date, each of their active mentorships there is `mentor_departed`
   * and its fellow needs a new mentor. Only active mentorships move, so a redelivery or replay changes nothing.
   */
  async onTransition(tx: TransactionScope, transition: LeadershipTransitionedV1): Promise<void> {
    const mentorId = transition.outgoingPersonId;
    if (transition.holderKind !== 'school' || !mentorId) return;
    const mentorships = await tx.manager.find(Mentorship, { where: { mentorPersonId: mentorId, hostSchoolId: transition.holderId, status: 'active' } });
    if (!mentorships.length) return;
    if ((await this.directory.rolesHeldAt(tx.manager, mentorId, transition.holderId, transition.effectiveDate)).length) return;
    await this.markDeparted(tx, mentorships, transition.effectiveDate, transition.transitionId);
  }

  /** A host school closed: its mentors' active mentorships there are `mentor_departed` from the closing day. */
  async onSchoolClosed(tx: TransactionScope, schoolId: string, effectiveDate: string): Promise<void> {
    const mentorships = await tx.manager.find(Mentorship, { where: { hostSchoolId: schoolId, status: 'active' } });
    await this.markDeparted(tx, mentorships, effectiveDate, null);
  }

  private async markDeparted(tx: TransactionScope, mentorships: readonly Mentorship[], departedOn: string, transitionId: string | null): Promise<void> {
    const sorted = [...mentorships].sort((a, b) => a.id.localeCompare(b.id));
    for (const found of sorted) {
      const fellowRow = await tx.manager.findOneByOrFail(Fellow, { id: found.fellowId });
      const scope = await lockedProgram(tx.manager, fellowRow.programId);
      // Read again under the program's lock, with locking reads (the inbox transaction's snapshot may predate the
      // lock): a reassignment or a final stage may have ended it meanwhile.
      const mentorship = await latest(tx.manager, Mentorship, found.id);
      if (mentorship.status !== 'active') continue;
      const fellow = await latest(tx.manager, Fellow, found.fellowId);
      const cohort = await latest(tx.manager, Cohort, fellow.cohortId);
      const lastDay = dayBefore(departedOn) < mentorship.startsOn ? mentorship.startsOn : dayBefore(departedOn);
      await tx.manager.update(Mentorship, { id: mentorship.id }, { status: 'mentor_departed', endsOn: lastDay, departureTransitionId: transitionId });
      if (!isFinalStage(fellow.stage)) await tx.manager.update(Fellow, { id: fellow.id }, { needsMentor: true });
      tx.record(MentorDeparted, {
        ...recordOf(scope),
        payload: {
          ...fellowRef(scope, fellow),
          mentorshipId: mentorship.id,
          mentorPersonId: mentorship.mentorPersonId,
          hostSchoolId: mentorship.hostSchoolId,
          transitionId,
          departedOn,
          cohortStatus: cohort.status,
        },
      });
    }
  }

  async get(id: string, principal: Principal): Promise<FellowResponse> {
    await this.visibleFellow(this.dataSource.manager, principal, id);
    return this.view(this.dataSource.manager, id);
  }

  async list(query: FellowQuery, principal: Principal): Promise<Page<FellowResponse>> {
    const select = this.dataSource.manager.createQueryBuilder(Fellow, 'fellow');
    if (query.cohortId) select.andWhere('fellow.cohortId = :cohortId', { cohortId: query.cohortId });
    if (query.programId) select.andWhere('fellow.programId = :programId', { programId: query.programId });
    if (query.stage) select.andWhere('fellow.stage = :stage', { stage: query.stage });
    if (query.needsMentor !== undefined) select.andWhere('fellow.needsMentor = :needsMentor', { needsMentor: query.needsMentor });
    whereProgramServes(select, 'fellow.programId', visibleCities(principal, query.cityId));
    const page = await fetchPage(select, query, (f) => f);
    return { items: await this.views(this.dataSource.manager, page.items), nextCursor: page.nextCursor };
  }

  private async visibleFellow(manager: EntityManager, principal: Principal, id: string, lock = false): Promise<VisibleFellow> {
    const found = await manager.findOneBy(Fellow, { id });
    if (!found) throw Problem.notFound(`Fellow ${id}`);
    const scope = await visibleProgram(manager, principal, found.programId, `Fellow ${id}`, lock);
    return { fellow: lock ? await manager.findOneByOrFail(Fellow, { id }) : found, scope };
  }

  /** Appends the fellow's current stage to its history and records it. */
  private async appendStage(tx: TransactionScope, scope: ProgramInCities, fellow: Fellow, from: FellowStage | null, reason: string | null): Promise<void> {
    const seq = (await tx.manager.countBy(StageChange, { fellowId: fellow.id })) + 1;
    await tx.manager.insert(StageChange, {
      id: newId(),
      fellowId: fellow.id,
      seq,
      fromStage: from,
      toStage: fellow.stage,
      effectiveDate: fellow.stageEffectiveDate,
      reason,
      recordedAt: new Date(),
    });
    tx.record(FellowStageChanged, {
      ...recordOf(scope),
      payload: { ...fellowRef(scope, fellow), previousStage: from, stage: fellow.stage, effectiveDate: fellow.stageEffectiveDate, reason },
    });
  }

  private async view(manager: EntityManager, id: string): Promise<FellowResponse> {
    const [view] = await this.views(manager, [await manager.findOneByOrFail(Fellow, { id })]);
    return view;
  }

  /**
   * The fellows as answered, with stage history, checklist, mentorships and placements: a fixed number of queries
   * whatever the page size.
   */
  private async views(manager: EntityManager, fellows: readonly Fellow[]): Promise<FellowResponse[]> {
    if (!fellows.length) return [];
    const ids = fellows.map((f) => f.id);
    const stages = await manager.find(StageChange, { where: { fellowId: In(ids) }, order: { seq: 'ASC' } });
    const requirements = await manager.find(ProgramRequirement, {
      where: { programId: In([...new Set(fellows.map((f) => f.programId))]) },
      order: { position: 'ASC' },
    });
    const checks = await manager.findBy(RequirementCheck, { fellowId: In(ids) });
    const mentorships = await manager.find(Mentorship, { where: { fellowId: In(ids) }, order: { startsOn: 'ASC', createdAt: 'ASC' } });
    const people = await peopleByIds(this.directory, manager, [...fellows.map((f) => f.personId), ...mentorships.map((m) => m.mentorPersonId)]);
    const placements = await this.placements.of(manager, ids);
    return fellows.map((f) => ({
      id: f.id,
      cohortId: f.cohortId,
      programId: f.programId,
      personId: f.personId,
      fullName: people.get(f.personId)?.fullName ?? null,
      stage: f.stage,
      appliedOn: f.appliedOn,
      origin: { schoolId: f.originSchoolId, sector: f.originSector, role: f.originRole, cityId: f.originCityId },
      needsMentor: Boolean(f.needsMentor),
      stageHistory: stages
        .filter((s) => s.fellowId === f.id)
        .map((s) => ({ from: s.fromStage, to: s.toStage, effectiveDate: s.effectiveDate, reason: s.reason, recordedAt: new Date(s.recordedAt).toISOString() })),
      requirements: requirements
        .filter((r) => r.programId === f.programId)
        .map((r) => {
          const check = checks.find((c) => c.fellowId === f.id && c.requirementId === r.id);
          return {
            requirementId: r.id,
            text: r.text,
            required: Boolean(r.required),
            met: check ? Boolean(check.met) : null,
            recordedOn: check?.recordedOn ?? null,
          };
        }),
      mentorships: mentorships
        .filter((m) => m.fellowId === f.id)
        .map((m) => ({
          id: m.id,
          mentorPersonId: m.mentorPersonId,
          mentorName: people.get(m.mentorPersonId)?.fullName ?? null,
          hostSchoolId: m.hostSchoolId,
          startsOn: m.startsOn,
          endsOn: m.endsOn,
          status: m.status,
          endCause: m.endCause,
          departureTransitionId: m.departureTransitionId,
        })),
      placements: placements.get(f.id) ?? [],
    }));
  }
}
