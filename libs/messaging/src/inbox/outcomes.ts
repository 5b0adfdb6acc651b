// Every record the inbox processes ends in exactly one outcome: counted by its consumer (and summed for
// Prometheus) and handed to `onOutcome`.
import type { DeadLetterReason } from '../dead-letter';
import { messageOf } from '../event-parsing';
import { InstanceCounter, SummedCounter } from '../instance-counters';
import type { MessagingLogger } from '../logger';

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

const RECORDS = new SummedCounter({
  name: 'crosswalk_inbox_records_total',
  help: 'Records processed by inbox consumers, by outcome (applied, duplicate, no-handler, filtered, dead-lettered)',
  labelNames: ['consumer', 'outcome', 'reason'],
});

export class OutcomeReporter {
  private readonly counts = new InstanceCounter(['consumer', 'outcome', 'reason']);

  constructor(
    private readonly consumer: string,
    private readonly onOutcome: ((outcome: InboxOutcome) => void) | undefined,
    private readonly logger: MessagingLogger,
  ) {}

  /** Records of this consumer instance with this outcome (every outcome by default). */
  count(kind?: InboxOutcomeKind): number {
    return this.counts.total(kind === undefined ? {} : { outcome: kind });
  }

  /** From start to close, this consumer's counts show in `crosswalk_inbox_records_total`, and stay after. */
  exportCounts(): void {
    RECORDS.attach(this.counts);
  }

  stopExporting(): void {
    RECORDS.detach(this.counts);
  }

  report(outcome: InboxOutcome): void {
    this.counts.inc({ consumer: outcome.consumer, outcome: outcome.kind, reason: outcome.reason ?? '' });
    try {
      this.onOutcome?.(outcome);
    } catch (error) {
      this.logger.warn({ consumer: this.consumer, error: messageOf(error) }, 'onOutcome callback threw');
    }
  }
}
