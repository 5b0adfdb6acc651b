import type { EventEnvelope } from '@crosswalk/contracts';
import { type RequestContext, runWithContext } from '@crosswalk/observability';
import { type EntityManager, In } from 'typeorm';
import { InboxRecord } from '../entities/inbox-record.entity';
import { isDuplicateKeyError } from '../errors';
import { type EventHandler, InboxScope } from './handler';
import type { InboxSettings } from './options';
import type { OutcomeReporter } from './outcomes';
import { type ReadyRecord, type ReceivedRecord, recordFields } from './records';

export type ApplyResult =
  | { applied: true }
  /** Everything rolled back. `failed` says which handler threw what, when it was a handler. */
  | { applied: false; error: unknown; failed?: { record: ReceivedRecord; error: unknown } };

const NONE: ReadonlySet<string> = new Set();

/**
 * Applies records exactly once, a group in one transaction (a lone record is a group of one): the inbox rows
 * of the events not applied before, then each handler in order, each in its event's request context so what
 * it records is chained to that event. Reports each record's outcome once the transaction committed.
 */
export class InboxApplier {
  constructor(
    private readonly settings: InboxSettings,
    private readonly outcomes: OutcomeReporter,
  ) {}

  /** `attempt` is what the handlers see as `ctx.attempt`. */
  async apply(group: readonly ReadyRecord[], attempt: number, heartbeat: () => Promise<void>): Promise<ApplyResult> {
    const handled = group.filter((r): r is ReadyRecord & { handler: EventHandler } => r.handler !== undefined);
    let duplicates = NONE;
    if (handled.length > 0) {
      // Long handlers keep the membership alive (nestjs #7270). A rebalance reported here is acted on by the
      // heartbeat after the commit, so the transaction in flight still completes.
      const keepAlive = setInterval(() => void heartbeat().catch(() => undefined), this.settings.heartbeatEveryMs);
      const { dataSource, outbox, relay } = this.settings.options;
      let failed: { record: ReceivedRecord; error: unknown } | undefined;
      try {
        const recorded = await dataSource.transaction(async (manager) => {
          duplicates = await this.insertInboxRows(manager, handled);
          let count = 0;
          for (const { record, envelope, handler } of handled) {
            if (duplicates.has(envelope.id)) continue;
            const scope = new InboxScope(manager, outbox, this.settings.consumer, record.topic, record.partition, record.message.offset, attempt);
            count += await runWithContext(requestContextOf(envelope), async () => {
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
        if (recorded > 0) relay?.wake();
      } catch (error) {
        return { applied: false, error, failed };
      } finally {
        clearInterval(keepAlive);
      }
    }
    for (const { record, envelope, handler, skipped } of group) {
      const kind = skipped ?? (duplicates.has(envelope.id) ? 'duplicate' : 'applied');
      this.outcomes.report({
        ...recordFields(this.settings.consumer, record, { eventId: envelope.id, type: envelope.type }),
        kind,
        attempts: handler ? attempt : 0,
      });
    }
    return { applied: true };
  }

  /**
   * Inserts the inbox rows and returns the ids of the events among them applied before (redelivered), whose
   * handlers must not run again. One multi-row INSERT as a rule; only when it hits an existing row are those
   * looked up and the others inserted. A row inserted meanwhile by another member (a rebalance in flight)
   * fails that second insert: the group then goes one record at a time, where it is recognised as a duplicate.
   */
  private async insertInboxRows(manager: EntityManager, handled: readonly ReadyRecord[]): Promise<ReadonlySet<string>> {
    const rows = handled.map(({ record, envelope }) => this.inboxRow(record, envelope));
    try {
      await manager.insert(InboxRecord, rows);
      return NONE;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const where = { consumer: this.settings.consumer, eventId: In(rows.map((row) => row.eventId)) };
    const applied = new Set((await manager.find(InboxRecord, { select: { eventId: true }, where })).map((row) => row.eventId));
    const fresh = rows.filter((row) => !applied.has(row.eventId));
    if (fresh.length > 0) await manager.insert(InboxRecord, fresh);
    return applied;
  }

  private inboxRow(record: ReceivedRecord, envelope: EventEnvelope<object>): InboxRecord {
    return {
      consumer: this.settings.consumer,
      eventId: envelope.id,
      eventType: envelope.type,
      topic: record.topic,
      partition: record.partition,
      offset: record.message.offset,
      occurredAt: new Date(envelope.occurredAt),
      appliedAt: new Date(),
    };
  }
}

/** The request context a handler runs in: its event is the cause of whatever it records. */
function requestContextOf(envelope: EventEnvelope<object>): RequestContext {
  return { requestId: envelope.id, correlationId: envelope.correlationId, causationId: envelope.id, actor: envelope.actor };
}
