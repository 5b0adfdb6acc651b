import type { EventEnvelope } from '@crosswalk/contracts';
import { runWithContext } from '@crosswalk/observability';
import { dialectOf } from '@crosswalk/persistence';
import type { Consumer, EachBatchPayload, IHeaders, KafkaMessage, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { Counter } from 'prom-client';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { type BackoffOptions, backoffDelay, sleep } from './backoff';
import { type DeadLetterReason, deadLetterRecord } from './dead-letter';
import { InboxRecord } from './entities/inbox-record.entity';
import { PermanentEventError, isDuplicateKeyError } from './errors';
import { type ParsedEvent, type RecordParseResult, messageOf, parseEventRecord } from './event-parsing';
import { type KafkaConnection, createKafka } from './kafka-client';
import { type MessagingLogger, consoleLogger } from './logger';
import { type Outbox, RecordingScope, type TransactionScope, type Wakeable } from './outbox';

/** What a handler gets besides the event: the transaction to write through, and where the event came from. */
export interface InboxContext extends TransactionScope {
  /** The inbox consumer name (a projection or a reacting capability). */
  readonly consumer: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** 1 on the first try, 2 on the first retry, ... */
  readonly attempt: number;
}

/**
 * A handler: applies one event using `ctx.manager`. It runs inside the transaction that also inserts the
 * inbox row, and inside a request context whose causation id is this event, so events it records are chained.
 * Throw to retry (with backoff, up to maxAttempts); throw PermanentEventError to dead-letter at once.
 *
 * (Written through a method type so a handler for a specific payload is accepted where any handler is.)
 */
export type EventHandler<P extends object = object> = {
  bivarianceHack(envelope: EventEnvelope<P>, ctx: InboxContext): unknown;
}['bivarianceHack'];

/** Handlers by event type. */
export type EventHandlers = Readonly<Record<string, EventHandler>>;
export type EventHandlerLookup = (type: string) => EventHandler | undefined;

export type InboxOutcomeKind = 'applied' | 'duplicate' | 'no-handler' | 'filtered' | 'dead-lettered';

/** What happened to one record; every record processed produces exactly one outcome. */
export interface InboxOutcome {
  kind: InboxOutcomeKind;
  consumer: string;
  topic: string;
  partition: number;
  offset: string;
  eventId?: string;
  type?: string;
  reason?: DeadLetterReason;
  attempts: number;
}

export interface ConsumerGroupTimings {
  /** kafkajs default 30000. Tests use a few seconds so a dead member is noticed quickly. */
  sessionTimeout?: number;
  /** kafkajs default 60000. */
  rebalanceTimeout?: number;
  /** kafkajs default 3000. */
  heartbeatInterval?: number;
  /** How long a fetch waits for data (default here 1000, kafkajs 5000): also bounds how long close() waits. */
  maxWaitTimeInMs?: number;
}

export interface InboxConsumerOptions {
  /** The inbox consumer name; also the consumer group id, exactly (no suffixes added). */
  consumer: string;
  topics: readonly string[];
  dataSource: DataSource;
  brokers: readonly string[];
  handlers: EventHandlers | EventHandlerLookup;
  kafka?: Omit<KafkaConnection, 'brokers'>;
  /** Overrides the group id (replay uses a fresh one); the inbox name stays `consumer`. */
  groupId?: string;
  /** Handler attempts before a record is dead-lettered with `retries-exhausted` (default 5). */
  maxAttempts?: number;
  /** Delay between handler attempts (default 200 ms doubling to 10 s). */
  backoff?: BackoffOptions;
  /** Needed only if handlers record events (`ctx.record`). */
  outbox?: Outbox;
  /** Woken after a handler's recorded events commit. */
  relay?: Wakeable;
  /** Where a new group starts: true (default) reads topics from the beginning, so a new projection sees history. */
  fromBeginning?: boolean;
  group?: ConsumerGroupTimings;
  /**
   * Partitions processed in parallel (default 3 on MySQL); order within a partition always holds. Parallel
   * transactions share commit flushes, and a partition's 1-event batches no longer wait behind the other
   * partitions', so a consumer keeps up at a steady rate instead of capping near one batch per fetch round.
   * Always 1 on embedded SQLite, which has one connection.
   */
  partitionsConsumedConcurrently?: number;
  /**
   * Consecutive records of one partition applied in one transaction (default 100; 1 turns grouping off).
   * One commit, and one offset commit, per group instead of per event: the fsync per event otherwise bounds
   * a consumer at a few hundred events/s. If anything in a group fails, the group rolls back and its records
   * are applied one at a time, with the usual retries and dead letters.
   */
  maxEventsPerTransaction?: number;
  logger?: MessagingLogger;
  /** 'publish' (default) sends dead letters to `<topic>.dlq`; 'count-only' just reports them (replays). */
  deadLetters?: 'publish' | 'count-only';
  /** Records whose event this rejects are acknowledged without being applied (replay from a date). */
  accept?: (envelope: EventEnvelope<object>) => boolean;
  /**
   * Per `topic:partition`, the offset at which to stop: that record and later ones are left for whoever
   * consumes next, and the partition is paused (replay up to the watermarks it started with).
   */
  stopAt?: ReadonlyMap<string, string>;
  /** Called for every processed record (tests, replay counting). */
  onOutcome?: (outcome: InboxOutcome) => void;
}

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 10_000, jitter: 0.2 };
/** The topic catalog gives its topics 3 partitions; more workers than partitions held would idle. */
const DEFAULT_PARTITIONS_IN_PARALLEL = 3;
const DEAD_LETTER_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 5_000, jitter: 0.2 };

/** Thrown inside the transaction when the inbox row exists: rolls back, and means "already applied". */
class AlreadyApplied extends Error {}

interface ReceivedRecord {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

type GroupResult = { committed: true } | { committed: false; failed?: { record: ReceivedRecord; error: unknown } };

/** A record that parsed, with what to do with it; a group is a run of these. */
interface ReadyRecord {
  record: ReceivedRecord;
  parsed: ParsedEvent;
  /** Undefined when no handler wants the event, or `accept` filtered it: acknowledged without effect. */
  handler: EventHandler | undefined;
  skipped?: 'no-handler' | 'filtered';
}

/** The scope a handler runs in: its transaction plus where the event came from. */
class InboxScope extends RecordingScope implements InboxContext {
  constructor(
    manager: EntityManager,
    outbox: Outbox | undefined,
    readonly consumer: string,
    readonly topic: string,
    readonly partition: number,
    readonly offset: string,
    readonly attempt: number,
  ) {
    super(manager, outbox);
  }
}

/**
 * The read side, without Nest: consumes topics through kafkajs and applies each event exactly once to the
 * service's database.
 *
 * Per record: parse the bytes -> validate the envelope -> find the contract -> upcast -> validate the payload
 * (any failure: dead letter at once) -> in ONE transaction insert the inbox row (consumer, event id) and run
 * the handler -> commit the Kafka offset. A duplicate inbox row means the event was applied before: the
 * offset is committed and nothing else happens. Because the offset is committed only after the transaction,
 * a crash at any point leads to redelivery, never to loss, and redelivery is harmless.
 *
 * Failures of the handler roll back and retry the same record (the partition waits: order matters) with
 * backoff; after `maxAttempts` the record goes to the dead-letter topic and the partition moves on. While
 * the database itself is unreachable, attempts are not counted: an outage must not dead-letter everything.
 */
export class InboxConsumer {
  readonly consumer: string;
  readonly groupId: string;
  private readonly options: InboxConsumerOptions;
  private readonly lookup: EventHandlerLookup;
  private readonly logger: MessagingLogger;
  private readonly maxAttempts: number;
  private readonly maxEventsPerTransaction: number;
  private readonly partitionsConsumedConcurrently: number;
  private readonly backoff: BackoffOptions;
  private readonly kafka: ReturnType<typeof createKafka>;
  private readonly producer: Producer;
  private readonly heartbeatEveryMs: number;
  private readonly stopSignal = new AbortController();
  private kafkaConsumer: Consumer | undefined;
  private starting: Promise<void> | undefined;
  private closing = false;
  private closed: Promise<void> | undefined;
  private assignment: Record<string, number[]> = {};
  /** The offset commit on its way to the broker, and the one to send when it is back (newer offsets). */
  private committing: Promise<void> | undefined;
  private nextCommit: (() => Promise<void>) | undefined;
  private readonly eventListeners: [string, (event: unknown) => void][] = [];
  /** kafkajs consumers that crashed for good before `run()` resolved, with the error: a failed start. */
  private readonly crashedWhileStarting = new WeakMap<Consumer, Error>();

  constructor(options: InboxConsumerOptions) {
    if (!options.consumer.trim()) throw new Error('InboxConsumer: `consumer` must name the consumer');
    if (options.topics.length === 0) throw new Error(`InboxConsumer ${options.consumer}: no topics to consume`);
    this.options = options;
    this.consumer = options.consumer;
    this.groupId = options.groupId ?? options.consumer;
    const handlers = options.handlers;
    this.lookup = typeof handlers === 'function' ? handlers : (type) => (Object.hasOwn(handlers, type) ? handlers[type] : undefined);
    this.logger = options.logger ?? consoleLogger;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.maxEventsPerTransaction = Math.max(1, options.maxEventsPerTransaction ?? 100);
    this.partitionsConsumedConcurrently = Math.min(
      dialectOf(options.dataSource).maxParallelTransactions,
      Math.max(1, options.partitionsConsumedConcurrently ?? DEFAULT_PARTITIONS_IN_PARALLEL),
    );
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.heartbeatEveryMs = Math.max(100, Math.min(options.group?.heartbeatInterval ?? 3000, 3000));
    this.kafka = createKafka({ ...options.kafka, brokers: options.brokers }, `${options.consumer}-inbox`);
    this.producer = this.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      retry: { retries: 4, initialRetryTime: 100, maxRetryTime: 1000 },
    });
  }

  /**
   * Connects, subscribes and starts consuming; resolves once consumption runs. While Kafka or the topics
   * are not there yet it keeps trying with backoff (nestjs #13220), until it succeeds or `close()` is called.
   */
  start(): Promise<void> {
    this.starting ??= this.connectUntilRunning();
    return this.starting;
  }

  /** Stops fetching, lets the record in flight finish and commit, leaves the group, disconnects. Idempotent. */
  close(): Promise<void> {
    this.closed ??= this.doClose();
    return this.closed;
  }

  /** The partitions this member holds, by topic (after the latest rebalance). */
  assignedPartitions(): Record<string, number[]> {
    return this.assignment;
  }

  /** The kafkajs consumer while running (for instrumentation events; keep kafkajs out of services). */
  unwrap(): Consumer | undefined {
    return this.kafkaConsumer;
  }

  /** Subscribes to a kafkajs consumer instrumentation event, now or when the consumer is created. */
  on(eventName: string, listener: (event: unknown) => void): void {
    this.eventListeners.push([eventName, listener]);
    this.kafkaConsumer?.on(eventName as never, listener);
  }

  private async connectUntilRunning(): Promise<void> {
    let failures = 0;
    while (!this.closing) {
      const consumer = this.createKafkaConsumer();
      try {
        if (this.options.deadLetters !== 'count-only') await this.producer.connect();
        await consumer.connect();
        // Topics are provisioned from the catalog, never auto-created here; a missing one is waited for.
        await consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning ?? true });
        await consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: this.partitionsConsumedConcurrently,
          eachBatch: (payload) => this.eachBatch(payload),
        });
        // kafkajs's run() does not reject when the first join fails: it emits CRASH and resolves with the
        // consumer stopped (for good after a non-retriable error). That is a failed attempt, not a start.
        const crash = this.crashedWhileStarting.get(consumer);
        if (crash) throw crash;
        this.kafkaConsumer = consumer;
        if (failures > 0) this.logger.info({ consumer: this.consumer }, 'inbox consumer connected');
        return;
      } catch (error) {
        failures += 1;
        await consumer.disconnect().catch(() => undefined);
        const delay = backoffDelay(failures, { initialMs: 250, maxMs: 5000 });
        this.logger.warn(
          { consumer: this.consumer, topics: this.options.topics, failures, retryInMs: delay, error: messageOf(error) },
          'inbox consumer cannot start yet (Kafka or topics unavailable); retrying',
        );
        await sleep(delay, this.stopSignal.signal);
      }
    }
  }

  private createKafkaConsumer(): Consumer {
    const group = this.options.group ?? {};
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: group.sessionTimeout,
      rebalanceTimeout: group.rebalanceTimeout,
      heartbeatInterval: group.heartbeatInterval,
      maxWaitTimeInMs: group.maxWaitTimeInMs ?? 1000,
      allowAutoTopicCreation: false,
    });
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      this.assignment = event.payload.memberAssignment;
    });
    consumer.on(consumer.events.CRASH, (event) => {
      const { error, restart } = event.payload;
      this.logger[restart ? 'warn' : 'error']({ consumer: this.consumer, restart, error: messageOf(error) }, 'inbox consumer crashed');
      // kafkajs restarts by itself after retriable errors only; after any other it stays stopped, which
      // would silently stop this service's read side. Start over instead (offsets are committed, so
      // nothing is lost or applied twice).
      if (restart || this.closing) return;
      if (consumer === this.kafkaConsumer) void this.restartAfterCrash(consumer);
      else this.crashedWhileStarting.set(consumer, error); // still in run(): connectUntilRunning retries
    });
    for (const [name, listener] of this.eventListeners) consumer.on(name as never, listener);
    return consumer;
  }

  private async restartAfterCrash(crashed: Consumer): Promise<void> {
    this.kafkaConsumer = undefined;
    await crashed.disconnect().catch(() => undefined);
    if (!(await sleep(1000, this.stopSignal.signal)) || this.closing) return;
    this.starting = this.connectUntilRunning();
    await this.starting;
  }

  private async doClose(): Promise<void> {
    this.closing = true;
    this.stopSignal.abort();
    await this.starting?.catch(() => undefined);
    // kafkajs's disconnect stops fetching and waits for the batch in progress; eachBatch stops after the
    // record in flight (isRunning() turns false), which is committed before the group is left.
    await this.kafkaConsumer?.disconnect().catch((error: unknown) => {
      this.logger.warn({ consumer: this.consumer, error: messageOf(error) }, 'inbox consumer did not disconnect cleanly');
    });
    await this.producer.disconnect().catch(() => undefined);
    this.kafkaConsumer = undefined;
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, uncommittedOffsets, isRunning, isStale, pause } = payload;
    const stopAt = this.options.stopAt?.get(`${batch.topic}:${batch.partition}`);
    const records: ReceivedRecord[] = [];
    for (const message of batch.messages) {
      if (stopAt !== undefined && BigInt(message.offset) >= BigInt(stopAt)) break;
      records.push({ topic: batch.topic, partition: batch.partition, message });
    }
    const acknowledge = async (record: ReceivedRecord): Promise<void> => {
      resolveOffset(record.message.offset);
      // With autoCommit off, passing the offsets is what makes kafkajs commit, after our transaction.
      this.commitSoon(() => commitOffsetsIfNecessary(uncommittedOffsets()));
      await heartbeat();
    };

    try {
      await this.applyBatch(records, acknowledge, heartbeat, isRunning, isStale);
    } finally {
      // Leaving or rejoining the group comes next (kafkajs waits for this batch first): the offsets of what
      // was applied reach the broker before that.
      if (!isRunning() || isStale() || this.closing) await this.committing;
    }
    if (stopAt !== undefined && records.length < batch.messages.length) pause();
  }

  private async applyBatch(
    records: readonly ReceivedRecord[],
    acknowledge: (record: ReceivedRecord) => Promise<void>,
    heartbeat: () => Promise<void>,
    isRunning: () => boolean,
    isStale: () => boolean,
  ): Promise<void> {
    for (let next = 0; next < records.length; ) {
      if (!isRunning() || isStale() || this.closing) return;
      const { group, rejected } = await this.takeGroup(records, next);
      const result = group.length > 1 ? await this.applyGroup(group, heartbeat) : undefined;
      if (result?.committed) {
        await acknowledge(group[group.length - 1].record);
        next += group.length;
        continue;
      }
      // One record at a time: a lone record, a record that cannot be parsed, or a group that failed.
      const single = group.length > 0 ? group : [{ record: records[next], parsed: rejected }];
      for (const { record, parsed } of single) {
        if (!isRunning() || isStale() || this.closing) return;
        const failure = result?.failed?.record === record ? { error: result.failed.error } : undefined;
        const done = await this.process(record, heartbeat, parsed, failure);
        if (!done) return; // closing while waiting to retry: leave it uncommitted for the next owner
        await acknowledge(record);
        next += 1;
      }
    }
  }

  /**
   * Commits offsets without holding the partition's next fetch for the broker's answer: at most one commit is
   * in flight, and when it returns, the newest offsets resolved meanwhile follow in one more. Those offsets
   * belong to transactions that have committed; a commit lost to a crash or a rebalance means the events come
   * again, and their inbox rows make them duplicates. Awaited before the consumer disconnects.
   */
  private commitSoon(commit: () => Promise<void>): void {
    this.nextCommit = commit;
    if (this.committing) return;
    this.committing = (async () => {
      for (let next = this.nextCommit; next; next = this.nextCommit) {
        this.nextCommit = undefined;
        try {
          await next();
        } catch (error) {
          this.logger.warn({ consumer: this.consumer, error: messageOf(error) }, 'offset commit failed; a later commit covers its offsets, or the events come again and are recognised as duplicates');
        }
      }
    })().finally(() => {
      this.committing = undefined;
    });
  }

  /**
   * The run of records from `start` that can share a transaction: parsed, up to `maxEventsPerTransaction`,
   * ending before the first record that cannot be parsed (returned as `rejected` when it is the first).
   */
  private async takeGroup(records: readonly ReceivedRecord[], start: number): Promise<{ group: ReadyRecord[]; rejected?: RecordParseResult }> {
    const group: ReadyRecord[] = [];
    for (let i = start; i < records.length && group.length < this.maxEventsPerTransaction; i += 1) {
      const parsed = await parseEventRecord(records[i].message.value);
      if (parsed.kind === 'rejected') return group.length === 0 ? { group, rejected: parsed } : { group };
      const handler = this.lookup(parsed.envelope.type);
      if (!handler) group.push({ record: records[i], parsed, handler: undefined, skipped: 'no-handler' });
      else if (this.options.accept && !this.options.accept(parsed.envelope)) group.push({ record: records[i], parsed, handler: undefined, skipped: 'filtered' });
      else group.push({ record: records[i], parsed, handler });
    }
    return { group };
  }

  /**
   * Processes one record to a final outcome. Returns false when abandoned because the consumer is closing.
   * `groupFailure` is the error its handler threw in a group that rolled back: it counts as the first attempt.
   */
  private async process(
    record: ReceivedRecord,
    heartbeat: () => Promise<void>,
    alreadyParsed?: RecordParseResult,
    groupFailure?: { error: unknown },
  ): Promise<boolean> {
    const { topic, partition, message } = record;
    const parsed = alreadyParsed ?? (await parseEventRecord(message.value));
    if (parsed.kind === 'rejected') {
      return this.deadLetter(record, parsed.reason, parsed.error, 0, heartbeat, { eventId: parsed.eventId, type: parsed.type });
    }
    const { envelope } = parsed;
    const base = { consumer: this.consumer, topic, partition, offset: message.offset, eventId: envelope.id, type: envelope.type };
    const handler = this.lookup(envelope.type);
    if (!handler) {
      // A known event this consumer does not care about (topics carry a family of types).
      this.report({ ...base, kind: 'no-handler', attempts: 0 });
      return true;
    }
    if (this.options.accept && !this.options.accept(envelope)) {
      this.report({ ...base, kind: 'filtered', attempts: 0 });
      return true;
    }

    let attempt = 0;
    let outage = 0;
    for (;;) {
      attempt += 1;
      let error: unknown;
      if (groupFailure) {
        // The handler already failed once in its group: that was attempt 1.
        error = groupFailure.error;
        groupFailure = undefined;
      } else {
        try {
          const result = await this.applyOnce(record, envelope, handler, attempt, heartbeat);
          this.report({ ...base, kind: result, attempts: attempt });
          return true;
        } catch (thrown) {
          error = thrown;
        }
      }
      if (this.closing) return false;
      const reason = messageOf(error);
      if (error instanceof PermanentEventError) {
        return this.deadLetter(record, 'rejected', reason, attempt, heartbeat, base);
      }
      if (!(await this.databaseReachable())) {
        // Not the event's fault: wait for the database without spending the event's attempts.
        attempt -= 1;
        outage += 1;
        const delay = backoffDelay(outage, this.backoff);
        if (outage === 1 || outage % 20 === 0) {
          this.logger.warn({ ...base, retryInMs: delay, error: reason }, 'database unreachable; waiting before applying the event again');
        }
        if (!(await this.wait(delay, heartbeat))) return false;
        continue;
      }
      outage = 0;
      if (attempt >= this.maxAttempts) {
        return this.deadLetter(record, 'retries-exhausted', reason, attempt, heartbeat, base);
      }
      const delay = backoffDelay(attempt, this.backoff);
      this.logger.warn({ ...base, attempt, maxAttempts: this.maxAttempts, retryInMs: delay, error: reason }, 'event handler failed; will retry');
      if (!(await this.wait(delay, heartbeat))) return false;
    }
  }

  /** One attempt: inbox row + handler + recorded events in one transaction. */
  private async applyOnce(
    record: ReceivedRecord,
    envelope: EventEnvelope<object>,
    handler: EventHandler,
    attempt: number,
    heartbeat: () => Promise<void>,
  ): Promise<'applied' | 'duplicate'> {
    // Long handlers keep the membership alive (nestjs #7270). A rebalance reported here is acted on by
    // the heartbeat after the commit, so the record in flight still completes.
    const keepAlive = setInterval(() => void heartbeat().catch(() => undefined), this.heartbeatEveryMs);
    try {
      const recorded = await runWithContext(contextOf(envelope), () =>
        this.options.dataSource.transaction(async (manager) => {
          try {
            await manager.insert(InboxRecord, this.inboxRow(record, envelope));
          } catch (error) {
            if (isDuplicateKeyError(error)) throw new AlreadyApplied();
            throw error;
          }
          const scope = new InboxScope(manager, this.options.outbox, this.consumer, record.topic, record.partition, record.message.offset, attempt);
          await handler(envelope, scope);
          return scope.flush();
        }),
      );
      if (recorded.length > 0) this.options.relay?.wake();
      return 'applied';
    } catch (error) {
      if (error instanceof AlreadyApplied) return 'duplicate';
      throw error;
    } finally {
      clearInterval(keepAlive);
    }
  }

  /**
   * Applies a group in one transaction: the inbox rows of the events not applied before, then each handler in
   * order, each in its event's request context so what it records is chained to that event. `committed` when
   * the group committed (outcomes reported); otherwise everything rolled back, and `failed` says which
   * handler threw what, if it was a handler.
   */
  private async applyGroup(group: readonly ReadyRecord[], heartbeat: () => Promise<void>): Promise<GroupResult> {
    const handled = group.filter((r): r is ReadyRecord & { handler: EventHandler } => r.handler !== undefined);
    const keepAlive = setInterval(() => void heartbeat().catch(() => undefined), this.heartbeatEveryMs);
    let duplicates = new Set<string>();
    let failed: { record: ReceivedRecord; error: unknown } | undefined;
    try {
      const recorded = await this.options.dataSource.transaction(async (manager) => {
        const ids = handled.map((r) => r.parsed.envelope.id);
        duplicates = ids.length === 0 ? new Set() : new Set((await manager.find(InboxRecord, { select: { eventId: true }, where: { consumer: this.consumer, eventId: In(ids) } })).map((r) => r.eventId));
        const fresh = handled.filter((r) => !duplicates.has(r.parsed.envelope.id));
        // A row inserted meanwhile by another member (a rebalance in flight) fails this insert: the group
        // then goes one record at a time, where a duplicate is recognised as such.
        if (fresh.length > 0) await manager.insert(InboxRecord, fresh.map((r) => this.inboxRow(r.record, r.parsed.envelope)));
        let count = 0;
        for (const { record, parsed, handler } of fresh) {
          const { envelope } = parsed;
          const scope = new InboxScope(manager, this.options.outbox, this.consumer, record.topic, record.partition, record.message.offset, 1);
          count += await runWithContext(contextOf(envelope), async () => {
            try {
              await handler(envelope, scope);
            } catch (error) {
              failed = { record, error };
              throw error;
            }
            return (await scope.flush()).length;
          });
        }
        return count;
      });
      if (recorded > 0) this.options.relay?.wake();
    } catch (error) {
      this.logger.debug(
        { consumer: this.consumer, topic: group[0].record.topic, partition: group[0].record.partition, records: group.length, error: messageOf(error) },
        'group of events failed; applying them one at a time',
      );
      return { committed: false, failed };
    } finally {
      clearInterval(keepAlive);
    }
    for (const { record, parsed, handler, skipped } of group) {
      const { envelope } = parsed;
      const kind: InboxOutcomeKind = skipped ?? (duplicates.has(envelope.id) ? 'duplicate' : 'applied');
      this.report({
        kind,
        consumer: this.consumer,
        topic: record.topic,
        partition: record.partition,
        offset: record.message.offset,
        eventId: envelope.id,
        type: envelope.type,
        attempts: handler ? 1 : 0,
      });
    }
    return { committed: true };
  }

  private inboxRow(record: ReceivedRecord, envelope: EventEnvelope<object>): InboxRecord {
    return {
      consumer: this.consumer,
      eventId: envelope.id,
      eventType: envelope.type,
      topic: record.topic,
      partition: record.partition,
      offset: record.message.offset,
      occurredAt: new Date(envelope.occurredAt),
      appliedAt: new Date(),
    };
  }

  /**
   * Sends the record to `<topic>.dlq` and reports it. Publishing is retried until it works (Kafka trouble is
   * not the record's fault); the offset is committed only afterwards, so no record is ever dropped silently.
   */
  private async deadLetter(
    record: ReceivedRecord,
    reason: DeadLetterReason,
    error: string,
    attempts: number,
    heartbeat: () => Promise<void>,
    seen: { eventId?: string; type?: string },
  ): Promise<boolean> {
    const { topic, partition, message } = record;
    const fields = { consumer: this.consumer, topic, partition, offset: message.offset, eventId: seen.eventId, type: seen.type, reason };
    if (this.options.deadLetters !== 'count-only') {
      const letter = deadLetterRecord({
        consumer: this.consumer,
        topic,
        partition,
        offset: message.offset,
        timestamp: message.timestamp,
        key: message.key,
        value: message.value,
        headers: message.headers as IHeaders | undefined,
        reason,
        error,
        attempts,
      });
      for (let failures = 0; ; ) {
        try {
          await this.producer.send({ topic: letter.topic, acks: -1, messages: [letter.message] });
          break;
        } catch (publishError) {
          if (this.closing) return false;
          failures += 1;
          const delay = backoffDelay(failures, DEAD_LETTER_BACKOFF);
          this.logger.warn({ ...fields, retryInMs: delay, error: messageOf(publishError) }, 'cannot publish dead letter yet; retrying');
          if (!(await this.wait(delay, heartbeat))) return false;
        }
      }
    }
    this.logger.error({ ...fields, attempts, error }, 'event dead-lettered');
    this.report({ ...fields, kind: 'dead-lettered', attempts });
    return true;
  }

  private async databaseReachable(): Promise<boolean> {
    try {
      await this.options.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /** Waits while keeping the group membership alive. False if the consumer started closing meanwhile. */
  private async wait(ms: number, heartbeat: () => Promise<void>): Promise<boolean> {
    const until = Date.now() + ms;
    while (!this.closing) {
      const left = until - Date.now();
      if (left <= 0) return true;
      await sleep(Math.min(left, this.heartbeatEveryMs), this.stopSignal.signal);
      if (this.closing) return false;
      // A rebalance error propagates: kafkajs rejoins and the record is redelivered to the new owner.
      await heartbeat();
    }
    return false;
  }

  private report(outcome: InboxOutcome): void {
    inboxCounter().inc({ consumer: outcome.consumer, outcome: outcome.kind, reason: outcome.reason ?? '' });
    try {
      this.options.onOutcome?.(outcome);
    } catch (error) {
      this.logger.warn({ consumer: this.consumer, error: messageOf(error) }, 'onOutcome callback threw');
    }
  }
}

/** The request context a handler runs in: its event is the cause of whatever it records. */
function contextOf(envelope: EventEnvelope<object>) {
  return { requestId: envelope.id, correlationId: envelope.correlationId, causationId: envelope.id, actor: envelope.actor };
}

let counter: Counter<'consumer' | 'outcome' | 'reason'> | undefined;
function inboxCounter(): Counter<'consumer' | 'outcome' | 'reason'> {
  counter ??= new Counter({
    name: 'crosswalk_inbox_records_total',
    help: 'Records processed by inbox consumers, by outcome (applied, duplicate, no-handler, filtered, dead-lettered)',
    labelNames: ['consumer', 'outcome', 'reason'],
  });
  return counter;
}
