// Several replicas each run a relay on the same outbox table (FOR UPDATE SKIP LOCKED): they share the work,
// and one aggregate's events still reach Kafka in the order they were written.
import 'reflect-metadata';
import { openServiceDatabase } from '@crosswalk/persistence';
import { createTestDatabase, pollUntil } from '@crosswalk/testing';
import { register } from 'prom-client';
import type { DataSource } from 'typeorm';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, Outbox, OutboxRelay, UnitOfWork } from '../src';
import {
  type CounterProjection,
  type Harness,
  QUIET_KAFKA,
  collectingLogger,
  counterConsumer,
  counterEvent,
  counterProjection,
  counters,
  inboxCount,
  pendingOutbox,
  startHarness,
} from './support';

jest.setTimeout(60_000);

describe('concurrent relays', () => {
  let h: Harness;
  const closers: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    h = await startHarness('msg_relays');
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await h.stop();
  });

  const perCounter = 100;

  /** 8 counters x 100 events in the outbox, written four per unit of work, and the projection they go to. */
  async function backlog(service: string, prefix: string): Promise<{ ids: string[]; total: number; projection: CounterProjection }> {
    const unitOfWork = new UnitOfWork(h.dataSource, new Outbox({ service }));
    const ids = Array.from({ length: 8 }, (_, i) => `${prefix}${i}`);
    for (let seq = 1; seq <= perCounter; seq += 4) {
      for (const id of ids) await unitOfWork.run(async (tx) => tx.record(...[0, 1, 2, 3].map((i) => counterEvent(id, seq + i))));
    }
    return { ids, total: ids.length * perCounter, projection: counterProjection() };
  }

  it('share the outbox without breaking per-aggregate order', async () => {
    // Written before the relays start, so both find a large backlog and claim side by side.
    const { ids, total, projection } = await backlog('replicas', 'r');
    const consumer = counterConsumer(h, 'replicas-projection', projection);
    closers.push(() => consumer.close());
    await consumer.start();

    const relays = await Promise.all(
      ['replica-a', 'replica-b', 'replica-c'].map(async (name) => {
        const relay = new OutboxRelay({
          dataSource: await h.openDataSource(),
          service: name,
          brokers: h.brokers,
          kafka: QUIET_KAFKA,
          logger: collectingLogger(),
          batchSize: 7,
        });
        closers.push(() => relay.stop());
        return relay;
      }),
    );
    relays.forEach((relay) => relay.start());

    await pollUntil(
      () => pendingOutbox(h.dataSource),
      (n) => n === 0,
      { timeoutMs: 30_000, description: 'outbox drained' },
    );
    await pollUntil(
      () => inboxCount(h.dataSource, 'replicas-projection'),
      (n) => n === total,
      { timeoutMs: 30_000, description: `${total} applied` },
    );
    expect(projection.violations).toEqual([]);
    const state = await counters(h.dataSource);
    for (const id of ids) expect(state[id]).toMatchObject({ value: perCounter, events: perCounter, lastSeq: perCounter });

    // The work really was shared.
    const published = await register.getSingleMetric('crosswalk_outbox_published_total')?.get();
    const byRelay = Object.fromEntries<number>((published?.values ?? []).map((v) => [String(v.labels.outbox), v.value]));
    expect(byRelay['replica-a'] + byRelay['replica-b'] + byRelay['replica-c']).toBeGreaterThanOrEqual(total);
    expect(Object.values(byRelay).filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
  });

  it('count for themselves: two relays of one name in one process each report only what they published', async () => {
    // Two replicas of one service in one process, each with its own outbox, so who published what is known.
    const otherDatabase = await createTestDatabase('msg_relays_twin');
    const otherDataSource = await openServiceDatabase({
      service: 'messaging-test',
      databaseUrl: otherDatabase.url,
      entities: MESSAGING_ENTITIES,
      migrations: MESSAGING_MIGRATIONS,
    });
    closers.push(async () => {
      await otherDataSource.destroy();
      await otherDatabase.drop();
    });
    const write = async (dataSource: DataSource, events: number): Promise<void> => {
      const unitOfWork = new UnitOfWork(dataSource, new Outbox({ service: 'twin' }));
      await unitOfWork.run(async (tx) => tx.record(...Array.from({ length: events }, (_, i) => counterEvent(`twin-${events}`, i + 1))));
    };
    await write(h.dataSource, 30);
    await write(otherDataSource, 50);
    const relays = [h.dataSource, otherDataSource].map((dataSource) => {
      const relay = new OutboxRelay({ dataSource, service: 'twin', brokers: h.brokers, kafka: QUIET_KAFKA, logger: collectingLogger(), batchSize: 7 });
      closers.push(() => relay.stop());
      relay.start();
      return relay;
    });

    await pollUntil(
      async () => (await pendingOutbox(h.dataSource)) + (await pendingOutbox(otherDataSource)),
      (n) => n === 0,
      { description: 'both outboxes drained' },
    );
    expect(relays.map((relay) => relay.published)).toEqual([30, 50]);
    // /metrics shows the service's total, and keeps it once the relays stopped: a counter never goes down.
    expect(await publishedBy('twin')).toBe(80);
    for (const relay of relays) await relay.stop();
    expect(await publishedBy('twin')).toBe(80);
  });

  it('overlaps the rounds of one relay on a backlog without breaking order, and stops without waiting for its poll', async () => {
    const { ids, total, projection } = await backlog('backlog', 'b');
    const consumer = counterConsumer(h, 'backlog-projection', projection);
    closers.push(() => consumer.close());
    await consumer.start();

    // Full batches all the way: each round claims while the one before it publishes. No poll wakes these relays
    // (an hour), so a stop() that waited for one would not return within the test's time.
    const relayOptions = {
      dataSource: h.dataSource,
      brokers: h.brokers,
      kafka: QUIET_KAFKA,
      logger: collectingLogger(),
      batchSize: 40,
      pollIntervalMs: 3_600_000,
    };
    const first = new OutboxRelay({ ...relayOptions, service: 'backlog-first' });
    first.start();
    await pollUntil(
      () => publishedBy('backlog-first'),
      (n) => n >= 200,
      { description: 'the first relay under way' },
    );
    await first.stop();
    // Whatever it left pending, a second relay publishes after it.
    const second = new OutboxRelay({ ...relayOptions, service: 'backlog-second' });
    closers.push(() => second.stop());
    second.start();

    await pollUntil(
      () => pendingOutbox(h.dataSource),
      (n) => n === 0,
      { timeoutMs: 30_000, description: 'outbox drained' },
    );
    await pollUntil(
      () => inboxCount(h.dataSource, 'backlog-projection'),
      (n) => n === total,
      { timeoutMs: 30_000, description: `${total} applied` },
    );
    expect(projection.violations).toEqual([]);
    expect([...projection.calls.values()].every((n) => n === 1)).toBe(true);
    const state = await counters(h.dataSource);
    for (const id of ids) expect(state[id]).toMatchObject({ value: perCounter, events: perCounter, lastSeq: perCounter });
    expect((await publishedBy('backlog-first')) + (await publishedBy('backlog-second'))).toBe(total);

    // Stopped during its first round, which finds nothing: it ends there instead of going on to wait for a poll.
    const late = new OutboxRelay({ ...relayOptions, service: 'backlog-late' });
    late.start();
    await late.stop();
    expect(late.health().running).toBe(false);
  });
});

async function publishedBy(relay: string): Promise<number> {
  const published = await register.getSingleMetric('crosswalk_outbox_published_total')?.get();
  return published?.values.find((v) => v.labels.outbox === relay)?.value ?? 0;
}
