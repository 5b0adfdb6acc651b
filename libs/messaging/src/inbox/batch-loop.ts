import type { EventEnvelope } from '@crosswalk/contracts';
import type { EachBatchPayload } from 'kafkajs';
import { type RejectedRecord, messageOf, parseEventRecord } from '../event-parsing';
import type { InboxApplier } from './apply';
import type { DeadLetters } from './dead-lettering';
import type { ConsumerLifetime } from './lifetime';
import type { OffsetCommits } from './offset-commits';
import type { InboxSettings } from './options';
import type { ReadyRecord, ReceivedRecord } from './records';
import type { RecordRetrier } from './retry';

/**
 * kafkajs's `eachBatch`: takes a partition's records in order, in groups of up to `maxEventsPerTransaction`
 * applied in one transaction each. A record that cannot be parsed is dead-lettered at once; a group that fails
 * is applied again one record at a time, with retries. Each offset is resolved after its transaction.
 */
export class BatchLoop {
  constructor(
    private readonly settings: InboxSettings,
    private readonly lifetime: ConsumerLifetime,
    private readonly applier: InboxApplier,
    private readonly retrier: RecordRetrier,
    private readonly deadLetters: DeadLetters,
    private readonly commits: OffsetCommits,
  ) {}

  async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, uncommittedOffsets, isRunning, isStale, pause } = payload;
    const stopAt = this.settings.options.stopAt?.get(`${batch.topic}:${batch.partition}`);
    const records: ReceivedRecord[] = [];
    for (const message of batch.messages) {
      if (stopAt !== undefined && BigInt(message.offset) >= BigInt(stopAt)) break;
      records.push({ topic: batch.topic, partition: batch.partition, message });
    }
    const acknowledge = async (record: ReceivedRecord): Promise<void> => {
      resolveOffset(record.message.offset);
      // With autoCommit off, passing the offsets is what makes kafkajs commit, after our transaction.
      this.commits.soon(() => commitOffsetsIfNecessary(uncommittedOffsets()));
      await heartbeat();
    };
    const stopped = (): boolean => !isRunning() || isStale() || this.lifetime.closing;

    try {
      await this.applyInOrder(records, acknowledge, heartbeat, stopped);
    } finally {
      // Leaving or rejoining the group comes next (kafkajs waits for this batch first): the offsets of what
      // was applied reach the broker before that.
      if (stopped()) await this.commits.settled();
    }
    if (stopAt !== undefined && records.length < batch.messages.length) pause();
  }

  private async applyInOrder(
    records: readonly ReceivedRecord[],
    acknowledge: (record: ReceivedRecord) => Promise<void>,
    heartbeat: () => Promise<void>,
    stopped: () => boolean,
  ): Promise<void> {
    for (let next = 0; next < records.length;) {
      if (stopped()) return;
      const { group, rejected } = await this.takeGroup(records, next);
      if (rejected) {
        const { reason, error, eventId, type } = rejected;
        // Closing while waiting to publish it: leave it uncommitted for the next owner.
        if (!(await this.deadLetters.send(records[next], reason, error, 0, heartbeat, { eventId, type }))) return;
        await acknowledge(records[next]);
        next += 1;
        continue;
      }
      const together = group.length > 1 ? await this.applier.apply(group, 1, heartbeat) : undefined;
      if (together?.applied) {
        await acknowledge(group[group.length - 1].record);
        next += group.length;
        continue;
      }
      if (together) {
        const { topic, partition } = group[0].record;
        this.settings.logger.debug(
          { consumer: this.settings.consumer, topic, partition, records: group.length, error: messageOf(together.error) },
          'group of events failed; applying them one at a time',
        );
      }
      // One record at a time: a lone record, or a group that failed.
      const failed = together?.applied === false ? together.failed : undefined;
      for (const ready of group) {
        if (stopped()) return;
        const groupFailure = failed?.record === ready.record ? { error: failed.error } : undefined;
        if (!(await this.retrier.settle(ready, heartbeat, groupFailure))) return;
        await acknowledge(ready.record);
        next += 1;
      }
    }
  }

  /**
   * The run of records from `start` that can share a transaction: parsed, up to `maxEventsPerTransaction`,
   * ending before the first record that cannot be parsed (returned as `rejected` when it is the first).
   */
  private async takeGroup(records: readonly ReceivedRecord[], start: number): Promise<{ group: ReadyRecord[]; rejected?: RejectedRecord }> {
    const group: ReadyRecord[] = [];
    for (let i = start; i < records.length && group.length < this.settings.maxEventsPerTransaction; i += 1) {
      const parsed = await parseEventRecord(records[i].message.value);
      if (parsed.kind === 'rejected') return group.length === 0 ? { group, rejected: parsed } : { group };
      group.push(this.ready(records[i], parsed.envelope));
    }
    return { group };
  }

  /** Matches a parsed record with its handler; a known event this consumer does not care about has none. */
  private ready(record: ReceivedRecord, envelope: EventEnvelope<object>): ReadyRecord {
    const handler = this.settings.lookup(envelope.type);
    if (!handler) return { record, envelope, handler: undefined, skipped: 'no-handler' };
    const { accept } = this.settings.options;
    if (accept && !accept(envelope)) return { record, envelope, handler: undefined, skipped: 'filtered' };
    return { record, envelope, handler };
  }
}
