// The professional-development metrics, from `events.programs.v1` (and the directory's schools) only: the
// metrics service in-process on MariaDB and the dev Kafka cluster is told a small story (test/programs.ts) and
// every route answers exactly the numbers worked out by hand, as JSON and CSV, scoped by city. Redelivered
// and re-sent records change nothing, a record of an unknown event is dead-lettered, and a replay into
// emptied (and deliberately damaged) tables gives identical answers.
import 'reflect-metadata';
import { type AuthSettings, type Role, signToken } from '@crosswalk/auth';
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
import { METRICS_SERVICE } from '../src/metrics.definition';
import { FirstAttendance } from '../src/programs/first-attendance.entity';
import { Participation } from '../src/programs/participation.entity';
import { ProgramEvent } from '../src/programs/program-event.entity';
import {
  BUSY_CITY_STORY,
  CROSS_SECTOR_ALL_TIME,
  CROSS_SECTOR_SPRING,
  EV2,
  EV5,
  NETWORK_ALL_TIME,
  NETWORK_SPRING,
  ORPHAN,
  REACH_ALL_TIME,
  REACH_FEBRUARY_DENVER,
  REACH_SPRING,
  REDELIVERED,
  S1,
  S2,
  SATURDAYS,
  SATISFACTION_ALL_TIME,
  SATISFACTION_BY_EVENT_DENVER,
  SATISFACTION_S1,
  SATISFACTION_SPRING,
  SERIES,
  SPRING,
  STALE_REVISION,
  STORY,
  c1,
  c2,
  c3,
} from './programs';
import { controllersOf, eventHandlersOf } from './support';
import { reportReader } from './reports';

const AUTH: AuthSettings = { secret: TEST_JWT_SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' };
const token = (role: Role, cities?: string[]) => signToken({ subject: `${role}-1`, role, cities }, AUTH);
const ANALYST = token('analyst');
const OPERATOR_C1 = token('city_operator', [c1]);
const SPRING_QUERY = `from=${SPRING.from}&to=${SPRING.to}`;

/** Every route, for all time and for the spring, with and without a city, per event and series: for comparing two states. */
const PATHS = [
  ...['network', 'satisfaction', 'reach', 'cross-sector'].flatMap((route) => [
    `/v1/metrics/${route}`,
    `/v1/metrics/${route}?${SPRING_QUERY}`,
    `/v1/metrics/${route}?cityId=${c1}&from=2025-02-01&to=2025-02-28`,
  ]),
  `/v1/metrics/satisfaction?by=event&cityId=${c1}&${SPRING_QUERY}`,
  '/v1/metrics/satisfaction?by=series',
  `/v1/metrics/satisfaction?eventId=${EV2}`,
  `/v1/metrics/satisfaction?seriesId=${S1}`,
  '/v1/metrics/series',
];

describe('professional-development metrics', () => {
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
  const outcomes = (outcome: 'duplicate' | 'dead-lettered' | 'applied'): Promise<number> => inboxOutcomeCount(service.url, METRICS_CONSUMER.consumer, outcome);

  beforeAll(async () => {
    cluster = await DevKafkaCluster.start({ brokers: 1 });
    database = await createTestDatabase('metrics_programs');
    service = await startServiceApp(METRICS_SERVICE, env());
    publisher = await connectEventWire(cluster.bootstrapServers, { clientId: 'metrics-programs-test' });
    await publisher.publish(...STORY.map((p) => p.envelope));
    await pollUntil(
      () => outcomes('applied'),
      (n) => n === STORY.length,
      { timeoutMs: 60_000, description: 'the story applied' },
    );
    await caughtUp();
  });

  afterAll(async () => {
    await publisher?.close();
    await service?.close();
    await database?.drop();
    await cluster?.stop();
  });

  it('counts events, sessions, registrations, attendances and distinct people, schools and leaders per city', async () => {
    expect(await json(`/v1/metrics/network?${SPRING_QUERY}`)).toEqual(NETWORK_SPRING);
    expect(await json('/v1/metrics/network')).toEqual(NETWORK_ALL_TIME);
    expect(await json(`/v1/metrics/network?cityId=${c2}&${SPRING_QUERY}`)).toEqual({
      items: [NETWORK_SPRING.items[1]],
      totals: { ...NETWORK_SPRING.totals, ...oneCity(NETWORK_SPRING.items[1]) },
    });
    // Only S2's sessions, not held yet, fall in September: the city is listed with nothing held.
    expect(await json(`/v1/metrics/network?from=2025-09-01&to=2025-09-30`)).toEqual({
      items: [{ cityId: c2, cityName: 'Oakland', events: 0, sessions: 0, registrations: 0, attendances: 0, participants: 0, schools: 0, schoolLeaders: 0 }],
      totals: { cities: 0, events: 0, sessions: 0, registrations: 0, attendances: 0, participants: 0, schools: 0, schoolLeaders: 0 },
    });
  });

  it('gives satisfaction per city, per held event, per series, and for one event or series', async () => {
    expect(await json(`/v1/metrics/satisfaction?${SPRING_QUERY}`)).toEqual({ items: SATISFACTION_SPRING });
    expect(await json('/v1/metrics/satisfaction')).toEqual({ items: SATISFACTION_ALL_TIME });
    expect(await json(`/v1/metrics/satisfaction?by=event&cityId=${c1}&${SPRING_QUERY}`)).toEqual({ items: SATISFACTION_BY_EVENT_DENVER });
    expect(await json(`/v1/metrics/satisfaction?eventId=${EV2}`)).toEqual({ items: [SATISFACTION_BY_EVENT_DENVER[0]] });
    expect(await json(`/v1/metrics/satisfaction?seriesId=${S1}`)).toEqual({ items: [SATISFACTION_S1] });
    // Per series: S2 has sessions but nothing held yet.
    expect(await json('/v1/metrics/satisfaction?by=series')).toEqual({
      items: [
        SATISFACTION_S1,
        {
          cityId: c2,
          cityName: 'Oakland',
          seriesId: S2,
          title: 'Math circle',
          attendances: 0,
          responses: 0,
          responseRate: null,
          meanUsefulness: null,
          nps: null,
        },
      ],
    });
    // The sessions of one series, each.
    expect(await json(`/v1/metrics/satisfaction?seriesId=${S1}&by=event`)).toEqual({
      items: SATISFACTION_BY_EVENT_DENVER.filter((row) => row.seriesId === S1),
    });
  });

  it('tells new from repeat participants and schools, the concentration, and the schools never reached', async () => {
    expect(await json(`/v1/metrics/reach?${SPRING_QUERY}`)).toEqual({ items: REACH_SPRING });
    expect(await json('/v1/metrics/reach')).toEqual({ items: REACH_ALL_TIME });
  });

  it('counts what a rescheduled event gathered on its new day', async () => {
    // ev3 had one check-in on 2025-02-20 before it moved to April: February has nothing left.
    expect(await json(`/v1/metrics/reach?cityId=${c1}&from=2025-02-01&to=2025-02-28`)).toEqual({ items: [REACH_FEBRUARY_DENVER] });
    expect(await json(`/v1/metrics/network?cityId=${c1}&from=2025-02-01&to=2025-02-28`)).toEqual({
      items: [],
      totals: { cities: 0, events: 0, sessions: 0, registrations: 0, attendances: 0, participants: 0, schools: 0, schoolLeaders: 0 },
    });
    expect(await json(`/v1/metrics/network?cityId=${c1}&from=2025-04-12&to=2025-04-12`)).toMatchObject({
      items: [{ events: 1, sessions: 1, registrations: 2, attendances: 2, participants: 2, schools: 2, schoolLeaders: 1 }],
    });
  });

  it('crosses attendee sector with host sector in both directions', async () => {
    expect(await json(`/v1/metrics/cross-sector?${SPRING_QUERY}`)).toEqual({ items: CROSS_SECTOR_SPRING });
    expect(await json('/v1/metrics/cross-sector')).toEqual({ items: CROSS_SECTOR_ALL_TIME });
  });

  it('reports completion and credit per series', async () => {
    expect(await json('/v1/metrics/series')).toEqual({ items: SERIES });
    expect(await json(`/v1/metrics/series?cityId=${c2}`)).toEqual({ items: [SERIES[1]] });
  });

  it('exports every route as CSV with a header row', async () => {
    expect(await csv(`/v1/metrics/network?${SPRING_QUERY}&format=csv`)).toBe(
      [
        'cityId,cityName,events,sessions,registrations,attendances,participants,schools,schoolLeaders',
        `${c1},Denver,3,5,16,12,7,4,2`,
        `${c2},Oakland,1,1,4,3,3,2,2`,
        '',
      ].join('\r\n'),
    );
    expect(await csv(`/v1/metrics/satisfaction?${SPRING_QUERY}&format=csv`)).toBe(
      [
        'cityId,cityName,attendances,responses,responseRate,meanUsefulness,nps',
        `${c1},Denver,12,3,0.25,3.6667,33.33`,
        `${c2},Oakland,3,2,0.6667,4.5,-50`,
        '',
      ].join('\r\n'),
    );
    expect(await csv(`/v1/metrics/satisfaction?eventId=${EV5}&format=csv`)).toBe(
      [
        'eventId,seriesId,title,startsOn,cityId,cityName,attendances,responses,responseRate,meanUsefulness,nps',
        `${EV5},,Math talks,2025-06-07,${c2},Oakland,3,2,0.6667,4.5,-50`,
        '',
      ].join('\r\n'),
    );
    expect(await csv(`/v1/metrics/satisfaction?seriesId=${S1}&format=csv`)).toBe(
      ['seriesId,title,cityId,cityName,attendances,responses,responseRate,meanUsefulness,nps', `${S1},Literacy series,${c1},Denver,6,1,0.1667,5,100`, ''].join(
        '\r\n',
      ),
    );
    expect(await csv(`/v1/metrics/reach?${SPRING_QUERY}&format=csv`)).toBe(
      [
        'cityId,cityName,participants,newParticipants,repeatParticipants,schools,newSchools,repeatSchools,schoolAttendances,topSchools,topSchoolsShare,schoolsInCity,neverReached',
        `${c1},Denver,7,5,2,4,2,2,9,1,0.4444,5,1`,
        `${c2},Oakland,3,3,0,2,2,0,2,1,0.5,2,1`,
        '',
      ].join('\r\n'),
    );
    expect(await csv(`/v1/metrics/cross-sector?cityId=${c2}&${SPRING_QUERY}&format=csv`)).toBe(
      ['cityId,cityName,attendeeSector,hostSector,attendances', `${c2},Oakland,charter,charter,1`, `${c2},Oakland,district,charter,2`, ''].join('\r\n'),
    );
    expect(await csv('/v1/metrics/series?format=csv')).toBe(
      [
        'seriesId,cityId,cityName,title,sessions,requiredSessions,status,participants,completed,completionRate,creditHours',
        `${S1},${c1},Denver,Literacy series,3,2,completed,3,2,0.6667,18`,
        `${S2},${c2},Oakland,Math circle,2,2,scheduled,,,,`,
        '',
      ].join('\r\n'),
    );
  });

  it('keeps city operators to their cities, refuses bad input, and needs a token', async () => {
    const ROUTES = ['network', 'satisfaction', 'reach', 'cross-sector', 'series'];
    for (const route of ROUTES) {
      expect((await get(`/v1/metrics/${route}`, null)).status).toBe(401);
      // A city operator sees its own city only, with or without the filter, as JSON and CSV...
      const own = (await json(`/v1/metrics/${route}`, OPERATOR_C1)) as { items: { cityId: string }[] };
      expect(own.items.length).toBeGreaterThan(0);
      expect(own.items.every((item) => item.cityId === c1)).toBe(true);
      expect(await csv(`/v1/metrics/${route}?format=csv`, OPERATOR_C1)).not.toContain(c2);
      // ...and another city answers like an unknown one.
      for (const suffix of ['', '&format=csv']) {
        const other = await get(`/v1/metrics/${route}?cityId=${c2}${suffix}`, OPERATOR_C1);
        expect(other.status).toBe(404);
      }
    }
    expect(await json('/v1/metrics/network', OPERATOR_C1)).toEqual({
      items: [NETWORK_ALL_TIME.items[0]],
      totals: { ...NETWORK_ALL_TIME.totals, ...oneCity(NETWORK_ALL_TIME.items[0]) },
    });
    // An event or series of another city, or an unknown one, is 404 too.
    for (const path of [`/v1/metrics/satisfaction?eventId=${EV5}`, `/v1/metrics/satisfaction?seriesId=${S2}`]) {
      expect((await get(path, OPERATOR_C1)).status).toBe(404);
      expect((await get(path, token('network_admin'))).status).toBe(200);
    }
    const unknown = await get('/v1/metrics/satisfaction?eventId=00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'not_found', detail: 'Event 00000000-0000-4000-8000-000000000000 not found' });
    expect((await get('/v1/metrics/satisfaction?seriesId=nope')).status).toBe(404);

    // Bad input: each named.
    const invalid = async (path: string, fields: string[]) => {
      const response = await get(path);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { code: string; errors: { field: string }[] };
      expect(body.code).toBe('validation_failed');
      expect(body.errors.map((e) => e.field).sort()).toEqual(fields);
    };
    await invalid('/v1/metrics/network?from=2025-07-01&to=2025-06-30', ['to']);
    await invalid('/v1/metrics/reach?from=2025-02-30', ['from']);
    await invalid('/v1/metrics/cross-sector?from=March&to=2025-13-01', ['from', 'to']);
    await invalid('/v1/metrics/satisfaction?by=school', ['by']);
    await invalid('/v1/metrics/series?format=xlsx', ['format']);
    await invalid('/v1/metrics/series?from=2025-01-01', ['from']);
  });

  it("keeps first attendances exact when several partitions apply one person's attendances at once", async () => {
    const applied = await outcomes('applied');
    const deadLettered = await outcomes('dead-lettered');
    await publisher.publish(...BUSY_CITY_STORY.map((p) => p.envelope));
    await pollUntil(
      () => outcomes('applied'),
      (n) => n === applied + BUSY_CITY_STORY.length,
      { timeoutMs: 90_000, description: 'the busy city applied' },
    );
    await caughtUp();
    expect(await outcomes('dead-lettered')).toBe(deadLettered);

    expect(await json(`/v1/metrics/network?cityId=${c3}`)).toEqual({
      items: [{ cityId: c3, cityName: 'Boise', events: 24, sessions: 24, registrations: 192, attendances: 184, participants: 8, schools: 1, schoolLeaders: 1 }],
      totals: { cities: 1, events: 24, sessions: 24, registrations: 192, attendances: 184, participants: 8, schools: 1, schoolLeaders: 1 },
    });
    const reach = async (from?: string, to?: string) =>
      ((await json(`/v1/metrics/reach?cityId=${c3}${from ? `&from=${from}&to=${to ?? from}` : ''}`)) as { items: Record<string, unknown>[] }).items[0];
    const everyone = { participants: 8, schools: 1, schoolsInCity: 1, neverReached: 0, topSchools: 1, topSchoolsShare: 1 };
    expect(await reach()).toMatchObject({ ...everyone, newParticipants: 8, newSchools: 1, schoolAttendances: 184 });
    // The first Saturday was corrected away: nobody came then, and everyone's first attendance is the second.
    expect(await reach(SATURDAYS[0])).toMatchObject({ participants: 0, schools: 0, schoolAttendances: 0, neverReached: 1 });
    expect(await reach(SATURDAYS[1])).toMatchObject({ ...everyone, newParticipants: 8, repeatParticipants: 0, newSchools: 1, schoolAttendances: 8 });
    expect(await reach(SATURDAYS[2], SATURDAYS[23])).toMatchObject({
      ...everyone,
      newParticipants: 0,
      repeatParticipants: 8,
      repeatSchools: 1,
      schoolAttendances: 176,
    });
  });

  it('changes nothing when records are delivered again, or an older survey revision is sent anew', async () => {
    const before = await everything();
    const duplicates = await outcomes('duplicate');
    const applied = await outcomes('applied');
    await publisher.publish(...REDELIVERED.map((p) => p.envelope), STALE_REVISION.envelope);
    await pollUntil(
      () => outcomes('duplicate'),
      (n) => n === duplicates + REDELIVERED.length,
      { description: 'redeliveries recognised' },
    );
    // The stale revision is a new record: applied, and outweighed by the revision already counted.
    await pollUntil(
      () => outcomes('applied'),
      (n) => n === applied + 1,
      { description: 'the stale revision applied' },
    );
    await caughtUp();
    expect(await everything()).toEqual(before);
  });

  it('dead-letters a record of an event that was never scheduled, and counts nothing of it', async () => {
    const before = await everything();
    const deadLettered = await outcomes('dead-lettered');
    await publisher.publish(ORPHAN.envelope);
    await pollUntil(
      () => outcomes('dead-lettered'),
      (n) => n === deadLettered + 1,
      { timeoutMs: 30_000, description: 'the orphan dead-lettered' },
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
      await dataSource.getRepository(Participation).delete({ startsOn: '2025-03-08' });
      await dataSource.getRepository(FirstAttendance).update({ subjectKind: 'person' }, { firstOn: '2020-01-01' });
      await dataSource.getRepository(ProgramEvent).update({ eventId: EV2 }, { attendances: 99, startsOn: '2020-01-01' });

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
      expect(result).toMatchObject({ applied: STORY.length + BUSY_CITY_STORY.length + 1, duplicates: REDELIVERED.length, noHandler: 0, deadLettered: 1 });
      // The orphan is counted (it is in the dead-letter topic from the live run), not applied.
      expect(deadLetters).toEqual([ORPHAN.envelope.type]);
    } finally {
      await dataSource.destroy();
    }

    service = await startServiceApp(METRICS_SERVICE, env());
    expect(await everything()).toEqual(live);
    const { items } = (await json(`/v1/metrics/network?${SPRING_QUERY}`)) as typeof NETWORK_SPRING;
    expect(items.filter((item) => item.cityId !== c3)).toEqual(NETWORK_SPRING.items);
  });
});

/** The totals of a report that lists one city: that city's figures, in a city count of one. */
function oneCity(item: { sessions: number } & Record<string, unknown>): Record<string, unknown> {
  const { cityId: _cityId, cityName: _cityName, ...figures } = item;
  return { ...figures, cities: item.sessions > 0 ? 1 : 0 };
}
