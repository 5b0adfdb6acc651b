import type { Consumer } from 'kafkajs';
import { createKafka } from '../kafka-client';
import { InboxApplier } from './apply';
import { BatchLoop } from './batch-loop';
import { DeadLetters } from './dead-lettering';
import { ConsumerLifetime } from './lifetime';
import { GroupMembership } from './membership';
import { OffsetCommits } from './offset-commits';
import { type InboxConsumerOptions, inboxSettings } from './options';
import { type InboxOutcomeKind, OutcomeReporter } from './outcomes';
import { RecordRetrier } from './retry';

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
  private readonly lifetime: ConsumerLifetime;
  private readonly membership: GroupMembership;
  private readonly outcomes: OutcomeReporter;
  private closed: Promise<void> | undefined;

  constructor(options: InboxConsumerOptions) {
    const settings = inboxSettings(options);
    this.consumer = settings.consumer;
    this.groupId = settings.groupId;
    this.lifetime = new ConsumerLifetime(settings.heartbeatEveryMs);
    const kafka = createKafka({ ...options.kafka, brokers: options.brokers }, `${options.consumer}-inbox`);
    this.outcomes = new OutcomeReporter(settings.consumer, options.onOutcome, settings.logger);
    const deadLetters = new DeadLetters(settings, kafka, this.lifetime, this.outcomes);
    const applier = new InboxApplier(settings, this.outcomes);
    const retrier = new RecordRetrier(settings, this.lifetime, applier, deadLetters);
    const loop = new BatchLoop(settings, this.lifetime, applier, retrier, deadLetters, new OffsetCommits(settings.consumer, settings.logger));
    this.membership = new GroupMembership(settings, kafka, this.lifetime, deadLetters, (payload) => loop.eachBatch(payload));
  }

  /**
   * Connects, subscribes and starts consuming; resolves once consumption runs. While Kafka or the topics
   * are not there yet it keeps trying with backoff (nestjs #13220), until it succeeds or `close()` is called.
   */
  start(): Promise<void> {
    // After close() there is nothing to start, and the counts were already handed to the process's total.
    if (!this.closed) this.outcomes.exportCounts();
    return this.membership.start();
  }

  /** Stops fetching, lets the record in flight finish and commit, leaves the group, disconnects. Idempotent. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      this.lifetime.close();
      await this.membership.leave();
      this.outcomes.stopExporting();
    })();
    return this.closed;
  }

  /** Records this consumer instance processed with this outcome (every outcome by default), since it was created. */
  outcomeCount(kind?: InboxOutcomeKind): number {
    return this.outcomes.count(kind);
  }

  /** The partitions this member holds, by topic (after the latest rebalance). */
  assignedPartitions(): Record<string, number[]> {
    return this.membership.assignedPartitions();
  }

  /** The kafkajs consumer while running (for instrumentation events; keep kafkajs out of services). */
  unwrap(): Consumer | undefined {
    return this.membership.unwrap();
  }

  /** Subscribes to a kafkajs consumer instrumentation event, now or when the consumer is created. */
  on(eventName: string, listener: (event: unknown) => void): void {
    this.membership.on(eventName, listener);
  }
}
