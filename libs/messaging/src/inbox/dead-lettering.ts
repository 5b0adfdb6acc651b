import { type IHeaders, type Kafka, Partitioners, type Producer } from 'kafkajs';
import { type BackoffOptions, backoffDelay } from '../backoff';
import { type DeadLetterReason, deadLetterRecord } from '../dead-letter';
import { messageOf } from '../event-parsing';
import type { ConsumerLifetime } from './lifetime';
import type { InboxSettings } from './options';
import type { OutcomeReporter } from './outcomes';
import { type ReceivedRecord, recordFields } from './records';

const DEAD_LETTER_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 5_000, jitter: 0.2 };

/**
 * Sends records that cannot be applied to `<topic>.dlq` and reports them. Publishing is retried until it
 * works (Kafka trouble is not the record's fault); the caller commits the offset only afterwards, so no record
 * is ever dropped silently. With `deadLetters: 'count-only'` (replays) they are only reported.
 */
export class DeadLetters {
  private readonly producer: Producer | undefined;

  constructor(
    private readonly settings: InboxSettings,
    kafka: Kafka,
    private readonly lifetime: ConsumerLifetime,
    private readonly outcomes: OutcomeReporter,
  ) {
    this.producer =
      settings.options.deadLetters === 'count-only'
        ? undefined
        : kafka.producer({
            createPartitioner: Partitioners.DefaultPartitioner,
            allowAutoTopicCreation: false,
            retry: { retries: 4, initialRetryTime: 100, maxRetryTime: 1000 },
          });
  }

  async connect(): Promise<void> {
    await this.producer?.connect();
  }

  async disconnect(): Promise<void> {
    await this.producer?.disconnect().catch(() => undefined);
  }

  /** False when abandoned because the consumer is closing: the record stays uncommitted for the next owner. */
  async send(
    record: ReceivedRecord,
    reason: DeadLetterReason,
    error: string,
    attempts: number,
    heartbeat: () => Promise<void>,
    seen: { eventId?: string; type?: string },
  ): Promise<boolean> {
    const { consumer } = this.settings;
    const fields = { ...recordFields(consumer, record, seen), reason };
    if (this.producer) {
      const { topic, partition, message } = record;
      const letter = deadLetterRecord({
        consumer,
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
      for (let failures = 0; ;) {
        try {
          await this.producer.send({ topic: letter.topic, acks: -1, messages: [letter.message] });
          break;
        } catch (publishError) {
          if (this.lifetime.closing) return false;
          failures += 1;
          const delay = backoffDelay(failures, DEAD_LETTER_BACKOFF);
          this.settings.logger.warn({ ...fields, retryInMs: delay, error: messageOf(publishError) }, 'cannot publish dead letter yet; retrying');
          if (!(await this.lifetime.wait(delay, heartbeat))) return false;
        }
      }
    }
    this.settings.logger.error({ ...fields, attempts, error }, 'event dead-lettered');
    this.outcomes.report({ ...fields, kind: 'dead-lettered', attempts });
    return true;
  }
}
