import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type LeadershipTransitionedV1,
  PlacementConfirmed,
  PlacementEnded,
  PlacementRecorded,
  type PlacementRefV1,
  RETENTION_YEARS,
  RetentionCheckpointReached,
} from '@crosswalk/contracts';
import type { Principal } from '@crosswalk/auth';
import { DirectoryCopy, KnownSchool } from '@crosswalk/directory-copy';
import { type TransactionScope, UnitOfWork } from '@crosswalk/messaging';
import { afterLockIsolation, claimDue, forUpdate, newId } from '@crosswalk/persistence';
import { Clock } from '@crosswalk/platform';
import { Problem } from '@crosswalk/problems';
import type { FellowResponse } from '../fellows/dto/fellow.dto';
import { Fellow, StageChange } from '../fellows/fellow.entity';
import { FellowsService } from '../fellows/fellows.service';
import { citiesOfPrograms, visibleProgram } from '../programs/program-scope';
import { Program } from '../programs/program.entity';
import { type ProgramInCities, fellowRef, invalid, recordOf, refused } from '../records';
import type { RecordPlacementRequest, RecordedCheckpointView, RetentionCheckpointsResponse } from './dto/placement.dto';
import { Placement, PlacementBasis, RetentionCheckpoint } from './placement.entity';
import { placementTenure } from './placement-views';
import { checkpointOn, earliestPlacementStart, placementEnd, placementRefusal, retentionOutcome } from './placement.rules';

/** The reference every placement record carries. */
function placementRef(scope: ProgramInCities, fellow: Fellow, placement: Placement): PlacementRefV1 {
  return {
    ...fellowRef(scope, fellow),
    placementId: placement.id,
    placement: { schoolId: placement.schoolId, sector: placement.sector, cityId: placement.cityId, role: placement.role },
    startsOn: placement.startsOn,
  };
}

/**
 * Locks the school's row in the directory copy until the transaction ends (none when the copy does not know it).
 * Placements at a school are recorded and moved by its events under this lock, taken before the program's.
 */
async function lockSchool(manager: EntityManager, schoolId: string): Promise<void> {
  await forUpdate(manager, manager.createQueryBuilder(KnownSchool, 'school').where('school.id = :schoolId', { schoolId })).getOne();
}

/** A placement's program and its cities, for its records (read, not locked: see `followDirectoryAt`). */
async function programScope(manager: EntityManager, programId: string): Promise<ProgramInCities> {
  const program = await manager.findOneByOrFail(Program, { id: programId });
  return { program, cityIds: (await citiesOfPrograms(manager, [program.id])).get(program.id) ?? [] };
}

/** The first checkpoint after `day`, or null when all three are on or before it. */
const nextCheckpointAfter = (startsOn: string, day: string): string | null =>
  RETENTION_YEARS.map((year) => checkpointOn(startsOn, year)).find((on) => on > day) ?? null;

/**
 * Placements: recorded by an operator, then kept in line with the directory's tenure events (confirmed by the
 * matching tenure, ended by a departure or a closure, retention revised by a correction), and their retention
 * checkpoints recorded by a scheduled job as the days come.
 */
@Injectable()
export class PlacementsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly directory: DirectoryCopy,
    private readonly fellows: FellowsService,
    private readonly clock: Clock,
  ) {}

  /**
   * Records a placement after the program (or during it, for a residency), at an open school the directory knows
   * in a city the program serves, and confirms it at once if the directory already has the tenure.
   */
  async place(fellowId: string, request: RecordPlacementRequest, principal: Principal): Promise<FellowResponse> {
    await this.unitOfWork.run(async (tx) => {
      // The school's row in the copy first, as the reactions to its transitions take it: a placement and the
      // appointment that confirms it, arriving at once, are applied one after the other, so neither misses the other.
      await lockSchool(tx.manager, request.schoolId);
      const found = await tx.manager.findOneBy(Fellow, { id: fellowId });
      if (!found) throw Problem.notFound(`Fellow ${fellowId}`);
      const scope = await visibleProgram(tx.manager, principal, found.programId, `Fellow ${fellowId}`, true);
      const fellow = await tx.manager.findOneByOrFail(Fellow, { id: fellowId });
      const refusal = placementRefusal(fellow.stage, scope.program.kind);
      if (refusal) throw refused(refusal.code, refusal.message);
      const history = await tx.manager.find(StageChange, { where: { fellowId }, order: { seq: 'ASC' } });
      const earliest = earliestPlacementStart(history, scope.program.kind);
      if (earliest !== null && request.startsOn < earliest) {
        throw invalid('startsOn', `startsOn ${request.startsOn} is before the fellow could be placed (${earliest})`);
      }
      const school = await this.directory.school(tx.manager, request.schoolId);
      if (!school) throw invalid('schoolId', `School ${request.schoolId} is not in the directory`);
      if (school.closedOn !== null && school.closedOn <= request.startsOn) {
        throw invalid('schoolId', `School ${request.schoolId} closed on ${school.closedOn}, before the placement starts`);
      }
      if (!scope.cityIds.includes(school.cityId)) throw invalid('schoolId', `School ${request.schoolId} is in no city the program serves`);
      const role = request.role.trim();
      if (await tx.manager.existsBy(Placement, { fellowId, schoolId: school.id, role, startsOn: request.startsOn })) {
        throw refused('placement_exists', `Fellow ${fellowId} already has this placement (${role} at ${school.id} from ${request.startsOn})`);
      }
      const placement = tx.manager.create(Placement, {
        id: newId(),
        fellowId,
        programId: scope.program.id,
        personId: fellow.personId,
        schoolId: school.id,
        sector: school.sector,
        cityId: school.cityId,
        role,
        startsOn: request.startsOn,
        transitionId: null,
        tenureStartedOn: null,
        endedOn: null,
        endCause: null,
        endTransitionId: null,
        nextCheckpointOn: checkpointOn(request.startsOn, 1),
        createdAt: new Date(),
      });
      await tx.manager.save(placement);
      tx.record(PlacementRecorded, { ...recordOf(scope), payload: placementRef(scope, fellow, placement) });
      await this.followDirectory(tx, scope, fellow, placement);
    }, afterLockIsolation(this.dataSource));
    return this.fellows.get(fellowId, principal);
  }

  /**
   * A transition at a school (already in the copy), a correction included: every placement at that school is
   * brought in line with the tenures the copy now has. Nothing changes when nothing differs (a redelivery), and
   * an event followed once is not followed again (a replay, whose copy is rebuilt only halfway when it comes).
   */
  async onTransition(tx: TransactionScope, eventId: string, transition: LeadershipTransitionedV1): Promise<void> {
    if (transition.holderKind !== 'school') return;
    await this.followDirectoryAt(tx, eventId, transition.holderId);
  }

  /** The school closed (the copy has its `closedOn`): its placements end. */
  async onSchoolClosed(tx: TransactionScope, eventId: string, schoolId: string): Promise<void> {
    await this.followDirectoryAt(tx, eventId, schoolId);
  }

  private async followDirectoryAt(tx: TransactionScope, eventId: string, schoolId: string): Promise<void> {
    // Every school's events are listed, placements or not: a replayed transition from before a placement was
    // recorded would otherwise see a copy that lacks what came after it.
    if (await tx.manager.existsBy(PlacementBasis, { eventId })) return;
    await tx.manager.insert(PlacementBasis, { eventId, appliedAt: new Date() });
    // The school's lock (see `place`), then its placements with a locking read: the latest committed, whatever
    // the inbox transaction's snapshot, and locked against the job. No program lock: a placement's records depend
    // on nothing else under the program, and taking it here, after the placements' index range, would deadlock
    // with a placement being recorded at the school next door (program, then that range).
    await lockSchool(tx.manager, schoolId);
    const placements = await forUpdate(
      tx.manager,
      tx.manager.createQueryBuilder(Placement, 'placement').where('placement.schoolId = :schoolId', { schoolId }).orderBy('placement.id'),
    ).getMany();
    for (const placement of placements) {
      const scope = await programScope(tx.manager, placement.programId);
      const fellow = await tx.manager.findOneByOrFail(Fellow, { id: placement.fellowId });
      await this.followDirectory(tx, scope, fellow, placement);
    }
  }

  /**
   * Brings one placement in line with the directory: its confirming tenure, its end, and the answers of the
   * checkpoints already recorded (a changed answer is recorded again with the next revision).
   */
  private async followDirectory(tx: TransactionScope, scope: ProgramInCities, fellow: Fellow, placement: Placement): Promise<void> {
    const school = await this.directory.school(tx.manager, placement.schoolId);
    const tenure = placementTenure(placement, await this.directory.transitionsAt(tx.manager, [placement.schoolId]), school?.closedOn ?? null);
    const { matched } = tenure;
    const ref = placementRef(scope, fellow, placement);

    if (matched && (matched.transitionId !== placement.transitionId || matched.startedOn !== placement.tenureStartedOn)) {
      placement.transitionId = matched.transitionId;
      placement.tenureStartedOn = matched.startedOn;
      await tx.manager.update(Placement, { id: placement.id }, { transitionId: matched.transitionId, tenureStartedOn: matched.startedOn });
      tx.record(PlacementConfirmed, { ...recordOf(scope), payload: { ...ref, transitionId: matched.transitionId, tenureStartedOn: matched.startedOn } });
    } else if (!matched && placement.transitionId !== null) {
      // A correction took the tenure away: the link goes (the contracts have no "unconfirmed" record; the
      // recorded checkpoints below turn `unknown` with a new revision).
      placement.transitionId = null;
      placement.tenureStartedOn = null;
      await tx.manager.update(Placement, { id: placement.id }, { transitionId: null, tenureStartedOn: null });
    }

    const end = placementEnd(matched, tenure.closedOn, placement.startsOn);
    if (end && (end.endedOn !== placement.endedOn || end.cause !== placement.endCause || end.transitionId !== placement.endTransitionId)) {
      await tx.manager.update(Placement, { id: placement.id }, { endedOn: end.endedOn, endCause: end.cause, endTransitionId: end.transitionId });
      tx.record(PlacementEnded, { ...recordOf(scope), payload: { ...ref, cause: end.cause, endedOn: end.endedOn, transitionId: end.transitionId } });
    } else if (!end && placement.endedOn !== null) {
      // A correction withdrew the departure: the placement runs on (PlacementEnded has no retraction; retention
      // revisions below carry the changed answer).
      await tx.manager.update(Placement, { id: placement.id }, { endedOn: null, endCause: null, endTransitionId: null });
    }

    const recorded = await forUpdate(
      tx.manager,
      tx.manager.createQueryBuilder(RetentionCheckpoint, 'c').where('c.placementId = :id', { id: placement.id }).orderBy('c.year', 'ASC'),
    ).getMany();
    for (const checkpoint of recorded) {
      // A recorded checkpoint's day has come (that is why it was recorded): only the tenures decide.
      const outcome = retentionOutcome({ ...tenure, checkpointOn: checkpoint.checkpointOn, today: checkpoint.checkpointOn });
      if (outcome === checkpoint.outcome) continue;
      const revision = checkpoint.revision + 1;
      await tx.manager.update(RetentionCheckpoint, { placementId: placement.id, year: checkpoint.year }, { outcome, revision, recordedAt: new Date() });
      tx.record(RetentionCheckpointReached, {
        ...recordOf(scope),
        payload: { ...ref, year: checkpoint.year, checkpointOn: checkpoint.checkpointOn, outcome, revision },
      });
    }
  }

  /**
   * Records every retention checkpoint reached by `asOf` (default today) and not recorded yet, revision 1 each.
   * One placement per transaction, claimed (FOR UPDATE SKIP LOCKED), so instances running this at once never
   * record a checkpoint twice; a placement a reaction holds right now is left for the next run.
   */
  async recordCheckpoints(asOf: string = this.clock.today()): Promise<RetentionCheckpointsResponse> {
    const candidates = await this.dataSource.manager
      .createQueryBuilder(Placement, 'placement')
      .select('placement.id', 'id')
      .where('placement.nextCheckpointOn <= :asOf', { asOf })
      .orderBy('placement.id')
      .getRawMany<{ id: string }>();
    const recorded: RecordedCheckpointView[] = [];
    for (const { id } of candidates) {
      await this.unitOfWork.run(async (tx) => {
        const [placement] = await claimDue(
          tx.manager,
          tx.manager.createQueryBuilder(Placement, 'placement').where('placement.id = :id AND placement.nextCheckpointOn <= :asOf', { id, asOf }),
        );
        if (!placement) return;
        const scope = await programScope(tx.manager, placement.programId);
        const fellow = await tx.manager.findOneByOrFail(Fellow, { id: placement.fellowId });
        const school = await this.directory.school(tx.manager, placement.schoolId);
        const tenure = placementTenure(placement, await this.directory.transitionsAt(tx.manager, [placement.schoolId]), school?.closedOn ?? null);
        const done = new Set((await tx.manager.findBy(RetentionCheckpoint, { placementId: id })).map((c) => c.year));
        for (const year of RETENTION_YEARS) {
          const day = checkpointOn(placement.startsOn, year);
          if (day > asOf || done.has(year)) continue;
          const outcome = retentionOutcome({ ...tenure, checkpointOn: day, today: asOf });
          await tx.manager.insert(RetentionCheckpoint, { placementId: id, year, checkpointOn: day, outcome, revision: 1, recordedAt: new Date() });
          tx.record(RetentionCheckpointReached, {
            ...recordOf(scope),
            payload: { ...placementRef(scope, fellow, placement), year, checkpointOn: day, outcome, revision: 1 },
          });
          recorded.push({ placementId: id, year, checkpointOn: day, outcome });
        }
        await tx.manager.update(Placement, { id }, { nextCheckpointOn: nextCheckpointAfter(placement.startsOn, asOf) });
      }, afterLockIsolation(this.dataSource));
    }
    return { asOf, recorded };
  }
}
