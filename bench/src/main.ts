// `npm run bench`: the messaging backbone against a bare kafkajs baseline measured in the same run, on MariaDB
// and a 3-broker dev Kafka cluster. Prints figures and the targets; it asserts nothing.
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { deadLetterTopicOf, makeEnvelope } from '@crosswalk/contracts';
import { DevKafkaCluster } from '@crosswalk/dev-kafka';
import { InboxConsumer, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, Outbox, OutboxRelay, UnitOfWork, envelopeHeaders, type MessagingLogger } from '@crosswalk/messaging';
import { openServiceDatabase } from '@crosswalk/persistence';
import { createTestDatabase } from '@crosswalk/testing';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { register } from 'prom-client';
import type { DataSource } from 'typeorm';
import { BENCH_EVENT, BenchCounter, BenchCounterTable1764900000000, type BenchPing, benchEvent } from './bench-event';

const TOPIC = 'bench.ping.v1';
const BARE_TOPIC = 'bench.bare.v1';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);
const BATCH = 200;
const KEYS = 50;
const RATE = 200;
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 20);
/** Sent to the bare topic before anything is timed, so neither side pays for kafkajs's code warming up. */
const WARM_UP = 1000;
const QUIET = { logLevel: logLevel.NOTHING };
const GROUP = { sessionTimeout: 10_000, rebalanceTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 100 };

const quietLogger: MessagingLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (fields, message) => console.error(message, fields) };

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Events the relay has published and marked sent, from its own Prometheus counter: read in-process, so
 * watching the relay does not put queries on the database it is measured against.
 */
async function publishedByRelay(outbox: string): Promise<number> {
  const metric = await register.getSingleMetric('crosswalk_outbox_published_total')?.get();
  return metric?.values.find((v) => v.labels.outbox === outbox)?.value ?? 0;
}

const rate = (events: number, ms: number) => Math.round((events / ms) * 1000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Row {
  measure: string;
  crosswalk: string;
  baseline: string;
  target: string;
  met: string;
}

async function warmUp(brokers: string[]): Promise<void> {
  const producer = new Kafka({ brokers, clientId: 'bench-warm-up', ...QUIET }).producer({ createPartitioner: Partitioners.DefaultPartitioner, maxInFlightRequests: 1 });
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
 * (a) Relay vs a bare producer: the same events, the same batch size, acks -1. Both are connected before
 * their clock starts; the relay is then woken once, as a commit would wake it, with every row waiting.
 */
async function relayThroughput(dataSource: DataSource, brokers: string[]): Promise<Row> {
  const outbox = new Outbox({ service: 'bench' });
  // No poll during the run: only the wake below starts publication.
  const relay = new OutboxRelay({ dataSource, service: 'bench', brokers, kafka: QUIET, batchSize: BATCH, pollIntervalMs: 3_600_000, logger: quietLogger });
  relay.start();
  await until(() => relay.health().connected, 'the relay to connect');
  for (let start = 0; start < EVENTS; start += BATCH) {
    const events = Array.from({ length: Math.min(BATCH, EVENTS - start) }, (_, i) => benchEvent(start + i, KEYS));
    await dataSource.transaction((manager) => outbox.record(manager, events));
  }
  const relayStart = performance.now();
  relay.wake();
  await until(async () => (await publishedByRelay('bench')) >= EVENTS, 'the relay to publish every event');
  const relayMs = performance.now() - relayStart;
  await relay.stop();

  const producer = new Kafka({ brokers, clientId: 'bench-bare', ...QUIET }).producer({ createPartitioner: Partitioners.DefaultPartitioner, maxInFlightRequests: 1 });
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
    measure: `publish ${EVENTS} events, batches of ${BATCH} (events/s)`,
    crosswalk: `relay ${rate(EVENTS, relayMs)}`,
    baseline: `bare producer ${rate(EVENTS, bareMs)}`,
    target: 'relay >= 50% of bare',
    met: `${share >= 0.5 ? 'yes' : 'NO'} (${Math.round(share * 100)}%)`,
  };
}

/** (b) Inbox consumer vs a bare consumer over the same records; timed from the first record to the last. */
async function consumerRate(dataSource: DataSource, brokers: string[], applied: Map<number, number>, seqOf: Map<string, number>): Promise<{ row: Row; inbox: InboxConsumer }> {
  let first = 0;
  let last = 0;
  let count = 0;
  const inbox = new InboxConsumer({
    consumer: 'bench-projection',
    topics: [TOPIC],
    dataSource,
    brokers,
    kafka: QUIET,
    group: GROUP,
    logger: quietLogger,
    handlers: {
      [BENCH_EVENT]: async (envelope, ctx) => {
        const payload = envelope.payload as unknown as BenchPing;
        const repository = ctx.manager.getRepository(BenchCounter);
        const row = (await repository.findOne({ where: { id: envelope.key } })) ?? { id: envelope.key, events: 0 };
        row.events += 1;
        await repository.save(row);
        seqOf.set(envelope.id, payload.seq);
      },
    },
    // Reported after the inbox transaction commits: the moment the event's effect is durable.
    onOutcome: (outcome) => {
      if (outcome.kind !== 'applied') return;
      const now = performance.now();
      const seq = outcome.eventId === undefined ? undefined : seqOf.get(outcome.eventId);
      if (seq !== undefined) applied.set(seq, now);
      if (count === 0) first = now;
      count += 1;
      last = now;
    },
  });
  await inbox.start();
  await until(() => count >= EVENTS, 'the inbox consumer to apply every event', 300_000);
  const inboxMs = last - first;

  const consumer = new Kafka({ brokers, clientId: 'bench-bare-consumer', ...QUIET }).consumer({ groupId: 'bench-bare', ...GROUP });
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
  return {
    inbox,
    row: {
      measure: `consume ${EVENTS} events (events/s)`,
      crosswalk: `inbox + projection ${rate(count, inboxMs)}`,
      baseline: `bare consumer ${rate(bareCount, bareMs)}`,
      target: '(no target)',
      met: `${Math.round((bareMs / inboxMs) * 100)}% of bare`,
    },
  };
}

/**
 * Where the end-to-end time goes: the relay leg ends when the relay stamps the row sent (as its batch goes
 * out, wall clock), the consumer leg is the rest.
 */
async function legs(dataSource: DataSource, committedAt: Map<number, { perf: number; wall: number }>, applied: Map<number, number>, seqOf: Map<string, number>): Promise<Row> {
  const ids = [...seqOf.entries()].filter(([, seq]) => committedAt.has(seq)).map(([id]) => id);
  const rows = await dataSource.query<{ id: string; sentAt: Date }[]>(`SELECT id, sentAt FROM messaging_outbox WHERE id IN (${ids.map(() => '?').join(',')})`, ids);
  const relayLeg: number[] = [];
  const consumerLeg: number[] = [];
  for (const row of rows) {
    const seq = seqOf.get(row.id);
    const committed = seq === undefined ? undefined : committedAt.get(seq);
    const appliedAt = seq === undefined ? undefined : applied.get(seq);
    if (committed === undefined || appliedAt === undefined) continue;
    const toSent = new Date(row.sentAt).getTime() - committed.wall;
    relayLeg.push(toSent);
    consumerLeg.push(appliedAt - committed.perf - toSent);
  }
  const describe = (values: number[]) => {
    const sorted = values.sort((a, b) => a - b);
    return `p50 ${percentile(sorted, 50).toFixed(0)}, p99 ${percentile(sorted, 99).toFixed(0)}`;
  };
  return {
    measure: '  of which: commit -> sent | sent -> applied (ms)',
    crosswalk: `relay ${describe(relayLeg)}`,
    baseline: `consumer ${describe(consumerLeg)}`,
    target: '-',
    met: '-',
  };
}

/** (c) A steady 200 events/s, one transaction each: commit of the producing transaction -> consumer's commit. */
async function endToEnd(dataSource: DataSource, brokers: string[], applied: Map<number, number>, seqOf: Map<string, number>): Promise<Row[]> {
  const outbox = new Outbox({ service: 'bench' });
  const relay = new OutboxRelay({ dataSource, service: 'bench', brokers, kafka: QUIET, batchSize: BATCH, logger: quietLogger });
  relay.start();
  const unitOfWork = new UnitOfWork(dataSource, outbox, relay);
  const committed = new Map<number, number>();
  const committedAt = new Map<number, { perf: number; wall: number }>();
  const total = RATE * STEADY_SECONDS;
  const firstSeq = EVENTS;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const seq = firstSeq + i;
    inFlight.push(
      unitOfWork.run(async (tx) => tx.record(benchEvent(seq, KEYS))).then(() => {
        const perf = performance.now();
        committed.set(seq, perf);
        committedAt.set(seq, { perf, wall: Date.now() });
      }),
    );
  }
  await Promise.all(inFlight);
  const offered = rate(total, performance.now() - start);
  await until(() => [...committed.keys()].every((seq) => applied.has(seq)), 'every steady-rate event to be applied');
  await relay.stop();
  const latencies = [...committed.entries()].map(([seq, at]) => (applied.get(seq) ?? at) - at).sort((a, b) => a - b);
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
    await legs(dataSource, committedAt, applied, seqOf),
  ];
}

function printTable(rows: Row[]): void {
  const headers: Row = { measure: 'measure', crosswalk: 'crosswalk', baseline: 'baseline (same run)', target: 'target', met: 'met' };
  const keys = Object.keys(headers) as (keyof Row)[];
  const width = Object.fromEntries(keys.map((k) => [k, Math.max(...[headers, ...rows].map((r) => r[k].length))])) as Record<keyof Row, number>;
  const line = (r: Row) => `| ${keys.map((k) => r[k].padEnd(width[k])).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${keys.map((k) => '-'.repeat(width[k] + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  console.log(`crosswalk bench: ${EVENTS} events, batches of ${BATCH}, ${KEYS} aggregates; MariaDB + 3-broker dev Kafka cluster`);
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
  const applied = new Map<number, number>();
  const seqOf = new Map<string, number>();
  let inbox: InboxConsumer | undefined;
  try {
    await warmUp(cluster.bootstrapServers);
    const rows: Row[] = [await relayThroughput(dataSource, cluster.bootstrapServers)];
    const consumed = await consumerRate(dataSource, cluster.bootstrapServers, applied, seqOf);
    inbox = consumed.inbox;
    rows.push(consumed.row);
    rows.push(...(await endToEnd(dataSource, cluster.bootstrapServers, applied, seqOf)));
    console.log('');
    printTable(rows);
  } finally {
    await inbox?.close();
    await dataSource.destroy();
    await database.drop();
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
