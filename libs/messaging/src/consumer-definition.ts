import type { EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * One inbox consumer of a service: its name (inbox rows and consumer group are keyed by it), the topics
 * it reads, and the tables its handlers write. Live consumption (`connectInbox`) and replay both start
 * from this one definition, so they cannot disagree about what the consumer is.
 */
export interface ConsumerDefinition {
  consumer: string;
  topics: readonly string[];
  /** Tables built only from this consumer's events; a full replay clears them first. */
  projection: readonly EntityTarget<ObjectLiteral>[];
}
