// The metrics service in-process on MariaDB and the dev Kafka cluster, fed the events of a small network
// (test/network.ts): the endpoints show exactly the numbers worked out by hand, as JSON and CSV, scoped by
// city; a redelivered event changes nothing; a replay from the topics rebuilds identical answers.
import 'reflect-metadata';
import { type AuthSettings, type Role, signToken } from '@crosswalk/auth';
import { type EventHandlers, MESSAGING_MIGRATIONS, MESSAGING_ENTITIES, replayConsumer } from '@crosswalk/messaging';
import { openServiceDatabase } from '@crosswalk/persistence';
import {
  type DevKafkaCluster,
  inboxOutcomeCount,
  type EventWire,
  type RunningApp,
  type ServiceUnderTest,
  TEST_JWT_SECRET,
  type TestDatabase,
  pollUntil,
  startServiceUnderTest,
} from '@crosswalk/testing';
import { logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { METRICS_MIGRATIONS } from '../migrations';
import { METRICS_ENTITIES } from '../src/app.module';
import { METRICS_CONSUMER } from '../src/consumers';
import { TransitionFact } from '../src/leadership/transition-fact.entity';
import { METRICS_SERVICE } from '../src/metrics.definition';
import { EXPECTED_COLOCATIONS, EXPECTED_COMPACTS, EXPECTED_COMPACTS_BY_CITY, EXPECTED_LEADERSHIP, NETWORK, REDELIVERED, c1, c2, k1, k3 } from './network';
import { controllersOf, eventHandlersOf } from './support';

const AUTH: AuthSettings = { secret: TEST_JWT_SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' };
const token = (role: Role, cities?: string[]) => signToken({ subject: `${role}-1`, role, cities }, AUTH);
const ANALYST = token('analyst');
const OPERATOR_C1 = token('city_operator', [c1]);

const PATHS = ['/v1/metrics/leadership', '/v1/metrics/compacts', '/v1/metrics/colocations', ...[k1, k3].map((k) => `/v1/metrics/compacts/${k}`)];

describe('metrics projections', () => {
  let underTest: ServiceUnderTest;
  let cluster: DevKafkaCluster;
  let database: TestDatabase;
  let service: RunningApp;
  let publisher: EventWire;

  const get = (path: string, bearer: string | null = ANALYST): Promise<Response> =>
    fetch(`${service.url}${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  const json = async (path: string, bearer?: string): Promise<unknown> => {
    const response = await get(path, bearer);
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  /** Every endpoint's JSON and CSV answer, for comparing two states of the projection. */
  const everything = async (): Promise<Record<string, string>> => {
    const answers: Record<string, string> = {};
    for (const path of PATHS) {
      answers[path] = JSON.stringify(await json(path));
      answers[`${path}?format=csv`] = await (await get(`${path}?format=csv`)).text();
    }
    return answers;
  };
  const inboxRows = async (): Promise<number> => {
    const rows = await service.app
      .get(DataSource)
      .query<{ n: string | number }[]>('SELECT COUNT(*) AS n FROM messaging_inbox WHERE consumer = ?', [METRICS_CONSUMER.consumer]);
    return Number(rows[0].n);
  };

  /** How many records the service's inbox recognised as already applied (its Prometheus counter). */
  const duplicatesSeen = (): Promise<number> => inboxOutcomeCount(service.url, METRICS_CONSUMER.consumer, 'duplicate');

  beforeAll(async () => {
    underTest = await startServiceUnderTest(METRICS_SERVICE, { database: 'metrics_projections', wire: { clientId: 'metrics-test' } });
    ({ cluster, database, service, wire: publisher } = underTest);
    await publisher.publish(...NETWORK.map((p) => p.envelope));
  });

  afterAll(() => underTest?.stop());

  it('shows the numbers worked out by hand, from the events alone, whatever order they came in', async () => {
    await pollUntil(
      async () => [await json('/v1/metrics/leadership'), await json('/v1/metrics/compacts'), await json('/v1/metrics/colocations')],
      ([leadership, compacts, colocations]) =>
        JSON.stringify(leadership) === JSON.stringify({ items: EXPECTED_LEADERSHIP }) &&
        JSON.stringify(compacts) === JSON.stringify({ items: EXPECTED_COMPACTS_BY_CITY }) &&
        JSON.stringify(colocations) === JSON.stringify({ items: EXPECTED_COLOCATIONS }),
      { timeoutMs: 60_000, description: 'metrics built from the network' },
    );
    // All consumed: nothing is still on its way that could change the numbers after the check above.
    await pollUntil(() => publisher.caughtUp(METRICS_CONSUMER.consumer, METRICS_CONSUMER.topics), Boolean, { description: 'metrics caught up' });
    expect(await json('/v1/metrics/leadership')).toEqual({ items: EXPECTED_LEADERSHIP });
    expect(await json('/v1/metrics/compacts')).toEqual({ items: EXPECTED_COMPACTS_BY_CITY });
    expect(await json('/v1/metrics/colocations')).toEqual({ items: EXPECTED_COLOCATIONS });
    for (const [compactId, expected] of Object.entries(EXPECTED_COMPACTS)) {
      expect(await json(`/v1/metrics/compacts/${compactId}`)).toEqual(expected);
    }
    expect(await json(`/v1/metrics/leadership?cityId=${c2}`)).toEqual({ items: EXPECTED_LEADERSHIP.filter((r) => r.cityId === c2) });
    expect(await json(`/v1/metrics/cities`)).toMatchObject({
      items: [
        { id: c1, name: 'Denver' },
        { id: c2, name: 'Oakland' },
      ],
    });
  });

  it('exports each metric as CSV with a header row', async () => {
    const leadership = await get(`/v1/metrics/leadership?cityId=${c1}&format=csv`);
    expect(leadership.status).toBe(200);
    expect(leadership.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await leadership.text()).toBe(
      [
        'cityId,year,transitions,schoolsWithPrincipal,turnoverRate,chiefTransitions',
        `${c1},2022,1,3,0.3333,0`,
        `${c1},2023,5,6,0.8333,0`,
        `${c1},2024,3,5,0.6,1`,
        '',
      ].join('\r\n'),
    );
    expect(await (await get('/v1/metrics/compacts?format=csv')).text()).toBe(
      ['cityId,compacts,signatories,inPost,inPostShare', `${c1},2,4,3,0.75`, `${c2},1,1,1,1`, ''].join('\r\n'),
    );
    expect(await (await get(`/v1/metrics/compacts/${k3}?format=csv`)).text()).toBe(
      ['compactId,cityId,title,signatories,inPost,inPostShare', `${k3},${c2},"Oakland Compact, ""Year One""",1,1,1`, ''].join('\r\n'),
    );
    const colocations = await get('/v1/metrics/colocations?format=csv');
    expect(colocations.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await colocations.text()).toBe(
      ['cityId,transitionsFaced,recommitted,lapsed,pending,dissolved,survivalShare', `${c1},4,1,1,1,1,0.5`, `${c2},1,1,0,0,0,1`, ''].join('\r\n'),
    );
  });

  it('needs a token, keeps city operators to their cities, and lets analysts read everything', async () => {
    for (const path of PATHS) expect((await get(path, null)).status).toBe(401);
    expect((await get('/v1/metrics/leadership', 'not-a-token')).status).toBe(401);

    // A city operator sees its own cities, with or without the filter, as JSON and CSV.
    expect(await json('/v1/metrics/leadership', OPERATOR_C1)).toEqual({ items: EXPECTED_LEADERSHIP.filter((r) => r.cityId === c1) });
    expect(await json(`/v1/metrics/colocations?cityId=${c1}`, OPERATOR_C1)).toEqual({ items: [EXPECTED_COLOCATIONS[0]] });
    expect(await json('/v1/metrics/compacts', OPERATOR_C1)).toEqual({ items: [EXPECTED_COMPACTS_BY_CITY[0]] });
    expect(await json(`/v1/metrics/compacts/${k1}`, OPERATOR_C1)).toEqual(EXPECTED_COMPACTS[k1]);
    expect(await (await get('/v1/metrics/compacts?format=csv', OPERATOR_C1)).text()).not.toContain(c2);
    // ...and nothing of another city: it answers like an unknown one.
    for (const path of ['/v1/metrics/leadership', '/v1/metrics/compacts', '/v1/metrics/colocations']) {
      const response = await get(`${path}?cityId=${c2}`, OPERATOR_C1);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(await response.json()).toMatchObject({ status: 404, code: 'not_found', title: 'Not found', detail: `City ${c2} not found` });
      expect((await get(`${path}?cityId=${c2}&format=csv`, OPERATOR_C1)).status).toBe(404);
    }
    expect((await get(`/v1/metrics/compacts/${k3}`, OPERATOR_C1)).status).toBe(404);

    expect(await json(`/v1/metrics/colocations?cityId=${c2}`, ANALYST)).toEqual({ items: [EXPECTED_COLOCATIONS[1]] });
    expect(await json('/v1/metrics/compacts', token('network_admin'))).toEqual({ items: EXPECTED_COMPACTS_BY_CITY });

    // Bad input and unknown ids.
    const bad = await get('/v1/metrics/leadership?format=xml');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'format' }] });
    expect((await get('/v1/metrics/colocations?region=west')).status).toBe(400);
    expect((await get('/v1/metrics/compacts/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  describe('security: every route x every caller', () => {
    type Caller = 'none' | 'admin' | 'own' | 'other' | 'analyst';
    const bearers: Record<Caller, string | null> = { none: null, admin: token('network_admin'), own: OPERATOR_C1, other: OPERATOR_C1, analyst: ANALYST };
    /**
     * Each route asked about Denver (c1) by every caller but `other`, which is the Denver operator asking about
     * Oakland (c2); JSON and CSV alike. The cities list takes no cityId: its scope is checked by content below.
     */
    const routes: { name: string; path: (city: 'c1' | 'c2') => string; expected: Record<Caller, number> }[] = [
      ...['leadership', 'compacts', 'colocations'].flatMap((metric) =>
        ['', '&format=csv'].map((csv) => ({
          name: `GET /v1/metrics/${metric}?cityId=${csv}`,
          path: (city: 'c1' | 'c2') => `/v1/metrics/${metric}?cityId=${city === 'c1' ? c1 : c2}${csv}`,
          expected: { none: 401, admin: 200, own: 200, other: 404, analyst: 200 },
        })),
      ),
      ...['', '?format=csv'].map((csv) => ({
        name: `GET /v1/metrics/compacts/:id${csv}`,
        path: (city: 'c1' | 'c2') => `/v1/metrics/compacts/${city === 'c1' ? k1 : k3}${csv}`,
        expected: { none: 401, admin: 200, own: 200, other: 404, analyst: 200 },
      })),
      { name: 'GET /v1/metrics/cities', path: () => '/v1/metrics/cities', expected: { none: 401, admin: 200, own: 200, other: 200, analyst: 200 } },
    ];

    it('gives each caller exactly its status on every route', async () => {
      const seen: string[] = [];
      const wanted: string[] = [];
      for (const route of routes) {
        for (const caller of Object.keys(bearers) as Caller[]) {
          const response = await get(route.path(caller === 'other' ? 'c2' : 'c1'), bearers[caller]);
          seen.push(`${route.name} as ${caller}: ${response.status}`);
          wanted.push(`${route.name} as ${caller}: ${route.expected[caller]}`);
        }
      }
      expect(seen).toEqual(wanted);
    });

    it('lists only the operator own cities, and no metrics route takes a write', async () => {
      expect(await json('/v1/metrics/cities', OPERATOR_C1)).toMatchObject({ items: [{ id: c1 }], nextCursor: null });
      expect(((await json('/v1/metrics/cities', token('network_admin'))) as { items: { id: string }[] }).items.map((c) => c.id)).toEqual([c1, c2]);
      const firstPage = (await json('/v1/metrics/cities?limit=1')) as { items: { id: string }[]; nextCursor: string | null };
      expect(firstPage.items.map((c) => c.id)).toEqual([c1]);
      expect(await json(`/v1/metrics/cities?limit=1&cursor=${firstPage.nextCursor ?? ''}`)).toMatchObject({ items: [{ id: c2 }], nextCursor: null });
      for (const path of ['/v1/metrics/leadership', '/v1/metrics/compacts', '/v1/metrics/colocations', `/v1/metrics/compacts/${k1}`, '/v1/metrics/cities']) {
        const response = await fetch(`${service.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token('network_admin')}` } });
        expect(response.status).toBe(404);
      }
    });
  });

  it('changes nothing when the same events are delivered again', async () => {
    const before = await everything();
    const rows = await inboxRows();
    const duplicates = await duplicatesSeen();
    await publisher.publish(...REDELIVERED.map((p) => p.envelope));
    await pollUntil(duplicatesSeen, (n) => n === duplicates + REDELIVERED.length, { description: 'redeliveries recognised' });
    await pollUntil(() => publisher.caughtUp(METRICS_CONSUMER.consumer, METRICS_CONSUMER.topics), Boolean, { description: 'redeliveries consumed' });
    expect(await inboxRows()).toBe(rows);
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
    try {
      // Damage the projection first: the replay must not depend on what was there.
      await dataSource.getRepository(TransitionFact).delete({ role: 'principal' });
      await dataSource.getRepository(TransitionFact).save({
        transitionId: 'stray',
        holderKind: 'school',
        holderId: 'nowhere',
        cityId: c1,
        role: 'principal',
        outgoingPersonId: null,
        incomingPersonId: 'nobody',
        effectiveDate: '2020-01-01',
        supersedesTransitionId: null,
        recordedAt: new Date('2020-01-01T00:00:00Z'),
      });

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
        group: { sessionTimeout: 6000, rebalanceTimeout: 4000, heartbeatInterval: 500, maxWaitTimeInMs: 250 },
        timeoutMs: 60_000,
      });
      const handled = NETWORK.filter((e) => handlers[e.envelope.type] !== undefined).length;
      expect(result).toMatchObject({ applied: handled, noHandler: NETWORK.length - handled, duplicates: REDELIVERED.length, deadLettered: 0 });
    } finally {
      await dataSource.destroy();
    }

    service = await underTest.restart();
    expect(await everything()).toEqual(live);
    expect(JSON.parse(live['/v1/metrics/leadership'])).toEqual({ items: EXPECTED_LEADERSHIP });
  });
});
