import type { EventEnvelope } from '@crosswalk/contracts';
import { dialectOf } from '@crosswalk/persistence';
import type { DataSource } from 'typeorm';
import type { BackoffOptions } from '../backoff';
import type { KafkaConnection } from '../kafka-client';
import { type MessagingLogger, consoleLogger } from '../logger';
import type { Outbox, Wakeable } from '../outbox';
import { type EventHandlerLookup, type EventHandlers, handlerLookup } from './handler';
import type { InboxOutcome } from './outcomes';

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

/** The options with their defaults applied, as the inbox's parts read them. */
export interface InboxSettings {
  readonly options: InboxConsumerOptions;
  readonly consumer: string;
  readonly groupId: string;
  readonly lookup: EventHandlerLookup;
  readonly logger: MessagingLogger;
  readonly maxAttempts: number;
  readonly maxEventsPerTransaction: number;
  readonly partitionsConsumedConcurrently: number;
  readonly backoff: BackoffOptions;
  /** How often long work and waits heartbeat: the group's heartbeat interval, within 100 ms to 3 s. */
  readonly heartbeatEveryMs: number;
}

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 10_000, jitter: 0.2 };
/** The topic catalog gives its topics 3 partitions; more workers than partitions held would idle. */
const DEFAULT_PARTITIONS_IN_PARALLEL = 3;

export function inboxSettings(options: InboxConsumerOptions): InboxSettings {
  if (!options.consumer.trim()) throw new Error('InboxConsumer: `consumer` must name the consumer');
  if (options.topics.length === 0) throw new Error(`InboxConsumer ${options.consumer}: no topics to consume`);
  return {
    options,
    consumer: options.consumer,
    groupId: options.groupId ?? options.consumer,
    lookup: handlerLookup(options.handlers),
    logger: options.logger ?? consoleLogger,
    maxAttempts: Math.max(1, options.maxAttempts ?? 5),
    maxEventsPerTransaction: Math.max(1, options.maxEventsPerTransaction ?? 100),
    partitionsConsumedConcurrently: Math.min(
      dialectOf(options.dataSource).maxParallelTransactions,
      Math.max(1, options.partitionsConsumedConcurrently ?? DEFAULT_PARTITIONS_IN_PARALLEL),
    ),
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    heartbeatEveryMs: Math.max(100, Math.min(options.group?.heartbeatInterval ?? 3000, 3000)),
  };
}
