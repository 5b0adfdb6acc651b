// A 3-broker cluster loses a partition leader while 1,200 events are being written: the relay backs off,
// resumes when the broker returns, and every event is applied exactly once, in order per key.
import 'reflect-metadata';
import { pollUntil } from '@crosswalk/testing';
import { Outbox, OutboxRelay, UnitOfWork } from '../src';
import {
  COUNTER_TOPIC,
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

jest.setTimeout(90_000);

describe('broker outage while publishing', () => {
  let h: Harness;
  const closers: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    h = await startHarness('msg_outage', { brokers: 3, partitions: 3 });
    // One partition per broker, so taking broker 2 down takes exactly partition 1's leader away.
    for (const [partition, broker] of [
      [0, 1],
      [1, 2],
      [2, 3],
    ])
      await h.cluster.setPartitionLeader(COUNTER_TOPIC, partition, broker);
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await h.stop();
  });

  it('delivers every event exactly once after the broker comes back', async () => {
    const relayLog = collectingLogger();
    const relay = new OutboxRelay({
      dataSource: h.dataSource,
      service: 'outage',
      brokers: h.brokers,
      kafka: QUIET_KAFKA,
      logger: relayLog,
      backoff: { initialMs: 100, maxMs: 1000 },
    });
    relay.start();
    closers.push(() => relay.stop());
    const projection = counterProjection();
    const consumer = counterConsumer(h, 'outage-projection', projection);
    closers.push(() => consumer.close());
    await consumer.start();

    const unitOfWork = new UnitOfWork(h.dataSource, new Outbox({ service: 'outage' }), relay);
    const counterIds = Array.from({ length: 40 }, (_, i) => `k${i}`);
    const perCounter = 30;
    const total = counterIds.length * perCounter;
    let written = 0;
    // Units of work of 10 events (one counter, consecutive seqs), round-robin over counters.
    const write = async (fromSeq: number, toSeq: number): Promise<void> => {
      for (let start = fromSeq; start <= toSeq; start += 10) {
        for (const id of counterIds) {
          await unitOfWork.run(async (tx) => {
            for (let seq = start; seq < start + 10; seq += 1) tx.record(counterEvent(id, seq));
          });
          written += 10;
        }
      }
    };

    await write(1, 10);
    await pollUntil(
      () => inboxCount(h.dataSource, 'outage-projection'),
      (n) => n > 0,
      { description: 'first events applied' },
    );
    await h.cluster.brokerDown(2);
    const downAt = Date.now();
    await write(11, perCounter);
    expect(written).toBe(total);
    // The relay is failing (partition 1 has no leader) and events are piling up, not lost.
    await pollUntil(
      () => relay.health().consecutiveFailures,
      (n) => n >= 3,
      { timeoutMs: 20_000, description: 'relay backing off' },
    );
    expect(await pendingOutbox(h.dataSource)).toBeGreaterThan(0);
    await h.cluster.brokerUp(2);
    const downMs = Date.now() - downAt;

    await pollUntil(
      () => pendingOutbox(h.dataSource),
      (n) => n === 0,
      { timeoutMs: 40_000, description: 'outbox drained' },
    );
    await pollUntil(
      () => inboxCount(h.dataSource, 'outage-projection'),
      (n) => n === total,
      { timeoutMs: 40_000, description: `${total} inbox rows` },
    );
    const state = await counters(h.dataSource);
    for (const id of counterIds) expect(state[id]).toMatchObject({ value: perCounter, events: perCounter, lastSeq: perCounter });
    expect(projection.violations).toEqual([]);
    expect(projection.calls.size).toBe(total);
    expect([...projection.calls.values()].every((n) => n === 1)).toBe(true);
    expect(relay.health()).toMatchObject({ consecutiveFailures: 0, lastError: null });
    expect(relayLog.lines.some((l) => l.level === 'warn' && /backing off/.test(l.message))).toBe(true);
    console.info(`broker 2 down for ${downMs} ms; ${total} events applied exactly once`);
  });
});
