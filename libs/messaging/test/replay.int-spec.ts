// A projection rebuilt from the topic equals the live one: everything, or only events from a date on.
import 'reflect-metadata';
import { pollUntil } from '@crosswalk/testing';
import { DevKafkaCluster } from '@crosswalk/dev-kafka';
import { InboxConsumer, Outbox, OutboxRelay, ReplayRefusedError, UnitOfWork, replayConsumer } from '../src';
import {
  COUNTER_DLQ,
  COUNTER_EVENT,
  COUNTER_TOPIC,
  CounterRow,
  FAST_GROUP,
  type Harness,
  QUIET_KAFKA,
  collectingLogger,
  counterEvent,
  counterProjection,
  counters,
  inboxCount,
  pendingOutbox,
  rawEnvelope,
  rawProducer,
  startHarness,
} from './support';

jest.setTimeout(60_000);

describe('replay', () => {
  let h: Harness;
  const closers: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    h = await startHarness('msg_replay');
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await h.stop();
  });

  const live = (): InboxConsumer => {
    const consumer = new InboxConsumer({
      consumer: 'replay-projection',
      topics: [COUNTER_TOPIC],
      dataSource: h.dataSource,
      brokers: h.brokers,
      handlers: { [COUNTER_EVENT]: counterProjection().handler },
      kafka: QUIET_KAFKA,
      group: FAST_GROUP,
      logger: collectingLogger(),
    });
    closers.push(() => consumer.close());
    return consumer;
  };

  it('rebuilds an identical projection, from the beginning and from a date', async () => {
    const relay = new OutboxRelay({ dataSource: h.dataSource, service: 'replay', brokers: h.brokers, kafka: QUIET_KAFKA, logger: collectingLogger() });
    relay.start();
    closers.push(() => relay.stop());
    const unitOfWork = new UnitOfWork(h.dataSource, new Outbox({ service: 'replay' }), relay);
    const cutoff = new Date('2024-06-01T00:00:00.000Z');
    // Early counters only have events before the cutoff, late counters only after it.
    for (let seq = 1; seq <= 10; seq += 1) {
      await unitOfWork.run(async (tx) => {
        for (let i = 0; i < 10; i += 1) tx.record({ ...counterEvent(`early-${i}`, seq, i + 1), occurredAt: new Date(Date.UTC(2024, 0, seq, i)) });
        for (let i = 0; i < 5; i += 1) tx.record({ ...counterEvent(`late-${i}`, seq, 2), occurredAt: new Date(Date.UTC(2024, 6, seq, i)) });
      });
    }
    // Noise a replay must cope with: a record that was dead-lettered, a duplicate delivery.
    const producer = await rawProducer(h.brokers);
    closers.push(() => producer.close());
    const duplicate = rawEnvelope('late-0', 11, { occurredAt: '2024-08-01T00:00:00.000Z' });
    await producer.send([
      { key: 'junk', value: 'not json' },
      { key: 'late-0', value: JSON.stringify(duplicate) },
      { key: 'late-0', value: JSON.stringify(duplicate) },
    ]);
    await pollUntil(
      () => pendingOutbox(h.dataSource),
      (n) => n === 0,
      { description: 'outbox drained' },
    );

    const consumer = live();
    await consumer.start();
    await pollUntil(
      () => inboxCount(h.dataSource, 'replay-projection'),
      (n) => n === 151,
      { timeoutMs: 20_000, description: 'live projection built' },
    );
    const expected = await counters(h.dataSource);
    expect(Object.keys(expected)).toHaveLength(15);
    await consumer.close();

    // Damage the projection; the replay must not care what was there.
    await h.dataSource.getRepository(CounterRow).update({ id: 'early-3' }, { value: -1 });
    await h.dataSource.getRepository(CounterRow).delete({ id: 'late-2' });

    const full = await replayConsumer({
      consumer: 'replay-projection',
      topics: [COUNTER_TOPIC],
      dataSource: h.dataSource,
      brokers: h.brokers,
      handlers: { [COUNTER_EVENT]: counterProjection().handler },
      // DELETE, not TRUNCATE (clear()): TRUNCATE commits implicitly on MySQL and would split the reset from the inbox cleanup.
      reset: async (manager) => void (await manager.createQueryBuilder().delete().from(CounterRow).execute()),
      kafka: QUIET_KAFKA,
      group: FAST_GROUP,
      logger: collectingLogger(),
    });
    expect(full).toMatchObject({ applied: 151, duplicates: 1, deadLettered: 1, filtered: 0, noHandler: 0 });
    expect(await counters(h.dataSource)).toEqual(expected);
    expect(await inboxCount(h.dataSource, 'replay-projection')).toBe(151);

    // From a date: the caller's reset removes what events from then on produced (here: the late counters).
    await h.dataSource.getRepository(CounterRow).update({ id: 'late-1' }, { value: 999 });
    const partial = await replayConsumer({
      consumer: 'replay-projection',
      topics: [COUNTER_TOPIC],
      dataSource: h.dataSource,
      brokers: h.brokers,
      handlers: { [COUNTER_EVENT]: counterProjection().handler },
      from: cutoff,
      reset: async (manager, { from }) => {
        expect(from).toEqual(cutoff);
        await manager.createQueryBuilder().delete().from(CounterRow).where('id LIKE :late', { late: 'late-%' }).execute();
      },
      kafka: QUIET_KAFKA,
      group: FAST_GROUP,
      logger: collectingLogger(),
    });
    expect(partial).toMatchObject({ applied: 51, filtered: 100, duplicates: 1, deadLettered: 1 });
    expect(await counters(h.dataSource)).toEqual(expected);
    expect(await inboxCount(h.dataSource, 'replay-projection')).toBe(151);

    // The live group resumes where it was: nothing is applied twice, new events apply.
    await unitOfWork.run(async (tx) => tx.record({ ...counterEvent('early-0', 11, 1), occurredAt: new Date(Date.UTC(2024, 0, 20)) }));
    const again = live();
    await again.start();
    await pollUntil(
      () => inboxCount(h.dataSource, 'replay-projection'),
      (n) => n === 152,
      { timeoutMs: 20_000, description: 'new event applied' },
    );
    expect((await counters(h.dataSource))['early-0']).toMatchObject({ value: expected['early-0'].value + 1, events: 11 });
  });

  it('refuses to replay from topics that hold less than the inbox records or other events, changing nothing, unless forced', async () => {
    const relay = new OutboxRelay({ dataSource: h.dataSource, service: 'replay', brokers: h.brokers, kafka: QUIET_KAFKA, logger: collectingLogger() });
    relay.start();
    closers.push(() => relay.stop());
    const unitOfWork = new UnitOfWork(h.dataSource, new Outbox({ service: 'replay' }), relay);
    await unitOfWork.run(async (tx) => {
      for (let i = 0; i < 12; i += 1) tx.record(counterEvent(`counter-${i % 6}`, Math.floor(i / 6) + 1));
    });
    const consumer = live();
    await consumer.start();
    await pollUntil(
      () => inboxCount(h.dataSource, 'replay-projection'),
      (n) => n === 12,
      { description: 'live projection built' },
    );
    await consumer.close();
    const built = await counters(h.dataSource);
    expect(Object.keys(built)).toHaveLength(6);

    const replayFrom = (brokers: string[], force?: boolean) =>
      replayConsumer({
        consumer: 'replay-projection',
        topics: [COUNTER_TOPIC],
        dataSource: h.dataSource,
        brokers,
        handlers: { [COUNTER_EVENT]: counterProjection().handler },
        reset: async (manager) => void (await manager.createQueryBuilder().delete().from(CounterRow).execute()),
        kafka: QUIET_KAFKA,
        group: FAST_GROUP,
        logger: collectingLogger(),
        force,
      });

    // The same topics on a cluster that lost them (an in-memory cluster restarted): empty.
    const emptied = await DevKafkaCluster.start({
      topics: [
        { name: COUNTER_TOPIC, partitions: 3 },
        { name: COUNTER_DLQ, partitions: 1 },
      ],
    });
    closers.push(() => emptied.stop());
    const refusal = await replayFrom(emptied.bootstrapServers).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(ReplayRefusedError);
    const message = (refusal as Error).message;
    expect(message).toMatch(/^refusing to replay replay-projection: its topics hold less than its projection was built from/);
    expect(message).toContain(`${COUNTER_TOPIC}: the topic holds 0 event(s), the inbox records 12 applied from it`);
    expect(message).toMatch(
      new RegExp(
        `${COUNTER_TOPIC.replace(/\./g, '\\.')} partition \\d: the inbox records \\d+ applied event\\(s\\) at offsets 0\\.\\.\\d+, the topic holds nothing`,
      ),
    );
    expect(message).toContain('--force');
    expect(await counters(h.dataSource)).toEqual(built);
    expect(await inboxCount(h.dataSource, 'replay-projection')).toBe(12);

    // A topic holding some of the events, but fewer than were applied, is refused too.
    const partial = await rawProducer(emptied.bootstrapServers);
    closers.push(() => partial.close());
    await partial.send([{ key: 'counter-0', value: 'not json' }]);
    await expect(replayFrom(emptied.bootstrapServers)).rejects.toThrow(/the topic holds 1 event\(s\), the inbox records 12 applied from it/);
    expect(await counters(h.dataSource)).toEqual(built);

    // Refilled with as many other events (same keys, so the same partitions and offsets): positions and counts
    // agree, the event ids do not.
    const refill = [];
    for (let i = 0; i < 12; i += 1) {
      const counterId = `counter-${i % 6}`;
      refill.push({ key: counterId, value: JSON.stringify(rawEnvelope(counterId, Math.floor(i / 6) + 1)) });
    }
    await partial.send(refill);
    await expect(replayFrom(emptied.bootstrapServers)).rejects.toThrow(
      /offset \d+: the inbox applied event [0-9a-f-]{36} there, the topic now holds event [0-9a-f-]{36} \(the topic was emptied and refilled\)/,
    );
    expect(await counters(h.dataSource)).toEqual(built);

    // The topics that hold everything: an ordinary replay, not refused.
    await expect(replayFrom(h.brokers)).resolves.toMatchObject({ applied: 12 });
    expect(await counters(h.dataSource)).toEqual(built);

    // --force does what it is told: the projection is rebuilt from what the topics hold (nothing applies).
    await expect(replayFrom(emptied.bootstrapServers, true)).resolves.toMatchObject({ applied: 12, deadLettered: 1 });
    expect(await inboxCount(h.dataSource, 'replay-projection')).toBe(12);
    const refilled = await counters(h.dataSource);
    expect(Object.keys(refilled)).toEqual(Object.keys(built));
    expect(Object.values(refilled).map((c) => c.value)).toEqual(Array(6).fill(2));
  });
});
