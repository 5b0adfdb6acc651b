import type { EventEnvelope } from '@crosswalk/contracts';
import { type Message, Partitioners, type Producer } from 'kafkajs';
import { dialectOf } from '@crosswalk/persistence';
import { Counter, Gauge } from 'prom-client';
import type { DataSource, EntityManager } from 'typeorm';
import { type BackoffOptions, backoffDelay, sleep } from './backoff';
import { OutboxRecord } from './entities/outbox-record.entity';
import { messageOf } from './event-parsing';
import { envelopeHeaders } from './headers';
import { type KafkaConnection, createKafka } from './kafka-client';
import { type MessagingLogger, consoleLogger } from './logger';
import type { Wakeable } from './outbox';

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

export interface OutboxLag {
  pending: number;
  /** Age of the oldest pending row in seconds; 0 when nothing is pending. */
  oldestPendingAgeSeconds: number;
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
  private readonly publishBatchSize: number;
  private readonly lingerMs: number;
  private readonly pollIntervalMs: number;
  private readonly backoff: BackoffOptions;
  private readonly logger: MessagingLogger;
  private readonly producer: Producer;
  private readonly embedded: boolean;

  private loop: Promise<void> | undefined;
  private stopping = false;
  private connected = false;
  private wakeRequested = false;
  private idle: AbortController | undefined;
  private stopSignal = new AbortController();
  private consecutiveFailures = 0;
  private lastError: string | null = null;
  private lagCache: { at: number; value: Promise<OutboxLag> } | undefined;
  private readonly notingFailures = new Set<Promise<void>>();

  constructor(options: OutboxRelayOptions) {
    this.dataSource = options.dataSource;
    this.service = options.service;
    this.batchSize = options.batchSize ?? 1000;
    this.publishBatchSize = Math.max(1, options.publishBatchSize ?? 200);
    this.lingerMs = Math.max(0, options.lingerMs ?? 10);
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.logger = options.logger ?? consoleLogger;
    this.embedded = dialectOf(options.dataSource).embedded;
    const kafka = createKafka({ ...options.kafka, brokers: options.brokers }, `${options.service}-outbox-relay`);
    this.producer = kafka.producer({
      // The Java client's murmur2 partitioner: the same key lands on the same partition whoever publishes it.
      createPartitioner: Partitioners.DefaultPartitioner,
      // Topics come from the catalog; a typo must fail, not create a stray topic.
      allowAutoTopicCreation: false,
      maxInFlightRequests: 1,
      // kafkajs retries a failing request a few times; past that the relay's own backoff takes over, so a
      // long outage never holds a claim transaction open for long.
      retry: { retries: 4, initialRetryTime: 100, maxRetryTime: 1000 },
    });
    this.producer.on('producer.disconnect', () => {
      this.connected = false;
    });
  }

  /** Starts the background loop (idempotent). Kafka being down is not an error: the loop keeps retrying. */
  start(): void {
    if (this.loop || this.stopping) return;
    registerForMetrics(this);
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
    await Promise.all(this.notingFailures);
    unregisterForMetrics(this);
    await this.producer.disconnect().catch(() => undefined);
    this.connected = false;
  }

  health(): RelayHealth {
    return {
      running: this.loop !== undefined && !this.stopping,
      connected: this.connected,
      consecutiveFailures: this.consecutiveFailures,
      lastError: this.lastError,
    };
  }

  /** Name used in logs and in the `outbox` metric label. */
  get name(): string {
    return this.service;
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
        if (!this.connected) {
          await this.producer.connect();
          this.connected = true;
          if (this.consecutiveFailures > 0) this.logger.info({ outbox: this.service }, 'outbox relay reconnected to Kafka');
        }
        result = await this.cycle(inFlight);
        inFlight = result.inFlight;
      } catch (error) {
        // Whatever was in flight has failed too or is about to: let it end before starting over.
        await settled(inFlight);
        inFlight = [];
        this.consecutiveFailures += 1;
        this.lastError = messageOf(error);
        metrics().failures.inc({ outbox: this.service });
        const delay = backoffDelay(this.consecutiveFailures, this.backoff);
        // Loud once, then quiet: an outage of minutes must not print thousands of lines.
        const log = this.consecutiveFailures === 1 || this.consecutiveFailures % 20 === 0 ? this.logger.warn : this.logger.debug;
        log.call(this.logger, { outbox: this.service, failures: this.consecutiveFailures, retryInMs: delay, error: this.lastError }, 'outbox relay could not publish; backing off');
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

  /**
   * One claim-publish-mark round; throws when publishing fails, and the rows stay pending.
   *
   * On MySQL, rounds overlap when batches are full: as soon as this round has claimed a full batch that
   * nothing holds back, it is handed on in `inFlight` and the next round claims the following rows while this
   * one publishes and commits. Each round publishes only after the brokers acknowledged the previous round's
   * batch, so batches still reach Kafka one after the other, in order. Up to `PIPELINE_DEPTH` rounds are
   * open; a round that did not claim a full batch lets every earlier one finish before it returns, so none is
   * left committing unwatched when the relay goes idle or stops.
   */
  private async cycle(open: readonly InFlightBatch[]): Promise<CycleResult> {
    // Rows are named by `seq`, their primary key: the cheapest lookup, and short in the statements' IN lists.
    let claimedSeqs: string[] = [];
    const noteClaim = (seqs: string[]): void => {
      claimedSeqs = seqs;
    };
    if (this.embedded) {
      try {
        return { ...this.succeeded(await this.cycleWithoutLocks(noteClaim)), inFlight: [] };
      } catch (error) {
        await this.noteFailure(claimedSeqs, error);
        throw error;
      }
    }
    let claimedFull: (() => void) | undefined;
    const claimedFullNow = new Promise<'claimed-full'>((resolve) => (claimedFull = () => resolve('claimed-full')));
    let notePublished: (error?: unknown) => void = () => undefined;
    const published = new Promise<void>((resolve, reject) => {
      notePublished = (error) => (error === undefined ? resolve() : reject(error));
    });
    published.catch(() => undefined); // awaited by the next round, if there is one
    const done = this.dataSource
      .transaction('READ COMMITTED', (manager) => this.cycleWithLocks(manager, open, noteClaim, () => claimedFull?.(), notePublished))
      .then(
        (result) => this.succeeded(result),
        (error: unknown) => {
          notePublished(error); // a no-op when the batch was already out
          // Not awaited: the next round may still hold row locks this update would wait for, and that round
          // is itself waiting for this one to end.
          this.noteFailureInBackground(claimedSeqs, error);
          throw error;
        },
      );
    const first = await Promise.race([done, claimedFullNow]);
    done.catch(() => undefined); // awaited below, by the next round or by run(); never an unhandled rejection
    const handedOn = first === 'claimed-full';
    const stillOpen = handedOn ? [...open, { seqs: claimedSeqs, published, done }] : [...open];
    // The oldest rounds end first until there is room for the next one; a round that did not claim a full
    // batch has no next round at once, so it lets every earlier one end. If one of them failed, this round
    // is counted as failed too once every open round has ended: all end before anything is retried.
    try {
      while (stillOpen.length > (handedOn ? PIPELINE_DEPTH - 1 : 0)) await stillOpen.shift()?.done;
    } catch (error) {
      await settled(stillOpen);
      throw error;
    }
    if (first !== 'claimed-full') return { ...first, inFlight: [] };
    return { claimed: claimedSeqs.length, published: 0, inFlight: stillOpen };
  }

  /**
   * A round that finished (a round handed on as `inFlight` has not): counts what it published and ends a run
   * of failures. Only here, so a failing publish cannot be hidden by the next round's claim succeeding.
   */
  private succeeded(result: RoundResult): RoundResult {
    if (result.published > 0) metrics().published.inc({ outbox: this.service }, result.published);
    if (this.consecutiveFailures > 0) {
      this.logger.info({ outbox: this.service, failures: this.consecutiveFailures }, 'outbox relay recovered');
    }
    this.consecutiveFailures = 0;
    this.lastError = null;
    return result;
  }

  /**
   * MySQL/MariaDB: `FOR UPDATE SKIP LOCKED` lets several relays share the table without waiting on each
   * other. READ COMMITTED because REPEATABLE READ would also take gap locks at the end of the scanned
   * range, blocking use cases that insert new pending rows for as long as a publish takes.
   *
   * `open` are this relay's own rounds before this one, maybe still publishing. Their rows are locked (the
   * claim skips them) and pending, but they are ahead of this round, so they hold nothing back. This round
   * publishes once the brokers have acknowledged the latest one's batch, without waiting for its commit: if
   * that publish failed, this round fails too and all are published again in order. If only a commit failed,
   * those events are already in Kafka ahead of this round's, and their republication later is a duplicate,
   * which consumers drop. Marking the rows sent runs alongside the publish: it only becomes visible if the
   * publish succeeded and the transaction commits.
   */
  private async cycleWithLocks(
    manager: EntityManager,
    open: readonly InFlightBatch[],
    claimed: (seqs: string[]) => void,
    claimedFull: () => void,
    published: (error?: unknown) => void,
  ): Promise<RoundResult> {
    // Plain SQL on this path (MySQL only): it runs every round, and the query builder's work showed in profiles.
    const rows = await manager.query<ClaimedRow[]>(
      'SELECT seq, topic, `key`, envelope FROM messaging_outbox WHERE status = ? ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED',
      ['pending', this.batchSize],
    );
    claimed(rows.map((r) => String(r.seq)));
    const ready = rows.length === 0 ? [] : await this.withoutAggregatesBehindOthers(manager, rows, open.flatMap((round) => round.seqs));
    if (rows.length >= this.batchSize && ready.length === rows.length) claimedFull();
    await open.at(-1)?.published;
    if (ready.length === 0) {
      published();
      return { claimed: rows.length, published: 0 };
    }
    const publishing = this.publish(ready).then(() => published());
    const [sent, marked] = await Promise.allSettled([publishing, this.markSent(manager, ready)]);
    if (sent.status === 'rejected') throw sent.reason;
    if (marked.status === 'rejected') throw marked.reason;
    return { claimed: rows.length, published: ready.length };
  }

  /**
   * SQLite (embedded, one process): no row locks exist and this loop is the only relay, so read, publish,
   * then mark. A crash in between republishes the batch, which consumers dedupe.
   */
  private async cycleWithoutLocks(claimed: (seqs: string[]) => void): Promise<RoundResult> {
    const rows = await this.dataSource
      .getRepository(OutboxRecord)
      .find({ where: { status: 'pending' }, order: { seq: 'ASC' }, take: this.batchSize });
    claimed(rows.map((r) => String(r.seq)));
    if (rows.length === 0) return { claimed: 0, published: 0 };
    await this.publish(rows);
    await this.markSent(this.dataSource.manager, rows);
    return { claimed: rows.length, published: rows.length };
  }

  /**
   * Keeps, per aggregate, only the claimed rows older than its oldest pending row outside this claim (one
   * another relay has locked). Publishing past such a row would overtake it: another relay may hold
   * #13 while this one holds #12 and #15, so only #12 may go now. Reads the latest committed state, so a
   * row the other relay has already published and marked no longer holds anything back.
   */
  private async withoutAggregatesBehindOthers(manager: EntityManager, rows: ClaimedRow[], published: readonly string[] = []): Promise<ClaimedRow[]> {
    const keys = [...new Set(rows.map((r) => r.key))];
    // Only an older row can hold a claimed one back: bounded by the newest claimed seq.
    const newest = rows.reduce((max, r) => (BigInt(r.seq) > max ? BigInt(r.seq) : max), 0n);
    const mine = [...rows.map((r) => String(r.seq)), ...published];
    // Left to itself MariaDB walks (status, seq) and reads every older pending row; (key, status) covers the
    // query, one short range per aggregate.
    const unclaimed = await manager.query<{ key: string; minSeq: string | number }[]>(
      'SELECT `key`, MIN(seq) AS minSeq FROM messaging_outbox USE INDEX (IDX_messaging_outbox_key_status) ' +
        `WHERE status = ? AND \`key\` IN (${placeholders(keys)}) AND seq < ? AND seq NOT IN (${placeholders(mine)}) GROUP BY \`key\``,
      ['pending', ...keys, newest.toString(), ...mine],
    );
    const limit = new Map(unclaimed.map((u) => [u.key, BigInt(u.minSeq)]));
    const ready = rows.filter((r) => {
      const first = limit.get(r.key);
      return first === undefined || BigInt(r.seq) < first;
    });
    if (ready.length < rows.length) {
      this.logger.debug({ outbox: this.service, deferred: rows.length - ready.length }, 'deferring rows behind rows claimed by another relay');
    }
    return ready;
  }

  /** In claim order, one request after the other: a later request never overtakes an earlier one. */
  private async publish(rows: ClaimedRow[]): Promise<void> {
    for (let start = 0; start < rows.length; start += this.publishBatchSize) {
      const byTopic = new Map<string, Message[]>();
      for (const row of rows.slice(start, start + this.publishBatchSize)) {
        const envelope = JSON.parse(row.envelope) as EventEnvelope;
        const messages = byTopic.get(row.topic) ?? [];
        messages.push({ key: row.key, value: row.envelope, headers: envelopeHeaders(envelope) });
        byTopic.set(row.topic, messages);
      }
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    }
  }

  private async markSent(manager: EntityManager, rows: ClaimedRow[]): Promise<void> {
    const seqs = rows.map((r) => String(r.seq));
    if (!this.embedded) {
      // mysql2 writes the Date in UTC, as the data source's `timezone: 'Z'` makes TypeORM do.
      await manager.query(
        `UPDATE messaging_outbox SET status = 'sent', sentAt = ?, attempts = attempts + 1, lastError = NULL WHERE seq IN (${placeholders(seqs)})`,
        [new Date(), ...seqs],
      );
      return;
    }
    await manager
      .createQueryBuilder()
      .update(OutboxRecord)
      .set({ status: 'sent', sentAt: new Date(), attempts: () => 'attempts + 1', lastError: null })
      .where('seq IN (:...seqs)', { seqs })
      .execute();
  }

  private noteFailureInBackground(seqs: string[], error: unknown): void {
    const noting: Promise<void> = this.noteFailure(seqs, error).finally(() => this.notingFailures.delete(noting));
    this.notingFailures.add(noting);
  }

  /** Best effort: makes a stuck batch visible in the table; a failure here must not hide the real error. */
  private async noteFailure(seqs: string[], error: unknown): Promise<void> {
    if (seqs.length === 0) return;
    try {
      await this.dataSource
        .createQueryBuilder()
        .update(OutboxRecord)
        .set({ attempts: () => 'attempts + 1', lastError: messageOf(error).slice(0, 1000) })
        .where('seq IN (:...seqs)', { seqs })
        .andWhere('status = :status', { status: 'pending' })
        .execute();
    } catch {
      // The database may be what failed.
    }
  }
}

/** What publishing needs of a row. */
type ClaimedRow = Pick<OutboxRecord, 'seq' | 'topic' | 'key' | 'envelope'>;

function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

/** What one round claimed, and published if it finished. */
interface RoundResult {
  claimed: number;
  published: number;
}

interface CycleResult extends RoundResult {
  /** Rounds handed on unfinished, oldest first. */
  inFlight: readonly InFlightBatch[];
}

/**
 * Relay rounds open at once on MySQL; each holds a transaction, so a pooled connection. Three measured no
 * faster than two in `npm run bench` (52-58% of the bare producer against 52-61%).
 */
const PIPELINE_DEPTH = 2;

async function settled(rounds: readonly Pick<InFlightBatch, 'done'>[]): Promise<void> {
  await Promise.all(rounds.map((round) => round.done.catch(() => undefined)));
}

/** A round that claimed a full batch and has not finished publishing and committing it. */
interface InFlightBatch {
  seqs: readonly string[];
  /** Settles when the brokers acknowledged its batch, or when the round failed before that. */
  published: Promise<void>;
  done: Promise<RoundResult>;
}

// ---- Prometheus: one set of metrics per process, one label value per relay ----

interface RelayMetrics {
  pending: Gauge<'outbox'>;
  oldestAge: Gauge<'outbox'>;
  published: Counter<'outbox'>;
  failures: Counter<'outbox'>;
}

const liveRelays = new Set<OutboxRelay>();
let relayMetrics: RelayMetrics | undefined;

async function refreshLagGauges(): Promise<void> {
  const m = metrics();
  await Promise.all(
    [...liveRelays].map(async (relay) => {
      try {
        const lag = await relay.lag();
        m.pending.set({ outbox: relay.name }, lag.pending);
        m.oldestAge.set({ outbox: relay.name }, lag.oldestPendingAgeSeconds);
      } catch {
        // Database unreachable: keep the last values rather than fail the whole scrape.
      }
    }),
  );
}

function metrics(): RelayMetrics {
  relayMetrics ??= {
    pending: new Gauge({
      name: 'crosswalk_outbox_pending',
      help: 'Outbox rows not yet published to Kafka',
      labelNames: ['outbox'],
      collect: refreshLagGauges,
    }),
    oldestAge: new Gauge({
      name: 'crosswalk_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest unpublished outbox row (0 when none)',
      labelNames: ['outbox'],
      collect: refreshLagGauges,
    }),
    published: new Counter({ name: 'crosswalk_outbox_published_total', help: 'Events published by the outbox relay', labelNames: ['outbox'] }),
    failures: new Counter({
      name: 'crosswalk_outbox_publish_failures_total',
      help: 'Failed outbox relay rounds (Kafka or database unavailable)',
      labelNames: ['outbox'],
    }),
  };
  return relayMetrics;
}

function registerForMetrics(relay: OutboxRelay): void {
  metrics();
  liveRelays.add(relay);
}

function unregisterForMetrics(relay: OutboxRelay): void {
  liveRelays.delete(relay);
  if (![...liveRelays].some((r) => r.name === relay.name)) {
    const m = metrics();
    m.pending.remove({ outbox: relay.name });
    m.oldestAge.remove({ outbox: relay.name });
  }
}
