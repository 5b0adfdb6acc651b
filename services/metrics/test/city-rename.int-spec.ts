// A city renamed in the directory is renamed in the metrics: `schools.city.updated` through the dev Kafka cluster
// into the metrics service in-process on MariaDB. The city keeps the day it joined (from its creation, never
// "now"), renames apply in order, a redelivered rename changes nothing, and a replay rebuilds the same city.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type AuthSettings, signToken } from '@crosswalk/auth';
import { CityCreated, CityUpdated, LeadershipTransitioned } from '@crosswalk/contracts';
import { collectEventHandlers, replayConsumer } from '@crosswalk/messaging';
import {
  type DevKafkaCluster,
  inboxOutcomeCount,
  type EventWire,
  type RunningApp,
  type ServiceUnderTest,
  TEST_JWT_SECRET,
  pollUntil,
  startServiceUnderTest,
} from '@crosswalk/testing';
import { logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { METRICS_CONSUMER } from '../src/consumers';
import { METRICS_SERVICE } from '../src/metrics.definition';
import { event } from './network';

const AUTH: AuthSettings = { secret: TEST_JWT_SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' };
const ANALYST = signToken({ subject: 'analyst-1', role: 'analyst' }, AUTH);

const city = randomUUID();
const school = randomUUID();
const created = event(CityCreated, city, city, { cityId: city, name: 'Denver', state: 'CO' }, '2022-01-03T09:00:00Z');
const appointment = event(
  LeadershipTransitioned,
  school,
  city,
  {
    transitionId: randomUUID(),
    holderKind: 'school',
    holderId: school,
    cityId: city,
    role: 'principal',
    outgoingPersonId: null,
    incomingPersonId: 'person-ana',
    effectiveDate: '2023-07-01',
    reason: null,
    endedTenureId: null,
    startedTenureId: null,
    supersedesTransitionId: null,
  },
  '2023-06-20T10:00:00Z',
);
const renamed = event(CityUpdated, city, city, { cityId: city, name: 'Denver Metro', state: 'CO' }, '2024-05-01T12:00:00Z');
const renamedAgain = event(CityUpdated, city, city, { cityId: city, name: 'Greater Denver', state: 'CO' }, '2025-02-01T12:00:00Z');

interface CityPage {
  items: { id: string; name: string; state: string; joinedAt: string }[];
  nextCursor: string | null;
}

describe('a renamed city', () => {
  let underTest: ServiceUnderTest;
  let cluster: DevKafkaCluster;
  let service: RunningApp;
  let publisher: EventWire;

  const get = async (path: string): Promise<string> => {
    const response = await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${ANALYST}` } });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.text();
  };
  const cities = async (): Promise<CityPage> => JSON.parse(await get('/v1/metrics/cities')) as CityPage;
  const named = (name: string) => pollUntil(cities, (page) => page.items[0]?.name === name, { timeoutMs: 30_000, description: `the city named ${name}` });
  const caughtUp = () => pollUntil(() => publisher.caughtUp(METRICS_CONSUMER.consumer, METRICS_CONSUMER.topics), Boolean, { description: 'metrics caught up' });
  const duplicatesSeen = (): Promise<number> => inboxOutcomeCount(service.url, METRICS_CONSUMER.consumer, 'duplicate');

  beforeAll(async () => {
    underTest = await startServiceUnderTest(METRICS_SERVICE, { database: 'metrics_city_rename', wire: { clientId: 'metrics-test' } });
    ({ cluster, service, wire: publisher } = underTest);
  });

  afterAll(() => underTest?.stop());

  it('shows the new name and state, keeping the day the city joined', async () => {
    await publisher.publish(created.envelope, appointment.envelope);
    await named('Denver');
    await caughtUp();
    const exportsBefore = [await get(`/v1/metrics/leadership?cityId=${city}&format=csv`), await get('/v1/metrics/compacts?format=csv')];

    await publisher.publish(renamed.envelope);
    expect(await named('Denver Metro')).toEqual({
      items: [{ id: city, name: 'Denver Metro', state: 'CO', joinedAt: '2022-01-03T09:00:00.000Z' }],
      nextCursor: null,
    });
    // The exports name no city: they identify it by id, so a rename leaves every row as it was.
    expect([await get(`/v1/metrics/leadership?cityId=${city}&format=csv`), await get('/v1/metrics/compacts?format=csv')]).toEqual(exportsBefore);
    expect(exportsBefore[0]).toContain(`${city},2023,1,1,1,0`);
  });

  it('applies renames in order, and a redelivered rename not again', async () => {
    await publisher.publish(renamedAgain.envelope);
    await named('Greater Denver');
    const duplicates = await duplicatesSeen();
    await publisher.publish(renamed.envelope);
    await pollUntil(duplicatesSeen, (n) => n === duplicates + 1, { description: 'the redelivered rename recognised' });
    await caughtUp();
    expect((await cities()).items).toEqual([{ id: city, name: 'Greater Denver', state: 'CO', joinedAt: '2022-01-03T09:00:00.000Z' }]);
  });

  it('rebuilds the same city by replaying the topics into emptied tables', async () => {
    const before = await get('/v1/metrics/cities');
    // The live consumer has caught up and nothing new is published meanwhile, so the two cannot interleave.
    const result = await replayConsumer({
      consumer: METRICS_CONSUMER.consumer,
      topics: METRICS_CONSUMER.topics,
      dataSource: service.app.get(DataSource),
      brokers: cluster.bootstrapServers,
      handlers: collectEventHandlers(service.app),
      reset: async (manager) => {
        for (const table of METRICS_CONSUMER.projection) await manager.createQueryBuilder().delete().from(table).execute();
      },
      kafka: { logLevel: logLevel.NOTHING },
      group: { sessionTimeout: 6000, rebalanceTimeout: 4000, heartbeatInterval: 500, maxWaitTimeInMs: 250 },
      timeoutMs: 60_000,
    });
    // The creation, the transition and the two renames; the redelivered rename once more.
    expect(result).toMatchObject({ applied: 4, duplicates: 1, noHandler: 0, deadLettered: 0 });
    expect(await get('/v1/metrics/cities')).toBe(before);
  });
});
