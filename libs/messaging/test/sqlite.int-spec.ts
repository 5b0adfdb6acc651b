// The embedded mode (`npm start` without servers): the same migrations, outbox, relay and inbox on SQLite.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevKafkaCluster } from '@crosswalk/dev-kafka';
import { openServiceDatabase } from '@crosswalk/persistence';
import { pollUntil } from '@crosswalk/testing';
import type { DataSource } from 'typeorm';
import { InboxConsumer, type InboxOutcome, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, Outbox, OutboxRelay, UnitOfWork } from '../src';
import {
  COUNTER_DLQ,
  COUNTER_EVENT,
  COUNTER_TOPIC,
  CounterRow,
  CounterTable1732300000001,
  FAST_GROUP,
  QUIET_KAFKA,
  collectingLogger,
  counterEvent,
  counterProjection,
  counters,
  inboxCount,
  pendingOutbox,
  rawProducer,
} from './support';

jest.setTimeout(60_000);

describe('on embedded SQLite', () => {
  let cluster: DevKafkaCluster;
  let dataSource: DataSource;
  let dir: string;
  const closers: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    cluster = await DevKafkaCluster.start({
      topics: [
        { name: COUNTER_TOPIC, partitions: 2 },
        { name: COUNTER_DLQ, partitions: 1 },
      ],
    });
    dir = mkdtempSync(join(tmpdir(), 'crosswalk-messaging-'));
    dataSource = await openServiceDatabase({
      service: 'messaging-sqlite',
      dataDir: dir,
      entities: [...MESSAGING_ENTITIES, CounterRow],
      migrations: [...MESSAGING_MIGRATIONS, CounterTable1732300000001],
    });
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
    await cluster.stop();
  });

  it('runs the migrations and applies every event exactly once', async () => {
    expect(dataSource.options.type).toBe('better-sqlite3');
    const unitOfWork = new UnitOfWork(dataSource, new Outbox({ service: 'embedded' }));
    for (let seq = 1; seq <= 20; seq += 1) {
      await unitOfWork.run(async (tx) => tx.record(counterEvent('a', seq), counterEvent('b', seq, 2)));
    }
    const relay = new OutboxRelay({
      dataSource,
      service: 'embedded',
      brokers: cluster.bootstrapServers,
      kafka: QUIET_KAFKA,
      logger: collectingLogger(),
      batchSize: 15,
    });
    relay.start();
    closers.push(() => relay.stop());
    await pollUntil(
      () => pendingOutbox(dataSource),
      (n) => n === 0,
      { description: 'outbox drained' },
    );

    const projection = counterProjection();
    const outcomes: InboxOutcome[] = [];
    const consumer = new InboxConsumer({
      consumer: 'embedded-projection',
      topics: [COUNTER_TOPIC],
      dataSource,
      brokers: cluster.bootstrapServers,
      handlers: { [COUNTER_EVENT]: projection.handler },
      kafka: QUIET_KAFKA,
      group: FAST_GROUP,
      logger: collectingLogger(),
      onOutcome: (o) => outcomes.push(o),
    });
    closers.push(() => consumer.close());
    await consumer.start();
    await pollUntil(
      () => inboxCount(dataSource, 'embedded-projection'),
      (n) => n === 40,
      { description: '40 applied' },
    );

    // A duplicate delivery is caught by SQLite's primary key just the same.
    const [first] = await dataSource.query<{ envelope: string; key: string }[]>('SELECT envelope, key FROM messaging_outbox ORDER BY seq LIMIT 1');
    const producer = await rawProducer(cluster.bootstrapServers);
    closers.push(() => producer.close());
    await producer.send([{ key: first.key, value: first.envelope }]);
    await pollUntil(
      () => outcomes.length,
      (n) => n === 41,
      { description: 'duplicate processed' },
    );

    expect(outcomes.filter((o) => o.kind === 'duplicate')).toHaveLength(1);
    expect(await counters(dataSource)).toMatchObject({ a: { value: 20, events: 20, lastSeq: 20 }, b: { value: 40, events: 20, lastSeq: 20 } });
    expect(projection.violations).toEqual([]);
  });
});
