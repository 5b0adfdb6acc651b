// The shapes a Kafka record takes on its way through the inbox: as received, then parsed and matched to a handler.
import type { EventEnvelope } from '@crosswalk/contracts';
import type { KafkaMessage } from 'kafkajs';
import type { EventHandler } from './handler';
import type { InboxOutcome } from './outcomes';

export interface ReceivedRecord {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/** A record that parsed, with what to do with it; a group is a run of these, a lone record a group of one. */
export interface ReadyRecord {
  record: ReceivedRecord;
  envelope: EventEnvelope<object>;
  /** Undefined when no handler wants the event, or `accept` filtered it: acknowledged without effect. */
  handler: EventHandler | undefined;
  skipped?: 'no-handler' | 'filtered';
}

/** Where a record is, and what event it carries, for outcomes and log lines. */
export function recordFields(
  consumer: string,
  { topic, partition, message }: ReceivedRecord,
  seen: { eventId?: string; type?: string },
): Pick<InboxOutcome, 'consumer' | 'topic' | 'partition' | 'offset' | 'eventId' | 'type'> {
  return { consumer, topic, partition, offset: message.offset, eventId: seen.eventId, type: seen.type };
}
