// `npm run bench`: the messaging backbone against a bare kafkajs baseline measured in the same run, on MariaDB
// and a 3-broker dev Kafka cluster; then registrations through the gateway of the whole running system against
// a plain directory read (registrations.ts). Prints figures and the issues' targets; it asserts nothing.
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { deadLetterTopicOf, makeEnvelope } from '@crosswalk/contracts';
import { DEV_KAFKA_FETCH_MAX_WAIT_MS, DevKafkaCluster } from '@crosswalk/dev-kafka';
import {
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  Outbox,
  OutboxRelay,
  SERVICE_GROUP_TIMINGS,
  UnitOfWork,
  envelopeHeaders,
  type MessagingLogger,
} from '@crosswalk/messaging';
import { openServiceDatabase } from '@crosswalk/persistence';
import { createTestDatabase } from '@crosswalk/testing';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { BenchCounter, BenchCounterTable1764900000000, benchEvent } from './bench-event';
import { type AppliedEvent, type BenchConsumerSettings, ConsumingServiceProcess, epochNow } from './consumer-protocol';
import { registrationBenchmark } from './registrations';
import { type Row, latencySummary, percentile, rate, tableLines } from './stats';

const TOPIC = 'bench.ping.v1';
const BARE_TOPIC = 'bench.bare.v1';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);
/** Records per produce request, for the relay and the bare producer alike. */
const BATCH = 200;
/** Rows the relay claims per round: its default. */
const CLAIM = 1000;
const KEYS = 50;
const RATE = 200;
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 20);
/** Published by each side before its clock starts, so neither pays for its code warming up; consumed by both. */
const WARM_UP = 1000;
const QUIET = { logLevel: logLevel.NOTHING };
/** The services' group timings, with the fetch wait `npm start` gives them on the dev cluster. */
const GROUP = { ...SERVICE_GROUP_TIMINGS, maxWaitTimeInMs: DEV_KAFKA_FETCH_MAX_WAIT_MS };

const quietLogger: MessagingLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (fields, message) => console.error(message, fields),
};

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function warmUp(brokers: string[]): Promise<void> {
  const producer = new Kafka({ brokers, clientId: 'bench-warm-up', ...QUIET }).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  const context = { source: 'bench', correlationId: 'bench-warm-up', actor: { kind: 'service' as const, id: 'bench' } };
  for (let start = 0; start < WARM_UP; start += BATCH) {
    const messages = Array.from({ length: BATCH }, (_, i) => {
      const envelope = makeEnvelope(benchEvent(start + i, KEYS), context);
      return { key: envelope.key, value: JSON.stringify(envelope), headers: envelopeHeaders(envelope) };
    });
    await producer.send({ topic: BARE_TOPIC, acks: -1, messages });
  }
  await producer.disconnect();
}

/**
 * (a) Relay vs a bare producer: the same events in produce requests of the same size, acks -1. The relay
 * claims, marks and commits its default of 1000 rows a round. Both are connected before their clock starts;
 * the relay is then woken once, as a commit would wake it, with every row waiting.
 */
async function relayThroughput(dataSource: DataSource, brokers: string[]): Promise<Row> {
  const outbox = new Outbox({ service: 'bench' });
  // No poll during the run: only the wake below starts publication.
  const relay = new OutboxRelay({
    dataSource,
    service: 'bench',
    brokers,
    kafka: QUIET,
    batchSize: CLAIM,
    publishBatchSize: BATCH,
    pollIntervalMs: 3_600_000,
    logger: quietLogger,
  });
  relay.start();
  await until(() => relay.health().connected, 'the relay to connect');
  const fill = async (from: number, count: number) => {
    for (let start = from; start < from + count; start += BATCH) {
      const events = Array.from({ length: Math.min(BATCH, from + count - start) }, (_, i) => benchEvent(start + i, KEYS));
      await dataSource.transaction((manager) => outbox.record(manager, events));
    }
  };
  // The relay's warm-up, as the bare producer has its own: its first events are not timed.
  await fill(0, WARM_UP);
  relay.wake();
  // The relay's own count, read in-process: watching it puts no queries on the database it is measured against.
  await until(() => relay.published >= WARM_UP, 'the relay to publish its warm-up');
  await fill(WARM_UP, EVENTS);
  const relayStart = performance.now();
  relay.wake();
  await until(() => relay.published >= WARM_UP + EVENTS, 'the relay to publish every event');
  const relayMs = performance.now() - relayStart;
  await relay.stop();

  const producer = new Kafka({ brokers, clientId: 'bench-bare', ...QUIET }).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  const context = { source: 'bench', correlationId: 'bench', actor: { kind: 'service' as const, id: 'bench' } };
  const bareStart = performance.now();
  for (let start = 0; start < EVENTS; start += BATCH) {
    const messages = Array.from({ length: Math.min(BATCH, EVENTS - start) }, (_, i) => {
      const envelope = makeEnvelope(benchEvent(start + i, KEYS), context);
      return { key: envelope.key, value: JSON.stringify(envelope), headers: envelopeHeaders(envelope) };
    });
    await producer.send({ topic: BARE_TOPIC, acks: -1, messages });
  }
  const bareMs = performance.now() - bareStart;
  await producer.disconnect();
  const share = relayMs > 0 ? bareMs / relayMs : 0;
  return {
    measure: `publish ${EVENTS} events, requests of ${BATCH} (events/s)`,
    crosswalk: `relay ${rate(EVENTS, relayMs)}`,
    baseline: `bare producer ${rate(EVENTS, bareMs)}`,
    target: 'relay >= 50% of bare',
    met: `${share >= 0.5 ? 'yes' : 'NO'} (${Math.round(share * 100)}%)`,
  };
}

/**
 * (b) Inbox consumer vs a bare consumer over the same records; each timed from its first record to its last.
 * The inbox consumer is the consuming service's, in its own process, and keeps running for (c).
 */
async function consumerRate(settings: BenchConsumerSettings): Promise<{ row: Row; consuming: ConsumingServiceProcess }> {
  const consuming = await ConsumingServiceProcess.start(settings);
  let progress = { applied: 0, firstAt: 0, lastAt: 0 };
  await until(
    async () => {
      progress = await consuming.progress(0);
      return progress.applied >= WARM_UP + EVENTS;
    },
    'the inbox consumer to apply every event',
    300_000,
  );
  const inboxMs = progress.lastAt - progress.firstAt;

  const consumer = new Kafka({ brokers: settings.brokers, clientId: 'bench-bare-consumer', ...QUIET }).consumer({ groupId: 'bench-bare', ...settings.group });
  let bareFirst = 0;
  let bareLast = 0;
  let bareCount = 0;
  await consumer.connect();
  await consumer.subscribe({ topic: BARE_TOPIC, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      JSON.parse(message.value?.toString() ?? 'null');
      const now = performance.now();
      if (bareCount === 0) bareFirst = now;
      bareCount += 1;
      bareLast = now;
    },
  });
  await until(() => bareCount >= EVENTS + WARM_UP, 'the bare consumer to read every record');
  await consumer.disconnect();
  const bareMs = bareLast - bareFirst;
  // The performance issue's target: the inbox with its projection at a quarter of a bare consumer's rate.
  const share = Math.round(((progress.applied / inboxMs) * 100) / (bareCount / bareMs));
  return {
    consuming,
    row: {
      measure: `consume ${WARM_UP + EVENTS} events (events/s)`,
      crosswalk: `inbox + projection ${rate(progress.applied, inboxMs)}`,
      baseline: `bare consumer ${rate(bareCount, bareMs)}`,
      target: 'inbox >= 25% of bare',
      met: `${share >= 25 ? 'yes' : 'NO'} (${share}%)`,
    },
  };
}

/**
 * Where the end-to-end time goes: the relay leg ends when the relay stamps the row sent (as its batch goes
 * out; wall clock, to the millisecond), the Kafka leg when the consuming service's handler receives the
 * event, the apply leg when its inbox transaction has committed.
 */
async function legs(dataSource: DataSource, committedAt: Map<number, number>, events: AppliedEvent[]): Promise<Row> {
  const rows = await dataSource.query<{ id: string; sentAt: Date }[]>(
    `SELECT id, sentAt FROM messaging_outbox WHERE id IN (${events.map(() => '?').join(',')})`,
    events.map((e) => e.eventId),
  );
  const sentAt = new Map(rows.map((r) => [r.id, new Date(r.sentAt).getTime()]));
  const relayLeg: number[] = [];
  const kafkaLeg: number[] = [];
  const applyLeg: number[] = [];
  for (const event of events) {
    const committed = committedAt.get(event.seq);
    const sent = sentAt.get(event.eventId);
    if (committed === undefined || sent === undefined) continue;
    relayLeg.push(sent - committed);
    kafkaLeg.push(event.handledAt - sent);
    applyLeg.push(event.appliedAt - event.handledAt);
  }
  const describe = (values: number[]) => latencySummary(values, 0);
  return {
    measure: '  of which: commit -> sent | -> handler | -> applied (ms)',
    crosswalk: `relay ${describe(relayLeg)}`,
    baseline: `kafka ${describe(kafkaLeg)} | apply ${describe(applyLeg)}`,
    target: '-',
    met: '-',
  };
}

/**
 * (c) A steady 200 events/s, one transaction each, in this process (the publishing service): from the
 * commit of the producing transaction to the commit of the consuming service's inbox transaction.
 */
async function endToEnd(dataSource: DataSource, brokers: string[], consuming: ConsumingServiceProcess): Promise<Row[]> {
  const outbox = new Outbox({ service: 'bench' });
  const relay = new OutboxRelay({ dataSource, service: 'bench', brokers, kafka: QUIET, batchSize: CLAIM, publishBatchSize: BATCH, logger: quietLogger });
  relay.start();
  const unitOfWork = new UnitOfWork(dataSource, outbox, relay);
  const committedAt = new Map<number, number>();
  const total = RATE * STEADY_SECONDS;
  const firstSeq = WARM_UP + EVENTS;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const seq = firstSeq + i;
    inFlight.push(unitOfWork.run(async (tx) => tx.record(benchEvent(seq, KEYS))).then(() => void committedAt.set(seq, epochNow())));
  }
  await Promise.all(inFlight);
  const offered = rate(total, performance.now() - start);
  await until(async () => (await consuming.progress(firstSeq)).applied >= total, 'every steady-rate event to be applied');
  await relay.stop();
  const events = await consuming.report(firstSeq);
  const latencies = events.map((e) => e.appliedAt - (committedAt.get(e.seq) ?? e.appliedAt)).sort((a, b) => a - b);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const max = latencies[latencies.length - 1];
  return [
    {
      measure: `end to end at ${offered} events/s for ${STEADY_SECONDS} s (ms)`,
      crosswalk: `p50 ${p50.toFixed(1)}, p99 ${p99.toFixed(1)}, max ${max.toFixed(1)}`,
      baseline: '-',
      target: 'p99 <= 250 ms',
      met: p99 <= 250 ? 'yes' : 'NO',
    },
    await legs(dataSource, committedAt, events),
  ];
}

/** The messaging backbone, each figure beside a bare kafkajs baseline. */
async function messagingBenchmark(): Promise<Row[]> {
  console.log(
    `messaging bench: ${EVENTS} events, produce requests of ${BATCH} (the relay claims ${CLAIM} rows a round), ${KEYS} aggregates; MariaDB + 3-broker dev Kafka cluster; ` +
      `the consuming service in its own process, fetch wait ${GROUP.maxWaitTimeInMs} ms`,
  );
  const cluster = await DevKafkaCluster.start({
    brokers: 3,
    topics: [
      { name: TOPIC, partitions: 3 },
      { name: deadLetterTopicOf(TOPIC), partitions: 1 },
      { name: BARE_TOPIC, partitions: 3 },
    ],
  });
  const database = await createTestDatabase('bench');
  const dataSource = await openServiceDatabase({
    service: 'bench',
    databaseUrl: database.url,
    entities: [...MESSAGING_ENTITIES, BenchCounter],
    migrations: [...MESSAGING_MIGRATIONS, BenchCounterTable1764900000000],
  });
  const settings: BenchConsumerSettings = { databaseUrl: database.url, brokers: cluster.bootstrapServers, topic: TOPIC, group: GROUP };
  let consuming: ConsumingServiceProcess | undefined;
  try {
    await warmUp(cluster.bootstrapServers);
    const rows: Row[] = [await relayThroughput(dataSource, cluster.bootstrapServers)];
    const consumed = await consumerRate(settings);
    consuming = consumed.consuming;
    rows.push(consumed.row);
    rows.push(...(await endToEnd(dataSource, cluster.bootstrapServers, consuming)));
    return rows;
  } finally {
    await consuming?.stop();
    await dataSource.destroy();
    await database.drop();
    await cluster.stop();
  }
}

const PARTS: Record<string, () => Promise<Row[]>> = { messaging: messagingBenchmark, registrations: registrationBenchmark };

/** Every part in turn (BENCH_PARTS names some, comma-separated), then one table; a failed part fails the run. */
async function main(): Promise<void> {
  const chosen = (process.env.BENCH_PARTS ?? Object.keys(PARTS).join(','))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const unknown = chosen.filter((part) => !(part in PARTS));
  if (unknown.length) throw new Error(`BENCH_PARTS names unknown parts (${unknown.join(', ')}); the parts are ${Object.keys(PARTS).join(', ')}`);
  const rows: Row[] = [];
  let failed = false;
  for (const part of chosen) {
    try {
      rows.push(...(await PARTS[part]()));
    } catch (error) {
      console.error(`bench: the ${part} part failed:`, error);
      failed = true;
    }
  }
  if (rows.length) console.log(['', ...tableLines(rows)].join('\n'));
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
