// Records that can never be applied go to `<topic>.dlq` with the reason, and the partition keeps flowing;
// transient handler failures are retried; dead letters can be redriven once the cause is fixed.
import 'reflect-metadata';
import { type EventEnvelope } from '@crosswalk/contracts';
import { pollUntil } from '@crosswalk/testing';
import { type EventHandler, InboxConsumer, type InboxOutcome, deadLetterInfo, headerText, redriveDeadLetters } from '../src';
import {
  COUNTER_DLQ,
  COUNTER_EVENT,
  COUNTER_TOPIC,
  type CounterIncremented,
  FAST_GROUP,
  type Harness,
  QUIET_KAFKA,
  collectingLogger,
  counterProjection,
  counters,
  inboxCount,
  rawEnvelope,
  rawProducer,
  readTopic,
  startHarness,
} from './support';

jest.setTimeout(60_000);

describe('dead letters, retries and redrive', () => {
  let h: Harness;
  const closers: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    h = await startHarness('msg_dlq');
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await h.stop();
  });

  /** `current` is asked for the handler on every record, so a test can swap it (the "fix") while consuming. */
  async function consume(consumer: string, current: () => EventHandler<CounterIncremented>) {
    const outcomes: InboxOutcome[] = [];
    const inbox = new InboxConsumer({
      consumer,
      topics: [COUNTER_TOPIC],
      dataSource: h.dataSource,
      brokers: h.brokers,
      handlers: (type) => (type === COUNTER_EVENT ? current() : undefined),
      kafka: QUIET_KAFKA,
      group: FAST_GROUP,
      maxAttempts: 3,
      backoff: { initialMs: 50, maxMs: 200 },
      logger: collectingLogger(),
      onOutcome: (o) => outcomes.push(o),
    });
    closers.push(() => inbox.close());
    await inbox.start();
    const producer = await rawProducer(h.brokers);
    closers.push(() => producer.close());
    return { inbox, outcomes, producer };
  }

  it('dead-letters malformed, unknown-type and invalid-payload records at once; later records still apply', async () => {
    const projection = counterProjection();
    const { outcomes, producer } = await consume('dlq-projection', () => projection.handler);
    const key = 'same-partition';
    const malformed = Buffer.from([0xff, 0xfe, 0x7b, 0x00]);
    const unknown = rawEnvelope(key, 99, { type: 'test.counter.exploded' });
    const invalid = rawEnvelope(key, 98, { payload: { counterId: key, amount: 0, seq: 98 } });
    await producer.send([
      { key, value: JSON.stringify(rawEnvelope(key, 1)) },
      { key, value: malformed, headers: { 'x-origin': 'fuzzer' } },
      { key, value: JSON.stringify(unknown) },
      { key, value: JSON.stringify(invalid) },
      { key, value: JSON.stringify(rawEnvelope(key, 2)) },
    ]);

    await pollUntil(
      () => outcomes.length,
      (n) => n === 5,
      { description: '5 records processed' },
    );
    expect(outcomes.map((o) => [o.kind, o.reason])).toEqual([
      ['applied', undefined],
      ['dead-lettered', 'malformed'],
      ['dead-lettered', 'unknown-type'],
      ['dead-lettered', 'invalid-payload'],
      ['applied', undefined],
    ]);
    expect((await counters(h.dataSource))[key]).toMatchObject({ value: 2, events: 2, lastSeq: 2 });
    expect(projection.violations).toEqual([]);

    const letters = await readTopic(h.brokers, COUNTER_DLQ, 3);
    const byReason = Object.fromEntries(letters.map((l) => [headerText(l.headers, 'dlq-reason'), l]));
    expect(Object.keys(byReason).sort()).toEqual(['invalid-payload', 'malformed', 'unknown-type']);
    // The original bytes and headers, untouched, plus where it came from and for whom.
    expect(Buffer.compare(byReason['malformed'].value as Buffer, malformed)).toBe(0);
    expect(headerText(byReason['malformed'].headers, 'x-origin')).toBe('fuzzer');
    expect(byReason['malformed'].key?.toString()).toBe(key);
    const partition = outcomes[1].partition;
    expect(deadLetterInfo(byReason['malformed'].headers)).toMatchObject({
      consumer: 'dlq-projection',
      attempts: 0,
      originalTopic: COUNTER_TOPIC,
      originalPartition: partition,
      originalOffset: outcomes[1].offset,
    });
    expect(headerText(byReason['unknown-type'].headers, 'dlq-error')).toMatch(/no contract for test.counter.exploded v2/);
    expect(headerText(byReason['invalid-payload'].headers, 'dlq-error')).toMatch(/amount/);
    expect(JSON.parse(byReason['invalid-payload'].value?.toString() ?? '{}')).toEqual(JSON.parse(JSON.stringify(invalid)));
  });

  it('retries a transient failure until it succeeds (applied once) and dead-letters one that never does', async () => {
    const projection = counterProjection();
    const { outcomes, producer } = await consume('retry-projection', () => projection.handler);
    const flaky = rawEnvelope('flaky', 1, { payload: { counterId: 'flaky', amount: 1, seq: 1, fail: 'transient:2' } });
    const doomed = rawEnvelope('doomed', 1, { payload: { counterId: 'doomed', amount: 1, seq: 1, fail: 'always' } });
    const rejected = rawEnvelope('doomed', 1, { payload: { counterId: 'doomed', amount: 1, seq: 1, fail: 'permanent' } });
    const after = rawEnvelope('doomed', 1);
    await producer.send([
      { key: 'flaky', value: JSON.stringify(flaky) },
      { key: 'doomed', value: JSON.stringify(doomed) },
      { key: 'doomed', value: JSON.stringify(rejected) },
      { key: 'doomed', value: JSON.stringify(after) },
    ]);

    await pollUntil(
      () => outcomes.length,
      (n) => n === 4,
      { timeoutMs: 20_000, description: '4 records processed' },
    );
    const byEvent = new Map(outcomes.map((o) => [o.eventId, o]));
    expect(byEvent.get(flaky.id)).toMatchObject({ kind: 'applied', attempts: 3 });
    expect(projection.calls.get(flaky.id)).toBe(3);
    expect(byEvent.get(doomed.id)).toMatchObject({ kind: 'dead-lettered', reason: 'retries-exhausted', attempts: 3 });
    expect(projection.calls.get(doomed.id)).toBe(3);
    expect(byEvent.get(rejected.id)).toMatchObject({ kind: 'dead-lettered', reason: 'rejected', attempts: 1 });
    expect(byEvent.get(after.id)).toMatchObject({ kind: 'applied', attempts: 1 });
    const state = await counters(h.dataSource);
    expect(state['flaky']).toMatchObject({ value: 1, events: 1 });
    expect(state['doomed']).toMatchObject({ value: 1, events: 1 });
    expect(await inboxCount(h.dataSource, 'retry-projection')).toBe(2);

    const letters = await readTopic(h.brokers, COUNTER_DLQ, 2);
    const exhausted = letters.find((l) => headerText(l.headers, 'dlq-reason') === 'retries-exhausted');
    expect(deadLetterInfo(exhausted?.headers)).toMatchObject({ attempts: 3, consumer: 'retry-projection' });
    expect(headerText(exhausted?.headers, 'dlq-error')).toMatch(/handler always fails for doomed#1/);
  });

  it('redrives dead letters to the original topic after a fix, once', async () => {
    const broken = counterProjection();
    let current: EventHandler<CounterIncremented> = broken.handler;
    const { outcomes, producer } = await consume('redrive-projection', () => current);
    const poison = rawEnvelope('poison', 1, { payload: { counterId: 'poison', amount: 7, seq: 1, fail: 'always' } });
    const malformed = Buffer.from('not json');
    await producer.send([
      { key: 'poison', value: JSON.stringify(poison), headers: { 'event-id': poison.id } },
      { key: 'junk', value: malformed },
    ]);
    await pollUntil(
      () => outcomes.filter((o) => o.kind === 'dead-lettered').length,
      (n) => n === 2,
      { description: 'both dead-lettered' },
    );

    // The fix: a handler that no longer trips over this event.
    const fixed = counterProjection();
    current = async (envelope: EventEnvelope<CounterIncremented>, ctx) =>
      fixed.handler({ ...envelope, payload: { ...envelope.payload, fail: undefined } }, ctx);

    const onlyExhausted = (letter: { reason?: string }) => letter.reason === 'retries-exhausted';
    const result = await redriveDeadLetters({
      topic: COUNTER_TOPIC,
      brokers: h.brokers,
      kafka: QUIET_KAFKA,
      group: FAST_GROUP,
      filter: onlyExhausted,
      logger: collectingLogger(),
    });
    expect(result).toEqual({ redriven: 1, skipped: 1 });
    await pollUntil(
      async () => (await counters(h.dataSource))['poison']?.value,
      (v) => v === 7,
      { description: 'poison applied after redrive' },
    );
    expect(await inboxCount(h.dataSource, 'redrive-projection')).toBe(1);

    // Redriven with its original headers, without the dlq-* ones.
    const records = await readTopic(h.brokers, COUNTER_TOPIC, 3);
    const redriven = records[records.length - 1];
    expect(headerText(redriven.headers, 'event-id')).toBe(poison.id);
    expect(Object.keys(redriven.headers ?? {}).filter((k) => k.startsWith('dlq-'))).toEqual([]);

    // The redrive group remembers: nothing is redriven twice.
    expect(await redriveDeadLetters({ topic: COUNTER_TOPIC, brokers: h.brokers, kafka: QUIET_KAFKA, group: FAST_GROUP, logger: collectingLogger() })).toEqual({
      redriven: 0,
      skipped: 0,
    });
  });
});
