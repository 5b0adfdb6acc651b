// How each record of `fellowships.programs.v1` changes the fellowships projection. Every record of a program
// shares its key (the program id), so a program's cohorts, fellows, placements and checkpoints arrive in the
// order the fellowships service wrote them. Each fellow, placement and departure keeps a state row that says
// what its next record changes the running totals *from*, so a record applied twice, a stale revision or a
// stage already passed changes nothing. Nothing reads the clock: a replay into empty tables rebuilds the same rows.
import type {
  CohortScheduledV1,
  FellowRefV1,
  FellowStageChangedV1,
  MentorDepartedV1,
  PlacementRefV1,
  ProgramCreatedV1,
  ProgramRefV1,
  RetentionCheckpointReachedV1,
} from '@crosswalk/contracts';
import type { EntityManager } from 'typeorm';
import { FellowState } from './fellow-state.entity';
import { type FellowFacts, advances, fellowChange, originSectorOf, reachesEnrolment, retentionChange } from './fellowship.rules';
import { FellowshipCohort } from './fellowship-cohort.entity';
import { FellowshipProgram, FellowshipProgramCity } from './fellowship-program.entity';
import { FellowshipTally, type TallyFigure } from './fellowship-tally.entity';
import { MentorDeparture } from './mentor-departure.entity';
import { PlacementFlow } from './placement-flow.entity';
import { PlacementState } from './placement-state.entity';

type Change<K extends string> = Partial<Record<K, number>>;

/** `col = col + n` for each figure that moves, in one UPDATE (increments: nothing read earlier can be stale). */
function increments<K extends string>(change: Change<K>): Partial<Record<K, () => string>> | undefined {
  const set: Partial<Record<K, () => string>> = {};
  for (const [column, n] of Object.entries(change) as [K, number][]) {
    if (n !== 0) set[column] = () => `${column} + ${n}`;
  }
  return Object.keys(set).length === 0 ? undefined : set;
}

async function addToTally(manager: EntityManager, fellow: FellowState, change: Change<TallyFigure>): Promise<void> {
  const set = increments(change);
  if (!set) return;
  const key = { programId: fellow.programId, cohortId: fellow.cohortId, originSector: fellow.originSector };
  await manager.createQueryBuilder().insert().into(FellowshipTally).values(key).orIgnore().execute();
  await manager
    .createQueryBuilder()
    .update(FellowshipTally)
    .set(set)
    .where('programId = :programId AND cohortId = :cohortId AND originSector = :originSector', key)
    .execute();
}

async function addToFlow(
  manager: EntityManager,
  fellow: FellowState,
  placement: PlacementState,
  change: Change<'placements' | 'confirmedPlacements'>,
): Promise<void> {
  const set = increments(change);
  if (!set) return;
  const key = { programId: fellow.programId, cohortId: fellow.cohortId, originSector: fellow.originSector, placementSector: placement.placementSector };
  await manager.createQueryBuilder().insert().into(PlacementFlow).values(key).orIgnore().execute();
  await manager
    .createQueryBuilder()
    .update(PlacementFlow)
    .set(set)
    .where('programId = :programId AND cohortId = :cohortId AND originSector = :originSector AND placementSector = :placementSector', key)
    .execute();
}

/** The program and the cities it serves, as any record of it names them (its first record, normally its creation). */
async function programKnown(manager: EntityManager, p: ProgramRefV1, name: string | null = null): Promise<void> {
  await manager.createQueryBuilder().insert().into(FellowshipProgram).values({ programId: p.programId, name, kind: p.programKind }).orIgnore().execute();
  await manager
    .createQueryBuilder()
    .insert()
    .into(FellowshipProgramCity)
    .values(p.cityIds.map((cityId) => ({ programId: p.programId, cityId })))
    .orIgnore()
    .execute();
}

export async function programCreated(manager: EntityManager, p: ProgramCreatedV1): Promise<void> {
  await programKnown(manager, p, p.name);
  await manager.update(FellowshipProgram, { programId: p.programId }, { name: p.name });
}

export async function cohortScheduled(manager: EntityManager, c: CohortScheduledV1): Promise<void> {
  await programKnown(manager, c);
  await manager
    .createQueryBuilder()
    .insert()
    .into(FellowshipCohort)
    .values({ cohortId: c.cohortId, programId: c.programId, name: c.name })
    .orIgnore()
    .execute();
}

const factsOf = (f: FellowState): FellowFacts => ({
  stage: f.stage,
  enrolled: f.enrolled,
  placements: f.placements,
  confirmedPlacements: f.confirmedPlacements,
});

/** The fellow's state row; created from the record on first sight (their application, normally). */
async function fellowOf(manager: EntityManager, f: FellowRefV1): Promise<FellowState> {
  const known = await manager.findOneBy(FellowState, { fellowId: f.fellowId });
  if (known) return known;
  await programKnown(manager, f);
  const fellow = manager.create(FellowState, {
    fellowId: f.fellowId,
    programId: f.programId,
    cohortId: f.cohortId,
    originSector: originSectorOf(f.origin.sector),
    stage: null,
    enrolled: false,
    placements: 0,
    confirmedPlacements: 0,
  });
  await manager.insert(FellowState, fellow);
  return fellow;
}

/** Moves a fellow to new facts: their state row and their tally by the difference. */
async function fellowMoved(manager: EntityManager, fellow: FellowState, after: FellowFacts): Promise<void> {
  const change = fellowChange(factsOf(fellow), after);
  await manager.update(FellowState, { fellowId: fellow.fellowId }, after);
  await addToTally(manager, fellow, change);
  Object.assign(fellow, after);
}

export async function fellowStageChanged(manager: EntityManager, s: FellowStageChangedV1): Promise<void> {
  const fellow = await fellowOf(manager, s);
  if (!advances(fellow.stage, s.stage)) return;
  await fellowMoved(manager, fellow, { ...factsOf(fellow), stage: s.stage, enrolled: fellow.enrolled || reachesEnrolment(s.stage) });
}

/** The placement's state row, created (and counted: a placement, one more for its fellow) on first sight. */
async function placementOf(manager: EntityManager, p: PlacementRefV1): Promise<{ fellow: FellowState; placement: PlacementState }> {
  const fellow = await fellowOf(manager, p);
  const known = await manager.findOneBy(PlacementState, { placementId: p.placementId });
  if (known) return { fellow, placement: known };
  const placement = manager.create(PlacementState, {
    placementId: p.placementId,
    fellowId: p.fellowId,
    placementSector: p.placement.sector,
    confirmed: false,
    outcome1y: null,
    revision1y: 0,
    outcome2y: null,
    revision2y: 0,
    outcome3y: null,
    revision3y: 0,
  });
  await manager.insert(PlacementState, placement);
  await addToTally(manager, fellow, { placements: 1 });
  await addToFlow(manager, fellow, placement, { placements: 1 });
  await fellowMoved(manager, fellow, { ...factsOf(fellow), placements: fellow.placements + 1 });
  return { fellow, placement };
}

export async function placementRecorded(manager: EntityManager, p: PlacementRefV1): Promise<void> {
  await placementOf(manager, p);
}

export async function placementConfirmed(manager: EntityManager, p: PlacementRefV1): Promise<void> {
  const { fellow, placement } = await placementOf(manager, p);
  if (placement.confirmed) return;
  await manager.update(PlacementState, { placementId: placement.placementId }, { confirmed: true });
  await addToTally(manager, fellow, { confirmedPlacements: 1 });
  await addToFlow(manager, fellow, placement, { confirmedPlacements: 1 });
  await fellowMoved(manager, fellow, { ...factsOf(fellow), confirmedPlacements: fellow.confirmedPlacements + 1 });
}

/** A checkpoint's outcome; only a higher revision of the same (placement, year) replaces what is counted. */
export async function retentionCheckpointReached(manager: EntityManager, c: RetentionCheckpointReachedV1): Promise<void> {
  const { fellow, placement } = await placementOf(manager, c);
  const outcome = `outcome${c.year}y` as const;
  const revision = `revision${c.year}y` as const;
  if (placement[revision] >= c.revision) return;
  await manager.update(PlacementState, { placementId: placement.placementId }, { [outcome]: c.outcome, [revision]: c.revision });
  await addToTally(manager, fellow, retentionChange(c.year, placement[outcome], c.outcome));
}

export async function mentorDeparted(manager: EntityManager, d: MentorDepartedV1): Promise<void> {
  const fellow = await fellowOf(manager, d);
  if (await manager.findOneBy(MentorDeparture, { mentorshipId: d.mentorshipId })) return;
  const duringCohort = d.cohortStatus === 'active';
  await manager.insert(MentorDeparture, { mentorshipId: d.mentorshipId, fellowId: d.fellowId, duringCohort });
  if (duringCohort) await addToTally(manager, fellow, { mentorDepartures: 1 });
}
