// Decorator metadata (class-transformer's @Type in the contracts) needs the polyfill before any contract loads.
import 'reflect-metadata';
// Messaging: the transactional outbox and its relay (write side), the inbox consumer and its NestJS
// transport (read side), dead letters, replay and redrive. kafkajs stays behind this lib.
export * from './backoff';
export * from './consumer-command';
export * from './consumer-definition';
export * from './dead-letter';
export * from './entities';
export * from './errors';
export * from './event-parsing';
export * from './handles-event';
export * from './headers';
export * from './inbox/handler';
export * from './inbox/inbox-consumer';
export * from './inbox/options';
export type { InboxOutcome, InboxOutcomeKind } from './inbox/outcomes';
export * from './inbox-kafka.server';
export * from './kafka-client';
export * from './logger';
export * from './messaging.module';
export * from './outbox';
export type { OutboxLag } from './relay/metrics';
export * from './relay/outbox-relay';
export * from './replay';
