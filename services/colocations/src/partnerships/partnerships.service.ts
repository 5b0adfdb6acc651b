import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, IsNull, LessThan, Not } from 'typeorm';
import {
  type LeadershipTransitionedV1,
  PartnershipFormed,
  addDays,
  PartnershipRecommitted,
  type PartnershipStatus,
  PartnershipStatusChanged,
  RecommitmentRequested,
  type StatusCause,
} from '@crosswalk/contracts';
import { canAccessCity, visibleCities, visibleOrNotFound, type Principal } from '@crosswalk/auth';
import { DirectoryCopy, type KnownSchool, type Leader } from '@crosswalk/directory-copy';
import { type TransactionScope, UnitOfWork } from '@crosswalk/messaging';
import { claimDue, forUpdate, newId } from '@crosswalk/persistence';
import { PLATFORM_CONFIG, fetchPage, type Page } from '@crosswalk/platform';
import { Clock } from '@crosswalk/platform';
import { Problem, ProblemCode } from '@crosswalk/problems';
import type { ColocationsConfig } from '../colocations.config';
import { Site } from '../sites/site.entity';
import type {
  FormPartnershipRequest,
  GracePeriodEvaluationResponse,
  MemberView,
  PartnershipQuery,
  PartnershipResponse,
  RecommitRequest,
} from './dto/partnership.dto';
import { PartnershipMember } from './partnership-member.entity';
import { Partnership } from './partnership.entity';
import {
  FINAL_STATUSES,
  type PartnershipFact,
  asksForRecommitment,
  causeOf,
  formationProblems,
  nextStatus,
  recommitmentDueBy,
  recommitmentRefusal,
} from './partnership-status.rules';
import { RecommitmentRequest } from './recommitment-request.entity';
import { StatusChange } from './status-change.entity';

/** What a status change is attributed to, besides its cause. */
interface ChangeOrigin {
  schoolId: string | null;
  transitionId: string | null;
  effectiveDate: string;
}

/**
 * Partnerships and their status machine. Every write runs in a TransactionScope: a unit of work for HTTP
 * use cases, or the inbox transaction when a directory or leadership event moves partnerships, so the
 * state change and its events commit together either way.
 */
@Injectable()
export class PartnershipsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly directory: DirectoryCopy,
    private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: ColocationsConfig,
  ) {}

  async form(request: FormPartnershipRequest, principal: Principal): Promise<PartnershipResponse> {
    const id = await this.unitOfWork.run(async (tx) => {
      const site = await tx.manager.findOneBy(Site, { id: request.siteId });
      // A site in a city outside the token is refused like an unknown one, so its existence does not leak.
      if (!site || !canAccessCity(principal, site.cityId)) throw invalid('siteId', `Site ${request.siteId} not found`);
      const schools = await this.directory.schools(tx.manager, request.memberSchoolIds);
      const problems = formationProblems(
        request.memberSchoolIds,
        schools.map((s) => ({ schoolId: s.id, cityId: s.cityId, sector: s.sector, open: s.closedOn === null })),
        site.cityId,
      );
      if (problems.length) throw invalid('memberSchoolIds', ...problems);

      const partnership = tx.manager.create(Partnership, {
        id: newId(),
        siteId: site.id,
        cityId: site.cityId,
        status: 'active',
        startedOn: request.startedOn,
        endedOn: null,
        commitments: request.commitments ?? [],
        otherCommitments: request.otherCommitments ?? null,
        createdAt: new Date(),
      });
      await tx.manager.save(partnership);
      await tx.manager.save(
        PartnershipMember,
        request.memberSchoolIds.map((schoolId) => ({ partnershipId: partnership.id, schoolId, ...NOTHING_PENDING })),
      );
      await this.appendHistory(tx.manager, partnership.id, null, 'active', 'formed', {
        schoolId: null,
        transitionId: null,
        effectiveDate: partnership.startedOn,
      });
      tx.record(PartnershipFormed, {
        key: partnership.id,
        cityId: partnership.cityId,
        payload: {
          partnershipId: partnership.id,
          cityId: partnership.cityId,
          siteId: partnership.siteId,
          memberSchoolIds: request.memberSchoolIds,
          startedOn: partnership.startedOn,
          commitments: partnership.commitments,
          otherCommitments: partnership.otherCommitments,
        },
      });
      return partnership.id;
    });
    return this.view(this.dataSource.manager, id);
  }

  async get(id: string, principal: Principal): Promise<PartnershipResponse> {
    const partnership = visibleOrNotFound(principal, await this.dataSource.manager.findOneBy(Partnership, { id }), `Partnership ${id}`);
    const [view] = await this.views(this.dataSource.manager, [partnership]);
    return view;
  }

  async list(query: PartnershipQuery, principal: Principal): Promise<Page<PartnershipResponse>> {
    const select = this.dataSource.manager.createQueryBuilder(Partnership, 'partnership');
    if (query.status) select.andWhere('partnership.status = :status', { status: query.status });
    const page = await fetchPage(select, query, (p) => p, { cityColumn: 'partnership.cityId', cities: visibleCities(principal, query.cityId) });
    return { items: await this.views(this.dataSource.manager, page.items), nextCursor: page.nextCursor };
  }

  /** The current principal of a pending member school confirms the school stays in the partnership. */
  async recommit(id: string, request: RecommitRequest, principal: Principal): Promise<PartnershipResponse> {
    await this.unitOfWork.run(async (tx) => {
      const partnership = visibleOrNotFound(principal, (await lockedPartnerships(tx.manager, [id]))[0], `Partnership ${id}`);
      const member = await tx.manager.findOneBy(PartnershipMember, { partnershipId: id, schoolId: request.schoolId });
      if (!member) throw invalid('schoolId', `School ${request.schoolId} is not a member of partnership ${id}`);
      const today = this.clock.today();
      const pending = member.pendingTransitionId && member.pendingDueBy ? { transitionId: member.pendingTransitionId, dueBy: member.pendingDueBy } : null;
      const principalId = (await this.directory.leader(tx.manager, 'school', request.schoolId))?.personId ?? null;
      const refusal = recommitmentRefusal(partnership.status, pending, request.schoolId, request.personId, principalId, today);
      if (refusal || !pending) throw new Problem(ProblemCode.RecommitmentRefused, refusal ?? `School ${request.schoolId} has no recommitment pending`);

      await tx.manager.update(PartnershipMember, { partnershipId: id, schoolId: request.schoolId }, NOTHING_PENDING);
      tx.record(PartnershipRecommitted, {
        key: id,
        cityId: partnership.cityId,
        payload: {
          partnershipId: id,
          cityId: partnership.cityId,
          schoolId: request.schoolId,
          personId: request.personId,
          transitionId: pending.transitionId,
          recommittedOn: today,
        },
      });
      const stillPending = await this.pendingSchoolIds(tx.manager, id);
      await this.apply(
        tx,
        partnership,
        { kind: 'recommitment', stillPending: stillPending.length },
        {
          schoolId: request.schoolId,
          transitionId: pending.transitionId,
          effectiveDate: today,
        },
      );
    });
    return this.view(this.dataSource.manager, id);
  }

  /** Lapses every partnership whose pending recommitment was due before `asOf` (default today). */
  async evaluateGracePeriods(asOf: string = this.clock.today()): Promise<GracePeriodEvaluationResponse> {
    const candidates = await this.dataSource.manager
      .createQueryBuilder(PartnershipMember, 'member')
      .select('DISTINCT member.partnershipId', 'partnershipId')
      .innerJoin(Partnership, 'partnership', 'partnership.id = member.partnershipId')
      .where('partnership.status = :status', { status: 'awaiting_recommitment' })
      .andWhere('member.pendingDueBy < :asOf', { asOf })
      .orderBy('member.partnershipId')
      .getRawMany<{ partnershipId: string }>();
    const lapsed: string[] = [];
    for (const { partnershipId } of candidates) {
      // One transaction per partnership, claimed so that another instance's run never lapses it too, and
      // decided again under the claim: a recommitment may have come in since.
      const changed = await this.unitOfWork.run(async (tx) => {
        const [partnership] = await claimDue(
          tx.manager,
          tx.manager
            .createQueryBuilder(Partnership, 'partnership')
            .where('partnership.id = :partnershipId AND partnership.status = :status', { partnershipId, status: 'awaiting_recommitment' }),
        );
        const overdue = await tx.manager.findOne(PartnershipMember, {
          where: { partnershipId, pendingDueBy: LessThan(asOf) },
          order: { pendingDueBy: 'ASC', schoolId: 'ASC' },
        });
        if (!partnership || !overdue?.pendingDueBy) return false;
        return this.apply(
          tx,
          partnership,
          { kind: 'grace_period_expired', dueBy: overdue.pendingDueBy, asOf },
          {
            schoolId: overdue.schoolId,
            transitionId: overdue.pendingTransitionId,
            effectiveDate: addDays(overdue.pendingDueBy, 1),
          },
        );
      });
      if (changed) lapsed.push(partnershipId);
    }
    return { asOf, lapsed };
  }

  /**
   * A principal transition at a school (already in the local copy) asks its partnerships for recommitment,
   * at most once per partnership and transition; a partnership formed after the transition was recorded
   * was formed knowing its leaders. So a redelivered or replayed transition asks nothing again.
   */
  async onPrincipalTransition(tx: TransactionScope, transition: LeadershipTransitionedV1, recordedAt: Date): Promise<void> {
    const memberships = await this.liveMemberships(tx.manager, transition.holderId);
    const superseded = transition.supersedesTransitionId ? await this.directory.transition(tx.manager, transition.supersedesTransitionId) : null;
    for (const { partnership, member } of memberships) {
      if (partnership.createdAt > recordedAt) continue;
      if (await tx.manager.existsBy(RecommitmentRequest, { partnershipId: partnership.id, transitionId: transition.transitionId })) continue;
      if (transition.supersedesTransitionId) {
        const correctsPending = member.pendingTransitionId === transition.supersedesTransitionId;
        // A correction of a transition already answered matters only if it names someone else as principal.
        const changesPrincipal = superseded?.incomingPersonId !== (transition.incomingPersonId ?? null);
        if (!correctsPending && !changesPrincipal) continue;
      }
      if (!asksForRecommitment(partnership.status, transition.effectiveDate, partnership.startedOn)) {
        if (member.pendingTransitionId === transition.supersedesTransitionId) await this.withdrawRequest(tx, partnership, member, transition);
        continue;
      }
      const dueBy = recommitmentDueBy(transition.effectiveDate, this.config.COLOCATION_GRACE_PERIOD_DAYS);
      await tx.manager.update(
        PartnershipMember,
        { partnershipId: partnership.id, schoolId: member.schoolId },
        {
          pendingTransitionId: transition.transitionId,
          pendingEffectiveDate: transition.effectiveDate,
          pendingDueBy: dueBy,
          pendingOutgoingPersonId: transition.outgoingPersonId ?? null,
          pendingIncomingPersonId: transition.incomingPersonId ?? null,
        },
      );
      await tx.manager.insert(RecommitmentRequest, {
        partnershipId: partnership.id,
        transitionId: transition.transitionId,
        schoolId: member.schoolId,
        effectiveDate: transition.effectiveDate,
        dueBy,
        requestedAt: new Date(),
      });
      tx.record(RecommitmentRequested, {
        key: partnership.id,
        cityId: partnership.cityId,
        payload: {
          partnershipId: partnership.id,
          cityId: partnership.cityId,
          schoolId: member.schoolId,
          transitionId: transition.transitionId,
          outgoingPersonId: transition.outgoingPersonId ?? null,
          incomingPersonId: transition.incomingPersonId ?? null,
          effectiveDate: transition.effectiveDate,
          dueBy,
        },
      });
      await this.apply(
        tx,
        partnership,
        { kind: 'leadership_transition', effectiveDate: transition.effectiveDate, startedOn: partnership.startedOn },
        {
          schoolId: member.schoolId,
          transitionId: transition.transitionId,
          effectiveDate: transition.effectiveDate,
        },
      );
    }
  }

  /**
   * The transition behind a pending request was corrected to a day before the partnership began: it was
   * known when the partnership was formed, so nothing is owed for it any more.
   */
  private async withdrawRequest(
    tx: TransactionScope,
    partnership: Partnership,
    member: PartnershipMember,
    correction: LeadershipTransitionedV1,
  ): Promise<void> {
    await tx.manager.update(PartnershipMember, { partnershipId: partnership.id, schoolId: member.schoolId }, NOTHING_PENDING);
    const stillPending = await this.pendingSchoolIds(tx.manager, partnership.id);
    await this.apply(
      tx,
      partnership,
      { kind: 'request_withdrawn', stillPending: stillPending.length },
      {
        schoolId: member.schoolId,
        transitionId: correction.transitionId,
        effectiveDate: correction.effectiveDate,
      },
    );
  }

  /** A member school closed: its partnerships cannot go on. */
  async onSchoolClosed(tx: TransactionScope, schoolId: string, effectiveDate: string): Promise<void> {
    for (const { partnership } of await this.liveMemberships(tx.manager, schoolId)) {
      await this.apply(tx, partnership, { kind: 'school_closed' }, { schoolId, transitionId: null, effectiveDate });
    }
  }

  /** Moves the partnership as the rules say, appends the history row and emits the change. False if unchanged. */
  private async apply(tx: TransactionScope, partnership: Partnership, fact: PartnershipFact, origin: ChangeOrigin): Promise<boolean> {
    const to = nextStatus(partnership.status, fact);
    if (!to) return false;
    const from = partnership.status;
    const cause = causeOf(fact);
    const endedOn = FINAL_STATUSES.includes(to) ? origin.effectiveDate : null;
    await tx.manager.update(Partnership, { id: partnership.id }, { status: to, endedOn });
    partnership.status = to;
    partnership.endedOn = endedOn;
    await this.appendHistory(tx.manager, partnership.id, from, to, cause, origin);
    tx.record(PartnershipStatusChanged, {
      key: partnership.id,
      cityId: partnership.cityId,
      payload: {
        partnershipId: partnership.id,
        cityId: partnership.cityId,
        from,
        to,
        cause,
        schoolId: origin.schoolId,
        transitionId: origin.transitionId,
        effectiveDate: origin.effectiveDate,
        pendingSchoolIds: await this.pendingSchoolIds(tx.manager, partnership.id),
      },
    });
    return true;
  }

  private async appendHistory(
    manager: EntityManager,
    partnershipId: string,
    from: PartnershipStatus | null,
    to: PartnershipStatus,
    cause: StatusCause,
    origin: ChangeOrigin,
  ): Promise<void> {
    const seq = await manager.countBy(StatusChange, { partnershipId });
    await manager.insert(StatusChange, {
      id: newId(),
      partnershipId,
      seq: seq + 1,
      fromStatus: from,
      toStatus: to,
      cause,
      schoolId: origin.schoolId,
      transitionId: origin.transitionId,
      effectiveDate: origin.effectiveDate,
      recordedAt: new Date(),
    });
  }

  private async pendingSchoolIds(manager: EntityManager, partnershipId: string): Promise<string[]> {
    const pending = await manager.findBy(PartnershipMember, { partnershipId, pendingTransitionId: Not(IsNull()) });
    return pending.map((m) => m.schoolId).sort();
  }

  /** The school's memberships in partnerships that can still change status. */
  private async liveMemberships(manager: EntityManager, schoolId: string): Promise<{ partnership: Partnership; member: PartnershipMember }[]> {
    const members = await manager.findBy(PartnershipMember, { schoolId });
    if (!members.length) return [];
    const partnerships = (
      await lockedPartnerships(
        manager,
        members.map((m) => m.partnershipId),
      )
    ).filter((p) => !FINAL_STATUSES.includes(p.status));
    return partnerships.map((partnership) => ({ partnership, member: members.find((m) => m.partnershipId === partnership.id) as PartnershipMember }));
  }

  private async view(manager: EntityManager, id: string): Promise<PartnershipResponse> {
    const [view] = await this.views(manager, [await manager.findOneByOrFail(Partnership, { id })]);
    return view;
  }

  /**
   * The partnerships as answered, with members, champions and history: four queries (members, their schools,
   * their champions, the history) whatever the number of partnerships, so a page of 200 costs what one does.
   */
  private async views(manager: EntityManager, partnerships: readonly Partnership[]): Promise<PartnershipResponse[]> {
    if (!partnerships.length) return [];
    const ids = partnerships.map((p) => p.id);
    const members = await manager.find(PartnershipMember, { where: { partnershipId: In(ids) }, order: { schoolId: 'ASC' } });
    const schoolIds = [...new Set(members.map((m) => m.schoolId))];
    const schools = new Map((await this.directory.schools(manager, schoolIds)).map((s) => [s.id, s]));
    const champions = await this.directory.leaders(manager, 'school', schoolIds);
    const history = await manager.find(StatusChange, { where: { partnershipId: In(ids) }, order: { seq: 'ASC' } });
    const membersOf = byPartnership(members);
    const historyOf = byPartnership(history);
    return partnerships.map((p) => this.viewOf(p, membersOf.get(p.id) ?? [], historyOf.get(p.id) ?? [], schools, champions));
  }

  private viewOf(
    partnership: Partnership,
    members: readonly PartnershipMember[],
    history: readonly StatusChange[],
    schools: ReadonlyMap<string, KnownSchool>,
    champions: ReadonlyMap<string, Leader | null>,
  ): PartnershipResponse {
    return {
      id: partnership.id,
      siteId: partnership.siteId,
      cityId: partnership.cityId,
      status: partnership.status,
      startedOn: partnership.startedOn,
      endedOn: partnership.endedOn,
      commitments: partnership.commitments,
      otherCommitments: partnership.otherCommitments,
      members: members.map((m): MemberView => {
        const school = schools.get(m.schoolId);
        return {
          schoolId: m.schoolId,
          name: school?.name ?? '',
          sector: school?.sector ?? '',
          champion: champions.get(m.schoolId) ?? null,
          pendingRecommitment:
            m.pendingTransitionId && m.pendingEffectiveDate && m.pendingDueBy
              ? {
                  transitionId: m.pendingTransitionId,
                  effectiveDate: m.pendingEffectiveDate,
                  dueBy: m.pendingDueBy,
                  outgoingPersonId: m.pendingOutgoingPersonId,
                  incomingPersonId: m.pendingIncomingPersonId,
                }
              : null,
        };
      }),
      history: history.map((h) => ({
        from: h.fromStatus,
        to: h.toStatus,
        cause: h.cause,
        schoolId: h.schoolId,
        transitionId: h.transitionId,
        effectiveDate: h.effectiveDate,
        recordedAt: new Date(h.recordedAt).toISOString(),
      })),
    };
  }
}

/**
 * Reads partnerships for a change, in id order, locked until the transaction ends: a recommitment, a lapse
 * and an event's handler touching one partnership at once are applied one after the other, each seeing the
 * other's result.
 */
function lockedPartnerships(manager: EntityManager, ids: readonly string[]): Promise<Partnership[]> {
  if (!ids.length) return Promise.resolve([]);
  const select = manager.createQueryBuilder(Partnership, 'partnership').where('partnership.id IN (:...ids)', { ids }).orderBy('partnership.id');
  return forUpdate(manager, select).getMany();
}

/** Rows grouped by their partnership, each group in the rows' order. */
function byPartnership<T extends { partnershipId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.partnershipId);
    if (group) group.push(row);
    else groups.set(row.partnershipId, [row]);
  }
  return groups;
}

const NOTHING_PENDING = {
  pendingTransitionId: null,
  pendingEffectiveDate: null,
  pendingDueBy: null,
  pendingOutgoingPersonId: null,
  pendingIncomingPersonId: null,
};

function invalid(field: string, ...messages: string[]): Problem {
  return new Problem(ProblemCode.ValidationFailed, `Invalid request: ${messages.join('; ')}`, { errors: [{ field, messages }] });
}
