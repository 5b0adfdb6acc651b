import { backoffDelay } from '../backoff';
import { PermanentEventError } from '../errors';
import { messageOf } from '../event-parsing';
import type { InboxApplier } from './apply';
import type { DeadLetters } from './dead-lettering';
import type { ConsumerLifetime } from './lifetime';
import type { InboxSettings } from './options';
import { type ReadyRecord, recordFields } from './records';

/**
 * Applies one record until it has an outcome. A failing handler rolls back and the same record is tried again
 * (the partition waits: order matters) with backoff; after `maxAttempts`, or at once on PermanentEventError,
 * the record is dead-lettered and the partition moves on. While the database itself is unreachable, attempts
 * are not counted: an outage must not dead-letter everything.
 */
export class RecordRetrier {
  constructor(
    private readonly settings: InboxSettings,
    private readonly lifetime: ConsumerLifetime,
    private readonly applier: InboxApplier,
    private readonly deadLetters: DeadLetters,
  ) {}

  /**
   * Returns false when abandoned because the consumer is closing. `groupFailure` is the error its handler threw
   * in a group that rolled back: it counts as the first attempt.
   */
  async settle(ready: ReadyRecord, heartbeat: () => Promise<void>, groupFailure?: { error: unknown }): Promise<boolean> {
    const { record, envelope } = ready;
    const { logger, maxAttempts, backoff } = this.settings;
    const fields = recordFields(this.settings.consumer, record, { eventId: envelope.id, type: envelope.type });
    let attempt = 0;
    let outage = 0;
    for (;;) {
      attempt += 1;
      let error: unknown;
      if (groupFailure) {
        error = groupFailure.error;
        groupFailure = undefined;
      } else {
        const result = await this.applier.apply([ready], attempt, heartbeat);
        if (result.applied) return true;
        error = result.error;
      }
      if (this.lifetime.closing) return false;
      const reason = messageOf(error);
      if (error instanceof PermanentEventError) {
        return this.deadLetters.send(record, 'rejected', reason, attempt, heartbeat, fields);
      }
      if (!(await this.databaseReachable())) {
        // Not the event's fault: wait for the database without spending the event's attempts.
        attempt -= 1;
        outage += 1;
        const delay = backoffDelay(outage, backoff);
        if (outage === 1 || outage % 20 === 0) {
          logger.warn({ ...fields, retryInMs: delay, error: reason }, 'database unreachable; waiting before applying the event again');
        }
        if (!(await this.lifetime.wait(delay, heartbeat))) return false;
        continue;
      }
      outage = 0;
      if (attempt >= maxAttempts) {
        return this.deadLetters.send(record, 'retries-exhausted', reason, attempt, heartbeat, fields);
      }
      const delay = backoffDelay(attempt, backoff);
      logger.warn({ ...fields, attempt, maxAttempts, retryInMs: delay, error: reason }, 'event handler failed; will retry');
      if (!(await this.lifetime.wait(delay, heartbeat))) return false;
    }
  }

  private async databaseReachable(): Promise<boolean> {
    try {
      await this.settings.options.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
