// The fellowships metrics, from `fellowships.programs.v1` (and the directory's cities, for names) only: the
// metrics service in-process on MariaDB and the dev Kafka cluster is told the story of test/fellowships.ts and
// both routes answer exactly the numbers worked out by hand, as JSON and CSV, scoped by city. Redelivered
// records, a stale retention revision and a stage already passed change nothing, a record that fails
// validation is dead-lettered, and a replay into emptied (and deliberately damaged) tables gives identical answers.
import 'reflect-metadata';
import { type AuthSettings, type Role, signToken } from '@crosswalk/auth';
import { deadLetterTopicOf } from '@crosswalk/contracts';
import { type EventHandlers, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, replayConsumer, silentLogger } from '@crosswalk/messaging';
import { openServiceDatabase } from '@crosswalk/persistence';
import {
  DevKafkaCluster,
  type EventWire,
  type RunningApp,
  TEST_JWT_SECRET,
  type TestDatabase,
  connectEventWire,
  createTestDatabase,
  inboxOutcomeCount,
  pollUntil,
  startServiceApp,
} from '@crosswalk/testing';
import { logLevel } from 'kafkajs';
import { METRICS_MIGRATIONS } from '../migrations';
import { METRICS_ENTITIES } from '../src/app.module';
import { METRICS_CONSUMER } from '../src/consumers';
import { FellowState } from '../src/fellowships/fellow-state.entity';
import { FellowshipTally } from '../src/fellowships/fellowship-tally.entity';
import { PlacementState } from '../src/fellowships/placement-state.entity';
import { METRICS_SERVICE } from '../src/metrics.definition';
import {
  BY_COHORT,
  BY_PROGRAM,
  FLOWS,
  INVALID,
  K1,
  K3,
  OAKLAND_BY_SECTOR,
  P1,
  P2,
  P3,
  REDELIVERED,
  STALE_REVISION,
  STALE_STAGE,
  STORY,
  c1,
  c2,
} from './fellowships';
import { controllersOf, eventHandlersOf } from './support';
import { reportReader } from './reports';

const AUTH: AuthSettings = { secret: TEST_JWT_SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' };
const token = (role: Role, cities?: string[]) => signToken({ subject: `${role}-1`, role, cities }, AUTH);
const ANALYST = token('analyst');
const OPERATOR_C2 = token('city_operator', [c2]);
const ROUTE = '/v1/metrics/fellowships';
const FLOWS_ROUTE = '/v1/metrics/fellowships/flows';
const DEAD_LETTERS = deadLetterTopicOf('fellowships.programs.v1');

/** Every view, for comparing two states. */
const PATHS = [
  ROUTE,
  `${ROUTE}?by=cohort`,
  `${ROUTE}?by=sector`,
  `${ROUTE}?cityId=${c2}&by=sector`,
  `${ROUTE}?programId=${P1.programId}`,
  `${ROUTE}?cohortId=${K1.cohortId}`,
  FLOWS_ROUTE,
  `${FLOWS_ROUTE}?by=cohort`,
  `${FLOWS_ROUTE}?cohortId=${K1.cohortId}`,
];

describe('fellowships metrics', () => {
  let cluster: DevKafkaCluster;
  let database: TestDatabase;
  let service: RunningApp;
  let publisher: EventWire;

  const env = (): Record<string, string> => ({
    DATABASE_URL: database.url,
    KAFKA_BROKERS: cluster.bootstrapServers.join(','),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
  });
  const { get, json, csv, everything: answersOf } = reportReader(() => service.url, ANALYST);
  const everything = () => answersOf(PATHS);
  const caughtUp = () => pollUntil(() => publisher.caughtUp(METRICS_CONSUMER.consumer, METRICS_CONSUMER.topics), Boolean, { description: 'metrics caught up' });
  const outcomes = (outcome: 'duplicate' | 'dead-lettered' | 'applied' | 'no-handler'): Promise<number> =>
    inboxOutcomeCount(service.url, METRICS_CONSUMER.consumer, outcome);
  const handled = async (): Promise<number> => (await outcomes('applied')) + (await outcomes('no-handler'));

  beforeAll(async () => {
    cluster = await DevKafkaCluster.start({ brokers: 1 });
    database = await createTestDatabase('metrics_fellowships');
    service = await startServiceApp(METRICS_SERVICE, env());
    publisher = await connectEventWire(cluster.bootstrapServers, { clientId: 'metrics-fellowships-test', read: [DEAD_LETTERS] });
    await publisher.publish(...STORY.map((p) => p.envelope));
    await pollUntil(handled, (n) => n === STORY.length, { timeoutMs: 60_000, description: 'the story applied' });
    await caughtUp();
  });

  afterAll(async () => {
    await publisher?.close();
    await service?.close();
    await database?.drop();
    await cluster?.stop();
  });

  it('counts enrolment, completion, placement, retention and mentor departures per program and city', async () => {
    expect(await json(ROUTE)).toEqual({ items: BY_PROGRAM });
    expect(await json(`${ROUTE}?programId=${P1.programId}`)).toEqual({ items: [BY_PROGRAM[0]] });
    // A program serving two cities counts its fellows in each.
    expect(await json(`${ROUTE}?programId=${P3.programId}`)).toEqual({ items: [BY_PROGRAM[1], BY_PROGRAM[3]] });
    expect(await json(`${ROUTE}?cityId=${c2}`)).toEqual({ items: [BY_PROGRAM[2], BY_PROGRAM[3]] });
  });

  it('gives the same per cohort (a cohort with nobody yet included) and per origin sector', async () => {
    expect(await json(`${ROUTE}?by=cohort`)).toEqual({ items: BY_COHORT });
    expect(await json(`${ROUTE}?cohortId=${K1.cohortId}`)).toEqual({ items: [BY_COHORT[0]] });
    expect(await json(`${ROUTE}?cohortId=${K3.cohortId}`)).toEqual({ items: [BY_COHORT[3]] });
    expect(await json(`${ROUTE}?cityId=${c2}&by=sector`)).toEqual({ items: OAKLAND_BY_SECTOR });
    // One cohort by sector: its rows carry the cohort.
    expect(await json(`${ROUTE}?cohortId=${K1.cohortId}&by=sector`)).toEqual({
      items: [{ ...BY_COHORT[0], originSector: 'charter' }],
    });
    // A cohort of another program than the one named: nothing is both.
    expect(await json(`${ROUTE}?cohortId=${K1.cohortId}&programId=${P2.programId}`)).toEqual({ items: [] });
  });

  it('crosses the fellows’ origin sector with the placement sector', async () => {
    expect(await json(FLOWS_ROUTE)).toEqual({ items: FLOWS });
    expect(await json(`${FLOWS_ROUTE}?cityId=${c1}`)).toEqual({ items: [FLOWS[0]] });
    expect(await json(`${FLOWS_ROUTE}?by=cohort&cityId=${c1}`)).toEqual({ items: [{ ...FLOWS[0], cohortId: K1.cohortId, cohortName: K1.name }] });
    expect(await json(`${FLOWS_ROUTE}?programId=${P3.programId}`)).toEqual({ items: [] });
  });

  it('exports both routes as CSV with a header row', async () => {
    const header =
      'applied,enrolled,withdrawn,notCompleted,completed,completionRate,placed,placedConfirmed,placementRate,placements,confirmedPlacements,' +
      'retained1y,left1y,unknown1y,retained2y,left2y,unknown2y,retained3y,left3y,unknown3y,mentorDepartures';
    expect(await csv(`${ROUTE}?format=csv`)).toBe(
      [
        `programId,programName,programKind,cityId,cityName,${header}`,
        `${P1.programId},Principal residency,principal_residency,${c1},Denver,6,6,1,1,4,0.6667,3,2,0.75,3,2,2,1,0,0,0,3,0,0,3,1`,
        `${P3.programId},Leadership fellowship,leadership_fellowship,${c1},Denver,1,0,0,0,0,,0,0,,0,0,0,0,0,0,0,0,0,0,0,0`,
        `${P2.programId},Teacher residency,teacher_residency,${c2},Oakland,2,2,0,0,1,0.5,1,1,1,1,1,1,0,0,0,0,1,0,0,1,0`,
        `${P3.programId},Leadership fellowship,leadership_fellowship,${c2},Oakland,1,0,0,0,0,,0,0,,0,0,0,0,0,0,0,0,0,0,0,0`,
        '',
      ].join('\r\n'),
    );
    expect(await csv(`${ROUTE}?cohortId=${K1.cohortId}&format=csv`)).toBe(
      [
        `programId,programName,programKind,cohortId,cohortName,cityId,cityName,${header}`,
        `${P1.programId},Principal residency,principal_residency,${K1.cohortId},2026-27,${c1},Denver,6,6,1,1,4,0.6667,3,2,0.75,3,2,2,1,0,0,0,3,0,0,3,1`,
        '',
      ].join('\r\n'),
    );
    expect(await csv(`${ROUTE}?cityId=${c2}&by=sector&format=csv`)).toBe(
      [
        `programId,programName,programKind,originSector,cityId,cityName,${header}`,
        `${P2.programId},Teacher residency,teacher_residency,district,${c2},Oakland,1,1,0,0,1,1,1,1,1,1,1,1,0,0,0,0,1,0,0,1,0`,
        `${P2.programId},Teacher residency,teacher_residency,none,${c2},Oakland,1,1,0,0,0,0,0,0,,0,0,0,0,0,0,0,0,0,0,0,0`,
        `${P3.programId},Leadership fellowship,leadership_fellowship,catholic,${c2},Oakland,1,0,0,0,0,,0,0,,0,0,0,0,0,0,0,0,0,0,0,0`,
        '',
      ].join('\r\n'),
    );
    expect(await csv(`${FLOWS_ROUTE}?format=csv`)).toBe(
      [
        'programId,programName,cityId,cityName,originSector,placementSector,placements,confirmedPlacements',
        `${P1.programId},Principal residency,${c1},Denver,charter,district,3,2`,
        `${P2.programId},Teacher residency,${c2},Oakland,district,charter,1,1`,
        '',
      ].join('\r\n'),
    );
    expect(await csv(`${FLOWS_ROUTE}?cohortId=${K1.cohortId}&format=csv`)).toBe(
      [
        'programId,programName,cohortId,cohortName,cityId,cityName,originSector,placementSector,placements,confirmedPlacements',
        `${P1.programId},Principal residency,${K1.cohortId},2026-27,${c1},Denver,charter,district,3,2`,
        '',
      ].join('\r\n'),
    );
  });

  it('keeps city operators to their cities, refuses bad input, needs a token, and is in the OpenAPI document', async () => {
    for (const route of [ROUTE, FLOWS_ROUTE]) {
      expect((await get(route, null)).status).toBe(401);
      // Another city, or a program or cohort serving none of the operator's cities, answers like an unknown one.
      for (const filter of [`cityId=${c1}`, `programId=${P1.programId}`, `cohortId=${K1.cohortId}`, 'programId=nope', 'cohortId=nope']) {
        for (const suffix of ['', '&format=csv']) expect((await get(`${route}?${filter}${suffix}`, OPERATOR_C2)).status).toBe(404);
      }
      expect(await csv(`${route}?format=csv`, OPERATOR_C2)).not.toContain(c1);
    }
    expect(await json(ROUTE, OPERATOR_C2)).toEqual({ items: [BY_PROGRAM[2], BY_PROGRAM[3]] });
    // The program serving both cities: the operator sees its own city's row only.
    expect(await json(`${ROUTE}?programId=${P3.programId}`, OPERATOR_C2)).toEqual({ items: [BY_PROGRAM[3]] });
    expect(await json(FLOWS_ROUTE, OPERATOR_C2)).toEqual({ items: [FLOWS[1]] });
    const unknown = await get(`${ROUTE}?programId=nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'not_found', detail: 'Program nope not found' });

    const invalid = async (path: string, fields: string[]) => {
      const response = await get(path);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { code: string; errors: { field: string }[] };
      expect(body.code).toBe('validation_failed');
      expect(body.errors.map((e) => e.field).sort()).toEqual(fields);
    };
    await invalid(`${ROUTE}?by=city`, ['by']);
    await invalid(`${FLOWS_ROUTE}?by=sector&format=xlsx`, ['by', 'format']);
    await invalid(`${ROUTE}?from=2026-01-01`, ['from']);

    const document = (await (await fetch(`${service.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining([ROUTE, FLOWS_ROUTE]));
  });

  it('changes nothing when records are delivered again, a retention revision is outdated or a stage already passed', async () => {
    const before = await everything();
    const duplicates = await outcomes('duplicate');
    const applied = await outcomes('applied');
    await publisher.publish(...REDELIVERED.map((p) => p.envelope), STALE_REVISION.envelope, STALE_STAGE.envelope);
    await pollUntil(
      () => outcomes('duplicate'),
      (n) => n === duplicates + REDELIVERED.length,
      { description: 'redeliveries recognised' },
    );
    // The stale records are new records: applied, and outweighed by what is already counted.
    await pollUntil(
      () => outcomes('applied'),
      (n) => n === applied + 2,
      { description: 'the stale records applied' },
    );
    await caughtUp();
    expect(await everything()).toEqual(before);
  });

  it('dead-letters a record that fails validation, and counts nothing of it', async () => {
    const before = await everything();
    const deadLettered = await outcomes('dead-lettered');
    await publisher.publish(INVALID.envelope);
    await pollUntil(
      () => outcomes('dead-lettered'),
      (n) => n === deadLettered + 1,
      { timeoutMs: 30_000, description: 'the invalid record dead-lettered' },
    );
    await pollUntil(
      async () => publisher.published.map((e) => e.id),
      (ids) => ids.includes(INVALID.envelope.id),
      { description: 'the invalid record on the dead-letter topic' },
    );
    await caughtUp();
    expect(await everything()).toEqual(before);
  });

  it('rebuilds identical answers by replaying the topics into emptied tables', async () => {
    const live = await everything();
    const handlers: EventHandlers = eventHandlersOf(controllersOf(service.app));
    // The live consumer must not interleave with the replay.
    await service.close();

    const dataSource = await openServiceDatabase({
      service: 'metrics',
      databaseUrl: database.url,
      entities: [...MESSAGING_ENTITIES, ...METRICS_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, ...METRICS_MIGRATIONS],
    });
    const deadLetters: unknown[] = [];
    try {
      // Damage the projection first: the replay must not depend on what was there.
      await dataSource.getRepository(FellowshipTally).update({ programId: P1.programId }, { completed: 99, retained1y: 0 });
      await dataSource.getRepository(FellowState).update({ programId: P2.programId }, { stage: 'withdrawn' });
      await dataSource.getRepository(PlacementState).update({ placementSector: 'district' }, { revision1y: 9 });

      const result = await replayConsumer({
        consumer: METRICS_CONSUMER.consumer,
        topics: METRICS_CONSUMER.topics,
        dataSource,
        brokers: cluster.bootstrapServers,
        handlers,
        reset: async (manager) => {
          // DELETE, not TRUNCATE: TRUNCATE commits implicitly on MySQL and would split the reset from the inbox cleanup.
          for (const table of METRICS_CONSUMER.projection) await manager.createQueryBuilder().delete().from(table).execute();
        },
        kafka: { logLevel: logLevel.NOTHING },
        logger: { ...silentLogger, error: (fields) => deadLetters.push((fields as { type?: unknown }).type) },
        group: { sessionTimeout: 6000, rebalanceTimeout: 4000, heartbeatInterval: 500, maxWaitTimeInMs: 250 },
        timeoutMs: 120_000,
      });
      expect(result).toMatchObject({ duplicates: REDELIVERED.length, deadLettered: 1 });
      expect(result.applied + result.noHandler).toBe(STORY.length + 2);
    } finally {
      await dataSource.destroy();
    }

    service = await startServiceApp(METRICS_SERVICE, env());
    expect(await everything()).toEqual(live);
    expect(await json(ROUTE)).toEqual({ items: BY_PROGRAM });
  });
});
