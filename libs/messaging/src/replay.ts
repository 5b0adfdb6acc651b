// Decorator metadata (class-transformer's @Type in the contracts) needs the polyfill before any contract loads.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { deadLetterTopicOf } from '@crosswalk/contracts';
import { type Admin, type IHeaders, type Kafka, Partitioners } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import type { BackoffOptions } from './backoff';
import { type DeadLetterInfo, deadLetterInfo, redriveRecord } from './dead-letter';
import { InboxRecord } from './entities/inbox-record.entity';
import { messageOf } from './event-parsing';
import type { EventHandlerLookup, EventHandlers } from './inbox/handler';
import { InboxConsumer } from './inbox/inbox-consumer';
import type { ConsumerGroupTimings } from './inbox/options';
import type { InboxOutcome } from './inbox/outcomes';
import { type KafkaConnection, createKafka } from './kafka-client';
import { type MessagingLogger, consoleLogger } from './logger';

/** `topic:partition` -> offset. */
export type PartitionOffsets = Map<string, string>;

export interface ReplayOptions {
  /** The inbox consumer whose projection is rebuilt (its inbox rows are deleted and rebuilt under this name). */
  consumer: string;
  topics: readonly string[];
  dataSource: DataSource;
  handlers: EventHandlers | EventHandlerLookup;
  brokers: readonly string[];
  /**
   * Replay only events that occurred at or after this instant. `reset` must then remove exactly the
   * effects of those events; only their inbox rows are deleted. Without it, everything is rebuilt.
   */
  from?: Date;
  /** Clears the projection (its tables), in the same transaction that deletes the inbox rows. */
  reset: (manager: EntityManager, scope: { from?: Date }) => Promise<void>;
  kafka?: Omit<KafkaConnection, 'brokers'>;
  logger?: MessagingLogger;
  group?: ConsumerGroupTimings;
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** Give up (and throw) after this long (default 10 minutes). */
  timeoutMs?: number;
  /**
   * Replay even when the topics hold less than the projection was built from (see `ReplayRefusedError`):
   * the projection then loses what the topics no longer hold. For those who mean it.
   */
  force?: boolean;
}

/**
 * The replay would leave the projection with less than it has: a topic no longer holds events the inbox
 * says were applied (it was emptied or recreated, e.g. an in-memory cluster restarted, or retention
 * deleted its start). Nothing was changed.
 */
export class ReplayRefusedError extends Error {
  constructor(
    readonly consumer: string,
    readonly problems: readonly string[],
  ) {
    super(
      [
        `refusing to replay ${consumer}: its topics hold less than its projection was built from, so the replay would leave the projection with less than it has. Nothing was changed.`,
        ...problems.map((problem) => `  ${problem}`),
        'Replay anyway, losing what the topics no longer hold, with --force (replayConsumer: force: true).',
      ].join('\n'),
    );
    this.name = 'ReplayRefusedError';
  }
}

export interface ReplayResult {
  applied: number;
  /** Records whose event was already applied (only with `from`, or events repeated on the topic). */
  duplicates: number;
  noHandler: number;
  /** Records before `from`. */
  filtered: number;
  /** Records that could not be applied; they already are in the dead-letter topic from the live run. */
  deadLettered: number;
  /** High watermarks the replay stopped at. */
  watermarks: Record<string, string>;
  durationMs: number;
}

/**
 * Rebuilds a projection from the topics: reset it and its inbox rows, then consume every record up to the
 * high watermarks taken at the start, through the same inbox path as live consumption (same parsing,
 * upcasting, validation and handlers). Projections are pure functions of their events, so the result equals
 * the live projection.
 *
 * It consumes with a fresh group id, so the live group's committed offsets are untouched: stop the live
 * consumer while replaying (so the two do not interleave), start it again afterwards; records beyond the
 * watermarks are left to it. Dead letters are counted, not published again. Handlers must not record events
 * (a replay must not re-publish follow-up events): replay projections only.
 */
export async function replayConsumer(options: ReplayOptions): Promise<ReplayResult> {
  const started = Date.now();
  const logger = options.logger ?? consoleLogger;
  const kafka = createKafka({ ...options.kafka, brokers: options.brokers }, `${options.consumer}-replay`);
  const { high, pending, low } = await withAdmin(kafka.admin(), (admin) => watermarksOf(admin, options.topics));
  if (!options.force) {
    const problems = await coverageProblems(options.dataSource, options.consumer, options.topics, low, high, (samples) =>
      eventIdsAt(kafka, samples, options.group, Math.min(options.timeoutMs ?? 120_000, 120_000)),
    );
    if (problems.length > 0) throw new ReplayRefusedError(options.consumer, problems);
  }

  await options.dataSource.transaction(async (manager) => {
    await options.reset(manager, { from: options.from });
    const inbox = manager.createQueryBuilder().delete().from(InboxRecord).where('consumer = :consumer', { consumer: options.consumer });
    if (options.from) inbox.andWhere('occurredAt >= :from', { from: options.from });
    await inbox.execute();
  });

  const result: ReplayResult = { applied: 0, duplicates: 0, noHandler: 0, filtered: 0, deadLettered: 0, watermarks: Object.fromEntries(high), durationMs: 0 };
  const next = new Map<string, bigint>();
  const remaining = new Set(pending.keys());
  if (remaining.size === 0) return { ...result, durationMs: Date.now() - started };

  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const count = (outcome: InboxOutcome): void => {
    if (outcome.kind === 'applied') result.applied += 1;
    else if (outcome.kind === 'duplicate') result.duplicates += 1;
    else if (outcome.kind === 'no-handler') result.noHandler += 1;
    else if (outcome.kind === 'filtered') result.filtered += 1;
    else result.deadLettered += 1;
    const key = `${outcome.topic}:${outcome.partition}`;
    next.set(key, BigInt(outcome.offset) + 1n);
    const stop = high.get(key);
    if (stop !== undefined && BigInt(outcome.offset) + 1n >= BigInt(stop)) remaining.delete(key);
    if (remaining.size === 0) finish();
  };

  const from = options.from;
  const inbox = new InboxConsumer({
    consumer: options.consumer,
    groupId: `${options.consumer}.replay.${Date.now().toString(36)}${randomBytes(3).toString('hex')}`,
    topics: options.topics,
    dataSource: options.dataSource,
    brokers: options.brokers,
    handlers: options.handlers,
    kafka: options.kafka,
    logger,
    group: options.group,
    maxAttempts: options.maxAttempts,
    backoff: options.backoff,
    fromBeginning: true,
    deadLetters: 'count-only',
    stopAt: high,
    accept: from ? (envelope) => new Date(envelope.occurredAt).getTime() >= from.getTime() : undefined,
    onOutcome: count,
  });
  const timeoutMs = options.timeoutMs ?? 600_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await inbox.start();
    const timedOut = await Promise.race([finished.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)))]);
    if (timedOut) {
      const where = [...remaining].map((key) => `${key} at ${next.get(key) ?? 'start'} of ${high.get(key)}`).join(', ');
      throw new Error(`Replay of ${options.consumer} did not reach the watermarks within ${timeoutMs} ms (${where})`);
    }
  } finally {
    clearTimeout(timer);
    await inbox.close();
  }
  logger.info({ consumer: options.consumer, ...result }, 'replay finished');
  return { ...result, durationMs: Date.now() - started };
}

export interface RedriveOptions {
  /** The original topic; dead letters are read from `<topic>.dlq`. */
  topic: string;
  brokers: readonly string[];
  kafka?: Omit<KafkaConnection, 'brokers'>;
  logger?: MessagingLogger;
  /**
   * The group that remembers how far redrives got (default `<topic>.dlq.redrive`), so each dead letter is
   * redriven once; pass a fresh id to redrive everything again.
   */
  groupId?: string;
  /** Which dead letters to redrive (default all); the others are passed over and stay in the DLQ. */
  filter?: (letter: DeadLetterInfo) => boolean;
  group?: ConsumerGroupTimings;
  timeoutMs?: number;
}

export interface RedriveResult {
  redriven: number;
  /** Dead letters the filter passed over. */
  skipped: number;
}

/**
 * Republishes dead letters to their original topic, with their original key, value and headers (the `dlq-*`
 * headers dropped), once the cause is fixed. Consumers that had applied an event dedupe it through their
 * inbox; the one that dead-lettered it applies it now. Reads the DLQ up to its high watermark at the start,
 * so letters that fail again during the redrive wait for the next one instead of looping.
 */
export async function redriveDeadLetters(options: RedriveOptions): Promise<RedriveResult> {
  const logger = options.logger ?? consoleLogger;
  const dlq = deadLetterTopicOf(options.topic);
  const groupId = options.groupId ?? `${dlq}.redrive`;
  const kafka = createKafka({ ...options.kafka, brokers: options.brokers }, `${options.topic}-redrive`);

  const { high, remaining } = await withAdmin(kafka.admin(), async (admin) => {
    const marks = await watermarksOf(admin, [dlq]);
    const committed = await admin.fetchOffsets({ groupId, topics: [dlq] });
    const left = new Set<string>();
    for (const [key, stop] of marks.pending) {
      const partition = Number(key.slice(dlq.length + 1));
      const offset = committed.flatMap((t) => t.partitions).find((p) => p.partition === partition)?.offset ?? '-1';
      const start = BigInt(offset) < 0n ? BigInt(stop.low) : BigInt(offset);
      if (start < BigInt(stop.high)) left.add(key);
    }
    return { high: marks.high, remaining: left };
  });
  const result: RedriveResult = { redriven: 0, skipped: 0 };
  if (remaining.size === 0) return result;

  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    sessionTimeout: options.group?.sessionTimeout,
    rebalanceTimeout: options.group?.rebalanceTimeout,
    heartbeatInterval: options.group?.heartbeatInterval,
    maxWaitTimeInMs: options.group?.maxWaitTimeInMs ?? 1000,
  });
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let failure: unknown;
  const timeoutMs = options.timeoutMs ?? 600_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topics: [dlq], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, uncommittedOffsets, heartbeat, isRunning, pause }) => {
        const key = `${batch.topic}:${batch.partition}`;
        const stop = BigInt(high.get(key) ?? '0');
        for (const message of batch.messages) {
          if (!isRunning()) return;
          if (BigInt(message.offset) >= stop) {
            pause();
            return;
          }
          const headers = message.headers as IHeaders | undefined;
          if (options.filter && !options.filter(deadLetterInfo(headers))) {
            result.skipped += 1;
          } else {
            const record = redriveRecord(dlq, { key: message.key, value: message.value, headers });
            try {
              await producer.send({ topic: record.topic, acks: -1, messages: [record.message] });
            } catch (error) {
              // Stop here without committing: the next redrive starts again from this letter.
              failure = error;
              finish();
              return;
            }
            result.redriven += 1;
          }
          resolveOffset(message.offset);
          await commitOffsetsIfNecessary(uncommittedOffsets());
          await heartbeat();
          if (BigInt(message.offset) + 1n >= stop) {
            remaining.delete(key);
            if (remaining.size === 0) finish();
          }
        }
      },
    });
    const timedOut = await Promise.race([finished.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)))]);
    if (failure) throw new Error(`Redrive of ${dlq} stopped after ${result.redriven} letters: ${messageOf(failure)}`);
    if (timedOut) throw new Error(`Redrive of ${dlq} did not reach its high watermark within ${timeoutMs} ms`);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
  }
  logger.info({ topic: options.topic, ...result }, 'dead letters redriven');
  return result;
}

async function withAdmin<T>(admin: Admin, fn: (admin: Admin) => Promise<T>): Promise<T> {
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * High watermarks of every partition (ListOffsets goes to the partition leaders, so this works on the dev
 * cluster, whose controller id is unusable), and the partitions that hold any record at all.
 */
async function watermarksOf(
  admin: Admin,
  topics: readonly string[],
): Promise<{ high: PartitionOffsets; low: PartitionOffsets; pending: Map<string, { low: string; high: string }> }> {
  const high: PartitionOffsets = new Map();
  const low: PartitionOffsets = new Map();
  const pending = new Map<string, { low: string; high: string }>();
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      const key = `${topic}:${p.partition}`;
      high.set(key, p.high);
      low.set(key, p.low);
      if (BigInt(p.high) > BigInt(p.low)) pending.set(key, { low: p.low, high: p.high });
    }
  }
  return { high, low, pending };
}

interface InboxEdge {
  offset: string;
  eventId: string;
}

interface InboxPartitionStats {
  topic: string;
  partition: number;
  count: number;
  first: InboxEdge;
  last: InboxEdge;
}

/** Per topic partition: how many events the consumer's inbox records, and the first and last offsets. */
async function inboxStats(dataSource: DataSource, consumer: string, topics: readonly string[]): Promise<InboxPartitionStats[]> {
  if (topics.length === 0) return [];
  const inbox = dataSource.getRepository(InboxRecord);
  const groups = await inbox
    .createQueryBuilder('inbox')
    .select('inbox.topic', 'topic')
    .addSelect('inbox.partition', 'partition')
    .addSelect('COUNT(*)', 'count')
    .where('inbox.consumer = :consumer', { consumer })
    .andWhere('inbox.topic IN (:...topics)', { topics })
    .groupBy('inbox.topic')
    .addGroupBy('inbox.partition')
    .getRawMany<{ topic: string; partition: number | string; count: number | string }>();
  const stats: InboxPartitionStats[] = [];
  for (const group of groups) {
    // Offsets are text (64-bit): the numeric order is by length, then by text.
    const edge = async (direction: 'ASC' | 'DESC'): Promise<InboxEdge> => {
      const row = await inbox
        .createQueryBuilder('inbox')
        .select('inbox.offset', 'offset')
        .addSelect('inbox.eventId', 'eventId')
        .where('inbox.consumer = :consumer AND inbox.topic = :topic AND inbox.partition = :partition', {
          consumer,
          topic: group.topic,
          partition: Number(group.partition),
        })
        .orderBy('LENGTH(inbox.offset)', direction)
        .addOrderBy('inbox.offset', direction)
        .limit(1)
        .getRawOne<InboxEdge>();
      return row ?? { offset: '0', eventId: '' };
    };
    stats.push({ topic: group.topic, partition: Number(group.partition), count: Number(group.count), first: await edge('ASC'), last: await edge('DESC') });
  }
  return stats;
}

/**
 * Why a full replay from these topics would leave the projection with less than it has, if it would: a
 * partition that starts after the first event the inbox applied from it, or ends before the last one, or a
 * topic holding fewer events than the inbox records applied from it. Empty when the topics cover the inbox.
 */
async function coverageProblems(
  dataSource: DataSource,
  consumer: string,
  topics: readonly string[],
  low: PartitionOffsets,
  high: PartitionOffsets,
  readAt: (samples: readonly OffsetSample[]) => Promise<Map<string, string | undefined>>,
): Promise<string[]> {
  const problems: string[] = [];
  const samples: OffsetSample[] = [];
  const applied = new Map<string, number>();
  const describe = (key: string): string => {
    const [from, to] = [BigInt(low.get(key) ?? '0'), BigInt(high.get(key) ?? '0')];
    return to > from ? `holds offsets ${from}..${to - 1n}` : `holds nothing (offsets ${from}..${to})`;
  };
  for (const stat of await inboxStats(dataSource, consumer, topics)) {
    const key = `${stat.topic}:${stat.partition}`;
    applied.set(stat.topic, (applied.get(stat.topic) ?? 0) + stat.count);
    const what = `${stat.topic} partition ${stat.partition}: the inbox records ${stat.count} applied event(s) at offsets ${stat.first.offset}..${stat.last.offset}, the topic ${describe(key)}`;
    if (!high.has(key))
      problems.push(`${stat.topic} partition ${stat.partition}: the inbox records ${stat.count} applied event(s), the topic has no such partition`);
    else if (BigInt(stat.first.offset) < BigInt(low.get(key) ?? '0')) problems.push(`${what} (it starts after the first event applied)`);
    else if (BigInt(stat.last.offset) >= BigInt(high.get(key) ?? '0')) problems.push(`${what} (it ends before the last event applied)`);
    else {
      for (const edge of stat.first.offset === stat.last.offset ? [stat.first] : [stat.first, stat.last]) {
        samples.push({ topic: stat.topic, partition: stat.partition, offset: edge.offset, eventId: edge.eventId });
      }
    }
  }
  for (const [topic, count] of applied) {
    let held = 0n;
    for (const [key, to] of high) if (key.slice(0, key.lastIndexOf(':')) === topic) held += BigInt(to) - BigInt(low.get(key) ?? '0');
    if (BigInt(count) > held) problems.push(`${topic}: the topic holds ${held} event(s), the inbox records ${count} applied from it`);
  }
  if (problems.length > 0 || samples.length === 0) return problems;
  // Positions and counts agree; a topic emptied and refilled with as many other events would too. The first
  // and last event the inbox applied from each partition must still be the records at those offsets.
  const found = await readAt(samples);
  for (const sample of samples) {
    const id = found.get(`${sample.topic}:${sample.partition}:${sample.offset}`);
    if (id !== sample.eventId) {
      problems.push(
        `${sample.topic} partition ${sample.partition} offset ${sample.offset}: the inbox applied event ${sample.eventId} there, the topic now holds ${id === undefined ? 'a record that is not an event' : `event ${id}`} (the topic was emptied and refilled)`,
      );
    }
  }
  return problems;
}

interface OffsetSample {
  topic: string;
  partition: number;
  offset: string;
  eventId: string;
}

/**
 * The event id of the record at each sampled offset (undefined when it is not an event envelope), read with a
 * throw-away consumer group that seeks to each offset and stops there.
 */
async function eventIdsAt(
  kafka: Kafka,
  samples: readonly OffsetSample[],
  group: ConsumerGroupTimings | undefined,
  timeoutMs: number,
): Promise<Map<string, string | undefined>> {
  const found = new Map<string, string | undefined>();
  const wanted = new Map<string, bigint[]>();
  for (const sample of samples) {
    const key = `${sample.topic}:${sample.partition}`;
    wanted.set(
      key,
      [...(wanted.get(key) ?? []), BigInt(sample.offset)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  }
  const consumer = kafka.consumer({
    groupId: `replay-check.${Date.now().toString(36)}${randomBytes(3).toString('hex')}`,
    allowAutoTopicCreation: false,
    sessionTimeout: group?.sessionTimeout,
    rebalanceTimeout: group?.rebalanceTimeout,
    heartbeatInterval: group?.heartbeatInterval,
    maxWaitTimeInMs: group?.maxWaitTimeInMs ?? 1000,
  });
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...new Set(samples.map((s) => s.topic))], fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const key = `${batch.topic}:${batch.partition}`;
        const offsets = wanted.get(key);
        if (!offsets || offsets.length === 0) return;
        for (const message of batch.messages) {
          const offset = BigInt(message.offset);
          if (offset !== offsets[0]) continue;
          found.set(`${key}:${message.offset}`, envelopeIdOf(message.value));
          offsets.shift();
          if (offsets.length > 0) {
            consumer.seek({ topic: batch.topic, partition: batch.partition, offset: offsets[0].toString() });
            return;
          }
        }
        if (offsets.length === 0) {
          wanted.delete(key);
          consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
          if (wanted.size === 0) finish();
        }
      },
    });
    for (const [key, offsets] of wanted) {
      const at = key.lastIndexOf(':');
      consumer.seek({ topic: key.slice(0, at), partition: Number(key.slice(at + 1)), offset: offsets[0].toString() });
    }
    const timedOut = await Promise.race([finished.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)))]);
    if (timedOut) throw new Error(`Checking the topics before a replay: could not read ${[...wanted.keys()].join(', ')} within ${timeoutMs} ms`);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
  }
  return found;
}

function envelopeIdOf(value: Buffer | null): string | undefined {
  try {
    const parsed = JSON.parse(value?.toString('utf8') ?? '') as { id?: unknown };
    return typeof parsed.id === 'string' ? parsed.id : undefined;
  } catch {
    return undefined;
  }
}
