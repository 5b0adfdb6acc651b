import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { backoffDelay } from '../backoff';
import { messageOf } from '../event-parsing';
import type { DeadLetters } from './dead-lettering';
import type { ConsumerLifetime } from './lifetime';
import type { InboxSettings } from './options';

/**
 * The kafkajs consumer's life in its group: connect, subscribe and run, retrying while Kafka or the topics are
 * not there yet (nestjs #13220); start over after a crash kafkajs does not recover from; leave on close.
 */
export class GroupMembership {
  private kafkaConsumer: Consumer | undefined;
  private starting: Promise<void> | undefined;
  private assignment: Record<string, number[]> = {};
  private readonly eventListeners: [string, (event: unknown) => void][] = [];
  /** kafkajs consumers that crashed for good before `run()` resolved, with the error: a failed start. */
  private readonly crashedWhileStarting = new WeakMap<Consumer, Error>();

  constructor(
    private readonly settings: InboxSettings,
    private readonly kafka: Kafka,
    private readonly lifetime: ConsumerLifetime,
    private readonly deadLetters: DeadLetters,
    private readonly eachBatch: (payload: EachBatchPayload) => Promise<void>,
  ) {}

  /** Resolves once consumption runs; keeps trying with backoff until it does or the consumer closes. */
  start(): Promise<void> {
    this.starting ??= this.connectUntilRunning();
    return this.starting;
  }

  /** After the lifetime closed: lets the batch in flight finish and commit, leaves the group, disconnects. */
  async leave(): Promise<void> {
    await this.starting?.catch(() => undefined);
    // kafkajs's disconnect stops fetching and waits for the batch in progress; eachBatch stops after the
    // record in flight (isRunning() turns false), which is committed before the group is left.
    await this.kafkaConsumer?.disconnect().catch((error: unknown) => {
      this.settings.logger.warn({ consumer: this.settings.consumer, error: messageOf(error) }, 'inbox consumer did not disconnect cleanly');
    });
    await this.deadLetters.disconnect();
    this.kafkaConsumer = undefined;
  }

  /** The partitions this member holds, by topic (after the latest rebalance). */
  assignedPartitions(): Record<string, number[]> {
    return this.assignment;
  }

  unwrap(): Consumer | undefined {
    return this.kafkaConsumer;
  }

  /** Subscribes to a kafkajs consumer instrumentation event, now or when the consumer is created. */
  on(eventName: string, listener: (event: unknown) => void): void {
    this.eventListeners.push([eventName, listener]);
    this.kafkaConsumer?.on(eventName as never, listener);
  }

  private async connectUntilRunning(): Promise<void> {
    const { consumer: name, logger, options } = this.settings;
    let failures = 0;
    while (!this.lifetime.closing) {
      const consumer = this.createKafkaConsumer();
      try {
        await this.deadLetters.connect();
        await consumer.connect();
        // Topics are provisioned from the catalog, never auto-created here; a missing one is waited for.
        await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true });
        await consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently,
          eachBatch: this.eachBatch,
        });
        // kafkajs's run() does not reject when the first join fails: it emits CRASH and resolves with the
        // consumer stopped (for good after a non-retriable error). That is a failed attempt, not a start.
        const crash = this.crashedWhileStarting.get(consumer);
        if (crash) throw crash;
        this.kafkaConsumer = consumer;
        if (failures > 0) logger.info({ consumer: name }, 'inbox consumer connected');
        return;
      } catch (error) {
        failures += 1;
        await consumer.disconnect().catch(() => undefined);
        const delay = backoffDelay(failures, { initialMs: 250, maxMs: 5000 });
        logger.warn(
          { consumer: name, topics: options.topics, failures, retryInMs: delay, error: messageOf(error) },
          'inbox consumer cannot start yet (Kafka or topics unavailable); retrying',
        );
        await this.lifetime.sleep(delay);
      }
    }
  }

  private createKafkaConsumer(): Consumer {
    const group = this.settings.options.group ?? {};
    const consumer = this.kafka.consumer({
      groupId: this.settings.groupId,
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
      this.settings.logger[restart ? 'warn' : 'error']({ consumer: this.settings.consumer, restart, error: messageOf(error) }, 'inbox consumer crashed');
      // kafkajs restarts by itself after retriable errors only; after any other it stays stopped, which
      // would silently stop this service's read side. Start over instead (offsets are committed, so
      // nothing is lost or applied twice).
      if (restart || this.lifetime.closing) return;
      if (consumer === this.kafkaConsumer) void this.restartAfterCrash(consumer);
      else this.crashedWhileStarting.set(consumer, error); // still in run(): connectUntilRunning retries
    });
    for (const [name, listener] of this.eventListeners) consumer.on(name as never, listener);
    return consumer;
  }

  private async restartAfterCrash(crashed: Consumer): Promise<void> {
    this.kafkaConsumer = undefined;
    await crashed.disconnect().catch(() => undefined);
    if (!(await this.lifetime.sleep(1000)) || this.lifetime.closing) return;
    this.starting = this.connectUntilRunning();
    await this.starting;
  }
}
