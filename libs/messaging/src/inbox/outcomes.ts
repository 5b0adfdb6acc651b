// Every record the inbox processes ends in exactly one outcome: counted for Prometheus and handed to `onOutcome`.
import { Counter } from 'prom-client';
import type { DeadLetterReason } from '../dead-letter';
import { messageOf } from '../event-parsing';
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

export class OutcomeReporter {
  constructor(
    private readonly consumer: string,
    private readonly onOutcome: ((outcome: InboxOutcome) => void) | undefined,
    private readonly logger: MessagingLogger,
  ) {}

  report(outcome: InboxOutcome): void {
    inboxCounter().inc({ consumer: outcome.consumer, outcome: outcome.kind, reason: outcome.reason ?? '' });
    try {
      this.onOutcome?.(outcome);
    } catch (error) {
      this.logger.warn({ consumer: this.consumer, error: messageOf(error) }, 'onOutcome callback threw');
    }
  }
}

let counter: Counter<'consumer' | 'outcome' | 'reason'> | undefined;
function inboxCounter(): Counter<'consumer' | 'outcome' | 'reason'> {
  counter ??= new Counter({
    name: 'crosswalk_inbox_records_total',
    help: 'Records processed by inbox consumers, by outcome (applied, duplicate, no-handler, filtered, dead-lettered)',
    labelNames: ['consumer', 'outcome', 'reason'],
  });
  return counter;
}
