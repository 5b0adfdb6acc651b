import { dialectOf } from '@crosswalk/persistence';
import type { DataSource } from 'typeorm';
import { type BackoffOptions, backoffDelay, sleep } from '../backoff';
import { OutboxRecord } from '../entities/outbox-record.entity';
import { messageOf } from '../event-parsing';
import type { KafkaConnection } from '../kafka-client';
import { type MessagingLogger, consoleLogger } from '../logger';
import type { Wakeable } from '../outbox';
import { EmbeddedRounds } from './embedded-rounds';
import { type OutboxLag, RelayMetrics } from './metrics';
import { PipelinedRounds } from './pipelined-rounds';
import { RelayPublisher } from './publisher';
import { type CycleResult, type InFlightBatch, type RelayRounds, type RoundResult, settled } from './rounds';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  /** The owning service: names the relay in logs and in the `outbox` label of its metrics. */
  service: string;
  brokers: readonly string[];
  kafka?: Omit<KafkaConnection, 'brokers'>;
  /**
   * Rows claimed, marked sent and committed per round (default 1000). The claim, the ordering check, the
   * update and the commit cost about the same for 1 row as for 1000, so a backlog drains with few of them.
   */
  batchSize?: number;
  /**
   * Messages per produce request (default 200): a round's rows go out in requests of at most this many, one
   * after the other, which keeps a request well under the brokers' size limit (1 MiB by default).
   */
  publishBatchSize?: number;
  /**
   * Pause after a round that published less than a full batch (default 10 ms), before the next round; like a
   * producer's `linger.ms`. Under a steady stream of commits, rounds then carry several events instead of one
   * each, for fewer statements, requests and consumer transactions; an event committed while the relay is
   * idle is still published at once. 0 turns it off.
   */
  lingerMs?: number;
  /**
   * Safety-net poll when nobody calls `wake()` (default 1000 ms): covers rows written by another replica,
   * by a process that died before waking its relay, or left pending by a failed publish.
   */
  pollIntervalMs?: number;
  /** Delay between attempts while Kafka (or the database) is failing (default 100 ms doubling to 10 s). */
  backoff?: BackoffOptions;
  logger?: MessagingLogger;
}

export interface RelayHealth {
  running: boolean;
  connected: boolean;
  consecutiveFailures: number;
  lastError: string | null;
}

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 100, maxMs: 10_000, jitter: 0.2 };
const LAG_CACHE_MS = 500;

/**
 * Publishes outbox rows to Kafka: claim a batch in creation order, publish it with `acks: all`, mark it sent
 * in the same transaction. A crash between publish and commit leaves the rows pending, so they are published
 * again: delivery is at least once, and consumers dedupe through their inbox.
 *
 * One aggregate's events reach its partition in the order they were written:
 *  - rows are claimed by `seq` and one batch is one ordered send (kafkajs keeps order within a partition);
 *  - `maxInFlightRequests: 1`, so a retried request cannot overtake a later one;
 *  - with several relays (one per replica) a relay skips any claimed aggregate that still has an older
 *    pending row claimed by another relay; that row goes first and the skipped ones follow next round.
 */
export class OutboxRelay implements Wakeable {
  private readonly dataSource: DataSource;
  private readonly service: string;
  private readonly batchSize: number;
  private readonly lingerMs: number;
  private readonly pollIntervalMs: number;
  private readonly backoff: BackoffOptions;
  private readonly logger: MessagingLogger;
  private readonly publisher: RelayPublisher;
  private readonly rounds: RelayRounds;
  private readonly metrics: RelayMetrics;

  private loop: Promise<void> | undefined;
  private stopping = false;
  private wakeRequested = false;
  private idle: AbortController | undefined;
  private stopSignal = new AbortController();
  private consecutiveFailures = 0;
  private lastError: string | null = null;
  private lagCache: { at: number; value: Promise<OutboxLag> } | undefined;

  constructor(options: OutboxRelayOptions) {
    this.dataSource = options.dataSource;
    this.service = options.service;
    this.batchSize = options.batchSize ?? 1000;
    this.lingerMs = Math.max(0, options.lingerMs ?? 10);
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.logger = options.logger ?? consoleLogger;
    this.publisher = new RelayPublisher({ ...options.kafka, brokers: options.brokers }, options.service, Math.max(1, options.publishBatchSize ?? 200));
    const rounds = {
      dataSource: this.dataSource,
      service: this.service,
      batchSize: this.batchSize,
      publisher: this.publisher,
      logger: this.logger,
      finished: (result: RoundResult) => this.succeeded(result),
    };
    this.rounds = dialectOf(options.dataSource).embedded ? new EmbeddedRounds(rounds) : new PipelinedRounds(rounds);
    this.metrics = new RelayMetrics(this);
  }

  /** Starts the background loop (idempotent). Kafka being down is not an error: the loop keeps retrying. */
  start(): void {
    if (this.loop || this.stopping) return;
    this.metrics.start();
    this.loop = this.run();
  }

  /** There are new rows: publish now instead of at the next poll. Cheap; call it after every commit. */
  wake(): void {
    this.wakeRequested = true;
    this.idle?.abort();
  }

  /**
   * Stops the loop after the batch in flight (published and marked, or rolled back), then disconnects.
   * Call it before closing the data source.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopSignal.abort();
    this.idle?.abort();
    await this.loop;
    await this.rounds.drain();
    this.metrics.stop();
    await this.publisher.disconnect();
  }

  health(): RelayHealth {
    return {
      running: this.loop !== undefined && !this.stopping,
      connected: this.publisher.connected,
      consecutiveFailures: this.consecutiveFailures,
      lastError: this.lastError,
    };
  }

  /** Name used in logs and in the `outbox` metric label. */
  get name(): string {
    return this.service;
  }

  /**
   * Events this relay has published and marked sent: its own count, whatever other relays of the same name
   * in this process did (`crosswalk_outbox_published_total` adds them up). Read in-process, it costs no query.
   */
  get published(): number {
    return this.metrics.publishedCount;
  }

  /** How far behind publication is. Read by the Prometheus gauges at scrape time. */
  lag(): Promise<OutboxLag> {
    const now = Date.now();
    if (this.lagCache && now - this.lagCache.at < LAG_CACHE_MS) return this.lagCache.value;
    const value = this.measureLag();
    this.lagCache = { at: now, value };
    return value;
  }

  private async measureLag(): Promise<OutboxLag> {
    const repository = this.dataSource.getRepository(OutboxRecord);
    const pending = await repository.count({ where: { status: 'pending' } });
    if (pending === 0) return { pending, oldestPendingAgeSeconds: 0 };
    const oldest = await repository.findOne({ where: { status: 'pending' }, order: { seq: 'ASC' }, select: { seq: true, createdAt: true } });
    const age = oldest ? Math.max(0, (Date.now() - oldest.createdAt.getTime()) / 1000) : 0;
    return { pending, oldestPendingAgeSeconds: age };
  }

  private async run(): Promise<void> {
    // Full batches whose transactions have not finished: the next round claims while they publish and commit.
    let inFlight: readonly InFlightBatch[] = [];
    while (!this.stopping) {
      this.wakeRequested = false;
      let result: CycleResult;
      try {
        if (!this.publisher.connected) {
          await this.publisher.connect();
          if (this.consecutiveFailures > 0) this.logger.info({ outbox: this.service }, 'outbox relay reconnected to Kafka');
        }
        result = await this.rounds.next(inFlight);
        inFlight = result.inFlight;
      } catch (error) {
        // Whatever was in flight has failed too or is about to: let it end before starting over.
        await settled(inFlight);
        inFlight = [];
        this.consecutiveFailures += 1;
        this.lastError = messageOf(error);
        this.metrics.countFailure();
        const delay = backoffDelay(this.consecutiveFailures, this.backoff);
        // Loud once, then quiet: an outage of minutes must not print thousands of lines.
        const log = this.consecutiveFailures === 1 || this.consecutiveFailures % 20 === 0 ? this.logger.warn : this.logger.debug;
        log.call(
          this.logger,
          { outbox: this.service, failures: this.consecutiveFailures, retryInMs: delay, error: this.lastError },
          'outbox relay could not publish; backing off',
        );
        // Not woken by wake(): while Kafka is down, new rows must not turn the backoff into a busy loop.
        await sleep(delay, this.stopSignal.signal);
        continue;
      }
      // A full batch means there is probably more: go again at once. Otherwise wait for a wake or the poll.
      if (result.claimed >= this.batchSize && (result.inFlight.length > 0 || result.published > 0)) continue;
      // Commits that arrive meanwhile only set wakeRequested: they go out together after the pause.
      if (result.published > 0 && this.lingerMs > 0) await sleep(this.lingerMs, this.stopSignal.signal);
      // stop() during the round aborted before this idle wait existed: check, or the wait would run its course.
      if (this.wakeRequested || this.stopping) continue;
      this.idle = new AbortController();
      const stopOnIdle = (): void => this.idle?.abort();
      this.stopSignal.signal.addEventListener('abort', stopOnIdle, { once: true });
      await sleep(this.pollIntervalMs, this.idle.signal);
      this.stopSignal.signal.removeEventListener('abort', stopOnIdle);
      this.idle = undefined;
    }
    // Stopping after full batches: let them publish and commit (or fail and stay pending) before disconnecting.
    await settled(inFlight);
  }

  /** A round that finished: counts what it published and ends a run of failures. */
  private succeeded(result: RoundResult): RoundResult {
    if (result.published > 0) this.metrics.countPublished(result.published);
    if (this.consecutiveFailures > 0) {
      this.logger.info({ outbox: this.service, failures: this.consecutiveFailures }, 'outbox relay recovered');
    }
    this.consecutiveFailures = 0;
    this.lastError = null;
    return result;
  }
}
