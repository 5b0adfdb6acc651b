// While the database is unreachable the consumer waits instead of spending attempts: an outage longer than
// the whole retry budget dead-letters nothing, and every event is applied once the database is back.
import 'reflect-metadata';
import { type Server, Socket, createServer } from 'node:net';
import { openServiceDatabase } from '@crosswalk/persistence';
import { pollUntil } from '@crosswalk/testing';
import type { DataSource } from 'typeorm';
import { InboxConsumer, type InboxOutcome, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '../src';
import {
  COUNTER_EVENT,
  COUNTER_TOPIC,
  CounterRow,
  CounterTable1732300000001,
  FAST_GROUP,
  type Harness,
  QUIET_KAFKA,
  collectingLogger,
  counterProjection,
  counters,
  inboxCount,
  rawEnvelope,
  rawProducer,
  startHarness,
} from './support';

jest.setTimeout(60_000);

/** A TCP proxy in front of MariaDB that can drop every connection and refuse new ones. */
async function flakyProxy(target: { host: string; port: number }): Promise<{ port: number; down(): void; up(): void; close(): Promise<void> }> {
  let refusing = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (refusing) return void client.destroy();
    const backend = new Socket();
    sockets.add(client).add(backend);
    const drop = (): void => {
      client.destroy();
      backend.destroy();
      sockets.delete(client);
      sockets.delete(backend);
    };
    client.on('error', drop).on('close', drop);
    backend.on('error', drop).on('close', drop);
    backend.connect(target.port, target.host, () => {
      client.pipe(backend);
      backend.pipe(client);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    down: () => {
      refusing = true;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    up: () => {
      refusing = false;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('database outage on the read side', () => {
  let h: Harness;
  const closers: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    h = await startHarness('msg_dbout');
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await h.stop();
  });

  it('waits for the database without dead-lettering, then applies everything once', async () => {
    const server = new URL(h.database.url);
    const proxy = await flakyProxy({ host: server.hostname, port: Number(server.port || 3306) });
    closers.push(() => proxy.close());
    const proxied = new URL(h.database.url);
    proxied.port = String(proxy.port);
    const dataSource: DataSource = await openServiceDatabase({
      service: 'messaging-test',
      databaseUrl: proxied.toString(),
      entities: [...MESSAGING_ENTITIES, CounterRow],
      migrations: [...MESSAGING_MIGRATIONS, CounterTable1732300000001],
    });
    closers.push(() => dataSource.destroy());

    const outcomes: InboxOutcome[] = [];
    const logger = collectingLogger();
    const consumer = new InboxConsumer({
      consumer: 'outage-tolerant',
      topics: [COUNTER_TOPIC],
      dataSource,
      brokers: h.brokers,
      handlers: { [COUNTER_EVENT]: counterProjection().handler },
      kafka: QUIET_KAFKA,
      group: FAST_GROUP,
      // A budget of 2 attempts, 50 ms apart: an outage of seconds would exhaust it many times over.
      maxAttempts: 2,
      backoff: { initialMs: 50, maxMs: 400 },
      logger,
      onOutcome: (o) => outcomes.push(o),
    });
    closers.push(() => consumer.close());
    await consumer.start();
    const producer = await rawProducer(h.brokers);
    closers.push(() => producer.close());

    await producer.send([{ key: 'db', value: JSON.stringify(rawEnvelope('db', 1)) }]);
    await pollUntil(
      () => outcomes.length,
      (n) => n === 1,
      { description: 'first event applied' },
    );

    proxy.down();
    const downAt = Date.now();
    await producer.send([2, 3, 4, 5].map((seq) => ({ key: 'db', value: JSON.stringify(rawEnvelope('db', seq)) })));
    await pollUntil(() => logger.lines.some((l) => /database unreachable/.test(l.message)), Boolean, { description: 'consumer noticed the outage' });
    await pollUntil(
      () => Date.now() - downAt,
      (ms) => ms > 2500,
      { intervalMs: 100, description: 'outage lasting' },
    );
    expect(outcomes.filter((o) => o.kind === 'dead-lettered')).toEqual([]);
    proxy.up();

    await pollUntil(
      () => inboxCount(h.dataSource, 'outage-tolerant'),
      (n) => n === 5,
      { timeoutMs: 20_000, description: '5 applied after the outage' },
    );
    expect(outcomes.map((o) => o.kind)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    expect((await counters(h.dataSource))['db']).toMatchObject({ value: 5, events: 5, lastSeq: 5 });
  });
});
