import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull, type SelectQueryBuilder } from 'typeorm';
import { type Principal, visibleOrNotFound } from '@crosswalk/auth';
import { type HolderKind, LeadershipTransitioned, SINGLE_HOLDER_ROLES, calendarDateAt } from '@crosswalk/contracts';
import { type TransactionScope, UnitOfWork } from '@crosswalk/messaging';
import { forUpdate, newId } from '@crosswalk/persistence';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { Organization } from '../organizations/organization.entity';
import { requirePerson } from '../people/people.service';
import { Person } from '../people/person.entity';
import { School } from '../schools/school.entity';
import type { CorrectionRequest, LeadershipHistoryResponse, RoleHoldersResponse, TransitionRequest } from './dto/leadership.dto';
import { TransitionResponse } from './dto/leadership.dto';
import { LeadershipTransition } from './leadership-transition.entity';
import { RoleTenure } from './role-tenure.entity';
import { type TenureFact, type TransitionPlan, TransitionConflict, holdsOn, planCorrection, planTransition } from './transition.rules';

/** The school or organization a role is held at. */
export interface Holder {
  kind: HolderKind;
  id: string;
  cityId: string;
  closed: boolean;
}

/** What a transition is recorded from, whoever calls (an HTTP request, a CSV import row). */
export interface TransitionCommand {
  role: string;
  incomingPersonId: string | null;
  outgoingPersonId?: string | null;
  effectiveDate: string;
  reason?: string | null;
}

@Injectable()
export class LeadershipService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
  ) {}

  async transition(kind: HolderKind, holderId: string, request: TransitionRequest, principal: Principal): Promise<TransitionResponse> {
    const recorded = await this.unitOfWork.run((tx) => this.recordTransition(tx, kind, holderId, request, principal));
    return TransitionResponse.of(recorded);
  }

  /**
   * A transition inside the caller's unit of work (a CSV import runs many in one). The holder's row is locked
   * first, so two concurrent transitions of one school or organization apply one after the other and the
   * second sees the first's tenures.
   */
  async recordTransition(
    tx: TransactionScope,
    kind: HolderKind,
    holderId: string,
    command: TransitionCommand,
    principal: Principal,
  ): Promise<LeadershipTransition> {
    const holder = await this.lockHolder(tx.manager, kind, holderId, principal);
    this.assertRoleFits(kind, command.role);
    const singleHolder = this.isSingleHolder(kind, command.role);
    if (singleHolder && command.outgoingPersonId) {
      throw Problem.invalid([{ field: 'outgoingPersonId', messages: [`role ${command.role} has one holder: the current one is the outgoing person`] }]);
    }
    if (holder.closed) throw new Problem(ProblemCode.SchoolClosed, `School ${holder.id} is closed: its roles no longer change`);
    await this.assertPeopleExist(tx.manager, [command.incomingPersonId, command.outgoingPersonId ?? null]);
    const tenures = await this.countingTenures(tx.manager, holder, command.role);
    const plan = this.plan(() =>
      planTransition(tenures, {
        singleHolder,
        incomingPersonId: command.incomingPersonId,
        outgoingPersonId: command.outgoingPersonId,
        effectiveDate: command.effectiveDate,
      }),
    );
    return this.apply(tx, holder, command, plan, principal, null);
  }

  async correct(kind: HolderKind, holderId: string, transitionId: string, request: CorrectionRequest, principal: Principal): Promise<TransitionResponse> {
    const recorded = await this.unitOfWork.run(async (tx) => {
      const holder = await this.lockHolder(tx.manager, kind, holderId, principal);
      const original = await tx.manager.findOneBy(LeadershipTransition, { id: transitionId, holderKind: kind, holderId });
      if (!original) throw new Problem(ProblemCode.NotFound, `Transition ${transitionId} not found at ${kind} ${holderId}`);
      if (original.supersededByTransitionId) {
        throw new Problem(
          ProblemCode.TransitionConflict,
          `Transition ${transitionId} was already corrected by ${original.supersededByTransitionId}; correct that one instead`,
        );
      }
      const latest = await this.latestTransition(tx.manager, holder, original.role);
      if (latest?.id !== original.id) {
        throw new Problem(
          ProblemCode.TransitionConflict,
          `Only the latest transition of role ${original.role} can be corrected (latest: ${latest?.id ?? 'none'})`,
        );
      }
      if (holder.closed) throw new Problem(ProblemCode.SchoolClosed, `School ${holder.id} is closed: its roles no longer change`);
      await this.assertPeopleExist(tx.manager, [request.incomingPersonId]);
      const tenures = await this.countingTenures(tx.manager, holder, original.role);
      const plan = this.plan(() =>
        planCorrection(tenures, original, {
          singleHolder: this.isSingleHolder(kind, original.role),
          incomingPersonId: request.incomingPersonId,
          effectiveDate: request.effectiveDate,
        }),
      );
      const command: TransitionCommand = {
        role: original.role,
        incomingPersonId: request.incomingPersonId,
        outgoingPersonId: original.outgoingPersonId,
        effectiveDate: request.effectiveDate,
        reason: request.reason,
      };
      return this.apply(tx, holder, command, plan, principal, original);
    });
    return TransitionResponse.of(recorded);
  }

  async history(kind: HolderKind, holderId: string, role: string | undefined, principal: Principal): Promise<LeadershipHistoryResponse> {
    const holder = await this.findHolder(this.dataSource.manager, kind, holderId, principal);
    const tenures = this.dataSource.manager
      .createQueryBuilder(RoleTenure, 't')
      .innerJoin(Person, 'p', 'p.id = t.personId')
      .select(['t.id AS id', 't.personId AS personId', 'p.fullName AS fullName', 't.role AS role', 't.startDate AS startDate', 't.endDate AS endDate'])
      .addSelect('t.supersededByTransitionId', 'supersededBy')
      .where('t.holderKind = :kind AND t.holderId = :holderId', { kind, holderId: holder.id })
      .orderBy('t.role', 'ASC')
      .addOrderBy('t.startDate', 'ASC')
      .addOrderBy('t.id', 'ASC');
    const transitions = this.dataSource.manager
      .createQueryBuilder(LeadershipTransition, 'x')
      .where('x.holderKind = :kind AND x.holderId = :holderId', { kind, holderId: holder.id })
      .orderBy('x.recordedAt', 'ASC')
      .addOrderBy('x.id', 'ASC');
    if (role) {
      tenures.andWhere('t.role = :role', { role });
      transitions.andWhere('x.role = :role', { role });
    }
    const rows = await tenures.getRawMany<{
      id: string;
      personId: string;
      fullName: string;
      role: string;
      startDate: unknown;
      endDate: unknown;
      supersededBy: string | null;
    }>();
    return {
      holderKind: kind,
      holderId: holder.id,
      tenures: rows.map((r) => ({
        id: r.id,
        personId: r.personId,
        fullName: r.fullName,
        role: r.role,
        startDate: asDay(r.startDate),
        endDate: r.endDate === null ? null : asDay(r.endDate),
        superseded: r.supersededBy !== null,
      })),
      transitions: (await transitions.getMany()).map(TransitionResponse.of),
    };
  }

  async roleHolders(kind: HolderKind, holderId: string, role: string, on: string, principal: Principal): Promise<RoleHoldersResponse> {
    const holder = await this.findHolder(this.dataSource.manager, kind, holderId, principal);
    const held = await this.tenuresOn(this.dataSource.manager, holder.kind, holder.id, on, { role });
    return {
      role,
      on,
      holders: held.map((h) => ({ personId: h.personId, fullName: h.fullName, tenureId: h.id, startDate: h.startDate, endDate: h.endDate })),
    };
  }

  /** Tenures that count and cover `on` at one holder, with the holder's name (compacts ask this too). */
  async tenuresOn(
    manager: EntityManager,
    kind: HolderKind,
    holderId: string,
    on: string,
    filter: { role?: string; personId?: string } = {},
  ): Promise<(TenureFact & { role: string; fullName: string })[]> {
    const select = manager
      .createQueryBuilder(RoleTenure, 't')
      .innerJoin(Person, 'p', 'p.id = t.personId')
      .select(['t.id AS id', 't.personId AS personId', 'p.fullName AS fullName', 't.role AS role', 't.startDate AS startDate', 't.endDate AS endDate'])
      .where('t.holderKind = :kind AND t.holderId = :holderId', { kind, holderId })
      .andWhere('t.supersededByTransitionId IS NULL')
      .andWhere('t.startDate <= :on AND (t.endDate IS NULL OR t.endDate >= :on)', { on })
      .orderBy('t.startDate', 'ASC')
      .addOrderBy('t.id', 'ASC');
    if (filter.role) select.andWhere('t.role = :role', { role: filter.role });
    if (filter.personId) select.andWhere('t.personId = :personId', { personId: filter.personId });
    const rows = await select.getRawMany<{ id: string; personId: string; fullName: string; role: string; startDate: unknown; endDate: unknown }>();
    return rows.map((r) => ({ ...r, startDate: asDay(r.startDate), endDate: r.endDate === null ? null : asDay(r.endDate) })).filter((t) => holdsOn(t, on));
  }

  /**
   * The holder's open tenures that count, every role, oldest first. For a closure: call it after locking the
   * holder's row, so no transition can change them before the closure ends them.
   */
  async openTenures(manager: EntityManager, kind: HolderKind, holderId: string): Promise<RoleTenure[]> {
    const select = manager
      .createQueryBuilder(RoleTenure, 't')
      .where('t.holderKind = :kind AND t.holderId = :holderId', { kind, holderId })
      .andWhere('t.endDate IS NULL AND t.supersededByTransitionId IS NULL')
      .orderBy('t.startDate', 'ASC');
    return (await select.getMany()).map(withDays);
  }

  /**
   * Ends tenures because their holder closes, inside the closure's unit of work: each ends on the closing day
   * itself, since the holder existed through that day (a transition ends the outgoing tenure the day before
   * the incoming one starts). Which tenures may end so is the closing rules' decision (closing.rules.ts).
   */
  async endTenuresAtClosure(manager: EntityManager, tenureIds: readonly string[], closingDate: string): Promise<void> {
    await this.endTenures(manager, tenureIds, closingDate, null);
  }

  /** 404 for an unknown holder and for one in a city outside the caller's scope, alike. */
  async findHolder(manager: EntityManager, kind: HolderKind, id: string, principal: Principal, lock = false): Promise<Holder> {
    const select: SelectQueryBuilder<School | Organization> = manager
      .createQueryBuilder<School | Organization>(kind === 'school' ? School : Organization, 'h')
      .where('h.id = :id', { id });
    const row = visibleOrNotFound(
      principal,
      await (lock ? forUpdate(manager, select) : select).getOne(),
      `${kind === 'school' ? 'School' : 'Organization'} ${id}`,
    );
    return { kind, id: row.id, cityId: row.cityId, closed: row instanceof School && row.status === 'closed' };
  }

  private lockHolder(manager: EntityManager, kind: HolderKind, id: string, principal: Principal): Promise<Holder> {
    return this.findHolder(manager, kind, id, principal, true);
  }

  private isSingleHolder(kind: HolderKind, role: string): boolean {
    return SINGLE_HOLDER_ROLES[kind] === role;
  }

  /** `principal` belongs to schools and `chief` to organizations; other roles fit either. */
  private assertRoleFits(kind: HolderKind, role: string): void {
    const misplaced = Object.entries(SINGLE_HOLDER_ROLES).find(([other, single]) => other !== kind && single === role);
    if (misplaced) {
      throw Problem.invalid([{ field: 'role', messages: [`role ${role} is held at ${misplaced[0]}s, not at ${kind}s`] }]);
    }
  }

  private async assertPeopleExist(manager: EntityManager, ids: (string | null)[]): Promise<void> {
    for (const id of ids) {
      if (id !== null) await requirePerson(manager, id);
    }
  }

  /** The holder's tenures of a role that still count, read after the holder lock so they are current. */
  private async countingTenures(manager: EntityManager, holder: Holder, role: string): Promise<RoleTenure[]> {
    const select = manager
      .createQueryBuilder(RoleTenure, 't')
      .where('t.holderKind = :kind AND t.holderId = :holderId AND t.role = :role', { kind: holder.kind, holderId: holder.id, role })
      .andWhere('t.supersededByTransitionId IS NULL');
    return (await forUpdate(manager, select).getMany()).map(withDays);
  }

  private async latestTransition(manager: EntityManager, holder: Holder, role: string): Promise<LeadershipTransition | null> {
    const select = manager
      .createQueryBuilder(LeadershipTransition, 'x')
      .where('x.holderKind = :kind AND x.holderId = :holderId AND x.role = :role', { kind: holder.kind, holderId: holder.id, role })
      .andWhere('x.supersededByTransitionId IS NULL')
      .orderBy('x.recordedAt', 'DESC')
      .addOrderBy('x.id', 'DESC')
      .limit(1);
    // A locking read sees the latest committed rows whatever the transaction's snapshot.
    return forUpdate(manager, select).getOne();
  }

  private plan(rules: () => TransitionPlan): TransitionPlan {
    try {
      return rules();
    } catch (error) {
      if (error instanceof TransitionConflict) throw new Problem(ProblemCode.TransitionConflict, error.message);
      throw error;
    }
  }

  /** The one write that ends tenures in place, for transitions and closures alike. */
  private async endTenures(manager: EntityManager, tenureIds: readonly string[], endDate: string, endedByTransitionId: string | null): Promise<void> {
    if (!tenureIds.length) return;
    await manager
      .createQueryBuilder()
      .update(RoleTenure)
      .set({ endDate, endedByTransitionId })
      .whereInIds([...tenureIds])
      .execute();
  }

  /**
   * Writes a planned transition. A correction never edits the past: the original transition and the tenures
   * it touched are flagged superseded, and the corrected tenures are new rows.
   */
  private async apply(
    tx: TransactionScope,
    holder: Holder,
    command: TransitionCommand,
    plan: TransitionPlan,
    principal: Principal,
    corrected: LeadershipTransition | null,
  ): Promise<LeadershipTransition> {
    const manager = tx.manager;
    const now = new Date();
    const transitionId = newId();
    let endedTenureId: string | null = null;
    let startedTenureId: string | null = null;
    if (corrected) {
      const replaced = [corrected.startedTenureId, corrected.endedTenureId].filter((id): id is string => id !== null);
      for (const id of replaced) await manager.update(RoleTenure, { id, supersededByTransitionId: IsNull() }, { supersededByTransitionId: transitionId });
    }
    if (plan.ending) {
      const ending = plan.ending.tenure;
      if (corrected && ending.id === corrected.endedTenureId) {
        // The outgoing tenure as the correction says it ended: a new row next to the superseded one.
        const previous = await manager.findOneByOrFail(RoleTenure, { id: ending.id });
        endedTenureId = newId();
        await manager.insert(RoleTenure, {
          ...previous,
          id: endedTenureId,
          endDate: plan.ending.endDate,
          endedByTransitionId: transitionId,
          supersededByTransitionId: null,
          recordedAt: now,
        });
      } else {
        endedTenureId = ending.id;
        await this.endTenures(manager, [ending.id], plan.ending.endDate, transitionId);
      }
    }
    const outgoingPersonId = plan.ending?.tenure.personId ?? null;
    if (plan.starting) {
      startedTenureId = newId();
      await manager.insert(RoleTenure, {
        id: startedTenureId,
        personId: plan.starting.personId,
        role: command.role,
        holderKind: holder.kind,
        holderId: holder.id,
        cityId: holder.cityId,
        startDate: plan.starting.startDate,
        endDate: null,
        startedByTransitionId: transitionId,
        endedByTransitionId: null,
        supersededByTransitionId: null,
        recordedAt: now,
      });
    }
    const transition = manager.create(LeadershipTransition, {
      id: transitionId,
      holderKind: holder.kind,
      holderId: holder.id,
      cityId: holder.cityId,
      role: command.role,
      outgoingPersonId,
      incomingPersonId: command.incomingPersonId,
      effectiveDate: command.effectiveDate,
      reason: command.reason ?? null,
      endedTenureId,
      startedTenureId,
      supersedesTransitionId: corrected?.id ?? null,
      supersededByTransitionId: null,
      recordedBy: principal.subject,
      recordedAt: now,
    });
    await manager.insert(LeadershipTransition, transition);
    if (corrected) await manager.update(LeadershipTransition, { id: corrected.id }, { supersededByTransitionId: transitionId });
    tx.record(LeadershipTransitioned, {
      key: holder.id,
      cityId: holder.cityId,
      payload: {
        transitionId,
        holderKind: holder.kind,
        holderId: holder.id,
        cityId: holder.cityId,
        role: command.role,
        outgoingPersonId,
        incomingPersonId: command.incomingPersonId,
        effectiveDate: command.effectiveDate,
        reason: transition.reason,
        endedTenureId,
        startedTenureId,
        supersedesTransitionId: transition.supersedesTransitionId,
      },
    });
    return transition;
  }
}

/** A tenure with its dates as `YYYY-MM-DD`, whatever the driver returned. */
function withDays(tenure: RoleTenure): RoleTenure {
  return Object.assign(tenure, { startDate: asDay(tenure.startDate), endDate: tenure.endDate === null ? null : asDay(tenure.endDate) });
}

/** DATE columns come back as `YYYY-MM-DD` strings from mysql2 (dateStrings) and SQLite; a Date is read in UTC. */
export function asDay(value: unknown): string {
  return value instanceof Date ? calendarDateAt(value) : String(value).slice(0, 10);
}
