// Write side to read side through a real (dev) Kafka cluster and MariaDB: the outbox commits with the
// state change, the relay publishes, the inbox applies every event exactly once and in per-key order.
import { CloudEvent, type CloudEventV1, Kafka, type KafkaMessage } from 'cloudevents';
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type EventEnvelope, PayloadValidationError } from '@crosswalk/contracts';
import { runWithContext } from '@crosswalk/observability';
import { pollUntil } from '@crosswalk/testing';
import { register } from 'prom-client';
import { InboxConsumer, type InboxOutcome, Outbox, OutboxRecord, OutboxRelay, UnitOfWork, headerText } from '../src';
import {
  COUNTER_EVENT,
  COUNTER_TOPIC,
  type CounterIncremented,
  CounterRow,
  type Harness,
  QUIET_KAFKA,
  collectingLogger,
  counterConsumer,
  counterEvent,
  counterProjection,
  counters,
  inboxCount,
  pendingOutbox,
  rawEnvelope,
  rawProducer,
  readTopic,
  startHarness,
} from './support';

jest.setTimeout(60_000);

describe('outbox -> relay -> Kafka -> inbox', () => {
  let h: Harness;
  const closers: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    h = await startHarness('msg_flow');
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await h.stop();
  });

  function startRelay(name = 'flow'): OutboxRelay {
    const relay = new OutboxRelay({ dataSource: h.dataSource, service: name, brokers: h.brokers, kafka: QUIET_KAFKA, logger: collectingLogger() });
    relay.start();
    closers.push(() => relay.stop());
    return relay;
  }

  function startConsumer(
    consumer: string,
    extra: Partial<ConstructorParameters<typeof InboxConsumer>[0]> = {},
  ): { inbox: InboxConsumer; outcomes: InboxOutcome[]; projection: ReturnType<typeof counterProjection> } {
    const projection = counterProjection();
    const outcomes: InboxOutcome[] = [];
    const inbox = counterConsumer(h, consumer, projection, { onOutcome: (o) => outcomes.push(o), ...extra });
    closers.push(() => inbox.close());
    return { inbox, outcomes, projection };
  }

  it('applies every recorded event exactly once, in per-aggregate order, with headers and context', async () => {
    const outbox = new Outbox({ service: 'flow' });
    const relay = startRelay();
    const unitOfWork = new UnitOfWork(h.dataSource, outbox, relay);
    const { inbox, outcomes, projection } = startConsumer('flow-projection');
    const reader = readTopic(h.brokers, COUNTER_TOPIC, 61);
    await inbox.start();

    // 6 counters x 10 events, written by 30 units of work of two events each, interleaved across counters.
    const ids = Array.from({ length: 6 }, (_, i) => `c${i}-${randomUUID().slice(0, 8)}`);
    const actor = { kind: 'user' as const, id: 'user-42' };
    for (let seq = 1; seq <= 10; seq += 2) {
      for (const id of ids) {
        await runWithContext({ requestId: 'req-1', correlationId: 'corr-1', causationId: null, actor }, () =>
          unitOfWork.run(async (tx) => {
            tx.record(counterEvent(id, seq, 1), counterEvent(id, seq + 1, 2));
          }),
        );
      }
    }
    // An old producer still writing v1: upcast on the way in (`by` -> `amount`).
    const legacy = `legacy-${randomUUID().slice(0, 8)}`;
    await unitOfWork.run(async (tx) =>
      tx.record({ type: COUNTER_EVENT, version: 1, key: legacy, cityId: null, payload: { counterId: legacy, by: 5, seq: 1 } }),
    );

    await pollUntil(
      () => inboxCount(h.dataSource, 'flow-projection'),
      (n) => n === 61,
      { timeoutMs: 30_000, description: '61 inbox rows' },
    );
    const state = await counters(h.dataSource);
    for (const id of ids) expect(state[id]).toMatchObject({ value: 15, events: 10, lastSeq: 10 });
    expect(state[legacy]).toMatchObject({ value: 5, events: 1 });
    expect(projection.violations).toEqual([]);
    expect([...projection.calls.values()].every((n) => n === 1)).toBe(true);
    expect(outcomes.filter((o) => o.kind === 'applied')).toHaveLength(61);
    expect(await pendingOutbox(h.dataSource)).toBe(0);

    // What went over the wire: the envelope as recorded, keyed by aggregate, with routing headers.
    const records = await reader;
    const sample = records.find((r) => r.key?.toString() === ids[0]);
    const envelope = JSON.parse(sample?.value?.toString() ?? '{}') as EventEnvelope<CounterIncremented>;
    expect(envelope).toMatchObject({ type: COUNTER_EVENT, version: 2, source: 'flow', key: ids[0], correlationId: 'corr-1', actor });
    expect(headerText(sample?.headers, 'event-type')).toBe(COUNTER_EVENT);
    expect(headerText(sample?.headers, 'event-version')).toBe('2');
    expect(headerText(sample?.headers, 'event-id')).toBe(envelope.id);
    expect(headerText(sample?.headers, 'correlation-id')).toBe('corr-1');
    expect(headerText(sample?.headers, 'content-type')).toBe('application/json');
    // The same record read by the CloudEvents SDK (Kafka binding, binary mode): a valid event whose data is the envelope.
    const headers = Object.fromEntries(Object.keys(sample?.headers ?? {}).map((name) => [name, headerText(sample?.headers, name) ?? '']));
    const value = sample?.value?.toString() ?? '';
    const message: KafkaMessage<string> = { key: ids[0], value, body: value, headers };
    const read = Kafka.toEvent<unknown>(message);
    // Constructing a CloudEvent validates it (strict mode) and throws when an attribute is missing or malformed.
    const cloudEvent = new CloudEvent((Array.isArray(read) ? read[0] : read) as CloudEventV1<unknown>);
    expect(cloudEvent.validate()).toBe(true);
    expect(cloudEvent).toMatchObject({ id: envelope.id, type: COUNTER_EVENT, source: '/crosswalk/flow', subject: ids[0], time: envelope.occurredAt });
    expect(cloudEvent.data).toEqual(envelope);

    // Outbox rows are kept as the durable record, marked sent.
    const sent = await h.dataSource.getRepository(OutboxRecord).findOneByOrFail({ id: envelope.id });
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, topic: COUNTER_TOPIC, key: ids[0] });
    expect(sent.sentAt).toBeInstanceOf(Date);

    // Lag gauges at scrape time.
    const scraped = await register.metrics();
    expect(scraped).toMatch(/crosswalk_outbox_pending\{outbox="flow"\} 0/);
    expect(scraped).toMatch(/crosswalk_outbox_oldest_pending_age_seconds\{outbox="flow"\} 0/);
    expect(scraped).toMatch(/crosswalk_outbox_published_total\{outbox="flow"\} 61/);
  });

  it('publishes a claimed round in produce requests of at most publishBatchSize, one after the other', async () => {
    // One aggregate, so one partition: its record batches show the produce requests the relay made.
    const events = Array.from({ length: 10 }, (_, i) => counterEvent('chunked', i + 1));
    await new UnitOfWork(h.dataSource, new Outbox({ service: 'flow' })).run(async (tx) => tx.record(...events));
    const relay = new OutboxRelay({
      dataSource: h.dataSource,
      service: 'flow',
      brokers: h.brokers,
      kafka: QUIET_KAFKA,
      logger: collectingLogger(),
      batchSize: 10,
      publishBatchSize: 4,
    });
    relay.start();
    closers.push(() => relay.stop());

    const records = await readTopic(h.brokers, COUNTER_TOPIC, 10);
    expect(records.map((r) => (JSON.parse(r.value?.toString() ?? '{}') as EventEnvelope<CounterIncremented>).payload.seq)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    // kafkajs keeps each record's batch on it, untyped: records that came in one request share a first offset.
    const requestOf = (r: (typeof records)[number]) => String((r as unknown as { batchContext: { firstOffset: string } }).batchContext.firstOffset);
    const sizes = [...records.reduce((m, r) => m.set(requestOf(r), (m.get(requestOf(r)) ?? 0) + 1), new Map<string, number>()).values()];
    expect(sizes).toEqual([4, 4, 2]);
    await pollUntil(
      () => pendingOutbox(h.dataSource),
      (n) => n === 0,
      { description: 'all ten marked sent' },
    );
  });

  it('lingers after a round that published, so commits that arrive meanwhile go out in one request', async () => {
    const relay = new OutboxRelay({
      dataSource: h.dataSource,
      service: 'flow',
      brokers: h.brokers,
      kafka: QUIET_KAFKA,
      logger: collectingLogger(),
      lingerMs: 1500,
    });
    relay.start();
    closers.push(() => relay.stop());
    const unitOfWork = new UnitOfWork(h.dataSource, new Outbox({ service: 'flow' }), relay);
    await unitOfWork.run(async (tx) => tx.record(counterEvent('lingered', 1)));
    await pollUntil(
      () => pendingOutbox(h.dataSource),
      (n) => n === 0,
      { description: 'the first event published' },
    );
    // Within the pause: each commit wakes the relay, and neither starts a round of its own.
    await unitOfWork.run(async (tx) => tx.record(counterEvent('lingered', 2)));
    await unitOfWork.run(async (tx) => tx.record(counterEvent('lingered', 3)));

    const records = await readTopic(h.brokers, COUNTER_TOPIC, 3);
    const requestOf = (r: (typeof records)[number]) => String((r as unknown as { batchContext: { firstOffset: string } }).batchContext.firstOffset);
    expect(records.map(requestOf)).toEqual([requestOf(records[0]), requestOf(records[1]), requestOf(records[1])]);
    expect(requestOf(records[0])).not.toEqual(requestOf(records[1]));
  });

  it('publishes nothing from a rolled-back unit of work, and refuses unregistered or invalid events', async () => {
    const outbox = new Outbox({ service: 'flow' });
    const unitOfWork = new UnitOfWork(h.dataSource, outbox);
    await expect(
      unitOfWork.run(async (tx) => {
        await tx.manager.save(CounterRow, { id: 'rolled-back', value: 1, events: 1, lastSeq: 1, lastOccurredAt: new Date() });
        tx.record(counterEvent('rolled-back', 1));
        throw new Error('use case failed');
      }),
    ).rejects.toThrow('use case failed');
    await expect(unitOfWork.run(async (tx) => tx.record({ type: 'test.not.registered', version: 1, key: 'k', cityId: null, payload: {} }))).rejects.toThrow(
      /no registered contract/,
    );
    await expect(
      unitOfWork.run(async (tx) => {
        await tx.manager.save(CounterRow, { id: 'invalid', value: 1, events: 1, lastSeq: 1, lastOccurredAt: new Date() });
        tx.record(counterEvent('invalid', 1, 0));
      }),
    ).rejects.toBeInstanceOf(PayloadValidationError);
    expect(await h.dataSource.getRepository(OutboxRecord).count()).toBe(0);
    expect(await h.dataSource.getRepository(CounterRow).count()).toBe(0);

    // Without a request context the service is the actor and a fresh correlation id starts.
    const { events } = await unitOfWork.runReturningEvents(async (tx) => tx.record(counterEvent('solo', 1)));
    expect(events[0]).toMatchObject({ actor: { kind: 'service', id: 'flow' }, causationId: null, source: 'flow' });
    expect(events[0].correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('applies a duplicated record once (same envelope twice, and a republished outbox batch)', async () => {
    const { inbox, outcomes, projection } = startConsumer('dup-projection');
    await inbox.start();
    const producer = await rawProducer(h.brokers);
    closers.push(() => producer.close());
    const envelope = rawEnvelope('dup-counter', 1);
    await producer.send([{ key: 'dup-counter', value: JSON.stringify(envelope) }]);
    await producer.send([{ key: 'dup-counter', value: JSON.stringify(envelope) }]);

    // A relay that died after publishing but before marking: its rows are still pending and go out again.
    const outbox = new Outbox({ service: 'flow' });
    const unitOfWork = new UnitOfWork(h.dataSource, outbox);
    await unitOfWork.run(async (tx) => tx.record(counterEvent('dup-counter', 2), counterEvent('dup-counter', 3)));
    const relay = startRelay();
    await pollUntil(
      () => pendingOutbox(h.dataSource),
      (n) => n === 0,
      { description: 'outbox published' },
    );
    await h.dataSource.getRepository(OutboxRecord).update({ status: 'sent' }, { status: 'pending', sentAt: null });
    relay.wake();
    await pollUntil(
      () => pendingOutbox(h.dataSource),
      (n) => n === 0,
      { description: 'outbox republished' },
    );

    await pollUntil(
      () => outcomes.length,
      (n) => n === 6,
      { description: '6 records processed' },
    );
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['applied', 'applied', 'applied', 'duplicate', 'duplicate', 'duplicate']);
    expect((await counters(h.dataSource))['dup-counter']).toMatchObject({ value: 3, events: 3, lastSeq: 3 });
    expect(projection.violations).toEqual([]);
    expect(await inboxCount(h.dataSource, 'dup-projection')).toBe(3);
  });

  it('chains events recorded by a handler to the event that caused them', async () => {
    const outbox = new Outbox({ service: 'chainer' });
    const relay = startRelay('chainer');
    const seen: EventEnvelope<CounterIncremented>[] = [];
    const { inbox } = startConsumer('chainer', {
      outbox,
      relay,
      handlers: {
        [COUNTER_EVENT]: async (envelope: EventEnvelope<CounterIncremented>, ctx) => {
          seen.push(envelope);
          // React to original events by recording a follow-up in the same transaction.
          if (!envelope.payload.counterId.startsWith('echo-')) ctx.record(counterEvent(`echo-${envelope.payload.counterId}`, 1));
        },
      },
    });
    await inbox.start();
    const unitOfWork = new UnitOfWork(h.dataSource, new Outbox({ service: 'origin' }), relay);
    const actor = { kind: 'user' as const, id: 'operator-7' };
    const { events } = await runWithContext({ requestId: 'r', correlationId: 'corr-chain', causationId: null, actor }, () =>
      unitOfWork.runReturningEvents(async (tx) => tx.record(counterEvent('source', 1))),
    );
    await pollUntil(
      () => seen.length,
      (n) => n === 2,
      { description: 'original and follow-up handled' },
    );
    const followUp = seen.find((e) => e.payload.counterId === 'echo-source');
    expect(followUp).toMatchObject({ source: 'chainer', correlationId: 'corr-chain', causationId: events[0].id, actor });
  });
});
